"""Lexical checks on SPARQL text made before a query runs.

The endpoint refuses ``SERVICE`` unless configured to allow it.  The keyword is
looked for in the query text with comments, strings and IRIs blanked out, so
``"SERVICE"`` in a literal or ``ex:service`` does not count, while every real
``SERVICE`` clause does.  The check errs on the side of refusing: a prefixed
name such as ``ex:a.SERVICE`` is also taken for the keyword.
"""

from __future__ import annotations

import re

_OPAQUE = re.compile(
    r"""
    \#[^\n\r]*                                        # comment
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"             # long strings
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | "(?:[^"\\\n\r]|\\.)*"                           # strings
    | '(?:[^'\\\n\r]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>                       # IRIs
    """,
    re.VERBOSE | re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)
_LOAD = re.compile(r"(?<![\w:?$])LOAD(?![\w:])", re.IGNORECASE)


def uses_service(text: str) -> bool:
    """Whether the query or update has a ``SERVICE`` clause (federated query).

    >>> uses_service('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT * { ?s ?p ?o .SERVICE?x{ ?a ?b ?c } }')
    True
    >>> uses_service('SELECT * { ?s ex:service "SERVICE" ; <http://e/SERVICE> ?SERVICE } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_OPAQUE.sub(lambda m: " " * len(m.group(0)), text)))


def uses_load(text: str) -> bool:
    """Whether an update has a ``LOAD`` operation, which makes the server fetch a URL.

    >>> uses_load('LOAD SILENT <http://169.254.169.254/> INTO GRAPH <urn:g>')
    True
    >>> uses_load('INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:load> "LOAD" } } # LOAD')
    False
    """
    return bool(_LOAD.search(_OPAQUE.sub(lambda m: " " * len(m.group(0)), text)))
