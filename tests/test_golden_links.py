"""Golden linking cases (tests/golden/links.jsonl): metric, subject, period and base of figures,
including cases where nothing may be linked.  Every rule of ``cnews_ie.link`` has cases here."""

from __future__ import annotations

from typing import Any

import pytest
from golden_cases import GOLDEN, known_failures, read_jsonl

import cnews_ie


def _params() -> list[Any]:
    failures = known_failures("links.jsonl")
    return [
        pytest.param(
            case,
            id=case["id"],
            marks=[pytest.mark.xfail(reason=failures[case["id"]], strict=True)]
            if case["id"] in failures
            else [],
        )
        for case in read_jsonl(GOLDEN / "links.jsonl")
    ]


@pytest.mark.parametrize("case", _params())
def test_links(case: dict[str, Any]) -> None:
    doc = cnews_ie.extract(case["text"])  # the default pipeline: subjects come from NER too
    by_text = {f.text: f for f in doc.figures}
    got = []
    for expected in case["links"]:
        fig = by_text[expected["figure"]]
        got.append(
            {
                "figure": fig.text,
                "metric": fig.metric,
                "subject": fig.subject,
                "period": fig.period,
                "base": fig.base.text if fig.base else None,
            }
        )
    assert got == case["links"]


def test_every_link_names_its_rule() -> None:
    doc = cnews_ie.extract("2024年，全市实现地区生产总值620.06亿元，增长13.6%。", ner=None)
    rate = doc.figures[1]
    assert set(rate.links) >= {"base:previous", "metric:from_base", "period:before"}
    assert rate.base is doc.figures[0]
