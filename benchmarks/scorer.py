"""Benchmark: our NER scorer against seqeval (strict, IOB2) on one million characters.

Run by hand: ``.venv/bin/python benchmarks/scorer.py [--chars 1000000] [--seed 0]``.

It generates a seeded gold of passages of 50-150 characters with entities, and a system output
that keeps, drops, retypes, shifts, splits and invents entities; then, in the same run:

1. seqeval ``f1_score`` (and ``classification_report``) with ``mode="strict", scheme=IOB2``;
2. our scoring core on the same tag lists: strict decoding of both sides, strict matching per
   type, the SemEval-2013 counts and every figure;
3. our whole pipeline from files: the gold as Parquet with ClassLabel ids, the submission as
   JSON Lines (half as tags, half as entity spans), parse → validate → score → 1,000 bootstrap
   resamples → report.

It prints the times, the speed-up of (2) over seqeval's cheapest call (target: 20x or more) and
whether the F1 values are identical (micro and per type, compared as floats with ``==``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

# Python puts this script's folder first on sys.path, where a module named like one of the
# standard library (benchmarks/numbers.py shadows `numbers`) would break numpy's import.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from silkroad_news.evaluate import evaluate_files, figures, score  # noqa: E402
from silkroad_news.evaluate.inputs import ENTITY_TYPES, NER_TAGS, Gold, Predictions  # noqa: E402
from silkroad_news.tags import LabeledSpan, decode_ids, encode  # noqa: E402

TARGET_SPEEDUP = 20.0


def make_data(chars: int, seed: int):
    """Texts, gold spans and predicted spans per passage, adding up to ``chars`` characters."""
    rng = np.random.default_rng(seed)
    texts, gold, pred = [], [], []
    total = 0
    while total < chars:
        n = min(int(rng.integers(50, 151)), chars - total)
        total += n
        texts.append("".join(chr(0x4E00 + int(k)) for k in rng.integers(0, 5000, size=n)))
        spans, pos = [], int(rng.integers(0, 6))
        while pos < n:
            end = min(n, pos + int(rng.integers(2, 9)))
            spans.append(LabeledSpan(pos, end, ENTITY_TYPES[int(rng.integers(len(ENTITY_TYPES)))]))
            pos = end + int(rng.integers(0, 12))
        gold.append(spans)
        pred.append(perturb(rng, spans, n))
    return texts, gold, pred


def perturb(rng: np.random.Generator, spans: list[LabeledSpan], n: int) -> list[LabeledSpan]:
    out = []
    for s in spans:
        r = rng.random()
        if r < 0.8:
            out.append(s)
        elif r < 0.85:
            continue
        elif r < 0.9:
            out.append(s._replace(label=ENTITY_TYPES[int(rng.integers(len(ENTITY_TYPES)))]))
        elif r < 0.97:
            start = min(max(0, s.start + int(rng.integers(-1, 2))), n - 1)
            out.append(
                LabeledSpan(
                    start, max(start + 1, min(n, s.end + int(rng.integers(-1, 2)))), s.label
                )
            )
        elif s.end - s.start > 1:
            mid = int(rng.integers(s.start + 1, s.end))
            out += [s._replace(end=mid), s._replace(start=mid)]
    if n > 3 and rng.random() < 0.3:
        start = int(rng.integers(0, n - 2))
        out.append(LabeledSpan(start, start + 2, "ORG"))
    kept: list[LabeledSpan] = []
    for s in sorted(out):
        if not kept or s.start >= kept[-1].end:
            kept.append(s)
    return kept


def ours(texts: list[str], y_true: list[list[str]], y_pred: list[list[str]]) -> dict[str, float]:
    """Our scoring core from the same tag lists seqeval gets."""
    ids, lengths = NER_TAGS.ids(y_true)
    gold_spans = decode_ids(ids, lengths, NER_TAGS)
    ids, lengths = NER_TAGS.ids(y_pred)
    pred_spans = decode_ids(ids, lengths, NER_TAGS)
    n = len(texts)
    row_ids = tuple(f"p{i}" for i in range(n))
    gold = Gold("ner", "bench", "", row_ids, tuple(texts), np.arange(n), spans=gold_spans)
    counts = score(gold, Predictions("ner", "bench", "", spans=pred_spans))
    figs = figures("ner", {k: np.array([v]) for k, v in counts.totals().items()})
    return {k: float(v[0]) for k, v in figs.items()}


def best_of(repeat: int, fn: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    """The shortest of ``repeat`` timed calls, and the result of the last."""
    best, result = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - t0)
    return best, result


def write_files(folder: Path, texts, gold, pred) -> tuple[Path, Path]:
    names = list(NER_TAGS.names)
    rows = [
        {
            "id": f"p{i:06d}",
            "doc_id": f"d{i // 20:05d}",
            "text": text,
            "tokens": list(text),
            "ner_tags": [names.index(t) for t in encode(spans, len(text))],
        }
        for i, (text, spans) in enumerate(zip(texts, gold, strict=True))
    ]
    gold_path = folder / "test.parquet"
    pq.write_table(pa.Table.from_pylist(rows), gold_path)
    pred_path = folder / "ner.jsonl"
    with pred_path.open("w", encoding="utf-8") as fh:
        for i, (text, spans) in enumerate(zip(texts, pred, strict=True)):
            if i % 2:
                obj = {"id": f"p{i:06d}", "tags": encode(spans, len(text))}
            else:
                ents = [{"start": s.start, "end": s.end, "type": s.label} for s in spans]
                obj = {"id": f"p{i:06d}", "entities": ents}
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return gold_path, pred_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of seqeval (ours: 3x)")
    args = parser.parse_args(argv)

    from seqeval.metrics import classification_report, f1_score
    from seqeval.scheme import IOB2

    texts, gold, pred = make_data(args.chars, args.seed)
    y_true = [encode(s, len(t)) for s, t in zip(gold, texts, strict=True)]
    y_pred = [encode(s, len(t)) for s, t in zip(pred, texts, strict=True)]
    print(
        f"data: {sum(map(len, texts)):,} characters in {len(texts):,} passages, "
        f"{sum(map(len, gold)):,} gold and {sum(map(len, pred)):,} predicted entities"
    )

    # Each side's time is the best of several runs (as timeit reports it): other processes
    # on the machine only ever add time, so the minimum is the least noisy estimate.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # seqeval warns on types with nothing to divide by
        t_seq, seq_f1 = best_of(args.repeat, f1_score, y_true, y_pred, mode="strict", scheme=IOB2)
        t_report, report = best_of(
            1, classification_report, y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True
        )
    t_ours, figs = best_of(args.repeat * 3, ours, texts, y_true, y_pred)

    per_type_same = all(
        figs[f"type.{t}.f1"] == report[t]["f1-score"] for t in ENTITY_TYPES if t in report
    )
    same = figs["f1"] == seq_f1 == report["micro avg"]["f1-score"]
    speedup = t_seq / t_ours

    with tempfile.TemporaryDirectory() as tmp:
        gold_path, pred_path = write_files(Path(tmp), texts, gold, pred)
        t0 = time.perf_counter()
        result = evaluate_files("ner", pred_path, gold=gold_path)
        t_full = time.perf_counter() - t0
    full_same = result["metrics"]["f1"]["value"] == seq_f1

    print(f"seqeval f1_score (strict, IOB2), best of {args.repeat}:      {t_seq:8.3f} s")
    print(f"seqeval classification_report (strict, IOB2):    {t_report:8.3f} s")
    print(
        f"ours, scoring core (decode, match, SemEval), best of {args.repeat * 3}: {t_ours:8.3f} s"
    )
    print(
        f"speed-up over seqeval f1_score: {speedup:.1f}x (target {TARGET_SPEEDUP:.0f}x: "
        f"{'met' if speedup >= TARGET_SPEEDUP else 'NOT met'}); over classification_report, "
        f"which like ours gives per-type figures too: {t_report / t_ours:.1f}x"
    )
    verdict = "identical" if same else "DIFFERENT"
    print(f"strict micro F1: ours {figs['f1']!r}, seqeval {float(seq_f1)!r}: {verdict}")
    print(f"per-type F1 identical to seqeval's report: {'yes' if per_type_same else 'NO'}")
    print(
        f"ours, whole pipeline from files (Parquet gold, JSONL parse + validation, scoring, "
        f"1000 bootstrap resamples, report): {t_full:.3f} s; F1 "
        f"{'identical' if full_same else 'DIFFERENT'}, interval "
        f"[{result['metrics']['f1']['low']:.4f}, {result['metrics']['f1']['high']:.4f}]"
    )
    return 0 if same and per_type_same and full_same and speedup >= TARGET_SPEEDUP else 1


if __name__ == "__main__":
    sys.exit(main())
