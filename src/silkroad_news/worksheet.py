"""Annotation worksheets: spans written as text and occurrence, resolved to offsets.

An annotator reading a passage writes what they see, ``{"text": "喀什地區", "occurrence": 2}``
(the second ``喀什地區`` of the passage), rather than counting characters; :func:`resolve`
turns a worksheet record into a :class:`~silkroad_news.schema.PassageAnnotation` with code-point
offsets, and refuses a surface that is not in the passage, an occurrence that does not exist, or
anything the canonical validator refuses. :func:`to_worksheet` is its inverse, so a worksheet
can also be produced from the gold for review.

Record shape (one JSON object per passage)::

    {"passage_id": "...",
     "entities": [{"text": "...", "occurrence": 1, "type": "GPE"}],
     "claims": [{"value": {"text": "564.32億元", "occurrence": 1}, "number": 56432000000.0,
                 "unit": "CNY", "unit_text": "億元", "kind": "amount", "approx": "exact",
                 "direction": "none", "modality": "actual",
                 "metric": {"text": "進出口總值", "occurrence": 1} | null,
                 "subject": ... | null, "time": ... | null}]}

``occurrence`` defaults to 1; a part may be left out (it is ``null``); any other field is an
error. Ids are assigned in order (``e1``, ``e2``, ``c1``, ...). A claim written under schema
1.0 (``"unit": "count"``, no ``low``/``high``) is migrated on reading
(:func:`~silkroad_news.records.migrate_claim_v1`), as the Label Studio import does.

The number-mention layer has worksheets of its own (:func:`resolve_mentions`,
:func:`to_mention_worksheet`), one object per passage::

    {"passage_id": "...",
     "mentions": [{"text": "564.32億元", "occurrence": 1, "category": "quantity",
                   "number": 56432000000, "low": null, "high": null, "unit_text": "億元",
                   "approx": "exact", "note": ""},
                  {"text": "2023年8月底", "occurrence": 1, "category": "date"}]}

The reading fields (``number``, ``low``, ``high``, ``unit_text``, ``approx``) are given for
quantities and durations only; the unit's code comes from ``unit_text`` through the unit
inventory (:func:`silkroad_news.units.codes_of`), or from an optional ``unit`` that must be
one of the codes ``unit_text`` stands for (needed for ``度`` and ``点``). ``note`` is the
annotator's remark, kept in the worksheet only. Mentions are sorted by offset and numbered
``<passage_id>-m1``, ``-m2``, ...

>>> sheet = {"passage_id": "d-p01", "entities": [{"text": "喀什", "occurrence": 2, "type": "GPE"}]}
>>> ann = resolve(sheet, "喀什人在喀什", "d", "ws.jsonl: line 1")
>>> [(e.id, e.start, e.end, e.text) for e in ann.entities]
[('e1', 4, 6, '喀什')]
>>> to_worksheet(ann)["entities"]
[{'text': '喀什', 'occurrence': 2, 'type': 'GPE'}]
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import units
from .files import read_jsonl
from .records import (
    CLAIM_ATTRIBUTES,
    CLAIM_PARTS,
    CLAIM_SPANS,
    MENTION_READING,
    annotation_from_json,
    fields_of,
    json_fields,
    mentions_from_json,
    migrate_claim_v1,
    to_json,
)
from .schema import (
    READ_CATEGORIES,
    Claim,
    Entity,
    NumberCategory,
    NumberMention,
    PassageAnnotation,
    PassageMentions,
    SchemaError,
    Span,
    parse_enum,
)

#: A worksheet claim: the canonical claim without its id (ids are given in order).
_CLAIM = tuple(n for n in json_fields(Claim) if n != "id")


def _locate(text: str, ref: Any, where: str) -> dict[str, Any]:
    if not isinstance(ref, Mapping) or not isinstance(ref.get("text"), str) or not ref["text"]:
        raise SchemaError(f"{where}: expected {{'text': ..., 'occurrence': n}}, got {ref!r}")
    surface, occurrence = ref["text"], ref.get("occurrence", 1)
    if not isinstance(occurrence, int) or occurrence < 1:
        raise SchemaError(f"{where}: field 'occurrence' must be a positive integer")
    start = -1
    for _ in range(occurrence):
        start = text.find(surface, start + 1)
        if start < 0:
            found = sum(text.startswith(surface, i) for i in range(len(text)))
            raise SchemaError(
                f"{where}: {surface!r} occurs {found} times in the passage, not {occurrence}"
            )
    return {"start": start, "end": start + len(surface), "text": surface}


def resolve(record: Mapping[str, Any], text: str, doc_id: str, where: str) -> PassageAnnotation:
    """A worksheet record to a validated passage annotation (offsets into ``text``)."""
    if not isinstance(record, Mapping):
        raise SchemaError(f"{where}: expected an object per passage")
    pid = record.get("passage_id")
    where = f"{where}: passage {pid!r}"
    for name in ("entities", "claims"):
        if not isinstance(record.get(name, []), list):
            raise SchemaError(f"{where}: field {name!r} must be a list")
        for i, item in enumerate(record.get(name, []), 1):
            if not isinstance(item, Mapping):
                raise SchemaError(f"{where}: {name} item {i} must be an object, got {item!r}")
    fields_of(dict(record), where, ["passage_id"], ["entities", "claims"])
    entities = []
    for i, e in enumerate(record.get("entities", []), 1):
        w = f"{where}: entity {i} ({e.get('text')!r})"
        fields_of(dict(e), w, ["text", "type"], ["occurrence"])
        entities.append({"id": f"e{i}", "type": e["type"], **_locate(text, e, w)})
    claims = []
    for i, c in enumerate(record.get("claims", []), 1):
        c = migrate_claim_v1(c)
        value = c.get("value")
        w = f"{where}: claim {i} ({value.get('text') if isinstance(value, Mapping) else value!r})"
        fields_of(dict(c), w, [n for n in _CLAIM if n not in CLAIM_PARTS], CLAIM_PARTS)
        claim = {name: c[name] for name in CLAIM_ATTRIBUTES}
        claim["value"] = _locate(text, value, f"{w}: field 'value'")
        for part in CLAIM_PARTS:
            ref = c.get(part)
            claim[part] = None if ref is None else _locate(text, ref, f"{w}: field {part!r}")
        claims.append({"id": f"c{i}", **claim})
    return annotation_from_json(
        {
            "passage_id": pid,
            "doc_id": doc_id,
            "text": text,
            "entities": entities,
            "claims": claims,
            "provenance": None,
        },
        where,
    )


def _corpus_passages(root: Path) -> dict[str, tuple[str, str]]:
    from .corpus import load_documents

    return {p.id: (d.id, d.text[p.start : p.end]) for d in load_documents(root) for p in d.passages}


def _resolve_lines(root: Path, source: Path, resolver: Any) -> list[Any]:
    passages = _corpus_passages(root)
    out = []
    for n, rec in read_jsonl(source):
        where = f"{source}: line {n}"
        pid = rec.get("passage_id") if isinstance(rec, dict) else None
        if pid not in passages:
            raise SchemaError(f"{where}: field 'passage_id' {pid!r} names no corpus passage")
        doc_id, text = passages[pid]
        out.append(resolver(rec, text, doc_id, where))
    return out


def resolve_file(root: Path, source: Path) -> list[PassageAnnotation]:
    """Resolve every record of a worksheet file (JSON Lines) against the corpus passages."""
    return _resolve_lines(root, source, resolve)


# --------------------------------------------------------------------------------------------
# The number-mention layer
# --------------------------------------------------------------------------------------------

#: The reading of a quantity or duration in a mention worksheet (``unit`` is optional).
_READING = tuple(n for n in MENTION_READING if n != "unit")


def resolve_mentions(
    record: Mapping[str, Any], text: str, doc_id: str, where: str
) -> PassageMentions:
    """A mention worksheet record to a validated :class:`PassageMentions` (offsets into
    ``text``, ids in text order, no provenance)."""
    if not isinstance(record, Mapping):
        raise SchemaError(f"{where}: expected an object per passage")
    pid = record.get("passage_id")
    where = f"{where}: passage {pid!r}"
    fields_of(dict(record), where, ["passage_id", "mentions"])
    if not isinstance(record["mentions"], list):
        raise SchemaError(f"{where}: field 'mentions' must be a list")
    located = []
    for i, m in enumerate(record["mentions"], 1):
        if not isinstance(m, Mapping):
            raise SchemaError(f"{where}: mentions item {i} must be an object, got {m!r}")
        w = f"{where}: mention {i} ({m.get('text')!r})"
        category = parse_enum(NumberCategory, m.get("category"), w, "category")
        read = category in READ_CATEGORIES
        required = ["text", "category", *(_READING if read else ())]
        fields_of(dict(m), w, required, ["occurrence", "note", *(("unit",) if read else ())])
        mention: dict[str, Any] = {
            **_locate(text, m, w),
            "category": category.value,
            **dict.fromkeys(n for n in MENTION_READING if n != "unit_text"),
            "unit_text": "",
        }
        if read:
            mention.update({name: m[name] for name in _READING})
            mention["unit"] = _mention_unit(m, w)
        located.append(mention)
    located.sort(key=lambda x: (x["start"], x["end"]))
    for n, mention in enumerate(located, 1):
        mention["id"] = f"{pid}-m{n}"
    return mentions_from_json(
        {
            "passage_id": pid,
            "doc_id": doc_id,
            "text": text,
            "mentions": located,
            "provenance": None,
        },
        where,
    )


def _mention_unit(m: Mapping[str, Any], where: str) -> str | None:
    """The code of a worksheet mention's unit: from ``unit_text``, or the ``unit`` given."""
    unit_text = m["unit_text"]
    if not isinstance(unit_text, str):
        raise SchemaError(f"{where}: field 'unit_text' must be a string, got {unit_text!r}")
    if not unit_text:
        if m.get("unit") is not None:
            raise SchemaError(f"{where}: field 'unit' is given but 'unit_text' is empty")
        return None
    codes = units.codes_of(unit_text)
    if "unit" in m:
        if m["unit"] not in codes:
            raise SchemaError(
                f"{where}: field 'unit' is {m['unit']!r}; 'unit_text' {unit_text!r} stands for "
                f"{' or '.join(codes) or 'no unit of the inventory'}"
            )
        return m["unit"]
    if len(codes) != 1:
        readings = f"stands for {' or '.join(codes)}: add 'unit'" if codes else "is no unit"
        raise SchemaError(
            f"{where}: field 'unit_text' {unit_text!r} {readings} of the unit inventory "
            f"{units.INVENTORY_VERSION}"
        )
    return codes[0]


def resolve_mentions_file(root: Path, source: Path) -> list[PassageMentions]:
    """Resolve every record of a mention worksheet file against the corpus passages."""
    return _resolve_lines(root, source, resolve_mentions)


def to_mention_worksheet(m: PassageMentions) -> dict[str, Any]:
    """The worksheet record of a passage's mentions; ``resolve_mentions`` of it gives them
    back. The unit is written only where ``unit_text`` alone does not decide it."""
    out = []
    for x in m.mentions:
        item: dict[str, Any] = {**(_ref(m.text, x) or {}), "category": x.category.value}
        if x.category in READ_CATEGORIES:
            item.update({name: to_json(getattr(x, name)) for name in _READING})
            if x.unit is not None and units.codes_of(x.unit_text) != (x.unit,):
                item["unit"] = x.unit
        out.append(item)
    return {"passage_id": m.passage_id, "mentions": out}


def _ref(text: str, span: Span | Entity | NumberMention | None) -> dict[str, Any] | None:
    if span is None:
        return None
    if text[span.start : span.end] != span.text:
        raise SchemaError(f"span {span} does not match its text")
    occurrence = sum(text.startswith(span.text, i) for i in range(span.start)) + 1
    return {"text": span.text, "occurrence": occurrence}


def to_worksheet(a: PassageAnnotation) -> dict[str, Any]:
    """The worksheet record of a passage annotation; ``resolve`` of it gives the same spans."""
    return {
        "passage_id": a.passage_id,
        "entities": [{**(_ref(a.text, e) or {}), "type": e.type.value} for e in a.entities],
        "claims": [
            {
                name: _ref(a.text, getattr(c, name)) if name in CLAIM_SPANS else value
                for name, value in to_json(c).items()
                if name in _CLAIM
            }
            for c in a.claims
        ],
    }
