"""The two seed pages: every hand-annotated figure found exactly, and nothing else.

The annotations (seeds/*.figures.jsonl) give offsets into the raw page, so these tests check
layout repair (joins across broken lines, dropped repeats) and the offset map as well.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from golden_cases import FIELDS, SEEDS, as_row, read_jsonl

import cnews_ie

PAGES = sorted(p.name.removesuffix(".txt") for p in SEEDS.glob("*.txt"))


@cache
def _doc(page: str) -> cnews_ie.Document:
    return cnews_ie.extract((SEEDS / f"{page}.txt").read_text(encoding="utf-8"), ner=None)


def _found(page: str) -> dict[tuple[int, int], dict[str, Any]]:
    return {(f.start, f.end): as_row(f) for f in _doc(page).figures}


def _annotated() -> list[Any]:
    params = []
    for page in PAGES:
        for row in read_jsonl(SEEDS / f"{page}.figures.jsonl"):
            params.append(pytest.param(page, row, id=f"{page[:3]}-{row['start']}-{row['text']}"))
    return params


@pytest.mark.parametrize(("page", "row"), _annotated())
def test_annotated_figure_found(page: str, row: dict[str, Any]) -> None:
    found = _found(page)
    assert (row["start"], row["end"]) in found, f"not found: {row['text']!r}"
    assert found[(row["start"], row["end"])] == {k: row[k] for k in FIELDS}


@pytest.mark.parametrize("page", PAGES)
def test_no_unannotated_figure(page: str) -> None:
    annotated = {(r["start"], r["end"]) for r in read_jsonl(SEEDS / f"{page}.figures.jsonl")}
    extra = [f.text for f in _doc(page).figures if (f.start, f.end) not in annotated]
    assert extra == []


@pytest.mark.parametrize("page", PAGES)
def test_records_point_into_the_page(page: str) -> None:
    doc = _doc(page)
    records: tuple[cnews_ie.Figure | cnews_ie.Sentence, ...] = (*doc.figures, *doc.sentences)
    for record in records:
        assert 0 <= record.start <= record.end <= len(doc.text)
    for figure in doc.figures:
        assert doc.text[figure.start : figure.end] == figure.text


def test_repeated_blocks_are_dropped() -> None:
    doc = _doc("000_c3c6e2b65bf3fb33")
    assert doc.clean_text.count("这条热线,一头连着党委政府") == 1
    assert doc.clean_text.count("深度挖掘各类文化资源的内涵底蕴") == 1


def test_sentences_rejoined_across_layout() -> None:
    texts = {s.text for s in _doc("000_c3c6e2b65bf3fb33").sentences}
    # broken line, with a headline printed in the middle of the sentence
    assert any(t.startswith("从那时起,一开年,市企双方便相聚一起,共谋项目、同解难题") for t in texts)
    assert "金昌,何以高速“奔跑”" in texts
    page = {s.text for s in _doc("001_be4c28f12a24d4da").sentences}
    assert "为民服务须问需于民" in page  # vertical one-character lines
    assert not any("转三版" in t or "转5版" in t for t in page | texts)
    assert any(
        t.startswith("本报讯（记者常建哲 郭鑫）11 月 5日，金昌市举行 2023 年三季度") for t in page
    )


def test_templated_statistics_are_not_taken_for_repeats() -> None:
    # found by the linearity benchmark: distinct sentences built on one template (a county
    # table, a communiqué) had 80 % of their 8-character shingles seen somewhere before, and half
    # the lines were dropped as "repeated blocks"; only text printed twice is a repeat
    import random

    rng = random.Random(5)
    places = ("金昌市", "永昌县", "金川区", "全市", "园区", "河西堡镇")
    metrics = ("地区生产总值", "工业增加值", "固定资产投资", "一般公共预算收入")
    lines = []
    for _ in range(3000):
        lines.append(
            "".join(
                f"{rng.choice(places)}{rng.randint(1990, 2030)}年{rng.choice(metrics)}"
                f"{rng.randint(1, 10**6) / 100}亿元，增长{rng.randint(0, 300) / 10}%。"
                for _ in range(3)
            )
        )
    text = "\n".join(lines)
    assert len(set(lines)) == len(lines)
    assert len(cnews_ie.extract(text, ner=None).figures) == 3000 * 3 * 2
    # a block printed twice is still dropped
    twice = text + "\n" + "\n".join(lines[-5:])
    assert len(cnews_ie.extract(twice, ner=None).figures) == 3000 * 3 * 2
