"""The units model (sitegen/units.py): every base unit's size in its dimension's common measure agrees with Pint,
the maintained units library, with the Chinese market units defined once (亩 = 1/15 ha, 斤 = 0.5 kg); and a number
is value × scale × base unit wherever it is shown (1.2万吨 is 12,000 tonnes in every language and place)."""
from __future__ import annotations

import pint
import pytest

from sitegen.numbers import STYLES, base_value, common_value, en_parts, format_en, unit_contradiction
from sitegen.units import BASES, parse_unit

UREG = pint.UnitRegistry()
UREG.define("mu = hectare / 15")       # 亩
UREG.define("jin = 0.5 * kilogram")    # 斤
# the dimension's common measure the model adds in, and each unit as Pint names it
COMMON = {"area": "m**2", "length": "m", "weight": "kg", "volume": "m**3", "power": "kW", "energy": "kWh",
          "duration": "day"}
PINT_NAME = {"平方米": "m**2", "平方公里": "km**2", "平方千米": "km**2", "亩": "mu", "公顷": "hectare", "米": "m",
             "公里": "km", "千米": "km", "厘米": "cm", "毫米": "mm", "吨": "tonne", "公斤": "kg", "千克": "kg",
             "克": "g", "斤": "jin", "立方米": "m**3", "升": "liter", "千瓦": "kW", "瓦": "W", "兆瓦": "MW",
             "千瓦时": "kWh", "天": "day", "小时": "hour", "分钟": "minute", "秒": "second"}


@pytest.mark.parametrize("zh", sorted(PINT_NAME))
def test_each_unit_of_measure_agrees_with_pint(zh: str) -> None:
    unit = BASES[zh]
    expected = UREG.Quantity(1, PINT_NAME[zh]).to(COMMON[unit.dimension]).magnitude
    assert unit.common == pytest.approx(expected, rel=1e-12), zh


def test_every_measured_unit_is_checked() -> None:
    """A unit of measure added to the model without a Pint name here would go unchecked."""
    measured = {zh for zh, u in BASES.items() if u.dimension in COMMON and zh not in ("个月", "个工作日", "工作日")}
    assert measured <= set(PINT_NAME), measured - set(PINT_NAME)


@pytest.mark.parametrize("written, scale, base", [
    ("万吨", 10**4, "吨"), ("亿元", 10**8, "元"), ("万人次", 10**4, "人次"), ("个百分点", 1, "个百分点"),
    ("万平方米", 10**4, "平方米"), ("万袋", 10**4, "袋")])
def test_a_unit_is_a_scale_times_a_base(written: str, scale: int, base: str) -> None:
    p = parse_unit(written)
    assert (p.scale, p.base.zh) == (scale, base)
    assert parse_unit("万%") is None and parse_unit("艘艇") is None


@pytest.mark.parametrize("value, unit, tile, prose", [
    (1.2, "万吨", ("12,000", "tonnes"), "12,000 tonnes"),
    (26.8, "万吨", ("268,000", "tonnes"), "268,000 tonnes"),
    (850, "米", ("850", "m"), "850 m"),
    (1.2, "万亩", ("12,000", "mu (about 800 ha)"), "12,000 mu (about 800 ha)"),
    (2000, "万元", ("20", "million"), "CNY 20 million"),
    (31.6, "个百分点", ("31.6", "percentage points"), "31.6 percentage points"),
    (1.5, "倍", ("1.5", "times"), "1.5 times"),
    (7, "天", ("7", "days"), "7 days"),
    (300, "毫米", ("300", "mm"), "300 mm"),
])
def test_an_english_number_is_value_times_scale_times_unit(value, unit, tile, prose) -> None:
    assert en_parts(value, unit) == tile
    assert format_en(value, unit, prose=False) == prose


def test_the_downloads_base_value_and_adding_across_units() -> None:
    assert base_value(1.2, "万吨") == 12000 and STYLES["万吨"].base == "tonnes"
    assert common_value(1, "公顷") == pytest.approx(15 * common_value(1, "亩"))
    assert common_value(1, "公里") == 1000 * common_value(1, "米")


def test_a_units_yml_style_that_measures_another_quantity_is_named() -> None:
    assert unit_contradiction("万吨", "weight_t") == "万吨 is 10,000 tonnes (weight)"
    assert unit_contradiction("吨", "weight_t") == "" and unit_contradiction("艘", "count") == ""
    assert unit_contradiction("亩", "area_ha") and unit_contradiction("万元", "money_yuan")
