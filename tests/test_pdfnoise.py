"""The PDF-layout transform of ``evaluate facts --pdf-noise``: seeded, lossless, offsets mapped."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cnews_ie.pdfnoise import noise_record, pdf_noise

TEXTS = st.text(alphabet=st.sampled_from("一二三亿元万%，。0123456789.\n　ab"), max_size=4000)
LAYOUT = re.compile(r"\n*(?:第 \d+ 页\n\n\f)?")  # what the transform may insert between characters
FACTS = Path(__file__).resolve().parents[2] / "shared" / "facts"


@settings(max_examples=60, deadline=None)
@given(TEXTS, st.integers(0, 10_000), st.data())
def test_mapped_spans_hold_the_same_characters(text: str, seed: int, data: st.DataObject) -> None:
    noised = pdf_noise(text, seed)
    assert len(noised.positions) == len(text)
    assert "".join(noised.text[p] for p in noised.positions) == text
    assert list(noised.positions) == sorted(set(noised.positions))
    # between two original characters (and after the last) only layout was inserted
    bounds = [*noised.positions, len(noised.text)]
    for before, after in pairwise(bounds):
        assert LAYOUT.fullmatch(noised.text[before + 1 : after])
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    a, b = noised.span(start, end)
    kept = set(noised.positions)
    assert "".join(c for i, c in enumerate(noised.text[a:b], a) if i in kept) == text[start:end]
    if end > start:  # the span starts and ends on the original's characters
        assert (noised.text[a], noised.text[b - 1]) == (text[start], text[end - 1])


@settings(max_examples=30, deadline=None)
@given(TEXTS, st.integers(0, 10_000))
def test_layout_is_that_of_a_pdf_text_layer(text: str, seed: int) -> None:
    noised = pdf_noise(text, seed)
    assert noised == pdf_noise(text, seed)  # seeded
    pages = noised.text.split("\f")
    for line in noised.text.replace("\f", "").split("\n"):
        assert len(line) <= 40  # wrapped at 20-40 characters
    assert all(len(page) <= 1700 + 40 * 3 + 20 for page in pages[:-1])
    if len(text.replace("\n", "")) > 2000:
        assert len(pages) > 1
        assert re.search(r"^第 \d+ 页$", noised.text, flags=re.MULTILINE)
    if len(text) > 100 and "\n" not in text:
        assert "\n\n" in noised.text


def test_noised_dev_records_keep_their_surfaces() -> None:
    # the gold files sit beside the checkout (a missing file fails test_facts_floors.py)
    for name in ("pages_dev", "passages_dev"):
        path = FACTS / f"{name}.jsonl"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                noisy = noise_record(record, seed=7)
                for figure, was in zip(noisy["figures"], record["figures"], strict=True):
                    assert noisy["text"][figure["start"] : figure["end"]] == figure["text"]
                    assert LAYOUT.sub("", figure["text"]) == was["text"]
