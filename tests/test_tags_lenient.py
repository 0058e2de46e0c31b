"""The lenient decoder reads every tag sequence as conlleval (and seqeval's default mode) reads
it, counts what breaks the scheme, and equals the strict decoder on well-formed input."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import get_entities

from silkroad_news.tags import (
    BIO,
    BIOES,
    SCHEMES,
    LabeledSpan,
    TagSet,
    decode_ids,
    decode_ids_lenient,
    encode,
)

LABELS = ["X", "Y"]


def _lenient(rows: list[list[str]], scheme):
    tagset = TagSet.for_labels(LABELS, scheme)
    decoded = decode_ids_lenient(*tagset.ids(rows), tagset)
    spans: list[list[tuple[int, int, str]]] = [[] for _ in rows]
    for row, start, end, label in zip(*(a.tolist() for a in decoded.spans), strict=True):
        spans[row].append((start, end, tagset.labels[label]))
    return spans, decoded.counts, decoded.first


def _tags(scheme) -> st.SearchStrategy[str]:
    return st.sampled_from(["O", *(f"{p}-{label}" for p in scheme.prefixes for label in LABELS)])


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_lenient_reading_is_conllevals(data: st.DataObject) -> None:
    # seqeval's default mode is conlleval's reading; it knows B, I, E, S (not M)
    scheme = data.draw(st.sampled_from([BIO, BIOES]))
    rows = data.draw(st.lists(st.lists(_tags(scheme), max_size=12), min_size=1, max_size=4))
    spans, counts, _ = _lenient(rows, scheme)
    for row, got in zip(rows, spans, strict=True):
        expected = [(start, end + 1, label) for label, start, end in get_entities(row)]
        assert got == sorted(expected)
    if all(c == 0 for c in counts.values()):  # nothing counted: the strict decoder agrees
        tagset = TagSet.for_labels(LABELS, scheme)
        strict = decode_ids(*tagset.ids(rows), tagset)
        assert sum(map(len, spans)) == len(strict.start)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_well_formed_sequences_decode_as_strictly_with_nothing_counted(
    data: st.DataObject,
) -> None:
    scheme = data.draw(st.sampled_from(SCHEMES))
    rows = []
    for _ in range(data.draw(st.integers(1, 4))):
        length = data.draw(st.integers(0, 10))
        cuts = sorted(data.draw(st.sets(st.integers(0, length), max_size=6)))
        spans = [
            LabeledSpan(a, b, data.draw(st.sampled_from(LABELS)))
            for a, b in zip(cuts[::2], cuts[1::2], strict=False)
            if a < b
        ]
        rows.append(encode(spans, length, scheme))
    tagset = TagSet.for_labels(LABELS, scheme)
    ids, lengths = tagset.ids(rows)
    lenient = decode_ids_lenient(ids, lengths, tagset)
    strict = decode_ids(ids, lengths, tagset)
    assert all(v == 0 for v in lenient.counts.values()) and lenient.first == {}
    for a, b in zip(lenient.spans, strict, strict=True):
        assert np.array_equal(a, b)


def test_each_kind_is_counted_where_it_first_happens() -> None:
    rows = [["B-X", "I-X"], ["I-X", "O", "I-Y", "B-X", "I-Y"]]
    spans, counts, first = _lenient(rows, BIO)
    assert spans == [[(0, 2, "X")], [(0, 1, "X"), (2, 3, "Y"), (3, 4, "X"), (4, 5, "Y")]]
    assert counts == {"cut": 1, "no_begin": 1, "label_change": 1, "unclosed": 0}
    assert first == {"cut": 2, "no_begin": 4, "label_change": 6}  # flat positions
    # BIOES: an entity left open, continuing tags after a closed one; a cut counts once
    spans, counts, _ = _lenient([["B-X", "O", "E-X", "S-X", "E-X"], ["B-X", "I-X"], ["E-X"]],
                                BIOES)  # fmt: skip
    assert spans == [
        [(0, 1, "X"), (2, 3, "X"), (3, 4, "X"), (4, 5, "X")],
        [(0, 2, "X")],
        [(0, 1, "X")],
    ]
    assert counts == {"cut": 1, "no_begin": 2, "label_change": 0, "unclosed": 1}


def test_a_single_after_a_begin_leaves_the_begin_unclosed() -> None:
    # found by the property test above: S-X is not a continuing tag, so B-X S-X is two
    # entities and the first one was never closed, as the strict decoder says
    spans, counts, first = _lenient([["B-X", "S-X"], ["O", "B-Y", "S-Y", "E-Y"]], BIOES)
    assert spans == [[(0, 1, "X"), (1, 2, "X")], [(1, 2, "Y"), (2, 3, "Y"), (3, 4, "Y")]]
    assert counts == {"cut": 0, "no_begin": 1, "label_change": 0, "unclosed": 2}
    assert first == {"no_begin": 5, "unclosed": 0}
