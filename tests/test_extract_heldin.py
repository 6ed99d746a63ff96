"""The held-in article set: twelve articles written for these tests, scored in-process with the shared scorer.

``tests/data/articles/*.txt`` imitate newsrooms (Xinhua, Kyodo, PTI, Yonhap, an EU press release,
a US State Department readout, a DFAT media release, VNA, Bernama in ``gold.json``; Antara, a
Japanese MOFA readout and a Korean daily in ``heldout.json``, first scored before any rule was
tuned on them); a second held-out set, articles 13-18 in ``heldout2.json`` (a Reuters wire story on an
ASEAN-US summit, a New Straits Times report on an ASEAN-EU ministerial meeting, Xinhua trade figures, The
Hindu on an ASEAN-India plan of action, an Australian joint media release on a trust fund, a TASS report
on ASEAN-Russia), had its gold written before kg was run on it and was scored before any rule was tuned on
it: F1 0.80 (precision 0.77, recall 0.84), attributes 0.86, 9 of 13 probed facts traced; by section F1
actors 0.78, people 0.77, events 0.77, agreements 0.86, plans 0.91, funds 0.57, fields 0.85, indicators
0.90. The gold files hold their expected answers in the format of
``../shared/eval/README.md``. The scorer's own matching
functions are imported from ``../shared/eval/score.py`` (beside the checkout, as in CI); the
named queries run in-process on an in-memory store per article, which is what ``score.py`` does
through the command line.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from kg import queries
from kg.ingest import ingest
from kg.store import Store

ARTICLES = Path(__file__).parent / "data" / "articles"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

F1_FLOOR = 0.88
"""Overall F1 reached when this test was written (0.93 on the twelve), minus a margin for small rule changes."""
ATTRIBUTES_FLOOR = 0.90
"""Attribute accuracy reached when this test was written (0.97 on the twelve), minus a margin."""
HELDOUT2_F1_FLOOR = 0.85
"""Overall F1 on articles 13-18 after the rules were generalised on them (0.89; 0.80 untuned), minus a margin."""
HELDOUT2_ATTRIBUTES_FLOOR = 0.90
"""Attribute accuracy on articles 13-18 after that work (0.95; 0.86 untuned), minus a margin."""
HELDOUT2_TRACED_FLOOR = 12
"""Probed facts of articles 13-18 traced to their sentence (12 of 13: a quote that follows its attribution
line in a media release is not yet tied to the minister)."""


def _scorer() -> ModuleType:
    assert SCORER.is_file(), f"the shared scorer is missing: {SCORER} (CI checks out ../shared beside the repository)"
    spec = importlib.util.spec_from_file_location("kg_shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(score: ModuleType, article: dict) -> dict:
    store = Store(None)
    report = ingest(store, [ARTICLES / article["input"]])
    assert not report.skipped
    sections = {}
    for section, conf in score.SECTIONS.items():
        rows = queries.run(store, section).to_json()["results"]["bindings"]
        got = score.group(rows, conf["key"], conf["labels"])
        sections[section] = score.score_section(section, article.get(section, {"items": []}), got)
    traced = 0
    for probe in article.get("sources", []):
        rows = queries.run(store, "sources", entity=probe["entity"]).to_json()["results"]["bindings"]
        traced += any(probe["quote_contains"].lower() in r.get("quote", {}).get("value", "").lower() for r in rows)
    return {"sections": sections, "traced": traced, "probes": len(article.get("sources", []))}


@pytest.fixture(scope="module")
def results() -> list[dict]:
    score = _scorer()
    articles = [a for name in ("gold.json", "heldout.json")
                for a in json.loads((ARTICLES / name).read_text(encoding="utf-8"))["articles"]]
    return [_score(score, article) for article in articles]


@pytest.fixture(scope="module")
def results2() -> list[dict]:
    score = _scorer()
    return [_score(score, article)
            for article in json.loads((ARTICLES / "heldout2.json").read_text(encoding="utf-8"))["articles"]]


def _totals(results: list[dict]) -> tuple[float, float]:
    tp = fp = fn = ok = checked = 0
    for r in results:
        for v in r["sections"].values():
            tp, fp, fn = tp + v["tp"], fp + v["fp"], fn + v["fn"]
            ok, checked = ok + v["attr_ok"], checked + v["attr_all"]
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return 2 * precision * recall / (precision + recall), ok / checked


def test_held_in_articles_score_at_least_the_level_reached(results: list[dict]) -> None:
    f1, attributes = _totals(results)
    misses = {s: v["missed"] + [x[0] for x in v["extra"]] for r in results for s, v in r["sections"].items() if v["missed"] or v["extra"]}
    assert f1 >= F1_FLOOR, f"F1 {f1:.3f} < {F1_FLOOR}; misses and extras include {misses}"
    assert attributes >= ATTRIBUTES_FLOOR, f"attributes {attributes:.3f} < {ATTRIBUTES_FLOOR}"


def test_every_probed_fact_traces_to_its_sentence(results: list[dict]) -> None:
    assert [r["traced"] for r in results] == [r["probes"] for r in results]


def test_every_article_yields_its_people_and_events(results: list[dict]) -> None:
    # No article of the set may lose all its people or events to a regression in one pattern.
    for r in results:
        assert r["sections"]["people"]["tp"] >= 1
        assert r["sections"]["events"]["tp"] >= 1


def test_second_held_out_set_scores_at_least_the_level_reached(results2: list[dict]) -> None:
    f1, attributes = _totals(results2)
    misses = {s: v["missed"] + [x[0] for x in v["extra"]] for r in results2 for s, v in r["sections"].items() if v["missed"] or v["extra"]}
    assert f1 >= HELDOUT2_F1_FLOOR, f"F1 {f1:.3f} < {HELDOUT2_F1_FLOOR}; misses and extras include {misses}"
    assert attributes >= HELDOUT2_ATTRIBUTES_FLOOR, f"attributes {attributes:.3f} < {HELDOUT2_ATTRIBUTES_FLOOR}"
    assert sum(r["traced"] for r in results2) >= HELDOUT2_TRACED_FLOOR
    for r in results2:
        assert r["sections"]["people"]["tp"] >= 1
        assert r["sections"]["events"]["tp"] >= 1
