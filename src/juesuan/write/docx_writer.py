"""Walk the document HTML (docs/document-html.md) into a Word file officers can edit.

The PDF and the DOCX come from the same numbered HTML, so this module only maps elements to the
named styles of `docx_styles` (which also owns page, footer and the reproducible package) and never
computes or renumbers anything. Page breaks follow the 排版 as the PDF's do: before the headings whose
level says 段前分页, after the cover and the table of contents, and where the template puts one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from datetime import datetime
from io import BytesIO
from xml.sax.saxutils import escape as xml_escape

import docx
import lxml.html
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Mm, Pt, Twips

from juesuan.errors import TemplateError
from juesuan.render import attributes, table_widths
from juesuan.render.typography import Typography, default_typography
from juesuan.write import docx_pages, docx_styles as house
from juesuan.write.docx_pages import Pagination
from juesuan.write.docx_styles import fld_char, instr_run, run_of, text_run
from juesuan.write.reference_docx import ReferenceDocx

__all__ = ["html_to_docx"]

HEADING_TAGS = {f"h{n}": n for n in range(1, 6)}
CONTAINER_TAGS = {"section", "div"}  # sections and page breaks; the cover and TOC are handled apart
P_CLASS_STYLES = {"note": "Note", "empty-note": "Note", "unit": "Table Unit", "center": "Body Center",
                  "right": "Body Right", "signature": "Body Right"}  # first matching class wins
CELL_ALIGN = {"num": '<w:jc w:val="right"/>', "text": '<w:jc w:val="left"/>'}
COVER_STYLES = {"cover-year": "Cover Year", "cover-unit": "Cover Unit", "cover-date": "Cover Date"}
TOC_INSTRUCTION = r" TOC \f \h \z "  # entries from the TC fields of the headings the 目录 lists
MAX_COLUMNS = 63                     # Word's limit for a table
_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML white space; U+3000 and NBSP are content
_BR = None  # marks a line break among inline pieces
_LATIN = re.compile(r"([!-~]+(?: [!-~]+)*)")  # figures, codes and Latin words, in the Latin font
_LATIN_FONTS = '<w:rFonts w:ascii="{0}" w:hAnsi="{0}" w:eastAsia="{0}" w:cs="{0}"/>'
_CELL_MARGINS = (f'<w:tblCellMar {nsdecls("w")}><w:top w:w="{{tb}}" w:type="dxa"/><w:left w:w="60" w:type="dxa"/>'
                 '<w:bottom w:w="{tb}" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>')  # the PDF's 2pt 3pt
_TOP_BOTTOM = {False: 40, True: 10}   # twips; a `tight` table (pdf_spills) has the PDF's half-point padding
_JOINT = (f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
          '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')  # Word joins adjacent tables: a hairline between
_HAIRLINE_SPACING = f'<w:spacing {nsdecls("w")} w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
_HAIRLINE_SIZE = f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/></w:rPr>'  # a section's last paragraph takes no room
STEP_STYLES = ("", " Small", " Narrow")  # the table_widths.STEP_CLASSES' styles


@dataclass(frozen=True)
class _Piece:
    text: str
    bold: bool
    italic: bool


def html_to_docx(html: str, assets: Mapping[str, bytes], *, created: datetime,
                 typography: Typography | None = None, reference: ReferenceDocx | None = None, author: str = "",
                 toc_pages: Pagination | None = None,
                 lay_out: Callable[[bytes], Sequence[str] | None] | None = None) -> bytes:
    """Render the numbered document HTML to DOCX bytes; same input and `created` give the same bytes.

    `assets` maps the NAME of `asset:NAME` image sources to their bytes. The look comes from
    `typography` (default: the default layout's), then from the styles and page setup of `reference`.
    `author` (the unit) is the file's creator. An element outside the contract or a missing asset raises
    TemplateError naming it, since it means a template bug.

    The 目录 is written with page numbers, which Word, WPS and LibreOffice show as they are. They are
    the DOCX's own when `lay_out` (`docx_pages.lay_out`: LibreOffice) lays out a first version, written
    with placeholders as wide as the numbers so the 目录 itself keeps its length; when there is no
    `lay_out` or it fails, they are `toc_pages` (the build passes where the headings fall in the PDF);
    with neither, the entries have no number until Word updates the field. Either way the printed number
    is counted as the footer counts it, and the page count goes into docProps/app.xml.
    """
    root = lxml.html.document_fromstring(html)
    toc = _toc_entries(root)
    write = partial(_write, root, toc, assets, created, typography or default_typography(), reference, author)
    if lay_out is None or not toc:
        return write(toc_pages)
    width = len(str(toc_pages.count)) if toc_pages else 2
    first = write(None, placeholder="0" * width)
    return write(docx_pages.locate(lay_out(first), [(id_, text) for id_, _, text in toc]) or toc_pages)


def _write(root, toc, assets, created, typography, reference, author, pagination: Pagination | None,
           placeholder: str | None = None) -> bytes:
    """One DOCX whose 目录 shows `placeholder` as every page number, or else `pagination`'s numbers."""
    doc = docx.Document()
    house.apply_house_style(doc, typography, reference)
    start = _first_page_number(doc)
    if placeholder is not None:
        pages = {id_: placeholder for id_, _, _ in toc}
    else:
        pages = {id_: str(page - 1 + start) for id_, page in (pagination.starts.items() if pagination else ())}
    writer = _Writer(doc, assets, _bookmark_names(root), typography, pages, toc)
    writer.blocks(root.body)
    writer.finish()
    count = pagination.count if pagination and placeholder is None else None
    return house.save_reproducibly(doc, title=_title(root), created=created, author=author, pages=count)


class _Writer:
    """Appends paragraphs and tables to `doc` in document order."""

    def __init__(self, doc, assets: Mapping[str, bytes], bookmarks: dict[str, str], typography: Typography,
                 pages: Mapping[str, str], toc: list[tuple[str, int, str]]):
        self.doc, self.assets, self.bookmarks = doc, assets, bookmarks
        self.pages = pages  # heading id → the page number its 目录 entry shows
        self.toc_levels = {id_: (level, text) for id_, level, text in toc}
        self.styles = {s.name: s for s in doc.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
        self.typography = typography
        self.new_page = {level: typography.heading(level).new_page for level in HEADING_TAGS.values()}
        self.sizes = table_widths.font_steps(typography)
        self.latin = _LATIN_FONTS.format(xml_escape(typography.body.latin, {'"': "&quot;"}))
        self.text_width = house.text_width(doc)
        self.break_before = False  # next block starts a new page
        self.after_table = False  # Word joins adjacent tables; it also needs a last paragraph
        self.turned_back = None  # the paragraph ending the last landscape section

    def blocks(self, parent) -> None:
        for child in parent:
            if isinstance(child.tag, str):
                self.block(child)

    def block(self, el) -> None:
        tag, classes = el.tag, set(el.classes)
        if tag == "section" and "cover" in classes:
            self.cover(el)
        elif tag == "nav" and "toc" in classes:
            self.toc(el)
        elif tag == "div" and table_widths.LANDSCAPE in classes:
            self.landscape(el)
        elif tag in CONTAINER_TAGS:
            self.break_before |= "page-break" in classes
            self.blocks(el)
        elif tag in HEADING_TAGS:
            self.heading(el, HEADING_TAGS[tag])
        elif tag == "p":
            style = next((P_CLASS_STYLES[c] for c in el.classes if c in P_CLASS_STYLES), "Normal")
            self.inline(self.paragraph(style), el)
        elif tag in ("ol", "ul"):
            for li in el.iterchildren("li"):
                self.inline(self.paragraph("Normal"), li)
        elif tag == "figure":
            self.figure(el)
        elif tag == "table":
            self.table(el)
        else:
            raise TemplateError(f"第{el.sourceline}行的 <{tag}> 不在文档 HTML 约定之内（<{tag}> is outside the contract）")

    def landscape(self, el) -> None:
        """What the width pass turned (a table too wide for the page): a landscape section of its own."""
        self.section(turned=True)
        self.blocks(el)
        self.section(turned=False)

    def section(self, turned: bool) -> None:
        """Start a section on a new page, the document's page `turned` or not, with the same margins. Its
        footers are those of the section before (python-docx's add_section links them), numbering goes on
        (no w:pgNumType start) and its first page is numbered (no title page: that is the cover's)."""
        section = self.doc.add_section(WD_SECTION_START.NEW_PAGE)
        ending = self.doc.element.body[-2].pPr.sectPr  # in the paragraph that ends the section before
        ending.addprevious(parse_xml(_HAIRLINE_SPACING))
        ending.addprevious(parse_xml(_HAIRLINE_SIZE))
        section.different_first_page_header_footer = False
        numbering = section._sectPr.find(qn("w:pgNumType"))
        if numbering is not None:
            numbering.attrib.pop(qn("w:start"), None)
        page = self.doc.sections[0]
        short, long = sorted((page.page_width, page.page_height))
        section.orientation = WD_ORIENT.LANDSCAPE if turned else page.orientation
        section.page_width, section.page_height = (long, short) if turned else (page.page_width, page.page_height)
        self.text_width = Length(section.page_width - section.left_margin - section.right_margin)
        self.break_before = self.after_table = False
        self.turned_back = None if turned else ending.getparent().getparent()

    def finish(self) -> None:
        body = self.doc.element.body
        if self.turned_back is not None and body[-2] is self.turned_back:  # the end is turned: no empty
            body.replace(body[-1], self.turned_back.pPr.sectPr)               # portrait section after it
        if self.after_table:
            self.paragraph("Table Text")

    def paragraph(self, style: str):
        p = self.doc.add_paragraph()
        p._p.style = self.styles[style].style_id  # Paragraph.style= scans every style, per call
        if self.break_before:
            p.paragraph_format.page_break_before = True
        elif self.after_table:
            p.paragraph_format.space_before = Pt(house.AFTER_TABLE_PT)
        self.break_before = self.after_table = False
        return p

    def inline(self, p, el, *, bold: bool = False) -> None:
        for piece in _normalized(_pieces(el)):
            if piece is _BR:
                p.add_run().add_break()
                continue
            run = p.add_run(piece.text)
            if piece.bold or bold:
                run.bold = True
            if piece.italic:
                run.italic = True

    def cover(self, el) -> None:
        for child in el.iterchildren("p", "h1"):
            if child.tag == "h1":
                self.inline(self.paragraph("Title"), child)
                continue
            style = next((COVER_STYLES[c] for c in child.classes if c in COVER_STYLES), None)
            if style is None:
                raise TemplateError(f"封面段落 class={child.get('class')!r} 不在约定之内（unknown cover paragraph）")
            self.inline(self.paragraph(style), child)
        self.break_before = True

    def heading(self, el, level: int) -> None:
        self.break_before |= self.new_page[level]
        p = self.paragraph(f"Heading {level}")
        name = self.bookmarks.get(el.get("id", ""))
        if name:
            p._p.append(_bookmark("w:bookmarkStart", name))
        self.inline(p, el)
        if name:
            p._p.append(_bookmark("w:bookmarkEnd", name))
        if el.get("id") in self.toc_levels:
            p._p.extend(_tc_field(*self.toc_levels[el.get("id")]))

    def toc(self, el) -> None:
        """A real TOC field whose cached result already lists the entries with their page numbers.

        It is built from the TC fields that `heading` puts in exactly the headings the HTML's 目录 lists,
        at its levels, so Word's update gives the PDF's 目录 again (not the annexes' sub-headings)."""
        title = el.find("h1")
        self.inline(self.paragraph("TOC Heading"), title if title is not None else "目录")
        for index, li in enumerate(list(el.iter("li")) or [None]):
            p = self.paragraph("toc 2" if li is not None and "toc-2" in li.classes else "toc 1")
            if index == 0:
                p._p.extend([fld_char("begin"), instr_run(TOC_INSTRUCTION), fld_char("separate")])
            if li is not None:
                target = _href_id(li)
                p._p.extend(_toc_entry(_plain(li), self.bookmarks.get(target), self.pages.get(target)))
        p._p.append(fld_char("end"))
        self.break_before = self.typography.page_number.on_toc   # else a section break ends the page
        house.close_front_matter(self.doc, self.typography)

    def figure(self, el) -> None:
        """The image and its caption. Word cannot show an SVG well, so `asset:NAME.svg` is drawn from the
        document's NAME.png (charts come in both)."""
        img = el.find(".//img")
        if img is None or not (img.get("src") or "").startswith("asset:"):
            raise TemplateError(f"第{el.sourceline}行的 <figure> 缺少 <img src=\"asset:名称\">（figure without asset）")
        name = img.get("src")[len("asset:"):]
        if name.lower().endswith(".svg"):
            name = name[:-len(".svg")] + ".png"
        if name not in self.assets:
            raise TemplateError(f"缺少资源 {name}（missing asset {name}; have {sorted(self.assets)}）")
        width = attributes.number(img.get("data-width-mm"), self.text_width.mm, 10, self.text_width.mm)
        shape = self.paragraph("Figure").add_run().add_picture(BytesIO(self.assets[name]), width=Mm(width))
        shape._inline.docPr.set("descr", img.get("alt") or "")
        caption = el.find("figcaption")
        if caption is not None:
            self.inline(self.paragraph("Caption"), caption)

    def table(self, el) -> None:
        caption = el.find("caption")
        if caption is not None:
            self.inline(self.paragraph("Table Caption"), caption)
        elif "form-rest" in el.classes and self.after_table:
            self.doc.element.body._insert_p(parse_xml(_JOINT))  # the rest of a form, drawn under its head
        elif self.break_before or self.after_table:
            self.paragraph("Table Text")
        rows = list(el.iter("tr"))
        grid, ncols = _layout(rows)
        step = next((n for n, name in enumerate(table_widths.STEP_CLASSES) if n and name in el.classes), 0)
        widths = _column_widths(el, ncols, self.sizes, self.text_width.twips)
        table = self.doc.add_table(rows=0, cols=ncols)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        tbl_pr.find(qn("w:tblW")).attrib.update({qn("w:type"): "dxa", qn("w:w"): str(sum(widths))})
        margins = _CELL_MARGINS.format(tb=_TOP_BOTTOM["tight" in el.classes])
        tbl_pr.insert_element_before(parse_xml(margins), "w:tblLook", "w:tblCaption", "w:tblDescription")
        for column, width in zip(table.columns, widths):
            column.width = Twips(width)
        suffix = STEP_STYLES[step]
        ids = self.styles["Table Text" + suffix].style_id, self.styles["Table Heading" + suffix].style_id
        for tr, cells in zip(rows, grid):
            table._tbl.append(parse_xml(_row_xml(tr, cells, widths, ids, self.latin)))
        self.after_table, self.break_before = True, False


@dataclass(frozen=True)
class _GridCell:
    col: int
    colspan: int
    element: object | None  # None: the lower part of a row-spanning cell, or padding
    v_merge: str | None = None  # "restart" on a row-spanning cell, "continue" below it


def _layout(rows) -> tuple[list[list[_GridCell]], int]:
    """The rows' cells on the column grid (`table_widths.place`), each row listing every grid cell it covers."""
    placed, ncols = table_widths.place(rows)
    if ncols > MAX_COLUMNS:
        raise TemplateError(f"表格有 {ncols} 列，Word 的表格最多 {MAX_COLUMNS} 列；请检查模板中的 colspan")
    taken: dict[tuple[int, int], _GridCell] = {}
    for p in placed:
        for i in range(p.rowspan):
            merge = None if p.rowspan == 1 else ("restart" if i == 0 else "continue")
            cell = _GridCell(p.col, p.colspan, p.element if i == 0 else None, merge)
            taken.update({(p.row + i, p.col + j): cell for j in range(p.colspan)})
    grid = []
    for r in range(len(rows)):
        cells = [taken.get((r, c), _GridCell(c, 1, None)) for c in range(ncols)]
        grid.append([cell for c, cell in enumerate(cells) if cell.col == c])
    return grid, ncols


def _column_widths(table, ncols: int, sizes, total: int) -> list[int]:
    """Column widths in twips filling `total`: the shares the render pass wrote into the table's <colgroup>,
    which the PDF prints too (computed here alike when a table comes without one)."""
    shares = [attributes.number(col.get("data-width"), 0, 0, 100) for col in table.iter("col")]
    if len(shares) != ncols or not sum(shares):
        shares = table_widths.fit([table], sizes, total / 20).percents
    widths = [int(total * share / sum(shares)) for share in shares]
    widths[-1] += total - sum(widths)
    return widths


def _row_xml(tr, cells: list[_GridCell], widths: list[int], style_ids: tuple[str, str], latin: str) -> str:
    """One w:tr as text: rows never split across pages and header rows repeat on every page; figures and
    codes never wrap.

    Building the row markup directly is ~10x faster than python-docx's per-cell setters, which
    search the style list on every assignment (4.4 s against 0.3 s for 13 tables of 60 rows).
    """
    in_head = tr.getparent().tag == "thead"
    bold = "total" in tr.classes
    parts = [f"<w:tr {nsdecls('w')}><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if in_head else ''}</w:trPr>"]
    keep = "<w:keepNext/>" if in_head else ""  # a header row is never left alone at a page foot
    for cell in cells:
        width = sum(widths[cell.col : cell.col + cell.colspan])
        span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
        merge = {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[cell.v_merge]
        td, header, align, runs, nowrap = cell.element, False, "", "", ""
        if td is not None:
            header = td.tag == "th" or in_head
            align = next((CELL_ALIGN[c] for c in td.classes if c in CELL_ALIGN), "")
            runs = "".join(_run_xml(piece, bold or "total" in td.classes, latin) for piece in _normalized(_pieces(td)))
            nowrap = "<w:noWrap/>" if not header and table_widths.is_figure(td) else ""
        parts.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}{nowrap}'
            '<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style_ids[header]}"/>{keep}{align}</w:pPr>{runs}</w:p></w:tc>'
        )
    parts.append("</w:tr>")
    return "".join(parts)


def _run_xml(piece: _Piece | None, bold: bool, latin: str) -> str:
    """The piece's runs; its figures and Latin letters in runs of their own, set in the Latin font
    outright, since a viewer may otherwise give them the Chinese face of the style's east-Asian hint."""
    if piece is _BR:
        return "<w:r><w:br/></w:r>"
    props = ("<w:b/><w:bCs/>" if bold or piece.bold else "") + ("<w:i/><w:iCs/>" if piece.italic else "")
    out = []
    for text in _LATIN.split(piece.text):
        if text:
            fonts = latin if _LATIN.fullmatch(text) else ""
            rpr = f"<w:rPr>{fonts}{props}</w:rPr>" if fonts or props else ""
            out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>')
    return "".join(out)


def _pieces(el, bold: bool = False, italic: bool = False) -> Iterator[_Piece | None]:
    if isinstance(el, str):
        yield _Piece(el, bold, italic)
        return
    if el.text:
        yield _Piece(el.text, bold, italic)
    for child in el:
        if child.tag == "br":
            yield _BR
        elif isinstance(child.tag, str):
            tag = child.tag
            yield from _pieces(child, bold or tag in ("strong", "b"), italic or tag in ("em", "i"))
        if child.tail:
            yield _Piece(child.tail, bold, italic)


def _normalized(pieces) -> list[_Piece | None]:
    """Collapse HTML white space as a browser does, trimming at paragraph edges and line breaks."""
    out: list[_Piece | None] = []
    at_start = True
    for piece in pieces:
        if piece is _BR:
            _trim_end(out)
            out.append(_BR)
            at_start = True
            continue
        text = _SPACE.sub(" ", piece.text)
        if at_start or (out and out[-1] is not _BR and out[-1].text.endswith(" ")):
            text = text.lstrip(" ")
        if text:
            if out and out[-1] is not _BR and (out[-1].bold, out[-1].italic) == (piece.bold, piece.italic):
                out[-1] = _Piece(out[-1].text + text, piece.bold, piece.italic)
            else:
                out.append(_Piece(text, piece.bold, piece.italic))
            at_start = False
    _trim_end(out)
    return out


def _trim_end(out: list) -> None:
    if out and out[-1] is not _BR:
        text = out[-1].text.rstrip(" ")
        if text:
            out[-1] = _Piece(text, out[-1].bold, out[-1].italic)
        else:
            out.pop()


def _plain(el) -> str:
    return "".join("\n" if p is _BR else p.text for p in _normalized(_pieces(el)))


def _bookmark_names(root) -> dict[str, str]:
    """Word bookmark names (letters, digits, _; ≤ 40 chars) for every heading id, in document order."""
    ids = [h.get("id") for h in root.iter(*HEADING_TAGS) if h.get("id")]
    return {id_: f"_Toc{n:06d}" for n, id_ in enumerate(dict.fromkeys(ids), start=1)}


def _bookmark(tag: str, name: str):
    attrs = {qn("w:id"): str(int(name.removeprefix("_Toc")))}
    if tag == "w:bookmarkStart":
        attrs[qn("w:name")] = name
    return OxmlElement(tag, attrs)


def _toc_entry(text: str, anchor: str | None, page: str | None) -> list:
    """What Word itself caches for one entry: a link to the heading, a tab, a PAGEREF to it showing `page`."""
    runs = []
    for index, line in enumerate(text.split("\n")):        # a <br> the title balancing put in
        runs += [run_of(OxmlElement("w:br"))] * (index > 0) + [text_run(line)]
    if anchor is None:
        return runs
    link = OxmlElement("w:hyperlink", {qn("w:anchor"): anchor, qn("w:history"): "1"})
    link.extend([*runs, run_of(OxmlElement("w:tab"))])
    result = [text_run(page)] if page else []
    link.extend([fld_char("begin"), instr_run(f" PAGEREF {anchor} \\h "), fld_char("separate"), *result,
                 fld_char("end")])
    return [link]


def _tc_field(level: int, text: str) -> list:
    """A TC field: an entry of the TOC field at `level`; it shows nothing in the text."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "")   # a balancing <br>: no space
    return [fld_char("begin"), instr_run(f' TC "{quoted}" \\l {level} '), fld_char("end")]


def _href_id(li) -> str:
    link = li.find(".//a")
    return ((link.get("href") or "") if link is not None else "").removeprefix("#")


def _toc_entries(root) -> list[tuple[str, int, str]]:
    """(heading id, 目录 level, text) of each entry of the HTML's 目录 that links to a heading."""
    return [(_href_id(li), 2 if "toc-2" in li.classes else 1, _plain(li))
            for nav in root.xpath("//nav[contains(concat(' ', @class, ' '), ' toc ')]")
            for li in nav.iter("li") if _href_id(li)]


def _title(root) -> str:
    """The cover's title on one line, else the HTML's <title>."""
    for el in (*root.xpath("//section[contains(@class,'cover')]//h1"), *root.xpath("//head/title")):
        text = _plain(el).replace("\n", "")
        if text:
            return text
    return ""


def _first_page_number(doc) -> int:
    """The number the footer's PAGE field shows on the first (cover) page: w:pgNumType's start, else 1."""
    numbering = doc.sections[0]._sectPr.find(qn("w:pgNumType"))
    start = numbering.get(qn("w:start")) if numbering is not None else None
    return int(start) if start is not None else 1
