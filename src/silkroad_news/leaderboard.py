"""The leaderboard: score every submission and regenerate its Markdown and HTML pages.

Layout
------
::

    leaderboard/
      submissions/<id>/metadata.json   who and what (strict: unknown fields are errors)
      submissions/<id>/ner.jsonl       predictions for any subset of the tasks
      submissions/<id>/claims.jsonl
      submissions/<id>/numbers.jsonl
      submissions/<id>/README.md       optional notes, not read
      README.md                        generated: one table per task, with intervals
      index.html                       generated: the same tables and an inline SVG plot
      results.json                     generated: every result of every submission
      METRICS.md                       generated: the metric card

A submission folder and its ``metadata.json`` are a submission format, defined beside the
predictions formats in :mod:`silkroad_news.evaluate.formats`; the leaderboard only reads them.
``<id>`` is lowercase ASCII (``[a-z0-9][a-z0-9._-]*``). ``silkroad-news leaderboard`` scores
each predictions file against ``splits/<task>/<split>`` (or ``--gold-dir DIR`` holding
``<task>.parquet`` / ``<task>.jsonl``, for private test gold), with the evaluation script's
default bootstrap, and writes the four files atomically. The same submissions and gold give
the same bytes: no timestamps, sorted entries, fixed number formats. A submission that fails
validation stops the run with its error (exit code 2): a leaderboard never shows a number the
scorer would refuse to give. ``--check`` compares instead of writing (exit code 1 when a page
is out of date).

Ranking: by the task's main score, highest first, ties by id; equal scores share a rank. Ranks
are not significance: the intervals and ``silkroad-news compare`` say whether two entries differ.
"""

from __future__ import annotations

import argparse
import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import console, files
from .evaluate import SubmissionError, evaluate_predictions, find_gold, read_gold
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
    read_metadata,
)
from .evaluate.metrics import HEADLINE, MAIN_SCORE
from .evaluate.report import CONFIDENCE, SCORER_VERSION, interval, metric_card, pct
from .files import dumps_json, write_many_atomic
from .schema import SPLITS, TASKS

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")
TASK_TITLES = {
    "ner": "Named entities (ner)",
    "claims": "Numeric claims (claims)",
    "numbers": "Number mentions (numbers)",
}


@dataclass(frozen=True)
class Entry:
    id: str
    metadata: Metadata
    results: dict[str, dict[str, Any]]  # task → result of the evaluation script


def find_submissions(root: Path) -> list[tuple[str, Path]]:
    """Every submission folder, sorted by id; refuses stray files and bad ids."""
    folder = Path(root) / LEADERBOARD_DIR / SUBMISSIONS
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if not path.is_dir():
            raise SubmissionError(f"{path}: expected a submission folder, found a file")
        if not ID_PATTERN.fullmatch(path.name):
            raise SubmissionError(
                f"{path}: submission folder names are lowercase ASCII letters, digits, '.', "
                f"'_' and '-', starting with a letter or digit"
            )
        allowed = {METADATA_FILE, NOTES_FILE, *(f"{t}.jsonl" for t in TASKS)}
        for f in sorted(path.iterdir()):
            if f.name not in allowed:
                raise SubmissionError(
                    f"{f}: unknown file in a submission; allowed: {', '.join(sorted(allowed))}"
                )
        if not any([files.is_present(path / f"{t}.jsonl") for t in TASKS]):
            raise SubmissionError(
                f"{path}: no predictions file ({', '.join(f'{t}.jsonl' for t in TASKS)})"
            )
        out.append((path.name, path))
    return out


def score_submissions(
    root: Path,
    *,
    split: str = "test",
    gold_dir: Path | None = None,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
) -> list[Entry]:
    """Validate and score every submission; the gold of each task is read once."""
    check_bootstrap(seed, resamples)  # refused even when there is nothing to score
    submissions = find_submissions(root)
    golds = {}
    entries = []
    for sid, path in submissions:
        meta = read_metadata(path / METADATA_FILE)
        results = {}
        for task in TASKS:
            predictions = path / f"{task}.jsonl"
            if not files.is_present(predictions):
                continue
            if task not in golds:
                golds[task] = read_gold(task, _gold_path(task, split, root, gold_dir))
            results[task] = evaluate_predictions(
                golds[task], predictions, split=split, seed=seed, resamples=resamples
            )
        entries.append(Entry(sid, meta, results))
    return entries


def _gold_path(task: str, split: str, root: Path, gold_dir: Path | None) -> Path:
    if gold_dir is None:
        return find_gold(task, split, root)
    path = codalab_gold(Path(gold_dir), task)
    if path is None:
        raise SubmissionError(f"{gold_dir}: no gold for task {task!r} ({task}.parquet or .jsonl)")
    return path


def ranked(entries: Sequence[Entry], task: str) -> list[tuple[int, Entry]]:
    """Entries with a result for ``task``, best first; equal main scores share a rank."""
    main = MAIN_SCORE[task]
    have = [e for e in entries if task in e.results]
    have.sort(key=lambda e: (-e.results[task]["metrics"][main]["value"], e.id))
    values = [e.results[task]["metrics"][main]["value"] for e in have]
    return [(1 + sum(v > values[i] for v in values), e) for i, e in enumerate(have)]


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _md(text: str) -> str:
    # Table cells: a pipe would end the cell; a bracket or an asterisk would start markup.
    return re.sub(r"([|\\`*_\[\]<>])", r"\\\1", text)


def _who(meta: Metadata) -> str:
    return meta.team or ", ".join(meta.authors)


def _gold_note(entries: Sequence[Entry], task: str) -> dict[str, Any] | None:
    for e in entries:
        if task in e.results:
            return e.results[task]["gold"]
    return None


def render_readme(entries: Sequence[Entry], *, split: str, seed: int, resamples: int) -> str:
    lines = [
        "# SilkRoad-News leaderboard",
        "",
        "<!-- Generated by `silkroad-news leaderboard`; edit the submissions, not this file. -->",
        "",
        f"Split: **{split}**. Scores are percentages; the main score of each task carries its "
        f"{CONFIDENCE:.0%} bootstrap interval ({resamples} resamples of passages, seed {seed}; "
        f"scorer {SCORER_VERSION}). Ranks are not significance tests: overlapping intervals mean "
        f"the data cannot tell the entries apart; `silkroad-news compare` gives a paired test. "
        f"What each figure means: [METRICS.md](METRICS.md). Also as a page: "
        f"[index.html](index.html).",
        "",
    ]
    for task in TASKS:
        lines += [f"## {TASK_TITLES[task]}", ""]
        rows = ranked(entries, task)
        if not rows:
            lines += ["No submissions yet.", ""]
            continue
        gold = _gold_note(entries, task)
        assert gold is not None
        figs = HEADLINE[task]
        lines += [
            f"Gold `{gold['file']}`: {gold['rows']} rows, sha256 `{gold['sha256'][:16]}…`.",
            "",
            "| rank | submission | team / authors | type | date | "
            + " | ".join(f"{figs[0]} [95% CI]" if i == 0 else f for i, f in enumerate(figs))
            + " |",
            "| ---: | --- | --- | --- | --- | " + " | ".join("---:" for _ in figs) + " |",
        ]
        for rank, e in rows:
            m = e.metadata
            name = _md(m.name) + (" (baseline)" if m.baseline else "")
            if m.url:
                name = f"[{name}]({m.url})"
            metrics = e.results[task]["metrics"]
            cells = [interval(metrics[figs[0]])] + [pct(metrics[f]["value"]) for f in figs[1:]]
            lines.append(
                f"| {rank} | {name} | {_md(_who(m))} | {m.model_type.value} | {m.date} | "
                + " | ".join(cells)
                + " |"
            )
        lines.append("")
    lines += _how_to_submit()
    return "\n".join(lines)


def _how_to_submit() -> list[str]:
    lines = [
        "## How to submit",
        "",
        "1. Predict the test split of any of the tasks and write JSON Lines files in the "
        "formats of `schemas/submission/`: `ner.jsonl`, `claims.jsonl`, `numbers.jsonl`.",
        "2. Check them: `silkroad-news evaluate --task ner --predictions ner.jsonl "
        "--validate-only`.",
        "3. Add a folder `leaderboard/submissions/<id>/` (lowercase ASCII id) with the files and "
        "a `metadata.json`:",
        "",
        "| field | required | meaning |",
        "| --- | --- | --- |",
    ]
    for name, (required, _, text) in METADATA_FIELDS.items():
        lines.append(f"| `{name}` | {'yes' if required else 'no'} | {text} |")
    lines += [
        "",
        "4. Run `silkroad-news leaderboard` and open a pull request with the folder and the "
        "regenerated pages.",
        "",
    ]
    return lines


_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;\
color:#222}table{border-collapse:collapse;margin:1rem 0}th,td{padding:.3rem .6rem;\
border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right;font-variant-numeric:\
tabular-nums}svg text{font-family:system-ui,sans-serif;font-size:12px}"""


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
        f"<p>Split: <strong>{esc(split)}</strong>. Scores are percentages; the plot and the "
        f"main score show {CONFIDENCE:.0%} bootstrap intervals ({resamples} resamples of "
        f"passages, seed {seed}; scorer {esc(SCORER_VERSION)}). Ranks are not significance "
        f'tests. What each figure means: <a href="METRICS.md">METRICS.md</a>.</p>',
    ]
    for task in TASKS:
        out.append(f'<section id="{task}">')
        out.append(f"<h2>{esc(TASK_TITLES[task])}</h2>")
        rows = ranked(entries, task)
        if not rows:
            out += ["<p>No submissions yet.</p>", "</section>"]
            continue
        figs = HEADLINE[task]
        out.append(plot_svg(task, rows))
        out.append("<table>")
        head = ["rank", "submission", "team / authors", "type", "date"]
        head += [f"{figs[0]} [95% CI]", *figs[1:]]
        out.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr>")
        for rank, e in rows:
            m = e.metadata
            name = esc(m.name) + (" (baseline)" if m.baseline else "")
            if m.url:
                name = f'<a href="{esc(m.url)}">{name}</a>'
            metrics = e.results[task]["metrics"]
            cells = [interval(metrics[figs[0]])] + [pct(metrics[f]["value"]) for f in figs[1:]]
            out.append(
                f'<tr><td class="n">{rank}</td><td title="{esc(m.description)}">{name}</td>'
                f"<td>{esc(_who(m))}</td><td>{esc(m.model_type.value)}</td><td>{esc(m.date)}</td>"
                + "".join(f'<td class="n">{c}</td>' for c in cells)
                + "</tr>"
            )
        out += ["</table>", "</section>"]
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def plot_svg(task: str, rows: Sequence[tuple[int, Entry]]) -> str:
    """A dot-and-whisker plot of the main score with its interval, one line per entry."""
    main = MAIN_SCORE[task]
    est = [r[1].results[task]["metrics"][main] for r in rows]
    lo = min(e["low"] for e in est) * 100
    hi = max(e["high"] for e in est) * 100
    # Axis from the decade below the lowest bound to the decade above the highest one.
    x0 = max(0.0, math.floor(lo / 10) * 10)
    x1 = min(100.0, max(x0 + 10, math.ceil(hi / 10) * 10))
    # all scores at 100 would give an empty axis: keep at least one decade
    x0 = min(x0, x1 - 10)
    left, width, row_h, top = 220, 400, 24, 10
    height = top + row_h * len(rows) + 30

    def x(v: float) -> str:
        return f"{left + (v - x0) / (x1 - x0) * width:.2f}"

    esc = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 70}" height="{height}" '
        f'role="img" aria-label="{esc(main)} of each {esc(task)} submission with its interval">',
    ]
    for tick in range(int(x0), int(x1) + 1, 10):
        parts.append(
            f'<line x1="{x(tick)}" y1="{top}" x2="{x(tick)}" y2="{height - 20}" stroke="#ddd"/>'
            f'<text x="{x(tick)}" y="{height - 6}" text-anchor="middle">{tick}</text>'
        )
    for k, ((rank, entry), e) in enumerate(zip(rows, est, strict=True)):
        y = top + row_h * k + row_h / 2
        color = "#888" if entry.metadata.baseline else "#1f5fa8"
        label = f"{rank}. {entry.metadata.name}"
        if len(label) > 32:
            label = label[:31] + "…"
        parts.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{esc(label)}</text>'
            f'<line x1="{x(e["low"] * 100)}" y1="{y:.1f}" x2="{x(e["high"] * 100)}" '
            f'y2="{y:.1f}" stroke="{color}" stroke-width="2"/>'
            f'<circle cx="{x(e["value"] * 100)}" cy="{y:.1f}" r="4" fill="{color}"/>'
            f'<text x="{left + width + 8}" y="{y + 4:.1f}">{pct(e["value"])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def render_results(
    entries: Sequence[Entry], *, split: str, seed: int, resamples: int
) -> dict[str, Any]:
    return {
        "split": split,
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
    results = render_results(entries, **opts)
    base = Path(root) / LEADERBOARD_DIR
    return {
        base / "README.md": render_readme(entries, **opts),
        base / "index.html": render_html(entries, **opts),
        base / "results.json": dumps_json(results),
        base / "METRICS.md": metric_card(),
    }


def build_leaderboard(root: Path, **kwargs: Any) -> list[Path]:
    """Score every submission and write the leaderboard files atomically."""
    files = leaderboard_files(root, **kwargs)
    write_many_atomic(files)
    return sorted(files)


def stale_files(root: Path, **kwargs: Any) -> list[Path]:
    """Generated files whose committed content differs from what would be generated."""
    return files.stale_files(leaderboard_files(root, **kwargs))


def _leaderboard(args: argparse.Namespace) -> int:
    root = Path(args.root)
    files = leaderboard_files(
        root, split=args.split, gold_dir=args.gold_dir, seed=args.seed, resamples=args.resamples
    )
    return console.generate("leaderboard", files, check=args.check, root=root)


def add_leaderboard_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "leaderboard",
        help="score every submission and regenerate the leaderboard pages",
        description="Score leaderboard/submissions/* and write README.md, index.html, "
        "results.json and METRICS.md under leaderboard/.",
    )
    p.add_argument("--split", default="test", choices=SPLITS)
    p.add_argument(
        "--gold-dir", type=Path, help="folder with <task>.parquet or <task>.jsonl gold files"
    )
    add_bootstrap_options(p)
    console.add_check_flag(p)
    p.set_defaults(func=_leaderboard)
