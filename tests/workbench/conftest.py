import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of data/ (the three samples and the catalog) that a test may change."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy
