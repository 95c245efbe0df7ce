"""One exception root, so the CLI can tell an officer's mistake (a message) from a bug (a traceback)."""

from __future__ import annotations

import errno
import traceback
from dataclasses import dataclass
from pathlib import Path

MAX_LISTED = 100          # problems listed in one message; the rest are counted
MAX_MESSAGE = 600         # characters of one problem's message (a quoted value may be anything)


def clip(text: object, limit: int = 60) -> str:
    """A value quoted in a message: at most `limit` characters, control characters shown as \\xNN."""
    head = str(text)[: limit + 1]
    shown = "".join(c if c.isprintable() or c == "\u3000" else f"\\x{ord(c):02x}" for c in head)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def unexpected(exc: BaseException, where: object, outcome: str = "未生成任何文件") -> str:
    """A bug, said to an officer: where, what kind, and what it means (nothing written, or not checked)."""
    return (f"{where}：内部错误（{type(exc).__name__}：{clip(exc, 200)}），本单位{outcome}。"
            "请把数据文件和这条信息发给维护人员；加 --debug 可显示详细的出错位置。")


_OS_REASONS = {
    errno.ENOENT: "文件不存在（请检查路径和文件名）",
    errno.EACCES: "没有{action}权限",
    errno.EPERM: "没有{action}权限",
    errno.EISDIR: "同名的是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "路径中的链接指向自身",
    errno.EIO: "读写磁盘出错",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "所在磁盘是只读的",
    errno.EFBIG: "文件超过了系统允许的大小",
}


def os_reason(exc: OSError, action: str = "读取") -> str:
    """Why the system refused to read (or write: `action`) a file, in Chinese; an error we don't know keeps
    the system's words."""
    known = _OS_REASONS.get(exc.errno or 0)
    return known.format(action=action) if known else f"系统报告：{exc.strerror or exc}"


class JuesuanError(Exception):
    """Any expected failure: bad data, a broken template, a missing font. Shown as a message."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, located precisely enough to fix it."""

    file: Path
    line: int | None
    column: int | None
    field: str
    message: str          # Chinese first
    message_en: str = ""
    sheet: str | None = None   # a workbook's sheet and cell (A1), when the problem is in a workbook
    cell: str | None = None

    def where(self) -> str:
        if self.sheet is not None:
            return f"{Path(self.file).name}!{self.sheet}" + (f"!{self.cell}" if self.cell else "")
        if self.line is None:
            return f"{self.file}"
        return f"{self.file}:{self.line}:{self.column}"

    def format(self, lang: str = "zh") -> str:
        text = self.message if lang == "zh" or not self.message_en else self.message_en
        label = "字段" if lang == "zh" else "field"
        field = f"（{label}：{clip(self.field, 120)}）" if self.field else ""
        return f"{clip(self.where(), 300)}：{clip(text, MAX_MESSAGE)}{field}"


class DataError(JuesuanError):
    """A data file that cannot be used, with every problem found in it (not just the first)."""

    def __init__(self, problems: list[Problem], unlisted: int = 0):
        self.problems = problems
        self.unlisted = unlisted          # further problems a reader counted but did not keep
        super().__init__(self.format())

    def format(self, lang: str = "zh", outcome: str = "未生成任何文件") -> str:
        """Every problem, under a head that says what it means (`outcome`: 未生成任何文件, or 无法核对 for check)."""
        total = len(self.problems) + self.unlisted
        nothing = "nothing was written" if outcome == "未生成任何文件" else "it could not be checked"
        head = (f"数据文件有 {total} 处问题，{outcome}：" if lang == "zh"
                else f"{total} problem(s) in the data file; {nothing}:")
        lines = [head, *("  " + p.format(lang) for p in self.problems[:MAX_LISTED])]
        rest = total - min(len(self.problems), MAX_LISTED)
        if rest > 0:
            lines.append(f"  ……及另外 {rest} 处（请先改正以上各处）" if lang == "zh" else f"  … and {rest} more")
        return "\n".join(lines)


class TemplateError(JuesuanError):
    """A template (possibly a county's override) that fails to render, named with the value at fault."""


def explain(exc: BaseException, where: object, lang: str = "zh", debug: bool = False,
            outcome: str = "未生成任何文件") -> str:
    """What the CLI prints for a file it could not use: the located problems of a DataError, the message of
    any other expected error, and for a bug "内部错误" (with `debug`, the traceback too)."""
    if isinstance(exc, DataError):
        return exc.format(lang, outcome)
    if isinstance(exc, JuesuanError):
        return f"{where}：{exc}"
    text = unexpected(exc, where, outcome)
    return text + "\n" + "".join(traceback.format_exception(exc)) if debug else text
