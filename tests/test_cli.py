"""The CLI as a user runs it: a real subprocess, real files, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).parent / "newsweave")

STORY_A = (
    "PORT ELLIS (Harbor Wire) – The Port Ellis council voted on Tuesday to close the old ferry pier "
    "after engineers found cracks in two of its supports. The pier will shut on June 1, the council said. "
    "Repairs are expected to cost 4.2 million dollars.\n"
)
STORY_B = (
    "Port Ellis will close its old ferry pier after the town council voted on Tuesday, citing cracks "
    "found by engineers in two supports. The closure takes effect on June 1. Ferry services will move to "
    "the north terminal, a spokesperson said.\n"
)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture
def two_files(tmp_path: Path) -> list[Path]:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(STORY_A)
    b.write_text(STORY_B)
    return [a, b]


def test_help_explains_commands() -> None:
    res = run("--help")
    assert res.returncode == 0
    assert "compare" in res.stdout and "demo" in res.stdout
    res = run("compare", "--help")
    assert "Exit status" in res.stdout


@pytest.mark.slow
def test_compare_json_and_exit_codes(two_files: list[Path], tmp_path: Path) -> None:
    res = run("compare", *map(str, two_files), "--format", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert len(data["articles"]) == 2
    for claim in data["claims"]:
        for ev in claim["evidence"]:
            art = next(a for a in data["articles"] if a["id"] == ev["article"])
            assert art["text"][ev["start"] : ev["end"]] == ev["text"]
    # a bad input among good ones: named on stderr, the rest compared, exit 3
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    res = run("compare", *map(str, two_files), str(bad), "--format", "json")
    assert res.returncode == 3
    assert "bad.json" in res.stderr and "Traceback" not in res.stderr
    assert len(json.loads(res.stdout)["articles"]) == 2


def test_nothing_usable_is_one_line_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = run("compare", str(empty), str(tmp_path / "missing.txt"))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert "empty.txt" in res.stderr and "missing.txt" in res.stderr


def test_bad_setting_is_one_line_error(two_files: list[Path]) -> None:
    res = subprocess.run(
        [EXE, "compare", str(two_files[0])],
        capture_output=True,
        text=True,
        env={"NEWSWEAVE_CLAIM_THRESHOLD": "7", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert res.returncode == 2
    assert "claim_threshold" in res.stderr and "Traceback" not in res.stderr


def test_long_skip_lists_are_summarised(capsys: pytest.CaptureFixture[str]) -> None:
    from newsweave.cli import SKIP_LINES, echo_skipped
    from newsweave.models import Skipped

    skipped = [
        Skipped(f"feed.jsonl:{i}", "language 'pl' is not in settings.languages")
        for i in range(SKIP_LINES + 30)
    ]
    echo_skipped(skipped)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == SKIP_LINES + 1
    assert "30 more skipped" in err[-1] and "30 x language 'pl'" in err[-1]


@pytest.mark.slow
def test_an_article_too_long_to_compare_is_named_and_the_rest_compared(
    two_files: list[Path], tmp_path: Path
) -> None:
    # a whole book or a data dump passed as one article: refused in a second, not an
    # out-of-memory kill minutes later
    book = tmp_path / "book.txt"
    book.write_text("The Port Ellis council met again on Tuesday to discuss the pier.\n" * 4000)
    res = run("compare", *map(str, two_files), str(book), "--format", "json")
    assert res.returncode == 3, res.stderr
    assert "book.txt: too long for one news article" in res.stderr
    assert "max_article_chars" in res.stderr and "Traceback" not in res.stderr
    assert len(json.loads(res.stdout)["articles"]) == 2
    res = run("compare", str(book))
    assert res.returncode == 2 and "no usable article" in res.stderr


def test_upgrading_an_older_store_is_announced_on_stderr(
    two_files: list[Path], tmp_path: Path
) -> None:
    """Migration 7 recomputes every copy signature (about 30 s for 56,000 entries): the
    user is told why the command pauses, and a store already up to date says nothing."""
    import sqlite3

    store = tmp_path / "old.sqlite"
    assert run("--store", str(store), "ingest", *map(str, two_files)).returncode == 0
    db = sqlite3.connect(store)
    # as newsweave of schema 6 left it
    db.execute("DELETE FROM migrations WHERE number >= 7")
    db.execute("ALTER TABLE stories DROP COLUMN refs")
    db.commit()
    db.close()
    done = run("--store", str(store), "stories", "--format", "json")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert any("upgrading the store" in line and "from schema 6 to 8" in line for line in lines)
    assert any("recomputing the copy links of 1 story " in line for line in lines), lines
    assert "Traceback" not in done.stderr
    assert len(json.loads(done.stdout)["stories"]) == 1
    again = run("--store", str(store), "stories", "--format", "json")
    assert again.returncode == 0 and again.stderr == ""
