"""绩效自评表 sheets → EvaluationTable: the forms as offices draw them (merged cells, labels anywhere), read by label.

The data is 广汉市医疗保障局's 2021 离休、二等乙级伤残军人医疗费 table (seed 000); its 分值/得分 are filled in
as an officer would (the seed's table has none).
"""

import re
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.errors import DataError
from juesuan.load.workbook import read_workbook
from juesuan.validate.evaluation_sheets import evaluations_from_sheets, form_title

PROJECT = "离休、二等乙级伤残军人医疗费、建国老干部门诊补助"
DEPT = "广汉市医疗保障局"
GOAL = ("为了进一步加强离休伤残军人，建国老干部医疗费用管理，节约财政预算资金，强化预算支出的责任和效率，"
        "提高财政资金的使用效益；落实国家对特殊人群的医疗待遇，维护社会的安定和谐稳定")
ACHIEVED = "大大提高离休、二等乙级伤残军人、建国初期老干部抵御疾病风险能力，提高健康水平"
RETIRED = "离休人员、二等乙级伤残军人、建国初期老干部"

# 一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 偏差原因
INDICATORS = [
    ("产出指标", "数量指标", "离休人员人数", "24人", "20人", 5, 4, "自然减员"),
    ("产出指标", "数量指标", "二等乙级伤残军人人数", "≥91人", "88人", 5, 4.5, "自然减员"),
    ("产出指标", "数量指标", "建国初期老干部享受人数", "≥47人", "36人", 5, 4, "自然减员"),
    ("产出指标", "数量指标", "离休人员、二等乙级伤残军人医疗保险待遇政策范围内门诊住院支付比例（%）", "≥90", "≥90",
     10, 10, None),
    ("产出指标", "质量指标", "离休干部，二等乙级伤残军人、建国初期老干部受益率（%）", 100, 100, 10, 10, None),
    ("产出指标", "成本指标", "离休干部，二等乙级伤残军人、建国初期老干部基本医疗保险政策范围内门诊住院费用（万元）",
     "≤360", 238.63, 5, 5, None),
    ("产出指标", "时效指标", RETIRED + "财政补贴到位率（%）", 100, 100, 10, 10, None),
    ("效益指标", "社会效益指标", RETIRED + "按时足额享受医疗保险待遇", "社会效益良好", "社会效益良好", 30, 30, None),
    ("满意度指标", "服务对象满意度指标", RETIRED + "满意度（%）", "≥90%", 91, 10, 10, None),
]


def standard_form() -> tuple[list[list[object]], list[str]]:
    """The 财预〔2020〕10号 layout: A 绩效指标 merged over the indicators, 一级 (B) and 二级 (C) merged down."""
    rows: list[list[object]] = [
        ["项目支出绩效自评表"],                                                                    # 1
        ["（2021年度）"],                                                                           # 2
        ["项目名称", None, PROJECT],                                                                # 3
        ["主管部门", None, DEPT, None, None, "实施单位", None, DEPT],                                # 4
        ["项目资金\n（万元）", None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],  # 5
        [None, "年度资金总额", None, 360, 360, 238.63, 10, "66.29%", 6.63],                          # 6
        [None, "其中：当年财政拨款", None, 360, 360, 238.63, "—", "66.29%", "—"],                     # 7
        [None, "上年结转资金", None, None, None, None, "—", None, "—"],                               # 8
        [None, "其他资金", None, None, None, None, "—", None, "—"],                                   # 9
        ["年度\n总体\n目标", "预期目标", None, None, None, "实际完成情况"],                           # 10
        [None, GOAL, None, None, None, ACHIEVED],                                                    # 11
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "偏差原因分析及改进措施"],  # 12
    ]
    for i, (one, two, three, target, result, weight, score, reason) in enumerate(INDICATORS):   # 13-21
        first = i == 0 or INDICATORS[i - 1][0] != one
        second = i == 0 or INDICATORS[i - 1][:2] != (one, two)
        rows.append([None, one if first else None, two if second else None, three, target, result, weight, score,
                     reason])
    rows.append(["总分", None, None, None, None, None, 100, 94.13])                               # 22
    merges = ["A1:I1", "A2:I2", "A3:B3", "C3:I3", "A4:B4", "C4:E4", "F4:G4", "H4:I4", "A5:A9", "B5:C5",
              "B6:C6", "B7:C7", "B8:C8", "B9:C9", "A10:A11", "B10:E10", "F10:I10", "B11:E11", "F11:I11",
              "A12:A21", "B13:B19", "C13:C16", "A22:F22"]
    return rows, merges


def department_form() -> tuple[list[list[object]], list[str]]:
    """A 部门整体 form drawn differently: title with its year in one cell, labels in other columns, headers merged
    down over two rows, the header words 年度指标值 / 实际完成值 / 偏差原因 (年度指标值 merged over two columns, its
    values in the first only), no 实施单位, no 总分 row but a note spanning the table."""
    rows: list[list[object]] = [
        [None, "2021年度部门整体支出绩效自评表"],                                                    # 1
        [None],                                                                                     # 2
        [None, "部门（单位）名称", None, None, DEPT],                                               # 3
        [None, "主管部门：", None, None, DEPT],                                                     # 4
        [None, "年度部门整体支出预算（万元）", None, None, "全年预算数", "年初预算数", "全年执行数", "执行率", "分值",
         "得分"],                                                                                   # 5
        [None, None, "年度资金总额", None, 1026.81, 911.4, "1,025.52", 0.9987, 10, 9.99],           # 6
        [None, "年度总体目标", None, "预期目标", None, None, "实际完成情况"],                        # 7
        [None],                                                                                     # 8
        [None, None, None, "保障参保人员待遇，支出控制在预算总额内", None, None, "年度目标全部完成"],  # 9
        [None, "一级指标", "二级指标", "三级指标", "年度指标值", None, "实际完成值", "分值", "得分", "偏差原因"],  # 10
        [None],                                                                                     # 11
        [None, "产出指标", "时效指标", "预算执行率", "≥95%", None, "99.87%", 20, 20],                 # 12
        [None, "满意度指标", "服务对象满意度指标", RETIRED + "满意度（%）", "≥90%", None, "91%", 10, 10],  # 13
        [None, "注：执行率按全年执行数除以全年预算数计算"],                                          # 14
    ]
    merges = ["B1:J1", "B3:D3", "E3:J3", "B4:D4", "E4:J4", "B5:D5", "C6:D6", "B7:C9", "D7:F8", "G7:J8", "D9:F9",
              "G9:J9", "B10:B11", "C10:C11", "D10:D11", "E10:F11", "G10:G11", "H10:H11", "I10:I11", "J10:J11",
              "B14:J14"]
    return rows, merges


HENAN_TITLE = "区级预算部门(单位)整体预算绩效自评表"
HENAN_UNIT = "北关区医疗保障局"
DELAY = "疫情原因，未及时开展工作"
ON_TARGET = "完成年初目标，无偏差"
# 任务, 任务名称, 主要内容, 实际完成情况 (安阳市北关区医疗保障局 2021, seed 002)
TASKS = [("任务1：", "慢性病专家鉴定费", "聘请专业医生对我区参保居民慢性病人审核鉴定", DELAY),
         ("任务2：", "基本医疗保险委托管理费", "人寿保险公司负责对各定点医疗机构上报医疗费用结算资料的审核、确定及转款。",
          ON_TARGET),
         ("任务3", "新增固定资产采购", "根据区财政局的要求，严格按照政府采购流程购买", ON_TARGET)]


def henan_form() -> tuple[list[list[object]], list[str]]:
    """Henan's 区级预算部门(单位)整体预算绩效自评表: 年度履职目标, a 年度主要任务 block whose 任务名称 header spans the
    任务N column and the name's, funds in a 部门预算总额（万元） row under 实际执行数, indicators without 分值/得分."""
    rows: list[list[object]] = [
        [HENAN_TITLE],                                                                              # 1
        ["（2021年度）"],                                                                           # 2
        ["填报人", "李艳芳", None, None, "联系电话", "0372-2227002"],                                # 3
        ["部门（单位）名称", None, HENAN_UNIT],                                                      # 4
        ["年度\n履职\n目标", "预期目标", None, None, None, "实际完成情况"],                           # 5
        [None, "负责全区医疗保障经办管理", None, None, None, "负责全区医疗保障经办管理"],              # 6
        ["年度\n主要\n任务", "任务名称", None, "主要内容", None, "实际完成情况", None, "实际完成值发生偏差原因"],  # 7
        *[[None, number, name, content, None, done] for number, name, content, done in TASKS],      # 8-10
        ["预算\n情况", None, None, "年初预算数", "全年预算数", "实际执行数", "执行率", "实际完成值发生偏差原因"],  # 11
        [None, "部门预算总额（万元）", None, 1568, 1568, 1359, "87%", DELAY],                         # 12
        [None, "资金\n来源：", "（1）财政性资金", 1568, 1568, 1359, "87%", DELAY],                    # 13
        [None, "资金\n结构：", "（1）基本支出", 258, 258, 258, "100%", ON_TARGET],                   # 14
        ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "实际完成值发生偏差原因", None, "指标值说明"],  # 15
        ["投入管理指标", "预算和财务管理", "预算执行率", "100%", "87%", DELAY, None, "预算执行率=（预算完成数/预算数）×100%。"],
        [None, None, "政府采购执行率", "100%", "100%", ON_TARGET],                                   # 17
        ["总分", None, None, "97分"],                                                               # 18
        ["备注", "1.自评采取打分评价的形式，满分为100分。"],                                         # 19
    ]
    merges = ["A1:I1", "A2:I2", "B3:D3", "F3:I3", "A4:B4", "C4:I4", "A5:A6", "B5:E5", "F5:I5", "B6:E6", "F6:I6",
              "A7:A10", "B7:C7", "D7:E7", "F7:G7", "H7:I7", "D8:E8", "F8:G8", "D9:E9", "F9:G9", "D10:E10", "F10:G10",
              "A11:A14", "B11:C11", "H11:I11", "B12:C12", "H12:I12", "H13:I13", "H14:I14", "F15:G15", "H15:I15",
              "A16:A17", "B16:B17", "F16:G16", "H16:I16", "F17:G17", "A18:C18", "D18:I18", "B19:I19"]
    return rows, merges


def workbook(tmp_path, sheets: dict[str, tuple[list[list[object]], list[str]]]):
    """Write the sheets to an .xlsx (numbers as Excel numbers, 911.4 shown with two decimals) and read it back."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (rows, merges) in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for area in merges:
            ws.merge_cells(area)
        for cells in ws.iter_rows():
            for cell in cells:
                if cell.value == 911.4:
                    cell.number_format = "0.00"
    path = tmp_path / "自评表.xlsx"
    book.save(path)
    return path, read_workbook(path)


def read(tmp_path, sheets):
    path, loaded = workbook(tmp_path, sheets)
    return evaluations_from_sheets(path, loaded)


def test_standard_project_form(tmp_path):
    [table] = read(tmp_path, {"自评表": standard_form()})
    assert (table.title, table.project, table.department, table.implementer) == (
        "项目支出绩效自评表", PROJECT, DEPT, DEPT)
    assert (str(table.initial_budget), str(table.budget), str(table.executed)) == ("360", "360", "238.63")
    assert (str(table.execution_weight), str(table.execution_score)) == ("10", "6.63")
    assert (table.goal, table.achieved) == (GOAL, ACHIEVED)


def test_indicators_read_merged_levels_on_every_row(tmp_path):
    [table] = read(tmp_path, {"自评表": standard_form()})
    got = [(i.level1, i.level2, i.level3, i.target, i.result, str(i.weight), str(i.score), i.deviation)
           for i in table.indicators]
    expected = [(one, two, three, str(target), str(result), str(weight), str(score), reason or "")
                for one, two, three, target, result, weight, score, reason in INDICATORS]
    assert got == expected
    assert [i.deviation for i in table.indicators].count("自然减员") == 3
    assert table.indicators[5].result == "238.63" and table.indicators[1].score == Decimal("4.5")
    assert sum(i.weight for i in table.indicators) == 90   # the 总分 row is not an indicator


def test_department_form_with_labels_elsewhere(tmp_path):
    [table] = read(tmp_path, {"封面": ([["2021年度部门决算"]], []), "部门自评": department_form()})
    assert (table.title, table.project, table.department, table.implementer) == (
        "部门整体支出绩效自评表", DEPT, DEPT, "")
    assert (str(table.initial_budget), str(table.budget), str(table.executed)) == ("911.40", "1026.81", "1025.52")
    assert (str(table.execution_weight), str(table.execution_score)) == ("10", "9.99")
    assert (table.goal, table.achieved) == ("保障参保人员待遇，支出控制在预算总额内", "年度目标全部完成")
    got = [(i.level1, i.level2, i.level3, i.target, i.result, str(i.weight), str(i.score), i.deviation)
           for i in table.indicators]
    assert got == [("产出指标", "时效指标", "预算执行率", "≥95%", "99.87%", "20", "20", ""),
                   ("满意度指标", "服务对象满意度指标", RETIRED + "满意度（%）", "≥90%", "91%", "10", "10", "")]


def test_blank_cells_are_blank(tmp_path):
    rows, merges = standard_form()
    rows[3][2] = None           # 主管部门: the 实施单位 label right of it is not its value
    rows[5][3] = None           # 年初预算数
    rows[5][6] = None           # 执行率分值
    rows[13][6] = None          # second indicator's 分值
    [table] = read(tmp_path, {"自评表": (rows, merges)})
    assert (table.department, table.implementer) == ("", DEPT)
    assert table.initial_budget is None and table.execution_weight is None
    assert table.indicators[1].weight is None and table.indicators[1].score == Decimal("4.5")
    assert table.indicators[3].deviation == ""


def test_total_row_ends_the_table_merged_or_not(tmp_path):
    rows, merges = standard_form()
    [table] = read(tmp_path, {"自评表": (rows, [m for m in merges if m != "A22:F22"])})
    assert len(table.indicators) == 9 and table.indicators[-1].level3 == RETIRED + "满意度（%）"


def test_score_merged_down_counts_once(tmp_path):
    rows, merges = standard_form()
    rows[19][6], rows[20][6] = 40, None          # 效益 and 满意度 share one 分值 of 40 (G20:G21)
    [table] = read(tmp_path, {"自评表": (rows, merges + ["G20:G21"])})
    assert [str(i.weight) for i in table.indicators[-3:]] == ["10", "40", "None"]
    assert table.indicators[-1].score == 10


def test_other_sheets_are_ignored(tmp_path):
    assert read(tmp_path, {"收入支出决算总表": ([["收入支出决算总表"], ["项目名称", "x"]], [])}) == []


def test_every_problem_is_located(tmp_path):
    rows, merges = standard_form()
    no_indicators = (rows[:11], merges[:19])        # a sheet of that title cut before its indicators
    rows = [list(row) for row in rows]
    rows[12][6] = "五分"         # G13: first indicator's 分值
    rows[5][5] = "约238万"       # F6: 全年执行数
    with pytest.raises(DataError) as caught:
        read(tmp_path, {"自评表": (rows, merges), "部门": department_form(), "空表": no_indicators})
    problems = caught.value.problems
    assert [p.where() for p in problems] == ["自评表.xlsx!自评表!F6", "自评表.xlsx!自评表!G13", "自评表.xlsx!空表!A1"]
    assert "「全年执行数」应填写数字" in problems[0].message and "约238万" in problems[0].message
    assert "「分值」应填写数字" in problems[1].message and "五分" in problems[1].message
    assert "一级指标" in problems[2].message and problems[2].message_en == "no indicator header"


def test_missing_budget_is_reported_not_guessed(tmp_path):
    rows, merges = standard_form()
    rows[5][4] = None            # E6: 全年预算数
    with pytest.raises(DataError) as caught:
        read(tmp_path, {"自评表": (rows, merges)})
    [problem] = caught.value.problems
    assert problem.where().endswith("!自评表!E6") and "没有填写「全年预算数」" in problem.message


def test_blank_name_is_not_taken_from_the_next_label(tmp_path):
    rows, merges = standard_form()
    rows[2][2] = None            # 项目名称 blank: 主管部门 below it must not become the name
    with pytest.raises(DataError) as caught:
        read(tmp_path, {"自评表": (rows, merges)})
    [problem] = caught.value.problems
    assert problem.where().endswith("!自评表!A3") and "没有填写「项目名称」" in problem.message


def test_henan_department_form(tmp_path):
    [table] = read(tmp_path, {"整体自评": henan_form()})
    assert (table.title, table.project, table.department_wide) == (HENAN_TITLE, HENAN_UNIT, True)
    assert (table.initial_budget, table.budget, table.executed) == (1568, 1568, 1359)     # 实际执行数 is 全年执行数
    assert table.execution_weight is None and table.execution_score is None
    assert table.goal == table.achieved == "负责全区医疗保障经办管理"
    assert [(t.name, t.content, t.achieved, t.deviation) for t in table.tasks] == [
        (name, content, done, "") for _, name, content, done in TASKS]        # 任务1： is numbering, not the name
    got = [(i.level1, i.level2, i.level3, i.target, i.result, i.weight, i.deviation) for i in table.indicators]
    assert got == [("投入管理指标", "预算和财务管理", "预算执行率", "100%", "87%", None, DELAY),
                   ("投入管理指标", "预算和财务管理", "政府采购执行率", "100%", "100%", None, ON_TARGET)]


def test_project_forms_have_no_tasks(tmp_path):
    [table] = read(tmp_path, {"自评表": standard_form()})
    assert table.tasks == [] and not table.department_wide


def test_a_broken_task_row_and_figure_are_located(tmp_path):
    rows, merges = henan_form()
    rows[8][2] = None            # C9: the second task's name (its 任务2： is numbering, not a name)
    rows[11][5] = "约1359"       # F12: 部门预算总额's 实际执行数
    with pytest.raises(DataError) as caught:
        read(tmp_path, {"整体自评": (rows, merges)})
    problems = caught.value.problems
    assert [p.where() for p in problems] == ["自评表.xlsx!整体自评!F12", "自评表.xlsx!整体自评!C9"]
    assert "「全年执行数」应填写数字" in problems[0].message and "约1359" in problems[0].message
    assert "没有填写「任务名称」" in problems[1].message


def test_a_blank_row_ends_the_tasks(tmp_path):
    rows, merges = henan_form()
    rows[9] = [None]             # row 10 blank: the third task is not there, and nothing below is read as one
    [table] = read(tmp_path, {"整体自评": (rows, [m for m in merges if not m.endswith("10")] + ["A7:A9"])})
    assert [t.name for t in table.tasks] == ["慢性病专家鉴定费", "基本医疗保险委托管理费"]


# A region or level as offices write it: Chinese words, digits, brackets (区级预算部门(单位), 2021年省级).
prefixes = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF) | st.sampled_from("0123456789()（）·"),
                   max_size=20).filter(lambda p: not re.match(r"\d{4}年", p))    # a leading year is the year


@given(prefix=prefixes, form=st.sampled_from(["整体预算绩效自评表", "整体支出绩效自评表", "项目支出绩效自评表"]),
       year=st.sampled_from(["", "2021年度", "（2021 年度）"]))
def test_any_region_or_level_before_a_form_name_is_that_form(prefix, form, year):
    title = prefix + form
    written = year + title if year.startswith("2") else title + year
    assert form_title(written) == title           # printed as written, without the year the document adds


@given(text=st.text(max_size=30), form=st.sampled_from(["整体预算绩效自评表", "项目支出绩效自评表"]))
def test_a_title_that_is_not_a_form_is_not_read(text, form):
    assert form_title(text + "收入支出决算总表") is None
    assert form_title(text + form + "说明") is None
    assert form_title("注：" + text + form) is None     # a note naming the form is not its title
