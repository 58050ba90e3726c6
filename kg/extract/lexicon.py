"""Load the extraction lexicons kept as data files in ``kg/resources/lexicon``."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

REFLEXIVE = ("se", "s'")
NEGATIVE = ("ne", "n'")


@dataclass(frozen=True)
class Cue:
    """A reporting cue: a verb lemma, the words that must follow it, and its type."""

    phrase: str
    head: str
    rest: tuple[str, ...]
    reflexive: bool
    negative: bool
    type: str
    neutral: bool
    frame: str


@dataclass(frozen=True)
class Role:
    """A role noun that can stand for a speaker."""

    noun: str
    kind: str
    generic: bool


@dataclass(frozen=True)
class Lexicon:
    """Every lexicon the extractor reads, loaded once."""

    cues: dict[str, tuple[Cue, ...]]
    content: dict[str, tuple[str, str]]
    nouns: dict[str, str]
    topics: dict[str, str]
    roles: dict[str, Role]
    forms: dict[str, str]
    digest: str
    verdicts: dict[str, dict[Any, bool]] = field(default_factory=dict, compare=False, repr=False)
    """Answers of the whole-document word scans (:func:`kg.nlp.token_indices`), by scan."""

    def lemmas(self, word: str, lemma: str) -> list[str]:
        """Lemmas to try for a verb form: the tagger's, the irregular-forms table's, a regular -er guess."""
        word = word.lower()
        found = [lemma.lower(), word]
        if word in self.forms:
            found.append(self.forms[word])
        found.extend(_er_lemmas(word))
        return found

    @classmethod
    def load(cls, directory: Path | None = None) -> Lexicon:
        """Read the TSV files of ``directory`` (default: the package's own lexicon)."""
        base = directory or Path(str(resources.files("kg").joinpath("resources/lexicon")))
        names = ("cues", "content", "nouns", "topics", "roles", "forms")
        texts = {name: (base / f"{name}.tsv").read_text(encoding="utf-8") for name in names}
        cues: dict[str, list[Cue]] = {}
        for row in _rows(texts["cues"]):
            cue = _cue(row)
            cues.setdefault(cue.head, []).append(cue)
        ordered = {head: tuple(sorted(group, key=lambda c: -(len(c.rest) + c.reflexive + c.negative))) for head, group in cues.items()}
        digest = hashlib.sha1("".join(texts[name] for name in sorted(texts)).encode("utf-8")).hexdigest()
        return cls(
            cues=ordered,
            content={row["lemma"]: (row["type"], row["topic"] or row["lemma"]) for row in _rows(texts["content"])},
            nouns={row["lemma"]: row["type"] for row in _rows(texts["nouns"])},
            topics={row["lemma"]: row["noun"] for row in _rows(texts["topics"])},
            roles={row["noun"]: Role(row["noun"], row["kind"], row["generic"] == "yes") for row in _rows(texts["roles"])},
            forms={row["form"]: row["lemma"] for row in _rows(texts["forms"])},
            digest=digest,
        )


_ER_ENDINGS = ("eraient", "erait", "eront", "aient", "ées", "ée", "és", "ant", "ait", "ent", "ons", "ez", "es", "é", "e")


@lru_cache(maxsize=65536)
def _er_lemmas(word: str) -> tuple[str, ...]:
    """Infinitives a form of a regular -er verb may come from: ``rejette`` → ``rejeter``, ``menaçant`` → ``menacer``."""
    for ending in _ER_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            stem = re.sub(r"ett$", "et", stem)
            stem = re.sub(r"ell$", "el", stem)
            stem = re.sub(r"ç$", "c", stem)
            stem = re.sub(r"ge$", "g", stem)
            stem = re.sub(r"è(.)$", r"e\1", stem)
            return (stem + "er",)
    return ()


def _rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def _cue(row: dict[str, str]) -> Cue:
    words = row["cue"].replace("'", "' ").split()
    reflexive = negative = False
    if words[0] in REFLEXIVE:
        reflexive, words = True, words[1:]
    if words[0] in NEGATIVE:
        negative, words = True, [w for w in words[1:] if w != "pas"]
    return Cue(
        phrase=row["cue"],
        head=words[0],
        rest=tuple(words[1:]),
        reflexive=reflexive,
        negative=negative,
        type=row["type"],
        neutral=row["neutral"] == "yes",
        frame=row["frame"],
    )
