"""One exception root, so the CLI can tell an officer's mistake (a message) from a bug (a traceback)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        field = f"（{label}：{self.field}）" if self.field else ""
        return f"{self.where()}：{text}{field}"


class DataError(JuesuanError):
    """A data file that cannot be used, with every problem found in it (not just the first)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.format())

    def format(self, lang: str = "zh") -> str:
        head = (f"数据文件有 {len(self.problems)} 处问题，未生成任何文件：" if lang == "zh"
                else f"{len(self.problems)} problem(s) in the data file; nothing was written:")
        return "\n".join([head, *("  " + p.format(lang) for p in self.problems)])


class TemplateError(JuesuanError):
    """A template (possibly a county's override) that fails to render, named with the value at fault."""
