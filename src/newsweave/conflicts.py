"""Conflicts: independent sources stating the same kind of fact with different values.

A false conflict destroys trust, so every rule here prefers silence to a guess. Copies of
one wire story never conflict with each other (they are one source), and a value is only
in conflict when the *other* source never states it anywhere in its article: an article
that mentions both names or both numbers is telling a different fact, not disagreeing.

Where values are compared:

1. **Aligned sentences**: pairs of sentences of one claim from different independent
   sources. Each sentence yields *slots* (a value with its kind and role):

   - number: a count with its role: a casualty class ("12 people were injured",
     "killed 14", "at least 12 dead" -> killed/injured) or the counted noun ("184
     passengers"). Not counts: years, dates, times, ordinals, numbers glued to words
     ("G-7", "1,000-year-old"), model numbers ("Boeing 747", "14 Leopard 2 tanks"),
     identifiers of four digits or more without a separator ("its 4680 battery"),
     money, measurements (miles, hours, tons, percent of market moves), and parts of a
     total ("three of the injured", "including two children", "20 others", "two badly
     hurt", "two Britons were among those killed"; but in "were among four killed" the
     four are the total). A casualty verb counts only the number right after it ("killed
     at least 14", not "killed after two helicopters collided"). A count of one make
     ("31 Abrams tanks") or kind ("24 counts of rape", not a partitive "of the
     passengers") has its own role, apart from all tanks or all counts, and a sentence
     giving several makes or kinds of one noun gives parts of a total. Two aligned sentences
     counting a thing (not a casualty class) must share a lower-case word besides the
     counted phrase ("asylum seekers"), as in the whole-story rule below, whose context
     words are lower-case too (names are not context). "Over 40 women and children"
     counts both kinds (its own role); "nine in 10 people" is a
     ratio; two articles that each name one different weekday count on different days,
     and two sentences naming different reporting periods ("for the year" / "in Q4") or
     only one of them naming one, or different years ("in 2014" / "between 2014 and
     2015"), count different things.
     Counts of a developing story (killed, injured, missing, "people") and tallies of
     a process that lasts days (votes, ballots, rounds) conflict only between articles
     written within 6 hours of each other (or undated): "four people missing" at dawn
     and "two missing" in the evening is an update (see :func:`find_updates`), and where
     the story has such an update, values that rise with the time each was first
     reported are no conflict either (:func:`settle_by_updates`); "the
     218 votes necessary to be elected" is a threshold, no tally. A sentence that
     tallies a period ("since 2000, more than 300 people have died") gives no counts, nor
     does one that tells of another incident ("wounds two in a fresh attack, a day after
     seven were killed").
     Rounding rule: values within 5% never conflict; within 15% when either is
     approximate ("about", "some", "an estimated") or only one is round; "at least N" /
     "more than N" conflicts only with a value below N, "nearly N" / "up to N" only with
     one above it; two bounds never conflict; a range only with a value outside it.
   - date: the one date of the sentence (weekday or month-day), when the words around
     both dates share an event word ("final vote" / "vote") and the two sentences do not
     name different members of a series ("after three rounds" / "a fourth round"). Not
     the day of a statement ("said on Friday"), not "an Oct. 19 meeting" or "last Friday"; weekdays
     only between articles written the same day (they are relative to it).
   - person / place / organisation: a name in the same slot: the same title before a
     person ("fire chief Anna Berg" / "fire chief Tomas Reyes"), the same two words
     before a place ("crashed near") or an organisation ("called by"). Spelling
     variants are not conflicts ("FirstGroup" / "First Group", "International Red Cross"
     / "International Committee of the Red Cross"); the story's place words do not make
     two bodies one ("Ashford Borough Council" / "Ashford Relief Trust").
   - organisation as the agent of the same verb, active or passive ("the Council
     opened a shelter" / "a shelter was opened by the Trust"), named after what was
     done ("who opened a shelter"); other sentences of the claim that name one of the
     values join its side.
   - outcome: opposite outcome words about the same subject (passed/rejected, won/lost,
     convicted/acquitted, upheld/overturned, accepted/declined), not negated.

2. **The whole story**, for facts an event has one value of, when every independent
   source states exactly one value: casualty counts; counted things said with a shared
   word ("a ferry carrying 184 passengers" / "it was carrying 148 passengers"); the
   holder of an incident role (fire chief, police chief, coroner...; not "president");
   the site of the event ("Fernside Industrial Estate" / "Hollins Industrial Estate").

3. **Attribution**: the same quoted words (trimmed or not) credited to different named
   people, from the ``quotes`` stage or, without it, from "…,” X said" in the
   sentences; the cited sentence itself must name the speaker (no pronoun resolved
   elsewhere) and the speaker must look like a person (not "ANA", "police").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

from .claims import _NUMBER_WORDS, STOPWORDS, content_stems, numbers_in, stem
from .cluster import title_case
from .copies import source_groups
from .dates import after_superlative, naive_utc
from .entities import name_key, region_level
from .models import Claim, CleanArticle, Conflict, ConflictValue, Copy, Evidence, Quote, Sentence
from .quotes import same_quotation
from .settings import Settings

__all__ = ["counts_in", "find_conflicts", "find_updates", "settle_by_updates", "value_of"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*\d|\d|%|\$|€|£")
_MONTHS = _words(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec"""
)
_NUMBER_WORD = "(?:one|" + "|".join(_NUMBER_WORDS) + ")"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_KILLED = frozenset(
    {"dead", "kill", "killed", "die", "died", "death", "deaths", "fatalities", "lives", "bodies"}
)
_INJURED = frozenset(
    {"injured", "wounded", "hurt", "injuries", "injury", "hospitalized", "hospitalised"}
)
_GENERIC_UNITS = frozenset(
    {"people", "persons", "person", "others", "of", "were", "have", "had", "are", "and", "in"}
)
# Measurement, time and money units (stems): not compared, see _unit_and_role.
_MEASURES = _words(
    """mil kilometer kilometr km meter metr mile feet foot inch ton tonn pound kg kilogram lb
    hour minut minute second day week month year mph kph knot degr degre acr yard liter litr gallon
    tim metric dollar euro yen yuan rupe cent barrel am pm a.m p.m o'clock squar cubic decad
    century centuri pixel megapixel mm cm mg lbs ft kmh gb mb tb ghz mhz"""
)
_NOT_THIS_EVENT = _words("a an the this that last next")
_SPEECH = _words(
    """said says told announced reported confirmed stated added revealed disclosed
    tweeted wrote declared claimed denied published released"""
)
_MARKET = _words(
    """shares share stock stocks index indexes indices price prices trading traded
    bitcoin currency yield yields bond bonds futures nasdaq dow"""
)
_SEVERITY = _words(
    """seriously critically badly slightly severely minor serious critical
    life-threatening gravely lightly moderately"""
)
_MODIFIERS = _words("more other additional new young old small large separate different further")
_STILL = _words("remaining left still")
_LOWER_BOUND = ("at least", "more than", "over", "upwards of", "in excess of", "at minimum")
_UPPER_BOUND = ("nearly", "almost", "up to", "fewer than", "less than", "under", "just under")
_APPROX = ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated")
_TITLES = _words(
    """chief spokesman spokeswoman spokesperson minister president director mayor governor
    officer commissioner sheriff captain coach ceo chairman chairwoman chair secretary
    superintendent inspector judge prosecutor attorney lawyer manager head leader
    senator ambassador commander general colonel lieutenant sergeant detective executive
    founder principal dean professor premier chancellor deputy"""
)
_TITLE_PREFIX = _TITLES | _words("mr mrs ms dr sir lady lord prime vice fire police state foreign")
_ORG_WORDS = _words(
    """ministry department agency police party inc corp corporation company group bank
    university council committee commission court service authority association union
    office airlines airways federation institute foundation army navy forces guard board
    bureau news times post press network club society charity"""
)
_AGENT_PREPS = _words("by from for with of at to")
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "from"})
_OUTCOMES = (
    ("passed", "rejected"),
    ("approved", "rejected"),
    ("won", "lost"),
    ("convicted", "acquitted"),  # "found guilty" too (see _OUTCOME_FORMS)
    ("upheld", "overturned"),
    ("accepted", "declined"),
)
_NEGATION = re.compile(r"\b(not|n't|never|failed to|no)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[“\"]([^”\"]{8,}?)[”\"]")
_SAID = r"(?:said|says|told|added|stated|wrote|tweeted|declared)"
_NAME = r"((?:[A-Z][a-z'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’\-]+|[A-Z]\.))*)"
# Organisation and place names may hold "of"/"for": "Federation of Pit Workers".
_LONG_NAME = r"(?:[A-Z][a-z'’\-]+|[A-Z]\.)(?:\s+(?:(?:of|for|de)\s+)?(?:[A-Z][a-z'’\-]+|[A-Z]\.))*"
_SPEAKER_AFTER = re.compile(r"[”\"],?\s+" + _SAID + r"\s+(?:[a-z]+\s+){0,3}?" + _NAME)
_SPEAKER_BEFORE = re.compile(_NAME + r"\s+" + _SAID + r"\b")
_NOT_NAMES = _words("""The He She It They We I This That Officials Police Authorities Government""")


@dataclass(frozen=True)
class _Slot:
    kind: str  # number|date|person|place|organisation|outcome
    role: str  # what the value is about: two slots compare only if kind and role match
    value: str  # as written
    norm: str  # normalised value
    low: float = 0.0
    high: float = 0.0
    bound: str = ""  # ""|lower|upper|approx|range
    label: str = ""  # what the value is about, for people: "number injured"
    context: frozenset[str] = frozenset()  # stems around a date: two dates of one event share some
    past: bool = False  # said of an earlier time ("last week", "in 2015"): maybe another incident
    # casualties named by who they are ("25 Taliban fighters" / "eight ISIL fighters")
    victims: frozenset[str] = frozenset()


# A value's sightings: (article, evidence, slot, claim id); values by normalised value;
# and those by (kind, role) for the whole story.
_Sighting = tuple[str, Evidence, _Slot, str]
_Values = dict[str, list[_Sighting]]
_Found = dict[tuple[str, str], _Values]


@dataclass(frozen=True)
class _Story:
    """What the comparisons look up about whole articles."""

    lowered: dict[str, str]  # article id -> its prose, lower-cased
    numbers: dict[str, set[float]]  # article id -> every number it states
    published: dict[str, datetime | None]
    places: frozenset[str] = frozenset()  # words of the story's place names, lower-cased
    weekdays: dict[str, frozenset[str]] = field(default_factory=dict)  # article -> days named
    # False: disagreements (find_conflicts); True: counts that changed between reports
    # written hours or days apart (find_updates)
    updates: bool = False
    # updates: (kind, role) -> the pairs of values some two reports were compared on; a
    # value joins an update only through one of them
    linked: dict[tuple[str, str], set[frozenset[str]]] = field(default_factory=dict)
    # articles whose headline or lead tells of another incident ("gunman wounds two in
    # fresh Jerusalem attack - a day after seven were killed"): their counts are of it
    other_incident: frozenset[str] = frozenset()


# Counts that change as a story develops (the dead, the injured, the missing, people
# evacuated...): two sources more than this far apart in time are an update, not a
# disagreement ("search continues for 3 passengers" in the afternoon, "the last two
# passengers" the next morning).
_UPDATE_HOURS = 6.0
_SEARCHED = frozenset({"search", "searching", "searched", "last", "remaining", "unaccounted"})
_CHANGING_ROLES = frozenset({"killed", "injured", "missing", "people"})
_CASUALTY_ROLES = frozenset({"killed", "injured", "missing"})
# Tallies of a process that goes on for days (the House speaker's ballots): counted
# nouns whose stem opens the role ("vot:republicans" for "20 Republicans voting").
_TALLIES = frozenset({"vot", "ballot", "round"})


def _changes_over_time(role: str) -> bool:
    """Counts that a story's later reports may give differently without disagreeing."""
    return role in _CHANGING_ROLES or role.split(":")[0] in _TALLIES


# A count of the past or of many events is not this event's count: "since 2000, more
# than 300 people have died in air accidents in Nepal".
_CUMULATIVE = re.compile(
    r"\bsince (?:(?:19|20)\d\d|records began|the (?:start|beginning)\b"
    # "more than 40 killed since December": a month's toll, not one day's clash
    r"|(?:early |late |mid-?)?(?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december)\b(?! \d))"
    r"|\b(?:in|over|during) the (?:past|last|previous) (?:\w+ )?(?:years|decades|century"
    r"|months)\b"
    r"|\b(?:every|each|a|per) year\b|\bannually\b|\balready (?:in|this) (?:(?:19|20)\d\d|year)\b"
    r"|\bin all competitions\b|\bthis season\b|\bcareer\b"
    r"|\b(?:so far|to date) (?:this|in) (?:year|month|season|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# "15 goals so far", "the biggest to date": a tally; but "two dead bodies had so far been
# brought to hospitals" is the event's toll at that hour, so casualty counts stay.
_SO_FAR = re.compile(r"\bso far\b|\bto date\b", re.IGNORECASE)


def _cumulative(text: str) -> bool:
    """Whether ``text`` counts over a period ("since 2000, more than 300 people have
    died"), not "the first strike since 2013" or "the deadliest crash since 1992"."""
    return any(not after_superlative(text, m.start()) for m in _CUMULATIVE.finditer(text))


# A sentence set in an earlier time ("US airstrikes in Kunduz earlier this month that left
# 32 civilians dead", "the 2015 attacks killed 130") may count another incident: its
# counts are compared only with sentences aligned to it, never across the whole story.
_PAST = re.compile(
    r"\b(?:last|past|previous) (?:week|month|year|weekend|summer|winter|spring|autumn|fall)\b"
    r"|\bearlier (?:this|last) (?:week|month|year)\b|\bthis month\b"
    r"|\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few) "
    r"(?:days?|weeks?|months?|years?|decades?) (?:ago|earlier|before)\b"
    r"|\b(?:in|between|from) (?:(?:early|late|mid-?) ?)?(?:(?:january|february|march|april"
    r"|may|june|july|august|september|october|november|december) )?(?:19|20)\d\d\b",
    re.IGNORECASE,
)


# A sentence that tells of another incident ("wounds two in fresh Jerusalem attack - a
# day after seven were killed", "another assailant killed seven") counts two events: its
# numbers are not this event's, whichever the story is about.
_ANOTHER_INCIDENT = re.compile(
    r"\b(?:another|a (?:new|fresh|second|separate)|fresh|separate)\s+(?:[a-z]+\s+)?"
    r"(?:attacks?|shootings?|stabbings?|blasts?|explosions?|bombings?|strikes?|raids?|crash"
    r"|incidents?|(?:earth)?quakes?|assailants?|gunm[ae]n|attackers?)\b"
    # "California's 3rd mass shooting in 3 days", "hours after a gunman killed seven"
    r"|\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth)\s+(?:[a-z]+\s+)?"
    r"(?:attacks?|shootings?|stabbings?|blasts?|explosions?|bombings?|strikes?|raids?)\b"
    # "two days after clashes in another city left 18 dead"
    r"|\bin (?:another|a different|a separate|a neighbouring|a neighboring)\s+"
    r"(?:city|town|village|region|province|state|county|district|country)\b"
    r"|\b(?:hours|days|a day|weeks|a week)\s+after\s+(?:a|an)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:attacks?|shootings?|stabbings?|blasts?|explosions?|bombings?|strikes?|raids?"
    r"|gunm[ae]n|attackers?|assailants?)\b",
    re.IGNORECASE,
)


def _close_in_time(published: dict[str, datetime | None], x: str, y: str) -> bool:
    """Written within ``_UPDATE_HOURS`` of each other (true when either date is unknown)."""
    px, py = published.get(x), published.get(y)
    if px is None or py is None:
        return True
    if (px.tzinfo is None) != (py.tzinfo is None):
        px, py = px.replace(tzinfo=None), py.replace(tzinfo=None)
    return abs((px - py).total_seconds()) <= _UPDATE_HOURS * 3600


def _same_day(published: dict[str, datetime | None], x: str, y: str) -> bool:
    """Both articles written the same day (or both undated, like plain-text files)."""
    px, py = published.get(x), published.get(y)
    if px is None or py is None:
        return px is None and py is None
    return px.date() == py.date()


def find_conflicts(
    articles: Sequence[CleanArticle],
    claims: Sequence[Claim],
    quotes: Sequence[Quote],
    copies: Sequence[Copy],
    settings: Settings,
) -> list[Conflict]:
    """Numbers, dates, names, outcomes and attributions on which independent sources differ."""
    return _compare_values(articles, claims, quotes, copies, updates=False)


def find_updates(
    articles: Sequence[CleanArticle],
    claims: Sequence[Claim],
    copies: Sequence[Copy],
) -> list[Conflict]:
    """Counts of a developing story that changed between reports written apart in time.

    The counts that :func:`find_conflicts` leaves out as updates (the dead, the injured,
    the missing, people: "Russia says 63 troops killed" on 2 January, "Russia now says 89
    soldiers were killed" on 4 January), found by the same rules for aligned sentences
    and for the whole story, except that the articles must be more than
    ``_UPDATE_HOURS`` apart and that one outlet may give both values (its own update).
    Values come oldest first (by the first article giving each); ids are ``u1``, ``u2``...
    """
    return _compare_values(articles, claims, (), copies, updates=True)


def settle_by_updates(
    conflicts: Sequence[Conflict],
    updates: Sequence[Conflict],
    articles: Sequence[CleanArticle],
) -> list[Conflict]:
    """Conflicts that are not snapshots of a count the story shows developing.

    A casualty count that changed between reports hours apart (an update) also differs
    between reports an hour apart: "killing 28 people" at 11:27 and "killing at least 47"
    at 12:09 in a bombing whose toll rose to 100 by the next day. Such a number conflict,
    whose values rise with the time each was first reported, is the same development
    seen closer up: it is left out (its values are in the update). A count that falls
    with time, or a story with no update of that count, keeps its conflict.
    """
    developing = {u.what for u in updates if u.kind == "number"}
    if not developing:
        return list(conflicts)
    published = {a.article.id: a.article.published for a in articles}
    kept = []
    for c in conflicts:
        if c.kind == "number" and c.what in developing and _rises_with_time(c, published):
            continue
        kept.append(c)
    return [Conflict(f"x{i + 1}", c.kind, c.what, c.values, c.claims) for i, c in enumerate(kept)]


def value_of(v: ConflictValue) -> float | None:
    """The number a count's value states ("28"), None for a range or another kind."""
    try:
        return float(v.normalized)
    except ValueError:
        return None


def counts_in(text: str) -> list[tuple[str, float]]:
    """``(what, number)`` of every count ``text`` states, read as conflicts and updates
    read them ("Blast kills at least 27" -> ``("number killed", 27.0)``). A Title Case
    headline is read in lower case, where its capitals would make "Kills 28" a name."""
    if title_case(text):
        text = text.lower()
    return [(s.label, s.high) for s in _number_slots(text)]


def _rises_with_time(c: Conflict, published: Mapping[str, datetime | None]) -> bool:
    timed: list[tuple[datetime, float]] = []
    for v in c.values:
        times = [published.get(a) for a in v.sources]
        number = value_of(v)
        if not times or any(t is None for t in times) or number is None:
            return False
        timed.append((min(t for t in times if t is not None), number))
    timed.sort()
    return all(a[1] < b[1] and a[0] < b[0] for a, b in pairwise(timed))


def _compare_values(
    articles: Sequence[CleanArticle],
    claims: Sequence[Claim],
    quotes: Sequence[Quote],
    copies: Sequence[Copy],
    updates: bool,
) -> list[Conflict]:
    ids = [a.article.id for a in articles]
    group = source_groups(ids, copies, {a.article.id: a.article.outlet for a in articles})
    by_span: dict[tuple[str, int], Sentence] = {
        (s.article_id, s.start): s for a in articles for s in a.sentences
    }
    texts = {a.article.id: " ".join(s.text for s in a.sentences) for a in articles}
    story = _Story(
        lowered={k: v.lower() for k, v in texts.items()},
        numbers={k: {v for _, _, v in numbers_in(t)} for k, t in texts.items()},
        published={a.article.id: a.article.published for a in articles},
        weekdays={
            k: frozenset(re.findall(r"\b(" + "|".join(_WEEKDAYS) + r")\b", v.lower()))
            for k, v in texts.items()
        },
        places=frozenset(
            w
            for a in articles
            for sent in a.sentences
            for _s, _e, name, kind in _name_spans(sent)
            if kind == "place"
            for w in re.findall(r"[a-z0-9]+", name.lower())
            if w not in STOPWORDS
        ),
        updates=updates,
        other_incident=frozenset(
            a.article.id
            for a in articles
            if any(_ANOTHER_INCIDENT.search(sent.text) for sent in a.sentences[:2])
        ),
    )

    # (kind, role, norm) -> evidence; then values of one (kind, role) are compared.
    found: _Found = {}
    for claim in claims:
        sents = [by_span.get((e.article, e.start)) for e in claim.evidence]
        members = [s for s in sents if s is not None]
        if len({group[s.article_id] for s in members}) < 2 and not updates:
            continue
        slots = {(s.article_id, s.start): _slots(s) for s in members}
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if group[a.article_id] == group[b.article_id] and (
                    not updates or a.article_id == b.article_id
                ):
                    continue
                for sa in slots[(a.article_id, a.start)]:
                    for sb in slots[(b.article_id, b.start)]:
                        if sa.kind != sb.kind or sa.role != sb.role:
                            continue
                        if not _differ(sa, sb, a, b, story):
                            continue
                        if (
                            sa.kind == "number"
                            and sa.role not in _CHANGING_ROLES
                            and not _common_words(a.text, b.text, sa.role)
                        ):
                            # Two aligned sentences counting one thing must also share a
                            # word besides names and the counted phrase: "after 3 mass
                            # shootings" (in California) / "39 mass shootings across the
                            # country" share only "California".
                            continue
                        key = (sa.kind, sa.role)
                        if sa.kind == "date":
                            # One conflict per claim; named after the words both share.
                            key = ("date", claim.id)
                            shared = [
                                w
                                for _s, _e, w in _tokens(a.text)
                                if w.isalpha() and stem(w) in sa.context & sb.context
                            ]
                            label = f"date of the {' '.join(dict.fromkeys(shared))}"
                            sa = replace(sa, label=label)
                            sb = replace(sb, label=label)
                        if updates:
                            story.linked.setdefault(key, set()).add(frozenset((sa.norm, sb.norm)))
                        bucket = found.setdefault(key, {})
                        for s, slot in ((a, sa), (b, sb)):
                            ev = Evidence(s.article_id, s.start, s.end, s.text)
                            bucket.setdefault(slot.norm, []).append(
                                (s.article_id, ev, slot, claim.id)
                            )

    if updates:
        _story_level(articles, group, story, claims, found)
        return _updates(found, group, story.published, story.linked)
    _extend_names(claims, by_span, found)
    _story_level(articles, group, story, claims, found)
    _site_conflicts(articles, group, story, claims, found)
    _age_conflicts(articles, group, claims, found)

    conflicts: list[Conflict] = []
    for (kind, role), values in found.items():
        label = next(iter(values.values()))[0][2].label or f"{kind} ({role})"
        conflict = _make(kind, label, values, group)
        if conflict is not None:
            conflicts.append(conflict)
    conflicts.extend(_attribution_conflicts(articles, claims, quotes, group))
    conflicts.sort(key=lambda c: (_first_claim(c, claims), c.kind, c.what))
    # One disagreement found through two claims (a date both claims' sentences give) is
    # reported once, with the evidence of both.
    first: dict[tuple[str, frozenset[tuple[str, tuple[str, ...]]]], int] = {}
    unique: list[Conflict] = []
    for c in conflicts:
        seen_key = (c.kind, frozenset((v.normalized, v.sources) for v in c.values))
        if seen_key not in first:
            first[seen_key] = len(unique)
            unique.append(c)
            continue
        kept = unique[first[seen_key]]
        more = {v.normalized: v.evidence for v in c.values}
        merged = tuple(
            replace(v, evidence=tuple(dict.fromkeys(v.evidence + more[v.normalized])))
            for v in kept.values
        )
        claim_ids = tuple(dict.fromkeys(kept.claims + c.claims))
        unique[first[seen_key]] = replace(kept, values=merged, claims=claim_ids)
    conflicts = unique
    return [
        Conflict(f"x{i + 1}", c.kind, c.what, c.values, c.claims) for i, c in enumerate(conflicts)
    ]


# A count not reported for this many days and then given anew is another incident's (a
# story that chained a month of West Bank raids: "two shot dead" on 14 January, "8
# killed" on 26 January), not an update of the same toll.
_UPDATE_RUN_DAYS = 3.0


def _runs(values: _Values, when: Callable[[str], datetime]) -> list[_Values]:
    """``values`` (by first report) cut where no report came for ``_UPDATE_RUN_DAYS``."""
    first = {norm: min(when(a) for a, _, _, _ in items) for norm, items in values.items()}
    latest = {norm: max(when(a) for a, _, _, _ in items) for norm, items in values.items()}
    runs: list[_Values] = []
    seen: datetime | None = None  # the latest report of the run so far
    for norm in sorted(values, key=lambda n: (first[n], n)):
        t = first[norm]
        if seen is None or (
            t != datetime.max
            and seen != datetime.max
            and (t - seen).total_seconds() > _UPDATE_RUN_DAYS * 86400
        ):
            runs.append({})
            seen = latest[norm]
        runs[-1][norm] = values[norm]
        seen = max(seen, latest[norm])
    return runs


def _updates(
    found: _Found,
    group: dict[str, str],
    published: dict[str, datetime | None],
    linked: dict[tuple[str, str], set[frozenset[str]]],
) -> list[Conflict]:
    """Updates from the values found: each value with its first report, oldest first.

    A run keeps only the values that two reports of the run were compared on: "527
    injured" and "more than 500" were each compared with October's "over 400", never
    with each other, so a November run of the two is no update.
    """

    def when(a: str) -> datetime:
        t = published.get(a)
        return datetime.max if t is None else naive_utc(t)

    out: list[Conflict] = []
    for key, values in found.items():
        kind = key[0]
        label = next(iter(values.values()))[0][2].label or kind
        pairs = linked.get(key, set())
        for whole in _runs(values, when):
            run = {
                norm: items
                for norm, items in whole.items()
                if any(norm in p and p <= whole.keys() for p in pairs)
            }
            made = _make(kind, label, run, group, same_source=True)
            if made is None:
                continue
            ordered = sorted(
                made.values, key=lambda v: (min(when(a) for a in v.sources), v.normalized)
            )
            out.append(replace(made, values=tuple(ordered)))
    out.sort(key=lambda u: (min(when(a) for a in u.values[0].sources), u.what))
    return [replace(u, id=f"u{i + 1}") for i, u in enumerate(out)]


# Roles that one incident has one holder of: two sources naming two different holders
# disagree even when the aligner put their sentences in different claims. Titles shared
# by many people in one story ("president", "prime minister", "spokesman") are not here.
_INCIDENT_ROLES = frozenset(
    {
        "fire chief",
        "police chief",
        "station commander",
        "fire commissioner",
        "police commissioner",
        "fire marshal",
        "head teacher",
        "headteacher",
        "coroner",
        "sheriff",
        "harbour master",
        "harbourmaster",
        "harbor master",
        "incident commander",
    }
)


def _story_eligible(slot: _Slot) -> bool:
    if slot.kind == "number":
        # Casualty counts; other counted nouns only with words around them (see
        # _story_level): "1,000 men" here and "20 men" there were different groups in
        # too many dev stories.
        return (
            slot.bound != "range"
            and not slot.past
            and slot.role not in {"", "people"}
            and not slot.role.startswith("percent")
        )
    if slot.kind == "person":
        return slot.role in _INCIDENT_ROLES or slot.role.split()[-1] in _INCIDENT_ROLES
    return False


def _story_level(
    articles: Sequence[CleanArticle],
    group: dict[str, str],
    story: _Story,
    claims: Sequence[Claim],
    found: _Found,
) -> None:
    """Casualty counts, counted things and incident roles compared across the whole story.

    Each independent source (for updates, each article) must state exactly one value
    for the slot (a source giving two counts of injured is telling a story in stages, not
    disagreeing), counts said of an earlier time left out; every pair of sources with
    different values must pass the same tests as aligned sentences. For updates, two
    reports written close in time need only count the same thing, and some two far apart
    must give counts that moved.
    """
    claim_of = {(e.article, e.start): c.id for c in claims for e in c.evidence}
    per_role: dict[tuple[str, str], dict[str, list[tuple[Sentence, _Slot]]]] = {}
    for a in articles:
        if a.article.id in story.other_incident:
            continue  # its counts are of another incident than the story's
        for sent in a.sentences:
            for slot in _slots(sent):
                if _story_eligible(slot):
                    # Updates may be an outlet's own (a live page rewritten): each of
                    # its reports then speaks for itself.
                    unit = sent.article_id if story.updates else group[sent.article_id]
                    per_role.setdefault((slot.kind, slot.role), {}).setdefault(unit, []).append(
                        (sent, slot)
                    )
    for key, by_group in per_role.items():
        if key in found or len(by_group) < 2:
            continue
        if any(len({slot.norm for _, slot in items}) != 1 for items in by_group.values()):
            continue
        reps = [items[0] for items in by_group.values()]
        if len({slot.norm for _, slot in reps}) < 2:
            continue
        ok = True
        moved = False  # updates: some two reports far apart in time give two counts
        for i, (sa, xa) in enumerate(reps):
            for sb, xb in reps[i + 1 :]:
                if xa.norm == xb.norm:
                    continue
                if (
                    story.updates
                    and key[0] == "number"
                    and _close_in_time(story.published, sa.article_id, sb.article_id)
                ):
                    # Two reports of one hour need not agree for the count to have moved
                    # since an earlier one; they must still count the same thing.
                    ok = ok and _same_count(xa, xb, sa, sb, story)
                elif _differ(xa, xb, sa, sb, story):
                    moved = True
                    if story.updates:
                        story.linked.setdefault(key, set()).add(frozenset((xa.norm, xb.norm)))
                else:
                    ok = False
        ok = ok and (moved or not story.updates)
        if key[0] == "number" and key[1] not in {"killed", "injured"}:
            # "A ferry carrying 184 passengers" / "It was carrying 148 passengers": the
            # same count only when every two values are said with a shared word.
            by_value: dict[str, set[str]] = {}
            for items in by_group.values():
                for _, x in items:
                    by_value.setdefault(x.norm, set()).update(x.context)
            contexts = list(by_value.values())
            ok = ok and all(
                contexts[i] & contexts[j]
                for i in range(len(contexts))
                for j in range(i + 1, len(contexts))
            )
        if not ok:
            continue
        bucket: _Values = {}
        for items in by_group.values():
            for sent, slot in items:
                ev = Evidence(sent.article_id, sent.start, sent.end, sent.text)
                cid = claim_of.get((sent.article_id, sent.start), "")
                bucket.setdefault(slot.norm, []).append((sent.article_id, ev, slot, cid))
        found[key] = bucket


# Kinds of site an incident happens at, one per story: "the Fernside Industrial Estate"
# in three outlets and "the Hollins Industrial Estate" in a fourth is a disagreement.
_SITE_HEADS = frozenset(
    {
        "industrial estate",
        "industrial park",
        "business park",
        "retail park",
        "trading estate",
        "housing estate",
        "leisure centre",
        "leisure center",
        "community centre",
        "community center",
        "shopping centre",
        "shopping center",
        "sports centre",
        "sports center",
        "nature reserve",
    }
)


def _site_conflicts(
    articles: Sequence[CleanArticle],
    group: dict[str, str],
    story: _Story,
    claims: Sequence[Claim],
    found: _Found,
) -> None:
    """The site of the event (an industrial estate, a leisure centre) named differently.

    Each independent source must name exactly one site of that kind, and neither of two
    sources may mention the other's.
    """
    claim_of = {(e.article, e.start): c.id for c in claims for e in c.evidence}
    per_head: dict[str, dict[str, list[tuple[Sentence, str]]]] = {}
    for a in articles:
        for sent in a.sentences:
            for _start, _end, name, kind in _name_spans(sent):
                if kind == "person":
                    continue
                head = " ".join(name.lower().split()[-2:])
                if head in _SITE_HEADS and len(name.split()) > 2:
                    per_head.setdefault(head, {}).setdefault(group[sent.article_id], []).append(
                        (sent, name)
                    )
    for head, by_group in per_head.items():
        names = {g: {n.lower() for _, n in items} for g, items in by_group.items()}
        if len(by_group) < 2 or any(len(v) != 1 for v in names.values()):
            continue
        reps = [items[0] for items in by_group.values()]
        if len({n.lower() for _, n in reps}) < 2:
            continue
        clash = all(
            xn.lower() == yn.lower()
            or not (
                _same_name(xn, yn)
                or _mentions(story.lowered[xs.article_id], yn, whole=True)
                or _mentions(story.lowered[ys.article_id], xn, whole=True)
            )
            for i, (xs, xn) in enumerate(reps)
            for ys, yn in reps[i + 1 :]
        )
        if not clash:
            continue
        bucket: _Values = {}
        for items in by_group.values():
            for sent, name in items:
                slot = _Slot("place", head, name, name.lower(), label=f"which {head}")
                ev = Evidence(sent.article_id, sent.start, sent.end, sent.text)
                cid = claim_of.get((sent.article_id, sent.start), "")
                bucket.setdefault(slot.norm, []).append((sent.article_id, ev, slot, cid))
        found.setdefault(("place", head), bucket)


# The age of the one child, driver or gunman at the centre of an event: "a 3-year-old
# boy" in three outlets and "a four-year-old boy" in three others is a disagreement.
# Relations ("son", "daughter") are left out: whose son is another question.
_AGE_HEADS = _words(
    """boy girl child toddler baby teenager teen man woman gunman shooter attacker driver
    pilot suspect victim passenger student schoolboy schoolgirl"""
)
_AGE = re.compile(
    r"\b(\d{1,3}|" + "|".join(w for w, v in _NUMBER_WORDS.items() if v < 20) + r")"
    r"[- ]year[- ]old\s+(" + "|".join(sorted(_AGE_HEADS)) + r")\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
# words of an age phrase itself, which two sentences do not share as context
_AGE_WORDS = frozenset({"year", "old", "year-old", *_AGE_HEADS})


def _age_conflicts(
    articles: Sequence[CleanArticle],
    group: dict[str, str],
    claims: Sequence[Claim],
    found: _Found,
) -> None:
    """The age of the event's one boy (driver, gunman...) given differently.

    Each independent source must give exactly one age for that word, not counting
    sentences about another year ("a 3-year-old boy fell into the den ... in 1996");
    every two sentences with different ages must share two content words besides the
    age phrase (they tell of the same moment).
    """
    claim_of = {(e.article, e.start): c.id for c in claims for e in c.evidence}
    per_head: dict[str, dict[str, list[tuple[Sentence, int, str]]]] = {}
    for a in articles:
        year = a.article.published.year if a.article.published else None
        for sent in a.sentences:
            years = {int(y) for y in _YEAR.findall(sent.text)}
            if years and years != {year}:
                continue  # another incident, another year
            for m in _AGE.finditer(sent.text):
                raw = m.group(1).lower()
                age = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
                head = m.group(2).lower()
                head = "teenager" if head == "teen" else head
                per_head.setdefault(head, {}).setdefault(group[sent.article_id], []).append(
                    (sent, age, m.group(0))
                )
    for head, by_group in per_head.items():
        ages = {g: {age for _, age, _ in items} for g, items in by_group.items()}
        if len(by_group) < 2 or any(len(v) != 1 for v in ages.values()):
            continue
        reps = [items[0] for items in by_group.values()]
        if len({age for _, age, _ in reps}) < 2:
            continue
        context = [set(content_stems(sent.text)) - _AGE_WORDS for sent, _, _ in reps]
        if not all(
            reps[i][1] == reps[j][1] or len(context[i] & context[j] - {str(reps[i][1])}) >= 2
            for i in range(len(reps))
            for j in range(i + 1, len(reps))
        ):
            continue
        bucket: _Values = {}
        for items in by_group.values():
            for sent, age, written in items:
                slot = _Slot(
                    "number",
                    f"age {head}",
                    written,
                    str(age),
                    low=age,
                    high=age,
                    label=f"age of the {head}",
                )
                ev = Evidence(sent.article_id, sent.start, sent.end, sent.text)
                cid = claim_of.get((sent.article_id, sent.start), "")
                bucket.setdefault(slot.norm, []).append((sent.article_id, ev, slot, cid))
        found.setdefault(("number", f"age {head}"), bucket)


def _extend_names(
    claims: Sequence[Claim],
    by_span: dict[tuple[str, int], Sentence],
    found: _Found,
) -> None:
    """Add to a name conflict the other sentences of its claims that state one value.

    "The shelter set up by Ashford Borough Council" supports that side of "who opened"
    though its verb differs; a sentence naming both values supports neither.
    """
    by_id = {c.id: c for c in claims}
    for (kind, _role), values in found.items():
        if kind not in {"person", "place", "organisation"}:
            continue
        seen = {(ev.article, ev.start) for items in values.values() for _, ev, _, _ in items}
        first = {norm: items[0][2] for norm, items in values.items()}
        for cid in {c for items in values.values() for _, _, _, c in items if c}:
            for e in by_id[cid].evidence:
                sent = by_span.get((e.article, e.start))
                if sent is None or (e.article, e.start) in seen:
                    continue
                low = sent.text.lower()
                hits = [
                    norm
                    for norm, slot in first.items()
                    if _mentions(low, slot.value, whole=kind != "person")
                ]
                if len(hits) == 1:
                    ev = Evidence(sent.article_id, sent.start, sent.end, sent.text)
                    values[hits[0]].append((sent.article_id, ev, first[hits[0]], cid))
                    seen.add((e.article, e.start))


def _first_claim(c: Conflict, claims: Sequence[Claim]) -> int:
    order = {cl.id: i for i, cl in enumerate(claims)}
    return min((order.get(x, len(order)) for x in c.claims), default=len(order))


def _make(
    kind: str,
    what: str,
    values: _Values,
    group: dict[str, str],
    same_source: bool = False,
) -> Conflict | None:
    out: list[ConflictValue] = []
    claim_ids: list[str] = []
    seen_groups: list[set[str]] = []
    for norm, items in sorted(values.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        sources = tuple(dict.fromkeys(a for a, _, _, _ in items))
        evidence = tuple(dict.fromkeys(ev for _, ev, _, _ in items))
        out.append(ConflictValue(items[0][2].value, norm, sources, evidence))
        claim_ids.extend(c for _, _, _, c in items if c)
        seen_groups.append({group[a] for a in sources})
    if len(out) < 2:
        return None
    # An independent source on both sides of a conflict contradicts itself: not our call
    # (an update, ``same_source``, may be an outlet's own).
    for i, gi in enumerate([] if same_source else seen_groups):
        for gj in seen_groups[i + 1 :]:
            if gi & gj:
                return None
    return Conflict("", kind, what, tuple(out), tuple(dict.fromkeys(claim_ids)))


# ---------------------------------------------------------------------------- slots


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]


@lru_cache(maxsize=8192)
def _slots(s: Sentence) -> tuple[_Slot, ...]:
    """Every slot of a sentence (cached: the claim and story passes ask again)."""
    return (*_number_slots(s.text), *_date_slots(s.text), *_name_slots(s), *_outcome_slots(s.text))


_ORDINAL_WORDS = re.findall(
    r"\w+", "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
)
_ONE_MORE = re.compile(r"[^.;:!?]{0,60}?\band (?:a|an) (?:" + "|".join(_ORDINAL_WORDS[1:]) + r")\b")


_IN_HOSPITAL = re.compile(
    r"[^.;:!?]{0,40}?\b(?:remain|remains|remaining|still|are|were)\s+"
    r"(?:being treated\s+)?(?:in|at)\s+(?:the\s+|a\s+)?hospitals?\b",
    re.IGNORECASE,
)


_REPORTING_VERBS = frozenset(
    stem(w)
    for w in re.findall(
        r"\S+",
        """show shows showed shown find finds found reveal reveals revealed suggest suggests
        suggested indicate indicates indicated say says said report reports reported""",
    )
)


def _unit_and_role(text: str, start: int, end: int, percent: bool = False) -> tuple[str, str]:
    """``(role, label)`` of the number at ``text[start:end]``, ``("", "")`` when unsure.

    The role is a casualty class (killed/injured), else the counted noun ("12 homes").
    Only the clause around the number counts: "killed 14 and injured 12" gives 14 the
    role killed and 12 the role injured. Measurements and money (miles, hours, tons,
    dollars) are left out: two of them in one story are too often different quantities
    (altitude and range, two flights) for a mismatch to mean a dispute.
    """
    right = re.split(r"[,;:()]|\band\b|\bbut\b|\d", text[end : end + 60])[0]
    left = re.split(r"[,;:()]|\band\b|\bbut\b|\d", text[max(0, start - 40) : start])[-1]
    after_cased = re.findall(r"[A-Za-z%][A-Za-z'’\-]*", right)[:4]
    after = [w.lower() for w in after_cased]
    before_all = re.findall(r"[A-Za-z][A-Za-z'’\-]*", left.lower())
    before = before_all[-2:]
    if _SEVERITY.intersection(after) or _SEVERITY.intersection(before):
        return "", ""  # "two badly hurt", "four in serious condition": a part of the injured
    if _ONE_MORE.match(text, end, end + 100):
        # "Three members of the Oath Keepers and a fourth person associated with it": the
        # count goes on in the same clause, so it is not the whole group.
        return "", ""
    if after and stem(after[0]) in _MEASURES:
        return "", ""  # "died three days later", "beaten to death in FIVE MINUTES"
    if _DEATH_TOLL.search(text, max(0, start - 200), start):
        # "The death toll rose to 85", "Death toll in Nice attack, in which ..., rose to 85"
        return "killed", "number killed"
    if casualty := _PEOPLE_THEN_CASUALTY.match(text, end, end + 140):
        # "at least 84 people, including children, were killed"
        if casualty.group(1) in _KILLED:
            return "killed", "number killed"
        return "injured", "number injured"
    if _IN_HOSPITAL.match(text, end, end + 80):
        return "", ""  # "52 injured people remain in hospital": a part, at that moment
    for w in after:
        if w in _KILLED:
            return "killed", "number killed"
        if w in _INJURED:
            return "injured", "number injured"
        if w == "missing":
            return "missing", "number missing"
    # "search continues for 3 passengers", "the last two passengers": those still missing
    searched = _SEARCHED.intersection(re.findall(r"[a-z]+", left.lower())[-4:])
    if searched and (searched != {"last"} or (after and after[0] not in STOPWORDS)):
        # "the last two passengers"; not a round, "reach the last 16, Murray bows out"
        return "missing", "number missing"
    for w in reversed(before_all):
        # "killed 14", "injuring 12", "killing at least 14"; not "killed after two
        # helicopters collided"
        if w in _KILLED or w.startswith("kill"):
            return "killed", "number killed"
        if w.startswith(("injur", "wound")):
            return "injured", "number injured"
        if w not in _QUALIFIER_WORDS:
            break
    if percent or right.lstrip().startswith("%") or (after and after[0] in {"percent", "per"}):
        # A bare percentage needs the word that says what moved: "rose 3%", "fell to 4%".
        # Market moves change by the minute: two outlets quoting two moments differ.
        nearby = re.findall(r"[a-z]+", text[max(0, start - 80) : end + 40].lower())
        if _MARKET.intersection(nearby):
            return "", ""
        verb = next((w for w in reversed(before) if w not in STOPWORDS), "")
        if not verb or stem(verb) in _REPORTING_VERBS:
            # "a poll showed 40 percent of Americans approve" / "shows that 64 percent
            # ... believe": the reporting verb says nothing about what was measured
            return "", ""
        # Named after what the share measures when words say it ("take a 40% pay cut":
        # "size of the pay cut"), else after the verb ("percentage (rose)").
        what = [w for w in after if w not in {"percent", "per", "cent", "%"}][:2]
        what = what[: next((k for k, w in enumerate(what) if w in STOPWORDS), len(what))]
        label = f"size of the {' '.join(what)}" if what else f"percentage ({verb})"
        return f"percent:{stem(verb)}", label
    if _STILL.intersection(after[:3]) or _STILL.intersection(before):
        return "", ""  # "the four teams remaining": a count of that moment
    # The counted noun follows the number, at most after one modifier ("184 passengers",
    # "12 more people", "200 Chibok schoolgirls"); "seven the safety car" has none.
    if re.match(r"\s+[A-Z][\w-]*\s+\d", text[end:]):
        return "", ""  # "14 Leopard 2 tanks": a model's name and number follow
    unit = ""
    make = ""  # "31 Abrams tanks": a count of one make is not a count of all tanks
    named = ""  # the counted phrase as the label shows it
    for k, (cased, w) in enumerate(zip(after_cased[:2], after[:2], strict=False)):
        if w in {"people", "persons"}:
            return "people", "number of people"
        if w in STOPWORDS or w in _GENERIC_UNITS:
            break
        if k == 0 and (cased[0].isupper() or w in _MODIFIERS) and len(after) > 1:
            make = cased if cased[0].isupper() else ""
            continue
        unit = named = w
        # "50 generic medications", "200 million email addresses": a singular word before
        # a plural one modifies it, so the label names both (the key stays the first
        # word); "241 passengers struck" has its plural first.
        nxt = after_cased[k + 1] if k + 1 < len(after_cased) else ""
        if (
            nxt.isalpha()
            and nxt.islower()
            and nxt not in STOPWORDS
            and not w.endswith("s")
            and nxt.endswith("s")
            and not nxt.endswith("ss")
            and re.match(rf"[\s-]+{re.escape(cased)}[\s-]+{re.escape(nxt)}\b", text[end : end + 80])
            is not None
        ):
            named = f"{w} {nxt}"
        break
    if not unit or unit in _MONTHS or unit in _WEEKDAYS or stem(unit) in _MEASURES:
        return "", ""
    if unit.endswith("ed") or unit in {"others", "more", "less"}:
        return "", ""
    both = re.match(
        rf"\s+(?:[A-Z][\w-]*\s+)?{re.escape(unit)}\s+(?:and|&)\s+([a-z]+)", text[end : end + 60]
    )
    if both and both.group(1) not in STOPWORDS and not numbers_in(both.group(1)):
        # "over 40 women and children" counts both: not the number of women
        unit = f"{unit} and {both.group(1)}"
        return "+".join(stem(w) for w in unit.split(" and ")), f"number of {unit}"
    if make:
        return f"{stem(unit)}:{make.lower()}", f"number of {make} {named}"
    kind = re.match(
        rf"\s+(?:[A-Z][\w-]*\s+)?{re.escape(named)}\s+of\s+([a-z][a-z'’\-]+)", text[end : end + 80]
    )
    if kind and kind.group(1) not in STOPWORDS and not numbers_in(kind.group(1)):
        # "24 counts of rape" among "more than 43 counts": a count of one kind is not
        # the count of all (a partitive "of the passengers" names no kind)
        return f"{stem(unit)}:of {stem(kind.group(1))}", f"number of {named} of {kind.group(1)}"
    return stem(unit), f"number of {named}"


# A death toll's verb right before its number, the toll named earlier in the sentence.
_DEATH_TOLL = re.compile(
    r"(?i)\bdeath toll\b(?:[^.;!?]{0,160}?\b(?:rose|rises|risen|raised|revised|climbed|climbs|jumped|"
    r"increased|reached|stands?|stood|hit|is|was)\s+(?:to\s+|at\s+|up to\s+)?"
    # "a death toll of 85", "death toll up to 17"; not "death toll up to 17, gang leader
    # one of 25 escapees"
    r"|(?:\s+[\w'’]+){0,3}?\s+(?:of|at|up to)\s+)"
    r"(?:(?:at least|about|around|nearly|almost|more than|over)\s+)?$"
)
# "84 people, including children, were killed": the casualty verb after an aside.
_PEOPLE_THEN_CASUALTY = re.compile(
    r"\s+(?:people|persons)(?:\s*,\s*(?:including|among them|many of them|most of them)"
    r"[^,.;]{1,60},)?\s+(?:were|have been|had been|are|was)\s+(?:\w+ly\s+)?"
    r"(killed|dead|injured|wounded|hurt)\b"
)


# Words that may stand between a casualty verb and its count ("killing at least 14").
_QUALIFIER_WORDS = _words(
    "at least about some nearly almost around over more than up to an estimated"
)


def _qualifier(text: str, start: int) -> str:
    left = text[max(0, start - 20) : start].lower()
    left = re.sub(r"[^a-z ]", " ", left)
    left = " " + " ".join(left.split()) + " "
    for q in _LOWER_BOUND:
        if left.endswith(" " + q + " "):
            return "lower"
    for q in _UPPER_BOUND:
        if left.endswith(" " + q + " "):
            return "upper"
    for q in _APPROX:
        if left.endswith(" " + q + " "):
            return "approx"
    return ""


# "aged 7, 8 and 10", "ages 4 to 12": the numbers are ages.
_AGES = re.compile(r"\b(?:aged?|ages)\s+(?:\d+|,|\s|and|to|-|between)*$", re.IGNORECASE)


# Words after a count that make it a clause of its own ("three people died and two were
# injured"), not a noun in a sum ("ten guards and four inmates").
_VERBISH = (
    _KILLED
    | _INJURED
    | _words("were was are is have has had been being killed wounded missing remain remained")
)


def _victims(after: str) -> frozenset[str]:
    """The proper words naming a count's casualties: "25 Taliban fighters" -> {taliban},
    "two Palestinians" -> {palestinians}; none for "nine people"."""
    run = re.match(r"\s+((?:[A-Z][\w'’\-]*\s+)*[A-Z][\w'’\-]*)\b", after)
    if not run:
        return frozenset()
    return frozenset(w.lower() for w in run.group(1).split())


def _others_wounded(text: str, start: int, end: int) -> bool:
    """ "Killing six, with more than 100 others wounded": the others are the wounded
    besides the dead, their whole count (but "two badly hurt and 10 others" is a part)."""
    if not re.match(r"\s+others\s+(?:were\s+|have been\s+)?(?:wounded|injured|hurt)\b", text[end:]):
        return False
    before = set(re.findall(r"[a-z]+", text[:start].lower()))
    return bool(before & (_KILLED | {"killing", "toll"})) and not before & (_INJURED | _SEVERITY)


def _number_slots(text: str) -> list[_Slot]:
    out: list[_Slot] = []
    if _cumulative(text):
        return out  # a tally of the past, not this event's count
    if _ANOTHER_INCIDENT.search(text):
        return out  # two incidents' counts in one sentence
    nums = numbers_in(text)
    used: set[int] = set()
    past = _PAST.search(text) is not None
    headline = title_case(text)
    for idx, (start, end, value) in enumerate(nums):
        if idx in used:
            continue
        raw = text[start:end]
        before = text[max(0, start - 12) : start]
        after = text[end : end + 12]
        # Glued to letters or symbols ("G-7", "1,000-year-old", "COVID-19", "3:30"): not a count.
        if re.search(r"[-/:.]$", before) or re.match(r"[-/:]|\.\d|\w", after):
            continue
        if before.endswith("$") or before.endswith("£") or before.endswith("€"):
            continue  # money: amounts differ by exchange rates and rounding too often
        lower_raw = raw.lower()
        if re.fullmatch(r"1[89]\d\d|20\d\d", lower_raw):
            continue  # a year
        if re.fullmatch(r"\d{4,}", raw):
            continue  # "its 4680 battery": counts this large are written "4,680"
        prev_word = re.findall(r"[A-Za-z]+\.?\s*$", before)
        if prev_word and prev_word[0].strip(" .").lower() in _MONTHS:
            continue  # "Jan. 11"
        if re.match(r"\s*(?:st|nd|rd|th)\b", after) or re.match(
            r"\s+(" + "|".join(_MONTHS) + r")\b", after.lower()
        ):
            continue  # "11 January", "3rd"
        if re.match(r"\s*(a\.?m\.?|p\.?m\.?)", after.lower()):
            continue
        if re.search(
            r"\b(no|number|No|flight|Flight|route|Route|page|section|article)\s*$", before
        ):
            continue
        if re.search(
            rf"(?:\d|\b{_NUMBER_WORD})\s+(?:in|out of)\s+$",
            text[max(0, start - 20) : start].lower(),
        ) or re.match(rf"\s+(?:in|out of)\s+(?:\d|{_NUMBER_WORD}\b)", text[end : end + 20].lower()):
            continue  # "nine in 10 people": a ratio, not a count
        if lower_raw.startswith("dozen") or re.match(r"\s+dozens?\b", after.lower()):
            continue  # "two dozen", "dozens of": too loose to compare
        if re.search(
            r"\bpopulations?\s+(?:of\s+)?(?:(?:about|around|nearly|almost|some|over|more than"
            r"|roughly|just over|just under)\s+)?$",
            text[max(0, start - 40) : start],
            re.IGNORECASE,
        ):
            continue  # "a population of nearly 99 million people": not the event's count
        if _AGES.search(text, max(0, start - 40), start):
            continue  # "three girls aged 7, 8 and 10 are killed": ages, not counts
        if re.search(r"\d\s?[x×]\s?$", before) or re.match(r"\s?[x×]\s?\d", after):
            continue  # a dimension: "7,860 x 2,160 pixels"
        prev = re.findall(r"([A-Za-z][\w'’\-]*)\s*$", before)
        if prev and prev[0][0].isupper() and prev[0].lower() not in STOPWORDS:
            continue  # "Boeing 747", "Gang 1": part of a name
        if (
            (
                re.match(
                    r"\s+(?:(?:of|among)\s+(?:the|them|those|whom|these)|others?|more|further"
                    r"|additional)\b",
                    text[end : end + 20],
                )
                and not _others_wounded(text, start, end)
            )
            or re.search(
                # "were among four killed": the four are the total, the subject its part
                r"\b(?:including|among them|(?<!were )(?<!was )(?<!are )(?<!is )among|of whom|of them)"
                r"\s+$",
                text[max(0, start - 20) : start],
            )
            or re.match(
                r"(?:\s+[\w'’\-]+){0,3}?\s+(?:were|was|are|is|being)\s+(?:also\s+)?among\b",
                text[end : end + 60],
            )
        ):
            # a part ("three of the injured", "including two children", "20 others",
            # "two British citizens were among four killed")
            continue
        if (
            sum_part := re.search(
                rf"(?:\d|\b{_NUMBER_WORD})\s+((?:[a-z][\w'’-]*\s+){{1,2}})(?:and|&)\s+$",
                text[max(0, start - 50) : start],
                re.IGNORECASE,
            )
        ) and not _VERBISH.intersection(sum_part.group(1).lower().split()):
            continue  # "Ten guards and four inmates were killed": a part of the 14
        low, high, bound = value, value, _qualifier(text, start)
        end_all = end
        # "12 to 14", "12-14", "between 12 and 14"
        if idx + 1 < len(nums):
            ns, ne, nv = nums[idx + 1]
            if re.fullmatch(r"\s*(?:to|-|–|and|or)\s*", text[end:ns]) and nv > value:
                low, high, bound, end_all = value, nv, "range", ne
                used.add(idx + 1)
        is_percent = bool(re.search(r"(%|percent|per cent)$", text[start:end_all].lower()))
        role, label = _unit_and_role(text, start, end_all, is_percent)
        if not role:
            continue
        if bound == "upper" and re.search(r"\btoll\s+(?:\w+\s+)?up to\s+$", text[:start]):
            bound = ""  # "death toll up to 17": the toll has risen to 17, no bound
        if role not in _CHANGING_ROLES and re.search(
            r"\b(?:first|next|top|final|opening)\s+$", text[max(0, start - 12) : start].lower()
        ):
            continue  # "the first four episodes": a part, not the total
        if role.split(":")[0] in _TALLIES and re.match(
            r"(?:\s+[\w'’-]+){1,3}?\s+(?:necessary|needed|required)\b",
            text[end_all : end_all + 50].lower(),
        ):
            continue  # "the 218 votes necessary to be elected": a threshold, not a tally
        shown = text[start:end_all]
        norm = f"{low:g}-{high:g}" if bound == "range" else f"{value:g}"
        context = _context(text[max(0, start - 40) : start], text[end_all : end_all + 50], role)
        victims: frozenset[str] = frozenset()
        if role in _CASUALTY_ROLES and not headline:
            victims = _victims(text[end_all : end_all + 60])
        out.append(
            _Slot(
                "number",
                role,
                shown,
                norm,
                low,
                high,
                bound,
                label,
                context,
                past=past,
                victims=victims,
            )
        )

    # A sentence that names its counted noun twice breaks a total into parts ("three
    # counts of wire fraud and one count of conspiracy"): none of them is the total.
    # Counts of kinds ("of fraud") or makes ("Abrams tanks") are parts of the noun's.
    def noun(role: str) -> str:
        return role if role.startswith("percent:") else role.split(":")[0]

    given = Counter(noun(x.role) for x in out)
    for m in re.finditer(r"\b(?:one|a|an|single)\s+([a-z-]+)(?:\s+([a-z]+))?", text.lower()):
        for word in {stem(w) for w in m.groups() if w}:
            given[word] += 1
    if _SO_FAR.search(text):
        out = [x for x in out if x.role in _CASUALTY_ROLES]
    return [x for x in out if x.role in _CHANGING_ROLES or given[noun(x.role)] < 2]


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_PLURAL = re.compile(r"[a-z]+[^s]s")


def _context_stems(words: Sequence[str], unit: str) -> frozenset[str]:
    """Stems of the lower-case content words (names are no context: "Corvale will house
    1,000 ..." / "Corvale received 3,100 ...") less the counted noun phrase, which says
    what is counted, not what happened: the unit and a plural after it ("asylum
    seekers", "mass shootings"; a verb after the unit stays)."""
    head = unit.split(":", 1)[0]
    out: set[str] = set()
    after_head = False
    for w in words:
        st = stem(w)
        if st == head:
            after_head = True
            continue
        if after_head and _PLURAL.fullmatch(w):
            after_head = False
            continue
        after_head = False
        if w.islower() and w not in STOPWORDS and st not in _MEASURES:
            out.add(st)
    return frozenset(out)


def _common_words(a: str, b: str, unit: str) -> frozenset[str]:
    """The context words (see :func:`_context_stems`) both sentences use."""
    return _context_stems(_TOKEN.findall(a), unit) & _context_stems(_TOKEN.findall(b), unit)


def _context(left: str, right: str, unit: str) -> frozenset[str]:
    """Context words of the clause around a value: 4 words before, 5 after."""
    lw = re.split(r"[.;:!?]", left)[-1]
    rw = re.split(r"[.;:!?]", right)[0]
    return _context_stems(_TOKEN.findall(lw)[-4:] + _TOKEN.findall(rw)[:5], unit)


def _date_slots(text: str) -> list[_Slot]:
    """The one date of a sentence (weekday or month-day), with the words around it.

    A sentence with two dates is skipped: which date belongs to which event is a guess.
    "Thursday, March 13" is one date; "an Oct. 19 meeting" or "last Friday" are not the
    date of the sentence's event.
    """
    toks = _tokens(text)
    found: list[tuple[int, int, str, str]] = []  # first token, last token, shown, norm
    k = 0
    while k < len(toks):
        low = toks[k][2].lower()
        month_at = k + 1 if low in _WEEKDAYS else k
        if (
            month_at + 1 < len(toks)
            and toks[month_at][2].lower().rstrip(".") in _MONTHS
            and toks[month_at][2][0].isupper()
            and toks[month_at + 1][2].isdigit()
            and 1 <= int(toks[month_at + 1][2]) <= 31
        ):
            day = int(toks[month_at + 1][2])
            month = toks[month_at][2].lower().rstrip(".")[:3]
            shown = text[toks[k][0] : toks[month_at + 1][1]]
            found.append((k, month_at + 1, shown, f"{month}-{day}"))
            k = month_at + 2
            continue
        if low in _WEEKDAYS:
            found.append((k, k, toks[k][2], low))
        k += 1
    if len(found) != 1:
        return []
    first, last, shown, norm = found[0]
    if first > 0 and toks[first - 1][2].lower() in _NOT_THIS_EVENT:
        return []  # "an Oct. 19 meeting", "last Friday"
    # "said on Friday", "announced Tuesday": the day of a statement, which outlets writing
    # on different days give differently; not the date of the event.
    near = [t[2].lower() for t in toks[max(0, first - 3) : first] + toks[last + 1 : last + 3]]
    if any(w in _SPEECH for w in near):
        return []
    window = [*toks[max(0, first - 5) : first], *toks[last + 1 : last + 6]]
    # Names around a date ("the Security Council", "Equifax") do not make it the same
    # event; the lower-case words (vote, meet, signed) do.
    context = frozenset(
        stem(w)
        for _s, _e, w in window
        if w.isalpha()
        and w.islower()
        and w not in STOPWORDS
        and w not in _SPEECH
        and w not in _ORDINAL_SUFFIXES
    )
    if not context:
        return []
    return [_Slot("date", "", shown, norm, context=context)]


# "January 17th" reads as "17" and "th": the suffix is no word of the event
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
# Two dates are of one event when the words around them share this many stems ("the
# ferry sank on Saturday night" / "... sank on Sunday night"); one shared word is too
# often a bystander ("employees" around a union's tweet date and its strike date).
DATE_SHARED_WORDS = 2


@lru_cache(maxsize=8192)
def _name_spans(s: Sentence) -> tuple[tuple[int, int, str, str], ...]:
    """``(start, end, text, type)`` of names in the sentence, offsets relative to it."""
    spans: list[tuple[int, int, str, str]] = []
    kinds = {
        "PERSON": "person",
        "ORG": "organisation",
        "GPE": "place",
        "LOC": "place",
        "FAC": "place",
    }
    if s.mentions:
        for m in s.mentions:
            if m.label not in kinds:
                continue
            start, name = m.start - s.start, m.text
            # NER spans may carry a title or an article ("Port Ellis Fire Chief Marcus
            # Hale", "the Fernside Industrial Estate, Millbrook ..."): keep the name.
            name = re.split(r",| in ", name)[0].rstrip()
            words = name.split()
            if m.label == "PERSON":
                cut = max(
                    (i + 1 for i, w in enumerate(words) if w.lower().strip(".") in _TITLE_PREFIX),
                    default=0,
                )
                words = words[cut:]
            elif words and words[0].lower() == "the":
                words = words[1:]
            if not words:
                continue
            name = " ".join(words)
            offset = m.text.find(name)
            if offset < 0:
                continue
            start += offset
            spans.append((start, start + len(name), name, kinds[m.label]))
        # The small NER model misses some titled people ("Fire Chief Marcus Hale" read as
        # a work of art): a name after a title counts as a person either way.
        for start, end, name, kind in _regex_name_spans(s):
            if kind != "person":
                continue
            clash = [x for x in spans if x[0] < end and start < x[1]]
            if any(x[3] == "person" for x in clash):
                continue
            spans = [x for x in spans if x not in clash]
            spans.append((start, end, name, kind))
        return tuple(sorted(spans))
    return tuple(_regex_name_spans(s))


def _regex_name_spans(s: Sentence) -> list[tuple[int, int, str, str]]:
    """Names found without NER: capitalised runs typed by their title, preposition or words."""
    spans: list[tuple[int, int, str, str]] = []
    for found in re.finditer(_LONG_NAME, s.text):
        words = found.group(0).split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        # "Prime Minister Ilse Marren", "Port Ellis Fire Chief Marcus Hale": the
        # capitalised title is the role, the words after it the name.
        cut = max(
            (i + 1 for i, w in enumerate(words[:-2]) if w.lower().strip(".") in _TITLE_PREFIX),
            default=0,
        )
        titled = cut > 0
        words = words[cut:]
        if not words or (found.start() == 0 and len(words) < 2 and not titled):
            continue
        name = " ".join(words)
        start = found.end() - len(name)
        low = {w.lower().strip(".") for w in words}
        if titled and len(words) >= 2 and not low & _ORG_WORDS:
            kind = "person"
        elif " ".join(words[-2:]).lower() in _SITE_HEADS:
            kind = "place"
        elif low & _ORG_WORDS:
            kind = "organisation"
        else:
            left = [w for w in s.text[max(0, start - 25) : start].lower().split() if w != "the"]
            if left and left[-1] in _PLACE_PREPS:
                kind = "place"
            elif left and left[-1] in _TITLES and len(words) >= 2:
                kind = "person"
            else:
                continue
        spans.append((start, found.end(), name, kind))
    return spans


# What may follow a place name that is the place itself, not a modifier of a noun.
_AFTER_PLACE = _words(
    """on in at near after before during when where with and or but as for to from by over
    last this early late that which who while since until about around amid earlier later
    yesterday today tonight is was were are has have had will would said says"""
)


def _name_slots(s: Sentence) -> list[_Slot]:
    if title_case(s.text):
        # "Wizards Of The Coast Cancels Five Games": a Title Case headline's capitals do
        # not mark names, so its names and their slots cannot be read
        return []
    spans = _name_spans(s)
    by_role: dict[tuple[str, str], list[str]] = {}
    qualifiers: dict[tuple[str, str], set[str]] = {}
    objects: dict[str, str] = {}  # agent role -> what was done ("an emergency shelter")
    for start, _end, name, kind in spans:
        if not name[:1].isupper():
            continue  # "for Memphis", "a Lunar New Year Celebration": not a name as parsed
        nxt = re.match(r"\s+([a-z]+)\b", s.text[_end:])
        if (
            kind == "place"
            and nxt
            and nxt.group(1) not in _AFTER_PLACE
            and not nxt.group(1).endswith(("ly", "ed"))
        ):
            continue  # "at California dance studio": the place qualifies a noun
        left = re.findall(r"[A-Za-z]+|[,;:(]", s.text[max(0, start - 40) : start])
        # Articles say nothing about the slot: "called by the X" has the context "called by".
        left = [w for w in left if w.lower() not in {"the", "a", "an"}]
        ctx = [w.lower() for w in left[-2:]]
        if kind == "organisation":
            # Who did it, active or passive: "the Council opened" / "was opened by the Trust".
            after = re.match(r"\s+([a-z]+ed)\b", s.text[_end:])
            if len(ctx) == 2 and ctx[-1] == "by" and ctx[0].endswith("ed"):
                role = f"agent:{stem(ctx[0])}"
                by_role.setdefault(("organisation", role), []).append(name)
                # what was done: the subject before "was opened by"
                head = re.split(
                    r"\s+(?:was|were|is|are|has been|had been)\s+\w+\s+by\s+(?:(?:the|a|an)\s+)?$",
                    s.text[:start],
                )
                objects.setdefault(
                    role, _noun_phrase(head[0].split(". ")[-1]) if len(head) > 1 else ""
                )
                continue
            if after and after.group(1) not in _SPEECH:
                role = f"agent:{stem(after.group(1))}"
                by_role.setdefault(("organisation", role), []).append(name)
                objects.setdefault(role, _noun_phrase(s.text[_end + after.end() :]))
                continue
        if not ctx or any(not w.isalpha() for w in ctx):
            continue
        if kind == "person" and ctx[-1] not in _TITLES:
            continue
        if kind == "person" and (
            any(c.isdigit() for c in name) or name.split()[0].lower() in STOPWORDS
        ):
            continue  # a Title Case headline's words: "Interior Minister Among 18 Dead"
        if kind == "place" and ctx[-1] not in _PLACE_PREPS:
            continue
        role = " ".join(ctx)
        if kind == "organisation" and ctx[-1] not in _AGENT_PREPS:
            continue  # "called by X", "a spokesman for X"; not "Corner and X"
        if kind == "person":
            # "Buffalo Bills head coach X" / "Pittsburgh Steelers head coach Y": whose
            # head coach is part of the role
            before = left[: -len(ctx)]
            qualifier: list[str] = []
            while before and before[-1][:1].isupper() and before[-1].lower() not in STOPWORDS:
                qualifier.insert(0, before.pop().lower())
            qualifiers.setdefault((kind, role), set()).add(" ".join(qualifier))
        by_role.setdefault((kind, role), []).append(name)
    out = []
    for (kind, role), names in by_role.items():
        if len(set(names)) == 1:
            if role.startswith("agent:"):
                label = f"who {_verb_of(role)} {objects.get(role, '')}".strip()
            else:
                label = f"name of the {role}" if kind == "person" else f"{kind} (“{role} …”)"
            if kind == "person":
                norm = _name_key(names[0])
            elif kind == "place":
                norm = name_key(names[0])  # "Britain" / "the United Kingdom" / "UK": one key
            else:
                norm = names[0].lower()
            context = frozenset(q for q in qualifiers.get((kind, role), set()) if q)
            out.append(_Slot(kind, role, names[0], norm, label=label, context=context))
    return out


_NP_STOP = _words(
    "at in on for to from by with of near after before during as and but or that which who"
)


def _noun_phrase(text: str) -> str:
    """The noun phrase ``text`` opens, in lower case, up to a preposition or a clause
    ("an emergency shelter at the leisure centre" -> "an emergency shelter"), at most
    five words; "" when it does not open with a word."""
    words: list[str] = []
    for w in re.findall(r"[A-Za-z][\w'’-]*|[^\w\s]", text.strip())[:6]:
        if not w[0].isalpha() or w.lower() in _NP_STOP:
            break
        words.append(w.lower())
    return " ".join(words[:5])


def _verb_of(role: str) -> str:
    return role.split(":", 1)[1] + "ed"


def _name_key(name: str) -> str:
    parts = [p for p in re.split(r"[\s\-]+", name.replace("’s", "").replace("'s", "")) if p]
    return parts[-1].lower() if parts else name.lower()


_OUTCOME_FORMS = {
    "convicted": "convicted|conviction|guilty",
    "acquitted": "acquitted|acquittal",
    "overturned": "overturned|overturn",
}


def _outcome_slots(text: str) -> list[_Slot]:
    low = text.lower()
    out = []
    for pos_word, neg_word in _OUTCOMES:
        # a sentence naming both sides in any form tells a history ("convicted ... before
        # his 2020 acquittal", "found guilty and then acquitted"): no one outcome
        has_pos = re.search(rf"\b(?:{_OUTCOME_FORMS.get(pos_word, pos_word)})\b", low)
        has_neg = re.search(rf"\b(?:{_OUTCOME_FORMS.get(neg_word, neg_word)})\b", low)
        if bool(has_pos) == bool(has_neg):
            continue
        hit = has_pos or has_neg
        assert hit is not None
        if _NEGATION.search(low[max(0, hit.start() - 25) : hit.start()]):
            continue
        # The subject: the last capitalised name or content word before the outcome word.
        before = re.findall(r"[A-Za-z][A-Za-z'’\-]*", text[: hit.start()])
        subject = next(
            (w for w in reversed(before) if w.lower() not in STOPWORDS and w[0].isupper()),
            "",
        )
        if not subject:
            continue
        out.append(
            _Slot(
                "outcome",
                f"{pos_word}/{neg_word}:{stem(subject)}",
                hit.group(0),
                pos_word if has_pos else neg_word,
                label=f"outcome for {subject}",
            )
        )
    return out


# ------------------------------------------------------------------------ comparing


_PERIOD = re.compile(
    r"\b(?:(q[1-4])|(first|second|third|fourth) quarter|(quarter(?:ly)?)"
    r"|(for the year|full[- ]year|annual|this year|last year))\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_QUARTERS = {"first": "q1", "second": "q2", "third": "q3", "fourth": "q4"}


@lru_cache(maxsize=8192)
def _periods(text: str) -> frozenset[str]:
    """The reporting periods a sentence names: quarters ("Q4", "the fourth quarter"),
    a quarter in general, or a year ("for the year", "annual")."""
    out: set[str] = set()
    for m in _PERIOD.finditer(text):
        q, nth, quarter, year = m.groups()
        if q:
            out.add(q.lower())
        elif nth:
            out.add(_QUARTERS[nth.lower()])
        elif quarter:
            out.add("quarter")
        elif year:
            out.add("year")
    if out & {"q1", "q2", "q3", "q4"}:
        out.discard("quarter")
    return frozenset(out)


_ORDINALS = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}


@lru_cache(maxsize=8192)
def _instances(text: str) -> frozenset[int]:
    """Which one of a series a sentence is about, by its small counts and ordinals ("three
    rounds", "a fourth round", "the 5th ballot"): two sentences naming different ones
    date different events. Years and days of the month are not counted."""
    out: set[int] = set()
    for start, _e, v in numbers_in(text):
        before = re.findall(r"([A-Za-z]+)\.?\s*$", text[:start])
        if v.is_integer() and 0 < v <= 50 and not (before and before[0].lower() in _MONTHS):
            out.add(int(v))
    out.update(_ORDINALS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _ORDINALS)
    out.update(int(n) for n in re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)\b", text))
    return frozenset(out)


# Those a toll of the dead does not count: "five people trapped", "trapping five", "eight
# missing"; and what the rescue sent: "five fire rescue units", "eight fire engines".
_OTHER_STATES = _words(
    """trapped trapping rescued rescuing freed freeing evacuated evacuating arrested
    arresting detained detaining missing unaccounted units engines appliances ambulances
    crews vehicles helicopters trucks boats"""
)


@lru_cache(maxsize=64)
def _numbers_of(text: str) -> tuple[tuple[int, int, float], ...]:
    """:func:`numbers_in` of a whole article, kept: the pairs of one story ask often."""
    return tuple(numbers_in(text))


def _other_state(story: _Story, sent: Sentence, slot: _Slot) -> bool:
    """Updates of a toll of the dead or injured: does every mention of ``slot``'s number
    in ``sent``'s article count those in another state (trapped, rescued, arrested)?"""
    if not story.updates or slot.role not in {"killed", "injured"}:
        return False
    text = story.lowered[sent.article_id]
    found = False
    for start, end, value in _numbers_of(text):
        if value != slot.low:
            continue
        found = True
        before = re.findall(r"[a-z]+", re.split(r"[.!?\n]", text[max(0, start - 30) : start])[-1])
        after = re.findall(r"[a-z]+", re.split(r"[.!?\n]", text[end : end + 40])[0])[:4]
        if not _OTHER_STATES.intersection(before[-1:] + after):
            return False
    return found


# A count said to have risen: the day named with it is the day of the update.
_RISEN = re.compile(
    r"\b(?:rose|risen|rises|raised|climbed|climbs|increased|jumped|now stands)\b"
    r"|\btoll\s+(?:\w+\s+)?up to\b",
    re.IGNORECASE,
)


def _same_count(a: _Slot, b: _Slot, sa: Sentence, sb: Sentence, story: _Story) -> bool:
    """Do two number slots of one role, in two sources, count the same thing?"""
    if (sa.article_id in story.other_incident) != (sb.article_id in story.other_incident):
        return False  # one article is about a fresh attack, the other about the story's
    # The other source states this very number somewhere: likely a different count. In a
    # later report of a toll, the earlier toll's number may count those in another state
    # ("at least five dead" at dawn; "seven killed ... five people trapped" by noon).
    if (b.low in story.numbers[sa.article_id] and not _other_state(story, sa, b)) or (
        a.low in story.numbers[sb.article_id] and not _other_state(story, sb, a)
    ):
        return False
    days_a = story.weekdays.get(sa.article_id, frozenset())
    days_b = story.weekdays.get(sb.article_id, frozenset())
    if (
        len(days_a) == 1
        and len(days_b) == 1
        and days_a != days_b
        and not (story.updates and (_RISEN.search(sa.text) or _RISEN.search(sb.text)))
    ):
        # "3 ships ... on Friday" / "four ships ... on Sunday": two counts; but "killed
        # early Sunday" / "the death toll was raised to 17 Monday" is one toll, later
        return False
    if _periods(sa.text) != _periods(sb.text):
        return False  # "1.8 million vehicles for the year" / "418,000 ... in Q4"
    years_a, years_b = _YEAR.findall(sa.text), _YEAR.findall(sb.text)
    if years_a and years_b and set(years_a) != set(years_b):
        return False  # "18,000 jobs in 2014" / "25,000 between 2014 and 2015"
    if a.victims and b.victims and not a.victims & b.victims:
        return False  # "25 Taliban fighters" / "eight ISIL fighters": two groups of dead
    # "10 injured in shooting at Miami restaurant" / "1 killed, 2 wounded in shooting near
    # Hollywood Walk of Fame": two incidents
    return not _elsewhere(sa, sb, story)


def _fell(a: _Slot, b: _Slot, sa: Sentence, sb: Sentence, story: _Story) -> bool:
    """A later report that does not give a changed count: a toll of the dead or injured
    lower than before (a stale report, or a dated page: a first-published time kept on a
    page updated since), or a bound the earlier count keeps to ("saved 24 people", then
    "more than 20 people")."""
    ta, tb = story.published.get(sa.article_id), story.published.get(sb.article_id)
    if ta is None or tb is None:
        return False
    early, late = (a, b) if naive_utc(ta) <= naive_utc(tb) else (b, a)

    def point(x: _Slot) -> float:
        return x.high if x.bound == "upper" else x.low

    if late.bound == "lower" and late.low <= point(early):
        return True
    if late.bound == "upper" and late.high >= point(early):
        return True
    # the missing are found, the evacuated go home: only the dead and injured never fall
    return a.role in {"killed", "injured"} and point(late) < point(early)


def _numbers_moved(a: _Slot, b: _Slot) -> bool:
    """Did a count change between two reports? Bounds count as the number they give: "at
    least two dead" in the evening and "at least six" the next morning is a rising toll."""
    if a.bound == "range" or b.bound == "range":
        return _numbers_conflict(a, b)
    x = a.high if a.bound == "upper" else a.low
    y = b.high if b.bound == "upper" else b.low
    tol = 0.05
    if {a.bound, b.bound} & {"approx", "upper"} or _is_round(x) != _is_round(y):
        tol = 0.15  # "nearly 99 million": near, not at
    return _far(x, y, tol)


def _differ(a: _Slot, b: _Slot, sa: Sentence, sb: Sentence, story: _Story) -> bool:
    """Do two slots of the same kind and role state incompatible values?"""
    lowered = story.lowered
    if a.norm == b.norm or (story.updates and a.kind != "number"):
        return False
    if a.kind == "number":
        if story.updates != (
            _changes_over_time(a.role)
            and not _close_in_time(story.published, sa.article_id, sb.article_id)
        ):
            return False  # an update is not a conflict, and only an update is one
        if not _same_count(a, b, sa, sb, story):
            return False
        if not story.updates:
            return _numbers_conflict(a, b)
        return _numbers_moved(a, b) and not _fell(a, b, sa, sb, story)
    if a.kind in {"person", "place", "organisation"}:
        if a.norm in b.norm or b.norm in a.norm or _same_name(a.value, b.value, story.places):
            return False
        if a.kind == "person" and a.context and b.context and a.context != b.context:
            return False  # the head coach of two different teams
        if a.kind == "place" and _site(a.value) != _site(b.value):
            return False  # "at St Peter's Basilica" / "at the Vatican": a building in a place
        if a.kind == "place" and region_level(a.value) != region_level(b.value):
            # "arrested in Miami" / "in Florida", "near Texas" / "near US", "in North
            # America" / "in the U.S.": a larger region may contain the other place, and
            # without a gazetteer we cannot tell; two of one level may still differ
            return False
        return not (
            _mentions(lowered[sb.article_id], a.value, whole=a.kind != "person")
            or _mentions(lowered[sa.article_id], b.value, whole=a.kind != "person")
        )
    if a.kind == "date":
        if len(a.context & b.context) < DATE_SHARED_WORDS or ("-" in a.norm) != ("-" in b.norm):
            return False
        if "-" not in a.norm and not _same_day(story.published, sa.article_id, sb.article_id):
            return False  # weekdays are relative to the day each article was written
        mine, theirs = _instances(sa.text), _instances(sb.text)
        if mine and theirs and not mine & theirs:
            return False  # "after three rounds" on Tuesday, "a fourth round" on Wednesday
        return not (
            _states_date(lowered[sb.article_id], a.norm)
            or _states_date(lowered[sa.article_id], b.norm)
        )
    if a.kind == "outcome":
        return not (
            re.search(rf"\b{a.value.lower()}\b", lowered[sb.article_id])
            or re.search(rf"\b{b.value.lower()}\b", lowered[sa.article_id])
        )
    return False


# The last word of a building's or a site's name: a town, a country or a region may
# hold it, so it is no rival to one.
_BUILDING_HEADS = _words(
    """basilica cathedral church chapel abbey mosque temple synagogue shrine square palace
    castle tower stadium arena hospital clinic airport station terminal hotel museum
    gallery theatre theater hall building house centre center campus school university
    college prison jail court courthouse mall market park garden gardens bridge street
    road avenue boulevard beach pier harbour harbor port base barracks embassy consulate
    parliament capitol headquarters plaza zoo"""
)


def _site(value: str) -> bool:
    words = re.findall(r"[a-z]+", value.lower())
    return bool(words) and words[-1] in _BUILDING_HEADS


def _place_words(s: Sentence) -> set[str]:
    """The distinctive words of the places a sentence names ("miami", "gardens"),
    aliased ("UK" and "Britain" give the same word)."""
    words: set[str] = set()
    for _s, _e, name, kind in _name_spans(s):
        if kind == "place":
            key = name_key(name)
            words.update(w for w in re.findall(r"[a-z0-9]+", key) if w not in _NAME_HEADS)
    return words


def _local(s: Sentence) -> bool:
    """Whether every place a sentence names is a town or a site (no country or state,
    nor a country's adjective: "in Ugandan capital")."""
    for _s, _e, name, kind in _name_spans(s):
        if kind != "place":
            continue
        stems = [name] + [name[: -len(x)] for x in ("ian", "an", "n", "ese") if name.endswith(x)]
        if any(region_level(x) for x in stems):
            return False
    return True


def _elsewhere(sa: Sentence, sb: Sentence, story: _Story) -> bool:
    """Whether two sentences each name places, and neither article names any of the
    other sentence's places: their counts are of two incidents (a story of feed entries
    can hold two shootings of one week, in Miami and in Hollywood). A place the other
    article names anywhere ("Gold Coast" / "in the Australian state of Queensland" in an
    article about Australia) may contain the other one: no verdict."""
    pa, pb = _place_words(sa), _place_words(sb)
    if not pa or not pb:
        return False
    words_a = set(re.findall(r"[a-z0-9]+", sa.text.lower()))
    words_b = set(re.findall(r"[a-z0-9]+", sb.text.lower()))
    if story.updates and not pa & words_b and not pb & words_a and _local(sa) and _local(sb):
        # Towns, not countries or states: "7 dead, 1 injured in Half Moon Bay" and "in
        # Monterey Park, 11 killed and nine wounded" are two shootings even when both
        # articles name both towns (a count that moved needs more certainty than one
        # that differs: no verdict there)
        return True

    def named(words: set[str], article: str) -> bool:
        text = story.lowered[article]
        return any(re.search(rf"\b{re.escape(w)}(?:n|an|ian)?\b", text) for w in words)

    return not named(pa, sb.article_id) and not named(pb, sa.article_id)


def _mentions(text_lower: str, value: str, whole: bool = False) -> bool:
    """Does the text name ``value`` (a person by surname; with ``whole``, the full name)?"""
    key = value.lower() if whole else _name_key(value)
    return bool(re.search(rf"\b{re.escape(key)}\b", text_lower)) or value.lower() in text_lower


# Head words that many different names share: sharing one of them proves nothing.
_NAME_HEADS = _words(
    """international national university college state city county borough district
    road street avenue lane square bridge estate industrial centre center park hall
    council trust group company committee department ministry office service agency
    league club party union association federation institute foundation hospital
    school church station airport port north south east west new saint st"""
)


def _abbreviates(short: str, long: str) -> bool:
    """``short`` may be an abbreviation of ``long``: "LAX" / "Los Angeles International Airport".

    Codes do not always spell initials (airport codes, tickers), so any all-capital
    token of 2-5 letters whose first letter opens the longer multi-word name counts:
    precision first, an abbreviation is never set against the name it may stand for.
    """
    code = short.replace(".", "").strip()
    if not (2 <= len(code) <= 5 and code.isalpha() and code.isupper()):
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", long) if w.lower() not in STOPWORDS]
    if len(words) >= 2 and words[0][0].upper() == code[0]:
        return True
    # "DOJ" / "US Department of Justice": the initials of a run of the name's words
    initials = "".join(w[0].upper() for w in re.findall(r"[A-Za-z]+", long))
    return len(initials) >= 3 and code in initials


def _same_name(x: str, y: str, common: frozenset[str] = frozenset()) -> bool:
    """Two spellings of one name: a shared distinctive word, or nearly the same letters.

    "International Red Cross" / "International Committee of the Red Cross", "First
    Group" / "FirstGroup", "Memphis State" / "University of Memphis". Words in
    ``common`` (the story's place names) are not distinctive: "Ashford Borough Council"
    and "Ashford Relief Trust" are two bodies.
    """
    if _abbreviates(x, y) or _abbreviates(y, x):
        return True
    heads = _NAME_HEADS | common
    tx = {w for w in re.findall(r"[a-z0-9]+", x.lower()) if w not in STOPWORDS}
    ty = {w for w in re.findall(r"[a-z0-9]+", y.lower()) if w not in STOPWORDS}
    if (tx & ty) - heads:
        return True
    # Spelling variants ("Shettleston"/"Shettlestone", "FirstGroup"/"First Group"),
    # judged on the distinctive words only: "Fernside/Hollins Industrial Estate" differ.
    compact_x = "".join(
        w for w in re.findall(r"[a-z0-9]+", x.lower()) if w not in heads and w not in STOPWORDS
    )
    compact_y = "".join(
        w for w in re.findall(r"[a-z0-9]+", y.lower()) if w not in heads and w not in STOPWORDS
    )
    if re.sub(r"[^a-z0-9]", "", x.lower()) == re.sub(r"[^a-z0-9]", "", y.lower()):
        return True
    if not compact_x and not compact_y:
        # Nothing distinctive on either side ("Memphis State" / "University of
        # Memphis"): the same if they share their place word.
        return bool(tx & ty)
    if not compact_x or not compact_y:
        return False  # "Ashford Borough Council" / "Ashford Relief Trust"
    return SequenceMatcher(None, compact_x, compact_y).ratio() >= 0.75


def _states_date(text_lower: str, norm: str) -> bool:
    """Does the text give this date ("tuesday", or "nov-21" as "Nov. 21"/"November 21")?"""
    if "-" not in norm:
        return bool(re.search(rf"\b{norm}\b", text_lower))
    month, day = norm.split("-")
    return bool(re.search(rf"\b{month}[a-z]*\.?\s+{day}\b", text_lower))


def _is_round(v: float) -> bool:
    # "10 killed" may be rounded from 12; a count under 20 is not: 9 and 10 dead differ
    return v >= 20 and v % 10 == 0


def _numbers_conflict(a: _Slot, b: _Slot) -> bool:
    if a.bound and b.bound and a.bound != "approx" and b.bound != "approx":
        if a.bound == "range" and b.bound == "range":
            return a.high < b.low or b.high < a.low
        return False  # two bounds or a bound and a range: too loose to contradict
    for x, y in ((a, b), (b, a)):
        if x.bound == "lower":
            return y.high < x.low and _far(x.low, y.high, 0.05)
        if x.bound == "upper":
            return y.low > x.high and _far(x.high, y.low, 0.05)
        if x.bound == "range":
            return (y.high < x.low and _far(x.low, y.high, 0.05)) or (
                y.low > x.high and _far(x.high, y.low, 0.05)
            )
    tol = 0.05
    if a.bound == "approx" or b.bound == "approx" or _is_round(a.low) != _is_round(b.low):
        tol = 0.15
    return _far(a.low, b.low, tol)


def _far(x: float, y: float, tol: float) -> bool:
    return abs(x - y) > tol * max(abs(x), abs(y))


# ---------------------------------------------------------------------- attribution


def _person_like(name: str) -> bool:
    """A personal name, not a role, an organisation or an acronym ("ANA", "Police")."""
    words = name.split()
    if not words:
        return False
    for w in words:
        low = w.lower().strip(".")
        if w.isupper() and len(w) > 2:
            return False
        if not w[0].isupper() or low in _TITLES or low in _ORG_WORDS or low in STOPWORDS:
            return False
        if w in _NOT_NAMES:
            return False
    return True


def _named_as_non_person(sentence: Sentence, speaker: str) -> bool:
    """The model calls the speaker's name in the sentence something other than a person,
    or the name qualifies a noun after it ("Golden Globes host tears into ...")."""
    key = speaker.lower()
    labels = {m.label for m in sentence.mentions if m.text.lower() == key}
    if labels and "PERSON" not in labels:
        return True
    for m in re.finditer(rf"\b{re.escape(speaker)}\s+([a-z]+)\b", sentence.text):
        word = m.group(1)
        if word not in _SPEECH and word not in STOPWORDS and not word.endswith(("s", "ed")):
            return True
    return False


def _names_speaker(sentence: Sentence, speaker: str) -> bool:
    """The sentence itself names ``speaker`` outside the quotation (and NER agrees)."""
    outside = _QUOTE.sub(" ", sentence.text)
    key = _name_key(speaker)
    if not re.search(rf"\b{re.escape(key)}\b", outside.lower()):
        return False
    # NER may miss a name, but a name it reads as a place or an organisation is no speaker.
    hits = [m for m in sentence.mentions if re.search(rf"\b{re.escape(key)}\b", m.text.lower())]
    return not hits or any(m.label == "PERSON" for m in hits)


def _speaker_in(sentence: str) -> str:
    """The named speaker of a quote in the sentence ("…,” Mayor Lena Okafor said"), or ""."""
    outside = _QUOTE.sub(" ” ", sentence)
    m = _SPEAKER_AFTER.search(outside) or _SPEAKER_BEFORE.search(outside)
    if not m:
        return ""
    words = m.group(1).split()
    while words and (words[0] in _NOT_NAMES or words[0].lower().strip(".") in _TITLE_PREFIX):
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class _Said:
    article: str
    speaker: str
    words: str
    evidence: Evidence
    claim: str


def _attribution_conflicts(
    articles: Sequence[CleanArticle],
    claims: Sequence[Claim],
    quotes: Sequence[Quote],
    group: dict[str, str],
) -> list[Conflict]:
    claim_of: dict[tuple[str, int], str] = {
        (e.article, e.start): c.id for c in claims for e in c.evidence
    }
    sentence_at: dict[str, list[Sentence]] = {a.article.id: list(a.sentences) for a in articles}

    def containing(ev: Evidence) -> Evidence:
        for s in sentence_at.get(ev.article, []):
            if s.start <= ev.start < s.end:
                return Evidence(s.article_id, s.start, s.end, s.text)
        return ev

    sentence_of: dict[tuple[str, int], Sentence] = {
        (a.article.id, s.start): s for a in articles for s in a.sentences
    }
    said: list[_Said] = []
    for q in quotes:
        for ev in q.evidence:
            sev = containing(ev)
            said.append(
                _Said(
                    ev.article,
                    q.speaker_in(ev.article),
                    q.text,
                    sev,
                    claim_of.get((sev.article, sev.start), ""),
                )
            )
    if not quotes:
        for a in articles:
            for s in a.sentences:
                speaker = _speaker_in(s.text)
                for m in _QUOTE.finditer(s.text):
                    ev = Evidence(s.article_id, s.start, s.end, s.text)
                    cid = claim_of.get((s.article_id, s.start), "")
                    said.append(_Said(s.article_id, speaker, m.group(1), ev, cid))
    # Only attributions a reader can check in the cited sentence itself: a named person,
    # said in so many words ("..., Berg said"), not a pronoun resolved elsewhere.
    said = [
        x
        for x in said
        if _person_like(x.speaker)
        and (sent := sentence_of.get((x.evidence.article, x.evidence.start))) is not None
        and _names_speaker(sent, x.speaker)
        and not _named_as_non_person(sent, x.speaker)
    ]
    out: list[Conflict] = []
    done: set[tuple[int, int]] = set()
    for i, x in enumerate(said):
        for j in range(i + 1, len(said)):
            y = said[j]
            if group[x.article] == group[y.article] or (i, j) in done:
                continue
            if _name_key(x.speaker) == _name_key(y.speaker):
                continue
            if not same_quotation(x.words, y.words):
                continue
            # Either source naming the other speaker in that very sentence: not a dispute.
            if _mentions(x.evidence.text.lower(), y.speaker) or _mentions(
                y.evidence.text.lower(), x.speaker
            ):
                continue
            done.add((i, j))
            shorter = min((x.words, y.words), key=len)
            what = f"who said “{_clip(shorter)}”"
            values = tuple(
                ConflictValue(s.speaker, _name_key(s.speaker), (s.article,), (s.evidence,))
                for s in (x, y)
            )
            out.append(
                Conflict("", "attribution", what, values, tuple(c for c in (x.claim, y.claim) if c))
            )
    return _merge_attributions(out)


def _merge_attributions(items: Iterable[Conflict]) -> list[Conflict]:
    merged: dict[str, dict[str, ConflictValue]] = {}
    claims_of: dict[str, list[str]] = {}
    for c in items:
        bucket = merged.setdefault(c.what, {})
        claims_of.setdefault(c.what, []).extend(c.claims)
        for v in c.values:
            old = bucket.get(v.normalized)
            if old is None:
                bucket[v.normalized] = v
            else:
                bucket[v.normalized] = ConflictValue(
                    old.value,
                    old.normalized,
                    tuple(dict.fromkeys((*old.sources, *v.sources))),
                    tuple(dict.fromkeys((*old.evidence, *v.evidence))),
                )
    return [
        Conflict(
            "", "attribution", what, tuple(vals.values()), tuple(dict.fromkeys(claims_of[what]))
        )
        for what, vals in merged.items()
    ]


def _clip(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
