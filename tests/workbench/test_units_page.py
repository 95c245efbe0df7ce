"""The units page: every unit-year of the data folder with what it still needs, as an officer reads it."""

from __future__ import annotations

import re
import time
from pathlib import Path

from starlette.testclient import TestClient

from juesuan.batch import build_many
from juesuan.build import Options
from juesuan.workbench.app import create_app


def rows(html: str) -> dict[str, list[str]]:
    """The units table as printed: unit → its cells."""
    found = {}
    for row in re.findall(r"<tr data-state=[^>]*>(.*?)</tr>", html, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        found[cells[0]] = cells
    return found


def client(data: Path, out: Path, **kwargs) -> TestClient:
    return TestClient(create_app(data, out, **kwargs), base_url="http://127.0.0.1")


def test_every_unit_is_listed_with_its_findings_and_build_state(data, tmp_path):
    out = tmp_path / "output"
    build_many([data / "beiguan-yibao"], out, ["docx", "pdf"], Options(lo_toc=False), jobs=1)
    page = client(data, out).get("/")
    assert page.status_code == 200
    table = rows(page.text)
    assert sorted(table) == ["beiguan-yibao", "guanghan-yibao", "mianzhu-yibao"]
    # 北关: one warning (last year's figures unknown, JS-YOY-008), no error; built just now (the tests switch
    # the LibreOffice 目录 pass off, so Options(lo_toc=False) builds as the workbench would)
    assert table["beiguan-yibao"][1:6] == ["2021", "有警告", "0", "1", "已生成，是最新的"]
    assert "JS-YOY-008" in table["beiguan-yibao"][6]
    assert table["mianzhu-yibao"][5] == "未生成"


def test_a_unit_built_as_the_workbench_builds_is_up_to_date_until_its_data_changes(data, tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_NO_LO_TOC", "1")
    out = tmp_path / "output"
    build_many([data / "beiguan-yibao"], out, ["docx", "pdf"], Options(), jobs=1)
    assert rows(client(data, out).get("/").text)["beiguan-yibao"][5] == "已生成，是最新的"
    yaml = data / "beiguan-yibao" / "2021.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "\n# 改了一处\n", encoding="utf-8")
    assert rows(client(data, out).get("/").text)["beiguan-yibao"][5] == "生成后有改动"


def test_a_unit_without_its_workbook_says_so_and_errors_are_counted(data, tmp_path):
    (data / "guanghan-yibao" / "2021.xls").unlink()
    broken = data / "mianzhu-yibao" / "2024.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("年度: 2024", "年度: 两千"), encoding="utf-8")
    table = rows(client(data, tmp_path / "out").get("/").text)
    assert table["guanghan-yibao"][2] == "无工作簿"
    assert table["mianzhu-yibao"][2] == "有错误" and int(table["mianzhu-yibao"][3]) >= 1
    assert "2024.yaml:" in table["mianzhu-yibao"][6] and "年度" in table["mianzhu-yibao"][6]


def test_the_search_box_keeps_the_units_whose_name_or_year_match(data, tmp_path):
    page = client(data, tmp_path / "out").get("/", params={"q": "MIANZHU"})
    assert list(rows(page.text)) == ["mianzhu-yibao"] and 'value="MIANZHU"' in page.text
    assert "没有名称或年度含「不存在」的单位" in client(data, tmp_path / "out").get("/", params={"q": "不存在"}).text


def test_rebuilding_the_changed_units_shows_progress_and_then_skips_them(data, tmp_path):
    browser = client(data, tmp_path / "output")
    page = browser.get("/")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)

    def finished() -> dict:
        deadline = time.monotonic() + 300
        while (status := browser.get("/rebuild/status").json())["running"] and time.monotonic() < deadline:
            time.sleep(0.2)
        return status

    assert browser.post("/rebuild", data={"csrf": token}, follow_redirects=False).status_code == 303
    assert finished() == {"running": False, "done": 3, "total": 3, "built": 3, "skipped": 0, "failed": []}
    page = browser.get("/").text
    assert "已完成：生成 3，跳过（未改变） 0，失败 0" in page
    assert {cells[5] for cells in rows(page).values()} == {"已生成，是最新的"}
    browser.post("/rebuild", data={"csrf": token})
    assert finished()["skipped"] == 3
    assert browser.post("/rebuild", data={"csrf": "forged"}).status_code == 403
