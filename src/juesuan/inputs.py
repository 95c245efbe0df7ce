"""What a build or a check reads: the data file (read and validated), and the options a county or script chose.

Kept apart from build.py so `juesuan check` can read inputs exactly as `juesuan build` does without
depending on the build itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .facts.catalog import bundled_catalog_dir
from .load.yaml_reader import RawDocument, read_yaml
from .validate import validate
from .validate.model import YearData


@dataclass
class Options:
    """What a county or a script may choose; every field has the default an officer needs."""

    template_dirs: Sequence[Path] = ()
    catalog_dirs: Sequence[Path] = ()
    config: Path | None = None

    def catalog_path(self) -> list[Path]:
        return [Path(d) for d in self.catalog_dirs] + [bundled_catalog_dir()]


@dataclass
class Loaded:
    raw: RawDocument
    data: YearData


def load(path: Path) -> Loaded:
    """Read and validate one yearly data file (DataError lists every problem with file:line)."""
    raw = read_yaml(Path(path))
    return Loaded(raw, validate(raw))


def last_year_file(path: Path, data: YearData) -> Path:
    """Where last year's data file of the same unit lives: `<year-1>.yaml` beside this one."""
    return Path(path).with_name(f"{data.year - 1}.yaml")
