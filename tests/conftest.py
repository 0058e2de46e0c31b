"""Shared fixtures. Tests never touch the network: the hub is switched off for the session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository itself (read-only use)."""
    return ROOT


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A scratch copy of the repository's data folders, for commands that write."""
    dst = tmp_path / "repo"
    for name in ("corpus", "annotations", "splits"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dst / name)
    return dst
