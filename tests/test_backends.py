"""One contract, run against every NER backend (spaCy-style per-backend fixtures)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from cnews_ie.backends import LABELS, Backend, Tagged, char_spans
from cnews_ie.backends.hanlp_backend import HanLPBackend, shipped_model_dir
from cnews_ie.backends.jieba_backend import JiebaBackend

SENTENCES = [
    "金昌市委书记王方太观点鲜明。",
    "",
    "新华社北京２月２４日电",
    "ＡＢＣ公司与金川集团签约，投资57亿元。",
    "　",
    "😀 emoji and English text, 混排",
    "河西堡工业园区管委会主任闫庆俊告诉记者。" * 30,  # longer than any model's max length
]


@pytest.fixture(params=["jieba", "hanlp"], scope="module")
def backend(request: pytest.FixtureRequest) -> Backend:
    if request.param == "jieba":
        return JiebaBackend()
    return HanLPBackend()


def test_is_a_backend(backend: Backend) -> None:
    assert isinstance(backend, Backend)
    assert backend.name


def test_one_result_per_sentence_in_order(backend: Backend) -> None:
    results = backend.tag(SENTENCES)
    assert len(results) == len(SENTENCES)
    for sentence, tagged in zip(SENTENCES, results, strict=True):
        assert isinstance(tagged, Tagged)
        assert "".join(tagged.tokens) == sentence
        for label, start, end in char_spans(sentence, tagged):
            assert label in LABELS
            assert 0 <= start < end <= len(sentence)


def test_many_sentences_in_one_call(backend: Backend) -> None:
    many = [f"第{i}位代表王方太在金昌市发言。" if i % 3 else "签约。" for i in range(400)]
    results = backend.tag(many)
    assert len(results) == 400
    assert all("".join(t.tokens) == s for s, t in zip(many, results, strict=True))


def test_finds_a_plain_person(backend: Backend) -> None:
    (tagged,) = backend.tag(["市委书记王方太主持会议。"])
    assert ("PER", 4, 7) in char_spans("市委书记王方太主持会议。", tagged)


def test_char_spans_rejects_misaligned_tokens() -> None:
    with pytest.raises(ValueError, match="cover"):
        char_spans("abc", Tagged(("ab",), ()))


def test_shipped_model_is_small() -> None:
    size = sum(p.stat().st_size for p in Path(shipped_model_dir()).rglob("*") if p.is_file())
    assert 0 < size <= 20 * 1024 * 1024


def test_results_do_not_depend_on_batching(backend: Backend) -> None:
    # int8 dynamic quantisation broke this (activation scales are per batch): keep it pinned
    sentences = [
        f"金昌市委书记王方太在{p}调研，金川集团负责人陪同。"
        for p in ("河西堡镇", "永昌县", "兰州新区")
    ] * 30
    together = backend.tag(sentences)
    alone = [backend.tag([s])[0] for s in sentences[:3]]
    reversed_batch = backend.tag(sentences[::-1])[::-1]
    assert together[:3] == alone
    assert together == reversed_batch


def test_a_very_long_sentence_is_tagged_in_pieces(backend: Backend) -> None:
    # found by the hostile suite: one 350k-character line (commas, no full stop) went to the
    # model as one sequence, at a tenth of the usual speed; pieces keep entities and offsets
    clause = "市委书记王方太在金昌市调研，"
    long_sentence = clause * 200
    tagged = backend.tag([long_sentence, clause])
    assert "".join(tagged[0].tokens) == long_sentence
    found = char_spans(long_sentence, tagged[0])
    alone = char_spans(clause, tagged[1])
    assert alone, "the clause alone must have entities for this test to mean anything"
    # every copy of the clause gets the entities the clause gets alone
    expected = [
        (label, k * len(clause) + s, k * len(clause) + e)
        for k in range(200)
        for label, s, e in alone
    ]
    assert found == expected


def test_pieces_cut_at_punctuation_or_at_the_limit() -> None:
    from cnews_ie.sentences import clause_pieces as pieces

    assert pieces("短句", 10) == [(0, 2)]
    assert pieces("一二三四五，六七八九十一二", 8) == [(0, 6), (6, 13)]
    assert pieces("一" * 25, 10) == [(0, 10), (10, 20), (20, 25)]
    text = "甲乙，" * 500
    spans = pieces(text, 250)
    assert spans[0][0] == 0
    assert spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < e - s <= 250 for s, e in spans)
    assert all(text[e - 1] == "，" for _, e in spans)
