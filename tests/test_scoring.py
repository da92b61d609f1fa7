"""The §13 scorer (``cnews_ie.scoring``) on hand-made gold records and Documents."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cnews_ie.evaluate import main
from cnews_ie.records import (
    Change,
    Document,
    Figure,
    FigureKind,
    Location,
    Organization,
    Person,
    Project,
)
from cnews_ie.scoring import loose_match, match_spans, normalize_unit, score_documents

TEXT = "2024年，金昌市实现地区生产总值620.06亿元，同比增长6.3%，其中工业增加值80亿元。"


def _gold_figure(text: str, value: float, unit: str, **links: Any) -> dict[str, Any]:
    fields = dict.fromkeys(("metric", "subject", "period", "change", "of_figure"))
    start = TEXT.index(text)
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "value": value,
        "unit": unit,
        **fields,
        **links,
    }


GOLD: dict[str, Any] = {
    "id": "r1",
    "text": TEXT,
    "figures": [
        _gold_figure(
            "620.06亿元",
            62006000000,
            "元",
            metric="地区生产总值（现价）",
            subject="金昌市",
            period="2024年",
        ),
        _gold_figure(
            "6.3%",
            6.3,
            "％",
            metric="地区生产总值",
            period="2024年",
            change="increase",
            of_figure=0,
        ),
        _gold_figure("80亿元", 8000000000, "人民币元", metric="工业增加值"),
    ],
    "people": [{"name": "王 方", "title": "市委书记", "org": None}],
    "organizations": ["金昌市委"],
    "locations": ["金昌市"],
    "projects": [],
}


def _doc() -> Document:
    amount = Figure(
        "620.06亿元",
        17,
        26,
        Decimal("62006000000"),
        "元",
        FigureKind.MONEY,
        metric="全市地区生产总值",
        subject="金昌",
        period="2024年",
    )
    rate = Figure(
        "6.3%",
        30,
        34,
        Decimal("6.3"),
        "%",
        FigureKind.PERCENT,
        change=Change.INCREASE,
        metric="生产总值",
        period="2024年",
        base=amount,
    )
    wrong = Figure("80亿", 42, 45, Decimal("8000000000"), "", FigureKind.NUMBER)
    extra = Figure("2024年", 0, 5, Decimal(2024), "年", FigureKind.QUANTITY)
    return Document(
        TEXT,
        figures=(extra, amount, rate, wrong),
        people=(Person("王方", 0, 2, titles=("书记",)),),
        organizations=(Organization("金昌市委", 0, 4), Organization("全市", 0, 2)),
        locations=(Location("金昌市", 6, 9),),
        projects=(Project("金昌项目", 0, 4),),
    )


def test_scores_a_record_as_section_13_says() -> None:
    scores = score_documents([GOLD], [_doc()])
    # spans: the 2024年 prediction overlaps no gold figure (a false positive)
    assert scores.prf("span") == pytest.approx((0.75, 1.0, 6 / 7))
    # 80亿 is found but its unit is wrong: a miss and a false positive
    assert (scores.tp["value_unit"], scores.fp["value_unit"], scores.fn["value_unit"]) == (2, 2, 1)
    # 全市地区生产总值 ⊇ 地区生产总值 (gloss removed); 生产总值 is 4/6 of 地区生产总值; 工业增加值 unlinked
    assert (scores.right["metric"], scores.total["metric"]) == (2, 3)
    assert (scores.right["subject"], scores.total["subject"]) == (1, 1)  # 金昌 is 2/3 of 金昌市
    assert (scores.right["period"], scores.total["period"]) == (2, 2)
    assert (scores.right["change"], scores.total["change"]) == (1, 1)
    assert (scores.right["base"], scores.total["base"]) == (1, 1)
    assert scores.prf("people") == (1.0, 1.0, 1.0)  # the scorer removes ASCII spaces
    assert scores.prf("organizations") == pytest.approx((0.5, 1.0, 2 / 3))
    assert scores.prf("projects") == (0.0, 0.0, 0.0)
    assert (scores.right["titles"], scores.total["titles"]) == (1, 1)  # 书记 ⊂ 市委书记
    misses = "\n".join(scores.misses)
    assert (
        "r1  «80亿元» @42  value/unit  gold 8000000000 '人民币元' | pred «80亿» 8000000000 ''"
        in misses
    )
    assert "r1  «80亿元» @42  metric  gold «工业增加值» | pred ∅" in misses
    assert "r1  organizations false positive  «全市»" in misses
    assert "r1  figure false positive  «2024年» @0" in misses


def test_base_must_be_the_prediction_found_for_the_gold_base() -> None:
    doc = _doc()
    amount, rate = doc.figures[1], doc.figures[2]
    unlinked = Document(TEXT, figures=(amount, replace(rate, base=None)))
    scores = score_documents([GOLD], [unlinked])
    assert (scores.right["base"], scores.total["base"]) == (0, 1)
    assert (scores.right["metric"], scores.total["metric"]) == (2, 3)  # 80亿元 not found: unlinked


def test_accuracy_by_the_rule_that_set_each_link() -> None:
    extra, amount, rate, wrong = _doc().figures
    amount = replace(amount, links=("metric:phrase", "subject:before", "period:before"))
    rate = replace(
        rate, base=amount, links=("metric:phrase", "metric:from_base", "period:sentence")
    )
    scores = score_documents([GOLD], [Document(TEXT, figures=(extra, amount, rate, wrong))])
    # the last rule of a field is the one that set it; a field left empty is "none"
    assert dict(scores.rule_total) == {
        ("metric", "metric:phrase"): 1,
        ("metric", "metric:from_base"): 1,
        ("metric", "metric:none"): 1,
        ("subject", "subject:before"): 1,
        ("period", "period:before"): 1,
        ("period", "period:sentence"): 1,
    }
    assert scores.rule_right["metric", "metric:none"] == 0
    assert scores.rule_right["metric", "metric:from_base"] == 1  # 生产总值 ⊂ 地区生产总值
    assert "metric:from_base" in scores.rule_table()
    unfound = score_documents([GOLD], [Document(TEXT, figures=(extra,))])
    assert unfound.rule_total["metric", "metric:unfound"] == 3


def test_loose_match_needs_forty_percent() -> None:
    assert loose_match("增加值", "工业增加值")  # 3 of 5
    assert not loose_match("比重", "第一产业增加值占生产总值的比重")
    assert loose_match("（折合）", "（其他）")  # glosses removed on both sides: both empty


def test_units_and_spans() -> None:
    assert normalize_unit("人民币") == "元"
    assert normalize_unit("吨 / 年") == "吨/年"
    # each prediction is used once, in gold order
    assert match_spans([(0, 10), (2, 4)], [(3, 5)]) == [0, None]


def test_cli_scores_shared_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "dev.jsonl"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["facts", "--gold", str(gold), "--ner", "none", "-v"]) == 0
    out = capsys.readouterr().out
    assert "1 records  3 gold figures  ner=none" in out
    assert "value_unit" in out
    assert "people miss  «王方»" in out
    assert main(["facts", "--gold", str(gold), "--ner", "none", "--pdf-noise", "--seed", "3"]) == 0
    assert "pdf-noise seed 3" in capsys.readouterr().out
    assert main(["facts", "--gold", str(gold), "--ner", "none", "--by-rule"]) == 0
    out = capsys.readouterr().out
    assert "metric:phrase" in out
    assert TEXT[:8] not in out  # no text of the gold file is printed


def test_cli_keeps_the_project_facts_schema(capsys: pytest.CaptureFixture[str]) -> None:
    golden = Path(__file__).resolve().parent / "golden" / "facts_news.jsonl"
    assert main(["facts", "--gold", str(golden), "--pdf-noise"]) == 2
    assert "needs figure offsets" in capsys.readouterr().err
