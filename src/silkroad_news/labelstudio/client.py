"""Push tasks to and pull annotations from a Label Studio server (SDK 2.x).

Contract:

- :func:`connect` builds ``LabelStudio(base_url=..., api_key=...)`` (both always given: the SDK
  otherwise falls back to localhost:8000 and an import-time environment variable) and checks
  that the server answers and accepts the token. Every server failure of this module surfaces
  as one :class:`LabelStudioError` line (unreachable server, refused token, HTTP error), never
  as a traceback; the token is never part of a message.
- :func:`push` is idempotent. The project is found by exact title (created when missing; its
  labeling config and instructions replaced when they differ from ours). Tasks are matched
  on ``passage_id``:
  a new passage becomes a new task, a known one is left alone when its data is unchanged and
  updated when it changed, except that a changed ``text`` under existing annotations (or
  skips, or drafts) is refused before anything is written: their offsets would point into
  the old text. A changed text also drops the task's old predictions of every version.
  Predictions replace those of the same ``model_version`` on the same task (identical ones are
  left alone); other versions stay. Annotations are never touched.
- ``push(..., gold=...)`` (``push --with-gold``) gives every task that has no annotation the
  committed gold of its passage as an annotation of the gold account
  (:data:`GOLD_ACCOUNT`, created on the server when missing): a correction round starts
  from the gold, and a pull with no edit gives the committed export back unchanged. The copy
  records where it came from: its ``import_id`` is the committed annotation's id (the
  provenance's ``annotation_id``). Annotations are chosen over predictions because the gold
  then counts as done on the server (a task nobody opens keeps its gold on pull, and the
  data manager shows the work left) and an edit is an update of that annotation, made by the
  account that saved it (``updated_by``, which the provenance records).
- :func:`pull` takes the full-JSON export and merges it into the committed one passage by
  passage (:func:`merge_exports`): annotations are matched by passage id and provenance,
  never by the server's ids alone (ids restart on every server). A passage whose annotations
  did not change keeps its committed task record byte for byte; one that changed takes the
  server's record. It writes ``<out_dir>/export.json`` atomically with sorted keys, tasks in
  corpus order, ``indent=2`` and real characters, after copying the old file to
  ``<out_dir>/backups/``; it reports per passage what was added, edited, reviewed (saved
  again unchanged), replaced, and kept (the server has no annotation for it: nothing is
  dropped). It refuses to write when :func:`~silkroad_news.labelstudio.check.check_export`
  finds problems, unless ``accept_problems``. ``created_ago`` keys, which Label Studio
  derives from the time of the export, are dropped.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from silkroad_news.files import read_json, write_atomic
from silkroad_news.labelstudio.check import CheckReport, check_export
from silkroad_news.labelstudio.config import labeling_config
from silkroad_news.labelstudio.convert import read_annotation, to_labelstudio
from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.schema import Document, SchemaError

DEFAULT_PROJECT_TITLE = "SilkRoad-News"
EXPORT_FILE = "export.json"
URL_VARIABLE = "SILKROAD_LS_URL"
TOKEN_VARIABLE = "SILKROAD_LS_TOKEN"
DEFAULT_URL = "http://127.0.0.1:8080"
BACKUP_DIR = "backups"
#: The Label Studio account that holds the committed gold pushed with ``--with-gold``. It
#: needs no password: nobody logs in as it; whoever edits a gold copy saves it as themselves.
GOLD_ACCOUNT = "gold@silkroad-news.invalid"
#: A gold copy whose ``updated_at`` is within this of its ``created_at`` was never saved
#: again: Label Studio sets both in the one save that creates it (microseconds apart), and
#: every later save moves ``updated_at`` (and sets ``updated_by`` to whoever saved).
UNTOUCHED_SECONDS = 0.25
#: Keys Label Studio computes from the moment of the export; dropped so pulls diff cleanly.
VOLATILE_KEYS = frozenset({"created_ago"})


@dataclass(frozen=True)
class Layer:
    """What push and pull need to know of an annotation layer with its own project: the
    entity/claim layer (:data:`CLAIMS`) or the number-mention layer
    (:data:`silkroad_news.labelstudio.mentions.MENTIONS`)."""

    name: str
    #: the default project title
    title: str
    #: the file name of the verbatim export in ``annotations/labelstudio/``
    export_file: str
    config: Callable[[], str]
    #: the committed record of a passage as the ``result`` of an annotation
    to_result: Callable[[Any], list[dict[str, Any]]]
    #: what an annotation says, whatever its ids: compared by the pull
    content: Callable[[Mapping[str, Any], Mapping[str, Any]], Any]
    #: every problem of an export (``labelstudio check``)
    check: Callable[..., CheckReport]


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
    instructions_updated: bool = False
    tasks_created: int = 0
    tasks_unchanged: int = 0
    tasks_updated: int = 0
    predictions_created: int = 0
    predictions_replaced: int = 0
    predictions_unchanged: int = 0
    #: passages whose task received the committed gold as an annotation of the gold account
    gold_created: list[str] = field(default_factory=list)
    #: passages with gold whose task already has an annotation (left alone)
    gold_skipped: list[str] = field(default_factory=list)
    #: passage ids of server tasks that the pushed tasks no longer contain (left alone)
    passages_not_pushed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"project {self.project_id}"
            + (" (created)" if self.project_created else "")
            + (" (labeling config updated)" if self.config_updated else "")
            + (" (instructions updated)" if self.instructions_updated else ""),
            f"tasks: {self.tasks_created} created, {self.tasks_updated} updated, "
            f"{self.tasks_unchanged} unchanged",
            f"predictions: {self.predictions_created} created, {self.predictions_replaced} "
            f"replaced, {self.predictions_unchanged} unchanged",
        ]
        if self.gold_created or self.gold_skipped:
            lines.append(
                f"gold: {len(self.gold_created)} passage(s) given the committed gold as an "
                f"annotation of {GOLD_ACCOUNT}, {len(self.gold_skipped)} already annotated "
                "(left alone)"
            )
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


def ensure_project(
    client: Any, title: str, config: str, instructions: str | None = None
) -> tuple[int, bool, bool, bool]:
    """(project id, created, config updated, instructions updated) for the project titled
    ``title``; the instructions are shown before each task when given."""
    url = _base_url(client)
    project = find_project(client, title)
    extra = {} if instructions is None else {"expert_instruction": instructions}
    with api_errors(f"set up project {title!r}", url):
        if project is None:
            created = client.projects.create(
                title=title, label_config=config, show_instruction=instructions is not None, **extra
            )
            return int(created.id), True, False, False
        current = client.projects.get(id=project.id)
        config_updated = (current.label_config or "").strip() != config.strip()
        if config_updated:
            client.projects.update(id=project.id, label_config=config)
        instructions_updated = instructions is not None and (
            (current.expert_instruction or "") != instructions or not current.show_instruction
        )
        if instructions_updated:
            client.projects.update(id=project.id, show_instruction=True, **extra)
    return int(project.id), False, config_updated, instructions_updated


def gold_account(client: Any) -> int:
    """The user id of :data:`GOLD_ACCOUNT`, created (without a password) when missing."""
    url = _base_url(client)
    with api_errors("find the gold account", url):
        for user in client.users.list():
            if user.email == GOLD_ACCOUNT:
                return int(user.id)
        user = client.users.create(
            username=GOLD_ACCOUNT.split("@")[0], email=GOLD_ACCOUNT, first_name="gold"
        )
    return int(user.id)


def task_record(task: Any) -> dict[str, Any]:
    """A task of the API as a full-JSON export writes it (its id and data)."""
    return {"id": int(task.id), "data": dict(task.data or {})}


def annotation_record(annotation: Any) -> dict[str, Any]:
    """An annotation of the API as a full-JSON export writes it: its result, its author and its
    time stamps (the readers refuse an annotation without them)."""
    return {
        "id": annotation.id,
        "result": list(annotation.result or []),
        "completed_by": annotation.completed_by,
        "updated_by": getattr(annotation, "updated_by", None),
        "created_at": str(annotation.created_at),
        "updated_at": str(annotation.updated_at),
    }


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


def _gold_annotation(gold: Any, account: int, result: list[dict[str, Any]]) -> dict[str, Any]:
    """The committed gold of a passage (its ``result``) as an annotation of the gold account."""
    item: dict[str, Any] = {
        "result": result,
        "completed_by": account,
        "ground_truth": False,
        "was_cancelled": False,
    }
    if gold.provenance is not None:
        item["id"] = gold.provenance.annotation_id  # stored by the server as import_id
    return item


def push(
    client: Any,
    project_title: str,
    tasks: Sequence[Mapping[str, Any]],
    predictions: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    config: str | None = None,
    gold: Mapping[str, Any] | None = None,
    instructions: str | None = None,
    layer: Layer | None = None,
) -> PushReport:
    """Create or refresh the project, its tasks, predictions and gold (module docstring).

    ``tasks`` are ``{"data": {...}}`` dicts from :func:`passage_tasks`; ``predictions`` maps
    passage_id to ``{"model_version", "result"}``; ``gold`` maps passage_id to its committed
    record (``push --with-gold``): a :class:`~silkroad_news.schema.PassageAnnotation`, or the
    record of another ``layer`` (default: the entity/claim layer).
    """
    layer = layer or CLAIMS
    url = _base_url(client)
    predictions = predictions or {}
    gold = gold or {}
    pids = [t["data"]["passage_id"] for t in tasks]
    if len(set(pids)) != len(pids):
        dup = next(p for p in pids if pids.count(p) > 1)
        raise LabelStudioError(f"push: passage {dup} appears twice in the tasks")
    for name, mapping in (("prediction", predictions), ("gold", gold)):
        unknown = sorted(set(mapping) - set(pids))
        if unknown:
            raise LabelStudioError(f"push: {name} for passage {unknown[0]}, which has no task")
    texts = {t["data"]["passage_id"]: t["data"]["text"] for t in tasks}
    for pid, g in gold.items():
        if g.text != texts[pid]:
            raise LabelStudioError(
                f"push: the gold of passage {pid} is for another text than the corpus passage; "
                "rebuild the corpus and re-import the gold first"
            )
    gold_results = {pid: layer.to_result(g) for pid, g in gold.items()}  # refuse bad gold first

    project_id, created, config_updated, instructions_updated = ensure_project(
        client, project_title, config or layer.config(), instructions
    )
    report = PushReport(
        project_id,
        project_created=created,
        config_updated=config_updated,
        instructions_updated=instructions_updated,
    )
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
    account = gold_account(client) if gold else None

    with api_errors("push", url):
        if new:
            payload = []
            for t in new:
                pid = t["data"]["passage_id"]
                item: dict[str, Any] = {"data": dict(t["data"])}
                pred = predictions.get(pid)
                if pred is not None:
                    item["predictions"] = [dict(pred)]
                    report.predictions_created += 1
                if pid in gold and account is not None:
                    item["annotations"] = [_gold_annotation(gold[pid], account, gold_results[pid])]
                    report.gold_created.append(pid)
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
            pid = t["data"]["passage_id"]
            if pid in gold and account is not None:
                if _has_work(st):
                    report.gold_skipped.append(pid)
                else:
                    g = gold[pid]
                    client.annotations.create(
                        id=int(st.id),
                        result=gold_results[pid],
                        completed_by=account,
                        ground_truth=False,
                        was_cancelled=False,
                        **({"import_id": g.provenance.annotation_id} if g.provenance else {}),
                    )
                    report.gold_created.append(pid)
            pred = predictions.get(pid)
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
# Pull: merge the server's export into the committed one, passage by passage
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PassageChange:
    """What happened to one passage's annotations on the server."""

    passage_id: str
    task_id: Any
    #: the server's annotation ids concerned (``added``, ``edited``, ``reviewed``, ``replaced``)
    annotations: tuple[Any, ...] = ()
    #: who saved them last (Label Studio account ids), for ``edited`` and ``reviewed``
    by: tuple[str, ...] = ()

    def describe(self) -> str:
        ids = ", ".join(map(str, self.annotations))
        who = f" by account {', '.join(self.by)}" if self.by else ""
        return f"{self.passage_id} (task {self.task_id}, annotation {ids}{who})"


@dataclass
class ExportDiff:
    """Per passage, how the server's annotations differ from the committed export's."""

    added: list[PassageChange] = field(default_factory=list)
    edited: list[PassageChange] = field(default_factory=list)
    reviewed: list[PassageChange] = field(default_factory=list)
    replaced: list[PassageChange] = field(default_factory=list)
    #: passages whose committed annotation the server does not have (kept as committed)
    kept: list[str] = field(default_factory=list)
    #: passages new to the export without any annotation yet
    new_tasks: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any((self.added, self.edited, self.reviewed, self.replaced, self.new_tasks))

    def lines(self) -> list[str]:
        out = []
        for name in ("added", "edited", "reviewed", "replaced"):
            changes: list[PassageChange] = getattr(self, name)
            out += [f"{name}: {c.describe()}" for c in changes]
        return out

    def summary(self) -> str:
        return (
            f"passages: {len(self.added)} added, {len(self.edited)} edited, "
            f"{len(self.reviewed)} reviewed unchanged, {len(self.replaced)} replaced, "
            f"{len(self.unchanged)} unchanged, {len(self.kept)} kept as committed (no "
            f"annotation on the server), {len(self.new_tasks)} new task(s) without annotation"
        )


def _drop_volatile(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _drop_volatile(v) for k, v in obj.items() if k not in VOLATILE_KEYS}
    if isinstance(obj, list):
        return [_drop_volatile(v) for v in obj]
    return obj


def normalize_export(export: Any) -> list[dict[str, Any]]:
    """The export as the server gave it, tasks sorted by id, volatile keys dropped."""
    if not isinstance(export, list):
        raise LabelStudioError(f"export: expected a list of tasks, got {type(export).__name__}")
    return sorted((_drop_volatile(t) for t in export), key=lambda t: t.get("id", 0))


def dumps_export(export: list[dict[str, Any]]) -> str:
    return json.dumps(export, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def _live(task: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [a for a in task.get("annotations") or () if not a.get("was_cancelled")]


def _passage(task: Mapping[str, Any]) -> str | None:
    data = task.get("data")
    pid = data.get("passage_id") if isinstance(data, Mapping) else None
    return pid if isinstance(pid, str) else None


def _content(task: Mapping[str, Any], annotation: Mapping[str, Any]) -> Any:
    """What an annotation says, whatever its ids and form: the canonical record without its
    provenance, or (when it does not convert) its raw result."""
    ann = read_annotation(task, annotation).annotation
    if ann is None:
        return ("raw", json.dumps(annotation.get("result"), sort_keys=True, ensure_ascii=False))
    return (ann.entities, ann.claims)


def _seconds(stamp: Any) -> float | None:
    try:
        return datetime.fromisoformat(str(stamp).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def untouched(annotation: Mapping[str, Any]) -> bool:
    """Whether nobody saved the annotation after creating it (see :data:`UNTOUCHED_SECONDS`)."""
    if annotation.get("updated_by") is None:
        return True
    created, updated = (
        _seconds(annotation.get("created_at")),
        _seconds(annotation.get("updated_at")),
    )
    return created is not None and updated is not None and updated - created < UNTOUCHED_SECONDS


def _saver(annotation: Mapping[str, Any]) -> str:
    who = annotation.get("updated_by") or annotation.get("completed_by")
    return str(who.get("email") or who.get("id")) if isinstance(who, Mapping) else str(who)


def _compare(
    committed: Mapping[str, Any] | None,
    server: Mapping[str, Any],
    content: Callable[[Mapping[str, Any], Mapping[str, Any]], Any] = _content,
) -> tuple[str, tuple[Any, ...], tuple[str, ...]]:
    """How the server's task compares with the committed one, by passage and provenance:
    ``unchanged``, ``kept``, ``added``, ``edited``, ``reviewed`` or ``replaced``, with the
    server's annotation ids concerned and who saved them."""
    mine = _live(server)
    theirs = _live(committed) if committed is not None else []
    if not mine:
        return ("kept" if theirs else "none"), (), ()
    if not theirs:
        return "added", tuple(a.get("id") for a in mine), tuple(_saver(a) for a in mine)
    by_id = {a.get("id"): a for a in theirs}
    matched: set[Any] = set()
    edited, reviewed, added = [], [], []
    for a in mine:
        copy_of = a.get("import_id")
        if copy_of is not None and copy_of in by_id:  # a gold copy pushed from this annotation
            c = by_id[copy_of]
            matched.add(copy_of)
            if untouched(a):
                continue
            same = content(server, a) == content(committed, c)
        elif a.get("id") in by_id and a.get("created_at") == by_id[a.get("id")].get("created_at"):
            c = by_id[a.get("id")]  # the same annotation on the same server
            matched.add(c.get("id"))
            if a.get("updated_at") == c.get("updated_at") and a.get("result") == c.get("result"):
                continue
            same = content(server, a) == content(committed, c)
        else:
            added.append(a)
            continue
        (reviewed if same else edited).append(a)
    lost = [c for c in theirs if c.get("id") not in matched]
    if lost or added:
        changed = [*added, *edited, *reviewed]
        return (
            "replaced" if lost else "added",
            tuple(a.get("id") for a in changed),
            tuple(_saver(a) for a in changed),
        )
    if edited:
        return "edited", tuple(a.get("id") for a in edited), tuple(_saver(a) for a in edited)
    if reviewed:
        return "reviewed", tuple(a.get("id") for a in reviewed), tuple(_saver(a) for a in reviewed)
    return "unchanged", (), ()


def merge_exports(
    committed: Sequence[Mapping[str, Any]],
    server: Sequence[Mapping[str, Any]],
    order: Sequence[str] | None = None,
    layer: Layer | None = None,
) -> tuple[list[dict[str, Any]], ExportDiff]:
    """The committed export updated from the server's, passage by passage (module docstring),
    in ``order`` of passage ids (corpus order; tasks of other passages after, by id)."""
    old = {pid: t for t in committed if (pid := _passage(t)) is not None}
    new = {pid: t for t in server if (pid := _passage(t)) is not None}
    diff = ExportDiff()
    merged: dict[str, Mapping[str, Any]] = dict(old)
    for pid, task in new.items():
        kind, ids, by = _compare(old.get(pid), task, (layer or CLAIMS).content)
        if kind == "none":
            if pid not in old:
                diff.new_tasks.append(pid)
                merged[pid] = task
            elif old[pid].get("data") != task.get("data"):
                merged[pid] = task  # an unannotated task with new data: nothing to lose
            continue
        if kind == "kept":
            diff.kept.append(pid)
            continue
        if kind == "unchanged":
            diff.unchanged.append(pid)
            continue
        merged[pid] = task
        getattr(diff, kind).append(PassageChange(pid, task.get("id"), ids, by))
    rank = {pid: i for i, pid in enumerate(order or ())}
    position = {pid: i for i, pid in enumerate(old)}

    def key(pid: str) -> tuple[int, int, Any]:
        if order is not None:
            return (rank.get(pid, len(rank)), 0, merged[pid].get("id", 0))
        return (position.get(pid, len(position)), 0, merged[pid].get("id", 0))

    return [dict(merged[pid]) for pid in sorted(merged, key=key)], diff


@dataclass
class PullReport:
    path: Path
    diff: ExportDiff
    check: CheckReport
    tasks: int
    annotations: int
    written: bool
    refused: bool = False
    backup: Path | None = None
    export: list[dict[str, Any]] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [f"passage {p.passage_id}: {p.message}" for p in self.check.problems]

    def summary(self) -> str:
        state = (
            "not written: the server's annotations have problems (see above; fix them in "
            "Label Studio, or pull with --accept-problems)"
            if self.refused
            else "written"
            if self.written
            else "unchanged, not rewritten"
        )
        lines = [
            f"{self.path}: {self.tasks} tasks, {self.annotations} annotations ({state})",
            self.diff.summary(),
            *self.diff.lines(),
        ]
        if self.backup:
            lines.append(f"old export kept as {self.backup}")
        if self.check.problems:
            lines.append(f"{len(self.check.problems)} problem(s):")
            lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def read_export(path: Path, *, missing_ok: bool = True) -> list[dict[str, Any]]:
    """The tasks of a full-JSON export; ``[]`` when there is no export yet (with
    ``missing_ok``; otherwise a missing file is refused like any unreadable one). A dangling
    symlink or a symlink loop is not "no export yet": it is refused."""
    if missing_ok and not os.path.lexists(path):
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


def server_export(client: Any, project: int | str) -> list[dict[str, Any]]:
    """The project's full-JSON export, normalized (:func:`normalize_export`)."""
    project_id = resolve_project(client, project)
    with api_errors(f"export project {project_id}", _base_url(client)):
        raw = client.projects.exports.as_json(project_id)
    return normalize_export(raw)


def backup(path: Path) -> Path | None:
    """Copy ``path`` into ``backups/`` beside it with a UTC time stamp; None if it is missing."""
    if not path.exists():
        return None
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    folder = path.parent / BACKUP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}.{stamp}{path.suffix}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}.{stamp}-{n}{path.suffix}"
    shutil.copy2(path, target)
    return target


def merged_export(
    client: Any,
    project: int | str,
    path: Path,
    documents: Sequence[Document] | None = None,
    layer: Layer | None = None,
) -> tuple[list[dict[str, Any]], ExportDiff, CheckReport]:
    """The server's export merged into the one at ``path``, its diff and its check."""
    layer = layer or CLAIMS
    order = [p.id for d in documents for p in d.passages] if documents is not None else None
    merged, diff = merge_exports(read_export(path), server_export(client, project), order, layer)
    return merged, diff, layer.check(merged, documents)


def pull(
    client: Any,
    project: int | str,
    out_dir: Path,
    *,
    documents: Sequence[Document] | None = None,
    accept_problems: bool = False,
    file_name: str | None = None,
    layer: Layer | None = None,
) -> PullReport:
    """Merge the project's export into ``out_dir/export.json`` (see module docstring), or
    into the export file of another ``layer``."""
    layer = layer or CLAIMS
    path = Path(out_dir) / (file_name or layer.export_file)
    merged, diff, check = merged_export(client, project, path, documents, layer)
    report = PullReport(
        path=path,
        diff=diff,
        check=check,
        tasks=len(merged),
        annotations=sum(len(_live(t)) for t in merged),
        written=False,
        export=merged,
    )
    if check.problems and not accept_problems:
        report.refused = True
        return report
    text = dumps_export(merged)
    old_text = path.read_text(encoding="utf-8") if path.exists() else None
    if text != old_text:
        report.backup = backup(path)
        write_atomic(path, text)
        report.written = True
    return report


#: The entity/claim layer: the project of ``annotations/labelstudio/export.json``.
CLAIMS = Layer(
    name="claims",
    title=DEFAULT_PROJECT_TITLE,
    export_file=EXPORT_FILE,
    config=labeling_config,
    to_result=to_labelstudio,
    content=_content,
    check=check_export,
)
