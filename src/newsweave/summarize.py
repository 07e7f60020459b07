"""Summary: an extractive summary behind a small interface (an LLM backend can come later).

A summarizer receives the claims and conflicts of a story (and, optionally, its articles
for outlet names) and returns :class:`SummarySentence` objects, each citing its sources
and evidence spans. Backends are registered by name in :data:`SUMMARIZERS`; an optional
LLM backend (an OpenAI-compatible HTTP endpoint) would be one more entry whose sentences
keep the evidence of the claims it was given.

The extractive summarizer never writes text of its own except one template for conflicts
("Sources differ on the number injured: 12 (Harbor Wire) vs 14 (Meridian Daily)."), whose
evidence is the evidence of every value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from .claims import content_stems, numbers_in, shouted_opening
from .clean import TERMINAL
from .errors import ConfigError
from .models import Claim, CleanArticle, Conflict, Evidence, SummarySentence
from .outlets import without_dateline
from .settings import Settings

__all__ = [
    "SUMMARIZERS",
    "ExtractiveSummarizer",
    "Summarizer",
    "disputed_claims",
    "get_summarizer",
    "sources_differ",
]


class Summarizer(Protocol):
    """Turns a story's claims and conflicts into cited summary sentences."""

    name: str
    version: str

    def summarize(
        self,
        claims: Sequence[Claim],
        conflicts: Sequence[Conflict],
        settings: Settings,
        articles: Sequence[CleanArticle] = (),
        updates: Sequence[Conflict] = (),
        off_story: frozenset[tuple[str, int]] = frozenset(),
    ) -> list[SummarySentence]: ...


# Near-duplicate agreement sentences (same facts told twice) are skipped above this overlap.
DUPLICATE_OVERLAP = 0.6
# A summary sentence must stand on its own: one that opens with a pronoun ("He dabbled in
# real estate") names nobody once taken out of its article.
_PRONOUN_LEAD = re.compile(r"(?:He|She|They|It|His|Her|Their|Its|Him|Them)\b")
# A sentence that talks to someone ("And as you mentioned, it was a crowd of about
# 1,000 young men": a radio interview's transcript) is no summary line; a quotation that
# does ("“You could hear the shooting,” she said") is left to the quotes check.
# (Not every "you": "the retina of your eye" in a gadget story is the reader's, and a
# fine summary line.)
_ADDRESS = re.compile(
    r"\bas you (?:mentioned|said|know|noted|pointed out|can see|just heard)\b"
    r"|^(?:And|But|So|Well|Now|Yes|No),?\s+(?:\w+\s+){0,3}?you\b",
    re.IGNORECASE,
)


def _talks_to_someone(text: str) -> bool:
    return any(not _inside_quote(text, m.start()) for m in _ADDRESS.finditer(text))


def _title_cased(text: str) -> bool:
    """A headline left in the text ("Homeowner Questions Exceedingly High Electric Bill"):
    no closing stop, most words capitalised. A summary line is a sentence: a claim that
    only headlines state is told by the lead sentences of another claim, if at all."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    caps = sum(w[0].isupper() for w in words)
    return len(words) >= 4 and not TERMINAL.search(text) and caps >= 0.7 * len(words)


def _inside_quote(text: str, start: int) -> bool:
    """The sentence at ``start`` begins inside a quotation opened earlier in its paragraph
    ("“The great @michaelsheen & I consciously uncoupled ... No fight. We just live in
    different countries & it got hard."): a piece of someone's words, not the outlet's."""
    para = text[text.rfind("\n", 0, start) + 1 : start]
    return para.count("“") > para.count("”") or para.count('"') % 2 == 1


def _open_quote(text: str) -> bool:
    """A piece of a quotation cut off from the rest ('"Red flag is what it needs, we need
    to stop the race.'; 'There will never be a friendly solution ...” tweeted the US
    president.'): its speaker, or its start, is in another sentence."""
    if text.count("“") != text.count("”") or text.count('"') % 2 == 1:
        return True
    # "'Payload will be my midnight cherry Tesla Roadster playing Space Oddity." (single
    # marks: an apostrophe is followed by a letter, a closing mark is not)
    return text[:1] in "'‘" and not re.search(r"\w[.,!?]?['’](?!\w)", text[1:])


class ExtractiveSummarizer:
    """Agreements first (most supported, lead facts first), then differences."""

    name = "extractive"
    # v2: no pronoun-led sentences; v3: no lists or overlong details; v4: no disputed
    # agreements, no pieces of a quotation; v5: no headline-only agreements; v6: nor its
    # sources that report a later count (updates); v7: no sentence talking to an
    # interviewer ("And as you mentioned, ..."); v8: a count that changed between reports
    # is told among the differences ("The number killed changed between reports: two
    # (...) → six (...)"), after the conflicts; v9: an agreement whose text states a value
    # only one outlet gives is told in the words of the value most of its outlets give;
    # v10: without the dateline of a lead ("LONDON (AP) – ", "SAN JOSE, Costa Rica — ");
    # v11: no detail from a stretch of an article about another story (a digest's items)
    version = "v11"

    def summarize(
        self,
        claims: Sequence[Claim],
        conflicts: Sequence[Conflict],
        settings: Settings,
        articles: Sequence[CleanArticle] = (),
        updates: Sequence[Conflict] = (),
        off_story: frozenset[tuple[str, int]] = frozenset(),
    ) -> list[SummarySentence]:
        """Pick agreement sentences, then conflicts, updates and unique details, all cited.

        ``updates`` (counts that changed between reports) are told after the conflicts, in
        one template sentence each, and an agreement citing "63 killed" does not cite the
        later reports of 89. ``off_story`` holds the ``(article, start)`` of sentences
        about another story (:func:`newsweave.relevance.off_story`): no detail is taken
        from them."""
        outlet = {a.article.id: a.article.outlet or a.article.id for a in articles}
        texts = {a.article.id: a.article.text for a in articles}

        def quoted_piece(c: Claim) -> bool:
            """The claim's text, or most of its sentences, are pieces of a quotation."""
            if _open_quote(c.text):
                return True
            pieces = sum(
                _open_quote(e.text) or _inside_quote(texts.get(e.article, ""), e.start)
                for e in c.evidence
            )
            return 2 * pieces >= len(c.evidence) > 0

        n_sent = {a.article.id: max(len(a.sentences), 1) for a in articles}
        index_of = {(s.article_id, s.start): s.index for a in articles for s in a.sentences}

        def position(c: Claim) -> float:
            pos = [
                index_of.get((e.article, e.start), 0) / n_sent.get(e.article, 1) for e in c.evidence
            ]
            return min(pos) if pos else 0.0

        in_conflict = {cid for x in conflicts for cid in x.claims}
        # A claim whose sources differ on a value its text states ("injuring 12 people",
        # where one outlet says 14) cites only the sources that do not state another
        # value; with fewer than two outlets left it is no agreement (its conflict is
        # told below).
        differing = [*conflicts, *updates]

        def outlets_of(sources: Iterable[str]) -> int:
            return len({outlet.get(a, a) for a in sources})

        # A shared claim whose text states a value only one outlet gives ("killing at
        # least four", where three say two and two say six) is told in the words of the
        # value most of its outlets give, if that makes it an agreement.
        claims = [
            c
            if c.kind != "shared" or outlets_of(_agreeing(c, differing)) >= 2
            else max(
                _retellings(c, differing),
                key=lambda alt: outlets_of(_agreeing(alt, differing)),
                default=c,
            )
            for c in claims
        ]
        cites = {c.id: _agreeing(c, differing) for c in claims if c.kind == "shared"}
        shared = [
            c
            for c in claims
            if c.kind == "shared" and len({outlet.get(a, a) for a in cites[c.id]}) >= 2
        ]
        # Most-supported first, then the earliest position: the lead facts of a story.
        ranked = sorted(
            shared, key=lambda c: (-c.independent_sources, position(c), _order(c, claims))
        )
        picked: list[Claim] = []
        seen: list[set[str]] = []
        for c in ranked:
            if len(picked) >= settings.summary_sentences:
                break
            if _PRONOUN_LEAD.match(c.text) or quoted_piece(c) or _title_cased(c.text):
                continue
            if _talks_to_someone(c.text):
                continue
            stems = set(content_stems(c.text))
            if any(_overlap(stems, s) >= DUPLICATE_OVERLAP for s in seen):
                continue
            picked.append(c)
            seen.append(stems)
        # Told in story order once chosen: reads like a lead, not a ranking.
        picked.sort(key=lambda c: (position(c), _order(c, claims)))
        out = [
            SummarySentence(
                without_dateline(c.text),
                "agreement",
                cites[c.id],
                tuple(e for e in _rep_evidence(c) if e.article in cites[c.id]),
                c.id,
            )
            for c in picked
        ]

        budget = settings.summary_differences
        for x in conflicts[:budget]:
            out.append(_conflict_sentence(x, outlet))
        budget -= min(len(conflicts), budget)
        for x in updates[:budget]:
            out.append(_update_sentence(x, outlet))
        budget -= min(len(updates), budget)
        unique = [
            c
            for c in claims
            if c.kind == "unique"
            and c.id not in in_conflict
            and not all((e.article, e.start) in off_story for e in c.evidence)
        ]
        details = sorted(unique, key=lambda c: (-_informative(c.text), _order(c, claims)))
        chosen: list[Claim] = []
        for c in details:
            if len(chosen) >= budget or _informative(c.text) < 2:
                break
            if (
                _PRONOUN_LEAD.match(c.text)
                or quoted_piece(c)
                or _title_cased(c.text)
                or len(c.text.split()) > MAX_DETAIL_WORDS
                or len(_LIST_ITEM.findall(c.text)) >= MAX_LIST_ITEMS
            ):
                continue
            stems = set(content_stems(c.text))
            if any(_overlap(stems, s) >= DUPLICATE_OVERLAP for s in seen):
                continue
            chosen.append(c)
            seen.append(stems)
        chosen.sort(key=lambda c: _order(c, claims))
        out.extend(
            SummarySentence(without_dateline(c.text), "unique", c.sources, _rep_evidence(c), c.id)
            for c in chosen
        )
        return out


def _agreeing(c: Claim, conflicts: Sequence[Conflict]) -> tuple[str, ...]:
    """The claim's sources less those stating another value than its text does, in each
    conflict over its evidence."""
    text_at = {(e.article, e.start) for e in c.evidence if e.text == c.text}
    drop: set[str] = set()
    for x in conflicts:
        if c.id not in x.claims:
            continue
        told = [v for v in x.values if any((e.article, e.start) in text_at for e in v.evidence)]
        if told:
            keep = {a for v in told for a in v.sources}
            drop |= {a for v in x.values if v not in told for a in v.sources} - keep
    return tuple(a for a in c.sources if a not in drop)


def _retellings(c: Claim, differing: Sequence[Conflict]) -> list[Claim]:
    """The claim told in the words of each of its evidence sentences that states a value
    of a conflict or an update over it (plain-case sentences first, in evidence order)."""
    stating = {
        (e.article, e.start)
        for x in differing
        if c.id in x.claims
        for v in x.values
        for e in v.evidence
    }
    told = [e for e in c.evidence if (e.article, e.start) in stating and e.text != c.text]
    told.sort(key=lambda e: shouted_opening(e.text))
    return [replace(c, text=e.text) for e in told]


def _order(c: Claim, claims: Sequence[Claim]) -> int:
    for i, x in enumerate(claims):
        if x.id == c.id:
            return i
    return len(claims)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _rep_evidence(c: Claim) -> tuple[Evidence, ...]:
    """All evidence, the sentence matching the claim's text first."""
    first = [e for e in c.evidence if e.text == c.text]
    rest = [e for e in c.evidence if e.text != c.text]
    return tuple(first + rest)


# A detail worth a summary line reads as one sentence: a list of 21 names or a scraped
# run of captions is not one, however many names it carries.
MAX_DETAIL_WORDS = 50
MAX_NAMES, MAX_NUMBERS = 6, 4
# "... identified the girls as Mary Usman Bulama, Jummai John, Blessing Abana, ..."
_LIST_ITEM = re.compile(r",\s?[A-Z][\w'’-]*")
MAX_LIST_ITEMS = 5


def _informative(text: str) -> int:
    """How much a detail tells: numbers and names count (up to a point), attribution-only
    chatter does not."""
    score = min(len(numbers_in(text)), MAX_NUMBERS)
    names = set(re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+", text))
    score += min(len(names), MAX_NAMES)
    if len(text.split()) < 8:
        score -= 1
    return score


def disputed_claims(conflicts: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    """Claim id -> "Sources differ on ..." for each conflict (``what``, its claim ids) over
    one of the claim's values: what every report format marks a shared claim with."""
    return _marks(conflicts, sources_differ)


def changed_claims(updates: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    """Claim id -> "The number killed changed between reports" for each update over one
    of the claim's values (see ``Report.updates``)."""
    return _marks(updates, lambda what: f"The {what} changed between reports")


def _marks(
    items: Iterable[tuple[str, Iterable[str]]], line: Callable[[str], str]
) -> dict[str, list[str]]:
    """Claim id -> ``line(what)`` for each (what, claim ids) item naming the claim."""
    out: dict[str, list[str]] = {}
    for what, claims in items:
        for cid in dict.fromkeys(claims):
            out.setdefault(cid, []).append(line(what))
    return out


def sources_differ(what: str) -> str:
    """ "Sources differ on the number injured", "Sources differ on who said …"."""
    # "the number injured", but "who said …" and "which industrial estate" take no article.
    first = what.split(" ", 1)[0]
    return (
        f"Sources differ on {what if first in {'who', 'which', 'where', 'when'} else 'the ' + what}"
    )


def _conflict_sentence(x: Conflict, outlet: dict[str, str]) -> SummarySentence:
    """ "Sources differ on the number injured: 12 (A, B) vs 14 (C)." """
    return _values_sentence(x, outlet, "conflict", f"{sources_differ(x.what)}: ", " vs ")


def _update_sentence(x: Conflict, outlet: dict[str, str]) -> SummarySentence:
    """ "The number killed changed between reports: two (A, B) → six (C)." (oldest first)"""
    return _values_sentence(x, outlet, "update", f"The {x.what} changed between reports: ", " → ")


def _values_sentence(
    x: Conflict, outlet: dict[str, str], kind: str, lead: str, joiner: str
) -> SummarySentence:
    """A template sentence listing each value of ``x`` with the outlets that give it,
    cited to every value's evidence."""
    parts = [f"{v.value} ({', '.join(outlet.get(s, s) for s in v.sources)})" for v in x.values]
    text = f"{lead}{joiner.join(parts)}."
    sources = tuple(dict.fromkeys(s for v in x.values for s in v.sources))
    evidence = tuple(dict.fromkeys(e for v in x.values for e in v.evidence))
    return SummarySentence(text, kind, sources, evidence, x.claims[0] if x.claims else "")


SUMMARIZERS: dict[str, Callable[[], Summarizer]] = {"extractive": ExtractiveSummarizer}


def get_summarizer(name: str) -> Summarizer:
    """The summarizer registered under ``name``; unknown names raise :class:`ConfigError`."""
    try:
        factory = SUMMARIZERS[name]
    except KeyError:
        raise ConfigError(
            f"unknown summarizer {name!r}; choose one of: {', '.join(sorted(SUMMARIZERS))}"
        ) from None
    return factory()
