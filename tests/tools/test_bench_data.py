"""tools/bench_data.py makes the benchmark's large unit: it must stay valid data (no 错误, every table adding up,
real catalog codes), or the benchmark would time a document no unit could produce. Scaled small to run fast."""

from __future__ import annotations

import pytest

from tests.support import tools

bench_data = tools.load_tool("bench_data")

PROJECTS, ANNEXES = 20, 3


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    from juesuan.build import Options, compute
    from juesuan.check import check_file
    from juesuan.check.text import html_to_text
    from juesuan.render.document import render_document

    path = bench_data.write_large_unit(tmp_path_factory.mktemp("bench"), projects=PROJECTS, annexes=ANNEXES)
    loaded, report = compute(path, Options())
    document = render_document(report, loaded.options.template_path())
    findings = check_file(loaded.path, loaded.options, rendered_text=html_to_text(document.html), loaded=loaded)
    return path, loaded, document, findings


def test_the_large_unit_has_no_errors(unit):
    _, _, _, findings = unit
    assert [f.format() for f in findings if f.severity == "错误"] == []


def test_its_tables_add_up(unit):
    """Rows, 类/款 over their 项, totals, the two summary tables, 一数一值, 类 across tables, balances."""
    _, _, _, findings = unit
    sums = {f"JS-TAB-00{n}" for n in range(1, 8)} | {"JS-TAB-012", "JS-TAB-013"}
    assert [f.format() for f in findings if f.rule_id in sums] == []


def test_it_lists_the_requested_items_with_their_catalog_names(unit):
    from juesuan.facts.catalog import load_catalog

    path, loaded, _, _ = unit
    used = bench_data.item_codes(path)
    catalog = load_catalog("功能分类", loaded.data.year)
    assert len(used) == PROJECTS
    for code, name in used.items():
        entry = catalog.get(code)
        assert entry is not None and entry.level == "项", code
        assert entry.name == name, (code, name, entry.name)


def test_the_requested_annexes_are_in_the_document(unit):
    _, loaded, document, _ = unit
    titles = [annex.title for annex in loaded.data.annexes]
    assert len(titles) == ANNEXES == len(set(titles))
    assert all(title in document.html for title in titles)
    assert f"（第{bench_data.chinese_number(ANNEXES + 1)}份）" not in document.html


def test_the_data_says_it_is_synthetic(unit):
    path, *_ = unit
    assert "合成数据，仅供计时" in path.read_text(encoding="utf-8").split("\n", 1)[0]
