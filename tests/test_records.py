"""Tests of silkroad_news.records, the one codec: field lists from the schema, the canonical
JSON form and its exact round trip, the lighter submission form, and one invalid record per
error kind with its message."""

from __future__ import annotations

import ast
import copy
import dataclasses
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkroad_news.files import NonFinite
from silkroad_news.records import (
    CLAIM_ATTRIBUTES,
    CLAIM_LABELS,
    CLAIM_PARTS,
    CLAIM_SPANS,
    annotation_from_json,
    annotation_to_json,
    check_offsets,
    json_fields,
    record_from_json,
    submission_claim,
    to_json,
)
from silkroad_news.schema import (
    Approx,
    Change,
    Claim,
    ClaimKind,
    Direction,
    Document,
    Entity,
    EntityType,
    Modality,
    PassageAnnotation,
    SchemaError,
    Span,
    Unit,
)

# ---- fields come from the dataclasses ------------------------------------------------------


def test_field_lists_are_the_dataclass_fields_with_text_before_the_offsets() -> None:
    assert json_fields(Span) == ("text", "start", "end")
    assert json_fields(Entity) == ("id", "type", "text", "start", "end")
    assert json_fields(Claim) == tuple(f.name for f in dataclasses.fields(Claim))
    assert CLAIM_SPANS == ("value", "metric", "subject", "time")
    assert CLAIM_PARTS == ("metric", "subject", "time")
    assert CLAIM_ATTRIBUTES == ("number", "unit", "unit_text", "kind", "approx", "direction",
                                "modality")  # fmt: skip
    assert {
        "unit": Unit,
        "kind": ClaimKind,
        "approx": Approx,
        "direction": Direction,
        "modality": Modality,
    } == CLAIM_LABELS


def test_a_new_schema_field_reaches_writer_and_reader() -> None:
    @dataclasses.dataclass(frozen=True)
    class Tagged:
        id: str
        value: Span
        weight: float
        note: str | None = None

    rec = Tagged("t1", Span(start=0, end=2, text="喀什"), 0.5)
    obj = to_json(rec, shift=3)
    assert obj == {"id": "t1", "value": {"text": "喀什", "start": 3, "end": 5}, "weight": 0.5,
                   "note": None}  # fmt: skip
    assert record_from_json(Tagged, obj, "x", text="喀什新疆", shift=-3) == rec
    with pytest.raises(SchemaError, match=r"x: missing field 'weight'"):
        record_from_json(Tagged, {"id": "t1", "value": obj["value"]}, "x", text="喀什新疆")


# ---- the canonical form --------------------------------------------------------------------


def test_json_round_trip_is_exact(gold_record: PassageAnnotation) -> None:
    obj = annotation_to_json(gold_record)
    assert list(obj["claims"][0]) == list(json_fields(Claim))
    assert list(obj["claims"][0]["value"]) == ["text", "start", "end"]
    assert obj["provenance"]["task_id"] == 7
    assert annotation_from_json(obj, "x") == gold_record


def test_shift_moves_every_offset_and_only_offsets(gold_record: PassageAnnotation) -> None:
    claim = gold_record.claims[0]
    moved = to_json(claim, shift=100)
    assert {n: moved[n]["start"] - getattr(claim, n).start for n in CLAIM_SPANS} == dict.fromkeys(
        CLAIM_SPANS, 100
    )
    assert moved["number"] == claim.number and moved["unit"] == "CNY"
    back = record_from_json(Claim, moved, "x", text=gold_record.text, shift=-100)
    assert back == claim


def test_a_submission_claim_has_no_id_and_may_leave_out_unscored_fields(gold_record) -> None:
    claim = gold_record.claims[0]
    line = submission_claim(claim)
    assert "id" not in line and set(line) == set(json_fields(Claim)) - {"id"}
    light = {k: v for k, v in line.items() if k != "unit_text"}
    light["value"] = {"start": claim.value.start, "end": claim.value.end}  # text is optional
    got = record_from_json(
        Claim,
        light,
        "x",
        text=gold_record.text,
        optional=("id", "unit_text"),
        given={"id": "p#0"},
        span_text=False,
    )
    assert got == dataclasses.replace(claim, id="p#0", unit_text="")


def test_nested_tuples_read_back(gold_record: PassageAnnotation) -> None:
    doc = Document(
        id="d",
        text=gold_record.text,
        text_simplified=gold_record.text,
        passages=(),
        alignment=((0, 0, 4), (4, 5, 30)),
        changes=(Change(4, 5, ",", 4, 5, ",", "repair", "x"),),  # type: ignore[arg-type]
    )
    obj = to_json(doc)
    assert obj["alignment"] == [[0, 0, 4], [4, 5, 30]]
    assert record_from_json(Document, obj, "doc").alignment == doc.alignment
    obj["alignment"][1] = [4, 5]
    with pytest.raises(SchemaError, match=r"doc: field 'alignment\[1\]' must hold 3 values, got 2"):
        record_from_json(Document, obj, "doc")


_chars = st.characters(blacklist_categories=("Cs",))


@settings(max_examples=200, deadline=None)
@given(st.text(_chars, min_size=2, max_size=30), st.data())
def test_random_records_round_trip(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), min_size=2, max_size=6)))
    entities = tuple(
        Entity(f"e{i}", data.draw(st.sampled_from(list(EntityType))), a, b, text[a:b])
        for i, (a, b) in enumerate(zip(cuts[::2], cuts[1::2], strict=False))
        if a < b
    )
    a = PassageAnnotation("p", "d", text, entities, ())
    assert annotation_from_json(annotation_to_json(a), "x") == a


# ---- one invalid gold record per error kind --------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["entities"][0].update(text="喀什"),
            r"passage 'd-p01': entity 'e1': field 'text' is '喀什' but text\[5:9\] is '喀什地區'",
        ),
        (
            lambda d: d["entities"][0].update(end=999),
            r"entity 'e1': span \[5, 999\) is empty or outside the text of length 34 \(offsets "
            r"count code points",
        ),
        (
            lambda d: d["entities"][0].update(type="CITY"),
            r"entity 'e1': field 'type' has unknown value 'CITY'; expected one of: PERSON",
        ),
        (
            lambda d: d["entities"].append(
                {"id": "e2", "type": "GPE", "start": 6, "end": 8, "text": "什地"}
            ),
            r"entities 'e1' and 'e2' overlap",
        ),
        (
            lambda d: d["claims"][0].update(value=None),
            r"claim 'c1': field 'value' is null; a claim needs a VALUE",
        ),
        (
            lambda d: d["claims"][0].update(number=float("nan")),
            r"claim 'c1': field 'number' must be a finite number, got nan \(not finite\)",
        ),
        (
            lambda d: d["claims"][0].update(number=NonFinite("NaN")),
            r"claim 'c1': field 'number' must be a finite number, got NaN$",
        ),
        (
            lambda d: d["claims"][0].update(number="5.6e10"),
            r"claim 'c1': field 'number' must be a finite number, got the string '5.6e10'",
        ),
        (
            lambda d: d["claims"][0].update(unit="RMB"),
            r"claim 'c1': field 'unit' has unknown value 'RMB'",
        ),
        (
            lambda d: d["claims"][0].update(kind="total"),
            r"claim 'c1': field 'kind' has unknown value 'total'",
        ),
        (
            lambda d: d["claims"][0]["metric"].update(start=0),
            r"claim 'c1': field 'metric': field 'text' is '進出口總值' but text\[0:",
        ),
        (
            lambda d: d["claims"].append({**d["claims"][0], "id": "c2"}),
            r"the VALUEs of claims 'c1' and 'c2' overlap",
        ),
        (
            lambda d: d.update(colour="red"),
            r"passage 'd-p01': unknown field 'colour'; allowed: passage_id, doc_id, text, ",
        ),
        (lambda d: d["claims"][0].pop("approx"), r"claim 'c1': missing field 'approx'"),
        (lambda d: d["claims"][0].update(shade="x"), r"claim 'c1': unknown field 'shade'"),
        (lambda d: d.update(entities=None), r"field 'entities' must be a list, got null"),
        (
            lambda d: d["entities"].append("喀什"),
            r"entity 1: expected an object, got the string '喀什'",
        ),
        (
            lambda d: d["claims"][0].update(number=10**400),
            r"claim 'c1': field 'number' must be a finite number, got a number too large",
        ),
        (
            lambda d: d["claims"][0].update(number=42.0),
            r"claim 'c1': field 'number' is 42.0 but the VALUE '564.32億元' normalizes to "
            r"56432000000.0",
        ),
        (
            lambda d: d["claims"][0].update(unit_text=""),
            r"claim 'c1': field 'unit_text' is empty",
        ),
        (
            lambda d: d["provenance"].update(task_id="abc"),
            r"field 'provenance': field 'task_id' must be an integer, got the string 'abc'",
        ),
        (
            lambda d: d["provenance"].update(task_id=True),
            r"field 'provenance': field 'task_id' must be an integer, got true",
        ),
        (
            lambda d: d["entities"][0].update(id=None),
            r"entity 0: field 'id' must be a string, got null",
        ),
        (lambda d: d.update(text=""), r"passage 'd-p01': field 'text' is empty"),
    ],
)
def test_each_invalid_record_is_refused_with_its_message(gold_record, mutate, message) -> None:
    d = copy.deepcopy(annotation_to_json(gold_record))
    mutate(d)
    with pytest.raises(SchemaError, match=message) as info:
        annotation_from_json(d, "annotations/gold.jsonl: line 1")
    assert str(info.value).startswith("annotations/gold.jsonl: line 1: ")


def test_offset_errors_hint_at_code_points_only_beyond_the_bmp() -> None:
    with pytest.raises(SchemaError, match=r"but text\[0:2\] is '𠮷野' \(offsets count code points"):
        check_offsets("𠮷野家", 0, 2, "野家", "x")
    with pytest.raises(SchemaError, match=r"but text\[0:2\] is .吉野.$"):
        check_offsets("吉野家", 0, 2, "野家", "x")


# ---- no module restates the claim's fields ---------------------------------------------------


def claim_field_lists(src: Path) -> list[str]:
    """Literal lists, tuples, sets and dict keys in ``src`` that spell out at least four of
    ``schema.Claim``'s fields (two of them beyond id, value and time); ``schema.py`` itself,
    constructor calls and prose are not counted."""
    fields = set(json_fields(Claim))
    specific = fields - {"id", "value", "time"}
    out = []
    for path in sorted(src.rglob("*.py")):
        if path.name == "schema.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
            if not isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Dict) or items is None:
                continue
            names = [x.value for x in items if isinstance(x, ast.Constant)]
            found = [n for n in names if n in fields]
            if len(set(found)) >= 4 and len(set(found) & specific) >= 2:
                out.append(f"{path.relative_to(src).as_posix()}:{node.lineno}: {', '.join(found)}")
    return out


SRC = Path(__file__).resolve().parents[1] / "src"


def test_no_module_restates_the_claim_fields() -> None:
    found = [line.split(":")[0] + ": " + line.split(": ", 1)[1] for line in claim_field_lists(SRC)]
    # the one list left is the order in which the Label Studio editor asks for the labels; a
    # test of tests/test_labelstudio.py checks that it holds exactly the schema's labels
    assert found == ["silkroad_news/labelstudio/config.py: kind, approx, direction, modality"]


if __name__ == "__main__":  # print the places: python tests/test_records.py [SRC]
    places = claim_field_lists(Path(sys.argv[1]) if len(sys.argv) > 1 else SRC)
    print("\n".join(places) + f"\n{len(places)} places")
