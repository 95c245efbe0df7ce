"""The words around the figures: every 增减 and 预决算差异 has its reason; no template text is published.

The program writes the arithmetic sentences; the officer writes only the reasons and the prose. So the
checks here are: a reason exists wherever the document will say 增加/减少 or 决算数大于/小于预算数
(by at least the county's threshold, `须说明原因的变动金额`), and the prose — every free-text field of
the data file, and the generated document's text when given — carries no template instruction,
placeholder, doubled word, stray year or other unit's name.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path
from typing import Callable, Iterator

from ...facts.phrases import Change, Completion
from ...tables.figures import NAMES, THREE
from ...tables.labels import nearest, norm
from ...validate.model import UNKNOWN
from ..engine import CheckContext, Hit, rule
from ...tables.model import to_wan
from ..text import (
    CJK,
    UNIT_SUFFIX,
    Match,
    bare_amounts,
    custom_patterns,
    doubled_leads,
    doubled_words,
    free_text,
    half_width_marks,
    instructions,
    literal,
    outermost,
    repeated_marks,
    stray_years,
    template_blanks,
    unit_mismatches,
    without_titles,
)

RENDERED = "生成的文档"
_PLACE_MARK = "省市县区州旗盟"


# ---------------------------------------------------------------- reasons
def _needs(ctx: CheckContext, difference) -> bool:
    return difference != 0 and abs(difference) >= ctx.config.reason_threshold


def _change_needs(ctx: CheckContext, change: Change) -> bool:
    return change.direction != "flat" and _needs(ctx, change.diff.rounded)


def _said(label: str, change: Change) -> str:
    return f"{label}{change.verb}{change.diff.abs()}万元（上年 {change.previous}，本年 {change.current}）"


REASONS, BUDGET_REASONS = "变动原因", "预决算差异原因"
#: Reason keys that name a sentence rather than one figure.
SENTENCE_KEYS = ("收入支出总计", "财政拨款收入支出总计", "一般公共预算财政拨款收入支出总计")


def _written(ctx: CheckContext, block: str, key: str) -> tuple[str, str] | None:
    """(the key as written, its text) for `key` in the 变动原因 / 预决算差异原因 block, however it was typed."""
    mapping = ctx.data.reasons if block == REASONS else ctx.data.budget_reasons
    return next(((k, v) for k, v in mapping.items() if norm(k) == norm(key)), None)


def _changes(ctx: CheckContext) -> list[tuple[str, list[tuple[str, Change]]]]:
    """(the reason's key, the changes it explains), as the document words them."""
    r = ctx.report
    t, f, g, tp = r.totals, r.fiscal, r.general, r.three_public
    found = [
        ("收入支出总计", [("收入总计", t["income_change"]), ("支出总计", t["expense_change"])]),
        ("财政拨款收入支出总计", [("财政拨款收入总计", f["income_change"]), ("财政拨款支出总计", f["expense_change"])]),
        ("一般公共预算财政拨款支出", [("一般公共预算财政拨款支出", g["change"])]),
        ("政府性基金预算财政拨款支出", [("政府性基金预算财政拨款支出", r.fund.change)]),
        ("国有资本经营预算财政拨款支出", [("国有资本经营预算财政拨款支出", r.capital.change)]),
        *((part.name, [(part.label, part.change)]) for part in (tp["travel"], tp["cars"], tp["receptions"])),
    ]
    if r.operating_costs is not None:
        found.append(("机关运行经费", [("机关运行经费", r.operating_costs.change)]))
    return [(key, [(label, c) for label, c in changes if c is not None]) for key, changes in found]


@dataclasses.dataclass(frozen=True)
class ReasonSlot:
    """A place where the document may give a reason: which figures it explains and what is written there.
    `needed`: the document states a difference at or above 须说明原因的变动金额, so a reason (or 未知) must be
    given; the workbench shows every slot, `juesuan check` reports the needed ones left empty."""

    block: str                  # 变动原因 or 预决算差异原因
    key: str                    # as written in the data, else the name the document uses
    said: str                   # what the document says there
    what: str                   # what to write: 变动原因 / 决算数与预算数不同的主要原因
    figures: dict
    needed: bool
    text: str                   # what is written now ("" when nothing)


def reason_slots(ctx: CheckContext) -> list[ReasonSlot]:
    """Every reason the document could print, in the document's order (needs `ctx.report`)."""
    slots = []
    for key, changes in _changes(ctx):
        if all(c.direction == "flat" for _, c in changes):
            continue                                        # 持平: the document gives no reason there
        moving = [(label, c) for label, c in changes if _change_needs(ctx, c)]
        written = _written(ctx, REASONS, key)
        said = "；".join(_said(label, c) for label, c in (moving or changes))
        slots.append(ReasonSlot(REASONS, written[0] if written else key, said, "变动原因",
                                {label: c.diff.value for label, c in (moving or changes)}, bool(moving),
                                written[1].strip() if written else ""))
    for path_key, label, completion in _budget_gaps(ctx):
        if completion.rate is None or completion.relation == "equal":
            continue
        gap = completion.actual.basis - completion.budget.basis
        written = _written(ctx, BUDGET_REASONS, path_key)
        said = (f"{label}决算 {completion.actual} 万元，{completion.basis} {completion.budget} 万元，"
                f"文档会写“{completion.relation_text}”")
        slots.append(ReasonSlot(BUDGET_REASONS, written[0] if written else path_key, said, "决算数与预算数不同的主要原因",
                                {"决算": completion.actual.value, completion.basis: completion.budget.value, "差额": gap},
                                _needs(ctx, gap), written[1].strip() if written else ""))
    return slots


def _missing_reasons(ctx: CheckContext) -> Iterator[tuple[tuple, str, str, dict, bool]]:
    """(path, what the document says, the fix, figures, declared 未知) for every reason the document needs."""
    for slot in reason_slots(ctx):
        if slot.needed and slot.text in ("", UNKNOWN):
            yield (slot.block, slot.key), slot.said, slot.what, slot.figures, slot.text == UNKNOWN


def _budget_gaps(ctx: CheckContext) -> Iterator[tuple[str, str, Completion]]:
    for leaf in ctx.report.general["leaves"]:
        if leaf.completion is not None:
            yield leaf.code, f"{leaf.code} {leaf.name}", leaf.completion
    tp = ctx.report.three_public
    if tp["completion"] is not None:
        yield THREE, THREE, tp["completion"]


@rule("JS-NAR-001", "错误", "文档写“增加/减少”“决算数大于/小于预算数”处须有原因（差额不小于「须说明原因的变动金额」时）",
      en="where the document says 增加/减少 or 大于/小于预算数, a reason is needed (for changes above the threshold)")
def reasons_given(ctx: CheckContext):
    if ctx.report is None:
        return
    for path, said, what, figures, unknown in _missing_reasons(ctx):
        if not unknown:
            yield Hit(path, f"{said}。文档会写出这一差异，但没有填写原因。请在「{path[0]}」中以「{path[1]}」为名写明{what}"
                            "（只写原因，数字由程序算）。", figures)


@rule("JS-NAR-002", "警告", "原因标为「未知」：文档不写原因（正式公开前宜补上）",
      en="a reason marked 未知: the document gives none (add one before publishing)")
def reasons_unknown(ctx: CheckContext):
    if ctx.report is None:
        return
    for path, said, what, figures, unknown in _missing_reasons(ctx):
        if unknown:
            yield Hit(path, f"{said}，原因标为「{UNKNOWN}」，文档在此不写原因。正式公开前宜补上{what}。", figures)


@rule("JS-NAR-010", "错误", "「变动原因」「预决算差异原因」的每一项须是文档中的一个数或一个科目编码",
      en="each key of 变动原因/预决算差异原因 must be a figure or a code in the document")
def reason_keys(ctx: CheckContext):
    codes = {row.key for table in ctx.tables for panel in table.panels.values() for row in panel.coded()}
    names = [*SENTENCE_KEYS, *NAMES]
    for block, mapping in ((REASONS, ctx.data.reasons), (BUDGET_REASONS, ctx.data.budget_reasons)):
        for key in mapping:
            if key in codes or norm(key) in {norm(n) for n in names}:
                continue
            near = nearest(key, [*names, *sorted(codes)], 2)
            hint = "，是否想写：" + "、".join(f"「{n}」" for n in near) if near else ""
            yield Hit((block, key), f"「{block}」中的「{key}」不是文档中的数或公开表中的科目编码{hint}。"
                                    "原因要写在它所解释的数名下（如「公务接待费」「2101501」）。", {"名称": key})


# ---------------------------------------------------------------- prose
def _scan(
    ctx: CheckContext, find: Callable[[str], list[Match]], say: Callable[[Match], str], rendered: bool = True,
    forms: bool = True,
) -> Iterator[Hit]:
    """Hits for `find` in every free-text field and, unless it came from one of them, in the generated text;
    one hit per field and wording (a blank copied three times into one field is one fix). `forms=False`
    leaves out the workbook's 绩效自评表 as printed (their official titles and notes are not the unit's prose)."""
    seen, said = [], set()
    for path, text in free_text(ctx.raw.data):
        for m in find(text):
            seen.append((text, m))
            if (path, m.text) not in said:
                said.add((path, m.text))
                yield Hit(path, say(m), {"文字": m.text})
    if rendered and ctx.rendered_text:
        document = ctx.rendered_text
        for m in find(document):
            if any(_same_spot(text, found, document, m) for text, found in seen) or m.text in said:
                continue
            if not forms and _held(document, m, _form_texts(ctx)):
                continue
            said.add(m.text)
            yield Hit((), f"{say(m)}（{_origin(ctx, document, m)}）", {"文字": m.text}, RENDERED)


def _held(document: str, m: Match, texts: list[str]) -> bool:
    """Is the document's match `m`, with the words beside it on its line, inside one of `texts`?"""
    line_start = document.rfind("\n", 0, m.start) + 1
    line_end = document.find("\n", m.end) % (len(document) + 1)
    for width in (8, 4, 0):
        before = document[max(line_start, m.start - width) : m.start]
        after = document[m.end : min(line_end, m.end + width)]
        for snippet in (before + m.text + after, before + m.text, m.text + after):
            if len(snippet) > 1 and any(snippet in text for text in texts):
                return True
    return False


def _origin(ctx: CheckContext, document: str, m: Match) -> str:
    """Where a generated text's words came from: the catalog file that holds them (a county's 名词解释.yaml or
    科目目录), the workbook's 绩效自评表, else the template or the program."""
    for file in _catalog_files(ctx):
        if _held(document, m, [_read(file)]):
            return f"出现在生成的文档中，来自科目目录文件 {file}：请在该文件中改正"
    if _held(document, m, _form_texts(ctx)):
        return "出现在生成的文档中，来自工作簿的绩效自评表：请在工作簿中改正"
    return "出现在生成的文档中，来自模板或程序：请检查所用模板"


def _form_texts(ctx: CheckContext) -> list[str]:
    """Every text of the workbook's 绩效自评表 as the document prints them (titles, indicators, notes)."""
    return list(_strings(ctx.report.evaluations if ctx.report else []))


def _strings(value, depth: int = 0) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif depth < 8 and isinstance(value, dict):
        for item in value.values():
            yield from _strings(item, depth + 1)
    elif depth < 8 and isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, depth + 1)
    elif depth < 8 and (dataclasses.is_dataclass(value) or hasattr(type(value), "model_fields")):
        names = type(value).model_fields if hasattr(type(value), "model_fields") else value.__dataclass_fields__
        for name in names:
            yield from _strings(getattr(value, name), depth + 1)


def _catalog_files(ctx: CheckContext) -> list[Path]:
    """The catalog and glossary files the document's 名词解释 and subject names were read from, user's first."""
    files = [*ctx.functional.sources, *ctx.economic.sources]
    folders = dict.fromkeys([*ctx.catalog_dirs, *(f.parent.parent for f in files)])
    return [*files, *(d / "名词解释.yaml" for d in folders if (d / "名词解释.yaml").is_file())]


def _read(file: Path) -> str:
    try:
        return Path(file).read_text(encoding="utf-8")
    except OSError:
        return ""


def _same_spot(text: str, found: Match, document: str, m: Match, width: int = 4) -> bool:
    """Is the document's match `m` the data's match `found`, printed? Same words just before or just after it."""
    if found.text != m.text:
        return False
    before, after = min(width, found.start), min(width, len(text) - found.end)
    if not before and not after:
        return True
    return (
        before > 0
        and m.start >= before
        and text[found.start - before : found.end] == document[m.start - before : m.end]
    ) or (after > 0 and text[found.start : found.end + after] == document[m.start : m.end + after])


@rule("JS-NAR-003", "错误", "文字中不得留有模板说明或占位符（**、XX、……、（注：、请根据、（变动原因）、“指。”等）",
      en="no template instructions or placeholders may be left in the text")
def template_leftovers(ctx: CheckContext):
    yield from _scan(
        ctx,
        template_blanks,
        lambda m: f"文字中留有{m.what}：“{m.context}”。公开文本不能保留模板说明或占位符，请删除或改为实际内容。",
    )


@rule("JS-NAR-004", "错误", "文字中不得有重复的词句（如“社会社会”“主要变动原因是主要变动原因是”）",
      en="no repeated words or phrases in the text")
def doubled(ctx: CheckContext):
    yield from _scan(ctx, lambda t: outermost(doubled_words(t) + doubled_leads(t)), lambda m: f"文字中有{m.what}：“{m.context}”，像是多写了一遍。请删去重复部分。")


@rule("JS-NAR-005", "警告", "文字中的年份应为本年、上年或公开年度",
      en="years in the text should be this year, last year or the year of publication")
def stray_year(ctx: CheckContext):
    y = ctx.data.year
    allowed = {y - 1, y, y + 1}
    yield from _scan(
        ctx,
        lambda text: stray_years(text, allowed),
        lambda m: (
            f"文字中提到{m.what}：“{m.context}”，不是本年度（{y}）、上年（{y - 1}）或公开年度。"
            "如是从往年文档复制而来，请改正；如确需提及往年，可忽略本提示。"
        ),
        rendered=False,
    )


@rule("JS-NAR-006", "警告", "文字中的单位名称应为本单位或纳入决算范围的单位",
      en="unit names in the text should be this unit or units within its accounts")
def other_units(ctx: CheckContext):
    unit = ctx.data.unit
    known = [unit.name, *unit.organization.in_scope, *ctx.config.mentionable_units]
    if unit.region:
        known.append(unit.region + _split(unit.name)[1])  # the province's bureau of the same kind
    for path, text in free_text(ctx.raw.data):
        if "明细" in path:
            continue  # reception details name the visiting units by design
        for name, near in _foreign_names(without_titles(text), unit.name, known):
            why = (
                f"与「{near}」相近但不相同，可能写错了名称"
                if near
                else "像是另一个地区的同类单位，可能是从别处复制的文字"
            )
            yield Hit(
                path,
                f"文字中出现单位名称「{name}」，{why}。本单位为「{unit.name}」。请核对；如确需提及该单位，"
                "可在配置的「可提及的单位」中列出。",
                {"单位名称": name},
            )


def _split(name: str) -> tuple[str, str]:
    """A unit name's place and kind: 绵竹市医疗保障局 → (绵竹市, 医疗保障局); ("", name) when it names no place."""
    for i, char in enumerate(name[1:], start=1):
        if char in _PLACE_MARK and len(name) - i > 2:
            return name[: i + 1], name[i + 1 :]
    return "", name


def _foreign_names(text: str, own: str, known: list[str]) -> Iterator[tuple[str, str | None]]:
    """Unit names in `text` that are not `known`: the same kind of unit of another place, or a near-miss
    of a known name of the same place (广汉市医疗保障服务中心 for 广汉市医疗保障事务中心)."""
    place, function = _split(own)
    if not place:
        return
    reported = set()
    for m in re.finditer(re.escape(function), text):
        before = text[: m.start()]
        if before.endswith(place) or not before or before[-1] not in _PLACE_MARK:
            continue
        head = re.search(rf"[{CJK}]{{1,2}}$", before[:-1])
        name = (head.group() if head else "") + before[-1] + function
        if (
            head
            and head.group()[-1] not in "我本全该各此"
            and name not in reported
            and not any(k.endswith(name) for k in known)
        ):
            reported.add(name)
            yield name, None
    pattern = re.compile(rf"{re.escape(place)}[{CJK}]{{2,12}}?{UNIT_SUFFIX}")
    for m in pattern.finditer(text):
        name = m.group()
        if name in known or name in reported:
            continue
        near = max(known, key=lambda k: difflib.SequenceMatcher(None, name, k).ratio())
        if difflib.SequenceMatcher(None, name, near).ratio() >= 0.8:
            reported.add(name)
            yield name, near


@rule("JS-NAR-007", "警告", "文字中不得出现本地区配置的「附加禁用词」",
      en="the text must not contain the words the local configuration bans")
def county_words(ctx: CheckContext):
    words = ctx.config.banned_words
    if words:
        yield from _scan(
            ctx,
            lambda text: literal(text, words),
            lambda m: f"文字中出现本地区规定不得使用的{m.what}：“{m.context}”。请改写。",
        )


@rule("JS-NAR-008", "警告", "文字中的金额应带单位（如“853.06，完成预算”缺“万元”）",
      en="amounts in the text carry their unit (万元/元)")
def bare_amount(ctx: CheckContext):
    yield from _scan(
        ctx, bare_amounts, lambda m: f"数字 {m.text} 后面缺少单位：“{m.context}”。请补上“万元”“元”或“%”等单位。"
    )


@rule("JS-NAR-011", "警告", "文字中不得有写给填报人的说明（“按各部门实际…罗列”“如有…请…”“包括机关和下属单位”）",
      en="no sentences addressed to the officer filling the template")
def addressed_to_officer(ctx: CheckContext):
    yield from _scan(
        ctx,
        instructions,
        lambda m: f"文字中有{m.what}：“{m.context}”。这是模板写给填报人的话，公开文本中请改为本单位的实际内容。",
    )


@rule("JS-NAR-012", "警告", "标点不得重复或混用（“，，”“。。”“，。”“；。”）", en="no repeated or mixed punctuation")
def repeated_punctuation(ctx: CheckContext):
    yield from _scan(ctx, repeated_marks, lambda m: f"文字中有{m.what}：“{m.context}”。请只留一个标点。", forms=False)


@rule("JS-NAR-013", "警告", "中文之间用全角标点（，；：（））", en="Chinese text takes full-width punctuation")
def half_width_punctuation(ctx: CheckContext):
    full = {",": "，", ";": "；", ":": "：", "(": "（）"}
    yield from _scan(
        ctx, half_width_marks, lambda m: f"文字中有{m.what}：“{m.context}”。中文之间请用全角“{full[m.text[0]]}”。",
        forms=False,
    )


@rule("JS-NAR-014", "错误", "文字中金额的单位（万元/元）应与公开表一致",
      en="an amount in the text carries the unit (万元/元) its figure has in the tables")
def unit_mismatch(ctx: CheckContext):
    figures = {v for v in ctx.figures.values.values() if v} | {
        to_wan(value, table.unit) for table in ctx.tables for *_, value in table.cells() if value
    }
    yield from _scan(
        ctx,
        lambda text: unit_mismatches(text, figures),
        lambda m: f"文字中的{m.what}：“{m.context}”。这个数与公开表中的数相同，但单位不同。请改正单位。",
    )


@rule("JS-NAR-015", "警告", "文字中不得出现本地区配置的「附加句式」", en="the text must not match the patterns the local configuration bans")
def county_patterns(ctx: CheckContext):
    patterns = [(re.compile(p.regex), p.meaning) for p in ctx.config.patterns]
    if patterns:
        yield from _scan(
            ctx,
            lambda text: custom_patterns(text, patterns),
            lambda m: f"文字中出现本地区规定的句式（{m.what}）：“{m.context}”。请改写。",
        )


#: The prefix `juesuan new` puts before each reason it copies from last year's file (see `juesuan.scaffold`).
PENDING = "待确认："


@rule("JS-NAR-017", "错误", f"上年的原因尚未确认：「变动原因」「预决算差异原因」中不得留有「{PENDING}」",
      en="a reason copied from last year is not confirmed yet (remove 待确认： once it is checked)")
def pending_reasons(ctx: CheckContext):
    for block, mapping in ((REASONS, ctx.data.reasons), (BUDGET_REASONS, ctx.data.budget_reasons)):
        for key, text in mapping.items():
            if text.startswith(PENDING.rstrip("：")):
                said = text[len(PENDING.rstrip("：")):].lstrip("：: ")
                yield Hit((block, key), f"上年的原因尚未确认：「{block}」中的「{key}」是从上年文件抄来的“{said}”。"
                                        f"请对照今年的数核实或改写，确认后删去开头的「{PENDING}」。", {"名称": key})
