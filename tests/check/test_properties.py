"""Property tests: consistent 公开表 never fail an identity; one cell changed beyond rounding always does.

Table sets are generated from exact amounts (to 0.0001 万元, i.e. 1 元, or to 0.01 万元); every cell is then
recorded the way the 决算 software prints it — each rounded half up to 0.01 on its own, totals rounded from
the exact sums — and every JS-TAB rule is run over it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan.check import CheckConfig, CheckContext, consistent, registry, run_checks
from juesuan.check.tolerance import tolerance
from juesuan.facts.catalog import load_catalog
from juesuan.facts.numbers import round_half_up
from juesuan.load.yaml_reader import RawDocument, SourceMap
from juesuan.tables.figures import figures_of
from juesuan.tables.forms import BY_ID, BUDGETS, INCOME_KINDS, TOTAL, THREE_PUBLIC_ITEMS
from juesuan.tables.model import PanelData, Row, Source, Table, TableSet
from juesuan.validate import validate

CENT = Decimal("0.01")
FUNCTIONAL = load_catalog("功能分类", 2024)
ECONOMIC = load_catalog("经济分类", 2024)
ITEMS = sorted(e.code for e in FUNCTIONAL if len(e.code) == 7)
KUAN = sorted(e.code for e in ECONOMIC if len(e.code) == 5)
ONLY_TABLES = CheckConfig.model_validate({"停用规则": [r for r in registry() if not r.startswith("JS-TAB")]
                                          + ["JS-TAB-008", "JS-TAB-011"]})
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HERE = Source("生成的数据")


def exact(places: int, high: int = 10_000):
    return st.integers(0, high * 10**places).map(lambda n: Decimal(n).scaleb(-places))


# ---------------------------------------------------------------- the tolerance helper
@FAST
@given(st.lists(exact(6), min_size=1, max_size=30))
def test_rounded_parts_agree_with_their_rounded_total(parts):
    assert consistent(round_half_up(sum(parts), 2), [round_half_up(p, 2) for p in parts])


@FAST
@given(st.lists(exact(2).filter(lambda d: d != 0), min_size=1, max_size=30), st.data())
def test_any_change_beyond_the_tolerance_fails(parts, data):
    recorded = sum(parts)
    allowed = tolerance([recorded, *parts])
    delta = data.draw(st.integers(int(allowed / CENT) + 1, 10**7)) * CENT * data.draw(st.sampled_from([1, -1]))
    assert not consistent(recorded + delta, parts)
    assert consistent(recorded + int(allowed / CENT) * CENT, parts)  # the largest two-place gap allowed holds


# ---------------------------------------------------------------- whole table sets
def _split(draw, whole: Decimal, n: int, places: int) -> list[Decimal]:
    """`n` non-negative exact parts of `whole`."""
    cuts = sorted(draw(st.lists(st.integers(0, int(whole.scaleb(places))), min_size=n - 1, max_size=n - 1)))
    edges = [0, *cuts, int(whole.scaleb(places))]
    return [Decimal(b - a).scaleb(-places) for a, b in zip(edges, edges[1:])]


class _Sheet:
    """Rows of one panel kept exact, recorded rounded on output."""

    def __init__(self, record):
        self.record = record
        self.rows: list[tuple[str, str, dict[str, Decimal]]] = []

    def add(self, key: str, values: dict[str, Decimal], name: str = "") -> None:
        self.rows.append((key, name or key, values))

    def coded(self, amounts: dict[str, dict[str, Decimal]]) -> None:
        """类, 款 and 项 rows, parents summed from the exact items, 合计 first."""
        columns = next(iter(amounts.values())).keys() if amounts else ()
        levels: dict[str, dict[str, Decimal]] = {}
        for code, values in amounts.items():
            for prefix in (code[:3], code[:5], code):
                target = levels.setdefault(prefix, {c: Decimal(0) for c in columns})
                for c in columns:
                    target[c] += values[c]
        total = {c: sum((v[c] for v in amounts.values()), Decimal(0)) for c in columns}
        self.add(TOTAL, total)
        for code in sorted(levels):
            entry = FUNCTIONAL.get(code)
            self.add(code, levels[code], entry.name if entry else code)

    def panel(self, columns: list[str]) -> PanelData:
        return PanelData(columns, [Row(k, n, {c: self.record(v[c]) for c in columns}, HERE) for k, n, v in self.rows])


def build(draw, places: int) -> TableSet:
    record = (lambda x: round_half_up(x, 2)) if places > 2 else (lambda x: x)
    amount = exact(places)
    general_codes = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=5, unique=True))
    fund_codes = draw(st.lists(st.sampled_from(ITEMS), max_size=3, unique=True))
    general = {c: {"基本支出": draw(amount), "项目支出": draw(amount)} for c in general_codes}
    fund = {c: {"基本支出": Decimal(0), "项目支出": draw(amount)} for c in fund_codes}
    for values in (*general.values(), *fund.values()):
        values["本年支出合计"] = values["基本支出"] + values["项目支出"]
    spent = {BUDGETS[0]: sum(v["本年支出合计"] for v in general.values()),
             BUDGETS[1]: sum((v["本年支出合计"] for v in fund.values()), Decimal(0)), BUDGETS[2]: Decimal(0)}
    closing = {b: draw(amount) if b != BUDGETS[2] else Decimal(0) for b in BUDGETS}
    # 年初 no more than 本年支出 + 年末, so that each 本年收入 (the difference) is not negative
    opening = {b: _split(draw, spent[b] + closing[b], 2, places)[0] for b in BUDGETS}
    income = {b: spent[b] + closing[b] - opening[b] for b in BUDGETS}
    tables = {}

    def table(form: str, panels: dict[str, tuple[_Sheet, list[str]]]):
        tables[form] = Table(BY_ID[form], {n: s.panel(c) for n, (s, c) in panels.items()}, "万元", HERE)

    both = {}
    for code, v in [*general.items(), *fund.items()]:
        row = both.setdefault(code, {k: Decimal(0) for k in v})
        for k in v:
            row[k] += v[k]
    spending = _Sheet(record)
    spending.coded(both)
    table("支出决算表", {"": (spending, ["本年支出合计", "基本支出", "项目支出"])})
    five = _Sheet(record)
    five.coded(general)
    table("一般公共预算财政拨款支出决算表", {"": (five, ["本年支出合计", "基本支出", "项目支出"])})
    if fund:
        eight = _Sheet(record)
        eight.coded({c: {**v, "本年收入": v["本年支出合计"]} for c, v in fund.items()})
        table("政府性基金预算财政拨款收入支出决算表", {"": (eight, ["本年收入", "本年支出合计", "基本支出", "项目支出"])})
    classes: dict[str, dict[str, Decimal]] = {}
    for budget, items in ((BUDGETS[0], general), (BUDGETS[1], fund)):
        for code, v in items.items():
            row = classes.setdefault(code[:3], {"合计": Decimal(0), **{b: Decimal(0) for b in BUDGETS}})
            row[budget] += v["本年支出合计"]
            row["合计"] += v["本年支出合计"]
    total_spent, total_open, total_close = sum(spent.values()), sum(opening.values()), sum(closing.values())
    income_side, expense_side = _Sheet(record), _Sheet(record)
    for b in BUDGETS:
        income_side.add(b, {"决算数": income[b]})
    income_side.add("本年收入合计", {"决算数": sum(income.values())})
    income_side.add("年初财政拨款结转和结余", {"决算数": total_open})
    for b in BUDGETS:
        income_side.add(f"年初财政拨款结转和结余·{b}", {"决算数": opening[b]})
    income_side.add("总计", {"决算数": sum(income.values()) + total_open})
    for code in sorted(classes):
        expense_side.add(code, classes[code], FUNCTIONAL.get(code).name)
    expense_side.add("本年支出合计", {"合计": total_spent, **spent})
    expense_side.add("年末财政拨款结转和结余", {"合计": total_close, **closing})
    expense_side.add("总计", {"合计": total_spent + total_close, **{b: spent[b] + closing[b] for b in BUDGETS}})
    table("财政拨款收入支出决算总表", {"收入": (income_side, ["决算数"]),
                                      "支出": (expense_side, ["合计", *BUDGETS])})
    summary_in, summary_out = _Sheet(record), _Sheet(record)
    kinds = dict.fromkeys(INCOME_KINDS, Decimal(0)) | {b + "收入": income[b] for b in BUDGETS}
    for kind, value in kinds.items():
        summary_in.add(kind, {"决算数": value})
    summary_in.add("本年收入合计", {"决算数": sum(kinds.values())})
    summary_in.add("年初结转和结余", {"决算数": total_open})
    summary_in.add("总计", {"决算数": sum(kinds.values()) + total_open})
    for code in sorted(classes):
        summary_out.add(code, {"决算数": classes[code]["合计"]}, FUNCTIONAL.get(code).name)
    summary_out.add("本年支出合计", {"决算数": total_spent})
    summary_out.add("年末结转和结余", {"决算数": total_close})
    summary_out.add("总计", {"决算数": total_spent + total_close})
    table("收入支出决算总表", {"收入": (summary_in, ["决算数"]), "支出": (summary_out, ["决算数"])})
    basic = sum(v["基本支出"] for v in general.values())
    chosen = draw(st.lists(st.sampled_from(KUAN), min_size=2, max_size=6, unique=True))
    parts = dict(zip(chosen, _split(draw, basic, len(chosen), places)))
    economic = _Sheet(record)
    personnel = sum((v for c, v in parts.items() if c[:3] in ("301", "303")), Decimal(0))
    for code in sorted({c[:3] for c in parts} | set(parts)):
        value = parts.get(code, sum((v for c, v in parts.items() if c[:3] == code), Decimal(0)))
        economic.add(code, {"决算数": value}, ECONOMIC.get(code).name if ECONOMIC.get(code) else code)
    economic.add("人员经费合计", {"决算数": personnel})
    economic.add("公用经费合计", {"决算数": basic - personnel})
    table("一般公共预算财政拨款基本支出决算表", {"": (economic, ["决算数"])})
    three = _Sheet(record)
    figures: dict[str, Decimal] = {}
    for group in ("预算数", "决算数"):
        travel, purchase, running, reception = (draw(amount) for _ in range(4))
        figures.update({f"{group}·因公出国（境）费": travel, f"{group}·公务用车购置费": purchase,
                        f"{group}·公务用车运行费": running, f"{group}·公务接待费": reception,
                        f"{group}·公务用车购置及运行费": purchase + running,
                        f"{group}·合计": travel + purchase + running + reception})
    three.add("“三公”经费", figures)
    table("财政拨款“三公”经费支出决算表", {"": (three, [f"{g}·{i}" for g in ("预算数", "决算数")
                                                        for i in THREE_PUBLIC_ITEMS])})
    return TableSet(tables)


NARRATIVE = {"年度": "2024", "单位": {"名称": "测试局", "单位性质": "行政单位", "部门职责": ["测试"], "机构设置": {}}}


def table_errors(tables: TableSet):
    raw = RawDocument(NARRATIVE, SourceMap(Path("生成的数据.yaml")))
    ctx = CheckContext(Path("2024.yaml"), raw, validate(raw), tables, FUNCTIONAL, ECONOMIC, figures=figures_of(tables))
    return [f for f in run_checks(ctx, ONLY_TABLES) if f.severity == "错误"]


@FAST
@given(st.data(), st.sampled_from([2, 4]))
def test_consistent_tables_never_fail_an_identity(data, places):
    assert [f.format() for f in table_errors(build(data.draw, places))] == []


@FAST
@given(st.data())
def test_one_cell_changed_beyond_rounding_always_fails(data):
    tables = build(data.draw, 2)
    cells = [(row, column) for table in tables for panel in table.panels.values()
             for row in panel.rows for column in row.values]
    row, column = data.draw(st.sampled_from(cells))
    delta = data.draw(st.integers(10, 10**7)) * CENT * data.draw(st.sampled_from([1, -1]))  # ≥ 0.10
    row.values[column] += delta
    assert table_errors(tables), f"changing {row.key} {column} by {delta} went unnoticed"
