"""The 附表 are laid out by a layout's templates, without Python: a county layout (a folder in tmp_path that
extends sichuan) reorders, renames, drops and adds columns, sets the 基本支出表's parts side by side its own
way, prints the 三公 table as one row of twelve figures, and reorders and drops whole tables (配置 附表).
Each form is judged by what a reader sees, in the DOCX (python-docx) and in the HTML, and by its figures
still adding up where the form says they do."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from lxml import html as lxml_html

from juesuan.build import Options, build
from juesuan.errors import TemplateError
from juesuan.exchange import import_workbook
from juesuan.facts.numbers import round_half_up
from juesuan.inputs import load
from juesuan.write.workbook_writer import workbook_bytes
from tests.e2e.conftest import DATA

THREE = "财政拨款“三公”经费支出决算表"
GENERAL = "一般公共预算财政拨款支出决算表"
BASIC = "一般公共预算财政拨款基本支出决算表"
ORDER = [THREE, "支出决算表", GENERAL, BASIC, "收入支出决算总表"]
ITEMS = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"]

LAYOUT = {
    "版式.yaml": "名称: 某县\n继承: sichuan\n",
    # whole tables: these five, in this order (the others are dropped)
    "配置.yaml": "附表:\n" + "".join(f"  - {t}\n" for t in ORDER),
    # reorder and rename: the parts first, their total last as 支出合计; 科目名称 printed as 项目
    "tables/支出决算表.html.j2":
        '{% import "macros.html.j2" as m %}\n'
        '{% set p = t.panel().pick("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出", "本年支出合计")'
        '.renamed({"本年支出合计": "支出合计", "科目名称": "项目"}) %}\n'
        "{{ m.data_table(t, [p]) }}\n",
    # drop 全年预算数, add 年初预算数 where the table has it
    f"tables/{GENERAL}.html.j2":
        '{% import "macros.html.j2" as m %}\n'
        '{{ m.data_table(t, [t.panel().pick("年初预算数", "本年支出合计", "基本支出", "项目支出")]) }}\n',
    # two panels side by side: 公用经费 on the left, 人员经费 on the right, 决算数 printed as 金额
    f"tables/{BASIC}.html.j2":
        '{% import "macros.html.j2" as m %}\n'
        '{% set p = t.panel().renamed({"决算数": "金额"}) %}\n'
        '{{ m.data_table(t, [p.part("公用经费"), p.part("人员经费")]) }}\n',
    # one row of twelve: 年初预算 / 全年预算 / 决算 × 合计 / 因公出国（境）费 / 公务用车购置及运行费 / 公务接待费
    f"tables/{THREE}.html.j2":
        '{% import "macros.html.j2" as m %}\n'
        "{% set p = t.panel().pick(\n"
        + "".join(f'    "{g}·{i}",\n' for g in ("年初预算数", "预算数", "决算数") for i in ITEMS)
        + ').renamed({"年初预算数": "年初预算", "预算数": "全年预算", "决算数": "决算"}) %}\n'
        "{{ m.data_table(t, [p]) }}\n",
}


def make_layout(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class Printed:
    """One built document's 附表: the titles in order, and each table as the DOCX and the HTML show it."""

    def __init__(self, result):
        files = {p.suffix: p for p in result.files}
        self.html = lxml_html.fromstring(files[".html"].read_text(encoding="utf-8"))
        self.titles = [_flat(h.text_content()) for h in self.html.xpath("//section[.//h1[contains(., '附表')]]//h2")]
        self.docx = _docx_tables(files[".docx"], ORDER)

    def html_rows(self, title: str) -> list[list[tuple[str, int, int]]]:
        """(text, colspan, rowspan) of each cell, row by row, header first."""
        heading = next(h for h in self.html.xpath("//section[.//h1[contains(., '附表')]]//h2")
                       if re.sub(r"^[一二三四五六七八九十]+、", "", _flat(h.text_content())) == title)
        table = heading.xpath("following-sibling::table[1]")[0]
        return [[(_flat(c.text_content()), int(c.get("colspan", 1)), int(c.get("rowspan", 1))) for c in tr]
                for tr in table.iter("tr")]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _docx_tables(path: Path, titles: list[str]) -> dict[str, list[list[str]]]:
    doc = Document(str(path))
    found, title, in_tables = {}, None, False
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = _flat("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
            if re.fullmatch(r"第.部分附表", text):   # the part itself, not its line in the 目录
                in_tables, found = True, {}
            named = re.sub(r"^[一二三四五六七八九十]+、", "", text)
            title = (named if named in titles else title) if in_tables else None
        elif tag == "tbl" and title:
            table = next(t for t in doc.tables if t._tbl is child)
            found[title], title = [[_flat(cell.text) for cell in row.cells] for row in table.rows], None
    return found


def with_initial_budgets(folder: Path) -> Path:
    """The 广汉 sample whose 三公 table and 一般公共预算财政拨款支出决算表 also carry 年初预算数 (the 三公 one
    twice its 全年预算数, so that every group has figures of its own and still adds up)."""
    folder.mkdir()
    for name in ("2021.yaml", "2021.xls"):
        shutil.copy(DATA / "guanghan-yibao" / name, folder / name)
    tables = load(folder / "2021.yaml").tables
    three = tables.tables[THREE].panel("")
    initial = [c.replace("预算数·", "年初预算数·") for c in three.columns if c.startswith("预算数·")]
    three.columns = initial + three.columns
    for row in three.rows:
        row.values.update({k: row.values[k.replace("年初", "")] * 2 for k in initial})
    general = tables.tables[GENERAL].panel("")
    general.columns = ["年初预算数", *general.columns]
    for row in general.rows:
        row.values["年初预算数"] = row.values["全年预算数"]
    (folder / "公开表.xlsx").write_bytes(workbook_bytes(list(tables), tables.unit_name))
    import_workbook(folder / "公开表.xlsx", folder / "2021.yaml")
    return folder / "2021.yaml"


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Three units built through the county layout: 广汉 (a 基本支出表 with its 经济分类 rows), 绵竹, and 广汉
    with 年初预算数 in its tables."""
    root = tmp_path_factory.mktemp("forms")
    layout = make_layout(root / "county", LAYOUT)
    samples = {"广汉": DATA / "guanghan-yibao/2021.yaml", "绵竹": DATA / "mianzhu-yibao/2024.yaml",
               "年初": with_initial_budgets(root / "initial")}
    return {name: Printed(build(path, root / name, ("docx", "html"), Options(layout=layout)))
            for name, path in samples.items()}


def _number(text: str) -> Decimal:
    return Decimal(text or "0")


def test_whole_tables_print_in_the_layouts_order_and_only_those(printed):
    for document in printed.values():
        assert document.titles == [f"{n}、{t}" for n, t in zip("一二三四五", ORDER)]
        assert list(document.docx) == ORDER


def test_columns_reordered_and_renamed(printed):
    grid = printed["广汉"].docx["支出决算表"]
    assert grid[0] == ["科目编码", "项目", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出", "支出合计"]
    html = printed["广汉"].html_rows("支出决算表")
    assert [text for text, *_ in html[0]] == grid[0]
    rows = {row[0]: row for row in grid[1:]}
    assert rows["2101101"][1] == "行政单位医疗"
    for row in grid[1:]:                 # the parts, now before it, still add to the total
        assert sum(map(_number, row[2:7])) == _number(row[7]), row


def test_a_column_dropped(printed):
    for name in ("广汉", "绵竹"):
        grid = printed[name].docx[GENERAL]
        assert "全年预算数" not in {c for row in grid for c in row}
        assert grid[0] == ["科目编码", "科目名称", "本年支出", "本年支出", "本年支出"]
        assert grid[1][2:] == ["小计", "基本支出", "项目支出"]
        for row in grid[2:]:
            assert _number(row[3]) + _number(row[4]) == _number(row[2]), row


def test_a_column_added_where_the_table_has_it(printed):
    grid = printed["年初"].docx[GENERAL]
    assert grid[0] == ["科目编码", "科目名称", "年初预算数", "本年支出", "本年支出", "本年支出"]
    assert printed["年初"].html_rows(GENERAL)[0][2] == ("年初预算数", 1, 2)
    total = grid[2:][0]
    source = load(DATA / "guanghan-yibao/2021.yaml").tables.tables[GENERAL].panel("").row("合计")
    assert total[:2] == ["合计", "合计"] and _number(total[2]) == round_half_up(source.values["全年预算数"], 2)
    classes = [row for row in grid[2:] if len(row[0]) == 3]
    assert sum(_number(row[2]) for row in classes) == _number(total[2])


def test_two_panels_side_by_side(printed):
    grid = printed["广汉"].docx[BASIC]
    assert grid[0] == ["公用经费"] * 3 + ["人员经费"] * 3
    assert grid[1] == ["科目编码", "科目名称", "金额"] * 2
    html = printed["广汉"].html_rows(BASIC)
    assert html[0] == [("公用经费", 3, 1), ("人员经费", 3, 1)]
    body = grid[2:]
    assert body[0][:3] == ["302", "商品和服务支出", "65.98"] and body[0][3:] == ["301", "工资福利支出", "444.90"]
    assert body[-1] == ["公用经费合计", "公用经费合计", "65.99", "人员经费合计", "人员经费合计", "444.99"]
    assert not any("经费合计" in c for row in body[:-1] for c in row)
    for side in (slice(0, 3), slice(3, 6)):       # on each side, a 类 is the sum of its 款
        rows = [row[side] for row in body[:-1] if row[side][0]]
        for head in (r for r in rows if len(r[0]) == 3):
            assert sum(_number(r[2]) for r in rows if len(r[0]) == 5 and r[0][:3] == head[0]) == _number(head[2])
    personnel = [row[3:] for row in body[:-1] if len(row[3]) == 3]
    assert sum(_number(r[2]) for r in personnel) == _number(body[-1][5])      # 301 + 303 = 人员经费合计


def test_the_three_public_table_as_one_row_of_twelve(printed):
    grid = printed["年初"].docx[THREE]
    groups = ["年初预算", "全年预算", "决算"]
    assert grid[0] == ["项目"] + [g for g in groups for _ in ITEMS]
    assert grid[1] == ["项目"] + ITEMS * 3
    assert len(grid) == 3 and grid[2][0] == "“三公”经费" and len(grid[2]) == 13
    html = printed["年初"].html_rows(THREE)
    assert html[0] == [("项目", 1, 2)] + [(g, 4, 1) for g in groups]
    figures = [_number(c) for c in grid[2][1:]]
    for g in range(3):                          # each group's 合计 = 因公出国（境）+ 公务用车 + 公务接待
        total, *parts = figures[4 * g: 4 * g + 4]
        assert sum(parts) == total
    source = load(DATA / "guanghan-yibao/2021.yaml").tables.tables[THREE].panel("").rows[0].values
    assert figures[8:] == [round_half_up(source[f"决算数·{i}"], 2) for i in ITEMS]
    assert figures[:4] == [2 * f for f in figures[4:8]] and figures[8] > 0


def test_a_misspelt_column_key_names_the_template_line_and_the_nearest_key(tmp_path):
    layout = make_layout(tmp_path / "county", {
        "版式.yaml": "名称: 某县\n",
        "tables/支出决算表.html.j2": '{% import "macros.html.j2" as m %}\n\n'
                                    '{{ m.data_table(t, [t.panel().pick("基本支持", "项目支出")]) }}\n',
    })
    with pytest.raises(TemplateError) as caught:
        build(DATA / "mianzhu-yibao/2024.yaml", tmp_path / "out", ("html",), Options(layout=layout))
    message = str(caught.value)
    assert "「支出决算表」没有「基本支持」这一栏。是否想写「基本支出」？" in message
    assert f"{layout / 'tables' / '支出决算表.html.j2'}:3" in message
