"""Malformed inputs for the fuzz suite (``tests/test_fuzz.py``), generated, never committed.

Three families, each a pure description plus a function that makes it under a scratch folder:

* :func:`bad_input_paths`: a path given where a readable file is expected, but not one: missing,
  a folder, a symlink loop, a dangling symlink, a path through a file, a lone surrogate or
  non-UTF-8 bytes in the name, a newline in the name. (``/dev/zero``, a FIFO with no writer and
  an unreadable file are in :data:`DANGEROUS_INPUTS`: they run in a child process only, with a
  memory cap and a timeout, so that a regression fails the test instead of hanging the run or
  exhausting the machine's memory.)
* :data:`BAD_CONTENTS`: bytes no reader may accept: empty, not UTF-8, truncated JSON, JSON nested
  100,000 deep, a 5000-digit integer, NUL bytes, the start of an ELF binary, a UTF-8 BOM.
* :func:`bad_output_paths`: a path given where a file or folder is written: an existing folder
  (for a file), a file (for a folder), a path inside a file, a FIFO, a symlink loop, a lone
  surrogate in the name.
* :func:`mutations`: a valid JSON record with one field (at any depth) replaced by a value of
  another type (:data:`TYPE_SWAPS`: may be valid, must never crash) or by a value no field takes
  (:data:`ALWAYS_BAD`: must be refused). Values are raw JSON text, so NaN, a 5000-digit integer,
  JSON nested 100,000 deep and an escaped lone surrogate reach the reader as written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Raw JSON values that no field of any record accepts.
ALWAYS_BAD: dict[str, str] = {
    "nan": "NaN",
    "infinity": "-Infinity",
    "5000_digits": "1" * 5000,
    "nested_100000": "[" * 100_000 + "]" * 100_000,
    "lone_surrogate": '"\\ud800"',
    "object_in_place": '{"x": {"y": [1, {"z": null}]}}',
}

#: Raw JSON values of another type than most fields: accepted or refused, never a crash.
TYPE_SWAPS: dict[str, str] = {
    "null": "null",
    "string_2": '"2"',
    "minus_5": "-5",
    "million": "1000000",
    "float": "0.5",
    "true": "true",
    "empty_list": "[]",
    "empty_object": "{}",
    "newline": '"a\\nb"',
    "nul_char": '"\\u0000"',
    "bidi": '"\\u202egpj.exe"',
    "long_string": '"' + "长" * 100_000 + '"',
}

#: Bytes that no reader of JSON, JSON Lines, CoNLL or article text accepts.
BAD_CONTENTS: dict[str, bytes] = {
    "empty": b"",
    "blank": b"\n\n  \n",
    "not_utf8": b'{"id": "\xff\xfe"}\n',
    "latin1": "d\xe9j\xe0 vu 喀什".encode()[:-1] + b"\xe9\n",
    "truncated": b'{"id": "doc-a-p01", "entities": [{"start": 0, "en',
    "nested_100000": b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "5000_digits": b'{"id": ' + b"1" * 5000 + b"}\n",
    "nul_bytes": b"\0" * 4096,
    "elf": b"\x7fELF\x02\x01\x01\0" + b"\0" * 56 + b"\x02\0\x3e\0",
    "bom": b'\xef\xbb\xbf{"id": "a"}\n',
}

_MARK = "\x00FUZZ\x00"


def bad_input_paths(folder: Path) -> dict[str, Path]:
    """Paths that name no readable regular file, made under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    loop = folder / "loop.jsonl"
    os.symlink(loop.name, loop)
    dangling = folder / "dangling.jsonl"
    os.symlink("nowhere.jsonl", dangling)
    (folder / "a-folder.jsonl").mkdir()
    (folder / "plain").write_bytes(b"x\n")
    return {
        "missing": folder / "missing.jsonl",
        "folder": folder / "a-folder.jsonl",
        "symlink_loop": loop,
        "dangling_symlink": dangling,
        "through_a_file": folder / "plain" / "x.jsonl",
        "lone_surrogate_name": folder / "\ud800.jsonl",
        "non_utf8_name": Path(os.fsdecode(os.fsencode(folder) + b"/\xff\xfe.jsonl")),
        "newline_name": folder / "a\nb.jsonl",
    }


#: Inputs that would hang a reader (a FIFO with no writer), fill its memory (``/dev/zero``) or
#: need dropped privileges (an unreadable file): made by :func:`dangerous_input`, read in a
#: child process only.
DANGEROUS_INPUTS = ("dev_zero", "fifo", "unreadable")


def dangerous_input(folder: Path, kind: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "dev_zero":
        return Path("/dev/zero")
    if kind == "fifo":
        path = folder / "fifo.jsonl"
        os.mkfifo(path)
        return path
    path = folder / "unreadable.jsonl"
    path.write_bytes(b'{"id": "doc-a-p01", "entities": []}\n')
    path.chmod(0)
    return path


def bad_output_paths(folder: Path, *, for_folder: bool = False) -> dict[str, Path]:
    """Paths that cannot be written as a file (or, with ``for_folder``, as a folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plain").write_bytes(b"x\n")
    os.mkfifo(folder / "fifo")
    os.symlink("out-loop", folder / "out-loop")
    out = {
        "inside_a_file": folder / "plain" / "out",
        "fifo": folder / "fifo",
        "symlink_loop": folder / "out-loop",
        "lone_surrogate_name": folder / "\udc80\ud800" / "out",
    }
    if for_folder:
        out["existing_file"] = folder / "plain"
    else:
        (folder / "a-folder").mkdir()
        out["existing_folder"] = folder / "a-folder"
    return out


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every field path of a JSON value: object keys and the first item of each list."""
    if isinstance(value, dict):
        for key in sorted(value):
            yield (*prefix, key)
            yield from _paths(value[key], (*prefix, key))
    elif isinstance(value, list) and value:
        yield (*prefix, 0)
        yield from _paths(value[0], (*prefix, 0))


def _replace(value: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return _MARK
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:])
    return copy


def mutations(
    record: Any, values: dict[str, str], *, skip: tuple[str, ...] = ()
) -> Iterator[tuple[str, str]]:
    """(label, JSON text) for ``record`` with one field replaced by each raw JSON value.

    The label names the field as ``a.b[0].c`` and the value's name. Fields under a key in
    ``skip`` are left alone.
    """
    for path in _paths(record):
        if any(key in skip for key in path):
            continue
        text = json.dumps(_replace(record, path), ensure_ascii=False, sort_keys=True)
        marked = json.dumps(_MARK)
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        for name, raw in values.items():
            yield f"{field}={name}", text.replace(marked, raw, 1)


def jsonl(*lines: str) -> bytes:
    return "".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass")
