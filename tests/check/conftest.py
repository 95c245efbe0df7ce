"""The `unit_dir` fixture: where a test writes its variant of a sample data file."""

from pathlib import Path

import pytest


@pytest.fixture
def unit_dir(tmp_path: Path) -> Path:
    return tmp_path / "unit"
