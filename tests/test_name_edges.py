"""Edges of names: the model's spans repaired from the sentence (``cnews_ie.backends.span_repair``:
paired punctuation, a body's session) and a preposition before a name (``cnews_ie.name_edges``).
Invented sentences."""

from __future__ import annotations

import pytest

from cnews_ie.backends.span_repair import repair_spans
from cnews_ie.gazetteer import is_place_name
from cnews_ie.name_edges import outside_posts, place_organizations, preposition_before_name
from cnews_ie.records import Organization


def _names(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, str]]:
    return [(label, text[s:e]) for label, s, e in repair_spans(text, spans)]


def _span(text: str, label: str, name: str) -> tuple[str, int, int]:
    at = text.index(name)
    return label, at, at + len(name)


@pytest.mark.parametrize(
    ("text", "label", "found", "repaired"),
    [
        # a closer inside, its opener right before the span: the span takes the opener
        ("他在《青禾晚报》副刊发表散文。", "ORG", "青禾晚报》副刊", "《青禾晚报》副刊"),
        # an opener inside, its closer right after the span: the span takes the closer
        ("南岭县“摄协”组织会员采风。", "ORG", "南岭县“摄协", "南岭县“摄协”"),
        # a lone half at the span's own edge is dropped
        ("他加入了“远山徒步协会”。", "ORG", "“远山徒步协会", "远山徒步协会"),
        ("《青禾晚报》今天出版。", "ORG", "青禾晚报》", "青禾晚报"),
        # a balanced pair stays as it is
        ("“绿荫计划”志愿服务队出发了。", "ORG", "“绿荫计划”志愿服务队", "“绿荫计划”志愿服务队"),
        ("“石湾”号货轮靠岸。", "LOC", "石湾”号", "“石湾”号"),
    ],
)
def test_paired_punctuation(text: str, label: str, found: str, repaired: str) -> None:
    assert _names(text, [_span(text, label, found)]) == [(label, repaired)]


@pytest.mark.parametrize(
    ("text", "found", "repaired"),
    [
        ("第十届全国人民代表大会第二次会议闭幕。", "全国人民代表大会", "第十届全国人民代表大会"),
        ("他当选为九届全国人大常委会委员。", "全国人大常委会", "九届全国人大常委会"),
        (
            "南岭县第十二届人大常委会召开会议。",
            "南岭县第十二届人大常委会",
            "南岭县第十二届人大常委会",
        ),
        ("第３届市政协开幕。", "市政协", "第３届市政协"),
        # no ordinal session: 新一届, 又一届
        ("新一届人大常委会开始工作。", "人大常委会", "人大常委会"),
        ("一届又一届人大常委会都很重视。", "人大常委会", "人大常委会"),
        # a session counts a meeting, not a congress: the body keeps its name
        ("第五届青山论坛组委会发布通知。", "青山论坛组委会", "青山论坛组委会"),
    ],
)
def test_session_of_a_congress(text: str, found: str, repaired: str) -> None:
    assert _names(text, [_span(text, "ORG", found)]) == [("ORG", repaired)]


def test_people_and_neighbours_are_left_alone() -> None:
    text = "关（汉卿）说，第九届全国人民代表大会开幕。"
    person = ("PER", 0, 4)  # 关（汉卿: a person's span is not the repair's
    assert repair_spans(text, [person]) == [person]
    # a span does not grow into another span
    session = _span(text, "ORG", "第九届")
    body = _span(text, "ORG", "全国人民代表大会")
    assert repair_spans(text, [session, body]) == [session, body]


@pytest.mark.parametrize(
    ("text", "start", "end", "dropped"),
    [
        ("以河网为纽带", 0, 3, True),  # 以 + 河网
        ("据南岭实业集团总经理说", 0, 7, True),
        ("对外经济合作促进会", 0, 9, False),  # 对外 is a word of the name
        ("经济发展研究会", 0, 7, False),
        ("从江县政府", 0, 5, False),  # a county's name starts with 从
    ],
)
def test_preposition_before_name(text: str, start: int, end: int, dropped: bool) -> None:
    assert preposition_before_name(text, start, end) is dropped


def test_place_before_an_organization_joins_it() -> None:
    text = "银行向运城市青禾动漫公司发放贷款"
    place = ("LOC", 3, 6, "model")
    company = ("ORG", 6, 12, "model")
    assert place_organizations(text, [place, company]) == [("ORG", 3, 12, "model")]
    # a word that is no division name, or a gap, joins nothing
    assert (
        place_organizations("银行向青禾动漫公司发放贷款", [("LOC", 3, 5, "m"), ("ORG", 5, 9, "m")])
        == []
    )
    assert place_organizations(text, [place, ("ORG", 7, 12, "model")]) == []


def test_organizations_outside_posts() -> None:
    text = "青禾电子有限公司党委书记王林和市委书记李明出席。"
    company = Organization("青禾电子有限公司党委", 0, 10)
    organ = Organization("市委", 15, 17)
    posts = [(8, 12), (15, 19)]  # 党委书记, 市委书记
    assert outside_posts(text, [company, organ], posts) == [Organization("青禾电子有限公司", 0, 8)]


def test_autonomous_county_is_written_with_its_short_name() -> None:
    assert is_place_name("长阳土家族自治县")
    assert is_place_name("长阳县")
    assert not is_place_name("长阳土家县")
