"""The gold diff of ``labelstudio sync``: one line per entity or claim added, removed or
changed, in span order (golden lines on a committed gold passage)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from silkroad_news.labelstudio.sync import passage_diff
from silkroad_news.records import annotation_from_json
from silkroad_news.schema import EntityType

GOLD = Path(__file__).resolve().parents[1] / "annotations" / "gold.jsonl"


def _passage(pid: str):
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["passage_id"] == pid:
            return annotation_from_json(record, pid)
    raise AssertionError(pid)


def test_passage_diff_lists_entities_then_claims_in_span_order() -> None:
    old = _passage("shiliuyun-core-area-p06")
    assert passage_diff(old, old) == []
    first, *rest = old.entities
    claim, *others = old.claims
    new = dataclasses.replace(
        old,
        entities=(dataclasses.replace(first, type=EntityType.ORG), *rest[1:]),
        claims=tuple(others),
    )
    e0, e1 = first, rest[0]
    c = claim.value
    assert passage_diff(old, new) == [
        f"entity changed {e0.text} [{e0.start}, {e0.end}) {e0.type.value} -> ORG",
        f"entity removed {e1.text} [{e1.start}, {e1.end}) {e1.type.value}",
        f"claim removed {c.text} [{c.start}, {c.end}) {claim.kind.value}",
    ]
    assert passage_diff(new, old)[1:] == [
        f"entity added {e1.text} [{e1.start}, {e1.end}) {e1.type.value}",
        f"claim added {c.text} [{c.start}, {c.end}) {claim.kind.value}",
    ]
    moved = dataclasses.replace(old, claims=(dataclasses.replace(claim, number=3.0), *others))
    assert passage_diff(old, moved) == [
        f"claim changed {c.text} [{c.start}, {c.end}): number {claim.number!r} -> 3.0"
    ]
    assert passage_diff(None, old)[0].startswith("entity added ")
    assert passage_diff(old, None)[-1].startswith("claim removed ")
