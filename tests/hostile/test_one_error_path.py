"""A bug in one unit is that unit's message: the batch goes on, `check` says it could not check (exit 2)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from juesuan import build as build_module
from juesuan.cli import main
from juesuan.manifest import CACHE, MANIFEST

from .conftest import NAME


def crash_for(monkeypatch, module, marker: str):
    """Make compute_report fail with a bug-like error for the unit whose name holds `marker`."""
    real = module.compute_report
    def compute_report(data, *args, **kwargs):
        if marker in data.unit.name:
            raise KeyError("某个内部的键")
        return real(data, *args, **kwargs)
    monkeypatch.setattr(module, "compute_report", compute_report)


def test_a_crash_in_one_unit_does_not_stop_the_batch(unit, tmp_path, monkeypatch):
    crash_for(monkeypatch, build_module, "甲")
    first = unit((NAME, "  名称: 甲局\n"), folder="a")
    second = unit((NAME, "  名称: 乙局\n"), folder="b")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(first), str(second), "-o", str(out), "--format", "html"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{first}：内部错误（KeyError" in result.output and "本单位未生成任何文件" in result.output
    assert "已生成" in result.output and [p.name for p in out.iterdir() if p.name not in (MANIFEST, CACHE)] == ["2024年度乙局部门决算.html"]


def test_debug_shows_the_traceback(unit, tmp_path, monkeypatch):
    crash_for(monkeypatch, build_module, "甲")
    result = CliRunner().invoke(main, ["build", str(unit((NAME, "  名称: 甲局\n"))), "-o", str(tmp_path / "o"),
                                       "--format", "html", "--debug"])
    assert result.exit_code == 1 and "Traceback (most recent call last)" in result.output


def test_check_json_says_it_could_not_check_and_exits_2(unit, monkeypatch):
    import juesuan.check.command as command
    crash_for(monkeypatch, command, "甲")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(unit((NAME, "  名称: 甲局\n")))])
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert report["failed"] and "内部错误（KeyError" in report["failed"][0]["message"]
