"""Tests of silkroad_news.annotations: the gold file (read and written through the record
codec, which tests/test_records.py covers), its checks against the corpus and its statistics."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from silkroad_news.annotations import (
    GOLD_FILE,
    MENTIONS_FILE,
    Pending,
    annotation_to_json,
    check_against_corpus,
    load_gold,
    migrate_gold_v1,
    read_gold,
    read_mentions,
    split_pending,
    statistics,
    write_gold,
    write_mentions,
)
from silkroad_news.records import layer_disagreements, mentions_from_json
from silkroad_news.schema import (
    Document,
    Entity,
    EntityType,
    Passage,
    PassageAnnotation,
    PassageType,
    SchemaError,
)
from silkroad_news.units import schema_v1_unit


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


# ---- schema 1.0 to 2.0 ---------------------------------------------------------------------


def _as_schema_1(record: dict) -> dict:
    """A 2.0 gold record as schema 1.0 wrote it: no ranges, ``count`` for every measure word."""
    claims = []
    for c in record["claims"]:
        c = {k: v for k, v in c.items() if k not in ("low", "high")}
        claims.append({**c, "unit": schema_v1_unit(c["unit"])})
    return {**record, "claims": claims}


def test_migrating_schema_1_gold_gives_the_committed_gold(root: Path) -> None:
    committed = (root / GOLD_FILE).read_text(encoding="utf-8")
    v1 = [_as_schema_1(json.loads(line)) for line in committed.splitlines()]
    assert sum(c["unit"] == "count" for r in v1 for c in r["claims"]) == 44
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in v1).encode()
    assert migrate_gold_v1(data, "gold.v1.jsonl") == committed
    assert migrate_gold_v1(committed.encode(), "gold.jsonl") == committed  # 2.0 stays as it is


def test_migrating_a_small_schema_1_file(gold_record) -> None:
    record = annotation_to_json(gold_record)
    v1 = _as_schema_1(record)
    v1["claims"][0].update(unit="count", unit_text="億元")  # no measure word: cannot migrate
    data = (json.dumps(v1, ensure_ascii=False) + "\n").encode()
    with pytest.raises(SchemaError, match=r"unit_text '億元' of a count is no measure word"):
        migrate_gold_v1(data, "g.jsonl")
    with pytest.raises(SchemaError, match=r"g.jsonl: line 1: expected a gold record"):
        migrate_gold_v1(b'{"claims": 3}\n', "g.jsonl")


def test_importing_the_committed_schema_1_export_gives_the_migrated_gold(
    repo_copy: Path, cli_run, root: Path
) -> None:
    (repo_copy / GOLD_FILE).unlink()
    code, out, err = cli_run("--root", repo_copy, "annotations", "import")
    assert (code, err) == (0, ""), err
    assert out.startswith("annotations import: 83 passages from annotations/labelstudio/")
    assert (repo_copy / GOLD_FILE).read_bytes() == (root / GOLD_FILE).read_bytes()
    export = (root / "annotations/labelstudio/export.json").read_text(encoding="utf-8")
    assert '"from_name": "unit"' in export  # the export is the 1.0 one, kept verbatim


# ---- the number-mention layer ------------------------------------------------------------------


def test_the_committed_mention_layer_is_the_adjudicated_worksheet_reviewed(
    root: Path, tmp_path: Path
) -> None:
    from silkroad_news.worksheet import resolve_mentions_file

    # the review in Label Studio changed no mention; it recorded who reviewed each passage
    layer = resolve_mentions_file(root, root / "annotations/mentions/adjudicated.jsonl")
    committed = read_mentions(root / MENTIONS_FILE)
    write_mentions(tmp_path / "m.jsonl", committed)  # the codec writes the committed bytes
    assert (tmp_path / "m.jsonl").read_bytes() == (root / MENTIONS_FILE).read_bytes()
    assert [replace(r, provenance=None) for r in committed] == list(layer)
    assert {r.provenance.annotator for r in committed} == {"mention-reviewer@silkroad-news.invalid"}
    # the adjudicated pass is the first annotator's worksheet: both decisions went to A
    folder = root / "annotations/mentions"
    assert (folder / "adjudicated.jsonl").read_bytes() == (
        folder / "first_worksheet.jsonl"
    ).read_bytes()


def test_the_mention_agreement_report_is_current_and_fully_adjudicated(
    root: Path, tmp_path: Path
) -> None:
    from silkroad_news.agreement import write_mentions_report

    folder = root / "annotations/mentions"
    command = (
        "silkroad-news annotations agreement --layer mentions "
        "annotations/mentions/first_worksheet.jsonl annotations/mentions/second_worksheet.jsonl "
        "--out annotations/mentions/agreement.md --json annotations/mentions/agreement.json "
        "--adjudication annotations/mentions/adjudication.md"
    )
    ag = write_mentions_report(
        root,
        folder / "first_worksheet.jsonl",
        folder / "second_worksheet.jsonl",
        tmp_path / "agreement.md",
        json_out=tmp_path / "agreement.json",
        adjudication=Path("annotations/mentions/adjudication.md"),
        command=command,
    )
    assert (ag.spans.n_a, ag.spans.n_b, ag.spans.tp) == (160, 160, 158)
    assert set(ag.field_agreement.values()) == {1.0}
    for name in ("agreement.md", "agreement.json"):
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name


def test_the_two_committed_layers_agree(root: Path) -> None:
    state = load_gold(root)
    assert state.pending == {} and len(state.annotations) == len(state.mentions) == 83
    pairs = [(state.annotations[p], state.mentions[p]) for p in state.annotations]
    assert [problem for a, m in pairs for problem in layer_disagreements(a, m)] == []
    values = sum(len(a.claims) for a, _ in pairs)
    claimed = sum(
        (c.value.start, c.value.end) in {(x.start, x.end) for x in m.mentions}
        for a, m in pairs
        for c in a.claims
    )
    assert values == claimed == 77


def test_a_layer_disagreement_is_refused_naming_the_passage(repo_copy: Path, cli_run) -> None:
    path = repo_copy / MENTIONS_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if "564.32億元" in line)
    rec = json.loads(lines[n])
    m = next(x for x in rec["mentions"] if x["text"] == "564.32億元")
    m["approx"] = "about"
    lines[n] = json.dumps(rec, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = cli_run("--root", repo_copy, "annotations", "validate")
    assert code == 2
    assert "annotations/gold.jsonl and annotations/mentions.jsonl: passage " in err
    assert "field 'approx' is 'exact', its mention" in err and "says 'about'" in err


# ---- pending articles --------------------------------------------------------------------------


def test_articles_without_both_layers_are_pending(gold_record) -> None:
    text = gold_record.text
    a = Document("a", text, text, (Passage("a-p01", PassageType.PARAGRAPH, 0, len(text)),))
    b = Document("b", text, text, (Passage("b-p01", PassageType.PARAGRAPH, 0, len(text)),))
    gold_a = replace(gold_record, passage_id="a-p01", doc_id="a")
    layer = mentions_from_json(
        {"passage_id": "a-p01", "doc_id": "a", "text": text, "mentions": [
            {"id": "a-p01-m1", "text": "564.32億元", "start": 15, "end": 23,
             "category": "quantity", "number": 56432000000.0, "low": None, "high": None,
             "unit": "CNY", "unit_text": "億元", "approx": "exact"}], "provenance": None},
        "m",
    )  # fmt: skip
    gold_b = replace(gold_record, passage_id="b-p01", doc_id="b", claims=())
    state = split_pending([a, b], [gold_a, gold_b], [layer])
    assert state.articles == ("a",) and list(state.annotations) == ["a-p01"]
    assert state.pending == {"b": Pending(passages=1, with_gold=1, with_mentions=0)}
    assert state.describe_pending() == [
        "b: 1 passages, 1 with entity/claim gold, 0 with number mentions"
    ]
    with pytest.raises(SchemaError, match=r"passage 'a-p01': claim 'c1' .*no number mention"):
        split_pending([a], [gold_a], [replace(layer, mentions=())])
