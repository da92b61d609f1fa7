"""The SoftLexicon features of the NER model (``backends/ner_softlexicon.py``): each
character's B / M / E / S word sets, weighted by frequency and normalised over the four sets,
as a plain reading of Ma et al. (2020) computes them; the file round trip; the reach that the
int8 graph's sentinel relies on; and a network that reads them runs in ONNX Runtime with the
torch forward's emissions, a sentence's tags independent of its batch."""

from __future__ import annotations

import warnings
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from cnews_ie.backends.ner_lexicon import Lexicon
from cnews_ie.backends.ner_model import LexiconCharTaggingModel
from cnews_ie.backends.ner_softlexicon import SoftLexicon, quantize_rows
from cnews_ie.backends.ner_torch import onnx_tagger, torch_emissions
from test_ner_features import MODEL_DIR

# invented words over a small alphabet (nested, overlapping), and some single characters
_WORDS = ["青石", "青石镇", "石镇", "河口", "河口石材厂", "石材", "石材厂", "材厂", "镇长"]
_WORDS += ["青石镇镇长", "长河", "口石", "青", "石", "镇", "的", "。"]
_ALPHABET = "青石镇河口材厂长的。"


def _soft(words: list[str], dim: int = 3, seed: int = 0) -> SoftLexicon:
    rng = np.random.default_rng(seed)
    counts = rng.integers(1, 1000, len(words))
    return SoftLexicon(words, counts, rng.normal(size=(len(words), dim)).astype(np.float32))


def _plain(soft: SoftLexicon, piece: str) -> np.ndarray:
    """The features of one piece, word by word and character by character."""
    row = {w: i for i, w in enumerate(soft.words)}
    n, dim = len(piece), soft.dim
    sums = np.zeros((n, 4, dim))
    total = np.zeros(n)
    for i in range(n):
        for a in range(n):
            for b in range(a + 2, min(n, a + 10) + 1):
                w = piece[a:b]
                if w in row and a <= i < b:
                    slot = 0 if i == a else 2 if i == b - 1 else 1
                    sums[i, slot] += soft.counts[row[w]] * soft.vectors[row[w]]
                    total[i] += soft.counts[row[w]]
        if piece[i] in row:
            sums[i, 3] += soft.counts[row[piece[i]]] * soft.vectors[row[piece[i]]]
            total[i] += soft.counts[row[piece[i]]]
    scale = np.where(total > 0, 4.0 / np.where(total > 0, total, 1.0), 0.0)
    out: np.ndarray = (sums * scale[:, None, None]).reshape(n, 4 * dim)
    return out


def _pieces(text: str, cuts: list[int]) -> list[str]:
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    return [text[a:b] for a, b in pairwise(bounds) if b > a]


@given(
    st.text(alphabet=_ALPHABET, min_size=1, max_size=40),
    st.lists(st.integers(min_value=0, max_value=40), max_size=5),
)
@settings(max_examples=200, deadline=None)
def test_features_of_pieces_laid_end_to_end(text: str, cuts: list[int]) -> None:
    soft = _soft(_WORDS)
    pieces = _pieces(text, cuts)
    got = soft.features_of([list(p) for p in pieces])
    expected = np.concatenate([_plain(soft, p) for p in pieces])
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_the_four_sets_of_one_sentence() -> None:
    # 青石镇镇长: 青石 and 青石镇 begin at 青, which is also a word; 石镇 ends at 镇 ...
    words = ["青石", "青石镇", "石镇", "镇长", "青"]
    vectors = np.eye(5, dtype=np.float32)  # word i's vector is the i-th unit vector
    soft = SoftLexicon(words, np.array([1, 2, 3, 4, 10]), vectors)
    f = soft.features_of([list("青石镇长")]).reshape(4, 4, 5)
    # 青: B = {青石 (1), 青石镇 (2)}, S = {青 (10)}; Z = 13
    np.testing.assert_allclose(f[0, 0], 4 / 13 * np.array([1, 2, 0, 0, 0]), rtol=1e-6)
    np.testing.assert_allclose(f[0, 3], 4 / 13 * np.array([0, 0, 0, 0, 10]), rtol=1e-6)
    # 石: M = {青石镇}, E = {青石}, B = {石镇}; Z = 6
    np.testing.assert_allclose(f[1, 0], 4 / 6 * np.array([0, 0, 3, 0, 0]), rtol=1e-6)
    np.testing.assert_allclose(f[1, 1], 4 / 6 * np.array([0, 2, 0, 0, 0]), rtol=1e-6)
    np.testing.assert_allclose(f[1, 2], 4 / 6 * np.array([1, 0, 0, 0, 0]), rtol=1e-6)
    # 长: E = {镇长} alone: all the weight in one set
    np.testing.assert_allclose(f[3, 2], [0, 0, 0, 4, 0], rtol=1e-6)
    assert not f[3, [0, 1, 3]].any()


@pytest.fixture(scope="module")
def real() -> tuple[SoftLexicon, Lexicon]:
    """The shipped model's lexicon words (jieba's and the gazetteer's) and their characters,
    with made-up counts and vectors."""
    path = Path(MODEL_DIR) / "lexicon.tsv.gz"
    if not path.is_file():
        pytest.skip("shipped NER model not present")
    lexicon = Lexicon.read(str(path), n_categories=10)
    words = sorted(lexicon.entries)
    words += sorted({c for w in words for c in w})
    return _soft(words, dim=4, seed=1), lexicon


_INVENTED = [
    "青禾县新建的光伏电站于三月并网发电，年发电量约两亿千瓦时。",
    "市交通运输局副局长在座谈会上介绍了城乡公交一体化的进展。",
    "据南湾港务集团有限公司消息，今年前十个月集装箱吞吐量同比增长百分之八。",
    "A股市场周三小幅收涨，新能源板块领涨。",
]


def test_real_lexicon_sets_follow_the_lexicon_bits(real: tuple[SoftLexicon, Lexicon]) -> None:
    soft, lexicon = real
    for sentence in _INVENTED:
        chars = list(sentence)
        got = soft.features_of([chars])
        np.testing.assert_allclose(got, _plain(soft, sentence), rtol=1e-4, atol=1e-5)
        # a character has a B / M / E set exactly where the lexicon sets a B / M / E bit
        bits = np.array(lexicon.features(chars))
        sets = got.reshape(len(chars), 4, soft.dim)
        for slot in range(3):
            has_bit = (bits >> (10 * slot)) & 1023 != 0
            np.testing.assert_array_equal(np.abs(sets[:, slot]).sum(axis=1) > 0, has_bit)


def test_file_round_trip_gives_the_stored_vectors(tmp_path: Path) -> None:
    soft = _soft(_WORDS, dim=6, seed=3)
    soft.write(str(tmp_path / "s.npz"))
    back = SoftLexicon.read(str(tmp_path / "s.npz"))
    assert back.words == soft.words
    np.testing.assert_array_equal(back.counts, soft.counts)
    np.testing.assert_array_equal(back.vectors, soft.quantized().vectors)
    step = np.abs(soft.vectors).max(axis=1, keepdims=True) / 127
    assert (np.abs(back.vectors - soft.vectors) <= step / 2 + 1e-7).all()
    q, scale = quantize_rows(back.vectors)  # quantising again changes nothing
    np.testing.assert_allclose(q * scale[:, None], back.vectors, rtol=1e-6, atol=1e-7)


@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=30))
@settings(max_examples=100, deadline=None)
def test_every_feature_lies_within_the_reach(text: str) -> None:
    soft = _soft(_WORDS, dim=3, seed=4)
    weight = np.random.default_rng(5).normal(size=(6, soft.width)).astype(np.float32)
    low, high = soft.reach(weight)
    values = soft.features_of([list(text)]) @ weight.T
    assert (values >= low - 1e-4).all()
    assert (values <= high + 1e-4).all()


def _batch(model: Any, soft: SoftLexicon, texts: list[str], seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    lengths = np.array([len(t) for t in texts])
    filled = np.arange(lengths.max())[None, :] < lengths[:, None]
    arrays = {
        "token_id": rng.integers(1, model.char_embed.num_embeddings, filled.shape),
        "bil_id": rng.integers(1, model.bigram_embed.num_embeddings, filled.shape),
        "bir_id": rng.integers(1, model.bigram_embed.num_embeddings, filled.shape),
        "lex_id": rng.integers(0, 1 << model.lex_proj.in_features, filled.shape),
    }
    batch = {k: np.where(filled, v, 0) for k, v in arrays.items()}
    batch["soft"] = soft.padded([list(t) for t in texts], int(lengths.max()))
    return batch


_TEXTS = ["青石镇镇长到河口石材厂。", "石材的", "镇", "河口青石镇长河的石材厂镇长"]


@pytest.mark.parametrize("int8", [False, True])
def test_a_network_with_softlexicon_runs_in_onnx(int8: bool) -> None:
    torch.manual_seed(13)
    soft = _soft(_WORDS, dim=5, seed=6)
    model = LexiconCharTaggingModel(
        n_chars=40, n_bigrams=60, n_tags=7, rnn_hidden=16, soft_in=soft.width, soft_dim=8
    ).eval()
    with torch.no_grad():  # as large as trained weights (initial ones saturate no gate)
        for name in ("weight_ih_l0", "weight_ih_l0_reverse"):
            getattr(model.lstm, name).mul_(4.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tagger = onnx_tagger(model, 0, int8=int8, soft=soft)
    assert tagger is not None
    assert tagger.int8 == int8
    arrays = _batch(model, soft, _TEXTS, seed=7)
    lengths = np.array([len(t) for t in _TEXTS])
    got = tagger.emissions(arrays, lengths)
    expected = torch_emissions(model, arrays, 0)
    for row, n in enumerate(lengths):
        alone = tagger.emissions(
            {k: v[row : row + 1, :n] for k, v in arrays.items()}, lengths[row : row + 1]
        )
        np.testing.assert_array_equal(alone[0], got[row, :n])
        gap = float(np.abs(got[row, :n] - expected[row, :n]).max())
        assert gap <= (0.05 * float(np.ptp(expected[row, :n])) if int8 else 1e-5)


def test_a_network_with_softlexicon_needs_it() -> None:
    model = LexiconCharTaggingModel(n_chars=20, n_bigrams=20, n_tags=5, soft_in=8).eval()
    with pytest.raises(ValueError, match="SoftLexicon"):
        onnx_tagger(model, 0)


def test_a_model_directory_without_the_file_has_no_softlexicon() -> None:
    hanlp = pytest.importorskip("hanlp")
    if not (Path(MODEL_DIR) / "config.json").is_file():
        pytest.skip("shipped NER model not present")
    config = (Path(MODEL_DIR) / "config.json").read_text(encoding="utf-8")
    if '"soft_in"' in config and (Path(MODEL_DIR) / "softlexicon.npz").is_file():
        pytest.skip("the shipped model reads SoftLexicon features")
    ner = hanlp.load(str(MODEL_DIR))
    assert ner.softlexicon is None
    assert ner.model.soft_proj is None
    assert ner.lexicon is not None  # the lexicon bits are still read
    assert ner([list("青禾县县长在南湾港调研。")])  # and it tags
