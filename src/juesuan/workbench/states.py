"""Where each unit-year under a data folder stands, as the units page shows it.

A unit is missing its workbook, has errors or warnings by `juesuan check`, and has been built into the
output folder (up to date, or changed since) or not. Every answer comes from a library call a script would
make: `find_units`, `check_file` and the batch manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..batch import find_units
from ..check import check_file
from ..errors import DataError, JuesuanError
from ..inputs import Options, tables_source
from ..manifest import Fingerprinter, Manifest, settings
from ..write.names import DEFAULT_FORMATS

NO_WORKBOOK, ERRORS, WARNINGS, READY = "无工作簿", "有错误", "有警告", "可以生成"
NOT_BUILT, UP_TO_DATE, CHANGED = "未生成", "已生成，是最新的", "生成后有改动"


@dataclass(frozen=True)
class UnitState:
    path: Path          # the data file
    file: str           # the same, relative to the data folder (what the workbench's links name)
    unit: str           # its folder's name, as in data/<单位>/<年度>.yaml
    year: str
    state: str          # NO_WORKBOOK, ERRORS, WARNINGS or READY
    errors: int
    warnings: int
    built: str          # NOT_BUILT, UP_TO_DATE or CHANGED
    first: str = ""     # the first problem, as `juesuan check` words it


def unit_states(root: Path, out_dir: Path, options: Options = Options(), lo_toc: bool = True) -> list[UnitState]:
    """The state of every unit-year under `root`, as the last build into `out_dir` left it."""
    manifest = Manifest.read(out_dir)
    fingerprint = Fingerprinter(options, settings(DEFAULT_FORMATS, False, lo_toc))
    return [_state(path, root, manifest, fingerprint, options) for path in find_units([root])]


def _state(path: Path, root: Path, manifest: Manifest, fingerprint: Fingerprinter, options: Options) -> UnitState:
    file, unit, year = _names(path, root)
    built = _built(path, manifest, fingerprint)
    try:
        source = tables_source(path)
    except DataError:
        source = path                       # unreadable: `check_file` below says why
    if source is None:
        return UnitState(path, file, unit, year, NO_WORKBOOK, 0, 0, built)
    try:
        findings = check_file(path, options)
    except DataError as exc:
        return UnitState(path, file, unit, year, ERRORS, len(exc.problems) + exc.unlisted, 0, built,
                         exc.problems[0].format() if exc.problems else str(exc))
    except JuesuanError as exc:
        return UnitState(path, file, unit, year, ERRORS, 1, 0, built, str(exc).splitlines()[0])
    errors = [f for f in findings if f.severity == "错误"]
    warnings = [f for f in findings if f.severity != "错误"]
    state = ERRORS if errors else WARNINGS if warnings else READY
    first = (errors or warnings)[0].format() if errors or warnings else ""
    return UnitState(path, file, unit, year, state, len(errors), len(warnings), built, first)


def _names(path: Path, root: Path) -> tuple[str, str, str]:
    relative = path.resolve().relative_to(Path(root).resolve())      # find_units finds only what is under root
    return relative.as_posix(), ("/".join(relative.parts[:-1]) or path.parent.name), path.stem


def _built(path: Path, manifest: Manifest, fingerprint: Fingerprinter) -> str:
    if manifest.entry(path) is None:
        return NOT_BUILT
    return UP_TO_DATE if manifest.unchanged(path, fingerprint.unit(path)) is not None else CHANGED
