"""Render a report as text (terminal), Markdown, HTML (one self-contained page) or JSON.

Every format reads the same :class:`~newsweave.models.Report` and shows the same
sections in the same order: sources, summary, what the sources agree on, what only
some report, conflicts, quotes, entities, timeline, provenance. Sources are numbered
in the report's article order and cited as ``[1]``, ``[2]``; a reader always sees an
outlet name (or, without one, the file the article came from).

All article text is untrusted: the text renderer never interprets it as rich markup,
Markdown escapes its syntax characters, and HTML goes through Jinja2's autoescaping.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from .claims import STOPWORDS
from .dates import naive_utc
from .errors import NewsweaveError
from .models import Claim, CleanArticle, Conflict, ConflictValue, Evidence, Report
from .outlets import dateline_length, without_dateline
from .report import independent_groups, to_dict
from .sentences import split_sentences
from .summarize import changed_claims, disputed_claims

__all__ = ["FORMATS", "gist_title", "render", "shorten", "source_label"]

FORMATS = ("text", "markdown", "html", "json")

_KIND_LABEL = {
    "number": "number",
    "date": "date",
    "person": "person",
    "place": "place",
    "organisation": "organisation",
    "outcome": "outcome",
    "attribution": "who said it",
}


def render(report: Report, fmt: str = "text", *, color: bool = False) -> str:
    """The report in format ``fmt`` (one of ``FORMATS``).

    ``color`` only affects ``text``: ANSI colours for a terminal (pass
    ``sys.stdout.isatty()``); plain text otherwise.
    """
    if fmt == "json":
        return json.dumps(to_dict(report), ensure_ascii=False, indent=2)
    if fmt == "text":
        return _render_text(report, color=color)
    if fmt == "markdown":
        return _render_markdown(report)
    if fmt == "html":
        return _render_html(report)
    raise NewsweaveError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")


# ------------------------------------------------------------------- shared view


def source_label(article: CleanArticle) -> str:
    """What a reader calls an article's source: the outlet, else the origin file name, else the id."""
    art = article.article
    if art.outlet.strip():
        return art.outlet.strip()
    if art.origin:
        if "://" in art.origin:  # fetched from the web: the site says more than the path
            host = urlsplit(art.origin).hostname or ""
            return host.removeprefix("www.") or art.origin
        name = PurePath(art.origin.split("#", 1)[0]).name
        return name or art.origin
    return art.id


@dataclass(frozen=True)
class _Source:
    number: int
    id: str
    label: str
    title: str
    origin: str
    url: str
    published: str
    copy_of: str  # article id of the original, "" when independent
    similarity: float


def first_reported(
    published: Mapping[str, datetime | None], sources: Iterable[Iterable[str]]
) -> list[str]:
    """For each conflicting value (given by its sources), the earliest publication time
    among them ("2023-01-26 07:49", a date alone when no time is known; "" when none is
    dated), or [] when fewer than two values are dated or all are dated alike."""

    firsts: list[datetime | None] = []
    for ids in sources:
        times = [naive_utc(t) for t in (published.get(a) for a in ids) if t is not None]
        firsts.append(min(times, default=None))
    dated = [t for t in firsts if t is not None]
    # Times only when every dated value has one: "07:30" against a bare date says nothing.
    timed = all(t.hour or t.minute for t in dated)
    out = [
        "" if t is None else t.strftime("%Y-%m-%d %H:%M") if timed else t.date().isoformat()
        for t in firsts
    ]
    shown = [x for x in out if x]
    return out if len(shown) >= 2 and len(set(shown)) > 1 else []


class _View:
    """Numbers, names and groupings every renderer needs, computed once."""

    def __init__(self, report: Report) -> None:
        self.report = report
        copy_of = {c.article: c for c in report.copies}
        self.sources: list[_Source] = []
        for n, a in enumerate(report.articles, 1):
            art = a.article
            c = copy_of.get(art.id)
            self.sources.append(
                _Source(
                    number=n,
                    id=art.id,
                    label=source_label(a),
                    title=art.title,
                    origin=art.origin,
                    url=art.url,
                    published=art.published.date().isoformat() if art.published else "",
                    copy_of=c.copy_of if c else "",
                    similarity=c.similarity if c else 0.0,
                )
            )
        self.by_id = {s.id: s for s in self.sources}
        self.published = {a.article.id: a.article.published for a in report.articles}
        self.groups = independent_groups(report)
        self.shared = [c for c in report.claims if c.kind == "shared"]
        self.unique = [c for c in report.claims if c.kind != "shared"]
        self.disputed = disputed_claims((x.what, x.claims) for x in report.conflicts)
        self.changed = changed_claims((x.what, x.claims) for x in report.updates)

    def number(self, article_id: str) -> int:
        s = self.by_id.get(article_id)
        return s.number if s else 0

    def first_reported(self, values: Sequence[ConflictValue]) -> list[str]:
        """When each value was first published, or [] when that tells nothing (fewer
        than two values dated, or all the same): a count that rose through a morning
        ("four" at 07:49, "nine" from 09:15) reads differently from a disagreement."""
        return first_reported(self.published, (v.sources for v in values))

    def label(self, article_id: str) -> str:
        s = self.by_id.get(article_id)
        return s.label if s else article_id

    def ordered(self, ids: Iterable[str]) -> list[str]:
        """Known article ids, deduplicated, in source-number order."""
        return sorted({i for i in ids if i in self.by_id}, key=self.number)

    def cites(self, ids: Iterable[str]) -> str:
        return "".join(f"[{self.number(i)}]" for i in self.ordered(ids))

    def outlets(self, ids: Iterable[str]) -> str:
        """Outlet names, each once (two articles of one outlet are named once)."""
        names: list[str] = []
        for i in self.ordered(ids):
            if self.label(i) not in names:
                names.append(self.label(i))
        return ", ".join(names)

    def credits(self, quote: Any, esc: Callable[[str], str] = str) -> str:
        """Who each source credits a quotation to, when they differ: "credited to the
        British government by AP [1]; to Rishi Sunak by Kyodo [2]"; else "". ``esc``
        escapes the names (not the citations) for the output format."""
        parts = [
            f"to {esc(a.speaker)} by {esc(self.outlets(a.sources))} {self.cites(a.sources)}"
            for a in quote.attributions
        ]
        return f"credited {'; '.join(parts)}" if parts else ""

    def copy_lines(self) -> list[str]:
        return [
            f"{self.label(c.article)} [{self.number(c.article)}] republishes "
            f"{self.label(c.copy_of)} [{self.number(c.copy_of)}] ({c.similarity:.0%} the same)"
            for c in self.report.copies
        ]

    def unique_groups(self) -> list[tuple[list[str], list[Claim]]]:
        """Unique claims grouped by the articles carrying them, in source order."""
        groups: dict[tuple[str, ...], list[Claim]] = {}
        for c in self.unique:
            groups.setdefault(tuple(self.ordered(c.sources)), []).append(c)
        return sorted(
            ((list(k), v) for k, v in groups.items()),
            key=lambda kv: [self.number(i) for i in kv[0]],
        )

    def quote_groups(self) -> list[tuple[str, list[Any]]]:
        groups: dict[str, list[Any]] = {}
        for q in self.report.quotes:
            groups.setdefault(q.speaker or "Unattributed", []).append(q)
        # the most quoted speaker first; unattributed quotes last
        return sorted(groups.items(), key=lambda kv: (kv[0] == "Unattributed", -len(kv[1])))

    def entities(self) -> list[Any]:
        return sorted(
            self.report.entities, key=lambda e: (-len(set(e.sources)), -e.mentions, e.name)
        )

    def timeline(self) -> list[Any]:
        return sorted(self.report.timeline, key=lambda t: t.date)

    def headline_counts(self) -> str:
        n, k = len(self.report.articles), len(self.groups)
        return (
            f"{n} article{'s' if n != 1 else ''} · "
            f"{k} independent source{'s' if k != 1 else ''} · "
            f"{len(self.shared)} shared and {len(self.unique)} unique claims · "
            f"{len(self.report.conflicts)} conflict{'s' if len(self.report.conflicts) != 1 else ''}"
        )

    def components(self) -> str:
        return ", ".join(f"{c.name} {c.version}" for c in self.report.provenance.components)


def _distinct_evidence(evidence: Sequence[Evidence]) -> list[Evidence]:
    """One evidence per article and text (copies often carry the same sentence)."""
    seen: set[tuple[str, str]] = set()
    out: list[Evidence] = []
    for e in evidence:
        key = (e.article, e.text)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_QUOTE_MARKS = "\"“‘'«„"


def _quoted(text: str) -> str:
    """Evidence in quotation marks, unless the span already starts with one."""
    line = _one_line(text)
    return line if line[:1] in _QUOTE_MARKS else f"“{line}”"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word with an ellipsis when longer than ``limit``."""
    line = _one_line(text)
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ") + "…"


def lead_title(text: str, limit: int = 110) -> str:
    """A title for an article that has none: its first sentence (as the sentence splitter
    finds it, "U.S." and "Mr." whole), without the dateline ("LONDON (AP) – "), cut at a
    word when longer than ``limit`` ("" for no text)."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = line[dateline_length(line) :]
    spans = split_sentences(line)
    return shorten(line[spans[0][0] : spans[0][1]] if spans else line, limit)


_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]+|\d+")


def gist_title(titles: Sequence[str], context: Sequence[str] = ()) -> str:
    """The headline that best names a story ("" when there is none).

    It is the one whose words the other headlines (and ``context``, such as the
    articles' first sentences) use most, per word: a site's junk title ("NPR Search :
    NPR") or a one-off angle loses to the common gist; ties go to the shorter one.
    """
    sample = [t for t in titles if t.strip()][:50]
    if not sample:
        return ""

    def words(text: str) -> set[str]:
        return {w.lower() for w in _TITLE_WORD.findall(text)} - STOPWORDS

    own = [words(t) for t in sample]
    df: Counter[str] = Counter(w for ws in own for w in ws)
    df.update(w for c in context[:50] for w in words(c))

    def score(i: int) -> float:
        return sum(df[w] - 1 for w in own[i]) / math.sqrt(1 + len(own[i]))

    return sample[min(range(len(sample)), key=lambda i: (-score(i), len(sample[i]), i))]


def _title(report: Report, limit: int = 110) -> str:
    """The story title on one line, cut at a word with an ellipsis when it is a long sentence."""
    return shorten(report.title, limit)


# ------------------------------------------------------------------- text (rich)

# A terminal report stays readable on a 300-claim story: the long tails are cut (with a
# line saying how many more); Markdown, HTML and JSON always carry everything.
TEXT_LIMITS = {"unique_per_source": 10, "quotes": 30, "entities": 20, "timeline": 40}


def _render_text(report: Report, *, color: bool) -> str:
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    view = _View(report)
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=100,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,  # article text is untrusted: "[red]" stays "[red]"
    )

    def heading(name: str, count: int | None = None) -> None:
        console.print()
        suffix = f" ({count})" if count is not None else ""
        console.print(Text(name + suffix, style="bold cyan"))

    def item(marker: str, body: Text, indent: int = 2, marker_style: str = "") -> None:
        """One list item whose wrapped lines hang under its first word."""
        # wrapping by hand: a rich Table per item is ~10x slower on a 300-claim story
        width = max(1, cell_len(marker))
        out = Text()
        for i, line in enumerate(body.wrap(console, console.width - indent - width - 1)):
            out.append(" " * indent)
            out.append(
                marker.ljust(width) if i == 0 else " " * width, style=marker_style if i == 0 else ""
            )
            out.append(" ")
            out.append_text(line)
            out.append("\n")
        console.print(out, end="", soft_wrap=True)

    def more(hidden: int, indent: int = 4) -> None:
        if hidden > 0:
            console.print(
                Text(
                    " " * indent
                    + f"… and {hidden} more (--format markdown or html lists them all)",
                    style="dim italic",
                )
            )

    def cited(text: str, ids: Iterable[str] = (), style: str = "") -> Text:
        t = Text(_one_line(text), style=style)
        cites = view.cites(ids)
        if cites:
            t.append(" " + cites, style="dim")
        return t

    def note(text: str) -> None:
        console.print(Text("  " + text, style="dim italic"))

    console.print(Text(_title(report) or "(untitled story)", style="bold"))
    console.print(Text(view.headline_counts(), style="dim"))
    console.print(Text("Sources: " + view.outlets(s.id for s in view.sources)))
    for line in view.copy_lines():
        console.print(Text("Copies: " + line, style="dim"))

    heading("SOURCES")
    for s in view.sources:
        t = Text(s.label, style="bold")
        if s.title:
            t.append(" — " + _one_line(s.title))
        extra = [x for x in (s.published, s.origin or s.url) if x]
        if extra:
            t.append(f" ({', '.join(extra)})", style="dim")
        if s.copy_of:
            t.append(f"  copy of [{view.number(s.copy_of)}]", style="yellow")
        item(f"[{s.number}]", t, marker_style="bold")

    heading("SUMMARY")
    if not report.summary:
        note("no summary: nothing the sources state could be summarised")
    marks = {
        "agreement": ("✓", "green"),
        "unique": ("◆", "yellow"),
        "conflict": ("⚠", "red"),
        "update": ("↻", "cyan"),
    }
    for ss in report.summary:
        mark, style = marks.get(ss.kind, ("•", ""))
        item(mark, cited(ss.text, ss.sources), marker_style=style)

    heading("WHAT THE SOURCES AGREE ON", len(view.shared))
    if not view.shared:
        note("no claim is reported by more than one independent source")
    for c in view.shared:
        t = cited(without_dateline(c.text), c.sources)
        t.append(
            f"\n{view.outlets(c.sources)} — {c.independent_sources} independent "
            f"source{'s' if c.independent_sources != 1 else ''}",
            style="green",
        )
        for line in view.disputed.get(c.id, []):
            t.append(f"\n⚠ {line} (see CONFLICTS)", style="red")
        for line in view.changed.get(c.id, []):
            t.append(f"\n↻ {line} (see CHANGED BETWEEN REPORTS)", style="yellow")
        item("•", t)

    heading("ONLY SOME SOURCES", len(view.unique))
    if not view.unique:
        note("every claim is reported by several independent sources")
    for ids, claims in view.unique_groups():
        console.print(Text(f"  {view.outlets(ids)} {view.cites(ids)} only:", style="bold yellow"))
        for c in claims[: TEXT_LIMITS["unique_per_source"]]:
            item("–", cited(without_dateline(c.text)), indent=4)
        more(len(claims) - TEXT_LIMITS["unique_per_source"])

    heading("CONFLICTS", len(report.conflicts))
    if not report.conflicts:
        note("no conflicting values found")
    for cf in report.conflicts:
        head = Text(_one_line(cf.what), style="bold red")
        head.append(f"  ({_KIND_LABEL.get(cf.kind, cf.kind)})", style="dim")
        item("⚠", head, marker_style="bold red")
        table = Table(box=box.SIMPLE_HEAD, show_header=True, expand=True, padding=(0, 1))
        for v in cf.values:
            table.add_column(Text(_one_line(v.value), style="bold"), ratio=1)
        table.add_row(
            *[Text(f"{view.outlets(v.sources)} {view.cites(v.sources)}") for v in cf.values]
        )
        first = view.first_reported(cf.values)
        if first:
            table.add_row(*[Text(f"first reported {t}" if t else "", style="dim") for t in first])
        table.add_row(
            *[
                Text(
                    "\n".join(
                        f"{_quoted(e.text)} [{view.number(e.article)}]"
                        for e in _distinct_evidence(v.evidence)
                    ),
                    style="italic",
                )
                for v in cf.values
            ]
        )
        console.print(Padding(table, (0, 0, 0, 4)))

    if report.updates:
        heading("CHANGED BETWEEN REPORTS", len(report.updates))
        note("counts of a developing story, reported hours or days apart: not conflicts")
    for up in report.updates:
        head = Text(_one_line(up.what) + ": ", style="bold")
        head.append(" → ".join(_one_line(v.value) for v in up.values), style="bold")
        item("↻", head)
        first = view.first_reported(up.values) or [""] * len(up.values)
        for v, when in zip(up.values, first, strict=True):
            row = Text(f"{_one_line(v.value)}: {view.outlets(v.sources)} {view.cites(v.sources)}")
            if when:
                row.append(f"  first reported {when}", style="dim")
            item("–", row, indent=4)
            for e in _distinct_evidence(v.evidence):
                item(" ", cited(_quoted(e.text), [e.article], style="italic"), indent=6)

    heading("QUOTES", len(report.quotes))
    if not report.quotes:
        note("no direct quotations found")
    budget = TEXT_LIMITS["quotes"]
    for speaker, quotes in view.quote_groups():
        if budget <= 0:
            break
        console.print(Text(f"  {speaker}", style="bold"))
        for q in quotes[:budget]:
            t = Text(f"“{_one_line(q.text)}”", style="italic")
            t.append(
                f"\n— carried by {view.outlets(q.sources)} {view.cites(q.sources)}", style="dim"
            )
            if credits := view.credits(q):
                t.append(f"\n  {credits}", style="yellow")
            item("", t, indent=3)
        budget -= len(quotes)
    more(-budget, indent=2)

    heading("ENTITIES", len(report.entities))
    if not report.entities:
        note("no people, organisations or places recognised")
    else:
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
        table.add_column("name")
        table.add_column("type")
        table.add_column("in sources", justify="right")
        table.add_column("mentions", justify="right")
        table.add_column("also called")
        n = len(report.articles)
        for e in view.entities()[: TEXT_LIMITS["entities"]]:
            others = [v for v in e.variants if v != e.name]
            table.add_row(
                Text(e.name),
                Text(e.type),
                Text(f"{len(set(e.sources))} of {n}"),
                Text(str(e.mentions)),
                Text(", ".join(others)),
            )
        console.print(Padding(table, (0, 0, 0, 1)))
        more(len(report.entities) - TEXT_LIMITS["entities"], indent=2)

    heading("TIMELINE", len(report.timeline))
    if not report.timeline:
        note("no dated statements found")
    width = max((len(t.date) for t in report.timeline), default=0)
    for te in view.timeline()[: TEXT_LIMITS["timeline"]]:
        t = cited(te.text, te.sources)
        if te.expression:
            t.append(f"  (“{_one_line(te.expression)}”)", style="dim")
        item(te.date.ljust(width), t, marker_style="bold")
    more(len(report.timeline) - TEXT_LIMITS["timeline"], indent=2)

    if report.skipped:
        heading("SKIPPED INPUTS", len(report.skipped))
        for sk in report.skipped:
            item("!", Text(f"{sk.origin}: {sk.reason}"), marker_style="yellow")

    console.print()
    prov = report.provenance
    console.print(
        Text(
            f"newsweave {prov.newsweave_version} · {prov.created} · {view.components()}",
            style="dim",
        )
    )
    # rich pads table cells with spaces; trailing blanks are noise in a pasted report
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


# ---------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _md(text: str) -> str:
    """Inline text with Markdown syntax characters escaped (article text is untrusted)."""
    return _MD_SPECIAL.sub(r"\\\1", _one_line(text))


def _render_markdown(report: Report) -> str:
    view = _View(report)
    out: list[str] = []
    add = out.append

    def cites(ids: Iterable[str]) -> str:
        # "[1]" stays literal: the page defines no link references and text "[" is escaped
        return view.cites(ids)

    def quote_lines(evidence: Sequence[Evidence], indent: str = "  ") -> None:
        for e in _distinct_evidence(evidence):
            # two trailing spaces: a hard break, so each quote keeps its own line
            add(
                f"{indent}> {_md(_quoted(e.text))} — {_md(view.label(e.article))} {cites([e.article])}  "
            )

    add(f"# {_md(_title(report)) or 'Untitled story'}")
    add("")
    add(f"**{view.headline_counts()}**")
    add("")
    for line in view.copy_lines():
        add(f"*Copy:* {_md(line)}  ")
    if report.copies:
        add("")

    add("## Summary")
    add("")
    marks = {"agreement": "✓", "unique": "◆", "conflict": "⚠", "update": "↻"}
    for ss in report.summary:
        add(f"- {marks.get(ss.kind, '•')} {_md(ss.text)} {cites(ss.sources)}")
    if not report.summary:
        add("*No summary.*")
    add("")

    add(f"## What the sources agree on ({len(view.shared)})")
    add("")
    for c in view.shared:
        add(
            f"- **{_md(without_dateline(c.text))}** {cites(c.sources)}  \n"
            f"  {_md(view.outlets(c.sources))} — {c.independent_sources} independent "
            f"source{'s' if c.independent_sources != 1 else ''}"
            + "".join(f"  \n  ⚠ {_md(d)} (see conflicts)" for d in view.disputed.get(c.id, []))
            + "".join(f"  \n  ↻ {_md(d)} (see below)" for d in view.changed.get(c.id, []))
        )
        quote_lines(c.evidence)
    if not view.shared:
        add("*No claim is reported by more than one independent source.*")
    add("")

    add(f"## Only some sources ({len(view.unique)})")
    add("")
    for ids, claims in view.unique_groups():
        add(f"### {_md(view.outlets(ids))} {cites(ids)} only")
        add("")
        for c in claims:
            add(f"- {_md(without_dateline(c.text))}")
            if any(_one_line(e.text) != _one_line(c.text) for e in c.evidence):
                quote_lines(c.evidence)
        add("")
    if not view.unique:
        add("*Every claim is reported by several independent sources.*")
        add("")

    add(f"## Conflicts ({len(report.conflicts)})")
    add("")
    for cf in report.conflicts:
        add(f"### ⚠ {_md(cf.what)} *({_KIND_LABEL.get(cf.kind, cf.kind)})*")
        add("")
        add("| " + " | ".join(f"**{_md(v.value)}**" for v in cf.values) + " |")
        add("|" + "---|" * len(cf.values))
        add(
            "| "
            + " | ".join(f"{_md(view.outlets(v.sources))} {cites(v.sources)}" for v in cf.values)
            + " |"
        )
        first = view.first_reported(cf.values)
        if first:
            add("| " + " | ".join(f"first reported {t}" if t else "" for t in first) + " |")
        add("")
        for v in cf.values:
            add(f"- **{_md(v.value)}**:")
            quote_lines(v.evidence)
        add("")
    if not report.conflicts:
        add("*No conflicting values found.*")
        add("")
    if report.updates:
        add(f"## Changed between reports ({len(report.updates)})")
        add("")
        add("*Counts of a developing story, reported hours or days apart: not conflicts.*")
        add("")
    for up in report.updates:
        add(f"### ↻ {_md(up.what)}: " + " → ".join(f"**{_md(v.value)}**" for v in up.values))
        add("")
        first = view.first_reported(up.values) or [""] * len(up.values)
        for v, t in zip(up.values, first, strict=True):
            when = f", first reported {t}" if t else ""
            add(f"- **{_md(v.value)}**: {_md(view.outlets(v.sources))} {cites(v.sources)}{when}")
            quote_lines(v.evidence)
        add("")

    add(f"## Quotes ({len(report.quotes)})")
    add("")
    for speaker, quotes in view.quote_groups():
        add(f"**{_md(speaker)}**")
        add("")
        for q in quotes:
            credits = view.credits(q, _md)
            add(
                f"- “{_md(q.text)}” — {_md(view.outlets(q.sources))} {cites(q.sources)}"
                + (f" · {credits}" if credits else "")
            )
        add("")
    if not report.quotes:
        add("*No direct quotations found.*")
        add("")

    add(f"## Entities ({len(report.entities)})")
    add("")
    if report.entities:
        add("| name | type | sources | mentions | also called |")
        add("|---|---|---:|---:|---|")
        n = len(report.articles)
        for e in view.entities()[: TEXT_LIMITS["entities"]]:
            others = ", ".join(_md(v) for v in e.variants if v != e.name)
            add(
                f"| {_md(e.name)} | {e.type} | {len(set(e.sources))} of {n} | {e.mentions} | {others} |"
            )
    else:
        add("*No people, organisations or places recognised.*")
    add("")

    add(f"## Timeline ({len(report.timeline)})")
    add("")
    for te in view.timeline():
        expr = f" *(“{_md(te.expression)}”)*" if te.expression else ""
        add(f"- **{_md(te.date)}** {_md(te.text)} {cites(te.sources)}{expr}")
    if not report.timeline:
        add("*No dated statements found.*")
    add("")

    if report.skipped:
        add(f"## Skipped inputs ({len(report.skipped)})")
        add("")
        for sk in report.skipped:
            add(f"- {_md(sk.origin)}: {_md(sk.reason)}")
        add("")

    add("## Sources")
    add("")
    for s in view.sources:
        title = f" — *{_md(s.title)}*" if s.title else ""
        where = ", ".join(_md(x) for x in (s.published, s.origin) if x)
        link = f" <{s.url}>" if _safe_url(s.url) else ""
        copy = f" (copy of [{view.number(s.copy_of)}])" if s.copy_of else ""
        add(f"{s.number}. **{_md(s.label)}**{title}{f' ({where})' if where else ''}{link}{copy}")
    add("")
    prov = report.provenance
    add(
        f"<sub>newsweave {_md(prov.newsweave_version)} · {_md(prov.created)} · {_md(view.components())}</sub>"
    )
    return "\n".join(out) + "\n"


def _safe_url(url: str) -> bool:
    # only web links become links: a "javascript:" URL in untrusted metadata must stay text
    return bool(re.match(r"^https?://[^\s<>\"'`]+$", url))


# -------------------------------------------------------------------------- HTML


@cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsweave", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def _script_json(data: Any) -> Markup:
    """JSON safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _marked(text: str, needle: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_match) around the first case-insensitive ``needle``."""
    if needle:
        i = text.lower().find(needle.lower())
        if i >= 0:
            return [
                (text[:i], False),
                (text[i : i + len(needle)], True),
                (text[i + len(needle) :], False),
            ]
    return [(text, False)]


class _HtmlBuilder:
    """Turns the report into the plain dicts the template shows (escaping is Jinja's job)."""

    def __init__(self, report: Report) -> None:
        self.view = _View(report)
        self.report = report
        self.position = {a.article.id: i for i, a in enumerate(report.articles)}
        # sentence DOM ids use the article's position, never its (untrusted) id
        self.claims_of: dict[str, list[str]] = {}
        self.kind_of_claim = {c.id: c.kind for c in report.claims}
        for c in report.claims:
            for sid in self.sentence_ids(c.evidence):
                self.claims_of.setdefault(sid, []).append(c.id)
        self.conflict_sentences = {
            sid
            for cf in report.conflicts
            for v in cf.values
            for sid in self.sentence_ids(v.evidence)
        }

    def sentence_ids(self, evidence: Iterable[Evidence]) -> list[str]:
        out: list[str] = []
        for e in evidence:
            pos = self.position.get(e.article)
            if pos is None:
                continue
            for s in self.report.articles[pos].sentences:
                if _overlaps(s.start, s.end, e.start, e.end) or (
                    e.start == e.end and s.start <= e.start < s.end
                ):
                    sid = f"s{pos}-{s.index}"
                    if sid not in out:
                        out.append(sid)
        return out

    def cite(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        return [
            {"n": self.view.number(i), "label": self.view.label(i)} for i in self.view.ordered(ids)
        ]

    def evidence(self, evidence: Sequence[Evidence], mark: str = "") -> list[dict[str, Any]]:
        return [
            {
                "n": self.view.number(e.article),
                "label": self.view.label(e.article),
                "pieces": _marked(_one_line(e.text), _one_line(mark)),
                # a span that is itself a quotation gets no second pair of quote marks
                "quoted": e.text.lstrip()[:1] in _QUOTE_MARKS,
                "sents": " ".join(self.sentence_ids([e])),
            }
            for e in _distinct_evidence(evidence)
        ]

    def claim(self, c: Claim) -> dict[str, Any]:
        return {
            "id": c.id,
            "text": _one_line(without_dateline(c.text)),
            "kind": c.kind,
            "independent": c.independent_sources,
            "cites": self.cite(c.sources),
            "outlets": self.view.outlets(c.sources),
            "disputed": self.view.disputed.get(c.id, []),
            "changed": self.view.changed.get(c.id, []),
            "sents": " ".join(self.sentence_ids(c.evidence)),
            "evidence": self.evidence(c.evidence),
        }

    def article(self, pos: int, a: CleanArticle) -> dict[str, Any]:
        s = self.view.sources[pos]
        text = a.article.text
        marks: list[tuple[int, int, str, Any]] = [
            (x.start, x.end, "sentence", x) for x in a.sentences
        ] + [(d.start, d.end, "debris", d) for d in a.debris]
        marks.sort(key=lambda m: (m[0], m[1]))
        segments: list[dict[str, Any]] = []
        cursor = 0
        for start, end, kind, obj in marks:
            start = max(start, cursor)
            if end <= start:
                continue
            if start > cursor:
                segments.append({"kind": "text", "text": text[cursor:start]})
            if kind == "debris":
                segments.append({"kind": "debris", "text": text[start:end], "what": obj.kind})
            else:
                sid = f"s{pos}-{obj.index}"
                claims = self.claims_of.get(sid, [])
                kinds = {self.kind_of_claim[c] for c in claims}
                segments.append(
                    {
                        "kind": "sentence",
                        "text": text[start:end],
                        "sid": sid,
                        "claims": " ".join(claims),
                        "cls": " ".join(
                            x
                            for x, on in (
                                ("shared", "shared" in kinds),
                                ("unique", bool(kinds) and "shared" not in kinds),
                                ("conflict", sid in self.conflict_sentences),
                            )
                            if on
                        ),
                    }
                )
            cursor = end
        if cursor < len(text):
            segments.append({"kind": "text", "text": text[cursor:]})
        copy_of = self.view.by_id.get(s.copy_of)
        return {
            "n": s.number,
            "label": s.label,
            "title": _one_line(s.title),
            "url": s.url if _safe_url(s.url) else "",
            "origin": s.origin,
            "published": s.published,
            "copy_of": {"n": copy_of.number, "label": copy_of.label} if copy_of else None,
            "similarity": f"{s.similarity:.0%}",
            "segments": segments,
            "unique_count": sum(
                1 for seg in segments if seg["kind"] == "sentence" and "unique" in seg["cls"]
            ),
            "debris_count": len(a.debris),
        }

    def value_card(self, cf: Conflict) -> dict[str, Any]:
        """A conflict or an update: its values, each with its sources and evidence."""
        view = self.view
        return {
            "id": cf.id,
            "what": _one_line(cf.what),
            "kind": _KIND_LABEL.get(cf.kind, cf.kind),
            "sents": " ".join(self.sentence_ids(e for v in cf.values for e in v.evidence)),
            "options": [
                {
                    "value": _one_line(v.value),
                    "cites": self.cite(v.sources),
                    "outlets": view.outlets(v.sources),
                    "first": first,
                    "sents": " ".join(self.sentence_ids(v.evidence)),
                    "evidence": self.evidence(v.evidence, mark=v.value),
                }
                for v, first in zip(
                    cf.values,
                    view.first_reported(cf.values) or [""] * len(cf.values),
                    strict=True,
                )
            ],
        }

    def context(self) -> dict[str, Any]:
        view, report = self.view, self.report
        summary = [
            {
                "text": _one_line(ss.text),
                "kind": ss.kind,
                "claim": ss.claim,
                "cites": self.cite(ss.sources),
                "sents": " ".join(self.sentence_ids(ss.evidence)),
            }
            for ss in report.summary
        ]
        conflicts = [self.value_card(cf) for cf in report.conflicts]
        updates = [self.value_card(up) for up in report.updates]
        quotes = [
            {
                "speaker": speaker,
                "quotes": [
                    {
                        "text": _one_line(q.text),
                        "cites": self.cite(q.sources),
                        "outlets": view.outlets(q.sources),
                        "credits": view.credits(q),
                        "sents": " ".join(self.sentence_ids(q.evidence)),
                    }
                    for q in qs
                ],
            }
            for speaker, qs in view.quote_groups()
        ]
        n = len(report.articles)
        entities = [
            {
                "name": e.name,
                "type": e.type,
                "variants": [v for v in e.variants if v != e.name],
                "mentions": e.mentions,
                "count": len(set(e.sources)),
                "share": round(100 * len(set(e.sources)) / n) if n else 0,
                "cites": self.cite(e.sources),
                "sents": " ".join(self.sentence_ids(e.evidence)),
            }
            for e in view.entities()
        ]
        timeline = [
            {
                "date": t.date,
                "precision": t.precision,
                "expression": _one_line(t.expression),
                "text": _one_line(t.text),
                "cites": self.cite(t.sources),
                "sents": " ".join(self.sentence_ids(t.evidence)),
            }
            for t in view.timeline()
        ]
        unique_groups = [
            {
                "outlets": view.outlets(ids),
                "cites": self.cite(ids),
                "claims": [self.claim(c) for c in claims],
            }
            for ids, claims in view.unique_groups()
        ]
        prov = report.provenance
        return {
            "title": _title(report) or "Untitled story",
            "counts": view.headline_counts(),
            "n_articles": n,
            "n_independent": len(view.groups),
            "sources": [
                {
                    "n": s.number,
                    "label": s.label,
                    "title": _one_line(s.title),
                    "url": s.url if _safe_url(s.url) else "",
                    "origin": s.origin,
                    "published": s.published,
                    "copy_of": view.number(s.copy_of) if s.copy_of else 0,
                }
                for s in view.sources
            ],
            "copies": view.copy_lines(),
            "summary": summary,
            "shared": [self.claim(c) for c in view.shared],
            "n_unique": len(view.unique),
            "unique_groups": unique_groups,
            "conflicts": conflicts,
            "updates": updates,
            "quotes": quotes,
            "n_quotes": len(report.quotes),
            "entities": entities,
            "timeline": timeline,
            "articles": [self.article(i, a) for i, a in enumerate(report.articles)],
            "skipped": [{"origin": s.origin, "reason": s.reason} for s in report.skipped],
            "provenance": {
                "version": prov.newsweave_version,
                "created": prov.created,
                "components": [{"name": c.name, "version": c.version} for c in prov.components],
                "settings": json.dumps(prov.settings, ensure_ascii=False, indent=1, sort_keys=True),
            },
            "report_json": _script_json(to_dict(report)),
        }


def _render_html(report: Report) -> str:
    template = _environment().get_template("report.html")
    html: str = template.render(**_HtmlBuilder(report).context())
    return html
