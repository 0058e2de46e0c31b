"""SilkRoad-News evaluation script: validate, then score ``ner``, ``claims`` and ``numbers``.

Usage
-----
::

    silkroad-news evaluate --task {ner,claims,numbers} --predictions FILE
                           [--split test] [--gold PATH] [--validate-only]
                           [--seed 0] [--resamples 1000]
                           [--format json|markdown] [--output FILE] [--timestamp]
    silkroad-news compare A.jsonl B.jsonl --task TASK [--split] [--gold] [--seed] [--resamples]
                          [--format] [--output] [--timestamp]
    silkroad-news codalab INPUT_DIR OUTPUT_DIR [--task TASK] [--seed 0] [--resamples 1000]
    silkroad-news schemas [--check]

The gold is ``<root>/splits/<task>/<split>.parquet`` (or ``.jsonl``) unless ``--gold`` names
a file, so a host can keep the test gold private. Exit code 0 when the file was scored (or is
valid, with ``--validate-only``); 2 when an input was refused, with one line on standard error
that names the file, the line (or Parquet row), the id and the field. A traceback is a bug.

The JSON report is deterministic (canonical JSON: the same inputs give the same bytes) and
self-describing: task, split, gold file name, SHA-256, rows and passages, predictions SHA-256,
scorer, package and schema versions, bootstrap seed and resamples, the main score, every figure
with its interval, and the raw counts. ``--timestamp`` adds ``evaluated_at``.

API
---
::

    from silkroad_news.evaluate import read_gold, read_predictions, score, estimate
    gold = read_gold("ner", Path("splits/ner/test.parquet"))   # parse and check the gold
    preds = read_predictions(gold, Path("ner.jsonl"))          # parse and validate
    counts = score(gold, preds)                                # pure; Counts add up
    figures = estimate(counts, gold, seed=0, resamples=1000)   # {name: Estimate(value, low, high)}
    result = evaluate_files("ner", Path("ner.jsonl"))          # the same, as a JSON-ready dict

``gold_from_rows`` and ``predictions_from_rows`` do the same for in-memory rows (baselines),
``validate_files`` validates without scoring, ``compare``/``compare_files`` run the paired
bootstrap test, ``run_codalab`` is the CodaLab scoring program, ``metric_card()`` writes
``leaderboard/METRICS.md`` and ``formats.schema_files()`` the JSON Schemas in
``schemas/submission/`` (``silkroad-news schemas``); ``formats`` also defines a leaderboard
submission's folder and ``metadata.json``.

Submission formats (JSON Lines, one object per gold row, aligned by ``id``)
---------------------------------------------------------------------------
``ner``
    ``{"id": ..., "entities": [{"start": 0, "end": 2, "type": "GPE"}, ...]}`` or
    ``{"id": ..., "tags": ["B-GPE", "I-GPE", "O", ...]}``: one BIO (IOB2) tag per character.
``claims``
    ``{"id": ..., "claims": [{"value": {"start", "end"}, "number", "unit", "kind", "approx",
    "direction", "modality", "metric", "subject", "time"}]}``; parts are spans or ``null``;
    ``unit_text`` is optional and not scored.
``numbers``
    ``{"id": ..., "label": "amount"}``: a label name of ``schema.number_labels()``.

Offsets are Python code points into the gold row's ``text``, end exclusive (``𠮷`` is one);
a span's optional ``text`` must equal ``text[start:end]``.

Validation (every refusal is :class:`SubmissionError`, a ``SchemaError``)
-------------------------------------------------------------------------
An empty file; bytes that are not UTF-8 (with the byte offset); an empty line; a line that is
not JSON or not an object; a field that appears twice in one object; a missing or unknown
field; an id that is not a string, not in the gold, repeated, or a gold id with no line; an
offset that is not an integer, or a span that is empty or outside the text; a span ``text``
that differs from the text; an unknown label (entity type, tag, unit, kind, approx,
direction, modality, number label); overlapping predicted entities; two claims with the same
value span; a tag list whose length is not the number of characters; a malformed BIO sequence
(``I-X`` after ``O`` or after another type: strict, never repaired); a number that is NaN,
Infinity or too large for a float. The first problem stops the run.

Matching rules
--------------
``ner``: strict span match (start, end and type) micro-averaged over types, per type and
macro-averaged; equal to seqeval's ``mode="strict", scheme=IOB2``. The SemEval-2013 schemes
(``strict``, ``exact``, ``partial``, ``ent_type`` with correct / incorrect / partial / missed /
spurious) match nervaluate 1.x. ``claims``: a predicted claim matches the gold claim with the
same value span; attributes are then compared (``number`` with relative tolerance 1e-9);
METRIC/SUBJECT/TIME spans count when their claim matched and the spans are equal; an absent
part on both sides is agreement but not a span; a full claim needs everything right.
``numbers``: accuracy, macro F1 (= scikit-learn) and the confusion matrix. Details and
limitations: :func:`~silkroad_news.evaluate.report.metric_card` (``leaderboard/METRICS.md``).

Intervals: percentile bootstrap over passages (``numbers`` mentions grouped by passage), 1,000
resamples, ``numpy`` PCG64 seeded with 0; see :mod:`silkroad_news.bootstrap`.

CodaLab
-------
``silkroad-news codalab INPUT_DIR OUTPUT_DIR`` reads gold from ``INPUT_DIR/ref/<task>.parquet`` (or
``.jsonl``) and predictions from ``INPUT_DIR/res/<task>.jsonl``, for every task with gold in
``ref/`` (or only ``--task``); a task with gold and no predictions file is an error. It writes
``OUTPUT_DIR/scores.txt`` with ``<task>_<figure>: value`` lines (dots become underscores:
``ner_f1``, ``ner_f1_low``, ``ner_f1_high``, ``claims_claim_f1``, ``numbers_macro_f1``, ...)
and the full results in ``OUTPUT_DIR/scores.json``. A competition's scoring program can be
``silkroad-news codalab $input $output``.
"""

from .commands import (
    add_codalab_parser,
    add_compare_parser,
    add_evaluate_parser,
    add_schemas_parser,
    compare_files,
    evaluate_files,
    evaluate_predictions,
    read_predictions,
    run_codalab,
    validate_files,
)
from .inputs import (
    TASKS,
    Gold,
    Line,
    Predictions,
    SubmissionError,
    find_gold,
    gold_from_rows,
    parse_jsonl,
    predictions_from_rows,
    read_gold,
    validate,
)
from .metrics import MAIN_SCORE, Comparison, Counts, Estimate, compare, estimate, figures, score
from .report import SCORER_VERSION, make_result, metric_card, render_json, render_markdown

__all__ = [
    "MAIN_SCORE",
    "SCORER_VERSION",
    "TASKS",
    "Comparison",
    "Counts",
    "Estimate",
    "Gold",
    "Line",
    "Predictions",
    "SubmissionError",
    "add_codalab_parser",
    "add_compare_parser",
    "add_evaluate_parser",
    "add_schemas_parser",
    "compare",
    "compare_files",
    "estimate",
    "evaluate_files",
    "evaluate_predictions",
    "figures",
    "find_gold",
    "gold_from_rows",
    "make_result",
    "metric_card",
    "parse_jsonl",
    "predictions_from_rows",
    "read_gold",
    "read_predictions",
    "render_json",
    "render_markdown",
    "run_codalab",
    "score",
    "validate",
    "validate_files",
]
