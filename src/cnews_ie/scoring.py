"""Scoring facts against a gold file of the shared schema, compared as ANNOTATION.md §13 says.

The gold files are ``../shared/facts/pages_dev.jsonl`` and ``passages_dev.jsonl`` (and the
hidden sets, which are scored the same way elsewhere): one record per line with ``text``,
``figures`` (``text``, ``start``, ``end``, ``value``, ``unit``, ``metric``, ``subject``,
``period``, ``change``, ``of_figure`` …), ``people`` (``name``, ``title``), ``organizations``,
``locations`` and ``projects`` (``name``).  ``python -m cnews_ie.evaluate facts --gold FILE``
prints what this module measures; ``-v`` adds every miss.  Evaluation code, not loaded by
``import cnews_ie``: its one regex (bracketed glosses) stays here rather than in ``patterns.py``.

How it compares (§13): a gold figure is found by the first unused prediction whose span overlaps
it, in gold order; values are equal as unsigned decimals, units after ``normalize_unit``;
metric, subject and period match by ``loose_match`` and are counted over the gold figures whose
field is set (an unfound figure is unlinked); change is exact; a gold ``of_figure`` is right when
the prediction's ``base`` is the prediction found for that gold figure; entities are sets of
normalised names per record (micro P/R/F1); a gold person's title is right when a predicted person
of the same name has a title equal to it or containing it or contained in it.

Evaluation tooling: not imported by ``import cnews_ie``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from cnews_ie.evaluate import prf
from cnews_ie.records import Document, Figure

__all__ = [
    "ENTITY_KINDS",
    "LINK_FIELDS",
    "FactScores",
    "is_shared_schema",
    "loose_match",
    "match_spans",
    "normalize",
    "normalize_unit",
    "read_gold",
    "score_documents",
    "score_file",
    "strip_glosses",
]

LINK_FIELDS = ("metric", "subject", "period")
ENTITY_KINDS = ("people", "organizations", "locations", "projects")
MIN_SHARE = 0.4  # a contained string matches when it is at least 40 % of the longer one

# full-width ASCII-range characters fold to ASCII; quotes, book-title brackets, ASCII spaces and
# \n are dropped (the ideographic space U+3000 and \r are kept, as §13 says)
_FOLD: dict[int, int | None] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update(dict.fromkeys(map(ord, "“”\"'《》「」 \n")))
_UNIT_ALIASES = {"百分点": "个百分点", "人民币": "元", "人民币元": "元", "％": "%"}
_GLOSS = re.compile(r"\([^()]*\)")  # after folding, （…） is (…)


def normalize(text: str) -> str:
    """The §13 normal form of a name, unit or link string.

    >>> normalize("１２.５％ “甲”《乙》\\n丙")
    '12.5%甲乙丙'
    >>> normalize("金　昌")  # the ideographic space stays
    '金\\u3000昌'
    """
    return text.translate(_FOLD)


def normalize_unit(unit: str) -> str:
    """A unit in normal form, with §13's aliases.

    >>> [normalize_unit(u) for u in ("百分点", "人民币元", "％", "台（套）")]
    ['个百分点', '元', '%', '台(套)']
    """
    unit = normalize(unit)
    return _UNIT_ALIASES.get(unit, unit)


def strip_glosses(text: str) -> str:
    """``normalize`` and remove bracketed glosses, ``（…）`` and ``(…)``, nested ones too.

    >>> strip_glosses("广义货币（M2）余额")
    '广义货币余额'
    >>> strip_glosses("地区生产总值（比上年增长（%））")
    '地区生产总值'
    """
    text = normalize(text)
    while True:
        stripped = _GLOSS.sub("", text)
        if stripped == text:
            return text
        text = stripped


def loose_match(predicted: str | None, gold: str) -> bool:
    """Whether a predicted metric, subject or period matches the gold one (§13): equal, or one
    contains the other and the shorter is at least 40 % of the longer, glosses removed.

    >>> loose_match("地区生产总值", "全市地区生产总值"), loose_match("总投资", "全部项目总投资")
    (True, True)
    >>> loose_match("余额", "广义货币（M2）余额"), loose_match("今年", "今年前三季度")
    (False, False)
    >>> loose_match(None, "全年")
    False
    """
    if predicted is None:
        return False
    pred, want = strip_glosses(predicted), strip_glosses(gold)
    if pred == want:
        return True
    short, long_ = sorted((pred, want), key=len)
    return bool(short) and short in long_ and len(short) >= MIN_SHARE * len(long_)


def _title_match(predicted: Iterable[str], gold: str) -> bool:
    want = normalize(gold)
    return any(
        title and (title == want or title in want or want in title)
        for title in map(normalize, predicted)
    )


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> list[int | None]:
    """For each gold span in order, the index of the first unused predicted span that overlaps it.

    >>> match_spans([(0, 4), (5, 9), (20, 22)], [(2, 6), (6, 8), (30, 31)])
    [0, 1, None]
    """
    used: set[int] = set()
    found: list[int | None] = []
    for g_start, g_end in gold:
        hit = next(
            (
                i
                for i, (p_start, p_end) in enumerate(predicted)
                if i not in used and p_start < g_end and g_start < p_end
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
        found.append(hit)
    return found


def _same_value(gold: object, predicted: Decimal) -> bool:
    try:
        return abs(Decimal(str(gold))) == abs(predicted)
    except InvalidOperation:
        return False


def _show(text: str | None) -> str:
    if text is None:
        return "∅"
    return "«" + text.replace("\n", "⏎").replace("\f", "␌") + "»"


@dataclass(slots=True)
class FactScores:
    """Counts over one or more records: ``tp``/``fp``/``fn`` per P/R/F1 measure (``span``,
    ``value_unit`` and the entity kinds), ``right``/``total`` per accuracy (``metric``,
    ``subject``, ``period``, ``change``, ``base``, ``titles``), and the misses, one line each."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    records: int = 0
    # (field, the rule that set the prediction) → right / counted: how each linking rule does
    rule_right: Counter[tuple[str, str]] = field(default_factory=Counter)
    rule_total: Counter[tuple[str, str]] = field(default_factory=Counter)

    def prf(self, measure: str) -> tuple[float, float, float]:
        """Precision, recall and F1 of ``span``, ``value_unit`` or an entity kind."""
        tp = self.tp[measure]
        return prf(tp, tp + self.fp[measure], tp + self.fn[measure])

    def accuracy(self, measure: str) -> float:
        """Share right of the gold items counted for an accuracy measure (0.0 when none)."""
        return self.right[measure] / self.total[measure] if self.total[measure] else 0.0

    def summary(self) -> dict[str, float]:
        """Every measure by name: F1 for the P/R/F1 ones, accuracy for the others."""
        scores = {"span": self.prf("span")[2], "value_unit": self.prf("value_unit")[2]}
        for name in (*LINK_FIELDS, "change", "base"):
            scores[name] = self.accuracy(name)
        for kind in ENTITY_KINDS:
            scores[kind] = self.prf(kind)[2]
        scores["titles"] = self.accuracy("titles")
        return scores

    def _count(self, measure: str, tp: int, fp: int, fn: int) -> None:
        self.tp[measure] += tp
        self.fp[measure] += fp
        self.fn[measure] += fn

    def _judge(self, measure: str, ok: bool) -> None:
        self.total[measure] += 1
        self.right[measure] += ok

    def add_record(self, gold: Mapping[str, Any], doc: Document) -> None:
        """Score one gold record against the Document extracted from its text."""
        self.records += 1
        rid = gold.get("id", f"#{self.records}")
        figures: list[Mapping[str, Any]] = gold["figures"]
        found = match_spans(
            [(f["start"], f["end"]) for f in figures], [(f.start, f.end) for f in doc.figures]
        )
        self._score_figures(rid, figures, doc.figures, found)
        self._score_entities(rid, gold, doc)

    def _score_figures(
        self,
        rid: str,
        figures: list[Mapping[str, Any]],
        predicted: Sequence[Figure],
        found: list[int | None],
    ) -> None:
        spans = sum(hit is not None for hit in found)
        self._count("span", spans, len(predicted) - spans, len(figures) - spans)
        used = {hit for hit in found if hit is not None}
        for i, extra in enumerate(predicted):
            if i not in used:
                self.misses.append(
                    f"{rid}  figure false positive  {_show(extra.text)} @{extra.start} "
                    f"= {extra.value} {extra.unit!r} [{extra.kind}]"
                )
        exact = 0
        for gold, hit in zip(figures, found, strict=True):
            where = f"{rid}  {_show(gold['text'])} @{gold['start']}"
            pred = None if hit is None else predicted[hit]
            if pred is None:
                self.misses.append(f"{where}  figure miss  = {gold['value']} {gold['unit']!r}")
            elif _same_value(gold["value"], pred.value) and normalize_unit(
                gold["unit"]
            ) == normalize_unit(pred.unit):
                exact += 1
            else:
                self.misses.append(
                    f"{where}  value/unit  gold {gold['value']} {gold['unit']!r}"
                    f" | pred {_show(pred.text)} {pred.value} {pred.unit!r}"
                )
            for name in (*LINK_FIELDS, "change"):
                want = gold[name]
                if want is None:
                    continue
                got = None if pred is None else getattr(pred, name)
                got_text = None if got is None else str(got)
                ok = got_text == want if name == "change" else loose_match(got_text, want)
                self._judge(name, ok)
                if name != "change":
                    rule = _rule_of(pred, name)
                    self.rule_total[name, rule] += 1
                    self.rule_right[name, rule] += ok
                if not ok:
                    self.misses.append(
                        f"{where}  {name}  gold {_show(want)} | pred {_show(got_text)}"
                    )
            if gold["of_figure"] is not None:
                target = found[gold["of_figure"]]
                base = None if pred is None else pred.base
                want_base = None if target is None else predicted[target]
                ok = (
                    base is not None
                    and want_base is not None
                    and (base.start, base.end) == (want_base.start, want_base.end)
                )
                self._judge("base", ok)
                if not ok:
                    gold_base = figures[gold["of_figure"]]["text"]
                    self.misses.append(
                        f"{where}  base  gold {_show(gold_base)}"
                        f" | pred {_show(None if base is None else base.text)}"
                    )
        self._count("value_unit", exact, len(predicted) - exact, len(figures) - exact)

    def _score_entities(self, rid: str, gold: Mapping[str, Any], doc: Document) -> None:
        predicted = {
            "people": {p.name for p in doc.people},
            "organizations": {o.name for o in doc.organizations},
            "locations": {loc.name for loc in doc.locations},
            "projects": {p.name for p in doc.projects},
        }
        for kind in ENTITY_KINDS:
            names = [e["name"] if isinstance(e, Mapping) else e for e in gold[kind]]
            want = {normalize(name) for name in names}
            got = {normalize(name) for name in predicted[kind]}
            self._count(kind, len(want & got), len(got - want), len(want - got))
            self.misses.extend(f"{rid}  {kind} miss  {_show(n)}" for n in sorted(want - got))
            self.misses.extend(
                f"{rid}  {kind} false positive  {_show(n)}" for n in sorted(got - want)
            )
        titles: dict[str, list[str]] = {}
        for person in doc.people:
            titles.setdefault(normalize(person.name), []).extend(person.titles)
        for person in gold["people"]:
            if not person.get("title"):
                continue
            got_titles = titles.get(normalize(person["name"]))
            ok = got_titles is not None and _title_match(got_titles, person["title"])
            self._judge("titles", ok)
            if not ok:
                shown = "person not found" if got_titles is None else " / ".join(got_titles) or "∅"
                self.misses.append(
                    f"{rid}  title  {_show(person['name'])} gold {_show(person['title'])}"
                    f" | pred {shown}"
                )

    def rule_table(self) -> str:
        """Accuracy of metric, subject and period by the rule that set the prediction (the last
        ``field:rule`` of its links; ``none``: linked to nothing, ``unfound``: no figure), over
        the gold figures whose field is set: which rules hold on a set, read without its texts."""
        lines = [f"{'rule':32}{'accuracy':>9}{'right':>7}{'gold':>6}"]
        for name, rule in sorted(self.rule_total, key=lambda k: (k[0], -self.rule_total[k])):
            total, right = self.rule_total[name, rule], self.rule_right[name, rule]
            lines.append(f"{rule:32}{right / total:9.4f}{right:7d}{total:6d}")
        return "\n".join(lines)

    def table(self) -> str:
        """The scores as a small text table."""
        lines = [f"{'measure':14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
        for measure in ("span", "value_unit", *ENTITY_KINDS):
            p, r, f = self.prf(measure)
            gold = self.tp[measure] + self.fn[measure]
            pred = self.tp[measure] + self.fp[measure]
            lines.append(f"{measure:14}{p:8.4f}{r:8.4f}{f:8.4f}{gold:7d}{pred:7d}")
        lines.append(f"{'measure':14}{'accuracy':>8}{'right':>8}{'gold':>8}")
        for measure in (*LINK_FIELDS, "change", "base", "titles"):
            acc = self.accuracy(measure)
            lines.append(f"{measure:14}{acc:8.4f}{self.right[measure]:8d}{self.total[measure]:8d}")
        return "\n".join(lines)


def _rule_of(pred: Figure | None, name: str) -> str:
    """The rule that set ``pred``'s ``name`` field: the last of its links for that field."""
    if pred is None:
        return f"{name}:unfound"
    if getattr(pred, name) is None:
        return f"{name}:none"
    return next((r for r in reversed(pred.links) if r.startswith(f"{name}:")), f"{name}:?")


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines gold file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def is_shared_schema(records: Sequence[Mapping[str, Any]]) -> bool:
    """Whether records follow the shared schema (figures with offsets and entity lists) rather
    than the project's own ``tests/golden/facts_news.jsonl`` (figures named by their text).

    >>> is_shared_schema([{"figures": [{"text": "1%", "start": 0, "end": 2}],
    ...                    "organizations": []}])
    True
    >>> is_shared_schema([{"figures": [{"figure": "1%", "metric": None}], "projects": []}])
    False
    """
    return bool(records) and all(
        "organizations" in r and all("start" in f for f in r["figures"]) for r in records
    )


def score_documents(
    records: Sequence[Mapping[str, Any]], documents: Iterable[Document]
) -> FactScores:
    """Score each gold record against the Document extracted from its text, in order."""
    scores = FactScores()
    for gold, doc in zip(records, documents, strict=True):
        scores.add_record(gold, doc)
    return scores


def score_file(
    records: Sequence[Mapping[str, Any]], ner: str | None = "default", noise_seed: int | None = None
) -> FactScores:
    """Extract every record's text with ``ner`` and score it; with ``noise_seed``, score the
    records laid out as a PDF text layer first (``cnews_ie.pdfnoise.noise_record``)."""
    from cnews_ie.extractor import extract_many

    if noise_seed is not None:
        from cnews_ie.pdfnoise import noise_record

        records = [noise_record(record, noise_seed) for record in records]
    return score_documents(records, extract_many((r["text"] for r in records), ner=ner))
