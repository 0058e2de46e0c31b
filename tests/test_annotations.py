"""Tests of silkroad_news.annotations: the JSON round trip, one invalid record per error kind
with its message, and the statistics."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkroad_news.annotations import (
    annotation_from_json,
    annotation_to_json,
    check_against_corpus,
    read_gold,
    statistics,
    write_gold,
)
from silkroad_news.schema import (
    Approx,
    Claim,
    ClaimKind,
    Direction,
    Document,
    Entity,
    EntityType,
    Modality,
    Passage,
    PassageAnnotation,
    PassageType,
    Provenance,
    SchemaError,
    Span,
    Unit,
)

TEXT = "𠮷上半年,喀什地區進出口總值達564.32億元,同比增長67.2%。"


def _span(text: str, surface: str) -> Span:
    i = text.index(surface)
    return Span(i, i + len(surface), surface)


GOOD = PassageAnnotation(
    passage_id="d-p01",
    doc_id="d",
    text=TEXT,
    entities=(Entity("e1", EntityType.GPE, *_span(TEXT, "喀什地區").__dict__.values()),),
    claims=(
        Claim(
            id="c1",
            value=_span(TEXT, "564.32億元"),
            number=56432000000.0,
            unit=Unit.CNY,
            unit_text="億元",
            kind=ClaimKind.AMOUNT,
            approx=Approx.EXACT,
            direction=Direction.NONE,
            modality=Modality.ACTUAL,
            metric=_span(TEXT, "進出口總值"),
            subject=_span(TEXT, "喀什地區"),
            time=_span(TEXT, "上半年"),
        ),
    ),
    provenance=Provenance(7, 11, "annotator@example.org", "2026-11-23T10:00:00Z", "2026-11-23"),
)


def test_offsets_count_code_points_past_a_character_outside_the_bmp() -> None:
    e = GOOD.entities[0]
    assert (e.start, e.end) == (5, 9) and TEXT[e.start : e.end] == "喀什地區"


def test_json_round_trip_is_exact(tmp_path: Path) -> None:
    assert annotation_from_json(annotation_to_json(GOOD), "x") == GOOD
    write_gold(
        tmp_path / "g.jsonl", [GOOD, GOOD.__class__(**{**GOOD.__dict__, "passage_id": "d-p02"})]
    )
    assert read_gold(tmp_path / "g.jsonl")[0] == GOOD


def test_file_round_trip_keeps_line_separator_characters(tmp_path: Path) -> None:
    """JSON writes U+2028, U+2029 and U+0085 unescaped; the reader must not split on them."""
    text = "喀什\u2028地區\u2029進出口\x85總值"
    a = PassageAnnotation("d-p01", "d", text, (Entity("e1", EntityType.GPE, 0, 2, "喀什"),))
    write_gold(tmp_path / "g.jsonl", [a])
    assert read_gold(tmp_path / "g.jsonl") == [a]


def _bad(mutate) -> dict:
    d = copy.deepcopy(annotation_to_json(GOOD))
    mutate(d)
    return d


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["entities"][0].update(text="喀什"),
            r"passage 'd-p01': entity 'e1': field 'text' is '喀什' but text\[5:9\] is '喀什地區'",
        ),
        (
            lambda d: d["entities"][0].update(end=999),
            r"entity 'e1': span \[5, 999\) is empty or outside the text of length 34",
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
            r"claim 'c1': field 'number' is not finite: nan",
        ),
        (
            lambda d: d["claims"][0].update(number="5.6e10"),
            r"claim 'c1': field 'number' must be a number, got '5.6e10'",
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
        (lambda d: d.update(colour="red"), r"passage 'd-p01': unknown field 'colour'"),
        (lambda d: d["claims"][0].pop("approx"), r"claim 'c1': missing field 'approx'"),
        (
            lambda d: d["claims"][0].update(shade="x"),
            r"claim 'c1': unknown field 'shade'",
        ),
        (lambda d: d.update(entities=None), r"field 'entities' has the wrong type: None"),
        (lambda d: d["entities"].append("喀什"), r"entity 1: expected an object, got str"),
        (
            lambda d: d["claims"][0].update(number=10**400),
            r"claim 'c1': field 'number' is not finite: too large",
        ),
        (
            lambda d: d["claims"][0].update(number=42.0),
            r"claim 'c1': field 'number' is 42.0 but the VALUE '564.32億元' normalizes to "
            r"56432000000.0",
        ),
        (
            lambda d: d["provenance"].update(task_id="abc"),
            r"field 'provenance': field 'task_id' has the wrong type: 'abc'",
        ),
        (lambda d: d["entities"][0].update(id=None), r"field 'id' has the wrong type: None"),
        (lambda d: d.update(text=""), r"passage 'd-p01': field 'text' is empty"),
    ],
)
def test_each_invalid_record_is_refused_with_its_message(mutate, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        annotation_from_json(_bad(mutate), "annotations/gold.jsonl: line 1")


def test_a_bad_line_is_named_by_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(annotation_to_json(GOOD), ensure_ascii=False) + "\n{oops\n")
    with pytest.raises(SchemaError, match=r"gold.jsonl: line 2: not valid JSON"):
        read_gold(path)


def test_gold_must_match_the_corpus_text() -> None:
    doc = Document("d", "x" + TEXT, "x" + TEXT, (Passage("d-p01", PassageType.PARAGRAPH, 1, 35),))
    check_against_corpus([GOOD], [doc], "gold.jsonl")
    other = Document("d", "x" + TEXT.replace("上", "下"), "", doc.passages)
    with pytest.raises(SchemaError, match="field 'text' differs from the corpus passage text"):
        check_against_corpus([GOOD], [other], "gold.jsonl")
    with pytest.raises(SchemaError, match="passage annotated twice"):
        check_against_corpus([GOOD, GOOD], [doc], "gold.jsonl")


def test_statistics_count_per_label_article_and_passage_type() -> None:
    doc = Document("d", TEXT, TEXT, (Passage("d-p01", PassageType.CAPTION, 0, len(TEXT)),))
    stats = statistics([GOOD], [doc])
    assert stats["entities"] == {"total": 1, "by_type": {"GPE": 1}}
    assert stats["claims"]["by_kind"] == {"amount": 1}
    assert stats["claims"]["with_part"] == {"metric": 1, "subject": 1, "time": 1}
    assert stats["by_passage_type"]["caption"] == {
        "passages": 1,
        "characters": len(TEXT),
        "entities": 1,
        "claims": 1,
    }


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


def test_the_committed_gold_validates_and_its_statistics_are_current(root: Path, cli_run) -> None:
    code, out, err = cli_run("--root", root, "annotations", "validate")
    assert code == 0, err
    assert "83 passages" in out


def test_statistics_drift_is_caught(repo_copy: Path, cli_run) -> None:
    stats = repo_copy / "annotations/statistics.json"
    data = json.loads(stats.read_text(encoding="utf-8"))
    data["entities"]["total"] += 1
    stats.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = cli_run("--root", repo_copy, "annotations", "validate")
    assert code == 2 and "differs from the statistics of the gold" in err


def test_every_disagreement_of_the_agreement_study_is_adjudicated(root: Path) -> None:
    from silkroad_news.agreement import disagreements, read_adjudication

    a = read_gold(root / "annotations/agreement/first_annotator.jsonl")
    b = read_gold(root / "annotations/agreement/second_annotator.jsonl")
    decisions = read_adjudication(root / "annotations/agreement/adjudication.md")
    assert set(disagreements(a, b)) == set(decisions)
