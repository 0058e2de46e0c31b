"""Tests for :mod:`silkroad_news.numbers`.

The table in ``fixtures/numbers/cases.jsonl`` holds, for every case, the full expected output:
every returned quantity with its text, offsets, number, range bounds, unit code, dimension,
unit_text, approx, category and iso. It covers every line of the three seed articles that holds
a numeral character (one case per line of the clean text; 002 with its pinyin glosses removed)
plus synthetic cases for each form the recognizer reads. The news-style sentences of
``test_numbers_news.py`` cover the unit families, ranges, vague numerals and names.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from silkroad_news import numbers, units
from silkroad_news.numbers import Quantity, find_quantities
from silkroad_news.schema import Approx, NumberCategory

ROOT = Path(__file__).resolve().parents[1]
CASES_FILE = Path(__file__).resolve().parent / "fixtures" / "numbers" / "cases.jsonl"
RAW = ROOT / "corpus" / "raw"
ARTICLES = {
    "000": "000_ed5b604d7aff2fb4.txt",
    "002": "002_17bf0f8154751dcd.txt",
    "004": "004_c7f4ca8fa91d499b.txt",
}
# The pinyin glosses of 002, e.g. 貿(mào); the corpus builder removes them before we run.
GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
# A line "holds a number" when it has a digit or a Chinese numeral character: decided without
# the recognizer, so that a recognizer finding nothing cannot pass the coverage test.
NUMERAL = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿两兩萬億]")
FIELDS = (
    "text",
    "start",
    "end",
    "number",
    "low",
    "high",
    "unit",
    "dimension",
    "unit_text",
    "approx",
    "category",
    "iso",
)
NUMBER_FIELDS = ("number", "low", "high")


def load_cases() -> list[dict[str, Any]]:
    with CASES_FILE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


CASES = load_cases()


def article_lines(source: str) -> list[str]:
    path = RAW / ARTICLES[source]
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    text = path.read_text(encoding="utf-8")
    if source == "002":
        text = GLOSS.sub("", text)
    return text.split("\n")


def observed(q: Quantity) -> dict[str, Any]:
    d = q.as_dict()
    return {k: d[k] for k in FIELDS}


def same_number(got: float | None, want: float | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return got == pytest.approx(want, rel=1e-12)


@pytest.fixture
def strict(monkeypatch: pytest.MonkeyPatch) -> None:
    """No exception may reach the scanner's guards: "never raises" must not mean "swallows"."""
    monkeypatch.setattr(numbers, "_STRICT", True)


def check_invariants(text: str, found: list[Quantity]) -> None:
    last = 0
    for q in found:
        assert isinstance(q, Quantity)
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= last, "spans must be sorted and must not overlap"
        last = q.end
        for name in NUMBER_FIELDS:
            v = getattr(q, name)
            assert v is None or (isinstance(v, float) and math.isfinite(v)), (q, name)
        assert (q.low is None) == (q.high is None)
        if q.low is not None:
            assert q.low <= q.high
            assert q.number is None, "a range has no single number"
        assert q.unit is None or units.dimension(q.unit) is not None, q.unit
        assert q.dimension == (None if q.unit is None else units.dimension(q.unit))
        assert isinstance(q.approx, Approx)
        assert isinstance(q.category, NumberCategory)
        if q.category not in (NumberCategory.QUANTITY, NumberCategory.DURATION):
            assert q.unit is None
            assert q.low is None
        if q.category in (NumberCategory.IDENTIFIER, NumberCategory.PHONE, NumberCategory.DATE):
            assert q.number is None


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 150
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert sum(len(c["expected"]) for c in CASES) >= 300


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_table(strict: None, case: dict[str, Any]) -> None:
    text = case["text"]
    got = [observed(q) for q in find_quantities(text)]
    want = case["expected"]
    assert [g["text"] for g in got] == [w["text"] for w in want], case.get("note", "")
    for g, w in zip(got, want, strict=True):
        for key in FIELDS:
            if key in NUMBER_FIELDS:
                assert same_number(g[key], w[key]), (w["text"], key, g[key], w[key])
            else:
                assert g[key] == w[key], (w["text"], key, g[key], w[key])


def test_values_are_the_nearest_floats() -> None:
    # Scaling in binary floating point gives 56432000000.00001 for 564.32 * 1e8.
    text = "564.32億元、1.12万余人次、5567.58亿元、115.6万吨、29.14亿元、2.74亿元"
    assert [q.number for q in find_quantities(text)] == [
        56432000000.0,
        11200.0,
        556758000000.0,
        1156000.0,
        2914000000.0,
        274000000.0,
    ]


# --------------------------------------------------------------------------------------------
# The seed articles: the table covers every line that holds a number expression
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", sorted(ARTICLES))
def test_every_article_line_with_numbers_is_in_the_table(source: str) -> None:
    """Every line with a numeral character is a case of the table, whose expected output the
    table test checks. Which lines count is decided without the recognizer: a recognizer that
    finds nothing fails here instead of passing an empty check."""
    tabled = {c["text"] for c in CASES if c["source"] == source}
    lines = [line for line in article_lines(source) if NUMERAL.search(line)]
    assert len(lines) >= 10
    missing = [line for line in lines if line not in tabled]
    assert missing == []


@pytest.mark.parametrize("source", sorted(ARTICLES))
def test_whole_article_equals_its_lines(source: str) -> None:
    """Running on the whole article gives the per-line results, shifted: no cross-line leaks."""
    lines = article_lines(source)
    text = "\n".join(lines)
    whole = [observed(q) for q in find_quantities(text)]
    expected: list[dict[str, Any]] = []
    offset = 0
    for line in lines:
        for q in find_quantities(line):
            d = observed(q)
            d["start"] += offset
            d["end"] += offset
            expected.append(d)
        offset += len(line) + 1
    assert whole == expected
    # ... and it is what the table expects, line by line: not vacuous on an empty result.
    tabled = sum(len(c["expected"]) for c in CASES if c["source"] == source)
    assert tabled > 0 and len(whole) == tabled
    check_invariants(text, find_quantities(text))


def test_raw_text_with_glosses_does_not_crash() -> None:
    path = RAW / ARTICLES["002"]
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    raw = path.read_text(encoding="utf-8")
    found = find_quantities(raw)
    check_invariants(raw, found)
    texts = [q.text for q in found]
    assert "564.32億元" in texts
    assert "18.8個百分點" in texts


# --------------------------------------------------------------------------------------------
# API details
# --------------------------------------------------------------------------------------------


def test_quantity_is_frozen_and_serializable() -> None:
    (q,) = find_quantities("总投资近70亿元")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.start = 0  # type: ignore[misc]
    d = q.as_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert d["unit"] == "CNY"
    assert d["dimension"] == "currency"
    assert (d["low"], d["high"]) == (None, None)
    assert d["approx"] == "about"
    assert d["category"] == "quantity"
    assert d["value_text"] == "70亿"


@pytest.mark.parametrize(
    ("text", "value_text"),
    [
        ("1.12万余人次", "1.12万"),
        ("2000多家", "2000"),
        ("10多万吨", "10多万"),
        ("两位", "两"),
        ("第十四屆", "十四"),
        ("G217", "G217"),
        ("2023年8月底", "2023年8月底"),
    ],
)
def test_value_text(text: str, value_text: str) -> None:
    (q,) = find_quantities(text)
    assert q.value_text == value_text


@pytest.mark.parametrize("bad", [None, 123, b"564.32\xe4\xba\xbf", ["1%"]])
def test_non_string_input_gives_empty_list(bad: Any) -> None:
    assert find_quantities(bad) == []


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("9" * 5000 + "%", [(0, 5000, "identifier")]),  # 12+ digits are a code, not a number
        ("1." + "9" * 5000 + "亿元", [(0, 5004, "quantity")]),
        ("1" + ",999" * 2000 + "万亿元", [(0, 8004, "quantity")]),  # too large: number None
        ("一二三四五六七八九十百千万亿" * 100 + "元", []),  # no numeral cn2an can read
        ("第" * 1000, []),
        ("\ud800" + "12%", [(1, 4, "quantity")]),  # a lone surrogate
        ("𠮷12万吨𠮷", [(1, 5, "quantity")]),
    ],
)
def test_extreme_inputs(strict: None, text: str, spans: list[tuple[int, int, str]]) -> None:
    found = find_quantities(text)
    check_invariants(text, found)
    assert [(q.start, q.end, q.category.value) for q in found] == spans


def test_surrogate_plane_offsets() -> None:
    (q,) = find_quantities("𠮷12万吨")
    assert (q.start, q.end, q.text) == (1, 5, "12万吨")


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

PIECES = [
    *"0123456789０１２３４５６７８９.,，、%％‰-—~()（）:/ \n“”‘’",
    *"〇零一二三四五六七八九十百千万亿两兩萬億點",
    *"个家列人次项批袋倍吨元年月日号时分秒天周第届级类期成之季度前上午下午",
    "百分之",
    "分之",
    "个百分点",
    "個百分點",
    "km/h",
    "km",
    "万亿",
    "亿元",
    "億元",
    "万吨",
    "人次",
    "列次",
    "以上",
    "以下",
    "左右",
    "不到",
    "不足",
    "超过",
    "超",
    "近",
    "约",
    "签约",
    "多",
    "余",
    "十四五",
    "一带一路",
    "三个代表",
    "G217",
    "W0202_800",
    "400-0123-021",
    "13391219793",
    "2024-08-08",
    "15:41:24",
    # ranges, vague numerals, units of the inventory, names
    *"至到~—数几上近余多亩顷斤度点电《》∶/",
    "指数",
    "十几",
    "三四",
    "七八十",
    "数百",
    "上万",
    "近千",
    "百余",
    "千瓦",
    "万千瓦",
    "千瓦时",
    "微克/立方米",
    "美元/桶",
    "元/吨",
    "坚戈",
    "毫秒",
    "立方米",
    "亿方",
    "个基点",
    "对",
    "艘",
    "运-",
    "和平使命-",
    "1∶500万",
    "10-2",
    "“9610”",
    "《中国制造2025》",
    # labels, places, phones and codes, lengths of time, tenths (guidelines R19-R26)
    *"“”‘’、",
    "两区",
    "五大口岸",
    "三中心",
    "一港",
    "道班",
    "五家渠",
    "热线:",
    "拨打",
    "电话:(",
    "股票代码:",
    "688317)",
    "2836 5180",
    "一成",
    "八五折",
    "一年",
    "提前",
    "上下",
    "约合",
    "位元",
    "兆位元",
    "自然箱",
    # digit groups, codes, names and dates of the second development set
    *"+()（）转",
    "(852) ",
    "+86 ",
    "0991 ",
    "400 ",
    "-8776 ",
    "分机",
    "GB ",
    "GB/T ",
    "ISO ",
    ".HK",
    "4.6.1",
    "版",
    "税号",
    "代码",
    "NX885/",
    "号",
    "国道",
    "二环",
    "双11",
    "国三",
    "周三",
    "星期",
    "首三季",
    "第三季",
    "\n一、",
    "节",
    "航速",
    "两",
    "斤多",
    "担",
    "晚",
    "星级",
    "载重吨",
    "标准立方米/小时",
    "厘牛/特克斯",
    "TOPS",
    "破万",
    "几类",
]
number_like = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


_PROPERTY = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@_PROPERTY
@given(text=number_like)
def test_property_number_like_text(strict: None, text: str) -> None:
    check_invariants(text, find_quantities(text))


@_PROPERTY
@given(text=st.text(max_size=200))
def test_property_any_unicode(strict: None, text: str) -> None:
    check_invariants(text, find_quantities(text))


@_PROPERTY
@given(text=st.lists(st.one_of(number_like, st.text(max_size=10)), max_size=8).map("".join))
def test_property_mixed(strict: None, text: str) -> None:
    found = find_quantities(text)
    check_invariants(text, found)
    # Deterministic: the same input gives the same output.
    assert find_quantities(text) == found
