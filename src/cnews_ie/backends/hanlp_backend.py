"""HanLP backend: the shipped character-level NER model, or any HanLP NER model.

The shipped model lives in ``cnews_ie/models/ner`` and is loaded with HanLP's ordinary
``hanlp.load(path)`` after its files are checked against ``checksums.sha256`` (the weights are a
pickle: a modified file must never reach ``torch.load``).  A user may instead name a HanLP model
directory or a HanLP pretrained identifier; identifiers need the network (or a copy of the model
under ``HANLP_HOME``), and offline they fail with a :class:`~cnews_ie.errors.ModelError` that
says so.  Only load model files you trust: loading runs pickled code.

The model is loaded once per backend instance, on first use, under a lock.  It runs in float32:
int8 dynamic quantisation was 1.3x faster at the same F1, but it quantises activations with a
scale computed over the whole batch, so a sentence's entities depended on the other sentences
batched with it; results must not depend on batching.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from cnews_ie.backends import Tagged
from cnews_ie.errors import ModelError
from cnews_ie.normalize import matching_view
from cnews_ie.sentences import MAX_PIECE, clause_pieces

__all__ = ["MAX_PIECE", "HanLPBackend", "model_view", "shipped_model_dir", "verify_model"]

_CHECKSUMS = "checksums.sha256"
# Label names of HanLP's published Chinese NER models (MSRA: NR/NS/NT; OntoNotes: PERSON …).
_LABEL_MAP = {
    "PER": "PER", "NR": "PER", "PERSON": "PER", "nr": "PER",
    "LOC": "LOC", "NS": "LOC", "LOCATION": "LOC", "GPE": "LOC", "ns": "LOC",
    "ORG": "ORG", "NT": "ORG", "ORGANIZATION": "ORG", "nt": "ORG",
}  # fmt: skip


_MODEL_PUNCTUATION = str.maketrans({",": "，", " ": "、", "\u3000": "、", "\t": "、"})


def model_view(sentence: str) -> str:
    """What the model reads: the matching view, with the ASCII comma as ，and whitespace as 、.

    The training corpora keep the full-width comma (the matching view leaves ，alone) and
    contain no whitespace at all, while pages in the wild use ASCII commas and separate names
    with spaces (宋振峰 范海瑞 谢晓玲).  Both maps are one character to one character.

    >>> model_view("金川集团,兰石集团 新华社")
    '金川集团，兰石集团、新华社'
    """
    return matching_view(sentence).translate(_MODEL_PUNCTUATION)


def shipped_model_dir() -> Path:
    return Path(str(files("cnews_ie").joinpath("models", "ner")))


def verify_model(directory: Path) -> None:
    """Check every file listed in ``checksums.sha256`` of ``directory``; raise ModelError if not."""
    listing = directory / _CHECKSUMS
    if not listing.is_file():
        raise ModelError(
            f"the NER model directory {directory} has no {_CHECKSUMS}; it is not a complete "
            "cnews_ie model (retrain it with training/train_ner.py, or reinstall cnews_ie)"
        )
    for line in listing.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        expected, name = line.split(maxsplit=1)
        path = directory / name.strip().lstrip("*")
        if not path.is_file():
            raise ModelError(
                f"the NER model file {path} is missing; reinstall cnews_ie or retrain the model"
            )
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != expected:
            raise ModelError(
                f"the NER model file {path} does not match its checksum (damaged, truncated or "
                "modified); it was not loaded. Reinstall cnews_ie, or pass verify=False only for "
                "a model you built and trust"
            )


class HanLPBackend:
    """NER with HanLP.  ``model`` is None (the shipped model), a directory, or a HanLP identifier."""

    def __init__(
        self,
        model: str | os.PathLike[str] | None = None,
        *,
        verify: bool = True,
        batch_size: int = 128,
    ) -> None:
        self.model = None if model is None else str(model)
        self.verify = verify
        self.batch_size = batch_size
        self.name = "hanlp:cnews-ner" if model is None else f"hanlp:{self.model}"
        self._component: Any = None
        self._lock = threading.Lock()
        self._predict_lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._component is None:
                self._component = self._load_unlocked()
        return self._component

    def _load_unlocked(self) -> Any:
        if self.model is None:
            directory = shipped_model_dir()
            if not (directory / "config.json").is_file():
                raise ModelError(
                    f"the shipped NER model is missing from {directory}; reinstall cnews_ie "
                    "(or train one with training/train_ner.py)"
                )
            if self.verify:
                verify_model(directory)
            target = str(directory)
        else:
            target = self.model
            path = Path(target)
            if path.is_dir() and self.verify and (path / _CHECKSUMS).is_file():
                verify_model(path)
        import hanlp

        try:
            # a model on disk loads quietly; a download keeps HanLP's progress messages
            component = hanlp.load(target, verbose=False if Path(target).is_dir() else None)
        except Exception as exc:
            home = os.environ.get("HANLP_HOME", "~/.hanlp (HANLP_HOME is not set)")
            raise ModelError(
                f"could not load the HanLP model {target!r}: {type(exc).__name__}: {exc}. "
                "A HanLP identifier is downloaded on first use, which needs the network; offline, "
                f"put the unpacked model under HANLP_HOME ({home}) or pass the model's directory, "
                "or use the shipped model (ner='default')"
            ) from exc
        return component

    def tag(self, sentences: Sequence[str]) -> list[Tagged]:
        component = self._load()
        # The shipped model cuts over-long sentences itself (at the length it was trained on);
        # any other HanLP model gets pieces cut with the same rule (cnews_ie.sentences).
        limit = 0 if hasattr(component, "piece_limit") else MAX_PIECE
        # (sentence index, piece start, piece characters) for every non-empty piece
        views = [model_view(sentence) for sentence in sentences]
        work = [
            (i, a, list(view[a:b]))
            for i, view in enumerate(views)
            if view
            for a, b in clause_pieces(view, limit)
        ]
        with (
            self._predict_lock
        ):  # HanLP's predict sets up state on the component: one call at a time
            results = (
                component([chars for _, _, chars in work], batch_size=self.batch_size)
                if work
                else []
            )
        entities: list[list[tuple[str, int, int]]] = [[] for _ in sentences]
        for (i, offset, _), spans in zip(work, results, strict=True):
            for span in spans:
                _, label, start, end = span[:4]
                mapped = _LABEL_MAP.get(label)
                if mapped is not None:
                    entities[i].append((mapped, offset + start, offset + end))
        return [
            Tagged(tuple(sentence), tuple(found))
            for sentence, found in zip(sentences, entities, strict=True)
        ]
