"""Attacks on where and how files are written: names from data, half-written pairs, killed builds, bad -o."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from juesuan.build import build
from juesuan.cli import main
from juesuan.manifest import CACHE, MANIFEST
from juesuan.write import atomic
from juesuan.write.atomic import OutputError, write_together
from juesuan.write.names import safe_stem

from .conftest import NAME


def files_under(folder: Path) -> set[str]:
    """The files a build left in `folder`, the charts it keeps for later runs (CACHE) aside."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).parts[0] != CACHE}


@pytest.fixture
def victim():
    """A folder outside the output with a short absolute path (the unit's name that points at it may have at
    most 100 characters; pytest's own temporary folders are longer under pytest-xdist)."""
    folder = Path(tempfile.mkdtemp(prefix="v", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_path_traversal_in_the_unit_name_stays_inside_the_output_folder(unit, tmp_path, victim):
    (victim / "index.x.docx").write_text("original")
    data = unit((NAME, f"  名称: 局/../../../../../../..{victim}/index.x\n"))
    out = tmp_path / "out"
    result = build(data, out, ["docx"])
    assert [f.parent for f in result.files] == [out]
    assert (victim / "index.x.docx").read_text() == "original" and files_under(victim) == {"index.x.docx"}
    assert result.files[0].name == f"2024年度局／..／..／..／..／..／..／..{str(victim).replace('/', '／')}／index.x部门决算.docx"


def test_a_dot_in_the_unit_name_keeps_the_whole_name(unit, tmp_path):
    a = build(unit((NAME, "  名称: 绵竹市1.A分局\n"), folder="a"), tmp_path / "out", ["docx"])
    b = build(unit((NAME, "  名称: 绵竹市1.B分局\n"), folder="b"), tmp_path / "out", ["docx"])
    assert [f.name for f in a.files + b.files] == ["2024年度绵竹市1.A分局部门决算.docx", "2024年度绵竹市1.B分局部门决算.docx"]


@pytest.mark.parametrize("name, stem", [
    ("局\x00名", "局名"), ("局\t\n名", "局 名"), ("..", ""), ("  .局.  ", "局"), ("a:b*c?d", "a：b＊c？d"),
    ("局" * 200, "局" * 66),
])
def test_safe_stem(name, stem):
    assert safe_stem(name) == stem


def test_two_units_that_would_write_the_same_file_are_an_error_naming_both(unit, tmp_path):
    first = unit((NAME, "  名称: 某局/分局\n"), folder="a")
    second = unit((NAME, "  名称: 某局／分局\n"), folder="b")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(first), str(second), "-o", str(out), "--format", "docx",
                                       "-j", "1"])                  # in order: the first named keeps the name
    assert result.exit_code == 1
    assert f"{second} 与 {first} 生成的文件同名" in result.output
    assert files_under(out) - {MANIFEST} == {"2024年度某局／分局部门决算.docx"}


def test_files_follow_the_umask(unit, tmp_path):
    old = os.umask(0o022)
    try:
        result = build(unit(), tmp_path / "out", ["docx"])
    finally:
        os.umask(old)
    assert stat.S_IMODE(result.files[0].stat().st_mode) == 0o644


def test_when_the_pdf_cannot_be_written_the_old_pair_stays(unit, tmp_path, monkeypatch):
    out = tmp_path / "out"
    data = unit()
    first = build(data, out, ["docx", "html"])
    before = {f: f.read_bytes() for f in first.files}
    real = os.replace
    def failing(src, dst):
        if str(dst).endswith(".html"):
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        real(src, dst)
    monkeypatch.setattr(atomic.os, "replace", failing)
    with pytest.raises(OutputError, match="磁盘空间已满"):
        build(unit((NAME, "  名称: 绵竹市医疗保障局\n"), folder="unit"), out, ["docx", "html"])
    monkeypatch.undo()
    assert {f: f.read_bytes() for f in first.files} == before
    assert files_under(out) == {f.name for f in first.files}


def test_a_full_disk_while_writing_leaves_nothing_behind(tmp_path, monkeypatch):
    target = tmp_path / "out" / "a.docx"
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OutputError, match="磁盘空间已满"):
        write_together({target: b"x", target.with_suffix(".pdf"): b"y"})
    assert files_under(tmp_path / "out") == set()


def test_temporaries_of_a_killed_build_are_removed_by_the_next(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = out / f".999999999.abcdef.new{atomic.TEMP_SUFFIX}"           # no such process
    mine = out / f".{os.getpid()}.abcdef.new{atomic.TEMP_SUFFIX}"      # a write still under way
    dead.write_bytes(b"half")
    mine.write_bytes(b"half")
    write_together({out / "a.docx": b"x"})
    assert files_under(out) == {"a.docx", mine.name}


@pytest.mark.parametrize("kind", ["file", "read-only"])
def test_a_bad_output_folder_is_a_message(unit, tmp_path, kind):
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("not a folder")
    else:
        out.mkdir()
        out.chmod(0o500)
        if os.access(out, os.W_OK):                 # running as root: permissions do not bind
            pytest.skip("permissions are not enforced for this user")
    result = CliRunner().invoke(main, ["build", str(unit()), "-o", str(out), "--format", "docx"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("不是文件夹" if kind == "file" else "没有写入权限") in result.output
