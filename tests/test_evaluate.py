"""The evaluation script: validation fixtures, oracles (seqeval, nervaluate, scikit-learn),
bootstrap, reports, the CLI and the CodaLab entry."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkroad_news import bootstrap
from silkroad_news.evaluate import (
    MAIN_SCORE,
    SubmissionError,
    compare,
    estimate,
    evaluate_files,
    figures,
    gold_from_rows,
    parse_jsonl,
    predictions_from_rows,
    read_gold,
    read_predictions,
    render_json,
    render_markdown,
    run_codalab,
    score,
    validate,
)
from silkroad_news.evaluate.inputs import NUMBER_CATEGORIES, Line
from silkroad_news.evaluate.metrics import (
    HEADLINE,
    SEMEVAL_OUTCOMES,
    SEMEVAL_SCHEMES,
    Counts,
    mde,
)
from silkroad_news.files import sha256_file
from silkroad_news.schema import ner_tag_names
from silkroad_news.tags import LabeledSpan, encode

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "evaluate"
GOLD = FIXTURES / "gold"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
TASKS = ("ner", "claims", "numbers")


def gold_path(task: str) -> Path:
    return GOLD / f"{task}.jsonl"


def point(counts: Counts) -> dict[str, float]:
    """Point figures without a bootstrap."""
    figs = figures(counts.task, {k: np.array([v]) for k, v in counts.totals().items()})
    return {k: float(v[0]) for k, v in figs.items()}


# --------------------------------------------------------------------------------------------
# The CLI, through silkroad_news.cli.main (the sub-commands are added if not wired in yet)
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Validation: one invalid file per kind of error, with its message
# --------------------------------------------------------------------------------------------

INVALID_CASES = {
    "ner.empty_file": r"ner\.empty_file\.jsonl: the file is empty$",
    "ner.not_utf8": r"ner\.not_utf8\.jsonl: line 2: bytes that are not UTF-8 at byte offset 81 "
    r"\(ff 22 7d 0a\)",
    "ner.not_json": r"ner\.not_json\.jsonl: line 3: not valid JSON: Expecting value at column 34",
    "ner.not_object": r"line 1: expected a JSON object \{\"id\": \.\.\.\}, got a list",
    "ner.empty_line": r"line 2: empty line; every line must be one JSON object",
    "ner.duplicate_field": r"line 1: field 'id' appears twice",
    "ner.missing_id": r"line 1: missing field 'id'",
    "ner.id_not_string": r"line 1: field 'id' must be a string, got the number 1",
    "ner.unknown_id": r"line 5: id 'doc-z-p01': unknown id; it is not in the gold .*ner\.jsonl "
    r"\(4 rows\)",
    "ner.duplicate_id": r"line 3: id 'doc-a-p01': the id repeats line 1",
    "ner.missing_ids": r"ner\.missing_ids\.jsonl: 1 gold id\(s\) have no line, the first is "
    r"'doc-b-p02'",
    "ner.missing_field": r"line 1: id 'doc-a-p01': missing field 'entities' \(or 'tags'\)",
    "ner.unknown_field": r"line 1: id 'doc-a-p01': unknown field 'score'; allowed: id, entities",
    "ner.entities_not_list": r"id 'doc-a-p01': field 'entities' must be a list, got an object",
    "ner.both_forms": r"line 4: id 'doc-b-p02': give either field 'entities' or 'tags', not both",
    "ner.entity_missing_field": r"id 'doc-a-p01': entities\[0\]: missing field 'type'",
    "ner.entity_unknown_field": r"entities\[0\]: unknown field 'label'; allowed: start, end, "
    r"type, text",
    "ner.offset_not_integer": r"entities\[0\]: field 'start' must be an integer, got 0\.0",
    "ner.offset_boolean": r"entities\[0\]: field 'start' must be an integer, got False",
    "ner.offset_outside": r"entities\[1\]: span \[2, 99\) is empty or outside the text of "
    r"length 25",
    "ner.empty_span": r"entities\[0\]: span \[2, 2\) is empty or outside the text",
    "ner.text_mismatch": r"entities\[0\]: field 'text' is '喀什' but text\[0:2\] is '新疆'$",
    "ner.utf16_offsets": r"line 3: id 'doc-b-p01': entities\[0\]: field 'text' is '𠮷野家' but "
    r"text\[0:4\] is '𠮷野家在' \(offsets count code points",
    "ner.unknown_type": r"entities\[0\]: field 'type' has unknown value 'LOCATION'; expected one "
    r"of: PERSON, ORG, GPE",
    "ner.overlapping_entities": r"entities\[1\]: span \[1, 4\) overlaps entities\[0\] \[0, 2\); "
    r"predicted entities must not overlap",
    "ner.tags_wrong_length": r"line 4: id 'doc-b-p02': field 'tags' has 6 tags but the text has "
    r"7 tokens",
    "ner.unknown_tag": r"line 4: id 'doc-b-p02': tags\[2\]: 'B-LOCATION' is not a BIO tag",
    "ner.i_after_o": r"line 4: id 'doc-b-p02': tags\[3\]: 'I-ORG' follows 'O'; an entity must "
    r"begin with 'B-ORG' \(strict BIO: no repair\)",
    "ner.i_after_other_type": r"line 4: id 'doc-b-p02': tags\[1\]: 'I-ORG' follows 'B-GPE'",
    "ner.tag_float": r"line 1: id 'doc-b-p02': field 'tags': tag 3\.0 at position 5 is a float; "
    r"tags are names or integer class ids \(0\.\.16\)$",
    "ner.tag_bool": r"line 1: id 'doc-b-p02': field 'tags': tag true at position 5 is a boolean; "
    r"tags are names or integer class ids \(0\.\.16\)$",
    "claims.nan_number": r"line 1: id 'doc-a-p01': claims\[0\]: field 'number' must be a finite "
    r"number, got NaN$",
    "claims.infinity_literal": r"claims\[0\]: field 'number' must be a finite number, "
    r"got -Infinity$",
    "claims.number_overflow": r"claims\[0\]: field 'number' must be a finite number, got inf",
    "claims.number_not_number": r"claims\[0\]: field 'number' must be a finite number, got the "
    r"string '56432000000'",
    "claims.unknown_unit": r"claims\[0\]: field 'unit' has unknown value 'yuan'; expected a code "
    r"of the unit inventory 2\.\d such as CNY",
    "claims.unknown_kind": r"claims\[0\]: field 'kind' has unknown value 'total'",
    "claims.unknown_approx": r"claims\[0\]: field 'approx' has unknown value 'more_than'",
    "claims.unknown_direction": r"claims\[0\]: field 'direction' has unknown value 'increase'",
    "claims.unknown_modality": r"claims\[0\]: field 'modality' has unknown value 'hoped'",
    "claims.missing_claim_field": r"claims\[0\]: missing field 'time'",
    "claims.unknown_claim_field": r"claims\[0\]: unknown field 'confidence'",
    "claims.part_not_span": r"claims\[0\]\.metric: expected an object, got the string '进出口总值'",
    "claims.part_text_mismatch": r"claims\[0\]\.subject: field 'text' is '喀什' but text\[0:4\] "
    r"is '喀什地区'",
    "claims.value_outside": r"claims\[0\]\.value: span \[25, 40\) is empty or outside the text "
    r"of length 31",
    "claims.unit_text_not_string": r"claims\[0\]: field 'unit_text' must be a string, got the "
    r"number 100000000",
    # the rule the gold is held to (records.check_reading): a number or else a range
    "claims.low_above_high": r"line 3: id 'doc-b-p01': claims\[0\]: field 'low' \(40\.0\) "
    r"exceeds 'high' \(20\.0\)$",
    "claims.half_range": r"line 3: id 'doc-b-p01': claims\[0\]: field 'number' is null, so "
    r"'low' and 'high' must hold the range$",
    "claims.number_and_range": r"line 1: id 'doc-a-p01': claims\[0\]: fields 'low' and 'high' "
    r"are for a range and must be null when 'number' is set$",
    "claims.no_reading": r"line 2: id 'doc-a-p02': claims\[0\]: field 'number' is null, so "
    r"'low' and 'high' must hold the range$",
    "claims.negative_change_rate": r"line 1: id 'doc-a-p01': claims\[1\]: field 'number' is "
    r"-67\.2, below zero; numbers are magnitudes, never negative \(a claim says a decline with "
    r"direction 'down'",
    "claims.duplicate_value": r"claims\[1\]\.value: span \[12, 20\) is also the value of "
    r"claims\[0\]; one claim per value span",
    "numbers.unknown_category": r"line 2: id 'doc-a-p01': mentions\[0\]: field 'category' has "
    r"unknown value 'money'; expected one of: quantity, date, time, duration",
    "numbers.reading_on_date": r"line 1: id 'doc-a-p02': mentions\[0\]: field 'number' must be "
    r"null for category 'date'; only quantity and duration mentions are read",
    "numbers.unknown_unit": r"mentions\[0\]: field 'unit' has the string 'yuan', which is no code "
    r"of the unit inventory",
    "numbers.half_range": r"mentions\[3\]: field 'number' is null, so 'low' and 'high' must "
    r"hold the range$",
    "numbers.low_above_high": r"mentions\[3\]: field 'low' \(6\.0\) exceeds 'high' \(5\.0\)$",
    "numbers.number_and_range": r"line 1: id 'doc-a-p02': mentions\[3\]: fields 'low' and "
    r"'high' are for a range and must be null when 'number' is set$",
    "numbers.negative_low": r"line 1: id 'doc-a-p02': mentions\[3\]: field 'low' is -3\.0, "
    r"below zero; only a mention of a unit of currency, index_points, ratio, temperature may "
    r"be negative",
    "numbers.overlapping_mentions": r"line 3: id 'doc-b-p01': mentions\[1\]: span \[6, 10\) "
    r"overlaps mentions\[0\] \[4, 16\); mentions must not overlap",
    "numbers.missing_mention_field": r"line 2: id 'doc-a-p01': mentions\[1\]: missing field "
    r"'claim'",
    "numbers.text_mismatch": r"line 1: id 'doc-a-p02': field 'text' differs from the gold text",
    "numbers.kind_in_prediction": r"mentions\[0\]: unknown field 'kind'; allowed: start, end, "
    r"category",
    "numbers.fold_under_test": r"line 3: id 'doc-b-p01': field 'fold' belongs to protocol cv",
    "numbers.claim_not_bool": r"mentions\[0\]: field 'claim' must be true or false, got the "
    r"string 'yes'",
}


def test_every_invalid_fixture_has_a_case() -> None:
    assert sorted(p.name.removesuffix(".jsonl") for p in INVALID.iterdir()) == sorted(INVALID_CASES)


@pytest.mark.parametrize("case", sorted(INVALID_CASES))
def test_invalid_fixture_message(case: str) -> None:
    task = case.split(".")[0]
    gold = read_gold(task, gold_path(task))
    path = INVALID / f"{case}.jsonl"
    with pytest.raises(SubmissionError, match=INVALID_CASES[case]) as info:
        read_predictions(gold, path)
    assert str(info.value).startswith(f"{path}: ")  # every message names the file first


@pytest.mark.parametrize("case", sorted(INVALID_CASES))
def test_invalid_fixture_through_the_cli(cli_run, case: str) -> None:
    task = case.split(".")[0]
    path = INVALID / f"{case}.jsonl"
    code, out, err = cli_run(
        "evaluate", "--task", task, "--predictions", path, "--gold", gold_path(task)
    )
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("silkroad-news: error: ")
    assert re.search(INVALID_CASES[case].removesuffix("$"), err)


def test_valid_fixtures_validate(cli_run) -> None:
    for task in TASKS:
        code, out, err = cli_run(
            "evaluate",
            "--task",
            task,
            "--predictions",
            VALID / f"{task}.jsonl",
            "--gold",
            gold_path(task),
            "--validate-only",
        )
        assert (code, err) == (0, "")
        assert f"valid {task} predictions for all" in out


def _valid_lines(task: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (VALID / f"{task}.jsonl").read_text("utf-8").splitlines()]


def _validate_edited(task: str, line: int, item: int, **fields: Any) -> None:
    """Validate the valid fixture with ``fields`` set on one claim or mention of one line."""
    rows = _valid_lines(task)
    rows[line]["claims" if task == "claims" else "mentions"][item].update(fields)
    predictions_from_rows(read_gold(task, gold_path(task)), rows, "p.jsonl")


@pytest.mark.parametrize(
    ("reading", "refused"),
    [
        ({"number": 30.0}, None),
        ({"number": None, "low": 20.0, "high": 40.0}, None),
        ({"number": None, "low": 30.0, "high": 30.0}, None),
        ({"number": 30.0, "low": 20.0, "high": 40.0}, "must be null when 'number' is set"),
        ({"number": 30.0, "high": 40.0}, "must be null when 'number' is set"),
        ({"number": None}, "'number' is null, so 'low' and 'high' must hold the range"),
        ({"number": None, "high": 40.0}, "'number' is null, so 'low' and 'high' must hold"),
    ],
)
def test_a_claim_reads_one_number_or_else_a_range(reading: dict[str, Any], refused: str | None):
    # the rule of the gold (records.check_reading), held to the predictions as it stands
    if refused is None:
        _validate_edited("claims", 2, 0, **reading)
        return
    with pytest.raises(SubmissionError, match=r"^p\.jsonl: line 3: id 'doc-b-p01': claims\[0\]: "):
        _validate_edited("claims", 2, 0, **reading)
    with pytest.raises(SubmissionError, match=re.escape(refused)):
        _validate_edited("claims", 2, 0, **reading)


@pytest.mark.parametrize("kind", ["amount", "count", "change_rate", "share", "difference"])
@pytest.mark.parametrize("field", ["number", "low", "high"])
def test_no_claim_number_is_negative_whatever_its_kind(kind: str, field: str) -> None:
    # guidelines, section 2: the number is a magnitude, a decline is direction 'down'; the gold
    # refuses a negative number of any kind (records.check_reading), so predictions do too
    reading = {"number": 30.0} if field == "number" else {"number": None, "low": 2.0, "high": 3.0}
    _validate_edited("claims", 2, 0, kind=kind, direction="down", **reading)
    zero = {"low": 0.0} if field == "high" else {}  # zero is a magnitude too; low <= high
    _validate_edited("claims", 2, 0, kind=kind, direction="down", **{**reading, **zero, field: 0.0})
    with pytest.raises(SubmissionError, match=rf"claims\[0\]: field '{field}' is -2\.0, below"):
        _validate_edited("claims", 2, 0, kind=kind, direction="down", **{**reading, field: -2.0})


@pytest.mark.parametrize(("task", "item"), [("claims", 0), ("numbers", 3)])
@pytest.mark.parametrize("field", ["number", "low", "high"])
@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_no_reading_is_nan_or_infinite(task: str, item: int, field: str, literal: str) -> None:
    # JSON as Python's json reads it accepts NaN and Infinity; the scorer never does
    rows = _valid_lines(task)
    rows[0]["claims" if task == "claims" else "mentions"][item][field] = "@"
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    lines = parse_jsonl(data.replace('"@"', literal).encode(), "p.jsonl")
    with pytest.raises(SubmissionError, match=rf"\[{item}\]: field '{field}' must be a finite "):
        validate(read_gold(task, gold_path(task)), lines, "p.jsonl")


def test_a_predicted_mention_may_leave_its_reading_out_but_not_half_of_it() -> None:
    # span and category are scored apart from the reading: a quantity predicted unread is valid
    _validate_edited("numbers", 0, 3, number=None, low=None, high=None, unit=None, approx=None)
    _validate_edited("numbers", 0, 3, number=None, low=None, high=None)
    with pytest.raises(SubmissionError, match=r"mentions\[3\]: field 'number' is null, so 'low'"):
        _validate_edited("numbers", 0, 3, number=None, low=3.0, high=None)


def test_lines_are_aligned_by_id_not_order() -> None:
    gold = read_gold("ner", gold_path("ner"))
    lines = parse_jsonl((VALID / "ner.jsonl").read_bytes(), "a.jsonl")
    reordered = [Line("b.jsonl", i, ln.obj) for i, ln in enumerate(reversed(lines), 1)]
    a = score(gold, read_predictions(gold, VALID / "ner.jsonl"))
    b = score(gold, predictions_from_rows(gold, [ln.obj for ln in reordered]))
    assert a.totals() == b.totals()
    assert np.array_equal(a.values, b.values)


# --------------------------------------------------------------------------------------------
# Gold checks
# --------------------------------------------------------------------------------------------


def _rows(task: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in gold_path(task).read_text(encoding="utf-8").splitlines()]


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _as_parquet(task: str, path: Path) -> Path:
    """The gold as the dataset builder writes it: Parquet with ClassLabel ids."""
    rows = _rows(task)
    if task == "ner":
        names = ner_tag_names()
        for r in rows:
            r["ner_tags"] = [names.index(t) for t in r["ner_tags"]]
    if task == "numbers":
        for r in rows:
            for m in r["mentions"]:
                m["category"] = NUMBER_CATEGORIES.index(m["category"])
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


@pytest.mark.parametrize("task", TASKS)
def test_parquet_gold_scores_like_jsonl_gold(tmp_path: Path, task: str) -> None:
    parquet = _as_parquet(task, tmp_path / f"{task}.parquet")
    a = evaluate_files(task, VALID / f"{task}.jsonl", gold=gold_path(task), resamples=50)
    b = evaluate_files(task, VALID / f"{task}.jsonl", gold=parquet, resamples=50)
    assert a["metrics"] == b["metrics"]
    assert b["gold"] == {
        "file": f"{task}.parquet",
        "sha256": sha256_file(parquet),
        "rows": a["gold"]["rows"],
        "passages": a["gold"]["passages"],
    }


def _gold_error(tmp_path: Path, task: str, rows: list[dict[str, Any]], match: str) -> None:
    path = _write_jsonl(tmp_path / f"{task}.jsonl", rows)
    with pytest.raises(SubmissionError, match=match):
        read_gold(task, path)


def test_gold_refusals(tmp_path: Path) -> None:
    rows = _rows("ner")
    rows[0]["ner_tags"][1] = "I-ORG"
    _gold_error(tmp_path, "ner", rows, r"line 1: id 'doc-a-p01': ner_tags\[1\]: 'I-ORG' follows")
    rows = _rows("ner")
    rows[1]["tokens"] = rows[1]["tokens"][:-1]
    _gold_error(tmp_path, "ner", rows, r"line 2: .*field 'tokens' must be the characters")
    rows = _rows("ner")
    rows[0]["ner_tags"][0] = 99
    _gold_error(tmp_path, "ner", rows, r"ner_tags\[0\]: the number 99 is neither a tag")
    rows = _rows("ner")
    rows[2]["id"] = rows[0]["id"]
    _gold_error(tmp_path, "ner", rows, r"line 3: id 'doc-a-p01': the id repeats line 1")
    rows = _rows("claims")
    rows[0]["claims"][0]["value"]["text"] = "564亿元"
    _gold_error(tmp_path, "claims", rows, r"line 1: id 'doc-a-p01': claims\[0\]\.value: field")
    rows = _rows("claims")
    del rows[0]["claims"][0]["unit_text"]
    _gold_error(tmp_path, "claims", rows, r"claims\[0\]: missing field 'unit_text'")
    rows = _rows("numbers")
    rows[0]["mentions"][0]["category"] = "amount"
    _gold_error(tmp_path, "numbers", rows, r"line 1: .*field 'category' has unknown value 'amount'")
    rows = _rows("numbers")
    rows[1]["mentions"][0]["claim"] = True  # a date
    _gold_error(tmp_path, "numbers", rows, r"line 2: .*only a quantity can be a claim's VALUE")
    rows = _rows("numbers")
    rows[1]["mentions"][1]["approx"] = None
    _gold_error(tmp_path, "numbers", rows, r"mentions\[1\]: a quantity mention needs 'approx'")
    rows = _rows("numbers")
    rows[1]["mentions"][1]["kind"] = "total"
    _gold_error(tmp_path, "numbers", rows, r"mentions\[1\]: field 'kind' has unknown")
    rows = [
        {k: v for k, v in r.items() if k != "mentions"} | {"label": 0} for r in _rows("numbers")
    ]
    _gold_error(tmp_path, "numbers", rows, r"missing field 'mentions' \(this is the schema-1")
    rows = _rows("ner")
    rows[1]["fold"] = 7
    _gold_error(
        tmp_path, "ner", rows, r"line 2: id 'doc-a-p02': field 'fold' must be a fold 0\.\.4"
    )
    rows = _rows("ner")
    rows[2]["id"] = rows[0]["id"]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "dup.parquet")
    expected = r"dup\.parquet: row 2: id 'doc-a-p01': the id repeats row 0"
    with pytest.raises(SubmissionError, match=expected):
        read_gold("ner", tmp_path / "dup.parquet")
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(SubmissionError, match=r"bad\.parquet: not a readable Parquet file"):
        read_gold("ner", tmp_path / "bad.parquet")
    (tmp_path / "gold.csv").write_text("id\n", "utf-8")
    with pytest.raises(SubmissionError, match=r"gold must be a \.parquet or \.jsonl file"):
        read_gold("ner", tmp_path / "gold.csv")


def test_default_gold_location(tmp_path: Path, cli_run) -> None:
    args = ["evaluate", "--task", "ner", "--predictions", VALID / "ner.jsonl"]
    code, _, err = cli_run("--root", tmp_path, *args)
    assert code == 2
    assert "no splits/ folder, so this is not the SilkRoad-News dataset: run the command in " in err
    assert "point --root at it" in err and "--gold FILE" in err
    (tmp_path / "splits" / "ner").mkdir(parents=True)
    code, _, err = cli_run("--root", tmp_path, *args)
    assert re.search(r"splits/ner/test\.parquet: file not found \(no \.jsonl either\)", err)
    gold = _as_parquet("ner", tmp_path / "splits" / "ner" / "test.parquet")
    code, _, err = cli_run("--root", tmp_path, *args)
    assert code == 2 and "SHA256SUMS: file not found" in err  # the manifest is checked
    sums = tmp_path / "splits" / "SHA256SUMS"
    sums.write_text(f"{sha256_file(gold)}  splits/ner/test.parquet\n", "utf-8")
    code, out, err = cli_run("--root", tmp_path, *args)
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["gold"]["file"] == "test.parquet" and result["split"] == "test"
    assert "unseen.f1" not in result["metrics"]  # no training split: no unseen figures
    assert result["notes"][0].startswith("unseen.* not computed: this gold came without its")
    # --root after the sub-command works too, and wins over the global one.
    code, out2, _ = cli_run("--root", tmp_path / "nowhere", *args, "--root", tmp_path)
    assert (code, out2) == (0, out)
    # A file that differs from the manifest is never scored: the dataset is half-built.
    sums.write_text(f"{'0' * 64}  splits/ner/test.parquet\n", "utf-8")
    code, _, err = cli_run("--root", tmp_path, *args)
    assert code == 2
    assert re.search(r"splits/ner/test\.parquet: SHA-256 \w+… differs from 000000000000… in ", err)
    assert "half-built or edited by hand; rebuild it" in err


# --------------------------------------------------------------------------------------------
# Golden numbers on the fixtures (worked out by hand, see the comments)
# --------------------------------------------------------------------------------------------


def test_ner_fixture_numbers() -> None:
    gold = read_gold("ner", gold_path("ner"))
    counts = score(gold, read_predictions(gold, VALID / "ner.jsonl"))
    tot = counts.totals()
    # Gold: 新疆 GPE, 喀什地区 GPE, 中欧班列 PRODUCT, 霍尔果斯口岸 FAC, 阿拉木图 GPE, 𠮷野家 ORG,
    # 阿拉山口综合保税区 FAC. Predicted: 新疆 ✓, 喀什 (inside 喀什地区), 中欧班列 ✓,
    # 霍尔果斯口岸 as GPE, 𠮷野家 ✓, 阿拉山口综合保税区 ✓, 实体 ORG (spurious).
    semeval = {
        s: [tot[f"semeval.{s}.{o}"] for o in SEMEVAL_OUTCOMES] for s in SEMEVAL_SCHEMES
    }  # correct, incorrect, partial, missed, spurious
    assert semeval == {
        "strict": [4, 2, 0, 1, 1],
        "exact": [5, 1, 0, 1, 1],
        "partial": [5, 0, 1, 1, 1],
        "ent_type": [5, 1, 0, 1, 1],
    }
    figs = point(counts)
    assert figs["precision"] == figs["recall"] == figs["f1"] == 4 / 7
    assert figs["semeval.partial.precision"] == pytest.approx(5.5 / 7)
    assert figs["type.GPE.f1"] == pytest.approx(1 / 3)
    assert figs["type.PERSON.f1"] == 0.0


def test_claims_fixture_numbers() -> None:
    gold = read_gold("claims", gold_path("claims"))
    tot = score(gold, read_predictions(gold, VALID / "claims.jsonl")).totals()
    # Claim 1 is right in every field (56432000000 written as an integer). Claim 2 has the
    # wrong direction and no TIME; the 2000多列 claim has the wrong approx and, like the gold,
    # no METRIC (null == null agrees); 约30家 is predicted as 30家, so it is missed.
    assert tot["value.tp"] == 3 and tot["value.pred"] == 4 and tot["value.gold"] == 4
    assert tot["number.correct"] == 3 and tot["direction.correct"] == 2
    assert tot["approx.correct"] == 2
    assert (tot["time.tp"], tot["time.pred"], tot["time.gold"], tot["time.agree"]) == (2, 2, 4, 2)
    assert (tot["metric.tp"], tot["metric.pred"], tot["metric.gold"]) == (2, 2, 3)
    assert tot["metric.agree"] == 3
    assert tot["claim.tp"] == 1


def test_numbers_fixture_numbers() -> None:
    gold = read_gold("numbers", gold_path("numbers"))
    tot = score(gold, read_predictions(gold, VALID / "numbers.jsonl")).totals()
    # Gold: 564.32亿元 and 67.2% (claims), 2023年10月18日 (date), 2000多列 (claim, at least),
    # 两天 (duration), 约3至5家 (a range), 400-0123-021 (phone), 第三届 (ordinal). Predicted:
    # 564.32亿元 right, 67.2% right but not a claim, 2023年10月 (a wrong span), 2000多列 with
    # approx exact, 两天 as a quantity, 约3至5家 counted in 个, the phone right, no ordinal.
    assert (tot["span.tp"], tot["span.pred"], tot["span.gold"]) == (6, 7, 8)
    assert tot["tp.quantity"] + tot["tp.phone"] == 5  # span and category
    assert tot["normalized.tp"] == 3  # 564.32亿元, 67.2% (claim is no field), the phone
    assert (tot["read.matched"], tot["read.pred"], tot["read.gold"]) == (5, 5, 5)
    assert [tot[f"{f}.tp"] for f in ("number", "low", "high", "unit", "approx")] == [5, 5, 5, 4, 4]
    assert (tot["claim.tp"], tot["claim.pred"], tot["claim.gold"]) == (2, 2, 3)
    figs = point(score(gold, read_predictions(gold, VALID / "numbers.jsonl")))
    assert figs["normalized.f1"] == pytest.approx(2 * 3 / (7 + 8))
    assert figs["span.f1"] == pytest.approx(2 * 6 / 15)
    assert figs["category.f1"] == pytest.approx(2 * 5 / 15)
    assert figs["unit.accuracy"] == pytest.approx(figs["unit.f1"]) == 0.8
    assert figs["number.f1"] == 1.0
    assert (figs["claim.precision"], figs["claim.recall"]) == (1.0, 2 / 3)
    assert figs["category.duration.recall"] == 0.0 and figs["category.quantity.precision"] == 0.8
    assert gold.n_units == 3


def _mention(start: int, end: int, category: str, **reading: Any) -> dict[str, Any]:
    read = {"number": None, "low": None, "high": None, "unit": None, "approx": None}
    return {"start": start, "end": end, "category": category, "claim": False, **read, **reading}


def _numbers_case(gold_mentions: list[dict[str, Any]], pred_mentions: list[dict[str, Any]]):
    text = "段" * 40
    spans = [{"unit_text": "", **m, "text": text[m["start"] : m["end"]]} for m in gold_mentions]
    rows = [{"id": "p", "doc_id": "d", "text": text, "mentions": spans}]
    gold = gold_from_rows("numbers", [Line("g", 1, {**r}) for r in rows])
    preds = predictions_from_rows(gold, [{"id": "p", "mentions": pred_mentions}])
    return point(score(gold, preds))


QUANTITY = {"number": 5.0, "unit": "CNY", "approx": "exact", "unit_text": "元"}


def test_numbers_perfect_empty_and_one_wrong_unit() -> None:
    gold = [
        _mention(0, 3, "quantity", claim=True, **QUANTITY),
        _mention(4, 6, "date", unit_text=""),
        _mention(8, 12, "quantity", **{**QUANTITY, "number": None, "low": 3.0, "high": 5.0}),
        _mention(14, 16, "duration", number=2.0, unit="d", approx="about", unit_text="天"),
    ]
    strip = [{k: v for k, v in m.items() if k != "unit_text"} for m in gold]
    perfect = _numbers_case(gold, strip)
    assert all(perfect[f"{n}.f1"] == 1.0 for n in ("normalized", "span", "category", "claim"))
    empty = _numbers_case(gold, [])
    assert all(empty[f"{n}.f1"] == 0.0 for n in ("normalized", "span", "category", "claim"))
    wrong_unit = [*strip[:2], {**strip[2], "unit": "count:家"}, strip[3]]
    one = _numbers_case(gold, wrong_unit)
    assert one["normalized.f1"] == 0.75  # 3 of 4 mentions right
    for name in ("span.f1", "category.f1", "claim.f1", "number.f1", "approx.f1"):
        assert one[name] == perfect[name], name  # unchanged: only the unit is wrong
    assert one["unit.f1"] == 2 / 3
    # The claim figure is independent of the reading: a claim mention with every field wrong
    # still counts for it, and a missed claim lowers claim recall alone.
    wrong_reading = [{**strip[0], "number": 6.0, "unit": "%"}, *strip[1:]]
    assert _numbers_case(gold, wrong_reading)["claim.f1"] == 1.0
    not_claim = [{**strip[0], "claim": False}, *strip[1:]]
    assert _numbers_case(gold, not_claim)["claim.recall"] == 0.0
    assert _numbers_case(gold, not_claim)["normalized.f1"] == 1.0


def _random_mentions(rng: np.random.Generator) -> list[dict[str, Any]]:
    out, pos = [], int(rng.integers(0, 3))
    while pos < 38:
        end = min(40, pos + int(rng.integers(1, 4)))
        category = NUMBER_CATEGORIES[int(rng.integers(len(NUMBER_CATEGORIES)))]
        if category in ("quantity", "duration"):
            reading = {
                "number": float(rng.integers(1, 4)),
                "unit": ["CNY", "%", "count:家"][int(rng.integers(3))],
                "approx": ["exact", "about"][int(rng.integers(2))],
            }
            claim = category == "quantity" and bool(rng.random() < 0.5)
            out.append(_mention(pos, end, category, claim=claim, **reading))
        else:
            out.append(_mention(pos, end, category))
        pos = end + int(rng.integers(0, 4))
    return out


def _jiggle(rng: np.random.Generator, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A system output: kept, dropped, moved, recategorized, misread, reclassified mentions."""
    out = []
    for m in mentions:
        r = rng.random()
        if r < 0.1:
            continue
        m = dict(m)
        if r < 0.2:
            m["end"] = max(m["start"] + 1, m["end"] - 1)
        elif r < 0.3 and m["number"] is not None:
            m["number"] += 1
        elif r < 0.4 and m["unit"] is not None:
            m["unit"] = "pp"
        elif r < 0.5:
            m["claim"] = not m["claim"]
        elif r < 0.55:
            m = _mention(m["start"], m["end"], "identifier")
        out.append(m)
    return out


def test_numbers_counts_equal_a_set_oracle_on_random_data() -> None:
    """Span, span+category and normalized true positives equal the sizes of set
    intersections of (span), (span, category) and (span, category, reading) tuples."""
    rng = np.random.default_rng(13)
    for _ in range(300):
        g = _random_mentions(rng)
        p = _jiggle(rng, g)
        figs = _numbers_case(g, p)

        def keyed(ms, fields):
            return {tuple(m[f] for f in fields) for m in ms}

        for name, fields in (
            ("span", ("start", "end")),
            ("category", ("start", "end", "category")),
            ("normalized", ("start", "end", "category", "number", "low", "high", "unit", "approx")),
        ):
            tp = len(keyed(g, fields) & keyed(p, fields))
            f1 = 2 * tp / (len(g) + len(p)) if g or p else 0.0
            assert figs[f"{name}.f1"] == pytest.approx(f1, abs=1e-12), name
        claims_g = {(m["start"], m["end"]) for m in g if m["claim"]}
        claims_p = {(m["start"], m["end"]) for m in p if m["claim"]}
        spans_g, spans_p = keyed(g, ("start", "end")), keyed(p, ("start", "end"))
        tp = len(claims_g & claims_p)
        pred, gold = len(claims_p & spans_g), len(claims_g & spans_p)
        assert figs["claim.precision"] == (tp / pred if pred else 0.0)
        assert figs["claim.recall"] == (tp / gold if gold else 0.0)


def _claims_gold_and_pred(number: float, **pred_fields: Any):
    text = "出口额为15亿元。"
    gold_claim = {
        "value": {"start": 4, "end": 8, "text": "15亿元"},
        "number": 1.5e9,
        "unit": "CNY",
        "unit_text": "亿元",
        "kind": "amount",
        "approx": "exact",
        "direction": "none",
        "modality": "actual",
        "metric": {"start": 0, "end": 3, "text": "出口额"},
        "subject": None,
        "time": None,
    }
    gold = gold_from_rows(
        "claims", [Line("g", 1, {"id": "p", "doc_id": "d", "text": text, "claims": [gold_claim]})]
    )
    pred_claim = {k: v for k, v in gold_claim.items() if k != "unit_text"}
    pred_claim.update(number=number, **pred_fields)
    return gold, predictions_from_rows(gold, [{"id": "p", "claims": [pred_claim]}])


def test_claim_number_tolerance_and_null_parts() -> None:
    gold, pred = _claims_gold_and_pred(1500000000.0000002)
    tot = score(gold, pred).totals()
    assert tot["number.correct"] == 1 and tot["claim.tp"] == 1
    # Null SUBJECT and TIME on both sides: agreement, but no span to count.
    assert (tot["subject.tp"], tot["subject.pred"], tot["subject.gold"]) == (0, 0, 0)
    assert tot["subject.agree"] == tot["time.agree"] == 1
    gold, pred = _claims_gold_and_pred(1.49e9)
    assert score(gold, pred).totals()["number.correct"] == 0
    # A predicted part where the gold has none: a false positive and a disagreement.
    gold, pred = _claims_gold_and_pred(1.5e9, time={"start": 0, "end": 3})
    tot = score(gold, pred).totals()
    assert (tot["time.tp"], tot["time.pred"], tot["time.agree"], tot["claim.tp"]) == (0, 1, 0, 0)


# --------------------------------------------------------------------------------------------
# Oracles on random data
# --------------------------------------------------------------------------------------------

TYPES = ("ORG", "GPE", "FAC", "PRODUCT", "PERSON")


def _random_spans(rng: np.random.Generator, length: int) -> list[LabeledSpan]:
    spans, pos = [], int(rng.integers(0, 4))
    while pos < length:
        end = min(length, pos + int(rng.integers(1, 7)))
        spans.append(LabeledSpan(pos, end, TYPES[int(rng.integers(len(TYPES)))]))
        pos = end + int(rng.integers(0, 5))  # adjacent entities happen too
    return spans


def _perturb(rng: np.random.Generator, spans: list[LabeledSpan], length: int) -> list[LabeledSpan]:
    """A plausible system output: kept, dropped, retyped, shifted, split or spurious spans."""
    out = []
    for s in spans:
        r = rng.random()
        if r < 0.5:
            out.append(s)
        elif r < 0.6:
            continue
        elif r < 0.72:
            out.append(s._replace(label=TYPES[int(rng.integers(len(TYPES)))]))
        elif r < 0.9:
            start = min(max(0, s.start + int(rng.integers(-2, 3))), length - 1)
            end = max(start + 1, min(length, s.end + int(rng.integers(-2, 3))))
            out.append(LabeledSpan(start, end, s.label))
        elif s.end - s.start > 1:
            mid = int(rng.integers(s.start + 1, s.end))
            out += [s._replace(end=mid), s._replace(start=mid)]
    out += _random_spans(rng, length)[: int(rng.integers(0, 3))]
    kept: list[LabeledSpan] = []
    for s in sorted(out):  # drop overlaps: predictions must not overlap
        if not kept or s.start >= kept[-1].end:
            kept.append(s)
    return kept


def _random_case(rng: np.random.Generator):
    """Gold rows and prediction rows (both forms) with their span lists."""
    gold_rows, pred_rows, gold_spans, pred_spans = [], [], [], []
    for i in range(int(rng.integers(1, 7))):
        length = int(rng.integers(0, 40))
        chars = [chr(0x4E00 + int(k)) for k in rng.integers(0, 2000, size=length)]
        if length and rng.random() < 0.2:
            chars[int(rng.integers(length))] = "𠮷"
        text = "".join(chars)
        g = _random_spans(rng, length)
        p = _perturb(rng, g, length) if length else []
        rid = f"p{i}"
        gold_rows.append(
            {"id": rid, "doc_id": "d", "text": text, "tokens": chars, "ner_tags": encode(g, length)}
        )
        if rng.random() < 0.5:
            pred_rows.append({"id": rid, "tags": encode(p, length)})
        else:
            ents = [{"start": s.start, "end": s.end, "type": s.label} for s in p]
            pred_rows.append({"id": rid, "entities": ents[::-1]})  # order must not matter
        gold_spans.append(g)
        pred_spans.append(p)
    gold = gold_from_rows("ner", [Line("gold", i, r) for i, r in enumerate(gold_rows, 1)])
    return gold, predictions_from_rows(gold, pred_rows), gold_spans, pred_spans


def test_ner_equals_seqeval_strict_on_1000_random_pairs() -> None:
    from seqeval.metrics import classification_report, f1_score, precision_score, recall_score
    from seqeval.scheme import IOB2
    from sklearn.exceptions import UndefinedMetricWarning

    rng = np.random.default_rng(20240601)
    for _ in range(1000):
        gold, preds, g_spans, p_spans = _random_case(rng)
        figs = point(score(gold, preds))
        y_true = [encode(s, len(t)) for s, t in zip(g_spans, gold.texts, strict=True)]
        y_pred = [encode(s, len(t)) for s, t in zip(p_spans, gold.texts, strict=True)]
        opts: dict[str, Any] = {"mode": "strict", "scheme": IOB2}
        with warnings.catch_warnings():
            # seqeval warns (and returns 0) where there is nothing to divide by.
            warnings.simplefilter("ignore", UndefinedMetricWarning)
            assert figs["f1"] == f1_score(y_true, y_pred, **opts)
            assert figs["precision"] == precision_score(y_true, y_pred, **opts)
            assert figs["recall"] == recall_score(y_true, y_pred, **opts)
            if not any(g_spans) and not any(p_spans):
                continue  # seqeval's report has no rows to show
            report = classification_report(y_true, y_pred, output_dict=True, **opts)
        for t in TYPES:
            if t in report:
                assert figs[f"type.{t}.precision"] == report[t]["precision"]
                assert figs[f"type.{t}.recall"] == report[t]["recall"]
                assert figs[f"type.{t}.f1"] == report[t]["f1-score"]
            else:
                assert figs[f"type.{t}.f1"] == 0.0
        assert figs["f1"] == report["micro avg"]["f1-score"]
        assert figs["macro_f1"] == pytest.approx(report["macro avg"]["f1-score"], abs=1e-12)
        # SemEval's strict scheme counts the same matches as seqeval's strict mode.
        assert figs["semeval.strict.f1"] == pytest.approx(figs["f1"], abs=1e-12)


def test_ner_semeval_equals_nervaluate_on_1000_random_pairs() -> None:
    import nervaluate

    rng = np.random.default_rng(7)
    for _ in range(1000):
        gold, preds, g_spans, p_spans = _random_case(rng)
        tot = score(gold, preds).totals()
        figs = point(score(gold, preds))

        def docs(spans):
            # nervaluate's ends are inclusive
            return [
                [{"label": s.label, "start": s.start, "end": s.end - 1} for s in d] for d in spans
            ]

        result = nervaluate.Evaluator(
            docs(g_spans), docs(p_spans), tags=list(TYPES), loader="dict"
        ).evaluate()["overall"]
        for scheme in SEMEVAL_SCHEMES:
            if scheme not in result:  # no entity at all on either side
                assert all(tot[f"semeval.{scheme}.{o}"] == 0 for o in SEMEVAL_OUTCOMES)
                continue
            ref = result[scheme]
            assert [tot[f"semeval.{scheme}.{o}"] for o in SEMEVAL_OUTCOMES] == [
                ref.correct,
                ref.incorrect,
                ref.partial,
                ref.missed,
                ref.spurious,
            ], scheme
            assert figs[f"semeval.{scheme}.precision"] == pytest.approx(ref.precision, abs=1e-12)
            assert figs[f"semeval.{scheme}.recall"] == pytest.approx(ref.recall, abs=1e-12)
            assert figs[f"semeval.{scheme}.f1"] == pytest.approx(ref.f1, abs=1e-12)


def test_counts_add_up() -> None:
    rng = np.random.default_rng(11)
    for _ in range(50):
        gold, preds, *_ = _random_case(rng)
        whole = score(gold, preds)
        k = len(gold.ids) // 2
        parts = [(0, k), (k, len(gold.ids))]
        halves = [Counts("ner", whole.columns, whole.values[a:b]) for a, b in parts]
        assert (halves[0] + halves[1]).totals() == whole.totals()


# --------------------------------------------------------------------------------------------
# Bootstrap
# --------------------------------------------------------------------------------------------


def _large_case(seed: int = 5):
    rng = np.random.default_rng(seed)
    cases = [_random_case(rng) for _ in range(40)]
    rows, preds = [], []
    for c, (gold, _, g_spans, p_spans) in enumerate(cases):
        for i, rid in enumerate(gold.ids):
            text = gold.texts[i]
            rows.append(
                {
                    "id": f"c{c}-{rid}",
                    "doc_id": "d",
                    "text": text,
                    "tokens": list(text),
                    "ner_tags": encode(g_spans[i], len(text)),
                }
            )
            preds.append({"id": f"c{c}-{rid}", "tags": encode(p_spans[i], len(text))})
    gold = gold_from_rows("ner", [Line("gold", i, r) for i, r in enumerate(rows, 1)])
    return gold, predictions_from_rows(gold, preds)


def test_bootstrap_is_deterministic_and_contains_the_point() -> None:
    gold, preds = _large_case()
    counts = score(gold, preds)
    a = estimate(counts, gold, seed=0, resamples=300)
    b = estimate(counts, gold, seed=0, resamples=300)
    c = estimate(counts, gold, seed=1, resamples=300)
    assert a == b
    assert a != c
    assert {k: v.value for k, v in a.items()} == {k: v.value for k, v in c.items()}
    for name in HEADLINE["ner"]:
        assert a[name].low <= a[name].value <= a[name].high, name
        assert a[name].low < a[name].high, name


@pytest.mark.parametrize("task", TASKS)
def test_fixture_intervals_contain_the_point(task: str) -> None:
    result = evaluate_files(task, VALID / f"{task}.jsonl", gold=gold_path(task))
    for name, e in result["metrics"].items():
        assert e["low"] <= e["value"] <= e["high"], name


def test_resample_totals_equal_resampling_by_index() -> None:
    rng = np.random.default_rng(0)
    counts = rng.integers(0, 5, size=(30, 4))
    got = bootstrap.resample_totals(counts, 200, seed=42)
    idx = np.random.default_rng(42).integers(0, 30, size=(200, 30))
    assert np.array_equal(got, counts[idx].sum(axis=1))
    with pytest.raises(ValueError, match="zero units"):
        bootstrap.resample_totals(np.zeros((0, 2)), 10, 0)


def _one_entity_per_passage(found: int, n: int = 10) -> tuple[Any, Any]:
    """``n`` passages with one GPE each; the system finds those of the first ``found``."""
    rows = [
        {
            "id": f"p{k}",
            "doc_id": "d",
            "text": "喀什开放。",
            "tokens": list("喀什开放。"),
            "ner_tags": ["B-GPE", "I-GPE", "O", "O", "O"],
        }
        for k in range(n)
    ]
    gold = gold_from_rows("ner", [Line("gold", i, r) for i, r in enumerate(rows, 1)])
    preds = [
        {"id": r["id"], "entities": [{"start": 0, "end": 2, "type": "GPE"}] if k < found else []}
        for k, r in enumerate(rows)
    ]
    return gold, score(gold, predictions_from_rows(gold, preds))


def test_standard_error_is_the_standard_deviation_of_the_resamples() -> None:
    """One passage of ten holds an entity and the system finds it: f1 is 1 on the resamples
    that draw that passage and 0 (by convention) on the others. ``se`` is the standard
    deviation (ddof=1) of those values and the MDE 2.8 of them; an interquartile estimate
    (IQR / 1.349) would give 1 / 1.349 = 0.74 here."""
    rows = [
        {
            "id": f"p{k}",
            "doc_id": "d",
            "text": "喀什开放。" if k == 0 else "今天没有。",
            "tokens": list("喀什开放。" if k == 0 else "今天没有。"),
            "ner_tags": ["B-GPE", "I-GPE", "O", "O", "O"] if k == 0 else ["O"] * 5,
        }
        for k in range(10)
    ]
    gold = gold_from_rows("ner", [Line("gold", i, r) for i, r in enumerate(rows, 1)])
    counts = score(
        gold, predictions_from_rows(gold, [{"id": r["id"], "tags": r["ner_tags"]} for r in rows])
    )
    resamples, seed = 400, 7
    f1 = estimate(counts, gold, seed=seed, resamples=resamples)["f1"]
    # The oracle: the same draws, read directly: was passage 0 drawn?
    draws = np.concatenate(list(bootstrap.resample_weights(10, resamples, seed)))
    drawn = (draws[:, 0] > 0).astype(np.float64)
    assert f1.se == pytest.approx(drawn.std(ddof=1), rel=1e-12)
    assert 0.4 < f1.se < 0.55 and (f1.low, f1.high) == (0.0, 1.0)
    assert mde(f1) == pytest.approx(2.8 * f1.se)


def test_fewer_than_two_resamples_give_no_standard_error() -> None:
    result = evaluate_files("ner", VALID / "ner.jsonl", gold=gold_path("ner"), resamples=1)
    main = result["main_score"]
    assert main["se"] is None and main["mde"] is None and main["zero_width"] is True
    assert all(e["se"] is None for e in result["metrics"].values())
    assert "minimum detectable difference n/a" in render_markdown(result)
    # A spread but a zero-width interval (every resample but a few alike) is n/a too.
    assert mde({"value": 0.5, "low": 0.5, "high": 0.5, "se": 0.01}) is None
    assert mde({"value": 0.5, "low": 0.4, "high": 0.6, "se": 0.0}) is None
    assert mde({"value": 0.5, "low": 0.4, "high": 0.6, "se": 0.05}) == pytest.approx(0.14)


def test_the_difference_of_compare_is_paired() -> None:
    """A finds the entities of passages 0-4, B of 0-5. The interval and ``se`` of A - B are
    those of the per-resample differences, computed here by hand from the same draws; they are
    far tighter than two independent standard errors would make them."""
    gold, a = _one_entity_per_passage(5)
    _, b = _one_entity_per_passage(6)
    resamples, seed = 500, 3
    result = compare(a, b, gold, resamples=resamples, seed=seed)
    w = np.concatenate(list(bootstrap.resample_weights(10, resamples, seed)))
    tp_a, tp_b = w[:, :5].sum(axis=1), w[:, :6].sum(axis=1)
    diff = 2 * tp_a / (tp_a + 10) - 2 * tp_b / (tp_b + 10)  # f1 = 2 tp / (pred + gold)
    assert result.difference.se == pytest.approx(diff.std(ddof=1), rel=1e-9)
    assert (result.difference.low, result.difference.high) == pytest.approx(
        tuple(np.percentile(diff, [2.5, 97.5]))
    )
    assert result.difference.se < 0.5 * np.hypot(result.a.se, result.b.se)


def test_paired_bootstrap() -> None:
    gold, preds = _large_case()
    counts = score(gold, preds)
    same = compare(counts, counts, gold, resamples=300)
    assert same.p_value == 1.0
    assert same.difference.value == same.difference.low == same.difference.high == 0.0
    assert same.a == same.b
    perfect = predictions_from_rows(
        gold,
        [
            {"id": rid, "entities": []}
            for rid in gold.ids  # a system that finds nothing
        ],
    )
    worse = compare(counts, score(gold, perfect), gold, resamples=300)
    assert worse.difference.value == worse.a.value > 0
    assert worse.p_value < 0.01
    assert bootstrap.paired_p_value(0.1, np.array([0.1, 0.2, 0.0, 0.3])) == pytest.approx(4 / 5)


# --------------------------------------------------------------------------------------------
# Reports and the CLI
# --------------------------------------------------------------------------------------------


def test_report_is_self_describing_and_deterministic(cli_run) -> None:
    args = ["evaluate", "--task", "ner", "--predictions", VALID / "ner.jsonl"]
    args += ["--gold", gold_path("ner")]
    code, first, _ = cli_run(*args)
    code2, second, _ = cli_run(*args)
    assert code == code2 == 0
    assert first == second
    result = json.loads(first)
    assert result["task"] == "ner" and result["protocol"] == "test"
    assert result["split"] is None  # the gold was a file, not a split
    assert result["gold"] == {
        "file": "ner.jsonl",
        "sha256": sha256_file(gold_path("ner")),
        "rows": 4,
        "passages": 4,
    }
    assert result["predictions"]["sha256"] == sha256_file(VALID / "ner.jsonl")
    assert result["bootstrap"]["seed"] == 0 and result["bootstrap"]["resamples"] == 1000
    assert result["main_score"]["name"] == MAIN_SCORE["ner"] == "f1"
    assert result["main_score"]["value"] == 4 / 7
    # What a difference is worth: 2.8 bootstrap standard errors of the main score.
    main = result["main_score"]
    assert main["mde"] == pytest.approx(2.8 * main["se"]) and main["se"] > 0
    assert main["se"] == result["metrics"]["f1"]["se"] and main["zero_width"] is False
    assert result["predictions"]["format"] == ["entities", "tag names"]
    assert {"scorer_version", "package_version", "schema_version"} <= result.keys()
    assert "evaluated_at" not in result
    code, out, _ = cli_run(*args, "--timestamp", "--resamples", "20", "--seed", "3")
    stamped = json.loads(out)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", stamped["evaluated_at"])
    assert stamped["bootstrap"]["seed"] == 3 and stamped["bootstrap"]["resamples"] == 20


def test_markdown_report(cli_run, tmp_path: Path) -> None:
    out_file = tmp_path / "report.md"
    code, out, err = cli_run(
        "evaluate",
        "--task",
        "numbers",
        "--predictions",
        VALID / "numbers.jsonl",
        "--gold",
        gold_path("numbers"),
        "--format",
        "markdown",
        "--output",
        out_file,
    )
    assert (code, out, err) == (0, "", "")
    text = out_file.read_text("utf-8")
    # A --gold report is titled by its gold file, not by a split.
    assert text.startswith(
        "# SilkRoad-News evaluation: numbers, protocol test, gold file numbers.jsonl\n"
    )
    assert "**normalized.f1: 40.00 [" in text and "minimum detectable difference" in text
    assert "| category.quantity.f1 | 88.89 [" in text
    assert "category.time" not in text  # categories on neither side are left out of the table


def test_render_functions_round_trip() -> None:
    result = evaluate_files("claims", VALID / "claims.jsonl", gold=gold_path("claims"))
    assert json.loads(render_json(result)) == result
    # Credits 1 + 0.8 + 0.9 + (6/7 + 7)/10 over 4 predicted and 4 gold claims.
    assert "**credit.f1: 87.14 [" in render_markdown(result)
    assert "| claim.f1 | 25.00 [" in render_markdown(result)


def test_bootstrap_options_are_checked(cli_run) -> None:
    args = ["evaluate", "--task", "ner", "--predictions", VALID / "ner.jsonl"]
    args += ["--gold", gold_path("ner")]
    code, _, err = cli_run(*args, "--resamples", "0")
    assert code == 2 and "--resamples must be 1..100000, got 0" in err
    code, _, err = cli_run(*args, "--resamples", "2000000000")
    assert code == 2 and "--resamples must be 1..100000, got 2000000000" in err
    code, _, err = cli_run(*args, "--seed", "-1")
    assert code == 2 and "--seed must be 0 or more (below 2**63), got -1" in err


def test_evaluate_needs_a_task_and_a_predictions_file(cli_run, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        cli_run("evaluate", "--task", "ner")
    assert info.value.code == 2
    assert "the following arguments are required: --predictions" in capsys.readouterr().err


def test_compare_cli(cli_run, tmp_path: Path) -> None:
    nothing = _write_jsonl(
        tmp_path / "nothing.jsonl", [{"id": r["id"], "entities": []} for r in _rows("ner")]
    )
    base = ["compare", "--task", "ner", "--gold", gold_path("ner"), "--resamples", "200"]
    code, out, err = cli_run(*base, VALID / "ner.jsonl", VALID / "ner.jsonl")
    assert (code, err) == (0, "")
    same = json.loads(out)
    assert same["p_value"] == 1.0 and same["difference"]["value"] == 0.0
    code, out, _ = cli_run(*base, VALID / "ner.jsonl", nothing, "--format", "markdown")
    assert code == 0
    assert "| A − B | 57.14 [" in out and "Paired bootstrap p-value (two-sided):" in out
    assert "its standard error (" in out and "come from the paired resamples" in out
    assert "One-entry minimum detectable differences: A " in out
    code, _, err = cli_run(*base, VALID / "ner.jsonl", INVALID / "ner.i_after_o.jsonl")
    assert code == 2 and "tags[3]: 'I-ORG' follows 'O'" in err


# --------------------------------------------------------------------------------------------
# CodaLab
# --------------------------------------------------------------------------------------------


def test_codalab_entry_writes_scores(tmp_path: Path, cli_run) -> None:
    ref, res, out = tmp_path / "input" / "ref", tmp_path / "input" / "res", tmp_path / "output"
    ref.mkdir(parents=True)
    res.mkdir()
    _as_parquet("ner", ref / "ner.parquet")
    (ref / "claims.jsonl").write_bytes(gold_path("claims").read_bytes())
    for task in ("ner", "claims"):
        (res / f"{task}.jsonl").write_bytes((VALID / f"{task}.jsonl").read_bytes())
    code, stdout, err = cli_run("codalab", tmp_path / "input", out)
    assert (code, err) == (0, "")
    assert "codalab: ner: f1 = 0.5714" in stdout
    lines = (out / "scores.txt").read_text("utf-8").splitlines()
    assert all(re.fullmatch(r"[a-z0-9_]+: \d+\.\d{6}", line) for line in lines), lines
    keys = dict(line.split(": ") for line in lines)
    assert keys["ner_f1"] == "0.571429"
    assert keys["claims_claim_f1"] == "0.250000"
    assert {"ner_f1_low", "ner_f1_high", "ner_semeval_partial_f1"} <= keys.keys()
    assert not any(k.startswith("numbers_") for k in keys)
    results = json.loads((out / "scores.json").read_text("utf-8"))
    assert [r["task"] for r in results] == ["ner", "claims"]

    # A task with gold but no predictions is an error, not a zero or a silent skip.
    (ref / "numbers.jsonl").write_bytes(gold_path("numbers").read_bytes())
    expected = r"res/numbers\.jsonl: file not found; the submission holds claims\.jsonl, ner\."
    with pytest.raises(SubmissionError, match=expected):
        run_codalab(tmp_path / "input", out)
    # ... unless the host scores only some tasks.
    assert [r["task"] for r in run_codalab(tmp_path / "input", out, tasks=["ner"])] == ["ner"]
    with pytest.raises(SubmissionError, match=r"input/nowhere/ref: folder not found"):
        run_codalab(tmp_path / "input" / "nowhere", out)


# --------------------------------------------------------------------------------------------
# Robustness: whatever the bytes, the scorer refuses with its one error or scores
# --------------------------------------------------------------------------------------------

# Field names the scorer knows, so random objects reach deep into validation.
_FIELDS = "id entities tags start end type text claims value number unit kind approx direction"
_MORE = "modality metric subject time mentions category low high claim fold unit_text"
_keys = st.sampled_from([*_FIELDS.split(), *_MORE.split()])
_keys |= st.text(max_size=3)
_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6)
    | st.sampled_from(["doc-a-p01", "B-GPE", "O", "ORG", "amount", "CNY", "exact", "up"])
    | st.sampled_from(["quantity", "date", "count:家", "%", "doc-b-p01"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=5),
    max_leaves=20,
)


def _validators() -> dict[str, Any]:
    import jsonschema

    from silkroad_news.evaluate.formats import schema_files

    return {
        task: jsonschema.Draft202012Validator(json.loads(schema_files()[f"{task}.schema.json"]))
        for task in TASKS
    }


VALIDATORS = _validators()


def _accept_or_refuse(task: str, data: bytes) -> bool:
    """Validate ``data`` against the task's gold; when the scorer accepts it, check it with an
    independent oracle: every line an object the JSON Schema accepts, every gold id once.
    Returns whether it was accepted (a refusal must be the scorer's one error type)."""
    gold = read_gold(task, gold_path(task))
    try:
        validate(gold, parse_jsonl(data, "fuzz.jsonl"), "fuzz.jsonl")
    except SubmissionError:
        return False
    objs = [json.loads(line) for line in data.decode("utf-8").split("\n") if line]
    for obj in objs:
        VALIDATORS[task].validate(obj)
    assert sorted(obj["id"] for obj in objs) == sorted(gold.ids)
    return True


@pytest.mark.parametrize("task", TASKS)
@given(lines=st.lists(_json, min_size=1, max_size=5))
@settings(max_examples=150, deadline=None)
def test_random_json_is_refused_or_valid(task: str, lines: list[Any]) -> None:
    data = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
    _accept_or_refuse(task, data)


@pytest.mark.parametrize("task", TASKS)
@given(data=st.data())
@settings(max_examples=150, deadline=None)
def test_valid_files_with_one_random_field_are_refused_or_valid(task: str, data) -> None:
    """Random values in otherwise valid lines reach the field checks; a few stay valid."""
    lines = [json.loads(x) for x in (VALID / f"{task}.jsonl").read_text("utf-8").splitlines()]
    line = data.draw(st.sampled_from(lines))
    key = data.draw(st.sampled_from(sorted(line)))
    line[key] = data.draw(_json)
    blob = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
    _accept_or_refuse(task, blob)


def test_the_fuzz_oracle_accepts_the_valid_fixtures() -> None:
    for task in TASKS:
        assert _accept_or_refuse(task, (VALID / f"{task}.jsonl").read_bytes())


@given(data=st.binary(max_size=300))
@settings(max_examples=300, deadline=None)
def test_random_bytes_are_refused_or_valid(data: bytes) -> None:
    for blob in (data, b'{"id": "doc-a-p01", "entities": ' + data + b"}\n"):
        _accept_or_refuse("ner", blob)


def test_pathological_json_is_refused() -> None:
    for data, message in (
        (b'{"id": ' + b"1" * 5000 + b"}\n", r"line 1: not valid JSON: Exceeds the limit"),
        (b"[" * 100_000 + b"]" * 100_000 + b"\n", r"line 1: JSON nested too deeply"),
        (b"\xef\xbb\xbf{}\n", r"line 1: not valid JSON: Unexpected UTF-8 BOM"),
    ):
        with pytest.raises(SubmissionError, match=message):
            parse_jsonl(data, "x.jsonl")


@pytest.mark.parametrize("task", ["ner", "claims", "numbers"])
def test_the_built_test_gold_scored_against_itself_is_perfect(root: Path, tmp_path: Path, task):
    """End to end on the committed dataset: the gold's own rows, written as a submission, pass
    validation and score 1.0 on the main metric."""
    import pyarrow.parquet as pq

    from silkroad_news.build import data_path
    from silkroad_news.records import label_names

    rows = label_names(pq.read_table(root / data_path(task, "test")).to_pylist(), task)
    lines = []
    for r in rows:
        if task == "ner":
            lines.append({"id": r["id"], "tags": r["ner_tags"]})
        elif task == "claims":
            lines.append({"id": r["id"], "claims": r["claims"]})
        else:
            mentions = [{k: v for k, v in m.items() if k != "kind"} for m in r["mentions"]]
            lines.append({"id": r["id"], "mentions": mentions})
    sub = tmp_path / f"{task}.jsonl"
    sub.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    result = evaluate_files(task, sub, root=root)
    assert result["main_score"]["value"] == pytest.approx(1.0)


ROOT = Path(__file__).resolve().parents[1]


def _refused_evaluate(path: Path) -> tuple[int, str]:
    import subprocess
    import sys

    argv = ["evaluate", "--task", "ner", "--predictions", str(path)]
    proc = subprocess.run(
        [sys.executable, "-m", "silkroad_news.cli", "--root", str(ROOT), *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc.returncode, proc.stderr


@pytest.mark.slow
def test_refused_evaluate_exits_2_every_time(tmp_path: Path) -> None:
    """pyarrow's worker threads once aborted the interpreter at exit (exit 134) in about one run
    of ten after a correct refusal; the gold Parquet is now read with no Arrow thread pool."""
    bad = tmp_path / "ner.jsonl"
    bad.write_text('{"id": "no-such-id", "entities": []}\n', encoding="utf-8")
    # One after the other: run two at a time, the abort was seen far less often.
    results = [_refused_evaluate(bad) for _ in range(100)]
    codes = sorted({code for code, _ in results})
    assert codes == [2], f"exit codes seen: {codes}"
    for _, err in results:
        assert err.count("\n") == 1 and "unknown id" in err and "Traceback" not in err


# --------------------------------------------------------------------------------------------
# Integer tag ids, partial credit, zero-width intervals, streaming, cut messages
# --------------------------------------------------------------------------------------------


def test_integer_tag_ids_are_scored_as_names(tmp_path: Path) -> None:
    names = ner_tag_names()
    rows = _rows("ner")
    as_names = [{"id": r["id"], "tags": r["ner_tags"]} for r in rows]
    as_ids = [{"id": r["id"], "tags": [names.index(t) for t in r["ner_tags"]]} for r in rows]
    a = evaluate_files("ner", _write_jsonl(tmp_path / "a.jsonl", as_names), gold=gold_path("ner"))
    b = evaluate_files("ner", _write_jsonl(tmp_path / "b.jsonl", as_ids), gold=gold_path("ner"))
    assert a["metrics"] == b["metrics"] and a["metrics"]["f1"]["value"] == 1.0
    assert a["predictions"]["format"] == ["tag names"]
    assert b["predictions"]["format"] == ["tag ids"]
    assert "(tag ids)" in render_markdown(b)
    as_ids[1]["tags"][0] = len(names)
    with pytest.raises(SubmissionError, match=r"line 2: id 'doc-a-p02': tags\[0\]: the number 17 "):
        predictions_from_rows(read_gold("ner", gold_path("ner")), as_ids, "b.jsonl")
    as_ids[1]["tags"][0] = 2**63  # beyond int64: refused by name, never an OverflowError
    with pytest.raises(SubmissionError, match=r"line 2: id 'doc-a-p02': tags\[0\]: the number 9"):
        predictions_from_rows(read_gold("ner", gold_path("ner")), as_ids, "b.jsonl")
    as_ids[1]["tags"][0] = "B-PRODUCT"
    with pytest.raises(SubmissionError, match=r"field 'tags' mixes tag names and class ids"):
        predictions_from_rows(read_gold("ner", gold_path("ner")), as_ids, "b.jsonl")
    # A tag that is neither a name nor an integer id is named for what it is, not as a mix.
    n = len(as_ids[1]["tags"])
    for tags, said in (
        ([13.0] + [0.0] * (n - 1), r"tag 13\.0 at position 0 is a float"),
        (["O"] * (n - 1) + [False], rf"tag false at position {n - 1} is a boolean"),
        ([0, None] + [0] * (n - 2), r"the tag at position 1 is null"),
    ):
        as_ids[1]["tags"] = tags
        with pytest.raises(SubmissionError, match=rf"line 2: id 'doc-a-p02': field 'tags': {said}"):
            predictions_from_rows(read_gold("ner", gold_path("ner")), as_ids, "b.jsonl")


def _claims_gold() -> tuple[Any, list[dict[str, Any]]]:
    gold = read_gold("claims", gold_path("claims"))
    lines = [
        {"id": r["id"], "claims": [{k: v for k, v in c.items() if k != "id"} for c in r["claims"]]}
        for r in _rows("claims")
    ]
    return gold, lines


def test_partial_credit_properties() -> None:
    gold, lines = _claims_gold()
    n = sum(len(x["claims"]) for x in lines)
    perfect = point(score(gold, predictions_from_rows(gold, lines)))
    assert perfect["credit.f1"] == perfect["claim.f1"] == 1.0
    empty = point(score(gold, predictions_from_rows(gold, [{**x, "claims": []} for x in lines])))
    assert empty["credit.f1"] == empty["credit.precision"] == empty["claim.f1"] == 0.0
    fields = ("value", "metric", "subject", "time", "number", "unit", "kind", "approx")
    assert len(fields) + 2 == 10  # direction and modality: the ten fields of a claim's credit
    for field, wrong in (
        ("kind", "share"),
        ("direction", "down"),
        ("number", 1.0),
        ("subject", None),
        ("time", None),
    ):
        changed = json.loads(json.dumps(lines))
        claim = changed[0]["claims"][0]
        claim[field] = wrong
        one = point(score(gold, predictions_from_rows(gold, changed)))
        # one wrong field of one claim costs exactly 1/10 of that claim's credit
        assert one["credit.f1"] == pytest.approx(1.0 - 0.1 / n, abs=1e-12), field
        assert one["claim.f1"] == pytest.approx((n - 1) / n), field
        assert one["value.f1"] == 1.0
    # A VALUE off by one character: no strict match, but partial credit for the overlap and
    # every field (564.32亿 against 564.32亿元: overlap F1 2·7/(8+7)).
    changed = json.loads(json.dumps(lines))
    changed[0]["claims"][0]["value"] = {"start": 12, "end": 19}
    one = point(score(gold, predictions_from_rows(gold, changed)))
    assert one["value.f1"] == pytest.approx((n - 1) / n)
    assert one["credit.f1"] == pytest.approx(1.0 - (1 - 14 / 15) / 10 / n, abs=1e-12)


def test_partial_credit_leaves_the_strict_figures_unchanged() -> None:
    """The strict figures are those of the scorer before partial credit (counted by hand in
    test_claims_fixture_numbers): adding the credit changed none of them."""
    gold = read_gold("claims", gold_path("claims"))
    figs = point(score(gold, read_predictions(gold, VALID / "claims.jsonl")))
    assert (figs["claim.f1"], figs["value.f1"]) == (0.25, 0.75)
    assert figs["direction.accuracy"] == pytest.approx(2 / 3)
    assert figs["direction.f1"] == 0.5  # 2 right over 4 predicted and 4 gold claims
    assert figs["credit.f1"] == pytest.approx((1 + 0.8 + 0.9 + (6 / 7 + 7) / 10) / 4)


def test_claim_matching_is_one_to_one_and_maximizes_credit() -> None:
    from silkroad_news.evaluate import match_claims

    claims = read_gold("claims", gold_path("claims")).claims[0]  # 564.32亿元 and 67.2%
    pairs, credit = match_claims(claims, claims[::-1])
    assert sorted(pairs) == [(0, 1), (1, 0)] and credit == 2.0
    assert match_claims(claims, ()) == ([], 0.0)


def test_zero_width_intervals_are_said(tmp_path: Path) -> None:
    rows = _rows("ner")
    perfect = _write_jsonl(
        tmp_path / "p.jsonl", [{"id": r["id"], "tags": r["ner_tags"]} for r in rows]
    )
    result = evaluate_files("ner", perfect, gold=gold_path("ner"), resamples=50)
    # No spread, no minimum detectable difference: null in JSON, n/a on the page, never 0.
    assert result["main_score"]["zero_width"] is True and result["main_score"]["mde"] is None
    assert '"mde": null' in render_json(result)
    text = render_markdown(result)
    assert "**f1: 100.00 [100.00, 100.00]‡** (percent, 95% interval; minimum detectable " in text
    assert "difference n/a: the resamples show no spread)" in text and "0.00 points" not in text
    assert "‡ zero-width interval: every bootstrap resample gave the same value" in text
    plain = render_markdown(evaluate_files("ner", VALID / "ner.jsonl", gold=gold_path("ner")))
    assert "**f1: 57.14 [" in plain and "]‡**" not in plain


def test_a_large_submission_stops_at_its_first_bad_line(tmp_path: Path) -> None:
    """Lines after the bad one are never read: the megabytes that follow line 4 (bytes that are
    not UTF-8, not JSON) would be reported instead if they were. The time and memory this
    saves are measured in benchmarks/evaluate_streaming.py."""
    rows = _rows("ner")
    good = [json.dumps({"id": r["id"], "entities": []}) for r in rows[:3]]
    path = tmp_path / "big.jsonl"
    with path.open("wb") as fh:
        fh.write(("\n".join([*good, '{"id": "no-such-id", "entities": []}']) + "\n").encode())
        fh.write(b"\xff\xfe not json at all\n" * 200_000)
    gold = read_gold("ner", gold_path("ner"))
    with pytest.raises(SubmissionError, match=r"big\.jsonl: line 4: id 'no-such-id': unknown id"):
        read_predictions(gold, path)


def test_messages_cut_long_ids(tmp_path: Path) -> None:
    gold = read_gold("ner", gold_path("ner"))
    rid = "p" * 10_000_000
    with pytest.raises(SubmissionError) as info:
        predictions_from_rows(gold, [{"id": rid, "entities": []}], "x.jsonl")
    message = str(info.value)
    assert len(message) < 300
    assert message.startswith("x.jsonl: line 1: id 'ppppp") and "(10000000 characters)" in message


def test_unit_codes_come_from_the_inventory() -> None:
    from silkroad_news.evaluate.inputs import check_unit_code

    for code in ("CNY", "%", "pp", "count:家", "CNY/t", "[mu_cn]", "d"):
        assert check_unit_code(code, "x") == code
    for bad in ("count", "yuan", "", None, 3):
        with pytest.raises(SubmissionError, match=r"x: field 'unit' has .* no code of the unit"):
            check_unit_code(bad, "x")


def test_validate_only_names_the_protocol(cli_run, root: Path, tmp_path: Path) -> None:
    from silkroad_news.evaluate import passage_folds
    from silkroad_news.files import read_parquet
    from silkroad_news.schema import SPLITS

    folds = passage_folds(root)
    rows = [r for s in SPLITS for r in read_parquet(root / "splits" / "ner" / f"{s}.parquet")]
    lines = [{"id": r["id"], "entities": [], "fold": folds[r["id"]]} for r in rows]
    path = _write_jsonl(tmp_path / "ner.cv.jsonl", lines)
    args = ["--root", root, "evaluate", "--task", "ner", "--protocol", "cv"]
    code, out, err = cli_run(*args, "--predictions", path, "--validate-only")
    assert (code, err) == (0, "")
    assert (
        "valid ner predictions for all 83 rows of splits/ner/{train,validation,test}.parquet "
        in out
    )
    assert out.endswith("(protocol cv)\n")


def test_an_ner_entity_whose_text_is_not_a_string_is_refused(tmp_path: Path) -> None:
    gold = read_gold("ner", gold_path("ner"))
    row = _rows("ner")[0]
    ent = {"start": 0, "end": 1, "type": "ORG", "text": None}
    with pytest.raises(SubmissionError, match=r"entities\[0\]: field 'text' is null, not a"):
        predictions_from_rows(gold, [{"id": row["id"], "entities": [ent]}], "p.jsonl")
