"""The blocks an officer writes (单位, 基本支出说明, 三公经费, 其他重要事项, 附件, and 上年 and 未提供的公开表
when the unit needs them) as forms whose fields follow the data model, filled from the data file.

The model (`validate.model`) decides what can be written and how: a text, a count, an amount, a choice, a date,
a list (one item per line), a grid (like records: 购置车辆, 接待明细, 项目自评 …), name–value pairs (车辆 by
kind), an annex's table, its nested content, or a group of these. The file decides what is written: a field the
file leaves out shows empty. Every field is named as `juesuan check` names places ("三公经费 → 公务接待 → 国内
→ 明细 → 第2项 → 事由"), so a finding links to the field it concerns.
"""

from __future__ import annotations

import inspect
import types
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from ..load.yaml_reader import dotted
from ..validate.annex_model import Block, EvaluationTable, Table
from ..validate.model import YearData
from ..validate.types import Form, Score

#: What the workbench writes in forms: the data file's own blocks (the figures, 年度 and reasons are elsewhere).
BLOCKS = ("单位", "基本支出说明", "三公经费", "其他重要事项", "附件")
PRIOR, UNAVAILABLE = "上年", "未提供的公开表"
SPARE_ROWS = 2                      # empty rows under a grid, for adding records
BLOCK_KINDS = {"段落": "paragraph", "章节": "heading", "列表": "items", "表格": "table"}   # what can be added


@dataclass
class Field:
    """One field of a form, or a group of fields. `path` is its place in the data file."""

    path: tuple
    label: str
    kind: str                       # text, count, amount, score, choice, date, lines; group, grid, pairs, table,
                                    # items (records, one group each), blocks (an annex's content)
    value: str = ""                 # as typed in the file (lines: one item per line)
    required: bool = False
    unit: str = ""                  # what an amount is counted in (万元, 元, 分)
    choices: tuple[str, ...] = ()
    children: list[Field] = field(default_factory=list)     # group, items (one group per record), blocks
    columns: list[Field] = field(default_factory=list)      # grid and pairs: one Field per column (kind, label)
    rows: list[list[str]] = field(default_factory=list)     # grid, pairs, table: the values, spare rows included
    known: int = 0                  # grid, pairs, table, items, blocks: how many rows or records the file has

    @property
    def place(self) -> str:
        return dotted(self.path)

    def cell(self, row: int, column: int) -> str:
        """The place of a grid's cell (row and column from 0), as the form names its input."""
        key = self.columns[column].label if self.kind != "table" else column
        return dotted((*self.path, row, key) if self.kind != "table" else (*self.path, "行", row, column))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def unit_forms(raw: dict, *, prior_names: list[str] | None = None, missing_tables: list[str] = ()) -> list[Field]:
    """The forms of a unit-year whose data file reads as `raw` (plain values, every scalar a text): one group per
    block. `prior_names` (the figures the document compares with last year) adds the 上年 form, used when there is
    no last year's file; `missing_tables` adds the 未提供的公开表 form with a row for each."""
    raw = raw if isinstance(raw, dict) else {}
    money = str(raw.get("金额单位") or "万元")
    forms = [_field((name,), _by_alias(YearData)[name], raw.get(name), money) for name in BLOCKS]
    if prior_names is not None or isinstance(raw.get(PRIOR), dict):
        forms.append(prior_form(raw.get(PRIOR), prior_names or [], money))
    if missing_tables or isinstance(raw.get(UNAVAILABLE), dict):
        forms.append(unavailable_form(raw.get(UNAVAILABLE), missing_tables))
    return forms


def unavailable_form(values: Any, missing: list[str]) -> Field:
    """未提供的公开表: each table declared not provided with why, and a row for each table still missing."""
    return _pairs((UNAVAILABLE,), "text", values, spare=list(missing), key="表名", meaning="未提供的原因")


def prior_form(values: Any, names: list[str], money: str) -> Field:
    """上年: an amount for each figure the document compares with last year, and any the file already has."""
    values = values if isinstance(values, dict) else {}
    written = [str(k) for k in values if k != "金额单位"]
    fields = [Field((PRIOR, name), name, "amount", _text(values.get(name)), unit=str(values.get("金额单位") or money))
              for name in dict.fromkeys([*written, *names])]
    return Field((PRIOR,), PRIOR, "group", children=fields)


def _field(path: tuple, info, value: Any, money: str) -> Field:
    """The field for `value` at `path`, whose model field is `info` (a pydantic FieldInfo)."""
    kind, arg = _kind(info.annotation, info.metadata)
    label = str(path[-1])
    required = info.is_required()
    if kind == "group":
        return _record(path, arg, value, money, required)
    if kind == "lines":
        items = value if isinstance(value, list) else []
        return Field(path, label, "lines", "\n".join(_text(v) for v in items), required)
    if kind == "pairs":
        return _pairs(path, arg, value)
    if kind == "records":
        return _records(path, arg, value, money)
    unit = "分" if kind == "score" else (money if kind == "amount" and "元" not in label else "")
    return Field(path, label, kind, _text(value), required, unit, choices=arg or ())


def _record(path: tuple, model: type[Form], value: Any, money: str, required: bool = False) -> Field:
    if model is Table:
        return _table(path, value)
    values = value if isinstance(value, dict) else {}
    children = [_field((*path, info.alias), info, values.get(info.alias), money)
                for info in model.model_fields.values()]
    return Field(path, str(path[-1]), "group", required=required, children=children)


def _records(path: tuple, model: type[Form], value: Any, money: str) -> Field:
    """A list of records: a grid when every field of the record is a single value, else one group each."""
    items = value if isinstance(value, list) else []
    if model is Block:
        pieces = [_block((*path, i), v, money) for i, v in enumerate(items)]
        return Field(path, str(path[-1]), "blocks", children=pieces, known=len(items))
    infos = list(model.model_fields.values())
    if all(_kind(i.annotation, i.metadata)[0] in SCALAR for i in infos):
        columns = [_field((i.alias,), i, None, money) for i in infos]
        rows = [[_text(v.get(c.label)) if isinstance(v, dict) else "" for c in columns] for v in items]
        return Field(path, str(path[-1]), "grid", columns=columns, rows=rows + [[""] * len(columns)] * SPARE_ROWS,
                     known=len(items))
    children = [_record((*path, i), model, v, money) for i, v in enumerate(items)]
    children.append(_record((*path, len(items)), model, None, money))        # a blank one, to add a record
    return Field(path, str(path[-1]), "items", children=children, known=len(items))


def _block(path: tuple, value: Any, money: str) -> Field:
    """One piece of an annex's content, as the kind it is (a section carries its own content)."""
    values = value if isinstance(value, dict) else {}
    infos = _by_alias(Block)
    if "章节" in values:
        heading = Field((*path, "章节"), "章节", "text", _text(values["章节"]))
        content = _records((*path, "内容"), Block, values.get("内容"), money)
        return Field(path, f"章节「{heading.value}」", "group", children=[heading, content])
    if "表格" in values:
        return _table((*path, "表格"), values["表格"])
    if "绩效自评表" in values:
        return _record((*path, "绩效自评表"), EvaluationTable, values["绩效自评表"], money)
    name = next((k for k in ("段落", "列表", "自评表") if k in values), "段落")
    return _field((*path, name), infos[name], values.get(name), money)


def _table(path: tuple, value: Any) -> Field:
    """An annex's table: its caption and unit, and its cells as a grid under its header (one spare column)."""
    values = value if isinstance(value, dict) else {}
    header = [_text(h) for h in values.get("表头") or []] if isinstance(values.get("表头"), list) else []
    rows = [[_text(c) for c in r] if isinstance(r, list) else [] for r in values.get("行") or []] \
        if isinstance(values.get("行"), list) else []
    width = len(header) + 1
    rows = [(r + [""] * width)[:width] for r in rows]
    children = [Field((*path, "表名"), "表名", "text", _text(values.get("表名"))),
                Field((*path, "单位"), "单位", "text", _text(values.get("单位")))]
    columns = [Field((*path, "表头", i), h, "text") for i, h in enumerate([*header, ""])]
    return Field(path, "表格", "table", children=children, columns=columns,
                 rows=rows + [[""] * width] * SPARE_ROWS, known=len(rows))


def _pairs(path: tuple, kind: str, value: Any, spare: list[str] = (), key: str = "名称", meaning: str = "") -> Field:
    """name → value pairs (车辆 by kind, 未提供的公开表 by table): two columns, spare rows to add."""
    values = value if isinstance(value, dict) else {}
    rows = [[str(k), _text(v)] for k, v in values.items()]
    rows += [[name, ""] for name in spare if name not in values] or [["", ""]] * SPARE_ROWS
    meaning = meaning or ("数量" if kind == "count" else "内容")
    columns = [Field((key,), key, "text"), Field((meaning,), meaning, kind)]
    return Field(path, str(path[-1]), "pairs", columns=columns, rows=rows, known=len(values))


def field_places(f: Field):
    """Every place a form has an input for (a grid's cells, a table's header and cells included)."""
    for g in f.walk():
        yield g.place
        if g.kind in ("grid", "pairs", "table"):
            yield from (g.cell(i, j) for i in range(len(g.rows)) for j in range(len(g.columns)))
        if g.kind == "table":
            yield from (c.place for c in g.columns)


def nearest(place: str, places: set[str]) -> str:
    """The closest place a form has for a finding's field: itself, else the nearest enclosing one ("" if none)."""
    parts = place.split(" → ") if place else []
    while parts and " → ".join(parts) not in places:
        parts.pop()
    return " → ".join(parts)


SCALAR = {"text", "count", "amount", "score", "choice", "date"}


def _kind(annotation, metadata=()) -> tuple[str, Any]:
    """The kind of field a model type is edited as, and its argument (choices, the record model, the value kind)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return _kind(next(a for a in get_args(annotation) if a is not type(None)))
    if origin is Annotated:
        base, *meta = get_args(annotation)
        return _kind(base, meta)
    if annotation is Decimal and get_args(Score)[1] in metadata:
        return "score", None
    if origin is Literal:
        return "choice", tuple(get_args(annotation))
    if origin is list:
        inner, arg = _kind(get_args(annotation)[0])
        return ("lines", None) if inner == "text" else ("records", arg)
    if origin is dict:
        return "pairs", _kind(get_args(annotation)[1])[0]
    if inspect.isclass(annotation) and issubclass(annotation, Form):
        return "group", annotation
    return {date: "date", int: "count", Decimal: "amount"}.get(annotation, "text"), None


def _by_alias(model: type[Form]) -> dict:
    return {info.alias: info for info in model.model_fields.values()}


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, (dict, list)) else str(value)
