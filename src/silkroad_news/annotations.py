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
  a finite float or does not normalize from its VALUE, a passage text that is not the corpus text.
* :func:`statistics` counts labels per type, per article and per passage type; the committed
  ``annotations/statistics.json`` must equal a fresh count (tests recompute it).
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .files import dumps_json, dumps_jsonl, write_atomic
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


def _span_json(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def annotation_to_json(a: PassageAnnotation) -> dict[str, Any]:
    return {
        "passage_id": a.passage_id,
        "doc_id": a.doc_id,
        "text": a.text,
        "entities": [
            {"id": e.id, "type": e.type.value, "start": e.start, "end": e.end, "text": e.text}
            for e in a.entities
        ],
        "claims": [
            {
                "id": c.id,
                "value": _span_json(c.value),
                "number": c.number,
                "unit": c.unit.value,
                "unit_text": c.unit_text,
                "kind": c.kind.value,
                "approx": c.approx.value,
                "direction": c.direction.value,
                "modality": c.modality.value,
                "metric": _span_json(c.metric),
                "subject": _span_json(c.subject),
                "time": _span_json(c.time),
            }
            for c in a.claims
        ],
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


def _field(d: dict[str, Any], name: str, where: str) -> Any:
    if not isinstance(d, dict):
        raise SchemaError(f"{where}: expected an object")
    if name not in d:
        raise SchemaError(f"{where}: missing field {name!r}")
    return d[name]


def _span_from(d: Any, text: str, where: str, name: str) -> Span | None:
    if d is None:
        return None
    w = f"{where}: field {name!r}"
    span = Span(_field(d, "start", w), _field(d, "end", w), _field(d, "text", w))
    check_span(text, span.start, span.end, span.text, w)
    return span


def annotation_from_json(d: Any, where: str) -> PassageAnnotation:
    """Parse and check one gold record; ``where`` names the file and line for messages."""
    pid = _field(d, "passage_id", where)
    where = f"{where}: passage {pid!r}"
    text = _field(d, "text", where)
    if not isinstance(text, str):
        raise SchemaError(f"{where}: field 'text' must be a string")
    entities = []
    for e in _field(d, "entities", where):
        w = f"{where}: entity {e.get('id')!r}" if isinstance(e, dict) else where
        check_span(text, _field(e, "start", w), _field(e, "end", w), _field(e, "text", w), w)
        entities.append(
            Entity(
                id=str(_field(e, "id", w)),
                type=parse_enum(EntityType, _field(e, "type", w), w, "type"),
                start=e["start"],
                end=e["end"],
                text=e["text"],
            )
        )
    claims = []
    for c in _field(d, "claims", where):
        w = f"{where}: claim {c.get('id')!r}" if isinstance(c, dict) else where
        value = _span_from(_field(c, "value", w), text, w, "value")
        if value is None:
            raise SchemaError(f"{w}: field 'value' is null; a claim needs a VALUE")
        number = _field(c, "number", w)
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise SchemaError(f"{w}: field 'number' must be a number, got {number!r}")
        if not math.isfinite(number):
            raise SchemaError(f"{w}: field 'number' is not finite: {number!r}")
        unit_text = _field(c, "unit_text", w)
        if not isinstance(unit_text, str):
            raise SchemaError(f"{w}: field 'unit_text' must be a string")
        claims.append(
            Claim(
                id=str(_field(c, "id", w)),
                value=value,
                number=float(number),
                unit=parse_enum(Unit, _field(c, "unit", w), w, "unit"),
                unit_text=unit_text,
                kind=parse_enum(ClaimKind, _field(c, "kind", w), w, "kind"),
                approx=parse_enum(Approx, _field(c, "approx", w), w, "approx"),
                direction=parse_enum(Direction, _field(c, "direction", w), w, "direction"),
                modality=parse_enum(Modality, _field(c, "modality", w), w, "modality"),
                metric=_span_from(_field(c, "metric", w), text, w, "metric"),
                subject=_span_from(_field(c, "subject", w), text, w, "subject"),
                time=_span_from(_field(c, "time", w), text, w, "time"),
            )
        )
    prov = _field(d, "provenance", where)
    provenance = None
    if prov is not None:
        w = f"{where}: field 'provenance'"
        provenance = Provenance(
            task_id=_field(prov, "task_id", w),
            annotation_id=_field(prov, "annotation_id", w),
            annotator=_field(prov, "annotator", w),
            created_at=_field(prov, "created_at", w),
            updated_at=_field(prov, "updated_at", w),
        )
    known = {"passage_id", "doc_id", "text", "entities", "claims", "provenance"}
    extra = sorted(set(d) - known)
    if extra:
        raise SchemaError(f"{where}: unknown field {extra[0]!r}")
    ann = PassageAnnotation(
        passage_id=pid,
        doc_id=_field(d, "doc_id", where),
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
        where = f"{source}: line {n}: passage {a.passage_id!r}"
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
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise SchemaError(f"{path}: file not found") from None
    except UnicodeDecodeError as err:
        raise SchemaError(f"{path}: bytes that are not UTF-8 at byte {err.start}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise SchemaError(f"{path}: line {n}: not valid JSON ({err.msg})") from None
        out.append(annotation_from_json(rec, f"{path}: line {n}"))
    return out


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
