"""Tests of silkroad_news.worksheet: resolving surface text + occurrence to offsets and back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkroad_news.schema import SchemaError
from silkroad_news.worksheet import (
    resolve,
    resolve_mentions,
    to_mention_worksheet,
    to_worksheet,
)

TEXT = "𠮷喀什地區進出口總值達564.32億元,喀什地區同比增長67.2%。哈哈哈"


def _record(**kw):
    return {"passage_id": "d-p01", "entities": [], "claims": [], **kw}


def test_occurrences_resolve_to_code_point_offsets_and_back() -> None:
    rec = _record(
        entities=[
            {"text": "喀什地區", "type": "GPE"},
            {"text": "喀什地區", "occurrence": 2, "type": "GPE"},
        ],
        claims=[
            {
                "value": {"text": "564.32億元"},
                "number": 56432000000.0,
                "unit": "CNY",
                "unit_text": "億元",
                "kind": "amount",
                "approx": "exact",
                "direction": "none",
                "modality": "actual",
                "metric": {"text": "進出口總值"},
                "subject": {"text": "喀什地區", "occurrence": 1},
                "time": None,
            }
        ],
    )
    ann = resolve(rec, TEXT, "d", "ws.jsonl: line 1")
    assert [(e.start, e.end) for e in ann.entities] == [(1, 5), (20, 24)]
    assert ann.claims[0].value.start == 11
    back = to_worksheet(ann)
    assert resolve(back, TEXT, "d", "again") == ann


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (["not", "a", "record"], r"line 1: expected an object per passage"),
        (_record(entities=["喀什"]), r"entities item 1 must be an object, got '喀什'"),
        (_record(entities=None), r"field 'entities' must be a list"),
        (_record(claims=[5]), r"claims item 1 must be an object, got 5"),
        (_record(colour="red"), r"unknown field 'colour'"),
        (
            _record(entities=[{"text": "喀什地區", "type": "GPE", "typo": 1}]),
            r"entity 1 \('喀什地區'\): unknown field 'typo'; allowed: text, type, occurrence",
        ),
        (
            _record(claims=[{"value": {"text": "67.2%"}, "numbers": 67.2}]),
            r"claim 1 \('67.2%'\): missing field 'number'",
        ),
        (
            _record(entities=[{"text": "哈哈", "occurrence": 3, "type": "PERSON"}]),
            r"'哈哈' occurs 2 times in the passage, not 3",
        ),
        (
            _record(entities=[{"text": "喀什地區", "occurrence": 0, "type": "GPE"}]),
            r"field 'occurrence' must be a positive integer",
        ),
        (
            _record(entities=[{"text": "喀什地區", "type": "CITY"}]),
            r"field 'type' has unknown value 'CITY'",
        ),
    ],
)
def test_bad_worksheets_are_refused_with_a_message(record, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        resolve(record, TEXT, "d", "ws.jsonl: line 1")


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_entity_round_trips_through_its_worksheet(data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(TEXT) - 1))
    end = data.draw(st.integers(start + 1, len(TEXT)))
    rec = _record(entities=[{"text": TEXT[start:end], "type": "ORG"}])
    rec["entities"][0]["occurrence"] = (
        sum(TEXT.startswith(TEXT[start:end], i) for i in range(start)) + 1
    )
    ann = resolve(rec, TEXT, "d", "w")
    assert (ann.entities[0].start, ann.entities[0].end) == (start, end)
    assert to_worksheet(ann)["entities"] == rec["entities"]


# ---- the number-mention layer ------------------------------------------------------------------

MENTION_TEXT = "𠮷上半年,喀什地區進出口總值達564.32億元,同比增長67.2%,用電3至5萬度。"


def _mention_sheet(*mentions: dict) -> dict:
    return {"passage_id": "d-p01", "mentions": list(mentions)}


def _quantity(text: str, **reading) -> dict:
    base = {"number": None, "low": None, "high": None, "unit_text": "", "approx": "exact"}
    return {"text": text, "category": "quantity", **base, **reading}


def test_mention_worksheets_resolve_in_text_order_and_back() -> None:
    sheet = _mention_sheet(
        _quantity("564.32億元", number=56432000000, unit_text="億元", note="as written"),
        {"text": "上半年", "occurrence": 1, "category": "date"},
        _quantity("3至5萬度", low=30000, high=50000, unit_text="度", unit="kWh"),
        _quantity("67.2%", number=67.2, unit_text="%"),
    )
    layer = resolve_mentions(sheet, MENTION_TEXT, "d", "ws.jsonl: line 1")
    assert [(m.id, m.start, m.text) for m in layer.mentions] == [
        ("d-p01-m1", 1, "上半年"),  # 𠮷 is one code point
        ("d-p01-m2", 15, "564.32億元"),
        ("d-p01-m3", 28, "67.2%"),
        ("d-p01-m4", 36, "3至5萬度"),
    ]
    assert [m.unit for m in layer.mentions] == [None, "CNY", "%", "kWh"]
    assert layer.mentions[3].number is None and layer.mentions[3].high == 50000.0
    assert layer.provenance is None
    back = to_mention_worksheet(layer)
    assert back["mentions"][3]["unit"] == "kWh"  # 度 alone does not decide it
    assert "unit" not in back["mentions"][1]  # 億元 does
    assert resolve_mentions(back, MENTION_TEXT, "d", "again") == layer


@pytest.mark.parametrize(
    ("mention", "message"),
    [
        (
            _quantity("3至5萬度", low=30000, high=50000, unit_text="度"),
            r"mention 1 \('3至5萬度'\): field 'unit_text' '度' stands for kWh or count:度: "
            r"add 'unit'",
        ),
        (
            _quantity("3至5萬度", low=30000, high=50000, unit_text="度", unit="CNY"),
            r"field 'unit' is 'CNY'; 'unit_text' '度' stands for kWh or count:度",
        ),
        (
            _quantity("67.2%", number=67.2, unit_text="斤两"),
            r"field 'unit_text' '斤两' is no unit of the unit inventory 2\.2",
        ),
        (
            {"text": "上半年", "category": "date", "number": 2023},
            r"mention 1 \('上半年'\): unknown field 'number'; allowed: text, category, occurrence",
        ),
        (
            {"text": "67.2%", "category": "quantity", "number": 67.2},
            r"mention 1 \('67.2%'\): missing field 'low'",
        ),
        (
            _quantity("67.2%", number=67.2, unit_text="%", approx="roughly"),
            r"field 'approx' has unknown value 'roughly'",
        ),
        ({"text": "67.3%", "category": "date"}, r"'67.3%' occurs 0 times in the passage"),
        ({"text": "上半年", "category": "season"}, r"field 'category' has unknown value 'season'"),
    ],
)
def test_bad_mention_worksheets_are_refused(mention: dict, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        resolve_mentions(_mention_sheet(mention), MENTION_TEXT, "d", "ws.jsonl: line 1")


def test_overlapping_mentions_are_refused() -> None:
    sheet = _mention_sheet(
        _quantity("564.32億元", number=56432000000, unit_text="億元"),
        _quantity("億元", number=1e8, unit_text="元"),
    )
    with pytest.raises(SchemaError, match=r"mentions 'd-p01-m1' and 'd-p01-m2' overlap"):
        resolve_mentions(sheet, MENTION_TEXT, "d", "ws.jsonl: line 1")


def test_a_schema_1_claim_in_a_worksheet_is_migrated() -> None:
    rec = _record(
        claims=[
            {
                "value": {"text": "564.32億元"},
                "number": 56432000000.0,
                "unit": "CNY",
                "unit_text": "億元",
                "kind": "amount",
                "approx": "exact",
                "direction": "none",
                "modality": "actual",
            }
        ]
    )
    ann = resolve(rec, TEXT, "d", "ws.jsonl: line 1")
    assert (ann.claims[0].low, ann.claims[0].high, ann.claims[0].unit) == (None, None, "CNY")
    rec["claims"][0].update(unit="count")  # a 1.0 count needs a measure word to migrate
    with pytest.raises(SchemaError, match=r"unit_text '億元' of a count is no measure word"):
        resolve(rec, TEXT, "d", "ws.jsonl: line 1")
