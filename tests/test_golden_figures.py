"""Golden figure cases: every case of tests/golden/*.jsonl through ``cnews_ie.extract``.

figures.jsonl and not_figures.jsonl were written with the extractor; figures_news.jsonl was
written later, independently of the code, in the registers of real use (statistical
communiqués, work reports, project and company news, PDF noise).

A case passes when the figures found are exactly the annotated ones, in order, field by field.
Known failures are listed with their reason in tests/golden/known_failures.tsv and run as
strict xfails, so a fix shows up as an unexpected pass.
"""

from __future__ import annotations

from typing import Any

import pytest
from golden_cases import FIELDS, as_row, golden_params

import cnews_ie


def _check(case: dict[str, Any]) -> None:
    doc = cnews_ie.extract(case["text"], ner=None)
    found = [as_row(f) for f in doc.figures]
    expected = [{k: f.get(k) for k in FIELDS} for f in case["figures"]]
    assert found == expected
    for figure in doc.figures:
        assert doc.text[figure.start : figure.end] == figure.text


@pytest.mark.parametrize("case", golden_params("figures.jsonl"))
def test_figures(case: dict[str, Any]) -> None:
    _check(case)


@pytest.mark.parametrize("case", golden_params("figures_news.jsonl"))
def test_figures_news(case: dict[str, Any]) -> None:
    _check(case)


@pytest.mark.parametrize("case", golden_params("not_figures.jsonl"))
def test_not_figures(case: dict[str, Any]) -> None:
    _check(case)


@pytest.mark.parametrize("case", golden_params("not_figures_words.jsonl"))
def test_not_figures_words(case: dict[str, Any]) -> None:
    """One negative case per word of resources/ambiguity.tsv that no other case shows."""
    _check(case)
