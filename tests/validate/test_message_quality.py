"""Messages an officer can act on: where a misplaced key belongs, the kind of value expected, the catalog year
actually used, what the system refused in Chinese, which kinds a block mixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from juesuan.cli import main
from juesuan.errors import DataError
from juesuan.facts.catalog import load_catalog
from juesuan.load.yaml_reader import read_yaml
from juesuan.validate import validate
from juesuan.validate.annex_model import Block, Indicator

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"


def _problems(tmp_path, text: str) -> str:
    path = tmp_path / "2024.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        validate(read_yaml(path))
    return caught.value.format()


def test_a_key_at_the_wrong_level_is_told_where_it_belongs(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace("    团组数: 0\n", "", 1).replace(
        "三公经费:\n", "三公经费:\n  团组数: 0\n", 1)
    message = _problems(tmp_path, text)
    assert "「团组数」：这一项应写在「三公经费 → 因公出国（境）」之下" in message
    assert "是否想写：「团组数」" not in message


def test_a_misspelt_key_still_gets_suggestions(tmp_path):
    message = _problems(tmp_path, SAMPLE.read_text(encoding="utf-8").replace("    团组数: 0\n", "    团组: 0\n", 1))
    assert "是否想写：「团组数」" in message


def test_a_score_is_called_a_score_and_an_amount_an_amount():
    with pytest.raises(Exception) as caught:
        Indicator.model_validate({"一级指标": "产出", "二级指标": "数量", "三级指标": "人数", "分值": "95分"})
    assert "应填写数字分数（如 95" in str(caught.value) and "金额" not in str(caught.value)


def test_a_block_with_two_kinds_names_both():
    with pytest.raises(Exception) as caught:
        Block.model_validate({"段落": "一段话", "列表": ["一项"]})
    assert "这一项同时写了 「段落」、「列表」" in str(caught.value)


def test_the_catalog_named_is_the_year_actually_used():
    catalog = load_catalog("功能分类", 2023)
    assert catalog.file_year == 2021
    assert catalog.label == "2021 年功能分类目录（没有 2023 年的，用了最近的 2021 年）"
    assert load_catalog("功能分类", 2024).label == "2024 年功能分类目录"


def test_a_missing_file_is_said_in_chinese_and_check_does_not_speak_of_writing(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "2024.yaml")])
    assert result.exit_code == 2
    assert "文件不存在" in result.output and "No such file" not in result.output
    assert "未生成任何文件" not in result.output and "无法核对" in result.output
