"""Quotes: direct quotations with resolved speakers, grouped across outlets.

Finding quotes. Quotation marks are paired inside runs of consecutive prose sentences
of one paragraph (never across debris): curly double quotes; straight double quotes,
whose direction is read from the spaces around them so that a stray mark (6'2")
cannot flip every later pair; curly single quotes when the opening mark starts a
word and the closing one ends a word (apostrophes are never taken for quotes); and
straight single quotes likewise (the Daily Mail's "He said: 'We are ready.'"), where
"the workers' union" closes nothing unless no other mark does and an inner pair
('He called it 'a disgrace' and left,') stays inside. A quote
may span several sentences. A quotation running over paragraphs is written with no
closing mark where a paragraph ends and an opening mark where the next one goes on: a
mark left open at the end of a paragraph whose successor opens with a mark closes
there (the next part then continues it, rule 5 below). A short all-capitalised quote
("Back To The Future") is a title, not speech.

Scare quotes. A quoted fragment of three words or fewer ("landmark", "Indo-Pacific
tilt", "strategic discussion") is a term the writer borrows: it is not reported, unless
it is a whole utterance attributed right after its closing mark (“Questions remain,” he
said), which a scare quote never is.

Speakers, tried in this order:

1. after the closing mark: ``“…,” Sunak said`` / ``“…,” said Mayor Lena Okafor`` /
   ``“…,” he told reporters`` / ``“…,” Mark Lippert, a former envoy, said`` /
   ``“…,” KCNA quoted Kim as saying`` / ``“…,” according to X``;
2. before the opening mark: ``Sunak said: “…”``, ``the government said it will “…”``
   (the last speech verb before the quote; its subject is the noun phrase right before
   it, or the subject opening the clause for ``Kishida, referring to X, said``; for
   ``A spokesperson for X, Garba Shehu, said`` the person in the apposition; for
   ``Peskov told reporters … and said “…”`` and ``Hua reiterated the call, saying “…”``
   the subject opening the sentence);
3. an attribution the sentence splitter set apart: ``“… now?” Mr. Harris said.``;
4. a person opening the clause or introducing the quote with a colon
   (``Sadiq Khan paid tribute on Twitter: “…”``);
5. otherwise a quote continues the quote just before it (the same or the previous
   sentence), as in ``“…,” she said. “…”``, unless someone else is named before it.

A subject is resolved to a full name through the merged entities ("Sunak" -> "Rishi
Sunak"), through titles seen before a person in the same article or story ("the Japanese
prime minister" -> the only person introduced as "Japanese Prime Minister"), for
"he"/"she" through the subject of the same or the previous sentence (a quote's speaker,
"…, said X", the person opening the sentence, the subject of its speech verb; never
someone it merely mentions: "told Dowd", "gushed over Sheen", "On Instagram"), and
through the last ``X said in a statement`` for "the statement", and for "it" (as for
"the company") through the one organisation named in the sentences just before. A pronoun whose
antecedent is unclear (an unnamed subject, "the comedian"; someone named who is not the
subject; a subject known to take the other pronoun) gives "". Organisations speak too
("the British government" -> "British government"); unnamed people ("an official") do
not: they give "". A preposition's object before the verb is no speaker ("after the
race in Sao Paulo said"). Otherwise the speaker is "".

Grouping. Two occurrences are the same quote when one's normalised words contain the
other's (at least four words) or their word sets overlap by 80%. Occurrences with
different resolved speakers stay separate :class:`Quote` objects (the conflicts stage
reports the attribution conflict); an occurrence with no resolved speaker joins a
matching attributed group instead of creating a false conflict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .entities import build_name_index, is_title, resolve_name, strip_name, title_before
from .models import Attribution, CleanArticle, Copy, Entity, Evidence, Mention, Quote, Sentence
from .outlets import AGENCIES

__all__ = ["SPEECH_VERBS", "extract_quotes", "quoted_spans", "quoted_words", "same_quotation"]

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|wrote|writes|tweeted|posted|declared"
    "|declares|announced|announces|explained|explains|noted|notes|insisted|insists|warned|warns"
    "|argued|argues|continued|replied|replies|asked|asks|acknowledged|acknowledges|admitted"
    "|admits|recalled|claimed|claims|stressed|stresses|emphasised|emphasized|emphasizes"
    "|urged|urges|vowed|vows|pledged|pledges|promised|promises|remarked|conceded|concedes"
    "|responded|responds|cautioned|cautions|predicted|predicts|quipped|boasted|described|describes"
    "|suggested|suggests|reported|reports|confirmed|confirms|lamented|complained|denied|denies"
    "|accused|praised|criticised|criticized|condemned|hailed|welcomed|branded|dubbed|labelled"
    "|labeled|assured|revealed|reveals|recounted|joked|shouted|testified|observed|blamed"
    "|thanked|agreed|mused|wondered|pleaded|demanded|called|recalls|remembers|remembered"
    "|cracked|deadpanned|retorted|fumed|gushed|sighed"
    "|shared(?= (?:on|with) (?:Twitter|Instagram|Facebook|TikTok|social media|her|his|their))"
)
_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
_ACCORDING = re.compile(r"\baccording to\s+(?P<np>[^,.;:!?“”\"]+)", re.IGNORECASE)
_MIN_QUOTE_WORDS = 4  # three words or fewer are scare quotes
_CROSS_SPEAKER_WORDS = 6  # words two speakers' quotations share to be one quotation
_MAX_TITLE_WORDS = 8
_MAX_ATTRIBUTION_WORDS = 12  # "Mr. Harris said." after a quote that ends its sentence
_MAX_QUOTE_CHARS = 2000
_MAX_WORDS_AFTER_VERB = 25  # "X said it will allow ... “…”": how far a verb may reach
_MAX_NP_WORDS = 7
_MAX_LEAD_WORDS = 2  # "Pittsburgh coach" before the speaker's name
_MAX_POST_WORDS = 15  # "…,” Name, a long apposition, said": how far the verb may be
_QUOTED_AS = re.compile(r"(?:quoted|cited)\s+(?P<np>.+?)\s+as\s+saying\b")
_ADVERBS = frozenset(
    re.findall(
        r"\S+",
        """
        also later then earlier previously again however further repeatedly separately
        reportedly once has had have was is would will first finally simply only
        recently publicly privately initially originally subsequently immediately often
        openly personally
        """,
    )
)
# Capitalised words that never name a speaker (not May, June, April, August: names too).
_DATE_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
        monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
        january february march july september october november december
        """,
    )
)
# Unnamed people: a speaker only with a capitalised qualifier ("a South Korean official").
_ANONYMOUS_HEADS = frozenset(
    re.findall(
        r"\S+",
        """
        official officials spokesman spokeswoman spokesperson spokespeople source sources
        analyst analysts expert experts resident residents witness witnesses lawyer lawyers
        prosecutor prosecutors researchers researcher diplomat diplomats aide aides person
        people man woman
        """,
    )
)
_SINGLE_QUOTE_REACH = 400
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$", re.IGNORECASE)
_OWN_PRONOUN = re.compile(
    rf"[^.;,“”\"]{{0,60}}?\b(?:{SPEECH_VERBS})(?:\s+\w+){{0,2}}?\s+(he|she)\b", re.IGNORECASE
)
# "…, said 23-year-old Ana Ruiz": a speech verb after a comma or closing mark, then the
# name. Only verbs that take no person as object: in "…, Tong Zhao, an analyst, told CNN"
# the name after "told" is the listener.
_INVERTED_VERBS = (
    "said|says|added|adds|wrote|writes|explained|explains|noted|notes|continued|replied"
    "|replies|recalled|stressed|insisted|insists|argued|argues|acknowledged|admitted|conceded"
    "|declared|remarked|observed|quipped|joked|tweeted|posted|announced|suggested|predicted"
    "|confirmed|stated|cautioned|recounted|testified"
)
_INVERTED = re.compile(rf"[,”\"’]\s*(?:{_INVERTED_VERBS})\s+(?:[\w.'’\-]+\s+){{0,3}}$")
_PREPOSITIONS = frozenset(
    re.findall(
        r"\S+",
        """
        in on at to from with by for of over under about against near into onto
        outside inside across through during via toward towards behind beside among between
        """,
    )
)
_UNNAMED = "?"  # a subject that names nobody
_CONTINUATION_LEAD = 2  # words allowed before a quote that continues the previous one
_ANTECEDENT_REACH = 6  # sentences looked at for the person "he"/"she" refers to
_SUBJECT_WORDS = 6  # words before a person at the start of a sentence ("Her husband, X")
_WORD_CHARS = re.compile(r"[\w'’\-]+")

_PRONOUNS = frozenset({"he", "she"})
_GLUE = frozenset({"and", "or", "but", "of", "for"})
# Capitalised only because they open a sentence: never part of a speaker's name.
_CAPITAL_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
        At In On But And As When After While Before If Since Although Though With For From By
        During Then So Yet Or Because Until Once Meanwhile However Still Also Asked Speaking
        Some Many Most Other Others Both All This That These Those There Here It According
        """,
    )
)
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
# Words that stand for someone without naming them ("Another said", "One added").
_QUANTIFIERS = frozenset(
    {"another", "one", "others", "some", "many", "both", "all", "each", "several", "few", "most"}
)
# A sentence opening with someone the model did not mark ("Kartik and his family fled").
_UNMARKED_PERSON = re.compile(r"\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)? and (?:his|her|their)\b")
# Lower-case words that may sit inside a speaker's noun phrase.
_NP_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
        the a an his her its their our of for and in at prime minister ministers president mayor
        governor secretary spokesman spokeswoman spokesperson spokespeople government office
        ministry department agency police officials official company statement chief executive
        leader leaders foreign defense defence interior state white house he she they it we i
        counterpart authorities authority commission committee council court board firm group
        military army navy embassy cabinet party campaign lawyer lawyers attorney prosecutors
        prosecutor source sources analysts analyst researchers experts expert witness
        witnesses residents resident chancellor senator deputy general director newspaper
        founder co-founder cofounder head boss chairman chairwoman ceo
        broadcaster media television radio news diplomat diplomats aide aides
        """,
    )
)
_ORG_HEADS = frozenset(
    re.findall(
        r"\S+",
        """
        government office ministry department agency police officials official company
        spokesman spokeswoman spokesperson spokespeople authorities authority commission
        committee council court board firm group military army navy embassy cabinet party
        campaign lawyer lawyers prosecutors prosecutor sources analysts researchers experts
        palace kremlin newspaper broadcaster media television radio
        """,
    )
)
_OPENERS = " \t\n([{—–-/"


@dataclass
class _Occurrence:
    article: str
    order: int  # article index
    start: int  # quoted words, marks excluded
    end: int
    text: str
    speaker: str
    tokens: tuple[str, ...] = ()
    joined: str = ""


@dataclass
class _Context:
    """What speaker resolution needs to know about one article and the story."""

    text: str
    sentences: Sequence[Sentence]
    index: Mapping[str, Entity]
    roles: Mapping[str, set[str]]
    story_roles: Mapping[str, set[str]]
    statement_speaker: dict[int, str] = field(default_factory=dict)  # sentence index -> speaker
    quoted: list[tuple[int, int]] = field(default_factory=list)  # (open, close) marks
    genders: dict[str, str] = field(default_factory=dict)  # person -> "m" | "f"

    def inside_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside quoted words (a name there is no speaker)."""
        return any(a < pos < b for a, b in self.quoted)


def _runs(article: CleanArticle) -> list[list[Sentence]]:
    """Consecutive sentences of one paragraph with no debris between them."""
    text = article.article.text
    debris = [(d.start, d.end) for d in article.debris]
    runs: list[list[Sentence]] = []
    for sent in article.sentences:
        if runs:
            prev = runs[-1][-1]
            gap = text[prev.end : sent.start]
            blocked = "\n" in gap or any(prev.end <= s < sent.start for s, _ in debris)
            if not blocked and prev.index + 1 == sent.index:
                runs[-1].append(sent)
                continue
        runs.append([sent])
    return runs


def _pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open mark, close mark) positions of the quotations in ``text[start:end]``."""
    pairs: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    p = start
    while p < end:
        c = text[p]
        if c == "“":
            opened = (p, "curly")
        elif c == "”":
            if opened is not None:
                pairs.append((opened[0], p))
                opened = None
        elif c == '"':
            # Straight marks do not say which way they face: the spaces around them do.
            # A stray mark must not flip every later pair of the paragraph.
            before = text[p - 1] if p > start else " "
            after = text[p + 1] if p + 1 < end else " "
            looks_open = (before.isspace() or before in _OPENERS) and not after.isspace()
            looks_close = not before.isspace() and not after.isalnum()
            if opened is None:
                if looks_open:
                    opened = (p, "straight")
            elif looks_close or not looks_open:
                pairs.append((opened[0], p))
                opened = None
            else:
                opened = (p, "straight")
        elif c == "‘" and opened is None and (p == start or text[p - 1] in _OPENERS):
            close = _single_close(text, p, end)
            if close is not None:
                pairs.append((p, close))
                p = close
        elif (
            c == "'"
            and opened is None
            and (p == start or text[p - 1] in _OPENERS)
            and p + 1 < end
            and text[p + 1].isalpha()
            and not _ELISION.match(text, p)
        ):
            close = _straight_single_close(text, p, end)
            if close is not None:
                pairs.append((p, close))
                p = close
        p += 1
    if opened is not None and _PARAGRAPH_GOES_ON.match(text, end):
        # A quotation running over paragraphs has no closing mark at the end of each
        # one, and the next paragraph opens with a mark again: this part ends here.
        pairs.append((opened[0], end))
    return [(a, b) for a, b in pairs if 0 < b - a - 1 <= _MAX_QUOTE_CHARS]


# The end of a paragraph whose next paragraph opens with a quotation mark.
_PARAGRAPH_GOES_ON = re.compile(r"[ \t]*\n\s*[\"“]")


_PARAGRAPH_GOES_ON_SINGLE = re.compile(r"[ \t]*\n\s*'")
# A word that opens with an apostrophe is no opening quotation mark: 'n', 'em, 'til.
_ELISION = re.compile(r"'(?:n|em|til|cause|tis|twas|bout|round)\b", re.IGNORECASE)


# "'Avengers' star", "'Friends' cast": a title in quotation marks before its people
_TITLE_FOLLOWER = re.compile(
    r" (?:stars?|actor|actress|singer|host|creator|director|alum|cast|fans?|writer|producer"
    r"|showrunner|author|series|movie|film|show|episode|season|sequel|franchise)\b"
)


def _straight_single_close(text: str, p: int, end: int) -> int | None:
    """The ' that closes the straight single quotation mark at ``p`` (the Daily Mail's
    "He said: 'We are ready.'"): one after a word or a stop and not followed by a letter
    or digit, so that "didn't" is an apostrophe; "the workers' union" and "the United
    States' Trump Administration" (an s, a space and a word) are a plural's apostrophe,
    taken for the closing mark only when no other mark closes the quotation, and the
    second (a capital after it) only when the quotation does not run on into the next
    paragraph either."""
    limit = min(end, p + _SINGLE_QUOTE_REACH)
    possessive = before_name = None
    nested = 0  # 'He called it 'a disgrace' and left.': an inner pair
    q = p + 1
    while q < limit:
        c = text[q]
        if c in '“”"‘’':
            return None
        if c == "'" and text[q - 1] in _OPENERS and text[q + 1 : q + 2].isalpha():
            nested += 1
        elif c == "'" and text[q - 1] != " " and (q + 1 >= len(text) or not text[q + 1].isalnum()):
            if nested:
                nested -= 1
            elif (
                text[q - 1] in "sS"
                and text[q + 1 : q + 2] == " "
                and text[q + 2 : q + 3].isalpha()
                and not _TITLE_FOLLOWER.match(text, q + 1)
            ):
                if text[q + 2].islower():
                    possessive = possessive or q  # "'Minecraft Legends' delivers"
                else:
                    before_name = before_name or q
            else:
                return q
        q += 1
    if possessive is not None:
        return possessive
    before = text[max(0, p - 40) : p].rstrip(" \t")
    speech = (not before and p <= 40) or before[-1:] in ("\n", ":", ",")
    if q >= end and speech and _PARAGRAPH_GOES_ON_SINGLE.match(text, end):
        # speech running on into the next paragraph, which opens with a mark again
        # ("'Not long ago, the United States' Trump Administration revealed ...")
        return end
    return before_name


def _single_close(text: str, p: int, end: int) -> int | None:
    """The ’ that closes the ‘ at ``p``: one not followed by a letter (not an apostrophe)."""
    limit = min(end, p + _SINGLE_QUOTE_REACH)
    q = p + 1
    while q < limit:
        c = text[q]
        if c in '“”"‘':
            return None
        if c == "’" and (q + 1 >= len(text) or not text[q + 1].isalnum()) and text[q - 1] != " ":
            return q
        q += 1
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Quoted words without surrounding spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _is_title_case(quoted: str) -> bool:
    """ "Back To The Future": a short all-capitalised quote is a title, not speech."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", quoted)]
    if not words or len(words) > _MAX_TITLE_WORDS or not words[0][:1].isupper():
        return False
    # "Man of the Woods", "Can’t Stop the Feeling": short words stay lower case in titles
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals >= 2 and all(w[:1].isupper() or w in _TITLE_SMALL for w in words)


_TITLE_SMALL = frozenset(
    ["a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with", "from"]
)


def _tokens(text: str) -> tuple[str, ...]:
    text = text.replace("’", "'")  # "We’re" and "We're" are one word
    return tuple(w.strip("'-").lower() for w in _WORD_CHARS.findall(text) if w.strip("'-"))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each quotation mark pair of ``text`` (a sentence)."""
    pairs = _pairs(text, 0, len(text))
    spans = [(a + 1, b) for a, b in pairs]
    # A sentence inside a quotation of several sentences holds only one of its marks:
    # "“The Zoo security team’s quick response saved the child’s life." opens one that
    # a later sentence closes; the words from the mark to the end (or from the start to
    # a closing mark) are quoted.
    paired = {p for pair in pairs for p in pair}
    loose = [p for p, c in enumerate(text) if c in '“”"' and p not in paired]
    if len(loose) == 1:
        p = loose[0]
        opener = text[p] == "“" or (
            text[p] == '"' and (p == 0 or text[p - 1] in _OPENERS) and p + 1 < len(text)
        )
        if opener and all(b < p for _a, b in pairs):
            spans.append((p + 1, len(text)))
        elif not opener and all(a > p for a, _b in pairs):
            spans.append((0, p))
    return spans


def quoted_words(text: str) -> list[tuple[str, ...]]:
    """The words of each quotation in ``text`` (a sentence), lower-cased, titles
    ("Back To The Future") left out: what two sentences quoting one statement share."""
    out: list[tuple[str, ...]] = []
    for a, b in quoted_spans(text):
        inner = text[a:b]
        if not _is_title_case(inner):
            words = _tokens(inner)
            if words:
                out.append(words)
    return out


# The Arabic article joined to a family name: "al-Adnani" is "Adnani".
_NAME_PARTICLE = re.compile(r"^(?:al|el)[-‐]", re.IGNORECASE)


def _surname(word: str) -> str:
    return _NAME_PARTICLE.sub("", word).casefold()


def _same_speaker(a: str, b: str) -> bool:
    """ "James P. Steyer", "James Steyer" and "Steyer" name one speaker (the story's
    entities have already given each surname its full name where they could); so do
    "Abu Muhammad al-Adnani" and "Adnani"."""
    if a == b:
        return True
    wa = [w for w in _INITIALS.sub(_joined, a).replace(".", " ").split() if len(w) > 1]
    wb = [w for w in _INITIALS.sub(_joined, b).replace(".", " ").split() if len(w) > 1]
    if not wa or not wb or _surname(wa[-1]) != _surname(wb[-1]):
        return False
    if len(wa) == 1 or len(wb) == 1 or wa[0] == wb[0]:
        return True
    # "CJ Davis" and "Cerelyn Davis": initials go by the given name they open
    return any(
        _INITIALS_ONLY.fullmatch(x) is not None and y[0] == x[0] and not y.isupper()
        for x, y in ((wa[0], wb[0]), (wb[0], wa[0]))
    )


# "T.J." and "J.J." are two given names (brothers T.J. and J.J. Watt), not no name
_INITIALS = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,3})")
_INITIALS_ONLY = re.compile(r"[A-Z]{2,3}")


def _joined(m: re.Match[str]) -> str:
    return m.group(1).replace(".", "")


def _sentence_at(sentences: Sequence[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    return None


def _np_before(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Offsets of the noun phrase that ends at ``hi`` (subject of the verb at ``hi``)."""
    words = list(re.finditer(r"\S+", text[lo:hi]))
    first = len(words)
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group()
        core = w.rstrip(",;:")
        if core != w and i != len(words) - 1:
            break  # punctuation ends the phrase (an appositive is handled elsewhere)
        if core != w:
            break
        bare = re.sub(r"['’]s$", "", core)
        if bare.lower() in _DATE_WORDS or bare in _CAPITAL_FUNCTION_WORDS:
            break
        if bare[:1].isupper() or bare.lower() in _NP_WORDS or re.fullmatch(r"[A-Z]\.", bare):
            first = i
            if len(words) - first >= _MAX_NP_WORDS:
                break
            continue
        break
    if first == len(words) or words[-1].group().lower() in _GLUE:
        # "met Weinstein and warned him": the verb's subject is elided, not "Weinstein".
        return hi, hi
    head = re.sub(r"['’]s$", "", words[-1].group()).lower()
    if head in _ORG_HEADS and words[first].group().lower() not in _DETERMINERS:
        # "the city council", "the regional health ministry": lower-case modifiers
        # belong to the phrase when a determiner opens it.
        j = first
        while j > 0 and first - j < 2 and words[j - 1].group().isalpha():
            prev = words[j - 1].group()
            if prev.lower() in _DETERMINERS:
                first = j - 1
                break
            if not prev.islower():
                break
            j -= 1
        else:
            if j > 0 and words[j - 1].group().lower() in _DETERMINERS:
                first = j - 1
    return lo + words[first].start(), lo + words[-1].end()


_RANKED = re.compile(
    r"\s*(?:the\s+)?(?:world\s+)?No\.?\s?\d+\s+(?:(?:seed|seeded|ranked)\s+)?(?=[A-Z])"
)


def _np_after(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Offsets of the noun phrase that starts at ``lo`` ("Mayor Lena Okafor", "the mayor")."""
    ranked = _RANKED.match(text, lo, hi)
    if ranked:
        lo = ranked.end()  # "the No 3 seed Stefanos Tsitsipas": the name after the rank
    words = list(re.finditer(r"\S+", text[lo:hi]))
    last = -1
    for i, m in enumerate(words[:_MAX_NP_WORDS]):
        w = m.group()
        core = w.rstrip(",;:.!?")
        bare = re.sub(r"['’]s$", "", core)
        ok = (
            (bare[:1].isupper() or bare.lower() in _NP_WORDS)
            and bare.lower() not in _DATE_WORDS
            and bare not in _CAPITAL_FUNCTION_WORDS
        )
        if not ok:
            break
        last = i
        abbreviation = is_title(w) or re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.", w)
        if core != w and not abbreviation:
            break
    if last < 0:
        return lo, lo
    end = lo + words[last].end()
    while end > lo and text[end - 1] in ",;:.!?" and not re.search(r"\b[A-Z]\.$", text[lo:end]):
        end -= 1
    return lo + words[0].start(), end


_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin"})
# Words inside an organisation's name: "Bulletin of the Atomic Scientists".
_NAME_GLUE = frozenset({"of", "the", "for", "and", "on", "de"})


def _clause_subject(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The noun phrase opening the clause ``text[lo:hi]`` ("Kishida, referring to …, said")."""
    words = list(re.finditer(r"\S+", text[lo:hi]))
    last = -1
    closed = False  # the phrase ends at a comma
    for i, m in enumerate(words[: 2 * _MAX_NP_WORDS]):
        w = m.group()
        core = w.rstrip(",;:")
        bare = re.sub(r"['’]s$", "", core)
        particle = (
            bare in _NAME_PARTICLES
            and core == w
            and i + 1 < len(words)
            and words[i + 1].group()[:1].isupper()
        )  # "Adrian van Hooydonk, head of BMW Group Design, said"
        if not particle and (
            bare in _CAPITAL_FUNCTION_WORDS or not (bare[:1].isupper() or bare.lower() in _NP_WORDS)
        ):
            break
        last = i
        if core != w:
            closed = True
            break
    if last < 0:
        return lo, lo
    if last >= _MAX_NP_WORDS:
        if not closed:
            last = _MAX_NP_WORDS - 1
        else:
            # "House Judiciary Committee Ranking Member Rep. Jim Jordan, R-Ohio, argued":
            # a long title runs into the name, which ends the phrase
            return lo + words[last - _MAX_NP_WORDS + 1].start(), lo + words[last].end()
    return lo + words[0].start(), lo + words[last].end()


def _strip_np(phrase: str) -> str:
    words = phrase.strip(" ,;:.").split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


# Words that make a title a past one ("former Prime Minister", "ex-president").
_PAST_TITLE = frozenset({"former", "ex", "then", "late"})
# Headline abbreviations of titles: "PM says ..." is the prime minister.
_ROLE_ABBREVIATIONS = {"pm": "prime minister"}


def _role_key(phrase: str) -> str:
    words = _strip_np(phrase).lower().replace("’", "'").split()
    return " ".join(_ROLE_ABBREVIATIONS.get(w, w) for w in words)


def _title_owner(ctx: _Context, role: str) -> str | None:
    """The one person the article (else the story) introduced with ``role``; "" when
    several hold it, None when no one does."""
    for roles in (ctx.roles, ctx.story_roles):
        owners = roles.get(role, set())
        if len(owners) == 1:
            return next(iter(owners))
        if owners:
            return ""
    return None


def _person_mentions(
    ctx: _Context, lo: int, hi: int, salient: bool = False
) -> list[tuple[Mention, str]]:
    """Mentions in ``[lo, hi)`` that resolve to a person entity, with the person's name.

    ``salient``: only people with a full name or named more than once (a lone
    capitalised word the model took for a person, "Flags", is no antecedent).
    """
    found: list[tuple[Mention, str]] = []
    for s in ctx.sentences:
        if s.end <= lo or s.start >= hi:
            continue
        for m in s.mentions:
            if not (lo <= m.start and m.end <= hi and m.label in ("PERSON", "ORG")):
                continue
            # A name inside quoted words ("Quentin finally atoned…") is not a speaker.
            if ctx.inside_quote(m.start):
                continue
            e = resolve_name(m.text, ctx.index)
            if e is None or (e.type != "person" and m.label != "PERSON"):
                continue
            # The word right before a surname alone: "Sam Okafor" is not Lena Okafor.
            prev = re.search(r"(\S+) $", ctx.text[max(0, m.start - 40) : m.start])
            short = len(m.text.split()) < len(e.name.split())
            if e.type == "person" and short and prev and _other_given_name(prev[1], e.name):
                continue
            if salient and e.mentions < 2 and len(e.name.split()) < 2 and e.name not in ctx.genders:
                continue
            found.append((m, e.name))
    return found


def _resolve(ctx: _Context, lo: int, hi: int, quote_speakers: Mapping[int, str]) -> str:
    """The speaker named by the noun phrase ``text[lo:hi]``, or ""."""
    phrase = ctx.text[lo:hi]
    bare = _strip_np(phrase)
    low = bare.lower()
    if not bare:
        return ""
    if low in _PRONOUNS:
        return _antecedent(ctx, lo, quote_speakers, low)
    if low == "it":
        return _org_antecedent(ctx, lo)  # "“…,” it said": the organisation named just before
    if low in {"they", "we", "i"} or low in _QUANTIFIERS:
        return ""  # "Another revealed: “…”": another witness, named nowhere
    people = _person_mentions(ctx, lo, hi)
    if people:
        if _serves(ctx.text, lo, people[-1][0].start):
            return ""  # "The lawyer for Ghislaine Maxwell said": not Maxwell
        # The head of "Skerry Line chief executive Helen Varga" comes last.
        return people[-1][1]
    if low in _ROLE_ABBREVIATIONS:
        # "PM says": the model may tag it an organisation; it is the prime minister
        return _title_owner(ctx, _role_key(bare)) or ""
    entity = resolve_name(bare, ctx.index)
    if entity is not None and entity.type in ("person", "organisation"):
        return entity.name
    role = _role_key(phrase)
    owner = re.search(
        r"([A-Z][\w.-]*)['’]s?\s+(?:[a-z][\w-]*\s+){0,2}$", ctx.text[max(0, lo - 60) : lo] + " "
    )
    if owner:
        known = resolve_name(owner.group(1), ctx.index)
        if known is not None and known.type == "person":
            # "DeSantis' press secretary said": that person's, not the story's press
            # secretary ("Britain's prime minister" still is the story's)
            role = ""
    owner_name = _title_owner(ctx, role)
    if owner_name:
        return owner_name
    words = low.replace("’", "'").split()
    if words and words[-1] in {"statement", "release"}:
        s = _sentence_at(ctx.sentences, lo)
        earlier = [v for k, v in ctx.statement_speaker.items() if s is None or k <= s.index]
        return earlier[-1] if earlier else ""
    heads = [w.removesuffix("'s") for w in words]
    if any(h in _ORG_HEADS for h in heads):
        named = _named_words(ctx, lo, bare)
        if heads[-1] in _ANONYMOUS_HEADS and not named:
            return ""  # "an official said": nobody a reader could check
        if heads[-1] in _COMPANY_HEADS and not named:
            return _org_antecedent(ctx, lo)  # "the company said": which one?
        if not named:
            # "the authority said" after "the UK Civil Aviation Authority": the one
            # organisation just named whose name ends in that word
            # ("the department said" with no department named before: nobody to name)
            return _org_antecedent(ctx, lo, head=heads[-1]) or (
                "" if " " not in bare and bare.islower() else bare
            )
        return bare
    if entity is not None:
        return entity.name
    tail = bare.split()
    # "Bulletin of the Atomic Scientists" is one name: no organisation "Scientists" in it
    glued = any(w.lower() in _NAME_GLUE for w in tail[1:-1])
    for i in range(1, len(tail)):
        # "the United Nations Nikki Haley": the longest known name that ends the phrase.
        known = resolve_name(" ".join(tail[i:]), ctx.index)
        if known is not None and (
            known.type == "person" or (known.type == "organisation" and not glued)
        ):
            partial = len(tail) - i < len(known.name.split())
            if known.type == "person" and partial and _other_given_name(tail[i - 1], known.name):
                break  # "Sam Okafor" is not Lena Okafor
            return known.name
    capitals = [w for w in bare.split() if w[:1].isupper()]
    inner = [w for w in bare.split()[1:-1] if w.lower() not in _NAME_GLUE]
    if (
        len(bare.split()) > 2
        and bare.split()[0][:1].isupper()
        and bare.split()[-1][:1].isupper()
        and all(w[:1].isupper() for w in inner)
        and any(w.lower() in _NAME_GLUE for w in bare.split())
        and not any(is_title(w) for w in bare.split())  # "the Prime Minister of Britain"
    ):
        return bare  # "according to the Bulletin of the Atomic Scientists": one name
    if capitals and len(capitals) == len(bare.split()) and low not in _NP_WORDS:
        if all(is_title(w.split("-")[-1]) for w in bare.split()):
            return ""  # "Ex-president says ...": a title opening a sentence names nobody
        return strip_name(bare)
    return ""


def _named_words(ctx: _Context, lo: int, bare: str) -> bool:
    """Whether the phrase ``bare`` (at ``lo``) has a capitalised word that names
    something: not a common word capitalised only because it opens the sentence ("Rock
    group said ..."), unless that word is a known name ("Wagner group said")."""
    words = bare.split()
    s = _sentence_at(ctx.sentences, lo)
    opens = s is not None and not ctx.text[s.start : lo].strip(" \t\n\"“‘'(")
    for k, w in enumerate(words):
        if not w[:1].isupper():
            continue
        if k or not opens:
            return True
        if resolve_name(w, ctx.index) is not None:
            return True
    return False


# "the company said": a generic head that stands for an organisation named before.
_COMPANY_HEADS = frozenset({"company", "firm", "airline", "carrier", "operator", "group"})
_ORG_LOOKBACK = 3  # sentences


def _org_antecedent(ctx: _Context, pos: int, head: str = "") -> str:
    """The organisation "the company" at ``pos`` stands for: the only one named in the
    few sentences before it (and more than once in the story), or "" when that is not
    clear ("SpaceX ... the Heavy's boosters ... the company said": which one?). With
    ``head`` ("authority"), the only one whose name ends in that word, named once or more."""
    here = _sentence_at(ctx.sentences, pos)
    if here is None:
        return ""
    names: set[str] = set()
    for s in ctx.sentences:
        if not here.index - _ORG_LOOKBACK <= s.index <= here.index:
            continue
        for m in s.mentions:
            if m.start >= pos or m.label != "ORG":
                continue
            if ctx.inside_quote(m.start):
                continue
            e = resolve_name(m.text, ctx.index)
            if e is None or e.type != "organisation":
                continue
            if head:
                if e.name.lower().split()[-1] == head:
                    names.add(e.name)
            elif e.mentions >= 2:
                names.add(e.name)
    return names.pop() if len(names) == 1 else ""


def _other_given_name(word: str, known: str) -> bool:
    """Whether ``word``, right before a known person's surname, is a given name other than
    theirs ("Sam" before "Okafor" when the story knows Lena Okafor)."""
    word = word.strip(",.;:()")
    low = word.lower()
    if not word[:1].isupper() or is_title(word) or low in _NP_WORDS or low in _ADVERBS:
        return False  # "Professor Dai", "Earlier Trump"
    return word.lower() not in {w.lower() for w in known.split()[:-1]}


def _antecedent(
    ctx: _Context, pos: int, quote_speakers: Mapping[int, str], pronoun: str = ""
) -> str:
    """The person "he"/"she" at ``pos`` refers to, or "" when that is not clear.

    Only a subject counts (see :func:`_subject_of`), in the same sentence or the previous
    one. A sentence whose subject is the same pronoun passes the question back one
    sentence, and so may one sentence that names nobody at all. When the nearest subject
    is known to take the other pronoun (see :func:`_genders`), an earlier subject is taken
    only if it is known to take this one. A sentence naming someone who is not its
    subject ("a spokesman said PM Theresa May was…", "she gushed over Sheen"), or whose
    subject is unnamed ("the comedian"), leaves the pronoun unresolved: a wrong speaker
    is worse than none.
    """
    gender = {"he": "m", "she": "f"}.get(pronoun, "")
    current = _sentence_at(ctx.sentences, pos)
    if current is None:
        return ""
    # The quote this pronoun attributes ("“…. At times, …,” he said"): its own
    # sentences have no subject to offer.
    quote_open = max((a for a, b in ctx.quoted if current.start <= b < pos), default=pos)
    known_only = False  # past a subject of the other gender, only a known match will do
    empty = 0  # sentences passed that name nobody
    s: Sentence | None = current
    for _ in range(_ANTECEDENT_REACH):
        if s is None:
            return ""
        hi = pos if s is current else s.end
        if s is not current and s.end > quote_open:
            s = _previous_sentence(ctx, s)
            continue
        found, other = _subject_of(ctx, s, hi, quote_speakers)
        if found:
            known = ctx.genders.get(found, "")
            if not gender or known == gender or (not known and not known_only):
                return found
            if not known:
                return ""
            known_only = True  # "Mr. Adeyemi asked… “…,” she said": someone before him
        elif other == _UNNAMED or (other and gender and other != pronoun):
            return ""  # "the comedian", "analysts", or "she" before a "he": someone else
        elif not other and s is not current:
            if _person_mentions(ctx, s.start, hi, True):
                return ""  # someone named, but not as the subject: ambiguous
            empty += 1
            if empty > 1:
                return ""
        s = _previous_sentence(ctx, s)
    return ""


def _previous_sentence(ctx: _Context, s: Sentence) -> Sentence | None:
    earlier = [x for x in ctx.sentences if x.index < s.index]
    return earlier[-1] if earlier else None


def _subject_of(
    ctx: _Context, s: Sentence, hi: int, quote_speakers: Mapping[int, str]
) -> tuple[str, str]:
    """The subject of ``text[s.start:hi]``: (person, ""), ("", "he"/"she"), ("", _UNNAMED)
    for a speech verb's subject that names nobody ("the comedian"), or ("", "").

    Tried in order: the speaker of a quote in the sentence, a person a speech verb names
    ("…, said Scott LaFoy"), a person opening the sentence or its main clause ("Hopkins
    may have…", "Yet on Saturday, Jackson wrote"; not "On Instagram, …"), the subject of
    the first speech verb outside quotes.
    """
    said = quote_speakers.get(s.index, "")
    if said:
        return said, ""
    named = _named_after_verb(ctx, s, hi)
    if named:
        return named, ""
    opening = _opening_name(ctx, s)
    if opening:
        return opening, ""
    for m, name in _person_mentions(ctx, s.start, hi, salient=True):
        before = ctx.text[s.start : m.start]
        if _VERB.search(before):
            break
        if re.search(r"\b(?:that|which|who|whom|whose)\b", before):
            continue  # "Despite saying that Mr. Xi…, Mr. Trump said": a clause's subject
        known = resolve_name(name, ctx.index)
        if (
            known is None
            or known.type != "person"
            or _after_preposition(ctx.text, s.start, m.start)
        ):
            continue  # "On Instagram, …": neither a person nor a subject
        # "Yet on Saturday, in a post, Jackson wrote": the subject after an opening phrase.
        words = before.split()
        opener = bool(words) and (
            words[0] in _CAPITAL_FUNCTION_WORDS or words[0].lower() in _ADVERBS
        )
        after_opener = opener and re.search(r",\s*(?:\S+\s+){0,2}$", before)
        if len(words) <= _SUBJECT_WORDS or after_opener:
            return name, ""
    lead = re.match(r"\s*(\w+)\b", ctx.text[s.start : hi])
    if lead and lead.group(1).lower() in _PRONOUNS:
        return "", lead.group(1).lower()
    for v in _VERB.finditer(ctx.text, s.start, hi):
        if ctx.inside_quote(v.start()):
            continue
        end = _skip_adverbs_back(ctx.text, s.start, v.start())
        a, b = _np_before(ctx.text, s.start, end)
        bare = _strip_np(ctx.text[a:b])
        if bare.lower() in _PRONOUNS:
            return "", bare.lower()
        if b > a and not _object_np(ctx, s.start, a, b):
            people = _person_mentions(ctx, a, b)
            if people:
                return people[-1][1], ""
            known = resolve_name(bare, ctx.index)
            if known is not None and known.type == "person":
                return known.name, ""
            owners = ctx.roles.get(_role_key(bare), set()) or ctx.story_roles.get(
                _role_key(bare), set()
            )
            return (next(iter(owners)), "") if len(owners) == 1 else ("", _UNNAMED)
        if ctx.text[s.start : end].rstrip().endswith(","):
            # "The new head of the bank, Ana Ruiz, also said": the one person in the
            # apposition just before the verb.
            span = ctx.text[s.start : end].split()[-_MAX_POST_WORDS:]
            lo = end - len(" ".join(span)) if span else end
            near = {
                name
                for _, name in _person_mentions(ctx, lo, end)
                if (e := resolve_name(name, ctx.index)) is not None and e.type == "person"
            }
            if len(near) == 1:
                return near.pop(), ""
        # "…, she looked steely and said": the pronoun opening the clause.
        clause = re.search(r"(?:^|[,;]\s+)(he|she)\s+[^,;]*$", ctx.text[s.start : end], re.I)
        if clause:
            return "", clause.group(1).lower()
        # Someone speaks here whom we cannot name ("Ajmal Jan, a shopkeeper, said" with
        # the name unrecognised): the pronoun more likely means them than anyone earlier.
        return "", _UNNAMED
    if _UNMARKED_PERSON.match(ctx.text, s.start, hi):
        return "", _UNNAMED  # "Kartik and his family escaped. He said: “…”"
    return "", ""


def _object_np(ctx: _Context, lo: int, a: int, b: int) -> bool:
    """Whether the phrase ``text[a:b]`` before a verb is a preposition's object, not the
    verb's subject ("the finish in Sao Paulo said", "a reporter for the Globe said").

    A person ending a phrase that follows a preposition is its head ("Ambassador to the
    UN Nikki Haley"); a phrase that opens with one never is ("a rep for Weinstein said").
    """
    first = ctx.text[a:b].split()[:1]
    if first and first[0] in _PREPOSITIONS:
        return True
    return _after_preposition(ctx.text, lo, a) and not _person_mentions(ctx, a, b)


def _after_preposition(text: str, lo: int, pos: int) -> bool:
    """Whether the word before ``pos`` is a preposition ("On Instagram", "in Sao Paulo")."""
    m = re.search(r"(\S+\s+)?(\S+)\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?$", text[lo:pos])
    if m is None or m.group(2).lower() not in _PREPOSITIONS:
        return False
    # "According to Mr. Musk" names a source, like a speech verb.
    return (m.group(1) or "").strip().lower() != "according"


def _genders(ctx: _Context) -> dict[str, str]:
    """Who is "he" ("m") or "she" ("f") in this article, from unambiguous cues only.

    An honorific ("Mr. Hale", "Ms. Okafor") or the person's own report ("Hale said he",
    "Okafor told reporters she"). A person with both cues gets none.
    """
    seen: dict[str, set[str]] = {}
    for s in ctx.sentences:
        for m in s.mentions:
            if m.label not in ("PERSON", "ORG"):
                continue
            e = resolve_name(m.text, ctx.index)
            if e is None or e.type != "person":
                continue
            cues = seen.setdefault(e.name, set())
            honorific = _HONORIFIC.search(ctx.text, max(0, m.start - 6), m.start)
            if honorific:
                cues.add(
                    "f" if honorific.group(1).lower().startswith(("ms", "mrs", "miss")) else "m"
                )
            own = _OWN_PRONOUN.match(ctx.text, m.end, s.end)
            if own:
                cues.add("m" if own.group(1).lower() == "he" else "f")
    return {name: next(iter(c)) for name, c in seen.items() if len(c) == 1}


def _named_after_verb(ctx: _Context, s: Sentence, hi: int) -> str:
    """ "…, said Scott LaFoy" / "…, says economist Felipe Chapman": an inverted attribution.

    The verb must follow a comma or a closing mark: in "Thurman told Dowd" the person
    after the verb is whom she spoke to, not the speaker.
    """
    for m in s.mentions:
        if m.end > hi or m.label not in ("PERSON", "ORG"):
            continue
        if ctx.inside_quote(m.start):
            continue
        # The name must end the attribution: ", said the Falcon Heavy would be" is
        # the object of an ordinary "X said (that) …".
        closed = re.match(r"\s*(?:[,.;:!?)—–]|$)", ctx.text[m.end : s.end])
        if closed and _INVERTED.search(ctx.text, s.start, m.start):
            known = resolve_name(m.text, ctx.index)
            return known.name if known is not None else strip_name(m.text)
    return ""


def _opening_name(ctx: _Context, s: Sentence) -> str:
    """A known person whose name opens ``s`` though the model missed it ("Haynes was…")."""
    m = re.match(r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?((?:[A-Z][\w'’\-]+\s+){0,2}[A-Z][\w'’\-]+)", s.text)
    if not m:
        return ""
    known = resolve_name(m.group(1), ctx.index)
    if known is None or known.type != "person":
        return ""
    return known.name if known.mentions > 1 or len(known.name.split()) > 1 else ""


def _modifies_a_role(text: str, a: int, b: int, hi: int) -> bool:
    """Whether the capitalised phrase ``text[a:b]`` after a speech verb only qualifies the
    lower-case role that follows it: a possessive ("Scotland's first minister") or a
    word such as "Serbian" before "nine-times champion". Not "said Smith on Monday"."""
    if re.search(r"['’]s$", text[a:b]):
        return True
    nxt = re.match(r"\s+([a-z][\w'’-]*)", text[b:hi])
    if nxt is None:
        return False
    word = nxt.group(1)
    return (
        word not in _PREPOSITIONS
        and word not in _ADVERBS
        and word not in _DATE_WORDS
        and word not in _GLUE
        and word not in {"who", "whose", "which", "that", "as", "when", "after", "before"}
        and not word.endswith("ly")
        and len(text[a:b].split()) == 1
    )


def _describes_a_role(ctx: _Context, a: int, b: int, hi: int) -> bool:
    """Whether "the/a X" after a speech verb is a description, "X" a word that is no
    known name qualifying the role after it: "said the Mexican businessman" names
    nobody, while in "said a Microsoft spokesman" Microsoft speaks."""
    words = ctx.text[a:b].split()
    if len(words) != 2 or words[0].lower() not in _DETERMINERS:
        return False
    if resolve_name(words[1], ctx.index) is not None:
        return False
    return _modifies_a_role(ctx.text, b - len(words[1]), b, hi)


def _speaker_from_post(ctx: _Context, lo: int, hi: int, qs: Mapping[int, str]) -> str | None:
    """Speaker named right after the closing mark, or None when there is no attribution."""
    m = re.match(r"[\s,.;:!?—–-]*", ctx.text[lo:hi])
    p = lo + (m.end() if m else 0)
    rest = ctx.text[p:hi]
    quoted = _QUOTED_AS.match(rest)
    if quoted:
        a, b = _np_after(ctx.text, p + quoted.start("np"), p + quoted.end("np"))
        return _resolve(ctx, a, b, qs) if b > a else None
    verb_first = re.match(rf"(?:{SPEECH_VERBS})\b\s*", rest)
    if verb_first:
        start = p + verb_first.end()
        holder = _role_holder(ctx, start, hi)
        if holder:
            return holder
        for mention, name in _person_mentions(ctx, start, hi):
            # "said ESA astronaut Matthias Maurer": role words, then the person.
            lead = ctx.text[start : mention.start]
            if len(lead.split()) > _MAX_LEAD_WORDS + 1 or re.search(r"[^\w\s'’.-]", lead):
                break
            if _is_person(ctx, name):
                return name
        a, b = _np_after(ctx.text, start, hi)
        if b > a and (_modifies_a_role(ctx.text, a, b, hi) or _describes_a_role(ctx, a, b, hi)):
            return ""  # "says Serbian nine-times champion", "says Scotland's first minister"
        return _resolve(ctx, a, b, qs) if b > a else None
    verb = _VERB.search(rest)
    if verb and verb.start() > 0 and len(rest[: verb.start()].split()) <= _MAX_POST_WORDS:
        vstart = p + verb.start()
        end = _skip_adverbs_back(ctx.text, p, vstart)
        a, b = _np_before(ctx.text, p, end)
        if b > a and _object_np(ctx, p, a, b):
            return None  # "…” after he said": the quote's own attribution is elsewhere
        lead = ctx.text[p:a]
        # "…,” Pittsburgh coach Mike Tomlin said: a few unpunctuated words may precede.
        if b > a and (
            a == p or (len(lead.split()) <= _MAX_LEAD_WORDS and not re.search(r"[^\w\s'’-]", lead))
        ):
            return _resolve(ctx, a, b, qs)
        # "…,” Mark Lippert, a former ambassador, said: the subject opens the clause;
        # a person named in the apposition ("a spokesman, Geng Shuang,") is preferred.
        if ctx.text[p:end].rstrip().endswith(","):
            found = _appositive_subject(ctx, p, end, qs)
            if found:
                return found
        # "…” to deal with the crisis, said R. Nicholas Burns.
        after_comma = re.search(rf",\s+(?:{SPEECH_VERBS})\b\s*", rest)
        if after_comma and after_comma.start() < verb.end():
            a, b = _np_after(ctx.text, p + after_comma.end(), hi)
            if b > a:
                return _resolve(ctx, a, b, qs)
    acc = _ACCORDING.search(rest)
    if acc and acc.start() < 40:
        a, b = _np_after(ctx.text, p + acc.start("np"), p + acc.end("np"))
        if b > a:
            return _resolve(ctx, a, b, qs)
    return None


def _is_person(ctx: _Context, name: str) -> bool:
    """Whether ``name`` is a person entity (the model tags some organisations PERSON)."""
    known = resolve_name(name, ctx.index)
    return known is not None and known.type == "person"


def _role_holder(ctx: _Context, lo: int, hi: int) -> str:
    """ "…,” said the Alpes-Maritimes sub-prefect, Jean Roux.": the person after the role.

    Only a role phrase opened by a determiner or a possessive ("Common Sense's chief
    executive, James Steyer") and naming no person itself, and a person who
    ends the attribution (followed by punctuation), so "the mayor, Okafor and Varga" does
    not count.
    """
    role = re.match(
        r"(?:the|a|an|its|his|her|their|[A-Z][\w.&\-]*(?:\s[A-Z][\w.&\-]*)*['’]s)\s[^,.;:“”\"]{0,60},\s*",
        ctx.text[lo:hi],
        re.I,
    )
    if role is None or any(
        _is_person(ctx, n) for _, n in _person_mentions(ctx, lo, lo + role.end())
    ):
        return ""
    after = lo + role.end()
    for m, name in _person_mentions(ctx, after, hi):
        if m.start == after and re.match(r"\s*(?:[,.;!?]|$)", ctx.text[m.end : hi]):
            return name
    return ""


_RELATIVE = re.compile(r"\s*(?:who|whom|whose|which|that|where|when)\b", re.IGNORECASE)


def _appositive_subject(ctx: _Context, lo: int, end: int, qs: Mapping[int, str]) -> str:
    """Subject of ``X, apposition, said``: the person named first, unless X is a role.

    "Mark Lippert, a former ambassador, said" -> Mark Lippert; "A spokesperson for
    Buhari, Garba Shehu, said" -> Garba Shehu (the role's holder, not its employer).
    """
    a, b = _clause_subject(ctx.text, lo, end)
    if b <= a:
        return ""
    words = _strip_np(ctx.text[a:b]).split()
    # "a local member of parliament, X," / "Bruce Hale's sister, X,": a role, then its holder.
    possessive = bool(words) and re.search(r"['’]s$", words[-1]) is not None
    # "McLaughlin's lawyer, Larry Komp, told": a role of someone, then its holder
    owned_role = (
        len(words) > 1
        and words[-1][:1].islower()
        and any(re.search(r"['’]s$", w) for w in words[:-1])
    )
    role_first = not words or words[0][:1].islower() or possessive or owned_role
    comma = ctx.text.find(",", a, end)
    if not role_first and comma >= b and ctx.text[b:comma].strip():
        # "The Islamist movement's spokesman, Zabihullah Mujahid, said": the subject runs
        # on in lower case to the comma; a start that names no person is no speaker.
        known = resolve_name(_strip_np(ctx.text[a:b]), ctx.index)
        role_first = known is None or known.type != "person"
    if role_first:
        if comma >= 0 and _RELATIVE.match(ctx.text, comma + 1, end):
            # "The mother of X, who was among the students killed by Y, says": a name in
            # the relative clause is not the role's holder.
            return ""
        for sent in ctx.sentences:
            for m in sent.mentions:
                # The holder stands right before the verb: "…, Eric Ciotti, told".
                if (
                    m.label in ("PERSON", "ORG")
                    and b <= m.start
                    and m.end <= end
                    and not ctx.text[m.end : end].strip(" ,")
                ):
                    known = resolve_name(m.text, ctx.index)
                    return known.name if known is not None else strip_name(m.text)
        if not words or possessive:
            return ""  # "A representative for Thurman, …, responded": not Thurman
        later = _person_mentions(ctx, b, end)
        if later:
            return later[0][1]
        for sent in ctx.sentences:
            for m in sent.mentions:
                if m.label in ("PERSON", "ORG") and b <= m.start and m.end <= end:
                    known = resolve_name(m.text, ctx.index)
                    return known.name if known is not None else strip_name(m.text)
    return _resolve(ctx, a, b, qs)


def _skip_adverbs_back(text: str, lo: int, end: int) -> int:
    """Move ``end`` back over spaces, adverbs and auxiliaries ("Abe also said", "has told")."""
    while True:
        while end > lo and text[end - 1] == " ":
            end -= 1
        m = re.search(r"(\S+)$", text[lo:end])
        if m is None or (m.group(1).lower() not in _ADVERBS | _DATE_WORDS):
            return end
        end = lo + m.start(1)


# A verb's -ing form right before a name makes the name its object.
# Not the -ing words that open a title or a field ("acting Director X", "outgoing
# President Y", "Apple's marketing chief Z").
_PARTICIPLE_BEFORE = re.compile(
    r"\b(?!(?:according|during|including|acting|outgoing|incoming|founding|leading|ruling"
    r"|governing|managing|presiding|serving|reigning|sitting|visiting|remaining|ranking"
    r"|marketing|accounting|engineering|banking|training|publishing|broadcasting|polling"
    r"|trading|manufacturing|nursing|coaching|recording|racing|boxing|fencing|sailing"
    r"|shooting|swimming|skiing|wrestling|hosting|opening|closing|morning|evening)\b)"
    r"[a-z]{3,}ing\s+$"
)


# Roles a person holds for someone or something: "the lawyer for X", "X host", "X's boss".
_ROLE_NOUNS = (
    r"founder|co-founder|cofounder|head|chief|spokes(?:man|woman|person)|director|president"
    r"|ceo|chair(?:man|woman)?|boss|owner|editor|leader|lawyer|attorney|representative"
    r"|executive|host|star|actor|actress|singer|rapper|coach|player|manager|fans?"
    r"|officials?|workers?|mother|father|wife|husband|son|daughter|brother|sister|family"
    r"|victims?|suspect|reporter|judge|aide|adviser|advisor"
)
# A role "of" an organisation right before its name: the role's holder speaks.
_ROLE_OF = re.compile(rf"\b(?:{_ROLE_NOUNS})\s+(?:of|for|at)\b(?P<rest>[^,.;:!?]*)$", re.IGNORECASE)


def _serves(text: str, lo: int, name_start: int) -> bool:
    """Whether the name at ``name_start`` follows a role "of"/"for" it, with no other name
    between ("a lawyer for Ghislaine Maxwell", "Founder of news outlet Rappler", "a
    spokesperson for Prime Minister X"), so the role's holder speaks, not the name;
    "Secretary of State Antony Blinken" is the holder's title."""
    m = _ROLE_OF.search(text, lo, name_start)
    if m is None:
        return False
    capitals = [w for w in re.findall(r"[A-Za-z][\w'’-]*", m.group("rest")) if w[0].isupper()]
    return all(is_title(w) for w in capitals)


# A speech verb in the infinitive closing the words before a quotation: its subject is
# the noun phrase before "to" ("prompted Mayor Okafor to tweet:").
_LED_TO_SAY = re.compile(
    r"\s+to\s+(?:say|announce|declare|tell\s+\S+|write|tweet|add|ask|warn|insist|admit"
    r"|reply|proclaim|post)\s*[:,]?\s*$"
)


def _speaker_from_pre(ctx: _Context, lo: int, hi: int, qs: Mapping[int, str]) -> str | None:
    """Speaker named before the opening mark, or None when there is no attribution."""
    pre = ctx.text[lo:hi]
    led = _LED_TO_SAY.search(pre)
    if led:
        # "The Papers led the president of Argentina to announce: “…”": the one led speaks
        a, b = _np_before(ctx.text, lo, lo + led.start())
        joined = re.match(r"(?:and|or|but)\s+", ctx.text[a:b])
        if joined:
            a += joined.end()  # "to resign and the president of Argentina to announce"
        if b <= a:
            return ""
        role = re.fullmatch(r"(?:the\s+)?([\w-]+)\s+of\s+(.+)", ctx.text[a:b])
        if role and is_title(role.group(1)):
            # "the president of Argentina": a role, not the country, unless the story
            # names who holds it
            who = _resolve(ctx, a, b, qs)
            return who if who and who not in role.group(2) else _strip_np(ctx.text[a:b])
        return _resolve(ctx, a, b, qs)
    acc = _ACCORDING.search(pre)
    verbs = list(_VERB.finditer(pre))
    verbs = [v for v in verbs if len(pre[v.end() :].split()) <= _MAX_WORDS_AFTER_VERB]
    if verbs:
        v = verbs[-1]
        end = _skip_adverbs_back(ctx.text, lo, lo + v.start())
        a, b = _np_before(ctx.text, lo, end)
        participle = ctx.text[a].isupper() and _PARTICIPLE_BEFORE.search(ctx.text, lo, a)
        employer = b > a and _serves(ctx.text, lo, a)
        if b > a and (
            _object_np(ctx, lo, a, b) or participle or employer or _after_a_town(ctx, lo, a, b)
        ):
            # "after the finish in Sao Paulo said": not the place; "Republican targeting
            # Hunter Biden says": not Hunter Biden; "Founder of news outlet Rappler says":
            # the founder, not Rappler; "The police chief of Memphis, Tennessee has
            # described": not Tennessee
            return ""
        if b > a:
            return _resolve(ctx, a, b, qs)
        if end > lo and ctx.text[end - 1] == ",":
            return _appositive_subject(ctx, lo, end, qs)
        if re.search(r"\band$", ctx.text[lo:end]):
            # "Peskov told reporters that … and said that the test will “…”": the
            # second verb shares the sentence's subject.
            return _sentence_subject(ctx, lo, end, qs)
        return ""
    if acc:
        a, b = _np_after(ctx.text, lo + acc.start("np"), lo + acc.end("np"))
        if b > a:
            return _resolve(ctx, a, b, qs)
    return _participle_speaker(ctx, lo, hi, qs)


def _after_a_town(ctx: _Context, lo: int, a: int, b: int) -> bool:
    """Is the place at ``a:b`` the second half of a "Town, State" pair ("the police chief
    of Memphis, Tennessee has described")? Not "In Washington, Biden said": a person."""
    known = resolve_name(ctx.text[a:b], ctx.index)
    if known is None or known.type != "place":
        return False
    town = r"\b(?:of|in|from|near)\s+[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)*,\s*$"
    return re.search(town, ctx.text[lo:a]) is not None


# A speech verb's participle after a comma: its subject is the clause's.
_PARTICIPLE = re.compile(
    r",\s+(?:saying|adding|warning|noting|insisting|arguing|stressing|explaining|declaring"
    r"|writing|telling\s+\S+)\b"
)


def _participle_speaker(ctx: _Context, lo: int, hi: int, qs: Mapping[int, str]) -> str | None:
    """``Hua Chunying reiterated Beijing's call for talks, saying “…”``: the clause's
    subject speaks. The participle may stand before an earlier quote of the sentence
    (``, saying "pressure and sanctions" against North Korea "cannot …"``), so the
    sentence is read from its start; no speech verb may stand between."""
    here = _sentence_at(ctx.sentences, lo)
    if here is None:
        return None
    before = ctx.text[here.start : hi]
    opening = _OPENING_PARTICIPLE.match(before)
    if opening and not any(
        not ctx.inside_quote(here.start + v.start()) for v in _VERB.finditer(before, opening.end())
    ):
        # "Despite saying that Mr. Xi “…” when he visited, Mr. Trump said ...": the
        # subject of the main clause, after the opening clause's comma
        for main in _MAIN_SUBJECT.finditer(ctx.text, hi, here.end):
            if not ctx.inside_quote(main.start()):
                return _resolve(ctx, main.start("np"), main.end("np"), qs)
    with_np = list(_WITH_PARTICIPLE.finditer(before))
    if with_np and len(before[with_np[-1].end() :].split()) <= _MAX_WORDS_AFTER_VERB:
        # "Qualcomm has rejected the tie-up, with CEO Steve Mollenkopf arguing last year
        # there was “…”": the one after "with"
        m = with_np[-1]
        after = here.start + m.end()
        if not any(not ctx.inside_quote(v.start()) for v in _VERB.finditer(ctx.text, after, hi)):
            return _resolve(ctx, here.start + m.start("np"), here.start + m.end("np"), qs)
    found = list(_PARTICIPLE.finditer(before))
    if not found or len(before[found[-1].end() :].split()) > _MAX_WORDS_AFTER_VERB:
        return None
    after = here.start + found[-1].end()
    if any(not ctx.inside_quote(v.start()) for v in _VERB.finditer(ctx.text, after, hi)):
        return None
    return _sentence_subject(ctx, here.start, here.start + found[-1].start(), qs)


_OPENING_PARTICIPLE = re.compile(
    r"\s*(?:Despite|After|Before|While|Since|Besides|Instead of)\s+(?:saying|telling|insisting"
    r"|claiming|arguing|warning|declaring|stating|noting|tweeting|writing|boasting)\b"
)
# the main clause's subject: a comma, then a name (or he/she) and a verb
_MAIN_SUBJECT = re.compile(
    r",\s+(?P<np>(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*|he|she)"
    r"\s+[a-z]+\b"
)
_WITH_PARTICIPLE = re.compile(
    r"\bwith\s+(?P<np>(?:[\w.'’-]+\s+){0,5}?[\w.'’-]+)\s+(?:saying|arguing|adding|warning"
    r"|noting|insisting|stressing|explaining|declaring|writing|telling)\b"
)
_NEW_CLAUSE = re.compile(r"(?:,\s+(?:but|while|whereas|yet|although|though)|;)\s+")


# A name that qualifies the noun after it: "The Williams driver", "The Arsenal striker".
_PERSON_NOUN_AFTER = re.compile(
    rf"\s+(?:{_ROLE_NOUNS}|driver|striker|midfielder|defender|goalkeeper|keeper|forward"
    r"|winger|pitcher|quarterback|rider|racer|skipper|captain|veteran|legend|youngster"
    r"|champion|stalwart|man|woman|boy|girl|native|resident|worker|employee|staffer)\b"
)


def _sentence_subject(ctx: _Context, lo: int, hi: int, qs: Mapping[int, str]) -> str:
    """The speaker named by the subject opening the sentence at ``lo`` (an opening
    phrase such as "But on Thursday," skipped), or "" when it names nobody."""
    s = _sentence_at(ctx.sentences, lo)
    if s is None:
        return ""
    start = s.start
    head = re.match(r"(\S+)[^,.;:“”\"]{0,40},\s+", ctx.text[start:hi])
    if head and (head.group(1) in _CAPITAL_FUNCTION_WORDS or head.group(1).lower() in _ADVERBS):
        start += head.end()
    # "Zidane had been linked to the job, but Le Graët told RMC ... and added: “…”": the
    # subject of the last coordinated clause
    for m in _NEW_CLAUSE.finditer(ctx.text, start, hi):
        start = m.end()
    a, b = _clause_subject(ctx.text, start, hi)
    if b <= a:
        return ""
    role = _PERSON_NOUN_AFTER.match(ctx.text, b)
    if role:
        # "The North Korean leader" is the story's holder of that title; "The Williams
        # driver ... admitted" is a person, not Williams (a name that qualifies the role)
        named = _resolve(ctx, a, role.end(), qs)
        modifier = ctx.text[a:b].lower()
        return "" if named and named.split()[-1].lower() in modifier else named
    bare = _strip_np(ctx.text[a:b])
    if bare.lower() in _PRONOUNS:
        return _antecedent(ctx, a, qs, bare.lower())
    if " " not in bare and bare.lower() not in _ORG_HEADS and resolve_name(bare, ctx.index) is None:
        return ""  # "Several …, saying", "Local media": capitalised only as the first word
    return _resolve(ctx, a, b, qs)


def _attribution_sentence(
    ctx: _Context, run: Sequence[Sentence], s_close: Sentence, qs: Mapping[int, str]
) -> str | None:
    """``“… them?” Mr. Harris said.``: the splitter made the attribution its own sentence."""
    following = [s for s in run if s.index == s_close.index + 1]
    if not following:
        return None
    nxt = following[0]
    # Only a sentence that is nothing but an attribution: no quote of its own, short.
    if re.search(r"[“”\"‘]", nxt.text) or len(nxt.text.split()) > _MAX_ATTRIBUTION_WORDS:
        return None
    return _speaker_from_post(ctx, nxt.start, nxt.end, qs)


def _roles(article: CleanArticle, index: Mapping[str, Entity]) -> dict[str, set[str]]:
    """Title -> people introduced with it ("japanese prime minister" -> {"Fumio Kishida"})."""
    roles: dict[str, set[str]] = {}
    text = article.article.text
    for s in article.sentences:
        for m in s.mentions:
            if m.label not in ("PERSON", "ORG"):
                continue
            e = resolve_name(m.text, index)
            if e is None or e.type != "person":
                continue
            title = title_before(text, m.start)
            # A title the model kept inside the mention ("Prime Minister Rishi Sunak").
            stripped = strip_name(m.text)
            if stripped != m.text and m.text.endswith(stripped):
                extra = m.text[: len(m.text) - len(stripped)].strip()
                title = f"{title} {extra}".strip()
            words = title.split() if title else []
            for i in range(len(words)):
                if i and words[0].lower().split("-")[0] in _PAST_TITLE:
                    break  # "former Prime Minister Boris Johnson" is no "prime minister"
                key = _role_key(" ".join(words[i:]))
                if key:
                    roles.setdefault(key, set()).add(e.name)
    return roles


def _statements(ctx: _Context) -> None:
    """Record who speaks in each sentence that mentions a statement.

    "X said in a statement", "In a statement, X said", "X said in a statement posted
    on…": the subject of the first speech verb, so that a later "the statement said"
    can be traced back to X.
    """
    for s in ctx.sentences:
        if not re.search(r"\b(?:statement|release)\b", s.text):
            continue
        m = _VERB.search(s.text)
        if not m:
            continue
        end = _skip_adverbs_back(ctx.text, s.start, s.start + m.start())
        who = ""
        if end > s.start and ctx.text[end - 1] == ",":
            # "…, said Rabbi Jonathan Blake in a statement": the speaker follows the verb.
            a, b = _np_after(ctx.text, s.start + m.end(), s.end)
            who = _resolve(ctx, a, b, {}) if b > a else ""
        if not who:
            a, b = _np_before(ctx.text, s.start, end)
            who = _resolve(ctx, a, b, {}) if b > a else ""
        if not who and end > s.start and ctx.text[end - 1] == ",":
            who = _appositive_subject(ctx, s.start, end, {})
        if not who:
            # "In a statement, Backroads spokeswoman Liz Einbinder said": after the comma.
            lead = re.match(r"In (?:a|the|its|his|her) (?:\w+ )?statement,\s*", s.text)
            if lead:
                a, b = _np_before(ctx.text, s.start + lead.end(), end)
                who = _resolve(ctx, a, b, {}) if b > a else ""
        if who:
            ctx.statement_speaker[s.index] = who


# A role noun right after a name: the name qualifies the one who speaks.
# A quotation put to someone, or said of them: "Jackman was asked whether “…?”", "Montes
# was described as being among “the most damaging spies”".
_ASKED = re.compile(
    r"\b(?:was|were|is|are|been|being|got|gets|get)\s+(?:asked|described|called|labell?ed"
    r"|branded|dubbed|hailed|accused|praised|critici[sz]ed|condemned)\b"
    r"(?:\s+(?:whether|if|about|why|how|what|to\s+respond\s+to))?[^.!?“”\"]{0,60}$"
)
_ROLE_AFTER = re.compile(rf"['’]?s?\s+(?:{_ROLE_NOUNS})\b")


def _article_quotes(
    article: CleanArticle,
    order: int,
    index: Mapping[str, Entity],
    story_roles: Mapping[str, set[str]],
) -> list[_Occurrence]:
    text = article.article.text
    ctx = _Context(text, article.sentences, index, _roles(article, index), story_roles)
    _statements(ctx)
    out: list[_Occurrence] = []
    speakers_by_sentence: dict[int, str] = {}
    last: tuple[int, str] | None = None  # (sentence index of the last quote's end, speaker)
    runs = [(run, _pairs(text, run[0].start, run[-1].end)) for run in _runs(article)]
    ctx.quoted = [pair for _, pairs in runs for pair in pairs]
    said_of_until = -1  # the closing mark of the last quotation said of something
    ctx.genders = _genders(ctx)
    for run, pairs in runs:
        for k, (open_mark, close_mark) in enumerate(pairs):
            start, end = _trim(text, open_mark + 1, close_mark)
            words = _tokens(text[start:end])
            s_open = _sentence_at(run, open_mark) or run[0]
            s_close = _sentence_at(run, close_mark) or _sentence_at(run, close_mark - 1) or run[-1]
            if _is_title_case(text[start:end]) or not words:
                continue
            prev_end = (
                pairs[k - 1][1] + 1 if k and pairs[k - 1][1] >= s_open.start else s_open.start
            )
            next_start = (
                pairs[k + 1][0]
                if k + 1 < len(pairs) and pairs[k + 1][0] < s_close.end
                else s_close.end
            )
            # "Scenes have been described as “total carnage” and “like something out of a
            # film”": words said of something, by no one named; the second joins the first
            passive = _ASKED.search(text, prev_end, open_mark) is not None or (
                said_of_until >= 0
                and re.fullmatch(r"[\s,]*(?:and|or)?\s*", text[said_of_until + 1 : open_mark])
                is not None
            )
            if passive:
                said_of_until = close_mark
            speaker = _speaker_from_post(ctx, close_mark + 1, next_start, speakers_by_sentence)
            if speaker in AGENCIES:
                # "Spokesman X said that “…,” Reuters reported": the agency relays X's words.
                relayed = _speaker_from_pre(ctx, prev_end, open_mark, speakers_by_sentence)
                speaker = relayed or speaker
            if len(words) < _MIN_QUOTE_WORDS and not (
                speaker and text[close_mark - 1] in ",?!" and len(words) > 1
            ):
                # A scare quote ("landmark"), unless it is a whole utterance with its
                # attribution right after it: “Questions are raised,” he said. One word
                # is a title ("... on the set of 'Rust,' DA says"), not an utterance.
                continue
            if speaker is None:
                speaker = _speaker_from_pre(ctx, prev_end, open_mark, speakers_by_sentence)
            end_index = s_close.index
            if speaker is None and not text[close_mark + 1 : s_close.end].strip():
                speaker = _attribution_sentence(ctx, run, s_close, speakers_by_sentence)
                if speaker is not None:
                    end_index += 1  # the attribution sentence belongs to this quote
            if speaker is None:
                named = _person_mentions(ctx, prev_end, open_mark)
                continued = last is not None and last[0] >= s_open.index - 1
                if named:
                    # "London Mayor Sadiq Khan paid tribute on Twitter: “…”": a colon
                    # hands the word to the person named before it; without one, the
                    # quote is someone's words about that person, not theirs.
                    colon = text[prev_end:open_mark].rstrip().endswith(":")
                    # "Lisa Marie Presley's pal Sarah Ferguson believes ...: “…”": not
                    # the possessor but the person after it
                    own = [
                        (m, name)
                        for m, name in named
                        if not re.search(r"['’]s$", m.text)
                        and not re.match(r"['’]s\b", text[m.end : m.end + 2])
                    ]
                    first = own[0] if own else named[0]
                    if _after_preposition(text, prev_end, first[0].start):
                        # "Twitter blows up over McCarthy speaker woes: ‘…’": an object
                        colon = False
                    role = _ROLE_AFTER.match(text, first[0].end, open_mark)
                    # "Golden Globes host tears into ...: “…”": the host speaks
                    speaker = first[1] if colon and not role else ""
                else:
                    # A continued quote stands alone: no lead-in of its own.
                    alone = len(text[prev_end:open_mark].split()) <= _CONTINUATION_LEAD
                    speaker = last[1] if continued and alone and last is not None else ""
            if speaker and passive:
                speaker = ""  # "X was asked whether “…?”": the question is not X's words
            if speaker and _names_itself(
                ctx,
                speaker,
                text[start:end],
                text[prev_end:open_mark] + text[close_mark:next_start],
            ):
                speaker = ""
            out.append(_Occurrence(article.article.id, order, start, end, text[start:end], speaker))
            for idx in range(s_open.index, s_close.index + 1):
                # An attributed quote speaks for the sentence over an unattributed one.
                if not speakers_by_sentence.get(idx):
                    speakers_by_sentence[idx] = speaker
            last = (end_index, speaker)
    return out


def _names_itself(ctx: _Context, speaker: str, quoted: str, attribution: str) -> bool:
    """A person that "he" or "she" was taken for ("He added: “It did not go my way. Lewis
    did a great job ...”", after a caption naming Lewis Hamilton; "Congratulating the
    Verstappen family, he said: “Max was outstanding ...”") whom the quotation itself
    names: people do not speak of themselves by name, so the pronoun is someone else's.
    Names inside a quotation within the quotation do not count ("... so u stop askin,
    'How's Michael/How's Sarah?'")."""
    if not _SPEAKER_PRONOUN.search(attribution):
        return False
    e = resolve_name(speaker, ctx.index)
    if e is None or e.type != "person":
        return False
    names = [w for w in speaker.split() if len(w) >= 3 and w[:1].isupper()]
    outer = re.sub(r"(?<!\w)['‘].*?['’](?!\w)", " ", quoted)
    return any(re.search(rf"\b{re.escape(w)}\b", outer) for w in names)


_SPEAKER_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")


_RUN = 4  # words in a row two trimmings of one quotation share
_COVER = 0.7  # share of the shorter quotation's words in such shared runs


def _same_words(a: _Occurrence, b: _Occurrence) -> bool:
    return _same_tokens(a.tokens, b.tokens, a.joined, b.joined)


def same_quotation(a: str, b: str) -> bool:
    """Whether two quoted texts are one quotation, trimmed or cut differently (the rule
    that groups quotes across outlets; see :func:`_same_tokens`)."""
    ta, tb = _tokens(a), _tokens(b)
    return _same_tokens(ta, tb, f" {' '.join(ta)} ", f" {' '.join(tb)} ")


def _same_tokens(a: tuple[str, ...], b: tuple[str, ...], ja: str, jb: str) -> bool:
    """One quotation, trimmed or cut differently: the shorter is inside the longer, or
    most of its words stand in runs of ``_RUN`` that the longer has too ("is the outcome
    of negotiations between the administration and Boko Haram ... brokered by the
    International Red Cross" / "The release of the girls ... is the outcome of
    negotiations between the administration and the Boko Haram, brokered by ...").
    ``ja``/``jb`` are the tokens joined with a space on each side."""
    (short, js), (long_, jl) = sorted(((a, ja), (b, jb)), key=lambda x: len(x[0]))
    if len(short) < _MIN_QUOTE_WORDS:
        return False
    if js in jl:
        return True
    sa, sb = set(a), set(b)
    if len(sa & sb) / len(sa | sb) >= 0.8:
        return True
    grams = _grams(long_)
    covered: set[int] = set()
    for i in range(len(short) - _RUN + 1):
        if short[i : i + _RUN] in grams:
            covered.update(range(i, i + _RUN))
    return len(covered) >= _COVER * len(short)


def _grams(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {tokens[i : i + _RUN] for i in range(len(tokens) - _RUN + 1)}


def extract_quotes(
    articles: Sequence[CleanArticle], entities: Sequence[Entity], copies: Sequence[Copy]
) -> list[Quote]:
    """Find direct quotations, resolve their speakers, group identical words.

    Sorted by the number of independent sources (copies count once), then by first
    appearance.
    """
    index = build_name_index(entities)
    story_roles: dict[str, set[str]] = {}
    for a in articles:
        for key, names in _roles(a, index).items():
            story_roles.setdefault(key, set()).update(names)
    found: list[_Occurrence] = []
    for i, a in enumerate(articles):
        found.extend(_article_quotes(a, i, index, story_roles))
    for occ in found:
        occ.tokens = _tokens(occ.text)
        occ.joined = f" {' '.join(occ.tokens)} "
    groups = _group(found)
    root = {c.article: c.copy_of for c in copies}
    built: list[tuple[tuple[int, int, int, int], Quote]] = []
    for members in groups:
        members.sort(key=lambda o: (o.order, o.start))
        best = max(members, key=lambda o: (len(o.tokens), -o.order, -o.start))
        sources = tuple(dict.fromkeys(o.article for o in members))
        independent = len({_root(root, s) for s in sources})
        evidence = tuple(Evidence(o.article, o.start, o.end, o.text) for o in members)
        credited = _credited(members, root, best, index)
        speaker = credited[0].speaker if credited else ""
        quote = Quote(
            "", speaker, best.text, sources, evidence, tuple(credited) if len(credited) > 1 else ()
        )
        built.append(((-independent, -len(sources), members[0].order, members[0].start), quote))
    built.sort(key=lambda kv: kv[0])
    # One name per speaker: "Steyer" and "James Steyer" become the story's fullest form
    # ("James P. Steyer") when only one speaker's name fits.
    names = {a.speaker for _, q in built for a in q.attributions} | {
        q.speaker for _, q in built if q.speaker
    }
    fullest: dict[str, str] = {}
    for n in names:
        fits = [m for m in names if _same_speaker(n, m)]  # n itself among them
        givens = {m.split()[0] for m in fits if len(m.split()) > 1}
        # "CJ" goes by the given name it opens ("Cerelyn"): one person
        givens = {
            g
            for g in givens
            if not (
                _INITIALS_ONLY.fullmatch(g.replace(".", ""))
                and any(h[0] == g[0] and not h.isupper() for h in givens)
            )
        }
        if len(givens) > 1:
            fullest[n] = n  # two given names with one surname: two people
        else:
            fullest[n] = max(fits, key=lambda m: (len(m.split()), m))
    return [
        Quote(
            f"q{i}",
            fullest.get(q.speaker, q.speaker),
            q.text,
            q.sources,
            q.evidence,
            tuple(
                Attribution(fullest.get(a.speaker, a.speaker), a.sources) for a in q.attributions
            ),
        )
        for i, (_, q) in enumerate(built, 1)
    ]


def _credit_name(speaker: str) -> str:
    """ "Microsoft officials" speak for Microsoft: trailing lower-case words go."""
    words = speaker.split()
    while len(words) > 1 and words[-1].islower():
        words.pop()
    return " ".join(words)


def _credited(
    members: Sequence[_Occurrence],
    root: Mapping[str, str],
    best: _Occurrence,
    index: Mapping[str, Entity] | None = None,
) -> list[Attribution]:
    """Each speaker the members name with the articles that name them: the speaker of
    the most independent sources first, then the one credited with the fullest words
    (the text the quote shows), then the first to appear.

    Names of one entity are one speaker ("RAIB spokesman" and "the Rail Accident
    Investigation Branch"), and a plain plural ("Investigators said") is no other
    speaker when a named one is credited too."""
    index = index or {}

    def canon(speaker: str) -> str:
        name = _credit_name(speaker)
        known = resolve_name(name, index)
        return known.name if known is not None else name

    named = [o for o in members if o.speaker and not _generic(o.speaker)]
    by: list[tuple[str, list[str]]] = []  # fullest name seen, articles
    for o in named or members:
        if not o.speaker:
            continue
        speaker = o.speaker
        for k, (name, arts) in enumerate(by):
            if _same_speaker(canon(name), canon(speaker)):
                # the fullest name, and "Microsoft" over "Microsoft officials"
                if (len(_credit_name(speaker).split()), -len(speaker.split())) > (
                    len(_credit_name(name).split()),
                    -len(name.split()),
                ):
                    by[k] = (speaker, arts)
                if o.article not in arts:
                    arts.append(o.article)
                break
        else:
            by.append((speaker, [o.article]))
    ranked = sorted(
        by,
        key=lambda na: (
            -len({_root(root, a) for a in na[1]}),
            not _same_speaker(canon(na[0]), canon(best.speaker or na[0])),
        ),
    )  # stable
    return [Attribution(name, tuple(arts)) for name, arts in ranked]


def _generic(speaker: str) -> bool:
    """ "Investigators", "Police", "Witnesses": a plural common noun, capitalised only
    because it opens the sentence."""
    return " " not in speaker and speaker.lower() in _GENERIC_SPEAKERS


_GENERIC_SPEAKERS = frozenset(
    re.findall(
        r"\S+",
        """
        investigators police officials authorities witnesses experts analysts researchers
        prosecutors sources officers rescuers firefighters doctors residents critics
        scientists detectives organisers organizers lawyers
        """,
    )
)


def _root(root: Mapping[str, str], article: str) -> str:
    seen = set()
    while article in root and article not in seen:
        seen.add(article)
        article = root[article]
    return article


def _group(found: Sequence[_Occurrence]) -> list[list[_Occurrence]]:
    """Occurrences with the same words and speaker; unattributed ones join a match."""
    parent = list(range(len(found)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    attributed = [i for i, o in enumerate(found) if o.speaker]
    anonymous = [i for i, o in enumerate(found) if not o.speaker]
    for x, i in enumerate(attributed):
        for j in attributed[x + 1 :]:
            if not _same_words(found[i], found[j]):
                continue
            # The same words credited to another speaker by another article are one
            # quotation attributed differently (AP: "the British government", Kyodo:
            # "Sunak"), when there are enough of them not to be a stock phrase.
            if _same_speaker(found[i].speaker, found[j].speaker) or (
                found[i].article != found[j].article
                and min(len(found[i].tokens), len(found[j].tokens)) >= _CROSS_SPEAKER_WORDS
            ):
                parent[find(j)] = find(i)
    alone: list[int] = []  # unattributed occurrences that matched no attributed one
    for i in anonymous:
        matches = [j for j in attributed if _same_words(found[i], found[j])]
        if matches:
            # It joins its first match, and every other long enough to be one quotation
            # credited differently: the Independent's unattributed "... and sadly we can
            # say there has been some loss of life" joins the Standard's "some loss of
            # life" (British Transport Police) and the Express's "Sadly we can say there
            # has been some loss of life" (Robin Smith).
            for j in matches:
                if j == matches[0] or (
                    found[j].article != found[i].article
                    and len(found[j].tokens) >= _CROSS_SPEAKER_WORDS
                ):
                    parent[find(j)] = find(i)
            continue
        # A longer cut may hold two unattributed pieces: it joins them all.
        for j in alone:
            if _same_words(found[i], found[j]):
                parent[find(i)] = find(j)
        alone.append(i)
    groups: dict[int, list[_Occurrence]] = {}
    for i, o in enumerate(found):
        groups.setdefault(find(i), []).append(o)
    return list(groups.values())
