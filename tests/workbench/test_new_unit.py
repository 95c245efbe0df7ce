"""A new user with nothing but a workbook: 新建单位, then each form the findings point to, until `check` finds no
error — without touching a file (the browser test goes on to the PDF). The words typed are the published 绵竹 document's
(data/mianzhu-yibao/2024.yaml), so the document they give can be compared with the sample's."""

from __future__ import annotations

import re
import shutil
from html import unescape

import pytest
from starlette.testclient import TestClient

from juesuan.load.yaml_reader import read_yaml
from juesuan.workbench.app import create_app

from .conftest import ROOT
from .page_forms import page_form

SAMPLE = ROOT / "data" / "mianzhu-yibao"
UNIT = "绵竹市医疗保障局/2024.yaml"            # the folder is named after the workbook's 编制单位


@pytest.fixture
def browser(tmp_path):
    (tmp_path / "data").mkdir()
    return TestClient(create_app(tmp_path / "data", tmp_path / "output"), base_url="http://127.0.0.1")


def errors(page: str) -> list[str]:
    """The rule (or the field, for a data file that does not read) of every 错误 the page lists."""
    found = re.findall(r'<li class="error">\s*<span class="severity">错误</span>\s*(?:<code>([^<]+)</code>\s*)?'
                       r'(?:<a class="field" href="#[^"]+">|<span class="field">)([^<]*)<', page)
    return [unescape(rule or field) for rule, field in found]


def new_unit(browser, workbook: bytes, name="2024.xlsx", **form) -> str:
    csrf = page_form(browser.get("/").text, "/new")["csrf"]
    return browser.post("/new", data={"csrf": csrf, "folder": "", "year": "", **form},
                        files={"workbook": (name, workbook)}, follow_redirects=True).text


def fill(browser, page: str, block: str, values: dict[str, str]) -> str:
    fields = page_form(page, "/fields", block=block)
    fields.update({f"v:{k}": v for k, v in values.items()})
    return browser.post("/fields", data=fields, follow_redirects=True).text


def test_from_a_workbook_alone_to_a_unit_with_no_errors_and_its_pdf(browser, tmp_path):
    sample = read_yaml(SAMPLE / "2024.yaml").data
    page = new_unit(browser, (SAMPLE / "2024.xlsx").read_bytes(), year="2024")
    assert errors(page) == ["单位 → 单位性质", "单位 → 部门职责"]          # the first thing a new unit lacks

    page = fill(browser, page, "单位", {"单位 → 单位性质": "行政单位", "单位 → 地区": "四川省",
                                       "单位 → 部门职责": "\n".join(sample["单位"]["部门职责"])})
    assert sorted(errors(page)) == ["JS-TAB-008", "JS-TAB-008", "JS-YOY-004"]
    assert 'href="#field-' in page.split("JS-TAB-008")[1][:400]              # the finding links to its form

    page = fill(browser, page, "上年", {f"上年 → {k}": str(v) for k, v in sample["上年"].items()})
    unavailable = page_form(page, "/fields", block="未提供的公开表")
    tables = [v for k, v in unavailable.items() if k.endswith(" → 表名")]
    assert sorted(tables) == sorted(sample["未提供的公开表"])
    page = fill(browser, page, "未提供的公开表", {f"未提供的公开表 → 第{i + 1}项 → 未提供的原因": sample["未提供的公开表"][t]
                                                for i, t in enumerate(tables)})
    assert set(errors(page)) == {"JS-NAR-001"}                              # now the reasons the changes need

    for form in re.findall(r'<form method="post" action="/reason">.*?</form>', page, re.S):
        key = unescape(re.search(r'name="key" value="([^"]*)"', form).group(1))
        block = unescape(re.search(r'name="block" value="([^"]*)"', form).group(1))
        text = sample[block].get(key) if block in sample else None
        if text:
            fields = page_form(form, "/reason")
            page = browser.post("/reason", data={**fields, "text": text}, follow_redirects=True).text
    assert errors(page) == []

    preview = re.sub(r"<[^>]+>", "", browser.get("/preview", params={"f": UNIT}).text)   # the PDF: the browser test
    assert "减少47.12万元，下降2.58%" in preview                               # 1778.52 against 上年 1825.64
    assert "主要变动原因是特定项目类支出2024年比上年减少2个项目" in preview
    assert not list((tmp_path / "data").rglob(".*.check"))                 # no probe left behind


def test_a_file_that_is_not_a_workbook_creates_nothing(browser, tmp_path):
    page = new_unit(browser, b"not a workbook", name="2024.xlsx", folder="x")
    assert "不是 Excel 工作簿" in unescape(page)
    assert not any((tmp_path / "data").iterdir())


@pytest.mark.parametrize("folder", ["../escape", ".hidden", "a/b", "a\\b", "catalog"])
def test_the_unit_folder_is_one_plain_name_inside_the_data_folder(browser, tmp_path, folder):
    page = new_unit(browser, (SAMPLE / "2024.xlsx").read_bytes(), folder=folder, year="2024")
    assert "不能用" in unescape(page)
    assert not any((tmp_path / "data").iterdir()) and not (tmp_path / "escape").exists()


def test_an_existing_unit_year_is_never_replaced(browser, tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "data" / "mianzhu")
    before = (tmp_path / "data" / "mianzhu" / "2024.yaml").read_bytes()
    page = new_unit(browser, (SAMPLE / "2024.xlsx").read_bytes(), folder="mianzhu", year="2024")
    assert "已经有了，未作改动" in unescape(page)
    assert (tmp_path / "data" / "mianzhu" / "2024.yaml").read_bytes() == before
