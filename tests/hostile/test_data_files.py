"""Attacks through the data file: what the parser meets before any figure is read, and figures no unit has."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from juesuan.cli import main
from juesuan.errors import DataError
from juesuan.inputs import load
from juesuan.load.yaml_reader import read_yaml

from .conftest import NAME


def laughs(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [9, 16])
def test_billion_laughs_is_refused_before_any_alias_is_expanded(tmp_path, levels):
    path = tmp_path / "2024.yaml"
    path.write_text(laughs(levels), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(DataError) as info:
        read_yaml(path)
    assert time.monotonic() - started < 2
    text = info.value.format()
    assert "2024.yaml:1:5：不支持锚点和别名" in text and len(text.splitlines()) <= 102
    if levels == 16:
        assert "及另外" in text


@pytest.mark.parametrize("char", ["\x0b", "\x00", "\ufffe", "\x7f", "\x1b"])
def test_control_characters_are_named_by_line_and_column(unit, char):
    path = unit((NAME, f"  名称: 绵竹市医疗{char}保障局\n"))
    with pytest.raises(DataError) as info:
        load(path)
    line = path.read_text(encoding="utf-8").split("\n").index(f"  名称: 绵竹市医疗{char}保障局") + 1
    assert f"2024.yaml:{line}:12：此处有一个不可见的控制字符（U+{ord(char):04X}）" in info.value.format()


@pytest.mark.parametrize("text, where", [
    ("a: " + "[" * 500 + "]" * 500 + "\n", ":1:43：嵌套超过 40 层"),
    ("".join("  " * i + f"k{i}:\n" for i in range(300)), ":41:81：嵌套超过 40 层"),
    ("a: 1\n---\nb: 2\n", ":2:1：文件中只能有一份数据"),
    ("? [a, b]\n: 1\n", ":1:3：项目名称必须是文字"),
])
def test_deep_or_strange_structures_are_refused_quickly(tmp_path, text, where):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_yaml(path)
    assert where in info.value.format()


def test_an_empty_file_is_located(tmp_path):
    path = tmp_path / "2024.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(path)
    assert all(p.line is not None for p in info.value.problems)
    assert "2024.yaml:1:1" in info.value.format()


def test_a_flood_of_problems_lists_a_hundred_and_counts_the_rest(tmp_path):
    path = tmp_path / "2024.yaml"
    path.write_text("".join(f"a: {i}\n" for i in range(1000)), encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_yaml(path)
    lines = info.value.format().splitlines()
    assert len(lines) == 102 and lines[-1].strip().startswith("……及另外 899 处")


@pytest.mark.parametrize("amount", ["1" * 49, "1" * 16, "0." + "1" * 11, "-" + "9" * 30])
def test_amounts_with_too_many_digits_are_a_located_error(unit, amount):
    path = unit(("  机关运行经费:\n    决算: 62.43\n", f"  机关运行经费:\n    决算: {amount}\n"))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "位数过多（整数部分最多 15 位、小数最多 10 位）" in result.output
