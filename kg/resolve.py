"""One actor, one node: join the people of every article under one identifier.

Inside an article, :mod:`kg.extract.actors` already joins *Riabkov* to
*Sergueï Riabkov*. Across articles, a person is keyed by :func:`kg.names.name_key`
(so transliterations meet), surname-only mentions join the one full name that
shares their surname and country, and names with different given names or
countries stay apart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from kg.gazetteer import Gazetteer
from kg.names import name_key
from kg.records import Actor, Mention, Target


def resolve_mentions(mentions: Sequence[Mention], gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Mentions with every person replaced by the canonical actor of their cluster."""
    people: dict[str, Actor] = {}
    weight: Counter[str] = Counter()
    for mention in mentions:
        for actor in _actors(mention):
            if actor.kind == "person" and not actor.id.startswith("descriptor-"):
                people.setdefault(actor.id, actor)
                weight[actor.id] += 1
    canonical = _clusters(list(people.values()), weight)
    if not canonical:
        return list(mentions)
    return [_rewrite(mention, canonical, people) for mention in mentions]


def _actors(mention: Mention) -> list[Actor]:
    return [mention.speaker] + [target.actor for target in mention.targets]


def _clusters(people: list[Actor], weight: Counter[str]) -> dict[str, str]:
    """Map each person id to its cluster's canonical id (only where they differ)."""
    by_surname: dict[str, list[Actor]] = defaultdict(list)
    for actor in people:
        key = name_key(actor.name)
        if key:
            by_surname[key.split()[-1]].append(actor)
            if len(key.split()) > 1:
                by_surname[key.split()[0]].append(actor)
    parent = {actor.id: actor.id for actor in people}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for surname, group in sorted(by_surname.items()):
        full = [a for a in group if len(name_key(a.name).split()) > 1]
        for actor in group:
            partners = [other for other in full if other.id != actor.id and _same_person(actor, other, surname)]
            if len(name_key(actor.name).split()) == 1 and len({find(p.id) for p in partners}) > 1:
                continue  # a bare surname shared by two different people: leave it alone
            for other in partners:
                parent[find(actor.id)] = find(other.id)
    members: dict[str, list[Actor]] = defaultdict(list)
    for actor in people:
        members[find(actor.id)].append(actor)
    mapping: dict[str, str] = {}
    for group in members.values():
        best = max(group, key=lambda a: (bool(a.qid), len(name_key(a.name).split()) > 1, weight[a.id], -len(a.name), a.id))
        for actor in group:
            if actor.id != best.id:
                mapping[actor.id] = best.id
    return mapping


def _same_person(actor: Actor, other: Actor, surname: str) -> bool:
    if actor.country and other.country and actor.country != other.country:
        return False
    mine, theirs = name_key(actor.name).split(), name_key(other.name).split()
    if mine[-1] != surname and (len(mine) > 1 or mine[0] != surname):
        return False
    if len(mine) == 1:
        return True
    if mine[-1] != theirs[-1]:
        return False
    return mine[0][0] == theirs[0][0]


def _rewrite(mention: Mention, canonical: dict[str, str], people: dict[str, Actor]) -> Mention:
    def swap(actor: Actor) -> Actor:
        target_id = canonical.get(actor.id)
        if target_id is None:
            return actor
        chosen = people[target_id]
        return Actor(chosen.name, chosen.id, chosen.kind, actor.role or chosen.role, actor.country or chosen.country, chosen.qid)

    speaker = swap(mention.speaker)
    targets = tuple(Target(swap(t.actor), t.role) for t in mention.targets if swap(t.actor).id != speaker.id)
    if speaker is mention.speaker and targets == mention.targets:
        return mention
    return replace(mention, speaker=speaker, targets=targets)
