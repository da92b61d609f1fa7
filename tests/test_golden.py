"""The one runner over the golden cases, ``tests/golden/*.jsonl`` (schemas: tests/golden/README.md).

Each file has a check below, named in ``CHECKS``; every case of the file runs through it as one
parametrised test with the id ``<file>:<case id>``.  Known failures are listed with their reason
in ``tests/golden/known_failures.tsv`` and run as strict xfails, so a fix shows up as an
unexpected pass.

- figures.jsonl and not_figures.jsonl were written with the extractor (not_figures_words.jsonl
  holds one negative case for each word of resources/ambiguity.tsv that no other case shows); figures_news.jsonl was
  written later, independently of the code, in the registers of real use (statistical
  communiqués, work reports, project and company news, PDF noise).  A case passes when the
  figures found are exactly the annotated ones, in order, field by field (without NER).
- links.jsonl: metric, subject, period and base of figures, including cases where nothing may be
  linked.  Every rule of ``cnews_ie.link`` has cases here.
- subjects.jsonl: the subject of figures alone, for classes of names the recogniser misses
  (short forms of organisations, proper nouns opening a clause) and of names that are never
  the subject (the reference of a comparison, the whole of a share); their other fields are
  covered by links.jsonl.
- titles.jsonl: people with their titles and organisation, the shipped model finding the names.
- projects.jsonl: every project of the text, with investment, capacity, owner and status.
- organizations.jsonl: organisations (and places) that must be found, and strings that must not
  be one (nor a place, nor a person: ``not_locations``, ``not_people``).
- layout.jsonl: raw layouts (PDF text layers: broken lines, footers, indents) and the repaired
  text ``clean`` must give, every repaired character mapping back to itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from golden_cases import FIELDS, GOLDEN, as_row, golden_params

import cnews_ie


def check_figures(case: dict[str, Any]) -> None:
    doc = cnews_ie.extract(case["text"], ner=None)
    found = [as_row(f) for f in doc.figures]
    expected = [{k: f.get(k) for k in FIELDS} for f in case["figures"]]
    assert found == expected
    for figure in doc.figures:
        assert doc.text[figure.start : figure.end] == figure.text


def check_links(case: dict[str, Any]) -> None:
    doc = cnews_ie.extract(case["text"])  # the default pipeline: subjects come from NER too
    by_text = {f.text: f for f in doc.figures}
    got = []
    for expected in case["links"]:
        fig = by_text[expected["figure"]]
        got.append(
            {
                "figure": fig.text,
                "metric": fig.metric,
                "subject": fig.subject,
                "period": fig.period,
                "base": fig.base.text if fig.base else None,
            }
        )
    assert got == case["links"]


def check_subjects(case: dict[str, Any]) -> None:
    doc = cnews_ie.extract(case["text"])  # the default pipeline, the model included
    by_text = {f.text: f.subject for f in doc.figures}
    got = [{"figure": e["figure"], "subject": by_text.get(e["figure"])} for e in case["subjects"]]
    assert got == case["subjects"]


def check_titles(case: dict[str, Any]) -> None:
    doc = cnews_ie.extract(case["text"])
    got = [
        {"name": p.name, "titles": list(p.titles), "organization": p.organization}
        for p in doc.people
    ]
    assert got == case["people"]


def _project_row(project: cnews_ie.Project) -> dict[str, Any]:
    return {
        "name": project.name,
        "investment": project.investment.text if project.investment else None,
        "capacity": project.capacity.text if project.capacity else None,
        "owner": project.owner,
        "status": project.status,
    }


def check_projects(case: dict[str, Any]) -> None:
    doc = cnews_ie.extract(case["text"])
    assert [_project_row(p) for p in doc.projects] == case["projects"]
    for project in doc.projects:
        assert "".join(doc.text[project.start : project.end].split()) == "".join(
            project.name.split()
        )


def check_organizations(case: dict[str, Any]) -> None:
    doc = cnews_ie.extract(case["text"])
    names = {o.name for o in doc.organizations}
    assert set(case["organizations"]) <= names
    assert not names & set(case["not_organizations"])
    places = {p.name for p in doc.locations}
    assert set(case.get("locations", ())) <= places
    assert not places & set(case.get("not_locations", ()))
    people = {p.name for p in doc.people}
    assert not people & set(case.get("not_people", ()))


def check_layout(case: dict[str, Any]) -> None:
    from cnews_ie.clean import clean

    repaired = clean(case["text"])
    assert repaired.text == case["clean"]
    for i, char in enumerate(repaired.text):
        if char != "\n":  # block separators are the repair's own
            assert case["text"][repaired.offsets.to_original(i)] == char


CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "figures.jsonl": check_figures,
    "figures_news.jsonl": check_figures,
    "not_figures.jsonl": check_figures,
    "not_figures_words.jsonl": check_figures,
    "links.jsonl": check_links,
    "subjects.jsonl": check_subjects,
    "titles.jsonl": check_titles,
    "projects.jsonl": check_projects,
    "organizations.jsonl": check_organizations,
    "layout.jsonl": check_layout,
}
#: files scored as a whole rather than case by case
SCORED_ELSEWHERE = {"facts_news.jsonl": "tests/test_evaluate.py (the facts quality floor)"}


def _cases() -> list[Any]:
    params = []
    for name in CHECKS:
        for param in golden_params(name):
            [case] = param.values
            params.append(
                pytest.param(
                    name, case, id=f"{name.removesuffix('.jsonl')}:{param.id}", marks=param.marks
                )
            )
    return params


def test_every_golden_file_has_a_check() -> None:
    files = {p.name for p in GOLDEN.glob("*.jsonl")}
    assert files == set(CHECKS) | set(SCORED_ELSEWHERE)


@pytest.mark.parametrize(("name", "case"), _cases())
def test_golden(name: str, case: dict[str, Any]) -> None:
    CHECKS[name](case)


def test_every_link_names_its_rule() -> None:
    doc = cnews_ie.extract("2024年，全市实现地区生产总值620.06亿元，增长13.6%。", ner=None)
    rate = doc.figures[1]
    assert set(rate.links) >= {"base:previous", "metric:from_base", "period:before"}
    assert rate.base is doc.figures[0]


@pytest.mark.parametrize(
    ("text", "figure", "change"),
    [
        ("受疫情影响，全市旅游收入负增长8%。", "8%", "decrease"),  # 负增长 is a decline
        ("全市存款同比多增320亿元。", "320亿元", "increase"),
        ("贷款利率下调0.5个百分点。", "0.5个百分点", "decrease"),
        ("审批时限缩短40%。", "40%", "decrease"),
        ("该企业年营业收入从1000万元增加到1800万元。", "1800万元", None),  # a level
        ("全市非税收入同比多收45亿元。", "45亿元", "increase"),  # 同比 + 多 + its verb
        ("一季度，全省住户存款增量为860亿元。", "860亿元", "increase"),  # an increment
        ("9%和6.5%，县域两大园区营业收入较快增长\n", "6.5%", "increase"),  # a heading
        ("28%，全县工业增加值占地区生产总值比重\n", "28%", None),  # 增加值 is no verb
        ("新品种推广后，全县增产稻谷12万吨。", "12万吨", "increase"),  # verb, object, amount
        ("企业提升产能至每年30万吨。", "30万吨", None),  # the level it rose to
        ("全区降低企业成本12亿元。", "12亿元", None),  # a relief amount (ANNOTATION §14)
        ("全镇开工了道路拓宽工程、校舍提升工程等5个项目。", "5个", None),  # a listed item's verb
        ("三个园区的营业收入同比增长均超过12%。", "超过12%", "increase"),  # 均 between them
        ("全县旅游收入保持了11%的较快增长。", "11%", "increase"),  # a word of pace before it
        ("全县贫困人口减少为3.2万人。", "3.2万人", None),  # 为 after the verb: the level reached
        ("一季度甲银行信贷增长为860亿元。", "860亿元", "increase"),  # 增长 + 为: the change itself
        ("上月，该国通胀率按年率计算为5.2%。", "5.2%", "increase"),  # an inflation rate grows
    ],
    ids=[
        "negative-growth",
        "more-increase",
        "lowered",
        "shortened",
        "level-change",
        "more-with-its-verb",
        "increment-noun",
        "heading-list",
        "heading-value-added-is-no-verb",
        "raised-object",
        "raised-to-a-level",
        "lowered-object-is-relief",
        "listed-item-verb-is-no-change",
        "change-verb-then-distributing-adverb",
        "change-noun-after-a-word-of-pace",
        "change-verb-then-wei-is-a-level",
        "growth-noun-then-wei-is-the-change",
        "inflation-rate-is-a-growth-rate",
    ],
)
def test_change_words(text: str, figure: str, change: str | None) -> None:
    fig = next(f for f in cnews_ie.extract(text, ner=None).figures if f.text == figure)
    assert (fig.change.value if fig.change else None) == change
