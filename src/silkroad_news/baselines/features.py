"""Character features for the CRF taggers: window, bigrams, character types, lexicon, gazetteer.

Contract
--------
* A sequence is a ``str``; position ``i`` is the code point ``text[i]`` (``𠮷`` is one), as in
  the ``ner`` config. Every function returns one attribute list per character, so
  ``len(features) == len(text)``. Attributes are UTF-8 ``bytes`` (what crfsuite stores; a
  ``str`` would be encoded again for every character of every sequence).
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
  ``t=<TTT>``             character types at -1, 0, 1: ``H`` Han, ``D`` digit, ``L``
                          Latin letter, ``P`` punctuation or symbol, ``S`` space, ``O``
                          other (``_`` beyond the ends)
  ``x<n>=<BME>``          lexicon (the lattice of dictionary words, as features): for each
                          length bucket ``n`` (:attr:`FeatureConfig.lexicon_buckets`, the
                          last one open-ended), which of "a word of that length begins (B),
                          continues (M), ends (E) here" hold, over every word of jieba's
                          dictionary that covers the character (absent when none does)
  ``n=<BME>-<TYPE>``      lexicon types: the longest dictionary name covering the character
                          (jieba's tags ``nr`` person, ``ns`` place, ``nt`` organization,
                          ``nz`` other proper name) and the character's position in it
  ``g=<BMES>-<TYPE>``     gazetteer: the longest training entity string covering the
                          character (the leftmost among equally long ones), the character's
                          position in it and each type the string was annotated with
  ``hh=<BMES>-<TYPE>``    name heads: the character is inside a head word of names of
                          ``TYPE`` (:data:`NAME_HEADS`: 口岸, 开发区, 公司, 洽谈会, 盆地, 县 ...),
                          at that position of it. Heads are matched as strings, without word
                          boundaries (会 in 社会, 区 in 开发区 count too): the CRF weighs them
  ``hl=<D>-<TYPE>``       name heads to the right: the nearest head of ``TYPE`` starts ``D``
                          characters later (bucketed 1, 2, 3, 4, 5-6, 7-9, 10+, at most
                          :attr:`FeatureConfig.heads_distance`) with no punctuation or space
                          between: a name's right edge, seen from its start
  ``w<k>=<BMES>``         (optional, ``jieba``) position in jieba's segmentation at -1, 0, 1
  ``wd=<word>``           (optional, ``jieba``) the jieba word holding the character
  ======================= ==========================================================

  Which groups are on by default was decided by ablation (``benchmarks/crf_public.py
  --ablation`` on Weibo NER, and 5-fold CV on our gold): see that script's docstring.
* Extraction is vectorized over many sequences at once (:func:`base_features_many`): every
  distinct character, bigram and type triple is turned into its attribute once, and columns are
  gathered with numpy; the dictionary and the gazetteer are matched with one Aho-Corasick pass
  (``ahocorasick_rs``) over all the sequences. The result is the same as sequence by sequence.
* The lexicon is jieba's bundled dictionary (words of two characters or more, with their
  part-of-speech tags), read once per process from the file jieba ships (no download, no
  segmentation needed). jieba's segmentation itself (``jieba``) is optional: it costs more
  than the CRF and did not help in the ablation.
* At prediction, a :class:`Vocabulary` (the attributes the model knows) leaves the others out:
  crfsuite ignores them anyway, so predictions are unchanged, and they are never built.
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

import gc
import threading
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from itertools import chain, compress, repeat
from typing import Any

import numpy as np

from ..schema import SchemaError, echo
from ..text import jieba_dictionary, jieba_tokenizer, simplified_view, to_simplified

#: Bump whenever a feature's definition changes: old models would read different features.
FEATURES_VERSION = 3

_BOS, _EOS = "\x02", "\x03"
#: Limits of the settings a model file may carry (a tampered file is refused, not obeyed).
MAX_WINDOW = 5
MAX_WORD_LENGTH = 32
MAX_FOLDS = 100

#: One attribute tuple per character.
Features = list[tuple[bytes, ...]]


@dataclass(frozen=True)
class FeatureConfig:
    """Which features a tagger uses; stored in model files (checked on construction)."""

    window: int = 1
    bias: bool = True
    bigrams: bool = True
    char_types: bool = True
    lexicon: bool = True
    lexicon_buckets: tuple[int, ...] = (2, 3, 4)
    lexicon_types: bool = True
    gazetteer: bool = True
    gazetteer_min_length: int = 2
    gazetteer_folds: int = 5
    heads: bool = True
    heads_distance: int = 8
    jieba: bool = False
    jieba_hmm: bool = False  # jieba's HMM finds unknown words, at 30 % of the speed

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in ("bool", bool) and not isinstance(value, bool):
                raise SchemaError(
                    f"feature setting {f.name!r} must be true or false, got {_short(value)}"
                )
        _check_int("window", self.window, 0, MAX_WINDOW)
        _check_int("gazetteer_min_length", self.gazetteer_min_length, 1, MAX_WORD_LENGTH)
        _check_int("gazetteer_folds", self.gazetteer_folds, 1, MAX_FOLDS)
        _check_int("heads_distance", self.heads_distance, 1, MAX_WORD_LENGTH)
        buckets = self.lexicon_buckets
        if not isinstance(buckets, tuple) or not 1 <= len(buckets) <= MAX_WORD_LENGTH:
            raise SchemaError(
                f"feature setting 'lexicon_buckets' must be a list of 1 to {MAX_WORD_LENGTH} "
                f"word lengths, got {_short(buckets)}"
            )
        for b in buckets:
            _check_int("lexicon_buckets", b, 2, MAX_WORD_LENGTH)
        if list(buckets) != sorted(set(buckets)):
            raise SchemaError(
                f"feature setting 'lexicon_buckets' must be increasing, got {list(buckets)}"
            )

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["lexicon_buckets"] = list(self.lexicon_buckets)
        return {"version": FEATURES_VERSION, **out}

    @classmethod
    def from_json(cls, obj: Mapping[str, Any], where: str) -> FeatureConfig:
        if not isinstance(obj, Mapping) or obj.get("version") != FEATURES_VERSION:
            found = obj.get("version") if isinstance(obj, Mapping) else obj
            raise SchemaError(
                f"{where}: the model uses features version {_short(found)}; this "
                f"silkroad-news reads version {FEATURES_VERSION}: retrain the model"
            )
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(obj) - names - {"version"})
        missing = sorted(names - set(obj))
        if unknown or missing:
            raise SchemaError(
                f"{where}: feature config does not match this silkroad-news "
                f"(unknown {_short(unknown)}, missing {missing}): retrain the model"
            )
        values = {k: v for k, v in obj.items() if k != "version"}
        if isinstance(values["lexicon_buckets"], list):
            values["lexicon_buckets"] = tuple(values["lexicon_buckets"])
        try:
            return cls(**values)
        except SchemaError as err:
            raise SchemaError(f"{where}: {err}") from None


#: The feature ablation: each row changes one setting of the default :class:`FeatureConfig`
#: (a group off, or an optional one on); ``benchmarks/crf_public.py --ablation`` and the
#: baselines' results report it.
FEATURE_ABLATIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("window +-2 (characters -2..2, bigrams -2..1)", {"window": 2}),
    ("without bigrams", {"bigrams": False}),
    ("without character types", {"char_types": False}),
    ("without lexicon BMES", {"lexicon": False}),
    ("without lexicon name types", {"lexicon_types": False}),
    ("without gazetteer type", {"gazetteer": False}),
    ("without name heads", {"heads": False}),
    ("with jieba segmentation", {"jieba": True}),
)


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _check_int(name: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SchemaError(
            f"feature setting {name!r} must be a whole number from {low} to {high}, "
            f"got {_short(value)}"
        )


# --------------------------------------------------------------------------------------------
# Views and character types
# --------------------------------------------------------------------------------------------


def simplified(text: str) -> str:
    """The simplified view of ``text`` (same length), or ``text`` itself if OpenCC differs."""
    try:
        return simplified_view(text, "<sequence>")
    except SchemaError:
        return text


def simplified_many(texts: Sequence[str]) -> list[str]:
    """:func:`simplified` of every text, converted in one OpenCC call when possible."""
    if len(texts) > 1 and not any("\n" in t for t in texts):
        # OpenCC's phrases never span a line break, so this equals text by text when every
        # line keeps its length (checked with numpy: a per-character loop costs more than
        # OpenCC itself); otherwise text by text, where a changed length falls back.
        joined = "\n".join(texts)
        view = to_simplified(joined)
        if len(view) == len(joined):
            breaks = np.flatnonzero(_codes(joined) == 10)
            if np.array_equal(breaks, np.flatnonzero(_codes(view) == 10)):
                return view.split("\n")
    return [simplified(t) for t in texts]


_TYPES: dict[str, str] = {}
_TYPE_LETTERS = "_HDLPSO"


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


def _attr_text(ch: str) -> bytes:
    """A character as it appears inside an attribute (crfsuite keys are C strings)."""
    got = _ATTR_TEXT.get(ch)
    if got is None:
        got = _ATTR_TEXT[ch] = b"\\x00" if ch == "\x00" else ch.encode("utf-8", "surrogatepass")
    return got


_ATTR_TEXT: dict[str, bytes] = {}


def _type_index(ch: str) -> int:
    """The position of :func:`char_type` in :data:`_TYPE_LETTERS` (cached per character)."""
    got = _TYPE_INDEX.get(ch)
    if got is None:
        got = _TYPE_INDEX[ch] = _TYPE_LETTERS.index(char_type(ch))
    return got


_TYPE_INDEX: dict[str, int] = {}


# --------------------------------------------------------------------------------------------
# jieba: its dictionary (the lexicon) and, optionally, its segmentation
# --------------------------------------------------------------------------------------------

_LOCK = threading.Lock()
_lexicon: Lexicon | None = None


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


#: jieba's part-of-speech tags of names, and the type the lexicon gives their words.
NAME_TAGS = {"nr": "nr", "nrt": "nr", "nrfg": "nr", "ns": "ns", "nt": "nt", "nz": "nz"}


def lexicon() -> Lexicon:
    """jieba's dictionary as a :class:`Lexicon`, built once per process (~1 s)."""
    global _lexicon
    if _lexicon is None:
        with _LOCK:
            if _lexicon is None:
                _lexicon = Lexicon(jieba_dictionary())
    return _lexicon


def warm_up(config: FeatureConfig | None = None) -> None:
    """Load what ``config``'s features need now (once per process) rather than on first use."""
    config = config or FeatureConfig()
    if config.lexicon or config.lexicon_types:
        lexicon()
    if config.jieba:
        jieba_tokenizer()


# --------------------------------------------------------------------------------------------
# Matching many strings at once
# --------------------------------------------------------------------------------------------


class _Matcher:
    """Every occurrence of a set of strings in a batch of views (one Aho-Corasick pass)."""

    def __init__(self, strings: Sequence[str]) -> None:
        self.strings = list(strings)
        self._automaton: Any = None
        if self.strings:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(self.strings)

    def find(self, joined: str, starts: np.ndarray) -> tuple[np.ndarray, ...]:
        """``(pattern, start, end)`` of every (overlapping) match in ``joined`` = the views
        joined by ``\\n``; offsets are converted to the views' concatenation (``starts``: the
        offset of each view in ``joined``). Patterns never contain ``\\n``."""
        if self._automaton is None:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        found = self._automaton.find_matches_as_indexes(joined, overlapping=True)
        flat = chain.from_iterable(found)  # np.array on a list of tuples is slower
        arr = np.fromiter(flat, dtype=np.int64, count=3 * len(found)).reshape(-1, 3)
        # every "\n" before a match shifts it by one: subtract the view index
        view = np.searchsorted(starts, arr[:, 1], side="right") - 1
        return arr[:, 0], arr[:, 1] - view, arr[:, 2] - view


def _keep(word: str) -> bool:
    return len(word) >= 2 and not any(ch.isspace() or ch < " " for ch in word)


class Lexicon:
    """Dictionary words (two characters or more) with their name type, if any (``nr`` person,
    ``ns`` place, ``nt`` organization, ``nz`` other proper name: :data:`NAME_TAGS`), and the
    lattice features they give."""

    def __init__(self, words: Iterable[tuple[str, str]]) -> None:
        kinds: dict[str, str] = {}
        for word, tag in words:
            if _keep(word):
                kinds.setdefault(word, NAME_TAGS.get(tag, ""))
        strings = sorted(kinds)
        self._matcher = _Matcher(strings)
        self.types = sorted(set(NAME_TAGS.values()))
        index = {t: i for i, t in enumerate(self.types)}
        self.kind = np.array([index.get(kinds[w], -1) for w in strings], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.kind)

    def find(self, joined: str, starts: np.ndarray) -> tuple[np.ndarray, ...]:
        """``(pattern, start, end)`` of every dictionary word in the views (see _Matcher)."""
        return self._matcher.find(joined, starts)

    def typed(self, found: tuple[np.ndarray, ...], n: int) -> tuple[np.ndarray, np.ndarray]:
        """Per position, the name type of the longest name covering it and the position in
        that name (``B``, ``M``, ``E``) as a code ``3 * type + position``, or -1."""
        pattern, start, end = found
        named = self.kind[pattern] >= 0
        covered = _longest_cover(start[named], end[named], n)
        code = np.full(n, -1, dtype=np.int64)
        if covered is not None:
            at, chosen = covered
            s, e = start[named][chosen], end[named][chosen]
            where = np.where(at == s, 0, np.where(at == e - 1, 2, 1))
            code[at] = 3 * self.kind[pattern[named][chosen]] + where
        return code, np.array([f"{p}-{t}".encode() for t in self.types for p in "BME"], object)

    def flags(
        self, found: tuple[np.ndarray, ...], n: int, buckets: Sequence[int]
    ) -> list[np.ndarray]:
        """Per bucket, a code per character: bit 1 a word begins, 2 continues, 4 ends here."""
        _pattern, start, end = found
        length = end - start
        # bucket k holds lengths buckets[k] .. buckets[k+1]-1 (the last: and longer)
        which = np.searchsorted(np.asarray(buckets), length, side="right") - 1
        out = []
        for k in range(len(buckets)):
            sel = which == k
            s, e = start[sel], end[sel]
            code = np.zeros(n, dtype=np.uint8)
            code[s] |= 1
            code[e - 1] |= 4
            code[_inner(s, e)] |= 2
            out.append(code)
        return out


def _inner(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The positions strictly inside each ``[start, end)`` span, concatenated."""
    count = np.maximum(end - start - 2, 0)
    total = int(count.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    first = np.repeat(start + 1, count)
    within = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    return first + within


def _longest_cover(
    start: np.ndarray, end: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """The positions covered by some span, and for each the index of the longest span
    covering it (the leftmost among equally long ones)."""
    if len(start) == 0:
        return None
    order = np.lexsort((-start, end - start))  # rank: longer higher, then further left
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    pos, owner = _covered(start, end)
    best = np.full(n, -1, dtype=np.int64)
    np.maximum.at(best, pos, rank[owner])
    at = np.flatnonzero(best >= 0)
    return at, order[best[at]]


def _covered(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every position of each span ``[start, end)``, and the index of the span holding it."""
    count = end - start
    total = int(count.sum())
    owner = np.repeat(np.arange(len(start)), count)
    within = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(start, count) + within, owner


# --------------------------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------------------------


#: The longest gazetteer entry: building the Aho-Corasick automaton takes time quadratic in
#: an entry's length (0.3 s at 3,000 characters, minutes at 100,000), and no entity name is
#: longer. Longer training entities are no entries; a model file listing one is refused.
GAZETTEER_MAX_LENGTH = 200


@dataclass(frozen=True)
class Gazetteer:
    """Entity strings (simplified view) and the types each was annotated with."""

    entries: Mapping[str, frozenset[str]]  # type -> strings

    @classmethod
    def from_spans(
        cls,
        sequences: Iterable[tuple[str, Iterable[tuple[int, int, str]]]],
        min_length: int = 2,
    ) -> Gazetteer:
        """From ``(text, [(start, end, type), ...])`` pairs of training data."""
        pairs = list(sequences)
        views = simplified_many([text for text, _ in pairs])
        entries: dict[str, set[str]] = {}
        for view, (_, spans) in zip(views, pairs, strict=True):
            for start, end, label in spans:
                if min_length <= end - start <= GAZETTEER_MAX_LENGTH:
                    entries.setdefault(label, set()).add(view[start:end])
        return cls({k: frozenset(v) for k, v in sorted(entries.items())})

    def to_json(self) -> dict[str, list[str]]:
        return {k: sorted(v) for k, v in sorted(self.entries.items())}

    @classmethod
    def from_json(cls, obj: Any, where: str = "<gazetteer>") -> Gazetteer:
        if not isinstance(obj, Mapping) or not all(
            isinstance(k, str)
            and k
            and isinstance(v, list)
            and all(isinstance(s, str) and s for s in v)
            for k, v in obj.items()
        ):
            raise SchemaError(
                f"{where}: the gazetteer must map each type to a list of non-empty strings"
            )
        for label, strings in obj.items():
            for s in strings:
                if len(s) > GAZETTEER_MAX_LENGTH:
                    raise SchemaError(
                        f"{where}: type {echo(label)}: an entry of {len(s)} characters "
                        f"({echo(s, 20)}); at most {GAZETTEER_MAX_LENGTH}"
                    )
        return cls({k: frozenset(v) for k, v in obj.items()})

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def _compiled(self) -> tuple[_Matcher, list[tuple[str, ...]]]:
        # Built lazily; a frozen dataclass caches it in __dict__ through object.__setattr__.
        compiled = self.__dict__.get("_compiled_cache")
        if compiled is None:
            types: dict[str, set[str]] = {}
            for label, strings in self.entries.items():
                for s in strings:
                    if "\n" not in s:
                        types.setdefault(s, set()).add(label)
            strings = sorted(types)
            compiled = (_Matcher(strings), [tuple(sorted(types[s])) for s in strings])
            object.__setattr__(self, "_compiled_cache", compiled)
        return compiled

    def longest(self, views: Sequence[str]) -> list[list[tuple[int, int, tuple[str, ...]]]]:
        """Per view, per position covered by an entry: ``(position, start, types)`` of the
        longest entry covering it (the leftmost among equally long ones)."""
        joined, starts, n = _join(views)
        covered = self._cover(joined, starts, n)
        out: list[list[tuple[int, int, tuple[str, ...]]]] = [[] for _ in views]
        if covered is None:
            return out
        pos, start, _, types = covered
        offsets = np.cumsum([0, *map(len, views)])
        view = (np.searchsorted(offsets, pos, side="right") - 1).tolist()
        base = offsets.tolist()
        for v, p, s, t in zip(view, pos.tolist(), start.tolist(), types, strict=True):
            out[v].append((p - base[v], s - base[v], t))
        return out

    def _cover(
        self, joined: str, starts: np.ndarray, n: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[str, ...]]] | None:
        """Covered positions with the start, end and types of their longest covering entry."""
        matcher, types = self._compiled()
        pattern, start, end = matcher.find(joined, starts)
        covered = _longest_cover(start, end, n)
        if covered is None:
            return None
        at, chosen = covered
        return at, start[chosen], end[chosen], [types[p] for p in pattern[chosen].tolist()]

    def columns(
        self, joined: str, starts: np.ndarray, n: int, vocabulary: Vocabulary | None = None
    ) -> list[_Column]:
        """The ``g=`` attributes as columns: one per type an entry has (most have one)."""
        covered = self._cover(joined, starts, n)
        if covered is None:
            return []
        pos, start, end, types = covered
        rel = pos - start
        last = end - start - 1
        letter = np.where(last == 0, 3, np.where(rel == 0, 0, np.where(rel == last, 2, 1)))
        # one key per distinct (position letter, types): few, whatever the text's length
        kinds: dict[tuple[int, tuple[str, ...]], int] = {}
        key = np.fromiter(
            (kinds.setdefault(k, len(kinds)) for k in zip(letter.tolist(), types, strict=True)),
            dtype=np.int64,
            count=len(types),
        )
        width = max(len(t) for _, t in kinds)
        out = []
        for j in range(width):
            table = _table(
                f"g={'BMES'[code]}-{t[j]}".encode() if j < len(t) else None for code, t in kinds
            )
            index = np.full(n, -1, dtype=np.int64)
            index[pos] = key
            has = np.fromiter((j < len(t) for _, t in kinds), dtype=bool, count=len(kinds))
            index[pos[~has[key]]] = -1
            out.append(_known((table, index), vocabulary))
        return out


# --------------------------------------------------------------------------------------------
# Name heads
# --------------------------------------------------------------------------------------------

#: Head nouns that end names, per entity type: the kinds of name the annotation guidelines'
#: type definitions list (``annotations/guidelines.md`` section 1: "ports and border crossings,
#: airports, stations, economic, bonded, free-trade and development zones and parks, markets,
#: roads, railways, pipelines" for FAC, and so on), written as the Chinese nouns that name
#: them, with the common administrative units for GPE. A name's head is what tells a zone from
#: the city it is named after (喀什 | 喀什经济开发区) and how far the name reaches; a CRF window
#: of one or two characters cannot see it. A word may head names of several types (中心).
NAME_HEADS: Mapping[str, str] = {  # type -> its head words, separated by spaces
    "FAC": (
        "口岸 港 港口 港区 陆港 码头 机场 站 车站 枢纽 开发区 高新区 保税区 综保区 试验区 "
        "自贸区 合作区 贸易区 示范区 片区 新区 园 园区 产业园 工业园 市场 公路 高速 国道 "
        "铁路 管道 管线 线 大桥 隧道 中心 城 基地"
    ),
    "ORG": (
        "公司 集团 银行 局 厅 委 委员会 管委会 部 院 办公室 协会 商会 联盟 政府 日报 报 网 "
        "电视台 中心 团 组织"
    ),
    "EVENT": (
        "会 大会 博览会 交易会 洽谈会 论坛 峰会 活动 发布会 对接会 推介会 展会 展览会 年会 节"
    ),
    "LOC": "盆地 山 山脉 河 湖 海 沙漠 高原 平原 草原 走廊",
    "GPE": "省 市 县 州 区 地区 自治区 自治州 乡 镇 村 国",
}

#: ``hl=`` distance buckets: distance ``d`` (1 ..) goes to the last bucket whose start is <= d.
_HEAD_BUCKETS = np.array([1, 2, 3, 4, 5, 7, 10], dtype=np.int64)
_heads: tuple[_Matcher, np.ndarray, np.ndarray, list[str]] | None = None


def _head_matcher() -> tuple[_Matcher, np.ndarray, np.ndarray, list[str]]:
    """The heads' matcher, and per pattern its types as a slice ``[first, last)`` of a flat
    array of type ids (built once per process)."""
    global _heads
    if _heads is None:
        with _LOCK:
            if _heads is None:
                types = sorted(NAME_HEADS)
                of: dict[str, list[int]] = {}
                for k, label in enumerate(types):
                    for word in NAME_HEADS[label].split():
                        of.setdefault(to_simplified(word), []).append(k)
                words = sorted(of)
                flat = np.array([k for w in words for k in of[w]], dtype=np.int64)
                first = np.cumsum([0, *(len(of[w]) for w in words)]).astype(np.int64)
                _heads = (_Matcher(words), flat, first, types)
    return _heads


def _head_columns(
    batch: _Batch, distance: int, breaks: np.ndarray, vocabulary: Vocabulary | None
) -> list[_Column]:
    """The ``hh=`` and ``hl=`` attributes (module doc) as columns. ``breaks`` marks the
    punctuation and spaces of the views' concatenation: a name does not reach across one."""
    matcher, flat, first, types = _head_matcher()
    pattern, start, end = matcher.find(batch.joined, batch.starts)
    n = batch.n
    if not len(pattern):
        return []
    # one row per (match, type)
    count = first[pattern + 1] - first[pattern]
    kind = flat[np.repeat(first[pattern], count) + _ranks(count)]
    start, end = np.repeat(start, count), np.repeat(end, count)
    n_types = len(types)
    # inside the head: its position letter (B, M, E; S for a single character)
    pos, owner = _covered(start, end)
    rel, last = pos - start[owner], end[owner] - start[owner] - 1
    letter = np.where(last == 0, 3, np.where(rel == 0, 0, np.where(rel == last, 2, 1)))
    inside = (pos, letter * n_types + kind[owner])
    # left of the head: back to the view's start, a break, or ``distance`` characters
    view_start = np.repeat(np.cumsum(batch.lengths) - batch.lengths, batch.lengths)
    barrier = np.where(breaks, np.arange(n), view_start - 1)
    limit = np.maximum.accumulate(barrier)  # last position no name crosses, at or before i
    # ``limit`` already stops at the view's start; a head that opens its view reaches nothing
    # (and ``start - 1`` would read the previous view)
    reach = np.where(
        start > view_start[start], np.minimum(start - 1 - limit[start - 1], distance), 0
    )
    d = _ranks(reach) + 1
    at = np.repeat(start, reach) - d
    left_kind = np.repeat(kind, reach)
    # the nearest head of each type only: sort by (position, type, distance), keep the first
    order = np.lexsort((d, left_kind, at))
    at, left_kind, d = at[order], left_kind[order], d[order]
    keep = np.ones(len(at), dtype=bool)
    keep[1:] = (at[1:] != at[:-1]) | (left_kind[1:] != left_kind[:-1])
    bucket = np.searchsorted(_HEAD_BUCKETS, d[keep], side="right") - 1
    offset = 4 * n_types
    left = (at[keep], offset + bucket * n_types + left_kind[keep])
    table = _table(
        [f"hh={letter}-{t}".encode() for letter in "BMES" for t in types]
        + [f"hl={b}-{t}".encode() for b in _HEAD_BUCKETS.tolist() for t in types]
    )
    where = np.concatenate((inside[0], left[0]))
    what = np.concatenate((inside[1], left[1]))
    # distinct attributes per position, then one column per rank within the position
    code = np.unique(where * len(table) + what)
    where, what = code // len(table), code % len(table)
    rank = _ranks(np.bincount(where, minlength=n))
    out = []
    for j in range(int(rank.max()) + 1 if len(rank) else 0):
        sel = rank == j
        index = np.full(n, -1, dtype=np.int64)
        index[where[sel]] = what[sel]
        out.append(_known((table, index), vocabulary))
    return out


def _ranks(count: np.ndarray) -> np.ndarray:
    """``0 .. count[k]-1`` for every ``k``, concatenated."""
    total = int(count.sum())
    return np.arange(total) - np.repeat(np.cumsum(count) - count, count)


# --------------------------------------------------------------------------------------------
# Feature extraction
# --------------------------------------------------------------------------------------------


def _join(views: Sequence[str]) -> tuple[str, np.ndarray, int]:
    """The views joined by ``\\n``, each one's offset in that string, and their total length."""
    lengths = np.fromiter(map(len, views), dtype=np.int64, count=len(views))
    starts = np.cumsum(lengths + 1) - (lengths + 1)
    return "\n".join(views), starts, int(lengths.sum())


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _table(strings: Iterable[bytes | None]) -> np.ndarray:
    # fromiter keeps the objects as they are (a list assigned to an object array would go
    # through a fixed-width bytes array first)
    return np.fromiter(strings, dtype=object)


_LEXICON_LETTERS = ["", "B", "M", "BM", "E", "BE", "ME", "BME"]


class Vocabulary:
    """The attributes a trained model knows, also grouped by feature name (``c0=``) so that
    extraction builds only the attributes the model can use."""

    def __init__(self, attributes: Iterable[bytes]) -> None:
        self.attributes = frozenset(attributes)
        families: dict[bytes, set[bytes]] = {}
        for attribute in self.attributes:
            name, sep, value = attribute.partition(b"=")
            if sep:
                families.setdefault(name + sep, set()).add(value)
        self.families = {k: frozenset(v) for k, v in families.items()}

    def __contains__(self, attribute: object) -> bool:
        return attribute in self.attributes

    def __len__(self) -> int:
        return len(self.attributes)

    def presence(self, names: tuple[bytes, ...]) -> dict[bytes, int]:
        """Per value, a bit mask of the ``names`` it is known under (bit ``j``: ``names[j]``):
        one look-up per distinct value instead of one per name (cached per ``names``)."""
        cache = self.__dict__.setdefault("_presence", {})
        found = cache.get(names)
        if found is None:
            found = {}
            for j, name in enumerate(names):
                for value in self.families.get(name, ()):
                    found[value] = found.get(value, 0) | 1 << j
            cache[names] = found
        return found


#: A column of attributes: a table of distinct attributes and, per position, an index into
#: it or -1 where the column has nothing (or nothing the model knows).
_Column = tuple[np.ndarray, np.ndarray]


def _columns(
    names: Sequence[bytes],
    values: Sequence[bytes],
    indexes: Sequence[np.ndarray],
    vocabulary: Vocabulary | None,
) -> list[_Column]:
    """The columns ``names[j] + values[indexes[j]]``; with a vocabulary, only the attributes it
    knows are built and the others are left out (index -1)."""
    if vocabulary is None:
        return [
            (_table(map(name.__add__, values)), index)
            for name, index in zip(names, indexes, strict=True)
        ]
    presence = vocabulary.presence(tuple(names))
    bits = np.fromiter(map(presence.get, values, repeat(0)), dtype=np.int64, count=len(values))
    out = []
    for j, (name, index) in enumerate(zip(names, indexes, strict=True)):
        mask = (bits >> j & 1).astype(bool)
        table = np.empty(len(values), dtype=object)  # None where unknown
        table[mask] = _table(map(name.__add__, compress(values, mask.tolist())))
        out.append((table, np.where(mask[index], index, -1)))
    return out


def _known(column: _Column, vocabulary: Vocabulary | None) -> _Column:
    """A column of ready attributes, without those the vocabulary does not know."""
    table, index = column
    if vocabulary is None or not len(table):
        return column
    mask = np.fromiter(map(vocabulary.__contains__, table.tolist()), bool, len(table))
    return table, np.where((index >= 0) & mask[np.maximum(index, 0)], index, -1)


@dataclass(frozen=True)
class _Batch:
    """Many sequences ready for extraction: their views, lengths and the joined views."""

    texts: list[str]
    views: list[str]
    lengths: np.ndarray
    n: int
    joined: str  # the views joined by "\n" (matching)
    starts: np.ndarray  # each view's offset in ``joined``

    @classmethod
    def of(cls, texts: Sequence[str]) -> _Batch:
        texts = list(texts)
        views = simplified_many(texts)
        joined, starts, n = _join(views)
        lengths = np.fromiter(map(len, views), dtype=np.int64, count=len(views))
        return cls(texts, views, lengths, n, joined, starts)


def extract(
    texts: Sequence[str],
    config: FeatureConfig,
    gazetteer: Gazetteer | None = None,
    vocabulary: Vocabulary | None = None,
) -> list[Features]:
    """Every feature of many sequences (the gazetteer's too, given one and enabled), in one
    vectorized pass.

    With a ``vocabulary`` (the attributes a trained model knows), attributes outside it are
    left out: crfsuite would ignore them anyway, so the predictions are the same, and neither
    their strings, nor the conversion to crfsuite items, nor crfsuite's look-ups are paid for.
    """
    with gc_paused():
        batch = _Batch.of(texts)
        if batch.n == 0:
            return [[] for _ in batch.texts]
        columns = _base_columns(batch, config, vocabulary)
        if gazetteer is not None and config.gazetteer:
            columns += gazetteer.columns(batch.joined, batch.starts, batch.n, vocabulary)
        return _split(_rows(columns, batch.n), batch.lengths)


def base_features_many(
    texts: Sequence[str], config: FeatureConfig, vocabulary: Vocabulary | None = None
) -> list[Features]:
    """Every feature except the gazetteer's, for many sequences in one vectorized pass."""
    return extract(texts, config, None, vocabulary)


def _base_columns(batch: _Batch, config: FeatureConfig, vocabulary: Vocabulary | None) -> list:
    views, lengths, n = batch.views, batch.lengths, batch.n
    w = config.window
    padded = "".join(_BOS * w + v + _EOS * w for v in views)
    codes = _codes(padded)
    # position in ``padded`` of every real character, in order
    first = np.cumsum(lengths + 2 * w) - (lengths + 2 * w) + w
    real = np.repeat(first, lengths) + (
        np.arange(n) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )
    uniq, inv = np.unique(codes, return_inverse=True)
    inv = inv.reshape(-1)
    distinct = uniq.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
    chars = list(map(_attr_text, distinct))
    columns: list[_Column] = []
    if config.bias:
        columns.append(_known((_table([b"b"]), np.zeros(n, dtype=np.int64)), vocabulary))
    offsets = range(-w, w + 1)
    names = [f"c{k}=".encode() for k in offsets]
    columns += _columns(names, chars, [inv[real + k] for k in offsets], vocabulary)
    if config.bigrams and w > 0:
        # every distinct bigram once (a pair of character ids), then its column per offset
        v = len(uniq)
        pair = inv[:-1].astype(np.int64) * v + inv[1:]
        puniq, pinv = np.unique(pair, return_inverse=True)
        pinv = pinv.reshape(-1)
        pairs = list(map(bytes.__add__, map(chars.__getitem__, (puniq // v).tolist()),
                         map(chars.__getitem__, (puniq % v).tolist())))  # fmt: skip
        offsets = range(-w, w)
        names = [f"d{k}=".encode() for k in offsets]
        columns += _columns(names, pairs, [pinv[real + k] for k in offsets], vocabulary)
    if config.char_types:
        t = np.fromiter(map(_type_index, distinct), dtype=np.int64, count=len(distinct))[inv]
        letters = [a.encode() for a in _TYPE_LETTERS]
        k = len(_TYPE_LETTERS)
        triples = [a + b + c for a in letters for b in letters for c in letters]
        triple = (t[real - 1] * k + t[real]) * k + t[real + 1]
        columns += _columns([b"t="], triples, [triple], vocabulary)
    if config.lexicon or config.lexicon_types:
        found = lexicon().find(batch.joined, batch.starts)
    if config.lexicon:
        buckets = config.lexicon_buckets
        codes_per_bucket = lexicon().flags(found, n, buckets)
        letters = [s.encode() for s in _LEXICON_LETTERS]
        indexes = [np.where(code > 0, code.astype(np.int64), -1) for code in codes_per_bucket]
        names = [f"x{b}=".encode() for b in buckets]
        columns += _columns(names, letters, indexes, vocabulary)
    if config.lexicon_types:
        code, values = lexicon().typed(found, n)
        columns += _columns([b"n="], values.tolist(), [code], vocabulary)
    if config.heads:
        if not config.char_types:
            t = np.fromiter(map(_type_index, distinct), dtype=np.int64, count=len(distinct))[inv]
        breaks = np.isin(t[real], (_TYPE_LETTERS.index("P"), _TYPE_LETTERS.index("S")))
        columns += _head_columns(batch, config.heads_distance, breaks, vocabulary)
    if config.jieba:
        columns.extend(_known(c, vocabulary) for c in _jieba_columns(views, config.jieba_hmm))
    text_codes, view_codes = _codes("".join(batch.texts)), _codes("".join(views))
    changed = np.flatnonzero(text_codes != view_codes)
    if len(changed):
        index = np.full(n, -1, dtype=np.int64)
        index[changed] = np.arange(len(changed))
        originals = [_attr_text(chr(c)) for c in text_codes[changed].tolist()]
        columns += _columns([b"o="], originals, [index], vocabulary)
    return columns


def _rows(columns: Sequence[_Column], n: int) -> Features:
    """Per position, the attributes of every column that has one there (in column order).

    Indices are laid out as an ``n`` x columns integer grid into one table of every column's
    attributes; the attributes kept are gathered in one go and cut into rows. Python objects
    are touched once per attribute kept (numpy's 2-D ``tolist`` would make a view per row).
    """
    tables = [table for table, _ in columns]
    offsets = np.cumsum([0, *map(len, tables)])
    every = np.concatenate(tables) if tables else np.zeros(0, dtype=object)
    grid = np.empty((n, len(columns)), dtype=np.int64)
    for j, (_, index) in enumerate(columns):
        grid[:, j] = np.where(index >= 0, index + offsets[j], -1)
    keep = grid >= 0
    flat = tuple(every[grid[keep]].tolist())
    ends = np.cumsum(keep.sum(axis=1))
    starts = np.concatenate(([0], ends[:-1]))
    with gc_paused():
        return list(map(flat.__getitem__, map(slice, starts.tolist(), ends.tolist())))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many rows are made (restored after).

    Rows are tuples of bytes: they can hold no reference cycle, and the collector stops
    tracking them the first time it sees them. Made by the hundred thousand with the
    collector running, its repeated passes over every object made so far cost more than the
    rows themselves.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _split(rows: Features, lengths: np.ndarray) -> list[Features]:
    ends = np.cumsum(lengths)
    return list(map(rows.__getitem__, map(slice, (ends - lengths).tolist(), ends.tolist())))


def _jieba_columns(views: Sequence[str], hmm: bool) -> list[_Column]:
    """jieba's segmentation: position in the word at -1, 0, 1 and the word itself."""
    positions: list[str] = []
    words: list[str] = []
    for view in views:
        pos, word_of = word_positions(jieba_words(view, hmm))
        positions.append("_" + "".join(pos) + "_")
        words += word_of
    out: list[_Column] = []
    for k in (-1, 0, 1):
        values = [f"w{k}={ps[i + 1 + k]}".encode() for ps in positions for i in range(len(ps) - 2)]
        out.append((_table(values), np.arange(len(values))))
    out.append((_table(f"wd={w}".encode() for w in words), np.arange(len(words))))
    return out


def base_features(text: str, config: FeatureConfig) -> Features:
    """Every feature except the gazetteer's, one attribute tuple per character."""
    return base_features_many([text], config)[0]


def add_gazetteer_many(
    rows: Sequence[Features],
    texts: Sequence[str],
    gazetteer: Gazetteer | None,
    vocabulary: Vocabulary | None = None,
) -> list[Features]:
    """``rows`` (base features, e.g. cached) with the gazetteer attributes of ``texts``
    appended (within ``vocabulary``, given one). The rows given are not changed: the rows that
    receive attributes are new tuples."""
    if gazetteer is None or not gazetteer.entries or not texts:
        return list(rows)
    batch = _Batch.of(texts)
    flat = [row for seq in rows for row in seq]
    if len(flat) != batch.n:
        raise ValueError("the feature rows do not match the texts")
    columns = gazetteer.columns(batch.joined, batch.starts, batch.n, vocabulary)
    if columns:
        extra = _rows(columns, batch.n)
        for p in np.flatnonzero(np.any([index >= 0 for _, index in columns], axis=0)).tolist():
            flat[p] = flat[p] + extra[p]
    return _split(flat, batch.lengths)


def add_gazetteer(rows: Features, text: str, gazetteer: Gazetteer | None) -> Features:
    """``rows`` with the gazetteer features of ``text`` appended (a new list)."""
    return add_gazetteer_many([rows], [text], gazetteer)[0]


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
