"""A finished document (DOCX, PDF or a text export) as located paragraphs and table rows.

A hand-written 部门决算 is checked from what a reader sees, so every finding must say where to look:
the page in a PDF (or a text export with form feeds), the paragraph number and the heading above it in
a DOCX (Word keeps no pages). Text pulled out of a PDF breaks lines inside sentences, even inside a
number's unit ("2.02 万" / "元"), so lines are joined back into paragraphs before anything is parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

SUFFIXES = (".docx", ".pdf", ".txt")
_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_ITEM = re.compile(r"^\s*(\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[）)])")
_FOOTER = re.compile(r"^\s*(?:[-—–]+\s*\d{1,3}\s*[-—–]+|\d{1,3}|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$")
_LEADER = re.compile(r"\s*(?:\.{4,}|…{2,}|·{4,})\s*(?=\d+\s*$)")
_ENDS = "。！？：:；;"


@dataclass(frozen=True)
class Block:
    """One paragraph or one table row, where a reader finds it."""

    text: str  # the paragraph, or a row's cells joined by tabs
    line: int  # the page (PDF, text with form feeds), the text file's line, or the DOCX paragraph number
    unit: str  # 页, 行 or 段: what `line` counts
    heading: str  # the nearest heading above, for the message
    cells: tuple[str, ...] = ()  # a table row's cells
    table: int | None = None  # which table of the document the row belongs to

    def where(self) -> str:
        """第3页 / 第12段 / 第120行, with the heading it falls under."""
        place = f"第{self.line}{self.unit}"
        return f"{place}（{self.heading}）" if self.heading else place


def is_heading(text: str) -> bool:
    """A short numbered title with no sentence in it: 二、收入决算情况说明, （一）机关运行经费."""
    text = text.strip()
    return bool(_HEADING.match(text)) and len(text) <= 40 and "。" not in text and "，" not in text


def read_blocks(path: Path) -> list[Block]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return list(_docx_blocks(path))
    if suffix == ".pdf":
        return list(_pdf_blocks(path))
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    pages = text.split("\f")
    numbered = len(pages) > 1
    lines, number = [], 0
    for index, page in enumerate(pages, start=1):
        for raw in page.split("\n"):
            number += 1
            lines.append((raw, index if numbered else number, "页" if numbered else "行"))
    return list(_join(lines))


def _pdf_blocks(path: Path) -> Iterator[Block]:
    import pdfplumber

    lines = []
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages, start=1):
            found = page.find_tables()
            for table in found:  # table text is not prose: its rows are read as rows
                for row in table.extract():
                    cells = [re.sub(r"\s+", "", c or "") for c in row]
                    if any(cells):
                        lines.append(("\t".join(cells), index, "页"))
                page = page.outside_bbox(table.bbox)
            for raw in (page.extract_text() or "").split("\n"):
                if not _FOOTER.match(raw):
                    lines.append((raw, index, "页"))
    yield from _join(lines)


def _join(lines: Iterable[tuple[str, int, str]]) -> Iterator[Block]:
    """Lines → paragraphs: a line goes on the paragraph before unless that one ended a sentence, is a
    heading, or this line starts a heading or a numbered item. Lines with tabs are table rows."""
    heading, text, start = "", "", (0, "行")

    def flush():
        nonlocal text, heading
        if text.strip():
            if is_heading(text):
                heading = text.strip()
            yield Block(text.strip(), start[0], start[1], heading if not is_heading(text) else "")
        text = ""

    for raw, line, unit in lines:
        raw = _LEADER.sub("\t", raw)  # a 目录 line: title, dots, page number
        if not raw.strip() or _FOOTER.match(raw):
            continue
        if "\t" in raw:
            yield from flush()
            cells = tuple(c.strip() for c in raw.split("\t"))
            yield Block(raw.strip(), line, unit, heading, cells)
            continue
        new = is_heading(raw) or _ITEM.match(raw) or not text or _ended(text) or is_heading(text)
        if new:
            yield from flush()
            start = (line, unit)
            text = raw.strip()
        else:
            text = _glue(text, raw.strip())
    yield from flush()


def _ended(text: str) -> bool:
    """A sentence ends the line, or the whole line is a note in brackets: （图1：…）."""
    text = text.strip()
    return text[-1] in _ENDS or text[0] in "（(" and text[-1] in "）)"


def _glue(left: str, right: str) -> str:
    """Join a broken line: no space between Chinese characters, one between Latin words."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return f"{left} {right}"
    return left + right


def _docx_blocks(path: Path) -> Iterator[Block]:
    """Paragraphs and table rows in document order; a paragraph's number counts body paragraphs."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    heading, number, tables = "", 0, 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if not text:
                continue
            number += 1
            if is_heading(text):
                heading = text
                continue
            yield Block(text, number, "段", heading)
        elif tag == "tbl":
            tables += 1
            for row in Table(child, document).rows:
                cells = _unique_cells(row)
                if any(cells):
                    yield Block("\t".join(cells), number, "段", heading, tuple(cells), tables)


def _unique_cells(row) -> list[str]:
    """A merged cell is returned once per grid column it spans; keep it once."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
    return cells
