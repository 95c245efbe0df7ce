"""docs/核对规则.md is generated from the rule registry: every rule id is documented, none twice."""

from __future__ import annotations

import re
from pathlib import Path

from juesuan.check import engine, rules  # noqa: F401 - registers the rules
from tests.support import tools

ROOT = Path(__file__).resolve().parents[2]


def load_tool():
    return tools.load_tool("rules_guide")


def test_the_rule_list_is_up_to_date():
    tool = load_tool()
    assert tool.GUIDE.read_text(encoding="utf-8") == tool.guide(), "run: python tools/rules_guide.py"


def test_every_registered_rule_is_listed_once():
    text = (ROOT / "docs" / "核对规则.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| (JS-[A-Z]+-\d{3}) \|", text, re.MULTILINE)
    assert sorted(listed) == sorted(load_tool().all_rules()) and len(listed) == len(set(listed))
    assert set(engine.RULES) <= set(listed) and "JS-DOC-001" in listed
