"""Bootstrap confidence intervals and paired tests over addable per-unit counts.

Every metric the scorer reports is a function of count totals (true positives, predictions, gold
items, ...), and every count is a sum over *units* (passages). So a bootstrap resample needs no
re-scoring: draw units with replacement, add up their count rows, and apply the metric to the
totals. With ``W`` the resamples × units matrix of how often each unit was drawn, the totals of
all resamples are one matrix product ``W @ C`` with the units × counts matrix ``C``; the metric
functions are vectorized over the resample axis.

Conventions
-----------
* ``numpy.random.Generator`` (PCG64) seeded with ``seed``; units drawn as indices
  ``rng.integers(0, n, size=(b, n))`` in blocks of a size fixed by ``n`` alone, so the same
  seed, data and number of resamples always give the same numbers.
* Intervals are percentile intervals (Efron & Tibshirani 1993, ch. 13) with numpy's default
  linear interpolation.
* :func:`paired_p_value` is the two-sided paired bootstrap test of Efron & Tibshirani (1993,
  §16.4), as used for NLP by Koehn (2004) and Berg-Kirkpatrick et al. (2012): both systems are
  scored on the same resampled units; the resampled differences, shifted to mean zero under the
  null hypothesis, are compared with the observed difference. ``p = (1 + #{|d_b - d| >= |d|}) /
  (B + 1)``, so identical systems give ``p = 1`` and no p-value is ever 0.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

#: How many resample × unit weights one block may hold (about 32 MB of float64).
_BLOCK_CELLS = 1 << 22


def resample_weights(n_units: int, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Blocks of the resamples × units matrix of draw counts (float64, rows sum to n_units)."""
    if n_units <= 0:
        raise ValueError("cannot bootstrap zero units")
    if resamples <= 0:
        raise ValueError("resamples must be positive")
    rng = np.random.default_rng(seed)
    block = max(1, min(resamples, _BLOCK_CELLS // n_units))
    done = 0
    while done < resamples:
        b = min(block, resamples - done)
        idx = rng.integers(0, n_units, size=(b, n_units))
        # One bincount over (resample, unit) pairs counts every resample's draws at once.
        flat = (np.arange(b, dtype=np.int64)[:, None] * n_units + idx).ravel()
        yield np.bincount(flat, minlength=b * n_units).reshape(b, n_units).astype(np.float64)
        done += b


def resample_totals(unit_counts: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """Totals of every count column in every resample: shape (resamples, columns).

    Float64 matrix products (BLAS) are exact here: every total is an integer far below 2**53.
    """
    counts = np.asarray(unit_counts, dtype=np.float64)
    blocks = [w @ counts for w in resample_weights(counts.shape[0], resamples, seed)]
    return np.concatenate(blocks, axis=0)


def percentile_interval(samples: np.ndarray, confidence: float = 0.95) -> tuple[float, float]:
    """The central ``confidence`` percentile interval of bootstrap samples."""
    tail = (1.0 - confidence) / 2.0 * 100.0
    low, high = np.percentile(np.asarray(samples, dtype=np.float64), [tail, 100.0 - tail])
    return float(low), float(high)


def paired_p_value(observed: float, resampled: np.ndarray) -> float:
    """Two-sided p-value of the observed difference given its resampled differences."""
    d = np.asarray(resampled, dtype=np.float64)
    # A tiny tolerance keeps floating-point noise in identical systems from counting as
    # "smaller than the observed difference" (|0 - 0| >= |0| must hold exactly).
    extreme = np.abs(d - observed) >= abs(observed) - 1e-12
    return float((1 + int(extreme.sum())) / (d.size + 1))
