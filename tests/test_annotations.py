"""Tests of silkroad_news.annotations: the gold file (read and written through the record
codec, which tests/test_records.py covers), its checks against the corpus and its statistics."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from silkroad_news.annotations import (
    annotation_to_json,
    check_against_corpus,
    read_gold,
    statistics,
    write_gold,
)
from silkroad_news.schema import (
    Document,
    Entity,
    EntityType,
    Passage,
    PassageAnnotation,
    PassageType,
    SchemaError,
)


def test_offsets_count_code_points_past_a_character_outside_the_bmp(gold_record) -> None:
    e = gold_record.entities[0]
    assert (e.start, e.end) == (5, 9) and gold_record.text[e.start : e.end] == "喀什地區"


def test_gold_file_round_trip_is_exact(tmp_path: Path, gold_record) -> None:
    other = replace(gold_record, passage_id="d-p02")
    write_gold(tmp_path / "g.jsonl", [gold_record, other])
    assert read_gold(tmp_path / "g.jsonl") == [gold_record, other]


def test_file_round_trip_keeps_line_separator_characters(tmp_path: Path) -> None:
    """JSON writes U+2028, U+2029 and U+0085 unescaped; the reader must not split on them."""
    text = "喀什\u2028地區\u2029進出口\x85總值"
    a = PassageAnnotation("d-p01", "d", text, (Entity("e1", EntityType.GPE, 0, 2, "喀什"),))
    write_gold(tmp_path / "g.jsonl", [a])
    assert read_gold(tmp_path / "g.jsonl") == [a]


@pytest.mark.parametrize(
    ("second_line", "message"),
    [
        ("{oops", r"gold\.jsonl: line 2: not valid JSON"),
        ("", r"gold\.jsonl: line 2: empty line"),
        ('{"passage_id": "d-p02", "passage_id": "d-p03"}', r"line 2: field 'passage_id' appears "),
    ],
)
def test_a_bad_line_is_named_by_file_and_line(tmp_path: Path, gold_record, second_line, message):
    path = tmp_path / "gold.jsonl"
    first = json.dumps(annotation_to_json(gold_record), ensure_ascii=False)
    path.write_text(f"{first}\n{second_line}\n{first}\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=message):
        read_gold(path)


def test_gold_must_match_the_corpus_text(gold_record) -> None:
    text = gold_record.text
    doc = Document("d", "x" + text, "x" + text, (Passage("d-p01", PassageType.PARAGRAPH, 1, 35),))
    check_against_corpus([gold_record], [doc], "gold.jsonl")
    other = Document("d", "x" + text.replace("上", "下"), "", doc.passages)
    with pytest.raises(SchemaError, match="field 'text' differs from the corpus passage text"):
        check_against_corpus([gold_record], [other], "gold.jsonl")
    with pytest.raises(SchemaError, match="passage annotated twice"):
        check_against_corpus([gold_record, gold_record], [doc], "gold.jsonl")


def test_statistics_count_per_label_article_and_passage_type(gold_record) -> None:
    text = gold_record.text
    doc = Document("d", text, text, (Passage("d-p01", PassageType.CAPTION, 0, len(text)),))
    stats = statistics([gold_record], [doc])
    assert stats["entities"] == {"total": 1, "by_type": {"GPE": 1}}
    assert stats["claims"]["by_kind"] == {"amount": 1}
    assert stats["claims"]["with_part"] == {"metric": 1, "subject": 1, "time": 1}
    assert stats["by_passage_type"]["caption"] == {
        "passages": 1,
        "characters": len(text),
        "entities": 1,
        "claims": 1,
    }


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
    assert code == 1
    assert err == (
        "annotations statistics: annotations/statistics.json is out of date; "
        "run `silkroad-news annotations statistics`\n"
    )
    assert cli_run("--root", repo_copy, "annotations", "statistics")[0] == 0
    assert cli_run("--root", repo_copy, "annotations", "validate")[0] == 0


def test_every_disagreement_of_the_agreement_study_is_adjudicated(root: Path) -> None:
    from silkroad_news.agreement import disagreements, read_adjudication

    a = read_gold(root / "annotations/agreement/first_annotator.jsonl")
    b = read_gold(root / "annotations/agreement/second_annotator.jsonl")
    decisions = read_adjudication(root / "annotations/agreement/adjudication.md")
    assert set(disagreements(a, b)) == set(decisions)
