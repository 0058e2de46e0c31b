"""``python -m silkroad_news.baselines``: the ``crf`` and ``baselines`` sub-commands on their own.

The same parsers as ``silkroad-news crf ...`` and ``silkroad-news baselines ...``, with the same
error handling (a :class:`~silkroad_news.schema.SchemaError` is one line on standard error and
exit code 2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..schema import SchemaError
from .commands import add_baselines_parser, add_crf_parser

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m silkroad_news.baselines", description="SilkRoad-News baselines"
    )
    parser.add_argument("--root", default=".", help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
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
