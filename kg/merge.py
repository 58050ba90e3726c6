"""Merge statement mentions into statements: the same statement reported twice is one node.

Two mentions report the same statement when they have the same speaker and
type and their words are the same up to small changes (a translation that says
*bénéfique* once and *rentable* the next time), whether they come from one
article or from several. Similarity is rapidfuzz's token-sort ratio over the
quote or reported content.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from kg.records import Mention, Statement, Target

SIMILARITY = 75.0  # token-sort ratio (0-100) from which two wordings are one statement
SHORT_SIMILARITY = 95.0  # stricter for wordings of a few words, where one word changes the meaning
SHORT_WORDS = 6


def statement_id(speaker_id: str, type_id: str, key: str) -> str:
    """A short stable id for a statement from its speaker, type and normalised wording."""
    digest = hashlib.sha1(f"{speaker_id}|{type_id}|{key}".encode("utf-8")).hexdigest()
    return f"st-{digest[:16]}"


def wording(mention: Mention) -> str:
    """What the mention reports, normalised for comparison."""
    return utils.default_process(mention.quote or mention.content or mention.sentence.text)


@dataclass
class _Cluster:
    key: str
    mentions: list[Mention] = field(default_factory=list)


def merge_mentions(mentions: Iterable[Mention], similarity: float = SIMILARITY) -> list[Statement]:
    """Group the mentions that report the same statement; keep every mention as evidence.

    The statement's id comes from its first mention (in article and text order), its
    date is the earliest mention date, its targets the union of the mentions' targets.

    Example:
        >>> statements = merge_mentions(mentions)
        >>> [len(s.mentions) for s in statements if s.speaker.name == "Nicolás Maduro"]
        [2, 1, 1, 1]
    """
    ordered = sorted(mentions, key=lambda m: (m.date or "9999", m.article, m.sentence.start, m.speaker.id, m.type))
    groups: dict[tuple[str, str], list[_Cluster]] = {}
    for mention in ordered:
        text = wording(mention)
        clusters = groups.setdefault((mention.speaker.id, mention.type), [])
        cluster = _closest(text, clusters, similarity)
        if cluster is None:
            cluster = _Cluster(key=text)
            clusters.append(cluster)
        cluster.mentions.append(mention)
    statements = [_statement(cluster) for clusters in groups.values() for cluster in clusters]
    return sorted(statements, key=lambda s: s.id)


def _closest(text: str, clusters: list[_Cluster], similarity: float) -> _Cluster | None:
    if not clusters:
        return None
    cutoff = SHORT_SIMILARITY if len(text.split()) < SHORT_WORDS else similarity
    found = process.extractOne(text, [c.key for c in clusters], scorer=fuzz.token_sort_ratio,
                               processor=None, score_cutoff=cutoff)
    return clusters[found[2]] if found else None


def _statement(cluster: _Cluster) -> Statement:
    group = cluster.mentions
    first = group[0]
    targets: dict[tuple[str, str], Target] = {}
    for mention in group:
        for target in mention.targets:
            targets.setdefault((target.actor.id, target.role), target)
    dates = [m.date for m in group if m.date]
    return Statement(
        id=statement_id(first.speaker.id, first.type, cluster.key),
        speaker=first.speaker,
        type=first.type,
        targets=tuple(targets.values()),
        topic=first.topic,
        quote=first.quote,
        content=first.content,
        date=min(dates) if dates else None,
        negated=first.negated,
        hedged=first.hedged,
        mentions=tuple(group),
    )
