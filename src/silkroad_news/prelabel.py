"""Pre-annotation rules: guesses that save annotators typing. They are never gold.

Contract:

- :func:`guess_entities` finds entity mentions with two transparent rules, in this order of
  precedence: (1) :data:`GAZETTEER`, names read off this corpus's articles, matched longest
  first, left to right; (2) jieba part-of-speech tags (:data:`POS_TO_ENTITY`) on the words the
  gazetteer left free, minus :data:`POS_STOPWORDS`. Guesses never overlap.
- :func:`guess_values` turns the ``quantity`` mentions of
  :func:`silkroad_news.numbers.find_quantities` into VALUE guesses with all seven claim
  attributes the rules can fill: number, unit, unit_text and approx from the recognizer (the
  unit as its inventory code, ``None`` for a bare number); kind from the unit's code or
  dimension (:data:`KIND_OF_UNIT`, :data:`KIND_OF_DIMENSION`) and for percentages from cue
  words; direction and modality from the cue words in the clause before the number
  (:data:`DIRECTION_CUES`, :data:`MODALITY_CUES`, :func:`guess_kind`).
- Traditional-script passages: the entity rules run on the simplified view, which OpenCC
  ``t2s`` keeps the same length and aligned character by character, so offsets carry over; the
  text of a guess is always cut from the original text. ``find_quantities`` runs on the
  original text: it folds scripts itself and then reports ``unit_text`` as written (``億元``).
  Its cue words are looked for in the simplified view.
- :func:`model_version` names the rule set: ``prelabel-<PRELABEL_VERSION>-<hash>`` where the
  hash covers the gazetteer, the cue lists, the POS map, jieba's version and the source of the
  numbers and units modules, so changed rules give a new version and old predictions stay
  identifiable.
- jieba reads only its bundled dictionary (it never downloads), and its start-up logging is
  silenced.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from silkroad_news.schema import (
    Approx,
    ClaimKind,
    Direction,
    EntityType,
    Modality,
    NumberCategory,
)
from silkroad_news.text import jieba_posseg, jieba_version
from silkroad_news.units import Dimension, dimension

#: Bump when the rules change in a way the hash cannot see (e.g. the matching algorithm).
PRELABEL_VERSION = "1"

_FAC, _GPE, _LOC, _ORG = EntityType.FAC, EntityType.GPE, EntityType.LOC, EntityType.ORG
_PERSON, _EVENT = EntityType.PERSON, EntityType.EVENT
_PRODUCT, _PROGRAM = EntityType.PRODUCT, EntityType.PROGRAM

#: Names from the corpus articles (simplified script), with the type the guidelines give them:
#: ports, crossings, zones, parks, airports, stations, roads and pipelines are FAC; government
#: bodies, media and companies ORG; forums, fairs and press conferences EVENT; train services
#: PRODUCT; initiatives PROGRAM.
GAZETTEER: dict[str, EntityType] = {
    # ports and border crossings
    "霍尔果斯口岸": _FAC,
    "霍尔果斯铁路口岸": _FAC,
    "阿拉山口": _FAC,
    "红其拉甫口岸": _FAC,
    "红其拉甫": _FAC,
    "卡拉苏": _FAC,
    "吐尔尕特": _FAC,
    "伊尔克什坦": _FAC,
    "喀什航空口岸": _FAC,
    "吉木乃口岸": _FAC,
    # zones, parks, hubs, airports, stations, lines
    "喀什综合保税区": _FAC,
    "霍尔果斯综合保税区": _FAC,
    "喀什经济开发区": _FAC,
    "喀什跨境电商综合试验区": _FAC,
    "中国(新疆)自由贸易试验区喀什片区": _FAC,
    "新疆自贸试验区喀什片区": _FAC,
    "中国(新疆)自由贸易试验区": _FAC,
    "新疆塔城重点开发开放试验区": _FAC,
    "昌吉国家农业高新技术产业示范区": _FAC,
    "新疆农业博览园": _FAC,
    "中哈霍尔果斯国际边境合作中心": _FAC,
    "吉木乃边民互市贸易区": _FAC,
    "吉木乃边民互市贸易市场": _FAC,
    "吉木乃边境经济合作区": _FAC,
    "伊宁边境经济合作区": _FAC,
    "喀什徕宁国际机场": _FAC,
    "乌鲁木齐国际陆港区": _FAC,
    "霍尔果斯国际邮件交换站": _FAC,
    "马兰输油站": _FAC,
    "四道班压气站": _FAC,
    "库尔勒—鄯善原油管道": _FAC,
    "库鄯原油管道": _FAC,
    "中吉乌铁路": _FAC,
    "塔城—阿亚古兹铁路": _FAC,
    "G217线库车至沙雅公路": _FAC,
    # places that are not political units
    "塔里木盆地": _LOC,
    "中亚": _LOC,
    "南亚": _LOC,
    "西亚": _LOC,
    "欧洲": _LOC,
    "南疆": _LOC,
    # political units
    "新疆": _GPE,
    "中国": _GPE,
    "喀什地区": _GPE,
    "喀什": _GPE,
    "哈萨克斯坦": _GPE,
    "巴基斯坦": _GPE,
    "吉尔吉斯斯坦": _GPE,
    "乌兹别克斯坦": _GPE,
    "塔吉克斯坦": _GPE,
    "匈牙利": _GPE,
    "塞浦路斯": _GPE,
    "俄罗斯": _GPE,
    "乌鲁木齐": _GPE,
    "霍尔果斯": _GPE,
    "阿勒泰地区": _GPE,
    "吉木乃县": _GPE,
    "伊犁州": _GPE,
    "昭苏县": _GPE,
    "伊宁县": _GPE,
    "温宿县": _GPE,
    "金华市": _GPE,
    "浙江省": _GPE,
    "江山市": _GPE,
    "阿克苏地区": _GPE,
    "库车市": _GPE,
    "沙雅县": _GPE,
    "吉木乃": _GPE,
    "伊宁": _GPE,
    "塔城": _GPE,
    "昌吉": _GPE,
    "鄯善": _GPE,
    "沙雅": _GPE,
    "温宿": _GPE,
    "莫斯科": _GPE,
    "伊斯兰堡": _GPE,
    "撒马尔罕州": _GPE,
    # bodies, media, companies
    "自治区商务厅": _ORG,
    "自治区工业和信息化厅": _ORG,
    "自治区人民政府新闻办公室": _ORG,
    "喀什地委": _ORG,
    "天山网": _ORG,
    "新疆日报": _ORG,
    "石榴云": _ORG,
    "阿拉山口出入境边防检查站": _ORG,
    "霍尔果斯综保区管理委员会": _ORG,
    "伊宁边境经济合作区经贸发展局": _ORG,
    "伊宁边合区经贸发展局": _ORG,
    "交投集团": _ORG,
    "西部管道公司": _ORG,
    "国家管网调控中心": _ORG,
    "新疆蓝疆新能源科技有限公司": _ORG,
    "安徽中钠颖电新能源有限公司": _ORG,
    "新疆泰诚": _ORG,
    "东盟": _ORG,
    "欧盟": _ORG,
    "党中央": _ORG,
    # events
    "第三届“一带一路”国际合作高峰论坛": _EVENT,
    "中国-亚欧博览会": _EVENT,
    "2023中国产业转移发展对接活动(新疆)": _EVENT,
    "第十四届中国新疆喀什·中亚南亚商品交易会": _EVENT,
    "喀交会": _EVENT,
    "“新疆推动高质量发展”系列主题新闻发布会": _EVENT,
    "中国新疆—乌兹别克斯坦撒马尔罕州企业对接洽谈会": _EVENT,
    "2024港澳·投资新疆经贸文化交流活动": _EVENT,
    "2023金华·温宿对口支援产业协作洽谈会": _EVENT,
    # services and initiatives
    "中欧班列": _PRODUCT,
    "中欧(中亚)班列": _PRODUCT,
    "一带一路": _PROGRAM,
    "丝绸之路经济带": _PROGRAM,
    "十四五": _PROGRAM,
    # people named in the articles (jieba splits transliterated names: 托/卡耶夫)
    "托卡耶夫": _PERSON,
    "卡卡尔": _PERSON,
    "李轩": _PERSON,
    "柳奇": _PERSON,
    "陈蔷薇": _PERSON,
    "蔡增乐": _PERSON,
    "路佳琪": _PERSON,
    "加孜拉·泥斯拜克": _PERSON,
    "张治立": _PERSON,
    "邹懿": _PERSON,
    "艾尼瓦尔·吐尔逊": _PERSON,
    "张涛": _PERSON,
    "贺嘉勋": _PERSON,
}

#: jieba POS tag -> entity type. ``nrt`` (transliterated name) is left out on purpose: jieba
#: gives it to places as often as to people (哈萨克斯坦, 霍尔果斯 come out ``nrt``).
POS_TO_ENTITY: dict[str, EntityType] = {
    "nr": EntityType.PERSON,
    "nrfg": EntityType.PERSON,
    "ns": EntityType.GPE,
    "nt": EntityType.ORG,
}
#: Shorter jieba words are too often fragments (疆, 卡).
MIN_POS_LENGTH = 2
#: Common words jieba's dictionary or HMM tags as names in this corpus (高水平 nr, 广度 ns).
POS_STOPWORDS = frozenset(
    [
        "高水平",
        "顾客",
        "蓝图",
        "广度",
        "深度",
        "嘉宾",
        "智慧",
        "新建",
        "来疆",
        "入园",
        "新进展",
        "新格局",
        "拓宽",
        "努力实现",
        "宾客",
        "双循环",
        "由北向南",
        "五国",
        "四区",
        "海关",
        "国际经贸",
        "交易会",
        "人民政府",
        "沿海地区",
        "哈中",
    ]
)

#: Cue words in the clause before a number; the last cue found wins.
DIRECTION_CUES: dict[Direction, tuple[str, ...]] = {
    Direction.UP: ("增长", "增加", "提升", "提高", "上涨", "上升", "高出", "扩大", "增"),
    Direction.DOWN: ("下降", "减少", "降低", "下跌", "回落", "低于", "减"),
}
MODALITY_CUES: dict[Modality, tuple[str, ...]] = {
    Modality.FORECAST: ("预计", "有望", "预期"),
    Modality.PLANNED: ("计划", "目标", "力争", "规划", "能力"),
}
SHARE_CUES = ("占", "比重", "份额")
#: Kind by unit code where the code alone decides it (before its dimension).
KIND_OF_UNIT: dict[str, ClaimKind] = {
    "pp": ClaimKind.DIFFERENCE,
    "times": ClaimKind.MULTIPLE,
}
#: Kind by the unit's dimension where the dimension alone decides it.
KIND_OF_DIMENSION: dict[Dimension, ClaimKind] = {
    Dimension.CURRENCY: ClaimKind.AMOUNT,
    Dimension.MASS: ClaimKind.AMOUNT,
    Dimension.CONTAINER: ClaimKind.AMOUNT,
    Dimension.COUNT: ClaimKind.COUNT,
    Dimension.LENGTH: ClaimKind.MEASURE,
    Dimension.AREA: ClaimKind.MEASURE,
    Dimension.SPEED: ClaimKind.MEASURE,
    Dimension.ENERGY: ClaimKind.MEASURE,
}
# A clause ends at these; cues are only looked for in the clause that holds the number.
CLAUSE_BREAK = re.compile(r"[，,。；;！!？?\n]")


@dataclass(frozen=True)
class EntityGuess:
    start: int
    end: int
    text: str
    type: EntityType
    source: str  # "gazetteer" or "jieba:<tag>", so a reviewer can see which rule fired


@dataclass(frozen=True)
class ValueGuess:
    start: int
    end: int
    text: str
    number: float | None  # None when the recognizer could not normalize it
    unit: str | None  # a code of the unit inventory
    unit_text: str
    approx: Approx
    kind: ClaimKind | None
    direction: Direction
    modality: Modality


# --------------------------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------------------------


def _matching_view(text: str, simplified: str | None) -> str:
    if simplified is None:
        return text
    if len(simplified) != len(text):
        raise ValueError(
            f"simplified view has length {len(simplified)} but the text has {len(text)}; "
            "they must be aligned character by character"
        )
    return simplified


def gazetteer_matches(view: str) -> list[tuple[int, int, EntityType]]:
    """Longest gazetteer match at each position, scanning left to right, no overlaps."""
    names = sorted(GAZETTEER, key=len, reverse=True)
    found: list[tuple[int, int, EntityType]] = []
    i = 0
    while i < len(view):
        for name in names:
            if view.startswith(name, i):
                found.append((i, i + len(name), GAZETTEER[name]))
                i += len(name)
                break
        else:
            i += 1
    return found


def jieba_words(view: str) -> list[tuple[int, int, str]]:
    """(start, end, POS tag) of every jieba word; offsets are code points into ``view``."""
    words = []
    pos = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for pair in jieba_posseg().cut(view, HMM=True):
            start = view.find(pair.word, pos)  # jieba keeps every character, in order
            if start < 0:
                continue
            pos = start + len(pair.word)
            words.append((start, pos, pair.flag))
    return words


def guess_entities(text: str, simplified: str | None = None) -> list[EntityGuess]:
    """Entity guesses in ``text`` (see module docstring), sorted by offset."""
    view = _matching_view(text, simplified)
    guesses = [EntityGuess(s, e, text[s:e], t, "gazetteer") for s, e, t in gazetteer_matches(view)]
    taken = [False] * len(view)
    for g in guesses:
        taken[g.start : g.end] = [True] * (g.end - g.start)
    for s, e, flag in jieba_words(view):
        etype = POS_TO_ENTITY.get(flag)
        if etype is None or e - s < MIN_POS_LENGTH or any(taken[s:e]) or view[s:e] in POS_STOPWORDS:
            continue
        guesses.append(EntityGuess(s, e, text[s:e], etype, f"jieba:{flag}"))
    return sorted(guesses, key=lambda g: (g.start, g.end))


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------


def load_find_quantities() -> Callable[[str], Sequence[Any]]:
    """``silkroad_news.numbers.find_quantities``, imported only when values are wanted."""
    try:
        numbers = importlib.import_module("silkroad_news.numbers")
    except ImportError as exc:
        raise RuntimeError(
            "silkroad_news.numbers is not available; VALUE pre-annotations need its "
            "find_quantities(text)"
        ) from exc
    return numbers.find_quantities


def clause_before(view: str, start: int) -> str:
    """The text from the last clause break before ``start`` up to ``start``."""
    breaks = list(CLAUSE_BREAK.finditer(view, 0, start))
    return view[breaks[-1].end() if breaks else 0 : start]


def last_cue(clause: str, cues: dict[Any, tuple[str, ...]]) -> Any:
    """The key of the cue that occurs last in ``clause`` (None without one)."""
    best, best_pos = None, -1
    for key, words in cues.items():
        for w in words:
            pos = clause.rfind(w)
            if pos > best_pos:
                best, best_pos = key, pos
    return best


def guess_kind(unit: str | None, clause: str, direction: Direction) -> ClaimKind | None:
    """Claim kind from the unit's code, and for percentages from share or change cues."""
    if unit is None:
        return None
    if unit == "%":
        if direction is not Direction.NONE:
            return ClaimKind.CHANGE_RATE
        if any(c in clause for c in SHARE_CUES):
            return ClaimKind.SHARE
        return ClaimKind.CHANGE_RATE if "增速" in clause else ClaimKind.SHARE
    if unit in KIND_OF_UNIT:
        return KIND_OF_UNIT[unit]
    dim = dimension(unit)  # a StrEnum member hashes as its value: look up by the string
    return None if dim is None else KIND_OF_DIMENSION.get(dim)  # type: ignore[call-overload]


def guess_values(
    text: str,
    simplified: str | None = None,
    find_quantities: Callable[[str], Sequence[Any]] | None = None,
) -> list[ValueGuess]:
    """VALUE guesses for the ``quantity`` mentions in ``text`` (see module docstring)."""
    view = _matching_view(text, simplified)
    find = find_quantities or load_find_quantities()
    guesses = []
    for q in find(text):
        if NumberCategory(q.category) is not NumberCategory.QUANTITY:
            continue
        start, end = q.start, q.end
        clause = clause_before(view, start)
        # Only change-like kinds carry a direction; "增长" before an amount is about the
        # amount's subject, not a change given by this number.
        direction = last_cue(clause, DIRECTION_CUES) or Direction.NONE
        unit = q.unit
        kind = guess_kind(unit, clause, direction)
        if kind not in (ClaimKind.CHANGE_RATE, ClaimKind.DIFFERENCE, ClaimKind.MULTIPLE):
            direction = Direction.NONE
        guesses.append(
            ValueGuess(
                start=start,
                end=end,
                text=text[start:end],
                number=None if q.number is None else float(q.number),
                unit=unit,
                unit_text=q.unit_text,
                approx=Approx(q.approx),
                kind=kind,
                direction=direction,
                modality=last_cue(clause, MODALITY_CUES) or Modality.ACTUAL,
            )
        )
    return guesses


# --------------------------------------------------------------------------------------------
# Versioning
# --------------------------------------------------------------------------------------------


@cache
def rules_hash() -> str:
    """A short hash of everything that decides the guesses (see module docstring)."""
    jieba = jieba_version()
    try:
        numbers_source = "".join(
            inspect.getsource(importlib.import_module(f"silkroad_news.{name}"))
            for name in ("numbers", "units")
        )
    except (ImportError, OSError):
        numbers_source = ""
    rules = {
        "gazetteer": sorted((k, v.value) for k, v in GAZETTEER.items()),
        "pos": sorted((k, v.value) for k, v in POS_TO_ENTITY.items()),
        "min_pos_length": MIN_POS_LENGTH,
        "pos_stopwords": sorted(POS_STOPWORDS),
        "direction": {k.value: v for k, v in DIRECTION_CUES.items()},
        "modality": {k.value: v for k, v in MODALITY_CUES.items()},
        "share": SHARE_CUES,
        "kind_of_unit": sorted((k, v.value) for k, v in KIND_OF_UNIT.items()),
        "kind_of_dimension": sorted((k.value, v.value) for k, v in KIND_OF_DIMENSION.items()),
        "jieba": jieba,
        "numbers": hashlib.sha256(numbers_source.encode("utf-8")).hexdigest(),
    }
    blob = json.dumps(rules, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:10]


def model_version() -> str:
    """``prelabel-<PRELABEL_VERSION>-<rules hash>``: the ``model_version`` of predictions."""
    return f"prelabel-{PRELABEL_VERSION}-{rules_hash()}"
