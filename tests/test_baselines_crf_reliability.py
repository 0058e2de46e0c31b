"""``crf train`` and ``crf predict`` on what public corpora and damaged files contain: ill-formed
tag sequences are read and counted (or refused with ``--strict``), tampered model settings and
damaged crfsuite bytes are refused with exit code 2, never a crash."""

from __future__ import annotations

import base64
import hashlib
import json
import multiprocessing as mp
import random
import re
import struct
from pathlib import Path

import pytest

from silkroad_news.baselines.__main__ import main as baselines_main
from silkroad_news.baselines.conll import parse_conll, read_conll
from silkroad_news.baselines.crf import (
    CrfTagger,
    Hyperparameters,
    ModelError,
    check_crfsuite_model,
    crfsuite_attributes,
    tagged,
    train,
)
from silkroad_news.baselines.features import FeatureConfig, add_gazetteer_many, base_features_many
from silkroad_news.schema import SchemaError
from silkroad_news.tags import BIO, BIOES

CONLL = Path(__file__).parent / "fixtures" / "conll"
ILL = CONLL / "ill_formed"
MEMORIZE = ["--c1", "0", "--c2", "0.01"]


def _run(*argv: object) -> int:
    return baselines_main([str(a) for a in argv])


# ---- ill-formed tag sequences ------------------------------------------------------------------

PUBLIC_SUMMARY = (
    "read leniently (--strict refuses it): entities cut by a sentence break: 1 (first at line "
    "4); continuing tags with no entity open: 1 (first at line 9); continuing tags of another "
    "label: 1 (first at line 21); tags in lowercase or with '_': 5 (first at line 12); space "
    "tokens: 1 (first at line 19); a continuing tag that cannot continue was read as the start "
    "of an entity, as conlleval reads it"
)


def test_a_lenient_read_counts_each_ill_formed_pattern_and_keeps_the_entities() -> None:
    conll = read_conll(ILL / "public_patterns.conll", strict=False)
    assert conll.scheme is BIO and conll.report is not None
    assert conll.report.counts == {
        "cut": 1, "no_begin": 1, "label_change": 1, "unclosed": 0, "normalized": 5, "space": 1,
    }  # fmt: skip
    assert conll.report.summary() == f"{ILL / 'public_patterns.conll'}: {PUBLIC_SUMMARY}"
    chars = [s.chars for s in conll.sentences]
    assert chars == ["喀什", "地区进", "新疆企", "张三和中行", "A 中欧班列"]
    tags = [list(s.tags or ()) for s in conll.sentences]
    assert tags == [
        ["B-GPE.NAM", "I-GPE.NAM"],
        ["B-GPE.NAM", "I-GPE.NAM", "O"],  # the half after the break is an entity of its own
        ["O", "B-GPE.NAM", "O"],  # I- after O begins an entity
        ["B-per.nam", "I-per.nam", "O", "B-ORG", "I-ORG"],  # prefix upper-cased, label kept
        ["B-PRODUCT", "O", "B-GPE.NAM", "B-ORG.NAM", "I-ORG.NAM", "O"],  # the label changed
    ]
    # the lines stay the file's own (predictions are written on them)
    assert conll.sentences[4].lines == (18, 19, 20, 21, 22, 23)


def test_io_tags_and_bioes_slips_are_read_and_counted() -> None:
    io = read_conll(ILL / "io_tags.conll", strict=False)
    assert io.report is not None and io.report.io_tags
    assert io.report.counts["no_begin"] == 2 and io.report.counts["cut"] == 1
    assert [list(s.tags or ()) for s in io.sentences] == [
        ["B-GPE", "I-GPE", "O", "O", "B-FAC", "I-FAC"],
        ["B-FAC", "I-FAC", "O"],
    ]
    bioes = read_conll(ILL / "bioes_slips.conll", strict=False)
    assert bioes.scheme is BIOES and bioes.report is not None
    assert {k: v for k, v in bioes.report.counts.items() if v} == {
        "cut": 1, "no_begin": 1, "unclosed": 1,
    }  # fmt: skip
    assert [list(s.tags or ()) for s in bioes.sentences] == [
        ["S-GPE", "O", "S-GPE", "O", "S-FAC", "S-FAC"],
        ["S-FAC", "O"],
    ]


@pytest.mark.parametrize("name", ["bio.conll", "bioes.conll", "bmes.conll"])
def test_a_well_formed_file_reads_the_same_both_ways(name: str) -> None:
    strict = read_conll(CONLL / name)
    lenient = read_conll(CONLL / name, strict=False)
    assert lenient.report is not None and lenient.report.clean
    assert lenient.report.summary() is None
    assert lenient.sentences == strict.sentences and lenient.scheme is strict.scheme


def test_crf_train_reads_the_public_patterns_and_reports_them_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ILL / "public_patterns.conll"
    model, out = tmp_path / "model.json", tmp_path / "out.conll"
    assert _run("crf", "train", "--train", source, "--model", model, *MEMORIZE) == 0
    err = capsys.readouterr().err
    assert err == f"crf train: {source}: {PUBLIC_SUMMARY}\n"
    assert _run("crf", "predict", "--model", model, "--input", source, "--output", out) == 0
    assert capsys.readouterr().err == ""
    lines = source.read_text(encoding="utf-8").splitlines()
    written = out.read_text(encoding="utf-8").splitlines()
    assert len(written) == len(lines)
    # the space token keeps its line: the space, its gold column, then the predicted tag
    assert (
        written[18].startswith("  O ")
        and read_conll(out, strict=False).sentences[4].chars[1] == " "
    )
    learnt = [line.split()[-1] for line in written if line.strip()]
    # learnt by heart: what the lenient read made of the file
    expected = [t for s in read_conll(source, strict=False).sentences for t in s.tags or ()]
    assert learnt == expected


@pytest.mark.parametrize(
    ("name", "line"),
    [("public_patterns.conll", 14), ("io_tags.conll", 1), ("bioes_slips.conll", 1)],
)
def test_strict_refuses_the_same_files_with_file_and_line(
    name: str, line: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "m.json"
    assert _run("crf", "train", "--strict", "--train", ILL / name, "--model", model) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert f"{name}: line {line}: " in err
    assert not model.exists()


def test_the_lenient_reader_still_refuses_what_no_scheme_can_read() -> None:
    cases = {
        b"a X-PER\n": "tags use prefix(es) ['X']",
        b"a PER\n": "line 1: 'PER' is not a tag",
        b"a B-X\nb M-X\nc I-X\n": "tags mix 'I-' (BIOES) and 'M-' (BMES)",
        b"a\n": "line 1: expected a character and a tag",
        b"ab O\n": "line 1: expected one character",
    }
    for data, message in cases.items():
        with pytest.raises(SchemaError, match=f"x.conll: .*{re.escape(message)}"):
            parse_conll(data, "x.conll", require_tags=True, strict=False)


def test_a_dev_file_is_read_the_same_way(tmp_path: Path, capsys) -> None:
    model = tmp_path / "m.json"
    code = _run(
        "crf", "train", "--train", CONLL / "bio.conll", "--dev", ILL / "io_tags.conll",
        "--model", model, "--c1", "0", "0.1", "--c2", "0.01", "--jobs", "2",
    )  # fmt: skip
    assert code == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "io_tags.conll: read leniently" in err[0]
    grid = json.loads(model.read_text(encoding="utf-8"))["training"]["search"]["grid"]
    assert [(p["c1"], p["c2"]) for p in grid] == [(0.0, 0.01), (0.1, 0.01)]


# ---- hyper-parameters and tampered model settings ----------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1"])
def test_c1_and_c2_must_be_finite_and_not_negative(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "m.json"
    for flag in ("--c1", "--c2"):
        code = _run(
            "crf", "train", "--train", CONLL / "bio.conll", "--model", model, f"{flag}={value}"
        )
        err = capsys.readouterr().err
        assert code == 2 and "must be finite, 0 or more" in err and len(err.splitlines()) == 1
        assert not model.exists()
    with pytest.raises(SchemaError, match="c1 must be a finite number"):
        Hyperparameters(float(value), 0.1)


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "model.json"
    assert _run("crf", "train", "--train", CONLL / "bio.conll", "--model", path) == 0
    return path


def _tamper(model_file: Path, tmp_path: Path, section: str, key: str, value: object) -> Path:
    obj = json.loads(model_file.read_text(encoding="utf-8"))
    obj[section][key] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(obj), encoding="utf-8")
    return bad


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("features", "window", "2", r"'window' must be a whole number from 0 to 5, got '2'"),
        ("features", "window", 1000000, r"'window' must be a whole number .* got 1000000"),
        ("features", "window", -5, r"'window' must be a whole number .* got -5"),
        ("features", "window", True, r"'window' must be a whole number .* got True"),
        ("features", "bigrams", "yes", r"'bigrams' must be true or false"),
        ("features", "lexicon_buckets", [4, 2], r"'lexicon_buckets' must be increasing"),
        ("features", "lexicon_buckets", [1], r"'lexicon_buckets' must be a whole number from 2"),
        ("features", "gazetteer_folds", 0, r"'gazetteer_folds' must be a whole number from 1"),
        ("hyperparameters", "c1", "NaN", r"c1 must be a finite number"),
        ("hyperparameters", "max_iterations", 10**12, r"max_iterations must be a whole number"),
        ("hyperparameters", "c3", 1, r"'hyperparameters' must hold c1, c2 and max_iterations"),
    ],
)
def test_tampered_model_settings_are_refused_with_exit_2(
    model_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    section: str,
    key: str,
    value: object,
    message: str,
) -> None:
    bad = _tamper(model_file, tmp_path, section, key, value)
    out = tmp_path / "out.conll"
    code = _run("crf", "predict", "--model", bad, "--input", CONLL / "bio.conll", "--output", out)
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert "bad.json: " in err
    with pytest.raises(ModelError, match=message):
        CrfTagger.load(bad)
    assert not out.exists()


def test_a_nan_weight_never_reaches_a_model_file() -> None:
    with pytest.raises(SchemaError):
        Hyperparameters(float("nan"), 0.1)
    text = json.dumps(Hyperparameters(0.1, 0.2).__dict__, allow_nan=False)
    assert json.loads(text) == {"c1": 0.1, "c2": 0.2, "max_iterations": 100}


# ---- damaged crfsuite bytes --------------------------------------------------------------------


@pytest.fixture(scope="module")
def crfsuite_model() -> bytes:
    conll = read_conll(CONLL / "bio.conll")
    data = tagged([s.chars for s in conll.sentences], [s.tags for s in conll.sentences])
    return train(data, hyper=Hyperparameters(0.0, 0.01, 30)).model


def _u32_at(model: bytes, offset: int) -> int:
    return struct.unpack_from("<I", model, offset)[0]


def _with_u32(model: bytes, offset: int, value: int) -> bytes:
    b = bytearray(model)
    struct.pack_into("<I", b, offset, value)
    return bytes(b)


def _damages(model: bytes) -> dict[str, bytes]:
    """Damages of each structure crfsuite follows, found to crash it (or to be next to)."""
    labels, attrs = _u32_at(model, 32), _u32_at(model, 36)
    first_table = attrs + 24
    empty = next(i for i in range(256) if _u32_at(model, first_table + 8 * i) == 0)
    used = next(i for i in range(256) if _u32_at(model, first_table + 8 * i) != 0)
    table = attrs + _u32_at(model, first_table + 8 * used)
    slot = next(table + 8 * k for k in range(64) if _u32_at(model, table + 8 * k + 4) != 0)
    return {
        "an empty hash table given a size": _with_u32(model, first_table + 8 * empty + 4, 1 << 30),
        "a hash table placed past the end": _with_u32(model, first_table + 8 * used, 1 << 30),
        "a hash slot pointing past the end": _with_u32(model, slot + 4, 1 << 30),
        "a label table without free slots": _fill_slots(model, labels),
        "a feature naming a label that does not exist": _with_u32(model, 48 + 12 + 8, 999),
        "an attribute reference past the end": _with_u32(model, _u32_at(model, 44) + 12, 1 << 30),
        "a header offset past the end": _with_u32(model, 28, 1 << 30),
        "a truncated model": model[: len(model) // 2],
    }


def _fill_slots(model: bytes, cqdb: int) -> bytes:
    b = bytearray(model)
    for i in range(256):
        offset, num = struct.unpack_from("<II", b, cqdb + 24 + 8 * i)
        for k in range(num if offset else 0):
            if struct.unpack_from("<I", b, cqdb + offset + 8 * k + 4)[0] == 0:
                struct.pack_into("<II", b, cqdb + offset + 8 * k, 0, 24 + 8 * 256)
    return bytes(b)


def _embed(model_file: Path, tmp_path: Path, model: bytes) -> Path:
    obj = json.loads(model_file.read_text(encoding="utf-8"))
    obj["crfsuite_model"] = base64.b64encode(model).decode("ascii")
    obj["crfsuite_model_sha256"] = hashlib.sha256(model).hexdigest()  # the checksum matches
    bad = tmp_path / "damaged.json"
    bad.write_text(json.dumps(obj), encoding="utf-8")
    return bad


def test_damaged_crfsuite_bytes_with_a_matching_checksum_are_refused_with_exit_2(
    model_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    obj = json.loads(model_file.read_text(encoding="utf-8"))
    good = base64.b64decode(obj["crfsuite_model"])
    check_crfsuite_model(good)
    for what, damaged in _damages(good).items():
        bad = _embed(model_file, tmp_path, damaged)
        out = tmp_path / "out.conll"
        code = _run(
            "crf", "predict", "--model", bad, "--input", CONLL / "bio.conll", "--output", out
        )
        err = capsys.readouterr().err
        assert code == 2, what
        assert "damaged.json: the embedded crfsuite model is damaged" in err, what
        assert len(err.splitlines()) == 1 and not out.exists(), what


def _open_raw(model: bytes) -> None:  # in a child process: crfsuite without our check
    import faulthandler

    import pycrfsuite

    faulthandler.disable()  # the crash is expected: no dump of it in the test output

    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(model)
    tagger.labels()
    tagger.tag([["c0=喀", "b"], ["zz"]])


def test_crfsuite_itself_crashes_on_such_bytes(crfsuite_model: bytes) -> None:
    """Why the check exists: the same damage kills a process that opens the model unchecked."""
    damaged = _damages(crfsuite_model)["an empty hash table given a size"]
    child = mp.get_context("fork").Process(target=_open_raw, args=(damaged,))
    child.start()
    child.join(60)
    assert child.exitcode is not None and child.exitcode < 0  # killed by a signal
    with pytest.raises(ValueError, match="offset without a size"):
        check_crfsuite_model(damaged)


def _use_all(models: list[bytes], attributes: list[str]) -> None:
    import pycrfsuite

    for model in models:
        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(model)
        tagger.labels()
        tagger.tag([[a] for a in attributes] + [[f"unknown-{i}" for i in range(40)]])


def test_random_damage_is_refused_or_harmless(crfsuite_model: bytes) -> None:
    """Bytes and words overwritten at random: every model the check lets through is opened
    and used in a child process (every attribute and unknown ones looked up), which must
    live; the check must also let the undamaged-looking ones through (not refuse all)."""
    rng = random.Random(20261128)
    accepted = []
    refused = 0
    for _ in range(400):
        b = bytearray(crfsuite_model)
        at = rng.randrange(len(b) - 4)
        if rng.random() < 0.5:
            b[at] = rng.randrange(256)
        else:
            value = rng.choice([0, 1, 0xFFFFFFFF, rng.randrange(1 << 32), rng.randrange(len(b))])
            struct.pack_into("<I", b, at, value)
        try:
            check_crfsuite_model(bytes(b))
        except ValueError:
            refused += 1
        else:
            accepted.append(bytes(b))
    assert refused > 100 and len(accepted) > 50
    attributes = sorted(a.decode("utf-8", "replace") for a in crfsuite_attributes(crfsuite_model))
    child = mp.get_context("fork").Process(target=_use_all, args=(accepted, attributes))
    child.start()
    child.join(300)
    assert child.exitcode == 0


def test_the_attributes_read_from_the_bytes_are_crfsuites(crfsuite_model: bytes) -> None:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(crfsuite_model)
    expected = {a.encode() for a in tagger.info().attributes}
    assert crfsuite_attributes(crfsuite_model) == expected


def test_predictions_leave_out_unknown_attributes_without_changing_a_tag() -> None:
    conll = read_conll(CONLL / "bmes.conll")
    data = tagged([s.chars for s in conll.sentences], [s.tags for s in conll.sentences])
    tagger = train(data, FeatureConfig(), Hyperparameters(0.5, 0.01, 30))
    texts = [*data.texts, "霍尔果斯口岸开行中欧班列，喀什地区进出口总值达564.32亿元。"]
    kept = tagger.features_many(texts)
    every = add_gazetteer_many(base_features_many(texts, tagger.config), texts, tagger.gazetteer)
    assert all(a in tagger.vocabulary for seq in kept for row in seq for a in row)
    assert sum(len(row) for seq in kept for row in seq) < sum(
        len(row) for seq in every for row in seq
    )
    assert [tagger.tagger.tag(r) for r in kept] == [tagger.tagger.tag(r) for r in every]
