"""The two baselines of the ``numbers`` task (finding and normalizing every number mention of
a passage), as submission lines ``{"id", "mentions": [...]}``.

``regex``
    ``baselines/regex_numbers.py`` at the repository root: under 60 lines of plain regular
    expressions, ``predict(text)`` → mentions, ``claim`` always false. Loaded from its file in
    the project's checkout (:func:`load_regex`; it is code, not data, so it does not follow
    ``--root``), so the file the reader sees is the system that is scored.
``quantity-finder``
    The project's recognizer, :func:`silkroad_news.numbers.find_quantities`: category, span,
    number, range bounds, unit code and approx from it; ``claim`` true where the claims
    baseline predicted a claim whose VALUE has exactly the mention's span (its mention
    classifier, trained on the same data as the rest of that pipeline: the train split for
    ``test``, the other four folds under ``cv``). The recognizer was developed on these three
    articles, so its figures here are **in-sample**; its out-of-sample figure is the held-out
    set's (``benchmarks/numbers_heldout.py --set v3``, :data:`HELDOUT_NOTE`).

Neither learns from the numbers gold, so the same predictions serve every fold under ``cv``.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from ..numbers import Quantity, find_quantities
from ..schema import NumberCategory, SchemaError

REGEX_FILE = Path("baselines/regex_numbers.py")
#: The checkout this package runs from (``src/silkroad_news/baselines/`` is three levels down).
CODE_ROOT = Path(__file__).resolve().parents[3]
#: The categories whose mentions carry a reading (number, low, high, unit, approx).
READ = frozenset({NumberCategory.QUANTITY, NumberCategory.DURATION})
#: What ``benchmarks/numbers_heldout.py --set v3`` measured on the held-out set (recognizer of
#: this version), quoted by the metadata, the card and ``baselines/results.md``.
HELDOUT_NOTE = (
    "in-sample: the recognizer was developed on these three articles. Out of sample "
    "(benchmarks/numbers_heldout.py --set v3): 1.6% of quantities read without a unit (6/367), "
    "6 quantities read inside names, exact-span F1 0.926 over all categories and 0.968 on "
    "quantities."
)

Row = Mapping[str, Any]


def load_regex(root: Path = CODE_ROOT) -> ModuleType:
    """The ``regex`` baseline, imported from ``baselines/regex_numbers.py`` under ``root``."""
    path = Path(root) / REGEX_FILE
    if not path.is_file():
        raise SchemaError(f"{path}: file not found; the regex baseline of the numbers task")
    spec = importlib.util.spec_from_file_location("silkroad_regex_numbers", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def regex_lines(predict: Callable[[str], list[dict[str, Any]]], rows: Sequence[Row]) -> list[Row]:
    """Submission lines of the regex baseline for passage rows (``id``, ``text``)."""
    return [{"id": r["id"], "mentions": predict(r["text"])} for r in rows]


def _finite(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


def quantity_mention(q: Quantity, claim: bool) -> dict[str, Any]:
    """One recognized number expression as a mention of the submission format."""
    read = q.category in READ
    return {
        "start": q.start,
        "end": q.end,
        "category": q.category.value,
        "number": _finite(q.number) if read else None,
        "low": _finite(q.low) if read else None,
        "high": _finite(q.high) if read else None,
        "unit": q.unit if read else None,
        "approx": q.approx.value if read else None,
        "claim": claim and q.category is NumberCategory.QUANTITY,
    }


def claim_spans(claims_lines: Iterable[Row]) -> dict[str, set[tuple[int, int]]]:
    """Passage id → VALUE spans of the claims predicted there (claims submission lines)."""
    return {
        line["id"]: {(c["value"]["start"], c["value"]["end"]) for c in line["claims"]}
        for line in claims_lines
    }


def quantity_finder_lines(
    rows: Sequence[Row], claims: Mapping[str, set[tuple[int, int]]]
) -> list[Row]:
    """Submission lines of the quantity-finder baseline; ``claims`` gives each passage's
    predicted claim VALUE spans (:func:`claim_spans`)."""
    out = []
    for r in rows:
        spans = claims.get(r["id"], set())
        found = find_quantities(r["text"])
        mentions = [quantity_mention(q, (q.start, q.end) in spans) for q in found]
        out.append({"id": r["id"], "mentions": mentions})
    return out
