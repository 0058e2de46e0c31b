"""The one codec of SilkRoad-News records: every record shape to and from JSON, strictly.

Record shapes are the dataclasses of :mod:`silkroad_news.schema` (spans, entities, claims,
number mentions, passages, provenance, the gold records
:class:`~silkroad_news.schema.PassageAnnotation` and
:class:`~silkroad_news.schema.PassageMentions`, articles, ...). Their field lists and types
come from ``dataclasses.fields`` and the type hints, never from a list written here or by a
caller, so a field added to the schema reaches every reader and writer at once.

Writing (pure)
--------------
:func:`to_json` gives the canonical form of any record, the one the gold file, the clean corpus
and the dataset rows use: every field, enums as their values, tuples as lists, an absent part as
``null``. Keys follow the dataclass order, except that a ``text`` field comes before ``start``
and ``end`` (what a span is, then where it is): this is the column order of the dataset.
``shift`` moves every ``start``/``end`` (passage offsets to document offsets).
:func:`submission_claim` is a claim as a submission line carries it (no ``id``).

Reading (strict)
----------------
:func:`record_from_json` reads any record and is the reader every other reader uses. It refuses,
with one :class:`~silkroad_news.schema.SchemaError` whose message starts with ``where`` and names
the field: a value that is not an object; a missing field; an unknown field (the message lists
the allowed ones); a value of the wrong type, saying what it got (``the string '3'``, ``null``,
``NaN``); an empty string where ``nonempty``; a number that is not finite; an unknown label; a
unit that is no code of the unit inventory (:mod:`silkroad_news.units`; a claim's unit is one
of its simple codes, a number mention's may be a compound such as ``CNY/t``); a
span that is empty, outside its text, or whose ``text`` differs from ``text[start:end]``
(Python code points: ``𠮷`` is one). Lighter forms of the same records, such as a submission's
claim (``id`` and ``unit_text`` optional, spans without their text), are read by the same
function with ``optional`` and ``span_text``.

:func:`annotation_from_json` reads a gold record and checks its invariants
(:func:`validate_annotation`): no overlapping entities, no overlapping VALUEs, ids used once,
numbers finite and not negative, a number or else a range (``low <= high``), and number,
range and unit equal to what the recognizer reads for the VALUE where it reads the VALUE as
one quantity (:func:`recognizer_reading`; flagged, never rewritten).
:func:`mentions_from_json` reads a record of the number-mention layer and checks it
(:func:`validate_mentions`): ids used once, no overlapping mentions, readings only on
quantities and durations, a unit that is one of the codes its ``unit_text`` stands for.
:func:`check_layers` checks the two layers of a passage against each other: every claim VALUE
is exactly one ``quantity`` mention with the same number, range, unit and approx.
:func:`migrate_claim_v1` turns a schema-1.0 claim (JSON) into a 2.0 one.

Seen and unseen entities
------------------------
:func:`training_folds` says which folds a system was trained on when it predicts a passage of a
fold under a protocol (``test``, ``cv``, ``full``); :func:`seen_surfaces` gives the surface
strings of the gold entities of those folds, and :func:`unseen_entities` flags the entities
whose surface is not among them (the scorer's ``unseen.*`` figures and the dataset card).

>>> from silkroad_news.schema import Span
>>> to_json(Span(start=2, end=4, text="喀什"), shift=10)
{'text': '喀什', 'start': 12, 'end': 14}
>>> record_from_json(Span, {"start": 2, "end": 4}, "x", text="新疆喀什", span_text=False)
Span(start=2, end=4, text='喀什')
>>> record_from_json(Span, {"start": 2, "end": 4, "txt": "喀什"}, "line 1", text="新疆喀什")
Traceback (most recent call last):
...
silkroad_news.schema.SchemaError: line 1: missing field 'text'
>>> CLAIM_PARTS
('metric', 'subject', 'time')
>>> CLAIM_ATTRIBUTES
('number', 'low', 'high', 'unit', 'unit_text', 'kind', 'approx', 'direction', 'modality')
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
import math
import types
import typing
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cache
from typing import Any

from . import units
from .files import describe
from .schema import (
    READ_CATEGORIES,
    SPLIT_OF_FOLD,
    Claim,
    NumberCategory,
    NumberMention,
    PassageAnnotation,
    PassageMentions,
    Protocol,
    SchemaError,
    Span,
    Split,
    check_span,
    parse_enum,
)

# --------------------------------------------------------------------------------------------
# Fields, from the dataclasses
# --------------------------------------------------------------------------------------------


@cache
def json_fields(cls: type) -> tuple[str, ...]:
    """The fields of a record in JSON order: the dataclass order, ``text`` before ``start``."""
    names = [f.name for f in dataclasses.fields(cls)]
    if "text" in names and "start" in names:
        names.remove("text")
        names.insert(names.index("start"), "text")
    return tuple(names)


@cache
def field_types(cls: type) -> dict[str, tuple[Any, bool]]:
    """Field name → (type, nullable): ``Span | None`` gives ``(Span, True)``."""
    out = {}
    for name, tp in typing.get_type_hints(cls).items():
        args = typing.get_args(tp)
        if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
            inner = [a for a in args if a is not type(None)]
            if len(inner) != 1:
                raise TypeError(
                    f"{cls.__name__}.{name}: unions other than X | None are not records"
                )
            out[name] = (inner[0], True)
        else:
            out[name] = (tp, False)
    return out


def field_metadata(cls: type) -> dict[str, Mapping[str, Any]]:
    """Field name → the field's ``dataclasses.field(metadata=...)``."""
    return {f.name: f.metadata for f in dataclasses.fields(cls)}


def _is_span_like(cls: type) -> bool:
    """A record that is itself a span of its container: it has ``start``, ``end`` and ``text``."""
    return {"start", "end", "text"} <= set(json_fields(cls))


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


#: The spans of a claim: its VALUE, then the parts it links.
CLAIM_SPANS: tuple[str, ...] = tuple(
    n for n in json_fields(Claim) if field_types(Claim)[n][0] is Span
)
#: The parts a claim links (METRIC, SUBJECT, TIME); each may be absent.
CLAIM_PARTS: tuple[str, ...] = tuple(n for n in CLAIM_SPANS if field_types(Claim)[n][1])
#: What a claim says about its VALUE: every field but the id and the spans.
CLAIM_ATTRIBUTES: tuple[str, ...] = tuple(
    n for n in json_fields(Claim) if n != "id" and n not in CLAIM_SPANS
)


#: A number mention's reading: what a quantity or a duration carries beyond its span and
#: category (empty for the other categories).
MENTION_READING: tuple[str, ...] = tuple(
    n for n in json_fields(NumberMention) if n not in ("id", "category", *json_fields(Span))
)
#: What a claim and the number mention of its VALUE must agree on: the reading they share,
#: but the unit as written (``100(80)km/h``: one ``km/h`` for two claims).
LAYER_FIELDS: tuple[str, ...] = tuple(
    n for n in MENTION_READING if n in CLAIM_ATTRIBUTES and n != "unit_text"
)


def unit_codes(cls: type, name: str) -> str | None:
    """How a field's unit codes are checked: ``"inventory"`` (a code of the unit inventory),
    ``"compound"`` (or ``A/B`` of two), ``None`` for a field that is no unit."""
    return field_metadata(cls)[name].get("unit_codes")


def class_labels(cls: type) -> dict[str, list[str]]:
    """The fields of a record that the dataset stores as ClassLabels, with their names in
    ClassLabel order: a closed vocabulary (an enum of the schema, or the unit inventory's codes
    for a unit that cannot be a compound) on a field that is never null."""
    out = {}
    for name in json_fields(cls):
        tp, nullable = field_types(cls)[name]
        if nullable:
            continue
        if unit_codes(cls, name) == "inventory":
            out[name] = list(units.CODES)
        elif _is_enum(tp):
            out[name] = [m.value for m in tp]
    return out


#: The attributes with a closed vocabulary, with its enum: the schema's enums, and for the
#: unit the inventory's codes (:class:`silkroad_news.units.UnitCode`).
CLAIM_LABELS: dict[str, type[enum.Enum]] = {
    n: units.UnitCode if unit_codes(Claim, n) else tp
    for n in CLAIM_ATTRIBUTES
    if unit_codes(Claim, n) or _is_enum(tp := field_types(Claim)[n][0])
}


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def to_json(value: Any, shift: int = 0) -> Any:
    """The canonical JSON form of a record (or of a tuple of records; see the module doc)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for name in json_fields(type(value)):
            v = getattr(value, name)
            if name in ("start", "end") and isinstance(v, int):
                out[name] = v + shift
            else:
                out[name] = to_json(v, shift)
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_json(v, shift) for v in value]
    return value


def submission_claim(claim: Claim) -> dict[str, Any]:
    """A claim as a ``claims`` submission line carries it: canonical, without its ``id``."""
    out = to_json(claim)
    del out["id"]
    return out


def annotation_to_json(a: PassageAnnotation) -> dict[str, Any]:
    """A gold record (one passage) in the form of ``annotations/gold.jsonl``."""
    return to_json(a)


# --------------------------------------------------------------------------------------------
# Reading: checks of single values
# --------------------------------------------------------------------------------------------


def fields_of(
    obj: Any, where: str, required: Iterable[str], optional: Iterable[str] = ()
) -> dict[str, Any]:
    """``obj`` as a dict with every ``required`` field and no field outside ``optional``."""
    if not isinstance(obj, dict):
        raise SchemaError(f"{where}: expected an object, got {describe(obj)}")
    required = tuple(required)
    allowed = (*required, *optional)
    for name in required:
        if name not in obj:
            raise SchemaError(f"{where}: missing field {name!r}")
    for name in obj:
        if name not in allowed:
            raise SchemaError(f"{where}: unknown field {name!r}; allowed: {', '.join(allowed)}")
    return obj


def string(value: Any, where: str, name: str, *, nonempty: bool = False) -> str:
    if not isinstance(value, str):
        raise SchemaError(f"{where}: field {name!r} must be a string, got {describe(value)}")
    if nonempty and not value:
        raise SchemaError(f"{where}: field {name!r} is empty")
    return value


def integer(value: Any, where: str, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SchemaError(f"{where}: field {name!r} must be an integer, got {describe(value)}")
    return value


def boolean(value: Any, where: str, name: str) -> bool:
    if not isinstance(value, bool):
        raise SchemaError(f"{where}: field {name!r} must be true or false, got {describe(value)}")
    return value


def finite(value: Any, where: str, name: str) -> float:
    """A JSON number as a finite float (integers too); NaN, Infinity and overflow refused."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SchemaError(f"{where}: field {name!r} must be a finite number, got {describe(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise SchemaError(
            f"{where}: field {name!r} must be a finite number, got a number too large for a float"
        ) from None
    if not math.isfinite(number):
        raise SchemaError(
            f"{where}: field {name!r} must be a finite number, got {value!r} (not finite)"
        )
    return number


def list_of(value: Any, where: str, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise SchemaError(f"{where}: field {name!r} must be a list, got {describe(value)}")
    return value


def check_offsets(text: str, start: Any, end: Any, span_text: Any, where: str) -> None:
    """:func:`~silkroad_news.schema.check_span`, with a hint when the text has a character
    outside the BMP: browser tools count UTF-16 units, which shifts their offsets."""
    try:
        check_span(text, start, end, span_text, where)
    except SchemaError as err:
        if any(ord(ch) > 0xFFFF for ch in text):
            raise SchemaError(
                f"{err} (offsets count code points: a character outside the BMP such as 𠮷 is one)"
            ) from None
        raise


# --------------------------------------------------------------------------------------------
# Reading: records
# --------------------------------------------------------------------------------------------


def _field_where(where: str, name: str) -> str:
    return f"{where}: field {name!r}"


def _item_where(where: str, cls: type, index: int, item: Any) -> str:
    """``entity 'e1'`` when the item carries a string id, else ``entity 0`` (its index)."""
    label = cls.__name__.lower()
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"{where}: {label} {item['id']!r}"
    return f"{where}: {label} {index}"


@dataclasses.dataclass(frozen=True)
class _Form:
    """How strictly a JSON form is read (see :func:`record_from_json`)."""

    span_text: bool
    nonempty: bool
    part_where: Callable[[str, str], str]


def record_from_json(
    cls: type,
    obj: Any,
    where: str,
    *,
    text: str | None = None,
    shift: int = 0,
    optional: Collection[str] = (),
    given: Mapping[str, Any] | None = None,
    span_text: bool = True,
    nonempty: bool = False,
    part_where: Callable[[str, str], str] = _field_where,
) -> Any:
    """Read one record of dataclass ``cls`` strictly (see the module docstring).

    ``text`` is the container of the record's spans; a record that has its own ``text`` field
    and is not itself a span (a gold record) is the container of the records inside it.
    ``shift`` is added to every offset read before it is checked (document offsets to passage
    offsets). Fields in ``optional`` may be absent (then they take their default, ``""`` or
    ``None``); fields in ``given`` take the given value whatever the JSON holds. Spans must
    carry their text unless ``span_text`` is false (then it is cut from the container); strings
    must not be empty when ``nonempty``. ``part_where`` names a nested field in messages.
    """
    form = _Form(span_text, nonempty, part_where)
    given = dict(given or {})
    names = json_fields(cls)
    if _is_span_like(cls) and not span_text:
        optional = {*optional, "text"}
    required = [n for n in names if n not in optional]
    fields_of(obj, where, required, [n for n in names if n in optional])
    hints = field_types(cls)
    values: dict[str, Any] = {}
    container = text
    if _is_span_like(cls):
        if container is None:
            raise TypeError(f"reading a {cls.__name__} needs the text it is a span of")
        start, end = obj["start"], obj["end"]
        if "text" in obj and not isinstance(obj["text"], str):
            # present means a string: a null text would pass the span check unchecked
            raise SchemaError(
                f"{where}: field 'text' must be a string, got {describe(obj['text'])}"
            )
        if shift:
            start, end = integer(start, where, "start") + shift, integer(end, where, "end") + shift
        check_offsets(container, start, end, obj.get("text"), where)
        values.update(start=start, end=end, text=container[start:end])
    for name in names:
        if name in values:
            continue
        if name in given:
            values[name] = given[name]
        elif name not in obj:
            values[name] = _default(cls, name)
        else:
            tp, nullable = hints[name]
            values[name] = _read_value(tp, nullable, obj[name], where, name, container, shift, form)
            if name == "text" and isinstance(values[name], str):
                container = values[name]  # the container of the records read after it
            codes = unit_codes(cls, name)
            if codes is not None and values[name] is not None:
                unit_code(values[name], where, name, compound=codes == "compound")
    return cls(**values)


def unit_code(value: str, where: str, name: str = "unit", *, compound: bool = False) -> str:
    """``value`` if it is a code of the unit inventory (or, with ``compound``, ``A/B`` of two)."""
    if units.is_code(value, compound=compound):
        return value
    hint = " (a schema-1.0 unit: a count is now count:<measure word>)" if value == "count" else ""
    raise SchemaError(
        f"{where}: field {name!r} has unknown value {value!r}; expected a code of the unit "
        f"inventory {units.INVENTORY_VERSION} such as CNY, %, pp, t, km, count:个{hint}"
    )


def _default(cls: type, name: str) -> Any:
    f = next(f for f in dataclasses.fields(cls) if f.name == name)
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    tp, nullable = field_types(cls)[name]
    return None if nullable else tp()


def _read_value(
    tp: Any,
    nullable: bool,
    value: Any,
    where: str,
    name: str,
    container: str | None,
    shift: int,
    form: _Form,
) -> Any:
    if value is None:
        if nullable:
            return None
        if tp is Span:
            raise SchemaError(f"{where}: field {name!r} is null; a claim needs a {name.upper()}")
    if dataclasses.is_dataclass(tp):
        return record_from_json(
            tp,
            value,
            form.part_where(where, name),
            text=container,
            shift=shift,
            span_text=form.span_text,
            nonempty=form.nonempty,
            part_where=form.part_where,
        )
    if _is_enum(tp):
        return parse_enum(tp, value, where, name)
    if tp is str:
        return string(value, where, name, nonempty=form.nonempty)
    if tp is bool:
        return boolean(value, where, name)
    if tp is int:
        return integer(value, where, name)
    if tp is float:
        return finite(value, where, name)
    if typing.get_origin(tp) is tuple:
        return _read_tuple(tp, value, where, name, container, shift, form)
    raise TypeError(f"field {name!r}: no JSON reader for {tp!r}")


def _read_tuple(
    tp: Any, value: Any, where: str, name: str, container: str | None, shift: int, form: _Form
) -> tuple[Any, ...]:
    items = list_of(value, where, name)
    args = typing.get_args(tp)
    if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]: a list of X
        item = args[0]
        if dataclasses.is_dataclass(item):
            return tuple(
                record_from_json(
                    item,
                    x,
                    _item_where(where, item, i, x),
                    text=container,
                    shift=shift,
                    span_text=form.span_text,
                    nonempty=form.nonempty,
                    part_where=form.part_where,
                )
                for i, x in enumerate(items)
            )
        return tuple(
            _read_value(item, False, x, where, f"{name}[{i}]", container, shift, form)
            for i, x in enumerate(items)
        )
    if len(items) != len(args):  # a fixed tuple, such as an alignment run (int, int, int)
        raise SchemaError(f"{where}: field {name!r} must hold {len(args)} values, got {len(items)}")
    return tuple(
        _read_value(a, False, x, where, f"{name}[{i}]", container, shift, form)
        for i, (a, x) in enumerate(zip(args, items, strict=True))
    )


# --------------------------------------------------------------------------------------------
# The gold record
# --------------------------------------------------------------------------------------------


def annotation_from_json(d: Any, where: str) -> PassageAnnotation:
    """Read and check one gold record; ``where`` names the file and line for messages."""
    if isinstance(d, dict) and isinstance(d.get("passage_id"), str):
        where = f"{where}: passage {d['passage_id']!r}"
    ann = record_from_json(PassageAnnotation, d, where, nonempty=True)
    validate_annotation(ann, where)
    return ann


def _overlaps(spans: Iterable[tuple[int, int, str]]) -> tuple[str, str] | None:
    for (_, e1, id1), (s2, _, id2) in itertools.pairwise(sorted(spans)):
        if s2 < e1:
            return id1, id2
    return None


@dataclasses.dataclass(frozen=True)
class Reading:
    """What the recognizer reads for one quantity: number or range, unit code, approx."""

    number: float | None
    low: float | None
    high: float | None
    unit: str | None
    approx: str


def recognizer_reading(text: str, start: int, end: int) -> Reading | None:
    """The recognizer's reading of ``text[start:end]``: the quantity it finds with exactly that
    span in ``text`` (the passage: context decides ``100(80)km/h``), else the one quantity it
    finds covering the whole span read alone; ``None`` when it reads neither (the annotator's
    reading stands).

    >>> recognizer_reading("同比增長67.2%,達564.32億元", 11, 19)
    Reading(number=56432000000.0, low=None, high=None, unit='CNY', approx='exact')
    >>> recognizer_reading("增長67.2%", 0, 7) is None
    True
    """
    from .numbers import find_quantities

    def read(q: Any) -> Reading:
        def f(x: Any) -> float | None:
            return None if x is None else float(x)

        return Reading(f(q.number), f(q.low), f(q.high), q.unit, q.approx.value)

    for q in find_quantities(text):
        if (q.start, q.end) == (start, end) and q.category is NumberCategory.QUANTITY:
            return read(q)
    alone = find_quantities(text[start:end])
    if len(alone) == 1 and (alone[0].start, alone[0].end) == (0, end - start):
        return read(alone[0])
    return None


def normalized_number(value_text: str) -> float | None:
    """The number the recognizer reads from a VALUE's text alone, when it reads exactly one
    quantity covering the whole text; ``None`` when it cannot say.

    >>> normalized_number("564.32億元"), normalized_number("增長67.2%")
    (56432000000.0, None)
    """
    reading = recognizer_reading(value_text, 0, len(value_text))
    return None if reading is None else reading.number


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


def check_reading(record: Any, where: str, name: str = "number", *, signed: bool = False) -> None:
    """A claim's or a mention's number, low and high: finite, not negative, a number or else a
    range with ``low <= high`` (``name`` is what a message calls the number). Not negative for
    every kind of claim, a change or a difference too: the number is written as a magnitude
    and a claim's ``direction`` says up or down (guidelines, section 2). A number mention
    keeps the sign the text writes (``同比-5.3%``, ``零下18℃``; guidelines, section 4) where its
    unit is of a signed dimension (:data:`~silkroad_news.units.SIGNED_DIMENSIONS`): ``signed``.

    The gold (:func:`validate_annotation`, :func:`validate_mentions`) and the scorer's
    predictions are held to this one rule."""
    for field_name in ("number", "low", "high"):
        x = getattr(record, field_name)
        if x is not None and not math.isfinite(x):
            raise SchemaError(f"{where}: field {field_name!r} must be a finite number, got {x!r}")
        if x is not None and x < 0 and not signed:
            why = (
                f"only a mention of a unit of {', '.join(sorted(units.SIGNED_DIMENSIONS))} "
                "may be negative"
                if hasattr(record, "category")
                else "numbers are magnitudes, never negative (a claim says a decline with "
                "direction 'down'; guidelines, section 2)"
            )
            raise SchemaError(f"{where}: field {field_name!r} is {x!r}, below zero; {why}")
    if record.number is not None:
        if record.low is not None or record.high is not None:
            raise SchemaError(
                f"{where}: fields 'low' and 'high' are for a range and must be null when "
                f"{name!r} is set"
            )
    elif record.low is None or record.high is None:
        raise SchemaError(
            f"{where}: field {name!r} is null, so 'low' and 'high' must hold the range"
        )
    elif record.low > record.high:
        raise SchemaError(f"{where}: field 'low' ({record.low!r}) exceeds 'high' ({record.high!r})")


def validate_annotation(a: PassageAnnotation, where: str) -> None:
    """Check the invariants of one passage's gold (see the module docstring)."""
    for e in a.entities:
        check_span(a.text, e.start, e.end, e.text, f"{where}: entity {e.id!r}")
    clash = _overlaps((e.start, e.end, e.id) for e in a.entities)
    if clash:
        raise SchemaError(f"{where}: entities {clash[0]!r} and {clash[1]!r} overlap")
    ids = [e.id for e in a.entities] + [c.id for c in a.claims]
    dup = next((i for i, n in Counter(ids).items() if n > 1), None)
    if dup is not None:
        raise SchemaError(f"{where}: id {dup!r} is used twice")
    for c in a.claims:
        w = f"{where}: claim {c.id!r}"
        for name in CLAIM_SPANS:
            s = getattr(c, name)
            if s is not None:
                check_span(a.text, s.start, s.end, s.text, f"{w}: field {name!r}")
        check_reading(c, w)
        unit_code(c.unit, w)
        reading = recognizer_reading(a.text, c.value.start, c.value.end)
        if reading is None:
            continue
        for name in ("number", "low", "high"):
            mine, read = getattr(c, name), getattr(reading, name)
            if not _same_number(mine, read):
                raise SchemaError(
                    f"{w}: field {name!r} is {mine!r} but the VALUE {c.value.text!r} "
                    f"normalizes to {read!r}"
                )
        if reading.unit is not None and reading.unit != c.unit:
            raise SchemaError(
                f"{w}: field 'unit' is {c.unit!r} but the recognizer reads the VALUE "
                f"{c.value.text!r} as {reading.unit!r}"
            )
    clash = _overlaps((c.value.start, c.value.end, c.id) for c in a.claims)
    if clash:
        raise SchemaError(f"{where}: the VALUEs of claims {clash[0]!r} and {clash[1]!r} overlap")


# --------------------------------------------------------------------------------------------
# The number-mention layer
# --------------------------------------------------------------------------------------------


def mentions_to_json(m: PassageMentions) -> dict[str, Any]:
    """A record of the number-mention layer in the form of ``annotations/mentions.jsonl``."""
    return to_json(m)


def mentions_from_json(d: Any, where: str) -> PassageMentions:
    """Read and check one record of the number-mention layer (see the module docstring)."""
    if isinstance(d, dict) and isinstance(d.get("passage_id"), str):
        where = f"{where}: passage {d['passage_id']!r}"
    rec = record_from_json(PassageMentions, d, where)
    for name in ("passage_id", "doc_id", "text"):
        string(getattr(rec, name), where, name, nonempty=True)
    validate_mentions(rec, where)
    return rec


def validate_mentions(m: PassageMentions, where: str) -> None:
    """Check the invariants of one passage's number mentions (see the module docstring)."""
    dup = next((i for i, n in Counter(x.id for x in m.mentions).items() if n > 1), None)
    if dup is not None:
        raise SchemaError(f"{where}: id {dup!r} is used twice")
    for x in m.mentions:
        w = f"{where}: mention {x.id!r} ({x.text!r})"
        string(x.id, w, "id", nonempty=True)
        check_span(m.text, x.start, x.end, x.text, w)
        if x.category not in READ_CATEGORIES:
            set_fields = [n for n in MENTION_READING if n != "unit_text" and getattr(x, n)]
            if set_fields or x.unit_text:
                field_name = set_fields[0] if set_fields else "unit_text"
                raise SchemaError(
                    f"{w}: field {field_name!r} must be empty for a {x.category.value}; only "
                    f"{' and '.join(c.value for c in READ_CATEGORIES)} mentions carry a reading"
                )
            continue
        check_reading(x, w, signed=units.signed(x.unit))
        if x.approx is None:
            raise SchemaError(f"{w}: field 'approx' is null; a {x.category.value} needs one")
        if not x.unit_text:
            if x.unit is not None:
                raise SchemaError(f"{w}: field 'unit' is {x.unit!r} but 'unit_text' is empty")
            continue
        codes = units.codes_of(x.unit_text)
        if not codes:
            raise SchemaError(
                f"{w}: field 'unit_text' {x.unit_text!r} is no unit of the unit inventory "
                f"{units.INVENTORY_VERSION}"
            )
        if x.unit not in codes:
            raise SchemaError(
                f"{w}: field 'unit' is {x.unit!r} but 'unit_text' {x.unit_text!r} stands for "
                f"{' or '.join(codes)}"
            )
    clash = _overlaps((x.start, x.end, x.id) for x in m.mentions)
    if clash:
        raise SchemaError(f"{where}: mentions {clash[0]!r} and {clash[1]!r} overlap")


def layer_disagreements(a: PassageAnnotation, m: PassageMentions) -> list[str]:
    """Every place the claim layer and the mention layer of one passage disagree, one line
    each (empty when they agree): a VALUE that is not exactly one ``quantity`` mention, or a
    field of :data:`LAYER_FIELDS` that differs."""
    if (a.passage_id, a.text) != (m.passage_id, m.text):
        return [f"the two layers are of other passages or texts ({a.passage_id}, {m.passage_id})"]
    by_span = {(x.start, x.end): x for x in m.mentions}
    out = []
    for c in a.claims:
        at = f"claim {c.id!r} (VALUE {c.value.text!r} at {c.value.start})"
        x = by_span.get((c.value.start, c.value.end))
        if x is None:
            out.append(f"{at}: no number mention has the VALUE's span")
            continue
        if x.category is not NumberCategory.QUANTITY:
            out.append(f"{at}: its mention {x.id!r} has category {x.category.value}, not quantity")
            continue
        for name in LAYER_FIELDS:
            mine, theirs = getattr(c, name), getattr(x, name)
            if name == "approx":
                mine, theirs = mine.value, theirs.value if theirs is not None else None
            same = (
                _same_number(mine, theirs) if name in ("number", "low", "high") else mine == theirs
            )
            if not same:
                out.append(
                    f"{at}: field {name!r} is {mine!r}, its mention {x.id!r} says {theirs!r}"
                )
    return out


def check_layers(a: PassageAnnotation, m: PassageMentions, where: str) -> None:
    """Raise naming the first place the two layers of a passage disagree."""
    problems = layer_disagreements(a, m)
    if problems:
        raise SchemaError(f"{where}: passage {a.passage_id!r}: {problems[0]}")


# --------------------------------------------------------------------------------------------
# Rows of the built dataset
# --------------------------------------------------------------------------------------------


def label_names(rows: Iterable[Mapping[str, Any]], config: str) -> list[dict[str, Any]]:
    """Rows of a built config as Parquet gives them (ClassLabel ids) with every ClassLabel id
    turned into its name (:func:`class_labels`; ``ner_tags`` by
    :func:`~silkroad_news.schema.ner_tag_names`); names pass unchanged. For readers of the
    built files that want names (the scorer, the baselines)."""
    from .schema import ner_tag_names

    def named(item: Mapping[str, Any], labels: Mapping[str, list[str]]) -> dict[str, Any]:
        return {
            k: labels[k][v] if k in labels and isinstance(v, int) else v for k, v in item.items()
        }

    nested = {"claims": ("claims", Claim), "numbers": ("mentions", NumberMention)}
    tags = ner_tag_names()
    out = []
    for row in rows:
        row = dict(row)
        if config == "ner":
            row["ner_tags"] = [tags[t] if isinstance(t, int) else t for t in row["ner_tags"]]
        elif config in nested and isinstance(row.get(nested[config][0]), list):
            key, cls = nested[config]  # else not a 2.0 row: left as is, for its reader to refuse
            row[key] = [
                named(x, class_labels(cls)) if isinstance(x, Mapping) else x for x in row[key]
            ]
        out.append(row)
    return out


def mention_label_rows(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A ``numbers`` row (one per passage) as the schema-1.0 mention classification saw it: one
    row per mention, labeled with its claim's kind or ``not_claim``; ids ``<passage_id>-n<NN>``
    in text order. For the readers that still score or train that task."""
    from .schema import NOT_CLAIM

    return [
        {
            "id": f"{row['id']}-n{k:02d}",
            "doc_id": row["doc_id"],
            "passage_id": row["id"],
            "text": row["text"],
            "mention": {"text": m["text"], "start": m["start"], "end": m["end"]},
            "label": m["kind"] if m["claim"] else NOT_CLAIM,
        }
        for k, m in enumerate(sorted(row["mentions"], key=lambda m: (m["start"], m["end"])), 1)
    ]


# --------------------------------------------------------------------------------------------
# Schema 1.0
# --------------------------------------------------------------------------------------------


def migrate_claim_v1(claim: Mapping[str, Any]) -> dict[str, Any]:
    """A claim of schema 1.0 (JSON) in the form of schema 2.0: its ``unit`` becomes a code of
    the unit inventory (``count`` -> ``count:<measure word>`` from ``unit_text``, through
    :func:`silkroad_news.units.migrate_unit_v1`), and the range bounds ``low``/``high`` are
    added as null (schema 1.0 had no ranges). Anything else is kept as it is; a claim already
    in the 2.0 form is returned unchanged.

    >>> migrate_claim_v1({"number": 3.0, "unit": "count", "unit_text": "個"})
    {'number': 3.0, 'low': None, 'high': None, 'unit': 'count:个', 'unit_text': '個'}
    """
    out: dict[str, Any] = {}
    for key, value in claim.items():
        if key == "unit" and isinstance(value, str) and value in units.V1_UNITS:
            value = units.migrate_unit_v1(value, str(claim.get("unit_text", "")))
        out[key] = value
        if key == "number":
            out.setdefault("low", claim.get("low"))
            out.setdefault("high", claim.get("high"))
    return out


# --------------------------------------------------------------------------------------------
# Seen and unseen entities
# --------------------------------------------------------------------------------------------


def training_folds(protocol: str, fold: int) -> frozenset[int]:
    """The folds whose gold a system had for training when it predicts a passage of ``fold``.

    ``test``: train and validation (folds 1-4) for the test split, train for the validation
    split and for the train split itself; ``cv``: the other four folds; ``full``: none.

    >>> sorted(training_folds("test", 0)), sorted(training_folds("cv", 2))
    ([1, 2, 3, 4], [0, 1, 3, 4])
    >>> training_folds("full", 0)
    frozenset()
    """
    folds = frozenset(SPLIT_OF_FOLD)
    if protocol == Protocol.FULL.value:
        return frozenset()
    if protocol == Protocol.CV.value:
        return folds - {fold}
    if protocol != Protocol.TEST.value:
        raise SchemaError(f"unknown protocol {protocol!r}")
    before = {Split.TEST.value: (Split.TRAIN.value, Split.VALIDATION.value)}
    splits = before.get(SPLIT_OF_FOLD[fold], (Split.TRAIN.value,))
    return frozenset(k for k in folds if SPLIT_OF_FOLD[k] in splits)


def seen_surfaces(
    surfaces_by_fold: Mapping[int, Iterable[str]], protocol: str, fold: int
) -> frozenset[str]:
    """The surface strings of the gold entities in the training folds of ``fold`` (see
    :func:`training_folds`). An entity is *unseen* when its exact surface (script as written)
    is not among them."""
    return frozenset(s for k in training_folds(protocol, fold) for s in surfaces_by_fold.get(k, ()))


def unseen_entities(entities: Iterable[tuple[int, str]], protocol: str) -> list[bool]:
    """For every gold entity ``(fold, surface)`` of a config, whether it is unseen by the
    system that predicts its passage under ``protocol`` (the dataset card counts these).

    >>> unseen_entities([(0, "喀什"), (1, "喀什"), (0, "霍尔果斯"), (2, "伊犁")], "cv")
    [False, False, True, True]
    """
    items = list(entities)
    by_fold: dict[int, set[str]] = {}
    for fold, surface in items:
        by_fold.setdefault(fold, set()).add(surface)
    seen = {k: seen_surfaces(by_fold, protocol, k) for k in {f for f, _ in items}}
    return [surface not in seen[fold] for fold, surface in items]


def span_diff(
    before: Mapping[tuple[int, int], Any],
    after: Mapping[tuple[int, int], Any],
    noun: str,
    describe: Callable[[Any], str],
    changed: Callable[[Any, Any], str | None],
) -> list[str]:
    """One line per record added, removed or changed between two versions of a passage's
    records keyed by span, in span order: ``<noun> added <describe(new)>``, ``<noun> removed
    <describe(old)>``, and ``<noun> changed <changed(old, new)>`` where ``changed`` gives a
    line (``None``: the same)."""
    out = []
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        if a is None:
            out.append(f"{noun} added {describe(b)}")
        elif b is None:
            out.append(f"{noun} removed {describe(a)}")
        elif (line := changed(a, b)) is not None:
            out.append(f"{noun} changed {line}")
    return out
