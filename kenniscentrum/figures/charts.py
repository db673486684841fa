"""Accessible SVG charts, drawn on the server.

Why not a charting library: the ones that draw SVG on the server (pygal, matplotlib) embed inline
<style> or scripts, which the site's Content-Security-Policy rightly blocks, and give no control
over the title/description a screen reader needs. These charts are plain SVG with role="img",
<title> and <desc>, styled from the site's CSS, with the same numbers in a table beside them.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .checks import dutch_number

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 48


@dataclass
class Series:
    name: str
    values: list[int]
    css_class: str  # kc-series-1, kc-series-2


def _scale(values: list[int]) -> tuple[int, int]:
    low = min(0, *values)
    high = max(values) if values else 1
    step = _nice_step(high - low)
    return (low // step) * step, -(-high // step) * step


def _nice_step(span: int) -> int:
    raw = max(span, 1) / 5
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _frame(chart_id: str, title: str, description: str, low: int, high: int) -> list[str]:
    parts = [
        f'<svg class="kc-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    step = _nice_step(high - low)
    value = low
    while value <= high:
        y = _y(value, low, high)
        parts.append(f'<line class="kc-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                     f'y1="{y:.1f}" y2="{y:.1f}"/>')  # fmt: skip
        parts.append(f'<text class="kc-chart__axis" x="{LEFT - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{dutch_number(value)}</text>')  # fmt: skip
        value += step
    return parts


def _y(value: int, low: int, high: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / max(high - low, 1)


def bar_chart(chart_id: str, title: str, description: str, labels: list[str],
              series: list[Series]) -> SafeString:  # fmt: skip
    """Grouped bars: one group per label, one bar per series, with a legend."""
    all_values = [v for s in series for v in s.values]
    low, high = _scale(all_values)
    parts = _frame(chart_id, title, description, low, high)
    group = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    bar = group * 0.7 / max(len(series), 1)
    zero = _y(0, low, high)
    for i, label in enumerate(labels):
        x0 = LEFT + i * group + group * 0.15
        for j, s in enumerate(series):
            value = s.values[i]
            y = _y(value, low, high)
            top, height = (y, zero - y) if value >= 0 else (zero, y - zero)
            parts.append(
                f'<rect class="kc-chart__bar {s.css_class}" x="{x0 + j * bar:.1f}" '
                f'y="{top:.1f}" width="{bar * 0.92:.1f}" height="{max(height, 0.5):.1f}">'
                f"<title>{escape(s.name)} {escape(label)}: {dutch_number(value)}</title></rect>"
            )
        parts.append(_axis_label(x0 + group * 0.35, label))
    parts.extend(_legend(series))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def line_chart(chart_id: str, title: str, description: str, labels: list[str],
               series: list[Series]) -> SafeString:  # fmt: skip
    all_values = [v for s in series for v in s.values]
    low, high = _scale(all_values)
    parts = _frame(chart_id, title, description, low, high)
    pad = 24  # keep the first and last label inside the frame
    step = (WIDTH - LEFT - RIGHT - 2 * pad) / max(len(labels) - 1, 1)
    x0 = LEFT + pad
    for s in series:
        points = " ".join(
            f"{x0 + i * step:.1f},{_y(v, low, high):.1f}" for i, v in enumerate(s.values)
        )
        parts.append(f'<polyline class="kc-chart__line {s.css_class}" points="{points}"/>')
        for i, v in enumerate(s.values):
            parts.append(
                f'<circle class="kc-chart__dot {s.css_class}" cx="{x0 + i * step:.1f}" '
                f'cy="{_y(v, low, high):.1f}" r="4"><title>{escape(s.name)} {escape(labels[i])}: '
                f"{dutch_number(v)}</title></circle>"
            )
    for i, label in enumerate(labels):
        parts.append(_axis_label(x0 + i * step, label))
    parts.extend(_legend(series))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _axis_label(x: float, label: str) -> str:
    return (
        f'<text class="kc-chart__axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" '
        f'text-anchor="middle">{escape(label)}</text>'
    )


def _legend(series: list[Series]) -> list[str]:
    parts = []
    for j, s in enumerate(series):
        x = LEFT + j * 200
        parts.append(f'<rect class="kc-chart__bar {s.css_class}" x="{x}" y="{HEIGHT - 20}" '
                     'width="12" height="12"/>')  # fmt: skip
        parts.append(f'<text class="kc-chart__legend" x="{x + 18}" y="{HEIGHT - 10}">'
                     f"{escape(s.name)}</text>")  # fmt: skip
    return parts
