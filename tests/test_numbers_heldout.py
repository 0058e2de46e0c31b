"""The held-out number sets' tools: choosing the set (v1 to v17 or a path), building, checking.

The tests never run the recognizer on the held-out sets (that text stays out of the tuning loop);
the measurement is exercised on a small set written here.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while it is loaded
    saved = list(sys.path)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved  # the scripts drop benchmarks/ from sys.path when loaded
    return module


build = load_script("numbers_heldout_build")
measure = load_script("numbers_heldout")

SOURCE = """# a comment line
@piece t-1
@script Simplified
@text
𠮷港新建仓库1.8万平方米，热线0591-8776 3210。
@mentions
1.8万平方米 | quantity | 18000 | 万平方米 | exact | area
0591-8776 3210 | phone
"""


def test_named_sets_resolve_to_their_files() -> None:
    data = BENCHMARKS / "data"
    assert build.set_paths("v1") == (
        data / "numbers_heldout.src.txt",
        data / "numbers_heldout.jsonl",
    )
    for n in range(2, 18):
        src, jsonl = data / f"numbers_heldout{n}.src.txt", data / f"numbers_heldout{n}.jsonl"
        assert build.set_paths(f"v{n}") == (src, jsonl)
        assert measure.SETS[f"v{n}"] == jsonl
    assert build.set_paths("x/own.src.txt") == (Path("x/own.src.txt"), Path("x/own.jsonl"))


def test_committed_sets_are_what_their_sources_give(capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["--check"]) == 0  # v1 stays the default
    for n in range(2, 18):
        assert build.main(["--set", f"v{n}", "--check"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "numbers_heldout.jsonl: up to date",
        "numbers_heldout2.jsonl: up to date",
        "numbers_heldout3.jsonl: up to date",
        "numbers_heldout4.jsonl: up to date",
        "numbers_heldout5.jsonl: up to date",
        "numbers_heldout6.jsonl: up to date",
        "numbers_heldout7.jsonl: up to date",
        "numbers_heldout8.jsonl: up to date",
        "numbers_heldout9.jsonl: up to date",
        "numbers_heldout10.jsonl: up to date",
        "numbers_heldout11.jsonl: up to date",
        "numbers_heldout12.jsonl: up to date",
        "numbers_heldout13.jsonl: up to date",
        "numbers_heldout14.jsonl: up to date",
        "numbers_heldout15.jsonl: up to date",
        "numbers_heldout16.jsonl: up to date",
        "numbers_heldout17.jsonl: up to date",
    ]


def test_v2_has_the_size_its_readme_states() -> None:
    records = [
        json.loads(line)
        for line in (BENCHMARKS / "data" / "numbers_heldout2.jsonl").read_text("utf-8").splitlines()
    ]
    mentions = [m for r in records for m in r["mentions"]]
    assert len(records) == 17
    assert sum(len(r["text"]) for r in records) == 9557
    assert len(mentions) == 644
    assert sum(m["category"] == "quantity" for m in mentions) == 419
    assert sum(m["category"] in ("identifier", "phone") for m in mentions) == 75
    assert {r["script"] for r in records} == {"Simplified", "Traditional"}
    for r in records:
        for m in r["mentions"]:
            assert r["text"][m["start"] : m["end"]] == m["text"]


# name, pieces, characters, mentions, quantities, identifiers and phones, Traditional pieces
SIZES = [
    ("numbers_heldout3.jsonl", 14, 8824, 609, 371, 80, 3),  # README-heldout3.md
    ("numbers_heldout4.jsonl", 12, 6183, 413, 231, 79, 3),  # README-heldout4.md
    ("numbers_heldout5.jsonl", 12, 6268, 425, 255, 65, 3),  # README-heldout5.md
    ("numbers_heldout6.jsonl", 12, 6058, 408, 242, 62, 3),  # README-heldout6.md
    ("numbers_heldout7.jsonl", 12, 6069, 415, 263, 58, 3),  # README-heldout7.md
    ("numbers_heldout8.jsonl", 12, 6087, 384, 223, 69, 3),  # README-heldout8.md
    ("numbers_heldout9.jsonl", 12, 6149, 380, 227, 59, 3),  # README-heldout9.md
    ("numbers_heldout10.jsonl", 12, 6081, 379, 213, 62, 3),  # README-heldout10.md
    ("numbers_heldout11.jsonl", 12, 6067, 381, 221, 53, 3),  # README-heldout11.md
    ("numbers_heldout12.jsonl", 12, 6054, 387, 230, 68, 3),  # README-heldout12.md
    ("numbers_heldout13.jsonl", 11, 6136, 426, 232, 80, 3),  # README-heldout13.md
    ("numbers_heldout14.jsonl", 11, 6465, 410, 246, 56, 2),  # README-heldout14.md
    ("numbers_heldout15.jsonl", 12, 6016, 401, 238, 50, 2),  # README-heldout15.md
    ("numbers_heldout16.jsonl", 12, 6081, 395, 220, 60, 2),  # README-heldout16.md
    ("numbers_heldout17.jsonl", 12, 6165, 368, 226, 44, 2),  # README-heldout17.md
]


@pytest.mark.parametrize(
    ("name", "pieces", "chars", "n_mentions", "quantities", "names", "traditional"), SIZES
)
def test_a_set_has_the_size_its_readme_states(
    name: str,
    pieces: int,
    chars: int,
    n_mentions: int,
    quantities: int,
    names: int,
    traditional: int,
) -> None:
    records = [
        json.loads(line) for line in (BENCHMARKS / "data" / name).read_text("utf-8").splitlines()
    ]
    mentions = [m for r in records for m in r["mentions"]]
    assert len(records) == pieces
    assert sum(len(r["text"]) for r in records) == chars
    assert len(mentions) == n_mentions
    assert sum(m["category"] == "quantity" for m in mentions) == quantities
    assert sum(m["category"] in ("identifier", "phone") for m in mentions) == names
    assert sum(r["script"] == "Traditional" for r in records) == traditional
    for r in records:
        for m in r["mentions"]:
            assert r["text"][m["start"] : m["end"]] == m["text"]


# name; mentions per category in build.CATEGORIES order; quantities with a unit; ranges; vague
CATEGORY_COUNTS = [
    ("numbers_heldout4.jsonl", (231, 56, 9, 22, 16, 60, 19), 227, 11, 8),  # README-heldout4.md
    ("numbers_heldout5.jsonl", (255, 57, 7, 23, 18, 50, 15), 250, 12, 6),  # README-heldout5.md
    ("numbers_heldout6.jsonl", (242, 59, 7, 20, 18, 48, 14), 236, 6, 7),  # README-heldout6.md
    ("numbers_heldout7.jsonl", (263, 56, 5, 15, 18, 44, 14), 260, 11, 7),  # README-heldout7.md
    ("numbers_heldout8.jsonl", (223, 48, 7, 21, 16, 54, 15), 222, 13, 12),  # README-heldout8.md
    ("numbers_heldout9.jsonl", (227, 39, 11, 29, 15, 45, 14), 223, 8, 11),  # README-heldout9.md
    ("numbers_heldout10.jsonl", (213, 50, 15, 19, 20, 50, 12), 212, 9, 7),  # README-heldout10.md
    ("numbers_heldout11.jsonl", (221, 48, 13, 24, 22, 39, 14), 220, 10, 9),  # README-heldout11.md
    ("numbers_heldout12.jsonl", (230, 42, 9, 25, 13, 50, 18), 228, 14, 16),  # README-heldout12.md
    ("numbers_heldout13.jsonl", (232, 54, 13, 27, 20, 66, 14), 231, 11, 11),  # README-heldout13.md
    ("numbers_heldout14.jsonl", (246, 47, 9, 28, 24, 45, 11), 246, 7, 14),  # README-heldout14.md
    ("numbers_heldout15.jsonl", (238, 52, 12, 28, 21, 42, 8), 236, 14, 9),  # README-heldout15.md
    ("numbers_heldout16.jsonl", (220, 46, 13, 34, 22, 49, 11), 218, 11, 6),  # README-heldout16.md
    ("numbers_heldout17.jsonl", (226, 38, 12, 25, 23, 35, 9), 226, 10, 7),  # README-heldout17.md
]


@pytest.mark.parametrize(("name", "counts", "with_unit", "ranges", "vague"), CATEGORY_COUNTS)
def test_a_set_has_the_categories_its_readme_states(
    name: str, counts: tuple[int, ...], with_unit: int, ranges: int, vague: int
) -> None:
    records = [
        json.loads(line) for line in (BENCHMARKS / "data" / name).read_text("utf-8").splitlines()
    ]
    mentions = [m for r in records for m in r["mentions"]]
    categories = {c: sum(m["category"] == c for m in mentions) for c in build.CATEGORIES}
    assert categories == dict(zip(build.CATEGORIES, counts, strict=True))
    quantities = [m for m in mentions if m["category"] == "quantity"]
    assert sum(bool(m["unit_text"]) for m in quantities) == with_unit
    read = [m for m in mentions if m["category"] in build.READ]
    assert sum(m["form"] == "range" for m in read) == ranges
    assert sum(m["form"] == "vague" for m in read) == vague


def test_a_path_set_builds_beside_its_source_and_checks(tmp_path: Path) -> None:
    source = tmp_path / "own.src.txt"
    source.write_text(SOURCE, encoding="utf-8")
    assert build.main(["--set", str(source)]) == 0
    (record,) = [
        json.loads(line) for line in (tmp_path / "own.jsonl").read_text("utf-8").splitlines()
    ]
    text = record["text"]
    spans = [(m["start"], m["end"], m["text"]) for m in record["mentions"]]
    # offsets are code points: 𠮷 (outside the BMP) counts as one
    assert spans == [(6, 13, "1.8万平方米"), (16, 30, "0591-8776 3210")]
    assert all(text[s:e] == t for s, e, t in spans)
    assert record["mentions"][0]["number"] == 18000
    assert build.main(["--set", str(source), "--check"]) == 0
    source.write_text(SOURCE.replace("18000", "1800"), encoding="utf-8")
    assert build.main(["--set", str(source), "--check"]) == 1


def test_a_bad_set_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build.main(["--set", "v18"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "numbers_heldout_build: --set v18: expected one of v1, v2, v3, v4, v5, v6, v7, v8, v9, "
        "v10, v11, v12, v13, v14, v15, v16, v17 or a path ending in .src.txt\n"
    )
    missing = tmp_path / "none.src.txt"
    assert build.main(["--set", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(missing) in err and "cannot read the source" in err
    source = tmp_path / "bad.src.txt"
    source.write_text(SOURCE.replace("1.8万平方米 |", "2.8万平方米 |"), encoding="utf-8")
    assert build.main(["--set", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("numbers_heldout_build: bad.src.txt:7 (t-1): '2.8万平方米' not found")


def test_the_measurement_takes_a_set_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "own.src.txt"
    source.write_text(SOURCE, encoding="utf-8")
    assert build.main(["--set", str(source)]) == 0
    capsys.readouterr()
    assert measure.main(["--set", str(tmp_path / "own.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "1 pieces, 31 characters, 2 mentions" in out
    assert measure.main(["--set", str(tmp_path / "none.jsonl")]) == 2
    assert "none.jsonl" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        measure.main(["--set", "v2", "--data", str(tmp_path / "own.jsonl")])
    assert exc.value.code == 2
