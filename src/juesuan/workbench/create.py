"""A new unit-year from the browser, from nothing but its workbook: the officer names the unit's folder (or
takes the unit's name the workbook gives) and the year; the workbook is checked, kept beside a first data file
that names it in 决算报表, and from there the unit's page asks for the rest. Nothing is written unless the
workbook reads, and nothing existing is replaced."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..batch import NOT_UNITS
from ..errors import JuesuanError
from ..exchange import new_data_file
from ..write.atomic import write_atomic
from .workbook import read_upload, upload_suffix

_FOLDER = re.compile(r"^[^/\\:*?\"<>|\x00-\x1f]{1,64}$")


def create_unit(root: Path, folder: str, year: str, filename: str, content: bytes) -> Path:
    """Write `<root>/<folder>/<year>.yaml` and its workbook from the uploaded `content`; the data file's path.
    An empty `folder` or `year` is taken from the workbook (its 编制单位, the year its titles name)."""
    suffix = upload_suffix(filename, content)
    typed = unicodedata.normalize("NFKC", year).strip()
    if typed and not re.fullmatch(r"20\d\d", typed):
        raise JuesuanError(f"年度应为四位数字（如 2024），实际为「{year}」")
    imported = read_upload(content, Path(filename).name, int(typed) if typed else None)
    year_ = int(typed) if typed else imported.year
    if year_ is None:
        raise JuesuanError("工作簿的表名中没有写年度，请填写年度（如 2024）")
    name = imported.tables.unit_name or ""
    folder = folder.strip() or name
    if not folder:
        raise JuesuanError("工作簿中没有写编制单位，请填写单位文件夹的名称（如 mianzhu-yibao）")
    if not _FOLDER.match(folder) or folder.startswith(".") or folder != folder.strip(". ") or folder in NOT_UNITS:
        raise JuesuanError(f"单位文件夹的名称「{folder}」不能用：只写一个名称，不含 / \\ : * ? \" < > | 等字符，不以“.”开头，"
                           "也不用科目目录等保留的名称")
    unit_dir = Path(root) / folder
    data = unit_dir / f"{year_}.yaml"
    workbook = data.with_suffix(suffix)
    for there in (data, workbook):
        if there.exists():
            raise JuesuanError(f"{folder}/{there.name} 已经有了，未作改动；请在单位列表中打开这个单位")
    unit_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(workbook, content)
    text = new_data_file(name, year_, f"由工作台从 {Path(filename).name} 建立，工作簿存为 {workbook.name}",
                         f"决算报表: {workbook.name}")
    write_atomic(data, text.encode("utf-8"))
    return data
