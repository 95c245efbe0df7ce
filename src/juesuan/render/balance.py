"""Title lines without a lonely tail: a heading or caption that wraps is broken where a reader expects.

A title of 29 characters on a 27-character line leaves "报告" alone on the second line, and an indented
heading can leave "类）". Both writers would wrap the same way (same faces, sizes and widths), so the break
is decided once, here, on the rendered HTML: a centred title that wraps gets lines of about equal length, any
other heading or caption whose last line would be shorter than `MIN_TAIL_EM` gets its breaks pulled forward.
Widths are estimated from the characters (a Chinese character or full-width mark is one em, an ASCII
character half an em) against the 排版's text width, so the chosen lines are kept a little short of a full
line and still fit if the estimate is slightly off. Breaks go at natural points (after 、，：） or before （)
where one is near, never inside a run of figures or Latin letters.
"""

from __future__ import annotations

import math
import re
import unicodedata

import lxml.html
from lxml import etree

from .typography import Resolved, Typography

MM_TO_PT = 72 / 25.4
MIN_TAIL_EM = 4                      # a wrapped title's last line should hold at least this much
TOC_NUMBER_EM = 3                    # room a 目录 entry leaves for the leader dots and its page number
SLACK = 0.92                         # chosen lines stay under this share of the line, for estimate errors
_AFTER = set("、，：；）》”】")          # a line may end after these
_BEFORE = set("（《“【")              # a line may start with these
_NO_START = set("，。、：；）》”】！？%．")  # never at the start of a line
_WORD = re.compile(r"[0-9A-Za-z.%+\-]")


def balance_document(html: str, t: Typography) -> str:
    """`html` with <br> inserted in the headings and captions that would wrap badly."""
    root = lxml.html.document_fromstring(html)
    width = t.page.text_width * MM_TO_PT
    indent = t.body.indent * t.body.size
    changed = False
    for el in root.iter("h1", "h2", "h3", "h4", "h5", "caption", "figcaption"):
        if _skipped(el):
            continue
        look = _look(el, t)
        first = width - (indent if look.indented and look.align not in ("居中", "右") else 0)
        changed |= _balance(el, first / look.size, width / look.size, centred=look.align == "居中")
    for li in root.xpath("//nav[contains(concat(' ', @class, ' '), ' toc ')]//li"):
        # level 2 is indented two characters; the last line also holds the dot leader and the page number
        line = width / t.body.size - (2 if "toc-2" in li.classes else 0)
        changed |= _balance(li, line, line, centred=False, reserve=TOC_NUMBER_EM)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>") if changed else html


def _balance(el, first: float, rest: float, centred: bool, reserve: float = 0) -> bool:
    cuts = line_breaks(el.text_content(), first, rest, centred, reserve)
    _insert_breaks(el, cuts)
    return bool(cuts)


def _skipped(el) -> bool:
    """The cover and the 目录 set their own lines; a title that already has a <br> was broken on purpose."""
    if el.find(".//br") is not None:
        return True
    return any(a.tag == "nav" or "cover" in (a.get("class") or "").split() for a in el.iterancestors())


def _look(el, t: Typography) -> Resolved:
    if el.tag == "caption":
        return t.resolved(t.tables.caption)
    if el.tag == "figcaption":
        return t.resolved(t.figure_caption)
    return t.heading(int(el.tag[1]))


def em_width(ch: str) -> float:
    """A character's estimated advance in em: ASCII half, everything else (Chinese, full-width) one."""
    if ch.isascii():
        return 0.5
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.6


def line_breaks(text: str, first: float, rest: float, centred: bool, reserve: float = 0) -> list[int]:
    """Offsets in `text` before which a line should break, or [] to leave the wrapping alone.

    `first` and `rest` are the widths of the first and the following lines in em; the last line must also
    leave `reserve` em free (a 目录 entry's leader and page number)."""
    text = text.rstrip()
    widths = [em_width(ch) for ch in text]
    total = sum(widths)
    if total <= first or not text:
        return []
    lines = _greedy(text, widths, first, rest)
    tail = sum(widths[lines[-1]:])
    if not centred and tail >= MIN_TAIL_EM:
        return []
    count = max(len(lines), 2)
    # lines of equal length, as near as the break points allow
    cuts, start = [], 0
    for k in range(1, count):
        target = total * k / count
        cut = _best_cut(text, widths, start, target, (first if k == 1 else rest) * SLACK)
        if cut is None:
            return []
        cuts.append(cut)
        start = cut
    if sum(widths[start:]) + reserve > rest:
        return []
    return cuts


def _greedy(text: str, widths: list[float], first: float, rest: float) -> list[int]:
    """Where each line starts when the lines are filled as far as they go (as the writers wrap)."""
    starts, used, cap = [0], 0.0, first
    for i, w in enumerate(widths):
        if used + w > cap and i > starts[-1]:
            # break at the last place a line may break, as a line breaker backs off from 项|）
            j = next((j for j in range(i, starts[-1], -1) if _can_break(text, j)), None)
            if j is not None:
                starts.append(j)
                used, cap = sum(widths[j:i]), rest
        used += w
    return starts


def _can_break(text: str, i: int) -> bool:
    """May a line break before text[i]?"""
    if i <= 0 or i >= len(text):
        return False
    before, after = text[i - 1], text[i]
    if after in _NO_START or before in _BEFORE:
        return False
    return not (_WORD.match(before) and _WORD.match(after))


def _best_cut(text: str, widths: list[float], start: int, target: float, cap: float) -> int | None:
    """The break nearest the `target` width, preferring a natural point within two em of it, keeping the line
    from `start` within `cap`."""
    best, best_score = None, math.inf
    offset = sum(widths[:start])
    run = 0.0
    for i in range(start + 1, len(text)):
        run += widths[i - 1]
        if run > cap:
            break
        if not _can_break(text, i):
            continue
        distance = abs(offset + run - target)
        natural = text[i - 1] in _AFTER or text[i] in _BEFORE
        # 2024|年度 and 2024年|度 split a phrase; 局|2024 starts one
        after_figure = text[i - 1].isdigit() or (i >= 2 and text[i - 2].isdigit())
        score = distance - (2 if natural else 0) + (2 if after_figure else 0) - (1 if text[i].isdigit() else 0)
        if score < best_score:
            best, best_score = i, score
    return best


def _insert_breaks(el, cuts: list[int]) -> None:
    """Put a <br> before each character offset of `cuts` (offsets into el.text_content())."""
    for cut in sorted(cuts, reverse=True):
        _insert_at(el, cut)


def _insert_at(el, offset: int) -> None:
    position = 0
    for node, attr in _text_slots(el):
        text = getattr(node, attr) or ""
        if position + len(text) > offset:
            head, tail = text[: offset - position], text[offset - position:]
            br = etree.Element("br")
            if attr == "text":            # inside `node`, before its first child
                node.text = head
                br.tail = tail
                node.insert(0, br)
            else:                         # after `node`, in its parent
                node.tail = head
                br.tail = tail
                node.addnext(br)
            return
        position += len(text)


def _text_slots(el):
    """Every (node, "text"|"tail") whose string is part of el.text_content(), in document order."""
    yield el, "text"
    for child in el:
        yield from _text_slots(child)
        yield child, "tail"
