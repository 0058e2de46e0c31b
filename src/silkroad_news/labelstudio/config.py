"""The Label Studio labeling config and project instructions, generated from the schema.

Contract:

- :func:`labeling_config` returns the XML; it is a pure function of the schema enums and of
  :data:`GLOSSES`, so the committed copy at ``annotations/labelstudio/config.xml``
  (:data:`CONFIG_PATH`) can be checked for drift by a test and regenerated with
  ``silkroad-news labelstudio config``. :func:`instructions` renders the project instructions
  (short, Chinese and English) from ``annotations/guidelines.md``; they are committed beside
  the config (``instructions.html``) and set on the project by every push.
- Control names (the ``from_name`` of results) are the constants below; the conversion in
  :mod:`silkroad_news.labelstudio.convert` uses the same constants, never string literals.
- :func:`validate_config` runs the SDK's ``LabelInterface`` checks (schema, unique names,
  ``toName`` targets) and raises :class:`LabelStudioError` on failure.

What the annotator sees, and why:

- Every choice shows its Chinese gloss and its code (``金额 amount``), with a hint; the value
  stored in the result is ``<attribute>:<code>`` (``kind:amount``, the Choice's ``alias``).
  Label Studio's region panel prints a per-region choice as ``Choices: <stored value>``
  without the attribute's name, so the name has to be part of the value; it also makes every
  value of the config unique (the radio inputs of two attributes never share a value).
  :func:`choice_value` reads the stored form back, and also the bare code older exports hold.
- Text areas cannot be named that way: the region panel prints every per-region text area's
  value as ``Text: <value>`` (a fixed string of Label Studio's frontend, ``ResultItem`` of its
  region details; neither ``name``, ``label``, ``placeholder`` nor ``displayMode`` changes it,
  and ``displayMode="region-list"`` only adds an unnamed input to every region of the list),
  and the value is what the annotator types. So each text area of the selected region's view
  has a ``Header`` with its name above it (``number · 数值``), where it is edited.
- The unit is not a choice: under schema 2.0 units are codes of the unit inventory
  (:mod:`silkroad_news.units`, hundreds of them). It is derived from ``unit_text``; the
  optional ``unit`` text area is only for surfaces the inventory reads two ways (``度``, ``点``,
  ``节``), and its placeholder lists their codes from the inventory (:func:`unit_placeholder`).
- ``number`` and ``unit_text`` may be left empty: the import reads them from the VALUE text
  with the project's recognizer (:mod:`silkroad_news.labelstudio.check`); a value that is
  typed is checked against that reading, and may be written as the text says (``564.32亿``).
  Why text areas and not ``<Number>``: the canonical ``number`` is a Python float; a text area
  holds the exact ``repr``, which ``float()`` reads back bit for bit, while an HTML number
  input has ``step="1"``, exponent forms and locale separators.
- Relations carry the part's name (``metric``); Label Studio's relation list shows the two
  regions by their index and label only (``1 VALUE → 2 METRIC``), never their text: the index
  is the one of the region list, which shows the text. That is as far as the config reaches.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

from silkroad_news import units
from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.records import CLAIM_ATTRIBUTES, CLAIM_LABELS
from silkroad_news.schema import (
    ATTRIBUTE_GLOSSES,
    Approx,
    ClaimKind,
    ClaimPart,
    Direction,
    EntityType,
    Modality,
    RelationLabel,
    StrEnum,
)

#: Repository root, found from this file: src/silkroad_news/labelstudio/config.py.
REPO_ROOT = Path(__file__).resolve().parents[3]
#: The committed config, relative to the repository root.
CONFIG_FILE = Path("annotations/labelstudio/config.xml")
CONFIG_PATH = REPO_ROOT / CONFIG_FILE
INSTRUCTIONS_FILE = Path("annotations/labelstudio/instructions.html")
GUIDELINES_FILE = Path("annotations/guidelines.md")
REGENERATE_COMMAND = "silkroad-news labelstudio config"

# Object tags (``to_name``) and the task data they show.
TEXT = "text"
TEXT_SIMPLIFIED = "text_simplified"
#: Task data keys, in the order the config shows them; ``text`` is the one that is labeled.
TASK_DATA_KEYS = ("text", "text_simplified", "doc_id", "passage_id", "passage_type", "date")

# Control tags (``from_name``).
ENTITY = "entity"
CLAIM = "claim"
#: The labeled attributes of a claim in the order the editor asks for them, the kind first as
#: it decides the others. The unit is no choice (module docstring).
_CHOICE_ORDER = ("kind", "approx", "direction", "modality")
#: Per-region choice attributes of a VALUE region: control name -> the enum of its choices.
CHOICE_ATTRIBUTES: dict[str, type[StrEnum]] = {
    name: CLAIM_LABELS[name] for name in _CHOICE_ORDER if name in CLAIM_LABELS
}
#: Per-region text attributes of a VALUE region (TextArea, one submission each): every other
#: attribute of ``schema.Claim`` (number, unit_text, unit; low/high where the schema has them).
TEXT_ATTRIBUTES: tuple[str, ...] = tuple(a for a in CLAIM_ATTRIBUTES if a not in CHOICE_ATTRIBUTES)
#: Text attributes the annotator may leave empty: the import derives them from the VALUE text.
OPTIONAL_ATTRIBUTES: frozenset[str] = frozenset(TEXT_ATTRIBUTES)
ATTRIBUTES: tuple[str, ...] = (*CHOICE_ATTRIBUTES, *TEXT_ATTRIBUTES)
#: Separator of the stored choice values, ``kind:amount``.
CHOICE_SEPARATOR = ":"

#: Chinese glosses of every label and attribute the annotator sees (display only; the stored
#: values stay the schema's codes). A test checks that every enum member has one.
GLOSSES: dict[str, str] = {
    # entity types
    EntityType.PERSON: "人名",
    EntityType.ORG: "机构",
    EntityType.GPE: "行政区",
    EntityType.LOC: "地理区域",
    EntityType.FAC: "设施/口岸/园区",
    EntityType.EVENT: "会议/展会/活动",
    EntityType.PRODUCT: "产品/班列",
    EntityType.PROGRAM: "倡议/规划",
    # claim parts and relations
    ClaimPart.VALUE: "数值",
    ClaimPart.METRIC: "指标",
    ClaimPart.SUBJECT: "主体",
    ClaimPart.TIME: "时间",
    # attributes
    **ATTRIBUTE_GLOSSES,
    # kind
    ClaimKind.AMOUNT: "总量/金额",
    ClaimKind.COUNT: "计数",
    ClaimKind.CHANGE_RATE: "增减率",
    ClaimKind.SHARE: "占比",
    ClaimKind.DIFFERENCE: "差值",
    ClaimKind.MULTIPLE: "倍数",
    ClaimKind.MEASURE: "量度",
    # approx
    Approx.EXACT: "精确",
    Approx.AT_LEAST: "至少 (多/余/超)",
    Approx.AT_MOST: "至多 (不到/不足)",
    Approx.ABOUT: "约 (约/近/左右)",
    # direction
    Direction.UP: "增/升",
    Direction.DOWN: "减/降",
    Direction.NONE: "无",
    # modality
    Modality.ACTUAL: "实际",
    Modality.PLANNED: "计划/目标",
    Modality.FORECAST: "预计",
}
#: The relation labels' glosses (RelationLabel values equal the attribute names above).
RELATION_GLOSSES = {r: GLOSSES[ClaimPart(r.value.upper())] for r in RelationLabel}

#: Hints (tooltips) of the choices: what each code means, from the guidelines, section 2.
HINTS: dict[str, str] = {
    ClaimKind.AMOUNT: "a total of money or goods: 564.32億元, 115.6万吨",
    ClaimKind.COUNT: "discrete things counted with a measure word: 822列, 2000多家",
    ClaimKind.CHANGE_RATE: "growth or decline in percent: 同比增长67.2%",
    ClaimKind.SHARE: "a part of a whole: 占…的41.1%",
    ClaimKind.DIFFERENCE: "a gap between two figures: 高出…18.8个百分点",
    ClaimKind.MULTIPLE: "倍: 增长2倍",
    ClaimKind.MEASURE: "length, speed, capacity, area: 474.6公里",
    Approx.EXACT: "as written",
    Approx.AT_LEAST: "多, 余, 超, 超过, 以上",
    Approx.AT_MOST: "不到, 不足, 以下",
    Approx.ABOUT: "约, 近, 左右, 大约",
    Direction.UP: "增长, 提升至, 高出",
    Direction.DOWN: "下降, 减少",
    Direction.NONE: "not a change",
    Modality.ACTUAL: "what happened",
    Modality.PLANNED: "plans, targets, capacities not yet reached: 计划完成",
    Modality.FORECAST: "expectations: 预计",
}


def unit_placeholder() -> str:
    """The hint of the ``unit`` text area, from the unit inventory: each surface it reads two
    ways (:data:`silkroad_news.units.AMBIGUOUS`) with the codes it reads it as."""
    ways = ", ".join(f"{s} → {' or '.join(units.codes_of(s))}" for s in sorted(units.AMBIGUOUS))
    return f"a code, only when unit_text reads two ways: {ways}"


_PLACEHOLDERS = {
    "number": "空=按原文自动读 (empty: read from the text); or as written, e.g. 564.32亿",
    "unit_text": "空=自动 (empty: read from the text); or as written: 億元/亿元, 個/个, %",
    "unit": unit_placeholder(),
    "low": "range only: lower bound, as written or scaled",
    "high": "range only: upper bound, as written or scaled",
}

# Region colours: only a reading aid, fixed so the generated file is stable.
_ENTITY_COLOURS = {
    EntityType.PERSON: "#f4a261",
    EntityType.ORG: "#2a9d8f",
    EntityType.GPE: "#e9c46a",
    EntityType.LOC: "#8ab17d",
    EntityType.FAC: "#e76f51",
    EntityType.EVENT: "#b56576",
    EntityType.PRODUCT: "#6d597a",
    EntityType.PROGRAM: "#457b9d",
}
_CLAIM_COLOURS = {
    ClaimPart.VALUE: "#d00000",
    ClaimPart.METRIC: "#3a86ff",
    ClaimPart.SUBJECT: "#8338ec",
    ClaimPart.TIME: "#06a77d",
}


def gloss(key: str) -> str:
    """The Chinese gloss of a label or attribute name; ``""`` when there is none."""
    return GLOSSES.get(key, "")


def attribute_title(name: str) -> str:
    """``kind · 类型``: an attribute's name as the editor heads it."""
    return f"{name} · {gloss(name)}" if gloss(name) else name


def stored_choice(name: str, value: str) -> str:
    """The value a choice of attribute ``name`` stores in a result: ``kind:amount``."""
    return f"{name}{CHOICE_SEPARATOR}{value}"


def choice_value(name: str, stored: str) -> str:
    """The schema code of a stored choice of ``name``: ``kind:amount`` and ``amount`` (older
    exports) both give ``amount``; anything else is returned as is, for the caller to refuse."""
    prefix = f"{name}{CHOICE_SEPARATOR}"
    return stored[len(prefix) :] if stored.startswith(prefix) else stored


def _attrs(**attrs: str) -> str:
    return " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())


def _labels(name: str, enum_cls: type[StrEnum], colours: dict) -> list[str]:
    lines = [f"  <Labels {_attrs(name=name, toName=TEXT, showInline='true')}>"]
    for member in enum_cls:  # a member without a colour or gloss fails here, loudly
        attrs = _attrs(value=member.value, background=colours[member], hint=GLOSSES[member])
        lines.append(f"    <Label {attrs}/>")
    lines.append("  </Labels>")
    return lines


def labeling_config() -> str:
    """The labeling config XML; a pure function of the schema enums (see module docstring)."""
    lines = [
        "<View>",
        "  <!-- Generated from src/silkroad_news/schema.py by silkroad_news.labelstudio.config;",
        f"       do not edit by hand: run `{REGENERATE_COMMAND}`. -->",
        # Passage metadata as a header line: where the passage sits, for reading only.
        '  <View style="display: flex; gap: 1.5em; color: #666">',
    ]
    for key in ("doc_id", "passage_id", "passage_type", "date"):
        lines.append(f"    <Header {_attrs(value='$' + key, size='6')}/>")
    lines += ["  </View>"]
    lines += _labels(ENTITY, EntityType, _ENTITY_COLOURS)
    lines += _labels(CLAIM, ClaimPart, _CLAIM_COLOURS)
    lines.append("  <Relations>")
    lines += [
        f"    <Relation {_attrs(value=r.value, hint=RELATION_GLOSSES[r])}/>" for r in RelationLabel
    ]
    lines.append("  </Relations>")
    lines.append(f"  <Text {_attrs(name=TEXT, value='$' + TEXT, granularity='symbol')}/>")
    # The simplified view helps readers of Traditional passages; it cannot be labeled.
    lines.append(f"  <Header {_attrs(value='简体 (reading aid, not for labeling)', size='6')}/>")
    lines.append(
        f"  <Text {_attrs(name=TEXT_SIMPLIFIED, value='$' + TEXT_SIMPLIFIED)}"
        ' selectionEnabled="false"/>'
    )
    # Attributes of the selected VALUE region. ``required`` with ``whenLabelValue`` makes the
    # editor refuse to submit a VALUE region without them (the frontend's per-region check
    # honours whenLabelValue, so entity regions are not asked for them); the import checks
    # again, since the API accepts anything. ``whenTagName`` is left out on purpose: VALUE is
    # unique across both label sets, and for regions the frontend compares whenTagName with
    # the *control* name although the docs say object name.
    lines += attribute_view(
        CHOICE_ATTRIBUTES, TEXT_ATTRIBUTES, _PLACEHOLDERS, ClaimPart.VALUE.value
    )
    lines += ["</View>", ""]
    return "\n".join(lines)


def attribute_view(
    choices: Mapping[str, type[StrEnum]],
    text_fields: Sequence[str],
    placeholders: Mapping[str, str],
    when_label: str,
) -> list[str]:
    """The lines of the view shown for a selected region labeled ``when_label`` (several
    labels: comma-separated): a glossed, required radio list per choice attribute, then a
    one-line text area per text field with its placeholder."""
    visible = {"visibleWhen": "region-selected", "whenLabelValue": when_label}
    lines = [f"  <View {_attrs(**visible)}>"]
    for name, enum_cls in choices.items():
        lines.append(f"    <Header {_attrs(value=attribute_title(name), size='6')}/>")
        attrs = _attrs(
            name=name,
            toName=TEXT,
            perRegion="true",
            choice="single-radio",
            showInline="true",
            required="true",
            **visible,
        )
        lines.append(f"    <Choices {attrs}>")
        for m in enum_cls:
            shown = f"{GLOSSES[m]} {m.value}"
            choice = _attrs(value=shown, alias=stored_choice(name, m.value), hint=HINTS[m])
            lines.append(f"      <Choice {choice}/>")
        lines.append("    </Choices>")
    for name in text_fields:
        lines.append(f"    <Header {_attrs(value=attribute_title(name), size='6')}/>")
        attrs = _attrs(
            name=name,
            toName=TEXT,
            perRegion="true",
            editable="true",
            maxSubmissions="1",
            rows="1",
            placeholder=placeholders[name],
            whenLabelValue=when_label,
        )
        lines.append(f"    <TextArea {attrs}/>")
    lines.append("  </View>")
    return lines


def validate_config(config: str) -> None:
    """Raise :class:`LabelStudioError` unless the SDK's ``LabelInterface`` accepts ``config``."""
    from label_studio_sdk.label_interface import LabelInterface

    try:
        LabelInterface(config).validate()
    except Exception as exc:  # the SDK raises several unrelated types; report them all alike
        raise LabelStudioError(f"labeling config is invalid: {exc}") from exc


def write_config(path: Path = CONFIG_PATH) -> bool:
    """Write the generated config to ``path``; return True when the file changed."""
    from silkroad_news.files import write_atomic

    config = labeling_config()
    if path.exists() and path.read_text(encoding="utf-8") == config:
        return False
    write_atomic(path, config)
    return True


# --------------------------------------------------------------------------------------------
# Project instructions, from the guidelines
# --------------------------------------------------------------------------------------------

_TABLE_ROW = re.compile(r"^\| ([A-Z]+) \| (.+?) \| (.+?) \| (.+?) \|$")
_BULLET = re.compile(r"^- \*\*([A-Z]+)\*\*: (.+)$")
_ATTRIBUTE = re.compile(r"^- `([a-z_]+)`: (.+)$")
_CODE = re.compile(r"`([^`]+)`")


def _section(guidelines: str, heading: str) -> list[str]:
    """The lines under ``heading`` (a Markdown heading line) up to the next heading, with the
    continuation lines of a list item (indented) joined to it."""
    lines = guidelines.splitlines()
    try:
        start = lines.index(heading) + 1
    except ValueError:
        raise LabelStudioError(
            f"{GUIDELINES_FILE}: no heading {heading!r}; the project instructions are made from it"
        ) from None
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    joined: list[str] = []
    for line in lines[start:end]:
        if line.startswith("  ") and joined and line.strip():
            joined[-1] += " " + line.strip()
        else:
            joined.append(line)
    return joined


def _first_sentence(text: str) -> str:
    """Up to the first full stop outside code spans, with Markdown code as <code>."""
    out, in_code = [], False
    for i, ch in enumerate(text):
        if ch == "`":
            in_code = not in_code
        if not in_code and ch == "." and text[i + 1 : i + 2] in ("", " "):
            break
        out.append(ch)
    return _inline("".join(out).strip())


def _inline(text: str) -> str:
    parts = _CODE.split(text)
    return "".join(
        f"<code>{html.escape(p)}</code>" if i % 2 else html.escape(p) for i, p in enumerate(parts)
    )


def _examples(cell: str, n: int = 3) -> str:
    codes = _CODE.findall(cell)[:n]
    return "、".join(f"<code>{html.escape(c)}</code>" for c in codes)


def instructions(guidelines: str) -> str:
    """The project instructions (HTML, Chinese and English) made from ``guidelines``.

    Short on purpose: one line per entity type (gloss, definition, three examples from the
    guidelines' table), one per claim part and one per VALUE attribute (the first sentence of
    each in the guidelines), and the working rules that matter in the tool.
    """
    rows = [
        m.groups()
        for line in _section(guidelines, "## 1. Entities")
        if (m := _TABLE_ROW.match(line))
    ]
    types = {t: (d, pos) for t, d, pos, _ in rows if t in EntityType.values()}
    missing = [t for t in EntityType.values() if t not in types]
    if missing:
        raise LabelStudioError(f"{GUIDELINES_FILE}: the entity table lacks {', '.join(missing)}")
    parts = {
        m.group(1): m.group(2)
        for line in _section(guidelines, "### The parts")
        if (m := _BULLET.match(line))
    }
    attributes = {
        m.group(1): m.group(2)
        for line in _section(guidelines, "### The attributes of a VALUE")
        if (m := _ATTRIBUTE.match(line))
    }
    out = [
        '<div style="font-size: 13px; line-height: 1.45">',
        "<p><b>标注说明 / Instructions</b> — 摘自 <code>annotations/guidelines.md</code>"
        " (generated from the guidelines; read them for the hard cases).</p>",
        "<ol>",
        "<li>先通读整段。预标注只是建议:逐个检查,删错的,修边界,补遗漏。"
        " Read the whole passage first; pre-annotations are suggestions: check every one.</li>",
        "<li>只标名称;嵌套时只标最外层。Names only; the outermost name when names nest.</li>",
        "<li>每个数值 (VALUE) 用关系连到指标、主体、时间。Link every VALUE to its METRIC,"
        " SUBJECT and TIME.</li>",
        "<li><code>number</code> 和 <code>unit_text</code> 可留空,导入时从原文读出;"
        "填写时会与原文核对。Leave number and unit_text empty to have them read from the"
        " text; what you type is checked against it.</li>",
        "</ol>",
        "<p><b>实体 Entities</b></p><ul>",
    ]
    for t in EntityType:
        definition, positive = types[t.value]
        out.append(
            f"<li><b>{t.value}</b> {html.escape(GLOSSES[t])}: {_inline(definition)}"
            f" — {_examples(positive)}</li>"
        )
    out += ["</ul>", "<p><b>数值陈述 Claims</b></p><ul>"]
    for p in ClaimPart:
        text = parts.get(p.value)
        if text is None:
            raise LabelStudioError(f"{GUIDELINES_FILE}: section 'The parts' lacks {p.value}")
        out.append(f"<li><b>{p.value}</b> {html.escape(GLOSSES[p])}: {_first_sentence(text)}</li>")
    out += ["</ul>", "<p><b>VALUE 属性 Attributes</b></p><ul>"]
    for name in ATTRIBUTES:
        text = attributes.get(name)
        if text is None:
            continue  # an attribute the guidelines do not describe on its own (low, high)
        out.append(f"<li><b>{name}</b> {html.escape(gloss(name))}: {_first_sentence(text)}</li>")
    out += ["</ul>", "</div>", ""]
    return "\n".join(out)


def instructions_file(root: Path) -> dict[Path, str]:
    """``annotations/labelstudio/instructions.html`` as ``labelstudio config`` writes it."""
    guidelines = (root / GUIDELINES_FILE).read_text(encoding="utf-8")
    return {root / INSTRUCTIONS_FILE: instructions(guidelines)}
