"""--reference-docx: a county's Word file lends the DOCX its styles and page setup, as pandoc's reference docx
does; a file that cannot be used is refused with a Chinese message naming it, never a traceback."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from io import BytesIO
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from juesuan.build import Options, build
from juesuan.cli import main
from juesuan.write import reference_docx
from juesuan.write.docx_writer import html_to_docx
from juesuan.write.reference_docx import ReferenceDocxError, read_reference

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DATA = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"
CREATED = datetime(2025, 6, 30, 9, 0, 0)
HTML = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>样例</title></head><body>
<section class="cover"><p class="cover-year">2024年度</p><h1 class="title">某某单位<br>部门决算</h1></section>
<nav class="toc"><h1 class="toc-title nonum">目录</h1><ul><li class="toc-1"><a href="#p1">第一部分 概况</a></li></ul></nav>
<section class="part"><h1 id="p1">第一部分 概况</h1><h2 id="p1-1">一、职责</h2><p>正文。</p>
<table class="data"><tbody><tr><td class="text">项目</td><td class="num">1.00</td></tr></tbody></table></section>
</body></html>
"""


def reference(path: Path, edit=None) -> Path:
    """A county's Word file made in Word's way: Heading 1 in red 30 pt Arial, a 12 pt Normal, A4 landscape
    with 20 mm margins. `edit` may rewrite its styles.xml text, as another Word version would have saved it."""
    made = docx.Document()
    heading = made.styles["Heading 1"]
    heading.font.name, heading.font.size, heading.font.color.rgb = "Arial", Pt(30), RGBColor(0xC0, 0, 0)
    made.styles["Normal"].font.size = Pt(12)
    section = made.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(20)
    made.add_paragraph("县里的样式")
    made.save(path)
    if edit is not None:
        rewrite(path, {"word/styles.xml": edit})
    return path


def rewrite(path: Path, edits: dict) -> None:
    """Replace parts of a package: each value is new bytes, a text → text function, or None to drop it."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    for name, edit in edits.items():
        if edit is None:
            parts.pop(name)
        else:
            parts[name] = edit(parts[name].decode("utf-8")).encode("utf-8") if callable(edit) else edit
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def written(ref: Path) -> docx.document.Document:
    return docx.Document(BytesIO(html_to_docx(HTML, {}, created=CREATED, reference=read_reference(ref))))


def style_xml(document, name: str) -> str:
    return document.styles[name].element.xml


def test_its_styles_replace_ours_and_ours_stay_where_it_has_none(tmp_path):
    document = written(reference(tmp_path / "县样式.docx"))
    heading = document.styles["Heading 1"]
    assert heading.font.size.pt == 30 and heading.font.name == "Arial"
    assert heading.font.color.rgb == RGBColor(0xC0, 0, 0)
    assert document.styles["Normal"].font.size.pt == 12
    cover = document.styles["Cover Year"].element.rPr.rFonts          # a style it does not define stays ours
    assert cover.get(qn("w:eastAsia")) == "方正小标宋简体"
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["第一部分 概况"] == "Heading 1" and styles["一、职责"] == "Heading 2"
    assert next(p for p in document.paragraphs if p.text == "第一部分 概况").paragraph_format.page_break_before


def test_its_page_size_and_margins_apply_and_tables_fit_them(tmp_path):
    document = written(reference(tmp_path / "县样式.docx"))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert [round(x.mm) for x in (section.page_width, section.page_height, section.left_margin, section.top_margin)] \
        == [297, 210, 20, 20]
    widths = [int(w) for w in document.tables[0]._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
    assert sum(widths) / 56.7 == pytest.approx(297 - 40, abs=0.5)
    tab = document.styles["toc 1"].element.pPr.find(qn("w:tabs"))[0]
    assert int(tab.get(qn("w:pos"))) / 56.7 == pytest.approx(257, abs=0.5)


def test_styles_are_matched_by_name_whatever_ids_its_word_gave_them(tmp_path):
    """Chinese Word saves Normal as id "a" and Heading 1 as id "1"; our paragraphs must still find them."""
    def chinese_ids(xml: str) -> str:
        xml = xml.replace('w:styleId="Heading1"', 'w:styleId="1"').replace('w:styleId="Normal"', 'w:styleId="a"')
        return xml.replace('<w:basedOn w:val="Normal"/>', '<w:basedOn w:val="a"/>')

    document = written(reference(tmp_path / "县样式.docx", chinese_ids))
    heading = document.styles["Heading 1"]
    assert heading.style_id == "Heading1" and heading.font.size.pt == 30
    assert heading.base_style.name == "Normal" and document.styles["Normal"].font.size.pt == 12
    assert {p.style.name for p in document.paragraphs if p.text == "第一部分 概况"} == {"Heading 1"}


def test_a_style_it_bases_one_on_comes_along_and_its_list_numbering_does_not(tmp_path):
    base = ('<w:style w:type="paragraph" w:customStyle="1" w:styleId="Heading1"><w:name w:val="县标题基础"/>'
            '<w:rPr><w:spacing w:val="20"/></w:rPr></w:style>')

    def lean_on_own_base(xml: str) -> str:
        xml = xml.replace('w:styleId="Heading1"', 'w:styleId="县标题"')    # its own id clashes with none of ours
        xml = re.sub(r'(<w:style [^>]*w:styleId="县标题">.*?)<w:basedOn w:val="Normal"/>',
                     r'\1<w:basedOn w:val="Heading1"/>', xml, count=1, flags=re.S)
        xml = xml.replace('<w:keepNext/>', '<w:keepNext/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>', 1)
        return xml.replace("</w:styles>", base + "</w:styles>")

    document = written(reference(tmp_path / "县样式.docx", lean_on_own_base))
    heading = document.styles["Heading 1"]
    assert heading.base_style.name == "县标题基础"                       # brought along under a free id
    assert heading.base_style.style_id not in ("Heading1", "Normal")
    assert "numPr" not in style_xml(document, "Heading 1")


def test_its_theme_and_defaults_come_along(tmp_path):
    ref = reference(tmp_path / "县样式.docx", lambda xml: xml.replace('<w:sz w:val="22"/>', '<w:sz w:val="25"/>', 1))
    rewrite(ref, {"word/theme/theme1.xml": lambda xml: xml.replace('typeface="Calibri"', 'typeface="县体"')})
    document = written(ref)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:sz")).get(qn("w:val")) == "25"
    assert b'typeface="\xe5\x8e\xbf\xe4\xbd\x93"' in document.part.part_related_by(docx.opc.constants.RELATIONSHIP_TYPE.THEME).blob


def test_the_same_inputs_give_the_same_bytes(tmp_path):
    ref = read_reference(reference(tmp_path / "县样式.docx"))
    first = html_to_docx(HTML, {}, created=CREATED, reference=ref)
    assert html_to_docx(HTML, {}, created=CREATED, reference=read_reference(ref.path)) == first


def test_the_command_line_applies_it_to_the_built_document(tmp_path):
    ref = reference(tmp_path / "县样式.docx")
    result = CliRunner().invoke(main, ["build", str(SAMPLE_DATA), "-o", str(tmp_path / "out"), "--format", "docx",
                                       "--reference-docx", str(ref)])
    assert result.exit_code == 0, result.output
    [out] = (tmp_path / "out").glob("*.docx")
    document = docx.Document(str(out))
    assert document.styles["Heading 1"].font.size.pt == 30 and document.sections[0].orientation == WD_ORIENT.LANDSCAPE


def macro_type(path: Path) -> None:
    rewrite(path, {"[Content_Types].xml": lambda xml: xml.replace(
        "wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")})


def no_styles(path: Path) -> None:
    rewrite(path, {"word/styles.xml": None})


def not_word(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("readme.txt", "这不是 Word 文档")


@pytest.mark.parametrize(("name", "spoil", "said"), [
    ("县样式.docx", lambda p: p.write_text("这是一个文本文件"), "不是可读的 Word 文档"),
    ("县样式.docx", not_word, "不是可读的 Word 文档"),
    ("县样式.docx", macro_type, "含有宏"),
    ("县样式.docm", None, "启用宏"),
    ("县样式.docx", no_styles, "没有样式"),
    ("县样式.docx", lambda p: rewrite(p, {"word/styles.xml": b"<w:styles"}), "不是可读的 Word 文档"),
    ("县样式.docx", lambda p: p.open("r+b").truncate(21 * 1024 * 1024), "文件过大（21.0 MB，上限 20 MB）"),
])  # fmt: skip
def test_a_file_that_cannot_serve_is_refused_in_chinese_and_nothing_is_written(tmp_path, name, spoil, said):
    path = reference(tmp_path / name)
    if spoil is not None:
        spoil(path)
    result = CliRunner().invoke(main, ["build", str(SAMPLE_DATA), "-o", str(tmp_path / "out"), "--format", "docx",
                                       "--reference-docx", str(path)])
    assert result.exit_code == 1
    assert f"参考样式文件 {path}：" in result.output and said in result.output, result.output
    assert "Traceback" not in result.output and "内部错误" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_library_use_gets_the_same_refusal(tmp_path):
    path = tmp_path / "县样式.docx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(ReferenceDocxError, match="不是可读的 Word 文档"):
        build(SAMPLE_DATA, tmp_path / "out", ["docx"], Options(reference_docx=path))


def test_an_unpacked_part_over_the_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(reference_docx, "MAX_PART_BYTES", 1000)
    with pytest.raises(ReferenceDocxError, match="解压后超过"):
        read_reference(reference(tmp_path / "县样式.docx"))
