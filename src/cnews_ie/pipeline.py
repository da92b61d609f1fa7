"""The ordered stages and the two entry points, ``extract`` and ``extract_many``.

raw text → clean (layout repair + offset map) → sentences → figures → Document.
Stages read the repaired text; every record leaving this module carries offsets into the
caller's text, converted here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cnews_ie.clean import Cleaned, clean
from cnews_ie.figures import find_figures
from cnews_ie.records import Document, Figure, Sentence

__all__ = ["extract", "extract_many"]


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(
            f"cnews_ie.extract() expects the text as str, not {type(text).__name__}"
            + ("; decode bytes first, e.g. data.decode('utf-8')" if isinstance(text, bytes | bytearray) else "")
        )
    return text


def _figures(text: str, cleaned: Cleaned) -> tuple[Figure, ...]:
    out = []
    for fig in find_figures(cleaned.text):
        start, end = cleaned.offsets.span(fig.start, fig.end)
        out.append(
            Figure(
                text=text[start:end],
                start=start,
                end=end,
                value=fig.value,
                unit=fig.unit,
                kind=fig.kind,
                value_max=fig.value_max,
                approx=fig.approx,
                change=fig.change,
                rule=fig.rule,
            )
        )
    out.sort(key=lambda f: (f.start, f.end))
    return tuple(out)


def extract(text: str) -> Document:
    """Extract everything cnews_ie knows how to find from one text.

    >>> doc = extract("2024年，全市实现地区生产总值620.06亿元，增长13.6%。")
    >>> [(f.text, f.value, f.unit) for f in doc.figures]
    [('620.06亿元', Decimal('62006000000'), '元'), ('13.6%', Decimal('13.6'), '%')]
    >>> doc.text[doc.figures[0].start:doc.figures[0].end]
    '620.06亿元'
    """
    text = _check_text(text)
    cleaned = clean(text)
    sentences = []
    from cnews_ie.sentences import split_sentences

    for s, e, role in split_sentences(cleaned.text, cleaned.blocks):
        start, end = cleaned.offsets.span(s, e)
        sentences.append(Sentence(cleaned.text[s:e], start, end, role))
    return Document(
        text=text,
        clean_text=cleaned.text,
        sentences=tuple(sentences),
        figures=_figures(text, cleaned),
    )


def extract_many(texts: Iterable[str]) -> Iterator[Document]:
    """Extract from each text of an iterable, lazily, one Document per text, in order."""
    for text in texts:
        yield extract(text)
