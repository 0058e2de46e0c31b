"""The canonical gold: one :class:`~silkroad_news.schema.PassageAnnotation` per passage.

Contract
--------
* ``annotations/gold.jsonl`` holds one JSON object per passage, in corpus order, written by
  :func:`write_gold` from the pulled Label Studio export; offsets are into the passage text.
* :func:`annotation_to_json` and :func:`annotation_from_json` are pure and inverse: reading what
  was written gives equal records.
* :func:`validate_annotation` raises :class:`~silkroad_news.schema.SchemaError` naming the
  passage, the record and the field for: a span whose text differs from ``text[start:end]``,
  overlapping entities, overlapping VALUE regions, an unknown label, a claim whose number is not
  a finite float or differs from what its VALUE normalizes to (where the recognizer reads the
  VALUE text as one quantity). :func:`annotation_from_json` also refuses missing, unknown or
  mistyped fields at every level. :func:`check_against_corpus` refuses a passage text that is
  not the corpus text.
* :func:`statistics` counts labels per type, per article and per passage type; the committed
  ``annotations/statistics.json`` must equal a fresh count (tests recompute it).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .files import dumps_json, dumps_jsonl, read_jsonl, write_atomic
from .schema import (
    Approx,
    Claim,
    ClaimKind,
    Direction,
    Document,
    Entity,
    EntityType,
    Modality,
    PassageAnnotation,
    Provenance,
    SchemaError,
    Span,
    Unit,
    check_span,
    parse_enum,
)

GOLD_FILE = Path("annotations/gold.jsonl")
STATS_FILE = Path("annotations/statistics.json")


# --------------------------------------------------------------------------------------------
# JSON form
# --------------------------------------------------------------------------------------------


def span_to_json(s: Span | None, shift: int = 0) -> dict[str, Any] | None:
    """A span as JSON, its offsets moved by ``shift`` (passage → document offsets)."""
    # key order as in the dataset features (text, start, end): the card shows rows as they load
    return None if s is None else {"text": s.text, "start": s.start + shift, "end": s.end + shift}


def claim_to_json(c: Claim, shift: int = 0) -> dict[str, Any]:
    """A claim as JSON, the one form shared by the gold file and the dataset's rows."""
    return {
        "id": c.id,
        "value": span_to_json(c.value, shift),
        "number": c.number,
        "unit": c.unit.value,
        "unit_text": c.unit_text,
        "kind": c.kind.value,
        "approx": c.approx.value,
        "direction": c.direction.value,
        "modality": c.modality.value,
        "metric": span_to_json(c.metric, shift),
        "subject": span_to_json(c.subject, shift),
        "time": span_to_json(c.time, shift),
    }


def annotation_to_json(a: PassageAnnotation) -> dict[str, Any]:
    return {
        "passage_id": a.passage_id,
        "doc_id": a.doc_id,
        "text": a.text,
        "entities": [
            {"id": e.id, "type": e.type.value, "start": e.start, "end": e.end, "text": e.text}
            for e in a.entities
        ],
        "claims": [claim_to_json(c) for c in a.claims],
        "provenance": None
        if a.provenance is None
        else {
            "task_id": a.provenance.task_id,
            "annotation_id": a.provenance.annotation_id,
            "annotator": a.provenance.annotator,
            "created_at": a.provenance.created_at,
            "updated_at": a.provenance.updated_at,
        },
    }


_CLAIM_KEYS = {
    "id", "value", "number", "unit", "unit_text", "kind", "approx", "direction", "modality",
    "metric", "subject", "time",
}  # fmt: skip
_RECORD_KEYS = {"passage_id", "doc_id", "text", "entities", "claims", "provenance"}


def _object(d: Any, keys: set[str], where: str) -> dict[str, Any]:
    """``d`` as a dict holding exactly ``keys``; otherwise an error naming the field."""
    if not isinstance(d, dict):
        raise SchemaError(f"{where}: expected an object, got {type(d).__name__}")
    missing = sorted(keys - set(d))
    if missing:
        raise SchemaError(f"{where}: missing field {missing[0]!r}")
    unknown = sorted(set(d) - keys)
    if unknown:
        raise SchemaError(f"{where}: unknown field {unknown[0]!r}")
    return d


def _typed(d: dict[str, Any], name: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = d[name]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise SchemaError(f"{where}: field {name!r} has the wrong type: {value!r}")
    if isinstance(value, str) and not value:
        raise SchemaError(f"{where}: field {name!r} is empty")
    return value


def _list(d: dict[str, Any], name: str, where: str) -> list[Any]:
    return list(_typed(d, name, list, where))


def _span_from(d: Any, text: str, where: str, name: str) -> Span | None:
    if d is None:
        return None
    w = f"{where}: field {name!r}"
    d = _object(d, {"start", "end", "text"}, w)
    span = Span(d["start"], d["end"], d["text"])
    check_span(text, span.start, span.end, span.text, w)
    return span


def _number(c: dict[str, Any], where: str) -> float:
    number = c["number"]
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise SchemaError(f"{where}: field 'number' must be a number, got {number!r}")
    try:
        value = float(number)
    except OverflowError:
        raise SchemaError(f"{where}: field 'number' is not finite: too large") from None
    if not math.isfinite(value):
        raise SchemaError(f"{where}: field 'number' is not finite: {number!r}")
    return value


def annotation_from_json(d: Any, where: str) -> PassageAnnotation:
    """Parse and check one gold record; ``where`` names the file and line for messages."""
    if isinstance(d, dict) and isinstance(d.get("passage_id"), str):
        where = f"{where}: passage {d['passage_id']!r}"
    d = _object(d, _RECORD_KEYS, where)
    pid = _typed(d, "passage_id", str, where)
    text = _typed(d, "text", str, where)
    entities = []
    for i, e in enumerate(_list(d, "entities", where)):
        w = f"{where}: entity {e.get('id')!r}" if isinstance(e, dict) else f"{where}: entity {i}"
        e = _object(e, {"id", "type", "start", "end", "text"}, w)
        check_span(text, e["start"], e["end"], e["text"], w)
        entities.append(
            Entity(
                id=_typed(e, "id", str, w),
                type=parse_enum(EntityType, e["type"], w, "type"),
                start=e["start"],
                end=e["end"],
                text=e["text"],
            )
        )
    claims = []
    for i, c in enumerate(_list(d, "claims", where)):
        w = f"{where}: claim {c.get('id')!r}" if isinstance(c, dict) else f"{where}: claim {i}"
        if isinstance(c, dict) and "value" in c and c["value"] is None:
            raise SchemaError(f"{w}: field 'value' is null; a claim needs a VALUE")
        c = _object(c, _CLAIM_KEYS, w)
        value = _span_from(c["value"], text, w, "value")
        assert value is not None  # null was refused above
        claims.append(
            Claim(
                id=_typed(c, "id", str, w),
                value=value,
                number=_number(c, w),
                unit=parse_enum(Unit, c["unit"], w, "unit"),
                unit_text=_typed(c, "unit_text", str, w),
                kind=parse_enum(ClaimKind, c["kind"], w, "kind"),
                approx=parse_enum(Approx, c["approx"], w, "approx"),
                direction=parse_enum(Direction, c["direction"], w, "direction"),
                modality=parse_enum(Modality, c["modality"], w, "modality"),
                metric=_span_from(c["metric"], text, w, "metric"),
                subject=_span_from(c["subject"], text, w, "subject"),
                time=_span_from(c["time"], text, w, "time"),
            )
        )
    provenance = None
    if d["provenance"] is not None:
        w = f"{where}: field 'provenance'"
        prov = _object(
            d["provenance"],
            {"task_id", "annotation_id", "annotator", "created_at", "updated_at"},
            w,
        )
        provenance = Provenance(
            task_id=_typed(prov, "task_id", int, w),
            annotation_id=_typed(prov, "annotation_id", int, w),
            annotator=_typed(prov, "annotator", str, w),
            created_at=_typed(prov, "created_at", str, w),
            updated_at=_typed(prov, "updated_at", str, w),
        )
    ann = PassageAnnotation(
        passage_id=pid,
        doc_id=_typed(d, "doc_id", str, where),
        text=text,
        entities=tuple(entities),
        claims=tuple(claims),
        provenance=provenance,
    )
    validate_annotation(ann, where)
    return ann


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _overlaps(spans: Sequence[tuple[int, int, str]]) -> tuple[str, str] | None:
    for (_, e1, id1), (s2, _, id2) in itertools.pairwise(sorted(spans)):
        if s2 < e1:
            return id1, id2
    return None


def normalized_number(value_text: str) -> float | None:
    """The number the recognizer reads from a VALUE's text, when it reads exactly one quantity
    covering the whole text; ``None`` when it cannot say (the annotator's number stands)."""
    from .numbers import find_quantities

    found = [q for q in find_quantities(value_text) if q.number is not None]
    if len(found) == 1 and (found[0].start, found[0].end) == (0, len(value_text)):
        return float(found[0].number)
    return None


def validate_annotation(a: PassageAnnotation, where: str) -> None:
    """Check the invariants of one passage's gold (see the module docstring)."""
    for e in a.entities:
        check_span(a.text, e.start, e.end, e.text, f"{where}: entity {e.id!r}")
    clash = _overlaps([(e.start, e.end, e.id) for e in a.entities])
    if clash:
        raise SchemaError(f"{where}: entities {clash[0]!r} and {clash[1]!r} overlap")
    ids = [e.id for e in a.entities] + [c.id for c in a.claims]
    dup = next((i for i, n in Counter(ids).items() if n > 1), None)
    if dup is not None:
        raise SchemaError(f"{where}: id {dup!r} is used twice")
    for c in a.claims:
        w = f"{where}: claim {c.id!r}"
        for name in ("value", "metric", "subject", "time"):
            s = getattr(c, name)
            if s is not None:
                check_span(a.text, s.start, s.end, s.text, f"{w}: field {name!r}")
        if not math.isfinite(c.number) or c.number < 0:
            raise SchemaError(f"{w}: field 'number' must be finite and not negative")
        expected = normalized_number(c.value.text)
        if expected is not None and not math.isclose(c.number, expected, rel_tol=1e-9):
            raise SchemaError(
                f"{w}: field 'number' is {c.number!r} but the VALUE {c.value.text!r} "
                f"normalizes to {expected!r}"
            )
    clash = _overlaps([(c.value.start, c.value.end, c.id) for c in a.claims])
    if clash:
        raise SchemaError(f"{where}: the VALUEs of claims {clash[0]!r} and {clash[1]!r} overlap")


def check_against_corpus(
    gold: Sequence[PassageAnnotation], documents: Sequence[Document], source: str
) -> None:
    """Every gold passage exists in the corpus with the same text, once."""
    texts = {p.id: (d.id, d.text[p.start : p.end]) for d in documents for p in d.passages}
    seen: set[str] = set()
    for n, a in enumerate(gold, 1):
        where = f"{source}: record {n}: passage {a.passage_id!r}"
        if a.passage_id in seen:
            raise SchemaError(f"{where}: passage annotated twice")
        seen.add(a.passage_id)
        if a.passage_id not in texts:
            raise SchemaError(f"{where}: field 'passage_id' names no passage of the corpus")
        doc_id, text = texts[a.passage_id]
        if a.doc_id != doc_id:
            raise SchemaError(f"{where}: field 'doc_id' is {a.doc_id!r}, expected {doc_id!r}")
        if a.text != text:
            raise SchemaError(f"{where}: field 'text' differs from the corpus passage text")


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def read_gold(path: Path) -> list[PassageAnnotation]:
    return [annotation_from_json(rec, f"{path}: line {n}") for n, rec in read_jsonl(path)]


def write_gold(path: Path, gold: Iterable[PassageAnnotation]) -> None:
    write_atomic(path, dumps_jsonl(annotation_to_json(a) for a in gold))


# --------------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------------


def statistics(gold: Sequence[PassageAnnotation], documents: Sequence[Document]) -> dict[str, Any]:
    """Counts of the gold: per label, per article, per passage type. Deterministic."""
    ptype = {p.id: p.type.value for d in documents for p in d.passages}
    ent = Counter(e.type.value for a in gold for e in a.entities)
    kind = Counter(c.kind.value for a in gold for c in a.claims)
    unit = Counter(c.unit.value for a in gold for c in a.claims)
    parts = Counter(
        name
        for a in gold
        for c in a.claims
        for name in ("metric", "subject", "time")
        if getattr(c, name) is not None
    )
    per_doc: dict[str, dict[str, int]] = {}
    per_type: dict[str, dict[str, int]] = {}
    for a in gold:
        for key, table in ((a.doc_id, per_doc), (ptype.get(a.passage_id, "?"), per_type)):
            row = table.setdefault(
                key, {"passages": 0, "characters": 0, "entities": 0, "claims": 0}
            )
            row["passages"] += 1
            row["characters"] += len(a.text)
            row["entities"] += len(a.entities)
            row["claims"] += len(a.claims)
    return {
        "passages": len(gold),
        "characters": sum(len(a.text) for a in gold),
        "entities": {"total": sum(ent.values()), "by_type": dict(sorted(ent.items()))},
        "claims": {
            "total": sum(kind.values()),
            "by_kind": dict(sorted(kind.items())),
            "by_unit": dict(sorted(unit.items())),
            "with_part": dict(sorted(parts.items())),
        },
        "by_article": dict(sorted(per_doc.items())),
        "by_passage_type": dict(sorted(per_type.items())),
    }


def render_statistics(stats: dict[str, Any]) -> str:
    return dumps_json(stats)
