"""Griffe extension for the API page (mkdocs.yml): read cnews_ie's docstrings as Markdown.

The docstrings are prose with bare doctest examples and a few Sphinx roles, which Markdown
would render as nested block quotes and literal ``:func:`` text.  This extension, applied to
each docstring when it is loaded, only changes what the site shows:

* a run of doctest lines (``>>>`` up to the next blank line) becomes a fenced ``pycon`` block;
* ``:func:`x```, ``:class:`~a.b.C``` and the like become cross-references ``[`x`][x]``
  (the ``~`` form shows only the last name).  A target that is not on the site fails the
  strict build, so references must be full paths (``cnews_ie.parse_figure``).

Not part of the package; loaded by path from mkdocs.yml.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|attr|mod|data|exc|obj):`(~?)([\w.]+)`")


def _reference(match: re.Match[str]) -> str:
    short, target = match.group(1), match.group(2)
    title = target.rsplit(".", 1)[-1] if short else target
    return f"[`{title}`][{target}]"


def _fence_doctests(text: str) -> str:
    out: list[str] = []
    in_example = False
    in_fence = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
        if not in_fence and not in_example and stripped.startswith(">>>"):
            out.append("```pycon")
            in_example = True
        elif in_example and not stripped:
            out.append("```")
            in_example = False
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


def markdown_docstring(text: str) -> str:
    """The docstring ``text`` with doctests fenced and Sphinx roles turned into references."""
    fenced = _fence_doctests(text)
    parts = re.split(r"(```pycon\n.*?\n```)", fenced, flags=re.DOTALL)
    return "".join(
        part if part.startswith("```pycon") else _ROLE.sub(_reference, part) for part in parts
    )


class DoctestFences(griffe.Extension):
    """Rewrite every docstring with :func:`markdown_docstring` as it is loaded."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown_docstring(obj.docstring.value)
