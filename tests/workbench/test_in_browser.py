"""The workbench in a real browser (Playwright driving Debian's chromium), as an officer uses it: find her
unit, see the error `check` reports, write the missing reason, see it in the preview, build, download the PDF
and find her sentence in it."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from juesuan.workbench.app import create_app
from juesuan.workbench.reasons import save_reason

playwright = pytest.importorskip("playwright.sync_api", reason="scripts/setup.sh installs Playwright")
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="scripts/setup.sh installs Debian's chromium")


@pytest.fixture
def workbench(data, tmp_path):
    """The workbench on a free port of this machine, serving a copy of data/."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(data, tmp_path / "output"), host="127.0.0.1", port=port,
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
    assert page.locator("li.error", has_text="JS-NAR-001").count() == 1

    item = page.locator("ol.reasons li", has_text="公务接待费减少0.61万元")
    assert "必须写" in item.inner_text()
    item.locator("textarea").fill("接待批次减少")
    item.locator("button", has_text="保存").click()
    assert page.locator("[role=status]", has_text="已保存「公务接待费」的原因").is_visible()
    assert page.locator("li.error", has_text="JS-NAR-001").count() == 0

    with page.expect_popup() as opened:
        page.click("text=预览文档")
    preview = opened.value
    preview.wait_for_load_state()
    assert "主要原因是接待批次减少" in preview.inner_text("body").replace("\n", "")
    assert preview.locator("img").first.evaluate("img => img.naturalWidth") > 0        # the charts arrive

    page.click("text=生成 DOCX 和 PDF")
    assert page.locator("[role=status]", has_text="已生成 DOCX 和 PDF").is_visible()
    with page.expect_download() as got:
        page.click("a.download[href$='.pdf']")
    pdf = got.value.path()
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(Path(pdf).read_bytes())).pages).replace("\n", "")
    assert "接待批次减少" in text


def test_a_workbook_dropped_on_the_page_is_imported(page, workbench, data):
    content = (data / "mianzhu-yibao" / "2024.xlsx").read_bytes()
    page.goto(workbench + "/unit?f=mianzhu-yibao/2024.yaml")
    dropped = page.evaluate_handle(
        "bytes => { const t = new DataTransfer(); t.items.add(new File([new Uint8Array(bytes)], '2024.xlsx')); return t; }",
        list(content))
    with page.expect_navigation():
        page.dispatch_event("form[data-drop]", "drop", {"dataTransfer": dropped})
    assert page.locator("[role=status]", has_text="已导入「2024.xlsx」：数字与原工作簿相同").is_visible()
