"""Titles and organisations of the people of the seed pages, with the shipped model finding
the names (the golden cases, tests/golden/titles.jsonl, run in tests/test_golden.py)."""

from __future__ import annotations

import pytest
from golden_cases import SEEDS

import cnews_ie


@pytest.mark.parametrize(
    ("page", "name", "titles", "organization"),
    [
        ("000", "范飞", ("全国人大代表", "副院长"), "兰石集团能源装备研究院"),
        ("000", "闫庆俊", ("主任",), "河西堡工业园区管委会"),
        ("000", "曾琦", ("记者",), "甘肃日报"),
        ("000", "任振鹤", ("省长",), None),
        ("001", "王方太", ("市委副书记", "市长"), None),
        ("001", "王钧", ("市委书记",), None),
    ],
)
def test_seed_people(
    page: str, name: str, titles: tuple[str, ...], organization: str | None
) -> None:
    text = next(SEEDS.glob(f"{page}_*.txt")).read_text(encoding="utf-8")
    found = {(p.titles, p.organization) for p in cnews_ie.extract(text).people if p.name == name}
    assert (titles, organization) in found
