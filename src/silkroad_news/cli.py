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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="silkroad-news", description="SilkRoad-News corpus, dataset and benchmark tools"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--root", default=".", help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    add_corpus_parser(sub)
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
