"""The unit's own words as form fields: each text of the data file by its place, saved with the file's comments."""

from __future__ import annotations

import re
from html import unescape

import pytest
from starlette.testclient import TestClient

from juesuan.load.yaml_reader import read_yaml
from juesuan.workbench.app import create_app
from juesuan.workbench.narrative import save_texts, text_fields

UNIT = "mianzhu-yibao/2024.yaml"
DUTY = "单位 → 部门职责 → 第1项"


@pytest.fixture
def browser(data, tmp_path):
    return TestClient(create_app(data, tmp_path / "output"), base_url="http://127.0.0.1")


def block_form(page: str, name: str) -> dict:
    """The posted fields of the form of block `name`, as the browser would send them unchanged."""
    form = re.search(rf"<summary>{name}（.*?</summary>\s*<form.*?</form>", page, re.S).group(0)
    places = [unescape(p) for p in re.findall(r'name="place" value="([^"]*)"', form)]
    texts = [unescape(a or b) for a, b in re.findall(
        r'<textarea name="text"[^>]*>(.*?)</textarea>|<input type="text" name="text" value="([^"]*)"', form, re.S)]
    return {"csrf": re.search(r'name="csrf" value="([^"]+)"', form).group(1), "place": places, "text": texts}


def test_every_text_of_the_unit_is_a_field_named_as_check_names_places(data):
    places = {f.place: f.text for f in text_fields(data / UNIT)}
    assert places["单位 → 名称"] == "绵竹市医疗保障局"
    assert places[DUTY].startswith("组织拟订全市医疗保险")
    assert not [p for p in places if p.startswith(("变动原因", "公开表", "上年", "年度"))]


def test_saving_a_block_changes_only_the_edited_text_and_keeps_the_comments(browser, data):
    path = data / UNIT
    before = path.read_text(encoding="utf-8")
    fields = block_form(browser.get("/unit", params={"f": UNIT}).text, "单位")
    fields["text"][fields["place"].index(DUTY)] = "组织拟订全市医疗保障制度。"
    answer = browser.post("/texts", data={"f": UNIT, **fields}, follow_redirects=True)
    assert "已保存（改动 1 处）" in answer.text
    after = path.read_text(encoding="utf-8")
    assert read_yaml(path).data["单位"]["部门职责"][0] == "组织拟订全市医疗保障制度。"
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == \
        [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert len(set(before.splitlines()) ^ set(after.splitlines())) == 2          # one line out, one line in
    preview = browser.get("/preview", params={"f": UNIT}).text
    assert "组织拟订全市医疗保障制度" in preview


@pytest.mark.parametrize("place", ["单位 → 不存在", "三公经费 → 因公出国（境） → 团组数", "年度", "变动原因 → 公务接待费",
                                   "单位 → 部门职责 → 第99项"])
def test_only_existing_narrative_texts_can_be_written(data, place):
    with pytest.raises(Exception, match="无法保存"):
        save_texts(data / UNIT, {place: "x"})
