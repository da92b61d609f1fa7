"""Rates listed after as many amounts pair with them in order (``cnews_ie.pairs``); the golden
cases (tests/golden/links.jsonl, base-rates-paired-*) show the pairing, these the lists it must
leave alone, checked on the base alone (invented sentences)."""

from __future__ import annotations

import cnews_ie


def _bases(text: str) -> dict[str, str | None]:
    doc = cnews_ie.extract(text, ner=None)
    return {f.text: f.base.text if f.base else None for f in doc.figures if "%" in f.text}


def test_rates_of_one_shared_amount_are_not_paired() -> None:
    # the two amounts stand in two clauses: both rates grow the shared second one
    bases = _bases("全厂实现利税3.6亿元，上缴税金和实现利润双双超过1.5亿元，分别增长21%和33%。")
    assert set(bases.values()) == {bases["21%"]}
    assert bases["21%"] is not None
    assert bases["21%"].endswith("1.5亿元")


def test_rates_not_as_many_as_the_amounts_are_not_paired() -> None:
    bases = _bases("全市完成工业产值860亿元、税收收入74亿元、社零总额310亿元，分别增长8.2%、6.5%。")
    assert bases == {"8.2%": "310亿元", "6.5%": "310亿元"}


def test_paired_rates_keep_the_links_of_their_own_amount() -> None:
    doc = cnews_ie.extract(
        "全市完成工业产值860亿元、税收收入74亿元，分别增长8.2%、6.5%。", ner=None
    )
    rates = [f for f in doc.figures if f.text.endswith("%")]
    assert [r.base.text if r.base else None for r in rates] == ["860亿元", "74亿元"]
    assert all("base:paired" in r.links for r in rates)
