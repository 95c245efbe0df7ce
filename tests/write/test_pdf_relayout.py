"""Tightening a table lays out again only its part and the 目录, and the PDF is byte for byte the one a whole
second layout gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.build import compute, document_date
from juesuan.render.document import render_document
from juesuan.render.typography import load_typography, stylesheet
from juesuan.write import pdf_relayout, pdf_writer
from juesuan.write.pdf_spills import TIGHT_CSS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("sample", ["mianzhu-yibao/2024.yaml", "guanghan-yibao/2021.yaml"])
def test_laying_out_one_part_again_gives_the_same_pdf_as_laying_out_everything(sample, monkeypatch):
    loaded, report = compute(ROOT / "data" / sample)
    folders = loaded.options.template_path()
    typography, document = load_typography(folders), render_document(report, folders)
    created = document_date(loaded.data)
    outcomes = []
    real = pdf_relayout.relaid

    def spy(*args):
        outcomes.append(real(*args))
        return outcomes[-1]
    monkeypatch.setattr(pdf_writer, "relaid", spy)
    composed, tight = pdf_writer.lay_out(document.html, document.assets, [document.stylesheet], created=created,
                                         typography=typography)
    assert "tight" in tight and outcomes and outcomes[0] is not None      # a table spilled; its part was redone
    monkeypatch.setattr(pdf_writer, "relaid", lambda *args: None)
    whole, _ = pdf_writer.lay_out(document.html, document.assets, [document.stylesheet], created=created,
                                  typography=typography)
    assert composed == whole


def test_the_bundled_layouts_compose_and_whole_document_features_do_not():
    loaded, report = compute(ROOT / "data" / "mianzhu-yibao" / "2024.yaml")
    folders = loaded.options.template_path()
    sheets = [stylesheet(load_typography(folders)), render_document(report, folders).stylesheet, TIGHT_CSS]
    assert pdf_relayout.composable(sheets)
    for added in ("@page { @top-center { content: counter(pages) } }", "@page :first { margin-top: 0 }",
                  "h1 { string-set: title content() }", "p { display: block !important }",
                  "h2 { counter-increment: chapter }", "a.x::after { content: target-counter(attr(href), page) }"):
        assert not pdf_relayout.composable([*sheets, added]), added
    assert pdf_relayout.composable([*sheets, "table.form + table.form-rest { margin: 0 }  /* :first-child */"])
