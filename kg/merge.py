"""Merge statement mentions into statements: the same statement reported twice is one node."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from kg.records import Mention, Statement, Target


def statement_id(speaker_id: str, type_id: str, key: str) -> str:
    """A short stable id for a statement from its speaker, type and normalised content."""
    digest = hashlib.sha1(f"{speaker_id}|{type_id}|{key}".encode("utf-8")).hexdigest()
    return f"st-{digest[:16]}"


def _content_key(mention: Mention) -> str:
    text = mention.quote or mention.content or mention.sentence.text
    return " ".join(text.casefold().split())


def merge_mentions(mentions: Iterable[Mention]) -> list[Statement]:
    """Group mentions that report the same statement; keep every mention as evidence.

    Mentions are grouped by speaker, type and content. The statement's date is
    the earliest mention date, its targets the union of the mentions' targets.
    """
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        key = statement_id(mention.speaker.id, mention.type, _content_key(mention))
        groups.setdefault(key, []).append(mention)
    return [_statement(key, group) for key, group in sorted(groups.items())]


def _statement(key: str, group: list[Mention]) -> Statement:
    group.sort(key=lambda m: (m.date or "9999", m.article, m.sentence.start))
    first = group[0]
    targets: dict[tuple[str, str], Target] = {}
    for mention in group:
        for target in mention.targets:
            targets.setdefault((target.actor.id, target.role), target)
    dates = [m.date for m in group if m.date]
    return Statement(
        id=key,
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
