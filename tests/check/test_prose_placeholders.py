"""Placeholders found by their shape (issue 10): bracketed field names, empty explanations, rephrased
instructions, doubled leads — each example is what a real published document printed with 0 errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.check import check_file
from juesuan.check.command import context_for, document_text
from juesuan.inputs import load
from juesuan.check.text import doubled_leads, instructions, placeholders

from .test_narrative import REASON, config_file
from .variants import DATA, S000, S004, Variant, fired, only


@pytest.mark.parametrize(
    "text, shown",
    [
        ("收入较上年减少，主要是（收入类型）等。", "（收入类型）"),
        ("特定项目类支出减少，（变动原因）。", "（变动原因）"),
        ("特定项目类支出减少，主要原因是【填写原因】。", "【填写原因】"),
        ("特定项目类支出减少，原因是[单位名称]调整。", "[单位名称]"),
        ("一般公共服务（类）（款）（项）：指。", "（类）（款）"),
        ("特定项目类支出减少，主要用于。", "主要用于"),
        ("特定项目类支出减少。主要原因是；", "主要原因是"),
        ("收入包括（收入类型）等。", "包括（收入类型）等"),
    ],
)
def test_placeholder_by_shape(unit_dir, text, shown):
    hits = only(check_file(Variant(S004).text(REASON, text).write(unit_dir)), "JS-NAR-003")
    assert any(shown in h.message for h in hits) and hits[0].severity == "错误"
    assert all(h.field == "变动原因 → 收入支出总计" for h in hits)


def test_one_placeholder_is_reported_once_per_field(unit_dir):
    v = Variant(S004).text(REASON, "主要是（收入类型）等，（收入类型）增加，**万元。")
    hits = only(check_file(v.write(unit_dir)), "JS-NAR-003")
    said = [h.figures["文字"] for h in hits]
    assert len(said) == len(set(said)), said


@pytest.mark.parametrize(
    "text",
    [
        "一般公共服务支出（类）人大事务（款）行政运行（项）：指行政单位的基本支出。",
        "因公出国（境）费用0.00万元。",
        "本部门（单位）无政府性基金预算财政拨款支出。",
        "机关运行经费（含参照公务员法管理的事业单位）减少。",
        "医保局（参公）人员经费（2024年）减少，依据《关于做好2024年医疗保障工作（试行）的通知》。",
        "依据德市财社〔2021〕61号文件执行（试行）。",
        "收入主要是财政拨款收入，包括基本支出和项目支出等。",
        "支出主要用于保障机构正常运转。",
    ],
)
def test_legitimate_brackets_and_leads_are_clean(text):
    assert placeholders(text) == []


_SUBJECTS = st.sampled_from(["一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "医疗保障管理事务", "行政运行",
                             "事业运行", "其他医疗保障管理事务支出", "行政单位医疗"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_SUBJECTS, min_size=3, max_size=3), st.sampled_from(["指行政单位的基本支出。", "反映未单独设置项级科目的支出。"]))
def test_named_subject_paths_never_trigger(names, explanation):
    text = f"{names[0]}（类）{names[1]}（款）{names[2]}（项）：{explanation}"
    assert placeholders(text) == []


@pytest.mark.parametrize(
    "text, shown",
    [
        ("名词解释部分按各部门实际列支情况罗列，此处不再说明。", "按各部门实际列支情况罗列"),
        ("如有政府性基金收入，请说明具体原因。", "如有政府性基金收入，请说明"),
        ("根据实际填写本年度支出情况。", "根据实际填写"),
        ("报告范围包括机关和下属单位。", "机关和下属单位"),
    ],
)
def test_rephrased_instructions(unit_dir, text, shown):
    hits = only(check_file(Variant(S004).text(REASON, text).write(unit_dir)), "JS-NAR-011")
    assert any(shown in h.message for h in hits)


def test_units_named_in_scope_are_not_an_instruction():
    assert instructions("报告范围包括机关本级和广汉市医疗保障事务中心。") == []
    assert instructions("纳入本部门决算编制范围的下属单位包括：绵竹市医疗保障事务中心。") == []


@pytest.mark.parametrize(
    "text, lead",
    [
        ("主要原因是主要是人员增加。", "主要原因是主要是"),
        ("经费主要用于主要用于办公。", "主要用于主要用于"),
        ("收入包括包括财政拨款。", "包括包括"),
    ],
)
def test_doubled_lead(unit_dir, text, lead):
    hits = only(check_file(Variant(S004).text(REASON, text).write(unit_dir)), "JS-NAR-004")
    assert len(hits) == 1 and lead in hits[0].message


def test_a_lead_with_a_verb_is_not_doubled():
    assert doubled_leads("经费主要是用于办公，原因是包括人员在内的支出增加。") == []


def test_county_patterns(unit_dir, tmp_path):
    options = config_file(tmp_path, "附加句式:\n  - 正则: 详见附表\\d+\n    说明: 本县不附附表\n")
    hits = only(check_file(Variant(S004).text(REASON, "详见附表3。").write(unit_dir), options), "JS-NAR-015")
    assert "本县不附附表" in hits[0].message and "详见附表3" in hits[0].message


def test_county_pattern_that_is_no_regex_is_located(unit_dir, tmp_path):
    from juesuan.errors import DataError

    options = config_file(tmp_path, "附加句式:\n  - 正则: 详见(附表\n    说明: 本县不附附表\n")
    with pytest.raises(DataError) as caught:
        check_file(Variant(S004).write(unit_dir), options)
    text = str(caught.value)
    assert "县配置.yaml:2" in text and "正则表达式" in text


def test_superior_in_a_document_title_is_not_another_unit(unit_dir):
    v = Variant(S004).text(REASON, "根据《德阳市财政局 德阳市医疗保障局关于下达资金的通知》执行。")
    assert not fired(check_file(v.write(unit_dir)), "JS-NAR-006")


def test_samples_and_their_documents_stay_clean():
    for sample in (S000, S004, DATA / "beiguan-yibao" / "2021.yaml"):
        ctx = context_for(sample)
        text = document_text(ctx.report, ctx_templates(sample))
        found = [f for f in check_file(sample, rendered_text=text) if f.rule_id in
                 ("JS-NAR-003", "JS-NAR-004", "JS-NAR-006", "JS-NAR-011", "JS-NAR-012", "JS-NAR-013", "JS-NAR-014")]
        assert found == [], [f.format() for f in found]


def ctx_templates(sample):
    return load(sample).options.template_path()


def test_a_blank_from_the_countys_glossary_names_that_file(tmp_path):
    """The 名词解释 printed from a --catalog folder: the fix belongs in that file, not in the template."""
    from juesuan.inputs import Options

    folder = tmp_path / "县目录"
    folder.mkdir()
    glossary = folder / "名词解释.yaml"
    glossary.write_text("词条:\n  - 名称: 其他收入\n    解释: 指主要是（收入类型）等。\n    适用: 总是\n    分组: 收入\n",
                        encoding="utf-8")
    options = Options(catalog_dirs=[folder])
    ctx = context_for(S004, options)
    text = document_text(ctx.report, load(S004, options).options.template_path())
    assert "（收入类型）" in text
    hits = only(check_file(S004, options, rendered_text=text), "JS-NAR-003")
    assert len(hits) == 1 and str(glossary) in hits[0].message and "来自模板" not in hits[0].message


def test_a_template_note_is_one_finding_however_many_instructions_it_holds():
    from juesuan.check.text import leftovers, outermost, placeholders

    note = "（注：解释本部门决算报表中涉及的全部功能分类科目至项级，不涉及的科目请自行删除。请参照《2024年政府收支分类科目》增减内容）"
    found = outermost(leftovers(note) + placeholders(note))
    assert [(m.start, m.end) for m in found] == [(0, len(note))]
