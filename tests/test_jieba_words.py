"""``jieba_backend.dictionary_words`` cuts exactly as ``jieba.lcut(text, HMM=False)``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnews_ie.backends.jieba_backend import dictionary_words, jieba_module

REPO = Path(__file__).resolve().parents[1]
MSRA_DEV = (
    Path(os.environ.get("CNEWS_CORPORA", REPO.parent / "shared" / "corpora")) / "msra" / "dev.tsv"
)

# characters that make many dictionary words together (ties and nested words included), Latin
# letters and digits (run together when jieba leaves them single), spaces, line breaks and
# punctuation (outside jieba's blocks)
_ALPHABET = "中国人民大会堂长江大桥北京市委书记研究生命起源的了和是在有一二三年月日abcXY09+#&._%- \r\n\t，。、“”（）"


@given(st.text(alphabet=_ALPHABET, max_size=60))
@settings(max_examples=400, deadline=None)
def test_dictionary_words_are_jiebas(text: str) -> None:
    assert dictionary_words(text) == jieba_module().lcut(text, HMM=False)


def test_dictionary_words_of_news_sentences() -> None:
    if not MSRA_DEV.is_file():
        pytest.skip("corpora not mounted")
    blocks = MSRA_DEV.read_text(encoding="utf-8").split("\n\n")[:1500]
    texts = ["".join(line.split("\t", 1)[0] for line in b.splitlines() if line) for b in blocks]
    jieba = jieba_module()
    assert [dictionary_words(t) for t in texts] == [jieba.lcut(t, HMM=False) for t in texts]


def test_dictionary_words_read_words_a_user_added(monkeypatch: pytest.MonkeyPatch) -> None:
    jieba = jieba_module()
    monkeypatch.setattr(jieba.dt, "FREQ", dict(jieba.dt.FREQ))
    monkeypatch.setattr(jieba.dt, "total", jieba.dt.total)
    text = "青石河口镇长今天去了石材厂"
    before = dictionary_words(text)
    jieba.dt.add_word("青石河口", 50_000)
    assert dictionary_words(text) == jieba.lcut(text, HMM=False) != before
    assert dictionary_words(text)[0] == "青石河口"
