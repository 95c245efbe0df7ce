"""A copy of a sample unit to attack: its narrative text edited, its workbook beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "mianzhu-yibao"
NAME = "  名称: 绵竹市医疗保障局\n"


def make_unit(folder: Path, *edits: tuple[str, str], year: str = "2024") -> Path:
    """`folder/<year>.yaml` (and its workbook): the 绵竹 sample with each (old, new) replaced once."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (SAMPLE / "2024.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    shutil.copy(SAMPLE / "2024.xlsx", folder / "2024.xlsx")
    path = folder / f"{year}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def unit(tmp_path):
    def make(*edits: tuple[str, str], folder: str = "unit", year: str = "2024") -> Path:
        return make_unit(tmp_path / folder, *edits, year=year)
    return make
