"""Tests of silkroad_news.build and silkroad_news.splits on a small repository built from a
fixture article with hand-made gold: load_dataset offline on the built files, features,
offsets, an exact rebuild of the gold, determinism, and refusals that write nothing."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from silkroad_news.annotations import GOLD_FILE, annotation_to_json, read_gold, write_gold
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
from silkroad_news.corpus import build_corpus, load_documents
from silkroad_news.files import dumps_json
from silkroad_news.schema import (
    Approx,
    Claim,
    ClaimKind,
    Direction,
    Entity,
    EntityType,
    Modality,
    PassageAnnotation,
    SchemaError,
    Span,
    Unit,
    ner_tag_names,
    number_labels,
)
from silkroad_news.splits import (
    MANIFEST_FILE,
    SPLITS,
    Assignment,
    assign,
    read_manifest,
    render_manifest,
)

FIXTURE = Path(__file__).parent / "fixtures" / "build" / "article.txt"

# Hand-made gold for the fixture: entities as (surface, type), claims as (value surface,
# number, unit, unit_text, kind, approx, direction, modality, metric, subject, time).
ENTITIES = {
    1: [("喀什", "GPE"), ("𠮷祥口岸", "FAC")],
    2: [("天山网", "ORG")],
    3: [("喀什地区", "GPE")],
    4: [("喀什片区", "FAC")],
    5: [("霍尔果斯口岸", "FAC"), ("中欧班列", "PRODUCT")],
    6: [("𠮷祥口岸", "FAC")],
    7: [("阿拉山口出入境边防检查站", "ORG"), ("中欧班列", "PRODUCT")],
    8: [("伊犁州", "GPE")],
    9: [("温宿县", "GPE"), ("金华市", "GPE")],
    10: [("库尔勒—鄯善原油管道", "FAC")],
    11: [("新疆", "GPE")],
    12: [("李轩", "PERSON"), ("新疆", "GPE")],
    13: [("吉木乃边民互市贸易区", "FAC"), ("张涛", "PERSON")],
    14: [("中欧班列", "PRODUCT")],
}
C = ClaimKind
CLAIMS = {
    3: [
        (
            "564.32亿元",
            56432000000.0,
            "CNY",
            "亿元",
            C.AMOUNT,
            "exact",
            "none",
            "actual",
            "进出口总值",
            "喀什地区",
            "上半年",
        ),
        (
            "67.2%",
            67.2,
            "%",
            "%",
            C.CHANGE_RATE,
            "exact",
            "up",
            "actual",
            "进出口总值",
            "喀什地区",
            "上半年",
        ),
    ],
    4: [
        (
            "2000多家",
            2000.0,
            "count",
            "家",
            C.COUNT,
            "at_least",
            "none",
            "actual",
            "企业",
            "喀什片区",
            "截至目前",
        )
    ],
    5: [
        (
            "822列",
            822.0,
            "count",
            "列",
            C.COUNT,
            "exact",
            "none",
            "actual",
            "中欧班列",
            "霍尔果斯口岸",
            None,
        ),
        (
            "115.6万吨",
            1156000.0,
            "t",
            "万吨",
            C.AMOUNT,
            "exact",
            "none",
            "actual",
            "过货量",
            "霍尔果斯口岸",
            None,
        ),
    ],
    6: [
        (
            "21万袋",
            210000.0,
            "count",
            "袋",
            C.COUNT,
            "exact",
            "none",
            "forecast",
            "邮件",
            "𠮷祥口岸",
            None,
        )
    ],
    7: [
        (
            "超1600列次",
            1600.0,
            "count",
            "列次",
            C.COUNT,
            "at_least",
            "none",
            "actual",
            "中欧班列",
            None,
            None,
        )
    ],
    8: [
        ("51个", 51.0, "count", "个", C.COUNT, "exact", "none", "actual", "项目", "伊犁州", None),
        (
            "318亿元",
            31800000000.0,
            "CNY",
            "亿元",
            C.AMOUNT,
            "exact",
            "none",
            "actual",
            "签约总金额",
            "伊犁州",
            None,
        ),
    ],
    9: [
        ("6个", 6.0, "count", "个", C.COUNT, "exact", "none", "actual", "项目", "温宿县", None),
        (
            "32.3亿元",
            3230000000.0,
            "CNY",
            "亿元",
            C.AMOUNT,
            "exact",
            "none",
            "actual",
            "金额",
            "温宿县",
            None,
        ),
    ],
    10: [
        (
            "474.6公里",
            474.6,
            "km",
            "公里",
            C.MEASURE,
            "exact",
            "none",
            "actual",
            "全长",
            "库尔勒—鄯善原油管道",
            None,
        )
    ],
    11: [
        ("4个", 4.0, "count", "个", C.COUNT, "exact", "none", "actual", "综合保税区", "新疆", None),
        (
            "101.8%",
            101.8,
            "%",
            "%",
            C.CHANGE_RATE,
            "exact",
            "up",
            "actual",
            "外贸进出口值",
            "新疆4个综合保税区",
            None,
        ),
    ],
    12: [
        (
            "15个",
            15.0,
            "count",
            "个",
            C.COUNT,
            "exact",
            "none",
            "actual",
            "一类陆路口岸",
            "新疆",
            None,
        )
    ],
    14: [
        (
            "超1600列次",
            1600.0,
            "count",
            "列次",
            C.COUNT,
            "at_least",
            "none",
            "actual",
            "中欧班列",
            None,
            "首月",
        )
    ],
}


def _find(text: str, surface: str, after: int = 0) -> Span:
    start = text.index(surface, after)
    return Span(start, start + len(surface), surface)


def _gold_for(docs) -> list[PassageAnnotation]:
    out = []
    for d in docs:
        for n, p in enumerate(d.passages, 1):
            text = d.text[p.start : p.end]
            ents, cursor = [], 0
            for k, (surface, typ) in enumerate(ENTITIES.get(n, [])):
                s = _find(text, surface, cursor)
                cursor = s.end
                ents.append(Entity(f"e{k}", EntityType(typ), s.start, s.end, s.text))
            claims = []
            for k, c in enumerate(CLAIMS.get(n, [])):
                value = _find(text, c[0])
                claims.append(
                    Claim(
                        id=f"c{k}",
                        value=value,
                        number=c[1],
                        unit=Unit(c[2]),
                        unit_text=c[3],
                        kind=c[4],
                        approx=Approx(c[5]),
                        direction=Direction(c[6]),
                        modality=Modality(c[7]),
                        metric=_find(text, c[8]) if c[8] else None,
                        subject=_find(text, c[9]) if c[9] else None,
                        time=_find(text, c[10]) if c[10] else None,
                    )
                )
            out.append(PassageAnnotation(p.id, d.id, text, tuple(ents), tuple(claims)))
    return out


def make_repo(dst: Path) -> Path:
    """A repository with one fixture article, its gold and its splits (no build yet)."""
    raw = dst / "corpus" / "raw"
    raw.mkdir(parents=True)
    data = FIXTURE.read_bytes()
    (raw / "article.txt").write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    (raw / "SHA256SUMS").write_text(f"{digest}  article.txt\n", encoding="utf-8")
    article = {
        "id": "fixture-kashgar",
        "source_file": "article.txt",
        "sha256": digest,
        "title": "喀什外贸创新高 𠮷祥口岸开通",
        "publisher": "天山网",
        "authors": ["测试"],
        "date": "2024-08-08",
        "date_inferred": False,
        "date_evidence": "stated",
        "script": "Hans",
        "url": None,
        "known_damage": [],
    }
    (dst / "corpus" / "articles.json").write_text(
        dumps_json({"articles": [article]}), encoding="utf-8"
    )
    (dst / "corpus" / "repairs.json").write_text(
        dumps_json({"repairs": [], "passage_splits": []}), encoding="utf-8"
    )
    build_corpus(dst)
    docs = load_documents(dst)
    gold = _gold_for(docs)
    write_gold(dst / GOLD_FILE, gold)
    assignment, seed = assign(docs, {a.passage_id: a for a in gold})
    (dst / MANIFEST_FILE).parent.mkdir(parents=True, exist_ok=True)
    (dst / MANIFEST_FILE).write_text(render_manifest(assignment, seed), encoding="utf-8")
    (dst / "README.md").write_text("# fixture\n\nbody text\n", encoding="utf-8")
    return dst


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("built") / "silkroad-fixture")
    build(repo)
    return repo


def _load(path: str, config: str, cache: Path):
    from datasets import load_dataset

    return load_dataset(path, config, cache_dir=str(cache))


# ---- splits ------------------------------------------------------------------------------


def test_splits_cover_every_passage_with_agreeing_fold_and_split(built: Path) -> None:
    manifest = read_manifest(built)
    docs = load_documents(built)
    assert set(manifest) == {p.id for d in docs for p in d.passages}
    assert {a.split for a in manifest.values()} == set(SPLITS)


def test_a_headline_repeating_a_figure_shares_the_split_of_its_paragraph(built: Path) -> None:
    m = read_manifest(built)
    # p07 and p14 both state 超1600列次 of 中欧班列; the headline must not leak into another split
    assert m["fixture-kashgar-p07"].fold == m["fixture-kashgar-p14"].fold


def test_assignment_is_deterministic_and_keeps_existing_passages(built: Path) -> None:
    docs = load_documents(built)
    gold = {a.passage_id: a for a in read_gold(built / GOLD_FILE)}
    first, seed1 = assign(docs, gold)
    second, seed2 = assign(docs, gold)
    assert (first, seed1) == (second, seed2)
    # passages added later (here: five taken out of the old manifest) get a split; the old
    # ones keep theirs, even under another seed; a new near-duplicate joins its group's fold
    added = ["fixture-kashgar-p02", "fixture-kashgar-p05", "fixture-kashgar-p09",
             "fixture-kashgar-p12", "fixture-kashgar-p14"]  # fmt: skip
    old = {p: a for p, a in first.items() if p not in added}
    grown, _ = assign(docs, gold, existing=old, seed=seed1 + 7)
    assert set(grown) == set(first)
    assert all(grown[p] == a for p, a in old.items())
    assert grown["fixture-kashgar-p14"] == grown["fixture-kashgar-p07"]


def test_a_group_split_over_two_old_folds_is_refused(built: Path) -> None:
    docs = load_documents(built)
    gold = {a.passage_id: a for a in read_gold(built / GOLD_FILE)}
    first, _ = assign(docs, gold)
    p07, p14 = first["fixture-kashgar-p07"], first["fixture-kashgar-p14"]
    other = next(a for a in set(first.values()) if a.fold != p07.fold)
    broken = {**first, "fixture-kashgar-p14": other}
    assert p07 == p14
    with pytest.raises(SchemaError, match=r"p07, fixture-kashgar-p14 are now near-duplicates"):
        assign(docs, gold, existing=broken)


def test_a_tampered_manifest_is_refused(built: Path, tmp_path: Path) -> None:
    repo = tmp_path / "r"
    shutil.copytree(built, repo)
    path = repo / MANIFEST_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["splits"]["test"].append("fixture-kashgar-p99")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SchemaError, match="field 'splits' disagrees with field 'passages'"):
        read_manifest(repo)


# ---- built files -------------------------------------------------------------------------


def test_every_config_and_split_loads_offline_with_its_features(
    built: Path, tmp_path: Path
) -> None:
    assert os.environ.get("HF_DATASETS_OFFLINE") == "1"
    for config in CONFIGS:
        ds = _load(str(built), config, tmp_path / "cache")
        assert set(ds) == set(config_splits(config))
        for split in config_splits(config):
            rows = list(ds[split])
            check_rows_offsets(rows, config)
    ner = _load(str(built), "ner", tmp_path / "cache")
    assert ner["train"].features["ner_tags"].feature.names == ner_tag_names()
    numbers = _load(str(built), "numbers", tmp_path / "cache")
    assert numbers["train"].features["label"].names == number_labels()
    claims = _load(str(built), "claims", tmp_path / "cache")
    value = claims["train"].features["claims"].feature["value"]
    assert set(value) == {"text", "start", "end"}


def test_a_relative_path_form_loads_too(built: Path, tmp_path: Path, monkeypatch) -> None:
    """datasets 5.2 refuses '.' and './' but takes '../<name>'; the README shows that form."""
    monkeypatch.chdir(built)
    ds = _load(f"../{built.name}", "ner", tmp_path / "cache")
    assert sum(len(ds[s]) for s in ds) == 14


def test_ner_tags_are_the_entities_in_bio(built: Path, tmp_path: Path) -> None:
    ds = _load(str(built), "ner", tmp_path / "cache")
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
    built: Path, tmp_path: Path
) -> None:
    ds = _load(str(built), "numbers", tmp_path / "cache")
    names = ds["train"].features["label"].names
    rows = [r for s in ds for r in ds[s]]
    by_text = {(r["passage_id"], r["mention"]["text"]): names[r["label"]] for r in rows}
    assert by_text[("fixture-kashgar-p03", "564.32亿元")] == "amount"
    assert by_text[("fixture-kashgar-p03", "67.2%")] == "change_rate"
    assert by_text[("fixture-kashgar-p12", "15个")] == "count"
    assert by_text[("fixture-kashgar-p13", "2月14日")] == "not_claim"


def test_the_gold_is_rebuilt_exactly_from_the_documents_config(built: Path, tmp_path: Path) -> None:
    ds = _load(str(built), "documents", tmp_path / "cache")
    rebuilt = gold_from_documents(ds["full"])
    original = read_gold(built / GOLD_FILE)
    assert [annotation_to_json(a) for a in rebuilt] == [annotation_to_json(a) for a in original]


def test_build_twice_gives_identical_files_and_manifest(built: Path, tmp_path: Path) -> None:
    repo = tmp_path / "r"
    shutil.copytree(built, repo)
    first = build(repo)
    second = build(repo)
    assert first == second
    sums = (repo / DATA_DIR / "SHA256SUMS").read_text(encoding="utf-8")
    assert sums == (built / DATA_DIR / "SHA256SUMS").read_text(encoding="utf-8")
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


def test_readme_keeps_its_body_under_the_generated_header(built: Path) -> None:
    readme = (built / "README.md").read_text(encoding="utf-8")
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
    built: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "r"
    shutil.copytree(built, repo)
    lines = (repo / GOLD_FILE).read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[2])
    rec["entities"][0]["end"] = len(rec["text"]) + 3
    lines[2] = json.dumps(rec, ensure_ascii=False)
    (repo / GOLD_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _snapshot(repo)
    with pytest.raises(SchemaError, match=r"gold.jsonl: line 3: passage 'fixture-kashgar-p03'"):
        build(repo)
    assert _snapshot(repo) == before


def test_a_passage_missing_from_the_manifest_stops_the_build(built: Path, tmp_path: Path) -> None:
    repo = tmp_path / "r"
    shutil.copytree(built, repo)
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


def test_the_dataset_card_blocks_are_generated_from_the_data(tmp_path: Path, root: Path) -> None:
    repo = make_repo(tmp_path / "silkroad-card")
    shutil.copy(root / "dataset_card.md", repo / "dataset_card.md")
    files = build(repo)
    card = (repo / "dataset_card.md").read_text(encoding="utf-8")
    assert "| `ner` | train: " in card
    assert "| PRODUCT |" in card and "| count |" in card
    assert "| `fixture-kashgar` | Hans |" in card
    assert "No agreement study has been recorded yet." in card
    assert (repo / "dataset_card_labels.svg").read_text(encoding="utf-8").startswith("<svg")
    # prose outside the blocks is kept byte for byte, and a rebuild changes nothing
    assert card.startswith((root / "dataset_card.md").read_text(encoding="utf-8").split("<!--")[0])
    assert build(repo) == files


def test_a_card_with_a_broken_marker_is_refused(tmp_path: Path, root: Path) -> None:
    repo = make_repo(tmp_path / "silkroad-card")
    text = (root / "dataset_card.md").read_text(encoding="utf-8")
    (repo / "dataset_card.md").write_text(
        text.replace("<!-- END generated:statistics -->", ""), encoding="utf-8"
    )
    with pytest.raises(SchemaError, match=r"generated blocks missing \['statistics'\]"):
        render_build(repo)


def test_the_exported_folder_loads_the_same_way(built: Path, tmp_path: Path, root: Path) -> None:
    from silkroad_news.build import export

    repo = tmp_path / "silkroad-export-src"
    shutil.copytree(built, repo)
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
