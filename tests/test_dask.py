"""Scale-out on Dask (docs/scale-out.md): the documented recipe, run on Dask's local
multiprocessing scheduler over 1,000 real documents, gives the rows of the in-process run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cnews_ie

pytestmark = pytest.mark.slow  # Dask's multiprocessing scheduler over 1,000 documents

dd = pytest.importorskip("dask.dataframe", reason="the dask extra is part of .[test]")
pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[1]


def documents(n: int) -> list[str]:
    """``n`` distinct short documents of real news text: the golden passages, then the seed
    pages' sentences, alone and in runs of two and three."""
    texts: list[str] = []
    for name in (
        "figures_news.jsonl",
        "facts_news.jsonl",
        "links.jsonl",
        "projects.jsonl",
        "titles.jsonl",
    ):
        for line in (ROOT / "tests" / "golden" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    for page in sorted((ROOT / "seeds").glob("*.txt")):
        sentences = [
            s.text for s in cnews_ie.extract(page.read_text(encoding="utf-8"), ner=None).sentences
        ]
        texts.extend(sentences)
        for width in (2, 3, 4):
            texts.extend("".join(sentences[i : i + width]) for i in range(len(sentences)))
    texts = list(dict.fromkeys(texts))
    assert len(texts) >= n, f"only {len(texts)} distinct documents"
    return texts[:n]


def test_dask_on_the_local_scheduler_gives_the_in_process_rows(tmp_path: Path) -> None:
    frame = pd.DataFrame({"text": documents(1000)})
    expected = cnews_ie.extract_frame(frame["text"], "all")
    assert set(expected["record"]) == {"figure", "person", "organization", "location", "project"}

    texts = dd.from_pandas(frame, npartitions=4)["text"]
    meta = cnews_ie.extract_frame(pd.Series([], dtype="str"), "all")
    facts = texts.map_partitions(cnews_ie.extract_frame, "all", meta=meta)
    facts.to_parquet(
        tmp_path / "facts",
        write_index=False,
        schema=cnews_ie.frame.arrow_schema("all"),  # one schema for every part
        compute_kwargs={"scheduler": "processes", "num_workers": 2},
    )
    assert len(list((tmp_path / "facts").glob("*.parquet"))) == 4
    result = cnews_ie.read_frame(tmp_path / "facts", "all")
    pd.testing.assert_frame_equal(result, expected)
