"""The 附表 as data for templates: panels, columns and rows whose figures Python computed; templates choose,
order and label them, and a misspelt name stops the render at its template line with the nearest name."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from jinja2.exceptions import UndefinedError

from juesuan.build import compute
from juesuan.errors import TemplateError
from juesuan.facts.numbers import Amount, NumberFormat
from juesuan.facts.tables import printable
from juesuan.layout import find_layout
from juesuan.render.document import render_document
from juesuan.render.environment import make_environment
from juesuan.tables.forms import BY_ID, TOTAL
from juesuan.tables.model import PanelData, Row, Source, Table
from tests.support.units import write_layout

ROOT = Path(__file__).resolve().parents[2]
GUANGHAN = ROOT / "data" / "guanghan-yibao" / "2021.yaml"
GUIDE = ROOT / "docs" / "版式定制.md"
BASIC = "一般公共预算财政拨款基本支出决算表"


@pytest.fixture(scope="module")
def tables():
    _, report = compute(GUANGHAN)
    return {t.title: t for t in report.tables}


def test_a_table_is_panels_of_columns_and_rows_with_printed_amounts(tables):
    summary = tables["收入支出决算总表"]
    assert [p.name for p in summary.panels] == ["收入", "支出"]
    income = summary.panel("收入")
    assert not income.coded and [c.label for c in income.labels] == ["项目"]
    assert [(c.key, c.path) for c in income.columns] == [("决算数", ("金额",))]
    total = income.row("本年收入合计")
    assert total.total and total.code == "" and total.level == 1
    assert isinstance(total.values["决算数"], Amount) and str(total.values["决算数"]) == "1019.82"
    spending = tables["支出决算表"].panel()
    assert spending.coded and [c.label for c in spending.labels] == ["科目编码", "科目名称"]
    item = spending.row("2101101")
    assert (item.code, item.name, item.level, item.total) == ("2101101", "行政单位医疗", 3, False)
    fiscal = tables["财政拨款收入支出决算总表"].panel("收入")
    sub = fiscal.row("年初财政拨款结转和结余·一般公共预算财政拨款")
    assert (sub.name, sub.level, sub.indent) == ("一般公共预算财政拨款", 2, "\u3000")


def test_the_basic_table_has_parts_and_their_totals_are_feet(tables):
    panel = tables[BASIC].panel()
    personnel = panel.part("人员经费")
    assert personnel.name == "人员经费"
    assert {r.key[:3] for r in personnel.rows[:-1]} == {"301", "303"}
    assert personnel.rows[-1].key == "人员经费合计" and personnel.rows[-1].foot
    public = panel.part("公用经费")
    grid = tables[BASIC].grid([personnel, public])
    last = grid.lines[-1]
    assert [row.key for _, row in last] == ["人员经费合计", "公用经费合计"]
    assert any(row is None for line in grid.lines for _, row in line)       # the shorter side's blank lines
    assert all(row is None or not row.foot for line in grid.lines[:-1] for _, row in line)


def test_pick_and_renamed_lay_out_without_touching_figures(tables):
    table = tables["一般公共预算财政拨款支出决算表"]
    panel = table.panel()
    chosen = panel.pick("项目支出", "本年支出合计", "年初预算数").renamed({"本年支出合计": "合计", "本年支出": "支出"})
    assert chosen.keys == ["项目支出", "本年支出合计"]            # 年初预算数: the form has it, this table not
    assert [c.path for c in chosen.columns] == [("支出", "项目支出"), ("支出", "合计")]
    assert chosen.rows == panel.rows
    grid = table.grid([chosen])
    assert [[(h.label, h.colspan, h.rowspan) for h in row] for row in grid.header] == [
        [("科目编码", 1, 2), ("科目名称", 1, 2), ("支出", 2, 1)], [("项目支出", 1, 1), ("合计", 1, 1)]]
    whole = panel.renamed({"科目名称": ["功能分类科目"]})
    assert [c.path for c in whole.labels] == [("科目编码",), ("功能分类科目",)]


@pytest.mark.parametrize("call, message", [
    (lambda t: t["支出决算表"].panel().pick("基本支持"), "「支出决算表」没有「基本支持」这一栏。是否想写「基本支出」？"),
    (lambda t: t["收入支出决算总表"].panel("收人"), "「收入支出决算总表」没有「收人」这一面。是否想写「收入」？"),
    (lambda t: t["支出决算表"].panel().renamed({"本年支出合": "合计"}), "是否想写「本年支出合计」？"),
    (lambda t: t[BASIC].panel().part("人员经"), "「一般公共预算财政拨款基本支出决算表」没有「人员经」这一部分。是否想写「人员经费」？"),
    (lambda t: t[BASIC].panel().part("人员经费", first="合记"), "没有「合记」这一行。是否想写「合计」？"),
    (lambda t: t["支出决算表"].panel().part("人员经费"), "本表的部分有：（本表不分部分）"),
    (lambda t: t["支出决算表"].panel().row("20101"), "「支出决算表」没有「20101」这一行"),
])
def test_a_misspelt_name_is_refused_with_the_nearest(tables, call, message):
    with pytest.raises(UndefinedError) as caught:
        call(tables)
    assert message in str(caught.value)


def test_a_misspelt_key_read_from_a_row_is_named_at_its_line(tmp_path):
    layout = write_layout(tmp_path / "county", {"tables/支出决算表.html.j2":
        "<table>\n{% for row in t.panel().rows %}<tr><td>{{ row.values['基本支持'] }}</td></tr>{% endfor %}\n</table>\n"})
    _, report = compute(GUANGHAN)
    with pytest.raises(TemplateError, match=r"没有「基本支持」这一项。是否想写「基本支出」？.*支出决算表\.html\.j2:2"):
        render_document(report, find_layout(layout).folders)


def test_printed_figures_add_up_down_each_column_when_the_layout_asks():
    """附表舍入: 保持相加: three half cents under their 款 print as 0 + 0.01 + 0.01 = 0.02, the 款 as printed."""
    here = Source("x")
    half = Decimal("0.005")
    rows = [Row(TOTAL, TOTAL, {"本年支出合计": 3 * half}, here), Row("201", "类", {"本年支出合计": 3 * half}, here),
            Row("20101", "款", {"本年支出合计": 3 * half}, here)]
    rows += [Row(f"20101{i:02d}", "项", {"本年支出合计": half}, here) for i in (1, 2, 99)]
    table = Table(BY_ID["支出决算表"], {"": PanelData(["本年支出合计"], rows)}, "元", here)
    for adding, items in ((False, ["0.01", "0.01", "0.01"]), (True, ["0.01", "0.01", "0"])):
        panel = printable(table, NumberFormat(), adding).panel()
        printed = {r.key: r.values["本年支出合计"] for r in panel.rows}
        assert str(printed["20101"]) == "0.02" and sorted(str(printed[k]) for k in printed if len(k) == 7) == sorted(items)
        assert all(isinstance(a, Amount) for a in printed.values())


def test_the_guides_table_examples_render(tables):
    """Every template of the guide's 第七节 runs as written, on the sample whose tables it names."""
    section = GUIDE.read_text(encoding="utf-8").split("## 七、附表的数据", 1)[1]
    snippets = re.findall(r"```jinja\n(.*?)```", section, re.S)
    env = make_environment([ROOT / "templates" / "sichuan"])
    assert len(snippets) == 4
    for snippet in snippets:
        html = env.from_string(snippet).render(t=tables[_table_of(snippet)])
        assert html.count("<table") == 1 and "<td" in html


def _table_of(snippet: str) -> str:
    """The table a snippet of the guide is for, by what it picks."""
    if "年初预算数·" in snippet:
        return "财政拨款“三公”经费支出决算表"
    if "part(" in snippet:
        return BASIC
    return "支出决算表" if "对附属单位补助支出" in snippet else "一般公共预算财政拨款支出决算表"
