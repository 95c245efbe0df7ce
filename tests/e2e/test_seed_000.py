"""Seed 000 (广汉市医疗保障局 2021) end to end, in DOCX and PDF.

Where the seed is wrong the assertion holds the right value and the comment says what it printed.
"""

import pytest

SEED = "guanghan-yibao/2021.yaml"

SENTENCES = [
    # The seed calls 本年收入合计 1019.82 and 本年支出合计 1025.52 "收入总计/支出总计". The 总计 include the
    # carry-overs (6.99 in, 1.29 out): 1019.82 + 6.99 = 1025.52 + 1.29 = 1026.81. Last year's 总计 is derived
    # the same way (5278.60 + 4.84 = 5276.45 + 6.99 = 5283.44): 4256.63 / 5283.44 = 80.565%.
    "2021年度收入、支出总计均为1026.81万元",
    "收入、支出总计各减少4256.63万元，下降80.57%",
    "主要变动原因是2021年减少了财政代缴特殊人员城乡居民医疗保险项目",
    "本年收入合计1019.82万元，其中：一般公共预算财政拨款收入847.36万元，占83.09%",
    "政府性基金预算财政拨款收入172.46万元，占16.91%",
    # the seed prints 49.82% / 50.18%; from its own figures 510.99 / 1025.52 = 49.827% and 514.53 / 1025.52 = 50.173%
    "本年支出合计1025.52万元，其中：基本支出510.99万元，占49.83%；项目支出514.53万元，占50.17%",
    "一般公共预算财政拨款支出853.06万元，占本年支出合计的83.18%",
    "一般公共预算财政拨款支出减少243.17万元，下降22.18%",       # 243.17 / 1096.23 = 22.182%
    "社会保障和就业支出49.50万元，占5.80%",
    "卫生健康支出766.49万元，占89.85%",
    "住房保障支出37.07万元，占4.35%",
    # the seed omits 万元 after 853.06
    "一般公共预算财政拨款支出决算数为853.06万元，完成预算99.85%",
    # the seed prints this item with code 2080505, which is 基本养老保险缴费; its name is printed from the catalog
    "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）：支出决算为16.50万元，完成预算100%",
    # 全年预算 260.34 (= 847.36 + 6.99 less the other items); the seed gives no reason, and none is invented
    "事业运行（项）：支出决算为259.05万元，完成预算99.50%，决算数小于预算数。",
    "基本支出510.99万元，其中：人员经费444.99万元，主要包括：基本工资119.06万元、津贴补贴20.36万元",
    "公用经费65.99万元，主要包括：办公费7.26万元",
    "“三公”经费财政拨款支出决算为0.32万元，完成预算6.67%",            # 0.32 / 4.80 = 6.667%
    "决算数小于预算数的主要原因是在做好各项工作前提下",
    "公务接待费支出决算0.32万元，占100%",
    # computed from the 元 figures as the bureau did: (3200 − 2651.85) / 2651.85 = 20.67% (not 0.05 / 0.27)
    "公务接待费支出决算比2020年度增加0.05万元，增长20.67%",
    "国内公务接待2批次，27人次（不包括陪同人员6人次）",
    "政府性基金预算财政拨款支出172.46万元，占本年支出合计的16.82%。",
    "机关运行经费支出65.99万元，比2020年度减少3.50万元，下降5.04%",   # 3.50 / 69.49 = 5.037%
    "政府采购支出总额12.26万元",
    "授予中小企业合同金额12.26万元，占政府采购支出总额的100%",
    "对9个项目编制了绩效目标，预算执行过程中，选取4个项目开展绩效监控，年终执行完毕后，对3个项目开展了绩效自评",
]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_published_sentence(built, fmt, sentence):
    assert sentence in built(SEED).texts[fmt]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_seed_errors_do_not_reach_the_document(built, fmt):
    text = built(SEED).texts[fmt]
    assert "社会社会" not in text
    assert "主要变动原因是主要变动原因是" not in text
    assert "（2080505）" not in text
    assert "公开时间" not in text   # the seed gives no publication date; nothing is invented
    # no 2020 base for 政府性基金 or 因公出国 is in the seed: those comparisons are left out, never made from 0
    assert "政府性基金预算财政拨款支出减少" not in text and "因公出国（境）费支出决算与2020年度持平" not in text
    assert "年末结转下年使用" not in text     # the earlier sample's invented 差异原因 is gone


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_annexes_and_self_evaluation_table(built, fmt):
    text = built(SEED).texts[fmt]
    assert "附件1" in text and "附件4" in text
    assert "离休人员人数" in text and "自然减员" in text
