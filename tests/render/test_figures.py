"""The samples' charts as the rendered document holds them: SVG in the HTML with a PNG beside it for the
DOCX, a caption but no title inside, and no pie of a single part (its sentence already says 占100%)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from juesuan.build import Options, compute
from juesuan.render.document import render_document

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def rendered(sample: str):
    loaded, report = compute(ROOT / "data" / sample, Options())
    return render_document(report, loaded.options.template_path())


def test_each_figure_names_an_svg_and_the_document_has_its_png() -> None:
    doc = rendered("mianzhu-yibao/2024.yaml")
    names = re.findall(r'<figure class="chart"><img src="asset:([^"]+)\.svg"', doc.html)
    # 图1–图7 of the Sichuan layout; every pie of the sample has at least two parts
    assert names == ["totals", "income", "expense", "fiscal", "general", "general_structure", "three_public"]
    assert sorted(doc.assets) == sorted(f"{n}.{kind}" for n in names for kind in ("svg", "png"))
    assert all(doc.assets[f"{n}.svg"].startswith(b"<?xml") for n in names)
    assert all(doc.assets[f"{n}.png"].startswith(b"\x89PNG") for n in names)


def test_a_single_part_pie_is_left_to_its_sentence() -> None:
    """Guanghan 2021 spent on 公务接待费 only (0.32万元): no 图 of the 三公 structure, and the sentence says
    the whole is that one item."""
    doc = rendered("guanghan-yibao/2021.yaml")
    assert "three_public.svg" not in doc.assets and "“三公”经费财政拨款支出结构" not in doc.html
    text = re.sub(r"<[^>]+>", "", doc.html)
    assert "公务接待费支出决算0.32万元，占100%" in text


@pytest.mark.parametrize("sample", ["mianzhu-yibao/2024.yaml", "guanghan-yibao/2021.yaml"])
def test_identical_input_gives_identical_chart_files(sample: str) -> None:
    first = rendered(sample).assets
    loaded, report = compute(ROOT / "data" / sample, Options())
    assert render_document(report, loaded.options.template_path()).assets == first
