"""What linking decides for one figure (``Link``), and the figures with it written in
(``linked_figures``): the record ``link.link_figures`` fills, rule by rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cnews_ie.records import Change, Figure

__all__ = ["Link", "linked_figures", "metric_rule"]


@dataclass(frozen=True, slots=True)
class Link:
    """A figure's metric (and where it starts), subject, period, base and the rules behind them."""

    metric: str | None = None
    metric_start: int = -1
    subject: str | None = None
    period: str | None = None
    base: int | None = None  # index of the base figure in the list given to link_figures
    links: tuple[str, ...] = ()


def metric_rule(rules: list[str], name: str) -> list[str]:
    """``rules`` with ``metric:name`` in place of any metric rule before it."""
    return [r for r in rules if not r.startswith("metric:")] + [f"metric:{name}"]


def linked_figures(
    figures: Sequence[Figure], links: Sequence[Link], changed: Mapping[int, Change]
) -> list[Figure]:
    """``figures`` with their ``links`` written in, and the change of its list (``changed``: a
    figure's index → the change, rule ``change:list``) where the figure states none."""
    linked: list[Figure] = []
    for k, (fig, link) in enumerate(zip(figures, links, strict=True)):
        listed = changed.get(k)
        linked.append(
            Figure(
                fig.text, fig.start, fig.end, fig.value, fig.unit, fig.kind, fig.value_max,
                fig.approx, fig.change if listed is None else listed, fig.rule, link.metric,
                link.subject, link.period, None if link.base is None else linked[link.base],
                link.links if listed is None else (*link.links, "change:list"),
            )
        )  # fmt: skip
    return linked
