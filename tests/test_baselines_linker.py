"""The learned claim linker: candidates and features on hand-made passages, determinism, and
a fixture where the right parts are known by construction and nearest-span links wrongly."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest

from silkroad_news.baselines.claims import (
    ClaimsBaseline,
    NumberClassifier,
    PartTagger,
    claims_of_passage,
    mentions_of,
    train_linker,
)
from silkroad_news.baselines.crf import Hyperparameters, train
from silkroad_news.baselines.linker import (
    ALL_GROUPS,
    CRF_MIN_PROB,
    FEATURE_GROUPS,
    PARTS,
    Example,
    LinkerTraining,
    Value,
    _rank_pairs,
    analyze,
    candidates,
    clause_noun_phrases,
    crf_marginals,
    crf_spans,
    fit_linker,
    list_index,
    pair_features,
    respectively,
    rule_votes,
    span_logp,
)
from silkroad_news.baselines.run import load_data, mention_rows, ner_data, split_gold
from silkroad_news.evaluate import parse_jsonl, validate
from silkroad_news.files import dumps_jsonl
from silkroad_news.numbers import find_quantities
from silkroad_news.schema import NumberCategory
from silkroad_news.tags import LabeledSpan


def at(text: str, surface: str, label: str = "", start: int = 0) -> LabeledSpan:
    k = text.index(surface, start)
    return LabeledSpan(k, k + len(surface), label)


def span(text: str, surface: str, start: int = 0) -> tuple[int, int]:
    s = at(text, surface, start=start)
    return (s.start, s.end)


def value_of(text: str, surface: str, kind: str, unit: str) -> Value:
    s, e = span(text, surface)
    return Value(s, e, kind, unit)


KASHGAR = "今年上半年,喀什地区进出口总值达120.5亿元,同比增长12.5%。霍尔果斯口岸新增外贸企业35家。"


def kashgar():
    t = KASHGAR
    return analyze(
        t,
        [at(t, "喀什地区", "GPE"), at(t, "霍尔果斯口岸", "FAC")],
        [at(t, "今年上半年", "TIME"), at(t, "进出口总值", "METRIC")],
    )


# ---- candidates -----------------------------------------------------------------------------


def test_word_candidates_are_word_runs_of_the_sentence_that_never_overlap_the_value() -> None:
    p = kashgar()
    value = span(KASHGAR, "120.5亿元")
    bounds = {b for s, e, _ in p.words for b in (s, e)}
    first_sentence_end = KASHGAR.index("。") + 1
    cands = candidates(p, value, "metric")
    assert cands and len({c.span for c in cands}) == len(cands)
    for c in cands:
        assert c.start in bounds and c.end in bounds
        assert c.end <= value[0] or value[1] <= c.start
        assert c.end <= first_sentence_end  # METRIC only from the VALUE's sentence
        assert not any(ch in ",。" for ch in KASHGAR[c.start : c.end])
    by_text = {KASHGAR[c.start : c.end]: c.sources for c in cands}
    assert by_text["进出口总值"] == ("crf_best", "words")
    assert by_text["喀什地区"] == ("entity:GPE", "words")
    assert "外贸企业" not in by_text  # another sentence


def test_subject_candidates_include_entities_anywhere_and_clause_noun_phrases() -> None:
    p = kashgar()
    cands = {
        KASHGAR[c.start : c.end]: c.sources for c in candidates(p, span(KASHGAR, "35家"), "subject")
    }
    assert "entity:FAC" in cands["霍尔果斯口岸"] and "clause_np" in cands["霍尔果斯口岸"]
    # an entity of an earlier sentence is a candidate, and so is the noun phrase opening its
    # clause (which runs on to the METRIC: the ranker must tell them apart)
    assert "entity:GPE" in cands["喀什地区"]
    assert "clause_np" in cands["喀什地区进出口总值"]
    # runs of words with a verb are no SUBJECT candidates (新增 is a verb)
    assert not any("新增" in text for text in cands)


def test_a_subject_from_words_never_starts_with_a_preposition() -> None:
    t = "1至8月,伊犁州从俄罗斯进口木材12万吨。"
    p = analyze(t, [], [])
    texts = {t[c.start : c.end] for c in candidates(p, span(t, "12万吨"), "subject")}
    assert "俄罗斯" in texts and "伊犁州" in texts
    assert not any(x.startswith("从") for x in texts)


def test_time_comes_from_an_earlier_sentence_only_when_the_sentence_has_none() -> None:
    t = "今年上半年,喀什地区进出口总值达120.5亿元。全区新增外贸企业35家。"
    p = analyze(t, [], [at(t, "今年上半年", "TIME")])
    times = {t[c.start : c.end] for c in candidates(p, span(t, "35家"), "time")}
    assert "今年上半年" in times
    t2 = "今年上半年,喀什地区进出口总值达120.5亿元。截至6月底,全区新增外贸企业35家。"
    p2 = analyze(t2, [], [at(t2, "今年上半年", "TIME"), at(t2, "截至6月底", "TIME")])
    times2 = {t2[c.start : c.end] for c in candidates(p2, span(t2, "35家"), "time")}
    assert "截至6月底" in times2 and "今年上半年" not in times2


def test_crf_candidates_come_from_the_marginals() -> None:
    t = "上半年,喀什地区进出口总值达564.32亿元。"
    n = len(t)
    marg = np.zeros((n, 4))
    s, e = span(t, "进出口总值")
    marg[s, 0] = 0.9  # B
    marg[s + 1 : e - 1, 1] = 0.8  # I
    marg[e - 1, 2] = 0.7  # E
    marg[e - 1, 3] = 0.01  # S: a one-character span below the threshold
    marg[s + 2, 2] = 0.5  # E: a shorter span 进出口 with probability 0.9 * 0.8 * 0.5
    p = analyze(t, [], [], {"METRIC": marg})
    expected = math.log(0.9) + (e - s - 2) * math.log(0.8) + math.log(0.7)
    assert span_logp(marg, s, e) == pytest.approx(expected)
    assert span_logp(marg, s, s + 3) == pytest.approx(math.log(0.9 * 0.8 * 0.5))
    found = crf_spans(p, "METRIC", 0, n)
    assert (s, e) in found and (s, s + 3) in found
    assert (e - 1, e) not in found and CRF_MIN_PROB > 0.01
    cands = {c.span: c.sources for c in candidates(p, span(t, "564.32亿元"), "metric")}
    assert "crf" in cands[(s, e)] and "crf_best" not in cands[(s, e)]


def test_crf_marginals_are_the_taggers_per_character_distribution() -> None:
    texts = ["上半年,喀什地区进出口总值达564.32亿元。", "截至目前,喀什片区招引企业2000多家。"]

    def row(t: str, metric: str, time: str) -> dict:
        m, w = at(t, metric), at(t, time)
        claim = {
            "metric": {"start": m.start, "end": m.end},
            "time": {"start": w.start, "end": w.end},
            "subject": None,
        }
        return {"text": t, "claims": [claim]}

    rows = [row(texts[0], "进出口总值", "上半年"), row(texts[1], "企业", "截至目前")]
    tagger = PartTagger.train(rows, Hyperparameters(0.0, 0.01, 50)).tagger
    marg = crf_marginals(tagger, texts[0])
    assert marg.shape == (len(texts[0]), 2, 4)  # labels METRIC, TIME; B I E S
    crf = tagger.tagger  # crf_marginals left the sequence set
    outside = np.array([crf.marginal("O", i) for i in range(len(texts[0]))])
    assert np.allclose(marg.sum(axis=(1, 2)) + outside, 1.0)


def test_clause_noun_phrases_open_clauses_after_time_words() -> None:
    t = "今年以来,霍尔果斯口岸开行中欧班列822列,在喀什地区新设项目5个。"
    p = analyze(t, [], [])
    phrases = {t[s:e] for s, e in clause_noun_phrases(p)}
    assert "霍尔果斯口岸" in phrases
    assert not any(x.startswith("在") or "喀什地区" in x for x in phrases)


# ---- features --------------------------------------------------------------------------------


def test_pair_features_read_order_distance_values_between_and_cues() -> None:
    t = "上半年,喀什地区进出口总值达564.32亿元,同比增长67.2%。"
    p = analyze(
        t, [at(t, "喀什地区", "GPE")], [at(t, "上半年", "TIME"), at(t, "进出口总值", "METRIC")]
    )
    amount = value_of(t, "564.32亿元", "amount", "CNY")
    rate = value_of(t, "67.2%", "change_rate", "%")
    values = [amount, rate]
    cands = {t[c.start : c.end]: c for c in candidates(p, rate.span, "metric")}
    votes = rule_votes(p, rate, list(cands.values()))
    f = pair_features(p, rate, cands["进出口总值"], "metric", values, votes)
    assert f["before"] == 1.0 and "after" not in f
    assert f["values_between=1"] == 1.0 and f["gap_punct"] == 1.0
    for cue in ("同比", "增长", "达"):
        assert f[f"gap_cue={cue}"] == 1.0
    assert f["src=crf_best"] == 1.0 and f["best=METRIC"] == 1.0
    assert f["rule=nearest_before:crf_best"] == 1.0
    assert f["kind=change_rate&before"] == 1.0
    near = pair_features(p, amount, cands["进出口总值"], "metric", values, votes)
    assert near["short_gap=达"] == 1.0 and near["values_between=0"] == 1.0
    times = {t[c.start : c.end]: c for c in candidates(p, rate.span, "time")}
    g = pair_features(p, rate, times["上半年"], "time", values, {})
    assert {"starts_passage", "whole_clause", "time_run", "has_time_char"} <= set(g)
    # without marginals the CRF's score is its floor
    assert g["crf_own"] == 0.0 and g["crf_own_b=>9.2"] == 1.0


def _respective(t: str, values: list[str], items: list[str]) -> list[list[str | None]]:
    """For each VALUE, the ``respectively`` feature of each item candidate (None: absent)."""
    p = analyze(t, [], [])
    vs = [value_of(t, x, "amount", "CNY") for x in values]
    out = []
    for v in vs:
        cands = {t[c.start : c.end]: c for c in candidates(p, v.span, "subject")}
        row: list[str | None] = []
        for item in items:
            f = pair_features(p, v, cands[item], "subject", vs, {})
            row.append(next((k.split("=")[1] for k in f if k.startswith("respectively=")), None))
        out.append(row)
    return out


def test_respectively_pairs_the_kth_value_with_the_kth_list_item() -> None:
    t = "对东盟、欧盟、中亚国家外贸增势强劲,分别实现进出口65.5亿元、18.5亿元和506亿元。"
    p = analyze(t, [], [])
    vals = [value_of(t, x, "amount", "CNY") for x in ("65.5亿元", "18.5亿元", "506亿元")]
    cue = t.index("分别")
    assert [respectively(p, v, vals) for v in vals] == [(cue, 0), (cue, 1), (cue, 2)]
    cands = {t[c.start : c.end]: c for c in candidates(p, vals[1].span, "subject")}
    assert [list_index(p, cands[x], cue) for x in ("东盟", "欧盟", "中亚国家", "外贸")] == [
        0, 1, 2, None,
    ]  # fmt: skip
    items = ["东盟", "欧盟", "中亚国家"]
    assert _respective(t, ["65.5亿元", "18.5亿元", "506亿元"], items) == [
        ["match", "other", "other"],
        ["other", "match", "other"],
        ["other", "other", "match"],
    ]
    # a second list of VALUEs without its own 分别 is not "after 分别"
    t = "东盟、欧盟分别实现进出口65.5亿元、18.5亿元,同比增长12%、8%。"
    assert _respective(t, ["65.5亿元", "18.5亿元", "12%", "8%"], ["东盟", "欧盟"]) == [
        ["match", "other"], ["other", "match"], [None, None], [None, None],
    ]  # fmt: skip
    # an earlier list in the clause is not the list of 分别; a segment with a preposition ends
    # the list (服装企业对东盟 holds the first item)
    t = "纺织、服装企业对东盟、欧盟出口分别增长5%、8%。"
    assert _respective(t, ["5%", "8%"], ["纺织", "东盟", "欧盟"]) == [
        [None, "match", "other"], [None, "other", "match"],
    ]  # fmt: skip
    # a list in an earlier sentence, or no 分别 before the VALUE in its sentence: nothing
    t = "东盟、欧盟是重要伙伴。中亚、南亚进出口分别为3亿元、5亿元。"
    assert _respective(t, ["3亿元", "5亿元"], ["东盟", "中亚", "南亚"]) == [
        [None, "match", "other"], [None, "other", "match"],
    ]  # fmt: skip
    t = "东盟、欧盟实现进出口65.5亿元。分别来看,形势向好。"
    assert _respective(t, ["65.5亿元"], ["东盟"]) == [[None]]


def test_feature_groups_switch_features_off() -> None:
    p = kashgar()
    rate = value_of(KASHGAR, "12.5%", "change_rate", "%")
    cand = next(
        c for c in candidates(p, rate.span, "metric") if KASHGAR[c.start : c.end] == "进出口总值"
    )
    only = pair_features(p, rate, cand, "metric", [rate], {}, frozenset({"distance"}))
    assert only and all(
        k.split("=")[0].split("&")[0]
        in (
            "before",
            "after",
            "dist",
            "log_dist",
            "clauses",
            "sentences",
            "adjacent",
            "outside_sentence",
        )
        for k in only
    )
    assert set(only) < set(pair_features(p, rate, cand, "metric", [rate], {}, ALL_GROUPS))


# ---- a fixture known by construction ---------------------------------------------------------

TIMES = ["今年上半年", "1至8月", "今年前三季度", "截至9月底", "2023年", "今年以来"]
SUBJECTS_TRAIN = ["喀什地区", "伊犁州", "昌吉州", "阿克苏地区"]
SUBJECTS_TEST = ["哈密市", "克拉玛依市"]
PARTNERS = ["俄罗斯", "哈萨克斯坦", "乌兹别克斯坦"]
GOODS = ["粮食", "木材", "原油", "棉纱"]
COUNTED = [("家", "外贸企业"), ("个", "物流项目"), ("家", "合作社"), ("个", "产业园")]


def synthetic(time: str, subject: str, partner: str, goods: str, counted, k: int):
    """A passage in one of two templates, its VALUEs and their gold parts. Nearest-span links
    the partner country (the GPE nearest the VALUE) as SUBJECT, and for the count in the first
    template the goods before it as METRIC; the counted noun after it is right."""
    word, noun = counted
    amount, count = f"{3 + k % 7}.{k % 10}万吨", f"{10 + 3 * k}{word}"
    if k % 2 == 0:
        pieces = [
            time,
            ",",
            subject,
            "从",
            partner,
            "进口",
            goods,
            amount,
            ",新增",
            count,
            noun,
            "。",
        ]
    else:
        pieces = [
            time,
            ",",
            subject,
            "新增",
            count,
            noun,
            ",从",
            partner,
            "进口",
            goods,
            amount,
            "。",
        ]
    text = "".join(pieces)
    offsets = {}
    pos = 0
    for piece in pieces:
        offsets.setdefault(piece, (pos, pos + len(piece)))
        pos += len(piece)
    entities = [LabeledSpan(*offsets[subject], "GPE"), LabeledSpan(*offsets[partner], "GPE")]
    tagged = [
        LabeledSpan(*offsets[time], "TIME"),
        LabeledSpan(*offsets[goods], "METRIC"),
        LabeledSpan(*offsets[noun], "METRIC"),
    ]
    values = (Value(*offsets[amount], "amount", "t"), Value(*offsets[count], "count", "count"))
    gold = [
        {"metric": offsets[goods], "subject": offsets[subject], "time": offsets[time]},
        {"metric": offsets[noun], "subject": offsets[subject], "time": offsets[time]},
    ]
    return text, entities, tagged, values, gold


def passages(subjects: list[str], start: int, count: int):
    combos = itertools.product(TIMES, subjects, PARTNERS, GOODS, COUNTED)
    picked = list(itertools.islice(combos, 0, None, 37))
    return [synthetic(*c, k) for k, c in enumerate(picked[start : start + count], start)]


def examples(items) -> list[Example]:
    out = []
    for k, (text, entities, tagged, values, gold) in enumerate(items):
        p = analyze(text, entities, tagged)
        out += [Example(p, v, values, g, k % 4) for v, g in zip(values, gold, strict=True)]
    return out


@pytest.fixture(scope="module")
def trained():
    return fit_linker(examples(passages(SUBJECTS_TRAIN, 0, 24)))


def test_the_linker_is_deterministic(trained) -> None:
    again = fit_linker(examples(passages(SUBJECTS_TRAIN, 0, 24)))
    assert again.record == trained.record
    for part in PARTS:
        for a, b in ((again.first, trained.first), (again.second, trained.second)):
            assert a[part].C == b[part].C and a[part].threshold == b[part].threshold
            assert np.array_equal(a[part].weights, b[part].weights)
            names = a[part].vectorizer.get_feature_names_out()
            assert list(names) == list(b[part].vectorizer.get_feature_names_out())
    for text, entities, tagged, values, _ in passages(SUBJECTS_TEST, 0, 6):
        p = analyze(text, entities, tagged)
        assert again.link(p, values) == trained.link(p, values)


def test_the_linker_beats_nearest_span_where_the_answer_is_known(trained) -> None:
    right = {"learned": dict.fromkeys(PARTS, 0), "nearest": dict.fromkeys(PARTS, 0)}
    total = 0
    for text, entities, tagged, values, gold in passages(SUBJECTS_TEST, 0, 12):
        quantities = [q for q in find_quantities(text) if q.category is NumberCategory.QUANTITY]
        assert [(q.start, q.end) for q in quantities] == sorted(v.span for v in values)
        kinds = ["amount" if q.unit_text == "万吨" else "count" for q in quantities]
        p = analyze(text, entities, tagged)
        for name, linker in (("learned", trained), ("nearest", None)):
            claims = claims_of_passage(text, kinds, quantities, tagged, entities, linker, p)
            by_value = {(c["value"]["start"], c["value"]["end"]): c for c in claims}
            for v, g in zip(values, gold, strict=True):
                for part in PARTS:
                    got = by_value[v.span][part]
                    if got is not None:
                        assert text[got["start"] : got["end"]] == got["text"]
                    right[name][part] += (got and (got["start"], got["end"])) == g[part]
        total += len(values)
    learned, nearest = right["learned"], right["nearest"]
    # nearest-span links the partner country as SUBJECT wherever it comes before the VALUE
    # (three VALUEs in four) and the goods before the count as its METRIC in the first
    # template; the learned linker, trained on other subjects, gets them right
    assert nearest["subject"] == total // 4 and nearest["metric"] == total * 3 // 4
    assert learned["subject"] >= 0.9 * total and learned["metric"] >= 0.9 * total
    assert learned["time"] == nearest["time"] == total


def test_without_shared_features_there_is_no_second_stage() -> None:
    linker = fit_linker(examples(passages(SUBJECTS_TRAIN, 0, 8)), groups=ALL_GROUPS - {"shared"})
    assert linker.second == {} and "second_stage" not in linker.record["metric"]
    assert linker.record["feature_groups"] == [
        g for g in linker.record["feature_groups"] if g != "shared"
    ]


def _same_linker(a, b) -> None:
    assert a.record == b.record and a.groups == b.groups
    assert set(a.second) == set(b.second)
    for stage_a, stage_b in ((a.first, b.first), (a.second, b.second)):
        for part in stage_a:
            x, y = stage_a[part], stage_b[part]
            assert x.C == y.C and x.threshold == y.threshold
            assert list(x.vectorizer.feature_names_) == list(y.vectorizer.feature_names_)
            assert np.array_equal(x.weights, y.weights)


@pytest.fixture(scope="module")
def small():
    ex = examples(passages(SUBJECTS_TRAIN, 0, 8))
    return ex, LinkerTraining.of(ex)


@pytest.mark.parametrize("group", FEATURE_GROUPS)
def test_a_refit_without_a_group_is_the_linker_whose_features_lack_it(small, group) -> None:
    # the ablation drops a group's columns of features computed once: the same matrices, so
    # the same weights, thresholds and record as computing the features without the group
    ex, training = small
    without = ALL_GROUPS - {group}
    _same_linker(training.fit(without), fit_linker(ex, groups=without))


def test_keep_c_keeps_each_rankers_c_and_chooses_its_threshold_again(small) -> None:
    ex, training = small
    base = training.fit()
    _same_linker(base, fit_linker(ex))
    # with every group and the baseline's C, the threshold chosen again is the baseline's
    kept = training.fit(keep_c=base)
    for part in PARTS:
        for name, mine, theirs in (
            ("first_stage", kept.first, base.first),
            ("second_stage", kept.second, base.second),
        ):
            assert mine[part].C == theirs[part].C
            assert [p["C"] for p in kept.record[part][name]["grid"]] == [theirs[part].C]
            assert kept.record[part][name]["chosen"] == base.record[part][name]["chosen"]
            assert np.array_equal(mine[part].weights, theirs[part].weights)
    refit = training.fit(ALL_GROUPS - {"between"}, keep_c=base)
    assert refit.record["rule"].startswith("C kept")
    assert all(refit.first[part].C == base.first[part].C for part in PARTS)
    no_second = training.fit(ALL_GROUPS - {"shared"})
    with pytest.raises(ValueError, match="no second stage"):
        training.fit(keep_c=no_second)
    with pytest.raises(ValueError, match=r"\['shared'\] were not computed"):
        LinkerTraining.of(ex, ALL_GROUPS - {"shared"}).fit(ALL_GROUPS)


def test_rank_pairs_pair_each_gold_row_with_the_other_rows_of_its_decision() -> None:
    # the plain loop the vectorized pairs replaced: a decision without a gold row gives none
    rng = np.random.default_rng(0)
    owner = np.repeat(np.arange(30), rng.integers(1, 6, 30))
    labels = np.zeros(len(owner), dtype=np.int64)
    for k in range(0, 30, 3):
        if k % 2 == 0:
            labels[rng.choice(np.flatnonzero(owner == k))] = 1
        else:
            labels[np.flatnonzero(owner == k)[0]] = 1
    x = rng.random((len(owner), 4))
    gold_row = {int(k): i for i, (k, y) in enumerate(zip(owner, labels, strict=True)) if y}
    counts = np.bincount(owner)
    pos, neg, weight = [], [], []
    for i, (k, y) in enumerate(zip(owner.tolist(), labels.tolist(), strict=True)):
        if not y and k in gold_row:
            pos.append(gold_row[k])
            neg.append(i)
            weight.append(1.0 / (counts[k] - 1))
    diff, w = _rank_pairs(x, labels, owner)
    assert np.array_equal(diff, x[pos] - x[neg]) and np.array_equal(w, np.array(weight))
    assert _rank_pairs(x, np.zeros_like(labels), owner) is None


# ---- trained on the fixture repository -------------------------------------------------------


def test_a_linker_trained_on_the_fixture_repository_gives_valid_submissions(
    built_repo: Path,
) -> None:
    data = load_data(built_repo)
    rows = data.rows
    hyper = Hyperparameters(0.0, 0.01, 100)
    ner = train(ner_data(rows["ner"]["train"]), hyper=hyper)
    parts = PartTagger.train(rows["claims"]["train"], hyper)
    numbers = mention_rows(rows["numbers"]["train"])
    clf = NumberClassifier(C=1.0).fit(mentions_of(numbers), [r["label"] for r in numbers])

    def fitted():
        return train_linker(
            rows["claims"]["train"], rows["ner"]["train"], hyper, hyper, groups=data.folds
        )

    linker = fitted()
    assert linker.record["inner_groups"] >= 2
    model = ClaimsBaseline(clf, parts, ner, linker)
    lines = model.predict_claims(rows["claims"]["test"])
    gold = split_gold(data, "claims", "test")
    blob = dumps_jsonl(lines).encode()
    preds = validate(gold, parse_jsonl(blob, "claims.jsonl"), "claims.jsonl")
    assert preds.claims is not None and len(preds.claims) == len(gold.ids)
    assert ClaimsBaseline(clf, parts, ner, fitted()).predict_claims(rows["claims"]["test"]) == lines
