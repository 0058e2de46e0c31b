"""The learned claim linker: which span is each VALUE's METRIC, SUBJECT and TIME.

Contract
--------
:meth:`Linker.link` takes a :class:`Passage` (a text and what the taggers say about it) and
the passage's VALUEs (:class:`Value`: span, kind, unit) and returns, for every VALUE, a span
or ``None`` for each part (``metric``, ``subject``, ``time``). For each (VALUE, part) it lists
candidate spans, describes each by features, scores them with a linear ranker learnt by
scikit-learn's ``LogisticRegression`` and links the highest-scoring candidate when its margin
over the option of linking nothing reaches the part's threshold; else nothing. Parts are
filled in the order METRIC, TIME, SUBJECT, each among the candidates that overlap no part
already linked to the same VALUE (a claim's parts never overlap in the gold). Everything is
deterministic: lbfgs with ``random_state=0``, sorted features, ties to the earlier span.

Passage analysis (:func:`analyze`)
    the simplified view (:func:`~.features.simplified`); its jieba words with part-of-speech
    flags (``jieba.posseg``, no HMM, the bundled dictionary only: every gold part of the
    corpus starts and ends on these word boundaries); clause and sentence numbers per
    character (:data:`CLAUSE_BREAK`, :data:`SENTENCE_END`); the recognizer's quantities and
    dates; the clause-initial noun phrases (:func:`clause_noun_phrases`); and the taggers'
    output: NER entities, the METRIC/TIME CRF's best path and its per-character B/I/E/S
    marginals (:func:`crf_marginals`).

Candidates (:func:`candidates`), never overlapping their VALUE
    ``words``
        every run of 1 to :data:`MAX_WORDS` words (at most :data:`MAX_CHARS` characters) in
        the VALUE's sentence that crosses no clause break and neither starts nor ends with
        punctuation other than an opening (start) or closing (end) quote or bracket; for
        SUBJECT also such runs that open a clause of an earlier sentence, and only runs
        without a verb, adverb or particle that do not start with a preposition;
    ``crf`` / ``crf_best``
        METRIC (for ``metric``) or TIME (for ``time``) spans whose marginal-based
        probability (:func:`span_logp`, the product of the B, I..., E or S marginals: an
        n-best list without a k-best decoder) reaches :data:`CRF_MIN_PROB`, and the best
        path's spans; METRIC in the VALUE's sentence, TIME anywhere in the passage;
    ``entity:<TYPE>``
        the NER CRF's entities: in the VALUE's sentence for METRIC, anywhere for SUBJECT;
    ``clause_np``
        for SUBJECT, the noun phrase opening each clause of the passage.
    A span found by several sources is one candidate carrying all their names. For TIME,
    candidates outside the VALUE's sentence are dropped when the sentence has a clause-initial
    TIME-like candidate before the VALUE (the guidelines: the nearest TIME of the sentence).

Features (:func:`pair_features`), by group (:data:`FEATURE_GROUPS`; all indicators or
bounded numbers)
    ``source``
        the candidate's sources and entity type (also crossed with before/after), the CRF's
        log span probability for METRIC and for TIME (scaled and bucketed), whether it is or
        overlaps a best-path span, whether it lies inside, holds or crosses an entity;
    ``rules``
        which simple rules pick it (:func:`rule_votes`): for each kind of candidate (entity,
        GPE/ORG/FAC entity, best-path span, time words, clause noun phrase) the nearest one
        before the VALUE in its sentence (else in the passage), the first one in the
        sentence, the first clause-initial one, the nearest one after the VALUE; and whether
        a candidate with the same text lies nearer (the nearest-span linker is one of them);
    ``distance``
        order (before/after), distance in characters (bucketed and log), in clauses and in
        sentences, adjacency, and for a candidate from another sentence whether the VALUE's
        own sentence has what usually fills the part;
    ``between``
        how many other VALUEs and other numbers lie between, punctuation between, each cue
        word of :data:`CUES` between (同比, 增长, 达, 为, 占, 其中, 分别, 共, 累计, 有, 完成,
        实现, 的 ...), the text between when short, cue words in the VALUE's clause, and, after
        分别 ("respectively"), whether the candidate is the item of the ``、`` list before it
        in the VALUE's place in the list of VALUEs after it (:func:`respectively`,
        :func:`list_index`);
    ``shape``
        length in characters and words, coarse part of speech of the first and last words, a
        run of nouns, of time words, a digit, a time character, a date, a VALUE inside;
    ``context``
        whether it starts a clause, a sentence, the passage, opens its clause after time
        words, ends a clause, is a whole clause; the part of speech (and the punctuation or
        particle) before and after it; whether the noun run is maximal;
    ``value``
        the VALUE's kind and unit family crossed with order, distance and adjacency;
    ``shared``
        a second stage: whether the candidate is what the first stage linked to the previous
        or the next VALUE of the passage, and to how many others (a metric, subject or time
        shared by several claims); for the option of none, whether the previous VALUE has
        none.
    The option of linking nothing has features of its own (:func:`none_features`).

Model and training (:func:`fit_linker`)
    Per part, a ranker: a weight vector learnt by ``LogisticRegression`` (no intercept) on
    the differences between the gold option's features and every other option's, both signs
    (pairwise ranking; every decision weighs the same). The gold option is the gold part when
    a candidate reaches it, else none. Training examples are the gold VALUEs of the training
    passages (gold kinds and units); the taggers' outputs they read come from taggers that
    did not see the passage (out-of-fold, :mod:`.claims`), as at test time. ``C`` (from
    :data:`LINKER_GRID`) and the threshold are chosen by grouped cross-validation inside the
    training passages: the threshold maximizes the pooled part F1 of the out-of-fold links as
    the evaluation script counts it (a link is a true positive when its span equals the gold
    part), ``C`` is the first best in grid order. The second stage (``shared``) is trained the
    same way on the first stage's out-of-fold links. :class:`LinkerTraining` computes and
    vectorizes the features of every group once; a linker without some groups is fitted on
    the same matrices with those groups' columns dropped (identical to computing the
    features without them), and may keep the ``C`` of an earlier fit per part and stage
    (the feature-group ablation of ``baselines run``).
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from typing import Any

import numpy as np

from .. import units
from ..numbers import find_quantities
from ..schema import NumberCategory
from ..tags import LabeledSpan
from .crf import INTERNAL_SCHEME, CrfTagger
from .features import Features, simplified

PARTS = ("metric", "subject", "time")
#: The order :meth:`Linker.link` fills the parts in.
LINK_ORDER = ("metric", "time", "subject")
SUBJECT_TYPES = frozenset({"GPE", "ORG", "FAC"})
#: The METRIC/TIME CRF's label for each part it tags.
CRF_LABEL = {"metric": "METRIC", "time": "TIME"}
MAX_WORDS = {"metric": 6, "subject": 6, "time": 7}
MAX_CHARS = 16
#: Minimum marginal-based span probability of a ``crf`` candidate.
CRF_MIN_PROB = 0.02
#: Clause breaks (those of :mod:`silkroad_news.prelabel` and colons) and sentence ends.
CLAUSE_BREAK = re.compile(r"[，,。；;！!？?\n:：]")
SENTENCE_END = re.compile(r"[。!?！？\n]")
OPENERS = frozenset("“‘《(（「『【\"'")
CLOSERS = frozenset("”’》)）」』】\"'")
#: Cue words looked for between a candidate and its VALUE.
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
#: Cue words looked for in the VALUE's clause before it.
CLAUSE_CUES = ("同比", "分别", "其中", "占", "增长")
TIME_CHARS = frozenset("年月日季度时天")
FEATURE_GROUPS = ("source", "rules", "distance", "between", "shape", "context", "value", "shared")
ALL_GROUPS = frozenset(FEATURE_GROUPS)
RANDOM_STATE = 0
#: Inverse regularization of the rankers, chosen by cross-validation inside the training data.
LINKER_GRID: tuple[float, ...] = (0.3, 1.0, 3.0, 10.0, 30.0)
#: Inner cross-validation folds when the caller gives no groups.
DEFAULT_INNER_FOLDS = 4

_NOUNISH = frozenset(
    ["n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "vn", "b", "j", "l", "s", "an", "ng"]
)
_TIMEISH = frozenset(["t", "m", "mq", "eng", "f"])
_TIME_AFFIXES = frozenset(["截至", "至", "来", "以来", "、", "底", "初", "末", "上午", "下午"])
#: Part-of-speech classes that end a clause-initial noun phrase: verbs, adverbs,
#: prepositions and conjunctions, particles.
_NP_STOP = frozenset("VDPU")
#: The unit families the features distinguish, by the dimension of the VALUE's unit code.
_UNIT_FAMILY = {
    units.Dimension.CURRENCY.value: "money",
    units.Dimension.RATIO.value: "ratio",
    units.Dimension.COUNT.value: "count",
}


def _unit_family(code: str | None) -> str:
    """``money``, ``ratio``, ``count`` or ``measure`` (everything else, compounds included)."""
    return _UNIT_FAMILY.get(str(units.dimension(code)) if code else "", "measure")


Span = tuple[int, int]
Word = tuple[int, int, str]  # start, end, part-of-speech flag


# --------------------------------------------------------------------------------------------
# Passage analysis
# --------------------------------------------------------------------------------------------


@cache
def _posseg() -> Any:
    # jieba logs its dictionary loading and has invalid escapes: neither belongs in output.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        jieba.initialize()
    return jieba.posseg


def pos_words(view: str) -> list[Word]:
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


def marginal_labels(tagger: CrfTagger) -> tuple[str, ...]:
    """The entity labels of a tagger, sorted."""
    return tuple(sorted({t.partition("-")[2] for t in tagger.tagger.labels() if t != "O"}))


def crf_marginals(tagger: CrfTagger, text: str, base: Features | None = None) -> np.ndarray:
    """crfsuite's marginals of the internal scheme's B, I, E and S tags of every label of
    ``tagger`` (:func:`marginal_labels` order), shape ``(len(text), labels, 4)``."""
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


def span_logp(marg: np.ndarray | None, start: int, end: int) -> float:
    """Log probability of ``[start, end)`` being one span, from per-character B/I/E/S
    marginals: their product (exact for one character, an approximation otherwise)."""
    if marg is None or end <= start:
        return -math.inf
    p = np.clip(marg[start:end], 1e-12, 1.0)
    if end - start == 1:
        return float(np.log(p[0, 3]))
    return float(np.log(p[0, 0]) + np.log(p[1:-1, 1]).sum() + np.log(p[-1, 2]))


@dataclass(frozen=True)
class Passage:
    """What the linker reads of a passage besides its VALUEs (built by :func:`analyze`)."""

    text: str
    view: str  # the simplified view, same length
    words: tuple[Word, ...]
    word_at: tuple[int, ...]  # per character: index of its word
    clause: tuple[int, ...]  # per character: clause number (a break ends its clause)
    sentence: tuple[int, ...]  # per character: sentence number
    numbers: tuple[Span, ...]  # the recognizer's quantities
    dates: tuple[Span, ...]  # the recognizer's dates, times and durations
    entities: tuple[LabeledSpan, ...]  # the NER CRF's
    tagged: tuple[LabeledSpan, ...]  # the METRIC/TIME CRF's best path
    marginals: Mapping[str, np.ndarray] = field(compare=False)  # label -> (n, 4) B/I/E/S
    noun_phrases: tuple[Span, ...] = ()  # :func:`clause_noun_phrases`

    def span_logp(self, label: str, start: int, end: int) -> float:
        return span_logp(self.marginals.get(label), start, end)


def analyze(
    text: str,
    entities: Sequence[LabeledSpan],
    tagged: Sequence[LabeledSpan],
    marginals: Mapping[str, np.ndarray] | None = None,
) -> Passage:
    """The :class:`Passage` of ``text`` from the taggers' output (marginals optional)."""
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
        c += bool(CLAUSE_BREAK.match(ch))
        n += bool(SENTENCE_END.match(ch))
    quantities = find_quantities(text)
    timely = (NumberCategory.DATE, NumberCategory.TIME, NumberCategory.DURATION)
    passage = Passage(
        text=text,
        view=view,
        words=words,
        word_at=tuple(word_at),
        clause=tuple(clause),
        sentence=tuple(sentence),
        numbers=tuple(
            (q.start, q.end) for q in quantities if q.category is NumberCategory.QUANTITY
        ),
        dates=tuple((q.start, q.end) for q in quantities if q.category in timely),
        entities=tuple(sorted(entities)),
        tagged=tuple(sorted(tagged)),
        marginals=dict(marginals or {}),
    )
    return replace(passage, noun_phrases=clause_noun_phrases(passage))


# ---- words and clauses ---------------------------------------------------------------------


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PSZ"


def _is_break(ch: str) -> bool:
    return bool(CLAUSE_BREAK.match(ch))


def _pos_class(flag: str) -> str:
    """A coarse class of a jieba part-of-speech flag (N, V, M, T, X, U, P, D, O)."""
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


def _pos_at(p: Passage, i: int) -> str:
    if i < 0:
        return "BOS"
    if i >= len(p.text):
        return "EOS"
    return p.words[p.word_at[i]][2]


def _words_in(p: Passage, start: int, end: int) -> list[Word]:
    return list(p.words[p.word_at[start] : p.word_at[end - 1] + 1])


def _timeish(p: Passage, word: Word) -> bool:
    ws, we, fl = word
    return fl in _TIMEISH or fl.startswith("t") or p.view[ws:we] in _TIME_AFFIXES


def time_like(p: Passage, start: int, end: int) -> bool:
    """Time words only (part of speech ``t``, numerals, 截至, 以来 ...), one of them a time
    word or holding a time character (年, 月, 季度 ...)."""
    words = _words_in(p, start, end)
    return all(_timeish(p, w) for w in words) and any(
        w[2].startswith("t") or any(ch in TIME_CHARS for ch in p.view[w[0] : w[1]]) for w in words
    )


def _leading(p: Passage, word: Word) -> bool:
    """Words before a clause's noun phrase: punctuation and time words (a clause that opens
    with a preposition, 在/据/对 ..., has no subject noun phrase)."""
    text = p.view[word[0] : word[1]]
    return (
        _punct(text[0])
        or text in _TIME_AFFIXES
        or text.isdigit()
        or word[2].startswith("t")
        or (word[2] in ("m", "mq") and any(ch in TIME_CHARS for ch in text))
    )


def clause_initial(p: Passage, start: int) -> bool:
    """Whether ``start`` opens its clause, after leading punctuation and time words."""
    i = start
    while i > 0 and p.clause[i - 1] == p.clause[start]:
        word = p.words[p.word_at[i - 1]]
        if not _leading(p, word):
            return False
        i = word[0]
    return True


def clause_noun_phrases(p: Passage) -> tuple[Span, ...]:
    """The noun phrase opening each clause, a clause heuristic for SUBJECT: after leading
    punctuation and time words, the words up to the first verb, adverb, preposition,
    conjunction, particle or other punctuation than quotes, brackets and dashes; a predicted
    entity is never cut. Two variants per clause: stopping at numerals too, and not."""
    out: set[Span] = set()
    ents = {s.start: s.end for s in p.entities}
    inner = OPENERS | CLOSERS | {"—", "·", "-"}
    words = p.words
    k = 0
    while k < len(words):
        j = k  # the clause: words k..j-1
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
                if ws in ents and ents[ws] > we:
                    while m < j and words[m][1] <= ents[ws]:
                        m += 1
                    end = words[m - 1][1]
                    continue
                cls = _pos_class(fl)
                if cls in _NP_STOP or (stop_at_numerals and cls == "M"):
                    break
                if cls == "X" and p.view[ws] not in inner:
                    break
                end = we
                m += 1
            if end is not None and end - words[i][0] <= 2 * MAX_CHARS:
                out.add((words[i][0], end))
        k = j + 1
    return tuple(sorted(out))


def sentence_bounds(p: Passage, start: int) -> Span:
    """Offsets of the sentence holding ``start``."""
    k = p.sentence[start]
    lo = start
    while lo > 0 and p.sentence[lo - 1] == k:
        lo -= 1
    hi = start
    while hi < len(p.text) and p.sentence[hi] == k:
        hi += 1
    return lo, hi


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """A VALUE to link: its span, kind and unit (predicted; gold when training)."""

    start: int
    end: int
    kind: str
    unit: str

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True, order=True)
class Candidate:
    start: int
    end: int
    sources: tuple[str, ...]  # sorted: words, crf, crf_best, entity:<TYPE>, clause_np

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def word_spans(p: Passage, lo: int, hi: int, max_words: int) -> list[Span]:
    """Runs of words inside ``[lo, hi)`` (see module docstring, ``words``)."""
    words = [w for w in p.words if lo <= w[0] and w[1] <= hi]
    out = []
    for i, (s, _, _) in enumerate(words):
        if _punct(p.view[s]) and p.view[s] not in OPENERS:
            continue
        for j in range(i, min(i + max_words, len(words))):
            e = words[j][1]
            if e - s > MAX_CHARS or any(_is_break(ch) for ch in p.view[words[j][0] : e]):
                break
            if not _punct(p.view[e - 1]) or p.view[e - 1] in CLOSERS:
                out.append((s, e))
    return out


def crf_spans(p: Passage, label: str, lo: int, hi: int) -> list[Span]:
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


def _nominal(p: Passage, start: int, end: int) -> bool:
    """No verb, adverb or particle, and no preposition or conjunction first. (jieba reads
    some abbreviations as a preposition and a noun: 自贸 as 自 + 贸, hence only first.)"""
    words = _words_in(p, start, end)
    return _pos_class(words[0][2]) != "P" and not any(
        _pos_class(w[2]) in ("V", "D", "U") for w in words
    )


def _time_opening(p: Passage, c: Candidate) -> bool:
    """A clause-initial span of the TIME CRF or of time words."""
    if c.start and p.clause[c.start - 1] == p.clause[c.start]:
        return False
    return c.sources != ("words",) or time_like(p, c.start, c.end)


def candidates(p: Passage, value: Span, part: str) -> list[Candidate]:
    """Candidate spans for one part of the VALUE ``value`` (see module docstring)."""
    vs, ve = value
    lo, hi = sentence_bounds(p, vs)
    found: dict[Span, set[str]] = {}

    def add(span: Span, source: str) -> None:
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
    if part == "time" and any(lo <= c.start and c.end <= vs and _time_opening(p, c) for c in out):
        out = [c for c in out if c.start >= lo]
    return out


# --------------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------------


def _bucket(n: float, edges: Sequence[float]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e:g}"
    return f">{edges[-1]:g}"


def _kinds(p: Passage, c: Candidate) -> list[str]:
    """The kinds of candidate :func:`rule_votes` looks for."""
    kinds = []
    if any(src.startswith("entity:") for src in c.sources):
        kinds.append("entity")
        if any(src[7:] in SUBJECT_TYPES for src in c.sources):
            kinds.append("subject_entity")
    if "crf_best" in c.sources:
        kinds.append("crf_best")
    if time_like(p, c.start, c.end):
        kinds.append("time_like")
    if "clause_np" in c.sources:
        kinds.append("clause_np")
    return kinds


def rule_votes(p: Passage, value: Value, cands: Sequence[Candidate]) -> dict[Span, set[str]]:
    """Which simple linking rules pick each candidate (see module docstring, ``rules``)."""
    lo, _ = sentence_bounds(p, value.start)
    by_kind: dict[str, list[Candidate]] = {}
    for c in cands:
        for kind in _kinds(p, c):
            by_kind.setdefault(kind, []).append(c)
    out: dict[Span, set[str]] = {}

    def vote(c: Candidate | None, name: str) -> None:
        if c is not None:
            out.setdefault(c.span, set()).add(name)

    for kind, cs in by_kind.items():
        before = [c for c in cs if c.end <= value.start]
        in_sentence = [c for c in before if c.start >= lo]
        opening = [c for c in before if clause_initial(p, c.start)]
        opening_in = [c for c in opening if c.start >= lo]
        if opening_in:
            vote(opening_in[0], f"first_opening:{kind}")
        elif opening:
            vote(opening[-1], f"first_opening:{kind}")
            vote(opening[-1], f"first_opening_outside:{kind}")
        nearest = max(in_sentence or before, key=lambda c: (c.end, c.start), default=None)
        vote(nearest, f"nearest_before:{kind}")
        if before and not in_sentence:
            vote(nearest, f"nearest_before_outside:{kind}")
        vote(min(in_sentence, default=None), f"first_in_sentence:{kind}")
        after = [
            c for c in cs if c.start >= value.end and p.sentence[c.start] == p.sentence[value.start]
        ]
        vote(min(after, default=None), f"nearest_after:{kind}")
    nearest_of_text: dict[tuple[bool, str], tuple[int, Candidate]] = {}
    for c in cands:
        side = c.end <= value.start
        dist = value.start - c.end if side else c.start - value.end
        key = (side, p.view[c.start : c.end])
        if key in nearest_of_text and nearest_of_text[key][0] <= dist:
            out.setdefault(c.span, set()).add("same_text_nearer")
        else:
            if key in nearest_of_text:
                out.setdefault(nearest_of_text[key][1].span, set()).add("same_text_nearer")
            nearest_of_text[key] = (dist, c)
    return out


def _has_own(p: Passage, value: Value, part: str) -> bool:
    """Whether the VALUE's sentence has, before it, what usually fills ``part``: a
    GPE/ORG/FAC entity or a clause noun phrase (SUBJECT), a best-path span of the CRF."""
    lo, _ = sentence_bounds(p, value.start)
    if part == "subject":
        return any(
            lo <= s.start and s.end <= value.start and s.label in SUBJECT_TYPES for s in p.entities
        ) or any(lo <= a and b <= value.start for a, b in p.noun_phrases)
    return any(
        lo <= s.start and s.end <= value.start and s.label == CRF_LABEL[part] for s in p.tagged
    )


LIST_SEPARATORS = frozenset("、")
#: What joins the VALUEs of one list after 分别 (甲、乙、丙分别增长 a、b和c).
VALUE_JOINERS = frozenset(["、", "和", "与", "及", "以及"])


def respectively(p: Passage, value: Value, values: Sequence[Value]) -> tuple[int, int] | None:
    """When ``分别`` ("respectively") comes before the VALUE in its sentence and the VALUE is in
    the list of VALUEs that follows it (VALUEs joined only by ``、``, 和, 与, 及), where 分别
    is and the VALUE's place in that list (0 for the first), else ``None``."""
    lo, _ = sentence_bounds(p, value.start)
    cue = p.view.rfind("分别", lo, value.start)
    if cue < 0:
        return None
    after = sorted(
        (v for v in values if cue < v.start and p.sentence[v.start] == p.sentence[value.start]),
        key=lambda v: v.start,
    )
    run = after[:1]
    for prev, nxt in pairwise(after):
        if p.view[prev.end : nxt.start].strip() not in VALUE_JOINERS:
            break
        run.append(nxt)
    spans = [v.span for v in run]
    return (cue, spans.index(value.span)) if value.span in spans else None


def _whole_item(p: Passage, start: int, end: int) -> bool:
    """A list segment that is an item as a whole: no verb, adverb, preposition or particle."""
    return end > start and not any(
        _pos_class(w[2]) in ("V", "D", "P", "U") for w in _words_in(p, start, end)
    )


def list_index(p: Passage, cand: Candidate, before: int) -> int | None:
    """The candidate's place (0 for the first) in the last ``、`` list before ``before`` (where
    分别 is) in the same sentence, when the candidate is an item of that list; else ``None``.

    The items are the segments between ``、``; the first may be a segment's end (对东盟 holds
    东盟) and the last a segment's start (欧盟出口 holds 欧盟). A segment with a verb, adverb,
    preposition or particle ends the list there (纺织、服装企业对东盟、欧盟: 东盟 is first)."""
    s, e = cand.span
    view = p.view
    if e > before or p.sentence[s] != p.sentence[before]:
        return None
    if not (
        (s > 0 and view[s - 1] in LIST_SEPARATORS) or (e < before and view[e] in LIST_SEPARATORS)
    ):
        return None
    place, i = 0, s
    while i > 0 and view[i - 1] in LIST_SEPARATORS:
        j = i - 1
        while j > 0 and not _punct(view[j - 1]):
            j -= 1
        place += 1
        if not _whole_item(p, j, i - 1):
            break
        i = j
    end = e
    while end < before and view[end] in LIST_SEPARATORS:
        k = end + 1
        while k < before and not _punct(view[k]):
            k += 1
        last = not _whole_item(p, end + 1, k)
        end = k
        if last:
            break
    if any(ch in LIST_SEPARATORS for ch in view[end:before]):
        return None  # a later list stands between the candidate and 分别
    return place


def pair_feature_groups(
    p: Passage,
    value: Value,
    cand: Candidate,
    part: str,
    values: Sequence[Value],
    votes: Mapping[Span, set[str]],
    groups: frozenset[str] = ALL_GROUPS,
) -> dict[str, dict[str, float]]:
    """Features of one (candidate, VALUE) pair for ``part``, group by group (those of
    ``groups``; see module docstring; ``shared`` is :func:`shared_features`)."""
    out: dict[str, dict[str, float]] = {}
    f: dict[str, float]
    before = cand.end <= value.start
    order = "before" if before else "after"
    gap_lo, gap_hi = (cand.end, value.start) if before else (value.end, cand.start)
    gap = p.view[gap_lo:gap_hi]
    dist = gap_hi - gap_lo
    dbucket = _bucket(dist, (0, 1, 3, 7, 15, 31, 63))
    sentences = abs(p.sentence[value.start] - p.sentence[cand.start])
    unit_family = _unit_family(value.unit)
    text = p.view[cand.start : cand.end]
    words = _words_in(p, cand.start, cand.end)
    content = [w[2] for w in words if not _punct(p.view[w[0]])]
    noun_run = bool(content) and all(_pos_class(fl) == "N" for fl in content)

    if "source" in groups:
        f = out["source"] = {}
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
        for s in p.tagged:
            if (s.start, s.end) == cand.span:
                f[f"best={s.label}"] = 1.0
            elif s.start < cand.end and cand.start < s.end:
                f[f"overlaps_best={s.label}"] = 1.0
        for s in p.entities:
            if (s.start, s.end) == cand.span:
                continue
            if s.start <= cand.start and cand.end <= s.end:
                f["inside_entity"] = 1.0
            elif cand.start <= s.start and s.end <= cand.end:
                f["holds_entity"] = 1.0
            elif s.start < cand.end and cand.start < s.end:
                f["crosses_entity"] = 1.0

    if "rules" in groups:
        f = out["rules"] = {}
        for name in votes.get(cand.span, ()):
            f[f"rule={name}"] = 1.0
            f[f"rule={name}&sentences={min(sentences, 2)}"] = 1.0

    if "distance" in groups:
        f = out["distance"] = {}
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
        f = out["between"] = {}
        n_values = sum(
            gap_lo <= v.start and v.end <= gap_hi for v in values if v.span != value.span
        )
        f[f"values_between={min(n_values, 3)}"] = 1.0
        f[f"values_between={min(n_values, 3)}&{order}"] = 1.0
        n_numbers = sum(gap_lo <= s and e <= gap_hi for s, e in p.numbers)
        f[f"numbers_between={min(n_numbers, 3)}"] = 1.0
        if any(_punct(ch) for ch in gap):
            f["gap_punct"] = 1.0
        for cue in CUES:
            if cue in gap:
                f[f"gap_cue={cue}"] = 1.0
                f[f"gap_cue={cue}&{order}"] = 1.0
        if 0 < dist <= 4 and not any(_punct(ch) for ch in gap):
            f[f"short_gap={gap}"] = 1.0
        # 甲、乙、丙分别增长 a、b、c: the k-th VALUE after 分别 goes with the k-th list item
        listed = respectively(p, value, values)
        item = list_index(p, cand, listed[0]) if listed is not None else None
        if listed is not None and item is not None:
            f[f"respectively={'match' if item == listed[1] else 'other'}"] = 1.0
        clause_lo = value.start
        while clause_lo > 0 and p.clause[clause_lo - 1] == p.clause[value.start]:
            clause_lo -= 1
        for cue in CLAUSE_CUES:
            if cue in p.view[clause_lo : value.start]:
                f[f"value_clause_cue={cue}&{order}"] = 1.0

    if "shape" in groups:
        f = out["shape"] = {}
        f[f"len={_bucket(len(text), (1, 2, 3, 4, 6, 9))}"] = 1.0
        f[f"words={min(len(words), 5)}"] = 1.0
        f[f"pos_first={_pos_class(words[0][2])}"] = 1.0
        f[f"pos_last={_pos_class(words[-1][2])}"] = 1.0
        f[f"pos_last={_pos_class(words[-1][2])}&{order}"] = 1.0
        if noun_run:
            f["noun_run"] = 1.0
        if time_like(p, cand.start, cand.end):
            f["time_run"] = 1.0
        elif any(_timeish(p, w) for w in words):
            f["some_time_words"] = 1.0
        if any(ch.isdigit() for ch in text):
            f["has_digit"] = 1.0
        if any(ch in TIME_CHARS for ch in text):
            f["has_time_char"] = 1.0
        if any(cand.start <= s and e <= cand.end for s, e in p.dates):
            f["holds_date"] = 1.0
        if any(cand.start <= v.start and v.end <= cand.end for v in values):
            f["holds_value"] = 1.0

    if "context" in groups:
        f = out["context"] = {}
        s0 = cand.start
        starts_clause = s0 == 0 or p.clause[s0 - 1] != p.clause[s0]
        ends_clause = cand.end == len(p.text) or _is_break(p.view[cand.end])
        if starts_clause:
            f["starts_clause"] = 1.0
        if s0 == 0 or p.sentence[s0 - 1] != p.sentence[s0]:
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
        prev_class = _pos_class(_pos_at(p, cand.start - 1))
        next_class = _pos_class(_pos_at(p, cand.end))
        f[f"prev={prev_class}"] = 1.0
        f[f"next={next_class}"] = 1.0
        f[f"prev={prev_class}&next={next_class}"] = 1.0
        f[f"prev={prev_class}&{order}"] = 1.0
        f[f"next={next_class}&{order}"] = 1.0
        if prev_class in ("X", "U", "P", "BOS"):
            f[f"prev_char={p.view[cand.start - 1] if cand.start else '^'}"] = 1.0
        if next_class in ("X", "U", "P", "EOS"):
            f[f"next_char={p.view[cand.end] if cand.end < len(p.view) else '$'}"] = 1.0
        if noun_run and prev_class != "N":
            f["left_maximal"] = 1.0
        if noun_run and next_class != "N":
            f["right_maximal"] = 1.0

    if "value" in groups:
        f = out["value"] = {}
        f[f"kind={value.kind}&{order}"] = 1.0
        f[f"unit={unit_family}&{order}"] = 1.0
        f[f"unit={unit_family}&{order}&dist={dbucket}"] = 1.0
        if dist == 0:
            f[f"adjacent&{order}&unit={unit_family}"] = 1.0
    return out


def pair_features(
    p: Passage,
    value: Value,
    cand: Candidate,
    part: str,
    values: Sequence[Value],
    votes: Mapping[Span, set[str]],
    groups: frozenset[str] = ALL_GROUPS,
) -> dict[str, float]:
    """The features of :func:`pair_feature_groups` in one mapping (no name is in two groups)."""
    return _merged(pair_feature_groups(p, value, cand, part, values, votes, groups))


def _merged(by_group: Mapping[Any, Mapping[str, float]]) -> dict[str, float]:
    return {k: v for f in by_group.values() for k, v in f.items()}


def none_features(p: Passage, value: Value, part: str) -> dict[str, float]:
    """Features of the option to link nothing (it competes with the candidates)."""
    unit_family = _unit_family(value.unit)
    f = {"none": 1.0, f"none&kind={value.kind}": 1.0, f"none&unit={unit_family}": 1.0}
    if part == "subject":
        lo, hi = sentence_bounds(p, value.start)
        ents = [s for s in p.entities if s.label in SUBJECT_TYPES]
        f[f"none&subject_entity_in_sentence={any(lo <= s.start < hi for s in ents)}"] = 1.0
        f[f"none&subject_entity_before={any(s.end <= value.start for s in ents)}"] = 1.0
    # a headline: one short sentence without a full stop
    f[f"none&headline={'。' not in p.text and len(p.text) < 40}"] = 1.0
    return f


Option = Span | None  # a candidate's span, or None: link nothing
Picks = Mapping[Span, Option]


def decision(
    p: Passage, value: Value, values: Sequence[Value], part: str, groups: frozenset[str]
) -> tuple[list[Option], list[dict[str, float]]]:
    """The options of one (VALUE, part) decision, none first, and their features."""
    options, rows = grouped_decision(p, value, values, part, groups)
    return options, [_merged(row) for row in rows]


#: The group of the option of none's features (:func:`none_features`): in every linker.
NONE_GROUP = "none"


def grouped_decision(
    p: Passage, value: Value, values: Sequence[Value], part: str, groups: frozenset[str]
) -> tuple[list[Option], list[dict[str, dict[str, float]]]]:
    """:func:`decision` with each row's features by group (:data:`NONE_GROUP` for none's)."""
    cands = candidates(p, value.span, part)
    votes = rule_votes(p, value, cands) if "rules" in groups else {}
    rows = [{NONE_GROUP: none_features(p, value, part)}]
    rows += [pair_feature_groups(p, value, c, part, values, votes, groups) for c in cands]
    return [None, *(c.span for c in cands)], rows


def shared_features(
    options: Sequence[Option],
    rows: Sequence[dict[str, float]],
    value: Value,
    values: Sequence[Value],
    picks: Picks,
) -> list[dict[str, float]]:
    """``rows`` plus the ``shared`` group: what the first stage linked (``picks``, by VALUE
    span) to the previous and next VALUE in text order and to the others."""
    spans = sorted(v.span for v in values)
    k = spans.index(value.span)
    prev = picks.get(spans[k - 1]) if k else "start"
    nxt = picks.get(spans[k + 1]) if k + 1 < len(spans) else "end"
    others = [picks.get(s) for s in spans if s != value.span]
    out = []
    for option, row in zip(options, rows, strict=True):
        row = dict(row)
        if option is None:
            row[f"none&prev={'start' if prev == 'start' else prev is None}"] = 1.0
        else:
            if option == prev:
                row["shared_prev"] = 1.0
            if option == nxt:
                row["shared_next"] = 1.0
            row[f"shared_others={min(sum(o == option for o in others), 3)}"] = 1.0
        out.append(row)
    return out


# --------------------------------------------------------------------------------------------
# The rankers
# --------------------------------------------------------------------------------------------


@dataclass
class PartModel:
    """The ranker of one part: weights from logistic regression on feature differences,
    and the margin over the option of none a link needs."""

    C: float
    threshold: float = 0.0
    vectorizer: Any = None
    weights: np.ndarray | None = None

    def fit(
        self, rows: Sequence[dict[str, float]], labels: np.ndarray, owner: np.ndarray
    ) -> PartModel:
        """``labels``: 1 for the gold option of each decision; ``owner``: decision of a row."""
        from sklearn.feature_extraction import DictVectorizer

        self.vectorizer = DictVectorizer(sort=True).fit(rows)
        self.weights = _rank_weights(self.vectorizer.transform(rows).tocsr(), labels, owner, self.C)
        return self

    def scores(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        assert self.weights is not None
        if not rows:
            return np.zeros(0)
        return self.vectorizer.transform(rows) @ self.weights

    def pick(self, options: Sequence[Option], rows: Sequence[dict[str, float]]) -> Option:
        """The best candidate if its margin over none reaches the threshold, else none."""
        owner = np.zeros(len(options), dtype=np.int64)
        margin, best = margins(self.scores(rows), owner, options, 1)
        return best[0] if margin[0] >= self.threshold else None


def _rank_pairs(x: Any, labels: np.ndarray, owner: np.ndarray) -> tuple[Any, np.ndarray] | None:
    """What a ranker learns from: the difference between each decision's gold row and each
    of its other rows, and the weight of each (every decision weighs the same); ``None``
    when no decision has a gold row and another one."""
    labels, owner = np.asarray(labels), np.asarray(owner, dtype=np.int64)
    if not len(owner):
        return None
    is_gold = labels != 0
    gold_row = np.full(int(owner.max()) + 1, -1, dtype=np.int64)
    gold_row[owner[is_gold]] = np.flatnonzero(is_gold)
    neg = np.flatnonzero(~is_gold & (gold_row[owner] >= 0))
    if not len(neg):
        return None
    pos = gold_row[owner[neg]]
    weight = 1.0 / (np.bincount(owner)[owner[neg]] - 1)
    return x[pos] - x[neg], weight


def _rank_fit(pairs: tuple[Any, np.ndarray] | None, c: float, n_features: int) -> np.ndarray:
    """Pairwise ranking weights: logistic regression (no intercept) on the differences of
    :func:`_rank_pairs`, both signs. Columns that are zero everywhere get weight 0."""
    from scipy.sparse import vstack
    from sklearn.linear_model import LogisticRegression

    if pairs is None:
        return np.zeros(n_features)
    diff, weight = pairs
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000, random_state=RANDOM_STATE)
    model.fit(
        vstack([diff, -diff]).tocsr(),
        np.r_[np.ones(len(weight)), np.zeros(len(weight))],
        sample_weight=np.r_[weight, weight],
    )
    return model.coef_[0]


def _rank_weights(x: Any, labels: np.ndarray, owner: np.ndarray, c: float) -> np.ndarray:
    """Pairwise ranking weights of the rows ``x`` (:func:`_rank_pairs`, :func:`_rank_fit`)."""
    return _rank_fit(_rank_pairs(x, labels, owner), c, x.shape[1])


def margins(
    scores: np.ndarray, owner: np.ndarray, options: Sequence[Option], n: int
) -> tuple[np.ndarray, list[Option]]:
    """Per decision: the best candidate's score minus the score of none (``-inf`` without
    candidates) and its span; ties go to the earlier span."""
    none_score = np.zeros(n)
    best_score = np.full(n, -np.inf)
    best: list[Option] = [None] * n
    for s, k, option in zip(scores.tolist(), owner.tolist(), options, strict=True):
        if option is None:
            none_score[k] = s
        elif s > best_score[k] or (s == best_score[k] and option < (best[k] or option)):
            best_score[k], best[k] = s, option
    return best_score - none_score, best


def best_threshold(
    margin: np.ndarray, best: Sequence[Option], gold: Sequence[Option]
) -> tuple[float, float]:
    """The margin threshold with the highest pooled part F1 (a link is a true positive when
    it equals the gold part), and that F1; of equal ones, the nearest 0."""
    n_gold = sum(g is not None for g in gold)
    hits = np.array([b is not None and b == g for b, g in zip(best, gold, strict=True)])
    finite = np.isfinite(margin)
    best_t, best_f = 0.0, -1.0
    for t in sorted({0.0, *margin[finite].tolist()}):
        on = finite & (margin >= t)
        pred = int(on.sum())
        f1 = 2 * int((hits & on).sum()) / (pred + n_gold) if pred + n_gold else 0.0
        if f1 > best_f or (f1 == best_f and abs(t) < abs(best_t)):
            best_t, best_f = t, f1
    return best_t, max(best_f, 0.0)


@dataclass
class Linker:
    """Per part a first-stage :class:`PartModel` and, with the ``shared`` group, a second
    stage that also reads what the first linked to the passage's other VALUEs."""

    first: dict[str, PartModel]
    second: dict[str, PartModel]
    groups: frozenset[str] = ALL_GROUPS
    record: dict[str, Any] = field(default_factory=dict)

    def link(self, p: Passage, values: Sequence[Value]) -> list[dict[str, Span | None]]:
        """The parts of every VALUE (see module docstring)."""
        out: list[dict[str, Span | None]] = [{} for _ in values]
        for part in LINK_ORDER:
            decisions = [decision(p, v, values, part, self.groups) for v in values]
            if part in self.second:
                picks = {
                    v.span: self.first[part].pick(*d)
                    for v, d in zip(values, decisions, strict=True)
                }
                decisions = [
                    (options, shared_features(options, rows, v, values, picks))
                    for v, (options, rows) in zip(values, decisions, strict=True)
                ]
            model = self.second.get(part, self.first[part])
            for links, (options, rows) in zip(out, decisions, strict=True):
                taken = [s for s in links.values() if s is not None]
                keep = [
                    i
                    for i, o in enumerate(options)
                    if o is None or not any(o[0] < b and a < o[1] for a, b in taken)
                ]
                links[part] = model.pick([options[i] for i in keep], [rows[i] for i in keep])
        return [{part: links[part] for part in PARTS} for links in out]


# --------------------------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """A gold VALUE of a training passage with its gold parts (``None`` where absent) and
    its inner cross-validation group."""

    passage: Passage
    value: Value
    values: tuple[Value, ...]  # every gold VALUE of the passage
    gold: Mapping[str, Option]
    group: int = 0


@dataclass(frozen=True)
class _Table:
    """Every option of many decisions, one row each."""

    labels: np.ndarray  # 1 for the gold option of each decision
    owner: np.ndarray  # the decision of each row
    options: list[Option]
    n: int  # decisions


def _select(
    x: Any,
    vectorizer: Any,
    table: _Table,
    gold: Sequence[Option],
    row_group: np.ndarray,
    grid: Sequence[float],
) -> tuple[PartModel, dict[str, Any], list[Option]]:
    """``C`` and threshold by grouped cross-validation over the rows ``x`` of ``table`` (one
    vocabulary, ``vectorizer``'s, for every fit: a feature absent from a fit's rows keeps
    weight 0, as with a vocabulary of those rows only); the model refitted on every row, the
    record, and the out-of-fold links at the chosen point."""
    n_features = x.shape[1]
    groups = sorted(set(row_group.tolist()))
    everything = _rank_pairs(x, table.labels, table.owner)
    # the training pairs of each held-out group, made once for every C
    held_out = []
    for g in groups if len(groups) >= 2 else ():
        fit_idx, test_idx = np.flatnonzero(row_group != g), np.flatnonzero(row_group == g)
        pairs = _rank_pairs(x[fit_idx], table.labels[fit_idx], table.owner[fit_idx])
        held_out.append((test_idx, pairs))
    points = []
    best: tuple[float, float, float, list[Option]] | None = None
    for c in grid:
        if not held_out:  # nothing to hold out: in-sample scores
            scores = x @ _rank_fit(everything, c, n_features)
        else:
            scores = np.zeros(x.shape[0])
            for test_idx, pairs in held_out:
                scores[test_idx] = x[test_idx] @ _rank_fit(pairs, c, n_features)
        margin, picked = margins(scores, table.owner, table.options, table.n)
        t, f1 = best_threshold(margin, picked, gold)
        points.append({"C": c, "threshold": round(t, 6), "f1": f1})
        if best is None or f1 > best[0]:
            links = [o if m >= t else None for o, m in zip(picked, margin, strict=True)]
            best = (f1, c, t, links)
    assert best is not None
    f1, c, t, links = best
    model = PartModel(c, t, vectorizer, _rank_fit(everything, c, n_features))
    record = {"grid": points, "chosen": {"C": c, "threshold": round(t, 6)}, "f1": f1}
    return model, record, links


def _vocabulary(names: Sequence[str]) -> Any:
    """A ``DictVectorizer`` whose columns are ``names`` in sorted order."""
    from sklearn.feature_extraction import DictVectorizer

    return DictVectorizer(sort=True).fit([dict.fromkeys(names, 1.0)])


def _with_columns(x: Any, names: Sequence[str], rows: Sequence[dict[str, float]]) -> Any:
    """``x`` (columns: ``names``, sorted) with the features of ``rows`` (one per row of
    ``x``, none of ``names``) added: the matrix a ``DictVectorizer`` makes of the merged
    rows, and that vectorizer."""
    from scipy.sparse import hstack

    extra = _vocabulary([k for row in rows for k in row])
    both = [*names, *extra.feature_names_]
    if len(set(both)) != len(both):
        raise ValueError("a feature of the added rows is already a column")
    order = sorted(range(len(both)), key=both.__getitem__)
    out = hstack([x, extra.transform(rows)], format="csr")[:, order]
    out.sort_indices()
    return out, _vocabulary(both)


@dataclass(frozen=True)
class _PartTable:
    """One part's decisions over every training example: their options (:class:`_Table`),
    the gold parts, the inner group of every row, and the features of every option
    vectorized once (columns: sorted feature names, each in one group)."""

    table: _Table
    gold: list[Option]
    row_group: np.ndarray
    options: list[list[Option]]  # of each decision
    names: list[str]
    column_group: np.ndarray  # the group of each column
    x: Any


@dataclass(frozen=True)
class LinkerTraining:
    """What :func:`fit_linker` learns from: every (VALUE, part) decision of ``examples``
    with the features of ``groups``, computed and vectorized once. :meth:`fit` fits a linker
    on them, and one without some groups by dropping those groups' columns: the same rows
    as computing the features without them, for a fraction of the time."""

    examples: tuple[Example, ...]
    groups: frozenset[str]
    parts: Mapping[str, _PartTable]

    @classmethod
    def of(cls, examples: Sequence[Example], groups: frozenset[str] = ALL_GROUPS) -> LinkerTraining:
        if not examples:
            raise ValueError("no training VALUEs for the linker")
        from sklearn.feature_extraction import DictVectorizer

        ex_group = np.array([ex.group for ex in examples])
        parts = {}
        for part in PARTS:
            decisions = [
                grouped_decision(ex.passage, ex.value, ex.values, part, groups) for ex in examples
            ]
            labels, owner, options, rows = [], [], [], []
            in_group: dict[str, set[str]] = {}
            for k, (ex, (opts, grouped)) in enumerate(zip(examples, decisions, strict=True)):
                # a gold part no candidate reaches: linking nothing is the best there is
                target = ex.gold.get(part) if ex.gold.get(part) in opts else None
                labels += [int(o == target) for o in opts]
                owner += [k] * len(opts)
                options += opts
                for row in grouped:
                    for g, f in row.items():
                        in_group.setdefault(g, set()).update(f)
                    rows.append(_merged(row))
            vectorizer = DictVectorizer(sort=True).fit(rows)
            names = list(vectorizer.feature_names_)
            group_of = {name: g for g, group_names in in_group.items() for name in group_names}
            if len(group_of) != sum(map(len, in_group.values())):
                raise ValueError(f"a {part} feature name is in two feature groups")
            table = _Table(
                np.array(labels), np.array(owner, dtype=np.int64), options, len(examples)
            )
            parts[part] = _PartTable(
                table,
                [ex.gold.get(part) for ex in examples],
                ex_group[table.owner],
                [opts for opts, _ in decisions],
                names,
                np.array([group_of[name] for name in names]),
                vectorizer.transform(rows).tocsr(),
            )
        return cls(tuple(examples), frozenset(groups), parts)

    def fit(
        self,
        groups: frozenset[str] | None = None,
        grid: Sequence[float] = LINKER_GRID,
        keep_c: Linker | None = None,
    ) -> Linker:
        """The linker with the feature ``groups`` (by default all of the data's), each
        ranker's ``C`` chosen from ``grid`` by the inner cross-validation, or with ``keep_c``
        the ``C`` that linker's ranker of the same part and stage has (the threshold is
        chosen either way)."""
        groups = self.groups if groups is None else frozenset(groups)
        if not groups <= self.groups:
            raise ValueError(f"feature groups {sorted(groups - self.groups)} were not computed")
        if keep_c is not None and "shared" in groups and not keep_c.second:
            raise ValueError("keep_c has no second stage to take C from")
        first: dict[str, PartModel] = {}
        second: dict[str, PartModel] = {}
        rule = "first best in grid order" if keep_c is None else "C kept from an earlier fit"
        record: dict[str, Any] = {
            "figure": "pooled part F1, out-of-fold (grouped cross-validation in the training data)",
            "rule": f"{rule}; threshold of the best F1, nearest 0 on ties",
            "inner_groups": len({ex.group for ex in self.examples}),
            "feature_groups": [g for g in FEATURE_GROUPS if g in groups],
        }
        for part in PARTS:
            d = self.parts[part]
            keep = np.flatnonzero(np.isin(d.column_group, [NONE_GROUP, *groups]))
            x = d.x if len(keep) == len(d.names) else d.x[:, keep]
            names = [d.names[i] for i in keep]
            table, gold = d.table, d.gold
            first_grid = grid if keep_c is None else (keep_c.first[part].C,)
            first[part], first_record, links = _select(
                x, _vocabulary(names), table, gold, d.row_group, first_grid
            )
            reachable = set(zip(table.owner.tolist(), table.options, strict=True))
            record[part] = {
                "decisions": table.n,
                "candidates": x.shape[0] - table.n,
                "gold": sum(g is not None for g in gold),
                "gold_in_candidates": sum(
                    g is not None and (k, g) in reachable for k, g in enumerate(gold)
                ),
                "first_stage": first_record,
            }
            if "shared" in groups:
                # The second stage learns from the first stage's out-of-fold links: what it
                # will see of unseen passages.
                picks = {
                    (id(ex.passage), ex.value.span): link
                    for ex, link in zip(self.examples, links, strict=True)
                }
                shared_rows: list[dict[str, float]] = []
                for ex, opts in zip(self.examples, d.options, strict=True):
                    mine = {v.span: picks.get((id(ex.passage), v.span)) for v in ex.values}
                    empty: list[dict[str, float]] = [{} for _ in opts]
                    shared_rows += shared_features(opts, empty, ex.value, ex.values, mine)
                x2, vectorizer2 = _with_columns(x, names, shared_rows)
                second_grid = grid if keep_c is None else (keep_c.second[part].C,)
                second[part], record[part]["second_stage"], _ = _select(
                    x2, vectorizer2, table, gold, d.row_group, second_grid
                )
        return Linker(first, second, groups, record)


def fit_linker(
    examples: Sequence[Example],
    grid: Sequence[float] = LINKER_GRID,
    groups: frozenset[str] = ALL_GROUPS,
) -> Linker:
    """Train the rankers of every part on ``examples`` (see module docstring)."""
    return LinkerTraining.of(examples, groups).fit(groups, grid)


# --------------------------------------------------------------------------------------------
# The results page
# --------------------------------------------------------------------------------------------


def linker_section(record: Mapping[str, Any]) -> list[str]:
    """Markdown lines describing the linker and its choices (``record`` of the test model)."""
    lines = [
        "## The claims linker",
        "",
        "METRIC, SUBJECT and TIME of each VALUE are chosen by a learned linker "
        "(`silkroad_news.baselines.linker`, which replaced a nearest-span rule). Candidates per "
        "VALUE and part: runs of jieba words in the VALUE's sentence, METRIC/TIME spans of the "
        f"part CRF whose marginal-based probability is at least {CRF_MIN_PROB:g} and its best "
        "path, the NER CRF's entities, and the noun phrase opening each clause. Features: "
        "source and CRF scores, votes of simple rules (nearest before, first in the sentence, "
        "first clause-initial, nearest after), distance in characters, clauses and sentences, "
        "order, VALUEs, numbers, punctuation and cue words (同比, 增长, 达, 为, 占, 其中, 分别 "
        "...) between, after 分别 whether the candidate is the list item in the VALUE's place, "
        "shape and part of speech, the clause context, the VALUE's kind and "
        "unit, and (a second stage) the parts linked to the neighbouring VALUEs. Per part a "
        "logistic-regression ranker (pairwise, against an option of linking nothing) links the "
        "best candidate when its margin reaches a threshold, METRIC then TIME then SUBJECT, "
        "the parts of one claim disjoint. It learns from the gold claims of the training "
        "passages, reading tagger outputs from taggers trained without each passage (jackknife "
        "over the dataset folds), and chooses C and the threshold by cross-validation inside "
        "the training data only.",
        "",
        "Chosen for the test model (trained on train; inner cross-validation over its "
        f"{record['inner_groups']} folds; inner F1: pooled out-of-fold part F1):",
        "",
        "| part | decisions | candidates | gold parts among candidates | C, threshold | "
        "inner F1 | second stage: C, threshold | inner F1 |",
        "| --- | ---: | ---: | ---: | --- | ---: | --- | ---: |",
    ]

    def stage(r: Mapping[str, Any] | None) -> str:
        if r is None:
            return "n/a | n/a"
        return f"{r['chosen']['C']:g}, {r['chosen']['threshold']:.3f} | {100 * r['f1']:.2f}"

    for part in PARTS:
        r = record[part]
        lines.append(
            f"| {part} | {r['decisions']} | {r['candidates']} | {r['gold_in_candidates']} / "
            f"{r['gold']} | {stage(r['first_stage'])} | {stage(r.get('second_stage'))} |"
        )
    return lines
