"""A whole folder built at once: every unit-year, in parallel, the unchanged skipped, one failure never the end."""

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import juesuan.batch as batch
from juesuan.batch import build_many, find_units
from juesuan.build import Options
from juesuan.cli import main
from juesuan.manifest import CACHE, MANIFEST

ROOT = Path(__file__).resolve().parents[2]
UNITS = {"beiguan-yibao": ("2021", "安阳市北关区医疗保障局"), "guanghan-yibao": ("2021", "广汉市医疗保障局"),
         "mianzhu-yibao": ("2024", "绵竹市医疗保障局")}


@pytest.fixture(autouse=True)
def no_libreoffice(monkeypatch):
    monkeypatch.setenv("JUESUAN_NO_LO_TOC", "1")


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of data/: the three samples and the catalog (which holds 2024.yaml files that are no units)."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


def run(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", *map(str, args), "--format", "html"])
    return result.exit_code, result.output


def html(out: Path, unit: str) -> str:
    year, name = UNITS[unit]
    return (out / f"{year}年度{name}部门决算.html").read_text(encoding="utf-8")


def has_title(out: Path, unit: str) -> bool:
    """The unit's document carries its own name and year in its title (the layouts order them differently)."""
    year, name = UNITS[unit]
    title = re.search(r"<title>(.*?)</title>", html(out, unit)).group(1)
    return name in title and f"{year}年度" in title


def test_find_units_takes_year_files_and_leaves_out_the_catalog(data):
    (data / "mianzhu-yibao" / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    assert [p.relative_to(data).as_posix() for p in find_units([data])] == [
        "beiguan-yibao/2021.yaml", "guanghan-yibao/2021.yaml", "mianzhu-yibao/2024.yaml"]
    assert (data / "catalog" / "功能分类" / "2024.yaml").is_file()       # there, and rightly passed over


def test_a_folder_builds_every_unit_then_skips_them_until_forced(data, tmp_path):
    out = tmp_path / "out"
    code, said = run(data, "-o", out, "-j", "1")
    assert code == 0, said
    assert all(has_title(out, unit) for unit in UNITS)
    assert "已生成 3，跳过（未改变） 0，失败 0" in said
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}

    code, said = run(data, "-o", out, "-j", "1")
    assert code == 0 and "已生成 0，跳过（未改变） 3，失败 0" in said and "已生成 out" not in said
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")} == before

    started = time.perf_counter()
    results = build_many([data], out, ["html"], Options(lo_toc=True), jobs=1)
    assert [r.status for r in results] == ["skipped"] * 3
    assert (time.perf_counter() - started) / 3 <= 0.05

    code, said = run(data, "-o", out, "-j", "1", "--force")
    assert code == 0 and "已生成 3，跳过（未改变） 0，失败 0" in said


def test_an_output_edited_or_removed_is_built_again(data, tmp_path):
    out = tmp_path / "out"
    assert run(data / "mianzhu-yibao", data / "guanghan-yibao", "-o", out, "-j", "1")[0] == 0
    (out / "2024年度绵竹市医疗保障局部门决算.html").write_text("changed by hand", encoding="utf-8")
    (out / "2021年度广汉市医疗保障局部门决算.html").unlink()
    code, said = run(data / "mianzhu-yibao", data / "guanghan-yibao", "-o", out, "-j", "1")
    assert code == 0 and "已生成 2，" in said
    assert has_title(out, "mianzhu-yibao")


def test_a_changed_template_rebuilds_the_units_that_use_it(data, tmp_path):
    county = tmp_path / "county"
    (county / "parts").mkdir(parents=True)
    (county / "版式.yaml").write_text("名称: 某县\n继承: sichuan\n", encoding="utf-8")
    override = county / "parts" / "overview.html.j2"
    override.write_text('{% extends "!parts/overview.html.j2" %}{% block duties %}<h2>县写法一</h2>{% endblock %}',
                        encoding="utf-8")
    mianzhu = data / "mianzhu-yibao" / "2024.yaml"
    mianzhu.write_text(mianzhu.read_text(encoding="utf-8").replace("年度: 2024\n", "年度: 2024\n版式: ../../county\n"),
                       encoding="utf-8")
    out = tmp_path / "out"
    assert run(data, "-o", out, "-j", "1")[0] == 0
    assert "县写法一" in html(out, "mianzhu-yibao") and "县写法一" not in html(out, "guanghan-yibao")

    override.write_text(override.read_text(encoding="utf-8").replace("县写法一", "县写法二"), encoding="utf-8")
    code, said = run(data, "-o", out, "-j", "1")
    assert code == 0 and "已生成 1，跳过（未改变） 2，失败 0" in said
    assert "县写法二" in html(out, "mianzhu-yibao")


def test_broken_data_is_reported_with_its_line_while_the_others_build(data, tmp_path):
    broken = data / "guanghan-yibao" / "2021.yaml"
    text = broken.read_text(encoding="utf-8")
    assert text.splitlines()[31] == "年度: 2021"                     # line 32, checked by hand
    broken.write_text(text.replace("年度: 2021\n", "年度: 两千\n"), encoding="utf-8")
    out = tmp_path / "out"
    code, said = run(data, "-o", out, "-j", "1")
    assert code == 1
    assert f"{broken}:32:" in said and "失败" in said and "已生成 2，跳过（未改变） 0，失败 1" in said
    assert has_title(out, "mianzhu-yibao")
    assert not list(out.glob("2021年度广汉*"))


def test_a_crash_inside_the_library_is_that_units_alone(data, tmp_path, monkeypatch):
    real = batch.build

    def build(path, *args, **kwargs):
        if "beiguan" in str(path):
            raise RuntimeError("出错的内部状态")
        return real(path, *args, **kwargs)
    monkeypatch.setattr(batch, "build", build)
    out = tmp_path / "out"
    code, said = run(data, "-o", out, "-j", "1")
    assert code == 1 and "Traceback" not in said
    assert "内部错误（RuntimeError：出错的内部状态）" in said and "已生成 2，跳过（未改变） 0，失败 1" in said
    assert has_title(out, "mianzhu-yibao") and has_title(out, "guanghan-yibao")


def test_workers_build_in_parallel_and_a_dead_worker_costs_only_its_unit(data, tmp_path, monkeypatch):
    real = batch.build

    def build(path, *args, **kwargs):
        if "guanghan" in str(path):
            os._exit(3)                         # the worker dies as if killed for memory
        return real(path, *args, **kwargs)
    monkeypatch.setattr(batch, "build", build)  # the workers are forked from this process, so they see it
    out = tmp_path / "out"
    results = build_many([data], out, ["html"], Options(), jobs=2)
    assert [(r.path.parent.name, r.status) for r in results] == [
        ("beiguan-yibao", "built"), ("guanghan-yibao", "failed"), ("mianzhu-yibao", "built")]
    assert "进程意外退出" in results[1].message
    assert has_title(out, "beiguan-yibao") and has_title(out, "mianzhu-yibao")
    assert sorted(p.name for p in out.iterdir() if p.name not in (MANIFEST, CACHE)) == [
        "2021年度安阳市北关区医疗保障局部门决算.html", "2024年度绵竹市医疗保障局部门决算.html"]


def test_a_missing_path_is_an_error_and_a_quoted_pattern_is_expanded(data, tmp_path):
    code, said = run(tmp_path / "nowhere", "-o", tmp_path / "out")
    assert code == 2 and "路径不存在" in said
    code, said = run(str(data / "*" / "2024.yaml"), "-o", tmp_path / "out", "-j", "1")
    assert code == 0 and "2024年度绵竹市医疗保障局部门决算" in said and "2021年度" not in said


def test_two_units_naming_the_same_file_in_parallel_leave_one_file_and_one_error(data, tmp_path):
    twin = data / "twin" / "2024.yaml"
    twin.parent.mkdir()
    shutil.copy(data / "mianzhu-yibao" / "2024.yaml", twin)
    shutil.copy(data / "mianzhu-yibao" / "2024.xlsx", twin.with_suffix(".xlsx"))
    out = tmp_path / "out"
    results = build_many([data / "mianzhu-yibao", data / "twin"], out, ["html"], Options(), jobs=2)
    assert sorted(r.status for r in results) == ["built", "failed"]
    failed = next(r for r in results if r.status == "failed")
    assert "生成的文件同名（2024年度绵竹市医疗保障局部门决算.html）" in failed.message
    assert sorted(p.name for p in out.iterdir()) == [CACHE, MANIFEST, "2024年度绵竹市医疗保障局部门决算.html"]
