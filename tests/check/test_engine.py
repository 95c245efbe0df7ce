"""The engine, the county configuration, the command line, and the samples themselves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from juesuan.build import Options
from juesuan.check import check_command, check_file, load_config, registry
from juesuan.errors import DataError

from .test_narrative import REASON, config_file
from .variants import DATA, S004, Variant, errors, fired

SAMPLES = sorted(DATA.glob("*/[0-9]*.yaml"))
BROKEN = ("其他重要事项", "政府采购", "总额")  # breaks JS-BAL-022 and nothing else


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_sample_passes_without_errors(sample):
    assert [f.format() for f in errors(check_file(sample))] == []


def test_rules_are_declared_with_stable_ids_and_severities():
    rules = registry()
    assert len(rules) >= 40
    for rule_id, rule in rules.items():
        assert re.fullmatch(r"JS-(TAB|BAL|CAT|YOY|NAR)-\d{3}", rule_id) and rule.id == rule_id
        assert rule.severity in ("错误", "警告") and rule.title


def test_config_disables_rules_and_changes_severities(unit_dir, tmp_path):
    path = Variant(S004).set(BROKEN, "13.73").write(unit_dir)
    assert fired(check_file(path), "JS-BAL-022")[0].severity == "错误"
    softer = check_file(path, config_file(tmp_path, "严重程度: {JS-BAL-022: 警告}\n"))
    assert fired(softer, "JS-BAL-022")[0].severity == "警告" and not errors(softer)
    assert not fired(check_file(path, config_file(tmp_path, "停用规则: [JS-BAL-022, JS-BAL-020]\n")), "JS-BAL-022")


def test_config_shares_the_file_with_number_settings(tmp_path):
    options = config_file(tmp_path, "金额小数位: 2\n插入图表: false\n须说明原因的变动金额: 0.5\n附加禁用词: [待定]\n")
    config, settings = load_config(options)
    assert str(config.reason_threshold) == "0.5" and config.banned_words == ["待定"]
    assert settings.charts is False and str(settings.reason_threshold) == "0.5"


@pytest.mark.parametrize(
    "text, words",
    [
        ("停用规则: [JS-BAL-999]\n", ["JS-BAL-999", "JS-BAL-016"]),
        ("严重程度: {JS-NAR-003: 提示}\n", ["严重程度"]),
        ("停用规侧: [JS-BAL-001]\n", ["停用规侧", "停用规则"]),
    ],
)
def test_config_mistakes_are_reported_with_their_line(tmp_path, text, words):
    with pytest.raises(DataError) as caught:
        load_config(config_file(tmp_path, text))
    message = caught.value.format()
    assert "县配置.yaml:1:" in message and all(w in message for w in words)


def test_findings_are_located_and_sorted_errors_first(unit_dir):
    v = Variant(S004).set(BROKEN, "13.73")
    findings = check_file(v.write(unit_dir))
    assert [f.severity for f in findings] == sorted((f.severity for f in findings), key=("错误", "警告").index)
    hit = fired(findings, "JS-BAL-022")[0]
    line, col = v.raw.source.positions[BROKEN]
    assert (hit.line, hit.column) == (line, col)
    assert hit.format() == f"{hit.file}:{line}:{col} [JS-BAL-022] {hit.message}（字段：其他重要事项 → 政府采购 → 总额）"


def run(*args: str):
    return CliRunner().invoke(check_command, [str(a) for a in args])


def test_command_passes_the_samples():
    result = run(*SAMPLES)
    assert result.exit_code == 0, result.output
    assert f"核对 {len(SAMPLES)} 个文件：错误 0 处" in result.output and "通过" in result.output


def test_command_reports_errors_first_with_exit_1(unit_dir):
    path = Variant(S004).set(BROKEN, "13.73").write(unit_dir)
    result = run(path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("错误（") and re.match(rf"  {re.escape(str(path))}:\d+:\d+ \[JS-BAL-022\] ", lines[1])
    assert lines.index(next(x for x in lines if x.startswith("警告"))) > 1
    assert lines[-1].endswith("未通过。")


def test_command_json_for_scripts(unit_dir):
    path = Variant(S004).set(BROKEN, "13.73").write(unit_dir)
    result = run(path, "--format", "json")
    report = json.loads(result.output)
    assert result.exit_code == 1 and report["counts"]["错误"] >= 1 and report["failed"] == []
    first = report["findings"][0]
    assert first["rule"] == "JS-BAL-022" and first["figures"]["政府采购总额"] == "13.73" and first["line"]


def test_command_cannot_run_on_invalid_data(unit_dir):
    path = Variant(S004).set(BROKEN, "一千").write(unit_dir)
    result = run(path, S004)
    assert result.exit_code == 2
    assert "应填写数字金额" in result.output and "核对 2 个文件，1 个文件无法核对" in result.output


def test_command_cannot_run_on_a_missing_file(tmp_path):
    result = run(tmp_path / "没有.yaml", "--format", "json")
    assert result.exit_code == 2 and json.loads(result.output)["failed"][0]["message"]


def test_command_scans_the_generated_document_with_county_templates(tmp_path):
    templates = tmp_path / "模板"
    (templates / "parts").mkdir(parents=True)
    original = (
        Path(__file__).resolve().parents[2] / "templates" / "sichuan" / "parts" / "overview.html.j2"
    ).read_text()
    (templates / "parts" / "overview.html.j2").write_text(
        original + "\n<p>（注：请根据本部门情况填写）</p>\n", encoding="utf-8"
    )
    result = run(S004, "--templates", templates, "--format", "json")
    hits = [f for f in json.loads(result.output)["findings"] if f["rule"] == "JS-NAR-003"]
    assert result.exit_code == 1 and hits and all(h["field"] == "生成的文档" for h in hits)


def test_library_call_takes_options_and_config(unit_dir, tmp_path):
    path = Variant(S004).text(REASON, "原因待补充").write(unit_dir)
    options = Options(config=config_file(tmp_path, "附加禁用词: [待补充]\n").config)
    assert fired(check_file(path, options), "JS-NAR-007")
