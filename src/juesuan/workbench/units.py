"""One unit-year as the workbench shows it: found safely under the data root, checked, previewed, its forms.

Every path the browser names is a unit found by `find_units` under the root, or a file the last build wrote
directly into the output folder; anything else is "not found", so no request reaches a file outside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..batch import find_units
from ..build import Options, compute, report_for
from ..check import check_file
from ..check.engine import Finding
from ..errors import DataError, JuesuanError, Problem, explain
from ..inputs import last_year_file, load
from ..load.yaml_reader import read_yaml
from ..manifest import CACHE, Fingerprinter, Manifest
from ..render.chart_cache import cache_in
from ..render.document import render_document
from ..render.typography import font_assets, load_typography, stylesheet
from ..tables.figures import Figures, name_of
from ..write.names import DEFAULT_FORMATS, FORMATS
from . import sentences
from .fields import Field, unit_forms
from .reasons import Reason
from .sentences import Line

DOWNLOADS = {FORMATS[f]: f for f in DEFAULT_FORMATS}       # suffix → format of the files offered


class NotFound(Exception):
    """The browser named something that is not a unit under the root or a file of the output folder."""


def unit_path(root: Path, relative: str) -> Path:
    """The data file `relative` (e.g. "mianzhu-yibao/2024.yaml") if it is one of the root's units."""
    base = Path(root).resolve()
    wanted = (base / relative).resolve()
    if not wanted.is_relative_to(base) or wanted not in {p.resolve() for p in find_units([root])}:
        raise NotFound(relative)
    return wanted


def next_year(path: Path) -> int:
    """The year after a unit-year's (its file is named `<year>.yaml`, as `find_units` requires)."""
    return int(path.stem) + 1


def relative_name(root: Path, path: Path) -> str:
    return path.resolve().relative_to(Path(root).resolve()).as_posix()


@dataclass
class Checked:
    findings: list[Finding]
    problem: str = ""           # why the unit could not be checked at all, as the CLI says it
    problems: list[Problem] = field(default_factory=list)      # …each located, when the data did not read


def checked(path: Path) -> Checked:
    try:
        return Checked(check_file(path))
    except DataError as exc:
        return Checked([], explain(exc, path, outcome="无法核对"), exc.problems)
    except JuesuanError as exc:
        return Checked([], explain(exc, path, outcome="无法核对"))


def explained(path: Path, slots: list[Reason], out_dir: Path) -> tuple[list[Line], list[Reason]]:
    """The 情况说明 sentence by sentence with its reason slots (see `sentences`), charts from the build's cache."""
    return sentences.explained(path, slots, cache_in(Path(out_dir) / CACHE / "charts"))


def forms(path: Path, checked: Checked) -> list[Field]:
    """The unit's forms (see `fields`), with 上年 when the document needs last year's figures from this file and
    a row of 未提供的公开表 for each table `check` found missing; none when the file does not read as YAML."""
    try:
        raw = read_yaml(path).data
    except DataError:
        return []
    missing = [x.figures["缺少的表"] for x in checked.findings if x.rule_id == "JS-TAB-008" and "缺少的表" in x.figures]
    return unit_forms(raw, prior_names=compared_with_last_year(path), missing_tables=missing)


class _Asked(Figures):
    """Last year's figures that remember every name the document asked for."""

    def __init__(self):
        super().__init__()
        self.asked: list[str] = []

    def get(self, name: str):
        self.asked.append(name)
        return None


def compared_with_last_year(path: Path) -> list[str] | None:
    """The figures the document compares with last year's, for the 上年 form; None when last year's own data
    file is beside this one (it is then the prior year, and 上年 is not needed), or the data does not read."""
    try:
        loaded = load(path, Options())
    except JuesuanError:
        return None
    if last_year_file(path, loaded.data).exists():
        return None
    asked = _Asked()
    report_for(loaded, asked)
    return [name for name in dict.fromkeys(asked.asked) if name_of(name) is not None]


def downloads(path: Path, out_dir: Path) -> list[Path]:
    """The unit's files from its last build into `out_dir`, if they are still there."""
    entry = Manifest.read(out_dir).entry(path) or {}
    return [out_dir / name for name in entry.get("outputs", {}) if (out_dir / name).is_file()]


def output_file(out_dir: Path, name: str) -> Path:
    """A finished file directly in the output folder (never a temporary, a hidden file or a folder)."""
    base = Path(out_dir).resolve()
    wanted = (base / name).resolve()
    if wanted.parent != base or name.startswith(".") or wanted.suffix not in DOWNLOADS or not wanted.is_file():
        raise NotFound(name)
    return wanted


_ASSET = re.compile(r"""(src="|url\(["']?)asset:([^"')]+)""")


def for_browser(text: str, asset_url) -> str:
    """HTML or CSS with each `asset:NAME` (a chart, a font) pointing at the workbench's URL for it."""
    return _ASSET.sub(lambda m: m.group(1) + asset_url(m.group(2)), text)


_PREVIEWS: dict[Path, tuple[str, tuple[str, str, dict[str, bytes]]]] = {}


def version(path: Path) -> str:
    """What the unit's document is made from (its data, workbook, layout and catalogs), as the batch manifest
    hashes it: when this changes, the preview is out of date."""
    return Fingerprinter(Options(), {}).unit(path)


def preview_parts(path: Path, out_dir: Path) -> tuple[str, str, dict[str, bytes]]:
    """The preview's HTML, its stylesheet (the layout's 排版 then print.css, as the HTML writer joins them)
    and its assets (charts, and the fonts the stylesheet loads). Made again only when something that shapes
    the document changed (the batch manifest's hash), since the page, its stylesheet and each chart ask."""
    key = version(path)
    if path in _PREVIEWS and _PREVIEWS[path][0] == key:
        return _PREVIEWS[path][1]
    parts = _preview_parts(path, out_dir)
    if len(_PREVIEWS) >= 8:                                  # a few units' previews at a time
        _PREVIEWS.pop(next(iter(_PREVIEWS)))
    _PREVIEWS[path] = (key, parts)
    return parts


def _preview_parts(path: Path, out_dir: Path) -> tuple[str, str, dict[str, bytes]]:
    loaded, report = compute(path, Options())
    folders = loaded.options.template_path()
    document = render_document(report, folders, cache_in(Path(out_dir) / CACHE / "charts"))
    typography = load_typography(folders)
    return document.html, stylesheet(typography) + document.stylesheet, {**document.assets, **font_assets(typography)}
