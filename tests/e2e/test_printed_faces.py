"""The sample PDFs are set in the official kinds of face: 仿宋 body, 楷 （一） headings, Times-metric figures."""

from __future__ import annotations

import pdfplumber
import pytest

from juesuan.render.fonts import installed_families

pytestmark = pytest.mark.skipif(not {"FandolFang", "FandolKai", "Liberation Serif"} <= (installed_families() or set()),
                                reason="scripts/setup.sh installs the open faces")


def _chars(path, page_text: str):
    """The characters of the first page whose text contains `page_text`."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            if page_text in (page.extract_text() or "").replace("\n", ""):
                return page.chars
    raise AssertionError(f"no page contains {page_text}")


def _fonts(path) -> set[str]:
    with pdfplumber.open(path) as pdf:
        return {c["fontname"].split("+", 1)[-1] for page in pdf.pages for c in page.chars}


@pytest.mark.parametrize("sample", ["mianzhu-yibao/2024.yaml", "beiguan-yibao/2021.yaml"])
def test_the_pdf_embeds_a_fangsong_and_a_kai_face(built, sample):
    fonts = _fonts(built(sample).files[".pdf"])
    assert any("Fang" in f for f in fonts), fonts
    assert any("Kai" in f for f in fonts), fonts
    assert not any(f.startswith("Noto-Serif-CJK-SC") and "Bold" not in f for f in fonts), fonts  # body is not 宋体


def test_body_figures_take_the_latin_face_and_quotes_stay_chinese(built):
    pdf = built("mianzhu-yibao/2024.yaml").files[".pdf"]
    by_text: dict[str, set[str]] = {}
    for text in ("组织拟订", "“三公”"):
        for c in _chars(pdf, text):
            if round(c["size"]) == 16:                              # body text, not the page number
                by_text.setdefault(c["text"], set()).add(c["fontname"].split("+", 1)[-1])
    assert by_text["1"] <= {"Liberation-Serif-Latin", "Times-New-Roman-Latin"}, by_text["1"]
    assert all("Fang" in f for f in by_text["组"] | by_text["“"] | by_text["，"]), by_text


def test_level_three_headings_are_kai_and_level_one_hei(built):
    pdf = built("mianzhu-yibao/2024.yaml").files[".pdf"]
    with pdfplumber.open(pdf) as doc:
        lines = [line for page in doc.pages for line in page.extract_text_lines(return_chars=True)]
    def fonts_of(start):
        line = next(line for line in lines if line["text"].startswith(start) and ".." not in line["text"])  # not 目录
        return {c["fontname"].split("+", 1)[-1] for c in line["chars"] if not c["text"].isascii()}
    assert all("Kai" in f for f in fonts_of("（一）")), fonts_of("（一）")
    assert all("Hei" in f for f in fonts_of("第一部分")), fonts_of("第一部分")


def test_cover_numbers_are_not_set_in_the_body_face(built):
    chars = _chars(built("mianzhu-yibao/2024.yaml").files[".pdf"], "部门决算")
    year = [c for c in chars if c["text"] == "年" and c["size"] > 20]
    assert year and all("Fang" not in c["fontname"] for c in year)
