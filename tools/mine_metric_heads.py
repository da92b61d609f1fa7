"""Mine the head nouns of indicators from raw news, for ``resources/indicator_heads.tsv``.

What a figure measures is written as a noun phrase right before it or before the light or
change verb that introduces it (产量120万吨, 发电量达到86亿千瓦时, 存款余额增长8%, 期限为18个月).
A noun that ends such a phrase far more often than chance says is an indicator head, whether
or not anyone listed it; a noun that is often written but seldom there (企业, 工作, 经济) is not.
So the heads are found by association, not by frequency:

* every document of the files given (``../shared/rawnews``; NFKC-normalised, as the
  extractor's matching view reads full-width digits) is segmented by the library's own
  segmenter (``cnews_ie.backends.jieba_backend.tagged_words``: jieba's dictionary words and
  their dictionary POS); documents with no figure are skipped;
* a figure is an Arabic number that ``patterns.FIGURE`` reads with a magnitude or a unit other
  than a calendar one (年, 月, 日, 时, 号, 周: dates, times and anniversaries are no values);
* before a figure, up to ``MAX_BRIDGE`` words that introduce it are skipped: the function
  words of roles ``introduces_figure``, ``reaches`` and ``modal`` (为, 达到, 累计, 至, 有望 …),
  the change words of ``changes.tsv`` (增长, 下降 …), adverbs (tag ``d``) and ``了``; the
  common noun or verbal noun then reached (tag ``n``, ``nz``, ``vn``, ``an``; no name of a
  person, place or body: ``nr``, ``ns``, ``nt``) is a *head before a figure*, and with the
  noun right before it a *compound* (存续 + 期限); not where a comparison word (roles
  ``compares``, ``outpaces``: 比, 高于) stands before the head and its modifiers
  (高于全国平均水平2个百分点: a reference), nor a word that closes an aside (role
  ``closes_aside``: 按可比价格计算);
* a word the dictionary tags as a verb is read as a noun after a noun or 的 (营业/收入,
  钢铁/产能), and is a head only where a word of role ``introduces_figure`` or a change word
  follows it, no adverb or particle (营业收入增长8%; not 全市新增120家, a verb and its count,
  nor 压缩至, 逮捕了);
* every noun and verbal noun of two characters or more, and every such verb after a noun or
  的, is counted where written (in the documents read), and every pair of adjacent ones;
* no subject word (``subjects.tsv``: 全市, 全省), no word holding an earlier period (role
  ``earlier_period``: 去年同期), none ending with a change word (价格下降) and none that is a
  kept head with a one-character word that introduces figures fused onto it (全长约, 深达) is a
  head;
* a head is kept when it is written before a figure at least ``--min-before`` times, in at
  least ``--min-docs`` documents, with a lift of at least ``--min-lift``: the lower end of the
  95 % Wilson interval of the share of its occurrences that stand before a figure, over that
  share for all nouns (association, not frequency); a compound is kept under the same
  thresholds (against the pairs' base rate) where its head is not.

Deterministic: the documents are read in file order (``--every N`` reads every N-th, for a
quick subsample), the rows are sorted by lift, then count, then word.  The output (with its
header) replaces ``src/cnews_ie/resources/indicator_heads.tsv``::

    nice python tools/mine_metric_heads.py ../shared/rawnews/*.txt.xz \\
        > src/cnews_ie/resources/indicator_heads.tsv

(about a minute and a half on one core for all 92,000 documents; ``--every 10`` takes ten
seconds).  Only raw news is read: never the development or evaluation sets.
"""

from __future__ import annotations

import argparse
import lzma
import re
import sys
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from math import sqrt
from pathlib import Path
from typing import NamedTuple

from cnews_ie.backends.jieba_backend import tagged_words
from cnews_ie.lexicons import role_words, table
from cnews_ie.patterns import FIGURE
from cnews_ie.subjects import subject_words

MAX_BRIDGE = 3  # words between the head and the figure: 同比/增长/了, 累计/达到
_DIGIT = re.compile(r"(?<![0-9.,])[0-9]")
_CALENDAR = frozenset("年月日时号周")
_HEAD_POS = ("n", "nz", "vn", "an")
_NAME_POS = ("nr", "ns", "nt")
_NOUN_CHARS = re.compile(r"[\u4e00-\u9fff]{2,}")


def _documents(paths: list[Path], every: int) -> Iterator[str]:
    for path in paths:
        with lzma.open(path, "rt", encoding="utf-8") as f:
            for k, line in enumerate(f):
                if k % every == 0:
                    yield unicodedata.normalize("NFKC", line.rstrip("\n"))


def _figure_starts(doc: str) -> list[int]:
    """Where the Arabic figures of ``doc`` that measure something start."""
    starts = []
    for d in _DIGIT.finditer(doc):
        m = FIGURE.match(doc, d.start())
        if m is None:
            continue
        unit = m.group("unit") or ""
        if unit[:1] in _CALENDAR or not (unit or m.group("scale")):
            continue
        starts.append(d.start())
    return starts


def _noun(word: str, pos: str) -> bool:
    return (
        pos.startswith(_HEAD_POS)
        and not pos.startswith(_NAME_POS)
        and _NOUN_CHARS.fullmatch(word) is not None
    )


def _excluded(word: str) -> bool:
    """A subject word, an earlier period or a noun fused with a change word: no head."""
    changes = [w for w, _ in table("changes", 2) if len(w) > 1]
    return (
        word in subject_words()
        or any(p in word for p in role_words("earlier_period") if len(p) > 1)
        or word.endswith(tuple(changes))
    )


class Counts(NamedTuple):
    """What the corpus says of each noun and pair of nouns."""

    before: Counter[str]  # heads written before a figure
    pairs_before: Counter[str]  # compounds written before a figure
    written: Counter[str]  # nouns written anywhere (in documents with a figure)
    pairs_written: Counter[str]  # pairs of adjacent nouns written anywhere
    documents: dict[str, set[int]]  # the documents where each is written before a figure
    read: int


def mine(paths: list[Path], every: int) -> Counts:
    """Count the nouns (and pairs of nouns) before a figure and everywhere in ``paths``."""
    introduce = role_words("introduces_figure") | frozenset(row[0] for row in table("changes", 2))
    bridge = introduce | role_words("reaches") | role_words("modal") | {"了"}
    compares = role_words("compares") | role_words("outpaces")
    attributive, asides = role_words("attributive"), role_words("closes_aside")
    counts = Counts(Counter(), Counter(), Counter(), Counter(), {}, 0)
    read = 0
    for read, doc in enumerate(_documents(paths, every), 1):
        figures = _figure_starts(doc)
        if not figures:
            continue  # a document with no figure says nothing of what stands before one
        tokens = tagged_words(doc)
        nouns = [_noun(word, pos) for word, pos in tokens]
        # 营业/收入/v, 钢铁/产能/v: a word the dictionary tags as a verb, used as a noun
        verbal = [
            pos == "v"
            and k > 0
            and (nouns[k - 1] or tokens[k - 1][0] in attributive)
            and word not in bridge
            and _NOUN_CHARS.fullmatch(word) is not None
            for k, (word, pos) in enumerate(tokens)
        ]
        ends, at = [], 0
        for k, (word, _) in enumerate(tokens):
            at += len(word)
            ends.append(at)
            if nouns[k] or verbal[k]:
                counts.written[word] += 1
                if k and nouns[k - 1]:
                    counts.pairs_written[tokens[k - 1][0] + word] += 1
        for start in figures:
            k = bisect_right(ends, start) - 1  # the last word that ends at or before the figure
            if k < 0 or ends[k] != start:
                continue
            skipped, introduced = 0, False
            while (
                k >= 0 and skipped < MAX_BRIDGE and (tokens[k][0] in bridge or tokens[k][1] == "d")
            ):
                word, pos = tokens[k]
                introduced = introduced or (word in introduce and not pos.startswith(("d", "u")))
                k, skipped = k - 1, skipped + 1
            if k < 0 or not (nouns[k] or (verbal[k] and introduced)):
                continue  # a verbal head only before a verb that introduces the figure
            if tokens[k][0] in asides:
                continue  # 按可比价格计算: the end of an aside
            j = k - 1  # the words that modify the head: 全国/平均水平
            while j >= 0 and k - j <= MAX_BRIDGE and tokens[j][1].startswith(("n", "vn", "a", "b")):
                j -= 1
            if j >= 0 and tokens[j][0] in compares:
                continue  # 高于全国平均水平2个百分点: the reference of a comparison, no indicator
            word = tokens[k][0]
            counts.before[word] += 1
            counts.documents.setdefault(word, set()).add(read)
            if k and nouns[k - 1] and tokens[k - 1][0] not in bridge:
                pair = tokens[k - 1][0] + word
                counts.pairs_before[pair] += 1
                counts.documents.setdefault(pair, set()).add(read)
    return counts._replace(read=read)


def _lift(before: int, written: int, base: float) -> float:
    """How many times the base rate a word's share before a figure is, at least: the lower end
    of the Wilson interval (95 %) of before / written, over the base rate."""
    z, p = 1.96, before / written
    centre = p + z * z / (2 * written)
    margin = z * sqrt(p * (1 - p) / written + z * z / (4 * written * written))
    return (centre - margin) / (1 + z * z / written) / base


def rows(counts: Counts, min_before: int, min_docs: int, min_lift: float) -> list[tuple]:
    """The kept heads, then the kept compounds whose head is not kept, as
    (lift, before, written, word, kind), by lift, then count, then word."""
    fused = {w for w in role_words("introduces_figure") if len(w) == 1}
    out: list[tuple[float, int, int, str, str]] = []
    kept: set[str] = set()
    for kind, before, written in (
        ("head", counts.before, counts.written),
        ("compound", counts.pairs_before, counts.pairs_written),
    ):
        base = sum(before.values()) / sum(written.values())
        found = []
        for word, count in before.items():
            if count < min_before or len(counts.documents[word]) < min_docs or _excluded(word):
                continue
            lift = _lift(count, written[word], base)
            if lift >= min_lift and not any(word.endswith(w) for w in kept):
                found.append((lift, count, written[word], word, kind))
        words = {r[3] for r in found}
        # 全长约, 深达: a kept head with a word that introduces figures fused onto it
        found = [r for r in found if not (r[3][-1] in fused and r[3][:-1].endswith(tuple(words)))]
        kept |= {r[3] for r in found}
        out += found
    return sorted(out, key=lambda r: (-r[0], -r[1], r[3]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--every", type=int, default=1, help="read every N-th document")
    parser.add_argument("--min-before", type=int, default=20)
    parser.add_argument("--min-docs", type=int, default=10)
    parser.add_argument("--min-lift", type=float, default=3.0)
    args = parser.parse_args()
    counts = mine(args.files, args.every)
    kept = rows(counts, args.min_before, args.min_docs, args.min_lift)
    names = " ".join(p.name for p in args.files)
    base = sum(counts.before.values()) / sum(counts.written.values())
    sys.stdout.write(
        "# Indicator heads mined from raw news by tools/mine_metric_heads.py (do not edit by\n"
        f"# hand; rerun it): {names}, every {args.every}. document, {counts.read} read.  A head\n"
        "# is a noun (or a verbal noun, or a verb used as a noun: 营业/收入) written right\n"
        "# before a figure or before the light or change verbs that introduce it (产量120万吨,\n"
        "# 余额增长8%); a compound is the noun before it and the head.  lift: the share of a\n"
        "# word's occurrences that stand there\n"
        "# (the lower end of its 95% Wilson interval) over the share of all nouns'\n"
        f"# ({base:.4f}): association, not frequency.  Kept: before a figure >= {args.min_before}\n"
        f"# times in >= {args.min_docs} documents, lift >= {args.min_lift}; a compound only where\n"
        "# its head is not kept.\n"
        "# head\tkind\tbefore\twritten\tlift\n"
    )
    for lift, count, written, word, kind in kept:
        sys.stdout.write(f"{word}\t{kind}\t{count}\t{written}\t{lift:.1f}\n")


if __name__ == "__main__":
    main()
