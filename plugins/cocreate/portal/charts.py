"""Charts drawn at build time as inline SVG: no script, no external service."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 190
BAR_WIDTH = 260
VALUE_WIDTH = 40


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], description: str) -> Markup:
    """A horizontal bar chart with a text alternative (`<title>`, `<desc>`).

    Args:
        chart_id: Unique id in the page, used to link the title and description.
        title: What the chart shows.
        rows: (label, value) pairs, in the order to draw them.
        description: The same data in words, read by screen readers.
    """
    peak = max((value for _, value in rows), default=0) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg class="cc-chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bar = round(BAR_WIDTH * value / peak)
        middle = y + BAR_HEIGHT / 2
        parts.append(
            f'<text class="cc-chart__label" x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(label)}</text>'
            f'<rect class="cc-chart__bar" x="{LABEL_WIDTH}" y="{y}" width="{max(bar, 2)}" '
            f'height="{BAR_HEIGHT}" rx="3"/>'
            f'<text class="cc-chart__value" x="{LABEL_WIDTH + max(bar, 2) + 6}" y="{middle}" '
            f'dominant-baseline="middle">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it went through escape()
