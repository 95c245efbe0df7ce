"""The narrative's own figures against each other and the 公开表: 三公 details, 政府采购, 机关运行经费, 绩效自评.

These are typed by the officer beside the tables (接待明细, 车辆, 政府采购 …), so they disagree more often
than the tables do (seed 004: 公务用车 合计 1 辆, 其中 轿车 0、越野车 0、载客汽车 0).
"""

from __future__ import annotations

from decimal import Decimal

from ...facts.numbers import round_half_up
from ...tables.model import to_wan
from ...validate.annex_model import Block
from ..engine import CheckContext, Hit, rule
from .common import imbalance, num

WAN_YUAN = Decimal(10000)

TP = ("三公经费",)
RECEPTION = TP + ("公务接待",)
CARS = TP + ("公务用车",)
PROCUREMENT = ("其他重要事项", "政府采购")
THREE_TABLE = "财政拨款“三公”经费支出决算表"


@rule("JS-BAL-016", "错误", "外事接待金额不能大于公开表中的公务接待费（国内公务接待 = 公务接待费 − 外事接待）",
      en="外事接待 cannot exceed 公务接待费 in the tables")
def receptions_split(ctx: CheckContext):
    total = ctx.figures.get("公务接待费")
    foreign = to_wan(ctx.data.three_public.receptions.foreign.amount, ctx.data.money_unit)
    if total is not None and foreign - total > 0:
        yield Hit(RECEPTION + ("外事", "金额"),
                  f"外事接待金额 {num(foreign)} 万元大于「{THREE_TABLE}」中的公务接待费 {num(total)} 万元，"
                  "国内公务接待便成了负数。请改正外事接待金额。", {"外事接待": foreign, "公务接待费": total})


@rule("JS-BAL-017", "错误", "国内接待明细金额（元）之和四舍五入 = 国内公务接待支出",
      en="the itemised domestic receptions (元) add up to domestic 公务接待, rounded")
def reception_details(ctx: CheckContext):
    receptions = ctx.data.three_public.receptions
    total = ctx.figures.get("公务接待费")
    if not receptions.domestic.items or total is None:
        return
    domestic = total - to_wan(receptions.foreign.amount, ctx.data.money_unit)
    places = ctx.settings.amount_places
    yuan = sum((item.yuan for item in receptions.domestic.items), Decimal(0))
    if round_half_up(yuan / WAN_YUAN, places) != round_half_up(domestic, places):
        yield Hit(RECEPTION + ("国内", "明细"),
                  f"国内公务接待支出为 {num(round_half_up(domestic, places))} 万元（公务接待费减外事接待），而明细金额合计"
                  f" {num(yuan)} 元（{len(receptions.domestic.items)} 笔），四舍五入为"
                  f" {num(round_half_up(yuan / WAN_YUAN, places))} 万元。请核对接待明细的金额。",
                  {"国内公务接待": domestic, "明细合计（元）": yuan, "明细笔数": len(receptions.domestic.items)})


@rule("JS-BAL-018", "错误", "购置车辆金额之和 = 公开表中的公务用车购置费（列了购置车辆时）",
      en="the vehicles bought add up to 公务用车购置费 in the tables (when listed)")
def car_purchases(ctx: CheckContext):
    cars = ctx.data.three_public.cars
    recorded = ctx.figures.get("公务用车购置费")
    if cars.purchases and recorded is not None:
        yield from imbalance(
            CARS + ("购置车辆",), f"「{THREE_TABLE}」中的公务用车购置费", [("公务用车购置费", recorded)],
            "购置车辆金额之和", [(p.kind, to_wan(p.amount, ctx.data.money_unit)) for p in cars.purchases],
            "请核对购置车辆的金额。")


def _fleet(ctx: CheckContext) -> tuple[int, int, str]:
    fleet = ctx.data.three_public.cars.fleet
    listed = "、".join(f"{kind} {count} 辆" for kind, count in fleet.by_kind.items())
    return fleet.total, sum(fleet.by_kind.values()), listed


@rule("JS-BAL-019", "错误", "公务用车年末保有量：其中各车型之和不能大于合计",
      en="vehicles held at year end: the kinds cannot add up to more than the total")
def fleet_over(ctx: CheckContext):
    total, parts, listed = _fleet(ctx)
    if ctx.data.three_public.cars.fleet.by_kind and parts > total:
        yield Hit(
            CARS + ("年末保有量", "合计"),
            f"公务用车年末保有量合计 {total} 辆，但其中（{listed}）共 {parts} 辆，多于合计。请改正合计或各车型数量。",
            {"合计": total, "其中之和": parts},
        )


@rule("JS-BAL-020", "警告", "公务用车年末保有量：其中各车型之和小于合计（分项不全）",
      en="vehicles held at year end: the kinds add up to less than the total (incomplete)")
def fleet_under(ctx: CheckContext):
    total, parts, listed = _fleet(ctx)
    if ctx.data.three_public.cars.fleet.by_kind and parts < total:
        yield Hit(
            CARS + ("年末保有量", "其中"),
            f"公务用车年末保有量合计 {total} 辆，而其中（{listed}）只有 {parts} 辆，分项不全，"
            f"文中“其中”一句将对不上合计。请补上其余 {total - parts} 辆的车型（如“其他用车”）。",
            {"合计": total, "其中之和": parts},
        )


@rule("JS-BAL-021", "警告", "国有资产中的车辆数 = 公务用车年末保有量合计",
      en="vehicles in 国有资产 equal the vehicles held at year end")
def assets_vehicles(ctx: CheckContext):
    vehicles = ctx.data.other.assets.vehicles
    fleet = ctx.data.three_public.cars.fleet.total
    if vehicles and sum(vehicles.values()) != fleet:
        listed = "、".join(f"{kind} {count} 辆" for kind, count in vehicles.items())
        yield Hit(
            ("其他重要事项", "国有资产占有使用", "车辆"),
            f"国有资产占有使用情况中车辆共 {sum(vehicles.values())} 辆（{listed}），"
            f"而“三公”经费中公务用车年末保有量合计 {fleet} 辆，两处说法不一。请核对。",
            {"国有资产车辆": sum(vehicles.values()), "公务用车保有量": fleet},
        )


def _procurement_total(ctx: CheckContext) -> Decimal:
    p = ctx.data.other.procurement
    return p.total if p.total is not None else p.goods + p.works + p.services


@rule("JS-BAL-022", "错误", "政府采购总额 = 货物 + 工程 + 服务（填了总额时）",
      en="政府采购 total = goods + works + services (when a total is given)")
def procurement_adds_up(ctx: CheckContext):
    p = ctx.data.other.procurement
    if p.total is not None:
        yield from imbalance(
            PROCUREMENT + ("总额",),
            "政府采购总额",
            [("政府采购总额", p.total)],
            "货物、工程、服务之和",
            [("货物", p.goods), ("工程", p.works), ("服务", p.services)],
            "请核对政府采购总额及货物、工程、服务三项。",
        )


def _not_above(path: tuple, part_name: str, part: Decimal, whole_name: str, whole: Decimal) -> list[Hit]:
    if part <= whole:
        return []
    return [
        Hit(
            path,
            f"{part_name} {num(part)} 大于{whole_name} {num(whole)}，这不可能：前者是后者的一部分。请改正其中之一。",
            {part_name: part, whole_name: whole},
        )
    ]


@rule("JS-BAL-023", "错误", "授予中小企业合同金额 ≤ 政府采购总额",
      en="contracts awarded to SMEs ≤ the 政府采购 total")
def sme_within_total(ctx: CheckContext):
    p = ctx.data.other.procurement
    yield from _not_above(
        PROCUREMENT + ("授予中小企业合同金额",), "授予中小企业合同金额", p.sme, "政府采购总额", _procurement_total(ctx)
    )


@rule("JS-BAL-024", "错误", "授予小微企业合同金额 ≤ 授予中小企业合同金额",
      en="contracts awarded to small and micro firms ≤ those awarded to SMEs")
def micro_within_sme(ctx: CheckContext):
    p = ctx.data.other.procurement
    yield from _not_above(
        PROCUREMENT + ("授予小微企业合同金额",), "授予小微企业合同金额", p.micro, "授予中小企业合同金额", p.sme
    )


@rule("JS-BAL-025", "警告", "行政单位（参公单位）的机关运行经费 = 一般公共预算财政拨款基本支出中的公用经费",
      en="an administrative unit's 机关运行经费 equals its 公用经费 from 一般公共预算 basic expenditure")
def operating_costs(ctx: CheckContext):
    actual, public = ctx.figures.get("机关运行经费"), ctx.figures.get("公用经费")
    if ctx.data.unit.nature not in ("行政单位", "参照公务员法管理的事业单位") or actual is None or public is None:
        return
    yield from imbalance(
        ("其他重要事项", "机关运行经费", "决算"),
        "机关运行经费",
        [("机关运行经费", actual)],
        "一般公共预算财政拨款基本支出中的公用经费",
        [("公用经费", public)],
        "机关运行经费是行政单位和参公事业单位使用一般公共预算财政拨款安排的公用经费，通常与之相等；"
        "如有下属非参公事业单位等正当差异，可忽略本提示。",
    )


def _tables(blocks: list[Block], path: tuple):
    for index, block in enumerate(blocks):
        here = path + (index,)
        if block.evaluation is not None:
            yield here + ("绩效自评表",), block.evaluation
        yield from _tables(block.content, here + ("内容",))


def evaluation_tables(ctx: CheckContext):
    """(path, table) of every 绩效自评表 in the annexes."""
    for index, annex in enumerate(ctx.data.annexes):
        yield from _tables(annex.content, ("附件", index, "内容"))


@rule("JS-BAL-026", "错误", "绩效自评表各指标分值（含预算执行率分值）合计 = 100（分值都填了时）",
      en="the weights of a self-evaluation table (with budget execution) add up to 100 (when all are given)")
def weights_total_100(ctx: CheckContext):
    for path, table in evaluation_tables(ctx):
        weights = [("预算执行率", table.execution_weight)] if table.execution_weight is not None else []
        weights += [(i.level3, i.weight) for i in table.indicators]
        if table.indicators and all(w is not None for _, w in weights):
            yield from imbalance(
                path + ("绩效指标",),
                f"「{table.project}」分值合计",
                [("满分", Decimal(100))],
                "各指标分值之和",
                weights,
                "绩效自评表满分为 100 分；请核对各指标的分值。",
            )


@rule("JS-BAL-027", "错误", "绩效自评：每项得分 ≤ 分值，自评总分 ≤ 100",
      en="self-evaluation: each score ≤ its weight, the total ≤ 100")
def scores_within_weights(ctx: CheckContext):
    for path, table in evaluation_tables(ctx):
        pairs = [(path + ("执行率得分",), "预算执行率", table.execution_score, table.execution_weight)]
        pairs += [
            (path + ("绩效指标", i, "得分"), ind.level3, ind.score, ind.weight)
            for i, ind in enumerate(table.indicators)
        ]
        for where, name, score, weight in pairs:
            if score is not None and weight is not None and score > weight:
                yield Hit(
                    where,
                    f"「{table.project}」的指标「{name}」得分 {num(score)} 高于其分值 {num(weight)}。"
                    "请改正得分或分值。",
                    {"得分": score, "分值": weight},
                )
    perf = ctx.data.other.performance
    evaluations = [(("部门整体自评",), perf.overall)] if perf.overall else []
    evaluations += [(("项目自评", i), e) for i, e in enumerate(perf.projects)]
    for where, evaluation in evaluations:
        if evaluation.score > 100:
            yield Hit(
                ("其他重要事项", "预算绩效管理") + where + ("得分",),
                f"「{evaluation.name}」自评得分 {num(evaluation.score)} 超过满分 100。请改正。",
                {"得分": evaluation.score},
            )
