"""Where a build's time goes, stage by stage, without threading a stopwatch through every call.

`build()` opens a `timed()` scope; the pipeline's stages mark themselves with `stage("charts")` and their
seconds add up in that scope's dict (`BuildResult.timings`). Outside a scope `stage` costs one lookup, so the
library runs the same whether or not anyone is measuring. `tools/benchmark.py` reads these figures.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

_current: ContextVar[dict[str, float] | None] = ContextVar("juesuan_timings", default=None)


@contextmanager
def timed() -> Iterator[dict[str, float]]:
    """A scope whose stages' seconds are summed into the dict it yields."""
    timings: dict[str, float] = {}
    token = _current.set(timings)
    try:
        yield timings
    finally:
        _current.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the time inside into the enclosing `timed()` scope's `name` (added up if it runs again)."""
    timings = _current.get()
    if timings is None:
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
