"""The benchmark's arithmetic (its timings are figures to read, never assertions)."""
from __future__ import annotations

import pytest

from bench.bench import medians


@pytest.mark.parametrize(("runs", "expected"), [
    pytest.param([{"ms_index_s": 30.0, "naive_index_s": 20.0, "ms_index_peak_mb": 190.0},
                  {"ms_index_s": 24.0, "naive_index_s": 24.0, "ms_index_peak_mb": 180.0},
                  {"ms_index_s": 27.0, "naive_index_s": 25.0, "ms_index_peak_mb": 200.0}],
                 {"ms_index_s": 27.0, "naive_index_s": 24.0, "ms_index_peak_mb": 190.0, "ratio": 1.08},
                 id="the-median-pair-ratio-not-the-ratio-of-medians"),  # 27/24 would say 1.125
    pytest.param([{"ms_index_s": 31.6, "naive_index_s": 20.8}], {"ms_index_s": 31.6, "naive_index_s": 20.8,
                                                                  "ratio": 31.6 / 20.8}, id="one-pair"),
    pytest.param([{"ms_index_s": 274.5}, {"ms_index_s": 280.0}], {"ms_index_s": 277.25}, id="no-baseline"),
])
def test_medians_of_index_runs(runs: list[dict[str, float]], expected: dict[str, float]) -> None:
    assert medians(runs) == pytest.approx(expected)  # type: ignore[arg-type]
