"""Mine the names of persons that news writes with a title, for ``resources/person_names.tsv``.

The NER model learned its names from text of 1998; a person the news of later years names
every day (a head of state, a minister, a governor) may be a name it has never seen, and
written without a title (X + 在 + …, X + 强调) it finds nothing there.  News writes such a
person with a title often enough that the names are found by association:

* a **title context** is a post of ``resources/title_words.tsv`` (no form of address, honour,
  group label or mined label: 英雄 + 敬礼) right before a run of Chinese characters (国家主席 + X);
* a candidate is the two or three characters on the far side of the title, starting with a
  surname of ``resources/name_characters.tsv`` (single or double), and no word of jieba's
  dictionary with another part of speech than a name (高度, 金融 start with surnames too);
* a candidate is no name when one character, or any character that ends a given name or
  spells a foreign one (``name_characters.tsv``), follows ``EXTEND_SHARE`` or more of the
  places the corpus writes it (习近 + 平, 张志 + 强/刚/明, 梅德韦 + 杰夫: the name goes on), nor when it
  is that share or less of a shorter candidate's (汪洋 + 出席: the name ended before);
* a name is kept when it stands in ``--min-contexts`` title contexts or more and those are
  ``--share`` or more of all the places the corpus writes it (a common string that a title
  happens to touch is written far more often without one).

Printed rows (``name``, ``contexts``, ``written``): the number of title contexts and of all
occurrences in the corpus.  Deterministic; run once, the output replaces the resource's data
rows::

    python tools/mine_person_names.py ../shared/rawnews/*.txt.xz
"""

from __future__ import annotations

import argparse
import gzip
import lzma
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import jieba
import jieba.posseg

EXTEND_SHARE = 0.6  # a third character that follows this share of a two-character form's contexts
NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})  # jieba's tags of names
FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "d", "r"})  # 和 + 专家, 向 + 人民
FAMOUS_TAG = "nrfg"  # jieba's tag of a well-known full name (its surname may be rare: 习)
# title categories that name no post: a form of address, an honour (英雄 + 敬礼), a group label, a
# label mined from another corpus
NOT_POSTS = frozenset({"address", "honorific", "group", "mined"})
MAX_NAME = 4  # characters of a name (欧阳 + two, 马克龙)
_RESOURCES = Path(__file__).resolve().parents[1] / "src" / "cnews_ie" / "resources"


def _rows(name: str, columns: int) -> Iterator[list[str]]:
    for line in (_RESOURCES / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        yield line.split("\t")[:columns]


def _documents(paths: list[Path]) -> Iterator[str]:
    for path in paths:
        with lzma.open(path, "rt", encoding="utf-8") as handle:
            yield from (line.strip() for line in handle)


def _no_name_word(candidate: str) -> bool:
    """Whether jieba's dictionary lists ``candidate`` as a word that is no name."""
    tag = jieba.dt.FREQ.get(candidate) and jieba.posseg.dt.word_tag_tab.get(candidate)
    return bool(tag) and tag not in NAME_TAGS


def _function_start(candidate: str) -> bool:
    """Whether ``candidate`` opens with a function word (和 + 专家, 关于 + 加强: a title, then a
    list or a document's name)."""
    tags = jieba.posseg.dt.word_tag_tab
    return any(tags.get(candidate[:k]) in FUNCTION_TAGS for k in (1, 2) if k < len(candidate))


def _words_only(candidate: str) -> bool:
    """Whether jieba's dictionary tiles ``candidate`` with words of two characters or more that
    are no names (纪念 + 设施, 班子 + 建设)."""
    words = jieba.lcut(candidate, HMM=False)
    return all(len(word) >= 2 and _no_name_word(word) for word in words)


def _ends_with_verb(candidate: str) -> bool:
    """Whether ``candidate`` ends with a one-character verb (a photo credit: X + 摄)."""
    return (jieba.posseg.dt.word_tag_tab.get(candidate[-1]) or "").startswith("v")


def _training_places() -> frozenset[str]:
    """The strings the NER training corpora label as places or organisations and never as
    persons (乌克兰: news calls its president 乌克兰总统, and 代表 + 乌克兰 reads as a title)."""
    path = _RESOURCES.parent / "models" / "ner" / "lexicon.tsv.gz"
    categories: dict[str, set[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            word, category = line.rstrip("\n").split("\t")
            categories.setdefault(word, set()).add(category)
    return frozenset(
        word for word, found in categories.items() if found & {"8", "9"} and "7" not in found
    )


def mine(paths: list[Path], min_contexts: int, share: float) -> list[tuple[str, int, int]]:
    jieba.initialize()
    titles = sorted(
        {row[0] for row in _rows("title_words", 2) if row[1] not in NOT_POSTS},
        key=len,
        reverse=True,
    )
    surnames = {row[0] for row in _rows("name_characters", 3) if row[1] == "surname"}
    foreign = {row[0] for row in _rows("name_characters", 3) if row[1] == "transliteration"}
    places = _training_places()
    title = "|".join(map(re.escape, titles))
    after = re.compile(rf"(?:{title})([\u4e00-\u9fff]{{2,{MAX_NAME + 1}}})")
    contexts: Counter[str] = Counter()  # prefixes of the runs after a title, 2 to MAX_NAME + 1
    documents = list(_documents(paths))
    for text in documents:
        for match in after.finditer(text):
            run = match.group(1)
            for length in range(2, len(run) + 1):
                contexts[run[:length]] += 1
    runs = {run for run, count in contexts.items() if count >= min_contexts}
    firsts = {run[0] for run in runs}
    written: Counter[str] = Counter()
    continued: Counter[str] = Counter()  # written, then a character that goes on with a name
    goes_on = {row[0] for row in _rows("name_characters", 3) if row[1] != "surname"}
    for text in documents:
        for at, char in enumerate(text):
            if char in firsts:
                for length in range(2, MAX_NAME + 2):
                    gram = text[at : at + length]
                    if gram in runs:
                        written[gram] += 1
                        if text[at + length : at + length + 1] in goes_on:
                            continued[gram] += 1

    def shaped(name: str) -> bool:
        if name in places or _no_name_word(name) or _function_start(name) or _words_only(name):
            return False
        if _ends_with_verb(name):
            return False
        famous = jieba.posseg.dt.word_tag_tab.get(name) == FAMOUS_TAG
        return (
            famous
            or name[:1] in surnames
            or name[:2] in surnames
            or all(c in foreign for c in name)
        )

    kept = []
    for run in runs:
        extensions = [
            written[longer]
            for longer in runs
            if len(longer) == len(run) + 1 and longer.startswith(run)
        ]
        longest = max(extensions, default=0)
        if len(run) > MAX_NAME or max(longest, continued[run]) >= EXTEND_SHARE * written[run]:
            continue  # 习近 + 平, 梅德韦 + 杰夫: the name goes on
        if any(
            run[:k] in runs and written[run] < EXTEND_SHARE * written[run[:k]]
            for k in range(2, len(run))
        ):
            continue  # 汪洋 + 出席: the name ended before
        if shaped(run) and contexts[run] >= share * written[run]:
            kept.append((run, contexts[run], written[run]))
    return sorted(kept, key=lambda row: (-row[1], row[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--min-contexts", type=int, default=20)
    parser.add_argument("--share", type=float, default=0.1)
    args = parser.parse_args()
    for name, count, total in mine(args.paths, args.min_contexts, args.share):
        print(f"{name}\t{count}\t{total}")


if __name__ == "__main__":
    main()
