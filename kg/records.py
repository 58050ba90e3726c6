"""Plain records passed between pipeline stages.

Every stage boundary carries frozen dataclasses holding character offsets and
strings, never spaCy objects, so that records can be tested, cached, written
as JSON and sent to worker processes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Any

ACTOR_KINDS = ("person", "state", "organisation", "media", "group")
TARGET_ROLES = ("about", "addressee")
MODES = ("direct", "indirect", "mixed", "floating", "nested", "nominal")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day(date: str | None) -> str | None:
    """The ``YYYY-MM-DD`` day of an ISO date or date-time, or None.

    Example:
        >>> day("2024-03-05T10:00:00Z")
        '2024-03-05'
        >>> day("2024-02-30") is None
        True
    """
    if not date:
        return None
    match = _DAY.match(date)
    if match is None:
        return None
    try:
        return _date.fromisoformat(match.group(0)).isoformat()  # a day that exists: not 2025-13-45 nor 2025-02-30
    except ValueError:
        return None


@dataclass(frozen=True)
class Article:
    """One input article, its text exactly as decoded from the file."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Actor:
    """Someone who speaks or is spoken about: a person, state, organisation, media or group."""

    name: str
    id: str
    kind: str
    role: str | None = None
    country: str | None = None
    qid: str | None = None
    affiliation: str | None = None  # id of the organisation a person speaks for (« porte-parole du Kremlin »)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "id": self.id, "kind": self.kind}
        if self.role:
            out["role"] = self.role
        if self.country:
            out["country"] = self.country
        if self.affiliation:
            out["affiliation"] = self.affiliation
        if self.qid:
            out["qid"] = self.qid
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            name=data["name"],
            id=data["id"],
            kind=data["kind"],
            role=data.get("role"),
            country=data.get("country"),
            qid=data.get("qid"),
            affiliation=data.get("affiliation"),
        )


@dataclass(frozen=True)
class Target:
    """An actor a statement is about (``about``) or addressed to (``addressee``)."""

    actor: Actor
    role: str = "about"

    def to_dict(self) -> dict[str, Any]:
        """The actor's identity and the target role; the actor's own job title is not repeated here."""
        actor = {key: value for key, value in self.actor.to_dict().items() if key != "role"}
        return {**actor, "role": self.role}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Target:
        actor = Actor.from_dict({key: value for key, value in data.items() if key != "role"})
        return cls(actor=actor, role=data.get("role", "about"))


@dataclass(frozen=True)
class Evidence:
    """A span of the original article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Mention:
    """One statement as it is reported once in one article (the JSONL contract)."""

    article: str
    date: str | None
    speaker: Actor
    type: str
    targets: tuple[Target, ...]
    cue: str | None
    topic: str | None
    quote: str | None
    content: str | None
    mode: str
    negated: bool
    hedged: bool
    source: Actor | None
    sentence: Evidence
    confidence: float
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self, shared: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
        """The record in the contract's key order.

        ``shared``, when given, keeps the speaker's and targets' records by
        object for the next mentions that name the same actor objects (the
        caller keeps those objects alive while it uses ``shared``, and does
        not change the records).
        """
        if shared is None:
            speaker, targets = self.speaker.to_dict(), [target.to_dict() for target in self.targets]
        else:
            speaker = shared.get(id(self.speaker)) or shared.setdefault(id(self.speaker), self.speaker.to_dict())
            targets = [shared.get(id(target)) or shared.setdefault(id(target), target.to_dict()) for target in self.targets]
        return {
            "article": self.article,
            "date": self.date,
            "speaker": speaker,
            "type": self.type,
            "targets": targets,
            "cue": self.cue,
            "topic": self.topic,
            "quote": self.quote,
            "content": self.content,
            "mode": self.mode,
            "negated": self.negated,
            "hedged": self.hedged,
            "source": self.source.to_dict() if self.source else None,
            "sentence": self.sentence.to_dict(),
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, targets: tuple[Target, ...] | None = None,
                  extra: dict[str, Any] | None = None) -> Mention:
        """The mention of a contract record; ``targets`` and ``extra``, when given, replace the record's."""
        sentence = data["sentence"]
        return cls(
            article=data["article"],
            date=data.get("date"),
            speaker=Actor.from_dict(data["speaker"]),
            type=data["type"],
            targets=targets if targets is not None else tuple(Target.from_dict(t) for t in data.get("targets", [])),
            cue=data.get("cue"),
            topic=data.get("topic"),
            quote=data.get("quote"),
            content=data.get("content"),
            mode=data.get("mode", "indirect"),
            negated=bool(data.get("negated", False)),
            hedged=bool(data.get("hedged", False)),
            source=Actor.from_dict(data["source"]) if data.get("source") else None,
            sentence=Evidence(sentence["text"], sentence["start"], sentence["end"]),
            confidence=float(data.get("confidence", 1.0)),
            extra=extra if extra is not None else {},
        )


@dataclass(frozen=True)
class Statement:
    """One statement of the merged graph, with every mention that reports it."""

    id: str
    speaker: Actor
    type: str
    targets: tuple[Target, ...]
    topic: str | None
    quote: str | None
    content: str | None
    date: str | None
    negated: bool
    hedged: bool
    mentions: tuple[Mention, ...]

    @property
    def text(self) -> str:
        """What was said: the quote, else the reported content, else the sentence."""
        return self.quote or self.content or self.mentions[0].sentence.text
