"""Build the Hugging Face dataset: four configs as Parquet, the README YAML header, a manifest.

Contract
--------
* Inputs: the clean corpus (``corpus/clean``), its metadata, the canonical gold
  (``annotations/gold.jsonl``) and the split manifest (``splits/manifest.json``). Every corpus
  passage must have gold and a split; anything else stops the build with a message naming the
  file, the passage and the field, before a single file is written.
* Outputs (all generated from :mod:`silkroad_news.schema` through :func:`features`):
  ``splits/documents/full.parquet``,
  ``splits/{ner,claims,numbers}/{train,validation,test}.parquet``,
  ``splits/SHA256SUMS``, and the YAML header of ``README.md`` (``configs`` with ``data_files``
  per split and ``dataset_info`` with the ClassLabel names). Written all at once; the same
  inputs give byte-identical files.
* Offsets: ``documents`` uses document offsets; ``ner``, ``claims`` and ``numbers`` use offsets
  into the passage text of the row. Python code points, end exclusive.
* :func:`gold_from_documents` rebuilds the canonical gold from ``documents`` rows exactly.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, is_dataclass
from pathlib import Path
from typing import Any

from . import card
from .annotations import GOLD_FILE, check_against_corpus, read_gold
from .corpus import load_articles, load_documents
from .files import dumps_json, output_folder, sha256_bytes, write_many_atomic
from .records import (
    CLAIM_SPANS,
    field_metadata,
    field_types,
    json_fields,
    record_from_json,
    to_json,
)
from .schema import (
    CONFIGS,
    DATA_DIR,
    DOCUMENTS,
    FULL_SPLIT,
    NOT_CLAIM,
    Article,
    Claim,
    Document,
    Entity,
    Passage,
    PassageAnnotation,
    Provenance,
    SchemaError,
    Span,
    config_splits,
    data_path,
    ner_tag_names,
    number_labels,
)
from .splits import Assignment, read_manifest

README = Path("README.md")


# --------------------------------------------------------------------------------------------
# Features: the one place the Hugging Face types are spelled out
# --------------------------------------------------------------------------------------------


def _feature(tp: Any, metadata: Mapping[str, Any]) -> Any:
    """The Hugging Face type of one schema field: strings and labels are ``string``, offsets
    ``int32`` (or the field's ``dtype``), records structs."""
    from datasets import Value

    if is_dataclass(tp):
        return struct(tp)
    if isinstance(tp, type) and issubclass(tp, str):  # str and the schema's StrEnums
        return Value("string")
    if tp is bool:
        return Value("bool")
    if tp is int:
        return Value(metadata.get("dtype", "int32"))
    if tp is float:
        return Value("float64")
    raise SchemaError(f"no dataset type for {tp!r}")


def struct(cls: type, skip: Sequence[str] = ()) -> dict[str, Any]:
    """The features of a schema record, field by field in JSON order (see ``records``)."""
    types, meta = field_types(cls), field_metadata(cls)
    return {n: _feature(types[n][0], meta[n]) for n in json_fields(cls) if n not in skip}


def features(config: str) -> Any:
    """The ``datasets.Features`` of a config; records come from the schema's dataclasses."""
    from datasets import ClassLabel, Features, List, Value

    string = Value("string")
    if config == DOCUMENTS:
        return Features(
            {
                "id": string,
                "title": string,
                "date": string,
                "date_inferred": Value("bool"),
                "publisher": string,
                "authors": List(string),
                "source_file": string,
                "script": string,
                "text": string,
                "text_simplified": string,
                "passages": List(
                    {
                        **struct(Passage),
                        "split": string,
                        "fold": Value("int8"),
                        "annotation": struct(Provenance),
                    }
                ),
                "entities": List({"id": string, "passage_id": string, **struct(Entity, ["id"])}),
                "claims": List({"passage_id": string, **struct(Claim)}),
            }
        )
    if config == "ner":
        return Features(
            {
                "id": string,
                "doc_id": string,
                "text": string,
                "tokens": List(string),
                "ner_tags": List(ClassLabel(names=ner_tag_names())),
            }
        )
    if config == "claims":
        return Features(
            {"id": string, "doc_id": string, "text": string, "claims": List(struct(Claim))}
        )
    if config == "numbers":
        return Features(
            {
                "id": string,
                "doc_id": string,
                "passage_id": string,
                "text": string,
                "mention": struct(Span),
                "label": ClassLabel(names=number_labels()),
            }
        )
    raise SchemaError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")


# --------------------------------------------------------------------------------------------
# Rows (pure)
# --------------------------------------------------------------------------------------------


def document_row(
    doc: Document,
    article: Article,
    gold: Mapping[str, PassageAnnotation],
    splits: Mapping[str, Assignment],
) -> dict[str, Any]:
    passages, entities, claims = [], [], []
    for p in doc.passages:
        ann = gold[p.id]
        passages.append(
            {
                **to_json(p),
                "split": splits[p.id].split,
                "fold": splits[p.id].fold,
                "annotation": to_json(ann.provenance),
            }
        )
        # a passage's records in document offsets, each with its passage id
        entities += [{"id": e.id, "passage_id": p.id, **to_json(e, p.start)} for e in ann.entities]
        claims += [{"passage_id": p.id, **to_json(c, p.start)} for c in ann.claims]
    return {
        "id": doc.id,
        "title": article.title,
        "date": article.date,
        "date_inferred": article.date_inferred,
        "publisher": article.publisher,
        "authors": list(article.authors),
        "source_file": article.source_file,
        "script": article.script.value,
        "text": doc.text,
        "text_simplified": doc.text_simplified,
        "passages": passages,
        "entities": entities,
        "claims": claims,
    }


def ner_row(ann: PassageAnnotation) -> dict[str, Any]:
    from .tags import BIO, LabeledSpan, encode

    spans = [LabeledSpan(e.start, e.end, e.type.value) for e in ann.entities]
    return {
        "id": ann.passage_id,
        "doc_id": ann.doc_id,
        "text": ann.text,
        "tokens": list(ann.text),
        "ner_tags": encode(spans, len(ann.text), BIO),
    }


def claims_row(ann: PassageAnnotation) -> dict[str, Any]:
    return {
        "id": ann.passage_id,
        "doc_id": ann.doc_id,
        "text": ann.text,
        "claims": [to_json(c) for c in ann.claims],
    }


def number_mentions(ann: PassageAnnotation) -> list[tuple[int, int, str]]:
    """Every number mention of a passage with its label: each gold VALUE with its kind, then
    each number expression the recognizer finds outside the gold VALUEs as ``not_claim``."""
    from .numbers import find_quantities

    mentions = [(c.value.start, c.value.end, c.kind.value) for c in ann.claims]
    for q in find_quantities(ann.text):
        if not any(q.start < e and s < q.end for s, e, _ in mentions):
            mentions.append((q.start, q.end, NOT_CLAIM))
    return sorted(mentions)


def numbers_rows(ann: PassageAnnotation) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{ann.passage_id}-n{k:02d}",
            "doc_id": ann.doc_id,
            "passage_id": ann.passage_id,
            "text": ann.text,
            "mention": {"text": ann.text[s:e], "start": s, "end": e},
            "label": label,
        }
        for k, (s, e, label) in enumerate(number_mentions(ann), 1)
    ]


def gold_from_documents(rows: Iterable[Mapping[str, Any]]) -> list[PassageAnnotation]:
    """The canonical gold, rebuilt from ``documents`` rows (read strictly by the codec)."""
    out = []
    for row in rows:
        where = f"documents: row {row['id']!r}"
        records: dict[str, dict[str, list[Any]]] = {
            p["id"]: {"entities": [], "claims": []} for p in row["passages"]
        }
        passages = {p["id"]: p for p in row["passages"]}
        for field, cls in (("entities", Entity), ("claims", Claim)):
            for item in row[field]:
                p = passages[item["passage_id"]]
                records[p["id"]][field].append(
                    record_from_json(
                        cls,
                        {k: v for k, v in item.items() if k != "passage_id"},
                        f"{where}: {cls.__name__.lower()} {item['id']!r}",
                        text=row["text"][p["start"] : p["end"]],
                        shift=-p["start"],
                    )
                )
        for p in row["passages"]:
            annotation = p["annotation"]
            out.append(
                PassageAnnotation(
                    passage_id=p["id"],
                    doc_id=row["id"],
                    text=row["text"][p["start"] : p["end"]],
                    entities=tuple(records[p["id"]]["entities"]),
                    claims=tuple(records[p["id"]]["claims"]),
                    provenance=None
                    if annotation is None
                    else record_from_json(Provenance, annotation, f"{where}: passage {p['id']!r}"),
                )
            )
    return out


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildInputs:
    articles: list[Article]
    documents: list[Document]
    gold: dict[str, PassageAnnotation]
    splits: dict[str, Assignment]


def load_inputs(root: Path) -> BuildInputs:
    articles = load_articles(root)
    documents = load_documents(root)
    gold_list = read_gold(root / GOLD_FILE)
    check_against_corpus(gold_list, documents, str(GOLD_FILE))
    gold = {a.passage_id: a for a in gold_list}
    splits = read_manifest(root)
    for d in documents:
        for p in d.passages:
            if p.id not in gold:
                raise SchemaError(f"{GOLD_FILE}: passage {p.id!r} has no gold annotation")
            if p.id not in splits:
                raise SchemaError(
                    f"splits/manifest.json: passage {p.id!r} is missing from the split manifest; "
                    "run `silkroad-news splits assign`"
                )
    extra = sorted(set(splits) - set(gold))
    if extra:
        raise SchemaError(f"splits/manifest.json: passage {extra[0]!r} is not in the corpus")
    return BuildInputs(articles, documents, gold, splits)


def config_rows(inputs: BuildInputs) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Rows per (config, split), in corpus order."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {
        (c, s): [] for c in CONFIGS for s in config_splits(c)
    }
    meta = {a.id: a for a in inputs.articles}
    for d in inputs.documents:
        out[(DOCUMENTS, FULL_SPLIT)].append(document_row(d, meta[d.id], inputs.gold, inputs.splits))
        for p in d.passages:
            ann, split = inputs.gold[p.id], inputs.splits[p.id].split
            out[("ner", split)].append(ner_row(ann))
            out[("claims", split)].append(claims_row(ann))
            out[("numbers", split)].extend(numbers_rows(ann))
    return out


@contextmanager
def _without_progress_bars() -> Iterator[None]:
    """``datasets`` progress bars off while inside, as they were afterwards: the setting is
    global to the process, and a library call must not change it for its caller."""
    import datasets

    was_disabled = datasets.are_progress_bars_disabled()
    if not was_disabled:
        with warnings.catch_warnings():  # HF_DATASETS_DISABLE_PROGRESS_BARS=0 has priority
            warnings.simplefilter("ignore")
            datasets.disable_progress_bars()
    try:
        yield
    finally:
        if not was_disabled:
            datasets.enable_progress_bars()


def parquet_bytes(rows: list[dict[str, Any]], config: str) -> bytes:
    """The Parquet file of a config's rows, as ``datasets`` writes it (its schema metadata
    included), without a progress bar per file."""
    from datasets import Dataset

    with _without_progress_bars():
        ds = Dataset.from_list(rows, features=features(config))
        buf = io.BytesIO()
        ds.to_parquet(buf)
    return buf.getvalue()


def yaml_header(counts: Mapping[tuple[str, str], int]) -> str:
    import yaml

    configs, infos = [], []
    for config in CONFIGS:
        configs.append(
            {
                "config_name": config,
                "data_files": [
                    {"split": s, "path": data_path(config, s).as_posix()}
                    for s in config_splits(config)
                ],
                **({"default": True} if config == "ner" else {}),
            }
        )
        infos.append(
            {
                "config_name": config,
                "features": features(config)._to_yaml_list(),
                "splits": [
                    {"name": s, "num_examples": counts[(config, s)]} for s in config_splits(config)
                ],
            }
        )
    header = {
        "pretty_name": "SilkRoad-News",
        "language": ["zh"],
        "license": "cc-by-4.0",
        "task_categories": ["token-classification", "text-classification"],
        "task_ids": ["named-entity-recognition"],
        "size_categories": ["n<1K"],
        "configs": configs,
        "dataset_info": infos,
    }
    body = yaml.safe_dump(
        header, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None
    )
    note = (
        "# Hugging Face metadata, generated by `silkroad-news build` from the schema; edit the\n"
        "# README below the closing line, never this block.\n"
    )
    return "---\n" + note + body + "---\n"


_HEADER_RE = re.compile(r"\A---\n.*?\n---\n", re.S)


def with_header(readme: str, header: str) -> str:
    """Replace (or insert) the YAML front matter of a README, keeping the rest byte for byte."""
    return header + (_HEADER_RE.sub("", readme, count=1) if _HEADER_RE.match(readme) else readme)


def render_build(root: Path) -> dict[Path, bytes]:
    """Every file ``build`` writes, path → bytes. Reads only; fails before anything is written."""
    inputs = load_inputs(root)
    rows = config_rows(inputs)
    files: dict[Path, bytes] = {}
    for (config, split), rs in rows.items():
        files[root / data_path(config, split)] = parquet_bytes(rs, config)
    files[root / DATA_DIR / "SHA256SUMS"] = "".join(
        f"{sha256_bytes(data)}  {path.relative_to(root).as_posix()}\n"
        for path, data in sorted(files.items())
    ).encode()
    readme = (root / README).read_text(encoding="utf-8") if (root / README).exists() else ""
    counts = {key: len(rs) for key, rs in rows.items()}
    files[root / README] = with_header(readme, yaml_header(counts)).encode()
    if (root / card.CARD_FILE).exists():
        files[root / card.CARD_FILE] = render_card(root, rows, inputs).encode()
        files[root / card.FIGURE_FILE] = card.label_figure(rows).encode()
    return files


def render_card(
    root: Path, rows: Mapping[tuple[str, str], list[dict[str, Any]]], inputs: BuildInputs
) -> str:
    """The dataset card with its generated blocks refreshed from ``rows``."""
    from .corpus import CLEAN_DIR
    from .files import read_json

    flags = {
        d.id: len(read_json(root / CLEAN_DIR / f"{d.id}.json").get("flags", []))
        for d in inputs.documents
    }
    blocks = {
        "examples": lambda: card.example_rows(rows),
        "split_sizes": lambda: card.split_sizes(rows),
        "statistics": lambda: card.statistics(rows),
        "cleaning": lambda: card.cleaning(inputs.documents, flags),
        "agreement": lambda: card.agreement(root),
    }
    text = (root / card.CARD_FILE).read_text(encoding="utf-8")
    return card.fill_blocks(text, blocks, str(card.CARD_FILE))


def build(root: Path) -> dict[Path, bytes]:
    files = render_build(root)
    write_many_atomic(files)
    return files


def build_summary(files: Mapping[Path, bytes], root: Path) -> str:
    return dumps_json(
        {p.relative_to(root).as_posix(): sha256_bytes(b) for p, b in sorted(files.items())}
    )


def check_rows_offsets(rows: Sequence[Mapping[str, Any]], config: str) -> None:
    """Every span in built rows equals its text slice (used by tests and ``validate``)."""
    for row in rows:
        text = row["text"]
        spans: list[Mapping[str, Any]] = []
        if config == "documents":
            spans = [*row["entities"]]
            for c in row["claims"]:
                spans += [c[k] for k in CLAIM_SPANS if c[k]]
        elif config == "claims":
            for c in row["claims"]:
                spans += [c[k] for k in CLAIM_SPANS if c[k]]
        elif config == "numbers":
            spans = [row["mention"]]
        for s in spans:
            if text[s["start"] : s["end"]] != s["text"]:
                raise SchemaError(f"{config}: row {row['id']!r}: span {s} does not match text")


# --------------------------------------------------------------------------------------------
# Export: a hub-ready folder
# --------------------------------------------------------------------------------------------


def render_export(root: Path) -> dict[Path, bytes]:
    """The files of a hub-ready folder, relative paths → bytes: the data as built, and a
    README.md that is the YAML header followed by the dataset card."""
    files = render_build(root)
    out: dict[Path, bytes] = {}
    for path, data in files.items():
        rel = path.relative_to(root)
        if rel.parts[0] == DATA_DIR.name or rel == card.FIGURE_FILE:
            out[rel] = data
    readme = files[root / README].decode("utf-8")
    header = _HEADER_RE.match(readme)
    if header is None or root / card.CARD_FILE not in files:
        raise SchemaError(f"{README} has no YAML header or {card.CARD_FILE} is missing")
    out[README] = (header.group(0) + files[root / card.CARD_FILE].decode("utf-8")).encode()
    return out


def export(root: Path, out_dir: Path) -> list[Path]:
    """Write the hub-ready folder ``out_dir`` (refused if it exists and is not empty)."""
    import os
    import shutil
    import tempfile

    out_dir = output_folder(Path(out_dir)).resolve()
    if out_dir.exists() and any(out_dir.iterdir()):
        raise SchemaError(f"{out_dir}: exists and is not empty; choose a new folder")
    files = render_export(root)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        write_many_atomic({staging / rel: data for rel, data in files.items()})
        if out_dir.exists():
            out_dir.rmdir()
        os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(out_dir / rel for rel in files)


def push_to_hub(folder: Path, repo_id: str, private: bool = False) -> str:
    """Upload an exported folder as a dataset repository; needs network and a hub token
    (``HF_TOKEN`` or ``huggingface-cli login``). Not exercised by the tests."""
    from huggingface_hub import HfApi

    api = HfApi()
    api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
    info = api.upload_folder(folder_path=str(folder), repo_id=repo_id, repo_type="dataset")
    return str(getattr(info, "commit_url", info))
