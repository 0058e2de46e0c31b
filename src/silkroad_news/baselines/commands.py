"""The ``crf`` and ``baselines`` sub-commands: thin wrappers over the library functions.

``silkroad-news crf train --train FILE [--dev FILE] --model PATH [--c1 X ...] [--c2 X ...]
[--max-iterations N] [--jobs N] [--strict]``
    Train the character CRF on a CoNLL file (:mod:`.conll`). With ``--dev``, every
    combination of the ``--c1`` and ``--c2`` values (default: :data:`.crf.DEFAULT_GRID`) is
    trained and scored on the development file (strict span F1) and the best is kept (``--jobs``
    grid points at once, in worker processes); without it, one value each (default
    ``c1=0.1 c2=0.1``). Tags are read leniently: whatever is ill-formed (an entity cut by a
    sentence break, ``I-X`` after ``O``, ``b-per``, IO tags, space tokens) is read and counted
    in one summary line per file on standard error; ``--strict`` refuses such files instead.
``silkroad-news crf predict --model PATH --input FILE --output FILE``
    Append the predicted tag (in the training data's scheme) to every line of ``--input``.
    A model file whose settings or embedded crfsuite model are damaged is refused (exit 2).
``silkroad-news baselines run [--root .] [--no-leaderboard]``
    Train, tune, evaluate and cross-validate every baseline on the built dataset and write
    ``baselines/results.json``, ``baselines/results.md`` and the leaderboard entries
    (:mod:`.run`).

Bad input raises :class:`~silkroad_news.schema.SchemaError` (one line on standard error, exit
code 2, printed by :func:`silkroad_news.console.run`). :func:`main` runs these two commands
alone (``python -m silkroad_news.baselines``); ``silkroad-news`` adds them beside the others.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .. import console
from ..files import write_atomic
from ..schema import SchemaError
from .conll import read_conll, render_predictions
from .crf import (
    DEFAULT_GRID,
    MAX_ITERATIONS,
    CrfTagger,
    Hyperparameters,
    TaggedData,
    search,
    tagged,
    train,
)
from .features import warm_up


def _grid(args: argparse.Namespace) -> list[Hyperparameters]:
    default = Hyperparameters()
    if args.dev is not None:
        c1s = args.c1 or sorted({h.c1 for h in DEFAULT_GRID})
        c2s = args.c2 or sorted({h.c2 for h in DEFAULT_GRID})
    else:
        c1s, c2s = args.c1 or [default.c1], args.c2 or [default.c2]
        if len(c1s) > 1 or len(c2s) > 1:
            raise SchemaError("crf train: several --c1 or --c2 values need --dev to choose one")
    for value in (*c1s, *c2s):
        if not math.isfinite(value) or value < 0:
            raise SchemaError(f"crf train: --c1 and --c2 must be finite, 0 or more; got {value}")
    if not 1 <= args.max_iterations <= MAX_ITERATIONS:
        raise SchemaError(
            f"crf train: --max-iterations must be from 1 to {MAX_ITERATIONS}, "
            f"got {args.max_iterations}"
        )
    if not 1 <= args.jobs <= 64:
        raise SchemaError(f"crf train: --jobs must be from 1 to 64, got {args.jobs}")
    return [Hyperparameters(c1, c2, args.max_iterations) for c1 in c1s for c2 in c2s]


def _read_training(path: Path, strict: bool) -> TaggedData:
    """A tagged CoNLL file; a lenient read reports what it found ill-formed on stderr."""
    conll = read_conll(path, strict=strict)
    assert conll.scheme is not None
    summary = conll.report.summary() if conll.report is not None else None
    if summary:
        print(f"crf train: {summary}", file=sys.stderr)
    return tagged(
        [s.chars for s in conll.sentences], [s.tags or () for s in conll.sentences], conll.scheme
    )


def _crf_train(args: argparse.Namespace) -> int:
    grid = _grid(args)
    data = _read_training(args.train, args.strict)
    dev = _read_training(args.dev, args.strict) if args.dev is not None else None
    started = time.perf_counter()
    if dev is not None:
        tagger, record = search(data, dev, grid, workers=args.jobs)
        note = f"; dev strict F1 {record['score']:.4f} (best of {len(grid)})"
    else:
        tagger = train(data, hyper=grid[0])
        note = ""
    seconds = time.perf_counter() - started
    tagger.save(args.model)
    h = tagger.hyperparameters
    print(
        f"crf train: {len(data.texts)} sentences, {data.characters} characters "
        f"({data.scheme.name}) in {seconds:.1f} s; c1={h.c1} c2={h.c2} "
        f"max_iterations={h.max_iterations}{note}"
    )
    print(f"crf train: wrote {args.model}")
    return 0


def _crf_predict(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    tagger = CrfTagger.load(args.model)
    conll = read_conll(args.input, require_tags=False, strict=False)
    warm_up(tagger.config)  # the dictionary loads once (~1 s): reported apart from the speed
    startup = time.perf_counter() - started
    started = time.perf_counter()
    predicted = tagger.predict([s.chars for s in conll.sentences])
    seconds = time.perf_counter() - started
    write_atomic(Path(args.output), render_predictions(conll, predicted))
    rate = conll.characters / seconds if seconds > 0 else float("inf")
    print(
        f"crf predict: {len(conll.sentences)} sentences, {conll.characters} characters in "
        f"{seconds:.2f} s ({rate:,.0f} characters/s; start-up {startup:.1f} s), "
        f"tags in {tagger.scheme.name}"
    )
    print(f"crf predict: wrote {args.output}")
    return 0


def add_crf_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "crf",
        help="character CRF tagger on CoNLL files",
        description="Train and apply the baseline character CRF on CoNLL files (one character "
        "and its tag per line, blank lines between sentences; BIO, BIOES or BMES).",
    )
    csub = p.add_subparsers(dest="crf_command", required=True)
    t = csub.add_parser("train", help="train a model on a CoNLL file")
    t.add_argument("--train", type=Path, required=True, help="training CoNLL file")
    t.add_argument("--dev", type=Path, help="development CoNLL file: choose c1 and c2 on it")
    t.add_argument("--model", type=Path, required=True, help="model file to write")
    t.add_argument("--c1", type=float, nargs="+", help="L1 weight(s); several need --dev")
    t.add_argument("--c2", type=float, nargs="+", help="L2 weight(s); several need --dev")
    t.add_argument(
        "--max-iterations",
        type=int,
        default=Hyperparameters().max_iterations,
        help="L-BFGS iterations (default: %(default)s)",
    )
    t.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="grid points trained at once, in worker processes (default: %(default)s)",
    )
    t.add_argument(
        "--strict",
        action="store_true",
        help="refuse ill-formed tag sequences (I-X after O, an entity cut by a sentence break, "
        "b-per, space tokens) instead of reading them and reporting their counts",
    )
    t.set_defaults(func=_crf_train)
    r = csub.add_parser("predict", help="append predicted tags to a CoNLL file's lines")
    r.add_argument("--model", type=Path, required=True, help="model file (trusted input only)")
    r.add_argument("--input", type=Path, required=True, help="CoNLL file; tags optional")
    r.add_argument("--output", type=Path, required=True, help="where to write the tagged lines")
    r.set_defaults(func=_crf_predict)


def _baselines_run(args: argparse.Namespace) -> int:
    from .run import run_baselines

    root = Path(args.root).resolve()
    written = run_baselines(root, leaderboard=not args.no_leaderboard)
    for path in written:
        print(f"baselines run: wrote {path}")
    return 0


def add_baselines_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "baselines",
        help="train, evaluate and cross-validate the baselines",
        description="Rerun every baseline on the built dataset (splits/) and write "
        "baselines/results.json, baselines/results.md and the leaderboard entries.",
    )
    bsub = p.add_subparsers(dest="baselines_command", required=True)
    r = bsub.add_parser("run", help="regenerate every baseline result in one command")
    # SUPPRESS keeps `silkroad-news --root X baselines run` working: a default here would
    # overwrite the top-level --root.
    r.add_argument("--root", default=argparse.SUPPRESS, help="repository root (default: .)")
    r.add_argument(
        "--no-leaderboard",
        action="store_true",
        help="do not write leaderboard/submissions/baseline-*/",
    )
    r.set_defaults(func=_baselines_run)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m silkroad_news.baselines",
        description="The baselines and the CRF tagger (the same as those sub-commands of "
        "silkroad-news).",
    )
    parser.add_argument("--root", default=".", help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    add_crf_parser(sub)
    add_baselines_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return console.run(build_parser(), argv)
