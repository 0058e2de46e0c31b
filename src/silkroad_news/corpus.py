"""From raw articles to clean, auditable documents.

Contract
--------
* ``corpus/raw/`` holds the articles byte-identical to how they were received, listed with their
  SHA-256 in ``corpus/raw/SHA256SUMS``; ``corpus/articles.json`` holds one metadata record per
  article; ``corpus/repairs.json`` is the reviewed table of encoding repairs and passage splits,
  each with its evidence.
* :func:`clean_article` is pure: raw text in, clean text, passages, sentences, an alignment to raw
  offsets and a change log out. Every difference between raw and clean text is one
  :class:`~silkroad_news.schema.Change` (drop, repair, gloss, whitespace) with raw offsets, the raw
  text, the replacement and the reason; everything else is copied verbatim and listed in the
  alignment as ``(clean_start, raw_start, length)`` runs. Raw offsets are code points into the
  file decoded as UTF-8 (a byte order mark, if any, is position 0).
* Clean text keeps the article's script; passages are its non-empty lines, joined by one ``\\n``.
  ``text_simplified`` is OpenCC ``t2s`` of the clean text and has the same length, character by
  character (checked).
* :func:`build_corpus` writes ``corpus/clean/<id>.json`` (and a ``.txt`` for reading) atomically;
  the same inputs always give the same bytes.
* Bad input raises :class:`~silkroad_news.schema.SchemaError` naming the file, line and field.
"""

from __future__ import annotations

import bisect
import datetime
import math
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import (
    decode_utf8,
    dumps_json,
    read_json,
    sha256_bytes,
    stale_files,
    write_many_atomic,
)
from .records import fields_of, json_fields, record_from_json, to_json
from .schema import (
    Article,
    Change,
    ChangeKind,
    Document,
    Passage,
    PassageType,
    SchemaError,
    Script,
    Sentence,
)
from .text import simplified_view, to_simplified, to_traditional

CLEANER_VERSION = "1"

RAW_DIR = Path("corpus/raw")
CLEAN_DIR = Path("corpus/clean")
ARTICLES_FILE = Path("corpus/articles.json")
REPAIRS_FILE = Path("corpus/repairs.json")
RAW_SUMS = RAW_DIR / "SHA256SUMS"

# --------------------------------------------------------------------------------------------
# Rules. Each is data: a pattern and the reason that goes into the change log.
# --------------------------------------------------------------------------------------------

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# A pinyin syllable with tone marks right after a Han character, in ASCII or full-width
# parentheses: 貿(mào). Requiring a syllable shape keeps "(PPP)", "(80)" and "(新疆)" out.
_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"[aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,3}(?:ng|n|r)?"
)
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A tone mark is required: without one, "(a)" or "(you)" after a Han character is likelier a
# real parenthesis than a gloss (all glosses seen in this corpus carry tone marks).
GLOSS_RE = re.compile(rf"(?<=[{_HAN}])[((](?=[a-zü]*[{_TONES}])({_PINYIN_SYLLABLE})[))]")
_TONE_MARKS = set(_TONES)

DROP_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^文字放大\s*文字缩小$"), "page chrome: font-size buttons"),
    (re.compile(r"^(?:【?字体[::]|打印本页|关闭窗口|返回顶部|分享到)"), "page chrome"),
    (re.compile(r"^W\d{12,}_\d+$"), "image file id left where the page showed a photo"),
    (re.compile(r"^[\w-]+\.(?:jpe?g|png|gif|webp)$", re.I), "image file name"),
    (
        re.compile(r"^(?:版权声明|版權聲明)[::]|网络蜘蛛|網絡蜘蛛"),
        "crawler copyright footer, not part of the article (carries contact phone numbers)",
    ),
)

_END_PUNCT = "。!?!?;;…”」』)"
_BYLINE_RE = re.compile(r"(?:来源|來源|作者|发布时间|發佈時間|發布時間)[::]")
_EDITOR_RE = re.compile(r"^(?:(?:责任)?编辑|(?:責任)?編輯)[::]|^[((](?:原标题|原標題)[::]")
_CAPTION_RE = re.compile(r"(?:摄|攝|供图|供圖)。?$|^(?:图为|圖為)|^.{0,38}(?:现场|現場)。$")
HEADLINE_MAX = 40

# Characters that show up when text went through the wrong code page: replacement characters,
# question marks inside Han text, Greek/Cyrillic letters or carets next to Han characters, the
# lead characters of UTF-8 read as GBK; and glosses the gloss rule could not take.
DAMAGE_RE = re.compile(
    rf"\ufffd+|(?<=[{_HAN}“”。,])\?+|\?+(?=[{_HAN}“”])"
    rf"|(?<=[{_HAN}])[\u0370-\u03ff\u0400-\u04ff^]|[\u0370-\u03ff\u0400-\u04ff^](?=[{_HAN}])"
    r"|[銆鍦浠鐨鏄锛鎴涓]"
    rf"|[((][a-zü]*[{_TONES}][a-zü]*[))]"  # a gloss the gloss rule could not take
)

_SENTENCE_RE = re.compile(r"[^。!?!?]*(?:[。!?!?]+[”’」』)]*|$)")


# --------------------------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Repair:
    doc_id: str
    raw: str
    replacement: str
    evidence: str


@dataclass(frozen=True)
class PassageSplit:
    """A line that holds two passages: split right after ``after``, the rest is ``type``."""

    doc_id: str
    after: str
    type: PassageType
    reason: str


_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _valid_date(text: str) -> bool:
    try:
        return bool(_DATE_RE.match(text)) and datetime.date.fromisoformat(text) is not None
    except ValueError:
        return False


def parse_articles(data: Any, source: str) -> list[Article]:
    """Validate ``articles.json`` content strictly: unknown or missing fields are errors."""
    if (
        not isinstance(data, dict)
        or set(data) != {"articles"}
        or not isinstance(data["articles"], list)
    ):
        raise SchemaError(f"{source}: expected an object with the single key 'articles', a list")
    out: list[Article] = []
    seen: set[str] = set()
    for i, rec in enumerate(data["articles"]):
        article = record_from_json(Article, rec, f"{source}: articles[{i}]")
        where = f"{source}: article {article.id!r}"
        if not _ID_RE.match(article.id):
            raise SchemaError(f"{where}: field 'id' must be lowercase ASCII words joined by '-'")
        if article.id in seen:
            raise SchemaError(f"{where}: duplicate id")
        seen.add(article.id)
        if not _valid_date(article.date):
            raise SchemaError(
                f"{where}: field 'date' must be a date YYYY-MM-DD, got {article.date!r}"
            )
        if article.date_inferred and not article.date_evidence:
            raise SchemaError(f"{where}: field 'date_evidence' must say how the date was inferred")
        out.append(article)
    return out


def article_to_json(a: Article) -> dict[str, Any]:
    return to_json(a)


def parse_repairs(data: Any, source: str) -> tuple[list[Repair], list[PassageSplit]]:
    if (
        not isinstance(data, dict)
        or set(data) != {"repairs", "passage_splits"}
        or not all(isinstance(v, list) for v in data.values())
    ):
        raise SchemaError(f"{source}: expected an object with lists 'repairs' and 'passage_splits'")
    repairs = []
    for i, rec in enumerate(data["repairs"]):
        where = f"{source}: repairs[{i}]"
        repair = record_from_json(Repair, rec, where)
        if not repair.evidence.strip():
            raise SchemaError(f"{where}: field 'evidence' is empty; a repair needs evidence")
        repairs.append(repair)
    splits = [
        record_from_json(PassageSplit, rec, f"{source}: passage_splits[{i}]")
        for i, rec in enumerate(data["passage_splits"])
    ]
    return repairs, splits


# --------------------------------------------------------------------------------------------
# Cleaning (pure)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Edit:
    raw_start: int
    raw_end: int
    replacement: str
    kind: ChangeKind
    reason: str


@dataclass(frozen=True)
class CleanResult:
    text: str
    passages: tuple[Passage, ...]
    sentences: tuple[Sentence, ...]
    alignment: tuple[tuple[int, int, int], ...]
    changes: tuple[Change, ...]
    flags: tuple[Change, ...]


def _apply(raw: str, edits: Sequence[_Edit]) -> tuple[str, list, list[Change]]:
    """Apply sorted, non-overlapping edits; return clean text, alignment runs and changes."""
    out: list[str] = []
    alignment: list[tuple[int, int, int]] = []
    changes: list[Change] = []
    pos = clean_len = 0
    for e in edits:
        if e.raw_start > pos:
            alignment.append((clean_len, pos, e.raw_start - pos))
            out.append(raw[pos : e.raw_start])
            clean_len += e.raw_start - pos
        changes.append(
            Change(
                raw_start=e.raw_start,
                raw_end=e.raw_end,
                raw_text=raw[e.raw_start : e.raw_end],
                clean_start=clean_len,
                clean_end=clean_len + len(e.replacement),
                replacement=e.replacement,
                kind=e.kind,
                reason=e.reason,
            )
        )
        out.append(e.replacement)
        clean_len += len(e.replacement)
        pos = e.raw_end
    if pos < len(raw):
        alignment.append((clean_len, pos, len(raw) - pos))
        out.append(raw[pos:])
    return "".join(out), alignment, changes


def _merge_whitespace(edits: list[_Edit]) -> list[_Edit]:
    """Join touching whitespace edits with the same reason: one log line per run of blanks."""
    merged: list[_Edit] = []
    for e in edits:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind is e.kind is ChangeKind.WHITESPACE
            and prev.raw_end == e.raw_start
            and prev.reason == e.reason
            and not prev.replacement
            and not e.replacement
        ):
            merged[-1] = _Edit(prev.raw_start, e.raw_end, "", e.kind, e.reason)
        else:
            merged.append(e)
    return merged


def _classify(line: str, index: int) -> PassageType:
    if index == 0:
        return PassageType.TITLE
    if _EDITOR_RE.search(line):
        return PassageType.EDITOR_NOTE
    if _BYLINE_RE.search(line) and "。" not in line and len(line) <= 80:
        return PassageType.BYLINE
    if _CAPTION_RE.search(line):
        return PassageType.CAPTION
    if len(line) <= HEADLINE_MAX and line[-1] not in _END_PUNCT:
        return PassageType.HEADLINE
    return PassageType.PARAGRAPH


def find_damage(text: str) -> list[tuple[int, int]]:
    """Spans of characters typical of broken encodings (see ``DAMAGE_RE``)."""
    return [m.span() for m in DAMAGE_RE.finditer(text)]


def clean_article(
    raw: str,
    doc_id: str,
    repairs: Sequence[Repair] = (),
    splits: Sequence[PassageSplit] = (),
    source: str = "<raw>",
) -> CleanResult:
    """Clean one article. Pure; see the module docstring for the contract."""
    edits: list[_Edit] = []
    bom = 1 if raw.startswith("\ufeff") else 0
    if bom:
        edits.append(_Edit(0, 1, "", ChangeKind.WHITESPACE, "byte order mark"))

    spans: list[tuple[int, int, int]] = []
    for i, r in enumerate(repairs):
        hits = [m.start() for m in re.finditer(re.escape(r.raw), raw)]
        if len(hits) != 1:
            raise SchemaError(
                f"{REPAIRS_FILE}: repair of {doc_id!r}: field 'raw' {r.raw!r} occurs {len(hits)} "
                f"times in {source}; a repair must match exactly once"
            )
        if "\n" in r.raw or "\r" in r.raw or r.raw != r.raw.strip():
            raise SchemaError(
                f"{REPAIRS_FILE}: repair of {doc_id!r}: field 'raw' {r.raw!r} must lie within "
                "one line and not start or end with a space"
            )
        for s2, e2, j in spans:
            if s2 < hits[0] + len(r.raw) and hits[0] < e2:
                raise SchemaError(
                    f"{REPAIRS_FILE}: repairs of {doc_id!r}: field 'raw' {r.raw!r} overlaps "
                    f"{repairs[j].raw!r}"
                )
        spans.append((hits[0], hits[0] + len(r.raw), i))
        edits.append(
            _Edit(
                hits[0],
                hits[0] + len(r.raw),
                r.replacement,
                ChangeKind.REPAIR,
                f"encoding damage; evidence: {r.evidence}",
            )
        )
    # Zero-width characters inside the text are invisible damage (a BOM pasted mid-file, a
    # zero-width space): they would shift offsets between tools that show text and those that
    # count it.
    for m in re.finditer("[\ufeff\u200b]", raw):
        if (m.start() == 0 and bom) or any(s2 <= m.start() < e2 for s2, e2, _ in spans):
            continue
        edits.append(_Edit(m.start(), m.end(), "", ChangeKind.WHITESPACE, "zero-width character"))
    for m in GLOSS_RE.finditer(raw):
        if any(s2 < m.end() and m.start() < e2 for s2, e2, _ in spans):
            continue
        edits.append(
            _Edit(
                m.start(),
                m.end(),
                "",
                ChangeKind.GLOSS,
                f"pinyin gloss {m.group(1)!r} after {raw[m.start() - 1]!r}",
            )
        )

    # Line by line. A line ends at CRLF, LF or a lone CR. Blank and dropped lines go with their
    # line end; kept lines lose surrounding whitespace; between two kept lines stands exactly
    # one LF, and after the last kept line nothing.
    out: list[_Edit] = []
    kept_ends: list[tuple[int, int]] = []  # the line end after each kept line
    for m in re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", raw):
        ls, content_end, le = m.start(1), m.end(1), m.end(2)
        if ls == le == len(raw) and ls > 0:
            break
        line_start = max(ls, bom)
        mine = [e for e in edits if line_start <= e.raw_start < content_end]
        virtual, _, _ = _apply(raw[line_start:content_end], [_shift(e, -line_start) for e in mine])
        stripped = virtual.strip()
        rule = next((why for pat, why in DROP_RULES if pat.search(stripped)), None)
        if not stripped or rule is not None:
            kind = ChangeKind.DROP if rule else ChangeKind.WHITESPACE
            out.append(_Edit(line_start, le, "", kind, rule or "blank line"))
            continue
        body = raw[line_start:content_end]
        lead, trail = len(body) - len(body.lstrip()), len(body) - len(body.rstrip())
        if lead:
            out.append(
                _Edit(line_start, line_start + lead, "", ChangeKind.WHITESPACE, "leading space")
            )
        out.extend(mine)
        if trail:
            out.append(
                _Edit(content_end - trail, content_end, "", ChangeKind.WHITESPACE, "trailing space")
            )
        kept_ends.append((content_end, le))
    for k, (end, le) in enumerate(kept_ends):
        term = raw[end:le]
        if k == len(kept_ends) - 1:
            if term:
                out.append(_Edit(end, le, "", ChangeKind.WHITESPACE, "final line end"))
        elif term == "\r\n":
            out.append(_Edit(end, end + 1, "", ChangeKind.WHITESPACE, "CRLF line end"))
        elif term == "\r":
            out.append(_Edit(end, le, "\n", ChangeKind.WHITESPACE, "CR line end"))
    if bom and not any(e.raw_start == 0 for e in out):
        out.append(edits[0])
    out.sort(key=lambda e: (e.raw_start, e.raw_end))
    text, alignment, changes = _apply(raw, _merge_whitespace(out))
    if not text:
        raise SchemaError(f"{source}: nothing is left after cleaning: no article text")

    passages = _segment(text, doc_id, [s for s in splits if s.doc_id == doc_id], source)
    sentences = tuple(
        Sentence(p.id, p.start + m.start(), p.start + m.end())
        for p in passages
        for m in _SENTENCE_RE.finditer(text[p.start : p.end])
        if m.end() > m.start()
    )
    flags = []
    for s, e in find_damage(text):
        r_start = to_raw_offset(alignment, changes, s)
        r_end = to_raw_offset(alignment, changes, e - 1) + 1
        flags.append(
            Change(
                raw_start=r_start,
                raw_end=r_end,
                raw_text=raw[r_start:r_end],
                clean_start=s,
                clean_end=e,
                replacement=text[s:e],
                kind=ChangeKind.FLAG,
                reason="characters typical of a broken encoding or a gloss left; not repaired",
            )
        )
    return CleanResult(text, passages, sentences, tuple(alignment), tuple(changes), tuple(flags))


def _shift(e: _Edit, by: int) -> _Edit:
    return _Edit(e.raw_start + by, e.raw_end + by, e.replacement, e.kind, e.reason)


def _segment(
    text: str, doc_id: str, splits: Sequence[PassageSplit], source: str
) -> tuple[Passage, ...]:
    """One passage per line, id by line number; a reviewed split adds a part with suffix 'b' so
    that the ids of the other passages do not move."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    cuts: dict[int, tuple[int, PassageType]] = {}
    for s in splits:
        hits = [i for i, (a, b) in enumerate(lines) if s.after in text[a:b]]
        if len(hits) != 1:
            raise SchemaError(
                f"{REPAIRS_FILE}: passage split of {doc_id!r}: field 'after' {s.after!r} is "
                f"found in {len(hits)} passages of {source}; it must be found in exactly one"
            )
        a, b = lines[hits[0]]
        cut = text.index(s.after, a) + len(s.after)
        if hits[0] == 0 or cut >= b or hits[0] in cuts:
            raise SchemaError(
                f"{REPAIRS_FILE}: passage split of {doc_id!r}: field 'after' {s.after!r} must "
                "cut a line other than the title, once, with text on both sides"
            )
        cuts[hits[0]] = (cut, s.type)
    passages = []
    for i, (a, b) in enumerate(lines):
        pid = f"{doc_id}-p{i + 1:02d}"
        if i in cuts:
            cut, second = cuts[i]
            # What precedes a fused-in passage is a paragraph cut short, so it lacks the final
            # punctuation the rules would use to tell it from a headline.
            passages.append(Passage(pid, PassageType.PARAGRAPH, a, cut))
            passages.append(Passage(f"{pid}b", second, cut, b))
        else:
            passages.append(Passage(pid, _classify(text[a:b], i), a, b))
    return tuple(passages)


def to_raw_offset(
    alignment: Sequence[tuple[int, int, int]], changes: Sequence[Change], clean: int
) -> int:
    """Raw offset of the clean character at ``clean``; a replaced character maps to the start of
    its change (a repair or a CR turned into LF)."""
    i = bisect.bisect_right(alignment, (clean, math.inf, math.inf)) - 1
    if i >= 0:
        c_start, r_start, n = alignment[i]
        if clean < c_start + n:
            return r_start + clean - c_start
    for ch in changes:
        if ch.clean_start <= clean < ch.clean_end:
            return ch.raw_start
    raise SchemaError(f"clean offset {clean} is outside the text")


def raw_offsets(doc: Document) -> list[int]:
    """The raw offset of every clean character (see :func:`to_raw_offset`)."""
    return [to_raw_offset(doc.alignment, doc.changes, i) for i in range(len(doc.text))]


def detect_script(text: str) -> Script:
    """Hant when converting to Simplified changes more characters than converting to Traditional.

    Compared line by line, so that a conversion that changes a line's length only blurs that
    line's count instead of shifting every comparison after it."""
    to_s = to_t = 0
    for line in text.split("\n"):
        to_s += sum(a != b for a, b in zip(line, to_simplified(line), strict=False))
        to_t += sum(a != b for a, b in zip(line, to_traditional(line), strict=False))
    return Script.HANT if to_s > to_t else Script.HANS


# --------------------------------------------------------------------------------------------
# Documents on disk
# --------------------------------------------------------------------------------------------


#: Fields of a clean document file beside the :class:`~silkroad_news.schema.Document`: where
#: it came from, and the suspected damage left in it.
_FILE_FIELDS = ("cleaner_version", "raw_file", "raw_sha256", "script", "flags")
#: The annotation layers of a Document, which a clean document file never holds.
_LAYERS = ("entities", "claims")


def document_to_json(doc: Document, article: Article, flags: Iterable[Change]) -> dict[str, Any]:
    if doc.entities or doc.claims:
        raise SchemaError(f"document {doc.id!r}: a clean document holds no annotations")
    return {
        "id": doc.id,
        "cleaner_version": CLEANER_VERSION,
        "raw_file": f"{RAW_DIR.as_posix()}/{article.source_file}",
        "raw_sha256": article.sha256,
        "script": article.script.value,
        **{k: v for k, v in to_json(doc).items() if k not in _LAYERS},
        "flags": to_json(tuple(flags)),
    }


def document_from_json(d: Any, source: str) -> Document:
    """A clean document file, read strictly by the record codec."""
    required = [n for n in json_fields(Document) if n not in _LAYERS]
    fields_of(d, source, required, _FILE_FIELDS)
    document = {k: v for k, v in d.items() if k not in _FILE_FIELDS}
    return record_from_json(Document, document, source, optional=_LAYERS)


def load_articles(root: Path) -> list[Article]:
    return parse_articles(read_json(root / ARTICLES_FILE), str(ARTICLES_FILE))


def load_documents(root: Path) -> list[Document]:
    """The built clean documents, in ``articles.json`` order."""
    docs = []
    for a in load_articles(root):
        path = root / CLEAN_DIR / f"{a.id}.json"
        docs.append(document_from_json(read_json(path), str(path.relative_to(root))))
    return docs


def verify_raw(root: Path, articles: Sequence[Article]) -> None:
    """Raw files match both ``SHA256SUMS`` and the metadata; nothing unlisted lies in raw/."""
    sums: dict[str, str] = {}
    if not (root / RAW_SUMS).is_file():
        raise SchemaError(f"{RAW_SUMS}: file not found; the raw files need their checksums")
    for n, line in enumerate((root / RAW_SUMS).read_text(encoding="utf-8").splitlines(), 1):
        digest, _, name = line.partition("  ")
        if not name or len(digest) != 64:
            raise SchemaError(f"{RAW_SUMS}: line {n}: not a 'sha256  name' line")
        sums[name] = digest
    on_disk = sorted(p.name for p in (root / RAW_DIR).iterdir() if p.name != RAW_SUMS.name)
    if on_disk != sorted(sums):
        raise SchemaError(f"{RAW_SUMS}: lists {sorted(sums)} but {RAW_DIR} holds {on_disk}")
    for name, digest in sums.items():
        actual = sha256_bytes((root / RAW_DIR / name).read_bytes())
        if actual != digest:
            raise SchemaError(f"{RAW_DIR / name}: SHA-256 {actual} differs from {RAW_SUMS}")
    for a in articles:
        if sums.get(a.source_file) != a.sha256:
            raise SchemaError(
                f"{ARTICLES_FILE}: article {a.id!r}: field 'sha256' does not match {RAW_SUMS}"
            )


def clean_documents(root: Path) -> list[tuple[Article, Document, tuple[Change, ...]]]:
    """Clean every article from the committed raw files and tables. Reads, never writes."""
    articles = load_articles(root)
    verify_raw(root, articles)
    repairs, splits = parse_repairs(read_json(root / REPAIRS_FILE), str(REPAIRS_FILE))
    known = {a.id for a in articles}
    for r in [*repairs, *splits]:
        if r.doc_id not in known:
            raise SchemaError(f"{REPAIRS_FILE}: field 'doc_id' {r.doc_id!r} is no article id")
    out = []
    for a in articles:
        source = f"{RAW_DIR.as_posix()}/{a.source_file}"
        raw = decode_utf8((root / RAW_DIR / a.source_file).read_bytes(), source)
        res = clean_article(
            raw, a.id, [r for r in repairs if r.doc_id == a.id], splits, source=source
        )
        doc = Document(
            id=a.id,
            text=res.text,
            text_simplified=simplified_view(res.text, source),
            passages=res.passages,
            sentences=res.sentences,
            alignment=res.alignment,
            changes=res.changes,
        )
        out.append((a, doc, res.flags))
    return out


def render_clean(root: Path) -> dict[Path, str]:
    """Every file ``corpus build`` writes, as path → content, without writing anything."""
    files: dict[Path, str] = {}
    for a, doc, flags in clean_documents(root):
        files[root / CLEAN_DIR / f"{a.id}.json"] = dumps_json(document_to_json(doc, a, flags))
        files[root / CLEAN_DIR / f"{a.id}.txt"] = doc.text + "\n"
    files[root / CLEAN_DIR / "SHA256SUMS"] = "".join(
        f"{sha256_bytes(content.encode('utf-8'))}  {path.relative_to(root).as_posix()}\n"
        for path, content in sorted(files.items())
    )
    return files


def write_clean(root: Path, files: Mapping[Path, str]) -> list[Path]:
    """Write rendered clean files all at once; generated files of articles no longer in the
    corpus are removed; anything else in the folder is left alone."""
    folder = root / CLEAN_DIR
    stale = [p for p in (folder.glob("*.json") if folder.exists() else []) if p not in files]
    stale += [p.with_suffix(".txt") for p in stale if p.with_suffix(".txt").exists()]
    write_many_atomic(files)
    for p in stale:
        p.unlink()
    return sorted(files)


def build_corpus(root: Path) -> list[Path]:
    """Write the clean documents and their manifest; all files or none (see write_clean)."""
    return write_clean(root, render_clean(root))


def leftover_damage(root: Path) -> list[str]:
    """What the cleaning should have removed but the committed clean documents still hold."""
    problems = []
    for doc in load_documents(root):
        for m in GLOSS_RE.finditer(doc.text):
            problems.append(f"{CLEAN_DIR / doc.id}.json: pinyin gloss left at {m.start()}")
        if any(ch in _TONE_MARKS for ch in doc.text):
            problems.append(f"{CLEAN_DIR / doc.id}.json: pinyin tone marks left in the text")
        if unicodedata.normalize("NFC", doc.text) != doc.text:
            problems.append(f"{CLEAN_DIR / doc.id}.json: text is not in NFC")
    return problems


def check_built(root: Path) -> list[str]:
    """Problems with the committed clean corpus: drift from a rebuild, else leftover damage."""
    stale = stale_files(render_clean(root))
    if stale:
        return [
            f"{p.relative_to(root)}: out of date; run `silkroad-news corpus build`" for p in stale
        ]
    return leftover_damage(root)


# --------------------------------------------------------------------------------------------
# Adding an article
# --------------------------------------------------------------------------------------------

_BYLINE_DATE_RE = re.compile(r"(20\d{2}|19\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_BYLINE_SOURCE_RE = re.compile(r"(?:来源|來源)[::]\s*([^\s]+)")


@dataclass(frozen=True)
class AddResult:
    article: Article
    changes: tuple[Change, ...]
    flags: tuple[Change, ...]


def _plan_article(
    file: Path,
    articles: Sequence[Article],
    clean_texts: Mapping[str, str],
    taken_names: set[str],
    *,
    doc_id: str | None,
    title: str | None,
    date: str | None,
    date_inferred: bool,
    date_evidence: str | None,
    publisher: str | None,
    authors: Sequence[str],
    url: str | None,
) -> tuple[dict[str, Any], bytes, str]:
    """Check one new file against the corpus (and the files added with it) and return its
    metadata record, its bytes and its clean text; writes nothing."""
    file = Path(file)
    source = str(file)
    try:
        data = file.read_bytes()
    except OSError as err:
        raise SchemaError(f"{source}: cannot read the file ({err.strerror})") from None
    raw = decode_utf8(data, source)
    digest = sha256_bytes(data)
    for a in articles:
        if a.sha256 == digest:
            raise SchemaError(f"{source}: a duplicate of article {a.id!r} ({a.source_file})")
    name = file.name
    if name in taken_names or name == RAW_SUMS.name:
        raise SchemaError(f"{source}: {RAW_DIR / name} already exists; rename the file")

    probe = clean_article(raw, "new", source=source)
    for other_id, other_text in clean_texts.items():
        if other_text == probe.text:
            raise SchemaError(f"{source}: its clean text duplicates article {other_id!r}")
    if (date_inferred or date_evidence) and date is None:
        raise SchemaError(f"{source}: --date-inferred and --date-evidence need --date")
    head = probe.text.split("\n")[:4]
    byline = next((line for line in head[1:] if _BYLINE_RE.search(line)), "")
    evidence = date_evidence or ""
    if date is None:
        m = _BYLINE_DATE_RE.search(byline)
        if m is None:
            raise SchemaError(
                f"{source}: no publication date in the byline; pass --date YYYY-MM-DD, and "
                "--date-inferred with --date-evidence if the article does not state it"
            )
        date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        evidence = f"stated in the byline: {m.group(0)}"
    elif not _valid_date(date):
        raise SchemaError(f"{source}: --date {date!r} is not a date YYYY-MM-DD")
    elif not date_inferred and not evidence:
        evidence = "given when the article was added"
    if publisher is None:
        m = _BYLINE_SOURCE_RE.search(byline)
        publisher = m.group(1) if m else "unknown"
    script = detect_script(probe.text)
    if doc_id is None:
        doc_id = f"article-{date}-{digest[:6]}"
    record = {
        "id": doc_id,
        "source_file": name,
        "sha256": digest,
        "title": title or probe.text.split("\n", 1)[0],
        "publisher": publisher,
        "authors": list(authors),
        "date": date,
        "date_inferred": date_inferred,
        "date_evidence": evidence,
        "script": script.value,
        "url": url,
        "known_damage": (
            ["characters typical of a broken encoding, flagged in the clean document"]
            if probe.flags
            else []
        ),
    }
    return record, data, probe.text


def article_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, a folder standing for its ``*.txt`` files (sorted by name)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(x for x in p.iterdir() if x.is_file() and x.suffix == ".txt")
            if not found:
                raise SchemaError(f"{p}: the folder holds no .txt file to add")
            out += found
        else:
            out.append(p)
    return out


def add_articles(
    root: Path,
    files: Sequence[Path],
    *,
    doc_id: str | None = None,
    title: str | None = None,
    date: str | None = None,
    date_inferred: bool = False,
    date_evidence: str | None = None,
    publisher: str | None = None,
    authors: Sequence[str] = (),
    url: str | None = None,
) -> list[AddResult]:
    """Ingest several new articles at once: validate, clean, and write raw copies, metadata
    and the rebuilt clean corpus.

    Each file is refused as :func:`add_article` refuses one, and also when its clean text
    duplicates another file of the same call. Nothing is written unless every file
    succeeds. The corpus is cleaned once for the whole call (not once per file). The options
    that describe one article (``doc_id``, ``title``, ``date``...) need exactly one file.
    """
    files = list(files)
    if not files:
        raise SchemaError("corpus add: give at least one file or folder")
    one_article = (doc_id, title, date, date_evidence, publisher, url)
    if len(files) > 1 and (any(v is not None for v in one_article) or authors or date_inferred):
        raise SchemaError(
            f"corpus add: --id, --title, --date, --publisher, --author and --url describe one "
            f"article; {len(files)} files were given"
        )
    articles = load_articles(root)
    cleaned = clean_documents(root)
    clean_texts = {d.id: d.text for _, d, _ in cleaned}
    taken = {p.name for p in (root / RAW_DIR).iterdir()} if (root / RAW_DIR).exists() else set()
    records, staged_raw = [], {}
    for file in files:
        record, data, text = _plan_article(
            file,
            articles,
            clean_texts,
            taken,
            doc_id=doc_id,
            title=title,
            date=date,
            date_inferred=date_inferred,
            date_evidence=date_evidence,
            publisher=publisher,
            authors=authors,
            url=url,
        )
        records.append(record)
        staged_raw[RAW_DIR / record["source_file"]] = data
        taken.add(record["source_file"])
        clean_texts[record["id"]] = text
    new_articles = parse_articles(
        {"articles": [*map(article_to_json, articles), *records]}, f"{ARTICLES_FILE} (new)"
    )
    lines = (root / RAW_SUMS).read_text(encoding="utf-8").splitlines()
    added = [f"{r['sha256']}  {r['source_file']}" for r in records]
    sums = "".join(f"{line}\n" for line in sorted([*lines, *added], key=lambda s: s[66:]))
    staged: dict[Path, bytes | str] = {
        **staged_raw,
        RAW_SUMS: sums,
        ARTICLES_FILE: dumps_json({"articles": [article_to_json(a) for a in new_articles]}),
    }
    # Build the whole new corpus in a scratch copy first: if anything refuses an article, the
    # repository is untouched; if all succeeds, every file moves in with one staged write.
    with tempfile.TemporaryDirectory(prefix="silkroad-add-") as tmp:
        scratch = Path(tmp)
        shutil.copytree(root / "corpus", scratch / "corpus")
        write_many_atomic({scratch / rel: content for rel, content in staged.items()})
        rendered = render_clean(scratch)
    staged.update({path.relative_to(scratch): content for path, content in rendered.items()})
    write_many_atomic({root / rel: content for rel, content in staged.items()})
    results = []
    for article, file in zip(new_articles[len(articles) :], files, strict=True):
        raw = decode_utf8(Path(file).read_bytes(), str(file))
        result = clean_article(raw, article.id, source=str(file))
        results.append(AddResult(article, result.changes, result.flags))
    return results


def add_article(root: Path, file: Path, **metadata: Any) -> AddResult:
    """Ingest ``file`` as a new article: validate, clean, and write raw copy, metadata, build.

    Refuses an empty file, bytes that are not UTF-8, a duplicate of an article already in the
    corpus, and an article whose date can be neither read from its byline nor given. Nothing is
    written unless everything succeeds.
    """
    return add_articles(root, [file], **metadata)[0]
