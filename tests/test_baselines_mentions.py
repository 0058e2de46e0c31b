"""The numbers task's regex baseline: a file under 60 lines of plain regular expressions whose
lines the scorer accepts, scored on the fixture gold."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from silkroad_news.baselines.mentions import CODE_ROOT, REGEX_FILE, load_regex, regex_lines
from silkroad_news.evaluate import figures, predictions_from_rows, read_gold, score
from silkroad_news.schema import SchemaError

GOLD = Path(__file__).resolve().parent / "fixtures" / "evaluate" / "gold" / "numbers.jsonl"


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text("utf-8").splitlines()]


def _point(lines: list[dict[str, Any]]) -> dict[str, float]:
    gold = read_gold("numbers", GOLD)
    counts = score(gold, predictions_from_rows(gold, lines))
    return {
        k: float(v[0])
        for k, v in figures(
            "numbers", {c: np.array([n]) for c, n in counts.totals().items()}
        ).items()
    }


def test_the_regex_system_is_a_short_file_of_plain_regular_expressions() -> None:
    source = (CODE_ROOT / REGEX_FILE).read_text("utf-8")
    assert len(source.splitlines()) < 60
    imports = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert [a.name for n in imports for a in n.names] == ["re"]  # nothing but `re`


def test_the_regex_system_reads_the_fixture_and_the_scorer_accepts_it() -> None:
    predict = load_regex().predict
    assert predict("服务热线400-0123-021，第三届博览会") == [
        {
            "start": 4,
            "end": 16,
            "category": "phone",
            "number": None,
            "low": None,
            "high": None,
            "unit": None,
            "approx": None,
            "claim": False,
        },
        {
            "start": 17,
            "end": 20,
            "category": "ordinal",
            "number": None,
            "low": None,
            "high": None,
            "unit": None,
            "approx": None,
            "claim": False,
        },
    ]
    (amount,) = predict("总值564.32亿元")
    assert (amount["number"], amount["unit"], amount["approx"]) == (56432000000.0, "CNY", "exact")
    (count,) = predict("开行2000多列")
    assert (count["number"], count["unit"], count["approx"]) == (2000.0, "count:列", "at_least")
    lines = regex_lines(predict, _rows())
    point = _point(lines)
    # 𠮷 (outside the BMP) counts as one code point: the spans after it are right.
    assert 0.5 < point["normalized.f1"] < 1.0 and point["claim.f1"] == 0.0


def test_load_regex_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match=r"baselines/regex_numbers\.py: file not found"):
        load_regex(tmp_path)
