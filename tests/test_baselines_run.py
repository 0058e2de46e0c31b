"""``baselines run`` on the fixture repository: one command writes the results and the
leaderboard entries; a rerun reproduces every number but the timings; test figures are the
evaluation script's own; cross-validation uses the documents config's folds."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from silkroad_news.baselines.__main__ import main as baselines_main
from silkroad_news.baselines.crf import span_f1
from silkroad_news.baselines.features import FEATURE_ABLATIONS
from silkroad_news.baselines.linker import FEATURE_GROUPS
from silkroad_news.baselines.mentions import HELDOUT_NOTE
from silkroad_news.baselines.run import (
    BASELINES,
    CLAIMS_ENTRY,
    CRF_ENTRY,
    CV_FIGURES,
    LINKER_ABLATION_FIGURES,
    QUANTITY_FINDER_ENTRY,
    REGEX_ENTRY,
    RESULTS_JSON,
    RESULTS_MD,
    TIMINGS_HEADING,
    load_data,
    ner_data,
    render_files,
    run_baselines,
    split_gold,
    stable_part,
)
from silkroad_news.evaluate import evaluate_files, predictions_from_rows, score
from silkroad_news.evaluate.metrics import figures
from silkroad_news.leaderboard import (
    LEADERBOARD_DIR,
    SUBMISSIONS,
    build_leaderboard,
    find_submissions,
    read_metadata,
)
from silkroad_news.splits import N_FOLDS
from silkroad_news.tags import BIO


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, built_repo: Path) -> tuple[Path, Path]:
    """Two repositories, each after its own `baselines run` (the second from the command)."""
    source = built_repo
    first = tmp_path_factory.mktemp("run1") / "repo"
    second = tmp_path_factory.mktemp("run2") / "repo"
    shutil.copytree(source, first)
    shutil.copytree(source, second)
    # a predictions file of an earlier design in a project entry: the run removes it
    stale = first / LEADERBOARD_DIR / SUBMISSIONS / CLAIMS_ENTRY / "numbers.jsonl"
    stale.parent.mkdir(parents=True)
    stale.write_text('{"id": "x", "label": "count"}\n', encoding="utf-8")
    run_baselines(first)
    assert baselines_main(["--root", str(second), "baselines", "run"]) == 0
    return first, second


def _results(root: Path) -> dict:
    return json.loads((root / RESULTS_JSON).read_text(encoding="utf-8"))


def _entry(root: Path, name: str) -> Path:
    return root / LEADERBOARD_DIR / SUBMISSIONS / name


def test_a_rerun_reproduces_everything_but_the_timings(runs: tuple[Path, Path]) -> None:
    a, b = runs
    ra, rb = _results(a), _results(b)
    assert stable_part(ra) == stable_part(rb)
    assert json.dumps(stable_part(ra), sort_keys=True) == json.dumps(
        stable_part(rb), sort_keys=True
    )
    md_a = (a / RESULTS_MD).read_text(encoding="utf-8")
    md_b = (b / RESULTS_MD).read_text(encoding="utf-8")
    assert md_a.split(TIMINGS_HEADING)[0] == md_b.split(TIMINGS_HEADING)[0]
    assert set(ra["timings"]) >= {"crf", "claims", "cross_validation_seconds", "total_seconds"}
    for name in (CRF_ENTRY, CLAIMS_ENTRY, REGEX_ENTRY, QUANTITY_FINDER_ENTRY):
        files_a = {p.name: p.read_bytes() for p in _entry(a, name).iterdir()}
        files_b = {p.name: p.read_bytes() for p in _entry(b, name).iterdir()}
        assert files_a == files_b


def test_the_results_hold_test_scores_with_intervals_cv_and_the_search(runs) -> None:
    results = _results(runs[0])
    crf, claims = results["baselines"]["crf"], results["baselines"]["claims"]
    assert {b: block["tasks"] for b, block in results["baselines"].items()} == {
        b: list(tasks) for b, (_, tasks) in BASELINES.items()
    }
    for block in results["baselines"].values():
        for task in block["tasks"]:
            test = block["test"][task]
            assert test["split"] == "test" and test["gold"]["file"] == "test.parquet"
            assert test["protocol"] == "test"
            main = test["main_score"]
            assert main["low"] <= main["value"] <= main["high"]
            assert test["bootstrap"] == {
                "confidence": 0.95,
                "method": "percentile",
                "resamples": 1000,
                "seed": 0,
                "unit": "passage",
            }
            cv = block["cross_validation"][task]
            assert [f["fold"] for f in cv["folds"]] == list(range(N_FOLDS))
            pooled = cv["result"]
            assert pooled["protocol"] == "cv" and pooled["split"] is None
            assert pooled["gold"]["passages"] == results["dataset"]["passages_per_fold"][0] + sum(
                results["dataset"]["passages_per_fold"][1:]
            )
            mde = pooled["main_score"]["mde"]  # n/a (None) exactly when nothing varies
            assert (mde is None) == pooled["main_score"]["zero_width"] and (mde is None or mde > 0)
            assert set(cv["figures"]) == set(CV_FIGURES[task])
    assert len(crf["search"]["grid"]) == 9
    assert crf["search"]["chosen"] in [
        {k: p[k] for k in ("c1", "c2", "max_iterations")} for p in crf["search"]["grid"]
    ]
    # the ablation's first row retrains the baseline itself: it reproduces the CV and test F1
    ablation = crf["ablation"]
    assert [r["features"] for r in ablation[1:]] == [name for name, _ in FEATURE_ABLATIONS]
    assert ablation[0]["change"] == {}
    assert ablation[0]["cv_f1"] == crf["cross_validation"]["ner"]["result"]["main_score"]["value"]
    assert ablation[0]["test_f1"] == crf["test"]["ner"]["main_score"]["value"]
    # the linker ablation's first row is the cross-validation's own linker: it reproduces the
    # pooled CV figures the evaluation script gives the claims cv file
    linker_rows = claims["linker_ablation"]
    assert [r["group"] for r in linker_rows] == [None, *FEATURE_GROUPS]
    cv_claims = claims["cross_validation"]["claims"]["result"]["metrics"]
    for figure in LINKER_ABLATION_FIGURES:
        assert linker_rows[0][figure] == cv_claims[figure]["value"]
    assert claims["search"]["number_classifier"]["figure"] == "claim.f1"
    assert set(claims["search"]) == {"number_classifier", "metric_time_crf", "ner_crf", "linker"}
    linker = claims["search"]["linker"]
    for part in ("metric", "subject", "time"):
        stage = linker[part]["first_stage"]
        assert stage["chosen"]["C"] in [p["C"] for p in stage["grid"]]
        assert 0 <= linker[part]["gold_in_candidates"] <= linker[part]["gold"]


def test_cross_validation_folds_come_from_the_documents_config(runs) -> None:
    root = runs[0]
    data = load_data(root)
    results = _results(root)
    per_fold = results["dataset"]["passages_per_fold"]
    assert per_fold == [sum(f == k for f in data.folds.values()) for k in range(N_FOLDS)]
    cv = results["baselines"]["crf"]["cross_validation"]["ner"]
    assert [f["rows"] for f in cv["folds"]] == per_fold
    # the pooled figure's folds are the per-fold figures, computed by the scorer
    assert cv["result"]["folds"]["values"] == {str(f["fold"]): f["f1"] for f in cv["folds"]}
    # fold 0 is the test split and fold 1 the validation split
    assert per_fold[0] == len(data.rows["ner"]["test"])
    assert per_fold[1] == len(data.rows["ner"]["validation"])
    f1 = [f["f1"] for f in cv["folds"]]
    summary = cv["figures"]["f1"]
    assert summary["mean"] == pytest.approx(sum(f1) / len(f1))
    assert summary["folds_used"] == N_FOLDS


@pytest.mark.parametrize(
    ("block", "task"),
    [("crf", "ner"), ("claims", "claims"), ("regex", "numbers"), ("quantity_finder", "numbers")],
)
def test_test_and_cv_figures_equal_the_evaluation_scripts_on_the_written_files(
    runs, block: str, task: str
) -> None:
    root = runs[0]
    entry = _entry(root, BASELINES[block][0])
    recorded = _results(root)["baselines"][block]
    assert evaluate_files(task, entry / f"{task}.jsonl", root=root) == recorded["test"][task]
    cv = evaluate_files(task, entry / f"{task}.cv.jsonl", root=root, protocol="cv")
    assert cv == recorded["cross_validation"][task]["result"]


def test_cv_files_hold_every_passage_once_with_its_fold(runs) -> None:
    root = runs[0]
    data = load_data(root)
    for block, (entry, tasks) in BASELINES.items():
        for task in tasks:
            path = _entry(root, entry) / f"{task}.cv.jsonl"
            lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
            assert sorted(x["id"] for x in lines) == sorted(data.folds), (block, task)
            assert all(x["fold"] == data.folds[x["id"]] for x in lines)


def test_the_entries_are_valid_leaderboard_submissions(runs) -> None:
    root = runs[0]
    found = dict(find_submissions(root))
    assert set(found) == {CRF_ENTRY, CLAIMS_ENTRY, REGEX_ENTRY, QUANTITY_FINDER_ENTRY}
    kinds = {}
    for name in found:
        meta = read_metadata(found[name] / "metadata.json")
        assert meta.baseline
        kinds[name] = meta.model_type.value
    assert kinds == {
        CRF_ENTRY: "statistical",
        CLAIMS_ENTRY: "statistical",
        REGEX_ENTRY: "rule_based",
        QUANTITY_FINDER_ENTRY: "rule_based",
    }
    for entry, task in ((CRF_ENTRY, "ner"), (CLAIMS_ENTRY, "claims"), (REGEX_ENTRY, "numbers")):
        assert sorted(p.name for p in found[entry].iterdir()) == sorted(
            ["README.md", "metadata.json", f"{task}.cv.jsonl", f"{task}.jsonl"]
        )
    finder = read_metadata(found[QUANTITY_FINDER_ENTRY] / "metadata.json")
    assert "in-sample" in finder.description and HELDOUT_NOTE in finder.description
    assert "--set v17" in HELDOUT_NOTE  # the held-out set of the current recognizer
    assert "(in-sample)" in finder.name


def _last_column(name: str) -> dict[str, str]:
    """The measure rows of a held-out set's README, each with its last round's figure."""
    readme = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / name
    return {
        cells[0]: cells[-1]
        for line in readme.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ")
        and len(cells := [c.strip() for c in line.strip("|").split("|")]) >= 4
    }


def test_the_held_out_note_quotes_the_sets_readme() -> None:
    """The finder's out-of-sample figures are the last column of the measurement table in
    README-heldout17.md, written when the set was measured without looking at its misses."""
    rows = _last_column("README-heldout17.md")
    percent, count = rows["quantities without a unit"].split(" % ")  # "0.9 % (2 / 226)"
    inside = rows["quantities read inside a name or code"].split()[0]
    assert (
        f"{percent}% {count.replace(' / ', '/')} of quantities without a unit, {inside} "
        f"quantities inside a name, exact-span F1 {rows['exact-span F1, all categories']} (all) "
        f"and {rows['exact-span F1, quantities']} (quantities)"
    ) in HELDOUT_NOTE


def test_the_leaderboard_shows_the_baselines_with_their_recorded_results(runs, tmp_path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(runs[0], root)
    written = build_leaderboard(root)
    assert sorted(p.name for p in written) == [
        "METRICS.md",
        "README.md",
        "index.html",
        "results.json",
    ]
    board = json.loads((root / LEADERBOARD_DIR / "results.json").read_text(encoding="utf-8"))
    entries = {e["id"]: e for e in board["entries"]}
    assert set(entries) == {b[0] for b in BASELINES.values()}
    recorded = _results(root)["baselines"]
    for block, (entry, tasks) in BASELINES.items():
        assert entries[entry]["results"]["test"] == recorded[block]["test"]
        cv = {t: recorded[block]["cross_validation"][t]["result"] for t in tasks}
        assert entries[entry]["results"]["cv"] == cv
    assert all(e["metadata"]["baseline"] for e in entries.values())
    readme = (root / LEADERBOARD_DIR / "README.md").read_text(encoding="utf-8")
    ner_cv = readme.split("### Protocol cv:")[1].split("###")[0]
    crf_f1 = recorded["crf"]["cross_validation"]["ner"]["result"]["main_score"]
    assert "| 1 | Character CRF \\(baseline\\) | " in ner_cv
    assert f"{100 * crf_f1['value']:.2f} [{100 * crf_f1['low']:.2f}, " in ner_cv
    md = (root / RESULTS_MD).read_text(encoding="utf-8")
    assert md.index("## Cross-validation and test") < md.index("## Cross-validation per fold")
    assert "| crf | ner | f1 | " in md and "MDE under cv" in md
    linker = md.index("## Ablation: the claims linker's feature groups")
    assert md.index("## Ablation: the NER CRF") < linker < md.index("## Hyper-parameter search")
    assert "| all groups (the baseline) | " in md[linker:] and "| without shared | " in md[linker:]


def test_span_f1_used_for_conll_selection_equals_the_scorers_f1(runs) -> None:
    data = load_data(runs[0])
    from silkroad_news.baselines.crf import Hyperparameters, train

    rows = data.rows["ner"]["validation"]
    tagger = train(ner_data(data.rows["ner"]["train"]), hyper=Hyperparameters(0.0, 0.01, 100))
    predicted = tagger.predict([r["text"] for r in rows])
    gold = split_gold(data, "ner", "validation")
    lines = [{"id": r["id"], "tags": t} for r, t in zip(rows, predicted, strict=True)]
    counts = score(gold, predictions_from_rows(gold, lines))
    totals = {k: [v] for k, v in counts.totals().items()}
    scorer_f1 = float(figures("ner", totals)["f1"][0])
    assert span_f1([r["ner_tags"] for r in rows], predicted, BIO) == pytest.approx(scorer_f1)


def test_without_built_data_the_command_says_what_to_do(tmp_path: Path, capsys) -> None:
    code = baselines_main(["baselines", "run", "--root", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "splits/ner/train.parquet: file not found" in err and "silkroad-news build" in err
    assert not (tmp_path / "baselines").exists()


def test_no_leaderboard_writes_only_the_results(runs, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(runs[0], root, ignore=shutil.ignore_patterns("baselines", "leaderboard"))
    files, results = render_files(root, leaderboard=False)
    assert sorted(p.relative_to(root).as_posix() for p in files) == [
        "baselines/results.json",
        "baselines/results.md",
    ]
    assert stable_part(results) == stable_part(_results(runs[0]))


def test_the_preannotation_models_are_the_baselines_with_their_own_features() -> None:
    # Label Studio's model pre-annotations train the baselines on the committed train split:
    # the NER CRF with the default features, the METRIC/TIME CRF with PART_FEATURES, each with
    # the hyper-parameters `baselines run` chose for exactly those features.
    from silkroad_news.baselines.claims import PART_FEATURES
    from silkroad_news.baselines.features import FeatureConfig
    from silkroad_news.labelstudio.models import train_baselines

    root = Path(__file__).resolve().parents[1]
    trained = train_baselines(root)
    assert trained.ner.config == FeatureConfig() and trained.ner.config.heads
    assert trained.claims.parts.tagger.config == PART_FEATURES
    assert not PART_FEATURES.heads
    chosen = _results(root)["baselines"]["claims"]["search"]["metric_time_crf"]["chosen"]
    assert dataclasses.asdict(trained.claims.parts.tagger.hyperparameters) == chosen
