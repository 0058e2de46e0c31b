"""Character features for the CRF taggers: window, character type, jieba words, gazetteer.

Contract
--------
* A sequence is a ``str``; position ``i`` is the code point ``text[i]`` (``𠮷`` is one), as in
  the ``ner`` config. Every function returns one feature list per character, so
  ``len(features) == len(text)``.
* Features read the **simplified view**: OpenCC ``t2s`` of the text, which keeps the length
  character by character (checked by :func:`silkroad_news.text.simplified_view`). A
  Traditional passage thus shares features with its Simplified twin. Should OpenCC ever change
  the length of a sequence, the features read the text as it is instead (never misaligned).
* Per position (``W`` = :attr:`FeatureConfig.window`):

  ======================= ==========================================================
  ``b``                   bias
  ``c<k>=<ch>``           characters at offsets -W..W (``\\x02``/``\\x03`` pad the ends)
  ``d<k>=<ab>``           bigrams starting at offsets -W..W-1
  ``o=<ch>``              the original character, when the simplified view differs
  ``t<k>=<T>``            character type at -1, 0, 1 and ``t=<TTT>`` the three together:
                          ``H`` Han, ``D`` digit, ``L`` Latin letter, ``P`` punctuation or
                          symbol, ``S`` space, ``O`` other
  ``w<k>=<BMES>``         position in the jieba word at -1, 0, 1 (B, M, E, S)
  ``wd=<word>``           the jieba word holding the character (empty for one-character
                          words)
  ``g=<BMES>-<TYPE>``     gazetteer: per entity type, leftmost-longest match of the
                          training entity strings of that type (several types may fire)
  ======================= ==========================================================

* jieba runs on the simplified view with its bundled dictionary only (it never downloads);
  its logging is silenced and it is initialized once per process (callers that see the same
  text many times, such as cross-validation, cache :func:`base_features` per text).
* The gazetteer is built from training data only (:meth:`Gazetteer.from_spans`), on the
  simplified view, from entity strings of at least :attr:`FeatureConfig.gazetteer_min_length`
  characters (single characters such as ``中`` would fire everywhere). While training, the
  features of each training sequence come from a gazetteer of the *other* training sequences
  (``gazetteer_folds``-fold jackknife, sequence ``n`` in fold ``n % folds``): with the full
  gazetteer every training entity would be found and the CRF would learn to trust the
  gazetteer completely, which it cannot on unseen text.

Changing any feature changes :data:`FEATURES_VERSION`; model files record it and refuse to
load under another version.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from ..schema import SchemaError
from ..text import jieba_tokenizer, simplified_view

#: Bump whenever a feature's definition changes: old models would read different features.
FEATURES_VERSION = 1

_BOS, _EOS = "\x02", "\x03"

Features = list[tuple[str, ...]]


@dataclass(frozen=True)
class FeatureConfig:
    """Which features a tagger uses; stored in model files."""

    window: int = 2
    bigrams: bool = True
    char_types: bool = True
    jieba: bool = True
    jieba_hmm: bool = False  # jieba's HMM finds unknown words, at 30 % of the speed
    gazetteer: bool = True
    gazetteer_min_length: int = 2
    gazetteer_folds: int = 5

    def to_json(self) -> dict[str, Any]:
        return {"version": FEATURES_VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, obj: Mapping[str, Any], where: str) -> FeatureConfig:
        if not isinstance(obj, Mapping) or obj.get("version") != FEATURES_VERSION:
            found = obj.get("version") if isinstance(obj, Mapping) else obj
            raise SchemaError(
                f"{where}: the model uses features version {found!r}; this silkroad-news "
                f"reads version {FEATURES_VERSION}: retrain the model"
            )
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(obj) - names - {"version"})
        missing = sorted(names - set(obj))
        if unknown or missing:
            raise SchemaError(
                f"{where}: feature config does not match this silkroad-news "
                f"(unknown {unknown}, missing {missing}): retrain the model"
            )
        return cls(**{k: v for k, v in obj.items() if k != "version"})


# --------------------------------------------------------------------------------------------
# Views and character types
# --------------------------------------------------------------------------------------------


def simplified(text: str) -> str:
    """The simplified view of ``text`` (same length), or ``text`` itself if OpenCC differs."""
    try:
        return simplified_view(text, "<sequence>")
    except SchemaError:
        return text


_TYPES: dict[str, str] = {}


def char_type(ch: str) -> str:
    """``H`` Han, ``D`` digit, ``L`` Latin letter, ``P`` punctuation/symbol, ``S`` space, ``O``."""
    t = _TYPES.get(ch)
    if t is None:
        t = _TYPES[ch] = _classify(ch)
    return t


def _classify(ch: str) -> str:
    if ch in (_BOS, _EOS):
        return "_"
    if ch.isdigit():
        return "D"
    name = unicodedata.name(ch, "")
    if name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")) or ch == "〇":
        return "H"
    if "LATIN" in name and ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    if unicodedata.category(ch)[0] in "PS":
        return "P"
    return "O"


# --------------------------------------------------------------------------------------------
# jieba
# --------------------------------------------------------------------------------------------


def warm_up() -> None:
    """Load jieba's dictionary now (it happens once per process, on first use)."""
    jieba_tokenizer()


def jieba_words(view: str, hmm: bool = False) -> tuple[str, ...]:
    """jieba's words of ``view``; they concatenate to ``view`` (checked)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        words = tuple(jieba_tokenizer().cut(view, HMM=hmm))
    if sum(map(len, words)) != len(view):
        raise ValueError(f"jieba lost characters of {view[:30]!r}: its words do not add up")
    return words


def word_positions(words: Iterable[str]) -> tuple[list[str], list[str]]:
    """Per character: its BMES position in its word, and the word (``""`` if one character)."""
    pos: list[str] = []
    word_of: list[str] = []
    for w in words:
        n = len(w)
        if n == 1:
            pos.append("S")
            word_of.append("")
        else:
            pos += ["B", *("M" * (n - 2)), "E"]
            word_of += [w] * n
    return pos, word_of


# --------------------------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gazetteer:
    """Entity strings per type (simplified view), matched leftmost-longest per type."""

    entries: Mapping[str, frozenset[str]]

    @classmethod
    def from_spans(
        cls,
        sequences: Iterable[tuple[str, Iterable[tuple[int, int, str]]]],
        min_length: int = 2,
    ) -> Gazetteer:
        """From ``(text, [(start, end, type), ...])`` pairs of training data."""
        entries: dict[str, set[str]] = {}
        for text, spans in sequences:
            view = simplified(text)
            for start, end, label in spans:
                if end - start >= min_length:
                    entries.setdefault(label, set()).add(view[start:end])
        return cls({k: frozenset(v) for k, v in sorted(entries.items())})

    def to_json(self) -> dict[str, list[str]]:
        return {k: sorted(v) for k, v in sorted(self.entries.items())}

    @classmethod
    def from_json(cls, obj: Mapping[str, Sequence[str]]) -> Gazetteer:
        return cls({k: frozenset(v) for k, v in obj.items()})

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    @property
    def _trie(self) -> dict[str, Any]:
        # Built lazily; a frozen dataclass caches it in __dict__ through object.__setattr__.
        trie = self.__dict__.get("_trie_cache")
        if trie is None:
            trie = {}
            for label, strings in self.entries.items():
                for s in strings:
                    node = trie
                    for ch in s:
                        node = node.setdefault(ch, {})
                    node.setdefault("", set()).add(label)
            object.__setattr__(self, "_trie_cache", trie)
        return trie

    def matches(self, view: str) -> list[tuple[int, int, str]]:
        """Per type, leftmost-longest non-overlapping matches; sorted by start, then type."""
        trie = self._trie
        free: dict[str, int] = {}  # per type: the first position not inside an earlier match
        found = []
        for i in range(len(view)):
            node = trie.get(view[i])
            if node is None:
                continue
            longest: dict[str, int] = {}
            j = i + 1
            while node is not None:
                for label in node.get("", ()):
                    longest[label] = j  # later (longer) matches overwrite shorter ones
                if j >= len(view):
                    break
                node = node.get(view[j])
                j += 1
            for label, end in sorted(longest.items()):
                if i >= free.get(label, 0):
                    found.append((i, end, label))
                    free[label] = end
        return found

    def features(self, view: str) -> list[list[str]]:
        """``g=<BMES>-<TYPE>`` features per position (empty lists where nothing matches)."""
        out: list[list[str]] = [[] for _ in view]
        for start, end, label in self.matches(view):
            if end - start == 1:
                out[start].append(f"g=S-{label}")
                continue
            out[start].append(f"g=B-{label}")
            for k in range(start + 1, end - 1):
                out[k].append(f"g=M-{label}")
            out[end - 1].append(f"g=E-{label}")
        return out


# --------------------------------------------------------------------------------------------
# Feature extraction
# --------------------------------------------------------------------------------------------


def base_features(text: str, config: FeatureConfig) -> Features:
    """Every feature except the gazetteer's, one tuple per character."""
    view = simplified(text)
    n = len(view)
    if n == 0:
        return []
    w = config.window
    padded = _BOS * w + view + _EOS * w
    cols: list[Sequence[str]] = [("b",) * n]
    # Columns are built with map(str.__add__, ...) (string joins at C speed, no Python frame
    # per character), then zipped into rows: several times faster than a per-character loop.
    for k in range(-w, w + 1):
        cols.append(list(map(f"c{k}=".__add__, padded[w + k : w + k + n])))
    if config.bigrams:
        pairs = list(map(str.__add__, padded[:-1], padded[1:]))  # pairs[j] = padded[j:j+2]
        for k in range(-w, w):
            cols.append(list(map(f"d{k}=".__add__, pairs[w + k : w + k + n])))
    if config.char_types:
        types = "_" + "".join(map(char_type, view)) + "_"
        cols.append(list(map("t-1=".__add__, types[0:n])))
        cols.append(list(map("t0=".__add__, types[1 : n + 1])))
        cols.append(list(map("t1=".__add__, types[2 : n + 2])))
        triples = map(str.__add__, map(str.__add__, types[0:n], types[1 : n + 1]), types[2:])
        cols.append(list(map("t=".__add__, triples)))
    if config.jieba:
        pos, word_of = word_positions(jieba_words(view, config.jieba_hmm))
        ps = "_" + "".join(pos) + "_"
        cols.append(list(map("w-1=".__add__, ps[0:n])))
        cols.append(list(map("w0=".__add__, ps[1 : n + 1])))
        cols.append(list(map("w1=".__add__, ps[2 : n + 2])))
        cols.append(list(map("wd=".__add__, word_of)))
    rows = list(zip(*cols, strict=True))
    if view != text:
        for i, (a, b) in enumerate(zip(text, view, strict=True)):
            if a != b:
                rows[i] = (*rows[i], "o=" + a)
    return rows


def add_gazetteer(rows: Features, text: str, gazetteer: Gazetteer | None) -> Features:
    """``rows`` with the gazetteer features of ``text`` appended (a new list)."""
    if gazetteer is None or not gazetteer.entries:
        return rows
    out = list(rows)
    for i, extra in enumerate(gazetteer.features(simplified(text))):
        if extra:
            out[i] = (*out[i], *extra)
    return out


def sequence_features(
    text: str, config: FeatureConfig, gazetteer: Gazetteer | None = None
) -> Features:
    """All features of one sequence, as the CRF reads them."""
    rows = base_features(text, config)
    return add_gazetteer(rows, text, gazetteer if config.gazetteer else None)


def jackknife_gazetteers(
    texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int, str]]], config: FeatureConfig
) -> list[Gazetteer | None]:
    """For each training sequence, the gazetteer of the training sequences of other folds."""
    if not config.gazetteer:
        return [None] * len(texts)
    k = max(1, config.gazetteer_folds)
    if k == 1:
        full = Gazetteer.from_spans(zip(texts, spans, strict=True), config.gazetteer_min_length)
        return [full] * len(texts)
    per_fold = [
        Gazetteer.from_spans(
            ((t, s) for n, (t, s) in enumerate(zip(texts, spans, strict=True)) if n % k != f),
            config.gazetteer_min_length,
        )
        for f in range(k)
    ]
    return [per_fold[n % k] for n in range(len(texts))]
