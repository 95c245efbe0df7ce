"""Property tests: consistent figures never fail an identity; one figure changed beyond the tolerance always does.

Whole data files are generated from exact amounts (to 0.0001 万元, i.e. 1 元, or to 0.01); every figure is
then recorded the way a 报表 prints it — rounded half up to 0.01 on its own, totals rounded from the exact
sums — and every JS-BAL rule is run over it.
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
from juesuan.validate import validate

CENT = Decimal("0.01")
FUNCTIONAL = load_catalog("功能分类", 2024)
ECONOMIC = load_catalog("经济分类", 2024)
ITEMS = sorted(e.code for e in FUNCTIONAL if len(e.code) == 7)
PERSONNEL = sorted(e.code for e in ECONOMIC if e.funding == "人员经费")
PUBLIC = sorted(e.code for e in ECONOMIC if e.funding == "公用经费")
ONLY_BALANCE = CheckConfig.model_validate({"停用规则": [r for r in registry() if not r.startswith("JS-BAL")]})
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def exact(places: int, high: int = 100_000):
    return st.integers(0, high * 10**places).map(lambda n: Decimal(n).scaleb(-places))


# ---------------------------------------------------------------- the tolerance helper
@FAST
@given(st.lists(exact(6), min_size=1, max_size=30))
def test_rounded_parts_agree_with_their_rounded_total(parts):
    assert consistent(round_half_up(sum(parts), 2), [round_half_up(p, 2) for p in parts])


@FAST
@given(st.lists(exact(2), min_size=1, max_size=30), st.data())
def test_any_change_beyond_the_tolerance_fails(parts, data):
    recorded = sum(parts)
    allowed = tolerance(len(parts) + 1)
    delta = data.draw(st.integers(int(allowed / CENT) + 1, 10**7)) * CENT * data.draw(st.sampled_from([1, -1]))
    which = data.draw(st.integers(-1, len(parts) - 1))
    if which < 0:
        assert not consistent(recorded + delta, parts)
    else:
        changed = parts[:which] + [parts[which] + delta] + parts[which + 1 :]
        assert not consistent(recorded, changed)
    assert consistent(recorded + allowed, parts)  # the boundary itself holds


# ---------------------------------------------------------------- whole data files
def split(draw, whole: Decimal, n: int, places: int) -> list[Decimal]:
    """`n` non-negative exact parts of `whole`."""
    cuts = sorted(draw(st.lists(st.integers(0, int(whole.scaleb(places))), min_size=n - 1, max_size=n - 1)))
    edges = [0, *cuts, int(whole.scaleb(places))]
    return [Decimal(b - a).scaleb(-places) for a, b in zip(edges, edges[1:])]


def build(draw, places: int):
    """A whole data file of consistent figures, and the figures an error-level identity covers."""
    r = (lambda x: str(round_half_up(x, 2))) if places > 2 else (lambda x: str(x))
    amount = exact(places, 10_000)
    paths: list[tuple] = []
    expense: dict[str, Decimal] = {}
    basics: dict[str, Decimal] = {}
    tables = {}
    for key, with_basic in (("一般公共预算", True), ("政府性基金预算", False)):
        codes = draw(st.lists(st.sampled_from(ITEMS), min_size=1 if with_basic else 0, max_size=5, unique=True))
        rows, classes = [], {}
        for code in codes:
            basic, project = (draw(amount) if with_basic else Decimal(0)), draw(amount)
            paths += [("财政拨款支出", key, "科目", len(rows), k) for k in ("基本支出", "项目支出", "决算")]
            rows.append(
                {
                    "科目编码": code,
                    "科目名称": FUNCTIONAL.get(code).name,
                    "基本支出": r(basic),
                    "项目支出": r(project),
                    "决算": r(basic + project),
                }
            )
            classes[code[:3]] = classes.get(code[:3], Decimal(0)) + basic + project
            basics[key] = basics.get(key, Decimal(0)) + basic
            expense[key] = expense.get(key, Decimal(0)) + basic + project
        for code, total in classes.items():
            if draw(st.booleans()):
                paths.append(("财政拨款支出", key, "科目", len(rows), "决算"))
                rows.append({"科目编码": code, "科目名称": FUNCTIONAL.get(code).name, "决算": r(total)})
        tables[key] = {"科目": rows}
    opening = {key: draw(amount) for key in tables}
    closing = {key: draw(amount) for key in tables}
    income = {key: expense.get(key, Decimal(0)) + closing[key] - opening[key] for key in tables}
    basic = basics["一般公共预算"]
    personnel = split(draw, basic, 2, places)[0]
    public = basic - personnel
    project = sum(expense.values(), Decimal(0)) - basic
    subtotal_in = income["一般公共预算"] + income["政府性基金预算"]
    opening_all, closing_all = sum(opening.values()), sum(closing.values())
    summary = {
        "收入": {
            "一般公共预算财政拨款收入": r(income["一般公共预算"]),
            "政府性基金预算财政拨款收入": r(income["政府性基金预算"]),
            "本年收入合计": r(subtotal_in),
            "年初结转和结余": r(opening_all),
            "收入总计": r(subtotal_in + opening_all),
        },
        "支出": {
            "基本支出": {"人员经费": r(personnel), "公用经费": r(public), "合计": r(basic)},
            "项目支出": r(project),
            "本年支出合计": r(basic + project),
            "年末结转和结余": r(closing_all),
            "支出总计": r(basic + project + closing_all),
        },
    }
    paths += [("收入支出决算总表", side, k) for side in ("收入", "支出") for k in summary[side] if k != "基本支出"]
    paths += [("收入支出决算总表", "支出", "基本支出", k) for k in ("人员经费", "公用经费", "合计")]
    economic = []
    for codes, whole in ((PERSONNEL, personnel), (PUBLIC, public)):
        chosen = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=4, unique=True))
        for code, part in zip(chosen, split(draw, whole, len(chosen), places)):
            paths.append(("一般公共预算财政拨款基本支出", "经济分类", len(economic), "金额"))
            economic.append({"科目编码": code, "科目名称": ECONOMIC.get(code).name, "金额": r(part)})
    yuan = draw(st.lists(st.integers(1, 50_000), min_size=1, max_size=3))
    domestic, foreign = Decimal(sum(yuan)).scaleb(-4), draw(amount)
    domestic = domestic if places > 2 else round_half_up(domestic, 2)  # 元 details still print in 万元
    goods, works, services = draw(amount), draw(amount), draw(amount)
    procurement = goods + works + services
    sme = split(draw, procurement, 2, places)[0]
    paths += [("三公经费", "公务接待费", k) for k in ("决算",)] + [
        ("三公经费", "公务接待费", k, "决算") for k in ("国内", "外事")
    ]
    paths += [("其他重要事项", "政府采购", k) for k in ("货物", "工程", "服务", "总额")]
    data = {
        "年度": "2024",
        "单位": {
            "名称": "测试市测试局",
            "单位性质": "行政单位",
            "公开日期": "2025-09-01",
            "部门职责": ["测试"],
            "机构设置": {},
        },
        "收入支出决算总表": summary,
        "财政拨款收入支出决算总表": {
            "年初结转和结余": {k: r(v) for k, v in opening.items()},
            "年末结转和结余": {k: r(v) for k, v in closing.items()},
        },
        "财政拨款支出": tables,
        "一般公共预算财政拨款基本支出": {"人员经费": r(personnel), "公用经费": r(public), "经济分类": economic},
        "三公经费": {
            "因公出国（境）费": {"全年预算": "0", "决算": "0"},
            "公务用车购置及运行维护费": {
                "购置": {"全年预算": "0", "决算": "0"},
                "运行维护": {"全年预算": "0", "决算": "0"},
                "年末保有量": {"合计": "0"},
            },
            "公务接待费": {
                "全年预算": "0",
                "国内": {"决算": r(domestic), "明细": [{"事由": "接待", "金额（元）": str(y)} for y in yuan]},
                "外事": {"决算": r(foreign)},
                "决算": r(domestic + foreign),
            },
        },
        "其他重要事项": {
            "机关运行经费": {"决算": r(public)},
            "政府采购": {
                "货物": r(goods),
                "工程": r(works),
                "服务": r(services),
                "总额": r(procurement),
                "授予中小企业合同金额": r(sme),
                "授予小微企业合同金额": r(split(draw, sme, 2, places)[0]),
            },
        },
    }
    paths += [("一般公共预算财政拨款基本支出", k) for k in ("人员经费", "公用经费")]
    return data, paths


def balance_findings(data: dict):
    raw = RawDocument(data, SourceMap(Path("生成的数据.yaml")))
    ctx = CheckContext(Path("2024.yaml"), raw, validate(raw), FUNCTIONAL, ECONOMIC)
    return [f for f in run_checks(ctx, ONLY_BALANCE) if f.severity == "错误"]


@FAST
@given(st.data(), st.sampled_from([2, 4]))
def test_consistent_data_files_never_fail_an_identity(data, places):
    document, _ = build(data.draw, places)
    assert [f.format() for f in balance_findings(document)] == []


@FAST
@given(st.data())
def test_one_figure_changed_beyond_the_tolerance_always_fails(data):
    document, paths = build(data.draw, 2)
    path = data.draw(st.sampled_from(paths))
    delta = (
        data.draw(st.integers(10, 10**7)) * CENT * data.draw(st.sampled_from([1, -1]))
    )  # ≥ 0.10 > any tolerance here
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = str(Decimal(node[path[-1]]) + delta)
    assert balance_findings(document), f"changing {' → '.join(map(str, path))} by {delta} went unnoticed"
