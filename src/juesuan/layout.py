"""A layout: a province's or county's way of printing the document, as a folder chosen by name.

A layout folder holds what shapes the document and nothing that computes:

    templates/henan/
      版式.yaml        名称 (what to call it) and 继承 (the layout it overrides; default: sichuan)
      配置.yaml        number and wording options, tables and checks (the keys of ``--config``)
      科目目录/        catalog additions: 功能分类/2024.yaml, 经济分类/…, 名词解释.yaml
      *.html.j2, parts/, print.css   templates and stylesheet overriding those of the layout it extends

Lookup is one explicit list, first match wins: the layout, then the layouts it extends in order, ending
with the bundled default (`sichuan`), which is complete. ``--templates`` folders, when given, come before
all of them. `juesuan build --layout henan` (or ``版式: henan`` in the data file or the county's
``--config``) chooses one; a path to a folder of one's own works the same as a bundled name.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import JuesuanError
from .load.yaml_reader import read_yaml
from .validate import validate
from .validate.types import F, Form, Text

DEFAULT = "sichuan"
DESCRIPTION = "版式.yaml"
CONFIG = "配置.yaml"
CATALOG = "科目目录"
MAX_CHAIN = 12                      # layouts extending one another: a province, a city, a county, … never this many


class LayoutError(JuesuanError):
    """A layout that cannot be found or whose 继承 cannot be followed."""


class _Description(Form):
    name: Text = F("名称")
    extends: Text | None = F("继承", None)


@dataclass(frozen=True)
class Layout:
    """A chosen layout: its folders, most specific first, the bundled default last."""

    name: str
    folders: tuple[Path, ...]

    def config_files(self) -> list[Path]:
        """The layouts' 配置.yaml, most general first (so that a more specific one overrides it)."""
        return [f / CONFIG for f in reversed(self.folders) if (f / CONFIG).is_file()]

    def catalog_dirs(self) -> list[Path]:
        return [f / CATALOG for f in self.folders if (f / CATALOG).is_dir()]


def layouts_root() -> Path:
    """Where the bundled layouts live: ``<repo>/templates``."""
    return Path(__file__).resolve().parents[2] / "templates"


def bundled() -> dict[str, Path]:
    """Every bundled layout by name."""
    return {p.name: p for p in sorted(layouts_root().iterdir()) if (p / DESCRIPTION).is_file()}


def find_layout(chosen: str | Path | None = None) -> Layout:
    """The layout named `chosen` (a bundled name or a folder), with the chain of layouts it extends."""
    folder = _folder(chosen if chosen not in (None, "") else DEFAULT)
    folders: list[Path] = []
    while True:
        if folder.resolve() in [f.resolve() for f in folders]:
            chain = " → ".join(f.name for f in folders + [folder])
            raise LayoutError(f"版式的「继承」绕成了一个圈：{chain}；请改正其中一个的 {DESCRIPTION}")
        folders.append(folder)
        if len(folders) > MAX_CHAIN:
            raise LayoutError(f"版式层层「继承」超过 {MAX_CHAIN} 层（{folders[0].name} → … → {folder.name}），请检查各版式的 {DESCRIPTION}")
        description = describe(folder)
        parent = description.extends
        if parent is None and folder.resolve() != bundled()[DEFAULT].resolve():
            parent = DEFAULT
        if parent is None:
            break
        folder = _folder(parent, folder)
    return Layout(describe(folders[0]).name, tuple(folders))


def describe(folder: Path) -> _Description:
    """A layout folder's 版式.yaml, validated (a folder without one is a layout named after the folder)."""
    path = folder / DESCRIPTION
    if not path.is_file():
        return _Description.model_validate({"名称": folder.name})
    return validate(read_yaml(path), _Description)


def _folder(chosen: str | Path, relative_to: Path | None = None) -> Path:
    names = bundled()
    if str(chosen) in names:
        return names[str(chosen)]
    candidate = Path(chosen)
    if relative_to is not None and not candidate.is_absolute():
        candidate = Path(os.path.normpath(relative_to / candidate))     # relative to the extending layout
    if candidate.is_dir():
        return candidate
    near = difflib.get_close_matches(str(chosen), list(names), n=1, cutoff=0.5)
    hint = f"是否想写「{near[0]}」？" if near else ""
    where = f"（{relative_to / DESCRIPTION} 的「继承」）" if relative_to is not None else ""
    raise LayoutError(f"找不到版式「{chosen}」{where}。{hint}内置版式有：{'、'.join(names)}；"
                      "也可以给出一个版式文件夹的路径")


def county_layout(config: Path | None) -> str | Path | None:
    """The 版式 a county's ``--config`` names, if any (read first: it decides which layouts' 配置 apply);
    a folder is taken relative to the config file."""
    if config is None:
        return None
    raw = read_yaml(Path(config))
    chosen = raw.data.get("版式") if isinstance(raw.data, dict) else None
    if not isinstance(chosen, str) or not chosen.strip():
        return None
    chosen = chosen.strip()
    folder = Path(os.path.normpath(Path(config).parent / chosen))
    return folder if chosen not in bundled() and folder.is_dir() else chosen   # a name is reported as written
