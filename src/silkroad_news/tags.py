"""The one codec between labelled spans and per-token tags (BIO, BIOES, BMES).

The dataset builder, the baselines and the scorer all go through this module, so a tag sequence
means the same spans everywhere.

Contract
--------
* A span is :class:`LabeledSpan` ``(start, end, label)``: token offsets, ``start`` inclusive,
  ``end`` exclusive, ``start < end``. Spans given to :func:`encode` must not overlap.
* Schemes are data (:class:`Scheme`), not if-chains: which prefix opens an entity, which
  continues it, and whether an entity must be closed by an explicit last tag.

  ====== ============ ============ =================== ===============
  scheme one token    two tokens   three tokens        outside
  ====== ============ ============ =================== ===============
  BIO    ``B``        ``B I``      ``B I I``           ``O``
  BIOES  ``S``        ``B E``      ``B I E``           ``O``
  BMES   ``S``        ``B E``      ``B M E``           ``O``
  ====== ============ ============ =================== ===============

  BIO is IOB2 (every entity starts with ``B-``), the form of our ``ner`` config and of seqeval's
  ``IOB2`` scheme.
* Decoding is strict and never repairs: a continuing tag (``I-``, ``M-``, ``E-``) must follow
  an open tag of the same label; in BIOES and BMES an open tag (``B-``, ``I-``/``M-``) must be
  followed by a continuing tag of the same label. A violation raises :class:`TagError` naming
  the position (0-based) and both tags. seqeval's default mode would read ``I-ORG`` after
  ``O`` as a new entity; that leniency hides model and annotation bugs, so we refuse.
* :func:`decode_ids` is the single decoder: vectorized over many sequences at once (tag ids in
  one flat array plus sequence lengths), so scoring a million tokens takes milliseconds.
  :func:`decode` is the same decoder for one sequence of tag strings.

API
---
``encode(spans, length, scheme=BIO) -> list[str]``
``decode(tags, scheme=BIO) -> list[LabeledSpan]``
``convert(tags, source, target) -> list[str]``
``detect_scheme(tags) -> Scheme``
``tag_names(labels, scheme=BIO) -> list[str]``: ``O`` then each label's tags in prefix order
(for BIO over :class:`~silkroad_news.schema.EntityType` this is ``schema.ner_tag_names()``).
``TagSet.from_names(names)``: ids of a ClassLabel, then ``TagSet.ids(rows)`` and
``decode_ids(ids, lengths, tagset) -> SpanArrays`` for bulk work.

>>> encode([LabeledSpan(0, 2, "GPE"), LabeledSpan(3, 4, "ORG")], 5, BIOES)
['B-GPE', 'E-GPE', 'O', 'S-ORG', 'O']
>>> decode(["B-GPE", "I-GPE", "O", "B-ORG"])
[LabeledSpan(start=0, end=2, label='GPE'), LabeledSpan(start=3, end=4, label='ORG')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

import numpy as np

from .schema import SchemaError

OUTSIDE = "O"


class TagError(SchemaError):
    """A tag sequence breaks its scheme; ``row`` and ``index`` locate the offending tag."""

    def __init__(self, reason: str, *, index: int, row: int = 0) -> None:
        self.reason = reason
        self.index = index
        self.row = row
        super().__init__(f"tags[{index}]: {reason}")


class LabeledSpan(NamedTuple):
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Scheme:
    """A tagging scheme as data: the prefix for each position of an entity."""

    name: str
    single: str  # an entity of one token
    begin: str  # the first token of a longer entity
    inside: str  # tokens strictly between the first and the last
    last: str  # the last token of a longer entity

    @property
    def prefixes(self) -> tuple[str, ...]:
        """Distinct prefixes in the order used for tag names (B first, like ClassLabels)."""
        return tuple(dict.fromkeys((self.begin, self.inside, self.last, self.single)))

    @property
    def closes_explicitly(self) -> bool:
        """True when an entity ends on its own tag (E/S), so an open B or I must continue."""
        return self.last != self.inside

    def tags_for(self, label: str, length: int) -> list[str]:
        if length == 1:
            return [f"{self.single}-{label}"]
        return [
            f"{self.begin}-{label}",
            *[f"{self.inside}-{label}"] * (length - 2),
            f"{self.last}-{label}",
        ]


BIO = Scheme("BIO", single="B", begin="B", inside="I", last="I")
BIOES = Scheme("BIOES", single="S", begin="B", inside="I", last="E")
BMES = Scheme("BMES", single="S", begin="B", inside="M", last="E")
SCHEMES: tuple[Scheme, ...] = (BIO, BIOES, BMES)


def split_tag(tag: str) -> tuple[str, str | None]:
    """``"B-ORG"`` → ``("B", "ORG")``; ``"O"`` → ``("O", None)``. Labels may contain ``-``."""
    if tag == OUTSIDE:
        return OUTSIDE, None
    prefix, sep, label = tag.partition("-")
    if not sep or not prefix or not label:
        raise SchemaError(f"{tag!r} is not a tag: expected 'O' or PREFIX-LABEL such as 'B-ORG'")
    return prefix, label


def tag_names(labels: Iterable[str], scheme: Scheme = BIO) -> list[str]:
    """``O`` first, then for each label its tags in the scheme's prefix order."""
    return [OUTSIDE, *(f"{p}-{label}" for label in labels for p in scheme.prefixes)]


def detect_scheme(tags: Iterable[str]) -> Scheme:
    """The scheme a set of tags is written in.

    ``M-`` means BMES, ``E-``/``S-`` without ``M-`` mean BIOES, and only ``B-``/``I-``/``O``
    mean BIO (so a set with no entity at all is BIO). Mixing ``I-`` and ``M-``, or a prefix
    of no scheme, raises.
    """
    prefixes = {split_tag(t)[0] for t in set(tags)} - {OUTSIDE}
    if "M" in prefixes and "I" in prefixes:
        raise SchemaError("tags mix 'I-' (BIOES) and 'M-' (BMES) prefixes")
    if "M" in prefixes:
        scheme = BMES
    elif prefixes & {"E", "S"}:
        scheme = BIOES
    else:
        scheme = BIO
    unknown = prefixes - set(scheme.prefixes)
    if unknown:
        raise SchemaError(
            f"tags use prefix(es) {sorted(unknown)} that no scheme has; "
            f"known schemes: {', '.join(s.name for s in SCHEMES)}"
        )
    return scheme


# Role bits of a tag: it starts an entity, continues one, leaves it open, must be continued.
_START, _CONT, _OPEN, _MUST = 1, 2, 4, 8


@dataclass(frozen=True)
class TagSet:
    """Tag names with integer ids (a ClassLabel) and, per id, its role in the scheme."""

    scheme: Scheme
    names: tuple[str, ...]
    labels: tuple[str, ...]  # entity labels in order of first appearance in ``names``

    @classmethod
    def from_names(cls, names: Sequence[str], scheme: Scheme | None = None) -> TagSet:
        """Ids are positions in ``names``, as in a Hugging Face ClassLabel."""
        if len(set(names)) != len(names):
            raise SchemaError(f"tag names repeat: {list(names)}")
        scheme = scheme or detect_scheme(names)
        labels: dict[str, None] = {}
        for name in names:
            prefix, label = split_tag(name)
            if label is not None:
                if prefix not in scheme.prefixes:
                    raise SchemaError(f"{name!r} is not a {scheme.name} tag")
                labels[label] = None
        return cls(scheme, tuple(names), tuple(labels))

    @classmethod
    def for_labels(cls, labels: Iterable[str], scheme: Scheme = BIO) -> TagSet:
        return cls.from_names(tag_names(labels, scheme), scheme)

    def _roles(self) -> dict[str, np.ndarray]:
        # Per tag id: its label index (-1 for O) and which scheme roles its prefix plays.
        s = self.scheme
        label_index = {label: i for i, label in enumerate(self.labels)}
        parsed = [split_tag(n) for n in self.names]
        prefix = [p for p, _ in parsed]
        starts = {s.begin, s.single}
        continues = {s.inside, s.last}
        opens = {s.begin, s.inside}  # may be followed by a continuing tag
        bits = [
            _START * (p in starts)
            + _CONT * (p in continues)
            + _OPEN * (p in opens)
            # In BIOES/BMES an entity closes only on its E/S tag, so B and I/M must continue.
            # In BIO (last == inside) an entity may end after any of its tags.
            + _MUST * (s.closes_explicitly and p in opens)
            for p in prefix
        ]
        return {
            "label": np.array([label_index.get(lab, -1) for _, lab in parsed], dtype=np.int64),
            "bits": np.array(bits, dtype=np.uint8),
        }

    def ids(self, rows: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Flat tag ids and per-row lengths of many tag sequences; unknown tags raise."""
        index = {name: i for i, name in enumerate(self.names)}
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        flat = list(chain.from_iterable(rows))
        try:
            # map(dict.__getitem__, ...) runs at C speed; the loop below only names the culprit.
            return np.fromiter(map(index.__getitem__, flat), np.int64, count=len(flat)), lengths
        except (KeyError, TypeError):
            pass
        bad = next(k for k, t in enumerate(flat) if not isinstance(t, str) or t not in index)
        row, pos = _locate(bad, lengths)
        raise TagError(
            f"{flat[bad]!r} is not a {self.scheme.name} tag of this tag set "
            f"({', '.join(self.names)})",
            index=pos,
            row=row,
        )


class SpanArrays(NamedTuple):
    """Spans of many sequences as parallel arrays: ``row``, ``start``, ``end``, ``label`` id.

    Offsets are per row; ``label`` indexes ``TagSet.labels``. Sorted by row, then start.
    """

    row: np.ndarray
    start: np.ndarray
    end: np.ndarray
    label: np.ndarray


def _locate(flat_index: int, lengths: np.ndarray) -> tuple[int, int]:
    ends = np.cumsum(lengths)
    row = int(np.searchsorted(ends, flat_index, side="right"))
    return row, flat_index - int(ends[row] - lengths[row])


def decode_ids(ids: np.ndarray, lengths: np.ndarray, tagset: TagSet) -> SpanArrays:
    """Strictly decode many sequences at once: ``ids`` concatenated, ``lengths`` per row.

    Raises :class:`TagError` for the first violation in reading order (row, then position).
    """
    ids = np.asarray(ids, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    n = ids.size
    if int(lengths.sum()) != n:
        raise ValueError(f"lengths add up to {int(lengths.sum())} but there are {n} tags")
    roles = tagset._roles()
    offsets = np.cumsum(lengths) - lengths
    nonempty = lengths > 0
    first = np.zeros(n, dtype=bool)
    first[offsets[nonempty]] = True
    last = np.zeros(n, dtype=bool)
    last[(offsets + lengths - 1)[nonempty]] = True

    # One gather of packed role bits instead of one per role (this is the hot loop).
    bits = roles["bits"][ids]
    label = roles["label"][ids]
    cont = (bits & _CONT) != 0
    # A continuing tag is valid only right after an open tag of the same label, same row.
    continues_ok = np.zeros(n, dtype=bool)
    continues_ok[1:] = ((bits[:-1] & _OPEN) != 0) & (label[:-1] == label[1:])
    continues_ok &= ~first
    bad_cont = cont & ~continues_ok
    # An open tag that must continue needs a continuing tag next (a wrong label there is
    # reported at that next position by bad_cont).
    next_cont = np.zeros(n, dtype=bool)
    next_cont[:-1] = cont[1:]
    next_cont &= ~last
    bad_open = ((bits & _MUST) != 0) & ~next_cont
    bad = bad_cont | bad_open
    if bad.any():
        p = int(np.argmax(bad))
        row, pos = _locate(p, lengths)
        raise TagError(
            _violation(tagset, ids, p, first[p], last[p], bool(bad_cont[p])), index=pos, row=row
        )

    starts = np.flatnonzero(bits & _START)
    # An entity runs until the first later position that does not continue it.
    breaks = np.flatnonzero(first | ~cont)
    ends = np.append(breaks, n)[np.searchsorted(breaks, starts, side="right")]
    rows = np.searchsorted(np.cumsum(lengths), starts, side="right")
    return SpanArrays(rows, starts - offsets[rows], ends - offsets[rows], label[starts])


def _violation(
    tagset: TagSet, ids: np.ndarray, p: int, is_first: bool, is_last: bool, continuing: bool
) -> str:
    s = tagset.scheme
    tag = tagset.names[ids[p]]
    label = split_tag(tag)[1]
    if continuing:
        where = "starts the sequence" if is_first else f"follows {tagset.names[ids[p - 1]]!r}"
        return (
            f"{tag!r} {where}; an entity must begin with '{s.begin}-{label}' "
            f"(strict {s.name}: no repair)"
        )
    where = "ends the sequence" if is_last else f"is followed by {tagset.names[ids[p + 1]]!r}"
    return (
        f"{tag!r} {where}; a {s.name} entity must end with '{s.last}-{label}' "
        f"(one token: '{s.single}-{label}')"
    )


def decode(tags: Sequence[str], scheme: Scheme = BIO) -> list[LabeledSpan]:
    """Strictly decode one tag sequence into spans, in order."""
    labels = dict.fromkeys(
        lab for t in tags if isinstance(t, str) and t != OUTSIDE for lab in [t.partition("-")[2]]
    )
    tagset = TagSet.for_labels([lab for lab in labels if lab], scheme)
    ids, lengths = tagset.ids([tags])
    arr = decode_ids(ids, lengths, tagset)
    return [
        LabeledSpan(int(s), int(e), tagset.labels[int(lab)])
        for s, e, lab in zip(arr.start, arr.end, arr.label, strict=True)
    ]


def encode(
    spans: Iterable[LabeledSpan | tuple[int, int, str]], length: int, scheme: Scheme = BIO
) -> list[str]:
    """Tags for ``length`` tokens with the given non-overlapping spans."""
    tags = [OUTSIDE] * length
    previous_end = 0
    for start, end, label in sorted(spans):
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
            raise SchemaError(f"span [{start}, {end}) is empty or outside 0..{length}")
        if not isinstance(label, str) or not label or label == OUTSIDE:
            raise SchemaError(f"span [{start}, {end}) has no valid label: {label!r}")
        if start < previous_end:
            raise SchemaError(f"span [{start}, {end}) overlaps the span before it")
        tags[start:end] = scheme.tags_for(label, end - start)
        previous_end = end
    return tags


def convert(tags: Sequence[str], source: Scheme, target: Scheme) -> list[str]:
    """Re-tag a sequence from one scheme to another (strict on the source)."""
    return encode(decode(tags, source), len(tags), target)


# --------------------------------------------------------------------------------------------
# Lenient reading (training files only; scoring stays strict)
# --------------------------------------------------------------------------------------------

#: What :func:`decode_ids_lenient` counts, in reporting order, with its name in reports:
#: ``cut`` a continuing tag opens a sequence that follows one ending inside an entity of the
#: same label; ``no_begin`` a continuing tag with no entity open (after ``O``, at a sequence
#: start or after a closed entity: IO or IOB1 tags, or a slip); ``label_change`` a continuing
#: tag after a tag of another label; ``unclosed`` an entity that BIOES/BMES must close
#: explicitly ends without its last tag.
ILL_FORMED: dict[str, str] = {
    "cut": "entities cut by a sentence break",
    "no_begin": "continuing tags with no entity open",
    "label_change": "continuing tags of another label",
    "unclosed": "entities left open",
}


@dataclass(frozen=True)
class LenientDecode:
    """Spans read leniently, and per kind of ill-formed tag its count and first position."""

    spans: SpanArrays
    counts: dict[str, int]
    first: dict[str, int]  # flat index of the first occurrence of each kind counted


def decode_ids_lenient(ids: np.ndarray, lengths: np.ndarray, tagset: TagSet) -> LenientDecode:
    """Decode many sequences as conlleval reads them, counting every violation of the scheme.

    The same decoder as :func:`decode_ids` (same roles), except that where the strict decoder
    raises, this one reads on: a continuing tag that cannot continue the entity before it
    starts a new entity, and an entity that the scheme required to close explicitly ends where
    its tags stop. Nothing is hidden: every such place is counted (:data:`ILL_FORMED`).
    Well-formed input gives exactly :func:`decode_ids`'s spans and zero counts.
    """
    ids = np.asarray(ids, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    n = ids.size
    if int(lengths.sum()) != n:
        raise ValueError(f"lengths add up to {int(lengths.sum())} but there are {n} tags")
    roles = tagset._roles()
    offsets = np.cumsum(lengths) - lengths
    nonempty = lengths > 0
    first = np.zeros(n, dtype=bool)
    first[offsets[nonempty]] = True
    last = np.zeros(n, dtype=bool)
    last[(offsets + lengths - 1)[nonempty]] = True

    bits = roles["bits"][ids]
    label = roles["label"][ids]
    cont = (bits & _CONT) != 0
    follows = np.zeros(n, dtype=bool)  # the previous tag could be continued by this one
    follows[1:] = ((bits[:-1] & _OPEN) != 0) & (label[:-1] == label[1:]) & (label[1:] >= 0)
    continues_ok = follows & ~first
    bad_cont = cont & ~continues_ok
    next_cont = np.zeros(n, dtype=bool)
    # only a continuing tag closes an open entity: B-X S-X leaves B-X unclosed in BIOES
    next_cont[:-1] = (cont & continues_ok)[1:]
    bad_open = ((bits & _MUST) != 0) & ~next_cont

    other_label = np.zeros(n, dtype=bool)  # the previous tag is an entity of another label
    other_label[1:] = (label[:-1] >= 0) & (label[:-1] != label[1:])
    # the previous sequence (the tag just before, in reading order) ended in an entity that
    # this tag would continue: a sentence break cut the entity (counted once, as a cut)
    cut = bad_cont & first & follows
    cut_next = np.zeros(n, dtype=bool)
    cut_next[:-1] = cut[1:]
    label_change = bad_cont & ~first & other_label
    kinds = {
        "cut": cut,
        "no_begin": bad_cont & ~cut & ~label_change,
        "label_change": label_change,
        "unclosed": bad_open & ~cut_next,
    }
    counts = {k: int(v.sum()) for k, v in kinds.items()}
    first_at = {k: int(np.argmax(v)) for k, v in kinds.items() if counts[k]}

    starts = np.flatnonzero(((bits & _START) != 0) | bad_cont)
    breaks = np.flatnonzero(first | ~cont | bad_cont)
    ends = np.append(breaks, n)[np.searchsorted(breaks, starts, side="right")]
    rows = np.searchsorted(np.cumsum(lengths), starts, side="right")
    spans = SpanArrays(rows, starts - offsets[rows], ends - offsets[rows], label[starts])
    return LenientDecode(spans, counts, first_at)
