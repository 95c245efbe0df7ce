"""A layout is a folder chosen by name: one explicit lookup list (the layout, the layouts it extends, the
default), "!name" reaching the next folder of the list, the stylesheet cascading, 配置 merged key by key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from juesuan.build import compute
from juesuan.check import load_config
from juesuan.cli import main
from juesuan.errors import DataError
from juesuan.inputs import Options
from juesuan.layout import LayoutError, bundled, find_layout
from juesuan.render.document import render_document
from tests.support.units import make_unit

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"
DEFAULT = ROOT / "templates" / "sichuan"


def make(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_default_is_sichuan_alone():
    layout = find_layout()
    assert layout.name == "四川省" and layout.folders == (DEFAULT,)
    assert "sichuan" in bundled()


def test_the_chain_is_the_layout_then_what_it_extends_then_the_default(tmp_path):
    province = make(tmp_path / "province", {"版式.yaml": "名称: 某省\n"})
    county = make(tmp_path / "county", {"版式.yaml": "名称: 某县\n继承: ../province\n"})
    assert find_layout(county).folders == (county, province, DEFAULT)
    assert find_layout(county).name == "某县"
    assert Options(template_dirs=[tmp_path], layout=county).template_path() == [tmp_path, county, province, DEFAULT]


def test_a_misspelt_layout_is_named_with_the_nearest():
    with pytest.raises(LayoutError, match="找不到版式「sichaun」。是否想写「sichuan」？"):
        find_layout("sichaun")


def test_a_circle_of_layouts_is_refused(tmp_path):
    make(tmp_path / "a", {"版式.yaml": "名称: 甲\n继承: ../b\n"})
    make(tmp_path / "b", {"版式.yaml": "名称: 乙\n继承: ../a\n"})
    with pytest.raises(LayoutError, match="绕成了一个圈：a → b → a"):
        find_layout(tmp_path / "a")


def test_a_bang_extends_the_next_folder_so_overrides_stack(tmp_path):
    """The county replaces one block of the province's overview, which replaced another of the default's."""
    province = make(tmp_path / "province", {
        "版式.yaml": "名称: 某省\n",
        "parts/overview.html.j2": '{% extends "!parts/overview.html.j2" %}'
                                  '{% block duties %}<h2>省的职责</h2>{% endblock %}',
    })
    county = make(tmp_path / "county", {
        "版式.yaml": "名称: 某县\n继承: ../province\n",
        "parts/overview.html.j2": '{% extends "!parts/overview.html.j2" %}'
                                  '{% block key_work %}<h2>县的重点工作</h2>{% endblock %}',
    })
    _, report = compute(SAMPLE)
    html = render_document(report, find_layout(county).folders).html
    assert "省的职责" in html and "县的重点工作" in html and "机构设置" in html
    province_only = render_document(report, find_layout(province).folders).html
    assert "省的职责" in province_only and "县的重点工作" not in province_only


def test_a_layout_stylesheet_adds_to_the_default_one(tmp_path):
    county = make(tmp_path / "county", {"print.css": "h1 { color: #123456; }\n"})
    _, report = compute(SAMPLE)
    css = render_document(report, find_layout(county).folders).stylesheet
    default = (DEFAULT / "print.css").read_text(encoding="utf-8")
    assert css.startswith(default) and css.rstrip().endswith("h1 { color: #123456; }")


def test_config_merges_layout_then_county_key_by_key(tmp_path):
    province = make(tmp_path / "province", {"配置.yaml": "金额小数位: 1\n插入图表: false\n附加禁用词: [待定]\n"})
    county = make(tmp_path, {"县配置.yaml": "版式: province\n插入图表: true\n"}) / "县配置.yaml"
    config, settings = load_config(Options(config=county, layout=province))
    assert settings.charts is True                      # the county overrides its layout
    assert config.banned_words == ["待定"]               # what the county does not say, the layout says
    assert settings.amount_places == 1 and settings.reason_threshold == 0   # and the defaults stay


def test_a_mistake_in_a_layout_config_is_located_in_that_file(tmp_path):
    province = make(tmp_path / "province", {"配置.yaml": "插入图表: 也许\n"})
    with pytest.raises(DataError) as caught:
        load_config(Options(layout=province))
    assert f"{province / '配置.yaml'}:1:" in caught.value.format()


def test_the_county_config_chooses_the_layout(tmp_path):
    province = make(tmp_path / "province", {"版式.yaml": "名称: 某省\n"})
    county = make(tmp_path / "county", {"县配置.yaml": "版式: ../province\n"}) / "县配置.yaml"
    assert Options(config=county).chosen_layout().folders == (province, DEFAULT)   # relative to the config
    assert Options(config=county, layout="sichuan").chosen_layout().folders == (DEFAULT,)   # --layout wins


def test_a_layout_catalog_comes_before_the_bundled_one(tmp_path):
    province = make(tmp_path / "province", {"科目目录/名词解释.yaml": "{}\n"})
    path = Options(catalog_dirs=[tmp_path / "mine"], layout=province).catalog_path()
    assert path[:2] == [tmp_path / "mine", province / "科目目录"] and path[-1].name == "catalog"


def test_build_with_a_layout_folder_reaches_the_document(tmp_path):
    county = make(tmp_path / "county", {"parts/overview.html.j2": '{% extends "!parts/overview.html.j2" %}'
                                                                  '{% block duties %}<h2>本县写法</h2>{% endblock %}'})
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "--layout", str(county), "--format", "html",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    html = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    assert "本县写法" in html and "部门职责" not in html


def test_an_unknown_layout_on_the_command_line_is_a_message(tmp_path):
    result = CliRunner().invoke(main, ["check", str(SAMPLE), "--layout", "henna"])
    assert result.exit_code == 2 and "找不到版式「henna」" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("override, said", [
    ('{% extends "!parts/overview.html.j2" %}\n\n{% block key_wrok %}x{% endblock %}',
     "parts/overview.html.j2:3：所继承的模板「!parts/overview.html.j2」中没有名为「key_wrok」的块，这一段不会印出。"
     "是否想写「key_work」？"),
    ('{% extends "!parts/overview.html.j2" %}{% block zzz %}x{% endblock %}', "可用的块有：duties、"),
])
def test_a_misspelt_block_is_refused_with_its_file_and_line(tmp_path, override, said):
    from juesuan.errors import TemplateError
    county = make(tmp_path / "county", {"parts/overview.html.j2": override})
    _, report = compute(SAMPLE)
    with pytest.raises(TemplateError) as caught:
        render_document(report, find_layout(county).folders)
    assert said in str(caught.value) and str(county) in str(caught.value)


def test_blocks_of_grandparents_and_new_nested_blocks_are_allowed(tmp_path):
    province = make(tmp_path / "province", {
        "parts/overview.html.j2": '{% extends "!parts/overview.html.j2" %}'
                                  '{% block duties %}<h2>省</h2>{% block province_extra %}{% endblock %}{% endblock %}'})
    county = make(tmp_path / "county", {
        "版式.yaml": "名称: 县\n继承: ../province\n",
        "parts/overview.html.j2": '{% extends "!parts/overview.html.j2" %}'
                                  '{% block province_extra %}<p>县补充</p>{% endblock %}'
                                  '{% block organization %}<h2>县机构</h2>{% endblock %}'})
    _, report = compute(SAMPLE)
    html = render_document(report, find_layout(county).folders).html
    assert "省</h2><p>县补充</p>" in html and "县机构</h2>" in html


def test_the_data_file_chooses_its_layout_and_the_command_line_overrides_it(tmp_path):
    make(tmp_path / "county", {"parts/overview.html.j2": '{% extends "!parts/overview.html.j2" %}'
                                                         '{% block duties %}<h2>本县写法</h2>{% endblock %}'})
    unit = make_unit(tmp_path / "unit", ("", "版式: ../county\n"))
    for extra, expected in (([], True), (["--layout", "sichuan"], False)):
        out = tmp_path / f"out{len(extra)}"
        result = CliRunner().invoke(main, ["build", str(unit), "--format", "html", "-o", str(out),
                                           *extra])
        assert result.exit_code == 0, result.output
        html = next(out.glob("*.html")).read_text(encoding="utf-8")
        assert ("本县写法" in html) is expected


@pytest.mark.parametrize("expression, said", [
    ("{{ r.totls }}", "Report 没有「totls」这一项。是否想写「totals」？"),
    ("{{ unit.nmae }}", "没有「nmae」这一项。是否想写「name」？"),
    ("{{ totals }}", "没有名为「totals」的数据或变量"),
])
def test_a_misspelt_fact_is_named_in_chinese_with_the_nearest(tmp_path, expression, said):
    from juesuan.errors import TemplateError
    county = make(tmp_path / "county", {"parts/glossary.html.j2": "<section>\n" + expression + "\n</section>"})
    _, report = compute(SAMPLE)
    with pytest.raises(TemplateError) as caught:
        render_document(report, find_layout(county).folders)
    assert said in str(caught.value) and f"{county / 'parts' / 'glossary.html.j2'}:2" in str(caught.value)


def test_an_unknown_layout_in_the_data_is_located_at_its_line(tmp_path):
    unit = make_unit(tmp_path / "unit", ("", "版式: henna\n"))
    result = CliRunner().invoke(main, ["check", str(unit)])
    line = SAMPLE.read_text(encoding="utf-8").count("\n") + 1
    assert result.exit_code == 2 and f"2024.yaml:{line}:" in result.output and "找不到版式「henna」" in result.output


def test_a_layout_named_root_is_not_walked(tmp_path):
    """Attack: `版式: /` (or `--layout /`) must not make the build walk the whole file system."""
    import time

    start = time.monotonic()
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "--layout", "/", "--format", "html",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert time.monotonic() - start < 20


def test_a_chain_of_too_many_layouts_is_refused(tmp_path):
    for i in range(20):
        make(tmp_path / f"l{i}", {"版式.yaml": f"名称: 第{i}层\n继承: ../l{i + 1}\n"})
    make(tmp_path / "l20", {"版式.yaml": "名称: 底\n"})
    with pytest.raises(LayoutError, match="超过 12 层"):
        find_layout(tmp_path / "l0")
