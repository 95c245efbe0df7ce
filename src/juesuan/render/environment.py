"""Template lookup and the Jinja environment, built in one place.

Search order is an explicit list of folders, first match wins: ``--templates`` folders, then the chosen
layout, then the layouts it extends, ending with the bundled default (see `juesuan.layout`). A layout
overrides one file by giving a file of the same name, and may extend the one it overrides by writing
``{% extends "!parts/explanation.html.j2" %}`` and replacing a block: ``!name`` means "name as the
folders after mine have it", so a county can extend Henan's file, which extends the default's. Templates
are data a county edits, so they run sandboxed (no attribute mutation, no private attributes, bounded
operations: `render.limits`) with StrictUndefined: a misspelt name is an error naming the template and
line, never an empty string in a published document. A file of a layout folder that is a link to somewhere
outside it is refused. The stylesheet cascades: every folder's ``print.css`` is used, the default's first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
from jinja2.utils import missing

from ..errors import TemplateError
from .limits import BoundedSandbox

BEYOND = "!"                                  # "!name": name as the folders after this template's have it
_AFTER = re.compile(r"^!(\d+):(.*)$")        # "!2:name": name as folders[2:] have it


class LayoutLoader(BaseLoader):
    """Finds a template in the first folder of the chain that has it; ``!k:name`` starts at folder k."""

    def __init__(self, folders: Sequence[Path]):
        self.folders = [Path(f) for f in folders]

    def where(self, template: str) -> tuple[int, str]:
        """(index of the folder that serves `template`, its plain name)."""
        start, name = 0, template
        if found := _AFTER.match(template):
            start, name = int(found.group(1)), found.group(2)
        elif template.startswith(BEYOND):
            start, name = len(self.folders) - 1, template[len(BEYOND):]   # no including template: the default's
        parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
        if not parts or ".." in parts:
            raise TemplateNotFound(template)
        for index in range(start, len(self.folders)):
            if (self.folders[index].joinpath(*parts)).is_file():
                return index, "/".join(parts)
        raise TemplateNotFound(template)

    def get_source(self, environment, template):
        index, name = self.where(template)
        path = inside(self.folders[index] / name, [self.folders[index]])
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"无法读取模板 {path}：请确认它是 UTF-8 编码的文本文件") from exc
        mtime = path.stat().st_mtime

        def uptodate() -> bool:   # same file, unchanged, and no new override in an earlier folder
            return self.where(template) == (index, name) and path.is_file() and path.stat().st_mtime == mtime
        return source, str(path), uptodate


class LayoutSandbox(BoundedSandbox):
    """Resolves ``!name`` in an ``extends``/``include``/``import`` against the including template's folder."""

    def join_path(self, template: str, parent: str) -> str:
        if not template.startswith(BEYOND) or _AFTER.match(template):
            return template
        index, _ = self.loader.where(parent)
        return f"{BEYOND}{index + 1}:{template[len(BEYOND):]}"


class ExplainedUndefined(StrictUndefined):
    """StrictUndefined that says in Chinese which name is missing and the nearest one that exists, so that a
    misspelt fact ("r.totls") is found without reading Python."""

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        name, owner = self._undefined_name, self._undefined_obj
        if owner is missing:
            return f"没有名为「{name}」的数据或变量"
        known = [str(k) for k in owner] if isinstance(owner, Mapping) else [a for a in dir(owner) if a[:1] != "_"]
        near = difflib.get_close_matches(str(name), known[:2000], n=1, cutoff=0.6)
        hint = f"是否想写「{near[0]}」？" if near else ""
        return f"{type(owner).__name__} 没有「{name}」这一项。{hint}"


def inside(path: Path, folders: Sequence[Path]) -> Path:
    """`path` itself when it really lies in one of `folders` (links followed); else TemplateError."""
    real = path.resolve()
    if not any(real.is_relative_to(Path(folder).resolve()) for folder in folders):
        raise TemplateError(f"模板文件 {path} 是指向模板目录之外（{real}）的链接，已拒绝；请把文件本身放进模板目录")
    return path


def make_environment(folders: Sequence[Path]) -> LayoutSandbox:
    """The environment of a folder chain, made once per process: Jinja keeps its compiled templates (a
    third of the rendering time) and recompiles one only when its file changed or is newly overridden."""
    return _environment(tuple(Path(f) for f in folders))


@lru_cache(maxsize=16)
def _environment(folders: tuple[Path, ...]) -> LayoutSandbox:
    env = LayoutSandbox(
        loader=LayoutLoader(folders),
        undefined=ExplainedUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update({name: function for name, (function, _) in FILTERS.items()})
    return env


def cascade(name: str, folders: Sequence[Path]) -> list[tuple[Path, str]]:
    """Every folder's copy of a non-template file (the stylesheet), the most general first, so that a
    layout's rules follow and override those of the layouts it extends."""
    found = []
    for directory in reversed([Path(f) for f in folders]):
        candidate = directory / name
        if candidate.is_file():
            inside(candidate, [directory])
            try:
                found.append((candidate, candidate.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise TemplateError(f"无法读取 {candidate}：请确认它是 UTF-8 编码的文本文件") from exc
    if not found:
        raise TemplateNotFound(name)
    return found


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


FILTERS = {       # the filters a layout's templates may use besides Jinja's own, with what the guide says of them
    "cn_num": (chinese_numeral, "整数写成汉字数字：{{ 13 | cn_num }} → 十三"),
    "sentence": (sentence, "把一段文字收尾为恰好一个句号：“人员增加；” → “人员增加。”"),
    "clause": (clause, "把填写的原因变成句中的一个分句：去掉与模板重复的“主要原因是”和句末标点"),
}
