"""A character CRF tagger (sklearn-crfsuite): train, pick hyper-parameters, predict, save, load.

Contract
--------
* Input: sequences of characters (``str``) with one tag each, all in one scheme (BIO, BIOES or
  BMES; :mod:`silkroad_news.tags`). Tags are decoded strictly before training: a malformed
  sequence is refused, never repaired.
* The CRF is trained on BIOES tags (decoded and re-encoded with :mod:`silkroad_news.tags`, exact
  in both directions for every scheme), so it learns where entities end; predictions are given
  back in the scheme of the training data, which the model file records.
* Predictions are always valid sequences: crfsuite's Viterbi does not forbid transitions, so
  when its best path breaks the scheme (rare: ``all_possible_transitions`` learns negative
  weights for invalid moves), the path is re-decoded from crfsuite's per-position marginals
  with the invalid transitions forbidden (:func:`constrained_path`). That is decoding of the
  model's own scores, not a repair of tags.
* Features: :mod:`silkroad_news.baselines.features`; the gazetteer is built from the training
  sequences only.
* Hyper-parameters: :func:`search` trains one model per point of a grid (``c1``, ``c2``,
  ``max_iterations``, L-BFGS), scores each on the development data only and keeps the first
  best in grid order; every point and score is returned for the record. crfsuite's L-BFGS is
  deterministic, so the same data give the same model.
* Model files (:meth:`CrfTagger.save`) are JSON, written atomically: format name and version,
  the feature config with its version, the tag scheme, the gazetteer, the hyper-parameters and
  search, library versions, and crfsuite's binary model (base64, with its SHA-256). Loading
  refuses another format or version with a clear message. No pickle is involved, but the
  crfsuite model is parsed by C code that does not defend against crafted input: load model
  files you trust only.

API
---
``tagged(texts, tags, scheme=None) -> TaggedData`` (checked; scheme detected if not given)
``train(data, config=FeatureConfig(), hyper=Hyperparameters())``
``search(train_data, dev_data, grid=DEFAULT_GRID, config=..., score=None) -> (tagger, record)``
``CrfTagger.predict(texts) -> list[list[str]]``, ``.predict_counted(texts) -> (tags, number of
constrained decodings)``, ``.save(path)``, ``CrfTagger.load(path)``
``span_f1(gold, predicted, scheme)``: strict micro F1 over decoded spans (selection on CoNLL).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..files import dumps_json, write_atomic
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
    add_gazetteer,
    base_features,
    jackknife_gazetteers,
)
from .progress import progress

MODEL_FORMAT = "silkroad-news-crf-model"
MODEL_VERSION = 1
#: The scheme the CRF itself learns; every input scheme converts to it and back exactly.
INTERNAL_SCHEME = BIOES


class ModelError(SchemaError):
    """A model file that cannot be loaded; the message names the file."""


@dataclass(frozen=True)
class Hyperparameters:
    """L-BFGS training of crfsuite: L1 (``c1``) and L2 (``c2``) weights, iteration cap."""

    c1: float = 0.1
    c2: float = 0.1
    max_iterations: int = 100


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
        rows = base_features(text, self.config) if base is None else base
        return add_gazetteer(rows, text, self.gazetteer if self.config.gazetteer else None)

    def _raw(self, text: str, base: Features | None) -> list[str]:
        """crfsuite's best path in the internal scheme (possibly invalid, see module doc)."""
        if not text:
            return []
        import pycrfsuite

        return self.tagger.tag(pycrfsuite.ItemSequence(self.features(text, base)))

    def _constrained(self, text: str, base: Features | None) -> list[str]:
        import pycrfsuite

        tagger = self.tagger
        tagger.set(pycrfsuite.ItemSequence(self.features(text, base)))
        labels = tagger.labels()
        marg = np.array(
            [[tagger.marginal(y, i) for y in labels] for i in range(len(text))], dtype=np.float64
        )
        return constrained_path(marg, labels, INTERNAL_SCHEME)

    def predict(
        self, texts: Sequence[str], bases: Sequence[Features | None] | None = None
    ) -> list[list[str]]:
        """Tags of many sequences in the training data's scheme (``bases``: precomputed
        :func:`~.features.base_features` of the texts, optional)."""
        return self.predict_counted(texts, bases)[0]

    def predict_counted(
        self, texts: Sequence[str], bases: Sequence[Features | None] | None = None
    ) -> tuple[list[list[str]], int]:
        """:meth:`predict`, and how many sequences needed the constrained decoding."""
        bases = bases or [None] * len(texts)
        raw = [self._raw(t, b) for t, b in zip(texts, bases, strict=True)]
        # One vectorized strict decode of every sequence (per-sequence decoding costs more
        # than the CRF itself); a sequence that breaks BIOES is re-decoded under constraints
        # and the check resumes after it.
        tagset = TagSet.for_labels(self._entity_labels(), INTERNAL_SCHEME)
        first = constrained = 0
        while first < len(raw):
            try:
                decode_ids(*tagset.ids(raw[first:]), tagset)
                break
            except TagError as err:
                bad = first + err.row
                raw[bad] = self._constrained(texts[bad], bases[bad])
                constrained += 1
                first = bad + 1
        if self.scheme is INTERNAL_SCHEME:
            return [list(r) for r in raw], constrained
        spans = decode_many(raw, INTERNAL_SCHEME)
        tags = [encode(sp, len(r), self.scheme) for sp, r in zip(spans, raw, strict=True)]
        return tags, constrained

    def _entity_labels(self) -> list[str]:
        labels = self.__dict__.get("_labels_cache")
        if labels is None:
            parsed = (split_tag(t)[1] for t in self.tagger.labels())
            labels = [label for label in dict.fromkeys(parsed) if label is not None]
            self.__dict__["_labels_cache"] = labels
        return labels

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
        if not isinstance(obj, dict) or obj.get("format") != MODEL_FORMAT:
            raise ModelError(f"{source}: not a silkroad-news CRF model file")
        if obj.get("format_version") != MODEL_VERSION:
            raise ModelError(
                f"{source}: model format version {obj.get('format_version')!r}; this "
                f"silkroad-news reads version {MODEL_VERSION}: retrain the model"
            )
        try:
            schemes = {s.name: s for s in SCHEMES}
            scheme = schemes[obj["scheme"]]
            if obj["internal_scheme"] != INTERNAL_SCHEME.name:
                raise ModelError(f"{source}: the model was trained on {obj['internal_scheme']}")
            config = FeatureConfig.from_json(obj["features"], source)
            gaz = None if obj["gazetteer"] is None else Gazetteer.from_json(obj["gazetteer"])
            hyper = Hyperparameters(**obj["hyperparameters"])
            model = base64.b64decode(obj["crfsuite_model"], validate=True)
            if hashlib.sha256(model).hexdigest() != obj["crfsuite_model_sha256"]:
                raise ModelError(f"{source}: the crfsuite model does not match its SHA-256")
            tagger = cls(scheme, config, gaz, hyper, model, dict(obj["training"]))
            tagger.tagger  # noqa: B018 - open now, so a broken model fails here, not later
        except (KeyError, TypeError, binascii.Error) as err:
            raise ModelError(f"{source}: incomplete or damaged model file ({err!r})") from None
        except ValueError as err:  # crfsuite: "Invalid model"
            raise ModelError(f"{source}: crfsuite cannot read the model ({err})") from None
        return tagger

    @classmethod
    def load(cls, path: Path) -> CrfTagger:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise ModelError(f"{path}: model file not found") from None
        except IsADirectoryError:
            raise ModelError(f"{path}: is a folder, not a model file") from None
        try:
            obj = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
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

FeatureCache = dict[str, Features]


@dataclass(frozen=True)
class _Prepared:
    """Training items converted once, reused for every point of a grid."""

    items: list[Any]
    labels: list[list[str]]
    gazetteer: Gazetteer | None
    data: TaggedData
    config: FeatureConfig


def _bases(texts: Iterable[str], config: FeatureConfig, cache: FeatureCache | None) -> list:
    if cache is None:
        return [base_features(t, config) for t in texts]
    out = []
    for t in texts:
        rows = cache.get(t)
        if rows is None:
            rows = cache[t] = base_features(t, config)
        out.append(rows)
    return out


def _prepare(data: TaggedData, config: FeatureConfig, cache: FeatureCache | None) -> _Prepared:
    import pycrfsuite

    if not data.texts:
        raise SchemaError("no training sequences")
    spans = data.spans
    gaz = None
    gazetteers: list[Gazetteer | None] = [None] * len(data.texts)
    if config.gazetteer:
        gaz = Gazetteer.from_spans(zip(data.texts, spans, strict=True), config.gazetteer_min_length)
        gazetteers = jackknife_gazetteers(data.texts, spans, config)
    bases = _bases(data.texts, config, cache)
    items = [
        pycrfsuite.ItemSequence(add_gazetteer(rows, text, g))
        for text, rows, g in zip(data.texts, bases, gazetteers, strict=True)
    ]
    labels = [
        encode(sp, len(text), INTERNAL_SCHEME)
        for text, sp in zip(data.texts, data.spans, strict=True)
    ]
    return _Prepared(items, labels, gaz, data, config)


def _fit(prep: _Prepared, hyper: Hyperparameters) -> CrfTagger:
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
        model = Path(crf.modelfile.name).read_bytes()
    finally:
        crf.modelfile.cleanup()
    training = {
        "sequences": len(prep.data.texts),
        "characters": prep.data.characters,
        "gazetteer_entries": 0 if prep.gazetteer is None else len(prep.gazetteer),
    }
    return CrfTagger(prep.data.scheme, prep.config, prep.gazetteer, hyper, model, training)


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
) -> tuple[CrfTagger, dict[str, Any]]:
    """Train on ``train_data`` at every grid point, score on ``dev_data``, keep the first best.

    ``score`` maps the predicted dev tags to the selection figure (default :func:`span_f1`);
    ``fit_seconds``, if given, receives the training time of each point (kept out of the
    record, which must be the same on every run);
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
        for hyper in grid:
            started = time.perf_counter()
            tagger = _fit(prep, hyper)
            if fit_seconds is not None:
                fit_seconds.append(time.perf_counter() - started)
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
