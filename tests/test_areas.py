"""The area table (factlib/data/areas.csv) and its loader."""
from __future__ import annotations

import pytest

from factlib.vocab.areas import LEVELS, default_areas
from factlib.vocab.tables import read_table

AREAS = default_areas()
ROWS = read_table("areas")


@pytest.mark.parametrize("row", ROWS, ids=[r["code"] for r in ROWS])
def test_area_row(row):
    assert row["level"] in LEVELS
    assert row["name_zh"] and row["name_en"]
    if row["level"] in ("province", "city"):
        assert row["code"].startswith(row["parent"] + "-")


def test_all_provincial_divisions_and_the_three_economies():
    provinces = [r for r in ROWS if r["level"] == "province"]
    assert len(provinces) == 31
    assert {"HK", "MO", "TW"} <= set(AREAS.codes)


@pytest.mark.parametrize("name, code", [
    ("浙江省", "CN-ZJ"), ("浙江", "CN-ZJ"), ("Zhejiang", "CN-ZJ"), ("香港", "HK"), ("臺灣", "TW"),
    ("杭州市", "CN-ZJ-HZ"), ("美国", "US"), ("the United States", None), ("United States", "US"),
    ("浙", None),
])
def test_code_for(name, code):
    assert AREAS.code_for(name) == code


def test_find_all_in_running_text():
    found = [(m.code, m.surface) for m in AREAS.find_all("2025年,浙江省數字經濟增加值")]
    assert found == [("CN-ZJ", "浙江省")]
    assert [m.code for m in AREAS.find_all("Hong Kong's GDP grew")] == ["HK"]
    assert AREAS.within("CN-ZJ-HZ", "CN") and not AREAS.within("CN", "CN-ZJ")
