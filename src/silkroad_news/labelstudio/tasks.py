"""Label Studio tasks and predictions built from clean documents (pure; no server).

Contract:

- :func:`passage_tasks` gives one task per passage, ``{"data": {...}}`` with the keys of
  :data:`~silkroad_news.labelstudio.config.TASK_DATA_KEYS`: ``text`` is
  ``doc.text[p.start:p.end]`` (what is labeled, offsets are into it), ``text_simplified`` the
  same slice of the simplified view, ``date`` the article date from the ``dates`` mapping
  (empty when unknown: the config shows ``$date``, so the key must exist). ``passage_id`` is
  the key that identifies a task across pushes.
- :func:`passage_prediction` gives the pre-annotation of one task: ``{"model_version",
  "result"}`` with entity regions and VALUE regions (plus their attributes) from
  :mod:`silkroad_news.prelabel`. Predictions only save typing; they are never gold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from silkroad_news import prelabel
from silkroad_news.labelstudio.config import CLAIM, ENTITY
from silkroad_news.labelstudio.convert import (
    attribute_item,
    attribute_values,
    checked_span,
    region_item,
)
from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.schema import ClaimPart, Document


def passage_tasks(
    documents: Iterable[Document], dates: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """One Label Studio task per passage, in document and passage order."""
    dates = dates or {}
    tasks = []
    seen: set[str] = set()
    for doc in documents:
        if len(doc.text_simplified) != len(doc.text):
            raise LabelStudioError(
                f"document {doc.id}: text_simplified has length {len(doc.text_simplified)} but "
                f"text has {len(doc.text)}; they must be aligned character by character"
            )
        for p in doc.passages:
            checked_span(doc.text, p.start, p.end, None, f"document {doc.id}, passage {p.id}")
            if p.id in seen:
                raise LabelStudioError(f"document {doc.id}: passage id {p.id} is not unique")
            seen.add(p.id)
            tasks.append(
                {
                    "data": {
                        "text": doc.text[p.start : p.end],
                        "text_simplified": doc.text_simplified[p.start : p.end],
                        "doc_id": doc.id,
                        "passage_id": p.id,
                        "passage_type": p.type.value,
                        "date": dates.get(doc.id, ""),
                    }
                }
            )
    return tasks


def passage_prediction(
    data: Mapping[str, Any],
    find_quantities: Callable[[str], Sequence[Any]] | None = None,
    model_version: str | None = None,
) -> dict[str, Any]:
    """The pre-annotation of one task's ``data`` (see module docstring)."""
    text, simplified = data["text"], data.get("text_simplified")
    result: list[dict[str, Any]] = []
    for n, g in enumerate(prelabel.guess_entities(text, simplified), 1):
        result.append(region_item(f"e{n}", ENTITY, g.type.value, g.start, g.end, g.text, None))
    for n, v in enumerate(prelabel.guess_values(text, simplified, find_quantities), 1):
        rid = f"v{n}"
        result.append(region_item(rid, CLAIM, ClaimPart.VALUE.value, v.start, v.end, v.text, None))
        # Only what the rules could fill; an empty attribute is for the annotator to choose.
        for name, value in attribute_values(v).items():
            if value:
                result.append(attribute_item(rid, name, value, v.start, v.end, v.text, None))
    return {"model_version": model_version or prelabel.model_version(), "result": result}


def passage_predictions(
    tasks: Iterable[Mapping[str, Any]],
    find_quantities: Callable[[str], Sequence[Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """passage_id -> pre-annotation, for every task."""
    version = prelabel.model_version()
    return {
        t["data"]["passage_id"]: passage_prediction(t["data"], find_quantities, version)
        for t in tasks
    }
