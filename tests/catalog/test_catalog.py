"""The bundled classification catalogs, the glossary, and the loader's merge and fallback rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.errors import JuesuanError
from juesuan.facts.catalog import (
    GLOSSARY_APPLIES,
    GLOSSARY_GROUPS,
    Catalog,
    CatalogEntry,
    CatalogError,
    GlossaryTerm,
    bundled_catalog_dir,
    load_catalog,
    load_glossary,
)

BUNDLED = bundled_catalog_dir()

# Every functional 项 the three seed documents use, with its 款 and 类, written out by hand
# (names as in the standard; the seeds' typos such as 城乡社区事务支出 or 医疗保障管理管理事务 corrected).
SEED_ITEMS_BOTH_YEARS = {
    "2080505": ("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出"),
    "2080506": ("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位职业年金缴费支出"),
    "2080599": ("社会保障和就业支出", "行政事业单位养老支出", "其他行政事业单位养老支出"),
    "2101101": ("卫生健康支出", "行政事业单位医疗", "行政单位医疗"),
    "2101102": ("卫生健康支出", "行政事业单位医疗", "事业单位医疗"),
    "2101103": ("卫生健康支出", "行政事业单位医疗", "公务员医疗补助"),
    "2101199": ("卫生健康支出", "行政事业单位医疗", "其他行政事业单位医疗支出"),
    "2101401": ("卫生健康支出", "优抚对象医疗", "优抚对象医疗补助"),
    "2101501": ("卫生健康支出", "医疗保障管理事务", "行政运行"),
    "2101502": ("卫生健康支出", "医疗保障管理事务", "一般行政管理事务"),
    "2101505": ("卫生健康支出", "医疗保障管理事务", "医疗保障政策管理"),
    "2101506": ("卫生健康支出", "医疗保障管理事务", "医疗保障经办事务"),
    "2101550": ("卫生健康支出", "医疗保障管理事务", "事业运行"),
    "2101599": ("卫生健康支出", "医疗保障管理事务", "其他医疗保障管理事务支出"),
    "2120805": ("城乡社区支出", "国有土地使用权出让收入安排的支出", "补助被征地农民支出"),
    "2210201": ("住房保障支出", "住房改革支出", "住房公积金"),
}
# Seed 002 (2021): 农林水支出（类）扶贫（款）其他扶贫支出（项）.
SEED_ITEMS_2021 = {"2130599": ("农林水支出", "扶贫", "其他扶贫支出")}
# 类 and 款 the seeds name without a 项 of ours (seed 004: 其他社会保障和就业支出（款）; 类 in the
# 结构 paragraphs of seeds 000 and 002).
SEED_HEADINGS = {
    "201": "一般公共服务支出", "205": "教育支出", "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出", "210": "卫生健康支出",
    "213": "农林水支出", "221": "住房保障支出", "20899": "其他社会保障和就业支出",
}

YEARS = (2021, 2024)


@pytest.fixture(scope="module", params=YEARS)
def functional(request) -> Catalog:
    return load_catalog("功能分类", request.param, [BUNDLED])


@pytest.fixture(scope="module", params=YEARS)
def economic(request) -> Catalog:
    return load_catalog("经济分类", request.param, [BUNDLED])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the bundled functional catalogs ------------------------------------------------------------

def test_bundled_dir_is_the_repository_data_folder():
    assert BUNDLED == Path(__file__).resolve().parents[2] / "data" / "catalog"
    assert (BUNDLED / "功能分类" / "2024.yaml").is_file()


def test_seed_codes_present_with_their_names(functional: Catalog):
    expected = dict(SEED_ITEMS_BOTH_YEARS)
    if functional.year == 2021:
        expected.update(SEED_ITEMS_2021)
    for code, (lei, kuan, xiang) in expected.items():
        entry = functional.get(code)
        assert entry is not None, code
        assert entry.name == xiang, code
        assert entry.level == "项"
        assert [p.name for p in functional.parents(code)] == [lei, kuan], code
    for code, name in SEED_HEADINGS.items():
        assert functional.get(code).name == name, code


def test_career_annuity_and_basic_pension_codes_are_not_confused(functional: Catalog):
    # Seed 000 printed 职业年金缴费支出 with 2080505; the catalog must tell them apart.
    assert functional.get("2080505").name == "机关事业单位基本养老保险缴费支出"
    assert functional.get("2080506").name == "机关事业单位职业年金缴费支出"
    assert [e.code for e in functional.by_name("机关事业单位职业年金缴费支出")] == ["2080506"]


def test_parents_of_medical_security_administration(functional: Catalog):
    parents = functional.parents("2101501")
    assert [(p.code, p.name, p.level) for p in parents] == [
        ("210", "卫生健康支出", "类"), ("21015", "医疗保障管理事务", "款")]
    assert [e.code for e in functional.lineage("2101501")] == ["210", "21015", "2101501"]
    assert [p.code for p in functional.parents("21015")] == ["210"]
    assert functional.parents("210") == []


def test_poverty_fund_renamed_between_years():
    old = load_catalog("功能分类", 2021, [BUNDLED])
    new = load_catalog("功能分类", 2024, [BUNDLED])
    assert old.get("21305").name == "扶贫"
    assert new.get("21305").name == "巩固脱贫攻坚成果衔接乡村振兴"
    assert new.get("2130599") is None or new.get("2130599").name != "其他扶贫支出"


def test_every_item_has_parents_and_official_explanation(functional: Catalog):
    items = [e for e in functional if e.level == "项"]
    assert len(items) >= 20
    for e in items:
        assert [p.level for p in functional.parents(e.code)] == ["类", "款"], e.code
        assert e.explanation and e.explanation.startswith("反映"), e.code
        assert e.explanation.endswith("。"), e.code
        assert "指反映" not in e.explanation and "  " not in e.explanation
    for e in functional:
        if e.level == "款":
            assert [p.level for p in functional.parents(e.code)] == ["类"], e.code
        assert e.funding is None


def test_class_list_and_levels(functional: Catalog):
    classes = {e.code: e.name for e in functional if e.level == "类"}
    assert {"201", "208", "210", "212", "213", "221", "229", "232"} <= set(classes)
    assert all(201 <= int(c) <= 234 for c in classes)    # 234 抗疫特别国债安排的支出 existed 2020–2022
    assert classes["212"] == "城乡社区支出"
    for e in functional:
        assert e.level == {3: "类", 5: "款", 7: "项"}[len(e.code)]
        assert e.code.isdigit() and isinstance(e.code, str)


def test_lookup_is_by_string_code(functional: Catalog):
    assert "2101501" in functional
    assert " 2101501 " in functional
    assert 2101501 not in functional          # an int is never a code
    assert functional.get(2101501) is None    # type: ignore[arg-type]
    assert functional.get("9999999") is None
    assert len(functional) == len(list(functional))


def test_children(functional: Catalog):
    assert [e.code for e in functional.children("21011")] == ["2101101", "2101102", "2101103", "2101199"]
    assert "21015" in [e.code for e in functional.children("210")]


def test_nearest_suggests_siblings_for_an_unknown_code(functional: Catalog):
    assert "2080507" not in functional
    suggestions = [e.code for e in functional.nearest("2080507")]
    assert len(suggestions) == 3
    assert set(suggestions[:2]) == {"2080505", "2080506"}
    # a slip in an early digit still finds the intended code
    assert functional.nearest("2201501", n=1)[0].code == "2101501"
    assert functional.nearest("2080507", n=0) == []


# -- the bundled economic catalogs --------------------------------------------------------------

ECONOMIC_NAMES = {
    "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出",
    "399": "其他支出",
    "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30106": "伙食补助费", "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费", "30112": "其他社会保障缴费", "30113": "住房公积金", "30114": "医疗费",
    "30199": "其他工资福利支出",
    "30201": "办公费", "30202": "印刷费", "30203": "咨询费", "30204": "手续费", "30205": "水费",
    "30206": "电费", "30207": "邮电费", "30208": "取暖费", "30209": "物业管理费", "30211": "差旅费",
    "30212": "因公出国（境）费用", "30213": "维修（护）费", "30214": "租赁费", "30215": "会议费",
    "30216": "培训费", "30217": "公务接待费", "30226": "劳务费", "30227": "委托业务费", "30228": "工会经费",
    "30229": "福利费", "30231": "公务用车运行维护费", "30239": "其他交通费用", "30240": "税金及附加费用",
    "30299": "其他商品和服务支出",
    "30301": "离休费", "30302": "退休费", "30304": "抚恤金", "30305": "生活补助", "30307": "医疗费补助",
    "30309": "奖励金", "30399": "其他对个人和家庭的补助",
    "31002": "办公设备购置", "31003": "专用设备购置", "31007": "信息网络及软件购置更新",
    "31099": "其他资本性支出",
}


def test_economic_names(economic: Catalog):
    for code, name in ECONOMIC_NAMES.items():
        assert economic.get(code) is not None, code
        assert economic.get(code).name == name, code


def test_economic_funding_groups(economic: Catalog):
    expected = {"301": "人员经费", "303": "人员经费", "302": "公用经费", "310": "公用经费", "399": "公用经费"}
    for e in economic:
        if e.level == "类":
            assert e.funding is None
            continue
        assert e.level == "款" and len(e.code) == 5
        assert e.funding == expected[e.code[:3]], e.code
        assert [p.code for p in economic.parents(e.code)] == [e.code[:3]]


def test_economic_years_identical_but_for_year():
    a = load_catalog("经济分类", 2021, [BUNDLED])
    b = load_catalog("经济分类", 2024, [BUNDLED])
    assert list(a) == list(b)
    assert (a.year, b.year) == (2021, 2024)


# -- user directories, year fallback, errors ----------------------------------------------------

def test_user_dir_extends_and_overrides_bundled(tmp_path: Path):
    write(tmp_path / "功能分类" / "2024.yaml", """
年度: 2024
科目:
  - {编码: "2101504", 名称: 信息化建设, 说明: 反映本地增设的信息化建设支出。}
  - {编码: "2101501", 名称: 行政运行, 说明: 反映本县口径的行政运行支出。}
  - {编码: "21015", 名称: 医疗保障管理事务}
""")
    cat = load_catalog("功能分类", 2024, [tmp_path, BUNDLED])
    assert cat.get("2101504").name == "信息化建设"                       # added
    assert cat.get("2101504").level == "项"
    assert [p.code for p in cat.parents("2101504")] == ["210", "21015"]
    assert cat.get("2101501").explanation == "反映本县口径的行政运行支出。"  # overridden
    assert cat.get("2101502").name == "一般行政管理事务"                    # untouched bundled entry
    assert cat.sources == (tmp_path / "功能分类" / "2024.yaml", BUNDLED / "功能分类" / "2024.yaml")
    # bundled alone is unchanged
    assert "2101504" not in load_catalog("功能分类", 2024, [BUNDLED])


def test_override_without_explanation_keeps_bundled_one(tmp_path: Path):
    write(tmp_path / "功能分类" / "2024.yaml", '科目:\n  - {编码: "2101501", 名称: 行政运行}\n')
    cat = load_catalog("功能分类", 2024, [tmp_path, BUNDLED])
    assert cat.get("2101501").explanation.startswith("反映行政单位")


def test_missing_user_dir_is_skipped(tmp_path: Path):
    cat = load_catalog("功能分类", 2024, [tmp_path / "nothing-here", BUNDLED])
    assert cat.get("2101501").name == "行政运行"


def test_year_fallback_to_nearest_earlier(tmp_path: Path):
    cat = load_catalog("功能分类", 2023, [BUNDLED])       # no 2023 file: 2021 is used
    assert cat.year == 2023
    assert cat.sources == (BUNDLED / "功能分类" / "2021.yaml",)
    assert cat.get("21305").name == "扶贫"
    later = load_catalog("功能分类", 2026, [BUNDLED])
    assert later.sources == (BUNDLED / "功能分类" / "2024.yaml",)
    # per directory: the user's 2022 file still applies on top of the bundled 2024 one
    write(tmp_path / "功能分类" / "2022.yaml", '科目:\n  - {编码: "2101504", 名称: 信息化建设, 说明: 反映信息化建设支出。}\n')
    write(tmp_path / "功能分类" / "2027.yaml", '科目:\n  - {编码: "2101504", 名称: 未来科目, 说明: 反映以后的支出。}\n')
    mixed = load_catalog("功能分类", 2024, [tmp_path, BUNDLED])
    assert mixed.get("2101504").name == "信息化建设"
    with pytest.raises(CatalogError, match="2020"):
        load_catalog("功能分类", 2020, [BUNDLED])


def test_an_unquoted_code_is_read_as_typed_leading_zeros_and_all(tmp_path: Path):
    """Catalog files are read like data files: a scalar is the text typed, never an int or an octal."""
    write(tmp_path / "经济分类" / "2024.yaml", "科目:\n  - {编码: 30101, 名称: 基本工资, 经费: 人员经费}\n")
    write(tmp_path / "功能分类" / "2024.yaml", "科目:\n  - {编码: 2101504, 名称: 信息化建设, 说明: 反映。}\n")
    assert load_catalog("功能分类", 2024, [tmp_path, BUNDLED]).get("2101504").name == "信息化建设"
    assert load_catalog("经济分类", 2024, [tmp_path, BUNDLED]).get("30101").name == "基本工资"


def test_an_anchor_in_a_catalog_is_refused_naming_the_file_and_line(tmp_path: Path):
    """Billion laughs in a 311-byte catalog once produced a 340 MB message."""
    body = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")) + "科目: *i\n"
    bad = write(tmp_path / "功能分类" / "2024.yaml", body)
    with pytest.raises(CatalogError) as info:
        load_catalog("功能分类", 2024, [tmp_path, BUNDLED])
    assert str(bad) in str(info.value) and "2024.yaml:1:" in str(info.value)
    assert len(str(info.value)) < 20_000 and isinstance(info.value, JuesuanError)


@pytest.mark.parametrize("body, needle", [
    ('科目:\n  - {编码: "21015011", 名称: 太长}\n', "不是有效的功能分类编码"),
    ('科目:\n  - {编码: "2101504", 名称: 信息化建设}\n', "缺少说明"),
    ('科目:\n  - {编码: "2101504", 名称: 信息化建设, 说名: 反映。}\n', "不认识的键"),
    ('科目:\n  - {编码: "21015", 名称: 甲}\n  - {编码: "21015", 名称: 乙}\n', "重复"),
    ('年度: 2023\n科目: []\n', "年度"),
    ('科目:\n  - {编码: "21015", 名称: 医疗保障管理事务, 经费: 公用经费}\n', "经费"),
    ("科目: [\n", "YAML"),
])
def test_bad_functional_files(tmp_path: Path, body: str, needle: str):
    write(tmp_path / "功能分类" / "2024.yaml", body)
    with pytest.raises(CatalogError, match=needle):
        load_catalog("功能分类", 2024, [tmp_path, BUNDLED])


def test_economic_user_entry_needs_funding(tmp_path: Path):
    write(tmp_path / "经济分类" / "2024.yaml", '科目:\n  - {编码: "30230", 名称: 本地科目}\n')
    with pytest.raises(CatalogError, match="经费"):
        load_catalog("经济分类", 2024, [tmp_path, BUNDLED])
    write(tmp_path / "经济分类" / "2024.yaml", '科目:\n  - {编码: "30230", 名称: 本地科目, 经费: 公用经费}\n')
    cat = load_catalog("经济分类", 2024, [tmp_path, BUNDLED])
    assert cat.get("30230") == CatalogEntry("30230", "本地科目", None, "款", "公用经费")
    write(tmp_path / "经济分类" / "2024.yaml", '科目:\n  - {编码: "3023001", 名称: 太细, 经费: 公用经费}\n')
    with pytest.raises(CatalogError, match="经济分类编码"):
        load_catalog("经济分类", 2024, [tmp_path, BUNDLED])


def test_unknown_kind():
    with pytest.raises(ValueError):
        load_catalog("收入分类", 2024, [BUNDLED])  # type: ignore[arg-type]


# -- the glossary -------------------------------------------------------------------------------

STANDARD_TERMS = [
    "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
    "使用非财政拨款结余（含专用结余）", "年初结转和结余", "结余分配", "年末结转和结余",
    "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出",
    "“三公”经费", "机关运行经费",
]


def test_glossary_terms_in_order_with_valid_conditions():
    terms = load_glossary([BUNDLED])
    assert [t.name for t in terms] == STANDARD_TERMS
    for t in terms:
        assert t.applies_when in GLOSSARY_APPLIES
        assert t.group in GLOSSARY_GROUPS
        assert t.text.startswith("指") and t.text.endswith("。")
        # no template leftovers from the seeds
        assert "……" not in t.text and "如…" not in t.text and "（收入类型）" not in t.text
        assert "**" not in t.text and "注：" not in t.text
    by_name = {t.name: t for t in terms}
    assert by_name["财政拨款收入"].applies_when == "总是"
    assert by_name["事业收入"].applies_when == "事业收入"
    assert by_name["使用非财政拨款结余（含专用结余）"].applies_when == "使用非财政拨款结余"
    assert by_name["经营支出"].applies_when == "经营支出"
    # groups are contiguous and in print order (项 entries go between 结转结余 and 支出)
    ranks = [GLOSSARY_GROUPS.index(t.group) for t in terms]
    assert ranks == sorted(ranks)


def test_glossary_user_override_and_addition(tmp_path: Path):
    write(tmp_path / "名词解释.yaml", """
词条:
  - 名称: 事业收入
    解释: 指本县事业单位开展专业业务活动及其辅助活动取得的收入。
    适用: 事业收入
  - 名称: 专项收入
    解释: 指本县规定的专项收入。
    适用: 其他收入
    分组: 收入
  - 名称: 附注
    解释: 指本县的附注。
    适用: 总是
""")
    terms = load_glossary([tmp_path, BUNDLED])
    names = [t.name for t in terms]
    assert names.index("专项收入") == names.index("其他收入") + 1    # end of its group
    assert names[-1] == "附注"
    shiye = terms[names.index("事业收入")]
    assert shiye.text.startswith("指本县") and shiye.group == "收入"   # replaced in place
    assert names.index("事业收入") == STANDARD_TERMS.index("事业收入")


def test_a_glossary_that_replaces_is_the_whole_list_in_its_own_order(tmp_path: Path):
    write(tmp_path / "名词解释.yaml", "替换: true\n词条:\n  - {名称: 项目支出, 解释: 指乙。, 适用: 总是}\n"
                                      "  - {名称: 财政拨款收入, 解释: 指甲。, 适用: 总是}\n")
    terms = load_glossary([tmp_path, BUNDLED])
    assert [(t.name, t.text) for t in terms] == [("项目支出", "指乙。"), ("财政拨款收入", "指甲。")]
    later = tmp_path / "县"
    write(later / "名词解释.yaml", "词条:\n  - {名称: 附注, 解释: 指丙。, 适用: 总是}\n")
    assert [t.name for t in load_glossary([later, tmp_path, BUNDLED])] == ["项目支出", "财政拨款收入", "附注"]


@pytest.mark.parametrize("body, needle", [("替换: 是\n词条: []\n", "“替换”应为 true 或 false"),
                                         ("词条: []\n范围: 全部\n", "不认识的键：范围")])
def test_a_glossary_files_own_keys_are_checked(tmp_path: Path, body: str, needle: str):
    write(tmp_path / "名词解释.yaml", body)
    with pytest.raises(CatalogError) as info:
        load_glossary([tmp_path, BUNDLED])
    assert needle in str(info.value)


def test_glossary_rejects_unknown_condition(tmp_path: Path):
    bad = write(tmp_path / "名词解释.yaml", "词条:\n  - {名称: 甲, 解释: 指甲。, 适用: 有时}\n")
    with pytest.raises(CatalogError) as info:
        load_glossary([tmp_path, BUNDLED])
    assert str(bad) in str(info.value) and "有时" in str(info.value)


def test_glossary_missing_everywhere(tmp_path: Path):
    with pytest.raises(CatalogError, match="名词解释"):
        load_glossary([tmp_path])


def test_glossary_term_is_plain_data():
    t = GlossaryTerm("基本支出", "指……", "总是")
    assert t.group is None
