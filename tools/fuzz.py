"""Fuzz the build with mutated samples: every case must give a document or a located error.

    python tools/fuzz.py --examples 10000 [--workers 2] [--seed 1] [--pdf-every 50] [--report fuzz.json]

The cases are drawn by the same hypothesis strategies as tests/hostile/test_fuzz.py (edits to a sample's
YAML text and to its workbook's cells, tables inline or in the workbook), generated only — no shrinking, so
every case runs once. Each worker builds DOCX (and every `--pdf-every`th case PDF too) with --allow-errors.
Prints how the cases ended and writes every failure (crash, unlocated problem, file outside -o, slower than
20 s) with its case to the report, so it can be replayed. Exits 1 when any case failed.
"""

from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def work(job: tuple[int, int, int]) -> list[dict]:
    """Run `count` cases drawn with hypothesis seed `seed`; one record per case."""
    from hypothesis import HealthCheck, Phase, given, seed, settings

    from tests.support.mutations import apply, attempt, cases

    count, worker_seed, pdf_every = job
    records: list[dict] = []

    @seed(worker_seed)
    @settings(max_examples=count, phases=[Phase.generate], deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(cases())
    def run(case) -> None:
        formats = ("docx", "pdf") if pdf_every and len(records) % pdf_every == 0 else ("docx",)
        with tempfile.TemporaryDirectory() as folder:
            outcome = attempt(apply(case, Path(folder) / "unit"), Path(folder) / "out", formats)
        records.append({"kind": outcome.kind, "seconds": round(outcome.seconds, 3), "detail": outcome.detail,
                        "case": repr(case) if outcome.failed else ""})

    run()
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf-every", type=int, default=50)
    parser.add_argument("--report", type=Path, default=Path("fuzz-report.json"))
    args = parser.parse_args()
    share = -(-args.examples // args.workers)
    jobs = [(min(share, args.examples - i * share), args.seed * 1000 + i, args.pdf_every) for i in range(args.workers)]
    started = time.monotonic()
    with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
        records = [r for part in pool.map(work, [j for j in jobs if j[0] > 0]) for r in part]
    elapsed = time.monotonic() - started
    kinds = collections.Counter(r["kind"] for r in records)
    failures = [r for r in records if r["case"]]
    slowest = max((r["seconds"] for r in records), default=0)
    print(f"{len(records)} cases in {elapsed:.0f} s ({args.workers} workers); slowest {slowest:.1f} s")
    for kind, n in kinds.most_common():
        print(f"  {kind:14} {n}")
    print(f"failures: {len(failures)}" + (f" (see {args.report})" if failures else ""))
    args.report.write_text(json.dumps({"counts": kinds, "failures": failures}, ensure_ascii=False, indent=2),
                           encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
