"""The shipped NER model without torch or HanLP (``cnews_ie.backends.ner_onnx``): numpy weights,
the ONNX graph, the same entities as the model loaded with ``hanlp.load``."""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import cnews_ie
from cnews_ie.backends.hanlp_backend import HanLPBackend, shipped_model_dir
from cnews_ie.backends.ner_onnx import WEIGHTS_FILENAME, OnnxNER, read_weights, write_weights
from cnews_ie.backends.ner_runtime import OnnxTagger, network_problem
from test_hanlp_component import MSRA_DEV, _read_sentences

PD1998_DEV = MSRA_DEV.parents[1] / "pd1998" / "dev.tsv"


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_the_default_path_imports_neither_torch_nor_hanlp() -> None:
    code = (
        "import sys, cnews_ie\n"
        "doc = cnews_ie.extract('市委书记王方太在金昌市调研。')\n"
        "docs = list(cnews_ie.extract_many(['县长李文华到河口镇。', '签约。']))\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'hanlp'))\n"
        "print([p.name for p in doc.people], [p.name for p in docs[0].people], heavy)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['王方太'] ['李文华'] []"


def test_without_hanlp_the_shipped_model_runs_and_another_model_names_the_extra() -> None:
    """HanLP (and torch, which it pulls in) is the ``hanlp`` extra: an install without it runs
    the shipped model, and asking for another HanLP model names the extra."""
    code = (
        "import sys; sys.modules['hanlp'] = None; sys.modules['torch'] = None\n"
        "import cnews_ie\n"
        "print([p.name for p in cnews_ie.extract('市委书记王方太在金昌市调研。').people])\n"
        "try:\n"
        "    cnews_ie.extract('市委书记王方太说', ner='MSRA_NER_ELECTRA_SMALL_ZH')\n"
        "except cnews_ie.ModelError as exc:\n"
        "    print(exc)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    shipped, error = result.stdout.strip().split("\n")
    assert shipped == "['王方太']"
    assert "MSRA_NER_ELECTRA_SMALL_ZH" in error
    assert 'pip install "cnews_ie[hanlp]"' in error


def test_without_onnxruntime_the_error_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['onnxruntime'] = None\n"
        "import cnews_ie\n"
        "try:\n"
        "    cnews_ie.extract('市委书记王方太说')\n"
        "except cnews_ie.ModelError as exc:\n"
        "    print(exc)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert "pip install onnxruntime onnx" in result.stdout


def test_the_shipped_weights_are_float16_arrays_read_without_pickle() -> None:
    state = read_weights(shipped_model_dir() / WEIGHTS_FILENAME)
    assert state
    assert all(v.dtype == np.float16 for v in state.values())
    assert network_problem({k: v.astype(np.float32) for k, v in state.items()}) is None


@pytest.fixture(scope="module")
def state() -> dict[str, np.ndarray]:
    weights = read_weights(shipped_model_dir() / WEIGHTS_FILENAME)
    return {k: v.astype(np.float32) for k, v in weights.items()}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda s: s.pop("out.bias"), "missing"),
        (lambda s: s.update({"lstm.weight_ih_l1": s["lstm.weight_ih_l0"]}), "not in the graph"),
        (lambda s: s.update({"out.weight": s["out.weight"][:, :-1]}), "out.weight"),
        (lambda s: s.update({"lex_proj.weight": s["lex_proj.weight"][:-1]}), "sizes"),
    ],
    ids=["missing", "another-layer", "output-size", "lexicon-size"],
)
def test_weights_of_another_network_are_named(
    state: dict[str, np.ndarray], change: Any, words: str
) -> None:
    changed = dict(state)
    change(changed)
    problem = network_problem(changed)
    assert problem is not None
    assert words in problem
    with pytest.raises(ValueError, match="not the network"):
        OnnxTagger.build(changed, 0)


def test_the_int8_graph_is_checked_against_the_float32_graph(state: dict[str, np.ndarray]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tagger = OnnxTagger.build(state, 0, int8=True)
    assert tagger.int8
    assert tagger.reference is not None
    weak = dict(state)
    for name in ("lstm.weight_ih_l0", "lstm.weight_ih_l0_reverse"):
        weak[name] = state[name] * 1e-3  # gates too weak to saturate: no sentinel
    with pytest.warns(RuntimeWarning, match="int8 graph .* not used .*sentinel"):
        fallback = OnnxTagger.build(weak, 0, int8=True)
    assert not fallback.int8


def test_a_user_directory_of_another_network_is_loaded_with_hanlp(tmp_path: Path) -> None:
    target = tmp_path / "ner"
    shutil.copytree(shipped_model_dir(), target)
    (target / "checksums.sha256").unlink()
    weights = read_weights(target / WEIGHTS_FILENAME)
    weights["lstm.weight_ih_l1"] = weights["lstm.weight_ih_l0"]
    write_weights(target / WEIGHTS_FILENAME, weights)
    with pytest.warns(RuntimeWarning, match="loaded with HanLP"):
        (tagged,) = HanLPBackend(target).tag(["市委书记王方太主持会议。"])
    assert ("PER", 4, 7) in tagged.entities


def _dev(limit: int) -> list[list[str]]:
    if not MSRA_DEV.is_file():
        pytest.skip("MSRA dev not mounted")
    sentences = _read_sentences(MSRA_DEV, limit)
    if PD1998_DEV.is_file():
        sentences += _read_sentences(PD1998_DEV, limit)
    return sentences


def _compare(sentences: list[list[str]]) -> None:
    hanlp = pytest.importorskip("hanlp")
    loaded = hanlp.load(str(shipped_model_dir()))
    plain = OnnxNER.load(shipped_model_dir())
    try:
        for int8 in (True, False):
            loaded.int8 = plain.int8 = int8
            expected = loaded(sentences, batch_size=128)
            assert plain(sentences, batch_size=128) == expected
            assert plain(sentences[::-1], batch_size=7)[::-1] == expected
        loaded.engine = "torch"  # the float32 graph of numpy weights is the torch forward
        assert plain(sentences, batch_size=128) == loaded(sentences, batch_size=128)
    finally:
        loaded.engine, loaded.int8 = "onnx", True


def test_the_same_entities_as_the_model_loaded_with_hanlp() -> None:
    sentences = _dev(300)
    assert sum(map(len, OnnxNER.load(shipped_model_dir())(sentences))) > 300
    _compare(sentences)


@pytest.mark.slow
def test_the_same_entities_on_all_msra_and_pd1998_dev_sentences() -> None:
    sentences = _dev(10**6)
    assert len(sentences) > 9000
    _compare(sentences)


def test_one_sentence_as_a_list_of_characters() -> None:
    ner = OnnxNER.load(shipped_model_dir())
    found = ner(list("市委书记王方太主持会议。"))
    assert ("王方太", "PER", 4, 7) in found
    assert ner([list("市委书记王方太主持会议。")]) == [found]
    assert ner([]) == []
    with pytest.raises(ValueError, match="single characters"):
        ner([["市委", "书记"]])


def test_a_damaged_weights_file_is_a_model_error(tmp_path: Path) -> None:
    target = tmp_path / "ner"
    shutil.copytree(shipped_model_dir(), target)
    (target / WEIGHTS_FILENAME).write_bytes(b"not an archive")
    with pytest.raises(cnews_ie.ModelError, match="could not read"):
        OnnxNER.load(target)


def test_a_repeated_piece_gets_the_tags_it_gets_alone() -> None:
    # a page repeats lines (a table's row heads, a vote's wording): each distinct piece is
    # tagged once, and every repeat keeps tags of its own, also where it is the first piece of
    # a sentence longer than the model reads at once, whose later pieces extend its tags
    from cnews_ie.sentences import clause_pieces

    ner = OnnxNER.load(shipped_model_dir())
    opening = "市委书记王方太在金昌市调研，" + "金川集团公司在河西堡镇新建厂房" * 8 + "，"
    long = opening + "县长李文华到河口镇考察" * 30 + "。"
    assert clause_pieces(long, ner.piece_limit)[0] == (0, len(opening))
    texts = [opening, long, opening, "县长李文华到河口镇。", opening]
    alone = [ner.entity_spans([text])[0] for text in texts]
    assert ner.entity_spans(texts) == alone
    assert alone[0] == alone[2] == alone[4] != []
    assert alone[1][: len(alone[0])] == alone[0]
