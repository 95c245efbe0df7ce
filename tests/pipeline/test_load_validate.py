"""Reading and validating a data file: exact text values, and every problem named with file, line and field."""

from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.build import load
from juesuan.errors import DataError
from juesuan.load.yaml_reader import read_yaml

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "mianzhu-yibao" / "2024.yaml"


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "2024.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_scalars_stay_text(tmp_path):
    raw = read_yaml(write(tmp_path, "a: 0.1\nb: 0101\nc: 2025-09-23\nd: ~\n"))
    assert raw.data == {"a": "0.1", "b": "0101", "c": "2025-09-23", "d": None}
    assert raw.source.positions[("b",)] == (2, 1)


def test_money_is_exact_decimal():
    data = load(SAMPLE).data
    assert data.summary.income.general_budget == Decimal("1332.21")
    assert isinstance(data.summary.income.general_budget, Decimal)
    assert data.fiscal_expenditure.general_budget.rows[0].code.isdigit()


@pytest.mark.parametrize("text, expected", [
    ("a: 1\na: 2\n", "项目「a」重复出现"),
    ("a: &x 1\nb: *x\n", "不支持锚点/别名"),
    ("a: [1, 2\n", "YAML 格式错误"),
])
def test_unsafe_or_broken_yaml_is_refused(tmp_path, text, expected):
    with pytest.raises(DataError) as err:
        read_yaml(write(tmp_path, text))
    assert expected in str(err.value)


def test_every_problem_reported_with_line_and_field(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("一般公共预算财政拨款收入: 1332.21", "一般公共预算财政拨款收人: 1332.21", 1)
    text = text.replace("政府性基金预算财政拨款收入: 446.31", "政府性基金预算财政拨款收入: 446,31", 1)
    text = text.replace("单位性质: 行政单位", "单位性质: 行政局", 1)
    path = write(tmp_path, text)
    with pytest.raises(DataError) as err:
        load(path)
    problems = err.value.problems
    assert len(problems) == 3
    lines = text.splitlines()
    by_field = {p.field.split(" → ")[-1]: p for p in problems}
    typo = by_field["一般公共预算财政拨款收人"]
    assert "是否想写：「一般公共预算财政拨款收入」" in typo.message
    assert "一般公共预算财政拨款收人" in lines[typo.line - 1]
    comma = by_field["政府性基金预算财政拨款收入"]
    assert "446,31" in comma.message and "446,31" in lines[comma.line - 1]
    assert "行政单位" in by_field["单位性质"].message
    message = str(err.value)
    assert str(path) in message and "未生成任何文件" in message
    assert "unknown item" in err.value.format("en")


def test_float_never_accepted_as_money():
    from pydantic import ValidationError
    from juesuan.validate.model import Income
    with pytest.raises(ValidationError):
        Income.model_validate({"一般公共预算财政拨款收入": 0.1})
