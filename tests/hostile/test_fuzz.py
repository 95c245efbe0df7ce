"""Fuzzing in the suite: mutated samples give a document or a located error, never a traceback, never a file
outside -o, never more than 20 s. A bounded number of cases here; `python tools/fuzz.py --examples 10000`
runs many more with the same strategies."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.support.mutations import Case, apply, attempt, cases


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases())
def test_a_mutated_sample_gives_a_document_or_a_located_error(case: Case):
    with tempfile.TemporaryDirectory() as folder:
        outcome = attempt(apply(case, Path(folder) / "unit"), Path(folder) / "out")
    assert not outcome.failed, f"{outcome.kind}: {outcome.detail}\n{case}"
