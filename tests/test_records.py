"""Tests of silkroad_news.records, the one codec: field lists from the schema, the canonical
JSON form and its exact round trip, the lighter submission form, and one invalid record per
error kind with its message."""

from __future__ import annotations

import ast
import copy
import dataclasses
import re
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
    LAYER_FIELDS,
    MENTION_READING,
    annotation_from_json,
    annotation_to_json,
    check_offsets,
    class_labels,
    json_fields,
    label_names,
    layer_disagreements,
    mention_label_rows,
    mentions_from_json,
    mentions_to_json,
    migrate_claim_v1,
    record_from_json,
    seen_surfaces,
    submission_claim,
    to_json,
    training_folds,
    unseen_entities,
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
    NumberMention,
    PassageAnnotation,
    SchemaError,
    Span,
)
from silkroad_news.units import UnitCode

# ---- fields come from the dataclasses ------------------------------------------------------


def test_field_lists_are_the_dataclass_fields_with_text_before_the_offsets() -> None:
    assert json_fields(Span) == ("text", "start", "end")
    assert json_fields(Entity) == ("id", "type", "text", "start", "end")
    assert json_fields(Claim) == tuple(f.name for f in dataclasses.fields(Claim))
    assert CLAIM_SPANS == ("value", "metric", "subject", "time")
    assert CLAIM_PARTS == ("metric", "subject", "time")
    assert CLAIM_ATTRIBUTES == ("number", "low", "high", "unit", "unit_text", "kind", "approx",
                                "direction", "modality")  # fmt: skip
    assert {
        "unit": UnitCode,
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
            lambda d: d["claims"][0].update(unit="count"),
            r"claim 'c1': field 'unit' has unknown value 'count'; expected a code of the unit "
            r"inventory 2\.\d .*\(a schema-1\.0 unit: a count is now count:<measure word>\)",
        ),
        (
            lambda d: d["claims"][0].update(unit="CNY/t"),
            r"claim 'c1': field 'unit' has unknown value 'CNY/t'",
        ),
        (
            lambda d: d["claims"][0].update(unit="USD"),
            r"claim 'c1': field 'unit' is 'USD' but the recognizer reads the VALUE '564.32億元' "
            r"as 'CNY'",
        ),
        (
            lambda d: d["claims"][0].update(number=None),
            r"claim 'c1': field 'number' is null, so 'low' and 'high' must hold the range",
        ),
        (
            lambda d: d["claims"][0].update(low=1.0),
            r"claim 'c1': fields 'low' and 'high' are for a range and must be null when 'number'",
        ),
        (
            lambda d: d["claims"][0].update(number=None, low=5.0, high=3.0),
            r"claim 'c1': field 'low' \(5.0\) exceeds 'high' \(3.0\)",
        ),
        (
            lambda d: d["claims"][0].update(number=None, low=5e10, high=6e10),
            r"claim 'c1': field 'number' is None but the VALUE '564.32億元' normalizes to "
            r"56432000000.0",
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


# ---- the number-mention layer -----------------------------------------------------------------


def _mentions(gold_record) -> dict:
    """The mention layer of the ``gold_record`` passage: its VALUE 564.32億元 and a date."""
    text = gold_record.text
    value = text.index("564.32億元")
    return {
        "passage_id": gold_record.passage_id,
        "doc_id": gold_record.doc_id,
        "text": text,
        "mentions": [
            {"id": "d-p01-m1", "text": "上半年", "start": 1, "end": 4, "category": "date",
             "number": None, "low": None, "high": None, "unit": None, "unit_text": "",
             "approx": None},
            {"id": "d-p01-m2", "text": "564.32億元", "start": value, "end": value + 8,
             "category": "quantity", "number": 56432000000.0, "low": None, "high": None,
             "unit": "CNY", "unit_text": "億元", "approx": "exact"},
            {"id": "d-p01-m3", "text": "67.2%", "start": text.index("67.2%"),
             "end": text.index("67.2%") + 5, "category": "quantity", "number": 67.2,
             "low": None, "high": None, "unit": "%", "unit_text": "%", "approx": "exact"},
        ],
        "provenance": None,
    }  # fmt: skip


def test_mention_fields_come_from_the_dataclass(gold_record) -> None:
    assert MENTION_READING == ("number", "low", "high", "unit", "unit_text", "approx")
    assert LAYER_FIELDS == ("number", "low", "high", "unit", "approx")
    layer = mentions_from_json(_mentions(gold_record), "m.jsonl: line 1")
    assert mentions_to_json(layer) == _mentions(gold_record)  # exact round trip
    assert [m.text for m in layer.mentions] == ["上半年", "564.32億元", "67.2%"]
    assert layer_disagreements(gold_record, layer) == []


def _range(d: dict) -> None:
    d["mentions"][2].update(number=None, low=3.0, high=5.0)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["mentions"][0].update(number=3.0),
            r"mention 'd-p01-m1' \('上半年'\): field "
            r"'number' must be empty for a date; only quantity and duration mentions carry",
        ),
        (lambda d: d["mentions"][0].update(unit_text="年"), r"field 'unit_text' must be empty"),
        (lambda d: d["mentions"][1].update(approx=None), r"field 'approx' is null; a quantity "),
        (
            lambda d: d["mentions"][1].update(unit="USD"),
            r"field 'unit' is 'USD' but 'unit_text' "
            r"'億元' stands for CNY",
        ),
        (lambda d: d["mentions"][1].update(unit="yuan"), r"field 'unit' has unknown value 'yuan'"),
        (
            lambda d: d["mentions"][1].update(unit_text="斤两"),
            r"'unit_text' '斤两' is no unit of "
            r"the unit inventory 2\.\d",
        ),
        (
            lambda d: d["mentions"][1].update(unit_text=""),
            r"field 'unit' is 'CNY' but 'unit_text' "
            r"is empty",
        ),
        (
            lambda d: d["mentions"][2].update(number=None),
            r"field 'number' is null, so 'low' and "
            r"'high' must hold the range",
        ),
        (lambda d: (_range(d), d["mentions"][2].update(low=6.0)), r"field 'low' \(6.0\) exceeds"),
        (
            lambda d: d["mentions"][1].update(start=0, end=8, text=d["text"][:8]),
            r"mentions 'd-p01-m2' and 'd-p01-m1' overlap",
        ),
        (lambda d: d["mentions"][2].update(id="d-p01-m1"), r"id 'd-p01-m1' is used twice"),
        (lambda d: d["mentions"][2].update(category="money"), r"field 'category' has unknown"),
        (lambda d: d["mentions"][2].update(text="67.3%"), r"field 'text' is '67.3%' but text"),
        (lambda d: d["mentions"][2].pop("high"), r"mention 'd-p01-m3': missing field 'high'"),
        (lambda d: d.update(doc_id=""), r"passage 'd-p01': field 'doc_id' is empty"),
    ],
)
def test_each_invalid_mention_record_is_refused(gold_record, mutate, message) -> None:
    d = copy.deepcopy(_mentions(gold_record))
    mutate(d)
    with pytest.raises(SchemaError, match=message) as info:
        mentions_from_json(d, "annotations/mentions.jsonl: line 1")
    assert str(info.value).startswith("annotations/mentions.jsonl: line 1: passage 'd-p01': ")


def test_a_compound_unit_is_a_mention_unit_but_no_claim_unit(gold_record) -> None:
    d = _mentions(gold_record)
    d["mentions"][1].update(unit="CNY/t", unit_text="元/吨")
    assert mentions_from_json(d, "m").mentions[1].unit == "CNY/t"
    assert "unit" not in class_labels(NumberMention) and "category" in class_labels(NumberMention)


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (
            lambda d: d["mentions"].pop(1),
            r"claim 'c1' \(VALUE '564.32億元' at 15\): no number "
            r"mention has the VALUE's span",
        ),
        (
            lambda d: d["mentions"][1].update(
                category="identifier", number=None, unit=None, unit_text="", approx=None
            ),
            r"claim 'c1' .*: its mention 'd-p01-m2' has category identifier, not quantity",
        ),
        (
            lambda d: d["mentions"][1].update(number=5.6e10),
            r"claim 'c1' .*: field 'number' is 56432000000.0, its "
            r"mention 'd-p01-m2' says 56000000000.0",
        ),
        (
            lambda d: d["mentions"][1].update(approx="about"),
            r"claim 'c1' .*: field 'approx' is 'exact', its "
            r"mention 'd-p01-m2' says 'about'",
        ),
    ],
)
def test_the_two_layers_must_agree_on_every_claim_value(gold_record, mutate, problem) -> None:
    d = _mentions(gold_record)
    mutate(d)
    found = layer_disagreements(gold_record, mentions_from_json(d, "m"))
    assert len(found) == 1 and re.fullmatch(problem, found[0]), found


def test_migrating_a_schema_1_claim() -> None:
    v1 = {"id": "c1", "number": 3.0, "unit": "count", "unit_text": "個", "kind": "count"}
    v2 = migrate_claim_v1(v1)
    assert v2 == {**v1, "low": None, "high": None, "unit": "count:个"}
    assert migrate_claim_v1(v2) == v2  # a 2.0 claim is left as it is
    assert migrate_claim_v1({"unit": "%", "unit_text": "‰"})["unit"] == "%"
    with pytest.raises(SchemaError, match=r"unit_text '吨' of a count is no measure word"):
        migrate_claim_v1({"number": 1.0, "unit": "count", "unit_text": "吨"})


def test_built_rows_get_their_label_names_back() -> None:
    row = {"id": "p", "doc_id": "d", "text": "约30家", "mentions": [
        {"text": "约30家", "start": 0, "end": 4, "category": 0, "claim": True, "kind": "count"},
    ], "claims": []}  # fmt: skip
    named = label_names([row], "numbers")[0]
    assert named["mentions"][0]["category"] == "quantity" and row["mentions"][0]["category"] == 0
    claim = {"unit": class_labels(Claim)["unit"].index("count:家"), "kind": 1, "approx": 3}
    assert label_names([{"claims": [claim]}], "claims")[0]["claims"][0] == {
        "unit": "count:家", "kind": "count", "approx": "about"
    }  # fmt: skip
    assert label_names([{"ner_tags": [0, 1, "O"]}], "ner")[0]["ner_tags"] == ["O", "B-PERSON", "O"]
    assert mention_label_rows(named) == [
        {"id": "p-n01", "doc_id": "d", "passage_id": "p", "text": "约30家",
         "mention": {"text": "约30家", "start": 0, "end": 4}, "label": "count"}
    ]  # fmt: skip


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
    # the lists left: the order in which the Label Studio editor asks for the labels, and the
    # placeholders of its text areas; tests check that they hold exactly the schema's labels
    # (tests/test_labelstudio.py) and that every text area has its placeholder
    # (tests/test_labelstudio_mentions.py)
    assert found == [
        "silkroad_news/labelstudio/config.py: kind, approx, direction, modality",
        "silkroad_news/labelstudio/config.py: number, unit_text, unit, low, high",
    ]


# ---- unseen entities ---------------------------------------------------------------------------

#: One passage per fold; each surface says where it also occurs, so seen/unseen is known by
#: construction: "only-k" occurs in fold k alone, "all" in every fold, "0+3" in folds 0 and 3.
SURFACES = {
    0: ["only-0", "all", "0+3", "only-0"],
    1: ["only-1", "all"],
    2: ["all"],
    3: ["0+3", "all", "only-3"],
    4: [],
}
ENTITIES = [(fold, s) for fold, surfaces in SURFACES.items() for s in surfaces]


def test_training_folds_of_each_protocol() -> None:
    assert [sorted(training_folds("test", k)) for k in (0, 1, 2)] == [
        [1, 2, 3, 4],  # test: train and validation
        [2, 3, 4],  # validation: train
        [2, 3, 4],
    ]
    assert [sorted(training_folds("cv", k)) for k in (0, 4)] == [[1, 2, 3, 4], [0, 1, 2, 3]]
    assert training_folds("full", 0) == frozenset()
    with pytest.raises(SchemaError, match=r"unknown protocol 'dev'"):
        training_folds("dev", 0)


def test_unseen_entities_follow_the_training_data_of_each_protocol() -> None:
    def by_fold(flags: list[bool]) -> dict[int, tuple[bool, ...]]:
        out: dict[int, tuple[bool, ...]] = {k: () for k in SURFACES}
        for (fold, _), flag in zip(ENTITIES, flags, strict=True):
            out[fold] += (flag,)
        return out

    cv = by_fold(unseen_entities(ENTITIES, "cv"))
    assert cv == {
        0: (True, False, False, True),
        1: (True, False),
        2: (False,),
        3: (False, False, True),
        4: (),
    }
    test = by_fold(unseen_entities(ENTITIES, "test"))
    assert test[0] == cv[0]  # the test split: trained on the four other folds
    assert test[1] == (True, False)  # validation: trained on train alone
    assert all(unseen_entities(ENTITIES, "full"))
    assert seen_surfaces({k: set(v) for k, v in SURFACES.items()}, "cv", 0) == {
        "only-1",
        "all",
        "0+3",
        "only-3",
    }


if __name__ == "__main__":  # print the places: python tests/test_records.py [SRC]
    places = claim_field_lists(Path(sys.argv[1]) if len(sys.argv) > 1 else SRC)
    print("\n".join(places) + f"\n{len(places)} places")


def test_a_mention_keeps_its_sign_where_its_unit_is_signed_and_a_claim_never() -> None:
    """Guidelines section 4 keeps the minus sign a mention's text writes (同比-5.3%, 零下18℃);
    a claim's number is a magnitude with a direction (section 2)."""
    from types import SimpleNamespace

    from silkroad_news import units
    from silkroad_news.records import check_reading

    def mention(number: float, unit: str) -> SimpleNamespace:
        return SimpleNamespace(number=number, low=None, high=None, unit=unit, category="quantity")

    for unit in ("%", "Cel", "CNY", "pt"):
        check_reading(mention(-5.3, unit), "m", signed=units.signed(unit))
    for unit in ("count:家", "t", "km"):
        with pytest.raises(
            SchemaError, match=r"field 'number' is -5\.3, below zero; only a mention"
        ):
            check_reading(mention(-5.3, unit), "m", signed=units.signed(unit))
    claim = SimpleNamespace(number=-5.3, low=None, high=None, unit="%")
    with pytest.raises(SchemaError, match="numbers are magnitudes, never negative"):
        check_reading(claim, "c")
    assert units.signed("%") and units.signed("Cel") and not units.signed("CNY/t")
