"""The noun a count stands before (``metric:counted`` in ``link.py``): 出台85条政策措施 →
政策措施, read over the stored jieba words; a one-character classifier inside it stays
(改建4栋丙类仓库 → 丙类仓库, 服务类项目), and so does a verb jieba tags inside a noun compound the raw
news uses as one (查获120批问题冷冻/v食品 → 问题冷冻食品: ``resources/compound_nouns.tsv``)."""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.numerals import ZH_DIGITS, ZH_MAGNITUDES
from cnews_ie.patterns import CLAUSE_END_CHARS, METRIC_WORD
from cnews_ie.work import Token, index_from

__all__ = ["counted_metric", "is_compound", "modified_verb"]

_NAME_POS = ("nr", "ns", "nt")
_EVENT_CLASSIFIERS = frozenset("次场期轮起")  # classifiers that count events: 120次演习, 3起事故
_COUNTED_POS = ("n", "vn", "j", "b", "l", "eng", "a")
# after an adjective inside a counted noun: what it modifies, or 的 (抗战/英烈/a 的 遗骨)
_MODIFIED_POS = ("n", "j", "b", "l", "eng", "a", "u")
_MAX_COUNTED = 16  # 县域特色农产品加工产业集群
_MAX_JOINED = 24  # two nouns a conjunction joins (30个国家和地区)
_MAX_ITEM = 16  # an item of a list of nouns a count opens
_OPENING_VERBS = 2  # verbs before the head of a counted noun they modify (开/复工/项目)
_ENDS = frozenset({"之一", "名单"})  # what may follow a counted noun phrase (…项目之一)


@lexicon_cache
def _common_nouns() -> frozenset[str]:
    """Nouns jieba tags as names that People's Daily writes as common nouns (城市, 内河:
    ``resources/common_words.tsv``): a counted noun takes them (4个城市, 53颗卫星)."""
    return frozenset(row[0] for row in table("common_words", 3) if row[1].startswith("n"))


def _inner_classifier(token: Token) -> bool:
    """A one-character classifier inside a counted noun (丙/类/仓库, 产业/类/项目)."""
    return token.pos.startswith("q") and len(token.word) == 1


@lexicon_cache
def _categories() -> frozenset[str]:
    return frozenset(row[0] for row in table("project_generic", 1))


def _inner_verb(words: Sequence[Token], k: int, hi: int) -> bool:
    """A verb inside a counted noun: after a category word of projects (重点, 重大:
    ``resources/project_generic.tsv``) and before a project or group head (roles
    ``names_a_project``, ``group_head``) that ends the noun phrase before punctuation, 之一 or
    the end of the clause (重点/推进/项目之一, 重点/帮扶/企业。); not a verb and its object
    (企业代表/参观/项目)."""
    if words[k].pos != "v" or k + 1 >= len(words) or words[k + 1].end > hi:
        return False
    heads = role_words("names_a_project") | role_words("group_head")
    if words[k + 1].word not in heads or words[k - 1].word not in _categories():
        return False  # 企业代表/参观/项目: a verb and its object, not a modifier of a head
    after = words[k + 2] if k + 2 < len(words) else None
    return after is None or after.start >= hi or after.pos in ("x", "w") or after.word in _ENDS


@lexicon_cache
def _compounds() -> frozenset[tuple[str, str]]:
    """Verb + noun pairs that are noun compounds (示范 + 项目, 冷冻 + 食品), mined from raw news
    by ``tools/mine_compound_verbs.py`` (``resources/compound_nouns.tsv``)."""
    return frozenset((row[0], row[1]) for row in table("compound_nouns", 4))


def is_compound(verb: Token, noun: Token) -> bool:
    """Whether a verb and the noun after it are one noun compound (示范/v 项目/n), as the raw
    news uses the pair: where a noun phrase stands, not where a predicate does."""
    return verb.pos == "v" and (verb.word, noun.word) in _compounds()


def _compound_verb(words: Sequence[Token], k: int, hi: int, taken: Sequence[Token]) -> bool:
    """A verb inside a counted noun compound (``is_compound``), after a noun or verbal noun of
    it and before the common noun that ends the phrase before punctuation, a conjunction, a
    localiser, 之一 or the end of the clause (新增12个农业/示范/项目。, 查获120批问题/冷冻/食品。);
    not a verb and its object (30家企业/参观/项目, 8000多辆公交车/更换/防冻液)."""
    if not taken or k + 1 >= len(words) or words[k + 1].end > hi:
        return False
    if not taken[-1].pos.startswith(("n", "j", "v")) or not is_compound(words[k], words[k + 1]):
        return False
    after = words[k + 2] if k + 2 < len(words) else None
    return (
        after is None
        or after.start >= hi
        or after.pos in ("x", "w", "f")
        or after.word in _ENDS
        or after.word in role_words("joins_nouns")
    )


def _opening_verb(words: Sequence[Token], k: int, hi: int, event: bool = False) -> bool:
    """A verb (at most two, 开/复工) opening a counted noun before a project or group head (one
    adjective, distinguishing word or category word of projects may stand between: 共建/重大/项目)
    (roles ``names_a_project``, ``group_head``) that ends it before a localiser, punctuation or
    the end of the clause: the verb modifies the head (120个签约/项目/中, 30家入驻/企业。); not a
    head with more after it (3个开工/项目/建设: a predicate).  After a classifier of events
    (``event``: 次, 场, 期, 轮, 起), any noun head names the event (开展120次联合/执法/行动。)."""
    head = k
    while head < len(words) and head - k < _OPENING_VERBS and words[head].pos == "v":
        head += 1
    if head < len(words) and (
        words[head].pos.startswith(("a", "b")) or words[head].word in _categories()
    ):
        head += 1  # 300个共建/重大/项目, 共建/重点/项目: one modifier of the head after the verb
    if head == k or head >= len(words) or words[head].end > hi:
        return False
    if not words[head].word.endswith(
        tuple(role_words("names_a_project") | role_words("group_head"))
    ) and not (event and words[head].pos in ("n", "vn")):
        return False  # 签约/项目, 共建/重点项目
    after = words[head + 1] if head + 1 < len(words) else None
    return after is None or after.start >= hi or after.pos in ("x", "w", "f")


def _event_verb(text: str, words: Sequence[Token], k: int, lo: int, hi: int) -> bool:
    """A verb right after a classifier of events (次, 场: 推出8000多场演出。, 举行两次演讲，) that
    ends its clause alone: the event it counts, a noun there however jieba tags it."""
    if words[k].start != lo or words[k].pos != "v" or text[lo - 1 : lo] not in _EVENT_CLASSIFIERS:
        return False
    if words[k].word in role_words("light_verb"):
        return False  # 分二次进行: the way it is done, no event
    after = words[k + 1] if k + 1 < len(words) else None
    return after is None or after.start >= hi or after.word in CLAUSE_END_CHARS


def _name_modifier(words: Sequence[Token], k: int, hi: int) -> bool:
    """A word tagged a name that opens a counted noun and modifies the common noun after it
    (110个美丽/ns 乡村/示范村, 300名非洲/ns 留学生): not a name that ends the phrase, nor one before
    another name; one inside the phrase ends it (5个县城/新建/ns: jieba's name for a verb)."""
    after = words[k + 1] if k + 1 < len(words) else None
    return (
        after is not None
        and after.end <= hi
        and after.pos.startswith(("n", "vn", "b", "j"))  # 美国/非法/移民
        and not after.pos.startswith(_NAME_POS)
    )


def _tier_word(words: Sequence[Token], k: int, lo: int, hi: int) -> bool:
    """A two-character word jieba tags a numeral that opens the counted noun as its tier and
    modifies the noun after it (4个一线/城市, 12个一级/站点): a Chinese digit and one character
    that is no digit or magnitude."""
    token = words[k]
    after = words[k + 1] if k + 1 < len(words) else None
    return (
        token.start == lo
        and token.pos == "m"
        and len(token.word) == 2
        and token.word[0] in ZH_DIGITS
        and token.word[1] not in ZH_DIGITS
        and token.word[1] not in ZH_MAGNITUDES
        and after is not None
        and after.end <= hi
        and after.pos.startswith(("n", "vn", "j"))
    )


def _graded(words: Sequence[Token], k: int, taken: Sequence[Token]) -> bool:
    """Whether the conjunction at ``words[k]`` joins a grade inside the counted noun to the
    marker of a class after it (role ``category_marker``): 县级/及/以上/医院, 三级/及/以下/学校."""
    after = words[k + 1] if k + 1 < len(words) else None
    return (
        bool(taken)
        and words[k].pos == "c"
        and words[k].word in role_words("joins_nouns")
        and after is not None
        and after.word in role_words("category_marker")
    )


def modified_verb(words: Sequence[Token], k: int, hi: int) -> bool:
    """Whether the verb at ``words[k]`` is a noun: after a word that only modifies nouns (a
    distinguishing word, ``b``, or an adjective of one character) and before a noun inside
    text[:hi] (88个中等/b 收入/v 经济体, 126户高/a 收入/v 家庭)."""
    before = words[k - 1] if k else None
    after = words[k + 1] if k + 1 < len(words) else None
    return (
        words[k].pos == "v"
        and before is not None
        and before.end == words[k].start
        and (before.pos == "b" or (before.pos == "a" and len(before.word) == 1))
        and after is not None
        and after.end <= hi
        and after.pos.startswith(("n", "vn"))
        and not after.pos.startswith(_NAME_POS)
    )


def _stated(words: Sequence[Token], k: int, taken: Sequence[Token]) -> bool:
    """Whether the adjective at ``words[k]`` after the counted words ``taken`` opens a
    predicate: after a localiser (生产线上/忙碌), or after a noun and before a word it does not
    modify (a verb, an adverb, a morpheme or a name: 城市/平均/上涨, 企业/成功/上市/ns) or
    introducing a figure (企业/平均/用工人数), not before the noun it modifies (国防/新/成就)."""
    if words[k].pos != "a":
        return False
    if taken[-1].pos == "f":
        return True
    if taken[-1].pos.startswith("n") and words[k].word in role_words("introduces_figure"):
        return True  # 企业/平均/用工人数: a verb that introduces a figure (平均) opens its phrase
    after = words[k + 1] if k + 1 < len(words) else None
    return (
        taken[-1].pos.startswith("n")
        and after is not None
        and (not after.pos.startswith(_MODIFIED_POS) or after.pos.startswith(_NAME_POS))
    )


def counted_metric(text: str, lo: int, hi: int, words: Sequence[Token]) -> tuple[str, int] | None:
    """The noun a count stands before (出台85条政策措施 → 政策措施): its words after text[lo],
    up to the first word that is no noun, inside text[lo:hi] (``metric:counted``)."""
    taken: list[Token] = []
    for k in range(index_from(words, lo), len(words)):
        token = words[k]
        if (
            token.end > hi
            or not (
                token.pos.startswith(_COUNTED_POS)
                or _tier_word(words, k, lo, hi)
                or (taken and (token.pos == "f" or _inner_classifier(token)))
                or _graded(words, k, taken)
                or (taken and modified_verb(words, k, hi))
                or (taken and _inner_verb(words, k, hi))
                or _compound_verb(words, k, hi, taken)
                or _event_verb(text, words, k, lo, hi)
                or (
                    (taken or token.start == lo)
                    and all(t.pos == "v" for t in taken)
                    and _opening_verb(words, k, hi, text[lo - 1 : lo] in _EVENT_CLASSIFIERS)
                )
            )
            or (
                token.pos.startswith(_NAME_POS)
                and token.word not in _common_nouns()  # 城市/ns, 卫星/nr: common nouns
                and (taken or not _name_modifier(words, k, hi))
            )
            or not METRIC_WORD.fullmatch(token.word)
            or token.word in role_words("distributes_predicate")  # 农户/全部/n 脱贫: the predicate
        ):
            break
        if token.end - lo > _MAX_COUNTED or (taken and _stated(words, k, taken)):
            break  # 生产线/上/忙碌, 城市/平均/上涨: a state after a localiser or noun
        taken.append(token)
    while taken and (taken[-1].pos in ("f", "c") or _inner_classifier(taken[-1])):
        taken.pop()  # 30家企业中: a localiser inside the noun (规上企业), not after it
    if not taken or taken[0].start != lo or taken[-1].end - lo < 2:
        return None  # 126个省列重大项目: one character is a cut word, not a noun
    item = _list_item(text, lo, hi, words)
    end = item if item is not None and item > taken[-1].end else taken[-1].end
    end = _coordinated(words, index_from(words, end), lo, hi) or end
    return text[lo:end], lo


def _coordinated(words: Sequence[Token], k: int, lo: int, hi: int) -> int | None:
    """Where a counted noun ends when a conjunction (role ``joins_nouns``: 和, 及) at
    ``words[k]`` joins a second noun to it that the same count counts (30个国家和地区, 12门必修及
    选修课程): the second is a run of nouns ending in a noun, inside the clause; not one a
    number follows (5个项目和资金2000万元: the second noun has a figure of its own), nor a
    count or a word that quantifies like one (role ``quantifies_noun``) after the conjunction
    (3个市和7个县, 30家企业和部分个体户).  None otherwise."""
    if k + 1 >= len(words) or words[k].pos != "c" or words[k].word not in role_words("joins_nouns"):
        return None
    if words[k + 1].word in role_words("quantifies_noun"):
        return None
    end = k + 1
    while (
        end < len(words)
        and end - k <= _SECOND_WORDS
        and words[end].end <= hi
        and words[end].pos.startswith(_SECOND_POS)
        and METRIC_WORD.fullmatch(words[end].word)
    ):
        end += 1
    if end == k + 1 or not words[end - 1].pos.startswith(_SECOND_HEAD_POS):
        return None  # 3个市和7个县: a count of its own; 企业和个体/b: no noun ends it
    if words[end - 1].end - lo > _MAX_JOINED:
        return None
    if end < len(words) and words[end].start < hi and words[end].pos.startswith("m"):
        return None  # 5个项目和资金2000万元
    return words[end - 1].end


_SECOND_POS = ("n", "vn", "an", "j", "b", "nt")  # the words of the second of two joined nouns
_SECOND_HEAD_POS = ("n", "vn", "an", "j", "nt")  # …and the one that ends it (nr, ns: names)
_SECOND_WORDS = 3  # the most words the second noun has (地市和县/教育局长)


def _list_item(text: str, lo: int, hi: int, words: Sequence[Token]) -> int | None:
    """Where the noun phrase a count opens ends when it is an item of a list of nouns that a
    word of role ``closes_list`` closes in its clause (160个国家乡村振兴重点帮扶县、…等重点区域:
    the verbs are inside the name of the kind): at the enumeration comma or that word, where
    only nouns, verbs and distinguishing words come before it and the last is a noun; None
    otherwise."""
    closes = role_words("closes_list")
    first = index_from(words, lo)
    if not any(t.word in closes for t in words[first:] if t.end <= hi):
        return None
    for k in range(first, len(words)):
        token = words[k]
        if token.end > hi or token.end - lo > _MAX_ITEM:
            return None
        head = len(token.word) == 1 and token.pos in ("m", "q")  # 安置/点: a one-character head
        if token.pos.startswith(_NAME_POS) or not (token.pos.startswith(_ITEM_POS) or head):
            return None  # 出动656架无人机对基辅, 督查组赴湖南: a predicate, no name of a kind
        after = words[k + 1] if k + 1 < len(words) else None
        if after is not None and (after.word == "、" or after.word in closes):
            noun = token.pos.startswith(("n", "vn", "j")) or token.pos in ("zg", "ng") or head
            return token.end if noun else None
    return None


_ITEM_POS = ("n", "v", "b", "j", "zg", "ng", "l")  # what the name of a kind is made of
