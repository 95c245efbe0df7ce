"""The DOCX around the content: page, paragraph styles, footer, settings, properties and package.

Officers edit the DOCX in Word, so the look lives in real, named styles (Heading 1…5 keep their
outline levels for the navigation pane) rather than in formatting repeated on each run. Fonts and
sizes follow GB/T 9704 (党政机关公文格式) and mirror templates/sichuan/print.css, so the DOCX and
the PDF look alike. Each style is rebuilt from scratch because python-docx's template styles carry
theme fonts and colours that would otherwise win over ours. The package is saved with fixed dates,
entry times and entry order, so unchanged data gives identical bytes.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from io import BytesIO

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
LATIN = "Times New Roman"

CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
AFTER_TABLE_PT = 14  # the PDF's table bottom margin, given to the paragraph after a table
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
    east_asian: str = FANGSONG
    size: float = 16
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    indent_chars: int | None = None  # first-line indent in 1/100 character (200 = 2 characters)
    line: float | None = None  # exact line height in pt, or SINGLE
    before: float = 0
    after: float = 0
    keep_next: bool = False
    outline: int | None = None  # 0 = Heading 1
    latin: str = LATIN


_SPECS = (
    _Spec("Normal", indent_chars=200, line=28),
    _Spec("Title", XIAOBIAOSONG, 22, bold=True, align=CENTER, indent_chars=0, line=40, before=17),
    _Spec("Heading 1", HEITI, bold=True, align=CENTER, indent_chars=0, after=28, keep_next=True, outline=0),
    _Spec("Heading 2", HEITI, keep_next=True, outline=1),
    _Spec("Heading 3", KAITI, keep_next=True, outline=2),
    _Spec("Heading 4", bold=True, keep_next=True, outline=3),
    _Spec("Heading 5", keep_next=True, outline=4),
    _Spec("Cover Year", XIAOBIAOSONG, 22, align=CENTER, indent_chars=0, line=40, before=142),
    _Spec("Cover Unit", align=CENTER, indent_chars=0, before=198),
    _Spec("Cover Date", align=CENTER, indent_chars=0, before=17),
    _Spec("TOC Heading", XIAOBIAOSONG, 22, align=CENTER, indent_chars=0, line=40, after=14),
    _Spec("toc 1", indent_chars=0),
    _Spec("toc 2", indent_chars=0),
    _Spec("Body Center", align=CENTER, indent_chars=0),
    _Spec("Body Right", align=RIGHT, indent_chars=0),
    _Spec("Note", size=14, line=22),
    _Spec("Figure", align=CENTER, indent_chars=0, line=SINGLE, before=14, keep_next=True),
    _Spec("Caption", size=14, align=CENTER, indent_chars=0, line=22, before=4, after=14),
    _Spec("Table Caption", HEITI, 14, bold=True, align=CENTER, indent_chars=0, line=22, after=4, keep_next=True),
    _Spec("Table Unit", size=12, align=RIGHT, indent_chars=0, line=20, keep_next=True),
    _Spec("Table Text", size=10.5, indent_chars=0, line=SINGLE),
    _Spec("Table Heading", size=10.5, bold=True, align=CENTER, indent_chars=0, line=SINGLE),
    _Spec("Table Text Small", size=9, indent_chars=0, line=SINGLE),
    _Spec("Table Heading Small", size=9, bold=True, align=CENTER, indent_chars=0, line=SINGLE),
    _Spec("Footer", SONGTI, 14, align=CENTER, indent_chars=0, line=SINGLE, latin=SONGTI),
)


def apply_house_style(doc: Document) -> None:
    """Set page geometry, document defaults and all paragraph styles on a fresh Document."""
    _page(doc)
    _doc_defaults(doc)
    for spec in _SPECS:
        _define(doc, spec)
    for level in (1, 2):
        fmt = doc.styles[f"toc {level}"].paragraph_format
        fmt.left_indent = Pt(32 * (level - 1))
        fmt.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    _footer(doc)
    _update_fields_on_open(doc)


def _page(doc: Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(22)
    section.different_first_page_header_footer = True  # no page number on the cover


def _doc_defaults(doc: Document) -> None:
    """Drop the template's theme fonts and mark the text as Simplified Chinese."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr.find(qn("w:rFonts")), FANGSONG, LATIN)
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


def _footer(doc) -> None:
    """Centered "— N —" page number; the cover (first page) gets an empty footer."""
    section = doc.sections[0]
    section.first_page_footer.is_linked_to_previous = False
    p = section.footer.paragraphs[0]
    p.style = doc.styles["Footer"]
    page = [fld_char("begin"), instr_run(" PAGE "), fld_char("separate"), text_run("1"), fld_char("end")]
    p._p.extend([text_run("— "), *page, text_run(" —")])


def _update_fields_on_open(doc) -> None:
    """Ask Word to refresh the TOC page numbers when the file is opened."""
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


def save_reproducibly(doc: Document, *, title: str, created: datetime) -> bytes:
    """The DOCX bytes, equal for equal content and `created`: fixed properties, entry times and order."""
    props = doc.core_properties
    props.title = title
    props.author = props.last_modified_by = "juesuan"
    props.created = props.modified = props.last_printed = _utc(created)
    props.revision = 1
    props.comments = ""
    props.language = "zh-CN"
    for rel_id, rel in list(doc.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's preview image is not this document
            doc.part.package.rels.pop(rel_id)
    out = BytesIO()
    doc.save(out)
    return _stable_zip(out.getvalue(), created)


def _utc(created: datetime) -> datetime:
    """Core properties are stored in UTC; a naive `created` is taken to be UTC already."""
    if created.tzinfo is not None:
        created = created.astimezone(timezone.utc).replace(tzinfo=None)
    return created


def _stable_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite the package with fixed entry times (wall clock of `when`) and a fixed entry order."""
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
            target.writestr(info, source.read(name))
    return out.getvalue()
