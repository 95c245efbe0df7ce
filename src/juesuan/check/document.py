"""`juesuan check 某局2024决算.docx|.pdf|.txt`: a reviewer's pass over a document written by hand.

Before a bureau switches to juesuan it runs the checker over last year's published documents and
compares. The checks are those of `juesuan check` where a document allows them (template leftovers,
doubled words, amounts without a unit, code and name against the 功能分类 catalog, one figure one
value) plus what only a finished text can get wrong: every share, change and completion rate it states
is recomputed from the document's own figures, within rounding (check/stated.py). Findings use the same
`Finding`: line is the page (PDF), the line (text) or the paragraph (DOCX), column is 1, and field says
which (第3页/第120行/第45段), the heading above and quotes the sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from ..facts.catalog import Catalog, CatalogError, load_catalog
from . import text as prose
from .config import CheckConfig
from .engine import SEVERITIES, Finding, Severity
from .extract import Block, read_blocks
from .stated import HUNDRED, Num, Sentence, fits, normal, ratio, sentences, shown
from .tolerance import balances

#: id → (severity, statement, English); JS-NAR/JS-CAT ids are the data checks' rules applied to a document.
DOC_RULES: dict[str, tuple[Severity, str, str]] = {
    "JS-NAR-003": ("错误", "文字中不得留有模板说明或占位符", "no template instructions or placeholders"),
    "JS-NAR-004": ("错误", "文字中不得有重复的词句", "no repeated words"),
    "JS-NAR-008": ("警告", "文字中的金额应带单位", "amounts carry their unit"),
    "JS-NAR-012": ("警告", "标点不得重复或混用", "no repeated or mixed punctuation"),
    "JS-NAR-013": ("警告", "中文之间用全角标点", "Chinese text takes full-width punctuation"),
    "JS-NAR-014": ("错误", "文字中金额的单位（万元/元）应与文中其他处一致", "an amount carries the unit its figure has"),
    "JS-CAT-002": ("错误", "功能分类编码与科目名称须一致", "a 功能分类 code and its name must agree"),
    "JS-DOC-001": ("错误", "文中的占比 = 金额 ÷ 整体（四舍五入）", "a stated share = part / whole, rounded"),
    "JS-DOC-002": ("错误", "增减额与增减率须相符（上年数 = 本年数 ∓ 增减额）",
                   "a stated change and its rate agree"),
    "JS-DOC-003": ("错误", "完成预算的百分比 = 决算数 ÷ 预算数（含其下各项）",
                   "a completion rate = actual / budget, also over the items listed under it"),
    "JS-DOC-004": ("警告", "同一个数在文中各处印法一致", "one figure is printed the same way everywhere"),
    "JS-DOC-005": ("错误", "文档表格中合计、类、款 = 其下各行之和", "table totals equal their rows"),
    "JS-DOC-006": ("错误", "文中引用的公开表数 = 决算报表中的数", "figures quoted in the text equal the workbook"),
    "JS-DOC-007": ("警告", "上年为 0 时不能计算增长率（应以文字说明）", "no growth rate over a zero prior year"),
}
_SHARE = re.compile(r"占(?:比|(.{2,20}?)的?(?:比重|比例)?)?$")
_CHANGE = re.compile(r"(增加|减少|增长|下降|上升|降低)$")
_UP = ("增加", "增长", "上升")
_DONE = re.compile(r"完成(?:年初|全年|调整后?)?预算(?:数)?的?$")
_ITEM = re.compile(r"^\d{1,2}[.、](?!\d)")
_CODE_NAME = re.compile(r"([\u4e00-\u9fff]{2,30})[（(](\d{7}|\d{5}|\d{3})[）)]")
_BUDGETS = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|完成(?:年初|全年)?预算")
#: Figures printed once per document, however many sections quote them.
NAMES = ("本年收入合计", "本年支出合计", "收入总计", "支出总计", "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入",
         "基本支出", "项目支出", "人员经费", "公用经费", "一般公共预算财政拨款基本支出", "机关运行经费")


@dataclass
class Document:
    path: Path
    blocks: list[Block]
    sentences: list[Sentence]
    year: int | None
    catalog: Catalog | None
    workbook: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class DocHit:
    rule: str
    sentence: Sentence | Block
    message: str


def check_document(path: Path, tables: Path | None = None, catalog_dirs=None,
                   config: CheckConfig | None = None) -> list[Finding]:
    """Check one finished document; findings 错误 first, then in reading order."""
    config = config or CheckConfig()
    doc = read_document(path, catalog_dirs)
    if tables is not None:
        doc.workbook = workbook_figures(tables, doc.year)
    found = []
    for hit in hits(doc):
        if hit.rule in config.disabled:
            continue
        severity, _, en = DOC_RULES[hit.rule]
        found.append(_finding(doc, hit, config.severities.get(hit.rule, severity), en))
    found.sort(key=lambda f: (SEVERITIES.index(f.severity), f.line or 0, f.rule_id))
    return found


def read_document(path: Path, catalog_dirs=None) -> Document:
    blocks = read_blocks(path)
    year = document_year(blocks)
    catalog = None
    if year is not None:
        try:
            catalog = load_catalog("功能分类", year, catalog_dirs)
        except CatalogError:
            catalog = None  # no catalog for that year: codes are not checked
    return Document(path, blocks, sentences(blocks), year, catalog)


def document_year(blocks: list[Block]) -> int | None:
    """The accounts' year: from the title or a heading ("2021年度…部门决算"), else the year most written
    as "20XX年度" (some text exports lose the cover)."""
    text = normal(" ".join(b.text for b in blocks))
    m = re.search(r"(20\d\d)年度?[\u4e00-\u9fff]{0,20}部门决算", text)
    if m:
        return int(m.group(1))
    years = Counter(re.findall(r"(20\d\d)年度", text)) or Counter(re.findall(r"(20\d\d)年", text))
    return int(years.most_common(1)[0][0]) if years else None


def workbook_figures(path: Path, year: int | None) -> dict[str, Decimal]:
    from ..exchange import import_workbook
    from ..tables.figures import figures_of

    figures = figures_of(import_workbook(path, year=year).tables)
    return {name: value for name in NAMES if (value := figures.get(name)) is not None}


def hits(doc: Document) -> Iterator[DocHit]:
    yield from text_hits(doc)
    yield from share_hits(doc)
    yield from change_hits(doc)
    yield from completion_hits(doc)
    yield from same_figure_hits(doc)
    yield from code_hits(doc)
    yield from table_hits(doc)


def _finding(doc: Document, hit: DocHit, severity: Severity, en: str) -> Finding:
    block = hit.sentence.block if isinstance(hit.sentence, Sentence) else hit.sentence
    quote = hit.sentence.text if isinstance(hit.sentence, Sentence) else block.text
    quote = quote if len(quote) <= 80 else quote[:78] + "……"
    return Finding(hit.rule, severity, doc.path, block.line, 1, f"{block.where()}「{quote}」", hit.message,
                   statement_en=en)


# -- words -----------------------------------------------------------------------------------

def text_hits(doc: Document) -> Iterator[DocHit]:
    """The data checks' text scanners (check/text.py), over every paragraph (and table row, for leftovers).
    Punctuation is read from the text as printed; the rest from it with the export's spaces removed."""
    figures = {n.value for s in doc.sentences for n in s.numbers if n.unit == "万元" and "元" in n.text
               and "万" in n.text} | set(doc.workbook.values())
    for block in doc.blocks:
        text = normal(block.text)
        for m in prose.outermost(prose.leftovers(text) + prose.placeholders(text)):
            yield DocHit("JS-NAR-003", block, f"留有{m.what}：{m.context}。请删去或填上实际内容。")
        if block.cells:
            continue
        for m in prose.doubled_words(text) if is_prose(text) else ():
            if re.search(r"[，。；]", text[max(m.start - 15, 0):m.end + 15]):
                yield DocHit("JS-NAR-004", block, f"{m.what}：{m.context}。请删去重复的部分。")
        for m in prose.bare_amounts(text):
            yield DocHit("JS-NAR-008", block, f"“{m.text}”后没有单位（万元/元）：{m.context}。")
        for m in prose.unit_mismatches(text, figures):
            yield DocHit("JS-NAR-014", block, f"{m.what}：{m.context}。这个数在文中别处以另一单位出现。")
        printed = re.sub(r"\s+", "", block.text)
        for m in prose.repeated_marks(printed):
            yield DocHit("JS-NAR-012", block, f"{m.what}：{m.context}。请只留一个标点。")
        half = prose.half_width_marks(printed)
        if half:  # one finding a paragraph: a typist's habit, not a new error each time
            more = f"（本段共 {len(half)} 处）" if len(half) > 1 else ""
            yield DocHit("JS-NAR-013", block, f"{half[0].what}：{half[0].context}{more}。中文之间请用全角标点。")


def is_prose(text: str) -> bool:
    """Sentences, not a table flattened by a text export ("指标 指标 完成 完成" is two cells, not a typo):
    a comma or full stop at least every 60 characters."""
    if re.search(r"[一二三]级指标|指标值|年初预算数.{0,4}全年预算数|填报人", text):
        return False
    return len(re.findall(r"[，。；]", text)) * 60 >= len(text)


# -- arithmetic ------------------------------------------------------------------------------

def _window(doc: Document, index: int, back: int = 2) -> list[Sentence]:
    """This sentence and up to `back` before it in the same paragraph, nearest last; a paragraph that ends
    with "其中：" introduces the next one (seed 004: "…决算数为1778.52万元。其中：" / "…1332.21万元，占比74.90%")."""
    here = doc.sentences[index]
    found = [here]
    for j in range(index - 1, max(index - back, 0) - 1, -1):
        if doc.sentences[j].block is not here.block:
            if doc.sentences[j].text.rstrip().endswith(("其中：", "其中:")):
                above = doc.sentences[j].block
                found[:0] = [t for t in doc.sentences[max(j - back, 0): j + 1] if t.block is above]
            break
        found.insert(0, doc.sentences[j])
    return found


def _amounts_before(doc: Document, index: int, position: int, back: int = 2) -> list[Num]:
    """Amounts (not percentages) before `position` in this sentence and before it in its paragraph, in order."""
    window = _window(doc, index, back)
    found = []
    for s in window[:-1]:
        found += [n for n in s.numbers if not n.percent]
    return found + [n for n in window[-1].numbers if not n.percent and n.start < position]


def _named(doc: Document, index: int, name: str) -> Num | None:
    """The amount the document gives for `name` ("本年支出合计"), nearest before `index` first."""
    order = list(range(index, -1, -1)) + list(range(index + 1, len(doc.sentences)))
    for j in order:
        for n in doc.sentences[j].numbers:
            if not n.percent and n.label.endswith(name) and "上年" not in n.label:
                return n
    return None


def shares(doc: Document) -> Iterator[tuple[int, Num, Num, Num, bool]]:
    """(sentence index, part, whole, stated share, sure) for every "占…%" with a whole found."""
    for i, s in enumerate(doc.sentences):
        for p in s.numbers:
            m = _SHARE.search(p.label) if p.percent else None
            if not m:
                continue
            before = [n for n in s.numbers if not n.percent and n.start < p.start]
            if not before:
                continue
            part = before[-1]
            cut = s.text.find("其中")
            if m.group(1):
                whole, sure = _named(doc, i, m.group(1)), True
            elif 0 <= cut < part.start and (heads := [n for n in before if n.start < cut and n not in _parts(s)]):
                whole, sure = heads[-1], True
            else:
                parts = _parts(s)
                others = [n for n in _amounts_before(doc, i, part.start)
                          if n not in parts and n.value >= part.value]
                fitting = [n for n in others if fits(p, ratio(part, n))]
                summed = [n for n in others if len(parts) > 1 and n.value == sum(x.value for x in parts)]
                whole, sure = (fitting or summed or others or [None])[0], False   # the whole its parts add to
            if whole is not None and whole is not part:
                yield i, part, whole, p, sure


def _parts(s: Sentence) -> list[Num]:
    """The amounts a share is stated for in this sentence ("基本支出621.01万元，占34.92%")."""
    found = []
    for k, n in enumerate(s.numbers[1:], start=1):
        if n.percent and _SHARE.search(n.label) and not s.numbers[k - 1].percent:
            found.append(s.numbers[k - 1])
    return found


def share_hits(doc: Document) -> Iterator[DocHit]:
    for i, part, whole, stated, sure in shares(doc):
        span = ratio(part, whole)
        if not fits(stated, span):
            exact = part.value * HUNDRED / whole.value
            yield DocHit("JS-DOC-001", doc.sentences[i],
                         f"{part.label}{part.text}占{whole.label}{whole.text}应为{shown(exact, stated)}%，"
                         f"文中写{stated.text}。")


def change_hits(doc: Document) -> Iterator[DocHit]:
    for i, s in enumerate(doc.sentences):
        for k, rate in enumerate(s.numbers):
            m = _CHANGE.search(rate.label) if rate.percent else None
            if not m or k == 0 or s.numbers[k - 1].percent or not _CHANGE.search(s.numbers[k - 1].label):
                continue
            delta = s.numbers[k - 1]
            before = [n for n in _amounts_before(doc, i, delta.start) if not _CHANGE.search(n.label)]
            if not before or "上年" in before[-1].label:
                continue
            subject = re.sub(r"(?:各|均|比.*|较.*)?(?:增加|减少|增长|下降|上升|降低)$", "", delta.label)
            named = [n for n in before if len(subject) >= 2 and subject in n.label]
            now, up = (named or before)[-1], _CHANGE.search(delta.label).group(1) in _UP
            if up != (m.group(1) in _UP):
                yield DocHit("JS-DOC-002", s, f"增减方向不一致：“{delta.label}{delta.text}”却“{rate.label}{rate.text}”。")
                continue
            low, high = (now.low - delta.high, now.high - delta.low) if up else (now.low + delta.low,
                                                                                  now.high + delta.high)
            prior = now.value - delta.value if up else now.value + delta.value
            if prior <= 0:
                yield DocHit("JS-DOC-007", s, f"由本年{now.text}和{delta.label}{delta.text}推出上年为0，"
                                              f"增长率无从计算，文中却写{rate.label}{rate.text}；应改为文字说明。")
                continue
            if low <= 0:
                continue
            span = (delta.low * HUNDRED / high, delta.high * HUNDRED / low)
            if not fits(rate, span):
                exact = delta.value * HUNDRED / prior
                yield DocHit("JS-DOC-002", s, f"本年{now.text}、{delta.label}{delta.text}，上年应为{prior:f}万元，"
                                              f"{m.group(1)}率应为{shown(exact, rate)}%，文中写{rate.text}。")


def _completion(numbers_before: list[Num]) -> tuple[Num | None, Num | None]:
    """(决算数, 预算数) among the amounts before a completion rate: the budget is the one named 预算."""
    budget = next((n for n in reversed(numbers_before) if "预算" in n.label and "决算" not in n.label), None)
    actual = next((n for n in reversed(numbers_before) if n is not budget), None)
    return actual, budget


def completion_hits(doc: Document) -> Iterator[DocHit]:
    for i, s in enumerate(doc.sentences):
        for rate in s.numbers:
            if not (rate.percent and _DONE.search(rate.label)):
                continue
            actual, budget = _completion(_amounts_before(doc, i, rate.start))
            if actual is None:
                continue
            if budget is not None and not fits(rate, ratio(actual, budget)):
                exact = actual.value * HUNDRED / budget.value if budget.value else None
                yield DocHit("JS-DOC-003", s, f"决算{actual.text}、预算{budget.text}，完成预算应为"
                                              f"{shown(exact, rate) if exact is not None else '—'}%，文中写{rate.text}。")
                continue
            tail = s.text[rate.start:]
            if "持平" in tail and not fits(rate, (HUNDRED, HUNDRED)):
                yield DocHit("JS-DOC-003", s, f"文中说决算数与预算数持平，完成预算却写{rate.text}。")
            yield from _items(doc, i, s, actual, budget, rate)


def _items(doc: Document, index: int, s: Sentence, actual: Num, budget: Num | None, rate: Num) -> Iterator[DocHit]:
    """A completion rate over "其中：1. … 2. …": the items' actual figures must add up to the total's, and
    their budgets (stated, or actual ÷ rate) to the total's budget."""
    if "其中" not in s.text[rate.start:] and not (index + 1 < len(doc.sentences)
                                                 and doc.sentences[index + 1].text.startswith("其中")):
        return
    items: list[list[Sentence]] = []
    for later in doc.sentences[index + 1:]:
        if later.block.heading != s.block.heading:
            break
        if _ITEM.match(later.text) and normal(later.block.text).startswith(later.text[:6]):
            items.append([])
        if items and later.block is not s.block:
            items[-1].append(later)
    low = high = Decimal(0)
    actuals = []
    for item in items:
        nums = [n for t in item for n in t.numbers]
        done = next((k for k, n in enumerate(nums) if n.percent and _DONE.search(n.label)), None)
        if done is None:
            return
        a, b = _completion([n for n in nums[:done] if not n.percent])
        if a is None or nums[done].low <= 0:
            return
        actuals.append(a.value)
        if b is not None:
            low, high = low + b.low, high + b.high
        else:
            low, high = low + a.low * HUNDRED / nums[done].high, high + a.high * HUNDRED / nums[done].low
    if len(items) < 2 or not balances([actual.value], actuals):
        return
    if budget is not None:
        if budget.high < low or budget.low > high:
            yield DocHit("JS-DOC-003", s, f"其下{len(items)}项的预算合计约{(low + high) / 2:.2f}万元，与文中预算"
                                          f"{budget.text}不符；按各项计，完成预算应为"
                                          f"{shown(actual.value * 2 * HUNDRED / (low + high), rate)}%，文中写{rate.text}。")
    elif low > 0 and not fits(rate, (actual.low * HUNDRED / high, actual.high * HUNDRED / low)):
        yield DocHit("JS-DOC-003", s, f"其下{len(items)}项的预算合计约{(low + high) / 2:.2f}万元，完成预算应为"
                                      f"{shown(actual.value * 2 * HUNDRED / (low + high), rate)}%，文中写{rate.text}。")


# -- one figure, one value -------------------------------------------------------------------

def _name_of(label: str) -> str | None:
    label = re.sub(r"^(?:20\d\d年度?|本年度?)", "", label)
    for suffix in ("支出决算为", "决算为", "决算数为", "支出为", "为", "支出", "共计"):
        if label.endswith(suffix) and label[: -len(suffix)] in NAMES:
            return label[: -len(suffix)]
    return label if label in NAMES else None


def same_figure_hits(doc: Document) -> Iterator[DocHit]:
    prior = str(doc.year - 1) if doc.year else "上年"
    named: dict[str, tuple[Num, Sentence]] = {}
    for s in doc.sentences:
        if "上年" in s.text or prior in s.text:
            continue
        for n in s.numbers:
            name = _name_of(n.label) if n.unit == "万元" else None
            if name is None or "预算" in _BUDGETS.sub("", s.text[:n.start]):
                continue
            if name in doc.workbook and not (n.low <= doc.workbook[name] <= n.high):
                yield DocHit("JS-DOC-006", s, f"{name}{n.text}，决算报表中为{doc.workbook[name]:f}万元。")
            first = named.setdefault(name, (n, s))
            if n.value != first[0].value:
                yield DocHit("JS-DOC-004", s, f"{name}此处为{n.text}，{first[1].block.where()}为{first[0].text}；"
                                              f"同一个数应处处相同。")
    printed: dict[tuple[Decimal, Decimal], tuple[Num, Sentence]] = {}
    for i, part, whole, stated, sure in shares(doc):
        if not sure or part.value == 0:
            continue
        first = printed.setdefault((part.value, whole.value), (stated, doc.sentences[i]))
        if first[0].text != stated.text:
            yield DocHit("JS-DOC-004", doc.sentences[i],
                         f"{part.text}占{whole.text}此处印作{stated.text}，{first[1].block.where()}印作"
                         f"{first[0].text}；同一个比例应印法一致。")


# -- codes and tables ------------------------------------------------------------------------

def _code_name(doc: Document, code: str, name: str, where: Sentence | Block) -> Iterator[DocHit]:
    entry = doc.catalog.get(code) if doc.catalog is not None else None
    if entry is None or entry.name in name:
        return
    meant = [e for e in doc.catalog if len(e.code) == len(code) and name.endswith(e.name) and len(e.name) >= 4]
    if meant:
        right = max(meant, key=lambda e: len(e.name))
        yield DocHit("JS-CAT-002", where, f"{code} 在{doc.year}年功能分类中是“{entry.name}”，文中写作“{right.name}”；"
                                          f"“{right.name}”的编码是 {right.code}。")


def code_hits(doc: Document) -> Iterator[DocHit]:
    for s in doc.sentences:
        for m in _CODE_NAME.finditer(s.text):
            yield from _code_name(doc, m.group(2), m.group(1), s)
    for block in doc.blocks:
        for k, cell in enumerate(block.cells[:-1]):
            if re.fullmatch(r"\d{3}|\d{5}|\d{7}", cell):
                yield from _code_name(doc, cell, normal(block.cells[k + 1]), block)


def _figures(cells: tuple[str, ...]) -> list[Decimal | None]:
    return [Decimal(c.replace(",", "")) if re.fullmatch(r"-?[\d,]+(\.\d+)?", c) else None for c in cells]


def table_hits(doc: Document) -> Iterator[DocHit]:
    """Tables with 功能分类 codes: each 类 and 款 = its rows below, 合计 = the 类 rows (every figure column)."""
    tables: dict[int, list[Block]] = {}
    for block in doc.blocks:
        if block.table is not None or block.cells:
            tables.setdefault(block.table if block.table is not None else -block.line, []).append(block)
    for rows in tables.values():
        coded = {row.cells[0]: row for row in rows if re.fullmatch(r"\d{3}|\d{5}|\d{7}", row.cells[0])}
        if not coded or any(sum(bool(re.fullmatch(r"\d{3,7}", c)) for c in r.cells) > 1 for r in rows):
            continue  # two panels side by side (基本支出表): rows are not one list
        total = next((r for r in rows if normal(r.cells[0]) in ("合计", "总计") or
                      r.cells[0] == "" and len(r.cells) > 1 and normal(r.cells[1]) == "合计"), None)
        groups = [(code, row, [r for c, r in coded.items() if len(c) == len(code) + 2 and c.startswith(code)])
                  for code, row in coded.items() if len(code) < 7]
        if total is not None:
            groups.append(("合计", total, [r for c, r in coded.items() if len(c) == 3]))
        for code, row, parts in groups:
            yield from _sums(code, row, parts)


def _sums(code: str, row: Block, parts: list[Block]) -> Iterator[DocHit]:
    if not parts:
        return
    mine = _figures(row.cells)
    for column, value in enumerate(mine):
        if value is None or column == 0:
            continue
        below = [f[column] for p in parts if len(f := _figures(p.cells)) == len(mine)]
        below = [v for v in below if v is not None]
        if len(below) == len(parts) and not balances([value], below):
            yield DocHit("JS-DOC-005", row, f"{code}行第{column + 1}列为{value:f}，其下{len(parts)}行之和为"
                                            f"{sum(below):f}。")
