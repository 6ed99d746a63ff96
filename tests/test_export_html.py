"""The interactive page, in a real headless Chromium driven by Selenium, with no network.

Chromium and chromedriver come from Debian (`.ci/setup.d/50-chromium.sh`); when
they are missing these tests fail rather than skip.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from kg.export import Selection, export
from kg.export.selection import graph_view
from kg.store import Store

EVIL = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    assert browser and driver, "Chromium and chromedriver are needed: run .ci/setup.d/50-chromium.sh"
    return browser, driver


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = _chromium()
    options = Options()
    options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,900",
        # No network: every request goes to a proxy that does not exist.
        "--proxy-server=http://127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_script_timeout(20)
    yield driver
    driver.quit()


def _write_page(store: Store, path: Path, **options) -> Path:
    with path.open("wb") as out:
        export(store, "html", out, Selection(), **options)
    return path


def _open(browser, page: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page.as_uri())
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return !!(window.kg && window.kg.ready)"))


def _errors(browser) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.fixture(scope="module")
def sample_page(sample_store, tmp_path_factory) -> Path:
    return _write_page(sample_store, tmp_path_factory.mktemp("page") / "graph.html")


def test_page_references_nothing_on_the_network(sample_page: Path) -> None:
    text = sample_page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", text, re.IGNORECASE)
    assert not re.search(r"<link\b", text, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", text, re.IGNORECASE)
    assert "default-src 'none'" in text  # the page's CSP forbids loading anything
    assert text.count("<script") == 3  # data, Cytoscape.js, the page's script


def test_page_loads_offline_and_shows_every_node(browser, sample_store, sample_page: Path) -> None:
    expected = graph_view(sample_store, Selection())
    _open(browser, sample_page)
    assert browser.find_element("id", "node-count").text == str(expected.number_of_nodes())
    assert browser.execute_script("return kg.cy.nodes().length") == expected.number_of_nodes()
    assert browser.execute_script("return kg.cy.edges().length") == expected.number_of_edges()
    assert not browser.find_element("id", "sample-note").is_displayed()
    legend = browser.find_element("id", "legend").text
    assert "Country (3)" in legend and "Person" in legend
    assert _errors(browser) == []


def test_search_finds_an_actor(browser, sample_page: Path) -> None:
    _open(browser, sample_page)
    box = browser.find_element("id", "search")
    box.send_keys("lavr")
    results = [b.text for b in browser.find_elements("css selector", "#search-results button")]
    assert results and results[0] == "Sergei Lavrov (Person)"
    browser.find_elements("css selector", "#search-results button")[0].click()
    assert browser.find_element("id", "panel-title").text == "Sergei Lavrov"


def _click_node(browser, label: str) -> None:
    """A real mouse click on the canvas where the node is drawn."""
    from selenium.webdriver.common.action_chains import ActionChains

    box = browser.find_element("id", "cy")
    x, y = browser.execute_script(
        "var label = arguments[0];"
        "var n = kg.cy.nodes().filter(function (n) { return n.data('label') === label; })[0];"
        "kg.cy.zoom(1.5); kg.cy.center(n); var p = n.renderedPosition(); return [p.x, p.y];",
        label,
    )
    width, height = box.size["width"], box.size["height"]
    ActionChains(browser).move_to_element_with_offset(box, int(x - width / 2), int(y - height / 2)).click().perform()


def test_clicking_a_node_shows_its_source_sentence(browser, sample_store, sample_page: Path) -> None:
    rows = sample_store.query(
        """SELECT ?label ?text WHERE { ?e a kgo:Event ; rdfs:label ?label ; kgo:statedIn ?s . ?s kgo:text ?text .
        FILTER(CONTAINS(?label, "press briefing")) }"""
    )
    expected = {(r["label"].value, r["text"].value) for r in rows}
    assert expected
    label = next(iter(expected))[0]
    _open(browser, sample_page)
    assert not browser.find_element("id", "panel").is_displayed()
    _click_node(browser, label)
    panel = browser.find_element("id", "panel")
    assert panel.is_displayed()
    assert browser.find_element("id", "panel-title").text == label
    text = panel.text
    assert any(sentence in text for _, sentence in expected)
    assert "2022-02-10" in text  # the article's date next to the sentence
    quotes = browser.find_elements("css selector", "#panel blockquote.source")
    assert quotes and all(q.find_element("css selector", "cite").text.startswith("—") for q in quotes)


def test_filters_hide_types_and_dates(browser, sample_store, sample_page: Path) -> None:
    graph = graph_view(sample_store, Selection())
    events = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "Event")
    # Dated nodes that begin by the end of 2021 (an event of 2021-10, an agreement since 1996…).
    dated_2021 = sum(1 for _, d in graph.nodes(data=True) if d.get("date") and d["date"] <= "2021-12-31")
    _open(browser, sample_page)
    browser.find_element("css selector", "#legend input[data-type='Event']").click()
    assert browser.find_element("id", "node-count").text == str(graph.number_of_nodes() - events)
    browser.find_element("css selector", "#legend input[data-type='Event']").click()
    browser.find_element("id", "hide-undated").click()
    browser.find_element("id", "date-to").send_keys("2021-12-31")
    assert 0 < dated_2021 < sum(1 for _, d in graph.nodes(data=True) if d.get("date"))
    assert browser.find_element("id", "node-count").text == str(dated_2021)


def test_page_samples_and_says_so(browser, sample_store, tmp_path: Path) -> None:
    page = _write_page(sample_store, tmp_path / "small.html", max_nodes=5)
    _open(browser, page)
    note = browser.find_element("id", "sample-note")
    assert note.is_displayed() and "most connected" in note.text
    assert browser.find_element("id", "node-count").text == "5"
    russia_degree = browser.execute_script(
        "return kg.cy.nodes().filter(function (n) { return n.data('label') === 'Russia'; }).length"
    )
    assert russia_degree == 1  # Russia is the best-connected node of the sample


@pytest.fixture(scope="module")
def evil_page(tmp_path_factory) -> tuple[Path, str]:
    """A store with an article whose title, and an actor whose name, carry markup and script."""
    from kg.ingest import ingest

    folder = tmp_path_factory.mktemp("evil")
    record = {
        "title": f"Talks {EVIL} & more",
        "url": "https://example.org/news/1",
        "date": "2023-05-02",
        "text": "Russian Foreign Minister Sergei Lavrov met ASEAN Secretary-General in Jakarta on May 2, 2023. "
        "The two sides discussed the ASEAN-Russia strategic partnership.",
    }
    (folder / "evil.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = Store(folder / "store")
    assert ingest(store, [folder / "evil.jsonl"]).skipped == []
    # An actor whose name is markup, stated in the article's first sentence.
    sentence = next(iter(store.query("SELECT ?s WHERE { ?s a kgo:Sentence }")))["s"]
    import pyoxigraph as ox

    from kg.terms import ID, KGO

    graph = next(iter(store.query("SELECT ?g WHERE { GRAPH ?g { ?a a kgo:Article } }")))["g"]
    evil = ox.NamedNode(str(ID) + "org/evil")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    russia = ox.NamedNode(str(ID) + "country/RUS")
    store.add_graph([
        ox.Quad(evil, rdf_type, ox.NamedNode(str(KGO.Organization)), graph),
        ox.Quad(evil, rdf_type, ox.NamedNode(str(KGO.Actor)), graph),
        ox.Quad(evil, label, ox.Literal(f"Evil {EVIL}"), graph),
        ox.Quad(evil, ox.NamedNode(str(KGO.ofCountry)), russia, graph),
        ox.Quad(evil, ox.NamedNode(str(KGO.mentionedIn)), sentence, graph),
    ])
    page = _write_page(store, folder / "evil.html")
    return page, f"Evil {EVIL}"


def test_markup_in_names_is_shown_as_text_and_never_runs(browser, evil_page) -> None:
    page, evil_label = evil_page
    html = page.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    _open(browser, page)
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.scripts.length") == 3
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    _click_node(browser, evil_label)
    assert browser.find_element("id", "panel-title").text == evil_label
    panel_text = browser.find_element("id", "panel").text
    assert f"Talks {EVIL} & more" in panel_text  # the article's title, as text
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.querySelectorAll('#panel img, #panel script').length") == 0


def test_page_data_is_inert_json() -> None:
    from kg.export.html import embed_json

    text = embed_json({"label": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"label": "</script><!-- & -->"}


def test_large_graph_is_sampled_with_a_note(sample_store) -> None:
    import networkx as nx

    from kg.export.html import page_data

    graph = nx.MultiDiGraph()
    for i in range(1, 60):
        graph.add_edge("http://x/hub", f"http://x/n{i}", relation="r")
    graph.add_edge("http://x/n1", "http://x/n2", relation="r")
    data = page_data(sample_store, graph, max_nodes=10)
    assert data["sampled"] and data["total_nodes"] == 60 and len(data["nodes"]) == 10
    assert [row[0] for row in data["nodes"][:3]] == ["http://x/hub", "http://x/n1", "http://x/n2"]
    buffer = io.BytesIO()
    note = __import__("kg.export.html", fromlist=["write_html"]).write_html(sample_store, graph, buffer, max_nodes=10)
    assert "10 most connected of 60 nodes" in note


def test_bundled_library_matches_its_note() -> None:
    from importlib.resources import files

    static = files("kg.export") / "static"
    library = (static / "cytoscape.min.js").read_text(encoding="utf-8")
    note = (static / "README.md").read_text(encoding="utf-8")
    version = re.search(r'\.version="(\d+\.\d+\.\d+)"', library).group(1)
    assert f"| {version} |" in note and f"cytoscape-{version}.tgz" in note
    assert "Permission is hereby granted" in (static / "cytoscape.LICENSE").read_text(encoding="utf-8")
