"""The committed outputs are reproducible: rebuilt from the committed inputs in a scratch copy,
every generated file comes out byte-identical, the baselines' timings aside.

It runs the generators as ``scripts/main.sh`` does (corpus, statistics, dataset and card,
Label Studio config, submission schemas, baselines, leaderboard) after deleting what they
generate, then compares the whole scratch copy with the repository. Rerun it alone with
``.venv/bin/python -m pytest -p no:cacheprovider -m slow tests/test_reproduction.py``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from silkroad_news.baselines.run import (
    ENTRIES,
    RESULTS_JSON,
    RESULTS_MD,
    TIMINGS_HEADING,
    stable_part,
)
from silkroad_news.files import dumps_json

pytestmark = pytest.mark.slow

#: Everything the generators write, deleted before they run (hand-written files such as
#: README.md and dataset_card.md keep their prose; their generated parts are refreshed).
GENERATED = [
    "corpus/clean",
    "annotations/statistics.json",
    "annotations/labelstudio/config.xml",
    "annotations/labelstudio/instructions.html",
    "annotations/labelstudio/mentions_config.xml",
    "annotations/labelstudio/mentions_instructions.html",
    "annotations/preannotation_effort.md",
    "splits/SHA256SUMS",
    *(f"splits/{config}" for config in ("documents", "ner", "claims", "numbers")),
    "dataset_card_labels.svg",
    "schemas",
    "baselines/results.json",  # baselines/regex_numbers.py is a hand-written baseline
    "baselines/results.md",
    "leaderboard/README.md",
    "leaderboard/index.html",
    "leaderboard/results.json",
    "leaderboard/METRICS.md",
    *(f"leaderboard/submissions/{entry}" for entry, *_ in ENTRIES),
]
COMMANDS = [
    ("corpus", "build"),
    ("annotations", "statistics"),
    ("build",),
    ("labelstudio", "config"),
    ("schemas",),
    ("baselines", "run"),
    ("labelstudio", "effort"),  # trains with the hyper-parameters baselines run chose
    ("leaderboard",),
]


def _tree(root: Path, names: list[str]) -> dict[str, bytes]:
    out = {}
    for name in names:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        out.update({p.relative_to(root).as_posix(): p.read_bytes() for p in files})
    return out


def _without_timings(md: str) -> tuple[str, list[str]]:
    head, _, tail = md.partition(TIMINGS_HEADING)
    return head, [re.sub(r"\d[\d.,]*", "#", line) for line in tail.splitlines()]


def test_the_pipeline_reproduces_every_committed_output(
    root: Path, full_repo_copy: Path, cli_run
) -> None:
    scratch = full_repo_copy
    for name in GENERATED:
        path = scratch / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    for command in COMMANDS:
        code, _, err = cli_run("--root", scratch, *command)
        assert (code, err) == (0, ""), command

    tops = sorted(p.name for p in scratch.iterdir())
    committed, rebuilt = _tree(root, tops), _tree(scratch, tops)
    assert sorted(rebuilt) == sorted(committed)
    timed = {RESULTS_JSON.as_posix(), RESULTS_MD.as_posix()}
    differ = [name for name in committed if name not in timed and rebuilt[name] != committed[name]]
    assert differ == []

    old, new = (json.loads(t[RESULTS_JSON.as_posix()]) for t in (committed, rebuilt))
    assert stable_part(new) == stable_part(old)
    # byte for byte once the committed timings are put back
    assert (
        dumps_json({**new, "timings": old["timings"]}).encode()
        == committed[RESULTS_JSON.as_posix()]
    )
    old_md, new_md = (t[RESULTS_MD.as_posix()].decode("utf-8") for t in (committed, rebuilt))
    assert _without_timings(new_md) == _without_timings(old_md)
