"""The dataset card: hand-written prose with blocks generated from the data.

``dataset_card.md`` is written by people, except the blocks between
``<!-- BEGIN generated:NAME -->`` and ``<!-- END generated:NAME -->``, which
:func:`render_card` fills from the built rows, the corpus change log and the agreement study,
so that every figure in the card is computed by code. ``silkroad-news build`` refreshes them;
a test fails when the committed card differs from a fresh rendering. The label distribution
figure is an SVG drawn here (no plotting dependency), ``dataset_card_labels.svg``.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .files import read_json
from .records import unseen_entities
from .schema import (
    CONFIGS,
    DOCUMENTS,
    FULL_SPLIT,
    SPLIT_OF_FOLD,
    SPLITS,
    Article,
    ChangeKind,
    ClaimKind,
    Document,
    EntityType,
    NumberCategory,
    Protocol,
    SchemaError,
    Split,
)

CARD_FILE = Path("dataset_card.md")
FIGURE_FILE = Path("dataset_card_labels.svg")
AGREEMENT_JSON = Path("annotations/agreement.json")
MENTIONS_AGREEMENT_JSON = Path("annotations/mentions/agreement.json")
_BLOCK_RE = re.compile(
    r"(<!-- BEGIN generated:(?P<name>[a-z_]+) -->\n)(?P<body>.*?)"
    r"(<!-- END generated:(?P=name) -->)",
    re.S,
)

Rows = Mapping[tuple[str, str], Sequence[Mapping[str, Any]]]


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    align = ["---"] + ["---:"] * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def split_sizes(rows: Rows, pending: Mapping[str, Any] | None = None) -> str:
    configs = sorted({c for c, _ in rows}, key=CONFIGS.index)
    out = []
    for c in configs:
        splits = [s for cc, s in rows if cc == c]
        out.append([f"`{c}`", *[f"{s}: {len(rows[(c, s)])}" for s in splits]])
    width = max(len(r) for r in out)
    table = _table(
        ["config", *["split: rows"] * (width - 1)], [r + [""] * (width - len(r)) for r in out]
    )
    return table + "\n" + _pending_sentence(pending or {})


def _pending_sentence(pending: Mapping[str, Any]) -> str:
    if not pending:
        return "Pending articles (in the corpus, without gold in both layers yet): none.\n"
    items = "; ".join(
        f"`{doc}` ({p.passages} passages: {p.with_gold} with entity and claim gold, "
        f"{p.with_mentions} with number mentions)"
        for doc, p in pending.items()
    )
    return (
        f"Pending articles (in the corpus, without gold in both layers yet, so left out of "
        f"every config): {len(pending)}: {items}.\n"
    )


def sources(corpus: Sequence[Article], pending: Mapping[str, Any]) -> str:
    """The articles of the corpus from ``corpus/articles.json``: publisher, date, script, the
    raw file received, the address it was published at where one was recorded."""
    rows = [
        [
            f"`{a.id}`",
            a.title,
            a.publisher,
            f"{a.date} (inferred)" if a.date_inferred else a.date,
            a.script.value,
            f"`corpus/raw/{a.source_file}`",
            a.url or "not recorded",
            "pending" if a.id in pending else "in the dataset",
        ]
        for a in corpus
    ]
    urls = sum(a.url is not None for a in corpus)
    dates = sorted(a.date for a in corpus)
    inferred = sum(a.date_inferred for a in corpus)
    span = f", published between {dates[0]} and {dates[-1]}" if dates else ""
    return (
        _table(
            ["article", "title", "publisher", "published", "script", "raw file", "URL", "status"],
            rows,
        )
        + f"\n{len(corpus)} articles{span} ({inferred} date(s) inferred from the content); "
        f"{urls} with a recorded URL.\n"
    )


def coverage(rows: Rows) -> str:
    """Which entity types and claim kinds occur in every split, and where the others are
    missing: generated, so that the card never claims more than the data holds."""
    counts = label_counts(rows)
    labels = [f"entity:{t}" for t in EntityType.values()] + [
        f"claim:{k}" for k in ClaimKind.values()
    ]
    everywhere, gaps = [], []
    for lab in labels:
        missing = [s for s in SPLITS if counts[s][lab] == 0]
        if not missing:
            everywhere.append(lab)
        elif len(missing) < len(SPLITS):
            gaps.append(f"`{lab}` (none in {', '.join(missing)})")
        else:
            gaps.append(f"`{lab}` (none at all)")
    out = f"In every split: {', '.join(f'`{x}`' for x in everywhere) or 'no label'}."
    if gaps:
        out += f" Not in every split: {'; '.join(gaps)}."
    return out + "\n"


def unseen(rows: Rows) -> str:
    """How many gold entities are unseen under the ``test`` and ``cv`` protocols (their surface
    string never occurs as a gold entity in the training data of their split or fold), by the
    scorer's own rule (:func:`silkroad_news.records.unseen_entities`)."""
    folds: dict[str, int] = {}
    for d in rows[(DOCUMENTS, FULL_SPLIT)]:
        for p in d["passages"]:
            folds[p["id"]] = int(p["fold"])
    entities = [
        (folds[e["passage_id"]], e["text"])
        for d in rows[(DOCUMENTS, FULL_SPLIT)]
        for e in d["entities"]
    ]
    test_folds = {k for k, s in SPLIT_OF_FOLD.items() if s == Split.TEST.value}
    lines = []
    for protocol, scored, what in (
        (Protocol.TEST, test_folds, "test entities (training data: train and validation)"),
        (
            Protocol.CV,
            set(SPLIT_OF_FOLD),
            "entities under cross-validation (training data: the other four folds)",
        ),
    ):
        flags = [
            f
            for (fold, _), f in zip(entities, unseen_entities(entities, protocol), strict=True)
            if fold in scored
        ]
        share = f" ({100 * sum(flags) / len(flags):.1f} %)" if flags else ""
        lines.append(f"- {what}: {sum(flags)} of {len(flags)} unseen{share}")
    return "\n".join(lines) + "\n"


def citation(meta: Mapping[str, str], version: str, url: str | None) -> str:
    """The BibTeX entry, with the public address when there is one; otherwise where the
    canonical copy lives."""
    fields = [
        ("author", f"{{{meta['author']}}}"),
        ("title", meta["title"]),
        ("note", f"{meta['note']}. Version {version}"),
        ("year", meta["year"]),
    ]
    if url:
        fields.append(("url", url))
    width = max(len(k) for k, _ in fields)
    body = ",\n".join(f"  {k.ljust(width)} = {{{v}}}" for k, v in fields)
    where = (
        f"The public copy of this version is {url}."
        if url
        else "No public copy has been released yet: the canonical copy is the project's git "
        "repository, where this card is `dataset_card.md`; a copy published with "
        "`silkroad-news export --push REPO_ID` cites its Hugging Face Hub address here."
    )
    return f"```bibtex\n@misc{{{meta['key']},\n{body}\n}}\n```\n\n{where}\n"


def _passage_splits(rows: Rows) -> dict[str, str]:
    return {p["id"]: p["split"] for d in rows[(DOCUMENTS, FULL_SPLIT)] for p in d["passages"]}


def label_counts(rows: Rows) -> dict[str, Counter[str]]:
    """Counts per split of entity types (``entity:T``) and claim kinds (``claim:K``)."""
    split_of = _passage_splits(rows)
    counts: dict[str, Counter[str]] = {s: Counter() for s in SPLITS}
    for d in rows[(DOCUMENTS, FULL_SPLIT)]:
        for e in d["entities"]:
            counts[split_of[e["passage_id"]]][f"entity:{e['type']}"] += 1
        for c in d["claims"]:
            counts[split_of[c["passage_id"]]][f"claim:{c['kind']}"] += 1
    return counts


def statistics(rows: Rows) -> str:
    counts = label_counts(rows)
    splits = list(counts)
    ent = [
        [
            t,
            *[counts[s][f"entity:{t}"] for s in splits],
            sum(counts[s][f"entity:{t}"] for s in splits),
        ]
        for t in EntityType.values()
    ]
    kinds = [
        [
            k,
            *[counts[s][f"claim:{k}"] for s in splits],
            sum(counts[s][f"claim:{k}"] for s in splits),
        ]
        for k in ClaimKind.values()
    ]
    per_doc = []
    split_of = _passage_splits(rows)
    for d in rows[(DOCUMENTS, FULL_SPLIT)]:
        per_doc.append(
            [
                f"`{d['id']}`",
                d["script"],
                len(d["text"]),
                len(d["passages"]),
                len(d["entities"]),
                len(d["claims"]),
                ", ".join(
                    f"{s} {n}"
                    for s, n in sorted(Counter(split_of[p["id"]] for p in d["passages"]).items())
                ),
            ]
        )
    units = Counter(c["unit"] for d in rows[(DOCUMENTS, FULL_SPLIT)] for c in d["claims"])
    mention_counts = {s: Counter() for s in splits}
    claimed = {s: 0 for s in splits}
    for s in splits:
        for r in rows.get(("numbers", s), ()):
            for m in r["mentions"]:
                mention_counts[s][m["category"]] += 1
                claimed[s] += bool(m["claim"])
    mentions = [
        [c, *[mention_counts[s][c] for s in splits], sum(mention_counts[s][c] for s in splits)]
        for c in NumberCategory.values()
    ]
    mentions.append(["of which claim VALUEs", *[claimed[s] for s in splits], sum(claimed.values())])
    return (
        "Entities per type and split:\n\n"
        + _table(["type", *splits, "all"], ent)
        + "\nClaims per kind and split:\n\n"
        + _table(["kind", *splits, "all"], kinds)
        + "\nPer article:\n\n"
        + _table(
            [
                "article",
                "script",
                "characters",
                "passages",
                "entities",
                "claims",
                "passages per split",
            ],
            per_doc,
        )
        + "\nNumber mentions per category and split:\n\n"
        + _table(["category", *splits, "all"], mentions)
        + "\nClaim units (codes of the unit inventory): "
        + ", ".join(f"`{u}` {n}" for u, n in sorted(units.items()))
        + "\n"
    )


def label_figure(rows: Rows) -> str:
    """A grouped horizontal bar chart of label counts per split, as SVG text."""
    counts = label_counts(rows)
    labels = [f"entity:{t}" for t in EntityType.values()] + [
        f"claim:{k}" for k in ClaimKind.values()
    ]
    colours = dict(zip(SPLITS, ("#4c72b0", "#dd8452", "#55a868"), strict=True))
    top = max([1, *(counts[s][lab] for s in counts for lab in labels)])
    bar, gap, left, width = 6, 6, 150, 360
    height = 40 + len(labels) * (3 * bar + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 60}" height="{height}" '
        'font-family="sans-serif" font-size="11">',
        '<text x="4" y="14" font-weight="bold">SilkRoad-News: labels per split</text>',
    ]
    for i, (s, colour) in enumerate(colours.items()):
        parts.append(f'<rect x="{left + 100 * i}" y="22" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{left + 100 * i + 14}" y="31">{s}</text>')
    y = 40
    for lab in labels:
        parts.append(
            f'<text x="{left - 6}" y="{y + 2 * bar}" text-anchor="end">{html.escape(lab)}</text>'
        )
        for s, colour in colours.items():
            n = counts[s][lab]
            w = round(width * n / top, 1)
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w}" height="{bar - 1}" fill="{colour}"/>'
            )
            parts.append(f'<text x="{left + w + 3}" y="{y + bar - 1}" font-size="8">{n}</text>')
            y += bar
        y += gap
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _example(row: Mapping[str, Any], limit: int = 3) -> dict[str, Any]:
    """A row shortened for display: long strings and lists are cut, marked with an ellipsis."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, str) and len(v) > 60:
            out[k] = v[:60] + "…"
        elif isinstance(v, list) and len(v) > limit:
            out[k] = [_example(x) if isinstance(x, dict) else x for x in v[:limit]] + ["…"]
        elif isinstance(v, dict):
            out[k] = _example(v)
        else:
            out[k] = v
    return out


def example_rows(rows: Rows) -> str:
    out = []
    for config in CONFIGS:
        candidates = [r for (c, _), rs in rows.items() if c == config for r in rs]
        if config in ("claims", DOCUMENTS):
            candidates = [r for r in candidates if r["claims"]] or candidates
        if config == "numbers":  # a passage with a claim and a mention that is none
            candidates = [
                r for r in candidates if {m["claim"] for m in r["mentions"]} == {True, False}
            ] or candidates
        if not candidates:
            continue
        shown = json.dumps(_example(candidates[0]), ensure_ascii=False, indent=1)
        out.append(f"`{config}`:\n\n```json\n{shown}\n```\n")
    return "\n".join(out)


def cleaning(documents: Sequence[Document], flags: Mapping[str, int]) -> str:
    rows = []
    for d in documents:
        kinds = Counter(c.kind for c in d.changes)
        rows.append(
            [
                f"`{d.id}`",
                *[
                    kinds[k]
                    for k in (
                        ChangeKind.DROP,
                        ChangeKind.REPAIR,
                        ChangeKind.GLOSS,
                        ChangeKind.WHITESPACE,
                    )
                ],
                flags.get(d.id, 0),
            ]
        )
    repairs = [
        [f"`{d.id}`", f"`{c.raw_text}`", f"`{c.replacement}`"]
        for d in documents
        for c in d.changes
        if c.kind is ChangeKind.REPAIR
    ]
    drops = [
        [f"`{d.id}`", c.reason, len(c.raw_text)]
        for d in documents
        for c in d.changes
        if c.kind is ChangeKind.DROP
    ]
    return (
        "Changes from raw to clean text, per article (every one is listed with raw offsets in "
        "`corpus/clean/<id>.json`):\n\n"
        + _table(["article", "drop", "repair", "gloss", "whitespace", "flagged"], rows)
        + "\nRepairs of broken encoding (evidence for each in `corpus/repairs.json`):\n\n"
        + _table(["article", "raw", "clean"], repairs)
        + "\nDropped lines:\n\n"
        + _table(["article", "reason", "characters"], drops)
    )


def agreement(root: Path) -> str:
    path = root / AGREEMENT_JSON
    if not path.is_file():
        return "No agreement study has been recorded yet.\n"
    a = read_json(path)
    try:
        ent, part = a["entities_exact_f1"], a["entities_partial_f1"]
        missing = [
            k for k in ("value_f1", "kind_kappa", "passages", "attribute_agreement") if k not in a
        ] + [f"ALL of {name}" for name, t in (("exact", ent), ("partial", part)) if "ALL" not in t]
    except (ValueError, KeyError, TypeError) as err:
        raise SchemaError(f"{AGREEMENT_JSON}: not an agreement summary ({err!r})") from None
    if missing:
        raise SchemaError(f"{AGREEMENT_JSON}: missing {', '.join(missing)}")
    rows = [[t, f"{ent[t]:.3f}", f"{part[t]:.3f}"] for t in ent if t != "ALL"]
    rows.append(["all", f"{ent['ALL']:.3f}", f"{part['ALL']:.3f}"])
    attrs = ", ".join(f"{k} {v:.3f}" for k, v in a["attribute_agreement"].items())
    kappa = "n/a (no matched values)" if a["kind_kappa"] is None else f"{a['kind_kappa']:.3f}"
    return (
        f"Entities and claims: two independent annotations of {a['passages']} passages "
        "(details and every adjudicated disagreement in `annotations/agreement.md`):\n\n"
        + _table(["entity type", "exact F1", "partial F1"], rows)
        + f"\nClaim VALUE span F1: {a['value_f1']:.3f}; Cohen's kappa for kind: {kappa}; "
        f"agreement on matched values: {attrs}.\n" + _mentions_agreement(root)
    )


def _mentions_agreement(root: Path) -> str:
    path = root / MENTIONS_AGREEMENT_JSON
    if not path.is_file():
        return "\nNumber mentions: no agreement study has been recorded yet.\n"
    a = read_json(path)
    try:
        n_a, n_b = a["mentions"]
        fields = ", ".join(f"{k} {v:.3f}" for k, v in a["field_agreement"].items())
        return (
            f"\nNumber mentions: two independent annotations of all {a['passages']} passages "
            f"(`annotations/mentions/agreement.md`): {n_a} and {n_b} mentions, "
            f"{a['same_span']} with the same span; span F1 {a['span_f1']:.3f}, span and "
            f"category F1 {a['span_category_f1']:.3f}; on the same spans: {fields}.\n"
        )
    except (KeyError, TypeError, ValueError) as err:
        raise SchemaError(
            f"{MENTIONS_AGREEMENT_JSON}: not an agreement summary ({err!r})"
        ) from None


def fill_blocks(card: str, blocks: Mapping[str, Callable[[], str]], source: str) -> str:
    """Replace every generated block of ``card``; unknown or missing blocks are errors."""
    found = {m.group("name") for m in _BLOCK_RE.finditer(card)}
    missing = sorted(set(blocks) - found)
    unknown = sorted(found - set(blocks))
    if missing or unknown:
        raise SchemaError(
            f"{source}: generated blocks missing {missing} or unknown {unknown}; keep the "
            "BEGIN/END generated markers intact"
        )
    return _BLOCK_RE.sub(
        lambda m: m.group(1) + blocks[m.group("name")]().rstrip("\n") + "\n" + m.group(4), card
    )
