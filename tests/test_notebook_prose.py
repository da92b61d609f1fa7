"""What the notebooks' prose says about the seed pages, checked against what cnews_ie finds.

tests/test_notebooks.py runs the notebooks; this module holds their prose to the facts, one test
per claim, so that a change in the extractor that makes a sentence stale fails here (issue 19:
the quickstart said 金昌 was marked as a person, and the analysis counted 15 projects on a page
whose table had 16).  A claim that cannot be checked is left out of the prose.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

import cnews_ie

ROOT = Path(__file__).resolve().parents[1]
IDS = ["000", "001"]


@pytest.fixture(scope="module")
def docs() -> list[cnews_ie.Document]:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    assert [p.name[:3] for p in paths] == IDS
    return list(cnews_ie.extract_many(p.read_text(encoding="utf-8") for p in paths))


def _prose(name: str) -> str:
    notebook = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def test_quickstart_names_the_organisations_of_titled_people(docs: list[cnews_ie.Document]) -> None:
    assert "甘肃日报 or 每日甘肃网 for its reporters, 兰石集团能源装备研究院 for 范飞" in _prose(
        "quickstart"
    )
    people = docs[0].to_frame("people")
    reporters = people[people["titles"] == "记者"]
    assert set(reporters["organization"].dropna()) == {"甘肃日报", "每日甘肃网"}
    fan = people[people["name"] == "范飞"]
    assert "兰石集团能源装备研究院" in set(fan["organization"].dropna())


def test_quickstart_makes_no_claim_about_a_wrong_person() -> None:
    assert "金昌 is sometimes marked as a person" not in _prose("quickstart")


def test_gdp_sentence(docs: list[cnews_ie.Document]) -> None:
    assert "620.06亿元, up 13.6% (and 永昌县 up 11%)" in _prose("seed_analysis")
    figures = cnews_ie.to_frame(docs, "figures", ids=IDS)
    gdp = figures[figures["metric"] == "地区生产总值"]
    rows = set(
        zip(gdp["doc"], gdp["subject"], gdp["text"], gdp["change"].astype(object), strict=True)
    )
    assert {
        ("000", "全市", "620.06亿元", None),
        ("000", "全市", "13.6%", "increase"),
        ("000", "永昌县", "11%", "increase"),
        ("001", "全市", "414.03亿元", None),
        ("001", "全市", "12.1％", "increase"),
        ("001", "全市", "突破600 亿元", None),
    } <= {tuple(None if pd.isna(v) else v for v in row) for row in rows}


def test_rates_without_a_base(docs: list[cnews_ie.Document]) -> None:
    figures = cnews_ie.to_frame(docs, "figures", ids=IDS)
    rates = figures[(figures["kind"] == "percent") & figures["change"].notna()]
    no_base = set(rates[rates["base"].isna()]["text"])
    assert {"11%", "24.1％", "近四成"} <= no_base


def test_wang_fangtai_is_on_both_pages_with_his_titles(docs: list[cnews_ie.Document]) -> None:
    people = cnews_ie.to_frame(docs, "people", ids=IDS)
    wang = people[(people["name"] == "王方太") & people["titles"].notna()]
    assert set(zip(wang["doc"], wang["titles"], strict=True)) >= {
        ("000", "市委书记"),
        ("001", "市委副书记、市长"),
    }
    assert "市委书记 of 金昌市委 on page 000" in _prose("seed_analysis")
    on_000 = wang[wang["doc"] == "000"]
    assert "金昌市委" in set(on_000["organization"].dropna())


def test_the_most_named_organisation_of_titled_people_is_gansu_daily(
    docs: list[cnews_ie.Document],
) -> None:
    assert "the most frequent is 甘肃日报, in bylines" in _prose("seed_analysis")
    people = cnews_ie.to_frame(docs, "people", ids=IDS)
    titled = people[people["titles"].fillna("") != ""]
    titled = titled.drop_duplicates(["name", "titles", "organization"])
    organizations = titled["organization"].dropna()
    assert organizations.value_counts().index[0] == "甘肃日报"


def test_jinchuan_leads_the_organisations_and_its_variants_count_apart(
    docs: list[cnews_ie.Document],
) -> None:
    assert "金川集团 and 金川集团公司 are counted apart" in _prose("seed_analysis")
    counts = cnews_ie.to_frame(docs, "organizations", ids=IDS)["name"].value_counts()
    assert counts.index[0] == "金川集团"
    assert "金川集团公司" in counts.index


def test_only_the_copper_project_has_an_investment_of_its_own(
    docs: list[cnews_ie.Document],
) -> None:
    assert "page 001 names many more, none with an investment figure" in _prose("seed_analysis")
    projects = cnews_ie.to_frame(docs, "projects", ids=IDS)
    invested = projects[projects["investment"].notna()]
    assert list(zip(invested["doc"], invested["investment"], strict=True)) == [("000", "57亿元")]
    assert "铜冶炼" in invested["name"].iloc[0]
    assert (projects["doc"] == "001").sum() > (projects["doc"] == "000").sum()


def test_tables_do_not_mix_none_and_nan(docs: list[cnews_ie.Document]) -> None:
    for kind in cnews_ie.frame.KINDS:
        for decimal in (True, False):
            frame = cnews_ie.to_frame(docs, kind, ids=IDS, decimal=decimal)
            for column in frame.columns:
                cells = frame[column].astype(object).tolist()
                assert not any(cell is None for cell in cells), (kind, column)
