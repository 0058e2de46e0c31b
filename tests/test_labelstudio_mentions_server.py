"""The number-mention layer on a REAL Label Studio server (marker ``labelstudio``; the server,
client, credentials and title fixtures are those of tests/test_labelstudio_server.py).

- A fresh project, ``push --layer mentions --with-gold``, ``pull``, ``import``: the committed
  layer comes back mention for mention; a second fresh project from the imported layer pulls
  the export byte for byte and the import leaves ``mentions.jsonl`` byte for byte.
- One edit through the API (``regions``, then ``submit``) is exactly one reported and imported
  change, recorded with the editor's e-mail; submitting every annotation as ``regions`` lists
  it reports none edited.
- A problem saved on the server is listed by ``check`` (exit 2) and refused by ``pull``.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from silkroad_news.annotations import MENTIONS_FILE, read_mentions, write_mentions
from silkroad_news.labelstudio import Server
from silkroad_news.labelstudio.client import GOLD_ACCOUNT, _server_tasks, find_project
from silkroad_news.labelstudio.mentions import ACCOUNTS_FILE, EXPORT_PATH, mentions_to_labelstudio
from test_labelstudio_server import client, credentials, server, title  # noqa: F401 - fixtures

pytestmark = pytest.mark.labelstudio


def _runner(repo: Path, srv: Server, capsys: pytest.CaptureFixture) -> Any:
    from silkroad_news.cli import main as cli_main

    def run(*argv: str) -> tuple[int, str]:
        code = cli_main(["--root", str(repo), *argv])
        out = capsys.readouterr()
        return code, out.out + out.err

    def ls(command: str, project: str, *argv: str) -> tuple[int, str]:
        return run(
            "labelstudio", command, "--layer", "mentions", "--url", srv.url,
            "--project", project, *argv,
        )  # fmt: skip

    return run, ls


def test_fresh_project_with_the_layer_reproduces_it_and_one_api_edit_is_one_change(
    client: Any,  # noqa: F811
    title: str,  # noqa: F811
    server: Server,  # noqa: F811
    credentials: dict[str, str],  # noqa: F811
    full_repo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    tmp_path: Path,
) -> None:
    repo = full_repo_copy
    layer_path, export_path = repo / MENTIONS_FILE, repo / EXPORT_PATH
    # start from the layer as it was before any Label Studio round: no export, no provenance
    committed = [replace(m, provenance=None) for m in read_mentions(layer_path)]
    write_mentions(layer_path, committed)
    for path in (export_path, export_path.parent / ACCOUNTS_FILE):
        path.unlink(missing_ok=True)
    monkeypatch.setenv("SILKROAD_LS_TOKEN", credentials["SILKROAD_LS_TOKEN"])
    run, ls = _runner(repo, server, capsys)

    # 1. The committed layer (no provenance yet) through a fresh project.
    code, out = ls("push", title, "--with-gold")
    assert code == 0, out
    assert "(created)" in out and "tasks: 83 created" in out and "predictions: 0 created" in out
    assert "gold: 83 passage(s) given the committed gold" in out
    code, out = ls("check", title)
    assert code == 0 and "83 annotations checked: 0 problem(s), 0 passage(s)" in out, out
    code, out = ls("pull", title)
    assert code == 0 and "passages: 83 added" in out, out
    code, out = run("annotations", "import", "--layer", "mentions")
    assert code == 0 and "83 passages (written)" in out, out
    imported = read_mentions(layer_path)
    assert [replace(m, provenance=None) for m in imported] == committed
    assert {m.provenance.annotator for m in imported if m.provenance} == {GOLD_ACCOUNT}
    export_bytes, layer_bytes = export_path.read_bytes(), layer_path.read_bytes()

    # 2. A second fresh project from the imported layer: byte for byte, both files.
    second = f"{title[:40]}-2"
    code, out = ls("push", second, "--with-gold")
    assert code == 0 and "gold: 83 passage(s)" in out, out
    code, out = ls("pull", second)
    assert code == 0 and "83 unchanged" in out and "(unchanged, not rewritten)" in out, out
    assert export_path.read_bytes() == export_bytes
    code, out = run("annotations", "import", "--layer", "mentions")
    assert code == 0 and "(unchanged, not rewritten)" in out, out
    assert layer_path.read_bytes() == layer_bytes

    # 3. One edit through the API as the token's account: regions, edit one line, submit.
    target = next(m for m in imported if len(m.mentions) >= 2)
    sheet = tmp_path / "regions.jsonl"
    code, out = ls("regions", second, "--passage", target.passage_id, "--out", str(sheet))
    assert code == 0 and "1 annotation(s)" in out, out
    [line] = [json.loads(x) for x in sheet.read_text(encoding="utf-8").splitlines()]
    assert line["problems"] == [] and line["flags"] == []
    assert line["completed_by"] == GOLD_ACCOUNT and line["updated_by"] is None
    assert line["record"]["mentions"][0]["id"] == f"{target.passage_id}-m1"
    first = target.mentions[0]
    new_category = "identifier" if first.category.value != "identifier" else "date"
    mention = line["record"]["mentions"][0]
    mention.update(category=new_category, number=None, low=None, high=None, unit=None)
    mention.update(unit_text="", approx=None)
    sheet.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    time.sleep(0.3)  # a save moves updated_at past the creation time (client.UNTOUCHED_SECONDS)
    code, out = ls("submit", second, str(sheet))
    assert code == 0 and "1 edited, 0 saved unchanged" in out, out
    code, out = ls("pull", second)
    assert code == 0, out
    assert "1 edited" in out and "82 unchanged" in out
    project_id = find_project(client, second).id
    task = _server_tasks(client, project_id)[target.passage_id]
    assert f"edited: {target.passage_id} (task {task.id}, annotation" in out
    accounts = json.loads((export_path.parent / ACCOUNTS_FILE).read_text(encoding="utf-8"))
    assert credentials["SILKROAD_LS_USERNAME"] in accounts.values()
    code, out = run("annotations", "import", "--layer", "mentions")
    assert code == 0, out
    change = f"{target.passage_id}: mention changed {first.text} [{first.start}, {first.end})"
    assert [x for x in out.splitlines() if ": mention " in x] == [
        x for x in out.splitlines() if x.startswith(change) and x.endswith(new_category)
    ]
    assert len([x for x in out.splitlines() if ": mention " in x]) == 1
    old_lines = layer_bytes.decode("utf-8").splitlines()
    new_lines = layer_path.read_text(encoding="utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert len(changed) == 1
    record = json.loads(new_lines[changed[0]])
    assert record["passage_id"] == target.passage_id
    assert record["mentions"][0]["category"] == new_category
    assert record["mentions"][1:] == json.loads(old_lines[changed[0]])["mentions"][1:]
    assert record["provenance"]["annotator"] == credentials["SILKROAD_LS_USERNAME"]
    assert record["provenance"]["task_id"] == task.id
    # what was replaced is kept
    backups = sorted((repo / "annotations" / "backups").glob("mentions.*.jsonl"))
    assert backups[-1].read_bytes() == layer_bytes

    # 4. Every annotation saved back as `regions` lists it: nothing edited, 83 reviewed.
    every = tmp_path / "every.jsonl"
    code, out = ls("regions", second, "--out", str(every))
    assert code == 0 and "83 annotation(s)" in out, out
    code, out = ls("submit", second, str(every))
    assert code == 0 and "annotations: 0 edited, 83 saved unchanged (reviewed), 0 created" in out


def test_a_problem_on_the_server_is_listed_by_check_and_refused_by_pull(
    client: Any,  # noqa: F811
    title: str,  # noqa: F811
    server: Server,  # noqa: F811
    credentials: dict[str, str],  # noqa: F811
    full_repo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    repo = full_repo_copy
    export_before = (repo / EXPORT_PATH).read_bytes()
    monkeypatch.setenv("SILKROAD_LS_TOKEN", credentials["SILKROAD_LS_TOKEN"])
    _, ls = _runner(repo, server, capsys)
    target = next(m for m in read_mentions(repo / MENTIONS_FILE) if m.mentions)
    doc = target.passage_id.rsplit("-p", 1)[0]
    code, out = ls("push", title, "--doc", doc)
    assert code == 0 and "gold" not in out, out
    project_id = find_project(client, title).id
    task = _server_tasks(client, project_id)[target.passage_id]
    result = mentions_to_labelstudio(target)
    overlap = json.loads(json.dumps(result[0]))
    overlap["id"] = "dup"
    result.append(overlap)  # the same span again: two mentions overlap
    client.annotations.create(id=task.id, result=result, was_cancelled=False)

    code, out = ls("check", title)
    assert code == 2, out
    assert f"problem: passage {target.passage_id}: task {task.id}, annotation" in out
    first = target.mentions[0]
    span = f"[{first.start}, {first.end})"
    assert f"region dup: {span} overlaps region n1 {span}; mentions must not overlap" in out
    assert "1 problem(s)" in out
    code, out = ls("pull", title)
    assert code == 2 and "not written" in out, out
    assert (repo / EXPORT_PATH).read_bytes() == export_before  # refused: nothing written
