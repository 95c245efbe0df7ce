"""A copy of a sample unit to attack (tests.support.units): its narrative text edited, its workbook beside it."""

from __future__ import annotations

import pytest

from tests.support.units import ROOT, SAMPLE, make_unit  # noqa: F401 - SAMPLE and ROOT are used by the tests
NAME = "  名称: 绵竹市医疗保障局\n"


@pytest.fixture
def unit(tmp_path):
    def make(*edits: tuple[str, str], folder: str = "unit", year: str = "2024") -> Path:
        return make_unit(tmp_path / folder, *edits, year=year)
    return make
