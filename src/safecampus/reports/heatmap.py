"""The dashboard's heat map written in Python: the markup ``reports/dashboard.html`` wrote through
template loops, character for character.

A page of 25 schools by some 30 duties is 750 cells, each written twice (the desktop table and the
phone's list of duties) with five lookups apiece: nearly all of the dashboard's time. A cell's
words and icon depend on its status only, so each status is written once per page.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from safecampus.core.views.cells import text


def _school_url(row: dict) -> str:
    return text(reverse("reports:school", args=[row["id"]]))


def table_rows(rows: list[dict]) -> SafeString:
    """The table's rows: the school, its score, a cell per duty linking to the duty on its page."""
    ends: dict[str, tuple[str, str]] = {}
    out = []
    for row in rows:
        url = _school_url(row)
        out.append(f'<tr>\n      <th scope="row" class="heat-school"><a href="{url}">{text(row["name"])}</a></th>\n'
                   f'      <td class="heat-score">{text(row["score"])}%</td>\n      ')
        for css, icon, words, pk in row["cells"]:
            if css not in ends:  # the status: CELL gives each its own css, icon and words
                said = text(words)
                ends[css] = (f'<td class="heat-cell heat-{text(css)}"><a href="',
                             f'" title="{said}"><i class="bi bi-{text(icon)}" aria-hidden="true"></i>'
                             f'<span class="visually-hidden">{said}</span></a></td>')
            start, end = ends[css]
            out.append(f"{start}{url}#duty-{text(pk)}{end}")
        out.append("\n    </tr>")
    return mark_safe("".join(out))  # every text is escaped above


def phone_cards(rows: list[dict]) -> SafeString:
    """The phone's fold per school, its duties listed, the ones behind first."""
    duties: dict[tuple, str] = {}
    out = []
    for row in rows:
        url = _school_url(row)
        out.append(f'\n    <details class="heat-school-card"><summary><span class="me-auto">{text(row["name"])}</span> '
                   f'<span class="heat-score">{text(row["score"])}%</span></summary>\n'
                   f'      <ul class="list-unstyled mb-0">')
        for title, css, icon, words, pk in row["duties"]:
            key = (pk, title, css)  # the duty and the status
            if key not in duties:
                duties[key] = (f'#duty-{text(pk)}"><span class="heat-cell heat-{text(css)}">'
                               f'<i class="bi bi-{text(icon)}" aria-hidden="true"></i></span> <span class="me-auto">'
                               f'{text(title)}</span> <span class="small text-muted">{text(words)}</span></a></li>')
            out.append(f'<li><a href="{url}{duties[key]}')
        out.append("</ul>\n    </details>")
    return mark_safe("".join(out))  # every text is escaped above
