"""People's titles and organisations, read from the words around their names.

Rules (each names the field it fills):

* **before the name**: the text before a name, back to the previous punctuation or name, is read
  as 、-separated segments from right to left; every segment that ends with a title
  (``resources/title_words.tsv``, longest match, or a productive title: 副X长, X书记, X主任 …) is
  one title, and the first segment that does not stops the reading (市委副书记、市长王方太 →
  市委副书记, 市长).
* **organisation + title**: a segment whose title has a prefix gives the organisation and the
  title separately.  The organisation ends at the first organisation end (an organisation head of
  ``resources/org_suffixes.tsv`` with a name before it, a one-character head only where a jieba
  word ends: not 华星科 + 技公司; or a zone's name that no organisation head follows before the
  title: 临港综合保税区 + 物流事业部负责人; or an organisation span, or a place span
  that starts the prefix: 德国总理) after which the rest is empty, an internal division
  (``internal_division``: 商务厅 + 欧洲处处长, 工信部 + 运行监测协调局局长) or a few qualifying
  words (中信证券 + 首席策略分析师), or a head that names one body (国务院 + 总理).  A party,
  congress or government post after a place (and the party's name: ``party_prefix``, 中共) keeps
  its level-and-organ word (``level_organ``: 湖州 + 市委常委 → org 湖州市委; 中共湖州 + 市委常委 →
  org 中共湖州市委; 杭州市 + 市长 → org 杭州市); without a place it is the title as written, org
  None (市委书记).  Otherwise a
  prefix of up to four characters stays in the title (市县领导, 公司副总).  The organisation
  nearest the name is the person's organisation; a prefix starts after a preposition (据), a
  particle (主管项目的) or a space.
* **bylines**: a media brand before ``·`` is not part of the organisation (新甘肃·甘肃日报记者 曾琦 →
  甘肃日报, 记者).
* **after the name**: a title directly after a name (范飞代表, 习近平总书记, 赵建凯副特派员) is a
  title too, and so is a post as predicate after 是 / 担任 (``title_copula``); forms of address
  (先生, 女士) never are, nor group labels and mined words after a name.
* **credits**: a label before a colon is the title of the name after it (责任编辑：钟慧).
* **vocabulary**: ``title_words.tsv`` lists titles by category; ``mined`` rows are CLUENER
  ``position`` labels seen three times or more (``tools/mine_title_words.py``); a productive
  title also ends in 师, 员 or 大户 (农艺师, 检查员, 养殖大户).
* **organisations** (:func:`title_organizations`): an organisation record overlapping a post is
  dropped (市委 of 市委书记), and the organisation a prefix names is added (source ``title``)
  in place of the organisations and places nested in it.
* **shared**: a name that follows a titled name with only spaces or 、 between them shares its
  titles and organisation (记者常建哲 郭鑫).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cnews_ie.backends.jieba_backend import word_ends
from cnews_ie.gazetteer import is_place_name, org_heads
from cnews_ie.lexicons import role_word_set, role_words
from cnews_ie.name_edges import (
    autonomous_post,
    name_start_after_predicate,
    organ_end,
    outside_posts,
    preposition_before_name,
)
from cnews_ie.patterns import (
    DATELINE_AFTER_NAME,
    NAME_SHAPE,
    TITLE_BOUNDARY,
)
from cnews_ie.records import Location, Organization
from cnews_ie.title_vocabulary import national_organ, title_at_end, titles_after, titles_before
from cnews_ie.zones import zone_name

__all__ = [
    "PersonTitles",
    "name_after_title",
    "read_titles",
    "title_organizations",
]

_MAX_SEGMENT = 30
_MAX_PLAIN_PREFIX = 4  # a longer non-organisation prefix is a clause, not part of the title


@dataclass(frozen=True, slots=True)
class PersonTitles:
    titles: tuple[str, ...] = ()
    organization: str | None = None
    # where the organisation is written (None if it is not), and where each title is written
    organization_span: tuple[int, int] | None = None
    posts: tuple[tuple[int, int], ...] = ()
    organization_spans: tuple[tuple[int, int], ...] = ()  # of every title, in text order


@dataclass(frozen=True, slots=True)
class _Read:
    title: str
    title_start: int
    organization: tuple[int, int] | None = None


def _level_organ_post(text: str, a: int, title_start: int, b: int) -> _Read | None:
    """A party, congress, CPPCC or government post after a place keeps its level-and-organ word
    (青岛 + 市委书记 → 市委书记, org 青岛市委; 上海市 + 政协主席 → 市政协主席, org 上海市政协;
    杭州市 + 市长 → 市长, org 杭州市; 光山 + 县长 → 县长, org 光山县)."""
    if (post := autonomous_post(text, a, title_start, b)) is not None:
        return _Read(text[post[0] : b], post[0], post[1])  # 某自治区 + 党委书记, + 主席
    organs = role_word_set("level_organ")
    levels = {w for w in role_words("level_organ") if len(w) == 1}
    for p in (title_start, title_start - 1):
        if p - a < 2 or (p < title_start and text[p] not in levels):
            continue
        organ = organs.longest_prefix(text, p, b)
        if organ is None or p + len(organ) > b:
            continue
        party = next((w for w in role_words("party_prefix") if text.startswith(w, a, p)), "")
        place = text[a + len(party) : p]  # 中共 + 洛阳 + 市委副书记: the org is 中共洛阳市委
        if not (is_place_name(place) or is_place_name(text[a + len(party) : p + 1])):
            continue
        if len(organ) == 1 and is_place_name(place) and place.endswith(organ):
            return _Read(text[p:b], p, (a, p))  # 杭州市 + 市长
        return _Read(text[p:b], p, (a, organ_end(text, p, p + len(organ), b)))
    return None


def _organization_ends(
    text: str, a: int, t: int, names: Sequence[tuple[str, int, int]]
) -> list[tuple[int, str]]:
    """Where an organisation written from ``a`` may end before the title at ``t``: after an
    organisation head with a name before it, or at the end of an organisation or place span
    (kind ``ORG`` or ``LOC``), in text order."""
    ends: dict[int, str] = {}
    heads = org_heads()
    found: list[tuple[int, int]] = []
    cuts: set[int] | None = None
    for e in range(a + 2, t + 1):
        head = heads.longest_suffix(text[a:e])
        if head is not None and e - len(head) - a >= (2 if len(head) == 1 else 1):
            if len(head) == 1:  # 国光科 + 技: a one-character head inside a word is none
                cuts = word_ends(text, a, t) if cuts is None else cuts
                if e not in cuts:
                    continue
            found.append((e - len(head), e))
    for _, e in found:  # not inside a longer head (管委 of 管委会)
        if not any(s < e < e2 for s, e2 in found):
            ends[e] = "ORG"
    # a zone's administration, when no organisation head follows before the title (X综合保税区
    # + 汽车贸易事业部负责人; not X高新区 + Y街道办事处 + 办公室副主任)
    for e in range(a + 3, t):
        if e not in ends and zone_name(text[a:e]) and not any(e < e2 < t for e2 in ends):
            ends[e] = "ORG"
    if text[a:t] in role_words("named_body"):  # 国务院 + 总理: a head that names one body
        ends[t] = "ORG"
    for label, s, e in names:
        if a <= s < e <= t and (label == "ORG" or s == a) and text[s:e] not in heads:
            ends.setdefault(e, label)
    return sorted(ends.items())


def _split_prefix(
    text: str, a: int, t: int, names: Sequence[tuple[str, int, int]]
) -> tuple[int, int] | None:
    """The organisation a title's prefix ``text[a:t]`` starts with, or None: the first end after
    which the rest is empty, an internal division (运行监测协调局, 欧洲处: it stays in the title),
    or a few words that qualify the title (首席, 高级: no organisation head in them)."""
    divisions = role_word_set("internal_division")
    heads = org_heads()
    for e, label in _organization_ends(text, a, t, names):
        rest = text[e:t]
        if not rest:
            return a, e
        if heads.longest_prefix(rest) is not None:
            continue  # the name goes on into its head (省农科 + 院)
        if label == "ORG" and divisions.longest_suffix(rest) is not None and len(rest) >= 2:
            return a, e
        if (
            len(rest) <= _MAX_PLAIN_PREFIX
            and heads.longest_suffix(rest) is None
            and not any(e <= s and e2 <= t for _, s, e2 in names)
        ):
            return a, e
    return None


def _read_segment(text: str, a: int, b: int, names: Sequence[tuple[str, int, int]]) -> _Read | None:
    """Title and organisation of one segment ``text[a:b]``, or None if it does not end with a
    title."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    dot = text.rfind("·", a, b)
    if dot >= 0:  # 新甘肃·甘肃日报记者: the brand before · is not the employer
        a = dot + 1
    particle = max((text.rfind(p, a, b) for p in role_words("particle_not_in_name")), default=-1)
    if (
        particle >= 0
    ):  # 负责招商的开发区管委会副主任: the clause before 的 describes, it is no employer
        a = particle + 1
    if a >= b or b - a > _MAX_SEGMENT:
        return None
    title = title_at_end(text[a:b])
    if title is None:
        return None
    t = b - len(title)
    if t == a:
        return _Read(title, t, national_organ(text, t, b))  # 全国政协委员: org 全国政协
    space = max(text.rfind(" ", a, t), text.rfind("\u3000", a, t))
    if space >= 0:  # 1.4 公司负责人: what stands before a space is no part of the prefix
        a = space + 1
    if a < t and preposition_before_name(text, a, t):
        a += 1  # 据华信实业集团总经理
    after = _after_function_word(text, a, t)
    for lo in dict.fromkeys((a, after)):  # 由 + 某市委副书记: the post after the preposition
        if (post := _level_organ_post(text, lo, t, b)) is not None:
            return post
    for lo in dict.fromkeys((name_start_after_predicate(text, a, t, names), a, after)):
        org = _split_prefix(text, lo, t, names)
        if org is not None:
            return _Read(text[org[1] : b], org[1], org)
    # a plain prefix starts after its last preposition or conjunction (应约同俄罗斯总统 → 俄罗斯总统)
    lo = after
    if t - lo > _MAX_PLAIN_PREFIX:
        return _Read(title, t)
    return _Read(text[lo:b], lo, national_organ(text, lo, b))


def _after_function_word(text: str, a: int, t: int) -> int:
    """Where a plain prefix starts: after its last preposition or conjunction, or space
    (本报讯 市委书记 → 市委书记)."""
    last = max(
        (text.rfind(c, a, t) for c in (*role_words("before_title"), " ", "\u3000")), default=-1
    )
    return a if last < 0 else last + 1


def _title_after(text: str, end: int, limit: int) -> str | None:
    """A title written right after a name (范飞代表, 赵建凯副特派员), never a form of address."""
    listed = titles_after().longest_prefix(text, end, limit)
    if listed is None and text.startswith("副", end):
        deputy = titles_after().longest_prefix(text, end + 1, limit)
        return None if deputy is None else "副" + deputy
    return listed


def name_after_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands where a name follows a title (俄罗斯总统 + 普京): right
    after a listed title, shaped like a name, and followed neither by an organisation head (代表
    + 中国政府 is the verb 代表) nor by a dateline."""
    if not NAME_SHAPE.fullmatch(text, start, end):
        return False
    if titles_before().longest_suffix(text[max(0, start - 8) : start]) is None:
        return False
    return org_heads().longest_prefix(text, end) is None and not DATELINE_AFTER_NAME.match(
        text, end
    )


def _predicate_title(
    text: str, end: int, limit: int, names: Sequence[tuple[str, int, int]]
) -> _Read | None:
    """A post written as the predicate after a name, up to the clause's end
    (琼斯是项目部人力资源助理。): a copula, then a phrase that ends with a title."""
    copula = role_word_set("title_copula").longest_prefix(text, end, limit)
    if copula is None:
        return None
    start = end + len(copula)
    stop = next((m.start() for m in TITLE_BOUNDARY.finditer(text, start, limit)), limit)
    if not 0 < stop - start <= _MAX_SEGMENT:
        return None
    return _read_segment(text, start, stop, names)


def _segments(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The 、-separated segments of ``text[lo:hi]``, right to left."""
    out: list[tuple[int, int]] = []
    b = hi
    while True:
        c = text.rfind("、", lo, b)
        out.append((c + 1 if c >= 0 else lo, b))
        if c < 0:
            return out
        b = c


def _credit_label(
    text: str, lo: int, colon: int, names: Sequence[tuple[str, int, int]]
) -> _Read | None:
    """A credit written as label, colon, name (责任编辑:钟慧): the label is the title when it is
    one as a whole."""
    a = max((m.end() for m in TITLE_BOUNDARY.finditer(text, lo, colon)), default=lo)
    read = _read_segment(text, a, colon, names)
    if read is None or read.organization is not None or read.title not in titles_before():
        return None
    return read


def read_titles(
    text: str,
    people: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
    names: Sequence[tuple[str, int, int]] = (),
) -> list[PersonTitles]:
    """Titles and organisation of each person span (offsets into ``text``, sorted);
    ``names`` are the organisation and place spans (``(label, start, end)``) that may start a
    title's prefix."""
    out: list[PersonTitles] = []
    sentence_index = 0
    for i, (start, end) in enumerate(people):
        while sentence_index < len(sentences) and sentences[sentence_index][1] <= start:
            sentence_index += 1
        s_start, s_end = (
            sentences[sentence_index] if sentence_index < len(sentences) else (0, len(text))
        )
        previous = people[i - 1] if i > 0 else None
        lo = s_start if previous is None else max(s_start, previous[1])
        gap = text[lo:start]
        if (
            previous is not None
            and previous[1] == lo
            and out
            and out[-1].titles
            and not gap.strip(" \u3000、")
        ):
            out.append(out[-1])  # shared: 记者常建哲 郭鑫; 市县领导张建国、李卫东
            continue
        cut = max((m.end() for m in TITLE_BOUNDARY.finditer(text, lo, start)), default=lo)
        reads: list[_Read] = []
        if cut > lo and text[cut - 1] in ":：" and not text[cut:start].strip():
            credit = _credit_label(text, lo, cut - 1, names)
            reads += [] if credit is None else [credit]
        for a, b in _segments(text, cut, start):
            read = _read_segment(text, a, b, names)
            if read is None:
                break
            reads.insert(0, read)
        titles = [r.title for r in reads]
        posts = [(r.title_start, r.title_start + len(r.title)) for r in reads]
        spans = [r.organization for r in reads if r.organization]
        org_span = spans[-1] if spans else None  # the nearest the name
        after = _title_after(text, end, s_end)
        if after is not None and after not in titles:
            titles.append(after)
            posts.append((end, end + len(after)))
        predicate = None if titles else _predicate_title(text, end, s_end, names)
        if predicate is not None:
            titles.append(predicate.title)
            posts.append((predicate.title_start, predicate.title_start + len(predicate.title)))
            org_span = org_span or predicate.organization
            spans += [predicate.organization] if predicate.organization else []
        out.append(
            PersonTitles(
                tuple(titles),
                None if org_span is None else text[org_span[0] : org_span[1]],
                org_span,
                tuple(posts),
                tuple(spans),
            )
        )
    return out


def title_organizations(
    text: str,
    organizations: Sequence[Organization],
    locations: Sequence[Location],
    read: Sequence[PersonTitles],
) -> tuple[tuple[Organization, ...], tuple[Location, ...]]:
    """The organisations with the title reader's view of the words before names: a record that
    overlaps a post is dropped (市委 of 市委书记: an unnamed level organ that is part of a post;
    商务厅欧洲处, which runs into the post 欧洲处处长), and the organisation a title's prefix names
    is added when it ends with an organisation head or was found as one (商务厅, 青岛市委, 中信证券;
    not a bare place such as 杭州市 of 杭州市市长), in place of the organisations and places
    nested in it (宁晋县农业局 and 河北省 of 河北省宁晋县农业局: one mention, one name; a parent
    named at its start stays, 兰石集团 of 兰石集团能源装备研究院)."""
    posts = sorted({p for r in read for p in r.posts})
    known = {(o.start, o.end): o for o in organizations}
    out = outside_posts(text, organizations, posts)
    have = {(o.start, o.end) for o in out}
    added: list[tuple[int, int]] = []
    for span in (span for r in read for span in r.organization_spans):
        if span in have:
            continue
        name = text[span[0] : span[1]]
        if name in org_heads() and name not in role_words("named_body"):
            continue  # 公司副总经理: a generic employer, no name (国务院总理: one body)
        if (
            span in known
            or name in role_words("national_organ")
            or org_heads(2).longest_suffix(name) is not None
            or (org_heads().longest_suffix(name) is not None and not is_place_name(name))
        ):
            source = known[span].source if span in known else "title"
            out.append(Organization(name, span[0], span[1], source))
            have.add(span)
            added.append(span)

    def nested(start: int, end: int) -> bool:
        return any(a <= start and end <= b and (a, b) != (start, end) for a, b in added)

    return (
        tuple(
            sorted(
                (o for o in out if o.source == "parent" or not nested(o.start, o.end)),
                key=lambda o: (o.start, o.end),
            )
        ),
        tuple(p for p in locations if not nested(p.start, p.end)),
    )
