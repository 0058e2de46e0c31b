"""Passage-level splits and cross-validation folds: grouped, stratified, stable, committed.

Contract
--------
* Unit: the passage. Passages of one article that repeat each other, a headline or caption that
  restates a paragraph's figure or most of its text, form one **group**; a group never
  straddles two folds, so a model is never tested on a sentence it saw in training.
* Folds 0-4 come from scikit-learn's ``StratifiedGroupKFold`` over the groups (shuffled with a
  recorded seed), stratified by each group's rarest label, so that rare labels are spread
  first. Fold 0 is the **test** split, fold 1 **validation**, folds 2-4 **train**:
  cross-validation over the five folds and the fixed split agree.
* Coverage: both scripts (Simplified and Traditional passages) and every major label (an entity
  type or claim kind found in at least ``MAJOR_MIN`` passages; a rarer label cannot be spread
  over three splits of a corpus this small) must occur in every split.
* Balance: of the ``SEED_TRIES`` seeds from the configured one that cover, the one whose
  validation and test splits come closest to 20% of every label's mentions is recorded (see
  :func:`_imbalance`); ties go to the lowest seed.
* Stability: :func:`assign` keeps every assignment of an existing manifest. New passages join the
  fold of an existing group they repeat; otherwise new groups are folded among themselves (by
  ``StratifiedGroupKFold`` when there are enough, else by a hash of the group's first id).
* ``splits/manifest.json`` records the seed, the method, each passage's split and fold, the id
  lists per split and a SHA-256 over them. Deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import dumps_json, read_json, write_atomic
from .schema import (
    DATA_DIR,
    N_FOLDS,
    SPLIT_OF_FOLD,
    SPLITS,
    Document,
    PassageAnnotation,
    PassageType,
    SchemaError,
)

MANIFEST_FILE = DATA_DIR / "manifest.json"
MAJOR_MIN = 10  # passages
NGRAM = 4
CONTAINMENT = 0.5
SEED_TRIES = 200


@dataclass(frozen=True)
class Assignment:
    split: str
    fold: int


# --------------------------------------------------------------------------------------------
# Groups of near-duplicate passages
# --------------------------------------------------------------------------------------------


def _ngrams(text: str) -> set[str]:
    return {text[i : i + NGRAM] for i in range(max(len(text) - NGRAM + 1, 1))}


def near_duplicate_groups(
    documents: Sequence[Document], gold: Mapping[str, PassageAnnotation]
) -> dict[str, str]:
    """Map each passage id to its group id (the first passage id of the group)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    order = [p.id for d in documents for p in d.passages]
    for pid in order:
        parent[pid] = pid
    short = {PassageType.TITLE, PassageType.HEADLINE, PassageType.CAPTION}
    for d in documents:
        grams = {p.id: _ngrams(d.text[p.start : p.end]) for p in d.passages}
        figures = {
            p.id: {(c.number, c.unit) for c in gold[p.id].claims} if p.id in gold else set()
            for p in d.passages
        }
        for i, a in enumerate(d.passages):
            for b in d.passages[i + 1 :]:
                small = min(len(grams[a.id]), len(grams[b.id]))
                overlap = len(grams[a.id] & grams[b.id]) / small if small else 0.0
                repeats_figure = bool(figures[a.id] & figures[b.id]) and (
                    a.type in short or b.type in short
                )
                if overlap >= CONTAINMENT or repeats_figure:
                    union(a.id, b.id)
    return {pid: find(pid) for pid in order}


# --------------------------------------------------------------------------------------------
# Assignment
# --------------------------------------------------------------------------------------------


def _profile(ann: PassageAnnotation | None, rarity: Mapping[str, int]) -> str:
    """The passage's stratum: its rarest label (by passages found in), so that passages holding
    rare labels are spread over the folds first; ``none`` for a passage without labels."""
    if ann is None:
        return "none"
    labels = labels_of(ann)
    if not labels:
        return "none"
    return min(labels, key=lambda lab: (rarity[lab], lab))


def labels_of(ann: PassageAnnotation) -> set[str]:
    return {f"entity:{e.type.value}" for e in ann.entities} | {
        f"claim:{c.kind.value}" for c in ann.claims
    }


def major_labels(gold: Iterable[PassageAnnotation]) -> list[str]:
    """Labels found in at least ``MAJOR_MIN`` passages."""
    counts: Counter[str] = Counter()
    for a in gold:
        counts.update(labels_of(a))
    return sorted(label for label, n in counts.items() if n >= MAJOR_MIN)


def _fold_groups(groups: Sequence[str], profiles: Sequence[str], seed: int) -> dict[str, int]:
    """Fold of each group: StratifiedGroupKFold over the groups (one sample per group)."""
    import warnings

    from sklearn.model_selection import StratifiedGroupKFold

    distinct = sorted(set(groups))
    if len(distinct) < N_FOLDS:
        return {g: _hash_fold(g, seed) for g in distinct}
    by_group = dict(zip(groups, profiles, strict=True))
    y = [by_group[g] for g in distinct]
    # scikit-learn refuses when no stratum has n_splits members: pool the small strata.
    sizes = Counter(y)
    if max(sizes.values()) < N_FOLDS:
        y = ["pooled"] * len(y)
    else:
        y = [lab if sizes[lab] >= N_FOLDS else "pooled" for lab in y]
    splitter = StratifiedGroupKFold(n_splits=N_FOLDS, shuffle=True, random_state=seed)
    out: dict[str, int] = {}
    with warnings.catch_warnings():
        # a profile rarer than five groups cannot be in every fold; coverage is checked below
        warnings.simplefilter("ignore", UserWarning)
        for fold, (_, test_idx) in enumerate(splitter.split(distinct, y, groups=distinct)):
            for i in test_idx:
                out[distinct[i]] = fold
    return out


def _hash_fold(group: str, seed: int) -> int:
    return int(hashlib.sha256(f"{seed}:{group}".encode()).hexdigest(), 16) % N_FOLDS


def _imbalance(assign: Mapping[str, Assignment], gold: Mapping[str, PassageAnnotation]) -> float:
    """How far label mentions are from a 60/20/20 spread over train/validation/test: the sum
    over labels of the squared differences of the validation and test shares from 0.2."""
    total: Counter[str] = Counter()
    per: dict[str, Counter[str]] = {"validation": Counter(), "test": Counter()}
    for pid, a in assign.items():
        ann = gold.get(pid)
        if ann is None:
            continue
        mentions = [f"entity:{e.type.value}" for e in ann.entities] + [
            f"claim:{c.kind.value}" for c in ann.claims
        ]
        total.update(mentions)
        if a.split in per:
            per[a.split].update(mentions)
    return sum((per[s][lab] / n - 0.2) ** 2 for lab, n in total.items() for s in per)


def _scripts(documents: Sequence[Document]) -> dict[str, str]:
    """``script:Hant`` for passages whose text differs from its simplified view, else Hans."""
    return {
        p.id: "script:Hant"
        if d.text[p.start : p.end] != d.text_simplified[p.start : p.end]
        else "script:Hans"
        for d in documents
        for p in d.passages
    }


def _covers(
    assign: Mapping[str, Assignment],
    gold: Mapping[str, PassageAnnotation],
    majors: Sequence[str],
    scripts: Mapping[str, str] | None = None,
) -> list[str]:
    present: dict[str, set[str]] = {s: set() for s in SPLITS}
    for pid, a in assign.items():
        if pid in gold:
            present[a.split] |= labels_of(gold[pid])
        if scripts and pid in scripts:
            present[a.split].add(scripts[pid])
    return [f"{label} not in {s}" for s in SPLITS for label in majors if label not in present[s]]


def assign(
    documents: Sequence[Document],
    gold: Mapping[str, PassageAnnotation],
    existing: Mapping[str, Assignment] | None = None,
    seed: int = 0,
) -> tuple[dict[str, Assignment], int]:
    """Assign every passage a split and fold; return the assignment and the seed used."""
    existing = dict(existing or {})
    groups = near_duplicate_groups(documents, gold)
    members: dict[str, list[str]] = {}
    for pid, g in groups.items():
        members.setdefault(g, []).append(pid)
    inherited: dict[str, Assignment] = {}
    new_groups: list[str] = []
    for g, pids in members.items():
        known = sorted({existing[p] for p in pids if p in existing}, key=lambda a: a.fold)
        if len(known) > 1:
            kept = sorted(p for p in pids if p in existing)
            raise SchemaError(
                f"{MANIFEST_FILE}: passages {', '.join(kept)} are now near-duplicates of each "
                f"other but sit in folds {', '.join(str(a.fold) for a in known)}; move them "
                "into one fold by hand (a new dataset version) before assigning"
            )
        if known:
            for p in pids:
                inherited[p] = existing.get(p, known[0])
        else:
            new_groups.append(g)
    rarity = Counter(lab for a in gold.values() for lab in labels_of(a))
    # A group's stratum is that of its rarest member.
    profiles = {
        g: min(
            (_profile(gold.get(p), rarity) for p in members[g]),
            key=lambda lab: (rarity.get(lab, 10**9), lab),
        )
        for g in new_groups
    }
    scripts = _scripts(documents)
    # Both scripts must be in every split: a test split without Traditional text would not
    # test what the corpus is about.
    majors = sorted({*major_labels(gold.values()), *scripts.values()})
    last_problems: list[str] = []
    best: tuple[float, int, dict[str, Assignment]] | None = None
    for s in range(seed, seed + SEED_TRIES):
        folds = _fold_groups(new_groups, [profiles[g] for g in new_groups], s)
        result = dict(inherited)
        for g in new_groups:
            for p in members[g]:
                result[p] = Assignment(SPLIT_OF_FOLD[folds[g]], folds[g])
        if existing:
            # coverage and balance were settled when the old passages were assigned
            return dict(sorted(result.items())), s
        last_problems = _covers(result, gold, majors, scripts)
        if not last_problems:
            score = _imbalance(result, gold)
            if best is None or score < best[0]:
                best = (score, s, result)
    if best is not None:
        return dict(sorted(best[2].items())), best[1]
    raise SchemaError(
        f"{MANIFEST_FILE}: no seed in [{seed}, {seed + SEED_TRIES}) puts every major label in "
        f"every split ({'; '.join(last_problems[:3])})"
    )


# --------------------------------------------------------------------------------------------
# The manifest
# --------------------------------------------------------------------------------------------


def manifest_json(assignment: Mapping[str, Assignment], seed: int) -> dict[str, Any]:
    ids = {s: sorted(p for p, a in assignment.items() if a.split == s) for s in SPLITS}
    digest = hashlib.sha256(json.dumps(ids, sort_keys=True).encode()).hexdigest()
    return {
        "version": 1,
        "seed": seed,
        "method": (
            f"StratifiedGroupKFold(n_splits={N_FOLDS}, shuffle=True, random_state=seed) over "
            f"near-duplicate groups ({NGRAM}-gram containment >= {CONTAINMENT}, or a headline, "
            "title or caption repeating a figure), stratified by each group's rarest label; "
            "fold 0 = test, 1 = validation, 2-4 = train; of the seeds that put every label "
            f"found in >= {MAJOR_MIN} passages in every split, the most balanced one"
        ),
        "passages": {p: {"split": a.split, "fold": a.fold} for p, a in sorted(assignment.items())},
        "splits": ids,
        "sha256": digest,
    }


def read_manifest(root: Path) -> dict[str, Assignment]:
    return read_manifest_with_seed(root)[0]


def read_manifest_with_seed(root: Path) -> tuple[dict[str, Assignment], int]:
    """The assignment and the seed it was made with."""
    path = root / MANIFEST_FILE
    if not path.is_file():
        raise SchemaError(f"{MANIFEST_FILE}: file not found; run `silkroad-news splits assign`")
    data = read_json(path)
    try:
        passages = data["passages"]
        seed = int(data["seed"])
        out = {pid: Assignment(str(v["split"]), int(v["fold"])) for pid, v in passages.items()}
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise SchemaError(f"{MANIFEST_FILE}: not a split manifest ({err})") from None
    for pid, a in out.items():
        if a.split not in SPLITS or a.fold not in SPLIT_OF_FOLD or SPLIT_OF_FOLD[a.fold] != a.split:
            raise SchemaError(
                f"{MANIFEST_FILE}: passage {pid!r}: fields 'split' {a.split!r} and 'fold' "
                f"{a.fold} disagree (fold 0 = test, 1 = validation, 2-4 = train)"
            )
    ids = {s: sorted(p for p, a in out.items() if a.split == s) for s in SPLITS}
    if data.get("splits") != ids:
        raise SchemaError(f"{MANIFEST_FILE}: field 'splits' disagrees with field 'passages'")
    if data.get("sha256") != hashlib.sha256(json.dumps(ids, sort_keys=True).encode()).hexdigest():
        raise SchemaError(f"{MANIFEST_FILE}: field 'sha256' does not match the id lists")
    return out, seed


def render_manifest(assignment: Mapping[str, Assignment], seed: int) -> str:
    return dumps_json(manifest_json(assignment, seed))


def assign_file(root: Path, seed: int = 0) -> tuple[dict[str, Assignment], int, int]:
    """Assign the new passages of annotated articles (pending ones wait: see
    :mod:`silkroad_news.annotations`) and write ``splits/manifest.json``; existing passages keep
    their split, and an existing manifest keeps its recorded seed (it describes how the splits
    were made). Returns the assignment, the seed and the number of new passages."""
    from .annotations import load_gold
    from .corpus import load_documents

    existing: dict[str, Assignment] | None = None
    if (root / MANIFEST_FILE).is_file():
        existing, seed = read_manifest_with_seed(root)
    # pending articles get their splits once annotated, so that their labels stratify them
    state = load_gold(root)
    documents = [d for d in load_documents(root) if d.id in state.articles]
    assignment, seed = assign(documents, state.annotations, existing, seed=seed)
    assignment = {**(existing or {}), **assignment}  # entries of pending articles stay
    write_atomic(root / MANIFEST_FILE, render_manifest(assignment, seed))
    return assignment, seed, len(assignment) - len(existing or {})
