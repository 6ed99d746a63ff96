"""Colours and shapes shared by the page, the images and the graph files.

The palette is Okabe and Ito's colour-blind-safe set (https://jfly.uni-koeln.de/color/),
extended with two greys, one colour per node type of :func:`kg.graph.project`.
"""

from __future__ import annotations

TYPE_COLOURS = {
    "Country": "#0072B2",
    "Organization": "#56B4E9",
    "Person": "#E69F00",
    "Event": "#D55E00",
    "Agreement": "#009E73",
    "Plan": "#CC79A7",
    "Fund": "#F0E442",
    "Indicator": "#7F7F7F",
}
"""Fill colour per node type."""

OTHER_COLOUR = "#BBBBBB"
"""Fill colour of a node whose type is not in :data:`TYPE_COLOURS`."""

GRAPHVIZ_SHAPES = {
    "Country": "doubleoctagon",
    "Organization": "box",
    "Person": "ellipse",
    "Event": "box",
    "Agreement": "hexagon",
    "Plan": "note",
    "Fund": "cylinder",
    "Indicator": "parallelogram",
}
"""Graphviz node shape per node type (so the images do not rely on colour alone)."""


def colour(node_type: str) -> str:
    """The fill colour of a node type.

    >>> colour("Country"), colour("Spaceship")
    ('#0072B2', '#BBBBBB')
    """
    return TYPE_COLOURS.get(node_type, OTHER_COLOUR)


def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (``#RRGGBB``).

    >>> text_colour("#0072B2"), text_colour("#F0E442")
    ('#FFFFFF', '#000000')
    """
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#FFFFFF"
