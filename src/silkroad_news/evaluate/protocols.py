"""Which gold a protocol scores: the rows, their folds, and what each row's model has seen.

``test``
    The gold is one split file (``--split``, default ``test``) or ``--gold FILE``; a line per
    row, no ``fold``.
``cv``
    The gold is every passage of the config: the union of its split files (or one ``--gold``
    file that holds them all), each row with its fold. A line per passage, each carrying
    ``"fold": k`` equal to the passage's fold. ``--fold K`` scores the passages of fold K alone:
    the file needs a line for each of them and may also hold lines of other folds (a whole cv
    file scored one fold at a time), which are validated in full (id, fold, every field, offsets
    against their passage's text) and not scored.
``full``
    The same union, no folds in the lines: for systems trained on no SilkRoad-News data.

Folds come from the rows' own ``fold`` field (dataset 2.0) and, for rows without one, from the
passages of the ``documents`` config (:func:`passage_folds`, the one place to change when every
row carries its fold). Files read from the repository's ``splits/`` are checked against
``splits/SHA256SUMS`` first (:func:`silkroad_news.files.check_sha256`), so a half-built dataset
is never scored; a ``--gold`` file is the caller's and is read as it is.

For ``ner`` the gold also records, for each row, the surface strings of the gold entities of
the data its model was trained on (:func:`silkroad_news.records.seen_surfaces`): the
training part of the repository's splits under ``test``, the other four folds under ``cv``,
nothing under ``full``. The ``unseen.*`` figures count the entities outside that set.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from .. import files, records
from ..files import is_present
from ..schema import (
    DATA_DIR,
    DOCUMENTS,
    FULL_SPLIT,
    SPLIT_OF_FOLD,
    SPLITS,
    Protocol,
    SchemaError,
    config_splits,
    data_path,
)
from .inputs import (
    GOLD_SUFFIXES,
    PROTOCOL_NAMES,
    Gold,
    Line,
    SubmissionError,
    check_task,
    find_gold,
    gold_from_rows,
    gold_rows,
    parse_gold,
    read_bytes,
)

SHA256SUMS = DATA_DIR / "SHA256SUMS"


def check_protocol(protocol: str, *, split: str | None, fold: int | None) -> None:
    """Refuse options that mean nothing under ``protocol``."""
    if protocol not in PROTOCOL_NAMES:
        raise SubmissionError(
            f"unknown protocol {protocol!r}; expected one of: {', '.join(PROTOCOL_NAMES)}"
        )
    if split is not None and protocol != Protocol.TEST.value:
        raise SubmissionError(
            f"--split {split} goes with protocol test; protocol {protocol} scores every passage"
        )
    if fold is not None:
        if protocol != Protocol.CV.value:
            raise SubmissionError(f"--fold goes with protocol cv; protocol {protocol} has no folds")
        if not 0 <= fold < len(SPLIT_OF_FOLD):
            raise SubmissionError(f"--fold must be 0..{len(SPLIT_OF_FOLD) - 1}, got {fold}")


def _repository_rows(root: Path, path: Path) -> tuple[list[Line], str]:
    """Rows of a file under the repository's ``splits/``, checked against its manifest."""
    data = read_bytes(path)
    digest = files.sha256_bytes(data)
    try:
        name = Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:  # a symlink out of the repository: its manifest cannot vouch for it
        raise SubmissionError(
            f"{path}: resolves outside the repository {root}; the gold must be the "
            f"repository's own file, listed in {SHA256SUMS}"
        ) from None
    try:
        files.check_sha256(Path(root) / SHA256SUMS, name, digest)
    except SubmissionError:
        raise
    except SchemaError as err:
        raise SubmissionError(str(err)) from None
    return parse_gold(data, Path(path))


def passage_folds(root: Path) -> dict[str, int]:
    """Passage id → fold, from the passages of ``splits/documents/full.parquet``."""
    path = Path(root) / data_path(DOCUMENTS, FULL_SPLIT)
    if not path.is_file():
        raise SubmissionError(
            f"{path}: file not found; the gold rows carry no fold, and the documents config "
            "that gives every passage's fold is missing (build the dataset, or use --root)"
        )
    lines, _ = _repository_rows(root, path)
    return {p["id"]: int(p["fold"]) for line in lines for p in line.obj["passages"]}


def _with_folds(gold: Gold, root: Path, *, required: bool) -> Gold:
    """The gold with every row's fold: its own, else the documents config's."""
    if gold.folds is not None:
        return gold
    if not required and not (Path(root) / data_path(DOCUMENTS, FULL_SPLIT)).is_file():
        return gold
    folds = passage_folds(root)
    missing = next((rid for rid in gold.ids if rid not in folds), None)
    if missing is not None:
        raise SubmissionError(
            f"{gold.source}: passage {missing!r} has no fold in the documents config; "
            "rebuild the dataset"
        )
    return replace(gold, folds=np.array([folds[rid] for rid in gold.ids], dtype=np.int64))


def _union(task: str, root: Path) -> tuple[list[Line], str, tuple[tuple[str, str], ...]]:
    """Rows of every split file of the config, checked; a digest over the files' digests."""
    lines: list[Line] = []
    digests = []
    for split in config_splits(task):
        path = find_gold(task, split, root)
        rows, digest = _repository_rows(root, path)
        lines += rows
        digests.append((data_path(task, split).with_suffix(path.suffix).as_posix(), digest))
    manifest = "".join(f"{d}  {name}\n" for name, d in digests)
    return lines, hashlib.sha256(manifest.encode()).hexdigest(), tuple(digests)


def _surfaces_by_fold(gold: Gold) -> dict[int, set[str]]:
    assert gold.spans is not None
    out: dict[int, set[str]] = {}
    folds = gold.row_folds()
    for row, s, e in zip(gold.spans.row, gold.spans.start, gold.spans.end, strict=True):
        out.setdefault(int(folds[row]), set()).add(gold.texts[row][s:e])
    return out


def _seen_per_row(gold: Gold, by_fold: Mapping[int, set[str]]) -> tuple[frozenset[str], ...]:
    folds = gold.row_folds().tolist()
    seen = {k: records.seen_surfaces(by_fold, gold.protocol, k) for k in set(folds)}
    return tuple(seen[k] for k in folds)


def _test_seen(gold: Gold, root: Path, split: str) -> Gold:
    """``test``: the entity surfaces of the splits a model is trained on before ``split``
    (train and validation before test). Without those files (a host holding the test gold
    alone) the seen set is unknown and the ``unseen.*`` figures are left out."""
    fold = min(k for k, s in SPLIT_OF_FOLD.items() if s == split)
    training = sorted({SPLIT_OF_FOLD[k] for k in records.training_folds(Protocol.TEST.value, fold)})
    surfaces: set[str] = set()
    for s in training:
        base = Path(root) / data_path(gold.task, s)
        path = next(
            (base.with_suffix(x) for x in GOLD_SUFFIXES if is_present(base.with_suffix(x))), None
        )
        if path is None:
            return gold
        part = gold_from_rows(gold.task, _repository_rows(root, path)[0])
        for found in _surfaces_by_fold(replace(part, folds=None)).values():
            surfaces |= found
    seen = frozenset(surfaces)
    return replace(gold, seen=tuple(seen for _ in gold.ids))


def load_gold(
    task: str,
    *,
    protocol: str = Protocol.TEST.value,
    root: Path = Path("."),
    split: str | None = None,
    gold: Path | None = None,
    fold: int | None = None,
) -> Gold:
    """The gold a protocol scores (see the module docstring), with folds and seen surfaces."""
    check_task(task)
    check_protocol(protocol, split=split, fold=fold)
    root = Path(root)
    if protocol == Protocol.TEST.value:
        split = split or "test"
        path = find_gold(task, split, root, gold)
        lines, digest = gold_rows(path) if gold is not None else _repository_rows(root, path)
        table = gold_from_rows(task, lines, digest)
        table = replace(table, files=((_shown(path, root), digest),))
        if task == "ner":
            table = _test_seen(table, root, split)
        return table
    if gold is not None:
        lines, digest = gold_rows(Path(gold))
        listed: tuple[tuple[str, str], ...] = ((str(gold), digest),)
    else:
        lines, digest, listed = _union(task, root)
    table = gold_from_rows(task, lines, digest)
    if gold is None:
        table = replace(table, source=_union_name(task, listed))
    table = replace(table, protocol=protocol, files=listed)
    table = _with_folds(table, root, required=protocol == Protocol.CV.value)
    if task == "ner":
        if protocol == Protocol.FULL.value:
            table = replace(table, seen=tuple(frozenset() for _ in table.ids))
        else:
            table = replace(table, seen=_seen_per_row(table, _surfaces_by_fold(table)))
    if fold is not None:
        table = replace(table.select(np.flatnonzero(table.row_folds() == fold)), fold=fold)
        if not table.ids:
            raise SubmissionError(f"{table.source}: fold {fold} has no passage")
    return table


def _shown(path: Path, root: Path) -> str:
    """A gold file as reports name it: relative to the repository when inside it."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def _union_name(task: str, listed: Sequence[tuple[str, str]]) -> str:
    suffixes = {Path(name).suffix for name, _ in listed}
    suffix = suffixes.pop() if len(suffixes) == 1 else ".*"
    return f"{(DATA_DIR / task).as_posix()}/{{{','.join(SPLITS)}}}{suffix}"
