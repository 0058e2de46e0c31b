"""The annotation explorer: static pages, checked as HTML and in a real browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from silkroad_news.annotations import read_gold
from silkroad_news.explore import entity_markup, layered_markup, render_explorer, write_explorer


def test_markup_keeps_code_points_and_escapes() -> None:
    text = "𠮷喀什<b>"
    assert entity_markup(text, [(1, 3, "GPE")]).startswith('𠮷<mark data-type="GPE"')
    assert "喀什<sup>GPE</sup></mark>&lt;b&gt;" in entity_markup(text, [(1, 3, "GPE")])
    # nested spans of one layer: cut at every boundary, each label after its span
    nested = layered_markup(
        "新疆4个综合保税区", [(0, 9, "SUBJECT", "#00f"), (2, 4, "VALUE", "#f00")]
    )
    assert re.sub(r"<[^>]+>", "|", nested).replace("|", "") == "新疆4个VALUE综合保税区SUBJECT"


def test_pages_are_deterministic_self_contained_and_complete(root: Path) -> None:
    pages = render_explorer(root)
    assert pages == render_explorer(root)
    assert sorted(pages) == [
        "digest-channel-advantage.html",
        "index.html",
        "shiliuyun-core-area.html",
        "tianshannet-kashgar-trade.html",
    ]
    for text in pages.values():
        assert "<script" not in text and "http://" not in text and "https://" not in text
        assert "<style>" in text and 'charset="utf-8"' in text
    index = pages["index.html"]
    assert "83 annotated passages" in index and "295 entities, 77 claims" in index
    trade = pages["tianshannet-kashgar-trade.html"]
    gold = read_gold(root / "annotations" / "gold.jsonl")
    with_claims = [a for a in gold if a.doc_id == "tianshannet-kashgar-trade" and a.claims]
    assert trade.count('data-layer="claims-table"') == len(with_claims)
    assert trade.count("<tr data-claim=") == sum(len(a.claims) for a in with_claims) == 17
    assert '<mark data-type="GPE"' in trade and "喀什地區<sup>GPE</sup>" in trade
    assert "喀什地区<sup>GPE</sup>" in trade  # the Simplified view of a Traditional article


@pytest.mark.browser
def test_explorer_in_a_real_browser(root: Path, tmp_path: Path, page: Any) -> None:
    """What a person sees: the spans of a known passage with their types, in both scripts,
    its claims with their parts, and no script error."""
    out = tmp_path / "explorer"
    write_explorer(root, out)
    page.goto((out / "tianshannet-kashgar-trade.html").as_uri())
    passage = page.locator('[data-passage="tianshannet-kashgar-trade-p05"]').first
    passage.scroll_into_view_if_needed()
    entities = page.locator(
        '[data-passage="tianshannet-kashgar-trade-p05"][data-layer="entities"] mark'
    )
    seen = [entities.nth(i).inner_text() for i in range(entities.count())]
    assert seen[0].replace("\n", "") == "喀什地區GPE"
    assert any(s.startswith("中國(新疆)自由貿易試驗區喀什片區") and s.endswith("FAC") for s in seen)
    simplified = page.locator(
        '[data-passage="tianshannet-kashgar-trade-p05"][data-layer="entities-simplified"]'
    )
    assert "喀什地区" in simplified.inner_text()
    claims = page.locator('[data-passage="tianshannet-kashgar-trade-p05"][data-layer="claims"]')
    assert claims.is_visible() and "VALUE" in claims.inner_text()
    table = page.locator(
        '[data-passage="tianshannet-kashgar-trade-p05"][data-layer="claims-table"]'
    ).inner_text()
    assert "564.32億元" in table and "進出口總值" in table and "上半年" in table
    # marks are drawn: a GPE mark has a background colour
    colour = entities.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(tmp_path / "explorer-kashgar.png"), full_page=False)
    page.goto((out / "index.html").as_uri())
    assert "Entities by type" in page.inner_text("body")
    page.click("text=釋放“自貿”新動能 喀什外貿創新高")
    assert page.url.endswith("tianshannet-kashgar-trade.html")
    assert page.errors == []
