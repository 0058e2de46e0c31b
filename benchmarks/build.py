"""Benchmark: the time of a full build, from the committed inputs to every output file.

Run by hand: ``.venv/bin/python benchmarks/build.py [--repeat 3]``.

In one run, on a scratch copy of the repository's data folders (nothing in the repository is
written), it times:

1. ``corpus build``: raw articles to clean documents;
2. ``build``: clean corpus + gold + split manifest to the four Parquet configs, the README
   header, the dataset card blocks and the label figure;
3. the two together, as the main job runs them;

and checks that every repeat gives byte-identical files (the build's determinism). Target: a
full build under 10 seconds here; it prints the ratio of the target to the measured median.
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/numbers.py would shadow the standard library's numbers module for imports below
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import hashlib  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

TARGET_SECONDS = 10.0
ROOT = Path(__file__).resolve().parents[1]


def _digest(files: dict[Path, bytes]) -> str:
    h = hashlib.sha256()
    for path, data in sorted(files.items()):
        h.update(str(path.name).encode() + b"\0" + data)
    return h.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from silkroad_news.build import build
    from silkroad_news.corpus import build_corpus

    import_time = time.perf_counter() - t0
    corpus_times, build_times, digests = [], [], set()
    with tempfile.TemporaryDirectory(prefix="silkroad-bench-") as tmp:
        for _ in range(args.repeat):
            repo = Path(tmp) / "repo"
            shutil.rmtree(repo, ignore_errors=True)
            for name in ("corpus", "annotations", "splits"):
                shutil.copytree(ROOT / name, repo / name)
            for name in ("README.md", "dataset_card.md"):
                shutil.copy(ROOT / name, repo / name)
            t = time.perf_counter()
            corpus_files = build_corpus(repo)
            corpus_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            files = build(repo)
            build_times.append(time.perf_counter() - t)
            corpus_bytes = {Path(p): Path(p).read_bytes() for p in corpus_files}
            digests.add(_digest({**corpus_bytes, **files}))
    total = [a + b for a, b in zip(corpus_times, build_times, strict=True)]
    median = statistics.median(total)
    print(
        f"first run, which also loads datasets, pyarrow and OpenCC: {total[0]:.2f} s "
        f"(package import before it: {import_time:.2f} s)"
    )
    print(f"corpus build: median {statistics.median(corpus_times):.2f} s over {args.repeat} runs")
    print(f"dataset build: median {statistics.median(build_times):.2f} s over {args.repeat} runs")
    print(f"full build: median {median:.2f} s, best {min(total):.2f} s")
    print(f"target {TARGET_SECONDS:.0f} s: {TARGET_SECONDS / median:.1f}x under the target")
    print(f"byte-identical outputs across runs: {'yes' if len(digests) == 1 else 'NO'}")
    return 0 if len(digests) == 1 and median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
