"""The numeric-claims baseline: its submissions pass the evaluation script's own validation on
the fixture repository; the linker, cue words, classifier and part spans behave as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from silkroad_news.baselines.claims import (
    ClaimsBaseline,
    Mention,
    NumberClassifier,
    PartTagger,
    claims_of_passage,
    link,
    mention_strings,
    mentions_of,
    part_spans,
)
from silkroad_news.baselines.crf import Hyperparameters, train
from silkroad_news.baselines.run import load_data, mention_rows, ner_data, split_gold
from silkroad_news.evaluate import evaluate_files, parse_jsonl, validate
from silkroad_news.files import dumps_jsonl
from silkroad_news.numbers import find_quantities
from silkroad_news.schema import NumberCategory
from silkroad_news.tags import LabeledSpan


@pytest.fixture(scope="module")
def repo(built_repo: Path) -> Path:
    return built_repo


@pytest.fixture(scope="module")
def model(repo: Path) -> ClaimsBaseline:
    data = load_data(repo)
    train_rows = data.rows
    hyper = Hyperparameters(0.0, 0.01, 100)
    ner = train(ner_data(train_rows["ner"]["train"]), hyper=hyper)
    parts = PartTagger.train(train_rows["claims"]["train"], hyper)
    numbers = mention_rows(train_rows["numbers"]["train"])
    clf = NumberClassifier(C=1.0).fit(mentions_of(numbers), [r["label"] for r in numbers])
    return ClaimsBaseline(clf, parts, ner)


# ---- submissions the scorer accepts -----------------------------------------------------------


@pytest.mark.parametrize("split", ["train", "validation", "test"])
def test_claims_and_numbers_submissions_pass_the_scorers_validation(
    repo: Path, model: ClaimsBaseline, split: str
) -> None:
    data = load_data(repo)
    for task, lines in (
        ("claims", model.predict_claims(data.rows["claims"][split])),
        ("numbers", model.predict_numbers(data.rows["numbers"][split])),
    ):
        gold = split_gold(data, task, split)
        blob = dumps_jsonl(lines).encode()
        preds = validate(gold, parse_jsonl(blob, f"{task}.jsonl"), f"{task}.jsonl")
        assert preds.task == task
        if task == "claims":
            assert preds.claims is not None and len(preds.claims) == len(gold.ids)


def test_a_numbers_submission_file_scores_through_the_evaluation_script(
    repo: Path, model: ClaimsBaseline, tmp_path: Path
) -> None:
    data = load_data(repo)
    path = tmp_path / "numbers.jsonl"
    path.write_text(dumps_jsonl(model.predict_numbers(data.rows["numbers"]["test"])), "utf-8")
    result = evaluate_files("numbers", path, root=repo, split="test")
    assert result["gold"]["rows"] == len(data.rows["numbers"]["test"])
    assert 0.0 <= result["main_score"]["value"] <= 1.0


def test_numbers_predictions_are_the_recognizers_mentions_flagged_by_the_classifier(
    repo: Path, model: ClaimsBaseline
) -> None:
    """Every mention is one of find_quantities with its reading (only quantities and durations
    are read), and ``claim`` is the classifier's label not being ``not_claim``."""
    from silkroad_news.baselines.claims import Mention

    rows = load_data(repo).rows["numbers"]["test"]
    lines = model.predict_numbers(rows)
    assert [line["id"] for line in lines] == [r["id"] for r in rows]
    flagged = 0
    for row, line in zip(rows, lines, strict=True):
        found = find_quantities(row["text"])
        labels = model.classifier.predict([Mention(row["text"], q.start, q.end) for q in found])
        assert len(line["mentions"]) == len(found)
        for m, q, label in zip(line["mentions"], found, labels, strict=True):
            assert (m["start"], m["end"], m["text"], m["category"]) == (
                q.start,
                q.end,
                row["text"][q.start : q.end],
                q.category.value,
            )
            read = q.category.value in ("quantity", "duration")
            expected = (q.number, q.low, q.high, q.unit, q.approx.value) if read else (None,) * 5
            assert (m["number"], m["low"], m["high"], m["unit"], m["approx"]) == expected
            assert m["claim"] is (label != "not_claim")
            flagged += m["claim"]
    assert flagged > 0


def test_predicted_values_are_the_recognizers_quantities(repo: Path, model) -> None:
    data = load_data(repo)
    for row, line in zip(
        data.rows["claims"]["test"], model.predict_claims(data.rows["claims"]["test"]), strict=True
    ):
        quantities = {
            (q.start, q.end) for q in find_quantities(row["text"]) if q.category.value == "quantity"
        }
        for claim in line["claims"]:
            assert (claim["value"]["start"], claim["value"]["end"]) in quantities


# ---- the linker and the cue words -------------------------------------------------------------


def _quantities(text: str):
    return [q for q in find_quantities(text) if q.category is NumberCategory.QUANTITY]


def test_perfect_parts_and_kinds_give_the_gold_claims_of_a_passage() -> None:
    text = "上半年,喀什地区进出口总值达564.32亿元,同比增长67.2%。"
    parts = [LabeledSpan(0, 3, "TIME"), LabeledSpan(8, 13, "METRIC")]
    claims = claims_of_passage(
        text,
        ["amount", "change_rate"],
        _quantities(text),
        parts,
        [LabeledSpan(4, 8, "GPE")],
    )
    amount, rate = claims
    assert amount["value"]["text"] == "564.32亿元" and amount["number"] == 56432000000.0
    assert (amount["unit"], amount["unit_text"], amount["approx"]) == ("CNY", "亿元", "exact")
    assert (amount["direction"], rate["direction"]) == ("none", "up")
    for c in claims:
        assert c["metric"]["text"] == "进出口总值"
        assert c["subject"]["text"] == "喀什地区"
        assert c["time"]["text"] == "上半年"
        assert c["modality"] == "actual"


def test_links_stay_in_the_sentence_and_prefer_what_comes_before() -> None:
    spans = [LabeledSpan(0, 2, "METRIC"), LabeledSpan(5, 7, "METRIC"), LabeledSpan(12, 14, "X")]
    sentence = (4, 20)
    # the span in the previous sentence is never linked; the one before the value wins
    assert link((9, 11), spans, sentence, after=True) == spans[1]
    # nothing before the value in its sentence: the nearest span after it (when allowed)
    assert link((4, 5), spans, sentence, after=True) == spans[1]
    assert link((4, 5), [spans[0], spans[2]], sentence, after=True) == spans[2]
    assert link((4, 5), spans, sentence, after=False) is None
    # a span overlapping the value is skipped
    assert link((6, 8), [LabeledSpan(5, 7, "METRIC")], sentence, after=True) is None


def test_metric_after_the_value_and_forecast_modality() -> None:
    text = "𠮷祥口岸新建交换站预计处理邮件21万袋。喀什片区累计招引2000多家企业。"
    qs = _quantities(text)

    def at(surface: str, label: str) -> LabeledSpan:
        return LabeledSpan(text.index(surface), text.index(surface) + len(surface), label)

    first, second = claims_of_passage(
        text,
        ["count", "count"],
        qs,
        [at("邮件", "METRIC"), at("企业", "METRIC")],
        [at("𠮷祥口岸", "FAC"), at("喀什片区", "FAC")],
    )
    assert first["modality"] == "forecast" and first["metric"]["text"] == "邮件"
    assert first["subject"]["text"] == "𠮷祥口岸"  # 𠮷 is one code point
    # 企业 follows 2000多家 in its sentence; 邮件 is in the sentence before
    assert second["metric"]["text"] == "企业" and second["modality"] == "actual"
    assert (second["approx"], second["number"]) == ("at_least", 2000.0)


def test_not_claim_drops_a_candidate_and_a_bare_number_counts() -> None:
    text = "验放3159,另有51个。"
    qs = _quantities(text)
    assert [q.text for q in qs] == ["3159", "51个"]
    claims = claims_of_passage(text, ["count", "not_claim"], qs, [], [])
    assert [c["value"]["text"] for c in claims] == ["3159"]
    assert claims[0]["unit"] == "count:个" and claims[0]["unit_text"] == ""


# ---- the classifier and the part spans ----------------------------------------------------------


def test_the_classifier_reads_folded_digits_and_context() -> None:
    m = Mention("伊犁州签约项目51个,签约总金额达318亿元。", 7, 10)
    mention, left, right, meta = (c[0] for c in mention_strings([m]))
    assert mention == "00个" and left == "^伊犁州签约项目" and right == ",签约总金额达3$"
    assert "cat=quantity" in meta and "unit=count" in meta and "rule=count" in meta


def test_the_classifier_is_deterministic_and_handles_one_class() -> None:
    text = "喀什进出口总值达564.32亿元,同比增长67.2%,2024年8月。"
    ms = [Mention(text, 8, 16), Mention(text, 22, 27), Mention(text, 28, 35)]
    ys = ["amount", "change_rate", "not_claim"]
    a = NumberClassifier(C=10.0).fit(ms, ys).predict(ms)
    b = NumberClassifier(C=10.0).fit(ms, ys).predict(ms)
    assert a == b == ys
    assert NumberClassifier().fit(ms, ["count"] * 3).predict(ms) == ["count"] * 3


def test_part_spans_are_distinct_and_do_not_overlap() -> None:
    def span(s: int, e: int) -> dict:
        return {"start": s, "end": e, "text": "x" * (e - s)}

    def claim(metric, time) -> dict:
        return {"metric": metric, "time": time, "subject": span(0, 1)}

    row = {
        "text": "x" * 20,
        "claims": [
            claim(span(5, 9), span(0, 3)),
            claim(span(5, 9), None),  # the same METRIC again: one span
            claim(span(7, 12), span(1, 2)),  # overlaps earlier spans: dropped
        ],
    }
    assert part_spans(row) == [LabeledSpan(0, 3, "TIME"), LabeledSpan(5, 9, "METRIC")]
