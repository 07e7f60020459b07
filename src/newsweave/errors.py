"""The small exception tree of newsweave.

Every error a user can cause is a :class:`NewsweaveError`; the CLI and web layer turn
it into one line naming the input and the reason, never a traceback.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "ModelMissingError",
    "NewsweaveError",
    "StoreError",
]


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose."""


class InputError(NewsweaveError):
    """An input (file, record, URL, upload) cannot be read; names the input and the reason."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ConfigError(NewsweaveError):
    """A setting is invalid (bad value in the TOML file, environment or flags)."""


class StoreError(NewsweaveError):
    """The store cannot be opened, migrated or written."""


class ModelMissingError(NewsweaveError):
    """An optional model or backend is not installed; the message names the pip command."""
