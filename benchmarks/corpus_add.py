"""Benchmark: ``corpus add`` of N articles in one call against N calls of one article.

Run by hand: ``.venv/bin/python benchmarks/corpus_add.py [--articles 10]``.

On two scratch copies of the repository's corpus (nothing in the repository is written), it
adds the same N short news-style articles (written for this benchmark) once as one call
with N files and once as N calls, checks that both give byte-identical corpora, and prints
both times and their ratio. Target: one call of N files costs less than two calls of one.
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/numbers.py would shadow the standard library's numbers module for imports below
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from silkroad_news.corpus import add_articles  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def article(n: int) -> str:
    return (
        f"测试口岸第{n}批项目签约\n"
        f"发布时间:2024-{n % 12 + 1:02d}-{n % 27 + 1:02d} 来源:测试网\n"
        f"今年以来,测试口岸共签约项目{n + 3}个,总投资{n}1.5亿元,同比增长{n % 9}.2%。\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        files = []
        for n in range(args.articles):
            f = tmp_path / "new" / f"bench{n:03d}.txt"
            f.parent.mkdir(exist_ok=True)
            f.write_text(article(n), encoding="utf-8")
            files.append(f)
        one, many = tmp_path / "one" / "corpus", tmp_path / "many" / "corpus"
        for dst in (one, many):
            shutil.copytree(ROOT / "corpus", dst)
        started = time.perf_counter()
        add_articles(one.parent, files)
        one_call = time.perf_counter() - started
        started = time.perf_counter()
        for f in files:
            add_articles(many.parent, [f])
        n_calls = time.perf_counter() - started
        same = all(
            (one / p.relative_to(many)).read_bytes() == p.read_bytes()
            for p in many.rglob("*")
            if p.is_file()
        )
    print(f"corpus add, {args.articles} articles: one call {one_call:.2f} s, "
          f"{args.articles} calls {n_calls:.2f} s, ratio {n_calls / one_call:.1f}x; "
          f"identical corpora: {same}")  # fmt: skip
    per_call = n_calls / args.articles
    print(f"target (one call of N < two calls of one): {2 * per_call / one_call:.2f} (>1 is met)")


if __name__ == "__main__":
    main()
