"""How much an annotator must edit a pre-annotation to reach the gold, per model.

Contract:

- :func:`effort` compares one model guess with one passage's gold
  (:class:`~silkroad_news.labelstudio.models.PassageGuess`, the gold as a guess) and counts
  the editor actions, per layer: a predicted region with the gold's span and label is kept;
  a predicted region that overlaps a gold region of the same layer left unmatched (largest
  overlap first) is one *change* (a boundary or label fix); any other predicted region is a
  *delete*, any gold region left over an *add*. Entities are one layer, the claim regions
  (VALUE, METRIC, SUBJECT, TIME; shared parts are one region, a subject on an entity's span
  is the entity) another. On every VALUE the gold keeps, each attribute that differs or is
  missing is one *attribute fix* (the unit counts as what its ``unit_text`` gives when
  unset, as on import). A relation is kept when both its ends map to the gold's ends of a
  gold relation of the same label; other predicted relations are deletes, the gold's others
  adds.
- :func:`effort_table` trains nothing itself: it asks
  :func:`~silkroad_news.labelstudio.models.model_guesses` for every mix and renders the
  Markdown committed as ``annotations/preannotation_effort.md`` (``labelstudio effort``),
  once over all passages and once over the test split, which the models never saw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from silkroad_news.labelstudio.config import ATTRIBUTES, CHOICE_ATTRIBUTES
from silkroad_news.labelstudio.convert import derived_unit, unit_value
from silkroad_news.labelstudio.models import ClaimGuess, PassageGuess, _gold_guess, model_guesses
from silkroad_news.records import CLAIM_PARTS
from silkroad_news.schema import PassageAnnotation

EFFORT_FILE = Path("annotations/preannotation_effort.md")
#: The mixes measured, in the table's order (``none``: no pre-annotation at all).
MIXES: tuple[tuple[str, ...], ...] = ((), ("rules",), ("crf",), ("claims",), ("crf", "claims"))


@dataclass
class Effort:
    entities_add: int = 0
    entities_change: int = 0
    entities_delete: int = 0
    claims_add: int = 0
    claims_change: int = 0
    claims_delete: int = 0
    attributes_fix: int = 0
    relations_add: int = 0
    relations_delete: int = 0

    def __add__(self, other: Effort) -> Effort:
        return Effort(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def regions(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self) if f.name.startswith(("ent", "cla")))

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))


Region = tuple[int, int, str]


def _match(
    pred: Sequence[Region], gold: Sequence[Region]
) -> tuple[dict[Region, Region], int, int, int]:
    """pred region -> gold region for kept and changed ones; (changes, deletes, adds)."""
    mapping: dict[Region, Region] = {}
    gold_left = set(gold)
    pred_left = []
    for r in pred:
        if r in gold_left:
            mapping[r] = r
            gold_left.discard(r)
        else:
            pred_left.append(r)
    pairs = sorted(
        (
            (min(p[1], g[1]) - max(p[0], g[0]), p, g)
            for p in pred_left
            for g in gold_left
            if min(p[1], g[1]) > max(p[0], g[0])
        ),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    changes = 0
    for _, p, g in pairs:
        if p in mapping or g not in gold_left:
            continue
        mapping[p] = g
        gold_left.discard(g)
        changes += 1
    deletes = sum(1 for p in pred_left if p not in mapping)
    return mapping, changes, deletes, len(gold_left)


def _claim_regions(guess: PassageGuess) -> tuple[list[Region], list[tuple[Region, str, Region]]]:
    entity_spans = {(s, e): (s, e, t) for s, e, t in guess.entities}
    regions: dict[Region, None] = {}
    relations = []
    for c in guess.claims:
        value = (c.value.start, c.value.end, "VALUE")
        regions[value] = None
        for name in CLAIM_PARTS:
            span = c.parts.get(name)
            if span is None:
                continue
            key = (span.start, span.end)
            if name == "subject" and key in entity_spans:
                target = entity_spans[key]
            else:
                target = (span.start, span.end, name.upper())
                regions[target] = None
            relations.append((value, name, target))
    return list(regions), relations


def _attributes(c: ClaimGuess) -> dict[str, Any]:
    out = {name: c.attributes.get(name) for name in ATTRIBUTES}
    if out.get("unit") is None and "unit" in out:
        unit = derived_unit(out.get("unit_text") or "", c.value.text)
        out["unit"] = None if unit is None else unit_value(unit)
    if out.get("number") is not None:
        out["number"] = float(out["number"])
    return {
        k: (v.value if hasattr(v, "value") and k in CHOICE_ATTRIBUTES else v)
        for k, v in out.items()
    }


def effort(guess: PassageGuess, gold: PassageGuess) -> Effort:
    """The edits from ``guess`` to ``gold`` in one passage (module docstring)."""
    out = Effort()
    ent_map, out.entities_change, out.entities_delete, out.entities_add = _match(
        sorted(set(guess.entities)), sorted(set(gold.entities))
    )
    pred_regions, pred_relations = _claim_regions(guess)
    gold_regions, gold_relations = _claim_regions(gold)
    claim_map, out.claims_change, out.claims_delete, out.claims_add = _match(
        pred_regions, gold_regions
    )
    gold_values = {(c.value.start, c.value.end): c for c in gold.claims}
    for c in guess.claims:
        target = claim_map.get((c.value.start, c.value.end, "VALUE"))
        if target is None or target[2] != "VALUE":
            continue
        mine, theirs = _attributes(c), _attributes(gold_values[(target[0], target[1])])
        out.attributes_fix += sum(1 for k in theirs if mine.get(k) != theirs[k])
    mapping = {**ent_map, **claim_map}
    wanted = set(gold_relations)
    kept = set()
    for value, name, target in pred_relations:
        mapped = (mapping.get(value), name, mapping.get(target))
        if mapped in wanted and mapped not in kept:
            kept.add(mapped)
        else:
            out.relations_delete += 1
    out.relations_add = len(wanted - kept)
    return out


def measure(
    guesses: Mapping[str, PassageGuess],
    gold: Mapping[str, PassageAnnotation],
    passages: Sequence[str],
) -> Effort:
    total = Effort()
    for pid in passages:
        total += effort(guesses.get(pid, PassageGuess()), _gold_guess(gold[pid]))
    return total


def effort_table(root: Path) -> str:
    """The Markdown of ``annotations/preannotation_effort.md`` (module docstring)."""
    from silkroad_news.annotations import GOLD_FILE, read_gold
    from silkroad_news.baselines.run import load_data
    from silkroad_news.corpus import load_documents
    from silkroad_news.labelstudio.tasks import passage_tasks

    root = Path(root).resolve()
    gold = {a.passage_id: a for a in read_gold(root / GOLD_FILE)}
    tasks = [t for t in passage_tasks(load_documents(root)) if t["data"]["passage_id"] in gold]
    every = [t["data"]["passage_id"] for t in tasks]
    test = {r["id"] for r in load_data(root).rows["ner"]["test"]}
    test_ids = [p for p in every if p in test]
    lines = [
        "# Pre-annotation effort",
        "",
        "How many edits an annotator makes in Label Studio to turn each model's pre-annotation",
        "into the committed gold (`silkroad-news labelstudio push --model ...`). Regenerate with",
        "`silkroad-news labelstudio effort` (it trains the CRF and the claims baseline on the",
        "committed train split, as `push --model` does). Counting rules: the module docstring of",
        "`silkroad_news/labelstudio/effort.py`. A *change* is a region kept but moved or",
        "relabeled; an *attribute fix* is one field of a kept VALUE set or corrected.",
        "",
        "The rules (`silkroad_news.prelabel`) were written while reading these three articles",
        "(their gazetteer lists the articles' names): their figures are in-sample on every",
        "split. The CRF and the claims baseline are in-sample on the train split only; the",
        "second table, on the test split, is their honest figure.",
        "",
    ]
    for title, ids in (
        (f"All {len(every)} passages (the models saw the train split's passages)", every),
        (f"Test split only ({len(test_ids)} passages the models never saw)", test_ids),
    ):
        base = measure({}, gold, ids)
        lines += [
            f"## {title}",
            "",
            f"Gold: {base.entities_add} entity regions, {base.claims_add} claim regions, "
            f"{base.relations_add} relations.",
            "",
            "| model | entities add / change / delete | claim regions add / change / delete "
            "| attribute fixes | relations add / delete | edits in all | saved vs none |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        none_total = None
        for mix in MIXES:
            guesses = model_guesses(root, tasks, mix) if mix else {}
            e = measure(guesses, gold, ids)
            if not mix:
                # from scratch every VALUE's attributes are typed too
                e.attributes_fix = sum(len(ATTRIBUTES) for p in ids for _ in gold[p].claims)
                none_total = e.total
            saved = "" if none_total is None or not mix else f"{1 - e.total / none_total:.0%}"
            lines.append(
                f"| {'+'.join(mix) or 'none (from scratch)'} | {e.entities_add} / "
                f"{e.entities_change} / {e.entities_delete} | {e.claims_add} / {e.claims_change} "
                f"/ {e.claims_delete} | {e.attributes_fix} | {e.relations_add} / "
                f"{e.relations_delete} | {e.total} | {saved} |"
            )
        lines.append("")
    return "\n".join(lines)
