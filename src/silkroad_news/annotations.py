"""The canonical gold: one :class:`~silkroad_news.schema.PassageAnnotation` per passage.

Contract
--------
* ``annotations/gold.jsonl`` holds one JSON object per passage, in corpus order, written by
  :func:`write_gold` from the pulled Label Studio export; offsets are into the passage text.
* Records are read and written by the one codec, :mod:`silkroad_news.records`:
  :func:`~silkroad_news.records.annotation_to_json` and
  :func:`~silkroad_news.records.annotation_from_json` are pure and inverse, and the reader
  refuses what :func:`~silkroad_news.records.validate_annotation` refuses (overlapping
  entities or VALUEs, a number that differs from what its VALUE normalizes to, ...) as well as
  missing, unknown or mistyped fields at every level. :func:`check_against_corpus` refuses a
  passage text that is not the corpus text, a passage annotated twice or one left out.
* :func:`statistics` counts labels per type, per article and per passage type; the committed
  ``annotations/statistics.json`` must equal a fresh count (tests recompute it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .files import dumps_json, dumps_jsonl, read_jsonl, write_atomic
from .records import CLAIM_PARTS, annotation_from_json, annotation_to_json
from .records import normalized_number as normalized_number  # re-exported: the gold's rules
from .records import validate_annotation as validate_annotation
from .schema import Document, PassageAnnotation, SchemaError

GOLD_FILE = Path("annotations/gold.jsonl")
STATS_FILE = Path("annotations/statistics.json")


# --------------------------------------------------------------------------------------------
# Checks against the corpus
# --------------------------------------------------------------------------------------------


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


def validate_gold(root: Path) -> list[PassageAnnotation]:
    """Read ``annotations/gold.jsonl`` and check it against the corpus: every passage once,
    with the corpus text, none left out. Returns the gold in file order."""
    from .corpus import load_documents

    gold = read_gold(root / GOLD_FILE)
    documents = load_documents(root)
    check_against_corpus(gold, documents, str(GOLD_FILE))
    missing = sorted({p.id for d in documents for p in d.passages} - {a.passage_id for a in gold})
    if missing:
        raise SchemaError(f"{GOLD_FILE}: {len(missing)} passages have no gold, e.g. {missing[0]!r}")
    return gold


def import_export(
    root: Path, export: Path, annotator: str | None = None
) -> list[PassageAnnotation]:
    """Turn a pulled Label Studio export (``export``, relative to ``root``) into the gold
    file: one record per corpus passage, checked against the corpus, written atomically."""
    from .corpus import load_documents
    from .labelstudio.client import read_export
    from .labelstudio.worksheets import gold_from_export

    documents = load_documents(root)
    gold = gold_from_export(
        read_export(root / export, missing_ok=False), documents, annotator, str(export)
    )
    check_against_corpus(gold, documents, str(export))
    write_gold(root / GOLD_FILE, gold)
    return gold


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
        name for a in gold for c in a.claims for name in CLAIM_PARTS if getattr(c, name) is not None
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


def statistics_files(root: Path) -> dict[Path, str]:
    """``annotations/statistics.json`` as ``annotations statistics`` writes it."""
    from .corpus import load_documents

    stats = statistics(validate_gold(root), load_documents(root))
    return {root / STATS_FILE: render_statistics(stats)}
