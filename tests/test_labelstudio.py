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
    from_labelstudio,
    iter_annotations,
    labeling_config,
    merge_exports,
    normalize,
    passage_prediction,
    passage_predictions,
    passage_tasks,
    to_labelstudio,
    validate_config,
)
from silkroad_news.labelstudio.check import check_export
from silkroad_news.labelstudio.cli import main as labelstudio_main
from silkroad_news.labelstudio.client import dumps_export, normalize_export
from silkroad_news.labelstudio.config import (
    ATTRIBUTES,
    CHOICE_ATTRIBUTES,
    GLOSSES,
    REGENERATE_COMMAND,
    instructions,
)
from silkroad_news.labelstudio.convert import attribute_item, value_reading
from silkroad_news.labelstudio.server import (
    free_port,
    label_studio_executable,
    server_environment,
    start_server,
)
from silkroad_news.labelstudio.worksheets import gold_from_export
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
    assert set(choices) == set(CHOICE_ATTRIBUTES) == {"kind", "approx", "direction", "modality"}
    for name, enum_cls in CHOICE_ATTRIBUTES.items():
        # stored as <attribute>:<code>, shown with the Chinese gloss and the code
        assert [c.get("alias") for c in choices[name]] == [f"{name}:{v}" for v in enum_cls.values()]
        for c, member in zip(choices[name], enum_cls, strict=True):
            assert c.get("value") == f"{GLOSSES[member]} {member.value}" and c.get("hint")
    per_region = [e for e in root.iter() if e.get("perRegion") == "true"]
    assert sorted(e.get("name") for e in per_region) == sorted(ATTRIBUTES)
    # every attribute of schema.Claim is asked for, the labeled ones as choices
    assert set(ATTRIBUTES) == set(CLAIM_ATTRIBUTES)
    assert set(CHOICE_ATTRIBUTES) == set(CLAIM_LABELS) - {"unit"}
    for e in per_region:  # shown for VALUE regions only; the choices are required
        assert e.get("whenLabelValue") == "VALUE" and e.get("toName") == "text"
        assert e.get("required") == ("true" if e.tag == "Choices" else None)
    # the unit is no choice list: it is derived from unit_text (an optional code field)
    assert {e.get("name") for e in root.iter("TextArea")} == {
        "number",
        "low",
        "high",
        "unit_text",
        "unit",
    }
    view = next(e for e in root.iter("View") if e.get("visibleWhen") == "region-selected")
    assert view.get("whenLabelValue") == "VALUE"
    texts = {e.get("name"): e.get("value") for e in root.iter("Text")}
    assert texts == {"text": "$text", "text_simplified": "$text_simplified"}
    headers = {e.get("value") for e in root.iter("Header")}
    assert {"$doc_id", "$passage_id", "$passage_type", "$date"} <= headers
    assert {"kind · 类型", "number · 数值", "unit_text · 单位原文"} <= headers


def test_config_values_are_unique_and_glossed() -> None:
    """No two choices of the config store the same value (Label Studio's radio inputs of two
    attributes shared the value ``count``), and every label, attribute and choice has a gloss."""
    root = ET.fromstring(labeling_config())
    stored = [c.get("alias") for c in root.iter("Choice")]
    assert len(stored) == len(set(stored)) == sum(len(e) for e in CHOICE_ATTRIBUTES.values())
    for enum_cls in (EntityType, ClaimPart, *CHOICE_ATTRIBUTES.values()):
        for member in enum_cls:
            assert GLOSSES[member], member
    for name in ATTRIBUTES:
        assert GLOSSES[name], name
    assert all(e.get("hint") for e in root.iter("Label"))


def test_instructions_come_from_the_guidelines(root: Path) -> None:
    text = (root / "annotations" / "guidelines.md").read_text(encoding="utf-8")
    page = instructions(text)
    assert page == (root / "annotations" / "labelstudio" / "instructions.html").read_text("utf-8")
    for t in EntityType:
        assert f"<b>{t.value}</b> {GLOSSES[t]}:" in page
    assert "<code>托卡耶夫</code>" in page  # the guidelines' first PERSON example
    for name in CHOICE_ATTRIBUTES:
        assert f"<b>{name}</b>" in page
    assert "标注说明" in page and "Instructions" in page
    # edited guidelines give edited instructions; a lost section is one clear error
    assert "a person with a name" in instructions(
        text.replace("a named person", "a person with a name")
    )
    with pytest.raises(LabelStudioError, match=r"guidelines.md: no heading '### The parts'"):
        instructions(text.replace("### The parts", "### Parts"))


def test_config_command_checks_and_writes(
    tmp_path: Path, root: Path, capsys: pytest.CaptureFixture
) -> None:
    (tmp_path / "annotations").mkdir()
    guidelines = (root / "annotations" / "guidelines.md").read_text(encoding="utf-8")
    (tmp_path / "annotations" / "guidelines.md").write_text(guidelines, encoding="utf-8")
    assert labelstudio_main(["--root", str(tmp_path), "config", "--check"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == (
        "labelstudio config: annotations/labelstudio/config.xml is out of date; "
        "run `silkroad-news labelstudio config`\n"
        "labelstudio config: annotations/labelstudio/instructions.html is out of date; "
        "run `silkroad-news labelstudio config`\n"
        "labelstudio config: annotations/labelstudio/mentions_config.xml is out of date; "
        "run `silkroad-news labelstudio config`\n"
        "labelstudio config: annotations/labelstudio/mentions_instructions.html is out of date; "
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
    assert attrs[(v_rate, "kind")] == ["kind:change_rate"]
    assert attrs[(v_rate, "direction")] == ["direction:up"]
    assert attrs[(v_rate, "number")] == ["1.7"]
    assert attrs[(v_rate, "unit_text")] == ["%"]
    assert (v_rate, "unit") not in attrs  # derived from unit_text on import


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
    for item in _items(r, "v1", "kind") + _items(r, "v1", "approx"):
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
        r"region v1: VALUE region lacks attribute\(s\) kind, approx \(field 'kind'\)",
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
ALPHABET = list("喀什地区進出口總值达億元同比增长分别、,。%.0123456789ab 𠮷😀")
#: Codes of the unit inventory of several dimensions, a count and a compound among them.
UNIT_CODES = ("CNY", "USD", "%", "pp", "times", "count:个", "count:列", "t", "km/h", "kW", "TEU")


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
            unit=draw(st.sampled_from(UNIT_CODES)),
            unit_text=draw(st.text(alphabet=st.sampled_from(ALPHABET), max_size=4)),
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


def _reads_a_unit(value_text: str) -> bool:
    reading = value_reading(value_text)
    return reading is not None and bool(reading.unit_text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(passage_annotations())
def test_round_trip_property(ann: PassageAnnotation) -> None:
    if any(math.copysign(1.0, c.number) < 0 for c in ann.claims):  # -0.0 is refused, see above
        return
    # an empty unit_text is the annotator's "read it from the VALUE": it round-trips only
    # where the VALUE text reads with no unit either (a gold claim's unit_text is its text's)
    if any(not c.unit_text and _reads_a_unit(c.value.text) for c in ann.claims):
        return
    result = json.loads(json.dumps(to_labelstudio(ann), ensure_ascii=False))
    task, annotation = export_pair(ann, result)
    assert from_labelstudio(task, annotation) == replace(normalize(ann), provenance=provenance())


# --------------------------------------------------------------------------------------------
# Pull logic, server helpers and errors that need no server
# --------------------------------------------------------------------------------------------


def test_export_normalization() -> None:
    old = [
        {"id": 2, "annotations": [{"id": 20, "updated_at": "a", "result": []}]},
        {"id": 1, "annotations": [{"id": 10, "updated_at": "a", "result": [], "created_ago": "1"}]},
    ]
    norm = normalize_export(old)
    assert [t["id"] for t in norm] == [1, 2]
    assert "created_ago" not in norm[0]["annotations"][0]
    text = dumps_export(norm)
    assert text == dumps_export(normalize_export(json.loads(text)))  # stable


def _task(task_id: int, gold: PassageAnnotation, *annotations: dict) -> dict[str, Any]:
    task, _ = export_pair(gold, [], task_id)
    task["annotations"] = list(annotations)
    return task


def _ann(ann_id: int, gold: PassageAnnotation, **extra: Any) -> dict[str, Any]:
    return {
        "id": ann_id,
        "completed_by": 1,
        "updated_by": 1,
        "result": to_labelstudio(gold),
        "was_cancelled": False,
        "created_at": f"2026-11-23T10:00:{ann_id % 60:02d}.000000Z",
        "updated_at": f"2026-11-23T10:00:{ann_id % 60:02d}.000010Z",
        **extra,
    }


def test_merge_matches_by_passage_and_provenance_never_by_server_ids() -> None:
    """The committed export came from server A (annotations 1 and 2); server B is fresh: its
    ids start again at 1, on other passages. Gold copies (import_id) that nobody saved are
    unchanged; the committed task records stay byte for byte; an edit is one edited passage."""
    committed = [_task(1, TRAD, _ann(1, TRAD)), _task(2, BMP, _ann(2, BMP))]
    copy_trad = _ann(1, TRAD, id=7, import_id=1, updated_by=None, completed_by=5)
    copy_bmp = _ann(2, BMP, id=1, import_id=2, updated_by=None, completed_by=5)
    server = [_task(3, BMP, copy_bmp), _task(4, TRAD, copy_trad)]
    order = [TRAD.passage_id, BMP.passage_id]
    merged, diff = merge_exports(committed, server, order)
    assert merged == committed and not diff.changed
    assert sorted(diff.unchanged) == sorted(order)

    # Someone saved the copy of BMP with one entity relabeled: exactly that passage changes.
    edited = replace(
        BMP, entities=(replace(BMP.entities[0], type=EntityType.ORG), *BMP.entities[1:])
    )
    saved = {**copy_bmp, "result": to_labelstudio(edited), "updated_by": 3,
             "updated_at": "2026-11-28T09:00:00.000000Z"}  # fmt: skip
    merged, diff = merge_exports(
        committed, [_task(3, BMP, saved), _task(4, TRAD, copy_trad)], order
    )
    assert [c.passage_id for c in diff.edited] == [BMP.passage_id]
    assert diff.edited[0].annotations == (1,) and diff.edited[0].by == ("3",)
    assert (diff.added, diff.replaced, diff.reviewed) == ([], [], [])
    assert merged[0] == committed[0] and merged[1]["id"] == 3  # only BMP's record is new
    assert from_labelstudio(merged[1], merged[1]["annotations"][0]).provenance.annotator == "3"

    # Saved again without a change: reviewed; the provenance then names the reviewer.
    reviewed = {**copy_bmp, "updated_by": 3, "updated_at": "2026-11-28T09:00:00.000000Z"}
    _, diff = merge_exports(committed, [_task(3, BMP, reviewed)], order)
    assert [c.passage_id for c in diff.reviewed] == [BMP.passage_id] and not diff.edited

    # A native annotation whose server id equals a committed one is new, not an edit of it.
    native = _ann(2, BMP, created_at="2026-12-01T00:00:00.000000Z")
    _, diff = merge_exports(committed, [_task(9, BMP, native)], order)
    assert [c.passage_id for c in diff.replaced] == [BMP.passage_id] and not diff.edited

    # A server with no annotation for a passage drops nothing: the committed one is kept.
    merged, diff = merge_exports(committed, [_task(3, BMP), _task(4, TRAD)], order)
    assert merged == committed and sorted(diff.kept) == sorted(order) and not diff.changed


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


def test_a_port_closed_a_moment_ago_is_free_again() -> None:
    """A server that served a connection and stopped leaves it in TIME_WAIT; the probe must
    still call the port free (``serve`` right after a clean stop on the same port)."""
    import socket

    from silkroad_news.labelstudio.server import port_is_free

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    conn, _ = listener.accept()
    assert not port_is_free(port)  # busy while it listens
    conn.close()  # the server closes first: its side of the connection enters TIME_WAIT
    client.close()
    listener.close()
    assert port_is_free(port)


# --------------------------------------------------------------------------------------------
# labelstudio check: one test per problem it finds, each pinned on its message
# --------------------------------------------------------------------------------------------


def _typed(field_name: str, raw: str) -> Any:
    """An edit that types ``raw`` into a text area of VALUE v1 (replacing what is there)."""

    def edit(r: list[dict]) -> None:
        for item in _items(r, "v1", field_name):
            r.remove(item)
        if raw:
            value = _items(r, "v1", "claim")[0]["value"]
            r.append(attribute_item("v1", field_name, raw, value["start"], value["end"], "", None))

    return edit


CHECK_CASES = {
    # what the annotator typed, against the readings of the VALUE text
    "number differs from the VALUE": (
        _typed("number", "5643200000.0"),
        r"region v1: field 'number' is '5643200000.0' \(5643200000.0\) but the VALUE "
        r"'564.32億元' reads 56432000000.0",
    ),
    "unit_text not in the VALUE": (
        _typed("unit_text", "萬噸"),
        r"region v1: field 'unit_text' is '萬噸', which is not in the VALUE '564.32億元' "
        r"\(read with the unit '億元'\)",
    ),
    "unit_text other than the reading": (
        _typed("unit_text", "元"),
        r"region v1: field 'unit_text' is '元' but the VALUE '564.32億元' is read with the "
        r"unit '億元'",
    ),
    "typed unit disagrees with unit_text": (
        _typed("unit", "t"),
        r"region v1: field 'unit' is 't' but unit_text '億元' gives 'CNY'",
    ),
    "typed unit unknown": (_typed("unit", "furlong"), r"region v1: field 'unit' is 'furlong'"),
    # structural problems: the same as the import's (ERROR_CASES), now all of them at once
    **{name: (edit, message) for name, (edit, message) in ERROR_CASES.items()},
}


@pytest.mark.parametrize("case", CHECK_CASES, ids=list(CHECK_CASES))
def test_check_finds(case: str) -> None:
    edit, message = CHECK_CASES[case]
    task, _ = _break(edit)
    report = check_export([task])
    assert report.problems, case
    assert any(
        re.match(r"^task 7, annotation 70, " + message, p.message) for p in report.problems
    ), [p.message for p in report.problems]
    problem = report.problems[0]
    assert (problem.task_id, problem.passage_id) == (7, TRAD.passage_id)
    line = report.lines()[0]
    assert line.startswith(f"problem: passage {TRAD.passage_id}: task 7, annotation 70")
    # the import refuses the same annotation, naming the same problem
    with pytest.raises(LabelStudioError, match=re.escape(problem.message[:60])):
        gold_from_export([task], [])


def test_check_lists_every_problem_not_only_the_first() -> None:
    def two(r: list[dict]) -> None:
        _unknown_label(r)
        _orphan_metric(r)

    task, _ = _break(two)
    messages = [p.message for p in check_export([task]).problems]
    assert any("unknown value 'CITY'" in m for m in messages)
    assert any("METRIC region is linked to no VALUE" in m for m in messages)


def test_check_number_and_unit_text_read_from_the_value_text() -> None:
    """Empty fields are read from the VALUE text; a number may be typed as written."""
    task, _ = _break(lambda r: [_typed("number", "")(r), _typed("unit_text", "")(r)])
    report = check_export([task])
    assert report.problems == []
    read = {(d.field, d.value) for _, _, d in report.derived}
    assert {("number", 56432000000.0), ("unit_text", "億元"), ("unit", "CNY")} <= read
    task, annotation = _break(_typed("number", "564.32亿"))
    assert check_export([task]).problems == []
    assert from_labelstudio(task, annotation).claims[0].number == 56432000000.0
    # a VALUE the recognizer cannot read needs its number typed
    ann = replace(TRAD, claims=(replace(TRAD.claims[0], value=Span(0, 3, "上半年")),))
    task, _ = _break(_typed("number", ""), ann)
    [problem] = [p for p in check_export([task]).problems if "number" in p.message]
    assert "field 'number' is empty and the VALUE '上半年' does not read as one number" in str(
        problem
    )


def test_check_against_the_corpus_and_several_annotations() -> None:
    task, annotation = export_pair(TRAD, to_labelstudio(TRAD))
    task["annotations"].append({**annotation, "id": 71})
    report = check_export([task], DOCUMENTS)
    assert [p.message for p in report.problems][:1] == [
        f"task 7: passage '{TRAD.passage_id}' has 2 annotations (ids 70, 71); keep one (delete "
        "or skip the others in Label Studio) or import with --annotator"
    ]
    task, _ = export_pair(TRAD, to_labelstudio(TRAD))
    task["data"]["passage_id"] = "elsewhere-p01"
    assert "is not in the corpus" in check_export([task], DOCUMENTS).problems[0].message
    task, _ = export_pair(TRAD, [])
    task["annotations"] = []
    assert check_export([task], DOCUMENTS).problems == []  # not annotated yet: pending
    task["data"]["text"] = task["data"]["text"].replace("上半年", "下半年")
    report = check_export([task], DOCUMENTS)
    assert report.pending == [TRAD.passage_id] and report.problems[0].message.startswith(
        "task 7: the task's text differs from the corpus text"
    )


def test_the_committed_export_has_no_problem(root: Path) -> None:
    from silkroad_news.corpus import load_documents

    export = read_json(root / "annotations" / "labelstudio" / "export.json")
    report = check_export(export, load_documents(root))
    assert report.problems == [] and report.annotations == 83 and report.pending == []


# --------------------------------------------------------------------------------------------
# Pre-annotation effort
# --------------------------------------------------------------------------------------------


def test_effort_counts_each_edit_once() -> None:
    from silkroad_news.labelstudio.effort import effort
    from silkroad_news.labelstudio.models import ClaimGuess, PassageGuess, _gold_guess

    gold = _gold_guess(TRAD)
    assert effort(gold, gold).total == 0
    scratch = effort(PassageGuess(), gold)
    assert (scratch.entities_add, scratch.claims_add) == (1, 5)  # 3 VALUEs, a METRIC, a TIME
    assert scratch.relations_add == 6 and scratch.total == scratch.regions + 6
    # a METRIC one character short: one change, its two relations follow it; a wrong extra
    # entity: one delete
    metric = gold.claims[0].parts["metric"]
    short = Span(metric.start, metric.end - 1, metric.text[:-1])
    moved = [replace(c, parts={**c.parts, "metric": short}) if c.parts["metric"] == metric else c
             for c in gold.claims]  # fmt: skip
    got = effort(PassageGuess([*gold.entities, (0, 2, "ORG")], moved), gold)
    assert (got.claims_change, got.entities_delete, got.relations_add, got.total) == (1, 1, 0, 2)
    # a VALUE with one wrong attribute and its relations missing
    first, *others = gold.claims
    wrong = ClaimGuess(first.value, {**first.attributes, "kind": "count"}, {})
    got = effort(PassageGuess(gold.entities, [wrong, *others]), gold)
    assert (got.attributes_fix, got.relations_add, got.claims_delete) == (1, 3, 0)


def test_committed_effort_table_is_up_to_date(root: Path) -> None:
    from silkroad_news.labelstudio.effort import EFFORT_FILE, effort_table

    assert (root / EFFORT_FILE).read_text(encoding="utf-8") == effort_table(root)
