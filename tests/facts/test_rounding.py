"""附表舍入: 保持相加 — printed children add to their printed parent; each stays within a cent of its value."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.facts.numbers import round_half_up
from juesuan.facts.rounding import adding_up
from juesuan.tables.forms import TOTAL
from juesuan.tables.model import PanelData, Row, Source

HERE = Source("x")
yuan = st.integers(0, 10**7).map(lambda n: Decimal(n).scaleb(-4))          # whole 元, in 万元


def panel(items: dict[str, Decimal], column: str = "v") -> PanelData:
    levels: dict[str, Decimal] = {}
    for code, value in items.items():
        for prefix in (code[:3], code[:5], code):
            levels[prefix] = levels.get(prefix, Decimal(0)) + value
    rows = [Row(TOTAL, TOTAL, {column: sum(items.values(), Decimal(0))}, HERE)]
    rows += [Row(code, code, {column: value}, HERE) for code, value in sorted(levels.items())]
    return PanelData([column], rows)


codes = st.lists(st.sampled_from(["2010101", "2010102", "2010199", "2010301", "2050101", "2050201"]),
                 min_size=1, unique=True)


@settings(max_examples=200, deadline=None)
@given(codes.flatmap(lambda cs: st.tuples(st.just(cs), st.lists(yuan, min_size=len(cs), max_size=len(cs)))))
def test_printed_columns_add_up_and_stay_within_a_cent(drawn):
    data = panel(dict(zip(*drawn)))
    printed = adding_up(data, 2)
    for row in data.rows:
        assert abs(printed[(row.key, "v")] - row.values["v"]) < Decimal("0.01")
        children = data.children(row.key) if row.key != TOTAL else data.top()
        if children:
            assert sum(printed[(c.key, "v")] for c in children) == printed[(row.key, "v")]
    assert printed[(TOTAL, "v")] == round_half_up(data.row(TOTAL).values["v"], 2)


def test_three_half_cents_print_as_they_add():
    data = panel({"2010101": Decimal("0.005"), "2010102": Decimal("0.005"), "2010199": Decimal("0.005")})
    independent = [round_half_up(Decimal("0.005"), 2)] * 3              # 0.01 each: 0.03 under a 0.02 total
    assert sum(independent) == Decimal("0.03") and round_half_up(Decimal("0.015"), 2) == Decimal("0.02")
    printed = adding_up(data, 2)
    assert sorted(printed[(c, "v")] for c in ("2010101", "2010102", "2010199")) == [0, Decimal("0.01"), Decimal("0.01")]


def _rounding_findings(table_rounding: str):
    from pathlib import Path as P

    from juesuan.check import CheckConfig, CheckContext, registry, run_checks
    from juesuan.facts.catalog import load_catalog
    from juesuan.facts.settings import Settings
    from juesuan.load.yaml_reader import RawDocument, SourceMap
    from juesuan.tables.forms import BY_ID
    from juesuan.tables.model import Table, TableSet
    from juesuan.validate import validate

    data = panel({"2010101": Decimal("0.005"), "2010102": Decimal("0.005"), "2010199": Decimal("0.005")}, "本年支出合计")
    tables = TableSet({"支出决算表": Table(BY_ID["支出决算表"], {"": PanelData(["本年支出合计"], data.rows)}, "元", HERE)})
    narrative = {"年度": "2024", "单位": {"名称": "测试局", "单位性质": "行政单位", "部门职责": ["测试"], "机构设置": {}}}
    raw = RawDocument(narrative, SourceMap(P("x.yaml")))
    ctx = CheckContext(P("x.yaml"), raw, validate(raw), tables, load_catalog("功能分类", 2024),
                       load_catalog("经济分类", 2024), Settings.model_validate({"附表舍入": table_rounding}))
    only_this = CheckConfig.model_validate({"停用规则": [r for r in registry() if r != "JS-TAB-011"]})
    return run_checks(ctx, only_this)


def test_check_says_where_rounding_breaks_a_printed_sum_and_offers_the_option():
    hits = _rounding_findings("各自四舍五入")
    assert hits and all(h.severity == "警告" for h in hits)
    assert any("0.02" in h.message and "0.03" in h.message and "附表舍入: 保持相加" in h.message for h in hits)
    assert _rounding_findings("保持相加") == []
