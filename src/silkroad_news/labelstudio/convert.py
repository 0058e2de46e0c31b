"""Pure conversion between canonical passage annotations and Label Studio results.

Contract:

- :func:`to_labelstudio` turns a :class:`~silkroad_news.schema.PassageAnnotation` into the
  ``result`` list of a Label Studio annotation, in the shape the Label Studio editor itself
  produces; :func:`from_labelstudio` reads one annotation of a full-JSON export task back.
  ``from_labelstudio(task, {"result": to_labelstudio(a), ...}) == normalize(a)`` with the
  provenance filled in: the round trip is exact, floats included.
- Offsets are Python code points, end exclusive, into the passage text (``task.data.text``),
  which is also what Label Studio writes, after characters outside the BMP too.
- A claim is one VALUE region (label ``claim``/``VALUE``) with its seven per-region attributes
  (kind, approx, direction, modality, unit as choices; number as ``repr(float)`` and unit_text
  in text areas) plus relations from it to a METRIC, SUBJECT and TIME region. The SUBJECT end
  may instead be an entity region. In :func:`to_labelstudio` a subject whose span is exactly an
  entity's span links to that entity region, and METRIC/SUBJECT/TIME spans shared by several
  claims become one region (``同比分别增长1.7%、31.4%``: two VALUEs, one METRIC).
- Canonical order and ids (:func:`normalize`): entities sorted by (start, end, type) with ids
  ``<passage_id>-e<N>``, claims sorted by their VALUE span with ids ``<passage_id>-c<N>``,
  N counting from 1. Label Studio region ids are random strings chosen by the editor, so the
  canonical ids can only come from the order.
- Region ids written by :func:`to_labelstudio` are deterministic: ``e<N>`` (entities),
  ``v<N>`` (VALUEs), ``m<N>``/``s<N>``/``t<N>`` (METRIC/SUBJECT/TIME) in canonical order.
- Everything the server accepts but we cannot represent raises :class:`LabelStudioError`
  naming the task, the region and the field: region text that is not ``text[start:end]``,
  unknown controls or labels, relations to missing regions, relations between two VALUEs (a
  claim has one VALUE) or between two non-VALUE regions, two relations of one label from one
  VALUE, a METRIC/SUBJECT/TIME region linked to no VALUE, a VALUE without all its attributes,
  attributes on a region that is not a VALUE, a number that is not a finite non-negative
  float, overlapping entity regions, overlapping VALUE regions (the rules of
  :func:`silkroad_news.records.validate_annotation`), skipped (cancelled) annotations.
- Relation direction carries no meaning here: the VALUE end identifies the claim, whichever way
  the annotator drew the arrow. An unlabeled relation takes its role from the region it points
  to; a labeled one must agree with it.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from silkroad_news.files import describe
from silkroad_news.labelstudio.config import (
    ATTRIBUTES,
    CHOICE_ATTRIBUTES,
    CLAIM,
    ENTITY,
    TEXT,
    TEXT_ATTRIBUTES,
    choice_value,
    stored_choice,
)
from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.records import CLAIM_PARTS, CLAIM_SPANS, field_types
from silkroad_news.schema import (
    Claim,
    ClaimPart,
    Entity,
    EntityType,
    PassageAnnotation,
    Provenance,
    RelationLabel,
    SchemaError,
    Span,
    StrEnum,
    check_span,
    parse_enum,
)
from silkroad_news.units import (
    V1_UNITS,
    dimension,
    fold,
    lookup,
    migrate_unit_v1,
    readings,
    schema_v1_unit,
)

#: Which claim part each relation label links to, and the Claim field that holds it.
PART_OF_RELATION: dict[RelationLabel, ClaimPart] = {
    RelationLabel.METRIC: ClaimPart.METRIC,
    RelationLabel.SUBJECT: ClaimPart.SUBJECT,
    RelationLabel.TIME: ClaimPart.TIME,
}
RELATION_OF_PART = {part: rel for rel, part in PART_OF_RELATION.items()}
_NO_NESTING = "entities must not overlap"
_ONE_VALUE = "the VALUEs of two claims must not overlap"
_REGION_PREFIX = {ClaimPart.METRIC: "m", ClaimPart.SUBJECT: "s", ClaimPart.TIME: "t"}

# A non-negative decimal or exponent float as repr() writes it; no sign (numbers stay
# positive as written, the direction attribute carries the sign), no "nan", "inf", "1_000".
#: The schema-1.0 unit of every measure word, which schema 2.0 splits by measure word.
_V1_COUNT = "count"
_NUMBER_RE = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


# --------------------------------------------------------------------------------------------
# Canonical form
# --------------------------------------------------------------------------------------------


def entity_id(passage_id: str, n: int) -> str:
    return f"{passage_id}-e{n}"


def claim_id(passage_id: str, n: int) -> str:
    return f"{passage_id}-c{n}"


def normalize(ann: PassageAnnotation) -> PassageAnnotation:
    """``ann`` in canonical order with canonical ids (see module docstring)."""
    entities = sorted(ann.entities, key=lambda e: (e.start, e.end, e.type.value))
    claims = sorted(ann.claims, key=lambda c: (c.value.start, c.value.end))
    return replace(
        ann,
        entities=tuple(
            replace(e, id=entity_id(ann.passage_id, n)) for n, e in enumerate(entities, 1)
        ),
        claims=tuple(replace(c, id=claim_id(ann.passage_id, n)) for n, c in enumerate(claims, 1)),
    )


def checked_span(container: str, start: Any, end: Any, text: Any, where: str) -> None:
    """:func:`~silkroad_news.schema.check_span`, raising our error type."""
    try:
        check_span(container, start, end, text, where)
    except SchemaError as exc:
        raise LabelStudioError(str(exc)) from None


def format_number(number: float) -> str:
    """The text-area form of a claim's number: ``repr`` round-trips every finite float."""
    return repr(float(number))


def attribute_values(record: Any) -> dict[str, str | None]:
    """The Label Studio values of a claim's attributes (or of a guess with the same fields),
    in the editor's order: labels as their codes, numbers as ``repr``, ``None`` unset. The
    ``unit`` is left out (None) where its ``unit_text`` says it (the import derives it)."""
    out: dict[str, str | None] = {}
    for name in ATTRIBUTES:
        value = getattr(record, name, None)
        if isinstance(value, float):
            value = format_number(value)
        out[name] = value.value if isinstance(value, StrEnum) else value
    unit = getattr(record, "unit", None)
    if "unit" in out and unit is not None:
        text = getattr(record, "unit_text", "") or ""
        value_text = getattr(record, "text", None) or record.value.text
        if derived_unit(text, value_text) == unit:
            out["unit"] = None
    return out


def parse_number(raw: Any, where: str, name: str = "number") -> float:
    """Parse a number text area: a non-negative decimal as ``repr`` writes it
    (``56432000000.0``), or a number as the text writes it (``564.32亿``, read by the
    project's recognizer); raise unless it is one finite, non-negative float."""
    if isinstance(raw, str) and _NUMBER_RE.fullmatch(raw.strip()):
        number = float(raw)
        if not math.isfinite(number):  # e.g. '1e999' overflows to inf
            raise LabelStudioError(f"{where}: field '{name}' is {raw!r}, not a finite float")
        return number
    reading = value_reading(raw.strip()) if isinstance(raw, str) and "-" not in raw else None
    if reading is not None and reading.number is not None and math.isfinite(reading.number):
        return float(reading.number)
    raise LabelStudioError(
        f"{where}: field '{name}' is {raw!r}, not a non-negative decimal number such as "
        "'56432000000.0' nor a number as written such as '564.32亿'"
    )


# --------------------------------------------------------------------------------------------
# Readings of a VALUE text: what an empty number, unit_text or unit is taken to be
# --------------------------------------------------------------------------------------------

#: The type of ``Claim.unit``: the closed ``Unit`` enum in schema 1.0, an inventory code
#: (``str``) from schema 2.0 on. Everything below works with either.
UNIT_TYPE: Any = field_types(Claim)["unit"][0]
#: The fields that read a VALUE's quantity: one number, or the bounds of a range (schema 2.0).
READING_FIELDS = ("number", "low", "high")


@cache
def value_reading(text: str) -> Any:
    """The recognizer's reading of a VALUE text when it reads exactly one quantity covering
    all of it (:class:`silkroad_news.numbers.Quantity`), else None."""
    from silkroad_news.numbers import find_quantities

    found = [q for q in find_quantities(text) if str(q.category) == "quantity"]
    if len(found) == 1 and (found[0].start, found[0].end) == (0, len(text)):
        return found[0]
    return None


def unit_code_of_text(unit_text: str, value_text: str) -> str | None:
    """The unit inventory code of a written unit: the recognizer's own reading when it reads
    the VALUE with this unit text (it resolves 度 and 点 from context), else the inventory's
    :func:`~silkroad_news.units.lookup`; None when neither says (unknown or read two ways)."""
    reading = value_reading(value_text)
    if reading is not None and reading.unit and fold(reading.unit_text) == fold(unit_text):
        return str(reading.unit)
    entry = lookup(unit_text) if unit_text else None
    return entry.code if entry is not None else None


def unit_from_code(code: str, where: str) -> Any:
    """A unit code as ``Claim.unit`` holds it (schema 1.0: its ``Unit``)."""
    if isinstance(UNIT_TYPE, type) and issubclass(UNIT_TYPE, enum.Enum):
        unit = schema_v1_unit(code)
        if unit is None:
            raise LabelStudioError(
                f"{where}: the unit code {code!r} has no unit in the schema's closed list "
                f"({', '.join(m.value for m in UNIT_TYPE)})"
            )
        return unit
    return code


def parse_unit(raw: Any, where: str, unit_text: str = "") -> Any:
    """A typed unit: a code of the unit inventory (or, in schema 1.0, of its closed list). From
    schema 2.0 on, the 1.0 ``count`` of an old export is migrated to the measure word's code
    that ``unit_text`` gives (:func:`~silkroad_news.units.migrate_unit_v1`)."""
    if not isinstance(raw, str) or not raw.strip():
        raise LabelStudioError(f"{where}: field 'unit' is {raw!r}, not a unit code")
    code = raw.strip()
    if isinstance(UNIT_TYPE, type) and issubclass(UNIT_TYPE, enum.Enum):
        if code in UNIT_TYPE.values():
            return UNIT_TYPE(code)
        return unit_from_code(code, where) if dimension(code) else _bad_unit(code, where)
    if code == _V1_COUNT:
        try:
            return migrate_unit_v1(code, unit_text)
        except SchemaError as exc:
            raise LabelStudioError(f"{where}: field 'unit' (schema 1.0): {exc}") from None
    return code if dimension(code) else _bad_unit(code, where)


def _bad_unit(code: str, where: str) -> Any:
    raise LabelStudioError(f"{where}: field 'unit' is {code!r}, not a code of the unit inventory")


def unit_value(unit: Any) -> str:
    return unit.value if isinstance(unit, enum.Enum) else str(unit)


def derived_unit(unit_text: str, value_text: str) -> Any:
    """The unit an empty ``unit`` field stands for; None when ``unit_text`` does not say."""
    code = unit_code_of_text(unit_text, value_text)
    if code is None:
        return None
    try:
        return unit_from_code(code, "")
    except LabelStudioError:
        return None


def read_text_fields(
    typed: Mapping[str, Any],
    value_text: str,
    where: str,
    region: str,
    derived: list[Derived] | None = None,
) -> dict[str, Any]:
    """The claim fields of a VALUE's text areas (number, unit_text, unit, and low/high where
    the schema has them): typed ones parsed, empty or absent ones read from the VALUE text."""
    derived = [] if derived is None else derived
    reading = value_reading(value_text)
    out: dict[str, Any] = {}
    types = field_types(Claim)
    for name in (n for n in ("unit_text", *TEXT_ATTRIBUTES) if n != "unit"):
        if name in out:
            continue
        raw = typed.get(name)
        empty = raw is None or raw == ""
        tp, nullable = types[name]
        if raw is not None and not isinstance(raw, str):
            raise LabelStudioError(f"{where}: field '{name}' is {raw!r}, not a string")
        if tp is str:
            if not empty:
                out[name] = raw
                continue
            value = getattr(reading, name, "") if reading is not None else ""
            out[name] = value or ""
            if out[name]:
                derived.append(Derived(region, name, out[name], repr(value_text)))
        elif tp is float:
            if not empty:
                out[name] = parse_number(raw, where, name)
                continue
            value = getattr(reading, name, None) if reading is not None else None
            if value is None and not nullable:
                raise LabelStudioError(
                    f"{where}: field '{name}' is empty and the VALUE {value_text!r} does not "
                    "read as one number; type it"
                )
            out[name] = None if value is None else float(value)
            if value is not None:
                derived.append(Derived(region, name, out[name], repr(value_text)))
        else:  # pragma: no cover - a new kind of claim field needs a reader here
            raise TypeError(f"no text-area reader for claim field {name!r} of type {tp!r}")
    if all(out.get(n) is None for n in READING_FIELDS if n in types):
        raise LabelStudioError(
            f"{where}: field 'number' is empty and the VALUE {value_text!r} does not read as "
            "one number; type it (or 'low' and 'high' for a range)"
        )
    raw = typed.get("unit")
    if isinstance(raw, str) and raw.strip() in V1_UNITS:
        # an export of the schema-1.0 config: its unit choice ('count' for every measure word)
        try:
            out["unit"] = migrate_unit_v1(raw.strip(), out["unit_text"])
        except SchemaError as exc:
            raise LabelStudioError(f"{where}: field 'unit' (schema 1.0): {exc}") from None
    elif raw is not None and raw != "":
        out["unit"] = parse_unit(raw, where)
    else:
        unit = derived_unit(out["unit_text"], value_text)
        if unit is None:
            said = readings(out["unit_text"]) if out["unit_text"] else ()
            why = (
                f"reads two ways ({', '.join(e.code for e in said)})"
                if len(said) > 1
                else "is no unit of the inventory"
                if out["unit_text"]
                else "is empty"
            )
            raise LabelStudioError(
                f"{where}: field 'unit' is empty and unit_text {out['unit_text']!r} {why}; "
                "write the unit as the text does in unit_text, or its code in 'unit'"
            )
        out["unit"] = unit
        derived.append(Derived(region, "unit", unit_value(unit), f"unit_text {out['unit_text']!r}"))
    return out


# --------------------------------------------------------------------------------------------
# Canonical -> Label Studio
# --------------------------------------------------------------------------------------------


def region_item(
    region_id: str, control: str, label: str, start: int, end: int, text: str, origin: str | None
) -> dict[str, Any]:
    """One ``labels`` result item, as the editor writes it for a span of ``$text``."""
    item: dict[str, Any] = {
        "id": region_id,
        "from_name": control,
        "to_name": TEXT,
        "type": "labels",
        "value": {"start": start, "end": end, "text": text, "labels": [label]},
    }
    if origin is not None:
        item["origin"] = origin
    return item


def attribute_item(
    region_id: str,
    name: str,
    value: str,
    start: int,
    end: int,
    region_text: str,
    origin: str | None,
) -> dict[str, Any]:
    """A per-region attribute: the editor copies the region's value (offsets, text) into it."""
    if name in CHOICE_ATTRIBUTES:
        choice = stored_choice(name, value)
        item_type, payload = "choices", {"text": region_text, "choices": [choice]}
    elif name in TEXT_ATTRIBUTES:
        # The text area's list replaces the region's "text" key, as in the editor's output.
        item_type, payload = "textarea", {"text": [value]}
    else:
        raise ValueError(f"unknown attribute {name!r}")
    item: dict[str, Any] = {
        "id": region_id,
        "from_name": name,
        "to_name": TEXT,
        "type": item_type,
        "value": {"start": start, "end": end, **payload},
    }
    if origin is not None:
        item["origin"] = origin
    return item


def relation_item(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {
        "type": "relation",
        "from_id": from_id,
        "to_id": to_id,
        "direction": "right",
        "labels": [label],
    }


def _check_canonical(ann: PassageAnnotation) -> None:
    where = f"passage {ann.passage_id}"
    for e in ann.entities:
        checked_span(ann.text, e.start, e.end, e.text, f"{where}, entity {e.id}")
    for c in ann.claims:
        w = f"{where}, claim {c.id}"
        for name in CLAIM_SPANS:
            span = getattr(c, name)
            if span is not None:
                checked_span(ann.text, span.start, span.end, span.text, f"{w}, field '{name}'")
        if not math.isfinite(c.number) or math.copysign(1.0, c.number) < 0:  # -0.0 too
            raise LabelStudioError(
                f"{w}: field 'number' is {c.number!r}, not a finite non-negative float"
            )
    _check_overlaps([(e.start, e.end, e.id) for e in ann.entities], where, "entity", _NO_NESTING)
    _check_overlaps(
        [(c.value.start, c.value.end, c.id) for c in ann.claims], where, "claim", _ONE_VALUE
    )


def to_labelstudio(ann: PassageAnnotation, origin: str | None = "manual") -> list[dict[str, Any]]:
    """The Label Studio ``result`` list of ``ann`` (deterministic region ids, canonical order).

    ``origin`` is what the editor stamps on regions a person drew; pass ``None`` to leave it
    out (predictions).
    """
    _check_canonical(ann)
    ann = normalize(ann)
    items: list[dict[str, Any]] = []
    entity_region: dict[tuple[int, int], str] = {}
    for n, e in enumerate(ann.entities, 1):
        rid = f"e{n}"
        entity_region[(e.start, e.end)] = rid
        items.append(region_item(rid, ENTITY, e.type.value, e.start, e.end, e.text, origin))

    # One region per distinct (part, span); a subject on an entity's exact span uses the entity.
    part_spans: set[tuple[ClaimPart, int, int, str]] = set()
    for c in ann.claims:
        for part, span in _parts(c):
            if part is ClaimPart.SUBJECT and (span.start, span.end) in entity_region:
                continue
            part_spans.add((part, span.start, span.end, span.text))
    part_region: dict[tuple[ClaimPart, int, int], str] = {}
    counters = dict.fromkeys(_REGION_PREFIX, 0)
    part_items: list[dict[str, Any]] = []
    for part, start, end, text in sorted(part_spans, key=lambda p: (p[1], p[2], p[0].value)):
        counters[part] += 1
        rid = f"{_REGION_PREFIX[part]}{counters[part]}"
        part_region[(part, start, end)] = rid
        part_items.append(region_item(rid, CLAIM, part.value, start, end, text, origin))

    relations: list[dict[str, Any]] = []
    for n, c in enumerate(ann.claims, 1):
        vid = f"v{n}"
        v = c.value
        items.append(region_item(vid, CLAIM, ClaimPart.VALUE.value, v.start, v.end, v.text, origin))
        for name, value in attribute_values(c).items():
            if value is None or (name == "unit_text" and not value and _no_unit_text(v.text)):
                continue  # the import derives it to the same
            items.append(attribute_item(vid, name, str(value), v.start, v.end, v.text, origin))
        for part, span in _parts(c):
            key = (span.start, span.end)
            if part is ClaimPart.SUBJECT and key in entity_region:
                target = entity_region[key]
            else:
                target = part_region[(part, span.start, span.end)]
            relations.append(relation_item(vid, target, RELATION_OF_PART[part].value))
    return items + part_items + relations


def _no_unit_text(value_text: str) -> bool:
    reading = value_reading(value_text)
    return reading is None or not reading.unit_text


def _parts(c: Claim) -> Iterator[tuple[ClaimPart, Span]]:
    """The linked parts of a claim, as Label Studio regions label them (METRIC, ...)."""
    for name in CLAIM_PARTS:
        span = getattr(c, name)
        if span is not None:
            yield ClaimPart(name.upper()), span


# --------------------------------------------------------------------------------------------
# Label Studio -> canonical
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an annotation, located: ``message`` is the one-line text (it
    starts with ``task N, annotation M`` and names the region and field where there is one)."""

    task_id: int | None
    passage_id: str | None
    annotation_id: int | None
    region: str | None
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Derived:
    """A field the annotator left empty and the import read from the VALUE text."""

    region: str
    field: str
    value: Any
    source: str

    def __str__(self) -> str:
        return f"region {self.region}: {self.field} {self.value!r} read from {self.source}"


@dataclass
class Reading:
    """What :func:`read_annotation` made of one annotation: the record when it could be built,
    every problem found on the way, which fields were derived, and which region each VALUE
    came from (``(start, end)`` -> region id) and which fields of it were typed."""

    annotation: PassageAnnotation | None
    problems: list[Problem] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    value_regions: dict[tuple[int, int], str] = field(default_factory=dict)
    typed: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class _Region:
    """All result items that share one region id."""

    id: str
    start: int | None = None
    end: int | None = None
    text: str | None = None
    entity: EntityType | None = None
    part: ClaimPart | None = None
    attributes: dict[str, tuple[Any, int, int]] = field(default_factory=dict)
    broken: bool = False  # one of its items was refused: leave it out of the record

    @property
    def labeled(self) -> bool:
        return self.entity is not None or self.part is not None

    def span(self) -> Span:
        """The region's span; set for every labeled region by :func:`_read_items`."""
        if self.start is None or self.end is None or self.text is None:
            raise AssertionError(f"region {self.id} has no span")  # a bug, not bad input
        return Span(self.start, self.end, self.text)

    def describe(self) -> str:
        labels = [x.value for x in (self.entity, self.part) if x is not None]
        return f"{'/'.join(labels)} region {self.id}"


class _Found(Exception):
    """A problem inside one item: recorded, and the item is skipped."""

    def __init__(self, message: str, region: str | None = None) -> None:
        super().__init__(message)
        self.region = region


def _single(values: Any, where: str, field_name: str) -> Any:
    if not isinstance(values, list) or len(values) != 1:
        raise LabelStudioError(
            f"{where}: field '{field_name}' must hold exactly one value, got {values!r}"
        )
    return values[0]


def _require(mapping: Mapping[str, Any], key: str, where: str, kind: type | tuple) -> Any:
    if not isinstance(mapping, Mapping) or key not in mapping:
        raise LabelStudioError(f"{where}: field '{key}' is missing")
    value = mapping[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise LabelStudioError(f"{where}: field '{key}' has the wrong type: {value!r}")
    return value


def _overlaps(spans: list[tuple[int, int, str]], where: str, kind: str, rule: str) -> list[str]:
    """Entities must not overlap, nor must the VALUEs of two claims (one VALUE, one claim)."""
    out = []
    ordered = sorted(spans)
    for i, (s1, e1, id1) in enumerate(ordered):
        for s2, e2, id2 in ordered[i + 1 :]:
            if s2 >= e1:
                break
            out.append(
                f"{where}, {kind} {id1}: [{s1}, {e1}) overlaps {kind} {id2} [{s2}, {e2}); {rule}"
            )
    return out


def _check_overlaps(spans: list[tuple[int, int, str]], where: str, kind: str, rule: str) -> None:
    found = _overlaps(spans, where, kind, rule)
    if found:
        raise LabelStudioError(found[0])


def _read_item(item: Any, index: int, text: str, where: str, regions: dict[str, _Region]) -> None:
    if not isinstance(item, dict):
        raise _Found(f"{where}: result item {index} is not an object: {item!r}")
    rid = item.get("id")
    if not isinstance(rid, str) or not rid:
        raise _Found(f"{where}: result item {index} has no region 'id'")
    w = f"{where}, region {rid}"
    region = regions.setdefault(rid, _Region(rid))
    try:
        control = item.get("from_name")
        if not isinstance(control, str):
            raise LabelStudioError(
                f"{w}: field 'from_name' must be a string, got {describe(control)}"
            )
        origin = item.get("origin")
        if origin is not None and not isinstance(origin, str):
            raise LabelStudioError(f"{w}: field 'origin' must be a string, got {describe(origin)}")
        to_name = item.get("to_name")
        if to_name != TEXT:
            raise LabelStudioError(f"{w}: field 'to_name' is {to_name!r}, expected {TEXT!r}")
        value = item.get("value")
        if not isinstance(value, dict):
            raise LabelStudioError(f"{w}: field 'value' is missing or not an object")
        start = _require(value, "start", w, int)
        end = _require(value, "end", w, int)
        if control in (ENTITY, CLAIM):
            if item.get("type") != "labels":
                raise LabelStudioError(
                    f"{w}: field 'type' is {item.get('type')!r}, expected 'labels' for {control!r}"
                )
            region_text = _require(value, "text", w, str)
            checked_span(text, start, end, region_text, w)
            label = _single(value.get("labels"), w, "labels")
            if region.start is not None and (region.start, region.end) != (start, end):
                raise LabelStudioError(
                    f"{w}: items of one region disagree on its span: [{region.start}, "
                    f"{region.end}) and [{start}, {end})"
                )
            try:
                if control == ENTITY:
                    if region.entity is not None:
                        raise LabelStudioError(f"{w}: field 'labels' given twice for 'entity'")
                    region.entity = parse_enum(EntityType, label, w, "labels")
                else:
                    if region.part is not None:
                        raise LabelStudioError(f"{w}: field 'labels' given twice for 'claim'")
                    region.part = parse_enum(ClaimPart, label, w, "labels")
            except LabelStudioError:
                raise
            except SchemaError as exc:
                raise LabelStudioError(str(exc)) from None
            region.start, region.end, region.text = start, end, region_text
        elif control in CHOICE_ATTRIBUTES or control in TEXT_ATTRIBUTES or control in _LEGACY:
            kind = item.get("type")
            expected = {"choices", "textarea"} if control in _LEGACY else {_TYPE_OF[control]}
            if kind not in expected:
                want = " or ".join(repr(e) for e in sorted(expected))
                raise LabelStudioError(
                    f"{w}: field 'type' is {kind!r}, expected {want} for {control!r}"
                )
            raw = _single(value.get("choices" if kind == "choices" else "text"), w, control)
            if kind == "choices":
                raw = choice_value(control, raw) if isinstance(raw, str) else raw
            if control in region.attributes:
                raise LabelStudioError(f"{w}: field '{control}' given twice")
            region.attributes[control] = (raw, start, end)
        else:
            raise LabelStudioError(
                f"{w}: field 'from_name' is {control!r}, not a control of the labeling config"
            )
    except LabelStudioError as exc:
        region.broken = True
        raise _Found(str(exc), rid) from None


#: Controls of older configs still read from committed exports: ``unit`` was a choice list.
_LEGACY = frozenset({"unit"}) - set(CHOICE_ATTRIBUTES)
_TYPE_OF = {
    **dict.fromkeys(CHOICE_ATTRIBUTES, "choices"),
    **dict.fromkeys(TEXT_ATTRIBUTES, "textarea"),
}


def read_annotation(task: Mapping[str, Any], annotation: Mapping[str, Any]) -> Reading:
    """Read one annotation of one full-JSON export task, collecting every problem.

    The record is built when no problem was found (``Reading.annotation``); otherwise it is
    None and ``Reading.problems`` says, item by item, what is wrong. Empty ``number``,
    ``unit_text`` and ``unit`` fields are derived from the VALUE text (``Reading.derived``).
    """
    task_id = task.get("id") if isinstance(task, Mapping) else None
    where_task = f"task {task_id}"
    passage_id: str | None = None
    annotation_id = annotation.get("id") if isinstance(annotation, Mapping) else None
    reading = Reading(None)

    def problem(message: str, region: str | None = None) -> None:
        reading.problems.append(
            Problem(
                task_id if isinstance(task_id, int) else None,
                passage_id,
                annotation_id if isinstance(annotation_id, int) else None,
                region,
                message,
            )
        )

    try:
        if not isinstance(task_id, int) or isinstance(task_id, bool):
            raise LabelStudioError(f"{where_task}: field 'id' must be an integer task id")
        data = _require(task, "data", where_task, dict)
        passage_id = data.get("passage_id") if isinstance(data.get("passage_id"), str) else None
        text = _require(data, "text", f"{where_task}, data", str)
        passage_id = _require(data, "passage_id", f"{where_task}, data", str)
        doc_id = _require(data, "doc_id", f"{where_task}, data", str)
        where = f"task {task_id}, annotation {annotation_id}"
        if not isinstance(annotation_id, int) or isinstance(annotation_id, bool):
            raise LabelStudioError(f"{where}: field 'id' must be an integer annotation id")
        if annotation.get("was_cancelled"):
            raise LabelStudioError(
                f"{where}: the annotation was skipped (was_cancelled) and holds no gold"
            )
        provenance = annotation_provenance(task_id, annotation_id, annotation, where)
        result = _require(annotation, "result", where, list)
    except LabelStudioError as exc:
        problem(str(exc))
        return reading

    regions: dict[str, _Region] = {}
    relations: list[tuple[int, dict]] = []
    for index, item in enumerate(result):
        if isinstance(item, dict) and item.get("type") == "relation":
            relations.append((index, item))
            continue
        try:
            _read_item(item, index, text, where, regions)
        except _Found as found:
            problem(str(found), found.region)

    for region in regions.values():
        w = f"{where}, region {region.id}"
        if region.broken:
            continue
        if not region.labeled:
            names = ", ".join(sorted(region.attributes))
            problem(f"{w}: attributes ({names}) belong to no labeled region", region.id)
            region.broken = True
            continue
        for name, (_, start, end) in sorted(region.attributes.items()):
            if region.part is not ClaimPart.VALUE:
                problem(
                    f"{w}: field '{name}' is set on a {region.describe()}; only VALUE regions "
                    "have attributes",
                    region.id,
                )
            elif (start, end) != (region.start, region.end):
                problem(
                    f"{w}: field '{name}' is for span [{start}, {end}) but the region is "
                    f"[{region.start}, {region.end})",
                    region.id,
                )

    good = {rid: r for rid, r in regions.items() if r.labeled and not r.broken}
    spans = {r.id: r.span() for r in good.values()}
    entities = [r for r in good.values() if r.entity is not None]
    values = [r for r in good.values() if r.part is ClaimPart.VALUE]
    for message in _overlaps(
        [(spans[r.id].start, spans[r.id].end, r.id) for r in entities], where, "region", _NO_NESTING
    ) + _overlaps(
        [(spans[r.id].start, spans[r.id].end, r.id) for r in values], where, "region", _ONE_VALUE
    ):
        problem(message, message.split("region ", 1)[1].split(":", 1)[0])

    links = _read_relations(relations, regions, good, where, problem)

    claims: list[Claim] = []
    for v in values:
        claim = _read_claim(v, spans, links, where, reading, problem)
        if claim is not None:
            claims.append(claim)

    linked = {t.id for targets in links.values() for t in targets.values()}
    for r in good.values():
        if r.part is not None and r.part in PART_OF_RELATION.values() and r.id not in linked:
            problem(
                f"{where}, region {r.id}: {r.part.value} region is linked to no VALUE; draw a "
                "relation from its VALUE or delete it",
                r.id,
            )

    if reading.problems:
        return reading
    reading.annotation = normalize(
        PassageAnnotation(
            passage_id=passage_id,
            doc_id=doc_id,
            text=text,
            entities=tuple(
                Entity(
                    id="",
                    type=t,
                    start=spans[r.id].start,
                    end=spans[r.id].end,
                    text=spans[r.id].text,
                )
                for r in entities
                if (t := r.entity) is not None
            ),
            claims=tuple(claims),
            provenance=provenance,
        )
    )
    return reading


def _read_claim(
    v: _Region,
    spans: dict[str, Span],
    links: dict[str, dict[RelationLabel, _Region]],
    where: str,
    reading: Reading,
    problem: Any,
) -> Claim | None:
    """The claim of VALUE region ``v``: its choices, its typed or derived text fields."""
    w = f"{where}, region {v.id}"
    missing = [name for name in CHOICE_ATTRIBUTES if name not in v.attributes]
    if missing:
        problem(
            f"{w}: VALUE region lacks attribute(s) {', '.join(missing)} (field '{missing[0]}')",
            v.id,
        )
        return None
    attrs = {name: raw for name, (raw, _, _) in v.attributes.items()}
    value = spans[v.id]
    fields: dict[str, Any] = {}
    try:
        for name, enum_cls in CHOICE_ATTRIBUTES.items():
            fields[name] = parse_enum(enum_cls, attrs[name], w, name)
    except SchemaError as exc:
        problem(str(exc), v.id)
        return None
    typed = {name: raw for name, raw in attrs.items() if name not in CHOICE_ATTRIBUTES}
    reading.typed[v.id] = typed
    reading.value_regions[(value.start, value.end)] = v.id
    try:
        fields.update(read_text_fields(typed, value.text, w, v.id, reading.derived))
    except LabelStudioError as exc:
        problem(str(exc), v.id)
        return None
    parts = {rel.value: spans[target.id] for rel, target in links.get(v.id, {}).items()}
    return Claim(id="", value=value, **fields, **{name: parts.get(name) for name in CLAIM_PARTS})


def _read_relations(
    relations: list[tuple[int, dict]],
    regions: dict[str, _Region],
    good: dict[str, _Region],
    where: str,
    problem: Any,
) -> dict[str, dict[RelationLabel, _Region]]:
    """VALUE region id -> {relation label: linked region}, checking every rule on the way."""
    links: dict[str, dict[RelationLabel, _Region]] = {}
    for index, rel in relations:
        w = f"{where}, relation {index}"
        ends = []
        for key in ("from_id", "to_id"):
            rid = rel.get(key)
            if rid not in regions:
                problem(f"{w}: field '{key}' points to region {rid!r}, which does not exist")
                break
            ends.append(regions[rid])
        if len(ends) != 2 or any(e.id not in good for e in ends):
            continue  # a missing or broken end is reported already
        a, b = ends
        w = f"{w} ({a.id} -> {b.id})"
        a_value, b_value = a.part is ClaimPart.VALUE, b.part is ClaimPart.VALUE
        if a_value and b_value:
            problem(
                f"{w}: links two VALUE regions {a.id} and {b.id}; a claim has exactly one VALUE",
                a.id,
            )
            continue
        if not (a_value or b_value):
            problem(f"{w}: links {a.describe()} and {b.describe()}; one end must be a VALUE", a.id)
            continue
        value, target = (a, b) if a_value else (b, a)
        labels = rel.get("labels") or []
        if not isinstance(labels, list) or len(labels) > 1:
            problem(f"{w}: field 'labels' must hold at most one label: {labels!r}", value.id)
            continue
        if labels:
            try:
                label = parse_enum(RelationLabel, labels[0], w, "labels")
            except SchemaError as exc:
                problem(str(exc), value.id)
                continue
            part = PART_OF_RELATION[label]
            fits = target.part is part or (part is ClaimPart.SUBJECT and target.entity is not None)
            if not fits:
                problem(
                    f"{w}: field 'labels' is {label.value!r} but it points to a "
                    f"{target.describe()}",
                    value.id,
                )
                continue
        elif target.part is not None and target.part in RELATION_OF_PART:
            label = RELATION_OF_PART[target.part]
        elif target.entity is not None:
            label = RelationLabel.SUBJECT  # an entity region can only be a claim's subject
        else:  # pragma: no cover - every labeled region is an entity or a claim part
            problem(f"{w}: cannot tell which part {target.describe()} is", value.id)
            continue
        mine = links.setdefault(value.id, {})
        if label in mine:
            problem(
                f"{where}, region {value.id}: VALUE has two '{label.value}' relations (to "
                f"{mine[label].id} and {target.id}); a claim has one {label.value}",
                value.id,
            )
            continue
        mine[label] = target
    return links


def from_labelstudio(task: Mapping[str, Any], annotation: Mapping[str, Any]) -> PassageAnnotation:
    """The canonical record of one annotation of one full-JSON export task (see module doc);
    raises :class:`LabelStudioError` with the first problem :func:`read_annotation` finds."""
    reading = read_annotation(task, annotation)
    if reading.annotation is None:
        raise LabelStudioError(reading.problems[0].message)
    return reading.annotation


def annotation_provenance(
    task_id: int, annotation_id: int, annotation: Mapping[str, Any], where: str
) -> Provenance:
    """Where a record read from ``annotation`` came from: its task and annotation ids, who
    saved it last (:func:`annotator_of`) and its time stamps."""
    return Provenance(
        task_id=task_id,
        annotation_id=annotation_id,
        annotator=annotator_of(annotation, where),
        created_at=_require(annotation, "created_at", where, str),
        updated_at=_require(annotation, "updated_at", where, str),
    )


def annotator_of(annotation: Mapping[str, Any], where: str) -> str:
    """Who the annotation's content is from: the account that last saved it (``updated_by``)
    when the export has it, else its author (``completed_by``). A gold copy pushed by
    ``push --with-gold`` belongs to the gold account until someone saves it."""
    updated_by = annotation.get("updated_by")
    if updated_by is not None and not isinstance(updated_by, bool):
        try:
            return _annotator(updated_by, where)
        except LabelStudioError:
            pass
    return _annotator(annotation.get("completed_by"), where)


def _annotator(completed_by: Any, where: str) -> str:
    """The annotator as the export gives it: a user id, or a user object in some versions."""
    if isinstance(completed_by, bool) or completed_by is None:
        raise LabelStudioError(f"{where}: field 'completed_by' is missing")
    if isinstance(completed_by, int | str):
        return str(completed_by)
    if isinstance(completed_by, Mapping):
        for key in ("email", "id"):
            if completed_by.get(key) not in (None, ""):
                return str(completed_by[key])
    raise LabelStudioError(f"{where}: field 'completed_by' is unreadable: {completed_by!r}")


def iter_annotations(
    export: list[Mapping[str, Any]],
) -> Iterator[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """(task, annotation) pairs of a full-JSON export, skipped annotations left out."""
    for task in export:
        for annotation in task.get("annotations") or ():
            if not annotation.get("was_cancelled"):
                yield task, annotation
