"""Tests of silkroad_news.files: the strict readers (one invalid input per error kind, with its
message), atomic and canonical writes, and the stale-file check behind every ``--check``."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from silkroad_news.files import (
    MAX_LINE_BYTES,
    NonFinite,
    check_sha256,
    describe,
    dumps_json,
    dumps_jsonl,
    is_present,
    iter_jsonl,
    output_folder,
    parquet_rows,
    parse_json,
    parse_jsonl,
    read_bytes,
    read_json,
    read_jsonl,
    read_parquet,
    read_sha256sums,
    refuse_binary,
    shown_name,
    stale_files,
    write_atomic,
    write_many_atomic,
)
from silkroad_news.schema import SchemaError, echo


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


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b" \n\n",
        b'{"a": 1}\n\xff\n',
        b'{"a": 1}\n\n{"a": 2}\n',
        b'{"a": 1}\n{"a": }\n',
        b'{"a": 1, "a": 2}\n',
        b'{"a": "\xe2\x80\xa8"}\n[1]\n{"n": NaN}',
        b'{"a": 1}\r\n{"b": 2}\r\n',
    ],
)
def test_streamed_json_lines_read_as_parse_jsonl_does(tmp_path: Path, data: bytes) -> None:
    """iter_jsonl gives the same values and the same refusals, and hashes what it read."""
    path = tmp_path / "x.jsonl"
    path.write_bytes(data)
    try:
        expected: object = parse_jsonl(data, str(path))
    except SchemaError as err:
        expected = str(err)
    digest = hashlib.sha256()
    try:
        got: object = list(iter_jsonl(path, digest))
    except SchemaError as err:
        got = str(err)
    assert repr(got) == repr(expected)
    if isinstance(expected, list):
        assert digest.hexdigest() == hashlib.sha256(data).hexdigest()


def test_streamed_json_lines_stop_at_the_first_bad_line(tmp_path: Path) -> None:
    """A consumer that stops at line 2 never reads the rest: the bad bytes after it and the
    over-long line are not met."""
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n\xff' + b"x" * (MAX_LINE_BYTES + 10) + b"\n")
    lines = iter_jsonl(path)
    assert next(lines) == (1, {"a": 1}) and next(lines) == (2, {"b": 2})
    with pytest.raises(SchemaError, match=r"line 3: longer than 64 MiB"):
        next(lines)


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    for path, message in (
        (fifo, r"fifo: is not a regular file \(a device, FIFO or socket\)$"),
        (Path("/dev/zero"), r"/dev/zero: is not a regular file"),
        (loop, r"loop: cannot be read \(Too many levels of symbolic links\)$"),
        (tmp_path / "a-file" / "inside", r"inside: file not found$"),
    ):
        for reader in (read_bytes, lambda p: list(iter_jsonl(p))):
            with pytest.raises(SchemaError, match=message):
                reader(path)


def test_checksum_manifests(tmp_path: Path) -> None:
    sums = tmp_path / "SHA256SUMS"
    sums.write_text(f"{'a' * 64}  splits/x.parquet\n{'b' * 64}  splits/y.parquet\n", "utf-8")
    assert read_sha256sums(sums) == {"splits/x.parquet": "a" * 64, "splits/y.parquet": "b" * 64}
    check_sha256(sums, "splits/x.parquet", "a" * 64)
    with pytest.raises(SchemaError, match=r"splits/x\.parquet: SHA-256 bbbbbbbbbbbb… differs"):
        check_sha256(sums, "splits/x.parquet", "b" * 64)
    with pytest.raises(SchemaError, match=r"SHA256SUMS: does not list splits/z\.parquet"):
        check_sha256(sums, "splits/z.parquet", "a" * 64)
    sums.write_text("not a sum line\n", "utf-8")
    with pytest.raises(SchemaError, match=r"SHA256SUMS: line 1: expected '<sha256>  <path>'"):
        read_sha256sums(sums)


def test_messages_cut_echoed_values() -> None:
    assert echo("喀什") == "'喀什'"
    long = echo("x" * 10_000_000)
    assert long == "'" + "x" * 60 + "…' (10000000 characters)"
    assert echo(10**5000) == "an integer of about 5000 digits"
    assert len(describe("y" * 10_000_000)) < 100


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


def test_writers_refuse_targets_that_are_no_file_and_write_nothing(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x\n", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "loop").symlink_to("loop")
    before = sorted(p.name for p in tmp_path.iterdir())
    for target, message in (
        (tmp_path / "a-folder", r"a-folder: is a folder; give a file name to write$"),
        (tmp_path / "fifo", r"fifo: is not a regular file \(a device, FIFO or socket\); not"),
        (tmp_path / "loop", r"loop: cannot be written \(Too many levels of symbolic links\)$"),
        (tmp_path / "a-file" / "out", r"out: cannot be written \(a parent folder is a file\)$"),
        (tmp_path / "\ud800.json", r"\.json: not a valid file name$"),
    ):
        with pytest.raises(SchemaError, match=message):
            write_atomic(target, "{}\n")
        with pytest.raises(SchemaError, match=message):  # the good file is not written either
            write_many_atomic({tmp_path / "good.json": "{}\n", target: "{}\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "x\n"


def test_a_folder_without_write_permission_is_a_refusal_not_a_traceback(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    if os.access(locked, os.W_OK):  # root writes anyway; the fuzz suite's child drops that
        pytest.skip("this user may write into a read-only folder")
    with pytest.raises(SchemaError, match=r"locked/x: cannot be written \(Permission denied\)$"):
        write_atomic(locked / "x", "{}\n")


def test_output_folders_and_optional_inputs(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x\n", encoding="utf-8")
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "dangling").symlink_to("nowhere")
    (tmp_path / "a-folder").mkdir()
    assert output_folder(tmp_path / "new" / "deeper") == tmp_path / "new" / "deeper"
    assert output_folder(tmp_path / "a-folder") == tmp_path / "a-folder"
    with pytest.raises(SchemaError, match=r"a-file: is a file, not a folder"):
        output_folder(tmp_path / "a-file")
    with pytest.raises(SchemaError, match=r"x: cannot be written \(a parent folder is a file\)"):
        output_folder(tmp_path / "a-file" / "x")
    assert is_present(tmp_path / "a-file") and not is_present(tmp_path / "missing")
    for name, message in (
        ("a-folder", r"a-folder: is a folder, not a file$"),
        ("loop", r"loop: cannot be read \(Too many levels of symbolic links\)$"),
        ("dangling", r"dangling: a symlink to a file that does not exist$"),
    ):
        with pytest.raises(SchemaError, match=message):
            is_present(tmp_path / name)


def test_lone_surrogate_escapes_are_refused_and_pairs_are_read() -> None:
    assert parse_json(b'{"t": "\\ud842\\udfb7\\u5409"}', "x.json") == {"t": "𠮷吉"}
    assert parse_json(b'{"t": "\\\\ud800"}', "x.json") == {"t": "\\ud800"}  # an escaped backslash
    for data, field in (
        (b'{"t": "a\\ud800"}', "t"),
        (b'{"a": [{"b": "\\udfb7\\ud842"}]}', "a[0].b"),
        (b'{"\\udc80": 1}', "\\udc80"),
    ):
        with pytest.raises(SchemaError, match=rf"x.json: field {re.escape(repr(field))}: a lone"):
            parse_json(data, "x.json")


def test_binary_text_is_refused_with_its_line() -> None:
    refuse_binary("喀什\t海关\r\n第二行\f\n", "a.txt")
    with pytest.raises(SchemaError, match=r"a.txt: line 2: control character U\+0000 at char"):
        refuse_binary("喀什\n\0\0", "a.txt")


def test_shown_names_are_valid_utf8() -> None:
    name = os.fsdecode(b"/tmp/r\xe9sultat-\xff.jsonl")
    assert shown_name(name) == "/tmp/r\\xe9sultat-\\xff.jsonl"
    assert shown_name(Path("喀什/𠮷.jsonl")) == "喀什/𠮷.jsonl"
