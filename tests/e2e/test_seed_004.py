"""Seed 004 (绵竹市医疗保障局 2024) end to end: the published figures and sentences, in DOCX and PDF.

Expected values are the seed's own (checked by hand against its figures); where the seed contradicts
itself, the assertion states the right value and the comment says what the seed printed.
"""

import pytest

SEED = "mianzhu-yibao/2024.yaml"

SENTENCES = [
    "2024年度收入、支出总计均为1778.52万元",
    "与2023年度相比，收入、支出总计各减少47.12万元，下降2.58%",   # 47.12 / 1825.64 = 2.581%
    "主要变动原因是特定项目类支出2024年比上年减少2个项目",
    "一般公共预算财政拨款收入1332.21万元，占74.91%",              # 1332.21 / 1778.52 = 74.906%
    "政府性基金预算财政拨款收入446.31万元，占25.09%",
    "基本支出621.01万元，占34.92%",                                 # 621.01 / 1778.52 = 34.917%
    "项目支出1157.51万元，占65.08%",
    "财政拨款收入、支出总计均为1778.52万元",
    "财政拨款收入、支出总计各减少47.12万元，下降2.58%",
    # The seed prints "占本年支出合计的74.9%" here and 74.91% in section 二: one figure, one value.
    "一般公共预算财政拨款支出1332.21万元，占本年支出合计的74.91%",
    "一般公共预算财政拨款支出减少45.02万元，下降3.27%",             # 45.02 / 1377.23 = 3.269%
    "社会保障和就业支出84.38万元，占6.33%",
    "卫生健康支出1202.66万元，占90.28%",
    "住房保障支出45.17万元，占3.39%",
    "一般公共预算财政拨款支出决算数为1332.21万元，完成预算100%",   # the seed omits 万元 here
    "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：支出决算为53.16万元，完成预算100%，决算数与预算数持平",
    # the seed names the 款 住房保障支出; 2210201's 款 is 22102 住房改革支出
    "住房保障支出（类）住房改革支出（款）住房公积金（项）：支出决算为45.17万元",
    # the seed prints 558.59 here and 558.58 in its annex; 621.01 − 62.43 = 558.58
    "人员经费558.58万元",
    "公用经费62.43万元",
    "“三公”经费财政拨款支出决算为0.79万元，完成预算100%，比2023年度减少0.21万元，下降21%",
    "公务用车购置及运行维护费支出决算0.40万元，占50.63%",
    "公务接待费支出决算0.39万元，占49.37%",
    # the seed says "增长100%" from a zero base: no growth rate can be computed from zero
    "公务用车购置及运行维护费支出决算比2023年度增加0.40万元（上年无此项支出，无法计算增长率）",
    "公务接待费支出决算比2023年度减少0.61万元，下降61%",
    "接待汶川医保局考察1次2270元",
    "政府性基金预算财政拨款支出446.31万元，占本年支出合计的25.09%",
    "政府性基金预算财政拨款支出减少2.10万元，下降0.47%",
    "国有资本经营预算财政拨款支出与上年持平",
    "机关运行经费支出62.43万元，比2023年度减少3.15万元，下降4.80%",
    "政府采购支出总额12.73万元，其中：政府采购货物支出12.73万元",
    "共有车辆1辆",
]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_published_sentence(built, fmt, sentence):
    assert sentence in built(SEED).texts[fmt]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_no_template_leftovers(built, fmt):
    text = built(SEED).texts[fmt]
    for leftover in ("**", "（注：", "如……", "具体项目、金额", "inf", "None", "主要变动原因是主要变动原因是",
                     "与2023年度相比，国有资本经营预算财政拨款支出与上年持平"):   # "持平" said once, not doubled
        assert leftover not in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_structure_and_glossary(built, fmt):
    text = built(SEED).texts[fmt]
    for heading in ("第一部分部门概况", "第二部分2024年度部门决算情况说明", "第三部分名词解释", "第四部分附件",
                    "第五部分附表", "十、其他重要事项的情况说明", "十三、财政拨款“三公”经费支出决算表",
                    "图1：收入、支出决算总计变动情况", "图7：“三公”经费财政拨款支出结构"):
        assert heading in text
    # one 名词解释 entry per 项 used, from the catalog, including the government-fund 项
    assert "城乡社区支出（类）国有土地使用权出让收入安排的支出（款）补助被征地农民支出（项）：反映" in text
    # terms for figures this unit does not have are left out
    assert "事业收入：" not in text


def test_same_figures_in_both_formats(built):
    import re
    b = built(SEED)
    figures = lambda t: sorted(re.findall(r"\d+\.\d{2}万元|\d+(?:\.\d+)?%", t))  # noqa: E731
    assert figures(b.docx) == figures(b.pdf)
