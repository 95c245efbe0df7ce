"""The build as a user meets it: outputs written whole or not at all, reproducible, customizable."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from juesuan.build import ChecksFailed, Options, build, compute
from juesuan.cli import main
from juesuan.errors import DataError, TemplateError
from tests.check.variants import inline

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"


def copy_sample(tmp_path, edit=lambda t: t, name="2024.yaml") -> Path:
    """The 004 sample with its tables inline, edited as text."""
    folder = tmp_path / "unit"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(edit(inline(SAMPLE).read_text(encoding="utf-8")), encoding="utf-8")
    return path


def text_of(result) -> str:
    return re.sub(r"<[^>]+>", "", result.document.html)


def test_bad_data_writes_nothing(tmp_path):
    path = copy_sample(tmp_path, lambda t: t.replace("[合计, 1778.52, 621.01, 1157.51", "[合计, 1778.52, 621.01, 一千", 1))
    out = tmp_path / "out"
    with pytest.raises(DataError):
        build(path, out)
    assert not out.exists() or list(out.iterdir()) == []


def test_unknown_function_code_blocks_the_build_naming_its_row(tmp_path):
    path = copy_sample(tmp_path, lambda t: t.replace('["2101501", 行政运行', '["2101509", 行政运行'))
    with pytest.raises(ChecksFailed) as err:
        build(path, tmp_path / "out", ["html"])
    hit = next(f for f in err.value.findings if f.rule_id == "JS-CAT-001")
    assert "2101509" in hit.message and "2101501" in hit.message
    assert '"2101509"' in path.read_text(encoding="utf-8").splitlines()[hit.line - 1]


def test_same_data_same_bytes(tmp_path):
    first = build(SAMPLE, tmp_path / "a", ["docx", "pdf"])
    second = build(SAMPLE, tmp_path / "b", ["docx", "pdf"])
    for a, b in zip(first.files, second.files):
        assert a.name == b.name == f"2024年度绵竹市医疗保障局部门决算{a.suffix}"
        assert a.read_bytes() == b.read_bytes()
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]  # no temp files left


def test_prior_year_file_and_block_give_the_same_document(tmp_path):
    """Last year's figures from <year-1>.yaml or from the 上年 block: the document must not care."""
    from juesuan.check.rules.cross_year import COMPARED
    from juesuan.facts.report import year_figures
    from juesuan.inputs import load

    with_file = copy_sample(tmp_path / "a")
    last = with_file.parent / "2023.yaml"
    last.write_text(with_file.read_text(encoding="utf-8").replace("年度: 2024", "年度: 2023", 1), encoding="utf-8")
    before = year_figures(load(last).data, load(last).tables)
    block = "上年:\n" + "".join(f"  {name}: {before.get(name)}\n" for name in COMPARED)
    with_block = copy_sample(tmp_path / "b", lambda t: re.sub(r"^上年:\n(?:[ #].*\n|\n)*", block, t, flags=re.M))
    a = build(with_file, tmp_path / "out-a", ["html"], allow_errors=True).document.html
    b = build(with_block, tmp_path / "out-b", ["html"], allow_errors=True).document.html
    assert a == b
    assert "收入、支出总计均与上年持平" in a


def test_an_unknown_prior_figure_leaves_its_sentence_out(tmp_path):
    path = copy_sample(tmp_path, lambda t: re.sub(r"^  公务接待费: 1.00\n", "  公务接待费: 未知\n", t, flags=re.M))
    text = text_of(build(path, tmp_path / "out", ["html"], allow_errors=True))
    assert "公务接待费支出0.39万元，完成预算100%。" in text
    assert "公务接待费支出决算比2023年度" not in text and "比2023年度增加0.39" not in text
    assert "“三公”经费财政拨款支出决算为0.79万元，完成预算100%。" in text   # its total is unknown too


def test_narrative_amounts_in_yuan_are_converted(tmp_path):
    def to_yuan(text):
        text = text.replace("金额单位: 万元\n", "金额单位: 元\n", 1)
        return text.replace("    决算: 62.43", "    决算: 624300", 1).replace("货物: 12.73", "货物: 127300", 1).replace(
            "总额: 12.73", "总额: 127300", 1)
    _, report = compute(copy_sample(tmp_path, to_yuan))
    assert str(report.operating_costs.current) == "62.43" and str(report.procurement["goods"]) == "12.73"


def test_a_table_in_yuan_keeps_its_precision(tmp_path):
    """The 三公 table in 元: 3864 元 prints 0.39, and shares are computed from the 元 figures."""
    def to_yuan(text):
        row = re.search(r"^ +- \[“三公”经费.*$", text, flags=re.M).group()
        new = "      - [“三公”经费, 7864, 0, 4000, 0, 4000, 3864, 7864, 0, 4000, 0, 4000, 3864]"
        head = text.index("财政拨款“三公”经费支出决算表:")
        text = text[:head] + text[head:].replace("单位: 万元", "单位: 元", 1)
        return text.replace(row, new)
    _, report = compute(copy_sample(tmp_path, to_yuan))
    tp = report.three_public
    assert str(tp["receptions"].actual) == "0.39" and str(tp["total"]) == "0.79"
    assert str(tp["receptions"].share) == "49.14%"          # 3864 / 7864, not 0.39 / 0.79 = 49.37%
    assert tp["receptions"].change.phrase() == "减少0.61万元，下降61.36%"   # (1.00 − 0.3864) / 1.00


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
    path = copy_sample(tmp_path, lambda t: t.replace("[合计, 1778.52, 621.01, 1157.51", "[合计, 1778.52, 621.01, abc", 1))
    runner = CliRunner()
    bad = runner.invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "--format", "html"])
    assert bad.exit_code == 1
    assert "项目支出" in bad.output and "abc" in bad.output and "2024.yaml:" in bad.output
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
    path = copy_sample(tmp_path, lambda t: t.replace("收入支出总计: 特定项目类支出", "收入支出总计: 特定特定项目类支出", 1))
    out = tmp_path / "out"
    with pytest.raises(ChecksFailed) as err:
        build(path, out, ["html"])
    assert "JS-NAR-004" in str(err.value) and "--allow-errors" in str(err.value)
    assert not out.exists() or list(out.iterdir()) == []
    result = build(path, out, ["html"], allow_errors=True)
    assert result.files and any(f.rule_id == "JS-NAR-004" for f in result.findings)
