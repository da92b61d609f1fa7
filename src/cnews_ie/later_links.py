"""The passes that run after each sentence's figures are linked (``link.link_figures``), in
order: each reads the figures linked so far and fixes a class of them that only the whole text,
a paragraph or the figures around them decide (docs/linking.md lists their rules).

``link`` (``stages.py``) calls :func:`later_links`; the order matters where a pass reads what an
earlier one set (a rate pairs with its amount before a rate gap reads the pair's indicator).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cnews_ie.anaphors import anaphor_subjects
from cnews_ie.bare_units import bare_units
from cnews_ie.company_subjects import company_subjects, report_issuers, with_issuers
from cnews_ie.directions import rate_metric_changes
from cnews_ie.explained import explained_figures
from cnews_ie.flows import flow_bases
from cnews_ie.levels import reached_levels
from cnews_ie.list_runs import list_metrics
from cnews_ie.metric_anaphors import metric_anaphors
from cnews_ie.metric_marks import balanced_metrics, balanced_subjects
from cnews_ie.pairs import paired_rates
from cnews_ie.paragraph_areas import paragraph_areas
from cnews_ie.parallels import (
    compared_values,
    converted_amounts,
    earlier_values,
    parallel_percents,
    period_parallels,
)
from cnews_ie.partners import partner_metrics
from cnews_ie.rate_gaps import rate_gaps
from cnews_ie.records import Figure
from cnews_ie.respective_subjects import respective_periods, respective_subjects
from cnews_ie.sector_owners import sector_owners
from cnews_ie.shared_rates import carried_rates, shared_rates
from cnews_ie.tables import RULE as TABLE_CELL
from cnews_ie.tables import link_cells
from cnews_ie.thresholds import threshold_classes
from cnews_ie.totals import named_totals
from cnews_ie.work import SentenceSpan, Work

__all__ = ["later_links"]


def later_links(
    work: Work,
    sentences: Sequence[tuple[int, SentenceSpan]],
    linked: Sequence[Figure],
    places: Sequence[tuple[int, int]],
    anaphors: Mapping[tuple[int, int], str],
) -> list[Figure]:
    """``linked`` after the passes that read more than a figure's own sentence (``anaphors``:
    the names 该基金, 这条线 refer back to, ``anaphors.anaphor_spans``; ``sentences``: those
    linking read, ``Work.linked``)."""
    text = work.repaired
    linked = respective_subjects(text, linked, list(places))  # 甲市和乙县分别增长…
    linked = respective_periods(text, linked)  # 2022年、2023年…分别增长…
    linked = explained_figures(text, linked, places)  # 2.8亿人！这是…的规模: 规模's
    # 某电气公布业绩，该公司实现营业收入…: the company its sentence named
    organizations = [
        (s.start, s.end) for s in work.kept if s.label == "ORG" and s.source != "outlet"
    ]
    body = [s for _, s in work.body()]
    issuers = report_issuers(text, work.body(), work.tokens)  # 某科技公布的财报显示
    organizations = with_issuers(organizations, issuers)
    linked = company_subjects(text, body, linked, organizations)
    linked = anaphor_subjects(text, linked, anaphors)  # 该基金…: the fund named before
    linked = paragraph_areas(text, body, linked)  # …占全县经济的三成: about 全县
    linked = sector_owners(text, body, linked)  # 建筑业完成投资…: about 建筑业
    linked = paired_rates(text, body, linked)  # 分别为A、B，增长x%、y%: in order
    linked = flow_bases(text, linked)  # 贷款增加…，同比多增…: of that flow
    linked = period_parallels(text, linked)  # …预期从3.2%下调至2.9%，明年从…: the same
    linked = reached_levels(text, linked)  # 增长12.5%至38.6亿元: of the level after it
    linked = list_metrics(text, linked)  # 排放量分别下降3.2%和2.8%: both
    linked = shared_rates(text, linked)  # 面积…，产量…，均增长2%: of both
    linked = parallel_percents(text, linked)  # …的2.1%，浙江为2.8%: the same share
    linked = metric_anaphors(text, linked)  # …达到62.5%，这一比例…: of the figure before
    linked = earlier_values(text, linked)  # …，上年同期录得亏损…: the same
    linked = converted_amounts(text, linked)  # …，按汇率计算为…: the same
    linked = compared_values(text, linked)  # …，高于去年同期的…: the same, then
    linked = threshold_classes(text, linked)  # 超10亿元的企业有14家: that class
    linked = rate_gaps(text, linked)  # 增长9.2%，增幅回落1.5个百分点: 增幅's
    linked = named_totals(text, linked)  # 新增企业56家，总数达到312家: 企业总数
    linked = carried_rates(text, linked)  # …，今年前4个月也增长18%: the same
    linked = partner_metrics(text, sentences, linked, work.tokens)  # 对某国出口
    if any(f.rule == TABLE_CELL for f in linked):
        linked = link_cells(text, linked, list(places))  # a cell's facts are its table's
    linked = balanced_metrics(text, linked)  # 某型导弹（射程…: 射程
    linked = balanced_subjects(text, linked)  # 台湾“中船 → 台湾“中船”
    linked = bare_units(text, linked)  # 旅游收入超过900亿: 元
    return rate_metric_changes(linked)  # 增长预期从3.2%下调至2.8%: growth rates both
