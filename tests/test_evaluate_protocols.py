"""The scorer's protocols (test, cv, full, --fold), on the committed dataset and on a small
repository made here, and the unseen-entity figures on a fixture where the split of seen and
unseen entities is known by construction."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from silkroad_news.evaluate import (
    SubmissionError,
    compare_files,
    evaluate_files,
    load_gold,
    passage_folds,
)
from silkroad_news.files import read_parquet
from silkroad_news.records import seen_surfaces, training_folds, unseen_entities
from silkroad_news.schema import SPLITS, data_path, ner_tag_names

TAGS = ner_tag_names()


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _ner_rows(root: Path) -> list[dict[str, Any]]:
    return [r for split in SPLITS for r in read_parquet(root / data_path("ner", split))]


def _gold_lines(root: Path, *, with_fold: bool = True) -> list[dict[str, Any]]:
    """The gold of every passage of the ner config as a cv submission (tags as names)."""
    folds = passage_folds(root)
    out = []
    for r in _ner_rows(root):
        line: dict[str, Any] = {"id": r["id"], "tags": [TAGS[t] for t in r["ner_tags"]]}
        if with_fold:
            line["fold"] = folds[r["id"]]
        out.append(line)
    return out


# ---- the committed dataset --------------------------------------------------------------------


def test_cv_gold_of_every_passage_scores_one_on_83_passages(root: Path, tmp_path: Path, cli_run):
    sub = _write_jsonl(tmp_path / "ner.cv.jsonl", _gold_lines(root))
    code, out, err = cli_run(
        "--root", root, "evaluate", "--task", "ner", "--protocol", "cv", "--predictions", sub
    )
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["protocol"] == "cv" and result["split"] is None
    assert result["gold"]["passages"] == result["gold"]["rows"] == 83
    assert result["gold"]["file"] == "splits/ner/{train,validation,test}.parquet"
    assert sorted(result["gold"]["files"]) == [
        f"splits/ner/{s}.parquet" for s in ("test", "train", "validation")
    ]
    assert result["metrics"]["f1"]["value"] == 1.0 and result["main_score"]["value"] == 1.0
    assert result["metrics"]["unseen.f1"]["value"] == 1.0
    assert result["counts"]["unseen.gold.GPE"] < result["counts"]["gold.GPE"]  # some are seen
    assert result["folds"]["values"] == {str(k): 1.0 for k in range(5)}
    assert result["main_score"]["zero_width"] is True


def test_a_wrong_fold_missing_or_extra_passage_is_refused(root: Path, tmp_path: Path, cli_run):
    base = ["--root", root, "evaluate", "--task", "ner", "--protocol", "cv", "--predictions"]

    def refused(lines: list[dict[str, Any]]) -> str:
        sub = _write_jsonl(tmp_path / "ner.cv.jsonl", lines)
        code, out, err = cli_run(*base, sub)
        assert code == 2 and out == "" and err.count("\n") == 1, err
        return err

    lines = _gold_lines(root)
    wrong = [dict(x) for x in lines]
    wrong[16]["fold"] = (wrong[16]["fold"] + 1) % 5
    err = refused(wrong)
    assert f"ner.cv.jsonl: line 17: id {lines[16]['id']!r}: field 'fold' is " in err
    assert f"but the passage is in fold {lines[16]['fold']}" in err
    err = refused(lines[:40] + lines[41:])
    assert f"1 gold id(s) have no line, the first is {lines[40]['id']!r}" in err
    assert "one line per passage of every fold" in err
    err = refused([*lines, {"id": "no-such-passage", "tags": [], "fold": 0}])
    assert "line 84: id 'no-such-passage': unknown id" in err
    err = refused([{k: v for k, v in x.items() if k != "fold"} for x in lines])
    assert "line 1: id " in err and "missing field 'fold' (protocol cv" in err
    err = refused([{**x, "fold": "0"} for x in lines])
    assert "field 'fold' must be a fold 0..4, got the string '0'" in err


def test_one_fold_alone_and_the_full_protocol(root: Path, tmp_path: Path) -> None:
    lines = _gold_lines(root)
    folds = passage_folds(root)
    sub = _write_jsonl(tmp_path / "all.jsonl", lines)
    only = _write_jsonl(tmp_path / "fold3.jsonl", [x for x in lines if x["fold"] == 3])
    a = evaluate_files("ner", sub, root=root, protocol="cv", fold=3, resamples=50)
    b = evaluate_files("ner", only, root=root, protocol="cv", fold=3, resamples=50)
    n3 = sum(1 for f in folds.values() if f == 3)
    assert a["gold"]["passages"] == b["gold"]["passages"] == n3 == 16
    assert a["fold"] == 3 and a["metrics"] == b["metrics"] and "folds" not in a
    # A passage of fold 3 without its line is missing, whatever the other folds hold.
    short = _write_jsonl(tmp_path / "short.jsonl", [x for x in lines if x["fold"] != 3][:-1])
    with pytest.raises(SubmissionError, match=r"have no line, .* one line per passage of fold 3"):
        evaluate_files("ner", short, root=root, protocol="cv", fold=3, resamples=50)

    full = _write_jsonl(tmp_path / "full.jsonl", _gold_lines(root, with_fold=False))
    result = evaluate_files("ner", full, root=root, protocol="full", resamples=50)
    assert result["protocol"] == "full" and result["gold"]["passages"] == 83
    # Under full nothing was seen in training: every entity is unseen.
    assert result["metrics"]["unseen.f1"] == result["metrics"]["f1"]
    assert result["counts"]["unseen.gold.GPE"] == result["counts"]["gold.GPE"]
    with pytest.raises(SubmissionError, match=r"line 1: id .*field 'fold' belongs to protocol cv"):
        evaluate_files("ner", sub, root=root, protocol="full", resamples=50)


def test_one_fold_validates_the_lines_of_the_other_folds(root: Path, tmp_path: Path, cli_run):
    """Under --fold 3 a line of another fold is not scored, but it is validated as fully as a
    scored one: a bad offset, an unknown field, a tag that breaks BIO or a wrong fold there is
    refused with its line, id and field (exit 2), as the whole file would be under cv."""
    lines = _gold_lines(root)
    base = ["--root", root, "evaluate", "--task", "ner", "--protocol", "cv", "--fold", "3"]
    k = next(i for i, x in enumerate(lines) if x["fold"] == 1)
    rid, n = lines[k]["id"], len(lines[k]["tags"])
    cases = [
        ({"entities": [{"start": 0, "end": n + 5, "type": "GPE"}]}, "entities[0]: span [0, "),
        ({"tags": lines[k]["tags"], "score": 1}, "unknown field 'score'"),
        ({"tags": ["I-GPE", *lines[k]["tags"][1:]]}, "tags[0]: 'I-GPE' starts the sequence"),
        ({"tags": lines[k]["tags"][:-1]}, f"field 'tags' has {n - 1} tags"),
        ({"tags": lines[k]["tags"], "fold": 2}, "field 'fold' is 2 but the passage is in fold 1"),
    ]
    for change, said in cases:
        bad = [dict(x) for x in lines]
        bad[k] = {"id": rid, "fold": 1, **change}
        sub = _write_jsonl(tmp_path / "cv.jsonl", bad)
        for opts in (["--validate-only"], []):
            code, out, err = cli_run(*base, *opts, "--predictions", sub)
            assert code == 2 and out == "" and err.count("\n") == 1, (change, err)
            assert f"cv.jsonl: line {k + 1}: id {rid!r}: " in err and said in err, err
    # The same file with that line right scores fold 3 alone.
    sub = _write_jsonl(tmp_path / "cv.jsonl", lines)
    code, out, err = cli_run(*base, "--predictions", sub)
    assert (code, err) == (0, "") and json.loads(out)["gold"]["passages"] == 16


def test_the_test_protocol_is_todays_behaviour(root: Path, tmp_path: Path) -> None:
    rows = read_parquet(root / data_path("ner", "test"))
    lines = [{"id": r["id"], "tags": [TAGS[t] for t in r["ner_tags"]]} for r in rows]
    sub = _write_jsonl(tmp_path / "ner.jsonl", lines)
    result = evaluate_files("ner", sub, root=root, resamples=50)
    assert (result["protocol"], result["split"], result["gold"]["passages"]) == ("test", "test", 16)
    assert result["gold"]["file"] == "test.parquet" and "files" not in result["gold"]
    assert result["metrics"]["unseen.recall"]["value"] == 1.0


def test_options_that_mean_nothing_under_a_protocol_are_refused(root: Path, tmp_path, cli_run):
    sub = _write_jsonl(tmp_path / "x.jsonl", [{"id": "x", "entities": []}])
    base = ["--root", root, "evaluate", "--task", "ner", "--predictions", sub]
    for extra, message in (
        (["--fold", "2"], "--fold goes with protocol cv; protocol test has no folds"),
        (["--protocol", "full", "--fold", "1"], "--fold goes with protocol cv"),
        (["--protocol", "cv", "--split", "validation"], "--split validation goes with protocol"),
    ):
        code, _, err = cli_run(*base, *extra)
        assert code == 2 and message in err, err


def test_compare_works_per_protocol_and_prints_full_paths(root: Path, tmp_path: Path) -> None:
    lines = _gold_lines(root)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = _write_jsonl(tmp_path / "a" / "ner.jsonl", lines)
    nothing = [{"id": x["id"], "entities": [], "fold": x["fold"]} for x in lines]
    b = _write_jsonl(tmp_path / "b" / "ner.jsonl", nothing)
    result = compare_files("ner", a, b, root=root, protocol="cv", resamples=100)
    assert result["protocol"] == "cv" and result["gold"]["passages"] == 83
    assert result["a"]["file"] == str(a.resolve()) and result["b"]["file"] == str(b.resolve())
    assert result["difference"]["value"] == 1.0 and result["p_value"] < 0.05
    from silkroad_news.evaluate.report import render_comparison_markdown

    text = render_comparison_markdown(result)
    assert text.startswith("# SilkRoad-News comparison: ner, protocol cv, every fold\n")
    assert f"| A `{a.resolve()}` |" in text and f"| B `{b.resolve()}` |" in text


# ---- folds from the rows or from the documents config -----------------------------------------


def test_folds_come_from_the_rows_when_they_carry_them(root: Path, tmp_path: Path) -> None:
    """Dataset 2.0 rows carry ``fold``; a gold file with them needs no documents config."""
    folds = passage_folds(root)
    rows = [{**r, "fold": folds[r["id"]]} for r in _ner_rows(root)]
    for r in rows:
        r["ner_tags"] = [TAGS[t] for t in r["ner_tags"]]
    gold_file = _write_jsonl(tmp_path / "ner.all.jsonl", rows)
    sub = _write_jsonl(tmp_path / "ner.cv.jsonl", _gold_lines(root))
    elsewhere = tmp_path / "not-a-repository"
    elsewhere.mkdir()
    result = evaluate_files("ner", sub, root=elsewhere, gold=gold_file, protocol="cv", resamples=50)
    assert result["gold"]["passages"] == 83 and result["metrics"]["f1"]["value"] == 1.0
    table = load_gold("ner", protocol="cv", root=elsewhere, gold=gold_file)
    assert dict(zip(table.ids, table.row_folds().tolist(), strict=True)) == folds
    # Without a fold in the rows and without the documents config, cv cannot know the folds.
    plain = _write_jsonl(
        tmp_path / "plain.jsonl", [{k: v for k, v in r.items() if k != "fold"} for r in rows]
    )
    with pytest.raises(
        SubmissionError,
        match=r"documents/full\.parquet: file not found; the gold rows carry no fold",
    ):
        load_gold("ner", protocol="cv", root=elsewhere, gold=plain)


# ---- seen and unseen entities -----------------------------------------------------------------


def _row(rid: str, text: str, entities: list[tuple[str, str]], fold: int) -> dict[str, Any]:
    tags = ["O"] * len(text)
    for surface, label in entities:
        i = text.index(surface)
        tags[i : i + len(surface)] = [f"B-{label}"] + [f"I-{label}"] * (len(surface) - 1)
    return {
        "id": rid,
        "doc_id": "d",
        "text": text,
        "tokens": list(text),
        "ner_tags": tags,
        "fold": fold,
    }


def _small_repo(tmp_path: Path) -> Path:
    """A repository with the ner config only, in JSON Lines, rows with their folds.

    train (folds 2, 3): 喀什, 霍尔果斯口岸 / 伊宁; validation (fold 1): 阿拉山口;
    test (fold 0): 喀什 (seen), 阿拉山口 (seen under test, from validation), 伊犁 (unseen).
    """
    root = tmp_path / "repo"
    split_rows = {
        "train": [
            _row("t1", "喀什和霍尔果斯口岸。", [("喀什", "GPE"), ("霍尔果斯口岸", "FAC")], 2),
            _row("t2", "伊宁的集市。", [("伊宁", "GPE")], 3),
        ],
        "validation": [_row("v1", "阿拉山口开通。", [("阿拉山口", "FAC")], 1)],
        "test": [
            _row(
                "s1",
                "喀什、阿拉山口和伊犁。",
                [("喀什", "GPE"), ("阿拉山口", "FAC"), ("伊犁", "GPE")],
                0,
            )
        ],
    }
    lines = []
    for split, rows in split_rows.items():
        path = root / data_path("ner", split).with_suffix(".jsonl")
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_jsonl(path, rows)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    (root / "splits" / "SHA256SUMS").write_text("".join(sorted(lines)), "utf-8")
    return root


def _ents(text: str, *surfaces: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"start": text.index(s), "end": text.index(s) + len(s), "type": t} for s, t in surfaces]


def test_unseen_figures_on_a_fixture_split_by_construction(tmp_path: Path) -> None:
    root = _small_repo(tmp_path)
    text = "喀什、阿拉山口和伊犁。"
    # Found: 喀什 (seen, right), 伊犁 (unseen, right), 和 as an ORG (unseen, spurious);
    # missed: 阿拉山口 (seen).
    line = {"id": "s1", "entities": _ents(text, ("喀什", "GPE"), ("和", "ORG"), ("伊犁", "GPE"))}
    sub = _write_jsonl(tmp_path / "ner.jsonl", [line])
    result = evaluate_files("ner", sub, root=root, resamples=20)
    m, c = result["metrics"], result["counts"]
    assert (c["unseen.gold.GPE"], c["unseen.gold.FAC"], c["unseen.pred.ORG"]) == (1, 0, 1)
    assert (m["unseen.precision"]["value"], m["unseen.recall"]["value"]) == (0.5, 1.0)
    assert m["unseen.type.GPE.f1"]["value"] == 1.0 and m["unseen.type.ORG.precision"]["value"] == 0
    assert (m["precision"]["value"], m["recall"]["value"]) == (2 / 3, 2 / 3)

    # cv: fold 0 sees folds 1-4 (as test does); the validation passage (fold 1) sees the
    # others, where 阿拉山口 occurs too (in fold 0): seen. 伊宁 (fold 3) occurs nowhere else.
    lines = [
        {"id": "t1", "entities": [], "fold": 2},
        {"id": "t2", "entities": _ents("伊宁的集市。", ("伊宁", "GPE")), "fold": 3},
        {"id": "v1", "entities": [], "fold": 1},
        {**line, "fold": 0},
    ]
    cv = evaluate_files(
        "ner", _write_jsonl(tmp_path / "cv.jsonl", lines), root=root, protocol="cv", resamples=20
    )
    c = cv["counts"]
    # unseen gold: 伊犁 (fold 0), 伊宁 (3), 霍尔果斯口岸 (2); 喀什 and 阿拉山口 occur twice: seen
    assert sum(c[f"unseen.gold.{t}"] for t in ("GPE", "FAC", "ORG")) == 3
    assert (c["unseen.tp.GPE"], c["unseen.gold.FAC"]) == (2, 1)
    assert cv["metrics"]["unseen.recall"]["value"] == 2 / 3


def test_surface_logic_is_pure_and_shared() -> None:
    assert sorted(training_folds("test", 0)) == [1, 2, 3, 4]
    assert sorted(training_folds("test", 1)) == [2, 3, 4]
    assert sorted(training_folds("cv", 4)) == [0, 1, 2, 3]
    by_fold = {0: {"喀什"}, 1: {"阿拉山口"}, 2: {"伊宁"}}
    assert seen_surfaces(by_fold, "cv", 0) == {"阿拉山口", "伊宁"}
    assert seen_surfaces(by_fold, "full", 0) == frozenset()
    flags = unseen_entities([(0, "喀什"), (0, "伊犁"), (1, "喀什"), (2, "伊宁")], "cv")
    assert flags == [False, True, False, True]
    assert unseen_entities([(0, "喀什"), (1, "喀什")], "test") == [False, True]


def test_a_half_built_dataset_is_never_scored(root: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(root / "splits", repo / "splits")
    path = repo / data_path("ner", "validation")
    path.write_bytes(path.read_bytes() + b"\0")
    sub = _write_jsonl(tmp_path / "ner.cv.jsonl", _gold_lines(root))
    with pytest.raises(SubmissionError, match=r"validation\.parquet: SHA-256 .* differs from"):
        evaluate_files("ner", sub, root=repo, protocol="cv", resamples=20)
