"""One unit-year as the workbench shows it: found safely under the data root, checked, previewed, built.

Every path the browser names is a unit found by `find_units` under the root, or a file the last build wrote
directly into the output folder; anything else is "not found", so no request reaches a file outside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..batch import UnitResult, build_many, find_units
from ..build import Options, compute
from ..check import check_file
from ..check.engine import Finding
from ..errors import DataError, JuesuanError, explain
from ..manifest import CACHE, Fingerprinter, Manifest
from ..render.chart_cache import cache_in
from ..render.document import render_document
from ..render.typography import font_assets, load_typography, stylesheet
from ..write.names import DEFAULT_FORMATS, FORMATS

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


def relative_name(root: Path, path: Path) -> str:
    return path.resolve().relative_to(Path(root).resolve()).as_posix()


@dataclass
class Checked:
    findings: list[Finding]
    problem: str = ""           # why the unit could not be checked at all (bad data), as the CLI says it


def checked(path: Path) -> Checked:
    try:
        return Checked(check_file(path))
    except (DataError, JuesuanError) as exc:
        return Checked([], explain(exc, path, outcome="无法核对"))


def build(path: Path, out_dir: Path) -> UnitResult:
    """Build the unit's DOCX and PDF as `juesuan build` does (the manifest updated, errors refused)."""
    return build_many([path], out_dir, list(DEFAULT_FORMATS), Options(), jobs=1, force=True)[0]


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


def preview_parts(path: Path, out_dir: Path) -> tuple[str, str, dict[str, bytes]]:
    """The preview's HTML, its stylesheet (the layout's 排版 then print.css, as the HTML writer joins them)
    and its assets (charts, and the fonts the stylesheet loads). Made again only when something that shapes
    the document changed (the batch manifest's hash), since the page, its stylesheet and each chart ask."""
    key = Fingerprinter(Options(), {}).unit(path)
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
