"""``silkroad-news explore --out DIR``: the gold drawn over the text, as static HTML pages.

Contract:

- :func:`render_explorer` is pure over the repository's committed files (clean corpus, gold,
  the number-mention layer ``annotations/mentions.jsonl`` when it exists): it returns
  ``index.html`` (the statistics of the gold and one link per article) and one
  ``<doc_id>.html`` per article, as name -> text. The same inputs give the same bytes.
- Each article page shows every passage with, one layer per line: the entities over the text
  in its own script (type as a tag after the span, colour per type), the same spans over the
  Simplified view for a Traditional article, the claim layer (VALUE, METRIC, SUBJECT, TIME
  regions; spans of one layer may nest: a SUBJECT holding another claim's VALUE), a table of
  the claims with every attribute and part, and the number mentions with their category and
  reading. Offsets are code points (``𠮷`` is one), cut from the text in Python.
- No server and no external asset: the CSS is inline, there is no script, no font or image
  is fetched. Elements carry ``data-passage``, ``data-layer`` and ``data-type`` attributes
  so that a browser test can find what a person sees.
"""

from __future__ import annotations

import argparse
import html
import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .records import json_fields
from .schema import Claim, ClaimPart, Document, EntityType, PassageAnnotation, SchemaError

MENTIONS_FILE = Path("annotations/mentions.jsonl")

ENTITY_COLOURS = {
    EntityType.PERSON: "#f4a261",
    EntityType.ORG: "#2a9d8f",
    EntityType.GPE: "#e9c46a",
    EntityType.LOC: "#8ab17d",
    EntityType.FAC: "#e76f51",
    EntityType.EVENT: "#b56576",
    EntityType.PRODUCT: "#9d8ac7",
    EntityType.PROGRAM: "#6fa8dc",
}
PART_COLOURS = {
    ClaimPart.VALUE: "#d00000",
    ClaimPart.METRIC: "#3a86ff",
    ClaimPart.SUBJECT: "#8338ec",
    ClaimPart.TIME: "#06a77d",
}
MENTION_COLOUR = "#888888"

_CSS = """
body { font-family: "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Serif CJK SC", sans-serif;
  margin: 1.5em auto; max-width: 60em; padding: 0 1em; color: #222; line-height: 1.6; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
.meta { color: #666; font-size: 0.9em; }
.passage { border-top: 1px solid #ddd; padding: 0.6em 0 0.8em; }
.pid { color: #888; font-size: 0.8em; font-family: monospace; }
.layer { margin: 0.25em 0; word-break: break-all; }
.layer .name { display: inline-block; width: 5.5em; color: #888; font-size: 0.75em;
  vertical-align: top; }
.layer .body { display: inline-block; width: calc(100% - 6em); }
mark { background: none; padding: 0 1px; border-radius: 3px; }
mark sup, .seg sup { font-size: 0.6em; font-family: sans-serif; margin-left: 1px; color: #333;
  white-space: nowrap; }
.seg { border-bottom: 3px solid transparent; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.4em 0; }
td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
.legend span { margin-right: 1em; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _page(title: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{_e(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def entity_markup(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """``text`` with each non-overlapping ``(start, end, type)`` span as a coloured mark."""
    out, pos = [], 0
    for start, end, label in sorted(spans):
        if start < pos:  # overlapping entities are refused by the gold's validation
            raise SchemaError(f"explore: entity spans overlap at [{start}, {end})")
        out.append(_e(text[pos:start]))
        colour = (
            ENTITY_COLOURS.get(EntityType(label), "#ccc")
            if label in EntityType.values()
            else "#ccc"
        )
        out.append(
            f'<mark data-type="{_e(label)}" style="background: {colour}55; '
            f'box-shadow: inset 0 -2px {colour}">{_e(text[start:end])}<sup>{_e(label)}</sup></mark>'
        )
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def layered_markup(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """``text`` with ``(start, end, label, colour)`` spans that may nest or overlap: the text
    is cut at every span boundary; each piece is underlined in the colour of the shortest
    span over it, and each span's label follows its last character."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in itertools.pairwise(cuts):
        over = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
        piece = _e(text[a:b])
        if over:
            inner = min(over, key=lambda sp: (sp[1] - sp[0], sp[2]))
            labels = " ".join(sorted({sp[2] for sp in over}))
            piece = (
                f'<span class="seg" data-type="{_e(labels)}" style="border-bottom-color: '
                f'{inner[3]}; background: {inner[3]}18">{piece}</span>'
            )
        out.append(piece)
        for sp in sorted((sp for sp in spans if sp[1] == b), key=lambda sp: -sp[0]):
            out.append(f'<sup style="color: {sp[3]}">{_e(sp[2])}</sup>')
    return "".join(out)


def _layer(name: str, pid: str, body: str, layer: str) -> str:
    return (
        f'<div class="layer" data-passage="{_e(pid)}" data-layer="{layer}">'
        f'<span class="name">{_e(name)}</span><span class="body">{body}</span></div>'
    )


def _claim_spans(ann: PassageAnnotation) -> list[tuple[int, int, str, str]]:
    spans: set[tuple[int, int, str, str]] = set()
    for c in ann.claims:
        spans.add((c.value.start, c.value.end, "VALUE", PART_COLOURS[ClaimPart.VALUE]))
        for part in (ClaimPart.METRIC, ClaimPart.SUBJECT, ClaimPart.TIME):
            span = getattr(c, part.value.lower())
            if span is not None:
                spans.add((span.start, span.end, part.value, PART_COLOURS[part]))
    return sorted(spans)


_PARTS = (ClaimPart.METRIC, ClaimPart.SUBJECT, ClaimPart.TIME)
#: The claim attributes in schema order: the columns of the claims table.
_ATTRIBUTES = tuple(
    f for f in json_fields(Claim) if f not in {"id", "value", *(p.lower() for p in _PARTS)}
)
#: The attributes a number mention shares with a claim: how its number reads.
_READING = tuple(f for f in _ATTRIBUTES if f not in {"kind", "direction", "modality"})


def _value(v: Any) -> str:
    if v is None:
        return ""
    return _e(v.value if hasattr(v, "value") and not isinstance(v, str) else str(v))


def _claims_table(ann: PassageAnnotation) -> str:
    heads = ["VALUE", *_ATTRIBUTES, "METRIC", "SUBJECT", "TIME"]
    rows = [
        f'<table data-passage="{_e(ann.passage_id)}" data-layer="claims-table">',
        "<tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr>",
    ]
    for c in ann.claims:
        attributes = [getattr(c, a) for a in _ATTRIBUTES]
        cells = [
            f'<b style="color: {PART_COLOURS[ClaimPart.VALUE]}">{_e(c.value.text)}</b>',
            *(_e(repr(v)) if isinstance(v, float) else _value(v) for v in attributes),
            *(
                _e(s.text) if (s := getattr(c, n)) is not None else "—"
                for n in (p.lower() for p in _PARTS)
            ),
        ]
        rows.append(
            f'<tr data-claim="{_e(c.id)}">' + "".join(f"<td>{x}</td>" for x in cells) + "</tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def _mention_reading(m: Mapping[str, Any]) -> str:
    parts = []
    for key in _READING:
        if m.get(key) not in (None, ""):
            parts.append(f"{key} {m[key]}")
    return "; ".join(parts)


def _mentions_markup(text: str, mentions: Sequence[Mapping[str, Any]]) -> str:
    spans = []
    for m in mentions:
        label = str(m.get("category", "?"))
        reading = _mention_reading(m)
        spans.append((int(m["start"]), int(m["end"]), label + (f" ({reading})" if reading else "")))
    return layered_markup(text, [(s, e, label, MENTION_COLOUR) for s, e, label in spans])


def read_mentions(root: Path) -> dict[str, list[dict[str, Any]]]:
    """passage_id -> its number mentions, from ``annotations/mentions.jsonl`` (``{}`` when the
    layer is not there yet); every span is checked against its passage text."""
    from .files import read_jsonl

    path = root / MENTIONS_FILE
    if not path.exists():
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    for n, rec in read_jsonl(path):
        where = f"{MENTIONS_FILE}: line {n}"
        if not isinstance(rec, dict) or not isinstance(rec.get("passage_id"), str):
            raise SchemaError(f"{where}: expected an object with a 'passage_id'")
        text = rec.get("text", "")
        for m in rec.get("mentions") or []:
            s, e = m.get("start"), m.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and text[s:e] == m.get("text")):
                raise SchemaError(f"{where}: mention {m.get('id')!r}: span does not match its text")
        out[rec["passage_id"]] = list(rec.get("mentions") or [])
    return out


def _legend() -> str:
    items = [
        f'<span><mark style="background: {c}55; box-shadow: inset 0 -2px {c}">'
        f"{t.value}</mark></span>"
        for t, c in ENTITY_COLOURS.items()
    ]
    items += [
        f'<span class="seg" style="border-bottom-color: {c}">{p.value}</span>'
        for p, c in PART_COLOURS.items()
    ]
    return f'<p class="legend">{"".join(items)}</p>'


def article_page(
    doc: Document,
    article: Any,
    gold: Mapping[str, PassageAnnotation],
    mentions: Mapping[str, Sequence[Mapping[str, Any]]],
) -> str:
    traditional = str(getattr(article, "script", "")) == "Hant"
    body = [
        f'<p class="meta"><a href="index.html">SilkRoad-News</a> · {_e(doc.id)}</p>',
        f"<h1>{_e(getattr(article, 'title', doc.id))}</h1>",
        f'<p class="meta">{_e(getattr(article, "publisher", ""))} · '
        f"{_e(getattr(article, 'date', ''))} · "
        f"{'Traditional 繁體' if traditional else 'Simplified 简体'} · "
        f"{len(doc.passages)} passages</p>",
        _legend(),
    ]
    for p in doc.passages:
        text = doc.text[p.start : p.end]
        simplified = doc.text_simplified[p.start : p.end]
        ann = gold.get(p.id)
        body.append(f'<div class="passage" id="{_e(p.id)}" data-passage="{_e(p.id)}">')
        body.append(f'<div class="pid">{_e(p.id)} · {_e(p.type.value)}</div>')
        if ann is None:
            body.append(_layer("text", p.id, _e(text), "text"))
            body.append('<div class="meta">not annotated yet (pending)</div></div>')
            continue
        spans = [(e.start, e.end, e.type.value) for e in ann.entities]
        body.append(_layer("entities", p.id, entity_markup(text, spans), "entities"))
        if traditional or simplified != text:
            body.append(
                _layer("简体", p.id, entity_markup(simplified, spans), "entities-simplified")
            )
        if ann.claims:
            body.append(_layer("claims", p.id, layered_markup(text, _claim_spans(ann)), "claims"))
            body.append(_claims_table(ann))
        if p.id in mentions:
            body.append(_layer("numbers", p.id, _mentions_markup(text, mentions[p.id]), "mentions"))
        body.append("</div>")
    return _page(f"{getattr(article, 'title', doc.id)} · SilkRoad-News", body)


def _counts_table(title: str, counts: Mapping[str, int]) -> str:
    rows = "".join(f"<tr><td>{_e(k)}</td><td>{v}</td></tr>" for k, v in counts.items())
    return f"<h2>{_e(title)}</h2><table><tr><th>label</th><th>count</th></tr>{rows}</table>"


def index_page(
    documents: Sequence[Document],
    articles: Mapping[str, Any],
    gold: Sequence[PassageAnnotation],
    mentions: Mapping[str, Sequence[Mapping[str, Any]]],
) -> str:
    from .annotations import statistics

    stats = statistics(gold, documents)
    done = {a.passage_id for a in gold}
    body = [
        "<h1>SilkRoad-News: the gold, drawn over the text</h1>",
        f'<p class="meta">{stats["passages"]} annotated passages, {stats["characters"]} '
        f"characters, {stats['entities']['total']} entities, {stats['claims']['total']} claims"
        + (f", {sum(len(v) for v in mentions.values())} number mentions" if mentions else "")
        + "</p>",
        '<table data-layer="articles"><tr><th>article</th><th>date</th><th>passages</th>'
        "<th>annotated</th><th>entities</th><th>claims</th></tr>",
    ]
    for d in documents:
        a = articles.get(d.id)
        row = stats["by_article"].get(d.id, {"entities": 0, "claims": 0})
        n_done = sum(p.id in done for p in d.passages)
        body.append(
            f'<tr><td><a href="{_e(d.id)}.html">{_e(getattr(a, "title", d.id))}</a></td>'
            f"<td>{_e(getattr(a, 'date', ''))}</td><td>{len(d.passages)}</td><td>{n_done}</td>"
            f"<td>{row['entities']}</td><td>{row['claims']}</td></tr>"
        )
    body.append("</table>")
    body.append(_counts_table("Entities by type", stats["entities"]["by_type"]))
    body.append(_counts_table("Claims by kind", stats["claims"]["by_kind"]))
    body.append(_counts_table("Claims by unit", stats["claims"]["by_unit"]))
    body.append(_counts_table("Claim parts linked", stats["claims"]["with_part"]))
    if mentions:
        by_category: dict[str, int] = {}
        for ms in mentions.values():
            for m in ms:
                by_category[str(m.get("category"))] = by_category.get(str(m.get("category")), 0) + 1
        body.append(_counts_table("Number mentions by category", dict(sorted(by_category.items()))))
    return _page("SilkRoad-News explorer", body)


def render_explorer(root: Path) -> dict[str, str]:
    """Every page of the explorer, file name -> HTML (module docstring)."""
    from .annotations import GOLD_FILE, read_gold
    from .corpus import load_articles, load_documents

    root = Path(root)
    documents = load_documents(root)
    articles = {a.id: a for a in load_articles(root)}
    gold = read_gold(root / GOLD_FILE)
    by_passage = {a.passage_id: a for a in gold}
    mentions = read_mentions(root)
    pages = {"index.html": index_page(documents, articles, gold, mentions)}
    for d in documents:
        pages[f"{d.id}.html"] = article_page(d, articles.get(d.id), by_passage, mentions)
    return pages


def write_explorer(root: Path, out: Path) -> list[Path]:
    from .files import write_many_atomic

    pages = render_explorer(root)
    files = {Path(out) / name: text for name, text in pages.items()}
    Path(out).mkdir(parents=True, exist_ok=True)
    write_many_atomic(files)
    return sorted(files)


def _explore(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    written = write_explorer(root, Path(args.out))
    print(f"explore: wrote {len(written)} pages to {Path(args.out).resolve()} (open index.html)")
    return 0


def add_explore_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "explore", help="write static HTML pages with the gold drawn over the text (no server)"
    )
    p.add_argument(
        "--out", required=True, help="folder to write index.html and one page per article"
    )
    p.set_defaults(func=_explore)
