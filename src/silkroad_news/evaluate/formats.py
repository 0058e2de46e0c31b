"""JSON Schemas of the submission formats, generated from ``schema.py``; submission metadata.

``schemas/submission/<task>.schema.json`` document one line of a predictions file (JSON Schema
draft 2020-12) for tools and humans; the label lists come from the enums in
:mod:`silkroad_news.schema`, so they cannot drift from what the scorer accepts. What JSON Schema
cannot say (offsets inside the text, no overlaps, strict BIO, one line per gold id, the fold of
a passage under protocol ``cv``, unit codes, finite numbers) is in each schema's description and
enforced by :func:`silkroad_news.evaluate.validate`. A test fails when the committed files differ
from these. Regenerate with ``silkroad-news schemas`` (``--check`` compares instead).

Metadata
--------
``metadata.schema.json`` documents a leaderboard entry's ``metadata.json``, which
:func:`parse_metadata` reads strictly (:class:`Metadata`) and which the leaderboard renders into
Markdown and HTML, so nothing in it may carry markup or break a line: every string is one line
of at most :data:`METADATA_LIMITS` characters with no control character (``\\r``, NUL...), no
line or paragraph separator and no bidirectional override (U+202A-U+202E, U+2066-U+2069, ...);
``url`` is parsed and must be an ``http``/``https`` URL with a host and none of the characters
that end a Markdown link or an HTML attribute (``( ) [ ] < > " ' ` |``, spaces, backslashes:
percent-encode them). A string must show something: one made only of whitespace, zero-width
or other format (Unicode ``Cf``) characters and the blank fillers of :data:`_BLANK` is refused.
Every problem of a file is reported at once, in one message.

``"baseline": true`` marks the project's own entries: only the submission ids of
:data:`PROJECT_ENTRIES` may carry it, and only they may have a ``name`` that contains
"baseline" or a look-alike of it: the name after NFKC, without format characters, is compared
case-insensitively by its Unicode confusable skeleton (UTS #39, :func:`skeleton`), so ``Foo
(Baseline)``, a fullwidth ``ＢＡＳＥＬＩＮＥ``, ``base`` + U+200B + ``line``, ``bаseline`` with a
Cyrillic ``а``, ``bαseline`` with a Greek alpha and ``BASEL1NE`` are refused alike;
:func:`check_project_entry` checks both, and the leaderboard calls it with the folder name.
Mixing scripts is allowed (``字符 CRF``): the confusables data says what looks like what, and
the restriction levels of UTS #39 are not applied. ``"training_data": "none"`` says that a
system used no SilkRoad-News data, the condition of the ``full`` protocol
(:func:`check_protocol_entry`).

A submission is a folder ``leaderboard/submissions/<id>/`` with ``metadata.json`` and its
predictions files; the leaderboard reads it.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..files import describe, dumps_json, write_many_atomic
from ..records import CLAIM_LABELS, field_types, json_fields
from ..schema import (
    N_FOLDS,
    Claim,
    EntityType,
    Span,
    StrEnum,
    echo,
    ner_tag_names,
)
from ..units import INVENTORY_VERSION, SIGNED_DIMENSIONS
from .inputs import (
    CLAIM_FIELDS,
    MENTION_OPTIONAL,
    MENTION_UNIT,
    NEW_CLAIM_FIELDS,
    READ_CATEGORIES,
    UNSCORED_CLAIM_FIELDS,
    Mention,
    SubmissionError,
    parse_json,
    read_bytes,
)

SCHEMA_DIR = Path("schemas/submission")
_DRAFT = "https://json-schema.org/draft/2020-12/schema"

_ALWAYS = (
    "One line of a JSON Lines predictions file (UTF-8, one JSON object per line, no empty "
    "lines). There must be exactly one line per row of the gold split, matched by 'id'. "
    "Offsets are Python string offsets (Unicode code points) into the gold row's 'text', "
    "'start' inclusive, 'end' exclusive, start < end <= len(text); an optional 'text' must "
    "equal text[start:end]. NaN and Infinity are refused. Under protocol 'cv' every line also "
    f"carries 'fold' (0..{N_FOLDS - 1}), the passage's fold in the dataset; under 'test' and "
    "'full' a line has no fold."
)


def _span(description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "required": ["start", "end"],
        "properties": {
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 1},
            "text": {"type": "string", "description": "optional; must equal text[start:end]"},
        },
        "additionalProperties": False,
    }


def _id() -> dict[str, Any]:
    return {"type": "string", "description": "the gold row's id"}


def _fold() -> dict[str, Any]:
    return {
        "type": "integer",
        "minimum": 0,
        "maximum": N_FOLDS - 1,
        "description": "protocol cv only: the passage's fold in the dataset",
    }


def _schema(task: str, description: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": _DRAFT,
        "title": f"SilkRoad-News {task} prediction line",
        "description": f"{_ALWAYS} {description}",
        **body,
    }


def ner_schema() -> dict[str, Any]:
    return _schema(
        "ner",
        "Either 'entities' (spans; they must not overlap) or 'tags' (one strict BIO/IOB2 tag "
        "per character of the text: I-X must follow B-X or I-X), not both. Tags are names or "
        "the ClassLabel ids of the ner config's 'ner_tags' feature (positions in the names), "
        "one form per line.",
        {
            "type": "object",
            "required": ["id"],
            "oneOf": [{"required": ["entities"]}, {"required": ["tags"]}],
            "properties": {
                "id": _id(),
                "entities": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["start", "end", "type"],
                        "properties": {
                            **_span("")["properties"],
                            "type": {"enum": EntityType.values()},
                        },
                        "additionalProperties": False,
                    },
                },
                "tags": {
                    "anyOf": [
                        {"type": "array", "items": {"enum": ner_tag_names()}},
                        {
                            "type": "array",
                            "items": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": len(ner_tag_names()) - 1,
                            },
                        },
                    ]
                },
                "fold": _fold(),
            },
            "additionalProperties": False,
        },
    )


def _claim_property(name: str) -> dict[str, Any]:
    """The JSON Schema of one field of ``schema.Claim`` in a prediction."""
    tp, nullable = field_types(Claim)[name]
    if tp is Span:
        span = {"$ref": "#/$defs/span"}
        return {"anyOf": [span, {"type": "null"}]} if nullable else span
    if name in UNSCORED_CLAIM_FIELDS:
        return {"type": "string", "description": "optional; not scored"}
    if tp is float:
        number = {
            "type": "number",
            "minimum": 0,
            "description": "fully scaled (亿 = 1e8, 万 = 1e4); percentages in percent; a "
            "magnitude, never negative (a decline is direction 'down')"
            + ("; null unless the value is a range (optional)" if name in NEW_CLAIM_FIELDS else "")
            + ("; null only for a range" if name == "number" else ""),
        }
        return {"anyOf": [number, {"type": "null"}]} if nullable else number
    if name in CLAIM_LABELS:
        return {"enum": CLAIM_LABELS[name].values()}
    return _unit_code()


def _unit_code() -> dict[str, Any]:
    return {
        "type": "string",
        "description": f"a code of the unit inventory {INVENTORY_VERSION} (silkroad_news.units): "
        "CNY, %, pp, t, count:<measure word>...",
    }


#: The rule of a reading (:func:`silkroad_news.records.check_reading`, the gold's) in words.
_ONE_READING = (
    "one number or else a range: 'number' set and 'low'/'high' null, or 'number' null and both "
    "'low' and 'high' set with low <= high (never all three, never one bound alone)"
)
#: Signs: a claim's number is a magnitude; a mention keeps the sign the text writes where its
#: unit is of a signed dimension (:func:`silkroad_news.records.check_reading`).
_CLAIM_SIGN = "numbers are magnitudes, never negative"
_MENTION_SIGN = (
    "numbers are never negative, except a mention whose unit is of a signed dimension ("
    + ", ".join(sorted(SIGNED_DIMENSIONS))
    + ") and whose text writes the sign (同比-5.3%, 零下18℃)"
)


def claims_schema() -> dict[str, Any]:
    claim = {
        "type": "object",
        # the same fields the validator requires, so the two cannot drift apart
        "required": list(CLAIM_FIELDS[0]),
        "properties": {name: _claim_property(name) for name in json_fields(Claim)},
        "additionalProperties": False,
    }
    return _schema(
        "claims",
        "At most one claim per value span; metric, subject and time are spans or null. A "
        f"claim reads {_ONE_READING}; {_CLAIM_SIGN}.",
        {
            "type": "object",
            "required": ["id", "claims"],
            "properties": {
                "id": _id(),
                "claims": {"type": "array", "items": claim},
                "fold": _fold(),
            },
            "additionalProperties": False,
            "$defs": {"span": _span("a span of the row's text")},
        },
    )


#: What a numbers submission says about some fields of a mention, beyond their types.
_MENTION_NOTES = {
    "number": "the value fully scaled (亿 = 1e8), never negative; null for a range and for "
    "categories that are not read",
    "low": "the lower bound of a range, else null",
    "high": "the upper bound of a range, else null",
    "claim": "a VALUE of the claim layer has exactly this span",
}


def _mention_property(name: str) -> dict[str, Any]:
    """The JSON Schema of one field of :class:`~silkroad_news.evaluate.inputs.Mention`."""
    tp, nullable = field_types(Mention)[name]
    if name in ("start", "end", "text"):
        prop = dict(_span("")["properties"][name])
    elif name == MENTION_UNIT:
        prop = _unit_code()
    elif tp is float:
        prop = {"type": "number"}  # signed where the unit is (see _MENTION_SIGN)
    elif tp is bool:
        prop = {"type": "boolean"}
    elif isinstance(tp, type) and issubclass(tp, StrEnum):
        prop = {"enum": tp.values()}
    else:
        prop = {"type": "string", "description": "optional; not scored"}
    if name in _MENTION_NOTES:
        prop["description"] = _MENTION_NOTES[name]
    return {"anyOf": [prop, {"type": "null"}]} if nullable else prop


def numbers_schema() -> dict[str, Any]:
    read = " and ".join(READ_CATEGORIES)
    names = json_fields(Mention)
    mention = {
        "type": "object",
        "required": [n for n in names if n not in MENTION_OPTIONAL],
        "properties": {n: _mention_property(n) for n in names},
        "additionalProperties": False,
    }
    return _schema(
        "numbers",
        "Every number mention of the passage, found in its text. number, low, high, unit and "
        f"approx are set only for {read} mentions (null otherwise); such a mention reads "
        f"{_ONE_READING}; {_MENTION_SIGN}; or it leaves number, low and high all null (no "
        "reading); mentions must "
        "not overlap; 'text', if given, must be the passage's text.",
        {
            "type": "object",
            "required": ["id", "mentions"],
            "properties": {
                "id": _id(),
                "mentions": {"type": "array", "items": mention},
                "text": {"type": "string", "description": "optional: the passage's text"},
                "fold": _fold(),
            },
            "additionalProperties": False,
        },
    )


def schema_files() -> dict[str, str]:
    """File name → canonical JSON text of every schema under ``schemas/submission/``."""
    schemas = {
        "ner.schema.json": ner_schema(),
        "claims.schema.json": claims_schema(),
        "numbers.schema.json": numbers_schema(),
        "metadata.schema.json": metadata_json_schema(),
    }
    return {name: dumps_json(s, indent=2) for name, s in schemas.items()}


def render_schema_files(root: Path) -> dict[Path, str]:
    """Path → content of every file under ``schemas/submission/`` (the ``schemas`` command)."""
    return {Path(root) / SCHEMA_DIR / name: text for name, text in schema_files().items()}


def write_schema_files(root: Path) -> list[Path]:
    files = render_schema_files(root)
    write_many_atomic(files)
    return sorted(files)


# --------------------------------------------------------------------------------------------
# Submission folders and their metadata
# --------------------------------------------------------------------------------------------

LEADERBOARD_DIR = Path("leaderboard")
#: ``leaderboard/submissions/<id>/`` holds one submission: ``metadata.json``, any of the
#: ``<task>.jsonl`` predictions files and an optional ``README.md`` of notes (not read).
SUBMISSIONS = "submissions"
METADATA_FILE = "metadata.json"
NOTES_FILE = "README.md"


class TrainingData(StrEnum):
    """What a system learned from: protocol ``full`` ranks only systems that used no
    SilkRoad-News data."""

    SILKROAD_NEWS = "silkroad-news"  # trained or tuned on the train split or the cv folds
    NONE = "none"  # no SilkRoad-News data at all (transfer, zero-shot, prompting, rules)


class ModelType(StrEnum):
    RULE_BASED = "rule_based"  # patterns, dictionaries, grammars
    STATISTICAL = "statistical"  # CRF, logistic regression, HMM on engineered features
    NEURAL = "neural"  # trained neural networks (BiLSTM, fine-tuned BERT)
    LLM = "llm"  # prompted large language models, zero- or few-shot
    ENSEMBLE = "ensemble"
    HUMAN = "human"  # a person annotating (upper bound)
    OTHER = "other"


#: metadata.json fields: name → (required, JSON type, description). The JSON Schema, the
#: validator and the README's table all read this.
METADATA_FIELDS: dict[str, tuple[bool, str, str]] = {
    "name": (
        True,
        "string",
        "display name of the system; the word 'baseline', or a look-alike of it in other "
        "letters, is for the project's own entries",
    ),
    "description": (True, "string", "what the system is, in a sentence or two"),
    "authors": (True, "array", "people, as a non-empty list of names"),
    "team": (False, "string", "team or organisation"),
    "url": (False, "string", "paper or code, an http(s) URL"),
    "date": (True, "string", "submission date, YYYY-MM-DD"),
    "model_type": (True, "string", f"one of: {', '.join(ModelType.values())}"),
    "baseline": (False, "boolean", "true for the project's own baselines (default false)"),
    "training_data": (
        False,
        "string",
        f"{TrainingData.SILKROAD_NEWS.value} (default: trained or tuned on SilkRoad-News data; "
        f"protocols test and cv) or {TrainingData.NONE.value} (no SilkRoad-News data; the "
        "only systems protocol full ranks)",
    ),
}
#: The longest value of each string field, in characters (authors: each name, and how many).
METADATA_LIMITS: dict[str, int] = {
    "name": 80,
    "description": 500,
    "authors": 20,
    "author": 100,
    "team": 100,
    "url": 300,
    "date": 10,
    "model_type": 20,
    "training_data": 20,
}
#: The largest metadata.json read, in bytes.
METADATA_MAX_BYTES = 1 << 16
#: The submission ids of the project's own entries, the only ones that may say
#: ``"baseline": true``. The leaderboard asks :func:`check_project_entry`.
PROJECT_ENTRIES: frozenset[str] = frozenset(
    {"baseline-crf", "baseline-claims", "baseline-regex", "baseline-quantity-finder"}
)


@dataclass(frozen=True)
class Metadata:
    name: str
    description: str
    authors: tuple[str, ...]
    date: str
    model_type: ModelType
    team: str | None = None
    url: str | None = None
    baseline: bool = False
    training_data: TrainingData = TrainingData.SILKROAD_NEWS


def metadata_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``metadata.json``."""
    props: dict[str, Any] = {}
    for name, (_, kind, text) in METADATA_FIELDS.items():
        prop: dict[str, Any] = {"type": kind, "description": text}
        if kind == "string":
            prop["minLength"] = 1
            prop["maxLength"] = METADATA_LIMITS[name]
            # one line, no control characters, no bidirectional controls
            prop["pattern"] = f"^[^{_FORBIDDEN_CLASS}]*$"
        props[name] = prop
    props["authors"]["items"] = {
        "type": "string",
        "minLength": 1,
        "maxLength": METADATA_LIMITS["author"],
        "pattern": f"^[^{_FORBIDDEN_CLASS}]*$",
    }
    props["authors"]["minItems"] = 1
    props["authors"]["maxItems"] = METADATA_LIMITS["authors"]
    props["date"]["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
    props["model_type"]["enum"] = ModelType.values()
    props["training_data"]["enum"] = TrainingData.values()
    props["url"]["pattern"] = rf"^https?://[^{_URL_FORBIDDEN_CLASS}]+$"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "SilkRoad-News leaderboard submission metadata",
        "description": "leaderboard/submissions/<id>/metadata.json; unknown fields are errors; "
        "'baseline': true only for the project's own entries.",
        "type": "object",
        "required": [n for n, (req, _, _) in METADATA_FIELDS.items() if req],
        "properties": props,
        "additionalProperties": False,
    }


#: Bidirectional controls (embeddings, overrides, isolates, marks), line and paragraph
#: separators: they reorder or break what a reader sees of a rendered page.
_INVISIBLE = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff"
_FORBIDDEN_CLASS = "\\x00-\\x1f\\x7f-\\x9f" + _INVISIBLE.encode("unicode_escape").decode()
_FORBIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
#: Characters a URL must percent-encode here: they end a Markdown link, a table cell or an HTML
#: attribute.
_URL_FORBIDDEN = " ()[]<>\"'`|\\{}^"
_URL_FORBIDDEN_CLASS = re.escape(_URL_FORBIDDEN).replace("\\ ", " ") + "\\s"


#: Characters that show nothing but are neither whitespace nor format (``Cf``) characters: the
#: Hangul fillers, the braille blank and the combining grapheme joiner.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")


def visible(text: str) -> str:
    """``text`` without whitespace, format (``Cf``: zero-width spaces and joiners, bidirectional
    marks, the BOM...) and blank characters: what a reader sees of it."""
    return "".join(
        c for c in text if not c.isspace() and unicodedata.category(c) != "Cf" and c not in _BLANK
    )


def _text_problem(value: Any, name: str, limit: int) -> str | None:
    """What is wrong with a metadata string, or ``None``."""
    if not isinstance(value, str) or not value.strip():
        return f"field {name!r} must be a non-empty one-line string, got {describe(value)}"
    bad = _FORBIDDEN.search(value)
    if bad:
        what = "a line break" if bad.group() in "\r\n\u2028\u2029" else "a control character"
        if unicodedata.bidirectional(bad.group()) in ("LRE", "RLE", "LRO", "RLO", "PDF") or (
            bad.group() in "\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
        ):
            what = "a bidirectional control"
        return (
            f"field {name!r} must be a non-empty one-line string without control characters, "
            f"has {what} (U+{ord(bad.group()):04X}) at character {bad.start()}"
        )
    if len(value) > limit:
        return f"field {name!r} has {len(value)} characters; at most {limit}"
    if not visible(value):
        return (
            f"field {name!r} shows nothing: it holds only whitespace, zero-width or other "
            "format characters"
        )
    return None


def _url_problem(url: str) -> str | None:
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return f"field 'url' must be an http(s) URL with a host, got {echo(url)}"
    bad = next((c for c in url if c in _URL_FORBIDDEN or c.isspace()), None)
    if bad is not None:
        return (
            f"field 'url' has {bad!r} at character {url.index(bad)}, which would end a link or "
            "a table cell on the leaderboard; percent-encode it"
        )
    return None


_ENUMS: dict[str, type[StrEnum]] = {"model_type": ModelType, "training_data": TrainingData}


def metadata_problems(obj: Any) -> list[str]:
    """Every problem of a parsed ``metadata.json`` (empty when it is valid), in field order."""
    if not isinstance(obj, dict):
        return [f"expected a JSON object, got {describe(obj)}"]
    out = [
        f"unknown field {echo(name)}; allowed: {', '.join(METADATA_FIELDS)}"
        for name in obj
        if name not in METADATA_FIELDS
    ]
    for name, (required, kind, text) in METADATA_FIELDS.items():
        if name not in obj:
            if required:
                out.append(f"missing field {name!r} ({text})")
            continue
        value = obj[name]
        if kind == "boolean" and not isinstance(value, bool):
            out.append(f"field {name!r} must be true or false, got {describe(value)}")
        elif kind == "string":
            problem = _text_problem(value, name, METADATA_LIMITS[name])
            if problem:
                out.append(problem)
            elif name == "date":
                out += _date_problem(value)
            elif name == "url":
                out += filter(None, [_url_problem(value)])
            elif name in _ENUMS and value not in _ENUMS[name].values():
                out.append(
                    f"field {name!r} has unknown value {echo(value)}; expected one of: "
                    f"{', '.join(_ENUMS[name].values())}"
                )
        elif kind == "array":
            out += _authors_problems(value)
    return out


def _date_problem(date: str) -> list[str]:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ValueError
        _dt.date.fromisoformat(date)
    except ValueError:
        return [f"field 'date' must be a date YYYY-MM-DD, got {echo(date)}"]
    return []


def _authors_problems(authors: Any) -> list[str]:
    if not isinstance(authors, list) or not authors:
        return [f"field 'authors' must be a non-empty list of names, got {describe(authors)}"]
    out = []
    if len(authors) > METADATA_LIMITS["authors"]:
        out.append(
            f"field 'authors' lists {len(authors)} names; at most {METADATA_LIMITS['authors']}"
        )
    for i, a in enumerate(authors[: METADATA_LIMITS["authors"]]):
        problem = _text_problem(a, f"authors[{i}]", METADATA_LIMITS["author"])
        if problem:
            out.append(problem)
    if out and all(not isinstance(a, str) or not a.strip() for a in authors):
        return [f"field 'authors' must be a non-empty list of names, got {describe(authors)}"]
    return out


def parse_metadata(obj: Any, source: str) -> Metadata:
    """Check a parsed ``metadata.json`` strictly and return it typed; every problem of the
    file is listed in one :class:`SubmissionError` (see the module docstring)."""
    problems = metadata_problems(obj)
    if len(problems) == 1:
        raise SubmissionError(f"{source}: {problems[0]}")
    if problems:
        listed = "; ".join(f"({k}) {p}" for k, p in enumerate(problems, 1))
        raise SubmissionError(f"{source}: {len(problems)} problems: {listed}")
    return Metadata(
        name=obj["name"],
        description=obj["description"],
        authors=tuple(obj["authors"]),
        date=obj["date"],
        model_type=ModelType(obj["model_type"]),
        team=obj.get("team"),
        url=obj.get("url"),
        baseline=obj.get("baseline", False),
        training_data=TrainingData(obj.get("training_data", TrainingData.SILKROAD_NEWS.value)),
    )


def read_metadata(path: Path) -> Metadata:
    data = read_bytes(path)
    if len(data) > METADATA_MAX_BYTES:
        raise SubmissionError(
            f"{path}: {len(data)} bytes; a metadata.json holds at most {METADATA_MAX_BYTES}"
        )
    return parse_metadata(parse_json(data, str(path)), str(path))


def check_protocol_entry(meta: Metadata, protocol: str, source: str) -> None:
    """Refuse a system trained on SilkRoad-News data on the ``full`` protocol's table."""
    if protocol == "full" and meta.training_data is not TrainingData.NONE:
        raise SubmissionError(
            f"{source}: protocol full ranks systems trained on no SilkRoad-News data; say "
            f'"training_data": "{TrainingData.NONE.value}" if that is so, else submit for '
            "test or cv"
        )


#: The word only the project's own entries may use in their names.
BASELINE_WORD = "baseline"
#: Left-to-right and right-to-left marks: the confusables data writes a right-to-left
#: character between two of them, as the comments of Unicode's confusables.txt show it.
_DIRECTION_MARKS = "\u200e\u200f"


@cache
def _prototypes() -> dict[str, str]:
    """Code point → the string that stands for its class of look-alikes (UTS #39 section 4).

    Built from the Unicode confusables data (``confusables.txt``) that the
    ``confusable_homoglyphs`` package ships. That package keeps each line of the file in both
    directions (a prototype lists its sources, a source its prototype), so the direction is
    read back here: a source is one code point with exactly one entry, and its prototype is a
    string of several code points or one that other sources share. Two code points that
    confuse only with each other could be read either way: the one found inside a prototype of
    several code points, else the one NFKC leaves alone (``日``, not the radical ``⽇``), else
    the smaller, stands for both. Prototypes are then mapped through the table until nothing
    changes, so a skeleton is its own skeleton and the classes, which decide what compares
    equal, are the file's.
    """
    from confusable_homoglyphs.confusables import confusables_data

    pairs: dict[str, dict[str, None]] = {}
    for key, entries in confusables_data.items():
        glyphs = pairs.setdefault(key.strip(_DIRECTION_MARKS) or key, {})
        for entry in entries:
            glyphs[entry["c"].strip(_DIRECTION_MARKS) or entry["c"]] = None
    inside = {c for key in pairs for c in key if len(key) > 1}

    def rank(c: str) -> tuple[bool, bool, str]:
        return (c not in inside, unicodedata.normalize("NFKC", c) != c, c)

    out: dict[str, str] = {}
    for source, glyphs in pairs.items():
        if len(source) != 1 or len(glyphs) != 1:
            continue  # a prototype: several sources, or several code points
        (target,) = glyphs
        if len(target) > 1 or len(pairs.get(target, ())) > 1:
            out[source] = target
        else:
            first, second = sorted((source, target), key=rank)
            out[second] = first
    changed = True
    while changed:
        changed = False
        for source, target in out.items():
            mapped = "".join(out.get(c, c) for c in unicodedata.normalize("NFD", target))
            if mapped != target:
                out[source], changed = mapped, True
    return out


def skeleton(text: str) -> str:
    """The confusable skeleton of ``text`` (UTS #39): NFD, every code point replaced by the
    prototype of its look-alikes, NFD again. Two strings that look alike have one skeleton.

    >>> skeleton("b\u0430seline") == skeleton("baseline") == "baseline"  # Cyrillic а
    True
    >>> skeleton("BASEL1NE") == skeleton("BASELINE") == skeleton("BASELlNE")
    True
    """
    table = _prototypes()
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(table.get(c, c) for c in decomposed))


def says_baseline(name: str) -> bool:
    """Whether a reader could read "baseline" in ``name``: NFKC, the visible characters, then
    the skeleton of the case-folded name and the case-folded skeleton of the name (an upper-case
    look-alike such as Cyrillic ``В`` folds to a letter that no longer looks like ``b``).

    >>> [says_baseline(n) for n in ("CRF (Baseline)", "bαse\u200bline", "Base model", "基线")]
    [True, True, False, False]
    """
    shown = visible(unicodedata.normalize("NFKC", name))
    forms = (skeleton(shown.casefold()), skeleton(shown).casefold())
    words = (skeleton(BASELINE_WORD), skeleton(BASELINE_WORD.upper()).casefold())
    return any(word in form for word in words for form in forms)


def check_project_entry(meta: Metadata, submission_id: str, source: str) -> None:
    """Refuse ``"baseline": true``, and a name that says "baseline", outside the project's own
    entries (:data:`PROJECT_ENTRIES`; see the module docstring)."""
    if submission_id in PROJECT_ENTRIES:
        return
    if meta.baseline:
        raise SubmissionError(
            f"{source}: field 'baseline' is true, but only the project's own entries "
            f"({', '.join(sorted(PROJECT_ENTRIES))}) are baselines; leave it out"
        )
    if says_baseline(meta.name):
        raise SubmissionError(
            f"{source}: field 'name' contains {BASELINE_WORD!r} or a look-alike of it, which "
            f"only the project's own entries ({', '.join(sorted(PROJECT_ENTRIES))}) may use; "
            "rename the system"
        )
