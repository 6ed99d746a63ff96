"""The curated tables of data/vocab, read through kg.vocab."""

from __future__ import annotations

import csv
import re

import pytest

from kg import resources, vocab

VOCAB_FILES = ["demonyms.tsv", "extra_country_aliases.tsv", "organizations.tsv", "titles.tsv", "event_kinds.tsv",
               "agreement_kinds.tsv", "plan_kinds.tsv", "currencies.tsv", "geographic_features.tsv"]


def _by_iso3() -> dict[str, vocab.Country]:
    return {c.iso3: c for c in vocab.countries()}


def _raw_rows(name: str) -> list[list[str]]:
    lines = resources.path("data", "vocab", name).read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line.strip()]
    while body and body[0].startswith("#"):
        body.pop(0)
    return [line.split("\t") for line in body[1:]]


@pytest.mark.parametrize("name", VOCAB_FILES)
def test_every_file_is_clean_and_documented(name):
    text = resources.path("data", "vocab", name).read_text(encoding="utf-8")
    lines = text.splitlines()
    started = False
    for line in lines:
        if not line.startswith("#"):
            started = True
        else:
            assert not started, f"{name}: comment after the header: {line!r}"
        assert line == line.rstrip(" "), f"{name}: trailing spaces: {line!r}"
    assert "\ufffd" not in text and "Ã" not in text
    readme = resources.path("data", "vocab", "README.md").read_text(encoding="utf-8")
    assert f"## {name}" in readme
    section = readme.split(f"## {name}", 1)[1].split("\n## ", 1)[0]
    assert "Source" in section or "source" in section or "Curated" in section


def test_readme_documents_countries_csv():
    readme = resources.path("data", "vocab", "README.md").read_text(encoding="utf-8")
    assert "## countries.csv" in readme and "c7402d12" in readme


# ---- countries -------------------------------------------------------------------------------------------------

def test_countries_basic():
    by = _by_iso3()
    assert len(by) == len(vocab.countries())  # iso3 unique
    vn = by["VNM"]
    assert vn.name == "Vietnam" and vn.iso2 == "VN" and vn.wikidata == "Q881"
    assert "Viet Nam" in vn.aliases and "Vietnamese" in vn.adjectives and vn.capital == "Hanoi"
    assert by["RUS"].adjectives == ("Russian",) and "Russian Federation" in by["RUS"].aliases
    assert by["RUS"].capital == "Moscow"
    assert {"US", "U.S.", "United States of America"} <= set(by["USA"].aliases)
    assert "American" in by["USA"].adjectives and by["USA"].capital == "Washington"
    assert {"Republic of Korea", "ROK"} <= set(by["KOR"].aliases) and "South Korean" in by["KOR"].adjectives
    assert "DPRK" in by["PRK"].aliases and "North Korean" in by["PRK"].adjectives
    assert {"PRC", "People's Republic of China"} <= set(by["CHN"].aliases)
    assert {"Lao PDR"} <= set(by["LAO"].aliases) and {"Lao", "Laotian"} <= set(by["LAO"].adjectives)
    assert {"UK", "Britain"} <= set(by["GBR"].aliases) and "British" in by["GBR"].adjectives
    assert "Burma" in by["MMR"].aliases and "Burmese" in by["MMR"].adjectives
    assert "Brunei Darussalam" in by["BRN"].aliases and by["BRN"].capital == "Bandar Seri Begawan"
    assert {"Philippine", "Filipino"} <= set(by["PHL"].adjectives)


def test_preferred_names_replace_odd_csv_names():
    by = _by_iso3()
    assert by["TLS"].name == "Timor-Leste" and "East Timor" in by["TLS"].aliases
    assert "Timor" not in by["TLS"].aliases
    assert by["FSM"].name == "Micronesia"


def test_csv_alias_noise_is_dropped():
    by = _by_iso3()
    every = [a for c in vocab.countries() for a in c.aliases]
    assert not any("Ã" in a or re.search(r"[À-Þ][A-Z]", a) for a in every)
    assert "Korea, Rep." not in by["KOR"].aliases
    assert "Bsnia.&Hrzgvna." not in by["BIH"].aliases
    assert "Russian Fed." not in by["RUS"].aliases
    assert "ÁEEland Islands" not in by["ALA"].aliases and "Åland Islands" in by["ALA"].aliases
    assert "St. Lucia" in by["LCA"].aliases  # a real short form survives
    for c in vocab.countries():
        assert c.name not in c.aliases
        assert len(set(c.aliases)) == len(c.aliases)


def test_all_member_states_have_adjectives_and_capitals():
    by = _by_iso3()
    asean = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"]
    partners = ["AUS", "CAN", "CHN", "IND", "JPN", "KOR", "NZL", "RUS", "USA", "GBR"]
    for iso3 in asean + partners:
        assert by[iso3].adjectives and by[iso3].capital, iso3
    rows = _raw_rows("demonyms.tsv")
    assert len(rows) >= 195
    with_capital = [r for r in rows if r[2]]
    assert len(with_capital) >= 193


def test_adjectives_belong_to_one_country():
    seen: dict[str, str] = {}
    for c in vocab.countries():
        for adjective in c.adjectives:
            assert adjective not in seen, (adjective, seen.get(adjective), c.iso3)
            seen[adjective] = c.iso3
    assert seen["Vietnamese"] == "VNM" and seen["Korean"] == "KOR" and seen["Thai"] == "THA"


def test_demonym_and_alias_rows_name_known_countries():
    with resources.path("data", "vocab", "countries.csv").open(encoding="utf-8") as fh:
        known = {row["iso3"] for row in csv.DictReader(fh)}
    demonyms = [r[0] for r in _raw_rows("demonyms.tsv")]
    assert len(demonyms) == len(set(demonyms))
    assert set(demonyms) <= known
    pairs = [(r[0], r[1]) for r in _raw_rows("extra_country_aliases.tsv")]
    assert len(pairs) == len(set(pairs))
    assert {iso3 for iso3, _ in pairs} <= known


# ---- organizations ---------------------------------------------------------------------------------------------

def _orgs() -> dict[str, vocab.Org]:
    return {o.name: o for o in vocab.organizations()}


def test_organizations_basic():
    orgs = _orgs()
    assert len(orgs) == len(vocab.organizations())  # names unique
    assert 80 <= len(orgs) <= 250
    asean = orgs["Association of Southeast Asian Nations"]
    assert asean.wikidata == "Q7768" and asean.acronyms == ("ASEAN",)
    assert asean.type == "IntergovernmentalOrganization" and asean.country == ""
    assert orgs["European Union"].wikidata == "Q458" and "EU" in orgs["European Union"].acronyms
    assert orgs["United Nations"].wikidata == "Q1065"
    assert orgs["State Duma"].type == "Parliament" and orgs["State Duma"].country == "RUS"
    assert orgs["Vietnam News Agency"].acronyms == ("VNA",) and orgs["Vietnam News Agency"].type == "NewsAgency"
    assert orgs["ASEAN Regional Forum"].acronyms == ("ARF",) and orgs["ASEAN Regional Forum"].type == "IntergovernmentalBody"
    assert orgs["MGIMO University"].type == "EducationInstitution"
    assert "Xinhua" in orgs["Xinhua News Agency"].aliases


def test_organization_types_ids_and_countries():
    iso3 = {c.iso3 for c in vocab.countries()}
    for o in vocab.organizations():
        assert o.type in vocab.ORG_TYPES
        assert o.source, o.name
        assert o.country == "" or o.country in iso3
        if o.wikidata:
            assert o.wikidata in vocab.CITED_WIKIDATA, o.name
    assert {o.wikidata for o in vocab.organizations() if o.wikidata} == {"Q7768", "Q458", "Q1065"}
    assert not [o for o in vocab.organizations() if o.type == "Ministry"]  # built from patterns, not listed


def test_organization_names_and_acronyms_are_unambiguous():
    seen: dict[str, str] = {}
    for o in vocab.organizations():
        for label in (o.name, *o.acronyms, *o.aliases):
            assert label not in seen or seen[label] == o.name, (label, seen.get(label), o.name)
            seen[label] = o.name


# ---- titles and kinds ------------------------------------------------------------------------------------------

def test_titles():
    by_phrase = {t.phrase: t for t in vocab.titles()}
    assert len(by_phrase) == len(vocab.titles())  # phrases unique
    assert len(by_phrase) >= 100
    fm = by_phrase["foreign minister"]
    assert (fm.title, fm.org) == ("Minister of Foreign Affairs", "Ministry of Foreign Affairs")
    assert by_phrase["minister of foreign affairs"].title == "Minister of Foreign Affairs"
    assert by_phrase["foreign ministry spokesperson"].org == "Ministry of Foreign Affairs"
    assert (by_phrase["spokeswoman"].title, by_phrase["spokeswoman"].org) == ("Spokesperson", "")
    assert by_phrase["prime minister"].org == "Government"
    assert by_phrase["deputy foreign minister"].title == "Deputy Minister of Foreign Affairs"
    assert by_phrase["defense minister"].title == by_phrase["minister of defence"].title
    assert by_phrase["secretary-general"].title == by_phrase["secretary general"].title == "Secretary-General"
    for t in vocab.titles():
        assert t.phrase == t.phrase.lower() and t.phrase.strip() == t.phrase
        assert isinstance(t.rank, int) and t.rank > 0
    # a longer phrase that contains a shorter one never ranks below it
    for long in vocab.titles():
        for short in vocab.titles():
            if short is not long and re.search(rf"(?<![\w-]){re.escape(short.phrase)}(?![\w-])", long.phrase):
                assert long.rank >= short.rank, (long.phrase, short.phrase)


@pytest.mark.parametrize(("loader", "allowed", "name", "minimum"), [
    (vocab.event_kinds, vocab.EVENT_KINDS, "event_kinds.tsv", 60),
    (vocab.agreement_kinds, vocab.AGREEMENT_KINDS, "agreement_kinds.tsv", 30),
    (vocab.plan_kinds, vocab.PLAN_KINDS, "plan_kinds.tsv", 12),
])
def test_kinds(loader, allowed, name, minimum):
    kinds = loader()
    assert len(kinds) >= minimum
    assert set(kinds.values()) <= allowed
    rows = _raw_rows(name)
    phrases = [r[0] for r in rows]
    assert len(phrases) == len(set(phrases)) == len(kinds)
    assert all(p == p.lower() for p in phrases)


def test_kind_contents():
    events, agreements, plans = vocab.event_kinds(), vocab.agreement_kinds(), vocab.plan_kinds()
    assert events["summit"] == "Summit" and events["commemorative summit"] == "Summit"
    assert events["press briefing"] == "PressBriefing" and events["press conference"] == "PressBriefing"
    assert events["signing ceremony"] == "Signing" and events["opening ceremony"] == "Ceremony"
    assert events["phone call"] == "Talks" and events["year of"] == "ThemedYear"
    assert "videoconference" not in events and "video conference" not in events
    assert set(events.values()) == vocab.EVENT_KINDS  # every class has a phrase
    assert agreements["dialogue partnership"] == "DialoguePartnership"
    assert agreements["comprehensive strategic partnership"] == "ComprehensiveStrategicPartnership"
    assert agreements["treaty of amity and cooperation"] == "Treaty"
    assert agreements["mou"] == "MemorandumOfUnderstanding" and agreements["fta"] == "FreeTradeAgreement"
    assert set(agreements.values()) == vocab.AGREEMENT_KINDS
    assert plans["comprehensive plan of action"] == "PlanOfAction" and plans["road map"] == "Roadmap"
    assert set(plans.values()) == vocab.PLAN_KINDS


# ---- currencies ------------------------------------------------------------------------------------------------

def test_currencies():
    by = {c.code: c for c in vocab.currencies()}
    assert len(by) == len(vocab.currencies())
    assert {"USD", "EUR", "JPY", "CNY", "RUB", "VND", "KRW", "INR", "AUD", "SGD", "MYR", "THB", "IDR", "PHP"} <= set(by)
    assert "$" in by["USD"].symbols and "US$" in by["USD"].symbols and "A$" in by["AUD"].symbols
    assert "dollar" not in by["USD"].names and "dollars" not in by["USD"].names  # ambiguous, a default in code
    assert "yen" in by["JPY"].names and "rouble" in by["RUB"].names and "ruble" in by["RUB"].names
    words: dict[str, str] = {}
    for c in vocab.currencies():
        assert re.fullmatch(r"[A-Z]{3}", c.code)
        for w in (*c.names, *c.symbols):
            key = w.lower() if w.isalpha() else w
            assert key not in words or words[key] == c.code, (w, words.get(key), c.code)
            words[key] = c.code


def test_loaders_are_cached():
    assert vocab.countries() is vocab.countries()
    assert vocab.organizations() is vocab.organizations()
    assert vocab.event_kinds() is vocab.event_kinds()


def test_geographic_features_hold_a_country_word():
    from kg.extract.gazetteer import gazetteer

    g = gazetteer()
    words = set(g.adjectives) | {n for n, k in g.names.items() if k.kind == "Country"}
    for feature in vocab.geographic_features():
        assert any(w in words for w in feature.split()), feature
