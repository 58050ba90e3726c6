"""Score extracted mentions against gold records, exactly as GOLD.md describes.

1. Names match after accent stripping, case folding and punctuation removal,
   when equal or when one contains the other as whole words (4+ characters).
2. A mention matches a gold record when its sentence span overlaps the
   evidence (or its sentence, quote or content contains it) and its speaker
   matches an alias. One mention, one record; pairs with the right type and
   target first, required records before optional ones.
3. Attribution P/R/F1 over required records; mentions paired with optional
   records count neither way.
4. Target and type accuracy on the pairs; triple F1 counts a pair only when
   its target and type are right too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.records import Mention


class GoldError(ValueError):
    """A gold file that cannot be read."""


def normalise(name: str) -> str:
    """Accent-free, case-folded, punctuation-free form of a name."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", stripped).split())


def names_match(name: str, alias: str) -> bool:
    """Equal, or one contains the other as whole words, the shorter having at least 4 characters."""
    a, b = normalise(name), normalise(alias)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and f" {short} " in f" {long} "


@dataclass
class Score:
    """Every figure of one evaluation run."""

    gold_required: int = 0
    system: int = 0
    matched: int = 0
    matched_optional: int = 0
    target_right: int = 0
    type_right: int = 0
    triple_right: int = 0
    per_mode: dict[str, list[int]] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    extras: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        counted = self.system - self.matched_optional
        precision = self.matched / counted if counted else 0.0
        recall = self.matched / self.gold_required if self.gold_required else 0.0
        t_precision = self.triple_right / counted if counted else 0.0
        t_recall = self.triple_right / self.gold_required if self.gold_required else 0.0
        return {
            "attribution": {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(_f1(precision, recall), 4)},
            "target_accuracy": round(self.target_right / self.matched, 4) if self.matched else 0.0,
            "type_accuracy": round(self.type_right / self.matched, 4) if self.matched else 0.0,
            "triple": {"precision": round(t_precision, 4), "recall": round(t_recall, 4), "f1": round(_f1(t_precision, t_recall), 4)},
            "recall_by_mode": {mode: round(hit / total, 4) for mode, (hit, total) in sorted(self.per_mode.items()) if total},
            "counts": {"gold_required": self.gold_required, "system": self.system, "matched": self.matched,
                       "matched_optional": self.matched_optional},
        }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Gold records from a JSON Lines file; a bad line raises GoldError naming it."""
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"{path}: cannot read gold file ({error})") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            for key in ("article", "evidence", "speaker", "types"):
                if key not in record:
                    raise GoldError(f"{path}:{number}: gold record without '{key}'")
        except json.JSONDecodeError as error:
            raise GoldError(f"{path}:{number}: malformed JSON ({error.msg})") from error
        records.append(record)
    if not records:
        raise GoldError(f"{path}: no gold records")
    return records


def score(gold: Sequence[dict[str, Any]], mentions: Sequence[Mention], texts: dict[str, str]) -> Score:
    """Pair mentions with gold records and count."""
    result = Score(system=len(mentions))
    spans = {id(g): _evidence_spans(texts.get(g["article"], ""), g["evidence"]) for g in gold}
    candidates: list[tuple[int, int, int, int]] = []  # (priority, gold index, mention index, full)
    for gi, record in enumerate(gold):
        for mi, mention in enumerate(mentions):
            if mention.article != record["article"] or not _overlaps(mention, record, spans[id(record)]):
                continue
            if not any(names_match(mention.speaker.name, alias) for alias in record["speaker"]):
                continue
            full = _target_right(mention, record) and mention.type in record["types"]
            required = record.get("required", True)
            priority = (0 if required else 2) + (0 if full else 1)
            candidates.append((priority, gi, mi, full))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    gold_used: dict[int, int] = {}
    mention_used: set[int] = set()
    for _priority, gi, mi, _full in candidates:
        if gi in gold_used or mi in mention_used:
            continue
        gold_used[gi] = mi
        mention_used.add(mi)
    for gi, record in enumerate(gold):
        required = record.get("required", True)
        mode = record.get("mode", "indirect")
        if required:
            result.gold_required += 1
            hits = result.per_mode.setdefault(mode, [0, 0])
            hits[1] += 1
        if gi not in gold_used:
            if required:
                result.misses.append(record)
            continue
        mention = mentions[gold_used[gi]]
        if not required:
            result.matched_optional += 1
            continue
        result.matched += 1
        result.per_mode[mode][0] += 1
        target_ok = _target_right(mention, record)
        type_ok = mention.type in record["types"]
        result.target_right += target_ok
        result.type_right += type_ok
        result.triple_right += target_ok and type_ok
        if not (target_ok and type_ok):
            result.wrong.append({"gold": record, "mention": mention.to_dict()})
    result.extras = [mentions[mi].to_dict() for mi in range(len(mentions)) if mi not in mention_used]
    return result


def _evidence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(evidence)
    while start >= 0:
        spans.append((start, start + len(evidence)))
        start = text.find(evidence, start + 1)
    return spans


def _overlaps(mention: Mention, record: dict[str, Any], spans: Iterable[tuple[int, int]]) -> bool:
    sentence = mention.sentence
    if any(sentence.start < end and start < sentence.end for start, end in spans):
        return True
    evidence = record["evidence"]
    return any(evidence in (text or "") for text in (sentence.text, mention.quote, mention.content))


def _target_right(mention: Mention, record: dict[str, Any]) -> bool:
    gold_targets = record.get("targets") or []
    names = [t.actor.name for t in mention.targets]
    if not gold_targets:
        optional = record.get("targets_optional") or []
        return all(any(names_match(n, a) for group in optional for a in group) for n in names)
    return any(names_match(name, alias) for name in names for group in gold_targets for alias in group)


def report(result: Score, verbose: bool = False) -> str:
    """A readable report; with ``verbose``, misses, wrong pairs and extras."""
    data = result.as_dict()
    att, tri, counts = data["attribution"], data["triple"], data["counts"]
    lines = [
        f"gold statements (required): {counts['gold_required']}   system mentions: {counts['system']}   "
        f"matched: {counts['matched']} (+{counts['matched_optional']} optional)",
        f"attribution  P {att['precision']:.3f}  R {att['recall']:.3f}  F1 {att['f1']:.3f}",
        f"target accuracy {data['target_accuracy']:.3f}   type accuracy {data['type_accuracy']:.3f}",
        f"triple       P {tri['precision']:.3f}  R {tri['recall']:.3f}  F1 {tri['f1']:.3f}",
        "recall by mode: " + ", ".join(f"{mode} {value:.2f} ({result.per_mode[mode][0]}/{result.per_mode[mode][1]})"
                                       for mode, value in data["recall_by_mode"].items()),
    ]
    if verbose:
        lines.append("")
        for record in result.misses:
            lines.append(f"MISS  {record['id']} [{record.get('mode')}] {record['speaker'][0]} · {record['types'][0]} · {record['evidence'][:70]!r}")
        for pair in result.wrong:
            gold, mention = pair["gold"], pair["mention"]
            targets = ", ".join(t["name"] for t in mention["targets"]) or "-"
            lines.append(f"WRONG {gold['id']} type {mention['type']} (gold {'/'.join(gold['types'])}) targets [{targets}] "
                         f"(gold {'; '.join(g[0] for g in gold.get('targets') or [])})")
        for extra in result.extras:
            lines.append(f"EXTRA {extra['article'][:12]} {extra['speaker']['name']} · {extra['type']} · {extra['sentence']['text'][:70]!r}")
    return "\n".join(lines)

