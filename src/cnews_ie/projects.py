"""Projects: named projects with their investment, capacity, owner, status and location.

A project name is the noun phrase as written up to a head (项目, 工程, 基地, 园区 …; data in
``resources/project_heads.tsv``), optionally followed by a phase (一期工程).  It is read
leftwards over jieba words until punctuation (、 separates the items of a list), a verb or
function word, or a figure that is not part of the name (总投资57亿元的…).  Generic mentions
(这一项目, 重大项目, 央地合作项目; ``resources/project_generic.tsv``) are not names.
Heads include works (生产线, 电站, 公路, 铁路 …) and a route's section after them (高速公路(蒙象段), …江州段); a park
or zone (kind ``place``) is a project only with a phase, before a status word (…工业园投产) or in a list
the text calls projects (…产业园、…基地等3个项目).  A phrase is no name when a count of projects or bodies
stands in it (28个项目, 62家园区: ``counts_projects``) or follows the head (引进外资项目12个), a category marker
(亿元以上项目), or nothing but generic words, figures, places and periods (河南PPP项目, 全县2021年第二季度项目).  A
head followed by the head of a body (…第二工程有限公司, …开发区管委会) is inside an organisation name, one before
a numbered part (码头 + 3号、4号泊位) in a longer name (、 between numbered parts joins them), one before a
station (…高铁 + 北站) no work. The leftward reading also stops at a quantifier (一条 + 年产…生产线), at an
amount of money (总投资150亿元(的) + name: the amount anchors the name, as a capacity before 的 does:
年产6万吨的 + name), at a verb that governs the name (协调 + 青川至临江铁路项目) or follows an organisation
(…有限公司拥有…) or a complete name (…改建工程合称…项目), and always at an idiom or a four-character manner +
verb phrase jieba tags as a name (克服困难, 隆重举行); a name does not start with a verb, and a phase word
is inside it, as is a run of single characters (an unknown name jieba cut into characters, verbs
included: 萨 + 晶 + 动 + 保 + 产品…项目); a connector (暨) joins names, it starts none.

* capacity: the first quantity figure inside the name (年产40万吨 → 40万吨);
* investment: the figure of the sentence nearest to the name whose metric is an investment
  (总投资57亿元);
* owner: a company name the project name starts with (金川集团公司年产2万吨… → 金川集团公司);
* location: the first place inside the name (河西堡镇, 金川区);
* status: the nearest status verb of the sentence (签约, 开工, 建成投产 …;
  ``resources/project_status.tsv``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence

from cnews_ie.gazetteer import company_heads
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words, table
from cnews_ie.link import canonical_metric
from cnews_ie.patterns import (
    CJK,
    LATIN_LETTER,
    LIST_OF_PROJECTS,
    NUMBERED_LIST_JOIN,
    NUMBERED_PART,
    PHASE_OF_NAMED,
    ROUTE_SECTION,
    alternation,
)
from cnews_ie.project_phrases import (
    NAME_BOUNDARY,
    a_count,
    counted_after,
    described,
    distance,
    generic_only,
    han_gap,
    in_route,
    ordinal_count,
    part_of_named,
    predicate_word,
    proper_inside,
    quantifier,
    unknown_name_pieces,
)
from cnews_ie.records import Figure, FigureKind, Project
from cnews_ie.spans import SpanIndex, filter_spans
from cnews_ie.work import SentenceSpan, Token

__all__ = ["find_projects", "owner_of", "project_heads"]

_MAX_CHARS = 60


@lexicon_cache
def _heads() -> re.Pattern[str]:
    rows = table("project_heads", 2)
    heads = alternation(s for s, k in rows if k in ("head", "place"))
    # a bare phase after 项目 ends a list item's name (…项目一期、), not one before its predicate
    named, phased = tuple(s for s, k in rows if k == "head"), [s for s, k in rows if k == "phase"]
    bare = alternation(s for s in phased if not s.endswith(named))
    phases = rf"{alternation(s for s in phased if s.endswith(named))}|(?:{bare})(?:(?<!项目..)|(?=[、，,；;。]))"
    # a head followed by an organisation head is in an organisation's name (…开发区管委会)
    bodies = alternation(("管委会", "管理委员会", "办公室", "管理局", "党工委", *company_heads()))
    # a head before a place's station (…高铁 + 东山北站) names the station's line, not a work
    stations = alternation(s for s, k in rows if k == "station")
    return re.compile(
        rf"(?P<head>{heads})(?P<phase>{phases})?(?:{ROUTE_SECTION})?(?!{bodies}|{NUMBERED_PART})"
        rf"(?![{CJK}]{{0,4}}?(?:{stations}))"
    )


@lexicon_cache
def _head_words() -> tuple[str, ...]:
    """Heads and phases (not parks: 工业园 + 定制厂房项目 is one name): a name ends in one."""
    return tuple(s for s, k in table("project_heads", 2) if k in ("head", "phase"))


def _investment(metric: str | None) -> bool:
    """An investment indicator (总投资), also after a project's head that ends the words before
    it (…材料项目总投资: the indicator read together with the end of the name)."""
    found = [metric.rindex(h) + len(h) for h in _head_words() if metric and h in metric]
    return canonical_metric(metric[max(found) :] if found and metric else metric) == "投资"


@lexicon_cache
def _phases() -> frozenset[str]:
    """Phase words (一期, 二期工程): inside a name too, whatever jieba tags them."""
    return frozenset(s for s, k in table("project_heads", 2) if k == "phase")


@lexicon_cache
def _place_heads() -> frozenset[str]:
    """Heads of parks and zones: places unless the text calls them projects."""
    return frozenset(s for s, k in table("project_heads", 2) if k == "place")


@lexicon_cache
def _status() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = table("project_status", 2)
    return re.compile(alternation(v for v, _ in rows)), {row[0]: row[1] for row in rows}


@lexicon_cache
def _companies() -> re.Pattern[str]:
    return re.compile(rf"[{CJK}A-Za-z0-9（）()]{{2,24}}?(?:{alternation(company_heads())})")


# Parts of speech that never occur inside a project name: adverbs, prepositions, conjunctions,
# pronouns, particles (始终, 把, 和, 这, 的 …).  Verbs do (建设, 提升, 搬迁), so they do not stop.
_STOP_POS = ("d", "p", "c", "r", "u", "y", "e")


def owner_of(text: str, start: int, end: int) -> str | None:
    """The company name ``text[start:end]`` starts with (远航集团 of 远航集团轴承系列), or None."""
    company = _companies().match(text, start, end)
    return None if company is None else text[start : company.end()]


def project_heads(text: str, start: int, end: int) -> list[int]:
    """Starts of the project heads in text[start:end] (word boundaries for the segmentation)."""
    return [m.start() for m in _heads().finditer(text, start, end)]


def _name_start(
    text: str,
    lo: int,
    head_start: int,
    figures: list[Figure],
    tokens: Sequence[Token],
    name_starts: frozenset[int] = frozenset(),
    name_ends: frozenset[int] = frozenset(),
) -> int:
    """Read leftwards from the head over words until a boundary: punctuation, a function word,
    a status verb, an amount of money (总投资150亿元: names carry capacities, not amounts), or a
    verb whose object is the name (协调 + 青川至临江铁路项目: a verb right before a place,
    organisation or figure that starts the name) or whose subject is an organisation (…有限公司 +
    拥有 + …生产线)."""
    fragment_start = max(lo, head_start - _MAX_CHARS)
    pairs = [(t.word, t.pos) for t in tokens if fragment_start <= t.start and t.end <= head_start]
    start = head_start
    quote_open = -1
    verb_right = False  # a verb has been read between the word and the head
    pieces = unknown_name_pieces(pairs)
    for k, (word, flag) in reversed(list(enumerate(pairs))):
        if k in pieces:  # 诺 + 晶 + 动 + 保: an unknown name cut into characters, verbs too
            start -= len(word)
            continue
        if word == "”" and quote_open < 0:
            opening = text.rfind("“", max(lo, start - 12), start)
            if opening >= 0:  # a short quoted name inside the project name: “一村一品”示范村
                quote_open = opening
        if quote_open >= 0:
            start -= len(word)
            if start <= quote_open:
                quote_open = -1
            continue
        figure = next((f for f in figures if f.start < start and start - len(word) < f.end), None)
        if figure is not None and figure.kind is FigureKind.MONEY:
            break
        if (
            word in role_words("name_connector") or figure is not None or word in _phases()
        ):  # 及 inside names; 只 of 万只 is no adverb here; 江华海螺 + 一期 + …生产线
            start -= len(word)
            continue
        if flag.startswith("i") or (flag == "nr" and predicate_word(word, flag)):
            break  # 克服困难 + 保障…, 隆重举行 + …: an idiom says what a subject does, in no name
        if predicate_word(word, flag) and (
            start in name_starts
            or any(f.start == start for f in figures)
            or start - len(word) in name_ends
        ):
            break  # a verb before the name governs it; a verb after a body has it as subject
        if (
            flag.startswith("v")
            and not verb_right
            and start < head_start
            and text.endswith(_head_words(), lo, start - len(word))
        ):  # …工程 + 合称 + “两桥一路”项目: a complete name before a verb is its subject (not
            break  # 公路 + 改建工程, where the verb is part of the name's own head)
        verb_right = verb_right or flag.startswith("v")
        stop_pos = flag != "eng" and flag.startswith(_STOP_POS)  # "eng" (Latin) is not "e"
        if stop_pos and in_route(text, start - len(word), head_start):
            stop_pos = False  # 某州至某都高速公路: a place name jieba does not know, cut into single letters
        if (
            word in role_words("ends_project_name")
            or quantifier(word, flag)  # 新建一条 + 年产…生产线: it counts the project
            or word in _status()[1]
            or (stop_pos or han_gap(text, start - len(word), start))  # 某地…电 + 全国铁路
            or (
                any(c in NAME_BOUNDARY for c in word)
                and not NUMBERED_LIST_JOIN.match(text, start - len(word))
            )
        ):
            break
        if set(word) <= set("—-－–") and not (
            start - len(word) > 0 and text[start - len(word) - 1].isdigit()
        ):
            break  # a dash between years (2022—2023年) is inside a name, a dash elsewhere is not
        start -= len(word)
    start = next((f.end for f in figures if f.start < start < f.end), start)  # no figure cut
    # a name does not start with a verb (建设 + 年产30万吨…生产线); a verb and a head is none (占项目);
    # after the particle 的 no verb governs the name, the word is the name's own (的 + 共享…项目)
    at = {t.start: t for t in tokens if fragment_start <= t.start and t.end <= head_start}
    after_de = start > lo and text[start - 1] in role_words("attributive")
    kept = {t.start for k, t in enumerate(at.values()) if k in pieces}  # 保 + 立 + 佳 stay
    while (
        start in at
        and start not in kept
        and (predicate_word(at[start].word, at[start].pos) or at[start].pos.startswith("ad"))
    ):
        if after_de and at[start].pos.startswith("v") and at[start].end < head_start:
            break
        start = at[start].end
    while start < head_start and text[start] in " \u3000":
        start += 1
    connector = next((w for w in role_words("name_connector") if text.startswith(w, start)), "")
    if connector and start + len(connector) < head_start:
        start += len(connector)  # 活动 + 暨 + …基地项目: a connector joins, it starts no name
    return start


def _anchored(name: str, has_entity: bool, has_figure: bool) -> bool:
    """A project name names something: a figure, a place or organisation (or a proper noun that
    opens it, ``proper_inside``: 卡萨 + 铁路), a company, a
    Latin-script name, or a phase of a named whole (…产业园二期工程, not a bare 二期工程);
    otherwise it is a generic mention (重大项目, 服务好项目)."""
    return (
        has_entity
        or has_figure
        or bool(LATIN_LETTER.search(name))
        or bool(PHASE_OF_NAMED.search(name))
        or bool(_companies().search(name))
    )


def find_projects(
    text: str,
    sentences: Sequence[tuple[int, SentenceSpan]],
    figures: Sequence[Figure],
    places: list[tuple[int, int]],
    organizations: Sequence[tuple[int, int]],
    tokens: Mapping[int, Sequence[Token]],
) -> list[Project]:
    """Projects in ``text`` (offsets into it).  ``figures`` are linked (an investment is a
    figure whose metric is one); ``places`` and ``organizations`` are entity spans (both anchor
    a name, places give its location); ``tokens`` the stored words of each sentence with a
    project head (the segment stage)."""
    entity_index = SpanIndex([*places, *organizations])
    place_index = SpanIndex(places)
    place_spans = frozenset(places)
    org_index = SpanIndex(organizations)
    figure_starts = [f.start for f in figures]  # figures are sorted by offset
    out: list[Project] = []
    status_re, status_of = _status()
    for sentence_index, sentence in sentences:
        s_start, s_end = sentence.start, sentence.end
        in_sentence = [
            i
            for i in range(bisect_left(figure_starts, s_start), bisect_left(figure_starts, s_end))
            if figures[i].end <= s_end
        ]
        for m in _heads().finditer(text, s_start, s_end):
            if part_of_named(text, s_start, m.start()):
                continue  # …项目主体工程, …项目基地, …泊位主体工程: a part of the work named before
            if counted_after(figures, in_sentence, m.end()) or text.startswith(
                role_tuple("aggregate_of_projects"), m.end() + text.startswith("”", m.end())
            ):
                continue  # 新引进长三角项目120个, …项目管理库, …基地发展战略: no name of a project
            # a park not called a project is a place (§11); one a status word follows is built
            started = bool(status_re.match(text, m.end()))  # …工业园 + 投产
            if m.group("head") in _place_heads() and not (
                m.group("phase") or LIST_OF_PROJECTS.match(text, m.end(), s_end) or started
            ):
                continue
            window = max(s_start, m.start() - _MAX_CHARS)
            if not (
                any(window <= figures[i].start < m.start() for i in in_sentence)
                or any(window <= a and b <= m.end() for a, b in entity_index.near(window, m.end()))
                or _anchored(text[window : m.end()], False, False)
                or proper_inside(tokens[sentence_index], window, m.start())
            ):
                continue  # no anchor within reach: a generic mention, skip the segmentation
            start = _name_start(
                text,
                s_start,
                m.start(),
                [figures[i] for i in in_sentence],
                tokens[sentence_index],
                frozenset(a for a, _ in entity_index.near(window, m.end())),
                frozenset(b for _, b in org_index.near(window, m.end())),
            )
            for a, b in entity_index.near(start, start + 1):  # never cut a name in two: 金昌经开区
                # ... unless the span runs across a status word, where the scan stopped: a model
                # span such as 兰州新区集中开工兰石集团 is wrong there, the name starts after 开工
                if a < start < b and not status_re.search(text, a, start):
                    start = a
            name = text[start : m.end()]
            if (
                start >= m.start()
                or described(text, s_start, start, m.group())
                or ((start, m.end()) in place_spans and not started)
            ):
                continue  # 济广高速 as a place span (places.py): a road in service is a place
            inside = [
                i for i in in_sentence if start <= figures[i].start and figures[i].end <= m.end()
            ]
            place = next(
                (
                    (a, b)
                    for a, b in place_index.near(start, m.end())
                    if start <= a and b <= m.end()
                ),
                None,
            )
            named = (
                place is not None
                or proper_inside(tokens[sentence_index], start, m.start(), opens=True)
                or any(start <= a and b <= m.end() for a, b in entity_index.near(start, m.end()))
                or any(  # 总投资150亿元(的)X项目, 年产6万吨的X项目: an investment or capacity tied
                    (figures[i].kind is FigureKind.MONEY or "metric:capacity" in figures[i].links)
                    and text[figures[i].end : start].strip() in ("", *role_words("attributive"))
                    for i in in_sentence
                )
            )
            texts = [figures[i].text for i in inside]
            place_names = [  # a park the text calls a project names it (…产业园项目, §11)
                text[a:b]
                for a, b in place_index.near(start, m.end())
                if start <= a and b <= m.end() and not text.endswith(tuple(_place_heads()), a, b)
            ]
            if (
                not _anchored(name, named, bool(inside))
                or generic_only(name, m.group(), texts, place_names)
                or a_count(figures, inside)
                or any(w in name for w in role_words("category_marker"))
                or ordinal_count().search(name)
            ):
                continue
            capacity = next(
                (i for i in inside if figures[i].kind in (FigureKind.QUANTITY, FigureKind.COUNT)),
                None,
            )
            investments = [
                i
                for i in in_sentence
                if _investment(figures[i].metric) and figures[i].kind is FigureKind.MONEY
            ]
            investment = min(  # nearest to the name, before or after it, in its clause first
                investments,
                key=lambda i: distance(text, (start, m.end()), figures[i]),
                default=None,
            )
            company = _companies().match(text, start, m.start())
            statuses = list(status_re.finditer(text, s_start, s_end))
            status = None
            if statuses:
                nearest = min(
                    statuses, key=lambda v: min(abs(v.start() - m.end()), abs(v.end() - start))
                )
                if not (start <= nearest.start() < m.end()):
                    status = status_of[nearest.group()]
            out.append(
                Project(
                    name=name,
                    start=start,
                    end=m.end(),
                    investment=None if investment is None else figures[investment],
                    capacity=None if capacity is None else figures[capacity],
                    owner=None if company is None else text[start : company.end()],
                    status=status,
                    location=None if place is None else text[place[0] : place[1]],
                )
            )
    # the one overlap policy: 金昌经开区河西堡工业园 inside …智慧服务中心项目 is not a project of its own
    keep = {
        (start, end) for _, start, end in filter_spans(("PROJECT", p.start, p.end) for p in out)
    }
    return [p for p in out if (p.start, p.end) in keep]
