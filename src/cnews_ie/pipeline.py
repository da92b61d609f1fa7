"""The ordered stages and the entry points ``extract``, ``extract_many`` and ``Extractor``.

raw text → clean (layout repair + offset map) → sentences → entities (NER backend + lexicons,
one overlap policy) → titles → figures → linking (metric, subject, period, base) → projects →
articles → Document.  Stages read the repaired text; every record leaving this module carries
offsets into the caller's text, converted here (``Cleaned.offsets``) and nowhere else.  NER runs
on batches of sentences (``batch_chars``), across documents in ``extract_many``.
"""

from __future__ import annotations

import os
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TypeVar

from cnews_ie.articles import split_articles_in
from cnews_ie.backends import Backend, Tagged, char_spans
from cnews_ie.clean import Cleaned, clean
from cnews_ie.entities import apply_lexicons, build_entities, filter_spans, parent_organizations
from cnews_ie.errors import CnewsIEError
from cnews_ie.figures import find_figures
from cnews_ie.gazetteer import place_spans
from cnews_ie.link import link_figures
from cnews_ie.projects import find_projects
from cnews_ie.records import Article, Document, Figure, Project, Role, Sentence
from cnews_ie.sentences import split_sentences
from cnews_ie.titles import read_titles

__all__ = ["Extractor", "extract", "extract_many"]

T = TypeVar("T")
_MAX_GROUP = 10_000  # items per group at most: many empty texts still make bounded groups

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


def _backend(ner: NerChoice) -> Backend | None:
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


@dataclass(slots=True)
class _Prepared:
    text: str
    cleaned: Cleaned
    sentences: tuple[Sentence, ...]
    spans: tuple[tuple[int, int], ...]  # sentence spans in the repaired text


class Extractor:
    """A configured pipeline.  ``ner`` picks the entity backend (see ``extract``).

    The backend (and its model) is created once per Extractor and loaded on first use.
    ``batch_chars`` bounds how much text goes to the NER model in one call.
    """

    def __init__(self, ner: NerChoice = "default", *, batch_chars: int = 40_000) -> None:
        self.ner = ner
        self.backend = _backend(ner)
        self.batch_chars = batch_chars

    def _prepare(self, text: object) -> _Prepared:
        text = _check_text(text)
        cleaned = clean(text)
        sentences, spans = [], []
        for s, e, role in split_sentences(cleaned.text, cleaned.blocks):
            start, end = cleaned.offsets.span(s, e)
            sentences.append(Sentence(cleaned.text[s:e], start, end, role))
            spans.append((s, e))
        return _Prepared(text, cleaned, tuple(sentences), tuple(spans))

    def _body_sentences(self, prepared: _Prepared) -> list[tuple[int, int, int]]:
        """(start, end, block index) of body sentences, in the repaired text."""
        starts = [b.start for b in prepared.cleaned.blocks]
        return [
            (s, e, bisect_right(starts, s) - 1)
            for (s, e), sentence in zip(prepared.spans, prepared.sentences, strict=True)
            if sentence.role is Role.BODY
        ]

    def _finish(self, prepared: _Prepared, tagged_spans: list[tuple[str, int, int]]) -> Document:
        """Build the Document; ``tagged_spans`` are (label, start, end) in the repaired text.

        Every stage works in the repaired text; offsets move to the caller's text here, once.
        """
        text, cleaned = prepared.text, prepared.cleaned
        move = cleaned.offsets.span
        source = self.backend.name if self.backend is not None else ""
        spans = [(label, s, e, source) for label, s, e in tagged_spans]
        major, minor = place_spans(cleaned.text)
        kept: list[tuple[str, int, int]] = []  # the entity spans after the overlap policy
        if self.backend is not None:
            spans = apply_lexicons(cleaned.text, spans)
            kept = filter_spans((label, s, e) for label, s, e, _ in spans)
            places = [(s, e) for label, s, e in kept if label != "PER" and e - s >= 2]
            spans += parent_organizations(cleaned.text, kept)
        else:
            places = major
        person_spans = [(s, e) for label, s, e in kept if label == "PER"]
        titles = read_titles(cleaned.text, person_spans, list(prepared.spans))
        titles_at = {move(s, e): t for (s, e), t in zip(person_spans, titles, strict=True)}
        # names are read from the repaired text (曾琦, not the layout's 曾 琦)
        people, organizations, locations = build_entities(
            ((label, cleaned.text[s:e], *move(s, e), src) for label, s, e, src in spans), titles_at
        )

        found = find_figures(cleaned.text)
        body = self._body_sentences(prepared)
        links = link_figures(cleaned.text, body, found, places)
        figures: list[Figure] = []
        for fig, link in zip(found, links, strict=True):
            start, end = move(fig.start, fig.end)
            figures.append(
                replace(
                    fig, text=text[start:end], start=start, end=end, metric=link.metric,
                    subject=link.subject, period=link.period,
                    base=None if link.base is None else figures[link.base], links=link.links,
                )
            )  # fmt: skip

        projects = []
        locs = sorted({*((s, e) for label, s, e in kept if label == "LOC"), *major, *minor})
        orgs = [(s, e) for label, s, e in kept if label == "ORG"]
        metrics = [link.metric for link in links]
        body_spans = [(s, e) for s, e, _ in body]
        for p in find_projects(cleaned.text, body_spans, found, locs, metrics, orgs):
            start, end = move(p.start, p.end)
            projects.append(
                Project(
                    name=cleaned.text[p.start : p.end],
                    start=start,
                    end=end,
                    investment=None if p.investment is None else figures[p.investment],
                    capacity=None if p.capacity is None else figures[p.capacity],
                    owner=None if p.owner is None else cleaned.text[p.owner[0] : p.owner[1]],
                    status=p.status,
                    location=None
                    if p.location is None
                    else cleaned.text[p.location[0] : p.location[1]],
                )
            )
        articles = []
        for a_start, a_end, headline, byline in split_articles_in(cleaned.text, cleaned.blocks):
            start, end = move(a_start, a_end)
            articles.append(Article(start, end, headline, byline))
        return Document(
            text=text,
            clean_text=cleaned.text,
            sentences=prepared.sentences,
            figures=tuple(figures),
            people=people,
            organizations=organizations,
            locations=locations,
            projects=tuple(projects),
            articles=tuple(articles),
        )

    def _tag_batch(self, batch: list[_Prepared]) -> list[Tagged] | None:
        """The NER backend's tags for every sentence of the batch (None without a backend)."""
        if self.backend is None:
            return None
        sentences = (p.cleaned.text[s:e] for p in batch for s, e in p.spans)
        # bounded model calls: memory does not grow with the text
        return [
            t
            for chunk in _groups(sentences, len, self.batch_chars)
            for t in self.backend.tag(chunk)
        ]

    def _finish_batch(self, batch: list[_Prepared], tagged: list[Tagged] | None) -> list[Document]:
        if tagged is None:
            return [self._finish(p, []) for p in batch]
        docs, k = [], 0
        for p in batch:
            spans: list[tuple[str, int, int]] = []
            for s, e in p.spans:
                for label, a, b in char_spans(p.cleaned.text[s:e], tagged[k]):
                    spans.append((label, s + a, s + b))
                k += 1
            docs.append(self._finish(p, spans))
        return docs

    def extract(self, text: str) -> Document:
        """Extract everything from one text (see :func:`cnews_ie.extract`)."""
        batch = [self._prepare(text)]
        return self._finish_batch(batch, self._tag_batch(batch))[0]

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
        batches = _groups(
            _prepared_until_error(self._prepare, texts, failed),
            lambda p: len(p.cleaned.text),
            self.batch_chars,
        )
        for batch in batches:
            yield from self._finish_batch(batch, self._tag_batch(batch))
        if failed:  # a bad text: every document before it came out first
            raise failed[0]

    def _extract_parallel(self, texts: Iterable[str], jobs: int) -> Iterator[Document]:
        import concurrent.futures
        import multiprocessing
        import pickle
        from collections import deque

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
                for chunk in _groups(checked, len, self.batch_chars):
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


def _groups(items: Iterable[T], size: Callable[[T], int], limit: int) -> Iterator[list[T]]:
    """Consecutive items in lists of about ``limit`` characters (a list ends once its sizes
    reach ``limit``) and of at most 10,000 items (empty texts have size 0), lazily: the model's
    batches, and the groups of texts ``extract_many`` prepares or sends to a worker (texts are
    type-checked as they are read, so a bad item fails in the caller's process)."""
    group: list[T] = []
    total = 0
    for item in items:
        group.append(item)
        total += size(item)
        if total >= limit or len(group) >= _MAX_GROUP:
            yield group
            group, total = [], 0
    if group:
        yield group


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
