"""The working document the pipeline's stages pass along, and the records it carries.

Every stage is a function ``Work -> Work`` (``pipeline.STAGES``).  A stage reads what earlier
stages stored and adds its own part; nothing is keyed by list position: a figure's base is a
``Figure``, a project's investment is a ``Figure``.  All offsets in a ``Work`` point into the
*repaired* text (``work.clean.text``); :func:`to_document` moves them to the caller's text, once,
at the end.

A user stage (``Extractor.add_stage``) receives the same object and may read or replace any
field; the fields filled by each built-in stage are listed below in pipeline order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import TypeVar

from cnews_ie.clean import Cleaned
from cnews_ie.records import (
    Article,
    Document,
    Figure,
    Location,
    Organization,
    Person,
    Project,
    Role,
    Sentence,
)

__all__ = [
    "EntitySpan",
    "SentenceSpan",
    "Token",
    "Work",
    "copy_with",
    "index_from",
    "new_token",
    "relinked",
    "sentence_finder",
    "to_document",
    "token_ending",
    "tokens_at",
    "tokens_between",
    "with_base",
    "with_changes",
    "with_subjects",
    "words_between",
]


_HEADLINE = 120  # characters: a longer line with no sentence end is no headline


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A sentence of the repaired text: ``[start, end)``, its role and its block's index."""

    start: int
    end: int
    role: Role
    block: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the segmentation: ``[start, end)`` in the repaired text and its part of speech
    (jieba's tag set: n, v, vn, ns, m …; ``x`` for a word outside the dictionary)."""

    start: int
    end: int
    word: str
    pos: str


_new_object = object.__new__
_SET_TOKEN = tuple(getattr(Token, name).__set__ for name in ("start", "end", "word", "pos"))


def new_token(start: int, end: int, word: str, pos: str) -> Token:
    """``Token(start, end, word, pos)``, its slots filled directly: a frozen dataclass's
    ``__init__`` sets each field through ``object.__setattr__``, which costs more than twice as
    much, and segmentation builds a token for every word it reads."""
    token: Token = _new_object(Token)
    set_start, set_end, set_word, set_pos = _SET_TOKEN
    set_start(token, start)
    set_end(token, end)
    set_word(token, word)
    set_pos(token, pos)
    return token


Setter = Callable[[object, object], None]
S = TypeVar("S")


Slots = tuple[Callable[[object], tuple[object, ...]], tuple[Setter, ...], dict[str, int]]
_SLOTS: dict[type, Slots] = {}


def _slots(cls: type) -> Slots:
    """A record class's getter of all its fields, each field's setter and each name's index
    (built once per class)."""
    found = _SLOTS.get(cls)
    if found is None:
        names = tuple(f.name for f in fields(cls))
        setters = tuple(getattr(cls, name).__set__ for name in names)
        found = _SLOTS[cls] = (attrgetter(*names), setters, {n: k for k, n in enumerate(names)})
    return found


def copy_with(record: S, **changes: object) -> S:
    """``dataclasses.replace(record, **changes)`` for the frozen slotted records (every field
    set by ``__init__``, no ``__post_init__``), their slots filled directly: about half the cost,
    and the records of a page are copied thousands of times (offsets moved, links set)."""
    cls = type(record)
    get, setters, index = _slots(cls)
    values = list(get(record))
    for name, value in changes.items():
        values[index[name]] = value  # each field set once, the changed ones to their new value
    new: S = _new_object(cls)
    for put, value in zip(setters, values, strict=True):
        put(new, value)
    return new


def words_between(tokens: Sequence[Token], start: int, end: int) -> list[tuple[int, str, str]]:
    """(offset, word, part of speech) of the stored words inside text[start:end].  ``tokens``
    are a segmentation (in order, none overlapping: starts and ends both ascend), so the words
    inside are one slice, found by two binary searches instead of a test of every word."""
    lo = bisect_left(tokens, start, key=_START)
    return [(t.start, t.word, t.pos) for t in tokens[lo : bisect_right(tokens, end, lo, key=_END)]]


def tokens_at(at: int, tagged: Sequence[tuple[str, str]], text: str | None = None) -> list[Token]:
    """The tokens of ``tagged`` (word, part of speech), words that follow each other from offset
    ``at`` (each word as ``text`` spells it there, where given), built as :func:`new_token`
    builds one, in one loop (segmentation builds a token for every word it reads)."""
    set_start, set_end, set_word, set_pos = _SET_TOKEN
    out = []
    for word, pos in tagged:
        end = at + len(word)
        token: Token = _new_object(Token)
        set_start(token, at)
        set_end(token, end)
        set_word(token, word if text is None else text[at:end])
        set_pos(token, pos)
        out.append(token)
        at = end
    return out


def index_from(tokens: Sequence[Token], start: int) -> int:
    """The index of the first word of ``tokens`` (in order, none overlapping) that starts at or
    after ``start`` (``len(tokens)`` if none does): one binary search, not a step per word."""
    return bisect_left(tokens, start, key=_START)


def token_ending(tokens: Sequence[Token], end: int) -> Token | None:
    """The word of ``tokens`` (in order, none overlapping) that ends at ``end``, if one does."""
    k = bisect_left(tokens, end, key=_END)
    return tokens[k] if k < len(tokens) and tokens[k].end == end else None


def tokens_between(tokens: Sequence[Token], start: int, end: int) -> Sequence[Token]:
    """The words of ``tokens`` (in order, none overlapping) inside text[start:end]: one slice,
    as :func:`words_between` finds it."""
    lo = bisect_left(tokens, start, key=_START)
    return tokens[lo : bisect_right(tokens, end, lo, key=_END)]


_START, _END = attrgetter("start"), attrgetter("end")


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A name span proposed by the NER backend or a lexicon; ``source`` says which."""

    label: str  # PER, LOC or ORG
    start: int
    end: int
    source: str


@dataclass(slots=True)
class Work:
    """One text on its way through the stages (offsets into ``clean.text``)."""

    text: str
    """The caller's text, unchanged."""
    clean: Cleaned | None = None
    """``clean``: the repaired text, its blocks and the map back to ``text``."""
    view: str = ""
    """``normalize``: the same-length matching view of the repaired text."""
    sentences: tuple[SentenceSpan, ...] = ()
    """``sentences``: every sentence, heading and credit."""
    ner: str | None = None
    """``entities``: the name of the backend that recognised names (None: names not sought)."""
    entities: tuple[EntitySpan, ...] = ()
    """``entities``: every name span, after the lexicons (overlaps included)."""
    kept: tuple[EntitySpan, ...] = ()
    """``entities``: the spans the overlap policy kept (no two overlap)."""
    places: tuple[tuple[int, int], ...] = ()
    """``entities``: spans of administrative divisions of county level and above."""
    townships: tuple[tuple[int, int], ...] = ()
    """``entities``: spans of township names (they confirm, never stand alone)."""
    organizations: tuple[Organization, ...] = ()
    """``entities``: organisations, parents nested in a longer name included."""
    locations: tuple[Location, ...] = ()
    """``entities``: places."""
    people: tuple[Person, ...] = ()
    """``titles``: people with their titles and organisation."""
    figures: tuple[Figure, ...] = ()
    """``figures`` (found), then ``link`` (metric, subject, period, base filled in)."""
    tokens: Mapping[int, tuple[Token, ...]] = field(default_factory=dict)
    """``segment``: words of the sentences that need them, by index into ``sentences``."""
    projects: tuple[Project, ...] = ()
    """``projects``: named projects (investment and capacity are figures of ``figures``)."""
    articles: tuple[Article, ...] = ()
    """``articles``: the articles of a page."""

    @property
    def repaired(self) -> str:
        """The repaired text every offset of this object points into."""
        if self.clean is None:
            raise RuntimeError("the clean stage has not run: no repaired text yet")
        return self.clean.text

    def body(self) -> list[tuple[int, SentenceSpan]]:
        """(index, sentence) of the body sentences, in order."""
        return [(i, s) for i, s in enumerate(self.sentences) if s.role is Role.BODY]

    def named(self) -> list[tuple[int, SentenceSpan]]:
        """(index, sentence) of the sentences where projects are named: the body sentences and
        the headings of a headline's length (某集团某某项目投产)."""
        return [
            (i, s)
            for i, s in enumerate(self.sentences)
            if s.role is Role.BODY or (s.role is Role.HEADING and s.end - s.start <= _HEADLINE)
        ]

    def linked(self) -> list[tuple[int, SentenceSpan]]:
        """(index, sentence) of the sentences whose figures are linked, in order: the body
        sentences, and the headings of a headline's length that hold a figure
        (前三季度全省外贸进出口增长4.1%; a heading that opens with a figure: 7.3%，全县工业用电量
        增速…, ``metric:leading``); a longer line with no sentence end is no headline."""
        text = self.repaired
        starts = [f.start for f in self.figures]
        opening = {f.start for f in self.figures if text.startswith(("，", ","), f.end)}

        def headline(s: SentenceSpan) -> bool:
            line = text[s.start : s.end]
            if s.start + len(line) - len(line.lstrip()) in opening:
                return True  # 7.3%，全县工业用电量增速…
            held = bisect_left(starts, s.start) < bisect_left(starts, s.end)
            return held and s.end - s.start <= _HEADLINE

        return [
            (i, s)
            for i, s in enumerate(self.sentences)
            if s.role is Role.BODY or (s.role is Role.HEADING and headline(s))
        ]


R = TypeVar("R", Person, Organization, Location, Project, Article)


def _at(record: R, move: Callable[[int, int], tuple[int, int]], **changes: object) -> R:
    """``record`` with its span moved by ``move`` (and any other ``changes``); the record
    itself where nothing changes (records are immutable, and a copy costs microseconds)."""
    start, end = move(record.start, record.end)
    if (start, end) == (record.start, record.end) and (
        not changes or all(getattr(record, k) is v for k, v in changes.items())
    ):
        return record
    return copy_with(record, start=start, end=end, **changes)


def sentence_finder(sentences: Sequence[SentenceSpan]) -> Callable[[int], SentenceSpan | None]:
    """A look-up of the sentence of ``sentences`` (in text order, none overlapping) that holds
    an offset, or None: one binary search per call instead of a scan of every sentence."""
    starts = [s.start for s in sentences]

    def find(at: int) -> SentenceSpan | None:
        k = bisect_right(starts, at) - 1
        return sentences[k] if k >= 0 and at < sentences[k].end else None

    return find


def with_subjects(
    figures: Sequence[Figure], chosen: Mapping[int, str], rule: str, *, instead: bool = False
) -> list[Figure]:
    """``figures`` with the subject ``chosen[id(figure)]`` given by the linking rule ``rule``
    (``subject:…``), after the rules before it or ``instead`` of their subject rules."""
    changes = {key: ({"subject": subject}, rule) for key, subject in chosen.items()}
    return with_changes(figures, changes, "subject:" if instead else "")


def with_changes(
    figures: Sequence[Figure],
    chosen: Mapping[int, tuple[Mapping[str, object], str]],
    drop: str = "",
) -> list[Figure]:
    """``figures`` with the fields ``chosen[id(figure)][0]`` changed by the linking rule
    ``chosen[id(figure)][1]``, added to its links (less those starting with ``drop``, where
    given), every base pointing at the rebuilt one."""
    if not chosen:
        return list(figures)

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        if id(fig) not in chosen:
            return with_base(fig, base)
        changes, rule = chosen[id(fig)]
        kept = (r for r in fig.links if not (drop and r.startswith(drop)))
        return copy_with(fig, base=base, links=(*kept, rule), **changes)

    return relinked(figures, rebuild)[0]


def with_base(fig: Figure, base: Figure | None) -> Figure:
    """``fig`` pointing at ``base``: itself where it does already (no copy)."""
    return fig if base is fig.base else copy_with(fig, base=base)


def relinked(
    figures: Sequence[Figure],
    rebuild: Callable[[Figure, Figure | None], Figure],
    base_of: Callable[[Figure], Figure | None] | None = None,
) -> tuple[list[Figure], dict[int, Figure]]:
    """``figures`` rebuilt in order by ``rebuild(figure, its rebuilt base)``, and ``id(old) ->
    new``: a figure's ``base`` is a record, so every rebuilt figure must point at the rebuilt
    base.  A base is rebuilt before the figures that point at it, also where it comes later in
    the text (增长12.5%至38.6亿元: the rate's base follows it).  ``base_of`` names the base each
    figure is to point at (default: the one it has); it must be one of ``figures``."""
    moved: dict[int, Figure] = {}
    building: set[int] = set()
    base_of = base_of or (lambda fig: fig.base)

    def build(fig: Figure) -> Figure:
        new = moved.get(id(fig))
        if new is None:
            if id(fig) in building:
                raise ValueError(f"figures whose bases form a cycle: {fig.text!r}")
            building.add(id(fig))
            base = base_of(fig)
            new = rebuild(fig, None if base is None else build(base))
            moved[id(fig)] = new
        return new

    return [build(fig) for fig in figures], moved


def to_document(work: Work) -> Document:
    """The records of ``work`` with their offsets moved into the caller's text."""
    if work.clean is None:
        raise RuntimeError("the clean stage has not run: no repaired text to map from")
    move, text, repaired = work.clean.offsets.span, work.text, work.clean.text

    def moved(fig: Figure, base: Figure | None) -> Figure:
        start, end = move(fig.start, fig.end)
        if (
            (start, end) == (fig.start, fig.end)
            and base is fig.base
            and fig.text == text[start:end]
        ):
            return fig  # nothing moved (a text that layout repair left as it was)
        return copy_with(fig, text=text[start:end], start=start, end=end, base=base)

    figures, by_id = relinked(work.figures, moved)

    def figure(fig: Figure | None) -> Figure | None:
        return None if fig is None else by_id[id(fig)]

    def in_order(records: Sequence[R]) -> tuple[R, ...]:
        # names in the caller's text order (layout repair may have moved a credit or caption)
        return tuple(sorted((_at(r, move) for r in records), key=lambda r: (r.start, r.end)))

    return Document(
        text=text,
        clean_text=repaired,
        sentences=tuple(
            Sentence(repaired[s.start : s.end], *move(s.start, s.end), s.role)
            for s in work.sentences
        ),
        figures=tuple(figures),
        people=in_order(work.people),
        organizations=in_order(work.organizations),
        locations=in_order(work.locations),
        projects=tuple(
            _at(p, move, investment=figure(p.investment), capacity=figure(p.capacity))
            for p in work.projects
        ),
        articles=tuple(_at(a, move) for a in work.articles),
    )
