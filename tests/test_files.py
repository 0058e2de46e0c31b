"""Tests of silkroad_news.files: the strict readers (one invalid input per error kind, with its
message), atomic and canonical writes, and the stale-file check behind every ``--check``."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from silkroad_news.files import (
    NonFinite,
    describe,
    dumps_json,
    dumps_jsonl,
    parquet_rows,
    parse_json,
    parse_jsonl,
    read_bytes,
    read_json,
    read_jsonl,
    read_parquet,
    stale_files,
    write_atomic,
    write_many_atomic,
)
from silkroad_news.schema import SchemaError


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", r"x\.jsonl: the file is empty$"),
        (b" \n\n", r"x\.jsonl: the file is empty$"),
        (
            b'{"a": 1}\n\xff\n',
            r"x\.jsonl: line 2: bytes that are not UTF-8 at byte offset 9 \(ff 0a\)",
        ),
        (b'{"a": 1}\n\n{"a": 2}\n', r"x\.jsonl: line 2: empty line; every line must be one JSON"),
        (b'{"a": 1}\n{"a": }\n', r"x\.jsonl: line 2: not valid JSON: Expecting value at column 7"),
        (b'{"a": 1, "a": 2}\n', r"x\.jsonl: line 1: field 'a' appears twice"),
        (b"[" * 100_000 + b"]" * 100_000 + b"\n", r"x\.jsonl: line 1: JSON nested too deeply"),
        (b'{"a": ' + b"1" * 5000 + b"}\n", r"x\.jsonl: line 1: not valid JSON: Exceeds the limit"),
    ],
)
def test_json_lines_refusals_name_the_file_and_line(data: bytes, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        parse_jsonl(data, "x.jsonl")


def test_json_lines_split_on_newline_only_and_keep_nonfinite_visible() -> None:
    rows = parse_jsonl('{"t": "a\u2028b"}\n{"n": NaN}\n[1]'.encode(), "x.jsonl")
    assert [n for n, _ in rows] == [1, 2, 3]
    assert rows[0][1] == {"t": "a\u2028b"}
    assert isinstance(rows[1][1]["n"], NonFinite) and describe(rows[1][1]["n"]) == "NaN"
    assert rows[2][1] == [1]


def test_a_json_document_error_names_its_line() -> None:
    with pytest.raises(
        SchemaError, match=r"m\.json: line 4: not valid JSON: Expecting value at column 1"
    ):
        parse_json(b'{\n "a": 1,\n "b": \n}', "m.json")


def test_readers_name_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match=r"nothing\.json: file not found$"):
        read_json(tmp_path / "nothing.json")
    with pytest.raises(SchemaError, match=r"is a folder, not a file$"):
        read_bytes(tmp_path)
    with pytest.raises(SchemaError, match=r"nothing\.parquet: file not found$"):
        read_parquet(tmp_path / "nothing.parquet")


def test_parquet_is_read_back_as_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "n": [1, 2]}), path)
    assert read_parquet(path) == [{"id": "a", "n": 1}, {"id": "b", "n": 2}]
    with pytest.raises(SchemaError, match=r"bad\.parquet: not a readable Parquet file"):
        parquet_rows(b"PAR1 but not really", "bad.parquet")


def test_canonical_json_round_trips_through_the_readers(tmp_path: Path) -> None:
    rows = [{"b": "𠮷", "a": [1, 2.5, None]}, {"id": "x"}]
    write_atomic(tmp_path / "r.jsonl", dumps_jsonl(rows))
    assert [r for _, r in read_jsonl(tmp_path / "r.jsonl")] == rows
    assert dumps_json(rows[0]) == '{\n "a": [\n  1,\n  2.5,\n  null\n ],\n "b": "𠮷"\n}\n'


def test_stale_files_lists_missing_and_different_files_only(tmp_path: Path) -> None:
    files = {tmp_path / "a.txt": "same\n", tmp_path / "b.txt": b"new", tmp_path / "c.txt": "x"}
    write_many_atomic({tmp_path / "a.txt": "same\n", tmp_path / "b.txt": "old"})
    assert stale_files(files) == [tmp_path / "b.txt", tmp_path / "c.txt"]
    write_many_atomic(files)
    assert stale_files(files) == []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_reading_parquet_starts_no_thread(tmp_path: Path) -> None:
    """A pyarrow worker thread alive at exit can abort the interpreter (exit 134); checked in a
    fresh interpreter, where no earlier read has started one."""
    import subprocess
    import sys

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": ["a"] * 1000, "n": list(range(1000))}), path)
    code = (
        "import os, sys; import pyarrow; from silkroad_news.files import read_parquet; "
        "threads = lambda: len(os.listdir('/proc/self/task')); "
        "before = threads(); rows = read_parquet(sys.argv[1]); print(before, threads())"
    )
    src = Path(__file__).resolve().parents[1] / "src"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1"},
        check=True,
    )
    before, after = map(int, proc.stdout.split())
    assert after == before, proc.stdout
