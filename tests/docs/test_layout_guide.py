"""docs/版式定制.md is generated from the code: it must say what the code does today."""

from __future__ import annotations

from pathlib import Path

from tests.support import tools

ROOT = Path(__file__).resolve().parents[2]


def load_tool():
    return tools.load_tool("layout_guide")


def test_the_guide_is_up_to_date():
    tool = load_tool()
    assert tool.GUIDE.read_text(encoding="utf-8") == tool.guide(), "run: python tools/layout_guide.py"


def test_the_guide_names_every_block_option_and_a_known_fact():
    text = (ROOT / "docs" / "版式定制.md").read_text(encoding="utf-8")
    assert "| parts/explanation.html.j2 | `s07_three_public` |" in text
    assert "| `百分比小数位` | 2 | 占比、增减率、完成率保留的小数位数 |" in text
    assert "| `r.totals.income_change.previous` | 1825.64 |" in text     # the 绵竹 seed's 2023 total
    assert "| `clause` |" in text and "(value=" not in text
