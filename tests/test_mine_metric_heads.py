"""tools/mine_metric_heads.py on a small corpus of invented sentences, and its output
``resources/indicator_heads.tsv``: heads are kept by association with the place before a
figure, not by how often they are written."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from cnews_ie.lexicons import table
from cnews_ie.mined_heads import ends_with_mined_head
from scripts import load_script, write_corpus

HAN = re.compile(r"[\u4e00-\u9fff]{2,}")


TOOL = load_script("tools/mine_metric_heads.py")

# 吞吐量 stands before a figure wherever it is written; 企业 is written far more often, mostly
# elsewhere; 年份 (a calendar unit) and 全市 (a subject word) are never heads
_DOCUMENTS = [
    "某港口去年货物吞吐量达到1.2亿吨，企业数量稳步增加，企业发展良好，企业信心增强。",
    "码头吞吐量增长8%，企业效益提升，企业创新活跃，全市企业协同发展。",
    "港区集装箱吞吐量为360万标准箱，全市共有企业120家，企业转型加快。",
    "企业座谈会召开，企业代表发言，企业家交流经验，2024年企业发展计划出台。",
    "公司营业收入增长8%，企业收入稳定，全市新增120家企业，全市新增企业数量可观。",
    "集团营业收入达到60亿元，全市新增就业岗位8000个，全市新增项目开工。",
]


def test_miner_keeps_heads_by_association(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, _DOCUMENTS, 3)
    counts = TOOL.mine([corpus], 1)
    assert counts.read == 18
    assert counts.written["企业"] > counts.written["吞吐量"]
    kept = {row[3] for row in TOOL.rows(counts, 3, 2, 2.0)}
    assert "吞吐量" in kept
    assert "企业" not in kept  # written more often, but seldom before a figure
    assert "全市" not in kept
    # 收入/v after a noun and before 增长 or 达到 is a noun; 新增/v before its count is a verb
    assert "收入" in kept
    assert "新增" not in kept
    assert TOOL.mine([corpus], 2).read == 9  # every other document


def test_miner_finds_most_listed_heads() -> None:
    """The mined heads end most of the names and heads listed by hand in metrics.tsv."""
    listed = [row[0] for row in table("metrics", 3) if row[1] in ("name", "head")]
    found = [name for name in listed if ends_with_mined_head(name)]
    assert len(found) >= 0.75 * len(listed), sorted(set(listed) - set(found))


def test_indicator_heads_are_mined_rows() -> None:
    """resources/indicator_heads.tsv is the miner's output: its header states the thresholds,
    every row meets them, and heads are Han words of two characters or more."""
    text = files("cnews_ie.resources").joinpath("indicator_heads.tsv").read_text(encoding="utf-8")
    header = " ".join(line for line in text.splitlines() if line.startswith("#"))
    found = re.search(r">= (\d+)\s+#? ?times in >= (\d+) documents, lift >= ([0-9.]+)", header)
    assert found, header
    min_before, min_lift = int(found.group(1)), float(found.group(3))
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len({row[0] for row in rows}) == len(rows) >= 200
    for word, kind, before, written, lift in rows:
        assert HAN.fullmatch(word), word
        assert kind in ("head", "compound"), word
        assert min_before <= int(before) <= int(written), word
        assert float(lift) >= min_lift, word
