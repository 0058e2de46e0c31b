"""The ``silkroad-news`` command line: thin sub-commands over library functions.

Every sub-command has one ``add_*_parser`` function that declares it and binds its handler; a
handler parses nothing itself, calls one library function and prints what it did. Exit codes
and the ``--check`` of every generator are those of :mod:`silkroad_news.console`: 0 done,
1 out of date (``--check``), 2 bad input (a :class:`~silkroad_news.schema.SchemaError`, one
line on standard error). A traceback means a bug in this package.

Generators (``--check`` compares instead of writing): ``corpus build``, ``annotations
statistics``, ``build`` (data files, README header, dataset card and its figure),
``labelstudio config``, ``schemas``, ``leaderboard``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, console
from .baselines.commands import add_baselines_parser, add_crf_parser
from .console import add_check_flag
from .evaluate import (
    add_codalab_parser,
    add_compare_parser,
    add_evaluate_parser,
    add_schemas_parser,
)
from .explore import add_explore_parser
from .labelstudio.cli import add_labelstudio_parser
from .leaderboard import add_leaderboard_parser
from .schema import SchemaError


def _root(args: argparse.Namespace) -> Path:
    root = Path(args.root).resolve()
    if not (root / "corpus" / "articles.json").is_file():
        raise SchemaError(f"{root}: not a SilkRoad-News repository (no corpus/articles.json)")
    return root


# --------------------------------------------------------------------------------------------
# corpus
# --------------------------------------------------------------------------------------------


def _corpus_build(args: argparse.Namespace) -> int:
    from .corpus import render_clean, write_clean

    root = _root(args)
    files = render_clean(root)
    if args.check:
        return console.generate("corpus build", files, check=True, root=root)
    written = write_clean(root, files)
    print(f"corpus build: wrote {len(written)} files under {root / 'corpus' / 'clean'}")
    return console.EXIT_OK


def _corpus_validate(args: argparse.Namespace) -> int:
    from .corpus import leftover_damage, render_clean

    root = _root(args)
    code = console.generate("corpus build", render_clean(root), check=True, root=root)
    if code != console.EXIT_OK:
        return code
    problems = leftover_damage(root)
    for p in problems:
        print(f"corpus validate: {p}", file=sys.stderr)
    if problems:
        return console.EXIT_BAD_INPUT
    print("corpus validate: raw checksums, metadata, repairs and clean documents are consistent")
    return console.EXIT_OK


def _corpus_add(args: argparse.Namespace) -> int:
    from .corpus import add_articles, article_files

    results = add_articles(
        _root(args),
        article_files([Path(f) for f in args.file]),
        doc_id=args.id,
        title=args.title,
        date=args.date,
        date_inferred=args.date_inferred,
        date_evidence=args.date_evidence,
        publisher=args.publisher,
        authors=args.author or (),
        url=args.url,
    )
    for res in results:
        a = res.article
        print(f"corpus add: added {a.id!r} ({a.script.value}, {a.date}) from {a.source_file}")
        kinds: dict[str, int] = {}
        for c in res.changes:
            kinds[c.kind.value] = kinds.get(c.kind.value, 0) + 1
        for kind, n in sorted(kinds.items()):
            print(f"  {n} {kind} change(s) logged")
        for f in res.flags:
            print(
                f"  warning: possible encoding damage at clean offset {f.clean_start}: "
                f"{f.raw_text!r}; add a reviewed repair to corpus/repairs.json",
                file=sys.stderr,
            )
    return console.EXIT_OK


def add_corpus_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus", help="raw articles to clean documents")
    csub = p.add_subparsers(dest="corpus_command", required=True)
    b = csub.add_parser("build", help="write corpus/clean/ from corpus/raw/ and the tables")
    add_check_flag(b)
    b.set_defaults(func=_corpus_build)
    v = csub.add_parser(
        "validate", help="check checksums, metadata and the built documents (exit 1 if stale)"
    )
    v.set_defaults(func=_corpus_validate)
    a = csub.add_parser("add", help="ingest new articles (files, or folders of .txt files)")
    a.add_argument(
        "file", nargs="+", help="an article as a UTF-8 text file, or a folder of them (*.txt)"
    )
    a.add_argument("--id", help="a stable id: lowercase ASCII words joined by '-'")
    a.add_argument("--title")
    a.add_argument("--date", help="publication date YYYY-MM-DD, if the byline has none")
    a.add_argument("--date-inferred", action="store_true", help="the date is inferred")
    a.add_argument("--date-evidence", help="how the date was inferred")
    a.add_argument("--publisher")
    a.add_argument("--author", action="append", help="an author; repeat for several")
    a.add_argument("--url")
    a.set_defaults(func=_corpus_add)


# --------------------------------------------------------------------------------------------
# annotations
# --------------------------------------------------------------------------------------------


def _annotations_validate(args: argparse.Namespace) -> int:
    from .annotations import load_gold, statistics_files

    root = _root(args)
    state = load_gold(root)
    gold, mentions = state.annotations.values(), state.mentions.values()
    n_ent = sum(len(a.entities) for a in gold)
    n_claims = sum(len(a.claims) for a in gold)
    n_mentions = sum(len(m.mentions) for m in mentions)
    print(
        f"annotations validate: {len(gold)} passages of {len(state.articles)} articles, "
        f"{n_ent} entities, {n_claims} claims, {n_mentions} number mentions: spans, labels, "
        "numbers, units, the two layers and the corpus texts are consistent"
    )
    if state.pending:
        print(
            f"annotations validate: {len(state.pending)} article(s) pending, left out of the "
            "dataset until both layers cover every passage:"
        )
        for line in state.describe_pending():
            print(f"  {line}")
    return console.generate("annotations statistics", statistics_files(root), check=True, root=root)


def _annotations_statistics(args: argparse.Namespace) -> int:
    from .annotations import statistics_files

    root = _root(args)
    return console.generate(
        "annotations statistics", statistics_files(root), check=args.check, root=root
    )


def _annotations_resolve(args: argparse.Namespace) -> int:
    from .annotations import write_gold, write_mentions
    from .worksheet import resolve_file, resolve_mentions_file

    root = _root(args)
    if args.layer == "mentions":
        mentions = resolve_mentions_file(root, Path(args.worksheet))
        write_mentions(Path(args.out), mentions)
        n = len(mentions)
    else:
        gold = resolve_file(root, Path(args.worksheet))
        write_gold(Path(args.out), gold)
        n = len(gold)
    print(f"annotations resolve: {n} passages resolved into {args.out}")
    return console.EXIT_OK


def _annotations_agreement(args: argparse.Namespace) -> int:
    from .agreement import write_mentions_report, write_report

    command = f"silkroad-news annotations agreement {args.first} {args.second} --out {args.out}"
    if args.layer == "mentions":
        command = command.replace(" agreement ", " agreement --layer mentions ", 1)
    if args.json:
        command += f" --json {args.json}"
    if args.adjudication:
        command += f" --adjudication {args.adjudication}"
    options = {
        "json_out": Path(args.json) if args.json else None,
        "adjudication": Path(args.adjudication) if args.adjudication else None,
        "command": command,
    }
    if args.layer == "mentions":
        mag = write_mentions_report(
            _root(args), Path(args.first), Path(args.second), Path(args.out), **options
        )
        print(
            f"annotations agreement: {mag.passages} passages; mention span F1 "
            f"{mag.spans.f1:.3f}, span and category F1 {mag.categories['ALL'].f1:.3f}; "
            f"kappa(category) {mag.category_kappa:.3f} -> {args.out}"
        )
        return console.EXIT_OK
    ag = write_report(Path(args.first), Path(args.second), Path(args.out), **options)
    print(
        f"annotations agreement: {ag.passages} passages; entity F1 exact "
        f"{ag.entities_exact['ALL'].f1:.3f}, partial {ag.entities_partial['ALL'].f1:.3f}; "
        f"value F1 {ag.values.f1:.3f}; kappa(kind) {ag.kind_kappa:.3f} -> {args.out}"
    )
    return console.EXIT_OK


def _annotations_import(args: argparse.Namespace) -> int:
    from .annotations import GOLD_FILE, import_export

    if args.layer == "mentions":
        from .annotations import import_mentions

        export = Path(args.export) if args.export else None
        report = import_mentions(_root(args), export, args.annotator)
        print(f"annotations import: {report.summary()}")
        return console.EXIT_OK
    export = args.export or EXPORT_FILE
    gold = import_export(_root(args), Path(export), args.annotator)
    print(f"annotations import: {len(gold)} passages from {export} -> {GOLD_FILE}")
    return console.EXIT_OK


#: The pulled export of the entity/claim project (labelstudio.client.EXPORT_FILE, relative).
EXPORT_FILE = "annotations/labelstudio/export.json"


def _add_layer(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--layer",
        choices=("gold", "mentions"),
        default="gold",
        help="gold: entities and claims (default); mentions: the number-mention layer, whose "
        "worksheets are resolved against the corpus",
    )


def add_annotations_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("annotations", help="the canonical gold")
    asub = p.add_subparsers(dest="annotations_command", required=True)
    v = asub.add_parser(
        "validate",
        help="check the gold against the corpus and the schema, and that its statistics are "
        "up to date (exit 1 if not)",
    )
    v.set_defaults(func=_annotations_validate)
    s = asub.add_parser("statistics", help="write annotations/statistics.json from the gold")
    add_check_flag(s)
    s.set_defaults(func=_annotations_statistics)
    r = asub.add_parser(
        "resolve", help="turn a worksheet (spans as text + occurrence) into canonical JSONL"
    )
    r.add_argument("worksheet", help="JSON Lines, one record per passage")
    r.add_argument("--out", required=True, help="where to write the canonical records")
    _add_layer(r)
    r.set_defaults(func=_annotations_resolve)
    i = asub.add_parser(
        "import",
        help="the pulled Label Studio export to annotations/gold.jsonl (--layer mentions: "
        "mentions_export.json to annotations/mentions.jsonl)",
    )
    i.add_argument(
        "--export",
        help=f"default {EXPORT_FILE}, or annotations/labelstudio/mentions_export.json",
    )
    i.add_argument(
        "--annotator",
        help="take only this annotator's annotations (a user id; an e-mail for the mentions)",
    )
    _add_layer(i)
    i.set_defaults(func=_annotations_import)
    g = asub.add_parser("agreement", help="agreement between two annotations of one layer")
    g.add_argument(
        "first",
        help="the first annotator's canonical JSONL (entities and claims) or worksheet "
        "(number mentions)",
    )
    g.add_argument("second", help="the second annotator's, in the same form")
    _add_layer(g)
    g.add_argument("--out", default="annotations/agreement.md")
    g.add_argument("--json", help="also write the figures as JSON (the card reads them)")
    g.add_argument(
        "--adjudication", help="Markdown with a '- <disagreement> → <decision>' line for each"
    )
    g.set_defaults(func=_annotations_agreement)


# --------------------------------------------------------------------------------------------
# splits, build, export
# --------------------------------------------------------------------------------------------


def _splits_assign(args: argparse.Namespace) -> int:
    from .splits import assign_file

    assignment, seed, new = assign_file(_root(args), seed=args.seed)
    print(f"splits assign: {len(assignment)} passages ({new} new), seed {seed}")
    return console.EXIT_OK


def add_splits_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("splits", help="the split manifest")
    ssub = p.add_subparsers(dest="splits_command", required=True)
    a = ssub.add_parser("assign", help="give new passages a split and fold; keep existing ones")
    a.add_argument("--seed", type=int, default=0, help="first seed to try (default 0)")
    a.set_defaults(func=_splits_assign)


def _build(args: argparse.Namespace) -> int:
    from .build import build, dataset_problems, load_inputs, render_build

    root = _root(args)
    for doc, p in load_inputs(root).pending.items():
        print(f"build: article {doc!r} is pending ({p.describe()}): left out of the dataset")
    if args.check:
        problems = dataset_problems(root)
        for problem in problems:
            print(f"build: {problem}", file=sys.stderr)
        code = console.generate("build", render_build(root), check=True, root=root)
        return console.EXIT_OUT_OF_DATE if problems else code
    files = build(root)
    for path in sorted(files):
        print(f"build: wrote {path.relative_to(root)}")
    return console.EXIT_OK


def add_build_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="build the Hugging Face dataset from corpus, gold, splits",
        description="Write the data files under splits/, the README.md header, the dataset "
        "card's generated blocks and its label figure, all or nothing (a killed build leaves the "
        "old dataset or, once committed, one the next reader finishes). Articles without gold in "
        "both layers are pending: listed and left out. With --check, also verify "
        "splits/SHA256SUMS against the files.",
    )
    add_check_flag(p)
    p.set_defaults(func=_build)


def _export(args: argparse.Namespace) -> int:
    from .build import export, push_to_hub

    files = export(_root(args), Path(args.out), repo_id=args.push)
    print(f"export: wrote {len(files)} files to {Path(args.out).resolve()}")
    if args.push:
        print(f"export: pushed to {push_to_hub(Path(args.out), args.push, args.private)}")
    return console.EXIT_OK


def add_export_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a hub-ready folder (card as README.md plus data)")
    p.add_argument("--out", required=True, help="a new or empty folder")
    p.add_argument(
        "--push",
        metavar="REPO_ID",
        help="also upload it to the Hugging Face Hub; the exported card cites that address",
    )
    p.add_argument("--private", action="store_true", help="with --push: a private repository")
    p.set_defaults(func=_export)


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = console.Parser(
        prog="silkroad-news",
        description="SilkRoad-News corpus, dataset and benchmark tools. Exit codes: 0 done, "
        "1 a generated file is out of date (--check), 2 bad input.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--root", default=".", help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    add_corpus_parser(sub)
    add_labelstudio_parser(sub)
    add_annotations_parser(sub)
    add_splits_parser(sub)
    add_build_parser(sub)
    add_export_parser(sub)
    add_explore_parser(sub)
    add_evaluate_parser(sub)
    add_compare_parser(sub)
    add_codalab_parser(sub)
    add_schemas_parser(sub)
    add_leaderboard_parser(sub)
    add_crf_parser(sub)
    add_baselines_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return console.run(build_parser(), argv)


if __name__ == "__main__":
    sys.exit(main())
