"""Push tasks to and pull annotations from a Label Studio server (SDK 2.x).

Contract:

- :func:`connect` builds ``LabelStudio(base_url=..., api_key=...)`` (both always given: the SDK
  otherwise falls back to localhost:8000 and an import-time environment variable) and checks
  that the server answers and accepts the token. Every server failure of this module surfaces
  as one :class:`LabelStudioError` line (unreachable server, refused token, HTTP error), never
  as a traceback; the token is never part of a message.
- :func:`push` is idempotent. The project is found by exact title (created when missing; its
  labeling config replaced when it differs from ours). Tasks are matched on ``passage_id``:
  a new passage becomes a new task, a known one is left alone when its data is unchanged and
  updated when it changed, except that a changed ``text`` under existing annotations (or
  skips, or drafts) is refused before anything is written: their offsets would point into
  the old text. A changed text also drops the task's old predictions of every version.
  Predictions replace those of the same ``model_version`` on the same task (identical ones are
  left alone); other versions stay. Annotations are never touched.
- :func:`pull` takes the full-JSON export (``download_all_tasks``, with annotations), writes it
  to ``<out_dir>/export.json`` atomically with sorted keys, tasks by id, ``indent=2`` and real
  characters, and reports what changed since the file on disk. It refuses
  (:class:`ExportConflictError`) to replace a file holding annotations the server no longer
  has, unless ``force``: then the old file is first copied to a timestamped backup beside it.
  The export is kept verbatim except for ``created_ago`` keys, which Label Studio derives from
  the time of the export ("5 minutes") and which would otherwise change on every pull.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from silkroad_news.files import read_json, write_atomic
from silkroad_news.labelstudio.config import labeling_config
from silkroad_news.labelstudio.convert import from_labelstudio
from silkroad_news.labelstudio.errors import ExportConflictError, LabelStudioError
from silkroad_news.schema import SchemaError

DEFAULT_PROJECT_TITLE = "SilkRoad-News"
EXPORT_FILE = "export.json"
URL_VARIABLE = "SILKROAD_LS_URL"
TOKEN_VARIABLE = "SILKROAD_LS_TOKEN"
DEFAULT_URL = "http://127.0.0.1:8080"
#: Keys Label Studio computes from the moment of the export; dropped so pulls diff cleanly.
VOLATILE_KEYS = frozenset({"created_ago"})


# --------------------------------------------------------------------------------------------
# Connection and error translation
# --------------------------------------------------------------------------------------------


def _base_url(client: Any) -> str:
    try:
        return str(client._client_wrapper.get_base_url())
    except AttributeError:  # a future SDK layout: the message just loses the URL
        return "the Label Studio server"


def _short(body: Any, limit: int = 300) -> str:
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@contextlib.contextmanager
def api_errors(action: str, url: str) -> Iterator[None]:
    """Turn SDK and HTTP failures inside the block into one :class:`LabelStudioError` line."""
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except LabelStudioError:
        raise
    except ApiError as exc:
        code = exc.status_code
        if code in (401, 403):
            raise LabelStudioError(
                f"{action}: {url} refused the API token (HTTP {code}); check {TOKEN_VARIABLE}"
            ) from None
        raise LabelStudioError(
            f"{action}: {url} answered HTTP {code}: {_short(exc.body)}"
        ) from None
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise LabelStudioError(
            f"{action}: cannot reach Label Studio at {url} ({reason}); is the server running? "
            "(silkroad-news labelstudio serve)"
        ) from None


def connect(url: str | None = None, token: str | None = None, timeout: float = 60.0) -> Any:
    """A checked ``LabelStudio`` client; ``url``/``token`` default to the environment.

    The caller owns the client's connections: close them with :func:`close` (or use
    :func:`connected`), else they linger until garbage collection.
    """
    import httpx
    from label_studio_sdk import LabelStudio

    url = (url or os.environ.get(URL_VARIABLE) or DEFAULT_URL).rstrip("/")
    token = token or os.environ.get(TOKEN_VARIABLE)
    if not token:
        raise LabelStudioError(f"no API token: set {TOKEN_VARIABLE}")
    # Our own httpx client, so that close() can release its sockets.
    http = httpx.Client(timeout=timeout, follow_redirects=True)
    client = LabelStudio(base_url=url, api_key=token, httpx_client=http, timeout=timeout)
    try:
        with api_errors("connect", url):
            client.versions.get()  # answers without a token: tells "down" from "refused"
            client.users.whoami()
    except BaseException:
        http.close()
        raise
    return client


def close(client: Any) -> None:
    """Release the sockets of a client made by :func:`connect`."""
    with contextlib.suppress(AttributeError):
        client._client_wrapper.httpx_client.httpx_client.close()


@contextlib.contextmanager
def connected(url: str | None = None, token: str | None = None) -> Iterator[Any]:
    """:func:`connect` for a ``with`` block, closed at its end."""
    client = connect(url, token)
    try:
        yield client
    finally:
        close(client)


# --------------------------------------------------------------------------------------------
# Push
# --------------------------------------------------------------------------------------------


@dataclass
class PushReport:
    project_id: int
    project_created: bool = False
    config_updated: bool = False
    tasks_created: int = 0
    tasks_unchanged: int = 0
    tasks_updated: int = 0
    predictions_created: int = 0
    predictions_replaced: int = 0
    predictions_unchanged: int = 0
    #: passage ids of server tasks that the pushed tasks no longer contain (left alone)
    passages_not_pushed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"project {self.project_id}"
            + (" (created)" if self.project_created else "")
            + (" (labeling config updated)" if self.config_updated else ""),
            f"tasks: {self.tasks_created} created, {self.tasks_updated} updated, "
            f"{self.tasks_unchanged} unchanged",
            f"predictions: {self.predictions_created} created, {self.predictions_replaced} "
            f"replaced, {self.predictions_unchanged} unchanged",
        ]
        if self.passages_not_pushed:
            lines.append(
                f"{len(self.passages_not_pushed)} task(s) on the server are not in this push "
                f"(left alone): {', '.join(self.passages_not_pushed[:10])}"
            )
        return "\n".join(lines)


def find_project(client: Any, title: str) -> Any | None:
    """The project titled exactly ``title``, or None; two such projects is an error."""
    url = _base_url(client)
    with api_errors(f"find project {title!r}", url):
        # The server's title filter is a case-insensitive "contains": compare exactly here.
        found = [p for p in client.projects.list(title=title) if p.title == title]
    if len(found) > 1:
        ids = ", ".join(str(p.id) for p in found)
        raise LabelStudioError(
            f"{len(found)} projects are titled {title!r} (ids {ids}); rename all but one"
        )
    return found[0] if found else None


def ensure_project(client: Any, title: str, config: str) -> tuple[int, bool, bool]:
    """(project id, created, config updated) for the project titled ``title``."""
    url = _base_url(client)
    project = find_project(client, title)
    with api_errors(f"set up project {title!r}", url):
        if project is None:
            created = client.projects.create(title=title, label_config=config)
            return int(created.id), True, False
        current = client.projects.get(id=project.id)
        if (current.label_config or "").strip() != config.strip():
            client.projects.update(id=project.id, label_config=config)
            return int(project.id), False, True
    return int(project.id), False, False


def _server_tasks(client: Any, project_id: int) -> dict[str, Any]:
    """passage_id -> task, refusing duplicates (which would make matching ambiguous)."""
    url = _base_url(client)
    by_passage: dict[str, list[Any]] = {}
    with api_errors("list tasks", url):
        for task in client.tasks.list(project=project_id, fields="all"):
            pid = (task.data or {}).get("passage_id")
            by_passage.setdefault(str(pid), []).append(task)
    dups = {pid: ts for pid, ts in by_passage.items() if len(ts) > 1}
    if dups:
        pid, ts = sorted(dups.items())[0]
        ids = ", ".join(str(t.id) for t in ts)
        raise LabelStudioError(
            f"project {project_id}: passage {pid} has {len(ts)} tasks (ids {ids}); "
            "delete the extra ones before pushing"
        )
    return {pid: ts[0] for pid, ts in by_passage.items()}


def _has_work(task: Any) -> bool:
    """Whether anyone annotated, skipped or drafted this task."""
    return bool(
        (task.total_annotations or 0) + (task.cancelled_annotations or 0) or task.draft_exists
    )


def _text_changed(task: Mapping[str, Any], server_task: Any) -> bool:
    return bool(server_task.data.get("text") != task["data"]["text"])


def push(
    client: Any,
    project_title: str,
    tasks: Sequence[Mapping[str, Any]],
    predictions: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    config: str | None = None,
) -> PushReport:
    """Create or refresh the project, its tasks and predictions (see module docstring).

    ``tasks`` are ``{"data": {...}}`` dicts from :func:`passage_tasks`; ``predictions`` maps
    passage_id to ``{"model_version", "result"}`` from :func:`passage_predictions`.
    """
    url = _base_url(client)
    predictions = predictions or {}
    pids = [t["data"]["passage_id"] for t in tasks]
    if len(set(pids)) != len(pids):
        dup = next(p for p in pids if pids.count(p) > 1)
        raise LabelStudioError(f"push: passage {dup} appears twice in the tasks")
    unknown = sorted(set(predictions) - set(pids))
    if unknown:
        raise LabelStudioError(f"push: prediction for passage {unknown[0]}, which has no task")

    project_id, created, config_updated = ensure_project(
        client, project_title, config or labeling_config()
    )
    report = PushReport(project_id, project_created=created, config_updated=config_updated)
    existing = _server_tasks(client, project_id)

    # Plan everything first, so a refusal leaves the server as it was.
    new, changed, same = [], [], []
    for t in tasks:
        server_task = existing.get(t["data"]["passage_id"])
        if server_task is None:
            new.append(t)
        elif dict(server_task.data) != dict(t["data"]):
            changed.append((t, server_task))
        else:
            same.append((t, server_task))
    # Only a new ``text`` moves offsets; new metadata (date, type, simplified view) is safe.
    blocked = [st for t, st in changed if _has_work(st) and _text_changed(t, st)]
    if blocked:
        names = ", ".join(f"{st.data.get('passage_id')} (task {st.id})" for st in blocked[:5])
        raise LabelStudioError(
            f"push: the text of {len(blocked)} annotated task(s) changed: {names}; their "
            "annotations would point into the old text. Pull, then resolve by hand"
        )
    report.passages_not_pushed = sorted(set(existing) - set(pids))

    with api_errors("push", url):
        if new:
            payload = []
            for t in new:
                item: dict[str, Any] = {"data": dict(t["data"])}
                pred = predictions.get(t["data"]["passage_id"])
                if pred is not None:
                    item["predictions"] = [dict(pred)]
                    report.predictions_created += 1
                payload.append(item)
            client.projects.import_tasks(id=project_id, request=payload, return_task_ids=True)
            report.tasks_created = len(new)

        old_predictions: dict[int, list[Any]] = {}
        if changed or same:
            for p in client.predictions.list(project=project_id):
                old_predictions.setdefault(int(p.task), []).append(p)

        for t, st in changed:
            client.tasks.update(id=str(st.id), data=dict(t["data"]))
            if _text_changed(t, st):
                # Offsets of every old prediction point into the old text: drop them all.
                for p in old_predictions.pop(int(st.id), []):
                    client.predictions.delete(id=p.id)
        report.tasks_updated = len(changed)

        for t, st in [*changed, *same]:
            pred = predictions.get(t["data"]["passage_id"])
            if pred is None:
                continue
            mine = [
                p
                for p in old_predictions.get(int(st.id), [])
                if p.model_version == pred["model_version"]
            ]
            if len(mine) == 1 and mine[0].result == list(pred["result"]):
                report.predictions_unchanged += 1
                continue
            for p in mine:
                client.predictions.delete(id=p.id)
            _create_prediction(client, int(st.id), pred)
            if mine:
                report.predictions_replaced += 1
            else:
                report.predictions_created += 1
        report.tasks_unchanged = len(same)

        # Show these predictions as pre-annotations in the editor.
        versions = {p["model_version"] for p in predictions.values()}
        if len(versions) == 1:
            version = versions.pop()
            if getattr(client.projects.get(id=project_id), "model_version", None) != version:
                client.projects.update(id=project_id, model_version=version)
    return report


def _create_prediction(client: Any, task_id: int, pred: Mapping[str, Any]) -> None:
    client.predictions.create(
        task=task_id, result=list(pred["result"]), model_version=pred["model_version"]
    )


# --------------------------------------------------------------------------------------------
# Pull
# --------------------------------------------------------------------------------------------


@dataclass
class ExportDiff:
    tasks_added: list[int] = field(default_factory=list)
    tasks_removed: list[int] = field(default_factory=list)
    annotations_added: list[int] = field(default_factory=list)
    annotations_edited: list[int] = field(default_factory=list)
    annotations_removed: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.tasks_added,
                self.tasks_removed,
                self.annotations_added,
                self.annotations_edited,
                self.annotations_removed,
            )
        )


@dataclass
class PullReport:
    path: Path
    diff: ExportDiff
    tasks: int
    annotations: int
    written: bool
    backup: Path | None = None
    #: validation messages of annotations that from_labelstudio rejects (kept in the export)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        d = self.diff

        def ids(xs: list[int]) -> str:
            return f" ({', '.join(map(str, xs[:10]))}{', …' if len(xs) > 10 else ''})" if xs else ""

        lines = [
            f"{self.path}: {self.tasks} tasks, {self.annotations} annotations"
            + ("" if self.written else " (unchanged, not rewritten)"),
            f"tasks added {len(d.tasks_added)}{ids(d.tasks_added)}, "
            f"removed {len(d.tasks_removed)}{ids(d.tasks_removed)}",
            f"annotations added {len(d.annotations_added)}{ids(d.annotations_added)}, "
            f"edited {len(d.annotations_edited)}{ids(d.annotations_edited)}, "
            f"removed {len(d.annotations_removed)}{ids(d.annotations_removed)}",
        ]
        if self.backup:
            lines.append(f"old export kept as {self.backup}")
        if self.problems:
            lines.append(f"{len(self.problems)} annotation(s) do not convert to gold:")
            lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def _drop_volatile(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _drop_volatile(v) for k, v in obj.items() if k not in VOLATILE_KEYS}
    if isinstance(obj, list):
        return [_drop_volatile(v) for v in obj]
    return obj


def normalize_export(export: Any) -> list[dict[str, Any]]:
    """The export as we commit it: tasks sorted by id, volatile keys dropped."""
    if not isinstance(export, list):
        raise LabelStudioError(f"export: expected a list of tasks, got {type(export).__name__}")
    return sorted((_drop_volatile(t) for t in export), key=lambda t: t.get("id", 0))


def dumps_export(export: list[dict[str, Any]]) -> str:
    return json.dumps(export, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def _annotations(export: Sequence[Mapping[str, Any]]) -> dict[int, Mapping[str, Any]]:
    return {a["id"]: a for t in export for a in (t.get("annotations") or ())}


def diff_exports(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> ExportDiff:
    """What changed from ``old`` to ``new``: tasks by id, annotations by id."""
    old_tasks = {t["id"] for t in old}
    new_tasks = {t["id"] for t in new}
    old_ann, new_ann = _annotations(old), _annotations(new)
    edited = [
        i
        for i in sorted(set(old_ann) & set(new_ann))
        if old_ann[i].get("updated_at") != new_ann[i].get("updated_at")
        or old_ann[i].get("result") != new_ann[i].get("result")
    ]
    return ExportDiff(
        tasks_added=sorted(new_tasks - old_tasks),
        tasks_removed=sorted(old_tasks - new_tasks),
        annotations_added=sorted(set(new_ann) - set(old_ann)),
        annotations_edited=edited,
        annotations_removed=sorted(set(old_ann) - set(new_ann)),
    )


def read_export(path: Path) -> list[dict[str, Any]]:
    """The tasks of a full-JSON export; ``[]`` when there is no export yet."""
    if not Path(path).exists():
        return []
    try:
        data = read_json(path)
    except SchemaError as exc:
        raise LabelStudioError(f"{path}: not a readable JSON export ({exc})") from None
    if not isinstance(data, list):
        raise LabelStudioError(f"{path}: expected a list of tasks")
    return data


def resolve_project(client: Any, project: int | str) -> int:
    """A project id from an id or an exact title."""
    if isinstance(project, int):
        return project
    found = find_project(client, project)
    if found is None:
        raise LabelStudioError(f"no project titled {project!r} on {_base_url(client)}")
    return int(found.id)


def export_problems(export: Sequence[Mapping[str, Any]]) -> list[str]:
    """One message per non-skipped annotation that :func:`from_labelstudio` rejects."""
    problems = []
    for task in export:
        for annotation in task.get("annotations") or ():
            if annotation.get("was_cancelled"):
                continue
            try:
                from_labelstudio(task, annotation)
            except LabelStudioError as exc:
                problems.append(str(exc))
    return problems


def pull(client: Any, project: int | str, out_dir: Path, *, force: bool = False) -> PullReport:
    """Export the project into ``out_dir/export.json`` (see module docstring)."""
    url = _base_url(client)
    project_id = resolve_project(client, project)
    with api_errors(f"export project {project_id}", url):
        raw = client.projects.exports.as_json(project_id)
    export = normalize_export(raw)
    path = Path(out_dir) / EXPORT_FILE
    old_text = path.read_text(encoding="utf-8") if path.exists() else None
    old = read_export(path) if old_text is not None else []
    diff = diff_exports(old, export)
    backup = None
    if diff.annotations_removed:
        lost = ", ".join(map(str, diff.annotations_removed[:10]))
        if not force:
            raise ExportConflictError(
                f"pull: {path} holds {len(diff.annotations_removed)} annotation(s) the server "
                f"no longer has (ids {lost}); refusing to replace it. Restore them on the "
                "server, or pull with --force to keep the old file as a backup and replace it"
            )
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        backup = path.with_name(f"{path.stem}.{stamp}.bak{path.suffix}")
        shutil.copy2(path, backup)
    text = dumps_export(export)
    written = text != old_text
    if written:
        write_atomic(path, text)
    return PullReport(
        path=path,
        diff=diff,
        tasks=len(export),
        annotations=len(_annotations(export)),
        written=written,
        backup=backup,
        problems=export_problems(export),
    )
