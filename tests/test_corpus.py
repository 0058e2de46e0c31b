"""Tests of silkroad_news.corpus: each cleaning step on golden inputs, the raw-offset map as a
property, the committed corpus against a rebuild, and every refusal of ``corpus add``."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkroad_news.cli import main
from silkroad_news.corpus import (
    CLEAN_DIR,
    GLOSS_RE,
    PassageSplit,
    Repair,
    build_corpus,
    check_built,
    clean_article,
    clean_documents,
    detect_script,
    load_articles,
    load_documents,
    raw_offsets,
)
from silkroad_news.files import decode_utf8
from silkroad_news.schema import ChangeKind, Document, PassageType, SchemaError, Script

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


def _types(res) -> list[tuple[str, str]]:
    return [(p.type.value, res.text[p.start : p.end]) for p in res.passages]


# ---- raw files ---------------------------------------------------------------------------


def test_raw_files_match_their_checksums_and_the_seeds(root: Path) -> None:
    sums = (root / "corpus/raw/SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(sums) == 3
    for line in sums:
        digest, name = line.split("  ")
        data = (root / "corpus/raw" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest
        seed = root.parent / "shared" / "seeds" / name
        if seed.exists():  # beside the checkout on the project's machines
            assert seed.read_bytes() == data
    assert {a.sha256 for a in load_articles(root)} == {line.split("  ")[0] for line in sums}


def test_a_changed_raw_byte_is_refused(repo_copy: Path) -> None:
    raw = repo_copy / "corpus/raw/000_ed5b604d7aff2fb4.txt"
    raw.write_bytes(raw.read_bytes().replace("高峰".encode(), "高山".encode(), 1))
    with pytest.raises(SchemaError, match=r"000_ed5b604d7aff2fb4.txt: SHA-256 .* differs"):
        clean_documents(repo_copy)


# ---- cleaning steps, one golden test each -----------------------------------------------


def test_pinyin_glosses_are_removed_and_logged() -> None:
    raw = (FIXTURES / "gloss_sample.txt").read_text(encoding="utf-8")
    res = clean_article(raw, "t")
    assert res.text == (
        "標題:自貿新動能\n2024-08-08 來源: 天山網\n外貿創新高,喀什地區進出口總值達564.32億元。"
    )
    glosses = [c for c in res.changes if c.kind is ChangeKind.GLOSS]
    assert [(c.raw_text, c.replacement) for c in glosses] == [
        ("(mào)", ""),
        ("(wǎng)", ""),
        ("(mào)", ""),
        ("(chuàng)", ""),
        ("(qū)", ""),
    ]
    assert all(raw[c.raw_start : c.raw_end] == c.raw_text for c in glosses)
    assert glosses[0].reason == "pinyin gloss 'mào' after '貿'"


@pytest.mark.parametrize(
    "text",
    ["中國(新疆)自由貿易", "100(80)km/h", "PPP(ppp)", "边(跨)境", "(第5場)", "G217(de)"],
)
def test_parentheses_that_are_no_pinyin_gloss_stay(text: str) -> None:
    assert clean_article(text, "t").text == text


def test_a_repair_replaces_exactly_its_raw_text_and_states_the_evidence() -> None:
    raw = "標題\n推動力??κ驳貐^(qū)堅持。外貿(mào)。"
    repair = Repair("t", "??κ驳貐^(qū)", "。喀什地區", "the evidence")
    res = clean_article(raw, "t", [repair])
    assert res.text == "標題\n推動力。喀什地區堅持。外貿。"
    (rep,) = [c for c in res.changes if c.kind is ChangeKind.REPAIR]
    assert (rep.raw_text, rep.replacement) == ("??κ驳貐^(qū)", "。喀什地區")
    assert res.text[rep.clean_start : rep.clean_end] == "。喀什地區"
    assert rep.reason == "encoding damage; evidence: the evidence"
    # the gloss inside the damaged run belongs to the repair, not to gloss removal
    assert [c.raw_text for c in res.changes if c.kind is ChangeKind.GLOSS] == ["(mào)"]


def test_a_repair_that_does_not_match_exactly_once_is_refused() -> None:
    with pytest.raises(SchemaError, match=r"field 'raw' 'xx' occurs 2 times"):
        clean_article("標題\nxx yy xx", "t", [Repair("t", "xx", "z", "e")])


def test_unrepaired_encoding_damage_is_flagged_not_hidden() -> None:
    res = clean_article("標題\n推動力??κ驳貐^堅持", "t")
    assert [f.raw_text for f in res.flags] == ["??", "κ", "^"]
    assert all(f.kind is ChangeKind.FLAG for f in res.flags)
    assert res.text == "標題\n推動力??κ驳貐^堅持"


def test_page_chrome_image_ids_and_the_crawler_footer_are_dropped_and_logged() -> None:
    raw = (
        "标题\n\n发布时间:2023-10-24 来源:石榴云 作者:某某\n文字放大 文字缩小\n\n"
        "第一段。\n\nW020231024331736256423_800\n\n8月23日,客机起飞。记者 某某 摄\n"
        "版权声明:本文由网络蜘蛛自动收集于网络 400-0123-021 或 13391219793\n\n\n"
    )
    res = clean_article(raw, "t")
    assert "文字放大" not in res.text and "W0202" not in res.text
    assert "13391219793" not in res.text and "400-0123-021" not in res.text
    drops = [(c.raw_text, c.reason) for c in res.changes if c.kind is ChangeKind.DROP]
    assert drops == [
        ("文字放大 文字缩小\n", "page chrome: font-size buttons"),
        ("W020231024331736256423_800\n", "image file id left where the page showed a photo"),
        (
            "版权声明:本文由网络蜘蛛自动收集于网络 400-0123-021 或 13391219793\n",
            "crawler copyright footer, not part of the article (carries contact phone numbers)",
        ),
    ]
    assert _types(res) == [
        ("title", "标题"),
        ("byline", "发布时间:2023-10-24 来源:石榴云 作者:某某"),
        ("paragraph", "第一段。"),
        ("caption", "8月23日,客机起飞。记者 某某 摄"),
    ]


def test_bom_crlf_and_blank_lines_are_normalized_and_logged() -> None:
    raw = decode_utf8((FIXTURES / "bom_crlf.txt").read_bytes(), "bom_crlf.txt")
    res = clean_article(raw, "t")
    assert res.text == "标题\n发布时间:2023-10-24 来源:测试\n第一段。"
    ws = [(c.raw_text, c.reason) for c in res.changes if c.kind is ChangeKind.WHITESPACE]
    assert ws == [
        ("\ufeff", "byte order mark"),
        ("\r", "CRLF line end"),
        ("\r\n", "blank line"),
        ("\r", "CRLF line end"),
        ("\r\n", "final line end"),
    ]


def test_passage_types_editor_notes_headlines_and_captions() -> None:
    raw = (
        "标题\n高位推动 抓住历史新机遇\n正文一段。\n图为某地考察。\n"
        "2023金华·温宿对口支援产业协作洽谈会现场。\n(原标题:某某(二))\n编辑:某某"
    )
    assert _types(clean_article(raw, "t")) == [
        ("title", "标题"),
        ("headline", "高位推动 抓住历史新机遇"),
        ("paragraph", "正文一段。"),
        ("caption", "图为某地考察。"),
        ("caption", "2023金华·温宿对口支援产业协作洽谈会现场。"),
        ("editor_note", "(原标题:某某(二))"),
        ("editor_note", "编辑:某某"),
    ]


def test_a_reviewed_split_separates_a_fused_caption_without_changing_the_text() -> None:
    raw = "标题\n设计速度100(80)km/h,路线线库车至沙雅公路建设现场。交投集团供图。"
    split = PassageSplit("t", "路线线", PassageType.CAPTION, "fused")
    res = clean_article(raw, "t", splits=[split])
    assert res.text == raw
    assert _types(res) == [
        ("title", "标题"),
        ("paragraph", "设计速度100(80)km/h,路线线"),
        ("caption", "库车至沙雅公路建设现场。交投集团供图。"),
    ]
    # the second part gets a suffix, so adding a split moves no other passage id
    assert [p.id for p in res.passages] == ["t-p01", "t-p02", "t-p02b"]


def test_sentences_end_at_sentence_punctuation_and_keep_closing_quotes() -> None:
    res = clean_article("标题\n“口岸是生命线。”李轩说。今年增长!对吗", "t")
    sents = [res.text[s.start : s.end] for s in res.sentences]
    assert sents == ["标题", "“口岸是生命线。”", "李轩说。", "今年增长!", "对吗"]


# ---- the offset map ----------------------------------------------------------------------

_han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_any = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")
_gloss = st.sampled_from(["(mào)", "(qū)", "(jīng)", "(chuàng)", "(wǎng)"])
_dropped = st.sampled_from(
    [
        "文字放大 文字缩小",
        "W020231024331736256423_800",
        "版权声明:本文由网络蜘蛛自动收集 13391219793",
    ]
)


_DAMAGE = "??κ驳貐"


@st.composite
def _raw_articles(draw) -> tuple[str, list[Repair]]:
    lines, kinds = [], []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["text", "text", "blank", "drop"]))
        kinds.append(kind)
        if kind == "blank":
            lines.append(draw(st.sampled_from(["", " ", "\u3000"])))
        elif kind == "drop":
            lines.append(draw(_dropped))
        else:
            parts = [draw(st.sampled_from(["", " ", "\t"]))]
            for _ in range(draw(st.integers(1, 6))):
                parts.append(draw(st.text(_any, min_size=0, max_size=5)))
                parts.append(draw(_han) + draw(st.one_of(_gloss, st.just(""))))
            lines.append("".join(parts))
    repairs = []
    text_lines = [i for i, k in enumerate(kinds) if k == "text"]
    if text_lines and draw(st.booleans()):
        i = draw(st.sampled_from(text_lines))
        lines[i] = "喀" + _DAMAGE + lines[i]
        repairs.append(Repair("t", _DAMAGE, "什地區", "test"))
    sep = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    bom = draw(st.sampled_from(["", "\ufeff", "\ufeff  "]))
    return bom + sep.join(lines) + draw(st.sampled_from(["", sep])), repairs


@settings(max_examples=400, deadline=None)
@given(_raw_articles())
def test_every_clean_offset_maps_back_to_the_same_raw_character_or_a_logged_change(
    case: tuple[str, list[Repair]],
) -> None:
    raw, repairs = case
    if _DAMAGE not in raw and not any(c.isalnum() or c in "_:" for c in raw.replace("\ufeff", "")):
        return
    try:
        res = clean_article(raw, "t", repairs)
    except SchemaError as err:
        assert "nothing is left after cleaning" in str(err)
        return
    doc = Document(
        "t", res.text, res.text, res.passages, alignment=res.alignment, changes=res.changes
    )
    mapping = raw_offsets(doc)
    assert len(mapping) == len(res.text)
    changed = {i: c for c in res.changes for i in range(c.clean_start, c.clean_end)}
    for i, ch in enumerate(res.text):
        if i in changed:
            assert mapping[i] == changed[i].raw_start
            assert changed[i].kind in (ChangeKind.REPAIR, ChangeKind.WHITESPACE)
        else:
            assert raw[mapping[i]] == ch
    assert mapping == sorted(mapping)
    assert GLOSS_RE.search(res.text) is None and "\r" not in res.text and "\ufeff" not in res.text
    if repairs:
        assert "喀什地區" in res.text and _DAMAGE not in res.text
    # raw = clean plus the change log: replaying the changes on the clean text gives raw back
    rebuilt, pos = [], 0
    for c in sorted(res.changes, key=lambda c: c.clean_start):
        rebuilt.append(res.text[pos : c.clean_start])
        rebuilt.append(c.raw_text)
        pos = c.clean_end
    rebuilt.append(res.text[pos:])
    assert "".join(rebuilt) == raw
    for p in res.passages:
        body = res.text[p.start : p.end]
        assert body and body == body.strip() and "\n" not in body


# ---- the committed corpus ----------------------------------------------------------------


def test_the_committed_clean_corpus_equals_a_fresh_build(root: Path) -> None:
    assert check_built(root) == []


def test_corpus_build_twice_gives_byte_identical_files(repo_copy: Path) -> None:
    shutil.rmtree(repo_copy / CLEAN_DIR)
    first = {p: p.read_bytes() for p in map(Path, build_corpus(repo_copy))}
    second = {p: p.read_bytes() for p in map(Path, build_corpus(repo_copy))}
    assert first == second
    sums = (repo_copy / CLEAN_DIR / "SHA256SUMS").read_text(encoding="utf-8")
    assert len(sums.splitlines()) == 6


def test_the_traditional_article_has_no_gloss_damage_or_question_mark_left(root: Path) -> None:
    docs = {d.id: d for d in load_documents(root)}
    d = docs["tianshannet-kashgar-trade"]
    assert "?" not in d.text and "(" not in d.text.replace("(記者", "").replace(
        "(新疆)", ""
    ).replace("(第5場)", "")
    assert "。喀什地區堅持" in d.text
    assert "動能。”8日,在烏魯木齊" in d.text
    assert "轉變為落地經濟、產業經濟" in d.text
    assert "建設。”艾尼瓦爾·吐爾遜說" in d.text
    assert "當地通過“走出去" in d.text
    repairs = [c for c in d.changes if c.kind is ChangeKind.REPAIR]
    assert len(repairs) == 5 and all("evidence:" in c.reason for c in repairs)
    assert len([c for c in d.changes if c.kind is ChangeKind.GLOSS]) > 100


def test_simplified_views_are_char_aligned(root: Path) -> None:
    for d in load_documents(root):
        assert len(d.text_simplified) == len(d.text)
        assert [i for i, c in enumerate(d.text) if c == "\n"] == [
            i for i, c in enumerate(d.text_simplified) if c == "\n"
        ]
    trad = next(d for d in load_documents(root) if d.id == "tianshannet-kashgar-trade")
    assert trad.text_simplified.startswith("释放“自贸”新动能 喀什外贸创新高")


def test_passages_tile_the_text_and_sentences_tile_the_passages(root: Path) -> None:
    for d in load_documents(root):
        covered = "\n".join(d.text[p.start : p.end] for p in d.passages if p.start)
        assert d.passages[0].start == 0
        for a, b in zip(d.passages, d.passages[1:], strict=False):
            assert b.start in (a.end, a.end + 1)
            if b.start == a.end + 1:
                assert d.text[a.end] == "\n"
        assert d.passages[-1].end == len(d.text)
        assert covered  # every document has more than a title
        for p in d.passages:
            sents = [s for s in d.sentences if s.passage_id == p.id]
            assert sents[0].start == p.start and sents[-1].end == p.end


def test_article_metadata(root: Path) -> None:
    arts = {a.id: a for a in load_articles(root)}
    assert arts["digest-channel-advantage"].date_inferred is True
    assert "2月15日" in arts["digest-channel-advantage"].date_evidence
    assert arts["tianshannet-kashgar-trade"].script is Script.HANT
    assert arts["shiliuyun-core-area"].date == "2023-10-24"
    assert any("G217线线个PPP项目" in k for k in arts["digest-channel-advantage"].known_damage)


def test_script_detection() -> None:
    assert detect_script("喀什地區進出口總值達564.32億元,同比增長67.2%") is Script.HANT
    assert detect_script("喀什地区进出口总值达564.32亿元,同比增长67.2%") is Script.HANS


def test_unknown_metadata_fields_are_refused(repo_copy: Path) -> None:
    path = repo_copy / "corpus/articles.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["articles"][0]["colour"] = "red"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"articles\[0\]: unknown field 'colour'"):
        load_articles(repo_copy)


# ---- corpus add: one test per refusal and the happy path --------------------------------


def _add(repo: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = main(["--root", str(repo), "corpus", "add", *args])
    out, err = capsys.readouterr()
    return rc, out, err


def test_add_refuses_an_empty_file(repo_copy: Path, tmp_path: Path, capsys) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(b" \n\n")
    rc, _, err = _add(repo_copy, str(f), capsys=capsys)
    assert rc == 2
    assert err == f"silkroad-news: error: {f}: the file is empty\n"


def test_add_refuses_bytes_that_are_not_utf8_with_their_offset(
    repo_copy: Path, tmp_path: Path, capsys
) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes("标题\n".encode() + "喀什地区".encode("gbk"))
    rc, _, err = _add(repo_copy, str(f), capsys=capsys)
    assert rc == 2
    assert f"{f}: line 2: bytes that are not UTF-8 at byte offset 7 (bf a6 ca b2)" in err


def test_add_refuses_a_duplicate(repo_copy: Path, tmp_path: Path, capsys) -> None:
    f = tmp_path / "again.txt"
    f.write_bytes((repo_copy / "corpus/raw/002_17bf0f8154751dcd.txt").read_bytes())
    rc, _, err = _add(repo_copy, str(f), capsys=capsys)
    assert rc == 2
    assert "a duplicate of article 'tianshannet-kashgar-trade'" in err


def test_add_refuses_a_duplicate_that_differs_only_in_line_ends(
    repo_copy: Path, tmp_path: Path, capsys
) -> None:
    f = tmp_path / "crlf.txt"
    raw = (repo_copy / "corpus/raw/000_ed5b604d7aff2fb4.txt").read_bytes()
    f.write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    rc, _, err = _add(repo_copy, str(f), capsys=capsys)
    assert rc == 2
    assert "its clean text duplicates article 'shiliuyun-core-area'" in err


def test_add_refuses_an_article_without_a_date(repo_copy: Path, tmp_path: Path, capsys) -> None:
    f = tmp_path / "nodate.txt"
    f.write_text("标题\n正文一段。\n", encoding="utf-8")
    rc, _, err = _add(repo_copy, str(f), capsys=capsys)
    assert rc == 2
    assert "no publication date in the byline; pass --date YYYY-MM-DD" in err
    assert not (repo_copy / "corpus/raw/nodate.txt").exists()


def test_add_ingests_a_traditional_article_with_glosses_bom_and_crlf(
    repo_copy: Path, tmp_path: Path, capsys
) -> None:
    f = tmp_path / "new_article.txt"
    text = (
        "喀什外貿(mào)創新高\r\n2024-08-09 10:00:00 來源: 天山網(wǎng)\r\n"
        "喀什地區(qū)進出口總值達564.32億元。\r\n"
    )
    f.write_bytes(b"\xef\xbb\xbf" + text.encode())
    rc, out, err = _add(repo_copy, str(f), "--id", "tianshannet-new", capsys=capsys)
    assert rc == 0, err
    assert "added 'tianshannet-new' (Hant, 2024-08-09)" in out
    assert "gloss change(s) logged" in out and "whitespace change(s) logged" in out
    art = {a.id: a for a in load_articles(repo_copy)}["tianshannet-new"]
    assert (art.publisher, art.date_inferred, art.script) == ("天山網", False, Script.HANT)
    doc = {d.id: d for d in load_documents(repo_copy)}["tianshannet-new"]
    assert (
        doc.text
        == "喀什外貿創新高\n2024-08-09 10:00:00 來源: 天山網\n喀什地區進出口總值達564.32億元。"
    )
    assert check_built(repo_copy) == []
    # adding the same file again is now a duplicate
    rc, _, err = _add(repo_copy, str(f), capsys=capsys)
    assert rc == 2 and "a duplicate of article 'tianshannet-new'" in err


def test_add_warns_about_encoding_damage(repo_copy: Path, tmp_path: Path, capsys) -> None:
    f = tmp_path / "damaged.txt"
    f.write_text("标题\n正文??κ驳貐^一段。\n", encoding="utf-8")
    rc, _, err = _add(
        repo_copy,
        str(f),
        "--date",
        "2023-01-02",
        "--date-inferred",
        "--date-evidence",
        "x",
        capsys=capsys,
    )
    assert rc == 0
    assert "warning: possible encoding damage at clean offset 5: '??'" in err


def test_cli_names_a_missing_repository(tmp_path: Path, capsys) -> None:
    rc = main(["--root", str(tmp_path), "corpus", "build"])
    assert rc == 2
    assert "not a SilkRoad-News repository" in capsys.readouterr().err


def _read_one_byte_late(text: str) -> str:
    """Decode the GBK bytes of ``text`` starting one byte late, two bytes per character, as the
    page that damaged the article did; an undecodable pair becomes '?'."""
    data, out, i = text.encode("gbk")[1:], [], 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
            continue
        try:
            out.append(data[i : i + 2].decode("gbk"))
        except UnicodeDecodeError:
            out.append("?")
        i += 2
    return "".join(out).replace("！", "!").replace("？", "?")


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


def test_every_repair_is_backed_by_the_byte_shift_that_made_the_damage(root: Path) -> None:
    """The damage in the Traditional article is its GBK bytes read one byte out of step: each
    repair's replacement, shifted the same way, must reproduce the damaged characters."""
    repairs = json.loads((root / "corpus/repairs.json").read_text(encoding="utf-8"))["repairs"]
    doc = next(d for d in load_documents(root) if d.id == "tianshannet-kashgar-trade")
    assert len(repairs) == 5
    for r in repairs:
        at = doc.text.index(r["replacement"])
        end = at + len(r["replacement"]) + 1
        # The shift may begin in the replacement's first character or in the one before it.
        shifted = [_read_one_byte_late(doc.text[at - k : end]) for k in (0, 1)]
        # The run starts with the lost byte ('?') and carries pinyin glosses of the garbled
        # characters; its tail may already be realigned with the replacement (濟, 日).
        core = re.sub(r"\(?[a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+\)", "", r["raw"])[1:]
        if core[-1] == r["replacement"][-1]:
            core = core[:-1]
        assert core, r
        assert any(_is_subsequence(core, s) for s in shifted), (r["raw"], core, shifted)


def test_add_refuses_an_article_that_is_only_page_chrome(
    repo_copy: Path, tmp_path: Path, capsys
) -> None:
    f = tmp_path / "chrome.txt"
    f.write_text("\ufeff\u3000\n文字放大 文字缩小\n", encoding="utf-8")
    before = sorted(p.name for p in (repo_copy / "corpus/raw").iterdir())
    rc, _, err = _add(repo_copy, str(f), "--date", "2023-01-01", capsys=capsys)
    assert rc == 2
    assert f"{f}: nothing is left after cleaning: no article text" in err
    assert sorted(p.name for p in (repo_copy / "corpus/raw").iterdir()) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2023-13-45"], "--date '2023-13-45' is not a date YYYY-MM-DD"),
        (["--date-inferred"], "--date-inferred and --date-evidence need --date"),
    ],
)
def test_add_refuses_bad_date_options(
    repo_copy: Path, tmp_path: Path, capsys, args: list[str], message: str
) -> None:
    f = tmp_path / "a.txt"
    f.write_text("标题\n正文一段。\n", encoding="utf-8")
    rc, _, err = _add(repo_copy, str(f), *args, capsys=capsys)
    assert rc == 2
    assert message in err


def test_a_missing_raw_manifest_is_named(repo_copy: Path, capsys) -> None:
    (repo_copy / "corpus/raw/SHA256SUMS").unlink()
    rc = main(["--root", str(repo_copy), "corpus", "build"])
    assert rc == 2
    assert "corpus/raw/SHA256SUMS: file not found" in capsys.readouterr().err


def test_built_files_are_readable_by_others(repo_copy: Path) -> None:
    for p in build_corpus(repo_copy):
        assert Path(p).stat().st_mode & 0o044 == 0o044, p


def _news(n: int) -> str:
    """A short article in the style of the news (written for the tests)."""
    return (
        f"测试口岸第{n}季度进出口增长\n"
        f"发布时间:2024-0{n}-1{n} 来源:测试网\n"
        f"今年以来,测试口岸进出口总值达{n}1.5亿元,同比增长{n}.2%。\n"
    )


def test_add_several_files_and_a_folder_in_one_call(
    repo_copy: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"a{n}.txt").write_text(_news(n), encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    single = tmp_path / "b3.txt"
    single.write_text(_news(3), encoding="utf-8")
    before = len(load_articles(repo_copy))
    rc, out, _ = _add(repo_copy, str(folder), str(single), capsys=capsys)
    assert rc == 0 and out.count("corpus add: added") == 3
    articles = load_articles(repo_copy)
    assert [a.source_file for a in articles[before:]] == ["a1.txt", "a2.txt", "b3.txt"]
    assert [a.date for a in articles[before:]] == ["2024-01-11", "2024-02-12", "2024-03-13"]
    assert {d.id for d in load_documents(repo_copy)} >= {a.id for a in articles[before:]}
    assert check_built(repo_copy) == []


def test_add_of_several_files_is_all_or_nothing(repo_copy: Path, tmp_path: Path, capsys) -> None:
    good, twin = tmp_path / "good.txt", tmp_path / "twin.txt"
    good.write_text(_news(4), encoding="utf-8")
    twin.write_text(_news(4), encoding="utf-8")
    snapshot = {p: p.read_bytes() for p in (repo_copy / "corpus").rglob("*") if p.is_file()}
    rc, _, err = _add(repo_copy, str(good), str(twin), capsys=capsys)
    assert rc == 2 and f"{twin}: its clean text duplicates article 'article-2024-04-14-" in err
    rc, _, err = _add(repo_copy, str(good), str(tmp_path / "missing.txt"), capsys=capsys)
    assert rc == 2 and "missing.txt: cannot read the file" in err
    rc, _, err = _add(repo_copy, str(good), str(twin), "--title", "x", capsys=capsys)
    assert rc == 2 and "describe one article; 2 files were given" in err
    after = {p: p.read_bytes() for p in (repo_copy / "corpus").rglob("*") if p.is_file()}
    assert after == snapshot
