"""Articles of a page: headline, byline, boundaries; and the article of each fact."""

from __future__ import annotations

from golden_cases import SEEDS

import cnews_ie


def test_seed_000_articles() -> None:
    doc = cnews_ie.extract(next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8"), ner=None)
    assert [a.headline.split()[0] if a.headline else None for a in doc.articles] == [
        "牢记嘱托",
        "小事不“小视”",
        "习近平同俄罗斯总统普京通电话",
        "任振鹤主持召开十四届省政府第75次常务会议",
        "扎根基层沃野",
        "范飞代表:推动科技创新和产业创新融合发展",
    ]
    assert doc.articles[0].byline == "新甘肃·甘肃日报记者曾琦"
    assert doc.articles[2].byline is None  # a 新华社 dateline names no reporter
    gdp = next(f for f in doc.figures if f.text == "620.06亿元")
    assert doc.article_of(gdp) is doc.articles[0]
    starts = [a.start for a in doc.articles]
    assert starts == sorted(starts)


def test_subheadings_do_not_split_an_article() -> None:
    text = "标题一\n记者 张三\n正文第一段。\n小标题\n正文第二段。\n"
    doc = cnews_ie.extract(text, ner=None)
    assert len(doc.articles) == 1
    assert doc.articles[0].headline == "标题一"
    assert doc.articles[0].byline == "记者 张三"


def test_dateline_opens_an_article_and_gives_its_byline() -> None:
    text = "第一篇的正文。\n本报讯（记者常建哲 郭鑫）11月5日，金昌市举行观摩活动。\n"
    doc = cnews_ie.extract(text, ner=None)
    assert len(doc.articles) == 2
    assert doc.articles[1].byline == "记者常建哲 郭鑫"


def test_text_without_layout_is_one_article() -> None:
    doc = cnews_ie.extract("全市实现地区生产总值620.06亿元，增长13.6%。", ner=None)
    assert [(a.start, a.end, a.headline) for a in doc.articles] == [(0, len(doc.text), None)]


def test_frames_name_the_article_of_each_fact() -> None:
    doc = cnews_ie.extract(next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8"), ner=None)
    figures = doc.to_frame("figures")
    assert figures.loc[figures["text"] == "620.06亿元", "article"].tolist() == [0]
    assert list(doc.to_frame("articles").columns) == ["doc", "start", "end", "headline", "byline"]
