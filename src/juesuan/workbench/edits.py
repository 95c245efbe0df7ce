"""Saving one block's form into the data file: each value checked for its kind, then only what changed is
written, in ruamel's round-trip mode (her comments, key order and quoting kept), atomically, and only when the
result still reads.

What the form means: a field posted empty removes its key (the model's default applies, and `check` says if it
was required); a grid row left empty is removed and a filled spare row added; a record or a piece of an annex
ticked 删除 goes; a piece chosen under 添加 is appended. A value of the wrong kind refuses the whole save, every
such field named at once, and the file is left as it was.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import JuesuanError
from ..load.round_trip import Plain
from ..load.yaml_reader import dotted, read_yaml
from ..tables.figures import name_of
from ..validate.model import UNKNOWN
from ..validate.types import parse_amount
from .fields import BLOCK_KINDS, PRIOR, UNAVAILABLE, Field, prior_form, unavailable_form, unit_forms
from .yamlfile import load_for_edit, save_edited

MAX_TEXT = 20_000
_MISSING = object()


class EditRefused(JuesuanError):
    """Values of the wrong kind: nothing was saved. `problems` pairs each field's place with what is wrong."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("未保存，请改正：" + "；".join(f"「{place}」{why}" for place, why in problems))


def save_block(path: Path, block: str, posted) -> int:
    """Write the form of `block` as posted (a mapping of input names to texts, as `fields` names them) into the
    data file at `path`; how many values changed. Raises EditRefused, or JuesuanError when the block is unknown."""
    raw = read_yaml(path).data
    raw = raw if isinstance(raw, dict) else {}
    if block == PRIOR:
        prefix = f"v:{PRIOR} → "
        names = [k[len(prefix):] for k in posted if k.startswith(prefix) and name_of(k[len(prefix):]) is not None]
        form = prior_form(raw.get(PRIOR), names, "")
    elif block == UNAVAILABLE:
        form = unavailable_form(raw.get(UNAVAILABLE), [])
    else:
        forms = {f.place: f for f in unit_forms(raw)}
        if block not in forms:
            raise JuesuanError(f"无法保存：没有「{block}」这一部分（unknown block）")
        form = forms[block]
    edit = _Edit(load_for_edit(path), posted)
    edit.field(form)
    if edit.problems:
        raise EditRefused(edit.problems)
    if edit.changed:
        save_edited(path, edit.doc)
    return edit.changed


class _Edit:
    def __init__(self, doc: CommentedMap, posted):
        self.doc, self.posted = doc, posted
        self.problems: list[tuple[str, str]] = []
        self.changed = 0

    # ---------------------------------------------------------------- reading the form and the file
    def value(self, place: str) -> str | None:
        given = self.posted.get("v:" + place)
        return None if given is None else str(given).replace("\r\n", "\n").strip()

    def get(self, path: tuple):
        node = self.doc
        for key in path:
            if isinstance(node, dict) and key in node:
                node = node[key]
            elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                node = node[key]
            else:
                return _MISSING
        return node

    def put(self, path: tuple, value) -> None:
        """Set `value` at `path`, making the mappings on the way (a list on the way must already be there)."""
        node = self.doc
        for key in path[:-1]:
            child = self.get_in(node, key)
            if child is _MISSING or child is None:
                child = CommentedMap()
                node[key] = child
            node = child
        last = path[-1]
        old = self.get_in(node, last)
        if isinstance(old, str) and type(old) is not str and not isinstance(value, Plain):
            value = type(old)(value)                                # keep her quoting
        node[last] = value
        self.changed += 1

    @staticmethod
    def get_in(node, key):
        if isinstance(node, dict):
            return node.get(key, _MISSING)
        return node[key] if isinstance(key, int) and key < len(node) else _MISSING

    def remove(self, path: tuple) -> None:
        parent = self.get(path[:-1])
        if isinstance(parent, dict) and path[-1] in parent:
            del parent[path[-1]]
            self.changed += 1

    # ---------------------------------------------------------------- each kind of field
    def field(self, f: Field) -> None:
        getattr(self, "_" + f.kind, self._scalar)(f)

    def _group(self, f: Field) -> None:
        for child in f.children:
            self.field(child)

    def _scalar(self, f: Field) -> None:
        new = self.value(f.place)
        if new is None or new == f.value.strip():
            return
        value = self.checked(f.kind, new, f.place, f.choices, prior=f.path[0] == PRIOR)
        if value is None:
            return
        if new:
            self.put(f.path, value)
        else:
            self.remove(f.path)

    def checked(self, kind: str, text: str, place: str, choices=(), prior: bool = False):
        """`text` as the file should hold it, or None (with a problem) when it is not of the field's kind."""
        typed = unicodedata.normalize("NFKC", text).strip() if kind != "text" else text
        if not text:
            return ""
        if kind == "text":
            if len(text) > MAX_TEXT:
                return self.wrong(place, f"太长（{len(text)} 字，最多 {MAX_TEXT} 字）")
            return text
        if kind == "count":
            return Plain(str(int(typed))) if typed.isdigit() else self.wrong(place, f"应填写整数（如 3），实际为「{text}」")
        if kind in ("amount", "score"):
            if prior and typed == UNKNOWN:
                return UNKNOWN
            amount = parse_amount(typed)
            if amount is None or (amount < 0 and not prior):
                also = f"，不知道的写「{UNKNOWN}」" if prior else ""
                unit = "分数（如 95）" if kind == "score" else "金额（如 1332.21，不带单位和千位分隔符）"
                return self.wrong(place, f"应填写{unit}{also}，实际为「{text}」")
            return Plain(typed)
        if kind == "date":
            try:
                return Plain(date.fromisoformat(typed).isoformat())
            except ValueError:
                return self.wrong(place, f"应填写日期（如 2025-09-23），实际为「{text}」")
        if kind == "choice":
            return text if text in choices else self.wrong(place, "应为以下之一：" + "、".join(choices))
        return text

    def wrong(self, place: str, why: str) -> None:
        self.problems.append((place, why))
        return None

    def _lines(self, f: Field) -> None:
        given = self.value(f.place)
        if given is None:
            return
        new = [line.strip() for line in given.split("\n") if line.strip()]
        if new == [line.strip() for line in f.value.split("\n") if line.strip()]:
            return
        for line in new:
            self.checked("text", line, f.place)
        old = self.get(f.path)
        if isinstance(old, list):
            del old[len(new):]
            for i, line in enumerate(new):
                if i >= len(old):
                    old.append(line)
                elif old[i] != line:
                    old[i] = line
            self.changed += 1
        elif new:
            self.put(f.path, CommentedSeq(new))

    def _grid(self, f: Field) -> None:
        gone = []
        for i in range(len(f.rows)):
            cells = [self.value(f.cell(i, j)) for j in range(len(f.columns))]
            if all(c is None for c in cells):
                continue
            cells = [c or "" for c in cells]
            if i < f.known and not any(cells):
                gone.append(i)
                continue
            values = {c.label: self.checked(c.kind, text, f.cell(i, j), c.choices)
                      for j, (c, text) in enumerate(zip(f.columns, cells)) if text}
            if i >= f.known:
                if values and None not in values.values():
                    self.append(f.path, CommentedMap(values))
                continue
            for j, (column, text) in enumerate(zip(f.columns, cells)):
                if text != f.rows[i][j].strip() and values.get(column.label, "") is not None:
                    if text:
                        self.put((*f.path, i, column.label), values[column.label])
                    else:
                        self.remove((*f.path, i, column.label))
        self.drop(f.path, gone)

    def _pairs(self, f: Field) -> None:
        rows = []                       # as many as the page had (it may offer a row for each missing table)
        while (row := (self.value(f.cell(len(rows), 0)), self.value(f.cell(len(rows), 1)))) != (None, None):
            rows.append(row)
        if not rows:
            return
        new: dict[str, object] = {}
        for i, (key, text) in enumerate(rows):
            key, text = key or "", text or ""
            if key and text:
                if key in new:
                    self.wrong(f.cell(i, 0), f"与上面一行重复（「{key}」）")
                new[key] = self.checked(f.columns[1].kind, text, f.cell(i, 1))
        old = [(k, v) for k, v in f.rows[:f.known]]
        if [(k, str(v)) for k, v in new.items()] == old or None in new.values():
            return
        mapping = self.get(f.path)
        if isinstance(mapping, dict) and new:             # in place: her flow style and comments stay
            for key in [k for k in mapping if k not in new]:
                del mapping[key]
            mapping.update(new)
            self.changed += 1
        elif new:
            self.put(f.path, CommentedMap(new))
        else:
            self.remove(f.path)

    def _table(self, f: Field) -> None:
        self._group(f)
        header = [self.value(dotted(c.path)) for c in f.columns]
        if all(h is None for h in header):
            return
        header = [h or "" for h in header]
        while header and not header[-1]:
            header.pop()
        rows = []
        for i in range(len(f.rows)):
            cells = [self.value(f.cell(i, j)) or "" for j in range(len(f.columns))]
            if any(cells[:len(header)]):
                rows.append(cells[:len(header)])
        old_header = [c.label for c in f.columns[:-1]]
        old_rows = [r[:len(old_header)] for r in f.rows[:f.known]]
        if header == old_header and rows == old_rows:
            return
        if not header:
            return self.wrong(f.place, "表头至少要有一列")
        self.put((*f.path, "表头"), _flow(header))
        self.put((*f.path, "行"), CommentedSeq(_flow(r) for r in rows))

    def _items(self, f: Field) -> None:
        gone = []
        for i, child in enumerate(f.children):
            if i < f.known and self.posted.get("del:" + child.place):
                gone.append(i)
            elif i < f.known:
                self.field(child)
            elif self.filled(child):
                self.append(f.path, CommentedMap())
                self.field(child)
        self.drop(f.path, gone)

    def _blocks(self, f: Field) -> None:
        gone = []
        for i, child in enumerate(f.children):
            if self.posted.get("del:" + dotted((*f.path, i))):
                gone.append(i)
            else:
                self.field(child)
        self.drop(f.path, gone)
        kind = str(self.posted.get("add:" + f.place) or "")
        text = self.value("add:" + f.place) or ""
        if kind not in BLOCK_KINDS or not text:
            return
        if kind == "列表":
            piece = CommentedMap({kind: CommentedSeq(line.strip() for line in text.split("\n") if line.strip())})
        elif kind == "表格":
            header = [h.strip() for h in re.split(r"[、,，\t|]", text) if h.strip()]
            piece = CommentedMap({kind: CommentedMap({"表头": _flow(header), "行": CommentedSeq()})})
        elif kind == "章节":
            piece = CommentedMap({kind: text, "内容": CommentedSeq()})
        else:
            piece = CommentedMap({kind: text})
        self.append(f.path, piece)

    # ---------------------------------------------------------------- lists
    def filled(self, f: Field) -> bool:
        """Whether anything was typed into a blank record (so it is to be added)."""
        return any(self.value(g.place) for g in f.walk() if g.kind in ("text", "count", "amount", "score", "date",
                                                                       "choice", "lines"))

    def append(self, path: tuple, item) -> None:
        seq = self.get(path)
        if not isinstance(seq, list):
            seq = CommentedSeq()
            self.put(path, seq)
        seq.append(item)
        self.changed += 1

    def drop(self, path: tuple, indexes: list[int]) -> None:
        seq = self.get(path)
        for i in sorted(indexes, reverse=True):
            if isinstance(seq, list) and i < len(seq):
                del seq[i]
                self.changed += 1


def _flow(items) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq
