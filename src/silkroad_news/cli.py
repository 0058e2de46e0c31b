"""The ``silkroad-news`` command line: thin sub-commands over library functions.

Every sub-command has one ``add_*_parser`` function that declares it and binds its handler.
Bad input raises :class:`~silkroad_news.schema.SchemaError`, which :func:`main` prints as one line
on standard error with exit code 2; a traceback means a bug in this package.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .baselines.commands import add_baselines_parser, add_crf_parser
from .evaluate import add_compare_parser, add_evaluate_parser
from .labelstudio import add_labelstudio_parser
from .leaderboard import add_leaderboard_parser
from .schema import SchemaError

EXIT_BAD_INPUT = 2


def _root(args: argparse.Namespace) -> Path:
    root = Path(args.root).resolve()
    if not (root / "corpus" / "articles.json").is_file():
        raise SchemaError(f"{root}: not a SilkRoad-News repository (no corpus/articles.json)")
    return root


def _corpus_build(args: argparse.Namespace) -> int:
    from .corpus import build_corpus

    root = _root(args)
    written = build_corpus(root)
    print(f"corpus build: wrote {len(written)} files under {root / 'corpus' / 'clean'}")
    return 0


def _corpus_validate(args: argparse.Namespace) -> int:
    from .corpus import check_built

    problems = check_built(_root(args))
    for p in problems:
        print(f"corpus validate: {p}", file=sys.stderr)
    if problems:
        return EXIT_BAD_INPUT
    print("corpus validate: raw checksums, metadata, repairs and clean documents are consistent")
    return 0


def _corpus_add(args: argparse.Namespace) -> int:
    from .corpus import add_article

    res = add_article(
        _root(args),
        Path(args.file),
        doc_id=args.id,
        title=args.title,
        date=args.date,
        date_inferred=args.date_inferred,
        date_evidence=args.date_evidence,
        publisher=args.publisher,
        authors=args.author or (),
        url=args.url,
    )
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
    return 0


def add_corpus_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus", help="raw articles to clean documents")
    csub = p.add_subparsers(dest="corpus_command", required=True)
    b = csub.add_parser("build", help="write corpus/clean/ from corpus/raw/ and the tables")
    b.set_defaults(func=_corpus_build)
    v = csub.add_parser("validate", help="check checksums, metadata and the built documents")
    v.set_defaults(func=_corpus_validate)
    a = csub.add_parser("add", help="ingest a new article")
    a.add_argument("file", help="the article as a UTF-8 text file")
    a.add_argument("--id", help="a stable id: lowercase ASCII words joined by '-'")
    a.add_argument("--title")
    a.add_argument("--date", help="publication date YYYY-MM-DD, if the byline has none")
    a.add_argument("--date-inferred", action="store_true", help="the date is inferred")
    a.add_argument("--date-evidence", help="how the date was inferred")
    a.add_argument("--publisher")
    a.add_argument("--author", action="append", help="an author; repeat for several")
    a.add_argument("--url")
    a.set_defaults(func=_corpus_add)


def _annotations_validate(args: argparse.Namespace) -> int:
    from .annotations import (
        GOLD_FILE,
        STATS_FILE,
        check_against_corpus,
        read_gold,
        render_statistics,
        statistics,
    )
    from .corpus import load_documents

    root = _root(args)
    gold = read_gold(root / GOLD_FILE)
    docs = load_documents(root)
    check_against_corpus(gold, docs, str(GOLD_FILE))
    missing = sorted({p.id for d in docs for p in d.passages} - {a.passage_id for a in gold})
    if missing:
        raise SchemaError(f"{GOLD_FILE}: {len(missing)} passages have no gold, e.g. {missing[0]!r}")
    fresh = render_statistics(statistics(gold, docs))
    stats_path = root / STATS_FILE
    if args.write_statistics:
        from .files import write_atomic

        write_atomic(stats_path, fresh)
    elif not stats_path.is_file() or stats_path.read_text(encoding="utf-8") != fresh:
        raise SchemaError(
            f"{STATS_FILE}: differs from the statistics of the gold; run "
            "`silkroad-news annotations validate --write-statistics` and commit the result"
        )
    n_ent = sum(len(a.entities) for a in gold)
    n_claims = sum(len(a.claims) for a in gold)
    print(
        f"annotations validate: {len(gold)} passages, {n_ent} entities, {n_claims} claims: "
        "spans, labels, numbers and statistics are consistent"
    )
    return 0


def _annotations_resolve(args: argparse.Namespace) -> int:
    from .annotations import write_gold
    from .corpus import load_documents
    from .files import read_jsonl
    from .worksheet import resolve

    root = _root(args)
    passages = {
        p.id: (d.id, d.text[p.start : p.end]) for d in load_documents(root) for p in d.passages
    }
    out = []
    source = Path(args.worksheet)
    for n, rec in read_jsonl(source):
        where = f"{source}: line {n}"
        pid = rec.get("passage_id") if isinstance(rec, dict) else None
        if pid not in passages:
            raise SchemaError(f"{where}: field 'passage_id' {pid!r} names no corpus passage")
        doc_id, text = passages[pid]
        out.append(resolve(rec, text, doc_id, where))
    write_gold(Path(args.out), out)
    print(f"annotations resolve: {len(out)} passages resolved into {args.out}")
    return 0


def _annotations_agreement(args: argparse.Namespace) -> int:
    from .agreement import compute, disagreements, read_adjudication, render_markdown, to_dict
    from .annotations import read_gold
    from .files import dumps_json, write_atomic

    a, b = read_gold(Path(args.first)), read_gold(Path(args.second))
    ag = compute(a, b)
    command = f"silkroad-news annotations agreement {args.first} {args.second} --out {args.out}"
    decisions = None
    if args.adjudication:
        decisions = read_adjudication(Path(args.adjudication))
        command += f" --adjudication {args.adjudication}"
    report = render_markdown(ag, command, disagreements(a, b), decisions, str(args.adjudication))
    if args.adjudication:
        report += (
            f"\nMethod, adjudication and the later consistency review: `{args.adjudication}`.\n"
        )
    write_atomic(Path(args.out), report)
    if args.json:
        write_atomic(Path(args.json), dumps_json(to_dict(ag)))
    print(
        f"annotations agreement: {ag.passages} passages; entity F1 exact "
        f"{ag.entities_exact['ALL'].f1:.3f}, partial {ag.entities_partial['ALL'].f1:.3f}; "
        f"value F1 {ag.values.f1:.3f}; kappa(kind) {ag.kind_kappa:.3f} -> {args.out}"
    )
    return 0


def _annotations_import(args: argparse.Namespace) -> int:
    from .annotations import GOLD_FILE, check_against_corpus, write_gold
    from .corpus import load_documents
    from .labelstudio.client import read_export
    from .labelstudio.worksheets import gold_from_export

    root = _root(args)
    export_path = root / args.export
    documents = load_documents(root)
    gold = gold_from_export(read_export(export_path), documents, args.annotator, str(args.export))
    check_against_corpus(gold, documents, str(args.export))
    write_gold(root / GOLD_FILE, gold)
    print(f"annotations import: {len(gold)} passages from {args.export} -> {GOLD_FILE}")
    return 0


def add_annotations_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("annotations", help="the canonical gold")
    asub = p.add_subparsers(dest="annotations_command", required=True)
    v = asub.add_parser("validate", help="check the gold against the corpus and the schema")
    v.add_argument(
        "--write-statistics", action="store_true", help="rewrite annotations/statistics.json"
    )
    v.set_defaults(func=_annotations_validate)
    r = asub.add_parser(
        "resolve", help="turn a worksheet (spans as text + occurrence) into canonical JSONL"
    )
    r.add_argument("worksheet", help="JSON Lines, one record per passage")
    r.add_argument("--out", required=True, help="where to write the canonical records")
    r.set_defaults(func=_annotations_resolve)
    i = asub.add_parser("import", help="the pulled Label Studio export to annotations/gold.jsonl")
    i.add_argument("--export", default="annotations/labelstudio/export.json")
    i.add_argument("--annotator", help="take only this annotator's annotations (a user id)")
    i.set_defaults(func=_annotations_import)
    g = asub.add_parser("agreement", help="agreement between two canonical annotations")
    g.add_argument("first", help="canonical JSONL of the first annotator")
    g.add_argument("second", help="canonical JSONL of the second annotator")
    g.add_argument("--out", default="annotations/agreement.md")
    g.add_argument("--json", help="also write the figures as JSON (the card reads them)")
    g.add_argument(
        "--adjudication", help="Markdown with a '- <disagreement> → <decision>' line for each"
    )
    g.set_defaults(func=_annotations_agreement)


def _splits_assign(args: argparse.Namespace) -> int:
    from .annotations import GOLD_FILE, read_gold
    from .corpus import load_documents
    from .files import write_atomic
    from .splits import MANIFEST_FILE, assign, read_manifest_with_seed, render_manifest

    root = _root(args)
    existing, seed = None, args.seed
    if (root / MANIFEST_FILE).is_file():
        # the recorded seed describes how the existing splits were made: keep it
        existing, seed = read_manifest_with_seed(root)
    gold = {a.passage_id: a for a in read_gold(root / GOLD_FILE)}
    assignment, seed = assign(load_documents(root), gold, existing, seed=seed)
    write_atomic(root / MANIFEST_FILE, render_manifest(assignment, seed))
    new = len(assignment) - len(existing or {})
    print(f"splits assign: {len(assignment)} passages ({new} new), seed {seed}")
    return 0


def add_splits_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("splits", help="the split manifest")
    ssub = p.add_subparsers(dest="splits_command", required=True)
    a = ssub.add_parser("assign", help="give new passages a split and fold; keep existing ones")
    a.add_argument("--seed", type=int, default=0, help="first seed to try (default 0)")
    a.set_defaults(func=_splits_assign)


def _build(args: argparse.Namespace) -> int:
    from .build import build

    root = _root(args)
    files = build(root)
    print(f"build: wrote {len(files)} files (data under splits/, README.md header)")
    return 0


def add_build_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the Hugging Face dataset from corpus, gold, splits")
    p.set_defaults(func=_build)


def _export(args: argparse.Namespace) -> int:
    from .build import export, push_to_hub

    files = export(_root(args), Path(args.out))
    print(f"export: wrote {len(files)} files to {Path(args.out).resolve()}")
    if args.push:
        print(f"export: pushed to {push_to_hub(Path(args.out), args.push, args.private)}")
    return 0


def add_export_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a hub-ready folder (card as README.md plus data)")
    p.add_argument("--out", required=True, help="a new or empty folder")
    p.add_argument("--push", metavar="REPO_ID", help="also upload it to the Hugging Face Hub")
    p.add_argument("--private", action="store_true", help="with --push: a private repository")
    p.set_defaults(func=_export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="silkroad-news", description="SilkRoad-News corpus, dataset and benchmark tools"
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
    add_evaluate_parser(sub)
    add_compare_parser(sub)
    add_leaderboard_parser(sub)
    add_crf_parser(sub)
    add_baselines_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except SchemaError as err:
        print(f"silkroad-news: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
