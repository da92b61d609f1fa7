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
``(entity_text, type, start, end)`` tuples with character offsets, ``end`` exclusive.  A sentence
longer than the model's training length is cut into pieces with
:func:`cnews_ie.sentences.clause_pieces` (the rule its training sentences were cut with) and the
results are merged back: this is the one place that cuts sentences for the model.

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

from cnews_ie.backends.bio import bio_spans
from cnews_ie.backends.ner_features import BatchFeatures, LexiconIndex, TokenIndex
from cnews_ie.backends.ner_lexicon import BASE_CATEGORIES, LEXICON_FILENAME, N_POSITIONS, Lexicon
from cnews_ie.backends.ner_runtime import INPUTS, OnnxTagger, torch_emissions
from cnews_ie.backends.ner_softlexicon import SOFTLEXICON_FILENAME, SoftLexicon
from cnews_ie.backends.viterbi import viterbi_decode, viterbi_paths
from cnews_ie.sentences import MAX_PIECE, clause_pieces

__all__ = [
    "BatchFirstCRFNamedEntityRecognizer",
    "LexiconCharNER",
    "LexiconCharTaggingModel",
    "bigrams_of",
    "viterbi_decode",
    "viterbi_paths",
]

#: one predicted entity: (text, type, start, end), ``end`` exclusive
Entity = tuple[str, str, int, int]
#: padded characters per prediction batch at most (batch size x its longest piece), unless a
#: single piece is longer: 16 pieces of 64 characters, 4 of 256.  In CPU time per character
#: 1,024 was about a tenth faster than 4,096 on short sentences and pages (less padding, and
#: the batch's activations stay in cache) and as fast as 512 or 2,048; a sentence's emissions
#: are the same in any batch.
_BATCH_CELLS = 1024
#: padded characters decoded together at most (Viterbi runs over many batches at once: fewer,
#: larger numpy steps)
_DECODE_CELLS = 1 << 16


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
            self._runtime_tagger = OnnxTagger.build(
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
        """BIO tags of each piece.  Batches are built here, not by HanLP's data loader: the
        features of all pieces are built at once (``ner_features``) and each batch's go into
        one padded array per key in a single numpy assignment.  Pieces are batched longest
        first, as HanLP's ``SortingSampler`` orders them.  The network runs in ONNX Runtime on
        one thread (``ner_runtime``), or in torch on one thread where the graph cannot express
        it; Viterbi decoding runs over many batches at once."""
        vocab = self.vocabs["tag"].idx_to_token
        lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
        flat, starts = self._batch_features(pieces)
        order = np.argsort(-lengths, kind="stable")
        self.model.eval()
        runtime = self._runtime()
        crf = self.model.crf
        scores = [
            t.detach().float().cpu().numpy()
            for t in (crf.start_transitions, crf.transitions, crf.end_transitions)
        ]
        outputs: list[list[str]] = [[] for _ in pieces]
        pending: list[tuple[np.ndarray, np.ndarray]] = []  # (members, emissions) to decode

        def decode() -> None:
            members = np.concatenate([m for m, _ in pending])
            emissions = np.zeros((len(members), *pending[0][1].shape[1:]), dtype=np.float32)
            row = 0
            for m, e in pending:
                emissions[row : row + len(m), : e.shape[1]] = e
                row += len(m)
            pending.clear()
            paths = viterbi_paths(emissions, lengths[members], *scores)
            for i, path in zip(members.tolist(), paths, strict=True):
                outputs[i] = list(map(vocab.__getitem__, path))

        first, waiting = 0, 0  # rows in pending
        while first < len(order):
            # at most batch_size pieces and about _BATCH_CELLS padded cells: long pieces come
            # in smaller batches, so the runtime's buffers stay small
            rows = max(1, min(batch_size, _BATCH_CELLS // max(1, int(lengths[order[first]]))))
            members = order[first : first + rows]
            first += rows
            sizes = lengths[members]
            steps = int(sizes[0])
            filled = np.arange(steps)[None, :] < sizes[:, None]
            where = (starts[members][:, None] + np.arange(steps)[None, :])[filled]
            batch: dict[str, np.ndarray] = {}
            for key, values in flat.items():  # INPUTS, and "soft" (floats) where read
                array = np.zeros((*filled.shape, *values.shape[1:]), dtype=values.dtype)
                array[filled] = values[where]
                batch[key] = array
            if runtime is not None:
                emissions = runtime.emissions(batch, sizes)
            else:
                emissions = torch_emissions(self.model, batch, self._domain())
            if pending and (waiting + len(members)) * pending[0][1].shape[1] > _DECODE_CELLS:
                decode()
                waiting = 0
            pending.append((members, emissions))
            waiting += len(members)
        if pending:
            decode()
        return outputs

    def predict_data(
        self, data: Sequence[Sequence[str]], batch_size: int | None, **kwargs: Any
    ) -> list[list[Entity]]:
        pieces: list[list[str]] = []
        owners: list[int] = []
        for i, sent in enumerate(data):
            chars = list(sent)
            for b, e in clause_pieces(chars, self.piece_limit) if chars else ():
                pieces.append(chars[b:e])
                owners.append(i)
        tags_per_sent: list[list[str]] = [[] for _ in data]
        if pieces:
            outputs = self._tag_pieces(pieces, batch_size or self.config.get("batch_size", 32))
            for i, tags in zip(owners, outputs, strict=True):
                tags_per_sent[i].extend(tags)
        results = []
        for sent, tags in zip(data, tags_per_sent, strict=True):
            chars = list(sent)
            results.append([("".join(chars[b:e]), t, b, e) for t, b, e in bio_spans(tags)])
        return results
