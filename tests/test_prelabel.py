"""Tests of silkroad_news.prelabel: gazetteer and jieba entity rules, VALUE guesses, versioning."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path
from typing import Any

import opencc
import pytest

from silkroad_news import prelabel
from silkroad_news.prelabel import (
    GAZETTEER,
    guess_entities,
    guess_values,
    model_version,
    rules_hash,
)
from silkroad_news.schema import Approx, ClaimKind, Direction, EntityType, Modality

SRC = Path(__file__).resolve().parents[1] / "src"
T2S = opencc.OpenCC("t2s")


def _found(text: str, simplified: str | None = None) -> list[tuple[str, str, str]]:
    return [(g.text, g.type.value, g.source) for g in guess_entities(text, simplified)]


def test_gazetteer_takes_the_longest_name() -> None:
    text = "刚刚结束的第三届“一带一路”国际合作高峰论坛,为高质量共建“一带一路”擘画了蓝图。"
    found = _found(text)
    assert ("第三届“一带一路”国际合作高峰论坛", "EVENT", "gazetteer") in found
    assert ("一带一路", "PROGRAM", "gazetteer") in found
    assert sum(1 for f in found if f[0] == "一带一路") == 1  # not again inside the forum name
    found = _found("截至2月12日,霍尔果斯铁路口岸开行中欧(中亚)班列822列")
    assert ("霍尔果斯铁路口岸", "FAC", "gazetteer") in found
    assert ("中欧(中亚)班列", "PRODUCT", "gazetteer") in found
    assert not any(f[0] == "霍尔果斯" for f in found)


def test_traditional_text_matches_on_the_simplified_view() -> None:
    text = "上半年,喀什地區進出口總值達564.32億元;自治區商務廳表示"
    simplified = T2S.convert(text)
    assert len(simplified) == len(text)
    guesses = guess_entities(text, simplified)
    by_text = {g.text: g for g in guesses}
    assert by_text["喀什地區"].type is EntityType.GPE
    assert by_text["自治區商務廳"].type is EntityType.ORG
    for g in guesses:
        assert text[g.start : g.end] == g.text  # cut from the original script
    # Without the view the Traditional names are not in the gazetteer.
    assert "喀什地區" not in {g.text for g in guess_entities(text)}


def test_jieba_fills_in_names_outside_the_gazetteer() -> None:
    found = _found("𠮷市长王小明在北京会见外交部发言人")
    assert ("王小明", "PERSON", "jieba:nr") in found
    assert ("北京", "GPE", "jieba:ns") in found
    assert ("外交部", "ORG", "jieba:nt") in found
    guesses = guess_entities("𠮷市长王小明在北京会见外交部发言人")
    assert guesses[0].start == 3  # 𠮷 counts as one code point
    # nrt is left out: jieba gives it to places as well (哈萨克斯坦 comes out nrt).
    assert "阿里巴巴" not in {f[0] for f in _found("阿里巴巴集团")}
    # Common words jieba tags as names are on the stoplist (高水平 comes out nr).
    assert _found("以高水平开放推动发展,吸引顾客") == []


def test_guesses_never_overlap_and_are_sorted() -> None:
    text = (
        "哈萨克斯坦总统托卡耶夫和巴基斯坦总理卡卡尔在结束出席第三届“一带一路”国际合作"
        "高峰论坛后,先后专程到访新疆。自治区商务厅党组书记、副厅长李轩说。"
    )
    guesses = guess_entities(text)
    assert [g.start for g in guesses] == sorted(g.start for g in guesses)
    for a, b in itertools.pairwise(guesses):
        assert a.end <= b.start
    assert {"托卡耶夫", "卡卡尔", "李轩", "自治区商务厅", "新疆"} <= {g.text for g in guesses}


def test_misaligned_view_is_refused() -> None:
    with pytest.raises(ValueError, match="simplified view has length 2 but the text has 3"):
        guess_entities("喀什區", "喀什")


class Q:
    """A Quantity as find_quantities returns it (the numbers module's contract)."""

    def __init__(self, text: str, sub: str, number: float | None, unit: Any, unit_text: str,
                 category: str = "quantity", approx: Approx = Approx.EXACT) -> None:  # fmt: skip
        self.start = text.index(sub)
        self.end = self.start + len(sub)
        self.text, self.number, self.unit, self.unit_text = sub, number, unit, unit_text
        self.category, self.approx = category, approx


def test_value_cues_fill_kind_direction_and_modality() -> None:
    text = (
        "预计全年进出口增长5%,占全疆的41.1%;输送能力可由每年500万吨提升至836万吨,共2000多家企业。"
    )
    qs = [
        Q(text, "5%", 5.0, "%", "%"),
        Q(text, "41.1%", 41.1, "%", "%"),
        Q(text, "500万吨", 5e6, "t", "万吨"),
        Q(text, "836万吨", 8.36e6, "t", "万吨"),
        Q(text, "2000多家", 2000.0, "count:家", "家", approx=Approx.AT_LEAST),
        Q(text, "全年", None, None, "", category="date"),
    ]
    got = {v.text: v for v in guess_values(text, find_quantities=lambda t: qs)}
    assert set(got) == {"5%", "41.1%", "500万吨", "836万吨", "2000多家"}
    # The inventory's codes reach the guesses as the schema's units: count:家 is count.
    assert got["2000多家"].unit == "count:家" and got["500万吨"].unit == "t"
    assert (got["5%"].kind, got["5%"].direction, got["5%"].modality) == (
        ClaimKind.CHANGE_RATE,
        Direction.UP,
        Modality.FORECAST,
    )
    assert (got["41.1%"].kind, got["41.1%"].direction) == (ClaimKind.SHARE, Direction.NONE)
    assert got["41.1%"].modality is Modality.ACTUAL  # cues stop at the clause break
    # Amounts carry no direction even after 提升; a capacity is planned.
    assert (got["836万吨"].kind, got["836万吨"].direction) == (ClaimKind.AMOUNT, Direction.NONE)
    assert got["836万吨"].modality is Modality.PLANNED
    assert (got["2000多家"].kind, got["2000多家"].approx) == (ClaimKind.COUNT, Approx.AT_LEAST)


def test_values_with_the_real_recognizer_on_traditional_text() -> None:
    text = "上半年,喀什地區進出口總值達564.32億元,同比增長67.2%,高出全疆增速18.8個百分點。"
    got = {v.text: v for v in guess_values(text, T2S.convert(text))}
    assert got["564.32億元"].number == 56432000000.0
    assert got["564.32億元"].unit == "CNY" and got["564.32億元"].unit_text == "億元"
    assert got["67.2%"].kind is ClaimKind.CHANGE_RATE and got["67.2%"].direction is Direction.UP
    assert got["18.8個百分點"].unit == "pp"
    assert got["18.8個百分點"].kind is ClaimKind.DIFFERENCE


def test_model_version_names_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    version = model_version()
    assert version == f"prelabel-{prelabel.PRELABEL_VERSION}-{rules_hash()}"
    assert model_version() == version
    rules_hash.cache_clear()
    monkeypatch.setitem(GAZETTEER, "新名字", EntityType.ORG)
    try:
        assert model_version() != version
    finally:
        rules_hash.cache_clear()
        monkeypatch.undo()
    assert model_version() == version


def test_jieba_is_silent_and_offline() -> None:
    """First use in a fresh interpreter prints nothing (jieba logs its dictionary loading)."""
    code = "from silkroad_news.prelabel import guess_entities; guess_entities('市长王小明在北京')"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
