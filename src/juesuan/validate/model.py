"""The yearly data file as typed models.

Keys in the file are the Chinese row names an officer sees in the 决算报表, so she can fill it by
copying; attributes are English so code reads plainly. Amounts are Decimal parsed from the text the
officer typed (never through float); codes are strings. Totals that the 报表 prints (本年收入合计,
类/款 subtotals …) may be given; when they are, the document prints them, and `juesuan check`
proves them consistent with their parts.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from .annex_model import Annex
from .types import ZERO, Code, Count, F, Form, Money, Score, Text

__all__ = ["YearData"]


# ---------------------------------------------------------------- 单位
class SubunitCounts(Form):
    administrative: Count = F("行政单位", 0)
    civil_service_managed: Count = F("参照公务员法管理的事业单位", 0)
    other_public: Count = F("其他事业单位", 0)
    note: Text = F("备注", "")


class Organization(Form):
    internal: Text = F("内设机构", "")
    subunits: SubunitCounts = F("下属单位", SubunitCounts())
    in_scope: list[Text] = F("纳入决算范围的单位", [])


class Unit(Form):
    name: Text = F("名称")
    region: Text = F("地区", "")
    nature: Literal["行政单位", "参照公务员法管理的事业单位", "事业单位"] = F("单位性质")
    publish_date: date | None = F("公开日期", None)
    duties: list[Text] = F("部门职责", min_length=1)
    organization: Organization = F("机构设置")
    key_work: list[Text] = F("重点工作完成情况", [])
    staff: Text = F("人员情况", "")


# ---------------------------------------------------------------- 收入支出决算总表
class Income(Form):
    general_budget: Money = F("一般公共预算财政拨款收入", ZERO)
    fund_budget: Money = F("政府性基金预算财政拨款收入", ZERO)
    capital_budget: Money = F("国有资本经营预算财政拨款收入", ZERO)
    from_superior: Money = F("上级补助收入", ZERO)
    operations: Money = F("事业收入", ZERO)
    business: Money = F("经营收入", ZERO)
    from_affiliates: Money = F("附属单位上缴收入", ZERO)
    other: Money = F("其他收入", ZERO)
    subtotal: Money | None = F("本年收入合计", None)
    nonfiscal_balance_used: Money = F("使用非财政拨款结余", ZERO)
    opening_balance: Money = F("年初结转和结余", ZERO)
    total: Money | None = F("收入总计", None)


class BasicExpense(Form):
    personnel: Money = F("人员经费")
    public: Money = F("公用经费")
    total: Money | None = F("合计", None)


class Expense(Form):
    basic: BasicExpense = F("基本支出")
    project: Money = F("项目支出", ZERO)
    to_superior: Money = F("上缴上级支出", ZERO)
    business: Money = F("经营支出", ZERO)
    to_affiliates: Money = F("对附属单位补助支出", ZERO)
    subtotal: Money | None = F("本年支出合计", None)
    surplus_distribution: Money = F("结余分配", ZERO)
    closing_balance: Money = F("年末结转和结余", ZERO)
    total: Money | None = F("支出总计", None)


class IncomeExpenseSummary(Form):
    income: Income = F("收入")
    expense: Expense = F("支出")
    reason: Text = F("变动原因", "")


# ---------------------------------------------------------------- 财政拨款
class ByBudgetType(Form):
    general_budget: Money = F("一般公共预算", ZERO)
    fund_budget: Money = F("政府性基金预算", ZERO)
    capital_budget: Money = F("国有资本经营预算", ZERO)


class FiscalSummary(Form):
    opening_balance: ByBudgetType = F("年初结转和结余", ByBudgetType())
    closing_balance: ByBudgetType = F("年末结转和结余", ByBudgetType())
    reason: Text = F("变动原因", "")


class FunctionRow(Form):
    """One row of the 功能分类 table: a 项 (7 digits) or a recorded 类/款 subtotal (3/5 digits)."""

    code: Code = F("科目编码")
    name: Text = F("科目名称")
    initial_budget: Money | None = F("年初预算", None)
    budget: Money | None = F("全年预算", None)
    basic: Money = F("基本支出", ZERO)
    project: Money = F("项目支出", ZERO)
    total: Money | None = F("决算", None)
    reason: Text = F("差异原因", "")


class FundExpenditure(Form):
    """Expenditure of one budget type, by 功能分类."""

    reason: Text = F("变动原因", "")
    rows: list[FunctionRow] = F("科目", [])


class FiscalExpenditure(Form):
    general_budget: FundExpenditure = F("一般公共预算", FundExpenditure())
    fund_budget: FundExpenditure = F("政府性基金预算", FundExpenditure())
    capital_budget: FundExpenditure = F("国有资本经营预算", FundExpenditure())


class IncomeFunctionRow(Form):
    """收入决算表 row by 功能分类 (optional detail)."""

    code: Code = F("科目编码")
    name: Text = F("科目名称")
    fiscal: Money = F("财政拨款收入", ZERO)
    from_superior: Money = F("上级补助收入", ZERO)
    operations: Money = F("事业收入", ZERO)
    business: Money = F("经营收入", ZERO)
    from_affiliates: Money = F("附属单位上缴收入", ZERO)
    other: Money = F("其他收入", ZERO)


class EconomicRow(Form):
    code: Code = F("科目编码")
    name: Text = F("科目名称", "")
    amount: Money | None = F("金额", None)


class BasicByEconomic(Form):
    """一般公共预算财政拨款基本支出, split into 人员经费 and 公用经费 and (optionally) by 经济分类."""

    personnel: Money = F("人员经费")
    public: Money = F("公用经费")
    total: Money | None = F("合计", None)
    rows: list[EconomicRow] = F("经济分类", [])


# ---------------------------------------------------------------- 三公经费
class BudgetActual(Form):
    budget: Money = F("全年预算")
    actual: Money = F("决算")


class TravelAbroad(BudgetActual):
    groups: Count = F("团组数", 0)
    people: Count = F("人次", 0)
    content: Text = F("开支内容", "")
    reason: Text = F("变动原因", "")


class VehiclePurchase(Form):
    kind: Text = F("车型")
    count: Count = F("数量", 0)
    amount: Money = F("金额", ZERO)


class CarPurchase(BudgetActual):
    purchases: list[VehiclePurchase] = F("购置车辆", [])


class CarOperation(BudgetActual):
    purpose: Text = F("主要用途", "")


class Fleet(Form):
    total: Count = F("合计")
    by_kind: dict[str, Count] = F("其中", {})


class OfficialCars(Form):
    purchase: CarPurchase = F("购置")
    operation: CarOperation = F("运行维护")
    fleet: Fleet = F("年末保有量")
    reason: Text = F("变动原因", "")


class Reception(Form):
    subject: Text = F("事由")
    times: Count = F("次数", 1)
    yuan: Money = F("金额（元）")


class ReceptionKind(Form):
    actual: Money = F("决算", ZERO)
    batches: Count = F("批次", 0)
    people: Count = F("人次", 0)
    escorts: Count | None = F("陪同人次", None)
    purpose: Text = F("主要用途", "")
    items: list[Reception] = F("明细", [])


class Receptions(Form):
    budget: Money = F("全年预算")
    domestic: ReceptionKind = F("国内", ReceptionKind())
    foreign: ReceptionKind = F("外事", ReceptionKind())
    actual: Money | None = F("决算", None)
    reason: Text = F("变动原因", "")


class ThreePublic(Form):
    travel: TravelAbroad = F("因公出国（境）费")
    cars: OfficialCars = F("公务用车购置及运行维护费")
    receptions: Receptions = F("公务接待费")
    reason: Text = F("变动原因", "")
    budget_reason: Text = F("差异原因", "")


# ---------------------------------------------------------------- 其他重要事项
class OperatingCosts(Form):
    actual: Money = F("决算")
    budget: Money | None = F("年初预算", None)
    reason: Text = F("变动原因", "")


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
    name: Text = F("名称")
    score: Score = F("得分")
    summary: Text = F("综述", "")


class Performance(Form):
    ex_ante: StageCount = F("事前绩效评估", StageCount())
    targets: StageCount = F("绩效目标", StageCount())
    monitoring: StageCount = F("绩效监控", StageCount())
    self_evaluated: StageCount = F("绩效自评", StageCount())
    overall: SelfEvaluation | None = F("部门整体自评", None)
    projects: list[SelfEvaluation] = F("项目自评", [])
    note: Text = F("说明", "")


class OtherMatters(Form):
    operating_costs: OperatingCosts = F("机关运行经费")
    procurement: Procurement = F("政府采购", Procurement())
    assets: Assets = F("国有资产占有使用", Assets())
    performance: Performance = F("预算绩效管理", Performance())


# ---------------------------------------------------------------- 上年
class PriorThreePublic(Form):
    travel: Money = F("因公出国（境）费", ZERO)
    car_purchase: Money = F("公务用车购置费", ZERO)
    car_operation: Money = F("公务用车运行维护费", ZERO)
    receptions: Money = F("公务接待费", ZERO)


class PriorYear(Form):
    """Last year's figures the text compares against, when last year's data file is not at hand."""

    income_total: Money = F("收入总计")
    expense_total: Money = F("支出总计")
    fiscal_income_total: Money = F("财政拨款收入总计")
    fiscal_expense_total: Money = F("财政拨款支出总计")
    general_budget_expense: Money = F("一般公共预算财政拨款支出")
    fund_budget_expense: Money = F("政府性基金预算财政拨款支出", ZERO)
    capital_budget_expense: Money = F("国有资本经营预算财政拨款支出", ZERO)
    three_public: PriorThreePublic = F("三公经费", PriorThreePublic())
    operating_costs: Money = F("机关运行经费", ZERO)


# ---------------------------------------------------------------- the file

class YearData(Form):
    year: int = F("年度", ge=2000, le=2100)
    money_unit: Literal["万元", "元"] = F("金额单位", "万元")
    unit: Unit = F("单位")
    summary: IncomeExpenseSummary = F("收入支出决算总表")
    fiscal: FiscalSummary = F("财政拨款收入支出决算总表", FiscalSummary())
    fiscal_expenditure: FiscalExpenditure = F("财政拨款支出")
    nonfiscal_rows: list[FunctionRow] = F("非财政拨款支出", [])
    income_rows: list[IncomeFunctionRow] = F("收入功能分类", [])
    basic_by_economic: BasicByEconomic = F("一般公共预算财政拨款基本支出")
    three_public: ThreePublic = F("三公经费")
    other: OtherMatters = F("其他重要事项")
    prior: PriorYear | None = F("上年", None)
    annexes: list[Annex] = F("附件", [])
