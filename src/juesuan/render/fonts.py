"""Which faces print the document: the official ones where the machine or the layout has them, open ones
otherwise — and a warning naming each official face that had to be replaced.

A bureau's documents are set in 仿宋_GB2312, 黑体, 楷体_GB2312 and 方正小标宋, with figures in Times New Roman.
Those are licensed fonts that most Linux machines lack, so every official name carries its names on
Windows and macOS and then the open faces that cover GB2312 (the Fandol faces and AR PL UKai, installed by
scripts/setup.sh; Liberation Serif has the metrics of Times New Roman), and Noto CJK last for any rarer
character. A county that has the licensed files drops them into its layout's `fonts/` folder: they are
read here, handed to the PDF writer as assets and embedded, so the PDF no longer depends on the machine.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import DataError, Problem

FONTS_DIR = "fonts"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
MAX_FONT_BYTES = 64 * 1024 * 1024
LATIN_RANGE = "U+0020-007E"          # digits and Latin letters; “”、— stay in the Chinese face, as in Word
SAFE_NAME = re.compile(r"^[\w\- ]{1,40}$")   # letters (Chinese too), digits, _ - and spaces: safe inside CSS quotes


@dataclass(frozen=True)
class Face:
    """An official face: its names on Windows/macOS/fontconfig, the open faces that stand in, the generic."""

    names: tuple[str, ...]
    open: tuple[str, ...]
    generic: str = "serif"


_SERIF_LAST, _SANS_LAST = "Noto Serif CJK SC", "Noto Sans CJK SC"
FACES: dict[str, Face] = {
    "仿宋_GB2312": Face(("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋"), ("FandolFang",)),
    "仿宋": Face(("仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "STFangsong", "华文仿宋"), ("FandolFang",)),
    "楷体_GB2312": Face(("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体"),
                      ("FandolKai", "AR PL UKai CN")),
    "楷体": Face(("楷体", "KaiTi", "楷体_GB2312", "KaiTi_GB2312", "STKaiti", "华文楷体"), ("FandolKai", "AR PL UKai CN")),
    "黑体": Face(("黑体", "SimHei", "STHeiti", "华文黑体"), ("FandolHei", _SANS_LAST), "sans-serif"),
    "宋体": Face(("宋体", "SimSun", "STSong", "华文宋体"), ("FandolSong", _SERIF_LAST)),
    # no open 小标宋: FandolSong set bold (5.8 MB) stands in, not Noto Serif CJK Bold, a 27 MB collection that
    # WeasyPrint reads whole for the few characters of a cover (a worker's peak memory: 321 → 267 MB)
    "方正小标宋简体": Face(("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"),
                     ("FandolSong", _SERIF_LAST)),
    "微软雅黑": Face(("微软雅黑", "Microsoft YaHei"), (_SANS_LAST,), "sans-serif"),
    "Times New Roman": Face(("Times New Roman",), ("Liberation Serif",)),
}


def face(name: str) -> Face:
    """The face a 排版.yaml names; a name we don't know stands for itself, with Noto CJK behind it."""
    return FACES.get(name, Face((name,), (_SERIF_LAST,)))


def family_list(name: str) -> list[str]:
    """Every family name to try for `name`, in order, ending with the Noto CJK face (not the generic)."""
    f = face(name)
    last = _SANS_LAST if f.generic == "sans-serif" else _SERIF_LAST
    return list(dict.fromkeys([*f.names, *f.open, last]))


# ---------------------------------------------------------------- a layout's own font files


@dataclass(frozen=True)
class FontFile:
    """A font file from a layout's fonts/ folder: the names it answers to and whether it is the bold one."""

    path: Path
    families: tuple[str, ...]
    bold: bool

    @property
    def asset(self) -> str:
        return f"font/{self.path.name}"


def layout_fonts(folders: Sequence[Path]) -> tuple[FontFile, ...]:
    """The font files of a chain of layout folders (most specific first); a file name in a more specific
    layout hides the same name further down. An unreadable file is a DataError naming it."""
    found: dict[str, FontFile] = {}
    problems = []
    for folder in folders:
        directory = Path(folder) / FONTS_DIR
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.suffix.lower() not in FONT_SUFFIXES or path.name in found or not path.is_file():
                continue
            try:
                found[path.name] = _read_font(path)
            except ValueError as exc:
                problems.append(Problem(path, None, None, "", f"不是可用的字体文件：{exc}", f"not a usable font: {exc}"))
    if problems:
        raise DataError(problems)
    return tuple(found.values())


def _read_font(path: Path) -> FontFile:
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    if path.stat().st_size > MAX_FONT_BYTES:
        raise ValueError(f"文件超过 {MAX_FONT_BYTES // 1024 // 1024} MB")
    try:
        fonts = (TTCollection(path, lazy=True).fonts if path.suffix.lower() == ".ttc"
                 else [TTFont(path, lazy=True)])
        families, bold = [], False
        for font in fonts:
            for record in font["name"].names:
                if record.nameID in (1, 16):
                    text = record.toUnicode().strip()
                    if SAFE_NAME.match(text):
                        families.append(text)
            bold = bold or ("OS/2" in font and font["OS/2"].usWeightClass >= 600)
    except (TTLibError, KeyError, OSError, AssertionError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(type(exc).__name__) from None
    if not families:
        raise ValueError("字体中没有可用的字体名")
    return FontFile(path, tuple(dict.fromkeys(families)), bold)


# ---------------------------------------------------------------- what the machine has


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Every family name fontconfig knows (all languages), or None where fc-list cannot be run."""
    if shutil.which("fc-list") is None:
        return None
    try:
        out = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, timeout=20,
                             check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(",") if name.strip())


@dataclass(frozen=True)
class Fallback:
    """An official face the document names that neither the machine nor the layout has."""

    face: str
    used: str



def fallback_notice(replaced: Sequence[Fallback]) -> str:
    """One line naming every replaced face and its stand-in, and what a county can do about it."""
    zh = "、".join(f"{r.face}（以 {r.used} 代替）" for r in replaced)
    en = ", ".join(f"{r.face} → {r.used}" for r in replaced)
    return (f"本机和版式中没有正式字体 {zh}。如有这些字体的正版文件，可放入版式的 {FONTS_DIR}/ 文件夹，"
            f"生成时即嵌入 PDF（official fonts not found, open faces used: {en}）")


def fallbacks(faces: Iterable[str], fonts: Sequence[FontFile] = (),
              installed: frozenset[str] | None = None) -> list[Fallback]:
    """For each face in `faces` (once each, in order) that is missing, the face that prints instead."""
    installed = installed_families() if installed is None else installed
    if installed is None:
        return []
    have = set(installed) | {name for font in fonts for name in font.families}
    out = []
    for name in dict.fromkeys(faces):
        f = face(name)
        if any(n in have for n in f.names):
            continue
        used = next((n for n in f.open if n in have), _SANS_LAST if f.generic == "sans-serif" else _SERIF_LAST)
        out.append(Fallback(name, used))
    return out


# ---------------------------------------------------------------- the PDF's @font-face rules and assets


@dataclass(frozen=True)
class LatinFace:
    """The face digits and Latin letters print in, restricted to ASCII so that “” stay Chinese."""

    family: str
    regular: Path
    bold: Path | None


@lru_cache(maxsize=16)
def _match(pattern: str) -> tuple[str, Path] | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "--format", "%{family[0]}|%{file}", pattern], capture_output=True,
                             text=True, timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, file = out.partition("|")
    return (family, Path(file)) if file else None


def latin_face(name: str, fonts: Sequence[FontFile] = ()) -> LatinFace | None:
    """The file for `name` (e.g. Times New Roman): the layout's own first, else the machine's face of that
    name or its metric twin (Liberation Serif); None when neither exists."""
    wanted = face(name)
    accepted = set(wanted.names) | set(wanted.open)
    own = [font for font in fonts if accepted & set(font.families)]
    if own:
        regular = next((f for f in own if not f.bold), own[0])
        bold = next((f for f in own if f.bold), None)
        return LatinFace(wanted.names[0], regular.path, bold.path if bold else None)
    for family in (*wanted.names, *wanted.open):
        regular, bold = _match(f"{family}:style=Regular"), _match(f"{family}:style=Bold")
        if regular and regular[0] in accepted and regular[1].is_file():
            bold_path = bold[1] if bold and bold[0] == regular[0] and bold[1].is_file() else None
            return LatinFace(regular[0], regular[1], bold_path)
    return None


def font_face_rules(fonts: Sequence[FontFile], latin: LatinFace | None) -> tuple[str, dict[str, Path]]:
    """@font-face rules for the layout's files and the Latin face, and the asset name → file they load."""
    rules, assets = [], {}
    for font in fonts:
        assets[font.asset] = font.path
        rules.append(f'@font-face {{ font-family: "{font.families[0]}"; src: url("asset:{font.asset}"); '
                     f"font-weight: {'bold' if font.bold else 'normal'}; }}")
    if latin is not None:
        for weight, path in (("normal", latin.regular), ("bold", latin.bold or latin.regular)):
            name = f"font/latin-{weight}{path.suffix.lower()}"
            assets[name] = path
            rules.append(f'@font-face {{ font-family: "{latin_family(latin)}"; src: url("asset:{name}"); '
                         f"font-weight: {weight}; unicode-range: {LATIN_RANGE}; }}")
    return "\n".join(rules), assets


def latin_family(latin: LatinFace) -> str:
    """The CSS name of the ASCII-only copy: its own name, so the full system face never answers for it."""
    return f"{latin.family} Latin"


@lru_cache(maxsize=32)
def font_bytes(path: Path, mtime: float) -> bytes:
    """A font file's bytes, read once per process (a worker builds many units with the same fonts)."""
    return path.read_bytes()


def read_assets(paths: dict[str, Path]) -> dict[str, bytes]:
    return {name: font_bytes(path, path.stat().st_mtime) for name, path in paths.items()}
