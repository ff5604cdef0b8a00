"""Every rule of the extractor, named once: what it produces and in a line how. The stages cite
these objects, so the draft's evidence (``--evidence``) and the quality harness can say which
rule produced which field, and which one to look at when a field is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    field: str  # what it produces: person, country, meeting, attendee, date, venue, framework, topics
    says: str

    def __str__(self) -> str:
        return self.name


# Mentions: how a person is recognised in a sentence.
TITLED = Rule("titled-name", "person", "a name after a title or rank (\"Foreign Minister Wang Yi\")")
TITLED_SURNAME = Rule("titled-surname", "person", "a surname alone after a title (\"Minister Hamada\"), its full name where the report gives it")
COUNTRY_CUED = Rule("country-cued-name", "person", "a name after a country (\"Russia's Sergei Lavrov\")")
HONORIFIC_CUED = Rule("honorific-name", "person", "a full name after an honorific (\"The Hon Richard Marles MP\", \"H.E.\", \"Mr Carl Greenidge\")")
NAME_THEN_TITLE = Rule("name-comma-title", "person", "a name followed by \", <title>\" (\"Mark Rutte, NATO Secretary General\")")
FRAME_SUBJECT = Rule("frame-subject-name", "person", "a name alone as the subject of a meeting verb (\"Vladimir Putin had a telephone conversation with ...\")")
FRAME_OBJECT = Rule("frame-object-name", "person", "a name alone after a meeting verb or noun (\"Josep Borrell met Sameh Shoukry in Cairo\")")
COUNTERPARTS_NAMED = Rule("counterparts-named", "person", "counterparts named after their countries (\"his Malaysian and Lao counterparts A and B\")")
BY_COUNTRY = Rule("counterparts-by-country", "person", "counterparts named by country alone (\"met with Foreign Ministers of Turkey, Bahrain and Egypt\"), one meeting each")
GIVEN_NAME = Rule("given-name", "person", "a given name alone beside \"I\" (\"Anthony and I had a discussion\"), the report's full name for it if any")
TAKES_OFFICE = Rule("takes-office-name", "person", "a name before a verb of taking an office and the office (\"Roberto Ampuero is appointed Foreign Minister of Chile\")")
LISTED = Rule("listed-name", "person", "a name at the head of an item of a list of those at a meeting (\"Among those attending were ...; Anyin Choo, Consul General, Toronto\")")
SURNAME_BACK = Rule("surname-reference", "person", "a name or surname written again after a first titled mention")
TITLE_BACK = Rule("title-reference", "person", "a title alone (\"the Secretary\", \"the Prime Minister\") for a person it named before")
SPEAKER = Rule("speaker-label", "person", "a transcript's speaker label (\"MINISTER PAYNE:\", \"Marise Payne:\", \"Penny Wong, Foreign Minister:\")")
ADDRESSED = Rule("addressed", "person", "an official a speaker addresses (\"Minister Hamada, it is an honour ...\", \"Mr Prime Minister,\") or welcomes (\"to have Minister Kamikawa here\")")
LISTED_NAME = Rule("listed-name", "person", "a full name the list of office holders holds, without a cue (\"Sergey Lavrov said ...\"), with the office and country it gives for the report's date")
OFFICE_HOLDER = Rule("office-holder", "person", "a title alone or a surname as the one holder of that office of that country on the meeting's date (data/office_holders.csv)")
PRINCIPAL = Rule("report-principal", "attendee", "the report's first-named person, as the subject of a sentence that names one other")

# Countries of people.
DEMONYM = Rule("demonym", "country", "a demonym or country before the title (\"Chinese\", \"Russia's\")")
OF_COUNTRY = Rule("of-country", "country", "\"of <country>\" after the title or name")
APPOSED = Rule("apposed-title", "country", "the country of a title just before the name, set off by a comma (\"the Ambassador of Sweden to Ethiopia, H.E. Ambassador X\")")
TITLE_COUNTRY = Rule("title-country", "country", "a title only one country uses (\"Raksha Mantri\", \"Secretary of State\")")
DELEGATION = Rule("delegation", "country", "the country of the minister just before (\"Japanese X and Defence Minister Y\")")
SAME_PERSON = Rule("same-person", "country", "another mention of the same person in the report")
RECORDED = Rule("recorded", "country", "the country the person is recorded for in the database")
SIDE = Rule("delegation-side", "country", "the side or delegation a list of attendees is of (\"The U.S. delegation consisted of ...\")")
NAMED_PAIR = Rule("named-pair", "country", "the other side of a pair of countries the report names (\"India-Russia\")")
VISIT_HOST = Rule("visit-host", "country", "the host of a \"visiting\" guest, where the meeting is")
OFFICE_COUNTRY = Rule("office-country", "country", "the country whose office the person held on the meeting's date (data/office_holders.csv)")
NATIONAL_BODY = Rule("national-body", "country", "an institution only one country has, in the title or just after the name (\"Minister of State, Foreign and Commonwealth Office\")")
PUBLISHER = Rule("publisher", "country", "the report's principal is of its publisher's country (from its web address)")
PUBLISHER_SIDE = Rule("publisher-side", "country", "an official in a meeting of the publisher's officials only is the publisher's too")
ORGANIZATION_HOST = Rule("organization-host", "country", "the host of an organization's official, where the meeting is "
                         "(\"the Secretary General visited Bodø in Norway, accompanied by Defence Minister X\")")
PRINCIPAL_HOST = Rule("principal-host", "country", "the host side of a bilateral the principal held where the report is datelined")

# Meetings: the event frames (which sentences make a meeting, and of whom).
FOUNDING = Rule("founding", "meeting", "\"at a summit in <city> in <year> by the <leaders> of <countries>\"")
NAMED_EVENT = Rule("named-event", "meeting", "a named multilateral event (\"... Ministers' Meeting\", \"... Summit\") someone attends")
ATTENDING = Rule("attending", "attendee", "people in a sentence saying they attended or joined the named event")
CHAIR = Rule("chair", "attendee", "the first person in a sentence saying someone chaired the event")
REFERS_BACK = Rule("refers-back", "attendee", "people who hosted or joined the talks just told")
OCCASION = Rule("transcript-occasion", "meeting", "a transcript's officials, speakers and those they address, at the occasion it records")
FRAME = Rule("meeting-frame", "meeting", "a sentence with a meeting verb or noun and two or more people")
GROUP = Rule("group-meeting", "meeting", "one named person meeting a group (\"met NATO Defence Ministers\", \"met counterparts\")")
LIST_ITEM = Rule("list-item", "meeting", "a list item under a sentence that introduces meetings")
SEPARATE = Rule("separate-meetings", "meeting", "\"separate meetings with A and B\": one meeting each")
NOT_FUTURE = Rule("future", "meeting", "a sentence about the future makes no meeting")
RECALLED = Rule("recalled", "meeting", "an earlier meeting a sentence recalls (\"their discussion at the Pentagon last week\", \"after our last visit in 2018\")")
REPEAT = Rule("repeat", "meeting", "one meeting told twice (headline and body, two readouts) is one record")

# Other fields.
DATE_IN_SENTENCE = Rule("date-in-sentence", "date", "a date expression in the meeting's sentence")
SAME_DAY = Rule("same-day", "date", "\"the same day\": the date of the meeting just before")
REPORT_DATE = Rule("report-date", "date", "the report's own date (its dateline, or --published)")
VENUE_IN_SENTENCE = Rule("venue-in-sentence", "venue", "\"in <city>\" or \"in <country>\" in the meeting's sentence")
EVENT_VENUE = Rule("event-venue", "venue", "the venue of the event whose sidelines the meeting was on")
SIDELINES = Rule("sidelines", "framework", "\"on the sidelines/margins of <event>\"")
TOPIC = Rule("topic-verb", "topics", "what follows \"discussed\", \"exchanged views on\" ...")

RULES: tuple[Rule, ...] = tuple(value for value in globals().values() if isinstance(value, Rule))
