"""Rich display in notebooks: the text with its figures and entities highlighted (displaCy-like).

One colour per kind, a legend, and the layout's line breaks kept.  Overlapping spans are
resolved with the library's one overlap policy (``entities.filter_spans``).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from cnews_ie.entities import filter_spans

if TYPE_CHECKING:
    from cnews_ie.records import Document

__all__ = ["COLOURS", "document_html"]

COLOURS = {
    "figure": "#ffe08a",
    "person": "#aad7f5",
    "organization": "#c9b6f2",
    "location": "#b9e4b0",
    "project": "#f6c1a6",
}


def document_html(doc: Document, max_chars: int = 20_000) -> str:
    """HTML of ``doc.text`` (at most ``max_chars`` characters) with highlighted spans."""
    kinds = (
        ("figure", doc.figures),
        ("person", doc.people),
        ("organization", doc.organizations),
        ("location", doc.locations),
        ("project", doc.projects),
    )
    spans = [
        (kind, r.start, r.end) for kind, records in kinds for r in records if r.end <= max_chars
    ]
    parts = []
    at = 0
    text = doc.text[:max_chars]
    for kind, start, end in filter_spans(spans):
        parts.append(escape(text[at:start]))
        label = escape(kind)
        parts.append(
            f'<mark style="background:{COLOURS[kind]};padding:0 2px;border-radius:3px" '
            f'title="{label}">{escape(text[start:end])}<sub style="font-size:0.6em">{label}</sub></mark>'
        )
        at = end
    parts.append(escape(text[at:]))
    if len(doc.text) > max_chars:
        parts.append(f"… ({len(doc.text) - max_chars:,} more characters)")
    legend = " ".join(
        f'<span style="background:{colour};padding:0 4px;border-radius:3px">{escape(kind)}</span>'
        for kind, colour in COLOURS.items()
    )
    body = "".join(parts).replace("\n", "<br>")
    return f'<div class="cnews-ie"><div style="margin-bottom:6px">{legend}</div><div style="line-height:2">{body}</div></div>'
