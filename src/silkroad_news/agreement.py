"""Inter-annotator agreement between two annotations of the same passages.

Contract
--------
* Inputs: two lists of :class:`~silkroad_news.schema.PassageAnnotation` (canonical JSONL);
  only passages present in both are compared, and the passage texts must be equal.
* Entities: per type and overall, F1 of annotator B against annotator A (symmetric: swapping
  A and B swaps precision and recall, F1 stays), with **exact** matches (same start, end, type)
  and **partial** matches (same type, overlapping spans, matched one-to-one in text order).
* Claims: F1 of VALUE spans (exact); on matched VALUEs, the share of agreeing attributes
  (number within relative tolerance 1e-9, unit, unit_text, kind, approx, direction, modality)
  and parts (metric, subject, time: equal spans, or both absent), and Cohen's kappa for kind
  (scikit-learn).
* :func:`disagreements` lists every difference, one line each, for adjudication.
* The number-mention layer (:class:`~silkroad_news.schema.PassageMentions`):
  :func:`compute_mentions` gives the F1 of mention spans (exact) and of span and category, and
  on matched spans the share of agreeing fields (:data:`MENTION_FIELDS`: category, number, low
  and high within relative tolerance 1e-9, unit, unit_text, approx) and Cohen's kappa for the
  category; :func:`mention_disagreements` lists every difference; :func:`write_mentions_report`
  compares two mention worksheets (resolved against the corpus) and writes the report.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import decode_utf8, dumps_json, read_bytes, refuse_binary, write_many_atomic
from .records import CLAIM_ATTRIBUTES, CLAIM_PARTS, MENTION_READING
from .schema import (
    Claim,
    EntityType,
    NumberCategory,
    NumberMention,
    PassageAnnotation,
    PassageMentions,
    SchemaError,
    Span,
)

#: What is compared on matched VALUEs: every attribute of a claim, then its linked parts.
ATTRIBUTES = CLAIM_ATTRIBUTES
PARTS = CLAIM_PARTS


@dataclass
class PRF:
    tp: float = 0.0
    n_a: int = 0
    n_b: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_b if self.n_b else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_a if self.n_a else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (self.n_a + self.n_b) if self.n_a + self.n_b else 0.0


@dataclass
class Agreement:
    passages: int
    entities_exact: dict[str, PRF] = field(default_factory=dict)
    entities_partial: dict[str, PRF] = field(default_factory=dict)
    values: PRF = field(default_factory=PRF)
    attribute_agreement: dict[str, float] = field(default_factory=dict)
    kind_kappa: float = float("nan")
    matched_values: int = 0


def _pair(a: Sequence[Any], b: Sequence[Any]) -> list[tuple[Any, Any]]:
    """The records of the passages present in both (gold or mention records alike)."""
    bmap = {x.passage_id: x for x in b}
    pairs = []
    for x in a:
        y = bmap.get(x.passage_id)
        if y is None:
            continue
        if x.text != y.text:
            raise SchemaError(f"passage {x.passage_id!r}: the two annotations have other texts")
        pairs.append((x, y))
    if not pairs:
        raise SchemaError("the two annotations share no passage")
    return pairs


def _match_partial(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """One-to-one matches of overlapping spans, greedily in text order."""
    used: set[int] = set()
    n = 0
    for s1, e1 in sorted(a):
        for j, (s2, e2) in sorted(enumerate(b), key=lambda t: t[1]):
            if j not in used and s1 < e2 and s2 < e1:
                used.add(j)
                n += 1
                break
    return n


def _same_value(u: Any, v: Any) -> bool:
    """Equal, floats within relative tolerance 1e-9; null equals only null."""
    if isinstance(u, float) and isinstance(v, float):
        return math.isclose(u, v, rel_tol=1e-9, abs_tol=0.0)
    return u == v


def _same(x: Claim, y: Claim, name: str) -> bool:
    u, v = getattr(x, name), getattr(y, name)
    if name in ("number", "low", "high"):
        return _same_value(u, v)
    if name in PARTS:
        return (u is None and v is None) or (
            u is not None and v is not None and (u.start, u.end) == (v.start, v.end)
        )
    return u == v


def compute(a: Sequence[PassageAnnotation], b: Sequence[PassageAnnotation]) -> Agreement:
    from sklearn.metrics import cohen_kappa_score

    pairs = _pair(a, b)
    out = Agreement(passages=len(pairs))
    labels = [*EntityType.values(), "ALL"]
    out.entities_exact = {t: PRF() for t in labels}
    out.entities_partial = {t: PRF() for t in labels}
    kinds_a, kinds_b = [], []
    agree = dict.fromkeys([*ATTRIBUTES, *PARTS], 0)
    for x, y in pairs:
        for t in EntityType:
            sa = [(e.start, e.end) for e in x.entities if e.type is t]
            sb = [(e.start, e.end) for e in y.entities if e.type is t]
            exact = len(set(sa) & set(sb))
            partial = _match_partial(sa, sb)
            for table, tp in ((out.entities_exact, exact), (out.entities_partial, partial)):
                for key in (t.value, "ALL"):
                    table[key].tp += tp
                    table[key].n_a += len(sa)
                    table[key].n_b += len(sb)
        vb = {(c.value.start, c.value.end): c for c in y.claims}
        out.values.n_a += len(x.claims)
        out.values.n_b += len(y.claims)
        for c in x.claims:
            d = vb.get((c.value.start, c.value.end))
            if d is None:
                continue
            out.values.tp += 1
            kinds_a.append(c.kind.value)
            kinds_b.append(d.kind.value)
            for name in agree:
                agree[name] += _same(c, d, name)
    out.matched_values = len(kinds_a)
    if kinds_a:
        out.attribute_agreement = {k: v / len(kinds_a) for k, v in agree.items()}
        if len(set(kinds_a) | set(kinds_b)) > 1:
            out.kind_kappa = float(cohen_kappa_score(kinds_a, kinds_b))
        else:
            out.kind_kappa = 1.0
    return out


# --------------------------------------------------------------------------------------------
# The number-mention layer
# --------------------------------------------------------------------------------------------

#: What is compared on two mentions of the same span: the category, then the reading.
MENTION_FIELDS: tuple[str, ...] = ("category", *MENTION_READING)


@dataclass
class MentionAgreement:
    passages: int
    spans: PRF = field(default_factory=PRF)
    #: span and category, per category and overall (``ALL``)
    categories: dict[str, PRF] = field(default_factory=dict)
    field_agreement: dict[str, float] = field(default_factory=dict)
    category_kappa: float = float("nan")
    matched: int = 0


def compute_mentions(
    a: Sequence[PassageMentions], b: Sequence[PassageMentions]
) -> MentionAgreement:
    from sklearn.metrics import cohen_kappa_score

    pairs = _pair(a, b)
    out = MentionAgreement(passages=len(pairs))
    out.categories = {c: PRF() for c in [*NumberCategory.values(), "ALL"]}
    agree = dict.fromkeys(MENTION_FIELDS, 0)
    cats_a: list[str] = []
    cats_b: list[str] = []
    for x, y in pairs:
        by_span = {(m.start, m.end): m for m in y.mentions}
        out.spans.n_a += len(x.mentions)
        out.spans.n_b += len(y.mentions)
        for m in x.mentions:
            out.categories[m.category.value].n_a += 1
            out.categories["ALL"].n_a += 1
        for m in y.mentions:
            out.categories[m.category.value].n_b += 1
            out.categories["ALL"].n_b += 1
        for m in x.mentions:
            n = by_span.get((m.start, m.end))
            if n is None:
                continue
            out.spans.tp += 1
            cats_a.append(m.category.value)
            cats_b.append(n.category.value)
            if m.category is n.category:
                out.categories[m.category.value].tp += 1
                out.categories["ALL"].tp += 1
            for name in agree:
                agree[name] += _same_value(getattr(m, name), getattr(n, name))
    out.matched = len(cats_a)
    if cats_a:
        out.field_agreement = {k: v / len(cats_a) for k, v in agree.items()}
        if len(set(cats_a) | set(cats_b)) > 1:
            out.category_kappa = float(cohen_kappa_score(cats_a, cats_b))
        else:
            out.category_kappa = 1.0
    return out


def _fmt_field(value: Any) -> str:
    return "—" if value is None else str(getattr(value, "value", value))


def mention_disagreements(a: Sequence[PassageMentions], b: Sequence[PassageMentions]) -> list[str]:
    """Every difference between two mention layers, one line each, in passage order."""
    lines = []
    for x, y in _pair(a, b):
        ma = {(m.start, m.end): m for m in x.mentions}
        mb = {(m.start, m.end): m for m in y.mentions}
        for key in sorted(set(ma) | set(mb)):
            m, n = ma.get(key), mb.get(key)
            if m is None or n is None:
                only: NumberMention = m or n  # type: ignore[assignment]
                who = "A" if n is None else "B"
                lines.append(
                    f"{x.passage_id}: mention {only.text}@{only.start} "
                    f"{only.category.value}: only {who}"
                )
                continue
            for name in MENTION_FIELDS:
                u, v = getattr(m, name), getattr(n, name)
                if not _same_value(u, v):
                    lines.append(
                        f"{x.passage_id}: mention {m.text}@{m.start}: {name} "
                        f"A={_fmt_field(u)} B={_fmt_field(v)}"
                    )
    return lines


def _decided(diffs: Sequence[str], decisions: Mapping[str, str] | None, source: str) -> list[str]:
    """The disagreements with their decisions; every one must be decided, none left over."""
    if decisions is None:
        return list(diffs)
    missing = [d for d in diffs if d not in decisions]
    if missing:
        raise SchemaError(f"{source}: disagreement not adjudicated: {missing[0]}")
    stale = sorted(set(decisions) - set(diffs))
    if stale:
        raise SchemaError(f"{source}: decision for no current disagreement: {stale[0]}")
    return [f"{d} → {decisions[d]}" for d in diffs]


def render_mentions_markdown(
    ag: MentionAgreement,
    command: str,
    diffs: Sequence[str],
    decisions: Mapping[str, str] | None = None,
    source: str = "adjudication",
) -> str:
    lines = [
        "# Inter-annotator agreement: number mentions",
        "",
        f"Produced by `{command}` over {ag.passages} passages annotated twice.",
        "",
        "## Spans",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| mentions A / B / same span | {ag.spans.n_a} / {ag.spans.n_b} / {ag.spans.tp:g} |",
        f"| span F1 (exact) | {ag.spans.f1:.3f} |",
        f"| span and category F1 | {ag.categories['ALL'].f1:.3f} |",
        f"| Cohen's kappa, category (same spans) | {ag.category_kappa:.3f} |",
        "",
        "## Per category (span and category, F1 of B against A)",
        "",
        "| category | A | B | matches | F1 |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[
            f"| {c} | {p.n_a} | {p.n_b} | {p.tp:g} | {p.f1:.3f} |"
            for c, p in ag.categories.items()
            if c != "ALL" and (p.n_a or p.n_b)
        ],
        "",
        f"## Agreement on the {ag.matched} mentions with the same span",
        "",
        "| field | agreement |",
        "| --- | ---: |",
        *[f"| {k} | {v:.3f} |" for k, v in ag.field_agreement.items()],
        "",
        f"## Disagreements ({len(diffs)})",
        "",
        *[f"- {d}" for d in _decided(diffs, decisions, source)],
        "",
    ]
    return "\n".join(lines)


def mentions_to_dict(ag: MentionAgreement) -> dict[str, Any]:
    return {
        "passages": ag.passages,
        "mentions": [ag.spans.n_a, ag.spans.n_b],
        "same_span": int(ag.spans.tp),
        "span_f1": ag.spans.f1,
        "span_category_f1": ag.categories["ALL"].f1,
        "category_f1": {c: p.f1 for c, p in ag.categories.items() if p.n_a or p.n_b},
        "field_agreement": ag.field_agreement,
        "category_kappa": None if math.isnan(ag.category_kappa) else ag.category_kappa,
    }


def write_mentions_report(
    root: Path,
    first: Path,
    second: Path,
    out: Path,
    *,
    json_out: Path | None = None,
    adjudication: Path | None = None,
    command: str = "",
) -> MentionAgreement:
    """Compare two mention worksheets (resolved against the corpus passages of ``root``) and
    write the Markdown report (and the figures as JSON); as :func:`write_report`."""
    from .worksheet import resolve_mentions_file

    a, b = resolve_mentions_file(root, first), resolve_mentions_file(root, second)
    ag = compute_mentions(a, b)
    decisions = None if adjudication is None else read_adjudication(adjudication)
    report = render_mentions_markdown(
        ag, command, mention_disagreements(a, b), decisions, str(adjudication)
    )
    if adjudication is not None:
        report += f"\nMethod and adjudication: `{adjudication}`.\n"
    files: dict[Path, str] = {Path(out): report}
    if json_out is not None:
        files[Path(json_out)] = dumps_json(mentions_to_dict(ag))
    write_many_atomic(files)
    return ag


# --------------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------------


def _fmt_span(s: Span | None) -> str:
    return "—" if s is None else f"{s.text}@{s.start}"


def disagreements(a: Sequence[PassageAnnotation], b: Sequence[PassageAnnotation]) -> list[str]:
    """Every difference between A and B, one line each, in passage order."""
    lines = []
    for x, y in _pair(a, b):
        ea = {(e.start, e.end, e.type.value): e.text for e in x.entities}
        eb = {(e.start, e.end, e.type.value): e.text for e in y.entities}
        for key in sorted(set(ea) | set(eb)):
            if key in ea and key not in eb:
                lines.append(f"{x.passage_id}: entity {ea[key]}@{key[0]} {key[2]}: only A")
            elif key in eb and key not in ea:
                lines.append(f"{x.passage_id}: entity {eb[key]}@{key[0]} {key[2]}: only B")
        ca = {(c.value.start, c.value.end): c for c in x.claims}
        cb = {(c.value.start, c.value.end): c for c in y.claims}
        for key in sorted(set(ca) | set(cb)):
            c, d = ca.get(key), cb.get(key)
            if c is None or d is None:
                only = "A" if d is None else "B"
                v = (c or d).value  # type: ignore[union-attr]
                lines.append(f"{x.passage_id}: claim {v.text}@{v.start}: only {only}")
                continue
            for name in (*ATTRIBUTES, *PARTS):
                if not _same(c, d, name):
                    u, w = getattr(c, name), getattr(d, name)
                    if name in PARTS:
                        u, w = _fmt_span(u), _fmt_span(w)
                    lines.append(
                        f"{x.passage_id}: claim {c.value.text}@{c.value.start}: {name} A={u} B={w}"
                    )
    return lines


def read_adjudication(path: Any) -> dict[str, str]:
    """Decisions: the ``- <disagreement> → <decision>`` lines of the ``## Decisions`` section."""
    out: dict[str, str] = {}
    section = ""
    text = decode_utf8(read_bytes(Path(path)), str(path))
    refuse_binary(text, str(path))
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("## "):
            section = line[3:].strip()
        elif section == "Decisions" and line.startswith("- ") and " → " in line:
            key, _, decision = line[2:].partition(" → ")
            if key in out:
                raise SchemaError(f"{path}: line {n}: {key!r} is adjudicated twice")
            out[key] = decision.strip()
    return out


def render_markdown(
    ag: Agreement,
    command: str,
    diffs: Sequence[str],
    decisions: Mapping[str, str] | None = None,
    source: str = "adjudication",
) -> str:
    diffs = _decided(diffs, decisions, source)

    def row(name: str, p: PRF) -> str:
        return f"| {name} | {p.n_a} | {p.n_b} | {p.tp:g} | {p.f1:.3f} |"

    lines = [
        "# Inter-annotator agreement",
        "",
        f"Produced by `{command}` over {ag.passages} passages annotated twice.",
        "",
        "## Entities (F1 of B against A)",
        "",
        "| type | A | B | exact matches | exact F1 |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[row(t, p) for t, p in ag.entities_exact.items() if p.n_a or p.n_b],
        "",
        "| type | partial matches | partial F1 |",
        "| --- | ---: | ---: |",
        *[
            f"| {t} | {p.tp:g} | {p.f1:.3f} |"
            for t, p in ag.entities_partial.items()
            if p.n_a or p.n_b
        ],
        "",
        "## Numeric claims",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| VALUE spans A / B / matched | {ag.values.n_a} / {ag.values.n_b} / {ag.values.tp:g} |",
        f"| VALUE span F1 | {ag.values.f1:.3f} |",
        *[
            f"| agreement on {k} (matched values) | {v:.3f} |"
            for k, v in ag.attribute_agreement.items()
        ],
        f"| Cohen's kappa, kind | {ag.kind_kappa:.3f} |",
        "",
        f"## Disagreements ({len(diffs)})",
        "",
        *[f"- {d}" for d in diffs],
        "",
    ]
    return "\n".join(lines)


def write_report(
    first: Path,
    second: Path,
    out: Path,
    *,
    json_out: Path | None = None,
    adjudication: Path | None = None,
    command: str = "",
) -> Agreement:
    """Compare two canonical annotation files and write the Markdown report to ``out`` (and
    the figures to ``json_out``); with ``adjudication``, every disagreement must have its
    decision there, and the report shows it. ``command`` is how the report was produced."""
    from .annotations import read_gold

    a, b = read_gold(first), read_gold(second)
    ag = compute(a, b)
    decisions = None if adjudication is None else read_adjudication(adjudication)
    report = render_markdown(ag, command, disagreements(a, b), decisions, str(adjudication))
    if adjudication is not None:
        report += f"\nMethod, adjudication and the later consistency review: `{adjudication}`.\n"
    files: dict[Path, str] = {Path(out): report}
    if json_out is not None:
        files[Path(json_out)] = dumps_json(to_dict(ag))
    write_many_atomic(files)
    return ag


def to_dict(ag: Agreement) -> dict[str, Any]:
    return {
        "passages": ag.passages,
        "entities_exact_f1": {t: p.f1 for t, p in ag.entities_exact.items() if p.n_a or p.n_b},
        "entities_partial_f1": {t: p.f1 for t, p in ag.entities_partial.items() if p.n_a or p.n_b},
        "entities_support": {t: [p.n_a, p.n_b] for t, p in ag.entities_exact.items()},
        "value_f1": ag.values.f1,
        "attribute_agreement": ag.attribute_agreement,
        # NaN (no matched values) is not JSON: null
        "kind_kappa": None if math.isnan(ag.kind_kappa) else ag.kind_kappa,
    }
