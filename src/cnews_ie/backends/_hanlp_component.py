"""Custom HanLP components for the ``cnews_ie`` character-level NER model.

Why this module exists
----------------------
HanLP 2.1.5's ``RNNTaggingModel`` builds its CRF as ``CRF(n_out, crf_constraints)``; the second
positional parameter of :class:`hanlp.layers.crf.crf.CRF` is ``batch_first``.  With the default
``crf_constraints=None`` the CRF therefore runs with ``batch_first=None`` (falsy) and reads the
batch-first emission tensors of the tagger as *time-first*, both in training and in decoding.
Training then scores close to 0 F1 and prediction on more than ~50 sentences raises
``IndexError`` in ``hanlp_common.util.reorder`` (the decoder returns one path per *time step*
instead of one per sentence).  :class:`BatchFirstCRFNamedEntityRecognizer` is a drop-in
subclass of ``RNNNamedEntityRecognizer`` whose ``build_model`` swaps in ``CRF(n, batch_first=True)``.

:class:`LexiconCharNER` builds on it and is the component the shipped model uses.  Per character
it feeds a BiLSTM-CRF with

* a character embedding,
* embeddings of the left and right character bigrams,
* a 30-bit lexicon-match vector (SoftLexicon-style, Ma et al. 2020, reduced to categories):
  for each word of the shipped lexicon that covers the character, a bit for (position of the
  character in the word: B/M/E) x (each category of the word: from jieba's ``dict.txt``, person
  / place / organisation / other proper noun / noun / verb / other; from the training corpora's
  entity strings, person / place / organisation), 21 bits for models without the latter,
* a small per-sentence "annotation style" embedding (MSRA vs. People's Daily 1998 conventions),
  fixed to the MSRA style at prediction time.

The lexicon is stored next to the weights (``lexicon.tsv.gz``) and read by :meth:`LexiconCharNER.load`,
so ``hanlp.load(model_dir)`` restores the complete component (``config.json`` names this class).

Inputs are single characters that the caller has already passed through
:func:`cnews_ie.normalize.matching_view` (the training script does the same), e.g.
``ner(list(matching_view(text)))`` or a list of such lists.  Output: for each sentence a list of
``(entity_text, type, start, end)`` tuples with character offsets, ``end`` exclusive.
Sentences longer than ``config.max_seq_len`` characters are cut into chunks (preferably after
sentence-final punctuation) for the network and the results are merged back.

This module imports hanlp and torch at import time; the library imports it lazily.
"""

# mypy: ignore-errors
# (hanlp ships no type information)
from __future__ import annotations

import gzip
import math
import os
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain, compress, repeat
from typing import Any

import numpy as np
import torch
from hanlp.common.dataset import PadSequenceDataLoader, SortingSampler, TransformableDataset
from hanlp.common.vocab import Vocab
from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
from hanlp.layers.crf.crf import CRF
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from cnews_ie.sentences import clause_pieces

__all__ = [
    "LEXICON_FILENAME",
    "BatchFirstCRFNamedEntityRecognizer",
    "Lexicon",
    "LexiconCharNER",
    "LexiconCharTaggingModel",
    "WeightAverage",
]

LEXICON_FILENAME = "lexicon.tsv.gz"

#: Lexicon word categories (index = category id used in the bit vector).  The first seven come
#: from jieba's POS tags; the last three mark entity strings of the training corpora (a
#: gazetteer built by ``training/ner_data.entity_gazetteers``).  A model reads the first
#: ``config.lex_categories`` of them (7 for models trained without the gazetteer).
CATEGORIES = ("PER", "LOC", "ORG", "NZ", "N", "V", "OTHER", "TRAIN_PER", "TRAIN_LOC", "TRAIN_ORG")
BASE_CATEGORIES = 7
#: category of a training-corpus entity of type PER / LOC / ORG
GAZETTEER_CATEGORY = {"PER": 7, "LOC": 8, "ORG": 9}
N_POSITIONS = 3  # B, M, E of a word of length >= 2


def jieba_tag_to_category(tag: str) -> int:
    """Map a jieba/PKU POS tag to a lexicon category id."""
    if tag.startswith("nr"):
        return 0
    if tag == "ns":
        return 1
    if tag == "nt":
        return 2
    if tag == "nz":
        return 3
    if tag.startswith("n") or tag == "j":
        return 4
    if tag.startswith("v"):
        return 5
    return 6


class Lexicon:
    """Words, each with one or more categories, and a prefix map for fast maximal matching.

    ``entries`` maps a word to a category id or to several; ``n_categories`` is the width of one
    position block of the bit vector (bit = position * n_categories + category).
    """

    def __init__(
        self,
        entries: dict[str, int | Iterable[int]],
        max_word_len: int = 10,
        n_categories: int = BASE_CATEGORIES,
    ) -> None:
        # one shared frozenset and one shared bits tuple per distinct category set: a few
        # dozen objects for 350,000 words, not two per word (95 MB more)
        shared: dict[frozenset[int], frozenset[int]] = {}
        self.entries: dict[str, frozenset[int]] = {}
        for w, c in entries.items():
            if 2 <= len(w) <= max_word_len:
                cats = frozenset((c,) if isinstance(c, int) else c)
                if max(cats) >= n_categories:
                    raise ValueError(f"category {max(cats)} of {w!r} >= {n_categories}")
                self.entries[w] = shared.setdefault(cats, cats)
        self.max_word_len = max_word_len
        self.n_categories = n_categories
        # every prefix of 2+ characters of a word -> 0 if it is not itself a word, else the
        # word's (B, M, E) bits: one dict look-up per step of the maximal-match scan
        trie: dict[str, Any] = {}
        for w in self.entries:
            for k in range(2, len(w)):
                trie.setdefault(w[:k], 0)
        bits = {
            cats: (mask, mask << n_categories, mask << (2 * n_categories))
            for cats in shared
            for mask in [sum(1 << c for c in cats)]
        }
        for w, cats in self.entries.items():
            trie[w] = bits[cats]
        self._trie = trie

    @classmethod
    def read(cls, path: str, n_categories: int = BASE_CATEGORIES) -> Lexicon:
        """Read ``word TAB category`` lines; a word on several lines has several categories."""
        entries: dict[str, int | tuple[int, ...]] = {}  # no set per word: memory stays low
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                w, _, c = line.rstrip("\n").partition("\t")
                if w:
                    before = entries.get(w)
                    if before is None:
                        entries[w] = int(c)
                    else:
                        entries[w] = (*((before,) if isinstance(before, int) else before), int(c))
        return cls(entries, n_categories=n_categories)

    def write(self, path: str) -> None:
        # mtime=0 keeps the file byte-identical between runs.
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            data = "".join(
                f"{w}\t{c}\n" for w, cats in sorted(self.entries.items()) for c in sorted(cats)
            )
            gz.write(data.encode("utf-8"))

    def features(self, chars: Sequence[str]) -> list[int]:
        """One int bitmask per character (bit = position * n_categories + category)."""
        n = len(chars)
        bits = [0] * n
        s = "".join(chars) if all(len(c) == 1 for c in chars) else None
        if s is None:  # multi-char tokens: no lexicon matching
            return bits
        get, max_len = self._trie.get, self.max_word_len
        for i in range(n - 1):
            j = i + 2
            found = get(s[i:j])
            limit = min(n, i + max_len)
            while found is not None:
                if found:  # s[i:j] is a word
                    b, m, e = found
                    bits[i] |= b
                    for k in range(i + 1, j - 1):
                        bits[k] |= m
                    bits[j - 1] |= e
                if j >= limit:
                    break
                j += 1
                found = get(s[i:j])
        return bits


class _SampleListDataset(TransformableDataset):
    """A dataset over an in-memory list of already featurised samples."""

    def load_file(self, filepath: str):
        raise NotImplementedError("LexiconCharNER only reads in-memory samples")


class BatchFirstCRFNamedEntityRecognizer(RNNNamedEntityRecognizer):
    """``RNNNamedEntityRecognizer`` with the CRF built batch-first (fixes HanLP 2.1.5's CRF bug)."""

    def build_model(self, rnn_input, rnn_hidden, drop, crf, **kwargs) -> torch.nn.Module:
        model = super().build_model(rnn_input, rnn_hidden, drop, crf, **kwargs)
        if model.crf is not None:
            model.crf = CRF(model.crf.num_tags, batch_first=True)
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
    ) -> None:
        super().__init__()
        self.char_embed = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.bigram_embed = nn.Embedding(n_bigrams, bigram_dim, padding_idx=0)
        self.lex_proj = nn.Linear(lex_bits, lex_dim)
        self.register_buffer(
            "lex_shifts", torch.arange(lex_bits, dtype=torch.long), persistent=False
        )
        self.domain_embed = nn.Embedding(n_domains, domain_dim) if n_domains > 1 else None
        n_in = char_dim + 2 * bigram_dim + lex_dim + (domain_dim if self.domain_embed else 0)
        self.lstm = nn.LSTM(n_in, rnn_hidden, batch_first=True, bidirectional=True)
        self.drop = nn.Dropout(drop)
        self.out = nn.Linear(2 * rnn_hidden, n_tags)
        self.crf = CRF(n_tags, batch_first=True)
        nn.init.xavier_uniform_(self.out.weight)

    def forward(self, x: torch.Tensor, batch: dict[str, Any] | None = None, **kwargs: Any):
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
        h, _ = self.lstm(packed)
        h, _ = pad_packed_sequence(h, batch_first=True, total_length=x.size(1))
        return self.out(self.drop(h)), mask


class WeightAverage:
    """An exponential moving average of a model's floating-point parameters (Polyak averaging),
    updated after each optimiser step: ``avg += (1 - decay) * (param - avg)``.  :meth:`swap`
    exchanges the model's parameters and the averages in place, so calling it twice restores
    the model.

    >>> m = nn.Linear(1, 1, bias=False)
    >>> with torch.no_grad():
    ...     _ = m.weight.fill_(0.0)
    >>> avg = WeightAverage(m, decay=0.5)
    >>> with torch.no_grad():
    ...     _ = m.weight.fill_(4.0)
    >>> avg.update(); avg.swap(); m.weight.item()
    2.0
    >>> avg.swap(); m.weight.item()
    4.0
    """

    def __init__(self, model: nn.Module, decay: float) -> None:
        if not 0.0 < decay < 1.0:
            raise ValueError(f"decay must be in (0, 1), got {decay}")
        self.decay = decay
        self.params = [p for p in model.parameters() if p.is_floating_point()]
        self.averages = [p.detach().clone() for p in self.params]

    @torch.no_grad()
    def update(self) -> None:
        torch._foreach_lerp_(self.averages, [p.detach() for p in self.params], 1.0 - self.decay)

    @torch.no_grad()
    def swap(self) -> None:
        for p, a in zip(self.params, self.averages, strict=True):
            tmp = p.detach().clone()
            p.copy_(a)
            a.copy_(tmp)


class LexiconCharNER(BatchFirstCRFNamedEntityRecognizer):
    """Character BiLSTM-CRF NER with bigram and lexicon-match features (see module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lexicon: Lexicon | None = None

    # ------------------------------------------------------------------ data
    def _lex_categories(self) -> int:
        """Categories per position block of the lexicon bits (7 without the gazetteer)."""
        return int(self.config.get("lex_categories", BASE_CATEGORIES))

    def _featurize(self, sample: dict[str, Any]) -> dict[str, Any]:
        vocabs = self.vocabs
        chars = sample["token"]
        cv, bv = vocabs["token"], vocabs["bigram"]
        padded = ["<S>", *chars, "</S>"]
        bigrams = list(map(str.__add__, padded[:-1], padded[1:]))
        if cv.mutable or bv.mutable:  # building vocabularies: HanLP's get_idx adds new tokens
            sample["token_id"] = [cv.get_idx(c) for c in chars]
            ids = [bv.get_idx(b) for b in bigrams]
        else:  # locked (prediction), the hot path of inference: dict.get mapped over
            # (token, unknown id) pairs, no Python-level call per character
            char_unk = repeat(cv.token_to_idx.get(cv.unk_token))
            bigram_unk = repeat(bv.token_to_idx.get(bv.unk_token))
            sample["token_id"] = list(map(cv.token_to_idx.get, chars, char_unk))
            ids = list(map(bv.token_to_idx.get, bigrams, bigram_unk))
        sample["bil_id"] = ids[:-1]
        sample["bir_id"] = ids[1:]
        if "lex_id" not in sample:  # training may bring its own (cross-fold gazetteer bits)
            sample["lex_id"] = self.lexicon.features(chars) if self.lexicon else [0] * len(chars)
        sample.setdefault("dom_id", int(self.config.get("predict_domain", 0)))
        if "tag" in sample:
            tv = vocabs["tag"]
            sample["tag_id"] = [tv.get_idx(t) for t in sample["tag"]]
        return sample

    def build_vocabs(self, samples: Iterable[dict[str, Any]], logger=None) -> None:
        chars: Counter[str] = Counter()
        bigrams: Counter[str] = Counter()
        tags: set[str] = set()
        for s in samples:
            chars.update(s["token"])
            padded = ["<S>", *s["token"], "</S>"]
            bigrams.update(padded[i] + padded[i + 1] for i in range(len(padded) - 1))
            tags.update(s["tag"])
        cfg = self.config
        cv = Vocab()
        for c, n in sorted(chars.items(), key=lambda kv: (-kv[1], kv[0])):
            if n >= cfg.get("char_min_freq", 1):
                cv.add(c)
        if cfg.get("char_vocab_from_vectors"):
            # characters that only the pretrained vectors know: at prediction they get those
            # vectors instead of the unknown id's
            pretrained = (getattr(self, "pretrained_vectors", None) or {}).get("token") or {}
            for c in sorted(pretrained):
                cv.add(c)
        bv = Vocab()
        ranked = sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))
        ranked = [b for b, n in ranked if n >= cfg.get("bigram_min_freq", 2)]
        for b in ranked[: cfg.get("bigram_max_size", 100000)]:
            bv.add(b)
        tv = Vocab(unk_token=None, pad_token=None)
        for t in sorted(tags, key=lambda t: (t != "O", t[2:], t[:2])):
            tv.add(t)
        self.vocabs["token"] = cv
        self.vocabs["bigram"] = bv
        self.vocabs["tag"] = tv
        self.vocabs.lock()
        if logger:
            self.vocabs.summary(logger)

    def build_dataloader(self, data, batch_size, shuffle, device, logger=None, **kwargs):
        if isinstance(data, str):
            raise TypeError("LexiconCharNER expects a list of {'token': [...], 'tag': [...]} dicts")
        if self.lexicon is None and self.config.get("lexicon_path"):
            self.lexicon = Lexicon.read(self.config.lexicon_path, self._lex_categories())
        samples = [dict(s) for s in data]
        if self.vocabs.mutable:
            self.build_vocabs(samples, logger)
        samples = [self._featurize(s) for s in samples]
        dataset = _SampleListDataset(samples, generate_idx=True)
        sampler = SortingSampler([len(s["token"]) for s in samples], batch_size, shuffle=shuffle)
        return PadSequenceDataLoader(
            dataset, device=device, batch_sampler=sampler, vocabs=self.vocabs
        )

    # ----------------------------------------------------------------- model
    def build_model(self, training=True, **kwargs) -> torch.nn.Module:
        cfg = self.config
        model = LexiconCharTaggingModel(
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
        )
        # Training only: start the character and bigram embeddings from vectors pretrained on
        # the corpora's text (set by training/train_ner.py).  A loaded model gets its weights
        # from model.pt instead, so this attribute is absent at prediction time.
        pretrained = getattr(self, "pretrained_vectors", None)
        if training and pretrained:
            with torch.no_grad():
                for key, embed in (("token", model.char_embed), ("bigram", model.bigram_embed)):
                    vectors = pretrained.get(key)
                    if not vectors:
                        continue
                    vocab = self.vocabs[key]
                    for token, idx in vocab.token_to_idx.items():
                        vec = vectors.get(token)
                        if vec is not None and idx != 0:
                            embed.weight[idx] = torch.as_tensor(vec[: embed.embedding_dim])
            if cfg.get("freeze_char_vectors"):
                model.char_embed.weight.requires_grad_(False)
        return model

    def build_optimizer(self, optimizer="adam", lr=0.001, **kwargs):
        return torch.optim.Adam(self.model.parameters(), lr=lr)

    def update_metrics(self, metric, logits, y, mask, batch, prediction):
        # reuse the Viterbi paths computed by the caller instead of decoding a second time
        metric(self._id_to_tags(prediction), batch["tag"])

    def compute_loss(self, criterion, out, y, mask):
        # mean over sentences, so the gradient scale does not depend on the batch size
        return -criterion.forward(out, y, mask, reduction="mean")

    # -------------------------------------------------------------- training
    def fit_dataloader(self, trn, criterion, optimizer, metric, logger, ratio_width=None, **kwargs):
        """One epoch; no per-batch decoding (Viterbi on CPU is slow and only used for display)."""
        self.model.train()
        scheduler = kwargs.get("scheduler")
        total, t0 = 0.0, time.time()
        log_every = max(1, len(trn) // 10)
        unk_drop = float(self.config.get("unk_drop", 0.0))
        ema = kwargs.get("ema")
        for idx, batch in enumerate(trn):
            if unk_drop:
                self._drop_to_unk(batch, unk_drop)
            optimizer.zero_grad()
            out, mask = self.feed_batch(batch)
            loss = self.compute_loss(criterion, out, batch["tag_id"], mask)
            loss.backward()
            nn.utils.clip_grad_norm_(self.model.parameters(), 5.0)
            optimizer.step()
            if scheduler is not None:
                scheduler.step()
            if ema is not None:
                ema.update()
            total += loss.item()
            if logger and (idx + 1) % log_every == 0:
                logger.info(
                    f"  batch {idx + 1}/{len(trn)} loss {total / (idx + 1):.4f} "
                    f"lr {optimizer.param_groups[0]['lr']:.2e} {time.time() - t0:.0f}s"
                )
        return total / max(1, len(trn))

    def _drop_to_unk(self, batch: dict[str, Any], p: float) -> None:
        """Training only: replace each character id, and each bigram id, by its vocabulary's
        unknown id with probability ``p`` (padding kept), so the model learns to tag from
        context and lexicon bits the characters it has not seen, as it must at prediction."""
        for key, vocab in (("token_id", "token"), ("bil_id", "bigram"), ("bir_id", "bigram")):
            ids = batch[key]
            unk = self.vocabs[vocab].token_to_idx[self.vocabs[vocab].unk_token]
            hit = (torch.rand(ids.shape, device=ids.device) < p) & ids.gt(0)
            batch[key] = ids.masked_fill(hit, unk)

    def execute_training_loop(
        self, trn, dev, epochs, criterion, optimizer, metric, save_dir, logger, **kwargs
    ):
        """Fixed epoch budget, linear warm-up then cosine decay of the LR per step; keeps the
        weights with the best span F1 on ``dev`` (the first dev set); logs every extra dev set.
        With ``config.ema`` set, the weights evaluated and kept are a moving average of the
        trained ones (:class:`WeightAverage`)."""
        extra_dev: dict[str, Any] = kwargs.get("extra_dev") or {}
        steps = epochs * len(trn)
        warmup = int(self.config.get("warmup_ratio", 0.02) * steps)
        min_ratio = self.config.get("min_lr_ratio", 0.02)

        def lr_lambda(step: int) -> float:
            if step < warmup:
                return (step + 1) / warmup
            p = (step - warmup) / max(1, steps - warmup)
            return min_ratio + (1 - min_ratio) * 0.5 * (1 + math.cos(math.pi * p))

        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda)
        decay = float(self.config.get("ema", 0.0))
        ema = WeightAverage(self.model, decay) if decay else None
        best, best_epoch, history = -1.0, 0, []
        t_start = time.time()
        deadline = kwargs.get("deadline")  # wall-clock guard (absolute time.time()), optional
        for epoch in range(1, epochs + 1):
            if (
                deadline
                and history
                and time.time() + history[-1]["elapsed_s"] / len(history) > deadline
            ):
                logger.info(
                    f"stopping before epoch {epoch}: the wall-clock budget would be exceeded"
                )
                break
            t0 = time.time()
            loss = self.fit_dataloader(
                trn, criterion, optimizer, metric, logger, scheduler=scheduler, ema=ema
            )
            if ema is not None:  # evaluate (and save) the averaged weights
                ema.swap()
            _, m = self.evaluate_dataloader(dev, criterion)
            f1 = float(m.score)
            row = {"epoch": epoch, "loss": loss, "dev_f1": f1, "train_s": time.time() - t0}
            for name, loader in extra_dev.items():
                _, mm = self.evaluate_dataloader(loader, criterion)
                row[f"{name}_f1"] = float(mm.score)
            row["elapsed_s"] = time.time() - t_start
            history.append(row)
            saved = ""
            if f1 > best:
                best, best_epoch = f1, epoch
                self.save_weights(save_dir)
                saved = " (saved)"
            if ema is not None:  # back to the raw weights to go on training
                ema.swap()
            logger.info(
                f"epoch {epoch}/{epochs} loss {loss:.4f} dev F1 {f1:.4f} "
                + " ".join(
                    f"{k} {v:.4f}" for k, v in row.items() if k.endswith("_f1") and k != "dev_f1"
                )
                + f" epoch {row['train_s']:.0f}s total {row['elapsed_s']:.0f}s{saved}"
            )
        # the model holds the raw weights of the last epoch: reload the kept ones
        if ema is not None or best_epoch != len(history):
            self.load_weights(save_dir)
        logger.info(f"best dev F1 {best:.4f} at epoch {best_epoch}")
        self.config.history = history
        self.config.best_epoch = best_epoch
        return best

    # ------------------------------------------------------ save / load
    def save_weights(self, save_dir, filename="model.pt", trainable_only=True, **kwargs):
        # fp16 on disk halves the size; load_state_dict casts back to the fp32 parameters.
        state = {
            k: (v.half() if v.is_floating_point() else v)
            for k, v in self.model_.state_dict().items()
        }
        torch.save(state, os.path.join(save_dir, filename))

    def save(self, save_dir: str, **kwargs) -> None:
        os.makedirs(save_dir, exist_ok=True)
        self.config.pop("lexicon_path", None)
        super().save(save_dir, **kwargs)
        if self.lexicon is not None:
            self.lexicon.write(os.path.join(save_dir, LEXICON_FILENAME))

    def load(self, save_dir: str, devices=None, verbose=False, **kwargs) -> None:
        super().load(save_dir, devices=devices, verbose=verbose, **kwargs)
        # after the config: it says how many categories the lexicon bits have
        path = os.path.join(save_dir, LEXICON_FILENAME)
        self.lexicon = Lexicon.read(path, self._lex_categories()) if os.path.isfile(path) else None

    # ------------------------------------------------------------ predict
    def _chunks(self, chars: Sequence[str]) -> list[tuple[int, int]]:
        """Pieces of at most ``max_seq_len`` characters, cut as the pipeline cuts them."""
        return clause_pieces(chars, int(self.config.get("max_seq_len", 256) or 0))

    def decode_output(self, logits, mask, batch, model=None):
        """Viterbi decoding in numpy: the same paths as HanLP's ``CRF.decode`` (ties aside), but
        without a dozen small torch operations per time step, which made decoding a quarter of
        the prediction time on CPU."""
        crf = (model or self.model).crf
        return viterbi_decode(
            logits, mask, crf.start_transitions, crf.transitions, crf.end_transitions
        )

    def _tag_pieces(self, pieces: list[list[str]], batch_size: int) -> list[list[str]]:
        """BIO tags of each piece.  Batches are built here, not by HanLP's data loader: the
        features of a batch go into one padded array per key in a single numpy assignment
        instead of a tensor per sample and a padding pass (a tenth of the prediction time).
        Pieces are batched longest first, as HanLP's ``SortingSampler`` orders them."""
        vocab = self.vocabs["tag"].idx_to_token
        lengths = [len(p) for p in pieces]
        features = [self._featurize({"token": p}) for p in pieces]
        order = torch.argsort(torch.tensor(lengths), descending=True).tolist()
        device = self.device
        domain = int(self.config.get("predict_domain", 0))
        keys = ("token_id", "bil_id", "bir_id", "lex_id")
        outputs: list[list[str]] = [[] for _ in pieces]
        self.model.eval()
        with torch.no_grad():
            for first in range(0, len(order), batch_size):
                members = order[first : first + batch_size]
                sizes = np.fromiter((lengths[i] for i in members), dtype=np.int64)
                # row-major positions of the real characters: the flat features fill them
                filled = np.arange(int(sizes[0]))[None, :] < sizes[:, None]
                batch: dict[str, Any] = {}
                for key in keys:
                    array = np.zeros(filled.shape, dtype=np.int64)
                    array[filled] = np.fromiter(
                        chain.from_iterable(features[i][key] for i in members),
                        dtype=np.int64,
                        count=int(sizes.sum()),
                    )
                    batch[key] = torch.from_numpy(array).to(device)
                batch["dom_id"] = torch.full((len(members),), domain, dtype=torch.long).to(device)
                out, mask = self.model(batch["token_id"], batch=batch)
                for i, path in zip(members, self.decode_output(out, mask, batch), strict=True):
                    outputs[i] = list(map(vocab.__getitem__, path))
        return outputs

    def predict_data(self, data, batch_size, **kwargs):
        pieces, owners = [], []
        for i, sent in enumerate(data):
            sent = list(sent)
            if not sent:
                continue
            for b, e in self._chunks(sent):
                pieces.append(sent[b:e])
                owners.append((i, b))
        tags_per_sent: list[list[str]] = [[] for _ in data]
        if pieces:
            outputs = self._tag_pieces(pieces, batch_size or self.config.get("batch_size", 32))
            for (i, _b), tags in zip(owners, outputs, strict=True):
                tags_per_sent[i].extend(tags)
        results = []
        for sent, tags in zip(data, tags_per_sent, strict=True):
            sent = list(sent)
            results.append([("".join(sent[b:e]), t, b, e) for t, b, e in bio_spans(tags)])
        return results


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, start, end) of the spans of a BIO sequence, ``end`` exclusive, by start: the spans
    of HanLP's ``bio_tags_to_spans``, which also opens a span at an ``I-`` that does not continue
    one, without a Python step per ``O`` tag."""
    spans: list[tuple[str, int, int]] = []
    label, start, last = "", -1, -2
    for i in compress(range(len(tags)), map("O".__ne__, tags)):
        tag = tags[i]
        if i == last + 1 and tag[0] == "I" and tag[2:] == label:
            last = i
            continue
        if start >= 0:
            spans.append((label, start, last + 1))
        label, start, last = tag[2:], i, i
    if start >= 0:
        spans.append((label, start, last + 1))
    return spans


def viterbi_decode(emissions, mask, start, transitions, end) -> list[list[int]]:
    """Best tag path of each sequence of a batch.

    ``emissions``: (batch, time, tags); ``mask``: (batch, time), True on the first ``length``
    steps of each sequence; ``start``/``end``: (tags,); ``transitions[i, j]``: score of tag i
    followed by tag j.  Returns one list of ``length`` tag ids per sequence.
    """
    em = emissions.detach().float().cpu().numpy()
    valid = mask.detach().cpu().numpy().astype(bool)
    lengths = valid.sum(axis=1)
    trans = transitions.detach().float().cpu().numpy()
    batch, steps, _ = em.shape
    score = start.detach().float().cpu().numpy()[None, :] + em[:, 0]
    history = np.zeros((max(steps - 1, 0), batch, em.shape[2]), dtype=np.int64)
    for t in range(1, steps):
        candidates = score[:, :, None] + trans[None, :, :] + em[:, t, None, :]
        best_previous = candidates.argmax(axis=1)
        history[t - 1] = best_previous
        best = np.take_along_axis(candidates, best_previous[:, None, :], axis=1)[:, 0, :]
        score = np.where(valid[:, t, None], best, score)
    score = score + end.detach().float().cpu().numpy()[None, :]
    # backtrack all sequences at once, one numpy step per time step: a sequence joins at its
    # last step with its best final tag
    final = score.argmax(axis=1)
    last = lengths - 1
    rows = np.arange(batch)
    path = np.zeros((batch, max(steps, 1)), dtype=np.int64)
    current = final.copy()
    for t in range(steps - 1, -1, -1):
        current = np.where(last == t, final, current)
        path[:, t] = current
        if t > 0:
            current = np.where(t <= last, history[t - 1, rows, current], current)
    return [path[b, : int(lengths[b])].tolist() for b in range(batch)]
