"""The extraction pipeline: one article in, :class:`kg.model.Facts` out.

Two passes over the sentences.  The first finds who is named where (countries,
organizations, people and their posts, acronyms, "A-B" pairs); the second finds
what is said about them (agreements, plans, funds, events, fields, indicators),
resolving "the two sides", "the bloc", surnames and acronyms against the first.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, LENGTH

from kg import vocab
from kg.extract import actors as A
from kg.extract.dates import DateValue, find_dates, find_periods
from kg.extract.gazetteer import Gazetteer, gazetteer, slug
from kg.extract.numbers import find_money, find_percentages, parse_number
from kg.extract.patterns import Patterns, modifiers_before, patterns
from kg.extract.text import nlp, normalise, sentences
from kg.model import (
    Actor,
    Agreement,
    Contribution,
    Event,
    Facts,
    FieldMention,
    Fund,
    Indicator,
    Plan,
    Post,
    Sentence,
    When,
)
from kg.readers import Article

_AGREEMENT_RANK = {"ComprehensiveStrategicPartnership": 4, "StrategicPartnership": 3, "DialoguePartnership": 2,
                   "Partnership": 1, "Relations": 0}
# "Leaders of ASEAN, except Myanmar, attended": who is named after the cue, up to the clause's end, stays away.
_EXCEPT_CUE = re.compile(r"\b(?:except|exception|apart|excluding)\b")
_EXCEPT = re.compile(r"\b(?:except(?:\s+for)?|with\s+the\s+exception\s+of|apart\s+from|excluding)\s+([^,;.()]{1,80}?)"
                     r"(?=\s*[,;.()]|\s+(?:attend\w*|joined|met|sent|took|were|was|are|is|will|have|has)\b|$)")
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                  "ninth": 9}
_ORDINAL_WORDS = {**_ORDINAL_UNITS, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                  "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_ORDINAL_WORD = (r"(?:(?:" + "|".join(_TENS) + r")[\-\u2010\u2011 ](?:" + "|".join(_ORDINAL_UNITS) + r")|"
                 + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r")")
# "the 30th anniversary of ASEAN-Korea relations", "the first anniversary of the U.S.-ASEAN CSP": the start, by subtraction.
_ANNIVERSARY = re.compile(
    r"\b(?:(\d{1,3})(?:st|nd|rd|th)|(" + _ORDINAL_WORD + r"))\s+(?:founding\s+)?anniversary\s+of\s+(?:the\s+)?"
    r"(?:establishment\s+of\s+(?:the\s+)?)?([\w.\-\u2013 ]{0,40})$", re.IGNORECASE)


def _ordinal_word(word: str) -> int:
    """ "first" → 1, "twenty-fifth" → 25."""
    parts = re.split(r"[\-\u2010\u2011 ]", word.lower())
    return _TENS[parts[0]] + _ORDINAL_UNITS[parts[1]] if len(parts) == 2 else _ORDINAL_WORDS[parts[0]]


_BECAME = re.compile(r"\b(?<!to )(?<!will )(?<!would )became\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w\-\u2013.]+(?:'s|\u2019s)?\s+){0,3}$")
# Negotiations still ahead or to be concluded by a target date: a process, not an event held.
_PROCESS_AHEAD = re.compile(
    r"[^.;]{0,30}?\b(?:(?:will|would|are\s+(?:expected|set|due|slated|scheduled)\s+to|is\s+(?:expected|set|due)\s+to)\s+"
    r"(?:start|begin|commence|kick\s+off|resume|continue|conclude|be\s+concluded|be\s+completed|be\s+finali[sz]ed)|"
    r"(?:targeted|targetted|aimed|expected|scheduled|slated|set)\s+to\s+(?:be\s+)?(?:conclude|concluded|complete|completed|finali[sz]ed?))\b")
_SEAT = re.compile(r"[^.;]{0,80}?\bat\s+the\s+((?>(?:[A-Z][\w\-.]*\s+){0,3}?(?:Ministry|Department)(?:\s+of\s+[A-Z]\w*(?:(?:\s+and)?\s+[A-Z]\w*){0,3})?"
                   r"|Kremlin|White\s+House|Blue\s+House|Presidential\s+Office))\b(?!,?\s+in\s+[A-Z])")
_HELD_BEFORE = re.compile(r"\b(?:held|hold|holds|holding|had|conducted|convened|round\s+of|rounds\s+of)\s+(?:\w+\s+){0,2}$",
                          re.IGNORECASE)
_THE_FUND = re.compile(r"\b(?:the|this|that)\s+fund\b")
_HELD_DIALOGUE = re.compile(
    # An ordinal or "annual" before a named "<A>-<B> Dialogue" makes it a session held, not the relationship
    # ("dialogue relations", "dialogue partner" stay agreements).
    r"(?:\b\d{1,3}(?:st|nd|rd|th)|\b[Aa]nnual)\s+(?:[A-Z][\w.]*(?:\s*[\-\u2013]\s*|\s+)){1,5}?(Dialogue)\b"
    r"(?!\s+(?:[Rr]elations?|[Pp]artners?(?:hip)?)\b)")
_VENUE_WORDS = {"Convention", "Exhibition", "Conference", "Media", "Press", "Trade", "Shopping", "Sports", "Cultural"}
_DOCUMENTS = {"Treaty", "MemorandumOfUnderstanding", "Declaration", "JointStatement", "FreeTradeAgreement"}
_EVENT_ROLE = {"chaired": "chair", "co-chaired": "chair", "hosted": "chair"}


def _when(d: DateValue) -> When:
    return When(d.value, d.precision, d.earliest.isoformat(), d.latest.isoformat())


@dataclass
class _Sent:
    """Per-sentence working state."""

    s: Sentence
    text: str  # normalised text of the sentence
    doc: Any  # spaCy span
    mentions: list[A.Mention] = field(default_factory=list)
    inner: list[A.Mention] = field(default_factory=list)  # names inside organization names ("ASEAN-EU ... Committee")
    people: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, person key
    pairs: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, key a, key b
    dates: list[DateValue] = field(default_factory=list)
    events: list[tuple[int, int, Event]] = field(default_factory=list)
    agreement_at: list[tuple[Agreement, int]] = field(default_factory=list)
    tok_text: list[str] = field(default_factory=list)  # the text of each token of ``doc``
    tok_idx: list[int] = field(default_factory=list)  # the article offset of each token of ``doc``

    def token_at(self, offset: int, after: bool = False) -> int | None:
        """:func:`_token_at` on ``doc``, from the token lists (no spaCy token objects)."""
        texts = self.tok_text
        for j, idx in enumerate(self.tok_idx):
            if after:
                if idx >= offset:
                    return j
            elif idx <= offset < idx + len(texts[j]):
                return j
        return len(texts) if after else None

    def keys_in(self, start: int, end: int) -> list[str]:
        """Actor keys mentioned between two article offsets, people included, in order."""
        found = [(m.start, m.key) for m in self.mentions if start <= m.start and m.end <= end]
        found += [(p0, key) for p0, p1, key in self.people if start <= p0 and p1 <= end]
        out: list[str] = []
        for _, key in sorted(found):
            if key not in out:
                out.append(key)
        return out


class _Extractor:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.g: Gazetteer = gazetteer()
        self.p: Patterns = patterns()
        self.facts = Facts()
        self.ref: dt.date | None = article.date
        self.surnames: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        self.focus: tuple[str, str] | None = None
        self.last_event: Event | None = None
        self.pending_event: Event | None = None
        self.last_plan: Plan | None = None
        self.last_fund: Fund | None = None
        self.last_person: str | None = None
        self.seen_person: str | None = None  # the last person named in the first pass
        self.mention_counts: Counter[str] = Counter()
        self.home: str | None = None  # key of the country the article is written from
        self.dollar: str | None = None  # that country's dollar, if it has one
        self.bare: set[str] = set()  # events introduced by a bare noun, which never merge into a named one
        self.generic_plans: set[str] = set()  # plans named only by a common noun ("the 2021-25 blueprint")

    # -- actors --------------------------------------------------------------------------

    def actor(self, key: str, label: str, kind: str, sentence: int | None, **extra: Any) -> Actor:
        found = self.facts.actors.get(key)
        if found is None:
            found = Actor(key, label, kind, **extra)
            self.facts.actors[key] = found
        if sentence is not None:
            found.sentences.add(sentence)
        return found

    def known_actor(self, key: str, sentence: int | None) -> Actor:
        known = self.g.by_key(key)
        if known is None:
            return self.facts.actors[key]
        extra: dict[str, Any] = {"country": known.country, "wikidata": known.wikidata, "acronym": known.acronym}
        a = self.actor(key, known.label, known.kind, sentence, **extra)
        a.aliases.update(known.aliases)
        return a

    # -- pass 1 --------------------------------------------------------------------------

    def first_pass(self, st: _Sent) -> None:
        index = st.s.index
        for m in A.known_mentions(st.doc):
            st.mentions.append(m)
            self.known_actor(m.key, index)
        # No head noun among the tokens, no organization span (spares org_spans' token objects).
        for left, right, head in A.org_spans(st.doc) if not A.ORG_HEADS.keys().isdisjoint(st.tok_text) else ():
            words = [t.text for t in st.doc[left:right]]
            org = A.canonical_org(words, head, self.g)
            if org is None or (head in ("Centre", "Center") and set(words) & _VENUE_WORDS):
                continue
            span = st.doc[left:right]
            if org.country:
                self.known_actor(org.country, index)
            a = self.actor(org.key, org.label, org.kind, index, country=org.country, wikidata=org.wikidata)
            a.aliases.add(re.sub(r"\s*([\-\u2013])\s*", "-", span.text))
            # An org span swallows the known names inside it ("ASEAN" in "ASEAN Tokyo Committee").
            st.inner += [m for m in st.mentions if not (m.end <= span.start_char or m.start >= span.end_char)]
            st.mentions = [m for m in st.mentions if m.end <= span.start_char or m.start >= span.end_char]
            st.mentions.append(A.Mention(span.start_char, span.end_char, org.key, "org"))
            acronym = re.match(r"\s*\(([A-Z][A-Za-z&]{1,9})\)", st.text[span.end_char - st.s.start:])
            if acronym:
                a.acronym = acronym.group(1)
                self.acronyms[acronym.group(1)] = org.key
        # A capital that acts stands for its government: "Tokyo and ASEAN agreed", "Beijing's position".
        for start, end, key in A.capital_metonyms(st.text, self.g):
            if all(end + st.s.start <= m.start or start + st.s.start >= m.end for m in st.mentions):
                st.mentions.append(A.Mention(st.s.start + start, st.s.start + end, key, "metonym"))
                self.known_actor(key, index)
        # Metonyms: "the Russian side" is Russia; "the bloc" is the bloc named most so far.
        for m in st.mentions:
            if m.how == "adjective" and re.match(r"\s+side\b", st.text[m.end - st.s.start:]):
                m.how = "metonym"
        for bloc_m in re.finditer(r"\b(?:the|this)\s+(?:\w+-member\s+|regional\s+)?(bloc|grouping)\b", st.text):
            blocs = Counter(x for x in self.mention_counts if self.facts.actors[x].kind == "IntergovernmentalOrganization")
            for mm in st.mentions:
                if self.facts.actors[mm.key].kind == "IntergovernmentalOrganization":
                    blocs[mm.key] += 1
            if blocs:
                key = blocs.most_common(1)[0][0]
                st.mentions.append(A.Mention(st.s.start + bloc_m.start(), st.s.start + bloc_m.end(), key, "metonym"))
                self.facts.actors[key].sentences.add(index)
        st.mentions.sort(key=lambda m: m.start)
        self.mention_counts.update(m.key for m in st.mentions)
        self.find_people(st)
        self.find_pairs(st)

    def find_people(self, st: _Sent) -> None:
        doc, base = st.doc, st.s.start
        taken: set[int] = set()
        for m in self.p.title.finditer(st.text):
            phrase = m.group(0)
            entry = self.p.titles[phrase.lower()]
            start_tok = st.token_at(base + m.start())
            end_tok = st.token_at(base + m.end(), after=True)
            if start_tok is None or end_tok is None or start_tok in taken:
                continue
            capital = phrase[0].isupper()
            # "Title Name" or "Title of ORG Name".
            name_start = end_tok
            org_key = None
            country_first: str | None = None
            of_org = re.match(r"(?:\s+for\s+[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|and|&))*)?\s+(?:(?:of|at|to)\s+(?:the\s+)?|for\s+the\s+)",
                              st.text[m.end():])
            if of_org:
                org_m = self.mention_at(st, base + m.end() + of_org.end())
                if org_m:
                    org_key = org_m.key
                    name_start = st.token_at(org_m.end, after=True) or name_start
                    # "Ambassador of Japan to ASEAN Kiya Masahiko": the country, then where the post is.
                    to = re.match(r"\s+to\s+(?:the\s+)?", st.text[org_m.end - base:])
                    posted = self.mention_at(st, org_m.end + to.end()) if to else None
                    if posted and entry[0] == "Ambassador" \
                            and self.facts.actors[org_m.key].kind in ("Country", "IntergovernmentalOrganization"):
                        name_start = st.token_at(posted.end, after=True) or name_start
                        country_first, org_key = org_m.key, posted.key
            # "Deputy Secretary-General of ASEAN for Community and Corporate Affairs Name", "ASEAN Deputy
            # Secretary-General for ASEAN Economic Community Name": skip the portfolio.
            portfolio = A.portfolio_after(doc, name_start)
            if portfolio is not None and (org_key or A.name_after(doc, A.after_honorifics(doc, portfolio, self.g.honorifics))
                                          > portfolio):
                name_start = portfolio  # only where a name follows ("Minister for ... and the Pacific, the Hon X")
            name_start = A.after_honorifics(doc, name_start, self.g.honorifics)  # "Minister Datuk Seri Dr X"
            name_end = A.name_after(doc, name_start)
            name = doc[name_start:name_end].text.rstrip(".") if name_end > name_start else ""
            appositive = None
            if not name:
                # "the Minister for Foreign Affairs, Senator the Hon Penny Wong:": the name follows a comma.
                comma = _TITLE_COMMA.match(st.text[(doc[name_start].idx - base) if name_start < len(doc) else len(st.text):])
                after_comma = st.token_at(base + (doc[name_start].idx - base if name_start < len(doc) else 0) + comma.end()) \
                    if comma and name_start < len(doc) else None
                if after_comma is not None:
                    first = A.after_honorifics(doc, after_comma, self.g.honorifics)
                    last = A.name_after(doc, first)
                    tail = st.text[doc[last - 1].idx + len(doc[last - 1].text) - base:] if last > first else ""
                    if last - first >= 2 and re.match(r"\s*(?:[,:;.]|$|MP\b|said\b|says\b|who\b)", tail):
                        name_start, name_end = first, last
                        name = doc[name_start:name_end].text.rstrip(".")
            if not name:
                # "Kao Kim Hourn, Secretary-General of ASEAN, said": the name stands before the title.
                appositive = A.name_before(doc, start_tok)
            if appositive is not None:
                name_start, name_end = appositive
                while name_end - name_start > 2 and doc[name_start].text.lower() in self.p.titles:
                    name_start += 1  # "Ambassador Tran Van Minh, head of ..."
                name = doc[name_start:name_end].text
                stop = doc[name_end - 1].idx + len(doc[name_end - 1].text)
                earlier = [k for _, p1, k in st.people if p1 == stop]
                person = earlier[0] if earlier else self.person_key(name, st, single_ok=True)
            else:
                if not capital and not self.before_is_country(st, m.start()):
                    continue
                person = self.person_key(name, st, single_ok=capital)
            if person is None:
                continue
            taken.update(range(start_tok, name_end))
            country = org = None
            # Left of the title: "Russian", "Vietnam's", "Russian Foreign Ministry"; for the second of two
            # titles joined by "and" ("Laos' Deputy Prime Minister and Minister of Foreign Affairs X"), left of the first.
            left = base + m.start()
            joined = re.search(r"\band\s+$", st.text[:m.start()])
            if joined:
                first_title = [t for t in self.p.title.finditer(st.text[:joined.start()]) if t.end() >= joined.start() - 1]
                left = base + first_title[-1].start() if first_title else left
            for mention in st.mentions:
                if mention.start < left and mention.end <= base + m.end() and left - mention.end <= 3 \
                        and self.facts.actors[mention.key].kind != "NewsAgency":  # "(PTI) Prime Minister X"
                    org, country = self.org_or_country(mention.key, org, country)
            if country_first:
                country = country_first
            accredited = org_key if of_org and entry[0] == "Ambassador" \
                and (country_first or re.search(r"\bto\s+(?:the\s+)?$", of_org.group(0))) else None
            bloc = country if country and self.facts.actors[country].kind == "IntergovernmentalOrganization" \
                else org if org and not country and self.facts.actors[org].kind == "IntergovernmentalOrganization" else None
            if accredited and country and self.facts.actors[country].kind == "Country" and accredited != country:
                # "Russian Ambassador to ASEAN X": the post is in Russia's mission to ASEAN (or embassy in a country).
                host = self.facts.actors[accredited]
                mission = (f"Permanent Mission of {self.facts.actors[country].label} to {host.label}"
                           if host.kind != "Country" else f"Embassy of {self.facts.actors[country].label} in {host.label}")
                org = self.actor(f"org/{country.split('/')[1].lower()}/{slug(mission)}", mission, "DiplomaticMission",
                                 None, country=country).key
            elif accredited and bloc and accredited != bloc:
                # "EU Ambassador to ASEAN X": a bloc's ambassador heads its delegation and represents the bloc.
                sender = self.facts.actors[bloc].label
                sender = sender if sender.isupper() else f"the {sender}"
                mission = f"Delegation of {sender} to {self.facts.actors[accredited].label}"
                org, country = self.actor(f"org/{slug(mission)}", mission, "DiplomaticMission", None).key, bloc
            elif org_key:
                org, country = self.org_or_country(org_key, org, country)
            # Apposition after the name: ", head of Vietnam's Permanent Mission to ASEAN".
            after = st.text[doc[name_end - 1].idx + len(doc[name_end - 1].text) - base:]
            appo = re.match(r",\s+(?!who\b|which\b|whose\b)(?:the\s+)?(?:(\w[\w\- ]{0,40}?)\s+(?:of|at|to)\s+(?:the\s+)?)", after)
            title = entry[0]
            if appo:
                offset = doc[name_end - 1].idx + len(doc[name_end - 1].text) + appo.end()
                target = self.mention_at(st, offset)
                # "Cambodian Prime Minister Hun Sen, the chair of ASEAN": a national post whose country the text
                # gives is held in that country's body; chairing the bloc does not move it there.
                national = entry[1] and country and self.facts.actors[country].kind == "Country" and org is None
                if target and national and self.facts.actors[target.key].kind == "IntergovernmentalOrganization":
                    target = None
                if target:
                    org, country = self.org_or_country(target.key, org, country)
            if org is None and entry[1] and country and self.facts.actors[country].kind == "Country":
                implied = A.country_org(entry[1], entry[1].split()[0], A.ORG_HEADS.get(entry[1].split()[0], "GovernmentBody"),
                                        self.g.by_key(country))
                org = self.actor(implied.key, implied.label, implied.kind, None, country=country).key
            if country is None and org:
                country = self.facts.actors[org].country or (org if self.facts.actors[org].kind == "IntergovernmentalOrganization" else None)
            self.add_post(person, title, org, country, st.s.index)
            if appositive is None or not any(k == person for _, _, k in st.people):
                st.people.append((doc[name_start].idx, doc[name_end - 1].idx + len(doc[name_end - 1].text), person))
        # "held talks with his Indonesian counterpart Retno Marsudi": same post, the adjective's country.
        for m in re.finditer(r"\b(?:his|her|their)\s+((?:[A-Z][\w'\-]+\s+){1,2})counterparts?\s+", st.text):
            start_tok = st.token_at(base + m.end(), after=True)
            name_end = A.name_after(doc, start_tok) if start_tok is not None else 0
            if start_tok is None or name_end - start_tok < 2 or start_tok in taken:
                continue
            person = self.person_key(doc[start_tok:name_end].text, st)
            country = next((mm.key for mm in st.mentions if base + m.start(1) <= mm.start < base + m.end(1)
                            and self.facts.actors[mm.key].kind == "Country"), None)
            # Whose counterpart: the person named before in the sentence (by full name or surname), else
            # the last person named ("She later met her Indonesian counterpart ...").
            subject = next((k for p0, _, k in reversed(st.people) if p0 < base + m.start()), None) \
                or next((self.surnames[t.text] for t in reversed(doc[:st.token_at(base + m.start(), after=True) or 0])
                         if t.text in self.surnames), None) or self.seen_person
            mine = [p for p in self.facts.posts if p.person == subject] \
                or [p for p in self.facts.posts if st.s.index in p.sentences]
            if person and mine and country:
                title = mine[-1].title
                org = None
                source_org = self.facts.actors.get(mine[-1].organization or "")
                if source_org is not None and source_org.country:
                    words = source_org.label.rsplit(" of ", 1)[0]
                    own = A.country_org(words, words.split()[0], source_org.kind, self.g.by_key(country))
                    org = self.actor(own.key, own.label, own.kind, st.s.index, country=country).key
                self.add_post(person, title, org, country, st.s.index)
            taken.update(range(start_tok, name_end))
            st.people.append((doc[start_tok].idx, doc[name_end - 1].idx + len(doc[name_end - 1].text), person))
        # A name with no title that heads the sentence and acts: "Wang Yi, a member of ..., met", "Anwar said".
        bare = A.bare_name(doc, self.g)
        if bare is not None and not any(i in taken for i in range(*bare)):
            name = doc[bare[0]:bare[1]].text
            person = self.person_key(name, st)
            if person is not None:
                taken.update(range(*bare))
                st.people.append((doc[bare[0]].idx, doc[bare[1] - 1].idx + len(doc[bare[1] - 1].text), person))
        # People already known, named again by surname or full name.  (``i`` is the token's index in
        # the article, as ``Token.i`` is, and it is compared and indexed as such.)
        surnames = self.surnames
        if surnames:
            texts, n, first = st.tok_text, len(st.tok_text), doc.start
            for j, text in enumerate(texts):
                i = first + j
                if i in taken:
                    continue
                key = surnames.get(text)
                if key and (i + 1 >= n or not A._NAME_TOKEN.match(texts[i + 1])):
                    st.people.append((st.tok_idx[j], st.tok_idx[j] + len(text), key))
                    self.facts.actors[key].sentences.add(st.s.index)
        if st.people:
            self.seen_person = max(st.people)[2]

    def before_is_country(self, st: _Sent, local: int) -> bool:
        return any(m.end <= st.s.start + local and st.s.start + local - m.end <= 2 for m in st.mentions)

    def org_or_country(self, key: str, org: str | None, country: str | None) -> tuple[str | None, str | None]:
        a = self.facts.actors.get(key)
        if a is None:
            return org, country
        if a.kind == "Country":
            return org, country or key
        return key, country or a.country

    def mention_at(self, st: _Sent, offset: int) -> A.Mention | None:
        for m in st.mentions:
            if m.start == offset or (m.start <= offset < m.end and m.how == "org"):
                return m
        return None

    def person_key(self, name: str, st: _Sent, single_ok: bool = False) -> str | None:
        stripped = True
        while stripped:  # "Datuk Seri Dr Zambry Abdul Kadir" is Zambry Abdul Kadir
            stripped = False
            for honorific in self.g.honorifics:
                if name.startswith(honorific + " ") and len(name.split()) - len(honorific.split()) >= 1:
                    name, stripped = name[len(honorific) + 1:], True
                    break
        # "KAMIKAWA Yoko": a family name in capitals is written as a name.
        name = " ".join(w.title() if len(w) > 2 and w.isupper() else w for w in name.split())
        words = name.split()
        if len(words) >= 2:
            key = f"person/{slug(name)}"
            self.actor(key, name, "Person", st.s.index)
            self.surnames.setdefault(words[-1], key)
            # Family names come first in Chinese, Korean, Vietnamese and often Japanese names: "Cho said".
            self.surnames.setdefault(words[0], key)
            return key
        if len(words) == 1 and words[0] in self.surnames:
            key = self.surnames[words[0]]
            self.facts.actors[key].sentences.add(st.s.index)
            return key
        if len(words) == 1 and single_ok and len(words[0]) >= 3 and not self.g.is_place_or_actor(words[0]):
            # "President Putin" with no full name in the article: the surname is all we know.
            key = f"person/{slug(name)}"
            self.actor(key, name, "Person", st.s.index)
            self.surnames.setdefault(words[0], key)
            return key
        return None

    def add_post(self, person: str, title: str, org: str | None, country: str | None, sentence: int) -> None:
        for post in self.facts.posts:
            # "Minister Kamikawa" after "KAMIKAWA Yoko, Minister for Foreign Affairs": the same post, said shortly.
            shorter = org is None and set(title.split()) <= set(post.title.split())
            if post.person == person and (post.title == title or (org is not None and post.organization == org) or shorter):
                post.organization = post.organization or org
                post.represents = post.represents or country
                post.sentences.add(sentence)
                return
        self.facts.posts.append(Post(person, title, org, country, {sentence}))
        if country:
            self.facts.actors[person].country = country

    def find_pairs(self, st: _Sent) -> None:
        ms = sorted((m for m in st.mentions + st.inner if self.facts.actors[m.key].kind in ("Country", "IntergovernmentalOrganization")),
                    key=lambda m: m.start)
        for a, b in itertools.pairwise(ms):
            gap = st.text[a.end - st.s.start:b.start - st.s.start]
            if re.fullmatch(r"\s*[\-\u2010-\u2015]\s*", gap) and a.key != b.key:
                st.pairs.append((a.start, b.end, a.key, b.key))

    # -- pass 2 --------------------------------------------------------------------------

    def choose_focus(self, sents: list[_Sent]) -> None:
        pairs = Counter(tuple(sorted((a, b))) for st in sents for _, _, a, b in st.pairs)
        if pairs:
            self.focus = pairs.most_common(1)[0][0]  # type: ignore[assignment]
            return
        counts = Counter(m.key for st in sents for m in st.mentions
                         if self.facts.actors[m.key].kind in ("Country", "IntergovernmentalOrganization"))
        top = [k for k, _ in counts.most_common(2)]
        if len(top) == 2:
            self.focus = tuple(sorted(top))  # type: ignore[assignment]

    def pair_label(self, parties: list[str]) -> str:
        # Blocs first, as the field writes them: "ASEAN-Russia".
        ordered = sorted(parties, key=lambda k: self.facts.actors[k].kind == "Country")
        return "-".join(self.facts.actors[k].acronym or self.facts.actors[k].label for k in ordered)

    def pair_before(self, st: _Sent, local: int) -> list[str] | None:
        """The "A-B" pair that ends right before a local offset (allowing "the")."""
        for start, end, a, b in st.pairs:
            between = st.text[end - st.s.start:local]
            if end - st.s.start <= local and re.fullmatch(r"\s*", between):
                return [a, b]
        return None

    def parties_near(self, st: _Sent, m_start: int, m_end: int) -> list[str] | None:
        pair = self.pair_before(st, m_start)
        if pair:
            return pair
        tail = st.text[m_end:]
        between = re.match(r"\s+between\s+(?:the\s+)?(.{1,80}?)\s+and\s+(?:the\s+)?(.{1,80}?)(?:[,.;]|\s+(?:in|on|at|to|is|are|was|were|has|have|will)\b|$)", tail)
        if between:
            keys = st.keys_in(st.s.start + m_end, st.s.start + m_end + between.end())
            if len(keys) >= 2:
                return keys[:2]
        head = st.text[max(0, m_start - 40):m_start]
        adj = [m for m in st.mentions if m.end <= st.s.start + m_start and st.s.start + m_start - m.end <= 12
               and m.how in ("adjective", "possessive") and self.facts.actors[m.key].kind == "Country"]
        with_ = re.match(r"\s+with\s+(?:the\s+)?", tail)
        if adj and with_:
            other = self.mention_at(st, st.s.start + m_end + with_.end())
            if other and other.key != adj[-1].key:
                return [adj[-1].key, other.key]
        if re.search(r"\b(bilateral|the two sides'?|both sides'?|their)\s+(\w+\s+){0,2}$", head, re.IGNORECASE) and self.focus:
            return list(self.focus)
        if re.search(r"\b(the|this|our|its)\s+(\w+\s+){0,2}$", head, re.IGNORECASE) and self.focus:
            return list(self.focus)
        # "upgrade ASEAN-Japan relations to a comprehensive strategic partnership": the one pair the sentence names.
        pairs = {tuple(sorted((a, b))) for _, _, a, b in st.pairs}
        if len(pairs) == 1:
            return list(next(iter(pairs)))
        if self.focus and all(any(m.key == k for m in st.mentions) for k in self.focus):
            return list(self.focus)
        return None

    def year_of(self, st: _Sent, near: int) -> int | None:
        """The year a sentence speaks of around a local offset: "2021 marks ...", "last year on the occasion of"."""
        year = re.match(r"\s*(?:In\s+)?((?:19|20)\d\d)\b(?![\-\u2013]\d)", st.text)
        if year:
            return int(year.group(1))
        if st.dates:
            nearest = min(st.dates, key=lambda d: min(abs(d.end - near), abs(d.start - near)))
            return int(nearest.value[:4])
        return self.ref.year if self.ref else None

    def agreements(self, st: _Sent) -> list[Agreement]:
        found = []
        for m in self.p.agreement.finditer(st.text):
            phrase = m.group(0)
            kind = self.p.agreement_kinds[phrase.lower()]
            rest = st.text[m.end():]
            if re.match(r"\s+[A-Z][a-z]+\s+(Fund|Committee|Council|Centre|Center|Forum)\b", rest) or re.match(r"\s*(Fund|Committee)\b", rest):
                continue
            if re.search(r"\b(international|public|foreign|external|regional)\s+$", st.text[:m.start()], re.IGNORECASE):
                continue
            # "elevated their ties to a comprehensive strategic partnership": the partnership names them.
            if kind in ("Relations", "Partnership") and re.match(r"(?:\s+(?:was|were|has\s+been|had\s+been|is|are|will\s+be)\s+(?:raised|elevated|upgraded|lifted))?\s+to\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}partnership\b", rest, re.IGNORECASE):
                continue
            # "The relationship, which began as a dialogue partnership in 1992, was elevated to ...": the
            # anaphoric general word is the more specific partnership the same sentence names.
            if kind in ("Relations", "Partnership") and re.search(r"\b(?:the|this|our|its|their)\s+$", st.text[:m.start()], re.IGNORECASE) \
                    and any(_AGREEMENT_RANK.get(self.p.agreement_kinds[o.group(0).lower()], -1) > _AGREEMENT_RANK[kind]
                            for o in self.p.agreement.finditer(st.text) if o.start() != m.start()):
                continue
            name, acronym, name_parties = self.document_name(st, m, kind)
            parties = name_parties or self.parties_near(st, m.start(), m.end())
            if not parties and phrase.lower().startswith("bilateral") and self.focus:
                parties = list(self.focus)
            # "In 2021 our relationship was elevated to a comprehensive strategic partnership": a sentence that
            # names no party speaks of the article's pair.
            if not parties and kind in ("DialoguePartnership", "StrategicPartnership", "ComprehensiveStrategicPartnership") \
                    and self.focus and not any(self.facts.actors[mm.key].kind in ("Country", "IntergovernmentalOrganization")
                                               for mm in st.mentions):
                parties = list(self.focus)
            if not parties and kind in _DOCUMENTS and self.focus and re.search(r"\b(signed|adopted|issued|inked|concluded|endorsed|conclude|negotiat\w*|finali[sz]\w*)\b", st.text):
                parties = list(self.focus)
            if not parties or len(set(parties)) < 2:
                continue
            if name:
                key = f"agreement/{slug(name)}"
                label = name
            else:
                key = f"agreement/{kind.lower()}/" + "--".join(sorted(slug(p) for p in parties))
                words = re.sub(r"^(bilateral|full|comprehensive)\s+", "", phrase.lower()) if kind != "ComprehensiveStrategicPartnership" else phrase.lower()
                label = f"{self.pair_label(parties)} {'relations' if kind == 'Relations' else words}"
            agreement = self.facts.agreements.get(key)
            if agreement is None:
                agreement = Agreement(key, kind, label, list(parties))
                self.facts.agreements[key] = agreement
            if acronym:
                self.acronyms[acronym] = key
            for p in parties:
                self.known_actor(p, st.s.index) if self.g.by_key(p) else None
            agreement.sentences.add(st.s.index)
            self.since(st, m, agreement)
            found.append(agreement)
            st.agreement_at.append((agreement, m.start()))
        return found

    def document_name(self, st: _Sent, m: re.Match[str], kind: str) -> tuple[str | None, str | None, list[str]]:
        """The proper name of a treaty, declaration or FTA written in capitals, its acronym and the parties it names.

        "the ASEAN-Australia-New Zealand Free Trade Agreement (AANZFTA)", "the Treaty of Amity and
        Cooperation in Southeast Asia".
        """
        if kind not in _DOCUMENTS or not m.group(0)[0].isupper():
            return None, None, []
        left = re.search(r"((?:[A-Z][\w']*(?:\s*[\-\u2013]\s*|\s+))*)$", st.text[:m.start()])
        prefix = re.sub(r"^(The|A|An)\s+", "", left.group(1)) if left else ""
        right = re.match(r"((?:\s+(?:of|on|in|for|and|between)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)*)(?:\s*\(([A-Z][A-Za-z]{1,11})\))?", st.text[m.end():])
        start = m.start() - len(prefix)
        end = m.end() + len(right.group(1))
        name = re.sub(r"\s*[\-\u2013]\s*", "-", st.text[start:end]).strip()
        parties = [mm.key for mm in st.mentions if st.s.start + start <= mm.start and mm.end <= st.s.start + end
                   and self.facts.actors[mm.key].kind in ("Country", "IntergovernmentalOrganization")]
        return name, right.group(2), list(dict.fromkeys(parties)) if len(set(parties)) >= 2 else []

    def since(self, st: _Sent, m: re.Match[str], agreement: Agreement) -> None:
        before = st.text[:m.start()]
        ann = _ANNIVERSARY.search(before) if "nniversary" in before else None
        years = re.search(r"\b(\d{1,3}|" + "|".join(self.p.number_words) + r")\s+years\s+of\s+(?:the\s+)?([\w\-\u2013 ]{0,40})$", before, re.IGNORECASE) \
            or re.search(r"\b(\d{1,3}|" + "|".join(self.p.number_words) + r")\s+years\s+since\s+[\w'\-\u2013 ]{0,60}?"
                         r"\b(?:became|becoming|established|establishing|began|launched|forged)\b[\w'\-\u2013 ]{0,40}$", before, re.IGNORECASE)
        n = None
        if ann:
            n = int(ann.group(1)) if ann.group(1) else _ordinal_word(ann.group(2))
        elif years:
            n = int(parse_number(years.group(1)) or 0) or None
        if n:
            year = self.year_of(st, m.start())
            if year and (agreement.since is None or agreement.since_derived):
                agreement.since, agreement.since_derived = str(year - n), True
            return
        stated = re.match(r"[^.]{0,60}?(?<!\bbe )(?<!\bbeen )\b(?:established|set up|forged|launched|began|started|upgraded|elevated|signed|inked|concluded)\b[^.]{0,30}?\bin\s+(?:(?:early|mid|late)\s+)?(?:[A-Z][a-z]+\s+(?:\d{1,2},?\s+)?)?((?:19|20)\d\d)\b", st.text[m.end():])
        if stated and re.search(r"\b(?:to|will|would|could|should|may|might|expected)\s+be\s+\S+\s*$", st.text[m.end():m.end() + stated.start(1)].split(" in ")[0]):
            stated = None  # "expected to be concluded in 2024" is not when it began
        if stated and self.p.agreement.search(st.text[m.end():m.end() + stated.start(1)]):
            stated = None  # "a dialogue partnership in 1992, was upgraded to a strategic partnership in 2012": the later one's
        since = re.match(r"\s*(?:since|from)\s+((?:19|20)\d\d)\b", st.text[m.end():]) \
            or re.match(r"[^.;,]{0,40}?\bsince\s+((?:19|20)\d\d)\b", st.text[m.end():])
        hit = stated or since
        if hit:
            # A stated day or month keeps its precision (kgo:since is an xsd:gYear, xsd:gYearMonth or xsd:date).
            exact = [d for d in st.dates if m.end() + hit.start(1) < d.end <= m.end() + hit.end(1) + 1 and d.value[:4] == hit.group(1)]
            agreement.since, agreement.since_derived = (_since(exact[0]) if exact and not since else hit.group(1)), False
            return
        # "the partnership they launched in Phnom Penh last November", "RCEP, which entered into force on Jan. 1, 2022":
        # the first date written shortly after the verb that follows the agreement.
        begun = re.match(r"[^.;]{0,60}?(?<!\bbe )\b(?:established|set up|forged|launched|began|started|upgraded|elevated|signed|inked|"
                         r"concluded|entered\s+into\s+force|came\s+into\s+(?:force|effect)|took\s+effect|went\s+into\s+effect)\b",
                         st.text[m.end():])
        if begun:
            after = m.end() + begun.end()
            dated = [d for d in st.dates if after <= d.start and d.start - after <= 30]
            if dated and agreement.since is None:
                agreement.since, agreement.since_derived = _since(dated[0]), False
                return
        # "A and B elevated their ties to a comprehensive strategic partnership in November 2022"
        verb = re.search(r"\b(?:established|set up|forged|launched|upgraded|elevated|raised|upgrade|elevate|raise|upgrading|elevating)\b[^.;]{0,60}?\bto\s+(?:a|an|the)\s+(?:\w+\s+){0,3}$", before)
        if not verb:
            # "The United States became ASEAN's dialogue partner in 1977": the start.
            verb = _BECAME.search(before) if "becam" in before else None
        if not verb:
            verb = re.search(r"\b(?:established|set up|forged|establish|establishing|forge|launch|launched|signed|sign|inked|"
                             r"began\s+as|started\s+as|"
                             r"adopted|issued|endorsed)\s+(?:\w+\s+){0,2}$", before)
        if verb:
            later = [d for d in st.dates if d.start >= m.end() and d.start - m.end() < 40]
            # "In December 2020, the EU and ASEAN launched a strategic partnership": the sentence's one date.
            anchor = (verb.start() if verb else m.start())
            fronted = [d for d in st.dates if d.end <= anchor and anchor - d.end <= 30] \
                or ([d for d in st.dates if d.end <= m.start()] if len(st.dates) == 1 else [])
            fronted = fronted[-1:]
            chosen = later or fronted
            if chosen and agreement.since is None:
                agreement.since, agreement.since_derived = _since(chosen[0]), False

    def link_plans(self) -> None:
        """A plan with no stated relationship implements the closest one between its parties."""
        for plan in self.facts.plans.values():
            if plan.implements:
                continue
            parties = plan.key.split("/")[1]
            candidates = [a for a in self.facts.agreements.values() if a.kind in _AGREEMENT_RANK
                          and "--".join(sorted(slug(p) for p in a.parties)) == parties]
            if candidates:
                plan.implements = max(candidates, key=lambda a: _AGREEMENT_RANK[a.kind]).key

    def focus_agreement(self) -> Agreement | None:
        if not self.facts.agreements:
            return None
        return max(self.facts.agreements.values(), key=lambda a: (_AGREEMENT_RANK.get(a.kind, 0), -len(a.sentences)))

    def plans(self, st: _Sent, found_agreements: list[Agreement]) -> list[Plan]:
        found = []
        implements: str | None = None
        matches = [(m.start(), m.end(), m.group(0), self.p.plan_kinds[m.group(0).lower()]) for m in self.p.plan.finditer(st.text)]
        for acronym, key in self.acronyms.items():
            if key.startswith("plan/"):
                for m in re.finditer(r"\b" + re.escape(acronym) + r"\b", st.text):
                    matches.append((m.start(), m.end(), acronym, self.facts.plans[key].kind))
        for start, end, phrase, kind in sorted(matches):
            rest = st.text[end:]
            acr = re.match(r"\s*\(([A-Z][A-Za-z]{1,9})\)", rest)
            after = rest[acr.end():] if acr else rest
            period = _PERIOD_AFTER.match(after)
            tail = ""
            if not period and phrase[0].isupper():
                # "Plan of Action to Implement the ASEAN-China Strategic Partnership for Peace and Prosperity (2021-2025)"
                named = _NAME_TAIL.match(after)
                if named and named.group(1).strip() and _PERIOD_AFTER.match(after[named.end(1):]):
                    tail = re.sub(r"\s*[\-\u2013]\s*", "-", named.group(1).strip())
                    period = _PERIOD_AFTER.match(after[named.end(1):])
                    for agreement in found_agreements:
                        if agreement.label.lower() in tail.lower() or agreement.kind.lower() in slug(tail).replace("-", ""):
                            implements = agreement.key
            period_before = re.search(r"((?:19|20)\d\d\s*[\-\u2010-\u2015]\s*(?:(?:19|20)?\d\d))\s+$", st.text[:start])
            span = period or period_before
            years = find_periods(span.group(1)) if span else []
            lower = not phrase[0].isupper() and phrase not in self.acronyms
            funded = False
            if lower and not acr and kind == "Programme":
                # "a 40 million euro programme to support ..., which runs from 2024 to 2027": an unnamed programme
                # with a budget or a stated duration is a plan; "The programme will run from 2024 to 2027" refers
                # to the one named before.
                years = years or _duration(st.text, end)
                definite = re.search(r"\b(?:the|this|that)\s+(?:new\s+|same\s+|joint\s+)?$", st.text[:start], re.IGNORECASE)
                previous = self.last_plan
                if definite and previous is not None and previous.kind == kind:
                    if years and previous.start is None:
                        previous.start, previous.end = years[0][0], years[0][1]
                        previous.label = f"{previous.label} {previous.start}-{previous.end}"
                    previous.sentences.add(st.s.index)
                    found.append(previous)
                    continue
                funded = _funded(st.text, start, end)
                if not years and not funded:
                    continue
            if phrase in self.acronyms:
                base = self.facts.plans[self.acronyms[phrase]]
                name, parties = base.label.split(" 20")[0].split(" 19")[0], None
                parties_key = base.key.split("/")[1]
            else:
                if not (phrase[0].isupper() or years or acr or funded):
                    continue
                parties = self.pair_before(st, start) or (list(self.focus) if self.focus else [])
                name_words = phrase if phrase[0].isupper() else phrase.title()
                name_words = f"{name_words} {tail}" if tail else name_words
                name = f"{self.pair_label(parties)} {name_words}" if parties and not tail else name_words
                parties_key = "--".join(sorted(slug(p) for p in parties)) or "x"
            start_year = end_year = None
            if years:
                start_year, end_year = years[0][0], years[0][1]
            elif phrase in self.acronyms:
                start_year, end_year = base.start, base.end  # "the AKWP" alone is the plan it abbreviates
            label = f"{name} {start_year}-{end_year}" if start_year else name
            key = f"plan/{parties_key}/{slug(kind)}-{start_year}-{end_year}" if start_year else f"plan/{parties_key}/{slug(name)}"
            plan = self.facts.plans.get(key)
            if plan is None:
                plan = Plan(key, kind, label, start_year, end_year)
                self.facts.plans[key] = plan
                if not phrase[0].isupper() and phrase not in self.acronyms:
                    self.generic_plans.add(key)
            elif phrase[0].isupper():
                self.generic_plans.discard(key)
            if implements:
                plan.implements = implements
            if acr:
                plan.acronym = acr.group(1)
                self.acronyms[acr.group(1)] = key
            plan.sentences.add(st.s.index)
            found.append(plan)
            self.last_plan = plan
        # Every way of stating progress names its unit ("activities", "lines of action", ...): skip the
        # costly expression in sentences that name none.
        progress = self.p.progress.search(st.text) if _PROGRESS_CUE.search(st.text) else None
        target = found[0] if found else self.last_plan
        if progress and target:
            n = next(x for x in ("", "2", "3") if progress.group("done" + x) is not None)
            done = parse_number(progress.group("done" + n))
            total = parse_number(progress.group("total" + n))
            if done is not None and total is not None and done <= total:
                target.lines_done, target.lines_total = int(done), int(total)
                target.lines_unit = progress.group("unit" + n).lower()
                target.sentences.add(st.s.index)
                # "as of end-2023", "by June 2024": the date of the count, else the sentence's first date.
                counted = [d for d in st.dates
                           if re.search(r"\b(?:as\s+(?:of|at)|by|up\s+to|until)\s+(?:the\s+)?$", st.text[:d.start])]
                if counted or st.dates:
                    target.as_of = _when((counted or st.dates)[0])
        return found

    def funds(self, st: _Sent) -> list[Fund]:
        found = []
        for m in self.p.fund.finditer(st.text):
            raw = re.sub(r"^(?:The|the)\s+", "", m.group("name"))
            label = re.sub(r"\s*[\-\u2013\u2014]\s*", "-", raw)
            key = f"fund/{slug(label)}"
            # "The Trust Fund" after "the ASEAN-Australia Smart Cities Trust Fund": the fund named before.
            definite = re.search(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+$", st.text[:m.start("name")]) or raw != m.group("name")
            earlier = [f for f in self.facts.funds.values() if f.label.endswith(" " + label)]
            if key not in self.facts.funds and definite and len(earlier) == 1:
                key = earlier[0].key
            fund = self.facts.funds.get(key) or Fund(key, label)
            self.facts.funds[key] = fund
            if m.group("acr"):
                fund.acronym = m.group("acr")
                self.acronyms[fund.acronym] = key
            found.append(fund)
        for acronym, key in self.acronyms.items():
            if key.startswith("fund/") and re.search(r"\b" + re.escape(acronym) + r"\b(?!\))", st.text) \
                    and self.facts.funds[key] not in found:
                found.append(self.facts.funds[key])
        # "Seoul has contributed US$14 million annually to the fund": the fund named before.
        anaphora = not found and self.last_fund is not None and "fund" in st.text and _THE_FUND.search(st.text)
        if anaphora:
            found.append(self.last_fund)
        if not found:
            return found
        fund = found[0]
        self.last_fund = fund
        fund.sentences.add(st.s.index)
        money = find_money(st.text)
        for i, amount in enumerate(money):
            tail = st.text[amount.end:]
            contrib = re.match(r"\s*(?:of which|of that)\s+(?:was|were|is|are|has been|have been)?\s*(?:contributed|provided|funded|given|donated)\s+by\s+(?:the\s+)?", tail)
            # "The fund has received 14 million USD a year from Korea".
            received = re.search(r"\b(?:receiv\w*|gets?|got|obtain\w*)\s+(?:\w+\s+){0,2}$", st.text[:amount.start]) \
                and re.match(r"(?:\s+[\w\-]+){0,3}?\s+from\s+(?:the\s+)?", tail)
            if received:
                who = self.mention_at(st, st.s.start + amount.end + received.end())
                if who and self.facts.actors[who.key].kind in ("Country", "IntergovernmentalOrganization"):
                    fund.contributions.append(Contribution(who.key, amount.amount, self.currency(st, amount), _per(tail)))
                    continue
            if contrib:
                who = self.mention_at(st, st.s.start + amount.end + contrib.end())
                if who:
                    fund.contributions.append(Contribution(who.key, amount.amount, self.currency(st, amount), _per(tail)))
                continue
            # "the Fund, to which Moscow transfers $1.5 mln annually": the giver stands between "to which" and the verb.
            to_which = re.search(r"\bto\s+which\s+(?:the\s+)?(?P<who>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)\s+(?:\w+\s+)?"
                                 r"(?:transfer|contribute|provide|pay|give|donate|allocate|grant)s?\w*\s+(?:\w+\s+){0,2}$",
                                 st.text[:amount.start])
            if to_which:
                giver = next((mm.key for mm in st.mentions if st.s.start + to_which.start("who") <= mm.start < st.s.start + to_which.end("who")), None)
                known = self.g.capitals.get(to_which.group("who")) or self.g.names.get(to_which.group("who"))
                giver = giver or (known.key if known is not None and known.kind in ("Country", "IntergovernmentalOrganization") else None)
                if giver:
                    fund.contributions.append(Contribution(giver, amount.amount, self.currency(st, amount), _per(tail)))
                    continue
            # "India had topped up the Fund with another $5 million", "X will contribute an additional $20 million to the Fund".
            gives = re.search(r"\b(?:top\w*\s+up|replenish\w*|contribut\w*|provid\w*|pledg\w*|donat\w*|allocat\w*)\s+"
                              r"(?:(?:the\s+)?[^.;]{0,80}?\bFund\b(?:\s*\([A-Z]\w*\))?\s+with\s+)?(?:\w+\s+){0,3}$", st.text[:amount.start])
            to_fund = re.match(r"(?:\s+[\w\-]+){0,3}?\s+(?:to|for|into|in)\s+(?:the\s+)?[^.;]{0,80}?Fund\b", tail) \
                or (anaphora and re.match(r"(?:\s+[\w\-]+){0,3}?\s+(?:to|for|into|in)\s+(?:the|this|that)\s+fund\b", tail))
            if gives and ("with" in gives.group(0).split() or to_fund):
                before_verb = [mm.key for mm in st.mentions if mm.end <= st.s.start + gives.start()]
                givers = [k for k in before_verb if self.facts.actors[k].kind == "Country"] \
                    or [k for k in before_verb if self.facts.actors[k].kind == "IntergovernmentalOrganization"]
                speaker = [self.facts.actors[k].country for p0, _, k in st.people
                           if p0 <= st.s.start + gives.start() and self.facts.actors[k].country]
                giver = (givers or speaker or [self.home])[-1]
                if giver:
                    fund.contributions.append(Contribution(giver, amount.amount, self.currency(st, amount), _per(tail)))
                    continue
            # "announced an additional contribution of 100 million US dollars to the Fund": the sentence's country.
            if re.search(r"\bcontributions?\s+of\s+(?:some\s+|about\s+|over\s+)?$", st.text[:amount.start]):
                givers = [mm.key for mm in st.mentions if mm.end <= st.s.start + amount.start and self.facts.actors[mm.key].kind == "Country"]
                speaker = [self.facts.actors[k].country for _, _, k in st.people if self.facts.actors[k].country]
                giver = (givers or speaker or [None])[-1]
                if giver:
                    fund.contributions.append(Contribution(giver, amount.amount, self.currency(st, amount), _per(tail)))
                    continue
            subject = [mm for mm in st.mentions if mm.end <= st.s.start + amount.start
                       and re.search(r"\b(contribut\w*|provid\w*|pledg\w*|donat\w*|allocat\w*)\s+(?:\w+\s+){0,3}$", st.text[:amount.start])]
            if subject and self.facts.actors[subject[-1].key].kind in ("Country", "IntergovernmentalOrganization"):
                fund.contributions.append(Contribution(subject[-1].key, amount.amount, self.currency(st, amount), _per(tail)))
                continue
            # "double Seoul's annual contribution to the Fund to 48 million dollars".
            share = re.search(r"(?:'s?|\b[A-Z]\w+)\s+((?:annual|yearly|\w+)\s+)?contributions?\b[^.;]{0,80}$", st.text[:amount.start])
            if share:
                owner = [mm for mm in st.mentions if mm.end <= st.s.start + share.start() + 2 and st.s.start + share.start() - mm.end <= 2
                         and self.facts.actors[mm.key].kind in ("Country", "IntergovernmentalOrganization")]
                if owner:
                    per = "year" if share.group(1) and share.group(1).strip() in ("annual", "yearly") else _per(tail)
                    fund.contributions.append(Contribution(owner[-1].key, amount.amount, self.currency(st, amount), per))
                    continue
            if fund.amount is None and not anaphora:  # "the fund has disbursed $3 million": not its size
                fund.amount, fund.currency = amount.amount, self.currency(st, amount)
                dates = [d for d in st.dates if d.precision == "day" or d.end <= amount.start]
                if dates:
                    fund.as_of = _when(dates[0])
        for c in fund.contributions:
            self.known_actor(c.contributor, st.s.index) if self.g.by_key(c.contributor) else None
        return found

    def events(self, st: _Sent, signed: list[tuple[Agreement, int]] = ()) -> None:  # type: ignore[assignment]
        text = st.text
        if _is_headline(text):
            return  # a headline repeats the body's events in other words
        triggers = [(m.start(), m.end(), m.group(0), self.p.event_kinds[m.group(0).lower()]) for m in self.p.event.finditer(text)]
        triggers += [(m.start(1), m.end(1), m.group(1), "Ceremony") for m in self.p.launch.finditer(text)]
        if "Dialogue" in text:  # "the 27th ASEAN-Korea Dialogue", "the annual ASEAN-EU Dialogue": a meeting
            triggers += [(m.start(1), m.end(1), m.group(1), "Meeting") for m in _HELD_DIALOGUE.finditer(text)]
        mentions: list[tuple[int, int, Event]] = []
        args: list[tuple[int, int, Event]] = []  # spans naming an event's participants
        for t_start, t_end, phrase, kind in sorted(triggers):
            if phrase.lower() in ("meeting", "meetings") and re.match(r"\s+(the|a|an|our|their|its|targets?|goals?|needs?)\b", text[t_end:]):
                continue
            if kind == "ThemedYear" and not phrase[0].isupper():
                continue
            if self.negotiating_process(text, t_start, t_end, phrase):
                continue
            left = modifiers_before(self.p, text, t_start)
            modifiers = left.group(1) if left else ""
            start = t_start - len(modifiers)
            det = re.search(r"\b(the|this|that|its|their)\s+$", text[:start], re.IGNORECASE) or re.match(r"(The|This|That|Its|Their)\s", modifiers)
            label = re.sub(r"^(The|A|An)\s+", "", (modifiers + phrase).strip())
            label = re.sub(r"^(upcoming|recent|latest|next)\s+", "", label)
            end = t_end
            of_np = re.match(r"\s+(?:of\s+)?(?:the\s+)?((?:[A-Z][\w\-\u2013]*(?:\s+(?:and|of|for|on)(?=\s+[A-Z]))?[\s\-\u2013]*)+)", text[t_end:])
            if kind in ("Ceremony", "ThemedYear", "Forum", "Conference") and of_np and (kind == "ThemedYear" or text[t_end:].lstrip().startswith("of")):
                label = f"{label} {'' if kind == 'ThemedYear' else 'of '}{of_np.group(1).strip()}".replace("  ", " ")
                end = t_end + of_np.end(1)
            generic = phrase.lower() == "event"
            # "the upcoming meeting between A and B" introduces an event; "the meeting" refers back.
            introduces = (re.match(r"\s+between\b", text[end:]) or (re.match(r"\s+with\b", text[end:])
                          and not re.search(r"\b(?:co-)?(?:chair(?:ed|s)?|host(?:ed|s)?)\s+(?:the\s+)?(?:\w+\s+){0,3}$", text[:t_start]))) or re.search(
                r"\b(upcoming|next|new|another|first)\s+(\w+\s+){0,2}$", text[:t_start], re.IGNORECASE)
            known = len(self.facts.events)
            indefinite = re.search(r"\b(?:a|an)\s+$", text[:start])
            if indefinite and not generic and not re.search(r"[A-Z]|\d", label):
                event = self.new_event(kind, label)  # "at a summit in Jakarta": another event than "the summit"
            else:
                event = self.resolve_event(st, kind, label, bool(det) and not introduces, generic)
            if len(self.facts.events) > known and not det and not indefinite and not generic:
                self.bare.add(event.key)  # "held consultations with ...": its own event, not a later one's
            ordinal = re.match(r"(\d{1,3})(?:st|nd|rd|th)\b", label)
            if ordinal:
                event.ordinal = int(ordinal.group(1))
            pair = self.pair_before(st, t_start) or self.pair_inside(st, start, t_end)
            # "the 43rd ASEAN Summit", "the ASEAN Foreign Ministers' Meeting": the bloc its name holds.
            own = [m.key for m in st.mentions if st.s.start + start <= m.start and m.end <= st.s.start + t_end
                   and m.how == "name" and self.facts.actors[m.key].kind in ("Country", "IntergovernmentalOrganization")]
            for k in pair or (own if len(set(own)) == 1 else []):
                self.participant(event, k)
            between, arg_end = self.parties_between(st, end)
            for k in between:
                self.participant(event, k)
            if between:
                args.append((end, arg_end, event))
                if kind in ("Meeting", "Talks") and event.label.lower() in ("meeting", "talks", "upcoming meeting", kind.lower()):
                    names = [self.facts.actors[k].label for k in between]
                    joined = f"between {' and '.join(names[:2])}" if len(names) > 1 else f"with {names[0]}"
                    event.label = f"{event.label} {joined}"
            mentions.append((start, end, event))
            self.last_event = event
        # Meetings named by verbs: "Harris met Indonesian President Joko Widodo", "held talks with".
        for m in self.p.meeting_verb.finditer(text):
            other = next((k for p0, _, k in st.people if p0 - st.s.start >= m.end() and p0 - st.s.start - m.end() <= 45), None)
            if other is None:
                target = self.mention_at(st, st.s.start + m.end())
                other = target.key if target and target.how in ("name", "org") else None
            subject = self.subject_person(st, m.start())
            if other is None or subject is None or subject == other:
                continue
            kind = "Talks" if m.group("talks") else "Meeting"
            # "X met with ASEAN foreign ministers ... at the ASEAN-U.S. Post Ministerial Conference": that event.
            frames = [e for _, _, e in mentions if re.search(r"[A-Z]|\d", e.label) and e.kind != "Talks"]
            if frames and self.facts.actors[other].kind != "Person":
                self.participant(frames[0], subject)
                self.participant(frames[0], other)
                continue
            names = f"{self.facts.actors[subject].label} and {self.facts.actors[other].label}"
            # "held talks with": the noun "talks" already made an event here; the verb names its sides.
            same = next((e for s0, _, e in mentions if m.start() <= s0 < m.end() and e.kind == kind), None)
            if same is not None and same.label.lower().startswith(("talks", "meeting")):
                same.label = f"{kind.lower()} between {names}"
            event = same or self.resolve_event(st, kind, f"{kind.lower()} between {names}", False, False)
            self.participant(event, subject)
            self.participant(event, other)
            mentions.append((m.start(), m.end(), event))
            other_end = max((p1 for p0, p1, k in st.people if k == other), default=st.s.start + m.end()) - st.s.start
            args.append((m.end(), other_end, event))
        # Signings named by verbs: "A and B signed a memorandum of understanding".
        for agreement, a_start in signed:
            sign = re.search(r"\b(signed|inked)\b(?:\s+\w+){0,3}\s*$", text[:a_start])
            if sign:
                event = self.resolve_event(st, "Signing", f"signing of {agreement.label}", False, False)
                for k in agreement.parties:
                    self.participant(event, k)
                if agreement.key not in event.concerns:
                    event.concerns.append(agreement.key)
                mentions.append((sign.start(), a_start, event))
        # Speeches named by verbs: "speaking before the Federation Council", "addressed the forum".
        for m in self.p.speech_verb.finditer(text):
            target = self.mention_at(st, st.s.start + m.end())
            if not target:
                continue
            event = self.new_event("Speech", f"speech {m.group('prep')} {self.facts.actors[target.key].label}")
            self.participant(event, target.key)
            mentions.append((m.start(), m.end(), event))
            args.append((m.end(), target.end - st.s.start, event))
        mentions.sort(key=lambda x: x[0])
        st.events = mentions
        for _, _, event in mentions:
            event.sentences.add(st.s.index)
            self.last_event = event
        if not mentions:
            return
        self.event_dates(st, mentions)
        self.event_people(st, mentions, args)
        self.event_place(st, mentions)
        if re.search(r"\b(via video ?conference|videoconference|virtually|online|virtual format|video link)\b", text, re.IGNORECASE):
            for _, _, e in mentions:
                e.online = True
        elif re.search(r"\bin person\b|\bin-person\b", text, re.IGNORECASE):
            for _, _, e in mentions:
                e.online = False

    def negotiating_process(self, text: str, t_start: int, t_end: int, phrase: str) -> bool:
        """"speed up negotiations on a Code of Conduct": negotiating a document is a process, not an event.

        Only for unnamed "negotiations"/"talks" followed by "on/over/for/towards" and a document (an
        agreement, a plan or a capitalised name) in the same clause; a round that is held ("held
        negotiations on", "a round of talks on") stays an event.
        """
        if phrase.lower() not in ("negotiations", "negotiation", "talks"):
            return False
        left = modifiers_before(self.p, text, t_start)
        named = left and re.search(r"[A-Z]|\d", re.sub(r"^(?:The|This|These|Those|Its|Their)\b", "", left.group(1).strip()))
        # "The review negotiations will start in the coming months and are targeted to be concluded in 2025".
        if not named and _PROCESS_AHEAD.match(text, t_end) and not _HELD_BEFORE.search(text, max(0, t_start - 40), t_start):
            return True
        if left and re.search(r"[A-Z]|\d", left.group(1)):
            return False
        obj = re.match(r"\s+(?:on|over|for|towards?)\s+(?:a|an|the|its|their)?\s*([^,;.()]{0,100})", text[t_end:])
        if not obj:
            return False
        document = self.p.agreement.search(obj.group(1)) or self.p.plan.search(obj.group(1)) \
            or re.match(r"[A-Z][\w\-]*\s+(?:[A-Z\d][\w\-]*|of|on|for|and)\b", obj.group(1))
        if not document:
            return False
        return not re.search(r"\b(?:held|hold|holds|holding|had|conducted|conduct|conducts|convened|round\s+of|rounds\s+of)"
                             r"\s+(?:\w+\s+){0,2}$", text[:t_start], re.IGNORECASE)

    def subject_person(self, st: _Sent, local: int) -> str | None:
        """The person named last before a local offset in the sentence, else the last person named before it."""
        before = [k for p0, _, k in st.people if p0 - st.s.start < local
                  and not re.search(r",\s*who\s+[^,]*$", st.text[:p0 - st.s.start])]  # not "X, who accompanied Yoon,"
        if before:
            return before[-1]
        if re.match(r"\s*(He|She)\b", st.text) and st.s.index > 0:
            return self.last_person
        return None

    def pair_inside(self, st: _Sent, start: int, end: int) -> list[str] | None:
        for p0, p1, a, b in st.pairs:
            if start <= p0 - st.s.start and p1 - st.s.start <= end:
                return [a, b]
        return None

    def parties_between(self, st: _Sent, local_end: int) -> tuple[list[str], int]:
        """Actors in "between A and B" or "with A" right after an event mention, and where that ends."""
        tail = st.text[local_end:]
        m = re.match(r"\s+(?:between|with)\s+(.{1,160}?)(?=[,.;]|\s+(?:in|on|at|is|are|was|were|will|to discuss|with a)\b|$)", tail)
        if not m:
            return [], local_end
        keys = [k for k in st.keys_in(st.s.start + local_end, st.s.start + local_end + m.end()) if self.is_participant_mention(st, k)]
        return keys, local_end + m.end()

    def is_participant_mention(self, st: _Sent, key: str) -> bool:
        """Whether a key is named in the sentence other than as an adjective ("Russian Minister ...")."""
        return any(m.key == key and m.how in ("name", "org", "metonym") for m in st.mentions) or any(k == key for _, _, k in st.people)

    def resolve_event(self, st: _Sent, kind: str, label: str, definite: bool, generic: bool) -> Event:
        """The event a mention refers to, or a new one.

        "the event" is the last event mentioned (or a meeting to be named later); a
        definite mention without a proper name ("the opening ceremony") is the last
        event of its kind; a label that contains or is contained in an earlier
        one's ("the commemorative summit", "the ASEAN-Russia commemorative summit")
        is that event.
        """
        if generic:
            if self.last_event is not None:
                return self.last_event
            if self.pending_event is None:
                self.pending_event = self.new_event("Meeting", "meeting")
            return self.pending_event
        named = bool(re.search(r"\b[A-Z]|\d", label))
        if self.pending_event is not None and definite and not named:
            event, self.pending_event = self.pending_event, None
            event.kind, event.label = kind, label
            return event
        if definite and not named and kind == "Meeting" and self.last_event is not None \
                and all(e.kind != "Meeting" for e in self.facts.events):
            return self.last_event  # "the meeting" after "the 27th ASEAN-China Summit"
        if definite and not named:
            # "the summit": the article's main event of that kind: named in most sentences, else the first (the lead's).
            same = [e for e in self.facts.events if e.kind == kind]
            if same:
                return max(same, key=lambda e: len(e.sentences))
        words = set(re.findall(r"\w+", label.lower()))
        for event in reversed(self.facts.events):
            if event.kind != kind:
                continue
            other = set(re.findall(r"\w+", event.label.lower()))
            if (definite and not named) or words <= other or other <= words:
                if len(label) > len(event.label) and named:
                    event.label = label
                return event
        return self.new_event(kind, label)

    def new_event(self, kind: str, label: str) -> Event:
        event = Event(f"event/{self.article.key}/{len(self.facts.events)}", kind, label)
        self.facts.events.append(event)
        return event

    def participant(self, event: Event, key: str, role: str = "participant") -> None:
        if self.facts.actors[key].kind == "NewsAgency":
            return  # the agency reports the event; a dateline "(VNA)" is not a participant
        roles = dict(event.participants)
        if key not in roles:
            event.participants.append((key, role))
        elif role != "participant" and roles[key] == "participant":
            event.participants = [(k, role if k == key else r) for k, r in event.participants]
        if self.g.by_key(key):
            self.known_actor(key, None)

    def event_dates(self, st: _Sent, mentions: list[tuple[int, int, Event]]) -> None:
        """Attach each date to the event mention it follows closely, else to the sentence's only event."""
        rank = {"year": 0, "month": 1, "day": 2}
        fallback: list[tuple[DateValue, Event]] = []
        for d in st.dates:
            if d.precision == "year" and re.search(r"\bfor\s+(?:the\s+year\s+)?$", st.text[:d.start]):
                continue  # "ASEAN's chair for 2024" is not when the event took place
            before = [(end, -start, e) for start, end, e in mentions if end <= d.start and len(st.text[end:d.start].split()) <= 10]
            # "held talks ... on the sidelines of the summit on Wednesday": the date is the talks'.
            framed = [x for x in before if re.search(r"\bsidelines\s+of\s+(?:the\s+)?[\w\-\s]{0,40}$", st.text[:-x[1]])]
            if framed:
                others = [(end, -start, e) for start, end, e in mentions if end <= d.start and (end, -start, e) not in framed
                          and all(e is not f[2] for f in framed)]
                before = others or before
            chosen = max(before, key=lambda x: (x[0], x[1]))[2] if before else None
            if chosen is None and (len({id(e) for _, _, e in mentions}) == 1 or d.start < mentions[0][0]):
                # "Harris, who arrived late on Tuesday, met ... at the summit": a date inside a relative clause
                # dates that clause, not the event.
                # Nor does a date that follows an agreement named after the event ("the partnership they
                # launched last November").
                agreement_between = any(mentions[0][1] <= pos < d.start for _, pos in st.agreement_at)
                if not re.search(r",\s+(?:who|which)\b[^,]*$", st.text[:d.start]) and not agreement_between:
                    fallback.append((d, mentions[0][2]))
                continue
            if chosen is None:
                continue
            new, old = _when(d), chosen.date
            if old is None or (rank[new.precision] > rank[old.precision] and new.value.startswith(old.value)):
                chosen.date = new
        # A date that stands right after an event's mention ("the meeting on Friday") wins over one that
        # only shares the sentence ("will draft a plan early next year, ... after the meeting on Friday").
        for d, chosen in fallback:
            new, old = _when(d), chosen.date
            if old is None or (rank[new.precision] > rank[old.precision] and new.value.startswith(old.value)):
                chosen.date = new

    def event_people(self, st: _Sent, mentions: list[tuple[int, int, Event]], args: list[tuple[int, int, Event]]) -> None:
        """Participants: people in the sentence, "the two sides", "with the participation of X", "A attended"."""
        text = st.text
        inside = lambda pos: any(a0 <= pos - st.s.start < a1 for a0, a1, _ in args)
        free = [e for _, _, e in mentions if all(e is not ev for _, _, ev in args)] or [mentions[0][2]]
        for p0, p1, key in st.people:
            absent = re.match(r"[^.;]{0,25}?\b(skipped|skips|missed|did not attend|didn't attend|will not attend|won't attend|was absent|stayed away)\b", text[p1 - st.s.start:])
            # ", Foreign Minister X said on Tuesday." reports the event; "X said during the briefing" takes part.
            reporting = re.match(r"\s+(?:said|says|told|added|noted|announced)\b(?!\s+(?:during|at|on the sidelines))", text[p1 - st.s.start:]) \
                and p0 - st.s.start > mentions[0][1] and re.search(r",\s*(?:[\w\-']+\s+){0,6}$", text[:p0 - st.s.start])
            if not inside(p0) and not absent and not reporting:
                for event in free:
                    self.participant(event, key)
        for p0, p1, key in st.people:
            if re.match(r"[^.;]{0,30}?\b(?:who\s+)?(co-)?chair(?:ed|s)\b", text[p1 - st.s.start:]):
                for event in free:
                    event.participants = [(k, "chair" if k == key else r) for k, r in event.participants]
        # "Kao Kim Hourn, who is on a four-day official visit to Seoul": the relative clause's event.
        for p0, p1, key in st.people:
            who = re.match(r",\s*who\s+[^,.;]{0,60}", text[p1 - st.s.start:])
            if who:
                clause_end = p1 - st.s.start + who.end()
                for start, _, event in mentions:
                    if p1 - st.s.start < start < clause_end:
                        self.participant(event, key)
        sides = re.search(r"\b(the two sides|both sides|the sides|two sides|the two countries|both countries)\b", text, re.IGNORECASE)
        if sides and self.focus:
            for event in free:
                for k in self.focus:
                    self.participant(event, k)
        for m in self.p.participation.finditer(text):
            stop = re.search(r"[,.;]|\s+(?:and relevant|as well as)\b|\s+and\s+(?:was\s+|were\s+)?(?:attended|chaired|co-chaired|hosted|joined)\s+by\b", text[m.end():])
            end = m.end() + (stop.start() if stop else len(text) - m.end())
            role = _EVENT_ROLE.get(m.group(0).split()[0].lower(), "participant")
            for key in st.keys_in(st.s.start + m.end(), st.s.start + end):
                if self.is_participant_mention(st, key):
                    for _, _, event in mentions:
                        self.participant(event, key, role)
        attend = re.search(r"(?<!not )(?<!n't )(?<!never )\b(attend|attended|attends|attending|joined|hold|held|holds|will hold|convened|co-hosted|co-chaired|"
                           r"adopted|agreed|met|gathered|signed|issued|elevated|upgraded|reviewed|discussed)\b(?!\s+talks)", text)
        # "The European Union and ASEAN on Thursday launched ..., announced at a ceremony": who launches takes part.
        launch = re.search(r"(?<!not )(?<!n't )\b(?:launched|unveiled|inaugurated)\b", text)
        for verb in (attend, launch):
            if verb:
                for key in st.keys_in(st.s.start, st.s.start + verb.start()):
                    if self.is_participant_mention(st, key):
                        for event in free:
                            self.participant(event, key)
        if _EXCEPT_CUE.search(text):
            absent = {key for m in _EXCEPT.finditer(text) for key in st.keys_in(st.s.start + m.start(1), st.s.start + m.end(1))}
            for _, _, event in mentions:
                event.participants = [(k, r) for k, r in event.participants if k not in absent]

    def event_place(self, st: _Sent, mentions: list[tuple[int, int, Event]]) -> None:
        for start, end, event in mentions:
            capital = re.match(r"[^.;]{0,40}?\bin\s+the\s+(?:[A-Z][\w']+\s+)?(?:capital|city)(?:\s+city)?(?:\s+of\s+[A-Z][\w]+)?,?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b", st.text[end:])
            if capital and not event.place:
                event.place = capital.group(1)
                continue
            venue = re.match(r"[^.;]{0,60}?\b(?:in|at)\s+the\s+((?:[A-Z][\w\-]*\s+){1,4}(?:Center|Centre|Hall|Palace|Hotel|House|Building|Stadium|Secretariat|Headquarters))\b", st.text[end:])
            if venue and not event.place:
                event.place = venue.group(1)
                continue
            # "met ... at the State Department", "talks at the Kremlin": a government seat named as the venue.
            seat = _SEAT.match(st.text, end) if " at the " in st.text[end:] else None
            if seat and not event.place:
                event.place = seat.group(1)
                continue
            preps = "in|at|to" if event.kind == "Visit" else "in|at"
            m = re.match(r"[^.;]{0,90}?(?<![A-Z][\w\-]\s)(?<![A-Z][\w\-][\w\-]\s)\b(?:" + preps + r")\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b(?!\s+[A-Z])", st.text[end:])
            if m and m.group(1) not in A._MONTHS and not self.is_actor_name(m.group(1)) or m and m.group(1) in self.g.names and self.g.names[m.group(1)].kind == "Country":
                event.place = event.place or m.group(1)
            if not event.place:
                event.place = self.place_anywhere(st, end)

    def place_anywhere(self, st: _Sent, end: int) -> str | None:
        """A place for an event from elsewhere in its sentence: "here" (the dateline), "in the Lao capital", "met in Brussels for ..."."""
        if self.facts.place and re.search(r"\bhere\b", st.text[end:]):
            return self.facts.place.title() if self.facts.place.isupper() else self.facts.place
        adjective = re.search(r"\bin\s+the\s+([A-Z][\w]+)\s+capital\b(?!\s*,?\s+[A-Z])", st.text)
        if adjective and adjective.group(1) in self.g.adjectives:
            country = self.g.adjectives[adjective.group(1)].key
            capital = next((c for c, k in self.g.capitals.items() if k.key == country), None)
            if capital:
                return capital
        for m in re.finditer(r"\b(?:in|at)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b", st.text):
            if m.group(1) in self.g.capitals:
                return m.group(1)
        return None

    def owner_and_other(self, st: _Sent, start: int, end: int) -> list[str] | None:
        """"Australia's two-way trade with ASEAN", "Japanese investment in ASEAN": the owner and the other side."""
        blocs = ("Country", "IntergovernmentalOrganization")
        owner = [mm for mm in st.mentions if mm.end <= st.s.start + start and st.s.start + start - mm.end <= 25
                 and mm.how in ("adjective", "possessive", "name") and self.facts.actors[mm.key].kind in blocs
                 and re.fullmatch(r"(?:'s?)?\s+(?:[a-z\-]+\s+){0,2}", st.text[mm.end - st.s.start:start])]
        prep = re.match(r"\s+(?:with|in|into|to|from)\s+(?:the\s+)?", st.text[end:])
        other = self.mention_at(st, st.s.start + end + prep.end()) if prep else None
        if owner and other and other.key != owner[-1].key and self.facts.actors[other.key].kind in blocs:
            return [owner[-1].key, other.key]
        return None

    def find_home(self, sents: list[_Sent]) -> None:
        """The country the article is written from: its national agency's, its dateline's, else the one named most."""
        agencies = [m.key for st in sents for m in st.mentions if self.facts.actors[m.key].kind == "NewsAgency"]
        self.home = next((self.facts.actors[k].country for k in agencies if self.facts.actors[k].country), None)
        # An international wire's dateline is where its reporter is, not whose leaders it names unqualified.
        wire = bool(agencies) and self.home is None
        if self.home is None and not wire and self.facts.place and self.facts.place.title() in self.g.capitals:
            self.home = self.g.capitals[self.facts.place.title()].key
        if self.home is None:
            counts = Counter(m.key for st in sents for m in st.mentions if self.facts.actors[m.key].kind == "Country")
            top = counts.most_common(2)
            self.home = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None
        self.dollar = None
        country = next((c for c in vocab.countries() if self.home == f"country/{c.iso3}"), None)
        if country is not None:
            own = {f"{name} dollar".lower() for name in (country.name, *country.adjectives)}
            self.dollar = next((c.code for c in vocab.currencies() if own & {n.lower() for n in c.names}), None)

    def currency(self, st: _Sent, money: Any) -> str:
        """A bare "$" is the local dollar in a country that has one (Australia, Singapore, ...), else USD."""
        bare = st.text[money.start:money.start + 1] == "$" and not st.text[max(0, money.start - 1):money.start].isalpha()
        return self.dollar if bare and self.dollar and money.currency == "USD" else money.currency

    def home_country(self, sents: list[_Sent]) -> None:
        """Posts the text gives no country ("Prime Minister Fumio Kishida") belong to the article's home country.

        A national agency writes its own leaders' titles unqualified (see :meth:`find_home`). A post
        with a country but no body gets the body its title implies ("Government of Japan").
        """
        home = self.home
        implied = _implied_bodies(self.g)
        for post in self.facts.posts:
            if post.organization is not None:
                body = self.facts.actors[post.organization]
                if post.represents is None and home is not None and not body.country \
                        and body.kind not in ("IntergovernmentalOrganization", "IntergovernmentalBody", "NewsAgency"):
                    # "Lyu Daliang, spokesperson for the General Administration of Customs", in a Xinhua story.
                    self.known_actor(home, None)
                    post.represents = home
                    self.facts.actors[post.person].country = home
                continue
            if post.represents is None and home is not None:
                self.known_actor(home, None)
                post.represents = home
                self.facts.actors[post.person].country = home
            body = implied.get(post.title)
            country = self.g.by_key(post.represents) if post.represents else None
            if body and country and country.kind == "Country":
                own = A.country_org(body, body.split()[0], A.ORG_HEADS.get(body.split()[0], "GovernmentBody"), country)
                post.organization = self.actor(own.key, own.label, own.kind, None, country=country.key).key

    def is_actor_name(self, text: str) -> bool:
        known = self.g.names.get(text)
        return known is not None and known.kind != "Country"

    def fields(self, st: _Sent, subject: str | None, matches: list[tuple[int, int]]) -> None:
        if not matches or not self.p.field_cue.search(st.text):
            return
        for start, end in matches:
            words = st.text[start:end]
            # Capitalised words inside a longer proper name ("ASEAN Economic Ministers") are not a field.
            if words[:1].isupper() and start > 0 and re.search(r"[A-Z][\w]*[\-\u2013\s]+$", st.text[:start]) \
                    and re.match(r"\s+[A-Z]", st.text[end:]):
                continue
            concept, _ = self.g.fields[words.lower()]
            self.facts.fields.append(FieldMention(subject or "article", concept, words, st.s.index))

    def indicators(self, st: _Sent) -> None:
        for m in self.p.indicator.finditer(st.text) if _INDICATOR_CUE.search(st.text) else ():
            money = [x for x in find_money(st.text) if x.start >= m.end() - 1]
            if not money:
                continue
            value = money[0]
            measure_end = m.end("measure") if m.group("measure") else m.end()
            parties = self.pair_before(st, m.start()) or self.pair_inside(st, 0, m.start()) \
                or self.owner_and_other(st, m.start(), measure_end) \
                or self.parties_between(st, measure_end)[0] or self.parties_between(st, m.end())[0] \
                or (list(self.focus) if self.focus else [])
            label = re.sub(r"^(the|a)\s+", "", (m.group("measure") or m.group("measure2")).lower())
            key = f"indicator/{self.article.key}/{len(self.facts.indicators)}"
            ind = Indicator(key, label, value.amount, self.currency(st, value), about=list(parties))
            years = [d for d in st.dates if d.start >= value.end] or st.dates
            if years:
                ind.date = _when(years[0])
            pct = [p for p in find_percentages(st.text) if p[1] >= value.end]
            if pct:
                sign = -1 if re.search(r"\b(down|decrease|fell|drop|decline)\w*\s+(?:by\s+)?$", st.text[value.end:pct[0][1]]) else 1
                ind.change = pct[0][0] * sign
            ind.sentences.add(st.s.index)
            self.facts.indicators.append(ind)
            for p in parties:
                self.known_actor(p, st.s.index) if self.g.by_key(p) else None


_PERIOD_AFTER = re.compile(
    r"\s*\(?\s*(?:for|on|to|in)?\s*(?:the\s+)?(?:period\s+(?:of\s+)?)?((?:19|20)\d\d\s*[\-\u2010-\u2015]\s*(?:(?:19|20)?\d\d))\b\)?"
)
_NAME_TAIL = re.compile(r"((?:\s+(?:to|for|on|of|the|and|in|between)(?=\s+(?:the\s+)?[A-Z])|\s+[A-Z][\w]*(?:[\-\u2013][A-Z]?[\w]+)*|\s*[\-\u2013]\s*[A-Z][\w]*)*)")
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z.\- ]{1,40}?)\s*(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}\s*)?(?:\(([A-Z][A-Za-z/ ]{1,15})\))?\s*(?:--|[\-\u2013\u2014:])\s"
)


def _implied_bodies(g: Gazetteer) -> dict[str, str]:
    """Title → the one body the titles table gives it (none when several), computed once per gazetteer."""
    implied = g.__dict__.get("_implied_bodies")
    if implied is None:
        orgs: dict[str, set[str]] = {}
        for _, title, org in g.titles:
            orgs.setdefault(title, set()).add(org)
        implied = {title: next(iter(o)) for title, o in orgs.items() if len(o) == 1 and "" not in o}
        g.__dict__["_implied_bodies"] = implied
    return implied


_INDICATOR_CUE = re.compile(r"trade|investment|fdi|export|import|tourist arrivals|visitor", re.IGNORECASE)
"""Words one of which every match of :attr:`Patterns.indicator` contains (its measures)."""

_PROGRESS_CUE = re.compile(r"line|action|activit|project|program|measure|initiative|task", re.IGNORECASE)
"""Words one of which every match of :attr:`Patterns.progress` contains (its units)."""

_TITLE_COMMA = re.compile(r"(?:for\s+[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|and|&|the))*\s*)?,\s+")
"""Between a title and a name written after a comma: an optional portfolio ("for International Development and the Pacific")."""


def _duration(text: str, end: int) -> list[tuple[int, int, int, int]]:
    """The period a plan runs for, stated after its mention: "which runs from 2023 until 2026", "covering 2025-2028"."""
    tail = re.match(r"[^.;]{0,100}", text[end:]).group(0)
    return [p for p in find_periods(tail)
            if re.search(r"\b(?:run\w*|ran|last\w*|cover\w*|span\w*|implemented|over|for|from|between|during)\s+"
                         r"(?:the\s+)?(?:period\s+)?(?:of\s+)?$", tail[:p[2]])][:1]


def _funded(text: str, start: int, end: int) -> bool:
    """A plan mention with its budget: "a 40 million euro programme", "a programme worth 15 million US dollars"."""
    for money in find_money(text):
        if money.end <= start and re.fullmatch(r"\s*(?:(?!(?:to|the|for|into|in|of|a|an|and|under|from|by|through|via|its|their)\s)"
                                               r"[a-z\-]+\s+){0,2}", text[money.end:start]):
            return True
        if money.start >= end and re.fullmatch(r"\s+(?:worth|of|valued\s+at|totall?ing|with\s+a\s+budget\s+of|"
                                               r"funded\s+(?:with|by)|amounting\s+to)\s+(?:some\s+|about\s+|around\s+)?",
                                               text[end:money.start]):
            return True
    return False


def _since(d: DateValue) -> str:
    """A start date as ``kgo:since`` holds it, at the precision the text gives ("December 2020" → "2020-12")."""
    return d.value if d.precision in ("day", "month") else d.value[:4]


def _is_headline(text: str) -> bool:
    """A title line: no closing punctuation and mostly capitalised words ("Secretary Blinken's Meeting with ASEAN")."""
    if re.search(r"[.!?\"')]\s*$", text):
        return False  # (checked first: most sentences end so, and then the words need not be found)
    words = re.findall(r"[A-Za-z][\w'\-.]*", text)
    if not words:
        return False
    small = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from"}
    content = [w for w in words if w.lower() not in small]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _per(tail: str) -> str | None:
    if re.match(r"[^.]{0,60}?\b(each year|every year|annually|per year|a year|yearly|per annum)\b", tail):
        return "year"
    if re.match(r"[^.]{0,60}?\b(each month|every month|monthly|per month|a month)\b", tail):
        return "month"
    return None


def _token_at(doc: Any, offset: int, after: bool = False) -> int | None:
    for token in doc:
        if after and token.idx >= offset:
            return token.i - doc.start if hasattr(doc, "start") else token.i
        if not after and token.idx <= offset < token.idx + len(token.text):
            return token.i - doc.start if hasattr(doc, "start") else token.i
    return len(doc) if after else None


def extract(article: Article) -> Facts:
    """Extract the facts an article states.

    Args:
        article: the article, with its date used to resolve relative dates.

    Returns:
        Typed facts; each points at the sentences that state it.
    """
    ex = _Extractor(article)
    facts = ex.facts
    facts.sentences = sentences(article.text)
    clean = normalise(article.text)
    doc = nlp().make_doc(clean)  # tokens only: the sentences are ``facts.sentences``
    # Each token's offset and text, read once from arrays rather than from spaCy token objects.
    rows = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
    all_idx = [idx for idx, _ in rows]
    all_text = [clean[idx:idx + length] for idx, length in rows]
    sents: list[_Sent] = []
    for s in facts.sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        sents.append(_Sent(s, clean[s.start:s.end], span, tok_text=all_text[span.start:span.end],
                           tok_idx=all_idx[span.start:span.end]))
    for st in sents:
        ex.first_pass(st)
        st.dates = _future_aware(find_dates(st.text, article.date), st.text, article.date)
    ex.choose_focus(sents)
    dateline = _DATELINE.match(clean)
    if dateline:
        # "HANOI, March 15 (Sputnik) - ... on Tuesday": the dateline dates the report; the text's own date wins.
        for st in sents:
            own = [d for d in st.dates if st.s.start + d.start >= dateline.end()]
            if own and len(own) < len(st.dates):
                st.dates = own
    if dateline and dateline.group(1) not in ex.g.names:
        facts.place = dateline.group(1).title() if dateline.group(1).isupper() else dateline.group(1)
    ex.find_home(sents)
    field_spans = _field_matches(doc)
    for st in sents:
        found_agreements = ex.agreements(st)
        found_plans = ex.plans(st, found_agreements)
        found_funds = ex.funds(st)
        ex.events(st, [(a, pos) for a, pos in st.agreement_at if a.kind in _DOCUMENTS])
        if st.people:
            ex.last_person = st.people[0][2]
        ex.indicators(st)
        subject: str | None = None
        if found_plans:
            subject = found_plans[0].key
        elif found_agreements:
            subject = found_agreements[0].key
        elif st.events:
            subject = st.events[0][2].key
        elif found_funds:
            subject = found_funds[0].key
        else:
            focus = ex.focus_agreement()
            subject = focus.key if focus else None
        # Words inside an organization's name ("Eurasian Economic Commission") are not fields.
        orgs = [(m.start, m.end) for m in st.mentions if m.how == "org"]
        local = [(a - st.s.start, b - st.s.start) for a, b in field_spans if st.s.start <= a and b <= st.s.end
                 and not any(o0 <= a and b <= o1 for o0, o1 in orgs)]
        ex.fields(st, subject, local)
    _merge_surnames(facts)
    _merge_generic_plans(facts, ex.generic_plans)
    ex.link_plans()
    ex.home_country(sents)
    _drop_dateline_agencies(facts, sents)
    _merge_unnamed_events(facts, ex.bare)
    _drop_empty_events(facts)
    return facts


def _field_matches(doc: Any) -> list[tuple[int, int]]:
    from spacy.util import filter_spans

    from kg.extract.patterns import field_matcher

    spans = [doc[s:e] for _, s, e in field_matcher()(doc)]
    return [(s.start_char, s.end_char) for s in filter_spans(spans)]


_FUTURE = re.compile(r"\b(will|shall|is to|are to|is set to|are set to|is scheduled|are scheduled|slated|upcoming|plans? to|is expected to|next)\b", re.IGNORECASE)


def _future_aware(dates: list[DateValue], text: str, ref: dt.date | None) -> list[DateValue]:
    """A month or day named without a year in a sentence about the future is the next one, not the last.

    "will hold a special summit in November" in an article of June 2024 is 2024-11.
    """
    if ref is None or not _FUTURE.search(text):
        return dates
    out = []
    for d in dates:
        # Only a named month moves to next year; a weekday ("on Wednesday") is always the one just past.
        if d.latest < ref and d.precision in ("day", "month") and not re.search(r"\d{4}", d.text) \
                and re.search(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", d.text) \
                and not re.search(r"\b(last|ago|yesterday|past)\b", d.text, re.IGNORECASE):
            shifted = find_dates(f"{d.text} {d.earliest.year + 1}", None)
            if shifted:
                x = shifted[0]
                d = DateValue(x.value, x.precision, x.earliest, x.latest, d.start, d.end, d.text)
        out.append(d)
    return out


def _merge_surnames(facts: Facts) -> None:
    """A person known only by one name ("Secretary Blinken" in a headline) is the one person whose full name
    the article gives later and ends (or, family name first, begins) with it."""
    people = {k: a for k, a in facts.actors.items() if a.kind == "Person"}
    for key, single in list(people.items()):
        words = single.label.split()
        if len(words) != 1:
            continue
        full = [k for k, a in people.items() if k != key and len(a.label.split()) >= 2
                and words[0] in (a.label.split()[-1], a.label.split()[0])]
        if len(full) != 1:
            continue
        into = facts.actors[full[0]]
        into.sentences |= single.sentences
        into.country = into.country or single.country
        for post in [p for p in facts.posts if p.person == key]:
            same = next((q for q in facts.posts if q.person == into.key and q.title == post.title), None)
            if same is not None:
                same.organization = same.organization or post.organization
                same.represents = same.represents or post.represents
                same.sentences |= post.sentences
                facts.posts.remove(post)
            else:
                post.person = into.key
        for event in facts.events:
            if any(k == key for k, _ in event.participants):
                merged: list[tuple[str, str]] = []
                for k, role in event.participants:
                    k = into.key if k == key else k
                    if all(k != m for m, _ in merged):
                        merged.append((k, role))
                event.participants = merged
        del facts.actors[key]


def _merge_generic_plans(facts: Facts, generic: set[str]) -> None:
    """A plan named only by a common noun ("the 2021-25 blueprint") is the named plan of the same parties and period."""
    for key in sorted(generic):
        plan = facts.plans.get(key)
        if plan is None or plan.start is None:
            continue
        parties = key.split("/")[1]
        named = [p for k, p in facts.plans.items() if k != key and k not in generic and k.split("/")[1] == parties
                 and (p.start, p.end) == (plan.start, plan.end)]
        if len(named) != 1:
            continue
        into = named[0]
        into.sentences |= plan.sentences
        for attr in ("implements", "lines_total", "lines_done", "lines_unit", "as_of", "acronym"):
            if getattr(into, attr) is None:
                setattr(into, attr, getattr(plan, attr))
        for mention in facts.fields:
            if mention.subject == key:
                mention.subject = into.key
        del facts.plans[key]


def _merge_unnamed_events(facts: Facts, bare: set[str]) -> None:
    """"the annual summit" ... "the 11th ASEAN-US Summit": an unnamed event joins the one named event of its kind.

    Events in ``bare`` (introduced without a determiner: "held consultations with") stay apart.
    """
    named = lambda e: bool(re.search(r"[A-Z]|\d", e.label))
    rank = {"year": 0, "month": 1, "day": 2}
    for event in list(facts.events):
        targets = [e for e in facts.events if e is not event and e.kind == event.kind and named(e)]
        if named(event) or len(targets) != 1 or event.key in bare:
            continue
        target = targets[0]
        if (event.date and target.date and not (target.date.value.startswith(event.date.value)
                                                 or event.date.value.startswith(target.date.value))) \
                or (event.place and target.place and event.place != target.place):
            continue  # "a summit in Jakarta in September" is not the summit in Tokyo in December
        for key, role in event.participants:
            if key not in dict(target.participants):
                target.participants.append((key, role))
        if event.date and (target.date is None or rank[event.date.precision] > rank[target.date.precision]):
            target.date = event.date
        target.place = target.place or event.place
        target.online = target.online if target.online is not None else event.online
        target.sentences |= event.sentences
        facts.events.remove(event)


def _drop_dateline_agencies(facts: Facts, sents: list[_Sent]) -> None:
    """A news agency named only as the source of the report ("(Xinhua)", "Source: VNA") is not an actor of it."""
    for key in [k for k, a in facts.actors.items() if a.kind == "NewsAgency"]:
        acting = False
        for st in sents:
            for m in st.mentions:
                if m.key != key:
                    continue
                before = st.text[:m.start - st.s.start]
                after = st.text[m.end - st.s.start:]
                credit = re.search(r"\(\s*(?:Photo:\s*)?$", before) or re.match(r"\s*\)", after) \
                    or re.search(r"(?:^|\b)(?:Source|Photo|Credit):?\s*$", before)
                acting = acting or not credit
        if not acting:
            del facts.actors[key]


def _drop_empty_events(facts: Facts) -> None:
    """Events never tied to anyone or any date are too vague to keep."""
    facts.events = [e for e in facts.events if e.participants or e.date]
