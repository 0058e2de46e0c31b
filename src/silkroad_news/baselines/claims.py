"""The numeric-claims baseline: a mention classifier, a METRIC/TIME tagger and a linker.

Contract
--------
Inputs are rows of the Hugging Face configs (``numbers`` rows for the classifier, ``claims``
rows for the part tagger); outputs are submission objects the evaluation script validates.
Every component is deterministic (fixed ``random_state``, deterministic L-BFGS).

1. :class:`NumberClassifier` labels a number mention with a claim kind or ``not_claim``
   (trained on the gold mention layer; it gives the claims their kind and the ``numbers``
   task its ``claim`` flag, :meth:`ClaimsBaseline.predict_numbers`): scikit-learn
   ``LogisticRegression`` (lbfgs, ``random_state=0``) over
   TF-IDF character n-grams (``char_wb``, 1-3) of three strings: the mention with its digits
   folded to ``0`` (``564.32亿元`` reads as ``000.00亿元``: the unit and qualifiers matter,
   the digits do not), the :data:`CONTEXT` characters before it and those after it; plus
   indicator tokens of what :func:`silkroad_news.numbers.find_quantities` says about the
   mention (category, unit, approx), of the direction cue before it and of the kind the
   pre-annotation rules would guess (:func:`silkroad_news.prelabel.guess_kind`). Whether the
   mention's span equals the recognizer's is deliberately *not* a feature: in the ``numbers``
   config only gold VALUEs can differ from it, so it would read the answer off the data.
   ``C`` and ``class_weight`` are chosen on the validation split (:data:`CLASSIFIER_GRID`,
   by the caller's figure: :func:`search_classifier`).
   With a single label in the training data it predicts that label.
2. :class:`PartTagger`: the character CRF of :mod:`.crf` trained on the METRIC and TIME spans
   of the gold claims (BIO, one tag sequence per passage; a span repeated by several claims is
   one span; of overlapping spans the earlier, then longer, is kept).
3. :func:`predict_claims` turns a passage into claims:

   * VALUE candidates are the ``quantity`` mentions of ``find_quantities`` (dates, ordinals,
     identifiers and phone numbers are never claims); the classifier's label is the kind, and
     ``not_claim`` drops the candidate. A candidate without a normalized number is dropped.
   * ``number``, ``unit_text`` and ``approx`` come from the recognizer; ``unit`` too (its
     inventory code), or ``count:个`` when there is none (a bare number counts something); a
     candidate whose unit is a compound (``CNY/t``, no claim unit in schema 2.0) is dropped.
   * ``direction`` (change-like kinds only: change_rate, difference, multiple) and
     ``modality``: the last cue word of :data:`silkroad_news.prelabel.DIRECTION_CUES` /
     ``MODALITY_CUES`` in the clause before the value; ``none`` / ``actual`` without one.
   * ``metric``, ``subject`` and ``time``: the learned linker of :mod:`.linker`
     (:attr:`ClaimsBaseline.linker`), a ranker per part over candidate spans from the
     METRIC/TIME CRF (best path and marginal-based spans), the NER CRF's entities and
     clause heuristics (runs of jieba words, clause-opening noun phrases); see that module
     for the candidates, features, model and its choice of hyper-parameters.
   * Without a linker (``linker=None``) the nearest-span rule of :func:`link` links, within
     the value's sentence (ended by 。!?!? or a line break, as the corpus splits sentences):
     ``metric`` and ``time`` are the nearest predicted METRIC / TIME span that ends before
     the value, else the nearest that starts after it; ``subject`` is the nearest GPE, ORG or
     FAC entity of the NER tagger that ends before the value, else none. Spans overlapping
     the value are never linked.
4. :func:`train_linker` trains the linker on the gold claims of the training rows
   (:func:`linker_training`: what it learns from). The features it reads from the taggers
   must look as they will on unseen text, so every training passage is analysed
   (:func:`analyses`) by a NER CRF and a METRIC/TIME CRF trained on the rows of the *other*
   inner groups only (:func:`out_of_fold_analyses`, a jackknife; the groups are the
   dataset's folds when given, which keep near-duplicate passages together). The linker then
   chooses its own hyper-parameters by cross-validation over the same groups: nothing
   outside the training rows is read.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..numbers import Quantity, find_quantities
from ..prelabel import DIRECTION_CUES, MODALITY_CUES, clause_before, guess_kind, last_cue
from ..records import MENTION_READING, submission_claim, to_json
from ..schema import (
    NOT_CLAIM,
    READ_CATEGORIES,
    Approx,
    Claim,
    ClaimKind,
    ClaimPart,
    Direction,
    EntityType,
    Modality,
    NumberCategory,
    Span,
)
from ..tags import BIO, LabeledSpan, encode
from ..units import is_code, schema_v1_unit
from .crf import (
    DEFAULT_GRID,
    CrfTagger,
    FeatureCache,
    Hyperparameters,
    TaggedData,
    decode_many,
    search,
    span_f1,
    tagged,
)
from .crf import train as train_crf
from .features import FeatureConfig, Features, simplified
from .linker import (
    DEFAULT_INNER_FOLDS,
    PARTS,
    Example,
    Linker,
    LinkerTraining,
    Passage,
    Value,
    analyze,
    crf_marginals,
    marginal_labels,
)

#: Characters of context on each side of a mention that the classifier reads.
CONTEXT = 8
#: The classifier's search grid: inverse regularization ``C`` x ``class_weight``.
CLASSIFIER_GRID: tuple[dict[str, Any], ...] = tuple(
    {"C": c, "class_weight": w} for c in (0.1, 1.0, 10.0) for w in (None, "balanced")
)
RANDOM_STATE = 0
#: Claim parts the CRF tags; SUBJECT comes from the NER tagger.
TAGGED_PARTS = (ClaimPart.METRIC.value, ClaimPart.TIME.value)
SUBJECT_TYPES = frozenset({EntityType.GPE.value, EntityType.ORG.value, EntityType.FAC.value})
CHANGE_KINDS = frozenset({ClaimKind.CHANGE_RATE, ClaimKind.DIFFERENCE, ClaimKind.MULTIPLE})
_SENTENCE_END = re.compile(r"[。!?!?\n]")
_DIGIT = re.compile(r"\d")


# --------------------------------------------------------------------------------------------
# The mention classifier
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A number mention in a passage: offsets into ``text``."""

    text: str
    start: int
    end: int


def _quantity_at(quantities: Sequence[Quantity], m: Mention) -> Quantity | None:
    """The recognizer's quantity with the mention's span, else the first overlapping one."""
    overlapping = [q for q in quantities if q.start < m.end and m.start < q.end]
    exact = [q for q in overlapping if (q.start, q.end) == (m.start, m.end)]
    return (exact or overlapping or [None])[0]


def _meta(m: Mention, quantities: Sequence[Quantity], view: str) -> str:
    """Indicator tokens (space separated) of the recognizer's and the rules' reading."""
    q = _quantity_at(quantities, m)
    if q is None:
        return "cat=none"
    clause = clause_before(view, m.start)
    direction = last_cue(clause, DIRECTION_CUES) or Direction.NONE
    unit = schema_v1_unit(q.unit)  # the classifier's features keep the schema-1.0 units
    kind = guess_kind(q.unit, clause, direction)
    return " ".join(
        [
            f"cat={q.category.value}",
            f"unit={unit or 'none'}",
            f"approx={q.approx.value}",
            f"rule={kind.value if kind else 'none'}",
            f"dir={direction.value}",
            # Not whether the mention's span equals the recognizer's: in the numbers config
            # only gold VALUEs can differ, so that would be a giveaway of the data, not text.
        ]
    )


def mention_strings(
    mentions: Sequence[Mention], quantities: Mapping[str, Sequence[Quantity]] | None = None
) -> tuple[list[str], list[str], list[str], list[str]]:
    """The four strings the classifier reads per mention: mention, left, right, meta."""
    quantities = dict(quantities or {})
    views: dict[str, str] = {}
    cols: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])
    for m in mentions:
        if m.text not in quantities:
            quantities[m.text] = find_quantities(m.text)
        if m.text not in views:
            views[m.text] = simplified(m.text)
        view = views[m.text]
        cols[0].append(_DIGIT.sub("0", view[m.start : m.end]))
        cols[1].append("^" + view[max(0, m.start - CONTEXT) : m.start])
        cols[2].append(view[m.end : m.end + CONTEXT] + "$")
        cols[3].append(_meta(m, quantities[m.text], view))
    return cols


class NumberClassifier:
    """Logistic regression over character n-grams of a mention and its context."""

    def __init__(self, C: float = 1.0, class_weight: str | None = None) -> None:
        self.C = C
        self.class_weight = class_weight
        self._constant: str | None = None
        self._vectorizers: list[Any] = []
        self._model: Any = None

    @property
    def params(self) -> dict[str, Any]:
        return {"C": self.C, "class_weight": self.class_weight}

    def _features(self, mentions: Sequence[Mention], fit: bool) -> Any:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

        cols = mention_strings(mentions)
        if fit:
            self._vectorizers = [
                TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=False),
                TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=False),
                TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=False),
                CountVectorizer(token_pattern=r"\S+", lowercase=False, binary=True),
            ]
            parts = [v.fit_transform(c) for v, c in zip(self._vectorizers, cols, strict=True)]
        else:
            parts = [v.transform(c) for v, c in zip(self._vectorizers, cols, strict=True)]
        return hstack(parts).tocsr()

    def fit(self, mentions: Sequence[Mention], labels: Sequence[str]) -> NumberClassifier:
        from sklearn.linear_model import LogisticRegression

        if not mentions:
            raise ValueError("no training mentions")
        distinct = sorted(set(labels))
        if len(distinct) == 1:
            # scikit-learn refuses one class; with one label seen, that label is the answer.
            self._constant = distinct[0]
            return self
        self._constant = None
        x = self._features(mentions, fit=True)
        self._model = LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            max_iter=2000,
            random_state=RANDOM_STATE,
        ).fit(x, list(labels))
        return self

    def predict(self, mentions: Sequence[Mention]) -> list[str]:
        if not mentions:
            return []
        if self._constant is not None:
            return [self._constant] * len(mentions)
        return [str(y) for y in self._model.predict(self._features(mentions, fit=False))]


def mentions_of(rows: Sequence[Mapping[str, Any]]) -> list[Mention]:
    """Mentions of ``numbers`` config rows."""
    return [Mention(r["text"], r["mention"]["start"], r["mention"]["end"]) for r in rows]


def search_classifier(
    train_rows: Sequence[Mapping[str, Any]],
    score: Callable[[NumberClassifier], float],
    figure: str,
    grid: Sequence[Mapping[str, Any]] = CLASSIFIER_GRID,
) -> tuple[NumberClassifier, dict[str, Any]]:
    """Fit at every grid point on ``train_rows`` (per-mention rows,
    :func:`silkroad_news.records.mention_label_rows`); keep the first best ``score(model)``
    (the caller's ``figure`` on its validation data)."""
    train_m, train_y = mentions_of(train_rows), [r["label"] for r in train_rows]
    best: NumberClassifier | None = None
    best_score = -1.0
    points = []
    for params in grid:
        clf = NumberClassifier(**params).fit(train_m, train_y)
        value = float(score(clf))
        points.append({**params, "score": value})
        if value > best_score:
            best, best_score = clf, value
    assert best is not None
    record = {
        "figure": figure,
        "grid": points,
        "chosen": best.params,
        "score": best_score,
        "rule": "first best in grid order",
    }
    return best, record


def mention_of(q: Quantity, claim: bool) -> dict[str, Any]:
    """A ``numbers`` prediction mention of a recognizer quantity; only quantities and
    durations carry a reading (:data:`~silkroad_news.records.MENTION_READING`)."""
    read = q.category in READ_CATEGORIES
    out: dict[str, Any] = {"start": q.start, "end": q.end, "text": q.text}
    out["category"] = q.category.value
    for name in MENTION_READING:
        value = getattr(q, name) if read else ("" if name == "unit_text" else None)
        out[name] = value.value if isinstance(value, Approx) else value
    out["claim"] = claim
    return out


# --------------------------------------------------------------------------------------------
# METRIC and TIME spans
# --------------------------------------------------------------------------------------------


def part_spans(row: Mapping[str, Any]) -> list[LabeledSpan]:
    """Distinct, non-overlapping METRIC and TIME spans of a ``claims`` row's gold claims."""
    spans = set()
    for claim in row["claims"]:
        for part in TAGGED_PARTS:
            s = claim[part.lower()]
            if s is not None:
                spans.add(LabeledSpan(s["start"], s["end"], part))
    kept: list[LabeledSpan] = []
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start), s.label)):
        if not kept or s.start >= kept[-1].end:
            kept.append(s)
    return kept


def part_data(rows: Sequence[Mapping[str, Any]]) -> TaggedData:
    """BIO tags of the METRIC and TIME spans, one sequence per ``claims`` row."""
    texts = [r["text"] for r in rows]
    tags = [encode(part_spans(r), len(r["text"]), BIO) for r in rows]
    return tagged(texts, tags, BIO)


#: The METRIC/TIME CRF's features: the NER CRF's without the name heads (METRIC and TIME are
#: not names; with the heads, 5-fold CV TIME F1 fell by 2.5 points).
PART_FEATURES = dataclasses.replace(FeatureConfig(), heads=False)


@dataclass
class PartTagger:
    """The METRIC/TIME CRF (BIO over the two part labels)."""

    tagger: CrfTagger

    @classmethod
    def search(
        cls,
        train_rows: Sequence[Mapping[str, Any]],
        dev_rows: Sequence[Mapping[str, Any]],
        grid: Sequence[Hyperparameters] = DEFAULT_GRID,
        config: FeatureConfig | None = None,
        cache: FeatureCache | None = None,
        fit_seconds: list[float] | None = None,
    ) -> tuple[PartTagger, dict[str, Any]]:
        dev = part_data(dev_rows)
        tagger, record = search(
            part_data(train_rows),
            dev,
            grid,
            config or PART_FEATURES,
            cache=cache,
            score=lambda pred: span_f1(dev.tags, pred, BIO),
            figure="METRIC/TIME strict span F1",
            description="METRIC/TIME CRF grid",
            fit_seconds=fit_seconds,
        )
        return cls(tagger), record

    @classmethod
    def train(
        cls,
        rows: Sequence[Mapping[str, Any]],
        hyper: Hyperparameters,
        config: FeatureConfig | None = None,
        cache: FeatureCache | None = None,
    ) -> PartTagger:
        return cls(train_crf(part_data(rows), config or PART_FEATURES, hyper, cache=cache))

    def predict(
        self, texts: Sequence[str], cache: FeatureCache | None = None
    ) -> list[list[LabeledSpan]]:
        """METRIC and TIME spans of each text."""
        bases = cache.known(texts, self.tagger.config) if cache is not None else None
        return decode_many(self.tagger.predict(texts, bases), BIO)


# --------------------------------------------------------------------------------------------
# Linking and claims
# --------------------------------------------------------------------------------------------


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``[start, end)``."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0, after.end() if after else len(text))


def link(
    value: tuple[int, int], spans: Sequence[LabeledSpan], sentence: tuple[int, int], *, after: bool
) -> LabeledSpan | None:
    """Nearest span ending before the value in its sentence, else (``after``) the nearest one
    starting after it; spans overlapping the value are skipped."""
    lo, hi = sentence
    vs, ve = value
    before = [s for s in spans if lo <= s.start and s.end <= vs]
    if before:
        return max(before, key=lambda s: (s.end, s.start))
    if after:
        following = [s for s in spans if ve <= s.start and s.end <= hi]
        if following:
            return min(following, key=lambda s: (s.start, s.end))
    return None


def _span(text: str, s: LabeledSpan | None) -> Span | None:
    return None if s is None else Span(start=s.start, end=s.end, text=text[s.start : s.end])


#: The unit of a claim whose VALUE the recognizer reads as a bare number: a count.
BARE_NUMBER_UNIT = "count:个"


def claims_of_passage(
    text: str,
    kinds: Sequence[str],
    candidates: Sequence[Quantity],
    parts: Sequence[LabeledSpan],
    entities: Sequence[LabeledSpan],
    linker: Linker | None = None,
    passage: Passage | None = None,
) -> list[dict[str, Any]]:
    """Claims (submission form) of one passage from its classified VALUE candidates; parts
    by ``linker`` over ``passage`` when given, else by nearest-span :func:`link`."""
    view = simplified(text)
    metrics = [s for s in parts if s.label == ClaimPart.METRIC.value]
    times = [s for s in parts if s.label == ClaimPart.TIME.value]
    subjects = [s for s in entities if s.label in SUBJECT_TYPES]
    out = []
    for q, label in zip(candidates, kinds, strict=True):
        if label == NOT_CLAIM or q.number is None or not np.isfinite(q.number):
            continue
        unit = BARE_NUMBER_UNIT if q.unit is None else q.unit
        if not is_code(unit, compound=False):
            continue
        kind = ClaimKind(label)
        clause = clause_before(view, q.start)
        direction = Direction.NONE
        if kind in CHANGE_KINDS:
            direction = last_cue(clause, DIRECTION_CUES) or Direction.NONE
        modality = last_cue(clause, MODALITY_CUES) or Modality.ACTUAL
        sentence = _sentence_of(text, q.start, q.end)
        value = (q.start, q.end)
        claim = Claim(
            id="",  # submissions carry no claim ids
            value=Span(start=q.start, end=q.end, text=q.text),
            number=float(q.number),
            low=None,
            high=None,
            unit=unit,
            unit_text=q.unit_text,
            kind=kind,
            approx=q.approx,
            direction=direction,
            modality=modality,
            metric=_span(text, link(value, metrics, sentence, after=True)),
            subject=_span(text, link(value, subjects, sentence, after=False)),
            time=_span(text, link(value, times, sentence, after=True)),
        )
        out.append(claim)
    if linker is not None and out:
        if passage is None:
            passage = analyze(text, entities, parts)
        links = linker.link(passage, [_value_of(to_json(c)) for c in out])
        out = [
            dataclasses.replace(
                claim,
                **{
                    part: None if span is None else _span(text, LabeledSpan(*span, part))
                    for part, span in found.items()
                },
            )
            for claim, found in zip(out, links, strict=True)
        ]
    return [submission_claim(c) for c in out]


def _value_of(claim: Mapping[str, Any]) -> Value:
    """A claim in JSON form (a dataset row's or a predicted one) as the linker sees its VALUE."""
    v = claim["value"]
    return Value(v["start"], v["end"], claim["kind"], claim["unit"])


# --------------------------------------------------------------------------------------------
# The linker's training data: passages analysed by taggers that did not see them
# --------------------------------------------------------------------------------------------


def analyses(
    texts: Sequence[str], ner: CrfTagger, parts: PartTagger, cache: FeatureCache | None = None
) -> list[Passage]:
    """The linker's view of each text: NER entities, METRIC/TIME spans and marginals."""
    none: list[Features | None] = [None] * len(texts)
    bases = cache.known(texts, ner.config) if cache is not None else none
    entities = decode_many(ner.predict(texts, bases), ner.scheme)
    labels = marginal_labels(parts.tagger)
    part_bases = cache.known(texts, parts.tagger.config) if cache is not None else none
    out = []
    for text, base, ents, spans in zip(
        texts, part_bases, entities, parts.predict(texts, cache), strict=True
    ):
        marg = crf_marginals(parts.tagger, text, base)
        out.append(analyze(text, ents, spans, {lab: marg[:, j] for j, lab in enumerate(labels)}))
    return out


def inner_groups(ids: Sequence[str], groups: Mapping[str, int] | None) -> dict[str, int]:
    """The inner cross-validation group of each passage: ``groups[id]`` when given (the
    dataset's folds keep near-duplicate passages together), else the position in id order
    modulo :data:`~.linker.DEFAULT_INNER_FOLDS`."""
    if groups is not None:
        return {i: int(groups[i]) for i in ids}
    return {i: k % DEFAULT_INNER_FOLDS for k, i in enumerate(sorted(set(ids)))}


def out_of_fold_analyses(
    claims_rows: Sequence[Mapping[str, Any]],
    ner_rows: Sequence[Mapping[str, Any]],
    group_of: Mapping[str, int],
    ner_hyper: Hyperparameters,
    parts_hyper: Hyperparameters,
    config: FeatureConfig | None = None,
    cache: FeatureCache | None = None,
    parts_config: FeatureConfig | None = None,
) -> dict[str, Passage]:
    """:func:`analyses` of the ``claims`` rows that have claims, each by a NER CRF and a
    METRIC/TIME CRF trained on every row of the other groups (jackknife): the linker learns
    from tagger outputs that look like those of unseen passages. With one group only, the
    taggers see the rows they analyse."""
    distinct = sorted(set(group_of.values()))
    out: dict[str, Passage] = {}
    for g in distinct:
        held = [r for r in claims_rows if r["claims"] and group_of[r["id"]] == g]
        if not held:
            continue
        ner_train = [r for r in ner_rows if group_of[r["id"]] != g or len(distinct) == 1]
        parts_train = [r for r in claims_rows if group_of[r["id"]] != g or len(distinct) == 1]
        ner = train_crf(
            tagged([r["text"] for r in ner_train], [r["ner_tags"] for r in ner_train], BIO),
            config,
            ner_hyper,
            cache=cache,
        )
        parts = PartTagger.train(parts_train, parts_hyper, parts_config, cache)
        texts = [r["text"] for r in held]
        for r, passage in zip(held, analyses(texts, ner, parts, cache), strict=True):
            out[r["id"]] = passage
    return out


def _span_of(s: Mapping[str, Any] | None) -> tuple[int, int] | None:
    return None if s is None else (s["start"], s["end"])


def linker_examples(
    claims_rows: Sequence[Mapping[str, Any]],
    passages: Mapping[str, Passage],
    group_of: Mapping[str, int],
) -> list[Example]:
    """One :class:`~.linker.Example` per gold claim (gold VALUEs, kinds, units and parts)."""
    out = []
    for row in claims_rows:
        values = tuple(_value_of(c) for c in row["claims"])
        for claim, value in zip(row["claims"], values, strict=True):
            gold = {part: _span_of(claim[part]) for part in PARTS}
            out.append(Example(passages[row["id"]], value, values, gold, group_of[row["id"]]))
    return out


def linker_training(
    claims_rows: Sequence[Mapping[str, Any]],
    ner_rows: Sequence[Mapping[str, Any]],
    ner_hyper: Hyperparameters,
    parts_hyper: Hyperparameters,
    config: FeatureConfig | None = None,
    cache: FeatureCache | None = None,
    groups: Mapping[str, int] | None = None,
    parts_config: FeatureConfig | None = None,
) -> LinkerTraining:
    """What the learned linker of :mod:`.linker` learns from: the gold claims of
    ``claims_rows`` with out-of-fold tagger outputs (``ner_rows``: the NER tags of the same
    passages; ``groups``: passage id -> inner cross-validation group, by default round robin;
    ``config``, ``parts_config``: the features of the NER and the METRIC/TIME CRF), their
    features computed once (:class:`~.linker.LinkerTraining`)."""
    group_of = inner_groups([r["id"] for r in [*claims_rows, *ner_rows]], groups)
    passages = out_of_fold_analyses(
        claims_rows, ner_rows, group_of, ner_hyper, parts_hyper, config, cache, parts_config
    )
    return LinkerTraining.of(linker_examples(claims_rows, passages, group_of))


def train_linker(
    claims_rows: Sequence[Mapping[str, Any]],
    ner_rows: Sequence[Mapping[str, Any]],
    ner_hyper: Hyperparameters,
    parts_hyper: Hyperparameters,
    config: FeatureConfig | None = None,
    cache: FeatureCache | None = None,
    groups: Mapping[str, int] | None = None,
    parts_config: FeatureConfig | None = None,
) -> Linker:
    """The learned linker, fitted on :func:`linker_training` (same arguments)."""
    training = linker_training(
        claims_rows, ner_rows, ner_hyper, parts_hyper, config, cache, groups, parts_config
    )
    return training.fit()


@dataclass(frozen=True)
class Reading:
    """What :meth:`ClaimsBaseline.predict_claims` reads of passage rows before linking: each
    row's VALUE candidates with their classified kinds and, for the learned linker, the
    taggers' analysis; every linker over the same taggers links from it."""

    ids: list[str]
    texts: list[str]
    candidates: list[list[Quantity]]
    kinds: list[list[str]]
    passages: list[Passage] | None


@dataclass
class ClaimsBaseline:
    """The three components together."""

    classifier: NumberClassifier
    parts: PartTagger
    ner: CrfTagger
    #: the learned linker; ``None`` links by nearest span (:func:`link`)
    linker: Linker | None = None

    def predict_numbers(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """``numbers`` submission lines for passage rows: every mention of
        :func:`~silkroad_news.numbers.find_quantities` with its reading, and ``claim`` where the
        classifier labels it with a claim kind (anything but ``not_claim``)."""
        texts = [r["text"] for r in rows]
        found = [find_quantities(t) for t in texts]
        flat = [Mention(t, q.start, q.end) for t, qs in zip(texts, found, strict=True) for q in qs]
        labels = iter(self.classifier.predict(flat))
        return [
            {"id": r["id"], "mentions": [mention_of(q, next(labels) != NOT_CLAIM) for q in qs]}
            for r, qs in zip(rows, found, strict=True)
        ]

    def read(self, rows: Sequence[Mapping[str, Any]], cache: FeatureCache | None = None) -> Reading:
        """The :class:`Reading` of ``claims`` (or ``ner``) config rows."""
        texts = [r["text"] for r in rows]
        candidates = [
            [q for q in find_quantities(t) if q.category is NumberCategory.QUANTITY] for t in texts
        ]
        flat = [
            Mention(t, q.start, q.end) for t, qs in zip(texts, candidates, strict=True) for q in qs
        ]
        labels = iter(self.classifier.predict(flat))
        kinds = [[next(labels) for _ in qs] for qs in candidates]
        passages = None
        if self.linker is not None:
            passages = analyses(texts, self.ner, self.parts, cache)
        return Reading([r["id"] for r in rows], texts, candidates, kinds, passages)

    def link(self, reading: Reading, linker: Linker | None = None) -> list[dict[str, Any]]:
        """``claims`` submission lines of a :class:`Reading` of this baseline's, linked by
        ``linker`` (by default its own learned linker)."""
        linker = self.linker if linker is None else linker
        if linker is None or reading.passages is None:
            raise ValueError("linking a reading needs a learned linker and the analyses")
        return [
            {"id": i, "claims": claims_of_passage(t, k, c, p.tagged, p.entities, linker, p)}
            for i, t, k, c, p in zip(
                reading.ids,
                reading.texts,
                reading.kinds,
                reading.candidates,
                reading.passages,
                strict=True,
            )
        ]

    def predict_claims(
        self, rows: Sequence[Mapping[str, Any]], cache: FeatureCache | None = None
    ) -> list[dict[str, Any]]:
        """``claims`` submission lines for ``claims`` (or ``ner``) config rows."""
        reading = self.read(rows, cache)
        if self.linker is not None:
            return self.link(reading)
        texts, kinds, candidates = reading.texts, reading.kinds, reading.candidates
        parts = self.parts.predict(texts, cache)
        bases = cache.known(texts, self.ner.config) if cache is not None else None
        entities = decode_many(self.ner.predict(texts, bases), self.ner.scheme)
        return [
            {"id": r["id"], "claims": claims_of_passage(t, k, c, p, e)}
            for r, t, k, c, p, e in zip(
                rows, texts, kinds, candidates, parts, entities, strict=True
            )
        ]
