"""A table that runs onto the next page by a few rows is set tighter so that it ends on its first page.

A reviewer rejects a page that holds two rows of a table and nothing else. Whether that happens is known only
after layout, so the PDF writer lays the document out, asks `short_spills` which tables end on a page they
barely use, marks those tables `tight` (less cell padding and leading, the same font and column widths, so
nothing wraps differently) and lays it out once more. The DOCX is paginated by Word or LibreOffice, not here,
so it keeps the normal spacing.
"""

from __future__ import annotations

import lxml.html
from weasyprint.formatting_structure.boxes import TableBox

SPILL_SHARE = 0.25      # a table's last page holding less than this share of the text block is a spill
TIGHT_GAIN = 0.8        # tight rows are at least this much shorter: the spill must fit into what is saved
TIGHT = "tight"
TIGHT_CSS = """
table.tight, table.tight.wide, table.tight.narrow { line-height: 1.15; }
table.tight th, table.tight td { padding-top: 0.5pt; padding-bottom: 0.5pt; }
"""


def short_spills(document, html_root) -> list[int]:
    """Indexes (in document order of `html_root.iter("table")`) of the tables that cover exactly two pages and
    use less than SPILL_SHARE of the second, when tightening them can pull that part back."""
    order = {id(el): index for index, el in enumerate(html_root.iter("table"))}
    spans: dict[int, list[tuple[int, float, float]]] = {}       # table → (page, height, text block height)
    for number, page in enumerate(document.pages):
        box = page._page_box
        block = box.height if hasattr(box, "height") else 0
        for child in box.descendants():
            if isinstance(child, TableBox) and id(child.element) in order:
                spans.setdefault(order[id(child.element)], []).append((number, child.margin_height(), block))
    found = []
    for index, parts in spans.items():
        pages = sorted({p for p, _, _ in parts})
        if len(pages) != 2 or pages[1] != pages[0] + 1:
            continue
        first = sum(h for p, h, _ in parts if p == pages[0])
        last = sum(h for p, h, _ in parts if p == pages[1])
        block = max(b for _, _, b in parts)
        if block and last < SPILL_SHARE * block and (first + last) * TIGHT_GAIN <= first:
            found.append(index)
    return found


def tightened(html: str, indexes: list[int]) -> str:
    """`html` with the tables at `indexes` (document order) marked tight."""
    root = lxml.html.document_fromstring(html)
    chosen = set(indexes)
    for index, table in enumerate(root.iter("table")):
        if index in chosen:
            table.set("class", " ".join([*(table.get("class") or "").split(), TIGHT]))
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
