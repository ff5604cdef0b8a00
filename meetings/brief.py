"""`meetings report`: a one-page brief as a self-contained HTML file, ready to mail or print.

The question as its title, the counts, a timeline, the top counterparts, the network picture,
and the table of meetings with their attendees and sources. Pictures are inline SVG and styles
are inline, so the file needs nothing else: no CDN, no external URL, and it works offline.
Source references are printed as text, not links, for the same reason.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from meetings.fields import MeetingRecord
    from meetings.filters import MeetingFilter

STYLE = """.counts { display: flex; gap: 2em; margin: 1em 0 1.5em; }
.counts div { font-size: 0.85em; color: #52606d; }
.counts strong { display: block; font-size: 1.8em; color: #1d2733; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.4em; border-bottom: 1px solid #d9e2ec; padding-bottom: 0.2em; }
table { border-collapse: collapse; width: 100%; font-size: 0.85em; }
th, td { text-align: left; vertical-align: top; padding: 0.35em 0.5em; border-bottom: 1px solid #e4e7eb; }
th { background: #f0f4f8; }
td.number { text-align: right; }
td.date { white-space: nowrap; }
table.top { width: auto; min-width: 40%; }
ul.attendees, ul.sources { margin: 0; padding-left: 1.1em; }
.note { color: #52606d; font-size: 0.85em; }
.asked { color: #52606d; margin-top: 0; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"""


def _names(codes: tuple[str, ...], joiner: str) -> str:
    from meetings.countries import country_name

    names = [country_name(code) for code in codes]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {joiner} {names[-1]}"


def question(filters: MeetingFilter) -> str:
    """The filters as the question they ask: "Meetings of India and Russia, from 2022"."""
    from meetings.countries import country_name

    parts = []
    if filters.countries:
        parts.append(f"of {_names(filters.countries, 'and')}")
    if filters.any_countries:
        parts.append(f"of {_names(filters.any_countries, 'or')}")
    if filters.people:
        parts.append("attended by " + " or ".join(" ".join(words).title() for words in filters.people))
    if filters.roles:
        parts.append("with a " + " or ".join(repr(r) for r in filters.roles) + " attending")
    if filters.kinds:
        parts.append("of kind " + " or ".join(filters.kinds))
    if filters.organizations:
        parts.append("in the framework of " + " or ".join(o.upper() for o in filters.organizations))
    if filters.topics:
        parts.append("on " + " or ".join(filters.topics))
    if filters.venue_countries:
        parts.append("held in " + " or ".join(country_name(c) for c in filters.venue_countries))
    if filters.venues:
        parts.append("at " + " or ".join(v.title() for v in filters.venues))
    if filters.search:
        parts.append(f"matching “{filters.search}”")
    if filters.date_from:
        parts.append(f"from {filters.date_from}")
    if filters.date_to:
        parts.append(f"to {filters.date_to}")
    if filters.sideline_of is not None:
        parts.append(f"on the sidelines of meeting {filters.sideline_of}")
    return "Meetings " + ", ".join(parts) if parts else "All meetings"


def _attendees(record: MeetingRecord) -> str:
    items = []
    for a in record.attendees:
        who = html.escape(a.name or "(unnamed)")
        extra = ", ".join(html.escape(p) for p in (a.role, a.country) if p)
        items.append(f"<li>{who}" + (f" <span class=note>({extra})</span>" if extra else "") + "</li>")
    return f"<ul class=attendees>{''.join(items)}</ul>"


def _sources(record: MeetingRecord) -> str:
    items = []
    for s in record.sources:
        extra = ", ".join(html.escape(p) for p in (s.publisher, s.published) if p)
        items.append(f"<li>{html.escape(s.reference)}" + (f" <span class=note>({extra})</span>" if extra else "") + "</li>")
    return f"<ul class=sources>{''.join(items)}</ul>" if items else ""


def meetings_table(records: list[MeetingRecord]) -> str:
    rows = []
    for r in records:
        date = html.escape(r.date + (f" to {r.end_date}" if r.end_date else ""))
        place = ", ".join(p for p in (r.venue, r.venue_country) if p)
        note = " · ".join(html.escape(p) for p in (place, r.organization or "", f"id {r.id}") if p)
        rows.append(f"<tr><td class=date>{date}</td><td>{html.escape(r.title or '')}<br><span class=note>{note}</span></td>"
                    f"<td>{_attendees(r)}</td><td>{_sources(r)}</td></tr>")
    return ("<table><thead><tr><th>date</th><th>meeting</th><th>attendees</th><th>sources</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def brief_page(*, title: str, asked: str, totals: Any, period: str, timeline_svg: str, counterparts: list[Any],
               counterparts_label: str, network_svg: str, records: list[MeetingRecord]) -> str:
    """The whole brief as one HTML page."""
    from meetings.charts import page

    span = f"{totals.first} to {totals.last}" if totals.first else "–"
    counts = "".join(f"<div><strong>{html.escape(str(value))}</strong>{label}</div>" for value, label in (
        (totals.meetings, "meetings"), (totals.countries, "countries"), (totals.people, "people"), (span, "dates")))
    top_rows = "".join(f"<tr><td>{html.escape(g.key)}</td><td class=number>{g.meetings}</td></tr>" for g in counterparts)
    shown = (f"<p class=note>The {len(records)} most recent of {totals.meetings} meetings.</p>"
             if len(records) < totals.meetings else "")
    body = f"""<h1>{html.escape(title)}</h1>
{f"<p class=asked>{html.escape(asked)}</p>" if asked else ""}
<section class=counts>{counts}</section>
<h2>Meetings per {html.escape(period)}</h2>
{timeline_svg}
<h2>Top {html.escape(counterparts_label)}</h2>
<table class=top><thead><tr><th>{html.escape(counterparts_label)}</th><th>meetings</th></tr></thead>
<tbody>{top_rows}</tbody></table>
<h2>Who met whom</h2>
{network_svg}
<h2>The meetings</h2>
{shown}{meetings_table(records)}"""
    return page(title, body, style=STYLE)
