"""Two networkx views of the merged statements, shared by the HTML, GEXF and CSV exports.

* :func:`build_network` — the statement view: ``speaker → statement → target``,
  where each statement is a node labelled with its topic, as in
  « Riabkov → declares → solidarité → Venezuela ».
* :func:`actor_view` — the actor view: one edge per (speaker, target, type),
  weighted by the number of statements, with the first and last date.

Both are built from the same :class:`~kg.records.Statement` records, in a
deterministic order (nodes and edges sorted by id), so that the exports are
byte-identical for the same input.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from kg.records import Actor, Statement, day
from kg.types import statement_types


@dataclass(frozen=True)
class TypeInfo:
    """What the graph views need to know about a statement type."""

    id: str
    verb: str
    family: str
    label: str


def type_info(type_id: str) -> TypeInfo:
    """The verb, family and label of a statement type; an unknown type is neutral.

    Example:
        >>> type_info("support")
        TypeInfo(id='support', verb='supports', family='positive', label='support')
    """
    known = statement_types().get(type_id)
    if known is None:
        return TypeInfo(id=type_id, verb=type_id, family="neutral", label=type_id)
    return TypeInfo(id=known.id, verb=known.verb, family=known.family, label=known.label_en)


def build_network(statements: Sequence[Statement]) -> nx.MultiDiGraph:
    """The statement view: actors and statements as nodes.

    Actor nodes carry ``node_type="actor"``, ``label``, ``kind``, ``country``,
    ``qid``, ``role``, ``statements_spoken`` and ``statements_received``.
    Statement nodes carry ``node_type="statement"``, ``label`` (the topic, else
    the type label), ``type``, ``verb``, ``family``, ``text``, ``date``,
    ``speaker`` and ``articles``. Edges go ``speaker → statement`` (key
    ``"speaker"``, label the type's verb) and ``statement → target`` (key the
    target's role, label the role).

    Example:
        >>> graph = build_network(statements)
        >>> graph.edges["ru-riabkov", "st-1a2b…", "speaker"]["label"]
        'declares'
    """
    graph = nx.MultiDiGraph()
    for actor_id, attributes in _actor_nodes(statements):
        graph.add_node(actor_id, **attributes)
    for statement in _sorted(statements):
        info = type_info(statement.type)
        graph.add_node(
            statement.id,
            node_type="statement",
            label=statement.topic or info.label,
            topic=statement.topic,
            type=info.id,
            verb=info.verb,
            family=info.family,
            text=statement.text,
            quote=statement.quote,
            date=day(statement.date),
            speaker=statement.speaker.id,
            negated=statement.negated,
            hedged=statement.hedged,
            articles=_articles([statement]),
            mentions=len(statement.mentions),
        )
        graph.add_edge(
            statement.speaker.id, statement.id, key="speaker",
            label=info.verb, relation="speaker", type=info.id, family=info.family,
        )
        for target in sorted(statement.targets, key=lambda t: (t.actor.id, t.role)):
            graph.add_edge(
                statement.id, target.actor.id, key=target.role,
                label=target.role, relation="target", role=target.role, type=info.id, family=info.family,
            )
    return graph


def actor_view(statements: Sequence[Statement]) -> nx.MultiDiGraph:
    """The actor view: one edge per (speaker, target, type), keyed by the type id.

    A MultiDiGraph (a DiGraph that allows one edge per type between the same
    two actors). Nodes carry the same attributes as the actor nodes of
    :func:`build_network`; edges carry ``type``, ``verb``, ``label`` (the
    verb), ``family``, ``weight`` (number of statements), ``first_date``,
    ``last_date``, ``dates``, ``statements``, ``topics``, ``articles`` and
    ``roles``. A statement without a target adds its speaker but no edge.

    Example:
        >>> view = actor_view(statements)
        >>> view.edges["ru-riabkov", "ve", "support"]["weight"]
        2
    """
    graph = nx.MultiDiGraph()
    for actor_id, attributes in _actor_nodes(statements):
        graph.add_node(actor_id, **attributes)
    groups: dict[tuple[str, str, str], list[tuple[Statement, str]]] = {}
    for statement in _sorted(statements):
        for target_id, role in _target_roles(statement):
            groups.setdefault((statement.speaker.id, target_id, statement.type), []).append((statement, role))
    for (speaker, target, type_id), members in sorted(groups.items()):
        info = type_info(type_id)
        group = [statement for statement, _ in members]
        dates = sorted({d for d in (day(s.date) for s in group) if d})
        graph.add_edge(
            speaker, target, key=type_id,
            type=info.id, verb=info.verb, label=info.verb, family=info.family,
            weight=len(group),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
            dates=tuple(dates),
            statements=tuple(s.id for s in group),
            topics=tuple(sorted({s.topic for s in group if s.topic})),
            articles=_articles(group),
            roles=tuple(sorted({role for _, role in members})),
        )
    return graph


def _sorted(statements: Iterable[Statement]) -> list[Statement]:
    return sorted(statements, key=lambda s: (day(s.date) or "9999", s.id))


def _target_roles(statement: Statement) -> list[tuple[str, str]]:
    """Each target actor once, with its roles joined (``about``, ``addressee``)."""
    roles: dict[str, set[str]] = {}
    for target in statement.targets:
        roles.setdefault(target.actor.id, set()).add(target.role)
    return [(actor_id, "+".join(sorted(found))) for actor_id, found in sorted(roles.items())]


def _articles(statements: Iterable[Statement]) -> tuple[str, ...]:
    return tuple(sorted({mention.article for s in statements for mention in s.mentions}))


def _actor_nodes(statements: Sequence[Statement]) -> list[tuple[str, dict[str, object]]]:
    """Actor node attributes, with the first non-empty value seen for each field."""
    seen: dict[str, list[Actor]] = {}
    spoken: dict[str, int] = {}
    received: dict[str, int] = {}
    dates: dict[str, set[str]] = {}
    for statement in _sorted(statements):
        speaker = statement.speaker
        seen.setdefault(speaker.id, []).append(speaker)
        spoken[speaker.id] = spoken.get(speaker.id, 0) + 1
        when = day(statement.date)
        involved = [speaker.id]
        for target in statement.targets:
            seen.setdefault(target.actor.id, []).append(target.actor)
        for target_id, _ in _target_roles(statement):
            received[target_id] = received.get(target_id, 0) + 1
            involved.append(target_id)
        for actor_id in involved:
            dates.setdefault(actor_id, set())
            if when:
                dates[actor_id].add(when)
    nodes = []
    for actor_id in sorted(seen):
        variants = seen[actor_id]
        nodes.append((actor_id, {
            "node_type": "actor",
            "label": _most_common([a.name for a in variants]) or actor_id,
            "kind": _first(a.kind for a in variants) or "group",
            "country": _first(a.country for a in variants),
            "qid": _first(a.qid for a in variants),
            "role": _first(a.role for a in variants),
            "statements_spoken": spoken.get(actor_id, 0),
            "statements_received": received.get(actor_id, 0),
            "dates": tuple(sorted(dates.get(actor_id, ()))),
        }))
    return nodes


def _most_common(names: list[str]) -> str | None:
    """The most frequent name; ties go to the longer, then the alphabetically first."""
    counts: dict[str, int] = {}
    for name in names:
        if name:
            counts[name] = counts.get(name, 0) + 1
    return min(counts, key=lambda name: (-counts[name], -len(name), name)) if counts else None


def _first(values: Iterable[str | None]) -> str | None:
    return next((value for value in values if value), None)
