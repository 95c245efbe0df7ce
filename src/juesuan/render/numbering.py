"""Generate the numbers a Word user would type by hand: 第一部分, 一、（一）1.（1）, 图1, 附件1, and the 目录.

Templates write plain headings; this pass numbers them from their level and position, so inserting or
dropping a section (a county's change, a unit with no 政府性基金) renumbers everything consistently in
both the PDF and the DOCX, which read the same numbered tree.
"""

from __future__ import annotations

from lxml import html as lxml_html
from lxml.etree import Element, SubElement

from . import attributes
from .environment import chinese_numeral

_STYLE = {
    "h2": lambda n: f"{chinese_numeral(n)}、",
    "h3": lambda n: f"（{chinese_numeral(n)}）",
    "h4": lambda n: f"{n}.",
    "h5": lambda n: f"（{n}）",
}
_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5}


def number_document(source: str) -> str:
    """Number headings, captions and ordered lists; fill the table of contents. Returns the HTML text."""
    root = lxml_html.document_fromstring(source)
    counters = {level: 0 for level in range(1, 6)}
    parts = annexes = figures = 0
    toc_entries: list[tuple[str, str, str]] = []
    in_annex = False
    for index, el in enumerate(root.iter("h1", "h2", "h3", "h4", "h5", "figcaption", "ol")):
        classes = (el.get("class") or "").split()
        if el.tag == "figcaption":
            figures += 1
            _prefix(el, f"图{figures}：")
            continue
        if el.tag == "ol":
            _number_list(el, classes)
            continue
        container = _container(el)
        if container in ("cover", "toc"):
            continue
        el.set("id", el.get("id") or f"h{index}")
        level = _LEVEL[el.tag]
        if level == 1:
            counters = {lv: 0 for lv in range(1, 6)}
            in_annex = container == "annex"
            if "nonum" not in classes:
                if in_annex:
                    annexes += 1
                    _prefix(el, f"附件{annexes} ")
                else:
                    parts += 1
                    _prefix(el, f"第{chinese_numeral(parts)}部分 ")
        elif "nonum" not in classes:
            counters[level] += 1
            for deeper in range(level + 1, 6):
                counters[deeper] = 0
            _prefix(el, _STYLE[el.tag](counters[level]))
        if level == 1 and in_annex:
            toc_entries.append(("toc-2", el.get("id"), el.text_content().strip()))
        elif level <= 2 and not in_annex:
            toc_entries.append((f"toc-{level}", el.get("id"), el.text_content().strip()))
    _fill_toc(root, toc_entries)
    return lxml_html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def _container(el) -> str:
    for ancestor in el.iterancestors():
        classes = (ancestor.get("class") or "").split()
        for name in ("cover", "toc", "annex", "part"):
            if name in classes:
                return name
    return ""


def _prefix(el, text: str) -> None:
    span = Element("span")
    span.set("class", "num")
    span.text = text
    span.tail = el.text
    el.text = None
    el.insert(0, span)


#: How an ordered list numbers its items, by the list's class (a layout picks the one its province writes).
LIST_STYLES = {
    "": ("1.", lambda n: f"{n}."),
    "paren": ("（1）", lambda n: f"（{n}）"),
    "comma": ("1、", lambda n: f"{n}、"),
    "cn": ("一、", lambda n: f"{chinese_numeral(n)}、"),
    "cn-paren": ("（一）", lambda n: f"（{chinese_numeral(n)}）"),
}


def _number_list(ol, classes: list[str]) -> None:
    style = next((LIST_STYLES[c][1] for c in classes if c in LIST_STYLES), LIST_STYLES[""][1])
    first = attributes.integer(ol.get("start"), 1, -10**6, 10**6)
    for n, li in enumerate((c for c in ol if c.tag == "li"), start=first):
        _prefix(li, style(n))


def _fill_toc(root, entries: list[tuple[str, str, str]]) -> None:
    for nav in root.iter("nav"):
        if "toc" not in (nav.get("class") or "").split():
            continue
        ul = nav.find("ul")
        if ul is None:
            ul = SubElement(nav, "ul")
        for cls, target, text in entries:
            li = SubElement(ul, "li")
            li.set("class", cls)
            a = SubElement(li, "a")
            a.set("href", f"#{target}")
            a.text = text
