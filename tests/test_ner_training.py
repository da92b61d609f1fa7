"""The training code of the NER model (``training/ner_trainer.py``): vocabularies, pretrained
vectors, unknown-id dropout, the weight average and the fit loop."""

from __future__ import annotations

import doctest
import functools
import json
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from scripts import load_script

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "src" / "cnews_ie" / "models" / "ner"


@pytest.fixture(scope="module")
def trainer() -> ModuleType:
    pytest.importorskip("hanlp")
    return load_script("training/ner_trainer.py")


@functools.cache
def _shipped() -> Any:
    import hanlp

    return hanlp.load(str(MODEL_DIR))


def test_doctests(trainer: ModuleType) -> None:
    assert doctest.testmod(trainer).failed == 0


def test_unknown_id_dropout_keeps_padding_and_hits_its_rate(trainer: ModuleType) -> None:
    import torch

    ner = trainer.LexiconCharNERTrainer()
    ner.vocabs = _shipped().vocabs

    torch.manual_seed(7)
    ids = torch.randint(2, 500, (64, 50))
    ids[:, 40:] = 0  # padding
    batch = {"token_id": ids.clone(), "bil_id": ids.clone(), "bir_id": ids.clone()}
    unk = {
        k: ner.vocabs[v].token_to_idx[ner.vocabs[v].unk_token]
        for k, v in (("token_id", "token"), ("bil_id", "bigram"), ("bir_id", "bigram"))
    }
    ner._drop_to_unk(batch, 0.0)
    assert all(torch.equal(batch[k], ids) for k in unk)
    ner._drop_to_unk(batch, 0.25)
    for key, unk_id in unk.items():
        got = batch[key]
        assert torch.equal(got[:, 40:], ids[:, 40:])  # padding is never replaced
        changed = got[:, :40].ne(ids[:, :40])
        assert bool(got[:, :40][changed].eq(unk_id).all())  # a replaced id is the unknown id
        assert 0.2 < float(changed.float().mean()) < 0.3
    ner._drop_to_unk(batch, 1.0)
    for key, unk_id in unk.items():
        assert bool(batch[key][:, :40].eq(unk_id).all())


def test_weight_average_follows_the_closed_form_and_swaps_back(trainer: ModuleType) -> None:
    import copy

    import torch

    WeightAverage = trainer.WeightAverage  # noqa: N806

    model = copy.deepcopy(_shipped().model)
    start = [p.detach().clone() for p in model.parameters()]
    average = WeightAverage(model, decay=0.9)
    for k in range(3):
        with torch.no_grad():
            for p in model.parameters():
                p.add_(float(k + 1))
        average.update()
    trained = [p.detach().clone() for p in model.parameters()]
    # avg_k = 0.9 avg_{k-1} + 0.1 theta_k, with theta_k = theta_0 + 1 + ... + k
    offset = 0.0
    for k in range(1, 4):
        offset = 0.9 * offset + 0.1 * sum(range(1, k + 1))
    average.swap()
    for p, s in zip(model.parameters(), start, strict=True):
        assert torch.allclose(p, s + offset, atol=1e-4)
    average.swap()
    assert all(torch.equal(p, t) for p, t in zip(model.parameters(), trained, strict=True))
    with pytest.raises(ValueError, match="decay"):
        WeightAverage(model, decay=1.0)


def test_pretrained_characters_join_the_vocabulary_and_can_stay_fixed(trainer: ModuleType) -> None:
    LexiconCharNER = trainer.LexiconCharNERTrainer  # noqa: N806

    tags = ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-LOC"]
    samples = [{"token": list("王方太到金昌"), "tag": tags}]
    vectors = {c: [float(k)] * 8 for k, c in enumerate("鼋王甪")}

    def component(**config: Any) -> Any:
        made = LexiconCharNER()
        made.config.update(char_dim=8, bigram_dim=4, rnn_hidden=4, lex_dim=4, **config)
        made.pretrained_vectors = {"token": vectors}
        made.build_vocabs(samples)
        return made

    plain = component()
    # equal counts: code point order
    assert plain.vocabs["token"].idx_to_token[2:] == sorted("王方太到金昌")
    model = plain.build_model(training=True)
    assert model.char_embed.weight[plain.vocabs["token"].token_to_idx["王"]].tolist() == [1.0] * 8
    assert model.char_embed.weight.requires_grad

    extended = component(char_vocab_from_vectors=True)
    chars = extended.vocabs["token"]
    # training characters first, as without vectors, then those only the vectors know
    assert chars.idx_to_token[2:] == [*sorted("王方太到金昌"), "甪", "鼋"]
    model = extended.build_model(training=True)
    assert model.char_embed.weight[chars.token_to_idx["鼋"]].tolist() == [0.0] * 8
    assert model.char_embed.weight[chars.token_to_idx["甪"]].tolist() == [2.0] * 8

    frozen = component(char_vocab_from_vectors=True, freeze_char_vectors=True)
    assert not frozen.build_model(training=True).char_embed.weight.requires_grad
    assert frozen.build_model(training=True).bigram_embed.weight.requires_grad


def test_pretrained_bigrams_extend_the_vocabulary_in_their_frequency_order(
    trainer: ModuleType,
) -> None:
    LexiconCharNER = trainer.LexiconCharNERTrainer  # noqa: N806

    tags = ["B-PER", "I-PER", "O", "B-LOC"]
    samples = [{"token": list("李四去京"), "tag": tags}] * 2  # every training bigram twice
    # in order of frequency in the pretraining text: one training bigram among new ones
    vectors = {b: [float(k)] * 4 for k, b in enumerate(["张三", "四去", "赵六", "钱七", "孙八"])}
    made = LexiconCharNER()
    made.config.update(char_dim=8, bigram_dim=4, rnn_hidden=4, lex_dim=4, bigram_vocab_extra=2)
    made.pretrained_vectors = {"bigram": vectors}
    made.build_vocabs(samples)
    bigrams = made.vocabs["bigram"]
    training = sorted(["<S>李", "李四", "四去", "去京", "京</S>"])
    # training bigrams first, then the two most frequent pretrained ones training lacks
    assert bigrams.idx_to_token[2:] == [*training, "张三", "赵六"]
    model = made.build_model(training=True)
    assert model.bigram_embed.weight[bigrams.token_to_idx["赵六"]].tolist() == [2.0] * 4
    assert model.bigram_embed.weight[bigrams.token_to_idx["四去"]].tolist() == [1.0] * 4

    # a mix keeps part of the random start: mix * pretrained + sqrt(1 - mix^2) * random
    import torch

    rows = {}
    for mix in (0.0, 0.6):
        made.config.update(bigram_vector_mix=mix)
        torch.manual_seed(7)
        rows[mix] = made.build_model(training=True).bigram_embed.weight[
            bigrams.token_to_idx["赵六"]
        ]
    expected = 0.6 * torch.full((4,), 2.0) + 0.8 * rows[0.0]
    assert torch.allclose(rows[0.6], expected, atol=1e-6)


@pytest.mark.slow
def test_training_with_a_weight_average_leaves_the_kept_weights_in_the_model(
    trainer: ModuleType, tmp_path: Path
) -> None:
    # one epoch: the best epoch is the last, so nothing is reloaded from disk; the model must
    # still hold the averaged weights that were evaluated and saved, not the raw ones
    import torch

    tags = ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-LOC"]
    samples = [{"token": list("王方太到金昌"), "tag": tags, "dom_id": 0}] * 8
    component = trainer.LexiconCharNERTrainer()
    component.fit(
        samples, samples, str(tmp_path), batch_size=4, epochs=1, lr=0.05, drop=0.0,
        rnn_hidden=4, char_dim=8, bigram_dim=4, lex_dim=4, n_domains=1,
        tagging_scheme="BIO", token_key="token", crf=True, seed=1, devices=-1,
        eval_trn=False, ema=0.5,
    )  # fmt: skip
    from cnews_ie.backends.ner_onnx import read_weights

    saved = {k: torch.from_numpy(v) for k, v in read_weights(tmp_path / "weights.npz").items()}
    kept = component.model_.state_dict()
    assert saved.keys() == kept.keys()
    assert all(torch.equal(kept[k].to(saved[k].dtype), saved[k]) for k in saved)
    # the saved model names the inference class: loading it never imports the training code
    config = json.loads((tmp_path / "config.json").read_text(encoding="utf-8"))
    assert config["classpath"] == "cnews_ie.backends.ner_model.LexiconCharNER"


@pytest.mark.slow
def test_a_model_trained_with_softlexicon_saves_loads_and_tags_alike(
    trainer: ModuleType, tmp_path: Path
) -> None:
    # a tiny model that reads SoftLexicon features: trained (HanLP's loop computes the
    # features per batch), saved with its word vectors, loaded by hanlp.load; its tags are the
    # same in ONNX Runtime (float32 and int8) and torch, alone and in a batch
    import hanlp
    import numpy as np

    from cnews_ie.backends.ner_softlexicon import SOFTLEXICON_FILENAME, SoftLexicon

    words = ["青石", "青石镇", "河口", "石材厂", "镇长", "青", "镇", "的"]
    rng = np.random.default_rng(3)
    soft = SoftLexicon(words, rng.integers(1, 50, len(words)), rng.normal(size=(8, 4)))
    tags = ["B-LOC", "I-LOC", "I-LOC", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"]
    samples = [{"token": list("青石镇镇长到河口石材厂"), "tag": tags, "dom_id": 0}] * 8
    component = trainer.LexiconCharNERTrainer()
    component.softlexicon = soft.quantized()
    component.fit(
        samples, samples, str(tmp_path), batch_size=4, epochs=2, lr=0.05, drop=0.0,
        rnn_hidden=6, char_dim=8, bigram_dim=4, lex_dim=4, n_domains=1,
        tagging_scheme="BIO", token_key="token", crf=True, seed=1, devices=-1,
        eval_trn=False, soft_in=soft.width, soft_dim=5,
    )  # fmt: skip
    component.save(str(tmp_path))
    assert (tmp_path / SOFTLEXICON_FILENAME).is_file()
    loaded = hanlp.load(str(tmp_path))
    assert loaded.softlexicon is not None
    assert loaded.softlexicon.words == words
    assert loaded.model.soft_proj.in_features == soft.width
    sentences = [list("河口青石镇的镇长"), list("青石镇镇长到河口石材厂"), list("的")]
    results = {}
    for engine, int8 in (("torch", False), ("onnx", False), ("onnx", True)):
        loaded.engine, loaded.int8 = engine, int8
        with warnings.catch_warnings():  # a model this small may admit no int8 sentinel
            warnings.simplefilter("ignore", RuntimeWarning)
            together = loaded(sentences)
        assert [loaded([s])[0] for s in sentences] == together
        results[engine, int8] = together
    assert results["torch", False] == results["onnx", False]
    loaded.engine = "onnx"
    # the saved directory run without torch (weights.npz, softlexicon.npz): the same tags
    from cnews_ie.backends.ner_onnx import OnnxNER

    plain = OnnxNER.load(tmp_path)
    for int8 in (False, True):
        plain.int8 = loaded.int8 = int8
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            assert plain(sentences) == loaded(sentences)
    loaded.int8 = True
