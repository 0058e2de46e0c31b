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


def test_statements_about_the_data_are_generated_from_it(fixture_repo: Path, root: Path) -> None:
    from silkroad_news.build import config_rows, load_inputs
    from silkroad_news.card import coverage, sources, unseen

    repo = fixture_repo
    rows = config_rows(load_inputs(repo))
    text = coverage(rows)
    assert text.startswith("In every split: ") and "`claim:multiple` (none at all)" in text
    inputs = load_inputs(repo)
    table = sources(inputs.corpus, {})
    assert (
        "| `fixture-kashgar` | 喀什外贸创新高 𠮷祥口岸开通 | 天山网 | 2024-08-08 | Hans |" in table
    )
    assert "1 articles, published between 2024-08-08 and 2024-08-08" in table
    assert unseen(rows).startswith("- test entities (training data: train and validation): ")
    # the committed card no longer asserts what the data contradict
    card = (root / "dataset_card.md").read_text(encoding="utf-8")
    assert "every major label occurs in every split" not in card
    assert "`claim:change_rate` (none in validation)" in card
    assert "phone numbers was removed" not in card and "the raw file in the repository's" in card


def test_the_readme_header_comes_from_the_schema(root: Path) -> None:
    import yaml

    from silkroad_news.schema import HUB_METADATA

    readme = (root / "README.md").read_text(encoding="utf-8")
    header = yaml.safe_load(readme.split("---\n")[1])
    for key, value in HUB_METADATA.items():
        assert header[key] == value, key
    assert header["license"] == "other" and header["license_link"] == "LICENSE-DATA.md"
    assert (root / header["license_link"]).is_file()
    assert {"zh", "zh-Hans", "zh-Hant"} <= set(header["language"])
    assert header["multilinguality"] == ["monolingual"]
    assert header["task_categories"] == ["token-classification"]
    assert header["task_ids"] == ["named-entity-recognition"]
    assert header["size_categories"] == ["n<1K"]
    for info in header["dataset_info"]:
        assert all({"name", "num_bytes", "num_examples"} <= set(s) for s in info["splits"])
