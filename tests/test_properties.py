"""Invariants that hold for every input (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cnews_ie

_PIECES = [
    *"0123456789０１２３４５６７８９.．,，%％-—~至到约近超余多第年月日",
    *"一二两三四五六七八九十百千万亿零点成番翻倍",
    "亿元", "万元", "美元", "万吨", "千瓦时", "个百分点", "百分之", "平方米", "人", "家", "项",
    "增长", "下降", "以上", "左右", "“", "”", "（转5版）", "\n", "\n\n", " ", "　", "。",
]  # fmt: skip
_TEXTS = st.one_of(
    st.text(),
    st.lists(st.sampled_from(_PIECES), max_size=60).map("".join),
)


def _check_invariants(text: str, ner: str | None = None) -> None:
    doc = cnews_ie.extract(text, ner=ner)
    assert doc.text is text
    previous = (-1, -1)
    for fig in doc.figures:
        assert 0 <= fig.start < fig.end <= len(text)
        assert text[fig.start : fig.end] == fig.text
        assert (fig.start, fig.end) >= previous
        previous = (fig.start, fig.end)
        assert fig.value.is_finite()
        assert fig.value >= 0
        if fig.value_max is not None:
            assert fig.value_max.is_finite()
            assert fig.value < fig.value_max
    for sentence in doc.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)
    entities: tuple[cnews_ie.Person | cnews_ie.Organization | cnews_ie.Location, ...] = (
        *doc.people,
        *doc.organizations,
        *doc.locations,
    )
    for entity in entities:
        assert 0 <= entity.start < entity.end <= len(text)
        assert "".join(text[entity.start : entity.end].split()) == entity.name


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_extract_never_raises_and_offsets_hold(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join))
def test_parse_figure_either_parses_or_says_why(text: str) -> None:
    try:
        fig = cnews_ie.parse_figure(text)
    except cnews_ie.FigureParseError as exc:
        message = str(exc)
        fig = None
    if fig is None:
        assert repr(text) in message
    else:
        assert isinstance(fig.value, Decimal)
        assert text[fig.start : fig.end] == fig.text


@pytest.mark.slow  # the model on every example
@settings(max_examples=60, deadline=None)
@given(_TEXTS)
def test_extract_with_the_shipped_model_never_raises(text: str) -> None:
    _check_invariants(text, ner="default")


_SPANS = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=40,
)


@given(_SPANS, st.integers(0, 230), st.integers(0, 40))
def test_span_index_finds_every_span_a_scan_finds(
    spans: list[tuple[int, int]], lo: int, width: int
) -> None:
    # the index replaced per-figure scans over every entity (quadratic on long documents)
    from cnews_ie.entities import SpanIndex

    hi = lo + width
    near = SpanIndex(spans).near(lo, hi)
    touching = {(a, b) for a, b in spans if a < hi and b >= lo}
    assert set(near) == touching
    assert near == sorted(near)
