"""Build many unit-years at once: in parallel worker processes, skipping the unchanged, never stopping for one.

    results = build_many([Path("data")], Path("output"), ["docx", "pdf"], Options(), jobs=4)

Workers stay alive for the whole run (their imports and caches are paid once). A unit's failure — a data
problem or any exception — is its own result; a worker that dies (BrokenProcessPool) is reported for the unit
it was building and the pool is started again for the rest. With ``jobs=1`` everything runs in this process.
Drawn charts are kept in `<out_dir>/.juesuan-cache` for the next run (`render.chart_cache`).
"""

from __future__ import annotations

import ctypes
import gc
import os
import re
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import Manager
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .build import DEFAULT_FORMATS, Options, build
from .check.engine import Finding
from .errors import DataError, JuesuanError, clip, explain
from .inputs import data_file
from .manifest import CACHE, Fingerprinter, Manifest, settings
from .render.fonts import Fallback

__all__ = ["build_many", "find_units", "UnitResult"]

YEAR_FILE = re.compile(r"^\d{4}\.yaml$")
NOT_UNITS = {"catalog", "科目目录"}          # catalog folders hold 2024.yaml files too


@dataclass
class UnitResult:
    """What became of one unit-year: `status` is built, skipped (unchanged) or failed."""

    path: Path
    status: str
    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    font_fallbacks: list[Fallback] = field(default_factory=list)
    message: str = ""           # the whole explanation of a failure, as the CLI prints it
    where: str = ""             # file:line (or workbook!sheet!cell) of the first problem, else the file
    reason: str = ""            # a failure in one line, for a summary table

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def find_units(paths: Iterable[Path]) -> list[Path]:
    """The data files to build: files as given; in folders, every `<unit>/<4-digit year>.yaml` outside catalogs
    and hidden folders. Each once (a workbook stands for the .yaml beside it), in a stable order."""
    found: dict[Path, Path] = {}
    for given in map(Path, paths):
        if given.is_dir():
            candidates = sorted(p for p in given.rglob("*.yaml") if YEAR_FILE.match(p.name) and not any(
                part in NOT_UNITS or part.startswith(".") for part in p.relative_to(given).parts[:-1]))
        else:
            candidates = [data_file(given)]
        for path in candidates:
            found.setdefault(path.resolve(), path)
    return list(found.values())


def build_many(paths: Iterable[Path], out_dir: Path = Path("output"), formats: Sequence[str] = DEFAULT_FORMATS,
               options: Options = Options(), *, jobs: int | None = None, force: bool = False,
               allow_errors: bool = False, lang: str = "zh", debug: bool = False,
               progress: Callable[[UnitResult, int, int], None] | None = None) -> list[UnitResult]:
    """Build every unit-year under `paths` into `out_dir`; one result per unit, in the order found.

    An unchanged unit (by the manifest in `out_dir`) is skipped unless `force`. `progress(result, done, total)`
    is called as each unit finishes. Messages are in `lang`; `debug` adds a failure's traceback."""
    units = find_units(paths)
    out_dir = Path(out_dir)
    manifest = Manifest.read(out_dir)
    fingerprint = Fingerprinter(options, settings(formats, allow_errors, getattr(options, "lo_toc", True)))
    results: dict[Path, UnitResult] = {}
    hashes: dict[Path, str] = {}
    todo: list[Path] = []
    claimed_here: dict[Path, Path] = {}

    def finish(result: UnitResult) -> None:
        results[result.path] = result
        if result.status == "built":
            manifest.record(result.path, hashes[result.path], result.files)
            manifest.save()
        if progress is not None:
            progress(result, len(results), len(units))

    for path in units:
        hashes[path] = fingerprint.unit(path)
        files = None if force else manifest.unchanged(path, hashes[path])
        if files is None:
            todo.append(path)
        else:
            claimed_here.update({f: path for f in files})      # a new unit may not take a skipped one's names
            finish(UnitResult(path, "skipped", files))
    task = _Task(out_dir, list(formats), options, allow_errors, lang, debug)
    if jobs == 1 or len(todo) <= 1:
        for path in todo:
            finish(task(path, claimed_here))
    else:
        _in_pool(todo, task, jobs or os.cpu_count() or 1, claimed_here, finish)
    return [results[p] for p in units]


@dataclass
class _Task:
    """One unit's build as a worker runs it: every exception becomes a failed result, never a stop."""

    out_dir: Path
    formats: list[str]
    options: Options
    allow_errors: bool
    lang: str
    debug: bool

    def __call__(self, path: Path, claimed, running=None) -> UnitResult:
        if running is not None:
            running[os.getpid()] = str(path)
        try:
            built = build(path, self.out_dir, self.formats, self.options, self.allow_errors, claimed,
                          self.out_dir / CACHE)
        except Exception as exc:
            return UnitResult(path, "failed", message=explain(exc, path, self.lang, self.debug),
                              where=_where(exc, path), reason=_reason(exc, self.lang))
        finally:
            if running is not None:
                running.pop(os.getpid(), None)
            _release_memory()
        return UnitResult(path, "built", built.files, built.findings, built.font_fallbacks)


def _where(exc: Exception, path: Path) -> str:
    if isinstance(exc, DataError) and exc.problems:
        return exc.problems[0].where()
    return str(path)


def _reason(exc: Exception, lang: str) -> str:
    if isinstance(exc, DataError) and exc.problems:
        first = exc.problems[0]
        more = len(exc.problems) + exc.unlisted - 1
        text = first.message if lang == "zh" or not first.message_en else first.message_en
        return clip(text, 120) + (f"（另有 {more} 处）" if more and lang == "zh" else f" (+{more})" if more else "")
    if isinstance(exc, JuesuanError):
        return clip(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, 120)
    return f"内部错误（{type(exc).__name__}：{clip(exc, 80)}）" if lang == "zh" else f"internal error ({type(exc).__name__}: {clip(exc, 80)})"


def _in_pool(todo: list[Path], task: _Task, jobs: int, claimed_here: dict, finish) -> None:
    """Build `todo` in a pool of `jobs` workers; after a worker dies, the units it was building are tried once
    more each on its own (a second death is that unit's), and a new pool takes the rest."""
    with Manager() as shared:
        claimed, running = shared.dict(claimed_here), shared.dict()
        queue, suspects = list(todo), []
        while queue or suspects:
            if suspects:
                path = suspects.pop(0)
                broken = _run(ProcessPoolExecutor(1), [path], task, claimed, running, finish)
                for lost in broken:
                    finish(UnitResult(lost, "failed", message=_crashed(lost, task.lang), where=str(lost),
                                      reason="进程意外退出" if task.lang == "zh" else "worker died"))
                continue
            broken = _run(ProcessPoolExecutor(min(jobs, len(queue)), initializer=_warm_up), queue, task, claimed,
                          running, finish)
            was_running = {Path(p) for p in running.values()}
            running.clear()
            suspects = [p for p in broken if p in was_running] or broken[:1]
            queue = [p for p in broken if p not in suspects]


def _release_memory() -> None:
    """Between units: a laid-out document is a web of cycles, freed now rather than some units later, and the
    freed heap is handed back to the system (glibc keeps it otherwise: a worker's peak crept 285 → 298 MB over
    twelve units, and stays at 282–287 MB with this)."""
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)


def _malloc_trim():
    try:
        return getattr(ctypes.CDLL("libc.so.6"), "malloc_trim", None)
    except OSError:                 # not glibc (macOS, Windows): nothing to trim
        return None


_TRIM = _malloc_trim()


def _warm_up() -> None:
    """A worker's start: import the writers once, then freeze what is there, so the collector after each unit
    walks only that unit's objects, not the libraries' (and forked pages stay shared with the parent)."""
    import juesuan.write.formats  # noqa: F401 - WeasyPrint, python-docx

    gc.collect()
    gc.freeze()


def _run(pool: ProcessPoolExecutor, paths: list[Path], task: _Task, claimed, running, finish) -> list[Path]:
    """Run `paths` in `pool`; the units whose futures the pool's breaking took (in their order)."""
    broken: list[Path] = []
    with pool:
        futures: dict[Future, Path] = {pool.submit(task, p, claimed, running): p for p in paths}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    finish(future.result())
                except BrokenProcessPool:
                    broken.append(futures[future])
                except Exception as exc:          # a result that could not come back is still only this unit's
                    path = futures[future]
                    finish(UnitResult(path, "failed", message=explain(exc, path, task.lang, task.debug),
                                      where=str(path), reason=_reason(exc, task.lang)))
    return sorted(broken, key=paths.index)


def _crashed(path: Path, lang: str) -> str:
    if lang == "en":
        return f"{path}: the worker building this unit died (crash or out of memory); nothing was written for it."
    return (f"{path}：生成本单位的进程意外退出（程序崩溃或内存不足），本单位未生成任何文件。"
            "请把数据文件和这条信息发给维护人员。")
