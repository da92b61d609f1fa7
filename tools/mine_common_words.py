"""Mine the words that jieba's dictionary tags as names but People's Daily 1998 writes as common
words, for ``resources/common_words.tsv``.

jieba tags some common words as place or other names (太阳, 内河 are ``ns`` in its dictionary);
the PKU People's Daily corpus (January 1998, hand-tagged) shows how news uses them.  Printed
rows (``word``, ``pos``, ``count``): each word of two or more Chinese characters that jieba tags
with a name tag (``ns``, ``nr``, ``nz``, ``nt``, ``s``) and that the corpus tags with a
common-word tag (noun, verb, adjective, adverb …) in ``--share`` of its uses or more; ``pos`` is
the corpus's most frequent tag, ``count`` the number of uses.  Run once; the output replaces
the resource's data rows::

    python tools/mine_common_words.py ../shared/corpora/pd1998/train.pos.txt
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

import jieba.posseg

_HAN = re.compile("[\u4e00-\u9fff]{2,}")
NAME_TAGS = frozenset({"ns", "nr", "nz", "nt", "s"})
# the corpus's tags of common words: nouns, verbs, adjectives, adverbs, distinguishing words,
# idioms and fixed phrases, and their morphemes
COMMON_TAGS = frozenset(
    {"n", "v", "vn", "vd", "a", "an", "ad", "d", "b", "z", "i", "l", "ng", "vg", "ag"}
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--share", type=float, default=0.9)
    args = parser.parse_args()
    tags: defaultdict[str, Counter[str]] = defaultdict(Counter)
    with args.corpus.open(encoding="utf-8") as f:
        for line in f:
            for token in line.split():
                word, _, tag = token.rpartition("/")
                word = word.lstrip("[")
                if _HAN.fullmatch(word):
                    tags[word][tag.split("]")[0]] += 1
    jieba_tags = jieba.posseg.dt.word_tag_tab
    for word, counts in sorted(tags.items()):
        total = sum(counts.values())
        common = sum(n for tag, n in counts.items() if tag in COMMON_TAGS)
        if jieba_tags.get(word) in NAME_TAGS and common >= args.share * total:
            print(f"{word}\t{counts.most_common(1)[0][0]}\t{total}")


if __name__ == "__main__":
    main()
