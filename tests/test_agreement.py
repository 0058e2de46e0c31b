"""Tests of silkroad_news.agreement on small hand-made pairs of annotations."""

from __future__ import annotations

import math

import pytest

from silkroad_news.agreement import (
    compute,
    compute_mentions,
    disagreements,
    mention_disagreements,
    render_markdown,
    render_mentions_markdown,
)
from silkroad_news.schema import (
    Approx,
    Claim,
    ClaimKind,
    Direction,
    Entity,
    EntityType,
    Modality,
    NumberCategory,
    NumberMention,
    PassageAnnotation,
    PassageMentions,
    SchemaError,
    Span,
)

TEXT = "上半年,喀什地區進出口總值達564.32億元,同比增長67.2%。"


def _s(surface: str) -> Span:
    i = TEXT.index(surface)
    return Span(i, i + len(surface), surface)


def _e(surface: str, t: EntityType) -> Entity:
    s = _s(surface)
    return Entity(surface, t, s.start, s.end, s.text)


def _c(value: str, kind: ClaimKind, number: float, unit: str, metric: str | None) -> Claim:
    return Claim(
        value,
        _s(value),
        number,
        None,
        None,
        unit,
        "億元" if unit == "CNY" else "%",
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
        _c("564.32億元", ClaimKind.AMOUNT, 56432000000.0, "CNY", "進出口總值"),
        _c("67.2%", ClaimKind.CHANGE_RATE, 67.2, "%", "進出口總值"),
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
            _c("564.32億元", ClaimKind.AMOUNT, 56432000000.0, "CNY", None),
            _c("67.2%", ClaimKind.SHARE, 67.2, "%", "進出口總值"),
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


# ---- the number-mention layer ------------------------------------------------------------------


def _m(text: str, surface: str, mid: str, category: str = "quantity", **reading) -> NumberMention:
    i = text.index(surface)
    read = category in ("quantity", "duration")
    fields = {"number": None, "low": None, "high": None, "unit": None, "unit_text": ""}
    fields["approx"] = Approx.EXACT if read else None
    fields.update(reading)
    return NumberMention(mid, i, i + len(surface), surface, NumberCategory(category), **fields)


def _layer(*mentions: NumberMention) -> PassageMentions:
    return PassageMentions("p1", "d", TEXT, mentions)


def test_mention_agreement_counts_spans_categories_and_fields() -> None:
    a = _layer(
        _m(TEXT, "上半年", "m1", "date"),
        _m(TEXT, "564.32億元", "m2", number=5.6432e10, unit="CNY", unit_text="億元"),
        _m(TEXT, "67.2%", "m3", number=67.2, unit="%", unit_text="%"),
    )
    b = _layer(
        _m(TEXT, "上半年", "m1", "duration", number=0.5, unit="a", unit_text="年"),
        _m(TEXT, "564.32億元", "m2", number=5.6432e10, unit="CNY", unit_text="億元"),
        _m(TEXT, "67.2", "m3", number=67.2),
    )
    ag = compute_mentions([a], [b])
    assert (ag.spans.n_a, ag.spans.n_b, ag.spans.tp) == (3, 3, 2)
    assert ag.categories["ALL"].tp == 1 and ag.categories["quantity"].f1 == pytest.approx(0.5)
    assert ag.field_agreement["category"] == 0.5 and ag.field_agreement["unit"] == 0.5
    # kappa on the two matched spans: A says date, quantity; B duration, quantity:
    # p_o = 1/2, p_e = 1/2 * 1/2 (both say quantity once), kappa = (1/2 - 1/4) / (3/4)
    assert ag.category_kappa == pytest.approx(1 / 3)
    assert mention_disagreements([a], [b]) == [
        "p1: mention 上半年@0: category A=date B=duration",
        "p1: mention 上半年@0: number A=— B=0.5",
        "p1: mention 上半年@0: unit A=— B=a",
        "p1: mention 上半年@0: unit_text A= B=年",
        "p1: mention 上半年@0: approx A=— B=exact",
        "p1: mention 67.2@27 quantity: only B",
        "p1: mention 67.2%@27 quantity: only A",
    ]
    assert compute_mentions([a], [a]).category_kappa == 1.0
    assert mention_disagreements([a], [a]) == []
    report = render_mentions_markdown(ag, "cmd", mention_disagreements([a], [b]))
    assert "| mentions A / B / same span | 3 / 3 / 2 |" in report
    assert "## Disagreements (7)" in report
