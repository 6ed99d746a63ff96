"""Helpers for the extraction tests: run the extractor in-process on a few sentences and read its facts by label."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.extract import extract
from kg.model import Facts
from kg.readers import Article


@dataclass
class View:
    """Extracted facts, read through labels rather than keys."""

    facts: Facts

    def label(self, key: str | None) -> str | None:
        return self.facts.actors[key].label if key else None

    @property
    def actors(self) -> dict[str, str]:
        """Label → class of every actor."""
        return {a.label: a.kind for a in self.facts.actors.values()}

    @property
    def posts(self) -> set[tuple[str | None, str, str | None, str | None]]:
        """(person, title, organization, country) of every post."""
        return {(self.label(p.person), p.title, self.label(p.organization), self.label(p.represents))
                for p in self.facts.posts}

    def events(self, kind: str | None = None) -> list:
        return [e for e in self.facts.events if kind is None or e.kind == kind]

    def participants(self, event) -> set[str]:
        return {self.label(k) for k, _ in event.participants}

    def roles(self, event) -> dict[str, str]:
        return {self.label(k): role for k, role in event.participants}

    @property
    def agreements(self) -> dict[str, tuple[str, frozenset[str], str | None]]:
        """Label → (kind, parties, since)."""
        return {a.label: (a.kind, frozenset(self.label(p) for p in a.parties), a.since)
                for a in self.facts.agreements.values()}

    @property
    def fields(self) -> set[tuple[str, str]]:
        """(concept, words) of every field mention."""
        return {(m.field, m.words) for m in self.facts.fields}


def run(text: str, date: str | None = "2024-06-10") -> View:
    """Extract facts from ``text`` as an article published on ``date``."""
    return View(extract(Article(text, dt.date.fromisoformat(date) if date else None, "test")))
