"""Charts drawn at build time as inline SVG: no script, no library, no external request.

A chart is drawn at the size it is read, never scaled: the SVG has no `viewBox`, its
lengths are CSS pixels and its bars' widths percentages of the column it sits in, so its
labels keep their size (14 px, see cocreate.css) on a phone as on a desktop. Each row is a
line of text (the label, and the number at the right) above its bar, so a long label never
has to share a line with a bar. Every chart comes with its title, said visibly by the page,
and its numbers as a table (`Chart.rows`), an alternative for anyone who cannot see or
read the bars; colours are classes (`cc-series-N`) that the stylesheet gives enough
contrast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

LABEL_LINE = 20
"""Height of a row's line of text; the label's baseline sits 15 px down it."""
BAR_HEIGHT = 16
ROW_GAP = 12
ROW = LABEL_LINE + BAR_HEIGHT + ROW_GAP


@dataclass(frozen=True)
class Chart:
    """A chart and the same numbers as a table."""

    chart_id: str
    """Unique in the page: the chart's title and description are named after it."""
    title: str
    svg: Markup
    header: tuple[str, ...]
    """The table's column headers: what a row is, then each series."""
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    legend: tuple[str, ...] = ()
    """The series' names, in the order of their colours, when there is more than one."""
    note: str = ""
    """What the numbers leave out, said under the chart."""


def _percent(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _svg(chart_id: str, title: str, description: str, rows: Sequence[tuple[str, Sequence[int]]]) -> Markup:
    peak = max((sum(values) for _, values in rows), default=0) or 1
    height = len(rows) * ROW
    parts = [
        f'<svg class="cc-chart" role="img" width="100%" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, (label, values) in enumerate(rows):
        top = index * ROW
        parts.append(
            f'<text class="cc-chart__label" x="0" y="{top + 15}">{escape(label)}</text>'
            f'<text class="cc-chart__value" x="100%" y="{top + 15}" text-anchor="end">{sum(values)}</text>')
        start = 0
        for series, value in enumerate(values):
            if value:
                parts.append(
                    f'<rect class="cc-chart__bar cc-series-{series}" x="{_percent(100 * start / peak)}" '
                    f'y="{top + LABEL_LINE}" width="{_percent(100 * value / peak)}" height="{BAR_HEIGHT}"/>')
            start += value
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it went through escape()


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int]], header: tuple[str, str],
              empty: str = "", note: str = "") -> Chart:
    """One number per row, as a bar.

    Args:
        chart_id: Unique id in the page.
        title: What the chart shows.
        rows: (label, value) pairs, in the order to draw them.
        header: The table's headers: what a row is, and what the number counts.
        empty: What the description says when there are no rows.
        note: What the numbers leave out.
    """
    description = "; ".join(f"{label}: {value}" for label, value in rows) or empty
    return Chart(chart_id, title, _svg(chart_id, title, description, [(label, (value,)) for label, value in rows]),
                 header, tuple((label, (value,)) for label, value in rows), note=note)


def stacked_chart(chart_id: str, title: str, series: Sequence[str], rows: Sequence[tuple[str, Sequence[int]]],
                  row_header: str, empty: str = "", note: str = "") -> Chart:
    """Several numbers per row, as the parts of one bar; the number at the right is their sum.

    Args:
        series: The parts' names, in the order they are drawn (and coloured).
        rows: (label, the number of each part) pairs, in the order to draw them.
        row_header: The table's header of the first column: what a row is.
    """
    description = "; ".join(
        f"{label}: {sum(values)} ({', '.join(f'{name} {value}' for name, value in zip(series, values, strict=True))})"
        for label, values in rows) or empty
    return Chart(chart_id, title, _svg(chart_id, title, description, rows), (row_header, *series),
                 tuple((label, tuple(values)) for label, values in rows), legend=tuple(series), note=note)
