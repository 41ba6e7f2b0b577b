"""The sections of the statistics page: each a heading, a sentence and its charts, made from
the catalogue's numbers (`portal/statistics.py`) in the page's language."""

from __future__ import annotations

from dataclasses import dataclass

from cocreate.i18n.translator import Translator
from cocreate.portal.catalog import Catalog
from cocreate.portal.charts import Chart, bar_chart, stacked_chart
from cocreate.portal.dialogue import summary
from cocreate.portal.periods import Quarter
from cocreate.portal.statistics import (
    PHASE_SERIES,
    calls_by_category,
    joined_by_quarter,
    last_quarter,
    phases_by_quarter,
    principle_counts,
    without_dated_phase,
)
from cocreate.standard.vocabulary import ANSWERS


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the statistics page: a heading, a sentence, and its charts."""

    section_id: str
    title: str
    intro: str
    charts: list[Chart]


def sections(catalog: Catalog, t: Translator) -> list[Section]:
    """The statistics page: the portal now, over time, its working principles and its calls,
    and what residents asked when a project records it."""
    projects = catalog.projects

    def quarter(found: Quarter) -> str:
        return t.date(f"{found[0]}-Q{found[1]}")  # as a recorded quarter reads: "Kuartal I 2024"

    now = []
    for facet in ("phase", "kind", "status", "approach", "category", "dimension"):
        rows = [(label, count) for _, label, count in catalog.count_by(facet)]
        now.append(bar_chart(f"chart-{facet}", t(f"statistics.by.{facet}"), rows,
                             (t(f"facets.{facet}"), t("statistics.projects")), empty=t("statistics.none")))
    until = last_quarter(projects)  # every chart over time ends at the same quarter
    phases = phases_by_quarter(projects, until)
    series = list(PHASE_SERIES)
    if not any(row.counts[-1] for row in phases):  # "not recorded" only where a timeline says it
        series.pop()
    joined, undated = joined_by_quarter(projects, until)
    undated_phases = without_dated_phase(projects)
    over_time = [
        stacked_chart("chart-phase-quarters", t("statistics.phases_over_time"),
                      [t.label("phase", p) for p in series],
                      [(quarter(row.quarter), row.counts[:len(series)]) for row in phases],
                      t("statistics.quarter"),
                      empty=t("statistics.no_dates"),
                      note=t("statistics.phases_undated", count=undated_phases) if undated_phases else ""),
        bar_chart("chart-joined", t("statistics.joined_over_time"),
                  [(quarter(found), count) for found, count in joined],
                  (t("statistics.quarter"), t("statistics.parties")), empty=t("statistics.no_dates"),
                  note=t("statistics.undated", count=undated) if undated else ""),
    ]
    counts = principle_counts(projects)
    committing = sum(1 for p in projects if p.principles)
    principles = [stacked_chart(
        "chart-principles", t("statistics.principles_title"),
        [t("statistics.with_evidence"), t("statistics.without_evidence")],
        [(t.label("principle", c.principle), (c.evidenced, c.committed - c.evidenced)) for c in counts],
        t("statistics.principle"), note=t("statistics.principles_note", count=committing, total=len(projects)))]
    calls = [bar_chart("chart-calls", t("statistics.calls_title"),
                       [(t.label("category", c), n) for c, n in calls_by_category(projects)],
                       (t("facets.category"), t("statistics.calls")),
                       note=t("statistics.calls_note", count=len(catalog.open_calls)))]
    return [Section("now", t("statistics.now_h"), t("statistics.now_intro"), now),
            Section("over-time", t("statistics.over_time_h"), t("statistics.over_time_intro"), over_time),
            Section("principles", t("statistics.principles_h"), t("statistics.principles_intro"), principles),
            Section("calls", t("statistics.calls_h"), t("statistics.calls_intro"), calls),
            *_dialogue(catalog, t)]


def _dialogue(catalog: Catalog, t: Translator) -> list[Section]:
    """How many of residents' entries were answered, and how soon: only when a project
    records any (no entries, no section)."""
    found = summary((p.dialogue for p in catalog.projects), ANSWERS)
    if not found.entries:
        return []
    median = (t("statistics.dialogue_median", days=f"{found.median_days:g}", count=found.dated)
              if found.median_days is not None else t("statistics.dialogue_median_unknown"))
    chart = bar_chart("chart-dialogue", t("statistics.dialogue_title"),
                      [(t.label("answer", state), n) for state, n in found.states],
                      (t("statistics.dialogue_answer"), t("statistics.dialogue_entries")),
                      note=f"{t('statistics.dialogue_answered', answered=found.answered, count=found.entries)} "
                           f"{median}")
    return [Section("dialogue", t("statistics.dialogue_h"), t("statistics.dialogue_intro"), [chart])]
