"""SilkRoad-News evaluation script: validate, then score ``ner``, ``claims`` and ``numbers``.

Usage
-----
::

    silkroad-news evaluate --task {ner,claims,numbers} --predictions FILE
                           [--protocol test|cv|full] [--split test] [--fold K] [--gold PATH]
                           [--root PATH] [--validate-only] [--seed 0] [--resamples 1000]
                           [--format json|markdown] [--output FILE] [--timestamp]
    silkroad-news compare A.jsonl B.jsonl --task TASK [--protocol] [--split] [--fold] [--gold]
                          [--root] [--seed] [--resamples] [--format] [--output] [--timestamp]
    silkroad-news codalab INPUT_DIR OUTPUT_DIR [--task TASK] [--seed 0] [--resamples 1000]
    silkroad-news schemas [--check] [--root PATH]

Protocols (:mod:`~silkroad_news.evaluate.protocols`): ``test`` (the default) scores one split,
``<root>/splits/<task>/<split>.parquet`` (or ``.jsonl``), one line per row; ``cv`` scores every
passage of the config (the union of its splits), one line per passage carrying ``"fold": k``,
the passage's fold in the dataset (``--fold K`` scores fold K alone); ``full`` scores every
passage, lines without folds. ``--gold FILE`` replaces the repository's files (so a host can
keep the test gold private); files read from the repository are checked against
``splits/SHA256SUMS`` first. ``--root`` may follow the sub-command. Exit code 0 when the file
was scored (or is valid, with ``--validate-only``); 2 when an input was refused, with one line
on standard error that names the file, the line (or Parquet row), the id and the field. A
traceback is a bug.

The JSON report is deterministic (canonical JSON: the same inputs give the same bytes) and
self-describing: task, protocol, split (``null`` for a ``--gold`` file or another protocol),
fold, gold file name, SHA-256, rows and passages (the passages scored), predictions SHA-256 and
(ner) format, scorer, package and schema versions, bootstrap seed and resamples, the main score
with its interval, standard error ``se`` (the standard deviation of the figure over the
bootstrap resamples), minimum detectable difference ``mde`` (2.8 × ``se``, a one-entry figure;
``null`` when the resamples show no spread; two systems are compared by ``compare``'s paired
test) and ``zero_width`` flag, every figure with its interval and ``se``, the raw counts, and
under ``cv`` the main score of every fold. ``--timestamp`` adds ``evaluated_at``. The Markdown
report is titled by the task, protocol and split, fold or gold file, and marks every interval
of zero width.

API
---
::

    from silkroad_news.evaluate import load_gold, read_predictions, score, estimate
    gold = load_gold("ner", protocol="cv", root=Path("."))      # the gold a protocol scores
    preds = read_predictions(gold, Path("ner.cv.jsonl"))         # streamed and validated
    counts = score(gold, preds)                                  # pure; Counts add up
    figures = estimate(counts, gold, seed=0, resamples=1000)     # {name: Estimate(value, low,
                                                                 #  high, se)}
    result = evaluate_files("ner", Path("ner.cv.jsonl"), protocol="cv")  # as a JSON-ready dict

``read_gold`` reads one gold file, ``gold_from_rows`` and ``predictions_from_rows`` do the same
for in-memory rows (baselines), ``validate_files`` validates without scoring,
``compare``/``compare_files`` run the paired bootstrap test, ``run_codalab`` is the CodaLab
scoring program. For the leaderboard: ``evaluate_files(..., protocol=P)`` gives each protocol's
result; ``main_score``, ``mde(estimate)``, ``zero_width(estimate)`` and ``per_fold(counts,
gold)`` work on results and estimates; ``report.interval`` marks zero-width intervals;
``formats.parse_metadata``/``read_metadata`` check ``metadata.json`` strictly (every problem in
one message) and ``formats.check_project_entry`` (with ``formats.PROJECT_ENTRIES``) says who may
be a baseline. ``metric_card()`` writes ``leaderboard/METRICS.md`` and
``formats.schema_files()`` the JSON Schemas in ``schemas/submission/`` (``silkroad-news
schemas``).

Submission formats (JSON Lines, one object per gold row, aligned by ``id``)
---------------------------------------------------------------------------
Under protocol ``cv`` every line also carries ``"fold": k``; under ``test`` and ``full`` none
does.

``ner``
    ``{"id": ..., "entities": [{"start": 0, "end": 2, "type": "GPE"}, ...]}`` or
    ``{"id": ..., "tags": ["B-GPE", "I-GPE", "O", ...]}``: one BIO (IOB2) tag per character,
    as names or as the ClassLabel ids of the config's ``ner_tags`` (``[3, 4, 0, ...]``), one
    form per line; the report says which forms a file used.
``claims``
    ``{"id": ..., "claims": [{"value": {"start", "end"}, "number", "unit", "kind", "approx",
    "direction", "modality", "metric", "subject", "time"}]}``; parts are spans or ``null``;
    ``unit_text`` is optional and not scored; under schema 2.0 ``unit`` is a code of the unit
    inventory (:mod:`silkroad_news.units`) and ``low``/``high`` join ``number``.
``numbers``
    ``{"id": ..., "mentions": [{"start", "end", "category", "number", "low", "high", "unit",
    "approx", "claim"}]}``: every number mention of the passage; ``number``, ``low``, ``high``,
    ``unit`` (an inventory code) and ``approx`` are ``null`` except for ``quantity`` and
    ``duration`` mentions; ``claim`` says a claim VALUE has exactly this span; ``text`` (the
    passage's, checked) and ``unit_text`` (not scored) are optional.

Offsets are Python code points into the gold row's ``text``, end exclusive (``𠮷`` is one);
a span's optional ``text`` must equal ``text[start:end]``.

Validation (every refusal is :class:`SubmissionError`, a ``SchemaError``)
-------------------------------------------------------------------------
Predictions are read as a stream, one line at a time: the first problem stops the run before
the rest of the file is read, whatever its size. Refused: a file that is not a regular file; an
empty file; bytes that are not UTF-8 (with the byte offset); an empty line or one over 64 MiB;
a line that is not JSON or not an object; a field that appears twice in one object; a missing
or unknown field; an id that is not a string, not in the gold, repeated, or a gold id with no
line; under ``cv`` a missing or wrong ``fold``, elsewhere any ``fold``; an offset that is not an
integer, or a span that is empty or outside the text; a span ``text`` that differs from the
text; an unknown label (entity type, tag name or id, kind, approx, direction, modality,
category) or unit code; overlapping predicted entities or mentions; two claims with the same
value span; a tag list whose length is not the number of characters, or that mixes names and
ids; a malformed BIO sequence (``I-X`` after ``O`` or after another type: strict, never
repaired); a reading on a mention that is not a quantity or duration; a reading that breaks
the gold's rule (:func:`silkroad_news.records.check_reading`): ``number`` together with
``low``/``high``, one bound alone, ``low`` above ``high``, a claim with neither number nor range,
a negative claim number (numbers are magnitudes; a decline is ``direction`` ``down``), a
negative mention number whose unit is not of a signed dimension; a number that
is NaN, Infinity or too large for a float.
Values repeated in a message are cut to a fixed length.

Matching rules
--------------
``ner``: strict span match (start, end and type) micro-averaged over types, per type and
macro-averaged; equal to seqeval's ``mode="strict", scheme=IOB2``. The SemEval-2013 schemes
(``strict``, ``exact``, ``partial``, ``ent_type``) match nervaluate 1.x. ``unseen.*``: the same
strict match on entities whose surface string is no gold entity of the system's training data
(train + validation under ``test``, the other folds under ``cv``, nothing under ``full``;
:func:`silkroad_news.records.unseen_entities`). ``claims``: the main score is the
partial-credit ``credit.f1``: predicted and gold claims whose VALUEs overlap are matched one to
one maximizing the total credit, each pair earning the mean of ten field credits (VALUE,
METRIC, SUBJECT, TIME by character-overlap F1 with null = null = 1; number, unit, kind, approx,
direction, modality 1 or 0); precision over predicted claims, recall over gold claims. The
strict figures stay: a predicted claim matches the gold claim with the same value span, its
attributes are then compared (``number`` with relative tolerance 1e-9) and reported as F1 over
all predicted and gold claims (``<attr>.f1``) and as accuracy on the matched ones; a full claim
(``claim.f1``) needs everything right. ``numbers``: the main score is ``normalized.f1``: a
predicted mention is right when span and category equal a gold mention's and, for quantities
and durations, ``number``/``low``/``high`` (relative tolerance 1e-9, null = null), ``unit``
and ``approx`` agree; then span F1, span+category F1 (overall and per category), each field's
F1 over all read mentions and accuracy on span-matched ones, and claim F1 on span-matched
mentions. Details and limitations: :func:`~silkroad_news.evaluate.report.metric_card`
(``leaderboard/METRICS.md``).

Intervals: percentile bootstrap over passages, 1,000 resamples, ``numpy`` PCG64 seeded with 0;
see :mod:`silkroad_news.bootstrap`.

CodaLab
-------
``silkroad-news codalab INPUT_DIR OUTPUT_DIR`` reads gold from ``INPUT_DIR/ref/<task>.parquet`` (or
``.jsonl``) and predictions from ``INPUT_DIR/res/<task>.jsonl``, for every task with gold in
``ref/`` (or only ``--task``); a task with gold and no predictions file is an error. It writes
``OUTPUT_DIR/scores.txt`` with ``<task>_<figure>: value`` lines (dots become underscores:
``ner_f1``, ``ner_f1_low``, ``ner_f1_high``, ``claims_credit_f1``, ``numbers_normalized_f1``,
...) and the full results in ``OUTPUT_DIR/scores.json``. A competition's scoring program can be
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
    run_codalab,
    validate_files,
)
from .inputs import (
    TASKS,
    Gold,
    Line,
    Mention,
    Predictions,
    SubmissionError,
    find_gold,
    gold_from_rows,
    iter_lines,
    parse_jsonl,
    predictions_from_rows,
    read_gold,
    read_predictions,
    validate,
)
from .metrics import (
    MAIN_SCORE,
    MDE_FACTOR,
    Comparison,
    Counts,
    Estimate,
    claim_credit,
    compare,
    estimate,
    figures,
    match_claims,
    mde,
    score,
    zero_width,
)
from .protocols import load_gold, passage_folds
from .report import (
    SCORER_VERSION,
    main_score,
    make_result,
    metric_card,
    per_fold,
    render_json,
    render_markdown,
)

__all__ = [
    "MAIN_SCORE",
    "MDE_FACTOR",
    "SCORER_VERSION",
    "TASKS",
    "Comparison",
    "Counts",
    "Estimate",
    "Gold",
    "Line",
    "Mention",
    "Predictions",
    "SubmissionError",
    "add_codalab_parser",
    "add_compare_parser",
    "add_evaluate_parser",
    "add_schemas_parser",
    "claim_credit",
    "compare",
    "compare_files",
    "estimate",
    "evaluate_files",
    "evaluate_predictions",
    "figures",
    "find_gold",
    "gold_from_rows",
    "iter_lines",
    "load_gold",
    "main_score",
    "make_result",
    "match_claims",
    "mde",
    "metric_card",
    "parse_jsonl",
    "passage_folds",
    "per_fold",
    "predictions_from_rows",
    "read_gold",
    "read_predictions",
    "render_json",
    "render_markdown",
    "run_codalab",
    "score",
    "validate",
    "validate_files",
    "zero_width",
]
