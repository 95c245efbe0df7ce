"""排版.yaml: read down the layout chain key by key, validated in one place with located Chinese messages,
and written as the CSS rules that precede the layouts' print.css."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.errors import DataError
from juesuan.layout import find_layout
from juesuan.load.yaml_reader import RawDocument, SourceMap, read_yaml
from juesuan.render.typography import FILE, default_typography, load_typography, merged, stylesheet

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FILE = ROOT / "templates" / "sichuan" / FILE


def layout(folder: Path, typography: str | None = None, extends: str = "sichuan") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "版式.yaml").write_text(f"名称: {folder.name}\n继承: {extends}\n", encoding="utf-8")
    if typography is not None:
        (folder / FILE).write_text(typography, encoding="utf-8")
    return folder


def test_the_default_holds_the_gbt9704_values_print_css_and_the_docx_had():
    t = default_typography()
    assert (t.page.width, t.page.height) == (210, 297)
    m = t.page.margins
    assert (m.top, m.bottom, m.left, m.right) == (37, 35, 28, 26)
    assert (t.body.font, t.body.size, t.body.line, t.body.indent) == ("仿宋_GB2312", 16, 28, 2)
    h1 = t.heading(1)
    assert (h1.font, h1.size, h1.line, h1.bold, h1.align, h1.after, h1.new_page) == ("黑体", 16, 28, True, "居中", 28, True)
    assert [t.heading(n).font for n in range(2, 6)] == ["黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"]
    assert not any(t.heading(n).new_page for n in range(2, 6))
    assert (t.tables.size, t.tables.wide_size) == (10.5, 9)
    assert t.page_number_parts() == ("— ", " —")


def test_a_layout_overrides_only_the_keys_it_writes_and_a_county_overrides_its_province(tmp_path):
    province = layout(tmp_path / "province", "正文:\n  字号: 15\n标题:\n  一级: {字体: 宋体}\n")
    county = layout(tmp_path / "county", "标题:\n  一级: {字号: 18}\n页面:\n  页边距: {左: 30}\n", "../province")
    t = load_typography(find_layout(county).folders)
    assert t.body.size == 15 and t.body.font == "仿宋_GB2312"          # the province's, and the default's
    h1 = t.heading(1)
    assert (h1.font, h1.size, h1.bold, h1.new_page) == ("宋体", 18, True, True)   # both layers, and the default's
    assert h1.line == pytest.approx(28 * 18 / 15)                    # unset: the body's leading per point
    assert (t.page.margins.left, t.page.margins.right) == (30, 26)
    assert t.heading(2).size == 15                                   # a heading without a size has the body's


def test_a_layout_without_the_file_has_the_default_typography(tmp_path):
    assert load_typography(find_layout(layout(tmp_path / "plain")).folders) == default_typography()


@pytest.mark.parametrize(("text", "where", "said"), [
    ("正文:\n  字好: 15\n", ":2:3", "无法识别的项目「字好」，是否想写：「字号」"),
    ("正文:\n  字号: 三号\n", ":2:3", "应填写数字（如 16 或 10.5，不带单位），实际为「三号」"),
    ("正文:\n  字号: 100\n", ":2:3", "应在 5 到 72 磅之间，实际为「100」"),
    ("标题:\n  一级: {对齐: 中间}\n", ":2:8", "应为以下之一"),
    ("标题:\n  二级: {段前分页: 也许}\n", ":2:8", "应填写 是 或 否"),
    ("页面:\n  页边距: {左: 100, 右: 80}\n", ":1:1", "页边距过大：版心只剩 30×"),
    ("表格:\n  表题: {字体: 'x\"; } body { color: red'}\n", ":2:8", "字体名应为"),
    ("页码:\n  格式: 第 页\n", ":2:3", "恰有一处 {页码}"),
    ("- 正文\n", ":1:1", "文件内容应为「项目: 数值」形式的表单"),
])  # fmt: skip
def test_a_mistake_is_said_in_chinese_at_the_file_line_and_column_that_wrote_it(tmp_path, text, where, said):
    county = layout(tmp_path / "county", text)
    with pytest.raises(DataError) as caught:
        load_typography(find_layout(county).folders)
    message = caught.value.format()
    assert f"{county / FILE}{where}" in message and said in message


def test_a_mistake_in_a_province_is_located_there_even_when_a_county_extends_it(tmp_path):
    province = layout(tmp_path / "province", "正文:\n  行距: 很宽\n")
    county = layout(tmp_path / "county", "正文:\n  字号: 15\n", "../province")
    with pytest.raises(DataError) as caught:
        load_typography(find_layout(county).folders)
    assert f"{province / FILE}:2:3" in caught.value.format()


def test_the_rules_carry_the_values_and_come_before_the_layouts_stylesheets():
    css = stylesheet(default_typography())
    assert "@page { size: 210mm 297mm; margin: 37mm 26mm 35mm 28mm;" in css
    assert 'content: "— " counter(page) " —"' in css
    assert re.search(r"html \{ font-family: [^;]*\"仿宋_GB2312\", \"FangSong_GB2312\"[^;]*\"FandolFang\", "
                     r"\"Noto Serif CJK SC\", serif; font-size: 16pt; line-height: 28pt; text-indent: 2em", css)
    assert re.search(r"h1 \{[^}]*\"SimHei\"[^}]*\"FandolHei\"[^}]*font-weight: bold[^}]*break-before: page", css)
    assert "table.wide { font-size: 9pt; line-height: 12pt; }" in css
    printed = (ROOT / "templates" / "sichuan" / "print.css").read_text(encoding="utf-8")
    for generated in ("size: A4", "font-size", "line-height", "font-family", "margin-top: 50mm", "section.part"):
        assert generated not in printed, generated                  # print.css no longer mirrors the 排版


def test_a_quote_in_the_page_number_stays_inside_the_css_string(tmp_path):
    county = layout(tmp_path / "county", '页码:\n  格式: \'第"{页码}"页\\\'\n')
    css = stylesheet(load_typography(find_layout(county).folders))
    assert 'content: "第\\"" counter(page) "\\"页\\\\";' in css


# ---------------------------------------------------------------- properties of the merge

KEYS = {   # a path of 排版.yaml → values a layout may write there, as YAML text
    ("正文", "字号"): st.sampled_from(["12", "14", "15", "16", "10.5"]),
    ("正文", "字体"): st.sampled_from(["宋体", "仿宋", "Noto Serif CJK SC"]),
    ("正文", "首行缩进"): st.sampled_from(["0", "1", "2"]),
    ("页面", "页边距", "左"): st.integers(0, 40).map(str),
    ("页面", "页边距", "上"): st.integers(10, 40).map(str),
    ("标题", "一级", "段前分页"): st.sampled_from(["true", "false"]),
    ("标题", "三级", "加粗"): st.sampled_from(["true", "false"]),
    ("标题", "二级", "字号"): st.sampled_from(["16", "18", "22"]),
    ("表格", "字号"): st.sampled_from(["9", "10.5", "12"]),
    ("页码", "格式"): st.sampled_from(["- {页码} -", "{页码}", "第{页码}页"]),
}
ATTRIBUTES = {"正文": "body", "页面": "page", "页边距": "margins", "左": "left", "上": "top", "字号": "size",
              "字体": "font", "首行缩进": "indent", "标题": "headings", "一级": "h1", "二级": "h2", "三级": "h3",
              "段前分页": "new_page", "加粗": "bold", "表格": "tables", "页码": "page_number", "格式": "format"}
layers = st.dictionaries(st.sampled_from(sorted(KEYS)), st.none(), max_size=len(KEYS)).flatmap(
    lambda chosen: st.fixed_dictionaries({path: KEYS[path] for path in chosen}))


def nested(values: dict[tuple, str]) -> dict:
    tree: dict = {}
    for path, value in values.items():
        node = tree
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    return tree


def value_at(typography, path: tuple):
    for key in path:
        typography = getattr(typography, ATTRIBUTES[key])
    return typography


def parsed(text: str):
    return {"true": True, "false": False}.get(text, float(text) if re.fullmatch(r"[\d.]+", text) else text)


DEFAULT_DOCUMENT = read_yaml(DEFAULT_FILE)


@settings(max_examples=60, deadline=None)
@given(province=layers, county=layers)
def test_each_key_comes_from_the_most_specific_layer_that_writes_it(province, county):
    documents = [DEFAULT_DOCUMENT] + [RawDocument(nested(layer), SourceMap(Path(name)))
                                      for name, layer in (("省/排版.yaml", province), ("县/排版.yaml", county))]
    t = merged(documents)
    default = default_typography()
    for path in KEYS:
        expected = parsed(county[path]) if path in county else parsed(province[path]) if path in province \
            else value_at(default, path)
        assert value_at(t, path) == expected, path


@settings(max_examples=60, deadline=None)
@given(layer=layers)
def test_the_rules_of_any_valid_typography_carry_its_sizes_and_stay_well_formed(layer):
    t = merged([DEFAULT_DOCUMENT, RawDocument(nested(layer), SourceMap(Path("县/排版.yaml")))])
    css = stylesheet(t)
    assert css.count("{") == css.count("}")
    size = f"{t.body.size:g}pt"
    assert f"font-size: {size}; line-height: {t.body.line:g}pt; text-indent: {t.body.indent:g}em" in css
    assert f"table {{ font-size: {t.tables.size:g}pt;" in css
    assert f"margin: {t.page.margins.top:g}mm" in css
