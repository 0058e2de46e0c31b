"""Shared fixtures. Tests never touch the network: the hub is switched off for the session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


@pytest.fixture
def cli_run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the ``silkroad-news`` CLI in-process; return (exit code, stdout, stderr)."""
    from silkroad_news import cli

    def run(*argv: Any) -> tuple[int, str, str]:
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run
