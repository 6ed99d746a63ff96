"""Actor mentions in a sentence: known names, organizations by their head nouns, people by titles.

Everything here works on one sentence's spaCy tokens and returns
:class:`Mention` records with character offsets in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg import vocab
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
    # "South China Sea", "Indian Ocean": a country word inside a feature's name names no country.
    matcher.add("GEO", [tokenizer(n) for n in vocab.geographic_features()])
    return matcher


def known_mentions(span: Any) -> list[Mention]:
    """Countries and organizations named in a span by a name, acronym, alias or adjective."""
    g = gazetteer()
    found = []
    doc = span.doc
    matches = _name_matcher()(span, as_spans=True)
    features = [(t.start, t.end) for t in matches if t.label_ == "GEO"]
    for tokens in matches:
        text = tokens.text
        label = tokens.label_
        end = tokens.end
        if features and any(s <= tokens.start and end <= e for s, e in features):
            continue
        if label == "ADJ":
            known = g.adjectives[text]
            how = "adjective"
        else:
            known = g.names[text]
            nxt = doc[end] if end < len(doc) else None
            how = "possessive" if nxt is not None and nxt.text in ("'s", "'") else "name"
        if known.kind == "Country" and end < len(doc) and doc[end].lower_ in ("dollar", "dollars"):
            continue  # "U.S. dollars", "Singapore dollars" name a currency, not the country
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
        if head is None:
            i += 1
            continue
        # Left: capitalised words and dashes between them ("ASEAN-Russia Joint Cooperation").
        left = i
        while left > 0:
            prev = tokens[left - 1]
            if _is_cap(prev) and prev.text not in _NOT_NAME or prev.text in _DASHES and left > 1 and _is_cap(tokens[left - 2]) or prev.text in ("'s", "'") and left > 1 and _is_cap(tokens[left - 2]):
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
                    or (tokens[k].text in ("and", "&") and k + 1 < len(tokens) and _is_cap(tokens[k + 1])
                        and not _known_org(span, tokens, left, k))
                    or (tokens[k].text in _DASHES and k + 1 < len(tokens) and _is_cap(tokens[k + 1]))
                ):
                    k += 1
                right = k
                # A ministry's portfolio list: "Ministry of Economy, Trade and Industry".
                if tok.text in ("Ministry", "Department") and right < len(tokens) and tokens[right].text == ",":
                    k = right + 1
                    while k < len(tokens) and _is_cap(tokens[k]) and tokens[k].text not in _MONTHS and not gazetteer().is_place_or_actor(tokens[k].text):
                        k += 1
                    if k > right + 1 and k + 1 < len(tokens) and tokens[k].text in ("and", "&") and _is_cap(tokens[k + 1]) \
                            and not gazetteer().is_place_or_actor(tokens[k + 1].text):
                        k += 1
                        while k < len(tokens) and _is_cap(tokens[k]) and not gazetteer().is_place_or_actor(tokens[k].text):
                            k += 1
                        right = k
            else:
                break
        if right - left >= 2 or tok.text in ("Duma",):
            out.append((left, right, tok.text))
        i = right
    return out


def _known_org(span: Any, tokens: list[Any], left: int, k: int) -> bool:
    """Whether the tokens before an "and" at ``k`` are already the full name of a known organization.

    "the Association of Southeast Asian Nations and China" names two actors, not one.
    """
    # The document's text from the first token to the end of the last (not ``span.doc.text``, which
    # builds the whole document's text token by token).
    text = "".join([t.text_with_ws for t in tokens[left:k - 1]]) + tokens[k - 1].text
    known = gazetteer().names.get(text)
    return known is not None and known.kind != "Country"


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
    possessive = any(w in ("'s", "'") for w in words[:4])
    words = [w for w in words if w not in ("'s", "'")] if words else words
    # Country in front: "Russian ...", "Vietnam's ...".
    while words:
        # The longest country name or adjective the words start with: "South Korea's ...", "Russian ...".
        size = next((n for n in (3, 2, 1) if len(words) > n and words[n][:1].isupper() and (
            " ".join(words[:n]) in g.adjectives
            or (" ".join(words[:n]) in g.names and g.names[" ".join(words[:n])].kind == "Country"))), 0)
        if not size:
            break
        first = " ".join(words[:size])
        if first not in g.adjectives and not possessive and head not in ("Ministry", "Mission", "Embassy", "Consulate"):
            break  # "Japan External Trade Organization", "Korea Foundation": the country is part of the name
        country = g.adjectives.get(first) or g.names[first]
        words = words[size:]
    # Country at the end: "... of the Russian Federation", "... of Russia".
    text = " ".join(words).replace(" ,", ",")
    for name, known in ((n, k) for n, k in _country_names(g) if " of " + n in text) if " of " in text else ():
        if text.endswith((" of " + name, " of the " + name)):
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
    if country is None and text in g.national_unique:  # "the State Department": only the United States has one
        country = g.by_key("country/" + g.national_unique[text])
    if text.startswith("ASEAN") and kind not in ("ResearchInstitution", "EducationInstitution"):
        kind = "IntergovernmentalBody"
    if country:
        return country_org(text, head, kind, country)
    return OrgName(f"org/{slug(text)}", text, kind, None)


def _country_names(g: Gazetteer) -> list[tuple[str, Known]]:
    """The (name, country) entries of ``g.names``, in its order, computed once per gazetteer."""
    found = g.__dict__.get("_country_names")
    if found is None:
        found = [(n, k) for n, k in g.names.items() if k.kind == "Country"]
        g.__dict__["_country_names"] = found
    return found


def country_org(text: str, head: str, kind: str, country: Known) -> OrgName:
    """A country's organization: "Ministry of Foreign Affairs" of Russia, "Permanent Mission" of Vietnam to ASEAN."""
    own = gazetteer().national.get((country.key.split("/")[1], text))
    if own:  # "Foreign Minister" of Australia: the Department of Foreign Affairs and Trade
        return OrgName(f"org/{country.key.split('/')[1].lower()}/{slug(own[0])}", own[0], own[1], country.key)
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
        if (_NAME_TOKEN.match(text) and text not in _NOT_NAME) or (
                _FAMILY_CAPS.match(text) and j + 1 < len(span) and _NAME_TOKEN.match(span[j + 1].text)
                and not gazetteer().is_place_or_actor(text)):
            j += 1  # "Kiya Masahiko", "KIYA Masahiko"
            # "Tae-yul", "Bahiddha-Nukara", which spaCy splits at the hyphen.
            if (j + 1 < len(span) and span[j].text == "-" and not span[j - 1].whitespace_
                    and not span[j].whitespace_ and span[j + 1].text.isalpha()
                    and (span[j + 1].text.islower() or _NAME_TOKEN.match(span[j + 1].text))):
                j += 2
        elif (_INITIAL.match(text) or (j == i and re.fullmatch(r"[B-HJ-Z]", text))
              or (j > i and re.fullmatch(r"(?:[A-Z]\.){2,3}", text))) and j + 1 < len(span) \
                and _NAME_TOKEN.match(span[j + 1].text):
            j += 1  # "S. Jaishankar", "S Jaishankar"
        elif j > i and text in _PARTICLES and j + 1 < len(span) and (
                _NAME_TOKEN.match(span[j + 1].text) or span[j + 1].text in _PARTICLES):
            j += 1  # "Ursula von der Leyen", "Mohamad bin Haji Hasan"
        elif j > i and _NAME_STOP.match(text) and (j + 1 == len(span) or not span[j + 1].text[:1].islower()):
            j += 1
            break
        else:
            break
    return j


_INITIAL = re.compile(r"^[A-Z]\.$")
_FAMILY_CAPS = re.compile(r"^[A-Z]{3,}$")  # Japanese style "KAMIKAWA Yoko"
_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "binti", "al", "el", "dos", "del"}
_NAME_STOP = re.compile(r"^[A-ZÀ-ÖØ-ÞĐ][a-zà-öø-ÿđạ-ỹ]+\.$")


_PORTFOLIO_END = {"Affairs", "Community", "Relations", "Development", "Cooperation", "Connectivity", "Security",
                  "Policy", "Economy", "Trade", "Corporate", "Resources", "Management", "Integration", "Tourism",
                  "Industry", "Investment", "Energy", "Education", "Health", "Defence", "Defense", "Finance", "Culture",
                  "Environment", "Agriculture", "Transport", "Infrastructure", "Innovation", "Technology", "Commerce"}


def portfolio_after(span: Any, i: int) -> int | None:
    """Index after a portfolio phrase at token ``i`` ("for ASEAN Economic Community"), or None.

    A portfolio is "for" plus capitalised words that end in a portfolio noun (Affairs,
    Community, ...); the person's name follows it.
    """
    if i >= len(span) or span[i].text != "for":
        return None
    j = i + 1
    last = None
    while j < len(span) and j - i <= 8 and (_is_cap(span[j]) or span[j].text in ("and", "&", "-")):
        if span[j].text in _PORTFOLIO_END:
            last = j + 1
        j += 1
    return last


def after_honorifics(span: Any, i: int, honorifics: tuple[str, ...]) -> int:
    """Index of the first token after the styles written at token ``i``: "Datuk Seri Dr", "Senator the Hon".

    ``honorifics`` is longest first; several can follow each other ("Datuk Seri" then "Dr").
    """
    by_first = _honorifics_by_first_word(honorifics)
    moved = True
    n = len(span)
    while moved and i < n:
        moved = False
        # Only the honorifics that begin with this token's word can match here, in the same order.
        for words in by_first.get(span[i].text, ()):
            if i + len(words) < n and [t.text for t in span[i:i + len(words)]] == words:
                i, moved = i + len(words), True
                break
    return i


@cache
def _honorifics_by_first_word(honorifics: tuple[str, ...]) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for honorific in honorifics:
        words = honorific.split()
        if words:
            out.setdefault(words[0], []).append(words)
    return out


def name_before(span: Any, i: int) -> tuple[int, int] | None:
    """Token range of a name written just before a title: "Kao Kim Hourn, (the) Secretary-General of ...".

    Returns None unless two to four name tokens stand right before a comma (and an optional "the").
    """
    j = i - 1
    # "Josep Borrell, the EU High Representative ...": a country or bloc may qualify the title.
    if j > 0 and span[j - 1].text.lower() == "the" and gazetteer().is_place_or_actor(span[j].text):
        j -= 1
    if j >= 0 and span[j].text.lower() == "the":
        j -= 1
    if j < 1 or span[j].text != ",":
        return None
    k = j
    while k > 0 and j - k < 4 and (
        (_NAME_TOKEN.match(span[k - 1].text) and span[k - 1].text not in _NOT_NAME)
        or (_FAMILY_CAPS.match(span[k - 1].text) and k < j and _NAME_TOKEN.match(span[k].text))
        or _INITIAL.match(span[k - 1].text)
        or (span[k - 1].text == "-" and k > 1 and not span[k - 1].whitespace_)
    ):
        k -= 1
    g = gazetteer()
    words = [t.text for t in span[k:j] if t.text != "-"]
    if len(words) < 2 or any(g.is_place_or_actor(w) or w in ORG_HEADS for w in words):
        return None
    previous = span[k - 1].text.rstrip(".") if k > 0 else ""
    if k > 0 and _is_cap(span[k - 1]) and previous not in _NOT_NAME and previous not in g.honorifics:
        return None  # part of a longer capitalised phrase, not a name
    return k, j


_ACTS = (r"(?:has|have|had|is|was|will|would|should|could|can|did|does|said|says|agreed|agrees|announced|pledged|"
         r"wants|hopes|urged|urges|called|welcomed|welcomes|rejected|rejects|opposed|opposes|supports|supported|"
         r"signed|sees|views|insists|maintains|claims|accused|protested|expressed|remains|plans|seeks|offered|"
         r"offers|vowed|committed|reaffirmed|affirmed|stressed|proposed|expects|intends|aims|looks)")
_AFTER_CAPITAL = re.compile(r"(?:'s?\s+(?!capital|streets|residents|mayor|city|airport)[a-z]|"
                            r"\s+(?:and\s+(?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?\s+)?" + _ACTS + r"\b)")
_BEFORE_PLACE = re.compile(r"\b(?:in|at|to|from|into|near|via|of|around|outside|inside|across|through|toward|towards|"
                           r"for|by|visit(?:ed|ing|s)?|left|leave|leaving|arrived|arrive|reach(?:ed)?|between)\s+(?:the\s+)?$", re.IGNORECASE)


@cache
def _capital_pattern() -> re.Pattern[str] | None:
    names = sorted((c for c in gazetteer().capitals if len(c) >= 4), key=len, reverse=True)
    if not names:
        return None
    # Grouped by first character (longest first within a group, as in the flat alternation): a
    # name can only match where its first character stands, so the first name that matches is the
    # same, and the engine skips the groups that cannot match at each place.
    groups: dict[str, list[str]] = {}
    for c in names:
        groups.setdefault(c[0], []).append(c)
    alternation = "|".join(f"(?={re.escape(first)})(?:" + "|".join(re.escape(c) for c in group) + ")"
                           for first, group in groups.items())
    return re.compile(r"(?<![\w\-])(" + alternation + r")(?![\w\-])")


def capital_metonyms(text: str, g: Gazetteer) -> list[tuple[int, int, str]]:
    """Capitals standing for their governments in a sentence: (start, end, country key).

    A capital counts only where it acts: followed by a verb ("Beijing said", "Tokyo and
    ASEAN agreed") or a possessive with a common noun ("Canberra's support"), never after a
    preposition ("in Tokyo") or as the sentence's dateline ("TOKYO, June 3 (Kyodo) -").
    """
    pattern = _capital_pattern()
    out: list[tuple[int, int, str]] = []
    if pattern is None:
        return out
    for m in pattern.finditer(text):
        if _BEFORE_PLACE.search(text[:m.start()]) or re.search(r"[A-Z][\w\-]*\s+$", text[:m.start()]):
            continue
        if not _AFTER_CAPITAL.match(text[m.end():]):
            continue
        out.append((m.start(), m.end(), g.capitals[m.group(1)].key))
    return out


_ACTING = re.compile(r"^(?:said|says|told|met|meets|noted|stressed|added|announced|urged|emphasised|emphasized|"
                     r"highlighted|affirmed|reaffirmed|welcomed|called|proposed|pledged|held|attended|visited|"
                     r"underlined|expressed|praised|thanked)$")


def bare_name(span: Any, g: Gazetteer) -> tuple[int, int] | None:
    """Token range of a title-less name that opens a sentence and acts, or None.

    "Wang Yi, a member of the Political Bureau, met ...", "Kao Kim Hourn said ...": two to four
    name tokens at the start, none of them a known place, actor, title word or month, followed by
    an apposition (", a/an/the ...", ", who") or a reporting or meeting verb.
    """
    end = name_after(span, 0)
    if end < 2 or end >= len(span):
        return None
    words = [t.text for t in span[0:end] if t.text != "-"]
    if words[-1] in _NOT_PERSON_END:
        return None  # "White House said", "Global Times said"
    if any(w in _NOT_NAME or w in ORG_HEADS or w in _GEO or g.is_place_or_actor(w) or w.lower() in _TITLE_WORDS
           or w.lower() in g.event_kinds or w.lower() in g.agreement_kinds or w.lower() in g.plan_kinds
           or w.lower() in g.fields for w in words):
        return None
    phrases = {" ".join(words[a:b]) for a in range(len(words)) for b in range(a + 2, len(words) + 1)}
    if any(g.is_place_or_actor(p) or p.lower() in g.agreement_kinds or p.lower() in g.event_kinds
           or p.lower() in g.plan_kinds or p.lower() in g.fields for p in phrases):
        return None  # "Kuala Lumpur", "New Zealand", "Joint Statement"
    nxt = span[end].text
    if nxt == "," and end + 1 < len(span) and span[end + 1].lower_ in ("a", "an", "the", "who"):
        return 0, end
    if _ACTING.match(nxt):
        return 0, end
    return None


_NOT_PERSON_END = {"House", "Times", "Post", "Daily", "News", "Press", "Palace", "Journal", "Herald", "Tribune",
                   "Review", "Monitor", "Street", "Hall", "Square", "Council", "Club", "Forum", "Summit", "Group"}
_GEO = {"Asia", "Pacific", "Europe", "Africa", "America", "Sea", "Ocean", "Southeast", "Northeast", "Indo", "Gulf",
        "River", "Strait", "Peninsula", "Island", "Islands", "Mekong", "Asia-Pacific", "Indo-Pacific"}
_TITLE_WORDS = {"president", "minister", "secretary", "ambassador", "premier", "chairman", "director", "general",
                "deputy", "vice", "prime", "foreign", "senior", "king", "queen", "prince", "princess", "sultan",
                "chancellor", "governor", "mayor", "commissioner", "envoy", "spokesperson", "spokesman", "spokeswoman"}
