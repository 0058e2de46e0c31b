"""The leaderboard: strict metadata, scoring every submission, byte-stable pages."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from silkroad_news.evaluate import SubmissionError, metric_card
from silkroad_news.evaluate.formats import LEADERBOARD_DIR, ModelType
from silkroad_news.leaderboard import (
    build_leaderboard,
    leaderboard_files,
    stale_files,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUBMISSIONS = FIXTURES / "leaderboard" / "submissions"
INVALID_METADATA = FIXTURES / "leaderboard" / "invalid_metadata"
GOLD_DIR = FIXTURES / "evaluate" / "gold"  # flat <task>.jsonl, as --gold-dir expects


@pytest.fixture
def board(tmp_path: Path) -> Path:
    """A repository root whose leaderboard holds the fixture submissions."""
    shutil.copytree(SUBMISSIONS, tmp_path / "leaderboard" / "submissions")
    return tmp_path


def _files(root: Path) -> dict[str, bytes]:
    folder = root / LEADERBOARD_DIR
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_regeneration_is_byte_identical(board: Path, tmp_path: Path) -> None:
    written = build_leaderboard(board, gold_dir=GOLD_DIR)
    assert [p.name for p in written] == ["METRICS.md", "README.md", "index.html", "results.json"]
    first = _files(board)
    build_leaderboard(board, gold_dir=GOLD_DIR)
    assert _files(board) == first
    # ... and in another folder, from a fresh copy.
    other = tmp_path / "other"
    shutil.copytree(SUBMISSIONS, other / "leaderboard" / "submissions")
    build_leaderboard(other, gold_dir=GOLD_DIR)
    assert _files(other) == first
    assert not list((board / LEADERBOARD_DIR).glob(".*.tmp"))  # no staging files left


def test_readme_ranks_and_intervals(board: Path) -> None:
    build_leaderboard(board, gold_dir=GOLD_DIR)
    readme = (board / "leaderboard" / "README.md").read_text("utf-8")
    ner = readme.split("## Named entities (ner)")[1].split("## ")[0]
    rows = [line for line in ner.splitlines() if re.match(r"\| \d", line)]
    # The oracle ranks first; 'places only' (P 100, R 3/7: F1 60) beats the CRF (F1 4/7).
    assert rows[0].startswith("| 1 | Gold \\| copy \\<upper bound\\> | Annotators | human |")
    assert "| 100.00 [100.00, 100.00] |" in rows[0]
    assert rows[1].startswith("| 2 | Places only | C. Coder | rule_based | 2025-03-10 | 60.00 [")
    assert rows[2].startswith(
        "| 3 | [CRF baseline (baseline)](https://example.org/silkroad-news/baselines) |"
    )
    assert "| 57.14 [28.57, 87.50] |" in rows[2]
    # 'places only' predicted no claims: it is absent there, not ranked with a zero.
    claims = readme.split("## Numeric claims (claims)")[1].split("## ")[0]
    assert "Places only" not in claims
    assert "| `model_type` | yes | one of: " + ", ".join(ModelType.values()) + " |" in readme


class _Checker(HTMLParser):
    """Collects tags and fails on unbalanced ones (a cheap well-formedness check)."""

    VOID = frozenset({"meta", "br", "line", "circle"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.seen.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.seen.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def test_html_page_has_tables_and_svg_plots(board: Path) -> None:
    build_leaderboard(board, gold_dir=GOLD_DIR)
    page = (board / "leaderboard" / "index.html").read_text("utf-8")
    checker = _Checker()
    checker.feed(page)
    assert checker.stack == []
    assert checker.seen.count("svg") == 3 and checker.seen.count("table") == 3
    assert "Gold | copy &lt;upper bound&gt;" in page  # names are escaped
    assert "<script" not in page
    assert page.count("<circle") == 3 + 2 + 2  # one dot per entry and task


def test_results_json_records_every_result(board: Path) -> None:
    build_leaderboard(board, gold_dir=GOLD_DIR, resamples=100, seed=5)
    results = json.loads((board / "leaderboard" / "results.json").read_text("utf-8"))
    assert (results["seed"], results["resamples"], results["split"]) == (5, 100, "test")
    by_id = {e["id"]: e for e in results["entries"]}
    assert sorted(by_id) == ["crf-baseline", "human-oracle", "places-only"]
    assert sorted(by_id["places-only"]["results"]) == ["ner"]
    crf = by_id["crf-baseline"]
    assert crf["metadata"]["baseline"] is True
    assert crf["results"]["ner"]["main_score"]["value"] == 4 / 7
    assert crf["results"]["ner"]["bootstrap"]["resamples"] == 100


def test_check_reports_stale_pages(board: Path, cli_run) -> None:
    opts = ["--root", board, "leaderboard", "--gold-dir", GOLD_DIR, "--resamples", "50"]
    code, out, err = cli_run(*opts)
    assert (code, err) == (0, "")
    assert out.count("leaderboard: wrote leaderboard/") == 4
    code, out, _ = cli_run(*opts, "--check")
    assert (code, out) == (0, "leaderboard: up to date\n")
    readme = board / "leaderboard" / "README.md"
    readme.write_text(readme.read_text("utf-8") + "hand edit\n", "utf-8")
    code, _, err = cli_run(*opts, "--check")
    assert code == 1
    assert (
        err
        == "leaderboard: leaderboard/README.md is out of date; run `silkroad-news leaderboard`\n"
    )
    assert stale_files(board, gold_dir=GOLD_DIR, resamples=50) == [readme]


@pytest.mark.parametrize("case", ["unknown_field", "bad_date", "duplicate_field"])
def test_invalid_metadata_stops_the_leaderboard(board: Path, cli_run, case: str) -> None:
    shutil.copy(
        INVALID_METADATA / f"{case}.json",
        board / "leaderboard" / "submissions" / "places-only" / "metadata.json",
    )
    code, out, err = cli_run("--root", board, "leaderboard", "--gold-dir", GOLD_DIR)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "places-only/metadata.json: " in err
    assert not (board / "leaderboard" / "README.md").exists()  # nothing half-written


def test_submission_folder_refusals(board: Path) -> None:
    subs = board / "leaderboard" / "submissions"
    (subs / "crf-baseline" / "notes.txt").write_text("x", "utf-8")
    expected = r"crf-baseline/notes\.txt: unknown file in a submission; allowed: README\.md, "
    with pytest.raises(SubmissionError, match=expected + r"claims\.jsonl"):
        leaderboard_files(board, gold_dir=GOLD_DIR)
    (subs / "crf-baseline" / "notes.txt").unlink()
    (subs / "My System").mkdir()
    with pytest.raises(SubmissionError, match=r"My System: submission folder names are lowercase"):
        leaderboard_files(board, gold_dir=GOLD_DIR)
    (subs / "My System").rmdir()
    (subs / "empty").mkdir()
    shutil.copy(subs / "crf-baseline" / "metadata.json", subs / "empty" / "metadata.json")
    with pytest.raises(SubmissionError, match=r"empty: no predictions file \(ner\.jsonl"):
        leaderboard_files(board, gold_dir=GOLD_DIR)
    shutil.rmtree(subs / "empty")
    # Bad predictions stop the run with the scorer's message.
    shutil.copy(
        FIXTURES / "evaluate" / "invalid" / "ner.i_after_o.jsonl",
        subs / "places-only" / "ner.jsonl",
    )
    with pytest.raises(SubmissionError, match=r"places-only/ner\.jsonl: line 4: .*tags\[3\]"):
        leaderboard_files(board, gold_dir=GOLD_DIR)
    with pytest.raises(SubmissionError, match=r"no gold for task 'ner'"):
        leaderboard_files(board, gold_dir=board)


def test_committed_leaderboard_is_up_to_date(root: Path) -> None:
    """leaderboard/ in the repository is what `silkroad-news leaderboard` writes."""
    assert (root / "leaderboard" / "METRICS.md").read_text("utf-8") == metric_card()
    assert stale_files(root) == [], "run: silkroad-news leaderboard"


def test_the_plot_axis_survives_perfect_scores() -> None:
    from types import SimpleNamespace

    from silkroad_news.leaderboard import MAIN_SCORE, plot_svg

    task = "numbers"
    est = {"value": 1.0, "low": 1.0, "high": 1.0}
    entry = SimpleNamespace(
        results={task: {"metrics": {MAIN_SCORE[task]: est}}},
        metadata=SimpleNamespace(baseline=True, name="perfect"),
    )
    svg = plot_svg(task, [(1, entry)])
    assert svg.startswith("<svg") and ">90</text>" in svg and ">100</text>" in svg
