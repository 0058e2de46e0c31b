"""Tests of silkroad_news.evaluate.formats: the JSON Schemas of the submission formats, and a
submission's metadata (one invalid file per error kind, with its message)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from silkroad_news.evaluate import SubmissionError
from silkroad_news.evaluate.formats import (
    PROJECT_ENTRIES,
    SCHEMA_DIR,
    check_project_entry,
    parse_metadata,
    read_metadata,
    says_baseline,
    schema_files,
    skeleton,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "evaluate" / "valid"
INVALID = FIXTURES / "evaluate" / "invalid"
SUBMISSIONS = FIXTURES / "leaderboard" / "submissions"
INVALID_METADATA = FIXTURES / "leaderboard" / "invalid_metadata"
TASKS = ("ner", "claims", "numbers")

# ---- JSON Schemas -----------------------------------------------------------------------------


def test_committed_schemas_match_schema_py(root: Path) -> None:
    folder = root / SCHEMA_DIR
    expected = schema_files()
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(expected), (
        "run: silkroad-news schemas"
    )
    for name, text in expected.items():
        assert (folder / name).read_text("utf-8") == text, (
            f"{name} is out of date; run: silkroad-news schemas"
        )


def test_schemas_accept_valid_lines_and_reject_structural_errors() -> None:
    import jsonschema

    validators = {
        task: jsonschema.Draft202012Validator(json.loads(schema_files()[f"{task}.schema.json"]))
        for task in TASKS
    }
    for task in TASKS:
        for line in (VALID / f"{task}.jsonl").read_text("utf-8").splitlines():
            validators[task].validate(json.loads(line))
    for case in (
        "ner.unknown_type",
        "ner.both_forms",
        "ner.missing_field",
        "ner.unknown_field",
        "ner.unknown_tag",
        "claims.unknown_unit",
        "claims.missing_claim_field",
        "claims.part_not_span",
        "numbers.unknown_category",
        "numbers.missing_mention_field",
        "numbers.kind_in_prediction",
        "numbers.claim_not_bool",
        "claims.negative_change_rate",  # "minimum": 0 (a mention's sign depends on its unit,
        # which a JSON Schema does not say: numbers.negative_low is the scorer's to refuse)
    ):
        lines = [json.loads(x) for x in (INVALID / f"{case}.jsonl").read_text("utf-8").splitlines()]
        assert any(not validators[case.split(".")[0]].is_valid(x) for x in lines), case


def test_the_schemas_command_writes_and_checks(tmp_path: Path, cli_run) -> None:
    code, out, err = cli_run("--root", tmp_path, "schemas", "--check")
    assert code == 1 and out == "" and err.count("is out of date") == 4
    code, out, _ = cli_run("--root", tmp_path, "schemas")
    assert code == 0 and out.count("schemas: wrote schemas/submission/") == 4
    for name, text in schema_files().items():
        assert (tmp_path / SCHEMA_DIR / name).read_text("utf-8") == text
    assert cli_run("--root", tmp_path, "schemas", "--check")[:2] == (0, "schemas: up to date\n")


# ---- submission metadata ----------------------------------------------------------------------


METADATA_CASES = {
    "unknown_field": r"unknown_field\.json: unknown field 'paper'; allowed: name, description",
    "missing_field": r"missing_field\.json: missing field 'date' \(submission date, YYYY-MM-DD\)",
    "bad_date": r"bad_date\.json: field 'date' must be a date YYYY-MM-DD, got '2025-02-30'",
    "bad_url": r"bad_url\.json: field 'url' must be an http\(s\) URL with a host, got "
    r"'javascript:alert\(1\)'$",
    "bad_model_type": r"bad_model_type\.json: field 'model_type' has unknown value "
    r"'transformer'; expected one of: rule_based",
    "empty_authors": r"empty_authors\.json: field 'authors' must be a non-empty list of names, "
    r"got a list",
    "multiline_name": r"multiline_name\.json: field 'name' must be a non-empty one-line string",
    "baseline_not_bool": r"baseline_not_bool\.json: field 'baseline' must be true or false",
    "not_an_object": r"not_an_object\.json: expected a JSON object, got a list",
    "duplicate_field": r"duplicate_field\.json: field 'name' appears twice",
}


def test_every_invalid_metadata_fixture_has_a_case() -> None:
    assert sorted(p.stem for p in INVALID_METADATA.iterdir()) == sorted(METADATA_CASES)


@pytest.mark.parametrize("case", sorted(METADATA_CASES))
def test_invalid_metadata(case: str) -> None:
    with pytest.raises(SubmissionError, match=METADATA_CASES[case]):
        read_metadata(INVALID_METADATA / f"{case}.json")


def test_metadata_schema_is_committed(root: Path) -> None:
    path = root / "schemas" / "submission" / "metadata.schema.json"
    assert path.read_text("utf-8") == schema_files()["metadata.schema.json"]
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(path.read_text("utf-8")))
    for meta in SUBMISSIONS.glob("*/metadata.json"):
        validator.validate(json.loads(meta.read_text("utf-8")))
    for case in ("unknown_field", "missing_field", "bad_model_type", "empty_authors", "bad_url"):
        assert not validator.is_valid(json.loads((INVALID_METADATA / f"{case}.json").read_text()))


def test_every_metadata_problem_is_listed_at_once(tmp_path: Path) -> None:
    meta = {
        "name": "X\r## fake heading",
        "description": "fine",
        "authors": ["A", 3],
        "date": "2025-02-30",
        "model_type": "transformer",
        "url": "https://good.example)[Download](https://phish.example/x.exe",
        "paper": "extra",
    }
    path = tmp_path / "metadata.json"
    path.write_text(json.dumps(meta), "utf-8")
    with pytest.raises(SubmissionError) as info:
        read_metadata(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{path}: 6 problems: (1) unknown field ")
    for part in (
        "(2) field 'name' must be a non-empty one-line string without control characters, has a "
        "line break (U+000D) at character 1",
        "(3) field 'authors[1]' must be a non-empty one-line string, got the number 3",
        "(4) field 'url' must be an http(s) URL with a host, got 'https://good.example)[",
        "(5) field 'date' must be a date YYYY-MM-DD, got '2025-02-30'",
        "(6) field 'model_type' has unknown value 'transformer'",
    ):
        assert part in message, part


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "https://a.example/)<script>alert(1)</script>", r"has '\)' at character 18"),
        ("url", "https://a.example/x|y", r"has '\|' at character 19"),
        ("url", "ftp://a.example/x", r"must be an http\(s\) URL with a host"),
        ("url", "https:///no-host", r"must be an http\(s\) URL with a host"),
        ("url", "https://a.example:99999/", r"must be an http\(s\) URL with a host"),
        ("name", "evil\u202egnp.exe", r"has a bidirectional control \(U\+202E\)"),
        ("name", "nul\x00byte", r"has a control character \(U\+0000\)"),
        ("description", "a\u2028b", r"has a line break \(U\+2028\)"),
        ("name", "x" * 20_000_000, r"field 'name' has 20000000 characters; at most 80$"),
        ("team", "t" * 101, r"field 'team' has 101 characters; at most 100$"),
    ],
)
def test_metadata_is_validated_strictly(field: str, value: str, message: str) -> None:
    meta = json.loads((SUBMISSIONS / "places-only" / "metadata.json").read_text("utf-8"))
    meta[field] = value
    with pytest.raises(SubmissionError, match=message) as info:
        parse_metadata(meta, "m.json")
    assert len(str(info.value)) < 400  # a 20 MB name is not echoed whole


def test_only_the_projects_own_entries_are_baselines() -> None:
    meta = json.loads((SUBMISSIONS / "places-only" / "metadata.json").read_text("utf-8"))
    meta["baseline"] = True
    parsed = parse_metadata(meta, "m.json")
    for entry in sorted(PROJECT_ENTRIES):
        check_project_entry(parsed, entry, "m.json")
    with pytest.raises(SubmissionError, match=r"m\.json: field 'baseline' is true, but only the "):
        check_project_entry(parsed, "my-system", "m.json")
    meta["baseline"] = False
    check_project_entry(parse_metadata(meta, "m.json"), "my-system", "m.json")


def test_the_skeleton_follows_unicodes_confusables_data() -> None:
    from confusable_homoglyphs.confusables import confusables_data

    marks = "\u200e\u200f"  # the data writes a right-to-left character between two marks
    pairs = [
        (key.strip(marks) or key, entry["c"].strip(marks) or entry["c"])
        for key, entries in confusables_data.items()
        for entry in entries
    ]
    assert len(pairs) > 10_000
    for a, b in pairs:
        # Every pair of the data has one skeleton; UTS #39 decomposes first, so a line whose
        # source is a precomposed character (ȧ → å) never applies, and none other is lost.
        nfd_stable = all(unicodedata.normalize("NFD", x) == x for x in (a, b))
        assert skeleton(a) == skeleton(b) or not nfd_stable, (a, b)
        assert skeleton(skeleton(a)) == skeleton(a), a
    # UTS #39's own kind of examples: Cyrillic р and у, ℓ, rn for m
    assert skeleton("\u0440\u0430\u0443\u0440\u0430l") == skeleton("paypal")
    assert skeleton("ℓ") == skeleton("1") == skeleton("I") == skeleton("l") == "l"
    assert skeleton("m") == skeleton("rn") and skeleton("ab") == "ab"


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("b\u0430seline", True),  # Cyrillic а
        ("B\u0410SELINE", True),  # Cyrillic А
        ("\u0412ASELINE", True),  # Cyrillic В: case-folded it is в, which looks like ʙ
        ("b\u03b1seline", True),  # Greek α
        ("base\u0399ine", True),  # Greek Ι
        ("ba\u0455el\u0456ne", True),  # Cyrillic ѕ and і
        ("b\u0251seline", True),  # Latin alpha
        ("BASEL1NE", True),
        ("𝐛𝐚𝐬𝐞𝐥𝐢𝐧𝐞 CRF", True),  # mathematical bold: NFKC
        ("ｂａｓｅ\u200bｌｉｎｅ", True),  # fullwidth, a zero-width space inside
        ("Character CRF", False),
        ("字符 CRF", False),  # Han and Latin mixed: fine
        ("\u039a-means \u0444\u0438\u043b\u044c\u0442\u0440", False),  # Greek Κ, Cyrillic
        ("Base model", False),
        ("Base line", True),  # what a reader sees: spaces do not count
        ("基线模型", False),  # a translation is no look-alike
    ],
)
def test_a_name_that_looks_like_baseline_is_the_projects_alone(name: str, refused: bool) -> None:
    meta = json.loads((SUBMISSIONS / "places-only" / "metadata.json").read_text("utf-8"))
    parsed = parse_metadata({**meta, "name": name}, "m.json")
    assert says_baseline(name) is refused
    check_project_entry(parsed, "baseline-crf", "m.json")  # the project's own may
    if not refused:
        check_project_entry(parsed, "my-system", "m.json")
        return
    with pytest.raises(SubmissionError, match=r"^m\.json: field 'name' contains 'baseline' or a "):
        check_project_entry(parsed, "my-system", "m.json")


def test_an_oversized_metadata_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "metadata.json"
    path.write_text('{"name": "' + "x" * 70_000 + '"}', "utf-8")
    with pytest.raises(SubmissionError, match=r"metadata\.json: 70012 bytes; a metadata\.json "):
        read_metadata(path)


def test_only_systems_without_silkroad_data_enter_the_full_protocol() -> None:
    from silkroad_news.evaluate.formats import TrainingData, check_protocol_entry

    meta = json.loads((SUBMISSIONS / "places-only" / "metadata.json").read_text("utf-8"))
    trained = parse_metadata(meta, "m.json")
    assert trained.training_data is TrainingData.SILKROAD_NEWS
    for protocol in ("test", "cv"):
        check_protocol_entry(trained, protocol, "m.json")
    with pytest.raises(
        SubmissionError, match=r"m\.json: protocol full ranks systems trained on no"
    ):
        check_protocol_entry(trained, "full", "m.json")
    check_protocol_entry(parse_metadata({**meta, "training_data": "none"}, "m.json"), "full", "")
    with pytest.raises(SubmissionError, match=r"field 'training_data' has unknown value 'some'"):
        parse_metadata({**meta, "training_data": "some"}, "m.json")
