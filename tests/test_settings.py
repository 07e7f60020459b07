from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import ConfigError
from newsweave.settings import Settings, load_settings


def test_precedence_defaults_file_env_flags(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('embedder = "hashing"\nport = 9000\nclaim_threshold = 0.7\n')
    s = load_settings(cfg, env={"NEWSWEAVE_PORT": "9100"}, claim_threshold=0.8)
    assert s.embedder == "hashing"  # file
    assert s.port == 9100  # env beats file
    assert s.claim_threshold == 0.8  # flag beats env
    assert load_settings(env={}).embedder == Settings().embedder


def test_bad_values_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="port"):
        load_settings(env={"NEWSWEAVE_PORT": "abc"})
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(env={}, nonsense=1)
    with pytest.raises(ConfigError, match="max_report_sentences"):
        load_settings(env={"NEWSWEAVE_MAX_REPORT_SENTENCES": "0"})
    bad = tmp_path / "bad.toml"
    bad.write_text("embedder = = 1")
    with pytest.raises(ConfigError, match="TOML"):
        load_settings(bad, env={})
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml", env={})


def test_bool_and_tuple_from_env() -> None:
    s = load_settings(env={"NEWSWEAVE_ALLOW_WRITES": "no", "NEWSWEAVE_LANGUAGES": "en, de"})
    assert s.allow_writes is False
    assert s.languages == ("en", "de")
