"""The learned claim linker: a classifier over candidate spans picks each VALUE's parts.

Contract
--------
For every VALUE of a passage and every part (``metric``, ``subject``, ``time``) the linker
lists candidate spans, describes each (candidate, VALUE) pair by indicator features, scores
the pairs with one scikit-learn ``LogisticRegression`` per part and links the best-scoring
candidate when its probability reaches the part's threshold, else nothing. Pure functions of
their inputs; deterministic (lbfgs, ``random_state=0``, sorted features, ties broken by
position).

Passage analysis (:class:`Passage`, built by :func:`analyze`)
    the simplified view (:func:`~.features.simplified`), its jieba words with their
    part-of-speech flags (``jieba.posseg`` without HMM, the bundled dictionary only), clause
    and sentence numbers per character, the recognizer's quantities, and what the taggers
    say: entity spans (the NER CRF), METRIC and TIME spans (the part CRF's best path) and the
    part CRF's per-character marginals (:func:`crf_marginals`).

Candidates (:func:`candidates`); a candidate never overlaps its VALUE
    * ``words``: every run of 1 to :data:`MAX_WORDS` jieba words (at most :data:`MAX_CHARS`
      characters) inside the VALUE's sentence that crosses no clause break (``，,。；;！!？?``,
      a line break, ``:``) and neither starts nor ends with punctuation other than opening
      (at the start) or closing (at the end) quotes and brackets;
    * ``crf``: spans of the part CRF's label (METRIC for ``metric``, TIME for ``time``) whose
      marginal-based probability (:func:`span_logp`: the product of the B/I/E or S marginals,
      an n-best proxy) reaches :data:`CRF_MIN_PROB`, and its best-path spans; in the VALUE's
      sentence for ``metric``, anywhere in the passage for ``time``;
    * ``entity``: the NER CRF's entities (any type); in the VALUE's sentence for ``metric``,
      anywhere in the passage for ``subject``.
    A span found by several sources is one candidate with all their names.

Features (:func:`pair_features`), all indicators or bounded numbers
    source (``src=words|crf|crf_best|entity``, entity type), the part CRF's log span
    probability for the part's label and for the other label (clipped, bucketed), whether the
    span is a best-path span of the other label; length in characters and words; order
    (before/after the VALUE); distance in characters, clauses and sentences (bucketed); how
    many other VALUEs and other numbers lie between; the text between (empty, punctuation in
    it, and each cue word of :data:`CUES` in it: 同比, 增长, 达, 为, 占, 其中, 分别, 共, 累计,
    有, 完成, 实现, 的 ...); cue words in the VALUE's clause; whether the candidate starts a
    clause, sentence or passage and ends a clause; the part-of-speech flags of its first and
    last words and of the words around it; whether it holds a digit, a date of the
    recognizer, another VALUE; whether it is, among candidates of its source on its side of
    the VALUE, the nearest (the nearest-span rule as a feature); the VALUE's kind and unit
    family; and conjunctions of order with distance, kind, unit family and adjacency (a
    linear model does not find interactions on its own).

Training (:func:`fit_linker`)
    one example per (gold VALUE, part, candidate), positive when the candidate's span equals
    the gold part. The taggers' outputs the features read must look like they will at test
    time, so the caller supplies analyses made by taggers that did not see the passage
    (out-of-fold, see :mod:`.claims`). ``C`` and the per-part threshold are chosen by
    grouped cross-validation over the training passages (:data:`LINKER_GRID`, first best in
    grid order; the threshold maximizes the pooled part F1 of the out-of-fold scores, as the
    evaluation script counts it: a link is a true positive when it equals the gold part).
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import numpy as np

from ..numbers import find_quantities
from ..schema import NumberCategory, Unit
from ..tags import LabeledSpan
from .crf import INTERNAL_SCHEME, CrfTagger
from .features import Features, simplified

PARTS = ("metric", "subject", "time")
#: The order :meth:`Linker.link` fills the parts in.
LINK_ORDER = ("metric", "time", "subject")
SUBJECT_TYPES = frozenset({"GPE", "ORG", "FAC"})
#: The part CRF's label for each part it tags.
CRF_LABEL = {"metric": "METRIC", "time": "TIME"}
MAX_WORDS = {"metric": 6, "subject": 6, "time": 7}
MAX_CHARS = 16
#: Marginal-based candidates of the part CRF: minimum span probability.
CRF_MIN_PROB = 0.02
#: Clause breaks (those of :mod:`silkroad_news.prelabel` and colons); sentence ends.
CLAUSE_BREAK = re.compile(r"[，,。；;！!？?\n:：]")
SENTENCE_END = re.compile(r"[。!?！？\n]")
OPENERS = frozenset("“‘《(（「『【\"'")
CLOSERS = frozenset("”’》)）」』】\"'")
#: Cue words looked for between a candidate and its VALUE and in the VALUE's clause.
CUES = (
    "同比",
    "增长",
    "下降",
    "增速",
    "达",
    "为",
    "占",
    "其中",
    "分别",
    "共",
    "累计",
    "有",
    "完成",
    "实现",
    "的",
    "总",
    "约",
    "近",
    "超",
    "提升",
    "至",
    "和",
    "、",
)
TIME_CHARS = frozenset("年月日季度时天")
RANDOM_STATE = 0
#: Inverse regularization of the per-part logistic regressions, chosen by inner CV.
LINKER_GRID: tuple[float, ...] = (0.3, 1.0, 3.0, 10.0, 30.0)
#: Passages per inner cross-validation fold when the caller gives no groups.
DEFAULT_INNER_FOLDS = 4


# --------------------------------------------------------------------------------------------
# Passage analysis
# --------------------------------------------------------------------------------------------


@cache
def _posseg() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        jieba.initialize()
    return jieba.posseg


def pos_words(view: str) -> list[tuple[int, int, str]]:
    """``(start, end, flag)`` of jieba's words (posseg, no HMM); they tile ``view``."""
    out = []
    pos = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for pair in _posseg().cut(view, HMM=False):
            out.append((pos, pos + len(pair.word), pair.flag))
            pos += len(pair.word)
    if pos != len(view):
        raise ValueError(f"jieba lost characters of {view[:30]!r}: its words do not add up")
    return out


def crf_marginals(tagger: CrfTagger, text: str, base: Features | None = None) -> np.ndarray:
    """Per character and label of ``tagger``: marginals of the internal scheme's B, I, E, S
    tags, shape ``(len(text), labels, 4)``; labels in :meth:`marginal_labels` order."""
    import pycrfsuite

    labels = marginal_labels(tagger)
    out = np.zeros((len(text), len(labels), 4), dtype=np.float64)
    if not text:
        return out
    crf = tagger.tagger
    crf.set(pycrfsuite.ItemSequence(tagger.features(text, base)))
    known = set(crf.labels())
    s = INTERNAL_SCHEME
    for j, label in enumerate(labels):
        for k, prefix in enumerate((s.begin, s.inside, s.last, s.single)):
            tag = f"{prefix}-{label}"
            if tag in known:
                out[:, j, k] = [crf.marginal(tag, i) for i in range(len(text))]
    return out


def marginal_labels(tagger: CrfTagger) -> tuple[str, ...]:
    """The entity labels of a tagger, sorted."""
    labels = {t.partition("-")[2] for t in tagger.tagger.labels() if t != "O"}
    return tuple(sorted(labels))


@dataclass(frozen=True)
class Passage:
    """What the linker reads of a passage besides its VALUEs (see module docstring)."""

    text: str
    view: str
    words: tuple[tuple[int, int, str], ...]
    clause: tuple[int, ...]  # per character: clause number
    sentence: tuple[int, ...]  # per character: sentence number
    numbers: tuple[tuple[int, int], ...]  # the recognizer's quantity spans
    dates: tuple[tuple[int, int], ...]  # the recognizer's date and time spans
    entities: tuple[LabeledSpan, ...]
    tagged: tuple[LabeledSpan, ...]  # the part CRF's best path (METRIC, TIME)
    marginals: Mapping[str, np.ndarray] = field(compare=False)  # label -> (n, 4) B/I/E/S
    word_at: tuple[int, ...] = field(compare=False, default=())  # per character: word index
    noun_phrases: tuple[tuple[int, int], ...] = ()  # clause-initial noun phrases

    def span_logp(self, label: str, start: int, end: int) -> float:
        return span_logp(self.marginals.get(label), start, end)


def analyze(
    text: str,
    entities: Sequence[LabeledSpan],
    tagged: Sequence[LabeledSpan],
    marginals: Mapping[str, np.ndarray] | None = None,
) -> Passage:
    """The :class:`Passage` of ``text`` from the taggers' outputs (marginals optional)."""
    view = simplified(text)
    words = tuple(pos_words(view))
    word_at = [0] * len(text)
    for k, (s, e, _) in enumerate(words):
        word_at[s:e] = [k] * (e - s)
    clause, sentence = [], []
    c = n = 0
    for ch in view:
        clause.append(c)
        sentence.append(n)
        # the break belongs to the clause it ends
        c += bool(CLAUSE_BREAK.match(ch))
        n += bool(SENTENCE_END.match(ch))
    quantities = find_quantities(text)
    numbers = tuple((q.start, q.end) for q in quantities if q.category is NumberCategory.QUANTITY)
    dates = tuple(
        (q.start, q.end)
        for q in quantities
        if q.category in (NumberCategory.DATE, NumberCategory.TIME, NumberCategory.DURATION)
    )
    passage = Passage(
        text,
        view,
        words,
        tuple(clause),
        tuple(sentence),
        numbers,
        dates,
        tuple(sorted(entities)),
        tuple(sorted(tagged)),
        dict(marginals or {}),
        tuple(word_at),
    )
    return replace(passage, noun_phrases=clause_noun_phrases(passage))


#: Part-of-speech classes that end a clause-initial noun phrase (verbs, adverbs,
#: prepositions and conjunctions, particles), and numerals for the shorter variant.
_NP_STOP = frozenset("VDPU")


def _leading(p: Passage, word: tuple[int, int, str]) -> bool:
    """Words a clause-initial noun phrase skips: punctuation and time words (a clause that
    opens with a preposition, 在/据/对 ..., has no subject noun phrase)."""
    text = p.view[word[0] : word[1]]
    return (
        _punct(text[0])
        or text in _TIME_AFFIXES
        or text.isdigit()
        or word[2].startswith("t")
        or (word[2] in ("m", "mq") and any(ch in TIME_CHARS for ch in text))
    )


def clause_noun_phrases(p: Passage) -> tuple[tuple[int, int], ...]:
    """The noun phrase that opens each clause (a clause heuristic for SUBJECT): after
    leading punctuation and time words, the words up to the first
    verb, adverb, preposition or particle; a predicted entity is never cut. Two variants
    per clause: also stopping at numerals, and not."""
    out: set[tuple[int, int]] = set()
    ents = {s.start: s.end for s in p.entities}
    words = p.words
    k = 0
    while k < len(words):
        # one clause: words up to the next clause break
        j = k
        while j < len(words) and not any(_is_break(ch) for ch in p.view[words[j][0] : words[j][1]]):
            j += 1
        i = k
        while i < j and _leading(p, words[i]):
            i += 1
        for stop_at_numerals in (False, True):
            end = None
            m = i
            while m < j:
                ws, we, fl = words[m]
                if ws in ents and ents[ws] > we:  # never cut an entity
                    target = ents[ws]
                    while m < j and words[m][1] <= target:
                        m += 1
                    end = words[m - 1][1]
                    continue
                cls = _pos_class(fl)
                if cls in _NP_STOP or (stop_at_numerals and cls == "M"):
                    break
                if cls == "X" and p.view[ws] not in OPENERS | CLOSERS | {"—", "·", "-"}:
                    break
                end = we
                m += 1
            if end is not None and end - words[i][0] <= 2 * MAX_CHARS:
                out.add((words[i][0], end))
        k = j + 1
    return tuple(sorted(out))


def span_logp(marg: np.ndarray | None, start: int, end: int) -> float:
    """Log probability of the span ``[start, end)`` as one entity, from per-character B/I/E/S
    marginals (their product: an approximation of the joint, exact for one character)."""
    if marg is None or end <= start:
        return -math.inf
    p = np.clip(marg[start:end], 1e-12, 1.0)
    if end - start == 1:
        return float(np.log(p[0, 3]))
    return float(np.log(p[0, 0]) + np.log(p[1:-1, 1]).sum() + np.log(p[-1, 2]))


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Candidate:
    start: int
    end: int
    sources: tuple[str, ...]  # sorted names: words, crf, crf_best, entity:<TYPE>

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def _time_clause(p: Passage, c: Candidate) -> bool:
    """A clause-initial candidate of the part CRF or of time words only."""
    if c.start and p.clause[c.start - 1] == p.clause[c.start]:
        return False
    return c.sources != ("words",) or _time_like(p, c)


def _time_like(p: Passage, c: Candidate) -> bool:
    """Time words only (part of speech ``t``, numerals, dates, 截至/以来 ...), at least one of
    them a time word or holding a time character."""
    words = _words_in(p, c.start, c.end)
    return all(_timeish(p, w) for w in words) and any(
        w[2].startswith("t") or any(ch in TIME_CHARS for ch in p.view[w[0] : w[1]]) for w in words
    )


def clause_initial(p: Passage, start: int) -> bool:
    """Whether ``start`` opens its clause, allowing leading punctuation and time words."""
    i = start
    while i > 0 and p.clause[i - 1] == p.clause[start]:
        word = p.words[p.word_at[i - 1]]
        if not _leading(p, word):
            return False
        i = word[0]
    return True


def _has_own(p: Passage, value: Value, part: str) -> bool:
    """Whether the VALUE's sentence has, before it, what usually fills ``part``: a subject
    entity or clause-initial noun phrase, a best-path span of the part CRF's label, else a
    clause-initial time expression."""
    lo, _ = sentence_bounds(p, value.start)
    if part == "subject":
        return any(
            lo <= s.start and s.end <= value.start and s.label in SUBJECT_TYPES for s in p.entities
        ) or any(lo <= a and b <= value.start for a, b in p.noun_phrases)
    label = CRF_LABEL[part]
    return any(lo <= s.start and s.end <= value.start and s.label == label for s in p.tagged)


def _nominal(p: Passage, start: int, end: int) -> bool:
    """No verb, adverb or particle in the span and no preposition or conjunction first (a
    SUBJECT from the words source must look like a noun phrase; entities and clause noun
    phrases need not). jieba reads some abbreviations as prepositions (自贸 as 自 + 贸)."""
    words = _words_in(p, start, end)
    return _pos_class(words[0][2]) != "P" and not any(
        _pos_class(w[2]) in ("V", "D", "U") for w in words
    )


def _is_break(ch: str) -> bool:
    return bool(CLAUSE_BREAK.match(ch))


def _punct(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch)[0] in "PSZ"


def sentence_bounds(p: Passage, start: int) -> tuple[int, int]:
    """Offsets of the sentence holding ``start``."""
    k = p.sentence[start]
    lo = start
    while lo > 0 and p.sentence[lo - 1] == k:
        lo -= 1
    hi = start
    while hi < len(p.text) and p.sentence[hi] == k:
        hi += 1
    return lo, hi


def word_spans(p: Passage, lo: int, hi: int, max_words: int) -> list[tuple[int, int]]:
    """Runs of jieba words inside ``[lo, hi)`` (see module docstring)."""
    words = [w for w in p.words if lo <= w[0] and w[1] <= hi]
    out = []
    for i, (s, _, _) in enumerate(words):
        first = p.view[s]
        if _punct(first) and first not in OPENERS:
            continue
        for j in range(i, min(i + max_words, len(words))):
            e = words[j][1]
            if e - s > MAX_CHARS or any(_is_break(ch) for ch in p.view[words[j][0] : e]):
                break
            last = p.view[e - 1]
            if _punct(last) and last not in CLOSERS:
                continue
            out.append((s, e))
    return out


def crf_spans(p: Passage, label: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans in ``[lo, hi)`` whose marginal-based probability reaches :data:`CRF_MIN_PROB`."""
    marg = p.marginals.get(label)
    if marg is None:
        return []
    floor = math.log(CRF_MIN_PROB)
    out = []
    for s in range(lo, hi):
        if marg[s, 3] >= CRF_MIN_PROB:
            out.append((s, s + 1))
        if marg[s, 0] < CRF_MIN_PROB:
            continue
        acc = math.log(max(marg[s, 0], 1e-12))
        for e in range(s + 1, min(hi, s + MAX_CHARS)):
            if acc + math.log(max(marg[e, 2], 1e-12)) >= floor:
                out.append((s, e + 1))
            acc += math.log(max(marg[e, 1], 1e-12))
            if acc < floor:
                break
    return out


def candidates(p: Passage, value: tuple[int, int], part: str) -> list[Candidate]:
    """Candidate spans for one part of the VALUE ``value`` (see module docstring)."""
    vs, ve = value
    lo, hi = sentence_bounds(p, vs)
    found: dict[tuple[int, int], set[str]] = {}

    def add(span: tuple[int, int], source: str) -> None:
        found.setdefault(span, set()).add(source)

    for span in word_spans(p, lo, hi, MAX_WORDS[part]):
        add(span, "words")
    label = CRF_LABEL.get(part)
    if label is not None:
        c_lo, c_hi = (lo, hi) if part == "metric" else (0, len(p.text))
        for span in crf_spans(p, label, c_lo, c_hi):
            add(span, "crf")
        for s in p.tagged:
            if s.label == label and c_lo <= s.start and s.end <= c_hi:
                add((s.start, s.end), "crf_best")
    if part == "subject":
        for span in p.noun_phrases:
            add(span, "clause_np")
        for span in word_spans(p, 0, lo, MAX_WORDS[part]):
            if span[0] == 0 or p.clause[span[0] - 1] != p.clause[span[0]]:
                add(span, "words")
    if part in ("metric", "subject"):
        e_lo, e_hi = (lo, hi) if part == "metric" else (0, len(p.text))
        for s in p.entities:
            if e_lo <= s.start and s.end <= e_hi:
                add((s.start, s.end), f"entity:{s.label}")
    out = [
        Candidate(s, e, tuple(sorted(src)))
        for (s, e), src in sorted(found.items())
        if (e <= vs or ve <= s) and (part != "subject" or src != {"words"} or _nominal(p, s, e))
    ]
    if part == "time" and any(lo <= c.start and c.end <= vs and _time_clause(p, c) for c in out):
        # The guidelines: the nearest TIME in the same sentence; an earlier sentence's only
        # when this one has none.
        out = [c for c in out if c.start >= lo]
    return out


# --------------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A VALUE to link: its span, kind and unit (as predicted, or gold when training)."""

    start: int
    end: int
    kind: str
    unit: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


_UNIT_FAMILY = {
    Unit.CNY.value: "money",
    Unit.USD.value: "money",
    Unit.EUR.value: "money",
    Unit.RUB.value: "money",
    Unit.PERCENT.value: "ratio",
    Unit.PP.value: "ratio",
    Unit.TIMES.value: "ratio",
    Unit.COUNT.value: "count",
}


def _bucket(n: float, edges: Sequence[float]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e:g}"
    return f">{edges[-1]:g}"


def _pos_at(p: Passage, i: int) -> str:
    if i < 0:
        return "BOS"
    if i >= len(p.text):
        return "EOS"
    return p.words[p.word_at[i]][2]


def _between(spans: Sequence[tuple[int, int]], lo: int, hi: int) -> int:
    return sum(lo <= s and e <= hi for s, e in spans)


def _properties(p: Passage, c: Candidate, part: str) -> tuple[str, ...]:
    """Kinds of candidate the rule votes of :func:`rule_votes` look for."""
    props = []
    if any(src.startswith("entity:") for src in c.sources):
        props.append("entity")
        if any(src[7:] in SUBJECT_TYPES for src in c.sources):
            props.append("subject_entity")
    if "crf_best" in c.sources:
        props.append("crf_best")
    if _time_like(p, c):
        props.append("time_like")
    return tuple(props)


def _timeish(p: Passage, word: tuple[int, int, str]) -> bool:
    ws, we, fl = word
    return fl in _TIMEISH or fl.startswith("t") or p.view[ws:we] in _TIME_AFFIXES


def rule_votes(
    p: Passage, value: Value, cands: Sequence[Candidate], part: str
) -> dict[tuple[int, int], set[str]]:
    """Which simple linking rules pick each candidate: for each kind of candidate
    (:func:`_properties`), the nearest one before the VALUE in its sentence, else in the
    passage; the first one in the sentence; the nearest one after it in the sentence. And
    whether a candidate with the same text lies nearer the VALUE on the same side."""
    lo, _ = sentence_bounds(p, value.start)
    by_prop: dict[str, list[Candidate]] = {}
    for c in cands:
        for prop in _properties(p, c, part):
            by_prop.setdefault(prop, []).append(c)
    out: dict[tuple[int, int], set[str]] = {}

    def vote(c: Candidate | None, name: str) -> None:
        if c is not None:
            out.setdefault(c.span, set()).add(name)

    for c in cands:
        if "clause_np" in c.sources:
            by_prop.setdefault("clause_np", []).append(c)
    for prop, cs in by_prop.items():
        before = [c for c in cs if c.end <= value.start]
        in_sentence = [c for c in before if c.start >= lo]
        opening = [c for c in before if clause_initial(p, c.start)]
        opening_in = [c for c in opening if c.start >= lo]
        if opening_in:
            vote(opening_in[0], f"first_opening:{prop}")
        elif opening:
            vote(opening[-1], f"first_opening:{prop}")
            vote(opening[-1], f"first_opening_outside:{prop}")
        after = [
            c for c in cs if c.start >= value.end and p.sentence[c.start] == p.sentence[value.start]
        ]
        nearest = max(in_sentence or before, key=lambda c: (c.end, c.start), default=None)
        vote(nearest, f"nearest_before:{prop}")
        if not in_sentence and before:
            vote(nearest, f"nearest_before_outside:{prop}")
        vote(min(in_sentence, default=None), f"first_in_sentence:{prop}")
        vote(min(after, key=lambda c: (c.start, c.end), default=None), f"nearest_after:{prop}")
    seen: dict[str, tuple[int, Candidate]] = {}
    for c in cands:
        side = c.end <= value.start
        dist = value.start - c.end if side else c.start - value.end
        key = f"{side}:{p.view[c.start : c.end]}"
        if key in seen and seen[key][0] <= dist:
            out.setdefault(c.span, set()).add("same_text_nearer")
        elif key in seen:
            out.setdefault(seen[key][1].span, set()).add("same_text_nearer")
            seen[key] = (dist, c)
        else:
            seen[key] = (dist, c)
    return out


#: Feature groups (for ablation): every feature belongs to one.
FEATURE_GROUPS = ("source", "distance", "between", "shape", "context", "value")
_NOUNISH = frozenset(
    ["n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "vn", "b", "j", "l", "s", "an", "ng"]
)
_TIMEISH = frozenset(["t", "m", "mq", "eng", "f"])
_TIME_AFFIXES = frozenset(["截至", "至", "来", "以来", "、", "底", "初", "末", "上午", "下午"])


def _pos_class(flag: str) -> str:
    """A coarse class of a jieba part-of-speech flag."""
    if flag in ("BOS", "EOS"):
        return flag
    if flag in _NOUNISH or flag.startswith("n"):
        return "N"
    if flag.startswith("v"):
        return "V"
    if flag in ("m", "eng", "q", "mq"):
        return "M"
    if flag == "t":
        return "T"
    if flag == "x":
        return "X"
    if flag.startswith("u"):
        return "U"
    if flag in ("p", "c"):
        return "P"
    if flag in ("d", "ad"):
        return "D"
    return "O"


def _words_in(p: Passage, start: int, end: int) -> list[tuple[int, int, str]]:
    return list(p.words[p.word_at[start] : p.word_at[end - 1] + 1])


def pair_features(
    p: Passage,
    value: Value,
    cand: Candidate,
    part: str,
    values: Sequence[Value],
    nearest: Mapping[tuple[int, int], set[str]],
    groups: frozenset[str] = frozenset(FEATURE_GROUPS),
) -> dict[str, float]:
    """Features of one (candidate, VALUE) pair for ``part`` (see module docstring); only
    those of ``groups`` (:data:`FEATURE_GROUPS`)."""
    f: dict[str, float] = {}
    before = cand.end <= value.start
    order = "before" if before else "after"
    gap_lo, gap_hi = (cand.end, value.start) if before else (value.end, cand.start)
    gap = p.view[gap_lo:gap_hi]
    dist = gap_hi - gap_lo
    unit_family = _UNIT_FAMILY.get(value.unit, "measure")
    text = p.view[cand.start : cand.end]
    words = _words_in(p, cand.start, cand.end)
    flags = [w[2] for w in words]
    dbucket = _bucket(dist, (0, 1, 3, 7, 15, 31, 63))
    sentences = abs(p.sentence[value.start] - p.sentence[cand.start])

    if "source" in groups:
        for src in cand.sources:
            f[f"src={src}"] = 1.0
            f[f"src={src}&{order}"] = 1.0
        if any(src.startswith("entity:") for src in cand.sources):
            f["src=entity"] = 1.0
            if any(src[7:] in SUBJECT_TYPES for src in cand.sources):
                f["src=entity_subject_type"] = 1.0
        if cand.sources == ("words",):
            f["only_words"] = 1.0
        for label in ("METRIC", "TIME"):
            lp = p.span_logp(label, cand.start, cand.end)
            name = "own" if CRF_LABEL.get(part) == label else label
            f[f"crf_{name}"] = max(lp, -20.0) / 20.0 + 1.0
            f[f"crf_{name}_b={_bucket(-lp, (0.1, 0.7, 2.3, 4.6, 9.2))}"] = 1.0
        for sp in p.tagged:
            if (sp.start, sp.end) == cand.span:
                f[f"best={sp.label}"] = 1.0
            elif sp.start < cand.end and cand.start < sp.end:
                f[f"overlaps_best={sp.label}"] = 1.0
        for sp in p.entities:
            if (sp.start, sp.end) == cand.span:
                continue
            if sp.start <= cand.start and cand.end <= sp.end:
                f["inside_entity"] = 1.0
            elif cand.start <= sp.start and sp.end <= cand.end:
                f["holds_entity"] = 1.0
            elif sp.start < cand.end and cand.start < sp.end:
                f["crosses_entity"] = 1.0
        for tag in nearest.get(cand.span, ()):
            f[f"rule={tag}"] = 1.0
            f[f"rule={tag}&sentences={min(sentences, 2)}"] = 1.0

    if "distance" in groups:
        f[order] = 1.0
        f[f"dist={dbucket}"] = 1.0
        f[f"dist={dbucket}&{order}"] = 1.0
        f["log_dist"] = math.log1p(dist) / 5.0
        clauses = abs(p.clause[value.start] - p.clause[cand.start if before else cand.end - 1])
        f[f"clauses={min(clauses, 3)}&{order}"] = 1.0
        f[f"sentences={min(sentences, 2)}"] = 1.0
        if sentences:
            f[f"outside_sentence&{part}_in_sentence={_has_own(p, value, part)}"] = 1.0
        if dist == 0:
            f[f"adjacent&{order}"] = 1.0

    if "between" in groups:
        others = [v for v in values if v.span != value.span]
        n_values = sum(gap_lo <= v.start and v.end <= gap_hi for v in others)
        f[f"values_between={min(n_values, 3)}"] = 1.0
        f[f"values_between={min(n_values, 3)}&{order}"] = 1.0
        f[f"numbers_between={min(_between(p.numbers, gap_lo, gap_hi), 3)}"] = 1.0
        if any(_punct(ch) for ch in gap):
            f["gap_punct"] = 1.0
        for cue in CUES:
            if cue in gap:
                f[f"gap_cue={cue}"] = 1.0
                f[f"gap_cue={cue}&{order}"] = 1.0
        if 0 < dist <= 4 and not any(_punct(ch) for ch in gap):
            f[f"short_gap={gap}"] = 1.0
        clause_lo = value.start
        while clause_lo > 0 and p.clause[clause_lo - 1] == p.clause[value.start]:
            clause_lo -= 1
        value_clause = p.view[clause_lo : value.start]
        for cue in ("同比", "分别", "其中", "占", "增长"):
            if cue in value_clause:
                f[f"value_clause_cue={cue}&{order}"] = 1.0

    if "shape" in groups:
        f[f"len={_bucket(len(text), (1, 2, 3, 4, 6, 9))}"] = 1.0
        f[f"words={min(len(words), 5)}"] = 1.0
        f[f"pos_first={_pos_class(flags[0])}"] = 1.0
        f[f"pos_last={_pos_class(flags[-1])}"] = 1.0
        f[f"pos_last={_pos_class(flags[-1])}&{order}"] = 1.0
        inner = [fl for (ws, we, fl) in words if not _punct(p.view[ws])]
        if inner and all(_pos_class(fl) == "N" for fl in inner):
            f["noun_run"] = 1.0
        if _time_like(p, cand):
            f["time_run"] = 1.0
        elif any(_timeish(p, w) for w in words):
            f["some_time_words"] = 1.0
        if any(ch.isdigit() for ch in text):
            f["has_digit"] = 1.0
        if any(ch in TIME_CHARS for ch in text):
            f["has_time_char"] = 1.0
        if any(cand.start <= a and b <= cand.end for a, b in p.dates):
            f["holds_date"] = 1.0
        if any(cand.start <= v.start and v.end <= cand.end for v in values):
            f["holds_value"] = 1.0

    if "context" in groups:
        s0 = cand.start
        starts_clause = s0 == 0 or p.clause[s0 - 1] != p.clause[s0]
        starts_sentence = s0 == 0 or p.sentence[s0 - 1] != p.sentence[s0]
        ends_clause = cand.end == len(p.text) or _is_break(p.view[cand.end])
        if starts_clause:
            f["starts_clause"] = 1.0
        if starts_sentence:
            f["starts_sentence"] = 1.0
            f[f"starts_sentence&sentences={min(sentences, 2)}"] = 1.0
        if s0 == 0:
            f["starts_passage"] = 1.0
        if clause_initial(p, s0):
            f["clause_initial"] = 1.0
            f[f"clause_initial&{order}"] = 1.0
        if ends_clause:
            f["ends_clause"] = 1.0
        if starts_clause and ends_clause:
            f["whole_clause"] = 1.0
            f[f"whole_clause&sentences={min(sentences, 2)}"] = 1.0
        prev_flag = _pos_at(p, cand.start - 1)
        next_flag = _pos_at(p, cand.end)
        prev_class, next_class = _pos_class(prev_flag), _pos_class(next_flag)
        f[f"prev={prev_class}"] = 1.0
        f[f"next={next_class}"] = 1.0
        f[f"prev={prev_class}&next={next_class}"] = 1.0
        f[f"prev={prev_class}&{order}"] = 1.0
        f[f"next={next_class}&{order}"] = 1.0
        prev_char = p.view[cand.start - 1] if cand.start else "^"
        next_char = p.view[cand.end] if cand.end < len(p.view) else "$"
        if prev_class in ("X", "U", "P", "BOS"):
            f[f"prev_char={prev_char}"] = 1.0
        if next_class in ("X", "U", "P", "EOS"):
            f[f"next_char={next_char}"] = 1.0
        if "noun_run" in f or "shape" not in groups:
            if prev_class != "N":
                f["left_maximal"] = 1.0
            if next_class != "N":
                f["right_maximal"] = 1.0

    if "value" in groups:
        f[f"kind={value.kind}&{order}"] = 1.0
        f[f"unit={unit_family}&{order}"] = 1.0
        f[f"unit={unit_family}&{order}&dist={dbucket}"] = 1.0
        if dist == 0:
            f[f"adjacent&{order}&unit={unit_family}"] = 1.0
    return f


# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """One VALUE of a passage with its gold parts (``None`` where absent); for training."""

    passage: Passage
    value: Value
    values: tuple[Value, ...]  # every VALUE of the passage
    gold: Mapping[str, tuple[int, int] | None]
    group: int = 0


NONE_SPAN = None


def none_features(
    p: Passage, value: Value, cands: Sequence[Candidate], part: str
) -> dict[str, float]:
    """Features of the option to link nothing (it competes with the candidates)."""
    unit_family = _UNIT_FAMILY.get(value.unit, "measure")
    f = {"none": 1.0, f"none&kind={value.kind}": 1.0, f"none&unit={unit_family}": 1.0}
    label = CRF_LABEL.get(part)
    lo, hi = sentence_bounds(p, value.start)
    if label is not None:
        best = [s for s in p.tagged if s.label == label]
        f[f"none&best_in_sentence={any(lo <= s.start and s.end <= hi for s in best)}"] = 1.0
        f[f"none&best_in_passage={bool(best)}"] = 1.0
    else:
        ents = [s for s in p.entities if s.label in SUBJECT_TYPES]
        f[f"none&subject_entity_in_sentence={any(lo <= s.start < hi for s in ents)}"] = 1.0
        f[f"none&subject_entity_before={any(s.end <= value.start for s in ents)}"] = 1.0
    f[f"none&headline={p.text.count(chr(12290)) == 0 and len(p.text) < 40}"] = 1.0
    return f


@dataclass(frozen=True)
class _Table:
    """Candidates (and the option of none, span ``None``) of many (VALUE, part) decisions."""

    rows: list[dict[str, float]]
    labels: np.ndarray  # 1 for the gold option of each decision
    owner: np.ndarray  # decision index of each row
    spans: list[tuple[int, int] | None]
    n: int  # decisions


def _decision_rows(
    p: Passage, value: Value, values: Sequence[Value], part: str
) -> tuple[list[tuple[int, int] | None], list[dict[str, float]]]:
    """The options of one decision: none first, then the candidates; and their features."""
    cands = candidates(p, value.span, part)
    nearest = rule_votes(p, value, cands, part)
    rows = [none_features(p, value, cands, part)]
    rows += [pair_features(p, value, c, part, values, nearest) for c in cands]
    return [NONE_SPAN, *(c.span for c in cands)], rows


def _table(examples: Sequence[Example], part: str) -> _Table:
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    owner: list[int] = []
    spans: list[tuple[int, int] | None] = []
    for k, ex in enumerate(examples):
        options, feats = _decision_rows(ex.passage, ex.value, ex.values, part)
        gold = ex.gold.get(part)
        # A gold part no candidate reaches: linking nothing is the best the linker can do.
        target = gold if gold in options else NONE_SPAN
        for span, row in zip(options, feats, strict=True):
            rows.append(row)
            labels.append(int(span == target))
            owner.append(k)
            spans.append(span)
    return _Table(rows, np.array(labels), np.array(owner, dtype=np.int64), spans, len(examples))


@dataclass
class PartModel:
    """The ranker of one part: weights learnt by logistic regression on differences of
    feature vectors (gold option minus each other option of the same decision: a pairwise
    ranking objective), and the margin over the option of none a link needs."""

    C: float
    threshold: float = 0.0
    vectorizer: Any = None
    weights: np.ndarray | None = None

    def fit(self, rows: Sequence[dict[str, float]], labels: np.ndarray, owner: np.ndarray):
        from scipy.sparse import vstack
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vectorizer = DictVectorizer(sort=True)
        x = self.vectorizer.fit_transform(rows).tocsr()
        pos_of = {int(k): i for i, (k, y) in enumerate(zip(owner, labels, strict=True)) if y}
        pos_idx, neg_idx, weight = [], [], []
        counts = np.bincount(owner)
        for i, (k, y) in enumerate(zip(owner.tolist(), labels.tolist(), strict=True)):
            if not y and k in pos_of:
                pos_idx.append(pos_of[k])
                neg_idx.append(i)
                weight.append(1.0 / (counts[k] - 1))  # every decision weighs the same
        if not pos_idx:
            self.weights = np.zeros(x.shape[1])
            return self
        diff = x[pos_idx] - x[neg_idx]
        design = vstack([diff, -diff]).tocsr()
        y = np.r_[np.ones(len(pos_idx)), np.zeros(len(pos_idx))]
        w = np.r_[weight, weight]
        model = LogisticRegression(
            C=self.C, fit_intercept=False, max_iter=5000, random_state=RANDOM_STATE
        ).fit(design, y, sample_weight=w)
        self.weights = model.coef_[0]
        return self

    def scores(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        assert self.weights is not None
        return self.vectorizer.transform(rows) @ self.weights


def _margins(
    scores: np.ndarray, owner: np.ndarray, spans: Sequence[tuple[int, int] | None], n: int
) -> tuple[np.ndarray, list[tuple[int, int] | None]]:
    """Per decision: the best candidate's score minus the score of none, and its span
    (``-inf`` and ``None`` without candidates); ties go to the earlier span."""
    none_score = np.zeros(n)
    best_score = np.full(n, -np.inf)
    best_span: list[tuple[int, int] | None] = [None] * n
    for s, k, span in zip(scores.tolist(), owner.tolist(), spans, strict=True):
        if span is None:
            none_score[k] = s
        elif s > best_score[k] or (
            s == best_score[k] and best_span[k] is not None and span < best_span[k]
        ):
            best_score[k], best_span[k] = s, span
    return best_score - none_score, best_span


def best_threshold(margin: np.ndarray, best_span: Sequence, gold: Sequence) -> tuple[float, float]:
    """The margin threshold that maximizes pooled part F1 (a link is a true positive when it
    equals the gold part), and that F1; on ties the one nearest 0."""
    n_gold = sum(g is not None for g in gold)
    hits = np.array([s is not None and s == g for s, g in zip(best_span, gold, strict=True)])
    finite = np.isfinite(margin)
    cuts = sorted({0.0, *(float(m) for m in margin[finite])})
    best_t, best_f = 0.0, -1.0
    for t in cuts:
        on = finite & (margin >= t)
        tp, pred = int((hits & on).sum()), int(on.sum())
        f1 = 2 * tp / (pred + n_gold) if pred + n_gold else 0.0
        if f1 > best_f or (f1 == best_f and abs(t) < abs(best_t)):
            best_t, best_f = t, f1
    return best_t, max(best_f, 0.0)


@dataclass
class Linker:
    """One :class:`PartModel` per part; :meth:`link` picks the parts of a passage's VALUEs."""

    models: dict[str, PartModel]
    record: dict[str, Any] = field(default_factory=dict)

    def link(self, p: Passage, values: Sequence[Value]) -> list[dict[str, tuple[int, int] | None]]:
        """The parts of each VALUE: METRIC first, then TIME and SUBJECT among the candidates
        that overlap no part already linked to the same VALUE (a claim's parts are disjoint)."""
        out: list[dict[str, tuple[int, int] | None]] = [{} for _ in values]
        for part in LINK_ORDER:
            model = self.models[part]
            for k, value in enumerate(values):
                options, rows = _decision_rows(p, value, values, part)
                taken = [s for s in out[k].values() if s is not None]
                keep = [
                    i
                    for i, o in enumerate(options)
                    if o is None or not any(o[0] < b and a < o[1] for a, b in taken)
                ]
                options = [options[i] for i in keep]
                owner = np.zeros(len(options), dtype=np.int64)
                scores = model.scores([rows[i] for i in keep])
                margin, span = _margins(scores, owner, options, 1)
                out[k][part] = span[0] if margin[0] >= model.threshold else None
        return [{part: links[part] for part in PARTS} for links in out]


def fit_linker(examples: Sequence[Example], grid: Sequence[float] = LINKER_GRID) -> Linker:
    """Train one ranker per part on ``examples``; ``C`` and thresholds by grouped CV."""
    groups = sorted({ex.group for ex in examples})
    models: dict[str, PartModel] = {}
    record: dict[str, Any] = {"rule": "first best in grid order", "groups": len(groups)}
    ex_group = np.array([ex.group for ex in examples])
    for part in PARTS:
        table = _table(examples, part)
        gold = [ex.gold.get(part) for ex in examples]
        row_group = ex_group[table.owner]
        points = []
        best: tuple[float, float, float] | None = None  # (f1, C, threshold)
        for c in grid:
            scores = np.zeros(len(table.rows))
            folds = groups if len(groups) >= 2 else [None]
            for g in folds:
                held = row_group == g if g is not None else np.ones(len(table.rows), bool)
                fit_idx = np.flatnonzero(~held) if g is not None else np.flatnonzero(held)
                m = PartModel(c).fit(
                    [table.rows[i] for i in fit_idx], table.labels[fit_idx], table.owner[fit_idx]
                )
                test_idx = np.flatnonzero(held)
                scores[test_idx] = m.scores([table.rows[i] for i in test_idx])
            margin, spans = _margins(scores, table.owner, table.spans, table.n)
            t, f1 = best_threshold(margin, spans, gold)
            points.append({"C": c, "threshold": round(t, 6), "f1": f1})
            if best is None or f1 > best[0]:
                best = (f1, c, t)
        assert best is not None
        _, c, t = best
        models[part] = PartModel(c, t).fit(table.rows, table.labels, table.owner)
        reachable = {(int(k), sp) for k, sp in zip(table.owner, table.spans, strict=True)}
        record[part] = {
            "grid": points,
            "chosen": {"C": c, "threshold": round(t, 6)},
            "candidates": len(table.rows) - table.n,
            "decisions": table.n,
            "gold": sum(g is not None for g in gold),
            "gold_in_candidates": sum(
                g is not None and (k, g) in reachable for k, g in enumerate(gold)
            ),
        }
    return Linker(models, record)
