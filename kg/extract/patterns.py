"""Compiled patterns: the curated phrase lists turned into regular expressions and matchers.

Every list here comes from ``data/vocab`` or ``ontology/fields.ttl``; the
expressions only add the grammar around the phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.extract.gazetteer import gazetteer

NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "fifteen", "twenty", "twenty-five", "thirty", "forty", "fifty", "sixty", "seventy")

_LINES = r"(?P<unit>lines? of action|action lines|action points|activities|projects|programmes|programs|measures|initiatives|tasks)"
_MEASURES = (r"two-way trade|bilateral trade|trade turnover|trade volume|total trade|trade value|trade|"
             r"foreign direct investment|FDI|investment|investments|exports|imports|tourist arrivals|visitors")
_NUM = r"\d[\d,]*|" + "|".join(NUMBER_WORDS)
_MODIFIER = (r"\b(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][\w\-\u2013\u2014]*(?:\.[A-Z]\.?)?|[a-z]+-level|[a-z]+-day|[a-z]+-nation|regular|annual|commemorative|opening|"
             r"closing|ministerial|informal|special|joint|bilateral|trilateral|official|state|working|virtual|online|"
             r"plenary|extraordinary|inaugural|weekly|first|second|third|fourth|fifth|upcoming)")
"""A word that may stand before an event's noun ("the 43rd ASEAN-Japan commemorative summit")."""
_WORD_AFTER_SPACE = re.compile(r"\s(?=[^\s\-\u2013\u2014])")


def modifiers_before(p: Patterns, text: str, end: int) -> re.Match[str] | None:
    """``p.event_modifiers.search(text[:end])``, with the same match, only faster.

    The words before an event's noun are searched from the first position where a match could
    begin.  Modifier words hold no whitespace, so inside a match every whitespace is followed by
    a dash, more whitespace or a modifier word; a whitespace followed by anything else (a word
    such as "the", a comma) that is not the end of the text cannot lie inside the match, which
    therefore begins after it.  Searching from there gives the same leftmost match.
    """
    lower = 0
    starts = [m.end() for m in _WORD_AFTER_SPACE.finditer(text, 0, end)]
    for pos in reversed(starts):
        if not p.modifier.match(text, pos, end):
            lower = pos
            break
    return p.event_modifiers.search(text, lower, end)


@dataclass(frozen=True)
class Patterns:
    """The compiled expressions extraction uses."""

    title: re.Pattern[str]
    titles: dict[str, tuple[str, str]]
    agreement: re.Pattern[str]
    agreement_kinds: dict[str, str]
    plan: re.Pattern[str]
    plan_kinds: dict[str, str]
    event: re.Pattern[str]
    event_kinds: dict[str, str]
    fund: re.Pattern[str]
    progress: re.Pattern[str]
    speech_verb: re.Pattern[str]
    meeting_verb: re.Pattern[str]
    launch: re.Pattern[str]
    event_modifiers: re.Pattern[str]
    modifier: re.Pattern[str]  # one word of ``event_modifiers``: see :func:`modifiers_before`
    participation: re.Pattern[str]
    field_cue: re.Pattern[str]
    indicator: re.Pattern[str]
    number_words: tuple[str, ...]


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+").replace(r"\-", r"[\-\u2010-\u2015]") for p in sorted(phrases, key=len, reverse=True))


def _phrases(phrases: list[str]) -> str:
    """:func:`_alternation`, grouped by first letter for speed: it matches exactly what the flat one matches.

    A case-insensitive alternation of hundreds of phrases makes the regex engine try every phrase
    at every word start; a lookahead on each group's first letter ("(?=m)(?:minister|...)") skips
    the groups that cannot match there.  Phrases keep their order (longest first) inside a group,
    and phrases with different first letters never match at the same place, so the first phrase
    that matches is the same one.  Falls back to the flat alternation unless every phrase starts
    with an ASCII letter.
    """
    ordered = sorted(phrases, key=len, reverse=True)
    if not all(p[:1].isascii() and p[:1].isalpha() for p in ordered):
        return _alternation(phrases)
    groups: dict[str, list[str]] = {}
    for p in ordered:
        groups.setdefault(p[0].lower(), []).append(p)
    return "|".join(f"(?={first})(?:{_alternation(group)})" for first, group in groups.items())


@cache
def patterns() -> Patterns:
    """The shared compiled patterns."""
    g = gazetteer()
    titles = {phrase: (title, org) for phrase, title, org in g.titles}
    event_kinds = dict(g.event_kinds)
    event_kinds.setdefault("event", "Meeting")
    return Patterns(
        title=re.compile(r"(?<![\w\-])(?:" + _phrases(list(titles)) + r")(?![\w\-])", re.IGNORECASE),
        titles=titles,
        agreement=re.compile(r"(?<![\w\-])(?:" + _phrases(list(g.agreement_kinds)) + r")(?![\w\-])", re.IGNORECASE),
        agreement_kinds=g.agreement_kinds,
        plan=re.compile(r"(?<![\w\-])(?:" + _phrases(list(g.plan_kinds)) + r")(?![\w\-])", re.IGNORECASE),
        plan_kinds=g.plan_kinds,
        event=re.compile(r"(?<![\w\-])(?:" + _phrases(list(event_kinds)) + r")(?![\w\-])", re.IGNORECASE),
        event_kinds=event_kinds,
        fund=re.compile(
            # Capitalised words, which "and", "&", "for" or "of" may join ("Science and Technology Development Fund").
            # A named financing facility is a fund too ("Southeast Asia Investment Financing Facility").
            r"(?P<name>(?:[A-Z][\w]*(?:\s*[\-\u2013\u2014]\s*|\s+)(?:(?:and|&|for|of)\s+(?=[A-Z]))?)+"
            r"(?:Fund|(?:(?<=Financing\s)|(?<=Finance\s)|(?<=Investment\s)|(?<=Credit\s)|(?<=Lending\s)|(?<=Funding\s))Facility))\b"
            r"(?:\s*\((?P<acr>[A-Z][A-Za-z]{1,9})\))?"
        ),
        progress=re.compile(
            # "41 out of 57 lines of action were carried out"; the words between may name the plan
            # ("115 of the 130 activities in the ASEAN-India Plan of Action 2021-2025 had been completed").
            r"(?P<done>" + _NUM + r")\s+(?:out\s+)?of\s+(?:the\s+)?(?:its\s+)?(?P<total>" + _NUM + r")\s+" + _LINES
            + r"[^.;]{0,100}?\b(?:carried out|implemented|completed|launched|done|fulfilled|realised|realized|executed|accomplished)"
            # "the two sides have implemented 120 of the 150 activities"
            + r"|\b(?:carried out|implemented|completed|fulfilled|realised|realized|executed|accomplished)\s+(?:\w+\s+){0,2}?"
            + r"(?P<done2>" + _NUM + r")\s+(?:out\s+)?of\s+(?:the\s+)?(?:its\s+)?(?P<total2>" + _NUM + r")\s+"
            + _LINES.replace("P<unit>", "P<unit2>")
            # "the plan lists 60 activities, 25 of which have been completed"
            + r"|\b(?P<total3>" + _NUM + r")\s+" + _LINES.replace("P<unit>", "P<unit3>") + r",?\s+(?P<done3>" + _NUM
            + r")\s+of\s+(?:which|them)\s+(?:\w+\s+){0,3}?(?:carried out|implemented|completed|launched|done|fulfilled|"
            r"realised|realized|executed|accomplished)\b",
            re.IGNORECASE,
        ),
        meeting_verb=re.compile(
            r"\b(?:(?P<talks>held talks|holds talks|hold talks|had talks|held phone talks|had a phone call|held a phone call)\s+with"
            r"|(?P<meet>met|meets|(?<=after )meeting|(?<=before )meeting|(?<=while )meeting|(?<=when )meeting|received|receives"
            r"|hosted|hosts|welcomed|welcomes)(?:\s+with)?)\s+(?:his\s+|her\s+)?"
        ),
        speech_verb=re.compile(r"\b(?:speaking|spoke|speaks|addressing|delivering a speech|gave a speech)\s+(?P<prep>before|to|at)\s+(?:the\s+)?"),
        launch=re.compile(r"\b(?:the|an?|official)\s+(launch(?:ing)?)\s+of\b", re.IGNORECASE),
        event_modifiers=re.compile(r"((?:" + _MODIFIER + r"\s*[\-\u2013\u2014]?\s*)*)$"),
        modifier=re.compile(_MODIFIER),
        participation=re.compile(
            r"\b(?:with the participation of|attended by|chaired by|co-chaired by|hosted by|joined by|in the presence of)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}?(?:of\s+)?(?:the\s+)?",
            re.IGNORECASE,
        ),
        field_cue=re.compile(
            r"\b(cooperat\w*|collaborat\w*|partnership|fields?|areas?|sectors?|spheres?|priorit\w*|lines? of action|"
            r"plans?|programm?es?|projects?|initiatives?|agenda|ties|relations|focus\w*|such as|including|discuss\w*|"
            r"exchanges?|dialogue|year of|work(?:ing)?\s+(?:together|closely|with\s+[^.;]{1,40}?)\s+(?:on|in)|"
            # "held talks with X on maritime security and the fight against terrorism"
            r"(?:talks|negotiations|consultations)\s+(?:[^.;]{0,80}?\s)?(?:on|about|over|covering)|"
            r"(?:boost|promot|strengthen|enhanc|expand|deepen|foster|step\w*\s+up|bolster|intensif)\w*)\b",
            re.IGNORECASE,
        ),
        indicator=re.compile(
            r"(?:\b(?:boost\w*|rais\w*|lift\w*|increas\w*|push\w*|brought|bring\w*)\s+(?:the\s+|their\s+|its\s+)?"
            r"(?P<measure2>" + _MEASURES + r")\s+to\b)|"
            r"(?:(?P<measure>\b(?:" + _MEASURES + r"))\b"
            # up to a dozen words between ("Trade between Russia and ASEAN grew by 14.6% in 2023 and reached ...")
            r"(?:\s+[\w'\-]+(?:[.,]\d+)?%?){0,12}?\s+(?:hit|reached|totalled|totaled|stood at|amounted to|was|were|rose to|grew to|"
            r"increased to|exceeded|topped|surpassed|reach|hits|climbed to|jumped to|fell to|dropped to|reaching|hitting|"
            r"totalling|totaling|standing at|amounting to|rising to|growing to|exceeding|topping|came to|come to|coming to|"
            r"stands at|valued at|worth)\b)",
            re.IGNORECASE,
        ),
        number_words=NUMBER_WORDS,
    )


@cache
def field_matcher() -> Any:
    """A PhraseMatcher (case-insensitive) over every label of the fields scheme."""
    from spacy.matcher import PhraseMatcher

    from kg.extract.text import nlp

    matcher = PhraseMatcher(nlp().vocab, attr="LOWER")
    matcher.add("FIELD", [nlp().make_doc(label) for label in gazetteer().fields])
    return matcher
