"""B-cubed scores on hand-computed toy examples, and the eval command's output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import main
from newsweave.errors import InputError
from newsweave.evaluate import bcubed, evaluate_clustering, load_labeled


def test_bcubed_perfect() -> None:
    truth = {"a": 1, "b": 1, "c": 2}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, truth) == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }


def test_bcubed_split_and_merge_by_hand() -> None:
    # a alone; b and c together although b belongs with a.
    # precision: a 1/1, b 1/2, c 1/2 -> 2/3; recall: a 1/2, b 1/2, c 1/1 -> 2/3
    got = bcubed({"a": "x", "b": "y", "c": "y"}, {"a": 1, "b": 1, "c": 2})
    assert got["precision"] == pytest.approx(2 / 3)
    assert got["recall"] == pytest.approx(2 / 3)
    assert got["f1"] == pytest.approx(2 / 3)


def test_bcubed_everything_in_one_cluster() -> None:
    # each item shares its cluster of 4 with 2 of its label: precision 1/2, recall 1
    got = bcubed({k: "all" for k in "abcd"}, {"a": 1, "b": 1, "c": 2, "d": 2})
    assert got["precision"] == pytest.approx(0.5)
    assert got["recall"] == pytest.approx(1.0)
    assert got["f1"] == pytest.approx(2 / 3)


def test_bcubed_all_singletons() -> None:
    # precision 1; recall: a,b 1/2 each, c 1 -> 2/3; F1 = 2 * 1 * 2/3 / (5/3) = 0.8
    got = bcubed({"a": "1", "b": "2", "c": "3"}, {"a": 1, "b": 1, "c": 2})
    assert got["precision"] == pytest.approx(1.0)
    assert got["recall"] == pytest.approx(2 / 3)
    assert got["f1"] == pytest.approx(0.8)


def _write_labeled(path: Path) -> None:
    records = [
        (
            "k1",
            "flood",
            "Heavy rain floods Port Meridian as river Adra bursts its banks",
            "Hundreds of homes in Port Meridian were flooded overnight after the Adra rose three metres.",
            "2031-03-02T08:00:00",
        ),
        (
            "k2",
            "flood",
            "Port Meridian floods: thousands evacuated as Adra keeps rising",
            "Rescue teams in Port Meridian moved 4,000 residents to shelters on the second day of flooding.",
            "2031-03-03T10:00:00",
        ),
        (
            "k3",
            "chess",
            "Chess grandmaster Ilse Varga wins Valdora open",
            "Ilse Varga beat the top seed in the final round of the Valdora open chess tournament.",
            "2031-03-02T12:00:00",
        ),
        (
            "k4",
            "chess",
            "Varga takes Valdora chess title with final-round win",
            "The grandmaster Ilse Varga won the Valdora open on Sunday after a tense last game.",
            "2031-03-02T18:00:00",
        ),
        (
            "k5",
            "bank",
            "Central bank of Estoria raises interest rates to 6%",
            "The Estorian central bank raised its main rate by half a point to fight inflation.",
            "2031-03-02T09:00:00",
        ),
    ]
    with path.open("w", encoding="utf-8") as fh:
        for rid, label, title, desc, when in records:
            fh.write(
                json.dumps(
                    {
                        "id": rid,
                        "url": f"https://example.test/{rid}",
                        "outlet": f"o{rid}",
                        "title": title,
                        "published": when,
                        "description": desc,
                        "text": f"{title}. {desc}",
                        "event_id": label,
                    }
                )
                + "\n"
            )


@pytest.mark.slow
def test_evaluate_clustering_scores_a_small_file(tmp_path: Path) -> None:
    f = tmp_path / "labeled.jsonl"
    _write_labeled(f)
    result = evaluate_clustering(f, "event_id")
    assert result["true_stories"] == 3
    assert result["bcubed"]["f1"] == pytest.approx(1.0)
    assert set(result["assignments"]) == {"k1", "k2", "k3", "k4", "k5"}
    assert result["articles_per_second"] > 0


@pytest.mark.slow
def test_eval_cli_json(tmp_path: Path) -> None:
    f = tmp_path / "labeled.jsonl"
    _write_labeled(f)
    res = CliRunner().invoke(
        main, ["eval", "clustering", str(f), "--label", "event_id", "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    for key in (
        "bcubed",
        "ari",
        "predicted_stories",
        "true_stories",
        "singleton_share",
        "articles_per_second",
        "assignments",
    ):
        assert key in data
    assert set(data["bcubed"]) == {"precision", "recall", "f1"}
    assert data["refiner"] == "minilm"  # installed by make test
    text = CliRunner().invoke(main, ["eval", "clustering", str(f)])
    assert text.exit_code == 0 and "B-cubed" in text.output and "close calls minilm" in text.output
    off = CliRunner().invoke(main, ["eval", "clustering", str(f), "--refiner", "none"])
    assert off.exit_code == 0 and "close calls" not in off.output
    names = [
        c["name"]
        for c in json.loads(
            CliRunner()
            .invoke(main, ["eval", "clustering", str(f), "--refiner", "none", "--format", "json"])
            .output
        )["provenance"]["components"]
    ]
    assert "refiner:minilm" not in names


def test_load_labeled_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "title": "no label"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="no 'event_id' field"):
        load_labeled(bad, "event_id")
    with pytest.raises(InputError, match="cannot read"):
        load_labeled(tmp_path / "missing.jsonl", "event_id")
    res = CliRunner().invoke(main, ["eval", "clustering", str(bad)])
    assert res.exit_code == 2
    assert "no 'event_id' field" in res.output
    assert "Traceback" not in res.output
