"""Tests of silkroad_news.card: the dataset card's generated blocks and label figure, filled from
the built rows of the fixture repository, and refusals of a card whose markers are broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from silkroad_news.build import build, render_build
from silkroad_news.schema import SchemaError


def test_the_dataset_card_blocks_are_generated_from_the_data(
    fixture_repo: Path, root: Path
) -> None:
    repo = fixture_repo
    shutil.copy(root / "dataset_card.md", repo / "dataset_card.md")
    files = build(repo)
    card = (repo / "dataset_card.md").read_text(encoding="utf-8")
    assert "| `ner` | train: " in card
    assert "| PRODUCT |" in card and "| count |" in card
    assert "| `fixture-kashgar` | Hans |" in card
    assert "No agreement study has been recorded yet." in card
    assert (repo / "dataset_card_labels.svg").read_text(encoding="utf-8").startswith("<svg")
    # prose outside the blocks is kept byte for byte, and a rebuild changes nothing
    assert card.startswith((root / "dataset_card.md").read_text(encoding="utf-8").split("<!--")[0])
    assert build(repo) == files


def test_a_card_with_a_broken_marker_is_refused(fixture_repo: Path, root: Path) -> None:
    repo = fixture_repo
    text = (root / "dataset_card.md").read_text(encoding="utf-8")
    (repo / "dataset_card.md").write_text(
        text.replace("<!-- END generated:statistics -->", ""), encoding="utf-8"
    )
    with pytest.raises(SchemaError, match=r"generated blocks missing \['statistics'\]"):
        render_build(repo)
