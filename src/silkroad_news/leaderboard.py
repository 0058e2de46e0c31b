"""The leaderboard: score every submission under every protocol and regenerate its pages.

Layout
------
::

    leaderboard/
      submissions/<id>/metadata.json     who and what (strict: every problem listed at once)
      submissions/<id>/<task>.jsonl      protocol test: the test split's passages
      submissions/<id>/<task>.cv.jsonl   protocol cv: every passage, each line with its fold
      submissions/<id>/<task>.full.jsonl protocol full: every passage, no folds
      submissions/<id>/README.md         optional notes, not read
      README.md                          generated: per task, a table per protocol
      index.html                         generated: the same tables, plots, how to submit
      results.json                       generated: every result of every submission
      METRICS.md                         generated: the metric card

A submission folder and its ``metadata.json`` are a submission format, defined beside the
predictions formats in :mod:`silkroad_news.evaluate.formats`; the leaderboard only reads them.
``<id>`` is lowercase ASCII (``[a-z0-9][a-z0-9._-]*``); a symbolic link to another submission
folder is the same submission and is listed once, under the folder's own id. Only the project's
own ids may say ``"baseline": true`` or have "baseline", or a look-alike of it, in their name
(:func:`~silkroad_news.evaluate.formats.check_project_entry`) and only systems trained on no
SilkRoad-News data may submit for ``full``
(:func:`~silkroad_news.evaluate.formats.check_protocol_entry`).

Each predictions file is scored by the evaluation script
(:func:`silkroad_news.evaluate.load_gold`, the same gold as ``silkroad-news evaluate
--protocol P``) with its default bootstrap. ``--gold-dir DIR`` replaces the repository's gold
(a host keeping the test gold private): ``DIR/<task>.parquet|.jsonl`` is the test gold and
``DIR/all/<task>.parquet|.jsonl`` (every passage, each row with its ``fold``) the gold of
``cv`` and ``full``. The four files are written atomically; the same submissions and gold give
the same bytes (no timestamps, sorted entries, fixed number formats). A submission that fails
validation stops the run with its error (exit code 2): a leaderboard never shows a number the
scorer would refuse to give. ``--check`` compares instead of writing (exit code 1 when a page
is out of date).

Ranking: per task and protocol, by the task's main score, highest first, ties by id; equal
scores share a rank. ``cv`` comes first: it scores all 83 passages, the test split 16. Ranks are
not significance. Each entry's minimum detectable difference (MDE: 2.8 × the standard
deviation of its main score over the bootstrap resamples; "n/a" when they show no spread) says
how precise its score is; whether two entries differ is what ``silkroad-news compare`` (a paired
test) says.

Safety: every string of the metadata is checked strictly (one line, no control, NUL or
bidirectional characters, length limits, http(s) URLs without characters that end a link) and
every cell is escaped again on the way out (:func:`md_cell`, ``html.escape``), so metadata can
never add markup, a link, a row or a heading to a page.
"""

from __future__ import annotations

import argparse
import html
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import console, files
from .evaluate import SubmissionError, evaluate_predictions, load_gold
from .evaluate.commands import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    add_bootstrap_options,
    check_bootstrap,
    codalab_gold,
)
from .evaluate.formats import (
    LEADERBOARD_DIR,
    METADATA_FIELDS,
    METADATA_FILE,
    NOTES_FILE,
    SUBMISSIONS,
    Metadata,
    TrainingData,
    check_project_entry,
    check_protocol_entry,
    read_metadata,
)
from .evaluate.inputs import Gold
from .evaluate.metrics import HEADLINE, MAIN_SCORE, MDE_FACTOR, zero_width
from .evaluate.report import (
    CONFIDENCE,
    SCORER_VERSION,
    ZERO_WIDTH_MARK,
    interval,
    mde_text,
    metric_card,
    pct,
)
from .files import dumps_json, write_many_atomic
from .schema import N_FOLDS, PROTOCOLS, SPLITS, TASKS, Protocol

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")
TASK_TITLES = {
    "ner": "Named entities (ner)",
    "claims": "Numeric claims (claims)",
    "numbers": "Number mentions (numbers)",
}
#: The order of the tables under each task: cross-validation first (every passage scored).
PROTOCOL_ORDER: tuple[str, ...] = (Protocol.CV.value, Protocol.TEST.value, Protocol.FULL.value)
PROTOCOL_TITLES = {
    Protocol.CV.value: f"Protocol cv: {N_FOLDS}-fold cross-validation, every passage",
    Protocol.TEST.value: "Protocol test: the test split",
    Protocol.FULL.value: "Protocol full: every passage, no SilkRoad-News training data",
}
#: The folder of ``--gold-dir`` that holds the gold of every passage (``cv``, ``full``).
ALL_PASSAGES_DIR = "all"


def predictions_file(task: str, protocol: str) -> str:
    """The name of a submission's predictions file for ``task`` under ``protocol``."""
    return f"{task}.jsonl" if protocol == Protocol.TEST.value else f"{task}.{protocol}.jsonl"


PREDICTION_FILES: dict[str, tuple[str, str]] = {
    predictions_file(t, p): (t, p) for p in PROTOCOL_ORDER for t in TASKS
}


@dataclass(frozen=True)
class Entry:
    id: str
    metadata: Metadata
    results: dict[str, dict[str, dict[str, Any]]]  # protocol → task → evaluation result

    def result(self, task: str, protocol: str) -> dict[str, Any] | None:
        return self.results.get(protocol, {}).get(task)


def find_submissions(root: Path) -> list[tuple[str, Path]]:
    """Every submission folder, sorted by id; refuses stray files and bad ids. A symbolic link
    to a folder that is listed already (another submission) is the same submission: it is
    listed once, under the folder's own name."""
    folder = Path(root) / LEADERBOARD_DIR / SUBMISSIONS
    if not folder.is_dir():
        return []
    candidates = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    # real folders first, so a link never takes the place of the folder it points to
    candidates.sort(key=lambda p: (p.is_symlink(), p.name))
    out: dict[str, tuple[str, Path]] = {}
    for path in candidates:
        real = os.path.realpath(path)
        if real in out:
            continue
        if not path.is_dir():
            what = "a broken or looping link" if path.is_symlink() else "a file"
            raise SubmissionError(f"{path}: expected a submission folder, found {what}")
        if not ID_PATTERN.fullmatch(path.name):
            raise SubmissionError(
                f"{path}: submission folder names are lowercase ASCII letters, digits, '.', "
                f"'_' and '-', starting with a letter or digit"
            )
        allowed = {METADATA_FILE, NOTES_FILE, *PREDICTION_FILES}
        for f in sorted(path.iterdir()):
            if f.name not in allowed:
                raise SubmissionError(
                    f"{f}: unknown file in a submission; allowed: {', '.join(sorted(allowed))}"
                )
        if not any([files.is_present(path / name) for name in PREDICTION_FILES]):
            raise SubmissionError(
                f"{path}: no predictions file ({', '.join(sorted(PREDICTION_FILES))})"
            )
        out[real] = (path.name, path)
    return sorted(out.values())


def score_submissions(
    root: Path,
    *,
    split: str = "test",
    gold_dir: Path | None = None,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
) -> list[Entry]:
    """Validate and score every submission under every protocol it submitted for; the gold of
    each task and protocol is read once."""
    check_bootstrap(seed, resamples)  # refused even when there is nothing to score
    golds: dict[tuple[str, str], Gold] = {}
    entries = []
    for sid, path in find_submissions(root):
        meta = read_metadata(path / METADATA_FILE)
        check_project_entry(meta, sid, str(path / METADATA_FILE))
        results: dict[str, dict[str, dict[str, Any]]] = {}
        for name, (task, protocol) in PREDICTION_FILES.items():
            predictions = path / name
            if not files.is_present(predictions):
                continue
            check_protocol_entry(meta, protocol, str(predictions))
            key = (task, protocol)
            if key not in golds:
                golds[key] = _gold(task, protocol, Path(root), split, gold_dir)
            results.setdefault(protocol, {})[task] = evaluate_predictions(
                golds[key],
                predictions,
                split=split if protocol == Protocol.TEST.value else None,
                seed=seed,
                resamples=resamples,
            )
        entries.append(Entry(sid, meta, results))
    return entries


def _gold(task: str, protocol: str, root: Path, split: str, gold_dir: Path | None) -> Gold:
    test = protocol == Protocol.TEST.value
    if gold_dir is None:
        return load_gold(task, protocol=protocol, root=root, split=split if test else None)
    folder = Path(gold_dir) if test else Path(gold_dir) / ALL_PASSAGES_DIR
    path = codalab_gold(folder, task)
    if path is None:
        raise SubmissionError(
            f"{folder}: no gold for task {task!r} under protocol {protocol} ({task}.parquet or "
            f"{task}.jsonl)"
        )
    return load_gold(task, protocol=protocol, root=root, gold=path)


def ranked(entries: Sequence[Entry], task: str, protocol: str) -> list[tuple[int, Entry]]:
    """Entries with a result for ``task`` under ``protocol``, best first; equal main scores
    share a rank."""
    main = MAIN_SCORE[task]
    have = [e for e in entries if e.result(task, protocol) is not None]

    def value(e: Entry) -> float:
        return e.results[protocol][task]["metrics"][main]["value"]

    have.sort(key=lambda e: (-value(e), e.id))
    values = [value(e) for e in have]
    return [(1 + sum(v > values[i] for v in values), e) for i, e in enumerate(have)]


# --------------------------------------------------------------------------------------------
# Cells: the same table for Markdown and HTML
# --------------------------------------------------------------------------------------------

#: Every ASCII punctuation character: CommonMark lets a backslash escape each of them, and
#: escaped they start no markup (emphasis, links, autolinks, raw HTML, entities, cell ends).
_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def md_cell(text: str) -> str:
    """Text for a Markdown table cell: every ASCII punctuation character backslash-escaped.
    Metadata never holds a line break or a control character (it is checked when read); one
    here is a bug upstream and fails loudly rather than starting a new row."""
    if _LINE_BREAKS.search(text):
        raise ValueError(f"a table cell may not hold a line break or control character: {text!r}")
    return _MD_PUNCTUATION.sub(r"\\\1", text)


@dataclass(frozen=True)
class Cell:
    text: str  # plain text, escaped by the renderer
    numeric: bool = False
    url: str | None = None  # the text links here
    title: str | None = None  # a tooltip (HTML only)
    css: str | None = None  # an HTML class


def _who(meta: Metadata) -> str:
    return meta.team or ", ".join(meta.authors)


def _cv_beside(entry: Entry, task: str) -> str:
    """The cross-validation figure shown beside a zero-width interval."""
    cv = entry.result(task, Protocol.CV.value)
    if cv is None:
        return "no cv figure"
    folds = cv.get("folds")
    if folds is not None:
        return f"cv {pct(folds['mean'])} ± {pct(folds['sd'])}"
    return f"cv {pct(cv['main_score']['value'])}"


#: The position of the main score in every table.
MAIN_COLUMN = 2


def columns(task: str, protocol: str) -> list[str]:
    """Column heads of a table: rank, submission, the main score first, then the rest."""
    figs = HEADLINE[task]
    head = ["rank", "submission", f"{figs[0]} [95% CI]", "MDE"]
    if protocol == Protocol.CV.value:
        head.append("fold mean ± sd")
    return [*head, *figs[1:], "team / authors", "type", "date"]


def row_cells(rank: int, entry: Entry, task: str, protocol: str) -> list[Cell]:
    m = entry.metadata
    result = entry.results[protocol][task]
    metrics = result["metrics"]
    figs = HEADLINE[task]
    main = metrics[figs[0]]
    shown = interval(main)
    if zero_width(main):
        shown += f"{ZERO_WIDTH_MARK} ({_cv_beside(entry, task)})"
    name = m.name + (" (baseline)" if m.baseline else "")
    cells = [
        Cell(str(rank), numeric=True),
        Cell(name, url=m.url, title=m.description),
        Cell(shown, numeric=True),
        Cell(mde_text(result["main_score"]["mde"]), numeric=True),
    ]
    if protocol == Protocol.CV.value:
        folds = result.get("folds")
        text = f"{pct(folds['mean'])} ± {pct(folds['sd'])}" if folds else "n/a"
        cells.append(Cell(text, numeric=True))
    cells += [Cell(pct(metrics[f]["value"]), numeric=True) for f in figs[1:]]
    kind = m.model_type.value
    if m.training_data is TrainingData.NONE:
        kind += ", no SilkRoad-News data"
    cells += [Cell(_who(m)), Cell(kind), Cell(m.date, css="date")]
    return cells


def _gold_line(rows: Sequence[tuple[int, Entry]], task: str, protocol: str) -> str:
    gold = rows[0][1].results[protocol][task]["gold"]
    return (
        f"Gold `{gold['file']}`: {gold['rows']} rows, {gold['passages']} passages, sha256 "
        f"`{gold['sha256'][:16]}…`"
    )


def _mde_line(rows: Sequence[tuple[int, Entry]], task: str, protocol: str) -> str:
    values = [e.results[protocol][task]["main_score"]["mde"] for _, e in rows]
    known = [v for v in values if v is not None]
    if not known:
        span = "n/a for every entry (the resamples show no spread)"
    else:
        lo, hi = min(known), max(known)
        span = pct(lo) if pct(lo) == pct(hi) else f"{pct(lo)}–{pct(hi)}"
        span += " points"
        if len(known) < len(values):
            span += " (n/a where the resamples show no spread)"
    return (
        f"Minimum detectable difference of {MAIN_SCORE[task]} under protocol {protocol}: "
        f"{span}. The MDE column gives each entry's: {MDE_FACTOR} × the standard deviation of "
        "its score over the bootstrap resamples, the smallest true change of that entry's score "
        "a two-sided test at α = 0.05 detects with 80% power. It is a one-entry figure; whether "
        "two entries differ is for the paired test of `silkroad-news compare A B`."
    )


def _zero_width_line(rows: Sequence[tuple[int, Entry]], task: str, protocol: str) -> str | None:
    main = MAIN_SCORE[task]
    if not any(zero_width(e.results[protocol][task]["metrics"][main]) for _, e in rows):
        return None
    return (
        f"{ZERO_WIDTH_MARK} zero-width interval: every bootstrap resample gave the same value. "
        "It is not certainty; the cross-validation figure (mean ± sd over the folds) beside it "
        "shows how much the score moves on other passages."
    )


def _intro(split: str, seed: int, resamples: int) -> str:
    return (
        f"Scores are percentages. The main score of each task carries its {CONFIDENCE:.0%} "
        f"bootstrap interval ({resamples} resamples of passages, seed {seed}; scorer "
        f"{SCORER_VERSION}) and its minimum detectable difference (MDE). Each task has a table "
        f"per protocol: cv ({N_FOLDS}-fold cross-validation, every passage scored, the ranking "
        f"to read first), test (the {split} split) and full (every passage, systems that used "
        "no SilkRoad-News data). Attribute columns are F1 over all gold items, not accuracy on "
        "matched ones. Ranks are not significance tests: overlapping intervals mean the data "
        "cannot tell the entries apart; `silkroad-news compare` gives a paired test."
    )


# --------------------------------------------------------------------------------------------
# How to submit (one text, two renderings)
# --------------------------------------------------------------------------------------------

#: The steps, as (plain text with `code` spans) in order; the metadata table follows step 3.
_STEPS = (
    "Predict any of the tasks in the formats of `schemas/submission/`. Protocol cv (the main "
    "ranking): one line per passage of the whole dataset, each with its `fold`, made by a model "
    "trained without that fold, in `<task>.cv.jsonl`. Protocol test: the test split, trained on "
    "train and validation, in `<task>.jsonl`. Protocol full (systems that used no SilkRoad-News "
    "data): every passage, no folds, in `<task>.full.jsonl`.",
    "Check each file: `silkroad-news evaluate --task ner --protocol cv --predictions "
    "ner.cv.jsonl --validate-only`.",
    "Add a folder `leaderboard/submissions/<id>/` (lowercase ASCII id) with the files and a "
    "`metadata.json` with these fields (one line each, no control characters; `url` an http(s) "
    "URL; every problem of the file is listed at once):",
    "Run `silkroad-news leaderboard` and open a pull request with the folder and the "
    "regenerated pages.",
)
_CODE = re.compile(r"`([^`]*)`")


def _how_to_submit_md() -> list[str]:
    lines = ["## How to submit", ""]
    for k, step in enumerate(_STEPS, 1):
        lines.append(f"{k}. {step}")
        if k == 3:
            lines += ["", "| field | required | meaning |", "| --- | --- | --- |"]
            for name, (required, _, text) in METADATA_FIELDS.items():
                lines.append(f"| `{name}` | {'yes' if required else 'no'} | {md_cell(text)} |")
            lines.append("")
    lines.append("")
    return lines


def _code_html(text: str) -> str:
    """Plain text with `code` spans as HTML (the text is the project's, escaped anyway)."""
    parts = _CODE.split(text)
    return "".join(
        f"<code>{html.escape(p)}</code>" if k % 2 else html.escape(p) for k, p in enumerate(parts)
    )


def _how_to_submit_html() -> list[str]:
    out = ['<section id="how-to-submit">', "<h2>How to submit</h2>", "<ol>"]
    for k, step in enumerate(_STEPS, 1):
        item = _code_html(step)
        if k == 3:
            rows = "".join(
                f"<tr><td><code>{html.escape(name)}</code></td><td>{'yes' if req else 'no'}</td>"
                f"<td>{html.escape(text)}</td></tr>"
                for name, (req, _, text) in METADATA_FIELDS.items()
            )
            item += (
                '<div class="scroll"><table><tr><th>field</th><th>required</th><th>meaning</th>'
                f"</tr>{rows}</table></div>"
            )
        out.append(f"<li>{item}</li>")
    out += ["</ol>", "</section>"]
    return out


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------


def _md_row(cells: Sequence[Cell]) -> str:
    out = []
    for c in cells:
        # numeric cells are the scorer's figures (digits, brackets, ±, ‡), never metadata
        text = c.text if c.numeric else md_cell(c.text)
        if c.url:
            # the URL was parsed and holds none of ( ) [ ] < > spaces or backslashes
            text = f"[{text}]({c.url})"
        out.append(text)
    return "| " + " | ".join(out) + " |"


def render_readme(entries: Sequence[Entry], *, split: str, seed: int, resamples: int) -> str:
    lines = [
        "# SilkRoad-News leaderboard",
        "",
        "<!-- Generated by `silkroad-news leaderboard`; edit the submissions, not this file. -->",
        "",
        _intro(split, seed, resamples) + " What each figure means: [METRICS.md](METRICS.md). "
        "Also as a page, with plots: [index.html](index.html).",
        "",
    ]
    for task in TASKS:
        lines += [f"## {TASK_TITLES[task]}", ""]
        for protocol in PROTOCOL_ORDER:
            lines += [f"### {PROTOCOL_TITLES[protocol]}", ""]
            rows = ranked(entries, task, protocol)
            if not rows:
                lines += ["No submissions under this protocol yet.", ""]
                continue
            head = columns(task, protocol)
            body = [row_cells(rank, e, task, protocol) for rank, e in rows]
            lines += [
                _gold_line(rows, task, protocol),
                "",
                "| " + " | ".join(md_cell(h) for h in head) + " |",
                "| " + " | ".join("---:" if c.numeric else "---" for c in body[0]) + " |",
            ]
            lines += [_md_row(cells) for cells in body]
            lines += ["", _mde_line(rows, task, protocol), ""]
            note = _zero_width_line(rows, task, protocol)
            if note:
                lines += [note, ""]
    lines += _how_to_submit_md()
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

# The page fits 1,300 px: the body is at most 1,260 px wide and each table scrolls sideways in
# its own box when it is wider (the main score is the third column, always in view).
_CSS = """body{font-family:system-ui,sans-serif;max-width:1260px;margin:1.5rem auto;\
padding:0 1rem;color:#222;line-height:1.4}.scroll{overflow-x:auto;max-width:100%;margin:.6rem 0}\
table{border-collapse:collapse}th,td{padding:.3rem .55rem;border-bottom:1px solid #ddd;\
text-align:left;vertical-align:top}th{background:#f4f4f4;vertical-align:bottom}\
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
td.main{min-width:11rem;white-space:normal}td.name{min-width:9rem;max-width:16rem}\
td.date{white-space:nowrap}p.note{font-size:.9rem;color:#444}\
svg{max-width:100%;height:auto}svg text{font-family:system-ui,sans-serif;font-size:12px}\
code{background:#f4f4f4;padding:0 .2rem}"""


def _html_table(task: str, protocol: str, rows: Sequence[tuple[int, Entry]]) -> str:
    esc = html.escape
    out = ['<div class="scroll"><table>']
    # long figure names may break after their dots, so a column is as wide as its numbers
    heads = (esc(h).replace(".", ".<wbr>").replace("_", "_<wbr>") for h in columns(task, protocol))
    out.append("<tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr>")
    for rank, e in rows:
        tds = []
        for k, c in enumerate(row_cells(rank, e, task, protocol)):
            text = esc(c.text)
            if c.url:
                text = f'<a href="{esc(c.url)}">{text}</a>'
            cls = ' class="n"' if c.numeric else (' class="name"' if c.title else "")
            if k == MAIN_COLUMN:
                cls = ' class="n main"'
            elif c.css:
                cls = f' class="{c.css}"'
            title = f' title="{esc(c.title)}"' if c.title else ""
            tds.append(f"<td{cls}{title}>{text}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table></div>")
    return "".join(out)


def render_html(entries: Sequence[Entry], *, split: str, seed: int, resamples: int) -> str:
    esc = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>SilkRoad-News leaderboard</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<!-- Generated by silkroad-news leaderboard; edit the submissions, not this file. -->",
        "<h1>SilkRoad-News leaderboard</h1>",
        f"<p>{_code_html(_intro(split, seed, resamples))} What each figure means: "
        '<a href="METRICS.md">METRICS.md</a>. <a href="#how-to-submit">How to submit</a>.</p>',
    ]
    for task in TASKS:
        out += [f'<section id="{task}">', f"<h2>{esc(TASK_TITLES[task])}</h2>"]
        for protocol in PROTOCOL_ORDER:
            out.append(f"<h3>{esc(PROTOCOL_TITLES[protocol])}</h3>")
            rows = ranked(entries, task, protocol)
            if not rows:
                out.append("<p>No submissions under this protocol yet.</p>")
                continue
            out.append(f'<p class="note">{_code_html(_gold_line(rows, task, protocol))}</p>')
            out.append(_html_table(task, protocol, rows))
            out.append(plot_svg(task, protocol, rows))
            out.append(f'<p class="note">{esc(_mde_line(rows, task, protocol))}</p>')
            note = _zero_width_line(rows, task, protocol)
            if note:
                out.append(f'<p class="note">{esc(note)}</p>')
        out.append("</section>")
    out += _how_to_submit_html()
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


BASELINE_COLOR = "#777"
SUBMISSION_COLOR = "#1f5fa8"


def plot_svg(task: str, protocol: str, rows: Sequence[tuple[int, Entry]]) -> str:
    """A dot-and-whisker plot of the main score with its interval, one line per entry, on an
    axis from 0 to 100 (a cut axis makes small gaps look large), with a legend."""
    main = MAIN_SCORE[task]
    est = [r[1].results[protocol][task]["metrics"][main] for r in rows]
    left, width, row_h, top = 230, 440, 24, 10
    axis_y = top + row_h * len(rows) + 4
    height = axis_y + 58

    def x(v: float) -> str:
        return f"{left + v / 100 * width:.2f}"

    esc = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" height="{height}" '
        f'viewBox="0 0 {left + width + 80} {height}" role="img" aria-label="{esc(main)} of '
        f'each {esc(task)} submission under protocol {esc(protocol)}, with its interval">',
    ]
    for tick in range(0, 101, 10):
        parts.append(
            f'<line x1="{x(tick)}" y1="{top}" x2="{x(tick)}" y2="{axis_y}" stroke="#e2e2e2"/>'
            f'<text x="{x(tick)}" y="{axis_y + 14}" text-anchor="middle">{tick}</text>'
        )
    parts.append(f'<text x="{x(50)}" y="{axis_y + 30}" text-anchor="middle">{esc(main)} (%)</text>')
    for k, ((rank, entry), e) in enumerate(zip(rows, est, strict=True)):
        y = top + row_h * k + row_h / 2
        color = BASELINE_COLOR if entry.metadata.baseline else SUBMISSION_COLOR
        label = f"{rank}. {entry.metadata.name}"
        if len(label) > 34:
            label = label[:33] + "…"
        parts.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{esc(label)}</text>'
            f'<line x1="{x(e["low"] * 100)}" y1="{y:.1f}" x2="{x(e["high"] * 100)}" '
            f'y2="{y:.1f}" stroke="{color}" stroke-width="2"/>'
            f'<circle cx="{x(e["value"] * 100)}" cy="{y:.1f}" r="4" fill="{color}"/>'
            f'<text x="{left + width + 8}" y="{y + 4:.1f}">{pct(e["value"])}</text>'
        )
    ly = axis_y + 46
    parts.append(
        f'<g class="legend"><circle cx="{left}" cy="{ly - 4}" r="4" fill="{BASELINE_COLOR}"/>'
        f'<text x="{left + 8}" y="{ly}">project baseline</text>'
        f'<circle cx="{left + 130}" cy="{ly - 4}" r="4" fill="{SUBMISSION_COLOR}"/>'
        f'<text x="{left + 138}" y="{ly}">submission</text>'
        f'<line x1="{left + 230}" y1="{ly - 4}" x2="{left + 262}" y2="{ly - 4}" stroke="#444" '
        f'stroke-width="2"/><text x="{left + 268}" y="{ly}">dot: score; line: 95% interval'
        "</text></g>"
    )
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def render_results(
    entries: Sequence[Entry], *, split: str, seed: int, resamples: int
) -> dict[str, Any]:
    return {
        "split": split,
        "protocols": [{"name": p, "meaning": PROTOCOLS[Protocol(p)]} for p in PROTOCOL_ORDER],
        "seed": seed,
        "resamples": resamples,
        "scorer_version": SCORER_VERSION,
        "entries": [
            {
                "id": e.id,
                "metadata": {k: v for k, v in asdict(e.metadata).items() if v is not None},
                "results": e.results,
            }
            for e in entries
        ],
    }


def leaderboard_files(
    root: Path,
    *,
    split: str = "test",
    gold_dir: Path | None = None,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
) -> dict[Path, str]:
    """Path → content of every generated leaderboard file."""
    entries = score_submissions(
        root, split=split, gold_dir=gold_dir, seed=seed, resamples=resamples
    )
    opts: Mapping[str, Any] = {"split": split, "seed": seed, "resamples": resamples}
    base = Path(root) / LEADERBOARD_DIR
    return {
        base / "README.md": render_readme(entries, **opts),
        base / "index.html": render_html(entries, **opts),
        base / "results.json": dumps_json(render_results(entries, **opts)),
        base / "METRICS.md": metric_card(),
    }


def build_leaderboard(root: Path, **kwargs: Any) -> list[Path]:
    """Score every submission and write the leaderboard files atomically."""
    out = leaderboard_files(root, **kwargs)
    write_many_atomic(out)
    return sorted(out)


def stale_files(root: Path, **kwargs: Any) -> list[Path]:
    """Generated files whose committed content differs from what would be generated."""
    return files.stale_files(leaderboard_files(root, **kwargs))


def _leaderboard(args: argparse.Namespace) -> int:
    root = Path(args.root)
    out = leaderboard_files(
        root, split=args.split, gold_dir=args.gold_dir, seed=args.seed, resamples=args.resamples
    )
    return console.generate("leaderboard", out, check=args.check, root=root)


def add_leaderboard_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "leaderboard",
        help="score every submission and regenerate the leaderboard pages",
        description="Score leaderboard/submissions/* under every protocol and write README.md, "
        "index.html, results.json and METRICS.md under leaderboard/.",
    )
    p.add_argument("--split", default="test", choices=SPLITS, help="the split protocol test scores")
    p.add_argument(
        "--gold-dir",
        type=Path,
        help="folder with <task>.parquet or <task>.jsonl test gold, and all/<task>.* (every "
        "passage with its fold) for protocols cv and full",
    )
    add_bootstrap_options(p)
    console.add_check_flag(p)
    p.set_defaults(func=_leaderboard)
