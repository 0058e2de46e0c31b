"""Tests of silkroad_news.labelstudio.mentions without a server: config, instructions, exact
conversion, every problem and flag the check finds, and the import with its provenance.
The real-server tests of the layer are in tests/test_labelstudio_mentions_server.py."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from label_studio_sdk.label_interface import LabelInterface

from silkroad_news import units
from silkroad_news.annotations import MENTIONS_FILE, import_mentions, read_mentions
from silkroad_news.files import dumps_json
from silkroad_news.labelstudio.client import dumps_export
from silkroad_news.labelstudio.config import labeling_config
from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.labelstudio.mentions import (
    ACCOUNTS_FILE,
    CONFIG_FILE,
    EXPORT_PATH,
    INSTRUCTIONS_FILE,
    MENTION,
    TEXT_FIELDS,
    check_mentions_export,
    mention_diff,
    mentions_config,
    mentions_config_files,
    mentions_to_labelstudio,
)
from silkroad_news.labelstudio.mentions import (
    read_mentions as read_ls,
)
from silkroad_news.schema import (
    READ_CATEGORIES,
    Approx,
    NumberCategory,
    NumberMention,
    PassageMentions,
    Provenance,
    SchemaError,
)

ROOT = Path(__file__).resolve().parents[1]
LAYER = read_mentions(ROOT / MENTIONS_FILE)

TEXT = "𠮷截至2月12日,班列822列,过货量3-5万吨,用电1.2万度,历时两天,热线400-0123-021。"


def _m(sub: str, category: NumberCategory, **reading: Any) -> NumberMention:
    start = TEXT.index(sub)
    fields: dict[str, Any] = dict.fromkeys(("number", "low", "high", "unit", "approx"))
    fields["unit_text"] = ""
    fields.update(reading)
    return NumberMention("", start, start + len(sub), sub, category, **fields)


#: A passage with 𠮷 first, a date, a count, a range, an ambiguous unit (度 typed as kWh), a
#: duration and a phone.
CASE = PassageMentions(
    "case-p01",
    "case",
    TEXT,
    (
        _m("2月12日", NumberCategory.DATE),
        _m("822列", NumberCategory.QUANTITY, number=822.0, unit="count:列", unit_text="列",
           approx=Approx.EXACT),
        _m("3-5万吨", NumberCategory.QUANTITY, low=30000.0, high=50000.0, unit="t",
           unit_text="万吨", approx=Approx.EXACT),
        _m("1.2万度", NumberCategory.QUANTITY, number=12000.0, unit="kWh", unit_text="度",
           approx=Approx.EXACT),
        _m("两天", NumberCategory.DURATION, number=2.0, unit="d", unit_text="天",
           approx=Approx.EXACT),
        _m("400-0123-021", NumberCategory.PHONE),
    ),
)  # fmt: skip


def _ids(m: PassageMentions) -> PassageMentions:
    ordered = sorted(m.mentions, key=lambda x: (x.start, x.end))
    return replace(
        m, mentions=tuple(replace(x, id=f"{m.passage_id}-m{n}") for n, x in enumerate(ordered, 1))
    )


CASE = _ids(CASE)


def export_pair(
    m: PassageMentions, result: list[dict[str, Any]] | None = None, task_id: int = 7
) -> tuple[dict[str, Any], dict[str, Any]]:
    task = {"id": task_id, "data": {"text": m.text, "passage_id": m.passage_id, "doc_id": m.doc_id}}
    annotation = {
        "id": 70,
        "unique_id": "u-70",
        "result": mentions_to_labelstudio(m) if result is None else result,
        "completed_by": 3,
        "updated_by": 3,
        "created_at": "2026-01-02T03:04:05.000001Z",
        "updated_at": "2026-01-02T03:05:05.000001Z",
        "was_cancelled": False,
    }
    return task, annotation


def _items(result: list[dict[str, Any]], rid: str, name: str) -> list[dict[str, Any]]:
    return [i for i in result if i.get("id") == rid and i.get("from_name") == name]


def _messages(m: PassageMentions, result: list[dict[str, Any]]) -> list[str]:
    reading = read_ls(*export_pair(m, result))
    assert reading.mentions is None
    return [p.message for p in reading.problems]


# --------------------------------------------------------------------------------------------
# Config and instructions
# --------------------------------------------------------------------------------------------


def test_committed_config_and_instructions_are_the_generated_ones() -> None:
    for path, text in mentions_config_files(ROOT).items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path} is out of date: run `silkroad-news labelstudio config`"
        )
    assert set(mentions_config_files(ROOT)) == {ROOT / CONFIG_FILE, ROOT / INSTRUCTIONS_FILE}


def test_config_is_the_schema_with_glosses_and_readings_only_for_quantity_and_duration() -> None:
    config = mentions_config()
    LabelInterface(config).validate()
    root = ET.fromstring(config)
    [labels] = list(root.iter("Labels"))
    assert labels.get("name") == MENTION
    assert [x.get("value") for x in labels] == NumberCategory.values()
    assert all(x.get("hint") for x in labels)  # the Chinese gloss
    read = ",".join(c.value for c in READ_CATEGORIES)
    per_region = [e for e in root.iter() if e.get("perRegion") == "true"]
    assert sorted(e.get("name") for e in per_region) == sorted([*TEXT_FIELDS, "approx"])
    assert all(e.get("whenLabelValue") == read for e in per_region)
    [approx] = list(root.iter("Choices"))
    assert [c.get("alias") for c in approx] == [f"approx:{a}" for a in Approx.values()]
    assert approx.get("required") == "true"
    assert not list(root.iter("Relations"))


@pytest.mark.parametrize(
    "config", [mentions_config(), labeling_config()], ids=["mentions", "claims"]
)
def test_every_text_area_has_its_placeholder(config: str) -> None:
    areas = list(ET.fromstring(config).iter("TextArea"))
    assert areas and all(a.get("placeholder") not in (None, "", a.get("name")) for a in areas)


@pytest.mark.parametrize(
    "config", [mentions_config(), labeling_config()], ids=["mentions", "claims"]
)
def test_the_unit_placeholder_gives_the_inventorys_codes(config: str) -> None:
    """Each surface the inventory reads two ways, with exactly the codes it reads it as: 度 is
    kWh or count:度 (the claim config said "度 → kWh or Cel", and 节 was missing)."""
    [unit] = [a for a in ET.fromstring(config).iter("TextArea") if a.get("name") == "unit"]
    ways = dict(
        re.fullmatch(r"(\S+) → (.+)", part).groups()  # type: ignore[union-attr]
        for part in unit.get("placeholder", "").split(": ", 1)[1].split(", ")
    )
    assert {s: tuple(c.split(" or ")) for s, c in ways.items()} == {
        s: units.codes_of(s) for s in units.AMBIGUOUS
    }
    assert ways["度"] == "kWh or count:度"
    assert all(units.is_code(c) for c in " or ".join(ways.values()).split(" or "))


def test_instructions_come_from_section_4_of_the_guidelines() -> None:
    page = (ROOT / INSTRUCTIONS_FILE).read_text(encoding="utf-8")
    for c in NumberCategory:
        assert f"<b>{c.value}</b>" in page
    assert "<code>564.32億元</code>" in page and "<code>400-0123-021</code>" in page
    assert "<b>low</b> 下限, <b>high</b> 上限: the two bounds of a range" in page
    guidelines = (ROOT / "annotations" / "guidelines.md").read_text(encoding="utf-8")
    broken = guidelines.replace("| `phone` |", "| `telephone` |")
    from silkroad_news.labelstudio.mentions import mentions_instructions

    with pytest.raises(LabelStudioError, match="'Categories' lacks phone"):
        mentions_instructions(broken)


# --------------------------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------------------------


def test_round_trip_of_the_case() -> None:
    task, annotation = export_pair(CASE)
    reading = read_ls(task, annotation)
    assert reading.problems == [] and reading.flags == []
    assert reading.mentions == replace(
        CASE,
        provenance=Provenance(7, 70, "3", annotation["created_at"], annotation["updated_at"]),
    )
    result = annotation["result"]
    # 𠮷 is one code point: offsets are Python's
    assert _items(result, "n1", MENTION)[0]["value"]["start"] == 3
    # the range carries low and high and no number; 度 gets its code typed, 吨 does not
    assert not _items(result, "n3", "number") and _items(result, "n3", "low")
    assert _items(result, "n4", "unit")[0]["value"]["text"] == ["kWh"]
    assert not _items(result, "n2", "unit") and not _items(result, "n3", "unit")
    assert _items(result, "n2", "approx")[0]["value"]["choices"] == ["approx:exact"]
    # a date and a phone carry nothing but their label
    assert [i["from_name"] for i in result if i["id"] in ("n1", "n6")] == [MENTION, MENTION]


def test_round_trip_of_every_record_of_the_committed_layer() -> None:
    assert len(LAYER) == 83 and sum(len(m.mentions) for m in LAYER) > 100
    for n, m in enumerate(LAYER, 1):
        reading = read_ls(*export_pair(m, task_id=n))
        assert reading.problems == [], m.passage_id
        assert replace(reading.mentions, provenance=m.provenance) == m


def test_numbers_may_be_typed_as_written_and_the_region_order_does_not_matter() -> None:
    result = mentions_to_labelstudio(CASE)
    _items(result, "n2", "number")[0]["value"]["text"] = ["822"]
    reading = read_ls(*export_pair(CASE, list(reversed(result))))
    assert reading.problems == []
    assert reading.mentions is not None and reading.mentions.mentions == CASE.mentions


def test_provenance_takes_the_account_e_mail_recorded_by_the_pull() -> None:
    task, annotation = export_pair(CASE)
    reading = read_ls(task, annotation, {"u-70": "reviewer@example.org"})
    assert reading.mentions is not None and reading.mentions.provenance is not None
    assert reading.mentions.provenance.annotator == "reviewer@example.org"


def test_canonical_records_the_config_cannot_hold_are_refused_before_any_push() -> None:
    overlapping = replace(CASE, mentions=(*CASE.mentions, replace(CASE.mentions[1], id="x")))
    with pytest.raises(
        LabelStudioError, match=r"passage case-p01: mentions 'case-p01-m2' and 'x' overlap"
    ):
        mentions_to_labelstudio(overlapping)


# --------------------------------------------------------------------------------------------
# One test per problem the check finds
# --------------------------------------------------------------------------------------------


def _problem(edit: Any) -> list[str]:
    result = copy.deepcopy(mentions_to_labelstudio(CASE))
    return _messages(CASE, edit(result) or result)


def test_problem_overlapping_mentions() -> None:
    def edit(result: list[dict]) -> None:
        item = copy.deepcopy(_items(result, "n1", MENTION)[0])  # 2月12日 at [3, 8)
        item["id"] = "extra"
        item["value"].update(start=5, end=7, text=TEXT[5:7], labels=["date"])
        result.append(item)

    [message] = _problem(edit)
    assert re.search(
        r"region n1: \[3, 8\) overlaps region extra \[5, 7\); mentions must not", message
    )


def test_problem_region_text_is_not_the_text_at_its_offsets() -> None:
    def edit(result: list[dict]) -> None:
        _items(result, "n2", MENTION)[0]["value"]["text"] = "823列"

    [message] = _problem(edit)
    assert "task 7, annotation 70, region n2" in message and "'823列'" in message


def test_problem_a_reading_on_a_date() -> None:
    def edit(result: list[dict]) -> None:
        _items(result, "n2", MENTION)[0]["value"]["labels"] = ["date"]

    [message] = _problem(edit)
    assert message.endswith(
        "region n2: field 'number' is set on a date mention; only quantity and duration "
        "mentions carry a reading (clear it, or change the category)"
    )


def test_problem_a_quantity_without_approx() -> None:
    def edit(result: list[dict]) -> None:
        result.remove(_items(result, "n2", "approx")[0])

    assert _problem(edit) == [
        "task 7, annotation 70, region n2: field 'approx' is empty; a quantity needs one"
    ]


def test_problem_a_quantity_without_number_or_range() -> None:
    def edit(result: list[dict]) -> None:
        result.remove(_items(result, "n2", "number")[0])

    [message] = _problem(edit)
    assert "field 'number' is null, so 'low' and 'high' must hold the range" in message


def test_problem_a_range_upside_down() -> None:
    def edit(result: list[dict]) -> None:
        _items(result, "n3", "low")[0]["value"]["text"] = ["60000.0"]

    [message] = _problem(edit)
    assert "field 'low' (60000.0) exceeds 'high' (50000.0)" in message


def test_problem_a_number_that_is_no_number() -> None:
    def edit(result: list[dict]) -> None:
        _items(result, "n2", "number")[0]["value"]["text"] = ["八百多"]

    [message] = _problem(edit)
    assert "region n2: field 'number' is '八百多', not a non-negative decimal" in message


def test_problem_a_unit_text_the_inventory_cannot_read() -> None:
    def edit(result: list[dict]) -> None:
        _items(result, "n2", "unit_text")[0]["value"]["text"] = ["列车厢"]

    assert _problem(edit) == [
        "task 7, annotation 70, region n2: field 'unit_text' '列车厢' is no unit of the "
        "inventory; write the unit as the text does"
    ]


def test_problem_a_unit_text_read_two_ways_without_its_code() -> None:
    def edit(result: list[dict]) -> None:
        result.remove(_items(result, "n4", "unit")[0])

    assert _problem(edit) == [
        "task 7, annotation 70, region n4: field 'unit_text' '度' reads two ways "
        "(kWh or count:度); type the code in 'unit'"
    ]


def test_problem_a_unit_code_unit_text_does_not_stand_for() -> None:
    def edit(result: list[dict]) -> None:
        _items(result, "n4", "unit")[0]["value"]["text"] = ["t"]

    [message] = _problem(edit)
    assert "field 'unit' is 't' but 'unit_text' '度' stands for kWh or count:度" in message


def test_problem_a_relation() -> None:
    def edit(result: list[dict]) -> None:
        result.append(
            {"type": "relation", "from_id": "n1", "to_id": "n2", "direction": "right", "labels": []}
        )

    [message] = _problem(edit)
    assert "is a relation; number mentions have no relations" in message


def test_problem_a_control_of_another_config() -> None:
    def edit(result: list[dict]) -> None:
        _items(result, "n1", MENTION)[0]["from_name"] = "entity"

    [message] = _problem(edit)
    assert (
        "region n1: field 'from_name' is 'entity', not a control of the mention config" in message
    )


def test_problem_an_unknown_category() -> None:
    def edit(result: list[dict]) -> None:
        _items(result, "n1", MENTION)[0]["value"]["labels"] = ["year"]

    [message] = _problem(edit)
    assert "region n1" in message and "'year'" in message


def test_problem_an_attribute_on_another_span() -> None:
    def edit(result: list[dict]) -> None:
        _items(result, "n2", "approx")[0]["value"].update(start=1, end=2)

    assert _problem(edit) == [
        "task 7, annotation 70, region n2: field 'approx' is for span [1, 2) but the region is "
        "[11, 15)"
    ]


def test_problem_attributes_of_no_region() -> None:
    def edit(result: list[dict]) -> None:
        result.remove(_items(result, "n2", MENTION)[0])

    [message] = _problem(edit)
    assert "region n2: fields (approx, number, unit_text) belong to no labeled region" in message


def test_check_export_lists_every_problem_and_the_per_task_ones() -> None:
    """Two bad regions give two problems; a task whose text is not the corpus's, and a task
    with two annotations, are problems of the shared check."""
    result = mentions_to_labelstudio(CASE)
    result.remove(_items(result, "n2", "approx")[0])
    result.remove(_items(result, "n4", "unit")[0])
    task, annotation = export_pair(CASE, result)
    other_task, other = export_pair(CASE, task_id=8)
    other_task["data"]["passage_id"] = "case-p02"
    other_task["annotations"] = [other, {**other, "id": 71}]
    task["annotations"] = [annotation]
    report = check_mentions_export([task, other_task])
    messages = [p.message for p in report.problems]
    assert len(messages) == 3, messages
    assert any("region n2: field 'approx' is empty" in m for m in messages)
    assert any("region n4: field 'unit_text' '度' reads two ways" in m for m in messages)
    assert any("has 2 annotations (ids 70, 71)" in m for m in messages)
    assert "3 problem(s)" in report.summary()


def test_flags_readings_other_than_the_recognizer_s_without_refusing_them() -> None:
    """822列 annotated as 823 and 1.2万度 as a count of 度: both flagged, both kept."""
    result = mentions_to_labelstudio(CASE)
    _items(result, "n2", "number")[0]["value"]["text"] = ["823.0"]
    _items(result, "n4", "unit")[0]["value"]["text"] = ["count:度"]
    task, annotation = export_pair(CASE, result)
    reading = read_ls(task, annotation)
    assert reading.problems == []
    assert reading.mentions is not None
    assert (
        reading.mentions.mentions[1].number == 823.0
        and reading.mentions.mentions[3].unit == "count:度"
    )
    assert [(f.region, f.message) for f in reading.flags] == [
        (
            "n2",
            "task 7, annotation 70, region n2: field 'number' is 823.0 but the recognizer reads "
            "'822列' as 822.0; check it (kept as annotated)",
        ),
        (
            "n4",
            "task 7, annotation 70, region n4: field 'unit' is 'count:度' but the recognizer reads "
            "'1.2万度' as 'kWh'; check it (kept as annotated)",
        ),
    ]
    task["annotations"] = [annotation]
    report = check_mentions_export([task])
    assert report.problems == [] and len(report.flags) == 2
    assert "2 flag(s) to review" in report.summary()
    assert report.lines()[0].startswith("flag: passage case-p01: task 7")


def test_the_committed_layer_has_no_flag() -> None:
    """The adjudicated first pass and the recognizer agree wherever both read a span."""
    tasks = []
    for n, m in enumerate(LAYER, 1):
        task, annotation = export_pair(m, task_id=n)
        tasks.append({**task, "annotations": [{**annotation, "id": 1000 + n}]})
    report = check_mentions_export(tasks)
    assert report.problems == [] and report.flags == [] and report.annotations == 83


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------


def _export_of(layer: list[PassageMentions], edit: Any = None) -> list[dict[str, Any]]:
    tasks = []
    for n, m in enumerate(layer, 1):
        task, annotation = export_pair(m, task_id=n)
        annotation.update(id=1000 + n, unique_id=f"u-{n}")
        if edit is not None:
            edit(m, annotation)
        tasks.append({**task, "annotations": [annotation]})
    return tasks


def test_import_writes_the_layer_with_provenance_keeps_the_old_and_reports_the_change(
    full_repo_copy: Path,
) -> None:
    repo = full_repo_copy
    before = (repo / MENTIONS_FILE).read_bytes()
    target = next(m for m in LAYER if any(x.category is NumberCategory.DATE for x in m.mentions))
    date = next(x for x in target.mentions if x.category is NumberCategory.DATE)

    def edit(m: PassageMentions, annotation: dict[str, Any]) -> None:
        if m.passage_id == target.passage_id:
            rid = next(
                i["id"]
                for i in annotation["result"]
                if i["from_name"] == MENTION and i["value"]["start"] == date.start
            )
            _items(annotation["result"], rid, MENTION)[0]["value"]["labels"] = ["identifier"]

    export = repo / EXPORT_PATH
    export.write_text(dumps_export(_export_of(LAYER, edit)), encoding="utf-8")
    (export.parent / ACCOUNTS_FILE).write_text(
        dumps_json({f"u-{n}": "reviewer@example.org" for n in range(1, 84)}), encoding="utf-8"
    )
    report = import_mentions(repo)
    assert report.written
    change = f"{target.passage_id}: mention changed {date.text} [{date.start}, {date.end}) date"
    assert [c for c in report.changes if "mention" in c] == [f"{change} -> {date.text} "
        f"[{date.start}, {date.end}) identifier"]  # fmt: skip
    new = read_mentions(repo / MENTIONS_FILE)
    assert [m.passage_id for m in new] == [m.passage_id for m in LAYER]
    for old, m in zip(LAYER, new, strict=True):
        assert m.provenance is not None and m.provenance.annotator == "reviewer@example.org"
        if m.passage_id != target.passage_id:
            assert replace(m, provenance=None) == replace(old, provenance=None)
    [kept] = (repo / "annotations" / "backups").glob("mentions.*.jsonl")
    assert kept.read_bytes() == before
    # a second import of the same export changes nothing
    again = import_mentions(repo)
    assert not again.written and again.changes == []


def test_import_refuses_a_claim_value_the_mention_layer_disagrees_with(
    full_repo_copy: Path,
) -> None:
    repo = full_repo_copy
    from silkroad_news.annotations import GOLD_FILE, read_gold

    gold = read_gold(repo / GOLD_FILE)
    claim = next(c for a in gold for c in a.claims if c.number is not None)
    pid = next(a.passage_id for a in gold if claim in a.claims)

    def edit(m: PassageMentions, annotation: dict[str, Any]) -> None:
        if m.passage_id == pid:
            for item in annotation["result"]:
                if item["from_name"] == "number" and item["value"]["start"] == claim.value.start:
                    item["value"]["text"] = [repr(claim.number * 10)]

    before = (repo / MENTIONS_FILE).read_bytes()
    (repo / EXPORT_PATH).write_text(dumps_export(_export_of(LAYER, edit)), encoding="utf-8")
    with pytest.raises(SchemaError, match=rf"passage '{pid}': claim .* field 'number'"):
        import_mentions(repo)
    assert (repo / MENTIONS_FILE).read_bytes() == before


def test_import_refuses_an_export_with_a_problem_naming_it(full_repo_copy: Path) -> None:
    def edit(m: PassageMentions, annotation: dict[str, Any]) -> None:
        for item in annotation["result"]:
            if item["from_name"] == "approx":
                annotation["result"].remove(item)
                return

    (full_repo_copy / EXPORT_PATH).write_text(
        dumps_export(_export_of(LAYER, edit)), encoding="utf-8"
    )
    with pytest.raises(LabelStudioError, match=r"field 'approx' is empty.*more problem"):
        import_mentions(full_repo_copy)


def test_import_through_the_cli(full_repo_copy: Path, cli_run: Any) -> None:
    (full_repo_copy / EXPORT_PATH).write_text(dumps_export(_export_of(LAYER)), encoding="utf-8")
    code, out, err = cli_run(
        "--root", full_repo_copy, "annotations", "import", "--layer", "mentions"
    )
    assert code == 0, err
    assert "annotations/mentions.jsonl: 83 passages (written)" in out
    assert "provenance 3 (annotation 1001)" in out  # no accounts file: the account id
    code, out, err = cli_run(
        "--root", full_repo_copy, "annotations", "import", "--layer", "mentions",
        "--annotator", "nobody@example.org",
    )  # fmt: skip
    assert code == 2 and "has no annotation" in err and "Traceback" not in err


def test_mention_diff_names_added_and_removed_mentions() -> None:
    fewer = replace(CASE, mentions=CASE.mentions[1:])
    lines = mention_diff(fewer, CASE)
    assert lines == ["case-p01: mention added 2月12日 [3, 8) date"]
    lines = mention_diff(CASE, fewer)
    assert lines == ["case-p01: mention removed 2月12日 [3, 8) date"]
    assert json.dumps(mention_diff(CASE, CASE)) == "[]"
