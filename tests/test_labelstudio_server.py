"""Integration tests: a REAL Label Studio server from .venv-labelstudio, no mocks.

One server per session, bound to 127.0.0.1 on a free port, with a preset admin and token, on
a data dir in a temp folder. That dir is a copy of a migrated template kept in pytest's cache
(see _migrated_template): the first session pays the 30-80 s of migrations, later ones ~10 s.
Each test uses its own project, so the tests do not depend on each other's order. Run only
these with ``pytest -m labelstudio``.
"""

from __future__ import annotations

import copy
import json
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from silkroad_news.files import read_json
from silkroad_news.labelstudio import (
    LabelStudioError,
    Server,
    connect,
    connected,
    from_labelstudio,
    labeling_config,
    passage_predictions,
    passage_tasks,
    pull,
    push,
    start_server,
    to_labelstudio,
)
from silkroad_news.labelstudio.cli import main as labelstudio_main
from silkroad_news.labelstudio.server import BOOTSTRAP_HINT, LABELSTUDIO_VENV
from silkroad_news.records import annotation_from_json, record_from_json
from silkroad_news.schema import (
    Document,
    Passage,
    PassageAnnotation,
    PassageType,
    Provenance,
    SchemaError,
)

pytestmark = pytest.mark.labelstudio
ROOT = Path(__file__).resolve().parents[1]


#: Hand-made passages: a Traditional-script one and one that starts with 𠮷 (see its _comment).
CASE = read_json(Path(__file__).parent / "fixtures" / "labelstudio" / "passages.json")
DOCUMENTS = [record_from_json(Document, d, "passages.json: document") for d in CASE["documents"]]
DATES = CASE["dates"]
GOLD = [annotation_from_json(g, "passages.json: gold") for g in CASE["gold"]]


@pytest.fixture(scope="session")
def credentials() -> dict[str, str]:
    return {
        "SILKROAD_LS_USERNAME": "admin@silkroad.test",
        "SILKROAD_LS_PASSWORD": secrets.token_urlsafe(16),
        "SILKROAD_LS_TOKEN": secrets.token_hex(20),
    }


def _migrated_template(pytestconfig: pytest.Config, environ: dict[str, str]) -> Path | None:
    """A data dir on which Label Studio's migrations already ran, cached between sessions.

    Migrating a fresh SQLite database takes 30-80 s here; starting on a copy takes ~5-10 s.
    The template holds no user (it is built without credentials), so each session's copy
    still creates its admin and preset token on its first start. Keyed by the stamp of
    .venv-labelstudio, so a new Label Studio version builds a new template.
    """
    cache = getattr(pytestconfig, "cache", None)
    if cache is None:  # -p no:cacheprovider: every session migrates from scratch
        return None
    stamp_file = LABELSTUDIO_VENV / ".stamp"
    stamp = stamp_file.read_text().strip() if stamp_file.exists() else "unstamped"
    root = cache.mkdir("labelstudio")
    template = root / f"template-{stamp}"
    if not (template / "label_studio.sqlite3").is_file():
        building = Path(tempfile.mkdtemp(prefix="building-", dir=root))
        bare = {k: v for k, v in environ.items() if not k.startswith("SILKROAD_LS_")}
        start_server(building, environ=bare, timeout=300).stop()
        (building / "server.log").unlink(missing_ok=True)
        try:
            building.rename(template)
        except OSError:  # another session finished first
            shutil.rmtree(building, ignore_errors=True)
    return template


@pytest.fixture(scope="session")
def server(
    tmp_path_factory: pytest.TempPathFactory,
    pytestconfig: pytest.Config,
    credentials: dict[str, str],
) -> Iterator[Server]:
    if not (LABELSTUDIO_VENV / "bin" / "label-studio").is_file():
        pytest.fail(f"{LABELSTUDIO_VENV} is missing: {BOOTSTRAP_HINT}", pytrace=False)
    environ = {**os.environ, **credentials, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    data_dir = tmp_path_factory.mktemp("labelstudio") / "data"
    template = _migrated_template(pytestconfig, environ)
    if template is not None:
        shutil.copytree(template, data_dir)
    srv = start_server(data_dir, environ=environ, timeout=300)
    try:
        yield srv
    finally:
        code = srv.stop()
        assert not srv.running(), "Label Studio did not stop"
        assert code is not None


@pytest.fixture
def client(server: Server, credentials: dict[str, str]) -> Iterator[Any]:
    with connected(server.url, credentials["SILKROAD_LS_TOKEN"]) as c:
        yield c


@pytest.fixture
def title(request: pytest.FixtureRequest) -> str:
    # Label Studio refuses project titles longer than 50 characters
    name = request.node.name
    return f"t-{name}" if len(name) <= 48 else f"t-{name[:37]}-{secrets.token_hex(5)}"


def _tasks_and_predictions() -> tuple[list[dict], dict[str, dict]]:
    tasks = passage_tasks(DOCUMENTS, DATES)
    return tasks, passage_predictions(tasks)


def _server_tasks(client: Any, project_id: int) -> dict[str, Any]:
    return {t.data["passage_id"]: t for t in client.tasks.list(project=project_id, fields="all")}


def _annotate(client: Any, task_id: int, gold: PassageAnnotation) -> Any:
    """Submit an annotation through the API, as the editor does on Submit."""
    return client.annotations.create(
        id=task_id, result=to_labelstudio(gold), lead_time=12.5, was_cancelled=False
    )


def test_server_runs_on_loopback(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    assert "--internal-host" in server.process.args and "127.0.0.1" in server.process.args


def test_push_is_idempotent(client: Any, title: str) -> None:
    tasks, predictions = _tasks_and_predictions()
    first = push(client, title, tasks, predictions)
    assert first.project_created and not first.config_updated
    assert (first.tasks_created, first.tasks_unchanged, first.tasks_updated) == (3, 0, 0)
    assert first.predictions_created == 3

    project = client.projects.get(id=first.project_id)
    assert project.label_config.strip() == labeling_config().strip()
    version = next(iter(predictions.values()))["model_version"]
    assert project.model_version == version
    on_server = _server_tasks(client, first.project_id)
    assert set(on_server) == {t["data"]["passage_id"] for t in tasks}
    for t in tasks:  # 𠮷 and Traditional text survive the trip intact
        assert on_server[t["data"]["passage_id"]].data == t["data"]

    again = push(client, title, tasks, predictions)
    assert (again.project_id, again.project_created, again.config_updated) == (
        first.project_id,
        False,
        False,
    )
    assert (again.tasks_created, again.tasks_unchanged, again.tasks_updated) == (0, 3, 0)
    assert (again.predictions_created, again.predictions_replaced) == (0, 0)
    assert again.predictions_unchanged == 3
    assert len(list(client.tasks.list(project=first.project_id))) == 3

    # A new passage becomes a new task; a refreshed prediction replaces its own version only.
    extra = Document(
        id="extra-doc",
        text="伊犁州签约项目51个金额318亿元",
        text_simplified="伊犁州签约项目51个金额318亿元",
        passages=(Passage("extra-doc-p01", PassageType.HEADLINE, 0, 16),),
    )
    tasks2 = passage_tasks([*DOCUMENTS, extra], DATES)
    predictions2 = passage_predictions(tasks2)
    refreshed = dict(predictions2["kashgar-trade-p02"])
    refreshed["result"] = refreshed["result"][:1]
    predictions2["kashgar-trade-p02"] = refreshed
    task_id = on_server["kashgar-trade-p02"].id
    client.predictions.create(task=task_id, result=[], model_version="someone-else")
    third = push(client, title, tasks2, predictions2)
    assert (third.tasks_created, third.tasks_unchanged) == (1, 3)
    assert (third.predictions_created, third.predictions_replaced) == (1, 1)
    assert third.predictions_unchanged == 2
    preds = client.predictions.list(task=task_id)
    assert sorted(p.model_version for p in preds) == sorted([version, "someone-else"])
    assert next(p for p in preds if p.model_version == version).result == refreshed["result"]
    assert len(list(client.tasks.list(project=first.project_id))) == 4


def test_annotation_round_trip_and_pull_report(client: Any, title: str, tmp_path: Path) -> None:
    tasks, predictions = _tasks_and_predictions()
    project_id = push(client, title, tasks, predictions).project_id
    on_server = _server_tasks(client, project_id)
    me = client.users.whoami()
    submitted = {g.passage_id: _annotate(client, on_server[g.passage_id].id, g) for g in GOLD}

    report = pull(client, title, tmp_path, documents=DOCUMENTS)
    assert report.written and report.check.problems == []
    assert report.tasks == 3 and report.annotations == 2
    assert sorted(c.passage_id for c in report.diff.added) == sorted(g.passage_id for g in GOLD)
    assert report.diff.new_tasks == ["kashgar-trade-p01"]
    export = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    assert [t["data"]["passage_id"] for t in export] == [t["data"]["passage_id"] for t in tasks]

    by_passage = {t["data"]["passage_id"]: t for t in export}
    for gold in GOLD:
        task = by_passage[gold.passage_id]
        [annotation] = task["annotations"]
        got = from_labelstudio(task, annotation)
        sent = submitted[gold.passage_id]
        assert got.provenance == Provenance(
            task_id=on_server[gold.passage_id].id,
            annotation_id=sent.id,
            annotator=str(me.id),
            created_at=annotation["created_at"],
            updated_at=annotation["updated_at"],
        )
        # the export's timestamps are the ones the API reported on submit
        assert datetime.fromisoformat(got.provenance.created_at) == sent.created_at
        assert got == replace(gold, provenance=got.provenance)
    assert by_passage["kashgar-trade-p01"]["annotations"] == []

    # Pulling again changes nothing; an edit shows up as that passage edited.
    again = pull(client, title, tmp_path, documents=DOCUMENTS)
    assert not again.written and not again.diff.changed
    edited_gold = GOLD[0]
    edited_gold = replace(edited_gold, claims=edited_gold.claims[:2])
    sent = submitted[edited_gold.passage_id]
    client.annotations.update(id=sent.id, result=to_labelstudio(edited_gold))
    third = pull(client, title, tmp_path, documents=DOCUMENTS)
    assert third.written and [c.passage_id for c in third.diff.edited] == [edited_gold.passage_id]
    assert third.diff.edited[0].annotations == (sent.id,)
    assert third.backup is not None and third.backup.parent.name == "backups"
    task = next(
        t for t in json.loads((tmp_path / "export.json").read_text("utf-8"))
        if t["data"]["passage_id"] == edited_gold.passage_id
    )  # fmt: skip
    assert from_labelstudio(task, task["annotations"][0]).claims == edited_gold.claims


def test_pull_keeps_what_the_server_lost_and_refuses_problems(
    client: Any,
    title: str,
    tmp_path: Path,
    server: Server,
    credentials: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    tasks, _ = _tasks_and_predictions()
    project_id = push(client, title, tasks).project_id
    on_server = _server_tasks(client, project_id)
    _annotate(client, on_server[GOLD[0].passage_id].id, GOLD[0])
    lost = _annotate(client, on_server[GOLD[1].passage_id].id, GOLD[1])
    pull(client, project_id, tmp_path, documents=DOCUMENTS)
    path = tmp_path / "export.json"
    before = path.read_bytes()

    # An annotation deleted on the server is no reason to drop it from the committed export.
    client.annotations.delete(id=lost.id)
    report = pull(client, project_id, tmp_path, documents=DOCUMENTS)
    assert report.diff.kept == [GOLD[1].passage_id] and not report.diff.changed
    assert path.read_bytes() == before and not report.written

    # A problem on the server (an orphan METRIC) refuses the pull: exit 2, nothing written.
    broken = [i for i in to_labelstudio(GOLD[1]) if i.get("type") != "relation"]
    client.annotations.create(id=on_server[GOLD[1].passage_id].id, result=broken)
    monkeypatch.setenv("SILKROAD_LS_TOKEN", credentials["SILKROAD_LS_TOKEN"])
    argv = ["pull", "--url", server.url, "--project", title, "--out", str(tmp_path)]
    code = labelstudio_main(["--root", str(ROOT), *argv])
    out = capsys.readouterr().out
    assert code == 2 and "not written" in out and "linked to no VALUE" in out
    assert path.read_bytes() == before
    code = labelstudio_main(["--root", str(ROOT), "check", "--url", server.url, "--project", title])
    out = capsys.readouterr().out
    assert code == 2 and f"problem: passage {GOLD[1].passage_id}: task " in out
    # told to accept them, it writes (and still lists them)
    code = labelstudio_main(["--root", str(ROOT), *argv, "--accept-problems"])
    assert code == 0 and path.read_bytes() != before


def test_push_refuses_new_text_under_annotations(client: Any, title: str) -> None:
    tasks, _ = _tasks_and_predictions()
    project_id = push(client, title, tasks).project_id
    on_server = _server_tasks(client, project_id)
    _annotate(client, on_server[GOLD[1].passage_id].id, GOLD[1])
    changed = json.loads(json.dumps(tasks))
    for t in changed:
        t["data"]["text"] = t["data"]["text"].replace("截至", "截止")
        t["data"]["text_simplified"] = t["data"]["text_simplified"].replace("截至", "截止")
        t["data"]["date"] = "2023-02-16"  # unannotated tasks change too
    with pytest.raises(LabelStudioError, match=r"text of 1 annotated task\(s\) changed: khorgos"):
        push(client, title, changed)
    assert _server_tasks(client, project_id)["kashgar-trade-p01"].data["date"] == "2024-08-08"

    pid = GOLD[1].passage_id
    unannotated = [t for t in changed if t["data"]["passage_id"] != pid]
    report = push(client, title, unannotated)
    assert (report.tasks_updated, report.passages_not_pushed) == (2, [GOLD[1].passage_id])
    assert _server_tasks(client, project_id)["kashgar-trade-p01"].data["date"] == "2023-02-16"

    # New metadata under an annotation is safe (offsets are into the unchanged text).
    [redated] = [json.loads(json.dumps(t)) for t in tasks if t["data"]["passage_id"] == pid]
    redated["data"]["date"] = "2023-02-16"
    assert push(client, title, [redated]).tasks_updated == 1
    task = _server_tasks(client, project_id)[pid]
    assert task.data["date"] == "2023-02-16" and task.total_annotations == 1


def test_wrong_token_is_one_clear_error(
    server: Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    wrong = "0" * 40
    with pytest.raises(LabelStudioError, match=r"^connect: .* refused the API token \(HTTP 401\)"):
        connect(server.url, wrong)
    monkeypatch.setenv("SILKROAD_LS_TOKEN", wrong)
    assert labelstudio_main(["pull", "--url", server.url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused the API token" in err
    assert "Traceback" not in err and wrong not in err


def test_review_then_submit_gives_the_gold(client: Any, title: str) -> None:
    """The gold workflow: review pre-annotations as worksheets, submit the corrected ones as
    annotations, export, and read the canonical gold back with its provenance."""
    from silkroad_news.labelstudio.worksheets import gold_from_export, review_sheets, submit_sheets
    from silkroad_news.worksheet import to_worksheet

    tasks, predictions = _tasks_and_predictions()
    push(client, title, tasks, predictions)
    sheets = review_sheets(client, title)
    assert [s["passage_id"] for s in sheets] == [t["data"]["passage_id"] for t in tasks]
    assert all(s["model_version"] for s in sheets)
    # the reviewed pre-annotation of each passage is replaced by the intended gold
    gold = {g.passage_id: g for g in GOLD}
    corrected = [to_worksheet(gold[s["passage_id"]]) for s in sheets if s["passage_id"] in gold]
    first = submit_sheets(client, title, corrected, "worksheet.jsonl")
    assert (len(first.created), first.updated, first.unchanged) == (len(corrected), [], [])
    again = submit_sheets(client, title, corrected, "worksheet.jsonl")
    assert (again.created, again.updated, len(again.unchanged)) == ([], [], len(corrected))

    project_id = next(p.id for p in client.projects.list() if p.title == title)
    export = [t for t in client.projects.exports.as_json(project_id)]
    docs = [
        Document(d.id, d.text, d.text_simplified, tuple(p for p in d.passages if p.id in gold))
        for d in DOCUMENTS
    ]
    back = gold_from_export(export, docs)
    assert [replace(a, provenance=None) for a in back] == [
        replace(gold[a.passage_id], provenance=None) for a in back
    ]
    assert all(a.provenance and a.provenance.annotation_id > 0 for a in back)


def test_submit_refuses_a_bad_span_first(client: Any, title: str) -> None:
    from silkroad_news.labelstudio.worksheets import submit_sheets

    tasks, predictions = _tasks_and_predictions()
    push(client, title, tasks, predictions)
    pid = tasks[0]["data"]["passage_id"]
    bad = [{"passage_id": pid, "entities": [{"text": "不存在的名字", "type": "ORG"}], "claims": []}]
    with pytest.raises(SchemaError, match=r"worksheet.jsonl: line 1: passage .* occurs 0 times"):
        submit_sheets(client, title, bad, "worksheet.jsonl")
    project_id = next(p.id for p in client.projects.list() if p.title == title)
    assert all(not t.total_annotations for t in client.tasks.list(project=project_id))


def test_fresh_project_with_gold_reproduces_the_export_and_one_edit_is_one_change(
    client: Any,
    title: str,
    server: Server,
    credentials: dict[str, str],
    full_repo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    """The correction round: a new project, push --with-gold, pull: the committed export comes
    back byte for byte. Then one region is edited through the API; sync reports exactly that
    passage and that entity, and the gold changes in that passage only."""
    from silkroad_news.cli import main as cli_main

    repo = full_repo_copy
    export_path = repo / "annotations" / "labelstudio" / "export.json"
    gold_path = repo / "annotations" / "gold.jsonl"
    export_before, gold_before = export_path.read_bytes(), gold_path.read_bytes()
    monkeypatch.setenv("SILKROAD_LS_TOKEN", credentials["SILKROAD_LS_TOKEN"])
    common = ["--url", server.url, "--project", title]

    def run(*argv: str) -> tuple[int, str]:
        code = cli_main(["--root", str(repo), "labelstudio", *argv, *common])
        return code, capsys.readouterr().out

    code, out = run("push", "--with-gold", "--no-predictions")
    assert code == 0 and "gold: 83 passage(s) given the committed gold" in out
    code, out = run("pull")
    assert code == 0 and "83 unchanged" in out and "(unchanged, not rewritten)" in out
    assert export_path.read_bytes() == export_before

    # Edit one region through the API, as the editor's Update does.
    project_id = next(p.id for p in client.projects.list() if p.title == title)
    task = _server_tasks(client, project_id)["tianshannet-kashgar-trade-p04"]
    [annotation] = client.annotations.list(id=task.id)
    assert annotation.import_id is not None and annotation.completed_by != client.users.whoami().id
    result = copy.deepcopy(annotation.result)
    region = next(i for i in result if i["from_name"] == "entity")
    assert region["value"]["labels"] == ["ORG"]
    region["value"]["labels"] = ["GPE"]
    time.sleep(0.3)  # a save moves updated_at past the creation time (client.UNTOUCHED_SECONDS)
    client.annotations.update(id=annotation.id, result=result)

    code, out = run("sync", "--no-rebuild")
    assert code == 0, out
    assert "1 edited" in out and "82 unchanged" in out
    assert (
        f"edited: tianshannet-kashgar-trade-p04 (task {task.id}, annotation {annotation.id}" in out
    )
    assert "gold diff: entities +0 ~1 -0, claims +0 ~0 -0 in 1 passage(s)" in out
    text = region["value"]["text"]
    assert f"tianshannet-kashgar-trade-p04: entity changed {text} [5, 17) ORG -> GPE" in out
    old_lines = gold_before.decode("utf-8").splitlines()
    new_lines = gold_path.read_text(encoding="utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert len(changed) == 1
    new_record = json.loads(new_lines[changed[0]])
    assert new_record["passage_id"] == "tianshannet-kashgar-trade-p04"
    assert new_record["entities"][0]["type"] == "GPE"
    assert new_record["provenance"]["annotation_id"] == annotation.id
    assert new_record["provenance"]["annotator"] == str(client.users.whoami().id)
    # what was replaced is kept
    backups = sorted((repo / "annotations" / "backups").glob("gold.*.jsonl"))
    assert [b.read_bytes() for b in backups] == [gold_before]


@pytest.mark.browser
def test_labeling_page_in_a_real_browser(
    client: Any, title: str, server: Server, credentials: dict[str, str], page: Any, tmp_path: Path
) -> None:
    """A pushed task as an annotator sees it in Chromium: the Traditional text, the
    pre-annotated regions, the attribute names with their Chinese glosses, the stored values
    with their attribute's name in the region panel, the project instructions; no errors."""
    tasks, predictions = _tasks_and_predictions()
    project_id = push(
        client, title, tasks, predictions, instructions="<p>标注说明 test</p>"
    ).project_id
    task = _server_tasks(client, project_id)["kashgar-trade-p02"]
    page.goto(f"{server.url}/user/login/")
    page.fill("input[name=email]", credentials["SILKROAD_LS_USERNAME"])
    page.fill("input[name=password]", credentials["SILKROAD_LS_PASSWORD"])
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{server.url}/projects/{project_id}/data?task={task.id}")
    page.get_by_text("上半年,喀什地區進出口總值達").first.wait_for(timeout=60_000)
    page.get_by_text("564.32億元").last.wait_for(timeout=30_000)
    body = page.inner_text("body")
    for seen in ("喀什地區", "564.32億元", "67.2%", "VALUE", "GPE"):
        assert seen in body, seen
    page.get_by_text("564.32億元").last.click()
    page.get_by_text("kind · 类型").wait_for(timeout=30_000)
    body = page.inner_text("body")
    names = ("kind · 类型", "approx · 近似", "direction · 方向", "modality · 情态")
    for seen in (
        *names,
        "number · 数值",
        "unit_text · 单位原文",
        "总量/金额 amount",
        "kind:amount",
    ):
        assert seen in body, seen
    page.get_by_role("button", name="Instructions").click()
    page.get_by_text("标注说明 test").wait_for(timeout=10_000)
    page.screenshot(path=str(tmp_path / "labeling-page.png"), full_page=True)
    assert page.errors == []
