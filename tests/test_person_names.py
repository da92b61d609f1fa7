"""Person spans repaired with the mined name statistics (``cnews_ie.person_names``), on
invented sentences."""

from __future__ import annotations

from cnews_ie.person_names import (
    complete_names,
    honorific_names,
    known_names,
    name_shaped,
    unlikely_people,
)


def _names(text: str, spans: list[tuple[str, int, int]]) -> list[str]:
    return [text[a:b] for label, a, b in spans if label == "PER"]


def test_name_shape_needs_a_surname_or_a_transliteration() -> None:
    assert name_shaped("欧阳明")
    assert name_shaped("李四")
    assert name_shaped("奥马尔·伊德里斯")
    assert not name_shaped("普惠")
    assert not name_shaped("天王")


def test_surname_and_address_is_a_name() -> None:
    text = "市民钱女士说，公交更方便了。"
    assert _names(text, honorific_names(text, [])) == ["钱女士"]


def test_surname_span_gives_way_to_the_name() -> None:
    text = "市民钱女士说，公交更方便了。"
    assert _names(text, honorific_names(text, [("PER", 2, 3)])) == ["钱女士"]


def test_address_after_a_word_is_no_name() -> None:
    text = "会后，有关女士表示感谢。"  # 有关 is one word: 关 is no surname here
    assert _names(text, honorific_names(text, [])) == []


def test_address_after_a_named_person_adds_nothing() -> None:
    text = "张华先生出席。"
    spans = [("PER", 0, 2)]
    assert honorific_names(text, spans) == spans


def test_name_cut_before_a_given_name_final_is_completed() -> None:
    text = "老党员严明和说：“日子越过越好。”"
    assert _names(text, complete_names(text, [("PER", 3, 5)])) == ["严明和"]


def test_adverb_after_a_name_is_not_part_of_it() -> None:
    text = "严明也说，日子越过越好。"
    assert _names(text, complete_names(text, [("PER", 0, 2)])) == ["严明"]


def test_name_given_alone_elsewhere_is_not_completed() -> None:
    text = "严明来了。严明和说，日子好了。"
    spans = [("PER", 0, 2), ("PER", 5, 7)]
    assert _names(text, complete_names(text, spans)) == ["严明", "严明"]


def test_place_written_with_its_division_is_no_person() -> None:
    text = "桐柏县位于南部。桐柏大力发展茶产业。"
    assert unlikely_people(text, [(8, 10)], [False], {"桐柏县"}) == {"桐柏"}


def test_place_named_with_a_title_or_speaking_is_a_person() -> None:
    text = "桐柏县位于南部。桐柏说，茶产业好。"
    assert unlikely_people(text, [(8, 10)], [False], {"桐柏县"}) == set()
    assert unlikely_people(text, [(8, 10)], [True], {"桐柏县"}) == set()


def test_word_without_surname_is_no_person_unless_it_speaks() -> None:
    text = "普惠政策落地。杰克逊说，很好。"
    assert unlikely_people(text, [(0, 2), (7, 10)], [False, False], set()) == {"普惠"}


def test_known_name_the_model_missed_is_a_person() -> None:
    # a mined name (person_names.tsv) where the model found nothing, or only a part of it
    assert known_names("万钢在座谈会上强调，要加快成果转化。", []) == [("PER", 0, 2)]
    assert known_names("文在寅在首尔会见客人。", [("PER", 0, 1)]) == [("PER", 0, 3)]


def test_known_name_cut_by_a_word_or_inside_a_longer_span_is_none() -> None:
    assert known_names("要提高市场主体活力。", []) == []  # 提高 + 市场, not 高市
    assert known_names("万钢集团召开大会。", [("ORG", 0, 4)]) == [("ORG", 0, 4)]
