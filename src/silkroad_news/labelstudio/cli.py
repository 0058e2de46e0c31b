"""``silkroad-news labelstudio config|serve|push|pull``: thin wrappers over the library.

:func:`add_labelstudio_parser` declares the sub-commands on the main parser's sub-parsers and
binds each handler as ``func``; every handler returns an exit code. The same parser runs
standalone as ``python -m silkroad_news.labelstudio ...``. Errors of this package raise
:class:`LabelStudioError` (a ``SchemaError``); :func:`main` prints them as one line with their
exit code 2. The API token is read from
``SILKROAD_LS_TOKEN`` only: a command-line flag would leak it into shell history and ``ps``.
Like every ``SchemaError`` in the main CLI, a :class:`LabelStudioError` exits with code 2 (a
pull that would drop annotations, an unreachable server, a refused token); ``config --check``
exits with 1 when the committed config is out of date (:mod:`silkroad_news.console`).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from silkroad_news import console
from silkroad_news.labelstudio.client import DEFAULT_PROJECT_TITLE, URL_VARIABLE
from silkroad_news.labelstudio.config import CONFIG_FILE, labeling_config
from silkroad_news.labelstudio.errors import LabelStudioError

DATA_DIR_VARIABLE = "SILKROAD_LS_DATA_DIR"
#: What ``push --model`` offers (silkroad_news.labelstudio.models.MODELS; kept here so that
#: building the parser imports no model code).
MODEL_CHOICES = ("rules", "crf", "claims", "gold")
#: The annotation layers, each with its own project (``--layer``).
LAYERS = ("claims", "mentions")
#: silkroad_news.labelstudio.mentions.PROJECT_TITLE (kept here: the parser imports no layer code)
MENTIONS_TITLE = "SilkRoad-News mentions"


def _layer(args: argparse.Namespace) -> Any:
    """The :class:`~silkroad_news.labelstudio.client.Layer` of ``--layer``; the default project
    title becomes the layer's."""
    from silkroad_news.labelstudio.client import CLAIMS

    layer = CLAIMS
    if getattr(args, "layer", "claims") == "mentions":
        from silkroad_news.labelstudio.mentions import MENTIONS

        layer = MENTIONS
    if getattr(args, "project", None) is None:
        args.project = layer.title
    return layer


def _root(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "root", ".") or ".").resolve()


def _config(args: argparse.Namespace) -> int:
    from silkroad_news.labelstudio.config import instructions_file, validate_config
    from silkroad_news.labelstudio.mentions import CONFIG_FILE as MENTIONS_CONFIG
    from silkroad_news.labelstudio.mentions import mentions_config_files

    config = labeling_config()
    validate_config(config)
    root = _root(args)
    files = {root / CONFIG_FILE: config, **instructions_file(root), **mentions_config_files(root)}
    validate_config(files[root / MENTIONS_CONFIG])
    return console.generate("labelstudio config", files, check=args.check, root=root)


def _effort(args: argparse.Namespace) -> int:
    from silkroad_news.labelstudio.effort import EFFORT_FILE, effort_table

    root = _root(args)
    files = {root / EFFORT_FILE: effort_table(root)}
    return console.generate("labelstudio effort", files, check=args.check, root=root)


def _serve(args: argparse.Namespace) -> int:
    from silkroad_news.labelstudio.server import serve

    data_dir = args.data_dir or os.environ.get(DATA_DIR_VARIABLE)
    if not data_dir:
        raise LabelStudioError(
            f"give --data-dir or set {DATA_DIR_VARIABLE}: Label Studio keeps its database "
            "there (never in ~/.local/share/label-studio)"
        )
    return serve(Path(data_dir), args.port, timeout=args.timeout)


def _push(args: argparse.Namespace) -> int:
    from silkroad_news.labelstudio.client import connected, push
    from silkroad_news.labelstudio.config import instructions_file

    root = _root(args)
    if _layer(args).name == "mentions":
        return _push_mentions(args, root)
    tasks = _tasks(args, root)
    predictions = None
    if not args.no_predictions:
        from silkroad_news.labelstudio.models import model_predictions

        predictions = model_predictions(root, tasks, args.model or ["rules"])
    gold = None
    if args.with_gold:
        from silkroad_news.annotations import GOLD_FILE, read_gold

        pids = {t["data"]["passage_id"] for t in tasks}
        gold = {a.passage_id: a for a in read_gold(root / GOLD_FILE) if a.passage_id in pids}
    [instructions] = instructions_file(root).values()
    with connected(args.url) as client:
        report = push(
            client, args.project, tasks, predictions, gold=gold, instructions=instructions
        )
    print(report.summary())
    return 0


def _tasks(args: argparse.Namespace, root: Path) -> list[dict]:
    """The tasks of every corpus passage, or of the documents of ``--doc``."""
    from silkroad_news.corpus import load_articles, load_documents
    from silkroad_news.labelstudio.tasks import passage_tasks

    documents = load_documents(root)
    if args.doc:
        documents = [d for d in documents if d.id in set(args.doc)]
    dates = {a.id: a.date for a in load_articles(root)}
    return passage_tasks(documents, dates)


def _push_mentions(args: argparse.Namespace, root: Path) -> int:
    """``push --layer mentions``: the tasks without any pre-annotation (the recognizer is not
    shown while annotating), with the committed layer as the gold account's annotations."""
    from silkroad_news.annotations import MENTIONS_FILE, read_mentions
    from silkroad_news.labelstudio.client import connected, push
    from silkroad_news.labelstudio.mentions import (
        INSTRUCTIONS_FILE,
        MENTIONS,
        mentions_config_files,
    )

    if args.model:
        raise LabelStudioError(
            "push --layer mentions: no --model; the mention layer is annotated from the text alone"
        )
    tasks = _tasks(args, root)
    gold = None
    if args.with_gold:
        pids = {t["data"]["passage_id"] for t in tasks}
        gold = {
            m.passage_id: m for m in read_mentions(root / MENTIONS_FILE) if m.passage_id in pids
        }
    instructions = mentions_config_files(root)[root / INSTRUCTIONS_FILE]
    with connected(args.url) as client:
        report = push(
            client, args.project, tasks, None, gold=gold, instructions=instructions, layer=MENTIONS
        )
    print(report.summary())
    return 0


def _print_check(report: Any, readings: bool) -> None:
    for line in report.lines(readings=readings):
        print(line)


def _pull(args: argparse.Namespace) -> int:
    from silkroad_news.corpus import load_documents
    from silkroad_news.labelstudio.client import connected, pull

    root = _root(args)
    layer = _layer(args)
    out_dir = Path(args.out) if args.out else root / "annotations" / "labelstudio"
    with connected(args.url) as client:
        if layer.name == "mentions":
            from silkroad_news.labelstudio.mentions import pull_mentions

            report = pull_mentions(
                client,
                args.project,
                out_dir,
                documents=load_documents(root),
                accept_problems=args.accept_problems,
            )
        else:
            report = pull(
                client,
                args.project,
                out_dir,
                documents=load_documents(root),
                accept_problems=args.accept_problems,
            )
    print(report.summary())
    return console.EXIT_BAD_INPUT if report.refused else console.EXIT_OK


def _sync(args: argparse.Namespace) -> int:
    from silkroad_news.labelstudio.client import connected
    from silkroad_news.labelstudio.sync import sync

    with connected(args.url) as client:
        report = sync(
            client,
            args.project,
            _root(args),
            dry_run=args.dry_run,
            annotator=args.annotator,
            rebuild=not args.no_rebuild,
        )
    return console.EXIT_BAD_INPUT if report.refused else console.EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from silkroad_news.corpus import load_documents
    from silkroad_news.labelstudio.check import check_export
    from silkroad_news.labelstudio.client import connected, server_export

    root = _root(args)
    layer = _layer(args)
    with connected(args.url) as client:
        export = server_export(client, args.project)
    report = (check_export if layer.name == "claims" else layer.check)(export, load_documents(root))
    _print_check(report, args.readings or not report.problems)
    print(f"labelstudio check: {report.summary()}")
    return console.EXIT_BAD_INPUT if report.problems else console.EXIT_OK


def _review(args: argparse.Namespace) -> int:
    from silkroad_news.corpus import load_documents
    from silkroad_news.files import dumps_jsonl, write_atomic
    from silkroad_news.labelstudio.client import connected
    from silkroad_news.labelstudio.worksheets import review_sheets

    order = {
        p.id: i for i, p in enumerate(p for d in load_documents(_root(args)) for p in d.passages)
    }
    with connected(args.url) as client:
        sheets = review_sheets(client, args.project)
    sheets.sort(key=lambda s: order.get(s["passage_id"], len(order)))
    if args.doc:
        sheets = [s for s in sheets if s["passage_id"].rsplit("-p", 1)[0] in set(args.doc)]
    write_atomic(Path(args.out), dumps_jsonl(sheets))
    print(f"labelstudio review: {len(sheets)} passages with their pre-annotations -> {args.out}")
    return 0


def _submit(args: argparse.Namespace) -> int:
    from silkroad_news.files import read_jsonl
    from silkroad_news.labelstudio.client import connected
    from silkroad_news.labelstudio.worksheets import submit_sheets

    source = Path(args.worksheet)
    sheets = [rec for _, rec in read_jsonl(source)]
    with connected(args.url) as client:
        if _layer(args).name == "mentions":
            from silkroad_news.labelstudio.mentions import submit_mentions

            report = submit_mentions(client, args.project, sheets, str(source))
        else:
            report = submit_sheets(client, args.project, sheets, str(source))
    print(report.summary())
    return 0


def _regions(args: argparse.Namespace) -> int:
    from silkroad_news.files import dumps_jsonl, write_atomic
    from silkroad_news.labelstudio.client import connected
    from silkroad_news.labelstudio.mentions import list_regions

    _layer(args)
    with connected(args.url) as client:
        lines = list_regions(client, args.project, args.passage)
    text = dumps_jsonl(lines)
    if args.out:
        write_atomic(Path(args.out), text)
        print(f"labelstudio regions: {len(lines)} annotation(s) -> {args.out}")
    else:
        print(text, end="")
    return 0


def add_labelstudio_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Declare ``labelstudio`` and its sub-commands on ``sub``; returns the new parser."""
    p = sub.add_parser(
        "labelstudio",
        help="Label Studio: config, local server, push tasks, pull annotations",
        description=(
            f"The server URL comes from --url or ${URL_VARIABLE}; the API token only from "
            "$SILKROAD_LS_TOKEN."
        ),
    )
    add_labelstudio_commands(p.add_subparsers(dest="labelstudio_command", required=True))
    return p


def add_labelstudio_commands(lsub: argparse._SubParsersAction) -> None:
    """The ``config``, ``serve``, ``push``, ``pull``, ``check``, ``review`` and ``submit``
    sub-commands."""
    c = lsub.add_parser(
        "config",
        help="write annotations/labelstudio/config.xml (from the schema) and instructions.html "
        "(from the guidelines)",
    )
    c.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the file is out of date"
    )
    c.set_defaults(func=_config)

    e = lsub.add_parser(
        "effort",
        help="measure the edits each pre-annotation model leaves on the committed gold "
        "(annotations/preannotation_effort.md)",
    )
    e.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the file is out of date"
    )
    e.set_defaults(func=_effort)

    s = lsub.add_parser("serve", help="run Label Studio from .venv-labelstudio on 127.0.0.1")
    s.add_argument("--data-dir", help=f"Label Studio's data folder (default ${DATA_DIR_VARIABLE})")
    s.add_argument("--port", type=int, help="port (default: a free one)")
    s.add_argument("--timeout", type=float, default=180.0, help="start-up timeout in seconds")
    s.set_defaults(func=_serve)

    for name, func, helptext in (
        ("push", _push, "create or refresh the project, its tasks and pre-annotations"),
        ("pull", _pull, "merge the server's annotations into annotations/labelstudio/export.json"),
        ("check", _check, "check the server's current annotations as the import would"),
        (
            "sync",
            _sync,
            "pull, check, import, show the gold diff, write (with backups), validate, rebuild",
        ),
        ("review", _review, "write each passage and its pre-annotation as a worksheet"),
        (
            "submit",
            _submit,
            "submit reviewed worksheets as annotations of the token's user (--layer mentions: "
            "save the edited lines of `regions` on their tasks)",
        ),
        (
            "regions",
            _regions,
            "list every annotation of the mention project with its regions and fields, one "
            "JSON line per task (edit `record`, then `submit --layer mentions`)",
        ),
    ):
        q = lsub.add_parser(name, help=helptext)
        q.add_argument("--url", help=f"server URL (default ${URL_VARIABLE})")
        layered = name in ("push", "pull", "check", "submit", "regions")
        q.add_argument(
            "--project",
            default=None if layered else DEFAULT_PROJECT_TITLE,
            help=f"project title (default {DEFAULT_PROJECT_TITLE!r}"
            + (f", or {MENTIONS_TITLE!r} with --layer mentions)" if layered else ")"),
        )
        if layered:
            q.add_argument(
                "--layer",
                choices=LAYERS if name != "regions" else ("mentions",),
                default="claims" if name != "regions" else "mentions",
                help="annotation layer, each in its own project (default: %(default)s)",
            )
        q.set_defaults(func=func)
        if name == "push":
            q.add_argument("--doc", action="append", help="only this document id; repeatable")
            q.add_argument(
                "--no-predictions", action="store_true", help="push tasks without pre-annotations"
            )
            q.add_argument(
                "--model",
                action="append",
                choices=MODEL_CHOICES,
                help="pre-annotate with this model; repeat to combine (default: rules). crf: "
                "entities from the CRF baseline; claims: VALUEs with attributes, METRIC, "
                "SUBJECT, TIME and relations from the claims baseline; rules: the prelabel "
                "rules; gold: the committed gold as a prediction to accept",
            )
            q.add_argument(
                "--with-gold",
                action="store_true",
                help="give every task without annotation the committed gold as an annotation "
                "of the gold account (a correction round starts from it)",
            )
        elif name == "regions":
            q.add_argument("--passage", action="append", help="only this passage; repeatable")
            q.add_argument("--out", help="JSON Lines file to write (default: standard output)")
        elif name == "review":
            q.add_argument("--out", required=True, help="JSON Lines file to write")
            q.add_argument("--doc", action="append", help="only this document id; repeatable")
        elif name == "submit":
            q.add_argument("worksheet", help="JSON Lines worksheet, one record per passage")
        elif name == "sync":
            q.add_argument("--dry-run", action="store_true", help="stop after printing the diffs")
            q.add_argument("--annotator", help="import only this account's annotations")
            q.add_argument("--no-rebuild", action="store_true", help="write export and gold only")
        elif name == "check":
            q.add_argument(
                "--readings",
                action="store_true",
                help="also list every field read from the VALUE text (number, unit_text, unit)",
            )
        else:
            q.add_argument(
                "--out",
                help="folder of export.json or mentions_export.json "
                "(default annotations/labelstudio)",
            )
            q.add_argument(
                "--accept-problems",
                action="store_true",
                help="write the export even when the check finds problems (they are listed)",
            )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m silkroad_news.labelstudio config|serve|push|pull|review|submit``."""

    parser = argparse.ArgumentParser(prog="python -m silkroad_news.labelstudio")
    parser.add_argument("--root", default=".", help="repository root (default: .)")
    add_labelstudio_commands(parser.add_subparsers(dest="labelstudio_command", required=True))
    return console.run(parser, argv)
