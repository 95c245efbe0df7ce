"""The workbench in a real browser (Playwright driving Debian's chromium), as an officer uses it: find her
unit, see the error `check` reports, write the missing reason, see it in the preview, build, download the PDF
and find her sentence in it."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from juesuan.load.yaml_reader import read_yaml
from juesuan.workbench.app import create_app
from juesuan.workbench.reasons import save_reason

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "mianzhu-yibao"
playwright = pytest.importorskip("playwright.sync_api", reason="scripts/setup.sh installs Playwright")
CHROMIUM = shutil.which("chromium")
expect = playwright.expect                 # waits (up to the page's timeout) for what it asserts
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="scripts/setup.sh installs Debian's chromium")


@contextmanager
def serving(root: Path, out_dir: Path):
    """The workbench over `root` on a free port of this machine, for as long as the block runs."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(root, out_dir), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture
def workbench(data, tmp_path):
    """The workbench serving a copy of data/."""
    with serving(data, tmp_path / "output") as address:
        yield address


@pytest.fixture
def page(workbench):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(accept_downloads=True)
        yield context.new_page()
        browser.close()


def test_an_officer_fixes_a_missing_reason_and_downloads_her_pdf(page, workbench, data, tmp_path):
    save_reason(data / "mianzhu-yibao" / "2024.yaml", "变动原因", "公务接待费", "")    # the reason she must write
    page.goto(workbench + "/")
    page.fill("input[name=q]", "mianzhu")
    page.click("text=查找")
    page.click("a:has-text('mianzhu-yibao')")
    expect(page.locator("li.error", has_text="JS-NAR-001")).to_have_count(1)

    item = page.locator("div.reason", has_text="公务接待费减少0.61万元")
    assert "必须写" in item.inner_text()
    item.locator("textarea").fill("接待批次减少")
    item.locator("button", has_text="保存").click()
    expect(page.locator("[role=status]", has_text="已保存「公务接待费」的原因")).to_be_visible()
    expect(page.locator("li.error", has_text="JS-NAR-001")).to_have_count(0)

    with page.expect_popup() as opened:
        page.click("text=预览文档")
    preview = opened.value
    preview.wait_for_load_state()
    assert "主要原因是接待批次减少" in preview.inner_text("body").replace("\n", "")
    assert preview.locator("img").first.evaluate("img => img.naturalWidth") > 0        # the charts arrive

    page.click("text=生成 DOCX 和 PDF")
    expect(page.locator("[role=status]", has_text="已生成 DOCX 和 PDF")).to_be_visible()
    with page.expect_download() as got:
        page.click("a.download[href$='.pdf']")
    pdf = got.value.path()
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(Path(pdf).read_bytes())).pages).replace("\n", "")
    assert "接待批次减少" in text


def test_the_preview_is_laid_out_as_the_writers_lay_it_out(page, workbench):
    """The writers' HTML sizes charts and table columns with style attributes: nothing of it may be refused."""
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(workbench + "/preview?f=mianzhu-yibao/2024.yaml")
    page.wait_for_load_state("networkidle")
    assert not [m for m in refused if "Content Security Policy" in m or "404" in m]
    chart = page.locator("img").first.evaluate("img => img.getBoundingClientRect().width")
    assert abs(chart - 150 / 25.4 * 96) < 2                           # style="width:150mm"


def test_a_workbook_dropped_on_the_page_is_imported(page, workbench, data):
    content = (data / "mianzhu-yibao" / "2024.xlsx").read_bytes()
    page.goto(workbench + "/unit?f=mianzhu-yibao/2024.yaml")
    dropped = page.evaluate_handle(
        "bytes => { const t = new DataTransfer(); t.items.add(new File([new Uint8Array(bytes)], '2024.xlsx')); return t; }",
        list(content))
    with page.expect_navigation():
        page.dispatch_event("form[data-drop]", "drop", {"dataTransfer": dropped})
    expect(page.locator("[role=status]", has_text="已导入「2024.xlsx」：数字与原工作簿相同")).to_be_visible()


def test_a_new_user_brings_a_workbook_and_completes_the_unit_without_touching_a_file(page, tmp_path):
    """From an empty data folder: 新建单位 with the workbook, follow each error's link to its field, fill it,
    watch the open preview follow, until there is no error; then the PDF. The words are the published 绵竹's."""
    sample = read_yaml(SAMPLE / "2024.yaml").data
    (tmp_path / "empty").mkdir()
    with serving(tmp_path / "empty", tmp_path / "output") as workbench:
        page.set_default_timeout(15000)
        page.goto(workbench + "/")
        page.set_input_files("form.new input[type=file]", str(SAMPLE / "2024.xlsx"))
        page.fill("form.new input[name=year]", "2024")
        page.click("form.new button")
        assert page.locator("h1").inner_text() == "绵竹市医疗保障局/2024.yaml"

        page.click("ol.findings a.field:has-text('单位 → 单位性质')")      # the link opens its block
        nature = page.locator("select[name='v:单位 → 单位性质']")
        expect(nature).to_be_visible()
        nature.select_option("行政单位")
        page.fill("textarea[name='v:单位 → 部门职责']", "\n".join(sample["单位"]["部门职责"]))
        page.click("button:has-text('保存「单位」')")
        expect(page.locator("[role=status]", has_text="已保存「单位」")).to_be_visible()

        with page.expect_popup() as opened:
            page.click("text=预览文档")
        preview = opened.value
        preview.wait_for_load_state()
        assert "比上年" not in preview.inner_text("body")                 # no 上年 yet: nothing compared

        page.click("ol.findings li:has-text('JS-YOY-004') a.field")
        offered = page.locator("input[name^='v:上年 → ']")
        for name in [n.removeprefix("v:上年 → ") for n in offered.evaluate_all("all => all.map(i => i.name)")]:
            if name in sample["上年"]:                     # what the published document gives; the rest unknown
                page.fill(f"input[name='v:上年 → {name}']", str(sample["上年"][name]))
        page.fill("input[name='v:上年 → 公务接待费']", "一元")            # a slip: the browser will not send it
        page.click("button:has-text('保存「上年」')")
        expect(page.locator("input[name='v:上年 → 公务接待费']:invalid")).to_have_count(1)
        assert not page.locator("[role=status]", has_text="已保存「上年」").count()
        page.fill("input[name='v:上年 → 公务接待费']", str(sample["上年"]["公务接待费"]))
        page.click("button:has-text('保存「上年」')")
        expect(page.locator("[role=status]", has_text="已保存「上年」")).to_be_visible()
        preview.wait_for_function("() => document.body.innerText.includes('减少47.12万元')", timeout=15000)

        page.click("ol.findings li:has-text('JS-TAB-008') a.field >> nth=0")
        declared = page.locator("form:has(input[name=block][value='未提供的公开表'])")
        expect(declared).to_be_visible()
        for row in declared.locator("tbody tr").all():
            table = row.locator("input").nth(0).input_value()
            if table:
                row.locator("input").nth(1).fill(sample["未提供的公开表"][table])
        page.click("button:has-text('保存「未提供的公开表」')")

        for _ in range(20):                               # each save reloads the page: take the first still missing
            item = page.locator("div.reason.missing").first
            if not item.count():
                break
            key = item.locator("input[name=key]").get_attribute("value")
            item.locator("textarea").fill(sample["变动原因"][key])
            item.locator("button", has_text="保存").click()
            expect(page.locator("[role=status]", has_text=f"已保存「{key}」的原因")).to_be_visible()
        expect(page.locator("ol.findings li.error")).to_have_count(0)

        page.click("text=生成 DOCX 和 PDF")
        expect(page.locator("[role=status]", has_text="已生成 DOCX 和 PDF")).to_be_visible()
        with page.expect_download() as got:
            page.click("a.download[href$='.pdf']")
        text = "".join(p.extract_text() for p in PdfReader(BytesIO(Path(got.value.path()).read_bytes())).pages)
        assert "主要变动原因是特定项目类支出2024年比上年减少2个项目" in "".join(text.split())
