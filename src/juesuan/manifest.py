"""What each unit's files were built from, so an unchanged unit is skipped instead of rebuilt (3 s → ≈ 0).

The manifest (``<output>/.juesuan-manifest.json``) holds, per data file, one hash of everything that shaped its
document — the data file, the workbook it uses, last year's data file and workbook, every file of the layout
folders, ``--templates`` and catalogs, the ``--config`` file, the reference DOCX, juesuan itself and the
requested formats and options — and a hash of each file written. A unit is skipped only when both still match.
Hashing reads bytes and a few top-level lines of the data file; it never parses or validates the data, so a
skip costs milliseconds.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from . import inputs
from .load.yaml_reader import RawDocument, read_yaml
from .render.fonts import FONT_SUFFIXES, FONTS_DIR
from .write.atomic import write_atomic
from .write.docx_pages import switched_off

MANIFEST = ".juesuan-manifest.json"
CACHE = ".juesuan-cache"           # beside it: what later runs may reuse (drawn charts)
FORMAT = 1
SUBFOLDERS = ("parts", "tables", FONTS_DIR, "功能分类", "经济分类")   # a layout's and a catalog's (科目目录 is one)
SUFFIXES = (".j2", ".css", ".yaml", ".yml", *FONT_SUFFIXES)
_KEY = re.compile(r"^(决算报表|版式|年度|公开表)[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?$", re.MULTILINE)
_PLAIN = re.compile(r"""^(?:"([^"\\]*)"|'([^']*)'|([^\s'"|>&*!{\[%@`][^#]*?))$""")


def file_hash(path: Path) -> str:
    """The file's content hash, or a marker saying it is missing (a file that appears later changes the hash)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


@functools.cache
def _package_hash() -> str:
    """juesuan's own version: every module's source, so a changed program rebuilds (the version number alone
    does not change between commits)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for source in sorted(root.rglob("*.py")):
        digest.update(str(source.relative_to(root)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


@dataclass
class Fingerprinter:
    """Hashes units' inputs; a folder is hashed once per run (shared by all its units), the program once."""

    options: inputs.Options
    settings: dict
    _folders: dict[Path, str] = field(default_factory=dict)

    def unit(self, path: Path) -> str:
        """The hash of everything that shapes `path`'s document."""
        path = inputs.data_file(path)
        keys = top_level(path)
        options = self._options(keys, path)
        digest = hashlib.sha256()
        parts = [("program", _package_hash()), ("settings", json.dumps(self.settings, sort_keys=True, default=str)),
                 ("data", file_hash(path)), *(("workbook", file_hash(w)) for w in _workbooks(path, keys))]
        year = keys.get("年度") or path.stem
        if year.isdigit():
            before = path.with_name(f"{int(year) - 1}.yaml")
            parts.append(("last year", file_hash(before)))
            if before.is_file():
                parts += [("last year's workbook", file_hash(w)) for w in _workbooks(before, top_level(before))]
        for extra in (options.config, getattr(self.options, "reference_docx", None)):
            parts.append(("file", file_hash(extra) if extra else "none"))
        try:
            folders = [*options.template_path(), *options.catalog_path()]
        except Exception as exc:          # an unknown layout: the build reports it; the hash just says so
            folders, parts = [], parts + [("layout", f"error {exc}")]
        parts += [("folder", self.folder(f)) for f in folders]
        for name, value in parts:
            digest.update(name.encode() + b"\0" + value.encode() + b"\0")
        return digest.hexdigest()

    def folder(self, folder: Path) -> str:
        """The files of `folder` a build can read (templates, CSS, YAML, fonts, catalogs), by name and content.
        Only the folder itself and the subfolders a layout or catalog has are listed, never walked deeper:
        a layout named "/" costs as little as any other."""
        key = Path(folder).resolve()
        if key not in self._folders:
            digest = hashlib.sha256(str(key).encode())
            for item in _used_files(key):
                digest.update(str(item.relative_to(key)).encode() + b"\0" + file_hash(item).encode() + b"\0")
            self._folders[key] = digest.hexdigest()
        return self._folders[key]

    def _options(self, keys: dict[str, str], path: Path) -> inputs.Options:
        """The options the build will use: the data file's 版式 applies unless the command line chose one."""
        if "版式" not in keys:
            return self.options
        try:
            return inputs.with_data_layout(self.options, RawDocument({"版式": keys["版式"]}, None), path)
        except Exception:
            return self.options


def _used_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for sub in ("", *SUBFOLDERS):
        try:
            entries = sorted((folder / sub).iterdir()) if (folder / sub).is_dir() else []
        except OSError:
            continue
        found += [p for p in entries if p.suffix.lower() in SUFFIXES and p.is_file()]
    return found


def top_level(path: Path) -> dict[str, str]:
    """The data file's 决算报表, 版式, 年度 and 公开表 keys as written — read from their lines, falling back
    to the YAML reader when a value is not a plain one-line scalar (so the answer is the reader's)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, str] = {}
    for key, value in _KEY.findall(text):
        if key == "公开表":
            found[key] = "inline"
            continue
        plain = _PLAIN.match(value)
        if plain is None or key in found:
            return _read(path)
        found[key] = next(g for g in plain.groups() if g is not None).strip()
    return found


def _read(path: Path) -> dict[str, str]:
    try:
        values = read_yaml(path).data
    except Exception:
        return {}
    if not isinstance(values, dict):
        return {}
    found = {k: str(values[k]).strip() for k in ("决算报表", "版式", "年度") if values.get(k) is not None}
    return found | ({"公开表": "inline"} if values.get("公开表") is not None else {})


def _workbooks(path: Path, keys: dict[str, str]) -> list[Path]:
    """The workbook the data uses (as inputs._tables finds it): the one named in 决算报表, else one beside it."""
    if keys.get("决算报表"):
        return [path.parent / keys["决算报表"]]
    if "公开表" in keys:
        return []
    return [path.with_suffix(s) for s in inputs.WORKBOOK_SUFFIXES]


@dataclass
class Manifest:
    """The manifest of one output folder: per data file, its inputs' hash and its outputs' hashes."""

    folder: Path
    units: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        try:
            stored = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(Path(folder))       # none yet, or unreadable: every unit is built
        units = stored.get("units") if isinstance(stored, dict) and stored.get("format") == FORMAT else None
        return cls(Path(folder), units if isinstance(units, dict) else {})

    def entry(self, path: Path) -> dict | None:
        """What the last build recorded for `path`, or None if it was never built into this folder."""
        entry = self.units.get(_key(path))
        return entry if isinstance(entry, dict) else None

    def unchanged(self, path: Path, inputs_hash: str) -> list[Path] | None:
        """The unit's files when its inputs match and every file is still there as written, else None."""
        entry = self.units.get(_key(path))
        if not isinstance(entry, dict) or entry.get("inputs") != inputs_hash or not entry.get("outputs"):
            return None
        files = [self.folder / name for name in entry["outputs"]]
        if any(file_hash(f) != h for f, h in zip(files, entry["outputs"].values())):
            return None
        return files

    def record(self, path: Path, inputs_hash: str, files: Sequence[Path]) -> None:
        self.units[_key(path)] = {"inputs": inputs_hash, "outputs": {Path(f).name: file_hash(f) for f in files}}

    def save(self) -> None:
        """Write atomically, keeping the entries another run recorded in the meantime (ours win)."""
        merged = Manifest.read(self.folder).units | self.units
        text = json.dumps({"format": FORMAT, "units": merged}, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomic(self.folder / MANIFEST, text.encode("utf-8"))


def _key(path: Path) -> str:
    return str(inputs.data_file(Path(path)).resolve())


def settings(formats: Sequence[str], allow_errors: bool, lo_toc: bool) -> dict:
    """The requested formats and options that change the files (the environment's switch for LibreOffice too)."""
    return {"formats": list(formats), "allow_errors": allow_errors, "lo_toc": lo_toc and not switched_off()}
