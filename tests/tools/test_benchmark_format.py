"""tools/benchmark.py's verdict per line: a value over its target is MISSED, at or under it ok."""

from __future__ import annotations

from tests.support import tools

benchmark = tools.load_tool("benchmark")


def test_a_value_over_target_is_missed():
    line = benchmark.Line("one unit warm, DOCX+PDF", 2.5, "s", 2.0)
    assert line.status == "MISSED"
    assert "MISSED" in benchmark.format_line(line)
    assert f"{line.ratio:.2f}" == "1.25"


def test_at_target_is_ok_and_a_paired_ratio_is_its_own_ratio():
    assert benchmark.Line("x", 2.0, "s", 2.0).status == "ok"
    paired = benchmark.Line("PDF ÷ LibreOffice", 0.5, "×", 0.75, paired=True)
    assert paired.status == "ok" and paired.ratio == 0.5
    assert " ok" in benchmark.format_line(paired)


def test_skipped_and_informational_lines_never_fail():
    assert benchmark.Line("x", None, "×", 0.75, skipped="soffice not installed").status == "skipped"
    assert benchmark.Line("default build", 9.0, "s").status == "info"
    assert benchmark.Line("broken measure", None, "s", 1.0).status == "MISSED"
    failed = benchmark.Line("large document", None, "s", error="failed: ImportError")
    assert failed.status == "MISSED" and "failed: ImportError" in benchmark.format_line(failed)
