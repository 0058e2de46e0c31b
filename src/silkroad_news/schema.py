"""The single source of truth for SilkRoad-News data.

Every label set, record shape and offset convention lives here; the corpus builder, the numbers
recognizer, the Label Studio config, the Hugging Face ``Features``, the submission validator and
the documentation tables all derive from these definitions and never restate them.

Offset convention (enforced by :func:`check_span`): Python ``str`` offsets (code points),
``start`` inclusive, ``end`` exclusive, into the text the record belongs to. A character outside
the BMP such as ``𠮷`` counts as one position, as in Python and in Label Studio's ``labels``
results.

The benchmark's registry lives here too: the tasks, the splits and folds, the evaluation
protocols and where every config's data lives (:func:`data_path`). Every module reads them
from here.

>>> data_path("ner", "test").as_posix()
'splits/ner/test.parquet'
>>> [config_splits(c) for c in ("documents", "claims")]
[('full',), ('train', 'validation', 'test')]
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: 2.0: units are codes of the unit inventory (``units``), claims carry range bounds, and the
#: number-mention layer (:class:`NumberMention`) is a record of its own.
SCHEMA_VERSION = "2.0"


class SchemaError(ValueError):
    """A record breaks the schema; the message names the record and the field."""


class StrEnum(enum.StrEnum):
    """An enum whose values are its JSON form; ``str(x)`` gives the value."""

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


# --------------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------------


class Script(StrEnum):
    HANS = "Hans"
    HANT = "Hant"


class PassageType(StrEnum):
    TITLE = "title"
    BYLINE = "byline"  # publication line: date, source, author
    HEADLINE = "headline"  # section heading or the headline of a digest item
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    EDITOR_NOTE = "editor_note"  # editor line, original-title line


class ChangeKind(StrEnum):
    DROP = "drop"  # content removed: page chrome, image ids, crawler footer
    REPAIR = "repair"  # encoding damage replaced by the reviewed reading
    GLOSS = "gloss"  # pinyin gloss removed after the character it glosses
    WHITESPACE = "whitespace"  # separators normalized: blank lines, CRLF, BOM, trailing space
    FLAG = "flag"  # left as is but marked: suspected damage with no evidence to repair it


@dataclass(frozen=True)
class Change:
    """One edit from raw to clean text. Raw offsets are code points into the decoded raw file."""

    raw_start: int
    raw_end: int
    raw_text: str
    clean_start: int
    clean_end: int
    replacement: str
    kind: ChangeKind
    reason: str


@dataclass(frozen=True)
class Passage:
    id: str  # "<doc_id>-p<NN>"
    type: PassageType
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    passage_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """Metadata of one article, as committed in ``corpus/articles.json``."""

    id: str
    source_file: str
    sha256: str
    title: str
    publisher: str
    authors: tuple[str, ...]
    date: str  # ISO 8601 date
    date_inferred: bool
    date_evidence: str
    script: Script
    url: str | None = None
    known_damage: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------------------------


class EntityType(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"  # companies, government bodies, media outlets, committees
    GPE = "GPE"  # countries, regions, prefectures, cities, counties
    LOC = "LOC"  # non-political places: basins, mountain passes, seas
    FAC = "FAC"  # ports and border crossings, airports, zones and parks, roads, pipelines, stations
    EVENT = "EVENT"  # forums, fairs, press conferences, named campaigns with a date
    PRODUCT = "PRODUCT"  # named services and products: train services (中欧班列), routes
    PROGRAM = "PROGRAM"  # initiatives, plans and strategies (一带一路)


#: How our types map to OntoNotes 5.0 and to MSRA (PER/LOC/ORG); ``None`` means "no tag".
ENTITY_TYPE_MAPPING: dict[EntityType, dict[str, str | None]] = {
    EntityType.PERSON: {"ontonotes": "PERSON", "msra": "PER"},
    EntityType.ORG: {"ontonotes": "ORG", "msra": "ORG"},
    EntityType.GPE: {"ontonotes": "GPE", "msra": "LOC"},
    EntityType.LOC: {"ontonotes": "LOC", "msra": "LOC"},
    EntityType.FAC: {"ontonotes": "FAC", "msra": "LOC"},
    EntityType.EVENT: {"ontonotes": "EVENT", "msra": None},
    EntityType.PRODUCT: {"ontonotes": "PRODUCT", "msra": None},
    EntityType.PROGRAM: {"ontonotes": "LAW", "msra": None},
}


@dataclass(frozen=True)
class Span:
    """A stretch of text; ``text`` must equal ``container[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    id: str
    type: EntityType
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------------------------
# Numbers and numeric claims
# --------------------------------------------------------------------------------------------


class NumberCategory(StrEnum):
    """What a number expression is. Only ``quantity`` can be a claim's VALUE."""

    QUANTITY = "quantity"
    DATE = "date"  # 2023年8月底, 10月18日, 2024-08-08, 2023 in an event name
    TIME = "time"  # 15:41:24, 上午
    DURATION = "duration"  # 两天, 10年来, 24小时
    ORDINAL = "ordinal"  # 第三届, 第5场, 一级
    IDENTIFIER = "identifier"  # G217, W020231024331736256423_800
    PHONE = "phone"  # 400-0123-021, 13391219793


#: Field metadata of a unit: a code of the unit inventory (:mod:`silkroad_news.units`), checked
#: by the record codec. A claim's unit is one of the inventory's codes (``CNY``, ``%``, ``t``,
#: ``count:家``; the ``claims`` config's ClassLabel); a number mention's may also be a compound
#: of two (``CNY/t``).
UNIT_CODE: dict[str, str] = {"unit_codes": "inventory"}
UNIT_CODE_OR_COMPOUND: dict[str, str] = {"unit_codes": "compound"}


class ClaimKind(StrEnum):
    AMOUNT = "amount"  # a total of money or goods: 564.32亿元, 115.6万吨
    COUNT = "count"  # a number of discrete things: 822列, 2000多家
    CHANGE_RATE = "change_rate"  # growth or decline in percent: 同比增长67.2%
    SHARE = "share"  # a part of a whole: 占…的41.1%
    DIFFERENCE = "difference"  # a gap between two figures: 高出…18.8个百分点
    MULTIPLE = "multiple"  # 增长2倍, 是…的3倍
    MEASURE = "measure"  # physical dimensions: length, speed, capacity, area


class Approx(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"  # 多, 余, 超, 超过, 以上
    AT_MOST = "at_most"  # 不到, 以下, 不足
    ABOUT = "about"  # 约, 左右, 近, 大约


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    NONE = "none"


class Modality(StrEnum):
    ACTUAL = "actual"
    PLANNED = "planned"  # 计划, targets, capacities once built
    FORECAST = "forecast"  # 预计, 有望


class ClaimPart(StrEnum):
    """Region labels of the claim layer in Label Studio."""

    VALUE = "VALUE"
    METRIC = "METRIC"
    SUBJECT = "SUBJECT"
    TIME = "TIME"


class RelationLabel(StrEnum):
    """Labels of the relations from a VALUE region to the part it links."""

    METRIC = "metric"
    SUBJECT = "subject"
    TIME = "time"


#: Label of a number mention that is no claim, in the mention classification the scorer's
#: ``numbers`` task scored under schema 1.0 (the ``numbers`` config now carries ``claim`` and
#: ``kind`` per mention; the scorer derives these labels from them).
NOT_CLAIM = "not_claim"


#: Chinese names of the claim attributes, shown beside the codes where annotators and readers
#: meet them (Label Studio's region panel, the explorer).
ATTRIBUTE_GLOSSES: dict[str, str] = {
    "kind": "类型",
    "approx": "近似",
    "direction": "方向",
    "modality": "情态",
    "number": "数值",
    "unit_text": "单位原文",
    "unit": "单位代码",
    "low": "下限",
    "high": "上限",
}


def number_labels() -> list[str]:
    """The labels of that classification: the claim kinds, then ``not_claim``."""
    return [*ClaimKind.values(), NOT_CLAIM]


@dataclass(frozen=True)
class Claim:
    """A numeric claim. ``number`` is the value fully scaled; ``None`` only when the VALUE is a
    range or a vague numeral read as a range, and then ``low``/``high`` carry the reading
    (guidelines, section 4); otherwise ``low = high = None``."""

    id: str
    value: Span
    number: float | None
    low: float | None
    high: float | None
    unit: str = field(metadata=UNIT_CODE)
    unit_text: str
    kind: ClaimKind
    approx: Approx
    direction: Direction
    modality: Modality
    metric: Span | None = None
    subject: Span | None = None
    time: Span | None = None


#: The categories whose mentions carry a reading (number or range, unit, approx).
READ_CATEGORIES: tuple[NumberCategory, ...] = (NumberCategory.QUANTITY, NumberCategory.DURATION)


@dataclass(frozen=True)
class NumberMention:
    """A number the text writes (guidelines, section 4). ``number``, ``low``, ``high``,
    ``unit`` and ``approx`` are set only for :data:`READ_CATEGORIES` (``None`` otherwise, and
    ``unit_text`` is ``""``); ``number`` is ``None`` exactly when ``low``/``high`` hold a
    range; ``unit`` is ``None`` for a bare number. Ids are ``<passage_id>-m<N>`` in text order."""

    id: str
    start: int
    end: int
    text: str
    category: NumberCategory
    number: float | None
    low: float | None
    high: float | None
    unit: str | None = field(metadata=UNIT_CODE_OR_COMPOUND)
    unit_text: str
    approx: Approx | None


# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A clean article: text in its original script plus the views and layers over it."""

    id: str
    text: str
    text_simplified: str
    passages: tuple[Passage, ...]
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    #: (clean_start, raw_start, length) runs where clean text is copied from raw verbatim
    alignment: tuple[tuple[int, int, int], ...] = ()
    changes: tuple[Change, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------------------------
# Tagging scheme for the ner config
# --------------------------------------------------------------------------------------------


def ner_tag_names() -> list[str]:
    """ClassLabel names of ``ner_tags``: ``O`` first, then ``B-``/``I-`` per type in enum order."""
    names = ["O"]
    for t in EntityType:
        names += [f"B-{t.value}", f"I-{t.value}"]
    return names


# --------------------------------------------------------------------------------------------
# Checks shared by every reader and writer
# --------------------------------------------------------------------------------------------


#: How many characters of an input value a message repeats: a 10-million-character id must
#: not become a 10 MB line on standard error.
ECHO_LIMIT = 60


def echo(value: Any, limit: int = ECHO_LIMIT) -> str:
    """``repr(value)`` for a message, cut to about ``limit`` characters with what was cut said.

    >>> echo("喀什"), echo("x" * 100, limit=8)
    ("'喀什'", "'xxxxxxxx…' (100 characters)")
    """
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        cut = repr(value[:limit])
        return f"{cut[:-1]}…{cut[-1]} ({len(value)} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"


def check_span(container: str, start: Any, end: Any, text: Any, where: str) -> None:
    """Raise :class:`SchemaError` unless ``container[start:end] == text`` with sane offsets."""
    if not isinstance(start, int) or isinstance(start, bool):
        raise SchemaError(f"{where}: field 'start' must be an integer, got {echo(start)}")
    if not isinstance(end, int) or isinstance(end, bool):
        raise SchemaError(f"{where}: field 'end' must be an integer, got {echo(end)}")
    if not 0 <= start < end <= len(container):
        raise SchemaError(
            f"{where}: span [{start}, {end}) is empty or outside the text of length "
            f"{len(container)}"
        )
    if text is not None and container[start:end] != text:
        raise SchemaError(
            f"{where}: field 'text' is {echo(text)} but text[{start}:{end}] is "
            f"{echo(container[start:end])}"
        )


def parse_enum(enum_cls: type[StrEnum], value: Any, where: str, field_name: str) -> Any:
    """Return the member of ``enum_cls`` named by ``value`` or raise naming the field."""
    try:
        return enum_cls(value)
    except ValueError:
        allowed = ", ".join(enum_cls.values())
        raise SchemaError(
            f"{where}: field '{field_name}' has unknown value {echo(value)}; "
            f"expected one of: {allowed}"
        ) from None


# --------------------------------------------------------------------------------------------
# Canonical annotations (the gold, one record per passage, passage offsets)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provenance:
    """Where a passage's gold came from in Label Studio, so every span can be traced."""

    #: Label Studio's ids are 64-bit in the dataset (``dtype``; offsets are 32-bit)
    task_id: int = field(metadata={"dtype": "int64"})
    annotation_id: int = field(metadata={"dtype": "int64"})
    annotator: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class PassageAnnotation:
    """The gold of one passage. Offsets are into ``text``, the passage's clean text."""

    passage_id: str
    doc_id: str
    text: str
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    provenance: Provenance | None = None


@dataclass(frozen=True)
class PassageMentions:
    """The number-mention layer of one passage (its own gold file and provenance: the layer is
    annotated apart from entities and claims). Offsets are into ``text``."""

    passage_id: str
    doc_id: str
    text: str
    mentions: tuple[NumberMention, ...] = ()
    provenance: Provenance | None = None


# --------------------------------------------------------------------------------------------
# The benchmark's registry: tasks, splits, folds, protocols and data paths
# --------------------------------------------------------------------------------------------


class Task(StrEnum):
    """The scored tasks; each is also the dataset config of the same name."""

    NER = "ner"
    CLAIMS = "claims"
    NUMBERS = "numbers"


class Split(StrEnum):
    TRAIN = "train"
    VALIDATION = "validation"
    TEST = "test"


TASKS: tuple[str, ...] = tuple(Task.values())
SPLITS: tuple[str, ...] = tuple(Split.values())
#: The config that holds every document whole (lossless), in one split.
DOCUMENTS = "documents"
#: The one split of :data:`DOCUMENTS`.
FULL_SPLIT = "full"
#: The configs of the Hugging Face dataset, in the order of the README header.
CONFIGS: tuple[str, ...] = (DOCUMENTS, *TASKS)

#: Cross-validation folds of the passages; the fixed splits are unions of folds.
N_FOLDS = 5
SPLIT_OF_FOLD: dict[int, str] = {
    0: Split.TEST.value,
    1: Split.VALIDATION.value,
    2: Split.TRAIN.value,
    3: Split.TRAIN.value,
    4: Split.TRAIN.value,
}


class Protocol(StrEnum):
    """How a system is trained and scored (see :data:`PROTOCOLS`)."""

    TEST = "test"
    CV = "cv"
    FULL = "full"


#: What each protocol means; the scorer (``silkroad-news evaluate --protocol``), the baselines
#: and the leaderboard speak of these three.
PROTOCOLS: dict[Protocol, str] = {
    Protocol.TEST: "train on the train split (choose hyper-parameters on validation), predict "
    "the test split once; the default",
    Protocol.CV: f"{N_FOLDS}-fold cross-validation: one prediction for every passage of every "
    "split, each made by a model that never saw that passage's fold (the fold of the "
    "documents config)",
    Protocol.FULL: "one prediction for every passage of every split, no folds: for systems "
    "trained on no SilkRoad-News data (transfer, zero-shot, prompting)",
}


#: Where the built dataset lives, relative to the repository root.
DATA_DIR = Path("splits")


def config_splits(config: str) -> tuple[str, ...]:
    """The splits of a dataset config: ``full`` for documents, else train/validation/test."""
    if config not in CONFIGS:
        raise SchemaError(f"unknown config {config!r}; expected one of: {', '.join(CONFIGS)}")
    return (FULL_SPLIT,) if config == DOCUMENTS else SPLITS


def data_path(config: str, split: str) -> Path:
    """``splits/<config>/<split>.parquet``, relative to the repository root."""
    if split not in config_splits(config):
        raise SchemaError(
            f"config {config!r} has no split {split!r}; expected one of: "
            f"{', '.join(config_splits(config))}"
        )
    return DATA_DIR / config / f"{split}.parquet"


# --------------------------------------------------------------------------------------------
# The dataset as published: version, Hub metadata, citation (the README YAML and the card's
# citation come from here and nowhere else)
# --------------------------------------------------------------------------------------------

#: Version of the dataset (the data and its configs; the package has its own version).
DATASET_VERSION = "2.5.0"

#: What each task is in the Hub's taxonomy: its task category and, where one fits, task id.
TASK_HUB: dict[Task, tuple[str, str | None]] = {
    # character-level BIO tagging of named entities
    Task.NER: ("token-classification", "named-entity-recognition"),
    # VALUE, METRIC, SUBJECT and TIME spans, their links and the VALUE's attributes
    Task.CLAIMS: ("token-classification", None),
    # number mentions found in raw text, categorized and normalized
    Task.NUMBERS: ("token-classification", None),
}

#: The README YAML fields that describe the dataset (``configs`` and ``dataset_info`` come
#: from the built data). The terms of the data are in ``LICENSE-DATA.md``: the article text is
#: the publishers', the annotations CC BY 4.0, so no single SPDX licence applies.
HUB_METADATA: dict[str, Any] = {
    "pretty_name": "SilkRoad-News",
    "language": ["zh", "zh-Hans", "zh-Hant"],
    "multilinguality": ["monolingual"],
    "license": "other",
    "license_name": "silkroad-news-data",
    "license_link": "LICENSE-DATA.md",
    # annotated by AI annotation assistants from written guidelines, adjudicated by the
    # maintainers (dataset card, "Annotation")
    "annotations_creators": ["machine-generated"],
    # news articles as their publishers put them online
    "language_creators": ["found"],
    "source_datasets": ["original"],
    "tags": ["news", "economics", "information-extraction", "numeric-claims", "quantities"],
}

#: Who to cite and how; ``url`` is set where a public copy exists (see ``export --push``).
CITATION: dict[str, str] = {
    "key": "silkroad_news",
    "author": "SilkRoad-News maintainers",
    "title": "SilkRoad-News: an annotated corpus and benchmark of Chinese economic and trade news",
    "note": "Named entities, numeric claims and number mentions, with baselines and a leaderboard",
    "year": "2026",
}


def size_category(n: int) -> str:
    """The Hub's size category of a dataset of ``n`` examples (its largest config).

    >>> size_category(83), size_category(5000)
    ('n<1K', '1K<n<10K')
    """
    bounds = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"))
    return next((name for top, name in bounds if n < top), "100K<n<1M")
