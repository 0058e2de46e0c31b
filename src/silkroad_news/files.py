"""File I/O shared by every writer: atomic writes and one canonical JSON form.

Everything the pipeline writes goes through :func:`write_atomic`, so a crash or a refused
input never leaves a half-written file, and through :func:`dumps_json`, so the same data always
gives the same bytes (sorted keys, UTF-8 text, no trailing spaces).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any


def dumps_json(obj: Any, *, indent: int | None = 1) -> str:
    """Canonical JSON: sorted keys, real characters rather than escapes, newline at the end."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=indent) + "\n"


def dumps_jsonl(rows: Iterable[Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)


def _umask_mode() -> int:
    # mkstemp creates 0600 files; published data should get the usual rw-r--r-- (under umask).
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), _umask_mode())
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_many_atomic(files: Mapping[Path, bytes | str]) -> None:
    """Write several files so that a failure in preparing any leaves all old files in place.

    Each file is staged next to its target first; only when every stage succeeded are they
    renamed into place (each rename is atomic; the set is as close to atomic as POSIX allows).
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fchmod(fh.fileno(), _umask_mode())
                os.fsync(fh.fileno())
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    return sha256_bytes(Path(path).read_bytes())


def read_jsonl(path: Path) -> list[tuple[int, Any]]:
    """(line number, value) of every non-blank line of a JSON Lines file.

    Lines end at ``\\n`` only: ``str.splitlines`` would also split inside strings holding
    U+2028, U+2029 or U+0085, which JSON writes unescaped. Bad input raises
    :class:`~silkroad_news.schema.SchemaError` naming the file and the line.
    """
    from .schema import SchemaError

    try:
        text = Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise SchemaError(f"{path}: file not found") from None
    except UnicodeDecodeError as err:
        raise SchemaError(f"{path}: bytes that are not UTF-8 at byte offset {err.start}") from None
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            out.append((n, json.loads(line)))
        except (json.JSONDecodeError, ValueError) as err:
            raise SchemaError(f"{path}: line {n}: not valid JSON ({err})") from None
    return out
