"""The report's JSON form: the documented contract for the web UI, API and other tools.

``to_dict`` turns a :class:`~newsweave.models.Report` into plain JSON-ready data,
``from_dict`` turns that data back into the same report (the store and the web app keep
reports as JSON and re-render them). The JSON Schema (draft 2020-12) is
``report.schema.json`` beside this module and is documented in docs/report.md.

Two rules the schema cannot express are checked by :func:`problems`: every evidence
``{article, start, end, text}`` satisfies ``articles[article].text[start:end] == text``,
and every id a field refers to (sources, claims, copies) exists.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from .copies import source_groups
from .errors import InputError, ModelMissingError
from .models import (
    Article,
    Attribution,
    Claim,
    CleanArticle,
    Component,
    Conflict,
    ConflictValue,
    Copy,
    Debris,
    Entity,
    Evidence,
    Mention,
    Provenance,
    Quote,
    Report,
    Sentence,
    Skipped,
    SummarySentence,
    TimelineEntry,
)

__all__ = [
    "SCHEMA",
    "SCHEMA_VERSION",
    "from_dict",
    "independent_groups",
    "problems",
    "schema",
    "stats",
    "to_dict",
    "validate",
]

# Bump on any change a consumer could notice (see "Versioning" in docs/report.md):
# a new optional field keeps the major number, a removed/renamed field or a new enum value bumps it.
# 1.1: "updates"; 2.0: summary sentences of kind "update" (a new enum value: MAJOR)
SCHEMA_VERSION = "2.0"
# Reports of these MAJOR versions are read: a 1.x report is a 2.0 report that has no
# summary sentence of kind "update".
READABLE_MAJORS = frozenset({"1", "2"})

_ORIGIN = "report JSON"


# ---------------------------------------------------------------------------- to_dict


def _evidence(items: Sequence[Evidence]) -> list[dict[str, Any]]:
    return [{"article": e.article, "start": e.start, "end": e.end, "text": e.text} for e in items]


def _article(a: CleanArticle) -> dict[str, Any]:
    art = a.article
    return {
        "id": art.id,
        "outlet": art.outlet,
        "outlet_inferred_from": art.outlet_inferred_from,
        "title": art.title,
        "url": art.url,
        "published": art.published.isoformat() if art.published else None,
        "origin": art.origin,
        "description": art.description,
        "language": art.language,
        "text": art.text,
        # sentence and mention texts are left out: they are text[start:end]
        "sentences": [
            {
                "index": s.index,
                "start": s.start,
                "end": s.end,
                "mentions": [
                    {"start": m.start, "end": m.end, "label": m.label, "text": m.text}
                    for m in s.mentions
                ],
            }
            for s in a.sentences
        ],
        "debris": [{"start": d.start, "end": d.end, "kind": d.kind} for d in a.debris],
    }


def independent_groups(report: Report) -> list[list[str]]:
    """Article ids grouped into independent sources: an article with its copies, and an
    outlet's several articles (see :func:`newsweave.copies.source_groups`).

    Groups keep the report's article order, as does the order of ids inside each group.
    """
    order = [a.article.id for a in report.articles]
    outlets = {a.article.id: a.article.outlet for a in report.articles}
    source = source_groups(order, report.copies, outlets)
    groups: dict[str, list[str]] = {}
    for i in order:
        groups.setdefault(source[i], []).append(i)
    return list(groups.values())


def stats(report: Report) -> dict[str, int]:
    """Counts a reader wants first: articles, independent sources, claims by kind, conflicts."""
    return {
        "articles": len(report.articles),
        "independent_sources": len(independent_groups(report)),
        "copies": len(report.copies),
        "claims": len(report.claims),
        "shared_claims": sum(1 for c in report.claims if c.kind == "shared"),
        "unique_claims": sum(1 for c in report.claims if c.kind == "unique"),
        "conflicts": len(report.conflicts),
        "updates": len(report.updates),
        "quotes": len(report.quotes),
        "entities": len(report.entities),
        "timeline": len(report.timeline),
        "skipped": len(report.skipped),
    }


def _conflict(c: Conflict) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "what": c.what,
        "values": [
            {
                "value": v.value,
                "normalized": v.normalized,
                "sources": list(v.sources),
                "evidence": _evidence(v.evidence),
            }
            for v in c.values
        ],
        "claims": list(c.claims),
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, valid against ``report.schema.json``.

    ``stats`` is derived (recomputed from the rest); :func:`from_dict` ignores it.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "story_id": report.story_id,
        "title": report.title,
        "stats": stats(report),
        "articles": [_article(a) for a in report.articles],
        "claims": [
            {
                "id": c.id,
                "text": c.text,
                "kind": c.kind,
                "sources": list(c.sources),
                "independent_sources": c.independent_sources,
                "evidence": _evidence(c.evidence),
            }
            for c in report.claims
        ],
        "conflicts": [_conflict(c) for c in report.conflicts],
        "updates": [_conflict(c) for c in report.updates],
        "quotes": [
            {
                "id": q.id,
                "speaker": q.speaker,
                "text": q.text,
                "sources": list(q.sources),
                "evidence": _evidence(q.evidence),
                "attributions": [
                    {"speaker": a.speaker, "sources": list(a.sources)} for a in q.attributions
                ],
            }
            for q in report.quotes
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "variants": list(e.variants),
                "mentions": e.mentions,
                "sources": list(e.sources),
                "evidence": _evidence(e.evidence),
            }
            for e in report.entities
        ],
        "timeline": [
            {
                "id": t.id,
                "date": t.date,
                "precision": t.precision,
                "expression": t.expression,
                "text": t.text,
                "sources": list(t.sources),
                "evidence": _evidence(t.evidence),
            }
            for t in report.timeline
        ],
        "summary": [
            {
                "text": s.text,
                "kind": s.kind,
                "sources": list(s.sources),
                "evidence": _evidence(s.evidence),
                "claim": s.claim,
            }
            for s in report.summary
        ],
        "copies": [
            {"article": c.article, "copy_of": c.copy_of, "similarity": c.similarity}
            for c in report.copies
        ],
        "skipped": [{"origin": s.origin, "reason": s.reason} for s in report.skipped],
        "provenance": {
            "newsweave_version": report.provenance.newsweave_version,
            "components": [
                {"name": c.name, "version": c.version} for c in report.provenance.components
            ],
            "settings": _jsonable(report.provenance.settings),
            "created": report.provenance.created,
        },
        "extra": _jsonable(report.extra),
    }


def _jsonable(value: Any) -> Any:
    """A deep copy of ``value`` made of JSON types (tuples become lists)."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


# -------------------------------------------------------------------------- from_dict


class _Reader:
    """Reads typed fields out of untrusted JSON, failing with one line naming the path."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, path: str, reason: str) -> InputError:
        return InputError(self.origin, f"{path}: {reason}")

    def obj(self, d: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(d, Mapping):
            raise self.fail(path, "expected an object")
        return d

    def field(self, d: Mapping[str, Any], key: str, path: str, default: Any = ...) -> Any:
        if key in d:
            return d[key]
        if default is ...:
            raise self.fail(path, f"missing field {key!r}")
        return default

    def string(self, d: Mapping[str, Any], key: str, path: str, default: Any = ...) -> str:
        v = self.field(d, key, path, default)
        if not isinstance(v, str):
            raise self.fail(f"{path}.{key}", "expected a string")
        return v

    def integer(self, d: Mapping[str, Any], key: str, path: str) -> int:
        v = self.field(d, key, path)
        if not isinstance(v, int) or isinstance(v, bool):
            raise self.fail(f"{path}.{key}", "expected an integer")
        return v

    def num(self, d: Mapping[str, Any], key: str, path: str) -> float:
        v = self.field(d, key, path)
        if not isinstance(v, int | float) or isinstance(v, bool):
            raise self.fail(f"{path}.{key}", "expected a number")
        return float(v)

    def array(self, d: Mapping[str, Any], key: str, path: str, default: Any = ...) -> list[Any]:
        v = self.field(d, key, path, default)
        if not isinstance(v, list):
            raise self.fail(f"{path}.{key}", "expected a list")
        return v

    def items(
        self, d: Mapping[str, Any], key: str, path: str, default: Any = ...
    ) -> Iterator[tuple[str, Mapping[str, Any]]]:
        for i, item in enumerate(self.array(d, key, path, default)):
            p = f"{path}.{key}[{i}]"
            yield p, self.obj(item, p)

    def strs(
        self, d: Mapping[str, Any], key: str, path: str, default: Any = ...
    ) -> tuple[str, ...]:
        values = self.array(d, key, path, default)
        if not all(isinstance(v, str) for v in values):
            raise self.fail(f"{path}.{key}", "expected a list of strings")
        return tuple(values)

    def evidence(self, d: Mapping[str, Any], path: str) -> tuple[Evidence, ...]:
        return tuple(
            Evidence(
                self.string(e, "article", p),
                self.integer(e, "start", p),
                self.integer(e, "end", p),
                self.string(e, "text", p),
            )
            for p, e in self.items(d, "evidence", path, [])
        )


def _read_conflict(r: _Reader, c: Mapping[str, Any], p: str) -> Conflict:
    return Conflict(
        id=r.string(c, "id", p),
        kind=r.string(c, "kind", p),
        what=r.string(c, "what", p),
        values=tuple(
            ConflictValue(
                value=r.string(v, "value", vp),
                normalized=r.string(v, "normalized", vp, ""),
                sources=r.strs(v, "sources", vp),
                evidence=r.evidence(v, vp),
            )
            for vp, v in r.items(c, "values", p)
        ),
        claims=r.strs(c, "claims", p, []),
    )


def _read_article(r: _Reader, d: Mapping[str, Any], path: str) -> CleanArticle:
    published_raw = r.field(d, "published", path, None)
    published: datetime | None = None
    if published_raw is not None:
        if not isinstance(published_raw, str):
            raise r.fail(f"{path}.published", "expected an ISO 8601 string or null")
        try:
            published = datetime.fromisoformat(published_raw)
        except ValueError:
            raise r.fail(f"{path}.published", f"not an ISO 8601 date: {published_raw!r}") from None
    article = Article(
        id=r.string(d, "id", path),
        text=r.string(d, "text", path),
        outlet=r.string(d, "outlet", path, ""),
        title=r.string(d, "title", path, ""),
        url=r.string(d, "url", path, ""),
        published=published,
        origin=r.string(d, "origin", path, ""),
        description=r.string(d, "description", path, ""),
        outlet_inferred_from=r.string(d, "outlet_inferred_from", path, "metadata"),
        language=r.string(d, "language", path, ""),
    )
    text = article.text
    sentences: list[Sentence] = []
    for p, s in r.items(d, "sentences", path, []):
        start, end = r.integer(s, "start", p), r.integer(s, "end", p)
        mentions = tuple(
            Mention(
                r.integer(m, "start", mp),
                r.integer(m, "end", mp),
                r.string(m, "text", mp, text[m.get("start", 0) : m.get("end", 0)]),
                r.string(m, "label", mp),
            )
            for mp, m in r.items(s, "mentions", p, [])
        )
        index = r.integer(s, "index", p) if "index" in s else len(sentences)
        sentences.append(Sentence(article.id, index, start, end, text[start:end], mentions))
    debris = tuple(
        Debris(r.integer(x, "start", p), r.integer(x, "end", p), r.string(x, "kind", p))
        for p, x in r.items(d, "debris", path, [])
    )
    return CleanArticle(article, tuple(sentences), debris)


def from_dict(d: Mapping[str, Any], *, origin: str = _ORIGIN) -> Report:
    """The :class:`Report` that ``d`` (as made by :func:`to_dict`) describes.

    ``from_dict(to_dict(r)) == r``. Derived fields (``stats``) are ignored. Malformed
    data raises :class:`~newsweave.errors.InputError` naming ``origin`` and the field;
    call :func:`validate` first for a full schema check.
    """
    r = _Reader(origin)
    d = r.obj(d, "$")
    version = r.string(d, "schema_version", "$")
    if version.split(".")[0] not in READABLE_MAJORS:
        raise r.fail(
            "$.schema_version", f"version {version} is not supported (expected {SCHEMA_VERSION})"
        )
    prov = r.obj(r.field(d, "provenance", "$"), "$.provenance")
    settings = r.obj(r.field(prov, "settings", "$.provenance", {}), "$.provenance.settings")
    extra = r.obj(r.field(d, "extra", "$", {}), "$.extra")
    return Report(
        title=r.string(d, "title", "$"),
        articles=tuple(_read_article(r, a, p) for p, a in r.items(d, "articles", "$")),
        claims=tuple(
            Claim(
                id=r.string(c, "id", p),
                text=r.string(c, "text", p),
                kind=r.string(c, "kind", p),
                sources=r.strs(c, "sources", p),
                independent_sources=r.integer(c, "independent_sources", p),
                evidence=r.evidence(c, p),
            )
            for p, c in r.items(d, "claims", "$", [])
        ),
        conflicts=tuple(_read_conflict(r, c, p) for p, c in r.items(d, "conflicts", "$", [])),
        updates=tuple(_read_conflict(r, c, p) for p, c in r.items(d, "updates", "$", [])),
        quotes=tuple(
            Quote(
                id=r.string(q, "id", p),
                speaker=r.string(q, "speaker", p, ""),
                text=r.string(q, "text", p),
                sources=r.strs(q, "sources", p),
                evidence=r.evidence(q, p),
                attributions=tuple(
                    Attribution(r.string(a, "speaker", ap), r.strs(a, "sources", ap))
                    for ap, a in r.items(q, "attributions", p, [])
                ),
            )
            for p, q in r.items(d, "quotes", "$", [])
        ),
        entities=tuple(
            Entity(
                id=r.string(e, "id", p),
                name=r.string(e, "name", p),
                type=r.string(e, "type", p),
                variants=r.strs(e, "variants", p, []),
                mentions=r.integer(e, "mentions", p),
                sources=r.strs(e, "sources", p),
                evidence=r.evidence(e, p),
            )
            for p, e in r.items(d, "entities", "$", [])
        ),
        timeline=tuple(
            TimelineEntry(
                id=r.string(t, "id", p),
                date=r.string(t, "date", p),
                precision=r.string(t, "precision", p),
                expression=r.string(t, "expression", p, ""),
                text=r.string(t, "text", p),
                sources=r.strs(t, "sources", p),
                evidence=r.evidence(t, p),
            )
            for p, t in r.items(d, "timeline", "$", [])
        ),
        summary=tuple(
            SummarySentence(
                text=r.string(s, "text", p),
                kind=r.string(s, "kind", p),
                sources=r.strs(s, "sources", p),
                evidence=r.evidence(s, p),
                claim=r.string(s, "claim", p, ""),
            )
            for p, s in r.items(d, "summary", "$", [])
        ),
        copies=tuple(
            Copy(r.string(c, "article", p), r.string(c, "copy_of", p), r.num(c, "similarity", p))
            for p, c in r.items(d, "copies", "$", [])
        ),
        provenance=Provenance(
            newsweave_version=r.string(prov, "newsweave_version", "$.provenance"),
            components=tuple(
                Component(r.string(c, "name", p), r.string(c, "version", p))
                for p, c in r.items(prov, "components", "$.provenance", [])
            ),
            settings=dict(settings),
            created=r.string(prov, "created", "$.provenance", ""),
        ),
        skipped=tuple(
            Skipped(r.string(s, "origin", p), r.string(s, "reason", p))
            for p, s in r.items(d, "skipped", "$", [])
        ),
        story_id=r.string(d, "story_id", "$", ""),
        extra=dict(extra),
    )


# ---------------------------------------------------------------- schema and checks


@cache
def _schema_text() -> str:
    return resources.files("newsweave").joinpath("report.schema.json").read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_dict`'s output, as a fresh dict."""
    loaded: dict[str, Any] = json.loads(_schema_text())
    return loaded


SCHEMA: dict[str, Any] = schema()
"""The JSON Schema loaded once at import; use :func:`schema` for a copy you may change."""


def validate(d: Mapping[str, Any], *, origin: str = _ORIGIN) -> None:
    """Check ``d`` against the schema and :func:`problems`; raise InputError on the first fault.

    Needs the ``jsonschema`` package (a development dependency).
    """
    try:
        import jsonschema
    except ImportError:
        raise ModelMissingError(
            "validating a report needs jsonschema: pip install 'newsweave[dev]'"
        ) from None
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(d), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "$" + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in first.absolute_path
        )
        raise InputError(origin, f"{where}: {first.message}")
    found = problems(d)
    if found:
        raise InputError(origin, found[0])


def _walk_evidence(node: Any, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if isinstance(node, Mapping):
        if isinstance(node.get("evidence"), list):
            for i, e in enumerate(node["evidence"]):
                if isinstance(e, Mapping):
                    yield f"{path}.evidence[{i}]", e
        for k, v in node.items():
            if k != "evidence":
                yield from _walk_evidence(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk_evidence(v, f"{path}[{i}]")


def problems(d: Mapping[str, Any]) -> list[str]:
    """What the schema cannot check, one line per fault (empty when the report is sound).

    * every evidence anywhere: ``articles[article].text[start:end] == text``;
    * every sentence, mention and debris span lies inside its article's text;
    * every id in ``sources``, ``copies``, ``conflicts[].claims``, ``summary[].claim`` exists;
    * ids are unique within their list.
    """
    out: list[str] = []
    articles = {a.get("id"): a for a in d.get("articles", []) if isinstance(a, Mapping)}
    texts = {k: a.get("text", "") for k, a in articles.items()}
    for path, e in _walk_evidence({k: v for k, v in d.items() if k != "articles"}, "$"):
        art, start, end, text = e.get("article"), e.get("start"), e.get("end"), e.get("text")
        if art not in texts:
            out.append(f"{path}: unknown article {art!r}")
        elif not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
            out.append(f"{path}: bad span {start!r}..{end!r}")
        elif texts[art][start:end] != text:
            out.append(f"{path}: text differs from articles[{art}].text[{start}:{end}]")
    for aid, a in articles.items():
        n = len(texts[aid])
        spans = [("sentences", s) for s in a.get("sentences", [])]
        spans += [("debris", x) for x in a.get("debris", [])]
        spans += [("mentions", m) for s in a.get("sentences", []) for m in s.get("mentions", [])]
        for kind, s in spans:
            if not 0 <= s.get("start", -1) <= s.get("end", -1) <= n:
                out.append(
                    f"articles[{aid}].{kind}: span {s.get('start')}..{s.get('end')} outside the text"
                )
            elif (
                kind == "mentions"
                and "text" in s
                and texts[aid][s["start"] : s["end"]] != s["text"]
            ):
                out.append(f"articles[{aid}].mentions: text differs at {s['start']}..{s['end']}")
    claim_ids = [c.get("id") for c in d.get("claims", [])]
    for key in ("articles", "claims", "conflicts", "updates", "quotes", "entities", "timeline"):
        ids = [x.get("id") for x in d.get(key, [])]
        dupes = sorted({str(i) for i in ids if ids.count(i) > 1})
        if dupes:
            out.append(f"$.{key}: duplicate ids {', '.join(dupes)}")

    def known(ids: Any, path: str) -> None:
        for i in ids or []:
            if i not in articles:
                out.append(f"{path}: unknown article {i!r}")

    for key in ("claims", "quotes", "entities", "timeline", "summary"):
        for i, x in enumerate(d.get(key, [])):
            known(x.get("sources"), f"$.{key}[{i}].sources")
    for i, q in enumerate(d.get("quotes", [])):
        for j, a in enumerate(q.get("attributions", [])):
            known(a.get("sources"), f"$.quotes[{i}].attributions[{j}].sources")
    for key in ("conflicts", "updates"):
        for i, c in enumerate(d.get(key, [])):
            for j, v in enumerate(c.get("values", [])):
                known(v.get("sources"), f"$.{key}[{i}].values[{j}].sources")
            for cid in c.get("claims", []):
                if cid not in claim_ids:
                    out.append(f"$.{key}[{i}].claims: unknown claim {cid!r}")
    for i, s in enumerate(d.get("summary", [])):
        if s.get("claim") and s["claim"] not in claim_ids:
            out.append(f"$.summary[{i}].claim: unknown claim {s['claim']!r}")
    for i, c in enumerate(d.get("copies", [])):
        known([c.get("article"), c.get("copy_of")], f"$.copies[{i}]")
    return out
