"""A character CRF tagger (sklearn-crfsuite): train, pick hyper-parameters, predict, save, load.

Contract
--------
* Input: sequences of characters (``str``) with one tag each, all in one scheme (BIO, BIOES or
  BMES; :mod:`silkroad_news.tags`). :func:`tagged` decodes tags strictly: a malformed
  sequence is refused, never repaired (files with ill-formed tags are read leniently, and
  reported, by :mod:`.conll` before they get here).
* The CRF is trained on BIOES tags (decoded and re-encoded with :mod:`silkroad_news.tags`, exact
  in both directions for every scheme), so it learns where entities end; predictions are given
  back in the scheme of the training data, which the model file records.
* Predictions are always valid sequences: crfsuite's Viterbi does not forbid transitions, so
  when its best path breaks the scheme (rare: ``all_possible_transitions`` learns negative
  weights for invalid moves), the path is re-decoded from crfsuite's per-position marginals
  with the invalid transitions forbidden (:func:`constrained_path`). That is decoding of the
  model's own scores, not a repair of tags.
* Features: :mod:`silkroad_news.baselines.features`; the gazetteer is built from the training
  sequences only. Predictions extract features of all the texts in one vectorized pass and
  only the attributes the model knows (:attr:`CrfTagger.vocabulary`): same tags, less work.
* Hyper-parameters: :func:`search` trains one model per point of a grid (``c1``, ``c2``,
  ``max_iterations``, L-BFGS; finite and non-negative, checked), scores each on the
  development data only and keeps the first best in grid order; every point and score is
  returned for the record. crfsuite's L-BFGS is deterministic, so the same data give the same
  model, also when ``workers`` > 1 trains several points at once in forked processes.
* Model files (:meth:`CrfTagger.save`) are JSON, written atomically: format name and version,
  the feature config with its version, the tag scheme, the gazetteer, the hyper-parameters and
  search, library versions, and crfsuite's binary model (base64, with its SHA-256). Loading
  refuses another format or version, and any setting out of its range (``"window": "2"``),
  with a clear message. No pickle is involved. crfsuite's C code trusts its model bytes (a
  damaged model made it crash): :func:`check_crfsuite_model` first walks every offset, count
  and id the tagger follows and refuses a model where one leads outside it or a hash-table
  probe would not end. A model that passes can still hold wrong weights: use files you trust.

API
---
``tagged(texts, tags, scheme=None) -> TaggedData`` (checked; scheme detected if not given)
``train(data, config=FeatureConfig(), hyper=Hyperparameters())``
``search(train_data, dev_data, grid=DEFAULT_GRID, config=..., score=None, workers=1)
-> (tagger, record)``
``CrfTagger.predict(texts) -> list[list[str]]``, ``.predict_counted(texts) -> (tags, number of
constrained decodings)``, ``.save(path)``, ``CrfTagger.load(path)``
``span_f1(gold, predicted, scheme)``: strict micro F1 over decoded spans (selection on CoNLL).
``check_crfsuite_model(model_bytes)`` (raises ``ValueError``), ``crfsuite_attributes(...)``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import multiprocessing as mp
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..files import dumps_json, parse_json, read_bytes, write_atomic
from ..schema import SchemaError
from ..tags import (
    BIOES,
    SCHEMES,
    LabeledSpan,
    Scheme,
    TagError,
    TagSet,
    decode_ids,
    detect_scheme,
    encode,
    split_tag,
)
from .features import (
    FeatureConfig,
    Features,
    Gazetteer,
    Vocabulary,
    add_gazetteer_many,
    base_features_many,
    extract,
    gc_paused,
    jackknife_gazetteers,
)
from .progress import progress

MODEL_FORMAT = "silkroad-news-crf-model"
MODEL_VERSION = 1
#: The scheme the CRF itself learns; every input scheme converts to it and back exactly.
INTERNAL_SCHEME = BIOES


#: The largest ``max_iterations`` accepted (a tampered model or a typo is refused, not run).
MAX_ITERATIONS = 100_000


class ModelError(SchemaError):
    """A model file that cannot be loaded; the message names the file."""


_MODEL_KEYS = frozenset(
    {
        "format", "format_version", "scheme", "internal_scheme", "features", "gazetteer",
        "hyperparameters", "training", "versions", "crfsuite_model", "crfsuite_model_sha256",
    }
)  # fmt: skip


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Hyperparameters:
    """L-BFGS training of crfsuite: L1 (``c1``) and L2 (``c2``) weights, iteration cap."""

    c1: float = 0.1
    c2: float = 0.1
    max_iterations: int = 100

    def __post_init__(self) -> None:
        for name in ("c1", "c2"):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or value < 0
            ):
                raise SchemaError(f"{name} must be a finite number, 0 or more; got {value!r}")
        it = self.max_iterations
        if isinstance(it, bool) or not isinstance(it, int) or not 1 <= it <= MAX_ITERATIONS:
            raise SchemaError(
                f"max_iterations must be a whole number from 1 to {MAX_ITERATIONS}; got {it!r}"
            )


#: The default search grid: L1 x L2 regularization at a fixed iteration cap.
DEFAULT_GRID: tuple[Hyperparameters, ...] = tuple(
    Hyperparameters(c1, c2, 100) for c1 in (0.0, 0.1, 0.5) for c2 in (0.01, 0.1, 1.0)
)


@dataclass(frozen=True)
class TaggedData:
    """Sequences and their tags, all in ``scheme`` (checked by :func:`tagged`)."""

    texts: tuple[str, ...]
    tags: tuple[tuple[str, ...], ...]
    scheme: Scheme
    spans: tuple[tuple[LabeledSpan, ...], ...]  # decoded from ``tags``

    @property
    def characters(self) -> int:
        return sum(map(len, self.texts))


def decode_many(rows: Sequence[Sequence[str]], scheme: Scheme) -> list[list[LabeledSpan]]:
    """Strictly decode many tag sequences in one vectorized call of the shared codec
    (:func:`silkroad_news.tags.decode_ids`); a :class:`~silkroad_news.tags.TagError` names the
    row and position of the first problem."""
    labels = dict.fromkeys(split_tag(t)[1] for row in rows for t in row)
    tagset = TagSet.for_labels([label for label in labels if label is not None], scheme)
    arr = decode_ids(*tagset.ids(rows), tagset)
    out: list[list[LabeledSpan]] = [[] for _ in rows]
    for row, start, end, label in zip(*(a.tolist() for a in arr), strict=True):
        out[row].append(LabeledSpan(start, end, tagset.labels[label]))
    return out


def tagged(
    texts: Sequence[str], tags: Sequence[Sequence[str]], scheme: Scheme | None = None
) -> TaggedData:
    """Check that every sequence has one tag per character and decodes strictly (``scheme``
    detected from the tags when not given)."""
    if len(texts) != len(tags):
        raise SchemaError(f"{len(texts)} sequences but {len(tags)} tag sequences")
    for n, (text, seq) in enumerate(zip(texts, tags, strict=True)):
        if len(text) != len(seq):
            raise SchemaError(f"sequence {n}: {len(seq)} tags for {len(text)} characters")
    if scheme is None:
        scheme = detect_scheme({t for seq in tags for t in seq})
    try:
        spans = decode_many(tags, scheme)
    except TagError as err:
        raise SchemaError(f"sequence {err.row}: {err}") from None
    return TaggedData(
        tuple(texts), tuple(tuple(s) for s in tags), scheme, tuple(tuple(s) for s in spans)
    )


# --------------------------------------------------------------------------------------------
# Decoding constraints
# --------------------------------------------------------------------------------------------


def transition_mask(labels: Sequence[str], scheme: Scheme) -> tuple[np.ndarray, ...]:
    """Allowed ``(from, to)`` transitions, allowed first and allowed last tags, per scheme."""
    parsed = [split_tag(t) for t in labels]
    label = [lab for _, lab in parsed]
    cont = np.array([lab is not None and p in (scheme.inside, scheme.last) for p, lab in parsed])
    opens = np.array([lab is not None and p in (scheme.begin, scheme.inside) for p, lab in parsed])
    must_close = opens & scheme.closes_explicitly
    same = np.array([[a == b and a is not None for b in label] for a in label], dtype=bool)
    # A continuing tag needs an open tag of its label before it; an open tag that must close
    # (B/I in BIOES) needs a continuing tag of its label after it.
    allowed = np.where(cont[None, :], opens[:, None] & same, ~must_close[:, None])
    return allowed, ~cont, ~must_close


def constrained_path(marginals: np.ndarray, labels: Sequence[str], scheme: Scheme) -> list[str]:
    """The valid tag sequence with the highest sum of log marginals (Viterbi with a mask)."""
    allowed, first_ok, last_ok = transition_mask(labels, scheme)
    logp = np.log(np.clip(marginals, 1e-300, None))
    n, k = logp.shape
    neg = -np.inf
    score = np.where(first_ok, logp[0], neg)
    back = np.zeros((n, k), dtype=np.int64)
    trans = np.where(allowed, 0.0, neg)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = np.argmax(cand, axis=0)
        score = cand[back[i], np.arange(k)] + logp[i]
    score = np.where(last_ok, score, neg)
    path = [int(np.argmax(score))]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return [labels[j] for j in reversed(path)]


# --------------------------------------------------------------------------------------------
# crfsuite's binary model, checked before crfsuite reads it
# --------------------------------------------------------------------------------------------

_HEADER = 48  # crfsuite's model header: magic, size, type, version, 3 counts, 5 offsets
_CQDB_HEADER = 24  # CQDB chunk: id, size, flag, byte order, backlink size and offset
_CQDB_TABLES = 256


def _u32(buf: np.ndarray, at: np.ndarray | int) -> np.ndarray:
    """Little-endian uint32 at byte offsets ``at`` (unaligned, vectorized)."""
    at = np.asarray(at, dtype=np.int64)
    return (
        buf[at].astype(np.int64)
        | buf[at + 1].astype(np.int64) << 8
        | buf[at + 2].astype(np.int64) << 16
        | buf[at + 3].astype(np.int64) << 24
    )


def check_crfsuite_model(model: bytes) -> None:
    """Raise ``ValueError`` naming the first defect unless every offset, count and id that
    crfsuite's tagger follows stays inside the model and every hash-table probe ends.

    crfsuite trusts its model file: a damaged one makes it read outside its buffer (a
    segmentation fault) or probe a hash table forever. This walks what the tagger walks
    (header, feature chunk, label and attribute references, both string databases with their
    hash tables and backlinks) and checks it as crfsuite would need it, vectorized with numpy.
    A model that passes can still carry wrong weights (nothing but a checksum can tell), but
    crfsuite can read it safely.
    """
    size = len(model)
    if size < _HEADER or model[:4] != b"lCRF" or model[8:12] != b"FOMC":
        raise ValueError("not a crfsuite CRF1d model (magic or type)")
    buf = np.frombuffer(model, dtype=np.uint8)
    head = _u32(buf, np.arange(4, _HEADER, 4)).tolist()
    (
        declared,
        _,
        version,
        n_feat,
        n_labels,
        n_attrs,
        off_feat,
        off_lab,
        off_att,
        off_lref,
        off_aref,
    ) = head
    if declared != size:
        raise ValueError(f"the header gives {declared} bytes, the model has {size}")
    if version != 100:
        raise ValueError(f"model version {version}, crfsuite writes 100")
    if n_labels < 1:
        raise ValueError("no labels")

    def chunk(name: str, offset: int, tag: bytes, num: int, item: int) -> int:
        if offset < _HEADER or offset + 12 + num * item > size or model[offset : offset + 4] != tag:
            raise ValueError(f"the {name} chunk is missing or does not fit in the model")
        # crfsuite writes two label references more than labels (never read by the tagger)
        if int(_u32(buf, offset + 8)) < num:
            raise ValueError(
                f"the {name} chunk holds {int(_u32(buf, offset + 8))} items, not {num}"
            )
        return offset + 12

    # crfsuite leaves the header's feature count at 0: the chunk's own count is the one used
    if off_feat < _HEADER or off_feat + 12 > size:
        raise ValueError("the feature chunk is missing or does not fit in the model")
    n_feat = int(_u32(buf, off_feat + 8))
    first_feature = chunk("feature", off_feat, b"FEAT", n_feat, 20)
    at = first_feature + 20 * np.arange(n_feat, dtype=np.int64)
    ftype, src, dst = _u32(buf, at), _u32(buf, at + 4), _u32(buf, at + 8)
    if n_feat:
        raw = buf[(at[:, None] + 12 + np.arange(8)).reshape(-1)].tobytes()
        if not np.isfinite(np.frombuffer(raw, dtype="<f8")).all():
            raise ValueError("a feature weight is not a finite number")
    state = ftype == 0
    if not (
        ((ftype == 0) | (ftype == 1)).all()
        and (dst < n_labels).all()
        and (src < np.where(state, n_attrs, n_labels)).all()
    ):
        raise ValueError(
            "a feature has an unknown type or refers to a label or attribute that does not exist"
        )

    def refs(name: str, offset: int, tag: bytes, num: int, want_type: int) -> None:
        first = chunk(name, offset, tag, num, 4)
        starts = _u32(buf, first + 4 * np.arange(num, dtype=np.int64))
        if num and ((starts < _HEADER) | (starts + 4 > size)).any():
            raise ValueError(f"a {name} entry points outside the model")
        counts = _u32(buf, starts) if num else np.zeros(0, dtype=np.int64)
        if (starts + 4 + 4 * counts > size).any():
            raise ValueError(f"a {name} list runs past the end of the model")
        total = int(counts.sum())
        owner = np.repeat(np.arange(num, dtype=np.int64), counts)
        within = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        fids = _u32(buf, np.repeat(starts + 4, counts) + 4 * within)
        if total and not (fids < n_feat).all():
            raise ValueError(f"a {name} list names a feature that does not exist")
        if total and not ((ftype[fids] == want_type) & (src[fids] == owner)).all():
            raise ValueError(f"a {name} list names a feature of another kind or owner")

    refs("label reference", off_lref, b"LFRF", n_labels, 1)
    refs("attribute reference", off_aref, b"AFRF", n_attrs, 0)
    _check_cqdb(model, buf, "label", off_lab, n_labels)
    _check_cqdb(model, buf, "attribute", off_att, n_attrs)


def _check_cqdb(model: bytes, whole: np.ndarray, name: str, offset: int, num: int) -> None:
    """A string database (CQDB) of ``num`` strings with ids ``0..num-1``."""
    if offset < _HEADER or offset + _CQDB_HEADER + 8 * _CQDB_TABLES > len(model):
        raise ValueError(f"the {name} strings do not fit in the model")
    if model[offset : offset + 4] != b"CQDB" or int(_u32(whole, offset + 12)) != 0x62445371:
        raise ValueError(f"the {name} strings are not a CQDB chunk")
    size = int(_u32(whole, offset + 4))
    if not _CQDB_HEADER + 8 * _CQDB_TABLES <= size <= len(model) - offset:
        raise ValueError(f"the {name} strings' chunk size does not fit in the model")
    buf = whole[offset : offset + size]
    bwd_size, bwd_offset = int(_u32(buf, 16)), int(_u32(buf, 20))

    def records(at: np.ndarray) -> np.ndarray:
        """The id of each record at ``at`` (chunk offsets), checked to hold a C string."""
        if ((at < _CQDB_HEADER + 8 * _CQDB_TABLES) | (at + 9 > size)).any():
            raise ValueError(f"a {name} string lies outside its chunk")
        ksize = _u32(buf, at + 4)
        end = at + 8 + ksize
        if ((ksize < 1) | (end > size)).any() or (buf[end - 1] != 0).any():
            raise ValueError(f"a {name} string runs past its chunk or is not terminated")
        ids = _u32(buf, at)
        if (ids >= num).any():
            raise ValueError(f"a {name} string has an id beyond the {num} {name}s")
        return ids

    tables = _u32(buf, _CQDB_HEADER + 4 * np.arange(2 * _CQDB_TABLES, dtype=np.int64))
    t_offset, t_num = tables[0::2], tables[1::2]
    used = t_offset != 0
    if (used != (t_num != 0)).any():  # crfsuite writes both or neither
        raise ValueError(f"a {name} hash table has an offset without a size or the reverse")
    if (used & ((t_offset < _CQDB_HEADER) | (t_offset + 8 * t_num > size))).any():
        raise ValueError(f"a {name} hash table lies outside its chunk")
    for start, n in zip(t_offset[used].tolist(), t_num[used].tolist(), strict=True):
        slots = _u32(buf, start + 8 * np.arange(n, dtype=np.int64) + 4)
        if (slots != 0).all():
            raise ValueError(f"a {name} hash table has no free slot (a lookup would not end)")
        records(slots[slots != 0])
    if num:
        if bwd_offset == 0 or bwd_size < num or bwd_offset + 4 * num > size:
            raise ValueError(f"the {name} id-to-string table is missing or too short")
        at = _u32(buf, bwd_offset + 4 * np.arange(num, dtype=np.int64))
        if (at == 0).any() or (records(at) != np.arange(num)).any():
            raise ValueError(f"the {name} id-to-string table does not match the strings")
        if name == "label":  # labels come back to Python as text
            for a in at.tolist():
                key = bytes(buf[a + 8 : a + 8 + int(_u32(buf, a + 4))])
                try:
                    key.split(b"\0", 1)[0].decode("utf-8")
                except UnicodeDecodeError:
                    raise ValueError(f"a {name} is not UTF-8") from None


def crfsuite_attributes(model: bytes) -> frozenset[bytes]:
    """Every attribute a (checked, :func:`check_crfsuite_model`) crfsuite model knows."""
    buf = np.frombuffer(model, dtype=np.uint8)
    n_attrs, offset = int(_u32(buf, 24)), int(_u32(buf, 36))
    if n_attrs == 0:
        return frozenset()
    backlinks = offset + int(_u32(buf, offset + 20))
    at = offset + _u32(buf, backlinks + 4 * np.arange(n_attrs, dtype=np.int64))
    ends = at + 8 + _u32(buf, at + 4) - 1  # without the terminating NUL
    return frozenset(map(model.__getitem__, map(slice, (at + 8).tolist(), ends.tolist())))


# --------------------------------------------------------------------------------------------
# The tagger
# --------------------------------------------------------------------------------------------


@dataclass
class CrfTagger:
    """A trained tagger: crfsuite's model plus everything needed to compute its features."""

    scheme: Scheme  # of the training data, and of predictions
    config: FeatureConfig
    gazetteer: Gazetteer | None
    hyperparameters: Hyperparameters
    model: bytes  # crfsuite's binary model
    training: dict[str, Any] = field(default_factory=dict)
    _tagger: Any = field(default=None, repr=False, compare=False)

    @property
    def tagger(self) -> Any:
        if self._tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(self.model)
            self._tagger = tagger
        return self._tagger

    def features(self, text: str, base: Features | None = None) -> Features:
        return self.features_many([text], None if base is None else [base])[0]

    def features_many(
        self, texts: Sequence[str], bases: Sequence[Features | None] | None = None
    ) -> list[Features]:
        """The attributes of every text; ``bases`` (optional, ``None`` where unknown) are
        precomputed :func:`~.features.base_features_many` rows, the rest computed in one batch."""
        rows: list[Features | None] = list(bases) if bases is not None else [None] * len(texts)
        missing = [i for i, r in enumerate(rows) if r is None]
        vocabulary = self.vocabulary
        gazetteer = self.gazetteer if self.config.gazetteer else None
        if len(missing) == len(texts):  # nothing precomputed: everything in one pass
            return extract(texts, self.config, gazetteer, vocabulary)
        if missing:
            computed = base_features_many([texts[i] for i in missing], self.config, vocabulary)
            for i, r in zip(missing, computed, strict=True):
                rows[i] = r
        return add_gazetteer_many(rows, texts, gazetteer, vocabulary)  # type: ignore[arg-type]

    @property
    def vocabulary(self) -> Vocabulary:
        """The attributes the crfsuite model knows (the others are left out of its input)."""
        known = self.__dict__.get("_vocabulary_cache")
        if known is None:
            known = Vocabulary(crfsuite_attributes(self.model))
            self.__dict__["_vocabulary_cache"] = known
        return known

    def _constrained(self, rows: Features) -> list[str]:
        import pycrfsuite

        tagger = self.tagger
        tagger.set(pycrfsuite.ItemSequence(rows))
        labels = tagger.labels()
        marg = np.array(
            [[tagger.marginal(y, i) for y in labels] for i in range(len(rows))], dtype=np.float64
        )
        return constrained_path(marg, labels, INTERNAL_SCHEME)

    def _best_paths(self, rows: Sequence[Features]) -> list[list[str]]:
        """crfsuite's best path of each sequence in the internal scheme (possibly invalid, see
        the module doc)."""
        tag = self.tagger.tag
        return [tag(r) if r else [] for r in rows]

    def predict(
        self, texts: Sequence[str], bases: Sequence[Features | None] | None = None
    ) -> list[list[str]]:
        """Tags of many sequences in the training data's scheme (``bases``: precomputed
        :func:`~.features.base_features_many` rows of the texts, optional)."""
        return self.predict_counted(texts, bases)[0]

    def predict_counted(
        self, texts: Sequence[str], bases: Sequence[Features | None] | None = None
    ) -> tuple[list[list[str]], int]:
        """:meth:`predict`, and how many sequences needed the constrained decoding."""
        with gc_paused():  # features and paths are many small objects without cycles
            rows = self.features_many(texts, bases)
            raw = self._best_paths(rows)
        # One vectorized strict decode of every sequence (per-sequence decoding costs more
        # than the CRF itself); a sequence that breaks BIOES is re-decoded under constraints
        # and the check resumes after it.
        tagset = self._internal_tagset()
        ids: np.ndarray | None = None
        first = constrained = 0
        while first < len(raw):
            try:
                part, _ = tagset.ids(raw[first:])
                decode_ids(part, np.fromiter(map(len, raw[first:]), np.int64), tagset)
                ids = part if first == 0 else None
                break
            except TagError as err:
                bad = first + err.row
                raw[bad] = self._constrained(rows[bad])
                constrained += 1
                first = bad + 1
        if self.scheme is INTERNAL_SCHEME:
            return raw, constrained
        # A valid BIOES sequence maps tag by tag to any scheme (S-X is B-X in BIO, E-X is I-X)
        if ids is None:
            ids, _ = tagset.ids(raw)
        flat = self._names_in_scheme(tagset)[ids].tolist()
        ends = np.cumsum(np.fromiter(map(len, raw), np.int64, len(raw)))
        starts = np.concatenate(([0], ends[:-1])).astype(np.int64)
        return list(map(flat.__getitem__, map(slice, starts.tolist(), ends.tolist()))), constrained

    def _entity_labels(self) -> list[str]:
        labels = self.__dict__.get("_labels_cache")
        if labels is None:
            parsed = (split_tag(t)[1] for t in self.tagger.labels())
            labels = [label for label in dict.fromkeys(parsed) if label is not None]
            self.__dict__["_labels_cache"] = labels
        return labels

    def _internal_tagset(self) -> TagSet:
        tagset = self.__dict__.get("_tagset_cache")
        if tagset is None:
            tagset = TagSet.for_labels(self._entity_labels(), INTERNAL_SCHEME)
            self.__dict__["_tagset_cache"] = tagset
        return tagset

    def _names_in_scheme(self, tagset: TagSet) -> np.ndarray:
        """Per internal tag id, the same position's tag in the training data's scheme."""
        names = self.__dict__.get("_names_cache")
        if names is None:
            src, dst = INTERNAL_SCHEME, self.scheme
            prefix = {
                src.begin: dst.begin,
                src.inside: dst.inside,
                src.last: dst.last,
                src.single: dst.single,
            }
            converted = []
            for name in tagset.names:
                p, label = split_tag(name)
                converted.append(name if label is None else f"{prefix[p]}-{label}")
            names = self.__dict__["_names_cache"] = np.array(converted, dtype=object)
        return names

    def predict_spans(self, texts: Sequence[str]) -> list[list[LabeledSpan]]:
        return decode_many(self.predict(texts), self.scheme)

    # ---- files -----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "format_version": MODEL_VERSION,
            "scheme": self.scheme.name,
            "internal_scheme": INTERNAL_SCHEME.name,
            "features": self.config.to_json(),
            "gazetteer": None if self.gazetteer is None else self.gazetteer.to_json(),
            "hyperparameters": asdict(self.hyperparameters),
            "training": self.training,
            "versions": library_versions(),
            "crfsuite_model": base64.b64encode(self.model).decode("ascii"),
            "crfsuite_model_sha256": hashlib.sha256(self.model).hexdigest(),
        }

    def save(self, path: Path) -> None:
        """Write the model file atomically (a crash leaves the old file or none)."""
        write_atomic(Path(path), dumps_json(self.to_json(), indent=None))

    @classmethod
    def from_json(cls, obj: Any, source: str) -> CrfTagger:
        """A tagger from a parsed model file; every field is checked before use (a tampered
        setting or damaged crfsuite bytes are refused with :class:`ModelError`)."""
        if not isinstance(obj, dict) or obj.get("format") != MODEL_FORMAT:
            raise ModelError(f"{source}: not a silkroad-news CRF model file")
        if obj.get("format_version") != MODEL_VERSION:
            raise ModelError(
                f"{source}: model format version {_short(obj.get('format_version'))}; this "
                f"silkroad-news reads version {MODEL_VERSION}: retrain the model"
            )
        missing = sorted(_MODEL_KEYS - set(obj))
        if missing:
            raise ModelError(f"{source}: incomplete model file (missing {missing})")
        schemes = {s.name: s for s in SCHEMES}
        if not isinstance(obj["scheme"], str) or obj["scheme"] not in schemes:
            raise ModelError(
                f"{source}: damaged model file: unknown tag scheme {_short(obj['scheme'])}"
            )
        if obj["internal_scheme"] != INTERNAL_SCHEME.name:
            raise ModelError(
                f"{source}: the model was trained on {_short(obj['internal_scheme'])}, "
                f"this silkroad-news trains on {INTERNAL_SCHEME.name}"
            )
        if not isinstance(obj["training"], dict):
            raise ModelError(f"{source}: damaged model file: 'training' is not an object")
        try:
            config = FeatureConfig.from_json(obj["features"], source)
            gaz = None
            if obj["gazetteer"] is not None:
                gaz = Gazetteer.from_json(obj["gazetteer"], f"{source}: gazetteer")
            hyper = obj["hyperparameters"]
            if not isinstance(hyper, dict) or set(hyper) != {"c1", "c2", "max_iterations"}:
                raise SchemaError("'hyperparameters' must hold c1, c2 and max_iterations")
            hyperparameters = Hyperparameters(**hyper)
        except SchemaError as err:
            message = str(err)
            if not message.startswith(source):
                message = f"{source}: {message}"
            raise ModelError(message) from None
        encoded, digest = obj["crfsuite_model"], obj["crfsuite_model_sha256"]
        if not isinstance(encoded, str) or not isinstance(digest, str):
            raise ModelError(f"{source}: damaged model file: the crfsuite model is not text")
        try:
            model = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise ModelError(
                f"{source}: damaged model file: the crfsuite model is not base64"
            ) from None
        if hashlib.sha256(model).hexdigest() != digest:
            raise ModelError(f"{source}: the crfsuite model does not match its SHA-256")
        try:
            check_crfsuite_model(model)
        except ValueError as err:
            raise ModelError(
                f"{source}: the embedded crfsuite model is damaged ({err}); crfsuite would "
                "crash on it: retrain the model or restore the file"
            ) from None
        tagger = cls(
            scheme=schemes[obj["scheme"]],
            config=config,
            gazetteer=gaz,
            hyperparameters=hyperparameters,
            model=model,
            training=dict(obj["training"]),
        )
        try:
            tagger.tagger  # noqa: B018 - open now, so a broken model fails here, not later
        except ValueError as err:  # crfsuite: "Invalid model"
            raise ModelError(f"{source}: crfsuite cannot read the model ({err})") from None
        return tagger

    @classmethod
    def load(cls, path: Path) -> CrfTagger:
        try:
            data = read_bytes(Path(path))
        except SchemaError as err:  # missing, a folder, a device, a FIFO, unreadable
            message = str(err).replace(": file not found", ": model file not found")
            raise ModelError(message) from None
        try:
            obj = parse_json(data, str(path))
        except SchemaError:  # not UTF-8, not JSON, nested too deeply, an endless integer
            raise ModelError(f"{path}: not a silkroad-news CRF model file (not JSON)") from None
        return cls.from_json(obj, str(path))


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("silkroad-news", "python-crfsuite", "sklearn-crfsuite", "jieba", "opencc"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "unknown"
    return out


# --------------------------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------------------------


class FeatureCache:
    """Base feature rows of texts, kept per feature configuration: taggers with different
    features (the NER CRF and the METRIC/TIME CRF) share one cache and never read each other's
    rows."""

    def __init__(self) -> None:
        self._rows: dict[FeatureConfig, dict[str, Features]] = {}

    def bases(self, texts: Sequence[str], config: FeatureConfig) -> list[Features]:
        """The rows of every text under ``config``, the missing ones computed in one batch."""
        rows = self._rows.setdefault(config, {})
        missing = list(dict.fromkeys(t for t in texts if t not in rows))
        if missing:
            rows.update(zip(missing, base_features_many(missing, config), strict=True))
        return [rows[t] for t in texts]

    def known(self, texts: Sequence[str], config: FeatureConfig) -> list[Features | None]:
        """The rows cached under ``config``, ``None`` where a text has none yet."""
        rows = self._rows.get(config, {})
        return [rows.get(t) for t in texts]


@dataclass(frozen=True)
class _Prepared:
    """Training items converted once, reused for every point of a grid."""

    items: list[Any]
    labels: list[list[str]]
    gazetteer: Gazetteer | None
    data: TaggedData
    config: FeatureConfig


def _bases(texts: Sequence[str], config: FeatureConfig, cache: FeatureCache | None) -> list:
    """Base features of every text, computed in one batch (and cached, given a cache)."""
    if cache is None:
        return base_features_many(texts, config)
    return cache.bases(texts, config)


def _prepare(data: TaggedData, config: FeatureConfig, cache: FeatureCache | None) -> _Prepared:
    import pycrfsuite

    if not data.texts:
        raise SchemaError("no training sequences")
    spans = data.spans
    gaz = None
    bases = _bases(data.texts, config, cache)
    rows = list(bases)
    if config.gazetteer:
        gaz = Gazetteer.from_spans(zip(data.texts, spans, strict=True), config.gazetteer_min_length)
        # each training sequence sees the gazetteer of the other folds (module doc of .features)
        gazetteers = jackknife_gazetteers(data.texts, spans, config)
        groups: dict[int, list[int]] = {}
        for i, g in enumerate(gazetteers):
            groups.setdefault(id(g), []).append(i)
        for which in groups.values():
            extended = add_gazetteer_many(
                [bases[i] for i in which], [data.texts[i] for i in which], gazetteers[which[0]]
            )
            for i, r in zip(which, extended, strict=True):
                rows[i] = r
    items = [pycrfsuite.ItemSequence(r) for r in rows]
    labels = [
        encode(sp, len(text), INTERNAL_SCHEME)
        for text, sp in zip(data.texts, data.spans, strict=True)
    ]
    return _Prepared(items, labels, gaz, data, config)


def _fit_model(prep: _Prepared, hyper: Hyperparameters) -> bytes:
    """crfsuite's model trained on the prepared items (L-BFGS, deterministic)."""
    import pycrfsuite
    import sklearn_crfsuite

    crf = sklearn_crfsuite.CRF(
        algorithm="lbfgs",
        c1=hyper.c1,
        c2=hyper.c2,
        max_iterations=hyper.max_iterations,
        # Weights for unseen transitions too, so invalid moves (O -> I-X) get negative weights.
        all_possible_transitions=True,
        trainer_cls=pycrfsuite.Trainer,  # silent
    )
    try:
        crf.fit(prep.items, prep.labels)
        return Path(crf.modelfile.name).read_bytes()
    finally:
        crf.modelfile.cleanup()


def _tagger(prep: _Prepared, hyper: Hyperparameters, model: bytes) -> CrfTagger:
    training = {
        "sequences": len(prep.data.texts),
        "characters": prep.data.characters,
        "gazetteer_entries": 0 if prep.gazetteer is None else len(prep.gazetteer),
    }
    return CrfTagger(prep.data.scheme, prep.config, prep.gazetteer, hyper, model, training)


def _fit(prep: _Prepared, hyper: Hyperparameters) -> CrfTagger:
    return _tagger(prep, hyper, _fit_model(prep, hyper))


#: The prepared items of the grid being fitted, inherited by forked worker processes
#: (crfsuite's item sequences cannot be pickled; a fork shares them for free).
_GRID_ITEMS: _Prepared | None = None


def _fit_in_worker(hyper: Hyperparameters) -> tuple[bytes, float]:
    assert _GRID_ITEMS is not None
    started = time.perf_counter()
    model = _fit_model(_GRID_ITEMS, hyper)
    return model, time.perf_counter() - started


def _fit_grid(
    prep: _Prepared, grid: Sequence[Hyperparameters], workers: int
) -> Iterator[tuple[CrfTagger, float]]:
    """Each grid point's tagger and training time, in grid order; ``workers`` > 1 trains that
    many points at once in forked processes (crfsuite trains on one core)."""
    global _GRID_ITEMS
    if workers <= 1 or len(grid) == 1 or "fork" not in mp.get_all_start_methods():
        for hyper in grid:
            started = time.perf_counter()
            tagger = _fit(prep, hyper)
            yield tagger, time.perf_counter() - started
        return
    _GRID_ITEMS = prep
    try:
        context = mp.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(grid)), mp_context=context) as pool:
            for hyper, (model, seconds) in zip(grid, pool.map(_fit_in_worker, grid), strict=True):
                yield _tagger(prep, hyper, model), seconds
    finally:
        _GRID_ITEMS = None


def train(
    data: TaggedData,
    config: FeatureConfig | None = None,
    hyper: Hyperparameters | None = None,
    *,
    cache: FeatureCache | None = None,
) -> CrfTagger:
    """Train one tagger with fixed hyper-parameters."""
    return _fit(_prepare(data, config or FeatureConfig(), cache), hyper or Hyperparameters())


def span_f1(
    gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]], scheme: Scheme
) -> float:
    """Strict micro F1 of decoded spans (same start, end and label), as conlleval counts."""
    tp = n_gold = n_pred = 0
    pairs = zip(decode_many(gold, scheme), decode_many(predicted, scheme), strict=True)
    for g, p in pairs:
        gs, ps = set(g), set(p)
        tp += len(gs & ps)
        n_gold += len(gs)
        n_pred += len(ps)
    return 2 * tp / (n_gold + n_pred) if n_gold + n_pred else 0.0


Score = Callable[[list[list[str]]], float]


def search(
    train_data: TaggedData,
    dev_data: TaggedData,
    grid: Sequence[Hyperparameters] = DEFAULT_GRID,
    config: FeatureConfig | None = None,
    *,
    score: Score | None = None,
    cache: FeatureCache | None = None,
    figure: str = "f1",
    description: str = "CRF grid",
    fit_seconds: list[float] | None = None,
    workers: int = 1,
) -> tuple[CrfTagger, dict[str, Any]]:
    """Train on ``train_data`` at every grid point, score on ``dev_data``, keep the first best.

    ``score`` maps the predicted dev tags to the selection figure (default :func:`span_f1`);
    ``fit_seconds``, if given, receives the training time of each point (kept out of the
    record, which must be the same on every run); ``workers`` > 1 trains that many grid
    points at once in worker processes (same models: crfsuite's L-BFGS is deterministic);
    returns the chosen tagger and the record ``{"figure", "grid": [{..., "score"}], "chosen",
    "score", "rule"}``.
    """
    if not grid:
        raise SchemaError("the hyper-parameter grid is empty")
    dev_tags = [
        encode(sp, len(text), train_data.scheme)
        for text, sp in zip(dev_data.texts, dev_data.spans, strict=True)
    ]
    config = config or FeatureConfig()
    if score is None:

        def score(pred: list[list[str]]) -> float:
            return span_f1(dev_tags, pred, train_data.scheme)

    prep = _prepare(train_data, config, cache)
    dev_bases = _bases(dev_data.texts, config, cache)
    best: CrfTagger | None = None
    best_score = -1.0
    points = []
    with progress(description, len(grid)) as step:
        for tagger, seconds in _fit_grid(prep, grid, workers):
            hyper = tagger.hyperparameters
            if fit_seconds is not None:
                fit_seconds.append(seconds)
            value = float(score(tagger.predict(dev_data.texts, dev_bases)))
            points.append({**asdict(hyper), "score": value})
            if value > best_score:
                best, best_score = tagger, value
            step(f"c1={hyper.c1} c2={hyper.c2}: {value:.4f}")
    assert best is not None
    record = {
        "figure": figure,
        "grid": points,
        "chosen": asdict(best.hyperparameters),
        "score": best_score,
        "rule": "first best in grid order",
    }
    best.training = {**best.training, "search": record}
    return best, record
