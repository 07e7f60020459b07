"""Claims: sentences across articles that state the same information, grouped.

Two sentences of different articles are scored by a blend of signals (see
:func:`pair_scores`): the cosine of their sentence embeddings, the overlap of their
content words weighted by rarity within the story (a word every sentence uses says
little), the overlap of their named entities and the agreement of their distinctive
numbers; two sentences quoting the same rare words ("cements our commitment to the
Indo-Pacific") score at least ``QUOTE_SCORE``, however each frames or attributes the
statement. Grouping is greedy, best links first, under one hard constraint: a claim holds
at most one sentence per article.

1. Strong links (score >= ``settings.claim_threshold``; within ``STRONG_NAMES_MARGIN``
   of it, only pairs sharing a word beyond their names) merge two groups when no pair
   across them falls below ``FLOOR_RATIO`` x threshold and the merged group's average
   stays within ``AVG_MARGIN`` of the threshold: chaining A~B~C cannot pull together
   two sentences about different subjects.
2. Weak links (mutual best matches between two articles, scoring at least
   ``WEAK_RATIO`` x threshold; a one-sided best match is not enough: in a sample of 14
   links that rule dropped on the dev set, 10 paired different facts on one topic) that
   share a word outside the sentences' names, or a number (a sample of 30 of the 179
   cross-article pairs this second rule ended on the dev set: about 24 paired different facts
   that share only the story's names, "British Transport Police"); the shared words must
   weigh ``WEAK_RARE_MASS`` x the story's top IDF, not be the story's common words alone
   ("settlement" in a story of settlements: of 25 such links read, 11 were right, and
   this drops 5 of the 14 wrong ones and none of the right), then merge a group only if
   the sentence is related to the whole group on average, and to every member within
   ``WEAK_SLACK``: paraphrases that share few words ("300 households were moved out" /
   "the evacuation of about 300 homes").

   Last, context (see :func:`_context_links`): two sentences still alone that sit
   between the same two facts in their articles (a sentence just before each in one
   claim, one just after each in another) join if they score at least ``CONTEXT_FLOOR``
   and share a word outside their names.

3. Support (see :func:`_support`): a lead sentence often packs several facts that other
   articles state one per sentence ("... after a $4.6 million repair" / "The work cost
   $4.6 million."). Grouping puts the lead in one claim only, so a claim is also given, as
   evidence, the sentence of each article not yet in it that *contains* one of its
   sentences: the same typed values (:func:`value_anchors`: amounts, percentages, clock
   times, counted things; counts most articles give, such as "108 years" in a story of a
   108-year wait, need the words too), or most of its rare non-name words. Such a sentence is evidence
   for several claims; ``sources``, ``independent_sources`` and ``kind`` count it.

4. Restatements (see :func:`_merge_restatements`): a headline and the first line that
   restates it land in two claims (one sentence per article); two such claims, as close
   as grouping requires, become one.

5. Times of day (see :func:`_time_claims`): when every source states the same clock
   time ("7:30 p.m.") inside a compound sentence that grouping put in a different claim
   ("The fire broke out at about 7:30 p.m. and seven fire engines were called" / "...
   after a blaze broke out there at about 7:30 p.m."), the time becomes a claim of its
   own, whose evidence is the clause of each sentence that states it
   (:func:`newsweave.sentences.split_clauses`), not the whole sentence. On the demo
   corpus that finds the Millbrook fire's start time; on the dev set it adds 3 claims
   (a flight's take-off time, the time of the Nice attack).

Every sentence of at least ``settings.min_claim_words`` words, except an article's
repeat of its own earlier sentence (:func:`restatements`), belongs to exactly one
claim as a member, and may support others (or give a clause to a time claim); shorter
fragments ("Photo.", "Thank you.") are dropped. A claim's text is its most central member (originals before copies, informative
ones first, datelines avoided), never a supporting sentence.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .clean import TERMINAL
from .copies import source_groups
from .frames import frames
from .models import Claim, CleanArticle, Copy, Evidence, Sentence
from .outlets import dateline_length
from .quotes import quoted_words
from .sentences import split_clauses
from .settings import Settings

__all__ = [
    "SentenceFeatures",
    "build_claims",
    "content_stems",
    "features",
    "numbers_in",
    "pair_scores",
    "stem",
    "value_anchors",
]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS = _wordset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told tell according also
    would could may might must shall one's it's mr mrs ms dr per via amid among upon
    within without whose yet still even though although however already"""
)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d,]*(?:\.\d+)?")
_NUMBER = re.compile(
    # atomic, and a unit may be glued on: "3.5mm" is 3.5 and "60,000km" 60,000 (not 3 and
    # 60); "F-16s" is left out
    r"(?<![\w.,])(?>(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?)(?:\s*(%|percent|per cent))?"
    r"(?:\s+(million|billion|trillion|thousand|hundred))?"
    r"(?:(?![\w])|(?=(?:mm|cm|km|kg|mg|lbs?|ft|mph|kmh|gb|mb|tb|ghz|mhz)\b))",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_SCALE = {"thousand": 1e3, "hundred": 1e2, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CAPNAME = re.compile(
    r"\b([A-Z][a-zA-Z'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.|of|de|van|von|al|bin))*"
)
_CAP_STOP = _wordset(
    """The A An He She It They We I In On At As But And Or If When While After Before
    This That These Those His Her Their Its Our Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October
    November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr
    There Here What Who Why How Some Many Most One Two Three Photo Read More Also"""
)
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})


# Irregular past forms of verbs news uses, to their base ("had sent inspectors" / "is
# sending a team"); not those that are also common nouns or adjectives ("left", "saw").
# Used only to tell whether two sentences share a word beyond their names: folded into
# every pair's score, they moved as many right pairs as wrong ones on the dev set.
_IRREGULAR = {
    past: base
    for base, forms in (
        ("send", "sent"),
        ("take", "took taken"),
        ("fall", "fell fallen"),
        ("find", "found"),
        ("give", "gave given"),
        ("go", "went gone"),
        ("come", "came"),
        ("make", "made"),
        ("tell", "told"),
        ("hold", "held"),
        ("lead", "led"),
        ("meet", "met"),
        ("lose", "lost"),
        ("win", "won"),
        ("bring", "brought"),
        ("catch", "caught"),
        ("build", "built"),
        ("buy", "bought"),
        ("begin", "began begun"),
        ("break", "broke broken"),
        ("rise", "rose risen"),
        ("strike", "struck"),
        ("speak", "spoke spoken"),
        ("steal", "stole stolen"),
        ("drive", "drove driven"),
        ("fly", "flew flown"),
        ("throw", "threw thrown"),
        ("write", "wrote written"),
        ("choose", "chose chosen"),
        ("fight", "fought"),
        ("seek", "sought"),
        ("sell", "sold"),
        ("keep", "kept"),
        ("pay", "paid"),
        ("run", "ran"),
        ("sink", "sank sunk"),
        ("spend", "spent"),
        ("stand", "stood"),
        ("hide", "hid hidden"),
        ("see", "seen"),
        ("know", "knew known"),
        ("grow", "grew grown"),
        ("shake", "shook shaken"),
        ("tear", "tore torn"),
        ("flee", "fled"),
        ("bleed", "bled"),
        ("feel", "felt"),
        ("think", "thought"),
        ("teach", "taught"),
        ("swim", "swam"),
        ("sweep", "swept"),
        ("freeze", "froze frozen"),
        ("wake", "woke woken"),
        ("wear", "wore worn"),
    )
    for past in forms.split()
}


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude, dependable suffix stripper (news English): enough to match word forms.

    Cached: every stage stems the same words of a story again."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) <= 3:
        return w
    for suf, rep in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if suf == "s" and w.endswith("s") and w[-2] in "ius":
            break  # "serious", "crisis", "press": no plural "s" ("seriously" is "serious")
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)] + rep
            break
    # defence/defense, -ise/-ize spellings
    w = w.replace("ence", "ens").replace("ise", "ize")
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w.rstrip("e") if len(w) > 4 else w


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stopwords and punctuation dropped)."""
    out = []
    for tok in _TOKEN.findall(text):
        if tok == "May":
            out.append("may-month")  # the month, not the modal verb
            continue
        low = tok.lower()
        if low in STOPWORDS or (len(low) < 2 and not low.isdigit()):
            continue
        out.append(low.replace(",", "") if low[0].isdigit() else stem(low))
    return out


def numbers_in(text: str) -> list[tuple[int, int, float]]:
    """``(start, end, value)`` of the numbers written in ``text`` (digits, scales, words)."""
    out: list[tuple[int, int, float]] = []
    for m in _NUMBER.finditer(text):
        raw = m.group(1).replace(",", "")
        value = float(raw + ("." + m.group(2) if m.group(2) else ""))
        if m.group(4):
            value *= _SCALE[m.group(4).lower()]
        out.append((m.start(), m.end(), value))
    for m in re.finditer(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", text, re.IGNORECASE):
        out.append((m.start(), m.end(), float(_NUMBER_WORDS[m.group(1).lower()])))
    out.sort()
    return out


def _names(s: Sentence) -> set[str]:
    """Keys of the named entities of a sentence: NER mentions, else capitalised runs."""
    named = [m.text for m in s.mentions if m.label in _NAMED_LABELS]
    if not s.mentions:
        for m in _CAPNAME.finditer(s.text):
            words = [w for w in m.group(0).split() if w not in _CAP_STOP and w[0].isupper()]
            if m.start() == 0 and len(words) == 1:
                continue  # "During ...": a capital because the sentence starts there
            if words:
                named.append(" ".join(words))
    keys: set[str] = set()
    for n in named:
        # The last word names the entity well enough across variants
        # ("Prime Minister Rishi Sunak" / "Sunak"); possessives dropped.
        parts = [p for p in re.split(r"[\s\-]+", n) if p]
        if parts:
            keys.add(stem(parts[-1]))
    return keys


@dataclass(frozen=True)
class SentenceFeatures:
    """What the aligner compares, computed once per sentence."""

    stems: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[float]
    words: int
    times: frozenset[str] = frozenset()  # clock times, "02:00" for "2 a.m." and "2 o'clock"
    quoted: frozenset[str] = frozenset()  # runs of QUOTE_RUN quoted words


QUOTE_RUN = 5  # quoted words two sentences must share, in order, to quote one statement
QUOTE_SCORE = 0.75  # their pair score at least: above the default claim threshold (0.62)
QUOTE_RARITY = 1.5  # summed IDF of the shared quoted non-name words / the story's top IDF


def quote_runs(text: str) -> frozenset[str]:
    """Every run of ``QUOTE_RUN`` consecutive words inside the sentence's quotations."""
    runs: set[str] = set()
    for words in quoted_words(text):
        for i in range(len(words) - QUOTE_RUN + 1):
            runs.add(" ".join(words[i : i + QUOTE_RUN]))
    return frozenset(runs)


def features(s: Sentence) -> SentenceFeatures:
    """The lexical, entity and number features of one sentence."""
    stems = content_stems(s.text)
    nums = frozenset(v for _, _, v in numbers_in(s.text))
    return SentenceFeatures(
        frozenset(stems),
        frozenset(_names(s)),
        nums,
        len(re.findall(r"\w+", s.text)),
        clock_times(s.text),
        quote_runs(s.text),
    )


# "Route 14" ... "the route will keep running": a name whose first word is a common noun
# ("Route 14", "Flight 691", "Highway 1") is what a later "the route" refers to.
_NAMED_THING = re.compile(r"\b([A-Z][a-z]{2,})\s+(\d[\w-]*)\b")


def _with_antecedents(
    feats: list[SentenceFeatures], sents: Sequence[Sentence]
) -> list[SentenceFeatures]:
    """A sentence saying "the route" after its article named "Route 14" also carries the
    name's words and number, for alignment only (its text is unchanged)."""
    last: dict[tuple[str, str], str] = {}  # (article, head word) -> its number
    out: list[SentenceFeatures] = []
    for f, sent in zip(feats, sents, strict=True):
        extra: set[str] = set()
        numbers: set[float] = set()
        for m in re.finditer(r"\bthe\s+([a-z]{3,})\b", sent.text):
            number = last.get((sent.article_id, m.group(1)))
            if number and not re.search(
                rf"\b{re.escape(m.group(1))}\s+{re.escape(number)}\b", sent.text, re.I
            ):
                extra.update({stem(m.group(1)), number.lower()})
                numbers.update(v for _, _, v in numbers_in(number))
        for m in _NAMED_THING.finditer(sent.text):
            last[(sent.article_id, m.group(1).lower())] = m.group(2)
        if extra:
            f = SentenceFeatures(
                f.stems | extra, f.names, f.numbers | numbers, f.words, f.times, f.quoted
            )
        out.append(f)
    return out


_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?!\w)"
    r"|\b(\d{1,2}|" + "|".join(list(_NUMBER_WORDS)[:11]) + r"|one) o['’]clock"
    r"(?: in the (morning|afternoon|evening|night))?"
    r"|\b(midnight|noon|midday)\b",
    re.IGNORECASE,
)


def clock_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, "HH:MM")`` of the clock times in ``text`` ("7:30 p.m." -> "19:30",
    "2 o'clock in the morning" -> "02:00", "midnight" -> "00:00")."""
    out = []
    for m in _CLOCK.finditer(text):
        if m.group(6):
            out.append(
                (m.start(), m.end(), "00:00" if m.group(6).lower() == "midnight" else "12:00")
            )
            continue
        raw = m.group(1) or m.group(4)
        hour = int(raw) if raw.isdigit() else int(_NUMBER_WORDS.get(raw.lower(), 1))
        minute = int(m.group(2) or 0) if m.group(1) else 0
        suffix = (m.group(3) or m.group(5) or "").lower()
        if hour > 23 or minute > 59:
            continue
        if (
            suffix.startswith("p")
            or suffix in {"afternoon", "evening"}
            or (suffix == "night" and hour >= 6)
        ):
            hour = hour % 12 + 12
        elif suffix.startswith("a") or suffix == "morning":
            hour = hour % 12
        out.append((m.start(), m.end(), f"{hour:02d}:{minute:02d}"))
    return out


def clock_times(text: str) -> frozenset[str]:
    """Clock times in ``text`` as "HH:MM" (:func:`clock_spans`): the same time of day is
    strong evidence of the same event."""
    return frozenset(v for _, _, v in clock_spans(text))


def _idf(feats: Sequence[SentenceFeatures]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.stems)
    n = max(len(feats), 1)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


LEX_DICE, LEX_OVERLAP, LEX_CORE = 0.3, 0.3, 0.4
W_COS, W_LEX, W_ENT, W_NUM = 0.45, 0.40, 0.15, 0.20
CORE_MASS = 6.0
COS_LOW = 0.25
COS_HIGH = 0.8


def pair_scores(
    feats: Sequence[SentenceFeatures], vectors: NDArray[np.float32]
) -> NDArray[np.float64]:
    """Similarity in [0, 1] of every pair of sentences (symmetric matrix).

    0.45 x embedding cosine (stretched, see COS_LOW) + 0.40 x rarity-weighted
    content-word overlap + 0.15 x entity overlap + a bonus of 0.20 x the share of
    distinctive numbers in common, capped at 1. The lexical part blends the weighted Dice
    coefficient, the overlap coefficient (a short sentence restating part of a long one
    still scores) and the absolute mass of shared rare words. A pair that quotes the same
    ``QUOTE_RUN`` words in a row scores at least ``QUOTE_SCORE`` when the shared quoted
    words that are not names weigh ``QUOTE_RARITY`` times the story's rarest word (on the
    dev set that adds 4 cross-article evidence pairs, 3 right, and ends 4 wrong ones). Weights were chosen on the
    AP/Kyodo seeds and the demo corpus (ROC AUC 0.97 over cross-article sentence pairs)
    and checked on the dev set by reading merged claims.
    """
    n = len(feats)
    idf = _idf(feats)
    vocab = {w: i for i, w in enumerate(idf)}
    weights = np.array([idf[w] for w in vocab], dtype=np.float64)
    x = np.zeros((n, len(vocab)), dtype=np.float64)
    for i, f in enumerate(feats):
        for w in f.stems:
            x[i, vocab[w]] = 1.0
    if n == 0:
        return np.zeros((0, 0))
    mass = x @ weights
    shared = (x * weights) @ x.T
    denom_sum = mass[:, None] + mass[None, :]
    denom_min = np.minimum(mass[:, None], mass[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(denom_sum > 0, 2 * shared / denom_sum, 0.0)
        overlap = np.where(denom_min > 0, shared / denom_min, 0.0)
    # Sentences that share several distinctive words usually share a clause, whatever
    # else each adds ("X and Y signed a defence agreement Wednesday, which ...").
    core = shared / (shared + CORE_MASS)
    lexical = LEX_DICE * dice + LEX_OVERLAP * overlap + LEX_CORE * core
    raw = vectors.astype(np.float64) @ vectors.T.astype(np.float64)
    # Static embeddings put unrelated sentences of one story around 0.2-0.45 and
    # paraphrases around 0.55-0.8: stretch that band onto [0, 1].
    cos = np.clip((raw - COS_LOW) / (COS_HIGH - COS_LOW), 0.0, 1.0)
    if cos.shape != (n, n):
        cos = lexical
    names = _incidence([f.names for f in feats])
    n_names = names.sum(axis=1)
    name_inter = names @ names.T
    with np.errstate(divide="ignore", invalid="ignore"):
        name_union = n_names[:, None] + n_names[None, :] - name_inter
        name_part = np.where(name_union > 0, name_inter / name_union, 0.0)
    # A bonus only: differing names may be the very conflict to report.
    ent = np.maximum(name_part, lexical)
    # The same distinctive number ("about 300 homes" / "300 households") is strong
    # evidence of one fact; 0, 1 and 2 are too common to say anything.
    nums = _incidence(
        [frozenset([*(f"n{v:g}" for v in f.numbers if v > 2), *f.times]) for f in feats]
    )
    n_nums = nums.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        num_min = np.minimum(n_nums[:, None], n_nums[None, :])
        num_part = np.where(num_min > 0, (nums @ nums.T) / num_min, 0.0)
    score: NDArray[np.float64] = np.minimum(
        W_COS * cos + W_LEX * lexical + W_ENT * ent + W_NUM * num_part, 1.0
    )
    # Two sentences quoting the same words ("cements our commitment to the Indo-Pacific")
    # report one statement, however differently they frame or attribute it.
    # The shared words must be rare in the story: "there was a lot of", "the government
    # of Costa Rica" and "peace of the Korean peninsula" open different statements.
    quoted = _incidence([f.quoted for f in feats])
    top = max(idf.values(), default=1.0)
    for i, j in np.argwhere(np.triu((quoted @ quoted.T) > 0, k=1)):
        words = {w for run in feats[i].quoted & feats[j].quoted for w in run.split()}
        rare = set(content_stems(" ".join(words))) - feats[i].names - feats[j].names
        if sum(idf.get(w, 0.0) for w in rare) >= QUOTE_RARITY * top:
            score[i, j] = score[j, i] = max(score[i, j], QUOTE_SCORE)
    np.fill_diagonal(score, 1.0)
    return score


def _incidence(sets: Sequence[frozenset[str]]) -> NDArray[np.float64]:
    """Binary sentence x item matrix of the given sets."""
    index: dict[str, int] = {}
    for items in sets:
        for x in items:
            index.setdefault(x, len(index))
    m = np.zeros((len(sets), max(len(index), 1)), dtype=np.float64)
    for i, items in enumerate(sets):
        for x in items:
            m[i, index[x]] = 1.0
    return m


def build_claims(
    articles: Sequence[CleanArticle],
    vectors: NDArray[np.float32],
    copies: Sequence[Copy],
    settings: Settings,
) -> list[Claim]:
    """Group sentences into claims.

    ``vectors`` has one L2-normalised row per sentence, in the order of
    ``[s for a in articles for s in a.sentences]``. Claims come out shared first (most
    independent sources first, then the earliest position in the articles), then unique
    ones in article order; ids are ``c1``, ``c2``... in that order.
    """
    flat = [s for a in articles for s in a.sentences]
    if len(vectors) != len(flat):
        vectors = np.zeros((len(flat), 1), dtype=np.float32)
    again = restatements(flat)
    keep = [
        i
        for i, s in enumerate(flat)
        if _word_count(s.text) >= settings.min_claim_words and i not in again and not asks(s.text)
    ]
    sents = [flat[i] for i in keep]
    feats = _with_antecedents([features(s) for s in sents], sents)
    vecs = vectors[keep] if keep else np.zeros((0, 1), dtype=np.float32)
    scores = pair_scores(feats, vecs) if sents else np.zeros((0, 0))
    idf = _idf(feats)  # the story's word rarity, shared by grouping and support
    groups = _group(sents, scores, settings.claim_threshold, feats, idf)
    anchors = [value_anchors(x.text, f.times) for x, f in zip(sents, feats, strict=True)]
    support = _support(groups, sents, feats, scores, settings.claim_threshold, anchors, idf)
    _support_leads(groups, sents, scores, settings.claim_threshold, support)

    ids = [a.article.id for a in articles]
    rep_of = source_groups(ids, copies)  # copies -> their original
    # independent sources: copies and an outlet's several articles count once
    source_of = source_groups(ids, copies, {a.article.id: a.article.outlet for a in articles})
    art_pos = {a: i for i, a in enumerate(ids)}
    n_sent = {a.article.id: max(len(a.sentences), 1) for a in articles}

    def rel_pos(k: int) -> float:
        s = sents[k]
        return s.index / n_sent[s.article_id]

    pieces: list[tuple[list[int], list[int]]] = []  # (core, members) of each claim
    for g, core in enumerate(groups):
        # Supporting sentences of articles whose original is not yet in the claim.
        have = {sents[k].article_id for k in core}
        extra = [k for k in support.get(g, []) if sents[k].article_id not in have]
        pieces.append((core, core + extra))
    pieces = _merge_restatements(pieces, scores, settings.claim_threshold, sents)

    built: list[tuple[tuple[float, ...], list[int], list[int], int]] = []
    for core, members in pieces:
        members.sort(key=lambda k: (art_pos[sents[k].article_id], sents[k].index))
        independent = len({source_of[sents[k].article_id] for k in members})
        if independent >= 2:
            key: tuple[float, ...] = (
                0,
                -independent,
                -len(members),
                # Where its own sentences stand: a supporting lead does not make a detail
                # a lead claim.
                min(rel_pos(k) for k in core),
                art_pos[sents[members[0]].article_id],
                sents[members[0]].index,
            )
        else:
            first = sents[members[0]]
            key = (1, 0, 0, 0.0, art_pos[first.article_id], first.index)
        built.append((key, members, core, independent))
    drafts: list[tuple[tuple[float, ...], str, tuple[Evidence, ...], int]] = []
    for key, members, core, independent in built:
        # The claim's text is one of its own sentences, never a supporting one (which
        # is already another claim's sentence and says more than this claim).
        rep = _representative(core, scores, feats, sents, rep_of, rel_pos)
        evidence = tuple(
            Evidence(sents[k].article_id, sents[k].start, sents[k].end, sents[k].text)
            for k in members
        )
        drafts.append((key, sents[rep].text, evidence, independent))
    times = [f.times for f in feats]
    for cited in _time_claims(sents, times, [m for _c, m in pieces], source_of):
        clauses = [e for _k, e in cited]
        top = min(clauses, key=lambda e: (art_pos[e.article], e.start))
        independent = len({source_of[e.article] for e in clauses})
        at = min(rel_pos(k) for k, _e in cited)
        key = (0, -independent, -len(clauses), at, art_pos[top.article], top.start)
        # Its text: the shortest clause that opens a sentence (else the shortest).
        text = min(clauses, key=lambda e: (not e.text[:1].isupper(), len(e.text))).text
        clauses.sort(key=lambda e: art_pos[e.article])
        drafts.append((key, text, tuple(clauses), independent))
    drafts.sort(key=lambda t: t[0])

    claims: list[Claim] = []
    for _key, text, evidence, independent in drafts:
        claims.append(
            Claim(
                id=f"c{len(claims) + 1}",
                text=text,
                kind="shared" if independent >= 2 else "unique",
                sources=tuple(dict.fromkeys(e.article for e in evidence)),
                independent_sources=independent,
                evidence=evidence,
            )
        )
    return claims


def _time_claims(
    sents: Sequence[Sentence],
    times: Sequence[frozenset[str]],
    claims: Sequence[list[int]],
    source_of: dict[str, str],
) -> list[list[tuple[int, Evidence]]]:
    """Claims of a time of day that independent sources state in sentences that sit in
    different claims, each cited to the clause that states it.

    A sentence that joins two facts ("The fire broke out at about 7:30 p.m. and seven
    fire engines were called") goes to one claim; the other fact is lost to grouping
    when every source words it inside a different compound sentence. A clock time
    ("7:30 p.m.", not "noon") said by two independent sources in clauses that share a
    content word is that fact: it becomes a claim of its own, whose evidence is the
    clause of each sentence that holds the time (:func:`newsweave.sentences.split_clauses`).
    An article that gives the time twice is left out (which sentence would it be?), and
    nothing is added when one claim already holds the time from all of those sources.
    """
    # time -> article -> (sentence, start, end) of each mention
    holders: dict[str, dict[str, list[tuple[int, int, int]]]] = {}
    for k, sent in enumerate(sents):
        for a, b, value in clock_spans(sent.text):
            if sent.text[a].isdigit():
                holders.setdefault(value, {}).setdefault(sent.article_id, []).append((k, a, b))
    out: list[list[tuple[int, Evidence]]] = []
    for value, by_article in holders.items():
        once = {aid: spots[0] for aid, spots in by_article.items() if len(spots) == 1}
        if len({source_of[aid] for aid in once}) < 2:
            continue
        wanted = {source_of[aid] for aid in once}
        if any(
            wanted <= {source_of[sents[k].article_id] for k in members if value in times[k]}
            for members in claims
        ):
            continue
        clauses: list[tuple[int, Evidence]] = []
        for aid, (k, at, _end) in once.items():
            sent = sents[k]
            for a, b in split_clauses(sent.text, 0, len(sent.text)):
                if a <= at < b:
                    clauses.append(
                        (k, Evidence(aid, sent.start + a, sent.start + b, sent.text[a:b]))
                    )
        # the words of the time itself ("p.m.") are not shared content
        time_words = set(content_stems(" ".join(sents[k].text[a:b] for k, a, b in once.values())))
        stems = [set(content_stems(e.text)) - time_words for _k, e in clauses]
        kept = [
            c
            for i, c in enumerate(clauses)
            if any(stems[i] & stems[j] for j in range(len(clauses)) if j != i)
        ]
        if len({source_of[e.article] for _k, e in kept}) >= 2:
            out.append(kept)
    return out


# An article that says one thing twice in nearly the same words (the Daily Mail's bullet
# points above the story, repeated in its body; a paragraph printed twice) states one
# claim, not two: grouping allows one sentence per article, so the repeat would become a
# second claim of the same fact. The later sentence is left out of the claims when its
# content words (five or more) have a Dice coefficient of at least this with an earlier
# one's and it gives no number the earlier one lacks. On the dev set: 85 sentences, 66 of
# them the Daily Mail's; at 0.8 the pairs begin to differ in what they say.
RESTATED_DICE = 0.85
RESTATED_MIN_STEMS = 5


def restatements(sentences: Sequence[Sentence]) -> dict[int, int]:
    """Index of each sentence that restates another sentence of its article -> the index
    of the one kept for both, in ``sentences``. The kept one is the earlier, unless only
    the later ends as a sentence does (a bullet point or a caption does not)."""
    return dict(_restatements(tuple(sentences)))


@functools.lru_cache(maxsize=4)  # the claims and the timeline ask about the same story
def _restatements(sentences: tuple[Sentence, ...]) -> tuple[tuple[int, int], ...]:
    out: dict[int, int] = {}
    kept: dict[str, list[tuple[int, frozenset[str], bool]]] = {}
    numbers: dict[int, frozenset[float]] = {}

    def nums(k: int) -> frozenset[float]:  # only for the few close pairs: the regex is slow
        if k not in numbers:
            numbers[k] = frozenset(v for _, _, v in numbers_in(sentences[k].text))
        return numbers[k]

    for i, s in enumerate(sentences):
        stems = frozenset(content_stems(s.text))
        ends = bool(TERMINAL.search(s.text.rstrip()))
        mine = kept.setdefault(s.article_id, [])
        me = (i, stems, ends)
        for x, (j, other, other_ends) in enumerate(mine):
            if len(stems) < RESTATED_MIN_STEMS or len(other) < RESTATED_MIN_STEMS:
                continue
            if 2 * len(stems & other) < RESTATED_DICE * (len(stems) + len(other)):
                continue
            if ends and not other_ends and nums(j) <= nums(i):
                out[j] = i  # the earlier one makes way
                for k, v in out.items():
                    if v == j:
                        out[k] = i
                mine[x] = me
                break
            if nums(i) <= nums(j):
                out[i] = j
                break
        else:
            mine.append(me)
    return tuple(out.items())


# Two claims state one fact twice when an article restates its headline in its first
# line: grouping allows one sentence per article, so the headline goes to one claim and
# the line to another. Merged when they share this share of the smaller one's evidence
# (support gives each the other's sentences) and their sentences are related, or when
# their sentences are as close as a merge in grouping requires.
RESTATED_SHARE = 0.5


def _merge_restatements(
    pieces: list[tuple[list[int], list[int]]],
    scores: NDArray[np.float64],
    threshold: float,
    sents: Sequence[Sentence],
) -> list[tuple[list[int], list[int]]]:
    def restated(ci: list[int], cj: list[int]) -> bool:
        """Some article has its first sentence in one claim and its second in the other."""
        first = {sents[k].article_id: sents[k].index for k in ci if sents[k].index <= 1}
        return any(
            sents[k].article_id in first and {first[sents[k].article_id], sents[k].index} == {0, 1}
            for k in cj
        )

    out = [(list(c), list(m)) for c, m in pieces]
    merged = True
    while merged:
        merged = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                (ci, mi), (cj, mj) = out[i], out[j]
                small = min(len(mi), len(mj))
                if small < 2:
                    continue
                # Only what the one-sentence-per-article rule kept apart: an article
                # whose headline (or opening line) is in one claim and the line
                # restating it in the other.
                if not restated(ci, cj):
                    continue
                cross = scores[np.ix_(ci, cj)]
                if cross.mean() < threshold - AVG_MARGIN:
                    continue
                overlap = len(set(mi) & set(mj)) >= RESTATED_SHARE * small
                if not overlap and cross.min() < FLOOR_RATIO * threshold:
                    continue
                out[i] = (ci + [k for k in cj if k not in ci], mi + [k for k in mj if k not in mi])
                del out[j]
                merged = True
                break
            if merged:
                break
    return out


_QUOTATION_MARKS = frozenset('"“”«»')


def asks(text: str) -> bool:
    """An outlet's own question ("What are the Panama Papers?", "Where were the child's
    parents?"): a heading or a lead-in that states nothing, so no claim. A question inside
    quotation marks is someone's words ("... his first comment was “did you steal
    them?”") and stays."""
    # "?'" or "?’" closes a quotation in single marks ('How many do we want to crash?')
    return text.rstrip().rstrip(")").endswith("?") and not _QUOTATION_MARKS.intersection(text)


def _word_count(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))


# A weak link's shared words outside names must weigh this share of the story's top
# IDF (see :func:`_group`).
WEAK_RARE_MASS = 0.75
# A merged claim must keep every pair related: no pair below this fraction of the
# threshold, and the average pair at least the threshold minus AVG_MARGIN.
FLOOR_RATIO = 0.72
AVG_MARGIN = 0.06
WEAK_RATIO = 0.7
WEAK_SLACK = 0.05


def _group(
    sents: Sequence[Sentence],
    scores: NDArray[np.float64],
    threshold: float,
    feats: Sequence[SentenceFeatures] | None = None,
    idf: Mapping[str, float] | None = None,
) -> list[list[int]]:
    """Greedy constrained agglomeration over cross-article pairs, best pairs first.

    With ``feats``, a weak link also needs its two sentences to share a word outside
    their names, or a number: "Explosion and gunfire reported outside German consulate in
    Afghanistan" and "German troops have been based in northern Afghanistan for years"
    share only the story's names.
    """
    n = len(sents)
    cluster = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[str]] = {i: {sents[i].article_id} for i in range(n)}
    pairs = [
        (float(scores[i, j]), i, j)
        for i in range(n)
        for j in range(i + 1, n)
        if sents[i].article_id != sents[j].article_id
        and scores[i, j] >= threshold
        and (
            feats is None
            or scores[i, j] >= threshold + STRONG_NAMES_MARGIN
            or _beyond_names(sents, feats, i, j)
        )
    ]
    # Ties broken by position so that the result does not depend on anything but input.
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    floor = threshold * FLOOR_RATIO
    # Second pass: sentences still alone in their article's slot may pair with their
    # mutual best match at a lower score (paraphrases that share few words).
    weak = threshold * WEAK_RATIO
    ids = list(dict.fromkeys(s.article_id for s in sents))
    col_of = {aid: a for a, aid in enumerate(ids)}
    art = np.array([col_of[s.article_id] for s in sents])
    # best[i, a]: the best partner of sentence i in article a (-1 when below ``weak``).
    best = np.full((n, len(ids)), -1, dtype=np.int64)
    for a, aid in enumerate(ids):
        cols = np.array([k for k in range(n) if sents[k].article_id == aid])
        block = scores[:, cols]
        top = block.argmax(axis=1)
        ok = block[np.arange(n), top] >= weak
        best[ok, a] = cols[top[ok]]
    # Only mutual best matches become weak links; the group tests below decide.
    weak_pairs: dict[tuple[int, int], tuple[int, float]] = {}
    for i in range(n):
        for a in range(len(ids)):
            j = int(best[i, a])
            if j < 0 or art[i] == art[j] or scores[i, j] >= threshold:
                continue
            mutual = int(best[j, col_of[sents[i].article_id]] == i)
            key = (min(i, j), max(i, j))
            weak_pairs[key] = (max(mutual, weak_pairs.get(key, (0, 0.0))[0]), float(scores[i, j]))
    ranked = sorted(weak_pairs.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    if feats is not None and idf is None:
        idf = _idf(feats)
    least = WEAK_RARE_MASS * max(idf.values(), default=1.0) if idf else 0.0
    weak_links = [
        (sc, i, j)
        for (i, j), (m, sc) in ranked
        if m and (feats is None or _beyond_names(sents, feats, i, j, idf, least))
    ]
    for _, i, j in [*pairs, *weak_links]:
        ci, cj = cluster[i], cluster[j]
        if ci == cj or articles[ci] & articles[cj]:
            continue
        mi, mj = members[ci], members[cj]
        block = scores[np.ix_(mi, mj)]
        if scores[i, j] >= threshold:
            if block.min() < floor:
                continue
        elif block.mean() < weak or block.min() < weak - WEAK_SLACK:
            # A weak link joins a group only if it is related to the whole group.
            continue
        merged = mi + mj
        if len(merged) > 2 and scores[i, j] >= threshold:
            sub = scores[np.ix_(merged, merged)]
            m = len(merged)
            avg = (sub.sum() - m) / (m * (m - 1))
            if avg < threshold - AVG_MARGIN:
                continue
        _join(ci, cj, cluster, members, articles)
    if feats is not None:
        _context_links(sents, scores, feats, cluster, members, articles)
        _frame_links(sents, scores, cluster, members, articles)
    return [sorted(v) for v in members.values()]


# A strong link less than this above the threshold also needs a word beyond the two
# sentences' names (see :func:`_beyond_names`): on the dev set 46 cross-article pairs go,
# nearly all sentences that share only a story's names ("Why are they called the Panama
# Papers?" / "Panama Papers scandal sparks chorus of denials"), and 5 come.
STRONG_NAMES_MARGIN = 0.08
CONTEXT_FLOOR = 0.3  # the least score of a pair that its aligned neighbours may join
CONTEXT_REACH = 2  # sentences looked at on each side


def _context_links(
    sents: Sequence[Sentence],
    scores: NDArray[np.float64],
    feats: Sequence[SentenceFeatures],
    cluster: list[int],
    members: dict[int, list[int]],
    articles: dict[int, set[str]],
) -> None:
    """Context alignment (as in monolingual comparable-corpus alignment): two sentences
    of different articles that grouping left alone, that score at least
    ``CONTEXT_FLOOR`` and share a word outside their names, join when a sentence just
    before each (within ``CONTEXT_REACH``) is in one claim and a sentence just after each
    is in another: "Part of the warehouse roof fell in shortly before 10 p.m." and "Crews
    had to pull back when the warehouse roof collapsed" sit between the same two facts.
    On the dev set this adds 7 cross-article evidence pairs, 6 right on reading; with
    aligned neighbours on one side only it added 114, about half wrong."""
    n = len(sents)
    pos = {(s.article_id, s.index): k for k, s in enumerate(sents)}

    def side(k: int, step: int) -> set[int]:
        s = sents[k]
        near = (pos.get((s.article_id, s.index + step * d)) for d in range(1, CONTEXT_REACH + 1))
        return {cluster[x] for x in near if x is not None}

    def around(k: int) -> tuple[set[int], set[int]]:
        return side(k, -1), side(k, 1)

    alone = [k for k in range(n) if len(members[cluster[k]]) == 1]
    ctx = {k: around(k) for k in alone}
    cands = []
    for x, i in enumerate(alone):
        for j in alone[x + 1 :]:
            if sents[i].article_id == sents[j].article_id or scores[i, j] < CONTEXT_FLOOR:
                continue
            bi, ai = ctx[i]
            bj, aj = ctx[j]
            if not (bi & bj and ai & aj):
                continue
            if not _beyond_names(sents, feats, i, j):
                continue
            cands.append((float(scores[i, j]), i, j))
    cands.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _, i, j in cands:
        ci, cj = cluster[i], cluster[j]
        if ci == cj or articles[ci] & articles[cj]:
            continue
        mi, mj = members[ci], members[cj]
        if len(mi) > 1 and len(mj) > 1:
            continue
        block = scores[np.ix_(mi, mj)]
        if block.min() < CONTEXT_FLOOR:
            continue
        _join(ci, cj, cluster, members, articles)


# The least score of a frame link: the demo's three frame pairs score 0.17-0.39 with
# WordLlama; a pair below 0.1 has nothing in common but the frame's words.
FRAME_FLOOR = 0.1


def _frame_links(
    sents: Sequence[Sentence],
    scores: NDArray[np.float64],
    cluster: list[int],
    members: dict[int, list[int]],
    articles: dict[int, set[str]],
) -> None:
    """Frame alignment: two groups of different articles join when every sentence of
    both states the same recurring news frame (:func:`newsweave.frames.frames`: "the
    roof collapsed" / "the roof of the building caved in", "the cause is not yet known"
    / "too early to say how the fire began") and each of their articles states that
    frame in that one sentence only."""
    said: dict[str, list[int]] = {}
    for k, s in enumerate(sents):
        for key in frames(s.text):
            said.setdefault(key, []).append(k)
    for key in sorted(said):
        # sentences free to join: all of their group states the frame
        ks = [
            k for k in said[key] if all(key in frames(sents[x].text) for x in members[cluster[k]])
        ]
        per_article = Counter(sents[k].article_id for k in ks)
        once = [k for k in ks if per_article[sents[k].article_id] == 1]
        cands = sorted(
            (
                (float(scores[i, j]), i, j)
                for x, i in enumerate(once)
                for j in once[x + 1 :]
                if scores[i, j] >= FRAME_FLOOR
            ),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        for _, i, j in cands:
            ci, cj = cluster[i], cluster[j]
            if ci == cj or articles[ci] & articles[cj]:
                continue
            if not all(key in frames(sents[k].text) for k in members[ci] + members[cj]):
                continue
            if scores[np.ix_(members[ci], members[cj])].min() < FRAME_FLOOR:
                continue
            _join(ci, cj, cluster, members, articles)


def _join(
    ci: int,
    cj: int,
    cluster: list[int],
    members: dict[int, list[int]],
    articles: dict[int, set[str]],
) -> None:
    """Group ``cj`` joins group ``ci``."""
    for k in members[cj]:
        cluster[k] = ci
    members[ci] = members[ci] + members.pop(cj)
    articles[ci] |= articles.pop(cj)


def _beyond_names(
    sents: Sequence[Sentence],
    feats: Sequence[SentenceFeatures],
    i: int,
    j: int,
    idf: Mapping[str, float] | None = None,
    least: float = 0.0,
) -> bool:
    """The two sentences share a content word outside the names the model found in
    them, or a number or a clock time. With ``idf``, the shared words must weigh at
    least ``least`` in it: one rare word or a few less rare ones, not the story's common
    words alone."""
    fi, fj = feats[i], feats[j]
    if fi.numbers & fj.numbers or fi.times & fj.times:
        return True
    named = {
        w
        for s in (sents[i], sents[j])
        for m in s.mentions
        if m.label in _NAMED_LABELS
        for w in content_stems(m.text)
    }
    shared = (
        (fi.stems & fj.stems) | (_verb_stems(sents[i].text) & _verb_stems(sents[j].text))
    ) - named
    if idf is None:
        return bool(shared)
    return bool(shared) and sum(idf.get(w, 0.0) for w in shared) >= least


def _verb_stems(text: str) -> set[str]:
    """Stems of the lower-case words of ``text`` (so no names), irregular past forms
    made regular ("sent" and "sending" both "send")."""
    out = set()
    for w in _TOKEN.findall(text):
        low = w.lower()
        if low in STOPWORDS or not w.isalpha() or not w.islower():
            continue
        base = _IRREGULAR.get(low)
        out.add(stem(base + "s") if base else stem(low))
    return out


# A newsletter's or a format's label before a headline: "Your Monday Briefing: A Fatal
# Plane Crash in Nepal", "Watch live: ...", "Opinion: ...".
# A tabloid's shouted opening word ("AT least two people have been killed", "THIS is the
# moment"): the same fact in another outlet's plain words reads better as a claim's text.
_SHOUTED_OPENING = re.compile(r"([A-Z]{2,9})\s+[a-z]")


def shouted_opening(text: str) -> bool:
    """Whether ``text`` opens with a shouted common word ("AT least two ...")."""
    m = _SHOUTED_OPENING.match(text)
    if not m:
        return False
    word = m.group(1).lower()
    return word not in {"us", "it"} and (word in STOPWORDS or word in _NUMBER_WORDS)


_FORMAT_LABEL = re.compile(
    r"(?i)(?:[\w'’ ]{0,30}\b(?:briefing|newsletter|digest|roundup|round-up|podcast|"
    r"live updates?|live blog)|watch(?: live)?|video|opinion|analysis|explainer|"
    r"live|update|breaking(?: news)?)\s?[:|–—-]\s"
)


def _representative(
    members: Sequence[int],
    scores: NDArray[np.float64],
    feats: Sequence[SentenceFeatures],
    sents: Sequence[Sentence],
    rep_of: dict[str, str],
    rel_pos: Callable[[int], float],
) -> int:
    """The most central sentence; then originals over copies, leads, informative ones,
    and (in claims of three or more) ones whose numbers the other members state too."""
    if len(members) == 1:
        return members[0]

    def contested(k: int) -> int:
        """Numbers of ``k`` that most other members do not state ("at least 68 dead"
        where others say 40 or 29): the claim's text should say what its sources share."""
        others = [feats[o].numbers for o in members if o != k]
        return sum(
            1 for v in feats[k].numbers if v > 2 and sum(v in n for n in others) * 2 < len(others)
        )

    def key(k: int) -> tuple[float, ...]:
        centrality = float(np.mean([scores[k, o] for o in members if o != k]))
        f = feats[k]
        informative = min(len(f.stems), 30) / 30 + 0.1 * min(len(f.numbers) + len(f.names), 5) / 5
        original = 0.0 if rep_of[sents[k].article_id] == sents[k].article_id else -0.05
        # A dateline ("PORT ELLIS (Harbor Wire) –") reads badly as a claim's text, and a
        # series or format label ("Your Monday Briefing: ...", "Watch: ...") worse.
        dateline = -0.05 if dateline_length(sents[k].text) else 0.0
        if _FORMAT_LABEL.match(sents[k].text):
            dateline -= 0.3
        if shouted_opening(sents[k].text):
            dateline -= 0.05
        # Leads state the main fact plainly; later sentences add detail to it.
        lead = 0.15 * (1.0 - rel_pos(k))
        numbers = -0.1 * min(contested(k), 2) if len(members) >= 3 else 0.0
        return (
            -(centrality + 0.1 * informative + original + dateline + lead + numbers),
            float(k),
        )

    return min(members, key=key)


# A sentence of another article supports a claim when it *contains* the information of
# one of the claim's sentences: a lead sentence packs several facts, each of which a
# shorter sentence elsewhere may state on its own. Containment is one of:
# * anchors: the short sentence's specific values (clock times, amounts, numbers of 10
#   or more other than years) all appear in the longer one, which is the only sentence
#   of its article giving them;
# * words: the longer sentence carries SUPPORT_COVER of the short one's rarity-weighted
#   content words, at least SUPPORT_MASS of weight, and every specific value of it.
#   In a small story (two articles, a few dozen sentences) no word is very rare, so
#   SUPPORT_MASS_TOP x the story's top IDF is enough there when it is less: the seed
#   reports' "Britain sees Japan as its key East Asian ally" (AP) is contained in Kyodo's
#   "Britain views Japan as a key East Asian ally in its Indo-Pacific tilt ...". On the
#   dev set (stories of 2-19 articles) this adds one cross-article evidence pair (right:
#   "in retaliation for ... airstrikes in Kunduz") and removes none.
# In both cases the pair must score at least SUPPORT_FLOOR x threshold.
SUPPORT_COVER = 0.6
SUPPORT_MASS = 6.0
SUPPORT_MASS_TOP = 1.2
SUPPORT_FLOOR = 0.45
SUPPORT_COVER_RARE = 0.35
SUPPORT_MASS_RARE = 8.0
SUPPORT_MIN_WORDS = 6
# A sentence whose values are all counts most articles give (the story's premise) is
# contained by values only if this share of its rarity-weighted words is there too: on
# the dev set 54 cross-article evidence pairs go, nearly all wrong ("Now, 108 years means
# a lot of excitement" / "ended a 108-year drought"; a gorilla's 400 pounds), none come.
ANCHOR_COVER = 0.35


_UNIT_WORD = re.compile(r"[\s\-]*([A-Za-z][A-Za-z'’]*)")
_CURRENCY = frozenset("$£€¥")


def value_anchors(text: str, times: frozenset[str] = frozenset()) -> frozenset[str]:
    """The specific values of ``text``, typed by what they count.

    An amount of money ("$4.6 million" -> "$4.6e+06"), a percentage ("2.5%" -> "2.5%"), a
    clock time ("02:00") or a number with the word it counts ("14 months" -> "14 month").
    A bare number is not an anchor: "25 people" and "25 kilometres" are different facts.
    Years and whole numbers below 10 ("three days") recur across facts and are left out.
    """
    out = set(times)
    for start, end, value in numbers_in(text):
        raw = text[start:end].lower()
        if value.is_integer() and (value < 10 or (1900 <= value <= 2100 and "," not in raw)):
            continue  # ("2,000 kilometres" is no year)
        if not raw[0].isdigit():
            continue  # number words ("twelve") are too loose to anchor alone
        if start > 0 and text[start - 1] in _CURRENCY:
            out.add(f"{text[start - 1]}{value:g}")
        elif "%" in raw or "cent" in raw:
            out.add(f"{value:g}%")
        elif m := _UNIT_WORD.match(text, end):
            word = m.group(1).lower()
            if word not in STOPWORDS and not re.fullmatch(r"[ap]\.?m", word):
                # "a 20-year-old" is an age, "for 20 years" a duration
                age = re.match(r"[\s\-]*old\b", text[m.end() : m.end() + 6])
                out.add(f"{value:g} {stem(word)}" + (" old" if age else ""))
    return frozenset(out)


def _name_stems(s: Sentence) -> set[str]:
    """Stems of the words inside the names of a sentence: its NER mentions and its
    capitalised runs. NER misses names in headline-like lines ("Japan will take all
    measures, says Prime Minister Shinzo Abe") and leaves titles out ("Prime Minister");
    two sentences that share only a person and a title say different things about them.
    """
    out = {w for m in s.mentions if m.label in _NAMED_LABELS for w in content_stems(m.text)}
    for m in _CAPNAME.finditer(s.text):
        if m.start() == 0 and " " not in m.group(0):
            continue
        out.update(content_stems(" ".join(w for w in m.group(0).split() if w not in _CAP_STOP)))
    return out


LEAD_MIN_SENTENCES = 3


def _support_leads(
    groups: Sequence[list[int]],
    sents: Sequence[Sentence],
    scores: NDArray[np.float64],
    threshold: float,
    support: dict[int, list[int]],
) -> None:
    """An article's lead left in a claim of its own is supported by another article's
    lead that matches it as a weak link would: the leads of one story state its main
    event, though grouping may give one of them to a closer sentence elsewhere ("Japan
    and Britain signed a bilateral defense cooperation agreement Wednesday..." / "The
    leaders of Britain and Japan signed a defense agreement Wednesday...")."""
    group_of = {k: g for g, members in enumerate(groups) for k in members}
    leads: dict[str, int] = {}
    count: Counter[str] = Counter(sent.article_id for sent in sents)
    for k, sent in enumerate(sents):
        if count[sent.article_id] < LEAD_MIN_SENTENCES:
            continue  # a feed entry's "lead" is its headline, and headlines share a topic
        if sent.article_id not in leads or sent.index < sents[leads[sent.article_id]].index:
            leads[sent.article_id] = k
    for la in leads.values():
        g = group_of[la]
        if len(groups[g]) != 1 or _FORMAT_LABEL.match(sents[la].text):
            # only a lead alone in its claim, and not a newsletter's or format's title
            # ("Your Monday Briefing: A Fatal Plane Crash in Nepal"), which would become
            # the story's main claim
            continue
        have = {sents[k].article_id for k in support.get(g, [])}
        mine = {v for v in _counts(sents[la].text) if v > 2}
        for lb in leads.values():
            b = sents[lb].article_id
            if lb == la or b in have or scores[la, lb] < WEAK_RATIO * threshold:
                continue
            # the other lead is the best match in its article, and no count differs
            best = max(
                (k for k, x in enumerate(sents) if x.article_id == b), key=lambda k: scores[la, k]
            )
            theirs = {v for v in _counts(sents[lb].text) if v > 2}
            if best == lb and (mine <= theirs or theirs <= mine):
                support.setdefault(g, []).append(lb)


def _counts(text: str) -> set[float]:
    """The numbers of ``text`` outside its clock times."""
    blanked = _CLOCK.sub(lambda m: " " * len(m.group(0)), text)
    return {v for _, _, v in numbers_in(blanked)}


def _support(
    groups: Sequence[list[int]],
    sents: Sequence[Sentence],
    feats: Sequence[SentenceFeatures],
    scores: NDArray[np.float64],
    threshold: float,
    anchors: Sequence[frozenset[str]],
    idf: Mapping[str, float] | None = None,
) -> dict[int, list[int]]:
    """Group index -> sentences of other articles that contain one of its sentences."""
    n = len(sents)
    if n < 2:
        return {}
    if idf is None:
        idf = _idf(feats)
    vocab = {w: i for i, w in enumerate(idf)}
    weights = np.array(list(idf.values()), dtype=np.float64)
    top = max(idf.values(), default=1.0)
    stems = np.zeros((n, len(vocab)), dtype=np.float64)
    # Coverage counts the words that are not names: two sentences naming the same people
    # ("Prime Minister Abe said ...") may still say different things about them.
    plain = np.zeros_like(stems)
    for i, (sent, f) in enumerate(zip(sents, feats, strict=True)):
        names = _name_stems(sent)
        for w in f.stems:
            stems[i, vocab[w]] = 1.0
            if w not in names:
                plain[i, vocab[w]] = 1.0
    plain_mass = plain @ weights
    shared = (plain * weights) @ stems.T
    with np.errstate(divide="ignore", invalid="ignore"):
        cover = np.where(plain_mass[:, None] > 0, shared / plain_mass[:, None], 0.0)
    # An age ("the 19-year-old") says who, not what: two sentences about the same
    # person state different facts ("The 19-year-old was belittled by Toto Wolff" / "the
    # 19-year-old gained universal praise"), so ages do not make one contain the other.
    anchors = [frozenset(x for x in a if not x.endswith(" old")) for a in anchors]
    anc = _incidence(anchors)
    n_anc = np.array([len(a) for a in anchors], dtype=np.float64)
    all_anchors = (anc @ anc.T) >= n_anc[:, None]  # every anchor of row i is in column j
    # Every bare number too: a longer sentence that gives another count is no container.
    # The digits of a clock time are not counts: "7:30 p.m." gives no 7 to match "seven
    # fire engines" (the time itself is an anchor).
    nums = [frozenset(f"n{v:g}" for v in _counts(x.text) if v > 2) for x in sents]
    num = _incidence(nums)
    n_num = np.array([len(x) for x in nums], dtype=np.float64)
    all_numbers = (num @ num.T) >= n_num[:, None]
    # How many sentences of each article give each anchor: a value an article gives
    # twice does not point at one sentence.
    holders: Counter[tuple[str, str]] = Counter()
    for sent, a in zip(sents, anchors, strict=True):
        holders.update((sent.article_id, x) for x in a)
    words = np.array([f.words for f in feats])
    art_ids = [s.article_id for s in sents]
    ids = list(dict.fromkeys(art_ids))
    art = np.array([ids.index(a) for a in art_ids])
    base = (
        (art[:, None] != art[None, :])
        & (words[:, None] < words[None, :])
        & (scores >= SUPPORT_FLOOR * threshold)
        & all_anchors
        & all_numbers
    )
    # Words alone are weaker evidence than values: the pair must also score as a weak
    # link would, and the short sentence must say something ("Bodies everywhere.").
    by_words = (
        base
        & (words[:, None] >= SUPPORT_MIN_WORDS)
        & (scores >= WEAK_RATIO * threshold)
        & (
            ((cover >= SUPPORT_COVER) & (shared >= min(SUPPORT_MASS, SUPPORT_MASS_TOP * top)))
            | ((cover >= SUPPORT_COVER_RARE) & (shared >= SUPPORT_MASS_RARE))
        )
    )
    # A count most articles give ("108 years" in a story of the Cubs' 108-year wait) is
    # the story's premise, not one statement: a sentence giving only such values is
    # contained in another only if its words are too ("Now, 108 years means a lot of
    # excitement" is in no lead that says "108-year drought").
    n_articles = len({s.article_id for s in sents})
    spread = Counter(x for _aid, x in holders)  # anchor -> articles giving it
    premise = np.array(
        [
            bool(a)
            and all(
                " " in x and spread[x] >= 3 and spread[x] * 2 > n_articles  # counted things
                for x in a
            )
            for a in anchors
        ]
    )
    by_anchor = base & (n_anc[:, None] > 0) & (~premise[:, None] | (cover >= ANCHOR_COVER))
    group_of = np.empty(n, dtype=np.int64)
    for g, members in enumerate(groups):
        group_of[members] = g
    found: dict[tuple[int, str], tuple[float, int]] = {}
    for row, col in zip(*np.nonzero(by_words | by_anchor), strict=True):
        m, k = int(row), int(col)
        aid = sents[k].article_id
        if not by_words[m, k] and any(holders[(aid, x)] > 1 for x in anchors[m]):
            continue
        g = int(group_of[m])
        if group_of[k] == g:
            continue
        # One supporting sentence per article: the one closest to the claim.
        if (g, aid) not in found or scores[m, k] > found[(g, aid)][0]:
            found[(g, aid)] = (float(scores[m, k]), k)
    out: dict[int, list[int]] = {}
    for (g, _aid), (_sc, k) in sorted(found.items()):
        out.setdefault(g, []).append(k)
    return out
