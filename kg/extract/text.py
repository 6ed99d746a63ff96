"""Tokens and sentences: spaCy's blank English pipeline with its rule-based sentencizer."""

from __future__ import annotations

import itertools
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
    # "U.S.-ASEAN", "U.K.-Japan": a dash after an abbreviation's period joins two names, as in "ASEAN-Japan".
    infixes = (*pipeline.Defaults.infixes, r"(?<=[A-Z]\.)[\-\u2013\u2014](?=[A-Z])")
    pipeline.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    pipeline.add_pipe("sentencizer")
    return pipeline


def normalise(text: str) -> str:
    """Same-length normalisation: straight quotes, and "/." read as " ."."""
    # str.replace per character is several times faster than str.translate with a dict, and the
    # same: no replacement makes a character another one replaces.
    for old, new in _SAME_LENGTH_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return _SLASH_STOP.sub(" .", text) if "/." in text else text


_SAME_LENGTH_PAIRS = tuple((chr(k), v) for k, v in _SAME_LENGTH.items())


@cache
def _sentencizer() -> Any:
    return nlp().get_pipe("sentencizer")


def _sentence_spans(chunk: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences spaCy's sentencizer finds in ``chunk``.

    The same as ``[(s.start_char, s.end_char) for s in nlp()(chunk).sents]``, but the
    sentencizer's rule (``Sentencizer.predict``) runs here on arrays of token offsets, which
    spares creating a Python object per token.
    """
    from spacy.attrs import IDX, IS_PUNCT, LENGTH

    doc = nlp().make_doc(chunk)
    n = len(doc)
    if n == 0:
        return []
    punct_chars = _sentencizer().punct_chars
    rows = doc.to_array([IDX, LENGTH, IS_PUNCT]).tolist()
    bounds = [0]  # the first token of each sentence, then the end
    seen_period = False
    for i, (idx, length, is_punct) in enumerate(rows):
        in_punct_chars = chunk[idx:idx + length] in punct_chars
        if seen_period and not is_punct and not in_punct_chars:
            bounds.append(i)
            seen_period = False
        elif in_punct_chars:
            seen_period = True
    bounds.append(n)
    # A span's end_char is its last token's idx plus that token's length.
    return [(rows[a][0], rows[b - 1][0] + rows[b - 1][1]) for a, b in itertools.pairwise(bounds)]


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
    for stop in bounds:
        chunk = clean[start:stop]
        if chunk.strip():
            for sent_start, sent_end in _sentence_spans(chunk):
                s = start + sent_start
                e = start + sent_end
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if s < e:
                    out.append(Sentence(len(out), s, e, text[s:e]))
        start = stop
    return out
