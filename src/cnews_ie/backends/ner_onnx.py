"""The shipped kind of NER model without torch or HanLP: numpy weights, ONNX Runtime, numpy Viterbi.

A model directory of :class:`~cnews_ie.backends.ner_model.LexiconCharNER` (its ``config.json``
names that class) holds ``config.json`` and ``vocabs.json`` (read here with :mod:`json`),
:data:`WEIGHTS_FILENAME` (the network's weights by ``state_dict`` name, the float16 values the
model was saved with, a plain ``numpy.savez`` archive read without pickle), the lexicon
(``lexicon.tsv.gz``) and, for a model with SoftLexicon features, ``softlexicon.npz``.
:class:`OnnxNER` runs such a model as ``LexiconCharNER`` does after ``hanlp.load``: the same
featurisation (``ner_features``), the ONNX graph of the same weights (``ner_runtime``; the LSTM
in int8 by default, ``ner_int8``), the same pieces, batches and numpy Viterbi
(``ner_tagging``), hence the same entities, without importing torch or HanLP.  Importing them
cost seconds and left some 190,000 objects in the process, which every full garbage collection
walked again.

Weights that do not describe the network the graph writes (a retrained variant with another
layer) raise :class:`UnknownNetworkError`: the backend then loads the directory with ``hanlp.load``
and runs it in torch.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cnews_ie.backends.ner_features import BatchFeatures, LexiconIndex, TokenIndex
from cnews_ie.backends.ner_lexicon import BASE_CATEGORIES, LEXICON_FILENAME, Lexicon
from cnews_ie.backends.ner_runtime import OnnxTagger, network_problem
from cnews_ie.backends.ner_softlexicon import SOFTLEXICON_FILENAME, SoftLexicon
from cnews_ie.backends.ner_tagging import Entity, P, predict, predict_spans, tag_pieces
from cnews_ie.errors import ModelError
from cnews_ie.sentences import MAX_PIECE

__all__ = [
    "CLASSPATHS",
    "WEIGHTS_FILENAME",
    "OnnxNER",
    "UnknownNetworkError",
    "read_weights",
    "write_weights",
]

WEIGHTS_FILENAME = "weights.npz"
#: the ``classpath`` of the models :class:`OnnxNER` runs (the shipped model names the first)
CLASSPATHS = frozenset({
    "cnews_ie.backends._hanlp_component.LexiconCharNER",
    "cnews_ie.backends.ner_model.LexiconCharNER",
})  # fmt: skip
_INSTALL = "pip install onnxruntime onnx"


class UnknownNetworkError(ValueError):
    """The weights describe a network that the ONNX graph does not write."""


def read_weights(path: str | Path) -> dict[str, np.ndarray]:
    """The arrays of a weights archive by name, as stored (no pickle is read)."""
    with open(path, "rb") as handle:  # closed here even when the archive is damaged
        archive = np.load(handle, allow_pickle=False)
        if not isinstance(archive, np.lib.npyio.NpzFile):
            raise ValueError(f"{path} is a single array, not an archive of named arrays")
        with archive:
            return {name: archive[name] for name in archive.files}


def write_weights(path: str | Path, state: Mapping[str, np.ndarray]) -> None:
    """Write ``state`` (arrays by name, in order) as :func:`read_weights` reads it: an
    uncompressed ``numpy.savez`` archive (its bytes depend only on the arrays)."""
    with open(path, "wb") as handle:
        arrays: dict[str, Any] = {k: np.ascontiguousarray(v) for k, v in state.items()}
        np.savez(handle, **arrays)


def _vocab(entry: Mapping[str, Any]) -> tuple[list[str], dict[str, int], int | None]:
    """(tokens by id, id by token, the unknown token's id) as HanLP's ``Vocab`` reads them."""
    tokens = list(entry["idx_to_token"])
    index = {token: i for i, token in enumerate(tokens)}
    unknown = entry.get("unk_token")
    return tokens, index, None if unknown is None else index.get(unknown)


class OnnxNER:
    """The component of a :class:`~cnews_ie.backends.ner_model.LexiconCharNER` model directory,
    called as HanLP's: ``ner(list_of_characters)`` or ``ner(list_of_such_lists, batch_size=…)``
    gives per sentence ``(entity_text, type, start, end)`` tuples.  ``int8``: the LSTM in 8-bit
    integers (the default), else the float32 graph."""

    def __init__(
        self,
        config: Mapping[str, Any],
        vocabs: Mapping[str, Mapping[str, Any]],
        state: Mapping[str, np.ndarray],
        lexicon: Lexicon | None = None,
        softlexicon: SoftLexicon | None = None,
    ) -> None:
        problem = network_problem(state)
        if problem is not None:
            raise UnknownNetworkError(problem)
        self.config = dict(config)
        self.int8 = True
        self.state = {k: np.asarray(v, dtype=np.float32) for k, v in state.items()}
        self.softlexicon = softlexicon
        chars, chars_index, chars_unknown = _vocab(vocabs["token"])
        _, bigrams_index, bigrams_unknown = _vocab(vocabs["bigram"])
        self.tags = _vocab(vocabs["tag"])[0]
        if chars_unknown is None or bigrams_unknown is None:
            raise ModelError("the NER model's vocabularies have no unknown token")
        if len(chars) != len(self.state["char_embed.weight"]):
            raise ModelError("the NER model's character vocabulary does not fit its weights")
        self._features = BatchFeatures(
            TokenIndex.of_chars(chars_index, chars_unknown),
            TokenIndex.of_bigrams(bigrams_index, bigrams_unknown),
            None if lexicon is None else LexiconIndex(lexicon.prefixes, lexicon.n_categories),
            softlexicon,
        )
        self._scores = tuple(
            self.state[f"crf.{k}"] for k in ("start_transitions", "transitions", "end_transitions")
        )
        self._tagger: OnnxTagger | None = None

    @classmethod
    def load(cls, directory: str | Path) -> OnnxNER:
        """The model in ``directory`` (checked against its checksums by the caller).  ModelError
        when ONNX Runtime is missing or a file cannot be read; UnknownNetworkError when the weights
        are not the network the graph writes."""
        try:
            import onnx  # noqa: F401  (writes the graph)
            import onnxruntime  # noqa: F401  (runs it)
        except ImportError as exc:
            raise ModelError(
                f"the NER model runs in ONNX Runtime, but {exc.name or 'onnxruntime'} is not "
                f"installed: {_INSTALL}"
            ) from exc
        directory = Path(directory)
        try:
            config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
            vocabs = json.loads((directory / "vocabs.json").read_text(encoding="utf-8"))
            state = read_weights(directory / WEIGHTS_FILENAME)
            n_categories = int(config.get("lex_categories", BASE_CATEGORIES))
            lexicon_path = directory / LEXICON_FILENAME
            lexicon = (
                Lexicon.read(str(lexicon_path), n_categories) if lexicon_path.is_file() else None
            )
            soft_path = directory / SOFTLEXICON_FILENAME
            soft = SoftLexicon.read(str(soft_path)) if config.get("soft_in") else None
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            raise ModelError(
                f"could not read the model directory {directory}: {type(exc).__name__}: "
                f"{str(exc)[:300]}. Its files are damaged or are not a cnews_ie NER model"
            ) from exc
        return cls(config, vocabs, state, lexicon, soft)

    @property
    def piece_limit(self) -> int:
        """The longest piece the model reads: the length its training sentences were cut to."""
        return int(self.config.get("max_train_len", MAX_PIECE) or 0)

    def _runtime(self) -> OnnxTagger:
        if self._tagger is None or self._tagger.int8 != bool(self.int8):
            domain = int(self.config.get("predict_domain", 0))
            self._tagger = OnnxTagger.build(
                self.state, domain, int8=bool(self.int8), soft=self.softlexicon
            )
        return self._tagger

    def _tag(self, pieces: list[list[str]], batch_size: int) -> list[list[str]]:
        # one join and one scan per piece, in C: no Python step per character
        if not all(len("".join(p)) == len(p) and "" not in p for p in pieces):
            raise ValueError("the NER model reads sentences as lists of single characters")
        return self._tag_texts(pieces, batch_size)

    def _tag_texts(self, pieces: list[P], batch_size: int) -> list[list[str]]:
        runtime = self._runtime()
        return tag_pieces(
            pieces,
            batch_size,
            self._features,
            runtime.emissions,
            (self._scores[0], self._scores[1], self._scores[2]),
            self.tags,
        )

    def __call__(self, data: Sequence[Any], batch_size: int | None = None) -> list[Any]:
        """Entities of one sentence (a list of characters) or of each of a list of them."""
        if not data:
            return []
        flat = isinstance(data, list) and isinstance(data[0], str)
        sentences: Sequence[Sequence[str]] = [data] if flat else data
        size = batch_size or int(self.config.get("batch_size", 32))
        found: list[list[Entity]] = predict(
            sentences, self.piece_limit, lambda pieces: self._tag(pieces, size)
        )
        return list(found[0]) if flat else list(found)

    def entity_spans(
        self, texts: Sequence[str], batch_size: int | None = None
    ) -> list[list[tuple[str, int, int]]]:
        """(type, start, end) of the entities of each text: the spans ``self([list(text) for
        text in texts])`` gives, without building a list of characters per text."""
        size = batch_size or int(self.config.get("batch_size", 32))
        return predict_spans(texts, self.piece_limit, lambda pieces: self._tag_texts(pieces, size))
