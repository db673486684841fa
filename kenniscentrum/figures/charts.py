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
# An SVG's text scales with its width: drawn 640 wide and shown 358 px wide on a phone, 12 px
# text became 6.7 px. So every chart is drawn twice, for a wide and a narrow band of widths,
# and figures.css shows one (the other is display: none, so a screen reader meets one too).
NARROW_WIDTH = 360
BANDS = (("wide", WIDTH), ("narrow", NARROW_WIDTH))
# In the narrow drawing the period labels alternate between two lines ("2019-1" is wider than
# a sixth of the drawing), so it is this much taller below the plot.
STAGGER = 18


def _stagger(band: str) -> int:
    return STAGGER if band == "narrow" else 0


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


def _frame(chart_id: str, title: str, description: str, low: int, high: int,
           width: int = WIDTH, band: str = "") -> list[str]:  # fmt: skip
    css_class = f"kc-chart kc-chart--{band}" if band else "kc-chart"
    parts = [
        f'<svg class="{css_class}" viewBox="0 0 {width} {HEIGHT + _stagger(band)}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    step = _nice_step(high - low)
    value = low
    while value <= high:
        y = _y(value, low, high)
        parts.append(f'<line class="kc-chart__grid" x1="{LEFT}" x2="{width - RIGHT}" '
                     f'y1="{y:.1f}" y2="{y:.1f}"/>')  # fmt: skip
        parts.append(f'<text class="kc-chart__axis" x="{LEFT - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{dutch_number(value)}</text>')  # fmt: skip
        value += step
    return parts


def _y(value: int, low: int, high: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / max(high - low, 1)


def banded(chart, chart_id: str, *args) -> SafeString:
    """The chart drawn once per width band, ids kept unique (see BANDS)."""
    return mark_safe("".join(  # noqa: S308 - the charts escape their own text
        chart(f"{chart_id}-{band}", *args, width=width, band=band) for band, width in BANDS
    ))  # fmt: skip


def bar_chart(chart_id: str, title: str, description: str, labels: list[str],
              series: list[Series], width: int = WIDTH, band: str = "") -> SafeString:  # fmt: skip
    """Grouped bars: one group per label, one bar per series, with a legend."""
    all_values = [v for s in series for v in s.values]
    low, high = _scale(all_values)
    parts = _frame(chart_id, title, description, low, high, width, band)
    group = (width - LEFT - RIGHT) / max(len(labels), 1)
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
        parts.append(_axis_label(x0 + group * 0.35, label, _stagger(band) * (i % 2)))
    parts.extend(_legend(series, _stagger(band)))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def line_chart(chart_id: str, title: str, description: str, labels: list[str],
               series: list[Series], width: int = WIDTH, band: str = "") -> SafeString:  # fmt: skip
    all_values = [v for s in series for v in s.values]
    low, high = _scale(all_values)
    parts = _frame(chart_id, title, description, low, high, width, band)
    pad = 24  # keep the first and last label inside the frame
    step = (width - LEFT - RIGHT - 2 * pad) / max(len(labels) - 1, 1)
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
        parts.append(_axis_label(x0 + i * step, label, _stagger(band) * (i % 2)))
    parts.extend(_legend(series, _stagger(band)))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _axis_label(x: float, label: str, down: int = 0) -> str:
    return (
        f'<text class="kc-chart__axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16 + down}" '
        f'text-anchor="middle">{escape(label)}</text>'
    )


def _legend(series: list[Series], down: int = 0) -> list[str]:
    parts = []
    for j, s in enumerate(series):
        x = LEFT + j * 200
        parts.append(f'<rect class="kc-chart__bar {s.css_class}" x="{x}" y="{HEIGHT - 20 + down}" '
                     'width="12" height="12"/>')  # fmt: skip
        parts.append(f'<text class="kc-chart__legend" x="{x + 18}" y="{HEIGHT - 10 + down}">'
                     f"{escape(s.name)}</text>")  # fmt: skip
    return parts


# Horizontal bars (the comparison of the twelve provinces) ---------------------------------------
#
# Why HTML and not SVG: an SVG scales its text with its width, so on a 390 px phone the
# province names shrank to ~5 px and ran into each other. Here every name and value is ordinary
# text at the page's font size, one row per province; only the bar itself is drawn, as an
# element whose offset and width are classes in 1 % steps (kc-ml-N, kc-w-N in figures.css):
# the Content-Security-Policy allows no style attributes.

SORT_ORDERS = {"waarde": "op waarde (hoog naar laag)", "alfabet": "op alfabet"}
DEFAULT_SORT = "waarde"


def parse_sort(raw: str | None) -> tuple[str, str | None]:
    """The chosen order, or the default and an error message for a value we do not know."""
    if not raw:
        return DEFAULT_SORT, None
    if raw in SORT_ORDERS:
        return raw, None
    return DEFAULT_SORT, "Deze volgorde bestaat niet; de staven staan nu op waarde."


def sort_items(items: list[tuple[str, int]], order: str) -> list[tuple[str, int]]:
    """(label, value) pairs in the chosen order: by value, highest first, equal values by name;
    or by name. An unknown order sorts by value (the default), never fails."""
    if order == "alfabet":
        return sorted(items, key=lambda item: item[0].casefold())
    return sorted(items, key=lambda item: (-item[1], item[0].casefold()))


def format_value(value: int, unit: str) -> str:
    """A value with its unit, as the bar's label: "87 %", "1.234 personen"."""
    return f"{dutch_number(value)} {unit}" if unit else dutch_number(value)


@dataclass(frozen=True)
class HBar:
    label: str
    value: int
    text: str
    offset: int  # % of the track before the bar
    width: int  # % of the track the bar covers
    negative: bool


@dataclass(frozen=True)
class Tick:
    position: int  # % of the track
    text: str
    edge: str  # "start", "end" or "" (centred)
    odd: bool  # every other tick, counted from zero, is hidden on a narrow screen


@dataclass(frozen=True)
class HBarChart:
    chart_id: str
    title: str
    summary: str
    axis_title: str
    bars: list[HBar]
    ticks: list[Tick]
    zero: int | None  # position of the zero line when there are negative values


def _position(value: int, low: int, high: int) -> int:
    return round(100 * (value - low) / max(high - low, 1))


def horizontal_bars(chart_id: str, title: str, axis_title: str, unit: str,
                    items: list[tuple[str, int]], order: str) -> HBarChart:  # fmt: skip
    """One bar per (label, value), in the given order, on an axis from a round low to high."""
    items = sort_items(items, order)
    low, high = _scale([value for _, value in items]) if items else (0, 1)
    bars = []
    for label, value in items:
        start, end = _position(min(value, 0), low, high), _position(max(value, 0), low, high)
        bars.append(HBar(label, value, format_value(value, unit), start, end - start, value < 0))
    step = _nice_step(high - low)
    ticks = []
    for tick in range(low, high + 1, step):
        position = _position(tick, low, high)
        edge = "start" if position == 0 else "end" if position == 100 else ""
        tick_unit = unit if unit == "%" else ""
        ticks.append(Tick(position, format_value(tick, tick_unit), edge, (tick // step) % 2 == 1))
    return HBarChart(chart_id, title, _summary(items, unit, order), axis_title, bars, ticks,
                     _position(0, low, high) if low < 0 else None)  # fmt: skip


def _summary(items: list[tuple[str, int]], unit: str, order: str) -> str:
    """The chart in one sentence, for screen readers and for anyone who skips the bars."""
    if not items:
        return "Er zijn voor deze keuze geen cijfers."
    by_value = sort_items(items, "waarde")
    (top, top_value), (bottom, bottom_value) = by_value[0], by_value[-1]
    return (
        f"{len(items)} provincies, {SORT_ORDERS.get(order, SORT_ORDERS[DEFAULT_SORT])}. "
        f"Hoogste: {top}, {format_value(top_value, unit)}; laagste: {bottom}, "
        f"{format_value(bottom_value, unit)}. Dezelfde cijfers staan in de tabel."
    )
