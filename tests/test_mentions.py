"""Further organisation mentions (``cnews_ie.mentions``), on invented sentences."""

from __future__ import annotations

from cnews_ie.mentions import listed_companies, repeated_organizations


def test_shorter_spans_inside_a_repeated_name_give_way() -> None:
    text = "农发行湖南分行发放贷款。此前，农发行湖南分行牵头组建银团。"
    second = text.index("农发行", 3)
    spans = [("ORG", 0, 7), ("ORG", second, second + 3), ("LOC", second + 3, second + 5)]
    assert repeated_organizations(text, spans) == [("ORG", 0, 7), ("ORG", second, second + 7)]


def test_a_span_across_the_edge_keeps_the_model_reading() -> None:
    text = "农发行湖南分行发放贷款。邮储银行农发行湖南分行合作。"
    second = text.index("农发行", 3)
    spans = [("ORG", 0, 7), ("ORG", second - 4, second + 3)]
    assert repeated_organizations(text, spans) == spans


def test_short_names_are_not_searched() -> None:
    text = "华远发布公告。华远集团表示。"
    spans = [("ORG", 0, 2)]
    assert repeated_organizations(text, spans) == spans


def test_name_before_a_stock_code_is_a_company() -> None:
    text = "公告显示，控股股东华北重工（600721.SH）拟增持。"
    start = text.index("华北")
    got = listed_companies(text, [("LOC", start, start + 2)])
    assert got == [("ORG", start, start + 4)]
