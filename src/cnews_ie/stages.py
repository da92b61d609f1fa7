"""The built-in stages: each takes a :class:`~cnews_ie.work.Work` and returns it, filled in.

A stage is a thin adapter: it reads what earlier stages stored, calls the module that owns the
concept (``clean``, ``sentences``, ``entities``, ``titles``, ``figures``, ``link``, ``projects``,
``articles``) on the repaired text, and stores the result.  The order is ``pipeline.STAGES``.

The entity stage calls a backend; it also has ``pipe(works)``, which tags the sentences of many
texts in batches of about ``batch_chars`` characters (the model is much faster on a batch).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import pairwise
from typing import TypeVar, cast

from cnews_ie.anaphors import anaphor_spans
from cnews_ie.articles import split_articles_in
from cnews_ie.backends import Backend, char_spans
from cnews_ie.bounds import segmented_periods
from cnews_ie.clean import clean
from cnews_ie.coordinated_names import coordinated_names, surrounded_places, with_wholes
from cnews_ie.counted_groups import counted_groups
from cnews_ie.counted_nouns import noun_units
from cnews_ie.departments import department_spans
from cnews_ie.entities import (
    apply_lexicons,
    build_entities,
    byline_names,
    parent_organizations,
    plausible_name,
    repair_person_spans,
    split_run_together,
)
from cnews_ie.events import event_spans, names_event
from cnews_ie.figures import find_figures
from cnews_ie.gazetteer import place_spans
from cnews_ie.joint_places import joint_place_spans
from cnews_ie.later_links import later_links
from cnews_ie.link import link_figures
from cnews_ie.listed_companies import listed_companies
from cnews_ie.member_lists import class_members
from cnews_ie.mentions import repeated_organizations, short_forms
from cnews_ie.name_edges import place_organizations
from cnews_ie.normalize import matching_view
from cnews_ie.organs import organs_in_words, standalone_organs
from cnews_ie.outlets import outlet_credits, outlet_spans
from cnews_ie.person_names import complete_names, honorific_names, known_names, unlikely_people
from cnews_ie.phrase_edges import degree_verb, joint_abbreviations
from cnews_ie.place_edges import (
    abbreviated_roads,
    described_parks,
    facility_places,
    province_regions,
    shared_chain_parts,
    urban_areas,
    zone_places,
)
from cnews_ie.places import (
    common_word,
    in_work_titles,
    join_abbreviations,
    origin_modifier,
    relative_direction,
)
from cnews_ie.project_lists import list_item_projects
from cnews_ie.projects import find_projects, project_heads
from cnews_ie.records import Article, Person
from cnews_ie.sentences import split_sentences
from cnews_ie.spans import SpanIndex, filter_spans
from cnews_ie.tables import table_figures
from cnews_ie.titles import read_titles, title_organizations
from cnews_ie.topics import forget_openings, topic_names
from cnews_ie.word_parts import not_word_parts
from cnews_ie.work import EntitySpan, SentenceSpan, Token, Work, tokens_at
from cnews_ie.works import works
from cnews_ie.zones import acting_zones

__all__ = [
    "EntityStage",
    "articles",
    "figures",
    "groups",
    "link",
    "normalize",
    "projects",
    "repair",
    "segment",
    "sentences",
    "titles",
]

T = TypeVar("T")
R = TypeVar("R")
_MAX_GROUP = 10_000  # items per group at most: many empty texts still make bounded groups


def repair(work: Work) -> Work:
    """Layout repair (``clean.py``): the repaired text, its blocks and the offset map."""
    work.clean = clean(work.text)
    return work


def normalize(work: Work) -> Work:
    """The same-length matching view of the repaired text (``normalize.py``)."""
    work.view = matching_view(work.repaired)
    return work


def sentences(work: Work) -> Work:
    """Sentences, headings and credits, each with the index of its block (``sentences.py``)."""
    assert work.clean is not None
    blocks = work.clean.blocks
    starts = [b.start for b in blocks]
    work.sentences = tuple(
        SentenceSpan(s, e, role, bisect_right(starts, s) - 1)
        for s, e, role in split_sentences(work.repaired, blocks)
    )
    return work


def groups(items: Iterable[T], size: Callable[[T], int], limit: int) -> Iterator[list[T]]:
    """Consecutive items in lists of about ``limit`` characters (a list ends once its sizes
    reach ``limit``) and of at most 10,000 items (empty texts have size 0), lazily: the model's
    batches, and the groups of texts ``extract_many`` runs together or sends to a worker."""
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


class EntityStage:
    """Names (``entities.py``, ``gazetteer.py``): the backend's spans completed with the
    lexicons, then the one overlap policy; without a backend, only the division names that
    linking and projects use as places."""

    def __init__(self, backend: Backend | None, batch_chars: int = 40_000) -> None:
        self.backend = backend
        self.batch_chars = batch_chars

    def __call__(self, work: Work) -> Work:
        return self.pipe([work])[0]

    def pipe(self, works: Sequence[Work]) -> list[Work]:
        tagged = self._tag(works)
        k = 0
        for work in works:
            spans: list[tuple[str, int, int]] = []
            for sentence in work.sentences:
                if tagged is not None:
                    start, n = sentence.start, sentence.end - sentence.start
                    spans += [
                        (label, start + a, start + b)
                        for label, a, b in tagged[k]
                        if 0 <= a < b <= n
                    ]
                    k += 1
            self._store(work, spans)
        return list(works)

    def _tag(self, works: Sequence[Work]) -> list[list[tuple[str, int, int]]] | None:
        """Each sentence's entities as (label, start, end) character offsets into it."""
        if self.backend is None:
            return None
        spans = getattr(self.backend, "spans_views", None)  # offsets, no tokens (HanLP's)
        if spans is not None:
            return self._run(works, spans)
        tagged = self._run(works, getattr(self.backend, "tag_views", None))
        pieces = (w.repaired[s.start : s.end] for w in works for s in w.sentences)
        return [char_spans(piece, t) for piece, t in zip(pieces, tagged, strict=True)]

    def _run(self, works: Sequence[Work], views: Callable[..., list[R]] | None) -> list[R]:
        """The backend's results for each sentence of ``works``, in bounded calls: ``views``
        given the sentences and their matching views (the text's, sliced), else ``tag``."""
        assert self.backend is not None
        pieces = (
            (w.repaired[s.start : s.end], w.view[s.start : s.end] if w.view else None)
            for w in works
            for s in w.sentences
        )
        # bounded model calls: memory does not grow with the text.  The calls share the text
        # evenly (each of batch_chars to twice that), with no small last call: the model
        # batches a call's sentences by length, and a call of few sentences pads more
        total = sum(s.end - s.start for w in works for s in w.sentences)
        calls = max(1, total // max(1, self.batch_chars))
        out: list[R] = []
        for chunk in groups(pieces, lambda p: len(p[0]), max(1, -(-total // calls))):
            sentences = [s for s, _ in chunk]
            if views is None:
                out += cast(list[R], self.backend.tag(sentences))
            else:
                out += views(sentences, [v or matching_view(s) for s, v in chunk])
        return out

    def _store(self, work: Work, spans: list[tuple[str, int, int]]) -> None:
        text = work.repaired
        major, minor = place_spans(text)
        work.places, work.townships = tuple(major), tuple(minor)
        if self.backend is None:
            return
        source = work.ner = self.backend.name
        found = apply_lexicons(
            text, [(label, s, e, source) for label, s, e in spans], (major, minor)
        )
        found = described_parks(text, province_regions(text, found))  # 贵州地区, 电商产业园
        found += join_abbreviations(text, found)
        found += facility_places(text, found) + abbreviated_roads(text, found)  # 京 + 广 + 高铁
        found += urban_areas(text, found)  # 柳州市 + 区
        found += zone_places(text, found)  # 青河 + 跨境综合保税区
        found += place_organizations(text, found)
        kept = shared_chain_parts(text, filter_spans((label, s, e) for label, s, e, _ in found))
        kept = complete_names(text, honorific_names(text, repair_person_spans(text, kept)))
        kept = known_names(text, kept)  # 习近平: a person later news names, new to the model
        kept = byline_names(text, split_run_together(text, kept))
        outlets = outlet_spans(text)
        kept = outlet_credits(text, class_members(text, kept), outlets)
        in_words = set(organs_in_words(text, kept))
        kept = [s for s in kept if s not in in_words]
        organs = standalone_organs(text, kept)
        kept = short_forms(text, sorted({*kept, *organs}, key=lambda s: (s[1], s[2])))
        # 某某电气(00042): a listed company; a long organisation name written again
        kept = repeated_organizations(text, listed_companies(text, kept))
        first_source: dict[tuple[str, int, int], str] = dict.fromkeys(organs, "organ")
        first_source.update((("ORG", a, b), "outlet") for a, b in outlets)
        for label, s, e, src in found:
            first_source.setdefault((label, s, e), src)
        for span in kept:
            first_source.setdefault(span, source)
        work.entities = tuple(EntitySpan(label, s, e, src) for label, s, e, src in found)
        work.kept = tuple(EntitySpan(*span, first_source[span]) for span in kept)
        parents = [EntitySpan(*p) for p in parent_organizations(text, kept)]
        work.organizations, locations = build_entities(text, work.kept, parents)
        # the model's place spans that are common words (枢纽, 太阳 of 太阳能) are no place
        # mentioned; they still bound the names they start (星河 + 智能装备制造项目)
        titled = in_work_titles(text, [(p.start, p.end) for p in locations])
        place_ends = {p.end for p in locations}
        work.locations = tuple(
            p
            for p in locations
            if (p.source != source or not common_word(p.name))
            and (p.start, p.end) not in titled
            and not origin_modifier(text, p.end)  # 中国 + 企业: where they come from
            and not relative_direction(p.name, p.start, place_ends)  # 南昌 + 西南
        )


def titles(work: Work) -> Work:
    """People with their titles and organisation (``titles.py``).  The organisations follow the
    title reader where it read a title: an organisation written inside a post is none of its
    own (市委 of 市委书记, 商务厅欧洲处 of 商务厅欧洲处处长), the organisation a title's prefix
    names is one (商务厅, 青岛市委)."""
    text = work.repaired
    people = [s for s in work.kept if s.label == "PER"]
    spans = [(s.start, s.end) for s in work.sentences]
    names = [(s.label, s.start, s.end) for s in work.kept if s.label != "PER"]
    read = read_titles(text, [(p.start, p.end) for p in people], spans, names)
    places = {text[s.start : s.end] for s in work.kept if s.label == "LOC"}
    places.update(text[a:b] for a, b in (*work.places, *work.townships))
    no_person = unlikely_people(
        text, [(p.start, p.end) for p in people], [bool(r.titles) for r in read], places
    )
    work.people = tuple(
        Person(text[p.start : p.end], p.start, p.end, p.source, r.titles, r.organization)
        for p, r in zip(people, read, strict=True)
        if plausible_name(text[p.start : p.end]) and text[p.start : p.end] not in no_person
    )
    organizations, locations = title_organizations(text, work.organizations, work.locations, read)
    work.organizations, work.locations = acting_zones(
        text,
        organizations,
        locations,
        [r.organization_span for r in read if r.organization_span],
        work.ner,
    )
    return work


def figures(work: Work) -> Work:
    """Figures with their exact values (``figures.py``)."""
    found = find_figures(work.repaired, view=work.view or None)
    cells = table_figures(work.repaired, found) if "|" in work.repaired else []
    work.figures = tuple(sorted((*found, *cells), key=lambda f: f.start))
    return work


def segment(work: Work) -> Work:
    """jieba's words and parts of speech of the sentences that linking or project search read
    (``Work.linked``, ``Work.named``): those with a figure, a project head or the head of an
    event (``events.py``: a lead's event is what later figures are about), cut in pieces at
    figures and project heads (word boundaries); a piece written again is segmented once."""
    from cnews_ie.backends.jieba_backend import tagged_words

    starts = [f.start for f in work.figures]
    starts_set = set(starts)
    text, view = work.repaired, work.view
    tokens: dict[int, tuple[Token, ...]] = {}
    cut: dict[str, list[tuple[str, str]]] = {}  # each piece's words
    for i, sentence in sorted({*work.linked(), *work.named()}, key=lambda pair: pair[0]):
        s, e = sentence.start, sentence.end
        inside = work.figures[bisect_left(starts, s) : bisect_left(starts, e)]
        heads = project_heads(text, s, e)
        if not inside and not heads and not names_event(text, s, e):
            continue  # no figure, project head or event: nothing reads its words
        cuts = {s, e, *heads, *(f.start for f in inside), *(min(f.end, e) for f in inside)}
        words: list[Token] = []
        for lo, hi in pairwise(sorted(cuts)):
            piece = view[lo:hi]  # a table's row, a vote's wording: its words, once
            tagged = cut[piece] if piece in cut else cut.setdefault(piece, tagged_words(piece))
            words += tokens_at(lo, tagged, None if piece == text[lo:hi] else text)
            if hi in starts_set:
                degree_verb(words, text)
        joint_abbreviations(words, text)  # 中/f + 美 → 中美
        tokens[i] = tuple(words)
    work.tokens = tokens
    return work


def link(work: Work) -> Work:
    """Metric, subject, period and base of each figure (``link.py``)."""
    if not work.figures:
        return work  # nothing to link (most headlines and short texts)
    try:
        return _link(work)
    finally:
        forget_openings()  # read by this text's rules only (``topics.clause_openings``)


def _link(work: Work) -> Work:
    places = (
        [  # an outlet of a credit reports, it is never what a figure is about
            (s.start, s.end)
            for s in work.kept
            if s.label != "PER" and s.end - s.start >= 2 and s.source != "outlet"
        ]
        if work.ner is not None
        else list(work.places)
    )
    # a name that ends inside a stored word is part of a word (太阳 of 太阳能发电量)
    places = not_word_parts(work.tokens, places)
    # names the model missed: short forms of organisations, proper nouns that open a clause
    taken = [(s.start, s.end) for s in work.kept if s.end - s.start >= 2] + list(work.places)
    persons = [(s.start, s.end) for s in work.kept if s.label == "PER"]
    at = [f.start for f in work.figures]
    periods = segmented_periods(work.repaired, work.tokens)
    places = sorted(places + topic_names(work.repaired, work.tokens, taken, persons, at, periods))
    groups = counted_groups(work.repaired, work.tokens, work.figures)  # 三家电信企业…
    places = with_wholes(places, joint_place_spans(work.repaired, work.tokens, taken) + groups)
    places = with_wholes(places, coordinated_names(work.repaired, work.tokens, places))  # 甲和乙
    places = with_wholes(places, surrounded_places(work.repaired, places))  # 京津冀及周边地区
    places = with_wholes(places, department_spans(work.repaired, work.tokens))  # 税务部门
    places = with_wholes(places, event_spans(work.repaired, work.tokens))  # 2024成都世园会
    anaphors = anaphor_spans(work.repaired, work.tokens, [s for _, s in work.body()], places)
    places = with_wholes(places, list(anaphors))  # 该基金…: the fund named before
    figures = noun_units(work.repaired, work.figures, work.tokens)  # 2万贫困户: 贫困户
    # the count of a group that owns an indicator determines it (ANNOTATION §4: 两家公司)
    figures = tuple(f for f in figures if all(f.start != s for s, _ in groups))
    sentences = work.linked()
    linked = link_figures(work.repaired, sentences, figures, places, work.tokens, periods)
    linked = later_links(
        work, sentences, linked, places, anaphors
    )  # what more than one sentence decides
    work.figures = tuple(linked)
    return work


def projects(work: Work) -> Work:
    """Named projects with investment, capacity, owner, status and location (``projects.py``)."""
    locations = sorted(
        {*((s.start, s.end) for s in work.kept if s.label == "LOC"), *work.places, *work.townships}
    )
    organizations = [(s.start, s.end) for s in work.kept if s.label == "ORG"]
    found = find_projects(
        work.repaired, work.named(), work.figures, locations, organizations, work.tokens
    )
    items = list_item_projects(work.repaired, work.figures, found, organizations)
    # a road, railway or lock is a project while its clause tells of building it, else a place
    built, in_service = works(
        work.repaired, [*found, *items], [(p.start, p.end) for p in work.locations], work.figures
    )
    work.projects = tuple(built)
    # a place or organisation written only inside a project name is not mentioned as itself
    # (华晨宝马 of 华晨宝马新工厂; 贺州 of 贺州至巴马高速公路)
    index = SpanIndex(
        [*((p.start, p.end) for p in work.projects), *((p.start, p.end) for p in in_service)]
    )

    def inside(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in index.near(start, end))

    work.organizations = tuple(o for o in work.organizations if not inside(o.start, o.end))
    work.locations = tuple(
        sorted(
            (*(p for p in work.locations if not inside(p.start, p.end)), *in_service),
            key=lambda p: (p.start, p.end),
        )
    )
    return work


def articles(work: Work) -> Work:
    """Articles of a page, with headline and byline (``articles.py``)."""
    assert work.clean is not None
    work.articles = tuple(
        Article(start, end, headline, byline)
        for start, end, headline, byline in split_articles_in(work.repaired, work.clean.blocks)
    )
    return work
