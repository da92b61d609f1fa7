"""tools/mine_person_names.py on a small corpus of invented sentences: a name is kept by its
association with titles, whole (not cut short, not run into the verb after it), and a common
word that a title happens to touch is not."""

from __future__ import annotations

from pathlib import Path

from cnews_ie.lexicons import table
from scripts import load_script, write_corpus

TOOL = load_script("tools/mine_person_names.py")

# 韩文强 follows a title in every document; 高度 follows one once and is written far more often
# elsewhere; 韩文强 is followed by verbs (出席, 表示), never by one given-name character
_DOCUMENTS = [
    "省长韩文强出席会议并讲话，强调要高度重视安全生产。",
    "会上，副省长韩文强表示，各地要高度重视防汛工作。",
    "书记高度重视此事，韩文强随即赶赴现场，高度关注灾情。",
    "高度警惕风险，高度负责，高度自觉，这是一种高度的责任感。",
]


def test_miner_keeps_whole_names_by_association(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, _DOCUMENTS, 10)
    names = {name: (contexts, written) for name, contexts, written in TOOL.mine([corpus], 5, 0.1)}
    assert names == {"韩文强": (20, 30)}


def test_function_words_and_common_words_are_no_names() -> None:
    assert TOOL._function_start("和专家")
    assert TOOL._words_only("纪念设施")
    assert TOOL._ends_with_verb("韩文强摄")
    assert not TOOL._function_start("韩文强")


def test_shipped_names_are_well_formed() -> None:
    rows = table("person_names", 3)
    assert len(rows) > 100
    for name, contexts, written in rows:
        assert 2 <= len(name) <= 4, name
        assert 0 < int(contexts) <= int(written), name
