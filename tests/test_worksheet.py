"""Tests of silkroad_news.worksheet: resolving surface text + occurrence to offsets and back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkroad_news.schema import SchemaError
from silkroad_news.worksheet import resolve, to_worksheet

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
