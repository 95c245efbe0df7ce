"""One block replaced in a layout reaches both formats: DOCX and PDF come from the same rendered HTML."""

from __future__ import annotations

from pathlib import Path

from juesuan.build import Options
from tests.support.units import write_layout

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "mianzhu-yibao" / "2024.yaml"


def test_one_block_override_reaches_docx_and_pdf(tmp_path, build_both):
    layout = write_layout(tmp_path / "county", {
        "parts/glossary.html.j2":
            '{% extends "!parts/glossary.html.j2" %}{% block glossary_title %}<h1>名词解释（本县用语）</h1>{% endblock %}',
        "parts/tables.html.j2":
            '{% extends "!parts/tables.html.j2" %}'
            '{% block table %}{% if t.title == "收入支出决算总表" %}<h2>{{ t.title }}</h2><p>本表略。</p>'
            '{% else %}{{ super() }}{% endif %}{% endblock %}'})
    built = build_both(SAMPLE, Options(layout=layout))
    for text in built.texts.values():
        assert "第三部分名词解释（本县用语）" in text
        assert "收入支出决算总表本表略。" in text
        assert "收入决算表" in text                     # the other tables as the default prints them
