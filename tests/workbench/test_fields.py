"""The blocks an officer writes, as forms that follow the data model: counts, amounts, lists, grids, annex pieces,
上年 and 未提供的公开表 — saved into the data file with her comments, refused when a value is of the wrong kind."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from starlette.testclient import TestClient

from juesuan.load.yaml_reader import read_yaml
from juesuan.validate.prior import prior_figures
from juesuan.workbench.app import create_app
from juesuan.workbench.edits import EditRefused, save_block
from juesuan.workbench.fields import unit_forms

from .page_forms import page_form

UNIT = "mianzhu-yibao/2024.yaml"
DOMESTIC = "三公经费 → 公务接待 → 国内"


@pytest.fixture
def browser(data, tmp_path):
    return TestClient(create_app(data, tmp_path / "output"), base_url="http://127.0.0.1")


def unit_page(browser, unit=UNIT) -> str:
    return browser.get("/unit", params={"f": unit}).text


def save(browser, block: str, changes: dict[str, str], unit=UNIT) -> str:
    """Post the block's form as the page shows it, with `changes` typed in; the page it leads to."""
    fields = page_form(unit_page(browser, unit), "/fields", block=block)
    fields.update(changes)
    return browser.post("/fields", data=fields, follow_redirects=True).text


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


def visible(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_each_field_has_the_kind_the_model_gives_it_and_the_value_the_file_has(data):
    forms = {f.place: f for form in unit_forms(read_yaml(data / UNIT).data) for f in form.walk()}
    assert forms["单位 → 单位性质"].kind == "choice"
    assert "参照公务员法管理的事业单位" in forms["单位 → 单位性质"].choices
    assert (forms[f"{DOMESTIC} → 批次"].kind, forms[f"{DOMESTIC} → 批次"].value) == ("count", "3")
    assert (forms["三公经费 → 公务接待 → 外事 → 金额"].kind, forms["三公经费 → 公务接待 → 外事 → 金额"].unit) == ("amount", "万元")
    assert forms["其他重要事项 → 预算绩效管理 → 部门整体自评 → 得分"].kind == "score"
    grid = forms[f"{DOMESTIC} → 明细"]
    assert grid.kind == "grid" and grid.known == 3
    assert grid.rows[1] == ["接待什邡医保事务中心业务交流", "1", "800"]
    assert grid.cell(1, 2) == f"{DOMESTIC} → 明细 → 第2项 → 金额（元）"          # as check names it
    assert forms["单位 → 部门职责"].kind == "lines" and forms["单位 → 部门职责"].value.count("\n") == 12
    assert forms["单位 → 机构设置 → 内设机构数"].value == ""                   # in the model, not in the file


def test_a_count_typed_in_is_saved_in_place_and_printed(browser, data):
    before = (data / UNIT).read_text(encoding="utf-8")
    page = save(browser, "三公经费", {f"v:{DOMESTIC} → 批次": "5"})
    assert "已保存「三公经费」（改动 1 处）" in visible(page)
    after = (data / UNIT).read_text(encoding="utf-8")
    assert set(before.splitlines()) ^ set(after.splitlines()) == {"      批次: 3", "      批次: 5"}
    assert comments(after) == comments(before)
    assert "国内公务接待5批次，40人次" in visible(browser.get("/preview", params={"f": UNIT}).text)


def test_a_grid_row_added_is_checked_against_the_tables_and_removed_again(browser, data):
    row = f"v:{DOMESTIC} → 明细 → 第4项"
    page = save(browser, "三公经费", {f"{row} → 事由": "接待省医保局调研", f"{row} → 次数": "1", f"{row} → 金额（元）": "500.00"})
    assert read_yaml(data / UNIT).data["三公经费"]["公务接待"]["国内"]["明细"][3] == \
        {"事由": "接待省医保局调研", "次数": "1", "金额（元）": "500.00"}
    text = visible(page)
    assert "4364" in text and "JS-" in text                   # 3864 + 500 元 no longer the table's 0.39 万元
    finding = re.search(r'<a class="field" href="#([^"]+)">' + re.escape(f"{DOMESTIC} → 明细"), page)
    assert finding and f'id="{finding.group(1)}"' in page    # the finding links to the grid's field
    page = save(browser, "三公经费", {f"{row} → 事由": "", f"{row} → 次数": "", f"{row} → 金额（元）": ""})
    assert len(read_yaml(data / UNIT).data["三公经费"]["公务接待"]["国内"]["明细"]) == 3
    assert "4364" not in visible(page)


def test_values_of_the_wrong_kind_are_all_named_and_nothing_is_saved(browser, data):
    before = (data / UNIT).read_text(encoding="utf-8")
    page = visible(save(browser, "三公经费", {f"v:{DOMESTIC} → 批次": "三",
                                            "v:三公经费 → 公务接待 → 外事 → 金额": "1,000",
                                            f"v:{DOMESTIC} → 人次": "41"}))
    assert f"{DOMESTIC} → 批次：应填写整数（如 3），实际为「三」" in page
    assert "外事 → 金额：应填写金额" in page
    assert (data / UNIT).read_text(encoding="utf-8") == before


def test_full_width_digits_are_read_as_the_count_they_mean(data):
    save_block(data / UNIT, "三公经费", {f"v:{DOMESTIC} → 批次": "１２"})
    assert read_yaml(data / UNIT).data["三公经费"]["公务接待"]["国内"]["批次"] == "12"


def test_a_field_emptied_is_removed_so_the_model_default_applies(data):
    save_block(data / UNIT, "三公经费", {"v:三公经费 → 因公出国（境） → 开支内容": ""})
    assert "开支内容" not in read_yaml(data / UNIT).data["三公经费"]["因公出国（境）"]


def test_pieces_of_an_annex_are_added_and_removed_and_its_table_edited(browser, data):
    content = "附件 → 第1项 → 内容"
    fields = page_form(unit_page(browser), "/fields", block="附件")
    table = f"{content} → 第2项 → 内容 → 第1项 → 内容 → 第3项 → 表格"      # 收入情况's table
    fields.update({f"add:{content}": "段落", f"v:add:{content}": "本报告由单位自评。",
                   f"del:{content} → 第5项": "1",                        # 存在问题及意见建议
                   f"v:{table} → 行 → 第2项 → 第4项": "446.30",
                   f"v:{table} → 表头 → 第6项": "备注", f"v:{table} → 行 → 第1项 → 第6项": "无"})
    browser.post("/fields", data=fields)
    annex = read_yaml(data / UNIT).data["附件"][0]["内容"]
    assert [next(iter(piece)) for piece in annex] == ["章节"] * 4 + ["段落"]
    assert annex[-1] == {"段落": "本报告由单位自评。"}
    assert "存在问题及意见建议" not in [piece.get("章节") for piece in annex]
    saved = annex[1]["内容"][0]["内容"][2]["表格"]
    assert saved["表头"][-1] == "备注" and saved["行"][0][-1] == "无" and saved["行"][1][3] == "446.30"
    assert saved["行"][2] == ["合计", "", "1746.77", "1778.52", "1778.52", ""]
    preview = visible(browser.get("/preview", params={"f": UNIT}).text)
    assert "本报告由单位自评。" in preview and "改进措施" not in preview


def test_a_new_annex_is_added_by_filling_the_blank_one(browser, data):
    new = "附件 → 第2项"
    save(browser, "附件", {f"v:{new} → 标题": "项目支出绩效自评报告", f"add:{new} → 内容": "章节",
                          f"v:add:{new} → 内容": "项目概况"})
    assert read_yaml(data / UNIT).data["附件"][1] == {"标题": "项目支出绩效自评报告", "内容": [{"章节": "项目概况", "内容": []}]}


def test_the_prior_year_form_offers_every_figure_the_document_compares(browser, data):
    page = unit_page(browser)
    fields = page_form(page, "/fields", block="上年")
    offered = [k.removeprefix("v:上年 → ") for k in fields if k.startswith("v:上年 → ")]
    assert offered[:4] == ["收入总计", "支出总计", "财政拨款收入总计", "财政拨款支出总计"]      # the file's first
    assert {"本年收入合计", "公务接待费", "机关运行经费"} <= set(offered)
    assert fields["v:上年 → 公务接待费"] == "1.00"
    save(browser, "上年", {"v:上年 → 本年收入合计": "未知", "v:上年 → 公务接待费": "1.0"})
    prior = read_yaml(data / UNIT).data["上年"]
    assert (prior["本年收入合计"], prior["公务接待费"]) == ("未知", "1.0")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10 ** 13), st.integers(0, 6))
def test_an_amount_is_kept_exactly_as_typed(data, digits, places):
    typed = f"{Decimal(digits).scaleb(-places):f}"                     # 1.00 stays 1.00, 0.265185 stays exact
    save_block(data / UNIT, "上年", {"v:上年 → 收入总计": typed})
    raw = read_yaml(data / UNIT)
    assert raw.data["上年"]["收入总计"] == typed
    assert prior_figures(raw.data["上年"], raw.source).get("收入总计") == Decimal(typed)


def test_a_block_that_is_not_a_form_cannot_be_written(data):
    with pytest.raises(Exception, match="没有「公开表」这一部分"):
        save_block(data / UNIT, "公开表", {"v:公开表 → 编制单位": "x"})
    with pytest.raises(EditRefused):
        save_block(data / UNIT, "单位", {"v:单位 → 单位性质": "企业"})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)
                .map(str.strip).filter(bool), min_size=1, max_size=6))
def test_a_list_typed_one_item_per_line_is_the_list_in_the_file(data, items):
    save_block(data / UNIT, "单位", {"v:单位 → 部门职责": "\n".join(items)})
    assert read_yaml(data / UNIT).data["单位"]["部门职责"] == items
