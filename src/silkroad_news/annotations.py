"""The canonical gold: two layers per passage, each with its own file and provenance.

Contract
--------
* ``annotations/gold.jsonl`` holds the entity and claim layer, one
  :class:`~silkroad_news.schema.PassageAnnotation` per passage, in corpus order, written by
  :func:`write_gold` from the pulled Label Studio export; ``annotations/mentions.jsonl`` holds
  the number-mention layer, one :class:`~silkroad_news.schema.PassageMentions` per passage
  (:func:`write_mentions`). Offsets are into the passage text.
* Records are read and written by the one codec, :mod:`silkroad_news.records`, whose readers
  refuse what its validators refuse (overlapping entities, VALUEs or mentions, a number or
  unit that differs from what the recognizer reads for its VALUE, a unit that is no code of the
  unit inventory, ...) as well as missing, unknown or mistyped fields at every level.
  :func:`check_against_corpus` refuses a passage text that is not the corpus text or a passage
  annotated twice; :func:`~silkroad_news.records.check_layers` refuses a claim VALUE that is
  not exactly one ``quantity`` mention with the same reading.
* **Pending articles.** An article is *annotated* when every one of its passages has a record
  in both layers; otherwise it is *pending* (annotation under way, or not started): it is
  listed (:func:`load_gold`, ``annotations validate``, the dataset card), left out of the
  dataset, and never an error. The gold it already has is checked all the same.
* :func:`statistics` counts labels per type, per article and per passage type over the
  annotated articles; the committed ``annotations/statistics.json`` must equal a fresh count
  (tests recompute it).
* :func:`import_mentions` writes the number-mention layer from the pulled export of its Label
  Studio project, with its provenance, after checking it against the claims of the gold.
* :func:`migrate_gold_v1` is the one-off migration of a schema-1.0 gold file to schema 2.0
  (units become codes of the unit inventory, claims gain ``low``/``high``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import dumps_json, dumps_jsonl, parse_jsonl, read_jsonl, write_atomic
from .records import (
    CLAIM_PARTS,
    annotation_from_json,
    annotation_to_json,
    check_layers,
    mentions_from_json,
    mentions_to_json,
    migrate_claim_v1,
)
from .records import normalized_number as normalized_number  # re-exported: the gold's rules
from .records import validate_annotation as validate_annotation
from .schema import Document, PassageAnnotation, PassageMentions, SchemaError

GOLD_FILE = Path("annotations/gold.jsonl")
MENTIONS_FILE = Path("annotations/mentions.jsonl")
STATS_FILE = Path("annotations/statistics.json")


# --------------------------------------------------------------------------------------------
# Checks against the corpus
# --------------------------------------------------------------------------------------------


def check_against_corpus(
    gold: Sequence[PassageAnnotation | PassageMentions], documents: Sequence[Document], source: str
) -> None:
    """Every gold passage (of either layer) exists in the corpus with the same text, once."""
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
# The two layers together
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    """An article without complete gold: how many of its passages each layer has."""

    passages: int
    with_gold: int
    with_mentions: int

    def describe(self) -> str:
        return (
            f"{self.passages} passages, {self.with_gold} with entity/claim gold, "
            f"{self.with_mentions} with number mentions"
        )


@dataclass(frozen=True)
class Gold:
    """The checked gold of a repository, split into annotated and pending articles."""

    #: entity and claim layer of every passage of the annotated articles, in corpus order
    annotations: dict[str, PassageAnnotation]
    #: number-mention layer of the same passages
    mentions: dict[str, PassageMentions]
    #: the annotated articles, in corpus order
    articles: tuple[str, ...]
    #: article id -> what it has, for the articles left out (corpus order)
    pending: dict[str, Pending] = field(default_factory=dict)

    def describe_pending(self) -> list[str]:
        return [f"{doc}: {p.describe()}" for doc, p in self.pending.items()]


def split_pending(
    documents: Sequence[Document],
    gold: Sequence[PassageAnnotation],
    mentions: Sequence[PassageMentions],
) -> Gold:
    """Pure: the annotated articles (every passage in both layers) and the pending ones.
    The two layers of every passage that has both are checked against each other."""
    by_gold = {a.passage_id: a for a in gold}
    by_mentions = {m.passage_id: m for m in mentions}
    for pid in by_gold.keys() & by_mentions.keys():
        check_layers(by_gold[pid], by_mentions[pid], f"{GOLD_FILE} and {MENTIONS_FILE}")
    annotations: dict[str, PassageAnnotation] = {}
    layer: dict[str, PassageMentions] = {}
    articles: list[str] = []
    pending: dict[str, Pending] = {}
    for d in documents:
        ids = [p.id for p in d.passages]
        n_gold = sum(pid in by_gold for pid in ids)
        n_mentions = sum(pid in by_mentions for pid in ids)
        if n_gold == n_mentions == len(ids):
            articles.append(d.id)
            annotations.update((pid, by_gold[pid]) for pid in ids)
            layer.update((pid, by_mentions[pid]) for pid in ids)
        else:
            pending[d.id] = Pending(len(ids), n_gold, n_mentions)
    return Gold(annotations, layer, tuple(articles), pending)


def load_gold(root: Path) -> Gold:
    """Read both gold files of ``root``, check them against the corpus and each other, and
    split the articles into annotated and pending ones."""
    from .corpus import load_documents

    documents = load_documents(root)
    gold = read_gold(root / GOLD_FILE)
    check_against_corpus(gold, documents, str(GOLD_FILE))
    mentions = read_mentions(root / MENTIONS_FILE)
    check_against_corpus(mentions, documents, str(MENTIONS_FILE))
    return split_pending(documents, gold, mentions)


def validate_gold(root: Path) -> list[PassageAnnotation]:
    """The entity and claim gold of the annotated articles, in corpus order, after every check
    of :func:`load_gold`."""
    return list(load_gold(root).annotations.values())


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def import_export(
    root: Path, export: Path, annotator: str | None = None
) -> list[PassageAnnotation]:
    """Turn a pulled Label Studio export (``export``, relative to ``root``) into the gold
    file: one record per corpus passage, checked against the corpus, written atomically. An
    export of the schema-1.0 labeling config is migrated on reading (see
    :mod:`silkroad_news.labelstudio.convert`)."""
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


@dataclass
class MentionsImport:
    """What :func:`import_mentions` did: the records, one line per mention added, changed or
    removed (and per new provenance), where the old file was kept, whether it was written."""

    records: list[PassageMentions]
    changes: list[str]
    backup: Path | None = None
    written: bool = False

    def summary(self) -> str:
        state = "written" if self.written else "unchanged, not rewritten"
        lines = [f"{MENTIONS_FILE}: {len(self.records)} passages ({state})", *self.changes]
        if self.backup:
            lines.append(f"old layer kept as {self.backup}")
        return "\n".join(lines)


def import_mentions(
    root: Path, export: Path | None = None, annotator: str | None = None
) -> MentionsImport:
    """The pulled export of the mention project (``export``, relative to ``root``; default
    ``annotations/labelstudio/mentions_export.json``) as ``annotations/mentions.jsonl``, with
    its provenance (:func:`silkroad_news.labelstudio.mentions.mentions_from_export`). Refused,
    nothing written, when a claim VALUE of the gold disagrees with the new layer
    (:func:`~silkroad_news.records.check_layers`). The old file is copied to
    ``annotations/backups/`` before it is replaced."""
    from .corpus import load_documents
    from .labelstudio.client import backup, read_export
    from .labelstudio.mentions import EXPORT_PATH, mention_diff, mentions_from_export, read_accounts

    export = export or EXPORT_PATH
    documents = load_documents(root)
    accounts = read_accounts((root / export).parent)
    records = mentions_from_export(
        read_export(root / export), documents, accounts, annotator, str(export)
    )
    if (root / GOLD_FILE).exists():
        gold = {a.passage_id: a for a in read_gold(root / GOLD_FILE)}
        for rec in records:
            if rec.passage_id in gold:
                try:
                    check_layers(gold[rec.passage_id], rec, f"{export} and {GOLD_FILE}")
                except SchemaError as exc:
                    raise SchemaError(
                        f"{exc}; fix the mention in Label Studio or the claim in the claim layer"
                    ) from None
    path = root / MENTIONS_FILE
    old = {m.passage_id: m for m in read_mentions(path)} if path.exists() else {}
    changes = [line for rec in records for line in mention_diff(old.get(rec.passage_id), rec)]
    report = MentionsImport(records, changes)
    text = dumps_jsonl(mentions_to_json(m) for m in records)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        report.backup = backup(path)  # into annotations/backups/, beside the gold's
        write_atomic(path, text)
        report.written = True
    return report


def read_gold(path: Path) -> list[PassageAnnotation]:
    return [annotation_from_json(rec, f"{path}: line {n}") for n, rec in read_jsonl(path)]


def write_gold(path: Path, gold: Iterable[PassageAnnotation]) -> None:
    write_atomic(path, dumps_jsonl(annotation_to_json(a) for a in gold))


def read_mentions(path: Path) -> list[PassageMentions]:
    return [mentions_from_json(rec, f"{path}: line {n}") for n, rec in read_jsonl(path)]


def write_mentions(path: Path, mentions: Iterable[PassageMentions]) -> None:
    write_atomic(path, dumps_jsonl(mentions_to_json(m) for m in mentions))


def migrate_gold_v1(data: bytes, source: str) -> str:
    """A schema-1.0 gold file (JSON Lines bytes) in the form of schema 2.0, as text: each
    claim through :func:`~silkroad_news.records.migrate_claim_v1` (a count's unit becomes
    ``count:<measure word>`` from its ``unit_text``; ``low``/``high`` are added as null),
    nothing else changed; every record is then read and checked as 2.0 gold. Pure; a file
    already in the 2.0 form comes back as it is (canonical)."""
    out = []
    for n, rec in parse_jsonl(data, source):
        where = f"{source}: line {n}"
        if not isinstance(rec, dict) or not isinstance(rec.get("claims"), list):
            raise SchemaError(f"{where}: expected a gold record with a list of 'claims'")
        claims = [migrate_claim_v1(c) if isinstance(c, dict) else c for c in rec["claims"]]
        out.append(annotation_to_json(annotation_from_json({**rec, "claims": claims}, where)))
    return dumps_jsonl(out)


# --------------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------------


def statistics(
    gold: Sequence[PassageAnnotation],
    documents: Sequence[Document],
    mentions: Sequence[PassageMentions] = (),
    pending: Mapping[str, Pending] | None = None,
) -> dict[str, Any]:
    """Counts of the gold: per label, per article, per passage type, of the number mentions
    per category and unit, and the pending articles. Deterministic."""
    ptype = {p.id: p.type.value for d in documents for p in d.passages}
    ent = Counter(e.type.value for a in gold for e in a.entities)
    kind = Counter(c.kind.value for a in gold for c in a.claims)
    unit = Counter(c.unit for a in gold for c in a.claims)
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
    out = {
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
    if mentions:
        category = Counter(x.category.value for m in mentions for x in m.mentions)
        units = Counter(x.unit for m in mentions for x in m.mentions if x.unit is not None)
        claim_spans = {(a.passage_id, c.value.start, c.value.end) for a in gold for c in a.claims}
        out["mentions"] = {
            "total": sum(category.values()),
            "by_category": dict(sorted(category.items())),
            "by_unit": dict(sorted(units.items())),
            "claims": sum(
                (m.passage_id, x.start, x.end) in claim_spans for m in mentions for x in m.mentions
            ),
            "ranges": sum(
                x.number is None and x.low is not None for m in mentions for x in m.mentions
            ),
        }
    if pending is not None:
        out["pending_articles"] = {
            doc: {
                "passages": p.passages,
                "with_gold": p.with_gold,
                "with_mentions": p.with_mentions,
            }
            for doc, p in sorted(pending.items())
        }
    return out


def render_statistics(stats: dict[str, Any]) -> str:
    return dumps_json(stats)


def statistics_files(root: Path) -> dict[Path, str]:
    """``annotations/statistics.json`` as ``annotations statistics`` writes it."""
    from .corpus import load_documents

    state = load_gold(root)
    stats = statistics(
        list(state.annotations.values()),
        load_documents(root),
        list(state.mentions.values()),
        state.pending,
    )
    return {root / STATS_FILE: render_statistics(stats)}
