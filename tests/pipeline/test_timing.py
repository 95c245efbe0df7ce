"""Stage timings: what tools/benchmark.py reads, and free when nobody measures."""

import time
from pathlib import Path

from juesuan.build import build
from juesuan.timing import stage, timed

ROOT = Path(__file__).resolve().parents[2]


def test_stages_add_up_inside_a_scope_and_cost_nothing_outside():
    with stage("outside"):        # no scope: nothing recorded, nothing raised
        pass
    with timed() as timings:
        for _ in range(2):
            with stage("sleep"):
                time.sleep(0.01)
    assert set(timings) == {"sleep"}
    assert 0.02 <= timings["sleep"] < 0.5


def test_a_build_reports_where_its_time_went(tmp_path):
    start = time.perf_counter()
    result = build(ROOT / "data" / "beiguan-yibao" / "2021.yaml", tmp_path, ["pdf", "docx"])
    wall = time.perf_counter() - start
    assert {"load", "templates", "charts", "checks", "pdf_layout", "pdf_write", "docx"} <= set(result.timings)
    assert all(seconds > 0 for seconds in result.timings.values())
    assert sum(result.timings.values()) <= wall
