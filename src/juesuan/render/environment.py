"""Template lookup and the Jinja environment, built in one place.

Search order is an explicit list: the county's directories first (``--templates``), then the bundled
``templates/default``. A county overrides one file by giving a file of the same name, and may extend the
bundled one of the same name by writing ``{% extends "!parts/explanation.html.j2" %}`` and replacing a
block — the ``!`` prefix always means "the bundled default". Templates are data a county edits, so they
run sandboxed (no attribute mutation, no private attributes, bounded operations: `render.limits`) with
StrictUndefined: a misspelt name is an error naming the template and line, never an empty string in a
published document. A file of a layout folder that is a link to somewhere outside it is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from jinja2 import BaseLoader, FileSystemLoader, StrictUndefined, TemplateNotFound

from ..errors import TemplateError
from .limits import BoundedSandbox

DEFAULT_PREFIX = "!"


def bundled_templates() -> Path:
    return Path(__file__).resolve().parents[3] / "templates" / "default"


def search_path(custom_dirs: Sequence[Path] = ()) -> list[Path]:
    """Where templates are looked up, first match wins."""
    return [Path(d) for d in custom_dirs] + [bundled_templates()]


class ThemeLoader(BaseLoader):
    """Custom dirs then the default; names starting with "!" resolve in the default only."""

    def __init__(self, custom_dirs: Sequence[Path] = ()):
        self.folders = search_path(custom_dirs)
        self.all = FileSystemLoader([str(p) for p in self.folders], encoding="utf-8")
        self.default = FileSystemLoader(str(bundled_templates()), encoding="utf-8")

    def get_source(self, environment, template):
        if template.startswith(DEFAULT_PREFIX):
            return self.default.get_source(environment, template[len(DEFAULT_PREFIX):])
        source, filename, uptodate = self.all.get_source(environment, template)
        inside(Path(filename), self.folders)
        return source, filename, uptodate

    def list_templates(self):  # pragma: no cover - not used by the build
        return self.all.list_templates()


def inside(path: Path, folders: Sequence[Path]) -> Path:
    """`path` itself when it really lies in one of `folders` (links followed); else TemplateError."""
    real = path.resolve()
    if not any(real.is_relative_to(Path(folder).resolve()) for folder in folders):
        raise TemplateError(f"模板文件 {path} 是指向模板目录之外（{real}）的链接，已拒绝；请把文件本身放进模板目录")
    return path


def make_environment(custom_dirs: Sequence[Path] = ()) -> BoundedSandbox:
    env = BoundedSandbox(
        loader=ThemeLoader(custom_dirs),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cn_num"] = chinese_numeral
    env.filters["sentence"] = sentence
    env.filters["clause"] = clause
    return env


def read_theme_file(name: str, custom_dirs: Sequence[Path] = ()) -> str:
    """A non-template file of the theme (the print stylesheet), found on the same search path."""
    for directory in search_path(custom_dirs):
        candidate = directory / name
        if candidate.is_file():
            inside(candidate, [directory])
            try:
                return candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise TemplateError(f"无法读取 {candidate}：请确认它是 UTF-8 编码的文本文件") from exc
    raise TemplateNotFound(name)


_LEADS = ("主要变动原因是", "主要原因是", "变动原因是", "原因是")
_END = "。；;，,. 　"


def clause(text: str) -> str:
    """An officer's reason as a clause: without a lead-in the template already says, without end punctuation.

    Guards against "主要变动原因是主要变动原因是…" when the data repeats the template's words.
    """
    text = (text or "").strip()
    for lead in _LEADS:
        if text.startswith(lead):
            text = text[len(lead):].lstrip("：:，, ")
            break
    return text.rstrip(_END)


def sentence(text: str) -> str:
    """Free text closed by exactly one 。 (empty stays empty)."""
    text = (text or "").strip().rstrip(_END)
    return f"{text}。" if text else ""


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 20 → 二十, 99 → 九十九 (enough for any heading counter)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"
