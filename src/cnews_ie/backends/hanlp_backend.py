"""HanLP backend: the shipped character-level NER model, or any HanLP NER model.

The shipped model lives in ``cnews_ie/models/ner``; its files are checked against the SHA-256
digests pinned in this module, :data:`SHIPPED_DIGESTS`, before anything reads them.  The
directory's ``checksums.sha256`` must list exactly those digests: a checksum file beside the
weights cannot vouch for them, whoever can change one can change the other.  A user's model
directory with a ``checksums.sha256`` is checked against it, and every file in the directory
(but the list itself and ``*.md`` notes) must be listed.

The shipped model, and a user's directory of the same kind (``config.json`` names
``LexiconCharNER``, weights in ``weights.npz``), run without torch or HanLP
(:class:`~cnews_ie.backends.ner_onnx.OnnxNER`: json, numpy, ONNX Runtime).  Any other directory
(a HanLP model, or weights in a ``model.pt`` pickle) and any HanLP pretrained identifier are
loaded with HanLP's ``hanlp.load``, as are weights that describe a network the ONNX graph does
not write (with a :class:`RuntimeWarning`).  Identifiers need the network (or a copy of the
model under ``HANLP_HOME``), and offline they fail with a :class:`~cnews_ie.errors.ModelError`
that says so.  Only load model files you trust: ``hanlp.load`` unpickles ``model.pt``.

The model is loaded once per backend instance, on first use, under a lock.  Its network runs in
ONNX Runtime on one thread, the LSTM in int8 by default (``int8=False`` for float32); a
sentence's entities never depend on the other sentences batched with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import threading
import warnings
from collections.abc import Mapping, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from cnews_ie.backends import Tagged
from cnews_ie.backends.span_repair import repair_spans
from cnews_ie.errors import ModelError
from cnews_ie.normalize import matching_view
from cnews_ie.sentences import MAX_PIECE, clause_pieces

__all__ = [
    "MAX_PIECE",
    "SHIPPED_DIGESTS",
    "HanLPBackend",
    "model_view",
    "read_checksums",
    "shipped_model_dir",
    "verify_model",
]

_CHECKSUMS = "checksums.sha256"
# SHA-256 of every file of the shipped model that the loader reads.  training/train_ner.py writes
# checksums.sha256 for a new model; copy its lines here when shipping it (a test checks that the
# two agree).
SHIPPED_DIGESTS: Mapping[str, str] = {
    "config.json": "577177492b07813a4fdc5d0dbbcf905763845a3b55dea1a363e1aef135878927",
    "vocabs.json": "1825f883b4027d71e25fae7f864605838a6caa1ae4ab1ce9a1dabcbb89ddb28a",
    "weights.npz": "1fa764240c98206e6ba643f289c21273261ea3b4d8333189a8aa60494931a121",
    "lexicon.tsv.gz": "ac6b7f002ccdbdd6697d9ea250e7137b06f2ed3d89ec9692881987b71e495c70",
}
_HEX = frozenset("0123456789abcdef")
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
    return _model_punctuation(matching_view(sentence))


def _model_punctuation(view: str) -> str:
    """A matching view with the ASCII comma as ，and whitespace as 、 (:func:`model_view`)."""
    return _MODEL_SPACE.sub(_model_run, view)  # only the runs it maps, not every character


_MODEL_SPACE = re.compile("[, \u3000\t]+")  # runs of what _MODEL_PUNCTUATION maps


def _model_run(run: re.Match[str]) -> str:
    return run.group().translate(_MODEL_PUNCTUATION)


def shipped_model_dir() -> Path:
    return Path(str(files("cnews_ie").joinpath("models", "ner")))


def read_checksums(directory: Path) -> dict[str, str]:
    """``file name → SHA-256`` from ``directory/checksums.sha256`` (``sha256sum`` format), or
    ModelError if the list is missing, not UTF-8, empty or has a line that is not
    ``<64 hex digits>  <file name>``."""
    listing = directory / _CHECKSUMS
    if not listing.is_file():
        raise ModelError(
            f"the NER model directory {directory} has no {_CHECKSUMS}; it is not a complete "
            "cnews_ie model (retrain it with training/train_ner.py, or reinstall cnews_ie)"
        )
    try:
        text = listing.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelError(
            f"{listing} is not UTF-8 text ({exc.reason} at byte {exc.start}); it is damaged: "
            "reinstall cnews_ie or retrain the model"
        ) from None
    digests: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        digest, _, name = line.partition(" ")
        name = name[1:] if name[:1] in (" ", "*") else name  # "  name" or " *name" (binary)
        plain = name and name == Path(name).name and name not in (".", "..", _CHECKSUMS)
        if len(digest) != 64 or not _HEX.issuperset(digest) or not plain or name in digests:
            raise ModelError(
                f"{listing}, line {number}, is not '<sha256>  <file name>' for a new file of "
                f"the model directory: {line[:80]!r}; the list is damaged or was edited"
            )
        digests[name] = digest
    if not digests:
        raise ModelError(f"{listing} lists no files; it is damaged or was emptied")
    return digests


def verify_model(directory: Path, expected: Mapping[str, str] | None = None) -> None:
    """Check every file of the model ``directory`` against ``checksums.sha256``, which must list
    every file there (but itself and ``*.md`` notes); with ``expected`` (the shipped model:
    :data:`SHIPPED_DIGESTS`) the list must also be exactly those digests.  ModelError if not."""
    listed = read_checksums(directory)
    if expected is not None and listed != dict(expected):
        raise ModelError(
            f"{directory / _CHECKSUMS} does not list the digests of the model shipped with "
            "cnews_ie (files or lines were changed, added or removed); the model was not "
            "loaded. Reinstall cnews_ie"
        )
    unlisted = sorted(
        path.name
        for path in directory.iterdir()
        if path.is_file() and path.name != _CHECKSUMS and path.suffix != ".md"
        and path.name not in listed
    )  # fmt: skip
    if unlisted:
        raise ModelError(
            f"the NER model directory {directory} has files that {_CHECKSUMS} does not list "
            f"({', '.join(unlisted)}); a loader could read them unchecked, so the model was not "
            "loaded. List them (sha256sum) or remove them"
        )
    for name, expected_digest in listed.items():
        path = directory / name
        if not path.is_file():
            raise ModelError(
                f"the NER model file {path} is missing; reinstall cnews_ie or retrain the model"
            )
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != expected_digest:
            raise ModelError(
                f"the NER model file {path} does not match its checksum (damaged, truncated or "
                "modified); it was not loaded. Reinstall cnews_ie, or pass verify=False only for "
                "a model you built and trust"
            )


def _runs_without_torch(directory: Path) -> bool:
    """Whether ``directory`` holds a model that :class:`~cnews_ie.backends.ner_onnx.OnnxNER`
    runs: ``LexiconCharNER``'s ``config.json`` and numpy weights."""
    from cnews_ie.backends.ner_onnx import CLASSPATHS, WEIGHTS_FILENAME

    if not (directory / WEIGHTS_FILENAME).is_file():
        return False
    try:
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False  # hanlp.load reports it
    return isinstance(config, dict) and config.get("classpath") in CLASSPATHS


def _root_cause(exc: BaseException) -> BaseException:
    """The first error in ``exc``'s chain: HanLP's error path raises its own errors (it imports
    ``pkg_resources``, absent from recent setuptools) over the one that stopped the load."""
    seen = {id(exc)}
    while (inner := exc.__cause__ or exc.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        exc = inner
    return exc


def _one_line(exc: BaseException) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first[:300]}" if first else type(exc).__name__


class HanLPBackend:
    """NER with HanLP.  ``model`` is None (the shipped model), a directory, or a HanLP identifier.

    ``int8``: run the shipped kind of model with its LSTM's weights in 8-bit integers (about
    1.7x faster network, a few tags differ; ``backends.ner_int8``); False for the exact float32
    network, whose tags are those of its torch forward.  The shipped kind runs without torch
    (``backends.ner_onnx``)."""

    def __init__(
        self,
        model: str | os.PathLike[str] | None = None,
        *,
        verify: bool = True,
        batch_size: int = 128,
        int8: bool = True,
    ) -> None:
        self.model = None if model is None else str(model)
        self.int8 = int8
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
                if hasattr(self._component, "int8"):  # the shipped model's kind
                    self._component.int8 = self.int8
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
                verify_model(directory, SHIPPED_DIGESTS)
            target = str(directory)
        else:
            target = self.model
            path = Path(target)
            if path.is_dir() and self.verify and (path / _CHECKSUMS).is_file():
                verify_model(path)
        if _runs_without_torch(Path(target)):
            from cnews_ie.backends.ner_onnx import OnnxNER, UnknownNetworkError

            try:
                return OnnxNER.load(target)
            except UnknownNetworkError as exc:
                warnings.warn(
                    f"the NER model in {target} has a network the ONNX runtime does not write "
                    f"({exc}); it is loaded with HanLP and torch instead (slower)",
                    RuntimeWarning,
                    stacklevel=4,
                )
        try:
            import hanlp
        except ImportError as exc:
            raise ModelError(
                f"the NER model {target!r} is loaded with HanLP, which is not installed: "
                'pip install "cnews_ie[hanlp]" (the shipped model, ner="default", needs neither '
                "HanLP nor torch)"
            ) from exc

        on_disk = Path(target).is_dir()
        # a model on disk loads quietly (HanLP prints "Failed to load" and version advice
        # before raising); a download keeps HanLP's progress messages
        quiet = io.StringIO()
        try:
            with (
                contextlib.redirect_stdout(quiet) if on_disk else contextlib.nullcontext(),
                contextlib.redirect_stderr(quiet) if on_disk else contextlib.nullcontext(),
            ):
                component = hanlp.load(target, verbose=False if on_disk else None)
        except Exception as exc:
            if on_disk:
                cause = _root_cause(exc)
                raise ModelError(
                    f"could not load the model directory {target}: {_one_line(cause)}. Its "
                    "files are damaged or are not a HanLP model saved by this HanLP version "
                    "(a model.pt that cannot be unpickled is the usual cause)"
                ) from cause
            home = os.environ.get("HANLP_HOME", "~/.hanlp (HANLP_HOME is not set)")
            raise ModelError(
                f"could not load the HanLP model {target!r}: {type(exc).__name__}: {exc}. "
                "A HanLP identifier is downloaded on first use, which needs the network; offline, "
                f"put the unpacked model under HANLP_HOME ({home}) or pass the model's directory, "
                "or use the shipped model (ner='default')"
            ) from exc
        return component

    def tag(self, sentences: Sequence[str]) -> list[Tagged]:
        return self.tag_views(sentences, [matching_view(sentence) for sentence in sentences])

    def tag_views(self, sentences: Sequence[str], views: Sequence[str]) -> list[Tagged]:
        """:meth:`tag`, given each sentence's matching view (``normalize.matching_view``): a
        caller that has the view of a whole text passes its slices instead of a second view."""
        return [
            Tagged(tuple(sentence), tuple(spans))
            for sentence, spans in zip(sentences, self.spans_views(sentences, views), strict=True)
        ]

    def spans_views(
        self, sentences: Sequence[str], views: Sequence[str]
    ) -> list[list[tuple[str, int, int]]]:
        """The entities :meth:`tag_views` gives each sentence, as (label, start, end) character
        offsets (its tokens are the characters): no tuple of characters built per sentence."""
        component = self._load()
        views = [_model_punctuation(view) for view in views]
        with (
            self._predict_lock
        ):  # HanLP's predict sets up state on the component: one call at a time
            if hasattr(component, "entity_spans"):  # the shipped model reads the strings
                found = component.entity_spans(views, batch_size=self.batch_size)
            else:
                found = self._predict(component, views)
        return [
            repair_spans(sentence, [(_LABEL_MAP[t], s, e) for t, s, e in spans if t in _LABEL_MAP])
            for sentence, spans in zip(sentences, found, strict=True)
        ]

    def _predict(self, component: Any, views: Sequence[str]) -> list[list[tuple[str, int, int]]]:
        """(type, start, end) of the entities of each view by a HanLP component, given lists of
        characters.  The shipped model cuts over-long sentences itself (at the length it was
        trained on); any other HanLP model gets pieces cut with the same rule
        (cnews_ie.sentences)."""
        limit = 0 if hasattr(component, "piece_limit") else MAX_PIECE
        # (sentence index, piece start, piece characters) for every non-empty piece
        work = [
            (i, a, list(view[a:b]))
            for i, view in enumerate(views)
            if view
            for a, b in clause_pieces(view, limit)
        ]
        results = (
            component([chars for _, _, chars in work], batch_size=self.batch_size) if work else []
        )
        found: list[list[tuple[str, int, int]]] = [[] for _ in views]
        for (i, offset, _), spans in zip(work, results, strict=True):
            for span in spans:
                _, label, start, end = span[:4]
                found[i].append((label, offset + start, offset + end))
        return found
