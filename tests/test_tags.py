"""The span ↔ tag codec: round trips in every scheme, strict decoding, scheme detection."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkroad_news.schema import EntityType, SchemaError, ner_tag_names
from silkroad_news.tags import (
    BIO,
    BIOES,
    BMES,
    SCHEMES,
    LabeledSpan,
    TagError,
    TagSet,
    convert,
    decode,
    decode_ids,
    detect_scheme,
    encode,
    split_tag,
    tag_names,
)

LABELS = ["ORG", "GPE", "B-X", "FAC"]  # "B-X" checks that labels may contain "-"


@st.composite
def spans_and_length(draw: st.DrawFn) -> tuple[list[LabeledSpan], int]:
    """Non-overlapping spans over a sequence of random length."""
    length = draw(st.integers(0, 40))
    cuts = sorted(draw(st.lists(st.integers(0, length), max_size=12)))
    spans = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if start < end:
            spans.append(LabeledSpan(start, end, draw(st.sampled_from(LABELS))))
    return spans, length


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.name)
@given(case=spans_and_length())
@settings(max_examples=300, deadline=None)
def test_round_trip(scheme, case) -> None:
    spans, length = case
    tags = encode(spans, length, scheme)
    assert len(tags) == length
    assert decode(tags, scheme) == spans
    # Every scheme carries the same spans, so converting through another scheme is lossless.
    for other in SCHEMES:
        assert convert(convert(tags, scheme, other), other, scheme) == tags


@given(case=spans_and_length())
@settings(max_examples=200, deadline=None)
def test_batch_decoding_equals_one_by_one(case) -> None:
    spans, length = case
    rows = [encode(spans, length), [], encode(spans[:1], length), encode(spans[::-1], length)]
    tagset = TagSet.for_labels(LABELS)
    ids, lengths = tagset.ids(rows)
    arr = decode_ids(ids, lengths, tagset)
    got = [[] for _ in rows]
    for r, s, e, lab in zip(arr.row, arr.start, arr.end, arr.label, strict=True):
        got[r].append(LabeledSpan(int(s), int(e), tagset.labels[lab]))
    assert got == [decode(r) for r in rows]


def test_examples_per_scheme() -> None:
    spans = [LabeledSpan(0, 1, "ORG"), LabeledSpan(2, 5, "GPE")]
    assert encode(spans, 6, BIO) == ["B-ORG", "O", "B-GPE", "I-GPE", "I-GPE", "O"]
    assert encode(spans, 6, BIOES) == ["S-ORG", "O", "B-GPE", "I-GPE", "E-GPE", "O"]
    assert encode(spans, 6, BMES) == ["S-ORG", "O", "B-GPE", "M-GPE", "E-GPE", "O"]
    # Adjacent entities of one type stay two entities.
    assert decode(["B-ORG", "B-ORG", "I-ORG"]) == [
        LabeledSpan(0, 1, "ORG"),
        LabeledSpan(1, 3, "ORG"),
    ]


def test_tag_names_are_the_schema_class_labels() -> None:
    assert tag_names(EntityType.values(), BIO) == ner_tag_names()
    tagset = TagSet.from_names(ner_tag_names())
    assert tagset.scheme is BIO
    assert tagset.labels == tuple(EntityType.values())
    assert tag_names(["ORG"], BIOES) == ["O", "B-ORG", "I-ORG", "E-ORG", "S-ORG"]
    assert tag_names(["ORG"], BMES) == ["O", "B-ORG", "M-ORG", "E-ORG", "S-ORG"]


@pytest.mark.parametrize(
    ("tags", "scheme", "message"),
    [
        (["O", "I-ORG"], BIO, r"tags\[1\]: 'I-ORG' follows 'O'; an entity must begin with 'B-ORG'"),
        (["B-GPE", "I-ORG"], BIO, r"tags\[1\]: 'I-ORG' follows 'B-GPE'"),
        (["I-ORG", "I-ORG"], BIO, r"tags\[0\]: 'I-ORG' starts the sequence"),
        (["B-ORG", "O", "I-ORG"], BIO, r"tags\[2\]: 'I-ORG' follows 'O'"),
        (
            ["B-ORG", "O"],
            BIOES,
            r"tags\[0\]: 'B-ORG' is followed by 'O'; a BIOES entity must end "
            r"with 'E-ORG' \(one token: 'S-ORG'\)",
        ),
        (["B-ORG", "I-ORG"], BIOES, r"tags\[1\]: 'I-ORG' ends the sequence"),
        (["S-ORG", "E-ORG"], BIOES, r"tags\[1\]: 'E-ORG' follows 'S-ORG'"),
        (["B-ORG", "E-GPE"], BIOES, r"tags\[1\]: 'E-GPE' follows 'B-ORG'"),
        (["O", "M-ORG", "E-ORG"], BMES, r"tags\[1\]: 'M-ORG' follows 'O'"),
        (["B-ORG", "B-ORG"], BMES, r"tags\[0\]: 'B-ORG' is followed by 'B-ORG'"),
        (["E-ORG"], BIO, r"tags\[0\]: 'E-ORG' is not a BIO tag"),
        (["O", "ORG"], BIO, r"tags\[1\]: 'ORG' is not a BIO tag"),
        (["O", 3], BIO, r"tags\[1\]: 3 is not a BIO tag"),
        (["O", ["B-ORG"]], BIO, r"tags\[1\]: \['B-ORG'\] is not a BIO tag"),
    ],
)
def test_strict_decoding_names_the_position(tags, scheme, message) -> None:
    with pytest.raises(TagError, match=message):
        decode(tags, scheme)


def test_batch_error_names_row_and_position() -> None:
    tagset = TagSet.for_labels(["ORG"])
    ids, lengths = tagset.ids([["B-ORG", "I-ORG"], [], ["I-ORG"]])
    with pytest.raises(TagError) as info:
        decode_ids(ids, lengths, tagset)
    assert (info.value.row, info.value.index) == (2, 0)
    # An entity never runs on into the next sequence.
    ids, lengths = tagset.ids([["B-ORG"], ["I-ORG"]])
    with pytest.raises(TagError, match="starts the sequence"):
        decode_ids(ids, lengths, tagset)


def test_decode_ids_checks_lengths() -> None:
    with pytest.raises(ValueError, match="lengths add up to 3 but there are 2 tags"):
        decode_ids(np.array([0, 0]), np.array([3]), TagSet.for_labels(["ORG"]))


@pytest.mark.parametrize(
    ("tags", "scheme"),
    [
        ([], BIO),
        (["O"], BIO),
        (["B-ORG", "I-ORG", "O"], BIO),
        (["B-ORG", "O"], BIO),
        (["S-ORG", "O"], BIOES),
        (["B-ORG", "E-ORG"], BIOES),
        (["B-ORG", "I-ORG", "E-ORG"], BIOES),
        (["B-ORG", "M-ORG", "E-ORG"], BMES),
    ],
)
def test_detect_scheme(tags, scheme) -> None:
    assert detect_scheme(tags) is scheme


def test_detect_scheme_refuses_mixtures() -> None:
    with pytest.raises(SchemaError, match=r"mix 'I-' .* and 'M-'"):
        detect_scheme(["B-ORG", "I-ORG", "M-ORG"])
    with pytest.raises(SchemaError, match=r"prefix\(es\) \['X'\] that no scheme has"):
        detect_scheme(["X-ORG"])
    with pytest.raises(SchemaError, match="is not a tag"):
        split_tag("B-")


def test_encode_refuses_bad_spans() -> None:
    with pytest.raises(SchemaError, match="overlaps"):
        encode([LabeledSpan(0, 3, "ORG"), LabeledSpan(2, 4, "GPE")], 5)
    with pytest.raises(SchemaError, match="empty or outside"):
        encode([LabeledSpan(2, 2, "ORG")], 5)
    with pytest.raises(SchemaError, match="empty or outside"):
        encode([LabeledSpan(3, 6, "ORG")], 5)
    with pytest.raises(SchemaError, match="no valid label"):
        encode([LabeledSpan(0, 1, "")], 5)


def test_tagset_refuses_repeated_names() -> None:
    with pytest.raises(SchemaError, match="tag names repeat"):
        TagSet.from_names(["O", "B-ORG", "B-ORG"])
