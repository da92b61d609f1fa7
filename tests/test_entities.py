"""People, organisations and locations on the seed pages, with the shipped model."""

from __future__ import annotations

from functools import cache

import pytest
from golden_cases import SEEDS

import cnews_ie

Entities = tuple[cnews_ie.Person | cnews_ie.Organization | cnews_ie.Location, ...]


@cache
def _docs() -> tuple[cnews_ie.Document, ...]:
    pages = sorted(SEEDS.glob("*.txt"))
    return tuple(cnews_ie.extract_many(p.read_text(encoding="utf-8") for p in pages))


def _names(kind: str) -> set[str]:
    return {record.name for doc in _docs() for record in getattr(doc, kind)}


@pytest.mark.parametrize("name", ["王方太", "任振鹤", "范飞", "闫庆俊"])
def test_people(name: str) -> None:
    assert name in _names("people")


@pytest.mark.parametrize("name", ["金川集团", "兰石集团", "新华社"])
def test_organizations(name: str) -> None:
    assert name in _names("organizations")


@pytest.mark.parametrize("name", ["金昌市", "嘉峪关市", "河西堡"])
def test_locations(name: str) -> None:
    assert name in _names("locations")


@pytest.mark.parametrize("word", ["大力支持", "孔雀石", "贡献奖"])
def test_not_people(word: str) -> None:
    assert word not in _names("people")


def test_entity_offsets_point_into_the_page() -> None:
    for doc in _docs():
        records: Entities = (*doc.people, *doc.organizations, *doc.locations)
        for record in records:
            assert 0 <= record.start < record.end <= len(doc.text)
            source = doc.text[record.start : record.end]
            assert "".join(source.split()) == record.name
            assert record.source in {
                "hanlp:cnews-ner",
                "gazetteer",
                "parent",
                "title",
                "organ",
                "outlet",
                "list",
            }


@pytest.mark.parametrize(
    "text", ["1\x85L", "金川集团\u2028兰石集团", "王方太\x0c说", "新华社\u2029北京电"]
)
def test_unicode_line_separators_never_end_up_in_names(text: str) -> None:
    # found by hypothesis: U+0085 stayed inside a line and inside an entity name
    doc = cnews_ie.extract(text)
    records: Entities = (*doc.people, *doc.organizations, *doc.locations)
    for record in records:
        assert not any(c.isspace() for c in record.name)
        assert "".join(doc.text[record.start : record.end].split()) == record.name


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("国家主席习近平应约同俄罗斯总统普京通电话。", "普京", True),
        ("美国第一任总统华盛顿也曾说过。", "华盛顿", True),
        ("李岚清首先代表中国政府和人民表示祝贺。", "中国", False),  # 代表 the verb, 政府 follows
        ("本报记者兰州报道", "兰州", False),  # a dateline
        ("新华社记者北京1月5日电", "北京", False),
        ("在俄罗斯举行的会议上。", "俄罗斯", False),  # no title before it
    ],
)
def test_name_after_title(text: str, name: str, expected: bool) -> None:
    from cnews_ie.titles import name_after_title

    start = text.index(name)
    assert name_after_title(text, start, start + len(name)) is expected


def test_a_place_after_a_title_stays_a_place_when_it_is_a_known_place() -> None:
    from cnews_ie.entities import apply_lexicons

    text = "甘肃省省长兰州调研"  # (a made-up sentence: 兰州 after 省长 is a known place)
    start = text.index("兰州")
    spans = apply_lexicons(text, [("LOC", start, start + 2, "model")])
    assert ("LOC", start, start + 2, "model") in spans


def test_an_outlet_of_a_dateline_is_no_subject() -> None:
    doc = cnews_ie.extract("蓝海网9月17日丨远航控股发布公告，上半年收益为零，亏损达272万港元。")
    assert "蓝海网" in {o.name for o in doc.organizations}
    assert all(f.subject != "蓝海网" for f in doc.figures)


@pytest.mark.parametrize(
    ("name", "plausible"),
    [
        ("王方太", True),
        ("Musk", True),
        ("中", False),
        ("■§", False),
        ("··", False),
        ("王，李", False),
    ],
)
def test_a_name_has_letters_and_no_sentence_punctuation(name: str, plausible: bool) -> None:
    from cnews_ie.entities import plausible_name

    assert plausible_name(name) is plausible


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("连云舟山港吞吐量回升。", "连云舟山港", "LOC"),  # a port is a place (ANNOTATION §11)
        ("连云舟山港集团有限公司承建。", "连云舟山港集团有限公司", "ORG"),  # its company
        ("临江火车站组织旅客疏散。", "临江火车站", "LOC"),
    ],
)
def test_a_port_or_station_the_model_tags_as_an_organisation_is_a_place(
    text: str, name: str, label: str
) -> None:
    from cnews_ie.entities import apply_lexicons

    start = text.index(name[:4])
    spans = apply_lexicons(text, [("ORG", start, start + len(name), "model")])
    assert (label, start, start + len(name)) in [(lab, s, e) for lab, s, e, _ in spans]
