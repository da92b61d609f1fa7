"""The pipeline: the ordered stages a text goes through on its way to a ``Document``.

Each stage is a function ``Work -> Work`` (``work.py``; the adapters are in ``stages.py``) that
reads what earlier stages stored and adds its own part, in repaired-text offsets; at the end
``to_document`` moves every offset into the caller's text, once.  ``Extractor`` (``extractor.py``)
runs these stages over one text or batches of many.

    raw text
      ─ repair ──────▶ repaired text, blocks, offset map     (clean.py)
      ─ normalize ───▶ same-length matching view             (normalize.py)
      ─ sentences ───▶ sentences, headings, credits          (sentences.py)
      ─ entities ────▶ person, place, organisation spans     (backends/, entities.py, gazetteer.py)
      ─ titles ──────▶ people with titles and organisation   (titles.py)
      ─ figures ─────▶ figures with exact values             (figures.py, numerals.py)
      ─ segment ─────▶ words and parts of speech             (backends/jieba_backend.py)
      ─ link ────────▶ metric, subject, period, base         (link.py)
      ─ projects ────▶ projects, investment, capacity        (projects.py)
      ─ project_subjects ▶ a project's figures take its name  (project_subjects.py)
      ─ articles ────▶ articles, headlines, bylines          (articles.py)
      ─ to_document ─▶ Document, offsets into the caller's text (work.py)

Figures come before segmentation because only sentences with a figure or a project head are
segmented: text without them never loads jieba.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from cnews_ie import stages
from cnews_ie.backends import Backend
from cnews_ie.project_subjects import project_subjects
from cnews_ie.work import Work

__all__ = ["Stage", "default_stages", "run_stages"]

Stage = Callable[[Work], Work]
"""A stage: takes the working document, fills in its part, returns it."""


@runtime_checkable
class BatchStage(Protocol):
    """A stage that is faster on many texts at once (the model): ``pipe`` runs a batch."""

    def __call__(self, work: Work) -> Work: ...

    def pipe(self, works: Sequence[Work]) -> list[Work]: ...


def default_stages(backend: Backend | None, batch_chars: int) -> list[tuple[str, Stage]]:
    """The built-in stages, in order, with their names (``Extractor.add_stage`` refers to them)."""
    return [
        ("repair", stages.repair),
        ("normalize", stages.normalize),
        ("sentences", stages.sentences),
        ("entities", stages.EntityStage(backend, batch_chars)),
        ("titles", stages.titles),
        ("figures", stages.figures),
        ("segment", stages.segment),
        ("link", stages.link),
        ("projects", stages.projects),
        ("project_subjects", project_subjects),
        ("articles", stages.articles),
    ]


def run_stages(pipeline: Sequence[tuple[str, Stage]], works: Sequence[Work]) -> list[Work]:
    """Every stage over every text of a batch, stage by stage (a batch stage sees them all)."""
    batch = list(works)
    for name, stage in pipeline:
        batch = stage.pipe(batch) if isinstance(stage, BatchStage) else [stage(w) for w in batch]
        if not all(isinstance(w, Work) for w in batch):
            raise TypeError(f"the stage {name!r} must return the Work it was given")
    return batch
