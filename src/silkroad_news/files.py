"""File I/O shared by every reader and writer: strict readers, atomic writes, canonical JSON.

Writing: everything the pipeline writes goes through :func:`write_atomic` (or
:func:`write_many_atomic`), so a crash or a refused input never leaves a half-written file, and
through :func:`dumps_json`, so the same data always gives the same bytes (sorted keys, UTF-8
text, no trailing spaces). :func:`stale_files` says which generated files differ from what is on
disk (the ``--check`` of every generator). A target that cannot be written (a folder, a device
or FIFO, a symlink loop, a path through a file, a folder without write permission, a name the
file system cannot encode) is a :class:`~silkroad_news.schema.SchemaError` naming it, raised
before anything is written; :func:`output_folder` does the same for a folder to write into.
Reports name files with :func:`shown_name`, so a name that is not UTF-8 keeps them valid UTF-8.

Reading: :func:`read_bytes`, :func:`decode_utf8`, :func:`read_json` / :func:`parse_json`,
:func:`read_jsonl` / :func:`parse_jsonl` and :func:`read_parquet` / :func:`parquet_rows` are
the only readers of bytes, JSON, JSON Lines and Parquet. They are strict and raise
:class:`~silkroad_news.schema.SchemaError` naming the file and the line: an empty file, bytes
that are not UTF-8 (with the line and byte offset), invalid JSON, a field that appears twice in
one object, an empty line in JSON Lines. ``NaN`` and ``Infinity`` parse to :class:`NonFinite`
markers rather than floats, so that the record reader that meets one names its field; a
string with a lone surrogate escape (``"\\ud800"``) is refused. Only regular files are read
(:func:`open_regular`; :func:`is_present` for optional inputs refuses a folder or a symlink
loop instead of taking it for "no file"); :func:`refuse_binary` refuses text with NUL or other
control characters.
Parquet is read without starting a single thread: a pyarrow worker thread alive at exit can
abort the interpreter ("terminate called without an active exception", exit 134) after a
correct result. ``pq.read_table`` starts one even with ``use_threads=False`` (it goes
through the dataset scanner), and so does reading from a Python file object (pyarrow's IO
threads call back into Python), so :func:`parquet_rows` reads the bytes through
``pq.ParquetFile`` over a ``pa.BufferReader``.

>>> parse_jsonl(b'{"id": "a"}\\n{"id": "b", "n": NaN}\\n', "x.jsonl")
[(1, {'id': 'a'}), (2, {'id': 'b', 'n': NaN})]
>>> parse_json(b'{"id": 1, "id": 2}', "meta.json")
Traceback (most recent call last):
...
silkroad_news.schema.SchemaError: meta.json: field 'id' appears twice
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from .schema import SchemaError, echo


def dumps_json(obj: Any, *, indent: int | None = 1) -> str:
    """Canonical JSON: sorted keys, real characters rather than escapes, newline at the end."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=indent) + "\n"


def shown_name(name: str | os.PathLike[str]) -> str:
    r"""A file name as text any UTF-8 file can hold: bytes of a name that are not UTF-8 (read
    by Python as lone surrogates) are written as ``\xff`` escapes.

    >>> shown_name(os.fsdecode(b"r\xe9sultat.jsonl")), shown_name("喀什.jsonl")
    ('r\\xe9sultat.jsonl', '喀什.jsonl')
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def dumps_jsonl(rows: Iterable[Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)


def _umask_mode() -> int:
    # mkstemp creates 0600 files; published data should get the usual rw-r--r-- (under umask).
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def writable_target(path: Path) -> Path:
    """``path`` as a file to replace, or a :class:`SchemaError` naming it.

    Refused before anything is written: an existing folder, device, FIFO or socket (a rename
    over ``/dev/zero`` as root would replace the device), a symlink loop, a name that cannot
    be encoded for the file system (a lone surrogate). A missing parent folder is fine (it is
    created); a parent that is a file is not.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return path
    except NotADirectoryError:
        raise SchemaError(f"{path}: cannot be written (a parent folder is a file)") from None
    except OSError as err:
        raise SchemaError(f"{path}: cannot be written ({err.strerror})") from None
    except ValueError:  # UnicodeEncodeError: a lone surrogate; ValueError: a NUL byte
        raise SchemaError(f"{path}: not a valid file name") from None
    if stat.S_ISDIR(mode):
        raise SchemaError(f"{path}: is a folder; give a file name to write")
    if not stat.S_ISREG(mode):
        raise SchemaError(f"{path}: is not a regular file (a device, FIFO or socket); not replaced")
    return path


def output_folder(path: Path) -> Path:
    """``path`` as a folder to write into (made if missing), or a :class:`SchemaError` naming
    it: an existing file, device, FIFO or socket, a symlink loop, a parent that is a file and a
    name that cannot be encoded are refused before anything is written."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:  # every part that exists is a folder (else: NotADirectoryError)
        return path
    except (OSError, ValueError) as err:
        raise _write_error(path, err) from None
    if not stat.S_ISDIR(mode):
        raise SchemaError(f"{path}: is a file, not a folder; give a folder to write into")
    return path


def _write_error(path: Path, err: OSError | ValueError) -> SchemaError:
    if isinstance(err, (NotADirectoryError, FileExistsError)):
        why = "a parent folder is a file"
    elif isinstance(err, OSError):
        why = err.strerror or type(err).__name__
    else:
        why = "not a valid file name"
    return SchemaError(f"{path}: cannot be written ({why})")


def _stage(path: Path, payload: bytes) -> str:
    """Write ``payload`` to a new temporary file next to ``path``; return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fchmod(fh.fileno(), _umask_mode())
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A target that cannot be written (see :func:`writable_target`, or a folder without write
    permission) is a :class:`SchemaError` naming it, and nothing is left behind.
    """
    write_many_atomic({Path(path): data})


def write_many_atomic(files: Mapping[Path, bytes | str]) -> None:
    """Write several files so that a failure in preparing any leaves all old files in place.

    Each file is staged next to its target first; only when every stage succeeded are they
    renamed into place (each rename is atomic; the set is as close to atomic as POSIX allows).
    Every target is checked (:func:`writable_target`) before the first byte is staged.
    """
    targets = [
        (writable_target(Path(path)), data.encode("utf-8") if isinstance(data, str) else data)
        for path, data in files.items()
    ]
    staged: list[tuple[str, Path]] = []
    current = Path()
    try:
        for path, payload in targets:
            current = path
            staged.append((_stage(path, payload), path))
        for tmp, path in staged:
            current = path
            os.replace(tmp, path)
    except (OSError, ValueError) as err:  # ValueError: a name the file system cannot take
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise _write_error(current, err) from None
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    return sha256_bytes(Path(path).read_bytes())


def checksum_problems(root: Path, sums: Path) -> list[str]:
    """Every file listed in ``sums`` (:func:`read_sha256sums`; paths relative to ``root``)
    that is missing or whose bytes have another SHA-256, one message each naming the list,
    the line and the file; a malformed list is one message. Empty when all match."""
    source = Path(sums).relative_to(root) if Path(sums).is_relative_to(root) else Path(sums)
    try:
        listed = read_sha256sums(Path(sums))
    except SchemaError as err:
        return [str(err)]
    out = []
    for number, (rel, digest) in enumerate(listed.items(), 1):  # one entry per line
        where = f"{source}: line {number}"
        path = Path(root) / rel
        if not path.is_file():
            out.append(f"{where}: {rel} is missing; run `silkroad-news build`")
        elif sha256_file(path) != digest:
            out.append(
                f"{where}: {rel} differs from its checksum (changed after the build, or a build "
                "was interrupted); run `silkroad-news build`"
            )
    return out


def stale_files(files: Mapping[Path, bytes | str]) -> list[Path]:
    """The paths whose file is missing or differs from the given content, sorted."""
    out = []
    for path, data in files.items():
        payload = data.encode("utf-8") if isinstance(data, str) else data
        if not Path(path).is_file() or Path(path).read_bytes() != payload:
            out.append(Path(path))
    return sorted(out)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


class NonFinite:
    """Stands for ``NaN``/``Infinity`` in parsed JSON, so the error can name the field."""

    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return self.token


def describe(value: Any) -> str:
    """A JSON value as a message names it: ``the string '3'``, ``a list``, ``NaN``.

    >>> [describe(v) for v in ("3", 3, None, True, [1], {})]
    ["the string '3'", 'the number 3', 'null', 'true', 'a list', 'an object']
    """
    if isinstance(value, NonFinite):
        return value.token
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the string {echo(value)}"
    if isinstance(value, (int, float)):
        return f"the number {echo(value)}"
    return "a list" if isinstance(value, list) else "an object"


def open_regular(path: Path) -> IO[bytes]:
    """Open a regular file for reading; anything else is a :class:`SchemaError` naming it.

    A folder, a device (``/dev/zero`` never ends), a FIFO (opening one with no writer never
    returns), a socket, a symlink loop or an unreadable file are refused before a byte is read.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SchemaError(f"{path}: file not found") from None
    except OSError as err:  # a symlink loop, a name too long, a path through a file
        raise SchemaError(f"{path}: cannot be read ({err.strerror})") from None
    except ValueError:  # UnicodeEncodeError: a lone surrogate; ValueError: a NUL byte
        raise SchemaError(f"{path}: not a valid file name") from None
    if stat.S_ISDIR(mode):
        raise SchemaError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise SchemaError(f"{path}: is not a regular file (a device, FIFO or socket)")
    try:
        return open(path, "rb")  # the caller closes it
    except OSError as err:
        raise SchemaError(f"{path}: cannot be read ({err.strerror})") from None


def is_present(path: Path) -> bool:
    """Whether a regular file is at ``path``, for optional inputs: ``False`` when nothing is
    there; a folder, device, FIFO, symlink loop or dangling symlink is refused, never taken for
    "no file" (a task whose predictions are a folder would be silently left out)."""
    try:
        if not os.path.lexists(path):
            return False
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SchemaError(f"{path}: a symlink to a file that does not exist") from None
    except OSError as err:
        raise SchemaError(f"{path}: cannot be read ({err.strerror})") from None
    except ValueError:
        raise SchemaError(f"{path}: not a valid file name") from None
    if stat.S_ISDIR(mode):
        raise SchemaError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise SchemaError(f"{path}: is not a regular file (a device, FIFO or socket)")
    return True


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; anything else is a :class:`SchemaError` (see
    :func:`open_regular`)."""
    with open_regular(path) as fh:
        try:
            return fh.read()
        except OSError as err:
            raise SchemaError(f"{path}: cannot be read ({err.strerror})") from None


def decode_utf8(data: bytes, source: str) -> str:
    """Decode UTF-8 strictly; refuse an empty file; the error names the byte offset and line."""
    if not data.strip():
        raise SchemaError(f"{source}: the file is empty")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise SchemaError(
            f"{source}: line {line}: bytes that are not UTF-8 at byte offset {err.start} "
            f"({data[err.start : err.start + 4].hex(' ')}); convert the file to UTF-8 first"
        ) from None


#: Characters no text file holds: NUL and the C0 controls other than tab, line feed, form feed
#: and carriage return (a binary file that happens to be valid UTF-8 has them).
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def refuse_binary(text: str, source: str) -> None:
    """Refuse a text with NUL or other control characters, naming the line: a binary file
    that happens to decode as UTF-8 (an ELF file, a file of NUL bytes)."""
    bad = _BINARY.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise SchemaError(
            f"{source}: line {line}: control character U+{ord(bad.group()):04X} at character "
            f"{bad.start()}: a binary file, not text"
        )


class _DuplicateField(Exception):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateField(key)
            seen.add(key)
    return obj


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value: Any) -> str | None:
    """The field (``a.b[0]``) holding a string with a lone surrogate, or ``None``. A pair
    written as two escapes is decoded to one character: what is left is lone."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        name, v = stack.pop()
        if isinstance(v, str):
            if _SURROGATE.search(v):
                return name or "the value"
        elif isinstance(v, dict):
            for k, x in v.items():
                if _SURROGATE.search(k):
                    return f"{name}.{k.encode('unicode_escape').decode('ascii')}".lstrip(".")
                stack.append((f"{name}.{k}".lstrip("."), x))
        elif isinstance(v, list):
            stack.extend((f"{name}[{i}]", x) for i, x in enumerate(v))
    return None


def loads(text: str, where: str, *, document: bool = False) -> Any:
    """``json.loads`` that refuses repeated fields and keeps NaN/Infinity visible.

    ``where`` names the file (and line, for JSON Lines); a ``document`` error adds the line.
    A string with a lone surrogate (``"\\ud800"``) is refused: no UTF-8 file can hold it, so
    it would fail, later, whatever wrote it out.
    """
    value = _loads(text, where, document=document)
    if _SURROGATE_ESCAPE.search(text):
        field = _lone_surrogate(value)
        if field is not None:
            raise SchemaError(
                f"{where}: field {field!r}: a lone surrogate escape (half of a UTF-16 pair), "
                "which no UTF-8 text can hold"
            )
    return value


def _loads(text: str, where: str, *, document: bool) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=NonFinite)
    except json.JSONDecodeError as err:
        at = f"{where}: line {err.lineno}" if document else where
        raise SchemaError(f"{at}: not valid JSON: {err.msg} at column {err.colno}") from None
    except _DuplicateField as err:
        raise SchemaError(f"{where}: field {err.args[0]!r} appears twice") from None
    except RecursionError:
        raise SchemaError(f"{where}: JSON nested too deeply") from None
    except ValueError as err:  # an integer too long to convert (sys.int_info limit)
        raise SchemaError(f"{where}: not valid JSON: {err}") from None


def parse_json(data: bytes, source: str) -> Any:
    """One JSON document, strictly (see the module docstring)."""
    return loads(decode_utf8(data, source), source, document=True)


def read_json(path: Path) -> Any:
    return parse_json(read_bytes(path), str(path))


def parse_jsonl(data: bytes, source: str) -> list[tuple[int, Any]]:
    """(line number, value) of every line of JSON Lines; an empty line is refused.

    Lines end at ``\\n`` only: ``str.splitlines`` would also split inside strings holding
    U+2028, U+2029 or U+0085, which JSON writes unescaped.
    """
    lines = decode_utf8(data, source).split("\n")
    if lines[-1] == "":  # the newline that ends the last line
        lines.pop()
    out = []
    for number, line in enumerate(lines, 1):
        where = f"{source}: line {number}"
        if not line.strip():
            raise SchemaError(f"{where}: empty line; every line must be one JSON object")
        out.append((number, loads(line, where)))
    return out


def read_jsonl(path: Path) -> list[tuple[int, Any]]:
    return parse_jsonl(read_bytes(path), str(path))


#: The longest line :func:`iter_jsonl` reads; longer ones are refused before they fill memory.
MAX_LINE_BYTES = 1 << 26  # 64 MiB


def iter_jsonl(path: Path, digest: Any = None) -> Iterator[tuple[int, Any]]:
    """(line number, value) of each line of a JSON Lines file, read one line at a time.

    The same refusals and messages as :func:`parse_jsonl`, raised when the reader reaches the
    line, so a consumer that stops at the first bad line never reads the rest of the file; a
    line longer than :data:`MAX_LINE_BYTES` is refused too. ``digest`` (a ``hashlib`` object)
    is updated with every byte read: after the last line it is the digest of the whole file.
    """
    source = str(path)
    with open_regular(path) as fh:
        number = offset = 0
        content = False
        while raw := fh.readline(MAX_LINE_BYTES + 1):
            number += 1
            if digest is not None:
                digest.update(raw)
            if len(raw) > MAX_LINE_BYTES:
                raise SchemaError(
                    f"{source}: line {number}: longer than {MAX_LINE_BYTES >> 20} MiB; "
                    "every line must be one JSON object of reasonable size"
                )
            body = raw[:-1] if raw.endswith(b"\n") else raw
            try:
                line = body.decode("utf-8")
            except UnicodeDecodeError as err:
                at = offset + err.start
                raise SchemaError(
                    f"{source}: line {number}: bytes that are not UTF-8 at byte offset {at} "
                    f"({raw[err.start : err.start + 4].hex(' ')}); convert the file to UTF-8 first"
                ) from None
            offset += len(raw)
            if not line.strip():
                if not content and _blank(fh, digest):
                    break
                raise SchemaError(
                    f"{source}: line {number}: empty line; every line must be one JSON object"
                )
            content = True
            yield number, loads(line, f"{source}: line {number}")
        if not content:
            raise SchemaError(f"{source}: the file is empty")


def _blank(fh: IO[bytes], digest: Any) -> bool:
    """Whether the rest of ``fh`` is whitespace (it is read, and hashed, to find out)."""
    while chunk := fh.read(1 << 16):
        if digest is not None:
            digest.update(chunk)
        if chunk.strip():
            return False
    return True


def parquet_rows(data: bytes, source: str) -> list[dict[str, Any]]:
    """The rows of Parquet bytes as dicts, read without any thread (see the module docstring)."""
    import pyarrow as pa  # takes a while to import: only Parquet readers need it
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(pa.BufferReader(data), pre_buffer=False)
        return pf.read(use_threads=False).to_pylist()
    except (pa.ArrowException, OSError) as err:
        raise SchemaError(f"{source}: not a readable Parquet file ({err})") from None


def read_parquet(path: Path) -> list[dict[str, Any]]:
    return parquet_rows(read_bytes(path), str(path))


# --------------------------------------------------------------------------------------------
# Checksum manifests
# --------------------------------------------------------------------------------------------


def read_sha256sums(path: Path) -> dict[str, str]:
    """``sha256sum`` lines (``<hex>  <path>``) as path → hex digest."""
    text = decode_utf8(read_bytes(path), str(path))
    out: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name or name in out:
            raise SchemaError(f"{path}: line {number}: expected '<sha256>  <path>', once per path")
        out[name] = digest
    return out


def check_sha256(sums: Path, name: str, digest: str) -> None:
    """Refuse a file (``name`` as the manifest ``sums`` writes it) whose bytes are not the ones
    the manifest lists: a half-built or hand-edited dataset is never scored or read."""
    listed = read_sha256sums(sums).get(name)
    if listed is None:
        raise SchemaError(f"{sums}: does not list {name}; rebuild with `silkroad-news build`")
    if listed != digest:
        raise SchemaError(
            f"{name}: SHA-256 {digest[:12]}… differs from {listed[:12]}… in {sums}: the dataset "
            "is half-built or edited by hand; rebuild it with `silkroad-news build`"
        )
