"""Tokens and sentences: spaCy's blank English pipeline with its rule-based sentencizer."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kg.model import Sentence

# Replacements that keep the text's length, so offsets into the normalised text are
# offsets into the stored article text too.
_SAME_LENGTH = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_SLASH_STOP = re.compile(r"/\.")  # news-agency end marks such as "Myanmar./."
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[A-Z(])")


@cache
def nlp() -> Any:
    """The shared blank English pipeline with a sentencizer (no model download)."""
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def normalise(text: str) -> str:
    """Same-length normalisation: straight quotes, and "/." read as " ."."""
    return _SLASH_STOP.sub(" .", text.translate(_SAME_LENGTH))


def sentences(text: str) -> list[Sentence]:
    """Split an article into sentences with their offsets in ``text``.

    Paragraph breaks always end a sentence; inside a paragraph spaCy's
    sentencizer decides.

    >>> [s.text for s in sentences("Talks began. They ended.\\n\\nA new day")]
    ['Talks began.', 'They ended.', 'A new day']
    """
    clean = normalise(text)
    out: list[Sentence] = []
    start = 0
    bounds = [m.start() for m in _PARAGRAPH.finditer(clean)] + [len(clean)]
    pipe = nlp()
    for stop in bounds:
        chunk = clean[start:stop]
        if chunk.strip():
            for sent in pipe(chunk).sents:
                s = start + sent.start_char
                e = start + sent.end_char
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if s < e:
                    out.append(Sentence(len(out), s, e, text[s:e]))
        start = stop
    return out
