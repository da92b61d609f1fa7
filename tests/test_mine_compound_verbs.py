"""tools/mine_compound_verbs.py on invented sentences, and its output
``resources/compound_nouns.tsv``: a verb and a noun are a compound where the pair stands where
a noun phrase does, not where a predicate does."""

from __future__ import annotations

from importlib.resources import files

from scripts import load_script

TOOL = load_script("tools/mine_compound_verbs.py")

# 示范项目 follows a classifier or 的 (a noun phrase); 实施制裁 follows an adverb or a pronoun
# (a predicate)
_DOCUMENTS = [
    "全市新增12个示范项目，其中3个示范项目已投产。",
    "园区的示范项目进展顺利，美方将实施制裁。",
    "对其实施制裁，各国已实施制裁。",
    "新建5个示范项目，28日实施制裁。",
]


def test_miner_keeps_pairs_where_a_noun_phrase_stands() -> None:
    counts = TOOL.mine(_DOCUMENTS * 2, 10_000)
    assert counts.read == 2 * sum(len(d) for d in _DOCUMENTS)
    assert counts.nominal["示范", "项目"] >= 6
    assert counts.predicate["实施", "制裁"] >= 4
    assert counts.nominal["实施", "制裁"] == 0  # 28日: a date, no classifier
    kept = {(verb, noun) for verb, noun, _, _ in TOOL.rows(counts)}
    assert ("示范", "项目") in kept
    assert ("实施", "制裁") not in kept
    assert TOOL.mine(_DOCUMENTS, 1).read == len(_DOCUMENTS[0])  # stops once enough is read


def test_compound_nouns_are_mined_rows() -> None:
    """resources/compound_nouns.tsv is the miner's output: every row meets its thresholds."""
    text = files("cnews_ie.resources").joinpath("compound_nouns.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len({(row[0], row[1]) for row in rows}) == len(rows) >= 100
    for verb, noun, nominal, predicate in rows:
        assert len(verb) >= 2, verb
        assert len(noun) >= 2, noun
        assert int(nominal) >= TOOL.MIN_NOMINAL, (verb, noun)
        assert int(nominal) >= TOOL.RATIO * int(predicate), (verb, noun)
