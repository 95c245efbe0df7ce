"""Read YAML without letting it guess: every scalar stays the text the officer typed.

PyYAML-style loading turns `0.1` into a float and `0101` into 65; money must never pass through float
and codes must keep their leading zeros. So ruamel.yaml only parses the file into events, and plain dicts,
lists, strings and None are built from those events here, remembering the line and column of every value
for error messages. Anchors, aliases and duplicate keys are refused: a data file is a form, not a program.

A file may be hostile, so nothing is trusted: its size is capped; characters YAML cannot hold are each
named by line and column; an alias is refused where it stands and never expanded ("billion laughs");
the tree is built without recursion, and its depth and number of values are capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (AliasEvent, CollectionEndEvent, DocumentStartEvent, MappingStartEvent, NodeEvent,
                                ScalarEvent, SequenceStartEvent)

from ..errors import MAX_LISTED, DataError, Problem, os_reason

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40                      # the deepest real file (annex tables in 附件) is under 12 levels
MAX_VALUES = 100_000                # a province's largest unit with every table inline has about 30,000
NULL_TAG = "tag:yaml.org,2002:null"
NULL_WORDS = {"", "~", "null", "Null", "NULL"}
#: What a YAML stream may not contain (YAML 1.2 §5.1: printable characters only, tab, CR and LF allowed).
UNPRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")

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
    """Parse `file` into plain values and a SourceMap, or raise DataError naming every line at fault."""
    file = Path(file)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise DataError([Problem(file, None, None, "", f"无法读取文件：{os_reason(exc)}",
                                 f"cannot read file: {exc.strerror}")]) from exc
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(file, 1, 1, "", f"文件过大（超过 {MAX_BYTES // 1024} KB），请检查是否选错了文件",
                                 "file too large")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(file, line, None, "", "文件不是 UTF-8 编码，请在编辑器中另存为 UTF-8",
                                 "file is not UTF-8")]) from exc
    _refuse_unprintable(file, text)
    return _Builder(file).build(text)


def _refuse_unprintable(file: Path, text: str) -> None:
    """Every character YAML cannot hold (a NUL, a vertical tab, U+FFFE …), by line and column."""
    problems, unlisted = [], 0
    for found in UNPRINTABLE.finditer(text):
        if len(problems) == MAX_LISTED:
            unlisted += 1
            continue
        start = found.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        code = f"U+{ord(found.group()):04X}"
        problems.append(Problem(file, line, column, "", f"此处有一个不可见的控制字符（{code}），请删除它",
                                f"an unprintable character ({code})"))
    if problems:
        raise DataError(problems, unlisted)


class _Stop(Exception):
    """Reading cannot usefully go on (too deep, too many values, a second document, a key that is a table)."""


@dataclass
class _Frame:
    value: dict | list
    path: Path_
    key: Any = None                 # for a mapping: the key awaiting its value; _KEY when a key comes next


_KEY = object()                     # a mapping waits for a key
_DROP = object()                    # the value of a duplicate key: read past, kept nowhere
DROPPED = "\x00"                    # its path component (no key can be a NUL: the character is refused)


class _Builder:
    """Plain values from the parser's events, one at a time, with a stack instead of recursion."""

    def __init__(self, file: Path):
        self.file = file
        self.source = SourceMap(file)
        self.problems: list[Problem] = []
        self.unlisted = 0                   # problems past MAX_LISTED: counted, not kept
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def build(self, text: str) -> RawDocument:
        values = 0
        try:
            for event in YAML(typ="rt").parse(text):
                if isinstance(event, DocumentStartEvent):
                    self.documents += 1
                    if self.documents > 1:
                        self._fail(event, "文件中只能有一份数据，这里的「---」开始了第二份；请删去它及其后的内容",
                                   "a second document")
                        raise _Stop
                if not isinstance(event, (NodeEvent, CollectionEndEvent)):
                    continue
                values += 1
                if values > MAX_VALUES:
                    self._fail(event, f"文件中的值超过 {MAX_VALUES} 个，请检查是否选错了文件",
                               f"more than {MAX_VALUES} values")
                    raise _Stop
                self._event(event)
        except YAMLError as exc:
            self.problems.append(_syntax_problem(self.file, exc))
        except _Stop:
            pass
        if self.problems:
            raise DataError(self.problems, self.unlisted)
        self.source.positions.setdefault((), (1, 1))
        return RawDocument({} if self.root is None else self.root, self.source)

    def _event(self, event) -> None:
        if isinstance(event, CollectionEndEvent):
            self.stack.pop()
            return
        if isinstance(event, AliasEvent) or event.anchor:
            self._fail(event, "不支持锚点和别名（& 与 *），请直接写出内容", "anchors and aliases are not allowed")
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is _KEY:
            self._key(top, event)
            return
        if isinstance(event, MappingStartEvent) or isinstance(event, SequenceStartEvent):
            value: Any = {} if isinstance(event, MappingStartEvent) else []
        elif isinstance(event, ScalarEvent):
            value = None if _is_null(event) else event.value
        else:                                       # an alias: refused above, stands for nothing
            value = None
        path = self._place(top, value, _pos(event))
        if isinstance(value, (dict, list)):
            if len(self.stack) >= MAX_DEPTH:
                self._fail(event, f"嵌套超过 {MAX_DEPTH} 层，数据文件不会这样深；请检查缩进和括号",
                           f"nested deeper than {MAX_DEPTH} levels")
                raise _Stop
            self.stack.append(_Frame(value, path, _KEY if isinstance(value, dict) else None))

    def _key(self, frame: _Frame, event) -> None:
        if not isinstance(event, ScalarEvent):
            self._fail(event, "项目名称必须是文字", "keys must be text")
            raise _Stop
        key = event.value
        if key in frame.value:
            self._fail(event, f"项目「{key}」重复出现，请删除其中一个", f"duplicate key {key!r}",
                       _dotted(frame.path + (key,)))
            frame.key = _DROP
            return
        self.source.positions[frame.path + (key,)] = _pos(event)
        frame.key = key

    def _place(self, top: _Frame | None, value: Any, pos: tuple[int, int]) -> Path_:
        """Put `value` where the event stream says; its path."""
        if top is None:
            self.root = value
            self.source.positions[()] = pos
            return ()
        if isinstance(top.value, list):
            path = top.path + (len(top.value),)
            self.source.positions[path] = pos
            top.value.append(value)
            return path
        key, top.key = top.key, _KEY
        if key is _DROP:                # a duplicate's value: read, kept nowhere, its positions apart
            return top.path + (DROPPED,)
        top.value[key] = value
        return top.path + (key,)

    def _fail(self, event, zh: str, en: str, field: str = "") -> None:
        if len(self.problems) >= MAX_LISTED:
            self.unlisted += 1
            return
        line, column = _pos(event)
        self.problems.append(Problem(self.file, line, column, field, zh, en))


def _is_null(event: ScalarEvent) -> bool:
    if event.tag is not None:
        return str(event.tag) == NULL_TAG
    return event.style is None and event.value in NULL_WORDS


def _pos(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


#: ruamel.yaml's words for the common mistakes → what an officer should do.
SYNTAX_HINTS = (
    ("mapping values are not allowed", "这里不能再有冒号：一行只能有一个「名称: 值」；值中含冒号时请给整个值加引号"),
    ("could not find expected ':'", "缺少冒号：每一项应写成「名称: 值」（冒号后加一个空格）"),
    ("cannot start any token", "这个字符不能出现在值的开头（如 Tab、@、`、%）；请用空格缩进，或给整个值加引号"),
    ("expected <block end>", "缩进不一致：同一层的各项应对齐，且只用空格缩进"),
    ("did not find expected key", "缩进不一致或少了「- 」：同一层的各项应对齐"),
    ("did not find expected '-' indicator", "列表的每一项应以「- 」开头，并与上一项对齐"),
    ("expected ',' or ']'", "方括号 [ ] 没有配对，或项之间缺少逗号"),
    ("expected ',' or '}'", "花括号 { } 没有配对，或项之间缺少逗号"),
    ("found unexpected end of stream", "文件在引号或括号闭合之前就结束了：引号、括号要成对"),
    ("while scanning a quoted scalar", "引号没有配对"),
    ("found unknown escape character", "双引号中的反斜杠 \\ 后跟了不认识的字符；请改用单引号"),
    ("expected a comment or a line break", "值的后面多了内容：引号外不应再有文字"),
    ("found a tab character", "不能用 Tab 缩进，请改用空格"),
    ("found undefined tag handle", "不支持以 ! 开头的标签，请删除或给整个值加引号"),
    ("expected alphabetic or numeric character", "& 或 * 后应为名称；数据文件不支持锚点与别名，请给整个值加引号"),
)
GENERIC_HINT = "这里的写法不符合 YAML 格式（常见原因：冒号后缺空格、缩进不一致、引号不成对）"


def _syntax_problem(file: Path, exc: YAMLError) -> Problem:
    mark = (exc.problem_mark or exc.context_mark) if isinstance(exc, MarkedYAMLError) else None
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    said = " ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
    said = said or str(exc).splitlines()[0]
    hint = next((zh for en, zh in SYNTAX_HINTS if en in said), GENERIC_HINT)
    return Problem(file, line, column, "", f"格式错误：{hint}", f"YAML syntax error: {said}")


def _dotted(path: Path_) -> str:
    return " → ".join(f"第{p + 1}项" if isinstance(p, int) else p for p in path)


dotted = _dotted
