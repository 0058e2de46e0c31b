"""The character CRF: it learns tiny golden CoNLL files in BIO, BIOES and BMES, writes
predictions as the input lines plus a tag in the training scheme, refuses malformed files with
the file and line, keeps model files versioned, and always predicts valid sequences."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkroad_news.baselines.__main__ import main as baselines_main
from silkroad_news.baselines.commands import add_baselines_parser, add_crf_parser
from silkroad_news.baselines.conll import ConllError, read_conll, render_conll
from silkroad_news.baselines.crf import (
    MODEL_VERSION,
    CrfTagger,
    FeatureCache,
    Hyperparameters,
    ModelError,
    constrained_path,
    search,
    span_f1,
    tagged,
    train,
)
from silkroad_news.baselines.features import (
    FEATURES_VERSION,
    NAME_HEADS,
    FeatureConfig,
    Gazetteer,
    base_features,
    base_features_many,
    char_type,
    sequence_features,
    simplified,
)
from silkroad_news.schema import SchemaError
from silkroad_news.tags import BIO, BIOES, BMES, SCHEMES, decode, tag_names

CONLL = Path(__file__).parent / "fixtures" / "conll"
INVALID = CONLL / "invalid"
#: Low regularization: the golden files are tiny and the tagger must learn them by heart.
MEMORIZE = ["--c1", "0", "--c2", "0.01"]


def _run(*argv: object) -> int:
    return baselines_main([str(a) for a in argv])


def _columns(path: Path) -> list[list[str]]:
    return [line.split() for line in path.read_text(encoding="utf-8").splitlines()]


# ---- learning the golden files ---------------------------------------------------------------


@pytest.mark.parametrize(("name", "scheme"), [("bio", BIO), ("bioes", BIOES), ("bmes", BMES)])
def test_the_tagger_learns_a_golden_file_in_each_scheme_and_appends_its_tags(
    name: str, scheme, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    golden = CONLL / f"{name}.conll"
    model, out = tmp_path / "model.json", tmp_path / "predicted.conll"
    assert _run("crf", "train", "--train", golden, "--model", model, *MEMORIZE) == 0
    assert _run("crf", "predict", "--model", model, "--input", golden, "--output", out) == 0
    printed = capsys.readouterr()
    assert f"({scheme.name})" in printed.out and printed.err == ""
    source = golden.read_text(encoding="utf-8").splitlines()
    written = out.read_text(encoding="utf-8").splitlines()
    assert len(written) == len(source)
    for before, after in zip(source, written, strict=True):
        if not before.strip():
            assert after == before  # sentence breaks are copied
            continue
        sep = "\t" if "\t" in before else " "
        body, tag = after.rsplit(sep, 1)
        assert body == before  # the input line, then the predicted tag as the last column
        assert tag == before.split()[-1]  # learnt by heart, in the training scheme
    assert json.loads(model.read_text(encoding="utf-8"))["scheme"] == scheme.name


def test_prediction_input_may_have_no_tag_column(tmp_path: Path) -> None:
    golden = CONLL / "bmes.conll"
    chars_only = tmp_path / "chars.conll"
    lines = golden.read_text(encoding="utf-8").splitlines()
    chars_only.write_text("".join(f"{(line.split() or [''])[0]}\n" for line in lines), "utf-8")
    model, out = tmp_path / "model.json", tmp_path / "out.conll"
    assert _run("crf", "train", "--train", golden, "--model", model, *MEMORIZE) == 0
    assert _run("crf", "predict", "--model", model, "--input", chars_only, "--output", out) == 0
    assert [c for c in _columns(out) if c] == [c for c in _columns(golden) if c]


def test_train_with_dev_records_the_grid_and_its_scores(tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    code = _run(
        "crf", "train", "--train", CONLL / "bio.conll", "--dev", CONLL / "bioes.conll",
        "--model", model, "--c1", "0", "0.5", "--c2", "0.01", "--max-iterations", "50",
    )  # fmt: skip
    assert code == 0
    search_record = json.loads(model.read_text(encoding="utf-8"))["training"]["search"]
    assert [(p["c1"], p["c2"]) for p in search_record["grid"]] == [(0.0, 0.01), (0.5, 0.01)]
    assert all(0.0 <= p["score"] <= 1.0 for p in search_record["grid"])
    best = max(p["score"] for p in search_record["grid"])
    assert search_record["score"] == best
    first_best = next(p for p in search_record["grid"] if p["score"] == best)
    assert search_record["chosen"] == {k: first_best[k] for k in ("c1", "c2", "max_iterations")}


def test_several_c1_values_without_dev_are_refused(tmp_path: Path, capsys) -> None:
    code = _run(
        "crf", "train", "--train", CONLL / "bio.conll", "--model", tmp_path / "m.json",
        "--c1", "0", "0.1",
    )  # fmt: skip
    assert code == 2
    assert "need --dev" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()


def test_library_round_trip_and_span_f1(tmp_path: Path) -> None:
    conll = read_conll(CONLL / "bioes.conll")
    data = tagged([s.chars for s in conll.sentences], [s.tags for s in conll.sentences])
    assert data.scheme is BIOES
    tagger = train(data, hyper=Hyperparameters(0.0, 0.01, 100))
    predicted = tagger.predict(list(data.texts))
    assert span_f1(data.tags, predicted, BIOES) == 1.0
    tagger.save(tmp_path / "m.json")
    assert not [p for p in tmp_path.iterdir() if p.name != "m.json"]  # no temporary left
    loaded = CrfTagger.load(tmp_path / "m.json")
    assert loaded.predict(list(data.texts)) == predicted
    assert loaded.gazetteer == tagger.gazetteer and loaded.config == tagger.config


def test_search_keeps_the_first_best_point() -> None:
    conll = read_conll(CONLL / "bio.conll")
    data = tagged([s.chars for s in conll.sentences], [s.tags for s in conll.sentences])
    grid = [Hyperparameters(5.0, 5.0, 5), Hyperparameters(0.0, 0.01, 100)]
    tagger, record = search(data, data, grid)
    assert record["grid"][1]["score"] == 1.0 > record["grid"][0]["score"]
    assert tagger.hyperparameters == grid[1]
    tied, record = search(data, data, [grid[1], Hyperparameters(0.0, 0.02, 100)])
    assert tied.hyperparameters == grid[1] and record["chosen"]["c2"] == 0.01


# ---- malformed input ---------------------------------------------------------------------------

INVALID_CASES = [
    (
        "continuation_after_o.conll",
        r"continuation_after_o.conll: line 6: 'I-GPE' follows 'O'; an entity must begin with "
        r"'B-GPE' \(strict BIO: no repair\)",
    ),
    (
        "unclosed_entity.conll",
        r"unclosed_entity.conll: line 4: 'B-GPE' is followed by 'O'; a BIOES entity must end "
        r"with 'E-GPE'",
    ),
    (
        "missing_tag.conll",
        r"missing_tag.conll: line 3: expected a character and a tag separated by whitespace",
    ),
    ("two_characters.conll", r"two_characters.conll: line 2: expected one character .*'什地'"),
    ("mixed_schemes.conll", r"mixed_schemes.conll: tags mix 'I-' \(BIOES\) and 'M-' \(BMES\)"),
    ("not_a_tag.conll", r"not_a_tag.conll: line 2: 'GPE' is not a tag"),
    ("unknown_prefix.conll", r"unknown_prefix.conll: tags use prefix\(es\) \['X'\]"),
    ("not_utf8.conll", r"not_utf8.conll: line 2: bytes are not UTF-8 \(byte offset 10\)"),
    ("empty.conll", r"empty.conll: no sentence"),
]


@pytest.mark.parametrize(("name", "message"), INVALID_CASES)
def test_malformed_training_files_are_refused_with_file_and_line(name: str, message: str) -> None:
    with pytest.raises(ConllError, match=message):
        read_conll(INVALID / name)


def test_a_malformed_file_is_one_line_and_exit_code_2(tmp_path: Path, capsys) -> None:
    model = tmp_path / "m.json"
    code = _run(
        "crf", "train", "--strict", "--train", INVALID / "continuation_after_o.conll",
        "--model", model,
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "line 6: 'I-GPE' follows 'O'" in err and "Traceback" not in err
    assert not model.exists()


def test_the_invalid_fixtures_cover_every_case() -> None:
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(n for n, _ in INVALID_CASES)


# ---- model files -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "model.json"
    assert _run("crf", "train", "--train", CONLL / "bio.conll", "--model", path) == 0
    return path


def _set(key: str, value: object):
    def change(obj: dict) -> None:
        *path, last = key.split(".")
        for k in path:
            obj = obj[k]
        obj[last] = value

    return change


def _rename_feature(obj: dict) -> None:
    obj["features"]["windows"] = obj["features"].pop("window")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _set("format_version", MODEL_VERSION + 1),
            f"model format version {MODEL_VERSION + 1}; .* reads version {MODEL_VERSION}",
        ),
        (_set("format", "something-else"), "not a silkroad-news CRF model file"),
        (
            _set("features.version", FEATURES_VERSION + 1),
            f"uses features version {FEATURES_VERSION + 1}; .* reads version {FEATURES_VERSION}",
        ),
        (_rename_feature, r"feature config does not match .*unknown \['windows'\]"),
        (_set("crfsuite_model_sha256", "0" * 64), "does not match its SHA-256"),
        (_set("crfsuite_model", "bm90IGEgbW9kZWw="), "does not match its SHA-256"),
        (_set("scheme", "IOB1"), "damaged model file: unknown tag scheme 'IOB1'"),
    ],
)
def test_incompatible_model_files_are_refused_clearly(
    model_file: Path, tmp_path: Path, change, message: str
) -> None:
    obj = json.loads(model_file.read_text(encoding="utf-8"))
    change(obj)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(ModelError, match=f"bad.json: .*{message}"):
        CrfTagger.load(bad)


def test_garbage_and_missing_model_files(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_bytes(b"\x80 not json")
    with pytest.raises(ModelError, match="not JSON"):
        CrfTagger.load(tmp_path / "x.json")
    with pytest.raises(ModelError, match="model file not found"):
        CrfTagger.load(tmp_path / "missing.json")


def test_a_model_is_written_atomically_over_an_old_one(model_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "model.json"
    target.write_text("old", encoding="utf-8")
    CrfTagger.load(model_file).save(target)
    assert CrfTagger.load(target).scheme is BIO
    assert [p.name for p in tmp_path.iterdir()] == ["model.json"]


# ---- decoding always gives valid sequences ---------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_constrained_decoding_always_gives_a_strictly_valid_sequence(data: st.DataObject) -> None:
    scheme = data.draw(st.sampled_from(SCHEMES))
    labels = tag_names(["GPE", "ORG"], scheme)
    n = data.draw(st.integers(1, 8))
    raw = data.draw(
        st.lists(st.lists(st.floats(0.0, 1.0), min_size=len(labels), max_size=len(labels)),
                 min_size=n, max_size=n)
    )  # fmt: skip
    path = constrained_path(np.array(raw) + 1e-9, labels, scheme)
    assert len(path) == n
    decode(path, scheme)  # raises if invalid


def test_constrained_decoding_prefers_the_best_valid_path() -> None:
    labels = tag_names(["GPE"], BIO)  # O, B-GPE, I-GPE
    # Position-wise best is I-GPE, I-GPE (invalid); the best valid path is B-GPE, I-GPE.
    marg = np.array([[0.1, 0.3, 0.6], [0.1, 0.1, 0.8]])
    assert constrained_path(marg, labels, BIO) == ["B-GPE", "I-GPE"]


def test_an_invalid_crfsuite_path_is_re_decoded_under_the_constraints(monkeypatch) -> None:
    conll = read_conll(CONLL / "bio.conll")
    data = tagged([s.chars for s in conll.sentences], [s.tags for s in conll.sentences])
    tagger = train(data, hyper=Hyperparameters(0.0, 0.01, 100))
    texts = list(data.texts)
    expected = tagger.predict(texts)
    real_paths = tagger._best_paths

    def broken(rows):  # crfsuite's Viterbi may break BIOES on rare inputs
        paths = real_paths(rows)
        paths[1] = ["I-GPE", *paths[1][1:]]
        return paths

    monkeypatch.setattr(tagger, "_best_paths", broken)
    predicted, constrained = tagger.predict_counted(texts)
    assert constrained == 1
    # the marginals of a model that learnt the file by heart give the gold path back
    assert predicted == expected
    for tags in predicted:
        decode(tags, BIO)


# ---- features -------------------------------------------------------------------------------


def _text(rows) -> list[list[str]]:
    return [[f.decode() for f in row] for row in rows]


def test_features_are_one_per_code_point_and_read_the_simplified_view() -> None:
    config = FeatureConfig(window=2)
    hant, hans = "中哈貿易額增長𠮷", "中哈贸易额增长𠮷"
    a, b = _text(base_features(hant, config)), _text(base_features(hans, config))
    assert len(a) == len(hant) == 8
    # identical but for the original-character feature where the scripts differ
    assert [[f for f in row if not f.startswith("o=")] for row in a] == b
    assert "o=貿" in a[2] and "c0=贸" in a[2]
    assert [char_type(c) for c in "喀5Ａ,%　𠮷"] == ["H", "D", "L", "P", "P", "S", "H"]
    # the character outside the BMP is one position, with its own window and bigrams
    assert a[7][:6] == ["b", "c-2=增", "c-1=长", "c0=𠮷", "c1=\x03", "c2=\x03"]
    assert "d-1=长𠮷" in a[7] and "d0=𠮷\x03" in a[7]


def test_the_lexicon_marks_where_dictionary_words_begin_continue_and_end() -> None:
    # jieba's dictionary has 贸易 and 贸易额, 增长 and 中哈 not; buckets 2, 3 and 4+
    rows = _text(base_features("中哈贸易额增长", FeatureConfig(lexicon_buckets=(2, 3, 4))))
    lex = [[f for f in row if f.startswith("x")] for row in rows]
    assert lex == [[], [], ["x2=B", "x3=B"], ["x2=E", "x3=M"], ["x3=E"], ["x2=B"], ["x2=E"]]
    # jieba's dictionary tags 北京 a place (ns) and 霍尔果斯 a person's name (nr): its tags
    # are hints that the CRF weighs, not gold
    rows = _text(base_features("霍尔果斯口岸在北京", FeatureConfig()))
    names = [[f for f in row if f.startswith("n=")] for row in rows]
    assert names == [["n=B-nr"], ["n=M-nr"], ["n=M-nr"], ["n=E-nr"], [], [], [],
                     ["n=B-ns"], ["n=E-ns"]]  # fmt: skip


def _heads(rows: list[list[str]]) -> list[list[str]]:
    return [[f for f in row if f.startswith(("hh=", "hl="))] for row in rows]


def test_name_heads_mark_the_head_and_how_far_away_it_starts() -> None:
    # 口岸 heads FAC names; 新区 heads FAC names and its 区 heads GPE names. The comma stops
    # the look to the left; distances 5 and 6 share a bucket.
    rows = _text(base_features("在霍尔果斯口岸，新区", FeatureConfig()))
    assert _heads(rows) == [
        ["hl=5-FAC"], ["hl=4-FAC"], ["hl=3-FAC"], ["hl=2-FAC"], ["hl=1-FAC"],
        ["hh=B-FAC"], ["hh=E-FAC"], [],
        ["hh=B-FAC", "hl=1-GPE"], ["hh=E-FAC", "hh=S-GPE"],
    ]  # fmt: skip
    # Traditional text reads its heads through the simplified view (開發區 is 开发区)
    rows = _text(base_features("喀什經濟開發區", FeatureConfig()))
    assert _heads(rows)[-3:] == [
        ["hh=B-FAC", "hl=2-GPE"], ["hh=M-FAC", "hl=1-GPE"], ["hh=E-FAC", "hh=S-GPE"],
    ]  # fmt: skip
    # the Traditional twin reads the same heads (simplified view), and the distance is capped
    near = _heads(_text(base_features("在霍爾果斯口岸", FeatureConfig(heads_distance=2))))
    assert near == [[], [], [], ["hl=2-FAC"], ["hl=1-FAC"], ["hh=B-FAC"], ["hh=E-FAC"]]
    # nothing crosses from one sequence into the next in a batch, and the group switches off
    a, b = base_features_many(["口岸", "喀什口岸"], FeatureConfig())
    assert _heads(_text(a)) == [["hh=B-FAC"], ["hh=E-FAC"]]
    assert _heads(_text(b))[0] == ["hl=2-FAC"]
    assert _heads(_text(base_features("霍尔果斯口岸", FeatureConfig(heads=False)))) == [[]] * 6


def _reference_heads(text: str, distance: int) -> list[set[str]]:
    """The name-head attributes of the module doc, by loops over every head occurrence."""
    view = simplified(text)
    buckets = [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5"), (7, "7"), (10, "10")]
    out: list[set[str]] = [set() for _ in text]
    nearest: dict[tuple[int, str], int] = {}
    for label, words in NAME_HEADS.items():
        for word in words.split():
            for s in range(len(view) - len(word) + 1):
                if view[s : s + len(word)] != word:
                    continue
                e = s + len(word)
                for i in range(s, e):
                    letter = "S" if e - s == 1 else "B" if i == s else "E" if i == e - 1 else "M"
                    out[i].add(f"hh={letter}-{label}")
                for d in range(1, distance + 1):
                    i = s - d
                    if i < 0 or char_type(view[i]) in "PS":
                        break
                    nearest[(i, label)] = min(nearest.get((i, label), d), d)
    for (i, label), d in nearest.items():
        name = [b for lo, b in buckets if lo <= d][-1]
        out[i].add(f"hl={name}-{label}")
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text("口岸新区港公司会议市场园站中心县国開發區會 ，\n喀什的a1𠮷", max_size=30),
        max_size=4,
    ),
    st.integers(1, 12),
)
def test_name_heads_equal_a_loop_over_every_head(texts: list[str], distance: int) -> None:
    config = FeatureConfig(heads_distance=distance)
    for text, rows in zip(texts, base_features_many(texts, config), strict=True):
        got = [set(r) for r in _heads(_text(rows))]
        assert got == _reference_heads(text, distance), text


def test_the_feature_cache_keeps_each_configuration_apart() -> None:
    texts = ["喀什口岸", "中哈贸易"]
    cache = FeatureCache()
    with_heads, without = FeatureConfig(), FeatureConfig(heads=False)
    assert cache.known(texts, with_heads) == [None, None]
    a = cache.bases(texts, with_heads)
    assert cache.known(texts, with_heads) == a and cache.known(texts, without) == [None, None]
    b = cache.bases(texts, without)
    assert a == base_features_many(texts, with_heads) and b == base_features_many(texts, without)
    assert a[0] != b[0]  # 口岸 gives heads under one configuration only


def test_batch_features_equal_features_one_by_one() -> None:
    texts = ["喀什地区进出口总值达564.32亿元。", "", "中哈貿易額增長𠮷", "a b\x00c", "霍尔果斯口岸"]
    config = FeatureConfig(jieba=True)
    batch = base_features_many(texts, config)
    assert batch == [base_features(t, config) for t in texts]
    assert [len(rows) for rows in batch] == [len(t) for t in texts]


def test_gazetteer_gives_the_longest_covering_entry_with_each_type() -> None:
    gaz = Gazetteer.from_spans(
        [("喀什地区喀什", [(0, 4, "GPE"), (4, 6, "GPE")]), ("喀什片区", [(0, 4, "FAC")])]
    )
    # 喀什 (GPE) is inside both longer entries; ties between equal lengths go to the left
    assert gaz.longest(["在喀什地区和喀什片区", "喀什"]) == [
        [(1, 1, ("GPE",)), (2, 1, ("GPE",)), (3, 1, ("GPE",)), (4, 1, ("GPE",)),
         (6, 6, ("FAC",)), (7, 6, ("FAC",)), (8, 6, ("FAC",)), (9, 6, ("FAC",))],
        [(0, 0, ("GPE",)), (1, 0, ("GPE",))],
    ]  # fmt: skip
    rows = _text(sequence_features("喀什片区", FeatureConfig(), gaz))
    assert [[f for f in r if f.startswith("g=")] for r in rows] == [
        ["g=B-FAC"],
        ["g=M-FAC"],
        ["g=M-FAC"],
        ["g=E-FAC"],
    ]
    both = Gazetteer.from_spans([("喀什", [(0, 2, "GPE")]), ("喀什", [(0, 2, "ORG")])])
    rows = _text(sequence_features("喀什", FeatureConfig(), both))
    assert [[f for f in r if f.startswith("g=")] for r in rows] == [
        ["g=B-GPE", "g=B-ORG"],
        ["g=E-GPE", "g=E-ORG"],
    ]


def test_jieba_features_print_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    base_features("霍尔果斯口岸开行中欧班列", FeatureConfig())
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_tags_that_do_not_decode_are_refused_by_the_library() -> None:
    with pytest.raises(SchemaError, match=r"sequence 1: .*'I-GPE' starts the sequence"):
        tagged(["喀什", "新疆"], [["B-GPE", "I-GPE"], ["I-GPE", "I-GPE"]], BIO)


def test_the_parsers_declare_the_documented_commands() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    add_crf_parser(sub)
    add_baselines_parser(sub)
    args = parser.parse_args(["crf", "predict", "--model", "m", "--input", "i", "--output", "o"])
    assert (args.model, args.input, args.output) == (Path("m"), Path("i"), Path("o"))
    args = parser.parse_args(["baselines", "run", "--root", "r"])
    assert args.root == "r"


def test_render_conll_refuses_spaces() -> None:
    assert render_conll([("喀什", ["B-GPE", "I-GPE"])]) == "喀 B-GPE\n什 I-GPE\n\n"
    with pytest.raises(ValueError, match="cannot be a token"):
        render_conll([("a b", ["O", "O", "O"])])


def test_grid_points_trained_in_worker_processes_give_the_same_models() -> None:
    conll = read_conll(CONLL / "bio.conll")
    data = tagged([s.chars for s in conll.sentences], [s.tags for s in conll.sentences])
    grid = [Hyperparameters(0.0, 0.01, 30), Hyperparameters(0.1, 0.01, 30)]
    seconds: list[float] = []
    alone, record = search(data, data, grid)
    forked, record_forked = search(data, data, grid, workers=2, fit_seconds=seconds)
    assert forked.model == alone.model and record_forked == record
    assert len(seconds) == 2 and all(s > 0 for s in seconds)
