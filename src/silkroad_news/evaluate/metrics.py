"""Score: pure functions from (gold, predictions) to addable counts, and from counts to figures.

:func:`score` gives one row of counts per gold row (:class:`Counts`); every figure is a function
of column totals (:func:`figures`), vectorized over a leading resample axis, so the bootstrap
(:func:`estimate`) re-adds count rows instead of re-scoring. Counts are addable: the counts of
two halves of a split add up to the counts of the split. Counts are integers except the
partial credit of claims (``credit.*``), a sum of per-claim credits in [0, 1].

:func:`mde` is the minimum detectable difference of a figure: 2.8 bootstrap standard errors
(80 % power for a two-sided test at alpha = 0.05: 1.96 + 0.84), the standard error being the
standard deviation of the figure over the bootstrap resamples (:func:`bootstrap_se`). It is a
one-entry figure (how far this figure would have to move to be detected); whether two systems
differ is the paired test's question (:func:`compare`). With no spread to measure (a zero-width
interval, a standard error of 0, fewer than 2 resamples) it is ``None``: not applicable, never
0. :func:`zero_width` says when a bootstrap interval collapsed to a point.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from .. import bootstrap
from ..schema import Claim, Span
from ..tags import SpanArrays
from .inputs import (
    CLAIM_PARTS,
    ENTITY_TYPES,
    NUMBER_CATEGORIES,
    READ_CATEGORIES,
    READING,
    SCORED_CLAIM_ATTRIBUTES,
    Gold,
    Mention,
    Predictions,
    SubmissionError,
)

SEMEVAL_SCHEMES = ("strict", "exact", "partial", "ent_type")
SEMEVAL_OUTCOMES = ("correct", "incorrect", "partial", "missed", "spurious")
#: Relative tolerance for a ``number`` (and ``low``/``high``): float noise only, never a rounding.
NUMBER_REL_TOL = 1e-9
#: Minimum detectable difference in standard errors: z(0.975) + z(0.80) = 1.96 + 0.84.
MDE_FACTOR = 2.8
#: The fields of a claim that earn partial credit: the VALUE, the parts, the attributes.
CREDIT_FIELDS: tuple[str, ...] = ("value", *CLAIM_PARTS, *SCORED_CLAIM_ATTRIBUTES)
#: The fields of a read number mention (quantity or duration) that normalization must get right.
MENTION_FIELDS: tuple[str, ...] = (*READING, "unit", "approx")

#: The figure each task is ranked by.
MAIN_SCORE = {"ner": "f1", "claims": "credit.f1", "numbers": "normalized.f1"}
#: The figures shown in leaderboard tables and CodaLab's scores.txt, main score first; each is
#: in every result of its task (``unseen.*`` is not: it needs the training gold).
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
        "credit.f1",
        "claim.f1",
        "value.f1",
        "number.f1",
        "unit.f1",
        "kind.f1",
        "metric.f1",
        "subject.f1",
        "time.f1",
    ),
    "numbers": (
        "normalized.f1",
        "span.f1",
        "category.f1",
        "number.f1",
        "unit.f1",
        "approx.f1",
        "claim.f1",
    ),
}

#: What each figure means; ``<TYPE>``/``<CATEGORY>``/``<FIELD>``/``<PART>`` stand for every member.
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
            "unseen.precision/recall/f1, unseen.type.<TYPE>.*",
            "strict span match on *unseen* entities only: gold and predicted entities whose "
            "surface string is no gold entity of the system's training data (test: train + "
            "validation; cv: the other four folds; full: every entity is unseen)",
        ),
        (
            "semeval.<SCHEME>.precision/recall/f1",
            "SemEval-2013 Task 9 schemes as in "
            "nervaluate 1.x: strict (span and type), exact (span only), partial (overlap counts "
            "half), ent_type (overlap and type)",
        ),
    ),
    "claims": (
        (
            "credit.precision/recall/f1",
            "partial credit (the main score): each predicted claim is matched one-to-one to a "
            "gold claim whose VALUE overlaps it, maximizing the total credit; a matched claim "
            f"earns the mean of its {len(CREDIT_FIELDS)} field credits ("
            + ", ".join(CREDIT_FIELDS)
            + "): character-overlap F1 for the spans (an absent part on both sides earns 1, on "
            "one side 0), 1 or 0 for the attributes; precision = total credit / predicted "
            "claims, recall = total credit / gold claims",
        ),
        (
            "claim.precision/recall/f1",
            "full claim, strict: value span equal and every attribute and part agrees; over "
            "all predicted, over all gold claims",
        ),
        (
            "value.precision/recall/f1",
            "VALUE span exact match; the pairs it matches are the *matched claims* below",
        ),
        (
            "<ATTRIBUTE>.precision/recall/f1",
            "a claim whose VALUE matched and whose attribute is right, over all predicted and "
            "all gold claims: number (with low and high under schema 2.0; relative tolerance "
            f"{NUMBER_REL_TOL:g}), unit, kind, approx, direction, modality",
        ),
        (
            "<ATTRIBUTE>.accuracy",
            "the same right attributes over the matched claims only (`value.tp` in the counts): "
            "blind to the claims a system misses",
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
    ),
    "numbers": (
        (
            "normalized.precision/recall/f1",
            "the main score: a predicted mention is right when its span and category equal a "
            "gold mention's and, for quantities and durations, its number, low, high (relative "
            f"tolerance {NUMBER_REL_TOL:g}, null = null), unit and approx are equal too",
        ),
        ("span.precision/recall/f1", "mention span exact match, whatever the category"),
        (
            "category.precision/recall/f1, category.<CATEGORY>.*",
            "span and category equal (micro-averaged; then one category)",
        ),
        (
            "<FIELD>.precision/recall/f1",
            "one field of the reading (number, low, high, unit, approx) right on a span-matched "
            "pair where both sides are read (quantity or duration), over every predicted and "
            "every gold read mention",
        ),
        (
            "<FIELD>.accuracy",
            "the same right fields over the span-matched gold read mentions only (`read.matched`)",
        ),
        (
            "claim.precision/recall/f1",
            "claim or not, on span-matched mentions: a true positive is a predicted claim "
            "mention whose span is a gold claim mention; precision over the span-matched "
            "predicted claim mentions, recall over the span-matched gold claim mentions",
        ),
        (
            "claim_mention.precision/recall/f1",
            "the same true positives over every predicted and every gold claim mention (span "
            "finding included)",
        ),
    ),
}


# --------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Counts: ``values[i, k]`` is column ``k`` counted in gold row ``i``.

    Columns in ``fractional`` hold sums of credits (real numbers); the others are integers.
    """

    task: str
    columns: tuple[str, ...]
    values: np.ndarray
    fractional: frozenset[str] = frozenset()

    def totals(self) -> dict[str, Any]:
        sums = self.values.sum(axis=0)
        return {
            c: float(v) if c in self.fractional else int(v)
            for c, v in zip(self.columns, sums, strict=True)
        }

    def __add__(self, other: Counts) -> Counts:
        """The counts of both sets of rows together."""
        if (self.task, self.columns) != (other.task, other.columns):
            raise ValueError("only counts of the same task add up")
        values = np.concatenate([self.values, other.values])
        return Counts(self.task, self.columns, values, self.fractional | other.fractional)

    def by_unit(self, units: np.ndarray, n_units: int) -> np.ndarray:
        """Sum rows into bootstrap units (passages)."""
        out = np.zeros((n_units, len(self.columns)), dtype=self.values.dtype)
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


def ner_columns(unseen: bool = False) -> tuple[str, ...]:
    per_type = tuple(f"{what}.{t}" for what in ("tp", "pred", "gold") for t in ENTITY_TYPES)
    semeval = tuple(f"semeval.{s}.{o}" for s in SEMEVAL_SCHEMES for o in SEMEVAL_OUTCOMES)
    new = tuple(f"unseen.{c}" for c in per_type) if unseen else ()
    return per_type + semeval + new


def _unseen(spans: SpanArrays, gold: Gold) -> np.ndarray:
    """Whether each span's surface is outside the seen surfaces of its row."""
    assert gold.seen is not None
    return np.array(
        [
            gold.texts[r][s:e] not in gold.seen[r]
            for r, s, e in zip(*(a.tolist() for a in spans[:3]), strict=True)
        ],
        dtype=bool,
    )


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
    parts = [tp, npred, ngold, semeval.reshape(n, -1)]
    if gold.seen is not None:
        g_new, p_new = _unseen(g, gold), _unseen(p, gold)
        hit = gi[typed][g_new[gi[typed]]]
        parts += [
            _per_row(g.row[hit], n, t, g.label[hit]),
            _per_row(p.row[p_new], n, t, p.label[p_new]),
            _per_row(g.row[g_new], n, t, g.label[g_new]),
        ]
    values = np.concatenate(parts, axis=1)
    return Counts("ner", ner_columns(gold.seen is not None), values)


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
    cols = ["value.tp", "value.pred", "value.gold"]
    cols += [f"{name}.correct" for name in SCORED_CLAIM_ATTRIBUTES]
    cols += [f"{part}.{what}" for part in CLAIM_PARTS for what in ("tp", "pred", "gold", "agree")]
    return (*cols, "claim.tp", "credit.pairs", "credit.sum")


def _score_claims(gold: Gold, pred: Predictions) -> Counts:
    assert gold.claims is not None and pred.claims is not None
    columns = claims_columns()
    col = {c: k for k, c in enumerate(columns)}
    values = np.zeros((len(gold.ids), len(columns)), dtype=np.float64)
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
            v[col["claim.tp"]] += all(
                agree[f"{x}.correct"] for x in SCORED_CLAIM_ATTRIBUTES
            ) and all(agree[f"{part}.agree"] for part in CLAIM_PARTS)
        pairs, credit = match_claims(gold_claims, pred_claims)
        v[col["credit.pairs"]] = len(pairs)
        v[col["credit.sum"]] = credit
    return Counts("claims", columns, values, frozenset({"credit.sum"}))


def same_reading(a: Any, b: Any) -> bool:
    """Equal ``number``, ``low`` and ``high`` (relative tolerance, null = null); a field the
    record does not have reads as null (schema 1.0 claims have no ``low``/``high``)."""
    for name in READING:
        x, y = getattr(a, name, None), getattr(b, name, None)
        if (x is None) != (y is None):
            return False
        if x is not None and not math.isclose(x, y, rel_tol=NUMBER_REL_TOL, abs_tol=0.0):
            return False
    return True


def _same_field(a: Any, b: Any, name: str) -> bool:
    if name == READING[0]:
        return same_reading(a, b)
    return bool(getattr(a, name) == getattr(b, name))


def _claim_agreement(gc: Claim, pc: Claim) -> dict[str, bool]:
    """Which fields of a value-matched pair agree (``<attr>.correct``, ``<part>.tp/agree``)."""
    out = {f"{name}.correct": _same_field(gc, pc, name) for name in SCORED_CLAIM_ATTRIBUTES}
    for part in CLAIM_PARTS:
        gs, ps = getattr(gc, part), getattr(pc, part)
        both = gs is not None and ps is not None and (gs.start, gs.end) == (ps.start, ps.end)
        out[f"{part}.tp"] = both
        out[f"{part}.agree"] = both or (gs is None and ps is None)
    return out


def overlap_f1(a: Span | None, b: Span | None) -> float:
    """Character-overlap F1 of two spans: 2|a ∩ b| / (|a| + |b|); 1 when both are absent."""
    if a is None or b is None:
        return float(a is None and b is None)
    common = max(0, min(a.end, b.end) - max(a.start, b.start))
    return 2.0 * common / ((a.end - a.start) + (b.end - b.start))


def claim_credit(gc: Claim, pc: Claim) -> float:
    """The partial credit of a predicted claim against a gold claim: the mean of the field
    credits of :data:`CREDIT_FIELDS` (spans: overlap F1; attributes: 1 or 0)."""
    credits = [
        overlap_f1(getattr(gc, name), getattr(pc, name))
        if name in ("value", *CLAIM_PARTS)
        else float(_same_field(gc, pc, name))
        for name in CREDIT_FIELDS
    ]
    return sum(credits) / len(credits)


def match_claims(
    gold_claims: Sequence[Claim], pred_claims: Sequence[Claim]
) -> tuple[list[tuple[int, int]], float]:
    """The one-to-one matching of predicted to gold claims with overlapping VALUEs that
    maximizes the total credit (Hungarian algorithm); returns the pairs and that total."""
    if not gold_claims or not pred_claims:
        return [], 0.0
    from scipy.optimize import linear_sum_assignment

    credit = np.zeros((len(gold_claims), len(pred_claims)))
    for i, gc in enumerate(gold_claims):
        for j, pc in enumerate(pred_claims):
            if gc.value.start < pc.value.end and pc.value.start < gc.value.end:
                credit[i, j] = claim_credit(gc, pc)
    rows, cols = linear_sum_assignment(credit, maximize=True)
    pairs = [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if credit[i, j] > 0]
    # Summed in a fixed order so that the same inputs give the same float.
    return pairs, float(math.fsum(credit[i, j] for i, j in pairs))


def numbers_columns() -> tuple[str, ...]:
    per_category = tuple(f"{w}.{c}" for w in ("tp", "pred", "gold") for c in NUMBER_CATEGORIES)
    fields = tuple(f"{f}.tp" for f in MENTION_FIELDS)
    claim = ("claim.tp", "claim.pred", "claim.gold", "claim_mention.pred", "claim_mention.gold")
    return (
        "span.tp",
        "span.pred",
        "span.gold",
        "normalized.tp",
        *per_category,
        "read.matched",
        "read.pred",
        "read.gold",
        *fields,
        *claim,
    )


def _is_read(m: Mention) -> bool:
    return m.category.value in READ_CATEGORIES


def mention_fields_agree(g: Mention, p: Mention) -> dict[str, bool]:
    """For a span-matched pair, which fields of the reading agree (both read; see
    :data:`MENTION_FIELDS`); all false when either side is not a read category."""
    both = _is_read(g) and _is_read(p)
    out = {}
    for name in MENTION_FIELDS:
        if name in READING:
            x, y = getattr(g, name), getattr(p, name)
            same = (x is None and y is None) or (
                x is not None
                and y is not None
                and math.isclose(x, y, rel_tol=NUMBER_REL_TOL, abs_tol=0.0)
            )
        else:
            same = getattr(g, name) == getattr(p, name)
        out[name] = both and same
    return out


def _score_numbers(gold: Gold, pred: Predictions) -> Counts:
    assert gold.mentions is not None and pred.mentions is not None
    columns = numbers_columns()
    col = {c: k for k, c in enumerate(columns)}
    values = np.zeros((len(gold.ids), len(columns)), dtype=np.int64)
    for r, (gm, pm) in enumerate(zip(gold.mentions, pred.mentions, strict=True)):
        v = values[r]
        v[col["span.pred"]], v[col["span.gold"]] = len(pm), len(gm)
        for m, side in ((pm, "pred"), (gm, "gold")):
            for x in m:
                v[col[f"{side}.{x.category.value}"]] += 1
            v[col[f"read.{side}"]] = sum(map(_is_read, m))
            v[col[f"claim_mention.{side}"]] = sum(x.claim for x in m)
        by_span = {(x.start, x.end): x for x in pm}
        for g in gm:
            p = by_span.get((g.start, g.end))
            if p is None:
                continue
            v[col["span.tp"]] += 1
            v[col["claim.pred"]] += p.claim
            v[col["claim.gold"]] += g.claim
            v[col["claim.tp"]] += p.claim and g.claim
            agree = {}
            if _is_read(g):
                v[col["read.matched"]] += 1
                agree = mention_fields_agree(g, p)
                for name, ok in agree.items():
                    v[col[f"{name}.tp"]] += ok
            if g.category == p.category:
                v[col[f"tp.{g.category.value}"]] += 1
                v[col["normalized.tp"]] += all(agree.values())
    return Counts("numbers", columns, values)


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
    if f"unseen.tp.{ENTITY_TYPES[0]}" in tot:
        tp, pred, gold = (
            np.stack([tot[f"unseen.{w}.{t}"] for t in ENTITY_TYPES]) for w in ("tp", "pred", "gold")
        )
        out["unseen.precision"], out["unseen.recall"], out["unseen.f1"] = _prf(
            tp.sum(0), pred.sum(0), gold.sum(0)
        )
        p, r, f = _prf(tp, pred, gold)
        for k, t in enumerate(ENTITY_TYPES):
            out[f"unseen.type.{t}.precision"] = p[k]
            out[f"unseen.type.{t}.recall"] = r[k]
            out[f"unseen.type.{t}.f1"] = f[k]
    return out


def _claims_figures(tot: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    matched, npred, ngold = tot["value.tp"], tot["value.pred"], tot["value.gold"]
    out["credit.precision"], out["credit.recall"], out["credit.f1"] = _prf(
        tot["credit.sum"], npred, ngold
    )
    for what in ("value", "claim"):
        p, r, f = _prf(tot[f"{what}.tp"], npred, ngold)
        out[f"{what}.precision"], out[f"{what}.recall"], out[f"{what}.f1"] = p, r, f
    for name in SCORED_CLAIM_ATTRIBUTES:
        p, r, f = _prf(tot[f"{name}.correct"], npred, ngold)
        out[f"{name}.precision"], out[f"{name}.recall"], out[f"{name}.f1"] = p, r, f
        out[f"{name}.accuracy"] = _ratio(tot[f"{name}.correct"], matched)
    for part in CLAIM_PARTS:
        p, r, f = _prf(tot[f"{part}.tp"], tot[f"{part}.pred"], tot[f"{part}.gold"])
        out[f"{part}.precision"], out[f"{part}.recall"], out[f"{part}.f1"] = p, r, f
        out[f"{part}.accuracy"] = _ratio(tot[f"{part}.agree"], matched)
    return out


def _numbers_figures(tot: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}

    def prf(name: str, tp: np.ndarray, pred: np.ndarray, gold: np.ndarray) -> None:
        out[f"{name}.precision"], out[f"{name}.recall"], out[f"{name}.f1"] = _prf(tp, pred, gold)

    npred, ngold = tot["span.pred"], tot["span.gold"]
    prf("normalized", tot["normalized.tp"], npred, ngold)
    prf("span", tot["span.tp"], npred, ngold)
    tp, pred, gold = (
        np.stack([tot[f"{w}.{c}"] for c in NUMBER_CATEGORIES]) for w in ("tp", "pred", "gold")
    )
    prf("category", tp.sum(0), npred, ngold)
    for k, c in enumerate(NUMBER_CATEGORIES):
        prf(f"category.{c}", tp[k], pred[k], gold[k])
    for name in MENTION_FIELDS:
        prf(name, tot[f"{name}.tp"], tot["read.pred"], tot["read.gold"])
        out[f"{name}.accuracy"] = _ratio(tot[f"{name}.tp"], tot["read.matched"])
    prf("claim", tot["claim.tp"], tot["claim.pred"], tot["claim.gold"])
    prf("claim_mention", tot["claim.tp"], tot["claim_mention.pred"], tot["claim_mention.gold"])
    return out


# --------------------------------------------------------------------------------------------
# Point estimates with bootstrap intervals
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """A figure, its bootstrap percentile interval and its bootstrap standard error (``None``
    when fewer than 2 resamples were drawn)."""

    value: float
    low: float
    high: float
    se: float | None = None


def mde(e: Estimate | Mapping[str, Any]) -> float | None:
    """The minimum detectable difference of a figure: :data:`MDE_FACTOR` standard errors; ``None``
    (not applicable) when the resamples show no spread: a zero-width interval, a standard error
    of 0 or none (fewer than 2 resamples). A one-entry figure: to tell two systems apart use the
    paired test (:func:`compare`)."""
    se = e["se"] if isinstance(e, Mapping) else e.se
    if se is None or not se > 0.0 or zero_width(e):
        return None
    return MDE_FACTOR * float(se)


def zero_width(e: Estimate | Mapping[str, Any]) -> bool:
    """Whether a bootstrap interval collapsed to a point: every resample gave the same value
    (a perfect or an empty system, or too few passages that differ). It is not certainty."""
    low, high = (e["low"], e["high"]) if isinstance(e, Mapping) else (e.low, e.high)
    return bool(high - low <= 1e-12)


def bootstrap_se(samples: np.ndarray) -> float | None:
    """The bootstrap standard error of a figure: the standard deviation (``ddof=1``) of its
    values over the bootstrap resamples (Efron & Tibshirani 1993, eq. 6.6), ``None`` with fewer
    than 2 resamples. Resamples that draw no passage with a gold item, where a figure is 0 by
    convention, are kept: they are part of what the resampling says about the figure, and on a
    test split where most passages hold no claim they widen the standard error."""
    x = np.asarray(samples, dtype=np.float64)
    if x.size < 2:
        return None
    return float(x.std(ddof=1))


def _estimate(point: float, samples: np.ndarray, confidence: float) -> Estimate:
    se = bootstrap_se(samples)
    return Estimate(float(point), *bootstrap.percentile_interval(samples, confidence), se)


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
    return {name: _estimate(point[name][0], resampled[name], confidence) for name in point}


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
        _estimate(point_a, fa, confidence),
        _estimate(point_b, fb, confidence),
        _estimate(diff, fa - fb, confidence),
        bootstrap.paired_p_value(diff, fa - fb),
    )
