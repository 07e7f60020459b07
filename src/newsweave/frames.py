"""Recurring news frames that outlets word in ways embeddings do not see as one fact.

Every fire, crash or collapse story says a few things that each outlet puts in its own
words: the cause is not known yet ("Investigators have not yet determined what caused
the fire" / "it was too early to say how the fire began"), a structure gave way ("the
roof collapsed" / "the roof of the building caved in" / "part of the roof fell in"),
visibility was poor ("Thick fog had settled over the bay" / "Visibility was very poor
because of fog"), nobody was hurt ("no one was injured" / "there were no injuries").
Such pairs share no content word but the event's noun, and a sentence embedding scores
them like any two sentences of the story (0.2-0.4 with WordLlama).

:func:`frames` names the frames a sentence states, each with its object ("collapse:roof",
"cause-unknown:fire"): two sentences of one story with the same frame state the same
fact. Claims grouping uses it only under strict conditions
(:func:`newsweave.claims.build_claims`). Pure rules, English only.
"""

from __future__ import annotations

import functools
import re

# -- the cause is not known yet ------------------------------------------------------------

_UNKNOWN = re.compile(
    r"\b(?:unknown|unclear|not (?:yet )?(?:been )?(?:known|clear|determined|established)"
    r"|too early to (?:say|tell|know|determine)|under investigation|being investigated"
    r"|(?:yet|trying|working) to (?:determine|establish|find out)|investigating"
    r"|no (?:word|indication|information) (?:yet )?(?:on|of|about) )",
    re.IGNORECASE,
)
_CAUSE = re.compile(
    r"\b(?:causes?|caused|what (?:started|sparked|triggered|led to)"
    r"|how (?:the )?(?:\w+ )?(?:began|started|happened|broke out|was started))\b",
    re.IGNORECASE,
)

# -- a structure gave way ------------------------------------------------------------------

_STRUCTURES = (
    "roof|ceiling|wall|floor|building|bridge|tower|stand|grandstand|stage|crane|tunnel"
    "|balcony|house|home|structure|dam|scaffolding|chimney|facade|span|deck|staircase"
    "|walkway|mine|pier|overpass"
)
_GAVE_WAY = (
    r"(?:collapsed|collapses|collapsing|caved in|caves in|fell in|falls in|gave way|gives way"
    r"|came (?:crashing )?down|crumbled|buckled|toppled)"
)
# "the warehouse roof collapsed", "the roof of the building caved in", "part of the roof
# partially fell in": the structure is the verb's subject, with at most an "of" phrase
# and auxiliaries or adverbs between ("began to stagger on stage and collapsed" is a
# person's collapse)
_STRUCTURE_GAVE_WAY = re.compile(
    r"\b(" + _STRUCTURES + r")s?(?: of (?:the |a |an |its |their )?(?:[\w-]+ ){0,2}?[\w-]+)?"
    r"(?: (?:had|has|have|was|were|then|later|partially|partly|completely|eventually|also"
    r"|finally|soon|quickly|fully|totally|subsequently|itself|suddenly|ultimately))* "
    + _GAVE_WAY
    + r"\b",
    re.IGNORECASE,
)
_COLLAPSE_OF = re.compile(
    r"\bcollapse of (?:the |a |its |part of the )?(?:\w+ )?(" + _STRUCTURES + r")\b", re.I
)

# -- visibility ----------------------------------------------------------------------------

# fog, or poor visibility ("Weather and visibility were ideal" says the opposite); not
# "the fog of war", "brain fog", nor mist ("saw a red mist descend")
_VISIBILITY = re.compile(
    r"\b(?<!brain )(?:fog|foggy)\b(?! of)|\b(?:poor|low|limited|reduced|bad|zero|near-zero|little"
    r"|restricted)\b[^.;]{0,30}\bvisibility\b|\bvisibility\b[^.;]{0,30}\b(?:poor|low"
    r"|limited|reduced|bad|zero|near zero|restricted)\b",
    re.IGNORECASE,
)

# -- nobody was hurt -----------------------------------------------------------------------

_NO_HARM = re.compile(
    r"\b(?:no(?: one|body|ne)(?: else)? (?:was|were|has been|had been|have been) "
    r"(?:seriously |badly )?(hurt|injured|harmed|wounded|killed)"
    r"|(?:there were |with )?no (?:reports? of )?(?:serious )?"
    r"(injuries|injured|casualties|deaths|fatalities)\b)",
    re.IGNORECASE,
)
# "no fatalities on board a tram in the UK since 1959" is history, not this event
_SINCE = re.compile(r"\b(?:since|in (?:\w+ )?(?:years|decades)|ever)\b", re.IGNORECASE)
_HARM_KIND = {
    "hurt": "injured",
    "injured": "injured",
    "harmed": "injured",
    "wounded": "injured",
    "injuries": "injured",
    "casualties": "injured",
    "killed": "killed",
    "deaths": "killed",
    "fatalities": "killed",
}


@functools.lru_cache(maxsize=8192)
def frames(text: str) -> frozenset[str]:
    """The frames ``text`` states, each as "frame:object"."""
    out: set[str] = set()
    if _UNKNOWN.search(text) and _CAUSE.search(text):
        # one cause-unknown frame per story: its object is nearly always the event
        # itself ("the accident" / "yesterday's incident" / "the crash")
        out.add("cause-unknown:")
    for rx in (_STRUCTURE_GAVE_WAY, _COLLAPSE_OF):
        m = rx.search(text)
        if m:
            out.add("collapse:" + m.group(1).lower())
            break
    if _VISIBILITY.search(text):
        out.add("visibility:")
    m = _NO_HARM.search(text)
    if m and not _SINCE.search(text, m.end()):
        out.add("unharmed:" + _HARM_KIND[(m.group(1) or m.group(2)).lower()])
    return frozenset(out)
