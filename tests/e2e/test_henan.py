"""Seed 002 (安阳市北关区医疗保障局 2021) in the Henan layout, end to end, in DOCX and PDF: Henan's four parts
and thirteen sections in Henan's order, with Henan's sentences.

Expected values are the seed's own, checked by hand; where the seed is wrong, the assertion states the right
value and the comment what the seed printed (the data file's header lists every such place).
"""

import re

import pytest

SEED = "beiguan-yibao/2021.yaml"

PARTS = ["第一部分安阳市北关区医疗保障局概况", "第二部分2021年度部门决算表", "第三部分2021年度部门决算情况说明",
         "第四部分名词解释"]
SECTIONS = ["一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明",
            "四、财政拨款收入支出决算总体情况说明", "五、一般公共预算财政拨款支出决算情况说明",
            "六、一般公共预算财政拨款基本支出决算情况说明", "七、一般公共预算财政拨款“三公”经费支出决算情况说明",
            "八、绩效评价结果等情况说明", "九、政府性基金预算财政拨款支出决算情况说明", "十、机关运行经费支出情况说明",
            "十一、政府采购支出情况说明", "十二、国有资产占用情况说明", "十三、其他重要事项的情况说明"]

SENTENCES = [
    "安阳市北关区医疗保障局本级单位是行政单位。其主要职责：（一）负责实施城乡居民基本医疗保险",
    "（九）完成区委、区政府交办的其他任务。",
    "北关区医疗保障局设3个内设机构，下属1个二级机构事业单位，是区政府工作部门，正科级单位。",
    "从决算单位构成看，北关区医疗保障局部门决算包括：本级决算。",
    "2021年度收、支总计均为307.97万元。与上年度相比，收、支总计各增加25.13万元，增长8.88%。主要原因是卫生健康支出增加。",
    # the seed: "增长 8%"; 25.13 / 282.84 = 8.885%
    "2021年度收入合计307.97万元，其中：财政拨款收入307.97万元，占100%；上级补助收入0万元，占0%；事业收入0万元，占0%",
    # the seed: 基本支出 "占 66%", 项目支出 105.3 "占 34%"; 202.66 / 307.97 = 65.805%, 307.97 − 202.66 = 105.31
    "2021年度支出合计307.97万元，其中：基本支出202.66万元，占65.81%；项目支出105.31万元，占34.19%",
    "2021年度财政拨款收、支总计均为307.97万元。与上年度相比，财政拨款收、支总计各增加25.13万元，增长8.88%。",
    "2021年度一般公共预算财政拨款支出307.97万元，占支出合计的100%。与上年度相比，一般公共预算财政拨款支出增加25.13万元，增长8.88%。",
    # 19.87 / 307.97 = 6.452%, 219.66 / 307.97 = 71.325%, 68.44 / 307.97 = 22.223%
    "主要用于以下方面：社会保障和就业（类）支出19.87万元，占6.45%；卫生健康（类）支出219.66万元，占71.33%；农林水（类）支出68.44万元，占22.22%。",
    # the seed: 年初预算 1564.98, "完成年初预算的19.68%", next to six items each at 100%
    "2021年度一般公共预算财政拨款支出年初预算为307.97万元，支出决算为307.97万元，完成年初预算的100%。其中：",
    "1.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。支出决算为19.87万元，支出预算为19.87万元，完成年初预算的100%。决算数与年初预算数不存在差异。",
    "6.农林水支出（类）扶贫（款）其他扶贫支出（项）。支出决算为68.44万元",
    "2021年度一般公共预算财政拨款基本支出202.66万元。其中：人员经费190.96万元，主要包括：基本工资、津贴补贴",
    "；公用经费11.7万元，主要包括：办公费、印刷费",
    # the seed: "完成预算的0%" against a zero budget
    "2021年度“三公”经费财政拨款支出年初预算为0万元，支出决算为0万元，未安排年初预算，未发生支出。2021年度“三公”经费支出决算数与年初预算数不存在差异。",
    "公务用车购置支出为0万元，购置车辆0台。",
    "2021年期末，部门开支财政拨款的公务用车保有量为0辆。",
    "2021年共接待国（境）外来访团组0个、来访外宾0人次（不包括陪同人员）。",
    "2021年度我部门绩效管理工作开展情况：1、提高对绩效管理工作的责任意识",
    # the seed: "决算资金共105.3万元，占…8%"; its eight projects' 决算 add to 1098.48, more than all 项目支出
    "我部门进行自评的2021年项目支出共8个，决算资金共1098.48万元，分别是：",
    "1.城乡居民医保区级配套项目，项目2021年预算数1150万元，决算数975万元，自评得分99分，",
    "我部门针对以上项目中的1个项目进行了重点项目再评价，评价得分97分，",
    "2021年度政府性基金预算财政拨款支出决算为0万元。",
    "2021年度机关运行经费年初预算为15万元，支出决算为11.7万元，完成年初预算的78%。",   # 11.7 / 15 = 78%
    "2021年度政府采购支出总额0万元，其中：政府采购货物支出0万元、政府采购工程支出0万元、政府采购服务支出0万元。",
    "2021年期末，北关区医疗保障局共有车辆0辆，其中：一般公务用车0辆、一般执法执勤用车0辆、特种专业技术用车0辆、其他用车0辆；单位价值50万元以上通用设备0台（套），单位价值100万元以上专用设备0台（套）。",
    "十三、其他重要事项的情况说明无",
    "一、财政拨款收入：单位从同级政府财政部门取得的财政预算资金。",
    "十六、年末结余：本年度或以前年度预算安排，已执行完毕",
]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_henan_sentence(built, fmt, sentence):
    assert sentence in built(SEED).texts[fmt]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_henan_order(built, fmt):
    text = built(SEED).texts[fmt]
    body = text[text.index("第一部分安阳市北关区医疗保障局概况", text.index("第四部分名词解释") + 1):]   # past the 目录
    at = [body.index(p) for p in PARTS]
    assert at == sorted(at)
    explanation = body[at[2]:at[3]]
    places = [explanation.index(s) for s in SECTIONS]
    assert places == sorted(places)
    tables = body[at[1]:at[2]]
    assert tables.index("一、收入支出决算总表") < tables.index("九、国有资本经营预算财政拨款支出决算表")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_seeds_wrong_figures_are_not_printed(built, fmt):
    text = built(SEED).texts[fmt]
    for wrong in ("增长8%", "占66%", "105.3万元", "1564.98", "19.68%", "完成预算的0%", "占部门2021年所有项目支出总额"):
        assert wrong not in text
    assert "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：" not in text   # no 项 glossary


def test_same_figures_in_both_formats(built):
    b = built(SEED)
    figures = lambda t: sorted(re.findall(r"\d+(?:\.\d+)?万元|\d+(?:\.\d+)?%", t))  # noqa: E731
    assert figures(b.docx) == figures(b.pdf)


def county_over_henan(folder, block: str):
    from tests.support.units import write_layout

    return write_layout(folder, {"parts/explanation.html.j2":
        '{% extends "!parts/explanation.html.j2" %}\n'
        f"{{% block {block} %}}<h2>本县机关运行经费</h2><p>本县写法：{{{{ r.operating_costs.current }}}}万元。</p>{{% endblock %}}\n"},
        header="名称: 某县\n继承: henan\n")


def test_a_county_replaces_one_henan_section_in_both_formats(tmp_path, build_both):
    from juesuan.build import Options
    from tests.e2e.conftest import DATA

    b = build_both(DATA / SEED, Options(layout=county_over_henan(tmp_path / "县", "h10_operating_costs")))
    for text in b.texts.values():
        assert "十、本县机关运行经费本县写法：11.7万元。" in text             # the county's section, numbered in place
        assert "完成年初预算的78%" not in text and "十三、其他重要事项的情况说明" in text


def test_a_misspelt_henan_block_is_refused_at_its_line(tmp_path):
    import pytest
    from juesuan.build import Options, build
    from juesuan.errors import TemplateError
    from tests.e2e.conftest import DATA

    folder = county_over_henan(tmp_path / "县", "h10_operating_cost")
    with pytest.raises(TemplateError) as caught:
        build(DATA / SEED, tmp_path / "out", ["html"], Options(layout=folder))
    assert "explanation.html.j2:2" in str(caught.value) and "「h10_operating_costs」" in str(caught.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_self_evaluation_tables_follow_the_tables_in_part_two(built, fmt):
    text = built(SEED).texts[fmt]
    body = text[text.index("第二部分2021年度部门决算表", text.index("第四部分名词解释") + 1):]
    part_two = body[:body.index("第三部分2021年度部门决算情况说明")]
    assert part_two.index("九、国有资本经营预算财政拨款支出决算表") < part_two.index("区级预算部门(单位)整体预算绩效自评表（2021年度）")
    assert part_two.count("项目支出绩效自评表（2021年度）") == 8
    assert "困难群众大病补充医疗保险" in part_two and "年度主要任务" in part_two
    # 执行率 computed from the form's own figures: 16 / 15 = 106.67% (the form prints 100%); 1359 / 1568 = 86.67%
    assert "106.67%" in part_two and "86.67%" in part_two


def test_an_unchanged_total_is_said_once_in_henans_words(tmp_path):
    import shutil

    from juesuan.build import build
    from tests.e2e.conftest import DATA

    folder = tmp_path / "unit"
    shutil.copytree(DATA / "beiguan-yibao", folder)
    data = folder / "2021.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(": 282.84", ": 307.97"), encoding="utf-8")
    html = re.sub(r"<[^>]+>", "", build(data, tmp_path / "out", ["html"]).document.html)
    assert "2021年度收、支总计均为307.97万元。收、支总计均与上年度持平。" in html
    assert "一般公共预算财政拨款支出与上年度持平。" in html
    assert "与上年度相比" not in html                      # no "与上年度相比，…与上年度持平"
