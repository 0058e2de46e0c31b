"""Tests for :mod:`silkroad_news.units`: the inventory's shape, lookup in both scripts (OpenCC
is the oracle for the Traditional forms), conversions, and the schema-1.0 adapter and
migration (checked on the committed gold)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import opencc
import pytest

from silkroad_news import units
from silkroad_news.annotations import read_gold
from silkroad_news.schema import SchemaError
from silkroad_news.units import (
    AMBIGUOUS,
    BASE_UNIT,
    CODES,
    INVENTORY,
    INVENTORY_VERSION,
    V1_UNITS,
    Dimension,
    UnitCode,
    codes_of,
    dimension,
    fold,
    is_code,
    lookup,
    migrate_unit_v1,
    readings,
    schema_v1_unit,
    to_base,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "annotations" / "gold.jsonl"
# The codes in the order inventory 2.3 published them (one per line).
CODES_2_3 = Path(__file__).resolve().parent / "fixtures" / "units" / "codes-2.3.txt"
CODES_2_4 = CODES_2_3.with_name("codes-2.4.txt")
CODES_2_5 = CODES_2_3.with_name("codes-2.5.txt")
CODES_2_6 = CODES_2_3.with_name("codes-2.6.txt")
CODES_2_7 = CODES_2_3.with_name("codes-2.7.txt")
V1_CODES = [u for u in V1_UNITS if u != "count"]

# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------


def test_codes_are_unique_and_every_entry_is_well_formed() -> None:
    codes = [e.code for e in INVENTORY]
    assert len(codes) == len(set(codes))
    assert all(len(set(e.surfaces)) == len(e.surfaces) for e in INVENTORY)
    assert INVENTORY_VERSION == "2.8"
    for e in INVENTORY:
        assert isinstance(e.dimension, Dimension)
        assert e.surfaces, e.code
        assert all(s == s.strip() and s for s in e.surfaces), e.code
        if BASE_UNIT[e.dimension] is None:
            assert e.factor is None, f"{e.code}: {e.dimension} has no base unit"
        if e.factor is not None:
            assert math.isfinite(e.factor) and e.factor > 0, e.code
        assert e.offset == 0.0 or e.code in ("Cel", "[degF]")


def test_schema_v1_codes_keep_their_meaning() -> None:
    for code in V1_CODES:
        e = units.entry(code)
        assert e is not None, code
    assert units.entry("count") is None  # count became count:<measure word>
    assert dimension("CNY") == "currency" and dimension("kWh") == "energy"
    assert dimension("km2") == "area" and dimension("km/h") == "speed"
    assert dimension("TEU") == "container" and dimension("pp") == "ratio"


def test_currencies_are_iso_4217_or_a_shared_name() -> None:
    currencies = [e for e in INVENTORY if e.dimension is Dimension.CURRENCY]
    assert len(currencies) >= 50
    for e in currencies:
        assert re.fullmatch(r"[A-Z]{3}", e.code) or e.code == f"currency:{e.surfaces[0]}"
    assert {lookup(s).code for s in ("坚戈", "哈萨克斯坦坚戈")} == {"KZT"}
    assert lookup("港币").code == lookup("港元").code == "HKD"
    assert lookup("卢比").code == "currency:卢比"  # Indian or Pakistani: not guessed
    assert lookup("巴基斯坦卢比").code == "PKR"


def test_counts_keep_their_measure_word_in_simplified_script() -> None:
    counts = [e for e in INVENTORY if e.dimension is Dimension.COUNT]
    assert len(counts) >= 100
    for e in counts:
        assert e.code == f"count:{e.surfaces[0]}" and len(e.surfaces) == 1
        assert e.factor is None
    for word in ("个", "家", "对", "景", "艘", "架", "台", "套", "座", "人次", "列次"):
        assert lookup(word).code == f"count:{word}"


def test_only_du_dian_jie_li_kuai_chi_and_the_letters_are_ambiguous() -> None:
    assert {"度", "点", "节", "厘", "块", "M", "G", "T", "P", "E", "尺", "码"} == AMBIGUOUS
    assert lookup("节") is None
    assert lookup("节", "speed").code == "[kn_i]"
    assert lookup("節", Dimension.COUNT).code == "count:节"
    assert lookup("度") is None and lookup("点") is None
    assert lookup("度", "energy").code == "kWh"
    assert lookup("度", Dimension.COUNT).code == "count:度"
    assert lookup("点", "index_points").code == "pt"
    assert {e.code for e in readings("度")} == {"kWh", "count:度"}


# --------------------------------------------------------------------------------------------
# Lookup
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("亿元", "CNY"),
        ("億元", "CNY"),
        ("万千瓦", "kW"),  # 万 + 千瓦, not 万千 + 瓦
        ("萬千瓦", "kW"),
        ("亿千瓦时", "kWh"),
        ("百万吨", "t"),
        ("千米", "km"),  # a unit of its own, not 千 + 米
        ("千万元", "CNY"),
        ("万亩", "[mu_cn]"),
        ("萬畝", "[mu_cn]"),
        ("公頃", "ha"),
        ("立方米", "m3"),
        ("ｋｍ", "km"),
        ("ｋＷｈ", "kWh"),
        ("個", "count:个"),
        ("項", "count:项"),
        ("隻", "count:只"),
        ("臺", "count:台"),
        ("對", "count:对"),
        ("個百分點", "pp"),
        ("微克/立方米", "ug/m3"),
        ("兆瓦時", "MWh"),
        ("毫秒", "ms"),
        ("港幣", "HKD"),
        ("兆位元", "Mbit"),  # Taiwan and Hong Kong write 位元 for the bit
        ("千兆位元", "Gbit"),  # 千兆 is giga there, not 千 x 兆
        ("比特", "bit"),
        ("位元組", "B"),
        ("兆位元組", "MB"),
        ("自然箱", "count:自然箱"),
        ("两", "[liang_cn]"),  # the market unit; the recognizer tells it from the numeral
        ("兩", "[liang_cn]"),
        ("万载重吨", "[dwt]"),
        ("萬載重噸", "[dwt]"),
        ("修正總噸", "[CGT]"),
        ("总吨", "[GT]"),
        ("标准立方米", "[Nm3]"),
        ("標方", "[Nm3]"),
        ("厘牛", "cN"),
        ("特克斯", "tex"),
        ("TOPS", "TOPS"),
        ("晚", "[night]"),
        ("英鎊", "GBP"),
        ("韓元", "KRW"),
        ("堅戈", "KZT"),
        ("盧布", "RUB"),
        ("美元/桶", None),  # compounds are read by the recognizer, not looked up
        ("天然气", None),
        ("", None),
    ],
)
def test_lookup(surface: str, code: str | None) -> None:
    e = lookup(surface)
    assert (e.code if e is not None else None) == code


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_every_surface_is_found_in_traditional_script(config: str) -> None:
    """OpenCC is the oracle: whatever Traditional form it writes, the lookup folds it back."""
    conv = opencc.OpenCC(config)
    missed = []
    for e in INVENTORY:
        for s in e.surfaces:
            trad = conv.convert(s)
            if e not in readings(trad):
                missed.append((s, trad))
    assert missed == []


def test_fold_is_length_preserving() -> None:
    for text in ("萬噸、億元、個百分點", "ＡＢＣ１２３％", "𠮷畝"):
        assert len(fold(text)) == len(text)
    assert fold("萬噸") == "万吨"
    assert fold("１２％") == "12%"


# --------------------------------------------------------------------------------------------
# Dimensions and conversions
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "code", "base"),
    [
        (300.0, "[mu_cn]", 200000.0),  # 300 亩 = 20 公顷
        (15.0, "[mu_cn]", 10000.0),
        (1.0, "[qing_cn]", 10000 / 0.15),
        (12000.0, "kW", 1.2e7),  # 1.2万千瓦
        (1e8, "kWh", 3.6e14),  # 1亿度
        (2.0, "[jin_cn]", 1.0),
        (1.0, "[li_cn]", 500.0),
        (1.0, "[dan_cn]", 50.0),
        (3.0, "ha", 30000.0),
        (1.0, "[bbl_us]", 0.158987294928),
        (35.0, "ug/m3", 3.5e-8),
        (50.0, "ms", 0.05),
        (1.0, "a", 31557600.0),
        (67.2, "%", 0.672),
        (5.0, "‰", 0.005),
        (18.8, "pp", 0.188),
        (36.0, "km/h", 10.0),
        (20.0, "Cel", 293.15),
        (5.0, "t/h", 5000 / 3600),  # a compound: kg per second
        (1.0, "tce", 2.93076e10),
        (1000.0, "Mbit", 1.25e8),  # 1,000兆位元 = 125 MB
        (8.0, "bit", 1.0),
        (20.0, "[liang_cn]", 1.0),  # 1 斤 = 10 两
        (1036e4, "[dwt]", 1.036e10),
        (1500.0, "[Nm3]", 1500.0),
        (19.5, "[kn_i]", 19.5 * 1852 / 3600),
        (29.5, "cN/tex", 29.5 * 0.01 / 1e-6),  # fibre strength: N per kg/m
        (2.0, "[night]", 172800.0),
    ],
)
def test_to_base(number: float, code: str, base: float) -> None:
    assert to_base(number, code) == pytest.approx(base, rel=1e-12)


@pytest.mark.parametrize(
    "code",
    [
        "CNY",
        "KZT",
        "currency:卢比",
        "count:家",
        "pt",
        "dB",
        "CNY/t",
        "[wd]",
        "TOPS",
        "[GT]",
        "nope",
    ],
)
def test_no_conversion_where_none_exists(code: str) -> None:
    assert to_base(10.0, code) is None
    assert to_base(None, "t") is None


def test_dimensions_of_compounds() -> None:
    assert dimension("CNY/t") == "currency/mass"
    assert dimension("USD/[bbl_us]") == "currency/volume"
    assert dimension("CNY/count:人") == "currency/count"
    assert dimension("km/h") == "speed"  # an entry of its own, not km per h
    assert dimension("cN/tex") == "force/linear_density"
    assert dimension("[Nm3]/h") == "volume/duration"
    assert dimension("t/x") is None and dimension("") is None


# --------------------------------------------------------------------------------------------
# Schema 1.0
# --------------------------------------------------------------------------------------------


def test_schema_v1_unit_adapter() -> None:
    assert len(V1_UNITS) == 16 and V1_UNITS[-1] == "count"
    for code in V1_CODES:
        assert schema_v1_unit(code) == code
    assert schema_v1_unit("count:家") == "count"
    assert schema_v1_unit("count:人次") == "count"
    for code in ("[mu_cn]", "kW", "JPY", "CNY/t", "‰", "d", "count", None):
        assert schema_v1_unit(code) is None


def test_codes_the_claim_vocabulary_and_compounds() -> None:
    assert tuple(e.code for e in INVENTORY) == CODES
    assert [m.value for m in UnitCode] == list(CODES) and UnitCode("count:家") == "count:家"
    assert all(is_code(c, compound=False) for c in CODES)
    assert is_code("CNY/t") and not is_code("CNY/t", compound=False)
    for bad in ("count", "yuan", "CNY/", "/t", "", None, 3):
        assert not is_code(bad), bad


@pytest.mark.parametrize(
    ("unit_text", "codes"),
    [
        ("億元", ("CNY",)),
        ("個", ("count:个",)),
        ("个百分点", ("pp",)),
        ("万千瓦", ("kW",)),
        ("元/吨", ("CNY/t",)),
        ("美元/桶", ("USD/[bbl_us]",)),
        ("km/h", ("km/h",)),
        ("点", ("pt", "count:点")),
        ("", ()),
        ("斤两", ()),
    ],
)
def test_codes_of_a_written_unit(unit_text: str, codes: tuple[str, ...]) -> None:
    assert codes_of(unit_text) == codes


@pytest.mark.parametrize(
    ("unit", "unit_text", "code"),
    [
        ("count", "個", "count:个"),
        ("count", "个", "count:个"),
        ("count", "人次", "count:人次"),
        ("count", "國", "count:国"),
        ("count", "大", "count:大"),
        ("CNY", "億元", "CNY"),
        ("%", "‰", "%"),  # schema 1.0 stored 5‰ as 0.5 %: the code stays with its number
        ("pp", "個百分點", "pp"),
        ("t", "万吨", "t"),
    ],
)
def test_migrate_unit_v1(unit: str, unit_text: str, code: str) -> None:
    assert migrate_unit_v1(unit, unit_text) == code


def test_migrate_unit_v1_refuses_what_it_cannot_map() -> None:
    with pytest.raises(SchemaError, match=r"unit 'kW' is not a unit of schema 1\.0"):
        migrate_unit_v1("kW", "千瓦")
    with pytest.raises(SchemaError, match=r"unit_text '' of a count is no measure word"):
        migrate_unit_v1("count", "")
    with pytest.raises(SchemaError, match=r"unit_text '吨' of a count"):
        migrate_unit_v1("count", "吨")


def test_the_gold_migrates_and_round_trips() -> None:
    if not GOLD.exists():
        pytest.skip(f"{GOLD} is not in this checkout")
    claims = [c for a in read_gold(GOLD) for c in a.claims]
    assert len(claims) >= 70
    for c in claims:  # the gold is 2.0: going back to 1.0 and migrating again is the identity
        v1 = schema_v1_unit(c.unit)
        assert v1 is not None, c.id
        assert migrate_unit_v1(v1, c.unit_text) == c.unit, c.id
        if v1 == "count":
            assert c.unit == "count:" + fold(c.unit_text)


def test_codes_added_in_2_3_come_after_every_earlier_code() -> None:
    """Appending keeps the ClassLabel index of every code published with 2.2."""
    added = ["A", "mA", "uA", "kA", "mW", "mV", "GPa", "currency:毛"]
    added += [f"count:{w}" for w in units._MEASURE_WORDS_2_3.split()]
    published_2_3 = CODES_2_3.read_text(encoding="utf-8").splitlines()
    assert published_2_3[-len(added) :] == added
    assert dimension("uA") == "current" and to_base(5, "uA") == pytest.approx(5e-6)
    assert lookup("微安").code == "uA" and lookup("毛").code == "currency:毛"
    assert lookup("籃").code == "count:篮"  # Traditional script folds


def test_codes_of_2_4_come_after_every_code_published_with_2_3() -> None:
    """``codes-2.3.txt`` is the code list as 2.3 published it (the claims' ClassLabel names):
    every one keeps its index, and 2.4's codes follow in the order of the table."""
    published_2_3 = CODES_2_3.read_text(encoding="utf-8").splitlines()
    assert list(CODES[: len(published_2_3)]) == published_2_3
    added = ["ar", "[ping_tw]", "[jin_tw]", "currency:分钱", "currency:角钱"]
    added += [f"count:{w}" for w in units._MEASURE_WORDS_2_4.split()]
    assert list(CODES[len(published_2_3) : len(published_2_3) + len(added)]) == added
    assert to_base(1, "[ping_tw]") == pytest.approx(3.305785, rel=1e-6)
    assert to_base(2, "ar") == 200.0 and lookup("公畝").code == "ar"
    assert to_base(10, "[jin_tw]") == pytest.approx(6.0) and lookup("萬台斤").code == "[jin_tw]"
    assert lookup("分錢").code == "currency:分钱" and to_base(3, "currency:分钱") is None
    assert lookup("萬手").code == "count:手" and lookup("檔").code == "count:档"


def test_codes_of_2_5_come_after_every_code_published_with_2_4() -> None:
    """``codes-2.4.txt`` is the code list as 2.4 published it: every code keeps its index, and
    2.5's codes follow in the order of the table."""
    published_2_4 = CODES_2_4.read_text(encoding="utf-8").splitlines()
    assert list(CODES[: len(published_2_4)]) == published_2_4
    added = ["MN", "Sv", "mSv", "uSv", "cd/m2", "dm", "ng", "mm[Hg]", "[degF]", "kgce", "t[CO2e]"]
    added += [f"count:{w}" for w in units._MEASURE_WORDS_2_5.split()]
    assert list(CODES[len(published_2_4) : len(published_2_4) + len(added)]) == added
    assert to_base(3, "MN") == 3e6 and dimension("mSv") == "dose"
    assert to_base(0.12, "mSv") == pytest.approx(1.2e-4)
    assert to_base(212, "[degF]") == pytest.approx(373.15)  # water boils
    assert to_base(32, "[degF]") == pytest.approx(273.15)
    assert to_base(760, "mm[Hg]") == pytest.approx(101325, rel=1e-6)  # one atmosphere
    assert lookup("萬錠").code == "count:锭" and lookup("頂").code == "count:顶"
    assert lookup("牀").code == "count:床" and lookup("床位").code == "count:床位"
    assert dimension("cd/m2") == "luminance" and lookup("尼特").code == "cd/m2"
    assert to_base(1000, "kgce") == pytest.approx(to_base(1, "tce"))
    assert codes_of("厘") == ("%", "‰")  # a year's rate or a month's (年息3厘, 月息8厘)
    assert lookup("萬公噸二氧化碳當量").code == "t[CO2e]" and to_base(2, "t[CO2e]") == 2000.0


def test_codes_of_2_6_come_after_every_code_published_with_2_5() -> None:
    """``codes-2.5.txt`` is the code list as 2.5 published it: every code keeps its index, and
    2.6's codes follow in the order of the table."""
    published_2_5 = CODES_2_5.read_text(encoding="utf-8").splitlines()
    assert list(CODES[: len(published_2_5)]) == published_2_5
    added = ["[momme]", "[td]", "FEU", "gce", "Wp", "kWp", "MWp", "GWp", "[cft_i]"]
    added += [f"currency:{w}" for w in units._CURRENCY_NAMES_2_6.split()]
    added += [f"count:{w}" for w in units._MEASURE_WORDS_2_6.split()]
    assert list(CODES[len(published_2_5) : len(published_2_5) + len(added)]) == added
    assert to_base(19, "[momme]") == pytest.approx(0.08246)  # 82.46 g of silk per m²
    assert dimension("[momme]") == "areal_density" and dimension("[td]") == "duration"
    assert to_base(3, "FEU") == to_base(6, "TEU")
    assert to_base(1e6, "gce") == pytest.approx(to_base(1, "tce"))
    assert (
        lookup("瓩").code == "kW" and lookup("萬瓩").code == "kW" and lookup("瓩時").code == "kWh"
    )
    assert (
        lookup("日幣").code == "JPY" and lookup("韓幣").code == "KRW" and lookup("銖").code == "THB"
    )
    assert codes_of("块") == ("CNY", "count:块")  # 6块5 is money, 切成6块 pieces
    assert lookup("盤").code == "count:盘" and lookup("團次").code == "count:团次"
    assert lookup("港仙").code == "currency:港仙" and to_base(50, "currency:美分") is None
    assert lookup("兆瓦峰").code == "MWp" and to_base(50, "MWp") == 5e7
    assert to_base(1e9, "[cft_i]") == pytest.approx(2.8316847e7)  # one Bcf
    assert (
        lookup("US$").code == "USD" and lookup("HK$").code == "HKD" and lookup("NT$").code == "TWD"
    )
    assert lookup("¥").code == "CNY" and lookup("€").code == "EUR" and lookup("寸").code == "[in_i]"
    assert lookup("公釐").code == "mm" and lookup("個鐘頭").code == "h"
    assert lookup("仟元").code == "CNY"  # 仟 is the formal 千
    assert lookup("萬頭份").code == "count:头份" and lookup("億人公里").code == "count:人公里"


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("千牛", "kN"),
        ("立方公尺", "m3"),
        ("平方公尺", "m2"),
        ("個工作天", "[wd]"),
        ("延米", "m"),
        ("帕", "Pa"),
        ("公克", "g"),
        ("万空方", "m3"),
        ("呎", "[ft_i]"),
        ("平方呎", "[sft_i]"),
        ("吋", "[in_i]"),
        ("台幣", "TWD"),
        ("澳幣", "AUD"),
        ("加币", "CAD"),
        ("紐幣", "NZD"),
        ("馬幣", "MYR"),
        ("瑞郎", "CHF"),
    ],
)
def test_written_forms_added_in_2_4_and_2_5_read_as_existing_codes(surface: str, code: str) -> None:
    assert lookup(surface).code == code


def test_single_letters_are_ambiguous_and_need_a_dimension() -> None:
    """M, T, P and E after a figure stand for a bandwidth, a size of storage or computing
    power: the written letter never decides alone."""
    assert {"M", "G", "T", "P", "E"} <= AMBIGUOUS
    assert lookup("M") is None
    assert lookup("M", "data_rate").code == "Mbit/s" and lookup("M", "data").code == "MB"
    assert lookup("P", "compute").code == "PFLOPS" and lookup("P", "data").code == "PB"
    assert lookup("E", "compute").code == "EFLOPS" and lookup("T", "data").code == "TB"
    assert codes_of("T") == ("TB", "TFLOPS") and codes_of("G") == ("GB", "Gbit/s")


@pytest.mark.parametrize(
    ("unit_text", "codes"),
    [
        ("立方米每秒", ("m3/s",)),
        ("瓶每秒", ("count:瓶/s",)),
        ("兆比特每秒", ("Mbit/s",)),  # the compound is the data rate's own code
        ("M每秒", ("MB/s",)),  # Mbit/s is a rate already: no rate per second
        ("元每斤", ()),  # 每 joins a unit of time only
        ("每秒", ()),
    ],
)
def test_every_before_a_unit_of_time_is_a_slash(unit_text: str, codes: tuple[str, ...]) -> None:
    assert codes_of(unit_text) == codes
    assert all(is_code(c) for c in codes)


def test_a_trillion_before_a_currency_is_a_multiplier() -> None:
    """兆元 is 元 after the multiplier 兆 (Taiwan's trillion); 兆瓦 and 兆帕 keep their prefix."""
    assert codes_of("兆元") == ("CNY",) and codes_of("兆瓦") == ("MW",)
    assert lookup("兆帕").code == "MPa"


def test_codes_of_2_7_come_after_every_code_published_with_2_6() -> None:
    """``codes-2.6.txt`` is the code list as 2.6 published it: every code keeps its index, and
    2.7's codes follow in the order of the table."""
    published_2_6 = CODES_2_6.read_text(encoding="utf-8").splitlines()
    assert list(CODES[: len(published_2_6)]) == published_2_6
    added = ["[qian_cn]", "[chi_cn]", "[zhang_cn]", "[dou_cn]", "dt", "hg", "[catty_hk]"]
    added += ["Ohm", "mOhm", "kOhm", "MOhm", "F", "uF", "T", "lm", "lx", "cd", "var", "kvar"]
    added += ["Mvar", "V.A", "[pt_us]", "[qt_us]", "[lton_av]", "[ston_av]", "[lcwt_av]", "[gr]"]
    added += ["[smi_i]", "[Btu]"]
    added += [f"count:{w}" for w in units._MEASURE_WORDS_2_7.split()]
    assert list(CODES[len(published_2_6) : len(published_2_6) + len(added)]) == added
    assert (
        list(CODES[: len(published_2_6) + len(added)])
        == CODES_2_7.read_text(encoding="utf-8").splitlines()
    )
    assert to_base(9, "[qian_cn]") == pytest.approx(0.045)  # a 9-钱 crayfish weighs 45 g
    assert to_base(3, "[zhang_cn]") == pytest.approx(10.0) and to_base(3, "[chi_cn]") == 1.0
    assert to_base(5, "[dou_cn]") == pytest.approx(0.05) and dimension("[dou_cn]") == "volume"
    assert to_base(200, "dt") == 20000.0 and to_base(5, "hg") == pytest.approx(0.5)
    assert to_base(20, "[catty_hk]") == pytest.approx(12.0957964)
    assert lookup("司馬斤").code == "[catty_hk]" and lookup("公擔").code == "dt"
    assert lookup("哩").code == "[mi_i]" and lookup("浬").code == "[nmi_i]"
    assert lookup("公寸").code == "dm" and lookup("公秉").code == "m3"
    assert lookup("鎮").code == "count:镇" and lookup("車皮").code == "count:车皮"
    assert dimension("count:梯队") == "count" and to_base(3, "count:金") is None
    assert to_base(3, "mOhm") == pytest.approx(3e-3) and dimension("Ohm") == "resistance"
    assert to_base(470, "uF") == pytest.approx(4.7e-4) and dimension("F") == "capacitance"
    assert dimension("T") == "magnetic_flux_density" and lookup("特斯拉").code == "T"
    assert lookup("Ω").code == "Ohm" and lookup("兆乏").code == "Mvar"
    assert to_base(3, "[pt_us]") == pytest.approx(1.4195e-3, rel=1e-4)
    assert to_base(1, "[lton_av]") - to_base(1, "[ston_av]") == pytest.approx(108.86, rel=1e-3)
    assert to_base(3400, "[Btu]") == pytest.approx(3.6e6, rel=5e-3)  # about one kWh
    assert lookup("旦").code == "[den]" and lookup("品脫").code == "[pt_us]"


def test_codes_of_2_8_come_after_every_code_published_with_2_7() -> None:
    """``codes-2.7.txt`` is the code list as 2.7 published it: every code keeps its index, and
    2.8's codes follow in the order of the table."""
    published_2_7 = CODES_2_7.read_text(encoding="utf-8").splitlines()
    assert list(CODES[: len(published_2_7)]) == published_2_7
    added = ["N.m", "[yd_i]", "[boe]", "[shang_cn]"]
    added += ["count:工时", "count:码", "count:延人次", "count:延人公里", "count:格", "count:伙"]
    assert list(CODES[len(published_2_7) :]) == added
    assert dimension("N.m") == "torque" and lookup("N·m").code == "N.m"
    assert to_base(400, "N.m") == 400.0 and lookup("牛頓米").code == "N.m"
    assert to_base(100, "[yd_i]") == pytest.approx(91.44) and dimension("[yd_i]") == "length"
    assert to_base(1, "[boe]") == pytest.approx(6.1178632e9) and dimension("[boe]") == "energy"
    assert to_base(1, "[shang_cn]") == pytest.approx(to_base(15, "[mu_cn]"))  # a hectare
    assert lookup("安士").code == "[oz_av]" and lookup("日曆天").code == "d"
    assert lookup("延噸公里").code == "t.km" and lookup("h").code == "h"
    assert lookup("min").code == "min" and codes_of("碼") == ("[yd_i]", "count:码")
