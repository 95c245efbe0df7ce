"""Lay out again only what a tightened table changes: the part that holds it and the parts after it, and the 目录.

Setting a table tight (`pdf_spills`) used to mean a second layout of the whole document, as long as the first
(about 1.5 s of a 50-page unit). But nothing before the part that holds the table can change: each part of
the document (a top-level section) starts on a page of its own, so the pages before it are laid out exactly as
they were. Only the 目录 depends on what follows, through the page numbers it prints. So the document is
put together from three layouts: the cover and 目录 laid out again with the final numbers written in, the
pages before the part reused as they are, and the part with the rest laid out on its own, numbered from where
it starts and starting on the same side (odd pages right). The result is page for page the whole-document
layout (a test compares the two on the samples).

It is used only when that is certain: the stylesheets print nothing that depends on the whole document but
the 目录's `target-counter` (no `counter(pages)`, running headers, page counter changes or `:first` pages),
and the pages prove the parts start on pages of their own. The parts not laid out stay in the tree, hidden, so
every selector matches as in the whole document. Otherwise `relaid` says None and the caller lays
the whole document out again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import lxml.html
from weasyprint import CSS, HTML

TOC_NUMBER = "target-counter(attr(href), page)"
PRINTED_NUMBER = "attr(data-page)"
_WHOLE_DOCUMENT = re.compile(r"counter\(\s*pages\s*\)|string-set|running\(|element\(|counter-(?:reset|set|increment)|"
                             r"@page[^{]*:(?:first|blank)(?![-\w])|target-text|!\s*important")
HIDDEN = "display: none"


def composable(stylesheets: Sequence[str]) -> bool:
    """Whether the stylesheets let parts of the document be laid out apart: the 目录's page number is the only
    thing that looks across the document, and nothing overrides the inline `display: none` that leaves the
    other parts out (they stay in the tree, so selectors such as `a + b` or `:first-child` match as before)."""
    text = "\n".join(stylesheets)
    return text.count("target-counter(") == text.count(TOC_NUMBER) == 1 and not _WHOLE_DOCUMENT.search(
        re.sub(r"/\*.*?\*/", "", text, flags=re.S))


def relaid(first, source_root, tight_html: str, tables: list[int], stylesheets: Sequence[str], fetcher, fonts):
    """The document `tight_html` (the first layout's HTML with `tables` tightened), put together from partial
    layouts as the module says; None when that cannot be done exactly. `first` is the first layout, of the
    HTML whose tree is `source_root`; `stylesheets` are the CSS texts, `fetcher` and `fonts` the first's."""
    if not composable(stylesheets):
        return None
    body = source_root.find("body")
    parts = list(body) if body is not None else []
    pages = _pages_of(first, parts)
    toc = next((i for i, part in enumerate(parts) if part.tag == "nav" and "toc" in (part.get("class") or "")), None)
    table = list(source_root.iter("table"))[min(tables)]
    start = next((i for i, part in enumerate(parts) if _contains(part, table)), None)
    if toc is None or start is None or any(i not in pages for i in range(len(parts))):
        return None
    while start > toc + 1 and pages[start][0] <= pages[start - 1][1]:
        start -= 1                       # a part that shares a page with the one before cannot start apart
    if start <= toc + 1 or pages[start][0] <= pages[start - 1][1] or pages[toc + 1][0] <= pages[toc][1]:
        return None
    split, front = pages[start][0], pages[toc + 1][0]
    numbers = _numbers(first.pages[:split], 0)
    kept = first.pages[front:split]
    del first.pages[split:], first.pages[:front]          # freed before the new layouts are made (peak memory)

    root = lxml.html.document_fromstring(tight_html)
    if [part.tag for part in root.find("body")] != [part.tag for part in parts]:
        return None                                        # parsed into other parts than WeasyPrint's
    rest = _hiding(root, list(root.find("body"))[:start])
    side = "right" if split % 2 == 0 else "left"           # page index 0 (the cover) is a right-hand page
    opening = f"html {{ break-before: {side}; }}\n@page :first {{ counter-reset: page {split + 1}; }}"
    tail = _render(rest, [*stylesheets, opening], fetcher, fonts)

    numbers.update(_numbers(tail.pages, split))
    cover = lxml.html.document_fromstring(tight_html)
    front_parts = list(cover.find("body"))
    for link in front_parts[toc].iter("a"):
        target = (link.get("href") or "").removeprefix("#")
        if target not in numbers:
            return None
        link.set("data-page", str(numbers[target]))
    front_html = _hiding(cover, front_parts[toc + 1:])
    printed = [css.replace(TOC_NUMBER, PRINTED_NUMBER) for css in stylesheets]
    head = _render(front_html, printed, fetcher, fonts)
    if len(head.pages) != front:
        return None
    return first.copy([*head.pages, *kept, *tail.pages])


def _render(html: str, stylesheets: Sequence[str], fetcher, fonts):
    css = [CSS(string=text, url_fetcher=fetcher, font_config=fonts) for text in stylesheets]
    return HTML(string=html, url_fetcher=fetcher).render(stylesheets=css, font_config=fonts)


def _hiding(root, hidden) -> str:
    """The document with the `hidden` parts kept in the tree, empty, generating no boxes (so no pages): their
    neighbours match selectors as before, and WeasyPrint computes no styles for what they held."""
    for element in hidden:
        element.clear()
        element.set("style", HIDDEN)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def _contains(part, element) -> bool:
    return part is element or any(child is element for child in part.iter())


def _pages_of(document, parts) -> dict[int, tuple[int, int]]:
    """For each top-level part (by index) the first and last page (0-based) on which any of its boxes lies."""
    owner = {id(element): index for index, part in enumerate(parts) for element in part.iter()}
    found: dict[int, tuple[int, int]] = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            index = owner.get(id(getattr(box, "element", None)))
            if index is not None:
                low, high = found.get(index, (number, number))
                found[index] = (min(low, number), max(high, number))
    return found


def _numbers(pages, offset: int) -> dict[str, int]:
    """The printed page number (the physical page, the cover being 1) of each anchor on `pages`."""
    numbers: dict[str, int] = {}
    for index, page in enumerate(pages):
        for name in page.anchors:
            numbers.setdefault(name, offset + index + 1)
    return numbers
