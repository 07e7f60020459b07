"""Ingest: read articles from text, JSON/JSONL, HTML and RSS/Atom inputs.

One input (a file's bytes, an upload, a fetched page or feed) goes through
:func:`parse_bytes`; :func:`load_articles` reads files and walks folders. Bad input never
raises: each unusable input or record becomes one :class:`~newsweave.models.Skipped`
line (origin and reason) and the rest of the batch goes on.

Choices where the task left room (see also docs):

* **Formats** are sniffed from the content first, the extension and content type only
  break ties: ``{``/``[`` is JSON (one record, a list, or ``{"articles": [...]}``), one
  JSON object per line is JSONL (``.gz`` inputs are unpacked first), ``<rss``/``<feed``/
  ``<rdf:RDF`` is a feed, other markup is an HTML page, anything else is plain text.
* **Text of a record**: the ``text``/``content``/``body``/``article`` field as is (HTML
  markup in it is converted to text). A record without body text but with a title
  and/or description (feed entries, the RSS stream) becomes an article whose text is
  the title and the description on separate lines, so that it can still be clustered
  into stories; its ``description`` field keeps the description.
* **Encodings**: UTF-8 (with or without BOM), UTF-16/32 with a BOM; otherwise cp1252,
  only when every byte decodes and the result looks like text (few control
  characters). Anything else is skipped as undecodable or binary.
* **Dates** become timezone-aware UTC datetimes; a date without a zone is taken as UTC.
* **Ids**: the normalised URL (:func:`normalize_url`) when there is one, else the
  record's own ``id``, else a hash of origin and text.
* **Language**: a record's ``language`` field when present, else a stop-word count
  (:func:`guess_language`); articles in languages outside ``settings.languages`` are
  skipped. Short texts whose language cannot be told are kept.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .language import guess_language
from .models import Article, Skipped
from .outlets import infer_outlet, normalize_outlet, without_site_suffix
from .settings import Settings

__all__ = [
    "IngestResult",
    "guess_language",
    "html_to_text",
    "load_articles",
    "normalize_url",
    "parse_bytes",
    "parse_date",
]


@dataclass
class IngestResult:
    """Articles read from one or more inputs, and the inputs or records skipped."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def extend(self, other: IngestResult) -> None:
        self.articles.extend(other.articles)
        self.skipped.extend(other.skipped)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


class _Skip(Exception):
    """Internal: this input or record is skipped for ``reason``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------- URLs

_TRACKING_PREFIXES = ("utm_", "at_", "mc_", "pk_", "hsa_", "_hs")
_TRACKING = _wordset(
    """fbclid gclid dclid gbraid wbraid msclkid yclid twclid igshid mkt_tok _ga _gl ocid
    cmpid cmp smid smtyp srcref icid ncid rss_source spm share_id ref_src s_cid wt.mc_id"""
)


def normalize_url(url: str) -> str:
    """A canonical form of ``url`` used as a stable article id.

    Lower-cases scheme and host, uses ``https``, drops ``www.``, default ports, the
    fragment, tracking parameters (``utm_*``, ``at_medium``, ``at_campaign``,
    ``fbclid``, ``gclid``...) and a trailing slash. Returns ``""`` for anything that
    is not an http(s) URL.
    """
    url = url.strip()
    if not url:
        return ""
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return ""
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if port and port not in {80, 443}:
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not (k.lower() in _TRACKING or k.lower().startswith(_TRACKING_PREFIXES))
    ]
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, urlencode(query, doseq=True), ""))


# -------------------------------------------------------------------------- dates

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}$")
_SLASH_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})$")
_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y%m%dT%H%M%S%z",
)


def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def parse_date(value: Any) -> datetime | None:
    """A timezone-aware UTC datetime from common date forms, else ``None``.

    Accepts ISO 8601 (with or without zone, fractional seconds, ``Z``, a space for
    ``T``, date only), RFC 2822 (``Wed, 11 Jan 2023 10:00:00 +0000``), "January 11,
    2023", epoch seconds or milliseconds, ``datetime``/``date`` objects and
    ``time.struct_time``. A value without a zone is taken as UTC.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = float(value) / (1000.0 if value > 1e11 else 1.0)
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if hasattr(value, "tm_year"):  # time.struct_time from feedparser (UTC)
        try:
            y, mo, d, h, mi, sec = tuple(value)[:6]
            return datetime(y, mo, d, h, mi, min(sec, 59), tzinfo=UTC)
        except (TypeError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    if s.isdigit() and len(s) >= 9:
        return parse_date(int(s))
    iso = s[:-1] + "+00:00" if s.endswith(("Z", "z")) else s
    try:
        return _utc(datetime.fromisoformat(iso))
    except ValueError:
        pass
    m = _SLASH_DATE.match(s)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC)
        except ValueError:
            return None
    try:
        return _utc(parsedate_to_datetime(s))
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", s).replace(".", "")
    for fmt in _FORMATS:
        try:
            return _utc(datetime.strptime(cleaned, fmt))
        except ValueError:
            continue
    return None


def _language_code(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return value.strip().lower().replace("_", "-").split("-")[0]


# ---------------------------------------------------------------------- HTML text

_BLOCK_TAGS = _wordset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header "
    "footer figure figcaption pre hr dd dt"
)
_SKIP_TAGS = _wordset("script style noscript template svg head")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed content, a JSON body with markup).

    Block elements become paragraph breaks, entities are decoded, scripts dropped.
    """
    parser = _TextParser()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # html.parser is lenient; a failure here means garbage in
        return unescape(re.sub(r"<[^>]+>", " ", fragment)).strip()
    raw = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    return "\n\n".join(line for line in lines if line)


_LOOKS_HTML = re.compile(r"<(?:p|br|div|a\s|span|em|strong|img|li|h[1-6])\b[^>]*>", re.I)
# An HTML character reference in a record's field ("North Korea&#039;s leader",
# "Sunday&#8217;s game", "AT&amp;T"): the field is escaped HTML, even without tags.
_ENTITY = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")


# ----------------------------------------------------------------------- decoding


def _decode(data: bytes) -> str:
    """Text of ``data``; raises :class:`_Skip` for binary or undecodable input."""
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise _Skip(f"cannot decode as {enc.upper()} despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise _Skip("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _Skip(
                f"cannot decode: not UTF-8 (bad byte at {exc.start}) nor cp1252 text"
            ) from None
        if not _looks_like_text(text, strict=True):
            raise _Skip("binary or undecodable: not UTF-8, and not plausible cp1252 text") from None
        return text
    if not _looks_like_text(text, strict=False):
        raise _Skip("binary file (mostly control characters), not text")
    return text


def _looks_like_text(text: str, strict: bool) -> bool:
    sample = text[:20000]
    if not sample:
        return True
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    if control > 0.01 * len(sample):
        return False
    if strict:
        # cp1252 decodes almost any bytes; real Western text is mostly ASCII
        ascii_share = sum(1 for c in sample if ord(c) < 128) / len(sample)
        return ascii_share > 0.85
    return True


# ------------------------------------------------------------------------ records

_TITLE = ("title", "headline", "name")
_TEXT = ("text", "content", "body", "article", "maintext", "full_text", "articleBody", "story")
_DESCRIPTION = ("description", "summary", "abstract", "lead", "teaser", "subtitle", "snippet")
_URL = ("url", "link", "canonical_url", "web_url", "href", "permalink")
_OUTLET = (
    "outlet",
    "source",
    "site_name",
    "sitename",
    "publisher",
    "source_domain",
    "domain",
    "source_name",
    "feed_title",
)
_DATE = (
    "published",
    "date",
    "date_publish",
    "pubDate",
    "publishedAt",
    "published_at",
    "datePublished",
    "date_published",
    "pub_date",
    "publish_date",
    "created_at",
    "date_modify",
    "updated",
    "time",
    "timestamp",
)
_LANG = ("language", "lang", "locale")
_ID = ("id", "_id", "guid", "uid", "article_id")
_LIST_KEYS = ("articles", "items", "entries", "records", "data", "results", "docs", "stories")


def _first_str(rec: Mapping[str, Any], keys: Sequence[str]) -> str:
    for key in keys:
        value = rec.get(key)
        if isinstance(value, Mapping):
            value = (
                value.get("main") or value.get("name") or value.get("title") or value.get("value")
            )
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = "\n\n".join(value)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _outlet_field(rec: Mapping[str, Any]) -> str:
    for key in _OUTLET:
        value = rec.get(key)
        if isinstance(value, Mapping):
            value = (
                value.get("name") or value.get("title") or value.get("domain") or value.get("id")
            )
        if isinstance(value, str) and value.strip():
            return normalize_outlet(value)
    return ""


def _date_field(rec: Mapping[str, Any]) -> datetime | None:
    for key in _DATE:
        if key in rec:
            parsed = parse_date(rec[key])
            if parsed is not None:
                return parsed
    return None


def _article_id(url: str, own_id: str, origin: str, text: str) -> str:
    norm = normalize_url(url) if url else ""
    if norm:
        return norm
    if own_id:
        return own_id
    # the file name, not the whole path: the same file read from another folder or
    # working directory keeps its id
    base = re.split(r"[\\/]", origin)[-1]
    return hashlib.sha1((base + "\0" + text).encode()).hexdigest()[:16]


def _check_length(text: str, settings: Settings) -> None:
    """Raises :class:`_Skip` for a text too long to be one news article (a book, a dump)."""
    if why := settings.too_long(text):
        raise _Skip(why)


def _check_language(lang: str, text: str, settings: Settings) -> str:
    """The language to record; raises :class:`_Skip` when it is not wanted.

    The text's own language, when its stop words or script tell it, wins over the
    metadata: feeds declare one language for every item, and the January 2023 stream
    has a Polish business feed that declares "en-US" (2% of its English-declared
    entries). The metadata decides when the text is too short or too mixed to tell.
    """
    wanted = {_language_code(x) for x in settings.languages}
    declared = _language_code(lang)
    guessed = guess_language(text, sure=bool(declared))
    code = guessed or declared
    if code and wanted and code not in wanted:
        if not guessed:
            how = ""
        elif declared and declared != guessed:
            how = f" (guessed from its text; its metadata says {lang.strip()!r})"
        else:
            how = " (guessed from its text)"
        raise _Skip(
            f"language {code!r}{how} is not in settings.languages ({', '.join(sorted(wanted))})"
        )
    return code


def _record_article(
    rec: Mapping[str, Any], origin: str, settings: Settings, *, html_site: str = ""
) -> Article:
    title = " ".join(_first_str(rec, _TITLE).split())
    if _ENTITY.search(title):
        title = " ".join(unescape(title).split())
    description = _first_str(rec, _DESCRIPTION).strip()
    if description and (_LOOKS_HTML.search(description) or _ENTITY.search(description)):
        description = html_to_text(description)
    # "Google Cuts 12,000 Jobs Amid Economic Pressure - CNET": the site's name is no part
    # of the headline
    # (the outlet the record names, else the site name its page or feed declares)
    title = without_site_suffix(
        title, _outlet_field(rec) or html_site, _first_str(rec, _URL).strip()
    )
    text = _first_str(rec, _TEXT)
    if text and (_LOOKS_HTML.search(text) or _ENTITY.search(text)):
        text = html_to_text(text)
    if not text.strip():
        # feed entries and the RSS stream carry only a title and a description: keep
        # them as the text, one per line, so that they can still be clustered
        parts = [title] if title else []
        if description and description != title:
            parts.append(description)
        text = "\n".join(parts)
    if not text.strip():
        raise _Skip("record has no text, title or description")
    url = _first_str(rec, _URL).strip()
    _check_length(text, settings)
    lang = _check_language(_first_str(rec, _LANG), text, settings)
    own_id = rec.get("id") if isinstance(rec.get("id"), str | int) else _first_str(rec, _ID)
    outlet = _outlet_field(rec)
    how = "metadata"
    if not outlet:
        outlet, how = infer_outlet(text, site_name=html_site, url=url)
    return Article(
        id=_article_id(url, str(own_id or ""), origin, text),
        text=text,
        outlet=outlet,
        title=title,
        url=url,
        published=_date_field(rec),
        origin=origin,
        description=description,
        outlet_inferred_from=how,
        language=lang,
    )


def _records_result(
    records: Iterable[tuple[str, Any]], settings: Settings, empty_reason: str, name: str
) -> IngestResult:
    result = IngestResult()
    for origin, rec in records:
        if not isinstance(rec, Mapping):
            result.skipped.append(Skipped(origin, f"not a JSON object ({type(rec).__name__})"))
            continue
        try:
            result.articles.append(_record_article(rec, origin, settings))
        except _Skip as skip:
            result.skipped.append(Skipped(origin, skip.reason))
    if not result.articles and not result.skipped:
        result.skipped.append(Skipped(name, empty_reason))
    return result


# ------------------------------------------------------------------------ formats


def _json_error(exc: json.JSONDecodeError, text: str) -> str:
    if exc.pos >= len(text.rstrip()) - 1 or "Unterminated" in exc.msg:
        return f"truncated JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
    return f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"


def _parse_json(text: str, name: str, settings: Settings) -> IngestResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Skip(_json_error(exc, text)) from None
    if isinstance(data, Mapping) and not any(k in data for k in (*_TEXT, *_TITLE, *_DESCRIPTION)):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, list):
        if data and not any(isinstance(rec, Mapping) for rec in data):
            raise _Skip(f"JSON list holds no records (none of its {len(data)} items is an object)")
        records = [(f"{name}#{i}", rec) for i, rec in enumerate(data, 1)]
        return _records_result(records, settings, "JSON list holds no records", name)
    if isinstance(data, Mapping):
        return _records_result([(name, data)], settings, "empty JSON record", name)
    raise _Skip(f"JSON holds a {type(data).__name__}, not a record or a list of records")


def _parse_jsonl(text: str, name: str, settings: Settings) -> IngestResult:
    return _jsonl_lines(enumerate(text.splitlines(), 1), name, settings)


def _jsonl_lines(
    lines: Iterable[tuple[int, str | _BadLine]], name: str, settings: Settings
) -> IngestResult:
    """Records of numbered JSONL lines; a bad line is skipped as ``name:line``."""
    result = IngestResult()
    for lineno, line in lines:
        origin = f"{name}:{lineno}"
        if isinstance(line, _BadLine):
            result.skipped.append(Skipped(origin, line.reason))
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            result.skipped.append(Skipped(origin, _json_error(exc, line)))
            continue
        result.extend(_records_result([(origin, rec)], settings, "", name))
    if not result.articles and not result.skipped:
        result.skipped.append(Skipped(name, "JSONL file holds no records"))
    return result


def _stream_jsonl(path: Path, settings: Settings) -> IngestResult:
    """Read a (possibly gzipped) JSONL file line by line.

    JSONL files are streamed, so ``max_input_bytes`` limits each line rather than the
    file: a month of feed entries (tens of MB unpacked) still loads in bounded memory
    per record. A truncated gzip keeps the lines read before the damage.
    """
    name = str(path)
    trouble: list[Skipped] = []

    def lines() -> Iterator[tuple[int, str | _BadLine]]:
        with path.open("rb") as raw:
            gz = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            stream: Any = gzip.GzipFile(fileobj=raw) if gz else raw
            lineno = 0
            try:
                for lineno, bline in enumerate(stream, 1):
                    if len(bline) > settings.max_input_bytes:
                        yield lineno, _BadLine("line too large (max_input_bytes)")
                        continue
                    if lineno == 1:
                        bline = bline.removeprefix(codecs.BOM_UTF8)
                    try:
                        yield lineno, bline.decode("utf-8")
                    except UnicodeDecodeError:
                        yield lineno, _BadLine("not valid UTF-8")
            except (EOFError, OSError, zlib.error) as exc:
                trouble.append(
                    Skipped(name, f"truncated or corrupt after line {lineno} ({exc or 'EOF'})")
                )

    result = _jsonl_lines(lines(), name, settings)
    if trouble:
        result.skipped = [s for s in result.skipped if s.reason != "JSONL file holds no records"]
        result.skipped.extend(trouble)
    return result


@dataclass
class _BadLine:
    reason: str


_META_DATE = re.compile(
    r"<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*[\"'](?:article:published_time|"
    r"og:published_time|datePublished|pubdate|publishdate|date|dc\.date|dcterms\.created|"
    r"sailthru\.date|parsely-pub-date)[\"'][^>]*?content\s*=\s*[\"']([^\"']+)[\"']",
    re.I,
)
_META_DATE_REV = re.compile(
    r"<meta\b[^>]*?content\s*=\s*[\"']([^\"']+)[\"'][^>]*?(?:property|name|itemprop)\s*=\s*"
    r"[\"'](?:article:published_time|datePublished|pubdate|date)[\"']",
    re.I,
)
_TIME_TAG = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)[\"']", re.I)


def _html_date(html: str, fallback: str | None) -> datetime | None:
    for pat in (_META_DATE, _META_DATE_REV, _TIME_TAG):
        m = pat.search(html)
        if m:
            parsed = parse_date(unescape(m.group(1)))
            if parsed:
                return parsed
    return parse_date(fallback) if fallback else None


def _parse_html(text: str, name: str, settings: Settings) -> IngestResult:
    import trafilatura  # heavy import, only when a page is read

    # A fetched page that does not name its own address gets the one it came from
    # in newsweave.fetch (after redirects), so no URL is guessed here.
    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise _Skip(f"malformed HTML ({type(exc).__name__})") from None
    if doc is None:
        raise _Skip("no article text found in the HTML page")
    meta = doc if isinstance(doc, dict) else doc.as_dict()
    body = (meta.get("text") or "").strip()
    title = " ".join((meta.get("title") or "").split())
    if title and body.startswith(title + "\n"):
        body = body[len(title) + 1 :].lstrip("\n")  # the headline repeated as first line
    if len(body.split()) < 5:
        raise _Skip("no article text found in the HTML page")
    site = meta.get("sitename") or ""
    url = meta.get("url") or ""
    rec = {
        "title": title,
        "text": body,
        "description": meta.get("description") or "",
        "url": url,
        "published": _html_date(text, meta.get("date")),
        "language": meta.get("language") or "",
    }
    result = IngestResult()
    try:
        art = _record_article(rec, name, settings, html_site=site)
    except _Skip as skip:
        result.skipped.append(Skipped(name, skip.reason))
    else:
        result.articles.append(art)
    return result


def _parse_feed(text: str, name: str, settings: Settings) -> IngestResult:
    import feedparser

    parsed = feedparser.parse(text)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            raise _Skip(f"malformed feed XML ({exc})" if exc else "malformed feed XML")
        raise _Skip("feed has no items")
    feed = parsed.get("feed") or {}
    feed_title = " ".join((feed.get("title") or "").split())
    feed_lang = feed.get("language") or ""
    result = IngestResult()
    for i, entry in enumerate(entries, 1):
        origin = f"{name}#{i}"
        content = ""
        for part in entry.get("content") or []:
            value = part.get("value") or ""
            if len(value) > len(content):
                content = value
        summary = entry.get("summary") or ""
        body = html_to_text(content) if content else ""
        desc = html_to_text(summary) if summary else ""
        if body and desc and (desc == body or body.startswith(desc)):
            desc = desc if len(desc) < len(body) else ""
        source = entry.get("source") or {}
        rec: dict[str, Any] = {
            "title": html_to_text(entry.get("title") or ""),
            "text": body,
            "description": desc,
            "url": entry.get("link") or "",
            "published": entry.get("published_parsed")
            or entry.get("updated_parsed")
            or entry.get("published")
            or entry.get("updated"),
            "language": entry.get("language") or feed_lang,
            "id": entry.get("id") or "",
        }
        if isinstance(source, Mapping) and source.get("title"):
            rec["source"] = source["title"]
        try:
            result.articles.append(_record_article(rec, origin, settings, html_site=feed_title))
        except _Skip as skip:
            result.skipped.append(Skipped(origin, skip.reason))
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        why = f"malformed feed XML ({exc})" if exc else "malformed feed XML"
        if not result.articles:
            raise _Skip(why)
        # A truncated or broken feed: what was read before the error is kept, and the
        # user is told that the rest (and perhaps the end of the last item) is lost.
        n = len(result.articles)
        result.skipped.append(
            Skipped(name, f"{why}; kept the {n} item{'s' if n != 1 else ''} read before it")
        )
    return result


# Column names of a CSV file, case-folded, to the record keys above ("Title" -> "title",
# "ArticleBody" -> "articleBody").
_COLUMNS = {
    k.lower(): k for k in (*_TITLE, *_TEXT, *_DESCRIPTION, *_URL, *_OUTLET, *_DATE, *_LANG, *_ID)
}
_CSV_EXT = (".csv", ".tsv")


def _parse_csv(text: str, name: str, settings: Settings) -> IngestResult:
    """Records of a CSV (or, for ``.tsv``, tab-separated) file with a header row whose
    columns carry the record field names (title, text, url, outlet, date, ...)."""
    delimiter = "\t" if name.lower().removesuffix(".gz").endswith(".tsv") else ","
    # One cell may hold a whole article: the csv module's default limit is 128 KB.
    csv.field_size_limit(max(settings.max_input_bytes, 1 << 17))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise _Skip(f"malformed CSV header ({exc})") from None
    if not header:
        raise _Skip("empty CSV file")
    keys = [_COLUMNS.get(h.strip().lower(), h.strip().lower()) for h in header]
    if not any(k in keys for k in (*_TEXT, *_TITLE, *_DESCRIPTION)):
        shown = ", ".join(h.strip() for h in header[:8]) + (", ..." if len(header) > 8 else "")
        raise _Skip(f"CSV file has no text, title or description column (columns: {shown})")
    rows: list[tuple[str, Any]] = []
    skipped: list[Skipped] = []
    while True:
        origin = f"{name}:{reader.line_num + 1}"  # the line the row starts on
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            skipped.append(Skipped(origin, f"malformed CSV ({exc}); the rest is not read"))
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(keys):
            skipped.append(Skipped(origin, f"row has {len(row)} cells for {len(keys)} columns"))
            continue
        rows.append((origin, dict(zip(keys, row, strict=False))))
    result = _records_result(rows, settings, "", name) if rows else IngestResult()
    result.skipped[:0] = skipped
    if not result.articles and not result.skipped:
        result.skipped.append(Skipped(name, "CSV file holds no records"))
    return result


def _parse_text(text: str, name: str, settings: Settings) -> IngestResult:
    result = IngestResult()
    try:
        _check_length(text, settings)
        lang = _check_language("", text, settings)
    except _Skip as skip:
        result.skipped.append(Skipped(name, skip.reason))
        return result
    outlet, how = infer_outlet(text)
    result.articles.append(
        Article(
            id=_article_id("", "", name, text),
            text=text,
            outlet=outlet,
            origin=name,
            outlet_inferred_from=how,
            language=lang,
        )
    )
    return result


_FEED_START = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_START = re.compile(r"<(?:!doctype html|html|head|body|article|div|p|main|section)\b", re.I)
_JSONL_EXT = (".jsonl", ".ndjson", ".jsonlines")
_STREAMED = (*_JSONL_EXT, *(e + ".gz" for e in _JSONL_EXT))


def _sniff(text: str, name: str, content_type: str | None) -> str:
    """``json``, ``jsonl``, ``feed``, ``html``, ``csv`` or ``text``."""
    head = text.lstrip()[:4096]
    lower = name.lower()
    ctype = (content_type or "").lower()
    if head.startswith(("{", "[")):
        if lower.endswith(_JSONL_EXT) or "ndjson" in ctype or "jsonl" in ctype:
            return "jsonl"
        first = head.split("\n", 1)[0].strip()
        if head.startswith("{") and first.endswith("}") and "\n" in text.strip():
            try:
                json.loads(first)
            except json.JSONDecodeError:
                return "json"
            return "jsonl"
        return "json"
    if head.startswith("<"):
        if _FEED_START.search(head) or any(x in ctype for x in ("rss", "atom")):
            return "feed"
        if _HTML_START.search(head) or "html" in ctype or lower.endswith((".html", ".htm")):
            return "html"
        if head.startswith("<?xml"):
            return "feed"
        return "html"
    if lower.endswith((".json", *_JSONL_EXT)) or "json" in ctype:
        return "json"  # announced as JSON: a clear JSON error beats a bogus text article
    if lower.endswith(_CSV_EXT) or "csv" in ctype or "tab-separated" in ctype:
        return "csv"
    return "text"


_PARSERS = {
    "json": _parse_json,
    "jsonl": _parse_jsonl,
    "feed": _parse_feed,
    "html": _parse_html,
    "csv": _parse_csv,
    "text": _parse_text,
}


def _gunzip(data: bytes, limit: int) -> bytes:
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, limit + 1)
        if len(out) > limit:
            raise _Skip(f"too large once unpacked (more than {limit:,} bytes)")
        if not d.eof:
            raise _Skip("truncated gzip file")
        return out
    except (zlib.error, EOFError, gzip.BadGzipFile) as exc:
        raise _Skip(f"corrupt gzip file ({exc})") from None


def parse_bytes(
    data: bytes, name: str, content_type: str | None = None, settings: Settings | None = None
) -> IngestResult:
    """Parse one input (a file's bytes, an upload, a fetched page or feed) into articles.

    ``name`` names the input in messages and in ``Article.origin`` (records of a
    JSON list or feed get ``name#n``, JSONL lines ``name:line``). Never raises for bad
    input: it is reported in ``IngestResult.skipped`` instead.
    """
    settings = settings or Settings()
    result = IngestResult()
    try:
        if len(data) > settings.max_input_bytes:
            raise _Skip(
                f"too large ({len(data):,} bytes; the limit, max_input_bytes, is "
                f"{settings.max_input_bytes:,})"
            )
        inner = name
        if data[:2] == b"\x1f\x8b":
            data = _gunzip(data, settings.max_input_bytes)
            inner = name[:-3] if name.lower().endswith(".gz") else name
        if not data.strip():
            raise _Skip("empty")
        text = _decode(data)
        if not text.strip():
            raise _Skip("empty (only whitespace)")
        kind = _sniff(text, inner, content_type)
        try:
            part = _PARSERS[kind](text, name, settings)
        except _Skip as skip:
            # "[Photo] The mayor said..." starts like JSON but is prose: unless the input
            # was announced as JSON or has JSON's "key": shape, read it as plain text
            announced = inner.lower().endswith((".json", *_JSONL_EXT)) or "json" in (
                content_type or ""
            )
            not_json = skip.reason.startswith(("malformed JSON", "truncated JSON"))
            if kind != "json" or announced or '":' in text[:500] or not not_json:
                raise
            part = _parse_text(text, name, settings)
    except _Skip as skip:
        result.skipped.append(Skipped(name, skip.reason))
        return result
    except Exception as exc:  # an edge of the system: a parser failing on garbage input
        # must cost one input, never the batch (and never a traceback for the user)
        result.skipped.append(Skipped(name, f"cannot parse ({type(exc).__name__}: {exc})"))
        return result
    result.extend(part)
    result.articles = _dedupe(result.articles, result.skipped)
    return result


_IGNORED_FILES = frozenset({"thumbs.db", "desktop.ini"})


def _expand(paths: Sequence[str | Path], result: IngestResult) -> Iterator[tuple[Path, Path]]:
    """Every file to read, with the path it was found under (a folder or itself)."""
    for p in map(Path, paths):
        if p.is_dir():
            files = sorted(
                x
                for x in p.rglob("*")
                if x.is_file()
                and not any(part.startswith(".") for part in x.relative_to(p).parts)
                and x.name.lower() not in _IGNORED_FILES
            )
            if not files:
                result.skipped.append(Skipped(str(p), "folder holds no files"))
            for f in files:
                yield p, f
        elif not p.exists():
            result.skipped.append(Skipped(str(p), "no such file or folder"))
        else:
            yield p, p


def load_articles(paths: Sequence[str | Path], settings: Settings | None = None) -> IngestResult:
    """Read every file (folders are walked, hidden files skipped) into articles.

    Bad inputs are skipped with a reason; a folder with nothing usable is reported
    once. When two inputs give the same article id, the later one is skipped if its
    text is the same and gets a ``~n`` suffix otherwise.
    """
    settings = settings or Settings()
    result = IngestResult()
    used: set[Path] = set()  # folders that gave at least one article
    for top, path in _expand(paths, result):
        if path.name.lower().endswith(_STREAMED):
            try:
                part = _stream_jsonl(path, settings)
            except OSError as exc:
                result.skipped.append(Skipped(str(path), f"cannot read ({exc.strerror or exc})"))
                continue
            if part.articles:
                used.add(top)
            result.extend(part)
            continue
        try:
            size = path.stat().st_size
            if size > settings.max_input_bytes:
                result.skipped.append(
                    Skipped(
                        str(path),
                        f"too large ({size:,} bytes; the limit, max_input_bytes, is "
                        f"{settings.max_input_bytes:,})",
                    )
                )
                continue
            data = path.read_bytes()
        except OSError as exc:
            result.skipped.append(Skipped(str(path), f"cannot read ({exc.strerror or exc})"))
            continue
        part = parse_bytes(data, str(path), settings=settings)
        if part.articles:
            used.add(top)
        result.extend(part)
    for p in map(Path, paths):
        if p.is_dir() and p not in used and not any(s.origin == str(p) for s in result.skipped):
            result.skipped.append(Skipped(str(p), "folder holds nothing usable"))
    result.articles = _dedupe(result.articles, result.skipped)
    return result


def _dedupe(articles: list[Article], skipped: list[Skipped]) -> list[Article]:
    seen: dict[str, Article] = {}
    out: list[Article] = []
    for art in articles:
        first = seen.get(art.id)
        if first is None:
            seen[art.id] = art
            out.append(art)
            continue
        if first.text == art.text:
            skipped.append(Skipped(art.origin, f"duplicate of {first.origin}"))
            continue
        n = 2
        while f"{art.id}~{n}" in seen:
            n += 1
        new = Article(**{**art.__dict__, "id": f"{art.id}~{n}"})
        seen[new.id] = new
        out.append(new)
    return out
