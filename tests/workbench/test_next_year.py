"""The officer's next year from the workbench: the new year's file started from this one (as `juesuan new`), then
this year's workbook dropped in — of whichever format the 决算 software exported this time."""

from __future__ import annotations

import re
from html import unescape

import pytest
from starlette.testclient import TestClient

from juesuan.load.yaml_reader import read_yaml
from juesuan.workbench.app import create_app

from .page_forms import page_form

UNIT = "mianzhu-yibao/2024.yaml"


@pytest.fixture
def browser(data, tmp_path):
    return TestClient(create_app(data, tmp_path / "output"), base_url="http://127.0.0.1")


def test_next_year_starts_from_this_one_and_takes_a_workbook_of_the_other_format(browser, data):
    page = browser.get("/unit", params={"f": UNIT}).text
    fields = page_form(page, "/next")
    answer = browser.post("/next", data=fields, follow_redirects=True)
    assert str(answer.url).endswith("/unit?f=mianzhu-yibao/2025.yaml")
    shown = unescape(answer.text)
    assert "已由 2024.yaml 生成 2025.yaml" in shown
    new = read_yaml(data / "mianzhu-yibao" / "2025.yaml").data
    assert new["年度"] == "2025" and new["决算报表"] == "2025.xlsx" and "上年" not in new
    assert new["变动原因"]["公务接待费"] == "待确认：2024年公务接待有所减少。"        # a suggestion to confirm
    assert "JS-NAR-017" in shown and "开始 2025 年度" not in unescape(browser.get("/unit", params={"f": UNIT}).text)

    workbook = (data / "guanghan-yibao" / "2021.xls").read_bytes()          # this year exported as .xls
    fields = page_form(answer.text, "/workbook")
    dropped = browser.post("/workbook", data=fields, files={"workbook": ("决算.xls", workbook)}, follow_redirects=True)
    assert "已导入「决算.xls」" in unescape(dropped.text)
    folder = data / "mianzhu-yibao"
    assert read_yaml(folder / "2025.yaml").data["决算报表"] == "2025.xls"
    assert (folder / "2025.xls").read_bytes() == workbook and not (folder / "2025.xlsx").exists()
    assert (folder / "2024.xlsx").exists()                                    # last year's untouched


def test_a_year_already_started_is_never_overwritten(browser, data):
    page = browser.get("/unit", params={"f": UNIT}).text
    fields = page_form(page, "/next")
    (data / "mianzhu-yibao" / "2025.yaml").write_text("年度: 2025\n", encoding="utf-8")
    answer = unescape(browser.post("/next", data=fields, follow_redirects=True).text)
    assert "2025.yaml 已存在，未作改动" in answer
    assert (data / "mianzhu-yibao" / "2025.yaml").read_text(encoding="utf-8") == "年度: 2025\n"
    assert not re.search(r"开始 2025 年度", answer)
