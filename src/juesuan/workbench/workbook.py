"""Bring or replace a unit's workbook from the browser: checked before it replaces anything, and what changed.

The file must be what it says (an .xlsx is a zip, an .xls an OLE file, at most MAX_BYTES) and its 公开表 must
read (every problem located as workbook!sheet!cell, in the officer's words) before it is written, atomically, as
the unit's workbook: the one the data file names in 决算报表 (a workbook of the other format takes its name with
its own suffix, and 决算报表 is changed to it), else `<年度>.xlsx|.xls` beside it. The changes are
every table cell whose figure differs from the workbook it replaces.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..errors import DataError, JuesuanError
from ..inputs import Options, class_codes, load, tables_source
from ..load.workbook import read_workbook
from ..load.yaml_reader import read_yaml
from ..tables.model import TableSet
from ..validate.workbook_tables import Imported, tables_from_workbook
from ..write.atomic import write_atomic
from .yamlfile import load_for_edit, save_edited

MAX_BYTES = 20 * 1024 * 1024        # a county's largest 决算 export is a few MB
MAGIC = {".xlsx": b"PK\x03\x04", ".xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}


@dataclass(frozen=True)
class Change:
    table: str
    row: str
    column: str
    before: Decimal | None          # None: the row was not in the workbook replaced
    after: Decimal | None           # None: the row is gone


def replace_workbook(path: Path, filename: str, content: bytes) -> list[Change]:
    """Make `content` (uploaded as `filename`) the workbook of the unit whose data file is `path`; the cells
    that changed. Raises JuesuanError (DataError with every located problem) and leaves everything as it was
    when the file is not a readable 决算 workbook."""
    suffix = upload_suffix(filename, content)
    values = read_yaml(path).data
    values = values if isinstance(values, dict) else {}
    if values.get("公开表") is not None:
        raise JuesuanError("本单位的公开表直接写在数据文件中（「公开表」一节）；请用 juesuan import 把工作簿导入数据文件")
    named = values.get("决算报表")
    replaced = path.parent / str(named) if named else None
    target = path.with_suffix(suffix) if replaced is None else replaced.with_suffix(suffix)   # .xls for .xlsx too
    year = values.get("年度")
    new = read_upload(content, target.name, int(year) if str(year).isdigit() else None).tables
    before = _current(path)
    write_atomic(target, content)
    if replaced is not None and replaced != target:
        doc = load_for_edit(path)                          # the other format: 决算报表 names the new file
        doc["决算报表"] = target.name
        save_edited(path, doc)
        replaced.unlink(missing_ok=True)
    for old in (path.with_suffix(s) for s in MAGIC):
        if not named and old != target and old.is_file():
            old.unlink()                       # one workbook beside the data file: the new one
    return changes(before, new)


def upload_suffix(filename: str, content: bytes) -> str:
    """The workbook's kind (.xlsx or .xls) when `content` is one and not too large; else JuesuanError."""
    suffix = Path(filename).suffix.lower()
    if suffix not in MAGIC or not content.startswith(MAGIC[suffix]):
        raise JuesuanError(f"「{filename}」不是 Excel 工作簿（.xlsx 或 .xls）；请上传决算软件导出的公开表工作簿")
    if len(content) > MAX_BYTES:
        raise JuesuanError(f"工作簿太大（{len(content) // 1024 // 1024} MB，最多 {MAX_BYTES // 1024 // 1024} MB）")
    return suffix


def read_upload(content: bytes, name: str, year: int | None) -> Imported:
    """The 公开表 of `content`, read under the workbook's own name so that problems name it (DataError)."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / name
        probe.write_bytes(content)
        return tables_from_workbook(probe, class_codes(year or 9999, Options()), sheets=read_workbook(probe))


def _current(path: Path) -> TableSet | None:
    try:
        return load(path, Options()).tables if isinstance(tables_source(path), Path) else None
    except DataError:
        return None                             # the old one did not read: everything counts as new


def changes(before: TableSet | None, after: TableSet) -> list[Change]:
    """Every cell that differs, in the new workbook's order (rows gone at the end)."""
    def cells(tables: TableSet | None) -> dict[tuple, tuple[str, Decimal]]:
        return {} if tables is None else {(t.id, panel, row.key, column): (row.name, value)
                                          for t in tables for panel, row, column, value in t.cells()}
    old, new = cells(before), cells(after)
    found = [Change(key[0], name, key[3], old[key][1] if key in old else None, value)
             for key, (name, value) in new.items() if key not in old or old[key][1] != value]
    found += [Change(key[0], name, key[3], value, None) for key, (name, value) in old.items() if key not in new]
    return found
