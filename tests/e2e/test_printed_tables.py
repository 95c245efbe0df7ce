"""Every 附表 as printed in the DOCX and the PDF adds up, row by row and column by column, and each cell is
the table's own figure: the independent sum check the issue is judged by, on both samples."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from docx import Document

from juesuan.facts.numbers import round_half_up
from juesuan.check.config import load_config
from juesuan.inputs import load
from juesuan.tables.forms import SICHUAN
from tests.support.sums import check

from tests.e2e.conftest import DATA

SAMPLES = ["mianzhu-yibao/2024.yaml", "guanghan-yibao/2021.yaml", "beiguan-yibao/2021.yaml"]


def _title(text: str) -> str | None:
    text = re.sub(r"\s+", "", text)
    return next((t for t in SICHUAN if text.endswith(t) and len(text) - len(t) <= 4), None)


def docx_tables(path: Path) -> dict[str, list[list[str]]]:
    doc = Document(str(path))
    found, title, in_tables = {}, None, False
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
        if tag == "p":
            flat = re.sub(r"\s+", "", text)
            if re.match(r"第[一二三四五六七八九十]+部分", flat):    # the part of the 附表: Sichuan's 附表, Henan's 部门决算表
                in_tables = flat.endswith(("附表", "部门决算表"))
            title = (_title(text) or title) if in_tables else None
        elif tag == "tbl" and title:
            table = next(t for t in doc.tables if t._tbl is child)
            found[title] = [[cell.text for cell in row.cells] for row in table.rows]
            title = None
    return found


def pdf_tables(path: Path) -> dict[str, list[list[str]]]:
    found, title = {}, None
    with pdfplumber.open(BytesIO(path.read_bytes())) as pdf:
        for page in pdf.pages:
            lines = (page.extract_text() or "").splitlines()
            named = [t for line in lines if (t := _title(line))]
            if any("绩效自评表" in line for line in lines):     # Henan: the self-evaluation tables follow the 附表
                title = None
                continue
            if "附表" not in "".join(lines) and not named and title is None:
                continue
            title = named[-1] if named else title
            for grid in page.extract_tables():
                if title in found and not named:          # a table continued on the next page
                    found[title] += [row for row in grid if any(re.fullmatch(r"[\d.]+", (c or "")) for c in row)]
                elif title:
                    found[title] = grid
    return found


@pytest.fixture(scope="module", params=SAMPLES)
def printed(request, built):
    result = built(request.param)
    return request.param, {"docx": docx_tables(result.files[".docx"]), "pdf": pdf_tables(result.files[".pdf"])}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_printed_table_adds_up(printed, fmt):
    sample, tables = printed
    loaded = load(DATA / sample)
    printed_tables = load_config(loaded.options)[1].tables          # the layout's 附表, in its order
    expected = [t for t in printed_tables if t in loaded.tables.tables or t in ("一般公共预算财政拨款项目支出决算表",)]
    assert set(expected) <= set(tables[fmt]), sorted(set(expected) - set(tables[fmt]))
    failures = [f for title, grid in tables[fmt].items() for f in check(title, grid)]
    assert failures == []


def test_the_checker_catches_a_figure_that_does_not_add(printed):
    _, tables = printed
    grid = [list(row) for row in tables["docx"]["支出决算表"]]
    row = next(r for r in grid if r[0] == "210")
    row[3] = str(round_half_up(__import__("decimal").Decimal(row[3]) + 1, 2))
    assert any("210" in f for f in check("支出决算表", grid))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_each_printed_cell_is_its_tables_figure(printed, fmt):
    sample, tables = printed
    loaded = load(DATA / sample)
    data, strip = loaded.tables, load_config(loaded.options)[1].strip_amount_zeros      # Henan prints 8.3, not 8.30
    for title, grid in tables[fmt].items():
        if title not in data.tables:
            continue
        printed_rows = {tuple(re.sub(r"\s+", "", c or "") for c in row) for row in grid}
        flat = {c for row in printed_rows for c in row}
        for form_panel in data.tables[title].form.panels:
            panel = data.tables[title].panel(form_panel.name)
            by_name = form_panel.rows == "fixed"        # the 总表s print 类 by name, without a code
            for row in panel.rows:
                figures = [_shown(row.values[c], strip) for c in panel.columns if c in row.values]
                assert all(f in flat for f in figures), (title, row.key)
                label = row.name if (row.code and by_name) else row.key if row.code else row.key.split("·")[-1]
                assert any(label in cell for cell in flat), (title, label)
                if row.code and not by_name:   # the code's own row carries exactly its figures, in order
                    match = [r for r in printed_rows if row.key in r]
                    assert any(_ordered(row.key, figures, r) for r in match), (title, row.key, figures, match)


def _shown(value, strip: bool = False) -> str:
    rounded = round_half_up(value, 2)
    text = "0" if rounded == 0 else f"{rounded:f}"
    return text.rstrip("0").rstrip(".") if strip and "." in text else text


def _ordered(code: str, figures: list[str], row: tuple[str, ...]) -> bool:
    """After the code and its name come exactly the row's figures."""
    start = list(row).index(code)
    return list(row[start + 2: start + 2 + len(figures)]) == figures


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_basic_expense_totals_share_the_last_line(printed, fmt):
    """As on the form: 人员经费合计 and 公用经费合计 side by side at the foot, however long each side is."""
    _, tables = printed
    grid = [[re.sub(r"\s+", "", c or "") for c in row] for row in tables[fmt]["一般公共预算财政拨款基本支出决算表"]]
    last = grid[-1]
    assert "人员经费合计" in last and "公用经费合计" in last
    assert last.index("人员经费合计") < last.index("公用经费合计")
    assert not any("经费合计" in c for row in grid[:-1] for c in row)
