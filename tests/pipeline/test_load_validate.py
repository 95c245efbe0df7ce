"""Reading and validating a data file: exact text values, and every problem named with file, line and field."""

from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.build import load
from juesuan.errors import DataError
from juesuan.load.yaml_reader import read_yaml
from tests.check.variants import inline

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "mianzhu-yibao" / "2024.yaml"


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "2024.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_scalars_stay_text(tmp_path):
    raw = read_yaml(write(tmp_path, "a: 0.1\nb: 0101\nc: 2025-09-23\nd: ~\n"))
    assert raw.data == {"a": "0.1", "b": "0101", "c": "2025-09-23", "d": None}
    assert raw.source.positions[("b",)] == (2, 1)


def test_money_is_exact_decimal_from_the_workbook():
    loaded = load(SAMPLE)
    value = loaded.tables.value("收入支出决算总表", "一般公共预算财政拨款收入", "决算数", "收入")
    assert value == Decimal("1332.21") and str(value) == "1332.21"
    source = loaded.tables.tables["收入支出决算总表"].panel("收入").row("一般公共预算财政拨款收入").sources["决算数"]
    assert str(source) == "2024.xlsx!收入支出决算总表!C7"
    assert loaded.tables.tables["支出决算表"].panel("").coded()[0].key == "208"


@pytest.mark.parametrize("text, expected", [
    ("a: 1\na: 2\n", "项目「a」重复出现"),
    ("a: &x 1\nb: *x\n", "2024.yaml:2:4：不支持锚点和别名"),
    ("a: [1, 2\n", "2024.yaml:2:1：格式错误：方括号 [ ] 没有配对"),
    ("a: b: c\n", "2024.yaml:1:5：格式错误：这里不能再有冒号"),
])
def test_unsafe_or_broken_yaml_is_refused(tmp_path, text, expected):
    with pytest.raises(DataError) as err:
        read_yaml(write(tmp_path, text))
    assert expected in str(err.value)


def test_every_problem_reported_with_line_and_field(tmp_path):
    """Problems of the narrative, of the inline tables and of the 上年 block come together, each located."""
    text = inline(SAMPLE).read_text(encoding="utf-8")
    text = text.replace("- [一般公共预算财政拨款收入, 1332.21]", "- [一般公共预算财政拨款收人, 1332.21]", 1)
    text = text.replace("- [政府性基金预算财政拨款收入, 446.31]", "- [政府性基金预算财政拨款收入, 446,31]", 1)
    text = text.replace("单位性质: 行政单位", "单位性质: 行政局", 1)
    text = text.replace("  机关运行经费: 65.58", "  机关运行经费: 六十五", 1)
    path = write(tmp_path, text)
    with pytest.raises(DataError) as err:
        load(path)
    problems = err.value.problems
    assert len(problems) == 4
    lines = text.splitlines()
    typo = next(p for p in problems if "收人" in p.message)
    assert "是否想写：「一般公共预算财政拨款收入」" in typo.message and "收人" in lines[typo.line - 1]
    comma = next(p for p in problems if "有 2 个数" in p.message)         # YAML reads 446,31 as two values
    assert "446,31" in lines[comma.line - 1]
    assert [p.line for p in problems] == sorted(p.line for p in problems)   # in the order of the file
    assert any("行政单位" in p.message and p.field.endswith("单位性质") for p in problems)
    assert any("六十五" in p.message and "未知" in p.message for p in problems)
    message = str(err.value)
    assert str(path) in message and "未生成任何文件" in message


def test_float_never_accepted_as_money():
    from pydantic import ValidationError
    from juesuan.validate.model import Procurement
    with pytest.raises(ValidationError):
        Procurement.model_validate({"货物": 0.1})
