"""Indicator heads learned from raw news (``resources/indicator_heads.tsv``, written by
``tools/mine_metric_heads.py``): common nouns that Chinese news writes right before a figure,
or before the verb that introduces it, far more often than elsewhere (期限, 票房, 吞吐量,
合格率).  They open the indicator vocabulary of ``metrics.tsv`` beyond the words listed by
hand, where a rule decides whether a noun before a figure is its indicator; ``metrics.tsv``
still gives the canonical names.  One look-up per distinct head length (:class:`WordSet`).
"""

from __future__ import annotations

from cnews_ie.lexicons import WordSet, lexicon_cache, table

__all__ = ["ends_with_mined_head", "is_mined_head"]


@lexicon_cache
def _heads() -> WordSet:
    return WordSet(row[0] for row in table("indicator_heads", 5))


def is_mined_head(word: str) -> bool:
    """Whether ``word`` is a mined indicator head (or compound).

    >>> is_mined_head("吞吐量"), is_mined_head("企业")
    (True, False)
    """
    return word in _heads()


def ends_with_mined_head(phrase: str) -> bool:
    """Whether ``phrase`` ends with a mined indicator head (港口货物吞吐量, 认股权证存续期限).

    >>> ends_with_mined_head("港口货物吞吐量"), ends_with_mined_head("引进企业")
    (True, False)
    """
    return _heads().longest_suffix(phrase) is not None
