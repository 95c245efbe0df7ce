"""Official faces, their open stand-ins, a county's own font files, and the warning when a face is missing."""

from __future__ import annotations

from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from juesuan.errors import DataError
from juesuan.layout import find_layout
from juesuan.render.fonts import fallback_notice, fallbacks, family_list, layout_fonts
from juesuan.render.typography import load_typography, stylesheet
from juesuan.write.pdf_writer import html_to_pdf
from tests.support.units import write_layout

FANDOL_SONG = Path("/usr/local/share/fonts/fandol/FandolSong-Regular.otf")


def test_official_names_come_first_then_open_faces_then_noto():
    assert family_list("仿宋_GB2312")[:2] == ["仿宋_GB2312", "FangSong_GB2312"]
    assert family_list("仿宋_GB2312")[-2:] == ["FandolFang", "Noto Serif CJK SC"]
    kai = family_list("楷体_GB2312")
    assert kai.index("KaiTi") < kai.index("FandolKai") < kai.index("AR PL UKai CN") < kai.index("Noto Serif CJK SC")
    assert family_list("黑体")[-1] == "Noto Sans CJK SC"
    assert family_list("方正仿宋_GBK") == ["方正仿宋_GBK", "Noto Serif CJK SC"]   # a name we don't know stands for itself


def test_a_missing_face_is_named_once_with_what_prints_instead():
    have = frozenset({"FandolFang", "FandolKai", "FandolSong", "Noto Serif CJK SC", "黑体"})
    replaced = fallbacks(["仿宋_GB2312", "黑体", "仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"], installed=have)
    assert [(r.face, r.used) for r in replaced] == [("仿宋_GB2312", "FandolFang"), ("楷体_GB2312", "FandolKai"),
                                                    ("方正小标宋简体", "FandolSong")]
    notice = fallback_notice(replaced)
    assert "仿宋_GB2312（以 FandolFang 代替）" in notice and "fonts/" in notice and notice.count("仿宋_GB2312") == 2


def test_no_warning_when_the_machine_has_the_face_under_another_of_its_names():
    assert fallbacks(["仿宋_GB2312", "楷体_GB2312"], installed=frozenset({"FangSong", "KaiTi"})) == []


def _renamed(source: Path, target: Path, chinese: str, english: str) -> Path:
    """A copy of `source` that calls itself what a licensed file does: English and Chinese (PRC) names."""
    font = TTFont(source)
    table = font["name"]
    table.names = [r for r in table.names if r.nameID not in (1, 4, 6, 16, 17)]
    for name_id, value in ((1, english), (4, english), (6, english.replace(" ", ""))):
        table.setName(value, name_id, 3, 1, 0x409)
    table.setName(chinese, 1, 3, 1, 0x804)
    table.setName(chinese, 4, 3, 1, 0x804)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return target


@pytest.mark.skipif(not FANDOL_SONG.is_file(), reason="scripts/setup.sh installs the Fandol faces")
def test_a_countys_font_file_is_read_embedded_and_silences_the_warning(tmp_path):
    county = write_layout(tmp_path / "county", {})
    _renamed(FANDOL_SONG, county / "fonts" / "fs.otf", "仿宋_GB2312", "FangSong_GB2312")
    typography = load_typography(find_layout(county).folders)
    assert [f.families for f in typography.fonts] == [("FangSong_GB2312", "仿宋_GB2312")]
    assert 'src: url("asset:font/fs.otf")' in stylesheet(typography)
    assert "仿宋_GB2312" not in [r.face for r in fallbacks(typography.faces(), typography.fonts, frozenset())]

    pdf = html_to_pdf("<html><body><p>部门决算 2024</p></body></html>", {}, [],
                      created=datetime(2025, 1, 1, tzinfo=timezone.utc), typography=typography)
    with pdfplumber.open(BytesIO(pdf)) as doc:
        fonts = {c["text"]: c["fontname"].split("+", 1)[-1] for c in doc.pages[0].chars}
    assert "Fandol" not in fonts["部"] and "Noto" not in fonts["部"], fonts      # the county's file, by its own name
    assert "Latin" in fonts["2"]


def test_a_broken_font_file_is_located(tmp_path):
    county = write_layout(tmp_path / "county", {})
    (county / "fonts").mkdir()
    (county / "fonts" / "仿宋.ttf").write_bytes(b"not a font")
    with pytest.raises(DataError) as caught:
        layout_fonts(find_layout(county).folders)
    message = caught.value.format()
    assert "仿宋.ttf" in message and "不是可用的字体文件" in message
