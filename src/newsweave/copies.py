"""Copies: near-identical articles (one wire story republished) count as one source.

Two articles are copies when the word 5-shingles of the shorter one are contained in the
longer one at ``settings.copy_threshold`` or more (containment, not Jaccard, so that a
trimmed republication of a wire story still counts). Shingles are taken from the cleaned
sentences, so page debris does not dilute them. A shared quoted paragraph is not enough:
it covers only a small part of either article's shingles.

Which article is the original (``copy_of``) in a group of copies, in order:
1. a wire agency by outlet name (AP, Reuters, AFP, ..., or any "... Wire");
2. the earliest published, when both dates are known;
3. the longest (the least trimmed version);
4. the first in input order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from .models import CleanArticle, Copy
from .settings import Settings

__all__ = ["find_copies", "shingles", "source_groups"]

SHINGLE = 5
# A text with fewer shingles than this is compared by its whole word sequence instead.
MIN_SHINGLES = 8

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_WIRES = (
    "associated press",
    "ap",
    "reuters",
    "afp",
    "agence france-presse",
    "kyodo",
    "dpa",
    "xinhua",
    "ansa",
    "efe",
    "press association",
    "pa media",
    "bloomberg",
    "upi",
)


def shingles(text: str, size: int = SHINGLE) -> set[tuple[str, ...]]:
    """Word ``size``-shingles of ``text`` (lower-cased words, punctuation ignored)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _prose(a: CleanArticle) -> str:
    if a.sentences:
        return " ".join(s.text for s in a.sentences)
    return a.article.text


def _is_wire(outlet: str) -> bool:
    low = outlet.strip().lower()
    if re.search(r"\b(wire|news agency|press agency)\b", low):
        return True
    return any(low == w or low.startswith(w + " ") or f"({w})" in low for w in _WIRES)


def _original_key(a: CleanArticle, n_words: int, order: int) -> tuple[int, datetime, int, int]:
    published = a.article.published
    # Naive and aware datetimes cannot be compared: drop the zone, keep wall time.
    when = published.replace(tzinfo=None) if published is not None else datetime.max
    return (0 if _is_wire(a.article.outlet) else 1, when, -n_words, order)


def find_copies(articles: Sequence[CleanArticle], settings: Settings) -> list[Copy]:
    """Pairs (copy -> original) of near-identical articles.

    Articles linked by containment form groups (connected components); every member of a
    group is reported as a copy of the group's original (see the module docstring).
    ``similarity`` is the shingle containment of the pair.
    """
    n = len(articles)
    sh = [shingles(_prose(a)) for a in articles]
    parent = list(range(n))
    best: dict[tuple[int, int], float] = {}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(n):
        for j in range(i + 1, n):
            small, big = (sh[i], sh[j]) if len(sh[i]) <= len(sh[j]) else (sh[j], sh[i])
            if not small:
                continue
            if len(small) < MIN_SHINGLES:
                # Too short for containment to mean anything: only an identical text counts.
                sim = 1.0 if small == big else 0.0
            else:
                sim = len(small & big) / len(small)
            if sim >= settings.copy_threshold:
                best[(i, j)] = sim
                parent[root(i)] = root(j)
    if not best:
        return []
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    out: list[Copy] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        orig = min(members, key=lambda k: _original_key(articles[k], len(sh[k]), k))
        for k in members:
            if k == orig:
                continue
            pair = (min(k, orig), max(k, orig))
            known = best.get(pair)
            if known is not None:
                sim = known
            else:
                # Linked to the original through another copy: measure the pair itself.
                small, big = sorted((sh[k], sh[orig]), key=len)
                sim = len(small & big) / len(small) if small else 0.0
            out.append(Copy(articles[k].article.id, articles[orig].article.id, round(sim, 3)))
    order = {a.article.id: i for i, a in enumerate(articles)}
    out.sort(key=lambda c: order[c.article])
    return out


def source_groups(
    article_ids: Sequence[str],
    copies: Sequence[Copy],
    outlets: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Map every article id to the id of its independent source.

    Copies join their original; with ``outlets`` (article id -> outlet), articles of one
    outlet are one source too (an outlet's five updates of a story are not five outlets),
    except those republished from or by another outlet: a site that runs both the AP's
    and Reuters' wire stories carries two sources, not one that joins the two wires.
    The representative of a group is its original (an id that is ``copy_of`` and never a
    copy itself) or, failing that, the earliest-listed member.
    """
    ids = list(article_ids)
    index = {a: i for i, a in enumerate(ids)}
    parent = {a: a for a in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in copies:
        if c.article in parent and c.copy_of in parent:
            ra, rb = root(c.article), root(c.copy_of)
            if ra != rb:
                parent[ra] = rb

    def outlet_of(a: str) -> str:
        return (outlets or {}).get(a, "").strip().lower()

    outlets_in: dict[str, set[str]] = {}  # copy cluster -> the outlets in it
    for a in ids:
        outlets_in.setdefault(root(a), set()).add(outlet_of(a))
    first_of: dict[str, str] = {}
    for a in ids:
        outlet = outlet_of(a)
        if not outlet or len(outlets_in[root(a)]) > 1:
            continue
        if outlet in first_of:
            ra, rb = root(a), root(first_of[outlet])
            if ra != rb:
                parent[ra] = rb
        else:
            first_of[outlet] = a
    copied = {c.article for c in copies}
    members: dict[str, list[str]] = {}
    for a in ids:
        members.setdefault(root(a), []).append(a)
    rep: dict[str, str] = {}
    for r, group in members.items():
        originals = [a for a in group if a not in copied]
        rep[r] = min(originals or group, key=index.__getitem__)
    return {a: rep[root(a)] for a in ids}
