"""A county's Word file of styles (``--reference-docx 县样式.docx``), used the way pandoc uses a reference docx.

A bureau often keeps its house look as a Word file rather than as YAML. The styles that file defines replace
ours of the same name (else of the same style id): Normal, Heading 1–5, Title, Caption, Table Grid, and our own
Table Text, Cover Year … if it has them. What those styles lean on (the styles they are based on, the
document defaults, the theme fonts) comes along, so they look in our document as they did in theirs; and its
page size and margins replace those of the 排版. Only the look is taken: never text, headers, numbering or
macros. A replaced style keeps our name and id, so the paragraphs and the TOC still find it.

The file comes from outside, so it is read as untrusted: at most MAX_BYTES, never macro-enabled, each part
read under a cap and parsed without entities; anything else is refused with a Chinese message naming the file.
"""

from __future__ import annotations

import posixpath
import zipfile
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Twips
from lxml import etree

from juesuan.errors import JuesuanError, os_reason

MAX_BYTES = 20 * 1024 * 1024        # a file of styles is some tens of kB; a whole report with pictures a few MB
MAX_PART_BYTES = 50 * 1024 * 1024   # one unpacked part (a zip bomb stops here)
MIN_TEXT_MM = 20                    # the reference's margins must leave room for the tables and pictures
WORD_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_REFERENCES = ("w:basedOn", "w:next", "w:link")
_MARGINS = {"w:top": "top_margin", "w:bottom": "bottom_margin", "w:left": "left_margin",
            "w:right": "right_margin", "w:header": "header_distance", "w:footer": "footer_distance"}
UNREADABLE = "不是可读的 Word 文档（.docx）；请在 Word 中“另存为 Word 文档 (*.docx)”后再试"


class ReferenceDocxError(JuesuanError):
    """A reference DOCX that cannot be used; the message names the file."""


@dataclass(frozen=True)
class ReferenceDocx:
    """What a reference DOCX lends: its styles part, its theme, and its page setup in twips."""

    path: Path
    styles: bytes
    theme: bytes | None = None
    page_size: tuple[int, int] | None = None          # width, height
    margins: dict[str, int] = field(default_factory=dict)   # keys of _MARGINS

    def apply_page(self, doc: Document) -> None:
        """Its page size, orientation, margins and header/footer distances on the document's section."""
        section = doc.sections[0]
        if self.page_size is not None:
            width, height = self.page_size
            section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Twips(width), Twips(height)
        for attribute, value in self.margins.items():
            setattr(section, _MARGINS[attribute], Twips(value))

    def apply_styles(self, doc: Document) -> None:
        """Replace our styles by its styles of the same name (else id), bringing what they are based on."""
        ours = doc.styles.element
        theirs = etree.fromstring(self.styles, _PARSER)
        their_styles = {s.get(qn("w:styleId")): s for s in theirs.iter(qn("w:style")) if s.get(qn("w:styleId"))}
        our_styles = list(ours.iter(qn("w:style")))
        by_name = {(_kind(s), _name(s)): s for s in our_styles}
        by_id = {s.get(qn("w:styleId")): s for s in our_styles}

        replaced: dict[str, etree._Element] = {}       # their id → our style it replaces
        for their_id, style in their_styles.items():
            match = by_name.get((_kind(style), _name(style)))
            if match is None and their_id in by_id and _kind(by_id[their_id]) == _kind(style):
                match = by_id[their_id]
            if match is not None and all(match is not other for other in replaced.values()):
                replaced[their_id] = match
        ids = {their_id: ours_.get(qn("w:styleId")) for their_id, ours_ in replaced.items()}
        added, waiting, taken = [], list(replaced), set(by_id)
        while waiting:                                  # what the replacing styles lean on comes along
            for target in _references(their_styles[waiting.pop(0)]):
                if target in their_styles and target not in ids:
                    ids[target] = _free(target, taken)
                    taken.add(ids[target])
                    added.append(target)
                    waiting.append(target)

        for their_id, ours_ in replaced.items():
            copy = _copied(their_styles[their_id], ids)
            copy.find(qn("w:name")).set(qn("w:val"), ours_.find(qn("w:name")).get(qn("w:val")))
            ours_.getparent().replace(ours_, copy)
        for their_id in added:
            ours.append(_copied(their_styles[their_id], ids))
        defaults = theirs.find(qn("w:docDefaults"))
        if defaults is not None:
            current = ours.find(qn("w:docDefaults"))
            if current is not None:
                ours.replace(current, deepcopy(defaults))
            else:
                ours.insert(0, deepcopy(defaults))
        if self.theme is not None:
            doc.part.part_related_by(RT.THEME)._blob = self.theme   # python-docx keeps the theme as plain bytes


def _kind(style) -> str:
    return style.get(qn("w:type"), "paragraph")


def _name(style) -> str:
    """Word stores built-in names in lower case ("heading 1") and shows them capitalised: compare without case."""
    name = style.find(qn("w:name"))
    return (name.get(qn("w:val"), "") if name is not None else "").lower()


def _references(style) -> list[str]:
    return [el.get(qn("w:val")) for tag in _REFERENCES for el in style.findall(qn(tag))]


def _free(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}{n}"
    return candidate


def _copied(style, ids: dict[str, str]):
    """A copy of `style` under our ids; its list numbering is dropped (our headings carry their numbers)."""
    copy = deepcopy(style)
    copy.set(qn("w:styleId"), ids[style.get(qn("w:styleId"))])
    for tag in _REFERENCES:
        for el in copy.findall(qn(tag)):
            if el.get(qn("w:val")) in ids:
                el.set(qn("w:val"), ids[el.get(qn("w:val"))])
            else:
                copy.remove(el)
    for numbering in copy.iter(qn("w:numPr")):
        numbering.getparent().remove(numbering)
    return copy


def read_reference(path: Path) -> ReferenceDocx:
    """The styles, theme and page setup of the Word file at `path`, or ReferenceDocxError saying why not."""
    path = Path(path)
    if path.suffix.lower() in (".docm", ".dotm"):
        raise _refused(path, "是启用宏的 Word 文件，出于安全不予读取；请另存为不含宏的“Word 文档 (*.docx)”")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refused(path, f"无法读取：{os_reason(exc)}") from exc
    if not path.is_file():
        raise _refused(path, "不是文件")
    if size > MAX_BYTES:
        raise _refused(path, f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB）；"
                             "只需样式，请另存一份删去正文和图片的文档")
    try:
        with zipfile.ZipFile(path) as package:
            return _read(path, package)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, etree.XMLSyntaxError, ValueError, OSError,
            EOFError, NotImplementedError, RuntimeError) as exc:
        raise _refused(path, UNREADABLE) from exc


def _read(path: Path, package: zipfile.ZipFile) -> ReferenceDocx:
    names = package.namelist()
    types = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
             for o in _xml(path, package, "[Content_Types].xml").iter(f"{_TYPES}Override")}
    if any("macroEnabled" in kind for kind in types.values()) or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise _refused(path, "含有宏，出于安全不予读取；请另存为不含宏的“Word 文档 (*.docx)”")
    main = _target(path, package, "_rels/.rels", RT.OFFICE_DOCUMENT)
    if main is None or types.get(main) not in WORD_TYPES:
        raise _refused(path, UNREADABLE)
    rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    styles = _target(path, package, rels, RT.STYLES)
    if styles is None or styles not in names:
        raise _refused(path, "其中没有样式（styles.xml），无可采用；请用 Word 保存过的文档")
    theme = _target(path, package, rels, RT.THEME)
    styles_xml = _part(path, package, styles)
    etree.fromstring(styles_xml, _PARSER)                  # unreadable XML is refused now, not while writing
    body = _xml(path, package, main).find(qn("w:body"))
    section = body.find(qn("w:sectPr")) if body is not None else None
    page_size, margins = _page_setup(path, section)
    return ReferenceDocx(path, styles_xml, _part(path, package, theme) if theme else None, page_size, margins)


def _page_setup(path: Path, section) -> tuple[tuple[int, int] | None, dict[str, int]]:
    if section is None:
        return None, {}
    size, margins_el = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
    try:
        page_size = (int(size.get(qn("w:w"))), int(size.get(qn("w:h")))) if size is not None else None
        margins = {k: abs(int(margins_el.get(qn(k)))) for k in _MARGINS
                   if margins_el is not None and margins_el.get(qn(k)) is not None}
    except (TypeError, ValueError) as exc:
        raise _refused(path, "页面设置（纸张或页边距）无法识别；请在 Word 中重新设置页面后保存") from exc
    width = page_size[0] if page_size else None
    if width is not None and width - margins.get("w:left", 0) - margins.get("w:right", 0) < Mm(MIN_TEXT_MM).twips:
        raise _refused(path, f"页边距过大，版心不足 {MIN_TEXT_MM} 毫米宽，放不下表格")
    return page_size, margins


def _target(path: Path, package: zipfile.ZipFile, rels: str, kind: str) -> str | None:
    """The part a relationship of `kind` in `rels` points to, as a name inside the package."""
    if rels not in package.namelist():
        return None
    base = posixpath.dirname(posixpath.dirname(rels))       # word/_rels/document.xml.rels → word
    for rel in _xml(path, package, rels).iter(f"{_PACKAGE}Relationship"):
        if rel.get("Type") == kind and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            return posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
    return None


def _part(path: Path, package: zipfile.ZipFile, name: str) -> bytes:
    if package.getinfo(name).file_size > MAX_PART_BYTES:
        raise _refused(path, f"其中的 {name} 解压后超过 {MAX_PART_BYTES // 1024 // 1024} MB，不予读取")
    return package.read(name)


def _xml(path: Path, package: zipfile.ZipFile, name: str):
    return etree.fromstring(_part(path, package, name), _PARSER)


def _refused(path: Path, reason: str) -> ReferenceDocxError:
    return ReferenceDocxError(f"参考样式文件 {path}：{reason}（--reference-docx）")
