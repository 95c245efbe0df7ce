"""The seven charts of the Sichuan template (图1–图7), specified from the finished facts.

Bar heights are the rounded amounts and pie labels carry the printed share strings, so a chart can
never show a different figure from the sentence next to it.
"""

from __future__ import annotations

from .chart_specs import BarChart, PieChart


def _bar(report, title: str, categories: tuple[str, ...], before: tuple, now: tuple) -> BarChart:
    return BarChart(title, categories, ((f"{report.prior_year}年度", tuple(a.rounded for a in before)),
                                        (f"{report.year}年度", tuple(a.rounded for a in now))))


def _pie(title: str, parts) -> PieChart | None:
    """A structure chart of (label, Amount, share) parts, or None when a pie would not help: a part is
    negative (a pie cannot show it; `check` reports it), or fewer than two parts are left, where the
    sentence beside it already says that one part is the whole (…万元，占100.00%)."""
    if any(amount.rounded < 0 for _, amount, _ in parts):
        return None
    slices = tuple((label, amount.rounded, str(share)) for label, amount, share in parts
                   if share is not None and not amount.is_zero)
    return PieChart(title, slices) if len(slices) >= 2 else None


def _lines(lines) -> list:
    return [(line.label, line.amount, line.share) for line in lines]


def chart_specs(report) -> dict[str, BarChart | PieChart]:
    """Name → chart, in the order the document uses them; templates refer to them by name. A bar chart
    comparing with last year is drawn only when last year's figures are known."""
    t, f, g, tp = report.totals, report.fiscal, report.general, report.three_public
    specs: dict[str, BarChart | PieChart] = {}
    if t["income_change"] and t["expense_change"]:
        specs["totals"] = _bar(report, "收入、支出决算总计变动情况", ("收入总计", "支出总计"),
                               (t["income_change"].previous, t["expense_change"].previous), (t["income"], t["expense"]))
    pies = {"income": _pie("收入决算结构", _lines(report.income["lines_all"])),
            "expense": _pie("支出决算结构", _lines(report.expense["lines_all"]))}
    if f["income_change"] and f["expense_change"]:
        specs["fiscal"] = _bar(report, "财政拨款收、支决算总计变动情况", ("财政拨款收入总计", "财政拨款支出总计"),
                               (f["income_change"].previous, f["expense_change"].previous), (f["income"], f["expense"]))
    if g["change"]:
        specs["general"] = _bar(report, "一般公共预算财政拨款支出决算变动情况", ("一般公共预算财政拨款支出",),
                                (g["change"].previous,), (g["total"],))
    pies["general_structure"] = _pie("一般公共预算财政拨款支出决算结构", _lines(g["classes"]))
    parts = [tp[k] for k in ("travel", "cars", "receptions")]
    if tp["total"] is not None and all(p.actual is not None for p in parts):
        pies["three_public"] = _pie("“三公”经费财政拨款支出结构", [(p.label, p.actual, p.share) for p in parts])
    order = ("totals", "income", "expense", "fiscal", "general", "general_structure", "three_public")
    found = {**specs, **{name: pie for name, pie in pies.items() if pie is not None}}
    return {name: found[name] for name in order if name in found}
