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
:data:`_POST_APPROX`. The readings follow section 4 of the annotation guidelines (version 1.8).

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
    :class:`~silkroad_news.schema.Approx`: ``at_least`` for 多/余/超/超过/逾/以上/及以上/至少
    and 上百-type numerals, ``at_most`` for 不到/不足/不超过/以下/及以下/以内 and 内 after a
    length of time, ``about`` for
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
    (``80年代``) and 上午-style time words; a year with its quarter or quarters has the year's
    (``2026年一季度`` -> ``2026``: ISO 8601 has no quarter).

Span convention
===============

* A quantity span covers the number, its multipliers, its unit or measure word and the approx
  qualifiers attached to it: ``超1600列次``, ``近70亿元``, ``2万袋左右``, ``1.12万余人次``,
  ``2000多家``, ``不到5%``, ``超过20%``. Verbs are never part of it: in ``同比增长67.2%`` the
  span is ``67.2%``; 达/高达/突破 are verbs too. ``18.8个百分点`` is one quantity (pp). A minus
  sign directly before a percentage, a currency amount, a temperature or index points is part
  of it (``同比-5.3%`` -> ``-5.3%``), and so is 零下 before a temperature (``零下18℃`` -> -18).
* A unit written ``A/B`` is one unit: ``85美元/桶`` (``USD/[bbl_us]``), ``3000元/吨``,
  ``35微克/立方米`` (an inventory entry, ``ug/m3``), and so is ``A每B`` with a unit of time
  ``B`` (``45立方米每秒`` -> ``m3/s``; ``3元每斤`` stays ``3元``).
* A single letter after a figure (``M``, ``G``, ``T``, ``P``, ``E``) is a unit only where the
  nearest word of its clause says what it measures (guidelines R30): a bandwidth after 宽带,
  带宽, 光纤... (``1000M`` -> ``Mbit/s``), a size after 存储, 内存, 流量... (``512G`` -> ``GB``),
  computing power after 算力, 智算... (``300P`` -> ``PFLOPS``); otherwise the token is an
  identifier (``3M``, ``5T``), and ``2G``..``6G`` are network generations.
* Ranges (``至``, ``到``, ``-``, ``~``, ``—`` between two bounds of one figure) are one quantity
  spanning both bounds and the unit: ``3至5个百分点``, ``8500到3万元``, ``10%-20%``,
  ``百分之五到八``, ``3-5家``, ``三至五成``, ``一到两成`` (10 to 20 %), ``3至5年`` and
  ``10至20毫秒`` (durations). A multiplier or unit written once applies to both bounds
  (``3-5万元`` -> 30000, 50000), except when the first bound is larger than the second's
  digits (``8500到3万元`` -> 8500, 30000). Two figures of a change
  (``由每年500万吨提升至836万吨``, ``从3家到5家``: a first bound after 从/由) and lists
  (``分别增长1.7%、31.4%``) are separate quantities, and so are bounds in the wrong order.
  ``100(80)km/h`` gives 100 km/h spanning ``100`` and 80 km/h spanning ``80``. A minus sign
  may start either bound of a signed unit: ``-30℃至60℃`` -> -30, 60; ``-30℃至-10℃``.
* Vague numerals (guidelines 4, table): ``上百位`` -> 100 at_least, ``近千家`` -> 1000 about,
  ``百余项`` -> 100 at_least, ``百项``/``千家`` -> 100/1000 exact (a round figure alone is read
  only before a measure word or a currency), ``数百``/``几十万`` -> 2x to 9x, ``十几家`` ->
  11 to 19 (``二十几`` -> 21 to 29; ``二十几类`` counts kinds), ``十多家`` -> 10 at_least,
  ``三四家``/``七八十人``/``三两天`` -> 3 to 4, 70 to 80, 2 to 3; a round figure at the end of a
  clause after 破 or 过 (``订单破万``, ``粉丝过亿`` -> 10000, 1e8, exact) or after an
  approximation word (``观众近万`` about, ``门店逾千`` at_least), without a unit.
* Index points and clock times: ``点`` after a number is index points (``pt``) after an index
  word (指数, 沪指, 恒指, 大盘...) or an index verb (涨, 跌, 报, 收于, 站上, 跌破...), a count
  (``count:点``) before 建议/意见/要求-type nouns, a clock time for an Arabic integer up to 24
  otherwise (``8点``), and index points for any other Arabic number (``3050.12点``).
* ``成`` is tens of percent, and one more Chinese digit after it hundredths (``八成七`` ->
  87 %, ``一成五左右`` -> 15 % about; R28); ``折`` is a price in tenths of the full price:
  ``8折`` -> 80 %, ``8.5折``/``八五折`` -> 85 %, ``85折`` -> 85 % (guidelines R26). ``一成`` is
  10 % except in ``一成不变``-type words. ``一次`` (``一回``, ``一趟``, ``一轮``, ``一遍``)
  closing a clause is a count, once (``每年付息一次``); before a noun or a verb, and after 再,
  又, 这..., it is an article or a word. ``一度`` before a verb of change is an adverb
  (``气温一度降至``), no mention.
* ``度`` is kWh when 电 is in the clause before or right after (``用电量1.2亿度``, ``100度电``),
  a degree Celsius after a temperature word (气温, 零下...), a count of occasions after a
  Chinese numeral (``两度``), an angle otherwise. ``方`` is a cubic metre only after a
  multiplier or a number of at least 100 (``200亿方``; ``三方`` is no quantity). ``节`` is a
  knot in a clause about speed (航速, 时速, 风速...: ``航速19.5节``), else a count
  (``16节车厢``; ``两节期间`` are two festivals, no mention).
* ``毛`` after a number is a tenth of a yuan, kept as written (``不足两毛`` -> 2,
  ``currency:毛``; not 毛利, 毛重); an angle in degrees, minutes and seconds is one quantity in
  degrees (``87°36′`` -> 87.6, ``unit_text`` ``°``).
* Market units: ``斤``, ``担`` and ``两`` (50 g). ``两`` is the unit after a number with no
  measure word after it (``3两``, ``二两``, ``一两头采茶``), the numeral two otherwise (``两岸``,
  ``一两个`` and ``三两天`` are ranges); ``半斤八两`` and ``两两`` are words. ``多`` and ``半``
  after any unit of measure read as after a length of time: ``2斤多`` at_least, ``两斤半`` 2.5.
  ``一`` before a unit of measure is the number one (``一担``, ``一吨``, ``一亩``), not an
  article (that is 一 before a measure word of a count), except after 每, 这, 同... (``每一吨``).
* Dates: ``2023年8月底``, ``9月上旬`` and ``2023年度`` are one span each (the
  底/初/末/上旬/中旬/下旬 and 度/份 suffixes included). ``2013年至2023年8月底`` gives two dates;
  compact ranges ``1-8月``, ``2013-2023年`` and ``2021—2025`` (two years without 年) give one,
  and so does a year with its quarter (``2026年一季度``, ``2028年第四季度``). A
  year written as four Arabic digits and glued to a name (``2023中国产业转移发展对接活动``,
  ``2024国际…``) is a date; ``80年代``, ``七八月份`` and the first items of ``3、4月份`` and
  ``三、四季度`` are dates.
  ``2024-08-08 15:41:24`` is a date and a time. 上午/下午/晚上... directly after a date are a
  ``time`` span of their own; before a clock time they are part of it (``下午3时``,
  ``11月20日上午10时`` -> ``上午10时``). Quarters
  (``一季度``, ``前三季度``) and ``前8个月`` are dates (not after 提, 之, 此...: ``提前5个月`` is a
  duration), and so are the Hong Kong forms ``首三季``, ``首8个月``, ``前三季`` and ``第三季``
  (第 with 1 to 4; ``第五季`` is a season, an ordinal). Weekdays are dates spanning their word
  (``周三``, ``星期三``, ``礼拜三``; not ``一周三次`` nor ``每周三天``), a part of the day after one
  a time (``周三上午``). ``N号`` is a day of the month after 本月/下月 (``本月18号``), before a
  part of the day, 前, 后, 起 (``10号前``) or at the end of a clause, but never after a street
  (``港前路9号``); else a name (below).
* Durations: every length of time, measured figures included (guidelines R22): ``两天``,
  ``24小时``, ``3个多月`` (at_least), ``时延不超过5毫秒``, ``缩短至1.5秒``, ``3个工作日``; a
  trailing 来 is part of it (``10年来``), and so are 内 (within: ``48小时内``, at_most), 前 and
  后 (``五年前``, ``3个月后``) unless they start a word (``两天前往``, ``三年内地``; R27).
  ``一`` with a time unit is a length of time (``一年来``, ``一天多``, ``一个月``) except in
  words (``一年之计``, ``一年一度``, ``一日游``) and after 每, 这, 同, 有, 上... (``同一天``).
  A length written in two or three units from the largest down is one duration read in the
  smallest unit written: ``1分42秒`` -> 102 (``s``), ``1小时58分`` -> 118 (``min``,
  ``unit_text`` ``分``), ``3年6个月`` -> 42 (``mo``).
* Ordinals: ``第三届``, ``第5场``, ``第一档``, ``第8个季度``, ``第12艘``, ``第二晚`` (第 and
  the measure word included), grades ``一级``, ``二级``, ``一类``, ``五星级`` (级 and 星级
  always; 类/期 after a Chinese numeral other than 两, unless a verb of dividing or including
  comes before, ``分三期``, ``分为四类``, or the numeral sums up a list, ``家电、服装三类商品``:
  counts), ``70周年``, ranks
  written without 第 (``二十大`` for 11 to 30 大, ``十四届`` from 十, ``二次会议``), a Chinese
  numeral alone in brackets, ``(二)``, which spans just ``二``, and the number of a list item
  at the start of a line, ``一、`` or ``1、``, which spans the number.
* Scores: ``92.5分`` (``count:分``), after Arabic digits only (``十分`` is a word).
* Identifiers (never quantities): Latin-letter tokens with a digit (``G217``, ``PM2.5``,
  ``ARJ21-700``), digit tokens glued to letters that are no unit (``5G``), runs of 12 or more
  digits, codes of digits joined by a hyphen with no unit or multiplier after them
  (``垦利10-2油田`` -> ``10-2``), digits joined by a hyphen to a Chinese name, the hyphen
  included as in the guidelines' ``…-2026`` (``运-20``, ``和平使命-2026`` -> ``-20``,
  ``-2026``), numbers naming a list or an index (``世界500强``, ``沪深300指数``), numbers with
  号 that name what they number (``7号泊位``, ``6号线``, ``一号文件``, ``“海牧3号”``; with 第 an
  ordinal), roads (``312国道`` -> ``312``, ``二环东路`` -> ``二环``), ``双11``/``双十一`` and
  the emission stages ``国三``..``国六`` (the character before included), standards and codes
  written with their letters (``GB 3095-2012``, ``GB/T 19001-2016``, ``YS/T 5231-2019``,
  ``ISO 20022``: four digits or more, or a part after a hyphen), a flight's pair of numbers
  (``NX885/886``), two codes of the same shape joined by a slash (``16L/34R``: a runway, no
  litres; ``0256W/0257W``), a patent number in spaced groups after its letters
  (``ZL 2024 1 0683521.6``), versions (``4.6.1``, any number with two dots or more; ``4.0``
  before 版),
  codes after 代码, 编码, 编号, 税号, 批号, 型号, 版本号, 专利号, 邮编, 邮政编码, 邮递区号...
  (``税号8507.60``, ``郵遞區號238``), and a code that
  continues a list of codes of the same length (``2405871至2405876``), a code before its
  exchange (``2689.HK``), a year after a code's colon (``ISO9001:2015``), a bond's short name
  (``21国债01``, ``24特别国债03``), a model or a version named by a word and its number
  (``iPhone 15``, ``Windows 11``: a Latin word in mixed case, a space, up to four digits),
  map scales (``1∶500万``, ``1:10000``), five-year-plan
  names (``“十四五”`` -> ``十四五``), every number inside a ``《》`` title but a four-digit year
  at its start (``《中国制造2025》`` -> ``2025``), a number without a unit inside a short quoted
  name (``“9610”``) and a four-digit year inside a quoted name but at its start
  (``“茶旅融合2025行动”``), stock codes after 股票代码/股份代号 or in brackets after a name
  (``星衡科技(688317)``, guidelines R23; four or five digits after a company's name or before
  its share price, ``恒域新能源(2689)股价``), and numbers inside a place name (``四道班``,
  ``五家渠``: R21). And (issue 16) codes of Latin segments joined by ``/`` (``S/NR/28``,
  ``KFR-35GW/N1``) and standards with a prefix of that kind (``DB15/T 3386-2025``,
  ``Q/GDW 1234-2014``, a year after an em dash: ``GB/T 5023.1—2008``); tariff codes after
  归入/归类为/列入... or before 项下 (``归入4201.0000``); any number written with a leading zero
  (``0256W航次``, ``编号007``; times and dates are read first); roads, aircraft types and share
  indices named by a number (``国道227线`` -> ``227``, ``波音737``, ``沪深300``, ``科创50``),
  bus routes (``公交12路``, ``18路公交车`` -> ``N路``) and train numbers of digits only before
  列车 (``乘坐1461次列车`` -> ``1461``; not after 开行, 累计...); service numbers 123xx and
  955xx (a phone, or an identifier before 网站/平台/App...: ``12306网站``); document and case
  numbers with their brackets (``〔2025〕12号``, ``(2025)新01民初123号``); days named by their
  date (``“3·15”``) and shopping festivals (``618大促``); ``N号`` in a list reads as the last
  item does (``4号、7号泊位``: both identifiers; ``本月3号、5号``: both dates); streets and
  institutions after 第 (``第七街``, ``第三中学``, ``第一人民医院``, whole), rooms of three digits
  or more (``1201室``), floors (``12楼``, ``航站楼3层``; R36), building entrances (``2单元``)
  and buildings before them (``3栋2单元``).
* Labels (guidelines R19): a numeral in a quoted label or slogan (at most 24 characters, no
  clause punctuation) or in a ``《》`` title, with the noun or measure word it labels, is one
  identifier: ``“两区”`` -> ``两区``, ``“四区叠加”`` -> ``四区``, ``‘五大口岸’`` (a noun of up to
  four characters after 大), ``“五口通八国”`` -> ``五口``, ``八国``, ``“外贸20条”`` -> ``20条``,
  ``“6横、6纵、7枢纽、8通道”``, ``“一港、两区、五大中心”`` (一 only as a whole item),
  ``“中亚五国…机制”`` -> ``五国`` (R20), ``《…三年行动计划》`` -> ``三年``; a quotation made
  only of numeral-noun pairs gives one identifier per pair (``“三品一标”`` -> ``三品``, ``一标``;
  R31). In quotation marks a unit of
  measure or a length of time keeps its reading (``“24小时通关”``: a duration), and so does a
  figure no label would use (a multiplier, an approximation, 1000 or more).
* Phones: mobile ``13391219793``, ``400-0123-021``/``800`` numbers, ``0991-1234567``, and after
  电话/热线/拨打/致电/传真 any number of three digits or more, in groups too (``热线:2836 5180``,
  ``拨打12345``), and a service number named a hotline after it (``12369环保举报热线``, R23).
  Digit groups joined by single spaces or hyphens are one phone or code, never several
  quantities (guidelines 4): a number after ``+86`` or a bracketed area or country code
  (``+86 10 6512 3456``, ``(852) 2961 7725``, ``(0991)5551234``; after an area code a
  five-digit local number too, ``(0736) 12316``), spaced groups of 7 to 15
  digits (``0951 5026 112``, ``400 815 9090``; fewer digits are a code), hyphenated groups as
  phones are written (``0591-8776 3210``, ``138-1234-5678``, ``400-815-9090``), each with an
  extension (``转8021``, ``分机8021``); a number of three digits or more after a phone and 或, 、
  or a comma continues the list (``0580-2216688或12316``). Thousands grouped by spaces
  (``1 000``) and hyphenated digits that are no phone stay ranges, codes or dates.
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
from dataclasses import asdict, dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import cn2an

from silkroad_news import text as text_module
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
# Traditional characters of numerals, qualifiers and context words; those of unit names (億, 點,
# 線, 區...) come from the unit inventory and are not repeated here. Folding more would be
# OpenCC's job and gains nothing here.
_TRAD_PAIRS = _words(
    "餘余 約约 過过 幾几 數数 將将 內内 級级 號号 "
    "電电 溫温 氣气 綜综 滬沪 證证 議议 見见 舉举 識识 經经 驗验 體体 會会 問问 "
    "務务 規规 劃划 計计 優优 勢势 變变 諾诺 啓启 啟启 從从 於于 "
    # the words before a phone number or a stock code (電話, 熱線, 撥打, 股份代號, 代碼)
    "話话 傳传 專专 碼码 詢询 機机 "
    # set phrases that must be recognized in both scripts (一帶一路)
    "帶带 "
    # weekdays, ring roads, extensions, code and company words, share prices, speed and
    # emission words (禮拜三, 二環, 轉, 稅號, 編碼, 集團, 股價收報, 風速, 國三階段)
    "禮礼 稅税 編编 賬账 郵邮 備备 註注 險险 產产 業业 醫医 藥药 實实 "
    "際际 發发 動动 礦矿 導导 資资 設设 價价 報报 漲涨 風风 階阶 貨货 輕轻 該该 鄰邻 強强 "
    "諸诸 歸归 關关 飯饭 腦脑 銜衔 慶庆 東东 "
    # words ending in 约 that block it as a qualifier (簽約42項 is 签约, not about 42), floors
    # and rooms, routes (樓, 層, 線, 路)
    "簽签 預预 違违 續续 締缔 隱隐 簡简 樓楼 "
    # words of bandwidth, storage and computing power around M, T, P, E (寬頻, 光纖, 網速,
    # 儲存, 記憶體, 運算), and of codes (專利號, 郵遞區號)
    "寬宽 纖纤 網网 儲储 憶忆 記记 運运 遞递 "
    # round 7: centuries, steel and cells, aircraft types, change verbs, the guards of 2.6
    # (世紀, 不鏽鋼, 鋰電池, 殲20, 減少, 面臨, 面積, 胎壓, 基礎)
    "紀纪 鏽锈 鋼钢 鋰锂 殲歼 減减 臨临 積积 壓压 礎础 "
    # round 14: sayings, words ending in 一, versions, builders, chips and indices (說三道四,
    # 接二連三, 不遠萬里, 統一, 單一, 鴻蒙, 中鐵, 驍龍, 鯤鵬, 天璣, 飛騰, 納斯達克, 斯托克)
    "說说 連连 陽阳 陰阴 勝胜 敗败 遠远 統统 鴻鸿 鐵铁 驍骁 龍龙 鯤鲲 鵬鹏 璣玑 飛飞 達达 託托 "
)
_SYMBOLS = ("％．／：－（）＿～○＄", "%./:-()_~〇$")
_FOLD_MAP: Final = {
    **dict(
        zip(
            _FW_DIGITS + _FW_UPPER + _FW_LOWER,
            "0123456789" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz",
            strict=True,
        )
    ),
    **dict(zip(*_SYMBOLS, strict=True)),
    # 鬥 (fight) stays as written: only OpenCC's odd s2t of the measure 斗 folds it in the
    # inventory (雙方展開3鬥 is no volume)
    **{k: v for k, v in units.TRADITIONAL_MAP.items() if k != "鬥"},
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
_KNOT: Final = "knot"  # 节: a knot in a clause about speed, else a count (5节车厢)
_LETTER: Final = "letter"  # M, G, T, P, E: bandwidth, storage or computing power, from context
_CLOCK: Final = "clock"  # 点 read as o'clock (8点)
_TENTHS: Final = (_TENTH, _DISCOUNT)  # read in tenths, reported in percent
_NUMBERED: Final = "numbered"  # 号: 7号泊位, 6号线, “海牧3号”: a number that names
_ROAD: Final = "road"  # 312国道, 201省道: the digits name the road
# what the bounds of a range may be
_RANGE_KINDS: Final = (_COUNT, _MEASURE, _DURATION, _TENTH, _DISCOUNT)
# what a vague numeral cannot be read with (上百号, 数十级)
_NOT_VAGUE_KINDS: Final = (
    _GRADE,
    _GRADE_CN,
    _QUARTER,
    _TENTH,
    _DISCOUNT,
    _CLOCK,
    _NUMBERED,
    _ROAD,
)
# Nouns the press counts without a measure word; a year before one starts a name (2024国际…).
_COUNTED_NOUNS: Final = frozenset(
    f"count:{w}"
    for w in _words("国 城 地 省 市 县 大 金 银 铜 企 校 镇 乡 村 港 店 岛 区 片区 基地 站 版 景")
)

# Words the scanner reads that are no unit of the inventory, or that it reads its own way.
_SCANNER_UNITS: Final[dict[str, tuple[str | None, str]]] = {
    "级": (None, _GRADE),
    "号": (None, _NUMBERED),
    "周年": (None, _GRADE),
    # G312国道, 217国道: the number names the road
    "国道": (None, _ROAD),
    "省道": (None, _ROAD),
    "县道": (None, _ROAD),
    "类": ("count:类", _GRADE_CN),
    "期": ("count:期", _GRADE_CN),
    "季度": (None, _QUARTER),
    "成": ("%", _TENTH),
    "折": ("%", _DISCOUNT),
    "点": (None, _POINT),
    "度": (None, _DEGREE),
    "节": (None, _KNOT),
    # 五星级酒店: a grade
    "星级": (None, _GRADE),
    # an age is a length of time, in years (R22, R37)
    "岁": ("a", _DURATION),
    # 块 is the yuan only in a spoken price (6块5, read by _emit_parsed); a count of pieces else
    "块": ("count:块", _COUNT),
    # 尺 is the market foot; before a container it is the English foot (40尺集装箱, 20尺貨櫃)
    "尺": ("[chi_cn]", _MEASURE),
    "周岁": ("a", _DURATION),
    # 1000M宽带, 300P算力, 10T存储: a letter alone is no unit without such a word near it
    "M": (None, _LETTER),
    "G": (None, _LETTER),
    "T": (None, _LETTER),
    "P": (None, _LETTER),
    "E": (None, _LETTER),
    # 厘 is a per cent a year or a tenth of that a month, read from the rate's words
    "厘": (None, _MEASURE),
    # 码 is the yard of cloth or the digits of a number, read from its clause (inventory 2.8)
    "码": (None, _MEASURE),
}
_KIND_OF_DIMENSION: Final = {units.Dimension.COUNT: _COUNT, units.Dimension.DURATION: _DURATION}
# Fractions (分之) have their own regex; a unit surface there would read 3分之1 as "3 分之".
# 箭 and 星 are counted only in 一箭十二星 (三星 is a company, 五星级 a grade).
_NOT_AFTER_NUMBERS: Final = frozenset({"分之", "箭", "星"})
# Units read after Arabic digits only: 十分 (very), 万分 (extremely) are words; 二手车, 一手资料,
# 两手准备 are no lots of futures.
_ARABIC_ONLY: Final = frozenset({"分", "手"})


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
    # 突破千万大关, 3000点大关: a milestone, not a count of 大
    "大": "关",
    # 21国债01: a bond's name, not 21 countries
    "国": "债集",
    "周": "边围末",
    "台": "湾胞州独商资",
    "景": "区点观色象气",
    "城": "市镇乡区际",
    "片": "区",
    "单": "位元品一独边",
    # 格局, 格式, 格外: words; 停车位300格 counts spaces
    "格": "局式调外林言子律力兰鲁栅斗莱",
    # 伙伴, 伙食: words
    "伙": "伴食计同房",
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
    # 301条款: a clause named by its number
    "条": "款",
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
    # 两 after a number is the market unit (3两, 二两), but 两岸, 两会, 3万两千 are not
    "两": "岸会国地区市省者类种个位项年天次届条家点名人部方侧江湖广翼用手极性全千百十万亿",
    "晚": "会报宴餐饭间上点于些霞稻期年辈",
    "夜": "间市景经游晚班宵场色里以",
    "节": "点日约能庆假目奏拍省制水电期",
    # 头条, 头版, 头号, 头采 (the first picking of tea) are words, not heads of cattle
    "头": "采条版号部等脑衔像发奖目",
    "平方": "米公千厘英",
    # 2.3: 毛利, 毛重, 羊毛衫; 堆场, 捆绑, 篮球, 丛林, 针对, 剂量, 餐饮, 杯赛, 盆地, 段落, 滴灌
    "毛": "利重收坯毯衣料绒皮发巾笔泽细病孩竹茶纺织驴主豆额",
    "堆": "场放积肥存",
    "捆": "绑扎",
    "篮": "球子",
    "丛": "林书",
    "束": "缚手",
    "串": "联门",
    "针": "对织灸",
    "剂": "量型",
    "顿": "时号",
    "餐": "饮厅桌具馆",
    "杯": "赛",
    "盆": "地景",
    "段": "位落",
    "滴": "灌",
    "孔": "子雀",
    "立方": "米千厘公",
    # 2.4: 手机, 手续; 回事 (两回事), 回应, 回升; 道路, 道理; 群众, 群体; 档案, 档次; 坪村 (a
    # village's name); 遍布, 遍及
    "手": "机表续段工艺术指册套中里下上动车房货",
    "回": "事应复归收购报落升暖流顾家国来去程转头乡馈笼炉访忆避",
    "道": "路理德歉别具观口教士家班桥湾沟岭",
    "群": "众体岛落组聊星英居山峰",
    "档": "案次位期口",
    "坪": "村镇乡路街里山",
    "遍": "布地及历",
    # 2.5: 顶级, 核心, 注册, 床单, 卷烟, 丸子; 锭子 is the spindle itself
    "顶": "级端部层尖峰替住格棚梁流岗",
    "核": "心算查准电定酸发销实桃对减验能素",
    "注": "册意重资入明销射水释解塑",
    "床": "单垫头品上",
    "卷": "烟材入尺轴宗面",
    "丸": "子",
    "帧": "率",
    # 2.6: 令人, 排名, 排放, 盘活, 字号, 局长, 席卷, 胎压, 面积, 面临, 基金, 基地, 芯片, 车位费
    "令": "人牌",
    "排": "名行放序查污水队在第列除位练挤",
    "盘": "活点面中整子踞旋",
    "字": "号样母段头幕",
    "局": "长面势部限",
    "席": "卷位",
    "胎": "儿压",
    "面": "积向临对值料板包粉条试世貌孔额市谈授签单膜上下环性",
    "基": "金地础本准层数因站于",
    "芯": "片",
    "棒": "球子槌",
    "瓦峰": "值谷",
    "千瓦峰": "值谷",
    "兆瓦峰": "值谷",
    "吉瓦峰": "值谷",
    "座公里": "级",
    "轴": "承线心",
    # the guards of 2.7: 9钱以上 weighs, 3钱包 and 5钱款 do not; 3区域, 5区县 are no zones
    "钱": "包庄款财币物荒",
    "尺": "寸度码子",
    "丈": "夫量",
    "斗": "争门志",
    "刀": "具片",
    "枝": "条叶",
    "听": "取证众说到",
    "打": "造击开通印破卡响工折包车假出好平",
    "提": "高升供出前速价醒示交案名取质振效及",
    "挂": "牌钩号帅靠网",
    "贴": "息现补近心牌",
    "服": "务装饰从役刑贸",
    "味": "道精",
    "则": "是为在有以将会由相",
    "题": "目材为",
    "章": "程节",
    "桩": "号基",
    "招": "商聘标生牌待募引揽",
    "策": "略划源",
    "峰": "值会谷",
    "造": "成价船林型就福假",
    "熟": "悉练食",
    "拨": "款付打出",
    "波": "动段及兰音长峰谷罗",
    "金": "融额属条币价矿牌砖奖股券",
    "银": "行联价饰牌奖团发",
    "铜": "价矿材牌奖",
    "球": "场队员迷拍馆类",
    "杆": "菌塔",
    "洞": "察穴",
    "圈": "层",
    "胜": "利出任",
    "负": "责债面荷增担值数利",
    "企": "业稳",
    "校": "园区长友企地际准验对",
    "镇": "政级村",
    "乡": "镇村愁亲",
    "村": "民庄级集委落镇居",
    "港": "口区澳元币股资航务珠城湾铁人",
    "店": "铺面长主",
    "岛": "屿内上",
    "区": "域间块位县级委政内外",
    "站": "台上稳点长在到位房前",
    "番": "茄禺",
    "桌": "面椅子",
    "种次": "生品级要优",
    "板": "块材房报球凳桥书",
    "幕": "墙后布",
    "辑": "录",
    "版": "本权块图面税画",
    "句": "号子话",
    "声": "明音称誉势量",
    "步": "伐行骤入调",
    "环": "比境保节线路球卫评",
    "跨": "境国越省区界年度市",
    "法拉": "利",
    "特斯拉": "汽公股超工中上",
    "乏": "力味善",
    # 95598转3: an extension after a hotline; 49.8转升至50.3: a turn, no revolutions
    "转": "型变让化移向为入换运口发载交岗产达账基升降跌涨增减正负盈亏好弱强0123456789",
}


# Guards longer than a character: 万亿市场, 千亿市值, 近百万市民 are words of their own, not
# cities counted, where 三市民营经济, 两市民航, 五市值得关注 and 两市委书记 count cities.
_NOT_BEFORE_WORDS: Final[dict[str, str]] = {
    "市": "场(?!监)|值(?!得)|民(?![营航间族政生用事主])|委(?!书记|员会)",
}


def _guard(word: str) -> str:
    words = _NOT_BEFORE_WORDS.get(word)
    if words is not None:
        return f"(?!{words})"
    blocked = _NOT_BEFORE.get(word, "")
    if blocked:
        # 負債, 金額: a guard blocks in both scripts (the recognizer folds unit characters only)
        blocked += text_module.traditional_forms(blocked)
    more = ""
    if (word[-1].isascii() and word[-1].isalnum()) or word[-1] in "²³":
        # Latin units must not run into a longer Latin token (5GW is a unit, 5Gbit is not ours)
        blocked += "A-Za-z0-9_"
        if len(word) == 1:
            # UL 94 V-0, 8 A-1: a letter, a hyphen and a digit are a class, where 3V-5V is a
            # range of volts
            more = "|-[0-9](?![0-9.]*[A-Za-z])"
    return f"(?![{blocked}]{more})" if blocked else ""


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
    "部分 部 阶段 步 回 集 卷 版 页 层 局 棒 档 晚 艘 架 辆 台 套 座 件 只 头 批次 "
    "列次 架次 班 趟 航次 车次 股 宗 笔 例 颗 枚 张 份 种 款 所 栋 幢 间 户 组 支 队 篇 册 杯 "
    # 第8个季度, 第3个月: the measure word and its noun of time
    "个季度 个月 个年头 个交易日 个工作日 "
    # 第一罐混凝土, 第一炉钢水, 第一船: the measure words of a first pour, heat or cargo (R38)
    "罐 炉 船"
)

# Set phrases whose numerals count nothing; matched where a numeral or a round figure starts.
_NOT_ORDINAL_WORDS: Final = frozenset(("罐头", "船舶", "船厂", "炉具", "炉灶"))
_IDIOMS = _words(
    "三个代表 五位一体 四个全面 四个意识 四个自信 两个维护 两个确立 两个大局 八项规定 "
    "三天两头 三番五次 一五一十 七上八下 三年五载 五湖四海 四面八方 十全十美 三令五申 "
    "三心二意 九牛一毛 两个一百年 三五成群 一带一路 一年之计 "
    "三伏 三包 千家万户 百家争鸣 万家灯火 万人空巷 千方百计 千人计划 万元户 亿万 千千万万 "
    "成千上万 成百上千 成千上百 "
    # round 9: idioms of a market unit or a measure word, and a company's name
    "一掷千金 一诺千金 千金难买 三尺讲台 冰冻三尺 垂涎三尺 万丈高楼 光芒万丈 约法三章 十里八乡 "
    "百胜 万企兴万村 "
    # round 11: a saying of the year's toil, and the diamond press named by its six anvils
    "一年到头 一年忙到头 一年到頭 一年忙到頭 六面顶 六面頂 "
    # round 14, read on public news text: sayings whose numerals count nothing, 一旦 (once),
    # 百度 (a company) and the 里 of distances no one measured (千里迢迢, 万里长城)
    "五花八门 说三道四 三番四次 三番两次 接二连三 一点一滴 一旦 百度 "
    "千里迢迢 万里迢迢 不远万里 不远千里 不辞千里 千里之行 万里长城 万里长征 万里长江 鹏程万里 "
    "一日千里 一泻千里 十里八村 五里云雾 千里马 九章算术 百千万人才 两岸三地 两票制 一票否决"
)
# Place names with a numeral inside (R21): one identifier each. N道班 and the like (a road
# maintenance squad, a bridge or a gully named by its number along a road) are read by pattern.
_PLACES = _words(
    "五家渠 七台河 五台山 十三间房 三门峡 三里屯 五道口 千岛湖 十八洞 "
    # round 14: a city, and brands whose names count (三只松鼠 is a company, not three squirrels)
    "六盘水 三元桥 三元里"
)
# 三只松鼠营收, 七匹狼股份: brands whose names hold a count, read as names where a company's
# word follows (林中有三只松鼠 counts squirrels)
_BRANDS: Final = re.compile(
    "(?:三只松鼠|七匹狼|六个核桃)(?=股份|公司|集团|品牌|营收|净利|门店|旗下|上市|财报|创始|董事|"
    "饮品|食品|服饰|男装|电商|线上|线下|产品|[”」』])"
)
# 三元镇, 三元朱村: a place named 三元 before the word of its kind (R21); 三元钱 is money
_PLACE_BEFORE_KIND: Final = re.compile("三元(?=[镇村乡街朱湖区])")
# 中铁十四局, 中建三局, 中交一航局: a builder's bureau named by its number (R21, as a place)
_NUMBERED_BUREAU: Final = re.compile(
    "(?:(?<=中铁)|(?<=中建)|(?<=中交)|(?<=铁建)|(?<=水电)|(?<=中冶)|(?<=电建))"
    "[一二三四五六七八九十]{1,3}(?:航局|公局|局|院)"
)
# Idioms a round or vague numeral may sit inside of (成千上万 has 上万 at its third character).
_IDIOMS_AROUND: Final = tuple(w for w in _IDIOMS if w[0] not in "一二三四五六七八九十两")
# the characters a numeral inside one of those idioms follows (说 in 说三道四, 连 in 接二连三)
_IDIOM_AROUND_PREV: Final = frozenset(
    w[i - 1] for w in _IDIOMS_AROUND for i in range(1, len(w)) if w[i] in "一二三四五六七八九十两"
)

_MULT_EXP: Final = {"十": 1, "百": 2, "千": 3, "万": 4, "亿": 8, "兆": 12}
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
# Currencies whose amounts are written in 元 after their name (新台币3,000元, 港币120元).
_CURRENCY_PREFIXES: Final = {
    "新台币": "TWD",
    "台币": "TWD",
    "港币": "HKD",
    "港元": "HKD",
    "澳门币": "MOP",
    "澳门元": "MOP",
    "新加坡币": "SGD",
    "新币": "SGD",
}


def _named_before(names: Iterable[str], between: str) -> re.Pattern[str]:
    """A currency's name ending right where a figure starts, longest name first, with one of the
    approximation words ``between`` (alternatives) allowed between them."""
    return re.compile("(" + "|".join(sorted(names, key=len, reverse=True)) + f")({between})?\\Z")


_CURRENCY_BEFORE: Final = _named_before(_CURRENCY_PREFIXES, "约|近|逾|超过|超")
_TO_ONE: Final = re.compile(r"[:∶]1(?![0-9.:∶])")
# A currency named before a figure that has no unit after it (折合美元约5000万): any currency
# name of the inventory of two characters or more, and an approximation word between.
_CURRENCY_NAMED: Final = _named_before(
    (
        w
        for e in units.INVENTORY
        if e.dimension is units.Dimension.CURRENCY
        for w in e.surfaces
        if len(w) >= 2 and not w.isascii() and w not in ("块钱", "分钱", "角钱")
    ),
    "约|近|逾|超过|超|将近|大约",
)
# The words of a rate of interest or return that make 厘 a per cent (R32).
_RATE_WORDS: Final = re.compile(
    "利息|息率|年息|股息|派息|月息|利率|回报|回報|收益率|年化|按揭|票面|按息|息口|封顶|[PH]按|拆息"
)
_MONTHLY_RATE_WORDS: Final = re.compile("月息|月利|月利率")
# 码 is the yard where cloth is measured, the digits of a number where one is keyed in
_CLOTH_WORDS: Final = re.compile(
    "面料|麵料|布料|布匹|坯布|棉布|色布|纱线|紗線|丝绸|絲綢|绸缎|綢緞|织物|織物|纺织|紡織|织品|織品|呢绒|呢絨"
    "|机能布|機能布|功能布|梭织|梭織|针织布|針織布|布(?=出货|出貨|产能|產能|订单|訂單)"
)
_SENTENCE_END: Final = frozenset("。！？!?；;\n")
_DIGIT_WORDS: Final = re.compile(
    "号码|电号|账号|帐号|编号|卡号|密码|代码|验证码|条码|编码|数字|手机号|电话号"
)
_CLAUSE_END: Final = re.compile("[，,。；;！？!?\n]")
_TEMPERATURE_WORDS: Final = re.compile(
    "气温|温度|高温|低温|零下|摄氏|降温|升温|体温|水温|最高|最低"
)
_SPEED_WORDS: Final = re.compile("航速|时速|速度|风速|航行|船速|节速|提速|降速|速率|流速")
# 一度 before a word is an adverb (气温一度降至, 负荷一度上升, 一度紧张); a degree or a kWh is
# followed by 电, 的, a qualifier or the end of the clause (一度电, 降温一度。).
_YIDU_NOUN_NEXT: Final = frozenset("电的左以多半余")
# The words that make a letter after a figure a unit (M, G, T, P, E; inventory 2.4), looked for
# in the clause before it and in the characters after it up to a clause break.
_LETTER_WORDS: Final = re.compile(
    "(?P<compute>算力|智算|超算|计算能力|运算能力|运算速度|浮点运算)"
    "|(?P<data_rate>宽带|带宽|宽频|光纤|网速|千兆|百兆|万兆|接入速率|下载速率|网络速率)"
    "|(?P<data>存储|储存|内存|运存|记忆体|硬盘|硬碟|显存|(?<![客车人物])流量|数据量|容量)"
)
# How far after the letter a word is looked for: a short phrase (512G内存条, 300P智能算力).
_LETTER_AFTER: Final = 12
_PHRASE_BREAK: Final = "，,、；;：:"
_LETTER_NAME_AFTER: Final = re.compile("级|型|系列|公司|集团|号|款|代")
_LETTER_CODES: Final = {
    (letter, e.dimension.value): e.code for letter in "MGTPE" for e in units.readings(letter)
}
_NETWORK_GENERATIONS: Final = frozenset("23456")
# After a length of time: 内 (within), 前 and 后 (ago, later), not 内地, 内需, 前往, 后勤...
_DURATION_AFTER: Final = re.compile(
    "内(?![地涵需销科蒙衣存核外]|陆(?!续))|前(?![往景沿端台身夕瞻线])|后(?![勤台期盾面果者劲备])"
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
# What may follow 十四五 read as numbers (十四五岁的学生); anything else keeps the plan.
_PLAN_FREE_AFTER: Final = ("岁", "人", "个", "名", "天", "斤", "公斤", "元", "块", "家", "分钟")
_PLACE_BELOW: Final = {"十": "", "百": "十", "千": "百", "万": "千"}
_ROCKET: Final = re.compile("一(箭)([一二三四五六七八九十]{1,3}|[0-9]{1,2})星")
_QTY: Final = NumberCategory.QUANTITY
_PAIRS: Final = {
    "一二": (1, 2),  # after a round figure only: 两千一二百人, 十一二月
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
    "三两": (2, 3),  # 三两天: two or three, written in either order
}
# 四百七八十, 三千四五百, 一万七八千: a round figure, then a pair in the next place down; every
# pair but 三五 and 三两, which are no two neighbouring digits of one place.
_PAIR_HEAD: Final = re.compile(
    "([一二三四五六七八九两]?)([十百千万])(?="
    + "|".join(k for k in _PAIRS if k not in ("三五", "三两"))
    + ")"
)

# --------------------------------------------------------------------------------------------
# Regexes (all on folded text)
# --------------------------------------------------------------------------------------------

_AR = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
# 零/〇 never start a numeral: 零部件, 零售 are words, and years are matched separately.
_CN_START = "一二三四五六七八九十两"
_CN_BODY = "〇零一二三四五六七八九十百千万亿两"
# 零 opens a numeral only before its decimal point (零点五, 0.5)
_CN_DECIMALS = "〇零一二三四五六七八九"
_CN = rf"(?:(?:[{_CN_START}][{_CN_BODY}]*|零(?=点[{_CN_DECIMALS}]))(?:点[{_CN_DECIMALS}]+)?)"
# 千米/千克/千瓦 are units and 百分点 a unit, not a multiplier followed by 米/克/瓦/分点.
_UNIT_AFTER_MULT: Final = {
    head: _trie_pattern(sorted({w[1:] for w in _UNITS if len(w) > 1 and w[0] == head}))
    for head in "百千"
}
# 兆 is a trillion only in amounts of money as Taiwan writes them (營收1.2兆元, 1兆2,345億元);
# before 瓦, 赫, 帕... it is the prefix mega and part of the unit.
_ZHAO = "兆(?=元|美元|日元|日圆|韩元|港元|欧元|新台币|台币|亿|[0-9])"
_MULT = (
    rf"(?:(?:百(?!{_UNIT_AFTER_MULT['百']})|千(?!{_UNIT_AFTER_MULT['千']})|[万亿]|{_ZHAO}){{1,3}})"
)

_MAG_RUN: Final = re.compile(
    rf"(?:十|百(?!{_UNIT_AFTER_MULT['百']})|千(?!{_UNIT_AFTER_MULT['千']})|[万亿])+"
)
_UNIT_RE = _trie_pattern(_UNITS, _guard)
_UNIT_START: Final = re.compile(_UNIT_RE)

# A bare character class: re scans for it much faster than for an alternation with lookbehinds;
# run() dispatches on the character found.
# 半 before a unit of a rate states the number a half: 下降半个百分点, 低约半厘 (R36); elsewhere
# 半 forms words (上半年, 半导体, 半成品), so only these units are read.
_HALF_UNIT: Final = "半(?=个百分点|个基点|厘(?![米牛]))"
_HALF_BEFORE_NOT: Final = frozenset("上下前后大小太减折对个一二两三四五六七八九十")
# The capital numerals of amounts written out in full on cheques, contracts and tenders
# (叁亿捌仟陆佰肆拾伍万…元陆角捌分), in both scripts.
_CAPITAL_START: Final = "壹贰貳叁參叄肆伍陆陸柒捌玖拾"
_CAPITAL_AMOUNT: Final = re.compile(
    "([壹贰貳叁參叄肆伍陆陸柒捌玖拾佰仟十百千万亿零]+)(元|美元|欧元|港元|日元|英镑)"
    "(?:零?([壹贰貳叁參叄肆伍陆陸柒捌玖])角)?(?:零?([壹贰貳叁參叄肆伍陆陸柒捌玖])分)?"
)
# a capital digit alone before 元 is read only where the text says it writes capitals (大写:
# 叁元零伍分); 大陆元首, 元宇宙 and a person named 陆元 hold no amount
_CAPITAL_PLACES: Final = frozenset("拾佰仟十百千万亿")
_CAPITAL_CONTEXT: Final = re.compile("大写|大寫")
_CAPITAL_FOLD: Final = str.maketrans("貳參叄陸", "贰叁叁陆")
_CAPITAL_SET: Final = frozenset(_CAPITAL_START)
_ANCHOR: Final = re.compile(f"[A-Za-z_0-9{_CN_START}百千万亿半零{_CAPITAL_START}]")
_HALF_RE: Final = re.compile(_HALF_UNIT)
_ZERO_RE: Final = re.compile(
    "零(?=时|点[整钟半一二三四五六七八九〇零]|点(?:起|前|后|以|开始|至|到))"
)
# Segments joined by - . or / are one token: G7531/2, S/NR/28, KFR-35GW/N1, DB15/T; @ joins an
# e-mail address's parts (sales2026@163.com is one identifier, as a web address is), and a long
# dash before digits a model's (MD90—30, as MD90-30).
_TOKEN: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:(?:[-./@]|[—–](?=[0-9]))[A-Za-z0-9_]+)*")
_CN_START_SET: Final = frozenset(_CN_START)
_CN_BODY_SET: Final = frozenset(_CN_BODY)

# 上下 after a number is "about" (400元上下), not in 上下游, 上下班, 上下一心...
_POST_ALT = (
    "左右|及以上|及以下|或以上|或以下(?!列)|以上|以下|以内|有余"
    "|上下(?![游班级文楼车午半山铺层线一两同齐])"
)
_TAIL_PATTERN = (
    # 余 is also a noun head: 余额, 余量, 余粮
    # 来 between a number and its unit is about (30来人, 十来家)
    rf"(?P<q1>多|余(?![额量粮热地下])|来(?={_UNIT_RE}))?"
    rf"(?P<m2>{_MULT})?"
    r"(?P<sp>[ \u00a0\u3000])?"
    rf"(?P<unit>{_UNIT_RE})?"
    r"(?P<tail>多|半)?"
    r"(?P<lai>来)?"
    rf"(?P<post>{_POST_ALT})?"
)
_GEN: Final = re.compile(rf"(?:(?P<ar>{_AR})(?P<m1>{_MULT})?|(?P<cn>{_CN}))" + _TAIL_PATTERN)
_TAIL: Final = re.compile(_TAIL_PATTERN)
# A second unit after a slash: 元/吨, 美元/桶, 吨/小时; or after 每 when it is a unit of time
# (45立方米每秒, 120次每分钟).
_PER: Final = re.compile(rf"/(?P<per>{_UNIT_RE})")
_PER_EVERY: Final = re.compile(rf"每(?P<per>{_UNIT_RE})")
_PER_EVERY_END: Final = re.compile("[，,。；;、！？!?）)\n]|的|左右|以上|以下|以内|$")
_RATE_DIMENSIONS: Final = frozenset({"data_rate", "speed", "frequency", "compute"})

_PHONE: Final = re.compile(
    r"(?:[48]00-[0-9]{3,4}-[0-9]{3,4}|[48]00[0-9]{7}"
    r"|(?:86[- ]?)?1[3-9][0-9]{9}"
    r"|0[0-9]{2,3}[-—–][0-9]{7,8})(?![0-9.])"
)
_ISO_DATE: Final = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9.])")
_CLOCK_RE: Final = re.compile(r"([01]?[0-9]|2[0-4]):([0-5][0-9])(?::([0-5][0-9]))?(?![0-9:])")
_SHI: Final = re.compile(r"([01]?[0-9]|2[0-4])时(?:([0-5]?[0-9])分(?:([0-5]?[0-9])秒)?)?")
# N点 alone is also "N points" (3点建议): a clock time only with minutes, 半, or a time word.
_DIAN: Final = re.compile(r"([01]?[0-9]|2[0-4])点(?:([0-5]?[0-9])分|(半)|钟)")
# 上午十时, 十一时三十分, 零时: a clock time in Chinese numerals, read only after a part of the day,
# with its minutes, or at 零 (一时 alone is "for a while", 四时 "the four seasons").
_CN_CLOCK: Final = re.compile(
    "(二十[一二三四]?|十[一二三四五六七八九]?|[零一二两三四五六七八九])(时|点整|点钟|点)"
    "(?:(半)(?!会儿|刻)|([一二三四五]?十[一二三四五六七八九]?|[零〇][一二三四五六七八九])分)?"
)
_CLOCK_MARKS: Final = frozenset("时点")
_NOT_AFTER_ZERO_HOUR: Final = frozenset("差工段区间")
_AFTER_MIDNIGHT: Final = ("起", "前", "后", "以", "开始", "至", "到", "钟")
_AFTER_BARE_HOUR: Final = ("许", "整", "起", "前", "后", "至", "到", "开始")
# 当晚, 今早: a day word and its part before a clock time
_DAY_PARTS: Final = frozenset(
    _words("当晚 今晚 昨晚 明晚 当早 今早 昨早 明早 今晨 次日 当日 翌日 深夜 午夜 当天 今天 ")
    + _words("昨天 明天 是日 次晨")
)
# 上午10时许, 下午3点左右: an approximation after a clock time belongs to its span (R36)
_CLOCK_ABOUT: Final = re.compile("许|左右")
_DIAN_LOOSE: Final = re.compile(r"([01]?[0-9]|2[0-4])点(?:([0-5]?[0-9])分|(半)|钟)?")
_TOD_WORDS: Final = _words("上午 下午 中午 晚上 凌晨 早上 傍晚 早晨 夜间 清晨")
_TOD: Final = re.compile("|".join(_TOD_WORDS))
_TOD_SET: Final = frozenset(_TOD_WORDS)  # all two characters long: _time looks back two
_PM_WORDS: Final = frozenset(("下午", "晚上", "傍晚", "夜间", "晚"))
# 11月25日晚，: 早 or 晚 alone right after a date and before a break is its part of the day
_TOD_AFTER_DATE: Final = re.compile("[早晚](?=[，,；;、在])")
# 早 and 晚 alone before a clock time written with a colon or 时 (早7:05, 晚8时); not after
# 最, 较, 提... where they are "at the earliest/latest".
_TOD_ONE: Final = frozenset("早晚")
# 吨级 names a class of ships, 级别 and 级差 do not continue it.
_NOT_AFTER_CLASS: Final = frozenset("别数差")
_NOT_BEFORE_TOD_ONE: Final = frozenset("最较更太稍提推延早晚偏当今昨明前次每傍")
# A map scale: 1∶500万 always; 1:N when N could not be minutes (1:10000, 1:5万).
_SCALE: Final = re.compile(r"1(?:∶|:(?=[0-9]{3}|[0-9]+[万千百亿]))[0-9]+(?:\.[0-9]+)?[万千百亿]*")

_DATE_SUFFIX = r"(?P<suf>中下旬|上中旬|上旬|中旬|下旬|底|初(?![步级期心创次始见])|末)?"
# What follows a year in one date with it: its quarter (2026年一季度, 2028年第四季度, 2025年第四季
# as Hong Kong and Taiwan write it), the first
# quarters (2025年前三季度, 2027年首季, 首三季) or a compact range of months (2025年1-9月).
_YEAR_PART = (
    r"|(?:第(?=[一二三四1-4]季)|(?=[一二三四1-4]季度))(?P<yq>[一二三四1-4])季度?"
    r"(?![节风候]|开播|播出|节目|剧|综艺)"
    r"|前(?P<yfq>[一二三两1-3])个?季度|首(?P<yhq>[一二三1-3])?季度?"
    # 2026年前4个月: the year's first months, one date (R40)
    r"|[前首](?P<yfm>1[01]|[2-9]|[二两三四五六七八九]|十[一]?)个月"
    # 2026年1、2月: months listed with 月 written once, one date with their year (R40)
    r"|(?:(?:1[0-2]|0?[1-9])、)+(?:1[0-2]|0?[1-9])月份?"
    r"|(?P<mr1>1[0-2]|0?[1-9])[-—–~至到](?P<mr2>1[0-2]|0?[1-9])月份?"
    r"|[上下]半年度?"
)
_DATE_AR: Final = re.compile(
    r"(?:(?P<y>[0-9]{4})年(?P<ydu>度)?"
    r"(?:(?P<mo>1[0-2]|0?[1-9])月份?(?:(?P<d>3[01]|[12][0-9]|0?[1-9])[日号])?" + _YEAR_PART + r")?"
    r"|(?P<mo2>1[0-2]|0?[1-9])月份?(?:(?P<d2>3[01]|[12][0-9]|0?[1-9])[日号])?"
    r"|(?P<d3>3[01]|[12][0-9]|0?[1-9])日)" + _DATE_SUFFIX
)
_DAY = r"(3[01]|[12][0-9]|0?[1-9])"
_DAY_RANGE_TAIL: Final = re.compile(rf"[-—–~]{_DAY}[日号](?![0-9])")
_DAY_LIST_TAIL: Final = re.compile(rf"(?P<first>3[01]|[12][0-9]|0?[1-9])(?:、{_DAY})+日")
_MO_CN = r"十[一二]?|[一二三四五六七八九]"
_D_CN = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_D_CN_LONG = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
_DATE_CN: Final = re.compile(
    rf"(?:(?P<y>[〇零一二三四五六七八九]{{4}})年(?P<ydu>度)?"
    rf"(?:(?P<mo>{_MO_CN})月份?(?:(?P<d>{_D_CN})[日号])?{_YEAR_PART})?"
    rf"|(?P<mo2>{_MO_CN})月份?(?:(?P<d2>{_D_CN})[日号])?"
    rf"|(?P<d3>{_D_CN_LONG})日)" + _DATE_SUFFIX
)
_RANGE_SEP = r"[-—–~至到]"
_FISCAL_YEAR: Final = re.compile(
    r"((?:19|20)[0-9]{2})/([0-9]{2})(?![0-9月日号])(?:年度|财年|财政年度|年)?"
)
_YEAR_RANGE: Final = re.compile(rf"([0-9]{{4}}){_RANGE_SEP}([0-9]{{4}})年度?")
# Two years without 年 (规划(2021—2025)): a date when both are years and in order.
_BARE_YEAR_RANGE: Final = re.compile(rf"((?:19|20)[0-9]{{2}}){_RANGE_SEP}((?:19|20)[0-9]{{2}})")
_MONTH_RANGE: Final = re.compile(
    rf"(1[0-2]|0?[1-9]){_RANGE_SEP}(1[0-2]|0?[1-9])月份?"
    rf"|({_MO_CN}){_RANGE_SEP}({_MO_CN})月份?"
)
_QUARTER_RE: Final = re.compile(r"[一二三四1-4]季度")
# 第3/2026號: Macau numbers its regulations by number and year
_NUMBER_OF_YEAR: Final = re.compile("第[0-9]{1,4}/(?:19|20)[0-9]{2}[号號]")
# 第二季开播: a season of a show, no quarter
_SEASON_AFTER: Final = re.compile("开播|播出|节目|剧|综艺")
_QUARTER_OF_YEAR: Final = re.compile(
    r"(?:第(?=[一二三四1-4]季)|(?=[一二三四1-4]季度))[一二三四1-4]季度?"
    r"(?![节风候]|开播|播出|节目|剧|综艺)"
)
# 提前5个月, 此前3个月: 前 ends a word, and the months are a duration, not "the first N months".
_QIAN_WORDS: Final = frozenset("提之以此目当事空超跟面眼向从榜元为")
# 前8个月, 前三季度, and in Hong Kong 首三季, 首8个月 (首 is 前 there); 本月首3个星期, 前两周
_FIRST_N: Final = re.compile(
    rf"(?:{_AR}|{_CN})(?:个月|月(?![0-9日号底初份中上下末])|个季度|季度|季(?![节风候])"
    "|个星期|个周|周(?![年岁边末期内])|星期(?![一二三四五六日天]))"
)
_WEEKS: Final = re.compile("周|星期")
_DIGIT_RUN: Final = re.compile(r"[0-9]+")
_CN_RUN: Final = re.compile(f"[{_CN_BODY}]+")
_CN_SPECIAL_NEXT: Final = frozenset("月日年季分至到-—–~)、")
_AR_SPECIAL_NEXT: Final = frozenset("-/.:∶年月日时点季分(至到—–~、")
_RANGE_NEXT: Final = re.compile(_RANGE_SEP + r"(?=-?[0-9" + _CN_START + "百])")
_PAREN_ALT: Final = re.compile(
    rf"(?P<a>{_AR})(?P<am>{_MULT})?\((?P<b>{_AR})(?P<bm>{_MULT})?\)(?P<sp> ?)(?P<unit>{_UNIT_RE})"
)
_FRACTION: Final = re.compile(rf"(?P<den>{_AR}|{_CN})分之(?P<num>{_AR}|{_CN})")
# 2/3: a fraction when the numerator is smaller than the denominator (dates have 3 parts).
_SLASH_FRACTION: Final = re.compile(r"([0-9]{1,2})/([0-9]{1,3})(?![0-9/.])")
# 26/27赛季, 97/98榨季: a season over two years written by their last two digits, one date
_SHORT_SEASON: Final = re.compile(r"([0-9]{2})/([0-9]{2})(?:年度|财年|财政年度)?")
_SEASON_WORD: Final = re.compile("赛季|榨季|产季|学年|球季|雪季")
# 4、5月, 三、四季度, 18、19日: months, quarters or days listed with the word written once are one
# date (R40), as 4月18、19日 is (R31)
_LISTED_MONTH: Final = re.compile(r"(?:(?:1[0-2]|0?[1-9])、)+(?:1[0-2]|0?[1-9])月(?:份)?")
_LISTED_QUARTER: Final = re.compile(r"(?:[一二三四1-4]、)+[一二三四1-4]季度")
_LISTED_MONTH_CN: Final = re.compile(
    "(?:(?:十[一二]?|[一二三四五六七八九])、)+(?:十[一二]?|[一二三四五六七八九])月(?:份)?"
)
_LISTED_DAY: Final = re.compile(
    r"(?:(?:3[01]|[12][0-9]|0?[1-9])、)+(?:3[01]|[12][0-9]|0?[1-9])日(?![内后前左以])"
)
_PCT_PREFIX: Final = re.compile(
    rf"(?P<kind>[百千万])分之(?P<n>百|{_AR}|{_CN})(?P<post>{_POST_ALT})?"
)
# The second bound of 百分之五到八 / 百分之五至百分之八.
_PCT_SECOND: Final = re.compile(
    rf"{_RANGE_SEP}(?P<again>[百千万]分之)?(?P<n>{_AR}|{_CN})(?P<post>{_POST_ALT})?"
)
_ORDINAL: Final = re.compile(
    rf"(?P<n>{_AR}(?:[万亿](?=[^0-9]))?|{_CN})"
    rf"(?:(?P<q>季度|季(?![节风候]))|(?P<mw>{_trie_pattern(_ORDINAL_WORDS)}))?"
)
_PLAN: Final = re.compile(r"(?:[六七八九]|十[一二三四五六])五")
_PLAN_AFTER: Final = re.compile(r"规划|时期|期间|计划|末|初|开局|[”\"’」』]")
_IDIOM_RE: Final = re.compile(_trie_pattern(_IDIOMS))
_LONG_DIGITS: Final = re.compile(r"[0-9]{12,}")
_ID_TOKEN: Final = re.compile(r"[A-Za-z0-9_]+(?:[-.][A-Za-z0-9_]+)*")
_CN_PAREN: Final = re.compile(rf"({_CN})\)")
_PRE_APPROX: Final = {
    "不超过": Approx.AT_MOST,
    "不大于": Approx.AT_MOST,
    "不高于": Approx.AT_MOST,
    "不小于": Approx.AT_LEAST,
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
    # 每戶最高200萬元: an upper bound right before the figure (v9's and v10's annotators)
    "最高": Approx.AT_MOST,
    "多于": Approx.AT_LEAST,
    "少于": Approx.AT_MOST,
    "逾": Approx.AT_LEAST,
    "超": Approx.AT_LEAST,
    "近": Approx.ABOUT,
    "约": Approx.ABOUT,
}
# What makes 最高 before a figure a cap, in the same clause (每户最高200万元, 提供最高七成,
# 单一企业贷款额最高), in both scripts; 每公斤最高19.5元 and 单日最高 report a peak
_CAP_WORDS: Final = _words(
    "每户 每人 每家 每名 每位 每项 每个 每笔 每企 每宗 单一 单笔 单个 单户 单项 提供 给予 可获 "
    "可享 补贴 补助 奖励 资助 额度 贷款额"
)
_CAP_BEFORE: Final = re.compile(
    "|".join(sorted({w for word in _CAP_WORDS for w in (word, text_module.to_traditional(word))}))
)
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
    # 60岁及以上, 1000M及以上: "and above" (以上 includes the figure already)
    "及以上": Approx.AT_LEAST,
    "及以下": Approx.AT_MOST,
    "或以上": Approx.AT_LEAST,  # 三成或以上: Hong Kong's "or above" (R38)
    "或以下": Approx.AT_MOST,
    "以内": Approx.AT_MOST,
    "有余": Approx.AT_LEAST,
    "上下": Approx.ABOUT,
}
_POST_RE: Final = re.compile(_POST_ALT)
_OPEN_QUOTES: Final = frozenset('“"‘「『')
_CLOSE_QUOTES: Final = frozenset('”"’」』')
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
    "(?:(?:电话|热线|拨打|致电|专线|传真|手机|号码)(?:号码|号)?[是为]?[:： \u3000]{0,2}"
    "|(?:查询|咨询|联系|预订|预约|订票|客服|投诉|举报)[:：][ \u3000]?)\\Z"
)
_MOBILE_GROUPED: Final = re.compile(r"1[3-9][0-9]([ -])[0-9]{4}\1[0-9]{4}(?![0-9])")
# 0991—2345678: a dash set as a long one joins the groups as a hyphen does
_PHONE_GROUPS: Final = re.compile(r"[0-9]{2,}(?:[-—– ][0-9]{2,}){0,3}(?![0-9.,])")
_AREA_CODE_PHONE: Final = re.compile(r"0[0-9]{2,3}\)[ -]?[0-9]{7,8}(?![0-9.])")
_CODE_CONTEXT: Final = re.compile(
    "(?:代码|代号|编码|编号|税号|税则号|税则号列|税目|批号|文号|单号|型号|证号|备案号|注册号|"
    "账号|邮编|邮政编码|邮递区号|专利号|专利申请号|航班号|车次号|版本号|版本|舷号|QQ群?|QQ号|群号|"
    "微信号|工号|学号|订单号|合同号|房号|座位号|车位号|摊位号|展位号|桩号|运单号|提单号|尾号)"
    "(?:分别)?[是为]?[:： \u3000]{0,2}\\Z"
)
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
# Hong Kong codes (four or five digits) in brackets: after a company's name or before its
# share price, 恒域新能源(2689)股价收报…
_HK_CODE: Final = re.compile(r"[0-9]{4,5}(?=\))")
_COMPANY_END: Final = re.compile(
    "(?:公司|集团|控股|股份|科技|能源|银行|证券|保险|地产|置业|汽车|医药|药业|电子|实业|国际|"
    "发展|动力|材料|电气|电力|矿业|物流|航空|通信|智能|半导体|生物|资源|环保|建设|投资)"
    "(?:-[A-Z]{1,2})?\\Z"
)
_SHARE_WORDS: Final = re.compile(
    r"\)(?:股价|股份|股票|收报|收涨|收跌|涨|跌|报|今日|昨日|盘中|早盘)"
)
# A code followed by its exchange: 2689.HK, 600519.SH.
_EXCHANGE: Final = re.compile(r"\.(?:HK|SH|SZ|BJ|SS|US|TW|KS|SI)(?![A-Za-z0-9])")
# Digit groups (guidelines 4: a phone or a code, never several quantities): the groups, an
# extension, and what may come before them (+86, a bracketed area or country code).
_GROUPED: Final = re.compile(
    r"(?P<body>[0-9]{1,12}(?:[ -][0-9]{2,8}){0,4})(?P<ext>(?:转|分机|ext\.? ?)[0-9]{1,6})?"
    r"(?![0-9.,%:])"
)
_BRACKET_CC: Final = re.compile(r"\(\+?[0-9]{2,4}\)[ -]?")
# Hyphenated phone numbers with no word before them: an area code with its 0, a mobile
# number, a 400/800 number (0591-87763210, 138-1234-5678, 400-815-9090).
_HYPHEN_PHONE: Final = re.compile(
    r"0[0-9]{2,3}(?:-[0-9]{3,8}){1,3}|1[3-9][0-9]-[0-9]{4}-[0-9]{4}|[48]00-[0-9]{3,4}-[0-9]{3,4}"
)
# Numbers grouped in thousands by spaces (1 000 000): a number, not a code.
_THOUSANDS: Final = re.compile(r"[1-9][0-9]{0,2}(?: [0-9]{3})+")
# What joins the items of a list of phones or codes: 0580-2216688或12316, 2405871至2405876.
_PHONE_JOIN: Final = frozenset("或、和及与/,，;；")
_CODE_JOIN: Final = frozenset("或、和及与/,，;；至到~-—")
# A standard's or a code's letters, a space and its number: GB 3095-2012, YS/T 5231-2019,
# ISO 20022; the number has four digits or more, or a part after a hyphen or a colon.
_STANDARD_TAIL: Final = re.compile(
    r"(?:/[A-Z]{1,4})? ?"
    r"(?P<n>[0-9]{4,}(?:[-.:—–][0-9A-Za-z]+)*|[0-9]+(?:\.[0-9]+)*(?:[-:—–][0-9A-Za-z]+)+)"
    r"(?![0-9A-Za-z%])"
)
# A standard's prefix that carries digits or a slash: DB15/T (a province's local standard;
# DB5231/T a city's, DB152921/T a county's),
# Q/GDW, T/CECS (enterprise and group standards); its number follows after a space.
_STANDARD_PREFIX: Final = re.compile(r"[A-Z]{1,4}(?:[0-9]{2}){0,3}/[A-Z]{1,5}")
_STANDARD_NOT_AFTER: Final = frozenset("年月日万亿%‰")
_STANDARD_BARE_SLASH: Final = re.compile(r"/ ?[0-9]{1,5}[-—–][0-9]{4}(?![0-9])")
# DB 4210/T 056-2025: the second half of a local standard whose prefix is written with a space
_STANDARD_SECOND: Final = re.compile(
    r"/[A-Z]{1,4}(?:/[A-Z]{1,4})? ?[0-9]+(?:\.[0-9]+)*(?:-[0-9]{1,2}(?![0-9]))?"
    r"(?:[-—–:][0-9]{4})?(?![0-9A-Za-z%])"
)
# EN 71, IEC 62: the standards bodies whose numbers may have fewer than four digits (R38)
_SHORT_STANDARDS: Final = frozenset(("EN", "IEC", "ASTM", "JIS", "DIN", "BS", "NF", "ANSI"))
_SHORT_NUMBER: Final = re.compile(r" [0-9]{1,3}(?:-[0-9]{1,2})?(?![0-9.,%A-Za-z万亿千百])")
# UL 94 V-0, UL 94 5VA: a standard's short number and the class it rates after a space
_RATED_TAIL: Final = re.compile(
    r" [0-9]{1,4} (?:[A-Z]{1,2}-[0-9]{1,2}|[0-9][A-Z]{2})(?![0-9A-Za-z])"
)
# A bond's short name: the year, the kind of bond, the issue (21国债01, 24特别国债03).
_BOND_NAME: Final = re.compile(
    "[0-9]{2}[\u4e00-\u9fff]{0,4}?(?:国债|地方债|专项债|企业债|公司债|金融债|国开|农发|进出)"
    "[0-9]{2,3}(?![0-9])"
    # 23鲁高速MTN002, 24津城建CP003: a note's short name, the kind in letters
    "|[0-9]{2}[\u4e00-\u9fff]{2,5}(?:MTN|SCP|CP|PPN|ABN|GN)[0-9]{3}(?![0-9])"
)
# 进入全国前三, 位列行业前10: a place among the first, after the words that rank (R40)
_TOP_RANK: Final = re.compile(
    "(?:[一二三四五六七八九十百]{1,4}|[1-9][0-9]{0,2})(?=[，。；！？）)”」』\n,;]|$|的|之列|行列|阵营|位置)"
)
_TOP_RANK_BEFORE: Final = re.compile(
    "(?:全国|全省|全市|全区|全球|世界|全行业|行业|同行|同类|排名|进入|跻身|位列|位居|名列|稳居|保持|"
    "挺进|冲进|跻入|迈入|跃居|升至|降至)$"
)
# words whose numeral labels nothing even in a quoted name (“2026中国五金制造…论坛”)
# 电动两轮车, 三轮车, 四轮驱动: kinds of vehicle and drive, not wheels counted (R39)
_VEHICLE_KINDS = "[两三四]轮(?:车|电动车|摩托|驱动)"
_NOT_A_LABEL: Final = re.compile(
    "五金|[二三四]元(?:锂|电池|电芯|材料|正极|前驱体|结构|经济)|" + _VEHICLE_KINDS
)
# “一船多供”, “一证多址”: a mode named one-to-many, whose first pair is a label (R19, R31)
_ONE_MANY: Final = re.compile("一[\u4e00-\u9fff]多[\u4e00-\u9fff]")
# A bond's short name in quotation marks: the year, the issuer's short name, the issue number
# (with the letters of a note programme: SCP, MTN, CP).
_QUOTED_BOND: Final = re.compile(
    "[0-9]{2}(?:[\u4e00-\u9fff]{1,6}|[\u4e00-\u9fff]{1,9}债)(?:[A-Z]{2,4})?[0-9]{2,3}"
)
_TOKEN_YEAR: Final = re.compile(r":(?:19|20)[0-9]{2}(?![0-9])")
_SPACED_GROUP: Final = re.compile(r" [0-9]+(?:\.[0-9]+)?(?![0-9A-Za-z%])")
# 大模型, 模型, 版, 版本, 系统 after a version (DeepSeek 3.1大模型): its noun, not a unit
_VERSION_NOUN: Final = re.compile("大模型|模型|版|系统|系統")
# iPhone 15, Windows 11; StarPilot 5.2, DeepSeek 3.1: a Latin name's number or version
_MODEL_NUMBER: Final = re.compile(
    r" (?:[0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,2})?|[0-9]{1,4})(?![0-9.,%:年月日万亿])"
)
_LATIN_WORD_NEXT: Final = re.compile(" ?[a-z]")
# Letters before a number that make it an amount, not a standard (RMB 5000, USD 300).
_CODES: Final = frozenset(
    w
    for e in units.INVENTORY
    if e.dimension is units.Dimension.CURRENCY
    for w in (e.code, *e.surfaces)
    if w.isascii() and w.isupper()
)
# The last character of what _PHONE_CONTEXT and _CODE_CONTEXT end with, and of the bracket
# before a stock code: only numbers after one of these are tried as phones and codes.
_CONTEXT_END: Final = frozenset("话线打电真机码号是为:： \u3000(编本列目")
# 致电100余次, 热线3万多个: a figure, not a number to dial.
_NOT_AFTER_PHONE: Final = frozenset("余多万亿千百%")
# N道班 (a road squad, a bridge or a gully named by its number along a road) and ring roads
# (二环东路, 三环以内)
_PLACE_RE: Final = re.compile(
    _trie_pattern(_PLACES)
    + "|[一二三四五六七八九十]+道[班桥湾沟岭]"
    + "|[一二三四五六七]环(?=[东南西北]?路|[内外线以沿高快桥])"
)
# A first bound after these is the start of a change, not of a range: 从3家到5家.
_CHANGE_FROM: Final = frozenset("从由")
# Units whose numbers may carry a minus sign (同比-5.3%, -10℃, 净利润-2亿元).
_SIGNED_DIMENSIONS: Final = units.SIGNED_DIMENSIONS
# the words of a product before its quoted name (SUV“启程X9”, 首款样机“衡川H1”)
_PRODUCT_BEFORE: Final = re.compile(
    "(?:样机|机型|车型|SUV|MPV|轿车|新车|手机|平板|产品|系列|型号|芯片|无人机|机器人|旗舰|新品|"
    "款|品牌|电脑|笔记本|电视|手表|耳机)\\Z"
)
# the words of a bus line before its name in its clause (专线（Z1、Z3线）), as Y3路 keeps 路;
# roads and railways (G217线, G15线, 轨道交通S3线) leave 线 out
_TRANSIT_BEFORE: Final = re.compile("专线|公交|巴士|班线|接驳|定制线")
# 上市首两个月: the first months after an event, a length of time; 公司首三季 stays a date
_FIRST_MONTHS: Final = re.compile(f"[0-9{_CN_BODY}]{{1,3}}个月")
# what ends a calendar word before 首 (今年首两个月, 本月首3个星期, 年度, 一季度)
_CALENDAR_LAST: Final = frozenset("年月度季")
# 第三方机构, 第三者责任险, 第四方物流: a party, where 第三方面, 第三方阵 and 第三方案 rank
_THIRD_PARTY: Final = re.compile("[三四]方(?![面阵案向位式])|三者")
# 线上, 线下 (online, offline), 线路, 线索: words that start with 线
_NOT_AFTER_LINE: Final = frozenset("上下路索性条")
# 纬三路, 经一街: a street of a grid named by its number, the word included (R40)
_GRID_STREET: Final = re.compile("[一二三四五六七八九十]{1,3}(?:路|街|大道)")
# The characters before a number that _prefixed reads (双11, 国三, 周三, 星期三, 礼拜三, 前三 in
# a ranking, a list marker at the start of a line or of the text).
_PREFIX_HEADS: Final = frozenset(
    ("双", "国", "周", "期", "拜", "前", "\n", " ", "\u3000", "\t", "")
)
_DOUBLE_DAY: Final = re.compile(r"(?:11|12|十一|十二)(?![0-9.%〇零一二三四五六七八九十百千万亿两])")
# 国三, 国六 (China's emission stages) before what the press says of them; not 中国三大.
_EMISSION: Final = re.compile(
    "(?:[一二三四五六]|[1-6](?![0-9.]))(?=及|以|排|标|阶段|车|柴|汽|货|重型|轻型|[、和与或至到]国|"
    '[”"’)）,，。;；]|$)'
)
# 国 ending a word: 中国三大, 各国三方, 等国三、四季度.
_NOT_BEFORE_EMISSION: Final = frozenset(
    "中美英法德俄韩日泰印澳加意西巴越老缅朝蒙全各两本该外我他邻大强小某诸多万入出回归建治等"
    "一二三四五六七八九十0123456789"
)
_WEEKDAYS: Final = frozenset("一二三四五六")
_LISTED_WEEKDAY: Final = frozenset("一二三四五六日天")
# 上周五、三大股指, 周一、二季度, 周五、日经225: a numeral or a word goes on after the second day
_NOT_AFTER_LISTED_DAY: Final = frozenset(
    "大个季经猫位名家项类成届期年月日号点时分十百千万亿两一二三四五六七八九、0123456789"
)
_WEEK_DEICTICS: Final = frozenset("上下本这這")
# After N号 these make it a day of the month: 10号前, 3号起, 截至15号。
# 港前路9号, 中山大道88号: a number of a street address, never a day.
_ADDRESS_BEFORE: Final = frozenset("路街道巷弄段")  # 段: 信義路五段7號
_PLACE_PART_BEFORE: Final = frozenset("栋幢座馆厅")
# the last character of a village's name before its groups (东塘村3组), and of a housing
# estate's before its buildings (锦绣花园9栋, 翠湖苑1—6栋)
_VILLAGE_LAST: Final = frozenset("村屯")
_CLAUSE_BREAKS: Final = frozenset("，,。；;！？!?\n")
_ESTATE_WORDS: Final = frozenset(_words("花园 家园 花園 家園 小区 小區 公馆 公館 山庄 山莊 新村"))
_ESTATE_LAST: Final = frozenset("苑庭邸湾灣")
_NOT_ESTATES: Final = frozenset(_words("家庭 法庭 宫庭 港湾 海湾 台湾 臺灣 台灣"))
_NAME_JOINERS: Final = frozenset("、和及与與")
# 锦绣花园1—6栋: buildings 1 to 6 of an estate, two names (the first without its noun, R32)
_ESTATE_RANGE: Final = re.compile("([0-9]{1,3})[-—–~至到]([0-9]{1,3}(?:栋|幢|号楼))")
# A区3号, 东区5号, 展区2号: a zone named by a letter, a direction or a hall (该区3号召开 is a day)
_ZONE_NAMES: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789东西南北中展园")
_LAYOUT_NOUNS: Final = frozenset(("count:区", "count:港"))
_HOLIDAYS: Final = frozenset(_words("五一 十一 六一 七一 八一 三八"))
_CONTAINER_AFTER: Final = re.compile("(?:高柜|冷柜|平柜|标准)?(?:集装箱|货柜|貨櫃|柜|櫃|箱)")
_IDIOM_UNITS: Final = frozenset(("[zhang_cn]", "[chi_cn]", "count:金"))
# 共召开三次会议, 先后召开五次会议: words that count the meetings before the numeral
_MEETINGS_COUNTED: Final = re.compile(
    "(?:共|累计|先后|已经|已|共计|合计|总共)[\u4e00-\u9fff]{0,2}$"
)
# 八届全国人大, 七届二中全会, 四届一次会议: a term of a body named after 届 makes it a rank at
# any number, unless a word before it counts terms (举办了四届, 连任三届, 当选三届, 前两届, 历经
# 三届董事会) or 中央 starts another word (三届中央企业负责人研讨班)
_TERM_BODY: Final = re.compile(
    "全国人大|人大|全国政协|政协|中央(?!企业|部门|单位|财政|预算|资金)|中委|中纪委|董事会|监事会|"
    f"理事会|委员会|常委会|党委|职代会|[{_CN_BODY}]{{1,3}}(?:中全会|次会议|次全会|次全体会议)"
)
_TERMS_COUNTED_BEFORE: Final = re.compile(
    "(?:了|过|任|续|共|计|选|历经|经历|已|召开|举办|举行|前|近|后|连续|先后|跨越|横跨|这|那|各|"
    "每|几|头|首)$"
)
# 中共十五大, 民建七大: a party's congress named by its number, a rank at any number, where a
# noun after it makes a count (党的三大作风, 中共三大法宝)
_PARTY_BEFORE: Final = re.compile("(?:中共|党的|民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)$")
_CONGRESS_AFTER: Final = re.compile(
    "[^\u4e00-\u9fff]|$|精神|报告|代表|召开|以来|期间|上|决议|通过|提出|的|贺|开幕|闭幕|会议|和|与|"
    "及|前|后|胜利|确定|明确|强调|选举|修改|党章|文件|部署|之|所|将|在|作出|做出"
)
# 一则消息 counts a piece of news; 一则…，二则可以… is firstly, secondly
_NEWS_PIECES: Final = (
    "消息",
    "新闻",
    "通知",
    "公告",
    "案例",
    "广告",
    "信息",
    "故事",
    "启事",
    "声明",
)
# 商城5区, 园区3区, 展馆2区, 厂区4区: places whose parts are numbered zones
_ZONE_OWNER: Final = frozenset("场园馆厅港站厂库院校心楼区")
# Words ending in 路 or 道 that are no street (线路10号起停运: a day), and what makes N号 a day
# even after a street word (10号起, 20号前).
_NOT_STREETS: Final = frozenset(
    _words(
        "线路 道路 铁路 公路 水路 航路 网路 电路 思路 销路 出路 进路 套路 门路 陆路 海路 "
        "管道 渠道 频道 通道 航道 轨道 车道 赛道 跑道"
    )
)
_DAY_WORD_AFTER: Final = re.compile("前|后|起|之前|之后|以前|以后|当天|当日")
# 风力6到7级, 四到五级: a range of grades.
_GRADE_RANGE: Final = re.compile(
    r"([0-9]{1,2}|十[一二]?|[一二三四五六七八九])(?:到|至|-|~|—|–)"
    r"([0-9]{1,2}|十[一二]?|[一二三四五六七八九])级(?![别差数])"
)
# A year of the Republic of China era (民國115年): its month and day, what makes it a length of
# time instead, and characters only Traditional script writes (the passage is from Taiwan).
_MINGUO_MONTH: Final = re.compile(r"(1[0-2]|0?[1-9])月(?:(3[01]|[12][0-9]|0?[1-9])日)?")
_NOT_AFTER_MINGUO: Final = frozenset("来來间間内內前后後多半期的历歷龄齡")
# Words before a three-digit year that make it a length of time (為期100年, 使用了100年).
_MINGUO_DURATION_BEFORE: Final = _words(
    "为期 為期 历时 歷時 长达 長達 了 期限 龄 齡 成立 达 達 已 至今 年限 "
    "期为 期為 限为 限為 走过 走過"
)
# 4万8千, 6萬1,280, 1兆2,345億, 2萬零400: a figure that goes on after its first multiplier (零
# marks the places skipped).
_MIXED_HEADS: Final = frozenset({"万", "亿", "兆"})
_MIXED_REST: Final = re.compile(
    r"(零)?([0-9]{1,3},[0-9]{3}|[0-9]{1,4})(?![0-9.,])([千百万亿]{0,2})(?![年月日号时])"
)
# A mortgage priced on the prime rate or HIBOR less a margin: P-1.75厘, H-0.5%.
_RATE_MARGIN: Final = re.compile(r"[PH]-[0-9]{1,2}(?:\.[0-9]{1,3})?")
# A chainage: kilometre K12 plus 300 metres (K12+300, K2130+500.5).
_CHAINAGE_HEAD: Final = re.compile("[A-Z]{1,3}K?[0-9]{1,5}")
_CHAINAGE: Final = re.compile(r"\+[0-9]{1,4}(?:\.[0-9]+)?(?![0-9])")
# 骁龙8 Gen 4, 小米15 Ultra: a number followed by a Latin word of a model's name.
_MODEL_TAIL: Final = re.compile(
    r"(?: (?:Gen|Pro|Max|MAX|Ultra|Plus|Mini|Lite|Air|Elite|Turbo|Edge|Note|Neo|SE|Fold|Flip"
    r"|Ti|Super|XT)"
    r"(?: [0-9]{1,3}(?![0-9.]))?(?![A-Za-z]))+"
)
# USB 3.0, PCIe 5.0: a standard's name and its version. Only the names of standards and systems
# listed here: a Latin word before a figure is far more often a rate or an indicator (PMI 49.8,
# HIBOR 4.5, USD 7.12), whose figure is a quantity.
_VERSION: Final = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,2})?")
_VERSIONED_NAME: Final = re.compile(
    r"(?<![A-Za-z0-9])(USB|PCIe|HDMI|DDR|LPDDR|UFS|Wi-Fi|WiFi|Bluetooth|iOS|Android|HarmonyOS|"
    r"Windows|Linux|Python|TLS|HTTP|IPv|CUDA|OpenHarmony|DisplayPort|Thunderbolt|NVMe|SATA) \Z"
)
# 工业4.0, 鸿蒙5.0, 通义千问2.5: a version glued to the Chinese name of a stage, a system or a
# model names it, as after 蓝牙 (R35)
_CN_VERSIONED_NAME: Final = re.compile(
    "(?:鸿蒙|欧拉|千问|文心一言|文心|盘古|混元|豆包|星火|智谱|版本号|版本)\\Z"
)
# 工业4.0, 农业3.0: a stage of a sector named by a whole version; 制造业50.2 and 农业0.8 in a
# table of indices or growth rates are figures
_SECTOR_STAGE_BEFORE: Final = re.compile("(?:工业|农业|制造业|制造|物流|服务业|商业)\\Z")
_STAGE_VERSION: Final = re.compile("[1-9]\\.0")
# 99式坦克, 2型糖尿病, 伊尔96型专机: a type named by its number; 型 and 式 stay out, as after a
# model (R33)
# what opens an item numbered in brackets (a line, a stop, a colon, a comma), and what after
# the bracket makes the number a date or a figure instead
_ITEM_OPENERS: Final = frozenset(
    ("", "\n", "：", ":", "；", ";", "。", "！", "？", "，", ",", "、", " ", "\u3000")
)
_NOT_AFTER_ITEM: Final = re.compile("[月日号年时点万亿千百0-9]")
_TYPE_AFTER: Final = re.compile("[型式](?=[\\u4e00-\\u9fff])")
# 推出3型新车, 共有5型产品: words that count the types
_TYPES_COUNTED: Final = re.compile(
    "(?:推出|发布|研发|开发|研制出|设计|打造|上市|投放|量产|新增|共有|拥有|涵盖|包括|包含|共|计|了|"
    "(?<!患)有|分)\\Z"
)
# the measure words that count after a name that names by number (鲲鹏30家企业, 波音30架)
_COUNTED_AFTER_NAME: Final = frozenset(
    (
        "count:家",
        "count:个",
        "count:架",
        "count:架次",
        "count:台",
        "count:款",
        "count:项",
        "count:只",
        "count:支",
        "count:位",
        "count:名",
    )
)
# 波音787-9, 空客A350-1000: the variant after a type's number.
_VARIANT: Final = re.compile(r"-[0-9]{1,4}(?![0-9.])")
# Characters before a Chinese day of the month (截至二号, 于三号, 本月五号).
_DAY_BEFORE: Final = frozenset("至到于在从自止起月日是前后为為晚计定期")
_DAY_AFTER: Final = re.compile(
    "(?:前|后|起|之前|之后|以前|以后|当天|当日|举行|召开|开幕|闭幕|开始|结束|截止|到期)"
    "|[,，。;；!！?？、]|$"
)
# Names and codes a bare number is read as from the word before or after it (issue 16):
# a road (国道227线), a bus route (公交12路, 12路公交车), an aircraft type (波音737).
_ROUTE_BEFORE: Final = re.compile(
    # 伊尔96, 麦道82: aircraft types named by their makers' names; 鲲鹏920, 麒麟990, 骁龙888: a chip
    # named by its family and number, as 天玑9300
    "(?:国道|省道|县道|乡道|波音|空客|伊尔|雅克|麦道|空警|鲲鹏|麒麟|骁龙|天玑|昇腾|飞腾|龙芯|海光|兆芯|"
    "申威)\\Z"
)
_BUS_BEFORE: Final = re.compile("(?:公交|巴士|专线|夜班|乘坐|搭乘)\\Z")
_NOT_AFTER_ROUTE: Final = frozenset("段口径面况费基网")
_NUMBER_WORD_BEFORE: Final = re.compile("(?:编号|公告号|编码)[：: \u3000]?\\Z")
_LETTER_ROUTE: Final = re.compile("[A-Z]{1,2}[0-9]{1,3}")
# 12路、36路、K7路: a route listed before another route (or after one) is a route too (R38)
_ROUTE_IN_LIST: Final = re.compile("[、和及](?:[A-Z]{1,2}|夜|快)?[0-9]{1,3}路")
# the words of a notice about bus routes; 4路、8路高清视频 and 2路、4路 are channels counted
_ROUTE_WORDS: Final = re.compile(
    "途经|绕行|公交|线路|停靠|停运|改道|改线|班次|站点|车站|首末班|运营"
)
_ROUTE_LISTED_BEFORE: Final = re.compile("(?:[A-Z]{1,2}|夜|快)?[0-9]{1,3}路[、和及]\\Z")
_ROUTE_LIST_AFTER: Final = frozenset("、，,。；;和及与（(")
_BUS_AFTER: Final = re.compile("路(?:公交|车|巴士|专线|环线|快线|线路|夜班|区间)")
# A tariff (HS) code after the verb that classifies goods: 归入8471.3000, 列入8517.13,
# 商品编码主要为1201.9010.
_HS_BEFORE: Final = re.compile(
    "(?:归入|归类为|归类至|归为|归于|列入|编码|品目|子目|税目|章节)(?:税号|编码|品目|子目)?"
    "(?:主要|一般|通常|均|多|统一|分别|应当|应|须)?[为是:： \u3000]{0,2}\\Z"
)
_HS_CODE: Final = re.compile(r"[0-9]{4}(?:\.[0-9]{2,4}){1,2}|[0-9]{8}|[0-9]{10}")
# Service numbers (R23): 123xx of public services, 955xx of banks, insurers and carriers. Bare,
# they are a number to dial; before a website, an app or a platform they name it (12306网站).
_SERVICE_NUMBER: Final = re.compile(r"123[0-9]{2}|95[0-9]{3}")
_PLATFORM_AFTER: Final = re.compile(
    "[\u4e00-\u9fff]{0,8}?(?:网站|官网|网上|平台|客户端|小程序|公众号|服务号|系统|[Aa][Pp][Pp])"
)
# A document number: the year in brackets, the serial and 号 (国发〔2024〕12号, 〔2025〕第3号).
# A case number writes a court's or an office's code between them: (2025)新01民初123号.
# What may come before a document number's issuer (依据苏政发〔2025〕3号, 编号为国发[2024]7号).
_ISSUER_BEFORE: Final = re.compile(
    "依据|根据|按照|依照|遵照|参照|执行|印发|转发|下发|落实|贯彻|出台|发布|颁布|公布|作出|出具|"
    "通知|文件|编号|文号|"
    "[为是即见据和与及或的了在按依从将以经由]"
)
_ISSUER_MAX: Final = 8
_DOC_SERIAL: Final = re.compile("[〕\\]】)]第?[0-9]{1,6}号")
_DOC_NUMBER: Final = re.compile(
    r"[〔\[【(](?:19|20)[0-9]{2}[〕\]】)](?:[\u4e00-\u9fff]{1,6}[0-9]{0,4}[\u4e00-\u9fff]{0,4})?"
    r"第?[0-9]{1,6}号"
)
_LICENCE_NUMBER: Final = re.compile(r"[〔\[【(](?:19|20)[0-9]{2}[〕\]】)][0-9]{4,}(?![0-9.])")
# Share indices named by their number of constituents: 上证50, 中证1000, 沪深300, 科创50.
# 标普500, 日经225, 道琼斯30, 斯托克50, 纳斯达克100: the world's indices named by a number
_INDEX_NAME_BEFORE: Final = re.compile(
    "(?:上证|深证|中证|沪深|国证|科创|创业板|北证|恒生科技|标普|日经|道琼斯|斯托克|纳斯达克|"
    "纳指|罗素|富时)\\Z"
)
# Days named by their date (3·15, 7·20) and shopping festivals (618大促, 520当天).
# 今（20）日, 昨(12)日: a day of the month in brackets after today or yesterday, as news from
# Taiwan and Hong Kong dates itself; the whole expression is the date (R32).
_BRACKET_DAY: Final = re.compile(r"[今昨明前]\((?:3[01]|[12][0-9]|0?[1-9])\)日")
_PART_NUMBER: Final = re.compile(r"([0-9]{1,3})\)")
_TITLE_CLOSE: Final = frozenset('”》」』"')
# P·O 42.5, P·S·A 32.5R: a cement's type in letters joined by a middle dot, then its strength
# class: one designation (R32).
_DOTTED_GRADE_BEFORE: Final = re.compile(r"[A-Z](?:[·•‧・][A-Z]{1,3}){1,3} ?\Z")
_DOTTED_PREFIX: Final = re.compile(r"[A-Z](?:[·•‧・][A-Z]{1,3}){0,2}[·•‧・]\Z")
_DOTTED_TOKEN: Final = re.compile(r"[A-Z]{1,3}[0-9]{2}(?:\.[0-9])?R?")
_DOTTED_GRADE: Final = re.compile(r"[0-9]{2}(?:\.[0-9])?R?(?![0-9.])")
# 夜8路, 快3路, 机场1线: a route named by a word and its number (the word is part of the name).
# 加快3路 is no route: 快 after a verb or an adverb is "fast".
_ROUTE_NAME_BEFORE: Final = re.compile(
    "(?:夜|(?<![加赶更很较越尽])快|支|游|环|高峰|机场|旅游|观光|定制)\\Z"
)
_DOT_DAY: Final = re.compile(r"(?:1[0-2]|[1-9])[·•・](?:3[01]|[12][0-9]|[1-9])(?![0-9])")
# 增长15·8％, 日产2698·7万桶: a middle dot between digits set as a decimal point (R39)
_MIDDLE_DOTS: Final = re.compile("[·•・]")
_DOT_DECIMAL: Final = re.compile("(?<![0-9.·•・])([0-9]{1,6})[·•・](?=([0-9]{1,4})(?![0-9·•・.]))")
_NOT_DOT_DECIMAL_UNIT: Final = re.compile("[天日月年周时号秒分]|小时|个月")
# an e-mail address that starts with digits (12345678@qq.com); one that starts with a letter is
# a token (sales2026@163.com)
_MAIL: Final = re.compile(r"[0-9][A-Za-z0-9_.-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_FESTIVAL_DAY: Final = re.compile(
    "(?:618|520|818|1111|1212)(?=大促|年中|购物节|电商节|促销|狂欢|期间|当天|当日|活动|前后|节)"
    # 京东618, 天猫1111: a shop's festival named after the shop
    "|(?<=京东|天猫|淘宝|苏宁|抖音)(?:618|818|1111|1212)(?![0-9])"
)
# Train numbers of digits only before the word for a train (乘坐1461次列车), not a count of
# runs after a verb of running (开行1461次列车 is unusual, but 累计1461次 is a count).
_TRAIN_AFTER: Final = re.compile("次[\u4e00-\u9fff]{0,2}?(?:列车|动车|动车组|高铁|快车|特快|直达)")
_RUN_VERBS: Final = re.compile("(?:开行|运行|发送|累计|共|达|开出|增开|加开|停运)\\Z")
# Degrees, minutes and seconds of an angle or a coordinate: 87°36′, 43°48′20″.
_DMS: Final = re.compile(r"([0-9]{1,2}(?:\.[0-9]+)?)[′'](?:([0-9]{1,2}(?:\.[0-9]+)?)[″\"])?")
# A floor (位于12楼) and a room (1201室): names (R36); not 楼盘, 楼市, 3室2厅.
_ENDS: Final = frozenset("，,。；;！？!?\n")  # and the text's end, ""
# 售价22.98万元起，: 起 after a price at the end of a clause is "from", the lowest price
_PRICE_FROM: Final = re.compile("起(?=[，。；、！？）)”」\n,;]|$)")
# 起步价由8元起，调整为10元: 由 or 从 before the price makes 起 the start of a change
_CHANGE_FROM_WORD: Final = re.compile("[由从]")
# the letter of a grade's subclass (一级A标准, 一级B), not a word's start (一级AAA, 一级ABC)
_GRADE_LETTER: Final = re.compile("[AB](?=标准|排放|、|，|。|；|）|\\)|$)")
# a building named by its number right before a floor (3号楼1层, A栋3层, 2号厂房4层), where
# 5栋3层住宅 counts buildings and storeys
_NUMBERED_BUILDING: Final = re.compile(
    "(?:[0-9]号(?:楼|厂房|综合楼|办公楼|宿舍楼|住宅楼)|[A-Z][栋幢座])\\Z"
)
# an address around a floor: 经二路8号院3号楼1层, 3号楼2层201室 (其中1号楼18层 counts storeys)
_FLOOR_ADDRESS_BEFORE: Final = re.compile("路|街|巷|弄|号院|小区|大厦|广场|地址|位于|门牌")
_FLOOR_ADDRESS_AFTER: Final = re.compile("[0-9]+(?:室|房|号)|[东西南北]侧|商铺|门店|大厅|展厅")
_FLOOR_NOT_AFTER: Final = ("以上", "以下", "以内", "至", "到", "-", "—", "–", "~", "～", "、")
_FLOOR: Final = re.compile("楼(?![盘市宇房梯顶层板面道体栋座群龄])")
_ROOM: Final = re.compile("(?:室|房间|房(?![价产屋地东租贷源型款车企商]))(?![内外友])")
# 第七街, 第三中学, 第一人民医院: a street or an institution named by its number.
_NAMED_BY_ORDINAL: Final = re.compile(
    "(?:[大横]?街|大道|[大小]?巷|胡同|弄|中学|小学|初级中学|高级中学|实验小学|实验中学|"
    "幼儿园|(?:中心|人民|中医|妇幼)?医院|会议室|派出所|监狱|看守所|工程局|设计院|研究所)"
)
# N号 in a list of numbered things sharing the noun after the last (4号、7号泊位).
_NUMBERED_LIST: Final = re.compile(
    r"(?:(?:[、,，和及与或至到~-]|以及)(?:[0-9]{1,4}|[一二三四五六七八九十]{1,3})号)+"
)
# Compound lengths of time (1分42秒, 1小时58分, 3年6个月), read in the smallest unit written:
# each unit with its length in seconds and its code.
_TIME_PARTS: Final = {
    "年": (31557600, "a"),
    "个月": (2629800, "mo"),
    "天": (86400, "d"),
    "小时": (3600, "h"),
    "个小时": (3600, "h"),
    "分钟": (60, "min"),
    "分": (60, "min"),
    "秒钟": (1, "s"),
    "秒": (1, "s"),
}
_TIME_PART: Final = re.compile(rf"(?P<n>{_AR}|{_CN})(?P<u>{_trie_pattern(_TIME_PARTS)})")
# A list of kinds or phases summed up, not a grade: 分三期, 分为三类, 家电、服装三类商品.
_CLASS_BEFORE: Final = frozenset("为是由至到劣按及")
_CLASS_AFTER: Final = frozenset("水车及断标")
_KINDS_VERBS: Final = re.compile("(?:分|分为|分成|划为|划分为|分作|包括|包含|涵盖|共|共计|等)\\Z")
# 一是, 二是, 三要 opening a clause number the points of a list.
_SHI_MARKER: Final = re.compile(
    "([一二三四五六七八九十]|十[一二三四五六七八九])(?:是|要)(?![一二三四五六七八九十])"
)
_SHI_MARKER_AFTER: Final = frozenset("：:。；;，,\n \u3000")
# Hong Kong's land registers: 新九龍內地段, 屯門市地段, 丈量約份 (a district, then a kind of lot)
_LOT_REGISTER: Final = re.compile(
    "(?:新九[龙龍]|九[龙龍]|新界|香港|屯[门門]|沙田|荃[湾灣]|葵涌|将[军軍]澳|將軍澳|元朗|大埔|"
    "西[贡貢]|[东東]涌|[观觀]塘|柴[湾灣]|青衣|[马馬]鞍山|香港仔|[鸭鴨]脷洲|[长長]洲|坪洲)?"
    "(?:[内內]地段|市地段|海旁地段|丈量[约約]份)\\Z"
)
# 三代核电: a generation of a technology names it (R38)
_GENERATION: Final = re.compile(
    "[二三四五六]代(?=核电|核能|反应堆|堆型|半导体|移动通信|通信技术|测序)"
)
# 《中国药典》2025年版: an edition named by its year (R38)
_EDITION: Final = re.compile("(?:19|20)[0-9]{2}年版(?![图圖画畫权權号號税稅块塊面本式型])")
# 30日定期票, 3日游线路: the days of a pass or a tour (R37), not a day of the month
_DAYS_LONG_NOUN: Final = re.compile(
    "定期票|通票|套票|票(?![价房款据务面选])|游(?=线路|产品|团|套餐|行程|[，。、的])|券(?!商)"
)
# 民國117年前: words after a year of the Republic that stay out of its date
_AFTER_ERA_YEAR: Final = frozenset(("前", "后", "以前", "以后", "起"))
# 一、2025年预算执行情况 is a heading (a year may open the item); 3、4季度 at a line's start is a
# list of numbers. 三、3岁以下: a Chinese marker before Arabic digits; 1.年度汇算: an item of a
# list of attachments.
_LIST_MARKER: Final = re.compile(
    rf"([0-9]{{1,2}})、(?!(?![0-9]{{4}}年)[0-9〇零一二三四五六七八九十两])"
    rf"|({_CN})、(?![〇零一二三四五六七八九十两])"
    r"|([0-9]{1,2})[.．](?= ?[\u4e00-\u9fff])"
)


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


def _dot_decimals(norm: str) -> str:
    """``norm`` with every middle dot that is a decimal point made a point (same length): a
    multiplier or a unit that is no time follows the digits, and a day's name (5·1, 3·15) is
    read only before a unit of measure, never before a measure word (5·1期间, 3·15国际消费者
    权益日, 1·2期工程)."""
    cut = []
    for m in _DOT_DECIMAL.finditer(norm):
        e = m.end(2)
        scaled = norm[e : e + 1] in ("万", "亿")
        u = _UNIT_START.match(norm, e + scaled)
        if u is None or _NOT_DOT_DECIMAL_UNIT.match(u.group()) is not None:
            continue
        if not scaled and _DOT_DAY.fullmatch(norm, m.start(), e) is not None:
            readings = units.readings(u.group())
            if not readings or all(r.dimension is units.Dimension.COUNT for r in readings):
                continue
        cut.append(m.start(2) - 1)
    if not cut:
        return norm
    chars = list(norm)
    for i in cut:
        chars[i] = "."
    return "".join(chars)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = _fold(text)
        if _MIDDLE_DOTS.search(self.norm) is not None:
            self.norm = _dot_decimals(self.norm)
        self.out: list[Quantity] = []
        self.last = 0  # end of the last emitted span: nothing may start before it
        self.titles = self._regions(_TITLE_RE, "《")
        self.quoted = self._regions(_QUOTED_NAME_RE, "“‘「『")
        # Titles and quoted labels merged: run() tells in O(1) whether an anchor is in one.
        self.label_spans = _union(self.titles + self.quoted)
        self.in_label = False
        self.hotlines = any(w in self.norm for w in _HOTLINE_WORDS)
        self.mail = "@" in self.norm
        self._traditional: bool | None = None  # read once, when a Minguo year asks

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
                        r = self._prefixed(s, prev) if prev in _PREFIX_HEADS else None
                        if r is None and self.in_label:
                            r = self._label(s)
                        nxt = self._arabic(s) if r is None else r
                elif c.isascii():
                    t = _TOKEN.match(norm, s)
                    nxt = self._token(s, t.end()) if t is not None else s + 1
                elif c in _CN_START_SET and prev not in _CN_BODY_SET:
                    r = self._prefixed(s, prev) if prev in _PREFIX_HEADS else None
                    if r is None and self.in_label:
                        r = self._label(s)
                    nxt = self._chinese(s) if r is None else r
                elif c == "半":
                    nxt = self._half(s, prev) if _HALF_RE.match(norm, s) else s + 1
                elif c in _CAPITAL_SET:
                    nxt = self._capital_amount(s) if prev not in _CAPITAL_SET else s + 1
                elif c == "零":
                    # 零时 (midnight), or 零点五 (a decimal below one, 0.5)
                    if _ZERO_RE.match(norm, s) is None:
                        nxt = s + 1
                    elif (r := self._cn_clock(s)) is not None:
                        nxt = r
                    else:
                        nxt = self._chinese(s) if prev not in _CN_BODY_SET else s + 1
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
        return _share_list_readings(self.out, self.norm)

    # ---- numbers named by the word before them ------------------------------------------

    def _prefixed(self, s: int, prev: str) -> int | None:
        """Numbers that the character before them makes a name, a date or a list marker:
        双11 (the shopping festival), 国三 (an emission standard), 周三 and 星期三 (weekdays), and
        一、 or 1、 at the start of a line (an item of a numbered list: an ordinal)."""
        norm = self.norm
        if s - 1 < self.last and s > self.last:
            return None
        if prev == "前":
            return self._top_rank(s)
        if prev == "双":
            m = _DOUBLE_DAY.match(norm, s)
            if m is None:
                return None
            e = m.end()
            self._identifier(s - 1, e)
            return e
        if prev == "国":
            m = _EMISSION.match(norm, s)
            if m is None or (s >= 2 and norm[s - 2] in _NOT_BEFORE_EMISSION):
                return None
            e = m.end()
            self._identifier(s - 1, e)
            return e
        if prev in ("周", "期", "拜"):
            head = 1 if prev == "周" else 2
            if head == 2 and (s < 2 or norm[s - 2 : s] not in ("星期", "礼拜")):
                return None
            start = s - head
            before = norm[start - 1] if start >= 1 else ""
            if (
                start < self.last
                or norm[s] not in _WEEKDAYS
                or before in _CN_BODY_SET
                or before.isdigit()
                or norm[s + 1 : s + 2] in _CN_BODY_SET
                or self._counts_after_weekday(s + 1)
            ):
                return None  # 一周三次, 每周三天: a count, not Wednesday
            if before in _WEEK_DEICTICS and start - 1 >= self.last:
                start -= 1  # 上周五, 下星期三: the week is part of the date
            end = s + 1
            if (
                norm[end : end + 1] == "、"
                and norm[end + 1 : end + 2] in _LISTED_WEEKDAY
                and norm[end + 2 : end + 3] not in _NOT_AFTER_LISTED_DAY
            ):
                end += 2  # 星期六、日: two days with the week written once, one date (R38)
            self._emit(start, end, None, None, "", Approx.EXACT, NumberCategory.DATE, "")
            self._time_of_day_after(end)  # 周三上午
            return self.last
        # a list marker: the numeral is all the line has before 、 (indentation aside)
        i = s
        while i > 0 and norm[i - 1] in " \u3000\t":
            i -= 1
        if i > 0 and norm[i - 1] != "\n":
            return None
        m = _LIST_MARKER.match(norm, s)
        if m is None:
            return None
        g = m.lastindex or 1
        n = m.group(g)
        value = _ar_value(n) if n.isascii() else _cn_value(n)
        if value is None:
            return None
        e = m.end(g)
        self._emit(s, e, value, None, "", Approx.EXACT, NumberCategory.ORDINAL, self.text[s:e])
        return e

    def _counts_after_weekday(self, e: int) -> bool:
        """A measure word after 周三 makes it a count per week (每周三班); 对 and 晚 do not
        (周三对公众开放, 周三晚)."""
        u = _UNIT_START.match(self.norm, e)
        if u is not None and u.group() == "起" and self.norm[e - 3 : e - 2] in _WEEK_DEICTICS:
            return False  # 本周三起实施: from Wednesday on
        return u is not None and u.group() not in ("对", "晚")

    def _identifier(self, start: int, end: int, value_text: str = "") -> None:
        """Emit ``start:end`` as an identifier: a number that names, with no reading."""
        if (
            start >= 2
            and start - 1 >= self.last
            and self.norm[start - 1] == "临"
            and _NUMBER_WORD_BEFORE.search(self.norm, max(0, start - 8), start - 1) is not None
        ):
            # 公告编号：临2026-034: a temporary announcement's number keeps 临 (R38), where 项目
            # 位置：临5号线 is "next to"; a caller's value_text is the span's text, so it follows
            start -= 1
            if value_text:
                value_text = self.text[start:end]
        norm = self.norm
        if (
            start >= 3
            and start - 3 >= self.last
            and norm[start - 3] == "("
            and norm[start - 2] in _PROVINCES
            and norm[start - 1] == ")"
        ):
            # （苏）JZ安许证字〔2024〕000926: a licence keeps its bracketed province in front, as
            # 新（2024）… keeps its province (R33, R40)
            start -= 3
            if value_text:
                value_text = self.text[start:end]
        elif (
            start >= 1
            and start - 1 >= self.last
            and norm[start - 1] in _PROVINCES
            and norm[start - 2 : start - 1] in ("", ":", "：", " ", "(")
            and norm[start:end].isdigit()
            and end - start >= 8
        ):
            # 注册编号：苏132181925436: a registration number keeps its province's prefix (R33)
            start -= 1
            if value_text:
                value_text = self.text[start:end]
        self._emit(start, end, None, None, "", Approx.EXACT, NumberCategory.IDENTIFIER, value_text)

    def _capital_amount(self, s: int) -> int:
        """An amount in capital numerals (叁亿…壹拾柒元陆角捌分): one figure in yuan that goes
        on after 元 into 角 and 分, as 6块5毛 does (R33); unit_text is 元."""
        norm = self.norm
        m = _CAPITAL_AMOUNT.match(norm, s)
        if m is None:
            return s + 1
        if not any(c in _CAPITAL_PLACES for c in m.group(1)) and (
            _CAPITAL_CONTEXT.search(norm, max(0, s - 8), s) is None
        ):
            return s + 1
        try:
            whole = cn2an.cn2an(m.group(1).translate(_CAPITAL_FOLD), "normal")
            value = Decimal(int(whole))
            for group, scale in ((3, Decimal("0.1")), (4, Decimal("0.01"))):
                if m.group(group):
                    digit = cn2an.cn2an(m.group(group).translate(_CAPITAL_FOLD), "normal")
                    value += int(digit) * scale
        except (ValueError, KeyError, IndexError):
            return m.end()  # 陆亿零元: a malformed amount reads as nothing, never as a part
        code = units.lookup(m.group(2))
        if code is None:
            return m.end()
        unit, e, approx = code.code, m.end(), Approx.EXACT
        if m.group(2) == "元" and (named := self._currency_before(s)) is not None:
            unit = named[1]  # 新臺幣貳仟萬元, 港币伍佰万元: 元 is the named currency's (R32)
        if (post := _POST_RE.match(norm, e)) is not None and post.group() in _POST_APPROX:
            e, approx = post.end(), _POST_APPROX[post.group()]  # 壹佰万元以上
        self._emit_with_pre(
            s,
            e,
            value,
            unit,
            self.text[m.start(2) : m.end(2)],
            approx,
            _QTY,
            self.text[s : m.end(1)],
        )
        return e

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
        if (
            category is NumberCategory.QUANTITY
            and unit is not None
            and _dimension(unit) != "voltage"  # ±800千伏: the two poles of a line, no tolerance
            and start - 1 >= self.last
            and self.text[start - 1 : start] == "±"
        ):
            start -= 1  # 精度±2.5厘米: ± is kept as a minus sign is, the number its magnitude
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
        if (
            quoted is not None
            and category is NumberCategory.DATE
            and start != quoted[0]
            and self.norm[start:end].isdigit()
        ):
            return (start, end)  # “茶旅融合2025行动”: a year inside a name, not at its start
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
        gives one per pair (“三品一标” -> 三品, 一标; R31). Returns the end of what it emitted, or
        None when the number keeps its own reading: a unit of measure or a duration in quotation
        marks (“24小时通关”), a figure no label would use (“3000家”, “近百家”), dates, ordinals,
        plan names."""
        norm = self.norm
        quoted = _region_of(self.quoted, s, s + 1)
        region = quoted if quoted is not None else _region_of(self.titles, s, s + 1)
        if region is None or (s >= 1 and norm[s - 1] in "第每数几上"):
            return None
        if (
            _IDIOM_RE.match(norm, s)
            or _PLAN.match(norm, s)
            or _PLACE_RE.match(norm, s)
            or _NOT_A_LABEL.match(norm, s)
        ):
            return None
        r0, r1 = region
        if quoted is not None and s == r0 and norm[r0:r1] in _HOLIDAYS:
            self._identifier(s, r1)  # “五一”, 「十一」: a holiday named by its date (R19)
            return r1
        if quoted is not None and s == r0 and _QUOTED_BOND.fullmatch(norm, r0, r1):
            # “26禾城01”, “25苏交通SCP003”: a bond's short name is one token (as 21国债01)
            self._identifier(s, r1)
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
            # “百城千店”, “千村万户”: a bare round numeral labels like 三品 does
            small = small or (p.is_cn and p.core in ("百", "千", "万"))
            if quoted is not None and not small:
                return None  # “3000万家”: a figure, not a label
            end = p.unit_end
            if p.unit == "count:大":
                end = self._noun_after(end, r1)  # 五大口岸, 五大中心
        else:
            return None
        if end > r1 or (
            p.core == "一"
            and not self._list_item(s, end, region)
            and not (s == r0 and _ONE_MANY.fullmatch(norm, r0, r1) is not None)
        ):
            # 一路连欧亚, 一件事: 一 labels only a whole item (一港、两区, 一基地), or the first
            # pair of a mode named one-to-many (“一船多供”, “一证多址”: 多供 holds no numeral)
            return None
        self._identifier(s, end)
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
        if word == "最高" and not self._capped(qs):
            return None  # 單日最高16.2萬人次: the peak reached, where 每戶最高200萬元 is a cap
        block = _PRE_BLOCK.get(word)
        # 合约 is a word, but 折合约 is 折合 + 约
        zhehe = word == "约" and self.norm[max(0, qs - 2) : qs] == "折合"
        if block and qs >= 1 and self.norm[qs - 1] in block and not zhehe:
            return None
        return qs, _PRE_APPROX[word]

    def _capped(self, qs: int) -> bool:
        """Whether a word of a cap comes before 最高 at ``qs`` in its clause; the written text is
        searched too, since folding makes 補貼 half Simplified."""
        b = self._clause_start(qs, 8)
        return any(_CAP_BEFORE.search(t, b, qs) is not None for t in (self.norm, self.text))

    def _clause_start(self, s: int, limit: int) -> int:
        """Where the clause that ``s`` is in starts, at most ``limit`` characters back."""
        b = max(0, s - limit)
        for k in range(s - 1, b - 1, -1):
            if self.norm[k] in _CLAUSE_BREAKS:
                return k + 1
        return b

    def _sentences_before(self, s: int, n: int) -> int:
        """Where the sentence ``n - 1`` sentences before the one holding ``s`` starts, within
        its paragraph (a line break ends the search)."""
        norm, k = self.norm, s
        while k > 0 and s - k < 200:
            c = norm[k - 1]
            if c == "\n":
                break
            if c in _SENTENCE_END:
                n -= 1
                if n == 0:
                    break
            k -= 1
        return k

    def _clause_before(self, s: int) -> str:
        seg = self.norm[max(0, s - _CONTEXT) : s]
        breaks = list(_CLAUSE_BREAK.finditer(seg))
        return seg[breaks[-1].end() :] if breaks else seg

    def _clause_after(self, e: int) -> str:
        seg = self.norm[e : e + _CONTEXT]
        end = _CLAUSE_BREAK.search(seg)
        return seg[: end.start()] if end else seg

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
            mixed = _MIXED_REST.match(self.norm, core_end) if m1 in _MIXED_HEADS else None
            if mixed is not None and value is not None and "." not in ar:
                # 4万8千人, 6萬1,280人, 1兆2,345億元: the rest of the figure after its first
                # multiplier, as Taiwan and Hong Kong write it; one number
                digits, run = mixed.group(2).replace(",", ""), mixed.group(3)
                rest = _scale(_ar_value(digits), run or None)
                if rest is not None and len(digits) == 1 and not run and not mixed.group(1):
                    rest *= _magnitude(m1) / 10  # 月薪2万3: the next place down, 23000
                if rest is not None and rest < _magnitude(m1):
                    value += rest
                    core_end = mixed.end()
                    core, mult, unscaled = self.norm[s:core_end], "", None
                    m = _TAIL.match(self.norm, core_end)
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
        approx = Approx.EXACT if not q1 else Approx.ABOUT if q1 == "来" else Approx.AT_LEAST
        unit: str | None = None
        kind: str | None = None
        unit_start = unit_end = uts = end
        m_post_start: int | None = None
        if unit_s in _ARABIC_ONLY and is_cn:
            unit_s = None
        if unit_s is not None and (
            sp is None
            or unit_s.isascii()
            or unit_s == "%"
            # 出口量 3000 吨: a measure or a count typed after a space (not 2025 年, 3 月, 12 号)
            or (not is_cn and sp in (" ", "\u3000") and _UNITS[unit_s][1] in (_MEASURE, _COUNT))
        ):
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
            more = (
                kind == _TENTH
                and tail == "多"
                and self.norm[m.end("tail") : m.end("tail") + 1] != "数"
            )  # 三成多: more than 30 %, not 三成多数
            if kind == _COUNT and tail == "多":
                # 户均养蚕3张多。: more than three, closing the clause (3张多功能卡 is no count)
                more = _CLAUSE_END.match(self.norm, m.end("tail")) is not None
            half_tenth = kind == _TENTH and tail == "半"
            if (
                tail
                and (kind in (_DURATION, _MEASURE) or more or half_tenth)
                and not self._tail_is_word(m)
            ):
                # 3个多月, 两年半, 2斤多, 两斤半: 多 is at least, 半 adds a half (六成半 is 65 %)
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
            if kind == _TENTH and is_cn and not tail and value is not None:
                d = self._tenth_digit(unit_end)
                if d is not None:
                    # 八成七 is 87 %, 一成五 15 % (Hong Kong and Taiwan write shares so)
                    value += Decimal(d) / 10
                    end = unit_end + 1
                    pm = _POST_RE.match(self.norm, end)
                    post = pm.group() if pm is not None else None
                    m_post_start = end
            if (
                kind == _MEASURE
                and end == unit_end
                and self.norm[end : end + 1] == "级"
                and self.norm[end + 1 : end + 2] not in _NOT_AFTER_CLASS
            ):
                # 10万吨级以上船舶, 2.4万标准箱级, 百亿元级: a class named by its size (R31)
                end += 1
                pm = _POST_RE.match(self.norm, end)
                post = pm.group() if pm is not None else None
                m_post_start = end
            if kind == _DURATION and not (lai and end == m.end("lai")):
                w = _DURATION_AFTER.match(self.norm, end)
                if w is not None:
                    # 48小时内 is within 48 hours; 五年前, 一年半后 situate an event (R27)
                    if w.group() == "内" and approx is Approx.EXACT:
                        approx = Approx.AT_MOST
                    end = w.end()
        post_start, post_end = (m.start("post"), m.end("post")) if post else (-1, -1)
        if post and m_post_start is not None:
            post_start, post_end = m_post_start, m_post_start + len(post)
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
        if kind in (_POINT, _DEGREE, _KNOT, _LETTER) or unit_s in ("方", "厘", "码"):
            self._resolve(p, unit_s)
            if p.kind is None:
                return p
        if p.unit is not None and p.kind in (_MEASURE, _COUNT) and end == unit_end:
            sep = self.norm[unit_end : unit_end + 1]
            per = _PER.match(self.norm, unit_end) if sep == "/" else None
            if sep == "每":
                per = _PER_EVERY.match(self.norm, unit_end)
                if per is not None and (
                    _UNITS[per.group("per")][1] != _DURATION
                    or "/" in p.unit
                    or _dimension(p.unit) in _RATE_DIMENSIONS
                    or not _PER_EVERY_END.match(self.norm, per.end())
                ):
                    # 3元每斤 stays a price; 100M每月 (a rate already) and 300人每月发放 (每月
                    # opens the next phrase) are no rates per month
                    per = None
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
        if post and post_start == p.end and p.kind not in (_GRADE, _GRADE_CN, _QUARTER, _NUMBERED):
            if p.approx is Approx.EXACT:
                p.approx = _POST_APPROX[post]
            p.end = post_end
        return p

    def _tenth_digit(self, e: int) -> int | None:
        """The digit of hundredths after 成 at ``e`` (八成七, 三成五的企业), unless it starts a
        longer numeral (三成五十), a unit, a measure word or a date (六成三季度, 三成五家)."""
        d = _CN_DIGIT.get(self.norm[e : e + 1])
        if d is None or d == 0 or self.norm[e] == "两":
            return None
        if self.norm[e + 1 : e + 2] in _CN_BODY_SET:
            return None
        if _UNIT_START.match(self.norm, e + 1) or self.norm.startswith("季", e + 1):
            return None  # 超六成三季度, 约三成五年内: the digit starts a date or a count
        return d

    def _tail_is_word(self, m: re.Match[str]) -> bool:
        """多 or 半 after a unit that starts a word instead: 多少, 多个, 半年, 半导体."""
        e = m.end("tail")
        nxt = self.norm[e : e + 1]
        if nxt in (_NOT_AFTER_DUO if m.group("tail") == "多" else _NOT_AFTER_BAN):
            return True
        return m.group("lai") is None and _UNIT_START.match(self.norm, e) is not None

    def _resolve(self, p: _Parsed, unit_s: str) -> None:
        """Read 点, 度, 方 and 厘 from their context (module docstring); drop the unit if none."""
        norm = self.norm
        code: str | None = None
        kind = _MEASURE
        if unit_s == "厘":
            code = self._rate_code(p.start)
        elif unit_s == "码":
            after = _CLAUSE_END.split(norm[p.unit_end : p.unit_end + 8], maxsplit=1)[0]
            clause = self._clause_before(p.start) + after
            if _DIGIT_WORDS.search(clause):
                code, kind = "count:码", _COUNT  # 电号共11码: the digits of a number
            elif "速" not in clause and (
                _CLOTH_WORDS.search(norm, self._sentences_before(p.start, 2), p.start) is not None
                or any(q.unit == "[yd_i]" and "\n" not in norm[q.end : p.start] for q in self.out)
            ):
                # 出口面料800万码; 機能布出貨量…，月產能增加約200萬碼: the yard of cloth, where
                # the cloth may be named a clause or two before, or its yards read already
                code = "[yd_i]"
        elif unit_s == "方":
            big = p.value is not None and p.value >= 100
            if p.mult or (not p.is_cn and big):
                code = "m3"
        elif p.kind == _LETTER:
            code = self._letter_code(p, unit_s)
        elif p.kind == _KNOT:
            after = norm[p.unit_end : p.unit_end + 4]
            if _SPEED_WORDS.search(self._clause_before(p.start)) or _SPEED_WORDS.match(
                after.removeprefix("的")
            ):
                code = "[kn_i]"
            else:
                code, kind = "count:节", _COUNT
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
            nxt = norm[p.unit_end : p.unit_end + 1]
            if p.core == "一" and "\u4e00" <= nxt <= "\u9fff" and nxt not in _YIDU_NOUN_NEXT:
                pass  # 气温一度降至-2℃, 负荷一度上升: 一度 is "at one point", no degree
            elif "电" in clause or norm[p.unit_end : p.unit_end + 1] == "电":
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

    def _letter_code(self, p: _Parsed, letter: str) -> str | None:
        """M, G, T, P or E after a figure (inventory 2.4), read from the nearest word of its
        phrase, else of its clause: computing power after 算力, a bandwidth after 宽带 (M and
        G), a size after 存储, 内存 or 流量; otherwise no unit (3M公司, 5T级 are names and
        models; 2G to 6G are networks unless a word of storage comes before or right after)."""
        norm = self.norm
        if _LETTER_NAME_AFTER.match(norm, p.unit_end):
            return None  # 5T级叉车, 3M公司: a model or a company
        after = norm[p.unit_end : p.unit_end + _LETTER_AFTER]
        m = _CLAUSE_BREAK.search(after)
        after = after[: m.start()] if m else after
        before = self._clause_before(p.start)
        generation = letter == "G" and not p.mult and p.core in _NETWORK_GENERATIONS
        # The nearest word of the same phrase (up to a comma) decides, else of the clause:
        # 新增算力50P，存储10P is computing power, then storage.
        for narrow in (True, False):
            b, a = before, after
            if narrow:
                b = b[max(b.rfind(c) for c in _PHRASE_BREAK) + 1 :]
                cut = [a.find(c) for c in _PHRASE_BREAK if c in a]
                a = a[: min(cut)] if cut else a
            found = [(len(b) - w.end(), 0, w.lastgroup) for w in _LETTER_WORDS.finditer(b)]
            if not generation:  # 5G手机内存: a word after 5G does not make it a size
                found += [(w.start(), 1, w.lastgroup) for w in _LETTER_WORDS.finditer(a)]
            elif (w := _LETTER_WORDS.match(a)) is not None:
                found.append((0, 1, w.lastgroup))  # 4G内存
            for _, _, dim in sorted(found):  # ties: the word before wins
                code = _LETTER_CODES.get((letter, dim))
                if code is not None:
                    return code
        return None

    def _counts_a_rank(self, p: _Parsed) -> bool:
        """Measure words that name a rank after a Chinese numeral, without 第: 二十大 (the
        20th congress; 三大 and 十大 still count), 十四届全国人大, 二次会议."""
        if not p.is_cn or p.value is None:
            return False
        if p.unit == "count:大":
            return 11 <= p.value <= 30 or (
                p.value <= 30
                and "两" not in p.core
                and _PARTY_BEFORE.search(self.norm, max(0, p.start - 4), p.start) is not None
                and _CONGRESS_AFTER.match(self.norm, p.unit_end) is not None
            )
        if p.unit == "count:届":
            return p.value >= 10 or (
                "两" not in p.core
                and _TERM_BODY.match(self.norm, p.unit_end) is not None
                and _TERMS_COUNTED_BEFORE.search(self.norm, max(0, p.start - 4), p.start) is None
            )
        if p.unit == "count:次":
            # 舉行了二十多次會議 counts meetings: a vague figure or a verb's 了 before it
            return (
                self.norm.startswith(("会议", "全会", "全体会议"), p.unit_end)
                and p.approx is Approx.EXACT
                and self.norm[p.start - 1 : p.start] not in ("了", "过", "共", "计")
                and _MEETINGS_COUNTED.search(self.norm, max(0, p.start - 4), p.start) is None
            )
        return False

    def _names_a_floor(self, p: _Parsed, s: int) -> bool:
        """Whether N层 at ``s`` names a floor, as 12楼 does (R36): after a building named by its
        number in an address, wherever the clause ends (经二路8号院3号楼1层。, A栋3层301室; R41),
        or right after 楼, 厦, 座, 在 or 于 (航站楼3层, 位于5层), where a building's storeys count
        (5栋3层住宅楼, 主楼18层，, 12座3层楼房) and so does a bound (3层以上, A座3层至5层)."""
        norm = self.norm
        prev, nxt = norm[s - 1 : s], norm[p.unit_end : p.unit_end + 1]
        if norm.startswith(_FLOOR_NOT_AFTER, p.unit_end):
            return False
        if (
            _NUMBERED_BUILDING.search(norm, max(0, s - 6), s) is not None
            and nxt not in ("楼", "高", "建", "厂")
            and (
                norm[s - 2 : s - 1].isascii()  # A栋3层
                or _FLOOR_ADDRESS_BEFORE.search(self._clause_before(s)) is not None
                or _FLOOR_ADDRESS_AFTER.match(norm, p.unit_end) is not None
            )
        ):
            return True
        return (
            s >= 1
            and prev in "楼厦座在于"
            and nxt not in ("楼", "高")
            and not (prev in "楼厦" and nxt in _ENDS)
            # B座15层 names a floor, 第一座45层摩天大楼 counts storeys
            and (prev != "座" or norm[s - 2 : s - 1].isascii())
        )

    def _emit_parsed(self, p: _Parsed, s: int) -> int:
        """Emit a parsed number with a unit; returns the next scan position."""
        text = self.text
        value = p.value
        category = NumberCategory.QUANTITY
        unit = p.unit
        kind = p.kind
        if kind in (_DURATION, _COUNT) and p.end == p.unit_end:
            r = self._compound_duration(p, s)
            if r is not None:
                return r
        if (
            unit == "count:次"
            and not p.is_cn
            and p.core.isdigit()
            and len(p.core) <= 5
            and p.end == p.unit_end
            and _TRAIN_AFTER.match(self.norm, p.unit_start) is not None
            and _RUN_VERBS.search(self.norm, max(self.last, s - 3), s) is None
        ):
            # 乘坐1461次列车: the train's number (as G7531次 with letters); 次 stays out
            e = p.core_end
            self._identifier(s, e)
            return e
        if (
            p.end == p.unit_end
            and value is not None
            and not p.mult
            and (m := self._spoken_coin(p)) is not None
        ):
            # 6块5, 三毛五: spoken money, the figure after 块 or 毛 counts the next smaller coin,
            # and 块 is the yuan (a count of pieces is never followed by a bare digit); 1斤2两 is
            # 1.2 斤 the same way
            tenth = Decimal(_cn_value(m.group(2)) if m.group(2) else m.group(1)) / 10
            e = m.end()
            approx = p.approx
            if (post := _POST_SPOKEN.match(self.norm, e)) is not None:
                e, approx = post.end(), _POST_APPROX[post.group()]  # 6块5左右
            start = s
            if (pre := self._pre_qualifier(s)) is not None:
                start, approx = pre  # 约6块5
            code = "CNY" if unit == "count:块" else unit
            unit_text = text[p.unit_text_start : p.unit_end]
            self._emit(
                start,
                e,
                value + tenth,
                code,
                unit_text,
                approx,
                category,
                text[p.start : p.core_end],
            )
            return e
        if (
            unit == "count:航次"
            and not p.is_cn
            and p.core.isdigit()
            and len(p.core) >= 4
            and not p.core.endswith("00")
            and p.end == p.unit_end
            and (
                self.norm[s - 1 : s] in _VESSEL_BEFORE
                # 首航为26001航次, 航次号为2603航次: the voyage named after 为
                or self.norm[s - 3 : s - 1] in ("首航", "次号")
            )
            and self._pre_qualifier(s) is None
        ):
            # 油轮2603航次, “远望湾”号2603航次: a voyage's number after its vessel; 航次 stays out
            # (港口靠泊1235航次 counts voyages)
            e = p.core_end
            self._identifier(s, e)
            return e
        if unit == "[chi_cn]" and _CONTAINER_AFTER.match(self.norm, p.unit_end) is not None:
            p.unit = unit = "[ft_i]"
        if (
            unit == "count:区"
            and not p.is_cn
            and p.core.isdigit()
            and len(p.core) <= 3
            and p.end == p.unit_end
            and (self.norm[s - 1 : s] in _ZONE_OWNER or self.norm[s - 2 : s] == "商城")
            and not self._counted(s)
        ):
            # 在商城5区东门: a numbered part of a market, a park or a hall, named as after 号
            # (R33); 全市5区3县 and 新设5区 count districts
            e = p.core_end
            self._identifier(s, e)
            return e
        if (
            unit == "count:轮"
            and not p.is_cn
            and p.core.isdigit()
            and p.end == p.unit_end
            and "\u4e00" <= self.norm[s - 1 : s] <= "\u9fff"
            and self.norm[s - 1] not in _NOT_BEFORE_VESSEL_NUMBER
            and _VESSEL_VERB.match(self.norm, p.unit_end) is not None
            and not self._counted(s)
            and self._pre_qualifier(s) is None
            and self._name_before(s) is not None
        ):
            # 鑫海12轮于昨日首航: a ship named with its number before 轮 (ship), which stays
            # out as 号 does; 经过12轮谈判 and 融资3轮 count rounds
            e = p.core_end
            self._identifier(s, e)
            return e
        if (
            unit == "count:段"
            and self.norm[s - 1 : s] in ("路", "街", "道")
            and self.norm[max(0, s - 2) : s] not in ("道路", "街道", "铁路", "公路", "线路")
            and (p.is_cn or self.norm[p.unit_end : p.unit_end + 1].isdigit())
        ):
            e = p.unit_end  # 信義路五段, 中山路3段: a section of a road, part of an address
            self._identifier(s, e)
            return e
        if (
            unit == "count:户"
            and self.norm[max(0, s - 2) : s] == "单元"
            and len(p.core) >= 3
            and _BUILDING_BEFORE.search(self.norm, max(0, s - 8), s) is not None
        ):
            e = p.unit_end  # 3单元1101户: a flat named by its number after the entrance
            self._identifier(s, e)
            return e
        if (
            unit == "count:组"
            and not p.is_cn
            and len(p.core) <= 2
            and p.end == p.unit_end
            and (
                (
                    self.norm[s - 1 : s] in _VILLAGE_LAST
                    and self.norm[s - 2 : s] not in ("全村", "各村", "每村", "该村", "本村")
                    and not self._counted(s)
                )
                or self._continues_names(s, "组")
            )
        ):
            # 东塘村3组、4组: a villager group named by its number, 组 left out as after 号 (R33)
            e = p.core_end
            self._identifier(s, e)
            return e
        if unit in ("count:栋", "count:幢", "count:座") and (
            _BUILDING_PART.match(self.norm, p.unit_end)
            or self.norm[s - 1 : s] in ("弄", "号")
            or (
                # 锦绣花园9栋, 翠湖苑3栋; not 产业园10栋厂房, 人才公寓5栋, 加工园1座
                unit != "count:座"
                and not p.is_cn
                and self._estate_before(s)
                and not self._counted(s)
            )
            or self._continues_names(s, "栋幢座")
        ):
            e = p.unit_end  # 3栋2单元, 12座3楼: a building named by its number in an address
            self._identifier(s, e)
            return e
        if unit == "deg" and p.end == p.unit_end and value is not None:
            m = _DMS.match(self.norm, p.end)
            if m is not None:  # 87°36′ -> 87.6 degrees
                value += Decimal(m.group(1)) / 60
                if m.group(2):
                    value += Decimal(m.group(2)) / 3600
                p.end = m.end()
        if kind == _GRADE_CN and p.is_cn and p.core != "两" and self._sums_kinds(p, s):
            kind = _COUNT  # 分三期, 家电、服装三类商品: a count of kinds or phases
        if kind == _COUNT and self._counts_a_rank(p):
            kind = _GRADE
        elif unit == "count:层" and not p.is_cn and self._names_a_floor(p, s):
            self._identifier(s, p.unit_end)
            return p.unit_end
        if kind == _GRADE or (kind == _GRADE_CN and p.is_cn and p.core != "两"):
            category = NumberCategory.ORDINAL
            unit = None
        elif kind == _DURATION:
            r = self._minguo_year(p, s)
            if r is not None:
                return r
            category = NumberCategory.DURATION
        elif kind in _TENTHS:
            value = _tenths(value, kind)
            if value is None:
                return p.core_end
        elif kind == _CLOCK:
            iso = f"{int(value):02d}" if value is not None else None
            return self._emit_time(s, p.unit_end, iso)  # 8点左右
        elif kind == _NUMBERED:
            return self._numbered(p)
        elif kind == _ROAD:
            e = p.core_end
            self._identifier(p.start, e)
            return e
        start = value_start = p.start
        approx = p.approx
        unit_text = text[p.unit_text_start : p.unit_end]
        if unit == "CNY" and s == p.start and (named := self._currency_before(s)) is not None:
            # 新臺幣3,000元, 港幣120元: the currency named before the figure, whose 元 is its
            # dollar, belongs to the amount and decides its code (R32)
            s, unit, between, name_end = named
            start = s
            # the name says which currency: it is the unit_text (元 alone would be the yuan)
            unit_text = text[s:name_end]
            if between:
                approx = _PRE_APPROX.get(between, approx)  # 新臺幣約3億元
        if category is not NumberCategory.ORDINAL:
            pre = self._pre_qualifier(s)
            if pre is not None:
                start, approx = pre
            elif value is not None and self._below_zero(start, unit):
                start = value_start = start - 2  # 零下18℃: 零下 is the minus sign
                value = -value
        end = p.unit_end if category is NumberCategory.ORDINAL else p.end
        if (
            category is NumberCategory.ORDINAL
            and self.norm[p.unit_start : p.unit_end] == "级"
            and _GRADE_LETTER.match(self.norm, end) is not None
        ):
            end += 1  # 一级A标准: a discharge standard's grade with its subclass's letter (R41)
        if unit == "a" and unit_text[-1:] in ("岁", "歲") and end > p.unit_end:
            if self.norm.startswith("前后", p.unit_end):
                end, approx = p.unit_end + 2, Approx.ABOUT  # 60岁前后: about that age (R37)
            elif self.norm[p.unit_end] == "来":
                end = p.unit_end  # 他40岁来到深圳: 来 is the verb, no "since" after an age
        if kind == _COUNT and end == p.unit_end and (alt := self._alternative_noun(end)):
            end = alt  # 430台（套）, 七省（区）: the bracketed noun counted the same way
        if (
            end == p.unit_end
            and approx is Approx.EXACT
            and _dimension(unit) == "currency"
            and _PRICE_FROM.match(self.norm, end) is not None
            and _CHANGE_FROM_WORD.search(self._clause_before(start)) is None
        ):
            end, approx = end + 1, Approx.AT_LEAST  # 售价22.98万元起: the lowest price (R41)
        self._emit(
            start,
            end,
            value,
            unit,
            unit_text,
            approx,
            category,
            text[value_start : p.core_end],
        )
        return end

    def _alternative_noun(self, e: int) -> int | None:
        """The end of a bracketed measure word or counted noun right after a count's unit, as
        台（套） or 省（区、市） write the other things counted; None if none."""
        m = _ALTERNATIVE.match(self.norm, e)
        if m is None:
            return None
        words = m.group(1).split("、")
        counts = all(
            w in _DIVISIONS or any(r.dimension == units.Dimension.COUNT for r in units.readings(w))
            for w in words
        )
        return m.end() if counts else None

    def _century(self, p: _Parsed, s: int) -> int | None:
        """21世纪, 19世纪末, 二十一世纪: a period of the calendar (21世纪海上丝绸之路 too)."""
        c = _CENTURY.match(self.norm, p.end)
        if c is None or p.value is None or p.value > 21 or p.value != int(p.value):
            return None
        self._emit(s, c.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "")
        return c.end()

    def _spoken_coin(self, p: _Parsed) -> re.Match[str] | None:
        """The next smaller coin after 块 or 毛 in a spoken price (6块5, 三毛五, 6块5毛), or the
        两 after 斤 in a weight (1斤2两, 1 斤 = 10 两); None when a unit follows the digit
        (一块5年前: 5年 is a length of time)."""
        if p.unit == "[jin_cn]":
            return _JIN_LIANG.match(self.norm, p.unit_end)
        if p.unit not in ("count:块", "currency:毛"):
            return None
        m = _SPOKEN_COIN.match(self.norm, p.unit_end)
        if m is None or (not m.group(3) and _UNIT_START.match(self.norm, m.end()) is not None):
            return None
        return m

    def _grade_range(self, s: int) -> int | None:
        """风力6到7级, 阵风8～9级, 四到五级: a range of grades is one ordinal (R32), as 7级 is;
        its bounds stay in its value_text, since only quantities and durations carry low and high
        (schema.NumberMention)."""
        m = _GRADE_RANGE.match(self.norm, s)
        if m is None:
            return None
        a, b = (_small_int(g) for g in m.group(1, 2))
        if a is None or b is None or a >= b or self.norm[max(0, s - 1) : s] in ("由", "从"):
            return None  # 由4到5级增强到…: a change, two mentions (R25)
        e = m.end()
        text = self.text
        self._emit(
            s,
            e,
            None,
            None,
            text[e - 1],
            Approx.EXACT,
            NumberCategory.ORDINAL,
            text[s : e - 1],
        )
        return e

    def _minguo_year(self, p: _Parsed, s: int) -> int | None:
        """民國115年, 114年空氣品質, 115年1月1日: a year of the Republic of China era (year 1 is
        1912), as Taiwan dates: after 民國, before a month or 度, or in a passage written in
        Traditional script where nothing makes it a length of time (R32)."""
        norm = self.norm
        if p.is_cn or norm[p.unit_start : p.unit_end] != "年":
            return None
        if not p.core.isdigit() or p.approx is not Approx.EXACT:
            return None
        era = norm[max(0, s - 2) : s] == "民国" and s - 2 >= self.last
        if p.end != p.unit_end and not (era and norm[p.unit_end : p.end] in _AFTER_ERA_YEAR):
            return None  # 民國117年前: 前 after a date stays out
        if not (era and 1 <= int(p.core) <= 150) and not (
            len(p.core) == 3 and 100 <= int(p.core) <= 130
        ):
            return None
        month = _MINGUO_MONTH.match(norm, p.unit_end)
        nxt = norm[p.unit_end : p.unit_end + 1]
        if not era:
            if self._pre_qualifier(s) is not None or any(
                w in self.text[max(0, s - 3) : s] or w in norm[max(0, s - 3) : s]
                for w in _MINGUO_DURATION_BEFORE
            ):
                return None  # 樹齡約110年, 為期100年, 使用了100年: a length of time
            if nxt in _NOT_AFTER_MINGUO:
                return None  # 114年來, 120年歷史: a length of time
            if month is None and nxt != "度" and not self._is_traditional():
                return None
        start = s - 2 if era else s
        end = month.end() if month is not None else p.unit_end + (1 if nxt == "度" else 0)
        if month is None and (quarter := _QUARTER_OF_YEAR.match(norm, end)) is not None:
            end = quarter.end()  # 民國117年第1季: a year with its quarter is one date (R31)
        year = int(p.core) + 1911
        mo = _small_int(month.group(1)) if month is not None else None
        day = _small_int(month.group(2)) if month is not None and month.group(2) else None
        iso = _iso_date(year, mo, day) if mo is not None else str(year)
        self._emit(start, end, None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
        return end

    def _is_traditional(self) -> bool:
        """Whether the passage is written in Traditional script (OpenCC t2s changes it)."""
        if self._traditional is None:
            self._traditional = text_module.to_simplified(self.text) != self.text
        return self._traditional

    def _currency_before(self, s: int) -> tuple[int, str, str, int] | None:
        """The start and code of a currency other than the renminbi named right before ``s``
        (新台币, 港币, 澳门币...), whose 元 after the figure is that currency's unit, and the
        approximation word between them (新臺幣約3億元), if any."""
        m = _CURRENCY_BEFORE.search(self.norm, max(self.last, s - 7), s)
        if m is None:
            return None
        return m.start(), _CURRENCY_PREFIXES[m.group(1)], m.group(2) or "", m.end(1)

    def _compound_duration(self, p: _Parsed, s: int) -> int | None:
        """1分42秒, 1小时58分, 3天12小时, 3年6个月: one length of time, read in the smallest
        unit written (102 秒, 118 分); each part is smaller than the one before it."""
        norm = self.norm
        m = _TIME_PART.match(norm, s)
        if m is None or m.end() != p.unit_end:
            return None
        parts = [m]
        while (nxt := _TIME_PART.match(norm, parts[-1].end())) is not None:
            if _TIME_PARTS[nxt.group("u")][0] >= _TIME_PARTS[parts[-1].group("u")][0]:
                break
            parts.append(nxt)
        if len(parts) < 2:
            return None
        last = parts[-1]
        unit_s = last.group("u")
        if unit_s == "分" and _UNIT_START.match(norm, last.end()) is not None:
            return None
        smallest, code = _TIME_PARTS[unit_s]
        total = Decimal(0)
        for part in parts:
            n = part.group("n")
            v = _ar_value(n) if n.isascii() else _cn_value(n)
            if v is None:
                return None
            total += v * _TIME_PARTS[part.group("u")][0]
        e = last.end()
        approx = Approx.EXACT
        post = _POST_RE.match(norm, e)
        if post is not None:
            approx, e = _POST_APPROX[post.group()], post.end()
        self._emit_with_pre(
            s,
            e,
            total / smallest,
            code,
            self.text[last.start("u") : last.end()],
            approx,
            NumberCategory.DURATION,
            self.text[s : last.end()],
        )
        return e

    def _sums_kinds(self, p: _Parsed, s: int) -> bool:
        """类 or 期 after a Chinese numeral counts when a verb of dividing or including comes
        before it (分三期, 分为三类, 包括两类) or when it sums up a list of nouns just before it
        (家电、宠物用品、汽车配件三类商品), or 类 after five or more (八类商品); else a grade
        (一类口岸, 三期工程)."""
        norm = self.norm
        lo = max(self.last, s - 5)
        if _KINDS_VERBS.search(norm, lo, s) is not None:
            return True
        if p.value is None or p.value < 2:
            return False
        if (
            p.value >= 5
            and norm[p.unit_start : p.unit_end] == "类"
            and norm[s - 1 : s] not in _CLASS_BEFORE
            and norm[p.unit_end : p.unit_end + 1] not in _CLASS_AFTER
        ):
            # 八类商品, 六类上涨: kinds counted, where a class of water or of vehicles is a grade
            # (水质为五类, 劣五类, 五类车)
            return True
        if s < 1 or not ("\u4e00" <= norm[s - 1] <= "\u9fff"):
            return False
        clause = self._clause_before(s)
        return "、" in clause[-20:] and not _CLAUSE_BREAK.search(clause[-20:])

    def _numbered(self, p: _Parsed) -> int:
        """N号 names what it numbers (7号泊位, 6号线, 一号文件, “海牧3号”): an identifier; a day
        of the month after 本月/下月, before a part of the day (3号上午), before 前/后/起 or at the
        end of a clause (截至10号。) is a date."""
        norm = self.norm
        e = p.unit_end
        day = None if p.value is None or "." in p.core else int(p.value)
        chain = _NUMBERED_LIST.match(norm, e)
        # 4号、7号泊位: a list of numbered things reads as its last item does
        after = chain.end() if chain is not None else e
        before = norm[p.start - 1] if p.start >= 1 else ""
        # 天宫二号。, 发射鹊桥三号，: a Chinese numeral glued to a name before it names a craft,
        # even at the end of a clause (截至10号。 and 至二号。 stay days)
        named = p.is_cn and "\u4e00" <= before <= "\u9fff" and before not in _DAY_BEFORE
        dated = (
            _TOD.match(norm, after) is not None
            or (_DAY_AFTER.match(norm, after) is not None and not named)
            or (p.start >= 1 and norm[p.start - 1] == "月")  # 本月18号, 下月3号
            or self._continues_days(p.start)  # 本月3号、5号两天
        )
        address = (
            p.start >= 1
            and (
                (
                    norm[p.start - 1] in _ADDRESS_BEFORE
                    and norm[max(0, p.start - 2) : p.start] not in _NOT_STREETS
                )
                # 展位位于A区3号。, 12栋3号: a numbered place inside a zone or a building
                or norm[p.start - 1] in _PLACE_PART_BEFORE
                or (norm[p.start - 1] == "区" and norm[p.start - 2 : p.start - 1] in _ZONE_NAMES)
                or ("A" <= norm[p.start - 1] <= "Z" and not p.is_cn)
            )
            and not _DAY_WORD_AFTER.match(norm, after)
        )
        if day is not None and 1 <= day <= 31 and dated and not self.in_label and not address:
            iso = f"---{day:02d}"
            self._emit(p.start, e, None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
            self._time_of_day_after(e)
            return self.last
        self._identifier(p.start, e)
        return e

    def _estate_before(self, s: int) -> bool:
        """Whether a housing estate's name ends right before ``s`` (锦绣花园, 翠湖苑, 海景灣)."""
        norm = self.norm
        return norm[s - 2 : s] in _ESTATE_WORDS or (
            norm[s - 1 : s] in _ESTATE_LAST and norm[s - 2 : s] not in _NOT_ESTATES
        )

    def _continues_names(self, s: int, nouns: str) -> bool:
        """Whether ``s`` follows 、 after an identifier of the same kind (3组、4组, 1—6栋、9栋):
        a list of numbered things reads as its first item does."""
        if not self.out or self.norm[s - 1 : s] not in _NAME_JOINERS:
            return False
        q = self.out[-1]
        if q.category is not NumberCategory.IDENTIFIER:
            return False
        if q.end == s - 1:
            return q.text[-1:] in nouns  # 6栋、9栋
        return q.end == s - 2 and self.norm[s - 2] in nouns  # 3组、4组 (组 left out)

    def _continues_days(self, s: int) -> bool:
        """N号 right after a day of the month and a joiner (本月3号、5号) is a day too."""
        if not self.out or s - self.last > 2:
            return False
        last = self.out[-1]
        gap = self.norm[self.last : s]
        return (
            last.category is NumberCategory.DATE
            and last.text.endswith(("号", "號"))
            and bool(gap)
            and all(c in "、,，和及与或至到~-" for c in gap)
        )

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
        half = has_unit and norm[p.unit_end : p.end] == "半"  # 1斤半至2斤: the bound is 1.5
        sep_at = p.end if half else p.unit_end if has_unit else p.end
        if has_unit and ((p.end != p.unit_end and not half) or p.kind not in _RANGE_KINDS):
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
        q_at = r.end()
        minus = norm[q_at] == "-"
        if minus and not (has_unit and _dimension(p.unit) in _SIGNED_DIMENSIONS):
            return None
        q = self._parse(q_at + minus)
        if q is None or q.value is None or p.value is None:
            return None
        if minus:
            q.value = -q.value  # -30℃至-10℃
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
        if (
            has_unit
            and norm[sep_at] in "至到"
            and _dimension(p.unit) != "ratio"
            and high >= 3 * low
            and _CHANGE_VERB_BEFORE.search(norm, max(self.last, first - 3), first) is not None
        ):
            return None  # 净增12间至286间: the change and the level it reaches, two figures
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
        if (place := _PLACE_RE.match(norm, s)) is not None:
            self._identifier(s, place.end())  # 千岛湖: a place named with a numeral (R21)
            return place.end()
        mag = _MAG_RUN.match(norm, s)
        if mag is None:
            return s + 1
        run = mag.group()
        t = _TAIL.match(norm, mag.end())
        p = self._finish(t, s, mag.end(), _magnitude(run), True, run, _cn_trailing_mult(run), None)
        # A round figure alone is read only before a unit or a measure word (百项, 千亿元, 万亩),
        # or at the end of a clause after a verb of passing it or an approximation word
        # (订单破万, 粉丝过亿, 观众近万, 订单逾千); not before 级 (万吨级 is a class) nor as a
        # bare duration (百年大计, but 百余年).
        if p.unit is None and p.approx is Approx.EXACT and self._passed(s, mag.end()):
            q = NumberCategory.QUANTITY
            self._emit_with_pre(s, mag.end(), _magnitude(run), None, "", p.approx, q, run)
            return mag.end()
        if p.unit is None or p.kind not in (_COUNT, _MEASURE, _DURATION):
            return mag.end()
        if p.kind == _DURATION and p.approx is Approx.EXACT and self._pre_qualifier(s) is None:
            return mag.end()
        if norm.startswith(("级", "量级"), p.unit_end) or self._in_idiom(s):
            return mag.end()
        if p.unit in _IDIOM_UNITS and p.approx is Approx.EXACT and self._pre_qualifier(s) is None:
            return p.unit_end  # 一落千丈, 光芒万丈, 百尺竿头, 一诺千金: idioms, no measures
        return self._emit_parsed(p, s)

    def _passed(self, s: int, e: int) -> bool:
        """破万, 过亿, 近万, 逾千 at the end of a clause or before 大关: a round figure passed
        or approached."""
        norm = self.norm
        if s < 1 or s - 1 < self.last:
            return False
        if norm[s - 1] not in "破过" and self._pre_qualifier(s) is None:
            return False
        nxt = norm[e : e + 1]
        return not ("\u4e00" <= nxt <= "\u9fff") or norm.startswith(("大关", "了", "后"), e)

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
            if p.kind in _NOT_VAGUE_KINDS:
                return None
            if p.unit is None:
                p.end = p.core_end  # 上万 alone; a post qualifier would contradict 上
            p.approx = Approx.AT_LEAST
            return self._emit_vague(p, start, m_value, None, None)
        # 数 and 几 stand for a digit: 数万元 quotes 万元, as 三万元 does
        p = self._finish(t, start, mag.end(), None, True, core, _cn_trailing_mult(core), None)
        if p.kind == _GRADE_CN:
            p.kind = _COUNT  # 数十类: kinds counted, not a rank
        if p.kind in _NOT_VAGUE_KINDS:
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
        if q.kind == _GRADE_CN:
            q.kind = _COUNT  # 二十几类: kinds counted, not a rank
        if q.kind in _NOT_VAGUE_KINDS:
            return None
        factor = _magnitude(run) if run else Decimal(1)
        q.approx = Approx.ABOUT
        low, high = (p.value + 1) * factor, (p.value + 9) * factor
        return self._emit_vague(q, s, None, low, high)

    def _pair(self, s: int) -> int | None:
        """三四家, 两三个, 七八十人, 三五年: two adjacent numerals are the bounds of a range;
        after a round figure they fill the next place down (四百七八十担: 470 to 480, 二十七八岁,
        三千四五百万元: a multiplier after the pair scales the whole figure)."""
        norm = self.norm
        base, i = Decimal(0), s
        head = _PAIR_HEAD.match(norm, s)
        if head is not None:
            i = head.end()
        pair = norm[i : i + 2]
        bounds = _PAIRS.get(pair)
        if bounds is None or (pair == "一二" and head is None):
            return None  # 一二线城市: tiers, not one or two
        if (
            head is not None
            and head.group(0) == "十"
            and pair == "四五"
            and not norm.startswith(_PLAN_FREE_AFTER, i + 2)
        ):
            return None  # 十四五期间: the plan's name, not 14 or 15 (十三五 fills no place)
        mag = _MAG_RUN.match(norm, i + 2)
        run = mag.group() if mag is not None else ""
        place, extra = Decimal(1), ""
        if head is not None:
            below = _PLACE_BELOW[head.group(2)]
            if not run.startswith(below):
                return None  # 四百七八: no place for the pair
            extra = run[len(below) :]
            if any(c not in "万亿" for c in extra):
                return None
            head_value = _cn_value(head.group(1)) if head.group(1) else Decimal(1)
            if head_value is None:
                return None
            base = head_value * _magnitude(head.group(2))
            place = _magnitude(below) if below else Decimal(1)
        core_end = i + 2 + len(run)
        core = norm[s:core_end]
        t = _TAIL.match(norm, core_end)
        p = self._finish(t, s, core_end, None, True, core, _cn_trailing_mult(core), None)
        if p.kind == _GRADE_CN:
            p.kind = _COUNT  # 三四类
        if t.group("unit") == "月":
            if head is not None and (head.group(1), head.group(2), extra) != ("", "十", ""):
                return None
            # 七八月份, 十一二月: two months, a date
            months = [b + (10 if head is not None else 0) for b in bounds]
            if months[1] > 12:
                return None  # 十二三月: no thirteenth month
            e = t.end("unit") + (1 if norm.startswith("份", t.end("unit")) else 0)
            iso = f"--{months[0]:02d}/--{months[1]:02d}"
            self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
            return e
        # 参会企业四百七八十。 is a number without a unit; 十四五 (the plan) has no place word
        bare = head is not None and run != "" and p.kind is None and p.unit is None
        if not bare and (p.kind not in _RANGE_KINDS or p.unit is None):
            return None
        if t.group("unit") == "日":
            return None
        if head is not None:
            if p.kind in _TENTHS:
                return None
            scale = _magnitude(extra) if extra else Decimal(1)
            low, high = ((base + b * place) * scale for b in bounds)
        else:
            factor = _magnitude(run) if run else Decimal(1)
            if p.kind in _TENTHS:
                factor *= 10  # 七八成, 七八折: 70 to 80 percent
            low, high = bounds[0] * factor, bounds[1] * factor
        p.approx = Approx.ABOUT
        if bare:
            p.end = core_end  # 参会企业四百七八十。: a vague numeral without a unit
        return self._emit_vague(p, s, None, low, high)

    # ---- anchors ------------------------------------------------------------------------

    def _token(self, s: int, e: int) -> int:
        """A Latin token with a digit is an identifier (G217, PM2.5), and so is a pair of
        flight or train numbers (NX885/886); capital letters followed by a standard's or a
        code's number (GB 3095-2012, GB/T 19001-2016, ISO 20022) are one identifier."""
        norm = self.norm
        tok = norm[s:e]
        if _RATE_MARGIN.fullmatch(tok) and norm.startswith(("厘", "%"), e):
            # P-1.75厘: the prime rate (P) or HIBOR (H) less a margin; the hyphen is the
            # operator, and the margin is read as the rate it is
            return s + 2
        if len(tok) == 1 and tok in "TD" and (t1 := _T_PLUS.match(norm, e)) is not None:
            self._identifier(s, t1.end())  # T+1 settlement, D+1: a day counted from a trade
            return t1.end()
        if _REGISTER_CODE.fullmatch(tok) and (b := self._approval_start(s)) is not None:
            # 国药准字H20263187: an approval number keeps its register's words, as a document
            # number its issuer (R31)
            self._identifier(b, e)
            return e
        if any(c.isdigit() for c in tok):
            dotted = _DOTTED_PREFIX.search(norm, max(self.last, s - 8), s)
            if dotted is not None and _DOTTED_TOKEN.fullmatch(tok):
                # P·O42.5: the cement's type runs into its strength class (R32)
                b = dotted.start()
                self._identifier(b, e)
                return e
            if (chain := _CHAINAGE.match(norm, e)) is not None and _CHAINAGE_HEAD.fullmatch(tok):
                e = chain.end()  # 桩号K12+300: a road's chainage, one position
            if _STANDARD_PREFIX.fullmatch(tok):
                m = _STANDARD_TAIL.match(norm, e)
                if m is not None and norm[m.end() : m.end() + 1] not in _STANDARD_NOT_AFTER:
                    e = m.end()  # DB15/T 3386-2025
            year = _TOKEN_YEAR.match(norm, e)
            if year is not None:
                e = year.end()  # ISO9001:2015
            if tok.startswith("DB") and (bare := _STANDARD_BARE_SLASH.match(norm, e)) is not None:
                e = bare.end()  # DB37/ 5127-2025: a local standard whose T the writer left out
            if norm[e : e + 1] == "/":
                pair = _DIGIT_RUN.match(norm, e + 1)
                after = norm[pair.end() : pair.end() + 1] if pair is not None else "x"
                if pair is not None and not (after.isascii() and after.isalnum()):
                    e = pair.end()  # NX885/886: the return flight's number
            elif tok[-1].isdigit() and (tail := _MODEL_TAIL.match(norm, e)) is not None:
                e = tail.end()  # RK-E500 Pro: the model's Latin word is part of its name (R32)
            elif (
                _LETTER_ROUTE.fullmatch(tok)
                and norm[e : e + 1] == "路"
                and (
                    norm[e + 1 : e + 2] in _ROUTE_LIST_AFTER
                    or _BUS_AFTER.match(norm, e) is not None
                    or _BUS_BEFORE.search(norm, max(self.last, s - 8), s) is not None
                )
            ):
                # K128路、夜8路, 专线Y3路: a bus route keeps 路, as 夜8路 does (R32); Q3路演, C1路考
                # and G4路上 are no routes
                e += 1
            elif (
                _LETTER_ROUTE.fullmatch(tok)
                and norm[e : e + 1] == "线"
                and norm[e + 1 : e + 2] not in _NOT_AFTER_LINE
                and tok[0] not in ("G", "S")
                and _TRANSIT_BEFORE.search(self._clause_before(s)[-12:]) is not None
            ):
                e += 1  # Z3线, 专线（Z1、Z3线）: a line named by a letter and a number keeps 线
        elif (
            tok.isupper()
            and max(map(len, tok.split("/"))) <= 6
            and norm[e : e + 1] in "/ "
            and tok not in _CODES
        ):
            m = _STANDARD_TAIL.match(norm, e)
            if (
                m is None
                and tok in _SHORT_STANDARDS
                and (short := _SHORT_NUMBER.match(norm, e)) is not None
                and _UNIT_START.match(norm, short.end()) is None
            ):
                self._identifier(s, short.end())  # EN 71: a standard with a short number
                return short.end()
            if m is None and (rated := _RATED_TAIL.match(norm, e)) is not None:
                # UL 94 V-0: a test standard and the class it rates, one name
                self._identifier(s, rated.end())
                return rated.end()
            if m is None or norm[m.end() : m.end() + 1] in _STANDARD_NOT_AFTER:
                return e
            if (second := _STANDARD_SECOND.match(norm, m.end())) is not None:
                m = second  # DB 4210/T 056-2025: a local standard written with spaces
            if _UNIT_START.match(norm, m.end()) is not None:
                return e
            e = m.end()
            # ZL 2024 1 0683521.6: a patent number written in spaced groups is one code
            while (g := _SPACED_GROUP.match(norm, e)) is not None:
                if norm[g.end() : g.end() + 1] in _STANDARD_NOT_AFTER:
                    break
                if _UNIT_START.match(norm, g.end()) is not None:
                    break
                e = g.end()
        elif (
            len(tok) >= 2
            and not tok.isupper()
            and (not tok.islower() or (len(tok) >= 4 and tok not in _UNITS))
            and norm[e : e + 1] == " "
        ):
            # iPhone 15, Windows 11: a model or a version named by its number
            m = _MODEL_NUMBER.match(norm, e)
            if m is None:
                return e
            if "." in m.group():
                # StarPilot 5.2, DeepSeek 3.1大模型: a version is small and is followed by no
                # unit, where Brent 82.3, Caixin 50.2 and Tesla 12.5 GWh are figures (R40)
                if int(m.group().split(".")[0]) > 20:
                    return e
                after = m.end() + (norm[m.end() : m.end() + 1] == " ")
                if _VERSION_NOUN.match(norm, m.end()) is None and (
                    _UNIT_START.match(norm, after) is not None
                ):
                    return e
            elif _UNIT_START.match(norm, m.end()) is not None:
                return e
            if tok.islower() and _LATIN_WORD_NEXT.match(norm, m.end()) is not None:
                return e  # over 15 years: an English phrase, where nova 15作为 names a phone
            e = m.end()
            if (tail := _MODEL_TAIL.match(norm, e)) is not None:
                e = tail.end()  # Mate 60 Pro, iPhone 15 Pro Max: the model's Latin words
        else:
            return e
        word = norm[s:e].split(" ")[0]
        s = self._quoted_product(s, e, named=" " in norm[s:e] and not word.isupper())
        self._identifier(s, e, self.text[s:e])
        return e

    def _quoted_product(self, s: int, e: int, named: bool) -> int:
        """Where a product's name starts when Chinese words and the Latin code at ``s:e`` fill a
        pair of quotation marks (“星瞳Air 3”, “启程X9”: one identifier, R32, R41); else ``s``. A
        version in a quoted name is the number alone (“天枢4.0” → 4.0, as “智造3.0”). A code
        glued to the words (X9, not Air 3, ``named``) makes a product's name only after the word
        of a product (SUV“启程X9”, 样机“衡川H1”), where “降低PM2.5” and “携手G20” are slogans."""
        norm = self.norm
        b = s
        while b - 1 >= max(self.last, s - 6) and _is_han(norm[b - 1]):
            b -= 1
        if (
            b < s
            and norm[b - 1 : b] in _OPEN_QUOTES
            and norm[e : e + 1] in _CLOSE_QUOTES
            and (named or _PRODUCT_BEFORE.search(norm, max(0, b - 9), b - 1) is not None)
        ):
            return b
        return s

    def _approval_start(self, s: int) -> int | None:
        """Where the words of an approval register glued before ``s`` start (国药准字, 国械注准,
        卫食健字); None if there are none."""
        if self.norm[s - 1 : s] not in _APPROVAL_LAST:
            return None  # most numbers: no register word can end here
        m = _APPROVAL_BEFORE.search(self.norm, max(self.last, s - 8), s)
        return m.start() if m is not None else None

    def _ordinal(self, s: int) -> int | None:
        """第 + number (+ measure word); 第一季度 is a quarter, hence a date."""
        norm = self.norm
        if (reg := _NUMBER_OF_YEAR.match(norm, s - 1)) is not None:
            # 第3/2026號行政法規: a regulation's number and year, one register number (R34)
            self._identifier(s - 1, reg.end())
            return reg.end()
        m = _ORDINAL.match(norm, s)
        if m is None:
            return None
        if (listed := _LISTED_QUARTER.match(norm, s)) is not None:
            # 第三、四季度: quarters listed with 季度 written once, one date with 第 (R40)
            self._emit(s - 1, listed.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "")
            return listed.end()
        if _THIRD_PARTY.match(norm, s) is not None:
            return s + 2  # 第三方机构, 第三者责任险, 第四方物流: a party, no rank (R40)
        n = m.group("n")
        if n[0].isdigit():
            digits = n.rstrip("万亿")
            value = _scale(_ar_value(digits), n[len(digits) :])  # 第10万辆
        else:
            value = _cn_value(n)
        if value is None:
            return None
        if s >= 2 and norm[s - 2] == "字" and n.isdigit() and norm.startswith("号", m.end("n")):
            # 彰牧字第1120458號, 府环空字第1150001234号: a registration or document number with
            # its issuer's abbreviation, as 〔2026〕3号 (R31); 第 counts nothing there
            b = self._issuer_start(s - 1)
            e = m.end("n") + 1
            self._identifier(b, e)
            return e
        if n.isdigit() and norm.startswith("号", m.end("n")):
            lot = _LOT_REGISTER.search(norm, max(self.last, s - 12), s - 1)
            if lot is not None:
                # 新九龍內地段第6712號: a lot's number keeps its register, as a registration
                # number does (R33, R38)
                e = m.end("n") + 1
                self._identifier(lot.start(), e)
                return e
        named = _NAMED_BY_ORDINAL.match(norm, m.end("n"))
        if named is not None:  # 第七街, 第三中学: the number names the street or the school
            e = named.end()
            self._identifier(s - 1, e)
            return e
        q = m.group("q")
        if q and (q == "季度" or 1 <= value <= 4) and not _SEASON_AFTER.match(norm, m.end()):
            # 第三季度, and 第三季 as Hong Kong writes the quarter (第五季 is a season: ordinal)
            self._emit(s - 1, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "")
            return m.end()
        mw_end = m.end("q") if q else m.end("mw") if m.group("mw") else m.end("n")
        if norm[mw_end - 1 : mw_end + 1] in _NOT_ORDINAL_WORDS:
            mw_end = m.end("n")  # 第一罐头厂, 第一船舶研究所: 罐头 and 船舶 are nouns
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
        if (
            (self._before(s, "前") or self._before(s, "首"))
            and not (s >= 2 and norm[s - 2] in _QIAN_WORDS)
            and not (
                norm[s - 1] == "首"
                and _is_han(norm[s - 2 : s - 1] or " ")
                and norm[s - 2] not in _CALENDAR_LAST
                and _FIRST_MONTHS.match(norm, s) is not None
            )
        ):
            # 调整期首两个月, 上市首两个月: the first months of a period that is no calendar year
            # or month are a length of time, 首 left out (R40); 今年首两个月 is a date
            m = _FIRST_N.match(norm, s)
            if m is not None and (
                not _WEEKS.search(m.group()) or norm[s - 2 : s - 1] in ("年", "月")
            ):
                # 今年前两周, 本月首3个星期: the first weeks of a year or a month; 春节前两周 is
                # a length of time before the festival
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
            lo, hi = _small_int(g("mr1")), _small_int(g("mr2"))
            if g("yfm"):
                lo, hi = 1, _small_int(g("yfm"))
            if iso is not None and lo is not None and hi is not None:
                iso = f"{iso}-{lo:02d}/{iso}-{hi:02d}" if lo < hi else None
        elif g("mo2"):
            iso = _iso_date(None, _small_int(g("mo2")), _small_int(g("d2")))
        else:
            iso = _iso_date(None, None, _small_int(g("d3")))
        e = m.end()
        day, month = g("d") or g("d2") or g("d3"), g("mo") or g("mo2")
        if not cn and not g("suf") and (day or month):
            # 5月1日-5日: a compact range with the month written once; 4月18、19日: days sharing
            # the month and 日. One date each, as 1-8月 (R31); 5月1日至5日 is two, as 2013年至
            # 2023年.
            tail = (_DAY_RANGE_TAIL if day else _DAY_LIST_TAIL).match(self.norm, e)
            if tail is not None:
                last = int(tail.group(tail.lastindex or 1))
                first = _small_int(day) if day else int(tail.group("first"))
                if first is not None and first < last:
                    e = tail.end()
                    iso = f"{iso}/{iso[:-2]}{last:02d}" if iso and day else None
        self._emit(m.start(), e, None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
        self._time_of_day_after(e)
        return self.last

    def _time_of_day_after(self, e: int) -> None:
        norm = self.norm
        t = _TOD.match(norm, e) or (
            _TOD_AFTER_DATE.match(norm, e) if norm[e - 1 : e] in ("日", "号") else None
        )
        if t is not None:
            clock = _CLOCK_RE, _SHI, _DIAN_LOOSE
            if any(c.match(norm, t.end()) is not None for c in clock):
                return  # 11月20日上午10时: the word belongs to the clock time (下午3时)
            self._emit(e, t.end(), None, None, "", Approx.EXACT, NumberCategory.TIME, "")

    def _part_of_day(self, s: int) -> str:
        """The part of the day written right before a clock time at ``s`` (上午, 凌晨), or 早 and
        晚 alone (早7:05至晚23:40, a timetable; not where a word ends there, 最晚); "" if none."""
        norm = self.norm
        if s >= 2 and s - 2 >= self.last and norm[s - 2 : s] in _TOD_SET:
            return norm[s - 2 : s]
        if (
            s >= 1
            and s - 1 >= self.last
            and norm[s - 1] in _TOD_ONE
            and (s < 2 or norm[s - 2] not in _NOT_BEFORE_TOD_ONE)
        ):
            return norm[s - 1]
        return ""

    def _emit_time(self, start: int, e: int, iso: str | None) -> int:
        """Emit a clock time ending at ``e``, with 许 or 左右 right after it in its span (R36)."""
        if (about := _CLOCK_ABOUT.match(self.norm, e)) is not None:
            e = about.end()
        self._emit(start, e, None, None, "", Approx.EXACT, NumberCategory.TIME, "", iso)
        return e

    def _time(self, s: int) -> int | None:
        norm = self.norm
        tod = self._part_of_day(s)
        tod_start = s - len(tod)
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
        return self._emit_time(tod_start, m.end(), iso)

    @staticmethod
    def _cn_clock_reads(
        hour: str, mark: str, parts: bool, tod: str, evening: bool, after: str
    ) -> bool:
        """Whether a Chinese hour is a clock time: 一时 and 四时 alone are no times, 点 is a point
        or a decimal point without a part of the day (三点建议, 零点五), 早一点 and 晚两点 are
        "a bit earlier or later", 零时差 and 零时工 are words (R36)."""
        if hour == "零":
            if mark == "时":
                return after[:1] not in _NOT_AFTER_ZERO_HOUR
            return mark != "点" or after.startswith(_AFTER_MIDNIGHT)  # 零点起施行
        if mark in ("点整", "点钟"):
            return True
        if mark == "点":
            if tod in _TOD_SET:
                return True
            return (tod in _TOD_ONE or evening) and (parts or hour not in ("一", "两", "二"))
        # 时
        return bool(tod or evening or parts or "十" in hour or after.startswith(_AFTER_BARE_HOUR))

    def _cn_clock(self, s: int) -> int | None:
        """上午十时, 十一时三十分, 零时: a clock time in Chinese numerals."""
        norm = self.norm
        m = _CN_CLOCK.match(norm, s)
        if m is None or s < self.last:
            return None
        tod = self._part_of_day(s)  # 上午十时, 晚十时三十分 as 晚8时30分
        hour, mark, half, minutes = m.group(1), m.group(2), m.group(3), m.group(4)
        # 当晚八时许, 今早十时: the day's part is read, its day word stays out (R36)
        evening = norm[s - 2 : s] in _DAY_PARTS
        after = norm[m.end() : m.end() + 2]
        if not self._cn_clock_reads(hour, mark, bool(half or minutes), tod, evening, after):
            return None
        h = 0 if hour == "零" else int(_cn_value(hour.replace("两", "二")) or 0)
        if (tod in _PM_WORDS or (evening and norm[s - 1] == "晚")) and h < 12:
            h += 12
        if half:
            iso = f"{h:02d}:30"
        elif minutes:
            iso = f"{h:02d}:{int(_cn_value(minutes.lstrip('零〇')) or 0):02d}"
        else:
            iso = f"{h:02d}"
        if h > 24:
            iso = None
        return self._emit_time(s - len(tod), m.end(), iso)

    def _arabic(self, s: int) -> int:
        norm = self.norm
        if (
            norm[s] == "1"
            and (mobile := _MOBILE_GROUPED.match(norm, s)) is not None
            and _NUMBER_WORD_BEFORE.search(norm, max(0, s - 6), s) is None
            and _UNIT_START.match(
                norm, mobile.end() + (norm[mobile.end() : mobile.end() + 1] == " ")
            )
            is None
            and norm[mobile.end() : mobile.end() + 1] != "号"
        ):
            # 139 3219 6604: a mobile number in its groups, a phone wherever it stands (R38)
            self._emit(s, mobile.end(), None, None, "", Approx.EXACT, NumberCategory.PHONE, "")
            return mobile.end()
        if s >= 1 and norm[s - 1] in "〔[【(" and s - 1 >= self.last:
            m = _DOC_NUMBER.match(norm, s - 1)
            if m is None and norm[s - 2 : s - 1] == "字":
                # 新乌危化经字〔2025〕000123: a licence's register, year and serial, no 号
                m = _LICENCE_NUMBER.match(norm, s - 1)
            if m is not None:  # 国发〔2024〕12号: the whole document number is one code
                e = m.end()
                # a court case's number starts at its bracketed year: (2025)新01民初123号; a
                # document's serial number follows the year directly: 国发〔2024〕12号
                serial = (
                    _DOC_SERIAL.fullmatch(norm, s + 4, e) is not None
                    or _LICENCE_NUMBER.fullmatch(norm, s - 1, e) is not None
                )
                b = self._issuer_start(s - 1) if serial else s - 1
                self._identifier(b, e)
                return e
        if s >= 2 and norm[s - 1] == "(" and s - 2 >= self.last:
            m = _PROPERTY_CERT.match(norm, s - 2)
            if m is not None:  # 新（2024）乌鲁木齐市不动产权第0123456号: one certificate number
                e = m.end()
                self._identifier(s - 2, e)
                return e
            m = _BRACKET_DAY.match(norm, s - 2)
            if m is not None:
                e = m.end()
                self._emit(s - 2, e, None, None, "", Approx.EXACT, NumberCategory.DATE, "")
                return e
            m = _PART_NUMBER.match(norm, s)
            if (
                m is not None
                and norm[s - 2] in _TITLE_CLOSE
                and _UNIT_START.match(norm, m.end()) is None  # “小巨人”（15）家 counts
            ):
                # “口岸新观察”（20）: the part of a series after its title, as （二十） (R21)
                e = m.end(1)
                value = _ar_value(m.group(1))
                text = self.text[s:e]
                self._emit(s, e, value, None, "", Approx.EXACT, NumberCategory.ORDINAL, text)
                return e
        if s >= 2 and (norm[s - 1] == " " or norm[s - 1].isupper()):
            b = _DOTTED_GRADE_BEFORE.search(norm, max(self.last, s - 12), s)
            m = _DOTTED_GRADE.match(norm, s) if b is not None else None
            if b is not None and m is not None and _UNIT_START.match(norm, m.end()) is None:
                e = m.end()
                self._identifier(b.start(), e)
                return e
        if (t := _REGISTER_CODE.match(norm, s)) is not None and (
            b := self._approval_start(s)
        ) is not None:
            e = t.end()
            self._identifier(b, e)
            return e
        if self._before(s, "第"):
            r = self._ordinal(s)
            if r is not None:
                return r
        r = self._grade_range(s)
        if r is not None:
            return r
        if (
            s - 1 >= self.last
            and self._estate_before(s)
            and (estate := _ESTATE_RANGE.match(norm, s)) is not None
        ):
            self._identifier(s, estate.end(1))
            self._identifier(estate.start(2), estate.end(2))
            return estate.end()
        if not (s >= 1 and norm[s - 1].isascii() and norm[s - 1].isalnum()) and (
            (m := _SHAPED_NAME.match(norm, s)) is not None
            or (norm[s - 1 : s] in ("Φ", "φ") and (m := _DIGIT_RUN.match(norm, s)) is not None)
            or (norm[s - 2 : s] == "蓝牙" and (m := _VERSION_NUMBER.match(norm, s)) is not None)
            or (
                norm[s - 1 : s] in ("(", "（")
                and (m := _BRACKETED_CODE.match(norm, s)) is not None
                and "\u4e00" <= norm[s - 2 : s - 1] <= "\u9fff"
            )
        ):
            # 295/80R22.5, 2,4-D, 7-11門市, 921地震, 95后, 盈富基金（2800）: names by their shape;
            # Φ12 (a bar's designation) keeps its sign
            e = m.end()
            self._identifier(s - (norm[s - 1 : s] in ("Φ", "φ")), e)
            return e
        m = _DOT_DAY.match(norm, s)
        if m is not None:  # 3·15 (a day named by its date): one name
            e = m.end()
            self._identifier(s, e)
            return e
        run = _DIGIT_RUN.match(norm, s)
        run_end = run.end() if run is not None else s + 1
        nxt = norm[run_end : run_end + 1]
        prev = norm[s - 1] if s >= 1 and s - 1 >= self.last else ""
        if (nxt in _SHAPED_NEXT or nxt.isupper()) and not (
            s >= 1 and norm[s - 1].isascii() and norm[s - 1].isalnum()
        ):
            m = _SHAPED_CODE.match(norm, s)
            if (
                m is not None
                and _UNIT_START.match(norm, m.end()) is None
                and norm[m.end() : m.end() + 1] not in _MULTIPLIER_NEXT
            ):
                # 10+3, 5W-30, 316L不锈钢, 6501****1234, 8.1馆: codes by their shape;
                # the terms of 10+3 are named one by one, as in “5+2” (R19)
                e = m.end()
                if "+" in m.group():
                    for part in _DIGIT_RUN.finditer(norm, s, e):
                        self._identifier(part.start(), part.end())
                else:
                    self._identifier(s, e)
                return e
        if prev == "台" and (m := _TW_ROUTE.match(norm, s)) is not None:
            e = m.end()  # 台61线: a provincial highway of Taiwan
            self._identifier(s - 1, e)
            return e
        if prev in ("(", "+") or (nxt in " -" and norm[run_end + 1 : run_end + 2].isdigit()):
            r = self._grouped(s)
            if r is not None:
                return r
        if self.out and s - self.last <= 2 and self.out[-1].end == self.last:
            r = self._listed(s)
            if r is not None:
                return r
        if s >= 1 and norm[s - 1] in _CONTEXT_END:
            r = self._code(s)
            if r is not None:
                return r
        if run_end - s == 2 and "\u4e00" <= nxt <= "\u9fff":
            m = _BOND_NAME.match(norm, s)
            if m is not None:  # 21国债01, 24特别国债03: a bond's short name
                self._identifier(s, m.end())
                return m.end()
        # Most numbers are plain (15个, 1.7%); only a few next characters can start a phone,
        # date, time, range, fraction or bracketed alternative, so skip those tries otherwise.
        if (
            (nxt in _AR_SPECIAL_NEXT and (nxt != "." or run_end - s == 4))
            or run_end - s >= 10
            or self._before(s, "前")
            or self._before(s, "首")
        ):
            r = self._arabic_special(s)
            if r is not None:
                return r
        return self._arabic_plain(s)

    def _grouped(self, s: int) -> int | None:
        """Digit groups joined by single spaces or hyphens are one phone or code: a phone with
        a country or area code before it (+86 10 6512 3456, (852) 2961 7725), in spaced groups
        of 7 to 15 digits (0951 5026 112, 400 815 9090), or hyphenated as phones are written
        (0591-8776 3210, 138-1234-5678), with an extension (转8021); other spaced groups are a
        code. Hyphenated digits that are no phone are left to the range and code readings
        (3-5, 10-2, 2024-08-08), and so are thousands grouped by spaces (1 000 000)."""
        norm = self.norm
        start = body_at = s
        cc = False
        b = s - 1
        if b >= self.last and b >= 0 and norm[b] in "(+":
            if norm[b] == "+" and b >= 1 and norm[b - 1] == "(" and b - 1 >= self.last:
                b -= 1
            if norm[b] == "(":
                m = _BRACKET_CC.match(norm, b)
                if m is None:
                    return None
                start, body_at, cc = b, m.end(), True
            elif b == 0 or not (norm[b - 1].isascii() and norm[b - 1].isalnum()):
                start, cc = b, True  # +86, not 1+2
        if _ISO_DATE.match(norm, body_at) is not None:
            return None  # 2024-08-08 15:41:24
        g = _GROUPED.match(norm, body_at)
        if g is None:
            return None
        body = g.group("body")
        e = g.end()
        digits = sum(c.isdigit() for c in body)
        after = norm[e : e + 1]
        if after in _STANDARD_NOT_AFTER or _UNIT_START.match(norm, e) is not None:
            return None  # 2 000元, 2024 2025年: a figure or a date, not a code
        spaced = " " in body
        if cc:
            # (0736) 12316: after an area code (a 0 and two or three digits) a five-digit
            # service number is dialled too; other bracketed codes want six digits or more
            area = norm[start : start + 2] == "(0"
            if digits < (5 if area else 6):
                return None
            category = NumberCategory.PHONE
        elif " " not in body and "-" not in body:
            return None  # one group: read by the other rules
        elif _CODE_CONTEXT.search(norm, max(0, s - 12), s) is not None:
            category = NumberCategory.IDENTIFIER  # 运单号为7812 3456 9012
        elif spaced:
            if _THOUSANDS.fullmatch(body):
                return None
            phone = 7 <= digits <= 15
            category = NumberCategory.PHONE if phone else NumberCategory.IDENTIFIER
        elif (
            _HYPHEN_PHONE.fullmatch(body)
            or (digits == 10 and body.startswith(("400", "800")))  # 4008-123-456
            or (digits >= 7 and _PHONE_CONTEXT.search(norm, max(0, s - 10), s) is not None)
        ):
            category = NumberCategory.PHONE
        else:
            return None
        self._emit(start, e, None, None, "", Approx.EXACT, category, "")
        return e

    def _listed(self, s: int) -> int | None:
        """A number that continues a list of phones or codes after 或, 、, 至...: 电话
        0580-2216688或12316, 债券代码2405871至2405876 (same length as the code before it)."""
        norm = self.norm
        last = self.out[-1]
        gap = norm[self.last : s]
        if last.category is NumberCategory.PHONE:
            joins = _PHONE_JOIN
        elif last.category is NumberCategory.IDENTIFIER and last.text.isdigit():
            joins = _CODE_JOIN
        else:
            return None
        if not gap or any(c not in joins for c in gap):
            return None
        g = _GROUPED.match(norm, s)
        if g is None:
            return None
        e = g.end()
        if norm[e : e + 1] in _NOT_AFTER_PHONE or _UNIT_START.match(norm, e) is not None:
            return None
        if norm[e : e + 1] in _STANDARD_NOT_AFTER:
            return None
        digits = sum(c.isdigit() for c in g.group())
        if last.category is NumberCategory.PHONE:
            if digits < 3:
                return None
        elif " " in g.group("body") or len(g.group()) != len(last.text):
            return None
        self._emit(s, e, None, None, "", Approx.EXACT, last.category, "")
        return e

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
            and ("\u4e00" <= norm[s - 2] <= "\u9fff" or norm[s - 2].isupper())
            and (_STOCK_CODE.match(norm, s) or self._hk_code(s))
        ):
            t = _ID_TOKEN.match(norm, s)
            if t is not None:
                e = self._slash_partner(s, t.end())
                self._identifier(s, e)
                return e
        return None

    def _hk_code(self, s: int) -> bool:
        """Four or five digits in brackets after a company's name or before its share price:
        恒域新能源(2689)股价…, 博远集团(1950) (a year would be written 1950年)."""
        m = _HK_CODE.match(self.norm, s)
        if m is None:
            return False
        if _SHARE_WORDS.match(self.norm, m.end()) is not None:
            return True
        return _COMPANY_END.search(self.norm, max(0, s - 1 - 7), s - 1) is not None

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
            self._identifier(s, e, text[s:e])
            return e
        r = self._time(s)
        if r is not None:
            return r
        m = _FISCAL_YEAR.match(norm, s)
        if m is not None and (int(m.group(1)) + 1) % 100 == int(m.group(2)):
            # 2025/26年度, 2026/27至2030/31: a financial year over two calendar years, one date
            e = m.end()
            if norm[e - 1] in "度年" and (quarter := _QUARTER_OF_YEAR.match(norm, e)) is not None:
                e = quarter.end()  # 2026/27年度第二季: the year with its quarter, one date (R38)
            y = int(m.group(1))
            self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.DATE, "", f"{y}/{y + 1}")
            return e
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
        if self._before(s, "前") or self._before(s, "首"):
            r = self._dates_common(s)  # 前4月 is the first four months, not April
            if r is not None:
                return r
        if (edition := _EDITION.match(norm, s)) is not None:
            # 《中国药典》2025年版: the edition of a work named by its year, as a decimal before
            # 版 is a version (R34, R38)
            self._identifier(s, edition.end())
            return edition.end()
        m = _DATE_AR.match(norm, s)
        if m is not None and not (
            m.group("d3")
            and (
                norm.startswith(("内", "內", "以内", "以內"), m.end())
                or _DAYS_LONG_NOUN.match(norm, m.end()) is not None
            )
            and norm[s - 1 : s] not in ("月", "至", "到", "-", "—", "~")
        ):
            # 之日起10日內: a length of time (R27), where 本月10日内 is a day; so is the length
            # of a pass or a tour (30日定期票, 3日游)
            return self._date_match(m, cn=False)
        r = self._dates_common(s)
        if r is not None:
            return r
        m = _LONG_DIGITS.match(norm, s)
        if m is not None:
            t = _ID_TOKEN.match(norm, s)
            e = t.end() if t is not None else m.end()
            self._identifier(s, e, text[s:e])
            return e
        m = _PAREN_ALT.match(norm, s)
        if m is not None:
            return self._paren_alt(m)
        m = _FRACTION.match(norm, s)
        if m is not None:
            return self._fraction(m)
        m = _SHORT_SEASON.match(norm, s)
        if (
            m is not None
            and (int(m.group(1)) + 1) % 100 == int(m.group(2))
            and (m.end() > s + 5 or _SEASON_WORD.match(norm, m.end()) is not None)
        ):
            century = "19" if m.group(1) >= "50" else "20"
            y = int(century + m.group(1))
            self._emit(
                s, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "", f"{y}/{y + 1}"
            )
            return m.end()
        m = _SLASH_FRACTION.match(norm, s)
        if m is not None and 0 < int(m.group(1)) < int(m.group(2)):
            return self._slash_fraction(m)
        m = (
            _LISTED_QUARTER.match(norm, s)
            or _LISTED_MONTH.match(norm, s)
            or _LISTED_DAY.match(norm, s)
        )
        if m is not None:
            self._emit(s, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "")
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
        if self.mail and (m := _MAIL.match(norm, s)) is not None:
            self._identifier(s, m.end())  # 12345678@qq.com: an e-mail address, one identifier
            return m.end()
        if (m := _FESTIVAL_DAY.match(norm, s)) is not None:
            self._identifier(s, m.end())  # 京东618期间: the festival, not 618 periods
            return m.end()
        p = self._parse(s)
        if p is None:
            return s + 1
        if self.hotlines and self._hotline(p):
            # R23: 12345政务服务便民热线, 12319城建服务热线: a service number named a hotline
            self._emit(s, p.core_end, None, None, "", Approx.EXACT, NumberCategory.PHONE, "")
            return p.core_end
        e_core = p.core_end
        if (
            not p.mult
            and p.kind not in (_MEASURE, _DURATION)
            and not (
                p.kind == _COUNT
                and p.unit in _COUNTED_AFTER_NAME
                and not norm.startswith("项下", p.unit_start)
            )
            and self._code_by_word(p, s)
        ):
            # 沪深300成份股, 归类为8471.3000项下: the word before makes it a name or a code
            # whatever follows (成 is no tenth there, 项 no count); 波音787-9 keeps its variant;
            # 鲲鹏30家企业 and 波音30架 count
            if (v := _VARIANT.match(norm, e_core)) is not None and not _UNIT_START.match(
                norm, v.end()
            ):
                e_core = v.end()
            elif (t := _MODEL_TAIL.match(norm, e_core)) is not None:
                e_core = t.end()  # 波音737 MAX 8
            elif (
                norm[e_core : e_core + 1].isascii()
                and norm[e_core : e_core + 1].isalpha()
                and (t := _ID_TOKEN.match(norm, s)) is not None
                and (t.end() - e_core <= 2 or any(c.isdigit() for c in norm[e_core : t.end()]))
            ):
                e_core = t.end()  # 昇腾910B, 龙芯3A6000, 骁龙8Gen3; 科创50ETF is a fund
            self._identifier(s, e_core)
            return e_core
        if (
            norm[s] == "0"
            and norm[s + 1 : s + 2].isdigit()
            and p.kind not in (_DURATION, _CLOCK, _NUMBERED, _QUARTER)
        ):
            # 0256W航次, 034航次, 编号007: no count or measure is written with a leading zero,
            # so such a number is a code (times and dates with one, 08:30 and 2025年03月, were
            # read before; 05号 is read as N号)
            t = _ID_TOKEN.match(norm, s)
            e = self._slash_partner(s, t.end()) if t is not None else e_core
            self._identifier(s, e, text[s:e])
            return e
        if p.unit is not None and p.end == p.unit_end and norm[p.unit_start : p.unit_end].isalpha():
            e = self._slash_partner(s, p.unit_end) if norm[p.unit_start].isascii() else p.end
            if e > p.end:  # 16L/34R: a runway's two ends, not 16 litres
                self._identifier(s, e)
                return e
        if norm[p.core_end : p.core_end + 1] == "A" and (g := _LETTER_GRADE.match(norm, s)):
            # 5A级景区, 6A级生丝: a grade written with letters A, a rank as 一级 is
            e = g.end()
            self._emit(
                s,
                e,
                p.value,
                None,
                text[p.core_end : e],
                Approx.EXACT,
                NumberCategory.ORDINAL,
                text[s : p.core_end],
            )
            return e
        # Digits glued to Latin letters that are no unit form an identifier: 5G, 3D.
        glued = p.unit is None and p.kind is None and p.unit_end < len(norm)
        nxt = norm[p.unit_end] if glued else ""
        if nxt and nxt.isascii() and (nxt.isalpha() or nxt == "_"):
            t = _ID_TOKEN.match(norm, s)
            if t is not None:
                e = self._slash_partner(s, t.end())
                self._identifier(s, e, text[s:e])
                return e
        if norm[p.core_end : p.core_end + 1] == "." or (
            "." in p.core and p.unit in (None, "count:版") and norm.startswith("版", p.core_end)
        ):
            r = self._version(p, s)
            if r is not None:
                return r
        signed = self._negative(s)
        if (
            self._hyphen_name(s)
            and not (signed and _dimension(p.unit) in _SIGNED_DIMENSIONS)
            and not (p.kind == _MEASURE and p.end == p.unit_end and not p.mult)
        ):
            # 运-20, 和平使命-2026: digits joined to a name by a hyphen; the token is the
            # hyphen with the digits (guidelines 4: …-2026)
            t = _ID_TOKEN.match(norm, s)
            e = t.end() if t is not None else p.core_end
            self._identifier(s - 1, e, text[s - 1 : e])
            return e
        if (
            p.core.isdigit()
            and len(p.core) <= 3
            and not p.mult
            and _prev_is_type(norm, s, self.last)
            and (p.unit is None or p.unit in _AFTER_AIRCRAFT_TYPE)
            # “兴福渔运12号”: a vessel's name, where 歼20号称 is the jet
            and (norm[p.core_end : p.core_end + 1] != "号" or norm.startswith("号称", p.core_end))
        ):
            # 运20, 歼20首飞, 直20: an aircraft type named by its number, as 运-20 with a hyphen
            e = p.core_end
            self._identifier(s - 1, e)
            return e
        if (
            p.core.isdigit()
            and len(p.core) <= 3
            and (
                (seat := _SEAT.match(norm, p.core_end)) is not None
                or (
                    (seat := _SEAT_ROW.match(norm, p.core_end)) is not None
                    and _SEAT_HELD.search(norm, max(0, s - 2), s) is not None
                )
            )
        ):
            # A区3排12号: a row and a seat or stall in it, one code (3排 alone counts rows)
            e = seat.end()
            self._identifier(s, e)
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
            r = self._range(p, s - 1)  # -30℃至60℃
            if r is not None:
                return r
            return self._emit_parsed(p, s - 1)
        r = self._range(p, s)
        if r is not None:
            return r
        return self._emit_parsed(p, s)

    def _issuer_start(self, b: int) -> int:
        """Where a document number's issuer starts before its bracket at ``b``: 青政办发〔2025〕
        12号 is one token with the issuing body's abbreviation (R31). The Chinese characters
        before the bracket count from the last word that ends a clause's verb or link (依据, 为,
        的...), two to eight of them; otherwise the number starts at the bracket."""
        run = b
        while (
            run > self.last
            and run > b - _ISSUER_MAX - 8
            and "\u4e00" <= self.norm[run - 1] <= "\u9fff"
        ):
            run -= 1
        head = self.norm[run:b]
        cut = 0
        for m in _ISSUER_BEFORE.finditer(head):
            cut = m.end()
        start = b - (len(head) - cut) if 2 <= len(head) - cut <= _ISSUER_MAX else b
        if start < b and b - start <= 6 and "公司" not in self.norm[start:b]:
            while start - 1 >= self.last and "A" <= self.norm[start - 1] <= "Z":
                start -= 1  # JZ安许证字〔2026〕000318: a register's letters are its name too
        return start

    def _slash_partner(self, s: int, e: int) -> int:
        """The end of the code ``s:e`` and of the code of the same shape joined to it by a
        slash: 02R/20L (a runway's two ends) is one name; 20L alone would read as litres."""
        norm = self.norm
        if norm[e : e + 1] != "/":
            return e
        t = _ID_TOKEN.match(norm, e + 1)
        if t is None or _code_shape(norm[s:e]) != _code_shape(t.group()):
            return e
        if self._letters_are_unit(s, e) and self._letters_are_unit(t.start(), t.end()):
            return e  # 10kg/20kg, 300W/500W: two measures of the same kind, not a code
        return t.end()

    def _letters_are_unit(self, s: int, e: int) -> bool:
        """Whether the letters ending the token ``s:e`` are a unit of the inventory (20L, 10kg;
        not 02R)."""
        k = e
        while k > s and self.norm[k - 1].isascii() and self.norm[k - 1].isalpha():
            k -= 1
        return k < e and self.norm[k:e] in _UNITS

    def _version(self, p: _Parsed, s: int) -> int | None:
        """Digits with two dots or more (4.6.1, 8507.60.00) and a decimal before 版 (升级至4.0版)
        are a version or a code; digits before a stock exchange are a code (2689.HK)."""
        norm = self.norm
        e = p.core_end
        if norm[e : e + 1] == ".":
            m = _EXCHANGE.match(norm, e)
            if m is not None:
                e = m.end()
            elif norm[e + 1 : e + 2].isdigit():
                t = _ID_TOKEN.match(norm, s)
                e = t.end() if t is not None else e
            else:
                return None
        self._identifier(s, e, self.text[s:e])
        return e

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
        """Four Arabic digits of a year, glued to the Chinese name that follows at ``after``,
        or joined to it by a middle dot (2026·丝路论坛, as 2023金华·温宿…洽谈会)."""
        core, norm = p.core, self.norm
        if norm[after : after + 1] in ("·", "•", "・"):
            after += 1
        return (
            p.approx is Approx.EXACT
            and not p.mult
            and len(core) == 4
            and core.isdigit()
            and 1900 <= int(core) <= 2099
            and after < len(norm)
            and "\u4e00" <= norm[after] <= "\u9fff"
        )

    def _counted(self, s: int) -> bool:
        """Whether the words right before ``s`` count or measure what follows (共有1268企业,
        取消120航班, 新钻12井, 收报3286): then a number glued to a noun is no name."""
        return _COUNTING_BEFORE.search(self.norm, max(self.last, s - 4), s) is not None

    def _glued_code(self, p: _Parsed, s: int) -> bool:
        """Eight or more bare Arabic digits, or four or more that are no round figure directly
        before a Chinese noun that is no unit and no word a bare quantity goes on with (的, 至,
        附近, 关口, 以上...)."""
        core, norm = p.core, self.norm
        nxt = norm[p.end : p.end + 1]
        if p.approx is not Approx.EXACT or p.mult or not core.isdigit():
            return False
        if self._pre_qualifier(s) is not None or self._counted(s):
            return False
        if len(core) >= 8:
            # 20252140188: no amount is written as eight or more uneven digits without a unit
            return not nxt.isdigit() and not core.endswith("000")
        return (
            len(core) >= 4
            and not core.endswith("00")
            and "\u4e00" <= nxt <= "\u9fff"
            and nxt not in _NOT_AFTER_GLUED_CODE
            and norm[s - 1 : s] not in _NUMBER_JOINERS
        )

    def _glued_name(self, p: _Parsed, s: int) -> bool:
        """One to four bare Arabic digits glued between a Chinese name and a Chinese noun with
        no unit or measure word (58同城, 宝马5系, 海洋石油982钻井平台): jieba must read a noun
        before them and one after them, so a verb (走访50企业, 出台15措施), a scope (全市12区县,
        旗下5品牌) or a streak (沪指3连阳) keeps a count. At a clause's start only three or more
        digits that are no round figure (798艺术区; 200展商参展 counts)."""
        core, norm = p.core, self.norm
        if p.approx is not Approx.EXACT or p.mult or not core.isdigit() or len(core) > 4:
            return False
        prev, nxt = norm[s - 1 : s], norm[p.end : p.end + 1]
        opening = prev == "" or prev in _NAME_OPENERS
        if not opening and (
            s - 1 < self.last
            or not ("\u4e00" <= prev <= "\u9fff")
            or prev in _NOT_BEFORE_GLUED_NAME
        ):
            return False
        if opening and (len(core) < 3 or core.endswith("00")):
            return False
        if not ("\u4e00" <= nxt <= "\u9fff") or nxt in _NOT_AFTER_GLUED_CODE:
            return False
        if nxt in _MULTIPLIER_NEXT or nxt == prev or norm.startswith("单元", p.end):
            return False  # 新井120井, 小区3单元: a count of the noun before it, an entrance
        if nxt == "连" and norm[p.end + 1 : p.end + 2] in _STREAK:
            return False  # 3连阳, 5连板: a streak
        if (u := _UNIT_START.match(norm, p.end)) is not None and u.group() != "大":
            return False  # 信息3厘: a unit the context did not read (台北101大楼 is no count of 大)
        if self._counted(s) or self._pre_qualifier(s) is not None:
            return False
        return self._nouns_around(s, p.end, opening)

    def _name_before(self, s: int) -> str | None:
        """The dictionary word that ends at ``s`` if it is a name or a noun that is no activity
        (鑫海 in 鑫海12轮; not 融资 or 谈判, nouns of a verb), else None."""
        before = _word_ending(self.norm, max(self.last, s - 4), s)
        return before[0] if before is not None and before[1] in _NAME_FLAGS else None

    def _bracketed_item(self, s: int, p: _Parsed) -> bool:
        """Whether the number in brackets at ``s`` heads an item of a list: the bracket opens a
        line or follows a stop, a colon or a comma, or the item before it is numbered one less
        on the same line; a date, a unit or a figure after the bracket (（1）月份, 本（12）月,
        （12）家) makes it no item."""
        norm = self.norm
        e = p.end
        if norm[e : e + 1] != ")" or _NOT_AFTER_ITEM.match(norm, e + 1) is not None:
            return False
        if _UNIT_START.match(norm, e + 1) is not None:
            return False
        before = norm[s - 2 : s - 1]
        if before in _ITEM_OPENERS:
            return True
        line_start = norm.rfind("\n", 0, s) + 1
        n = int(p.core)
        return n > 1 and f"({n - 1})" in norm[line_start : s - 1]

    def _nouns_around(self, s: int, e: int, opening: bool) -> bool:
        """Whether jieba's dictionary has a noun right after ``e`` and, unless the clause opens
        at ``s``, a name or a noun that is no scope right before it, on the folded text
        (Traditional reads as Simplified); the longest dictionary word on each side, a lookup
        and no segmentation."""
        after = _word_starting(self.norm, e, min(len(self.norm), e + 4))
        if after is None or not after[1].startswith(("n", "j")):
            return False
        if opening:
            return True
        before = self._name_before(s)
        return before is not None and before not in _SCOPE_WORDS and before[-1] not in _SCOPE_LAST

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
        prev = norm[s - 1] if s >= 1 else ""
        if prev and (sym := _SYMBOL_BEFORE.search(norm, max(self.last, s - 4), s)) is not None:
            # US$3.5亿, HK$120, NT$3,000, ¥500, €20万: the currency's sign before the figure is
            # its unit (and the unit_text)
            code = units.lookup(sym.group(1))
            if code is not None and (r := self._range(p, s)) is not None:
                # ¥3-5万, US$80至90: the sign is the unit of both bounds
                q = self.out[-1]
                b = min(sym.start(), q.start)
                self.out[-1] = replace(
                    q,
                    start=b,
                    text=text[b : q.end],
                    unit=code.code,
                    unit_text=text[sym.start(1) : sym.end(1)],
                    dimension=units.dimension(code.code),
                )
                return r
            if code is not None:
                b, approx = sym.start(), p.approx
                if (pre := self._pre_qualifier(b)) is not None:
                    b, approx = pre
                unit_text = text[sym.start(1) : sym.end(1)]
                value_text = text[p.start : p.core_end]
                self._emit(b, p.end, p.value, code.code, unit_text, approx, _QTY, value_text)
                return p.end
        if (
            p.approx is Approx.EXACT
            and p.end == p.core_end
            and ("\u4e00" <= prev <= "\u9fff" or prev.isalpha())
            and (m := _MODEL_TAIL.match(norm, p.end)) is not None
        ):
            # 骁龙8 Gen 4, 小米15 Ultra: a model's name, not eight of anything
            self._identifier(s, m.end())
            return m.end()
        if (
            prev == " "
            and p.end == p.core_end
            and _VERSION.fullmatch(p.core) is not None
            and (name := _VERSIONED_NAME.search(norm, max(self.last, s - 12), s)) is not None
        ):
            # USB 3.0, PCIe 5.0: the version of a standard, part of its name
            b = name.start()
            whole = text[b : p.end]
            self._identifier(b, p.end, whole)
            return p.end
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
                    self._identifier(s, e, text[s:e])
                    return e
            if (r := self._century(p, s)) is not None:
                return r
            if norm.startswith("年代", p.end):
                e = p.end + 2
                self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.DATE, "")
                return e
            if norm.startswith("强", p.end) or (
                norm.startswith("指数", p.end) and s >= 1 and "\u4e00" <= norm[s - 1] <= "\u9fff"
            ):
                # 世界500强 (a list), 沪深300指数 (an index): the number is part of a name
                self._identifier(s, p.end, text[s : p.end])
                return p.end
        if p.approx is Approx.EXACT and p.end == p.core_end and not p.mult:
            r = self._named_bare(p, s)
            if r is not None:
                return r
        if p.end == p.core_end and self._year_of_a_name(p, p.end):
            self._emit(s, p.end, None, None, "", Approx.EXACT, NumberCategory.DATE, "", p.core)
            return p.end
        if p.end == p.core_end and p.core.isdigit() and not p.mult:
            nxt = self.norm[p.end : p.end + 1]
            if nxt == "#" or (
                not self._counted(s)
                and (
                    (
                        s >= 1
                        and "\u4e00" <= self.norm[s - 1] <= "\u9fff"
                        and self.norm[s - 1] != "井"
                        and _WELL.match(self.norm, p.end) is not None
                    )
                    or (len(p.core) <= 3 and _NUMBERED_PLACE.match(self.norm, p.end) is not None)
                )
            ):
                # 3#高炉, 12#泊位 (# is 号); 塔深1井 (a well is named by its number); 东区3馆,
                # 2标段, 3航站楼: a bare number glued to a numbered place names it, unless words
                # of counting come before it (取消120航班, 新钻12井, 共有32泊位)
                e = p.end + (nxt == "#")
                self._identifier(s, e)
                return e
        if p.end == p.core_end and self._glued_name(p, s):
            # 58同城, 宝马5系, 798艺术区, 台北101大楼, 该团17连: a short figure glued between a
            # name and a noun that is no unit names that thing; a count has its measure word
            # or its counting word (共有3股东)
            self._identifier(s, p.end)
            return p.end
        if p.end == p.core_end and self._glued_code(p, s):
            # 东岭矿15101综采工作面: a long, uneven figure glued to a noun with no unit or
            # measure word between names that thing; a count of a noun written without a
            # measure word is a short or round figure (3股东, 18国, 100城)
            self._identifier(s, p.end)
            return p.end
        if p.end == p.core_end and not p.mult and p.approx is Approx.EXACT:
            lo = max(self.last, s - 8)
            if (
                prev in ("’", "'")
                and s - 1 >= self.last
                and len(p.core) == 2
                and p.core.isdigit()
                and not norm[s - 2 : s - 1].isdigit()
                and _is_han(norm[p.end : p.end + 1] or " ")
            ):
                # ’97中国旅游年: a year written by its last two digits after an apostrophe
                iso = ("19" if p.core >= "50" else "20") + p.core
                self._emit(s - 1, p.end, None, None, "", Approx.EXACT, NumberCategory.DATE, "", iso)
                return p.end
            if prev == "(" and p.core.isdigit() and len(p.core) <= 2 and self._bracketed_item(s, p):
                # （1）加强监管, 请问是：（1）北京（2）上海: an item's number in brackets, an
                # ordinal as （一） is (R21)
                self._emit(s, p.end, p.value, None, "", Approx.EXACT, NumberCategory.ORDINAL, "")
                return p.end
            if (
                (
                    _VERSION.fullmatch(p.core) is not None
                    and _CN_VERSIONED_NAME.search(norm, lo, s) is not None
                )
                or (
                    _STAGE_VERSION.fullmatch(p.core) is not None
                    and _SECTOR_STAGE_BEFORE.search(norm, lo, s) is not None
                )
                or (
                    # 2号楼3单元501: a flat named by its number after its entrance, as 501室
                    p.core.isdigit()
                    and 3 <= len(p.core) <= 4
                    and norm[s - 2 : s] == "单元"
                    and (norm[s - 3 : s - 2].isdigit() or norm[s - 3 : s - 2] in _CN_BODY_SET)
                )
                or (
                    p.core.isdigit()
                    and len(p.core) <= 4
                    and _TYPE_AFTER.match(norm, p.end) is not None
                    and _TYPES_COUNTED.search(norm, lo, s) is None
                )
            ):
                self._identifier(s, p.end)
                return p.end
        if p.end == p.core_end and (r := _TO_ONE.match(norm, p.end)) is not None:
            # 猪粮比价为5.1:1: a ratio to one reads its first term, one bare quantity (R32)
            self._emit_with_pre(
                s, r.end(), p.value, None, "", p.approx, _QTY, text[p.start : p.core_end]
            )
            return r.end()
        named = _CURRENCY_NAMED.search(norm, max(self.last, s - 9), s) if p.mult else None
        if named is not None:
            # 折合美元约5000万, 金额为人民币3.2亿: the currency is named before the figure, whose
            # multiplier ends the amount (R32); the name is its unit_text
            b, e = named.span(1)
            approx = p.approx
            if named.group(2):
                approx = _PRE_APPROX.get(named.group(2), approx)
            elif (pre := self._pre_qualifier(b)) is not None:
                b, approx = pre  # 约合欧元1200万
            code = units.lookup(norm[named.start(1) : e])
            if code is not None:
                unit_text = text[named.start(1) : e]
                self._emit(
                    b,
                    p.end,
                    p.value,
                    code.code,
                    unit_text,
                    approx,
                    _QTY,
                    text[p.start : p.core_end],
                )
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

    def _code_by_word(self, p: _Parsed, s: int) -> bool:
        """A road, an aircraft type or a share index named by its number (国道227, 波音737,
        沪深300), a tariff code after the verb that classifies goods (归入8471.3000) or before
        项下 (under the heading)."""
        norm, core = self.norm, p.core
        lo = max(self.last, s - 8)
        if core.isdigit() and (
            _ROUTE_BEFORE.search(norm, lo, s) is not None
            or _INDEX_NAME_BEFORE.search(norm, lo, s) is not None
        ):
            return True
        return _HS_CODE.fullmatch(core) is not None and (
            _HS_BEFORE.search(norm, lo, s) is not None or norm.startswith("项下", p.core_end)
        )

    def _named_bare(self, p: _Parsed, s: int) -> int | None:
        """A bare number that the word before or after it makes a name, a code or a number to
        dial (issue 16): 国道227线, 波音737, 公交12路, 归入8471.3000, 12306网站, 拨打95588
        elsewhere than after 电话, 12楼 (a floor), 1201室 (a room)."""
        norm = self.norm
        core, e = p.core, p.end
        lo = max(self.last, s - 8)
        if _FESTIVAL_DAY.match(norm, s) is not None:
            self._identifier(s, e, self.text[s:e])
            return e
        if core.isdigit() and len(core) <= 4:
            named = _ROUTE_NAME_BEFORE.search(norm, lo, s)
            if (
                named is not None
                and (
                    norm[e : e + 1] == "路"
                    or (norm[e : e + 1] == "线" and named.end() - named.start() > 1)
                )
                and norm[e + 1 : e + 2] not in _NOT_AFTER_ROUTE
            ):
                b = named.start()
                self._identifier(b, e + 1, self.text[b : e + 1])
                return e + 1
            after = _BUS_AFTER.match(norm, e)
            if (
                after is not None
                or (norm[e : e + 1] == "路" and _BUS_BEFORE.search(norm, lo, s) is not None)
                or (
                    norm[e : e + 1] == "路"
                    and (
                        _ROUTE_IN_LIST.match(norm, e + 1) is not None
                        or _ROUTE_LISTED_BEFORE.search(norm, max(0, s - 8), s) is not None
                    )
                    and _ROUTE_WORDS.search(self._clause_before(s) + self._clause_after(e))
                    is not None
                )
            ):
                # 12路、36路、K7路: routes listed together are routes, the first by the next
                self._identifier(s, e + 1, self.text[s : e + 1])
                return e + 1
            if _FLOOR.match(norm, e) is not None:
                # 12楼1203室, B座6楼: a floor names a storey of an address, as a room number
                # does (R36; v8, v9 and v11's annotators)
                self._identifier(s, e + 1, self.text[s : e + 1])
                return e + 1
            if norm.startswith("单元", e) and s >= 1 and norm[s - 1] in "楼栋幢座":
                # 1号楼2单元301室: the entrance of a building, named by its number
                e2 = e + 2
                self._identifier(s, e2, self.text[s:e2])
                return e2
            if len(core) >= 3 and (m := _ROOM.match(norm, e)) is not None:
                self._identifier(s, m.end(), self.text[s : m.end()])
                return m.end()
        if not norm[s - 1 : s].isdigit() and (
            _EMERGENCY.match(norm, s) is not None
            or (core in _EMERGENCY_NUMBERS and _EMERGENCY_BEFORE.search(norm, lo, s) is not None)
        ):
            self._emit(s, e, None, None, "", Approx.EXACT, NumberCategory.PHONE, self.text[s:e])
            return e
        if _SERVICE_NUMBER.fullmatch(core) and not norm[e : e + 1].isdigit():
            named = _PLATFORM_AFTER.match(norm, e) is not None
            category = NumberCategory.IDENTIFIER if named else NumberCategory.PHONE
            self._emit(s, e, None, None, "", Approx.EXACT, category, self.text[s:e])
            return e
        return None

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

    def _rate_code(self, s: int) -> str | None:
        """The code of 厘 at ``s`` in a rate of interest or return: per cent a year (年息3厘,
        回報約4.5厘), a tenth of that a month (月息8厘 is 0.8 %); None elsewhere (no unit)."""
        clause = self._clause_before(s)
        if _MONTHLY_RATE_WORDS.search(clause[-6:]):  # 月利率8厘，年息5厘: the nearest
            return "‰"
        if _RATE_WORDS.search(clause):
            return "%"
        return None

    def _half(self, s: int, prev: str) -> int:
        """半个百分点, 约半厘: half of a rate's unit (R36)."""
        norm = self.norm
        if prev in _HALF_BEFORE_NOT:
            return s + 1
        unit_s = next(u for u in ("厘", "个百分点", "个基点") if norm.startswith(u, s + 1))
        e = s + 1 + len(unit_s)
        if unit_s == "厘":
            code = self._rate_code(s)
            if code is None:
                return s + 1
        else:
            code = _UNITS[unit_s][0]
        unit_text = self.text[s + 1 : e]
        self._emit_with_pre(
            s, e, Decimal("0.5"), code, unit_text, Approx.EXACT, NumberCategory.QUANTITY, "半"
        )
        return e

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
        if (
            prev in ("经", "纬")
            and s - 1 >= self.last
            and (m := _GRID_STREET.match(norm, s)) is not None
            and not self._ends_a_word(s)
        ):
            # 纬三路以东: a street of a grid named by its number (R40); 已经一路上涨 is no street
            self._identifier(s - 1, m.end())
            return m.end()
        if (
            norm[s] == "一"
            and prev in _ONE_IN_WORD
            and s - 1 >= self.last
            and norm[s + 1 : s + 2] in ("到", "至")
            and not self._ends_a_word(s)
        ):
            # 统一到十五大精神上来: 一 ends a word and opens no range, where 计划一到两年 and
            # 合同一至三年 are ranges after words of their own
            return s + 1
        if prev in _IDIOM_AROUND_PREV and self._in_idiom(s):
            return s + 1  # 说三道四, 接二连三: the numeral is inside a saying
        m = (
            _PLACE_RE.match(norm, s)
            or _NUMBERED_BUREAU.match(norm, s)
            or _PLACE_BEFORE_KIND.match(norm, s)
            or _BRANDS.match(norm, s)
        )
        if m is not None:
            # R21: 四道班, 五家渠: a number inside a place name
            e = m.end()
            self._identifier(s, e)
            return e
        m = _GENERATION.match(norm, s)
        if m is not None and not self._before(s, "第"):
            # 三代核电技术: a generation of a technology names it, as 5G does (R38)
            self._identifier(s, m.end())
            return m.end()
        m = _SHI_MARKER.match(norm, s)
        if m is not None and (s == 0 or norm[s - 1] in _SHI_MARKER_AFTER):
            # 建议：一是抓紧…；二是…: the number of a point in a list, an ordinal (R31)
            e = m.end(1)
            value = _cn_value(m.group(1))
            self._emit(s, e, value, None, "", Approx.EXACT, NumberCategory.ORDINAL, self.text[s:e])
            return e
        r = self._grade_range(s)
        if r is not None:
            return r
        if any(c in _CLOCK_MARKS for c in norm[s + 1 : s + 4]):
            r = self._cn_clock(s)
            if r is not None:
                return r
        m = _ROCKET.match(norm, s)
        if m is not None and s >= self.last:
            # 一箭十二星: one rocket and twelve satellites, each counted without a measure word
            value = _cn_value(m.group(2)) if not m.group(2).isdigit() else _ar_value(m.group(2))
            if value is not None:
                text = self.text
                self._emit(s, s + 2, 1, "count:箭", text[s + 1], Approx.EXACT, _QTY, text[s])
                e = m.end()
                b = m.start(2)
                self._emit(
                    b, e, value, "count:星", text[e - 1], Approx.EXACT, _QTY, text[b : e - 1]
                )
                return e
        r = self._pair(s)
        if r is not None:
            return r
        run = _CN_RUN.match(norm, s)
        run_end = run.end() if run is not None else s + 1
        if norm[run_end - 1] == "两" and run_end - s >= 2:
            r = self._liang(s, run_end)
            if r is not None:
                return r
        # As for Arabic digits: only a few neighbours can make a numeral a date, a fraction, a
        # plan name or a bracketed ordinal; 一 in words and measure-word counts skip the tries.
        if (
            norm[run_end : run_end + 1] in _CN_SPECIAL_NEXT
            or norm[run_end - 1] == "五"
            or (s >= 1 and norm[s - 1] in "(前首")
        ):
            r = self._chinese_special(s)
            if r is not None:
                return r
        return self._chinese_plain(s)

    def _ends_a_word(self, s: int) -> bool:
        """Whether the character before ``s`` ends a dictionary word of two or more characters
        (已经, 计划, 财经), so that it joins no word with what starts at ``s``."""
        w = _word_ending(self.norm, max(self.last, s - 3), s)
        return w is not None and len(w[0]) >= 2

    def _top_rank(self, s: int) -> int | None:
        """进入全国前三, 位列行业前10: a place among the first, an ordinal with 前 (R40), where
        前三季度 and 前3个月 are dates and lengths of time."""
        norm = self.norm
        m = _TOP_RANK.match(norm, s)
        if m is None or s - 1 < self.last:
            return None
        if _TOP_RANK_BEFORE.search(norm, max(self.last, s - 6), s - 1) is None:
            return None
        value = _cn_value(m.group()) if not m.group().isdigit() else _ar_value(m.group())
        if value is None:
            return None
        self._emit(s - 1, m.end(), value, None, "", Approx.EXACT, NumberCategory.ORDINAL, "")
        return m.end()

    def _liang(self, s: int, run_end: int) -> int | None:
        """二两, 一两, 三万两: a numeral before 两 with no measure word after it measures in the
        market unit 两 (50 g); 一两个 and 三两天 are ranges (read before), 两两 and 半斤八两 are
        words, and 两岸 or 两千 keep 两 a numeral."""
        norm = self.norm
        head = norm[s : run_end - 1]
        if head.endswith("两") or norm[max(0, s - 2) : s] == "半斤":
            return None
        value = _cn_value(head)
        t = _TAIL.match(norm, run_end - 1)
        if value is None or t is None or t.group("unit") != "两":
            return None
        if _UNIT_START.match(norm, run_end) is not None or norm[run_end : run_end + 1] in (
            _NOT_AFTER_LIANG
        ):
            return None  # 一两个, 一两句话: one or two, not the unit
        mult = _cn_trailing_mult(head)
        unscaled = _cn_value(head[: len(head) - len(mult)]) if mult else value
        p = self._finish(t, s, run_end - 1, value, True, head, mult, unscaled)
        return self._emit_parsed(p, s)

    def _one_counts(self, p: _Parsed, s: int) -> bool:
        """一 before a unit that is a number: after an approximation word (逾一成, 近一年,
        约一公里), 一成 (R26) and a length of time (一年来, 一天多, 一个月: R22), but not
        一成不变, 一年一度, 一年级, 一日游, 有一天, 同一天, 每一年."""
        norm = self.norm
        if p.kind in (_TENTH, _DURATION, _MEASURE) and self._pre_qualifier(s) is not None:
            return True
        prev = norm[s - 1] if s >= 1 and s - 1 >= self.last else ""
        if p.kind == _MEASURE and _dimension(p.unit) not in _ONE_IS_WORD_DIMENSIONS:
            # 一担鲜叶, 一吨, 一公里: a unit of measure makes 一 a number (an article is 一 before
            # a measure word of a count); 每一吨, 同一米 are units of reference
            return prev not in _NOT_BEFORE_ONE_MEASURE
        nxt = norm[p.unit_end : p.unit_end + 1]
        if p.kind == _COUNT and p.unit in _ONCE_UNITS:
            # 每年付息一次。: once, closing the clause (再一次, 又一次 are adverbs)
            return (nxt == "" or nxt in _ONCE_NEXT) and prev not in _NOT_BEFORE_ONCE
        if p.kind == _COUNT and p.unit in _POSTPOSED_UNITS and (nxt == "" or nxt in _ONCE_NEXT):
            # 变电站一座。, 每15分钟一班，: a count after its noun closes the clause (R32);
            # 其中一家。, 这是一个。 and 只有一家 keep 一 an article or a word
            before = norm[s - 1] if s >= 1 else ""  # the noun may close a mention: 15分钟一班
            if norm[max(0, s - 2) : s] == "死路":
                return False  # 死路一条: an idiom
            return "\u4e00" <= before <= "\u9fff" and before not in _NOT_BEFORE_POSTPOSED
        if (
            p.kind == _COUNT
            and self.out
            and self.out[-1].end == s
            and self.out[-1].dimension == "currency"
            and (nxt in ("", "的") or nxt in _ONCE_NEXT)
        ):
            return True  # 三四百元一桌的家宴: the base of a price (每15分钟一班, R32)
        if self._spoken_coin(p) is not None:
            return True  # 一块五, 一毛五: spoken money
        if (
            p.kind == _COUNT
            and prev == "按"
            and "\u4e00" <= nxt <= "\u9fff"
            and nxt != "一"
            and _RECKONING.search(self._clause_after(p.unit_end)) is not None
        ):
            # 按一张蚕种产茧45公斤测算: one item as the base of a reckoning; 按一张图管理 and
            # 按一户一宅 are rules
            return True
        if p.kind == _TENTH:
            return nxt not in _NOT_AFTER_YICHENG
        if p.kind == _DURATION and norm[p.unit_start : p.unit_end] == "日" and nxt == "内":
            return prev not in _NOT_BEFORE_ONE_TIME  # 一日内两度调价 (R27); 一日游 stays a word
        if p.kind != _DURATION or norm[p.unit_start : p.unit_end] not in _ONE_DURATION_UNITS:
            return False
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
                self._identifier(s, e, self.text[s:e])
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
        m = _LISTED_QUARTER.match(norm, s) or _LISTED_MONTH_CN.match(norm, s)
        if m is not None:
            self._emit(s, m.end(), None, None, "", Approx.EXACT, NumberCategory.DATE, "")
            return m.end()
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
            if p.approx is Approx.EXACT and (r := self._century(p, s)) is not None:
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
            and not (p.kind in (_GRADE, _GRADE_CN, _NUMBERED) or p.unit == "times")
            and not self._one_counts(p, s)
        ):
            # 一 + measure word is an article or part of a word: 一批, 一个个, 一家企业, 一成不变.
            return p.unit_end
        if _CN_WORD.match(norm, s) is not None:
            # 三次产业, 二次开发, 十字路口, 八字, 三胎政策, 三面环海: words, no counts
            return p.unit_end
        if (
            p.unit == "count:则"
            and p.core in ("一", "二", "三")
            and not norm.startswith(_NEWS_PIECES, p.unit_end)
        ):
            return p.unit_end  # 一则…，二则可以…: firstly, secondly
        if (
            p.unit in _LAYOUT_NOUNS
            and not self._counted(s)
            and norm[s - 1 : s] not in _SCOPE_LAST
            and norm[s - 1 : s] not in ("城", "辖")
        ):
            # 两区一港, 一港、两区: a Chinese numeral names the parts of a layout (R19); 新设五区
            # and Arabic figures (5区3县) count them
            return p.unit_end
        if p.kind in _RANGE_KINDS:
            r = self._range(p, s)
            if r is not None:
                return r
        return self._emit_parsed(p, s)


def _code_shape(token: str) -> str:
    """``02R`` -> ``99A``: each digit and each letter, for codes paired by a slash (3D/5kg are
    two things, 02R/20L one pair)."""
    return re.sub("[A-Za-z]", "A", re.sub("[0-9]", "9", token))


def _tenths(value: Decimal | None, kind: str) -> Decimal | None:
    """成 and 折 in percent: 八成 and 8折 -> 80, 8.5折, 八五折 and 八成五 -> 85, 85折 -> 85 (R26);
    None for a number that counts no tenths (十五成, 0折, 90折, 8.25成)."""
    if value is None or value <= 0:
        return None
    whole = value == value.to_integral_value()
    if kind == _TENTH:
        tenths = value * 10
        return tenths if tenths == tenths.to_integral_value() and value <= 10 else None
    if value < 10:
        return value * 10
    return value if whole and value < 100 and value % 10 else None


# 一 before a unit of these is a word as often as a number (一元化, 一倍 is read elsewhere).
_ONE_IS_WORD_DIMENSIONS: Final = frozenset({"currency", "ratio", "index_points", None})
# 一成不变, 一成为…: 成 there is no tenth.
_NOT_AFTER_YICHENG: Final = frozenset("不为了功员本果型品就立交熟长都绩效")
# The time units after which 一 is a length of time (not 日: 一日游; not 月: 一月 is January).
_ONE_DURATION_UNITS: Final = frozenset(
    _words("年 天 周 星期 个星期 小时 个小时 分钟 秒 秒钟 工作日 个工作日 个季度 昼夜 个月 晚")
    + _words("个多月 个半月 个多小时 个半小时")
)
# 一年一度, 一年之计, 一年四季, 一年到头, 一年级, 一年期, 一天天; 每一年, 有一天, 同一天, 上一年.
_NOT_AFTER_ONE_TIME: Final = frozenset("一之四到级期度天年")
_NOT_BEFORE_ONE_TIME: Final = frozenset("每这那哪某同有上下前后当任第统唯逐单另头")
# words that end in 一 (统一, 唯一, 同一, 单一, 逐一, 专一, 划一)
_ONE_IN_WORD: Final = frozenset("统唯同单逐专划")
# 每一吨, 同一亩: a unit of reference, not one tonne.
_NOT_BEFORE_ONE_MEASURE: Final = frozenset("每这那哪某同第统唯逐单另")
# a Chinese digit must end the words (一块五花肉 is a piece of pork belly)
_SPOKEN_COIN: Final = re.compile(
    "(?:([1-9])|([一二三四五六七八九])(?=[毛角一钱的左多]|[^\u4e00-\u9fff]|$))(毛|角)?"
    "(?![0-9〇零二三四五六七八九十百千万亿点.%．,、:∶])"
)


_ALTERNATIVE: Final = re.compile("\\(([\u4e00-\u9fff]{1,2}(?:、[\u4e00-\u9fff]{1,2})*)\\)")
# the divisions a count of provinces names in brackets: 31个省（区、市）, 12省（自治区）
_DIVISIONS: Final = frozenset(_words("区 市 县 州 盟 旗 乡 镇 村 自治区 兵团 直辖市"))
# the one-character names of the provinces (粤械注准, 新（2024）…不动产权第…号)
_PROVINCES: Final = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川贵云陕甘青宁新藏蒙"
# the registers of medicines, devices, health food and cosmetics, glued before their numbers
_APPROVAL_BEFORE: Final = re.compile(
    f"(?:国药|国械|国食|卫食|国妆|卫妆|[{_PROVINCES}]械)"
    "(?:准字|试字|注准|注进|注许|备|健字|健注|特字|网备进字|特进字)$"
)
_CHANGE_VERB_BEFORE: Final = re.compile(
    "(?:增|增加|增长|减少|减|下降|上升|提高|降低|扩大|缩小|回落|回升|攀升|新增|净增|净减|跌|涨)$"
)
_CLAUSE_END: Final = re.compile("[，,。；;、！？!?）)\n]|$")
_LETTER_GRADE: Final = re.compile("[1-9]A{1,5}级")
_NUMBERED_PLACE: Final = re.compile(
    "(?:展馆|展厅|馆|航站楼|标段|站台|车间|厂房|仓库|库区|码头|泊位|机组|高炉|转炉|焦炉|工作面|采区"
    "|盘区|区块|井区|登机口|检票口|闸口|船台|船坞|航班|法案|条款|煤层|煤(?=[与和及、，,])|气田|油田"
    "|会议室|会议厅|报告厅|多功能厅|教室|实验室|病房|高校|院校|工程院校|工程(?=院校|高校)|巷|弄"
    "|不锈钢|館|展覽館|展廳|碼頭|機組|車間|倉庫|會議室)"
)
_WELL: Final = re.compile("(?:斜|直|水平|评价|探|开发|气|油|注水)?井")
_CENTURY: Final = re.compile("世纪(?:初叶|中叶|上半叶|下半叶|初期|中期|末期|初|末|[0-9]{2}年代)?")
# emergency and directory numbers, named by the service after them (110报警, 114查号台)
_EMERGENCY: Final = re.compile(
    "(?:110|112|114|119|120|122)(?=报警|接警|急救|查号|火警|交通事故|指挥中心|联动|服务台|求助)"
)
_EMERGENCY_NUMBERS: Final = frozenset(("110", "112", "114", "119", "120", "122"))
_EMERGENCY_BEFORE: Final = re.compile("(?:火警|匪警|急救|报警|查号)(?:电话|热线)?[:：]?$")
# the Chinese type letters of military and transport aircraft: 运 (Y), 歼 (J), 轰 (H), 直 (Z)
_AIRCRAFT_TYPES: Final = frozenset("运歼轰直")
# Chinese numerals with a measure word that make a word of their own
_CN_WORD: Final = re.compile(
    "[二三]次(?:产业|元|开发|污染|供水|分配|创业|能源|消费)|十字|八字|[一二三四]胎|[两三四八]面(?:环|性|楚|来|玲)"
    "|五金"
    # 三元锂电池, 城乡二元结构: ternary and dual, no yuan (三元镇 is a place, _PLACE_BEFORE_KIND)
    "|[二三四]元(?:锂|电池|电芯|材料|正极|前驱体|聚合物|化合物|合金|催化|结构|经济|体制|分割|对立|论|化|"
    "一次|二次|方程|函数)|" + _VEHICLE_KINDS
)
# 客运120, 海运50, 日运20车, 一直20: words that end in those characters
_NOT_BEFORE_AIRCRAFT_TYPE: Final = frozenset(
    "客货海空水陆航联转承托营搬载水调物命一垂径笔竖日月年可渔"
)
# what an aircraft type's number may be followed by: 歼20首飞, 运20首次, 运20架次 are no counts
_AFTER_AIRCRAFT_TYPE: Final = frozenset({"count:首", "count:架", "count:架次"})


def _is_han(c: str) -> bool:
    """A Chinese character, in the basic block or beyond the BMP (𠮷)."""
    return "\u4e00" <= c <= "\u9fff" or "\U00020000" <= c <= "\U0003134f"


def _word_ending(norm: str, b: int, s: int) -> tuple[str, str] | None:
    """The longest word of jieba's dictionary that ends at ``s`` and starts at ``b`` or later,
    with its part-of-speech tag."""
    tags = text_module.jieba_posseg().dt.word_tag_tab
    for k in range(b, s):
        if (tag := tags.get(norm[k:s])) is not None:
            return norm[k:s], tag
    return None


def _word_starting(norm: str, e: int, end: int) -> tuple[str, str] | None:
    """The longest word of jieba's dictionary that starts at ``e`` and ends by ``end``."""
    tags = text_module.jieba_posseg().dt.word_tag_tab
    for k in range(end, e, -1):
        if (tag := tags.get(norm[e:k])) is not None:
            return norm[e:k], tag
    return None


def _prev_is_type(norm: str, s: int, last: int) -> bool:
    """Whether the character before ``s`` is an aircraft type's letter (运, 歼, 轰, 直) that no
    word before it makes a verb or an adverb."""
    return (
        s >= 1
        and s - 1 >= last
        and norm[s - 1] in _AIRCRAFT_TYPES
        and norm[s - 2 : s - 1] not in _NOT_BEFORE_AIRCRAFT_TYPE
    )


_APPROVAL_LAST: Final = frozenset("字准进许备注")
# the number of a register: a letter and six or more digits, or eight or more digits (新增国药准字
# 12个 counts approvals)
_REGISTER_CODE: Final = re.compile("[A-Z][0-9]{6,}(?![0-9])|[0-9]{8,}(?![0-9])")
_BUILDING_BEFORE: Final = re.compile("[栋幢楼座][0-9一二三四五六七八九十]{1,3}单元$")
_BUILDING_PART: Final = re.compile("[0-9]+(?:单元|楼(?!房)|室|号)")
_SHAPED_CODE: Final = re.compile(
    r"[0-9]{1,2}(?:\+(?:[0-9]{1,2}|[A-Z]))+(?![0-9.])"  # 东盟10+3, 1+N
    r"|[0-9]{1,2}W-[0-9]{2}(?![0-9])"  # 5W-30 engine oil
    r"|[0-9]{3,5}[A-Z]{0,2}(?=不锈钢|锂电池|钢管|钢板)"  # 316L不锈钢, 18650锂电池
    # 21700电芯, 4680电池: the sizes of cylindrical cells (生产1000电池 counts)
    r"|(?:14500|18650|21700|26650|32650|32140|46800|4680|4695|46120)(?=电池|电芯|圆柱)"
    r"|[0-9]+\*{2,}[0-9A-Za-z]*"  # 6501**********1234, a masked number
    r"|[0-9]{1,2}\.[0-9](?=号?馆(?!藏)|展馆|館(?!藏))"  # 广交会8.1馆
)
_SHAPED_NAME: Final = re.compile(
    r"[0-9]{3}/[0-9]{2}Z?R[0-9]{2}(?:\.[0-9])?(?![0-9])"  # 295/80R22.5, a tyre's size
    r"|[0-9](?:,[0-9])+-[A-Z]{1,3}(?![A-Za-z])"  # 2,4-D, a herbicide
    r"|[0-9](?:,[0-9])+(?=-[\u4e00-\u9fff])"  # 1,4-丁二醇: the locants of a compound
    r"|7-11(?=便利|门市|門市|店)"
    r"|[0-9]{3,4}(?=地震|大地震|事变|事件)"  # 921地震: an event named by its date
    # 95后, 00後: a generation by its birth years (not 回落至50后回升)
    r"|(?<![至到为达于破过超近约])(?:00|05|10|[5-9][05])[后後](?![来面期续來])"
    r"|[0-9]{1,2}\.[0-9](?=大模型|模型)"  # 文心4.5大模型: a model's version
)
_T_PLUS: Final = re.compile(r"\+[0-9](?![0-9.%])")
_VERSION_NUMBER: Final = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}(?![0-9.])")  # 蓝牙5.4
# 盈富基金（2800）, 富邦金（2881）: a listed company's code in brackets after its name (no year)
_BRACKETED_CODE: Final = re.compile(
    r"(?!(?:19|20)[0-9]{2}[)）])[0-9]{4,6}(?=[)）](?![ \u3000-]?[0-9]))"  # not (0598)8236 1170
)
_MULTIPLIER_NEXT: Final = frozenset("万亿千百")  # 估值10+3亿元 is arithmetic, no code
_SHAPED_NEXT: Final = frozenset("+*.不锂钢电圆")
_PROPERTY_CERT: Final = re.compile(
    f"[{_PROVINCES}港澳]\\((?:19|20)[0-9]{{2}}\\)"
    "[\u4e00-\u9fff]{0,12}?不动产(?:权|证明)第[0-9]+号"
)
_TW_ROUTE: Final = re.compile("[0-9]{1,2}(?:甲|乙)?线")
# 1斤2两: the 两 after 斤, a tenth of it, before no other numeral or unit (1斤两斤 lists weights)
_JIN_LIANG: Final = re.compile(
    "(?:([1-9])|([一二三四五六七八九]))两(?![0-9〇零一二三四五六七八九十百千万亿两斤])"
)
_POST_SPOKEN: Final = re.compile("左右|上下(?![游班级文楼车午半山铺层线一两同齐])")
_RECKONING: Final = re.compile("测算|计算|估算|核算|折算|推算")
_SYMBOL_BEFORE: Final = re.compile(r"(?<![A-Za-z])(US\$|HK\$|NT\$|S\$|\$|¥|￥|€|£) ?\Z")
_VESSEL_BEFORE: Final = frozenset("轮船号”」")
# What a ship does right after its name (鑫海12轮于昨日首航, 靠泊, 满载...)
_VESSEL_VERB: Final = re.compile(
    "(?:于|在|从|自|已|将|正|满载|装载|载|靠|抵|驶|离|停靠|首航|进港|出港|入港|顺利|成功|由)"
    "(?![了后过])"
)
# 经过12轮, 进行了3轮, 第12轮: a verb, a particle or a counting word before rounds
_NOT_BEFORE_VESSEL_NUMBER: Final = frozenset(
    "了过行经历共计约近达第等每前后首末新再又头最这那该各几多数和及与的在为是开展办举"
)
_SEAT: Final = re.compile(
    r"(?:区[0-9]{1,3}排[0-9]{1,3}号|排[0-9]{1,3}号|车[0-9]{1,3}[A-F]座"
    # 5排12座门票, 凭5排12座: a ticket's seat, where 剧场共设20排30座 counts rows and seats
    r"|排[0-9]{1,3}座(?=的?(?:门票|票|座位|位置|入场|入座|就座|观看|观演)))(?![0-9])"
)
# 凭5排12座入场, 坐在3排5座: a seat that someone holds or sits in
_SEAT_HELD: Final = re.compile("(?:凭|持|坐|坐在|位于)$")
_SEAT_ROW: Final = re.compile(r"排[0-9]{1,3}座(?![0-9位次])")
# words that count or measure what follows a number (the number is then no name's)
_COUNTING_BEFORE: Final = re.compile(
    "(?:共有|共计|共|有|取消|起降|往返|执飞|开通|新增|新建|建成|建设|新钻|完钻|钻|分为|分成|分|设有|"
    "设|达到|达|超过|超|逾|近|约|累计|首批|合计|计|减少|增加|增至|拥有|涉及|覆盖|其中|含|包括|各|"
    "日均|每周|每日|每天|每年|全年|带动|惠及|吸引|组织|举办|培育|认定|入选|租用|配备|投入|安排|开展|"
    "完成|新开|开行|开设|停航|复航|恢复|增开|加密|收报|报收|收于|失守|站上|突破|跌破|升至|降至|涨至|"
    "跌至|为|是)\\Z"
)
# What a bare figure goes on with when it is a quantity without a unit (3050附近, 3250关口,
# 大于1050的, 1024与2048, 1250至1380, 收报3286涨), so no code
_NOT_AFTER_GLUED_CODE: Final = frozenset(
    "的之至到比和与及或并余多来左上下以附一关整即就是为了后前时起止每乘除加减约近逾超达"
    "涨跌升降增减失站破回落创收报环同"
    "與於為後時關並約過"
)
# Words before a bare figure that make it a count or a level, not part of a name (增长3, 为5, 第3)
_NOT_BEFORE_GLUED_NAME: Final = frozenset(
    "的了在为是有和与及或至到从由比达超近约共计增减涨跌升降收报占第每各前后逾等于以将把被对向按用"
    "给让这那该此其仅只就才都也又再还均合总全余年月日时号期季度次个届批轮分秒周天点元之较破"
    "快推进建开办获赢夺"
    "與於為後時從對這該將"
)
# jieba's tags of a name or a noun a name ends with (宝马, 台北, 石油, 服务平台, 沪指)
_NAME_FLAGS: Final = frozenset(("n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "j", "eng"))
# nouns of a scope or a holder before a count (全市12区县, 旗下5品牌, 重庆主城9区)
_SCOPE_WORDS: Final = frozenset(
    _words(
        "旗下 名下 麾下 门下 手下 主城 城区 市区 辖区 境内 国内 省内 市内 区内 县内 全球 全网 合计"
    )
)
_SCOPE_LAST: Final = frozenset("市省县区镇乡村国州盟旗")  # 全市, 北京城 6区 are counted in
_STREAK: Final = frozenset("阳阴涨跌板胜败升降增减冠")
_NAME_OPENERS: Final = frozenset("，。；：、“‘「『（(《\n ,;:")
_COUNTED_BARE: Final = _words("企业 城市 家庭 国家 地区 项目 人 名 户 所 位 省 市 县 镇")
# 24/7, 3:2, 1250至1380, 1250、1380: a figure after these is the second term of something
_NUMBER_JOINERS: Final = frozenset("/:∶.-~×x至到、和与及或比與")
# 一次 that ends a clause is a frequency (每年付息一次, 每季度开展一次); 再一次, 又一次,
# 这一次, 头一次 and 最大的一次 are not.
_ONCE_UNITS: Final = frozenset(f"count:{w}" for w in _words("次 回 趟 轮 遍"))
_ONCE_NEXT: Final = frozenset("，。；、！？,;!?）)\n")
_NOT_BEFORE_ONCE: Final = _NOT_BEFORE_ONE_MEASURE | frozenset("再又上下前后的头")
# Measure words of things and services that the press counts after the noun (变电站一座); not
# 笔, 步, 种 or 份, which close idioms (亮眼一笔, 迈出一步).
_POSTPOSED_UNITS: Final = frozenset(
    f"count:{w}"
    for w in _words("座 班 台 套 艘 架 列 辆 栋 幢 处 所 家 项 条 张 件 部 头 口 宗 例 个 间")
)
_NOT_BEFORE_POSTPOSED: Final = _NOT_BEFORE_ONCE | frozenset(
    "中样是有为了着过个之其还仅只就才都也而在到和与或及把被让给向从比等各何像如换选建买做拿找要挑取看岸此老聚于"
)


# 一两句话, 三两下: one or two, two or three (verbal and other classifiers outside the inventory).
_NOT_AFTER_LIANG: Final = frozenset("句声眼下步遍番招样些口")
# 2斤多 (at least), not 2斤多少, 100吨多晶硅 or 5吨多个; 两斤半, not 1米半导体 or 3元半价.
_NOT_AFTER_DUO: Final = frozenset("少个家种项次位名元晶样边彩媒式功层年国地方条批重维")
_NOT_AFTER_BAN: Final = frozenset("导岛径价年月天小场数成")


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


def _share_list_readings(out: list[Quantity], norm: str) -> list[Quantity]:
    """Bare numbers listed with 、 before a number with a unit or 号 share its reading (R32):
    分别新增3、5家 gives 3 the measure word 家, 1.2、3.4万吨 reads 1.2万吨, 核电站3、4号机组 makes
    3 a name like 4号. An approximation word or a range on the last item is not shared."""
    share: Quantity | None = None
    shared: tuple[float, float] | None = None  # the last item's multiplier and written figure
    for i in range(len(out) - 1, -1, -1):
        q = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is None or norm[q.end : nxt.start] != "、" or not _bare_number(q):
            share = None
            continue
        if share is not nxt:
            shared = _list_scale(nxt)
            share = nxt if shared is not None else None
        if q.start >= 1 and norm[q.start - 1] == "\n":
            share = None  # 1、30家企业入选 at a line's start: a heading's number
            continue
        if share is None or shared is None:
            continue
        scale, written = shared
        if share.category is NumberCategory.IDENTIFIER:
            if not q.text.isdigit():
                share = None
                continue
            out[i] = replace(q, number=None, category=NumberCategory.IDENTIFIER)
        else:
            if scale != 1.0 and q.number is not None and q.number > written:
                # a multiplier written once reaches an earlier item only when its digits are
                # not larger (1.2、3.4万吨, not 8500、1.2万辆), as R25 reads a range
                share = None
                continue
            number = None if q.number is None else float(Decimal(repr(q.number)) * Decimal(scale))
            out[i] = replace(
                q,
                number=number,
                unit=share.unit,
                unit_text=share.unit_text,
                dimension=share.dimension,
            )
        share = out[i]
    return out


def _bare_number(q: Quantity) -> bool:
    return (
        q.category is NumberCategory.QUANTITY
        and q.unit is None
        and q.approx is Approx.EXACT
        and _PLAIN_NUMBER.fullmatch(q.text) is not None
    )


_PLAIN_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_LIST_LAST: Final = re.compile(r"([0-9]+(?:\.[0-9]+)?)[百千万亿萬億]*")


def _list_scale(q: Quantity) -> tuple[float, float] | None:
    """What the last item of a list shares, with its figure as written: ``(1.0, 4)`` for 4号 (a
    name numbered by 号), ``(1.0, 5)`` for 5家, ``(1e4, 3.4)`` for 3.4万吨 (the multiplier written
    once); ``None`` when it shares nothing."""
    if q.category is NumberCategory.IDENTIFIER:
        if q.text[:-1].isdigit() and q.text[-1] in "号號":
            return 1.0, float(q.text[:-1])
        return None
    if q.category is not NumberCategory.QUANTITY or q.unit is None or q.low is not None:
        return None
    if q.number is None or q.approx is not Approx.EXACT:
        return None
    m = _LIST_LAST.match(q.text)
    if m is None or m.end() + len(q.unit_text) < len(q.text) or float(m.group(1)) == 0:
        return None
    if not q.text.endswith(q.unit_text):
        return None
    written = float(m.group(1))
    # a multiplier is a power of ten: keep the float exact (3.3亿 / 3.3)
    return float(10 ** round(math.log10(q.number / written))), written


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
