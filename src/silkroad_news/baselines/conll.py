"""Character-per-line CoNLL files: read for training and prediction, write predictions.

Format
------
* UTF-8 (a byte order mark is ignored; CRLF line ends are accepted).
* One character per line, columns separated by spaces or tabs (ASCII whitespace only, so an
  ideographic space ``U+3000`` can itself be a token): the character first, the tag last;
  columns between them are kept in predictions and otherwise ignored.
* Blank lines (or lines of spaces and tabs) separate sentences; several in a row are one break.
  A line whose first column is ``-DOCSTART-`` is a document marker and also a break.
* Tags are ``O`` or ``PREFIX-LABEL``, all in one scheme: BIO (IOB2), BIOES or BMES, detected
  with :func:`silkroad_news.tags.detect_scheme` over the whole file. Labels may hold any
  character but whitespace (``PER.NAM``, ``B-GPE-X``: the prefix ends at the first ``-``).

Two ways of reading tags:

* **strict** (``strict=True``, ``crf train --strict``): every sentence is decoded with
  :func:`silkroad_news.tags.decode` and the first ill-formed tag is refused (``I-X`` after
  ``O`` is an error, never repaired); tags must be written ``O`` / ``B-X``; a line must
  start with its character.
* **lenient** (``strict=False``, ``crf train`` by default): every tag sequence that can be read
  is read, as public corpora write them, and every irregularity is counted in
  :attr:`ConllFile.report` (:meth:`TagReport.summary` is one line for standard error):

  - ill-formed sequences are decoded by :func:`silkroad_news.tags.decode_ids_lenient` (as
    conlleval reads them: a continuing tag that cannot continue starts an entity): an entity
    cut by a sentence break becomes two entities, ``I-X`` after ``O`` (IOB1, IO tags, slips)
    starts one, an entity a BIOES/BMES file leaves open ends where its tags stop. The
    sentences then carry the well-formed tags of those entities in the file's scheme;
  - lowercase or underscore tags (``o``, ``b-per``, ``B_PER``) are read as ``O``/``B-per``/
    ``B-PER`` (the prefix upper-cased, the label as written);
  - a token that is a space: a line of a space, a separator and the other columns
    (``"  O"`` or ``" \tO"``) is the character U+0020.

  What no scheme can read is refused in both ways: a tag of no scheme (``X-PER``, ``PER``),
  ``I-`` mixed with ``M-``, a line without a tag, a token of several characters.

Every refusal raises :class:`ConllError` (a ``SchemaError``, so the CLI prints one line and
exits with code 2) naming the file and the 1-based line.

Prediction input (read leniently) may leave out the tag column (one character per line) and its
other columns are not checked (a gold column, say, is copied as is); the predicted tag is
appended as the last column of each line, separated as the line separates its columns (a tab
if the line has one, else a space). Blank lines and document markers are copied as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..schema import SchemaError
from ..tags import (
    ILL_FORMED,
    Scheme,
    TagSet,
    decode,
    decode_ids_lenient,
    detect_scheme,
    encode,
    split_tag,
)

DOCSTART = "-DOCSTART-"
_COLUMNS = re.compile(r"[ \t]+")
#: A tag written with a lowercase prefix or an underscore: ``b-per``, ``B_PER``, ``i_loc``.
_LOOSE_TAG = re.compile(r"([BIESMbiesm])[-_](.+)")

#: What a lenient read counts besides :data:`silkroad_news.tags.ILL_FORMED`.
IRREGULAR: dict[str, str] = {
    "normalized": "tags in lowercase or with '_'",
    "space": "space tokens",
}


class ConllError(SchemaError):
    """A CoNLL file the taggers refuse; the message names the file and the line."""


@dataclass(frozen=True)
class Sentence:
    """One sentence: its characters, its tags (``None`` when not read), each one's line."""

    chars: str
    tags: tuple[str, ...] | None
    lines: tuple[int, ...]  # 1-based line number of each character


@dataclass(frozen=True)
class TagReport:
    """What a lenient read found irregular: a count and the first line of each kind."""

    source: str
    counts: dict[str, int]  # keys of ILL_FORMED and IRREGULAR, in that order
    first_line: dict[str, int]
    io_tags: bool  # entity tags but no tag that begins an entity (IO tags)

    @property
    def clean(self) -> bool:
        return not any(self.counts.values())

    def summary(self) -> str | None:
        """One line for standard error, or ``None`` when the file was well-formed."""
        if self.clean:
            return None
        what = {**ILL_FORMED, **IRREGULAR}
        parts = [
            f"{what[kind]}: {n} (first at line {self.first_line[kind]})"
            for kind, n in self.counts.items()
            if n
        ]
        io = " (no tag begins an entity: IO tags)" if self.io_tags else ""
        return (
            f"{self.source}: read leniently (--strict refuses it): {'; '.join(parts)}{io}; "
            "a continuing tag that cannot continue was read as the start of an entity, as "
            "conlleval reads it"
        )


@dataclass(frozen=True)
class ConllFile:
    source: str
    raw_lines: tuple[str, ...]  # the file's lines without line ends
    sentences: tuple[Sentence, ...]
    scheme: Scheme | None  # detected when tags were read
    report: TagReport | None = None  # irregularities a lenient read of the tags found

    @property
    def characters(self) -> int:
        return sum(len(s.chars) for s in self.sentences)


def _decode_text(data: bytes, source: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ConllError(
            f"{source}: line {line}: bytes are not UTF-8 (byte offset {err.start})"
        ) from None
    return text.removeprefix("\ufeff")


def parse_conll(data: bytes, source: str, *, require_tags: bool, strict: bool = True) -> ConllFile:
    """Parse a CoNLL file. With ``require_tags`` every line needs a tag and the tags must
    decode (``strict``) or be readable (lenient, see the module doc); without, only the first
    column is read (prediction input)."""
    text = _decode_text(data, source)
    raw_lines = tuple(line.removesuffix("\r") for line in text.split("\n"))
    if raw_lines and raw_lines[-1] == "":
        raw_lines = raw_lines[:-1]  # the newline that ends the last line
    sentences: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []
    numbers: list[int] = []
    counts = dict.fromkeys(IRREGULAR, 0)
    first_line: dict[str, int] = {}

    def note(kind: str, number: int) -> None:
        counts[kind] += 1
        first_line.setdefault(kind, number)

    def flush() -> None:
        if chars:
            has_tags = len(tags) == len(chars)
            sentences.append(
                Sentence("".join(chars), tuple(tags) if has_tags else None, tuple(numbers))
            )
        chars.clear()
        tags.clear()
        numbers.clear()

    for number, line in enumerate(raw_lines, 1):
        if not strict and line[:1] == " " and line[1:2] in (" ", "\t") and line[2:].strip(" \t"):
            # a space token: the space, a separator, then the other columns
            columns = [" ", *_COLUMNS.split(line[2:].strip(" \t"))]
            note("space", number)
        else:
            columns = _COLUMNS.split(line.strip(" \t"))
        if columns == [""]:
            flush()
            continue
        if columns[0] == DOCSTART:
            flush()
            continue
        where = f"{source}: line {number}"
        if len(columns[0]) != 1:
            raise ConllError(
                f"{where}: expected one character in the first column, got {columns[0]!r} "
                f"({len(columns[0])} characters); the taggers work on characters"
            )
        if require_tags and len(columns) == 1:
            raise ConllError(
                f"{where}: expected a character and a tag separated by whitespace, got {line!r}"
            )
        if require_tags:
            tag = columns[-1]
            if not strict:
                loose = _LOOSE_TAG.fullmatch(tag)
                if tag == "o":
                    tag = "O"
                elif loose and (loose[1].islower() or "-" not in tag[:2]):
                    tag = f"{loose[1].upper()}-{loose[2]}"
                if tag != columns[-1]:
                    note("normalized", number)
            try:
                split_tag(tag)
            except SchemaError as err:
                raise ConllError(f"{where}: {err}") from None
            tags.append(tag)
        chars.append(columns[0])
        numbers.append(number)
    flush()
    if not sentences:
        raise ConllError(f"{source}: no sentence (the file is empty or only blank lines)")
    if not require_tags:
        return ConllFile(source, raw_lines, tuple(sentences), None)
    if strict:
        return ConllFile(source, raw_lines, tuple(sentences), _check_tags(sentences, source))
    scheme, read, report = _read_tags(sentences, source, counts, first_line)
    return ConllFile(source, raw_lines, read, scheme, report)


def _check_tags(sentences: Sequence[Sentence], source: str) -> Scheme:
    """Detect the file's scheme and decode every sentence strictly."""
    all_tags = {t for s in sentences for t in s.tags or ()}
    try:
        scheme = detect_scheme(all_tags)
    except SchemaError as err:
        raise ConllError(f"{source}: {err}") from None
    for s in sentences:
        assert s.tags is not None
        try:
            decode(s.tags, scheme)
        except SchemaError as err:
            index = getattr(err, "index", 0)
            reason = getattr(err, "reason", str(err))
            raise ConllError(
                f"{source}: line {s.lines[index]}: {reason} (file read as {scheme.name})"
            ) from None
    return scheme


def _read_tags(
    sentences: Sequence[Sentence], source: str, counts: dict[str, int], first_line: dict[str, int]
) -> tuple[Scheme, tuple[Sentence, ...], TagReport]:
    """Detect the scheme, decode every sentence leniently (one vectorized call) and give the
    sentences the well-formed tags of what was read, with the report of what was not."""
    rows = [s.tags or () for s in sentences]
    all_tags = {t for r in rows for t in r}
    try:
        scheme = detect_scheme(all_tags)
    except SchemaError as err:
        raise ConllError(f"{source}: {err}") from None
    parsed = [split_tag(t) for t in sorted(all_tags)]
    labels = list(dict.fromkeys(lab for _, lab in parsed if lab is not None))
    tagset = TagSet.for_labels(labels, scheme)
    ids, lengths = tagset.ids(rows)
    decoded = decode_ids_lenient(ids, lengths, tagset)
    ends = np.cumsum(lengths)
    for kind, flat in decoded.first.items():
        row = int(np.searchsorted(ends, flat, side="right"))
        first_line[kind] = sentences[row].lines[flat - int(ends[row] - lengths[row])]
    spans: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    arr = decoded.spans
    for row, start, end, label in zip(*(a.tolist() for a in arr), strict=True):
        spans[row].append((start, end, tagset.labels[label]))
    read = tuple(
        Sentence(s.chars, tuple(encode(sp, len(s.chars), scheme)), s.lines)
        for s, sp in zip(sentences, spans, strict=True)
    )
    begins = {scheme.begin, scheme.single}
    io_tags = bool(labels) and not any(p in begins for p, _ in parsed)
    report = TagReport(
        source,
        {**decoded.counts, **counts},
        {k: first_line[k] for k in (*ILL_FORMED, *IRREGULAR) if k in first_line},
        io_tags,
    )
    return scheme, read, report


def read_conll(path: Path, *, require_tags: bool = True, strict: bool = True) -> ConllFile:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConllError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise ConllError(f"{path}: is a folder, not a file") from None
    return parse_conll(data, str(path), require_tags=require_tags, strict=strict)


def render_predictions(conll: ConllFile, predicted: Sequence[Sequence[str]]) -> str:
    """The file's lines with the predicted tag of each character appended as the last column."""
    if len(predicted) != len(conll.sentences):
        raise ValueError(f"{len(predicted)} predictions for {len(conll.sentences)} sentences")
    tag_of: dict[int, str] = {}
    for sentence, tags in zip(conll.sentences, predicted, strict=True):
        if len(tags) != len(sentence.chars):
            raise ValueError("a prediction's length differs from its sentence")
        tag_of.update(zip(sentence.lines, tags, strict=True))
    out = []
    for number, line in enumerate(conll.raw_lines, 1):
        tag = tag_of.get(number)
        if tag is None:
            out.append(line)
        else:
            body = line.rstrip(" \t")
            out.append(f"{body}{chr(9) if chr(9) in body else ' '}{tag}")
    return "\n".join(out) + "\n"


def render_conll(sentences: Sequence[tuple[str, Sequence[str]]]) -> str:
    """``char tag`` lines, a blank line after each sentence (spaces must not be characters)."""
    out = []
    for chars, tags in sentences:
        for ch, tag in zip(chars, tags, strict=True):
            if ch in " \t\n\r":
                raise ValueError(f"{ch!r} cannot be a token of a CoNLL file")
            out.append(f"{ch} {tag}\n")
        out.append("\n")
    return "".join(out)
