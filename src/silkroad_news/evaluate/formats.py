"""JSON Schemas of the submission formats, generated from ``schema.py``.

``schemas/submission/<task>.schema.json`` document one line of a predictions file (JSON Schema
draft 2020-12) for tools and humans; the label lists come from the enums in
:mod:`silkroad_news.schema`, so they cannot drift from what the scorer accepts. What JSON Schema
cannot say (offsets inside the text, no overlapping entities, strict BIO, one line per gold id,
finite numbers) is in each schema's description and enforced by
:func:`silkroad_news.evaluate.validate`. ``metadata.schema.json`` documents a leaderboard entry's
``metadata.json``. ``tests/test_evaluate.py`` fails when the committed files differ from these.

Regenerate with ``silkroad-news evaluate --write-schemas``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..files import dumps_json, write_many_atomic
from ..records import CLAIM_LABELS, field_types, json_fields
from ..schema import Claim, EntityType, Span, ner_tag_names, number_labels
from .inputs import CLAIM_FIELDS, UNSCORED_CLAIM_FIELDS

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
            "type": "number",
            "description": "fully scaled (亿 = 1e8, 万 = 1e4); percentages in percent",
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
    from ..leaderboard import metadata_json_schema  # leaderboard builds on this package

    schemas = {
        "ner.schema.json": ner_schema(),
        "claims.schema.json": claims_schema(),
        "numbers.schema.json": numbers_schema(),
        "metadata.schema.json": metadata_json_schema(),
    }
    return {name: dumps_json(s, indent=2) for name, s in schemas.items()}


def write_schema_files(root: Path) -> list[Path]:
    files = {Path(root) / SCHEMA_DIR / name: text for name, text in schema_files().items()}
    write_many_atomic(files)
    return sorted(files)
