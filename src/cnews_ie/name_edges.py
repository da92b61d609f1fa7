"""Edges of organisation and place names inside the phrases that run into them.

* :func:`preposition_before_name`: a preposition written before a name (以 + 河湖, 据 +
  华信实业集团) is no part of it, but a name may start with the same character as the first of
  one of its words (对外经济合作促进会, 经济发展研究会, 从江县, 于都县): only a preposition that jieba
  reads as a word of its own, before no place name, is dropped.
* :func:`name_start_after_predicate`: the words before a title may hold a predicate or a
  function word before the organisation (听取 + 某省人大民族委员会 + 主任委员, 由 + 某某建筑集团 +
  总经理); the organisation then starts where a model span starts right after such a word,
  not at the start of the phrase.
* :func:`place_organizations`: a division's name right before an organisation span starts the
  organisation's name as written (某省 + 某市某某集团).
* :func:`generic_organization`: a head standing alone is no name, unless it names one body.
* :func:`outside_posts`: an organisation span that runs into a post keeps the name before the
  post (某某有限公司党委 + 书记 → 某某有限公司).
* :func:`organ_end`: a level organ takes the head that completes it (某市人大 + 常委会).
* :func:`joint_field_start`: a government body named after two fields joined by 和 starts at
  the first field (工业 + 和 + 信息化部, 文化和旅游局), not after 和.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.gazetteer import is_place_name, org_heads
from cnews_ie.lexicons import WordSet, lexicon_cache, role_word_set, role_words, table
from cnews_ie.patterns import NUMBERED_MEETING
from cnews_ie.records import Organization
from cnews_ie.spans import SpanIndex

__all__ = [
    "area_class",
    "autonomous_post",
    "generic_organization",
    "joint_field_start",
    "kind_of_body",
    "name_start_after_predicate",
    "organ_end",
    "outside_posts",
    "place_organizations",
    "preposition_before_name",
]

# jieba parts of speech of a word that cannot end the words of a name standing before another
# name: verbs (听取), prepositions (由), conjunctions (与), adverbs (正), particles; and dashes
# or other symbols (x).  Not time words or pronouns: an outlet's name may start with one
# (今日 + 某省网, 每日 + 某省网 + 记者)
_BEFORE_NAME_POS = ("v", "p", "c", "d", "u", "x")
_PLACE_REACH = 4  # the longest place name looked for at a span's start (from 2 characters)


def preposition_before_name(text: str, start: int, end: int) -> bool:
    """``text[start]`` is a preposition written before the name ``text[start + 1:end]``.

    >>> preposition_before_name("以河湖为纽带", 0, 3), preposition_before_name("对外经济合作促进会", 0, 9)
    (True, False)
    """
    if end - start <= 2 or text[start] not in role_words("leading_preposition"):
        return False
    if any(is_place_name(text[start : start + k]) for k in range(2, _PLACE_REACH + 1)):
        return False  # 从江县, 于都县: a place name's first character
    from cnews_ie.backends.jieba_backend import tagged_words

    return len(tagged_words(text[start:end])[0][0]) == 1


def name_start_after_predicate(
    text: str, a: int, t: int, names: Sequence[tuple[str, int, int]]
) -> int:
    """Where the organisation of the title prefix ``text[a:t]`` starts: at the first model
    span (ORG or LOC) inside the prefix that follows a predicate, function word or symbol
    (module docstring), else at ``a``."""
    starts = {s for label, s, e in names if label in ("ORG", "LOC") and a < s < t and e <= t}
    if not starts:
        return a
    from cnews_ie.backends.jieba_backend import tagged_words

    at = a
    for word, pos in tagged_words(text[a:t]):
        at += len(word)
        if at in starts and pos.startswith(_BEFORE_NAME_POS):
            return at
        if at >= max(starts):
            break
    return a


def place_organizations(
    text: str, spans: Sequence[tuple[str, int, int, str]]
) -> list[tuple[str, int, int, str]]:
    """Organisations written with the place they belong to: a place span that is a division's
    name or short form, right before an organisation span, is the start of that organisation's
    name as written (某市 + 某某动漫公司: one name, ANNOTATION §10; the place is inside it, not a
    place mentioned).  The joined spans, to add to ``spans`` before the overlap policy."""
    orgs = {s: (e, source) for label, s, e, source in spans if label == "ORG"}
    out = []
    for label, s, e, _ in spans:
        if label == "LOC" and e in orgs and is_place_name(text[s:e]):
            end, source = orgs[e]
            out.append(("ORG", s, end, source))
    return out


def outside_posts(
    text: str, organizations: Sequence[Organization], posts: Sequence[tuple[int, int]]
) -> list[Organization]:
    """The organisations with no part inside a post (``posts``: the titles the title reader
    found, sorted).  One that a post starts inside keeps what stands before the post when that is a name
    ending in an organisation head of two or more characters (某某有限责任公司 + 党委书记: the
    company, not its organ); one the post starts with (市委 of 市委书记: an unnamed organ that
    is part of the post), or with no head before the post, is dropped."""
    out = []
    near = SpanIndex(posts).near  # in order: the first post overlapping each name
    for o in organizations:
        post = next((a for a, b in near(o.start, o.end) if a < o.end and o.start < b), None)
        if post is None:
            out.append(o)
            continue
        name = text[o.start : post]
        head = org_heads(2).longest_suffix(name) if post > o.start else None
        if head is not None and len(name) > len(head):
            out.append(Organization(name, o.start, post, o.source))
    return out


def generic_organization(name: str) -> bool:
    """An organisation head or a company's organ standing alone (公司, 法院, 董事会, 该公司): a
    description or a reference, no name (ANNOTATION §10) — unless the head names one body
    (``named_body``: 国务院); or a numbered meeting (第五次党代会, 十九大).

    >>> [generic_organization(n) for n in ("公司", "国务院", "某市第五次党代会", "十九大", "人大")]
    [True, False, True, True, True]
    """
    bare = name[1:] if name[:1] in role_words("determiner") else name
    if NUMBERED_MEETING.fullmatch(name):
        return True  # a meeting of a body, not the body
    return (
        bare not in role_words("named_body")
        and (bare in org_heads() or bare in role_words("organ_of_company"))
    ) or kind_of_body(name)


def area_class(name: str) -> bool:
    """A word for a whole area (全国, 全省: a subject word of ``subjects.tsv`` opening with 全, the
    quantifier of a whole) before words that end with no organisation head (全国融资担保机构,
    全省规上企业): the bodies of a kind across the area, no name; not 全国总工会, 全省妇联.

    >>> [area_class(n) for n in ("全国融资担保机构", "全国总工会", "全国妇联")]
    [True, False, False]
    """
    area = _whole_areas().longest_prefix(name)
    return area is not None and len(name) > len(area) and org_heads().longest_suffix(name) is None


@lexicon_cache
def _whole_areas() -> WordSet:
    return WordSet(row[0] for row in table("subjects", 1) if row[0].startswith("全"))


# heads of bodies a kind of which common words describe (项目公司, 服务中心): companies and
# public institutions; a public organ (招商局, 统计局) standing after common words is a definite
# body (ANNOTATION §10), and an association is named by its field (经济发展研究会)
_DESCRIBED = frozenset({"company", "institution"})


def kind_of_body(name: str) -> bool:
    """Whether ``name`` describes a kind of company or centre, no body by its name:
    no legal head (有限公司), two or more words before its head, each a common dictionary word of
    two characters or more that is no name, direction or national word (``nation_word``), or a
    Latin acronym, and one of them an acronym, verb or adjective (合资项目公司, 物流综合服务中心;
    not 东方航空公司, 国家开发投资公司, 星光农机公司, nor 光明集团: nouns may make a brand).

    >>> kind_of_body("合资项目公司"), kind_of_body("东方航空公司"), kind_of_body("光明集团")
    (True, False, False)
    """
    from cnews_ie.backends.jieba_backend import common_word, tagged_words

    head = org_heads().longest_suffix(name)
    if head is None or len(name) == len(head) or _category(head) not in _DESCRIBED:
        return False
    if any(legal in head for legal in ("有限", "股份")) or head.startswith(("分", "支")):
        return False  # 某某农机股份有限公司: a registered name; 木材加工分会: a branch's name
    words = tagged_words(name[: -len(head)])
    acting = any(pos in ("v", "vn", "a") or word.isascii() for word, pos in words)
    return (
        len(words) >= 2
        and acting
        and all(
            (word.isascii() and word.isalpha())
            or (
                len(word) >= 2
                and not pos.startswith(("nr", "ns", "nt", "nz", "s", "f"))
                and word not in role_words("nation_word")
                and common_word(word)  # 项目, 外贸; not 复星, 海尔 (names)
            )
            for word, pos in words
        )
    )


@lexicon_cache
def _categories() -> dict[str, str]:
    return {row[0]: row[1] for row in table("org_suffixes", 2)}


def _category(head: str) -> str:
    return _categories().get(head, "")


def autonomous_post(
    text: str, a: int, title_start: int, b: int
) -> tuple[int, tuple[int, int]] | None:
    """Where the post ``text[?:b]`` after an autonomous region's, prefecture's, county's or
    banner's name from ``a`` starts, and its organisation: the level word stays whole (role
    ``autonomous_level``): 宁夏回族自治区 + 党委副书记 → 自治区党委副书记 / 宁夏回族自治区党委;
    + 主席 → 自治区主席 / the region; a post that says its level keeps only it (某自治州 + 州长 →
    州长); None where no such name ends at ``title_start``."""
    organs = role_word_set("level_organ")
    party = next((w for w in role_words("party_prefix") if text.startswith(w, a, b)), "")
    for level in role_words("autonomous_level"):
        p = title_start - len(level)
        if p - a - len(party) < 2 or not text.startswith(level, p):
            continue
        if not is_place_name(text[a + len(party) : title_start]):
            continue
        if text.startswith(level[-1], title_start):
            return title_start, (a, title_start)
        organ = organs.longest_prefix(text, p, b) or level
        if organ == level:
            return p, (a, title_start)
        return p, (a, organ_end(text, p, p + len(organ), b))
    return None


def organ_end(text: str, start: int, end: int, limit: int) -> int:
    """End of a level organ ``text[start:end]`` (市人大) that an organisation head starting inside
    it completes before ``limit`` (市人大 + 常委会: 人大常委会 is one head, the organ is 某市人大常委会,
    its post 主任); ``end`` when none does."""
    heads = org_heads(2)
    for at in range(start, end):
        head = heads.longest_prefix(text, at, limit)
        if head is not None and end < at + len(head) < limit:
            return at + len(head)
    return end


@lexicon_cache
def _government_heads() -> tuple[str, ...]:
    """Heads of government bodies (局, 厅, 委) and the ministry's 部 and 委员会, which
    ``org_suffixes.tsv`` files as generic heads."""
    heads = {s for s, kind in table("org_suffixes", 2) if kind == "government"}
    return tuple(heads | {"部", "委员会"})


_FIELD_POS = ("n", "vn", "an")  # a field is a common noun: 工业, 住房, 人力资源 (not a name)
_FIELD_LENGTHS = range(2, 5)


def joint_field_start(text: str, start: int, end: int) -> int:
    """Where a government body's name starts when the span begins right after 和 and the word
    before it is a field, a common noun of two to four characters that opens its phrase (工业 +
    和 + 信息化部, 人力资源 + 和 + 社会保障部); not after a name (市发改委 + 和 + 财政局: two bodies)."""
    if start < 3 or text[start - 1] != "和" or not text.endswith(_government_heads(), start, end):
        return start
    from cnews_ie.backends.jieba_backend import tagged_words

    words = tagged_words(text[max(0, start - 9) : start - 1])
    if len(words) < 2 and start - 9 > 0:
        return start
    field, pos = words[-1] if words else ("", "")
    before = words[-2][1] if len(words) >= 2 else "x"
    if len(field) not in _FIELD_LENGTHS or pos not in _FIELD_POS:
        return start
    # the field opens its phrase: punctuation, a place or level prefix, or a verb before it
    if before.startswith(("n", "vn", "an", "a")) and not before.startswith(("ns", "nt")):
        return start
    return start - 1 - len(field)
