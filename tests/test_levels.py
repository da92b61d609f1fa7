"""A change tied to the level written after it, and a level changed to from another
(``cnews_ie.levels``; golden cases in tests/golden/links.jsonl: base-rate-before-the-level-it-
reaches, metric-level-changed-*), and the forward bases they need from ``work.relinked``
(invented sentences)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import cnews_ie
from cnews_ie.records import Figure, FigureKind, Role
from cnews_ie.work import SentenceSpan, relinked, sentence_finder


def _figure(text: str, start: int, base: Figure | None = None) -> Figure:
    return Figure(
        text=text,
        start=start,
        end=start + len(text),
        value=Decimal(1),
        unit="%",
        kind=FigureKind.PERCENT,
        base=base,
    )


def test_the_level_after_a_change_is_its_base_in_every_output() -> None:
    doc = cnews_ie.extract("该公司净利润同比增长20%至4.8亿元。", ner=None)
    rate, level = doc.figures
    assert rate.base is level  # the record itself, not a copy
    assert "base:reached" in rate.links
    bases = cnews_ie.to_frame(doc, "figures")["base"]
    assert bases.iloc[0] == "4.8亿元"
    assert bases.isna().iloc[1]


def test_a_range_or_two_rates_is_no_change_and_its_level() -> None:
    doc = cnews_ie.extract("预计全年增速在6%到7%之间。", ner=None)
    assert all(f.base is None for f in doc.figures)


def test_a_level_with_its_own_change_verb_keeps_its_indicator() -> None:
    # 增至 stands between two figures of different units: no level change
    doc = cnews_ie.extract("全市新增企业1200家，注册资本增至85亿元。", ner=None)
    assert [f.links for f in doc.figures if "metric:from_start" in f.links] == []


def test_relinked_builds_a_base_that_comes_later_first() -> None:
    level = _figure("3%", 10)
    rate = _figure("1%", 0)
    figures, moved = relinked(
        [rate, level], lambda f, b: f, base_of=lambda f: level if f is rate else None
    )
    assert figures == [rate, level]
    assert moved[id(level)] is level


def test_relinked_names_a_cycle_of_bases() -> None:
    first = _figure("1%", 0)
    second = _figure("2%", 5, base=first)
    with pytest.raises(ValueError, match="cycle"):
        relinked([first, second], lambda f, b: f, base_of=lambda f: second if f is first else first)


def test_sentence_finder_finds_the_sentence_that_holds_an_offset() -> None:
    sentences = [SentenceSpan(0, 5, Role.BODY, 0), SentenceSpan(8, 12, Role.BODY, 1)]
    find = sentence_finder(sentences)
    assert [find(at) for at in (0, 4, 5, 8, 11, 12)] == [
        sentences[0],
        sentences[0],
        None,
        sentences[1],
        sentences[1],
        None,
    ]
