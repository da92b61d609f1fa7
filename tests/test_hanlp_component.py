"""Pins the fix for HanLP 2.1.5's time-first CRF (see ``cnews_ie.backends._hanlp_component``).

With the stock ``RNNTaggingModel`` the CRF decodes batch-first emissions as time-first, so a
prediction over more than ~50 sentences returns the wrong number of results (or raises
``IndexError`` in ``reorder``).  The shipped model must return exactly one, aligned, result per
input sentence for a large batch.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnews_ie.normalize import matching_view

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = Path(os.environ.get("CNEWS_NER_MODEL", REPO / "src" / "cnews_ie" / "models" / "ner"))
MSRA_DEV = (
    Path(os.environ.get("CNEWS_CORPORA", REPO.parent / "shared" / "corpora")) / "msra" / "dev.tsv"
)
N_SENTENCES = 400


def _read_sentences(path: Path, limit: int) -> list[list[str]]:
    sents: list[list[str]] = []
    cur: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    if len(sents) >= limit:
                        break
                cur = []
                continue
            cur.append(matching_view(line.split("\t")[0]))
    return sents


@pytest.fixture(scope="module")
def ner():  # type: ignore[no-untyped-def]
    hanlp = pytest.importorskip("hanlp")
    if not (MODEL_DIR / "config.json").is_file():
        pytest.skip("shipped NER model not present")
    return hanlp.load(str(MODEL_DIR))


@pytest.fixture(scope="module")
def sentences() -> list[list[str]]:
    if MSRA_DEV.is_file():
        sents = _read_sentences(MSRA_DEV, N_SENTENCES)
    else:  # corpora not mounted: synthesise varied-length sentences
        base = list(
            matching_view(
                "据新华社北京１２月３１日电，国务院总理李鹏今天在人民大会堂会见了日本客人。"
            )
        )
        sents = [base[: 5 + (i * 7) % len(base)] for i in range(N_SENTENCES)]
    assert len(sents) >= 300
    return sents


def test_component_class_is_the_fixed_subclass(ner) -> None:  # type: ignore[no-untyped-def]
    from cnews_ie.backends import _hanlp_component, ner_model
    from cnews_ie.backends._hanlp_component import BatchFirstCRFNamedEntityRecognizer

    assert isinstance(ner, BatchFirstCRFNamedEntityRecognizer)
    assert ner.model.crf.batch_first is True
    # the shipped config.json names the old path, which re-exports the inference class; loading
    # the model imports no training code
    config = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    assert config["classpath"] == "cnews_ie.backends._hanlp_component.LexiconCharNER"
    assert type(ner) is _hanlp_component.LexiconCharNER is ner_model.LexiconCharNER
    assert not any("trainer" in name or name.startswith("training") for name in sys.modules)


def test_one_aligned_result_per_sentence(ner, sentences) -> None:  # type: ignore[no-untyped-def]
    results = ner(sentences, batch_size=64)
    assert len(results) == len(sentences)
    n_entities = 0
    for chars, ents in zip(sentences, results, strict=True):
        for text, label, start, end in ents:
            assert label in {"PER", "LOC", "ORG"}
            assert 0 <= start < end <= len(chars)
            # the entity text is the slice of *this* sentence: results are in input order
            assert text == "".join(chars[start:end])
            n_entities += 1
    assert n_entities > 100  # the model actually finds entities


def test_known_entities_and_long_input(ner) -> None:  # type: ignore[no-untyped-def]
    text = matching_view("国务院总理李鹏今天在北京人民大会堂会见了日本外务大臣。")
    ents = ner(list(text))
    found = {(t, label) for t, label, _b, _e in ents}
    assert ("李鹏", "PER") in found
    assert ("国务院", "ORG") in found
    # inputs longer than max_seq_len are chunked and merged back with correct offsets
    long = list(text) * 30
    ents = ner(long)
    assert all("".join(long[b:e]) == t for t, _label, b, e in ents)
    assert sum(1 for t, label, _b, _e in ents if (t, label) == ("李鹏", "PER")) >= 25


def _reference_features(
    entries: dict[str, Any], chars: str, n_categories: int, max_len: int = 10
) -> list[int]:
    """Every lexicon word found by brute force over all substrings, marked B / M / E for each of
    its categories (an int or a set of ints)."""
    bits = [0] * len(chars)
    for i in range(len(chars)):
        for j in range(i + 2, min(len(chars), i + max_len) + 1):
            cats = entries.get(chars[i:j])
            if cats is None:
                continue
            for cat in [cats] if isinstance(cats, int) else cats:
                bits[i] |= 1 << cat
                for k in range(i + 1, j - 1):
                    bits[k] |= 1 << (n_categories + cat)
                bits[j - 1] |= 1 << (2 * n_categories + cat)
    return bits


_WORDS: dict[str, int | set[int]] = {
    "金昌": 1,
    "金昌市": 1,
    "金川": 1,
    "金川集团": 2,
    "集团": 4,
    "集团公司": 2,
    "市委": 2,
    "市委书记": 4,
    "书记": 4,
    "王方太": 0,
    "方太": 3,
    "昌市委": 6,
    "金川集团公司": {2, 9},  # a jieba word that is also a training-corpus entity
    "团公": {4, 5, 8},
}


@given(st.text(alphabet="金昌市川集团公司委书记王方太的。", max_size=40))
@settings(max_examples=300, deadline=None)
def test_lexicon_features_find_every_word(text: str) -> None:
    from cnews_ie.backends._hanlp_component import Lexicon

    lexicon = Lexicon(_WORDS, n_categories=10)
    assert lexicon.features(list(text)) == _reference_features(_WORDS, text, 10)


def test_lexicon_rejects_a_category_beyond_its_width() -> None:
    from cnews_ie.backends._hanlp_component import Lexicon

    with pytest.raises(ValueError, match="category 9"):
        Lexicon({"金川集团": {2, 9}}, n_categories=7)


def test_lexicon_file_keeps_every_category(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cnews_ie.backends._hanlp_component import Lexicon

    path = str(tmp_path / "lexicon.tsv.gz")
    Lexicon(_WORDS, n_categories=10).write(path)
    again = Lexicon.read(path, n_categories=10)
    assert again.entries == Lexicon(_WORDS, n_categories=10).entries
    assert again.entries["金川集团公司"] == {2, 9}


def test_lexicon_features_of_the_shipped_lexicon(sentences) -> None:  # type: ignore[no-untyped-def]
    from cnews_ie.backends._hanlp_component import LEXICON_FILENAME, Lexicon

    config = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    n_categories = config.get("lex_categories", 7)
    lexicon = Lexicon.read(str(MODEL_DIR / LEXICON_FILENAME), n_categories)
    for chars in sentences[:100]:
        text = "".join(chars)
        assert lexicon.features(chars) == _reference_features(lexicon.entries, text, n_categories)


@given(st.lists(st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "I-ORG"]), max_size=30))
@settings(max_examples=300, deadline=None)
def test_bio_spans_are_hanlps_spans(tags: list[str]) -> None:
    from hanlp.utils.span_util import bio_tags_to_spans

    from cnews_ie.backends._hanlp_component import bio_spans

    expected = sorted((t, b, e + 1) for t, (b, e) in bio_tags_to_spans(tags))
    assert bio_spans(tags) == sorted(expected, key=lambda s: s[1])


@given(
    st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=2**31 - 1),
)
@settings(max_examples=60, deadline=None)
def test_numpy_viterbi_gives_hanlps_crf_paths(lengths: list[int], seed: int) -> None:
    import torch
    from hanlp.layers.crf.crf import CRF

    from cnews_ie.backends._hanlp_component import viterbi_decode

    generator = torch.Generator().manual_seed(seed)
    crf = CRF(5, batch_first=True)
    with torch.no_grad():
        for parameter in (crf.start_transitions, crf.transitions, crf.end_transitions):
            parameter.copy_(torch.randn(parameter.shape, generator=generator))
    lengths = sorted(lengths, reverse=True)
    emissions = torch.randn(len(lengths), lengths[0], 5, generator=generator)
    mask = torch.arange(lengths[0])[None, :] < torch.tensor(lengths)[:, None]
    expected = crf.decode(emissions, mask)
    got = viterbi_decode(
        emissions, mask, crf.start_transitions, crf.transitions, crf.end_transitions
    )
    assert got == expected
