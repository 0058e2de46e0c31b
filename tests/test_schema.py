"""Tests of silkroad_news.schema: the registry of tasks, splits, folds, protocols and paths, and
the shared checks."""

from __future__ import annotations

import pytest

from silkroad_news.schema import (
    CONFIGS,
    DOCUMENTS,
    FULL_SPLIT,
    N_FOLDS,
    PROTOCOLS,
    SPLIT_OF_FOLD,
    SPLITS,
    TASKS,
    Protocol,
    SchemaError,
    check_span,
    config_splits,
    data_path,
)


def test_every_task_is_a_config_and_documents_comes_first() -> None:
    assert CONFIGS == (DOCUMENTS, *TASKS) == ("documents", "ner", "claims", "numbers")
    assert SPLITS == ("train", "validation", "test")


def test_data_paths_are_one_parquet_file_per_config_and_split() -> None:
    paths = {data_path(c, s).as_posix() for c in CONFIGS for s in config_splits(c)}
    assert "splits/documents/full.parquet" in paths
    assert {f"splits/{t}/{s}.parquet" for t in TASKS for s in SPLITS} <= paths
    assert len(paths) == 1 + len(TASKS) * len(SPLITS)
    assert config_splits(DOCUMENTS) == (FULL_SPLIT,)


@pytest.mark.parametrize(
    ("config", "split", "message"),
    [
        ("ner", "full", r"config 'ner' has no split 'full'; expected one of: train, validation"),
        ("documents", "test", r"config 'documents' has no split 'test'; expected one of: full"),
        ("entities", "test", r"unknown config 'entities'; expected one of: documents, ner"),
    ],
)
def test_a_path_outside_the_registry_is_refused(config: str, split: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        data_path(config, split)


def test_folds_make_the_splits() -> None:
    assert sorted(SPLIT_OF_FOLD) == list(range(N_FOLDS))
    assert set(SPLIT_OF_FOLD.values()) == set(SPLITS)
    assert SPLIT_OF_FOLD[0] == "test" and SPLIT_OF_FOLD[1] == "validation"


def test_every_protocol_is_described() -> None:
    assert [p.value for p in Protocol] == ["test", "cv", "full"]
    assert set(PROTOCOLS) == set(Protocol)
    assert all(text and not text.endswith(".") for text in PROTOCOLS.values())


def test_check_span_counts_code_points() -> None:
    check_span("𠮷野家", 1, 3, "野家", "x")
    with pytest.raises(SchemaError, match=r"x: field 'text' is '𠮷野' but text\[1:3\] is '野家'"):
        check_span("𠮷野家", 1, 3, "𠮷野", "x")
