"""Query benchmark: named queries and graph commands on a ~1,000,000-triple store.

One command::

    python benchmarks/bench_queries.py                  # ~1M triples (5,000 articles), a few minutes
    python benchmarks/bench_queries.py --articles 500   # a quick run (~100k triples)

It generates quads shaped like ``kg ingest`` output directly (seeded RNG, the
ontology's terms from :mod:`kg.terms`): one named graph per article with its
sentences; countries, organizations and people with labels, aliases and
acronyms restated in every article that mentions them; events with dates at
day, month or year precision, places and participants; agreements and their
parties; plans; funds with balances and contributions; indicators; field
mentions.  Then it prints:

- the machine (cores, memory) and the library versions;
- p50/p95 latency of every named query (with realistic parameters, name
  resolution included) on the embedded Oxigraph store, and of the graph
  commands (projection, path, neighbours, rank, communities);
- the same named queries on rdflib's in-memory ``Dataset`` over the same quads,
  as a baseline in the same run, with the ratio.  rdflib is slow: it gets at
  most ``--rdflib-reps`` runs per query, each stopped after ``--rdflib-timeout``
  seconds (reported as ``>T``);
- ``kg --help`` wall time and ``kg query events -p actor=Russia`` on the sample
  store wall time (subprocesses, start-up included).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from kg.terms import BASE, KGO  # noqa: E402

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ID = BASE + "id/"

EVENT_KINDS = ["Meeting", "Summit", "Conference", "Forum", "PressBriefing", "Ceremony", "Visit", "Talks", "Speech"]
AGREEMENT_KINDS = [("Relations",), ("DialoguePartnership", "Partnership"), ("StrategicPartnership", "Partnership"),
                   ("ComprehensiveStrategicPartnership", "Partnership"), ("MemorandumOfUnderstanding",),
                   ("FreeTradeAgreement",), ("Declaration",)]
ORG_KINDS = [("IntergovernmentalOrganization",), ("Ministry", "GovernmentBody"), ("GovernmentBody",),
             ("DiplomaticMission",), ("IntergovernmentalBody",), ("Company",), ("ResearchInstitution",)]
COUNTRY_NAMES = ["Russia", "Vietnam", "Japan", "China", "India", "Thailand", "Indonesia", "Malaysia", "Singapore",
                 "Philippines", "Cambodia", "Laos", "Myanmar", "Brunei", "Australia", "New Zealand", "South Korea",
                 "United States", "Canada", "France", "Germany", "United Kingdom", "Italy", "Brazil", "Turkey"]


def k(term: Any) -> str:
    """An ontology term in N-Triples form (KGO is a closed namespace: a typo fails)."""
    return f"<{term}>"


def lit(value: Any, datatype: str | None = None) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"^^<{XSD}{datatype}>' if datatype else f'"{text}"'


class Corpus:
    """Entity pools and a quad generator, all from one seeded RNG."""

    def __init__(self, seed: int, fields: list[str]) -> None:
        self.rng = rng = random.Random(seed)
        self.fields = fields
        self.countries = [(f"<{ID}country/C{i:03d}>", COUNTRY_NAMES[i] if i < len(COUNTRY_NAMES) else f"Country {i}")
                          for i in range(120)]
        self.orgs = []
        for i in range(1500):
            kind = ORG_KINDS[0] if i < 40 else rng.choice(ORG_KINDS)
            name = "ASEAN" if i == 0 else f"Organization {i}"
            self.orgs.append((f"<{ID}org/o{i}>", name, kind, self.pick_country()))
        self.people = [(f"<{ID}person/p{i}>", f"Person {i}", self.pick_country()) for i in range(3000)]
        self.places = [(f"<{ID}place/l{i}>", f"City {i}") for i in range(300)]
        self.agreements = []
        for i in range(400):
            a, b = self.pick_actor(country_first=True), self.pick_actor()
            kind = rng.choice(AGREEMENT_KINDS)
            self.agreements.append((f"<{ID}agreement/g{i}>", f"{a[1]}-{b[1]} {kind[0]} {i}", kind, (a, b),
                                    rng.randint(1967, 2022)))
        self.plans = [(f"<{ID}plan/n{i}>", f"Plan of Action {i}", rng.randrange(400), 2000 + 5 * (i % 5))
                      for i in range(150)]
        self.funds = [(f"<{ID}fund/f{i}>", f"Cooperation Fund {i}") for i in range(60)]
        self.mentions: Counter[str] = Counter()
        """How many articles restate each actor's, plan's or agreement's label, by label."""

    def skewed(self, n: int) -> int:
        """An index in range(n), small ones far more often (news talks about a few actors a lot)."""
        return min(int(self.rng.paretovariate(1.2)) - 1, n - 1)

    def pick_country(self) -> tuple[str, str]:
        return self.countries[self.skewed(len(self.countries))]

    def pick_actor(self, country_first: bool = False) -> tuple[str, str]:
        roll = self.rng.random()
        if country_first or roll < 0.5:
            return self.pick_country()
        if roll < 0.8:
            org = self.orgs[self.skewed(len(self.orgs))]
            return org[0], org[1]
        person = self.rng.choice(self.people)
        return person[0], person[1]

    def article(self, n: int) -> list[str]:
        """The quads of one article's named graph."""
        rng = self.rng
        key = f"bench{n:06d}"
        g, art = f"<{ID}graph/{key}>", f"<{ID}article/{key}>"
        out: list[str] = []

        def t(s: str, p: str, o: str) -> None:
            out.append(f"{s} {p} {o} {g} .")

        year = rng.randint(2015, 2024)
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        t(art, RDF_TYPE, k(KGO.Article))
        t(art, f"<{SCHEMA}datePublished>", lit(published, "date"))
        t(art, f"<{SCHEMA}url>", lit(f"https://news.example.org/{key}", "anyURI"))
        t(art, f"<{SCHEMA}identifier>", lit(key))
        t(art, LABEL, lit(f"Article {n} about cooperation"))
        t(art, k(KGO.publisherName), lit(rng.choice(["VNA", "TASS", "Kyodo", "Xinhua", "Bernama"])))
        sentences = []
        for i in range(12):
            s = f"<{ID}article/{key}/s{i}>"
            sentences.append(s)
            t(s, RDF_TYPE, k(KGO.Sentence))
            t(s, k(KGO.inArticle), art)
            t(s, k(KGO.text), lit(f"Sentence {i} of article {n}, which says something about cooperation."))
            t(s, k(KGO.charStart), lit(i * 80, "integer"))
            t(s, k(KGO.charEnd), lit(i * 80 + 78, "integer"))
        sentence = lambda: rng.choice(sentences)  # noqa: E731

        agreement = self.agreements[self.skewed(len(self.agreements))]
        actors = {a for a in agreement[3]}
        while len(actors) < 6:
            actors.add(self.pick_actor())
        for iri, name in actors:
            self.actor(t, iri, name, sentence())
        # A person speaking in a post.
        pid, pname, pcountry = rng.choice(self.people)
        org = self.orgs[self.skewed(len(self.orgs))]
        title = rng.choice(["Minister of Foreign Affairs", "Spokesperson", "Ambassador"])
        # As kg writes posts: one IRI per person, title, body and represented country.
        post = f"<{ID}post/{pid[1:-1].rsplit('/', 1)[1]}/{title.lower().replace(' ', '-')}/{org[0][1:-1].rsplit('/', 1)[1]}/{pcountry[0][1:-1].rsplit('/', 1)[1]}>"
        t(pid, k(KGO.holdsPost), post)
        t(post, RDF_TYPE, k(KGO.Post))
        t(post, LABEL, lit(title))
        t(post, k(KGO.heldBy), pid)
        t(post, k(KGO.title), lit(title))
        t(post, k(KGO.postIn), org[0])
        t(post, k(KGO.onBehalfOf), pcountry[0])
        t(post, k(KGO.statedIn), sentence())
        for iri, name in ((pid, pname), (org[0], org[1]), pcountry):
            self.actor(t, iri, name, sentence())
        # Events.
        participants = sorted(actors | {(pid, pname)})
        for e in range(2):
            ev = f"<{ID}event/{key}/{e}>"
            kind = rng.choice(EVENT_KINDS)
            t(ev, RDF_TYPE, k(KGO.Event))
            t(ev, RDF_TYPE, k(getattr(KGO, kind)))
            t(ev, LABEL, lit(f"{kind.lower()} {n}.{e}"))
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            precision = rng.choice(["day", "day", "day", "month", "year"])
            if precision == "day":
                t(ev, k(KGO.date), lit(f"{year}-{month:02d}-{day:02d}", "date"))
                first = last = f"{year}-{month:02d}-{day:02d}"
            elif precision == "month":
                t(ev, k(KGO.date), lit(f"{year}-{month:02d}", "gYearMonth"))
                first, last = f"{year}-{month:02d}-01", f"{year}-{month:02d}-28"
            else:
                t(ev, k(KGO.date), lit(str(year), "gYear"))
                first, last = f"{year}-01-01", f"{year}-12-31"
            t(ev, k(KGO.earliest), lit(first, "date"))
            t(ev, k(KGO.latest), lit(last, "date"))
            t(ev, k(KGO.datePrecision), lit(precision))
            place = rng.choice(self.places)
            t(ev, k(KGO.place), place[0])
            t(place[0], RDF_TYPE, k(KGO.Place))
            t(place[0], LABEL, lit(place[1]))
            for who in rng.sample(participants, rng.randint(2, 4)):
                t(ev, k(KGO.hasParticipant), who[0])
            t(ev, k(KGO.statedIn), sentence())
        # The agreement the article is about.
        ag, label, kinds, parties, since = agreement
        t(ag, RDF_TYPE, k(KGO.Agreement))
        for kind in kinds:
            t(ag, RDF_TYPE, k(getattr(KGO, kind)))
        t(ag, LABEL, lit(label))
        self.mentions[label] += 1
        for party in parties:
            t(ag, k(KGO.party), party[0])
        t(ag, k(KGO.since), lit(str(since), "gYear"))
        t(ag, k(KGO.statedIn), sentence())
        subjects = [ag]
        if rng.random() < 0.3:
            plan, plabel, agi, start = self.plans[self.skewed(len(self.plans))]
            t(plan, RDF_TYPE, k(KGO.Plan))
            t(plan, RDF_TYPE, k(KGO.PlanOfAction))
            t(plan, LABEL, lit(plabel))
            self.mentions[plabel] += 1
            t(plan, k(KGO.startYear), lit(str(start), "gYear"))
            t(plan, k(KGO.endYear), lit(str(start + 4), "gYear"))
            t(plan, k(KGO.implements), self.agreements[agi][0])
            t(plan, k(KGO.linesTotal), lit(139, "integer"))
            t(plan, k(KGO.linesDone), lit(rng.randint(0, 139), "integer"))
            t(plan, k(KGO.progressAsOf), lit(published, "date"))
            t(plan, k(KGO.statedIn), sentence())
            subjects.append(plan)
        if rng.random() < 0.15:
            fund, flabel = self.funds[self.skewed(len(self.funds))]
            contributor = self.pick_country()
            balance, share = f"<{ID}fund/{key}/b>", f"<{ID}fund/{key}/c>"
            t(fund, RDF_TYPE, k(KGO.Fund))
            t(fund, LABEL, lit(flabel))
            t(fund, k(KGO.balance), balance)
            t(fund, k(KGO.hasContribution), share)
            t(fund, k(KGO.statedIn), sentence())
            t(balance, RDF_TYPE, k(KGO.MonetaryAmount))
            t(balance, k(KGO.amount), lit(rng.randint(1, 900) * 10000, "decimal"))
            t(balance, k(KGO.currency), lit("USD"))
            t(balance, k(KGO.asOf), lit(published, "date"))
            t(share, RDF_TYPE, k(KGO.Contribution))
            t(share, k(KGO.contributor), contributor[0])
            t(share, k(KGO.amount), lit(rng.randint(1, 50) * 100000, "decimal"))
            t(share, k(KGO.currency), lit("USD"))
            t(share, k(KGO.frequency), lit("year"))
            t(contributor[0], k(KGO.contributesTo), fund)
            self.actor(t, contributor[0], contributor[1], sentence())
        if rng.random() < 0.3:
            ind = f"<{ID}indicator/{key}>"
            t(ind, RDF_TYPE, k(KGO.Indicator))
            t(ind, LABEL, lit(rng.choice(["two-way trade", "investment", "tourist arrivals"])))
            t(ind, k(KGO.value), lit(rng.randint(1, 900) * 10**6, "decimal"))
            t(ind, k(KGO.unit), lit("USD"))
            t(ind, k(KGO.refDate), lit(str(year - 1), "gYear"))
            for party in parties:
                t(ind, k(KGO.about), party[0])
            t(ind, k(KGO.statedIn), sentence())
        for i in range(6):
            mention = f"<{ID}article/{key}/field{i}>"
            field = rng.choice(self.fields)
            t(mention, RDF_TYPE, k(KGO.FieldMention))
            t(mention, k(KGO.mentionSubject), rng.choice(subjects))
            t(mention, k(KGO.mentionField), f"<{field}>")
            t(mention, k(KGO.words), lit(field.rsplit("/", 1)[-1].replace("-", " ")))
            t(mention, k(KGO.statedIn), sentence())
            t(rng.choice(subjects), k(KGO.coversField), f"<{field}>")
        return out

    def actor(self, t: Callable[[str, str, str], None], iri: str, name: str, sentence: str) -> None:
        """An actor's description, restated in each article that mentions it (as kg writes it)."""
        t(iri, RDF_TYPE, k(KGO.Actor))
        if "/country/" in iri:
            t(iri, RDF_TYPE, k(KGO.Country))
            t(iri, ALT, lit(f"Republic of {name}"))
        elif "/person/" in iri:
            t(iri, RDF_TYPE, k(KGO.Person))
        else:
            org = self.orgs[int(iri.rsplit("/o", 1)[1][:-1])]
            t(iri, RDF_TYPE, k(KGO.Organization))
            for kind in org[2]:
                t(iri, RDF_TYPE, k(getattr(KGO, kind)))
            t(iri, k(KGO.acronym), lit("ASEAN" if name == "ASEAN" else f"O{name.split()[-1]}"))
            t(iri, k(KGO.ofCountry), org[3][0])
        t(iri, LABEL, lit(name))
        t(iri, k(KGO.mentionedIn), sentence)
        self.mentions[name] += 1


# -- measuring ----------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def timed(fn: Callable[[], Any], reps: int, warmup: int = 1) -> tuple[list[float], Any]:
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout()


def machine() -> str:
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    import networkx
    import pyoxigraph
    import rdflib

    return (f"machine: {os.cpu_count()} cores, {mem} RAM, {platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}; pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}, "
            f"networkx {networkx.__version__}")


def query_cases(corpus: Corpus) -> list[tuple[str, list[dict[str, str]]]]:
    """Each named query with a few realistic parameter sets (frequent and rare actors, ranges)."""
    present = [name for _, name in corpus.countries if corpus.mentions[name]]
    present.sort(key=lambda name: -corpus.mentions[name])
    mid_country, rare_country = present[len(present) // 2], present[-1]
    agreement = max((a[1] for a in corpus.agreements), key=lambda name: corpus.mentions[name])
    plan = max((p[1] for p in corpus.plans), key=lambda name: corpus.mentions[name])
    return [
        ("actors", [{}, {"type": "Country"}, {"type": "Person"}]),
        ("people", [{"actor": "Russia"}, {"actor": mid_country}]),
        ("events", [{"actor": "Vietnam", "from": "2021-01-01", "to": "2021-12-31"}, {"actor": rare_country},
                    {"actor": "Russia", "kind": "Summit", "from": "2022"}]),
        ("agreements", [{"actor": "Russia"}, {"actor": "ASEAN", "kind": "StrategicPartnership"}]),
        ("plans", [{"actor": "Russia"}, {"actor": mid_country}]),
        ("funds", [{"actor": "Russia"}, {"actor": "Japan"}]),
        ("fields", [{"subject": agreement}, {"subject": plan}]),
        ("indicators", [{"actor": "Vietnam"}, {"actor": mid_country}]),
        ("sources", [{"entity": agreement}, {"entity": rare_country}]),
        ("timeline", [{"actor": rare_country}, {"actor": "Thailand"}]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="Articles to generate (default 5000, ~1M triples).")
    parser.add_argument("--reps", type=int, default=20, help="Timed runs per named query on Oxigraph (default 20).")
    parser.add_argument("--graph-reps", type=int, default=3, help="Timed runs per graph command (default 3).")
    parser.add_argument("--rdflib-reps", type=int, default=3, help="Timed runs per named query on rdflib (default 3).")
    parser.add_argument("--rdflib-timeout", type=float, default=30.0,
                        help="Seconds after which one rdflib query run is stopped (default 30).")
    parser.add_argument("--no-rdflib", action="store_true", help="Skip the rdflib baseline.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import pyoxigraph as ox

    from kg import graph, queries
    from kg.store import PREFIXES, Store

    print(machine())
    work = Path(tempfile.mkdtemp(prefix="kg-bench-queries-"))
    try:
        store = Store(work / "store")
        store.ensure_ontology()
        fields = [r["c"].value for r in store.query(
            "SELECT DISTINCT ?c WHERE { ?c a skos:Concept } ORDER BY ?c")]
        corpus = Corpus(args.seed, fields)
        start = time.perf_counter()
        lines: list[str] = []
        for n in range(args.articles):
            lines.extend(corpus.article(n))
        data = "\n".join(lines).encode("utf-8")
        generated = time.perf_counter() - start
        start = time.perf_counter()
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        store.flush()
        loaded = time.perf_counter() - start
        # kg's extraction writes each article's share of the entities graph beside its graph;
        # here the graph is derived once from the generated article graphs by the same rules.
        start = time.perf_counter()
        entities = store.rebuild_entities()
        store.flush()
        derived = time.perf_counter() - start
        start = time.perf_counter()
        store.oxigraph.optimize()  # as `kg load` does after the bulk loader
        compacted = time.perf_counter() - start
        print(f"store: {args.articles} articles, {len(lines):,} quads generated in {generated:.1f} s, "
              f"bulk-loaded in {loaded:.1f} s; entities graph ({entities:,} triples) derived in {derived:.1f} s; "
              f"{len(store):,} quads with the ontology; compacted in {compacted:.1f} s")

        # -- named queries on Oxigraph (bind + resolve + run + read all rows) --
        cases = query_cases(corpus)
        ox_times: dict[str, list[float]] = {}
        ox_rows: dict[str, int] = {}
        texts: dict[str, list[str]] = {}
        for name, param_sets in cases:
            nq = queries.get(name)
            texts[name] = [queries.bind(store, nq, p) for p in param_sets]
            times: list[float] = []
            rows = 0
            for params in param_sets:
                t, result = timed(lambda: queries.run(store, name, **params), max(1, args.reps // len(param_sets)))
                times += t
                rows += len(result.rows)
            ox_times[name], ox_rows[name] = times, rows

        # -- graph commands --
        graph_times: dict[str, list[float]] = {}
        t, G = timed(lambda: graph.project(store), args.graph_reps, warmup=0)
        graph_times["project (whole store)"] = t
        print(f"projection: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges")
        t, _ = timed(lambda: graph.project(store, date_from="2021", date_to="2021"), args.graph_reps, warmup=0)
        graph_times["project --from 2021 --to 2021"] = t
        a = graph.resolve_node(store, G, corpus.countries[1][1])
        b = graph.resolve_node(store, G, corpus.countries[60][1])
        graph_times["path (after projection)"], found = timed(lambda: graph.paths(G, a, b), args.graph_reps)
        graph_times["neighbors --hops 2"], _ = timed(lambda: graph.neighborhood(G, a, 2), args.graph_reps)
        for by in graph.RANKINGS:
            graph_times[f"rank --by {by}"], _ = timed(lambda: graph.rank(G, by=by), args.graph_reps, warmup=0)
        graph_times["communities"], groups = timed(lambda: graph.communities(G), args.graph_reps, warmup=0)
        print(f"path {corpus.countries[1][1]} -> {corpus.countries[60][1]}: {len(found)} shortest path(s) of "
              f"{len(found[0]) if found else 0} hops; {len(groups)} communities")

        # -- rdflib baseline --
        rd_times: dict[str, list[float]] = {}
        rd_timeouts: dict[str, int] = {}
        if not args.no_rdflib:
            from rdflib import Dataset

            start = time.perf_counter()
            ds = Dataset(default_union=True)
            ds.parse(data=store.dump(ox.RdfFormat.N_QUADS), format="nquads")
            print(f"rdflib: {len(ds):,} quads parsed into an in-memory Dataset in {time.perf_counter() - start:.1f} s")
            signal.signal(signal.SIGALRM, _alarm)
            for name, bound in texts.items():
                rd_times[name], rd_timeouts[name] = [], 0
                for i in range(args.rdflib_reps):
                    text = bound[i % len(bound)]
                    signal.setitimer(signal.ITIMER_REAL, args.rdflib_timeout)
                    start = time.perf_counter()
                    try:
                        list(ds.query(text, initNs=PREFIXES))
                        rd_times[name].append(time.perf_counter() - start)
                    except _Timeout:
                        rd_timeouts[name] += 1
                        break
                    finally:
                        signal.setitimer(signal.ITIMER_REAL, 0)

        # -- start-up --
        kg = [sys.executable, "-m", "kg"]
        sample = work / "sample"
        subprocess.run([*kg, "--store", str(sample), "ingest", "-q", str(ROOT / "data" / "sample")], check=True,
                       capture_output=True)
        cli = {}
        cli["kg --help"], _ = timed(lambda: subprocess.run([*kg, "--help"], check=True, capture_output=True), 5)
        cli["kg query events -p actor=Russia (sample store)"], _ = timed(lambda: subprocess.run(
            [*kg, "--store", str(sample), "query", "events", "-p", "actor=Russia", "--format", "json"],
            check=True, capture_output=True), 5)
        cli["kg graph path Vietnam Russia (sample store)"], _ = timed(lambda: subprocess.run(
            [*kg, "--store", str(sample), "graph", "path", "Vietnam", "Russia"], check=True, capture_output=True), 3)

        # -- report --
        print()
        print(f"Named queries ({len(store):,} quads). Oxigraph: {args.reps} runs per query spread over its parameter "
              f"sets, p50/p95 ms including name resolution and reading every row. rdflib: at most "
              f"{args.rdflib_reps} runs, each stopped after {args.rdflib_timeout:.0f} s.")
        print(f"| query | rows | oxigraph p50 ms | oxigraph p95 ms | rdflib median ms | rdflib / oxigraph |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, _ in cases:
            t = ox_times[name]
            p50, p95 = pct(t, 0.5) * 1000, pct(t, 0.95) * 1000
            if name in rd_times and rd_times[name]:
                rd = statistics.median(rd_times[name]) * 1000
                rd_text, ratio = f"{rd:,.0f}", f"{rd / p50:,.0f}x"
                if rd_timeouts[name]:
                    rd_text += f" ({rd_timeouts[name]} run >{args.rdflib_timeout:.0f} s)"
            elif name in rd_timeouts:
                rd_text, ratio = f">{args.rdflib_timeout * 1000:,.0f}", f">{args.rdflib_timeout * 1000 / p50:,.0f}x"
            else:
                rd_text, ratio = "-", "-"
            flag = " **over 100 ms**" if p95 > 100 else ""
            print(f"| {name} | {ox_rows[name] // max(1, len(dict(cases)[name]))} | {p50:.1f} | {p95:.1f}{flag} | "
                  f"{rd_text} | {ratio} |")
        print()
        print(f"Graph commands (NetworkX on the projection; {args.graph_reps} runs each)")
        print("| step | p50 ms | max ms |")
        print("|---|---:|---:|")
        for name, t in graph_times.items():
            print(f"| {name} | {pct(t, 0.5) * 1000:,.1f} | {max(t) * 1000:,.1f} |")
        print()
        print("Command line wall time (subprocess, start-up included)")
        print("| command | median ms | max ms |")
        print("|---|---:|---:|")
        for name, t in cli.items():
            print(f"| {name} | {statistics.median(t) * 1000:,.0f} | {max(t) * 1000:,.0f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
