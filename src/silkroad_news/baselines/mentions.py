"""The numbers task's regex baseline, and what is said of its other baseline, the quantity
finder (finding and normalizing every number mention of a passage; submission lines
``{"id", "mentions": [...]}``).

``regex``
    ``baselines/regex_numbers.py`` at the repository root: under 60 lines of plain regular
    expressions, ``predict(text)`` → mentions, ``claim`` always false. Loaded from its file in
    the project's checkout (:func:`load_regex`; it is code, not data, so it does not follow
    ``--root``), so the file the reader sees is the system that is scored.
``quantity-finder``
    The project's recognizer, :func:`silkroad_news.numbers.find_quantities`, with ``claim`` from
    the claims pipeline's mention classifier
    (:meth:`silkroad_news.baselines.claims.ClaimsBaseline.predict_numbers`, trained on the
    train split for ``test``, on the other four folds under ``cv``). The recognizer was
    developed on these three articles, so its figures here are **in-sample**; its
    out-of-sample figures are the held-out sets' (``benchmarks/numbers_heldout.py``,
    :data:`HELDOUT_NOTE`).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from ..schema import SchemaError

REGEX_FILE = Path("baselines/regex_numbers.py")
#: The checkout this package runs from (``src/silkroad_news/baselines/`` is three levels down).
CODE_ROOT = Path(__file__).resolve().parents[3]
#: What ``benchmarks/numbers_heldout.py --set v7`` measured on the held-out set (recognizer of
#: this version), quoted by the metadata, the card and ``baselines/results.md``.
HELDOUT_NOTE = (
    "in-sample: the recognizer was developed on these three articles. Held out from its last "
    "round (benchmarks/numbers_heldout.py --set v17): 0.9% (2/226) of quantities without a unit, "
    "0 quantities inside a name, exact-span F1 0.975 (all) and 0.978 (quantities)."
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
