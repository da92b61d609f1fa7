"""Inference of the shipped character-level NER model: features, network, Viterbi, spans.

Why a subclass of HanLP's tagger
--------------------------------
HanLP 2.1.5's ``RNNTaggingModel`` builds its CRF as ``CRF(n_out, crf_constraints)``; the second
positional parameter of :class:`hanlp.layers.crf.crf.CRF` is ``batch_first``.  With the default
``crf_constraints=None`` the CRF therefore runs with ``batch_first=None`` (falsy) and reads the
batch-first emission tensors of the tagger as *time-first*, both in training and in decoding.
Training then scores close to 0 F1 and prediction on more than ~50 sentences raises
``IndexError`` in ``hanlp_common.util.reorder`` (the decoder returns one path per *time step*
instead of one per sentence).  :class:`BatchFirstCRFNamedEntityRecognizer` is a drop-in
subclass of ``RNNNamedEntityRecognizer`` whose ``build_model`` swaps in ``CRF(n, batch_first=True)``.

The model
---------
:class:`LexiconCharNER` builds on it and is the component the shipped model uses.  Per character
it feeds a BiLSTM-CRF with a character embedding, embeddings of the left and right character
bigrams, the lexicon-match bits of :mod:`cnews_ie.backends.ner_lexicon`, and a small
per-sentence "annotation style" embedding (MSRA vs. People's Daily 1998 conventions), fixed to
the MSRA style at prediction time.  ``hanlp.load(model_dir)`` restores the complete component:
``config.json`` names this class (the shipped one by its old path,
``cnews_ie.backends._hanlp_component``, which re-exports it) and :meth:`LexiconCharNER.load`
reads the lexicon stored beside the weights.

Inputs are single characters that the caller has already passed through
:func:`cnews_ie.normalize.matching_view` (the training script does the same), e.g.
``ner(list(matching_view(text)))`` or a list of such lists.  Output: for each sentence a list of
``(entity_text, type, start, end)`` tuples with character offsets, ``end`` exclusive.  Pieces,
batches and decoding are :mod:`cnews_ie.backends.ner_tagging`'s, shared with the torch-free
component that the library runs by default (:mod:`cnews_ie.backends.ner_onnx`).  The weights are
read from ``weights.npz`` (:data:`~cnews_ie.backends.ner_onnx.WEIGHTS_FILENAME`, plain numpy
arrays) where the directory has it, else from HanLP's ``model.pt``.

Training (vocabularies, pretrained vectors, the fit loop, the weight average) lives in
``training/ner_trainer.py``, a subclass of :class:`LexiconCharNER`; nothing here imports it.
This module imports hanlp and torch at import time; the library imports it lazily.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from itertools import chain, repeat
from typing import Any

import numpy as np
import torch
from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
from hanlp.layers.crf.crf import CRF
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from cnews_ie.backends.ner_features import BatchFeatures, LexiconIndex, TokenIndex
from cnews_ie.backends.ner_lexicon import BASE_CATEGORIES, LEXICON_FILENAME, N_POSITIONS, Lexicon
from cnews_ie.backends.ner_onnx import WEIGHTS_FILENAME, read_weights
from cnews_ie.backends.ner_runtime import INPUTS, OnnxTagger
from cnews_ie.backends.ner_softlexicon import SOFTLEXICON_FILENAME, SoftLexicon
from cnews_ie.backends.ner_tagging import Entity, predict, tag_pieces
from cnews_ie.backends.ner_torch import onnx_tagger, torch_emissions
from cnews_ie.backends.viterbi import viterbi_decode, viterbi_paths
from cnews_ie.sentences import MAX_PIECE

__all__ = [
    "BatchFirstCRFNamedEntityRecognizer",
    "LexiconCharNER",
    "LexiconCharTaggingModel",
    "bigrams_of",
    "viterbi_decode",
    "viterbi_paths",
]


def bigrams_of(chars: Sequence[str]) -> list[str]:
    """The character bigrams the model reads, ``<S>`` and ``</S>`` padding the sentence.

    >>> bigrams_of(["金", "昌"])
    ['<S>金', '金昌', '昌</S>']
    """
    padded = ["<S>", *chars, "</S>"]
    return list(map(str.__add__, padded[:-1], padded[1:]))


class BatchFirstCRFNamedEntityRecognizer(RNNNamedEntityRecognizer):  # type: ignore[misc]
    """``RNNNamedEntityRecognizer`` with the CRF built batch-first (fixes HanLP 2.1.5's CRF bug)."""

    def build_model(self, **kwargs: Any) -> torch.nn.Module:
        # HanLP passes the config as keywords (rnn_input, rnn_hidden, drop, crf, ...)
        model: torch.nn.Module = super().build_model(**kwargs)
        old: Any = getattr(model, "crf", None)
        if old is not None:
            model.crf = CRF(old.num_tags, batch_first=True)
        return model


class LexiconCharTaggingModel(nn.Module):
    """Char + bigram + lexicon-bit + style embeddings -> BiLSTM -> linear -> batch-first CRF."""

    def __init__(
        self,
        n_chars: int,
        n_bigrams: int,
        n_tags: int,
        char_dim: int = 100,
        bigram_dim: int = 50,
        lex_dim: int = 32,
        n_domains: int = 2,
        domain_dim: int = 8,
        rnn_hidden: int = 200,
        drop: float = 0.5,
        lex_bits: int = N_POSITIONS * BASE_CATEGORIES,
        soft_in: int = 0,
        soft_dim: int = 64,
    ) -> None:
        super().__init__()
        self.char_embed = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.bigram_embed = nn.Embedding(n_bigrams, bigram_dim, padding_idx=0)
        self.lex_proj = nn.Linear(lex_bits, lex_dim)
        self.lex_shifts: torch.Tensor
        self.register_buffer(
            "lex_shifts", torch.arange(lex_bits, dtype=torch.long), persistent=False
        )
        # SoftLexicon word vectors (ner_softlexicon), 4 x their dimension per character
        self.soft_proj = nn.Linear(soft_in, soft_dim) if soft_in else None
        self.domain_embed = nn.Embedding(n_domains, domain_dim) if n_domains > 1 else None
        n_in = char_dim + 2 * bigram_dim + lex_dim + (soft_dim if soft_in else 0)
        n_in += domain_dim if self.domain_embed else 0
        self.lstm = nn.LSTM(n_in, rnn_hidden, batch_first=True, bidirectional=True)
        self.drop = nn.Dropout(drop)
        self.out = nn.Linear(2 * rnn_hidden, n_tags)
        self.crf = CRF(n_tags, batch_first=True)
        nn.init.xavier_uniform_(self.out.weight)

    def forward(
        self, x: torch.Tensor, batch: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[torch.Tensor, torch.Tensor]:
        assert batch is not None
        mask = x.gt(0)
        lens = mask.sum(dim=1)
        lex = batch["lex_id"]
        lex_bits = ((lex.unsqueeze(-1) >> self.lex_shifts) & 1).float()
        feats = [
            self.char_embed(x),
            self.bigram_embed(batch["bil_id"]),
            self.bigram_embed(batch["bir_id"]),
            torch.relu(self.lex_proj(lex_bits)),
        ]
        if self.soft_proj is not None:
            feats.append(torch.relu(self.soft_proj(batch["soft"])))
        if self.domain_embed is not None:
            dom = batch.get("dom_id")
            if dom is None:
                dom = torch.zeros(x.size(0), dtype=torch.long, device=x.device)
            feats.append(self.domain_embed(dom).unsqueeze(1).expand(-1, x.size(1), -1))
        h = self.drop(torch.cat(feats, -1))
        lens = lens.cpu()
        # HanLP's SortingSampler yields each batch longest first: then packing needs no sort
        # and unpacking no unsort (two index_select copies of the batch, a tenth of the time)
        ordered = bool((lens[:-1] >= lens[1:]).all())
        packed = pack_padded_sequence(h, lens, batch_first=True, enforce_sorted=ordered)
        out, _ = self.lstm(packed)
        h, _ = pad_packed_sequence(out, batch_first=True, total_length=x.size(1))
        return self.out(self.drop(h)), mask


class LexiconCharNER(BatchFirstCRFNamedEntityRecognizer):
    """Character BiLSTM-CRF NER with bigram and lexicon-match features (see module docstring)."""

    #: what runs the network at prediction: ``"onnx"`` (ONNX Runtime, one thread; the default)
    #: or ``"torch"`` (the module's own forward, one thread)
    engine = "onnx"
    #: with the ONNX engine, the LSTM's weights in 8-bit integers (``ner_int8``: faster, a few
    #: tags differ from torch's); False for the exact float32 graph
    int8 = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lexicon: Lexicon | None = None
        self.softlexicon: SoftLexicon | None = None
        self._runtime_key: tuple[int, int, bool, int] | None = None
        self._runtime_tagger: OnnxTagger | None = None

    # ------------------------------------------------------------------ data
    def _lex_categories(self) -> int:
        """Categories per position block of the lexicon bits (7 without the gazetteer)."""
        return int(self.config.get("lex_categories", BASE_CATEGORIES))

    def _ids(self, key: str, tokens: Iterable[str]) -> list[int]:
        """Ids of ``tokens`` in the locked vocabulary ``key``, its unknown id for the others:
        ``dict.get`` mapped over (token, unknown id) pairs, no Python-level call per character
        (the hot path of inference)."""
        vocab = self.vocabs[key]
        return list(
            map(vocab.token_to_idx.get, tokens, repeat(vocab.token_to_idx.get(vocab.unk_token)))
        )

    def _featurize(self, sample: dict[str, Any]) -> dict[str, Any]:
        chars = sample["token"]
        sample["token_id"] = self._ids("token", chars)
        ids = self._ids("bigram", bigrams_of(chars))
        sample["bil_id"] = ids[:-1]
        sample["bir_id"] = ids[1:]
        if "lex_id" not in sample:  # training may bring its own (cross-fold gazetteer bits)
            sample["lex_id"] = self.lexicon.features(chars) if self.lexicon else [0] * len(chars)
        sample.setdefault("dom_id", int(self.config.get("predict_domain", 0)))
        return sample

    # ----------------------------------------------------------------- model
    def build_model(self, training: bool = True, **kwargs: Any) -> torch.nn.Module:
        cfg = self.config
        return LexiconCharTaggingModel(
            n_chars=len(self.vocabs["token"]),
            n_bigrams=len(self.vocabs["bigram"]),
            n_tags=len(self.vocabs["tag"]),
            char_dim=cfg.get("char_dim", 100),
            bigram_dim=cfg.get("bigram_dim", 50),
            lex_dim=cfg.get("lex_dim", 32),
            n_domains=cfg.get("n_domains", 2),
            domain_dim=cfg.get("domain_dim", 8),
            rnn_hidden=cfg.get("rnn_hidden", 200),
            drop=cfg.get("drop", 0.5),
            lex_bits=N_POSITIONS * self._lex_categories(),
            soft_in=cfg.get("soft_in", 0),
            soft_dim=cfg.get("soft_dim", 64),
        )

    def feed_batch(self, batch: dict[str, Any]) -> tuple[torch.Tensor, torch.Tensor]:
        """HanLP's forward of a batch (training, its evaluation), SoftLexicon features added."""
        if self.softlexicon is not None and "soft" not in batch:
            x = batch["token_id"]
            soft = self.softlexicon.padded(batch["token"], x.size(1))
            batch["soft"] = torch.from_numpy(soft).to(x.device)
        return super().feed_batch(batch)  # type: ignore[no-any-return]

    def load_weights(self, save_dir: str, filename: str = "model.pt", **kwargs: Any) -> None:
        """The weights from ``weights.npz`` (numpy, no pickle) where ``save_dir`` has it, else
        from HanLP's ``filename`` (a torch pickle)."""
        path = os.path.join(save_dir, WEIGHTS_FILENAME)
        if not os.path.isfile(path):
            super().load_weights(save_dir, filename, **kwargs)
            return
        state = {k: torch.from_numpy(v) for k, v in read_weights(path).items()}
        self.model_.load_state_dict(state, strict=False)  # as HanLP's loader

    def load(
        self, save_dir: str, devices: Any = None, verbose: bool = False, **kwargs: Any
    ) -> None:
        super().load(save_dir, devices=devices, verbose=verbose, **kwargs)
        # after the config: it says how many categories the lexicon bits have
        path = os.path.join(save_dir, LEXICON_FILENAME)
        self.lexicon = Lexicon.read(path, self._lex_categories()) if os.path.isfile(path) else None
        soft = os.path.join(save_dir, SOFTLEXICON_FILENAME)
        self.softlexicon = SoftLexicon.read(soft) if self.config.get("soft_in") else None

    # ------------------------------------------------------------ predict
    @property
    def piece_limit(self) -> int:
        """The longest piece the model reads: the length its training sentences were cut to."""
        return int(self.config.get("max_train_len", MAX_PIECE) or 0)

    def decode_output(
        self, logits: torch.Tensor, mask: torch.Tensor, batch: Any, model: Any = None
    ) -> list[list[int]]:
        """Viterbi decoding in numpy: the same paths as HanLP's ``CRF.decode`` (ties aside), but
        without a dozen small torch operations per time step, which made decoding a quarter of
        the prediction time on CPU."""
        crf = (model or self.model).crf
        return viterbi_decode(
            logits, mask, crf.start_transitions, crf.transitions, crf.end_transitions
        )

    def _runtime(self) -> OnnxTagger | None:
        """The ONNX Runtime session of the network (``ner_runtime``), built on first use and
        again whenever the weights changed since (they are torch parameters: training steps
        bump their version counters); None when the network must run in torch."""
        if self.engine == "torch":
            return None
        params = sum(p._version for p in self.model.parameters())
        key = (id(self.model), params, bool(self.int8), id(self.softlexicon))
        if getattr(self, "_runtime_key", None) != key:
            self._runtime_key = key
            model = self.model.eval()
            self._runtime_tagger = onnx_tagger(
                model, self._domain(), int8=bool(self.int8), soft=self.softlexicon
            )
        return self._runtime_tagger

    def _domain(self) -> int:
        return int(self.config.get("predict_domain", 0))

    def _batch_features(self, pieces: list[list[str]]) -> tuple[dict[str, Any], np.ndarray]:
        """The features of ``pieces`` laid end to end and the start of each piece: in numpy
        (``ner_features``) for one-character tokens and locked vocabularies, else
        :meth:`_featurize` per piece (the same ids)."""
        vocabs = (self.vocabs["token"], self.vocabs["bigram"])
        single = all(len("".join(p)) == len(p) and "" not in p for p in pieces)
        unknown = [v.token_to_idx.get(v.unk_token) for v in vocabs]
        if single and not any(v.mutable for v in vocabs) and None not in unknown:
            key = (*map(id, vocabs), id(self.lexicon), id(self.softlexicon))
            if getattr(self, "_features_key", None) != key:
                lexicon = self.lexicon
                self._features = BatchFeatures(
                    TokenIndex.of_chars(vocabs[0].token_to_idx, unknown[0]),
                    TokenIndex.of_bigrams(vocabs[1].token_to_idx, unknown[1]),
                    None
                    if lexicon is None
                    else LexiconIndex(lexicon.prefixes, lexicon.n_categories),
                    self.softlexicon,
                )
                self._features_key = key
            return self._features(pieces)
        samples = [self._featurize({"token": p}) for p in pieces]
        flat: dict[str, np.ndarray] = {
            k: np.fromiter(chain.from_iterable(s[k] for s in samples), np.int64) for k in INPUTS
        }
        if self.softlexicon is not None:
            flat["soft"] = self.softlexicon.features_of(pieces)
        lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
        return flat, np.cumsum(lengths) - lengths

    def _tag_pieces(self, pieces: list[list[str]], batch_size: int) -> list[list[str]]:
        """BIO tags of each piece (``ner_tagging.tag_pieces``).  The network runs in ONNX Runtime
        on one thread (``ner_runtime``), or in torch on one thread where the graph cannot
        express it."""
        self.model.eval()
        runtime = self._runtime()
        crf = self.model.crf
        start, transitions, end = (
            t.detach().float().cpu().numpy()
            for t in (crf.start_transitions, crf.transitions, crf.end_transitions)
        )

        def network(batch: dict[str, np.ndarray], sizes: np.ndarray) -> np.ndarray:
            if runtime is not None:
                return runtime.emissions(batch, sizes)
            return torch_emissions(self.model, batch, self._domain())

        return tag_pieces(
            pieces,
            batch_size,
            self._batch_features,
            network,
            (start, transitions, end),
            self.vocabs["tag"].idx_to_token,
        )

    def predict_data(
        self, data: Sequence[Sequence[str]], batch_size: int | None, **kwargs: Any
    ) -> list[list[Entity]]:
        size = batch_size or self.config.get("batch_size", 32)
        return predict(data, self.piece_limit, lambda pieces: self._tag_pieces(pieces, size))
