"""The DOCX around the content: page, paragraph styles, footer, settings, properties and package.

Officers edit the DOCX in Word, so the look lives in real, named styles (Heading 1…5 keep their
outline levels for the navigation pane) rather than in formatting repeated on each run. Page, fonts,
sizes, spacing and the page number are built from the layout's 排版 (`render.typography`), the same
values the PDF's generated rules come from, so the two look alike without a hand-kept copy. A county's
Word file (`reference_docx`) may then replace styles and page setup, as pandoc's reference docx does.
Each style is rebuilt from scratch because python-docx's template styles carry theme fonts and colours
that would otherwise win over ours. The package is saved with fixed dates, entry times and entry order,
so unchanged data gives identical bytes.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from io import BytesIO

from dataclasses import replace

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

from juesuan.render.table_widths import font_steps
from juesuan.render.typography import Look, Resolved, Typography
from juesuan.write import docx_package as package
from juesuan.write.reference_docx import ReferenceDocx

ALIGN = {"左": WD_ALIGN_PARAGRAPH.LEFT, "居中": WD_ALIGN_PARAGRAPH.CENTER, "右": WD_ALIGN_PARAGRAPH.RIGHT,
         "两端": WD_ALIGN_PARAGRAPH.JUSTIFY, None: None}
AFTER_TABLE_PT = 14  # the PDF's table bottom margin, given to the paragraph after a table
FIGURE_BEFORE_PT = 14  # the PDF's figure top margin
HEADER_MM, FOOTER_MM = 15, 22  # header and footer distance: the page number about 7 mm below the text
SINGLE = 0  # `line` value meaning single line spacing (needed around pictures and in tables)
_THEME_ATTRS = ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme")
_WORD_SETTINGS_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
}  # fmt: skip


@dataclass(frozen=True)
class _Spec:
    """One paragraph style. `None` means "inherit from Normal"."""

    name: str
    east_asian: str
    size: float
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    indent_chars: int | None = None  # first-line indent in 1/100 character (200 = 2 characters)
    line: float | None = None  # exact line height in pt, or SINGLE
    before: float = 0
    after: float = 0
    keep_next: bool = False
    outline: int | None = None  # 0 = Heading 1
    latin: str = "Times New Roman"  # figures and Latin letters: 正文.西文字体


def _spec(name: str, look: Resolved, **fixed) -> _Spec:
    """The style of one kind of text of the 排版; `fixed` holds what the DOCX decides alone (tables and
    pictures on single spacing, keep-with-next, outline levels)."""
    values = dict(east_asian=look.font, size=look.size, bold=look.bold, align=ALIGN[look.align],
                  indent_chars=None if look.indented else 0, line=look.line, before=look.before, after=look.after)
    return _Spec(name, **{**values, **fixed})


def _specs(t: Typography) -> list[_Spec]:
    return [replace(spec, latin=t.body.latin) if spec.name != "Footer" else spec for spec in _looks(t)]


def _looks(t: Typography) -> list[_Spec]:
    body = t.resolved(Look())  # 正文 itself: a look that sets nothing
    centre, right = replace(body, align="居中"), replace(body, align="右")
    cell, small, narrow = (replace(body, size=size) for size in font_steps(t))  # table_widths' font steps
    number = t.page_number
    return [
        _spec("Normal", body, indent_chars=round(t.body.indent * 100)),
        _spec("Title", t.resolved(t.cover.title)),
        *(_spec(f"Heading {n}", t.heading(n), keep_next=True, outline=n - 1) for n in range(1, 6)),
        _spec("Cover Year", t.resolved(t.cover.year)),
        _spec("Cover Unit", t.resolved(t.cover.unit)),
        _spec("Cover Date", t.resolved(t.cover.date)),
        _spec("TOC Heading", t.heading(1)),  # the 目录's title is an h1 in the HTML, so the PDF prints it so
        _spec("toc 1", body, indent_chars=0),
        _spec("toc 2", body, indent_chars=0),
        _spec("Body Center", centre),
        _spec("Body Right", right),
        _spec("Note", t.resolved(t.note)),
        _spec("Figure", centre, line=SINGLE, before=FIGURE_BEFORE_PT, keep_next=True),
        _spec("Caption", t.resolved(t.figure_caption)),
        _spec("Table Caption", t.resolved(t.tables.caption), keep_next=True),
        _spec("Table Unit", t.resolved(t.tables.unit), keep_next=True),
        _spec("Table Text", cell, indent_chars=0, line=SINGLE),
        _spec("Table Heading", replace(cell, bold=True, align="居中"), line=SINGLE),
        _spec("Table Text Small", small, indent_chars=0, line=SINGLE),
        _spec("Table Heading Small", replace(small, bold=True, align="居中"), line=SINGLE),
        _spec("Table Text Narrow", narrow, indent_chars=0, line=SINGLE),
        _spec("Table Heading Narrow", replace(narrow, bold=True, align="居中"), line=SINGLE),
        _spec("Footer", replace(centre, font=number.font, size=number.size), line=SINGLE, latin=number.font),
    ]


def apply_house_style(doc: Document, typography: Typography, reference: ReferenceDocx | None = None) -> None:
    """Set page geometry, document defaults, all paragraph styles and the footer on a fresh Document from
    `typography`; then let `reference` replace the page setup and the styles it defines."""
    _page(doc, typography)
    if reference is not None:
        reference.apply_page(doc)
    _doc_defaults(doc, typography.body.font, typography.body.latin)
    for spec in _specs(typography):
        _define(doc, spec)
    for level in (1, 2):
        fmt = doc.styles[f"toc {level}"].paragraph_format
        fmt.left_indent = Pt(2 * typography.body.size * (level - 1))  # the PDF's 2em
        fmt.tab_stops.add_tab_stop(text_width(doc), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    _footer(doc, typography)
    if reference is not None:
        reference.apply_styles(doc)
    _update_fields_on_open(doc)


def text_width(doc: Document) -> Length:
    """The width between the margins, where tables and pictures must fit."""
    section = doc.sections[0]
    return Length(section.page_width - section.left_margin - section.right_margin)


def _page(doc: Document, typography: Typography) -> None:
    page, margins = typography.page, typography.page.margins
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if page.width > page.height else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width), Mm(page.height)
    section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
    section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
    section.header_distance, section.footer_distance = Mm(HEADER_MM), Mm(FOOTER_MM)
    section.different_first_page_header_footer = True  # no page number on the cover


def _doc_defaults(doc: Document, east_asian: str, latin: str) -> None:
    """Drop the template's theme fonts and mark the text as Simplified Chinese."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr.find(qn("w:rFonts")), east_asian, latin)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")


def _define(doc: Document, spec: _Spec) -> None:
    try:
        style = doc.styles[spec.name]
    except KeyError:
        style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        if spec.name.startswith("toc "):  # Word's own TOC styles, which a TOC update applies
            style.element.attrib.pop(qn("w:customStyle"))
    element = style.element
    for old in (element.pPr, element.rPr):
        if old is not None:
            element.remove(old)
    style.base_style = None if spec.name == "Normal" else doc.styles["Normal"]
    style.hidden = style.unhide_when_used = False
    style.quick_style = spec.name.startswith(("Heading", "Title", "Normal"))

    font = style.font
    font.size, font.bold, font.italic = Pt(spec.size), spec.bold, False
    font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(element.get_or_add_rPr().get_or_add_rFonts(), spec.east_asian, spec.latin)

    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before, fmt.space_after = Pt(spec.before), Pt(spec.after)
    fmt.keep_with_next = spec.keep_next or None
    if spec.line == SINGLE:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    elif spec.line is not None:
        fmt.line_spacing, fmt.line_spacing_rule = Pt(spec.line), WD_LINE_SPACING.EXACTLY
    if spec.indent_chars is not None:
        fmt.first_line_indent = Pt(spec.size * spec.indent_chars / 100)
        element.pPr.ind.set(qn("w:firstLineChars"), str(spec.indent_chars))
    if spec.outline is not None:
        outline = OxmlElement("w:outlineLvl", {qn("w:val"): str(spec.outline)})
        element.pPr.insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr")


def _set_fonts(rfonts, east_asian: str, latin: str) -> None:
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:hint"), "eastAsia")  # “”、— take the Chinese font, as in print


def _footer(doc, typography: Typography) -> None:
    """The page number as 页码.格式 writes it ("— N —"): outside (odd pages right, even pages left, one
    character in from the edge, as GB/T 9704 asks) or centred; the cover (first page) gets an empty footer."""
    section = doc.sections[0]
    section.first_page_footer.is_linked_to_previous = False
    number = typography.page_number
    indent = Pt(number.size)                         # 空一字
    if number.place == "外侧":
        doc.settings.odd_and_even_pages_header_footer = True
        section.even_page_footer.is_linked_to_previous = False
        sides = [(section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)]
    else:
        sides = [(section.footer, WD_ALIGN_PARAGRAPH.CENTER)]
    before, after = typography.page_number_parts()
    for footer, align in sides:
        p = footer.paragraphs[0]
        p.style = doc.styles["Footer"]
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = indent
        elif align == WD_ALIGN_PARAGRAPH.LEFT:
            p.paragraph_format.left_indent = indent
        page = [fld_char("begin"), instr_run(" PAGE "), fld_char("separate"), text_run("1"), fld_char("end")]
        p._p.extend([*([text_run(before)] if before else []), *page, *([text_run(after)] if after else [])])


def close_front_matter(doc, typography: Typography) -> None:
    """End the section of the cover and the 目录 here when 页码.目录页印页码 is false: its pages are counted
    but print no number, and the numbered footers go to the section that follows (as the PDF's named page)."""
    if typography.page_number.on_toc:
        return
    doc.add_section(WD_SECTION_START.NEW_PAGE)
    front, body = doc.sections[0], doc.sections[-1]
    numbered = [ref for ref in front._sectPr.findall(qn("w:footerReference")) if ref.get(qn("w:type")) != "first"]
    for ref in numbered:                         # the body keeps the numbered footers themselves
        body._sectPr.insert(0, ref)
    front.footer.is_linked_to_previous = False   # and the front gets blank ones
    if doc.settings.odd_and_even_pages_header_footer:
        front.even_page_footer.is_linked_to_previous = False
    body.different_first_page_header_footer = False


def _update_fields_on_open(doc) -> None:
    """Ask Word to refresh the TOC page numbers when the file is opened: the cached ones are LibreOffice's
    (or the PDF's) layout, and Word with the official fonts may break a page elsewhere. LibreOffice
    ignores the flag and shows the cached numbers."""
    settings = doc.settings.element
    flag = OxmlElement("w:updateFields", {qn("w:val"): "true"})
    later = (el for el in settings if el.tag.rsplit("}", 1)[-1] in _WORD_SETTINGS_AFTER_UPDATE_FIELDS)
    successor = next(later, None)
    if successor is None:
        settings.append(flag)
    else:
        successor.addprevious(flag)
    settings.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")


# Word fields (PAGE, TOC, PAGEREF) are a run sequence: begin, instruction, separate, cached result, end.


def run_of(child):
    run = OxmlElement("w:r")
    run.append(child)
    return run


def fld_char(kind: str):
    return run_of(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))


def instr_run(code: str):
    instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instr.text = code
    return run_of(instr)


def text_run(text: str):
    t = OxmlElement("w:t", {qn("xml:space"): "preserve"})
    t.text = text
    return run_of(t)


def save_reproducibly(doc: Document, *, title: str, created: datetime, author: str = "",
                      pages: int | None = None) -> bytes:
    """The DOCX bytes, equal for equal content and `created`: fixed properties, entry times and order.

    `author` (the unit) becomes the creator, juesuan the application; `pages` is the laid-out page count
    for docProps/app.xml. The font table lists every face the styles and text name (`docx_package`)."""
    props = doc.core_properties
    props.title = title
    props.author = author or "juesuan"
    props.last_modified_by = "juesuan"
    props.created = props.modified = props.last_printed = _utc(created)
    props.revision = 1
    props.comments = ""
    props.language = "zh-CN"
    for rel_id, rel in list(doc.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's preview image is not this document
            doc.part.package.rels.pop(rel_id)
    out = BytesIO()
    doc.save(out)
    saved = zipfile.ZipFile(BytesIO(out.getvalue()))
    texts = [saved.read(n) for n in saved.namelist() if n.startswith(("word/styles", "word/document", "word/footer",
                                                                      "word/header"))]
    replaced = {"docProps/app.xml": package.app_xml(pages), "word/fontTable.xml": package.font_table(
        package.font_names(texts))}
    return _stable_zip(out.getvalue(), created, replaced)


def _utc(created: datetime) -> datetime:
    """Core properties are stored in UTC; a naive `created` is taken to be UTC already."""
    if created.tzinfo is not None:
        created = created.astimezone(timezone.utc).replace(tzinfo=None)
    return created


def _stable_zip(data: bytes, when: datetime, replaced: dict[str, bytes]) -> bytes:
    """Rewrite the package with fixed entry times (wall clock of `when`), a fixed entry order and the
    `replaced` parts' new contents."""
    if when.year < 1980:
        raise ValueError(f"created={when:%Y-%m-%d} is before 1980, which zip entry times cannot hold")
    source = zipfile.ZipFile(BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, replaced.get(name) or source.read(name))
    return out.getvalue()
