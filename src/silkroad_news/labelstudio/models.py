"""Model-assisted pre-annotation: the baselines' predictions as Label Studio predictions.

Contract:

- :data:`MODELS` are what ``push --model`` offers, in any mix: ``rules`` (the prelabel rules:
  entity guesses and VALUEs with the attributes the rules fill), ``crf`` (entities from the
  CRF baseline), ``claims`` (the claims baseline: VALUEs with every attribute, METRIC, TIME
  and SUBJECT regions and their relations), ``gold`` (the committed gold, for an annotator
  who accepts it instead of reviewing the gold account's annotation).
- A mix gives one prediction per task: entities from the first of ``gold``, ``crf``,
  ``rules`` in the mix, claims from the first of ``gold``, ``claims``, ``rules``. Its
  ``model_version`` names the mix and a hash of what decides it (``crf+claims-<hash>``): the
  rules' version, the committed dataset's training data and the package version (the rules
  alone keep their own version, ``prelabel-<n>-<hash>``).
- The CRF and the claims pipeline are trained here, on the train split of the committed
  dataset (``splits/``), through the baselines' library functions
  (:func:`silkroad_news.baselines.crf.train`, :class:`~silkroad_news.baselines.claims.PartTagger`,
  :class:`~silkroad_news.baselines.claims.NumberClassifier`), with the hyper-parameters the
  baselines run chose (``baselines/results.json``) or the library defaults.
- :func:`prediction_result` turns entity spans and (possibly incomplete) claims into a
  ``result`` list in the same shape as :func:`~silkroad_news.labelstudio.convert.to_labelstudio`:
  shared parts are one region, a subject on an entity's exact span links to the entity.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from silkroad_news import __version__, prelabel
from silkroad_news.labelstudio.config import CLAIM, ENTITY
from silkroad_news.labelstudio.convert import (
    RELATION_OF_PART,
    attribute_item,
    attribute_values,
    region_item,
    relation_item,
)
from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.records import CLAIM_PARTS
from silkroad_news.schema import ClaimPart, PassageAnnotation, Span

MODELS = ("rules", "crf", "claims", "gold")
_ENTITY_SOURCES = ("gold", "crf", "rules")
_CLAIM_SOURCES = ("gold", "claims", "rules")


@dataclass
class ClaimGuess:
    """A claim as a model proposes it: its VALUE, the attributes it fills (the others None)
    and the parts it links."""

    value: Span
    attributes: dict[str, Any] = field(default_factory=dict)
    parts: dict[str, Span | None] = field(default_factory=dict)


@dataclass
class PassageGuess:
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, type
    claims: list[ClaimGuess] = field(default_factory=list)


def prediction_result(text: str, guess: PassageGuess) -> list[dict[str, Any]]:
    """The ``result`` list of a guess (see module docstring); regions have no ``origin``."""
    items: list[dict[str, Any]] = []
    entity_region: dict[tuple[int, int], str] = {}
    for n, (s, e, t) in enumerate(sorted(guess.entities), 1):
        entity_region[(s, e)] = f"e{n}"
        items.append(region_item(f"e{n}", ENTITY, t, s, e, text[s:e], None))
    part_region: dict[tuple[str, int, int], str] = {}
    part_items: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    counters: dict[str, int] = {}
    for n, c in enumerate(sorted(guess.claims, key=lambda c: (c.value.start, c.value.end)), 1):
        vid, v = f"v{n}", c.value
        items.append(region_item(vid, CLAIM, ClaimPart.VALUE.value, v.start, v.end, v.text, None))
        for name, value in c.attributes.items():
            if value not in (None, ""):
                items.append(attribute_item(vid, name, str(value), v.start, v.end, v.text, None))
        for name in CLAIM_PARTS:
            span = c.parts.get(name)
            if span is None:
                continue
            part = ClaimPart(name.upper())
            key = (span.start, span.end)
            if part is ClaimPart.SUBJECT and key in entity_region:
                target = entity_region[key]
            else:
                if (name, *key) not in part_region:
                    counters[name] = counters.get(name, 0) + 1
                    rid = f"{name[0]}{counters[name]}"
                    part_region[(name, *key)] = rid
                    part_items.append(
                        region_item(rid, CLAIM, part.value, span.start, span.end, span.text, None)
                    )
                target = part_region[(name, *key)]
            relations.append(relation_item(vid, target, RELATION_OF_PART[part].value))
    return items + part_items + relations


# --------------------------------------------------------------------------------------------
# The models
# --------------------------------------------------------------------------------------------


def _gold_guess(ann: PassageAnnotation) -> PassageGuess:
    return PassageGuess(
        entities=[(e.start, e.end, e.type.value) for e in ann.entities],
        claims=[
            ClaimGuess(c.value, attribute_values(c), {n: getattr(c, n) for n in CLAIM_PARTS})
            for c in ann.claims
        ],
    )


def _rules_guess(text: str, simplified: str | None) -> PassageGuess:
    return PassageGuess(
        entities=[
            (g.start, g.end, g.type.value) for g in prelabel.guess_entities(text, simplified)
        ],
        claims=[
            ClaimGuess(Span(v.start, v.end, v.text), attribute_values(v))
            for v in prelabel.guess_values(text, simplified)
        ],
    )


@dataclass
class Trained:
    """The baselines' models, trained on the committed dataset's train split."""

    ner: Any
    claims: Any
    data_hash: str


def _chosen(root: Path) -> dict[str, Any]:
    """The hyper-parameters ``baselines run`` chose, when its results are committed."""
    path = root / "baselines" / "results.json"
    if not path.is_file():
        return {}
    results = json.loads(path.read_text(encoding="utf-8"))
    try:
        return {
            "ner": results["baselines"]["crf"]["search"]["chosen"],
            "parts": results["baselines"]["claims"]["search"]["metric_time_crf"]["chosen"],
            "classifier": results["baselines"]["claims"]["search"]["number_classifier"]["chosen"],
        }
    except (KeyError, TypeError):
        return {}


@cache
def train_baselines(root: Path) -> Trained:
    """Train the CRF and the claims pipeline on ``root``'s committed train split."""
    from silkroad_news.baselines.claims import (
        PART_FEATURES,
        ClaimsBaseline,
        NumberClassifier,
        PartTagger,
        mentions_of,
    )
    from silkroad_news.baselines.crf import Hyperparameters, train
    from silkroad_news.baselines.features import FeatureConfig
    from silkroad_news.baselines.run import load_data, mention_rows, ner_data

    data = load_data(root)
    rows = {config: data.rows[config]["train"] for config in ("ner", "claims", "numbers")}
    chosen = _chosen(root)
    config = FeatureConfig()
    ner = train(ner_data(rows["ner"]), config, Hyperparameters(**chosen.get("ner", {})))
    # the baseline's METRIC/TIME CRF, with its own features (the chosen c1/c2 are for them)
    parts = PartTagger.train(
        rows["claims"], Hyperparameters(**chosen.get("parts", {})), PART_FEATURES
    )
    labeled = mention_rows(rows["numbers"])
    classifier = NumberClassifier(**chosen.get("classifier", {})).fit(
        mentions_of(labeled), [r["label"] for r in labeled]
    )
    blob = json.dumps(
        [[r["id"], r["text"]] for r in rows["ner"]] + [chosen], ensure_ascii=False, default=str
    )
    digest = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:10]
    return Trained(ner, ClaimsBaseline(classifier, parts, ner), digest)


def _crf_entities(trained: Trained, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    return [
        [(s.start, s.end, s.label) for s in spans] for spans in trained.ner.predict_spans(texts)
    ]


def _claims_guesses(trained: Trained, texts: Sequence[str]) -> list[list[ClaimGuess]]:
    from silkroad_news.records import record_from_json
    from silkroad_news.schema import Claim

    lines = trained.claims.predict_claims([{"id": str(i), "text": t} for i, t in enumerate(texts)])
    out = []
    for text, line in zip(texts, lines, strict=True):
        guesses = []
        for n, c in enumerate(line["claims"]):
            claim = record_from_json(Claim, {"id": f"c{n}", **c}, "claims baseline", text=text)
            guesses.append(
                ClaimGuess(
                    claim.value,
                    attribute_values(claim),
                    {name: getattr(claim, name) for name in CLAIM_PARTS},
                )
            )
        out.append(guesses)
    return out


def model_version(root: Path, models: Sequence[str]) -> str:
    """``<mix>-<hash>`` (module docstring)."""
    mix = [m for m in MODELS if m in models]
    if mix == ["rules"]:
        return prelabel.model_version()  # the rules alone keep the version they always had
    parts = [__version__, prelabel.model_version()]
    if {"crf", "claims"} & set(mix):
        parts.append(train_baselines(Path(root).resolve()).data_hash)
    if "gold" in mix:
        gold = Path(root) / "annotations" / "gold.jsonl"
        parts.append(hashlib.sha256(gold.read_bytes()).hexdigest() if gold.exists() else "")
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:10]
    return f"{'+'.join(mix)}-{digest}"


def model_guesses(
    root: Path, tasks: Sequence[Mapping[str, Any]], models: Sequence[str]
) -> dict[str, PassageGuess]:
    """passage_id -> the mix's guess for every task (module docstring)."""
    unknown = [m for m in models if m not in MODELS]
    if unknown or not models:
        raise LabelStudioError(
            f"push: unknown model {unknown[0] if unknown else ''!r}; expected any of "
            f"{', '.join(MODELS)}"
        )
    root = Path(root).resolve()
    entity_source = next(m for m in (*_ENTITY_SOURCES, None) if m is None or m in models)
    claim_source = next(m for m in (*_CLAIM_SOURCES, None) if m is None or m in models)
    datas = [t["data"] for t in tasks]
    texts = [d["text"] for d in datas]
    gold: dict[str, PassageAnnotation] = {}
    if "gold" in models:
        from silkroad_news.annotations import GOLD_FILE, read_gold

        gold = {a.passage_id: a for a in read_gold(root / GOLD_FILE)}
    trained = train_baselines(root) if {"crf", "claims"} & set(models) else None
    crf = _crf_entities(trained, texts) if trained and entity_source == "crf" else None
    claims = _claims_guesses(trained, texts) if trained and claim_source == "claims" else None
    out = {}
    for i, d in enumerate(datas):
        pid = d["passage_id"]
        rules = (
            _rules_guess(d["text"], d.get("text_simplified"))
            if "rules" in (entity_source, claim_source)
            else PassageGuess()
        )
        from_gold = _gold_guess(gold[pid]) if pid in gold else PassageGuess()
        guess = PassageGuess()
        guess.entities = {
            "gold": from_gold.entities,
            "crf": crf[i] if crf else [],
            "rules": rules.entities,
        }.get(entity_source or "", [])
        guess.claims = {
            "gold": from_gold.claims,
            "claims": claims[i] if claims else [],
            "rules": rules.claims,
        }.get(claim_source or "", [])
        out[pid] = guess
    return out


def model_predictions(
    root: Path, tasks: Sequence[Mapping[str, Any]], models: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """passage_id -> ``{"model_version", "result"}`` for every task."""
    guesses = model_guesses(root, tasks, models)
    version = model_version(root, models)
    return {
        t["data"]["passage_id"]: {
            "model_version": version,
            "result": prediction_result(t["data"]["text"], guesses[t["data"]["passage_id"]]),
        }
        for t in tasks
    }
