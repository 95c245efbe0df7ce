"""“生成有改动的单位” on the units page: `build_many` over the data folder in a background thread, with its
progress for the page to show. Unchanged units are skipped by the manifest as on the command line.

The units are built one after another in the server's own process (`jobs=1`): starting worker processes from a
threaded web server is not safe, and a bureau regenerating hundreds of units uses `juesuan build data/ -j N`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..batch import UnitResult, build_many
from ..build import Options
from ..write.names import DEFAULT_FORMATS


@dataclass
class Progress:
    running: bool = False
    done: int = 0
    total: int = 0
    built: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)       # "unit: reason", one per failed unit

    def as_json(self) -> dict:
        return {"running": self.running, "done": self.done, "total": self.total, "built": self.built,
                "skipped": self.skipped, "failed": self.failed}


class Rebuild:
    """One build at a time for a workbench — the batch rebuild or a unit's: `start` and `build_one` return
    False and None while another is running, since two builds would race for the same output files."""

    def __init__(self, root: Path, out_dir: Path):
        self.root, self.out_dir = root, out_dir
        self.progress = Progress()
        self._busy = threading.Lock()

    def start(self) -> bool:
        if not self._busy.acquire(blocking=False):
            return False
        self.progress = Progress(running=True)
        threading.Thread(target=self._run, daemon=True).start()
        return True

    def build_one(self, path: Path) -> UnitResult | None:
        """Build one unit as `juesuan build` does (in the caller's thread); None when a build is running."""
        if not self._busy.acquire(blocking=False):
            return None
        try:
            return build_many([path], self.out_dir, list(DEFAULT_FORMATS), Options(), jobs=1, force=True)[0]
        finally:
            self._busy.release()

    def _run(self) -> None:
        def step(result: UnitResult, done: int, total: int) -> None:
            p = self.progress
            p.done, p.total = done, total
            if result.status == "built":
                p.built += 1
            elif result.status == "skipped":
                p.skipped += 1
            else:
                p.failed.append(f"{result.path.parent.name}/{result.path.name}：{result.reason}")
        try:
            build_many([self.root], self.out_dir, list(DEFAULT_FORMATS), Options(), jobs=1, progress=step)
        finally:
            self.progress.running = False
            self._busy.release()
