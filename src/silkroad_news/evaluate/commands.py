"""The pipeline as functions over files, the CodaLab entry, and the CLI sub-commands.

``evaluate`` validates and scores one predictions file (``--validate-only`` stops after
validating), ``compare`` runs the paired bootstrap test between two, ``codalab`` is the CodaLab
scoring program and ``schemas`` writes (or, with ``--check``, checks) the submission JSON
Schemas. Each handler calls one library function of this package.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import console
from ..files import dumps_json, is_present, output_folder, write_many_atomic
from ..schema import N_FOLDS, Protocol
from .formats import render_schema_files
from .inputs import (
    GOLD_SUFFIXES,
    PROTOCOL_NAMES,
    SPLITS,
    TASKS,
    Gold,
    Predictions,
    SubmissionError,
    read_gold,
    read_predictions,
)
from .metrics import compare, estimate, score
from .protocols import load_gold
from .report import (
    make_comparison,
    make_result,
    render_comparison_markdown,
    render_json,
    render_markdown,
    scores_txt,
)

DEFAULT_SEED = 0
DEFAULT_RESAMPLES = 1000
#: Beyond this the bootstrap takes minutes and its memory grows; 1,000 is the default.
MAX_RESAMPLES = 100_000


def check_bootstrap(seed: int, resamples: int) -> None:
    if seed < 0 or seed >= 2**63:
        raise SubmissionError(f"--seed must be 0 or more (below 2**63), got {seed}")
    if not 1 <= resamples <= MAX_RESAMPLES:
        raise SubmissionError(f"--resamples must be 1..{MAX_RESAMPLES}, got {resamples}")


def validate_files(
    task: str,
    predictions: Path,
    *,
    root: Path = Path("."),
    split: str | None = None,
    gold: Path | None = None,
    protocol: str = Protocol.TEST.value,
    fold: int | None = None,
) -> tuple[Gold, Predictions]:
    """Read the gold of ``task`` under ``protocol`` (or ``gold``) and validate a predictions
    file against it, without scoring (``evaluate --validate-only``)."""
    table = load_gold(task, protocol=protocol, root=root, split=split, gold=gold, fold=fold)
    return table, read_predictions(table, predictions)


def evaluate_predictions(
    gold: Gold,
    predictions: Path,
    *,
    split: str | None = "test",
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    timestamp: bool = False,
) -> dict[str, Any]:
    """parse → validate → score → report for one predictions file and read gold."""
    check_bootstrap(seed, resamples)
    preds = read_predictions(gold, predictions)
    counts = score(gold, preds)
    estimates = estimate(counts, gold, seed=seed, resamples=resamples)
    return make_result(
        split, gold, preds, counts, estimates, seed=seed, resamples=resamples, timestamp=timestamp
    )


def evaluate_files(
    task: str,
    predictions: Path,
    *,
    root: Path = Path("."),
    split: str | None = None,
    gold: Path | None = None,
    protocol: str = Protocol.TEST.value,
    fold: int | None = None,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    timestamp: bool = False,
) -> dict[str, Any]:
    """Score a predictions file under ``protocol``: the gold of ``split`` (``test``: default
    ``test``), every passage (``cv``, ``full``; ``fold`` for one fold of ``cv``), or ``gold``."""
    check_bootstrap(seed, resamples)
    table = load_gold(task, protocol=protocol, root=root, split=split, gold=gold, fold=fold)
    return evaluate_predictions(
        table,
        predictions,
        split=_split_named(protocol, split, gold),
        seed=seed,
        resamples=resamples,
        timestamp=timestamp,
    )


def _split_named(protocol: str, split: str | None, gold: Path | None) -> str | None:
    """The split a report names: the one scored under ``test``, none for a ``--gold`` file."""
    if protocol != Protocol.TEST.value or gold is not None:
        return None
    return split or "test"


def compare_files(
    task: str,
    a: Path,
    b: Path,
    *,
    root: Path = Path("."),
    split: str | None = None,
    gold: Path | None = None,
    protocol: str = Protocol.TEST.value,
    fold: int | None = None,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    timestamp: bool = False,
) -> dict[str, Any]:
    """Paired bootstrap comparison of two predictions files on the main score, both scored
    under the same protocol (and fold)."""
    check_bootstrap(seed, resamples)
    table = load_gold(task, protocol=protocol, root=root, split=split, gold=gold, fold=fold)
    pa = read_predictions(table, a)
    pb = read_predictions(table, b)
    comparison = compare(score(table, pa), score(table, pb), table, seed=seed, resamples=resamples)
    return make_comparison(
        _split_named(protocol, split, gold),
        table,
        pa,
        pb,
        comparison,
        seed=seed,
        resamples=resamples,
        timestamp=timestamp,
    )


def codalab_gold(ref: Path, task: str) -> Path | None:
    found = [ref / f"{task}{sfx}" for sfx in GOLD_SUFFIXES if is_present(ref / f"{task}{sfx}")]
    if len(found) > 1:
        raise SubmissionError(f"{ref}: both {found[0].name} and {found[1].name}; keep one")
    return found[0] if found else None


def run_codalab(
    input_dir: Path,
    output_dir: Path,
    *,
    tasks: Sequence[str] | None = None,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
) -> list[dict[str, Any]]:
    """A CodaLab scoring program: ``input/ref/<task>.parquet|.jsonl`` gold, ``input/res/<task>
    .jsonl`` predictions → ``output/scores.txt`` (``key: value``) and ``output/scores.json``.

    Scores ``tasks`` (default: every task with gold in ``ref/``); each needs its predictions
    file in ``res/`` (a missing one is an error, so an incomplete submission never scores).
    """
    ref, res = Path(input_dir) / "ref", Path(input_dir) / "res"
    output = output_folder(Path(output_dir))  # refused before the scoring, not after
    for folder in (ref, res):
        if not folder.is_dir():
            raise SubmissionError(
                f"{folder}: folder not found (CodaLab gives input/ref, input/res)"
            )
    golds = {t: codalab_gold(ref, t) for t in (tasks or TASKS)}
    if tasks:
        for t in tasks:
            if golds[t] is None:
                raise SubmissionError(f"{ref}: no gold for task {t!r} ({t}.parquet or {t}.jsonl)")
    chosen = [t for t, g in golds.items() if g is not None]
    if not chosen:
        raise SubmissionError(f"{ref}: no gold file (ner, claims or numbers .parquet or .jsonl)")
    for task in chosen:
        if not is_present(res / f"{task}.jsonl"):
            found = ", ".join(sorted(p.name for p in res.iterdir())) or "nothing"
            raise SubmissionError(
                f"{res / f'{task}.jsonl'}: file not found; the submission holds {found} "
                f"(zip the .jsonl files themselves, not a folder)"
            )
    results = []
    for task in chosen:
        gold_path = golds[task]
        assert gold_path is not None
        results.append(
            evaluate_predictions(
                read_gold(task, gold_path),
                res / f"{task}.jsonl",
                split=gold_path.stem,
                seed=seed,
                resamples=resamples,
            )
        )
    write_many_atomic(
        {
            output / "scores.txt": scores_txt(results),
            output / "scores.json": dumps_json(results),
        }
    )
    return results


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def _emit(text: str, args: argparse.Namespace) -> None:
    """The report on standard output, or in ``--output``."""
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_many_atomic({Path(args.output): text})


def _gold_args(args: argparse.Namespace) -> dict[str, Any]:
    """Where the gold comes from: root, protocol, split, fold or a gold file."""
    return {
        "root": Path(args.root),
        "split": args.split,
        "gold": args.gold,
        "protocol": args.protocol,
        "fold": args.fold,
    }


def _scoring_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`evaluate_files` and :func:`compare_files`."""
    return {
        **_gold_args(args),
        "seed": args.seed,
        "resamples": args.resamples,
        "timestamp": args.timestamp,
    }


def _evaluate(args: argparse.Namespace) -> int:
    if args.validate_only:
        gold, _ = validate_files(args.task, args.predictions, **_gold_args(args))
        print(
            f"evaluate: {args.predictions}: valid {args.task} predictions for all "
            f"{len(gold.ids)} rows of {gold.source} (protocol {gold.protocol})"
        )
        return 0
    result = evaluate_files(args.task, args.predictions, **_scoring_options(args))
    _emit(render_markdown(result) if args.format == "markdown" else render_json(result), args)
    return 0


def _codalab(args: argparse.Namespace) -> int:
    results = run_codalab(
        args.input_dir,
        args.output_dir,
        tasks=[args.task] if args.task else None,
        seed=args.seed,
        resamples=args.resamples,
    )
    for r in results:
        main = r["main_score"]
        print(f"codalab: {r['task']}: {main['name']} = {main['value']:.4f}")
    print(f"codalab: wrote {Path(args.output_dir) / 'scores.txt'}")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    root = Path(args.root)
    return console.generate("schemas", render_schema_files(root), check=args.check, root=root)


def _compare(args: argparse.Namespace) -> int:
    result = compare_files(args.task, args.a, args.b, **_scoring_options(args))
    markdown = args.format == "markdown"
    _emit(render_comparison_markdown(result) if markdown else render_json(result), args)
    return 0


def _gold_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--protocol",
        choices=PROTOCOL_NAMES,
        default=Protocol.TEST.value,
        help="test: one split (default); cv: every passage, each line with its fold; full: "
        "every passage, no folds",
    )
    p.add_argument(
        "--split", choices=SPLITS, help="the split scored under protocol test (default: test)"
    )
    p.add_argument(
        "--fold",
        type=int,
        choices=range(N_FOLDS),
        metavar="K",
        help=f"protocol cv: score the passages of fold K (0..{N_FOLDS - 1}) alone; lines of "
        "other folds may be present and are validated in full, not scored",
    )
    p.add_argument("--gold", type=Path, help="gold file (.parquet or .jsonl) instead of splits/")
    add_root_option(p)


def add_root_option(p: argparse.ArgumentParser) -> None:
    """``--root`` after the sub-command too; given there, it wins over the global one."""
    p.add_argument(
        "--root", default=argparse.SUPPRESS, help="repository root (default: the global --root)"
    )


def add_bootstrap_options(p: argparse.ArgumentParser) -> None:
    """``--seed`` and ``--resamples`` of the bootstrap (the scorer's defaults)."""
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="bootstrap seed (default: 0)")
    p.add_argument(
        "--resamples", type=int, default=DEFAULT_RESAMPLES, help="bootstrap resamples (1000)"
    )


def _report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("json", "markdown"), default="json")
    p.add_argument("--output", type=Path, help="write the report here instead of stdout")
    p.add_argument("--timestamp", action="store_true", help="record the evaluation time")


def add_evaluate_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="validate and score a predictions file",
        description="Validate a predictions file, then score it with bootstrap intervals "
        "(or, with --validate-only, stop after validating it).",
    )
    p.add_argument("--task", choices=TASKS, required=True)
    p.add_argument("--predictions", type=Path, required=True, help="JSON Lines predictions file")
    _gold_options(p)
    p.add_argument("--validate-only", action="store_true", help="check the file, do not score")
    add_bootstrap_options(p)
    _report_options(p)
    p.set_defaults(func=_evaluate)


def add_compare_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="paired bootstrap test between two predictions files",
        description="Compare two systems on the main score with a paired bootstrap.",
    )
    p.add_argument("a", type=Path, help="predictions of system A")
    p.add_argument("b", type=Path, help="predictions of system B")
    p.add_argument("--task", choices=TASKS, required=True)
    _gold_options(p)
    add_bootstrap_options(p)
    _report_options(p)
    p.set_defaults(func=_compare)


def add_codalab_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "codalab",
        help="the CodaLab scoring program: INPUT_DIR/ref gold, INPUT_DIR/res predictions",
        description="Score INPUT_DIR/res/<task>.jsonl against INPUT_DIR/ref/<task>.parquet (or "
        ".jsonl) for every task with gold, and write OUTPUT_DIR/scores.txt and scores.json.",
    )
    p.add_argument("input_dir", type=Path, metavar="INPUT_DIR")
    p.add_argument("output_dir", type=Path, metavar="OUTPUT_DIR")
    p.add_argument("--task", choices=TASKS, help="score this task only")
    add_bootstrap_options(p)
    p.set_defaults(func=_codalab)


def add_schemas_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schemas",
        help="write the submission JSON Schemas (schemas/submission/*.json) from the schema",
    )
    console.add_check_flag(p)
    add_root_option(p)
    p.set_defaults(func=_schemas)
