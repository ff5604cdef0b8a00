"""What is written after a title and before the name it belongs to: a country after "of" ("Minister of
Defence of Russia"), an organization's body after "of" ("President of the European Council Charles
Michel"), a portfolio after "for" ("Cabinet Secretary for Foreign Affairs Amb. Raychelle Omamo"), a
second office ("High Representative/Vice-President Josep Borrell")."""

from __future__ import annotations

import re
from collections.abc import Callable

from meetings import titles
from meetings.extract.places import country as country_named

# Words an organization's name or a body ends with ("the Organization of Turkic States", "the
# European Council"), besides the title bodies of the vocabulary.
_BODY_ENDS = frozenset({"Union", "Nations", "States", "Organization", "Organisation", "Alliance", "Bank", "Fund",
                        "Court", "Secretariat", "Community", "Cooperation", "Parliament", "Council", "Commission"})
_WITHIN = frozenset({"of", "the", "and", "for", "on", "in", ",", "(", ")", "&"})
# Words a portfolio after "for", "and" or a comma ends with ("for Foreign Affairs", "for Trade and Industry").
_PORTFOLIO_ENDS = frozenset({"Affairs", "Trade", "Defence", "Defense", "Security", "Finance", "Economy",
                             "Development", "Cooperation", "Relations", "Integration", "Diaspora", "Health",
                             "Energy", "Industry", "Commerce", "Justice", "Interior", "Europe", "Africa", "Asia", "Policy",
                             "Negotiations", "Abroad", "Diplomacy", "Rights", "Climate", "Migration", "Tourism",
                             "Investment", "Worship", "Communities", "Nationals", "Administration", "Protocol",
                             "Expatriates", "Emigrants", "Culture", "Education", "Agriculture", "Transport", "Environment",
                             "Planning", "Labour", "Youth", "Sports", "Fisheries", "Mines", "Petroleum", "Pacific"})

# Words of a body or a portfolio: never part of a person's name.
INSTITUTION_WORDS = _BODY_ENDS | _PORTFOLIO_ENDS

def country_after_of(words: list[str], index: int) -> tuple[str, int] | None:
    """"of <country>" at ``index``: (the country, the position after it, past an acronym in
    brackets: "of the United Kingdom (UK)")."""
    if index + 1 < len(words) and (words[index] in ("of", "from") or (
            # "Minister of International Affairs and Cooperation for the Republic of Botswana": a state's formal name.
            words[index] == "for" and words[index + 1:index + 2] == ["the"]
            and words[index + 2:index + 3] in (["Republic"], ["Kingdom"], ["State"], ["Federation"], ["Commonwealth"]))):
        # Up to nine words: "of the United Kingdom of Great Britain and Northern Ireland".
        room = next((i for i, w in enumerate(words[index + 1:index + 10]) if not w[:1].isalnum()), 9)
        for size in range(min(room, len(words) - index - 1), 0, -1):
            candidate = " ".join(words[index + 1:index + 1 + size])
            found = country_named(candidate)
            if found and not candidate.endswith(","):
                end = index + 1 + size
                if words[end:end + 1] == ["("] and words[end + 2:end + 3] == [")"]:
                    end += 3
                return found, end
    return None



# Offices held away from home: an ambassador in Geneva is not Swiss.
POSTED_ABROAD = re.compile(r"Ambassador|Envoy|Charg|Representative|Consul|Commissioner|Delegate", re.IGNORECASE)


def country_after_post(words: list[str], index: int, role: str) -> tuple[str, int] | None:
    """The country written after an office (``role``) at ``index`` in a list of attendees: "Commissioner
    to the OECS for Grenada", "Minister of Foreign Affairs and CARICOM Affairs, Commonwealth of Dominica
    (...)"; not the place an ambassador is posted to ("Chargé d'Affaires, Kuwait City")."""
    at = index
    if words[at:at + 2] == ["to", "the"]:  # "to the OECS for Grenada": posted to a body, for a country
        at += 2
        while at < len(words) and at - index < 7 and words[at][:1].isupper():
            at += 1
        if words[at:at + 1] != ["for"]:
            return None
    elif words[at:at + 1] != [","] or POSTED_ABROAD.search(role):
        return None
    room = next((i for i, w in enumerate(words[at + 1:at + 10]) if not w[:1].isalnum() and w != "."), 9)
    for size in range(min(room, len(words) - at - 1), 0, -1):
        end = at + 1 + size
        found = country_named(" ".join(words[at + 1:end]))
        # The country closes the item: the end, a semicolon, a bracket or "and" after it.
        if found and (end == len(words) or words[end] in (";", "(", "and", ".")):
            return found, end
    return None


def title_tail(words: list[str], index: int, name_follows: Callable[[int], bool]) -> int:
    """The position after what follows a title at ``index`` before a name (``name_follows`` says
    whether a name starts at a position): an organization's body after "of", a portfolio after
    "for", a second office; ``index`` itself when nothing of the kind is written."""
    ends = _BODY_ENDS | titles.vocabulary().bodies if words[index:index + 1] == ["of"] else \
        _PORTFOLIO_ENDS if words[index:index + 1] in (["for"], ["and"], [","]) else None
    best = index
    if words[index:index + 3] == ["in", "charge", "of"]:
        # "Secretary of State in charge of the Francophonie Jean-Baptiste Lemoyne": the portfolio's words run
        # into the name; the name is the last two (or three) of the capitalized run.
        at = index + 3 + (words[index + 3:index + 4] == ["the"])
        end = at
        while end < len(words) and words[end][:1].isupper():
            end += 1
        for size in (2, 3):
            if end - size > at and name_follows(end - size):
                return end - size
    country = country_after_of(words, index)
    # "Head of the Timor-Leste Government, X": a country's body, not the country itself.
    if ends is not None and (country is None or words[country[1]:country[1] + 1] == ["Government"]):
        at = index + 1
        # Not past an honorific: "Minister for Foreign Affairs, Senator Marise Payne, and ..." names the person there.
        while at < len(words) and at - index <= 24 and (words[at][:1].isupper() or words[at] in _WITHIN) \
                and titles.after_honorifics(words, at) == at \
                and not (best > index and words[at] == "and" and titles.title_at(words, at + 1)):
            # (not past another's office: "Chairman of the Foreign Affairs Committee A and Chairman of the ... B")
            at += 1
            # "of the Organization of American States (OAS), José Miguel Insulza": an acronym after the body.
            last = words[at - 4] if at >= 4 and words[at - 1] == ")" and words[at - 3] == "(" else words[at - 1]
            # A portfolio after "of" only before "of <country>" ("Minister of Europe and Foreign Affairs of the
            # French Republic X"), where it cannot be the start of a body's name.
            country_follows = words[at:at + 1] == ["of"] and country_after_of(words, at) is not None
            # "Minister of the Interior Manuel Valls", "Minister of Finance Ken Ofori-Atta": a portfolio after "of"
            # before the name too.
            if (last in ends and (name_follows(at) or country_follows)) or (
                    last in _PORTFOLIO_ENDS and (country_follows or (words[index] == "of" and name_follows(at)))):
                best = at
            elif words[index] == "of" and words[at:at + 1] == [","] and last[:1].isupper() and name_follows(at):
                # "the Minister of State of the United Kingdom's Ministry of Foreign Affairs, Alan Duncan": a body
                # of any name, set off by a comma from the name.
                best = at
                break
    second = titles.title_at(words, best)
    if second is not None and second.role != "counterpart" and name_follows(second.end):
        best = second.end  # "High Representative/Vice-President Josep Borrell": two offices, one person
    return best
