"""Small SVG charts for PDFs (WeasyPrint draws inline SVG): bars, grouped bars, lines."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

COLOURS = ["#0b5c7d", "#d9822b", "#2f8f46", "#a33b3b", "#6b4fa0", "#8a8a2b", "#3b7fa3", "#9c6644", "#555555"]
WIDTH, BAR_H, GAP, LABEL_W = 640, 18, 6, 220


def _text(x: float, y: float, content, anchor: str = "start", size: int = 10) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-family="Noto Sans CJK SC, sans-serif">{escape(str(content))}</text>')


def bars(labels: list[str], values: list[int]) -> SafeString:
    """Horizontal bars, one per label, the value written at the end of the bar."""
    if not labels:
        return mark_safe("")  # an empty string
    top = max(max(values), 1)
    span = WIDTH - LABEL_W - 50
    height = len(labels) * (BAR_H + GAP) + GAP
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img">']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = GAP + i * (BAR_H + GAP)
        w = span * value / top
        parts.append(_text(LABEL_W - 6, y + BAR_H - 5, label, "end"))
        parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{COLOURS[i % 9]}"/>')
        parts.append(_text(LABEL_W + w + 4, y + BAR_H - 5, value))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above


def grouped(categories: list[str], series: list[tuple[str, list[int]]]) -> SafeString:
    """Horizontal bars per category, one bar per series, with a legend."""
    if not categories or not series:
        return mark_safe("")  # an empty string
    top = max([max(v) for _n, v in series if v] + [1])
    span = WIDTH - LABEL_W - 50
    bar = 10
    block = bar * len(series) + GAP
    height = 24 + len(categories) * block + GAP
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img">']
    for j, (name, _values) in enumerate(series):
        x = LABEL_W + j * 160
        parts.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{COLOURS[j % 9]}"/>')
        parts.append(_text(x + 14, 13, name))
    for i, category in enumerate(categories):
        y = 24 + i * block
        parts.append(_text(LABEL_W - 6, y + bar * len(series) / 2 + 4, category, "end"))
        for j, (_name, values) in enumerate(series):
            w = span * values[i] / top
            parts.append(f'<rect x="{LABEL_W}" y="{y + j * bar}" width="{w:.1f}" height="{bar - 1}" '
                         f'fill="{COLOURS[j % 9]}"/>')
            parts.append(_text(LABEL_W + w + 4, y + j * bar + bar - 2, values[i], size=8))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above


def lines(x_labels: list[str], series: list[tuple[str, list[int]]]) -> SafeString:
    """A line per series over the months, with a legend."""
    if not x_labels or not series:
        return mark_safe("")  # an empty string
    height, left, bottom, top_pad = 220, 40, 30, 30
    plot_w, plot_h = WIDTH - left - 20, height - bottom - top_pad
    top = max([max(v) for _n, v in series if v] + [1])
    step = plot_w / max(len(x_labels) - 1, 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img">',
             f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" '
             f'stroke="#888" stroke-width="0.5"/>', _text(left - 4, top_pad + 4, top, "end", 8),
             _text(left - 4, top_pad + plot_h, 0, "end", 8)]
    for i, label in enumerate(x_labels):
        parts.append(_text(left + i * step, height - 10, label, "middle", 9))
    for j, (name, values) in enumerate(series):
        colour = COLOURS[j % 9]
        points = " ".join(f"{left + i * step:.1f},{top_pad + plot_h - plot_h * v / top:.1f}"
                          for i, v in enumerate(values))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<rect x="{left + j * 160}" y="6" width="10" height="10" fill="{colour}"/>')
        parts.append(_text(left + j * 160 + 14, 15, name))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above
