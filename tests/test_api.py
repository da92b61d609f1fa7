"""The public surface: imports, types, errors."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import cnews_ie
from cnews_ie.frame import COLUMNS
from cnews_ie.work import Work


def _loaded_after(code: str, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has imported after running ``code``."""
    probe = f"{code}; import sys; print(','.join(m for m in {modules!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return [m for m in result.stdout.strip().split(",") if m]


def test_import_is_light() -> None:
    code = "import cnews_ie, cnews_ie.display; cnews_ie.extract('产值170亿元', ner=None)"
    assert _loaded_after(code, ("torch", "hanlp", "pandas", "matplotlib")) == []
    # jieba loads only to segment a sentence that holds a figure or a project
    code = "import cnews_ie; cnews_ie.extract('会议在京召开。', ner=None)"
    assert _loaded_after(code, ("torch", "hanlp", "pandas", "jieba", "matplotlib")) == []


def test_public_names_are_sorted_and_exist() -> None:
    assert cnews_ie.__all__ == sorted(cnews_ie.__all__)
    for name in cnews_ie.__all__:
        assert hasattr(cnews_ie, name)


@pytest.mark.parametrize("bad", [b"\xe4\xba\xbf", None, 12, 3.5, ["文本"]])
def test_extract_rejects_non_text(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        cnews_ie.extract(bad)  # type: ignore[arg-type]


def test_bytes_error_says_how_to_fix() -> None:
    with pytest.raises(TypeError, match="decode"):
        cnews_ie.extract(b"abc")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\u3000"])
def test_empty_text_gives_empty_document(text: str) -> None:
    doc = cnews_ie.extract(text)
    assert doc.text == text
    assert doc.people == ()
    assert doc.organizations == ()
    assert doc.locations == ()
    assert doc.figures == ()


def test_records_are_frozen_and_slotted() -> None:
    fig = cnews_ie.parse_figure("57亿元")
    with pytest.raises(AttributeError):
        fig.value = Decimal(1)  # type: ignore[misc]
    assert not hasattr(fig, "__dict__")


@pytest.mark.parametrize("text", ["2024年", "12345", "第六届", "世界500强", "", "增长", "3个月"])
def test_parse_figure_rejects_non_figures(text: str) -> None:
    with pytest.raises(cnews_ie.FigureParseError, match="figure"):
        cnews_ie.parse_figure(text)


def test_parse_figure_offsets_point_into_its_input() -> None:
    fig = cnews_ie.parse_figure("  约３至５亿元 ")
    assert fig.text == "约３至５亿元"
    assert (fig.start, fig.end) == (2, 8)
    assert (fig.value, fig.value_max) == (Decimal("300000000"), Decimal("500000000"))


def test_percentage_points_are_not_percent() -> None:
    fig = cnews_ie.parse_figure("0.5个百分点")
    assert fig.kind is cnews_ie.FigureKind.PERCENTAGE_POINT
    assert fig.unit == "个百分点"


def test_extract_many_is_lazy_and_ordered() -> None:
    docs = cnews_ie.extract_many(iter(["产值170亿元", "增长55%"]), ner=None)
    assert next(docs).figures[0].unit == "元"
    assert next(docs).figures[0].unit == "%"


def test_to_frame_columns_and_dtypes() -> None:
    docs = [
        cnews_ie.extract("产值170亿元，增长55%。", ner=None),
        cnews_ie.extract("签约项目5项。", ner=None),
    ]
    frame = cnews_ie.to_frame(docs, "figures")
    assert list(frame.columns) == list(COLUMNS["figures"])
    assert frame["doc"].tolist() == [0, 0, 1]
    assert frame["value"].tolist() == [Decimal("17000000000"), Decimal("55"), Decimal("5")]
    assert str(frame["kind"].dtype) == "category"
    floats = cnews_ie.to_frame(docs, "figures", decimal=False)
    assert floats["value"].dtype == "float64"


def test_documented_frame_columns_match_the_code() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "data-model.md").read_text(
        encoding="utf-8"
    )
    for kind, columns in COLUMNS.items():
        row = "| `" + kind + "` | " + ", ".join(f"`{c}`" for c in columns) + " |"
        assert row in doc, f"docs/data-model.md does not list the {kind} columns as the code does"


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_every_kind_flattens_to_its_columns(kind: str) -> None:
    doc = cnews_ie.extract(
        "2024年，全市实现地区生产总值620.06亿元，增长13.6%。市委书记王方太出席。"
    )
    frame = doc.to_frame(kind)
    assert list(frame.columns) == list(COLUMNS[kind])


def test_word_lists_are_extendable_at_run_time() -> None:
    text = "全垦区粮食产量12万吨，客货周转量指数为103。"
    before = cnews_ie.extract(text, ner=None).figures[0]
    assert before.subject is None
    cnews_ie.add_words(
        "subjects", [("全垦区",)]
    )  # a land reclamation area (垦区) of state farms: a real subject word
    after = cnews_ie.extract(text, ner=None).figures[0]
    assert (after.subject, after.metric) == ("全垦区", "粮食产量")
    with pytest.raises(ValueError, match="fields"):
        cnews_ie.add_words("metrics", [("营业总收入", "head")])
    with pytest.raises(ValueError, match=r"edit resources/units\.tsv"):
        cnews_ie.add_words("units", [("斤", "斤", "quantity", "1", "1")])
    with pytest.raises(ValueError, match="no word list"):
        cnews_ie.add_words("nonexistent", [("x",)])


def _drop_all_figures(work: Work) -> Work:
    work.figures = ()
    return work


def test_a_stage_of_ones_own_runs_where_it_is_inserted() -> None:
    extractor = cnews_ie.Extractor(ner=None)
    names = [name for name, _ in extractor.stages]
    assert names[:3] == ["repair", "normalize", "sentences"]
    extractor.add_stage("drop", _drop_all_figures, before="link")
    assert [name for name, _ in extractor.stages][names.index("link")] == "drop"
    assert extractor.extract("园区产值170亿元。").figures == ()
    # the default extractor is untouched
    assert cnews_ie.extract("园区产值170亿元。", ner=None).figures


def test_add_stage_names_what_is_wrong() -> None:
    extractor = cnews_ie.Extractor(ner=None)
    with pytest.raises(ValueError, match="no stage named 'figurez'"):
        extractor.add_stage("x", _drop_all_figures, after="figurez")
    with pytest.raises(TypeError, match="Work -> Work"):
        extractor.add_stage("x", "not a function")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not both"):
        extractor.add_stage("x", _drop_all_figures, after="figures", before="link")


def test_a_stage_must_return_the_work() -> None:
    extractor = cnews_ie.Extractor(ner=None)
    extractor.add_stage("forgets", lambda work: None, after="figures")  # type: ignore[arg-type,return-value]
    with pytest.raises(TypeError, match="'forgets' must return the Work"):
        extractor.extract("园区产值170亿元。")


def test_added_stages_do_not_travel_to_workers_silently() -> None:
    extractor = cnews_ie.Extractor(ner=None)
    extractor.add_stage("drop", _drop_all_figures, after="figures")
    with pytest.raises(ValueError, match="n_jobs=1"):
        list(extractor.extract_many(["园区产值170亿元。"], n_jobs=2))


def test_text_without_figures_or_project_heads_is_not_segmented() -> None:
    code = "import cnews_ie; cnews_ie.extract('全市上下团结一心，奋勇争先。', ner=None)"
    assert _loaded_after(code, ("jieba",)) == []


def test_segmentation_is_stored_once_per_sentence_that_needs_it() -> None:
    """Linking and projects read the segment stage's words: one segmentation per sentence."""
    from cnews_ie.backends import jieba_backend

    calls: list[str] = []
    original = jieba_backend.tagged_words

    def counting(fragment: str) -> list[tuple[str, str]]:
        calls.append(fragment)
        return original(fragment)

    seen: list[Work] = []

    def keep(work: Work) -> Work:
        seen.append(work)
        return work

    extractor = cnews_ie.Extractor(ner=None)
    extractor.add_stage("keep", keep)
    jieba_backend.tagged_words = counting
    try:
        doc = extractor.extract("全市地区生产总值620亿元，增长6%。天气晴好。金川铜冶炼项目开工。")
    finally:
        jieba_backend.tagged_words = original
    (work,) = seen
    assert sorted(work.tokens) == [0, 2]  # the sentence with neither is not segmented
    assert "".join(calls) == "全市地区生产总值620亿元，增长6%。金川铜冶炼项目开工。"
    assert doc.figures[1].metric == "地区生产总值"
