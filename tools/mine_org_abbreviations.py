"""Mine the abbreviations of organisation names from raw news, for
``resources/org_abbreviations.tsv``.

Chinese news shortens an organisation's name to a few of its characters, keeping one of its
head (工商银行 → 工行, 国家开发银行 → 国开行, 中国科学院 → 中科院, 发展和改革委员会 → 发改委).  Such a
short form is no dictionary word and the NER model often misses it.  A document that writes
the short form usually writes the full name too, so the pairs are found by association:

* a full name is a run of Chinese characters ending with a head of two characters or more of
  ``resources/org_suffixes.tsv`` (银行, 科学院, 委员会 …); at most ``MAX_PREFIX`` characters are
  read before the head;
* its candidate short forms are a character before the head, at most one more character of
  the name and the head's last character (or, for a head of three characters, its first: 科 of
  科学院), in the name's order, each but the head's starting a word of the name, and no
  substring of it (工行, 工商行 of 中国工商银行; not 商银, 国银 nor 工商银行);
* a candidate opens with no numeral (一学 of 第一中学) and is kept when it is written at the start
  of a word (jieba's segmentation: 加工行业 does not write 工行), outside such a name, in
  ``--min-docs`` documents or more that also write a name it shortens, and those are
  ``--share`` of all the documents that write it or more (上学 is a common word: most documents
  that write it name no school; a well-known short form is often written alone, so the share
  is a fifth); a form of two characters that ends one of three is left out (监会 of 证监会).

Printed rows (``abbreviation``, ``category``, ``together``, ``written``): the category of the
head (``org_suffixes.tsv``), the number of documents that write both and of those that write
the short form.  Run once; the output
replaces the resource's data rows::

    python tools/mine_org_abbreviations.py ../shared/rawnews/*.txt.xz
"""

from __future__ import annotations

import argparse
import lzma
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import jieba
import jieba.posseg

MAX_PREFIX = 8  # characters of a full name read before its head
_HAN = "\u4e00-\u9fff"


def _heads(path: Path) -> dict[str, str]:
    """The heads of two characters or more of ``org_suffixes.tsv`` and their category."""
    heads = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        head, category = line.split("\t")
        if len(head) >= 2:
            heads[head] = category
    return heads


def _documents(paths: list[Path]) -> Iterator[str]:
    for path in paths:
        with lzma.open(path, "rt", encoding="utf-8") as handle:
            yield from (line.strip() for line in handle)


_FUNCTION_TAGS = frozenset({"p", "c", "u", "r", "d", "uj", "ul", "v"})


@cache
def _word_starts(name: str) -> frozenset[int]:
    """Where the content words of ``name`` start (not a function word: 在, 了, 及), a long word
    tiled by the words inside it, left to right (jieba's search mode: 中国工商银行 → 中国, 工商,
    银行; 清华大学 → 清华, 大学)."""
    tags = jieba.posseg.dt.word_tag_tab
    starts, at = set(), 0
    for word in jieba.lcut(name, HMM=False):
        if tags.get(word) not in _FUNCTION_TAGS:
            starts.add(at)
        if len(word) >= 4:
            inner = [w for w in jieba.lcut_for_search(word, HMM=False) if len(w) < len(word)]
            k = 0
            while k < len(word):
                tile = max((w for w in inner if word.startswith(w, k)), key=len, default="")
                if tile:
                    starts.add(at + k)
                k += len(tile) or 1
        at += len(word)
    return frozenset(starts)


def _picks(form: str, name: str, prefix: int) -> list[int]:
    """Where the characters of ``form`` before the head are taken from in ``name`` (the
    first occurrence of each, in order)."""
    at, picks = 0, []
    for char in form[:-1]:
        k = name.find(char, at)
        if k < 0 or k >= prefix:
            break
        picks.append(k)
        at = k + 1
    return picks


def shortens(form: str, name: str, head: str) -> bool:
    """Whether ``form`` is a short form of ``name``: a character before the head, at most one
    more character of the name and the head's first or last character, in the name's order,
    and no substring of the name.

    >>> [shortens(f, "中国工商银行", "银行") for f in ("工行", "工商行", "商银", "工商银", "国银")]
    [True, False, False, False, False]
    >>> shortens("国开行", "国家开发银行", "银行"), shortens("中科院", "中国科学院", "科学院")
    (True, True)
    """
    prefix = len(name) - len(head)
    starts = _word_starts(name)
    if any(k not in starts for k in _picks(form, name, prefix)):
        return False  # 东所 of 广东…交易所: a character inside a word stands for nothing
    if jieba.posseg.dt.word_tag_tab.get(form[0]) == "m":
        return False  # 一学 of 第一中学: a school's number, no short form of its name
    ends = (head[-1], head[0]) if len(head) == 3 else (head[-1],)
    if form in name or len(form) not in (2, 3) or form[-1] not in ends:
        return False
    first = name.find(form[0], 0, prefix)
    last = len(name) - 1 if form[-1] == head[-1] else prefix
    if first < 0 or first >= last:
        return False
    return len(form) == 2 or form[1] in name[first + 1 : last]


def _forms_in(
    doc: str, heads: dict[str, str], names: re.Pattern[str], ends: re.Pattern[str]
) -> dict[str, str]:
    """The short forms written in ``doc`` (outside a full name) of the full names it writes,
    with the category of their head."""
    longest = max(map(len, heads))
    by_first: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    pieces, at = [], 0
    for m in names.finditer(doc):
        name = m.group()
        head = next(name[-n:] for n in range(min(longest, len(name)), 1, -1) if name[-n:] in heads)
        for char in set(name[: len(name) - len(head)]):
            by_first[char].append((name, head))  # the names a short form may start in
        pieces += [doc[at : m.start()], "\x00"]  # a short form inside a full name: no use
        at = m.end()
    if not by_first:
        return {}
    outside = "".join(pieces) + doc[at:]
    written = {g[-n:] for g in (m.group(1) for m in ends.finditer(outside)) for n in (2, 3)}
    forms: dict[str, str] = {}
    for form in written:
        for name, head in by_first.get(form[0], ()):
            if shortens(form, name, head):
                forms.setdefault(form, heads[head])
                break
    return forms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument(
        "--suffixes",
        type=Path,
        default=Path(__file__).parents[1] / "src/cnews_ie/resources/org_suffixes.tsv",
    )
    parser.add_argument("--min-docs", type=int, default=5)
    parser.add_argument("--share", type=float, default=0.2)
    args = parser.parse_args()
    heads = _heads(args.suffixes)
    alternation = "|".join(sorted(map(re.escape, heads), key=len, reverse=True))
    names = re.compile(f"[{_HAN}]{{1,{MAX_PREFIX}}}?(?:{alternation})")
    ends = re.compile(
        f"(?=([{_HAN}]{{1,2}}[{''.join({h[0] for h in heads} | {h[-1] for h in heads})}]))"
    )
    together: Counter[str] = Counter()
    for doc in _documents(args.corpus):
        together.update(_forms_in(doc, heads, names, ends).keys())
    candidates = [f for f, n in together.items() if n >= args.min_docs]
    # again, counting a form only where it starts a word (加工行业 does not write 工行)
    together, written = Counter[str](), Counter[str]()
    category: defaultdict[str, Counter[str]] = defaultdict(Counter)
    if candidates:
        pattern = re.compile("|".join(sorted(map(re.escape, candidates), key=len, reverse=True)))
        for doc in _documents(args.corpus):
            hits = [(m.start(), m.group()) for m in pattern.finditer(doc)]
            if not hits:
                continue
            starts, at = set(), 0
            for word in jieba.lcut(doc, HMM=False):
                starts.add(at)
                at += len(word)
            bounded = {form for start, form in hits if start in starts}
            written.update(bounded)
            for form, kind in _forms_in(doc, heads, names, ends).items():
                if form in bounded:
                    together[form] += 1
                    category[form][kind] += 1
    candidates = [f for f, n in together.items() if n >= args.min_docs]
    longer = [f for f in candidates if len(f) == 3]
    for form in sorted(candidates):
        if not written[form] or together[form] < args.share * written[form]:
            continue
        if len(form) == 2 and any(k.endswith(form) for k in longer):
            continue  # 监会 of 证监会, 银监会: part of a longer short form
        print(f"{form}\t{category[form].most_common(1)[0][0]}\t{together[form]}\t{written[form]}")


if __name__ == "__main__":
    main()
