"""Bringing a workbook from the browser: checked before it replaces the old one, and every changed figure shown."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from starlette.testclient import TestClient

from juesuan.workbench import app as workbench
from juesuan.workbench.app import create_app

UNIT = "mianzhu-yibao/2024.yaml"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def browser(data, tmp_path):
    return TestClient(create_app(data, tmp_path / "output"), base_url="http://127.0.0.1")


def upload(browser, name: str, content: bytes):
    page = browser.get("/unit", params={"f": UNIT}).text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return browser.post("/workbook", data={"csrf": token, "f": UNIT}, files={"workbook": (name, content, XLSX)},
                        follow_redirects=True)


def edited(path, sheet: str, change) -> tuple[bytes, str, Decimal, Decimal]:
    """The workbook with the first amount of `sheet` (a figure with 分, not a column number) changed by `change`;
    (bytes, cell, old, new)."""
    book = openpyxl.load_workbook(path)
    cell = next(c for row in book[sheet].iter_rows() for c in row
                if isinstance(c.value, float) and c.value != int(c.value))
    old = Decimal(str(cell.value))
    cell.value = float(change(old))
    out = BytesIO()
    book.save(out)
    return out.getvalue(), cell.coordinate, old, change(old)


def test_the_same_workbook_again_changes_no_figure(browser, data):
    answer = upload(browser, "2024.xlsx", (data / "mianzhu-yibao" / "2024.xlsx").read_bytes())
    assert "已导入「2024.xlsx」：数字与原工作簿相同" in answer.text


def test_a_changed_figure_is_listed_with_its_table_row_and_both_values(browser, data):
    content, cell, old, new = edited(data / "mianzhu-yibao" / "2024.xlsx", "收入决算表", lambda v: v + Decimal("1.5"))
    answer = upload(browser, "2024.xlsx", content)
    assert "已导入「2024.xlsx」：" in answer.text and "处数字与原工作簿不同" in answer.text
    table = answer.text[answer.text.index('<table class="changes">'):]
    rows = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
            for r in re.findall(r"<tr>(.*?)</tr>", table[:table.index("</table>")], re.S)[1:]]
    assert len(rows) == 1 and "1 处数字与原工作簿不同" in answer.text
    assert ["收入决算表", Decimal(rows[0][3]), Decimal(rows[0][4])] == ["收入决算表", old, new], rows
    assert (data / "mianzhu-yibao" / "2024.xlsx").read_bytes() == content


@pytest.mark.parametrize("name, content, said", [
    ("2024.xlsx", "不是工作簿".encode(), "不是 Excel 工作簿"),
    ("2024.csv", b"PK\x03\x04", "不是 Excel 工作簿"),
    ("2024.xlsx", b"PK\x03\x04 broken zip", "2024.xlsx"),
])
def test_a_file_that_is_not_a_readable_workbook_leaves_the_old_one(browser, data, name, content, said):
    before = (data / "mianzhu-yibao" / "2024.xlsx").read_bytes()
    answer = upload(browser, name, content)
    assert "未导入，原工作簿未动" in answer.text and said in answer.text
    assert (data / "mianzhu-yibao" / "2024.xlsx").read_bytes() == before


def test_a_post_larger_than_any_workbook_is_refused_unread(browser, monkeypatch):
    monkeypatch.setattr(workbench, "MAX_BYTES", 1000)
    assert upload(browser, "2024.xlsx", b"PK\x03\x04" + b"0" * 200_000).status_code == 413
