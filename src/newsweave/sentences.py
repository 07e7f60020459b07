"""Sentence splitting that keeps character offsets into the original text.

A small rule-based splitter written for scraped news: off-the-shelf splitters either
miss the boundaries that scraping glues together ("countries.The two countries",
"2.5%.Analysts", "said.“The ...") or lose the offsets when they repair them (see
NOTES-models.md). The text itself is never changed; only ``(start, end)`` pairs are
returned, trimmed of surrounding whitespace.

Rules, in order:

* a newline is always a boundary (scraped paragraphs, headings and list items);
* ``.``, ``!``, ``?`` or ``…`` plus any closing quotes/brackets, then whitespace, then
  an opener (capital, digit, opening quote or bracket) is a boundary, unless the word
  before the full stop is an abbreviation: titles ("Mr.", "Gen.", "St."), months before
  a number ("Jan. 11"), "No. 10", initials ("J. Smith", "J.R.R."). Ambiguous tokens that
  can also end a sentence ("U.S.", "p.m.", "Inc.", "Jr.") split only before a word that
  typically starts a sentence ("3 p.m. The ..." splits, "3 p.m. Friday" does not);
* glued boundaries: a full stop directly followed by a capitalised word
  ("countries.The") or by an opening quote ("region.“The"), outside URLs and e-mail
  addresses and not after an abbreviation or an initial;
* a sentence longer than :data:`MAX_RUN_ON_WORDS` words is cut after ``"; "``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "MAX_RUN_ON_WORDS",
    "MIN_CLAUSE_WORDS",
    "quoted_mask",
    "split_clauses",
    "split_sentences",
]

MAX_RUN_ON_WORDS = 80


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Abbreviations after which a capitalised word never starts a new sentence
# (lower-cased, without the final full stop).
_TITLES = _wordset("""mr mrs ms mx dr prof gen lt col sgt capt cmdr adm maj gov sen rep rev hon pres supt
    insp det brig cpl pvt fr mt ft messrs mme mlle ste atty amb gens lieut cmdt
    sens reps govs profs drs""")
# Abbreviations that are only abbreviations before a number ("No. 10", "Jan. 11").
_BEFORE_NUMBER = _wordset("""no nos vol vols art arts fig figs p pp sec ch op jan feb mar apr jun jul aug sep sept
    oct nov dec rs""")
# Never end a sentence: always followed by more of it.
_NEVER_FINAL = _wordset("vs v e.g i.e cf approx ca viz al")
# Can be an abbreviation or end a sentence: split only before a typical sentence start.
_AMBIGUOUS = _wordset("inc corp co ltd llc plc jr sr bros etc ave blvd rd st est")

# Words that typically open a sentence; after an ambiguous abbreviation they mean a
# new sentence ("in the U.S. The ..."), anything else means the abbreviation goes on
# ("the U.S. Army", "3 p.m. Friday").
_STARTERS = _wordset("""the a an he she it they we i you his her its their our my your this that these
    those there here in on at but and or so yet if when while after before as since
    although though because meanwhile however also still then now what who why how
    where which no some many most more several one two three all both each neither
    nor officials police authorities according earlier later last this next mr mrs ms
    dr with for from during despite under among until without amid unlike instead indeed
    even only just every another such to by about through across""")

# US state abbreviations of AP style, capitalised: abbreviations unless a sentence starts
_STATES = _wordset(
    """ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo"""
)
_LEADING_PUNCT = re.compile(r"^[^\w]+")

_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«([{"

# A candidate end: terminal punctuation plus trailing closers; what follows decides.
_END = re.compile(r"(?:[.!?]+|…)[\"'”’»)\]}]*")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_URLISH = re.compile(r"(?:://|www\.|@|\.(?:com|org|net|gov|edu|co|uk|io)\b)", re.I)
_NEWLINE = re.compile(r"[\r\n\u2028\u2029]+")


def _next_word(text: str, pos: int, end: int) -> str:
    m = re.compile(r"[\"'“‘«(\[{]*([A-Za-z][\w'’-]*)").match(text, pos, end)
    return m.group(1) if m else ""


def _is_boundary(text: str, dot: int, after: int, end: int, glued: bool) -> bool:
    """Decide whether the terminal punctuation at ``dot`` ends a sentence.

    ``after`` is the index of the first character of the next sentence candidate.
    """
    punct = text[dot]
    nxt = text[after]
    if punct in "!?…":
        if glued and not (nxt.isupper() or nxt in '“‘"'):
            return False
        return nxt.isupper() or nxt.isdigit() or nxt in _OPENERS
    # a full stop: look at the word it ends
    m = _WORD_BEFORE.search(text, 0 if dot < 60 else dot - 60, dot)
    word = m.group(1) if m else ""
    word = _LEADING_PUNCT.sub("", word)
    low = word.lower()
    next_word = _next_word(text, after, end)
    starter = next_word.lower() in _STARTERS
    if glued:
        # "pic.twitter.com/x", "Node.Js", e-mail and web addresses
        if _URLISH.search(word + text[dot : dot + 12].split(" ")[0]):
            return False
        if nxt in "“‘":
            return True
        if nxt == '"':
            return True
        # a glued capital must start a real word: "countries.The", not "J.R.R." or "U.S"
        if not (
            nxt.isupper()
            and after + 1 < end
            and (text[after + 1].islower() or (nxt in "AI" and text[after + 1] == " "))
        ):
            return False
    elif not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    if not word:
        return True
    if low in _NEVER_FINAL:
        return False
    if low in _TITLES and word[0].isupper():
        return False
    if low in _STATES and word[0].isupper():
        # "ERIE, Pa. (AP) —", "in Cape Canaveral, Fla. With ..."
        return starter
    if low in _BEFORE_NUMBER:
        if nxt.isdigit():
            return False
        if low in _MONTHS:
            # "Jan. The" is rare, "Sept. Hearings" rarer still: split only before a starter
            return starter
    if low in _AMBIGUOUS:
        return starter
    if _INITIALS.match(word) or (len(word) == 1 and word.isalpha()):
        # "U.S.", "a.m.", "J.R.R.", "George W." -- abbreviations unless a sentence starts
        return starter
    return True


_MONTHS = _wordset("jan feb mar apr jun jul aug sep sept oct nov dec")


def _split_run_on(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if len(text[start:end].split()) <= MAX_RUN_ON_WORDS:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(r"; ", text[start:end]):
        cut = start + m.start() + 1
        if len(text[pos:cut].split()) >= 8 and len(text[cut:end].split()) >= 8:
            out.append((pos, cut))
            pos = cut + 1
    out.append((pos, end))
    return out


_BULLETS = "*•·▪"  # list items run into one line: "... in 2016. * Although the 1908 ..."


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    if start < end and text[start] in _BULLETS and text[start + 1 : start + 2] == " ":
        start += 2  # the item's bullet is no part of its sentence
        while start < end and text[start].isspace():
            start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _split_line(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    pos = start
    for m in _END.finditer(text, start, end):
        after = m.end()
        if after >= end:
            break
        glued = not text[after].isspace()
        nxt = after
        if not glued:
            while nxt < end and text[nxt].isspace():
                nxt += 1
            if nxt >= end:
                break
        dot = m.start() + len(m.group(0).rstrip(_CLOSERS)) - 1
        cut = after
        if glued and m.group(0).endswith('"'):
            # a straight quote glued on both sides ('said."The'): it opens the next
            # sentence when the sentence so far holds an even number of them
            q = after - 1
            if text.count('"', pos, q) % 2 == 0:
                after = cut = nxt = q
        bullet = not glued and text[nxt] in _BULLETS and text[nxt + 1 : nxt + 2] == " "
        if not bullet and not _is_boundary(text, dot, nxt, end, glued):
            continue
        span = _trimmed(text, pos, cut)
        if span:
            out.extend(_split_run_on(text, *span))
        pos = cut
    span = _trimmed(text, pos, end)
    if span:
        out.extend(_split_run_on(text, *span))


def split_sentences(
    text: str, regions: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``.

    Only the given ``regions`` (kept prose, debris excluded) are split; a sentence
    never crosses a region's border or a line break. Offsets point into ``text``
    unchanged and are trimmed of surrounding whitespace, so
    ``text[start:end]`` is the sentence.
    """
    spans: list[tuple[int, int]] = []
    for rstart, rend in regions if regions is not None else [(0, len(text))]:
        pos = rstart
        for m in _NEWLINE.finditer(text, rstart, rend):
            _split_line(text, pos, m.start(), spans)
            pos = m.end()
        _split_line(text, pos, rend, spans)
    return spans


# Clauses: a news sentence often joins two facts ("The fire broke out at about 7:30 p.m.
# and seven fire engines were called"; "Crews had to pull back when the roof
# collapsed"). Claims compare clauses as well as whole sentences (see claims.py).
_CLAUSE_OPENER = _wordset("""the a an he she it they we i you his her its their our this that these those
    there one two three four five six seven eight nine ten eleven twelve some many most several all both
    each no police officials authorities crews firefighters people""")
_NUMBER_WORDS = _wordset("one two three four five six seven eight nine ten eleven twelve")
# "such as the", "as well as the", "known as the": not a clause
_NOT_BEFORE_AS = _wordset("such well known same so as just much many long soon far")
_CONNECTOR = re.compile(
    r"(?:;\s+|,\s+(?:and|but|while|whereas|which|who|when|as|after|because|before|until)\s+"
    r"|,\s+(?=an?\s)"
    r"|\s+(?:and|but|when|as|after|because|before|until|while)\s+)"
)
_ATTRIBUTION = re.compile(
    r",\s+(?:[^,;]{0,80}?\b(?:said|says|told|added|according to|announced|reported)\b[^,;]*)"
    r"[.!?]?[\"'”’]?$"
)
MIN_CLAUSE_WORDS = 4


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the clauses of the sentence ``text[start:end]``.

    Cuts at ``"; "``, at a coordinating or subordinating word that opens a new clause
    (", and the ...", " when the ...", " after a ...", ", which ..."), before an
    appositive (", a family-owned chain ...") and before a closing attribution (",
    fire officials said."), which is left out. Never inside quotation marks; a piece
    of fewer than :data:`MIN_CLAUSE_WORDS` words stays with the clause before it. A
    sentence with one clause gives one span: the whole sentence without its attribution.
    """
    sentence = text[start:end]
    stop = len(sentence)
    if (m := _ATTRIBUTION.search(sentence)) and len(
        sentence[: m.start()].split()
    ) >= MIN_CLAUSE_WORDS:
        stop = m.start()
    quoted = quoted_mask(sentence)
    cuts: list[tuple[int, int]] = []  # (end of the clause before, start of the next)
    for m in _CONNECTOR.finditer(sentence, 0, stop):
        if quoted[m.start()]:
            continue
        word = m.group(0).strip(" ,;").lower()
        nxt = _WORD_AFTER.match(sentence, m.end())
        if m.group(0).strip() == ",":
            # an appositive follows a name ("Pellham Home Furnishings, a family-owned
            # chain"); after anything else a clause may start ("at 10:30 p.m., a truck
            # drove into the crowd")
            before = sentence[: m.start()].split()
            if not before or not before[-1][:1].isupper():
                continue
        elif word and word not in {"which", "who"}:
            following = nxt.group(1) if nxt else ""
            # "and"/"but" join clauses when a subject follows ("and seven fire engines
            # were called"), names when a capital does ("Japan and Britain"); a
            # subordinating word opens a clause before a subject ("when the roof
            # collapsed"), a phrase before a number ("shortly before 10 p.m.").
            if word in {"and", "but"}:
                opens = following.lower() in _CLAUSE_OPENER or following[:1].isdigit()
            else:
                opens = following[:1].isupper() or (
                    following.lower() in _CLAUSE_OPENER and following.lower() not in _NUMBER_WORDS
                )
            if not opens:
                continue
            before = sentence[: m.start()].split()
            if word == "as" and before and before[-1].lower() in _NOT_BEFORE_AS:
                continue
        cuts.append((m.start(), m.end()))
    pieces: list[tuple[int, int]] = []
    begin = 0
    for cut_end, cut_start in cuts:
        if len(sentence[begin:cut_end].split()) >= MIN_CLAUSE_WORDS and (
            len(sentence[cut_start:stop].split()) >= MIN_CLAUSE_WORDS
        ):
            pieces.append((begin, cut_end))
            begin = cut_start
    pieces.append((begin, stop))
    out = []
    for a, b in pieces:
        piece = sentence[a:b]
        a += len(piece) - len(piece.lstrip(" ,;"))
        b -= len(piece) - len(piece.rstrip(" ,;"))
        if b > a:
            out.append((start + a, start + b))
    return out


_WORD_AFTER = re.compile(r"[\"'“‘(]?([\w’'\-]+)")


def quoted_mask(text: str) -> list[bool]:
    """Whether each position of ``text`` lies inside quotation marks."""
    mask = []
    inside = False
    for ch in text:
        if ch in "“”":
            inside = ch == "“"
        elif ch == '"':
            inside = not inside
        mask.append(inside)
    return mask
