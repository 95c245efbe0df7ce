"""How long `juesuan check` takes: one unit, and 100 units in one run — the targets live here, not in unit tests.

    python tools/benchmark_check.py [data file] [--units N]

Each unit is a copy of the data file and its workbook in its own folder (as `data/<单位>/`). Timings are wall
clock of a fresh process running the command (import included), plus the library call per file once
warm. Targets (2-core machine): one unit < 3 s, 100 units < 60 s. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "import sys; from juesuan.check import check_command; check_command(sys.argv[1:])"
TARGETS = {"one": 3.0, "many": 60.0}


def command(files: list[Path]) -> float:
    """Seconds for `juesuan check FILE...` in a fresh process (exit status 0 or 1 both count as a run)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, *map(str, files), "--format", "json"], capture_output=True, text=True, cwd=ROOT
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"check could not run (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    return elapsed


def library(files: list[Path]) -> float:
    """Mean seconds of `check_file` per file in a warm process (catalogs already read)."""
    from juesuan.check import check_file

    check_file(files[0])
    start = time.perf_counter()
    for file in files:
        check_file(file)
    return (time.perf_counter() - start) / len(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=Path, default=ROOT / "data" / "mianzhu-yibao" / "2024.yaml")
    parser.add_argument("--units", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(args.units):
            target = Path(tmp) / f"unit{i:03d}" / args.data.name
            target.parent.mkdir()
            shutil.copy(args.data, target)
            for workbook in args.data.parent.glob(f"{args.data.stem}.xls*"):
                shutil.copy(workbook, target.parent)
            files.append(target)
        one, many, warm = command(files[:1]), command(files), library(files[:10])
    print(f"juesuan check on {args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data}:")
    print(f"  {'1 unit, fresh process:':<28}{one:7.2f} s   (target < {TARGETS['one']:.0f} s)")
    print(
        f"  {f'{args.units} units, one process:':<28}{many:7.2f} s   ({many / args.units:.3f} s per unit;"
        f" target < {TARGETS['many']:.0f} s for 100)"
    )
    print(f"  {'check_file, warm process:':<28}{warm:7.3f} s per unit (library call, no rendering)")
    missed = one > TARGETS["one"] or (args.units >= 100 and many > TARGETS["many"])
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
