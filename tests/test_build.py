"""Tests of silkroad_news.build and silkroad_news.splits on a small repository built_repo from a
fixture article with hand-made gold: load_dataset offline on the built_repo files, features,
offsets, an exact rebuild of the gold, determinism, and refusals that write nothing."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from silkroad_news.annotations import GOLD_FILE, annotation_to_json, read_gold
from silkroad_news.build import (
    CONFIGS,
    DATA_DIR,
    build,
    check_rows_offsets,
    config_splits,
    data_path,
    gold_from_documents,
    render_build,
)
from silkroad_news.schema import (
    SchemaError,
    ner_tag_names,
    number_labels,
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
    assert numbers["train"].features["label"].names == number_labels()
    claims = _load(str(built_repo), "claims", tmp_path / "cache")
    value = claims["train"].features["claims"].feature["value"]
    assert set(value) == {"text", "start", "end"}


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


def test_numbers_config_labels_claims_by_kind_and_other_numbers_as_not_claim(
    built_repo: Path, tmp_path: Path
) -> None:
    ds = _load(str(built_repo), "numbers", tmp_path / "cache")
    names = ds["train"].features["label"].names
    rows = [r for s in ds for r in ds[s]]
    by_text = {(r["passage_id"], r["mention"]["text"]): names[r["label"]] for r in rows}
    assert by_text[("fixture-kashgar-p03", "564.32亿元")] == "amount"
    assert by_text[("fixture-kashgar-p03", "67.2%")] == "change_rate"
    assert by_text[("fixture-kashgar-p12", "15个")] == "count"
    assert by_text[("fixture-kashgar-p13", "2月14日")] == "not_claim"


def test_the_gold_is_rebuilt_exactly_from_the_documents_config(
    built_repo: Path, tmp_path: Path
) -> None:
    ds = _load(str(built_repo), "documents", tmp_path / "cache")
    rebuilt = gold_from_documents(ds["full"])
    original = read_gold(built_repo / GOLD_FILE)
    assert [annotation_to_json(a) for a in rebuilt] == [annotation_to_json(a) for a in original]


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
        row = {"id": "d-p01", "doc_id": "d", "text": "喀什", "claims": []}
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


def test_the_exported_folder_loads_the_same_way(
    built_repo: Path, tmp_path: Path, root: Path
) -> None:
    from silkroad_news.build import export

    repo = tmp_path / "silkroad-export-src"
    shutil.copytree(built_repo, repo)
    shutil.copy(root / "dataset_card.md", repo / "dataset_card.md")
    build(repo)
    out = tmp_path / "hub" / "silkroad-news"
    export(repo, out)
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("---\n# Hugging Face metadata")
    assert "\n---\n# SilkRoad-News\n" in readme and "# fixture" not in readme
    for config in CONFIGS:
        a = _load(str(repo), config, tmp_path / "c1")
        b = _load(str(out), config, tmp_path / "c2")
        for split in config_splits(config):
            assert a[split].to_list() == b[split].to_list()
            assert a[split].features == b[split].features
    with pytest.raises(SchemaError, match="exists and is not empty"):
        export(repo, out)


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
    rebuilt = gold_from_documents(docs["full"])
    assert [annotation_to_json(a) for a in rebuilt] == [
        annotation_to_json(a) for a in read_gold(root / GOLD_FILE)
    ]
