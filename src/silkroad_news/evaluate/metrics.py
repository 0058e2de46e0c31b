"""Score: pure functions from (gold, predictions) to addable counts, and from counts to figures.

:func:`score` gives one row of integer counts per gold row (:class:`Counts`); every figure is a
function of column totals (:func:`figures`), vectorized over a leading resample axis, so the
bootstrap (:func:`estimate`) re-adds count rows instead of re-scoring. Counts are addable: the
counts of two halves of a split add up to the counts of the split.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from .. import bootstrap
from ..schema import Claim
from ..tags import SpanArrays
from .inputs import (
    CLAIM_ATTRIBUTES,
    CLAIM_PARTS,
    ENTITY_TYPES,
    NUMBER_LABELS,
    Gold,
    Predictions,
    SubmissionError,
)

SEMEVAL_SCHEMES = ("strict", "exact", "partial", "ent_type")
SEMEVAL_OUTCOMES = ("correct", "incorrect", "partial", "missed", "spurious")
#: Relative tolerance for a claim's ``number``: float noise only, never a rounding.
NUMBER_REL_TOL = 1e-9

#: The figure each task is ranked by.
MAIN_SCORE = {"ner": "f1", "claims": "claim.f1", "numbers": "macro_f1"}
#: The figures shown in leaderboard tables and CodaLab's scores.txt, main score first.
HEADLINE: dict[str, tuple[str, ...]] = {
    "ner": (
        "f1",
        "precision",
        "recall",
        "macro_f1",
        "semeval.exact.f1",
        "semeval.partial.f1",
        "semeval.ent_type.f1",
    ),
    "claims": (
        "claim.f1",
        "value.f1",
        "metric.f1",
        "subject.f1",
        "time.f1",
        "number.accuracy",
        "unit.accuracy",
        "kind.accuracy",
    ),
    "numbers": ("macro_f1", "accuracy"),
}

#: What each figure means; ``<TYPE>``/``<LABEL>``/``<PART>`` stand for every member.
FIGURE_DOCS: dict[str, tuple[tuple[str, str], ...]] = {
    "ner": (
        (
            "f1, precision, recall",
            "strict span match, micro-averaged over types (= seqeval "
            "`mode='strict', scheme=IOB2`, = conlleval)",
        ),
        (
            "macro_f1",
            "mean of the per-type strict F1 over the types in the gold or the "
            "predictions (as seqeval's and scikit-learn's macro average)",
        ),
        ("type.<TYPE>.precision/recall/f1", "strict span match, one entity type"),
        (
            "semeval.<SCHEME>.precision/recall/f1",
            "SemEval-2013 Task 9 schemes as in "
            "nervaluate 1.x: strict (span and type), exact (span only), partial (overlap counts "
            "half), ent_type (overlap and type)",
        ),
    ),
    "claims": (
        (
            "value.precision/recall/f1",
            "VALUE span exact match; the pairs it matches are the *matched claims* below",
        ),
        (
            "<ATTRIBUTE>.accuracy",
            "share of matched claims whose attribute is right: number "
            f"(relative tolerance {NUMBER_REL_TOL:g}), unit, kind, approx, direction, modality",
        ),
        (
            "<PART>.precision/recall/f1",
            "METRIC, SUBJECT or TIME span F1: a predicted part is "
            "a true positive when its claim's value matched and the part span is equal; absent "
            "parts are neither predicted nor gold items",
        ),
        (
            "<PART>.accuracy",
            "share of matched claims whose part agrees: equal spans, or both "
            "absent (null == null is agreement)",
        ),
        (
            "claim.precision/recall/f1",
            "full claim: value matched and every attribute and "
            "part agrees; predicted claims over all predicted, over all gold",
        ),
    ),
    "numbers": (
        ("accuracy", "share of mentions with the right label"),
        (
            "macro_f1, macro_precision, macro_recall",
            "mean over the labels in the gold or the "
            "predictions (= scikit-learn `average='macro'`)",
        ),
        ("label.<LABEL>.precision/recall/f1", "one label against the rest"),
    ),
}


# --------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Integer counts: ``values[i, k]`` is column ``k`` counted in gold row ``i``."""

    task: str
    columns: tuple[str, ...]
    values: np.ndarray

    def totals(self) -> dict[str, int]:
        sums = self.values.sum(axis=0)
        return {c: int(v) for c, v in zip(self.columns, sums, strict=True)}

    def __add__(self, other: Counts) -> Counts:
        """The counts of both sets of rows together."""
        if (self.task, self.columns) != (other.task, other.columns):
            raise ValueError("only counts of the same task add up")
        return Counts(self.task, self.columns, np.concatenate([self.values, other.values]))

    def by_unit(self, units: np.ndarray, n_units: int) -> np.ndarray:
        """Sum rows into bootstrap units (passages)."""
        out = np.zeros((n_units, len(self.columns)), dtype=np.int64)
        np.add.at(out, units, self.values)
        return out


def score(gold: Gold, predictions: Predictions) -> Counts:
    """Count matches of validated predictions against the gold, one count row per gold row."""
    if predictions.task != gold.task:
        raise SubmissionError(
            f"{predictions.source}: predictions for {predictions.task!r} cannot be scored "
            f"against {gold.task!r} gold"
        )
    scorer = {"ner": _score_ner, "claims": _score_claims, "numbers": _score_numbers}
    return scorer[gold.task](gold, predictions)


def _per_row(rows: np.ndarray, n: int, k: int = 1, col: np.ndarray | None = None) -> np.ndarray:
    """How many items fall in each row (and column ``col`` of ``k``): an (n, k) matrix."""
    keys = rows * k + (0 if col is None else col)
    return np.bincount(keys, minlength=n * k).reshape(n, k)


def ner_columns() -> tuple[str, ...]:
    per_type = tuple(f"{what}.{t}" for what in ("tp", "pred", "gold") for t in ENTITY_TYPES)
    semeval = tuple(f"semeval.{s}.{o}" for s in SEMEVAL_SCHEMES for o in SEMEVAL_OUTCOMES)
    return per_type + semeval


def _score_ner(gold: Gold, pred: Predictions) -> Counts:
    assert gold.spans is not None and pred.spans is not None
    n, t = len(gold.ids), len(ENTITY_TYPES)
    g, p = gold.spans, pred.spans
    # Global offsets (rows laid end to end) let one sorted array hold every row's spans; spans
    # of different rows can then neither match nor overlap.
    lengths = np.fromiter(map(len, gold.texts), dtype=np.int64, count=n)
    offset = np.cumsum(lengths) - lengths
    gs, ge = offset[g.row] + g.start, offset[g.row] + g.end
    ps, pe = offset[p.row] + p.start, offset[p.row] + p.end
    # Entities never overlap within a side, so a start identifies an entity: equal starts and
    # equal ends are the same-boundary pairs.
    _, gi, pi = np.intersect1d(gs, ps, assume_unique=True, return_indices=True)
    same = ge[gi] == pe[pi]
    gi, pi = gi[same], pi[same]
    typed = g.label[gi] == p.label[pi]

    tp = _per_row(g.row[gi[typed]], n, t, g.label[gi[typed]])
    npred = _per_row(p.row, n, t, p.label)
    ngold = _per_row(g.row, n, t, g.label)
    semeval = _semeval(n, (g, gs, ge, gi), (p, ps, pe, pi), typed)
    values = np.concatenate([tp, npred, ngold, semeval.reshape(n, -1)], axis=1)
    return Counts("ner", ner_columns(), values)


Side = tuple[SpanArrays, np.ndarray, np.ndarray, np.ndarray]  # spans, global starts, ends, pairs


def _semeval(n: int, gold: Side, pred: Side, typed: np.ndarray) -> np.ndarray:
    """SemEval-2013 outcome counts per row: an (n, schemes, outcomes) array.

    Matching follows nervaluate 1.x (greedy, one gold per prediction, predictions in order).
    Since neither side overlaps itself, a same-boundary pair touches nothing else and is
    settled directly; only clusters of partly overlapping entities go through the greedy
    loops, which keeps this fast when most predictions are right.
    """
    g, gs, ge, gi = gold
    p, ps, pe, pi = pred
    out = np.zeros((n, len(SEMEVAL_SCHEMES), len(SEMEVAL_OUTCOMES)), dtype=np.int64)
    c, i, m, s = (SEMEVAL_OUTCOMES.index(o) for o in ("correct", "incorrect", "missed", "spurious"))
    # Same boundaries, same type: correct everywhere. Same boundaries, other type: strict and
    # ent_type see a wrong type (incorrect); exact and partial ignore types (correct).
    right = np.bincount(g.row[gi[typed]], minlength=n)
    retyped = np.bincount(g.row[gi[~typed]], minlength=n)
    for k, scheme in enumerate(SEMEVAL_SCHEMES):
        out[:, k, c] += right
        out[:, k, i if scheme in ("strict", "ent_type") else c] += retyped

    # The rest: clusters of entities chained by overlap.
    g_rest = np.ones(gs.size, dtype=bool)
    g_rest[gi] = False
    p_rest = np.ones(ps.size, dtype=bool)
    p_rest[pi] = False
    start = np.concatenate([gs[g_rest], ps[p_rest]])
    end = np.concatenate([ge[g_rest], pe[p_rest]])
    is_gold = np.concatenate([np.ones(g_rest.sum(), bool), np.zeros(p_rest.sum(), bool)])
    label = np.concatenate([g.label[g_rest], p.label[p_rest]])
    row = np.concatenate([g.row[g_rest], p.row[p_rest]])
    if start.size == 0:
        return out
    order = np.lexsort((end, start))
    start, end, is_gold, label, row = (a[order] for a in (start, end, is_gold, label, row))
    new = np.ones(start.size, dtype=bool)
    new[1:] = start[1:] >= np.maximum.accumulate(end)[:-1]
    cluster = np.cumsum(new) - 1
    n_gold = np.bincount(cluster, weights=is_gold)
    n_pred = np.bincount(cluster, weights=~is_gold)
    alone = (n_gold == 0) | (n_pred == 0)
    lonely = alone[cluster]
    # A gold entity that overlaps no prediction is missed, a prediction that overlaps no gold
    # entity is spurious, in every scheme.
    out[:, :, m] += np.bincount(row[lonely & is_gold], minlength=n)[:, None]
    out[:, :, s] += np.bincount(row[lonely & ~is_gold], minlength=n)[:, None]

    # The commonest error, one prediction overlapping one gold entity with other boundaries,
    # has a fixed outcome: incorrect (strict, exact), partial (partial), and correct or
    # incorrect by type (ent_type). Settling it here keeps the greedy loop for the rest.
    pair = (n_gold == 1) & (n_pred == 1)
    first = np.flatnonzero(new)
    gold_label = np.zeros(first.size, dtype=np.int64)
    pred_label = np.zeros(first.size, dtype=np.int64)
    gold_label[cluster[is_gold]] = label[is_gold]
    pred_label[cluster[~is_gold]] = label[~is_gold]
    pair_rows = row[first[pair]]
    same = gold_label[pair] == pred_label[pair]
    k = {scheme: SEMEVAL_SCHEMES.index(scheme) for scheme in SEMEVAL_SCHEMES}
    out[:, k["strict"], i] += np.bincount(pair_rows, minlength=n)
    out[:, k["exact"], i] += np.bincount(pair_rows, minlength=n)
    out[:, k["partial"], SEMEVAL_OUTCOMES.index("partial")] += np.bincount(pair_rows, minlength=n)
    out[:, k["ent_type"], c] += np.bincount(pair_rows[same], minlength=n)
    out[:, k["ent_type"], i] += np.bincount(pair_rows[~same], minlength=n)

    # The rest, cluster by cluster, through the greedy matching.
    sel = (~alone & ~pair)[cluster]
    if sel.any():
        items = list(zip(*(a[sel].tolist() for a in (start, end, label, is_gold)), strict=True))
        c_row = row[sel]
        cuts = [*np.flatnonzero(np.diff(cluster[sel], prepend=-1)).tolist(), len(items)]
        counts = []
        for lo, hi in pairwise(cuts):
            golds = [(s0, e0, lab) for s0, e0, lab, g0 in items[lo:hi] if g0]
            preds = [(s0, e0, lab) for s0, e0, lab, g0 in items[lo:hi] if not g0]
            counts.append(_nervaluate(golds, preds))
        np.add.at(out, c_row[cuts[:-1]], np.array(counts).reshape(-1, *out.shape[1:]))
    return out


Entity = tuple[int, int, int]  # start, end (exclusive), label id


def _nervaluate(golds: Sequence[Entity], preds: Sequence[Entity]) -> list[int]:
    """The four SemEval-2013 strategies of nervaluate 1.x on one cluster (both sorted).

    A port of ``nervaluate.strategies`` with exclusive ends and any shared character as
    overlap (nervaluate's default 1% minimum overlap is met by every entity of 100 tokens or
    fewer). Returns the outcome counts, scheme by scheme, in ``SEMEVAL_OUTCOMES`` order.
    """
    out: list[int] = []
    for scheme in SEMEVAL_SCHEMES:
        # What ends the search with a hit: same span and type (strict), same span (exact,
        # partial), or the closest overlapping gold item of the same type (ent_type).
        closest = scheme == "ent_type"
        typed = scheme == "strict"
        correct = incorrect = partial = spurious = 0
        matched: set[int] = set()
        for ps, pe, pl in preds:
            hit = near = best = None
            for ti, (ts, te, tl) in enumerate(golds):
                if ti in matched:
                    continue
                overlap = ps < te and ts < pe
                if closest:
                    if overlap and pl == tl:
                        dist = abs(ps - ts) + abs(pe - te)
                        if best is None or dist < best:
                            hit, best = ti, dist
                    elif overlap and near is None:
                        near = ti
                    continue
                if ps == ts and pe == te and (pl == tl or not typed):
                    hit = ti
                    break
                if overlap and near is None:
                    near = ti
            if hit is not None:
                correct += 1
                matched.add(hit)
            elif near is not None:
                if scheme == "partial":
                    partial += 1
                else:
                    incorrect += 1
                matched.add(near)
            else:
                spurious += 1
        out += [correct, incorrect, partial, len(golds) - len(matched), spurious]
    return out


def claims_columns() -> tuple[str, ...]:
    cols = ["value.tp", "value.pred", "value.gold", "number.correct"]
    cols += [f"{name}.correct" for name, _ in CLAIM_ATTRIBUTES]
    cols += [f"{part}.{what}" for part in CLAIM_PARTS for what in ("tp", "pred", "gold", "agree")]
    return (*cols, "claim.tp")


def _score_claims(gold: Gold, pred: Predictions) -> Counts:
    assert gold.claims is not None and pred.claims is not None
    columns = claims_columns()
    col = {c: k for k, c in enumerate(columns)}
    values = np.zeros((len(gold.ids), len(columns)), dtype=np.int64)
    for r, (gold_claims, pred_claims) in enumerate(zip(gold.claims, pred.claims, strict=True)):
        v = values[r]
        by_value = {(c.value.start, c.value.end): c for c in pred_claims}
        v[col["value.pred"]] = len(pred_claims)
        v[col["value.gold"]] = len(gold_claims)
        for part in CLAIM_PARTS:
            v[col[f"{part}.pred"]] = sum(getattr(c, part) is not None for c in pred_claims)
            v[col[f"{part}.gold"]] = sum(getattr(c, part) is not None for c in gold_claims)
        for gc in gold_claims:
            pc = by_value.get((gc.value.start, gc.value.end))
            if pc is None:
                continue
            v[col["value.tp"]] += 1
            agree = _claim_agreement(gc, pc)
            for name, ok in agree.items():
                v[col[name]] += ok
            v[col["claim.tp"]] += all(agree[f"{x}.correct"] for x in _ATTRS) and all(
                agree[f"{part}.agree"] for part in CLAIM_PARTS
            )
    return Counts("claims", columns, values)


_ATTRS = ("number", *(name for name, _ in CLAIM_ATTRIBUTES))


def _claim_agreement(gc: Claim, pc: Claim) -> dict[str, bool]:
    """Which fields of a value-matched pair agree (``<attr>.correct``, ``<part>.tp/agree``)."""
    if gc.number is None or pc.number is None:  # schema 2.0: a range has no number
        number_ok = gc.number is None and pc.number is None
    else:
        number_ok = math.isclose(gc.number, pc.number, rel_tol=NUMBER_REL_TOL, abs_tol=0.0)
    out = {"number.correct": number_ok}
    for name, _ in CLAIM_ATTRIBUTES:
        out[f"{name}.correct"] = getattr(gc, name) == getattr(pc, name)
    for part in CLAIM_PARTS:
        gs, ps = getattr(gc, part), getattr(pc, part)
        both = gs is not None and ps is not None and (gs.start, gs.end) == (ps.start, ps.end)
        out[f"{part}.tp"] = both
        out[f"{part}.agree"] = both or (gs is None and ps is None)
    return out


def numbers_columns() -> tuple[str, ...]:
    return tuple(f"cm.{g}.{p}" for g in NUMBER_LABELS for p in NUMBER_LABELS)


def _score_numbers(gold: Gold, pred: Predictions) -> Counts:
    assert gold.labels is not None and pred.labels is not None
    k = len(NUMBER_LABELS)
    n = len(gold.ids)
    values = _per_row(np.arange(n), n, k * k, gold.labels * k + pred.labels)
    return Counts("numbers", numbers_columns(), values)


# --------------------------------------------------------------------------------------------
# Figures (vectorized over resamples: every total is an array of shape (B,))
# --------------------------------------------------------------------------------------------


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    # 0 where undefined, as seqeval and scikit-learn (zero_division=0) report it.
    return num / np.where(den == 0, 1, den)


def _prf(tp: np.ndarray, pred: np.ndarray, gold: np.ndarray) -> tuple[np.ndarray, ...]:
    """Precision, recall, F1 with seqeval's exact arithmetic (bit-equal results)."""
    p = _ratio(tp, pred)
    r = _ratio(tp, gold)
    denom = p + r
    f = 2.0 * p * r / np.where(denom == 0, 1, denom)
    return p, r, f


def _macro(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Mean over the present classes (axis 0); 0 where no class is present."""
    count = present.sum(axis=0)
    return np.where(present, values, 0.0).sum(axis=0) / np.where(count == 0, 1, count)


def figures(task: str, totals: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every figure of ``task`` from count totals (arrays over resamples)."""
    tot = {k: np.asarray(v, dtype=np.float64) for k, v in totals.items()}
    return {"ner": _ner_figures, "claims": _claims_figures, "numbers": _numbers_figures}[task](tot)


def _ner_figures(tot: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    tp = np.stack([tot[f"tp.{t}"] for t in ENTITY_TYPES])
    pred = np.stack([tot[f"pred.{t}"] for t in ENTITY_TYPES])
    gold = np.stack([tot[f"gold.{t}"] for t in ENTITY_TYPES])
    out["precision"], out["recall"], out["f1"] = _prf(tp.sum(0), pred.sum(0), gold.sum(0))
    p, r, f = _prf(tp, pred, gold)
    # seqeval averages over types sorted by name; the order only matters for rounding.
    order = np.argsort(ENTITY_TYPES)
    out["macro_f1"] = _macro(f[order], (pred + gold)[order] > 0)
    for k, t in enumerate(ENTITY_TYPES):
        out[f"type.{t}.precision"], out[f"type.{t}.recall"], out[f"type.{t}.f1"] = p[k], r[k], f[k]
    for scheme in SEMEVAL_SCHEMES:
        c, i, part, m, s = (tot[f"semeval.{scheme}.{o}"] for o in SEMEVAL_OUTCOMES)
        num = c + 0.5 * part if scheme in ("partial", "ent_type") else c
        sp, sr, sf = _prf(num, c + i + part + s, c + i + part + m)
        out[f"semeval.{scheme}.precision"] = sp
        out[f"semeval.{scheme}.recall"] = sr
        out[f"semeval.{scheme}.f1"] = sf
    return out


def _claims_figures(tot: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    matched = tot["value.tp"]
    for what in ("value", "claim"):
        p, r, f = _prf(tot[f"{what}.tp"], tot["value.pred"], tot["value.gold"])
        out[f"{what}.precision"], out[f"{what}.recall"], out[f"{what}.f1"] = p, r, f
    for name in _ATTRS:
        out[f"{name}.accuracy"] = _ratio(tot[f"{name}.correct"], matched)
    for part in CLAIM_PARTS:
        p, r, f = _prf(tot[f"{part}.tp"], tot[f"{part}.pred"], tot[f"{part}.gold"])
        out[f"{part}.precision"], out[f"{part}.recall"], out[f"{part}.f1"] = p, r, f
        out[f"{part}.accuracy"] = _ratio(tot[f"{part}.agree"], matched)
    return out


def _numbers_figures(tot: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    labels = NUMBER_LABELS
    cm = np.stack([np.stack([tot[f"cm.{g}.{p}"] for p in labels]) for g in labels])
    tp = np.stack([cm[k, k] for k in range(len(labels))])
    pred = cm.sum(axis=0)
    gold = cm.sum(axis=1)
    out["accuracy"] = _ratio(tp.sum(0), gold.sum(0))
    p, r, f = _prf(tp, pred, gold)
    present = (pred + gold) > 0
    out["macro_f1"] = _macro(f, present)
    out["macro_precision"] = _macro(p, present)
    out["macro_recall"] = _macro(r, present)
    for k, label in enumerate(labels):
        out[f"label.{label}.precision"] = p[k]
        out[f"label.{label}.recall"] = r[k]
        out[f"label.{label}.f1"] = f[k]
    return out


def confusion_matrix(counts: Counts) -> list[list[int]]:
    """Rows are gold labels, columns predicted labels, both in ``NUMBER_LABELS`` order."""
    tot = counts.totals()
    return [[tot[f"cm.{g}.{p}"] for p in NUMBER_LABELS] for g in NUMBER_LABELS]


# --------------------------------------------------------------------------------------------
# Point estimates with bootstrap intervals
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float
    high: float


def estimate(
    counts: Counts,
    gold: Gold,
    *,
    seed: int = 0,
    resamples: int = 1000,
    confidence: float = 0.95,
) -> dict[str, Estimate]:
    """Every figure with a percentile bootstrap interval over resampled passages."""
    point = figures(counts.task, {k: np.array([v]) for k, v in counts.totals().items()})
    units = counts.by_unit(gold.units, gold.n_units)
    samples = bootstrap.resample_totals(units, resamples, seed)
    resampled = figures(counts.task, dict(zip(counts.columns, samples.T, strict=True)))
    return {
        name: Estimate(
            float(point[name][0]), *bootstrap.percentile_interval(resampled[name], confidence)
        )
        for name in point
    }


@dataclass(frozen=True)
class Comparison:
    figure: str
    a: Estimate
    b: Estimate
    difference: Estimate
    p_value: float


def compare(
    counts_a: Counts,
    counts_b: Counts,
    gold: Gold,
    *,
    figure: str | None = None,
    seed: int = 0,
    resamples: int = 1000,
    confidence: float = 0.95,
) -> Comparison:
    """Paired bootstrap: both systems scored on the same resampled passages."""
    task = counts_a.task
    figure = figure or MAIN_SCORE[task]
    k = len(counts_a.columns)
    units = np.concatenate(
        [counts_a.by_unit(gold.units, gold.n_units), counts_b.by_unit(gold.units, gold.n_units)],
        axis=1,
    )
    samples = bootstrap.resample_totals(units, resamples, seed)
    point_a = figures(task, {c: np.array([v]) for c, v in counts_a.totals().items()})[figure][0]
    point_b = figures(task, {c: np.array([v]) for c, v in counts_b.totals().items()})[figure][0]
    fa = figures(task, dict(zip(counts_a.columns, samples[:, :k].T, strict=True)))[figure]
    fb = figures(task, dict(zip(counts_b.columns, samples[:, k:].T, strict=True)))[figure]
    diff = float(point_a - point_b)
    return Comparison(
        figure,
        Estimate(float(point_a), *bootstrap.percentile_interval(fa, confidence)),
        Estimate(float(point_b), *bootstrap.percentile_interval(fb, confidence)),
        Estimate(diff, *bootstrap.percentile_interval(fa - fb, confidence)),
        bootstrap.paired_p_value(diff, fa - fb),
    )
