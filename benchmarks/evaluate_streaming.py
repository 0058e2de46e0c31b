"""Benchmark: refusing a large submission whose first error is near the top (issue 12).

Run by hand: ``.venv/bin/python benchmarks/evaluate_streaming.py [--mb 50] [--bad-line 17]``.

It writes a gold of ``ner`` passages and a ``--mb`` MB submission whose line ``--bad-line``
has an id the gold does not know, then, side by side in one run, each in a fresh child process
(so that peak memory is its own):

1. the scorer as it is: :func:`silkroad_news.evaluate.read_predictions`, which reads, checks
   and drops one line at a time and stops at the first bad one;
2. the scorer's former path: read every byte, parse every line into Python objects
   (:func:`silkroad_news.evaluate.parse_jsonl`), then validate.

Both must refuse with the same message. It prints the wall time and the peak resident memory
of each child, and the ratios. Targets: the refusal (1) in well under a second (0.5 s) and its
peak memory under 100 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

TARGET_SECONDS = 0.5
TARGET_MB = 100

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from silkroad_news.evaluate import SubmissionError, parse_jsonl, read_gold, read_predictions
from silkroad_news.evaluate import validate
from silkroad_news.files import read_bytes
gold = read_gold("ner", Path(sys.argv[1]))
start = time.perf_counter()
try:
    if sys.argv[3] == "stream":
        read_predictions(gold, Path(sys.argv[2]))
    else:
        validate(gold, parse_jsonl(read_bytes(Path(sys.argv[2])), sys.argv[2]), sys.argv[2])
    message = "accepted"
except SubmissionError as err:
    message = str(err)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "message": message}))
"""


def write_files(folder: Path, mb: int, bad_line: int) -> tuple[Path, Path]:
    text = "喀什地区上半年外贸进出口总值564.32亿元，同比增长67.2%。" * 4
    tags = ["O"] * len(text)
    tags[0:4] = ["B-GPE", "I-GPE", "I-GPE", "I-GPE"]
    n_rows = 2000
    gold = folder / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as fh:
        for i in range(n_rows):
            row = {"id": f"p{i:06d}", "doc_id": "d", "text": text, "tokens": list(text)}
            fh.write(json.dumps({**row, "ner_tags": tags}, ensure_ascii=False) + "\n")
    sub = folder / "ner.jsonl"
    size, i = 0, 0
    with sub.open("w", encoding="utf-8") as fh:
        while size < mb * 1_000_000:
            i += 1
            rid = "no-such-id" if i == bad_line else f"p{(i - 1) % n_rows:06d}"
            line = json.dumps({"id": rid, "tags": tags}) + "\n"
            fh.write(line)
            size += len(line)
    return gold, sub


def run(gold: Path, sub: Path, mode: str) -> dict[str, float | str]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(gold), str(sub), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--bad-line", type=int, default=17)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        gold, sub = write_files(Path(tmp), args.mb, args.bad_line)
        size = sub.stat().st_size / 1e6
        stream = run(gold, sub, "stream")
        whole = run(gold, sub, "whole")
    print(f"submission: {size:.1f} MB, unknown id on line {args.bad_line}")
    for name, r in (("streamed (now)", stream), ("whole file (before)", whole)):
        print(f"{name:20s} {r['seconds']:8.3f} s  peak {r['peak_mb']:8.1f} MB")
    print(
        f"ratios, before / now: time {whole['seconds'] / stream['seconds']:.0f}x, "
        f"peak memory {whole['peak_mb'] / stream['peak_mb']:.1f}x"
    )
    same = stream["message"] == whole["message"]
    print(f"same refusal: {'yes' if same else 'NO'}: {str(stream['message'])[:120]}")
    ok = stream["seconds"] < TARGET_SECONDS and stream["peak_mb"] < TARGET_MB and same
    print(
        f"targets (< {TARGET_SECONDS} s, < {TARGET_MB} MB peak, same message): "
        f"{'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
