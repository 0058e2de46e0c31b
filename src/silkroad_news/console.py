"""How every ``silkroad-news`` command ends: its exit codes and the ``--check`` of generators.

Exit codes
----------
``0``  done (or, with ``--check``, every generated file is up to date);
``1``  out of date: ``--check`` found a generated file that differs from what its command
       would write now (the files are left as they are);
``2``  bad input: a :class:`~silkroad_news.schema.SchemaError`, printed as one line on
       standard error naming the file, line, id and field (control, format and surrogate
       characters of file names and values are written as escapes, so the message stays one
       line and valid UTF-8), or an option the parser refuses (one line too, see
       :class:`Parser`). A traceback is a bug.

Generators
----------
Every command that writes files derived from others (``corpus build``, ``annotations
statistics``, ``build`` with the dataset card, ``labelstudio config``, ``schemas``,
``leaderboard``) renders them first, as path → content, and then either writes them all at once
or, with ``--check``, compares them with the files on disk (:func:`generate`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from .files import stale_files, write_many_atomic
from .schema import SchemaError

EXIT_OK = 0
EXIT_OUT_OF_DATE = 1
EXIT_BAD_INPUT = 2


class Parser(argparse.ArgumentParser):
    """An argument parser whose refusals are one line, like every other refusal (argparse
    prints its usage first; ``--help`` still shows it)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {one_line(message)}; see --help\n")


def one_line(message: str) -> str:
    r"""``message`` with every character that is not printable (a newline or carriage return
    in a file name, a bidi override, a lone surrogate from a non-UTF-8 file name) escaped.

    >>> print(one_line("a\nb\u202ec\udcff 喀什"))
    a\nb\u202ec\udcff 喀什
    """
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in message
    )


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, call the chosen handler (``func``), print a refusal as one line."""
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except SchemaError as err:
        print(f"{parser.prog}: error: {one_line(str(err))}", file=sys.stderr)
        return EXIT_BAD_INPUT


def add_check_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a generated file is out of date",
    )


def generate(
    command: str, files: Mapping[Path, bytes | str], *, check: bool, root: Path | None = None
) -> int:
    """Write ``files`` (path → content) at once, or with ``check`` compare them with the disk.

    Prints ``<command>: wrote <path>`` per file, or ``<command>: up to date``; when out of date,
    one line per stale file on standard error and :data:`EXIT_OUT_OF_DATE`.
    """

    def shown(path: Path) -> str:
        return str(path.relative_to(root)) if root is not None else str(path)

    if check:
        stale = stale_files(files)
        for path in stale:
            print(
                f"{command}: {shown(path)} is out of date; run `silkroad-news {command}`",
                file=sys.stderr,
            )
        if stale:
            return EXIT_OUT_OF_DATE
        print(f"{command}: up to date")
        return EXIT_OK
    write_many_atomic(files)
    for path in sorted(files):
        print(f"{command}: wrote {shown(path)}")
    return EXIT_OK
