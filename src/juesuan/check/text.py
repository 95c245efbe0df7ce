"""Scanning prose for what must never be published: template instructions, placeholders, doubled words.

Officers copy last year's document or the province's template and overwrite it; what they miss is
printed as is (seed 004: "因公出国（境）经费支出**万元", "（注：仅罗列本部门涉及的收入）"; seed 000:
"社会社会保障和就业支出", "主要变动原因是主要变动原因是"). These are pure functions over strings, used
on every free-text field of the data file and on the generated document's text alike.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterator

from lxml import html as lxml_html

CJK = "\u4e00-\u9fff"
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_NOT_PROSE = ("科目编码", "公开日期", "年度", "金额单位")

#: Template leftovers: (pattern, what it is). Each is an instruction or a blank in the provincial template.
LEFTOVERS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(p), what)
    for p, what in (
        (r"\*{2,}", "占位符“**”"),
        (r"(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])", "占位符“XX”"),
        (r"…+|\.{3,}", "省略号（模板中待填写处，如“如……”“…（款）”）"),
        (r"[（(]\s*注\s*[：:][^）)\n]*[）)]?", "模板注释“（注：…）”"),   # the whole note: one finding, not one per instruction in it
        (r"请根据|请参照|请填写|请自行|请删除|根据实际情况填写", "模板填写说明"),
        (rf"[（(][{CJK}、，]{{0,8}}具体[{CJK}、，]{{0,12}}[）)]", "模板填写提示“（具体项目、金额）”"),
        (r"某某", "占位符“某某”"),
    )
)

_DOUBLED = re.compile(rf"([{CJK}]{{2,10}})\1")
#: ABAB repetitions that are Chinese, not typos: 一个一个, 一步一步, 研究研究 …
_REDUPLICATION = re.compile(rf"一[{CJK}]|研究|讨论|学习|商量|考虑|了解|检查|休息|锻炼|整理")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")
_TITLE = re.compile(r"《[^《》]*》|〔[^〔〕]*〕|\[[^\[\]]*\]")
_BARE_AMOUNT = re.compile(r"(?<![\d.])\d+\.\d{2}(?![\d%％])(?=[，。；、,;])")
UNIT_SUFFIX = r"(?:局|委员会|委|办公室|办|中心|院|所|站|队|馆|厅|部)"


@dataclass(frozen=True)
class Match:
    text: str  # what matched
    start: int
    end: int
    what: str  # what it is, in Chinese
    context: str  # the words around it, for the message


def free_text(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every prose string in a read data tree: numbers, codes and dates are left out."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_PROSE:
                yield from free_text(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from free_text(item, path + (index,))
    elif isinstance(value, str) and value.strip() and not _NUMBER.fullmatch(value.strip()):
        yield path, value


def context(text: str, start: int, end: int, width: int = 12) -> str:
    """The words around a match, on one line, for a message."""
    low, high = max(0, start - width), end + width
    snippet = re.sub(r"\s+", " ", text[low:high])
    return f"{'…' if low > 0 else ''}{snippet}{'…' if high < len(text) else ''}"


def _found(text: str, m: re.Match, what: str, group: int = 0) -> Match:
    return Match(m.group(group), m.start(group), m.end(group), what, context(text, m.start(), m.end()))


def leftovers(text: str) -> list[Match]:
    found = [_found(text, m, what) for pattern, what in LEFTOVERS for m in pattern.finditer(text)]
    return sorted(found, key=lambda m: m.start)


def doubled_words(text: str) -> list[Match]:
    """A run of 2–10 Chinese characters written twice in a row: 社会社会, 主要变动原因是主要变动原因是."""
    found = []
    for m in _DOUBLED.finditer(text):
        if not _REDUPLICATION.fullmatch(m.group(1)):
            found.append(_found(text, m, f"重复的“{m.group(1)}”"))
    return found


# ---------------------------------------------------------------- placeholders by shape
#: Words of a fill-in instruction: a bracket holding only these (and field names) is a blank to fill.
INSTRUCTION_WORDS = ("填写", "填报", "说明", "罗列", "注明", "具体", "原因", "项目", "金额", "类型", "名称", "情况",
                     "数额", "用途", "事项", "明细", "内容", "根据实际")
#: Nouns a blank names together with an instruction word (（收入类型）, （单位名称）), never enough alone.
_BLANK_NOUNS = ("收入", "支出", "经费", "资金", "单位", "部门", "科目", "变动", "增减", "差异", "主要", "相关", "实际",
                "本", "此处", "数", "万元", "元", "增加", "减少", "级", "下属")
#: Verbs that only an instruction puts in brackets: （根据实际填写）, 【罗列本部门收入】.
_ORDERS = re.compile(r"填写|填报|罗列|注明|请")
_JOINERS = "、，,/及和与或等的之"
#: Brackets a published text uses: 类/款/项 after a subject's name, （境）, （单位）, （参公）…
_PROPER = {"类", "款", "项", "境", "单位", "参公", "国内", "合计", "其中", "万元", "元", "%", "试行", "暂行", "护", "减"}
_BRACKET = re.compile(r"（[^（）\n]{1,30}）|【[^【】\n]{1,30}】|\[[^\[\]\n]{1,30}\]|〔[^〔〕\n]{1,30}〕|\([^()\n]{1,30}\)")
_NO_SUBJECT = re.compile(r"（类）\s*（款）|（款）\s*（项）")
#: Where an explanation or a reason begins; nothing but a blank after one is a placeholder.
LEADS = ("主要变动原因是", "主要原因是", "原因是", "主要是", "主要用于", "用于", "主要包括", "包括", "主要为", "主要有", "指")
_LEAD = "|".join(LEADS)
_BLANK_AFTER = re.compile(
    rf"(?<![手食拇意])({_LEAD})[：:]?((?:\s|…+|\.{{3,}}|[（【\[〔(][^（）【】\[\]〔〕()\n]{{1,30}}[）】\]〕)])*)\s*(等)?\s*(?=[。；;]|\Z)"
)


@functools.cache
def vocabulary() -> tuple[str, ...]:
    """The data model's own Chinese field names and the instruction words, longest first: what a blank
    in a template is named after (（变动原因）, （收入类型）, 【填写原因】)."""
    from pydantic import BaseModel

    from ..validate import annex_model, model

    names = set(INSTRUCTION_WORDS) | set(_BLANK_NOUNS)
    for module in (model, annex_model):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                names |= {f.alias for f in value.model_fields.values()
                          if f.alias and re.fullmatch(rf"[{CJK}]+", f.alias)}
    return tuple(sorted(names, key=len, reverse=True))


def _covered(content: str) -> bool:
    """Is `content` made only of field names, instruction words and joiners (tried every way to cut it)?"""
    words, reach = vocabulary(), {0}
    for i in range(len(content)):
        if i not in reach:
            continue
        if content[i] in _JOINERS or content[i].isspace():
            reach.add(i + 1)
        reach |= {i + len(w) for w in words if content.startswith(w, i)}
    return len(content) in reach


def is_blank(bracketed: str) -> bool:
    """Is a bracketed span a blank of the template rather than a note of the text?"""
    content = bracketed[1:-1].strip()
    if not content or content in _PROPER or re.match(r"[含不]|如“|其中：", content) or re.search(r"\d", content):
        return False
    if _ORDERS.search(content) and re.search(rf"[{CJK}]", content):
        return True
    return _covered(content) and any(w in content for w in INSTRUCTION_WORDS) and content not in _BLANK_NOUNS


def without_titles(text: str) -> str:
    """`text` with 《》 titles blanked out (same length): what a title says is not this document's prose."""
    return re.sub(r"《[^《》]*》", lambda m: " " * len(m.group()), text)


def placeholders(text: str) -> list[Match]:
    """Blanks found by their shape, not by a list of phrases: a bracket naming a field or an instruction
    (（收入类型）, 【填写原因】), 类/款/项 without the subject's name (（类）（款）), and a lead with nothing
    after it (“：指。”, “主要原因是；”, “包括（收入类型）等。”). One span is reported once."""
    masked = without_titles(text)
    found = [_found(text, m, f"模板空格“{m.group()}”（应填写实际内容）")
             for m in _BRACKET.finditer(masked) if is_blank(m.group())]
    found += [_found(text, m, "科目名称空缺的“（类）（款）（项）”") for m in _NO_SUBJECT.finditer(masked)]
    for m in _BLANK_AFTER.finditer(masked):
        blanks = _BRACKET.findall(m.group(2))
        if all(is_blank(b) for b in blanks) and not re.search(r"[\d%]", m.group(2)):
            what = "只有占位符" if m.group(2).strip() else "没有内容"
            found.append(_found(text, m, f"“{m.group(1)}”后{what}（解释或原因未写）"))
    return outermost(found)


def template_blanks(text: str) -> list[Match]:
    """Everything JS-NAR-003 reports: the listed leftovers and the blanks found by shape, each span once."""
    return outermost(leftovers(text) + placeholders(text))


def outermost(found: list[Match]) -> list[Match]:
    """Matches sorted by position, leaving out any inside (or overlapping) one kept already, longest first."""
    kept: list[Match] = []
    for m in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    return kept


_ADDRESSED = tuple(
    (re.compile(p), what)
    for p, what in (
        (rf"(?:部分|此处|本表|本部分|以下)?按(?:各部门|各单位|本部门|本单位)?实际[{CJK}]{{0,8}}(?:罗列|填写|填报|列示|列出|编写|说明)",
         "写给填报人的说明“按…实际…罗列”"),
        (rf"(?:部分|此处|本表|本部分)按[{CJK}]{{1,12}}情况[{CJK}]{{0,6}}(?:罗列|填写|填报|列示|列出|编写|说明)", "写给填报人的说明“…部分按…情况…”"),
        (rf"如有[^。；\n]{{1,20}}?[，,]?请[{CJK}]{{0,2}}", "写给填报人的说明“如有…请…”"),
        (r"(?:根据|按照|按|结合)(?:本单位|本部门)?实际(?:情况)?(?:如实)?(?:填写|填报|罗列|编写)", "写给填报人的说明“根据实际填写”"),
        (r"(?<![申报提呈邀聘敬])请(?:填|列|说明|删|补充|按|据实|参照|自行|结合|对照|注明)", "写给填报人的请求“请…”"),
    )
)
#: Words that stand for units without naming one: a 决算范围 made only of these names nobody.
_GENERIC_UNITS = ("机关本级", "部门本级", "本级", "机关", "下属单位", "所属单位", "二级单位", "下属事业单位",
                  "所属事业单位", "各单位", "部门", "单位")
_SCOPE = re.compile(r"(?:范围|决算)[^。；\n]{0,12}?包括[：:]?([^。；\n]{1,40}?)(?:等)?(?:[。；\n]|$)")


def instructions(text: str) -> list[Match]:
    """Sentences addressed to the officer filling the template, in whatever words: “按各部门实际…罗列”,
    “如有…请…”, “根据实际填写”; and a scope that lists only generic words (“包括机关和下属单位”) —
    the template's text, since a real document names the units its accounts take in."""
    masked = without_titles(text)
    found = [_found(text, m, what) for pattern, what in _ADDRESSED for m in pattern.finditer(masked)]
    for m in _SCOPE.finditer(masked):
        parts = [p for p in re.split(rf"[{_JOINERS}\s]+", m.group(1)) if p]
        if parts and "下属单位" in m.group(1) + "所属单位" and all(p in _GENERIC_UNITS for p in parts):
            found.append(_found(text, m, "泛称“机关和下属单位”（模板原文：应写出纳入决算范围的单位名称）", 1))
    return outermost(found)


_FIRST_LEAD = "|".join(lead for lead in LEADS if lead != "指")  # 指主要用于… reads as Chinese
_DOUBLED_LEAD = re.compile(rf"({_FIRST_LEAD})[：:，,\s]*((?:主要|原因)[{CJK}]{{0,5}}?(?:是|用于|包括|为|有)|\1)")


def doubled_leads(text: str) -> list[Match]:
    """A lead written over another: “主要原因是主要是”, “主要用于主要用于”, “包括包括” (a second 主要… or the
    same lead again; “主要是用于” is Chinese)."""
    return [_found(text, m, f"重复的引导语“{m.group()}”") for m in _DOUBLED_LEAD.finditer(text)
            if m.group(2) == m.group(1) or m.group(2) in LEADS]


# ---------------------------------------------------------------- punctuation and units
_MARKS = "，。；：、"
_REPEATED = re.compile(rf"[{_MARKS},;]{{2,}}")
_HALF = re.compile(rf"(?<=[{CJK}])[,;:](?=[{CJK}])|(?<=[{CJK}])\([{CJK}、，]+\)")


def repeated_marks(text: str) -> list[Match]:
    """Repeated or mixed marks: “，，” “。。” “，。” “；。”."""
    return [_found(text, m, f"重复或混用的标点“{m.group()}”") for m in _REPEATED.finditer(text)]


def half_width_marks(text: str) -> list[Match]:
    """Half-width , ; : ( ) between Chinese characters; figures (1,234.00, 1:1) and Latin text
    (HIS(Hospital)) keep theirs."""
    return [_found(text, m, f"中文中的半角标点“{m.group()[0]}”") for m in _HALF.finditer(text)]


def punctuation(text: str) -> list[Match]:
    """Both kinds of punctuation slips, in order."""
    return outermost(repeated_marks(text) + half_width_marks(text))


_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?!\d)\s*(万元|元)")
_OTHER = {"万元": ("元", -4), "元": ("万元", 4)}


def unit_mismatches(text: str, figures: set[Decimal]) -> list[Match]:
    """Amounts whose written unit is wrong: the digits are none of the document's figures (in 万元) read in
    the unit written, but are one exactly read in the other (“支出1778.52元” where 支出总计 is 1778.52 万元).
    Only amounts with two decimals are compared; a coincidence needs the same non-zero digits."""
    found = []
    for m in _AMOUNT.finditer(without_titles(text)):
        value = Decimal(m.group(1).replace(",", "") + "." + m.group(2))
        unit = m.group(3)
        other, shift = _OTHER[unit]
        as_written = value if unit == "万元" else value.scaleb(-4)
        if value and as_written not in figures and value.scaleb(shift if unit == "万元" else 0) in figures:
            found.append(_found(text, m, f"“{m.group()}”的单位应为{other}"))
    return found


def custom_patterns(text: str, patterns: list[tuple[re.Pattern, str]]) -> list[Match]:
    """The county's own patterns (its config's 附加句式), each with what it means."""
    return outermost([_found(text, m, what) for pattern, what in patterns for m in pattern.finditer(text)
                       if m.group()])


def stray_years(text: str, allowed: set[int]) -> list[Match]:
    """Years (written before 年) outside `allowed`; years inside 《》〔〕 titles and document numbers are skipped."""
    masked = _TITLE.sub(lambda m: " " * len(m.group()), text)
    return [_found(text, m, f"{m.group(1)}年", 1) for m in _YEAR.finditer(masked) if int(m.group(1)) not in allowed]


def bare_amounts(text: str) -> list[Match]:
    """Amounts with decimals followed straight by punctuation: "支出决算数为853.06，完成预算" lacks 万元."""
    return [_found(text, m, "数字后缺少单位") for m in _BARE_AMOUNT.finditer(text)]


def literal(text: str, words: list[str]) -> list[Match]:
    found = []
    for word in words:
        start = text.find(word)
        while word and start >= 0:
            found.append(
                Match(word, start, start + len(word), f"禁用词“{word}”", context(text, start, start + len(word)))
            )
            start = text.find(word, start + len(word))
    return found


_BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "section",
    "tr",
    "table",
    "caption",
    "figcaption",
    "br",
    "title",
    "header",
    "footer",
    "nav",
    "ol",
    "ul",
}


def html_to_text(html: str) -> str:
    """The generated document as plain text: one line per block, table cells separated by tabs, so
    that neighbouring cells or a heading and its paragraph are never read as one phrase."""
    root = lxml_html.fromstring(html)
    for bad in root.xpath("//style|//script"):
        bad.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
        elif element.tag in ("td", "th"):
            element.tail = "\t" + (element.tail or "")
    lines = (
        re.sub(r"[ \t]+", lambda m: "\t" if "\t" in m.group() else " ", line).strip()
        for line in root.text_content().split("\n")
    )
    return "\n".join(line for line in lines if line)
