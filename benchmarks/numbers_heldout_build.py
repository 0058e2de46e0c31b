"""Build a held-out number-mention set from its hand-written source.

A source, such as ``benchmarks/data/numbers_heldout.src.txt``, holds each piece's text and its
mentions written as text in reading order (format in the file's header). This script resolves
every mention to code-point offsets (end exclusive), checks that ``text[start:end]`` is the span,
that mentions do not overlap, that the span is not cut out of a longer number, and that the
reading fields fit the category, then writes the JSONL beside it (``….src.txt`` → ``….jsonl``,
one record per piece, canonical JSON). With ``--check`` it writes nothing and exits 1 when the
committed JSONL differs from what the source gives. ``--uncovered`` lists every digit or Chinese
numeral character that no mention covers, for the annotator to confirm each one is not a
mention (一 as an article, 一批, 之一, ...).

Sets: ``--set v1`` (the default) is ``numbers_heldout.src.txt``, the first set; ``--set v2`` is
``numbers_heldout2.src.txt`` (``benchmarks/data/README-heldout2.md``), ``--set v3`` is
``numbers_heldout3.src.txt`` (``benchmarks/data/README-heldout3.md``) and ``--set v4`` is
``numbers_heldout4.src.txt`` (``benchmarks/data/README-heldout4.md``), ``--set v5`` is
``numbers_heldout5.src.txt`` (``benchmarks/data/README-heldout5.md``) and ``--set v6`` is
``numbers_heldout6.src.txt`` (``benchmarks/data/README-heldout6.md``) and ``--set v7`` is
``numbers_heldout7.src.txt`` (``benchmarks/data/README-heldout7.md``) and ``--set v8`` is
``numbers_heldout8.src.txt`` (``benchmarks/data/README-heldout8.md``) and ``--set v9`` is
``numbers_heldout9.src.txt`` (``benchmarks/data/README-heldout9.md``) and ``--set v10`` is
``numbers_heldout10.src.txt`` (``benchmarks/data/README-heldout10.md``) and ``--set v11`` is
``numbers_heldout11.src.txt`` (``benchmarks/data/README-heldout11.md``) and ``--set v12`` is
``numbers_heldout12.src.txt`` (``benchmarks/data/README-heldout12.md``) and ``--set v13`` is
``numbers_heldout13.src.txt`` (``benchmarks/data/README-heldout13.md``) and ``--set v14`` is
``numbers_heldout14.src.txt`` (``benchmarks/data/README-heldout14.md``) and ``--set v15`` is
``numbers_heldout15.src.txt`` (``benchmarks/data/README-heldout15.md``). Each was measured and
then looked at, so these fifteen are development sets now. ``--set v16`` is
``numbers_heldout16.src.txt`` (``benchmarks/data/README-heldout16.md``), measured without
listing its misses, and ``--set v17`` is ``numbers_heldout17.src.txt``
(``benchmarks/data/README-heldout17.md``), the newest held-out set, written without looking at
the recognizer or the earlier sets' mentions; any other value is the path of a ``.src.txt`` file.

Usage: ``.venv/bin/python benchmarks/numbers_heldout_build.py [--set v1|v2|...|v17|PATH]
[--check] [--uncovered]``
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/numbers.py would shadow the stdlib module that decimal imports: run as a script,
# this folder comes first on sys.path, so drop it before anything else is imported.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import re  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from decimal import Decimal, InvalidOperation  # noqa: E402
from typing import Any  # noqa: E402

from silkroad_news.files import dumps_jsonl, write_atomic  # noqa: E402
from silkroad_news.schema import SchemaError  # noqa: E402

DATA = _HERE / "data"
SOURCE = DATA / "numbers_heldout.src.txt"
OUTPUT = DATA / "numbers_heldout.jsonl"
SETS = {
    "v1": (SOURCE, OUTPUT),
    "v2": (DATA / "numbers_heldout2.src.txt", DATA / "numbers_heldout2.jsonl"),
    "v3": (DATA / "numbers_heldout3.src.txt", DATA / "numbers_heldout3.jsonl"),
    "v4": (DATA / "numbers_heldout4.src.txt", DATA / "numbers_heldout4.jsonl"),
    "v5": (DATA / "numbers_heldout5.src.txt", DATA / "numbers_heldout5.jsonl"),
    "v6": (DATA / "numbers_heldout6.src.txt", DATA / "numbers_heldout6.jsonl"),
    "v7": (DATA / "numbers_heldout7.src.txt", DATA / "numbers_heldout7.jsonl"),
    "v8": (DATA / "numbers_heldout8.src.txt", DATA / "numbers_heldout8.jsonl"),
    "v9": (DATA / "numbers_heldout9.src.txt", DATA / "numbers_heldout9.jsonl"),
    "v10": (DATA / "numbers_heldout10.src.txt", DATA / "numbers_heldout10.jsonl"),
    "v11": (DATA / "numbers_heldout11.src.txt", DATA / "numbers_heldout11.jsonl"),
    "v12": (DATA / "numbers_heldout12.src.txt", DATA / "numbers_heldout12.jsonl"),
    "v13": (DATA / "numbers_heldout13.src.txt", DATA / "numbers_heldout13.jsonl"),
    "v14": (DATA / "numbers_heldout14.src.txt", DATA / "numbers_heldout14.jsonl"),
    "v15": (DATA / "numbers_heldout15.src.txt", DATA / "numbers_heldout15.jsonl"),
    "v16": (DATA / "numbers_heldout16.src.txt", DATA / "numbers_heldout16.jsonl"),
    "v17": (DATA / "numbers_heldout17.src.txt", DATA / "numbers_heldout17.jsonl"),
}
SUFFIX = ".src.txt"

CATEGORIES = ("quantity", "date", "time", "duration", "ordinal", "identifier", "phone")
READ = ("quantity", "duration")  # the categories that carry a reading
APPROX = ("exact", "at_least", "at_most", "about")
SCRIPTS = ("Simplified", "Traditional")
DIGIT = re.compile(r"[0-9０-９]")
NUMERAL = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿两兩萬億]")
OCCURRENCE = re.compile(r"^(?P<span>.+)@(?P<k>[1-9][0-9]*)$")


class SourceError(SchemaError):
    """A source line that cannot be resolved; the message names the line and the piece."""


@dataclass
class Piece:
    id: str
    script: str
    text: str
    lines: list[tuple[int, str]]  # (line number, mention line)


def parse_source(source: str, name: str | None = None) -> list[Piece]:
    name = name or SOURCE.name
    pieces: list[Piece] = []
    section = None
    text_lines: list[str] = []
    for lineno, raw in enumerate(source.splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("#") and section != "text":
            continue
        if line.startswith("@piece "):
            pieces.append(Piece(line.split(maxsplit=1)[1], "", "", []))
            section = None
        elif line.startswith("@script "):
            pieces[-1].script = line.split(maxsplit=1)[1]
        elif line == "@text":
            section, text_lines = "text", []
        elif line == "@mentions":
            pieces[-1].text = "\n".join(text_lines)
            section = "mentions"
        elif section == "text":
            text_lines.append(line)
        elif section == "mentions" and line:
            pieces[-1].lines.append((lineno, line))
        elif line:
            raise SourceError(f"{name}:{lineno}: unexpected line {line!r}")
    return pieces


def to_number(written: str) -> int | float:
    value = Decimal(written)
    return int(value) if value == value.to_integral_value() else float(value)


def parse_value(written: str, where: str) -> dict[str, Any]:
    form = "single"
    if written.startswith("v:"):
        form, written = "vague", written[2:]
    try:
        bounds = [to_number(w) for w in written.split("~")]
    except InvalidOperation as exc:
        raise SourceError(f"{where}: unreadable value {written!r}") from exc
    if len(bounds) == 1:
        return {"number": bounds[0], "low": None, "high": None, "form": form}
    if len(bounds) != 2 or not bounds[0] < bounds[1]:
        raise SourceError(f"{where}: a range needs two increasing bounds: {written!r}")
    form = "range" if form == "single" else form
    return {"number": None, "low": bounds[0], "high": bounds[1], "form": form}


def mention_fields(fields: list[str], where: str) -> dict[str, Any]:
    note = None
    if fields[-1].startswith("note: "):
        note = fields.pop()[len("note: ") :]
    if len(fields) < 2:
        raise SourceError(f"{where}: expected at least span | category")
    span, category = fields[0], fields[1]
    if category not in CATEGORIES:
        raise SourceError(f"{where}: unknown category {category!r}")
    out: dict[str, Any] = {
        "category": category,
        "number": None,
        "low": None,
        "high": None,
        "unit_text": None,
        "approx": None,
        "dimension": None,
        "form": None,
        "note": note,
    }
    if category not in READ:
        if len(fields) != 2:
            raise SourceError(f"{where}: a {category} mention carries no reading")
        return {"span": span, **out}
    if len(fields) != 6:
        raise SourceError(f"{where}: expected span | category | value | unit | approx | dim")
    _, _, value, unit_text, approx, dimension = fields
    reading = parse_value(value, where)
    if approx not in APPROX:
        raise SourceError(f"{where}: unknown approx {approx!r}")
    if (unit_text == "-") != (dimension == "-"):
        raise SourceError(f"{where}: a unit needs a dimension and a bare number has none")
    if unit_text != "-" and unit_text not in span:
        raise SourceError(f"{where}: unit_text {unit_text!r} is not written in {span!r}")
    out.update(reading)
    out["unit_text"] = "" if unit_text == "-" else unit_text
    out["dimension"] = None if dimension == "-" else dimension
    out["approx"] = approx
    return {"span": span, **out}


def resolve(piece: Piece, name: str | None = None) -> dict[str, Any]:
    name = name or SOURCE.name
    if not piece.id or piece.script not in SCRIPTS or not piece.text:
        raise SourceError(f"{name}: piece {piece.id!r} lacks @script or @text")
    text = piece.text
    mentions: list[dict[str, Any]] = []
    cursor = 0
    for lineno, line in piece.lines:
        where = f"{name}:{lineno} ({piece.id})"
        fields = mention_fields([f.strip() for f in line.split(" | ")], where)
        span = fields.pop("span")
        explicit = OCCURRENCE.match(span)
        if explicit:
            span, k = explicit["span"], int(explicit["k"])
            starts = [m.start() for m in re.finditer(re.escape(span), text)]
            if len(starts) < k:
                raise SourceError(f"{where}: {span!r} occurs {len(starts)} times, not {k}")
            start = starts[k - 1]
        else:
            start = text.find(span, cursor)
            if start < 0:
                raise SourceError(f"{where}: {span!r} not found after offset {cursor}")
        end = start + len(span)
        if mentions and start < mentions[-1]["end"]:
            raise SourceError(f"{where}: {span!r} overlaps or precedes the previous mention")
        # A span cut out of a longer digit run means the wrong occurrence was found.
        before, after = text[start - 1 : start] if start else "", text[end : end + 1]
        if (DIGIT.fullmatch(before or "x") and DIGIT.match(span)) or (
            DIGIT.fullmatch(after or "x") and DIGIT.match(span[-1])
        ):
            raise SourceError(f"{where}: {span!r} at {start} is part of a longer number")
        assert text[start:end] == span
        mentions.append({"start": start, "end": end, "text": span, **fields})
        cursor = end
    return {"id": piece.id, "script": piece.script, "text": text, "mentions": mentions}


def uncovered(record: dict[str, Any]) -> list[str]:
    covered = set()
    for m in record["mentions"]:
        covered.update(range(m["start"], m["end"]))
    text = record["text"]
    return [
        f"{record['id']} {i}: …{text[max(0, i - 8) : i]}[{ch}]{text[i + 1 : i + 9]}…"
        for i, ch in enumerate(text)
        if NUMERAL.fullmatch(ch) and i not in covered
    ]


def set_paths(choice: str) -> tuple[Path, Path]:
    """The source and the output of a set: a name in SETS or the path of a .src.txt file."""
    if choice in SETS:
        return SETS[choice]
    path = Path(choice)
    if not path.name.endswith(SUFFIX):
        names = ", ".join(SETS)
        raise SourceError(f"--set {choice}: expected one of {names} or a path ending in {SUFFIX}")
    return path, path.with_name(path.name[: -len(SUFFIX)] + ".jsonl")


def build(source: Path | None = None) -> list[dict[str, Any]]:
    source = source or SOURCE
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(f"{source}: cannot read the source: {exc.strerror}") from exc
    records = [resolve(p, source.name) for p in parse_source(text, source.name)]
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        raise SourceError(f"{source.name}: duplicate piece ids")
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--uncovered", action="store_true", help="list uncovered numerals")
    parser.add_argument(
        "--set",
        dest="set_",
        metavar="v1|v2|v3|v4|v5|v6|v7|v8|v9|v10|v11|v12|v13|v14|v15|v16|v17|PATH",
        help="the set to build (default v1)",
    )
    args = parser.parse_args(argv)
    try:
        source, output = set_paths(args.set_) if args.set_ else (SOURCE, OUTPUT)
        records = build(source)
    except SourceError as exc:
        print(f"numbers_heldout_build: {exc}", file=sys.stderr)
        return 2
    if args.uncovered:
        for record in records:
            for line in uncovered(record):
                print(line)
    data = dumps_jsonl(records)
    if args.check:
        same = output.exists() and output.read_text(encoding="utf-8") == data
        print(f"{output.name}: {'up to date' if same else 'differs from the source'}")
        return 0 if same else 1
    write_atomic(output, data)
    n = sum(len(r["mentions"]) for r in records)
    print(f"wrote {output.name}: {len(records)} pieces, {n} mentions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
