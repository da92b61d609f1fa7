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


@pytest.mark.parametrize(
    ("text", "figure", "change"),
    [
        ("受疫情影响，全市旅游收入负增长8%。", "8%", "decrease"),  # 负增长 is a decline
        ("全市存款同比多增320亿元。", "320亿元", "increase"),
        ("贷款利率下调0.5个百分点。", "0.5个百分点", "decrease"),
        ("审批时限缩短40%。", "40%", "decrease"),
        ("该企业年营业收入从1000万元增加到1800万元。", "1800万元", None),  # a level
    ],
    ids=["negative-growth", "more-increase", "lowered", "shortened", "level-change"],
)
def test_change_words(text: str, figure: str, change: str | None) -> None:
    fig = next(f for f in cnews_ie.extract(text, ner=None).figures if f.text == figure)
    assert (fig.change.value if fig.change else None) == change
