"""Variants of the sample data, each carrying one deliberate error, for the `juesuan check` tests.

A sample is a narrative file and its workbook; a variant starts from the sample with its tables imported
inline (`juesuan import` into a copy), so one YAML text holds every figure. Values are changed by *path*
(the line is found through the reader's SourceMap), and a table cell by its table, row and column, so the
tests say which figure they break and survive edits elsewhere in the samples.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import tempfile
from pathlib import Path

from juesuan.exchange import import_workbook
from juesuan.load.yaml_reader import read_yaml
from juesuan.write.yaml_tables import scalar

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
S004 = DATA / "mianzhu-yibao" / "2024.yaml"
S000 = DATA / "guanghan-yibao" / "2021.yaml"


@functools.cache
def inline(sample: Path) -> Path:
    """A copy of `sample` with its workbook's tables written into it (made once per test session)."""
    folder = Path(tempfile.mkdtemp(prefix="inline-")) / sample.parent.name
    folder.mkdir()
    copy = folder / sample.name
    shutil.copy(sample, copy)
    workbook = next(sample.parent.glob(f"{sample.stem}.xls*"))
    import_workbook(workbook, copy)
    return copy


@functools.cache
def _sample(path: Path):
    return path.read_text(encoding="utf-8"), read_yaml(path)


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class Variant:
    """Edits to one sample's text (tables inline), addressed by YAML path or table cell."""

    def __init__(self, sample: Path):
        text, self.raw = _sample(inline(sample))
        self.lines = text.split("\n")
        self.inserts: dict[int, list[str]] = {}
        self.dropped: set[int] = set()
        self.rows: dict[tuple, list] = {}

    def _line(self, path: tuple) -> int:
        line, _ = self.raw.source.positions[tuple(path)]
        return line - 1

    def set(self, path: tuple, value: str) -> Variant:
        """Replace the scalar at `path` (a key's value or a list item) with `value` (YAML text)."""
        i = self._line(path)
        key = path[-1]
        if isinstance(key, int):
            self.lines[i] = re.sub(r"^(\s*-\s).*$", lambda m: m.group(1) + value, self.lines[i])
        else:
            self.lines[i] = re.sub(
                rf"^(\s*(?:-\s+)?{re.escape(key)}:).*$", lambda m: f"{m.group(1)} {value}", self.lines[i]
            )
        return self

    def text(self, path: tuple, value: str) -> Variant:
        return self.set(path, quote(value))

    def value(self, path: tuple):
        node = self.raw.data
        for key in path:
            node = node[key]
        return node

    def row_path(self, table: str, key: str, panel: str = "") -> tuple:
        rows = ("公开表", table) + ((panel,) if panel else ()) + ("行",)
        index = next(i for i, r in enumerate(self.value(rows)) if r[0] == key)
        return rows + (index,)

    def cell(self, table: str, key: str, column: str, value: str, panel: str = "") -> Variant:
        """Set one table cell: the row `key` (a code or a row label) under `column`."""
        path = self.row_path(table, key, panel)
        columns = self.value(path[:-2] + ("列",))
        row = self.rows.setdefault(path, list(self.value(path)))
        row[len(row) - len(columns) + columns.index(column)] = value
        return self._rewrite(path, row, len(row) - len(columns))

    def rename(self, table: str, key: str, code: str | None = None, name: str | None = None,
               panel: str = "") -> Variant:
        """Change a coded row's code or name."""
        path = self.row_path(table, key, panel)
        row = self.rows.setdefault(path, list(self.value(path)))
        row[0], row[1] = code or row[0], name or row[1]
        return self._rewrite(path, row, 2)

    def _rewrite(self, path: tuple, row: list, first: int) -> Variant:
        i = self._line(path)
        head = [quote(row[0]), scalar(row[1])] if first == 2 else [scalar(row[0])]
        indent = re.match(r"^\s*", self.lines[i]).group()
        self.lines[i] = f"{indent}- [{', '.join(head + [str(v) for v in row[first:]])}]"
        return self

    def drop(self, path: tuple) -> Variant:
        """Remove a key (or a row) with everything under it."""
        first = self._line(path)
        indent = len(self.lines[first]) - len(self.lines[first].lstrip(" -"))
        self.dropped.add(first)
        for i in range(first + 1, len(self.lines)):
            line = self.lines[i]
            if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip(" ")) <= indent:
                break
            self.dropped.add(i)
        return self

    def find(self, test) -> tuple:
        """The path of the first value for which `test(path, value)` holds."""

        def walk(node, path):
            if test(path, node):
                yield path
            items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
            for key, child in items:
                yield from walk(child, path + (key,))

        return next(walk(self.raw.data, ()))

    def containing(self, words: str) -> tuple:
        return self.find(lambda path, v: isinstance(v, str) and words in v)

    def add(self, parent: tuple, key: str, value: str) -> Variant:
        """Add `key: value` to the mapping at `parent`, indented like its existing children."""
        node = self.value(parent)
        first = next(iter(node))
        line, col = self.raw.source.positions[tuple(parent) + (first,)]
        self.inserts.setdefault(line - 1, []).append(" " * (col - 1) + f"{key}: {value}")
        return self

    def write(self, directory: Path, name: str | None = None) -> Path:
        out = []
        for i, line in enumerate(self.lines):
            if i not in self.dropped:
                out.append(line)
            out += self.inserts.get(i, [])
        year = self.value(("年度",))
        path = directory / (name or f"{year}.yaml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(out), encoding="utf-8")
        return path


def only(findings, rule_id: str):
    hits = fired(findings, rule_id)
    assert hits, f"{rule_id} did not fire; got {[f.format() for f in findings]}"
    return hits


def fired(findings, rule_id: str):
    return [f for f in findings if f.rule_id == rule_id]


def errors(findings):
    return [f for f in findings if f.severity == "错误"]
