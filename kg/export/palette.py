"""Colours shared by the graph exports (HTML, GEXF): edges by type family, nodes by actor kind."""

from __future__ import annotations

#: Edge colour of each statement-type family (see ``kg/resources/types.tsv``).
FAMILY_COLORS = {
    "positive": "#2a9d55",  # green: support, cooperate, promise
    "request": "#2f6fd6",   # blue: appeal, demand
    "neutral": "#8a8f98",   # grey: declare, consider, acknowledge, decline
    "negative": "#8e44ad",  # purple: deny, reject
    "hostile": "#d62828",   # red: warn, threaten, criticize, accuse
}
#: Node colour of each actor kind (``kg.records.ACTOR_KINDS``).
KIND_COLORS = {
    "person": "#f6bd60",
    "state": "#84c5e8",
    "organisation": "#a8d5a2",
    "media": "#f4978e",
    "group": "#c9b6e4",
}
UNKNOWN_FAMILY_COLOR = "#8a8f98"
UNKNOWN_KIND_COLOR = "#cccccc"
