"""The Label Studio labeling config, generated from :mod:`silkroad_news.schema`.

Contract:

- :func:`labeling_config` returns the XML; it is a pure function of the schema enums, so the
  committed copy at ``annotations/labelstudio/config.xml`` (:data:`CONFIG_PATH`) can be checked
  for drift by a test and regenerated with ``python -m silkroad_news.labelstudio config``.
- Control names (the ``from_name`` of results) are the constants below; the conversion in
  :mod:`silkroad_news.labelstudio.convert` uses the same constants, never string literals.
- :func:`validate_config` runs the SDK's ``LabelInterface`` checks (schema, unique names,
  ``toName`` targets) and raises :class:`LabelStudioError` on failure.

Why the numeric value is a ``TextArea`` and not a ``<Number>``: the canonical ``number`` is a
Python float (``564.32亿元`` → ``56432000000.0``). A TextArea holds the exact string
``repr(number)``, which ``float()`` parses back to the same float bit for bit, and the browser
never touches it. ``<Number>`` goes through an HTML number input: its default ``step="1"``
marks decimals invalid, large values may be shown or re-serialised in exponent form, and
locale decimal separators can creep in. Strings also let us reject ``nan``/``inf`` with a
message instead of letting JSON choke on them.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.records import CLAIM_LABELS
from silkroad_news.schema import ClaimPart, EntityType, RelationLabel, StrEnum

#: Repository root, found from this file: src/silkroad_news/labelstudio/config.py.
REPO_ROOT = Path(__file__).resolve().parents[3]
#: The committed config, relative to the repository root.
CONFIG_FILE = Path("annotations/labelstudio/config.xml")
CONFIG_PATH = REPO_ROOT / CONFIG_FILE
REGENERATE_COMMAND = "python -m silkroad_news.labelstudio config"

# Object tags (``to_name``) and the task data they show.
TEXT = "text"
TEXT_SIMPLIFIED = "text_simplified"
#: Task data keys, in the order the config shows them; ``text`` is the one that is labeled.
TASK_DATA_KEYS = ("text", "text_simplified", "doc_id", "passage_id", "passage_type", "date")

# Control tags (``from_name``).
ENTITY = "entity"
CLAIM = "claim"
#: The labeled attributes of a claim (``schema.Claim``) in the order the editor asks for them:
#: the kind first, as it decides the others. A test checks it is every schema enum.
_CHOICE_ORDER = ("kind", "approx", "direction", "modality")
#: Per-region choice attributes of a VALUE region: control name -> the enum of its choices.
CHOICE_ATTRIBUTES: dict[str, type[StrEnum]] = {name: CLAIM_LABELS[name] for name in _CHOICE_ORDER}
#: Per-region free-text attributes of a VALUE region (TextArea, one submission each). Schema
#: 2.0: the claim's ``unit`` (a code of the unit inventory, hundreds of them) is no choice; it
#: is read from ``unit_text`` (:func:`silkroad_news.units.codes_of`). A range (``low``/``high``)
#: cannot be labeled with this config yet.
TEXT_ATTRIBUTES: tuple[str, ...] = ("number", "unit_text")
#: The choice control of schema 1.0 that held the unit; read in old exports and migrated.
LEGACY_UNIT = "unit"
ATTRIBUTES: tuple[str, ...] = (*CHOICE_ATTRIBUTES, *TEXT_ATTRIBUTES)

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


def _attrs(**attrs: str) -> str:
    return " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())


def _labels(name: str, enum_cls: type[StrEnum], colours: dict) -> list[str]:
    lines = [f"  <Labels {_attrs(name=name, toName=TEXT, showInline='true')}>"]
    for member in enum_cls:  # a member without a colour fails here, loudly
        lines.append(f"    <Label {_attrs(value=member.value, background=colours[member])}/>")
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
    lines += [f"    <Relation {_attrs(value=r.value)}/>" for r in RelationLabel]
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
    # honours whenLabelValue, so entity regions are not asked for them); from_labelstudio
    # checks again, since the API accepts anything. ``whenTagName`` is left out on purpose:
    # VALUE is unique across both label sets, and for regions the frontend compares
    # whenTagName with the *control* name although the docs say object name.
    visible = {"visibleWhen": "region-selected", "whenLabelValue": ClaimPart.VALUE.value}
    lines.append(f"  <View {_attrs(**visible)}>")
    for name, enum_cls in CHOICE_ATTRIBUTES.items():
        lines.append(f"    <Header {_attrs(value=name, size='6')}/>")
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
        lines += [f"      <Choice {_attrs(value=m.value)}/>" for m in enum_cls]
        lines.append("    </Choices>")
    placeholders = {"number": "scaled float, e.g. 56432000000.0 or 67.2", "unit_text": "亿元"}
    for name in TEXT_ATTRIBUTES:
        lines.append(f"    <Header {_attrs(value=name, size='6')}/>")
        attrs = _attrs(
            name=name,
            toName=TEXT,
            perRegion="true",
            editable="true",
            maxSubmissions="1",
            rows="1",
            placeholder=placeholders[name],
            required="true",
            whenLabelValue=ClaimPart.VALUE.value,
        )
        lines.append(f"    <TextArea {attrs}/>")
    lines += ["  </View>", "</View>", ""]
    return "\n".join(lines)


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
