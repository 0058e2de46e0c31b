"""Shared fixtures. Tests never touch the network: the hub is switched off for the session.

* ``root``, ``repo_copy``, ``full_repo_copy``: the repository, and scratch copies of its data;
* ``fixture_repo``, ``built_repo``: a small repository made of one fixture article
  (``fixtures/build/article.txt``) with its hand-made gold (``fixtures/build/gold.jsonl``), its
  number mentions (the worksheet ``fixtures/build/mentions_worksheet.jsonl``, resolved) and
  splits, before and after ``build``;
* ``gold_record``: one passage's gold with a character outside the BMP;
* ``cli_run``: the command line, in-process.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from silkroad_news.schema import (
    Approx,
    Claim,
    ClaimKind,
    Direction,
    Entity,
    EntityType,
    Modality,
    PassageAnnotation,
    Provenance,
    Span,
)

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository itself (read-only use)."""
    return ROOT


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A scratch copy of the repository's data folders, for commands that write."""
    dst = tmp_path / "repo"
    for name in ("corpus", "annotations", "splits"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dst / name)
    return dst


def _make_repo(dst: Path) -> Path:
    """A repository with the fixture article, its gold and its splits (not built)."""
    from silkroad_news.annotations import (
        GOLD_FILE,
        MENTIONS_FILE,
        check_against_corpus,
        read_gold,
        write_gold,
        write_mentions,
    )
    from silkroad_news.corpus import build_corpus, load_documents
    from silkroad_news.files import dumps_json
    from silkroad_news.splits import MANIFEST_FILE, assign, render_manifest
    from silkroad_news.worksheet import resolve_mentions_file

    raw = dst / "corpus" / "raw"
    raw.mkdir(parents=True)
    data = (FIXTURES / "build" / "article.txt").read_bytes()
    (raw / "article.txt").write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    (raw / "SHA256SUMS").write_text(f"{digest}  article.txt\n", encoding="utf-8")
    article = {
        "id": "fixture-kashgar",
        "source_file": "article.txt",
        "sha256": digest,
        "title": "喀什外贸创新高 𠮷祥口岸开通",
        "publisher": "天山网",
        "authors": ["测试"],
        "date": "2024-08-08",
        "date_inferred": False,
        "date_evidence": "stated",
        "script": "Hans",
        "url": None,
        "known_damage": [],
    }
    (dst / "corpus" / "articles.json").write_text(
        dumps_json({"articles": [article]}), encoding="utf-8"
    )
    (dst / "corpus" / "repairs.json").write_text(
        dumps_json({"repairs": [], "passage_splits": []}), encoding="utf-8"
    )
    build_corpus(dst)
    docs = load_documents(dst)
    gold = read_gold(FIXTURES / "build" / "gold.jsonl")
    check_against_corpus(gold, docs, "fixtures/build/gold.jsonl")
    write_gold(dst / GOLD_FILE, gold)
    write_mentions(
        dst / MENTIONS_FILE,
        resolve_mentions_file(dst, FIXTURES / "build" / "mentions_worksheet.jsonl"),
    )
    assignment, seed = assign(docs, {a.passage_id: a for a in gold})
    (dst / MANIFEST_FILE).parent.mkdir(parents=True, exist_ok=True)
    (dst / MANIFEST_FILE).write_text(render_manifest(assignment, seed), encoding="utf-8")
    (dst / "README.md").write_text("# fixture\n\nbody text\n", encoding="utf-8")
    return dst


@pytest.fixture
def fixture_repo(tmp_path: Path) -> Path:
    """The fixture repository, not built yet (a fresh one per test)."""
    return _make_repo(tmp_path / "silkroad-fixture")


@pytest.fixture(scope="session")
def built_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture repository after ``build``, made once per session: read-only (copy it to
    write)."""
    from silkroad_news.build import build

    repo = _make_repo(tmp_path_factory.mktemp("built") / "silkroad-fixture")
    build(repo)
    return repo


@pytest.fixture
def full_repo_copy(tmp_path: Path) -> Path:
    """A scratch copy of every committed input and generated file (no code, no venvs)."""
    dst = tmp_path / "full"
    for name in ("corpus", "annotations", "splits", "baselines", "leaderboard", "schemas"):
        shutil.copytree(ROOT / name, dst / name)
    for name in ("README.md", "dataset_card.md", "dataset_card_labels.svg"):
        shutil.copy2(ROOT / name, dst / name)
    return dst


@pytest.fixture
def cli_run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the ``silkroad-news`` CLI in-process; return (exit code, stdout, stderr)."""
    from silkroad_news import cli

    def run(*argv: Any) -> tuple[int, str, str]:
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


# --------------------------------------------------------------------------------------------
# A gold record with a character outside the BMP, one entity and one claim with every part
# --------------------------------------------------------------------------------------------

GOLD_TEXT = "𠮷上半年,喀什地區進出口總值達564.32億元,同比增長67.2%。"


def _span(text: str, surface: str) -> Span:
    i = text.index(surface)
    return Span(start=i, end=i + len(surface), text=surface)


@pytest.fixture
def gold_record() -> PassageAnnotation:
    """One passage's gold: text ``GOLD_TEXT`` (it starts with 𠮷), entity ``e1`` (喀什地區,
    GPE, [5, 9)), claim ``c1`` (564.32億元 with its metric, subject and time), provenance."""
    text = GOLD_TEXT
    place = _span(text, "喀什地區")
    return PassageAnnotation(
        passage_id="d-p01",
        doc_id="d",
        text=text,
        entities=(Entity("e1", EntityType.GPE, place.start, place.end, place.text),),
        claims=(
            Claim(
                id="c1",
                value=_span(text, "564.32億元"),
                number=56432000000.0,
                low=None,
                high=None,
                unit="CNY",
                unit_text="億元",
                kind=ClaimKind.AMOUNT,
                approx=Approx.EXACT,
                direction=Direction.NONE,
                modality=Modality.ACTUAL,
                metric=_span(text, "進出口總值"),
                subject=place,
                time=_span(text, "上半年"),
            ),
        ),
        provenance=Provenance(7, 11, "annotator@example.org", "2026-11-23T10:00:00Z", "2026-11-23"),
    )


# --------------------------------------------------------------------------------------------
# A real browser: Debian's chromium, driven by Playwright (never a downloaded browser build)
# --------------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Any:
    """A headless Chromium (``/usr/bin/chromium``, installed by ``scripts/bootstrap.sh``)."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/bootstrap.sh`", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Any:
    """A fresh page whose uncaught script errors are collected in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    try:
        yield pg
    finally:
        context.close()
