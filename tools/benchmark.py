"""Speed and memory of one build, per format — the targets live here, not in unit tests.

    python tools/benchmark.py [data file] [--units N]

Each format is built in a fresh process so peak memory (max RSS) is that format's alone. Targets
(2-core machine): DOCX < 2 s and < 300 MB; PDF < 10 s and < 600 MB for the 004 sample (~50 pages);
100 units' DOCX in < 3 minutes. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"docx": (2.0, 300), "pdf": (10.0, 600)}

CHILD = """
import json, resource, sys, time
from pathlib import Path
from juesuan.build import build
start = time.perf_counter()
build(Path(sys.argv[1]), Path(sys.argv[2]), [sys.argv[3]])
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def one(data: Path, fmt: str) -> dict:
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run([sys.executable, "-c", CHILD, str(data), out, fmt], check=True,
                              capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def many(data: Path, units: int) -> float:
    """Regenerate `units` documents in one process, the way a bureau's script would."""
    from juesuan.build import build
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        for i in range(units):
            build(data, Path(out) / str(i), ["docx"])
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", default=str(ROOT / "data" / "mianzhu-yibao" / "2024.yaml"))
    parser.add_argument("--units", type=int, default=0, help="also time N consecutive DOCX builds")
    args = parser.parse_args()
    ok = True
    for fmt, (seconds, mb) in TARGETS.items():
        got = one(Path(args.data), fmt)
        hit = got["seconds"] <= seconds and got["peak_mb"] <= mb
        ok &= hit
        print(f"{fmt:5s} {got['seconds']:6.2f} s (target {seconds} s)  peak {got['peak_mb']:6.0f} MB (target {mb} MB)"
              f"  {'ok' if hit else 'MISSED'}")
    if args.units:
        total = many(Path(args.data), args.units)
        hit = total <= 180
        ok &= hit
        print(f"{args.units} units docx: {total:.1f} s ({total / args.units:.2f} s each; target 180 s)  {'ok' if hit else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
