"""Recognize and normalize number expressions in Chinese economic and trade news.

Contract
========

:func:`find_quantities` takes any ``str`` and returns a list of :class:`Quantity`, sorted by
``start`` and non-overlapping. It never raises: a candidate whose normalization fails is skipped
(or kept with ``number=None``), and a non-``str`` argument gives ``[]``. Offsets follow the
schema convention: Python code points, ``start`` inclusive, ``end`` exclusive, and
``text == input[start:end]``. Simplified and Traditional script, full-width digits and Latin
letters (``１２３``, ``ｋｍ``), Arabic and Chinese numerals are all handled; matching runs on a
length-preserving folded copy of the input, so offsets and ``text``/``unit_text`` always refer to
the original characters. The approx qualifiers, units and measure words read are listed in
:data:`_PRE_APPROX`, :data:`_POST_APPROX` and :data:`_UNITS`.

Throughput is about 4-6 MB/s of UTF-8 news text on one core (``benchmarks/numbers.py``): one
compiled character-class scan finds candidate positions, and the more specific compiled regexes
run only where a candidate's neighbours make them possible.

Fields of a :class:`Quantity`
-----------------------------

``number``
    ``quantity``: the value fully scaled by its multipliers (``564.32亿元`` -> 56432000000.0,
    ``1.12万余人次`` -> 11200.0), computed in decimal arithmetic so that it is the float nearest
    the written value. Percentages stay in percent (``67.2%`` -> 67.2, ``百分之六十七点二`` ->
    67.2, ``八成`` -> 80.0, ``5‰`` -> 0.5); ``个百分点`` is in percentage points; fractions are
    ratios (``三分之一`` -> 0.333...). ``duration``: the count of the time unit (``两天`` -> 2.0).
    ``ordinal``: the rank (``第三届`` -> 3.0, ``一级`` -> 1.0). ``date``, ``time``,
    ``identifier`` and ``phone``: ``None`` (see ``iso`` for dates and times). ``None`` as well
    whenever the value would not be a finite float.
``unit``
    A schema :class:`~silkroad_news.schema.Unit` for quantities with a unit the schema knows
    (``元`` CNY, ``%``, ``个百分点`` pp, ``倍`` times, ``吨`` t, ``公里`` km, ``km/h``, measure
    words -> count ...). ``None`` for every other category, for bare numbers (``3159`` with no
    unit) and for units the schema lacks (``平方米``, ``亩``, ``千瓦``; ``unit_text`` still shows
    them).
``unit_text``
    The unit or measure word as written, in the original script (``億元``, ``個百分點``, ``列``).
    For non-count units a 万/亿 (or after Arabic digits also 百/千) multiplier written directly
    before the unit is part of it (``亿元``, ``万吨``), because that is how the press quotes
    units; for measure words, durations and ordinals it is not (``2万袋`` -> ``袋``). For
    durations it is the time unit (``天``, ``小时``), for ordinals the measure word after the
    number (``届``), ``""`` when there is none.
``approx``
    :class:`~silkroad_news.schema.Approx`: ``at_least`` for 多/余/超/超过/逾/以上/至少,
    ``at_most`` for 不到/不足/不超过/以下/以内, ``about`` for 约/大约/近/将近/接近/左右.
    A qualifier before the number wins over one after it.
``category``
    :class:`~silkroad_news.schema.NumberCategory`.
``value_text``
    The number as written with its multipliers (``1.12万``, ``五``, ``2000``, ``-5.3``); the
    whole span for dates and times, the whole token for identifiers and phones.
``iso``
    Dates and times only, as (reduced-precision) ISO 8601: ``2023``, ``2023-08``,
    ``2024-08-08``, ``--10-18`` (month-day), ``---19`` (day), ``2013/2023`` (a range),
    ``15:41:24``, ``10:30``. ``None`` for quarters, ``前8个月`` and 上午-style time words.

Span convention
===============

* A quantity span covers the number, its multipliers, its unit or measure word and the approx
  qualifiers attached to it: ``超1600列次``, ``近70亿元``, ``2万袋左右``, ``1.12万余人次``,
  ``2000多家``, ``不到5%``, ``超过20%``. Verbs are never part of it: in ``同比增长67.2%`` the
  span is ``67.2%``; 达/高达/突破 are verbs too. ``18.8个百分点`` is one quantity (pp). A minus
  sign directly before a percentage is part of it (``同比-5.3%`` -> ``-5.3%``).
* Two values in one phrase are two quantities: ``由每年500万吨提升至836万吨``,
  ``分别增长1.7%、31.4%``, ``10%-20%``. In a range written with the unit once (``3至5家``,
  ``3-5万元``) the first number spans only itself and takes the unit, and a multiplier written
  once, from the second (``3`` -> 30000.0 CNY). ``100(80)km/h`` gives 100 km/h spanning
  ``100`` and 80 km/h spanning ``80``: spans may not overlap, so neither includes the shared
  unit, which ``unit_text`` records.
* Dates: ``2023年8月底``, ``9月上旬`` and ``2023年度`` are one span each (the 底/初/末/上旬/
  中旬/下旬 and 度/份 suffixes included). ``2013年至2023年8月底`` gives two dates; compact
  ranges ``1-8月`` and ``2013-2023年`` give one. A year written as four Arabic digits and glued to
  a name (``2023中国产业转移发展对接活动``, ``2023金华·温宿…洽谈会``) is a date. ``2024-08-08
  15:41:24`` is a date and a time. 上午/下午/晚上... directly after a date are a ``time`` span of
  their own; before a clock time they are part of it (``下午3时``). Quarters (``一季度``,
  ``前三季度``) and ``前8个月`` are dates (``前`` included, ``今年`` not: no numeral).
* Durations include a trailing 来: ``10年来``; ``两天``, ``24小时``, ``3个多月`` (at_least).
* Ordinals: ``第三届``, ``第5场`` (第 and the measure word included), grades ``一级``,
  ``二级``, ``一类`` (级 always; 类/期 after a Chinese numeral other than 两), ``3号``,
  ``70周年``, and a Chinese numeral alone in brackets, ``(二)``, which spans just ``二``.
* ``“十四五”`` and the other five-year-plan names are identifiers (a plan's name, not a rank
  in running text), spanning ``十四五`` without the quotes.
* Identifiers: Latin-letter tokens with a digit (``G217``, ``W020231024331736256423_800``,
  ``PM2.5``), digit tokens glued to letters that are no unit (``5G``), and runs of 12 or more
  digits. Phones: mobile ``13391219793``, ``400-0123-021``/``800`` numbers, ``0991-1234567``.
  Neither is ever a quantity.
* Counted things: a numeral before a measure word (``34项``, ``两位“重磅嘉宾”`` -> ``两位``,
  ``18个国家`` -> ``18个``) or before one of the nouns the press counts directly (``18国``,
  ``两地``, ``五口岸``, ``6横、6纵、7枢纽、8通道``) is a count. ``五大区域`` and ``三大贸易伙伴``
  span ``五大``/``三大`` with ``unit_text`` ``大``: the counted noun has no reliable extent.
* What is NOT returned: a Chinese numeral with nothing countable after it (``两区``, ``一港``,
  ``二手车``, ``四道班``, ``八方宾客``, ``之一``); the bare numeral 一 with a measure word or
  time unit, which the press uses as an article or inside words (``一带一路``, ``一批``,
  ``一系列``, ``一站式``, ``一个个``, ``一家企业``, ``一年之计``) -- it is kept only in
  ``一倍``, grades, dates, ``第一`` and ``(一)``; runs of bare Chinese digits (``三四家``,
  ``一一``); set phrases in :data:`_IDIOMS` (``三个代表``, ``八项规定``, ``三天两头``...);
  number words without a numeral (``上半年``, ``首批``, ``几天``, ``数百``, ``上万``).

A bare Arabic number (no unit) is a ``quantity`` with ``unit=None`` and ``unit_text=""``.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import cn2an

from silkroad_news.schema import Approx, NumberCategory, Unit

__all__ = ["Quantity", "find_quantities"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number expression in a text; see the module docstring for the field semantics."""

    start: int
    end: int
    text: str
    number: float | None
    unit: Unit | None
    unit_text: str
    approx: Approx
    category: NumberCategory
    value_text: str = ""
    iso: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form: enums become their string values."""
        d = asdict(self)
        d["unit"] = None if self.unit is None else self.unit.value
        d["approx"] = self.approx.value
        d["category"] = self.category.value
        return d


# --------------------------------------------------------------------------------------------
# Folding: matching runs on a copy with the same length, so one regex serves every script.
# --------------------------------------------------------------------------------------------


def _words(s: str) -> tuple[str, ...]:
    """Vocabularies are written as space-separated words: easier to read and review."""
    return tuple(s.split())


_FW_DIGITS = "".join(chr(0xFF10 + i) for i in range(10))
_FW_UPPER = "".join(chr(0xFF21 + i) for i in range(26))
_FW_LOWER = "".join(chr(0xFF41 + i) for i in range(26))
# Only Traditional characters that occur in numerals, units and qualifiers: folding more would
# be OpenCC's job and gains nothing here.
_TRAD_PAIRS = _words(
    "億亿 萬万 兩两 個个 點点 噸吨 項项 場场 屆届 級级 類类 國国 餘余 約约 過过 幾几 "
    "臺台 輛辆 條条 張张 間间 筆笔 週周 時时 鐘钟 標标 準准 裏里 裡里 歲岁 號号 種种 "
    "處处 戶户 隻只 頭头 縣县 樞枢 紐纽 縱纵 橫横 來来 內内 將将 歐欧 盧卢 數数 輪轮 "
    "層层 棟栋 畝亩 頃顷"
)
_TRAD = "".join(p[0] for p in _TRAD_PAIRS)
_SIMP = "".join(p[1] for p in _TRAD_PAIRS)
_FOLD_MAP: Final = dict(
    zip(
        _FW_DIGITS + _FW_UPPER + _FW_LOWER + "％．／：－（）＿～○" + _TRAD,
        "0123456789"
        + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        + "abcdefghijklmnopqrstuvwxyz"
        + "%./:-()_~〇"
        + _SIMP,
        strict=True,
    )
)
# re.sub over the few foldable characters is 3-15x faster than str.translate on CJK text.
_FOLDABLE: Final = re.compile("[" + "".join(re.escape(c) for c in _FOLD_MAP) + "]")


def _fold(text: str) -> str:
    return _FOLDABLE.sub(lambda m: _FOLD_MAP[m.group()], text)


# --------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------

# Unit kinds, internal: they decide category, unit_text and which qualifiers may attach.
_COUNT: Final = "count"  # measure words and directly counted nouns -> Unit.COUNT
_MEASURE: Final = "measure"  # physical and money units, %, pp, 倍
_DURATION: Final = "duration"
_GRADE: Final = "grade"  # 一级, 二类, 3号: ordinal
_GRADE_CN: Final = "grade_cn"  # 类, 期: ordinal after a Chinese numeral other than 两, else count
_TENTH: Final = "tenth"  # 成: tenths, reported in percent
_PERMILLE: Final = "permille"
_QUARTER: Final = "quarter"  # 季度 right after the numeral: a date

_COUNT_WORDS = _words(
    "个 家 列 列次 人次 人 项 批 袋 座 场 场次 位 名 件 次 架次 架 辆 辆次 艘 艘次 条 台 "
    "台套 套 处 所 户 只 头 株 棵 张 份 种 款 宗 票 趟 班 班次 航次 车次 篇 部 本 层 栋 "
    "幢 间 笔 例 组 箱 届 轮 支 颗 家次 "
    # nouns the press counts without a measure word
    "国 地 省 市 县 口岸 口 通道 枢纽 横 纵 大"
)
_DURATION_WORDS = _words(
    "年 个月 月 天 日 周 个星期 星期 个小时 小时 分钟 秒钟 秒 个工作日 工作日 个季度 昼夜"
)

_UNITS: Final[dict[str, tuple[Unit | None, str]]] = {
    **{w: (Unit.COUNT, _COUNT) for w in _COUNT_WORDS},
    **{w: (None, _DURATION) for w in _DURATION_WORDS},
    "个多月": (None, _DURATION),
    "个半月": (None, _DURATION),
    "个多小时": (None, _DURATION),
    "个半小时": (None, _DURATION),
    "级": (None, _GRADE),
    "号": (None, _GRADE),
    "周年": (None, _GRADE),
    "类": (Unit.COUNT, _GRADE_CN),
    "期": (Unit.COUNT, _GRADE_CN),
    "季度": (None, _QUARTER),
    "成": (Unit.PERCENT, _TENTH),
    "%": (Unit.PERCENT, _MEASURE),
    "‰": (Unit.PERCENT, _PERMILLE),
    "个百分点": (Unit.PP, _MEASURE),
    "百分点": (Unit.PP, _MEASURE),
    "倍": (Unit.TIMES, _MEASURE),
    "元": (Unit.CNY, _MEASURE),
    "人民币": (Unit.CNY, _MEASURE),
    "美元": (Unit.USD, _MEASURE),
    "欧元": (Unit.EUR, _MEASURE),
    "卢布": (Unit.RUB, _MEASURE),
    "港元": (None, _MEASURE),
    "港币": (None, _MEASURE),
    "日元": (None, _MEASURE),
    "英镑": (None, _MEASURE),
    "坚戈": (None, _MEASURE),
    "吨": (Unit.T, _MEASURE),
    "公斤": (Unit.KG, _MEASURE),
    "千克": (Unit.KG, _MEASURE),
    "公里/小时": (Unit.KM_H, _MEASURE),
    "千米/小时": (Unit.KM_H, _MEASURE),
    "公里每小时": (Unit.KM_H, _MEASURE),
    "公里": (Unit.KM, _MEASURE),
    "千米": (Unit.KM, _MEASURE),
    "㎞": (Unit.KM, _MEASURE),
    "平方公里": (Unit.KM2, _MEASURE),
    "平方千米": (Unit.KM2, _MEASURE),
    "米": (Unit.M, _MEASURE),
    "平方米": (None, _MEASURE),
    "㎡": (None, _MEASURE),
    "立方米": (None, _MEASURE),
    "亩": (None, _MEASURE),
    "公顷": (None, _MEASURE),
    "标箱": (Unit.TEU, _MEASURE),
    "标准箱": (Unit.TEU, _MEASURE),
    "千瓦时": (Unit.KWH, _MEASURE),
    "千瓦": (None, _MEASURE),
    "兆瓦": (None, _MEASURE),
    "吉瓦": (None, _MEASURE),
    "桶": (None, _MEASURE),
    "岁": (None, _MEASURE),
    "㎏": (Unit.KG, _MEASURE),
}
# Latin units must not run into a longer Latin token (``5GW`` is a unit, ``5Gbps`` is not ours).
_ASCII_UNITS: Final[dict[str, tuple[Unit | None, str]]] = {
    "km/h": (Unit.KM_H, _MEASURE),
    "km2": (Unit.KM2, _MEASURE),
    "km²": (Unit.KM2, _MEASURE),
    "km": (Unit.KM, _MEASURE),
    "kg": (Unit.KG, _MEASURE),
    "kWh": (Unit.KWH, _MEASURE),
    "kwh": (Unit.KWH, _MEASURE),
    "TEU": (Unit.TEU, _MEASURE),
    "m2": (None, _MEASURE),
    "m²": (None, _MEASURE),
    "m": (Unit.M, _MEASURE),
    "GW": (None, _MEASURE),
    "MW": (None, _MEASURE),
    "kW": (None, _MEASURE),
}
_ALL_UNITS: Final = {**_UNITS, **_ASCII_UNITS}

_ORDINAL_WORDS = _words(
    "届 期 场 次 批 轮 代 章 节 条 款 项 个 名 位 季 年 天 周 号 家 座 列 站 段 级 类 "
    "部分 部 阶段 步 回 集 卷 版 页 层 局 棒"
)

# Set phrases whose numerals count nothing; matched at a Chinese-numeral anchor.
_IDIOMS = _words(
    "三个代表 五位一体 四个全面 四个意识 四个自信 两个维护 两个确立 两个大局 八项规定 "
    "三天两头 三番五次 一五一十 七上八下 三年五载 五湖四海 四面八方 十全十美 三令五申 "
    "三心二意 九牛一毛 五家渠 三道岭 七台河 五台山 十三间房 两个一百年"
)

_MULT_EXP: Final = {"百": 2, "千": 3, "万": 4, "亿": 8}
_CN_DIGIT: Final = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}

# --------------------------------------------------------------------------------------------
# Regexes (all on folded text)
# --------------------------------------------------------------------------------------------

_AR = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
# 零/〇 never start a numeral: 零部件, 零售 are words, and years are matched separately.
_CN_START = "一二三四五六七八九十两"
_CN_BODY = "〇零一二三四五六七八九十百千万亿两"
_CN = rf"(?:[{_CN_START}][{_CN_BODY}]*(?:点[〇零一二三四五六七八九]+)?)"
# 千米/千克/千瓦 are units and 百分点 a unit, not a multiplier followed by 米/克/瓦/分点.
_MULT = r"(?:(?:[百千](?![米克瓦分])|[万亿]){1,3})"


def _alternation(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_UNIT_RE = (
    rf"(?:{_alternation(_UNITS)}"
    rf"|(?:{_alternation(_ASCII_UNITS)})(?![A-Za-z0-9_]))"
)

# A bare character class: re scans for it much faster than for an alternation with lookbehinds;
# run() dispatches on the character found.
_ANCHOR: Final = re.compile(f"[A-Za-z_0-9{_CN_START}百千万]")
_TOKEN: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*")
_CN_START_SET: Final = frozenset(_CN_START)
_CN_BODY_SET: Final = frozenset(_CN_BODY)

_GEN: Final = re.compile(
    rf"(?:(?P<ar>{_AR})(?P<m1>{_MULT})?|(?P<cn>{_CN}))"
    # 余 is also a noun head: 余额, 余量, 余粮
    r"(?P<q1>多|余(?![额量粮热地下]))?"
    rf"(?P<m2>{_MULT})?"
    r"(?P<sp>[ \u00a0])?"
    rf"(?P<unit>{_UNIT_RE})?"
    r"(?P<tail>多|半)?"
    r"(?P<lai>来)?"
    r"(?P<post>左右|以上|以下|以内|有余)?"
)

_PHONE: Final = re.compile(
    r"(?:[48]00-[0-9]{3,4}-[0-9]{3,4}|[48]00[0-9]{7}"
    r"|(?:86[- ]?)?1[3-9][0-9]{9}"
    r"|0[0-9]{2,3}-[0-9]{7,8})(?![0-9.])"
)
_ISO_DATE: Final = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9.])")
_CLOCK: Final = re.compile(r"([01]?[0-9]|2[0-4]):([0-5][0-9])(?::([0-5][0-9]))?(?![0-9:])")
_SHI: Final = re.compile(r"([01]?[0-9]|2[0-4])时(?:([0-5]?[0-9])分(?:([0-5]?[0-9])秒)?)?")
# N点 alone is also "N points" (3点建议): a clock time only with minutes, 半, or a time word.
_DIAN: Final = re.compile(r"([01]?[0-9]|2[0-4])点(?:([0-5]?[0-9])分|(半))")
_DIAN_LOOSE: Final = re.compile(r"([01]?[0-9]|2[0-4])点(?:([0-5]?[0-9])分|(半))?")
_TOD_WORDS: Final = _words("上午 下午 中午 晚上 凌晨 早上 傍晚 早晨 夜间 清晨")
_TOD: Final = re.compile("|".join(_TOD_WORDS))
_TOD_SET: Final = frozenset(_TOD_WORDS)  # all two characters long: _time looks back two
_PM_WORDS: Final = frozenset(("下午", "晚上", "傍晚", "夜间"))

_DATE_SUFFIX = r"(?P<suf>中下旬|上中旬|上旬|中旬|下旬|底|初(?![步级期心创次始见])|末)?"
_DATE_AR: Final = re.compile(
    r"(?:(?P<y>[0-9]{4})年(?P<ydu>度)?"
    r"(?:(?P<mo>1[0-2]|0?[1-9])月份?(?:(?P<d>3[01]|[12][0-9]|0?[1-9])[日号])?)?"
    r"|(?P<mo2>1[0-2]|0?[1-9])月份?(?:(?P<d2>3[01]|[12][0-9]|0?[1-9])[日号])?"
    r"|(?P<d3>3[01]|[12][0-9]|0?[1-9])日)" + _DATE_SUFFIX
)
_MO_CN = r"十[一二]?|[一二三四五六七八九]"
_D_CN = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_D_CN_LONG = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
_DATE_CN: Final = re.compile(
    rf"(?:(?P<y>[〇零一二三四五六七八九]{{4}})年(?P<ydu>度)?"
    rf"(?:(?P<mo>{_MO_CN})月份?(?:(?P<d>{_D_CN})[日号])?)?"
    rf"|(?P<mo2>{_MO_CN})月份?(?:(?P<d2>{_D_CN})[日号])?"
    rf"|(?P<d3>{_D_CN_LONG})日)" + _DATE_SUFFIX
)
_RANGE_SEP = r"[-—–~至到]"
_YEAR_RANGE: Final = re.compile(rf"([0-9]{{4}}){_RANGE_SEP}([0-9]{{4}})年度?")
_MONTH_RANGE: Final = re.compile(
    rf"(1[0-2]|0?[1-9]){_RANGE_SEP}(1[0-2]|0?[1-9])月份?"
    rf"|({_MO_CN}){_RANGE_SEP}({_MO_CN})月份?"
)
_QUARTER_RE: Final = re.compile(r"[一二三四1-4]季度")
_FIRST_N: Final = re.compile(rf"(?:{_AR}|{_CN})(?:个月|季度)")
_DIGIT_RUN: Final = re.compile(r"[0-9]+")
_CN_RUN: Final = re.compile(f"[{_CN_BODY}]+")
_CN_SPECIAL_NEXT: Final = frozenset("月日年季分至到-—–~)")
_AR_SPECIAL_NEXT: Final = frozenset("-/.:年月日时点季分(至到—–~")
_RANGE_NEXT: Final = re.compile(_RANGE_SEP + r"(?=[0-9" + _CN_START + "])")
_PAREN_ALT: Final = re.compile(
    rf"(?P<a>{_AR})(?P<am>{_MULT})?\((?P<b>{_AR})(?P<bm>{_MULT})?\)(?P<sp> ?)(?P<unit>{_UNIT_RE})"
)
_FRACTION: Final = re.compile(rf"(?P<den>{_AR}|{_CN})分之(?P<num>{_AR}|{_CN})")
_PCT_PREFIX: Final = re.compile(
    rf"(?P<kind>[百千万])分之(?P<n>百|{_AR}|{_CN})(?P<post>左右|以上|以下|以内)?"
)
_ORDINAL: Final = re.compile(
    rf"(?P<n>{_AR}|{_CN})(?:(?P<q>季度)|(?P<mw>{_alternation(_ORDINAL_WORDS)}))?"
)
_PLAN: Final = re.compile(r"(?:[六七八九]|十[一二三四五六])五")
_PLAN_AFTER: Final = re.compile(r"规划|时期|期间|计划|末|初|开局|[”\"’」』]")
_IDIOM_RE: Final = re.compile(_alternation(_IDIOMS))
_LONG_DIGITS: Final = re.compile(r"[0-9]{12,}")
_ID_TOKEN: Final = re.compile(r"[A-Za-z0-9_]+(?:[-.][A-Za-z0-9_]+)*")
_CN_PAREN: Final = re.compile(rf"({_CN})\)")
_PRE_APPROX: Final = {
    "不超过": Approx.AT_MOST,
    "不少于": Approx.AT_LEAST,
    "不低于": Approx.AT_LEAST,
    "不到": Approx.AT_MOST,
    "不足": Approx.AT_MOST,
    "超过": Approx.AT_LEAST,
    "大约": Approx.ABOUT,
    "将近": Approx.ABOUT,
    "接近": Approx.ABOUT,
    "至少": Approx.AT_LEAST,
    "至多": Approx.AT_MOST,
    "最多": Approx.AT_MOST,
    "多于": Approx.AT_LEAST,
    "少于": Approx.AT_MOST,
    "逾": Approx.AT_LEAST,
    "超": Approx.AT_LEAST,
    "近": Approx.ABOUT,
    "约": Approx.ABOUT,
}
# Longest first, anchored at the number: searched for in the three characters before it.
_PRE_QUAL: Final = re.compile(f"(?:{_alternation(_PRE_APPROX)})\\Z")
# A qualifier character that ends a word is no qualifier: 签约6个项目, 最近3年, 赶超20%.
_PRE_BLOCK: Final = {
    "约": frozenset("签合履预条公制节邀特相赴违守婚解续践誓立缔租爽隐简规盟契集"),
    "近": frozenset("最附靠亲贴邻就逼临"),
    "超": frozenset("赶高"),
}
_POST_APPROX: Final = {
    "左右": Approx.ABOUT,
    "以上": Approx.AT_LEAST,
    "以下": Approx.AT_MOST,
    "以内": Approx.AT_MOST,
    "有余": Approx.AT_LEAST,
}
_POST_RE: Final = re.compile("|".join(_POST_APPROX))
_OPEN_QUOTES: Final = frozenset('“"‘「『')


# --------------------------------------------------------------------------------------------
# Number conversion
# --------------------------------------------------------------------------------------------


def _is_digit_string(cn: str) -> bool:
    """True for runs of bare digits like 三四 or 一一, which cn2an reads as 34 and 11."""
    head = cn.split("点", 1)[0]
    return len(head) > 1 and not any(c in "十百千万亿" for c in head)


# News repeats a few dozen Chinese numerals (一, 两, 三, 十四...); cn2an costs ~15 µs a call.
@functools.lru_cache(maxsize=4096)
def _cn_value(cn: str) -> Decimal | None:
    if _is_digit_string(cn) or len(cn) > 24:
        return None
    try:
        v = cn2an.cn2an(cn, "smart")
        return Decimal(str(v))
    except Exception:  # cn2an raises ValueError and, on odd input, others; we only skip
        return None


def _ar_value(ar: str) -> Decimal | None:
    try:
        return Decimal(ar.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def _scale(value: Decimal | None, mult: str | None) -> Decimal | None:
    if value is None or not mult:
        return value
    return value.scaleb(sum(_MULT_EXP[c] for c in mult))


def _to_float(value: Decimal | None) -> float | None:
    if value is None:
        return None
    try:
        f = float(value)
    except (OverflowError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _digits_year(s: str) -> int | None:
    """二〇二三 -> 2023, digit by digit (cn2an's reading of digit strings is not guaranteed)."""
    try:
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    except KeyError:
        return None


def _small_int(s: str | None) -> int | None:
    """Month, day or hour written in Arabic or Chinese numerals."""
    if not s:
        return None
    if s.isascii():
        return int(s)
    v = _cn_value(s)
    return None if v is None else int(v)


def _iso_date(y: int | None, mo: int | None, d: int | None) -> str | None:
    if mo is not None and not 1 <= mo <= 12:
        return None
    if d is not None and not 1 <= d <= 31:
        return None
    if y is not None:
        if mo is None:
            return f"{y:04d}"
        return f"{y:04d}-{mo:02d}" + (f"-{d:02d}" if d is not None else "")
    if mo is not None:
        return f"--{mo:02d}" + (f"-{d:02d}" if d is not None else "")
    if d is not None:
        return f"---{d:02d}"
    return None


# --------------------------------------------------------------------------------------------
# Scanner
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Parsed:
    """A number with what follows it, before the caller decides what it is."""

    start: int
    core_end: int  # end of the number and its multipliers (value_text)
    end: int  # end of the accepted span (unit, tail, 来, post qualifier)
    value: Decimal | None
    is_cn: bool
    core: str
    mult: str  # multiplier after Arabic digits, "" for Chinese numerals (it is inside them)
    unit: Unit | None
    kind: str | None
    unit_start: int
    unit_end: int
    unit_text_start: int  # unit_text may start at an adjacent multiplier
    approx: Approx


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = _fold(text)
        self.out: list[Quantity] = []
        self.last = 0  # end of the last emitted span: nothing may start before it

    # ---- driver -------------------------------------------------------------------------

    def run(self) -> list[Quantity]:
        norm = self.norm
        search = _ANCHOR.search
        pos = 0
        n = len(norm)
        while pos < n:
            m = search(norm, pos)
            if m is None:
                break
            s = m.start()
            c = norm[s]
            prev = norm[s - 1] if s else ""
            try:
                if "0" <= c <= "9":
                    # Never start inside a number we stepped into.
                    nxt = s + 1 if "0" <= prev <= "9" else self._arabic(s)
                elif c.isascii():
                    t = _TOKEN.match(norm, s)
                    nxt = self._token(s, t.end()) if t is not None else s + 1
                elif c in _CN_START_SET and prev not in _CN_BODY_SET:
                    nxt = self._chinese(s)
                elif c in "百千万" and norm.startswith("分之", s + 1):
                    nxt = self._percent_prefix(s)
                else:
                    nxt = s + 1
            except Exception:  # a bug on odd input must cost one candidate, not the text
                nxt = s + 1
            pos = max(nxt, s + 1, self.last)
        return self.out

    def _emit(
        self,
        start: int,
        end: int,
        number: Decimal | float | None,
        unit: Unit | None,
        unit_text: str,
        approx: Approx,
        category: NumberCategory,
        value_text: str,
        iso: str | None = None,
    ) -> None:
        if start < self.last or end <= start:
            return
        if not value_text and category in (NumberCategory.DATE, NumberCategory.TIME):
            value_text = self.text[start:end]
        num = _to_float(number) if isinstance(number, Decimal) else number
        if num is not None and not math.isfinite(num):
            num = None
        self.out.append(
            Quantity(
                start=start,
                end=end,
                text=self.text[start:end],
                number=num,
                unit=unit,
                unit_text=unit_text,
                approx=approx,
                category=category,
                value_text=value_text,
                iso=iso,
            )
        )
        self.last = end

    # ---- context ------------------------------------------------------------------------

    def _before(self, s: int, ch: str) -> bool:
        return s >= 1 and s - 1 >= self.last and self.norm[s - 1] == ch

    def _pre_qualifier(self, s: int) -> tuple[int, Approx] | None:
        lo = max(self.last, s - 3)
        m = _PRE_QUAL.search(self.norm, lo, s)
        if m is None:
            return None
        word = m.group()
        qs = m.start()
        block = _PRE_BLOCK.get(word)
        if block and qs >= 1 and self.norm[qs - 1] in block:
            return None
        return qs, _PRE_APPROX[word]

    # ---- generic number + unit ----------------------------------------------------------

    def _parse(self, s: int) -> _Parsed | None:
        m = _GEN.match(self.norm, s)
        if m is None:
            return None
        # One groups() call instead of a dozen group() calls: this runs for every number.
        ar, m1, cn, q1, m2, sp, unit_s, tail, lai, post = m.groups()
        if ar is not None:
            value = _scale(_ar_value(ar), m1)
            core_end = m.end(2) if m1 else m.end(1)
        else:
            value = _cn_value(cn)
            core_end = m.end(3)
        if q1 and m2:
            value = _scale(value, m2)
            core_end = m.end(5)
        end = m.end(4) if q1 else core_end
        approx = Approx.AT_LEAST if q1 else Approx.EXACT
        unit: Unit | None = None
        kind: str | None = None
        unit_start = unit_end = uts = end
        if unit_s is not None and (sp is None or unit_s.isascii() or unit_s == "%"):
            unit, kind = _ALL_UNITS[unit_s]
            unit_start, unit_end = m.span(7)
            uts = unit_start
            if kind == _MEASURE and sp is None:
                # An adjacent multiplier is quoted as part of the unit: 亿元, 万吨.
                if m2 and q1:
                    uts = m.start(5)
                elif m1 and not q1:
                    uts = m.start(2)
                elif cn and not q1:
                    trail = len(cn) - len(cn.rstrip("万亿"))
                    if trail and trail < len(cn):
                        uts = m.end(3) - trail
            end = unit_end
            if tail and (kind == _DURATION or unit is Unit.TIMES):
                if tail == "半":
                    value = None if value is None else value + Decimal("0.5")
                elif approx is Approx.EXACT:
                    approx = Approx.AT_LEAST
                end = m.end(8)
            if kind == _DURATION and lai and (not tail or end == m.end(8)):
                end = m.end(9)
            if unit_s in ("个多月", "个多小时"):
                approx = Approx.AT_LEAST
            elif unit_s in ("个半月", "个半小时") and value is not None:
                value += Decimal("0.5")
        if post and m.start(10) == end and kind not in (_GRADE, _GRADE_CN, _QUARTER):
            if approx is Approx.EXACT:
                approx = _POST_APPROX[post]
            end = m.end(10)
        return _Parsed(
            start=s,
            core_end=core_end,
            end=end,
            value=value,
            is_cn=cn is not None,
            core=ar if ar is not None else cn,
            mult=m1 or "",
            unit=unit,
            kind=kind,
            unit_start=unit_start,
            unit_end=unit_end,
            unit_text_start=uts,
            approx=approx,
        )

    def _emit_parsed(self, p: _Parsed, s: int) -> int:
        """Emit a parsed number with a unit; returns the next scan position."""
        text = self.text
        value = p.value
        category = NumberCategory.QUANTITY
        unit = p.unit
        kind = p.kind
        if kind == _GRADE or (kind == _GRADE_CN and p.is_cn and p.core != "两"):
            category = NumberCategory.ORDINAL
            unit = None
        elif kind == _DURATION:
            category = NumberCategory.DURATION
        elif kind == _TENTH:
            if value is None or not (value == value.to_integral_value() and 1 <= value <= 10):
                return p.core_end
            value = value * 10
        elif kind == _PERMILLE and value is not None:
            value = value / 10
        start = p.start
        approx = p.approx
        if category is not NumberCategory.ORDINAL:
            pre = self._pre_qualifier(s)
            if pre is not None:
                start, approx = pre
        end = p.unit_end if category is NumberCategory.ORDINAL else p.end
        self._emit(
            start,
            end,
            value,
            unit,
            text[p.unit_text_start : p.unit_end],
            approx,
            category,
            text[p.start : p.core_end],
        )
        return end

    # ---- anchors ------------------------------------------------------------------------

    def _token(self, s: int, e: int) -> int:
        tok = self.norm[s:e]
        if any(c.isdigit() for c in tok):
            self._emit(
                s, e, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, self.text[s:e]
            )
        return e

    def _ordinal(self, s: int) -> int | None:
        """第 + number (+ measure word); 第一季度 is a quarter, hence a date."""
        norm = self.norm
        m = _ORDINAL.match(norm, s)
        if m is None:
            return None
        n = m.group("n")
        value = _ar_value(n) if n.isascii() else _cn_value(n)
        if value is None:
            return None
        if m.group("q"):
            self._emit(s - 1, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "")
            return m.end()
        mw_end = m.end("mw") if m.group("mw") else m.end("n")
        self._emit(
            s - 1,
            mw_end,
            value,
            None,
            self.text[m.end("n") : mw_end],
            Approx.EXACT,
            NumberCategory.ORDINAL,
            self.text[s : m.end("n")],
        )
        return mw_end

    def _dates_common(self, s: int) -> int | None:
        """Quarters and 前N个月, shared by Arabic and Chinese anchors."""
        norm = self.norm
        if self._before(s, "前"):
            m = _FIRST_N.match(norm, s)
            if m is not None:
                self._emit(s - 1, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "")
                return m.end()
        m = _QUARTER_RE.match(norm, s)
        if m is not None:
            self._emit(s, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "")
            return m.end()
        return None

    def _date_match(self, m: re.Match[str], cn: bool) -> int:
        g = m.group
        if g("y"):
            y = _digits_year(g("y")) if cn else int(g("y"))
            iso = _iso_date(y, _small_int(g("mo")), _small_int(g("d")))
        elif g("mo2"):
            iso = _iso_date(None, _small_int(g("mo2")), _small_int(g("d2")))
        else:
            iso = _iso_date(None, None, _small_int(g("d3")))
        self._emit(m.start(), m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
        self._time_of_day_after(m.end())
        return self.last

    def _time_of_day_after(self, e: int) -> None:
        t = _TOD.match(self.norm, e)
        if t is not None:
            self._emit(e, t.end(), None, None, "", Approx.EXACT, NumberCategory.TIME, "")

    def _time(self, s: int) -> int | None:
        norm = self.norm
        tod_start = s
        tod: str | None = None
        if s >= 2 and s - 2 >= self.last and norm[s - 2 : s] in _TOD_SET:
            tod = norm[s - 2 : s]
            tod_start = s - 2
        m = _CLOCK.match(norm, s)
        if m is not None:
            hms = (m.group(1), m.group(2), m.group(3))
        else:
            m = _SHI.match(norm, s) or (_DIAN_LOOSE if tod else _DIAN).match(norm, s)
            if m is None:
                return None
            hms = (m.group(1), m.group(2), m.group(3))
        h = int(hms[0])
        if tod in _PM_WORDS and h < 12:
            h += 12
        if hms[2] and hms[2].isdigit():
            iso = f"{h:02d}:{int(hms[1] or 0):02d}:{int(hms[2]):02d}"
        elif hms[2] == "半":
            iso = f"{h:02d}:30"
        elif hms[1]:
            iso = f"{h:02d}:{int(hms[1]):02d}"
        else:
            iso = f"{h:02d}"
        if h > 24:
            iso = None
        self._emit(tod_start, m.end(), None, None, "", Approx.EXACT, NumberCategory.TIME, "", iso)
        return m.end()

    def _arabic(self, s: int) -> int:
        norm = self.norm
        if self._before(s, "第"):
            r = self._ordinal(s)
            if r is not None:
                return r
        # Most numbers are plain (15个, 1.7%); only a few next characters can start a phone,
        # date, time, range, fraction or bracketed alternative, so skip those tries otherwise.
        run = _DIGIT_RUN.match(norm, s)
        run_end = run.end() if run is not None else s + 1
        nxt = norm[run_end : run_end + 1]
        if (
            (nxt in _AR_SPECIAL_NEXT and (nxt != "." or run_end - s == 4))
            or run_end - s >= 10
            or self._before(s, "前")
        ):
            r = self._arabic_special(s)
            if r is not None:
                return r
        return self._arabic_plain(s)

    def _arabic_special(self, s: int) -> int | None:
        norm = self.norm
        text = self.text
        m = _PHONE.match(norm, s)
        if m is not None:
            e = m.end()
            self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.PHONE, text[s:e])
            return e
        m = _ISO_DATE.match(norm, s)
        if m is not None:
            y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
            iso = _iso_date(y, mo, d)
            if iso is not None:
                self._emit(s, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
                return m.end()
        r = self._time(s)
        if r is not None:
            return r
        m = _YEAR_RANGE.match(norm, s)
        if m is not None:
            iso = f"{m.group(1)}/{m.group(2)}"
            self._emit(s, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
            return m.end()
        m = _MONTH_RANGE.match(norm, s)
        if m is not None and m.group(1):
            iso = f"--{int(m.group(1)):02d}/--{int(m.group(2)):02d}"
            self._emit(s, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
            return m.end()
        m = _DATE_AR.match(norm, s)
        if m is not None:
            return self._date_match(m, cn=False)
        r = self._dates_common(s)
        if r is not None:
            return r
        m = _LONG_DIGITS.match(norm, s)
        if m is not None:
            t = _ID_TOKEN.match(norm, s)
            e = t.end() if t is not None else m.end()
            self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, text[s:e])
            return e
        m = _PAREN_ALT.match(norm, s)
        if m is not None:
            return self._paren_alt(m)
        m = _FRACTION.match(norm, s)
        if m is not None:
            return self._fraction(m)
        return None

    def _arabic_plain(self, s: int) -> int:
        norm = self.norm
        text = self.text
        p = self._parse(s)
        if p is None:
            return s + 1
        e_core = p.core_end
        # Digits glued to Latin letters that are no unit form an identifier: 5G, 3D.
        glued = p.unit is None and p.kind is None and p.unit_end < len(norm)
        nxt = norm[p.unit_end] if glued else ""
        if nxt and nxt.isascii() and (nxt.isalpha() or nxt == "_"):
            t = _ID_TOKEN.match(norm, s)
            if t is not None:
                e = t.end()
                self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, text[s:e])
                return e
        if p.kind is None:
            return self._bare_arabic(p, s)
        if p.kind == _QUARTER:
            return e_core
        if p.unit in (Unit.PERCENT, Unit.PP) and self._negative(s):
            p.start = s - 1
            if p.value is not None:
                p.value = -p.value
        return self._emit_parsed(p, s)

    def _negative(self, s: int) -> bool:
        """A minus sign, not a range dash: 10%-20% and 1-5% are ranges."""
        if s < 1 or s - 1 < self.last or self.norm[s - 1] not in "-−":
            return False
        if s < 2:
            return True
        prev = self.norm[s - 2]
        return s - 2 >= self.last and not (prev.isascii() and prev.isalnum())

    def _bare_arabic(self, p: _Parsed, s: int) -> int:
        """A number without a unit: range start, year in a name, or a unitless quantity."""
        norm = self.norm
        text = self.text
        # A range with the unit written once: 3至5家, 10-20万吨.
        r = _RANGE_NEXT.match(norm, p.end)
        if r is not None and p.approx is Approx.EXACT:
            q = self._parse(r.end())
            if q is not None and q.kind in (_COUNT, _MEASURE) and q.unit_end > q.core_end:
                value = p.value
                if not p.is_cn and p.core_end == p.start + len(p.core) and q.mult:
                    # A multiplier written once serves both ends: 3至5万元 is 3万 to 5万.
                    value = _scale(value, q.mult)
                self._emit_with_pre(
                    p.start,
                    p.core_end,
                    value,
                    q.unit,
                    text[q.unit_text_start : q.unit_end],
                    Approx.EXACT,
                    NumberCategory.QUANTITY,
                    text[p.start : p.core_end],
                )
                return p.core_end
        core = p.core
        if (
            p.approx is Approx.EXACT
            and p.end == p.core_end
            and len(core) == 4
            and core.isdigit()
            and 1900 <= int(core) <= 2099
            and p.end < len(norm)
            and "\u4e00" <= norm[p.end] <= "\u9fff"
        ):
            self._emit(s, p.end, None, None, "", Approx.EXACT, NumberCategory.DATE, "", core)
            return p.end
        self._emit_with_pre(
            s,
            p.end,
            p.value,
            None,
            "",
            p.approx,
            NumberCategory.QUANTITY,
            text[p.start : p.core_end],
        )
        return p.end

    def _emit_with_pre(
        self,
        s: int,
        e: int,
        value: Decimal | None,
        unit: Unit | None,
        unit_text: str,
        approx: Approx,
        category: NumberCategory,
        value_text: str,
    ) -> None:
        pre = self._pre_qualifier(s)
        if pre is not None:
            s, approx = pre
        self._emit(s, e, value, unit, unit_text, approx, category, value_text)

    def _paren_alt(self, m: re.Match[str]) -> int:
        """100(80)km/h: two values sharing the unit written once after the bracket."""
        unit_s = m.group("unit")
        unit, kind = _ALL_UNITS[unit_s]
        if kind not in (_COUNT, _MEASURE):
            return self._fallback(m.start())
        unit_text = self.text[m.start("unit") : m.end("unit")]
        a_end = m.end("am") if m.group("am") else m.end("a")
        b_end = m.end("bm") if m.group("bm") else m.end("b")
        va = _scale(_ar_value(m.group("a")), m.group("am"))
        vb = _scale(_ar_value(m.group("b")), m.group("bm"))
        q = NumberCategory.QUANTITY
        self._emit_with_pre(
            m.start(), a_end, va, unit, unit_text, Approx.EXACT, q, self.text[m.start() : a_end]
        )
        b = m.start("b")
        self._emit(b, b_end, vb, unit, unit_text, Approx.EXACT, q, self.text[b:b_end])
        return m.end()

    def _fallback(self, s: int) -> int:
        p = self._parse(s)
        if p is None:
            return s + 1
        return self._bare_arabic(p, s) if p.kind is None else self._emit_parsed(p, s)

    def _fraction(self, m: re.Match[str]) -> int | None:
        den_s, num_s = m.group("den"), m.group("num")
        den = _ar_value(den_s) if den_s.isascii() else _cn_value(den_s)
        num = _ar_value(num_s) if num_s.isascii() else _cn_value(num_s)
        if den is None or num is None or den == 0:
            return None
        e = m.end()
        approx = Approx.EXACT
        post = _POST_RE.match(self.norm, e)
        if post is not None:
            approx = _POST_APPROX[post.group()]
            e += 2
        s = m.start()
        pre = self._pre_qualifier(s)
        if pre is not None:
            s, approx = pre
        value = num / den
        self._emit(
            s,
            e,
            value,
            None,
            self.text[m.end("den") : m.start("num")],
            approx,
            NumberCategory.QUANTITY,
            self.text[m.start() : m.end()],
        )
        return e

    def _percent_prefix(self, s: int) -> int:
        """百分之六十七点二 -> 67.2 %, 千分之五 -> 0.5 %, 万分之三 -> 0.03 %."""
        m = _PCT_PREFIX.match(self.norm, s)
        if m is None:
            return s + 3
        n = m.group("n")
        value = Decimal(100) if n == "百" else (_ar_value(n) if n.isascii() else _cn_value(n))
        if value is None:
            return s + 3
        value = value.scaleb({"百": 0, "千": -1, "万": -2}[m.group("kind")])
        approx = _POST_APPROX[m.group("post")] if m.group("post") else Approx.EXACT
        start = s
        pre = self._pre_qualifier(s)
        if pre is not None:
            start, approx = pre
        self._emit(
            start,
            m.end(),
            value,
            Unit.PERCENT,
            self.text[s : s + 3],
            approx,
            NumberCategory.QUANTITY,
            self.text[s : m.end("n")],
        )
        return m.end()

    def _chinese(self, s: int) -> int:
        norm = self.norm
        if self._before(s, "第"):
            r = self._ordinal(s)
            if r is not None:
                return r
        m = _IDIOM_RE.match(norm, s)
        if m is not None:
            return m.end()
        # As for Arabic digits: only a few neighbours can make a numeral a date, a fraction, a
        # plan name or a bracketed ordinal; 一 in words and measure-word counts skip the tries.
        run = _CN_RUN.match(norm, s)
        run_end = run.end() if run is not None else s + 1
        if (
            norm[run_end : run_end + 1] in _CN_SPECIAL_NEXT
            or norm[run_end - 1] == "五"
            or (s >= 1 and norm[s - 1] in "(前")
        ):
            r = self._chinese_special(s)
            if r is not None:
                return r
        return self._chinese_plain(s)

    def _chinese_special(self, s: int) -> int | None:
        norm = self.norm
        if self._before(s, "("):
            m = _CN_PAREN.match(norm, s)
            if m is not None:
                value = _cn_value(m.group(1))
                if value is not None:
                    e = m.end(1)
                    self._emit(
                        s, e, value, None, "", Approx.EXACT, NumberCategory.ORDINAL, self.text[s:e]
                    )
                    return e
        m = _PLAN.match(norm, s)
        if m is not None:
            e = m.end()
            quoted = s >= 1 and norm[s - 1] in _OPEN_QUOTES
            if quoted or _PLAN_AFTER.match(norm, e):
                self._emit(
                    s, e, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, self.text[s:e]
                )
                return e
        r = self._dates_common(s)
        if r is not None:
            return r
        m = _MONTH_RANGE.match(norm, s)
        if m is not None and m.group(3):
            a, b = _small_int(m.group(3)), _small_int(m.group(4))
            iso = None if a is None or b is None else f"--{a:02d}/--{b:02d}"
            self._emit(s, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
            return m.end()
        m = _DATE_CN.match(norm, s)
        if m is not None:
            return self._date_match(m, cn=True)
        m = _FRACTION.match(norm, s)
        if m is not None:
            return self._fraction(m)
        return None

    def _chinese_plain(self, s: int) -> int:
        norm = self.norm
        p = self._parse(s)
        if p is None:
            return s + 1
        if p.value is None:
            return p.core_end
        if p.kind is None:
            # A bare Chinese numeral counts nothing (两区, 二手), unless a range gives it a unit.
            r2 = _RANGE_NEXT.match(norm, p.end)
            if r2 is not None and p.approx is Approx.EXACT and p.core != "一":
                return self._bare_arabic(p, s) if self._range_has_unit(r2.end()) else p.end
            return p.end
        if p.kind == _QUARTER:
            return p.core_end
        if p.core == "一" and not (p.kind in (_GRADE, _GRADE_CN) or p.unit is Unit.TIMES):
            # 一 + measure word is an article or part of a word: 一批, 一个个, 一家企业, 一成不变.
            return p.unit_end
        return self._emit_parsed(p, s)

    def _range_has_unit(self, s: int) -> bool:
        q = self._parse(s)
        return q is not None and q.kind in (_COUNT, _MEASURE)


def find_quantities(text: str) -> list[Quantity]:
    """Return the number expressions of ``text``, sorted and non-overlapping; never raises."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return _Scanner(text).run()
    except Exception:  # the per-candidate guard should make this unreachable; stay total
        return []
