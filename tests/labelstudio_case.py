"""The Label Studio test case shared by the unit and the integration tests: a Traditional
passage and one that starts with 𠮷, their article dates and their canonical gold."""

from __future__ import annotations

import json
from pathlib import Path

from silkroad_news.annotations import annotation_from_json
from silkroad_news.schema import Document, Passage, PassageAnnotation, PassageType

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "labelstudio" / "passages.json"


def load_case() -> tuple[list[Document], dict[str, str], list[PassageAnnotation]]:
    """The fixture's documents, article dates and canonical gold."""
    raw = json.loads(FIXTURE.read_text(encoding="utf-8"))
    documents = [
        Document(
            id=d["id"],
            text=d["text"],
            text_simplified=d["text_simplified"],
            passages=tuple(
                Passage(p["id"], PassageType(p["type"]), p["start"], p["end"])
                for p in d["passages"]
            ),
        )
        for d in raw["documents"]
    ]
    gold = [annotation_from_json(g, f"{FIXTURE.name}: gold {i}") for i, g in enumerate(raw["gold"])]
    return documents, raw["dates"], gold
