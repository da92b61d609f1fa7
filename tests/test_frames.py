"""DataFrames: dtypes, every kind at once, exact round trips through Parquet and CSV, and
``extract_many(n_jobs=...)`` giving the serial results."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import cnews_ie
from cnews_ie.backends.jieba_backend import JiebaBackend
from cnews_ie.frame import COLUMNS, arrow_schema

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_docs() -> list[cnews_ie.Document]:
    return list(cnews_ie.extract_many(p.read_text(encoding="utf-8") for p in SEEDS))


@pytest.mark.parametrize("decimal", [True, False], ids=["decimal", "float"])
@pytest.mark.parametrize("suffix", ["parquet", "csv"])
@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_frames_round_trip_exactly(
    seed_docs: list[cnews_ie.Document], kind: str, suffix: str, decimal: bool, tmp_path: Path
) -> None:
    frame = cnews_ie.to_frame(seed_docs, kind, decimal=decimal)
    assert len(frame) > 0
    path = tmp_path / f"frame.{suffix}"
    if suffix == "parquet":
        frame.to_parquet(path)
    else:
        frame.to_csv(path, index=False)
    pd.testing.assert_frame_equal(cnews_ie.read_frame(path, kind, decimal=decimal), frame)


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_an_empty_frame_has_the_same_dtypes(kind: str, tmp_path: Path) -> None:
    empty = cnews_ie.to_frame([], kind)
    some = cnews_ie.to_frame(cnews_ie.extract("市委书记王方太说，产值170亿元，增长55%。"), kind)
    assert dict(empty.dtypes.astype(str)) == dict(some.dtypes.astype(str))
    empty.to_parquet(tmp_path / "empty.parquet")
    pd.testing.assert_frame_equal(cnews_ie.read_frame(tmp_path / "empty.parquet", kind), empty)


def test_dtypes_and_exact_values(seed_docs: list[cnews_ie.Document]) -> None:
    frame = cnews_ie.to_frame(seed_docs, "figures")
    assert str(frame["start"].dtype) == "Int64"
    assert frame["value"].map(type).eq(Decimal).all()
    assert frame.loc[frame["text"] == "620.06亿元", "value"].tolist() == [Decimal("62006000000")]
    # enumerations carry their full set of values, so frames concatenate as categoricals
    assert list(frame["kind"].cat.categories) == [str(k) for k in cnews_ie.FigureKind]
    both = pd.concat([frame.iloc[:3], frame.iloc[3:]])
    assert isinstance(both["kind"].dtype, pd.CategoricalDtype)
    # empty text is missing, as a CSV would read it: a bare number has no unit
    bare = cnews_ie.to_frame(cnews_ie.extract("平台日均处理量达1.5万", ner=None))
    assert bare["unit"].isna().all()


def test_every_fact_kind_in_one_table(seed_docs: list[cnews_ie.Document]) -> None:
    frame = cnews_ie.to_frame(seed_docs, "all")
    assert list(frame.columns) == list(COLUMNS["all"])
    assert set(frame["record"]) == {"figure", "person", "organization", "location", "project"}
    for record, kind in (("figure", "figures"), ("person", "people"), ("project", "projects")):
        assert (frame["record"] == record).sum() == len(cnews_ie.to_frame(seed_docs, kind))
    first = frame[frame["doc"] == 0]
    assert first["start"].is_monotonic_increasing
    person = frame[(frame["record"] == "person") & (frame["text"] == "王方太")].iloc[0]
    assert "书记" in person["titles"]
    assert pd.isna(person["value"])


def test_read_frame_says_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.parquet or \.csv"):
        cnews_ie.read_frame(tmp_path / "facts.xlsx", "figures")
    path = tmp_path / "people.csv"
    cnews_ie.to_frame([], "people").to_csv(path, index=False)
    with pytest.raises(ValueError, match="lacks the column"):
        cnews_ie.read_frame(path, "figures")
    with pytest.raises(ValueError, match="unknown record kind"):
        cnews_ie.read_frame(path, "persons")


def test_extract_frame_keeps_a_series_index_as_document_ids() -> None:
    texts = pd.Series(["产值170亿元。", "无数字。", "增长55%。"], index=["a", "b", "c"])
    frame = cnews_ie.extract_frame(texts, "figures", ner=None)
    assert frame["doc"].tolist() == ["a", "c"]
    assert list(frame.columns) == list(COLUMNS["figures"])
    assert cnews_ie.extract_frame(["产值170亿元。"], "figures", ner=None)["doc"].tolist() == [0]


def test_arrow_schema_matches_the_frames() -> None:
    schema = arrow_schema("figures")
    assert schema.names == list(COLUMNS["figures"])
    assert str(schema.field("value").type) == "decimal128(38, 12)"


@pytest.mark.slow  # a process pool
def test_parallel_extract_many_equals_serial() -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS] * 2 + ["", "产值170亿元。"]
    serial = list(cnews_ie.extract_many(texts))
    extractor = cnews_ie.Extractor(batch_chars=5_000)  # several batches per worker
    assert list(extractor.extract_many(iter(texts), n_jobs=2)) == serial


def test_parallel_extract_many_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="n_jobs"):
        cnews_ie.extract_many(["x"], n_jobs=0)
    with pytest.raises(TypeError, match="not bytes"):
        list(cnews_ie.extract_many(["产值", b"bytes"], n_jobs=2, ner=None))  # type: ignore[list-item]

    class Unpicklable(JiebaBackend):
        def __reduce__(self) -> str | tuple[object, ...]:
            raise TypeError("cannot pickle")

    with pytest.raises(TypeError, match="name or a model path"):
        list(cnews_ie.Extractor(Unpicklable()).extract_many(["产值"], n_jobs=2))
