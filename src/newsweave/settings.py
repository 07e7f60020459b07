"""The one settings object: defaults, then a TOML file, then environment, then flags.

Precedence (later wins):
1. the defaults below;
2. the TOML file given by ``--config``, else ``$NEWSWEAVE_CONFIG``, else
   ``~/.config/newsweave/config.toml`` if it exists (keys = field names, top level or
   under a ``[newsweave]`` table);
3. environment variables ``NEWSWEAVE_<FIELD>`` (upper case), e.g. ``NEWSWEAVE_STORE``;
4. command-line flags.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings", "default_store_path", "load_settings"]


def default_store_path() -> Path:
    """``$XDG_DATA_HOME/newsweave/newsweave.sqlite`` (``~/.local/share/...`` by default)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsweave" / "newsweave.sqlite"


@dataclass(frozen=True)
class Settings:
    """Every tunable of newsweave, documented in docs/settings.md."""

    # store
    store: str = ""  # "" means default_store_path()
    # embeddings: wordllama (default, fast) | minilm (sharper, slower) | hashing (no model)
    embedder: str = "wordllama"
    # named entities: spacy (en_core_web_sm) | none
    ner: str = "spacy"
    # helper processes that share the NER of long inputs (0 = none; one per spare core helps)
    ner_workers: int = 1
    # comparison
    claim_threshold: float = 0.62  # combined similarity for two sentences to state the same claim
    copy_threshold: float = 0.8  # containment of word 5-shingles for an article to be a copy
    min_claim_words: int = 4  # shorter sentences are not claims
    summary_sentences: int = 5  # agreement sentences in the summary
    summary_differences: int = 5  # notable differences (conflicts, updates, unique details)
    summarizer: str = "extractive"
    languages: tuple[str, ...] = ("en",)  # other languages are skipped with a message
    max_input_bytes: int = 20_000_000  # larger inputs are refused
    max_report_articles: int = 40  # a story report compares at most this many articles
    # Memory grows with the square of the sentences compared: longer texts are no single
    # news article, and a report stops adding articles at this many sentences.
    max_article_chars: int = 200_000
    max_report_sentences: int = 3_000
    # story clustering
    cluster_threshold: float = 0.25  # score to join a story (feed entries need +0.15)
    cluster_window_days: float = 3.0
    # close calls of full articles scored again by a sharper embedder: auto (minilm when
    # it is installed, else none) | minilm | none
    cluster_refiner: str = "auto"
    # web
    host: str = "127.0.0.1"
    port: int = 8765
    allow_writes: bool = True
    max_upload_bytes: int = 10_000_000

    def too_long(self, text: str) -> str:
        """Why ``text`` is not compared as one article ("" when it may be): longer than
        ``max_article_chars``, it is a book or a data dump, not one news article."""
        if len(text) <= self.max_article_chars:
            return ""
        return (
            f"too long for one news article ({len(text):,} characters; "
            f"the limit, max_article_chars, is {self.max_article_chars:,})"
        )

    def store_path(self) -> Path:
        return Path(self.store).expanduser() if self.store else default_store_path()

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (``None`` values are ignored), validated."""
        clean = {k: v for k, v in changes.items() if v is not None}
        return _validated(dataclasses.replace(self, **_coerce_all(clean)))

    def as_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["languages"] = list(self.languages)
        return d


_FIELDS = {f.name: f for f in fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    if name not in _FIELDS:
        raise ConfigError(f"unknown setting {name!r}")
    default = getattr(Settings(), name)
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                low = value.strip().lower()
                if low in {"1", "true", "yes", "on"}:
                    return True
                if low in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(value)
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            if isinstance(value, str):
                return tuple(v.strip() for v in value.split(",") if v.strip())
            return tuple(str(v) for v in value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r}: cannot use {value!r}") from None


def _coerce_all(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _coerce(k, v) for k, v in values.items()}


def _validated(s: Settings) -> Settings:
    for name in ("claim_threshold", "copy_threshold", "cluster_threshold"):
        v = getattr(s, name)
        if not 0.0 <= v <= 1.0:
            raise ConfigError(f"setting {name!r} must be between 0 and 1, not {v}")
    for name in ("max_article_chars", "max_report_sentences", "max_report_articles"):
        if getattr(s, name) < 1:
            raise ConfigError(f"setting {name!r} must be 1 or more, not {getattr(s, name)}")
    if not 0 <= s.ner_workers <= 16:
        raise ConfigError(f"setting 'ner_workers' must be 0-16, not {s.ner_workers}")
    if not 0 < s.port < 65536:
        raise ConfigError(f"setting 'port' must be 1-65535, not {s.port}")
    return s


def load_settings(
    config: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build the settings: defaults < TOML file < environment < ``overrides`` (flags)."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path: Path | None = None
    if config:
        path = Path(config).expanduser()
        if not path.is_file():
            raise ConfigError(f"{path}: settings file not found")
    elif env.get("NEWSWEAVE_CONFIG"):
        path = Path(env["NEWSWEAVE_CONFIG"]).expanduser()
        if not path.is_file():
            raise ConfigError(f"{path}: settings file (from NEWSWEAVE_CONFIG) not found")
    else:
        candidate = Path.home() / ".config" / "newsweave" / "config.toml"
        path = candidate if candidate.is_file() else None
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        table = data.get("newsweave", data)
        values.update(_coerce_all({k: v for k, v in table.items() if k != "newsweave"}))
    for name in _FIELDS:
        key = "NEWSWEAVE_" + name.upper()
        if key in env:
            values[name] = _coerce(name, env[key])
    values.update(_coerce_all({k: v for k, v in overrides.items() if v is not None}))
    return _validated(Settings(**values))
