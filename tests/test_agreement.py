"""Tests of silkroad_news.agreement on small hand-made pairs of annotations."""

from __future__ import annotations

import math

import pytest

from silkroad_news.agreement import compute, disagreements, render_markdown
from silkroad_news.schema import (
    Approx,
    Claim,
    ClaimKind,
    Direction,
    Entity,
    EntityType,
    Modality,
    PassageAnnotation,
    SchemaError,
    Span,
    Unit,
)

TEXT = "上半年,喀什地區進出口總值達564.32億元,同比增長67.2%。"


def _s(surface: str) -> Span:
    i = TEXT.index(surface)
    return Span(i, i + len(surface), surface)


def _e(surface: str, t: EntityType) -> Entity:
    s = _s(surface)
    return Entity(surface, t, s.start, s.end, s.text)


def _c(value: str, kind: ClaimKind, number: float, unit: Unit, metric: str | None) -> Claim:
    return Claim(
        value,
        _s(value),
        number,
        unit,
        "億元" if unit is Unit.CNY else "%",
        kind,
        Approx.EXACT,
        Direction.NONE,
        Modality.ACTUAL,
        _s(metric) if metric else None,
    )


A = PassageAnnotation(
    "p1",
    "d",
    TEXT,
    (_e("喀什地區", EntityType.GPE),),
    (
        _c("564.32億元", ClaimKind.AMOUNT, 56432000000.0, Unit.CNY, "進出口總值"),
        _c("67.2%", ClaimKind.CHANGE_RATE, 67.2, Unit.PERCENT, "進出口總值"),
    ),
)


def test_identical_annotations_agree_perfectly() -> None:
    ag = compute([A], [A])
    assert ag.entities_exact["ALL"].f1 == 1.0 and ag.values.f1 == 1.0
    assert ag.kind_kappa == 1.0
    assert set(ag.attribute_agreement.values()) == {1.0}
    assert disagreements([A], [A]) == []


def test_partial_entity_overlap_counts_only_as_partial() -> None:
    b = PassageAnnotation("p1", "d", TEXT, (_e("喀什", EntityType.GPE),), A.claims)
    ag = compute([A], [b])
    assert ag.entities_exact["GPE"].f1 == 0.0
    assert ag.entities_partial["GPE"].f1 == 1.0
    assert disagreements([A], [b]) == [
        "p1: entity 喀什@4 GPE: only B",
        "p1: entity 喀什地區@4 GPE: only A",
    ]


def test_claim_attributes_and_kappa() -> None:
    b = PassageAnnotation(
        "p1",
        "d",
        TEXT,
        A.entities,
        (
            _c("564.32億元", ClaimKind.AMOUNT, 56432000000.0, Unit.CNY, None),
            _c("67.2%", ClaimKind.SHARE, 67.2, Unit.PERCENT, "進出口總值"),
        ),
    )
    ag = compute([A], [b])
    assert ag.values.f1 == 1.0
    assert ag.attribute_agreement["kind"] == 0.5
    assert ag.attribute_agreement["metric"] == 0.5
    assert ag.attribute_agreement["number"] == 1.0
    # p_o = 1/2, p_e = 1/2 * 1/2 (both say amount once): kappa = (1/2 - 1/4) / (3/4)
    assert math.isclose(ag.kind_kappa, 1 / 3, rel_tol=1e-12)
    diffs = disagreements([A], [b])
    assert "p1: claim 564.32億元@14: metric A=進出口總值@8 B=—" in diffs
    assert "p1: claim 67.2%@27: kind A=change_rate B=share" in diffs
    assert "Cohen's kappa, kind | 0.333" in render_markdown(ag, "cmd", diffs)


def test_different_texts_are_refused() -> None:
    b = PassageAnnotation("p1", "d", TEXT + "x")
    with pytest.raises(SchemaError, match="other texts"):
        compute([A], [b])
