"""Event frames: which words make a sentence tell a meeting, of which kind, and which words keep
it from telling one (the future, a quotation)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Frame:
    """A meeting verb or noun: its name (cited as evidence), its pattern, and the kind of meeting
    it makes ("call" for a telephone or video conversation; None: bilateral or multilateral by the
    number of countries)."""

    name: str
    pattern: str
    kind: str | None = None
    principal: bool = True  # the report's principal may be its unnamed side (not where the one who acts is named)


FRAMES: tuple[Frame, ...] = (
    Frame("telephone", r"telephone(?:d)?|(?:phone|video) (?:call|conversation)s?|call(?:ed)? with|spoke by (?:tele)?phone|"
                       r"spoke (?:over|on) the (?:tele)?phone|by (?:tele)?phone|video ?conference|virtual(?:ly)? (?:meeting|met)",
          "call"),
    Frame("held-call", r"(?:held|had|holds|has) (?:an? )?(?:separate |(?:tele)?phone |video |introductory |first |"
                       r"productive |warm |)*calls?(?= (?:on|with|today|yesterday|this|last)\b)", "call"),
    Frame("called", r"called(?= (?:[A-Z]|his |her |their ))(?! (?:for|on|upon)\b)", "call"),
    Frame("spoke-with", r"spoke (?:with|to)|speaks (?:with|to)|conversation with", "call"),
    Frame("talks", r"(?:following|after|during|at) (?:the |their |our )?(?:[\w-]+ )?talks"),
    Frame("met", r"met|meets|meeting with|meetings with|a meeting between|meeting between|meeting of(?= (?:Minister|President|Prime|Foreign|Defen[cs]e|"
                       r"Secretary|State|Chancellor|Mr|Ms|Dr|H\.E)\b)"),
    Frame("held-talks", r"(?:held|holds?) (?:an? )?(?:[\w-]+ ){0,2}?"
                        r"(?:meeting|meetings|talks|talk|discussions|discussion|consultations)|talks with|"
                        r"had (?:an? |his |her |their )?(?:[\w-]+ ){0,2}(?:meeting|talks|discussion|exchange)s?|"
                        # "engages in bilateral discussions with X", "for consultations with X".
                        r"(?:discussions|consultations) with"),
    Frame("received", r"received|receives|hosted|hosts|hosting|welcomed|welcomes"),
    Frame("their-meeting", r"(?:before|at|after|during|following|ahead of) (?:their|the|our) (?:bilateral )?(?:meeting|talks)"),
    Frame("chance-to-meet", r"(?:chance|opportunity|pleasure|honou?r|privilege) (?:to|of) meet(?:ing)?(?: with)?"),
    Frame("joint-appearance", r"joint (?:press conference|media availability|press availability|news conference|"
                              r"doorstop|press statements?|remarks)"),
    Frame("shook-hands", r"shak(?:es|ing) hands|shook hands"),
    Frame("called-on", r"called on|paid (?:a )?courtesy call|courtesy call"),
    # "The D-8 Secretary-General visited the Secretary-General of BSEC, H.E. Ambassador X, at the latter's Office".
    # (Case-sensitive after the verb: the frames are matched ignoring case.)
    Frame("visited-official", r"(?:visited|visits)(?-i:(?= (?:the |H\.E\.? |His |Her )?(?:[A-Z][\w-]* ){0,3}?"
                              r"(?:Secretary|President|Prime Minister|Minister|King|Emir|Sultan|Chair|Director|Governor)"
                              r"(?:-General| General)?\b(?!['’]s|s? (?:Office|Palace|House|Residence|Secretariat|Headquarters))))"),
    # The verb, not the office: "X and Y co-chairs the meeting", not "the Co-Chairs of the OSCE Minsk Group".
    Frame("co-chaired", r"co-chaired|co-chairs(?! of\b)"),
    # "Talks were held between A and B", "a meeting took place between", "The conversation between A and B".
    Frame("held-between", r"(?:talks|meeting|meetings|conversation|consultations|negotiations|discussions?)"
                          r"(?: (?:was|were) (?:held|conducted|staged|organi[sz]ed)(?: [\w,]+){0,4}?| took place(?: [\w,]+){0,4}?)?"
                          r" between"),
    # "visited Moscow to meet his colleague, ...", "the meeting he had with ...".
    Frame("visit-to-meet", r"(?:visited|visits|travelled|traveled|arrived|came|went)\b[^.;]{0,80}?\bto meet(?: with)?", None),
    Frame("meeting-had", r"meeting (?:that )?(?:he|she|they|the two|the ministers) (?:had|held) with"),
    # "During his visit to Uruguay, Minister X also addressed with President Y and Foreign Minister Z the ...".
    Frame("addressed-with", r"addressed with(?= (?:[A-Z]|his |her |the ))"),
    # "Prime Minister Rabuka officially opens the Heads of Missions meeting in Suva": at the meeting opened.
    Frame("opened", r"(?:opened|opens|closed|closes|inaugurated|inaugurates)(?= the (?:[\w’'-]+ ){0,5}?"
                    r"(?:meeting|conference|summit|session|dialogue|forum)s?\b)"),
    # "X summoned the Ambassador of Y", "X lodged a strong protest ... to Mr. Y, Ambassador of China", "X was briefed by Y".
    Frame("summoned", r"summon(?:ed|s)|lodged (?:a |an )?(?:strong |formal |firm )?protests?|(?:was|were) briefed by"),
    # "Prime Minister Albanese and I agreed to ...": what two did together, one of them the speaker.
    Frame("and-i", r"(?<=\band )I (?:agreed|discussed|exchanged|confirmed|reaffirmed|decided|talked|spoke about)"),
    # "Mr. Stoltenberg is visiting Bodø Airbase, accompanied by Defence Minister Y": a visit together.
    Frame("accompanied-by", r"accompanied by"),
    # "The agreement was signed by Prime Minister A and Prime Minister B", "A signed a memorandum with B".
    Frame("signed", r"(?:was|were) signed by|signed (?:an? |the )?(?:[\w-]+ ){0,4}?(?:agreements?|memorand(?:um|a)|MoUs?|"
                    r"treat(?:y|ies)|declarations?|accords?)(?: [\w-]+){0,6}? (?:with|between)"),
    # "Ambassador X presented his Letters of Credence to King Y", "Presentation of Credentials by X to Y".
    Frame("credentials", r"present(?:ed|s|ing)? (?:(?:his|her|their) )?(?:letters? of credence|credentials|"
                         r"copies of (?:his|her|their) credentials)|presentation of (?:the )?(?:letters? of credence|credentials)",
          principal=False),
)
# One word boundary around the whole alternation, and a letter looked for first: the same matches
# as a boundary around each frame, found about four times faster.
_FRAME = re.compile("(?=[a-z])\\b(?:" + "|".join(f"(?P<f{i}>{frame.pattern})" for i, frame in enumerate(FRAMES)) + ")\\b",
                    re.IGNORECASE)
CALL = re.compile(r"\b(?:phone|telephone|video call|videoconference|video conference|virtual(?:ly)?|spoke (?:with|to))\b",
                  re.IGNORECASE)
FUTURE = re.compile(r"\b(?:will (?:also |then |later |further |now |first |separately |)"
                    r"(?:meet|hold|visit|attend|travel|host|speak|welcome|receive|call|have (?:an? )?(?:[\w-]+ )?"
                    r"(?:meetings?|talks|discussions?|calls?)|"
                    r"be (?:happy|glad|pleased|delighted|honou?red) to|be (?:received|hosted|welcomed|greeted|accompanied|joined))|is (?:expected|scheduled|due|set) to|"
                    r"next (?:week|month|year)|later this (?:week|month|year)|plans to|look(?:s|ed)? forward to (?:meeting|holding|having)|"
                    r"to meet (?:later|next|on)|(?:would|will) be meeting|"
                    # "departed the country today to Nassau, Bahamas, to attend the Meeting of ...": not yet held.
                    r"(?:departed|departs|left|leaves|flew|flies) (?:[\w’',-]+ ){0,8}?to (?:attend|participate|take part))\b",
                    re.IGNORECASE)
ATTENDING = re.compile(r"\b(?:attend(?:ing|ed|s)?|were among|participat(?:ing|ed)|joined|accompan(?:y|ied|ying))\b",
                       re.IGNORECASE)
REFERS_TO_EVENT = re.compile(r"\b(?:the conclave|the meeting|the summit|member (?:states|nations)|the gathering)\b",
                             re.IGNORECASE)
REFERS_BACK = re.compile(r"\b(?:hosted|chaired|mediated|moderated|joined|facilitated) (?:the|these|those) "
                         r"(?:talks|meeting|meetings|discussions|conversation)\b|"
                         # "Also present at the meeting was ...", "On the Russian side, the meeting was attended by ...".
                         r"\balso (?:present|in attendance)\b|\b(?:were|was) also present\b|\bin attendance (?:included|were)\b|"
                         r"\b(?:the )?(?:meeting|talks|conversation) (?:was|were) (?:also )?attended by\b|"
                         # "Among those attending were ...", "The U.S. delegation consisted of ...", "The following
                         # Ambassadors attended the dinner:".
                         r"\bamong (?:those|the participants|others) (?:attending|present|in attendance|who attended)"
                         r"(?: (?:were|was))?\b|\bdelegations? (?:consisted of|included|comprised|was composed of|"
                         r"was made up of|(?:was|were) (?:led|headed) by)\b|"
                         # "Other participants in the meeting included ...".
                         r"\bparticipants (?:in|at|of) the (?:meeting|talks|conference|session|dialogue)s? (?:included|were)\b|"
                         r"\bthe following\b[^.:;]{0,60}?\b(?:attended|were present|took part)\b|"
                         # "The Meeting was officially closed yesterday afternoon by the Speaker ...", "with the
                         # attendance of the Assistant Minister ...", "in the presence of".
                         r"\b(?:meeting|conference|summit|session|dialogue) was (?:officially )?(?:opened|closed|addressed)"
                         r"(?: \w+){0,3}? by\b|\bwith the attendance of\b|\bin the presence of\b",
                         re.IGNORECASE)
# "A, B and C also attended (virtually)": those named before it joined the meeting just told.
ALSO_ATTENDED = re.compile(r"\b(?:also|likewise) (?:attended|participated|took part|joined(?! the\b| in\b))\b")
# A word every sentence REFERS_BACK matches holds, looked for first (most sentences hold none).
REFERS_BACK_WORDS = ("hosted", "chaired", "mediated", "moderated", "joined", "facilitated", "also", "present",
                     "attended", "among", "delegation", "participants", "following", "opened", "closed", "addressed", "attendance")
GROUP = re.compile(r"\b(?:attended (?:the |an? )(?:[\w-]+ ){0,4}?(?:meeting|summit|conference|dialogue|forum)s?\b|"
                   # "Prime Minister Rabuka officially opens the Heads of Missions meeting in Suva".
                   r"(?:officially )?(?:opened|opens|closed|closes|inaugurated|inaugurates) the (?:[\w’'-]+ ){0,5}?"
                   r"(?:[Mm]eeting|[Cc]onference|[Ss]ummit|[Ss]ession|[Dd]ialogue|[Ff]orum)s?\b|"
                   r"(?:met|meets|meet|meeting with|met(?: (?:virtually|today|yesterday))?(?: in [A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?,?)? with|meet with|discussed with|received|hosted|welcomed|held (?:today |yesterday )?(?:an? )?(?:virtual |video |joint |)"
                   r"(?:meeting|talks) with(?: a (?:number|group) of)?|addressed|joined)\s+(?:(?:the|his|her|their|"
                   r"fellow|other|visiting|newly|new|accredited|non-resident|resident|foreign|young|senior|local|business|community|"
                   r"religious|[A-Z][\w-]*)\s+){0,4}"
                   r"(?:[A-Z][a-z]+ )?(?:Ministers|ministers|counterparts|leaders|"
                   r"Leaders|Ambassadors|ambassadors|representatives|Representatives|Allies|allies|partners|Heads|Envoys|"
                   r"Members|members|officials|defenders|scientists|students|veterans|families)\b)")
ACCOMPANIED = re.compile(r"\baccompan(?:ied|ies|ying|y)\b(?! by)")
# A sentence about the meeting just told: "During the meeting, ...", "At the talks, ...".
DURING_IT = re.compile(r"(?:During|At|In the course of|Throughout|At the (?:end|close|conclusion) of) (?:the|this|that) "
                       r"(?:meeting|talks|call|conversation|"
                       r"discussion|discussions|telephone conversation|phone call)s?,|"
                       # "In her remarks, Undersecretary X warmly welcomed the ambassadors": what was said there.
                       r"In (?:his|her|their) (?:remarks|speech|address|statement|opening remarks|welcome remarks),")
SEPARATE = re.compile(r"\b(?:separate|separately|(?:bilateral |separate |)meetings with|bilaterals with|calls (?:from|with))\b|"
                      r";\s*(?:and\s+)?with\b",  # "had a meeting with A; with B; and with C"
                      re.IGNORECASE)
SAME_DAY = re.compile(r"\b(?:on the same day|the same day|later (?:in )?the day|later that day)\b", re.IGNORECASE)
SIDELINES = re.compile(r"\bon the (?:sidelines?|margins?) of\b|\bin the margins? of\b", re.IGNORECASE)
EVENT = re.compile(
    r"((?:[A-Z][\w’'-]*|\([A-Z]{2,}\))(?:\s+(?:[A-Z][\w’'-]*|\([A-Z]{2,}\)|of|on|and|for)){0,8}?"
    r"\s+(?:Ministers[’']?\s+[Mm]eeting|Leaders[’']?\s+[Mm]eeting|Ministers[’']?\s+(?:Conference|Conclave)|Summit|Council|Dialogue|Conference|"
    r"Forum|Conclave|Ministerial|General Assembly))")
# "The Sixty-Sixth Meeting of the OECS Authority", "the 15th Session of the Council of Ministers": looked
# for only where its words are (the whole pattern, tried at every word, costs several times more).
_OF_A_BODY = re.compile(r"\b(?:Meeting|Session|Summit|Conference)\s+of\s+the\s")
_EVENT_OF_A_BODY = re.compile(
    r"((?:[A-Z][\w’'-]*\s+){0,3}(?:Meeting|Session|Summit|Conference)\s+of\s+the\s+(?:[A-Z][\w’'-]*|\([A-Z]{2,}\))"
    r"(?:\s+(?:[A-Z][\w’'-]*|\([A-Z]{2,}\)|of|and|for)){0,6}(?<!\sof)(?<!\sand)(?<!\sfor))")


def named_event(text: str) -> str | None:
    """The first named multilateral event a sentence holds ("the SCO Defence Ministers' Meeting",
    "the Sixty-Sixth Meeting of the OECS Authority"), if any."""
    match = EVENT.search(text)
    body = _EVENT_OF_A_BODY.search(text) if _OF_A_BODY.search(text) else None
    if body is not None and (match is None or body.start() < match.start()):
        match = body
    return match.group(1) if match else None
FOUNDING = re.compile(r"\bat an? (summit|meeting|conference) in ([A-Z][\w-]+)(?: in (\d{4}))? by the (\w+?)s? of "
                      r"([^.]+)")
QUOTED = re.compile(r"\b(?:said|told|spokesperson|spokesman|spokeswoman|according to)\b", re.IGNORECASE)
# "Secretary Pompeo and I met", "My meeting with ...": the speaker of a statement beside the one they met.
WITH_ME = re.compile(r"\b(?:and I|I and|[Mm]y (?:meeting|talks|call|conversation|discussion)s?|"
                      r"[Oo]ur (?:meeting|talks|call|conversation|discussion)s?)\b")
QUOTATION = re.compile(r"[“”\"]|\b(?:said|says|told|stated|added|noted)\b")
TOPIC_VERB = re.compile(r"\b(?:discussed|talks (?:focused|centred|centered) on|reviewed|exchanged views on|"
                        r"deliberated on|agreed to (?:deepen|expand|strengthen))\s+(.*)", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def frame_match(sentence: str) -> re.Match[str] | None:
    """Where the first meeting frame of a sentence is (kept for the few readings of one sentence)."""
    return _FRAME.search(sentence)


def frame(sentence: str) -> Frame | None:
    """The first meeting frame a sentence holds, if any."""
    match = frame_match(sentence)
    if match is None:
        return None
    return FRAMES[int(next(name for name, value in match.groupdict().items() if value)[1:])]


def topics(sentence: str) -> list[str]:
    """What a sentence says was discussed, one topic per item of its list."""
    match = TOPIC_VERB.search(sentence)
    if not match:
        return []
    text = match.group(1).rstrip(".")
    text = re.sub(r",? (?:a press release|the statement|officials) (?:stated|said|added)", "", text)
    pieces = re.split(r",\s*(?:including\s+)?|\s+including\s+|\s+as well as\s+|\s+and\s+(?=ways|the|matters)", text)
    found = []
    for piece in pieces:
        piece = re.sub(r"^(?:wide-ranging issues of|issues of|matters on|the|a|an|and|ways to)\s+", "", piece.strip(),
                       flags=re.IGNORECASE)
        piece = re.sub(r"^(?:the|a|an)\s+", "", piece.strip(), flags=re.IGNORECASE)
        if 2 < len(piece) <= 80 and not re.search(r"\b(?:they|it|we)\b", piece, re.IGNORECASE):
            found.append(piece)
    return found
