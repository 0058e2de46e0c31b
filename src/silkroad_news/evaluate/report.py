"""Report: self-describing results as JSON, Markdown, CodaLab ``scores.txt`` and the metric card.

A result records what was scored and how (task, protocol, split or fold, gold file name, SHA-256
and row count, predictions SHA-256, scorer, package and schema versions, seed, resamples) beside
the figures, so two numbers can always be traced to their inputs. The main score carries its
bootstrap standard error (the standard deviation of its resampled values) and its minimum
detectable difference (``mde``, ``null`` and shown as "n/a" when the resamples show no spread).
The same inputs give the same bytes; the evaluation time is added only when asked for.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from ..files import dumps_json, shown_name
from ..schema import PROTOCOLS, SCHEMA_VERSION, EntityType, NumberCategory, Protocol
from ..units import INVENTORY_VERSION
from .inputs import CLAIM_PARTS, READ_CATEGORIES, SCORED_CLAIM_ATTRIBUTES, Gold, Predictions
from .metrics import (
    CREDIT_FIELDS,
    FIGURE_DOCS,
    HEADLINE,
    MAIN_SCORE,
    MDE_FACTOR,
    MENTION_FIELDS,
    NUMBER_REL_TOL,
    SEMEVAL_SCHEMES,
    Comparison,
    Counts,
    Estimate,
    figures,
    mde,
    zero_width,
)

#: Bump on any change that can move a number; results carry it.
SCORER_VERSION = "2.1.0"
CONFIDENCE = 0.95
#: The mark of a zero-width interval in Markdown, and what it means.
ZERO_WIDTH_MARK = "‡"
ZERO_WIDTH_NOTE = (
    f"{ZERO_WIDTH_MARK} zero-width interval: every bootstrap resample gave the same value (a "
    "perfect or empty result, or too few passages that differ). It is not certainty: the "
    "figure on other passages can differ; the cross-validation figure (protocol cv) shows by "
    "how much."
)


def _gold_block(gold: Gold) -> dict[str, Any]:
    out: dict[str, Any] = {
        "file": shown_name(gold.source if len(gold.files) > 1 else Path(gold.source).name),
        "sha256": gold.sha256,
        "rows": len(gold.ids),
        "passages": gold.n_units,
    }
    if len(gold.files) > 1:
        out["files"] = dict(gold.files)
    return out


def _provenance(
    task: str, split: str | None, gold: Gold, *, seed: int, resamples: int, timestamp: bool
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "task": task,
        "protocol": gold.protocol,
        "split": split if gold.protocol == Protocol.TEST.value else None,
        "gold": _gold_block(gold),
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
    if gold.fold is not None:
        out["fold"] = gold.fold
    if timestamp:
        out["evaluated_at"] = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    return out


def main_score(task: str, estimates: Mapping[str, Estimate]) -> dict[str, Any]:
    """The ranked figure with its interval, standard error, MDE and zero-width flag."""
    name = MAIN_SCORE[task]
    e = estimates[name]
    return {"name": name, **asdict(e), "mde": mde(e), "zero_width": zero_width(e)}


def per_fold(counts: Counts, gold: Gold) -> dict[str, Any] | None:
    """The main score of each fold (point values) with their mean and sample standard
    deviation, for a result that spans several folds; ``None`` otherwise."""
    folds = gold.row_folds()
    present = sorted(set(folds.tolist()) - {-1})
    if gold.protocol != Protocol.CV.value or len(present) < 2 or (folds < 0).any():
        return None
    name = MAIN_SCORE[counts.task]
    values = {}
    for k in present:
        tot = counts.values[folds == k].sum(axis=0)
        figs = figures(
            counts.task, {c: np.array([v]) for c, v in zip(counts.columns, tot, strict=True)}
        )
        values[str(k)] = float(figs[name][0])
    v = np.array(list(values.values()))
    return {
        "figure": name,
        "values": values,
        "mean": float(v.mean()),
        "sd": float(v.std(ddof=1)),
    }


def make_result(
    split: str | None,
    gold: Gold,
    predictions: Predictions,
    counts: Counts,
    estimates: Mapping[str, Estimate],
    *,
    seed: int,
    resamples: int,
    timestamp: bool = False,
) -> dict[str, Any]:
    """The self-describing result of one evaluation (plain JSON types).

    ``split`` names the split scored under protocol ``test`` (``None`` when the gold was a file
    given with ``--gold``); the protocol and fold come from ``gold``.
    """
    task = gold.task
    out = _provenance(task, split, gold, seed=seed, resamples=resamples, timestamp=timestamp)
    name = shown_name(Path(predictions.source).name)
    out["predictions"] = {"file": name, "sha256": predictions.sha256}
    if predictions.forms:
        out["predictions"]["format"] = list(predictions.forms)
    out["main_score"] = main_score(task, estimates)
    out["metrics"] = {name: asdict(e) for name, e in estimates.items()}
    out["counts"] = counts.totals()
    folds = per_fold(counts, gold)
    if folds is not None:
        out["folds"] = folds
    if task == "ner" and gold.seen is None:
        out["notes"] = [
            "unseen.* not computed: this gold came without its training data (evaluate from "
            "the repository, or read the gold with load_gold)"
        ]
    return out


def make_comparison(
    split: str | None,
    gold: Gold,
    a: Predictions,
    b: Predictions,
    comparison: Comparison,
    *,
    seed: int,
    resamples: int,
    timestamp: bool = False,
) -> dict[str, Any]:
    """The paired comparison of two systems; files are named by their full paths."""
    out = _provenance(gold.task, split, gold, seed=seed, resamples=resamples, timestamp=timestamp)
    path = os.path.abspath(gold.source) if len(gold.files) <= 1 else gold.source
    out["gold"]["path"] = shown_name(path)
    out["bootstrap"]["test"] = "paired, two-sided, shifted to the null (Efron & Tibshirani 16.4)"
    # the difference's interval and se are those of A - B over the same resampled passages
    out["bootstrap"]["difference"] = "paired: A - B on each resample of the same passages"
    for key, pred, est in (("a", a, comparison.a), ("b", b, comparison.b)):
        out[key] = {
            "file": shown_name(os.path.abspath(pred.source)),
            "sha256": pred.sha256,
            **asdict(est),
            "mde": mde(est),
        }
    out["figure"] = comparison.figure
    out["difference"] = asdict(comparison.difference)
    out["p_value"] = comparison.p_value
    return out


def render_json(result: Mapping[str, Any]) -> str:
    return dumps_json(result)


def pct(value: float) -> str:
    """A ratio as a percentage with two decimals, the form of every table."""
    return f"{100.0 * value:.2f}"


#: How a minimum detectable difference that does not apply (``None``) is shown.
NOT_APPLICABLE = "n/a"


def mde_text(value: float | None) -> str:
    """A minimum detectable difference in points, or :data:`NOT_APPLICABLE`."""
    return NOT_APPLICABLE if value is None else pct(value)


def interval(e: Mapping[str, float]) -> str:
    """``value [low, high]`` in percent."""
    return f"{pct(e['value'])} [{pct(e['low'])}, {pct(e['high'])}]"


def marked_interval(e: Mapping[str, float]) -> str:
    """:func:`interval`, marked with :data:`ZERO_WIDTH_MARK` when it has zero width (a page
    that shows the mark also shows :data:`ZERO_WIDTH_NOTE`)."""
    return interval(e) + (ZERO_WIDTH_MARK if zero_width(e) else "")


def title(result: Mapping[str, Any]) -> str:
    """What was scored, in words: task, protocol, and the split, fold or gold file."""
    protocol = result.get("protocol", Protocol.TEST.value)
    what = f"{result['task']}, protocol {protocol}"
    if "fold" in result:
        return f"{what}, fold {result['fold']}"
    if protocol == Protocol.CV.value:
        return f"{what}, every fold"
    if protocol == Protocol.TEST.value:
        if result.get("split") is None:
            return f"{what}, gold file {result['gold'].get('path', result['gold']['file'])}"
        return f"{what}, {result['split']} split"
    return what


def _header(result: Mapping[str, Any]) -> list[str]:
    g = result["gold"]
    b = result["bootstrap"]
    lines = [
        "| | |",
        "| --- | --- |",
        f"| gold | `{g.get('path', g['file'])}`: {g['rows']} rows, {g['passages']} passages, "
        f"sha256 `{g['sha256']}` |",
    ]
    for key in ("predictions", "a", "b"):
        if key in result:
            p = result[key]
            label = "predictions" if key == "predictions" else f"system {key.upper()}"
            form = f" ({', '.join(p['format'])})" if p.get("format") else ""
            lines.append(f"| {label} | `{p['file']}`{form}: sha256 `{p['sha256']}` |")
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
    """Entity types or categories on neither side: their all-zero rows only hide the others."""
    counts = result["counts"]
    if result["task"] == "ner":
        return {t for t in EntityType.values() if not counts[f"pred.{t}"] + counts[f"gold.{t}"]}
    if result["task"] == "numbers":
        return {c for c in NumberCategory.values() if not counts[f"pred.{c}"] + counts[f"gold.{c}"]}
    return set()


def _shown(name: str, absent: set[str]) -> bool:
    parts = name.split(".")
    return not (len(parts) >= 3 and parts[-2] in absent)


def render_markdown(result: Mapping[str, Any]) -> str:
    """A human-readable report: provenance, headline figures, then every figure."""
    task = result["task"]
    metrics = result["metrics"]
    main = result["main_score"]
    lines = [f"# SilkRoad-News evaluation: {title(result)}", "", *_header(result), ""]
    lines += [
        f"**{main['name']}: {marked_interval(main)}** (percent, {CONFIDENCE:.0%} interval; "
        f"{_mde_phrase(main['mde'])})",
        "",
    ]
    if "folds" in result:
        f = result["folds"]
        per = ", ".join(f"fold {k}: {pct(v)}" for k, v in f["values"].items())
        lines += [f"Per fold ({f['figure']}): {per}; mean {pct(f['mean'])} ± {pct(f['sd'])}.", ""]
    for note in result.get("notes", ()):
        lines += [f"Note: {note}.", ""]
    lines += ["## Figures", "", "| figure | value [95% interval] |", "| --- | --- |"]
    absent = _absent_classes(result)
    rest = [n for n in metrics if n not in HEADLINE[task] and _shown(n, absent)]
    lines += [
        f"| {n} | {marked_interval(metrics[n])} |" for n in (*HEADLINE[task], *rest) if n in metrics
    ]
    if any(zero_width(metrics[n]) for n in metrics) or zero_width(main):
        lines += ["", ZERO_WIDTH_NOTE]
    lines += ["", "## Counts", "", "| count | total |", "| --- | ---: |"]
    lines += [f"| {k} | {_count(v)} |" for k, v in result["counts"].items() if v or "." not in k]
    return "\n".join(lines) + "\n"


def _mde_phrase(value: float | None) -> str:
    if value is None:
        return f"minimum detectable difference {NOT_APPLICABLE}: the resamples show no spread"
    return f"minimum detectable difference {pct(value)} points"


def _count(value: float) -> str:
    return str(value) if isinstance(value, int) else f"{value:.4f}"


def render_comparison_markdown(result: Mapping[str, Any]) -> str:
    fig = result["figure"]
    lines = [
        f"# SilkRoad-News comparison: {title(result)}",
        "",
        *_header(result),
        "",
        f"| system | {fig} [95% interval] |",
        "| --- | --- |",
        f"| A `{result['a']['file']}` | {marked_interval(result['a'])} |",
        f"| B `{result['b']['file']}` | {marked_interval(result['b'])} |",
        f"| A − B | {marked_interval(result['difference'])} |",
        "",
        f"Paired bootstrap p-value (two-sided): {result['p_value']:.4f}. The interval of A − B "
        f"and its standard error ({_se_text(result['difference']['se'])} points) come from the "
        "paired resamples: both systems scored on the same resampled passages. One-entry "
        f"minimum detectable differences: A {mde_text(result['a']['mde'])}, B "
        f"{mde_text(result['b']['mde'])} points.",
    ]
    if any(zero_width(result[k]) for k in ("a", "b", "difference")):
        lines += ["", ZERO_WIDTH_NOTE]
    return "\n".join(lines) + "\n"


def _se_text(se: float | None) -> str:
    return NOT_APPLICABLE if se is None else pct(se)


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
    attrs = ", ".join(f"`{name}`" for name in SCORED_CLAIM_ATTRIBUTES)
    parts = ", ".join(f"`{p}`" for p in CLAIM_PARTS)
    categories = ", ".join(f"`{c}`" for c in NumberCategory.values())
    read = " and ".join(f"`{c}`" for c in READ_CATEGORIES)
    fields = ", ".join(f"`{f}`" for f in MENTION_FIELDS)
    protocols = "\n".join(f"- `{p.value}`: {text}." for p, text in PROTOCOLS.items())
    return f"""# SilkRoad-News metrics

<!-- Generated by silkroad_news.evaluate.report.metric_card(); `silkroad-news leaderboard`
writes it. Edit the code, not this file. -->

Scorer version {SCORER_VERSION}, schema version {SCHEMA_VERSION}, unit inventory
{INVENTORY_VERSION}.

## Description

One scorer for the three tasks of SilkRoad-News, a pure function from gold and predictions to
addable counts, behind `silkroad-news evaluate`. It validates a submission completely before
scoring it and refuses bad input with one message naming the file, line, id and field (exit
code 2); it never repairs a prediction.

- **ner**: character-level named entities ({types}); ranked by `{MAIN_SCORE["ner"]}`, strict
  micro F1.
- **claims**: numeric claims: the VALUE span, the attributes {attrs}, and the linked parts
  {parts}; ranked by `{MAIN_SCORE["claims"]}`, the partial-credit claim score.
- **numbers**: every number mention of a passage found in the raw text, given its category
  ({categories}) and, for {read}, read (the fields {fields}), and marked as a claim's VALUE
  or not; ranked by `{MAIN_SCORE["numbers"]}`, the normalized mention F1.

## Protocols

{protocols}

`silkroad-news evaluate --task T --protocol P --predictions F` scores one protocol; every report
states it (`"protocol"`) and counts the passages scored (`gold.passages`). Under `cv` every line
carries `"fold": k`, the passage's fold in the dataset, and the report adds the main score of
each fold with their mean and standard deviation. `--fold K` scores fold K alone: the file
needs a line for every passage of fold K and may also hold the lines of other folds (a whole cv
file scored one fold at a time); those are validated as fully as the scored ones (id, fold,
every field, offsets against their passage's text) and are not scored.

## Inputs

Gold: the Hugging Face config rows (`splits/<task>/<split>.parquet` or `.jsonl`; under `cv`
and `full` every split of the config), checked against `splits/SHA256SUMS`. Predictions: JSON
Lines, one object per gold row, aligned by `id` (never by line order), documented by
`schemas/submission/<task>.schema.json`. Offsets are Python code points into the row's `text`,
end exclusive; text fields in predictions are optional and, if given, must equal
`text[start:end]`.

- ner: `{{"id", "entities": [{{"start", "end", "type"}}]}}` (no overlaps) or
  `{{"id", "tags": [...]}}`, one strict BIO (IOB2) tag per character, as tag names (`B-GPE`) or
  as the ClassLabel ids of the config's `ner_tags` feature (the report says which a file used):
  `I-X` after `O` or after another type is an error.
- claims: `{{"id", "claims": [{{"value": {{"start", "end"}}, "number", "unit", "kind", "approx",
  "direction", "modality", "metric", "subject", "time"}}]}}`, parts `{{"start", "end"}}` or `null`,
  `unit_text` optional and not scored; at most one claim per value span. A claim reads one
  number or else a range, as the gold does: `number` set and `low`/`high` null or left out, or
  `number` null and both `low` and `high` set with `low <= high`; a claim with both, with
  neither or with one bound alone is refused.
- numbers: `{{"id", "mentions": [{{"start", "end", "category", "number", "low", "high", "unit",
  "approx", "claim"}}]}}`; `number`, `low`, `high`, `unit` and `approx` are `null` except for
  {read} mentions; `unit` is a code of the unit inventory (`CNY`, `%`, `count:家`);
  `low`/`high` are the bounds of a range; a read mention gives a number or else a range under
  the claims' rule, or leaves `number`, `low` and `high` all `null` (no reading); mentions must
  not overlap; `text` (the passage) and `unit_text` are optional and not scored.
- Every `number`, `low` and `high` is finite. A claim's is never negative: a number is a
  magnitude and a claim says a decline with `direction` `down` (guidelines, section 2). A
  mention's keeps the sign its text writes (`同比-5.3%`, `零下18℃`; section 4) where its unit is
  of a signed dimension (currency, index points, ratio, temperature), and is never negative
  otherwise. The gold and predictions are held to the same rule. `NaN`, `Infinity` and numbers
  too large for a float are refused.

## Outputs

Every figure is a ratio in [0, 1] (tables show percentages) with a {CONFIDENCE:.0%} bootstrap
interval and its bootstrap standard error (`se`: the standard deviation, with `ddof=1`, of the
figure over the bootstrap resamples; `null` with fewer than 2 resamples). Ratios with a zero
denominator are 0, as in seqeval and scikit-learn.

| task | figure | meaning |
| --- | --- | --- |
{chr(10).join(figure_rows)}

## Matching rules

- **Strict span** (ner, claims values, number mentions): same start, same end (and for ner the
  same type).
- **SemEval-2013** (ner): the four schemes ({", ".join(SEMEVAL_SCHEMES)}) with the outcomes
  correct, incorrect, partial, missed, spurious, matched as nervaluate 1.x does (greedy, each
  gold entity used once, predictions in text order); precision = (correct + ½ partial) /
  (correct + incorrect + partial + spurious), recall over (correct + incorrect + partial +
  missed), ½ partial only in `partial` and `ent_type`. Any shared character is an overlap.
- **Unseen entities** (ner): an entity is unseen when its exact surface string (script as
  written) is the text of no gold entity in the data the system was trained on for that
  passage: train and validation under `test`, the other four folds under `cv`, nothing under
  `full`. Predicted entities are classed the same way, so unseen precision is defined.
- **Claims, strict**: a predicted claim matches the gold claim with the same VALUE span. On
  matched claims: `number` is right within a relative tolerance of {NUMBER_REL_TOL:g} (so `1.5e9`
  and `1500000000` agree, `1.5e9` and `1.49e9` do not), and under schema 2.0 `low` and `high`
  with it; labels must be equal. A part span is a true positive only when its claim matched and
  the spans are equal. *Null parts*: a part absent on both sides is agreement (it counts in
  `<part>.accuracy` and for the full claim) but not a true positive. Full claim = value
  matched, every attribute right and every part agreeing. The attribute figures shown on the
  leaderboard are F1 over all predicted and all gold claims (`<attribute>.f1`); the accuracies
  on matched claims alone are reported too, with the matched count (`value.tp`).
- **Claims, partial credit**: the {len(CREDIT_FIELDS)} fields ({", ".join(CREDIT_FIELDS)}) each
  earn a credit in [0, 1], spans by their character-overlap F1 as MeasEval scores quantity spans
  (2 × shared characters / (gold length + predicted length); an absent part on both sides earns
  1, on one side 0), attributes 1 when right. A predicted claim is matched one-to-one to a gold
  claim whose VALUE overlaps its own (the Hungarian algorithm maximizes the total credit) and
  earns the mean of its field credits; unmatched claims earn 0. Precision is the total credit
  over the predicted claims, recall over the gold claims. A perfect system scores 1, an empty
  one 0, and one wrong field of one claim costs 1/{len(CREDIT_FIELDS)} of that claim.
- **Number mentions**: a predicted mention matches the gold mention with the same span. The
  normalized match also needs the same category and, for {read}, every field of the reading
  ({fields}; numbers within a relative tolerance of {NUMBER_REL_TOL:g}, null = null). Field
  figures count a span-matched pair whose two sides are both read. Claim figures count
  `claim: true` on span-matched mentions.

## Confidence intervals, comparisons and what a difference is worth

Passages are resampled with replacement (1,000 times by default, `numpy` PCG64 seeded with 0):
the rows of every config are passages. Intervals are percentile intervals. `silkroad-news
compare A B` resamples the same passages for both systems and reports the difference with its
interval and a two-sided paired bootstrap p-value (Efron & Tibshirani 1993, §16.4;
Berg-Kirkpatrick et al. 2012); identical systems give p = 1. The interval and the standard
error of the difference are those of A − B computed on each resample, so they are paired: what
both systems get right or wrong on the same passages cancels out.

Each report's main score carries `mde`, the minimum detectable difference: {MDE_FACTOR} times
`se`, the standard deviation (`ddof=1`) of the main score over the bootstrap resamples (the
bootstrap standard error). It is the smallest true change of *this* figure that a two-sided
test at α = 0.05 detects with 80 % power (1.96 + 0.84 standard errors): a one-entry figure, a
guide to how precise a score is on these passages. It is no test of two systems: use
`silkroad-news compare A B`, whose paired test resamples the same passages for both (and so is
usually more sensitive than comparing two entries' MDEs). Every resample counts, including
the rare ones that draw no passage with a gold item, where a figure is 0 by convention; on a
small test split they widen `se`. When the resamples show no spread (an interval of zero width,
`se` 0, or fewer than 2 resamples) the MDE does not apply: `mde` is `null` in JSON and "n/a" in
the Markdown and HTML pages, never 0.

An interval of zero width (marked {ZERO_WIDTH_MARK} in Markdown reports) means that every
resample gave the same value, as for a perfect system: it is not certainty, and the
cross-validation figure shows how the score moves from fold to fold.

## Values

See `leaderboard/README.md`; the baselines are its first entries.

## Limitations

- The test split is small: read the intervals and the MDE before the ranks, prefer the `cv`
  protocol, and use `compare` before claiming that one system beats another.
- Passages are resampled, documents are not: passages of one article share style and topic,
  so the intervals are somewhat narrow.
- Strict span F1 gives no credit for a boundary off by one character; the SemEval `partial`
  and `ent_type` figures and the claims' partial credit show how much of an error is a
  boundary.
- Nested or overlapping entities and mentions are outside the tasks; predictions with overlaps
  are refused.
- Per-type SemEval figures are not reported (only overall).
- Unseen entities are told by exact surface: a name seen in the other script (Simplified or
  Traditional) counts as unseen.

## References

- Isabel Segura-Bedmar, Paloma Martínez, María Herrero-Zazo. SemEval-2013 Task 9: Extraction
  of Drug-Drug Interactions from Biomedical Texts. SemEval 2013.
- Corey Harper, Jessica Cox, Curt Kohler, Antony Scerri, Ron Daniel Jr., Paul Groth.
  SemEval-2021 Task 8: MeasEval – Extracting Counts and Measurements and their Related
  Contexts. SemEval 2021.
- Hiroki Nakayama. seqeval: A Python framework for sequence labeling evaluation. 2018.
- Bradley Efron, Robert Tibshirani. An Introduction to the Bootstrap. Chapman & Hall, 1993.
- Philipp Koehn. Statistical Significance Tests for Machine Translation Evaluation. EMNLP 2004.
- Taylor Berg-Kirkpatrick, David Burkett, Dan Klein. An Empirical Investigation of Statistical
  Significance in NLP. EMNLP 2012.
- Jacob Cohen. Statistical Power Analysis for the Behavioral Sciences. 2nd ed., 1988.
"""
