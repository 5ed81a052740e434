"""Charts drawn to PNG with matplotlib's Agg canvas: headless, no pyplot, safe in worker threads.

The picture is sized for a laptop screen and Slack's inline preview (1200 pixels wide, large type,
one label per point), and draws only what handlers/charts.py put in the chart: a date's whole
month or year as a bar, a vague figure's range as a shaded box, a figure with no date stated as a
hollow marker at its publication date, disputed figures ringed in red, each series' latest figure
starred and labelled.
"""

from __future__ import annotations

import io
import textwrap
import threading
from datetime import timedelta
from typing import Any, NamedTuple

from handlers.charts import Chart, FigureChart, Point, TimelineChart

WIDTH_INCHES = 10.0
DPI = 120  # 1200 pixels wide
FIGURE_HEIGHT_INCHES = 6.0
# Matplotlib leaves locking to its callers (its FAQ), and listeners draw from a thread pool; the
# work is CPU under the GIL anyway, so one chart at a time costs no throughput.
RENDERING = threading.Lock()
PALETTE = ("#1f77b4", "#e66101", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf")
DISPUTED = "#c62828"
INK = "#222222"
MUTED = "#555555"
TITLE_SIZE = 19
SUBTITLE_SIZE = 12.5
AXIS_SIZE = 14
TICK_SIZE = 12.5
LABEL_SIZE = 11.5
KEY = (
    "Bar: the whole month or year a date names · shaded box: the range the wording allows"
    " (“about”, “a few hundred”)",
    "▲ “more than” · hollow: no date stated, drawn at the article's publication date"
    " · ★ latest · red ring: sources disagree",
)
NOTE_SIZE = 11
# Where a point's label may go, in points from the point, nearest first.
LABEL_OFFSETS = [
    (dx * scale, dy * scale, ha, va)
    for scale in (1, 2.2, 3.6)
    for dx, dy, ha, va in (
        (8, 8, "left", "bottom"),
        (8, -8, "left", "top"),
        (-8, 8, "right", "bottom"),
        (-8, -8, "right", "top"),
        (0, 12, "center", "bottom"),
        (0, -12, "center", "top"),
        (12, 0, "left", "center"),
        (-12, 0, "right", "center"),
    )
]


def render_png(chart: Chart) -> bytes:
    """The chart as PNG bytes, at least 1200×600 pixels."""
    if isinstance(chart, TimelineChart):
        height = max(5.0, 2.1 + 0.46 * len(chart.events))
    else:
        height = FIGURE_HEIGHT_INCHES
    with RENDERING:
        return _render(chart, height)


def _render(chart: Chart, height: float) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(figure)
    if isinstance(chart, TimelineChart):
        _draw_timeline(figure, chart)
    else:
        _draw_figures(figure, chart)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _heading(figure: Any, title: str, subtitle: str) -> None:
    figure.text(
        0.02,
        1 - 0.1 / figure.get_figheight(),
        title,
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=INK,
        va="top",
    )
    figure.text(
        0.02,
        1 - 0.5 / figure.get_figheight(),
        subtitle,
        fontsize=SUBTITLE_SIZE,
        color=MUTED,
        va="top",
    )


def _x(day: Any) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))


def _span(point_or_event: Any) -> tuple[float, float]:
    """The first and last instant a date covers, as matplotlib date numbers."""
    when = point_or_event.when
    return _x(when.start), _x(when.end + timedelta(days=1))


def _date_axis(axes: Any) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=4, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.tick_params(labelsize=TICK_SIZE)
    axes.xaxis.get_offset_text().set_fontsize(TICK_SIZE)


def _x_limits(spans: list[tuple[float, float]]) -> tuple[float, float]:
    left = min(s[0] for s in spans)
    right = max(s[1] for s in spans)
    pad = max(30.0, (right - left) * 0.06)
    return left - pad, right + pad


def _draw_figures(figure: Any, chart: FigureChart) -> None:
    from matplotlib.patches import Rectangle
    from matplotlib.ticker import FuncFormatter

    notes = [n for n in chart.notes if n.startswith("Sources disagree")]
    note_lines = [line for n in notes for line in textwrap.wrap(n, 118)][:3]
    height = figure.get_figheight()
    top = 1 - (1.35 + 0.22 * len(note_lines)) / height
    bottom = (1.25 + (0.22 if chart.left_out else 0)) / height
    axes = figure.add_axes((0.09, bottom, 0.88, top - bottom))
    sources = {p.label for p in chart.points}
    count = len(chart.points)
    _heading(
        figure,
        chart.title,
        f"“{chart.query}” · {count} figure{'s' if count != 1 else ''} from "
        f"{len(sources)} source{'s' if len(sources) != 1 else ''}",
    )
    for i, line in enumerate(note_lines):
        figure.text(
            0.02, 1 - (0.86 + 0.22 * i) / height, line, fontsize=NOTE_SIZE, color=DISPUTED, va="top"
        )

    tops = [p.high or p.low or p.value or 0 for p in chart.points] + [
        p.value or 0 for p in chart.points
    ]
    y_top = max(tops) * 1.3 or 1
    spans = [_span(p) for p in chart.points]
    axes.set_xlim(*_x_limits(spans))
    axes.set_ylim(0, y_top)
    min_width = (axes.get_xlim()[1] - axes.get_xlim()[0]) * 0.006
    anchors: list[tuple[Point, float, float, str]] = []
    for number, series in enumerate(chart.series):
        color = PALETTE[number % len(PALETTE)]
        axes.plot([], [], color=color, linewidth=6, label=series.owner)  # the legend's entry
        for point in series.points:
            x0, x1 = _span(point)
            middle = (x0 + x1) / 2
            low = point.low if point.low is not None else point.value
            high = point.high if point.high is not None else point.value
            if low is not None and high is not None and high > low:
                width = max(x1 - x0, min_width)
                axes.add_patch(
                    Rectangle(
                        (middle - width / 2, low),
                        width,
                        high - low,
                        facecolor=color,
                        alpha=0.16,
                        edgecolor=color,
                        linewidth=1.2,
                        zorder=1,
                    )
                )
            level = point.value if point.value is not None else (low if low is not None else high)
            if level is None:
                continue
            if point.when.precision != "day":
                axes.hlines(level, x0, x1, color=color, linewidth=4, alpha=0.55, zorder=2)
            marker = "o"
            if point.high is None and point.low is not None and point.value is not None:
                marker = "^"  # "more than": the figure and up
            elif point.low is None and point.high is not None:
                marker = "v"  # "up to"
            shown = point.value is not None
            axes.scatter(
                [middle],
                [level],
                marker="*" if point.latest else marker,
                s=340 if point.latest else 90,
                facecolor=(color if point.dated else "white") if shown else "none",
                edgecolor=INK if point.latest else color,
                linewidth=1.6,
                zorder=4,
            )
            if point.disputed:
                axes.scatter(
                    [middle],
                    [level],
                    marker="o",
                    s=520,
                    facecolor="none",
                    edgecolor=DISPUTED,
                    linewidth=2.2,
                    zorder=5,
                )
            owner = series.owner if len(chart.series) > 1 else None
            anchors.append((point, middle, level, _point_label(point, owner)))
    axes.yaxis.set_major_formatter(FuncFormatter(_value_formatter(chart.unit)))
    axes.set_ylabel(
        "Troops, as reported" if chart.kind == "troops" else f"Amount ({chart.unit})",
        fontsize=AXIS_SIZE,
    )
    axes.set_xlabel("Date the figure refers to", fontsize=AXIS_SIZE)
    _date_axis(axes)
    axes.grid(True, color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    legend = axes.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.01),
        fontsize=12.5,
        frameon=False,
        ncols=min(5, len(chart.series)),
        borderaxespad=0,
        handlelength=1.6,
    )
    _place_labels(figure, axes, anchors)
    low = (0.2 + (0.22 if chart.left_out else 0)) / height
    for i, line in enumerate(reversed(KEY)):
        figure.text(0.02, low + 0.22 * i / height, line, fontsize=10.5, color=MUTED)
    if chart.left_out:
        figure.text(
            0.02,
            0.14 / height,
            _cut("Not drawn: " + "; ".join(chart.left_out), 150),
            fontsize=10.5,
            color=MUTED,
        )
    del legend


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value_formatter(unit: str) -> Any:
    def money(value: float, _position: int) -> str:
        for size, suffix in ((1e9, " bn"), (1e6, " m"), (1e3, " k")):
            if abs(value) >= size:
                return f"{value / size:,.3g}{suffix}"
        return f"{value:,.0f}"

    def count(value: float, _position: int) -> str:
        return f"{value:,.0f}"

    return count if unit == "troops" else money


def _point_label(point: Point, owner: str | None) -> str:
    if point.latest:
        whose = f"{owner} " if owner else ""
        when = point.when.text if point.dated else f"no date stated, published {point.when.text}"
        return f"{whose}latest: {point.text}, {when}\n{point.label}"
    return point.label


def _place_labels(figure: Any, axes: Any, anchors: list) -> None:
    """Label each point with its source where the label overlaps no other label or marker,
    trying nearer places first and the latest figures before the rest. A latest figure's label
    takes the least crowded place when none is free; another label is left out instead."""
    renderer = figure.canvas.get_renderer()
    frame = Box(*axes.get_window_extent(renderer).extents)
    taken: list[Box] = []
    for _, x, y, _ in anchors:
        cx, cy = axes.transData.transform((x, y))
        taken.append(Box(cx - 8, cy - 8, cx + 8, cy + 8))
    for point, x, y, text in sorted(anchors, key=lambda a: not a[0].latest):
        best, best_overlap = None, float("inf")
        style = {
            "textcoords": "offset points",
            "fontsize": LABEL_SIZE,
            "color": INK,
            "fontweight": "bold" if point.latest else "normal",
            "zorder": 6,
            "bbox": {
                "boxstyle": "round,pad=0.15",
                "facecolor": "white",
                "alpha": 0.8,
                "edgecolor": "none",
            },
        }
        # The label's size is measured once; each place is then only arithmetic.
        probe = axes.annotate(text, (x, y), xytext=(0, 0), ha="left", va="bottom", **style)
        size = probe.get_window_extent(renderer)
        probe.remove()
        cx, cy = axes.transData.transform((x, y))
        for dx, dy, ha, va in LABEL_OFFSETS:
            extent = _placed(cx, cy, dx, dy, ha, va, size.width, size.height, figure.dpi)
            overlap = sum(_overlap(extent, other) for other in taken)
            if not _inside(extent, frame):
                overlap += (extent.x1 - extent.x0) * (extent.y1 - extent.y0)
            if overlap < best_overlap:
                best, best_overlap = ((dx, dy, ha, va), extent), overlap
            if overlap == 0:
                break
        if best is None or (best_overlap > 0 and not point.latest):
            continue
        (dx, dy, ha, va), _ = best
        axes.annotate(
            text,
            (x, y),
            xytext=(dx, dy),
            ha=ha,
            va=va,
            **style,
            arrowprops={
                "arrowstyle": "-",
                "color": "#888888",
                "linewidth": 0.8,
                "shrinkA": 0,
                "shrinkB": 6,
            },
        )
        taken.append(best[1])


class Box(NamedTuple):
    """A rectangle in pixels (plain floats: Bbox's properties are slow in the placement loop)."""

    x0: float
    y0: float
    x1: float
    y1: float


def _placed(
    cx: float, cy: float, dx: float, dy: float, ha: str, va: str, w: float, h: float, dpi: float
) -> Box:
    """Where a w×h label lands, in pixels, offset (dx, dy) points from the point at (cx, cy)."""
    x = cx + dx * dpi / 72
    y = cy + dy * dpi / 72
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[ha]
    y0 = {"bottom": y, "top": y - h, "center": y - h / 2}[va]
    return Box(x0, y0, x0 + w, y0 + h)


def _overlap(a: Box, b: Box) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner.x0 >= outer.x0
        and inner.x1 <= outer.x1
        and inner.y0 >= outer.y0
        and inner.y1 <= outer.y1
    )


def _draw_timeline(figure: Any, chart: TimelineChart) -> None:
    height = figure.get_figheight()
    top = 1 - 1.0 / height
    bottom = 0.75 / height
    axes = figure.add_axes((0.03, bottom, 0.94, top - bottom))
    count = sum(1 + e.more for e in chart.events)
    _heading(
        figure,
        chart.title,
        f"“{chart.query}” · {count} dated event{'s' if count != 1 else ''} on "
        f"{len(chart.events)} date{'s' if len(chart.events) != 1 else ''} · a bar spans the "
        "whole month or year a date names",
    )
    spans = [_span(e) for e in chart.events]
    left, right = _x_limits(spans)
    axes.set_xlim(left, right)
    axes.set_ylim(len(chart.events) - 0.4, -0.6)
    color = PALETTE[0]
    for row, (event, (x0, x1)) in enumerate(zip(chart.events, spans, strict=True)):
        if event.when.precision == "day":
            axes.scatter([(x0 + x1) / 2], [row], marker="D", s=70, color=color, zorder=3)
        else:
            axes.barh(row, x1 - x0, left=x0, height=0.5, color=color, alpha=0.75, zorder=3)
        more = f"  (+{event.more} more)" if event.more else ""
        text = f"{event.when.text}  {event.label}{more}"
        on_right = (x1 - left) / (right - left) < 0.55
        axes.annotate(
            text,
            ((x1 if on_right else x0), row),
            xytext=(8 if on_right else -8, 0),
            textcoords="offset points",
            ha="left" if on_right else "right",
            va="center",
            fontsize=12,
            color=INK,
            zorder=4,
        )
    axes.set_yticks([])
    _date_axis(axes)
    axes.grid(True, axis="x", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    if chart.left_out:
        figure.text(
            0.02,
            0.12 / height,
            "Not drawn: " + "; ".join(chart.left_out)[:150],
            fontsize=10.5,
            color=MUTED,
        )
