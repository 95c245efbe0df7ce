"""Each chart drawn once for its figures: matplotlib costs about 0.1 s a chart, and a unit rebuilt for a new
reason or a changed template has the same figures as before.

A chart is found by a hash of what it shows (its spec: titles, labels, the Decimals) and of the drawing code
(charts.py, chart_labels.py, chart_specs.py and matplotlib's version), so a change to either draws it anew.
The cache keeps recent charts in memory (a worker, the workbench) and, when given a folder, on disk beside the
outputs (`output/.juesuan-cache/charts`), where a later run finds them. A cache file is written atomically,
checked by its magic bytes when read, and the folder keeps only the most recently used MAX_FILES charts.
Nothing about the cache can fail a build: a folder that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from ..write.atomic import OutputError, write_together
from .chart_specs import BarChart, PieChart

MEMORY_CHARTS = 64          # a worker's recent charts: a unit has seven
MAX_FILES = 2000            # on disk: 1000 charts (SVG + PNG, about 50 KB each)
_DRAWING = ("charts.py", "chart_labels.py", "chart_specs.py")
_MAGIC = {"svg": (b"<?xml",), "png": (b"\x89PNG\r\n\x1a\n",)}


@lru_cache(maxsize=1)
def drawing_version() -> str:
    """A hash of the code that draws: a cached chart is only used by the code that drew it."""
    digest = hashlib.sha256(version("matplotlib").encode())
    for name in _DRAWING:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def chart_key(spec: BarChart | PieChart) -> str:
    """The chart's name in the cache: equal figures and labels (Decimals compared as written) give equal keys."""
    return hashlib.sha256(f"{drawing_version()}\n{spec!r}".encode()).hexdigest()[:40]


class ChartCache:
    """Charts by `chart_key`, in memory and (when `folder` is given) on disk."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self._memory: OrderedDict[str, dict[str, bytes]] = OrderedDict()

    def assets(self, name: str, spec: BarChart | PieChart) -> dict[str, bytes]:
        """NAME.svg (the PDF's) and NAME.png (the DOCX's) of `spec`, drawn only when not cached."""
        key = chart_key(spec)
        drawn = self._memory.pop(key, None) or self._read(key)
        if drawn is None:
            from .charts import chart_assets     # matplotlib is imported only when something must be drawn

            drawn = {file.rsplit(".", 1)[1]: data for file, data in chart_assets(name, spec).items()}
            self._write(key, drawn)
        self._memory[key] = drawn
        while len(self._memory) > MEMORY_CHARTS:
            self._memory.popitem(last=False)
        return {f"{name}.{kind}": data for kind, data in drawn.items()}

    def _read(self, key: str) -> dict[str, bytes] | None:
        if self.folder is None:
            return None
        try:
            drawn = {kind: (self.folder / f"{key}.{kind}").read_bytes() for kind in _MAGIC}
            for kind in _MAGIC:
                os.utime(self.folder / f"{key}.{kind}")          # recently used: kept when the folder is pruned
        except OSError:
            return None
        return drawn if all(drawn[kind].startswith(_MAGIC[kind]) for kind in _MAGIC) else None

    def _write(self, key: str, drawn: dict[str, bytes]) -> None:
        if self.folder is None:
            return
        try:
            write_together({self.folder / f"{key}.{kind}": data for kind, data in drawn.items()})
            self._prune()
        except (OSError, OutputError):
            pass                                                 # a cache that cannot be written is not used

    def _prune(self) -> None:
        files = [entry for entry in os.scandir(self.folder) if entry.name.endswith((".svg", ".png"))]
        if len(files) <= MAX_FILES:
            return
        files.sort(key=lambda entry: entry.stat().st_mtime)
        for entry in files[: len(files) - MAX_FILES]:
            Path(entry.path).unlink(missing_ok=True)


IN_MEMORY = ChartCache()    # what a build uses when it is given no folder: one process's recent charts


@lru_cache(maxsize=8)
def cache_in(folder: Path | None) -> ChartCache:
    """This process's cache for `folder` (None: memory only), the same object for every build that asks, so a
    batch worker keeps its recent charts from one unit to the next."""
    return IN_MEMORY if folder is None else ChartCache(folder)
