"""``labelstudio check``: every problem of an export, located, before anything is imported.

Contract:

- :func:`check_export` runs over a full-JSON export (the server's current one, a pulled one,
  a committed one) the validation the import runs, and returns every problem, not the first:
  structural ones from :func:`~silkroad_news.labelstudio.convert.read_annotation` (labels,
  spans, relations, overlaps, missing attributes), then per claim the checks of its readings
  (:func:`claim_problems`), the record rules of
  :func:`~silkroad_news.records.validate_annotation`, and per task: a text that is not the
  corpus passage's, a passage the corpus does not have, several annotations on one passage.
  Each :class:`~silkroad_news.labelstudio.convert.Problem` names the task, the passage, the
  annotation and the region. Skipped annotations hold no gold and are left out; a passage
  with no annotation is *pending*, listed but no problem.
- The readings: an empty ``number`` or ``unit_text`` is read from the VALUE text by the
  project's recognizer and the unit is read from ``unit_text`` by the unit inventory
  (:mod:`silkroad_news.units`); the report lists those readings (``derived``). What the
  annotator typed is checked against the same readings: a number the VALUE does not read as
  (``5`` on ``50万元``), a ``unit_text`` that is not in the VALUE span (``亿元`` on ``5個``; a
  bare number may have its unit after it in the same sentence, ``100(80)km/h``), a
  ``unit_text`` other than the one the VALUE is read with (``元`` on ``564.32億元``), a typed
  ``unit`` code other than the one ``unit_text`` gives.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from silkroad_news.labelstudio.convert import (
    Derived,
    Problem,
    Reading,
    read_annotation,
    unit_code_of_text,
    unit_from_code,
    unit_value,
    value_reading,
)
from silkroad_news.labelstudio.errors import LabelStudioError
from silkroad_news.records import validate_annotation
from silkroad_news.schema import Claim, Document, SchemaError
from silkroad_news.units import fold

_SENTENCE_END = re.compile(r"[。!?!?;;\n]")


@dataclass
class CheckReport:
    """What :func:`check_export` found."""

    problems: list[Problem] = field(default_factory=list)
    #: what a reviewer should look at but the import accepts (the number-mention layer's
    #: readings that differ from the recognizer's); never a reason to refuse
    flags: list[Problem] = field(default_factory=list)
    #: (task id, passage id, what was read) for every field left empty and read from the text
    derived: list[tuple[int, str, Derived]] = field(default_factory=list)
    #: passages whose task has no annotation yet
    pending: list[str] = field(default_factory=list)
    annotations: int = 0
    tasks: int = 0
    #: whether the layer reads empty fields from the text (the number-mention layer does not)
    reads_fields: bool = True

    def lines(self, *, readings: bool = False) -> list[str]:
        out = [f"problem: passage {p.passage_id}: {p.message}" for p in self.problems]
        out += [f"flag: passage {p.passage_id}: {p.message}" for p in self.flags]
        if readings:
            out += [f"read: task {t}, passage {pid}, {d}" for t, pid, d in self.derived]
        return out

    def summary(self) -> str:
        flags = f"{len(self.flags)} flag(s) to review, " if self.flags else ""
        derived = (
            f", {len(self.derived)} field(s) read from the VALUE text" if self.reads_fields else ""
        )
        return (
            f"{self.tasks} tasks, {self.annotations} annotations checked: "
            f"{len(self.problems)} problem(s), {flags}{len(self.pending)} passage(s) not "
            f"annotated yet{derived}"
        )


def _where(reading: Reading, task: Mapping[str, Any], annotation: Mapping[str, Any]) -> str:
    return f"task {task.get('id')}, annotation {annotation.get('id')}"


def claim_problems(
    claim: Claim, typed: Mapping[str, Any], passage_text: str, where: str
) -> list[str]:
    """What is wrong with the typed fields of one claim, against the readings of its VALUE
    (module docstring); ``typed`` holds the raw text of the fields the annotator filled."""
    out = []
    value = claim.value
    reading = value_reading(value.text)
    raw_number = typed.get("number")
    if (
        isinstance(raw_number, str)
        and raw_number.strip()
        and reading is not None
        and reading.number is not None
        and not math.isclose(claim.number, float(reading.number), rel_tol=1e-9)
    ):
        out.append(
            f"{where}: field 'number' is {raw_number!r} ({claim.number!r}) but the VALUE "
            f"{value.text!r} reads {float(reading.number)!r}; fix it or leave it empty"
        )
    unit_text = claim.unit_text
    if unit_text and typed.get("unit_text"):
        folded = fold(unit_text)
        read_as = reading.unit_text if reading is not None else ""
        if folded in fold(value.text):
            if read_as and fold(read_as) != folded:
                out.append(
                    f"{where}: field 'unit_text' is {unit_text!r} but the VALUE {value.text!r} "
                    f"is read with the unit {read_as!r}"
                )
        elif read_as:
            out.append(
                f"{where}: field 'unit_text' is {unit_text!r}, which is not in the VALUE "
                f"{value.text!r} (read with the unit {read_as!r})"
            )
        else:
            end = _SENTENCE_END.search(passage_text, value.end)
            after = passage_text[value.end : end.start() if end else len(passage_text)]
            if folded not in fold(after):
                out.append(
                    f"{where}: field 'unit_text' is {unit_text!r}, which is neither in the "
                    f"VALUE {value.text!r} nor after it in its sentence"
                )
    raw_unit = typed.get("unit")
    if isinstance(raw_unit, str) and raw_unit.strip() and unit_text:
        code = unit_code_of_text(unit_text, value.text)
        if code is not None:
            try:
                expected = unit_from_code(code, where)
            except LabelStudioError as exc:
                out.append(str(exc))
            else:
                if expected != claim.unit:
                    out.append(
                        f"{where}: field 'unit' is {unit_value(claim.unit)!r} but unit_text "
                        f"{unit_text!r} gives {unit_value(expected)!r}"
                    )
    return out


def check_annotation(task: Mapping[str, Any], annotation: Mapping[str, Any]) -> Reading:
    """:func:`read_annotation` plus the checks of every claim and the record rules."""
    reading = read_annotation(task, annotation)
    ann = reading.annotation
    if ann is None:
        return reading
    where = _where(reading, task, annotation)

    def add(message: str, region: str | None) -> None:
        reading.problems.append(
            Problem(task.get("id"), ann.passage_id, annotation.get("id"), region, message)
        )

    for claim in ann.claims:
        region = reading.value_regions.get((claim.value.start, claim.value.end))
        w = f"{where}, region {region}"
        for message in claim_problems(claim, reading.typed.get(region or "", {}), ann.text, w):
            add(message, region)
    try:
        validate_annotation(ann, where)
    except SchemaError as exc:
        if not any("field 'number'" in p.message for p in reading.problems):
            add(str(exc), None)
    if reading.problems:
        reading.annotation = None
    return reading


def check_export(
    export: Iterable[Mapping[str, Any]],
    documents: Sequence[Document] | None = None,
    check: Callable[[Mapping[str, Any], Mapping[str, Any]], Any] = check_annotation,
) -> CheckReport:
    """Every problem of ``export`` (module docstring); with ``documents``, also against the
    corpus passages. ``check`` reads one annotation (default: of the entity/claim layer) into
    something with ``problems``, ``derived`` and optionally ``flags``."""
    passages = (
        None
        if documents is None
        else {p.id: (d.id, d.text[p.start : p.end]) for d in documents for p in d.passages}
    )
    report = CheckReport()
    for task in export:
        report.tasks += 1
        data = task.get("data") if isinstance(task.get("data"), Mapping) else {}
        pid = data.get("passage_id")
        where = f"task {task.get('id')}"
        if passages is not None and isinstance(pid, str):
            if pid not in passages:
                report.problems.append(
                    Problem(
                        task.get("id"),
                        pid,
                        None,
                        None,
                        f"{where}: passage {pid!r} is not in the corpus",
                    )
                )
            elif data.get("text") != passages[pid][1]:
                report.problems.append(
                    Problem(
                        task.get("id"),
                        pid,
                        None,
                        None,
                        f"{where}: the task's text differs from the corpus text of passage "
                        f"{pid!r}; the corpus changed after the push",
                    )
                )
        live = [a for a in task.get("annotations") or () if not a.get("was_cancelled")]
        if not live:
            report.pending.append(str(pid))
            continue
        if len(live) > 1:
            ids = ", ".join(str(a.get("id")) for a in live)
            report.problems.append(
                Problem(
                    task.get("id"),
                    pid,
                    None,
                    None,
                    f"{where}: passage {pid!r} has {len(live)} annotations (ids {ids}); keep one "
                    "(delete or skip the others in Label Studio) or import with --annotator",
                )
            )
        for annotation in live:
            report.annotations += 1
            reading = check(task, annotation)
            report.problems += reading.problems
            report.flags += getattr(reading, "flags", [])
            report.derived += [(task.get("id"), str(pid), d) for d in reading.derived]
    return report


def raise_problems(report: CheckReport, source: str) -> None:
    """One :class:`LabelStudioError` line for a report with problems: the first and a count."""
    if report.problems:
        first = report.problems[0]
        more = len(report.problems) - 1
        raise LabelStudioError(
            f"{source}: passage {first.passage_id}: {first.message}"
            + (
                f" (and {more} more problem(s); run `silkroad-news labelstudio check`)"
                if more
                else ""
            )
        )
