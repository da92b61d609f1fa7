"""The entry points: ``extract``, ``extract_many`` and ``Extractor``, which runs the pipeline's
stages (``pipeline.py``) over one text, or over batches of many texts, serially or in worker
processes.  NER runs on batches of sentences (``batch_chars``), across documents in
``extract_many``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from cnews_ie.backends import Backend
from cnews_ie.errors import CnewsIEError
from cnews_ie.pipeline import Stage, default_stages, run_stages
from cnews_ie.records import Document
from cnews_ie.stages import groups
from cnews_ie.work import Work, to_document

__all__ = ["Extractor", "backend_for", "extract", "extract_many"]

T = TypeVar("T")

NerChoice = Backend | str | os.PathLike[str] | None


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        hint = (
            "; decode bytes first, e.g. data.decode('utf-8')"
            if isinstance(text, bytes | bytearray)
            else ""
        )
        raise TypeError(
            f"cnews_ie.extract() expects the text as str, not {type(text).__name__}{hint}"
        )
    return text


def backend_for(ner: NerChoice) -> Backend | None:
    """``"default"`` → the shipped HanLP model; ``"jieba"``; ``"none"``/None → no NER;
    any other string or path → a HanLP model directory or identifier; or a Backend."""
    if ner is None or ner == "none":
        return None
    if isinstance(ner, Backend):
        return ner
    if ner == "jieba":
        from cnews_ie.backends.jieba_backend import JiebaBackend

        return JiebaBackend()
    from cnews_ie.backends.hanlp_backend import HanLPBackend

    return HanLPBackend(None if ner == "default" else ner)


class Extractor:
    """A configured pipeline.  ``ner`` picks the entity backend (see ``extract``).

    The backend (and its model) is created once per Extractor and loaded on first use.
    ``batch_chars`` bounds how much text goes to the NER model in one call.  ``stages`` lists
    the (name, stage) pairs a text goes through (``pipeline.default_stages``); add your own with
    ``add_stage`` (docs/pipeline.md).
    """

    def __init__(self, ner: NerChoice = "default", *, batch_chars: int = 40_000) -> None:
        self.ner = ner
        self.backend = backend_for(ner)
        self.batch_chars = batch_chars
        self.stages: list[tuple[str, Stage]] = default_stages(self.backend, batch_chars)

    def add_stage(
        self, name: str, stage: Stage, *, after: str | None = None, before: str | None = None
    ) -> None:
        """Insert ``stage`` (a function ``Work -> Work``, see ``cnews_ie.work.Work``) after or
        before the stage named ``after``/``before``, or at the end (before the offsets move to
        the caller's text).  A stage named like an existing one replaces it.

        >>> from dataclasses import replace
        >>> def hundred_millions_only(work):
        ...     work.figures = tuple(f for f in work.figures if f.value >= 100_000_000)
        ...     return work
        >>> ex = Extractor(ner=None)
        >>> ex.add_stage("big", hundred_millions_only, after="figures")
        >>> [f.text for f in ex.extract("投资57亿元，新增就业300人。").figures]
        ['57亿元']
        """
        names = [n for n, _ in self.stages]
        if not callable(stage):
            raise TypeError(f"a stage is a function Work -> Work, not {type(stage).__name__}")
        if after is not None and before is not None:
            raise ValueError("give after= or before=, not both")
        anchor = after if after is not None else before
        if anchor is not None and anchor not in names:
            raise ValueError(f"no stage named {anchor!r}; the stages are {names}")
        if name in names:
            self.stages[names.index(name)] = (name, stage)
            return
        at = len(names) if anchor is None else names.index(anchor) + (after is not None)
        self.stages.insert(at, (name, stage))

    def _run(self, texts: list[str]) -> list[Document]:
        works = run_stages(self.stages, [Work(text) for text in texts])
        return [to_document(work) for work in works]

    def extract(self, text: str) -> Document:
        """Extract everything from one text (see :func:`cnews_ie.extract`)."""
        return self._run([_check_text(text)])[0]

    def extract_many(self, texts: Iterable[str], *, n_jobs: int = 1) -> Iterator[Document]:
        """One Document per text, in order, lazily; NER runs on batches of about
        ``batch_chars`` characters so the model sees many sentences per call.  A text that is
        not a str (or an error from the iterable itself) ends the stream with that error, after
        the documents of every text before it.

        ``n_jobs`` > 1 runs that many worker processes (-1: one per CPU), each with its own
        Extractor, so the model is loaded once per worker; at most ``2 * n_jobs`` batches are in
        flight, so memory stays flat however many texts the iterable yields.  Workers are
        started with ``spawn``: in a script, call this under ``if __name__ == "__main__":``.
        """
        jobs = _jobs(n_jobs)
        if jobs == 1:
            return self._extract_serial(texts)
        return self._extract_parallel(texts, jobs)

    def _extract_serial(self, texts: Iterable[str]) -> Iterator[Document]:
        failed: list[BaseException] = []
        checked = _prepared_until_error(_check_text, texts, failed)
        for batch in groups(checked, len, self.batch_chars):
            yield from self._run(batch)
        if failed:  # a bad text: every document before it came out first
            raise failed[0]

    def _extract_parallel(self, texts: Iterable[str], jobs: int) -> Iterator[Document]:
        import concurrent.futures
        import multiprocessing
        import pickle
        from collections import deque

        if [name for name, _ in self.stages] != [name for name, _ in default_stages(None, 0)]:
            raise ValueError(
                "extract_many(n_jobs > 1) runs the built-in stages in worker processes; stages "
                "added or replaced with add_stage do not travel there: use n_jobs=1"
            )
        try:
            pickle.dumps(self.ner)
        except Exception as exc:
            raise TypeError(
                "extract_many(n_jobs > 1) sends the ner choice to worker processes: give it as "
                f"a name or a model path, not a {type(self.ner).__name__} object ({exc})"
            ) from exc
        context = multiprocessing.get_context("spawn")  # fork after torch threads is unsafe
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=_worker_start,
            initargs=(self.ner, self.batch_chars),
        ) as pool:
            pending: deque[concurrent.futures.Future[list[Document]]] = deque()
            failed: list[BaseException] = []
            checked = _prepared_until_error(_check_text, texts, failed)
            try:
                for chunk in groups(checked, len, self.batch_chars):
                    pending.append(pool.submit(_worker_extract, chunk))
                    if len(pending) >= 2 * jobs:
                        yield from pending.popleft().result()
                while pending:
                    yield from pending.popleft().result()
                if failed:  # a bad text: every document before it came out first
                    raise failed[0]
            except concurrent.futures.process.BrokenProcessPool as exc:
                raise CnewsIEError(
                    "a worker process of extract_many(n_jobs > 1) died before finishing.  In a "
                    'script, call it under `if __name__ == "__main__":` (workers are spawned '
                    "and import the main module); otherwise the machine may be out of memory"
                ) from exc


def _jobs(n_jobs: int) -> int:
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be a positive int or -1 (one per CPU), not {n_jobs!r}")
    return (os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def _prepared_until_error(
    prepare: Callable[[object], T], texts: Iterable[object], failed: list[BaseException]
) -> Iterator[T]:
    """``prepare`` over ``texts`` until reading or preparing one raises; the error goes into
    ``failed`` (to be raised once the texts before it are done) and ends the iteration."""
    iterator = iter(texts)
    while True:
        try:
            prepared = prepare(next(iterator))
        except StopIteration:
            return
        except Exception as exc:
            failed.append(exc)
            return
        yield prepared


_WORKER: list[Extractor] = []  # the worker process's own Extractor, made by _worker_start


def _worker_start(ner: NerChoice, batch_chars: int) -> None:
    _WORKER.append(Extractor(ner, batch_chars=batch_chars))


def _worker_extract(texts: list[str]) -> list[Document]:
    return list(_WORKER[0].extract_many(texts))


_DEFAULT: dict[str, Extractor] = {}
_DEFAULT_LOCK = threading.Lock()


def _extractor(ner: NerChoice) -> Extractor:
    if not isinstance(ner, str | None):
        return Extractor(ner)
    key = "none" if ner is None else ner
    with _DEFAULT_LOCK:
        if key not in _DEFAULT:
            _DEFAULT[key] = Extractor(ner)
        return _DEFAULT[key]


def extract(text: str, *, ner: NerChoice = "default") -> Document:
    """Extract figures, sentences, people, organisations and locations from one text.

    ``ner``: ``"default"`` (the NER model shipped with cnews_ie), ``"jieba"`` (fast, low
    accuracy), ``None`` (no entities), a HanLP model directory or identifier, or a Backend.

    >>> doc = extract("2024年，全市实现地区生产总值620.06亿元，增长13.6%。", ner=None)
    >>> [(f.text, f.value, f.unit) for f in doc.figures]
    [('620.06亿元', Decimal('62006000000'), '元'), ('13.6%', Decimal('13.6'), '%')]
    >>> doc.text[doc.figures[0].start:doc.figures[0].end]
    '620.06亿元'
    """
    return _extractor(ner).extract(text)


def extract_many(
    texts: Iterable[str], *, ner: NerChoice = "default", n_jobs: int = 1
) -> Iterator[Document]:
    """Extract from each text of an iterable, lazily, one Document per text, in order.

    ``n_jobs`` > 1 (or -1, one per CPU) spreads the work over that many processes, the model
    loaded once in each (see :meth:`cnews_ie.Extractor.extract_many`); results are the same as serial.
    """
    return _extractor(ner).extract_many(texts, n_jobs=n_jobs)
