"""Date expressions in news text, resolved to ISO dates at their precision.

Pure rules, English only. What is recognised:

- absolute dates: ``2023-01-11``, ``Jan. 11, 2023``, ``11 January 2023``, ``May 2023``;
- dates without a year: ``March 3``, ``11 January``, ``in May``, ``last February``;
- years after a preposition: ``in 1902``, ``by 2035``, ``since 2020``;
- relative expressions: weekdays (``Wednesday``, ``on Tuesday``, ``last Friday``),
  ``yesterday``/``tomorrow``/``tonight`` (not ``today``, which mostly means "nowadays"), ``last``/``this``/``next`` ``week``/
  ``month``/``year``, and ``a year ago``/``three days ago``.

Everything but a fully explicit date needs a *reference* day (the publication date).
Without one the expression is not reported (a timeline entry must have a date).

Tense decides the direction of an incomplete date: in a clause with a future marker
("will", "is due to", "scheduled", "upcoming", "run-up to", "next", "by the end of" ...)
a weekday or a month is the next one on or after the reference day; otherwise the most
recent one on or before it, except the day right after the reference, which is that day
(not six days before: the publication date of an updated story, or of one written in
another time zone, is often a day behind its text). A month and day without a year
("March 6") are read the same way, except that one at most ``NEAR_AHEAD_DAYS`` ahead is
that coming day whatever the tense: "Qualcomm's March 6 shareholder meeting" in a
February article, "Jan. 4" in a late-December one (a day eleven months back would carry
its year; on the dev set all 33 such days had been put in the year before, wrongly).
"last"/"next" force the direction (and skip the reference day itself). A year told
relatively after a day or month is part of the expression ("on June 12 last year",
"in May of next year"); a month ahead of the reference "this year", told without a
future marker, is of the year before (an article written then, dated later).

Precision is ``year``, ``month``, ``day``, or ``time`` when a clock time stands next
to a resolved day ("at 3 p.m. on Tuesday" -> ``2024-03-12T15:00``). "last week" has no day: it is reported at
month precision when the whole week lies in one month, and dropped otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from .sentences import quoted_mask

__all__ = [
    "DateMention",
    "after_superlative",
    "calendar_days",
    "find_dates",
    "first_published",
    "reference_date",
    "url_date",
]

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
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
}

_FULL_MONTH = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
# Abbreviations need their full stop, or a day number right after ("Jan 11").
_MONTH = rf"(?:{_FULL_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?=\s+\d))"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_NOT_NUMBER = r"(?![\d,.]\d|\s*(?:%|percent|per cent))"
# "to", "and" or "for" before "May" too often precede a person (Theresa May) or a verb.
_PREP = r"(?i:in|since|by|until|till|from|during|through|throughout|before|after|of|around|early|late|mid-?|between|last|next|this)"

# A day of a month with or without its year ("January 8th", "8 January", "4th of July"),
# and the US numeric form ("01/13/23"): what :func:`calendar_days` reads.
_CALENDAR_DAY = re.compile(
    rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\b(?![\d,.]\d|:\d)"
    rf"|\b(?P<d2>{_DAY})\s+(?:of\s+)?(?P<mon2>{_MONTH})\b"
    r"|\b(?P<m3>\d{1,2})/(?P<d3>\d{1,2})/(?:\d{2}|\d{4})\b"
)


def calendar_days(text: str) -> set[tuple[int, int]]:
    """The ``(month, day)`` pairs ``text`` names, with or without a year, no reference
    day needed ("Wordle answer for Sunday, January 8th" -> ``{(1, 8)}``)."""
    out: set[tuple[int, int]] = set()
    for m in _CALENDAR_DAY.finditer(text):
        if m.group("m3"):
            month, day = int(m.group("m3")), int(m.group("d3"))
        else:
            name = m.group("mon") or m.group("mon2")
            month = _MONTHS.get(name.lower().rstrip("."), 0)
            day = int((m.group("d") or m.group("d2")).rstrip("stndrh"))  # "8th" -> 8
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.add((month, day))
    return out


# Order matters: earlier patterns win where matches overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "mdy",
        re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\b,?\s+(?P<y>{_YEAR})\b{_NOT_NUMBER}"),
    ),
    ("dmy", re.compile(rf"\b(?P<d>{_DAY})\s+(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR})\b{_NOT_NUMBER}")),
    ("my", re.compile(rf"\b(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR})\b{_NOT_NUMBER}")),
    # "on June 12 last year", "3 May this year", "in March of next year": the year is told
    # relative to the reference
    (
        "mdr",
        re.compile(
            rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\b\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b"
        ),
    ),
    (
        "dmr",
        re.compile(
            rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b"
        ),
    ),
    (
        "mr",
        re.compile(
            r"\b(?i:in|since|by|until|from|during|before|after|early|late)\s+"
            rf"(?P<mon>{_FULL_MONTH})\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b"
        ),
    ),
    ("md", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\b(?![\d,.]\d|:)")),
    ("dm", re.compile(rf"\b(?P<d>{_DAY})\s+(?P<mon>{_MONTH})\b")),
    (
        "m",
        re.compile(rf"\b(?P<rel>{_PREP})\s+(?P<mon>{_FULL_MONTH})\b(?!\s+\d)"),
    ),
    ("y", re.compile(rf"\b{_PREP}\s+(?P<y>{_YEAR})\b(?!-\d|–\d){_NOT_NUMBER}", re.IGNORECASE)),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<rel>last|next|this|on|early|late)\s+)?"
            r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!'s|’s)",
        ),
    ),
    # "today" is left out: in news prose it mostly means "nowadays" ("flying today").
    ("deixis", re.compile(r"\b(?P<word>yesterday|tomorrow|tonight)\b", re.IGNORECASE)),
    (
        "period",
        re.compile(
            r"\b(?:(?:earlier|later)\s+)?(?P<rel>last|next|this)\s+(?P<unit>week|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
            r"\s+(?P<unit>day|week|month|year)s?\s+ago\b",
            re.IGNORECASE,
        ),
    ),
]

# Something every pattern needs: a digit, a month, a weekday or a relative word.
_TRIGGER = re.compile(
    r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|tomorrow|tonight|week|month"
    r"|year",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|is due|are due|due to|scheduled|is set to|are set to|is to|are to|"
    r"plans? to|(?:is|are) planned|is expected to|are expected to|upcoming|run-up to|next|later this|"
    r"going to|intends? to|by the end)\b|'ll\b|’ll\b",
    re.IGNORECASE,
)
# Reported speech's future for a weekday: "Soto said authorities would begin identifying
# the remains ... Tuesday" (on the dev set all five such weekdays are the coming ones).
_REPORTED_FUTURE = re.compile(
    r"\b(?:said|says|told|announced|added)\b[^.;!?]{0,100}\bwould\b[^.;!?]{0,80}$", re.IGNORECASE
)
# "was scheduled to leave on Sunday", "Sunday's show was the festival's last scheduled
# show": a plan told in the past tense is in the past.
_PAST_PLAN = re.compile(
    r"\b(?:was|were|had been)\s+(?:[\w'’]+\s+){0,3}?(?:scheduled|due|set|expected|planned|going|to)\b",
    re.IGNORECASE,
)
# "regulators said on Thursday they will seek to disbar him": the day is when they spoke,
# whatever their words promise.
_SPOKE_ON = re.compile(
    r"\b(?:said|announced|told|confirmed|reported|revealed|stated|wrote|tweeted|added|warned"
    r"|declared|disclosed|unveiled|filed|ruled|voted|agreed|decided)\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
# The weekday written before a date: "Tuesday, April 18th".
_WEEKDAY_BEFORE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*$", re.IGNORECASE
)
# "By the end of March, sales had fallen": a deadline told in the past is past.
_PAST_DEADLINE = re.compile(r"\bby the end\b.*\b(?:had|was|were|did)\b", re.IGNORECASE)
# "Remembrance Sunday", "Black Friday": a name, not a day to resolve.
_HOLIDAY = re.compile(
    r"\b(?:Remembrance|Easter|Palm|Good|Black|Cyber|Super|Ash|Holy|Maundy|Bloody|Shrove|Whit"
    r"|Mothering|Giving|Fat)\s+$"
)
# "3 p.m.", "10:15 a.m.", "22:30", British "6.10am"; "noon" is left out (rare, and "noon
# Tuesday" reads fine). The hour is never the tail of another number ("6.10am" is not 10am).
_TIME = re.compile(
    r"(?<![\d.:])\b(?P<h>[01]?\d|2[0-3])"
    r"(?::(?P<m>[0-5]\d)|\.(?P<dm>[0-5]\d)(?=\s*[ap]\.?m\b))?"
    r"(?:\s*(?P<ampm>[ap]\.m\.|[ap]m\b))?",
    re.IGNORECASE,
)
_TIME_REACH = 30  # characters between a day and its time
_CLAUSE = re.compile(r"[,;:—–()]|\s-\s|\bthat\b|\bwhich\b|\bwhere\b|\bwhen\b")


_Day = date  # the field ``DateMention.date`` shadows the type inside the class


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression; offsets into the text given to :func:`find_dates`."""

    start: int
    end: int
    expression: str
    date: str  # ISO 8601 at its precision: 2023, 2023-05, 2023-05-17, 2023-05-17T15:00
    precision: str  # year|month|day|time
    first_day: _Day  # the first day of the period, for sorting

    @property
    def explicit_day(self) -> bool:
        """A day written in full with its year ("12 November 2017"), not a relative one."""
        return self.precision in ("day", "time") and bool(re.search(r"\d{4}", self.expression))


def _month_period(year: int, month: int) -> tuple[str, str, date]:
    return f"{year:04d}-{month:02d}", "month", date(year, month, 1)


def _day_period(d: date) -> tuple[str, str, date]:
    return d.isoformat(), "day", d


def _year_period(year: int) -> tuple[str, str, date]:
    return f"{year:04d}", "year", date(year, 1, 1)


def _clause(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``; the whole text when the clause is tiny."""
    lo = 0
    for m in _CLAUSE.finditer(text, 0, start):
        lo = m.end()
    hi_m = _CLAUSE.search(text, end)
    hi = hi_m.start() if hi_m else len(text)
    clause = text[lo:start] + " " + text[end:hi]
    if len(clause.split()) < 3:
        # The whole sentence, but not its quotation when the date is outside it: "On
        # Saturday, Jackson wrote: 'I will be performing'" is no future Saturday.
        mask = quoted_mask(text)
        if not any(mask) or mask[start]:
            return text
        return "".join(c for c, q in zip(text, mask, strict=True) if not q)
    return clause


def _months_before(ref: date, month: int, strict: bool) -> tuple[int, int]:
    year = ref.year if (month < ref.month or (month == ref.month and not strict)) else ref.year - 1
    return year, month


def _months_after(ref: date, month: int, strict: bool) -> tuple[int, int]:
    year = ref.year if (month > ref.month or (month == ref.month and not strict)) else ref.year + 1
    return year, month


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


NEAR_AHEAD_DAYS = 45  # a month-day this many days ahead is read as ahead, whatever the tense


def _resolve(
    kind: str, m: re.Match[str], ref: date | None, future: bool, weekday: int | None = None
) -> tuple[str, str, date] | None:
    g = m.groupdict()
    if kind in ("mdr", "dmr", "mr"):
        if ref is None:
            return None
        year = ref.year + {"last": -1, "this": 0, "next": 1}[g["yrel"]]
        month = _MONTHS[g["mon"].lower().rstrip(".")]
        if g["yrel"] == "this" and not future and month > ref.month:
            # "In July this year, youths clashed with police" in a January article: written
            # last year, the past July
            year -= 1
        if kind == "mr":
            return _month_period(year, month)
        d = _safe_date(year, month, int(re.sub(r"\D", "", g["d"])))
        return _day_period(d) if d else None
    if kind in ("iso", "mdy", "dmy"):
        month = int(g["m"]) if kind == "iso" else _MONTHS[g["mon"].lower().rstrip(".")]
        d = _safe_date(int(g["y"]), month, int(re.sub(r"\D", "", g["d"])))
        return _day_period(d) if d else None
    if kind == "my":
        return _month_period(int(g["y"]), _MONTHS[g["mon"].lower().rstrip(".")])
    if kind == "y":
        return _year_period(int(g["y"]))
    if ref is None:
        return None
    if kind in ("md", "dm"):
        month = _MONTHS[g["mon"].lower().rstrip(".")]
        day = int(re.sub(r"\D", "", g["d"]))
        years = [_safe_date(ref.year + k, month, day) for k in (-1, 0, 1)]
        options = [d for d in years if d is not None]
        if not options:
            return None
        # "until Tuesday, April 18th": the year in which that day is a Tuesday
        named = [d for d in options if weekday is not None and d.weekday() == weekday]
        if len(named) == 1:
            return _day_period(named[0])
        if future:
            chosen = min((d for d in options if d >= ref), default=None)
        else:
            # The past reading, unless the day is only weeks ahead: "Qualcomm's March 6
            # shareholder meeting" in a February article is next month's, not last year's,
            # and "Jan. 5" in a late-December one is next month's (a date eleven months
            # back would carry its year).
            chosen = max((d for d in options if (d - ref).days <= NEAR_AHEAD_DAYS), default=None)
        return _day_period(chosen) if chosen else None
    if kind == "m":
        month = _MONTHS[g["mon"].lower()]
        rel = g["rel"].lower()
        if rel == "last":
            return _month_period(*_months_before(ref, month, strict=True))
        if rel == "next":
            return _month_period(*_months_after(ref, month, strict=True))
        if rel == "this":
            return _month_period(ref.year, month)
        pick = _months_after if future else _months_before
        return _month_period(*pick(ref, month, strict=False))
    if kind == "weekday":
        wd = _WEEKDAYS[g["wd"].lower()]
        rel = (g["rel"] or "").lower()
        if rel == "last" or (rel != "next" and not future):
            back = (ref.weekday() - wd) % 7
            if rel == "last" and back == 0:
                back = 7
            if back == 6 and rel != "last":
                # The day after the reference, not six days before it: a story's date is
                # often its first version's, or another time zone's ("early Friday" in a
                # Nice report dated Thursday evening in New York).
                return _day_period(ref + timedelta(days=1))
            return _day_period(ref - timedelta(days=back))
        ahead = (wd - ref.weekday()) % 7
        if rel == "next" and ahead == 0:
            ahead = 7
        return _day_period(ref + timedelta(days=ahead))
    if kind == "deixis":
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["word"].lower()]
        return _day_period(ref + timedelta(days=shift))
    if kind == "period":
        step = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        unit = g["unit"].lower()
        if unit == "year":
            return _year_period(ref.year + step)
        if unit == "month":
            index = ref.year * 12 + ref.month - 1 + step
            return _month_period(index // 12, index % 12 + 1)
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        sunday = monday + timedelta(days=6)
        if monday.month != sunday.month:
            return None
        return _month_period(monday.year, monday.month)
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
        unit = g["unit"].lower()
        if unit == "year":
            return _year_period(ref.year - n)
        if unit == "month":
            index = ref.year * 12 + ref.month - 1 - n
            return _month_period(index // 12, index % 12 + 1)
        days = n * 7 if unit == "week" else n
        return _day_period(ref - timedelta(days=days))
    return None


def find_dates(text: str, reference: date | None) -> list[DateMention]:
    """Date expressions of ``text`` resolved against ``reference`` (None: explicit ones only)."""
    if not _TRIGGER.search(text):
        return []  # most sentences have no date: skip the dozen patterns
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < b and a < end for a, b in taken):
                continue
            if kind == "weekday" and (
                _names_a_date_after(text, end) or _HOLIDAY.search(text, 0, start)
            ):
                continue
            if kind == "y" and re.match(r"\s*(?:years?|people|times|km|miles)\b", text[end:]):
                continue
            clause = _clause(text, start, end)
            marker = _FUTURE.search(clause)
            if marker and marker.group().lower() == "by the end" and _PAST_DEADLINE.search(text):
                marker = None
            future = (
                marker is not None
                or (kind == "weekday" and _REPORTED_FUTURE.search(text, 0, start) is not None)
            ) and not _PAST_PLAN.search(clause)
            if future and kind == "weekday" and _SPOKE_ON.search(text, 0, start):
                future = False
            weekday = None
            if kind in ("md", "dm"):
                before = _WEEKDAY_BEFORE.search(text, max(0, start - 14), start)
                weekday = _WEEKDAYS[before.group(1).lower()] if before else None
            resolved = _resolve(kind, m, reference, future, weekday)
            taken.append((start, end))
            if resolved is None:
                continue
            iso, precision, first = resolved
            if precision == "day":
                start, end, iso, precision = _with_time(text, start, end, iso, taken)
            found.append(DateMention(start, end, text[start:end], iso, precision, first))
    found.sort(key=lambda d: d.start)
    return found


def _with_time(
    text: str, start: int, end: int, iso: str, taken: list[tuple[int, int]]
) -> tuple[int, int, str, str]:
    """Add a clock time written next to a day ("at 3 p.m. on Tuesday", "Tuesday at 10:15")."""
    for m in _TIME.finditer(text, max(0, start - _TIME_REACH), min(len(text), end + _TIME_REACH)):
        if m.start() < end and start < m.end():
            continue
        gap = text[m.end() : start] if m.end() <= start else text[end : m.start()]
        if not re.fullmatch(
            r"[\s,]*(?:on|at|around|about|shortly|before|after|by|from)?[\s,]*", gap
        ):
            continue
        hour = int(m.group("h"))
        minute = int(m.group("m") or m.group("dm") or 0)
        half = (m.group("ampm") or "").lower().replace(".", "")
        if half == "pm" and hour < 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        elif not half and not m.group("m"):
            continue  # "at 3" alone is not a time
        if hour > 23 or minute > 59:
            continue
        lo, hi = min(start, m.start()), max(end, m.end())
        taken.append((lo, hi))
        return lo, hi, f"{iso}T{hour:02d}:{minute:02d}", "time"
    return start, end, iso, "day"


def _names_a_date_after(text: str, end: int) -> bool:
    """``Wednesday, Jan. 11, 2023``: the weekday only repeats the date after it."""
    return bool(re.match(rf",?\s+(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})", text[end:]))


# "/2016/11/13/", "/2022-07-21/": the day a publisher put in an article's address
_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/-]|$)")
URL_DATE_SLACK_DAYS = 2


def naive_utc(t: datetime) -> datetime:
    """``t`` as a naive UTC time, so that times with and without a zone compare (a time
    without one is taken as UTC)."""
    return t.astimezone(UTC).replace(tzinfo=None) if t.tzinfo else t


def url_date(url: str) -> date | None:
    """The day a URL's path names ("https://example.com/2016/11/13/slug"), else None."""
    m = _URL_DAY.search(url.split("?", 1)[0].split("#", 1)[0])
    return _safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def first_published(published: datetime | None, url: str) -> datetime | None:
    """When an article was first published, as far as its metadata tell.

    Publishers put the day of first publication in many addresses ("/2016/11/13/...");
    a ``published`` time more than ``URL_DATE_SLACK_DAYS`` later is an update or the
    time a scraper saw the page (a Grand Prix report of 13 November 2016 dated March
    2017 in the dev set), so the URL's day (noon UTC) is used instead, and also when
    there is no ``published``. A URL day after ``published`` is left alone: magazines
    date addresses by their issue.
    """
    day = url_date(url) if url else None
    if day is None:
        return published
    if published is not None:
        own = published.date() if published.tzinfo is None else published.astimezone(UTC).date()
        if (own - day).days <= URL_DATE_SLACK_DAYS:
            return published
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def reference_date(
    published: datetime | None, text: str, stamps: Iterable[tuple[int, int]] = ()
) -> date | None:
    """The day relative dates count from: the publication date, else one found in the text.

    Without a publication date, the latest full date (day, month and year) written in
    the article's own time stamps (``stamps``: debris spans such as captions, embeds,
    datelines) is used, else the latest one in the whole text. A plain-text article
    seldom states its date otherwise, and captions and embeds are written on the day.
    """
    if published is not None:
        return published.date()
    for spans in (list(stamps), [(0, len(text))]):
        days = [day for a, b in spans for day in _full_dates(text[a:b])]
        if days:
            return max(days)
    return None


def _full_dates(text: str) -> list[date]:
    """Days written in full (day, month and year) in ``text``; cheaper than find_dates."""
    days = []
    for kind, pattern in _PATTERNS[:3]:  # iso, mdy, dmy
        for m in pattern.finditer(text):
            resolved = _resolve(kind, m, None, False)
            if resolved is not None:
                days.append(resolved[2])
    return days


_SUPERLATIVES = frozenset({"first", "most", "worst", "best"})


def after_superlative(text: str, pos: int, words: int = 6) -> bool:
    """Whether a superlative stands in the ``words`` words before ``pos``: "the first
    strike since 2013", "the deadliest crash since 1992" name an earlier event, where a
    bare "since 2013" only starts a period."""
    before = text[max(0, pos - 60) : pos].lower().split()[-words:]
    return any(w in _SUPERLATIVES or w.endswith("est") for w in before)
