"""The DOCX's 目录 as a bureau opens it: entries with page numbers that are right for the DOCX's own
pages, the PDF's entries again after Word's update, and a package that names juesuan and the unit.

LibreOffice runs twice in this file (the DOCX's layout, and once to look at the result); every
other test hands the writer a made-up layout or the PDF's numbers.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import zipfile
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from lxml import etree
from pypdf import PdfReader

from juesuan.build import Options, build, compute
from juesuan.render.document import render_document
from juesuan.write import docx_pages
from juesuan.write.docx_pages import Pagination, lay_out, locate
from juesuan.write.docx_writer import html_to_docx
from juesuan.write.pdf_writer import html_to_pdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"
CREATED = datetime(2025, 9, 23, tzinfo=timezone.utc)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_lo = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


@pytest.fixture(scope="module")
def rendered():
    loaded, report = compute(SAMPLE, Options())
    return render_document(report, loaded.options.template_path())


@pytest.fixture(scope="module")
def toc(rendered):
    """(heading id, level, text) of the HTML's 目录, as the PDF prints it."""
    root = lxml.html.document_fromstring(rendered.html)
    return [(li.find("a").get("href")[1:], 2 if "toc-2" in li.classes else 1, li.text_content().strip())
            for li in root.xpath("//nav[contains(@class,'toc')]//li")]


@pytest.fixture(scope="module")
def lo_allowed():
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(docx_pages.SWITCH_OFF, raising=False)
        yield


@pytest.fixture(scope="module")
def laid_out_docx(rendered, lo_allowed):
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    calls = []

    def counted(data: bytes):
        calls.append(data)
        return lay_out(data)

    docx = html_to_docx(rendered.html, rendered.assets, created=CREATED, author="绵竹市医疗保障局", lay_out=counted)
    assert len(calls) == 1
    return docx, calls[0]


@pytest.fixture(scope="module")
def lo_pdf(laid_out_docx, tmp_path_factory):
    """The final DOCX as LibreOffice prints it, its bookmarks exported as named destinations."""
    folder = tmp_path_factory.mktemp("lo")
    (folder / "doc.docx").write_bytes(laid_out_docx[0])
    export = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", export, "--outdir", str(folder), str(folder / "doc.docx")],
                   check=True, timeout=180, capture_output=True)
    return folder / "doc.pdf"


def xml(docx: bytes, name: str):
    return etree.fromstring(zipfile.ZipFile(BytesIO(docx)).read(name))


def toc_numbers(docx: bytes) -> dict[str, str]:
    """bookmark → the page number cached in its 目录 entry's PAGEREF field."""
    body = xml(docx, "word/document.xml")
    numbers = {}
    for link in body.iter(W + "hyperlink"):
        instr = "".join(link.xpath(".//w:instrText/text()", namespaces=NS))
        after = link.xpath(".//w:fldChar[@w:fldCharType='separate']/../following-sibling::w:r/w:t/text()",
                           namespaces=NS)
        assert instr.split() == ["PAGEREF", link.get(W + "anchor"), "\\h"]
        numbers[link.get(W + "anchor")] = "".join(after)
    return numbers


def bookmarks(docx: bytes) -> dict[str, str]:
    """bookmark → the text of the paragraph it marks."""
    body = xml(docx, "word/document.xml")
    return {b.get(W + "name"): "".join(b.getparent().xpath(".//w:t/text()", namespaces=NS))
            for b in body.iter(W + "bookmarkStart")}


@needs_lo
def test_toc_numbers_are_the_pages_libreoffice_prints_the_headings_on(laid_out_docx, lo_pdf, toc):
    docx, _ = laid_out_docx
    numbers = toc_numbers(docx)
    assert len(numbers) == len(toc) == 31
    reader = PdfReader(lo_pdf)
    pages = {re.sub(r"^/(#5F|5F|_)", "_", str(name)): reader.get_destination_page_number(dest)
             for name, dest in reader.named_destinations.items()}
    texts = [page.extract_text() for page in reader.pages]
    for anchor, number in numbers.items():
        page = pages[anchor]                      # where LibreOffice put the heading's bookmark
        footer = texts[page].strip().splitlines()[-1]
        assert footer.replace(" ", "") == f"—{number}—", anchor  # the number the footer prints there
        heading = bookmarks(docx)[anchor]
        assert heading.replace(" ", "") in texts[page].replace(" ", "").replace("\n", ""), heading
    assert texts[1].startswith("目录")
    assert list(numbers.values())[:3] == ["4", "4", "5"]  # after the cover and a 目录 of two pages


@needs_lo
def test_libreoffice_shows_the_numbers_on_the_toc_page(lo_pdf):
    with pdfplumber.open(lo_pdf) as pdf:
        lines = pdf.pages[1].extract_text().splitlines()
    assert lines[0] == "目录"
    assert re.fullmatch(r"第一部分 部门概况\.{10,}4", lines[1])
    assert re.fullmatch(r"一、部门职责\.{10,}4", lines[2])
    wrapped = [line for line in lines[1:-1] if not re.search(r"\.{3,}\d+$", line)]
    assert wrapped == ["附件 1 绵竹市医疗保障局"]  # balanced: "2024 年度…报告" and the number on the next line


@needs_lo
def test_first_layout_has_placeholders_as_wide_as_the_numbers(laid_out_docx, lo_pdf):
    docx, first = laid_out_docx
    assert set(toc_numbers(first).values()) == {"00"}
    assert toc_numbers(first).keys() == toc_numbers(docx).keys()
    # the count from the first layout is the final one's: the placeholders kept the 目录's length
    assert xml(docx, "docProps/app.xml").findtext("{*}Pages") == str(len(PdfReader(lo_pdf).pages))


def test_word_rebuilds_the_toc_from_exactly_the_pdfs_entries(rendered, toc):
    docx = html_to_docx(rendered.html, rendered.assets, created=CREATED)
    body = xml(docx, "word/document.xml")
    instructions = [t.text for t in body.iter(W + "instrText")]
    assert instructions[0] == " TOC \\f \\h \\z "  # from TC fields only, not from heading styles
    marked = []
    for p in body.iter(W + "p"):
        tc = [t for t in p.xpath(".//w:instrText/text()", namespaces=NS) if t.startswith(" TC ")]
        if tc:
            assert p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS).startswith("Heading")
            marked.append(tc[0])
    assert marked == [f' TC "{text}" \\l {level} ' for _, level, text in toc]
    assert ' TC "附件1 绵竹市医疗保障局2024年度部门整体支出绩效评价报告" \\l 2 ' in marked  # an annex: level 2
    assert not any("部门整体基本情况" in m for m in marked)  # the annex's own 一、 is not in the 目录


def test_without_libreoffice_the_toc_shows_the_pdfs_page_numbers(rendered):
    pdf = html_to_pdf(rendered.html, rendered.assets, [rendered.stylesheet], created=CREATED)
    with pdfplumber.open(BytesIO(pdf)) as document:
        printed = [re.search(r"(\d+)$", line).group(1) for page in document.pages[1:3]
                   for line in page.extract_text().splitlines() if re.search(r"\.\s*\d+$", line)]
        count = len(document.pages)
    docx = html_to_docx(rendered.html, rendered.assets, created=CREATED, toc_pages=docx_pages.pdf_pagination(pdf),
                        lay_out=lambda data: None)  # LibreOffice missing or failed
    assert list(toc_numbers(docx).values()) == printed  # the numbers the PDF's own 目录 prints
    assert len(printed) == 31 and printed[:3] == ["4", "4", "6"]
    assert xml(docx, "docProps/app.xml").findtext("{*}Pages") == str(count)


def test_a_layout_that_misses_a_heading_falls_back(rendered):
    fallback = Pagination({}, 9, "PDF")
    docx = html_to_docx(rendered.html, rendered.assets, created=CREATED, toc_pages=fallback,
                        lay_out=lambda data: ["目录", "第一部分 部门概况"])
    assert set(toc_numbers(docx).values()) == {""}  # no page known: Word fills them on its update
    assert xml(docx, "docProps/app.xml").findtext("{*}Pages") == "9"


def test_same_input_gives_the_same_bytes_with_page_numbers(rendered, toc):
    pages = Pagination({toc[0][0]: 3}, 40, "PDF")
    made = [html_to_docx(rendered.html, rendered.assets, created=CREATED, toc_pages=pages) for _ in range(2)]
    assert made[0] == made[1]
    assert list(toc_numbers(made[0]).values())[:2] == ["3", ""]


def test_locate_matches_in_order_past_the_toc():
    pages = ["封面", "目录 一、概况.....00 二、概况.....00", "一、概况 正文提到 二、概况", "二、 概 况\n正文"]
    found = locate(pages, [("a", "一、概况"), ("b", "二、 概况")])
    assert found == Pagination({"a": 3, "b": 3}, 4, "LibreOffice")  # the first 二、概况 after 一、's heading
    assert locate(pages, [("a", "三、其他")]) is None
    assert locate(None, [("a", "一、概况")]) is None


def test_package_names_juesuan_the_unit_and_every_face(rendered):
    docx = html_to_docx(rendered.html, rendered.assets, created=CREATED, author="绵竹市医疗保障局",
                        toc_pages=Pagination({}, 51, "PDF"))
    package = zipfile.ZipFile(BytesIO(docx))
    app = package.read("docProps/app.xml").decode()
    assert "Macintosh" not in app and re.search(r"<Application>juesuan \d+\.\d+\.\d+</Application>", app)
    core = xml(docx, "docProps/core.xml")
    assert core.findtext("{*}creator") == "绵竹市医疗保障局"
    assert core.findtext("{*}title") == "四川省绵竹市医疗保障局部门决算"
    assert core.findtext("{*}language") == "zh-CN"
    assert core.findtext("{*}created") == core.findtext("{*}modified") == "2025-09-23T00:00:00Z"
    styles = xml(docx, "word/styles.xml")
    named = {f.get(W + a) for f in styles.iter(W + "rFonts") for a in ("ascii", "hAnsi", "eastAsia", "cs")} - {None}
    table = {f.get(W + "name"): f for f in xml(docx, "word/fontTable.xml")}
    assert named <= table.keys() and {"仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "Times New Roman"} <= named

    def entry(name):
        f = table[name]
        return tuple(f.find(W + tag).get(W + "val") if f.find(W + tag) is not None else None
                     for tag in ("charset", "family", "pitch", "altName"))

    assert entry("仿宋_GB2312") == ("86", "modern", "fixed", "FandolFang")
    assert entry("楷体_GB2312") == ("86", "modern", "fixed", "FandolKai")
    assert entry("黑体") == ("86", "modern", "fixed", "FandolHei")
    assert entry("方正小标宋简体") == ("86", "auto", "variable", "FandolSong")
    assert entry("Times New Roman") == ("00", "roman", "variable", "Liberation Serif")


def test_a_hanging_libreoffice_is_ended_with_its_children(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {tmp_path}/child\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.delenv(docx_pages.SWITCH_OFF, raising=False)
    started = time.monotonic()
    assert lay_out(b"PK", seconds=1) is None
    assert time.monotonic() - started < 10
    child = int((tmp_path / "child").read_text())
    time.sleep(0.2)
    status = Path(f"/proc/{child}/status")
    assert not status.exists() or "\nState:\tZ" in status.read_text()  # gone, or dead and not yet reaped


def test_switched_off_never_starts_libreoffice(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\ntouch {tmp_path}/ran\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.setenv(docx_pages.SWITCH_OFF, "1")
    assert lay_out(b"PK") is None and not (tmp_path / "ran").exists()


def test_build_without_libreoffice_numbers_the_docx_from_its_pdf(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr("juesuan.build.lay_out", lambda data: calls.append(data))
    result = build(SAMPLE, tmp_path, ["docx", "pdf"], Options(lo_toc=False), allow_errors=True)
    docx, pdf = (path.read_bytes() for path in result.files)
    assert not calls
    with pdfplumber.open(BytesIO(pdf)) as document:
        printed = [re.search(r"(\d+)$", line).group(1) for page in document.pages[1:3]
                   for line in page.extract_text().splitlines() if re.search(r"\.\s*\d+$", line)]
    assert list(toc_numbers(docx).values()) == printed
    assert xml(docx, "docProps/core.xml").findtext("{*}creator") == "绵竹市医疗保障局"
