"""The number-mention layer in Label Studio: its own project, config, conversion, check, pull,
review edits and import (guidelines, section 4; ``annotations/mentions.jsonl``).

Contract:

- The layer has its own project (:data:`MENTIONS`, title ``SilkRoad-News mentions``), apart
  from the entity/claim project, because it is annotated apart and has its own provenance. Push,
  pull and merge are the entity/claim machinery of :mod:`silkroad_news.labelstudio.client`
  run with this :class:`~silkroad_news.labelstudio.client.Layer`: ``push --layer mentions
  --with-gold`` gives each task the committed layer as an annotation of the gold account (no
  pre-annotation is ever pushed: the recognizer's output is not shown while annotating, since
  the ``numbers`` task scores it against this layer); ``pull --layer mentions`` merges the
  server's export into ``annotations/labelstudio/mentions_export.json`` by passage and
  provenance, atomically, keeping what the server no longer has.
- :func:`mentions_config` is generated from the schema: one ``Labels`` control (``mention``)
  whose labels are :class:`~silkroad_news.schema.NumberCategory` with Chinese glosses, and, for
  a selected ``quantity`` or ``duration`` region only, the text areas ``number``, ``low``,
  ``high``, ``unit_text``, ``unit`` and the ``approx`` choices (stored as ``approx:<code>``,
  as in the claim config). Its instructions come from section 4 of the guidelines.
- :func:`mentions_to_labelstudio` / :func:`read_mentions` convert exactly:
  ``read_mentions(task, {"result": mentions_to_labelstudio(m), ...}).mentions == m`` with the
  provenance filled in. Numbers are written as ``repr(float)``; a typed number may also be
  written as the text says (``564.32亿``). ``unit_text`` is the unit as written; the ``unit``
  code is read from it by the unit inventory (:func:`silkroad_news.units.codes_of`) and is
  typed only where the inventory reads it two ways (``度``, ``点``, ``节``: the placeholder
  lists their codes, :func:`~silkroad_news.labelstudio.config.unit_placeholder`). Nothing is
  read from the recognizer: an empty ``number`` is a null number.
- Problems (the import refuses them; ``check`` exits 2): anything
  :func:`~silkroad_news.records.validate_mentions` refuses (a reading on a date, a quantity
  without ``approx`` or without a number or range, a ``unit_text`` the inventory cannot read, a
  ``unit`` it does not stand for), overlapping mentions (each pair listed), a region text that
  is not ``text[start:end]``, unknown controls or labels, relations (this layer has none),
  attributes on a span other than their region's, and, per task, what ``labelstudio check``
  finds for every layer (text changed, several annotations). *Flags* (listed, never refused):
  a ``number``, ``low``, ``high`` or ``unit`` other than what the recognizer reads for a
  mention of exactly the same span. The layer is the reference the recognizer is scored
  against, so a disagreement is for a person to look at, never rewritten.
- Provenance (:func:`mentions_from_export`; ``annotations import --layer mentions`` writes the
  layer, :func:`silkroad_news.annotations.import_mentions`): the annotation's task and
  annotation ids, time stamps, and the e-mail of the account that saved it last. The export
  holds account ids only (they restart on every server), so the pull records each
  annotation's account e-mail by its ``unique_id`` beside the export (:data:`ACCOUNTS_FILE`);
  the import reads it from there.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from silkroad_news.files import dumps_json, read_json, write_atomic
from silkroad_news.labelstudio import config as lsconfig
from silkroad_news.labelstudio.check import CheckReport, check_export, raise_problems
from silkroad_news.labelstudio.client import (
    Layer,
    PullReport,
    _base_url,
    _live,
    _server_tasks,
    annotation_record,
    api_errors,
    pull,
    resolve_project,
    server_export,
    task_record,
)
from silkroad_news.labelstudio.config import (
    GUIDELINES_FILE,
    TEXT,
    TEXT_SIMPLIFIED,
    _attrs,
    _first_sentence,
    _inline,
    _section,
    choice_value,
)
from silkroad_news.labelstudio.convert import (
    Problem,
    _overlaps,
    _require,
    _single,
    annotation_provenance,
    attribute_item,
    checked_span,
    format_number,
    iter_annotations,
    parse_number,
    region_item,
)
from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.records import (
    MENTION_READING,
    field_types,
    mentions_from_json,
    mentions_to_json,
    span_diff,
    validate_mentions,
)
from silkroad_news.schema import (
    READ_CATEGORIES,
    Approx,
    Document,
    NumberCategory,
    NumberMention,
    PassageMentions,
    SchemaError,
    parse_enum,
)
from silkroad_news.units import codes_of, is_code

#: The control of the mention regions (``from_name``).
MENTION = "mention"
#: The per-region choice of a quantity or duration.
APPROX = "approx"
#: Per-region text areas of a quantity or duration: the rest of its reading, in the editor's
#: order (the unit code last: it is typed only where ``unit_text`` reads two ways).
TEXT_FIELDS: tuple[str, ...] = tuple(
    sorted((n for n in MENTION_READING if n != APPROX), key=lambda n: n == "unit")
)
#: The numbers of a reading (the rest are strings or labels).
NUMBER_FIELDS: tuple[str, ...] = tuple(
    n for n, (tp, _) in field_types(NumberMention).items() if n in MENTION_READING and tp is float
)
CONFIG_FILE = Path("annotations/labelstudio/mentions_config.xml")
INSTRUCTIONS_FILE = Path("annotations/labelstudio/mentions_instructions.html")
EXPORT_FILE = "mentions_export.json"
EXPORT_PATH = Path("annotations/labelstudio") / EXPORT_FILE
#: ``{annotation unique_id: e-mail of the account that saved it last}``, written by the pull.
ACCOUNTS_FILE = "mentions_accounts.json"
PROJECT_TITLE = "SilkRoad-News mentions"

#: Chinese glosses of the categories (display only; the stored label is the code).
CATEGORY_GLOSSES: dict[NumberCategory, str] = {
    NumberCategory.QUANTITY: "数量 (金额/计数/比率/量度)",
    NumberCategory.DATE: "日期",
    NumberCategory.TIME: "时刻",
    NumberCategory.DURATION: "时长",
    NumberCategory.ORDINAL: "序数/等级",
    NumberCategory.IDENTIFIER: "编号/名称中的数字",
    NumberCategory.PHONE: "电话",
}
_COLOURS: dict[NumberCategory, str] = {
    NumberCategory.QUANTITY: "#d00000",
    NumberCategory.DATE: "#06a77d",
    NumberCategory.TIME: "#2a9d8f",
    NumberCategory.DURATION: "#3a86ff",
    NumberCategory.ORDINAL: "#8338ec",
    NumberCategory.IDENTIFIER: "#6c757d",
    NumberCategory.PHONE: "#e76f51",
}
#: The claim config's placeholders but where this layer differs (nothing is read from the text).
_PLACEHOLDERS = {
    **lsconfig._PLACEHOLDERS,
    "number": "scaled, e.g. 56432000000.0, or as written: 564.32亿; empty for a range",
    "unit_text": "as written: 億元/亿元, 家, %; empty for a bare number",
}
_READ = ",".join(c.value for c in READ_CATEGORIES)


# --------------------------------------------------------------------------------------------
# Config and instructions
# --------------------------------------------------------------------------------------------


def mentions_config() -> str:
    """The labeling config XML of the layer; a pure function of the schema (module docstring)."""
    lines = [
        "<View>",
        "  <!-- Generated from src/silkroad_news/schema.py by silkroad_news.labelstudio.mentions;",
        "       do not edit by hand: run `silkroad-news labelstudio config`. -->",
        '  <View style="display: flex; gap: 1.5em; color: #666">',
    ]
    for key in ("doc_id", "passage_id", "passage_type", "date"):
        lines.append(f"    <Header {_attrs(value='$' + key, size='6')}/>")
    lines += ["  </View>", f"  <Labels {_attrs(name=MENTION, toName=TEXT, showInline='true')}>"]
    for c in NumberCategory:
        attrs = _attrs(value=c.value, background=_COLOURS[c], hint=CATEGORY_GLOSSES[c])
        lines.append(f"    <Label {attrs}/>")
    lines.append("  </Labels>")
    lines.append(f"  <Text {_attrs(name=TEXT, value='$' + TEXT, granularity='symbol')}/>")
    lines.append(f"  <Header {_attrs(value='简体 (reading aid, not for labeling)', size='6')}/>")
    lines.append(
        f"  <Text {_attrs(name=TEXT_SIMPLIFIED, value='$' + TEXT_SIMPLIFIED)}"
        ' selectionEnabled="false"/>'
    )
    # A comma-separated whenLabelValue shows the view and asks for approx for either category
    # (Label Studio's frontend splits it on commas for visibility and for `required`).
    lines += lsconfig.attribute_view({APPROX: Approx}, TEXT_FIELDS, _PLACEHOLDERS, _READ)
    lines += ["</View>", ""]
    return "\n".join(lines)


_CATEGORY_ROW = re.compile(r"^\| `([a-z]+)` \| (.+?) \| (.+?) \|$")
_READING = re.compile(r"^- `([a-z_]+)`(?: and `([a-z_]+)`)?: (.+)$")


def mentions_instructions(guidelines: str) -> str:
    """The project instructions (HTML, Chinese and English) from section 4 of ``guidelines``:
    the working rules, one line per category (gloss, definition, examples) and one per field
    of a reading (the first sentence of each)."""
    rows = {
        m.group(1): (m.group(2), m.group(3))
        for line in _section(guidelines, "### Categories")
        if (m := _CATEGORY_ROW.match(line))
    }
    missing = [c.value for c in NumberCategory if c.value not in rows]
    if missing:
        raise LabelStudioError(
            f"{GUIDELINES_FILE}: the table of section 4 'Categories' lacks {', '.join(missing)}"
        )
    fields: dict[str, str] = {}
    for line in _section(guidelines, "### Reading a quantity or a duration"):
        if m := _READING.match(line):
            fields[m.group(1)] = m.group(3)
            if m.group(2):
                fields[m.group(2)] = m.group(3)
    examples = re.compile(r"`([^`]+)`")
    out = [
        '<div style="font-size: 13px; line-height: 1.45">',
        "<p><b>数字标注说明 / Number mentions</b> — 摘自 <code>annotations/guidelines.md</code>"
        " 第4节 (generated from section 4; read it for spans, ranges and vague numerals).</p>",
        "<ol>",
        "<li>标出原文写出的每一个数字 (标题、署名、图注也算),不论是否为陈述。"
        " Mark every number the text writes, claim or not, headlines and bylines too.</li>",
        "<li>数量的范围与陈述的 VALUE 相同:数字、倍数词、单位或量词、约数词;动词不算。"
        " A quantity spans number, multipliers, unit and approximation words, not the verb.</li>",
        "<li>范围 (3至5家) 是一个标注:number 留空,填 low 和 high。"
        " A range is one mention: leave number empty, fill low and high.</li>",
        "<li>只有 quantity 和 duration 填写读数;number 写完整数值 (564.32億元 → 56432000000.0)"
        " 或按原文写 (564.32亿)。Only quantities and durations carry a reading.</li>",
        "<li>标注互不重叠;两种读法冲突时取较长的。Mentions never overlap; the longer wins.</li>",
        "</ol>",
        "<p><b>类别 Categories</b></p><ul>",
    ]
    for c in NumberCategory:
        what, ex = rows[c.value]
        shown = "、".join(f"<code>{html.escape(e)}</code>" for e in examples.findall(ex)[:4])
        out.append(
            f"<li><b>{c.value}</b> {html.escape(CATEGORY_GLOSSES[c])}: {_inline(what)}"
            f" — {shown}</li>"
        )
    out += ["</ul>", "<p><b>读数 Reading (quantity, duration)</b></p><ul>"]
    done: set[str] = set()
    for name in (*TEXT_FIELDS, APPROX):
        text = fields.get(name)
        if text is None or text in done:
            continue  # unit: derived from unit_text, described there; high: with low
        done.add(text)
        names = [n for n in (*TEXT_FIELDS, APPROX) if fields.get(n) == text]
        title = ", ".join(f"<b>{n}</b> {html.escape(lsconfig.gloss(n))}" for n in names)
        out.append(f"<li>{title}: {_first_sentence(text)}</li>")
    out += ["</ul>", "</div>", ""]
    return "\n".join(out)


def mentions_config_files(root: Path) -> dict[Path, str]:
    """The config and instructions of the layer as ``labelstudio config`` writes them."""
    guidelines = (root / GUIDELINES_FILE).read_text(encoding="utf-8")
    return {
        root / CONFIG_FILE: mentions_config(),
        root / INSTRUCTIONS_FILE: mentions_instructions(guidelines),
    }


# --------------------------------------------------------------------------------------------
# Canonical -> Label Studio
# --------------------------------------------------------------------------------------------


def mention_id(passage_id: str, n: int) -> str:
    return f"{passage_id}-m{n}"


def normalize_mentions(m: PassageMentions) -> PassageMentions:
    """``m`` with its mentions in text order and ids ``<passage_id>-m<N>``."""
    ordered = sorted(m.mentions, key=lambda x: (x.start, x.end))
    return replace(
        m,
        mentions=tuple(
            replace(x, id=mention_id(m.passage_id, n)) for n, x in enumerate(ordered, 1)
        ),
    )


def mentions_to_labelstudio(
    m: PassageMentions, origin: str | None = "manual"
) -> list[dict[str, Any]]:
    """The Label Studio ``result`` of one passage's mentions: region ``n<N>`` per mention in
    text order, its reading as per-region attributes (module docstring)."""
    try:
        validate_mentions(m, f"passage {m.passage_id}")
    except SchemaError as exc:
        raise LabelStudioError(str(exc)) from None
    items: list[dict[str, Any]] = []
    for n, x in enumerate(normalize_mentions(m).mentions, 1):
        rid = f"n{n}"
        items.append(region_item(rid, MENTION, x.category.value, x.start, x.end, x.text, origin))
        if x.category not in READ_CATEGORIES:
            continue
        values: dict[str, str] = {
            name: format_number(v) for name in NUMBER_FIELDS if (v := getattr(x, name)) is not None
        }
        if x.unit_text:
            values["unit_text"] = x.unit_text
        if x.unit is not None and codes_of(x.unit_text) != (x.unit,):
            values["unit"] = x.unit
        for name in TEXT_FIELDS:
            if name in values:
                items.append(
                    attribute_item(rid, name, values[name], x.start, x.end, x.text, origin)
                )
        if x.approx is not None:
            items.append(
                attribute_item(rid, APPROX, x.approx.value, x.start, x.end, x.text, origin)
            )
    return items


# --------------------------------------------------------------------------------------------
# Label Studio -> canonical
# --------------------------------------------------------------------------------------------


@dataclass
class MentionReading:
    """What :func:`read_mentions` made of one annotation: the record when it could be built,
    every problem, the flags (readings that differ from the recognizer's) and the region of
    each mention (``(start, end)`` -> region id)."""

    mentions: PassageMentions | None
    problems: list[Problem] = field(default_factory=list)
    flags: list[Problem] = field(default_factory=list)
    regions: dict[tuple[int, int], str] = field(default_factory=dict)
    #: no field is ever read from the text in this layer (``check_export`` lists these)
    derived: list[Any] = field(default_factory=list)


@dataclass
class _Region:
    id: str
    start: int | None = None
    end: int | None = None
    text: str | None = None
    category: NumberCategory | None = None
    fields: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    broken: bool = False


def _read_item(item: Any, index: int, text: str, w0: str, regions: dict[str, _Region]) -> None:
    """Record one result item on its region; raise :class:`LabelStudioError` for a bad one."""
    if not isinstance(item, dict):
        raise LabelStudioError(f"{w0}: result item {index} is not an object: {item!r}")
    if item.get("type") == "relation":
        raise LabelStudioError(
            f"{w0}: result item {index} is a relation; number mentions have no relations"
        )
    rid = item.get("id")
    if not isinstance(rid, str) or not rid:
        raise LabelStudioError(f"{w0}: result item {index} has no region 'id'")
    w = f"{w0}, region {rid}"
    region = regions.setdefault(rid, _Region(rid))
    try:
        if item.get("to_name") != TEXT:
            raise LabelStudioError(
                f"{w}: field 'to_name' is {item.get('to_name')!r}, expected {TEXT!r}"
            )
        value = _require(item, "value", w, dict)
        start, end = _require(value, "start", w, int), _require(value, "end", w, int)
        control, kind = item.get("from_name"), item.get("type")
        expected = {MENTION: "labels", APPROX: "choices", **dict.fromkeys(TEXT_FIELDS, "textarea")}
        if control not in expected:
            raise LabelStudioError(
                f"{w}: field 'from_name' is {control!r}, not a control of the mention config"
            )
        if kind != expected[control]:
            raise LabelStudioError(
                f"{w}: field 'type' is {kind!r}, expected {expected[control]!r} for {control!r}"
            )
        if control == MENTION:
            region_text = _require(value, "text", w, str)
            checked_span(text, start, end, region_text, w)
            label = _single(value.get("labels"), w, "labels")
            try:
                category = parse_enum(NumberCategory, label, w, "labels")
            except SchemaError as exc:
                raise LabelStudioError(str(exc)) from None
            if region.category is not None:
                raise LabelStudioError(f"{w}: field 'labels' given twice")
            region.category, region.start, region.end, region.text = (
                category,
                start,
                end,
                region_text,
            )
            return
        raw = _single(value.get("choices" if kind == "choices" else "text"), w, control)
        if not isinstance(raw, str):
            raise LabelStudioError(f"{w}: field '{control}' is {raw!r}, not a string")
        if control in region.fields:
            raise LabelStudioError(f"{w}: field '{control}' given twice")
        region.fields[control] = choice_value(APPROX, raw) if kind == "choices" else raw
        region.spans[control] = (start, end)
    except LabelStudioError:
        region.broken = True
        raise


def _mention(r: _Region, w: str) -> NumberMention:
    """The mention of a labeled region (its reading parsed, nothing derived from the text)."""
    assert r.category is not None and r.start is not None and r.end is not None and r.text
    f = {k: v.strip() for k, v in r.fields.items()}
    reading: dict[str, Any] = dict.fromkeys(MENTION_READING)
    reading["unit_text"] = ""
    if r.category not in READ_CATEGORIES:
        given = [name for name in (*TEXT_FIELDS, APPROX) if f.get(name)]
        if given:
            raise LabelStudioError(
                f"{w}: field '{given[0]}' is set on a {r.category.value} mention; only "
                f"{' and '.join(c.value for c in READ_CATEGORIES)} mentions carry a reading "
                "(clear it, or change the category)"
            )
    else:
        for name in NUMBER_FIELDS:
            if f.get(name):
                reading[name] = parse_number(f[name], w, name)
        reading["unit_text"] = r.fields.get("unit_text", "")
        if not f.get(APPROX):
            raise LabelStudioError(f"{w}: field 'approx' is empty; a {r.category.value} needs one")
        try:
            reading["approx"] = parse_enum(Approx, f[APPROX], w, APPROX)
        except SchemaError as exc:
            raise LabelStudioError(str(exc)) from None
        reading["unit"] = _unit(f.get("unit", ""), reading["unit_text"], w)
    return NumberMention(
        id=f"{r.id}", start=r.start, end=r.end, text=r.text, category=r.category, **reading
    )


def _unit(typed: str, unit_text: str, w: str) -> str | None:
    """The unit code: typed (a code of the inventory, compounds allowed), else the one code
    ``unit_text`` stands for; None for a bare number."""
    if typed:
        if not is_code(typed):
            raise LabelStudioError(
                f"{w}: field 'unit' is {typed!r}, not a code of the unit inventory"
            )
        return typed
    if not unit_text:
        return None
    codes = codes_of(unit_text)
    if len(codes) == 1:
        return codes[0]
    why = f"reads two ways ({' or '.join(codes)})" if codes else "is no unit of the inventory"
    raise LabelStudioError(
        f"{w}: field 'unit_text' {unit_text!r} {why}; "
        + ("type the code in 'unit'" if codes else "write the unit as the text does")
    )


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9)


def recognizer_flags(
    m: PassageMentions, regions: Mapping[tuple[int, int], str], where: str
) -> list[tuple[str, str]]:
    """(region, message) for every reading of ``m`` that differs from the recognizer's reading
    of exactly the same span in the passage (:func:`silkroad_news.numbers.find_quantities`)."""
    from silkroad_news.numbers import find_quantities

    read = {(q.start, q.end): q for q in find_quantities(m.text)}
    out = []
    for x in m.mentions:
        q = read.get((x.start, x.end))
        if x.category not in READ_CATEGORIES or q is None or q.category not in READ_CATEGORIES:
            continue
        rid = regions.get((x.start, x.end), "?")
        for name in (*NUMBER_FIELDS, "unit"):
            mine, theirs = getattr(x, name), getattr(q, name)
            theirs = None if theirs is None else (str(theirs) if name == "unit" else float(theirs))
            same = mine == theirs if name == "unit" else _same(mine, theirs)
            if not same:
                out.append(
                    (
                        rid,
                        f"{where}, region {rid}: field '{name}' is {mine!r} but the recognizer "
                        f"reads {x.text!r} as {theirs!r}; check it (kept as annotated)",
                    )
                )
    return out


def read_mentions(
    task: Mapping[str, Any],
    annotation: Mapping[str, Any],
    accounts: Mapping[str, str] | None = None,
) -> MentionReading:
    """Read one annotation of a full-JSON export task of the mention project, collecting every
    problem and flag (module docstring). ``accounts`` maps an annotation's ``unique_id`` to
    the e-mail its provenance records (:data:`ACCOUNTS_FILE`)."""
    task_id = task.get("id") if isinstance(task, Mapping) else None
    annotation_id = annotation.get("id") if isinstance(annotation, Mapping) else None
    reading = MentionReading(None)
    passage_id: str | None = None

    def problem(message: str, region: str | None = None, flag: bool = False) -> None:
        (reading.flags if flag else reading.problems).append(
            Problem(
                task_id if isinstance(task_id, int) else None,
                passage_id,
                annotation_id if isinstance(annotation_id, int) else None,
                region,
                message,
            )
        )

    where = f"task {task_id}, annotation {annotation_id}"
    try:
        if not isinstance(task_id, int) or isinstance(task_id, bool):
            raise LabelStudioError(f"task {task_id}: field 'id' must be an integer task id")
        data = _require(task, "data", f"task {task_id}", dict)
        text = _require(data, "text", f"task {task_id}, data", str)
        passage_id = _require(data, "passage_id", f"task {task_id}, data", str)
        doc_id = _require(data, "doc_id", f"task {task_id}, data", str)
        if not isinstance(annotation_id, int) or isinstance(annotation_id, bool):
            raise LabelStudioError(f"{where}: field 'id' must be an integer annotation id")
        if annotation.get("was_cancelled"):
            raise LabelStudioError(f"{where}: the annotation was skipped and holds no mentions")
        provenance = annotation_provenance(task_id, annotation_id, annotation, where)
        email = (accounts or {}).get(str(annotation.get("unique_id")))
        if email:
            provenance = replace(provenance, annotator=email)
        result = _require(annotation, "result", where, list)
    except LabelStudioError as exc:
        problem(str(exc))
        return reading

    regions: dict[str, _Region] = {}
    for index, item in enumerate(result):
        try:
            _read_item(item, index, text, where, regions)
        except LabelStudioError as exc:
            rid = item.get("id") if isinstance(item, dict) else None
            problem(str(exc), rid if isinstance(rid, str) else None)

    mentions: list[NumberMention] = []
    for r in regions.values():
        w = f"{where}, region {r.id}"
        if r.broken:
            continue
        if r.category is None:
            problem(
                f"{w}: fields ({', '.join(sorted(r.fields))}) belong to no labeled region", r.id
            )
            continue
        off = [n for n, span in sorted(r.spans.items()) if span != (r.start, r.end)]
        if off:
            s, e = r.spans[off[0]]
            problem(
                f"{w}: field '{off[0]}' is for span [{s}, {e}) but the region is "
                f"[{r.start}, {r.end})",
                r.id,
            )
            continue
        try:
            mentions.append(_mention(r, w))
        except LabelStudioError as exc:
            problem(str(exc), r.id)
    for message in _overlaps(
        [(x.start, x.end, x.id) for x in mentions], where, "region", "mentions must not overlap"
    ):
        problem(message, message.split("region ", 1)[1].split(":", 1)[0])
    if reading.problems:
        return reading

    by_region = {(x.start, x.end): x.id for x in mentions}
    record = normalize_mentions(
        PassageMentions(passage_id, doc_id, text, tuple(mentions), provenance)
    )
    try:
        validate_mentions(record, where)
    except SchemaError as exc:
        problem(str(exc))
        return reading
    reading.mentions = record
    reading.regions = by_region
    for rid, message in recognizer_flags(record, by_region, where):
        problem(message, rid, flag=True)
    return reading


def _content(task: Mapping[str, Any], annotation: Mapping[str, Any]) -> Any:
    """What an annotation says, whatever its ids: the mentions, or its raw result."""
    record = read_mentions(task, annotation).mentions
    if record is None:
        return ("raw", dumps_json(annotation.get("result")))
    return record.mentions


def check_mentions_export(
    export: Iterable[Mapping[str, Any]], documents: Sequence[Document] | None = None
) -> CheckReport:
    """``labelstudio check --layer mentions``: :func:`~silkroad_news.labelstudio.check.
    check_export` with this layer's reading."""
    report = check_export(export, documents, check=read_mentions)
    report.reads_fields = False
    return report


#: The number-mention layer, for :func:`~silkroad_news.labelstudio.client.push` and ``pull``.
MENTIONS = Layer(
    name="mentions",
    title=PROJECT_TITLE,
    export_file=EXPORT_FILE,
    config=mentions_config,
    to_result=mentions_to_labelstudio,
    content=_content,
    check=check_mentions_export,
)


# --------------------------------------------------------------------------------------------
# Pull (with the accounts' e-mails), review through the API, import
# --------------------------------------------------------------------------------------------


def read_accounts(out_dir: Path) -> dict[str, str]:
    path = Path(out_dir) / ACCOUNTS_FILE
    return dict(read_json(path)) if path.exists() else {}


def pull_mentions(
    client: Any,
    project: int | str,
    out_dir: Path,
    *,
    documents: Sequence[Document] | None = None,
    accept_problems: bool = False,
) -> PullReport:
    """:func:`~silkroad_news.labelstudio.client.pull` of the mention project into
    ``mentions_export.json``, then the e-mail of the last saver of every annotation the pull
    took from the server written to :data:`ACCOUNTS_FILE` (other entries are kept)."""
    report = pull(
        client, project, out_dir, documents=documents, accept_problems=accept_problems,
        layer=MENTIONS,
    )  # fmt: skip
    if report.refused:
        return report
    with api_errors("list accounts", _base_url(client)):
        emails = {int(u.id): str(u.email) for u in client.users.list()}
    accounts = read_accounts(out_dir)
    # Only the records this pull took from the server: the account ids of kept records are
    # those of the server that gave them, which may be another one.
    d = report.diff
    taken = {c.passage_id for c in (*d.added, *d.edited, *d.reviewed, *d.replaced)}
    for task in report.export:
        if (task.get("data") or {}).get("passage_id") not in taken:
            continue
        for a in _live(task):
            who = a.get("updated_by") or a.get("completed_by")
            if isinstance(who, int) and who in emails:
                accounts[str(a.get("unique_id"))] = emails[who]
    text = dumps_json(dict(sorted(accounts.items())), indent=2)
    path = Path(out_dir) / ACCOUNTS_FILE
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text)
    return report


def list_regions(
    client: Any, project: int | str, passages: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Per live annotation of the project (passages in task order, or only ``passages``): the
    task and annotation ids, the accounts (e-mails) that created and last saved it, the
    passage's record (``mentions.jsonl`` form,
    ids ``<passage_id>-m<N>`` with their Label Studio region ids) and its problems and flags.
    Edit ``record`` and give the lines to :func:`submit_mentions`."""
    out = []
    with api_errors("list accounts", _base_url(client)):
        emails = {int(u.id): str(u.email) for u in client.users.list()}
    for task in server_export(client, project):
        pid = (task.get("data") or {}).get("passage_id")
        if passages and pid not in passages:
            continue
        for a in _live(task):
            reading = read_mentions(task, a)
            line: dict[str, Any] = {
                "passage_id": pid,
                "task_id": task.get("id"),
                "annotation_id": a.get("id"),
                **{
                    key: emails.get(who, who) if isinstance(who, int) else who
                    for key in ("completed_by", "updated_by")
                    for who in [a.get(key)]
                },
            }
            if reading.mentions is not None:
                record = mentions_to_json(replace(reading.mentions, provenance=None))
                record.pop("provenance")
                line["record"] = record
                line["regions"] = {
                    x.id: reading.regions[(x.start, x.end)] for x in reading.mentions.mentions
                }
            else:
                line["result"] = a.get("result")
            line["problems"] = [p.message for p in reading.problems]
            line["flags"] = [p.message for p in reading.flags]
            out.append(line)
    return out


@dataclass
class SubmitReport:
    edited: list[str] = field(default_factory=list)
    reviewed: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"annotations: {len(self.edited)} edited, {len(self.reviewed)} saved unchanged "
            f"(reviewed), {len(self.created)} created"
        )


def submit_mentions(
    client: Any, project: int | str, lines: Sequence[Mapping[str, Any]], source: str
) -> SubmitReport:
    """Save each line's ``record`` (as :func:`list_regions` gives it, edited) on its passage's
    task as the token's account: the task's one annotation is updated (a gold copy becomes the
    reviewer's save), or one is created when the task has none. Every line is checked against
    its task before anything is saved; an unchanged record is saved too: that is the review."""
    project_id = resolve_project(client, project)
    url = _base_url(client)
    with api_errors("read tasks", url):
        tasks = _server_tasks(client, project_id)
    planned = []
    for n, line in enumerate(lines, 1):
        w = f"{source}: line {n}"
        if not isinstance(line, Mapping) or not isinstance(line.get("record"), Mapping):
            raise LabelStudioError(f"{w}: expected an object with a 'record'")
        record = dict(line["record"])
        pid = record.get("passage_id")
        if pid not in tasks:
            raise LabelStudioError(f"{w}: passage {pid!r} has no task in project {project_id}")
        mentions = [
            {"id": m.get("id") or f"new{k}", **{k2: v for k2, v in m.items() if k2 != "id"}}
            if isinstance(m, Mapping)
            else m
            for k, m in enumerate(record.get("mentions") or [], 1)
        ]
        record.update(mentions=mentions, provenance=None)
        try:
            rec = mentions_from_json(record, w)
        except SchemaError as exc:
            raise LabelStudioError(str(exc)) from None
        data = tasks[pid].data or {}
        if (rec.text, rec.doc_id) != (data.get("text"), data.get("doc_id")):
            raise LabelStudioError(
                f"{w}: field 'text' or 'doc_id' differs from task {tasks[pid].id}"
            )
        planned.append((tasks[pid], rec, mentions_to_labelstudio(rec)))
    report = SubmitReport()
    for task, rec, result in planned:
        with api_errors(f"annotate task {task.id}", url):
            live = [a for a in client.annotations.list(id=task.id) if not a.was_cancelled]
            if len(live) > 1:
                raise LabelStudioError(
                    f"task {task.id} ({rec.passage_id}): {len(live)} annotations; keep one"
                )
            if not live:
                client.annotations.create(id=task.id, result=result, was_cancelled=False)
                report.created.append(rec.passage_id)
                continue
            before = _content(task_record(task), annotation_record(live[0]))
            client.annotations.update(id=live[0].id, result=result)
            same = before == normalize_mentions(rec).mentions
            (report.reviewed if same else report.edited).append(rec.passage_id)
    return report


def _describe(x: NumberMention) -> str:
    shown = [
        f"{n}={v.value if isinstance(v, Approx) else repr(v)}"
        for n in MENTION_READING
        if (v := getattr(x, n)) is not None and n != "unit_text"
    ]
    return " ".join([f"{x.text} [{x.start}, {x.end}) {x.category.value}", *shown])


def _mention_change(a: NumberMention, b: NumberMention) -> str | None:
    same = replace(a, id="") == replace(b, id="")
    return None if same else f"{_describe(a)} -> {_describe(b)}"


def mention_diff(old: PassageMentions | None, new: PassageMentions) -> list[str]:
    """One line per mention added, changed or removed (by span), and a new provenance."""
    before = {(x.start, x.end): x for x in (old.mentions if old else ())}
    after = {(x.start, x.end): x for x in new.mentions}
    lines = span_diff(before, after, "mention", _describe, _mention_change)
    out = [f"{new.passage_id}: {line}" for line in lines]
    if old is not None and old.provenance != new.provenance and new.provenance is not None:
        p = new.provenance
        out.append(f"{new.passage_id}: provenance {p.annotator} (annotation {p.annotation_id})")
    return out


def mentions_from_export(
    tasks: Sequence[Mapping[str, Any]],
    documents: Sequence[Document],
    accounts: Mapping[str, str] | None = None,
    annotator: str | None = None,
    source: str = EXPORT_FILE,
) -> list[PassageMentions]:
    """One record per corpus passage, in corpus order, from a full-JSON export of the mention
    project, with its provenance (``accounts``: :data:`ACCOUNTS_FILE`). Refused on any problem
    of the export, a passage without annotation or with several (choose one with
    ``annotator``, an e-mail or account id)."""
    report = check_export(tasks, documents, check=lambda t, a: read_mentions(t, a, accounts))
    raise_problems(report, source)
    found: dict[str, list[PassageMentions]] = {}
    for task, annotation in iter_annotations(list(tasks)):
        rec = read_mentions(task, annotation, accounts).mentions
        assert rec is not None  # every problem was refused above
        if annotator is None or (rec.provenance and rec.provenance.annotator == annotator):
            found.setdefault(rec.passage_id, []).append(rec)
    out = []
    for d in documents:
        for p in d.passages:
            mine = found.get(p.id, [])
            if not mine:
                raise LabelStudioError(f"{source}: passage {p.id!r} has no annotation")
            if len(mine) > 1:
                who = sorted(r.provenance.annotator for r in mine if r.provenance)
                raise LabelStudioError(
                    f"{source}: passage {p.id!r} has {len(mine)} annotations (annotators "
                    f"{', '.join(who)}); choose one with --annotator"
                )
            out.append(mine[0])
    return out
