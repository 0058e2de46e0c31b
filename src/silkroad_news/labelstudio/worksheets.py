"""Worksheets in and out of Label Studio, and the export turned into the canonical gold.

* :func:`review_sheets` gives, per task of the project, the passage and its pre-annotation in
  worksheet form (spans as surface text plus occurrence, see :mod:`silkroad_news.worksheet`):
  what an annotator reviews span by span.
* :func:`submit_sheets` submits reviewed worksheets as annotations of the token's user, one per
  task, through the same API the editor uses on Submit; a task that already has an annotation of
  that user gets it updated (the old result stays in the committed export and in git).
* :func:`gold_from_export` turns a full-JSON export into canonical records, one per passage in
  corpus order, after the checks of ``labelstudio check``
  (:func:`~silkroad_news.labelstudio.check.check_annotation`), refusing a task with no
  annotation or with several (name the annotator to choose).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..schema import Document, PassageAnnotation
from ..worksheet import resolve, to_worksheet
from .check import CheckReport, check_annotation, raise_problems
from .client import _base_url, _server_tasks, api_errors, resolve_project, task_record
from .convert import from_labelstudio, iter_annotations, to_labelstudio
from .errors import LabelStudioError


def review_sheets(client: Any, project: int | str) -> list[dict[str, Any]]:
    """Per task: passage id, type, text, simplified text and the pre-annotation worksheet."""
    project_id = resolve_project(client, project)
    out = []
    with api_errors("read predictions", _base_url(client)):
        tasks = _server_tasks(client, project_id)
        preds: dict[int, list[Any]] = {}
        for p in client.predictions.list(project=project_id):
            preds.setdefault(int(p.task), []).append(p)
    for pid, task in tasks.items():
        t = task_record(task)
        mine = sorted(preds.get(t["id"], []), key=lambda p: p.id)
        sheet: dict[str, Any] = {"passage_id": pid, "entities": [], "claims": []}
        if mine:
            p = mine[-1]
            ann = from_labelstudio(
                t,
                {
                    "id": int(p.id),
                    "result": list(p.result or []),
                    "completed_by": "prediction",
                    "created_at": str(p.created_at),
                    "updated_at": str(p.updated_at),
                },
            )
            sheet = to_worksheet(ann)
        out.append(
            {
                "passage_id": pid,
                "passage_type": t["data"].get("passage_type"),
                "text": t["data"]["text"],
                "text_simplified": t["data"].get("text_simplified"),
                "model_version": mine[-1].model_version if mine else None,
                "pre_annotation": sheet,
            }
        )
    return out


@dataclass
class SubmitReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"annotations: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )


def submit_sheets(
    client: Any, project: int | str, sheets: Sequence[Mapping[str, Any]], source: str
) -> SubmitReport:
    """Resolve every worksheet against its task's text, then submit; all checked first."""
    project_id = resolve_project(client, project)
    url = _base_url(client)
    with api_errors("read tasks", url):
        tasks = _server_tasks(client, project_id)
        me = int(client.users.whoami().id)
    resolved: list[tuple[Any, PassageAnnotation]] = []
    for n, sheet in enumerate(sheets, 1):
        if not isinstance(sheet, Mapping):
            raise LabelStudioError(f"{source}: line {n}: expected an object per passage")
        pid = sheet.get("passage_id")
        if pid not in tasks:
            raise LabelStudioError(f"{source}: line {n}: passage {pid!r} has no task")
        data = tasks[pid].data or {}
        if not isinstance(data.get("text"), str) or not isinstance(data.get("doc_id"), str):
            raise LabelStudioError(f"task {tasks[pid].id}: data lacks 'text' or 'doc_id'")
        ann = resolve(sheet, data["text"], data["doc_id"], f"{source}: line {n}")
        to_labelstudio(ann)  # refuses here what the server would accept and we would not
        resolved.append((tasks[pid], ann))
    report = SubmitReport()
    for task, ann in resolved:
        result = to_labelstudio(ann)
        with api_errors(f"annotate task {task.id}", url):
            mine = [
                a
                for a in client.annotations.list(id=task.id)
                if getattr(a, "completed_by", None) == me and not a.was_cancelled
            ]
            if len(mine) > 1:
                raise LabelStudioError(
                    f"task {task.id}: {len(mine)} annotations of this user; keep one"
                )
            if not mine:
                client.annotations.create(id=task.id, result=result, was_cancelled=False)
                report.created.append(ann.passage_id)
            elif list(mine[0].result or []) == result:
                report.unchanged.append(ann.passage_id)
            else:
                client.annotations.update(id=mine[0].id, result=result)
                report.updated.append(ann.passage_id)
    return report


def gold_from_export(
    export: Iterable[Mapping[str, Any]],
    documents: Sequence[Document],
    annotator: str | None = None,
    source: str = "export.json",
) -> list[PassageAnnotation]:
    """One canonical record per corpus passage, in corpus order, from a full-JSON export."""
    by_passage: dict[str, list[PassageAnnotation]] = {}
    report = CheckReport()
    for task, annotation in iter_annotations(list(export)):
        reading = check_annotation(task, annotation)
        report.problems += reading.problems
        ann = reading.annotation
        if ann is None:
            continue
        if annotator is not None and (
            ann.provenance is None or ann.provenance.annotator != annotator
        ):
            continue
        by_passage.setdefault(ann.passage_id, []).append(ann)
    raise_problems(report, source)
    out = []
    for d in documents:
        for p in d.passages:
            found = by_passage.get(p.id, [])
            if not found:
                raise LabelStudioError(f"{source}: passage {p.id!r} has no annotation")
            if len(found) > 1:
                who = sorted(a.provenance.annotator for a in found if a.provenance)
                raise LabelStudioError(
                    f"{source}: passage {p.id!r} has {len(found)} annotations (annotators "
                    f"{', '.join(who)}); choose one with --annotator"
                )
            out.append(found[0])
    return out
