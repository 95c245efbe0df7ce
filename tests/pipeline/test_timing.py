"""Stage timings: what tools/benchmark.py reads, and free when nobody measures."""

import time
from pathlib import Path

from juesuan.build import build
from juesuan.render.limits import writing_seconds
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


def test_a_long_document_is_given_time_in_proportion_to_its_size():
    """Measured on the 2-core machine: the 322-page synthetic unit of tools/bench_data.py renders to 301,372
    characters and takes 20 s to write; the 004 sample, 53,931 characters, about 4 s. The limit (there to stop
    runaway layouts) must leave each room to spare on a slower machine."""
    assert writing_seconds(301_372) >= 3 * 20
    assert writing_seconds(53_931) >= 3 * 4
    assert writing_seconds(10 * 301_372) > writing_seconds(301_372)
