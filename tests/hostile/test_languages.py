"""--lang en (attack: "`--lang en` check messages are not translated"): a rule's statement comes in English,
the Chinese detail (which quotes the forms' labels) follows; YAML syntax errors are explained in both."""

from __future__ import annotations

import re

from click.testing import CliRunner

from juesuan.check.engine import registry
from juesuan.cli import main

PLACEHOLDER = ("    - 职能转变。完善统一", "    - 职能转变。XX完善统一")


def test_every_rule_states_itself_in_english():
    for rule in registry().values():
        assert re.search(r"[a-z]{3,}", rule.title_en), rule.id
        assert rule.title_en != rule.title, rule.id


def test_check_in_english_leads_with_the_rule_and_keeps_the_location(unit):
    path = unit(PLACEHOLDER)
    result = CliRunner().invoke(main, ["check", "--lang", "en", str(path)])
    assert result.exit_code == 1, result.output
    line = next(l for l in result.output.splitlines() if "[JS-NAR-003]" in l)
    assert line.strip().startswith(f"{path}:51:")
    assert "error: no template instructions or placeholders may be left in the text" in line
    assert "XX" in line                                     # the Chinese detail still quotes the text
    assert re.search(r"Checked 1 file\(s\): \d+ error\(s\), \d+ warning\(s\)\. Not passed\.", result.output)


def test_check_in_chinese_is_unchanged(unit):
    result = CliRunner().invoke(main, ["check", str(unit(PLACEHOLDER))])
    assert "error:" not in result.output and "核对 1 个文件：错误" in result.output


def test_build_in_english_prints_findings_in_english(unit, tmp_path):
    result = CliRunner().invoke(main, ["build", "--lang", "en", "--allow-errors", "--format", "html",
                                       "-o", str(tmp_path / "out"), str(unit(PLACEHOLDER))])
    assert "[JS-NAR-003] error: no template instructions" in result.output


def test_a_yaml_syntax_error_is_explained_in_either_language(unit, tmp_path):
    path = unit(("  名称: 绵竹市医疗保障局\n", "  名称: [绵竹市医疗保障局\n"))
    zh = CliRunner().invoke(main, ["check", str(path)])
    en = CliRunner().invoke(main, ["check", "--lang", "en", str(path)])
    assert zh.exit_code == en.exit_code == 2
    assert "格式错误" in zh.output and "YAML syntax error" not in zh.output
    assert "YAML syntax error" in en.output and "it could not be checked" in en.output   # check writes nothing anyway
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+", en.output)
