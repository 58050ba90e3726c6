"""The 15 statement types, loaded from ``resources/types.tsv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

FAMILIES = ("positive", "request", "neutral", "negative", "hostile")


@dataclass(frozen=True)
class StatementType:
    """One statement type with its codes in the CAMEO and PLOVER event schemes."""

    id: str
    verb: str
    family: str
    cameo: tuple[str, ...]
    plover: tuple[str, ...]
    label_fr: str
    label_en: str
    definition_en: str
    definition_fr: str


@cache
def statement_types() -> dict[str, StatementType]:
    """All statement types by id, in the table's order."""
    text = resources.files("kg").joinpath("resources/types.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    table: dict[str, StatementType] = {}
    for row in rows:
        table[row["id"]] = StatementType(
            id=row["id"],
            verb=row["verb"],
            family=row["family"],
            cameo=tuple(row["cameo"].split()),
            plover=tuple(row["plover"].split()),
            label_fr=row["label_fr"],
            label_en=row["label_en"],
            definition_en=row["definition_en"],
            definition_fr=row["definition_fr"],
        )
    return table


TYPE_IDS = (
    "declare", "support", "cooperate", "promise", "appeal", "demand", "consider", "acknowledge",
    "deny", "decline", "reject", "warn", "threaten", "criticize", "accuse",
)
