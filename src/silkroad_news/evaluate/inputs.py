"""Parse and validate: gold files and prediction files into aligned, typed tables.

Everything refused here raises :class:`SubmissionError` whose message starts with the file and
the line (JSON Lines) or row (Parquet), then the id and the field, and says what was expected.
Values repeated in a message are cut to a fixed length (:func:`~silkroad_news.schema.echo`).

Predictions are read as a stream (:func:`read_predictions`): each line is parsed, aligned with
its gold row and validated before the next is read, and only its compact reading is kept (span
arrays, claims, mentions), so the first problem stops the run without reading the rest of the
file, whatever its size. The ids of missing lines are checked when the file ends.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from .. import files, records, units
from ..files import describe, is_present, sha256_bytes
from ..records import CLAIM_ATTRIBUTES as _CLAIM_ATTRIBUTE_NAMES
from ..records import CLAIM_LABELS, json_fields
from ..schema import (
    N_FOLDS,
    SPLITS,
    TASKS,
    Approx,
    Claim,
    ClaimKind,
    EntityType,
    NumberCategory,
    Protocol,
    SchemaError,
    data_path,
    echo,
    ner_tag_names,
    parse_enum,
)
from ..tags import SpanArrays, TagError, TagSet, decode_ids

GOLD_SUFFIXES = (".parquet", ".jsonl")
PROTOCOL_NAMES: tuple[str, ...] = tuple(Protocol.values())

#: The tag set of the ``ner`` config; its ids are the ClassLabel ids of ``ner_tags``.
NER_TAGS = TagSet.from_names(ner_tag_names())
ENTITY_TYPES: tuple[str, ...] = tuple(EntityType.values())
assert NER_TAGS.labels == ENTITY_TYPES, "ner_tag_names() must list types in EntityType order"

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
#: The labeled attributes of a claim and their enums (kind, approx, ...).
CLAIM_ATTRIBUTES: tuple[tuple[str, type], ...] = tuple(CLAIM_LABELS.items())
#: How a quantity reads: one number, or the two bounds of a range (schema 2.0). A claim or
#: mention field of these names that the schema lacks reads as ``None``.
READING = ("number", "low", "high")
#: What a claim says that is compared as a whole (``number`` stands for the whole reading).
SCORED_CLAIM_ATTRIBUTES: tuple[str, ...] = tuple(
    n for n in _CLAIM_ATTRIBUTE_NAMES if n not in UNSCORED_CLAIM_FIELDS and n not in READING[1:]
)
#: Number categories whose mentions carry a reading (number, low, high, unit, approx).
READ_CATEGORIES: tuple[str, ...] = (NumberCategory.QUANTITY.value, NumberCategory.DURATION.value)
NUMBER_CATEGORIES: tuple[str, ...] = tuple(NumberCategory.values())


class SubmissionError(SchemaError):
    """Input the scorer refuses: a prediction file, a gold file or leaderboard metadata.

    The message names the file, the line (or row), the id and the field.
    """


# --------------------------------------------------------------------------------------------
# Typed tables
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One number mention as the ``numbers`` task reads it (a gold row's or a prediction's).

    ``number``/``low``/``high``/``unit``/``approx`` are set only for the categories in
    :data:`READ_CATEGORIES`; ``unit`` is a code of the unit inventory (:mod:`silkroad_news.units`);
    ``claim`` says that a VALUE of the claim layer has exactly this span. ``unit_text`` is
    optional in a prediction and never scored.
    """

    start: int
    end: int
    text: str
    category: NumberCategory
    number: float | None
    low: float | None
    high: float | None
    unit: str | None
    approx: Approx | None
    claim: bool
    unit_text: str = ""


#: Fields of a mention a prediction may leave out (its text is cut from the passage).
MENTION_OPTIONAL = ("text", "unit_text")
#: The field of a mention that holds a unit code of the inventory.
MENTION_UNIT = "unit"


@dataclass(frozen=True)
class Gold:
    """The gold of one task: one row per scored passage (config row), in reading order.

    ``folds`` holds each row's cross-validation fold (-1 where it is not known); ``seen`` (ner)
    the surface strings of the gold entities that the model scoring each row was trained on
    (``None`` where the training data is unknown); ``whole`` the gold this one was selected
    from (``--fold``: the lines of its other passages are validated against it in full, and not
    scored).
    """

    task: str
    source: str  # the file as named in messages (a union names its files)
    sha256: str
    ids: tuple[str, ...]
    texts: tuple[str, ...]
    #: bootstrap unit (passage) of each row
    units: np.ndarray
    spans: SpanArrays | None = None  # ner: label ids index ENTITY_TYPES
    claims: tuple[tuple[Claim, ...], ...] | None = None  # claims
    mentions: tuple[tuple[Mention, ...], ...] | None = None  # numbers
    folds: np.ndarray | None = None
    protocol: str = Protocol.TEST.value
    fold: int | None = None
    seen: tuple[frozenset[str], ...] | None = None
    whole: Gold | None = field(default=None, repr=False)
    files: tuple[tuple[str, str], ...] = ()  # (file, SHA-256) of every file read
    index: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def n_units(self) -> int:
        return int(self.units.max()) + 1 if self.units.size else 0

    def row_folds(self) -> np.ndarray:
        if self.folds is None:
            return np.full(len(self.ids), -1, dtype=np.int64)
        return self.folds

    def select(self, rows: np.ndarray) -> Gold:
        """The gold of some rows (in their order), remembering the gold it came from
        (:attr:`whole`)."""
        rows = np.asarray(rows, dtype=np.int64)
        new_index = np.full(len(self.ids), -1, dtype=np.int64)
        new_index[rows] = np.arange(rows.size)
        spans = None
        if self.spans is not None:
            m = np.isin(self.spans.row, rows)
            spans = SpanArrays(new_index[self.spans.row[m]], *(a[m] for a in self.spans[1:]))
        ids = tuple(self.ids[r] for r in rows)
        _, units = np.unique(self.units[rows], return_inverse=True)

        def pick(seq: Sequence[Any] | None) -> tuple[Any, ...] | None:
            return None if seq is None else tuple(seq[r] for r in rows)

        return replace(
            self,
            ids=ids,
            texts=tuple(self.texts[r] for r in rows),
            units=units.astype(np.int64),
            spans=spans,
            claims=pick(self.claims),
            mentions=pick(self.mentions),
            folds=None if self.folds is None else self.folds[rows],
            seen=pick(self.seen),
            whole=self.whole or self,
            index={rid: i for i, rid in enumerate(ids)},
        )


@dataclass(frozen=True)
class Predictions:
    """Validated predictions aligned with the gold rows (same order, same length).

    ``forms`` (ner) says how the file gave its entities: ``entities`` (spans), ``tag names``
    or ``tag ids`` (the ClassLabel ids of the ``ner_tags`` feature).
    """

    task: str
    source: str
    sha256: str
    spans: SpanArrays | None = None
    claims: tuple[tuple[Claim, ...], ...] | None = None
    mentions: tuple[tuple[Mention, ...], ...] | None = None
    forms: tuple[str, ...] = ()


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


def _object_line(source: str, number: int, obj: Any) -> Line:
    if not isinstance(obj, dict):
        raise SubmissionError(
            f'{source}: line {number}: expected a JSON object {{"id": ...}}, got {describe(obj)}'
        )
    return Line(source, number, obj)


def parse_jsonl(data: bytes, source: str) -> list[Line]:
    """Split JSON Lines into objects; refuse empty files, non-UTF-8 bytes and bad lines."""
    return [
        _object_line(source, number, obj)
        for number, obj in _schema_check(files.parse_jsonl, data, source)
    ]


def iter_lines(path: Path, digest: Any = None) -> Iterator[Line]:
    """The lines of a JSON Lines file as objects, read one at a time (see the module doc)."""
    source = str(path)
    stream = files.iter_jsonl(Path(path), digest)
    while True:
        try:
            number, obj = next(stream)
        except StopIteration:
            return
        except SubmissionError:
            raise
        except SchemaError as err:
            raise SubmissionError(str(err)) from None
        yield _object_line(source, number, obj)


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
            f"{where}: field {name!r} has class id {echo(value)} outside 0..{len(names) - 1}"
        )
    if isinstance(value, str) and value in names:
        return names.index(value)
    raise SubmissionError(
        f"{where}: field {name!r} has unknown value {echo(value)}; expected one of: "
        f"{', '.join(names)}"
    )


def check_unit_code(code: Any, where: str, name: str = "unit") -> str:
    """A unit as a code of the unit inventory (``CNY``, ``count:家``, ``CNY/t``...)."""
    if not isinstance(code, str) or units.dimension(code) is None:
        raise SubmissionError(
            f"{where}: field {name!r} has {describe(code)}, which is no code of the unit "
            f"inventory {units.INVENTORY_VERSION} (codes such as CNY, %, pp, t, count:家; "
            "see silkroad_news.units)"
        )
    return code


def _fold_value(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < N_FOLDS:
        raise SubmissionError(
            f"{where}: field 'fold' must be a fold 0..{N_FOLDS - 1}, got {describe(value)}"
        )
    return value


def _id_where(line: Line, rid: str) -> str:
    return f"{line.where}: id {echo(rid)}"


# --------------------------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------------------------


def find_gold(task: str, split: str, root: Path, gold: Path | None = None) -> Path:
    """``gold`` if given, else ``<root>/splits/<task>/<split>.parquet`` (or ``.jsonl``)."""
    check_task(task)
    if gold is not None:
        return Path(gold)
    if split not in SPLITS:
        raise SubmissionError(f"unknown split {split!r}; expected one of: {', '.join(SPLITS)}")
    base = Path(root) / data_path(task, split)
    for suffix in GOLD_SUFFIXES:
        if is_present(base.with_suffix(suffix)):
            return base.with_suffix(suffix)
    if not (Path(root) / data_path(task, split).parent.parent).is_dir():
        raise SubmissionError(
            f"{Path(root).resolve()}: no splits/ folder, so this is not the SilkRoad-News "
            "dataset: run the command in the repository, point --root at it "
            "(`silkroad-news evaluate --root PATH ...`) or give the gold file with --gold FILE"
        )
    raise SubmissionError(
        f"{base}: file not found (no .jsonl either); build the dataset or pass --gold"
    )


def check_task(task: str) -> None:
    if task not in TASKS:
        raise SubmissionError(f"unknown task {task!r}; expected one of: {', '.join(TASKS)}")


def gold_rows(path: Path) -> tuple[list[Line], str]:
    """The rows of a gold file (Parquet or JSON Lines) and the SHA-256 of its bytes."""
    return parse_gold(read_bytes(path), Path(path))


def parse_gold(data: bytes, path: Path) -> tuple[list[Line], str]:
    """The rows of gold bytes read from ``path`` (its suffix says the format)."""
    source = str(path)
    if path.suffix == ".parquet":
        rows = _schema_check(files.parquet_rows, data, source)
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
    """Read and check the gold of ``task`` from one Parquet or JSON Lines file."""
    lines, digest = gold_rows(Path(path))
    return gold_from_rows(task, lines, digest)


def gold_from_rows(task: str, lines: Sequence[Line], sha256: str = "") -> Gold:
    """Check gold rows (the Hugging Face config rows) and build the typed table.

    Rows may carry their ``fold`` (dataset 2.0): it is kept when every row has one.
    """
    check_task(task)
    if not lines:
        raise SubmissionError("the gold has no rows")
    if task != "ner":  # Parquet gives the ClassLabel ids of the claims' and mentions' labels
        lines = [_named(line, task) for line in lines]
    source = lines[0].source
    ids: list[str] = []
    texts: list[str] = []
    index: dict[str, int] = {}
    folds: list[int] = []
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
                f"{_id_where(line, rid)}: the id repeats {first.where.removeprefix(source + ': ')}"
                if first.source == line.source
                else f"{_id_where(line, rid)}: the id repeats {first.where}"
            )
        if "fold" in row:
            folds.append(_fold_value(row["fold"], _id_where(line, rid)))
        index[rid] = len(ids)
        ids.append(rid)
        texts.append(row["text"])
    extra = {"ner": _gold_ner, "claims": _gold_claims, "numbers": _gold_numbers}[task](lines)
    return Gold(
        task,
        source,
        sha256,
        tuple(ids),
        tuple(texts),
        np.arange(len(ids), dtype=np.int64),
        folds=np.array(folds, dtype=np.int64) if len(folds) == len(ids) else None,
        index=index,
        **extra,
    )


def _named(line: Line, task: str) -> Line:
    """A built row (Parquet) with its ClassLabel ids turned into names
    (:func:`silkroad_news.records.label_names`); JSON Lines rows are read as written."""
    if line.kind != "row" or not isinstance(line.obj, dict):
        return line
    return replace(line, obj=records.label_names([line.obj], task)[0])


def _gold_ner(lines: Sequence[Line]) -> dict[str, Any]:
    rows: list[list[Any]] = []
    for line in lines:
        row, where = line.obj, _id_where(line, line.obj["id"])
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
        ids, lengths, _ = _class_ids(rows)
        spans = decode_ids(ids, lengths, NER_TAGS)
    except TagError as err:
        line = lines[err.row]
        raise SubmissionError(f"{_id_where(line, line.obj['id'])}: ner_{err}") from None
    return {"spans": spans}


def _class_ids(rows: list[list[Any]]) -> tuple[np.ndarray, np.ndarray, set[str]]:
    """ClassLabel ids of ``ner_tags``-style lists given as ids, as names or both; and which
    forms occurred (``tag ids``, ``tag names``)."""
    kinds = {type(t) for r in rows for t in r}
    n_names = len(NER_TAGS.names)
    if kinds <= {str}:
        return (*NER_TAGS.ids(rows), {"tag names"} if kinds else set())
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    if kinds <= {int} and all(0 <= t < n_names for r in rows for t in r):
        # checked before numpy sees them: an id beyond int64 would overflow there
        ids = np.fromiter((t for r in rows for t in r), dtype=np.int64, count=int(lengths.sum()))
        return ids, lengths, {"tag ids"}
    for r, tags in enumerate(rows):  # slow path only to name the first bad value
        for i, t in enumerate(tags):
            ok = isinstance(t, int) and not isinstance(t, bool) and 0 <= t < n_names
            if not (ok or (isinstance(t, str) and t in NER_TAGS.names)):
                raise TagError(
                    f"{describe(t)} is neither a tag of {', '.join(NER_TAGS.names)} "
                    f"nor a class id 0..{n_names - 1}",
                    index=i,
                    row=r,
                )
    names = {n: i for i, n in enumerate(NER_TAGS.names)}
    flat = [names[t] if isinstance(t, str) else t for r in rows for t in r]
    return np.array(flat, dtype=np.int64), lengths, {"tag ids", "tag names"}


def _gold_claims(lines: Sequence[Line]) -> dict[str, Any]:
    claims = []
    for line in lines:
        row, where = line.obj, _id_where(line, line.obj["id"])
        if "claims" not in row:
            raise SubmissionError(f"{where}: missing field 'claims'")
        items = _list(row["claims"], where, "claims")
        claims.append(_claims(items, row["text"], row["id"], where, gold=True))
    return {"claims": tuple(claims)}


def _gold_numbers(lines: Sequence[Line]) -> dict[str, Any]:
    mentions = []
    for line in lines:
        row, where = line.obj, _id_where(line, line.obj["id"])
        if "mentions" not in row:
            hint = (
                " (this is the schema-1.0 numbers config, one row per mention: rebuild the dataset)"
                if "label" in row
                else ""
            )
            raise SubmissionError(f"{where}: missing field 'mentions'{hint}")
        items = _list(row["mentions"], where, "mentions")
        mentions.append(_mentions(items, row["text"], where, gold=True))
    return {"mentions": tuple(mentions)}


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
        if type(claim.unit) is str:  # schema 2.0: a code of the unit inventory
            check_unit_code(claim.unit, at)
        # the gold's own rule: a number or else a range, never both, nothing negative
        _schema_check(records.check_reading, claim, at)
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


def _mentions(items: list[Any], text: str, where: str, *, gold: bool) -> tuple[Mention, ...]:
    """A row's number mentions, read by the record codec and checked (see the module doc of
    the package: readings only on quantities and durations, unit codes, no overlaps)."""
    out: list[Mention] = []
    for i, item in enumerate(items):
        at = f"{where}: mentions[{i}]"
        obj = item
        if gold and isinstance(item, dict):
            # The config row adds the claim kind (not scored) and stores the category as its
            # ClassLabel id.
            obj = {k: v for k, v in item.items() if k != "kind"}
            kind = item.get("kind")
            if kind is not None:
                enum_value(ClaimKind, kind, at, "kind")
            if isinstance(obj.get("category"), int) and not isinstance(obj["category"], bool):
                c = _label_index(obj["category"], NUMBER_CATEGORIES, at, "category")
                obj["category"] = NUMBER_CATEGORIES[c]
        mention = _schema_check(
            records.record_from_json,
            Mention,
            obj,
            at,
            text=text,
            optional=() if gold else MENTION_OPTIONAL,
            span_text=gold,
        )
        _check_reading(mention, at, gold=gold)
        out.append(mention)
    ordered = sorted(range(len(out)), key=lambda k: (out[k].start, out[k].end))
    for a, b in pairwise(ordered):
        if out[b].start < out[a].end:
            raise SubmissionError(
                f"{where}: mentions[{b}]: span [{out[b].start}, {out[b].end}) overlaps "
                f"mentions[{a}] [{out[a].start}, {out[a].end}); mentions must not overlap"
            )
    return tuple(out[k] for k in ordered)


def _check_reading(m: Mention, at: str, *, gold: bool) -> None:
    """A mention's reading: only on quantities and durations, unit codes, and the gold's rule
    (:func:`silkroad_news.records.check_reading`) wherever a reading is given. A gold quantity
    or duration must be read; a prediction may leave the whole reading null (span and category
    are scored apart)."""
    read = m.category.value in READ_CATEGORIES
    for name in (*READING, "unit", "approx"):
        if not read and getattr(m, name) is not None:
            raise SubmissionError(
                f"{at}: field {name!r} must be null for category {m.category.value!r}; only "
                f"{' and '.join(READ_CATEGORIES)} mentions are read"
            )
    if m.unit is not None:
        check_unit_code(m.unit, at)
    if gold and read and (m.approx is None or (m.number is None and m.low is None)):
        raise SubmissionError(
            f"{at}: a {m.category.value} mention needs 'approx' and a 'number' (or 'low' and "
            "'high' for a range)"
        )
    if read and any(getattr(m, name) is not None for name in READING):
        _schema_check(records.check_reading, m, at, signed=units.signed(m.unit))
    if gold and m.claim and m.category.value != NumberCategory.QUANTITY.value:
        raise SubmissionError(f"{at}: only a quantity can be a claim's VALUE ('claim': true)")


# --------------------------------------------------------------------------------------------
# Validate predictions, line by line
# --------------------------------------------------------------------------------------------


def validate(gold: Gold, lines: Iterable[Line], source: str, sha256: str = "") -> Predictions:
    """Check prediction lines against the gold and align them with the gold rows.

    ``lines`` may be a stream: each line is checked as it comes, the first problem stops.
    """
    return Predictions(gold.task, source, sha256, **_validate_lines(gold, lines, source))


def read_predictions(gold: Gold, path: Path) -> Predictions:
    """Read and validate a predictions file as a stream (see the module docstring)."""
    digest = hashlib.sha256()
    source = str(path)
    payload = _validate_lines(gold, iter_lines(Path(path), digest), source)
    return Predictions(gold.task, source, digest.hexdigest(), **payload)


def predictions_from_rows(
    gold: Gold, rows: Iterable[Mapping[str, Any]], source: str = "<predictions>"
) -> Predictions:
    """Validate in-memory prediction dicts (the submission format) for library users."""
    lines = (Line(source, i, dict(r)) for i, r in enumerate(rows, 1))
    return validate(gold, lines, source)


def _validate_lines(gold: Gold, lines: Iterable[Line], source: str) -> dict[str, Any]:
    collectors = {"ner": _NerLines, "claims": _ClaimLines, "numbers": _NumberLines}
    collector = collectors[gold.task](gold)
    # --fold K: a line of another fold's passage is validated as fully as a scored one (against
    # the whole gold), then dropped
    whole = gold.whole
    others = None if whole is None else collectors[gold.task](whole)
    top = ("fold",) if gold.protocol == Protocol.CV.value else ()
    seen: dict[int, int] = {}  # gold row -> line number
    outside: dict[str, int] = {}
    folds = gold.row_folds()
    for line in lines:
        obj = line.obj
        if "id" not in obj:
            raise SubmissionError(f"{line.where}: missing field 'id'")
        rid = _string(obj["id"], line.where, "id")
        where = _id_where(line, rid)
        row = gold.index.get(rid)
        if row is None and whole is not None and others is not None and rid in whole.index:
            other = whole.index[rid]
            _check_fold(gold, obj, where, int(whole.row_folds()[other]))
            if rid in outside:
                raise SubmissionError(f"{where}: the id repeats line {outside[rid]}")
            outside[rid] = line.number
            others.add(obj, where, other, top)
            continue
        if row is None:
            raise SubmissionError(
                f"{where}: unknown id; it is not in the gold {gold.source} ({len(gold.ids)} rows)"
            )
        _check_fold(gold, obj, where, int(folds[row]))
        if row in seen:
            raise SubmissionError(f"{where}: the id repeats line {seen[row]}")
        seen[row] = line.number
        collector.add(obj, where, row, top)
    if len(seen) < len(gold.ids):
        missing = [rid for r, rid in enumerate(gold.ids) if r not in seen]
        scope = {
            Protocol.TEST.value: "gold row",
            Protocol.CV.value: "passage of every fold",
            Protocol.FULL.value: "passage",
        }[gold.protocol]
        if gold.fold is not None:
            scope = f"passage of fold {gold.fold}"
        raise SubmissionError(
            f"{source}: {len(missing)} gold id(s) have no line, the first is "
            f"{echo(missing[0])}; write one line per {scope}, with nothing predicted where "
            "there is nothing"
        )
    return collector.finish()


def _check_fold(gold: Gold, obj: Mapping[str, Any], where: str, fold: int | None) -> None:
    if gold.protocol != Protocol.CV.value:
        if "fold" in obj:
            raise SubmissionError(
                f"{where}: field 'fold' belongs to protocol cv; under protocol "
                f"{gold.protocol} a line has no fold"
            )
        return
    if "fold" not in obj:
        raise SubmissionError(
            f"{where}: missing field 'fold' (protocol cv: the fold of the passage, whose "
            "model never saw it)"
        )
    given = _fold_value(obj["fold"], where)
    if fold is None or fold < 0:
        raise SubmissionError(f"{where}: the gold gives no fold for this passage")
    if given != fold:
        raise SubmissionError(
            f"{where}: field 'fold' is {given} but the passage is in fold {fold}; under "
            "protocol cv each line comes from the model that never saw the passage's fold"
        )


class _NerLines:
    """Entity spans of each line, from ``entities`` or from BIO ``tags`` (names or ids)."""

    def __init__(self, gold: Gold) -> None:
        self.gold = gold
        self.parts: list[tuple[int, int, int, int]] = []  # row, start, end, label
        self.forms: set[str] = set()
        self.type_index = {t: i for i, t in enumerate(ENTITY_TYPES)}

    def add(self, obj: Mapping[str, Any], where: str, row: int, top: tuple[str, ...]) -> None:
        text = self.gold.texts[row]
        if "entities" in obj and "tags" in obj:
            raise SubmissionError(f"{where}: give either field 'entities' or 'tags', not both")
        if "tags" in obj:
            _fields(obj, where, ("id", "tags"), top)
            self._tags(_list(obj["tags"], where, "tags"), text, where, row)
            return
        if "entities" not in obj:
            raise SubmissionError(f"{where}: missing field 'entities' (or 'tags')")
        _fields(obj, where, ("id", "entities"), top)
        self.forms.add("entities")
        spans = []
        for i, ent in enumerate(_list(obj["entities"], where, "entities")):
            at = f"{where}: entities[{i}]"
            _fields(ent, at, ("start", "end", "type"), ("text",))
            if "text" in ent and not isinstance(ent["text"], str):  # optional, but a string
                shown = describe(ent["text"])
                raise SubmissionError(f"{at}: field 'text' is {shown}, not a string")
            _check_span(text, ent["start"], ent["end"], ent.get("text"), at)
            label = self.type_index[enum_value(EntityType, ent["type"], at, "type").value]
            spans.append((ent["start"], ent["end"], label, i))
        spans.sort()
        for (s0, e0, _, i0), (s1, e1, _, i1) in pairwise(spans):
            if s1 < e0:
                raise SubmissionError(
                    f"{where}: entities[{i1}]: span [{s1}, {e1}) overlaps entities[{i0}] "
                    f"[{s0}, {e0}); predicted entities must not overlap"
                )
        self.parts += [(row, s, e, label) for s, e, label, _ in spans]

    def _tags(self, tags: list[Any], text: str, where: str, row: int) -> None:
        if len(tags) != len(text):
            raise SubmissionError(
                f"{where}: field 'tags' has {len(tags)} tags but the text has {len(text)} "
                f"tokens (one tag per character)"
            )
        kinds = {type(t) for t in tags}
        if not kinds <= {str, int}:  # type(True) is bool, so a boolean lands here too
            i, t = next((i, t) for i, t in enumerate(tags) if type(t) not in (str, int))
            if isinstance(t, bool):
                what = f"tag {describe(t)} at position {i} is a boolean"
            elif isinstance(t, float):
                what = f"tag {t!r} at position {i} is a float"
            else:
                what = f"the tag at position {i} is {describe(t)}"
            raise SubmissionError(
                f"{where}: field 'tags': {what}; tags are names or integer class ids "
                f"(0..{len(NER_TAGS.names) - 1})"
            )
        if kinds == {str, int}:
            raise SubmissionError(
                f"{where}: field 'tags' mixes tag names and class ids; give one or the other"
            )
        try:
            if kinds <= {str}:
                ids, lengths = NER_TAGS.ids([tags])
                form = "tag names"
            else:
                ids, lengths, _ = _class_ids([tags])
                form = "tag ids"
            arr = decode_ids(ids, lengths, NER_TAGS)
        except TagError as err:
            raise SubmissionError(f"{where}: {err}") from None
        if tags:
            self.forms.add(form)
        self.parts += [
            (row, int(s), int(e), int(lab))
            for s, e, lab in zip(arr.start, arr.end, arr.label, strict=True)
        ]

    def finish(self) -> dict[str, Any]:
        cols = np.array(self.parts, dtype=np.int64).reshape(-1, 4)
        order = np.lexsort((cols[:, 1], cols[:, 0]))
        cols = cols[order]
        spans = SpanArrays(cols[:, 0], cols[:, 1], cols[:, 2], cols[:, 3])
        return {"spans": spans, "forms": tuple(sorted(self.forms))}


class _ClaimLines:
    def __init__(self, gold: Gold) -> None:
        self.gold = gold
        self.rows: dict[int, tuple[Claim, ...]] = {}

    def add(self, obj: Mapping[str, Any], where: str, row: int, top: tuple[str, ...]) -> None:
        _fields(obj, where, ("id", "claims"), top)
        items = _list(obj["claims"], where, "claims")
        self.rows[row] = _claims(items, self.gold.texts[row], self.gold.ids[row], where, gold=False)

    def finish(self) -> dict[str, Any]:
        return {"claims": tuple(self.rows[r] for r in range(len(self.gold.ids)))}


class _NumberLines:
    def __init__(self, gold: Gold) -> None:
        self.gold = gold
        self.rows: dict[int, tuple[Mention, ...]] = {}

    def add(self, obj: Mapping[str, Any], where: str, row: int, top: tuple[str, ...]) -> None:
        _fields(obj, where, ("id", "mentions"), ("text", *top))
        text = self.gold.texts[row]
        if "text" in obj and obj["text"] != text:
            raise SubmissionError(
                f"{where}: field 'text' differs from the gold text of this passage "
                f"({len(text)} characters); leave it out or copy it exactly"
            )
        items = _list(obj["mentions"], where, "mentions")
        self.rows[row] = _mentions(items, text, where, gold=False)

    def finish(self) -> dict[str, Any]:
        return {"mentions": tuple(self.rows[r] for r in range(len(self.gold.ids)))}
