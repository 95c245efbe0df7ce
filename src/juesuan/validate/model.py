"""The narrative of a unit-year: everything in the data file except the 公开表.

The figures of the document come from the 公开表 (a workbook named by `决算报表`, or the inline `公开表`
section, see `tables_yaml`). This file carries what only a person can write: the unit, the reasons — each
keyed by the figure it explains —, the counts behind the 三公 sentences, the few figures no 公开表 carries
(机关运行经费, 政府采购), the assets, the performance narrative and the annexes.

Keys are the Chinese words of the forms, attributes English. Amounts are Decimals parsed from the text the
officer typed, in the unit `金额单位` declares for this file. `未知` declares a reason unknown.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from .annex_model import Annex
from .types import ZERO, Count, F, Form, Money, Score, Text

__all__ = ["YearData", "UNKNOWN"]

UNKNOWN = "未知"


# ---------------------------------------------------------------- 单位
class SubunitCounts(Form):
    administrative: Count = F("行政单位", 0)
    civil_service_managed: Count = F("参照公务员法管理的事业单位", 0)
    other_public: Count = F("其他事业单位", 0)
    note: Text = F("备注", "")


class Organization(Form):
    internal: Text = F("内设机构", "")
    internal_count: Count | None = F("内设机构数", None)
    description: Text = F("说明", "")                  # e.g. 是区政府工作部门，正科级单位
    subunits: SubunitCounts = F("下属单位", SubunitCounts())
    in_scope: list[Text] = F("纳入决算范围的单位", [])


class Unit(Form):
    name: Text = F("名称", min_length=1, max_length=100)
    short_name: Text = F("简称", "", max_length=100)    # as the text calls the unit after first naming it
    region: Text = F("地区", "")
    nature: Literal["行政单位", "参照公务员法管理的事业单位", "事业单位"] = F("单位性质")
    publish_date: date | None = F("公开日期", None)
    duties: list[Text] = F("部门职责", min_length=1)
    organization: Organization = F("机构设置")
    key_work: list[Text] = F("重点工作完成情况", [])
    staff: Text = F("人员情况", "")


# ---------------------------------------------------------------- 基本支出
class BasicNames(Form):
    """What 人员经费 and 公用经费 mainly consist of, when the 基本支出表 at hand lists no items."""

    personnel: list[Text] = F("人员经费主要包括", [])
    public: list[Text] = F("公用经费主要包括", [])


# ---------------------------------------------------------------- 三公经费 (the counts; the figures are in the 公开表)
class TravelAbroad(Form):
    groups: Count = F("团组数", 0)
    people: Count = F("人次", 0)
    content: Text = F("开支内容", "")


class VehiclePurchase(Form):
    kind: Text = F("车型")
    count: Count = F("数量", 0)
    amount: Money = F("金额", ZERO)


class Fleet(Form):
    total: Count = F("合计")
    by_kind: dict[str, Count] = F("其中", {})


class OfficialCars(Form):
    purchases: list[VehiclePurchase] = F("购置车辆", [])
    fleet: Fleet = F("年末保有量", Fleet.model_validate({"合计": 0}))
    purpose: Text = F("运行维护费主要用途", "")


class Reception(Form):
    subject: Text = F("事由")
    times: Count = F("次数", 1)
    yuan: Money = F("金额（元）")


class DomesticReceptions(Form):
    batches: Count = F("批次", 0)
    people: Count = F("人次", 0)
    escorts: Count | None = F("陪同人次", None)
    purpose: Text = F("主要用途", "")
    items: list[Reception] = F("明细", [])


class ForeignReceptions(Form):
    """外事接待: its amount is written here (国内 is the 公开表's 公务接待费 less this)."""

    amount: Money = F("金额", ZERO)
    batches: Count = F("批次", 0)
    people: Count = F("人次", 0)
    purpose: Text = F("主要用途", "")


class Receptions(Form):
    domestic: DomesticReceptions = F("国内", DomesticReceptions())
    foreign: ForeignReceptions = F("外事", ForeignReceptions())


class ThreePublic(Form):
    travel: TravelAbroad = F("因公出国（境）", TravelAbroad())
    cars: OfficialCars = F("公务用车", OfficialCars())
    receptions: Receptions = F("公务接待", Receptions())


# ---------------------------------------------------------------- 其他重要事项
class OperatingCosts(Form):
    actual: Money = F("决算")
    initial_budget: Money | None = F("年初预算", None)
    budget: Money | None = F("全年预算", None)


class Procurement(Form):
    goods: Money = F("货物", ZERO)
    works: Money = F("工程", ZERO)
    services: Money = F("服务", ZERO)
    total: Money | None = F("总额", None)
    sme: Money = F("授予中小企业合同金额", ZERO)
    micro: Money = F("授予小微企业合同金额", ZERO)
    purpose: Text = F("主要用途", "")


class Assets(Form):
    vehicles: dict[str, Count] = F("车辆", {})
    vehicle_note: Text = F("车辆说明", "")
    equipment: dict[str, Count] = F("设备", {})


class StageCount(Form):
    projects: Count = F("项目数", 0)
    example: Text = F("代表项目", "")


class SelfEvaluation(Form):
    name: Text = F("名称", min_length=1, max_length=100)
    score: Score = F("得分")
    summary: Text = F("综述", "")
    budget: Money | None = F("预算数", None)        # the project's budget and spending as the report states them
    actual: Money | None = F("决算数", None)


class KeyEvaluation(Form):
    """以部门为主体开展的重点绩效评价: how many projects, the score, what it found."""

    projects: Count = F("项目数", 0)
    score: Score | None = F("得分", None)
    summary: Text = F("综述", "")


class Performance(Form):
    ex_ante: StageCount = F("事前绩效评估", StageCount())
    targets: StageCount = F("绩效目标", StageCount())
    monitoring: StageCount = F("绩效监控", StageCount())
    self_evaluated: StageCount = F("绩效自评", StageCount())
    overall: SelfEvaluation | None = F("部门整体自评", None)
    projects: list[SelfEvaluation] = F("项目自评", [])
    note: Text = F("说明", "")
    measures: list[Text] = F("工作开展情况", [])            # 绩效管理工作开展情况, one measure each
    key_evaluations: list[KeyEvaluation] = F("重点评价", [])


class GeneralSpendingItem(Form):
    """One kind of 一般性支出 as some provinces report it: the amount, how many times, how many people, what."""

    amount: Money = F("金额", ZERO)
    times: Count = F("次数", 0)
    people: Count = F("人数", 0)
    content: Text = F("内容", "")


class GeneralSpending(Form):
    meetings: GeneralSpendingItem | None = F("会议费", None)
    training: GeneralSpendingItem | None = F("培训费", None)
    events: GeneralSpendingItem | None = F("节庆、晚会、论坛、赛事活动", None)


class OtherMatters(Form):
    operating_costs: OperatingCosts | None = F("机关运行经费", None)
    general_spending: GeneralSpending | None = F("一般性支出", None)
    procurement: Procurement = F("政府采购", Procurement())
    assets: Assets = F("国有资产占有使用", Assets())
    performance: Performance = F("预算绩效管理", Performance())
    notes: list[Text] = F("其他说明", [])              # anything else the unit must disclose, as written


# ---------------------------------------------------------------- the file
class YearData(Form):
    year: int = F("年度", ge=2000, le=2100)
    layout: Text | None = F("版式", None)                # read by inputs.load, before the catalogs
    money_unit: Literal["万元", "元"] = F("金额单位", "万元")
    workbook: Text | None = F("决算报表", None)
    tables: Any = F("公开表", None)                      # read by validate.tables_yaml
    unit: Unit = F("单位")
    reasons: dict[str, Text] = F("变动原因", {})
    budget_reasons: dict[str, Text] = F("预决算差异原因", {})
    basic_names: BasicNames = F("基本支出说明", BasicNames())
    three_public: ThreePublic = F("三公经费", ThreePublic())
    other: OtherMatters = F("其他重要事项", OtherMatters())
    prior: Any = F("上年", None)                         # read by validate.prior
    annexes: list[Annex] = F("附件", [])
    unavailable: dict[str, Text] = F("未提供的公开表", {})
