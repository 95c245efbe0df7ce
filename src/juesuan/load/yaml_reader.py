"""Read YAML without letting it guess: every scalar stays the text the officer typed.

PyYAML-style loading turns `0.1` into a float and `0101` into 65; money must never pass through float
and codes must keep their leading zeros. So we only let ruamel.yaml parse (compose) the file, then
build plain dicts, lists, strings and None ourselves, remembering the line and column of every value
for error messages. Anchors, aliases and duplicate keys are refused: a data file is a form, not a program.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import DataError, Problem

MAX_BYTES = 2 * 1024 * 1024
NULL_TAG = "tag:yaml.org,2002:null"

Path_ = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each value of the tree was written: path → (line, column), both 1-based."""

    file: Path
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_) -> tuple[int | None, int | None]:
        """The position of `path`, or of its nearest written ancestor (a missing key points at its parent)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return None, None


@dataclass
class RawDocument:
    data: Any
    source: SourceMap


def read_yaml(file: Path) -> RawDocument:
    """Parse `file` into plain values and a SourceMap, or raise DataError naming the line."""
    file = Path(file)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise DataError([Problem(file, None, None, "", f"无法读取文件：{exc.strerror}",
                                 f"cannot read file: {exc.strerror}")]) from exc
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(file, None, None, "", f"文件过大（超过 {MAX_BYTES // 1024} KB），请检查是否选错了文件",
                                 "file too large")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(file, None, None, "", "文件不是 UTF-8 编码，请在编辑器中另存为 UTF-8",
                                 "file is not UTF-8")]) from exc
    try:
        node = YAML(typ="rt").compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise DataError([Problem(file, line, col, "", f"YAML 格式错误：{exc.problem or exc.context}（常见原因：冒号后缺空格、缩进不一致）",
                                 f"YAML syntax error: {exc.problem or exc.context}")]) from exc
    source = SourceMap(file)
    problems: list[Problem] = []
    data = _build(node, (), source, problems) if node is not None else {}
    if problems:
        raise DataError(problems)
    return RawDocument(data, source)


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node, path: Path_, source: SourceMap, problems: list[Problem]) -> Any:
    if getattr(node, "anchor", None):
        line, col = _pos(node)
        problems.append(Problem(source.file, line, col, _dotted(path),
                                "不支持锚点/别名（& 与 *），请直接写出数值", "anchors and aliases are not allowed"))
    if isinstance(node, ScalarNode):
        if node.tag == NULL_TAG:
            return None
        return node.value
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            source.positions[path + (index,)] = _pos(item)
            items.append(_build(item, path + (index,), source, problems))
        return items
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, col = _pos(key_node)
                problems.append(Problem(source.file, line, col, _dotted(path), "项目名称必须是文字", "keys must be text"))
                continue
            key = key_node.value
            if key in result:
                line, col = _pos(key_node)
                problems.append(Problem(source.file, line, col, _dotted(path + (key,)),
                                        f"项目「{key}」重复出现，请删除其中一个", f"duplicate key {key!r}"))
                continue
            source.positions[path + (key,)] = _pos(key_node)
            result[key] = _build(value_node, path + (key,), source, problems)
        return result
    return None  # pragma: no cover - ruamel produces only the three node kinds


def _dotted(path: Path_) -> str:
    return " → ".join(f"第{p + 1}项" if isinstance(p, int) else p for p in path)


dotted = _dotted
