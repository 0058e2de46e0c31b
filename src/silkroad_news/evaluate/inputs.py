"""Parse and validate: gold files and prediction files into aligned, typed tables.

Everything refused here raises :class:`SubmissionError` whose message starts with the file and
the line (JSON Lines) or row (Parquet), then the id and the field, and says what was expected.
The first problem stops the run: later messages would often be consequences of the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from .. import files, records
from ..files import describe, sha256_bytes
from ..records import CLAIM_LABELS, json_fields
from ..schema import (
    SPLITS,
    TASKS,
    Claim,
    EntityType,
    SchemaError,
    Span,
    data_path,
    ner_tag_names,
    number_labels,
    parse_enum,
)
from ..tags import SpanArrays, TagError, TagSet, decode_ids

GOLD_SUFFIXES = (".parquet", ".jsonl")

#: The tag set of the ``ner`` config; its ids are the ClassLabel ids of ``ner_tags``.
NER_TAGS = TagSet.from_names(ner_tag_names())
ENTITY_TYPES: tuple[str, ...] = tuple(EntityType.values())
assert NER_TAGS.labels == ENTITY_TYPES, "ner_tag_names() must list types in EntityType order"
NUMBER_LABELS: tuple[str, ...] = tuple(number_labels())

#: Claim fields a prediction may leave out, and that are never scored: the ``id`` (the scorer
#: numbers claims itself; the claims config rows carry one) and ``unit_text``.
UNSCORED_CLAIM_FIELDS = ("id", "unit_text")
#: Fields schema 2.0 added to a claim (a range's bounds); a prediction may leave them out
#: (null), so that submissions written for schema 1.0 still read.
NEW_CLAIM_FIELDS = ("low", "high")
_OPTIONAL_CLAIM_FIELDS = (*UNSCORED_CLAIM_FIELDS, *NEW_CLAIM_FIELDS)
#: Fields of one claim in a prediction, from ``schema.Claim``: required, then optional.
CLAIM_FIELDS: tuple[tuple[str, ...], tuple[str, ...]] = (
    tuple(n for n in json_fields(Claim) if n not in _OPTIONAL_CLAIM_FIELDS),
    tuple(n for n in json_fields(Claim) if n in _OPTIONAL_CLAIM_FIELDS),
)
#: The parts a claim links (metric, subject, time).
CLAIM_PARTS: tuple[str, ...] = records.CLAIM_PARTS
#: The labeled attributes of a claim and their enums (unit, kind, approx, ...).
CLAIM_ATTRIBUTES: tuple[tuple[str, type], ...] = tuple(CLAIM_LABELS.items())


class SubmissionError(SchemaError):
    """Input the scorer refuses: a prediction file, a gold file or leaderboard metadata.

    The message names the file, the line (or row), the id and the field.
    """


# --------------------------------------------------------------------------------------------
# Typed tables
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gold:
    """The gold of one task and split, one row per config row, in file order."""

    task: str
    source: str  # the file as named in messages
    sha256: str
    ids: tuple[str, ...]
    texts: tuple[str, ...]
    #: bootstrap unit (passage) of each row; rows are passages except in ``numbers``
    units: np.ndarray
    spans: SpanArrays | None = None  # ner: label ids index ENTITY_TYPES
    claims: tuple[tuple[Claim, ...], ...] | None = None  # claims
    labels: np.ndarray | None = None  # numbers: ids index NUMBER_LABELS
    index: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def n_units(self) -> int:
        return int(self.units.max()) + 1 if self.units.size else 0


@dataclass(frozen=True)
class Predictions:
    """Validated predictions aligned with the gold rows (same order, same length)."""

    task: str
    source: str
    sha256: str
    spans: SpanArrays | None = None
    claims: tuple[tuple[Claim, ...], ...] | None = None
    labels: np.ndarray | None = None


@dataclass(frozen=True)
class Line:
    """One parsed line (or Parquet row) and where it came from."""

    source: str
    number: int
    obj: Any
    kind: str = "line"

    @property
    def where(self) -> str:
        return f"{self.source}: {self.kind} {self.number}"


# --------------------------------------------------------------------------------------------
# Parse
# --------------------------------------------------------------------------------------------


def parse_jsonl(data: bytes, source: str) -> list[Line]:
    """Split JSON Lines into objects; refuse empty files, non-UTF-8 bytes and bad lines."""
    lines = []
    for number, obj in _schema_check(files.parse_jsonl, data, source):
        if not isinstance(obj, dict):
            raise SubmissionError(
                f'{source}: line {number}: expected a JSON object {{"id": ...}}, '
                f"got {describe(obj)}"
            )
        lines.append(Line(source, number, obj))
    return lines


def parse_json(data: bytes, source: str) -> Any:
    """One JSON document (such as ``metadata.json``), with the same refusals as a line."""
    return _schema_check(files.parse_json, data, source)


def read_lines(path: Path) -> tuple[list[Line], str]:
    """Parse a JSON Lines file; returns its lines and the SHA-256 of its bytes."""
    data = read_bytes(path)
    return parse_jsonl(data, str(path)), sha256_bytes(data)


def read_bytes(path: Path) -> bytes:
    return _schema_check(files.read_bytes, path)


# --------------------------------------------------------------------------------------------
# Field checks shared by gold and predictions
# --------------------------------------------------------------------------------------------


def _fields(obj: Any, where: str, required: Iterable[str], optional: Iterable[str] = ()) -> None:
    _schema_check(records.fields_of, obj, where, required, optional)


def _list(value: Any, where: str, name: str) -> list[Any]:
    return _schema_check(records.list_of, value, where, name)


def _string(value: Any, where: str, name: str) -> str:
    return _schema_check(records.string, value, where, name)


def _check_span(text: str, start: Any, end: Any, span_text: Any, where: str) -> None:
    _schema_check(records.check_offsets, text, start, end, span_text, where)


def _schema_check(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    # schema.py's checks raise SchemaError; the scorer has one error type.
    try:
        return fn(*args, **kwargs)
    except SubmissionError:
        raise
    except SchemaError as err:
        raise SubmissionError(str(err)) from None


def enum_value(enum_cls: type, value: Any, where: str, name: str) -> Any:
    """``schema.parse_enum`` raising the scorer's error type."""
    return _schema_check(parse_enum, enum_cls, value, where, name)


def _label_index(value: Any, names: Sequence[str], where: str, name: str) -> int:
    """A ClassLabel value: its integer id or its name."""
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < len(names):
            return value
        raise SubmissionError(
            f"{where}: field {name!r} has class id {value} outside 0..{len(names) - 1}"
        )
    if isinstance(value, str) and value in names:
        return names.index(value)
    raise SubmissionError(
        f"{where}: field {name!r} has unknown value {value!r}; expected one of: {', '.join(names)}"
    )


# --------------------------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------------------------


def find_gold(task: str, split: str, root: Path, gold: Path | None = None) -> Path:
    """``gold`` if given, else ``<root>/splits/<task>/<split>.parquet`` (or ``.jsonl``)."""
    if task not in TASKS:
        raise SubmissionError(f"unknown task {task!r}; expected one of: {', '.join(TASKS)}")
    if gold is not None:
        return Path(gold)
    if split not in SPLITS:
        raise SubmissionError(f"unknown split {split!r}; expected one of: {', '.join(SPLITS)}")
    base = Path(root) / data_path(task, split)
    for suffix in GOLD_SUFFIXES:
        if base.with_suffix(suffix).is_file():
            return base.with_suffix(suffix)
    raise SubmissionError(
        f"{base}: file not found (no .jsonl either); build the dataset or pass --gold"
    )


def _gold_rows(path: Path, task: str) -> tuple[list[Line], str]:
    data = read_bytes(path)
    source = str(path)
    if path.suffix == ".parquet":
        rows = _schema_check(files.parquet_rows, data, source)
        # schema 2.0: the claims' and mentions' closed vocabularies are ClassLabel ids there
        rows = records.label_names(rows, task) if task != "ner" else rows
        # Parquet rows are numbered from 0, as dataset[i] numbers them.
        lines = [Line(source, i, row, kind="row") for i, row in enumerate(rows)]
    elif path.suffix == ".jsonl":
        lines = parse_jsonl(data, source)
    else:
        raise SubmissionError(f"{source}: gold must be a .parquet or .jsonl file")
    if not lines:
        raise SubmissionError(f"{source}: the gold has no rows")
    return lines, sha256_bytes(data)


def read_gold(task: str, path: Path) -> Gold:
    """Read and check the gold of ``task`` from a Parquet or JSON Lines file."""
    lines, digest = _gold_rows(Path(path), task)
    return gold_from_rows(task, lines, digest)


def gold_from_rows(task: str, lines: Sequence[Line], sha256: str = "") -> Gold:
    """Check gold rows (the Hugging Face config rows) and build the typed table."""
    if task not in TASKS:
        raise SubmissionError(f"unknown task {task!r}; expected one of: {', '.join(TASKS)}")
    if not lines:
        raise SubmissionError("the gold has no rows")
    if task == "numbers":
        lines = _mention_lines(lines)
    source = lines[0].source
    ids: list[str] = []
    texts: list[str] = []
    index: dict[str, int] = {}
    for line in lines:
        row = line.obj
        if not isinstance(row, dict):
            raise SubmissionError(f"{line.where}: expected an object, got {describe(row)}")
        for name in ("id", "text"):
            if name not in row:
                raise SubmissionError(f"{line.where}: missing field {name!r}")
            _string(row[name], line.where, name)
        rid = row["id"]
        if rid in index:
            first = lines[index[rid]]
            raise SubmissionError(
                f"{line.where}: id {rid!r}: the id repeats {first.kind} {first.number}"
            )
        index[rid] = len(ids)
        ids.append(rid)
        texts.append(row["text"])
    extra = {"ner": _gold_ner, "claims": _gold_claims, "numbers": _gold_numbers}[task](lines)
    units = extra.pop("units", np.arange(len(ids), dtype=np.int64))
    return Gold(task, source, sha256, tuple(ids), tuple(texts), units, index=index, **extra)


def _mention_lines(lines: Sequence[Line]) -> list[Line]:
    """Schema 2.0 ``numbers`` rows (one per passage, with ``mentions``) as the rows of the
    mention classification this scorer scores (one per mention, labeled by claim kind or
    ``not_claim``); rows already in that form pass unchanged."""
    out = []
    for line in lines:
        if isinstance(line.obj, dict) and "mentions" in line.obj:
            out += [
                Line(line.source, line.number, r, line.kind)
                for r in records.mention_label_rows(line.obj)
            ]
        else:
            out.append(line)
    return out


def _gold_ner(lines: Sequence[Line]) -> dict[str, Any]:
    rows: list[list[Any]] = []
    for line in lines:
        row, where = line.obj, f"{line.where}: id {line.obj['id']!r}"
        for name in ("tokens", "ner_tags"):
            if name not in row:
                raise SubmissionError(f"{where}: missing field {name!r}")
        tokens = _list(row["tokens"], where, "tokens")
        if tokens != list(row["text"]):
            raise SubmissionError(
                f"{where}: field 'tokens' must be the characters of 'text' "
                f"({len(row['text'])} code points), got {len(tokens)} tokens"
            )
        tags = _list(row["ner_tags"], where, "ner_tags")
        if len(tags) != len(tokens):
            raise SubmissionError(
                f"{where}: field 'ner_tags' has {len(tags)} tags for {len(tokens)} tokens"
            )
        rows.append(tags)
    try:
        ids, lengths = _class_ids(rows)
        spans = decode_ids(ids, lengths, NER_TAGS)
    except TagError as err:
        line = lines[err.row]
        raise SubmissionError(f"{line.where}: id {line.obj['id']!r}: ner_{err}") from None
    return {"spans": spans}


def _class_ids(rows: list[list[Any]]) -> tuple[np.ndarray, np.ndarray]:
    """ClassLabel ids of gold ``ner_tags`` given as ids (Parquet) or as names (JSON Lines)."""
    kinds = {type(t) for r in rows for t in r}
    if kinds <= {str}:
        return NER_TAGS.ids(rows)
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    if kinds <= {int}:
        ids = np.fromiter((t for r in rows for t in r), dtype=np.int64, count=int(lengths.sum()))
        if ids.size == 0 or (ids.min() >= 0 and ids.max() < len(NER_TAGS.names)):
            return ids, lengths
    for r, tags in enumerate(rows):  # slow path only to name the first bad value
        for i, t in enumerate(tags):
            ok = isinstance(t, int) and not isinstance(t, bool) and 0 <= t < len(NER_TAGS.names)
            if not (ok or t in NER_TAGS.names):
                raise TagError(
                    f"{describe(t)} is neither a tag of {', '.join(NER_TAGS.names)} "
                    f"nor a class id 0..{len(NER_TAGS.names) - 1}",
                    index=i,
                    row=r,
                )
    # A mix of ids and names is legal but unusual: convert names one by one.
    names = {n: i for i, n in enumerate(NER_TAGS.names)}
    flat = [names[t] if isinstance(t, str) else t for r in rows for t in r]
    return np.array(flat, dtype=np.int64), lengths


def _gold_claims(lines: Sequence[Line]) -> dict[str, Any]:
    claims = []
    for line in lines:
        row, where = line.obj, f"{line.where}: id {line.obj['id']!r}"
        if "claims" not in row:
            raise SubmissionError(f"{where}: missing field 'claims'")
        items = _list(row["claims"], where, "claims")
        claims.append(_claims(items, row["text"], row["id"], where, gold=True))
    return {"claims": tuple(claims)}


def _gold_numbers(lines: Sequence[Line]) -> dict[str, Any]:
    labels = []
    passages: dict[tuple[Any, str], int] = {}
    units = []
    for line in lines:
        row, where = line.obj, f"{line.where}: id {line.obj['id']!r}"
        for name in ("mention", "label", "doc_id"):
            if name not in row:
                raise SubmissionError(f"{where}: missing field {name!r}")
        _schema_check(
            records.record_from_json, Span, row["mention"], f"{where}: mention", text=row["text"]
        )
        labels.append(_label_index(row["label"], NUMBER_LABELS, where, "label"))
        # A numbers row is a mention; its passage (same document, same text) is the bootstrap
        # unit, because mentions of one passage are not independent draws.
        units.append(passages.setdefault((row["doc_id"], row["text"]), len(passages)))
    return {
        "labels": np.array(labels, dtype=np.int64),
        "units": np.array(units, dtype=np.int64),
    }


def _claims(items: list[Any], text: str, rid: str, where: str, *, gold: bool) -> tuple[Claim, ...]:
    """A row's claims, read by the record codec. Gold claims carry their spans' text and a
    ``unit_text``; predictions may leave out the unscored fields and the spans' text."""
    out: list[Claim] = []
    seen: dict[tuple[int, int], int] = {}
    # the built claims config gives every gold claim its id; ids are never scored
    optional = ("id", *NEW_CLAIM_FIELDS) if gold else _OPTIONAL_CLAIM_FIELDS
    for i, item in enumerate(items):
        at = f"{where}: claims[{i}]"
        claim = _schema_check(
            records.record_from_json,
            Claim,
            item,
            at,
            text=text,
            optional=optional,
            given={"id": f"{rid}#claims[{i}]"},
            span_text=gold,
            part_where=_dotted,
        )
        key = (claim.value.start, claim.value.end)
        if key in seen:
            raise SubmissionError(
                f"{at}.value: span [{key[0]}, {key[1]}) is also the value of "
                f"claims[{seen[key]}]; one claim per value span"
            )
        seen[key] = i
        out.append(claim)
    return tuple(out)


def _dotted(where: str, name: str) -> str:
    return f"{where}.{name}"


# --------------------------------------------------------------------------------------------
# Validate predictions
# --------------------------------------------------------------------------------------------


def validate(gold: Gold, lines: Sequence[Line], source: str, sha256: str = "") -> Predictions:
    """Check prediction lines against the gold and align them with the gold rows."""
    rows = list(_align(gold, lines, source))
    check = {"ner": _predicted_ner, "claims": _predicted_claims, "numbers": _predicted_numbers}
    return Predictions(gold.task, source, sha256, **check[gold.task](gold, rows))


def _align(gold: Gold, lines: Sequence[Line], source: str) -> Iterator[tuple[Line, str, int]]:
    """Yield ``(line, where, gold_row)`` in gold order; refuse unknown, repeated, missing ids."""
    at_row: dict[int, tuple[Line, str]] = {}
    for line in lines:
        obj = line.obj
        if "id" not in obj:
            raise SubmissionError(f"{line.where}: missing field 'id'")
        rid = _string(obj["id"], line.where, "id")
        where = f"{line.where}: id {rid!r}"
        row = gold.index.get(rid)
        if row is None:
            raise SubmissionError(
                f"{where}: unknown id; it is not in the gold {gold.source} ({len(gold.ids)} rows)"
            )
        if row in at_row:
            raise SubmissionError(f"{where}: the id repeats line {at_row[row][0].number}")
        at_row[row] = (line, where)
    if len(at_row) < len(gold.ids):
        missing = [rid for r, rid in enumerate(gold.ids) if r not in at_row]
        raise SubmissionError(
            f"{source}: {len(missing)} gold id(s) have no line, the first is {missing[0]!r}; "
            f"write one line per gold row, with nothing predicted where there is nothing"
        )
    for row in range(len(gold.ids)):
        line, where = at_row[row]
        yield line, where, row


def _predicted_ner(gold: Gold, rows: list[tuple[Line, str, int]]) -> dict[str, Any]:
    starts: list[int] = []
    ends: list[int] = []
    types: list[int] = []
    owners: list[int] = []
    tag_rows: list[int] = []
    tag_lists: list[list[str]] = []
    type_index = {t: i for i, t in enumerate(ENTITY_TYPES)}
    for line, where, row in rows:
        obj, text = line.obj, gold.texts[row]
        if "entities" in obj and "tags" in obj:
            raise SubmissionError(f"{where}: give either field 'entities' or 'tags', not both")
        if "tags" in obj:
            _fields(obj, where, ("id", "tags"))
            tags = _list(obj["tags"], where, "tags")
            if len(tags) != len(text):
                raise SubmissionError(
                    f"{where}: field 'tags' has {len(tags)} tags but the text has {len(text)} "
                    f"tokens (one tag per character)"
                )
            tag_rows.append(row)
            tag_lists.append(tags)
            continue
        if "entities" not in obj:
            raise SubmissionError(f"{where}: missing field 'entities' (or 'tags')")
        _fields(obj, where, ("id", "entities"))
        spans = []
        for i, ent in enumerate(_list(obj["entities"], where, "entities")):
            at = f"{where}: entities[{i}]"
            _fields(ent, at, ("start", "end", "type"), ("text",))
            _check_span(text, ent["start"], ent["end"], ent.get("text"), at)
            label = type_index[enum_value(EntityType, ent["type"], at, "type").value]
            spans.append((ent["start"], ent["end"], label, i))
        spans.sort()
        for (s0, e0, _, i0), (s1, e1, _, i1) in pairwise(spans):
            if s1 < e0:
                raise SubmissionError(
                    f"{where}: entities[{i1}]: span [{s1}, {e1}) overlaps entities[{i0}] "
                    f"[{s0}, {e0}); predicted entities must not overlap"
                )
        for s, e, label, _ in spans:
            starts.append(s)
            ends.append(e)
            types.append(label)
            owners.append(row)
    parts = [
        SpanArrays(
            np.array(owners, dtype=np.int64),
            np.array(starts, dtype=np.int64),
            np.array(ends, dtype=np.int64),
            np.array(types, dtype=np.int64),
        )
    ]
    if tag_lists:
        parts.append(_decode_tag_rows(tag_lists, tag_rows, rows))
    return {"spans": _sorted_spans(parts)}


def _decode_tag_rows(
    tag_lists: list[list[str]], tag_rows: list[int], rows: list[tuple[Line, str, int]]
) -> SpanArrays:
    try:
        ids, lengths = NER_TAGS.ids(tag_lists)
        arr = decode_ids(ids, lengths, NER_TAGS)
    except TagError as err:
        raise SubmissionError(f"{rows[tag_rows[err.row]][1]}: {err}") from None
    owner = np.array(tag_rows, dtype=np.int64)
    return SpanArrays(owner[arr.row], arr.start, arr.end, arr.label)


def _sorted_spans(parts: list[SpanArrays]) -> SpanArrays:
    cat = SpanArrays(*(np.concatenate([getattr(p, f) for p in parts]) for f in SpanArrays._fields))
    order = np.lexsort((cat.start, cat.row))
    return SpanArrays(*(a[order] for a in cat))


def _predicted_claims(gold: Gold, rows: list[tuple[Line, str, int]]) -> dict[str, Any]:
    claims = []
    for line, where, row in rows:
        _fields(line.obj, where, ("id", "claims"))
        items = _list(line.obj["claims"], where, "claims")
        claims.append(_claims(items, gold.texts[row], gold.ids[row], where, gold=False))
    return {"claims": tuple(claims)}


def _predicted_numbers(gold: Gold, rows: list[tuple[Line, str, int]]) -> dict[str, Any]:
    labels = []
    for line, where, _ in rows:
        _fields(line.obj, where, ("id", "label"))
        label = line.obj["label"]
        # Predictions name labels; integer ids would silently depend on the label order.
        if not isinstance(label, str):
            raise SubmissionError(
                f"{where}: field 'label' must be a label name such as 'amount', "
                f"got {describe(label)}"
            )
        labels.append(_label_index(label, NUMBER_LABELS, where, "label"))
    return {"labels": np.array(labels, dtype=np.int64)}


def predictions_from_rows(
    gold: Gold, rows: Iterable[Mapping[str, Any]], source: str = "<predictions>"
) -> Predictions:
    """Validate in-memory prediction dicts (the submission format) for library users."""
    lines = [Line(source, i, dict(r)) for i, r in enumerate(rows, 1)]
    return validate(gold, lines, source)
