"""``labelstudio sync``: the annotation loop closed in one command.

Contract (:func:`sync`), in this order, nothing written until every step before it passed:

1. **pull**: the server's export merged into ``annotations/labelstudio/export.json`` by
   passage and provenance (:func:`~silkroad_news.labelstudio.client.merged_export`), and
   checked (:func:`~silkroad_news.labelstudio.check.check_export`): any problem refuses the
   sync (exit 2, nothing written), whatever ``accept_problems`` says for ``pull``: the gold
   is never made from an annotation with a problem;
2. **import**: the merged export turned into the gold (one record per passage;
   :func:`~silkroad_news.labelstudio.worksheets.gold_from_export`); passages of articles
   nobody annotated yet are pending, left out of the gold and listed;
3. **diff**: the new gold against ``annotations/gold.jsonl``, per passage: entities and
   claims added, changed (same span, another label or field) and removed
   (:func:`gold_diff`), printed before anything is written;
4. **write**: the old export and gold copied to ``backups/`` beside them, then the new ones
   written together (atomically, all or none);
5. **validate and rebuild**: ``annotations validate`` (the gold against the corpus), then
   the statistics and ``build`` (the dataset files, README header, card) written.

``dry_run`` stops after step 3.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from silkroad_news.labelstudio.check import CheckReport
from silkroad_news.labelstudio.client import (
    EXPORT_FILE,
    ExportDiff,
    backup,
    dumps_export,
    merged_export,
)
from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.records import CLAIM_ATTRIBUTES, CLAIM_PARTS, span_diff
from silkroad_news.schema import Claim, Entity, PassageAnnotation

EXPORT_PATH = Path("annotations/labelstudio") / EXPORT_FILE


def _claim_fields(c: Claim) -> dict[str, Any]:
    out = {name: getattr(c, name) for name in CLAIM_ATTRIBUTES}
    for name in CLAIM_PARTS:
        span = getattr(c, name)
        out[name] = None if span is None else span.text
    return out


def _value(v: Any) -> str:
    return v.value if hasattr(v, "value") and not isinstance(v, str) else repr(v)


def _entity(e: Entity) -> str:
    return f"{e.text} [{e.start}, {e.end}) {e.type.value}"


def _entity_change(a: Entity, b: Entity) -> str | None:
    return None if a.type == b.type else f"{_entity(a)} -> {b.type.value}"


def _claim(c: Claim) -> str:
    return f"{c.value.text} [{c.value.start}, {c.value.end}) {c.kind.value}"


def _claim_change(a: Claim, b: Claim) -> str | None:
    fa, fb = _claim_fields(a), _claim_fields(b)
    changes = [f"{n} {_value(fa[n])} -> {_value(fb[n])}" for n in fa if fa[n] != fb[n]]
    if not changes:
        return None
    return f"{a.value.text} [{a.value.start}, {a.value.end}): {'; '.join(changes)}"


def passage_diff(old: PassageAnnotation | None, new: PassageAnnotation | None) -> list[str]:
    """What changed in one passage's gold, one line per entity or claim."""
    old_e = {(e.start, e.end): e for e in (old.entities if old else ())}
    new_e = {(e.start, e.end): e for e in (new.entities if new else ())}
    old_c = {(c.value.start, c.value.end): c for c in (old.claims if old else ())}
    new_c = {(c.value.start, c.value.end): c for c in (new.claims if new else ())}
    return [
        *span_diff(old_e, new_e, "entity", _entity, _entity_change),
        *span_diff(old_c, new_c, "claim", _claim, _claim_change),
    ]


@dataclass
class GoldDiff:
    """Per passage, the lines of :func:`passage_diff`; passages whose provenance alone
    changed (reviewed, or copied unchanged) are counted apart."""

    passages: dict[str, list[str]] = field(default_factory=dict)
    provenance_only: list[str] = field(default_factory=list)
    added_passages: list[str] = field(default_factory=list)
    removed_passages: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out = {f"{k} {w}": 0 for k in ("entity", "claim") for w in ("added", "changed", "removed")}
        for lines in self.passages.values():
            for line in lines:
                key = " ".join(line.split()[:2])
                out[key] += 1
        return out

    @property
    def changed(self) -> bool:
        return bool(
            self.passages or self.provenance_only or self.added_passages or self.removed_passages
        )

    def lines(self) -> list[str]:
        out = []
        for pid, lines in self.passages.items():
            out += [f"  {pid}: {line}" for line in lines]
        if self.provenance_only:
            out.append(
                f"  {len(self.provenance_only)} passage(s) with a new provenance only: "
                f"{', '.join(self.provenance_only[:10])}"
            )
        return out

    def summary(self) -> str:
        c = self.counts
        return (
            "gold diff: entities "
            f"+{c['entity added']} ~{c['entity changed']} -{c['entity removed']}, claims "
            f"+{c['claim added']} ~{c['claim changed']} -{c['claim removed']} in "
            f"{len(self.passages)} passage(s); {len(self.added_passages)} passage(s) new to the "
            f"gold, {len(self.removed_passages)} left out"
        )


def gold_diff(old: Sequence[PassageAnnotation], new: Sequence[PassageAnnotation]) -> GoldDiff:
    """How ``new`` differs from ``old`` (both one record per passage)."""
    a = {g.passage_id: g for g in old}
    b = {g.passage_id: g for g in new}
    diff = GoldDiff()
    for pid in [*b, *(p for p in a if p not in b)]:
        lines = passage_diff(a.get(pid), b.get(pid))
        if pid not in a:
            diff.added_passages.append(pid)
        elif pid not in b:
            diff.removed_passages.append(pid)
        elif not lines and a[pid].provenance != b[pid].provenance:
            diff.provenance_only.append(pid)
        if lines:
            diff.passages[pid] = lines
    return diff


@dataclass
class SyncReport:
    export: ExportDiff
    check: CheckReport
    gold: GoldDiff | None = None
    pending: list[str] = field(default_factory=list)
    refused: bool = False
    written: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)


def sync(
    client: Any,
    project: int | str,
    root: Path,
    *,
    dry_run: bool = False,
    annotator: str | None = None,
    rebuild: bool = True,
    echo: Any = print,
) -> SyncReport:
    """Pull, import, diff, write with backups, validate and rebuild (module docstring)."""
    from silkroad_news.annotations import GOLD_FILE, read_gold, render_statistics, statistics
    from silkroad_news.corpus import load_documents
    from silkroad_news.files import dumps_jsonl, write_many_atomic
    from silkroad_news.labelstudio.worksheets import gold_from_export
    from silkroad_news.records import annotation_to_json

    root = Path(root)
    documents = load_documents(root)
    export, diff, check = merged_export(client, project, root / EXPORT_PATH, documents)
    report = SyncReport(diff, check)
    echo(diff.summary())
    for line in diff.lines():
        echo(f"  {line}")
    if check.problems:
        for line in check.lines():
            echo(line)
        report.refused = True
        echo("sync: nothing written: fix the problems in Label Studio (labelstudio check)")
        return report
    annotated = {
        t["data"]["passage_id"]
        for t in export
        if any(not a.get("was_cancelled") for a in t.get("annotations") or ())
    }
    # An article nobody has annotated yet is pending; one begun must be finished.
    ready = [d for d in documents if any(p.id in annotated for p in d.passages)]
    report.pending = [p.id for d in documents if d not in ready for p in d.passages]
    gold = gold_from_export(export, ready, annotator, str(EXPORT_PATH))
    old = read_gold(root / GOLD_FILE) if (root / GOLD_FILE).exists() else []
    report.gold = gold_diff(old, gold)
    echo(report.gold.summary())
    for line in report.gold.lines():
        echo(line)
    if report.pending:
        echo(f"sync: {len(report.pending)} passage(s) of articles not annotated yet (pending)")
    if dry_run:
        return report
    files: dict[Path, str] = {}
    export_text = dumps_export(export)
    gold_text = dumps_jsonl(annotation_to_json(a) for a in gold)
    for path, text in ((root / EXPORT_PATH, export_text), (root / GOLD_FILE, gold_text)):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            files[path] = text
    for path in files:
        kept = backup(path)
        if kept is not None:
            report.backups.append(kept)
    if files:
        write_many_atomic(files)
        report.written += sorted(files)
    for path in report.backups:
        echo(f"sync: kept {path.relative_to(root)}")
    for path in sorted(files):
        echo(f"sync: wrote {path.relative_to(root)}")
    if not rebuild:
        return report
    try:
        from silkroad_news.annotations import STATS_FILE, validate_gold
        from silkroad_news.build import render_build

        checked = validate_gold(root)
        generated: dict[Path, Any] = {
            root / STATS_FILE: render_statistics(statistics(checked, documents))
        }
        generated.update(render_build(root))
    except Exception as exc:
        if isinstance(exc, LabelStudioError):
            raise
        raise LabelStudioError(
            f"sync: the gold is written, but validate or build refused it: {exc}"
        ) from exc
    changed = {
        p: c
        for p, c in generated.items()
        if not p.exists() or p.read_bytes() != (c.encode("utf-8") if isinstance(c, str) else c)
    }
    write_many_atomic(changed)
    for path in sorted(changed):
        echo(f"sync: rebuilt {path.relative_to(root)}")
    report.written += sorted(changed)
    echo(f"sync: validated {len(checked)} passages; {len(changed)} generated file(s) changed")
    return report
