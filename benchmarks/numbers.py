"""Throughput of :func:`silkroad_news.numbers.find_quantities` on news-like text, on one core.

Builds at least ``--mb`` MB (UTF-8) of text from a pool of sentences, shuffled and with every
Arabic digit run replaced by random digits of the same length from a seeded RNG, so the
recognizer cannot profit from repeated inputs beyond what real news repeats. The text is cut
into article-sized documents and each is passed to ``find_quantities`` in turn. Two pools are
measured side by side in one run:

* ``seeds``: the sentences of the three seed articles in ``corpus/raw`` (002 with its pinyin
  glosses removed, as the recognizer sees it);
* ``seeds+news``: the same with, in equal number, the news-style test sentences of
  ``tests/fixtures/numbers/news_cases.jsonl`` (written for the tests: unit families, ranges,
  vague numerals, names), which are denser in numbers and take the newer code paths.

The target (2 MB/s) holds for each pool; the ratio printed is the median throughput over it.

``--baseline SRC`` also times another version of the recognizer on the same documents, side by
side: ``SRC`` is the ``src`` folder of another checkout (``git archive main src | tar -x -C
/tmp/main``), imported in a child process pinned to the same core, and its passes alternate
with this checkout's, so that the load of a shared machine falls on both alike. The ratio of
the two medians is printed for each pool.

Usage: ``.venv/bin/python benchmarks/numbers.py [--mb 10] [--seed 0] [--repeat 3]
[--baseline SRC]``
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named numbers.py, like the stdlib module that decimal and statistics import; run
# as a script, its folder comes first on sys.path and would shadow it. Drop that entry first.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from silkroad_news.numbers import find_quantities  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "corpus" / "raw"
NEWS = ROOT / "tests" / "fixtures" / "numbers" / "news_cases.jsonl"
SOURCES = ("000_ed5b604d7aff2fb4.txt", "002_17bf0f8154751dcd.txt", "004_c7f4ca8fa91d499b.txt")
TARGET_MB_S = 2.0
GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
DIGITS = re.compile(r"\d+")
DOC_SENTENCES = 40  # about the length of one of the seed articles


def seed_sentences() -> list[str]:
    sentences: list[str] = []
    for name in SOURCES:
        path = RAW / name
        if not path.exists():
            sys.exit(f"benchmark: {path} is missing; run from a full checkout")
        text = GLOSS.sub("", path.read_text(encoding="utf-8"))
        sentences += [s.strip() for s in SENTENCE.findall(text) if s.strip()]
    return sentences


def news_sentences() -> list[str]:
    if not NEWS.exists():
        sys.exit(f"benchmark: {NEWS} is missing; run from a full checkout")
    with NEWS.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def vary_digits(sentence: str, rng: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        n = len(m.group())
        first = str(rng.randint(1, 9)) if n > 1 else str(rng.randint(0, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))

    return DIGITS.sub(repl, sentence)


def build_documents(pool: list[str], megabytes: float, seed: int) -> tuple[list[str], int]:
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    docs: list[str] = []
    size = 0
    while size < target:
        doc = "\n".join(vary_digits(rng.choice(pool), rng) for _ in range(DOC_SENTENCES))
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs, size


def pin_to_one_core() -> str:
    # Python runs the recognizer on one thread anyway; pinning also keeps the OS from
    # migrating it, which makes repeated runs comparable.
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def measure(docs: list[str], repeat: int) -> tuple[list[float], int]:
    find_quantities(docs[0])  # warm the regex and numeral caches outside the timing
    times: list[float] = []
    found = 0
    for _ in range(repeat):
        found = 0
        t0 = time.perf_counter()
        for doc in docs:
            found += len(find_quantities(doc))
        times.append(time.perf_counter() - t0)
    return times, found


def measure_child(docs_file: str, src: str) -> tuple[float, int]:
    """One timed pass of the recognizer found in ``src`` over the documents of ``docs_file``,
    in a child process (two versions of the package cannot share one interpreter)."""
    env = {**os.environ, "PYTHONPATH": src}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", docs_file]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    return float(result["time"]), int(result["found"])


def child(docs_file: str) -> int:
    with open(docs_file, encoding="utf-8") as fh:
        docs = json.load(fh)
    times, found = measure(docs, 1)
    print(json.dumps({"time": times[0], "found": found}))
    return 0


def side_by_side(
    docs: list[str], repeat: int, src: str
) -> tuple[list[float], int, list[float], int]:
    """Alternate passes of this version and of the baseline in ``src`` over ``docs``."""
    times: list[float] = []
    base_times: list[float] = []
    found = base_found = 0
    with tempfile.TemporaryDirectory() as tmp:
        docs_file = str(Path(tmp) / "docs.json")
        with open(docs_file, "w", encoding="utf-8") as fh:
            json.dump(docs, fh, ensure_ascii=False)
        for _ in range(repeat):
            t, found = measure(docs, 1)
            times += t
            bt, base_found = measure_child(docs_file, src)
            base_times.append(bt)
    return times, found, base_times, base_found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="size of each text in MB (UTF-8)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over each text")
    ap.add_argument("--baseline", metavar="SRC", help="src folder of a version to time beside")
    ap.add_argument("--child", metavar="DOCS", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args.child)
    if args.baseline and not (Path(args.baseline) / "silkroad_news" / "numbers.py").exists():
        sys.exit(f"benchmark: {args.baseline} has no silkroad_news/numbers.py")

    core = pin_to_one_core()
    seeds = seed_sentences()
    news = news_sentences()
    rng = random.Random(args.seed)
    mixed = seeds + [rng.choice(news) for _ in seeds]
    print(f"cpu: {core}; {args.repeat} passes per text; seed {args.seed}")
    worst = math.inf
    for name, pool in (("seeds", seeds), ("seeds+news", mixed)):
        docs, size = build_documents(pool, args.mb, args.seed)
        chars = sum(len(d) for d in docs)
        if args.baseline:
            times, found, base_times, base_found = side_by_side(docs, args.repeat, args.baseline)
        else:
            times, found = measure(docs, args.repeat)
        mb = size / 1_000_000
        best, median = min(times), statistics.median(times)
        worst = min(worst, mb / median)
        print(
            f"{name}: {mb:.2f} MB UTF-8, {chars:,} chars, {len(docs):,} documents, "
            f"{found:,} expressions per pass"
        )
        print(f"{name}: time per pass: best {best:.3f} s, median {median:.3f} s")
        print(
            f"{name}: throughput: {mb / median:.2f} MB/s median, {mb / best:.2f} MB/s best; "
            f"{mb / median / TARGET_MB_S:.2f}x the {TARGET_MB_S:g} MB/s target"
        )
        if args.baseline:
            base = statistics.median(base_times)
            print(
                f"{name}: baseline {args.baseline}: {mb / base:.2f} MB/s median, "
                f"{base_found:,} expressions per pass; this version runs at "
                f"{base / median:.2f}x its speed"
            )
    print(f"slowest pool: {worst:.2f} MB/s median, {worst / TARGET_MB_S:.2f}x the target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
