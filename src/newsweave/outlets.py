"""Outlet inference: who published an article when its metadata does not say.

Sources of evidence, strongest first (the first that answers wins):

1. ``site_name``: the site name an HTML page or feed declares (a site republishing a
   wire story is still the outlet its readers saw);
2. ``dateline``: a dateline opening the text (possibly after a headline or byline line):
   "LONDON (AP) –", "WASHINGTON, Jan 5 (Reuters) -", "(CNN) --",
   "TOKYO, Jan. 11, Kyodo -", or any "PLACE (Outlet Name) –";
3. ``credit``: an agency credit elsewhere in the text: "(Kyodo)" closing a paragraph or
   caption, "— AFP" ending the text;
4. ``domain``: the URL's host without ``www.``;
5. ``unknown``: nothing found (the outlet is then ``""``).

Agencies are reported by their short, familiar names ("AP", "Reuters", "AFP",
"Kyodo"...), the way readers cite them.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote, urlsplit

__all__ = [
    "AGENCIES",
    "dateline_length",
    "display_title",
    "infer_outlet",
    "names_only_site",
    "normalize_outlet",
    "outlet_from_text",
    "outlet_from_url",
    "url_headline",
]

# credit token as printed -> outlet name
AGENCIES: dict[str, str] = {
    "AP": "AP",
    "Associated Press": "AP",
    "The Associated Press": "AP",
    "Reuters": "Reuters",
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "CNN": "CNN",
    "Kyodo": "Kyodo",
    "Kyodo News": "Kyodo",
    "Xinhua": "Xinhua",
    "Yonhap": "Yonhap",
    "UPI": "UPI",
    "Bloomberg": "Bloomberg",
    "dpa": "dpa",
    "DPA": "dpa",
    "EFE": "EFE",
    "ANSA": "ANSA",
    "TASS": "TASS",
    "PTI": "PTI",
    "IANS": "IANS",
    "PA": "PA Media",
    "PA Media": "PA Media",
    "AAP": "AAP",
    "CP": "The Canadian Press",
    "Canadian Press": "The Canadian Press",
    "The Canadian Press": "The Canadian Press",
    "NHK": "NHK",
    "Jiji": "Jiji Press",
    "Jiji Press": "Jiji Press",
    "RIA Novosti": "RIA Novosti",
    "Interfax": "Interfax",
    "Anadolu": "Anadolu Agency",
    "BBC": "BBC",
}
_NAMES = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
_DASH = r"(?:[-–—]{1,2}|:)"
_CITY = r"[A-Z][A-Za-z.'’-]*(?:[ -][A-Z][A-Za-z.'’-]*){0,4}"

# "LONDON (AP) –", "WASHINGTON, Jan 5 (Reuters) -", "Washington (CNN)", "(CNN) --"
_DATELINE = re.compile(
    r"\s*(?:" + _CITY + r"(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Za-z.]+)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s\d{4})?)?\s*)?"
    r"\((" + _NAMES + r")\)\s*" + _DASH + r"?"
)
# "TOKYO, Jan. 11, Kyodo -", "BEIJING, Jan 5 — Xinhua"
_DATELINE_TRAILING = re.compile(
    r"\s*" + _CITY + r",\s*[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s\d{4})?\s*(?:,|\(|" + _DASH + r")\s*"
    r"(" + _NAMES + r")\)?\s*" + _DASH
)
# any outlet in a dateline with an upper-case place: "PORT ELLIS (Harbor Wire) – ..."
_DATELINE_GENERIC = re.compile(
    r"\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Za-z.]+)?)?\s"
    r"\(([A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,4})\)\s*[-–—]{1,2}\s"
)
# Short credits that also abbreviate other things ("Pennsylvania (PA)") count only in a
# dateline, never in the middle of a text.
_AMBIGUOUS_CREDITS = frozenset({"PA", "CP", "BBC", "NHK", "CNN"})
_MIDTEXT = "|".join(
    sorted((re.escape(k) for k in AGENCIES if k not in _AMBIGUOUS_CREDITS), key=len, reverse=True)
)
# a credit in parentheses, not a photo credit ("(AP Photo/...)" names a photographer)
_PAREN = re.compile(r"\((" + _MIDTEXT + r")\)(?!\s?Photo)")
_TAIL = re.compile(r"(?:[-–—]{1,2}|\bBy)\s*(" + _MIDTEXT + r")\.?\s*$")


def normalize_outlet(name: str) -> str:
    """Tidy an outlet name from metadata: ``"www.nytimes.com"`` becomes ``"nytimes.com"``."""
    name = " ".join(name.split())
    if re.fullmatch(r"(?i)(?:https?://)?[a-z0-9.-]+\.[a-z]{2,}/?", name):
        host = urlsplit(name if "://" in name else "http://" + name).hostname or name
        return _strip_www(host)
    return name


def _strip_www(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def outlet_from_url(url: str) -> str:
    """The URL's host without ``www.`` (``""`` when there is no usable host)."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return ""
    return _strip_www(host) if host and "." in host else ""


_SITE_SUFFIX = re.compile(r"\s+[-|–—:]\s+([^-|–—:]{2,40})$")


def without_site_suffix(title: str, outlet: str, url: str = "") -> str:
    """A headline without the site name that feeds and pages append ("Google Cuts 12,000
    Jobs Amid Economic Pressure - CNET" from cnet.com, "... | Reuters"): only when the
    suffix names the outlet or the URL's site."""
    m = _SITE_SUFFIX.search(title)
    if not m or m.start() < 15:
        return title
    suffix = re.sub(r"[^a-z0-9]", "", m.group(1).lower())
    keys = _site_keys(outlet, url)
    if suffix and any(suffix == k or (len(k) >= 3 and suffix.startswith(k)) for k in keys):
        return title[: m.start()].rstrip()
    return title


_DOMAIN_WORDS = frozenset({"www", "com", "org", "net", "edu", "gov", "news", "edition"})


def _site_keys(outlet: str, url: str, shortest: int = 3) -> set[str]:
    """The outlet's name and the site's own domain labels, lower-case letters and digits
    only ("cnet.com" -> "cnet", "bbc.co.uk" -> "bbc", "abcnews.go.com" -> "abcnews")."""
    keys = set()
    for n in (outlet, outlet_from_url(url)):
        n = n.lower()
        keys.add(re.sub(r"[^a-z0-9]", "", n))
        if re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", n):
            keys.update(p for p in n.split(".") if len(p) >= shortest and p not in _DOMAIN_WORDS)
    keys.discard("")
    return keys


# Words of a site's own page title around its name ("World news - RT International",
# "NPR Search : NPR", "ABC News"): with the name, they say nothing of any event.
_SITE_TITLE_WORDS = frozenset(
    re.findall(
        r"\w+",
        """news world international search home homepage online latest breaking headlines
        official site website page the and of top stories live video videos watch today
        daily index front politics business sport sports tech technology science
        entertainment opinion tv radio network channel media magazine edition""",
    )
)


def names_only_site(title: str, outlet: str, url: str) -> bool:
    """Whether a page's title names its site and nothing else ("ABC News" on
    abcnews.go.com, "World news - RT International" on rt.com): a scraper got the site's
    own title instead of the article's. An empty title counts too."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    if not words:
        return True
    keys = _site_keys(outlet, url, shortest=2)
    joined = "".join(words)
    if not (keys & set(words) or any(len(k) >= 5 and k in joined for k in keys)):
        return False
    # what is left once the site's name ("abc" + "news" of "abcnews") and the
    # generic words of a site title are taken away
    rest = [
        w
        for w in words
        if w not in _SITE_TITLE_WORDS and not any(w in k for k in keys if len(w) >= 2)
    ]
    return not rest


# ids (five digits or more: "40" and "2023" are words) and hashes
_ID_PART = re.compile(r"\d{5,}|(?=(?:[a-z]*\d){2})[a-z\d]{8,}")


def url_headline(url: str) -> str:
    """The words of the URL's slug ("/russian-space-experts-regain-control-1st-angola-
    satellite-52044233" -> "russian space experts regain control 1st angola satellite"):
    the longest path segment of three or more words, with numeric ids (five digits or
    more, or a number that ends the segment) and hashes left out and a file ending
    (".html") dropped. ``""`` when there is none."""
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return ""
    best: list[str] = []
    for segment in path.split("/"):
        segment = re.sub(r"\.[A-Za-z]{2,5}$", "", segment)
        words = [
            w for w in re.split(r"[-_+\s]+", segment) if w and not _ID_PART.fullmatch(w.lower())
        ]
        while words and words[-1].isdigit():
            del words[-1]  # a trailing number is the page's id ("...-years-5512")
        if len(words) >= 3 and len(words) > len(best):
            best = words
    return " ".join(best)


def display_title(title: str, outlet: str, url: str, text: str = "") -> str:
    """The headline to show for a page: its title, or when that names only its site
    (:func:`names_only_site`) the words of its URL's slug, first letter capitalised
    ("ABC News" -> "Russian space experts regain control 1st Angola satellite"). A slug
    word that ``text`` writes with a capital inside its sentences (a name) keeps it."""
    if not (url and names_only_site(title, outlet, url)):
        return title
    slug = url_headline(url)
    if not slug:
        return title
    words = [_cased(w, text) for w in slug.split()]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def _cased(word: str, text: str) -> str:
    """``word`` as ``text`` writes it after another word (not at a sentence start)."""
    forms = Counter(
        m.group(1) for m in re.finditer(rf"(?<=[a-z,;] )({re.escape(word)})\b", text, re.I)
    )
    return forms.most_common(1)[0][0] if forms else word


def dateline_length(text: str) -> int:
    """Length of the dateline opening ``text`` ("LONDON (AP) – "), 0 when there is none."""
    for pat in (_DATELINE, _DATELINE_TRAILING, _DATELINE_GENERIC):
        m = pat.match(text)
        if m:
            end = m.end()
            while end < len(text) and text[end] in " \t–—-":
                end += 1
            return end
    return 0


# A dateline of a place alone: "LONDON — ", "SAN JOSE, Costa Rica — ", "LAKE FOREST, Ill. — "
_PLACE_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Za-z.]+)?)?\s[-–—]{1,2}\s+"
    r"(?=[A-Z“\"‘'0-9])"
)


def without_dateline(text: str) -> str:
    """``text`` without the dateline that opens it, with an outlet ("LONDON (AP) – ") or
    without ("LONDON — "): how a summary, a claim list and an untitled story's title show
    a lead. What is left is still the article's own words."""
    n = dateline_length(text)
    if not n:
        m = _PLACE_DATELINE.match(text)
        n = m.end() if m else 0
    return text[n:]


def outlet_from_text(text: str) -> tuple[str, str]:
    """``(outlet, how)`` from a dateline or a credit in ``text``; ``("", "")`` if none."""
    head = text[:800]
    # the dateline opens the story, possibly after a headline or a byline line
    starts = [0, *[m.end() for m in re.finditer(r"\n\s*", head)][:4]]
    for start in starts:
        for pat in (_DATELINE, _DATELINE_TRAILING):
            m = pat.match(head, start)
            if m:
                return AGENCIES[m.group(1)], "dateline"
        m = _DATELINE_GENERIC.match(head, start)
        if m:
            return AGENCIES.get(m.group(1), m.group(1)), "dateline"
    first_par = head.split("\n", 1)[0]
    m = re.search(r"\((" + _NAMES + r")\)\s*" + _DASH, first_par)
    if m:
        return AGENCIES[m.group(1)], "dateline"
    counts: dict[str, int] = {}
    for m in _PAREN.finditer(text):
        name = AGENCIES[m.group(1)]
        counts[name] = counts.get(name, 0) + 1
    m = _TAIL.search(text.rstrip()[-80:])
    if m:
        name = AGENCIES[m.group(1)]
        counts[name] = counts.get(name, 0) + 2
    if counts:
        best = max(counts.items(), key=lambda kv: kv[1])
        return best[0], "credit"
    return "", ""


def infer_outlet(text: str, site_name: str = "", url: str = "") -> tuple[str, str]:
    """``(outlet, inferred_from)`` for an article whose metadata names no outlet.

    ``inferred_from`` is one of ``dateline``, ``credit``, ``site_name``, ``domain``,
    ``unknown`` (see the module docstring for the order).
    """
    if site_name.strip():
        # the page's own name beats a dateline: a site republishing a wire story
        # ("PORT ELLIS (Harbor Wire) –") is still the outlet the reader saw
        return normalize_outlet(site_name), "site_name"
    name, how = outlet_from_text(text)
    if name:
        return name, how
    domain = outlet_from_url(url)
    if domain:
        return domain, "domain"
    return "", "unknown"
