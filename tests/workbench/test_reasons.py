"""Writing reasons in the workbench: each place the document states a difference, whether a reason is required,
saving it into the data file with its comments kept, and `check` seeing the change."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from juesuan.check import check_file
from juesuan.load.yaml_reader import read_yaml
from juesuan.workbench.app import create_app
from juesuan.workbench.reasons import save_reason

UNIT = "mianzhu-yibao/2024.yaml"


@pytest.fixture
def browser(data, tmp_path):
    return TestClient(create_app(data, tmp_path / "output"), base_url="http://127.0.0.1")


def slots(html: str) -> list[dict]:
    """Each reason on the page: its classes, the sentence, the key and what is written."""
    found = []
    for classes, form in re.findall(r'<div id="[^"]*" class="reason ([^"]*)">(.*?)</form>', html, re.S):
        found.append({"classes": classes.split(), "said": re.search(r'<span class="said">(.*?)</span>', form).group(1),
                      "key": re.search(r'name="key" value="([^"]*)"', form).group(1),
                      "text": re.search(r"<textarea[^>]*>(.*?)</textarea>", form, re.S).group(1),
                      "csrf": re.search(r'name="csrf" value="([^"]*)"', form).group(1)})
    return found


def test_every_stated_difference_has_its_reason_field_with_what_the_document_says(browser):
    page = browser.get("/unit", params={"f": UNIT}).text
    found = {s["key"]: s for s in slots(page)}
    # 绵竹: 公务接待费 1.00 → 0.39, as the sample's tables give it; the reason is the sample's own text
    assert "公务接待费减少0.61万元（上年 1.00，本年 0.39）" in found["公务接待费"]["said"]
    assert found["公务接待费"]["text"] == "2024年公务接待有所减少。" and "needed" in found["公务接待费"]["classes"]
    assert "因公出国（境）费" not in found                    # 0 → 0: the document says 持平 and gives no reason
    # the sentence as it prints, figures filled in, the reason marked where it goes, its field right under it
    sentence = re.search(r'<p class="sentence">([^<]*公务接待费[^<]*减少0\.61万元[^<]*)'
                         r'<mark class="slot">([^<]*)</mark>([^<]*)</p>'
                         r'\s*<div id="([^"]+)" class="reason', page)
    assert sentence and sentence.group(2) == "2024年公务接待有所减少" and sentence.group(3).startswith("。")
    assert "差额不为零的都必须写" in page


def test_a_saved_reason_reaches_the_file_with_its_comments_and_check_sees_it(browser, data):
    path = data / UNIT
    before = path.read_text(encoding="utf-8")
    token = slots(browser.get("/unit", params={"f": UNIT}).text)[0]["csrf"]
    saved = browser.post("/reason", data={"csrf": token, "f": UNIT, "block": "变动原因", "key": "公务接待费",
                                          "text": "  接待批次减少。 "}, follow_redirects=True)
    assert "已保存「公务接待费」的原因" in saved.text
    after = path.read_text(encoding="utf-8")
    assert read_yaml(path).data["变动原因"]["公务接待费"] == "接待批次减少。"
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == \
        [line for line in before.splitlines() if line.lstrip().startswith("#")]            # every comment kept
    assert {s["key"]: s["text"] for s in slots(saved.text)}["公务接待费"] == "接待批次减少。"


def test_an_emptied_required_reason_is_an_error_that_writing_it_fixes(browser, data):
    path = data / UNIT
    save_reason(path, "变动原因", "公务接待费", "")
    assert "公务接待费" not in read_yaml(path).data["变动原因"]
    page = browser.get("/unit", params={"f": UNIT}).text
    assert "JS-NAR-001" in page and "missing" in {s["key"]: s for s in slots(page)}["公务接待费"]["classes"]
    link = re.search(r'<a class="field" href="#([^"]+)">变动原因 → 公务接待费</a>', page).group(1)
    # the finding leads to the field
    assert re.search(rf'<div id="{link}"[^>]*>.*?<span class="said">公务接待费减少', page, re.S)
    save_reason(path, "变动原因", "公务接待费", "接待批次减少。")
    assert not [f for f in check_file(path) if f.rule_id == "JS-NAR-001"]


def test_a_reason_copied_from_last_year_is_offered_and_accepted_in_one_click(browser, data):
    path = data / UNIT                             # as `juesuan new` leaves last year's reasons: 待确认：…
    save_reason(path, "变动原因", "公务接待费", "待确认：上年写的接待原因。")
    page = browser.get("/unit", params={"f": UNIT}).text
    assert [f.rule_id for f in check_file(path) if f.rule_id == "JS-NAR-017"] == ["JS-NAR-017"]
    assert "上年写的：上年写的接待原因。" in page and "missing" in {s["key"]: s for s in slots(page)}["公务接待费"]["classes"]
    browser.post("/reason", data={"csrf": slots(page)[0]["csrf"], "f": UNIT, "block": "变动原因", "key": "公务接待费",
                                  "text": "待确认：上年写的接待原因。", "use": "上年写的接待原因。"})
    assert read_yaml(path).data["变动原因"]["公务接待费"] == "上年写的接待原因。"
    assert not [f for f in check_file(path) if f.rule_id == "JS-NAR-017"]      # nothing left unconfirmed


@pytest.mark.parametrize("block, key, text, said", [
    ("单位", "名称", "x", "没有「单位 → 名称」这一处原因"),
    ("变动原因", "公务接待费", "长" * 501, "原因太长"),
])
def test_only_reasons_of_sensible_length_can_be_saved(browser, block, key, text, said):
    token = slots(browser.get("/unit", params={"f": UNIT}).text)[0]["csrf"]
    answer = browser.post("/reason", data={"csrf": token, "f": UNIT, "block": block, "key": key, "text": text},
                          follow_redirects=True)
    assert said in answer.text
