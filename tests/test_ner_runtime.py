"""The NER network's runtime (``cnews_ie.backends.ner_runtime``): ONNX Runtime on one thread
gives the tags of the model's torch forward, follows the model's sizes, leaves torch's thread
setting alone, and hands back to torch (with a warning) for a network it cannot write."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import torch
from torch import nn

from cnews_ie.backends import ner_runtime
from cnews_ie.backends.ner_int8 import WEIGHT_LEVELS
from cnews_ie.backends.ner_model import LexiconCharTaggingModel
from cnews_ie.backends.ner_runtime import INPUTS
from cnews_ie.backends.ner_torch import onnx_tagger, torch_emissions
from test_hanlp_component import MODEL_DIR, MSRA_DEV, _read_sentences


@pytest.fixture(scope="module")
def ner() -> Iterator[Any]:
    hanlp = pytest.importorskip("hanlp")
    if not (MODEL_DIR / "config.json").is_file():
        pytest.skip("shipped NER model not present")
    component = hanlp.load(str(MODEL_DIR))
    yield component
    component.engine = "onnx"
    component.int8 = True


def _tags_by_engine(
    ner: Any, sentences: list[list[str]], engine: str, int8: bool = False, batch_size: int = 128
) -> list[Any]:
    """Tags with ``engine`` (and for ONNX, the float32 graph unless ``int8``)."""
    ner.engine, ner.int8 = engine, int8
    try:
        return list(ner(sentences, batch_size=batch_size))
    finally:
        ner.engine, ner.int8 = "onnx", True


def _msra_dev(limit: int) -> list[list[str]]:
    if not MSRA_DEV.is_file():
        pytest.skip("MSRA dev not mounted")
    return _read_sentences(MSRA_DEV, limit)


def test_onnx_gives_the_torch_tags(ner: Any) -> None:
    sentences = _msra_dev(600)
    onnx = _tags_by_engine(ner, sentences, "onnx")
    ner.int8 = False
    assert ner._runtime() is not None, "the shipped network must run in ONNX Runtime"
    ner.int8 = True
    assert onnx == _tags_by_engine(ner, sentences, "torch")
    assert sum(map(len, onnx)) > 300  # the sentences have entities to agree on


@pytest.mark.slow
def test_onnx_gives_the_torch_tags_on_all_of_msra_dev(ner: Any) -> None:
    sentences = _msra_dev(10**6)
    assert len(sentences) > 4000
    assert _tags_by_engine(ner, sentences, "onnx") == _tags_by_engine(ner, sentences, "torch")


def test_prediction_leaves_torchs_thread_setting_alone(ner: Any) -> None:
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        for engine in ("onnx", "torch"):
            _tags_by_engine(ner, [list("市委书记王方太在金昌市调研。")], engine)
            assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


def _batch(model: Any, lengths: list[int], seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    filled = np.arange(max(lengths))[None, :] < np.array(lengths)[:, None]
    shape = filled.shape
    arrays = {
        "token_id": rng.integers(1, model.char_embed.num_embeddings, shape),
        "bil_id": rng.integers(1, model.bigram_embed.num_embeddings, shape),
        "bir_id": rng.integers(1, model.bigram_embed.num_embeddings, shape),
        "lex_id": rng.integers(0, 1 << model.lex_proj.in_features, shape),
    }
    return {k: np.where(filled, v, 0) for k, v in arrays.items()}


@pytest.mark.parametrize(
    "sizes",
    [
        {},  # the constructor's defaults
        {"char_dim": 16, "bigram_dim": 8, "lex_dim": 4, "rnn_hidden": 12, "lex_bits": 21},
        {"char_dim": 12, "n_domains": 1, "rnn_hidden": 7, "lex_bits": 30},
        {"n_domains": 3, "domain_dim": 5, "rnn_hidden": 33},
    ],
)
def test_the_graph_follows_the_models_sizes(sizes: dict[str, int]) -> None:
    torch.manual_seed(7)
    model = LexiconCharTaggingModel(n_chars=50, n_bigrams=80, n_tags=7, **sizes).eval()
    domain = model.domain_embed.num_embeddings - 1 if model.domain_embed is not None else 0
    tagger = onnx_tagger(model, domain)
    assert tagger is not None
    lengths = [11, 3, 1, 8]
    arrays = _batch(model, lengths, seed=len(sizes))
    got = tagger.emissions(arrays, np.array(lengths))
    expected = torch_emissions(model, arrays, domain)
    for row, n in enumerate(lengths):
        np.testing.assert_allclose(got[row, :n], expected[row, :n], rtol=0, atol=1e-5)
    assert set(arrays) == set(INPUTS)


class _TwoLayers(LexiconCharTaggingModel):
    def __init__(self) -> None:
        super().__init__(n_chars=30, n_bigrams=30, n_tags=5, rnn_hidden=6)
        self.lstm = nn.LSTM(
            self.lstm.input_size, 6, num_layers=2, batch_first=True, bidirectional=True
        )


class _ScaledForward(LexiconCharTaggingModel):
    """A forward this runtime does not know: the same modules, other emissions."""

    def forward(self, x: torch.Tensor, batch: Any = None, **kwargs: Any) -> Any:
        emissions, mask = super().forward(x, batch=batch, **kwargs)
        return emissions * 2 + 1, mask


@pytest.mark.parametrize(
    "make",
    [_TwoLayers, lambda: _ScaledForward(n_chars=30, n_bigrams=30, n_tags=5, rnn_hidden=6)],
    ids=["two-lstm-layers", "other-forward"],
)
def test_a_network_the_graph_does_not_write_runs_in_torch(make: Any) -> None:
    torch.manual_seed(3)
    model = make().eval()
    with pytest.warns(RuntimeWarning, match="runs in torch"):
        assert onnx_tagger(model, 0) is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        arrays = _batch(model, [4, 2], seed=1)
        assert torch_emissions(model, arrays, 0).shape == (2, 4, 5)


def test_the_shipped_network_runs_in_int8_by_default(ner: Any) -> None:
    assert ner.int8 is True
    runtime = ner._runtime()
    assert runtime is not None
    assert runtime.int8, "the shipped weights must admit a sentinel"


def test_int8_tags_do_not_depend_on_the_batch(ner: Any) -> None:
    # the int8 kernel quantises its inputs with one scale per matrix; the sentinel row pins
    # those scales, so a sentence alone gets the tags it gets among others
    sentences = _msra_dev(300)[100:300]
    together = _tags_by_engine(ner, sentences, "onnx", int8=True)
    alone = [_tags_by_engine(ner, [s], "onnx", int8=True)[0] for s in sentences[:60]]
    shuffled = _tags_by_engine(ner, sentences[::-1], "onnx", int8=True, batch_size=7)[::-1]
    assert alone == together[:60]
    assert shuffled == together


def test_int8_keeps_nearly_all_of_the_float32_entities(ner: Any) -> None:
    sentences = _msra_dev(600)
    int8 = _tags_by_engine(ner, sentences, "onnx", int8=True)
    exact = _tags_by_engine(ner, sentences, "onnx", int8=False)
    same = sum(a == b for a, b in zip(int8, exact, strict=True))
    assert same >= 0.98 * len(sentences)
    found = sum(map(len, int8))
    assert abs(found - sum(map(len, exact))) <= 0.02 * found


def _scale_input_weights(model: Any, factor: float) -> None:
    with torch.no_grad():
        for name in ("weight_ih_l0", "weight_ih_l0_reverse"):
            weight: torch.Tensor = getattr(model.lstm, name)
            weight.mul_(factor)


@pytest.mark.parametrize("levels", [WEIGHT_LEVELS, WEIGHT_LEVELS[1:]], ids=["any", "7-bit"])
@pytest.mark.parametrize("sizes", [{}, {"n_domains": 1, "rnn_hidden": 33}])
def test_an_int8_graph_gives_each_row_its_own_emissions(
    sizes: dict[str, int], levels: tuple[int, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 8-bit weights where the CPU's kernel adds its products without saturating (VNNI), 7-bit
    # ones where it saturates (AVX2 alone); the 7-bit graph must pass on every CPU
    monkeypatch.setattr(ner_runtime, "WEIGHT_LEVELS", levels)
    torch.manual_seed(11)
    model = LexiconCharTaggingModel(n_chars=50, n_bigrams=80, n_tags=7, **sizes).eval()
    _scale_input_weights(model, 4.0)  # as large as trained ones (the initial ones are too
    # small to saturate a gate: no sentinel)
    tagger = onnx_tagger(model, 0, int8=True)
    assert tagger is not None
    assert tagger.int8
    assert tagger.levels in levels
    lengths = [13, 9, 4, 1]
    arrays = _batch(model, lengths, seed=5)
    got = tagger.emissions(arrays, np.array(lengths))
    expected = torch_emissions(model, arrays, 0)
    for row, n in enumerate(lengths):
        alone = tagger.emissions(
            {k: v[row : row + 1, :n] for k, v in arrays.items()}, np.array([n])
        )
        np.testing.assert_array_equal(alone[0], got[row, :n])
        spread = float(np.ptp(expected[row, :n]))
        assert float(np.abs(got[row, :n] - expected[row, :n]).max()) <= 0.05 * spread + 1e-6


def test_weights_without_a_sentinel_fall_back_to_float32() -> None:
    torch.manual_seed(5)
    model = LexiconCharTaggingModel(n_chars=30, n_bigrams=30, n_tags=5, rnn_hidden=6).eval()
    _scale_input_weights(model, 1e-3)  # gates too weak to saturate within the input's range
    with pytest.warns(RuntimeWarning, match="int8 graph .* not used .*sentinel"):
        tagger = onnx_tagger(model, 0, int8=True)
    assert tagger is not None
    assert not tagger.int8
    arrays = _batch(model, [5, 3], seed=2)
    np.testing.assert_allclose(
        tagger.emissions(arrays, np.array([5, 3]))[0],
        torch_emissions(model, arrays, 0)[0],
        rtol=0,
        atol=1e-5,
    )
