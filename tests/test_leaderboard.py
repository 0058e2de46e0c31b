"""The leaderboard: strict metadata, every protocol, byte-stable pages that no metadata can
inject markup into (parsed back with a real Markdown parser and an HTML parser)."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from silkroad_news.evaluate import SubmissionError, metric_card
from silkroad_news.evaluate.formats import LEADERBOARD_DIR, ModelType
from silkroad_news.leaderboard import (
    PROTOCOL_ORDER,
    build_leaderboard,
    columns,
    find_submissions,
    leaderboard_files,
    md_cell,
    stale_files,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUBMISSIONS = FIXTURES / "leaderboard" / "submissions"
INVALID_METADATA = FIXTURES / "leaderboard" / "invalid_metadata"
GOLD_DIR = FIXTURES / "evaluate" / "gold"  # flat <task>.jsonl, as --gold-dir expects
TASK_OF_SECTION = {"ner": "Named entities (ner)", "claims": "Numeric claims (claims)"}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


@pytest.fixture
def board(tmp_path: Path) -> Path:
    """A repository root whose leaderboard holds the fixture submissions; the CRF fixture sits
    under the id of the project's own CRF entry, the only kind that may say it is a baseline."""
    subs = tmp_path / "leaderboard" / "submissions"
    shutil.copytree(SUBMISSIONS, subs)
    (subs / "crf-baseline").rename(subs / "baseline-crf")
    return tmp_path


#: The fixture gold rows' folds (four passages, four folds) for protocols cv and full.
FOLDS = {"doc-a-p01": 0, "doc-a-p02": 1, "doc-b-p01": 2, "doc-b-p02": 3}


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    """--gold-dir with the fixture gold as test gold and, under all/, with folds."""
    out = tmp_path / "gold"
    for task in ("ner", "claims", "numbers"):
        rows = _jsonl(GOLD_DIR / f"{task}.jsonl")
        _write_jsonl(out / f"{task}.jsonl", rows)
        _write_jsonl(out / "all" / f"{task}.jsonl", [{**r, "fold": FOLDS[r["id"]]} for r in rows])
    return out


def _add_cv(board: Path, sid: str, task: str) -> Path:
    """The entry's test predictions, also submitted under cv (each line with its fold)."""
    folder = board / "leaderboard" / "submissions" / sid
    rows = _jsonl(folder / f"{task}.jsonl")
    return _write_jsonl(folder / f"{task}.cv.jsonl", [{**r, "fold": FOLDS[r["id"]]} for r in rows])


def _files(root: Path) -> dict[str, bytes]:
    folder = root / LEADERBOARD_DIR
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _section(readme: str, task: str, protocol: str) -> str:
    part = readme.split(f"## {TASK_OF_SECTION[task]}")[1].split("\n## ")[0]
    return part.split(f"### Protocol {protocol}:")[1].split("\n### ")[0]


def _rows(section: str) -> list[str]:
    return [line for line in section.splitlines() if re.match(r"\| \d", line)]


def test_regeneration_is_byte_identical(board: Path, gold_dir: Path, tmp_path: Path) -> None:
    _add_cv(board, "baseline-crf", "ner")
    written = build_leaderboard(board, gold_dir=gold_dir)
    assert [p.name for p in written] == ["METRICS.md", "README.md", "index.html", "results.json"]
    first = _files(board)
    build_leaderboard(board, gold_dir=gold_dir)
    assert _files(board) == first
    # ... and in another folder, from a fresh copy.
    other = tmp_path / "other"
    shutil.copytree(board / "leaderboard" / "submissions", other / "leaderboard" / "submissions")
    build_leaderboard(other, gold_dir=gold_dir)
    assert _files(other) == first
    assert not list((board / LEADERBOARD_DIR).glob(".*.tmp"))  # no staging files left


def test_readme_ranks_and_intervals(board: Path) -> None:
    build_leaderboard(board, gold_dir=GOLD_DIR)
    readme = (board / "leaderboard" / "README.md").read_text("utf-8")
    rows = _rows(_section(readme, "ner", "test"))
    # The oracle ranks first; 'places only' (P 100, R 3/7: F1 60) beats the CRF (F1 4/7).
    # Every metadata cell is escaped: the pipe and the brackets of the name start nothing.
    assert rows[0].startswith(r"| 1 | Gold \| copy \<upper bound\> | 100.00 [100.00, 100.00]‡ ")
    assert "(no cv figure)" in rows[0]
    assert rows[0].endswith(r"| Annotators | human | 2025\-02\-01 |")
    assert rows[1].startswith("| 2 | Places only | 60.00 [")
    assert rows[2].startswith(
        "| 3 | [CRF baseline \\(baseline\\)](https://example.org/silkroad-news/baselines) | "
        "57.14 [28.57, 87.50] | "
    )
    assert "Minimum detectable difference of f1 under protocol test: " in readme
    # 'places only' predicted no claims: it is absent there, not ranked with a zero.
    assert "Places only" not in _section(readme, "claims", "test")
    # Nothing was submitted under cv or full: the tables say so.
    assert "No submissions under this protocol yet." in _section(readme, "ner", "cv")
    assert "No submissions under this protocol yet." in _section(readme, "ner", "full")
    assert "| `model_type` | yes | " + md_cell("one of: " + ", ".join(ModelType.values())) in readme


def test_cv_tables_rank_by_cv_with_fold_figures_and_mde(board: Path, gold_dir: Path) -> None:
    _add_cv(board, "baseline-crf", "ner")
    _add_cv(board, "places-only", "ner")
    build_leaderboard(board, gold_dir=gold_dir)
    readme = (board / "leaderboard" / "README.md").read_text("utf-8")
    assert readme.index("### Protocol cv:") < readme.index("### Protocol test:")  # cv first
    cv = _section(readme, "ner", "cv")
    assert "Gold `ner.jsonl`: 4 rows, 4 passages" in cv
    head = "| " + " | ".join(md_cell(h) for h in columns("ner", "cv")) + " |"
    assert head in cv and "fold mean ± sd" in head
    rows = _rows(cv)
    assert [r.split(" | ")[1] for r in rows] == [
        "Places only",
        "[CRF baseline \\(baseline\\)](https://example.org/silkroad-news/baselines)",
    ]
    results = json.loads((board / "leaderboard" / "results.json").read_text("utf-8"))
    crf = next(e for e in results["entries"] if e["id"] == "baseline-crf")["results"]["cv"]["ner"]
    assert crf["protocol"] == "cv" and crf["gold"]["passages"] == 4
    mde = crf["main_score"]["mde"]
    folds = crf["folds"]
    assert f"| {100 * mde:.2f} | {100 * folds['mean']:.2f} ± {100 * folds['sd']:.2f} |" in rows[1]
    assert "Minimum detectable difference of f1 under protocol cv: " in cv
    # A zero-width interval on test says so and shows the CV figure beside it.
    build_leaderboard(board, gold_dir=gold_dir)
    oracle = board / "leaderboard" / "submissions" / "human-oracle"
    _add_cv(board, "human-oracle", "ner")
    build_leaderboard(board, gold_dir=gold_dir)
    readme = (board / "leaderboard" / "README.md").read_text("utf-8")
    top = _rows(_section(readme, "ner", "test"))[0]
    results = json.loads((board / "leaderboard" / "results.json").read_text("utf-8"))
    folds = next(e for e in results["entries"] if e["id"] == "human-oracle")["results"]["cv"]
    folds = folds["ner"]["folds"]
    beside = f"(cv {100 * folds['mean']:.2f} ± {100 * folds['sd']:.2f})"
    assert f"100.00 [100.00, 100.00]‡ {beside}" in top
    # ... and no minimum detectable difference: n/a in the MDE column and in the line below.
    assert f"‡ {beside} | n/a | " in top
    oracle_test = next(e for e in results["entries"] if e["id"] == "human-oracle")
    assert oracle_test["results"]["test"]["ner"]["main_score"]["mde"] is None
    line = next(x for x in _section(readme, "ner", "test").splitlines() if "Minimum det" in x)
    assert "points (n/a where the resamples show no spread)" in line
    assert "silkroad-news compare A B" in line and "one-entry figure" in line
    assert "‡ zero-width interval: every bootstrap resample gave the same value" in readme
    assert oracle.is_dir()


def test_full_is_for_systems_trained_on_no_silkroad_news_data(board: Path, gold_dir) -> None:
    folder = board / "leaderboard" / "submissions" / "places-only"
    shutil.copy(folder / "ner.jsonl", folder / "ner.full.jsonl")
    with pytest.raises(SubmissionError, match=r"places-only/ner\.full\.jsonl: protocol full "):
        leaderboard_files(board, gold_dir=gold_dir)
    meta = json.loads((folder / "metadata.json").read_text("utf-8"))
    (folder / "metadata.json").write_text(json.dumps({**meta, "training_data": "none"}), "utf-8")
    build_leaderboard(board, gold_dir=gold_dir)
    readme = (board / "leaderboard" / "README.md").read_text("utf-8")
    (row,) = _rows(_section(readme, "ner", "full"))
    assert row.startswith("| 1 | Places only | 60.00 [")
    assert row.endswith(r"| C\. Coder | rule\_based\, no SilkRoad\-News data | 2025\-03\-10 |")


def test_low_value_f1_shows_low_attribute_figures(board: Path) -> None:
    """Issue 17: attribute columns are F1 over all gold claims, so a system that finds one
    VALUE of four with every attribute right does not show 100 beside the oracle's 100."""
    folder = board / "leaderboard" / "submissions" / "places-only"
    gold = _jsonl(GOLD_DIR / "claims.jsonl")
    lines = [
        {"id": r["id"], "claims": [c for c in r["claims"] if r["id"] == "doc-a-p01"][:1]}
        for r in gold
    ]
    _write_jsonl(folder / "claims.jsonl", lines)
    build_leaderboard(board, gold_dir=GOLD_DIR)
    readme = (board / "leaderboard" / "README.md").read_text("utf-8")
    claims = _section(readme, "claims", "test")
    heads = columns("claims", "test")
    row = next(r for r in _rows(claims) if "Places only" in r)
    cells = dict(zip(heads, [c.strip() for c in row.strip("|").split(" | ")], strict=True))
    n_gold = sum(len(r["claims"]) for r in gold)
    expected = f"{100 * 2 / (1 + n_gold):.2f}"  # F1 of 1 right of 1 predicted and n_gold gold
    assert cells["value.f1"] == cells["number.f1"] == cells["kind.f1"] == expected
    assert expected != "100.00"


class _Page(HTMLParser):
    """Tags, tables (rows of cell texts), links and titles of a page; fails on unbalanced
    tags (a cheap well-formedness check)."""

    VOID = frozenset({"meta", "br", "wbr", "line", "circle"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self.titles: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.seen.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)
        attrs_d = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
            if "title" in attrs_d:
                self.titles.append(attrs_d["title"])
        elif tag == "a":
            self.links.append(attrs_d.get("href", ""))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.seen.append(tag)

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None


def _page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    assert page.stack == []
    return page


def test_html_page_has_tables_plots_legend_and_how_to_submit(board: Path, gold_dir) -> None:
    _add_cv(board, "baseline-crf", "ner")
    build_leaderboard(board, gold_dir=gold_dir)
    page = (board / "leaderboard" / "index.html").read_text("utf-8")
    parsed = _page(page)
    # tables: ner cv, ner test, claims test, numbers test, and the metadata fields
    assert parsed.seen.count("table") == 5 and parsed.seen.count("svg") == 4
    assert "Gold | copy &lt;upper bound&gt;" in page  # names are escaped
    assert "<script" not in page
    assert page.count('r="4" fill') == (1 + 3 + 2 + 2) + 4 * 2  # dots, two legend dots a plot
    assert page.count('<g class="legend">') == 4
    assert page.count(">0</text>") == 4 and page.count(">100</text>") == 4  # axis from 0
    assert '<section id="how-to-submit">' in page and "<h2>How to submit</h2>" in page
    assert 'class="scroll"' in page and "max-width:1260px" in page
    head = parsed.tables[1][0]
    assert head[:4] == ["rank", "submission", "f1 [95% CI]", "MDE"]  # the main score first


def test_results_json_records_every_result(board: Path) -> None:
    build_leaderboard(board, gold_dir=GOLD_DIR, resamples=100, seed=5)
    results = json.loads((board / "leaderboard" / "results.json").read_text("utf-8"))
    assert (results["seed"], results["resamples"], results["split"]) == (5, 100, "test")
    assert [p["name"] for p in results["protocols"]] == list(PROTOCOL_ORDER)
    by_id = {e["id"]: e for e in results["entries"]}
    assert sorted(by_id) == ["baseline-crf", "human-oracle", "places-only"]
    assert sorted(by_id["places-only"]["results"]["test"]) == ["ner"]
    crf = by_id["baseline-crf"]
    assert crf["metadata"]["baseline"] is True
    assert crf["results"]["test"]["ner"]["main_score"]["value"] == 4 / 7
    assert crf["results"]["test"]["ner"]["bootstrap"]["resamples"] == 100


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


def test_every_metadata_problem_in_one_run(board: Path, cli_run) -> None:
    meta = {
        "name": "X\r| fake | row |",
        "description": "evil\u202etxt.exe",
        "authors": ["nul\x00"],
        "date": "2025-02-30",
        "model_type": "neural",
        "url": "https://a.example/)<script>alert(1)</script>",
        "baseline": True,
    }
    path = board / "leaderboard" / "submissions" / "places-only" / "metadata.json"
    path.write_text(json.dumps(meta), "utf-8")
    code, out, err = cli_run("--root", board, "leaderboard", "--gold-dir", GOLD_DIR)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "places-only/metadata.json: 5 problems: (1) field 'name' " in err
    for part in ("(U+000D)", "(U+202E)", "(U+0000)", "'2025-02-30'", "has ')' at character 18"):
        assert part in err, part
    # Fixed except the claim to be a baseline: only the project's own ids may say so.
    fixed = {**json.loads(_PLACES_META), "baseline": True}
    path.write_text(json.dumps(fixed), "utf-8")
    code, _, err = cli_run("--root", board, "leaderboard", "--gold-dir", GOLD_DIR)
    assert code == 2 and "field 'baseline' is true, but only the project's own entries" in err


_PLACES_META = (SUBMISSIONS / "places-only" / "metadata.json").read_text("utf-8")


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Places (baseline)", "field 'name' contains 'baseline' or a look-alike of it, which "),
        ("baseline-crf", "field 'name' contains 'baseline'"),
        ("BaseLine CRF", "field 'name' contains 'baseline'"),
        ("ＢＡＳＥＬＩＮＥ ｃｒｆ", "field 'name' contains 'baseline'"),  # fullwidth: NFKC
        ("base\u200bline crf", "field 'name' contains 'baseline'"),  # a zero-width space inside
        ("b\u0430seline crf", "field 'name' contains 'baseline'"),  # Cyrillic а: no NFKC fold
        ("b\u03b1sel\u0456ne", "field 'name' contains 'baseline'"),  # Greek α, Cyrillic і
        ("\u0412ASELINE", "field 'name' contains 'baseline'"),  # Cyrillic В
        ("\u200b\u200c\u2060", "field 'name' shows nothing: it holds only whitespace, zero-width"),
        (" \u3164 \u00a0", "field 'name' shows nothing"),  # a Hangul filler, no-break space
    ],
)
def test_a_name_that_poses_as_a_baseline_or_shows_nothing_is_refused(
    board: Path, cli_run, name: str, said: str
) -> None:
    path = board / "leaderboard" / "submissions" / "places-only" / "metadata.json"
    path.write_text(json.dumps({**json.loads(_PLACES_META), "name": name}), "utf-8")
    code, out, err = cli_run("--root", board, "leaderboard", "--gold-dir", GOLD_DIR)
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert "places-only/metadata.json: " in err and said in err, err
    assert not (board / "leaderboard" / "README.md").exists()


def test_a_name_that_mixes_scripts_is_listed(board: Path, cli_run) -> None:
    # Look-alikes of "baseline" are refused, not other scripts: Han, Greek and Cyrillic letters
    # beside Latin ones are a name like any other.
    name = "地名 CRF \u039a-means \u0444\u0438\u043b\u044c\u0442\u0440"
    path = board / "leaderboard" / "submissions" / "places-only" / "metadata.json"
    path.write_text(json.dumps({**json.loads(_PLACES_META), "name": name}), "utf-8")
    code, _, err = cli_run("--root", board, "leaderboard", "--gold-dir", GOLD_DIR)
    assert (code, err) == (0, "")
    results = json.loads((board / "leaderboard" / "results.json").read_text("utf-8"))
    assert name in [e["metadata"]["name"] for e in results["entries"]]


def test_the_projects_own_entries_may_say_baseline(board: Path, cli_run) -> None:
    # The fixture's CRF entry sits under the project's id baseline-crf and is named "CRF baseline".
    meta = board / "leaderboard" / "submissions" / "baseline-crf" / "metadata.json"
    assert "baseline" in json.loads(meta.read_text("utf-8"))["name"].lower()
    code, _, err = cli_run("--root", board, "leaderboard", "--gold-dir", GOLD_DIR)
    assert (code, err) == (0, "")
    # Under another id the same entry is refused for its name, even without "baseline": true.
    other = board / "leaderboard" / "submissions" / "crf-mine"
    meta.parent.rename(other)
    data = json.loads((other / "metadata.json").read_text("utf-8"))
    (other / "metadata.json").write_text(json.dumps({**data, "baseline": False}), "utf-8")
    code, _, err = cli_run("--root", board, "leaderboard", "--gold-dir", GOLD_DIR)
    assert code == 2 and "crf-mine/metadata.json: field 'name' contains 'baseline'" in err


def test_submission_folder_refusals(board: Path) -> None:
    subs = board / "leaderboard" / "submissions"
    (subs / "baseline-crf" / "notes.txt").write_text("x", "utf-8")
    expected = r"baseline-crf/notes\.txt: unknown file in a submission; allowed: README\.md, "
    with pytest.raises(SubmissionError, match=expected + r"claims\.cv\.jsonl"):
        leaderboard_files(board, gold_dir=GOLD_DIR)
    (subs / "baseline-crf" / "notes.txt").unlink()
    (subs / "My System").mkdir()
    with pytest.raises(SubmissionError, match=r"My System: submission folder names are lowercase"):
        leaderboard_files(board, gold_dir=GOLD_DIR)
    (subs / "My System").rmdir()
    (subs / "empty").mkdir()
    shutil.copy(subs / "places-only" / "metadata.json", subs / "empty" / "metadata.json")
    with pytest.raises(SubmissionError, match=r"empty: no predictions file \(claims\.cv\.jsonl"):
        leaderboard_files(board, gold_dir=GOLD_DIR)
    shutil.rmtree(subs / "empty")
    (subs / "loop").symlink_to(subs / "loop")
    with pytest.raises(SubmissionError, match=r"loop: expected a submission folder, found a "):
        leaderboard_files(board, gold_dir=GOLD_DIR)
    (subs / "loop").unlink()
    # Bad predictions stop the run with the scorer's message.
    shutil.copy(
        FIXTURES / "evaluate" / "invalid" / "ner.i_after_o.jsonl",
        subs / "places-only" / "ner.jsonl",
    )
    with pytest.raises(SubmissionError, match=r"places-only/ner\.jsonl: line 4: .*tags\[3\]"):
        leaderboard_files(board, gold_dir=GOLD_DIR)
    with pytest.raises(SubmissionError, match=r"no gold for task 'ner' under protocol test"):
        leaderboard_files(board, gold_dir=board)


def test_a_symlinked_submission_folder_is_listed_once(board: Path) -> None:
    subs = board / "leaderboard" / "submissions"
    (subs / "aaa-copy").symlink_to(subs / "places-only", target_is_directory=True)
    (subs / "zzz-copy").symlink_to("places-only", target_is_directory=True)
    assert [sid for sid, _ in find_submissions(board)] == [
        "baseline-crf",
        "human-oracle",
        "places-only",
    ]
    build_leaderboard(board, gold_dir=GOLD_DIR)
    readme = (board / "leaderboard" / "README.md").read_text("utf-8")
    assert _section(readme, "ner", "test").count("Places only") == 1


# --------------------------------------------------------------------------------------------
# Hostile metadata, rendered and parsed back
# --------------------------------------------------------------------------------------------

HOSTILE = {
    "name": "x</td><script>alert(1)</script> | [Download](https://phish.example/x.exe) **b**",
    "description": '"><img src=x onerror=alert(1)> `code` <!-- c -->',
    "authors": ["<b>Eve</b>", "Mallory | Trent", "&lt;amp&gt; _u_ ~~s~~ \\"],
    "date": "2025-03-10",
    "model_type": "rule_based",
    "url": "https://a.example/p?q=1&r=%3Cscript%3E#frag",
}


def _inline_tokens(tokens: list) -> list:
    out = []
    for t in tokens:
        out.append(t)
        out += _inline_tokens(t.children or [])
    return out


def _md_tables(tokens: list) -> list[list[list[tuple[str, list]]]]:
    """Tables as rows of (cell text, the cell's inline tokens), from markdown-it's tokens."""
    tables: list[list[list[tuple[str, list]]]] = []
    for k, t in enumerate(tokens):
        if t.type == "table_open":
            tables.append([])
        elif t.type == "tr_open":
            tables[-1].append([])
        elif t.type == "inline" and tokens[k - 1].type in ("td_open", "th_open"):
            kids = _inline_tokens(t.children or [])
            text = "".join(c.content for c in kids if c.type in ("text", "code_inline"))
            tables[-1][-1].append((text, kids))
    return tables


def test_hostile_metadata_renders_as_text_in_markdown_and_html(board: Path) -> None:
    folder = board / "leaderboard" / "submissions" / "places-only"
    (folder / "metadata.json").write_text(json.dumps(HOSTILE), "utf-8")
    build_leaderboard(board, gold_dir=GOLD_DIR)
    readme = (board / "leaderboard" / "README.md").read_text("utf-8")

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = md.parse(readme)
    # The only raw HTML in the whole page is the generated-file comment.
    raw = [t for t in _inline_tokens(tokens) if t.type in ("html_block", "html_inline")]
    assert [t.content.strip() for t in raw] == [
        "<!-- Generated by `silkroad-news leaderboard`; edit the submissions, not this file. -->"
    ]
    tables = _md_tables(tokens)
    ner_test = tables[0]  # nothing under cv: the first table is ner's test table
    head = [text for text, _ in ner_test[0]]
    assert head == columns("ner", "test")
    assert len(ner_test) == 1 + 3  # the head and one row per entry: no cell made a row
    row = next(r for r in ner_test[1:] if r[0][0] == "2")
    cells = dict(zip(head, row, strict=True))
    assert len(row) == len(head)  # no pipe shifted a cell
    name_text, name_tokens = cells["submission"]
    assert name_text == HOSTILE["name"]
    links = [t.attrs.get("href") for t in name_tokens if t.type == "link_open"]
    assert links == [HOSTILE["url"]]  # one link, the entry's own
    assert not [t for t in name_tokens if t.type in ("strong_open", "em_open", "s_open")]
    assert cells["team / authors"][0] == ", ".join(HOSTILE["authors"])
    assert not [t for t in cells["team / authors"][1] if t.type not in ("text",)]
    rendered = md.render(readme)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered

    page = (board / "leaderboard" / "index.html").read_text("utf-8")
    parsed = _page(page)
    assert not {"script", "img", "b"} & set(parsed.seen)
    table = parsed.tables[0]
    assert table[0] == columns("ner", "test") and len(table) == 1 + 3
    hostile_row = next(r for r in table[1:] if r[0] == "2")
    assert hostile_row[1] == HOSTILE["name"]
    assert hostile_row[-3] == ", ".join(HOSTILE["authors"])
    assert HOSTILE["description"] in parsed.titles
    assert parsed.links.count(HOSTILE["url"]) == 1
    assert "phish.example" not in "".join(parsed.links)


def test_md_cell_refuses_line_breaks() -> None:
    assert md_cell("a|b*c") == r"a\|b\*c"
    with pytest.raises(ValueError, match="line break"):
        md_cell("a\rb")


def test_committed_leaderboard_is_up_to_date(root: Path) -> None:
    """leaderboard/ in the repository is what `silkroad-news leaderboard` writes."""
    assert (root / "leaderboard" / "METRICS.md").read_text("utf-8") == metric_card()
    assert stale_files(root) == [], "run: silkroad-news leaderboard"


def test_the_plot_axis_starts_at_zero() -> None:
    from types import SimpleNamespace

    from silkroad_news.leaderboard import MAIN_SCORE, plot_svg

    task = "numbers"
    est = {"value": 0.95, "low": 0.9, "high": 1.0}
    entry = SimpleNamespace(
        results={"cv": {task: {"metrics": {MAIN_SCORE[task]: est}}}},
        metadata=SimpleNamespace(baseline=True, name="nearly perfect"),
    )
    svg = plot_svg(task, "cv", [(1, entry)])
    assert svg.startswith("<svg") and ">0</text>" in svg and ">100</text>" in svg
    assert "project baseline" in svg and "95% interval" in svg
