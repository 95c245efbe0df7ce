"""A unit's page: its findings, the document preview, building it and downloading the files."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from juesuan.workbench.app import create_app
from juesuan.workbench.reasons import save_reason

UNIT = "mianzhu-yibao/2024.yaml"


@pytest.fixture
def browser(data, tmp_path):
    return TestClient(create_app(data, tmp_path / "output"), base_url="http://127.0.0.1")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_the_units_page_links_each_unit_to_its_page(browser):
    link = re.search(r'href="(/unit\?f=mianzhu-yibao/2024.yaml)"', browser.get("/").text).group(1)
    page = browser.get(link)
    assert page.status_code == 200 and "核对结果" in page.text
    # 绵竹 has four warnings; the first names the field to fix
    assert text(page.text).count("警告 JS-") == 4 and "三公经费 → 公务用车 → 年末保有量 → 其中" in page.text


def test_the_preview_is_the_document_with_its_charts_and_stylesheet(browser):
    page = browser.get("/preview", params={"f": UNIT})
    assert "四川省绵竹市医疗保障局" in page.text and "<h1" in page.text
    sources = [s.replace("&amp;", "&") for s in re.findall(r'<img[^>]* src="([^"]+)"', page.text)]
    assert len(sources) == 7 and all(browser.get(s).headers["content-type"] == "image/svg+xml" for s in sources)
    style = re.search(r'<link rel="stylesheet" href="([^"]+)"', page.text).group(1)
    css = browser.get(style).text
    assert "@page" in css and "asset:" not in css
    fonts = re.findall(r'url\("([^"]+)"\)', css)
    assert fonts and all(browser.get(f).status_code == 200 for f in fonts)


def test_building_from_the_page_gives_files_to_download_with_the_documents_words(browser):
    page = browser.get("/unit", params={"f": UNIT})
    built = browser.post("/build", data={"csrf": csrf(page.text), "f": UNIT}, follow_redirects=True)
    assert "已生成 DOCX 和 PDF" in built.text
    links = re.findall(r'href="(/download/[^"]+)"', built.text)
    assert sorted(link.rsplit(".", 1)[1] for link in links) == ["docx", "pdf"]
    pdf = browser.get(next(link for link in links if link.endswith(".pdf")))
    assert pdf.headers["content-type"] == "application/pdf"
    assert "部门决算" in PdfReader(BytesIO(pdf.content)).pages[0].extract_text()
    assert "已生成，是最新的" in browser.get("/").text


def test_a_unit_whose_data_does_not_read_links_each_problem_to_its_field(browser, data):
    path = data / UNIT
    path.write_text(path.read_text(encoding="utf-8").replace("单位性质: 行政单位", "单位性质: 企业"), encoding="utf-8")
    page = browser.get("/unit", params={"f": UNIT}).text
    link = re.search(r'<a class="field" href="#([^"]+)">单位 → 单位性质</a>', page)
    assert link and re.search(rf'<select name="v:单位 → 单位性质" id="{link.group(1)}">', page)


def test_a_unit_with_errors_is_not_built_and_says_why(browser, data):
    path = data / UNIT
    path.write_text(path.read_text(encoding="utf-8").replace("年度: 2024", "年度: 两千"), encoding="utf-8")
    page = browser.get("/unit", params={"f": UNIT})
    assert "数据文件有 1 处问题，改正后才能核对其余各项" in page.text
    assert re.search(r"2024\.yaml:27:1</span><p>应填写整数，实际为「两千」", page.text)
    built = browser.post("/build", data={"csrf": csrf(page.text), "f": UNIT}, follow_redirects=True)
    assert "未生成" in built.text and not re.findall(r'href="(/download/[^"]+)"', built.text)


@pytest.mark.parametrize("url", ["/unit?f=../../etc/passwd", "/unit?f=catalog/功能分类/2024.yaml", "/unit?f=",
                                 "/preview?f=/etc/hostname", "/download/..%2F..%2Fetc%2Fpasswd",
                                 "/download/.juesuan-manifest.json", "/preview/asset?f=mianzhu-yibao/2024.yaml&name=../x"])
def test_nothing_outside_the_units_and_their_files_is_served(browser, url):
    assert browser.get(url).status_code == 404


def test_building_needs_the_form_token(browser):
    assert browser.post("/build", data={"csrf": "forged", "f": UNIT}).status_code == 403


def test_the_open_preview_learns_that_the_data_changed(browser, data):
    page = browser.get("/preview", params={"f": UNIT}).text
    shown = re.search(r'<meta name="juesuan-version" content="([^"]+)">', page).group(1)
    assert '<script src="/preview.js" defer></script>' in page
    assert browser.get("/preview/version", params={"f": UNIT}).json() == {"version": shown}
    save_reason(data / UNIT, "变动原因", "公务接待费", "接待批次减少。")
    assert browser.get("/preview/version", params={"f": UNIT}).json()["version"] != shown
    assert browser.get("/preview/version", params={"f": "../x.yaml"}).status_code == 404


def test_a_long_answer_is_kept_on_the_server_not_in_the_4_kb_session_cookie(browser, data):
    path = data / UNIT
    for key in ("收入支出总计", "财政拨款收入支出总计", "一般公共预算财政拨款支出", "政府性基金预算财政拨款支出",
                "公务用车购置及运行费", "公务接待费", "机关运行经费"):
        save_reason(path, "变动原因", key, "")                    # seven required reasons missing: a long refusal
    page = browser.get("/unit", params={"f": UNIT})
    answer = browser.post("/build", data={"csrf": csrf(page.text), "f": UNIT}, follow_redirects=False)
    assert len(answer.headers["set-cookie"]) < 4096
    shown = browser.get(answer.headers["location"]).text
    assert "核对发现 7 处错误" in shown and shown.count("JS-NAR-001") >= 7
    assert "核对发现" not in browser.get("/unit", params={"f": UNIT}).text   # said once
