"""Mine name statistics from the People's Daily 1998 POS corpus for
``resources/name_characters.tsv``.

The corpus tags a Chinese name as a surname word and a given-name word, both ``nr``
(江/nr 泽民/nr), and a transliterated name as one ``nr`` word (叶利钦/nr).  Printed rows
(``character or word``, ``role``, ``count``):

* ``surname``: an ``nr`` word of one or two characters that another ``nr`` word follows and
  none precedes, seen ``--min-surname`` times or more (李, 欧阳);
* ``given_final``: the last character of a given name (an ``nr`` word of one or two characters
  after a surname), seen ``--min-given`` times or more (华 of 江华, 和 of 明和);
* ``transliteration``: a character of a one-word ``nr`` name of three characters or more,
  counted once per name, seen ``--min-transliteration`` times or more (斯, 尔, 阿).

Run once; the output replaces the resource's data rows::

    python tools/mine_name_characters.py ../shared/corpora/pd1998/train.pos.txt
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_HAN = re.compile("[\u4e00-\u9fff]+")


def _words(line: str) -> list[tuple[str, str]]:
    """(word, tag) pairs of one corpus line; brackets of compound words are dropped."""
    out = []
    for token in line.split():
        word, _, tag = token.rpartition("/")
        out.append((word.lstrip("["), tag.split("]")[0]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--min-surname", type=int, default=2)
    parser.add_argument("--min-given", type=int, default=5)
    parser.add_argument("--min-transliteration", type=int, default=5)
    args = parser.parse_args()
    surnames: Counter[str] = Counter()
    finals: Counter[str] = Counter()
    foreign: Counter[str] = Counter()
    with args.corpus.open(encoding="utf-8") as f:
        for line in f:
            words = _words(line)
            for i, (word, tag) in enumerate(words):
                if tag != "nr" or not _HAN.fullmatch(word):
                    continue
                before = i > 0 and words[i - 1][1] == "nr"
                after = i + 1 < len(words) and words[i + 1][1] == "nr"
                if after and not before and len(word) <= 2:
                    surnames[word] += 1
                elif before and not after and len(word) <= 2 and len(words[i - 1][0]) <= 2:
                    finals[word[-1]] += 1
                elif not before and not after and len(word) >= 3:
                    foreign.update(set(word))
    rows = [
        *((w, "surname", n) for w, n in surnames.most_common() if n >= args.min_surname),
        *((c, "given_final", n) for c, n in finals.most_common() if n >= args.min_given),
        *(
            (c, "transliteration", n)
            for c, n in foreign.most_common()
            if n >= args.min_transliteration
        ),
    ]
    for word, role, n in rows:
        print(f"{word}\t{role}\t{n}")


if __name__ == "__main__":
    main()
