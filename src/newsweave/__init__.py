"""newsweave: see how many outlets cover the same news, fact by fact, with citations."""

from __future__ import annotations

__version__ = "0.1.0"

from .compare import compare
from .errors import ConfigError, InputError, ModelMissingError, NewsweaveError, StoreError
from .ingest import IngestResult, load_articles, parse_bytes
from .models import Article, Report
from .report import to_dict
from .settings import Settings, load_settings
from .store import Store

__all__ = [
    "Article",
    "ConfigError",
    "IngestResult",
    "InputError",
    "ModelMissingError",
    "NewsweaveError",
    "Report",
    "Settings",
    "Store",
    "StoreError",
    "__version__",
    "compare",
    "load_articles",
    "load_settings",
    "parse_bytes",
    "to_dict",
]
