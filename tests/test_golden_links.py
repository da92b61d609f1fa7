"""Golden linking cases (tests/golden/links.jsonl): metric, subject, period and base of figures,
including cases where nothing may be linked.  Every rule of ``cnews_ie.link`` has cases here."""

from __future__ import annotations

from typing import Any

import pytest
from golden_cases import golden_params

import cnews_ie


@pytest.mark.parametrize("case", golden_params("links.jsonl"))
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
