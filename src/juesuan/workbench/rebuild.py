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
    """One rebuild at a time for a workbench; `start` returns False while one is running."""

    def __init__(self, root: Path, out_dir: Path):
        self.root, self.out_dir = root, out_dir
        self.progress = Progress()
        self._lock = threading.Lock()

    def start(self) -> bool:
        with self._lock:
            if self.progress.running:
                return False
            self.progress = Progress(running=True)
        threading.Thread(target=self._run, daemon=True).start()
        return True

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
