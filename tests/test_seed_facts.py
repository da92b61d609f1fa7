"""Hand-checked facts of the two seed pages: figures with metric, subject, period and base;
projects with investment, capacity, owner and status (people: tests/test_titles.py)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from golden_cases import SEEDS

import cnews_ie


@cache
def _doc(page: str) -> cnews_ie.Document:
    return cnews_ie.extract(next(SEEDS.glob(f"{page}_*.txt")).read_text(encoding="utf-8"))


FIGURES = [
    (
        "000",
        "620.06亿元",
        {"metric": "地区生产总值", "subject": "全市", "period": "2024年", "base": None},
    ),
    (
        "000",
        "13.6%",
        {"metric": "地区生产总值", "subject": "全市", "period": "2024年", "base": "620.06亿元"},
    ),
    (
        "000",
        "突破170亿元",
        {"metric": "园区产值", "subject": "园区", "period": "去年", "base": None},
    ),
    ("000", "55%", {"metric": "园区产值", "period": "去年", "base": "突破170亿元"}),
    (
        "000",
        "11%",
        {"metric": "地区生产总值", "subject": "永昌县", "period": "2024年", "base": None},
    ),
    ("001", "414.03亿元", {"metric": "地区生产总值", "subject": "全市", "period": "今年前三季度"}),
    ("001", "12.1％", {"metric": "地区生产总值", "period": "今年前三季度", "base": "414.03亿元"}),
    ("001", "24.1％", {"metric": "固定资产投资", "period": "今年前三季度", "base": None}),
    ("001", "90.2亿", {"metric": "签约金额", "subject": "金川集团公司"}),
    ("001", "398亿", {"metric": "签约金额", "subject": "金川集团公司"}),
    ("001", "223.12 亿元", {"metric": "总投资", "subject": "金昌市"}),
    ("001", "232件", {"subject": "永昌县", "period": "10月"}),
]


@pytest.mark.parametrize(
    ("page", "text", "expected"), FIGURES, ids=[f"{p}-{t}" for p, t, _ in FIGURES]
)
def test_seed_figure_links(page: str, text: str, expected: dict[str, Any]) -> None:
    figure = next(f for f in _doc(page).figures if f.text == text)
    got = {
        "metric": figure.metric,
        "subject": figure.subject,
        "period": figure.period,
        "base": figure.base.text if figure.base else None,
    }
    assert {k: got[k] for k in expected} == expected


PROJECTS = [
    (
        "000",
        "金川30万吨铜冶炼工艺技术提升项目",
        {"investment": "57亿元", "capacity": "30万吨", "status": "in_operation"},
    ),
    (
        "000",
        "金川集团年产40万吨智能铜电解项目一期工程",
        {"capacity": "40万吨", "owner": "金川集团", "status": "in_operation"},
    ),
    (
        "001",
        "甘肃平文化工有限公司年产10300吨农药原药及9000吨中间体生产线项目",
        {"capacity": "10300吨", "owner": "甘肃平文化工有限公司"},
    ),
    (
        "001",
        "金川集团公司年产 2 万吨高端 PVDF 树脂产业链项目一期",
        {"capacity": "2 万吨", "owner": "金川集团公司"},
    ),
    (
        "001",
        "河西堡镇2022—2023年乡村建设暨生态及地质灾害避险搬迁项目",
        {"capacity": None, "owner": None, "location": "河西堡镇"},
    ),
]


@pytest.mark.parametrize(
    ("page", "name", "expected"), PROJECTS, ids=[f"{p}-{n[:8]}" for p, n, _ in PROJECTS]
)
def test_seed_projects(page: str, name: str, expected: dict[str, Any]) -> None:
    project = next(p for p in _doc(page).projects if p.name == name)
    got = {
        "investment": project.investment.text if project.investment else None,
        "capacity": project.capacity.text if project.capacity else None,
        "owner": project.owner,
        "status": project.status,
        "location": project.location,
    }
    assert {k: got[k] for k in expected} == expected


def test_no_generic_project_mentions_on_the_seeds() -> None:
    names = [p.name for page in ("000", "001") for p in _doc(page).projects]
    assert not any(n in {"重大项目", "这一项目", "配套项目", "央地合作项目"} for n in names)
    assert not any(n.endswith("好项目") for n in names)
