"""Build the Hugging Face dataset: four configs as Parquet, the README YAML header, a manifest.

Contract
--------
* Inputs: the clean corpus (``corpus/clean``), its metadata, the two gold layers
  (``annotations/gold.jsonl``, ``annotations/mentions.jsonl``) and the split manifest
  (``splits/manifest.json``). Every passage of an annotated article must have a split; an
  article whose passages are not all in both gold layers is **pending**: left out, listed by
  ``build`` and counted in the card, never an error (:mod:`silkroad_news.annotations`). Bad
  input stops the build with a message naming the file, the passage and the field, before a
  single file is written.
* Outputs (all generated from :mod:`silkroad_news.schema` through :func:`features`):
  ``splits/documents/full.parquet``,
  ``splits/{ner,claims,numbers}/{train,validation,test}.parquet``,
  ``splits/SHA256SUMS``, the YAML header of ``README.md`` (``configs`` with ``data_files`` per
  split, ``dataset_info`` with the ClassLabel names and sizes, the Hub metadata of
  :data:`~silkroad_news.schema.HUB_METADATA`), the dataset card's generated blocks and its
  figure. The same inputs give byte-identical files.
* Rows: ``ner``, ``claims`` and ``numbers`` have one row per passage and carry ``fold``
  (0-4; 0 is test, 1 validation, 2-4 train), ``script`` and ``text_simplified``. A field with
  a closed vocabulary that is never null is a ClassLabel (``ner_tags``; a claim's ``kind``,
  ``approx``, ``direction``, ``modality`` and ``unit``, the inventory's codes; a mention's
  ``category``); one that can be null is a string. ``numbers`` rows hold the number-mention
  layer, each mention with ``claim`` (a claim VALUE has exactly its span) and that claim's
  ``kind``. ``documents`` is lossless: :func:`layers_from_documents` rebuilds both gold
  layers from its rows exactly.
* Offsets: ``documents`` uses document offsets; ``ner``, ``claims`` and ``numbers`` use offsets
  into the passage text of the row. Python code points, end exclusive.

All or nothing
--------------
:func:`build` never leaves a mix of old and new files for a reader. It first **stages** every
file next to its target (``.<name>.staged``, flushed to disk), then writes the journal
``splits/.build-journal.json`` (staged file -> target, with SHA-256) by an atomic rename: that
rename is the commit point. Then it renames each staged file onto its target and removes the
journal. A build killed before the commit point leaves the old dataset and stale staged files,
which the next build removes; one killed after it leaves a journal, and the next build or any
reader that calls :func:`verify_dataset` finishes the renames first (they are idempotent), so
the reader sees the new dataset. :func:`verify_dataset` then checks every file listed in
``splits/SHA256SUMS``; the scorer's gold reader and ``build --check`` call it
(:func:`dataset_problems` is its read-only form). One build at a time.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, is_dataclass
from pathlib import Path
from typing import Any

from . import card
from .annotations import Pending, load_gold
from .corpus import load_articles, load_documents
from .files import (
    checksum_problems,
    dumps_json,
    output_folder,
    read_json,
    read_sha256sums,
    sha256_bytes,
)
from .records import (
    CLAIM_SPANS,
    class_labels,
    field_metadata,
    field_types,
    json_fields,
    record_from_json,
    to_json,
)
from .schema import (
    CITATION,
    CONFIGS,
    DATA_DIR,
    DATASET_VERSION,
    DOCUMENTS,
    FULL_SPLIT,
    HUB_METADATA,
    TASK_HUB,
    Article,
    Claim,
    Document,
    Entity,
    NumberMention,
    Passage,
    PassageAnnotation,
    PassageMentions,
    Provenance,
    SchemaError,
    config_splits,
    data_path,
    ner_tag_names,
    size_category,
)
from .splits import Assignment, read_manifest

README = Path("README.md")
SUMS_FILE = DATA_DIR / "SHA256SUMS"
JOURNAL_FILE = DATA_DIR / ".build-journal.json"
STAGED_SUFFIX = ".staged"


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


def struct(cls: type, skip: Sequence[str] = (), *, labels: bool = False) -> dict[str, Any]:
    """The features of a schema record, field by field in JSON order (see ``records``); with
    ``labels``, the fields of :func:`~silkroad_news.records.class_labels` are ClassLabels."""
    from datasets import ClassLabel

    types, meta = field_types(cls), field_metadata(cls)
    names = class_labels(cls) if labels else {}
    return {
        n: ClassLabel(names=names[n]) if n in names else _feature(types[n][0], meta[n])
        for n in json_fields(cls)
        if n not in skip
    }


def _passage_features() -> dict[str, Any]:
    """The fields every row of ``ner``, ``claims`` and ``numbers`` starts with."""
    from datasets import Value

    string = Value("string")
    return {
        "id": string,
        "doc_id": string,
        "text": string,
        "text_simplified": string,
        "script": string,
        "fold": Value("int8"),
    }


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
                        "mentions_annotation": struct(Provenance),
                    }
                ),
                "entities": List({"id": string, "passage_id": string, **struct(Entity, ["id"])}),
                "claims": List({"passage_id": string, **struct(Claim)}),
                "mentions": List(
                    {"id": string, "passage_id": string, **struct(NumberMention, ["id"])}
                ),
            }
        )
    if config == "ner":
        return Features(
            {
                **_passage_features(),
                "tokens": List(string),
                "ner_tags": List(ClassLabel(names=ner_tag_names())),
            }
        )
    if config == "claims":
        return Features({**_passage_features(), "claims": List(struct(Claim, labels=True))})
    if config == "numbers":
        mention = {
            **struct(NumberMention, ["id"], labels=True),
            "claim": Value("bool"),
            "kind": string,
        }
        return Features({**_passage_features(), "mentions": List(mention)})
    raise SchemaError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")


# --------------------------------------------------------------------------------------------
# Rows (pure)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PassageData:
    """One passage with everything its rows need."""

    passage: Passage
    gold: PassageAnnotation
    mentions: PassageMentions
    assignment: Assignment
    script: str
    text_simplified: str

    def fields(self) -> dict[str, Any]:
        """The fields every task row starts with (see :func:`_passage_features`)."""
        return {
            "id": self.gold.passage_id,
            "doc_id": self.gold.doc_id,
            "text": self.gold.text,
            "text_simplified": self.text_simplified,
            "script": self.script,
            "fold": self.assignment.fold,
        }


def document_row(
    doc: Document,
    article: Article,
    gold: Mapping[str, PassageAnnotation],
    mentions: Mapping[str, PassageMentions],
    splits: Mapping[str, Assignment],
) -> dict[str, Any]:
    passages, entities, claims, layer = [], [], [], []
    for p in doc.passages:
        ann, ms = gold[p.id], mentions[p.id]
        passages.append(
            {
                **to_json(p),
                "split": splits[p.id].split,
                "fold": splits[p.id].fold,
                "annotation": to_json(ann.provenance),
                "mentions_annotation": to_json(ms.provenance),
            }
        )
        # a passage's records in document offsets, each with its passage id
        entities += [{"id": e.id, "passage_id": p.id, **to_json(e, p.start)} for e in ann.entities]
        claims += [{"passage_id": p.id, **to_json(c, p.start)} for c in ann.claims]
        layer += [{"id": x.id, "passage_id": p.id, **to_json(x, p.start)} for x in ms.mentions]
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
        "mentions": layer,
    }


def ner_row(p: PassageData) -> dict[str, Any]:
    from .tags import BIO, LabeledSpan, encode

    ann = p.gold
    spans = [LabeledSpan(e.start, e.end, e.type.value) for e in ann.entities]
    return {
        **p.fields(),
        "tokens": list(ann.text),
        "ner_tags": encode(spans, len(ann.text), BIO),
    }


def claims_row(p: PassageData) -> dict[str, Any]:
    return {**p.fields(), "claims": [to_json(c) for c in p.gold.claims]}


def numbers_row(p: PassageData) -> dict[str, Any]:
    """The passage's number mentions, each with ``claim`` and the kind of its claim."""
    kinds = {(c.value.start, c.value.end): c.kind.value for c in p.gold.claims}
    mentions = []
    for x in p.mentions.mentions:
        kind = kinds.get((x.start, x.end))
        item = {k: v for k, v in to_json(x).items() if k != "id"}
        mentions.append({**item, "claim": kind is not None, "kind": kind})
    return {**p.fields(), "mentions": mentions}


def layers_from_documents(
    rows: Iterable[Mapping[str, Any]],
) -> tuple[list[PassageAnnotation], list[PassageMentions]]:
    """Both gold layers, rebuilt from ``documents`` rows (read strictly by the codec)."""
    gold, layer = [], []
    for row in rows:
        where = f"documents: row {row['id']!r}"
        passages = {p["id"]: p for p in row["passages"]}
        records: dict[str, dict[str, list[Any]]] = {
            pid: {"entities": [], "claims": [], "mentions": []} for pid in passages
        }
        for field, cls in (("entities", Entity), ("claims", Claim), ("mentions", NumberMention)):
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
        for pid, p in passages.items():
            text = row["text"][p["start"] : p["end"]]
            gold.append(
                PassageAnnotation(
                    passage_id=pid,
                    doc_id=row["id"],
                    text=text,
                    entities=tuple(records[pid]["entities"]),
                    claims=tuple(records[pid]["claims"]),
                    provenance=_provenance(p["annotation"], f"{where}: passage {pid!r}"),
                )
            )
            layer.append(
                PassageMentions(
                    passage_id=pid,
                    doc_id=row["id"],
                    text=text,
                    mentions=tuple(records[pid]["mentions"]),
                    provenance=_provenance(p["mentions_annotation"], f"{where}: passage {pid!r}"),
                )
            )
    return gold, layer


def _provenance(value: Any, where: str) -> Provenance | None:
    return None if value is None else record_from_json(Provenance, value, where)


def gold_from_documents(rows: Iterable[Mapping[str, Any]]) -> list[PassageAnnotation]:
    """The entity and claim gold, rebuilt from ``documents`` rows."""
    return layers_from_documents(rows)[0]


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildInputs:
    #: the annotated articles and their documents (pending ones are left out)
    articles: list[Article]
    documents: list[Document]
    gold: dict[str, PassageAnnotation]
    mentions: dict[str, PassageMentions]
    splits: dict[str, Assignment]
    #: article id -> what the pending articles have
    pending: dict[str, Pending]
    #: every article of the corpus, pending ones included
    corpus: list[Article]

    def passages(self) -> Iterator[PassageData]:
        scripts = {a.id: a.script.value for a in self.articles}
        for d in self.documents:
            for p in d.passages:
                yield PassageData(
                    p,
                    self.gold[p.id],
                    self.mentions[p.id],
                    self.splits[p.id],
                    scripts[d.id],
                    d.text_simplified[p.start : p.end],
                )


def load_inputs(root: Path) -> BuildInputs:
    corpus = load_articles(root)
    state = load_gold(root)
    annotated = set(state.articles)
    articles = [a for a in corpus if a.id in annotated]
    documents = [d for d in load_documents(root) if d.id in annotated]
    splits = read_manifest(root)
    for d in documents:
        for p in d.passages:
            if p.id not in splits:
                raise SchemaError(
                    f"splits/manifest.json: passage {p.id!r} is missing from the split manifest; "
                    "run `silkroad-news splits assign`"
                )
    known = {p.id for d in load_documents(root) for p in d.passages}
    extra = sorted(set(splits) - known)
    if extra:
        raise SchemaError(f"splits/manifest.json: passage {extra[0]!r} is not in the corpus")
    return BuildInputs(
        articles, documents, state.annotations, state.mentions, splits, state.pending, corpus
    )


def config_rows(inputs: BuildInputs) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Rows per (config, split), in corpus order."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {
        (c, s): [] for c in CONFIGS for s in config_splits(c)
    }
    meta = {a.id: a for a in inputs.articles}
    for d in inputs.documents:
        out[(DOCUMENTS, FULL_SPLIT)].append(
            document_row(d, meta[d.id], inputs.gold, inputs.mentions, inputs.splits)
        )
    for p in inputs.passages():
        split = p.assignment.split
        out[("ner", split)].append(ner_row(p))
        out[("claims", split)].append(claims_row(p))
        out[("numbers", split)].append(numbers_row(p))
    return out


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


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


def yaml_header(counts: Mapping[tuple[str, str], int], sizes: Mapping[tuple[str, str], int]) -> str:
    """The README's YAML front matter. ``counts`` are the rows and ``sizes`` the bytes of the
    Parquet file of each (config, split): the split entries of ``dataset_info`` carry both,
    because ``datasets`` drops (with a warning) split entries without ``num_bytes``."""
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
                    {
                        "name": s,
                        "num_bytes": sizes[(config, s)],
                        "num_examples": counts[(config, s)],
                    }
                    for s in config_splits(config)
                ],
                "download_size": sum(sizes[(config, s)] for s in config_splits(config)),
                "dataset_size": sum(sizes[(config, s)] for s in config_splits(config)),
            }
        )
    tasks = list(TASK_HUB.values())
    header = {
        **HUB_METADATA,
        "task_categories": sorted({category for category, _ in tasks}),
        "task_ids": sorted({task_id for _, task_id in tasks if task_id is not None}),
        "size_categories": [size_category(max(counts.values(), default=0))],
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


def render_build(root: Path, *, url: str | None = None) -> dict[Path, bytes]:
    """Every file ``build`` writes, path → bytes. Reads only; fails before anything is written.
    ``url`` is where the public copy lives (the card's citation), if there is one."""
    inputs = load_inputs(root)
    rows = config_rows(inputs)
    files: dict[Path, bytes] = {}
    for (config, split), rs in rows.items():
        files[root / data_path(config, split)] = parquet_bytes(rs, config)
    files[root / SUMS_FILE] = "".join(
        f"{sha256_bytes(data)}  {path.relative_to(root).as_posix()}\n"
        for path, data in sorted(files.items())
    ).encode()
    readme = (root / README).read_text(encoding="utf-8") if (root / README).exists() else ""
    counts = {key: len(rs) for key, rs in rows.items()}
    sizes = {key: len(files[root / data_path(*key)]) for key in rows}
    files[root / README] = with_header(readme, yaml_header(counts, sizes)).encode()
    if (root / card.CARD_FILE).exists():
        files[root / card.CARD_FILE] = render_card(root, rows, inputs, url).encode()
        files[root / card.FIGURE_FILE] = card.label_figure(rows).encode()
    return files


def render_card(
    root: Path,
    rows: Mapping[tuple[str, str], list[dict[str, Any]]],
    inputs: BuildInputs,
    url: str | None = None,
) -> str:
    """The dataset card with its generated blocks refreshed from ``rows``."""
    from .corpus import CLEAN_DIR

    flags = {
        d.id: len(read_json(root / CLEAN_DIR / f"{d.id}.json").get("flags", []))
        for d in inputs.documents
    }
    blocks = {
        "examples": lambda: card.example_rows(rows),
        "sources": lambda: card.sources(inputs.corpus, inputs.pending),
        "split_sizes": lambda: card.split_sizes(rows, inputs.pending),
        "coverage": lambda: card.coverage(rows),
        "unseen": lambda: card.unseen(rows),
        "statistics": lambda: card.statistics(rows),
        "cleaning": lambda: card.cleaning(inputs.documents, flags),
        "agreement": lambda: card.agreement(root),
        "citation": lambda: card.citation(CITATION, DATASET_VERSION, url),
    }
    text = (root / card.CARD_FILE).read_text(encoding="utf-8")
    return card.fill_blocks(text, blocks, str(card.CARD_FILE))


# --------------------------------------------------------------------------------------------
# All or nothing: stage, commit (the journal), switch; readers verify
# --------------------------------------------------------------------------------------------


def _staged(path: Path) -> Path:
    return path.with_name(f".{path.name}{STAGED_SUFFIX}")


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _staged_files(root: Path, targets: Iterable[Path] = ()) -> list[Path]:
    """Staged files in the folders ``build`` writes to (and those of ``targets``)."""
    folders = {root, root / DATA_DIR, *(root / DATA_DIR / c for c in CONFIGS)}
    folders |= {Path(t).parent for t in targets}
    return sorted(
        p for f in folders if f.is_dir() for p in f.glob(f".*{STAGED_SUFFIX}") if p.is_file()
    )


def finish_interrupted_build(root: Path, step: Callable[[str], None] | None = None) -> bool:
    """Complete the switch of a build that was killed after its commit point (a journal is
    left): rename every staged file it lists onto its target, then remove the journal. Safe
    to repeat. Returns whether there was one. Raises when the journal cannot be honoured."""
    journal = root / JOURNAL_FILE
    if not journal.is_file():
        return False
    data = read_json(journal)
    try:
        renames = [(root / s, root / t, h) for s, t, h in data["renames"]]
    except (KeyError, TypeError, ValueError) as err:
        raise SchemaError(f"{JOURNAL_FILE}: not a build journal ({err!r})") from None
    for staged, target, digest in renames:
        if staged.is_file():
            os.replace(staged, target)
        elif not (target.is_file() and sha256_bytes(target.read_bytes()) == digest):
            raise SchemaError(
                f"{JOURNAL_FILE}: {staged.relative_to(root)} is gone and "
                f"{target.relative_to(root)} is not the file it staged; run `silkroad-news build`"
            )
        if step:
            step(f"switched {target.relative_to(root).as_posix()}")
    for folder in {t.parent for _, t, _ in renames}:
        _sync_folder(folder)
    journal.unlink(missing_ok=True)
    _sync_folder(journal.parent)
    return True


def switch(
    root: Path, files: Mapping[Path, bytes], step: Callable[[str], None] | None = None
) -> None:
    """Put ``files`` (path → bytes, under ``root``) in place all or nothing (module docstring).
    ``step`` is called after each stage with its name (tests kill the build there)."""

    def done(name: str) -> None:
        if step:
            step(name)

    finish_interrupted_build(root)
    for stale in _staged_files(root, files):  # left by a build killed before its commit point
        stale.unlink()
    renames = []
    for path, data in sorted(files.items()):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = _staged(path)
        _write_durably(staged, data)
        renames.append(
            [
                staged.relative_to(root).as_posix(),
                path.relative_to(root).as_posix(),
                sha256_bytes(data),
            ]
        )
        done(f"staged {path.relative_to(root).as_posix()}")
    journal = root / JOURNAL_FILE
    journal.parent.mkdir(parents=True, exist_ok=True)
    _write_durably(_staged(journal), dumps_json({"renames": renames}).encode())
    os.replace(_staged(journal), journal)  # the commit point
    _sync_folder(journal.parent)
    done("committed")
    finish_interrupted_build(root, step)
    done("done")


def build(
    root: Path,
    files: Mapping[Path, bytes] | None = None,
    *,
    step: Callable[[str], None] | None = None,
) -> dict[Path, bytes]:
    """Render (unless ``files`` are given, as :func:`render_build` gives them) and write the
    dataset all or nothing; ``step`` as in :func:`switch`."""
    files = dict(render_build(root) if files is None else files)
    switch(root, files, step)
    return files


def dataset_problems(root: Path, *, staged: bool = True) -> list[str]:
    """What is wrong with the built dataset, read-only: an unfinished switch (a journal),
    files that differ from ``splits/SHA256SUMS`` or are missing from it, and (unless ``staged``
    is false: they do not change what a reader sees) files staged by an interrupted build.
    Empty when the dataset is whole."""
    out = []
    if (root / JOURNAL_FILE).is_file():
        out.append(
            f"{JOURNAL_FILE}: a build was interrupted after it committed; run "
            "`silkroad-news build` to finish it"
        )
    if staged:
        out += [
            f"{p.relative_to(root)}: staged by an interrupted build; `silkroad-news build` "
            "removes it"
            for p in _staged_files(root)
        ]
    sums = root / SUMS_FILE
    if not sums.is_file():
        return [*out, f"{SUMS_FILE}: file not found; run `silkroad-news build`"]
    out += checksum_problems(root, sums)
    try:
        listed = read_sha256sums(sums)
    except SchemaError:
        return out  # a malformed list: checksum_problems said so
    for config in CONFIGS:
        for split in config_splits(config):
            rel = data_path(config, split).as_posix()
            if rel not in listed:
                out.append(f"{SUMS_FILE}: {rel} is not listed; run `silkroad-news build`")
    return out


def verify_dataset(root: Path) -> None:
    """For every reader of the built files (the scorer's gold reader, ``build --check``, the
    tests): finish an interrupted build if it committed, then raise
    :class:`~silkroad_news.schema.SchemaError` naming the first file that does not match
    ``splits/SHA256SUMS``. A reader that cannot write gets the message to run ``build``."""
    try:
        finish_interrupted_build(root)
    except OSError as err:
        raise SchemaError(
            f"{JOURNAL_FILE}: an interrupted build could not be finished ({err.strerror}); run "
            "`silkroad-news build`"
        ) from None
    problems = dataset_problems(root, staged=False)
    if problems:
        raise SchemaError(problems[0])


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
            spans = [*row["entities"], *row["mentions"]]
            for c in row["claims"]:
                spans += [c[k] for k in CLAIM_SPANS if c[k]]
        elif config == "claims":
            for c in row["claims"]:
                spans += [c[k] for k in CLAIM_SPANS if c[k]]
        elif config == "numbers":
            spans = list(row["mentions"])
        for s in spans:
            if text[s["start"] : s["end"]] != s["text"]:
                raise SchemaError(f"{config}: row {row['id']!r}: span {s} does not match text")


# --------------------------------------------------------------------------------------------
# Export: a hub-ready folder
# --------------------------------------------------------------------------------------------

#: Files the card links to or names as documentation, copied into the export at the same
#: paths, so that every link of the exported card resolves there.
EXPORT_EXTRAS: tuple[Path, ...] = (
    Path("LICENSE"),
    Path("LICENSE-DATA.md"),
    Path("annotations/guidelines.md"),
    Path("annotations/agreement.md"),
    Path("annotations/mentions/agreement.md"),
    Path("annotations/mentions/adjudication.md"),
    Path("leaderboard/METRICS.md"),
)
#: The submission schemas, copied whole.
EXPORT_SCHEMAS = Path("schemas/submission")


def hub_url(repo_id: str) -> str:
    """The address of a dataset repository on the Hugging Face Hub."""
    return f"https://huggingface.co/datasets/{repo_id}"


def render_export(root: Path, repo_id: str | None = None) -> dict[Path, bytes]:
    """The files of a hub-ready folder, relative paths → bytes: the data as built, a README.md
    that is the YAML header followed by the dataset card (citing ``repo_id``'s Hub address when
    given), and the files the card links to (:data:`EXPORT_EXTRAS`, the submission schemas)."""
    files = render_build(root, url=None if repo_id is None else hub_url(repo_id))
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
    for rel in EXPORT_EXTRAS:
        if not (root / rel).is_file():
            raise SchemaError(f"{rel}: file not found; the exported card links to it")
        out[rel] = (root / rel).read_bytes()
    schemas = sorted((root / EXPORT_SCHEMAS).glob("*.json"))
    if not schemas:
        raise SchemaError(f"{EXPORT_SCHEMAS}: no submission schemas; run `silkroad-news schemas`")
    for path in schemas:
        out[path.relative_to(root)] = path.read_bytes()
    return out


def export(root: Path, out_dir: Path, repo_id: str | None = None) -> list[Path]:
    """Write the hub-ready folder ``out_dir`` (refused if it exists and is not empty)."""
    import shutil
    import tempfile

    from .files import write_many_atomic

    out_dir = output_folder(Path(out_dir)).resolve()
    if out_dir.exists() and any(out_dir.iterdir()):
        raise SchemaError(f"{out_dir}: exists and is not empty; choose a new folder")
    files = render_export(root, repo_id)
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
