"""Actor mentions in a sentence: known names, organizations by their head nouns, people by titles.

Everything here works on one sentence's spaCy tokens and returns
:class:`Mention` records with character offsets in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.extract.gazetteer import Gazetteer, Known, gazetteer, slug

ORG_HEADS = {
    "Ministry": "Ministry", "Committee": "IntergovernmentalBody", "Commission": "IntergovernmentalBody",
    "Council": "IntergovernmentalBody", "Secretariat": "IntergovernmentalBody", "Centre": "ResearchInstitution",
    "Center": "ResearchInstitution", "Institute": "ResearchInstitution", "Academy": "ResearchInstitution",
    "University": "EducationInstitution", "College": "EducationInstitution", "Mission": "DiplomaticMission",
    "Embassy": "DiplomaticMission", "Consulate": "DiplomaticMission", "Assembly": "Parliament",
    "Parliament": "Parliament", "Duma": "Parliament", "Senate": "Parliament", "Congress": "Parliament",
    "Agency": "GovernmentBody", "Department": "GovernmentBody", "Office": "GovernmentBody",
    "Bureau": "GovernmentBody", "Authority": "GovernmentBody", "Administration": "GovernmentBody",
    "Bank": "Company", "Corporation": "Company", "Company": "Company", "Group": "Company",
    "Foundation": "Organization", "Association": "Organization", "Organisation": "Organization",
    "Organization": "Organization", "Federation": "Organization", "Chamber": "Organization",
}
"""Head nouns that end an organization's name, and the class they suggest."""

_CONNECTORS = {"of", "for", "on", "and", "to", "in", "&"}
_DASHES = {"-", "\u2013", "\u2014", "\u2010", "\u2011", "\u2212"}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
           "Saturday", "Sunday"}
_NOT_NAME = _MONTHS | {"The", "A", "An", "In", "On", "At", "As", "He", "She", "They", "It", "This", "That",
                        "Mr", "Mrs", "Ms", "Dr", "His", "Her", "Their", "Its", "And", "But", "While", "With",
                        "During", "After", "Before", "Under", "Also", "Both", "Meanwhile", "However"}
_MINISTRY_ADJECTIVES = {
    "Foreign": "Foreign Affairs", "Defence": "Defence", "Defense": "Defense", "Finance": "Finance",
    "Trade": "Trade", "Economy": "Economy", "Economic": "Economic Development", "Interior": "Internal Affairs",
    "Justice": "Justice", "Health": "Health", "Education": "Education", "Industry": "Industry",
    "Agriculture": "Agriculture", "Energy": "Energy", "Transport": "Transport", "Culture": "Culture",
}


@dataclass
class Mention:
    """An actor named in the text.

    Attributes:
        start: offset of the first character in the article.
        end: offset after the last character.
        key: the actor's key.
        how: "name", "adjective" (Russian), "possessive" (Vietnam's), "org", "person".
    """

    start: int
    end: int
    key: str
    how: str


@dataclass
class PersonMention:
    """A person found with the post the text gives them."""

    start: int
    end: int
    name: str
    title: str | None
    organization: str | None  # key
    country: str | None  # key


@cache
def _name_matcher() -> Any:
    from spacy.matcher import PhraseMatcher

    from kg.extract.text import nlp

    g = gazetteer()
    matcher = PhraseMatcher(nlp().vocab, attr="ORTH")
    tokenizer = nlp().tokenizer
    matcher.add("NAME", [tokenizer(n) for n in g.names])
    matcher.add("ADJ", [tokenizer(n) for n in g.adjectives])
    return matcher


def known_mentions(span: Any) -> list[Mention]:
    """Countries and organizations named in a span by a name, acronym, alias or adjective."""
    g = gazetteer()
    found = []
    doc = span.doc
    for tokens in _name_matcher()(span, as_spans=True):
        text = tokens.text
        label = tokens.label_
        end = tokens.end
        if label == "ADJ":
            known = g.adjectives[text]
            how = "adjective"
        else:
            known = g.names[text]
            nxt = doc[end] if end < len(doc) else None
            how = "possessive" if nxt is not None and nxt.text in ("'s", "'") else "name"
        found.append(Mention(tokens.start_char, tokens.end_char, known.key, how))
    return _longest(found)


def _longest(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= o.start or m.start >= o.end for o in out):
            out.append(m)
    return sorted(out, key=lambda m: m.start)


def _is_cap(token: Any) -> bool:
    t = token.text
    return bool(t) and (t[0].isupper() or t[0].isdigit() and token.i > 0) and any(c.isalpha() for c in t)


def org_spans(span: Any) -> list[tuple[int, int, str]]:
    """Token ranges (start, end, head noun) of organizations named by a head noun.

    "Japanese Ministry of Economy, Trade and Industry", "ASEAN Tokyo Committee",
    "Vietnam's Permanent Mission to ASEAN".
    """
    out = []
    tokens = list(span)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        head = ORG_HEADS.get(tok.text)
        if head is None or (i == 0 and False):
            i += 1
            continue
        # Left: capitalised words and dashes between them ("ASEAN-Russia Joint Cooperation").
        left = i
        while left > 0:
            prev = tokens[left - 1]
            if _is_cap(prev) and prev.text not in _NOT_NAME:
                left -= 1
            elif prev.text in _DASHES and left > 1 and _is_cap(tokens[left - 2]):
                left -= 1
            elif prev.text in ("'s", "'") and left > 1 and _is_cap(tokens[left - 2]):
                left -= 1
            else:
                break
        # Right: "of/for/on/to" + capitalised words, with inner "and".
        right = i + 1
        while right + 1 < len(tokens) and tokens[right].text in ("of", "for", "on", "to"):
            j = right + 1
            if j < len(tokens) and tokens[j].text == "the":
                j += 1
            if j < len(tokens) and _is_cap(tokens[j]) and tokens[j].text not in _MONTHS:
                k = j
                while k < len(tokens) and (
                    (_is_cap(tokens[k]) and tokens[k].text not in _MONTHS)
                    or (tokens[k].text in ("and", "&") and k + 1 < len(tokens) and _is_cap(tokens[k + 1]))
                    or (tokens[k].text in _DASHES and k + 1 < len(tokens) and _is_cap(tokens[k + 1]))
                ):
                    k += 1
                right = k
            else:
                break
        if right - left >= 2 or tok.text in ("Duma",):
            out.append((left, right, tok.text))
        i = right
    return out


@dataclass
class OrgName:
    """An organization name made canonical."""

    key: str
    label: str
    kind: str
    country: str | None
    wikidata: str | None = None


def canonical_org(words: list[str], head: str, g: Gazetteer | None = None) -> OrgName | None:
    """Canonical form of an organization's name tokens, ``head`` being its head noun.

    Country adjectives and possessives move out of the name into ``country``:
    "Russian Foreign Ministry" → "Ministry of Foreign Affairs of Russia".
    """
    g = g or gazetteer()
    country: Known | None = None
    words = [w for w in words if w not in ("'s", "'")] if words else words
    # Country in front: "Russian ...", "Vietnam's ...".
    while words and (words[0] in g.adjectives or (words[0] in g.names and g.names[words[0]].kind == "Country")):
        first = words[0]
        known = g.adjectives.get(first) or g.names[first]
        if len(words) > 1 and words[1][:1].isupper():
            country = known
            words = words[1:]
        else:
            break
    # Country at the end: "... of the Russian Federation", "... of Russia".
    text = " ".join(words)
    for name, known in ((n, k) for n, k in g.names.items() if k.kind == "Country" and " of " + n in text):
        if text.endswith(" of " + name) or text.endswith(" of the " + name):
            country = known
            text = re.sub(r" of (the )?" + re.escape(name) + "$", "", text)
            break
    text = re.sub(r"\s*([\-\u2013\u2014])\s*", "-", text).strip()
    if not text or text in ORG_HEADS:
        return None
    if head == "Ministry":
        m = re.fullmatch(r"(\w+) Ministry", text)
        if m and m.group(1) in _MINISTRY_ADJECTIVES:
            text = f"Ministry of {_MINISTRY_ADJECTIVES[m.group(1)]}"
    if text in g.names and g.names[text].kind != "Country":
        known = g.names[text]
        return OrgName(known.key, known.label, known.kind, known.country, known.wikidata)
    kind = ORG_HEADS.get(head, "Organization")
    if text.startswith("ASEAN") and kind not in ("ResearchInstitution", "EducationInstitution"):
        kind = "IntergovernmentalBody"
    if country:
        return country_org(text, head, kind, country)
    return OrgName(f"org/{slug(text)}", text, kind, None)


def country_org(text: str, head: str, kind: str, country: Known) -> OrgName:
    """A country's organization: "Ministry of Foreign Affairs" of Russia, "Permanent Mission" of Vietnam to ASEAN."""
    label = f"{text} of {country.label}"
    if head == "Mission" and " to " in text:
        base, _, target = text.partition(" to ")
        label = f"{base} of {country.label} to {target}"
    elif head == "Duma":
        label = text
    return OrgName(f"org/{country.key.split('/')[1].lower()}/{slug(text)}", label, kind, country.key)


_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĐ][a-zà-öø-ÿđạ-ỹ]+(?:-[A-Za-zà-ÿ][a-zà-öø-ÿđạ-ỹ]+)?$")


def name_after(span: Any, i: int, max_tokens: int = 4) -> int:
    """End index of a person's name starting at token ``i`` (``i`` when there is none).

    Initials count ("S. Jaishankar"), and so does a last name that spaCy fused with the
    sentence's full stop ("Hun Sen.").
    """
    j = i
    while j < len(span) and j - i < max_tokens:
        text = span[j].text
        if _NAME_TOKEN.match(text) and text not in _NOT_NAME:
            j += 1
            # "Tae-yul", which spaCy splits at the hyphen.
            if (j + 1 < len(span) and span[j].text == "-" and not span[j - 1].whitespace_
                    and not span[j].whitespace_ and span[j + 1].text.isalpha() and span[j + 1].text.islower()):
                j += 2
        elif _INITIAL.match(text) and j + 1 < len(span) and _NAME_TOKEN.match(span[j + 1].text):
            j += 1
        elif j > i and _NAME_STOP.match(text) and (j + 1 == len(span) or not span[j + 1].text[:1].islower()):
            j += 1
            break
        else:
            break
    return j


_INITIAL = re.compile(r"^[A-Z]\.$")
_NAME_STOP = re.compile(r"^[A-ZÀ-ÖØ-ÞĐ][a-zà-öø-ÿđạ-ỹ]+\.$")
