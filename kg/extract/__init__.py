"""Extraction: from an article's text to typed facts (:class:`kg.model.Facts`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.model import Facts
    from kg.readers import Article


def extract(article: Article) -> Facts:
    """Extract the facts an article states (see :mod:`kg.extract.pipeline`)."""
    from kg.extract.pipeline import extract as run

    return run(article)


__all__ = ["extract"]
