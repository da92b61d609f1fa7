"""Notebook display: a short repr, and highlighted HTML."""

from __future__ import annotations

import cnews_ie
from cnews_ie.display import document_html


def test_repr_is_short_and_counts_records() -> None:
    doc = cnews_ie.extract("市委书记王方太说，全市实现地区生产总值620.06亿元。" * 50)
    text = repr(doc)
    assert len(text) < 300
    assert "figures=50" in text
    assert "people=50" in text


def test_html_highlights_figures_and_entities_and_escapes_text() -> None:
    doc = cnews_ie.extract("<b>市委书记王方太</b>说：\n全市实现地区生产总值620.06亿元。")
    html = doc._repr_html_()
    assert "&lt;b&gt;" in html  # the caller's markup is shown, not interpreted
    assert ">620.06亿元<sub" in html
    assert ">王方太<sub" in html
    assert "<br>" in html
    for kind in ("figure", "person", "organization", "location", "project"):
        assert f">{kind}</span>" in html  # the legend


def test_html_drops_blank_lines_around_the_text_and_notes_what_is_cut() -> None:
    text = "\n\n\n\n    全市实现地区生产总值620.06亿元。\n\n" + "其他。" * 20
    html = document_html(cnews_ie.extract(text, ner=None), max_chars=40)
    body = html.split('<div style="line-height:2">', 1)[1]
    assert body.startswith("全市实现地区生产总值<mark")
    assert body.endswith(
        f'其他<br><span style="color:#888">… ({len(text) - 40} more characters)</span></div></div>'
    )
    assert 'lang="zh-CN"' in html  # Simplified Chinese glyph forms
