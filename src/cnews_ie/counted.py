"""The noun a count stands before (``metric:counted`` in ``link.py``): 出台85条政策措施 →
政策措施, read over the stored jieba words; a one-character classifier inside it stays
(改建4栋丙类仓库 → 丙类仓库, 服务类项目)."""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.patterns import METRIC_WORD
from cnews_ie.work import Token

__all__ = ["counted_metric"]

_NAME_POS = ("nr", "ns", "nt")
_COUNTED_POS = ("n", "vn", "j", "b", "l", "eng", "a")
_MAX_COUNTED = 12


def _inner_classifier(token: Token) -> bool:
    """A one-character classifier inside a counted noun (丙/类/仓库, 产业/类/项目)."""
    return token.pos.startswith("q") and len(token.word) == 1


def counted_metric(text: str, lo: int, hi: int, words: Sequence[Token]) -> tuple[str, int] | None:
    """The noun a count stands before (出台85条政策措施 → 政策措施): its words after text[lo],
    up to the first word that is no noun, inside text[lo:hi] (``metric:counted``)."""
    taken: list[Token] = []
    for token in words:
        if token.start < lo:
            continue
        if (
            token.end > hi
            or not (
                token.pos.startswith(_COUNTED_POS)
                or (taken and (token.pos == "f" or _inner_classifier(token)))
            )
            or token.pos.startswith(_NAME_POS)
            or not METRIC_WORD.fullmatch(token.word)
        ):
            break
        if token.end - lo > _MAX_COUNTED:
            break
        taken.append(token)
    while taken and (taken[-1].pos == "f" or _inner_classifier(taken[-1])):
        taken.pop()  # 30家企业中: a localiser inside the noun (规上企业), not after it
    if not taken or taken[0].start != lo or taken[-1].end - lo < 2:
        return None  # 126个省列重大项目: one character is a cut word, not a noun
    return text[lo : taken[-1].end], lo
