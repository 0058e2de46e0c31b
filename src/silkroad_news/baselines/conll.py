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
  with :func:`silkroad_news.tags.detect_scheme` over the whole file and decoded strictly with
  :func:`silkroad_news.tags.decode` (``I-X`` after ``O`` is an error, never repaired).

Every refusal raises :class:`ConllError` (a ``SchemaError``, so the CLI prints one line and
exits with code 2) naming the file and the 1-based line.

Prediction input may leave out the tag column (one character per line) and its other columns
are not checked (a gold column, say, is copied as is); the predicted tag is
appended as the last column of each line, separated as the line separates its columns (a tab
if the line has one, else a space). Blank lines and document markers are copied as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..schema import SchemaError
from ..tags import Scheme, decode, detect_scheme, split_tag

DOCSTART = "-DOCSTART-"
_COLUMNS = re.compile(r"[ \t]+")


class ConllError(SchemaError):
    """A CoNLL file the taggers refuse; the message names the file and the line."""


@dataclass(frozen=True)
class Sentence:
    """One sentence: its characters, its tags (``None`` when not read), each one's line."""

    chars: str
    tags: tuple[str, ...] | None
    lines: tuple[int, ...]  # 1-based line number of each character


@dataclass(frozen=True)
class ConllFile:
    source: str
    raw_lines: tuple[str, ...]  # the file's lines without line ends
    sentences: tuple[Sentence, ...]
    scheme: Scheme | None  # detected when tags were read

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


def parse_conll(data: bytes, source: str, *, require_tags: bool) -> ConllFile:
    """Parse a CoNLL file. With ``require_tags`` every line needs a tag and the tags must
    decode; without, only the first column is read (prediction input)."""
    text = _decode_text(data, source)
    raw_lines = tuple(line.removesuffix("\r") for line in text.split("\n"))
    if raw_lines and raw_lines[-1] == "":
        raw_lines = raw_lines[:-1]  # the newline that ends the last line
    sentences: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []
    numbers: list[int] = []

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
    scheme = _check_tags(sentences, source) if require_tags else None
    return ConllFile(source, raw_lines, tuple(sentences), scheme)


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


def read_conll(path: Path, *, require_tags: bool = True) -> ConllFile:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConllError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise ConllError(f"{path}: is a folder, not a file") from None
    return parse_conll(data, str(path), require_tags=require_tags)


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
