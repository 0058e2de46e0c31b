"""Report: self-describing results as JSON, Markdown, CodaLab ``scores.txt`` and the metric card.

A result records what was scored and how (task, split, gold file name, SHA-256 and row count,
predictions SHA-256, scorer, package and schema versions, seed, resamples) beside the figures,
so two numbers can always be traced to their inputs. The same inputs give the same bytes; the
evaluation time is added only when asked for.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import dumps_json
from ..schema import SCHEMA_VERSION, EntityType, number_labels
from .inputs import CLAIM_ATTRIBUTES, CLAIM_PARTS, Gold, Predictions
from .metrics import (
    FIGURE_DOCS,
    HEADLINE,
    MAIN_SCORE,
    NUMBER_REL_TOL,
    SEMEVAL_SCHEMES,
    Comparison,
    Counts,
    Estimate,
    confusion_matrix,
)

#: Bump on any change that can move a number; results carry it.
SCORER_VERSION = "1.0.0"
CONFIDENCE = 0.95


def _provenance(
    task: str, split: str, gold: Gold, *, seed: int, resamples: int, timestamp: bool
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "task": task,
        "split": split,
        "gold": {
            "file": Path(gold.source).name,
            "sha256": gold.sha256,
            "rows": len(gold.ids),
            "passages": gold.n_units,
        },
        "scorer_version": SCORER_VERSION,
        "package_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "bootstrap": {
            "seed": seed,
            "resamples": resamples,
            "confidence": CONFIDENCE,
            "method": "percentile",
            "unit": "passage",
        },
    }
    if timestamp:
        out["evaluated_at"] = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    return out


def make_result(
    split: str,
    gold: Gold,
    predictions: Predictions,
    counts: Counts,
    estimates: Mapping[str, Estimate],
    *,
    seed: int,
    resamples: int,
    timestamp: bool = False,
) -> dict[str, Any]:
    """The self-describing result of one evaluation (plain JSON types)."""
    task = gold.task
    main = MAIN_SCORE[task]
    out = _provenance(task, split, gold, seed=seed, resamples=resamples, timestamp=timestamp)
    out["predictions"] = {"file": Path(predictions.source).name, "sha256": predictions.sha256}
    out["main_score"] = {"name": main, **asdict(estimates[main])}
    out["metrics"] = {name: asdict(e) for name, e in estimates.items()}
    out["counts"] = counts.totals()
    if task == "numbers":
        out["confusion_matrix"] = {
            "labels": number_labels(),
            "rows": "gold",
            "columns": "predicted",
            "matrix": confusion_matrix(counts),
        }
    return out


def make_comparison(
    split: str,
    gold: Gold,
    a: Predictions,
    b: Predictions,
    comparison: Comparison,
    *,
    seed: int,
    resamples: int,
    timestamp: bool = False,
) -> dict[str, Any]:
    out = _provenance(gold.task, split, gold, seed=seed, resamples=resamples, timestamp=timestamp)
    out["bootstrap"]["test"] = "paired, two-sided, shifted to the null (Efron & Tibshirani 16.4)"
    out["a"] = {"file": Path(a.source).name, "sha256": a.sha256, **asdict(comparison.a)}
    out["b"] = {"file": Path(b.source).name, "sha256": b.sha256, **asdict(comparison.b)}
    out["figure"] = comparison.figure
    out["difference"] = asdict(comparison.difference)
    out["p_value"] = comparison.p_value
    return out


def render_json(result: Mapping[str, Any]) -> str:
    return dumps_json(result)


def pct(value: float) -> str:
    """A ratio as a percentage with two decimals, the form of every table."""
    return f"{100.0 * value:.2f}"


def interval(e: Mapping[str, float]) -> str:
    return f"{pct(e['value'])} [{pct(e['low'])}, {pct(e['high'])}]"


def _header(result: Mapping[str, Any]) -> list[str]:
    g = result["gold"]
    b = result["bootstrap"]
    lines = [
        "| | |",
        "| --- | --- |",
        f"| gold | `{g['file']}`: {g['rows']} rows, {g['passages']} passages, "
        f"sha256 `{g['sha256']}` |",
    ]
    for key in ("predictions", "a", "b"):
        if key in result:
            p = result[key]
            label = "predictions" if key == "predictions" else f"system {key.upper()}"
            lines.append(f"| {label} | `{p['file']}`: sha256 `{p['sha256']}` |")
    lines += [
        f"| scorer | {result['scorer_version']} (silkroad-news {result['package_version']}, "
        f"schema {result['schema_version']}) |",
        f"| intervals | {int(b['confidence'] * 100)}% {b['method']} bootstrap, {b['resamples']} "
        f"resamples of {b['unit']}s, seed {b['seed']} |",
    ]
    if "evaluated_at" in result:
        lines.append(f"| evaluated at | {result['evaluated_at']} |")
    return lines


def _absent_classes(result: Mapping[str, Any]) -> set[str]:
    """Entity types or labels on neither side: their all-zero rows only hide the others."""
    counts = result["counts"]
    if result["task"] == "ner":
        return {t for t in EntityType.values() if not counts[f"pred.{t}"] + counts[f"gold.{t}"]}
    if result["task"] == "numbers":
        labels = number_labels()
        return {
            a
            for a in labels
            if not sum(counts[f"cm.{a}.{b}"] + counts[f"cm.{b}.{a}"] for b in labels)
        }
    return set()


def render_markdown(result: Mapping[str, Any]) -> str:
    """A human-readable report: provenance, headline figures, then every figure."""
    task = result["task"]
    metrics = result["metrics"]
    main = result["main_score"]
    lines = [f"# SilkRoad-News evaluation: {task} ({result['split']})", "", *_header(result), ""]
    lines += [f"**{main['name']}: {interval(main)}** (percent, {CONFIDENCE:.0%} interval)", ""]
    lines += ["## Figures", "", "| figure | value [95% interval] |", "| --- | --- |"]
    absent = _absent_classes(result)
    rest = [
        n
        for n in metrics
        if n not in HEADLINE[task] and not (n.count(".") == 2 and n.split(".")[1] in absent)
    ]
    lines += [f"| {n} | {interval(metrics[n])} |" for n in (*HEADLINE[task], *rest)]
    lines += ["", "## Counts", "", "| count | total |", "| --- | ---: |"]
    lines += [f"| {k} | {v} |" for k, v in result["counts"].items() if v or "." not in k]
    if "confusion_matrix" in result:
        cm = result["confusion_matrix"]
        lines += ["", "## Confusion matrix (rows: gold, columns: predicted)", ""]
        lines += ["| | " + " | ".join(cm["labels"]) + " |"]
        lines += ["| --- |" + " ---: |" * len(cm["labels"])]
        for label, row in zip(cm["labels"], cm["matrix"], strict=True):
            lines += [f"| {label} | " + " | ".join(str(x) for x in row) + " |"]
    return "\n".join(lines) + "\n"


def render_comparison_markdown(result: Mapping[str, Any]) -> str:
    fig = result["figure"]
    lines = [
        f"# SilkRoad-News comparison: {result['task']} ({result['split']})",
        "",
        *_header(result),
        "",
        f"| system | {fig} [95% interval] |",
        "| --- | --- |",
        f"| A `{result['a']['file']}` | {interval(result['a'])} |",
        f"| B `{result['b']['file']}` | {interval(result['b'])} |",
        f"| A − B | {interval(result['difference'])} |",
        "",
        f"Paired bootstrap p-value (two-sided): {result['p_value']:.4f}",
    ]
    return "\n".join(lines) + "\n"


def scores_txt(results: Sequence[Mapping[str, Any]]) -> str:
    """CodaLab's ``scores.txt``: ``key: value`` lines, headline figures and their intervals."""
    lines = []
    for result in results:
        task = result["task"]
        for name in HEADLINE[task]:
            e = result["metrics"][name]
            key = f"{task}_{name.replace('.', '_')}"
            lines += [f"{key}: {e['value']:.6f}"]
            lines += [f"{key}_low: {e['low']:.6f}", f"{key}_high: {e['high']:.6f}"]
    return "\n".join(lines) + "\n"


def metric_card() -> str:
    """``leaderboard/METRICS.md``: what each figure means, how it is computed, its limits."""
    figure_rows = []
    for task, docs in FIGURE_DOCS.items():
        for name, text in docs:
            figure_rows.append(f"| {task} | `{name}` | {text} |")
    types = ", ".join(f"`{t}`" for t in EntityType.values())
    attrs = ", ".join(f"`{name}`" for name, _ in CLAIM_ATTRIBUTES)
    parts = ", ".join(f"`{p}`" for p in CLAIM_PARTS)
    return f"""# SilkRoad-News metrics

<!-- Generated by silkroad_news.evaluate.report.metric_card(); `silkroad-news leaderboard`
writes it. Edit the code, not this file. -->

Scorer version {SCORER_VERSION}, schema version {SCHEMA_VERSION}.

## Description

One scorer for the three tasks of SilkRoad-News, a pure function from gold and predictions to
addable counts, behind `silkroad-news evaluate`. It validates a submission completely before
scoring it and refuses bad input with one message naming the file, line, id and field (exit
code 2); it never repairs a prediction.

- **ner**: character-level named entities ({types}); ranked by `{MAIN_SCORE["ner"]}`, strict
  micro F1.
- **claims**: numeric claims: the VALUE span, the attributes `number`, {attrs}, and the
  linked parts {parts}; ranked by `{MAIN_SCORE["claims"]}`, full-claim F1.
- **numbers**: one label per number mention (the claim kinds or `not_claim`); ranked by
  `{MAIN_SCORE["numbers"]}`.

## Inputs

Gold: the Hugging Face config rows (`splits/<task>/<split>.parquet` or `.jsonl`).
Predictions: JSON Lines, one object per gold row, aligned by `id` (never by line order),
documented by `schemas/submission/<task>.schema.json`. Offsets are Python code points into the
row's `text`, end exclusive; text fields in predictions are optional and, if given, must equal
`text[start:end]`.

- ner: `{{"id", "entities": [{{"start", "end", "type"}}]}}` (no overlaps) or
  `{{"id", "tags": [...]}}`, one strict BIO (IOB2) tag per character: `I-X` after `O` or after
  another type is an error.
- claims: `{{"id", "claims": [{{"value": {{"start", "end"}}, "number", "unit", "kind", "approx",
  "direction", "modality", "metric", "subject", "time"}}]}}`, parts `{{"start", "end"}}` or `null`,
  `unit_text` optional and not scored; at most one claim per value span.
- numbers: `{{"id", "label"}}` with a label name.

## Outputs

Every figure is a ratio in [0, 1] (tables show percentages) with a {CONFIDENCE:.0%} bootstrap
interval. Ratios with a zero denominator are 0, as in seqeval and scikit-learn.

| task | figure | meaning |
| --- | --- | --- |
{chr(10).join(figure_rows)}

## Matching rules

- **Strict span** (ner, claims): same start, same end (and for ner the same type).
- **SemEval-2013** (ner): the four schemes ({", ".join(SEMEVAL_SCHEMES)}) with the outcomes
  correct, incorrect, partial, missed, spurious, matched as nervaluate 1.x does (greedy, each
  gold entity used once, predictions in text order); precision = (correct + ½ partial) /
  (correct + incorrect + partial + spurious), recall over (correct + incorrect + partial +
  missed), ½ partial only in `partial` and `ent_type`. Any shared character is an overlap.
- **Claims**: a predicted claim matches the gold claim with the same VALUE span. On matched
  claims: `number` is right within a relative tolerance of {NUMBER_REL_TOL:g} (so `1.5e9`
  and `1500000000` agree, `1.5e9` and `1.49e9` do not); labels must be equal. A part span is a
  true positive only when its claim matched and the spans are equal. *Null parts*: a part absent
  on both sides is agreement (it counts in `<part>.accuracy` and for the full claim) but not a
  true positive (span F1 counts spans, so a system that never predicts a TIME cannot gain TIME
  F1 from gold claims without one). Full claim = value matched, every attribute right and every
  part agreeing.

## Confidence intervals and comparisons

Passages are resampled with replacement (1,000 times by default, `numpy` PCG64 seeded with 0):
rows of the `ner` and `claims` configs are passages; `numbers` rows (mentions) are grouped by
passage (same `doc_id` and `text`), since mentions of one passage are not independent. Intervals
are percentile intervals. `silkroad-news compare A B` resamples the same passages for both
systems and reports the difference with its interval and a two-sided paired bootstrap p-value
(Efron & Tibshirani 1993, §16.4; Berg-Kirkpatrick et al. 2012); identical systems give p = 1.

## Values

See `leaderboard/README.md`; the baselines are its first entries.

## Limitations

- The test split is small: read the intervals before the ranks, and use `compare` before
  claiming that one system beats another.
- Passages are resampled, documents are not: passages of one article share style and topic,
  so the intervals are somewhat narrow.
- Strict span F1 gives no credit for a boundary off by one character; the SemEval `partial`
  and `ent_type` figures show how much of an error is a boundary.
- Nested or overlapping entities are outside the task; predictions with overlaps are refused.
- Per-type SemEval figures are not reported (only overall).
- Claims are matched by VALUE span only; a claim whose value span is off by one character is
  missed entirely, with all its attributes.

## References

- Isabel Segura-Bedmar, Paloma Martínez, María Herrero-Zazo. SemEval-2013 Task 9: Extraction
  of Drug-Drug Interactions from Biomedical Texts. SemEval 2013.
- Hiroki Nakayama. seqeval: A Python framework for sequence labeling evaluation. 2018.
- Bradley Efron, Robert Tibshirani. An Introduction to the Bootstrap. Chapman & Hall, 1993.
- Philipp Koehn. Statistical Significance Tests for Machine Translation Evaluation. EMNLP 2004.
- Taylor Berg-Kirkpatrick, David Burkett, Dan Klein. An Empirical Investigation of Statistical
  Significance in NLP. EMNLP 2012.
"""
