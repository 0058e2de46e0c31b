"""Unit tests of silkroad_news.labelstudio: config, tasks, predictions, conversion, pull logic.

No server here (see test_labelstudio_server.py for the real one). The hand-made passages in
tests/fixtures/labelstudio/passages.json hold a Traditional-script passage and one that starts
with 𠮷 (outside the BMP), so every offset after it checks code-point counting.
"""

from __future__ import annotations

import copy
import json
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from label_studio_sdk.label_interface import LabelInterface

from silkroad_news.files import read_json
from silkroad_news.labelstudio import (
    CONFIG_PATH,
    LabelStudioError,
    connect,
    diff_exports,
    from_labelstudio,
    iter_annotations,
    labeling_config,
    normalize,
    passage_prediction,
    passage_predictions,
    passage_tasks,
    to_labelstudio,
    validate_config,
)
from silkroad_news.labelstudio.cli import main as labelstudio_main
from silkroad_news.labelstudio.client import dumps_export, normalize_export
from silkroad_news.labelstudio.config import ATTRIBUTES, CHOICE_ATTRIBUTES, REGENERATE_COMMAND
from silkroad_news.labelstudio.server import (
    free_port,
    label_studio_executable,
    server_environment,
    start_server,
)
from silkroad_news.records import (
    CLAIM_ATTRIBUTES,
    CLAIM_LABELS,
    annotation_from_json,
    record_from_json,
)
from silkroad_news.schema import (
    Approx,
    Claim,
    ClaimKind,
    ClaimPart,
    Direction,
    Document,
    Entity,
    EntityType,
    Modality,
    PassageAnnotation,
    Provenance,
    RelationLabel,
    Span,
)
from silkroad_news.units import codes_of, schema_v1_unit

#: Hand-made passages: a Traditional-script one and one that starts with 𠮷 (see its _comment).
CASE = read_json(Path(__file__).parent / "fixtures" / "labelstudio" / "passages.json")
DOCUMENTS = [record_from_json(Document, d, "passages.json: document") for d in CASE["documents"]]
DATES = CASE["dates"]
GOLD = [annotation_from_json(g, "passages.json: gold") for g in CASE["gold"]]
GOLD_BY_PASSAGE = {g.passage_id: g for g in GOLD}
TRAD, BMP = GOLD  # the Traditional passage, the passage that starts with 𠮷


def export_pair(
    ann: PassageAnnotation, result: list[dict[str, Any]], task_id: int = 7, annotation_id: int = 70
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A task and an annotation shaped as in a full-JSON export (as seen from 1.23.2)."""
    task = {
        "id": task_id,
        "data": {
            "text": ann.text,
            "text_simplified": ann.text,
            "doc_id": ann.doc_id,
            "passage_id": ann.passage_id,
            "passage_type": "paragraph",
            "date": "2024-08-08",
        },
        "annotations": [],
    }
    annotation = {
        "id": annotation_id,
        "completed_by": 1,
        "result": result,
        "was_cancelled": False,
        "created_at": "2026-11-23T14:23:53.807187Z",
        "updated_at": "2026-11-23T14:23:53.807237Z",
    }
    task["annotations"].append(annotation)
    return task, annotation


def provenance(task_id: int = 7, annotation_id: int = 70) -> Provenance:
    return Provenance(
        task_id=task_id,
        annotation_id=annotation_id,
        annotator="1",
        created_at="2026-11-23T14:23:53.807187Z",
        updated_at="2026-11-23T14:23:53.807237Z",
    )


# --------------------------------------------------------------------------------------------
# Config
# --------------------------------------------------------------------------------------------


def test_committed_config_is_the_generated_one() -> None:
    committed = CONFIG_PATH.read_text(encoding="utf-8") if CONFIG_PATH.exists() else None
    assert committed == labeling_config(), (
        f"{CONFIG_PATH} differs from labeling_config(): the schema changed. Regenerate it "
        f"from the repository root with `{REGENERATE_COMMAND}` and commit the result."
    )


def test_config_passes_the_sdk_label_interface() -> None:
    validate_config(labeling_config())
    with pytest.raises(LabelStudioError, match="labeling config is invalid"):
        validate_config(labeling_config().replace('toName="text"', 'toName="nowhere"', 1))


def test_config_lists_every_schema_label() -> None:
    root = ET.fromstring(labeling_config())
    labels = {e.get("name"): [c.get("value") for c in e] for e in root.iter() if e.tag == "Labels"}
    assert labels == {"entity": EntityType.values(), "claim": ClaimPart.values()}
    relations = [r.get("value") for r in root.iter("Relation")]
    assert relations == RelationLabel.values()
    choices = {e.get("name"): e for e in root.iter("Choices")}
    assert set(choices) == set(CHOICE_ATTRIBUTES)
    for name, enum_cls in CHOICE_ATTRIBUTES.items():
        assert [c.get("value") for c in choices[name]] == enum_cls.values()
    per_region = [e for e in root.iter() if e.get("perRegion") == "true"]
    assert sorted(e.get("name") for e in per_region) == sorted(ATTRIBUTES)
    # every attribute of schema.Claim is asked for, the labeled ones as choices, but the unit
    # (read from unit_text) and a range's bounds (not labeled with this config yet)
    assert set(CLAIM_ATTRIBUTES) - set(ATTRIBUTES) == {"low", "high", "unit"}
    assert {n: CLAIM_LABELS[n] for n in CHOICE_ATTRIBUTES} == CHOICE_ATTRIBUTES
    assert set(CLAIM_LABELS) - set(CHOICE_ATTRIBUTES) == {"unit"}
    for e in per_region:  # shown and required for VALUE regions only
        assert e.get("whenLabelValue") == "VALUE" and e.get("required") == "true"
        assert e.get("toName") == "text"
    assert {e.get("name") for e in root.iter("TextArea")} == {"number", "unit_text"}
    view = next(e for e in root.iter("View") if e.get("visibleWhen") == "region-selected")
    assert view.get("whenLabelValue") == "VALUE"
    texts = {e.get("name"): e.get("value") for e in root.iter("Text")}
    assert texts == {"text": "$text", "text_simplified": "$text_simplified"}
    headers = {e.get("value") for e in root.iter("Header")}
    assert {"$doc_id", "$passage_id", "$passage_type", "$date"} <= headers


def test_config_command_checks_and_writes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert labelstudio_main(["--root", str(tmp_path), "config", "--check"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == (
        "labelstudio config: annotations/labelstudio/config.xml is out of date; "
        "run `silkroad-news labelstudio config`\n"
    )
    assert labelstudio_main(["--root", str(tmp_path), "config"]) == 0
    written = tmp_path / "annotations" / "labelstudio" / "config.xml"
    assert written.read_text(encoding="utf-8") == labeling_config()
    assert labelstudio_main(["--root", str(tmp_path), "config", "--check"]) == 0


# --------------------------------------------------------------------------------------------
# Tasks and predictions
# --------------------------------------------------------------------------------------------


def test_passage_tasks_one_per_passage_with_its_views() -> None:
    tasks = passage_tasks(DOCUMENTS, DATES)
    assert [t["data"]["passage_id"] for t in tasks] == [
        "kashgar-trade-p01",
        "kashgar-trade-p02",
        "khorgos-digest-p01",
    ]
    by_id = {t["data"]["passage_id"]: t["data"] for t in tasks}
    trad = by_id["kashgar-trade-p02"]
    assert trad == {
        "text": "上半年,喀什地區進出口總值達564.32億元,同比增長67.2%,高出全疆增速18.8個百分點。",
        "text_simplified": (
            "上半年,喀什地区进出口总值达564.32亿元,同比增长67.2%,高出全疆增速18.8个百分点。"
        ),
        "doc_id": "kashgar-trade",
        "passage_id": "kashgar-trade-p02",
        "passage_type": "paragraph",
        "date": "2024-08-08",
    }
    assert by_id["kashgar-trade-p01"]["passage_type"] == "title"
    bmp = by_id["khorgos-digest-p01"]
    assert bmp["text"].startswith("𠮷") and bmp["date"] == "2023-02-15"
    for doc in DOCUMENTS:
        for p in doc.passages:
            assert by_id[p.id]["text"] == doc.text[p.start : p.end]
    # No date known: the key stays, empty, because the config shows $date.
    assert passage_tasks(DOCUMENTS[:1])[0]["data"]["date"] == ""


def test_passage_tasks_refuse_a_misaligned_simplified_view() -> None:
    doc = replace(DOCUMENTS[0], text_simplified=DOCUMENTS[0].text_simplified[:-1])
    with pytest.raises(LabelStudioError, match="kashgar-trade: text_simplified has length"):
        passage_tasks([doc])


class FakeQuantity:
    """The find_quantities contract (start, end, text, number, unit, unit_text, approx,
    category) for tests that must not depend on the recognizer's coverage."""

    def __init__(self, text: str, sub: str, number: float | None, unit: Any, unit_text: str,
                 category: str = "quantity", approx: str = "exact") -> None:  # fmt: skip
        self.start = text.index(sub)
        self.end = self.start + len(sub)
        self.text = sub
        self.number, self.unit, self.unit_text = number, unit, unit_text
        self.approx, self.category = approx, category


def test_prediction_format_validates_and_keeps_only_quantities() -> None:
    text = "𠮷截至2月12日,开行中欧班列822列,同比增长1.7%"

    def find(t: str) -> list[FakeQuantity]:
        assert t == text
        return [
            FakeQuantity(t, "2月12日", None, None, "", category="date"),
            FakeQuantity(t, "822列", 822.0, "count:列", "列"),
            FakeQuantity(t, "1.7%", 1.7, "%", "%"),
        ]

    pred = passage_prediction({"text": text, "text_simplified": text}, find)
    assert re.fullmatch(r"prelabel-\d+-[0-9a-f]{10}", pred["model_version"])
    errors = LabelInterface(labeling_config()).validate_prediction(pred, return_errors=True)
    assert errors == []
    regions = {}
    for item in pred["result"]:
        v = item["value"]
        assert item["to_name"] == "text"
        if item["type"] == "labels":
            assert text[v["start"] : v["end"]] == v["text"]  # code-point offsets after 𠮷
            regions[item["id"]] = (item["from_name"], v["labels"][0], v["text"])
    assert ("claim", "VALUE", "822列") in regions.values()
    assert ("claim", "VALUE", "1.7%") in regions.values()
    assert ("entity", "PRODUCT", "中欧班列") in regions.values()
    assert not any(r[2] == "2月12日" for r in regions.values())  # a date is no VALUE
    attrs = {
        (item["id"], item["from_name"]): item["value"].get("choices", item["value"].get("text"))
        for item in pred["result"]
        if item["type"] != "labels"
    }
    v_rate = next(k for k, r in regions.items() if r[2] == "1.7%")
    assert attrs[(v_rate, "kind")] == ["change_rate"]
    assert attrs[(v_rate, "direction")] == ["up"]
    assert attrs[(v_rate, "number")] == ["1.7"]
    assert attrs[(v_rate, "unit_text")] == ["%"]
    assert (v_rate, "unit") not in attrs  # schema 2.0: the unit is read from unit_text


def test_predictions_for_the_fixture_with_the_real_recognizer() -> None:
    tasks = passage_tasks(DOCUMENTS, DATES)
    preds = passage_predictions(tasks)
    assert set(preds) == {t["data"]["passage_id"] for t in tasks}
    interface = LabelInterface(labeling_config())
    for pred in preds.values():
        assert interface.validate_prediction(pred, return_errors=True) == []
    trad = preds["kashgar-trade-p02"]["result"]
    spans = {(i["value"]["text"], i["value"]["labels"][0]) for i in trad if i["type"] == "labels"}
    # Traditional text: entity found through the simplified view, text cut from the original.
    assert ("喀什地區", "GPE") in spans
    assert ("564.32億元", "VALUE") in spans
    number = next(
        i["value"]["text"] for i in trad if i["from_name"] == "number" and i["value"]["start"] == 14
    )
    assert number == ["56432000000.0"]
    unit_text = next(
        i["value"]["text"]
        for i in trad
        if i["from_name"] == "unit_text" and i["value"]["start"] == 14
    )
    assert unit_text == ["億元"]


# --------------------------------------------------------------------------------------------
# Conversion: round trips
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("gold", GOLD, ids=[g.passage_id for g in GOLD])
def test_round_trip_of_the_fixture_gold(gold: PassageAnnotation) -> None:
    result = to_labelstudio(gold)
    # What the editor would accept for this config.
    assert LabelInterface(labeling_config()).validate_annotation({"result": result})
    # Through JSON, as the server stores and exports it.
    result = json.loads(json.dumps(result, ensure_ascii=False))
    task, annotation = export_pair(gold, result)
    assert from_labelstudio(task, annotation) == replace(gold, provenance=provenance())


def _with_legacy_units(ann: PassageAnnotation) -> list[dict[str, Any]]:
    """The result of ``ann`` as the schema-1.0 config wrote it: each VALUE also carries the
    ``unit`` choice, with the 1.0 unit (``count`` for every measure word)."""
    result = to_labelstudio(ann)
    for item in [i for i in result if i.get("from_name") == "unit_text"]:
        claim = next(c for c in normalize(ann).claims if c.value.start == item["value"]["start"])
        value = {k: item["value"][k] for k in ("start", "end")}
        value.update(text=claim.value.text, choices=[schema_v1_unit(claim.unit)])
        result.append({**item, "from_name": "unit", "type": "choices", "value": value})
    return result


@pytest.mark.parametrize("gold", GOLD, ids=[g.passage_id for g in GOLD])
def test_a_schema_1_export_is_migrated_on_reading(gold: PassageAnnotation) -> None:
    task, annotation = export_pair(gold, _with_legacy_units(gold))
    assert from_labelstudio(task, annotation) == replace(gold, provenance=provenance())
    assert any(c.unit.startswith("count:") for g in GOLD for c in g.claims)  # count migrated


def test_units_the_config_cannot_read_are_refused() -> None:
    result = to_labelstudio(TRAD)
    _items(result, "v1", "unit_text")[0]["value"]["text"] = ["点"]
    task, annotation = export_pair(TRAD, result)
    with pytest.raises(
        LabelStudioError, match=r"region v1: field 'unit_text' '点' stands for pt or count:点"
    ):
        from_labelstudio(task, annotation)
    legacy = _with_legacy_units(TRAD)
    _items(legacy, "v1", "unit")[0]["value"]["choices"] = ["kW"]
    task, annotation = export_pair(TRAD, legacy)
    with pytest.raises(LabelStudioError, match=r"field 'unit' \(schema 1.0\): unit 'kW' is not"):
        from_labelstudio(task, annotation)
    wrong = replace(TRAD, claims=(replace(TRAD.claims[0], unit="USD"),))
    with pytest.raises(LabelStudioError, match=r"field 'unit' is 'USD' but this config reads"):
        to_labelstudio(wrong)
    ranged = replace(TRAD, claims=(replace(TRAD.claims[0], number=None, low=1.0, high=2.0),))
    with pytest.raises(LabelStudioError, match=r"a range \(1.0 to 2.0\) cannot be labeled"):
        to_labelstudio(ranged)


def test_shared_parts_become_one_region_and_subjects_link_entities() -> None:
    result = to_labelstudio(BMP)
    labels = [i for i in result if i["type"] == "labels"]
    by_id = {i["id"]: i for i in labels}
    parts = [(i["id"], i["value"]["labels"][0], i["value"]["text"]) for i in labels]
    assert parts == [
        ("e1", "FAC", "霍尔果斯铁路口岸"),
        ("e2", "PRODUCT", "中欧(中亚)班列"),
        ("v1", "VALUE", "822列"),
        ("v2", "VALUE", "115.6万吨"),
        ("v3", "VALUE", "1.7%"),
        ("v4", "VALUE", "31.4%"),
        ("t1", "TIME", "截至2月12日"),
        # the METRIC on the entity's span is a region of its own: only subjects link entities
        ("m1", "METRIC", "中欧(中亚)班列"),
        ("m2", "METRIC", "过货量"),
    ]
    relations = [
        (r["from_id"], r["to_id"], r["labels"][0]) for r in result if r["type"] == "relation"
    ]
    assert len(relations) == 12
    assert ("v1", "m1", "metric") in relations and ("v3", "m1", "metric") in relations
    assert ("v2", "m2", "metric") in relations and ("v4", "m2", "metric") in relations
    assert {to for _, to, label in relations if label == "subject"} == {"e1"}
    assert {to for _, to, label in relations if label == "time"} == {"t1"}
    assert by_id["v1"]["value"]["start"] == 27  # 𠮷 counts as one position
    assert to_labelstudio(BMP) == result  # deterministic


def test_number_text_round_trips_floats_exactly() -> None:
    for number in (56432000000.0, 0.1 + 0.2, 1.7, 5e-324, 1.7976931348623157e308, 0.0, 1e22):
        claim = replace(TRAD.claims[0], number=number)
        ann = replace(TRAD, claims=(claim,))
        task, annotation = export_pair(ann, to_labelstudio(ann))
        back = from_labelstudio(task, annotation).claims[0].number
        assert back == number and math.copysign(1, back) == math.copysign(1, number)


def test_editor_variants_read_the_same() -> None:
    """Arrows drawn backwards, unlabeled relations, one region with two label sets, a user
    object for completed_by: all mean the same claim."""
    result = copy.deepcopy(to_labelstudio(TRAD))
    for item in result:
        if item["type"] == "relation" and item["labels"] == ["metric"]:
            item["from_id"], item["to_id"] = item["to_id"], item["from_id"]
            item["direction"] = "left"
        elif item["type"] == "relation" and item["labels"] == ["time"]:
            item["labels"] = []
    task, annotation = export_pair(TRAD, result)
    annotation["completed_by"] = {"id": 1, "email": "a@example.com"}
    expected = replace(TRAD, provenance=replace(provenance(), annotator="a@example.com"))
    assert from_labelstudio(task, annotation) == expected

    # A SUBJECT region that is also the entity (both label sets on one region id).
    result = copy.deepcopy(to_labelstudio(TRAD))
    entity = next(i for i in result if i["from_name"] == "entity")
    also_subject = copy.deepcopy(entity)
    also_subject["from_name"], also_subject["value"]["labels"] = "claim", ["SUBJECT"]
    result.append(also_subject)
    task, annotation = export_pair(TRAD, result)
    assert from_labelstudio(task, annotation) == replace(TRAD, provenance=provenance())


def test_to_labelstudio_checks_the_canonical_record() -> None:
    bad = replace(TRAD, entities=(replace(TRAD.entities[0], text="喀什"),))
    with pytest.raises(LabelStudioError, match="entity kashgar-trade-p02-e1: field 'text'"):
        to_labelstudio(bad)
    bad = replace(TRAD, claims=(replace(TRAD.claims[0], number=math.nan),))
    with pytest.raises(LabelStudioError, match="field 'number' is nan"):
        to_labelstudio(bad)
    bad = replace(TRAD, claims=(replace(TRAD.claims[0], number=-0.0),))
    with pytest.raises(LabelStudioError, match="not a finite non-negative float"):
        to_labelstudio(bad)


# --------------------------------------------------------------------------------------------
# Conversion: one test per error kind, each pinned on its message
# --------------------------------------------------------------------------------------------


def _items(result: list[dict], region_id: str, from_name: str | None = None) -> list[dict]:
    return [
        i
        for i in result
        if i.get("id") == region_id and (from_name is None or i["from_name"] == from_name)
    ]


def _break(edit: Any, ann: PassageAnnotation = TRAD) -> tuple[dict, dict]:
    result = copy.deepcopy(to_labelstudio(ann))
    edit(result)
    return export_pair(ann, result)


def _set_text(r: list[dict]) -> None:
    _items(r, "e1")[0]["value"]["text"] = "喀什"


def _unknown_label(r: list[dict]) -> None:
    _items(r, "e1")[0]["value"]["labels"] = ["CITY"]


def _unknown_control(r: list[dict]) -> None:
    _items(r, "e1")[0]["from_name"] = "sentiment"


def _missing_region(r: list[dict]) -> None:
    next(i for i in r if i["type"] == "relation")["to_id"] = "nope"


def _drop_attributes(r: list[dict]) -> None:
    for item in _items(r, "v1", "kind") + _items(r, "v1", "unit_text"):
        r.remove(item)


def _number(raw: str) -> Any:
    def edit(r: list[dict]) -> None:
        _items(r, "v1", "number")[0]["value"]["text"] = [raw]

    return edit


def _value_to_value(r: list[dict]) -> None:
    r.append({"type": "relation", "from_id": "v1", "to_id": "v2", "direction": "right"})


def _second_metric(r: list[dict]) -> None:
    r.append(
        {
            "id": "m9",
            "from_name": "claim",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 0, "end": 2, "text": "上半", "labels": ["METRIC"]},
        }
    )
    r.append(
        {
            "type": "relation",
            "from_id": "v1",
            "to_id": "m9",
            "labels": ["metric"],
            "direction": "right",
        }
    )


def _overlapping_entities(r: list[dict]) -> None:
    r.append(
        {
            "id": "e9",
            "from_name": "entity",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 6, "end": 10, "text": "地區進出", "labels": ["ORG"]},
        }
    )


def _orphan_metric(r: list[dict]) -> None:
    for rel in [i for i in r if i["type"] == "relation" and i["to_id"] == "m1"]:
        r.remove(rel)


def _attribute_on_entity(r: list[dict]) -> None:
    kind = copy.deepcopy(_items(r, "v1", "kind")[0])
    kind["id"] = "e1"
    kind["value"].update(start=4, end=8)
    r.append(kind)


def _label_mismatch(r: list[dict]) -> None:
    rel = next(i for i in r if i["type"] == "relation" and i["to_id"] == "m1")
    rel["labels"] = ["time"]


def _overlapping_values(r: list[dict]) -> None:
    value = copy.deepcopy(_items(r, "v1"))
    for item in value:
        item["id"] = "v9"
        item["value"].update(start=15, end=17)
        if item["type"] == "labels":
            item["value"]["text"] = "64"
    r.extend(value)


def _part_to_part(r: list[dict]) -> None:
    r.append({"type": "relation", "from_id": "m1", "to_id": "t1", "labels": []})


def _bad_choice(r: list[dict]) -> None:
    _items(r, "v1", "kind")[0]["value"]["choices"] = ["total"]


def _two_choices(r: list[dict]) -> None:
    _items(r, "v1", "approx")[0]["value"]["choices"] = ["exact", "about"]


def _offsets_outside(r: list[dict]) -> None:
    _items(r, "e1")[0]["value"].update(start=40, end=99)


ERROR_CASES = {
    "region text differs": (_set_text, r"region e1: field 'text' is '喀什' but text\[4:8\] is"),
    "unknown label": (_unknown_label, r"region e1: field 'labels' has unknown value 'CITY'"),
    "unknown control": (_unknown_control, r"region e1: field 'from_name' is 'sentiment'"),
    "relation to a missing region": (
        _missing_region,
        r"relation \d+: field 'to_id' points to region 'nope', which does not exist",
    ),
    "VALUE without attributes": (
        _drop_attributes,
        r"region v1: VALUE region lacks attribute\(s\) kind, unit_text \(field 'kind'\)",
    ),
    "number not a number": (_number("abc"), r"region v1: field 'number' is 'abc', not a"),
    "number nan": (_number("nan"), r"region v1: field 'number' is 'nan'"),
    "number overflows": (_number("1e999"), r"region v1: field 'number' is '1e999', not a finite"),
    "number negative": (_number("-5"), r"region v1: field 'number' is '-5', not a non-negative"),
    "relation between two VALUEs": (
        _value_to_value,
        r"relation \d+ \(v1 -> v2\): links two VALUE regions v1 and v2; a claim has exactly one",
    ),
    "two metrics for one VALUE": (
        _second_metric,
        r"region v1: VALUE has two 'metric' relations \(to m1 and m9\)",
    ),
    "overlapping entities": (
        _overlapping_entities,
        r"region e1: \[4, 8\) overlaps region e9 \[6, 10\); entities must not overlap",
    ),
    "part linked to no VALUE": (_orphan_metric, r"region m1: METRIC region is linked to no VALUE"),
    "attribute on an entity": (
        _attribute_on_entity,
        r"region e1: field 'kind' is set on a GPE region e1; only VALUE regions have attributes",
    ),
    "relation label disagrees with its region": (
        _label_mismatch,
        r"relation \d+ \(v1 -> m1\): field 'labels' is 'time' but it points to a METRIC region m1",
    ),
    "overlapping VALUEs": (
        _overlapping_values,
        r"region v1: \[14, 22\) overlaps region v9 \[15, 17\); the VALUEs of two",
    ),
    "relation without a VALUE": (
        _part_to_part,
        r"relation \d+ \(m1 -> t1\): links METRIC region m1 and TIME",
    ),
    "unknown choice": (_bad_choice, r"region v1: field 'kind' has unknown value 'total'"),
    "two choices": (_two_choices, r"region v1: field 'approx' must hold exactly one value"),
    "offsets outside the text": (
        _offsets_outside,
        r"region e1: span \[40, 99\) is empty or outside",
    ),
}


@pytest.mark.parametrize("case", ERROR_CASES, ids=list(ERROR_CASES))
def test_from_labelstudio_rejects(case: str) -> None:
    edit, message = ERROR_CASES[case]
    task, annotation = _break(edit)
    with pytest.raises(LabelStudioError, match=r"^task 7, annotation 70, " + message):
        from_labelstudio(task, annotation)


def test_from_labelstudio_rejects_skipped_annotations_and_bad_tasks() -> None:
    task, annotation = export_pair(TRAD, to_labelstudio(TRAD))
    annotation["was_cancelled"] = True
    with pytest.raises(LabelStudioError, match=r"^task 7, annotation 70: the annotation was skip"):
        from_labelstudio(task, annotation)
    task, annotation = export_pair(TRAD, to_labelstudio(TRAD))
    del task["data"]["passage_id"]
    with pytest.raises(LabelStudioError, match=r"^task 7, data: field 'passage_id' is missing"):
        from_labelstudio(task, annotation)
    task, annotation = export_pair(TRAD, to_labelstudio(TRAD))
    annotation["completed_by"] = None
    with pytest.raises(LabelStudioError, match=r"field 'completed_by' is missing"):
        from_labelstudio(task, annotation)


# --------------------------------------------------------------------------------------------
# Conversion: property test
# --------------------------------------------------------------------------------------------

# CJK, digits, punctuation, and characters outside the BMP (𠮷, an emoji): offsets are code
# points, so a UTF-16 slip shows up as a text mismatch.
#: Written units and the one code each stands for: the config reads the unit from unit_text.
UNIT_TEXTS = [(t, codes_of(t)[0]) for t in ("億元", "個", "%", "个百分点", "万吨", "km/h", "人次")]
ALPHABET = list("喀什地区進出口總值达億元同比增长分别、,。%.0123456789ab 𠮷😀")


def _disjoint_spans(draw: Any, n: int, k: int) -> list[tuple[int, int]]:
    """Up to ``k`` non-overlapping, non-empty spans in a text of length ``n``."""
    k = min(k, (n + 1) // 2)
    cuts = sorted(draw(st.sets(st.integers(0, n), min_size=2 * k, max_size=2 * k)))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]


@st.composite
def passage_annotations(draw: Any) -> PassageAnnotation:
    text = draw(st.text(alphabet=st.sampled_from(ALPHABET), min_size=1, max_size=30))
    n = len(text)

    def any_span() -> Span:
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, n))
        return Span(start, end, text[start:end])

    entity_spans = _disjoint_spans(draw, n, draw(st.integers(0, 3)))
    entities = tuple(
        Entity(f"x{i}", draw(st.sampled_from(EntityType)), s, e, text[s:e])
        for i, (s, e) in enumerate(entity_spans)
    )
    value_spans = _disjoint_spans(draw, n, draw(st.integers(0, 3)))
    pool: list[Span] = []  # parts already used, to be shared by later claims

    def part(is_subject: bool) -> Span | None:
        choice = draw(st.sampled_from(["none", "new", "shared", "entity"]))
        if choice == "shared" and pool:
            return draw(st.sampled_from(pool))
        if choice == "entity" and is_subject and entities:
            e = draw(st.sampled_from(entities))
            return Span(e.start, e.end, e.text)
        if choice == "none":
            return None
        span = any_span()
        pool.append(span)
        return span

    claims = tuple(
        Claim(
            id=f"y{i}",
            value=Span(s, e, text[s:e]),
            number=draw(st.floats(min_value=0.0, allow_nan=False, allow_infinity=False)),
            low=None,
            high=None,
            **dict(zip(("unit_text", "unit"), draw(st.sampled_from(UNIT_TEXTS)), strict=True)),
            kind=draw(st.sampled_from(ClaimKind)),
            approx=draw(st.sampled_from(Approx)),
            direction=draw(st.sampled_from(Direction)),
            modality=draw(st.sampled_from(Modality)),
            metric=part(False),
            subject=part(True),
            time=part(False),
        )
        for i, (s, e) in enumerate(value_spans)
    )
    return PassageAnnotation("doc-p01", "doc", text, entities, claims)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(passage_annotations())
def test_round_trip_property(ann: PassageAnnotation) -> None:
    if any(math.copysign(1.0, c.number) < 0 for c in ann.claims):  # -0.0 is refused, see above
        return
    result = json.loads(json.dumps(to_labelstudio(ann), ensure_ascii=False))
    task, annotation = export_pair(ann, result)
    assert from_labelstudio(task, annotation) == replace(normalize(ann), provenance=provenance())


# --------------------------------------------------------------------------------------------
# Pull logic, server helpers and errors that need no server
# --------------------------------------------------------------------------------------------


def test_export_normalization_and_diff() -> None:
    old = [
        {"id": 2, "annotations": [{"id": 20, "updated_at": "a", "result": []}]},
        {"id": 1, "annotations": [{"id": 10, "updated_at": "a", "result": [], "created_ago": "1"}]},
    ]
    norm = normalize_export(old)
    assert [t["id"] for t in norm] == [1, 2]
    assert "created_ago" not in norm[0]["annotations"][0]
    text = dumps_export(norm)
    assert text == dumps_export(normalize_export(json.loads(text)))  # stable
    new = copy.deepcopy(norm)
    new[0]["annotations"][0]["updated_at"] = "b"  # edited
    new[1]["annotations"] = [{"id": 21, "updated_at": "a", "result": []}]  # 20 gone, 21 new
    new.append({"id": 3, "annotations": []})
    d = diff_exports(norm, new)
    assert (d.tasks_added, d.tasks_removed) == ([3], [])
    assert (d.annotations_added, d.annotations_edited, d.annotations_removed) == ([21], [10], [20])
    assert not diff_exports(new, new).changed


def test_iter_annotations_leaves_out_skipped_ones() -> None:
    task, annotation = export_pair(TRAD, to_labelstudio(TRAD))
    skipped = {**annotation, "id": 71, "was_cancelled": True, "result": []}
    task["annotations"].append(skipped)
    pairs = list(iter_annotations([task, {"id": 8, "data": {}, "annotations": []}]))
    assert [(t["id"], a["id"]) for t, a in pairs] == [(7, 70)]


def test_server_environment_is_scrubbed_and_maps_credentials(tmp_path: Path) -> None:
    source = {
        "PATH": "/usr/bin",
        "HOST": "0.0.0.0",
        "PORT": "9",
        "USERNAME": "shelluser",
        "PASSWORD": "x",
        "DEBUG": "1",
        "LABEL_STUDIO_HOST": "http://elsewhere",
        "DJANGO_SETTINGS_MODULE": "x",
        "SILKROAD_LS_USERNAME": "admin@example.com",
        "SILKROAD_LS_PASSWORD": "pw",
        "SILKROAD_LS_TOKEN": "t0ken",
    }
    env = server_environment(tmp_path, source)
    for key in ("HOST", "PORT", "USERNAME", "PASSWORD", "DEBUG", "LABEL_STUDIO_HOST"):
        assert key not in env
    assert "DJANGO_SETTINGS_MODULE" not in env and "SILKROAD_LS_TOKEN" not in env
    assert env["PATH"] == "/usr/bin"
    assert env["LABEL_STUDIO_BASE_DATA_DIR"] == str(tmp_path)
    assert env["LABEL_STUDIO_USERNAME"] == "admin@example.com"
    assert env["LABEL_STUDIO_PASSWORD"] == "pw"
    assert env["LABEL_STUDIO_USER_TOKEN"] == "t0ken"
    assert env["LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN"] == "true"
    assert env["LABEL_STUDIO_LATEST_VERSION_CHECK"] == "false"
    assert env["LABEL_STUDIO_COLLECT_ANALYTICS"] == "false"
    assert env["SENTRY_DSN"] == "" and env["FRONTEND_SENTRY_DSN"] == ""


def test_missing_server_venv_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(LabelStudioError, match=r"bash scripts/bootstrap.sh --with-labelstudio"):
        label_studio_executable(tmp_path / "no-venv")
    with pytest.raises(LabelStudioError, match=r"bootstrap.sh --with-labelstudio"):
        start_server(tmp_path / "data", venv=tmp_path / "no-venv")


def test_unreachable_server_is_one_clear_error() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with pytest.raises(LabelStudioError, match=r"^connect: cannot reach Label Studio at http"):
        connect(url, "some-token", timeout=5)


def test_cli_without_token_is_one_line_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.delenv("SILKROAD_LS_TOKEN", raising=False)
    assert labelstudio_main(["pull", "--url", "http://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "set SILKROAD_LS_TOKEN" in err and "Traceback" not in err
