"""Training of the shipped NER model: :class:`LexiconCharNERTrainer` and :class:`WeightAverage`.

:class:`LexiconCharNERTrainer` is :class:`cnews_ie.backends.ner_model.LexiconCharNER` plus what
only training needs: building the vocabularies (with characters that only the pretrained vectors
know), starting the embeddings from pretrained vectors, the fit loop (fixed epoch budget, warm-up
then cosine learning rate, unknown-id dropout, a moving average of the weights, model selection
on the first dev set) and saving (fp16 weights, the lexicon beside them).  A saved model names
the inference class in its ``config.json``, so ``hanlp.load`` never imports this module.
Used by ``train_ner.py``; imports hanlp and torch.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

import torch
from hanlp.common.dataset import PadSequenceDataLoader, SortingSampler, TransformableDataset
from hanlp.common.vocab import Vocab
from torch import nn

from cnews_ie.backends.ner_lexicon import LEXICON_FILENAME, Lexicon
from cnews_ie.backends.ner_model import LexiconCharNER, LexiconCharTaggingModel, bigrams_of
from cnews_ie.backends.ner_onnx import WEIGHTS_FILENAME, write_weights
from cnews_ie.backends.ner_softlexicon import SOFTLEXICON_FILENAME

__all__ = ["LexiconCharNERTrainer", "WeightAverage"]


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


class _SampleListDataset(TransformableDataset):  # type: ignore[misc]
    """A dataset over an in-memory list of already featurised samples."""

    def load_file(self, filepath: str) -> None:
        raise NotImplementedError("LexiconCharNER only reads in-memory samples")


class LexiconCharNERTrainer(LexiconCharNER):
    """:class:`LexiconCharNER` with HanLP's training hooks (see the module docstring)."""

    # ------------------------------------------------------------------ data
    def _ids(self, key: str, tokens: Iterable[str]) -> list[int]:
        vocab = self.vocabs[key]
        if vocab.mutable:  # building vocabularies: HanLP's get_idx adds new tokens
            return [vocab.get_idx(t) for t in tokens]
        return super()._ids(key, tokens)

    def _featurize(self, sample: dict[str, Any]) -> dict[str, Any]:
        sample = super()._featurize(sample)
        if "tag" in sample:
            tv = self.vocabs["tag"]
            sample["tag_id"] = [tv.get_idx(t) for t in sample["tag"]]
        return sample

    def build_vocabs(
        self, samples: Iterable[dict[str, Any]], logger: logging.Logger | None = None
    ) -> None:
        chars: Counter[str] = Counter()
        bigrams: Counter[str] = Counter()
        tags: set[str] = set()
        for s in samples:
            chars.update(s["token"])
            bigrams.update(bigrams_of(s["token"]))
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
        kept = [b for b, n in ranked if n >= cfg.get("bigram_min_freq", 2)]
        for b in kept[: cfg.get("bigram_max_size", 100000)]:
            bv.add(b)
        extra = cfg.get("bigram_vocab_extra", 0)
        if extra:
            # the most frequent pretrained bigrams that training lacks (the vectors are in
            # order of frequency in their text): unseen names get their bigrams' vectors
            pretrained = (getattr(self, "pretrained_vectors", None) or {}).get("bigram") or {}
            for b in pretrained:
                if extra <= 0:
                    break
                if b not in bv.token_to_idx:
                    bv.add(b)
                    extra -= 1
        tv = Vocab(unk_token=None, pad_token=None)
        for t in sorted(tags, key=lambda t: (t != "O", t[2:], t[:2])):
            tv.add(t)
        self.vocabs["token"] = cv
        self.vocabs["bigram"] = bv
        self.vocabs["tag"] = tv
        self.vocabs.lock()
        if logger:
            self.vocabs.summary(logger)

    def build_dataloader(
        self,
        data: Any,
        batch_size: int,
        shuffle: bool,
        device: Any,
        logger: logging.Logger | None = None,
        **kwargs: Any,
    ) -> Any:
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
    def build_model(self, training: bool = True, **kwargs: Any) -> torch.nn.Module:
        model = super().build_model(training=training, **kwargs)
        assert isinstance(model, LexiconCharTaggingModel)
        # Start the character and bigram embeddings from pretrained vectors (set by
        # train_ner.py); a loaded model gets its weights from weights.npz instead.
        pretrained = getattr(self, "pretrained_vectors", None)
        if training and pretrained:
            with torch.no_grad():
                for key, embed in (("token", model.char_embed), ("bigram", model.bigram_embed)):
                    assert isinstance(embed, nn.Embedding)
                    vectors = pretrained.get(key)
                    if not vectors:
                        continue
                    vocab = self.vocabs[key]
                    # bigrams: mix * pretrained + sqrt(1 - mix^2) * the random initial row
                    mix = (
                        float(self.config.get("bigram_vector_mix", 1.0)) if key == "bigram" else 1.0
                    )
                    keep = math.sqrt(max(0.0, 1.0 - mix * mix))
                    for token, idx in vocab.token_to_idx.items():
                        vec = vectors.get(token)
                        if vec is not None and idx != 0:
                            pre = torch.as_tensor(vec[: embed.embedding_dim])
                            embed.weight[idx] = mix * pre + keep * embed.weight[idx]
            if self.config.get("freeze_char_vectors"):
                model.char_embed.weight.requires_grad_(False)
        return model

    def build_optimizer(
        self, optimizer: str = "adam", lr: float = 0.001, **kwargs: Any
    ) -> torch.optim.Optimizer:
        return torch.optim.Adam(self.model.parameters(), lr=lr)

    def update_metrics(
        self, metric: Any, logits: Any, y: Any, mask: Any, batch: Any, prediction: Any
    ) -> None:
        # reuse the Viterbi paths computed by the caller instead of decoding a second time
        metric(self._id_to_tags(prediction), batch["tag"])

    def compute_loss(self, criterion: Any, out: Any, y: Any, mask: Any) -> torch.Tensor:
        # mean over sentences, so the gradient scale does not depend on the batch size
        loss: torch.Tensor = -criterion.forward(out, y, mask, reduction="mean")
        return loss

    # -------------------------------------------------------------- training
    def fit_dataloader(
        self,
        trn: Any,
        criterion: Any,
        optimizer: torch.optim.Optimizer,
        metric: Any,
        logger: logging.Logger | None,
        ratio_width: Any = None,
        **kwargs: Any,
    ) -> float:
        """One epoch; no per-batch decoding (Viterbi on CPU is slow and only used for display)."""
        self.model.train()
        scheduler = kwargs.get("scheduler")
        total, t0 = 0.0, time.time()
        log_every = max(1, len(trn) // 10)
        unk_drop = float(self.config.get("unk_drop", 0.0))
        ema: WeightAverage | None = kwargs.get("ema")
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
        """Replace each character id, and each bigram id, by its vocabulary's unknown id with
        probability ``p`` (padding kept), so the model learns to tag from context and lexicon
        bits the characters it has not seen, as it must at prediction."""
        for key, vocab in (("token_id", "token"), ("bil_id", "bigram"), ("bir_id", "bigram")):
            ids = batch[key]
            unk = self.vocabs[vocab].token_to_idx[self.vocabs[vocab].unk_token]
            hit = (torch.rand(ids.shape, device=ids.device) < p) & ids.gt(0)
            batch[key] = ids.masked_fill(hit, unk)

    def execute_training_loop(
        self,
        trn: Any,
        dev: Any,
        epochs: int,
        criterion: Any,
        optimizer: torch.optim.Optimizer,
        metric: Any,
        save_dir: str,
        logger: logging.Logger,
        **kwargs: Any,
    ) -> float:
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
            return float(min_ratio + (1 - min_ratio) * 0.5 * (1 + math.cos(math.pi * p)))

        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda)
        decay = float(self.config.get("ema", 0.0))
        ema = WeightAverage(self.model, decay) if decay else None
        best, best_epoch = -1.0, 0
        history: list[dict[str, float]] = []
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

    # ------------------------------------------------------ save
    def save_weights(
        self,
        save_dir: str,
        filename: str = WEIGHTS_FILENAME,
        trainable_only: bool = True,
        **kwargs: Any,
    ) -> None:
        # numpy arrays, no pickle (the library reads them without torch: ner_onnx); fp16 on
        # disk halves the size, and load_state_dict casts back to the fp32 parameters
        state = {
            k: (v.half() if v.is_floating_point() else v).detach().cpu().numpy()
            for k, v in self.model_.state_dict().items()
        }
        write_weights(os.path.join(save_dir, filename), state)

    @property
    def _savable_config(self) -> Any:
        # the saved model names the inference class: hanlp.load never imports this module
        config = super()._savable_config
        config["classpath"] = f"{LexiconCharNER.__module__}.{LexiconCharNER.__qualname__}"
        return config

    def save(self, save_dir: str, **kwargs: Any) -> None:
        os.makedirs(save_dir, exist_ok=True)
        self.config.pop("lexicon_path", None)
        super().save(save_dir, **kwargs)
        if self.lexicon is not None:
            self.lexicon.write(os.path.join(save_dir, LEXICON_FILENAME))
        if self.softlexicon is not None:
            self.softlexicon.write(os.path.join(save_dir, SOFTLEXICON_FILENAME))
