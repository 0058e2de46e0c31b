"""Tests of silkroad_news.build and silkroad_news.splits on a small repository built_repo from a
fixture article with hand-made gold: load_dataset offline on the built_repo files, features,
offsets, an exact rebuild of the gold, determinism, and refusals that write nothing."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from silkroad_news import units
from silkroad_news.annotations import (
    GOLD_FILE,
    MENTIONS_FILE,
    annotation_to_json,
    read_gold,
    read_mentions,
)
from silkroad_news.build import (
    CONFIGS,
    DATA_DIR,
    build,
    check_rows_offsets,
    config_splits,
    data_path,
    gold_from_documents,
    layers_from_documents,
    render_build,
)
from silkroad_news.records import mentions_to_json
from silkroad_news.schema import (
    SPLIT_OF_FOLD,
    NumberCategory,
    SchemaError,
    ner_tag_names,
)
from silkroad_news.splits import (
    MANIFEST_FILE,
    Assignment,
    render_manifest,
)


def _load(path: str, config: str, cache: Path):
    from datasets import load_dataset

    return load_dataset(path, config, cache_dir=str(cache))


# ---- built_repo files -------------------------------------------------------------------------


def test_every_config_and_split_loads_offline_with_its_features(
    built_repo: Path, tmp_path: Path
) -> None:
    assert os.environ.get("HF_DATASETS_OFFLINE") == "1"
    for config in CONFIGS:
        ds = _load(str(built_repo), config, tmp_path / "cache")
        assert set(ds) == set(config_splits(config))
        for split in config_splits(config):
            rows = list(ds[split])
            check_rows_offsets(rows, config)
    ner = _load(str(built_repo), "ner", tmp_path / "cache")
    assert ner["train"].features["ner_tags"].feature.names == ner_tag_names()
    numbers = _load(str(built_repo), "numbers", tmp_path / "cache")
    mention = numbers["train"].features["mentions"].feature
    assert mention["category"].names == NumberCategory.values()
    assert {k: v.dtype for k, v in mention.items() if k != "category"} == {
        "text": "string", "start": "int32", "end": "int32", "number": "float64",
        "low": "float64", "high": "float64", "unit": "string", "unit_text": "string",
        "approx": "string", "claim": "bool", "kind": "string",
    }  # fmt: skip
    claims = _load(str(built_repo), "claims", tmp_path / "cache")
    claim = claims["train"].features["claims"].feature
    assert set(claim["value"]) == {"text", "start", "end"}
    assert claim["unit"].names == list(units.CODES)
    assert claim["kind"].names[:2] == ["amount", "count"] and claim["low"].dtype == "float64"


def test_passage_rows_carry_fold_script_and_the_simplified_text(built_repo: Path, tmp_path) -> None:
    docs = _load(str(built_repo), "documents", tmp_path / "cache")["full"]
    folds = {p["id"]: p["fold"] for d in docs for p in d["passages"]}
    for config in ("ner", "claims", "numbers"):
        ds = _load(str(built_repo), config, tmp_path / "cache")
        for split in ds:
            for row in ds[split]:
                assert row["fold"] == folds[row["id"]] and SPLIT_OF_FOLD[row["fold"]] == split
                assert row["script"] == "Hans"
                assert len(row["text_simplified"]) == len(row["text"])
    assert docs[0]["text"].count("𠮷") == 2  # the fixture is Simplified: both views agree


def test_a_relative_path_form_loads_too(built_repo: Path, tmp_path: Path, monkeypatch) -> None:
    """datasets 5.2 refuses '.' and './' but takes '../<name>'; the README shows that form."""
    monkeypatch.chdir(built_repo)
    ds = _load(f"../{built_repo.name}", "ner", tmp_path / "cache")
    assert sum(len(ds[s]) for s in ds) == 14


def test_ner_tags_are_the_entities_in_bio(built_repo: Path, tmp_path: Path) -> None:
    ds = _load(str(built_repo), "ner", tmp_path / "cache")
    names = ner_tag_names()
    rows = {r["id"]: r for s in ds for r in ds[s]}
    row = rows["fixture-kashgar-p01"]
    tags = [names[i] for i in row["ner_tags"]]
    assert row["tokens"][:3] == ["喀", "什", "外"]
    assert tags[:2] == ["B-GPE", "I-GPE"]
    # 𠮷 is one token and one tag, as it is one code point
    at = row["text"].index("𠮷")
    assert row["tokens"][at] == "𠮷" and tags[at : at + 4] == ["B-FAC", "I-FAC", "I-FAC", "I-FAC"]
    assert len(row["tokens"]) == len(row["ner_tags"]) == len(row["text"])


def test_numbers_rows_hold_the_mention_layer_with_claims_marked(
    built_repo: Path, tmp_path: Path
) -> None:
    ds = _load(str(built_repo), "numbers", tmp_path / "cache")
    categories = ds["train"].features["mentions"].feature["category"].names
    rows = {r["id"]: r for s in ds for r in ds[s]}
    assert len(rows) == 14  # one row per passage, those without numbers included
    assert rows["fixture-kashgar-p01"]["mentions"] == []
    p03 = rows["fixture-kashgar-p03"]["mentions"]
    assert [(m["text"], m["claim"], m["kind"], m["unit"]) for m in p03] == [
        ("564.32亿元", True, "amount", "CNY"),
        ("67.2%", True, "change_rate", "%"),
    ]
    p12 = {m["text"]: m for m in rows["fixture-kashgar-p12"]["mentions"]}
    assert p12["15个"]["claim"] and p12["15个"]["unit"] == "count:个"
    one = p12["一类"]  # an ordinal: no reading, no claim
    assert categories[one["category"]] == "ordinal" and not one["claim"] and one["kind"] is None
    assert (one["number"], one["unit"], one["approx"], one["unit_text"]) == (None, None, None, "")
    p13 = rows["fixture-kashgar-p13"]["mentions"]
    assert [(m["text"], categories[m["category"]], m["claim"]) for m in p13] == [
        ("2月14日", "date", False)
    ]


def test_the_gold_is_rebuilt_exactly_from_the_documents_config(
    built_repo: Path, tmp_path: Path
) -> None:
    ds = _load(str(built_repo), "documents", tmp_path / "cache")
    gold, mentions = layers_from_documents(ds["full"])
    original = read_gold(built_repo / GOLD_FILE)
    assert [annotation_to_json(a) for a in gold] == [annotation_to_json(a) for a in original]
    layer = read_mentions(built_repo / MENTIONS_FILE)
    assert [mentions_to_json(m) for m in mentions] == [mentions_to_json(m) for m in layer]
    assert sum(len(m.mentions) for m in mentions) == 19


def test_build_twice_gives_identical_files_and_manifest(built_repo: Path, tmp_path: Path) -> None:
    repo = tmp_path / "r"
    shutil.copytree(built_repo, repo)
    first = build(repo)
    second = build(repo)
    assert first == second
    sums = (repo / DATA_DIR / "SHA256SUMS").read_text(encoding="utf-8")
    assert sums == (built_repo / DATA_DIR / "SHA256SUMS").read_text(encoding="utf-8")
    assert len(sums.splitlines()) == 10


@pytest.mark.parametrize("disabled", [False, True])
def test_writing_parquet_leaves_the_progress_bar_setting_as_it_was(disabled: bool) -> None:
    import datasets

    from silkroad_news.build import parquet_bytes

    was = datasets.are_progress_bars_disabled()
    try:
        (datasets.disable_progress_bars if disabled else datasets.enable_progress_bars)()
        row = {"id": "d-p01", "doc_id": "d", "text": "喀什", "text_simplified": "喀什"}
        row.update(script="Hans", fold=0, claims=[])
        assert parquet_bytes([row], "claims").startswith(b"PAR1")
        assert datasets.are_progress_bars_disabled() is disabled
    finally:
        (datasets.disable_progress_bars if was else datasets.enable_progress_bars)()


def test_readme_keeps_its_body_under_the_generated_header(built_repo: Path) -> None:
    readme = (built_repo / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("---\n# Hugging Face metadata, generated by `silkroad-news build`")
    assert "\npretty_name: SilkRoad-News\n" in readme
    assert readme.endswith("---\n# fixture\n\nbody text\n")
    assert "class_label:" in readme and data_path("ner", "test").as_posix() in readme


# ---- refusals ----------------------------------------------------------------------------


def _snapshot(repo: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob("*")) if p.is_file()
    }


def test_a_gold_span_outside_its_passage_stops_the_build_and_writes_nothing(
    built_repo: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "r"
    shutil.copytree(built_repo, repo)
    lines = (repo / GOLD_FILE).read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[2])
    rec["entities"][0]["end"] = len(rec["text"]) + 3
    lines[2] = json.dumps(rec, ensure_ascii=False)
    (repo / GOLD_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _snapshot(repo)
    with pytest.raises(SchemaError, match=r"gold.jsonl: line 3: passage 'fixture-kashgar-p03'"):
        build(repo)
    assert _snapshot(repo) == before


def test_a_passage_missing_from_the_manifest_stops_the_build(
    built_repo: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "r"
    shutil.copytree(built_repo, repo)
    path = repo / MANIFEST_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    gone = data["splits"]["train"][0]
    del data["passages"][gone]
    assignment = {p: Assignment(v["split"], v["fold"]) for p, v in data["passages"].items()}
    path.write_text(render_manifest(assignment, data["seed"]), encoding="utf-8")
    before = _snapshot(repo)
    with pytest.raises(SchemaError, match=rf"passage '{gone}' is missing from the split manifest"):
        build(repo)
    assert _snapshot(repo) == before


def _with_card_files(repo: Path, root: Path) -> None:
    """Put the card and the files the export carries with it into a fixture repository."""
    from silkroad_news.build import EXPORT_EXTRAS, EXPORT_SCHEMAS

    for rel in (Path("dataset_card.md"), *EXPORT_EXTRAS):
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / rel, repo / rel)
    shutil.copytree(root / EXPORT_SCHEMAS, repo / EXPORT_SCHEMAS)


def _links(markdown: str) -> list[str]:
    """The targets of the Markdown links and images of a page, addresses left out."""
    import re

    targets = re.findall(r"\]\(([^)\s]+)\)", markdown)
    return [t for t in targets if not re.match(r"[a-z]+://|#|mailto:", t)]


def test_the_exported_folder_loads_the_same_way(
    built_repo: Path, tmp_path: Path, root: Path
) -> None:
    from silkroad_news.build import export

    repo = tmp_path / "silkroad-export-src"
    shutil.copytree(built_repo, repo)
    _with_card_files(repo, root)
    build(repo)
    out = tmp_path / "hub" / "silkroad-news"
    export(repo, out)
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("---\n# Hugging Face metadata")
    assert "\n---\n# SilkRoad-News\n" in readme and "# fixture" not in readme
    # every link of the exported card resolves inside the export
    links = _links(readme)
    assert "LICENSE-DATA.md" in links and "leaderboard/METRICS.md" in links
    missing = [t for t in links if not (out / t).exists()]
    assert missing == []
    assert "No public copy has been released yet" in readme
    for config in CONFIGS:
        a = _load(str(repo), config, tmp_path / "c1")
        b = _load(str(out), config, tmp_path / "c2")
        for split in config_splits(config):
            assert a[split].to_list() == b[split].to_list()
            assert a[split].features == b[split].features
    with pytest.raises(SchemaError, match="exists and is not empty"):
        export(repo, out)


def test_an_export_for_the_hub_cites_its_address(built_repo: Path, tmp_path: Path, root) -> None:
    from silkroad_news.build import render_export

    repo = tmp_path / "r"
    shutil.copytree(built_repo, repo)
    _with_card_files(repo, root)
    readme = render_export(repo, "org/silkroad-news")[Path("README.md")].decode("utf-8")
    assert "url    = {https://huggingface.co/datasets/org/silkroad-news}" in readme
    assert "The public copy of this version is https://huggingface.co/datasets/org/" in readme
    assert "No public copy" not in readme
    # the repository's own card is not touched by an export
    assert "No public copy" in (repo / "dataset_card.md").read_text(encoding="utf-8")


def test_the_committed_dataset_equals_a_fresh_build(root: Path) -> None:
    """Data files, README header and card in the repository are what the build gives now."""
    for path, data in render_build(root).items():
        assert path.read_bytes() == data, f"{path.relative_to(root)}: run `silkroad-news build`"


def test_the_committed_dataset_loads_offline_and_rebuilds_the_gold(
    root: Path, tmp_path: Path
) -> None:
    for config in CONFIGS:
        ds = _load(str(root), config, tmp_path / "cache")
        for split in config_splits(config):
            check_rows_offsets(list(ds[split]), config)
    docs = _load(str(root), "documents", tmp_path / "cache")
    gold, mentions = layers_from_documents(docs["full"])
    assert [annotation_to_json(a) for a in gold] == [
        annotation_to_json(a) for a in read_gold(root / GOLD_FILE)
    ]
    assert [mentions_to_json(m) for m in mentions] == [
        mentions_to_json(m) for m in read_mentions(root / MENTIONS_FILE)
    ]
    assert gold_from_documents(docs["full"]) == gold


# ---- all or nothing ----------------------------------------------------------------------------

#: Runs ``build`` on pre-rendered files in a child process and kills it (``os._exit``, so no
#: ``finally`` runs and nothing is cleaned up) right after its k-th step.
_KILLER = """
import os, pickle, sys
from pathlib import Path
from silkroad_news.build import build
root, files, k = Path(sys.argv[1]), pickle.loads(Path(sys.argv[2]).read_bytes()), int(sys.argv[3])
steps = []
def step(name):
    steps.append(name)
    if len(steps) == k:
        os._exit(9)
build(root, files, step=step)
print(len(steps))
"""


def _outputs(repo: Path, paths) -> dict[Path, bytes | None]:
    return {p: p.read_bytes() if p.is_file() else None for p in paths}


def _killed_build(repo: Path, files_pickle: Path, k: int) -> int:
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", _KILLER, str(repo), str(files_pickle), str(k)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.stderr == "", run.stderr
    return run.returncode if run.returncode else int(run.stdout)


def test_a_build_killed_at_any_step_leaves_the_old_dataset_or_the_new_one(
    built_repo: Path, tmp_path: Path, root: Path
) -> None:
    import pickle

    from silkroad_news.build import JOURNAL_FILE, dataset_problems, verify_dataset

    base = tmp_path / "base"
    shutil.copytree(built_repo, base)
    shutil.copy(root / "dataset_card.md", base / "dataset_card.md")
    build(base)  # the old dataset, card and figure included
    lines = (base / GOLD_FILE).read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace('"type": "GPE"', '"type": "LOC"', 1)  # a change of the gold
    (base / GOLD_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    new = render_build(base)
    old = _outputs(base, new)
    assert all(old[p] != new[p] for p in new if p.suffix == ".parquet" and "documents" in p.parts)
    files_pickle = tmp_path / "files.pickle"
    files_pickle.write_bytes(pickle.dumps({p.relative_to(base): b for p, b in new.items()}))

    def repo_copy(k: int) -> Path:
        repo = tmp_path / f"k{k}"
        shutil.copytree(base, repo)
        rel = pickle.loads(files_pickle.read_bytes())
        (tmp_path / f"k{k}.pickle").write_bytes(pickle.dumps({repo / p: b for p, b in rel.items()}))
        return repo

    steps = _killed_build(repo_copy(0), tmp_path / "k0.pickle", 0)  # k = 0: never killed
    assert steps == 2 * len(new) + 2  # staged each, committed, switched each, done
    commit = len(new) + 1
    for k in range(1, steps + 1):
        repo = repo_copy(k)
        assert _killed_build(repo, tmp_path / f"k{k}.pickle", k) == 9
        # a reader: finishes a committed switch, checks splits/SHA256SUMS, reads every file
        verify_dataset(repo)
        seen = _outputs(repo, [repo / p.relative_to(base) for p in new])
        expected_new = {repo / p.relative_to(base): b for p, b in new.items()}
        expected_old = {repo / p.relative_to(base): b for p, b in old.items()}
        assert seen == (expected_new if k >= commit else expected_old), f"killed after step {k}"
        assert not (repo / JOURNAL_FILE).exists()
        # the next build removes what the killed one staged and puts the new dataset in place
        build(repo)
        assert dataset_problems(repo) == [] and _outputs(repo, expected_new) == expected_new


def test_readers_verify_the_checksums(built_repo: Path, tmp_path: Path, cli_run) -> None:
    from silkroad_news.build import JOURNAL_FILE, dataset_problems, verify_dataset

    repo = tmp_path / "r"
    shutil.copytree(built_repo, repo)
    verify_dataset(repo)
    path = repo / data_path("ner", "test")
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(SchemaError, match=r"SHA256SUMS: line \d+: splits/ner/test.parquet differs"):
        verify_dataset(repo)
    code, _, err = cli_run("--root", repo, "build", "--check")
    assert code == 1 and "splits/ner/test.parquet differs from its checksum" in err
    sums = repo / DATA_DIR / "SHA256SUMS"
    sums.write_text(
        "".join(x + "\n" for x in sums.read_text().splitlines() if "claims/test" not in x)
    )
    assert any("splits/claims/test.parquet is not listed" in p for p in dataset_problems(repo))
    (repo / JOURNAL_FILE).write_text('{"renames": [["splits/.x.staged", "splits/x", "00"]]}\n')
    with pytest.raises(SchemaError, match=r"splits/.x.staged is gone and splits/x is not the file"):
        verify_dataset(repo)


def test_loading_prints_no_warning(built_repo: Path, tmp_path: Path, root: Path, caplog) -> None:
    """``datasets`` logs "Ignoring part of dataset_info … malformed" when a split entry lacks
    ``num_bytes``; neither the repository nor its export may make it say anything."""
    import logging
    import warnings

    from silkroad_news.build import export

    repo = tmp_path / "r"
    shutil.copytree(built_repo, repo)
    _with_card_files(repo, root)
    build(repo)
    out = tmp_path / "hub" / "silkroad-news"
    export(repo, out)
    header = (repo / "README.md").read_text(encoding="utf-8")
    assert "num_bytes:" in header and "dataset_size:" in header
    for folder in (repo, out, root):
        for config in CONFIGS:
            with caplog.at_level(logging.WARNING), warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                _load(str(folder), config, tmp_path / f"cache-{folder.name}")
            assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
            assert [str(w.message) for w in caught] == []
            caplog.clear()


def test_the_check_can_fail_without_num_bytes(built_repo: Path, tmp_path: Path, caplog) -> None:
    """The test above can fail: a header whose split entries lack num_bytes makes datasets warn."""
    import logging
    import re

    repo = tmp_path / "r"
    shutil.copytree(built_repo, repo)
    readme = repo / "README.md"
    header = readme.read_text(encoding="utf-8")
    assert "num_bytes: " in header
    readme.write_text(re.sub(r"num_bytes: \d+, ", "", header), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        _load(str(repo), "ner", tmp_path / "cache")
    assert any("dataset_info" in r.getMessage() for r in caplog.records)


# ---- pending articles --------------------------------------------------------------------------


def test_an_article_without_gold_is_pending_never_an_error(
    built_repo: Path, tmp_path: Path, cli_run
) -> None:
    repo = tmp_path / "r"
    shutil.copytree(built_repo, repo)
    source = tmp_path / "new.txt"
    source.write_text(
        "新疆口岸开行中欧班列\n发布时间:2024-09-01 来源:测试 作者:测试\n"
        "今年前8个月,霍尔果斯口岸开行中欧班列5000列。\n",
        encoding="utf-8",
    )
    code, _, err = cli_run("--root", repo, "corpus", "add", source, "--id", "new-article")
    assert code == 0, err
    code, out, err = cli_run("--root", repo, "annotations", "validate")
    assert code == 1 and "annotations/statistics.json is out of date" in err  # counts it
    assert "1 article(s) pending" in out
    assert "new-article: 3 passages, 0 with entity/claim gold, 0 with number mentions" in out
    assert cli_run("--root", repo, "annotations", "statistics")[0] == 0
    stats = json.loads((repo / "annotations/statistics.json").read_text(encoding="utf-8"))
    assert stats["pending_articles"] == {
        "new-article": {"passages": 3, "with_gold": 0, "with_mentions": 0}
    }
    assert cli_run("--root", repo, "splits", "assign")[0] == 0  # the pending article waits
    manifest = json.loads((repo / "splits/manifest.json").read_text(encoding="utf-8"))
    assert not any(p.startswith("new-article") for p in manifest["passages"])
    code, out, err = cli_run("--root", repo, "build")
    assert code == 0, err
    assert "build: article 'new-article' is pending (3 passages" in out
    before = {p: p.read_bytes() for p in (repo / DATA_DIR).rglob("*.parquet")}
    rows = _load(str(repo), "documents", tmp_path / "cache")["full"]
    assert [r["id"] for r in rows] == ["fixture-kashgar"]
    for path, data in before.items():  # the data are those of the annotated article alone
        assert data == (built_repo / path.relative_to(repo)).read_bytes(), path
