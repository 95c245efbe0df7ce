"""The `公开表` section of a data file → TableSet, with every problem located at file:line:col.

Each table is written as its panels' columns and rows, one row per line, close to the sheet it came from::

    公开表:
      单位: 万元                       # the unit of every table below (a table may declare its own)
      支出决算表:
        列: [本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出]
        行:
          - [合计, 1778.52, 621.01, 1157.51, 0, 0, 0]
          - ["208", 社会保障和就业支出, 84.38, 84.38, 0, 0, 0, 0]
      收入支出决算总表:
        收入:
          列: [决算数]
          行:
            - [一般公共预算财政拨款收入, 1332.21]

A row starts with a classification code and its name, or with a fixed row's label (合计, 本年收入合计 …).
A blank value is zero, as on the forms.
"""

from __future__ import annotations

from typing import Any

from ..errors import DataError, Problem
from ..load.yaml_reader import SourceMap, dotted
from ..tables.forms import FORMS, TOTAL, Form, Panel, classify, form_for_title
from ..tables.labels import nearest, norm
from ..tables.model import UNITS, PanelData, Row, Source, Table, TableSet, to_wan
from .types import parse_amount, shown_as

ROOT = ("公开表",)
TABLE_KEYS = ("表号", "单位", "注", "列", "行")


class _Reader:
    def __init__(self, source: SourceMap, root: tuple = ROOT):
        self.map, self.root = source, root
        self.problems: list[Problem] = []

    def where(self, path: tuple) -> Source:
        line, column = self.map.locate(self.root + path)
        return Source(str(self.map.file), line=line, column=column)

    def problem(self, path: tuple, zh: str, en: str = "") -> None:
        line, column = self.map.locate(self.root + path)
        self.problems.append(Problem(self.map.file, line, column, dotted(self.root + path), zh, en or zh))


def tables_from_yaml(value: Any, source: SourceMap, root: tuple = ROOT) -> TableSet:
    """Read the 公开表 mapping at `root`; DataError lists every problem at once."""
    reader = _Reader(source, root)
    result = TableSet(source=reader.where(()))
    if not isinstance(value, dict):
        reader.problem((), "「公开表」应为一组表格（表名: 内容）", "公开表 must map table titles to tables")
        raise DataError(reader.problems)
    default_unit = value.get("单位")
    if default_unit is not None and default_unit not in UNITS:
        reader.problem(("单位",), f"金额单位应为「万元」或「元」，实际为「{default_unit}」")
        default_unit = None
    for title, body in value.items():
        if title in ("单位", "编制单位"):
            if title == "编制单位":
                result.unit_name = str(body or "").strip()
            continue
        form = form_for_title(title)
        if form is None:
            near = nearest(title, [f.id for f in FORMS])
            hint = f"，是否想写：「{near[0]}」" if near else ""
            reader.problem((title,), f"不认识的公开表「{title}」{hint}", f"unknown table {title!r}")
            continue
        if form.id in result.tables:
            reader.problem((title,), f"公开表「{form.id}」写了两次，请合并为一处", f"table {form.id} given twice")
            continue
        table = _table(reader, form, title, body, default_unit)
        if table is not None:
            result.tables[form.id] = table
    if reader.problems:
        raise DataError(reader.problems)
    return result


def _table(reader: _Reader, form: Form, title: str, body: Any, default_unit: str | None) -> Table | None:
    path = (title,)
    if not isinstance(body, dict):
        reader.problem(path, f"「{title}」应包含「列」和「行」", "a table has 列 and 行")
        return None
    panel_names = [p.name for p in form.panels if p.name]
    allowed = set(TABLE_KEYS if not panel_names else ("表号", "单位", "注", *panel_names))
    for key in body:
        if key not in allowed:
            near = nearest(key, sorted(allowed))
            hint = f"，是否想写：「{near[0]}」" if near else f"（可写：{'、'.join(sorted(allowed))}）"
            reader.problem(path + (key,), f"「{title}」中无法识别的项目「{key}」{hint}", f"unknown key {key!r}")
    unit = body.get("单位", default_unit)
    if unit not in UNITS:
        where = path + ("单位",) if "单位" in body else path
        reader.problem(where, f"「{title}」没有写明金额单位：请在表中或「公开表」下写「单位: 万元」或「单位: 元」",
                       "the table's unit (万元 or 元) is missing")
        return None
    notes = body.get("注") or []
    notes = [notes] if isinstance(notes, str) else [str(n) for n in notes]
    panels = {}
    for panel in form.panels:
        content = body.get(panel.name) if panel.name else body
        if panel.name and content is None:
            panels[panel.name] = PanelData([c.key for c in panel.columns[:1]])
            continue
        ppath = path + ((panel.name,) if panel.name else ())
        panels[panel.name] = _panel(reader, form, panel, content, unit, ppath)
    return Table(form, panels, unit, reader.where(path), str(body.get("表号") or ""), notes)


def _panel(reader: _Reader, form: Form, panel: Panel, content: Any, unit: str, path: tuple) -> PanelData:
    if not isinstance(content, dict):
        reader.problem(path, "应包含「列」和「行」", "a panel has 列 and 行")
        return PanelData([])
    known = [c.key for c in panel.columns]
    columns = content.get("列")
    if not isinstance(columns, list) or not columns:
        reader.problem(path + ("列",), f"「列」应列出各列名称，可用：{'、'.join(known)}", "列 lists the columns")
        return PanelData([])
    good = []
    for i, key in enumerate(columns):
        if key not in known:
            near = nearest(str(key), known)
            hint = f"，是否想写：「{near[0]}」" if near else f"（可用：{'、'.join(known)}）"
            reader.problem(path + ("列", i), f"「{form.id}」没有「{key}」这一列{hint}", f"unknown column {key!r}")
        elif key in good:
            reader.problem(path + ("列", i), f"列「{key}」写了两次", f"column {key!r} twice")
        else:
            good.append(key)
    if len(good) != len(columns):
        return PanelData(good)
    data = PanelData(good)
    rows = content.get("行") or []
    if not isinstance(rows, list):
        reader.problem(path + ("行",), "「行」应为列表，每行形如 [编码, 名称, 数值…] 或 [行名, 数值…]", "行 is a list")
        return data
    seen: dict[str, int] = {}
    for i, cells in enumerate(rows):
        row = _row(reader, panel, cells, good, unit, path + ("行", i))
        if row is None:
            continue
        if row.key in seen:
            reader.problem(path + ("行", i), f"「{row.name}」在本表中出现了两次（另一处是第 {seen[row.key] + 1} 行），请合并",
                           f"row {row.key} twice")
            continue
        seen[row.key] = i
        data.rows.append(row)
    return data


def _row(reader: _Reader, panel: Panel, cells: Any, columns: list[str], unit: str, path: tuple) -> Row | None:
    if not isinstance(cells, list) or not cells:
        reader.problem(path, "每行应写成 [编码, 名称, 数值…] 或 [行名, 数值…]", "a row is a list")
        return None
    head = "" if cells[0] is None else str(cells[0]).strip()
    coded = classify(head)
    if coded is not None:
        if panel.rows == "fixed" and not (panel.classes_by_name and coded.kind == "功能分类" and coded.level == 1):
            reader.problem(path + (0,), f"本栏不按科目列示，不能有科目编码「{head}」", f"no coded rows here ({head})")
            return None
        if panel.classification != "任意" and coded.kind != panel.classification:
            reader.problem(path + (0,), f"「{head}」是{coded.kind}编码，本表应为{panel.classification}",
                           f"{head} is not a {panel.classification} code")
            return None
        key, name, first = head, ("" if len(cells) < 2 or cells[1] is None else str(cells[1]).strip()), 2
    else:
        key = _fixed_key(reader, panel, head, path)
        if key is None:
            return None
        name, first = key, 1
    values = cells[first:]
    if len(values) != len(columns):
        reader.problem(path, f"「{head}」这一行有 {len(values)} 个数，而「列」有 {len(columns)} 列（{'、'.join(columns)}）",
                       f"{len(values)} values for {len(columns)} columns")
        return None
    row = Row(key, name, {}, reader.where(path))
    for j, (column, text) in enumerate(zip(columns, values)):
        amount = parse_amount("" if text is None else str(text))
        if amount is None:
            reader.problem(path + (first + j,), f"「{head}」的「{column}」应为数字（如 1332.21，不带单位和千位分隔符），"
                                                f"{shown_as(text)}", "not an amount")
            continue
        row.values[column] = to_wan(amount, unit)
        row.sources[column] = reader.where(path + (first + j,))
    return row


def _fixed_key(reader: _Reader, panel: Panel, label: str, path: tuple) -> str | None:
    wanted = norm(label)
    for fixed in panel.fixed:
        if wanted in fixed.names() or wanted == norm(fixed.key):
            return fixed.key
    if panel.rows == "coded" and wanted == norm(TOTAL):
        return TOTAL
    options = [f.key for f in panel.fixed] + ([] if panel.rows == "fixed" else ["科目编码"])
    near = nearest(label, [f.key for f in panel.fixed])
    hint = f"，是否想写：「{near[0]}」" if near else f"（可用：{'、'.join(options)}）"
    reader.problem(path + (0,), f"不认识的行「{label}」{hint}", f"unknown row {label!r}")
    return None
