"""The NER model's batch featuriser and decoder (``backends/ner_features.py``,
``ner_model.viterbi_paths``) give exactly what the per-sentence code gives."""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnews_ie.backends.ner_features import BatchFeatures, KeyTable, LexiconIndex, TokenIndex
from cnews_ie.backends.ner_lexicon import Lexicon
from cnews_ie.normalize import matching_view

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = Path(os.environ.get("CNEWS_NER_MODEL", REPO / "src" / "cnews_ie" / "models" / "ner"))

# invented words over a small alphabet, so that random text holds many of them, nested and
# overlapping; several categories for some
_WORDS: dict[str, int | set[int]] = {
    "青石": 1,
    "青石镇": 1,
    "石镇": 0,
    "河口": 1,
    "河口石材厂": {2, 9},
    "石材": 4,
    "石材厂": 2,
    "材厂": 6,
    "镇长": 4,
    "青石镇镇长": 3,
    "长河": 5,
    "口石": {4, 8},
}
_ALPHABET = "青石镇河口材厂长的。"


def _pieces(text: str, cuts: list[int]) -> list[list[str]]:
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    return [list(text[a:b]) for a, b in pairwise(bounds) if b > a]


@given(
    st.text(alphabet=_ALPHABET, min_size=1, max_size=40),
    st.lists(st.integers(min_value=0, max_value=40), max_size=5),
)
@settings(max_examples=300, deadline=None)
def test_lexicon_bits_of_pieces_laid_end_to_end(text: str, cuts: list[int]) -> None:
    lexicon = Lexicon(_WORDS, n_categories=10)
    index = LexiconIndex(lexicon.prefixes, 10)
    pieces = _pieces(text, cuts)
    lengths = np.array([len(p) for p in pieces])
    ends = np.repeat(np.cumsum(lengths), lengths)
    points = np.array([ord(c) for p in pieces for c in p], dtype=np.uint64)
    expected = [bit for p in pieces for bit in lexicon.features(p)]
    assert index.bits(points, ends).tolist() == expected


@pytest.fixture(scope="module")
def ner():  # type: ignore[no-untyped-def]
    hanlp = pytest.importorskip("hanlp")
    if not (MODEL_DIR / "config.json").is_file():
        pytest.skip("shipped NER model not present")
    return hanlp.load(str(MODEL_DIR))


def test_batch_features_are_the_per_sentence_features(ner) -> None:  # type: ignore[no-untyped-def]
    from cnews_ie.backends.ner_runtime import INPUTS

    texts = [
        "青石镇人民政府今天召开会议，镇长李青山主持。",
        "Ｂ站与ABC公司签约，金额达3.5亿元",
        "𠀀𪚥龘字不在字表里",  # characters beyond the BMP and outside the vocabulary
        "一",
        "据报道，",
        "河口石材厂在青石镇的东边，镇长说：“今年产值增长12%。”",
    ]
    pieces = [list(matching_view(t)) for t in texts * 3]
    flat, starts = ner._batch_features(pieces)
    assert isinstance(ner._features, BatchFeatures)
    for piece, start in zip(pieces, starts.tolist(), strict=True):
        sample = ner._featurize({"token": piece})
        for key in INPUTS:
            assert flat[key][start : start + len(piece)].tolist() == list(sample[key]), key


@given(
    st.lists(st.integers(0, 2**42), max_size=300),
    st.lists(st.integers(0, 2**42), max_size=50),
    st.sampled_from([3, 64, 2**42]),
)
@settings(max_examples=200, deadline=None)
def test_key_table_ranks_as_binary_search(keys: list[int], others: list[int], span: int) -> None:
    # hashed look-up of sorted keys (duplicates and collisions included): the rank a binary
    # search gives each key that is one (the first of equal keys), -1 for any other
    ordered = np.sort(np.array([k % span for k in keys], dtype=np.uint64))
    query = np.concatenate([ordered, np.array([k % span for k in others], dtype=np.uint64)])
    expected = np.searchsorted(ordered, query).clip(0, max(len(ordered) - 1, 0))
    if len(ordered):
        expected[ordered[expected] != query] = -1
    else:
        expected[:] = -1
    assert KeyTable(ordered).rank(query).tolist() == expected.tolist()


def test_bigram_index_reads_sentence_marks() -> None:
    index = TokenIndex.of_bigrams({"<S>青": 3, "青石": 4, "石</S>": 5, "<unk>": 1}, 1)
    bos, eos = 0x110000, 0x110001
    keys = np.array([bos << 21 | ord("青"), ord("青") << 21 | ord("石"), ord("石") << 21 | eos])
    assert index(keys.astype(np.uint64)).tolist() == [3, 4, 5]
    assert index(np.array([ord("石") << 21 | ord("青")], dtype=np.uint64)).tolist() == [1]


@given(
    st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=8),
    st.integers(min_value=0, max_value=2**31 - 1),
)
@settings(max_examples=100, deadline=None)
def test_viterbi_paths_of_a_batch_in_any_order(lengths: list[int], seed: int) -> None:
    from cnews_ie.backends.ner_model import viterbi_paths

    rng = np.random.default_rng(seed)
    n_tags = 5
    start, end = (rng.standard_normal(n_tags).astype(np.float32) for _ in range(2))
    trans = rng.standard_normal((n_tags, n_tags)).astype(np.float32)
    em = rng.standard_normal((len(lengths), max(lengths), n_tags)).astype(np.float32)
    got = viterbi_paths(em, np.array(lengths), start, trans, end)
    alone = [
        viterbi_paths(em[i : i + 1, :n], np.array([n]), start, trans, end)[0]
        for i, n in enumerate(lengths)
    ]
    assert got == alone
    assert [len(p) for p in got] == lengths
