"""Scanning prose for what must never be published: template instructions, placeholders, doubled words.

Officers copy last year's document or the province's template and overwrite it; what they miss is
printed as is (seed 004: "因公出国（境）经费支出**万元", "（注：仅罗列本部门涉及的收入）"; seed 000:
"社会社会保障和就业支出", "主要变动原因是主要变动原因是"). These are pure functions over strings, used
on every free-text field of the data file and on the generated document's text alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
        (r"[（(]\s*注\s*[：:]", "模板注释“（注：…）”"),
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
