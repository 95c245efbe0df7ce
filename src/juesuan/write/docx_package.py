"""The package parts around the text that python-docx copies from its own template unchanged.

Its template says it was written by "Microsoft Macintosh Word" on one page, and its font table lists
Cambria and ＭＳ 明朝 but none of our Chinese faces. A bureau's Word or WPS reads the font table to pick a
substitute for a face the machine lacks (by character set, family and pitch, then w:altName), so each
face the styles name gets an entry: GB2312 (charset 86) for the Chinese ones, and the open face that
stands in for it on machines without the official fonts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from juesuan.render.fonts import FACES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FONT_ATTRS = tuple(f"{{{W}}}{name}" for name in ("ascii", "hAnsi", "eastAsia", "cs"))
GB2312, ANSI = "86", "00"


# (w:family, w:pitch) of the official faces as Windows describes them; others are "auto", "variable".
KINDS = {
    "仿宋_GB2312": ("modern", "fixed"), "仿宋": ("modern", "fixed"), "楷体_GB2312": ("modern", "fixed"),
    "楷体": ("modern", "fixed"), "黑体": ("modern", "fixed"), "Times New Roman": ("roman", "variable"),
}


def application() -> str:
    try:
        return f"juesuan {version('juesuan')}"
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "juesuan"


def app_xml(pages: int | None) -> bytes:
    """docProps/app.xml naming juesuan; `pages` is the laid-out page count, left out when unknown."""
    count = f"<Pages>{pages}</Pages>" if pages else ""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Template>Normal.dotm</Template>{count}<Application>{escape(application())}</Application>"
        "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode("utf-8")


def font_names(parts: Iterable[bytes]) -> list[str]:
    """Every face the given XML parts (styles, document, footers) name in w:rFonts, in first-seen order."""
    names: dict[str, None] = {}
    for part in parts:
        for rfonts in etree.fromstring(part).iter(f"{{{W}}}rFonts"):
            names.update((rfonts.get(attr), None) for attr in _FONT_ATTRS if rfonts.get(attr))
    return list(names)


def font_table(names: Iterable[str]) -> bytes:
    """word/fontTable.xml with one entry per face; unknown faces get what their script implies."""
    entries = []
    for name in names:
        chinese = bool(re.search(r"[^\x00-\x7f]", name)) or "GB2312" in name
        family, pitch = KINDS.get(name, ("auto", "variable"))
        alt = FACES[name].open[0] if name in FACES else None  # the open face the PDF prints instead
        alt_name = f"<w:altName w:val={quoteattr(alt)}/>" if alt else ""
        entries.append(f"<w:font w:name={quoteattr(name)}>{alt_name}<w:charset w:val=\"{GB2312 if chinese else ANSI}\"/>"
                       f"<w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/></w:font>")
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:fonts xmlns:w="{W}">{"".join(entries)}</w:fonts>').encode("utf-8")
