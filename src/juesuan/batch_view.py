"""What an officer sees of a batch: a progress bar while it runs and a table of every unit at the end (rich,
on stderr, so that stdout keeps the plain list of files written)."""

from __future__ import annotations

from typing import Callable

from .batch import UnitResult

STATUS = {"zh": {"built": "已生成", "skipped": "跳过（未改变）", "failed": "失败"},
          "en": {"built": "built", "skipped": "skipped (unchanged)", "failed": "failed"}}


def _console():
    from rich.console import Console          # only a batch needs rich; other commands start faster without it

    console = Console(stderr=True)
    return console if console.is_terminal else Console(stderr=True, width=200)


def show_progress(run: Callable, report: Callable[[UnitResult], None]) -> list[UnitResult]:
    """Run `run(progress)` with a progress bar that advances as each unit finishes; `report` says each result."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("生成"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.description}"), console=_console(), disable=not _console().is_terminal)
    with bar:
        task = bar.add_task("", total=None)

        def progress(result: UnitResult, done: int, total: int) -> None:
            report(result)
            bar.update(task, completed=done, total=total, description=result.path.parent.name)
        return run(progress)


def summarize(results: list[UnitResult], lang: str = "zh") -> None:
    """One row per unit (the failed first, with file:line and why), then the counts."""
    from rich.table import Table

    words = STATUS[lang]
    table = Table(*(("数据文件", "结果", "说明") if lang == "zh" else ("data file", "result", "detail")))
    for result in sorted(results, key=lambda r: r.status != "failed"):
        detail = f"{result.where}：{result.reason}" if result.status == "failed" else ""
        table.add_row(str(result.path), words[result.status], detail)
    counts = {s: sum(r.status == s for r in results) for s in words}
    console = _console()
    console.print(table, soft_wrap=False)
    console.print("，".join(f"{words[s]} {n}" for s, n in counts.items()) if lang == "zh"
                  else ", ".join(f"{words[s]}: {n}" for s, n in counts.items()))
