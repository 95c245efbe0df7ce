"""A copy of the 绵竹 sample unit with its narrative text edited and its workbook beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "mianzhu-yibao"


def make_unit(folder: Path, *edits: tuple[str, str], year: str = "2024") -> Path:
    """`folder/<year>.yaml` (and its workbook): the 绵竹 sample with each (old, new) replaced once; an old
    text of "" appends the new one at the end of the file."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (SAMPLE / "2024.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        if not old:
            text += new
            continue
        assert old in text, old
        text = text.replace(old, new, 1)
    shutil.copy(SAMPLE / "2024.xlsx", folder / "2024.xlsx")
    path = folder / f"{year}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def write_layout(folder: Path, files: dict[str, str], header: str = "名称: 某县\n") -> Path:
    """A layout folder for a test: its 版式.yaml (`header`) and each template or config file, by relative path."""
    for name, text in {"版式.yaml": header, **files}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder
