"""The build as a user meets it: outputs written whole or not at all, reproducible, customizable."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from juesuan.build import Options, build, compute
from juesuan.cli import main
from juesuan.errors import DataError, TemplateError

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"


def copy_sample(tmp_path, edit=lambda t: t, name="2024.yaml") -> Path:
    folder = tmp_path / "unit"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(edit(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def text_of(result) -> str:
    return re.sub(r"<[^>]+>", "", result.document.html)


def test_bad_data_writes_nothing(tmp_path):
    path = copy_sample(tmp_path, lambda t: t.replace("项目支出: 1157.51", "项目支出: 一千", 1))
    out = tmp_path / "out"
    with pytest.raises(DataError):
        build(path, out)
    assert not out.exists() or list(out.iterdir()) == []


def test_unknown_function_code_names_line_and_suggests(tmp_path):
    path = copy_sample(tmp_path, lambda t: t.replace('科目编码: "2101501"', '科目编码: "2101509"', 1))
    with pytest.raises(DataError) as err:
        compute(path)
    problem = err.value.problems[0]
    assert "2101509" in problem.message and "2101501" in problem.message
    assert '"2101509"' in path.read_text(encoding="utf-8").splitlines()[problem.line - 1]


def test_same_data_same_bytes(tmp_path):
    first = build(SAMPLE, tmp_path / "a", ["docx", "pdf"])
    second = build(SAMPLE, tmp_path / "b", ["docx", "pdf"])
    for a, b in zip(first.files, second.files):
        assert a.name == b.name == f"2024年度绵竹市医疗保障局部门决算{a.suffix}"
        assert a.read_bytes() == b.read_bytes()
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]  # no temp files left


def test_prior_year_file_and_block_give_the_same_document(tmp_path):
    """Last year's figures from <year-1>.yaml or from the 上年 block: the document must not care."""
    from juesuan.build import load
    from juesuan.facts.headline import headline_of

    def as_2023(text):
        text = text.replace("年度: 2024", "年度: 2023", 1)
        text = text.replace("一般公共预算财政拨款收入: 1332.21", "一般公共预算财政拨款收入: 1377.23", 1)
        return text.replace("项目支出: 1157.51", "项目支出: 1201.99", 1)

    with_file = copy_sample(tmp_path / "a")
    (with_file.parent / "2023.yaml").write_text(as_2023(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    h = headline_of(load(with_file.parent / "2023.yaml").data)
    block = (f"上年:\n  收入总计: {h.income_total}\n  支出总计: {h.expense_total}\n"
             f"  财政拨款收入总计: {h.fiscal_income_total}\n  财政拨款支出总计: {h.fiscal_expense_total}\n"
             f"  一般公共预算财政拨款支出: {h.general_budget_expense}\n  政府性基金预算财政拨款支出: {h.fund_budget_expense}\n"
             f"  国有资本经营预算财政拨款支出: {h.capital_budget_expense}\n  三公经费:\n"
             f"    因公出国（境）费: {h.travel}\n    公务用车购置费: {h.car_purchase}\n"
             f"    公务用车运行维护费: {h.car_operation}\n    公务接待费: {h.receptions}\n"
             f"  机关运行经费: {h.operating_costs}\n")
    with_block = copy_sample(tmp_path / "b", lambda t: re.sub(r"^上年:\n(?:[ #].*\n|\n)*", block, t, flags=re.M))
    # the edited 2023 copy is not a consistent year (the checks say so); only the compared figures matter here
    a = build(with_file, tmp_path / "out-a", ["html"], allow_errors=True).document.html
    b = build(with_block, tmp_path / "out-b", ["html"], allow_errors=True).document.html
    assert a == b
    assert "收入、支出总计" in a and "1778.52" in a


def test_amounts_in_yuan_are_converted(tmp_path):
    def to_yuan(text):
        text = text.replace("金额单位: 万元", "金额单位: 元", 1)
        return text.replace("一般公共预算财政拨款收入: 1332.21", "一般公共预算财政拨款收入: 13322100", 1)
    path = copy_sample(tmp_path, to_yuan)
    _, report = compute(path)
    assert str(report.income["lines"][0].amount) == "1332.21"


def test_county_template_override_reaches_both_formats(tmp_path):
    theme = tmp_path / "theme" / "parts"
    theme.mkdir(parents=True)
    (theme / "explanation.html.j2").write_text(
        '{% extends "!parts/explanation.html.j2" %}'
        '{% block s09_capital %}<h2>国有资本经营预算支出决算情况说明</h2><p>本县无国有资本经营预算支出。</p>{% endblock %}',
        encoding="utf-8")
    result = build(SAMPLE, tmp_path / "out", ["docx", "pdf"], Options(template_dirs=[tmp_path / "theme"]))
    from tests.e2e.conftest import docx_text, flat, pdf_text
    files = {p.suffix: p for p in result.files}
    for text in (flat(docx_text(files[".docx"])), flat(pdf_text(files[".pdf"]))):
        assert "九、国有资本经营预算支出决算情况说明本县无国有资本经营预算支出。" in text
        assert "十、其他重要事项的情况说明" in text      # numbering still generated


def test_template_error_names_the_template(tmp_path):
    theme = tmp_path / "theme" / "parts"
    theme.mkdir(parents=True)
    (theme / "glossary.html.j2").write_text("<section class=\"part\"><h1>名词解释</h1>{{ r.no_such_figure }}</section>",
                                            encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        build(SAMPLE, tmp_path / "out", ["html"], Options(template_dirs=[tmp_path / "theme"]))
    assert "no_such_figure" in str(err.value) and "glossary.html.j2" in str(err.value)


def test_sandbox_blocks_unsafe_template(tmp_path):
    theme = tmp_path / "theme" / "parts"
    theme.mkdir(parents=True)
    (theme / "glossary.html.j2").write_text("{{ r.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(TemplateError):
        build(SAMPLE, tmp_path / "out", ["html"], Options(template_dirs=[tmp_path / "theme"]))


def test_cli_reports_problems_and_exit_code(tmp_path):
    path = copy_sample(tmp_path, lambda t: t.replace("项目支出: 1157.51", "项目支出: abc", 1))
    runner = CliRunner()
    bad = runner.invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "--format", "html"])
    assert bad.exit_code == 1
    assert "项目支出" in bad.output and "abc" in bad.output
    good = runner.invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "html"])
    assert good.exit_code == 0 and "已生成" in good.output


def test_county_number_settings(tmp_path):
    config = tmp_path / "县配置.yaml"
    config.write_text("列示零值收支项目: false\n整数百分比省略小数: false\n", encoding="utf-8")
    _, report = compute(SAMPLE, Options(config=config))
    labels = [line.label for line in report.income["lines"]]
    assert labels == ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入"]
    assert str(report.three_public["completion"].rate) == "100.00%"
    config.write_text("列示零值: false\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        compute(SAMPLE, Options(config=config))
    assert "列示零值收支项目" in str(err.value) and ":1:" in str(err.value)


def test_check_errors_block_the_build_unless_allowed(tmp_path):
    from juesuan.build import ChecksFailed
    path = copy_sample(tmp_path, lambda t: t.replace("变动原因: 特定项目类支出", "变动原因: 特定特定项目类支出", 1))
    out = tmp_path / "out"
    with pytest.raises(ChecksFailed) as err:
        build(path, out, ["html"])
    assert "JS-NAR-004" in str(err.value) and "--allow-errors" in str(err.value)
    assert not out.exists() or list(out.iterdir()) == []
    result = build(path, out, ["html"], allow_errors=True)
    assert result.files and any(f.rule_id == "JS-NAR-004" for f in result.findings)
