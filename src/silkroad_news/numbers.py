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
the original characters. The units and measure words read are those of the unit inventory
(:mod:`silkroad_news.units`); the approx qualifiers are :data:`_PRE_APPROX` and
:data:`_POST_APPROX`. The readings follow section 4 of the annotation guidelines (version 1.2).

Throughput is measured by ``benchmarks/numbers.py`` (target: 2 MB/s of UTF-8 news text on one
core): one compiled character-class scan finds candidate positions, units are matched by one
trie-shaped regex, and the more specific regexes run only where a candidate's neighbours make
them possible.

Fields of a :class:`Quantity`
-----------------------------

``number``
    ``quantity``: the value fully scaled by its multipliers (``564.32亿元`` -> 56432000000.0,
    ``1.12万余人次`` -> 11200.0), computed in decimal arithmetic so that it is the float nearest the
    written value. Percentages stay in percent (``67.2%`` -> 67.2, ``百分之六十七点二`` -> 67.2,
    ``八成`` and ``8折`` -> 80.0, ``8.5折``, ``八五折`` and ``85折`` -> 85.0), per mille in per
    mille (``5‰`` and ``千分之五`` -> 5.0, unit ``‰``); ``个百分点`` is in percentage points;
    fractions are ratios (``三分之一``, ``1/3`` -> 0.333..., unit ``1``). ``duration``: the
    count of the time unit (``两天`` -> 2.0). ``ordinal``: the rank (``第三届`` -> 3.0).
    ``date``, ``time``, ``identifier`` and ``phone``: ``None`` (see ``iso`` for dates and
    times). ``None`` as well for a range and a vague numeral read as a range (``low``/``high``
    hold the bounds) and whenever the value would not be a finite float.
``low``, ``high``
    The two bounds of a range, each fully scaled (``3至5家`` -> 3.0, 5.0; ``8500到3万元`` ->
    8500.0, 30000.0), or of a vague numeral read as a range (``数百`` -> 200.0, 900.0; ``十几`` ->
    11.0, 19.0; ``三四家`` -> 3.0, 4.0). ``None`` otherwise; ``low <= high`` always.
``unit``
    The unit inventory's code (:mod:`silkroad_news.units`) for quantities and durations with a
    unit or measure word: ``CNY``, ``%``, ``pp``, ``t``, ``kW``, ``[mu_cn]`` (亩), ``m3``,
    ``ug/m3``, ``pt`` (index points), ``d`` (天), ``count:家``, ``CNY/t`` (元/吨). ``None`` for
    every other category and for bare numbers (``3159``). :func:`silkroad_news.units.
    schema_v1_unit` turns a code into the schema-1.0 ``Unit``.
``dimension``
    The code's dimension (``currency``, ``mass``, ``count``, ``currency/mass``...), ``None``
    without a unit.
``unit_text``
    The unit or measure word as written, in the original script (``億元``, ``個百分點``, ``列``).
    For units of measure a 万/亿 (or after Arabic digits also 百/千) multiplier written directly
    before the unit is part of it (``亿元``, ``万吨``, ``万千瓦``), because that is how the press
    quotes units (``四百万千瓦`` -> ``万千瓦``); for measure words, durations and ordinals it is
    not (``2万袋`` -> ``袋``). A
    multiplier that is the whole numeral is not (``上万元`` -> ``元``). For durations it is the
    time unit (``天``, ``小时``), for ordinals the measure word after the number (``届``),
    ``""`` when there is none.
``approx``
    :class:`~silkroad_news.schema.Approx`: ``at_least`` for 多/余/超/超过/逾/以上/至少 and
    上百-type numerals, ``at_most`` for 不到/不足/不超过/以下/以内, ``about`` for
    约/约合/大约/大概/近/将近/接近/左右/上下 and for vague numerals read as ranges (数百,
    十几, 三四). A written range (``3至5家``) is ``exact`` unless a qualifier says otherwise;
    one before the first bound covers both (``约合8万到12万元``: about). A qualifier before the
    number wins over one after it.
``category``
    :class:`~silkroad_news.schema.NumberCategory`.
``value_text``
    The number as written with its multipliers (``1.12万``, ``五``, ``2000``, ``-5.3``,
    ``3至5万``, ``数百``); the whole span for dates and times, the whole token for identifiers and
    phones.
``iso``
    Dates and times only, as (reduced-precision) ISO 8601: ``2023``, ``2023-08``,
    ``2024-08-08``, ``--10-18`` (month-day), ``---19`` (day), ``2013/2023`` (a range),
    ``15:41:24``, ``10:30``, ``08`` (``8点``). ``None`` for quarters, ``前8个月``, decades
    (``80年代``) and 上午-style time words.

Span convention
===============

* A quantity span covers the number, its multipliers, its unit or measure word and the approx
  qualifiers attached to it: ``超1600列次``, ``近70亿元``, ``2万袋左右``, ``1.12万余人次``,
  ``2000多家``, ``不到5%``, ``超过20%``. Verbs are never part of it: in ``同比增长67.2%`` the
  span is ``67.2%``; 达/高达/突破 are verbs too. ``18.8个百分点`` is one quantity (pp). A minus
  sign directly before a percentage, a currency amount, a temperature or index points is part
  of it (``同比-5.3%`` -> ``-5.3%``), and so is 零下 before a temperature (``零下18℃`` -> -18).
* A unit written ``A/B`` is one unit: ``85美元/桶`` (``USD/[bbl_us]``), ``3000元/吨``,
  ``35微克/立方米`` (an inventory entry, ``ug/m3``).
* Ranges (``至``, ``到``, ``-``, ``~``, ``—`` between two bounds of one figure) are one quantity
  spanning both bounds and the unit: ``3至5个百分点``, ``8500到3万元``, ``10%-20%``,
  ``百分之五到八``, ``3-5家``, ``三至五成``, ``一到两成`` (10 to 20 %), ``3至5年`` and
  ``10至20毫秒`` (durations). A multiplier or unit written once applies to both bounds
  (``3-5万元`` -> 30000, 50000), except when the first bound is larger than the second's
  digits (``8500到3万元`` -> 8500, 30000). Two figures of a change
  (``由每年500万吨提升至836万吨``, ``从3家到5家``: a first bound after 从/由) and lists
  (``分别增长1.7%、31.4%``) are separate quantities, and so are bounds in the wrong order.
  ``100(80)km/h`` gives 100 km/h spanning ``100`` and 80 km/h spanning ``80``.
* Vague numerals (guidelines 4, table): ``上百位`` -> 100 at_least, ``近千家`` -> 1000 about,
  ``百余项`` -> 100 at_least, ``百项``/``千家`` -> 100/1000 exact (a round figure alone is read
  only before a measure word or a currency), ``数百``/``几十万`` -> 2x to 9x, ``十几家`` ->
  11 to 19 (``二十几`` -> 21 to 29), ``十多家`` -> 10 at_least, ``三四家``/``七八十人`` -> 3 to 4,
  70 to 80.
* Index points and clock times: ``点`` after a number is index points (``pt``) after an index
  word (指数, 沪指, 恒指, 大盘...) or an index verb (涨, 跌, 报, 收于, 站上, 跌破...), a count
  (``count:点``) before 建议/意见/要求-type nouns, a clock time for an Arabic integer up to 24
  otherwise (``8点``), and index points for any other Arabic number (``3050.12点``).
* ``成`` is tens of percent; ``折`` is a price in tenths of the full price: ``8折`` -> 80 %,
  ``8.5折``/``八五折`` -> 85 %, ``85折`` -> 85 % (guidelines R26). ``一成`` is 10 % except in
  ``一成不变``-type words.
* ``度`` is kWh when 电 is in the clause before or right after (``用电量1.2亿度``, ``100度电``),
  a degree Celsius after a temperature word (气温, 零下...), a count of occasions after a
  Chinese numeral (``两度``), an angle otherwise. ``方`` is a cubic metre only after a
  multiplier or a number of at least 100 (``200亿方``; ``三方`` is no quantity).
* Dates: ``2023年8月底``, ``9月上旬`` and ``2023年度`` are one span each (the
  底/初/末/上旬/中旬/下旬 and 度/份 suffixes included). ``2013年至2023年8月底`` gives two dates;
  compact ranges ``1-8月``, ``2013-2023年`` and ``2021—2025`` (two years without 年) give one. A
  year written as four Arabic digits and glued to a name (``2023中国产业转移发展对接活动``,
  ``2024国际…``) is a date; ``80年代``, ``七八月份`` and the first items of ``3、4月份`` are dates.
  ``2024-08-08 15:41:24`` is a date and a time. 上午/下午/晚上... directly after a date are a
  ``time`` span of their own; before a clock time they are part of it (``下午3时``,
  ``11月20日上午10时`` -> ``上午10时``). Quarters
  (``一季度``, ``前三季度``) and ``前8个月`` are dates (not after 提, 之, 此...: ``提前5个月`` is a
  duration).
* Durations: every length of time, measured figures included (guidelines R22): ``两天``,
  ``24小时``, ``3个多月`` (at_least), ``时延不超过5毫秒``, ``缩短至1.5秒``, ``3个工作日``; a
  trailing 来 is part of it (``10年来``). ``一`` with a time unit is a length of time
  (``一年来``, ``一天多``, ``一个月``) except in words (``一年之计``, ``一年一度``, ``一日游``) and
  after 每, 这, 同, 有, 上... (``同一天``).
* Ordinals: ``第三届``, ``第5场``, ``第一档``, ``第8个季度`` (第 and the measure word
  included), grades ``一级``, ``二级``, ``一类`` (级 always; 类/期 after a Chinese numeral other
  than 两), ``3号``, ``70周年``, ranks written without 第 (``二十大`` for 11 to 30 大,
  ``十四届`` from 十, ``二次会议``), and a Chinese numeral alone in brackets, ``(二)``, which
  spans just ``二``.
* Scores: ``92.5分`` (``count:分``), after Arabic digits only (``十分`` is a word).
* Identifiers (never quantities): Latin-letter tokens with a digit (``G217``, ``PM2.5``,
  ``ARJ21-700``), digit tokens glued to letters that are no unit (``5G``), runs of 12 or more
  digits, codes of digits joined by a hyphen with no unit or multiplier after them
  (``垦利10-2油田`` -> ``10-2``), digits joined by a hyphen to a Chinese name (``运-20``,
  ``和平使命-2026`` -> ``20``, ``2026``), numbers naming a list or an index (``世界500强``,
  ``沪深300指数``), map scales (``1∶500万``, ``1:10000``), five-year-plan
  names (``“十四五”`` -> ``十四五``), every number inside a ``《》`` title but a four-digit year
  at its start (``《中国制造2025》`` -> ``2025``), a number without a unit inside a short quoted
  name (``“9610”``), stock codes after 股票代码/股份代号 or in brackets after a name
  (``星衡科技(688317)``, guidelines R23), and numbers inside a place name (``四道班``,
  ``五家渠``: R21).
* Labels (guidelines R19): a numeral in a quoted label or slogan (at most 24 characters, no
  clause punctuation) or in a ``《》`` title, with the noun or measure word it labels, is one
  identifier: ``“两区”`` -> ``两区``, ``“四区叠加”`` -> ``四区``, ``‘五大口岸’`` (a noun of up to
  four characters after 大), ``“五口通八国”`` -> ``五口``, ``八国``, ``“外贸20条”`` -> ``20条``,
  ``“6横、6纵、7枢纽、8通道”``, ``“一港、两区、五大中心”`` (一 only as a whole item),
  ``“中亚五国…机制”`` -> ``五国`` (R20), ``《…三年行动计划》`` -> ``三年``; a quotation made
  only of numeral-noun pairs is one identifier (``“三稳两拓一优”``). In quotation marks a unit of
  measure or a length of time keeps its reading (``“24小时通关”``: a duration), and so does a
  figure no label would use (a multiplier, an approximation, 1000 or more).
* Phones: mobile ``13391219793``, ``400-0123-021``/``800`` numbers, ``0991-1234567``, and after
  电话/热线/拨打/致电/传真 any number of three digits or more, in groups too (``热线:2836 5180``,
  ``拨打12345``), and a service number named a hotline after it (``12369环保举报热线``, R23).
* Counted things: a numeral before a measure word (``34项``, ``两位“重磅嘉宾”`` -> ``两位``,
  ``18个国家`` -> ``18个``, ``702对``) or before one of the nouns the press counts directly
  (``18国``, ``两地``, ``五口岸``, ``中亚五国`` in running text) is a count. ``五大区域`` and
  ``三大贸易伙伴`` span ``五大``/``三大`` with ``unit_text`` ``大``.
* What is NOT returned: a Chinese numeral with nothing countable after it outside a label
  (``两区``, ``一港``, ``二手车``, ``八方宾客``, ``之一``, ``三四线城市``); the bare numeral 一
  with a measure word, which the press uses as an article or inside words (``一带一路``,
  ``一批``, ``一系列``, ``一站式``, ``一个个``, ``一家企业``, ``一年之计``) -- it is kept in
  ``一倍``, grades, dates, ``第一``, ``(一)``, lengths of time, ``一成``, ranges (``一到两成``)
  and after an approximation word (``逾一成``, ``约一公里``); set phrases in :data:`_IDIOMS`
  (``三个代表``, ``八项规定``, ``千家万户``, ``成千上万``...); number words without a numeral
  (``上半年``, ``首批``, ``几天``, ``多个``); a round 百/千/万 with no measure word or currency
  after it (``百年``, ``万吨级``, ``千亿级``).

A bare Arabic number (no unit) is a ``quantity`` with ``unit=None`` and ``unit_text=""``.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import cn2an

from silkroad_news import units
from silkroad_news.schema import Approx, NumberCategory

__all__ = ["Quantity", "find_quantities"]

#: Tests set this to see the exceptions the scanner's guards would swallow: a candidate that
#: raises is a bug even though users only lose that candidate.
_STRICT = False


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number expression in a text; see the module docstring for the field semantics."""

    start: int
    end: int
    text: str
    number: float | None
    unit: str | None
    unit_text: str
    approx: Approx
    category: NumberCategory
    value_text: str = ""
    iso: str | None = None
    dimension: str | None = None
    low: float | None = None
    high: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form: enums become their string values."""
        d = asdict(self)
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
# Traditional characters of numerals, qualifiers and context words; those of unit names come
# from the unit inventory. Folding more would be OpenCC's job and gains nothing here.
_TRAD_PAIRS = _words(
    "億亿 萬万 兩两 點点 餘余 約约 過过 幾几 數数 將将 來来 內内 級级 類类 號号 週周 "
    "電电 溫温 氣气 綜综 滬沪 盤盘 證证 議议 見见 舉举 識识 經经 驗验 體体 會会 問问 "
    "題题 務务 規规 劃划 計计 開开 優优 勢势 則则 變变 諾诺 啓启 啟启 從从 於于 "
    # the words before a phone number or a stock code (電話, 熱線, 撥打, 股份代號, 代碼)
    "話话 熱热 線线 撥拨 傳传 專专 碼码 詢询 機机 "
    # set phrases that must be recognized in both scripts (一帶一路)
    "帶带 檔档 "
)
_SYMBOLS = ("％．／：－（）＿～○", "%./:-()_~〇")
_FOLD_MAP: Final = {
    **dict(
        zip(
            _FW_DIGITS + _FW_UPPER + _FW_LOWER,
            "0123456789" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz",
            strict=True,
        )
    ),
    **dict(zip(*_SYMBOLS, strict=True)),
    **units.TRADITIONAL_MAP,
    **{p[0]: p[1] for p in _TRAD_PAIRS},
}
# re.sub over the few foldable characters is 3-15x faster than str.translate on CJK text.
_FOLDABLE: Final = re.compile("[" + "".join(re.escape(c) for c in _FOLD_MAP) + "]")


def _fold(text: str) -> str:
    return _FOLDABLE.sub(lambda m: _FOLD_MAP[m.group()], text)


# --------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------

# Unit kinds, internal: they decide category, unit_text and which qualifiers may attach.
_COUNT: Final = "count"  # measure words and directly counted nouns
_MEASURE: Final = "measure"  # every other unit of the inventory: money, %, 倍, physical units
_DURATION: Final = "duration"
_GRADE: Final = "grade"  # 一级, 二类, 3号: ordinal
_GRADE_CN: Final = "grade_cn"  # 类, 期: ordinal after a Chinese numeral other than 两, else count
_TENTH: Final = "tenth"  # 成: tenths, reported in percent
_DISCOUNT: Final = "discount"  # 折: a price in tenths of the full price (8折, 8.5折, 八五折, 85折)
_QUARTER: Final = "quarter"  # 季度 right after the numeral: a date
_POINT: Final = "point"  # 点: index points, a count or a clock time, from the context
_DEGREE: Final = "degree"  # 度: kWh, a degree Celsius, an angle or a count of occasions
_CLOCK: Final = "clock"  # 点 read as o'clock (8点)
_TENTHS: Final = (_TENTH, _DISCOUNT)  # read in tenths, reported in percent
# what the bounds of a range may be
_RANGE_KINDS: Final = (_COUNT, _MEASURE, _DURATION, _TENTH, _DISCOUNT)
# Nouns the press counts without a measure word; a year before one starts a name (2024国际…).
_COUNTED_NOUNS: Final = frozenset(f"count:{w}" for w in _words("国 城 地 省 市 县 大"))

# Words the scanner reads that are no unit of the inventory, or that it reads its own way.
_SCANNER_UNITS: Final[dict[str, tuple[str | None, str]]] = {
    "级": (None, _GRADE),
    "号": (None, _GRADE),
    "周年": (None, _GRADE),
    "类": ("count:类", _GRADE_CN),
    "期": ("count:期", _GRADE_CN),
    "季度": (None, _QUARTER),
    "成": ("%", _TENTH),
    "折": ("%", _DISCOUNT),
    "点": (None, _POINT),
    "度": (None, _DEGREE),
    # an age is a quantity measured in years, not a period of the story
    "岁": ("a", _MEASURE),
    "周岁": ("a", _MEASURE),
}
_KIND_OF_DIMENSION: Final = {units.Dimension.COUNT: _COUNT, units.Dimension.DURATION: _DURATION}
# Fractions (分之) have their own regex; a unit surface there would read 3分之1 as "3 分之".
_NOT_AFTER_NUMBERS: Final = frozenset({"分之"})
# Units read after Arabic digits only: 十分 (very), 万分 (extremely) are words.
_ARABIC_ONLY: Final = frozenset({"分"})


def _unit_table() -> dict[str, tuple[str | None, str]]:
    table: dict[str, tuple[str | None, str]] = {}
    for surface, entries in units.surfaces().items():
        if surface in _NOT_AFTER_NUMBERS or len(entries) != 1:
            continue
        e = entries[0]
        table[surface] = (e.code, _KIND_OF_DIMENSION.get(e.dimension, _MEASURE))
    table.update(_SCANNER_UNITS)
    return table


_UNITS: Final = _unit_table()

# Characters after a unit surface that make it part of a word instead (天然气, 台湾, 3项目 is
# kept as it always was). Only surfaces the press also writes inside common words need one.
_NOT_BEFORE: Final[dict[str, str]] = {
    "升": "至到为了高级幅温值格学任起华空旗降",
    "克": "服隆",
    "克拉": "玛",
    "天": "然津山",
    # 两位元首, 三位元老: 位 + 元…, not the bit (位元) of Taiwan and Hong Kong
    "位元": "首老帅勋旦宵气素件器年月宇数代朝曲",
    "周": "边围末",
    "台": "湾胞州独商资",
    "景": "区点观色象气",
    "城": "市镇乡区际",
    "片": "区",
    "单": "位元品一独边",
    "门": "户槛店诊类",
    "首": "都府",
    "对": "外于接话称比象手方标应",
    "起": "步来飞草诉义点源",
    "根": "本据",
    "把": "握关手",
    "副": "部省市主总县",
    "封": "闭锁装",
    "包": "括含装容",
    "尊": "重敬",
    "幅": "度员面",
    "羽": "毛绒",
    "尾": "款声部",
    "眼": "光前睛界",
    "集": "团中聚体群市装成",
    "队": "伍员列",
    "匹": "配",
    "双": "方边向重赢循",
    "股": "份东票权市价息本指",
    "折": "合算扣旧叠线射腾返价让",
    "分": "钟之别析类配布行局公社会成期批级享散担红摊子为",
    "瓦": "房片解",
    "伏": "天",
    "担": "任心保当负忧纲",
    "里": "程",
    "年": "代",
    "日": "本",
    "方": "面式案向法针位阵",
    "平方": "米公千厘英",
    "立方": "米千厘公",
}


def _guard(word: str) -> str:
    blocked = _NOT_BEFORE.get(word, "")
    if (word[-1].isascii() and word[-1].isalnum()) or word[-1] in "²³":
        # Latin units must not run into a longer Latin token (5GW is a unit, 5Gbit is not ours)
        blocked += "A-Za-z0-9_"
    return f"(?![{blocked}])" if blocked else ""


def _trie_pattern(words: Iterable[str], guard: Callable[[str], str] = lambda w: "") -> str:
    """One regex for many words, shaped as a trie: the regex engine walks it in one pass where
    an alternation would try every word in turn. Longer words win, as in a sorted alternation;
    ``guard(word)`` is a lookahead checked where ``word`` ends."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = w

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(guard(node[""]))
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(trie)


_ORDINAL_WORDS = _words(
    "届 期 场 次 批 轮 代 章 节 条 款 项 个 名 位 季 年 天 周 号 家 座 列 站 段 级 类 "
    "部分 部 阶段 步 回 集 卷 版 页 层 局 棒 档 "
    # 第8个季度, 第3个月: the measure word and its noun of time
    "个季度 个月 个年头 个交易日 个工作日"
)

# Set phrases whose numerals count nothing; matched where a numeral or a round figure starts.
_IDIOMS = _words(
    "三个代表 五位一体 四个全面 四个意识 四个自信 两个维护 两个确立 两个大局 八项规定 "
    "三天两头 三番五次 一五一十 七上八下 三年五载 五湖四海 四面八方 十全十美 三令五申 "
    "三心二意 九牛一毛 两个一百年 三五成群 一带一路 一年之计 "
    "三伏 三包 千家万户 百家争鸣 万家灯火 万人空巷 千方百计 千人计划 万元户 亿万 千千万万 "
    "成千上万 成百上千 成千上百"
)
# Place names with a numeral inside (R21): one identifier each. N道班 and the like (a road
# maintenance squad, a bridge or a gully named by its number along a road) are read by pattern.
_PLACES = _words("五家渠 七台河 五台山 十三间房 三门峡")
# Idioms a round or vague numeral may sit inside of (成千上万 has 上万 at its third character).
_IDIOMS_AROUND: Final = tuple(w for w in _IDIOMS if w[0] not in "一二三四五六七八九十两")

_MULT_EXP: Final = {"十": 1, "百": 2, "千": 3, "万": 4, "亿": 8}
_CN_DIGIT: Final = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}

# Context words: index points, electricity, temperature, and the nouns of "3点建议".
_INDEX_WORDS: Final = re.compile(
    "指数|综指|成指|恒指|道指|纳指|标普|大盘|沪指|深指|创业板指|科创50|上证|深证|点位|股指|"
    "日经|富时|期指|A股|港股|美股"
)
_INDEX_VERB: Final = re.compile(
    "(?:收于|收报|收涨|收跌|站上|跌破|突破|失守|上涨|下跌|回升|回落|高开|低开|大涨|大跌|"
    "涨|跌|报)\\Z"
)
_POINT_NOUNS: Final = re.compile(
    "建议|意见|要求|措施|举措|共识|经验|体会|希望|看法|做法|原因|理由|内容|方面|问题|任务|"
    "目标|倡议|主张|承诺|成果|启示|变化|特点|优势|原则|考虑|期待|期望|思考|收获|感受|结论|"
    "目的|改变|不足|请求|关切|部署|安排"
)
_TEMPERATURE_WORDS: Final = re.compile(
    "气温|温度|高温|低温|零下|摄氏|降温|升温|体温|水温|最高|最低"
)
_CLAUSE_BREAK: Final = re.compile("[。！？；;!?\n]")
_CONTEXT = 24  # characters of the clause before a number read for 点/度

# A 上 that ends a word is no vague 上 (迈上万亿元台阶: 迈上 + 万亿元).
_SHANG_BLOCK: Final = frozenset(
    "迈登跨站冲攀跃踏走以之马晚早向往加赶跟爬排摆送带用坐穿过考评当算看遇追连接"
)
# A 数 that ends a noun is no vague 数 (人数百余人: 人数 + 百余人).
_SHU_BLOCK: Final = frozenset(
    "人总次户个指系参函倍基分天件岁票页字读步位多少无整奇偶级变代定约半架列车家项股笔单班场"
)
_PAIRS: Final = {
    "一两": (1, 2),
    "两三": (2, 3),
    "二三": (2, 3),
    "三四": (3, 4),
    "四五": (4, 5),
    "五六": (5, 6),
    "六七": (6, 7),
    "七八": (7, 8),
    "八九": (8, 9),
    "三五": (3, 5),
}

# --------------------------------------------------------------------------------------------
# Regexes (all on folded text)
# --------------------------------------------------------------------------------------------

_AR = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
# 零/〇 never start a numeral: 零部件, 零售 are words, and years are matched separately.
_CN_START = "一二三四五六七八九十两"
_CN_BODY = "〇零一二三四五六七八九十百千万亿两"
_CN = rf"(?:[{_CN_START}][{_CN_BODY}]*(?:点[〇零一二三四五六七八九]+)?)"
# 千米/千克/千瓦 are units and 百分点 a unit, not a multiplier followed by 米/克/瓦/分点.
_UNIT_AFTER_MULT: Final = {
    head: _trie_pattern(sorted({w[1:] for w in _UNITS if len(w) > 1 and w[0] == head}))
    for head in "百千"
}
_MULT = rf"(?:(?:百(?!{_UNIT_AFTER_MULT['百']})|千(?!{_UNIT_AFTER_MULT['千']})|[万亿]){{1,3}})"

_MAG_RUN: Final = re.compile(
    rf"(?:十|百(?!{_UNIT_AFTER_MULT['百']})|千(?!{_UNIT_AFTER_MULT['千']})|[万亿])+"
)
_UNIT_RE = _trie_pattern(_UNITS, _guard)
_UNIT_START: Final = re.compile(_UNIT_RE)

# A bare character class: re scans for it much faster than for an alternation with lookbehinds;
# run() dispatches on the character found.
_ANCHOR: Final = re.compile(f"[A-Za-z_0-9{_CN_START}百千万亿]")
_TOKEN: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*")
_CN_START_SET: Final = frozenset(_CN_START)
_CN_BODY_SET: Final = frozenset(_CN_BODY)

# 上下 after a number is "about" (400元上下), not in 上下游, 上下班, 上下一心...
_POST_ALT = "左右|以上|以下|以内|有余|上下(?![游班级文楼车午半山铺层线一两同齐])"
_TAIL_PATTERN = (
    # 余 is also a noun head: 余额, 余量, 余粮
    r"(?P<q1>多|余(?![额量粮热地下]))?"
    rf"(?P<m2>{_MULT})?"
    r"(?P<sp>[ \u00a0])?"
    rf"(?P<unit>{_UNIT_RE})?"
    r"(?P<tail>多|半)?"
    r"(?P<lai>来)?"
    rf"(?P<post>{_POST_ALT})?"
)
_GEN: Final = re.compile(rf"(?:(?P<ar>{_AR})(?P<m1>{_MULT})?|(?P<cn>{_CN}))" + _TAIL_PATTERN)
_TAIL: Final = re.compile(_TAIL_PATTERN)
# A second unit after a slash: 元/吨, 美元/桶, 吨/小时.
_PER: Final = re.compile(rf"/(?P<per>{_UNIT_RE})")

_PHONE: Final = re.compile(
    r"(?:[48]00-[0-9]{3,4}-[0-9]{3,4}|[48]00[0-9]{7}"
    r"|(?:86[- ]?)?1[3-9][0-9]{9}"
    r"|0[0-9]{2,3}-[0-9]{7,8})(?![0-9.])"
)
_ISO_DATE: Final = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9.])")
_CLOCK_RE: Final = re.compile(r"([01]?[0-9]|2[0-4]):([0-5][0-9])(?::([0-5][0-9]))?(?![0-9:])")
_SHI: Final = re.compile(r"([01]?[0-9]|2[0-4])时(?:([0-5]?[0-9])分(?:([0-5]?[0-9])秒)?)?")
# N点 alone is also "N points" (3点建议): a clock time only with minutes, 半, or a time word.
_DIAN: Final = re.compile(r"([01]?[0-9]|2[0-4])点(?:([0-5]?[0-9])分|(半)|钟)")
_DIAN_LOOSE: Final = re.compile(r"([01]?[0-9]|2[0-4])点(?:([0-5]?[0-9])分|(半)|钟)?")
_TOD_WORDS: Final = _words("上午 下午 中午 晚上 凌晨 早上 傍晚 早晨 夜间 清晨")
_TOD: Final = re.compile("|".join(_TOD_WORDS))
_TOD_SET: Final = frozenset(_TOD_WORDS)  # all two characters long: _time looks back two
_PM_WORDS: Final = frozenset(("下午", "晚上", "傍晚", "夜间"))
# A map scale: 1∶500万 always; 1:N when N could not be minutes (1:10000, 1:5万).
_SCALE: Final = re.compile(r"1(?:∶|:(?=[0-9]{3}|[0-9]+[万千百亿]))[0-9]+(?:\.[0-9]+)?[万千百亿]*")

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
# Two years without 年 (规划(2021—2025)): a date when both are years and in order.
_BARE_YEAR_RANGE: Final = re.compile(rf"((?:19|20)[0-9]{{2}}){_RANGE_SEP}((?:19|20)[0-9]{{2}})")
_MONTH_RANGE: Final = re.compile(
    rf"(1[0-2]|0?[1-9]){_RANGE_SEP}(1[0-2]|0?[1-9])月份?"
    rf"|({_MO_CN}){_RANGE_SEP}({_MO_CN})月份?"
)
_QUARTER_RE: Final = re.compile(r"[一二三四1-4]季度")
# 提前5个月, 此前3个月: 前 ends a word, and the months are a duration, not "the first N months".
_QIAN_WORDS: Final = frozenset("提之以此目当事空超跟面眼向从")
_FIRST_N: Final = re.compile(rf"(?:{_AR}|{_CN})(?:个月|季度)")
_DIGIT_RUN: Final = re.compile(r"[0-9]+")
_CN_RUN: Final = re.compile(f"[{_CN_BODY}]+")
_CN_SPECIAL_NEXT: Final = frozenset("月日年季分至到-—–~)")
_AR_SPECIAL_NEXT: Final = frozenset("-/.:∶年月日时点季分(至到—–~、")
_RANGE_NEXT: Final = re.compile(_RANGE_SEP + r"(?=[0-9" + _CN_START + "百])")
_PAREN_ALT: Final = re.compile(
    rf"(?P<a>{_AR})(?P<am>{_MULT})?\((?P<b>{_AR})(?P<bm>{_MULT})?\)(?P<sp> ?)(?P<unit>{_UNIT_RE})"
)
_FRACTION: Final = re.compile(rf"(?P<den>{_AR}|{_CN})分之(?P<num>{_AR}|{_CN})")
# 2/3: a fraction when the numerator is smaller than the denominator (dates have 3 parts).
_SLASH_FRACTION: Final = re.compile(r"([0-9]{1,2})/([0-9]{1,3})(?![0-9/.])")
# 3、4月份: a month (or day) in a list whose last item carries 月 (日).
_LISTED_MONTH: Final = re.compile(r"(1[0-2]|0?[1-9])(?=、(?:1[0-2]|0?[1-9])月)")
_LISTED_DAY: Final = re.compile(r"(3[01]|[12][0-9]|0?[1-9])(?=、(?:3[01]|[12][0-9]|0?[1-9])日)")
_PCT_PREFIX: Final = re.compile(
    rf"(?P<kind>[百千万])分之(?P<n>百|{_AR}|{_CN})(?P<post>{_POST_ALT})?"
)
# The second bound of 百分之五到八 / 百分之五至百分之八.
_PCT_SECOND: Final = re.compile(
    rf"{_RANGE_SEP}(?P<again>[百千万]分之)?(?P<n>{_AR}|{_CN})(?P<post>{_POST_ALT})?"
)
_ORDINAL: Final = re.compile(
    rf"(?P<n>{_AR}|{_CN})(?:(?P<q>季度)|(?P<mw>{_trie_pattern(_ORDINAL_WORDS)}))?"
)
_PLAN: Final = re.compile(r"(?:[六七八九]|十[一二三四五六])五")
_PLAN_AFTER: Final = re.compile(r"规划|时期|期间|计划|末|初|开局|[”\"’」』]")
_IDIOM_RE: Final = re.compile(_trie_pattern(_IDIOMS))
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
    "大概": Approx.ABOUT,
    "约合": Approx.ABOUT,
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
_PRE_QUAL: Final = re.compile(f"(?:{_trie_pattern(_PRE_APPROX)})\\Z")
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
    "上下": Approx.ABOUT,
}
_POST_RE: Final = re.compile(_POST_ALT)
_OPEN_QUOTES: Final = frozenset('“"‘「『')
# Names: a 《》 title, and a short quotation without clause punctuation (“9610”, “1+N”).
_TITLE_RE: Final = re.compile("《[^《》\n]{1,80}》")
# A quoted label (R19) is short and has no clause punctuation; a list of labels (“一港、两区”)
# keeps its 、. Quoted speech has commas and stops, so its numbers keep their reading.
_QUOTED_NAME_RE: Final = re.compile("[“‘「『]([^“”‘’「」『』\n,，。；;：:!！?？]{1,24})[”’」』]")
# Characters that cannot be the noun a numeral labels (两区, 四区叠加): function words, units
# of time read elsewhere, numerals, separators.
_LABEL_NOT_NOUN: Final = frozenset(
    "的得了着过是在和与及或等之以而也都把被向从到至对为于多余几来年月日号时分点半个第不"
    "〇零一二三四五六七八九十百千万亿两、·・ -—"
)
_LIST_SEP: Final = frozenset("、·・,和与及")
# Two-character nouns that labels count (三中心一基地, 两平台); any other noun after a bare
# numeral in a label is read as one character (四区叠加 -> 四区, 两路通三国 -> 两路).
_LABEL_NOUNS: Final = frozenset(
    _words(
        "中心 基地 平台 园区 片区 板块 集群 产业 通道 枢纽 口岸 港口 体系 工程 行动 机制 "
        "战略 品牌 市场 基金 项目 走廊 廊道 高地 窗口 节点 城市 新城 组团 方案 示范 专项 "
        "领域 任务 环节 目标 重点 保障 服务 经济 载体 主体 要素 清单 标准 核心 轴带 链条"
    )
)
# A noun followed by one of these is part of a word: 一体化, 一站式, 两用型, 三层级.
_LABEL_SUFFIXES: Final = frozenset("式性化型级")
# R23: a phone number after 电话, 热线, 拨打... (hotlines such as 12345, numbers in groups such
# as 2836 5180), a stock code after 股票代码, 股份代号...
_PHONE_CONTEXT: Final = re.compile(
    "(?:电话|热线|拨打|致电|专线|传真|手机|号码)(?:号码|号)?[是为]?[:： \u3000]{0,2}\\Z"
)
_PHONE_GROUPS: Final = re.compile(r"[0-9]{2,}(?:[- ][0-9]{2,}){0,3}(?![0-9.,])")
_AREA_CODE_PHONE: Final = re.compile(r"0[0-9]{2,3}\)[ -]?[0-9]{7,8}(?![0-9.])")
_CODE_CONTEXT: Final = re.compile("(?:代码|代号)[是为]?[:： \u3000]{0,2}\\Z")
# A service number named as a hotline after it: 12345政务服务热线, “12369”环保举报热线.
_HOTLINE_WORDS: Final = ("热线", "专线", "电话")
_HOTLINE_NEXT: Final = re.compile("[”’」』]?(?:热线|专线|服务热线|服务电话)")
# What a five-digit service number may seem to count before the name of its service (12319城建).
_HOTLINE_UNITS: Final = frozenset({None, *(f"count:{w}" for w in _words("国 城 地 省 市 县"))})
_HOTLINE_AFTER: Final = re.compile(
    "[”’」』]?[\u4e00-\u9fff]{0,8}?(?:热线|专线|服务电话|举报电话|客服电话)"
)
# A-share codes in brackets after a company name: 星衡科技(688317).
_STOCK_CODE: Final = re.compile(r"(?:00|30|60|68|83|87|43|92)[0-9]{4}(?=\)|\.[A-Z]{2})")
# The last character of what _PHONE_CONTEXT and _CODE_CONTEXT end with, and of the bracket
# before a stock code: only numbers after one of these are tried as phones and codes.
_CONTEXT_END: Final = frozenset("话线打电真机码号是为:： \u3000(")
# 致电100余次, 热线3万多个: a figure, not a number to dial.
_NOT_AFTER_PHONE: Final = frozenset("余多万亿千百%")
_PLACE_RE: Final = re.compile(_trie_pattern(_PLACES) + "|[一二三四五六七八九十]+道[班桥湾沟岭]")
# A first bound after these is the start of a change, not of a range: 从3家到5家.
_CHANGE_FROM: Final = frozenset("从由")
# Units whose numbers may carry a minus sign (同比-5.3%, -10℃, 净利润-2亿元).
_SIGNED_DIMENSIONS: Final = frozenset({"ratio", "temperature", "currency", "index_points"})


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


def _magnitude(run: str) -> Decimal:
    """十万 -> 1e5, 百 -> 100, 万亿 -> 1e12: a run of multipliers read as one round figure."""
    return Decimal(1).scaleb(sum(_MULT_EXP[c] for c in run))


def _cn_trailing_mult(cn: str) -> str:
    """The 万/亿 a Chinese numeral ends with after other numerals (五千万 -> 万; 万 -> "")."""
    trail = len(cn) - len(cn.rstrip("万亿"))
    return cn[len(cn) - trail :] if 0 < trail < len(cn) else ""


def _to_float(value: Decimal | float | None) -> float | None:
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


@functools.lru_cache(maxsize=1024)
def _dimension(code: str | None) -> str | None:
    return None if code is None else units.dimension(code)


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
    mult: str  # the multiplier the number ends with (3万 -> 万, 五千万 -> 万), else ""
    unscaled: Decimal | None  # the value without that multiplier (for ranges)
    unit: str | None
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
        self.titles = self._regions(_TITLE_RE, "《")
        self.quoted = self._regions(_QUOTED_NAME_RE, "“‘「『")
        # Titles and quoted labels merged: run() tells in O(1) whether an anchor is in one.
        self.label_spans = _union(self.titles + self.quoted)
        self.in_label = False
        self.hotlines = any(w in self.norm for w in _HOTLINE_WORDS)

    def _regions(self, pattern: re.Pattern[str], openers: str) -> list[tuple[int, int]]:
        """Inner spans (without the brackets) of the matches of ``pattern``: sorted, disjoint."""
        if not any(c in self.norm for c in openers):
            return []
        return [(m.start() + 1, m.end() - 1) for m in pattern.finditer(self.norm)]

    # ---- driver -------------------------------------------------------------------------

    def run(self) -> list[Quantity]:
        norm = self.norm
        search = _ANCHOR.search
        pos = 0
        n = len(norm)
        spans = self.label_spans
        k, n_spans = 0, len(spans)
        while pos < n:
            m = search(norm, pos)
            if m is None:
                break
            s = m.start()
            c = norm[s]
            prev = norm[s - 1] if s else ""
            if n_spans:
                while k < n_spans and spans[k][1] <= s:
                    k += 1
                self.in_label = k < n_spans and spans[k][0] <= s
            try:
                if "0" <= c <= "9":
                    # Never start inside a number we stepped into.
                    if "0" <= prev <= "9":
                        nxt = s + 1
                    else:
                        r = self._label(s) if self.in_label else None
                        nxt = self._arabic(s) if r is None else r
                elif c.isascii():
                    t = _TOKEN.match(norm, s)
                    nxt = self._token(s, t.end()) if t is not None else s + 1
                elif c in _CN_START_SET and prev not in _CN_BODY_SET:
                    r = self._label(s) if self.in_label else None
                    nxt = self._chinese(s) if r is None else r
                elif c in "百千万" and norm.startswith("分之", s + 1):
                    nxt = self._percent_prefix(s)
                elif prev not in _CN_BODY_SET and not ("0" <= prev <= "9"):
                    r = self._label(s) if self.in_label else None
                    # 百千万亿 starting a numeral: 上百, 数千, 千家
                    nxt = self._round(s) if r is None else r
                else:
                    nxt = s + 1
            except Exception:  # a bug on odd input must cost one candidate, not the text
                if _STRICT:
                    raise
                nxt = s + 1
            pos = max(nxt, s + 1, self.last)
        return self.out

    def _emit(
        self,
        start: int,
        end: int,
        number: Decimal | float | None,
        unit: str | None,
        unit_text: str,
        approx: Approx,
        category: NumberCategory,
        value_text: str,
        iso: str | None = None,
        low: Decimal | float | None = None,
        high: Decimal | float | None = None,
    ) -> None:
        if start < self.last or end <= start:
            return
        if not value_text and category in (NumberCategory.DATE, NumberCategory.TIME):
            value_text = self.text[start:end]
        if self.in_label and category is not NumberCategory.PHONE:
            named = self._inside_name(start, end, category, unit)
            if named is not None:
                start, end = named
                value_text = self.text[start:end]
                number = low = high = None
                unit, unit_text, iso = None, "", None
                approx, category = Approx.EXACT, NumberCategory.IDENTIFIER
                if start < self.last:
                    return
        num = _to_float(number)
        lo, hi = _to_float(low), _to_float(high)
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
                dimension=_dimension(unit),
                low=lo,
                high=hi,
            )
        )
        self.last = end

    def _inside_name(
        self,
        start: int,
        end: int,
        category: NumberCategory,
        unit: str | None,
    ) -> tuple[int, int] | None:
        """The identifier span when a number stands inside a name, else None."""
        if category is NumberCategory.IDENTIFIER:
            return None
        title = _region_of(self.titles, start, end)
        if title is not None:
            if category is NumberCategory.DATE and start == title[0]:
                return None  # 《2024年政府工作报告》: a year at the start of a name is a date
            if category in (NumberCategory.DATE, NumberCategory.TIME):
                return (start, end)  # a date is one token: 《关于做好2024年…》
            return self._number_token(start, end)
        quoted = _region_of(self.quoted, start, end)
        if quoted is not None and category is NumberCategory.QUANTITY and unit is None:
            return self._number_token(start, end)
        return None

    def _number_token(self, start: int, end: int) -> tuple[int, int]:
        """The number inside a span: digits with what joins them, or a Chinese numeral."""
        norm = self.norm
        for i in range(start, end):
            c = norm[i]
            if "0" <= c <= "9":
                t = _ID_TOKEN.match(norm, i)
                return (i, min(t.end(), end) if t is not None else i + 1)
            if c in _CN_BODY_SET or c in "几数":
                j = i
                while j < end and (norm[j] in _CN_BODY_SET or norm[j] in "几数点"):
                    j += 1
                return (i, j)
        return (start, end)

    # ---- labels (R19) ---------------------------------------------------------------------

    def _label(self, s: int) -> int | None:
        """A numeral in a quoted label or a 《》 title, with the noun or measure word it labels,
        is one identifier (guidelines R19): “两区”, “四区叠加” -> 四区, ‘五大口岸’, “外贸20条” ->
        20条, “6横、6纵”, 《…三年行动计划》 -> 三年; a quotation made only of numeral-noun pairs
        (“三稳两拓一优”) is one. Returns the end of what it emitted, or None when the number keeps
        its own reading: a unit of measure or a duration in quotation marks (“24小时通关”), a
        figure no label would use (“3000家”, “近百家”), dates, ordinals, plan names."""
        norm = self.norm
        quoted = _region_of(self.quoted, s, s + 1)
        region = quoted if quoted is not None else _region_of(self.titles, s, s + 1)
        if region is None or (s >= 1 and norm[s - 1] in "第每数几上"):
            return None
        if _IDIOM_RE.match(norm, s) or _PLAN.match(norm, s) or _PLACE_RE.match(norm, s):
            return None
        r0, r1 = region
        if quoted is not None and s == r0 and _is_slogan(norm[r0:r1]):
            self._emit(s, r1, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, "")
            return r1
        p = self._label_parse(s)
        if p is None or p.approx is not Approx.EXACT or self._pre_qualifier(s) is not None:
            return None
        if p.kind is None and p.unit is None:
            # 两区, 四区叠加, 三中心一基地: a Chinese numeral and the noun after it, one
            # character unless the two after the numeral are a noun of _LABEL_NOUNS
            e = p.core_end
            if not p.is_cn or p.value is None or p.end != e:
                return None
            k = e
            while k < r1 and norm[k] not in _LABEL_NOT_NOUN and "\u4e00" <= norm[k] <= "\u9fff":
                if k > e and norm[k] in _LABEL_SUFFIXES:
                    return None  # 一体化, 一站式: words, not labels (两型 is one)
                k += 1
            if k == e:
                return None
            end = e + 2 if k - e >= 2 and norm[e : e + 2] in _LABEL_NOUNS else e + 1
        elif p.kind == _COUNT or (p.kind == _DURATION and quoted is None):
            if p.end != p.unit_end or p.value is None or self._counts_a_rank(p):
                return None
            unit_s = norm[p.unit_start : p.unit_end]
            if p.kind == _DURATION and (
                unit_s in ("月", "日") or (unit_s == "年" and p.value >= 1000)
            ):
                return None  # 2024年, 五月: dates
            small = not p.mult and p.value == p.value.to_integral_value() and p.value < 1000
            if quoted is not None and not small:
                return None  # “3000万家”: a figure, not a label
            end = p.unit_end
            if p.unit == "count:大":
                end = self._noun_after(end, r1)  # 五大口岸, 五大中心
        else:
            return None
        if end > r1 or (p.core == "一" and not self._list_item(s, end, region)):
            return None  # 一路连欧亚, 一件事: 一 labels only a whole item (一港、两区, 一基地)
        self._emit(s, end, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, "")
        return end

    def _label_parse(self, s: int) -> _Parsed | None:
        norm = self.norm
        if norm[s] in "百千万亿":
            mag = _MAG_RUN.match(norm, s)
            if mag is None:
                return None
            run = mag.group()
            t = _TAIL.match(norm, mag.end())
            mult = _cn_trailing_mult(run)
            return self._finish(t, s, mag.end(), _magnitude(run), True, run, mult, None)
        return self._parse(s)

    def _noun_after(self, e: int, limit: int) -> int:
        """The end of the noun after 五大 in a label: the rest of the item when it is a noun of
        at most four characters (五大口岸, 八大产业集群), else its first two characters."""
        norm = self.norm
        k = e
        while k < min(e + 5, limit) and norm[k] not in _LABEL_NOT_NOUN:
            if not "\u4e00" <= norm[k] <= "\u9fff":
                break
            k += 1
        if k - e <= 4 and (k == limit or norm[k] in _LIST_SEP):
            return k
        return min(k, e + 2)

    def _list_item(self, s: int, e: int, region: tuple[int, int]) -> bool:
        """Does ``s:e`` stand alone as an item of the label (“一港、两区”, “三中心一基地”)?"""
        norm = self.norm
        before = s == region[0] or norm[s - 1] in _LIST_SEP or (self.out and self.last == s)
        return before and (e == region[1] or norm[e] in _LIST_SEP or norm[e] in _CN_START_SET)

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
        # 合约 is a word, but 折合约 is 折合 + 约
        zhehe = word == "约" and self.norm[max(0, qs - 2) : qs] == "折合"
        if block and qs >= 1 and self.norm[qs - 1] in block and not zhehe:
            return None
        return qs, _PRE_APPROX[word]

    def _clause_before(self, s: int) -> str:
        seg = self.norm[max(0, s - _CONTEXT) : s]
        breaks = list(_CLAUSE_BREAK.finditer(seg))
        return seg[breaks[-1].end() :] if breaks else seg

    def _in_idiom(self, s: int) -> bool:
        """Is position ``s`` inside one of the idioms that start with no numeral?"""
        norm = self.norm
        for w in _IDIOMS_AROUND:
            i = norm.find(w, max(0, s - len(w) + 1), s + len(w))
            if i != -1 and i <= s < i + len(w):
                return True
        return False

    # ---- generic number + unit ----------------------------------------------------------

    def _parse(self, s: int) -> _Parsed | None:
        m = _GEN.match(self.norm, s)
        if m is None:
            return None
        ar, m1, cn = m.group("ar", "m1", "cn")
        if ar is not None:
            unscaled = _ar_value(ar)
            value = _scale(unscaled, m1)
            core_end = m.end("m1") if m1 else m.end("ar")
            core, mult = ar, m1 or ""
        else:
            core_end = m.end("cn")
            if len(cn) > 2 and cn[-1] in "百千" and (cn[-2] in "万亿" or _cn_value(cn) is None):
                # 四百万千瓦, 一千二百千米: the numeral ends before 千, and 千瓦, 千米 are the
                # unit, as in 400万千瓦 and 1200千米 (三千米 stays 3000 m)
                u = _UNIT_START.match(self.norm, core_end - 1)
                if u is not None and u.end() > core_end:
                    cn, core_end = cn[:-1], core_end - 1
                    m = _TAIL.match(self.norm, core_end)
            value = _cn_value(cn)
            core, mult = cn, _cn_trailing_mult(cn)
            unscaled = _cn_value(cn[: len(cn) - len(mult)]) if mult else value
        p = self._finish(m, s, core_end, value, cn is not None, core, mult, unscaled)
        if p.kind == _DISCOUNT and p.value is None and len(core) == 2 and _is_digit_string(core):
            # 八五折 is 8.5折 (R26)
            digits = [_CN_DIGIT.get(c, 0) for c in core]
            p.value = p.unscaled = Decimal(f"{digits[0]}.{digits[1]}")
        return p

    def _finish(
        self,
        m: re.Match[str],
        s: int,
        core_end: int,
        value: Decimal | None,
        is_cn: bool,
        core: str,
        mult: str,
        unscaled: Decimal | None,
    ) -> _Parsed:
        """Read the tail groups of ``m`` (qualifier, multiplier, unit, 来, post qualifier)
        after a number that spans ``s:core_end`` and ends with the multiplier ``mult``."""
        q1, m2, sp, unit_s, tail, lai, post = m.group(
            "q1", "m2", "sp", "unit", "tail", "lai", "post"
        )
        if q1 and m2:
            value = _scale(value, m2)
            core_end = m.end("m2")
            mult, unscaled = mult + m2, None
        end = m.end("q1") if q1 else core_end
        approx = Approx.AT_LEAST if q1 else Approx.EXACT
        unit: str | None = None
        kind: str | None = None
        unit_start = unit_end = uts = end
        if unit_s in _ARABIC_ONLY and is_cn:
            unit_s = None
        if unit_s is not None and (sp is None or unit_s.isascii() or unit_s == "%"):
            unit, kind = _UNITS[unit_s]
            unit_start, unit_end = m.span("unit")
            uts = unit_start
            if kind in (_MEASURE, _DEGREE, *_TENTHS) and sp is None:
                # An adjacent multiplier is quoted as part of the unit: 亿元, 万吨.
                if m2 and q1:
                    uts = m.start("m2")
                elif mult and not q1:
                    uts = core_end - len(mult)
            end = unit_end
            if tail and (kind == _DURATION or unit == "times"):
                if tail == "半":
                    value = None if value is None else value + Decimal("0.5")
                elif approx is Approx.EXACT:
                    approx = Approx.AT_LEAST
                end = m.end("tail")
            if kind == _DURATION and lai and (not tail or end == m.end("tail")):
                end = m.end("lai")
            if unit_s in ("个多月", "个多小时"):
                approx = Approx.AT_LEAST
            elif unit_s in ("个半月", "个半小时") and value is not None:
                value += Decimal("0.5")
        post_start = m.start("post") if post else -1
        p = _Parsed(
            start=s,
            core_end=core_end,
            end=end,
            value=value,
            is_cn=is_cn,
            core=core,
            mult=mult,
            unscaled=unscaled,
            unit=unit,
            kind=kind,
            unit_start=unit_start,
            unit_end=unit_end,
            unit_text_start=uts,
            approx=approx,
        )
        if kind in (_POINT, _DEGREE) or unit_s == "方":
            self._resolve(p, unit_s)
            if p.kind is None:
                return p
        if p.unit is not None and p.kind in (_MEASURE, _COUNT) and end == unit_end:
            slash = self.norm[unit_end : unit_end + 1] == "/"
            per = _PER.match(self.norm, unit_end) if slash else None
            if per is not None and _dimension(p.unit) != "ratio":
                b_code, b_kind = _UNITS[per.group("per")]
                if b_code is not None and b_kind in (_MEASURE, _COUNT, _DURATION):
                    p.unit = f"{p.unit}/{b_code}"
                    p.kind = _MEASURE
                    p.unit_end = p.end = per.end()
                    pm = _POST_RE.match(self.norm, p.end)
                    if pm is not None and p.approx is Approx.EXACT:
                        p.approx = _POST_APPROX[pm.group()]
                        p.end = pm.end()
                    return p
        if post and post_start == p.end and p.kind not in (_GRADE, _GRADE_CN, _QUARTER):
            if p.approx is Approx.EXACT:
                p.approx = _POST_APPROX[post]
            p.end = m.end("post")
        return p

    def _resolve(self, p: _Parsed, unit_s: str) -> None:
        """Read 点, 度 and 方 from their context (module docstring); drop the unit if none."""
        norm = self.norm
        code: str | None = None
        kind = _MEASURE
        if unit_s == "方":
            big = p.value is not None and p.value >= 100
            if p.mult or (not p.is_cn and big):
                code = "m3"
        elif p.kind == _POINT:
            clause = self._clause_before(p.start)
            if _INDEX_WORDS.search(clause) or _INDEX_VERB.search(clause):
                code = "pt"
            elif _POINT_NOUNS.match(norm, p.unit_end):
                code, kind = "count:点", _COUNT
            elif not p.is_cn and p.value is not None:
                if p.value == p.value.to_integral_value() and 0 <= p.value <= 24 and not p.mult:
                    kind = _CLOCK
                else:
                    code = "pt"
        else:  # 度
            clause = self._clause_before(p.start)
            if "电" in clause or norm[p.unit_end : p.unit_end + 1] == "电":
                code = "kWh"
            elif _TEMPERATURE_WORDS.search(clause):
                code = "Cel"
            elif p.is_cn:
                code, kind = "count:度", _COUNT
            else:
                code = "deg"
        if code is None and kind != _CLOCK:
            _drop_unit(p)  # no reading: the number stands alone (三方; 下午三点 is left unread)
            return
        p.unit, p.kind = code, kind
        if kind == _COUNT:
            p.unit_text_start = p.unit_start

    def _counts_a_rank(self, p: _Parsed) -> bool:
        """Measure words that name a rank after a Chinese numeral, without 第: 二十大 (the
        20th congress; 三大 and 十大 still count), 十四届全国人大, 二次会议."""
        if not p.is_cn or p.value is None:
            return False
        if p.unit == "count:大":
            return 11 <= p.value <= 30
        if p.unit == "count:届":
            return p.value >= 10
        if p.unit == "count:次":
            return self.norm.startswith(("会议", "全会", "全体会议"), p.unit_end)
        return False

    def _emit_parsed(self, p: _Parsed, s: int) -> int:
        """Emit a parsed number with a unit; returns the next scan position."""
        text = self.text
        value = p.value
        category = NumberCategory.QUANTITY
        unit = p.unit
        kind = p.kind
        if kind == _COUNT and self._counts_a_rank(p):
            kind = _GRADE
        if kind == _GRADE or (kind == _GRADE_CN and p.is_cn and p.core != "两"):
            category = NumberCategory.ORDINAL
            unit = None
        elif kind == _DURATION:
            category = NumberCategory.DURATION
        elif kind in _TENTHS:
            value = _tenths(value, kind)
            if value is None:
                return p.core_end
        elif kind == _CLOCK:
            iso = f"{int(value):02d}" if value is not None else None
            self._emit(s, p.unit_end, None, None, "", Approx.EXACT, NumberCategory.TIME, "", iso)
            return p.unit_end
        start = value_start = p.start
        approx = p.approx
        if category is not NumberCategory.ORDINAL:
            pre = self._pre_qualifier(s)
            if pre is not None:
                start, approx = pre
            elif value is not None and self._below_zero(start, unit):
                start = value_start = start - 2  # 零下18℃: 零下 is the minus sign
                value = -value
        end = p.unit_end if category is NumberCategory.ORDINAL else p.end
        self._emit(
            start,
            end,
            value,
            unit,
            text[p.unit_text_start : p.unit_end],
            approx,
            category,
            text[value_start : p.core_end],
        )
        return end

    def _below_zero(self, start: int, unit: str | None) -> bool:
        """零下 right before a temperature."""
        return (
            unit is not None
            and start >= 2
            and start - 2 >= self.last
            and self.norm[start - 2 : start] == "零下"
            and _dimension(unit) == "temperature"
        )

    # ---- ranges -------------------------------------------------------------------------

    def _range(self, p: _Parsed, s: int) -> int | None:
        """``p`` followed by a range separator and a second bound: emit one range quantity
        spanning both (module docstring) and return its end; None if it is no range."""
        norm = self.norm
        has_unit = p.unit is not None
        sep_at = p.unit_end if has_unit else p.end
        if has_unit and (p.end != p.unit_end or p.kind not in _RANGE_KINDS):
            return None
        if p.approx is not Approx.EXACT:
            return None
        r = _RANGE_NEXT.match(norm, sep_at)
        if r is None:
            return None
        pre = self._pre_qualifier(s)
        first = pre[0] if pre is not None else s
        if first >= 1 and first - 1 >= self.last and norm[first - 1] in _CHANGE_FROM:
            return None
        q = self._parse(r.end())
        if q is None or q.value is None or p.value is None:
            return None
        if q.kind not in _RANGE_KINDS:
            if q.kind is not None or q.unit is not None:
                return None
            # Two bare numbers: a range with 至/到/~ or a multiplier; a code with a hyphen.
            # Bare Chinese numerals count nothing (三至五 alone).
            if (norm[sep_at] == "-" and not q.mult) or p.is_cn:
                return None
        if has_unit and (q.unit != p.unit or q.kind != p.kind):
            return None
        low = p.value
        if (
            not has_unit
            and not p.mult
            and q.mult
            and p.unscaled is not None
            and q.unscaled is not None
            and p.unscaled <= q.unscaled
        ):
            low = _scale(p.value, q.mult)  # 3至5万元: the multiplier serves both bounds
        high = q.value
        if q.kind in _TENTHS:
            low, high = _tenths(low, q.kind), _tenths(high, q.kind)
            if low is None or high is None:
                return None
        if low > high:
            return None
        approx = pre[1] if pre is not None else q.approx
        category = NumberCategory.DURATION if q.kind == _DURATION else NumberCategory.QUANTITY
        self._emit(
            first,
            q.end,
            None,
            q.unit,
            self.text[q.unit_text_start : q.unit_end] if q.unit is not None else "",
            approx,
            category,
            self.text[p.start : q.core_end],
            low=low,
            high=high,
        )
        return q.end

    # ---- vague numerals and round figures ---------------------------------------------

    def _round(self, s: int) -> int:
        """A numeral that starts with 百/千/万/亿: 上百, 数千, 近千家, 百余项, 千家."""
        norm = self.norm
        prev = norm[s - 1] if s else ""
        if prev in "数几上" and s - 1 >= self.last:
            r = self._vague(s)
            if r is not None:
                return r
        if prev == "每" or _UNIT_START.match(norm, s):
            return s + 1  # 每万元GDP: a unit of reference; 千米, 百分点: a unit, not a figure
        mag = _MAG_RUN.match(norm, s)
        if mag is None:
            return s + 1
        run = mag.group()
        t = _TAIL.match(norm, mag.end())
        p = self._finish(t, s, mag.end(), _magnitude(run), True, run, _cn_trailing_mult(run), None)
        # A round figure alone is read only before a unit or a measure word (百项, 千亿元, 万亩),
        # not before 级 (万吨级 is a class) nor as a bare duration (百年大计, but 百余年).
        if p.unit is None or p.kind not in (_COUNT, _MEASURE, _DURATION):
            return mag.end()
        if p.kind == _DURATION and p.approx is Approx.EXACT and self._pre_qualifier(s) is None:
            return mag.end()
        if norm.startswith(("级", "量级"), p.unit_end) or self._in_idiom(s):
            return mag.end()
        return self._emit_parsed(p, s)

    def _vague(self, s: int) -> int | None:
        """数百/几十万 (a range of 2x to 9x) and 上百/上万 (at least), the numeral at ``s``."""
        norm = self.norm
        head = norm[s - 1]
        before = norm[s - 2] if s >= 2 else ""
        if head == "数" and before in _SHU_BLOCK:
            return None
        if head == "上" and before in _SHANG_BLOCK:
            return None
        if self._in_idiom(s):
            return s + 1
        mag = _MAG_RUN.match(norm, s)
        if mag is None or (head == "上" and mag.group()[0] == "十"):
            return None
        run = mag.group()
        t = _TAIL.match(norm, mag.end())
        m_value = _magnitude(run)
        start = s - 1
        core = norm[start : mag.end()]
        if head == "上":
            # 上 is no digit: 上万元 quotes 元, 上百亿元 quotes 亿元
            mult = _cn_trailing_mult(run)
            p = self._finish(t, start, mag.end(), m_value, True, core, mult, None)
            if p.kind in (_GRADE, _GRADE_CN, _QUARTER, *_TENTHS, _CLOCK):
                return None
            if p.unit is None:
                p.end = p.core_end  # 上万 alone; a post qualifier would contradict 上
            p.approx = Approx.AT_LEAST
            return self._emit_vague(p, start, m_value, None, None)
        # 数 and 几 stand for a digit: 数万元 quotes 万元, as 三万元 does
        p = self._finish(t, start, mag.end(), None, True, core, _cn_trailing_mult(core), None)
        if p.kind in (_GRADE, _GRADE_CN, _QUARTER, *_TENTHS, _CLOCK):
            return None
        p.approx = Approx.ABOUT
        return self._emit_vague(p, start, None, 2 * m_value, 9 * m_value)

    def _emit_vague(
        self,
        p: _Parsed,
        start: int,
        number: Decimal | None,
        low: Decimal | None,
        high: Decimal | None,
    ) -> int:
        category = NumberCategory.DURATION if p.kind == _DURATION else NumberCategory.QUANTITY
        unit_text = self.text[p.unit_text_start : p.unit_end] if p.unit is not None else ""
        approx = p.approx
        pre = self._pre_qualifier(start)
        if pre is not None:
            start, approx = pre
        self._emit(
            start,
            p.end,
            number,
            p.unit,
            unit_text,
            approx,
            category,
            self.text[p.start : p.core_end],
            low=low,
            high=high,
        )
        return p.end

    def _tens_and_some(self, p: _Parsed, s: int) -> int | None:
        """十几家, 二十几个, 十几万吨: N十 followed by 几 is N+1 to N+9 (times a multiplier)."""
        norm = self.norm
        if not (p.is_cn and p.core.endswith("十") and norm[p.core_end : p.core_end + 1] == "几"):
            return None
        if p.value is None:
            return None
        after = p.core_end + 1
        mag = _MAG_RUN.match(norm, after)
        run = mag.group() if mag is not None and mag.group()[0] in "万亿" else ""
        t = _TAIL.match(norm, after + len(run))
        q = self._finish(t, s, after + len(run), None, True, norm[s : after + len(run)], run, None)
        if q.kind in (_GRADE, _GRADE_CN, _QUARTER, *_TENTHS, _CLOCK):
            return None
        factor = _magnitude(run) if run else Decimal(1)
        q.approx = Approx.ABOUT
        low, high = (p.value + 1) * factor, (p.value + 9) * factor
        return self._emit_vague(q, s, None, low, high)

    def _pair(self, s: int) -> int | None:
        """三四家, 两三个, 七八十人, 三五年: two adjacent numerals are the bounds of a range."""
        norm = self.norm
        bounds = _PAIRS.get(norm[s : s + 2])
        if bounds is None:
            return None
        mag = _MAG_RUN.match(norm, s + 2)
        run = mag.group() if mag is not None else ""
        core_end = s + 2 + len(run)
        core = norm[s:core_end]
        t = _TAIL.match(norm, core_end)
        p = self._finish(t, s, core_end, None, True, core, _cn_trailing_mult(core), None)
        if p.kind not in _RANGE_KINDS or p.unit is None:
            return None
        if t.group("unit") == "月":
            # 七八月份: two months, a date
            e = t.end("unit") + (1 if norm.startswith("份", t.end("unit")) else 0)
            iso = f"--{bounds[0]:02d}/--{bounds[1]:02d}"
            self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
            return e
        if t.group("unit") == "日":
            return None
        factor = _magnitude(run) if run else Decimal(1)
        if p.kind in _TENTHS:
            factor *= 10  # 七八成, 七八折: 70 to 80 percent
        p.approx = Approx.ABOUT
        return self._emit_vague(p, s, None, bounds[0] * factor, bounds[1] * factor)

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
        if self._before(s, "前") and not (s >= 2 and norm[s - 2] in _QIAN_WORDS):
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
        norm = self.norm
        t = _TOD.match(norm, e)
        if t is not None:
            clock = _CLOCK_RE, _SHI, _DIAN_LOOSE
            if any(c.match(norm, t.end()) is not None for c in clock):
                return  # 11月20日上午10时: the word belongs to the clock time (下午3时)
            self._emit(e, t.end(), None, None, "", Approx.EXACT, NumberCategory.TIME, "")

    def _time(self, s: int) -> int | None:
        norm = self.norm
        tod_start = s
        tod: str | None = None
        if s >= 2 and s - 2 >= self.last and norm[s - 2 : s] in _TOD_SET:
            tod = norm[s - 2 : s]
            tod_start = s - 2
        m = _CLOCK_RE.match(norm, s)
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
        if s >= 1 and norm[s - 1] in _CONTEXT_END:
            r = self._code(s)
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

    def _code(self, s: int) -> int | None:
        """R23: a phone number after 电话/热线/拨打... (12345, 2836 5180, 0885-96566), a stock
        code after 股票代码/股份代号 or in brackets after a name (星衡科技(688317))."""
        norm = self.norm
        lo = max(0, s - 10)
        if norm[s - 1] == "(" and s - 1 > self.last and _PHONE_CONTEXT.search(norm, lo, s - 1):
            m = _AREA_CODE_PHONE.match(norm, s)
            if m is not None:  # 电话:(0991)5551234
                self._emit(s - 1, m.end(), None, None, "", Approx.EXACT, NumberCategory.PHONE, "")
                return m.end()
        if _PHONE_CONTEXT.search(norm, lo, s):
            m = _PHONE_GROUPS.match(norm, s)
            if m is not None and sum(c.isdigit() for c in m.group()) >= 3:
                e = m.end()
                nxt = norm[e : e + 1]
                if nxt not in _NOT_AFTER_PHONE and _UNIT_START.match(norm, e) is None:
                    self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.PHONE, "")
                    return e
            return None
        code = _CODE_CONTEXT.search(norm, lo, s) is not None
        if code or (
            norm[s - 1] == "("
            and s >= 2
            and "\u4e00" <= norm[s - 2] <= "\u9fff"
            and _STOCK_CODE.match(norm, s)
        ):
            t = _ID_TOKEN.match(norm, s)
            if t is not None:
                e = t.end()
                self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, "")
                return e
        return None

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
        m = _SCALE.match(norm, s)
        if m is not None:
            e = m.end()
            self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, text[s:e])
            return e
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
        m = _SLASH_FRACTION.match(norm, s)
        if m is not None and 0 < int(m.group(1)) < int(m.group(2)):
            return self._slash_fraction(m)
        m = _LISTED_MONTH.match(norm, s)
        if m is not None:
            iso = f"--{int(m.group(1)):02d}"
            self._emit(s, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
            return m.end()
        m = _LISTED_DAY.match(norm, s)
        if m is not None:
            iso = f"---{int(m.group(1)):02d}"
            self._emit(s, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
            return m.end()
        return None

    def _slash_fraction(self, m: re.Match[str]) -> int:
        """2/3 -> 0.666..., unit ``1``, as 三分之二."""
        e = m.end()
        approx = Approx.EXACT
        post = _POST_RE.match(self.norm, e)
        if post is not None:
            approx = _POST_APPROX[post.group()]
            e = post.end()
        s = m.start()
        pre = self._pre_qualifier(s)
        if pre is not None:
            s, approx = pre
        value = Decimal(m.group(1)) / Decimal(m.group(2))
        self._emit(s, e, value, "1", "/", approx, NumberCategory.QUANTITY, m.group())
        return e

    def _arabic_plain(self, s: int) -> int:
        norm = self.norm
        text = self.text
        p = self._parse(s)
        if p is None:
            return s + 1
        if self.hotlines and self._hotline(p):
            # R23: 12345政务服务便民热线, 12319城建服务热线: a service number named a hotline
            self._emit(s, p.core_end, None, None, "", Approx.EXACT, NumberCategory.PHONE, "")
            return p.core_end
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
        signed = self._negative(s)
        if self._hyphen_name(s) and not (signed and _dimension(p.unit) in _SIGNED_DIMENSIONS):
            # 运-20, 和平使命-2026: digits joined to a name by a hyphen
            t = _ID_TOKEN.match(norm, s)
            e = t.end() if t is not None else p.core_end
            self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, text[s:e])
            return e
        if p.unit == "count:大" and (p.value is None or p.value > 10):
            _drop_unit(p)  # 8大展区 lists; 618大促 is no count of 大
        if p.kind is None:
            return self._bare_arabic(p, s)
        if p.kind == _QUARTER:
            return e_core
        if p.unit in _COUNTED_NOUNS and self._year_of_a_name(p, p.unit_start):
            # 2024国际数字贸易博览会: a year starting a name, not 2024 countries
            self._emit(s, e_core, None, None, "", Approx.EXACT, NumberCategory.DATE, "", p.core)
            return e_core
        if signed and _dimension(p.unit) in _SIGNED_DIMENSIONS:
            p.start = s - 1
            if p.value is not None:
                p.value = -p.value
            return self._emit_parsed(p, s - 1)
        r = self._range(p, s)
        if r is not None:
            return r
        return self._emit_parsed(p, s)

    def _hotline(self, p: _Parsed) -> bool:
        """A number named a hotline right after it (110热线, “12345”热线), or a five-digit
        service number (1xxxx, 9xxxx) with the name of the service between (12369环保举报热线);
        1200家企业开通服务热线 is a count."""
        core, norm = p.core, self.norm
        if not (3 <= len(core) <= 6 and core.isdigit() and not p.mult):
            return False
        if _HOTLINE_NEXT.match(norm, p.core_end):
            return True
        if len(core) != 5 or core[0] not in "19" or p.unit not in _HOTLINE_UNITS:
            return False
        return _HOTLINE_AFTER.match(norm, p.core_end) is not None

    def _year_of_a_name(self, p: _Parsed, after: int) -> bool:
        """Four Arabic digits of a year, glued to the Chinese name that follows at ``after``."""
        core, norm = p.core, self.norm
        return (
            p.approx is Approx.EXACT
            and not p.mult
            and len(core) == 4
            and core.isdigit()
            and 1900 <= int(core) <= 2099
            and after < len(norm)
            and "\u4e00" <= norm[after] <= "\u9fff"
        )

    def _negative(self, s: int) -> bool:
        """A minus sign, not a range dash: 10%-20% and 1-5% are ranges."""
        if s < 1 or s - 1 < self.last or self.norm[s - 1] not in "-−":
            return False
        if s < 2:
            return True
        prev = self.norm[s - 2]
        return s - 2 >= self.last and not (prev.isascii() and prev.isalnum())

    def _hyphen_name(self, s: int) -> bool:
        """Digits after a hyphen that follows a Chinese character: 运-20, 和平使命-2026."""
        if s < 2 or s - 1 < self.last or self.norm[s - 1] != "-":
            return False
        return "\u4e00" <= self.norm[s - 2] <= "\u9fff"

    def _bare_arabic(self, p: _Parsed, s: int) -> int:
        """A number without a unit: range start, code, year, or a unitless quantity."""
        norm = self.norm
        text = self.text
        if p.approx is Approx.EXACT and p.end == p.core_end:
            m = _BARE_YEAR_RANGE.match(norm, s)
            if m is not None and int(m.group(1)) < int(m.group(2)) and m.end() == s + 9:
                e = m.end()
                if not norm[e : e + 1].isdigit():
                    iso = f"{m.group(1)}/{m.group(2)}"
                    self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
                    return e
            r = self._range(p, s)
            if r is not None:
                return r
            if norm[p.end : p.end + 1] == "-" and norm[p.end + 1 : p.end + 2].isalnum():
                # 垦利10-2: digits joined by a hyphen with no unit after them are a code
                t = _ID_TOKEN.match(norm, s)
                if t is not None and t.end() > p.end + 1:
                    e = t.end()
                    self._emit(
                        s, e, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, text[s:e]
                    )
                    return e
            if norm.startswith("年代", p.end):
                e = p.end + 2
                self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.DATE, "")
                return e
            if norm.startswith("强", p.end) or (
                norm.startswith("指数", p.end) and s >= 1 and "\u4e00" <= norm[s - 1] <= "\u9fff"
            ):
                # 世界500强 (a list), 沪深300指数 (an index): the number is part of a name
                self._emit(
                    s,
                    p.end,
                    None,
                    None,
                    "",
                    Approx.EXACT,
                    NumberCategory.IDENTIFIER,
                    text[s : p.end],
                )
                return p.end
        if p.end == p.core_end and self._year_of_a_name(p, p.end):
            self._emit(s, p.end, None, None, "", Approx.EXACT, NumberCategory.DATE, "", p.core)
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
        unit: str | None,
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
        unit, kind = _UNITS[unit_s]
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
            "1",
            self.text[m.end("den") : m.start("num")],
            approx,
            NumberCategory.QUANTITY,
            self.text[m.start() : m.end()],
        )
        return e

    def _percent_prefix(self, s: int) -> int:
        """百分之六十七点二 -> 67.2 %, 千分之五 -> 5 ‰, 万分之三 -> 3 ‱; 百分之五到八."""
        m = _PCT_PREFIX.match(self.norm, s)
        if m is None:
            return s + 3
        value = self._pct_value(m.group("n"))
        if value is None:
            return s + 3
        code = {"百": "%", "千": "‰", "万": "‱"}[m.group("kind")]
        approx = _POST_APPROX[m.group("post")] if m.group("post") else Approx.EXACT
        start = s
        pre = self._pre_qualifier(s)
        if pre is not None:
            start, approx = pre
        unit_text = self.text[s : s + 3]
        if not m.group("post"):
            r = _PCT_SECOND.match(self.norm, m.end())
            if r is not None and r.group("again") in (None, m.group("kind") + "分之"):
                high = self._pct_value(r.group("n"))
                if high is not None and value <= high:
                    if r.group("post") and pre is None:
                        approx = _POST_APPROX[r.group("post")]
                    self._emit(
                        start,
                        r.end(),
                        None,
                        code,
                        unit_text,
                        approx,
                        NumberCategory.QUANTITY,
                        self.text[s : r.end("n")],
                        low=value,
                        high=high,
                    )
                    return r.end()
        self._emit(
            start,
            m.end(),
            value,
            code,
            unit_text,
            approx,
            NumberCategory.QUANTITY,
            self.text[s : m.end("n")],
        )
        return m.end()

    @staticmethod
    def _pct_value(n: str) -> Decimal | None:
        return Decimal(100) if n == "百" else (_ar_value(n) if n.isascii() else _cn_value(n))

    def _chinese(self, s: int) -> int:
        norm = self.norm
        prev = norm[s - 1] if s else ""
        if prev in "数几上" and norm[s] == "十" and s - 1 >= self.last:
            r = self._vague(s)
            if r is not None:
                return r
        if self._before(s, "第"):
            r = self._ordinal(s)
            if r is not None:
                return r
        m = _IDIOM_RE.match(norm, s)
        if m is not None:
            return m.end()
        m = _PLACE_RE.match(norm, s)
        if m is not None:
            # R21: 四道班, 五家渠: a number inside a place name
            e = m.end()
            self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, "")
            return e
        r = self._pair(s)
        if r is not None:
            return r
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

    def _one_counts(self, p: _Parsed, s: int) -> bool:
        """一 before a unit that is a number: after an approximation word (逾一成, 近一年,
        约一公里), 一成 (R26) and a length of time (一年来, 一天多, 一个月: R22), but not
        一成不变, 一年一度, 一年级, 一日游, 有一天, 同一天, 每一年."""
        norm = self.norm
        if p.kind in (_TENTH, _DURATION, _MEASURE) and self._pre_qualifier(s) is not None:
            return True
        nxt = norm[p.unit_end : p.unit_end + 1]
        if p.kind == _TENTH:
            return nxt not in _NOT_AFTER_YICHENG
        if p.kind != _DURATION or norm[p.unit_start : p.unit_end] not in _ONE_DURATION_UNITS:
            return False
        prev = norm[s - 1] if s >= 1 and s - 1 >= self.last else ""
        return nxt not in _NOT_AFTER_ONE_TIME and prev not in _NOT_BEFORE_ONE_TIME

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
            r = self._tens_and_some(p, s)
            if r is not None:
                return r
            if norm.startswith("年代", p.end) and p.approx is Approx.EXACT:
                self._emit(s, p.end + 2, None, None, "", Approx.EXACT, NumberCategory.DATE, "")
                return p.end + 2
            # A bare Chinese numeral counts nothing (两区, 二手), unless a range gives it a unit
            # (三至五家, 一到两成).
            if p.approx is Approx.EXACT and _RANGE_NEXT.match(norm, p.end):
                r = self._range(p, s)
                if r is not None:
                    return r
            return p.end
        if p.kind == _QUARTER:
            return p.core_end
        if (
            p.core == "一"
            and not (p.kind in (_GRADE, _GRADE_CN) or p.unit == "times")
            and not self._one_counts(p, s)
        ):
            # 一 + measure word is an article or part of a word: 一批, 一个个, 一家企业, 一成不变.
            return p.unit_end
        if p.kind in _RANGE_KINDS:
            r = self._range(p, s)
            if r is not None:
                return r
        return self._emit_parsed(p, s)


def _tenths(value: Decimal | None, kind: str) -> Decimal | None:
    """成 and 折 in percent: 八成 and 8折 -> 80, 8.5折 and 八五折 -> 85, 85折 -> 85 (R26); None
    for a number that counts no tenths (十五成, 0折, 90折)."""
    if value is None or value <= 0:
        return None
    whole = value == value.to_integral_value()
    if kind == _TENTH:
        return value * 10 if whole and value <= 10 else None
    if value < 10:
        return value * 10
    return value if whole and value < 100 and value % 10 else None


def _is_slogan(label: str) -> bool:
    """A label made of two or more numeral-noun pairs and nothing else (三稳两拓一优); set
    phrases (一带一路) are not."""
    if len(label) < 4 or len(label) % 2 or _IDIOM_RE.fullmatch(label):
        return False
    return all(
        (a in _CN_START_SET or a in "百千万")
        and b not in _LABEL_NOT_NOUN
        and "\u4e00" <= b <= "\u9fff"
        for a, b in zip(label[::2], label[1::2], strict=True)
    )


# 一成不变, 一成为…: 成 there is no tenth.
_NOT_AFTER_YICHENG: Final = frozenset("不为了功员本果型品就立交熟长都绩效")
# The time units after which 一 is a length of time (not 日: 一日游; not 月: 一月 is January).
_ONE_DURATION_UNITS: Final = frozenset(
    _words("年 天 周 星期 个星期 小时 个小时 分钟 秒 秒钟 工作日 个工作日 个季度 昼夜 个月")
    + _words("个多月 个半月 个多小时 个半小时")
)
# 一年一度, 一年之计, 一年四季, 一年到头, 一年级, 一年期, 一天天; 每一年, 有一天, 同一天, 上一年.
_NOT_AFTER_ONE_TIME: Final = frozenset("一之四到级期度天年")
_NOT_BEFORE_ONE_TIME: Final = frozenset("每这那哪某同有上下前后当任第统唯逐单另头")


def _drop_unit(p: _Parsed) -> None:
    """Read ``p`` as a number without the unit its regex took."""
    p.unit = p.kind = None
    p.end = p.unit_end = p.unit_text_start = p.unit_start


def _union(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint spans covering the same positions as ``regions``."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _region_of(regions: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The region that holds ``start:end``, if any."""
    if not regions:
        return None
    i = bisect.bisect_right(regions, (start, math.inf)) - 1
    if i >= 0 and regions[i][0] <= start and end <= regions[i][1]:
        return regions[i]
    return None


def find_quantities(text: str) -> list[Quantity]:
    """Return the number expressions of ``text``, sorted and non-overlapping; never raises."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return _Scanner(text).run()
    except Exception:  # the per-candidate guard should make this unreachable; stay total
        if _STRICT:
            raise
        return []
