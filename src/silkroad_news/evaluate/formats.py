"""JSON Schemas of the submission formats, generated from ``schema.py``.

``schemas/submission/<task>.schema.json`` document one line of a predictions file (JSON Schema
draft 2020-12) for tools and humans; the label lists come from the enums in
:mod:`silkroad_news.schema`, so they cannot drift from what the scorer accepts. What JSON Schema
cannot say (offsets inside the text, no overlapping entities, strict BIO, one line per gold id,
finite numbers) is in each schema's description and enforced by
:func:`silkroad_news.evaluate.validate`. ``metadata.schema.json`` documents a leaderboard entry's
``metadata.json``, which :func:`parse_metadata` reads strictly (:class:`Metadata`): a submission
is a folder ``leaderboard/submissions/<id>/`` with that file and its predictions files, read by
the leaderboard. A test fails when the committed files differ from these.

Regenerate with ``silkroad-news schemas`` (``--check`` compares instead).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import describe, dumps_json, write_many_atomic
from ..records import CLAIM_LABELS, field_types, json_fields
from ..schema import Claim, EntityType, Span, StrEnum, ner_tag_names, number_labels
from .inputs import (
    CLAIM_FIELDS,
    NEW_CLAIM_FIELDS,
    UNSCORED_CLAIM_FIELDS,
    SubmissionError,
    enum_value,
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
    "equal text[start:end]. NaN and Infinity are refused."
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
        "per character of the text: I-X must follow B-X or I-X), not both.",
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
                "tags": {"type": "array", "items": {"enum": ner_tag_names()}},
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
        return {
            "type": ["number", "null"] if nullable else "number",
            "description": "fully scaled (亿 = 1e8, 万 = 1e4); percentages in percent"
            + ("; null unless a range" if name in NEW_CLAIM_FIELDS else "")
            + ("; null only for a range" if name == "number" else ""),
        }
    return {"enum": CLAIM_LABELS[name].values()}


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
        "At most one claim per value span; metric, subject and time are spans or null.",
        {
            "type": "object",
            "required": ["id", "claims"],
            "properties": {"id": _id(), "claims": {"type": "array", "items": claim}},
            "additionalProperties": False,
            "$defs": {"span": _span("a span of the row's text")},
        },
    )


def numbers_schema() -> dict[str, Any]:
    return _schema(
        "numbers",
        "The label of one number mention, by name.",
        {
            "type": "object",
            "required": ["id", "label"],
            "properties": {"id": _id(), "label": {"enum": number_labels()}},
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
    "name": (True, "string", "display name of the system"),
    "description": (True, "string", "what the system is, in a sentence or two"),
    "authors": (True, "array", "people, as a non-empty list of names"),
    "team": (False, "string", "team or organisation"),
    "url": (False, "string", "paper or code, an http(s) URL"),
    "date": (True, "string", "submission date, YYYY-MM-DD"),
    "model_type": (True, "string", f"one of: {', '.join(ModelType.values())}"),
    "baseline": (False, "boolean", "true for the project's own baselines (default false)"),
}


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


def metadata_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``metadata.json``."""
    props: dict[str, Any] = {}
    for name, (_, kind, text) in METADATA_FIELDS.items():
        prop: dict[str, Any] = {"type": kind, "description": text}
        if kind == "string":
            prop["minLength"] = 1
        props[name] = prop
    props["authors"]["items"] = {"type": "string", "minLength": 1}
    props["authors"]["minItems"] = 1
    props["date"]["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
    props["model_type"]["enum"] = ModelType.values()
    props["url"]["pattern"] = r"^https?://"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "SilkRoad-News leaderboard submission metadata",
        "description": "leaderboard/submissions/<id>/metadata.json; unknown fields are errors.",
        "type": "object",
        "required": [n for n, (req, _, _) in METADATA_FIELDS.items() if req],
        "properties": props,
        "additionalProperties": False,
    }


def parse_metadata(obj: Any, source: str) -> Metadata:
    """Check a parsed ``metadata.json`` strictly and return it typed."""
    if not isinstance(obj, dict):
        raise SubmissionError(f"{source}: expected a JSON object, got {describe(obj)}")
    for name in obj:
        if name not in METADATA_FIELDS:
            raise SubmissionError(
                f"{source}: unknown field {name!r}; allowed: {', '.join(METADATA_FIELDS)}"
            )
    for name, (required, kind, text) in METADATA_FIELDS.items():
        if name not in obj:
            if required:
                raise SubmissionError(f"{source}: missing field {name!r} ({text})")
            continue
        value = obj[name]
        if kind == "boolean" and not isinstance(value, bool):
            raise SubmissionError(f"{source}: field {name!r} must be true or false")
        if kind == "string" and (not isinstance(value, str) or not value.strip() or "\n" in value):
            raise SubmissionError(
                f"{source}: field {name!r} must be a non-empty one-line string, "
                f"got {describe(value)}"
            )
    authors = obj["authors"]
    if (
        not isinstance(authors, list)
        or not authors
        or not all(isinstance(a, str) and a.strip() and "\n" not in a for a in authors)
    ):
        raise SubmissionError(
            f"{source}: field 'authors' must be a non-empty list of names, got {describe(authors)}"
        )
    date = obj["date"]
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ValueError
        _dt.date.fromisoformat(date)
    except ValueError:
        raise SubmissionError(
            f"{source}: field 'date' must be a date YYYY-MM-DD, got {date!r}"
        ) from None
    url = obj.get("url")
    if url is not None and not re.match(r"https?://\S+$", url):
        raise SubmissionError(f"{source}: field 'url' must be an http(s) URL, got {url!r}")
    model_type = enum_value(ModelType, obj["model_type"], source, "model_type")
    return Metadata(
        name=obj["name"],
        description=obj["description"],
        authors=tuple(authors),
        date=date,
        model_type=model_type,
        team=obj.get("team"),
        url=url,
        baseline=obj.get("baseline", False),
    )


def read_metadata(path: Path) -> Metadata:
    return parse_metadata(parse_json(read_bytes(path), str(path)), str(path))
