"""The unit inventory: every unit and measure word the numbers recognizer reads, as data.

Contract
========

:data:`INVENTORY` is a tuple of :class:`UnitEntry`, one per normalized unit **code**, each with
its **dimension** (:class:`Dimension`), its **factor** to the dimension's base unit where one
exists (and an **offset** for temperatures), and the **surfaces** the press writes for it, in
Simplified script. The table is versioned (:data:`INVENTORY_VERSION`); a code, once published,
keeps its meaning (a change of meaning is a new code and a new version).

* :func:`lookup` maps a written unit (Simplified or Traditional, full-width or not, with or
  without a leading 万/亿/千/百 multiplier) to its entry; :func:`readings` gives every entry of
  a surface that has several (``度``, ``点``).
* :func:`dimension` and :func:`to_base` work on any code, compound codes (``CNY/t``) included.
* :data:`CODES` lists every simple code in the inventory's order: the closed vocabulary of a
  claim's ``unit`` (the ``claims`` config's ClassLabel, :class:`UnitCode`). :func:`is_code`
  accepts those and compounds of two of them (``CNY/t``), which a number mention may carry;
  :func:`codes_of` gives the codes a written unit can stand for.
* :func:`schema_v1_unit` is the one adapter from a code to the unit of schema 1.0
  (:data:`V1_UNITS`: ``count:家`` -> ``count``; ``None`` for the units schema 1.0 did not
  know); :func:`migrate_unit_v1` goes the other way for records written under schema 1.0.
* :func:`fold` is the length-preserving character folding shared with the recognizer.

Choice of codes
===============

* **Schema 1.0 codes stay**: ``CNY USD EUR RUB % pp times t kg km m km2 km/h TEU kWh``. Only
  ``count`` changes: a count keeps its measure word, ``count:<measure word>`` in Simplified
  script (``count:家``, ``count:对``, ``count:人次``), because ``3家`` and ``3对`` count different
  things and no conversion relates them. Nouns the press counts directly (``18国``, ``6横``,
  ``五大``) are measure words in this sense (guidelines, section 4).
* **Currencies** are ISO 4217 codes (``KZT`` for 坚戈, ``HKD`` for 港元/港币). A bare name that
  several currencies share (``卢比``, ``比索``, ``法郎``, ``第纳尔``...) keeps its name like a
  measure word, ``currency:卢比``: guessing the country would be a silent error. A currency has
  no base unit: amounts are in the currency's main unit (元 for CNY), never converted.
* **Units of measure** use the case-sensitive codes of UCUM (the Unified Code for Units of
  Measure): ``m2``, ``ha``, ``m3``, ``L``, ``kW``, ``MW``, ``ug/m3``, ``Cel``, ``mo``, ``a``,
  ``t.km``. Units UCUM lacks get a bracketed code in UCUM's style for customary units, with the
  suffix ``_cn`` for the Chinese market units of the 市制 (``[mu_cn]`` 亩, ``[jin_cn]`` 斤,
  ``[li_cn]`` 里, ``[dan_cn]`` 担, ``[qing_cn]`` 顷), plus ``pt`` for index points, ``bp`` for
  basis points, ``tce``/``toe`` for tonnes of coal/oil equivalent and ``[qtr]``/``[wd]`` for
  quarters and working days. The Chinese names are those of GB 3100-3102 (千瓦时, 兆瓦,
  公顷, 立方米) and of the 市制 conversion (1 亩 = 10000/15 m², 1 斤 = 0.5 kg, 1 里 = 500 m).
* A **compound** written ``A/B`` (``元/吨``, ``美元/桶``, ``吨/小时``) has the code ``A/B`` of the
  two codes and the dimension ``dimA/dimB``; compounds with a name of their own are entries
  (``km/h`` speed, ``ug/m3`` concentration).

Dimensions and base units
=========================

``currency`` (none), ``ratio`` (1: ``%`` = 0.01, ``‰`` = 0.001, ``pp`` = 0.01, ``times`` =
1, ``1`` for fractions), ``index_points`` (none), ``count`` (none), ``mass`` (kg), ``length``
(m), ``area`` (m²), ``volume`` (m³), ``energy`` (J), ``power`` (W), ``voltage`` (V),
``speed`` (m/s), ``duration`` (s; a month and a year are UCUM's mean Julian ``mo`` and ``a``),
``concentration`` (kg/m³, mass per volume), ``data`` (byte, decimal prefixes; a bit is 0.125
byte), ``data_rate`` (bit/s), ``compute`` (FLOP/s), ``frequency`` (Hz), ``temperature`` (K;
``Cel`` has the offset 273.15), ``pressure`` (Pa), ``angle`` (rad), ``charge`` (C), ``level``
(dB, none), ``container`` (TEU), ``mass.length`` (kg·m, freight turnover), ``force`` (N),
``linear_density`` (kg/m: ``tex`` is a gram per kilometre; fibre strength is read as the
compound ``cN/tex``), ``tonnage`` (gross and compensated gross tonnage of ships, indices of
volume with no conversion), ``current`` (A), ``dose`` (Sv, absorbed radiation weighted for
the body), ``luminance`` (cd/m², the nit of screens) and ``torque`` (N·m). "None" means that
no conversion exists: :func:`to_base` returns ``None`` for those codes. ``[dwt]`` (载重吨,
deadweight) is a mass in tonnes of what a ship can carry; ``[Nm3]`` (标准立方米) is a volume of
gas at normal conditions, converted as a cubic metre; ``[night]`` (晚, 夜) is a night of a
stay, converted as a day; ``TOPS`` and its relatives count operations of any kind, so they
have no conversion to FLOPS.

Ambiguous surfaces
==================

``度`` is listed as kWh (the 度 of electricity bills) and as a count of occasions (``两度``),
``点`` as index points and as a count of items (``3点建议``), ``节`` as the knot and as a
count (``5节车厢``), and the letters ``M``, ``G``, ``T``, ``P``, ``E`` as bytes, bits per
second (``M``, ``G``) and FLOPS (``T``, ``P``, ``E``). :func:`lookup` returns ``None`` for them
unless a dimension is given. The
market unit ``两`` is also the numeral two: the recognizer reads it as a unit only after a
number (``3两``, ``二两``, ``一两`` without a measure word after it: ``一两个`` is one or two).
The recognizer decides from the context, and also reads 度 as a degree Celsius after a
temperature word or an angle (``numbers`` module docstring).
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from .schema import SchemaError, StrEnum

__all__ = [
    "AMBIGUOUS",
    "CODES",
    "INVENTORY",
    "INVENTORY_VERSION",
    "SIGNED_DIMENSIONS",
    "V1_UNITS",
    "Dimension",
    "UnitCode",
    "UnitEntry",
    "codes_of",
    "dimension",
    "fold",
    "is_code",
    "lookup",
    "migrate_unit_v1",
    "readings",
    "schema_v1_unit",
    "signed",
    "surfaces",
    "to_base",
]

#: 1.0 was the closed list of schema 1.0 (:data:`V1_UNITS`); 2.0 is this open inventory; 2.1 adds
#: the bit units (比特, and 位元 as Taiwan and Hong Kong write it), 位元组 for the byte and the
#: measure word 自然箱 (containers counted as boxes, whatever their size); 2.2 adds the market
#: unit 两 ([liang_cn]), deadweight and gross tonnage (载重吨, 总吨, 修正总吨), the normal cubic
#: metre of gas (标准立方米, 标方), the knot (节, also the measure word 节), force (牛顿, 厘牛) and
#: linear density (特克斯) for fibre strength (厘牛/特克斯), TOPS-style compute, and nights of a
#: stay (晚, 夜), the bushel (蒲式耳), the zettabyte and 千卡. No code changed meaning. 2.3 adds
#: electric current (安培, 毫安, 微安, 千安), the milliwatt and millivolt, the gigapascal, 毛 (a
#: tenth of a yuan as the press quotes small prices, ``currency:毛``) and measure words of farm
#: and daily goods (堆, 捆, 垛, 筐, 篮, 束, 串, 剂, 针, 顿, 杯, 盆, 段...); they come after
#: every 2.2 code, so a published ClassLabel index keeps its code. 2.4 adds the lot of futures and
#: shares (手), circuits of a power line (回) and rounds (回合), steps of a process (道), colonies
#: of bees (群), tiers (档) and passes (遍) as measure words, the are (公亩), the ping of Taiwan's
#: property market (坪, 400/121 m²), Taiwan's catty (台斤, 0.6 kg) and the spoken hundredth and
#: tenth of a yuan (分钱, 角钱); it gives existing codes more written forms: 公克 (gram), 空方 (a
#: cubic metre of reef or hollow volume), 呎, 平方呎 and 吋 (Hong Kong's foot, square foot and
#: inch), the everyday names 台币, 澳币, 加币, 纽币, 马币 and 瑞郎, and the single letters M, G, T,
#: P and E that the press writes after a figure of bandwidth, storage or computing power (1000M宽带,
#: 512G内存, 300P算力). The letters are ambiguous surfaces (M is a megabit per second or a
#: megabyte), read only from the context (:mod:`silkroad_news.numbers`). 2.5 adds the meganewton
#: (兆牛) and 千牛 as a written form of the kilonewton, the radiation dose (西弗, 毫西弗, 微西弗),
#: luminance (尼特, the nit of screens), the decimetre, the nanogram, the millimetre of mercury,
#: the degree Fahrenheit, the kilogram of coal equivalent (千克标准煤), the tonne of carbon
#: dioxide equivalent (吨二氧化碳当量, a mass of greenhouse gases), and measure words of
#: industry, farming and devices (锭 spindles, 顶, 床, 床位, 注, 丸, 核 processor cores, 茬, 卷,
#: 帧, 像素, 工日, 台班, 箭 and 星 as 一箭十二星 counts them); 延米 is a written form of the metre,
#: 立方公尺 and 平方公尺 (Taiwan) of the cubic and square metre, 工作天 of the working day, 帕 of
#: the pascal and 厘, in a rate of interest or return, of the percent a year (年息3厘, 回報約4.5厘)
#: and of the per mille a month (月息8厘): an ambiguous surface, read from the rate's words. 2.6
#: adds the momme of silk (姆米, areal density), the trading day (交易日), the forty-foot container
#: (FEU), the gram of coal equivalent, the hundredths 美分, 美仙, 港仙, 欧分 and 便士, and measure
#: words of paper, print, sport, parliaments, farming, power lines, cables, tourism, parking and
#: machines (令, 排, 盘, 字, 局, 席, 胎, 面, 基, 芯, 人份, 间夜, 团次, 车位, 印张, 棒, 轴,
#: 转); 瓩 and 瓩時 (Taiwan) become written forms of kW and kWh, 日币, 韩币 and 铢 of JPY, KRW
#: and THB, and 块 of the yuan in spoken prices (6块5): 块 is now an ambiguous surface, a count
#: of pieces elsewhere. The peak watts (Wp to GWp), the cubic foot and the shilling (先令) are new
#: codes too; 寸 (read as the inch, the size of screens; the old 市寸 is not read) and the
#: signs US$, HK$, NT$, S$, $, ¥, €, £ written before a figure become written forms of their
#: codes (¥ is read as the yuan and $ as the US dollar: Chinese news writes them so). 2.7 adds
#: the market units 钱, 尺, 丈 and 斗, the quintal (公担) and hectogram (公两) of Taiwan, Hong
#: Kong's catty (司马斤), and measure words of goods, texts, deals, farming, sport, places counted
#: directly and capacity (:data:`_MEASURE_WORDS_2_7`); 尺 is also the foot of a container's
#: size (40尺集装箱), an ambiguous surface; the units of electrical and lighting
#: equipment (six new dimensions: resistance, capacitance, magnetic flux density, luminous flux,
#: illuminance, luminous intensity; reactive and apparent power as power) and the imperial units
#: of trade; 哩, 浬, 公寸, 公秉 and 旦 become written forms of the mile, the nautical mile, the
#: decimetre, the cubic metre (a kilolitre) and the denier. 2.8 adds torque (a new dimension:
#: 牛·米, N·m, the engine's and the motor's figure in car news), the yard of cloth (码, 英码),
#: the barrel of oil equivalent (桶油当量, boe) in which oil companies report output, the 垧 of
#: the northeast's farmland (a hectare, 15 亩) and the measure words 工时 (person-hours), 码
#: (digits of a number: 共11码), 延人次, 延人公里 (Taiwan's passenger trips and kilometres), 格
#: (parking spaces) and 伙 (Hong Kong's flats);
#: 码 is an ambiguous surface, read from its clause. 安士 (Hong Kong's ounce) becomes a written
#: form of the ounce, 日历天 of the day (a contract's calendar days), 延吨公里 of the tonne
#: kilometre, and h and min after a figure of the hour and the minute (24h, 30min).
INVENTORY_VERSION: Final = "2.8"


class Dimension(enum.StrEnum):
    CURRENCY = "currency"
    RATIO = "ratio"
    INDEX_POINTS = "index_points"
    COUNT = "count"
    MASS = "mass"
    LENGTH = "length"
    AREA = "area"
    VOLUME = "volume"
    ENERGY = "energy"
    POWER = "power"
    VOLTAGE = "voltage"
    SPEED = "speed"
    DURATION = "duration"
    CONCENTRATION = "concentration"
    DATA = "data"
    DATA_RATE = "data_rate"
    COMPUTE = "compute"
    FREQUENCY = "frequency"
    TEMPERATURE = "temperature"
    PRESSURE = "pressure"
    ANGLE = "angle"
    CHARGE = "charge"
    LEVEL = "level"
    CONTAINER = "container"
    MASS_LENGTH = "mass.length"
    FORCE = "force"
    LINEAR_DENSITY = "linear_density"
    TONNAGE = "tonnage"
    CURRENT = "current"
    DOSE = "dose"
    LUMINANCE = "luminance"
    AREAL_DENSITY = "areal_density"
    RESISTANCE = "resistance"
    CAPACITANCE = "capacitance"
    MAGNETIC_FLUX_DENSITY = "magnetic_flux_density"
    LUMINOUS_FLUX = "luminous_flux"
    ILLUMINANCE = "illuminance"
    LUMINOUS_INTENSITY = "luminous_intensity"
    TORQUE = "torque"


#: The base unit of each dimension; ``None`` where amounts are never converted.
BASE_UNIT: Final[dict[Dimension, str | None]] = {
    Dimension.CURRENCY: None,
    Dimension.RATIO: "1",
    Dimension.INDEX_POINTS: None,
    Dimension.COUNT: None,
    Dimension.MASS: "kg",
    Dimension.LENGTH: "m",
    Dimension.AREA: "m2",
    Dimension.VOLUME: "m3",
    Dimension.ENERGY: "J",
    Dimension.POWER: "W",
    Dimension.VOLTAGE: "V",
    Dimension.SPEED: "m/s",
    Dimension.DURATION: "s",
    Dimension.CONCENTRATION: "kg/m3",
    Dimension.DATA: "B",
    Dimension.DATA_RATE: "bit/s",
    Dimension.COMPUTE: "FLOPS",
    Dimension.FREQUENCY: "Hz",
    Dimension.TEMPERATURE: "K",
    Dimension.PRESSURE: "Pa",
    Dimension.ANGLE: "rad",
    Dimension.CHARGE: "C",
    Dimension.LEVEL: None,
    Dimension.CONTAINER: "TEU",
    Dimension.MASS_LENGTH: "kg.m",
    Dimension.FORCE: "N",
    Dimension.LINEAR_DENSITY: "kg/m",
    Dimension.TONNAGE: None,
    Dimension.CURRENT: "A",
    Dimension.DOSE: "Sv",
    Dimension.LUMINANCE: "cd/m2",
    Dimension.AREAL_DENSITY: "kg/m2",
    Dimension.RESISTANCE: "Ohm",
    Dimension.CAPACITANCE: "F",
    Dimension.MAGNETIC_FLUX_DENSITY: "T",
    Dimension.LUMINOUS_FLUX: "lm",
    Dimension.ILLUMINANCE: "lx",
    Dimension.LUMINOUS_INTENSITY: "cd",
    Dimension.TORQUE: "N.m",
}


@dataclass(frozen=True, slots=True)
class UnitEntry:
    """One unit: its code, dimension, conversion to the base unit and written forms."""

    code: str
    dimension: Dimension
    factor: float | None  # base units per unit; None: no conversion exists
    surfaces: tuple[str, ...]  # Simplified script; Latin as written (case matters)
    offset: float = 0.0  # added after the factor (temperatures only)


# --------------------------------------------------------------------------------------------
# The table. One row per code: (code, dimension, factor, surfaces separated by spaces).
# Surfaces are Simplified; Traditional forms are read through fold() (see _TRADITIONAL).
# --------------------------------------------------------------------------------------------

D = Dimension  # short name for the table below
_MU = 10000 / 15  # 1 亩 = 1/15 公顷 (市制)

_MEASURES: Final[tuple[tuple[str, Dimension, float | None, str], ...]] = (
    # ratio: percent and its relatives; 成 is read as tenths and reported in percent
    ("%", D.RATIO, 0.01, "% 成 厘"),
    ("‰", D.RATIO, 0.001, "‰ 厘"),
    ("‱", D.RATIO, 0.0001, "‱"),
    ("pp", D.RATIO, 0.01, "个百分点 百分点"),
    ("bp", D.RATIO, 0.0001, "个基点 基点 bp"),
    ("times", D.RATIO, 1.0, "倍"),
    ("1", D.RATIO, 1.0, "分之"),
    ("ppm", D.RATIO, 1e-6, "ppm"),
    ("ppb", D.RATIO, 1e-9, "ppb"),
    ("pt", D.INDEX_POINTS, None, "点"),
    # mass (kg)
    ("t", D.MASS, 1000.0, "吨 公吨 t"),
    ("kg", D.MASS, 1.0, "公斤 千克 kg ㎏"),
    ("g", D.MASS, 0.001, "克 g 公克"),
    ("mg", D.MASS, 1e-6, "毫克 mg ㎎"),
    ("ug", D.MASS, 1e-9, "微克 μg µg"),
    ("[jin_cn]", D.MASS, 0.5, "斤 市斤"),
    ("[dan_cn]", D.MASS, 50.0, "担 市担"),
    ("[liang_cn]", D.MASS, 0.05, "两 市两"),
    ("[dwt]", D.MASS, 1000.0, "载重吨 DWT dwt"),
    ("[lb_av]", D.MASS, 0.45359237, "磅"),
    ("[oz_av]", D.MASS, 0.028349523125, "盎司 常衡盎司 安士"),
    ("[oz_tr]", D.MASS, 0.0311034768, "金衡盎司"),
    ("[car_m]", D.MASS, 0.0002, "克拉"),
    # length (m)
    ("km", D.LENGTH, 1000.0, "公里 千米 km ㎞"),
    ("m", D.LENGTH, 1.0, "米 公尺 m 延米 延长米"),
    ("cm", D.LENGTH, 0.01, "厘米 公分 cm ㎝"),
    ("mm", D.LENGTH, 0.001, "毫米 mm ㎜ 公厘"),
    ("um", D.LENGTH, 1e-6, "微米 μm µm"),
    ("nm", D.LENGTH, 1e-9, "纳米 nm"),
    ("[li_cn]", D.LENGTH, 500.0, "里 市里"),
    ("[mi_i]", D.LENGTH, 1609.344, "英里 哩"),
    ("[nmi_i]", D.LENGTH, 1852.0, "海里 浬"),
    ("[ft_i]", D.LENGTH, 0.3048, "英尺 呎 尺"),
    ("[in_i]", D.LENGTH, 0.0254, "英寸 吋 寸"),
    # area (m²)
    ("m2", D.AREA, 1.0, "平方米 平米 平方 m2 m² ㎡ 平方公尺"),
    ("km2", D.AREA, 1e6, "平方公里 平方千米 km2 km² ㎢"),
    ("cm2", D.AREA, 1e-4, "平方厘米 cm2 cm²"),
    ("ha", D.AREA, 1e4, "公顷 ha"),
    ("[mu_cn]", D.AREA, _MU, "亩 市亩"),
    ("[qing_cn]", D.AREA, 100 * _MU, "顷"),
    ("[acr_us]", D.AREA, 4046.8564224, "英亩"),
    ("[sft_i]", D.AREA, 0.09290304, "平方英尺 平方呎"),
    # volume (m³); 方 is 立方米 in the press (土方, 天然气), read only after large numbers
    ("m3", D.VOLUME, 1.0, "立方米 立方 方 m3 m³ ㎥ 空方 立方公尺 公秉"),
    ("km3", D.VOLUME, 1e9, "立方千米 立方公里 km3 km³"),
    ("cm3", D.VOLUME, 1e-6, "立方厘米 cm3 cm³ ㏄"),
    ("L", D.VOLUME, 0.001, "升 公升 L"),
    ("mL", D.VOLUME, 1e-6, "毫升 mL ml ㎖"),
    ("[bbl_us]", D.VOLUME, 0.158987294928, "桶"),
    ("[gal_us]", D.VOLUME, 0.003785411784, "加仑"),
    ("[bu_us]", D.VOLUME, 0.03523907016688, "蒲式耳"),
    # gas at normal conditions (0 °C, 101.325 kPa)
    ("[Nm3]", D.VOLUME, 1.0, "标准立方米 标立方米 标方 Nm3 Nm³"),
    # energy (J); 度 is the kilowatt-hour of electricity bills
    ("J", D.ENERGY, 1.0, "焦耳 J"),
    ("kJ", D.ENERGY, 1e3, "千焦 kJ"),
    ("MJ", D.ENERGY, 1e6, "兆焦 MJ"),
    ("GJ", D.ENERGY, 1e9, "吉焦 GJ"),
    ("Wh", D.ENERGY, 3600.0, "瓦时 Wh"),
    ("kWh", D.ENERGY, 3.6e6, "千瓦时 千瓦·时 度 kWh kwh kW·h 瓩时"),
    ("MWh", D.ENERGY, 3.6e9, "兆瓦时 MWh"),
    ("GWh", D.ENERGY, 3.6e12, "吉瓦时 GWh"),
    ("TWh", D.ENERGY, 3.6e15, "太瓦时 TWh"),
    ("kcal", D.ENERGY, 4184.0, "大卡 千卡 kcal"),
    ("tce", D.ENERGY, 2.93076e10, "吨标准煤 吨标煤 tce"),
    ("toe", D.ENERGY, 4.1868e10, "吨油当量 吨标准油 toe"),
    # power (W); apparent power (kVA) has the same dimension
    ("W", D.POWER, 1.0, "瓦 瓦特 W"),
    ("kW", D.POWER, 1e3, "千瓦 kW 瓩"),
    ("MW", D.POWER, 1e6, "兆瓦 MW"),
    ("GW", D.POWER, 1e9, "吉瓦 GW"),
    ("TW", D.POWER, 1e12, "太瓦 TW"),
    ("kV.A", D.POWER, 1e3, "千伏安 kVA"),
    ("MV.A", D.POWER, 1e6, "兆伏安 MVA"),
    ("[hp_m]", D.POWER, 735.49875, "马力"),
    # voltage (V)
    ("V", D.VOLTAGE, 1.0, "伏 伏特 V"),
    ("kV", D.VOLTAGE, 1e3, "千伏 kV"),
    # speed (m/s)
    ("km/h", D.SPEED, 1 / 3.6, "公里/小时 千米/小时 公里/时 千米/时 公里每小时 千米每小时 km/h"),
    ("m/s", D.SPEED, 1.0, "米/秒 米每秒 m/s"),
    ("[kn_i]", D.SPEED, 1852 / 3600, "节 海里/小时 海里/时"),
    # duration (s)
    ("ns", D.DURATION, 1e-9, "纳秒 ns"),
    ("us", D.DURATION, 1e-6, "微秒 μs µs"),
    ("ms", D.DURATION, 1e-3, "毫秒 ms"),
    ("s", D.DURATION, 1.0, "秒 秒钟"),
    ("min", D.DURATION, 60.0, "分钟 min"),
    ("h", D.DURATION, 3600.0, "小时 个小时 个多小时 个半小时 钟头 个钟头 h"),
    ("d", D.DURATION, 86400.0, "天 日 昼夜 日历天 个日历天"),
    ("wk", D.DURATION, 604800.0, "周 星期 个星期"),
    ("mo", D.DURATION, 2629800.0, "月 个月 个多月 个半月"),
    ("[qtr]", D.DURATION, 7889400.0, "个季度"),
    ("a", D.DURATION, 31557600.0, "年 岁 周岁"),
    ("[night]", D.DURATION, 86400.0, "晚 夜"),
    ("[wd]", D.DURATION, None, "工作日 个工作日 工作天 个工作天"),
    # concentration (kg/m³)
    ("ug/m3", D.CONCENTRATION, 1e-9, "微克/立方米 微克每立方米 μg/m³ µg/m³ μg/m3 ug/m3"),
    ("mg/m3", D.CONCENTRATION, 1e-6, "毫克/立方米 毫克每立方米 mg/m³ mg/m3"),
    ("g/m3", D.CONCENTRATION, 1e-3, "克/立方米 g/m³ g/m3"),
    ("mg/L", D.CONCENTRATION, 1e-3, "毫克/升 毫克每升 mg/L mg/l"),
    ("ug/L", D.CONCENTRATION, 1e-6, "微克/升 微克每升 μg/L µg/L ug/L"),
    ("g/L", D.CONCENTRATION, 1.0, "克/升 g/L"),
    # data (byte, decimal prefixes) and rates
    ("B", D.DATA, 1.0, "字节 位元组"),
    ("kB", D.DATA, 1e3, "千字节 千位元组 KB kB"),
    ("MB", D.DATA, 1e6, "兆字节 兆位元组 MB M"),
    ("GB", D.DATA, 1e9, "吉字节 吉位元组 GB G"),
    ("TB", D.DATA, 1e12, "太字节 太位元组 TB T"),
    ("PB", D.DATA, 1e15, "拍字节 PB P"),
    ("EB", D.DATA, 1e18, "艾字节 EB E"),
    ("ZB", D.DATA, 1e21, "泽字节 ZB"),
    # bits: 比特, or 位元 in Taiwan and Hong Kong (1,000兆位元 is a megabit figure)
    ("bit", D.DATA, 0.125, "比特 位元 bit"),
    ("kbit", D.DATA, 125.0, "千比特 千位元 kbit"),
    ("Mbit", D.DATA, 1.25e5, "兆比特 兆位元 Mbit"),
    ("Gbit", D.DATA, 1.25e8, "吉比特 吉位元 千兆比特 千兆位元 Gbit"),
    ("Tbit", D.DATA, 1.25e11, "太比特 太位元 Tbit"),
    ("bit/s", D.DATA_RATE, 1.0, "bps"),
    ("kbit/s", D.DATA_RATE, 1e3, "kbps Kbps"),
    ("Mbit/s", D.DATA_RATE, 1e6, "Mbps M"),
    ("Gbit/s", D.DATA_RATE, 1e9, "Gbps G"),
    ("Tbit/s", D.DATA_RATE, 1e12, "Tbps"),
    ("TFLOPS", D.COMPUTE, 1e12, "TFLOPS Tflops T"),
    ("PFLOPS", D.COMPUTE, 1e15, "PFLOPS Pflops P"),
    ("EFLOPS", D.COMPUTE, 1e18, "EFLOPS Eflops E"),
    # operations of any kind (integer operations of AI chips): no conversion to FLOPS
    ("GOPS", D.COMPUTE, None, "GOPS"),
    ("TOPS", D.COMPUTE, None, "TOPS Tops"),
    ("POPS", D.COMPUTE, None, "POPS"),
    # frequency, temperature, pressure, angle, charge, level
    ("Hz", D.FREQUENCY, 1.0, "赫兹 Hz"),
    ("kHz", D.FREQUENCY, 1e3, "千赫 千赫兹 kHz"),
    ("MHz", D.FREQUENCY, 1e6, "兆赫 兆赫兹 MHz"),
    ("GHz", D.FREQUENCY, 1e9, "吉赫 吉赫兹 GHz"),
    ("Cel", D.TEMPERATURE, 1.0, "摄氏度 ℃ °C"),
    ("K", D.TEMPERATURE, 1.0, "开尔文"),
    ("Pa", D.PRESSURE, 1.0, "帕斯卡 帕 Pa"),
    ("hPa", D.PRESSURE, 100.0, "百帕 hPa"),
    ("kPa", D.PRESSURE, 1e3, "千帕 kPa"),
    ("MPa", D.PRESSURE, 1e6, "兆帕 MPa"),
    ("deg", D.ANGLE, math.pi / 180, "°"),
    ("mA.h", D.CHARGE, 3.6, "毫安时 mAh"),
    ("A.h", D.CHARGE, 3600.0, "安时 Ah"),
    ("dB", D.LEVEL, None, "分贝 dB"),
    # freight: containers and transport work
    ("TEU", D.CONTAINER, 1.0, "标箱 标准箱 TEU"),
    ("t.km", D.MASS_LENGTH, 1e6, "吨公里 延吨公里"),
    # force and linear density: fibre strength is written 厘牛/特克斯 (cN/tex)
    ("N", D.FORCE, 1.0, "牛顿"),
    ("kN", D.FORCE, 1e3, "千牛顿 千牛 kN"),
    ("cN", D.FORCE, 0.01, "厘牛 厘牛顿 cN"),
    ("tex", D.LINEAR_DENSITY, 1e-6, "特克斯 tex"),
    ("dtex", D.LINEAR_DENSITY, 1e-7, "分特克斯 dtex"),
    ("[den]", D.LINEAR_DENSITY, 1e-6 / 9, "旦尼尔 旦"),
    # ships: gross and compensated gross tonnage (deadweight is a mass, [dwt] above)
    ("[GT]", D.TONNAGE, None, "总吨 GT"),
    ("[CGT]", D.TONNAGE, None, "修正总吨 CGT"),
)

#: ISO 4217 codes with the Chinese names of the currencies.
_CURRENCIES: Final[tuple[tuple[str, str], ...]] = (
    ("CNY", "元 人民币 元人民币 人民币元 块钱 RMB 块 ¥ ￥"),
    ("USD", "美元 美金 US$ $"),
    ("EUR", "欧元 €"),
    ("RUB", "卢布 俄罗斯卢布"),
    ("KZT", "坚戈 哈萨克斯坦坚戈 腾格 哈萨克斯坦腾格"),
    ("JPY", "日元 日圆 日币"),
    ("HKD", "港元 港币 HK$"),
    ("GBP", "英镑 £"),
    ("KRW", "韩元 韩币"),
    ("TWD", "新台币 台币 NT$"),
    ("MOP", "澳门元 澳门币"),
    ("AUD", "澳元 澳大利亚元 澳币"),
    ("CAD", "加元 加拿大元 加币"),
    ("NZD", "新西兰元 纽元 纽币"),
    ("SGD", "新加坡元 新元 S$"),
    ("CHF", "瑞士法郎 瑞郎"),
    ("SEK", "瑞典克朗"),
    ("NOK", "挪威克朗"),
    ("DKK", "丹麦克朗"),
    ("CZK", "捷克克朗"),
    ("PLN", "兹罗提 波兰兹罗提"),
    ("HUF", "福林 匈牙利福林"),
    ("BYN", "白俄罗斯卢布"),
    ("UZS", "苏姆 乌兹别克斯坦苏姆"),
    ("KGS", "索姆 吉尔吉斯斯坦索姆 吉尔吉斯索姆"),
    ("TJS", "索莫尼 塔吉克斯坦索莫尼"),
    ("TMT", "土库曼斯坦马纳特"),
    ("AZN", "阿塞拜疆马纳特"),
    ("GEL", "格鲁吉亚拉里"),
    ("AMD", "德拉姆 亚美尼亚德拉姆"),
    ("MNT", "图格里克 蒙古图格里克"),
    ("AFN", "阿富汗尼"),
    ("INR", "印度卢比"),
    ("PKR", "巴基斯坦卢比"),
    ("LKR", "斯里兰卡卢比"),
    ("NPR", "尼泊尔卢比"),
    ("BDT", "塔卡 孟加拉塔卡"),
    ("THB", "泰铢 铢"),
    ("VND", "越南盾"),
    ("IDR", "印尼盾 印度尼西亚盾"),
    ("MYR", "林吉特 马来西亚林吉特 马币"),
    ("PHP", "菲律宾比索"),
    ("LAK", "基普 老挝基普"),
    ("MMK", "缅元 缅甸元"),
    ("KHR", "瑞尔 柬埔寨瑞尔"),
    ("AED", "阿联酋迪拉姆"),
    ("SAR", "沙特里亚尔"),
    ("QAR", "卡塔尔里亚尔"),
    ("IRR", "伊朗里亚尔"),
    ("TRY", "土耳其里拉"),
    ("EGP", "埃及镑"),
    ("ZAR", "兰特 南非兰特"),
    ("NGN", "奈拉 尼日利亚奈拉"),
    ("BRL", "雷亚尔 巴西雷亚尔"),
    ("MXN", "墨西哥比索"),
    ("ARS", "阿根廷比索"),
    ("XDR", "特别提款权"),
)
#: Names several currencies share: kept as written, ``currency:<name>``.
_SHARED_CURRENCY_NAMES: Final = "卢比 比索 法郎 里拉 第纳尔 迪拉姆 马纳特 克朗 里亚尔"

#: Measure words of economic news, and the nouns the press counts without one (18国, 6横,
#: 五大). Each is its own code, ``count:<word>``.
_MEASURE_WORDS: Final = (
    # things, places and organizations
    "个 家 项 件 座 处 所 户 栋 幢 间 层 套 台 台套 条 张 份 种 款 宗 笔 例 组 支 队 颗 枚 "
    "块 片 根 把 副 双 对 只 头 匹 株 棵 羽 尾 粒 扇 盏 尊 幅 封 眼 门 首 部 本 篇 册 页 "
    "集 景 袋 包 箱 瓶 盒 罐 柜 单 票 批 起 期 类 届 轮 场 次 股 "
    # containers counted as boxes, whatever their size (TEU are 标箱)
    "自然箱 "
    # people
    "人 名 位 "
    # transport: services and vehicles
    "列 辆 艘 架 趟 班 航次 车次 车道 "
    # frequencies of events (人次: person-times)
    "人次 列次 架次 辆次 艘次 班次 家次 场次 户次 批次 项次 台次 轮次 乘次 "
    # nouns counted directly
    "国 城 地 省 市 县 口岸 口 通道 枢纽 横 纵 大 人口 "
    # 两度 (twice) and 3点建议 (three points of a list); 度 and 点 are also units
    "度 点 节 "
    # points of a score (得分92.5分); the recognizer reads it after Arabic digits only
    "分"
)

#: Added in 2.3, after every code of 2.2 (see :data:`INVENTORY_VERSION`). 安 alone and the
#: letter A are no surfaces: 平安, 5A级景区.
_MEASURES_2_3: Final[tuple[tuple[str, Dimension, float | None, str], ...]] = (
    ("A", D.CURRENT, 1.0, "安培"),
    ("mA", D.CURRENT, 1e-3, "毫安 mA"),
    ("uA", D.CURRENT, 1e-6, "微安 μA µA"),
    ("kA", D.CURRENT, 1e3, "千安 kA"),
    ("mW", D.POWER, 1e-3, "毫瓦 mW"),
    ("mV", D.VOLTAGE, 1e-3, "毫伏 mV"),
    ("GPa", D.PRESSURE, 1e9, "吉帕 GPa"),
)
#: 毛 is a tenth of a yuan in speech and in price reports (每斤涨了两毛); like a shared name it
#: keeps its name (amounts are never converted).
_CURRENCY_NAMES_2_3: Final = "毛"
_MEASURE_WORDS_2_3: Final = "堆 捆 垛 筐 篮 篓 丛 束 串 窝 剂 剂次 针 针次 顿 餐 杯 盆 段 孔 滴"

#: Added in 2.4, after every code of 2.3. 坪 is the ping of Taiwan (1 坪 = 400/121 m², about
#: 3.3058 m²), 公亩 the are of 100 m², 台斤 the catty of Taiwan (0.6 kg; 斤 is the 市斤 of 0.5 kg).
_MEASURES_2_4: Final[tuple[tuple[str, Dimension, float | None, str], ...]] = (
    ("ar", D.AREA, 100.0, "公亩"),
    ("[ping_tw]", D.AREA, 400 / 121, "坪"),
    ("[jin_tw]", D.MASS, 0.6, "台斤"),
)
#: 分钱 and 角钱 are a hundredth and a tenth of a yuan as prices are spoken (运维成本3分钱); like
#: 毛 they keep their name.
_CURRENCY_NAMES_2_4: Final = "分钱 角钱"
#: 手: a lot of futures (成交量112.6万手) or of 100 shares; 回: a circuit of a line (2回220千伏
#:线路); 回合: a round of talks or bidding; 道: a step of a process (12道工序); 群: a colony of
#: bees; 档: a tier (分为3档); 遍: a pass over something (每周检查一遍).
_MEASURE_WORDS_2_4: Final = "手 回 回合 道 群 档 遍"

#: Added in 2.5, after every code of 2.4. The degree Fahrenheit is (F + 459.67) x 5/9 kelvin.
_MEASURES_2_5: Final[tuple[tuple[str, Dimension, float | None, str], ...]] = (
    ("MN", D.FORCE, 1e6, "兆牛 兆牛顿 MN"),
    ("Sv", D.DOSE, 1.0, "西弗 西沃特 Sv"),
    ("mSv", D.DOSE, 1e-3, "毫西弗 毫西沃特 mSv"),
    ("uSv", D.DOSE, 1e-6, "微西弗 微西沃特 μSv µSv uSv"),
    ("cd/m2", D.LUMINANCE, 1.0, "尼特 坎德拉每平方米 nit nits"),
    ("dm", D.LENGTH, 0.1, "分米 公寸 dm"),
    ("ng", D.MASS, 1e-12, "纳克 ng"),
    ("mm[Hg]", D.PRESSURE, 133.322387415, "毫米汞柱 mmHg"),
    ("[degF]", D.TEMPERATURE, 5 / 9, "华氏度 ℉ °F"),
    ("kgce", D.ENERGY, 2.93076e7, "千克标准煤 千克标煤 公斤标准煤 kgce"),
    # a mass of greenhouse gases weighted as carbon dioxide (碳汇, 减排量, 碳排放配额)
    ("t[CO2e]", D.MASS, 1000.0, "吨二氧化碳当量 公吨二氧化碳当量 吨CO2当量 吨CO2e tCO2e"),
)
#: 锭: spindles of a spinning mill (120万锭); 顶: tents and hats; 床 and 床位: quilts and hospital
#: beds; 注: lottery bets; 丸: pills; 核: processor cores (8核); 茬: crops of one field in a year
#: (一年两茬); 卷: rolls of steel or paper; 帧 and 像素: frames and pixels; 工日 and 台班: person
#: and machine working days; 箭 and 星: rockets and satellites, read only in 一箭N星.
_MEASURE_WORDS_2_5: Final = "锭 顶 床 床位 注 丸 核 茬 卷 帧 像素 工日 台班 箭 星"

#: Added in 2.6, after every code of 2.5. 姆米 (the momme) weighs silk fabric per area: 1 姆米 is
#: 4.340 g/m² (areal density); a trading day (交易日) is a duration with no fixed length, as the
#: working day; the forty-foot container (FEU) is two TEU; 克标准煤 a gram of coal equivalent;
#: the watt-peak (兆瓦峰, MWp) rates solar modules; the cubic foot measures gas (亿立方英尺).
_MEASURES_2_6: Final[tuple[tuple[str, Dimension, float | None, str], ...]] = (
    ("[momme]", D.AREAL_DENSITY, 4.340e-3, "姆米 momme"),
    ("[td]", D.DURATION, None, "交易日 个交易日"),
    ("FEU", D.CONTAINER, 2.0, "FEU 四十英尺箱"),
    ("gce", D.ENERGY, 2.93076e4, "克标准煤 克标煤 gce"),
    # the peak power of solar modules (兆瓦峰, 50MWp), and the cubic foot of gas reserves
    ("Wp", D.POWER, 1.0, "瓦峰 Wp"),
    ("kWp", D.POWER, 1e3, "千瓦峰 kWp"),
    ("MWp", D.POWER, 1e6, "兆瓦峰 MWp"),
    ("GWp", D.POWER, 1e9, "吉瓦峰 GWp"),
    ("[cft_i]", D.VOLUME, 0.028316846592, "立方英尺 立方呎 立方英呎"),
)
#: The hundredth of a dollar, euro or pound as prices are written (每加仑50美分, 港仙, 便士), and
#: the shilling that several East African currencies share; like 毛 they keep their name.
_CURRENCY_NAMES_2_6: Final = "美分 美仙 港仙 欧分 便士 先令"
#: 令: a ream of paper (500 sheets); 排: rows; 盘: discs and rounds; 字: characters of a text; 局:
#: games of a match; 席: seats of a parliament; 胎: litters and births; 面: flags and medals; 基:
#: pylons and towers; 芯: fibres of a cable; 人份: doses or portions for one; 间夜: room nights;
#: 团次: tour groups; 车位: parking places; 印张: printed sheets; 棒: logs of mushroom substrate
#: (4.5万棒); 轴: axes of a machine (六轴机器人); 转: revolutions (每分钟1万2,000转); 头份 and
#: 羽份: doses of animal vaccine; 人公里 and 座公里: passenger and seat kilometres, counted.
_MEASURE_WORDS_2_6: Final = (
    "令 排 盘 字 局 席 胎 面 基 芯 人份 间夜 团次 车位 印张 棒 轴 转 头份 羽份 人公里 座公里"
)

#: Added in 2.7, after every code of 2.6: the market units of weight, length and volume the
#: press still writes (钱 of 5 g for graded crayfish and gold, 尺 and 丈, 斗), the quintal of
#: Taiwan's grain statistics (公担, 100 kg), its hectogram (公两) and Hong Kong's catty (司马斤).
_MEASURES_2_7: Final[tuple[tuple[str, Dimension, float | None, str], ...]] = (
    ("[qian_cn]", D.MASS, 0.005, "钱 市钱"),
    ("[chi_cn]", D.LENGTH, 1 / 3, "尺 市尺"),
    ("[zhang_cn]", D.LENGTH, 10 / 3, "丈 市丈"),
    ("[dou_cn]", D.VOLUME, 0.01, "斗 市斗"),
    ("dt", D.MASS, 100.0, "公担"),
    ("hg", D.MASS, 0.1, "公两"),
    ("[catty_hk]", D.MASS, 0.60478982, "司马斤"),
    # the units of electrical and lighting equipment, and the imperial units of trade
    ("Ohm", D.RESISTANCE, 1.0, "欧姆 Ω Ω"),  # the Greek capital and the ohm sign
    ("mOhm", D.RESISTANCE, 1e-3, "毫欧 毫欧姆 mΩ"),
    ("kOhm", D.RESISTANCE, 1e3, "千欧 千欧姆 kΩ"),
    ("MOhm", D.RESISTANCE, 1e6, "兆欧 兆欧姆 MΩ"),
    ("F", D.CAPACITANCE, 1.0, "法拉"),
    ("uF", D.CAPACITANCE, 1e-6, "微法 μF µF uF"),
    ("T", D.MAGNETIC_FLUX_DENSITY, 1.0, "特斯拉"),
    ("lm", D.LUMINOUS_FLUX, 1.0, "流明 lm"),
    ("lx", D.ILLUMINANCE, 1.0, "勒克斯 lx"),
    ("cd", D.LUMINOUS_INTENSITY, 1.0, "坎德拉"),
    ("var", D.POWER, 1.0, "乏 var"),
    ("kvar", D.POWER, 1e3, "千乏 kvar"),
    ("Mvar", D.POWER, 1e6, "兆乏 Mvar"),
    ("V.A", D.POWER, 1.0, "伏安 VA"),
    ("[pt_us]", D.VOLUME, 4.73176473e-4, "品脱"),
    ("[qt_us]", D.VOLUME, 9.46352946e-4, "夸脱"),
    ("[lton_av]", D.MASS, 1016.0469088, "长吨"),
    ("[ston_av]", D.MASS, 907.18474, "短吨"),
    ("[lcwt_av]", D.MASS, 50.80234544, "英担"),
    ("[gr]", D.MASS, 6.479891e-5, "格令"),
    ("[smi_i]", D.AREA, 2589988.110336, "平方英里"),
    ("[Btu]", D.ENERGY, 1055.05585262, "英热单位 BTU Btu"),
)
#: Measure words of goods (刀 of paper, 朵, 枝, 碗, 壶, 筒, 听 cans, 打 dozens, 提 packs, 摞, 沓,
#: 挂, 簇, 桌 banquet tables, 榀 trusses, 车皮 wagons, 贴 plasters, 服 and 味 of medicine, 疗程),
#: of texts (则, 题, 章), of deals and policies (桩, 招, 策), of farming (峰 camels, 造 and 熟
#: crops a year), of groups and waves (拨, 波, 梯队, 番 of doubling), of sport (金, 银, 铜
#: medals, 球 goals, 杆, 洞, 圈 laps, 胜, 负), of the places the press counts directly (企, 校,
#: 镇, 乡, 村, 港, 店, 岛, 区, 片区, 基地, 站 stops) and of capacity (席位, 房间, 客位, 铺位,
#: 岗位, 线程, 引脚, 频道, 端口, 赞 likes).
_MEASURE_WORDS_2_7: Final = (
    "刀 朵 枝 碗 壶 筒 听 打 提 摞 沓 挂 簇 榀 车皮 贴 服 味 疗程 则 题 章 桩 招 策 峰 造 熟 "
    "拨 波 梯队 金 银 铜 球 杆 洞 圈 胜 负 企 校 镇 乡 村 港 店 岛 区 片区 基地 站 "
    "席位 房间 客位 铺位 岗位 线程 引脚 频道 端口 赞 番 桌 板 幕 辑 版 句 声 步 环 跨 色令 种次"
)

#: Added in 2.8, after every code of 2.7: torque (the newton metre), the yard of cloth, the
#: barrel of oil equivalent (about 6.12 GJ) and the 垧 of the northeast (one hectare, 15 亩).
_MEASURES_2_8: Final[tuple[tuple[str, Dimension, float | None, str], ...]] = (
    ("N.m", D.TORQUE, 1.0, "牛·米 牛•米 牛・米 牛米 牛顿米 N·m N•m N.m Nm"),
    ("[yd_i]", D.LENGTH, 0.9144, "码 英码 yd"),
    ("[boe]", D.ENERGY, 6.1178632e9, "桶油当量 boe"),
    ("[shang_cn]", D.AREA, 10000.0, "垧"),
)
#: 工时: person-hours of work, counted as 工日 is; 码: the digits of a number (共11码); 延人次 and
#: 延人公里: Taiwan's passenger trips and passenger kilometres; 格: parking spaces (停车位1,150格);
#: 伙: flats in Hong Kong (1萬2千伙).
_MEASURE_WORDS_2_8: Final = "工时 码 延人次 延人公里 格 伙"

#: Offsets after the factor: the degree Celsius (K = °C + 273.15) and Fahrenheit.
_OFFSETS: Final = {"Cel": 273.15, "[degF]": 459.67 * 5 / 9}


def _rows() -> tuple[UnitEntry, ...]:
    rows = [UnitEntry(c, d, f, tuple(s.split())) for c, d, f, s in _MEASURES]
    rows += [UnitEntry(c, D.CURRENCY, None, tuple(s.split())) for c, s in _CURRENCIES]
    # each version appends its units of measure, shared currency names and measure words, in
    # that order, after every code of the versions before it
    versions = (
        ((), _SHARED_CURRENCY_NAMES, _MEASURE_WORDS),
        (_MEASURES_2_3, _CURRENCY_NAMES_2_3, _MEASURE_WORDS_2_3),
        (_MEASURES_2_4, _CURRENCY_NAMES_2_4, _MEASURE_WORDS_2_4),
        (_MEASURES_2_5, "", _MEASURE_WORDS_2_5),
        (_MEASURES_2_6, _CURRENCY_NAMES_2_6, _MEASURE_WORDS_2_6),
        (_MEASURES_2_7, "", _MEASURE_WORDS_2_7),
        (_MEASURES_2_8, "", _MEASURE_WORDS_2_8),
    )
    for measures, currency_names, measure_words in versions:
        rows += [UnitEntry(c, d, f, tuple(s.split())) for c, d, f, s in measures]
        rows += [UnitEntry(f"currency:{w}", D.CURRENCY, None, (w,)) for w in currency_names.split()]
        rows += [UnitEntry(f"count:{w}", D.COUNT, None, (w,)) for w in measure_words.split()]
    return tuple(
        UnitEntry(r.code, r.dimension, r.factor, r.surfaces, _OFFSETS[r.code])
        if r.code in _OFFSETS
        else r
        for r in rows
    )


INVENTORY: Final[tuple[UnitEntry, ...]] = _rows()
_BY_CODE: Final[dict[str, UnitEntry]] = {e.code: e for e in INVENTORY}
#: Every simple code, in the inventory's order: the vocabulary of a claim's ``unit``.
CODES: Final[tuple[str, ...]] = tuple(e.code for e in INVENTORY)
#: :data:`CODES` as an enum, for the readers that want a closed label set (ClassLabel names,
#: the submission schema's ``enum``); its members are the codes themselves.
UnitCode = StrEnum("UnitCode", [(c, c) for c in CODES])  # type: ignore[misc]

#: The dimensions whose amounts the press writes with a sign (同比-5.3%, 零下18℃, -3.2亿元,
#: 下跌-25点): a number mention of such a unit may be negative; every other number, and every
#: claim's (a magnitude with a direction), is not.
SIGNED_DIMENSIONS: Final = frozenset({"ratio", "temperature", "currency", "index_points"})


def signed(code: str | None) -> bool:
    """Whether a number of the unit ``code`` may be negative (:data:`SIGNED_DIMENSIONS`)."""
    return code is not None and dimension(code) in SIGNED_DIMENSIONS


#: Surfaces with more than one reading (度, 点): :func:`lookup` needs a dimension for them.
AMBIGUOUS: Final[frozenset[str]] = frozenset(
    s
    for s in {s for e in INVENTORY for s in e.surfaces}
    if sum(s in e.surfaces for e in INVENTORY) > 1
)


# --------------------------------------------------------------------------------------------
# Folding: full-width forms and the Traditional characters of unit names (length-preserving)
# --------------------------------------------------------------------------------------------

#: Traditional -> Simplified for every character of a surface that has a Traditional form
#: (OpenCC s2t/s2tw/s2hk of each surface; tests check that this table covers them).
_TRADITIONAL: Final = (
    "個个 烏乌 亞亚 畝亩 侖仑 蘭兰 茲兹 冊册 準准 別别 單单 盧卢 釐厘 縣县 雙双 臺台 "
    "噸吨 週周 國国 圖图 圓圆 場场 塊块 堅坚 處处 頭头 賓宾 對对 爾尔 層层 屆届 歲岁 "
    "幣币 庫库 開开 張张 當当 戶户 擔担 撾挝 攝摄 時时 晝昼 權权 條条 來来 樞枢 櫃柜 "
    "標标 棟栋 橫横 歐欧 點点 盞盏 種种 筆笔 類类 納纳 縱纵 紐纽 組组 緬缅 羅罗 聯联 "
    "騰腾 節节 蘇苏 薩萨 貝贝 車车 輪轮 輛辆 裏里 裡里 鐘钟 錢钱 銖铢 鎊镑 門门 間间 "
    "隊队 韓韩 頁页 頃顷 項项 顆颗 馬马 魯鲁 麥麦 "
    # 兩 (the market unit), 載重噸, 總噸, 牛頓
    "兩两 載载 總总 頓顿 澤泽 "
    # the measure words and units of 2.3 (籃, 簍, 叢, 窩, 劑, 針, 擔 above)
    "籃篮 簍篓 叢丛 窩窝 劑剂 針针 "
    # the measure words 档 and 群 of 2.4 (羣 is the Hong Kong form)
    "檔档 羣群 "
    # the measure words and units of 2.5 (牀 is the Hong Kong form of 床)
    "錠锭 頂顶 牀床 幀帧 捲卷 華华 長长 "
    # the measure words of 2.6 (盤, 團次)
    "盤盘 團团 軸轴 轉转 峯峰 "
    # the measure words of 2.7 (鬥 is OpenCC's form of 斗 in some phrases)
    "則则 勝胜 區区 壺壶 島岛 崗岗 掛挂 撥拨 樁桩 療疗 線线 聽听 腳脚 負负 貼贴 贊赞 鄉乡 "
    "銀银 銅铜 鋪铺 鎮镇 頻频 題题 鬥斗 熱热 環环 聲声 脫脱 輯辑 "
    # 2.8 (碼 the yard and the digit, 當量, 曆 of 日曆天)
    "碼码 曆历 夥伙 "
    # 仟 is the formal 千 of Taiwan's financial statements (新臺幣仟元)
    "仟千 "
    # OpenCC keeps 只 in every word; 隻 is the Traditional measure word for animals and ships
    "隻只 "
    # the multipliers a written unit may start with (億元, 萬千瓦)
    "億亿 萬万"
)
#: Traditional -> Simplified, one character for one (the recognizer folds these too).
TRADITIONAL_MAP: Final[dict[str, str]] = {p[0]: p[1] for p in _TRADITIONAL.split()}
_FULLWIDTH: Final = {chr(0xFF01 + i): chr(0x21 + i) for i in range(0x5E)}
FOLD_MAP: Final[dict[str, str]] = {**_FULLWIDTH, **TRADITIONAL_MAP}
_FOLDABLE: Final = re.compile("[" + "".join(re.escape(c) for c in FOLD_MAP) + "]")


def fold(text: str) -> str:
    """Full-width ASCII to ASCII and Traditional unit characters to Simplified, one for one."""
    return _FOLDABLE.sub(lambda m: FOLD_MAP[m.group()], text)


# --------------------------------------------------------------------------------------------
# Lookup
# --------------------------------------------------------------------------------------------

_MULTIPLIER_CHARS: Final = frozenset("百千万亿兆")  # 兆: a trillion in Taiwan's amounts (1.2兆元)


@cache
def _surface_index() -> dict[str, tuple[UnitEntry, ...]]:
    index: dict[str, list[UnitEntry]] = {}
    for e in INVENTORY:
        for s in e.surfaces:
            index.setdefault(s, []).append(e)
    return {s: tuple(es) for s, es in index.items()}


def surfaces() -> dict[str, tuple[UnitEntry, ...]]:
    """Every surface with its entries (more than one for :data:`AMBIGUOUS` surfaces)."""
    return dict(_surface_index())


def readings(surface: str) -> tuple[UnitEntry, ...]:
    """Every entry ``surface`` can stand for, after folding and without a leading
    multiplier; ``()`` when it is no unit of the inventory."""
    index = _surface_index()
    s = fold(surface.strip())
    if s in index:
        return index[s]
    # The longest unit after the shortest multiplier: 万千瓦 is 万 + 千瓦, not 万千 + 瓦.
    i = 0
    while i < len(s) - 1 and s[i] in _MULTIPLIER_CHARS:
        i += 1
        if s[i:] in index:
            return index[s[i:]]
    return ()


def lookup(surface: str, dim: Dimension | str | None = None) -> UnitEntry | None:
    """The entry of a written unit (``億元`` -> CNY, ``万千瓦`` -> kW, ``個`` -> ``count:个``).

    A leading multiplier (万, 亿, 千万...) is not part of the unit: it scales the number. For
    an ambiguous surface (``度``, ``点``) give the dimension; without one the answer is None.
    """
    found = readings(surface)
    if dim is not None:
        found = tuple(e for e in found if e.dimension == Dimension(dim))
    return found[0] if len(found) == 1 else None


def _split_compound(code: str) -> tuple[UnitEntry, UnitEntry] | None:
    for i, c in enumerate(code):
        if c == "/" and code[:i] in _BY_CODE and code[i + 1 :] in _BY_CODE:
            return _BY_CODE[code[:i]], _BY_CODE[code[i + 1 :]]
    return None


def entry(code: str) -> UnitEntry | None:
    """The inventory entry of a simple code (``None`` for compounds and unknown codes)."""
    return _BY_CODE.get(code)


def dimension(code: str) -> str | None:
    """The dimension of a code: ``kW`` -> ``power``, ``CNY/t`` -> ``currency/mass``."""
    e = _BY_CODE.get(code)
    if e is not None:
        return e.dimension.value
    pair = _split_compound(code)
    if pair is None:
        return None
    return f"{pair[0].dimension.value}/{pair[1].dimension.value}"


def to_base(number: float | None, code: str) -> float | None:
    """``number`` of ``code`` in the base unit of its dimension (``亩`` -> m², ``万千瓦``
    read as 12000 kW -> 1.2e7 W); ``None`` where no conversion exists (currencies, counts,
    index points) or for an unknown code."""
    if number is None:
        return None
    e = _BY_CODE.get(code)
    if e is not None:
        return None if e.factor is None else number * e.factor + e.offset
    pair = _split_compound(code)
    if pair is None or pair[0].factor is None or pair[1].factor is None:
        return None
    if pair[0].offset or pair[1].offset:
        return None
    return number * pair[0].factor / pair[1].factor


# --------------------------------------------------------------------------------------------
# Schema 1.0
# --------------------------------------------------------------------------------------------

#: The closed unit list of schema 1.0, in its order. ``count`` covered every measure word;
#: the other fifteen are codes of this inventory with the same meaning.
V1_UNITS: Final[tuple[str, ...]] = (
    "CNY", "USD", "EUR", "RUB", "%", "pp", "times", "t", "kg", "km", "m", "km2", "km/h", "TEU",
    "kWh", "count",
)  # fmt: skip
_V1_COUNT: Final = "count"
_V1: Final = frozenset(V1_UNITS) - {_V1_COUNT}


def schema_v1_unit(code: str | None) -> str | None:
    """The schema-1.0 unit of a code: ``count:家`` -> ``count``, the codes 1.0 knew ->
    themselves, anything else (亩, kW, JPY, compounds) -> None."""
    if code is None:
        return None
    if code.startswith("count:"):
        return _V1_COUNT
    return code if code in _V1 else None


def migrate_unit_v1(unit: str, unit_text: str) -> str:
    """The code of a schema-1.0 record's ``unit`` and ``unit_text``: ``("count", "個")`` ->
    ``count:个``; every other 1.0 unit keeps its code (``("CNY", "億元")`` -> ``CNY``; a 1.0
    ``%`` written ``‰`` stays ``%``, because its number was converted to percent).

    Raises :class:`~silkroad_news.schema.SchemaError` for a unit 1.0 did not have and for a
    count whose measure word is not in the inventory.
    """
    if unit in _V1:
        return unit
    if unit != _V1_COUNT:
        raise SchemaError(f"unit {unit!r} is not a unit of schema 1.0")
    counts = [e for e in readings(unit_text) if e.dimension is Dimension.COUNT]
    if len(counts) != 1:
        raise SchemaError(
            f"unit_text {unit_text!r} of a count is no measure word of the unit inventory "
            f"{INVENTORY_VERSION}"
        )
    return counts[0].code


# --------------------------------------------------------------------------------------------
# Codes
# --------------------------------------------------------------------------------------------


def is_code(code: object, *, compound: bool = True) -> bool:
    """Whether ``code`` is a code of the inventory (``kW``, ``count:家``) or, unless
    ``compound`` is false, ``A/B`` of two of them (``CNY/t``)."""
    if not isinstance(code, str):
        return False
    return code in _BY_CODE or (compound and _split_compound(code) is not None)


def codes_of(unit_text: str) -> tuple[str, ...]:
    """The codes a written unit can stand for: one for most (``億元`` -> ``CNY``), two for
    the :data:`AMBIGUOUS` surfaces (``点`` -> ``pt``, ``count:点``), the compound of its two
    halves for ``A/B`` (``元/吨`` -> ``CNY/t``) and for ``A每B`` with a unit of time ``B``
    (``立方米每秒`` -> ``m3/s``), ``()`` when the inventory cannot read it."""
    found = tuple(e.code for e in readings(unit_text))
    if found:
        return found
    if "/" in unit_text:
        head, _, tail = unit_text.rpartition("/")
        a, b = lookup(head), lookup(tail)
        return (f"{a.code}/{b.code}",) if a is not None and b is not None else ()
    # 立方米每秒, M每秒: 每 before a unit of time is a slash; an ambiguous head keeps each
    # reading that is no rate already
    head, every, tail = unit_text.rpartition("每")
    b = lookup(tail, Dimension.DURATION) if every and head else None
    if b is None:
        return ()
    return tuple(f"{a.code}/{b.code}" for a in readings(head) if "/" not in a.code)
