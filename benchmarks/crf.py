"""Benchmark: train the baseline character CRF and measure its prediction throughput.

Run by hand: ``.venv/bin/python benchmarks/crf.py [--chars 1000000] [--max-iterations 50]
[--seed 0] [--keep DIR]``.

Data: one million characters (``--chars``) of CoNLL for training and as many again, from
another seed, for prediction. Both are made from the clean corpus (``corpus/clean/*.txt``):
clauses of its passages are recombined at random into new sentences (so jieba and every
feature see new strings rather than a handful of repeated ones) and tagged in BIO with the
project's pre-annotation gazetteer (:data:`silkroad_news.prelabel.GAZETTEER`, longest match on
the simplified view). The text is real news text; the tags are rules, so the figures measure
speed, not accuracy.

Measured, on one core (the process is pinned to one CPU and BLAS threads are set to one):

1. training: reading the CoNLL file, feature extraction, crfsuite L-BFGS (c1=0.1, c2=0.1);
2. prediction: the model file loaded, then features + tagging of every sentence
   (``CrfTagger.predict``), and the whole ``crf predict`` path from file to file.

Target: 50,000 characters per second or more predicting. Exit code 0 when met, else 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

# One core: BLAS threads must be fixed before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

# Python puts this script's folder first on sys.path, where a module named like one of the
# standard library (benchmarks/numbers.py shadows `numbers`) would break numpy's import.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import numpy as np  # noqa: E402

from silkroad_news.baselines.conll import read_conll, render_conll, render_predictions  # noqa: E402
from silkroad_news.baselines.crf import CrfTagger, Hyperparameters, tagged, train  # noqa: E402
from silkroad_news.baselines.features import simplified  # noqa: E402
from silkroad_news.files import write_atomic  # noqa: E402
from silkroad_news.prelabel import gazetteer_matches  # noqa: E402
from silkroad_news.tags import BIO, LabeledSpan, encode  # noqa: E402

TARGET = 50_000.0
ROOT = _HERE.parent
CLAUSE_END = set(",,、;;。!!??")


def clauses(root: Path) -> list[tuple[str, list[str]]]:
    """Clauses of every passage of the clean corpus with their gazetteer BIO tags."""
    out = []
    for path in sorted((root / "corpus" / "clean").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            # CoNLL columns are split on spaces and tabs, so those cannot be characters.
            line = "".join(ch for ch in line if ch not in " \t")
            if not line:
                continue
            spans = [LabeledSpan(s, e, t.value) for s, e, t in gazetteer_matches(simplified(line))]
            tags = encode(spans, len(line), BIO)
            start = 0
            for i, ch in enumerate(line):
                ends_here = ch in CLAUSE_END or i == len(line) - 1
                # never cut inside an entity: the next tag must not continue one
                if ends_here and (i + 1 == len(line) or not tags[i + 1].startswith("I-")):
                    out.append((line[start : i + 1], tags[start : i + 1]))
                    start = i + 1
    return out


def make_sentences(
    pool: list[tuple[str, list[str]]], chars: int, seed: int
) -> list[tuple[str, list[str]]]:
    """Sentences of 1-4 random clauses until ``chars`` characters (seeded)."""
    rng = np.random.default_rng(seed)
    out: list[tuple[str, list[str]]] = []
    total = 0
    while total < chars:
        k = int(rng.integers(1, 5))
        picks = [pool[int(j)] for j in rng.integers(0, len(pool), size=k)]
        text = "".join(p[0] for p in picks)
        tags = [t for p in picks for t in p[1]]
        out.append((text, tags))
        total += len(text)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=1_000_000, help="characters per file")
    ap.add_argument("--max-iterations", type=int, default=50, help="L-BFGS iterations")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = ap.parse_args(argv)

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    pool = clauses(ROOT)
    if not pool:
        print("benchmark: no corpus text under corpus/clean/; run `silkroad-news corpus build`")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        train_path, test_path = folder / "train.conll", folder / "test.conll"
        write_atomic(train_path, render_conll(make_sentences(pool, args.chars, args.seed)))
        write_atomic(test_path, render_conll(make_sentences(pool, args.chars, args.seed + 1)))
        model_path, out_path = folder / "model.json", folder / "predicted.conll"

        started = time.perf_counter()
        conll = read_conll(train_path)
        assert conll.scheme is not None
        data = tagged(
            [s.chars for s in conll.sentences], [s.tags or () for s in conll.sentences], BIO
        )
        hyper = Hyperparameters(0.1, 0.1, args.max_iterations)
        tagger = train(data, hyper=hyper)
        tagger.save(model_path)
        train_seconds = time.perf_counter() - started
        print(
            f"train:   {data.characters:,} characters, {len(data.texts):,} sentences, "
            f"{len(pool):,} distinct clauses; {train_seconds:.1f} s "
            f"(c1={hyper.c1} c2={hyper.c2} max_iterations={hyper.max_iterations}; "
            f"{len(tagger.model) / 1e6:.1f} MB crfsuite model)"
        )

        loaded = CrfTagger.load(model_path)
        test = read_conll(test_path, require_tags=False)
        texts = [s.chars for s in test.sentences]
        started = time.perf_counter()
        predicted, constrained = loaded.predict_counted(texts)
        predict_seconds = time.perf_counter() - started
        write_atomic(out_path, render_predictions(test, predicted))
        file_started = time.perf_counter()
        file_test = read_conll(test_path, require_tags=False)
        write_atomic(
            out_path,
            render_predictions(file_test, loaded.predict([s.chars for s in file_test.sentences])),
        )
        file_seconds = time.perf_counter() - file_started
        chars = test.characters
        rate = chars / predict_seconds
        gold = [s.tags for s in read_conll(test_path).sentences]
        agree = sum(
            p == t
            for ps, ts in zip(predicted, gold, strict=True)
            for p, t in zip(ps, ts or (), strict=True)
        )
        print(
            f"predict: {chars:,} characters, {len(texts):,} sentences; features + tagging "
            f"{predict_seconds:.1f} s = {rate:,.0f} characters/s; file to file "
            f"{file_seconds:.1f} s = {chars / file_seconds:,.0f} characters/s; "
            f"{constrained} sequence(s) needed constrained decoding"
        )
        print(f"         tag agreement with the gazetteer tags: {agree / chars:.4f}")
        verdict = "met" if rate >= TARGET else "NOT met"
        print(f"target:  {TARGET:,.0f} characters/s predicting on one core: {verdict}")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
