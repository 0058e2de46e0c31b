"""Pure conversion between canonical passage annotations and Label Studio results.

Contract:

- :func:`to_labelstudio` turns a :class:`~silkroad_news.schema.PassageAnnotation` into the
  ``result`` list of a Label Studio annotation, in the shape the Label Studio editor itself
  produces; :func:`from_labelstudio` reads one annotation of a full-JSON export task back.
  ``from_labelstudio(task, {"result": to_labelstudio(a), ...}) == normalize(a)`` with the
  provenance filled in: the round trip is exact, floats included.
- Offsets are Python code points, end exclusive, into the passage text (``task.data.text``),
  which is also what Label Studio writes, after characters outside the BMP too.
- A claim is one VALUE region (label ``claim``/``VALUE``) with its six per-region attributes
  (kind, approx, direction, modality as choices; number as ``repr(float)`` and unit_text in
  text areas) plus relations from it to a METRIC, SUBJECT and TIME region. The claim's
  ``unit`` is the code of the unit inventory that ``unit_text`` stands for
  (:func:`silkroad_news.units.codes_of`); an export of the schema-1.0 config, whose VALUEs
  also carry a ``unit`` choice, is migrated on reading
  (:func:`silkroad_news.units.migrate_unit_v1` of that choice and ``unit_text``). A claim this
  config cannot hold (a range, or a unit other than the one its ``unit_text`` reads as) is
  refused by :func:`to_labelstudio`. The SUBJECT end
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
  a ``unit_text`` the unit inventory cannot read as one unit,
  attributes on a region that is not a VALUE, a number that is not a finite non-negative
  float, overlapping entity regions, overlapping VALUE regions (the rules of
  :func:`silkroad_news.records.validate_annotation`), skipped (cancelled) annotations.
- Relation direction carries no meaning here: the VALUE end identifies the claim, whichever way
  the annotator drew the arrow. An unlabeled relation takes its role from the region it points
  to; a labeled one must agree with it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from silkroad_news.labelstudio.config import (
    ATTRIBUTES,
    CHOICE_ATTRIBUTES,
    CLAIM,
    ENTITY,
    LEGACY_UNIT,
    TEXT,
    TEXT_ATTRIBUTES,
)
from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.records import CLAIM_PARTS, CLAIM_SPANS
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
from silkroad_news.units import codes_of, migrate_unit_v1

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
    in the editor's order: labels as their values, the number as ``repr``, ``None`` unset."""
    out: dict[str, str | None] = {}
    for name in ATTRIBUTES:
        value = getattr(record, name)
        if isinstance(value, float):
            value = format_number(value)
        out[name] = value.value if isinstance(value, StrEnum) else value
    return out


def parse_number(raw: Any, where: str) -> float:
    """Parse the ``number`` text area; raise unless it is one finite, non-negative float."""
    if not isinstance(raw, str) or not _NUMBER_RE.fullmatch(raw.strip()):
        raise LabelStudioError(
            f"{where}: field 'number' is {raw!r}, not a non-negative decimal number such as "
            "'56432000000.0'"
        )
    number = float(raw)
    if not math.isfinite(number):  # e.g. '1e999' overflows to inf
        raise LabelStudioError(f"{where}: field 'number' is {raw!r}, not a finite float")
    return number


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
        item_type, payload = "choices", {"text": region_text, "choices": [value]}
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
        if c.number is None or c.low is not None or c.high is not None:
            raise LabelStudioError(
                f"{w}: a range ({c.low!r} to {c.high!r}) cannot be labeled with this config yet"
            )
        if not math.isfinite(c.number) or math.copysign(1.0, c.number) < 0:  # -0.0 too
            raise LabelStudioError(
                f"{w}: field 'number' is {c.number!r}, not a finite non-negative float"
            )
        codes = codes_of(c.unit_text)
        if codes != (c.unit,):
            raise LabelStudioError(
                f"{w}: field 'unit' is {c.unit!r} but this config reads the unit from "
                f"'unit_text' {c.unit_text!r}, which stands for {' or '.join(codes) or 'no unit'}"
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
            items.append(attribute_item(vid, name, str(value), v.start, v.end, v.text, origin))
        for part, span in _parts(c):
            key = (span.start, span.end)
            if part is ClaimPart.SUBJECT and key in entity_region:
                target = entity_region[key]
            else:
                target = part_region[(part, span.start, span.end)]
            relations.append(relation_item(vid, target, RELATION_OF_PART[part].value))
    return items + part_items + relations


def _parts(c: Claim) -> Iterator[tuple[ClaimPart, Span]]:
    """The linked parts of a claim, as Label Studio regions label them (METRIC, ...)."""
    for name in CLAIM_PARTS:
        span = getattr(c, name)
        if span is not None:
            yield ClaimPart(name.upper()), span


# --------------------------------------------------------------------------------------------
# Label Studio -> canonical
# --------------------------------------------------------------------------------------------


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


def _check_overlaps(spans: list[tuple[int, int, str]], where: str, kind: str, rule: str) -> None:
    """Entities must not overlap, nor must the VALUEs of two claims (one VALUE, one claim)."""
    ordered = sorted(spans)
    for (s1, e1, id1), (s2, e2, id2) in itertools.pairwise(ordered):
        if s2 < e1:
            raise LabelStudioError(
                f"{where}, {kind} {id1}: [{s1}, {e1}) overlaps {kind} {id2} [{s2}, {e2}); {rule}"
            )


def _read_items(
    result: list[Any], text: str, where: str
) -> tuple[dict[str, _Region], list[tuple[int, dict]]]:
    regions: dict[str, _Region] = {}
    relations: list[tuple[int, dict]] = []
    for index, item in enumerate(result):
        if not isinstance(item, dict):
            raise LabelStudioError(f"{where}: result item {index} is not an object: {item!r}")
        if item.get("type") == "relation":
            relations.append((index, item))
            continue
        rid = item.get("id")
        if not isinstance(rid, str) or not rid:
            raise LabelStudioError(f"{where}: result item {index} has no region 'id'")
        w = f"{where}, region {rid}"
        control = item.get("from_name")
        to_name = item.get("to_name")
        if to_name != TEXT:
            raise LabelStudioError(f"{w}: field 'to_name' is {to_name!r}, expected {TEXT!r}")
        value = item.get("value")
        if not isinstance(value, dict):
            raise LabelStudioError(f"{w}: field 'value' is missing or not an object")
        start = _require(value, "start", w, int)
        end = _require(value, "end", w, int)
        region = regions.setdefault(rid, _Region(rid))
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
            region.start, region.end, region.text = start, end, region_text
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
        elif control in CHOICE_ATTRIBUTES or control in TEXT_ATTRIBUTES or control == LEGACY_UNIT:
            expected = "textarea" if control in TEXT_ATTRIBUTES else "choices"
            if item.get("type") != expected:
                raise LabelStudioError(
                    f"{w}: field 'type' is {item.get('type')!r}, expected {expected!r} for "
                    f"{control!r}"
                )
            key = "choices" if expected == "choices" else "text"
            raw = _single(value.get(key), w, control)
            if control in region.attributes:
                raise LabelStudioError(f"{w}: field '{control}' given twice")
            region.attributes[control] = (raw, start, end)
        else:
            raise LabelStudioError(
                f"{w}: field 'from_name' is {control!r}, not a control of the labeling config"
            )
    return regions, relations


def from_labelstudio(task: Mapping[str, Any], annotation: Mapping[str, Any]) -> PassageAnnotation:
    """The canonical record of one annotation of one full-JSON export task (see module doc)."""
    task_id = task.get("id") if isinstance(task, Mapping) else None
    where_task = f"task {task_id}"
    if not isinstance(task_id, int) or isinstance(task_id, bool):
        raise LabelStudioError(f"{where_task}: field 'id' must be an integer task id")
    data = _require(task, "data", where_task, dict)
    text = _require(data, "text", f"{where_task}, data", str)
    passage_id = _require(data, "passage_id", f"{where_task}, data", str)
    doc_id = _require(data, "doc_id", f"{where_task}, data", str)

    annotation_id = annotation.get("id") if isinstance(annotation, Mapping) else None
    where = f"task {task_id}, annotation {annotation_id}"
    if not isinstance(annotation_id, int) or isinstance(annotation_id, bool):
        raise LabelStudioError(f"{where}: field 'id' must be an integer annotation id")
    if annotation.get("was_cancelled"):
        raise LabelStudioError(
            f"{where}: the annotation was skipped (was_cancelled) and holds no gold"
        )
    provenance = Provenance(
        task_id=task_id,
        annotation_id=annotation_id,
        annotator=_annotator(annotation.get("completed_by"), where),
        created_at=_require(annotation, "created_at", where, str),
        updated_at=_require(annotation, "updated_at", where, str),
    )
    result = _require(annotation, "result", where, list)
    regions, relations = _read_items(result, text, where)

    for region in regions.values():
        w = f"{where}, region {region.id}"
        if not region.labeled:
            names = ", ".join(sorted(region.attributes))
            raise LabelStudioError(f"{w}: attributes ({names}) belong to no labeled region")
        for name, (_, start, end) in sorted(region.attributes.items()):
            if region.part is not ClaimPart.VALUE:
                raise LabelStudioError(
                    f"{w}: field '{name}' is set on a {region.describe()}; only VALUE regions "
                    "have attributes"
                )
            if (start, end) != (region.start, region.end):
                raise LabelStudioError(
                    f"{w}: field '{name}' is for span [{start}, {end}) but the region is "
                    f"[{region.start}, {region.end})"
                )

    entities = [r for r in regions.values() if r.entity is not None]
    spans = {r.id: r.span() for r in regions.values() if r.labeled}
    _check_overlaps(
        [(spans[r.id].start, spans[r.id].end, r.id) for r in entities], where, "region", _NO_NESTING
    )
    values = [r for r in regions.values() if r.part is ClaimPart.VALUE]
    _check_overlaps(
        [(spans[r.id].start, spans[r.id].end, r.id) for r in values], where, "region", _ONE_VALUE
    )

    links = _read_relations(relations, regions, where)

    claims: list[Claim] = []
    for v in values:
        w = f"{where}, region {v.id}"
        missing = [name for name in ATTRIBUTES if name not in v.attributes]
        if missing:
            raise LabelStudioError(
                f"{w}: VALUE region lacks attribute(s) {', '.join(missing)} (field '{missing[0]}')"
            )
        attrs = {name: raw for name, (raw, _, _) in v.attributes.items()}
        try:
            choices = {
                name: parse_enum(enum_cls, attrs[name], w, name)
                for name, enum_cls in CHOICE_ATTRIBUTES.items()
            }
        except SchemaError as exc:
            raise LabelStudioError(str(exc)) from None
        unit_text = attrs["unit_text"]
        if not isinstance(unit_text, str):
            raise LabelStudioError(f"{w}: field 'unit_text' is {unit_text!r}, not a string")
        unit = _unit(attrs.get(LEGACY_UNIT), unit_text, w)
        parts = {rel.value: spans[target.id] for rel, target in links.get(v.id, {}).items()}
        claims.append(
            Claim(
                id="",
                value=spans[v.id],
                number=parse_number(attrs["number"], w),
                low=None,
                high=None,
                unit=unit,
                unit_text=unit_text,
                **choices,
                **{name: parts.get(name) for name in CLAIM_PARTS},
            )
        )

    linked = {t.id for targets in links.values() for t in targets.values()}
    for r in regions.values():
        if r.part is not None and r.part in PART_OF_RELATION.values() and r.id not in linked:
            raise LabelStudioError(
                f"{where}, region {r.id}: {r.part.value} region is linked to no VALUE; draw a "
                "relation from its VALUE or delete it"
            )

    return normalize(
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


def _unit(legacy: Any, unit_text: str, where: str) -> str:
    """A VALUE's unit code: migrated from the schema-1.0 ``unit`` choice when the export has
    one, else the one code ``unit_text`` stands for."""
    try:
        if legacy is not None:
            return migrate_unit_v1(legacy, unit_text)
    except SchemaError as exc:
        raise LabelStudioError(f"{where}: field 'unit' (schema 1.0): {exc}") from None
    codes = codes_of(unit_text)
    if len(codes) != 1:
        readings = f"stands for {' or '.join(codes)}" if codes else "is no unit of the inventory"
        raise LabelStudioError(
            f"{where}: field 'unit_text' {unit_text!r} {readings}; write the unit as one "
            "reading of the unit inventory (silkroad_news.units)"
        )
    return codes[0]


def _read_relations(
    relations: list[tuple[int, dict]], regions: dict[str, _Region], where: str
) -> dict[str, dict[RelationLabel, _Region]]:
    """VALUE region id -> {relation label: linked region}, checking every rule on the way."""
    links: dict[str, dict[RelationLabel, _Region]] = {}
    for index, rel in relations:
        w = f"{where}, relation {index}"
        ends = []
        for key in ("from_id", "to_id"):
            rid = rel.get(key)
            if rid not in regions:
                raise LabelStudioError(
                    f"{w}: field '{key}' points to region {rid!r}, which does not exist"
                )
            ends.append(regions[rid])
        a, b = ends
        w = f"{w} ({a.id} -> {b.id})"
        a_value, b_value = a.part is ClaimPart.VALUE, b.part is ClaimPart.VALUE
        if a_value and b_value:
            raise LabelStudioError(
                f"{w}: links two VALUE regions {a.id} and {b.id}; a claim has exactly one VALUE"
            )
        if not (a_value or b_value):
            raise LabelStudioError(
                f"{w}: links {a.describe()} and {b.describe()}; one end must be a VALUE"
            )
        value, target = (a, b) if a_value else (b, a)
        labels = rel.get("labels") or []
        if not isinstance(labels, list) or len(labels) > 1:
            raise LabelStudioError(f"{w}: field 'labels' must hold at most one label: {labels!r}")
        if labels:
            try:
                label = parse_enum(RelationLabel, labels[0], w, "labels")
            except SchemaError as exc:
                raise LabelStudioError(str(exc)) from None
            part = PART_OF_RELATION[label]
            fits = target.part is part or (part is ClaimPart.SUBJECT and target.entity is not None)
            if not fits:
                raise LabelStudioError(
                    f"{w}: field 'labels' is {label.value!r} but it points to a {target.describe()}"
                )
        elif target.part is not None and target.part in RELATION_OF_PART:
            label = RELATION_OF_PART[target.part]
        elif target.entity is not None:
            label = RelationLabel.SUBJECT  # an entity region can only be a claim's subject
        else:  # pragma: no cover - every labeled region is an entity or a claim part
            raise LabelStudioError(f"{w}: cannot tell which part {target.describe()} is")
        mine = links.setdefault(value.id, {})
        if label in mine:
            raise LabelStudioError(
                f"{where}, region {value.id}: VALUE has two '{label.value}' relations (to "
                f"{mine[label].id} and {target.id}); a claim has one {label.value}"
            )
        mine[label] = target
    return links


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
