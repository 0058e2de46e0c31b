"""Tests of silkroad_news.text: OpenCC views that keep offsets, jieba loaded once and quietly."""

from __future__ import annotations

import pytest

from silkroad_news import text
from silkroad_news.schema import SchemaError


def test_the_simplified_view_keeps_every_offset() -> None:
    trad = "喀什地區進出口總值達564.32億元\n同比增長67.2%"
    view = text.simplified_view(trad, "t")
    assert view == "喀什地区进出口总值达564.32亿元\n同比增长67.2%"
    assert len(view) == len(trad) and view.index("\n") == trad.index("\n")
    assert text.to_traditional("进出口总值") == "進出口總值"


@pytest.mark.parametrize(
    ("convert", "message"),
    [
        (lambda s: s + "\n", r"f\.txt: OpenCC t2s changed the length of the text$"),
        (lambda s: "喀什x\n", r"f\.txt: OpenCC t2s changed the length of a line \(2 -> 3\)"),
        (lambda s: "喀\nx", r"f\.txt: OpenCC t2s moved a line break$"),
    ],
)
def test_a_view_that_moves_offsets_is_refused(monkeypatch, convert, message: str) -> None:
    monkeypatch.setattr(text, "to_simplified", convert)
    with pytest.raises(SchemaError, match=message):
        text.simplified_view("喀什\n", "f.txt")


def test_jieba_is_one_tokenizer_shared_by_words_and_parts_of_speech() -> None:
    # (that loading it prints nothing is checked in a fresh interpreter by test_prelabel.py)
    assert text.jieba_posseg().dt.tokenizer is text.jieba_tokenizer()
    assert "".join(text.jieba_tokenizer().cut("喀什地区进出口总值")) == "喀什地区进出口总值"
    assert text.jieba_version()
