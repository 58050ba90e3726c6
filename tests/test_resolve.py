"""Entity resolution on data/: one node per real actor, and no merge of different people."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from kg.names import name_key

ROOT = Path(__file__).resolve().parent.parent


def _actors(mentions) -> dict[str, set[str]]:
    """Actor id → names it is shown under, over speakers and targets of every mention."""
    names: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        for actor in [mention.speaker] + [t.actor for t in mention.targets]:
            names[actor.id].add(actor.name)
    return names


def _ids(actors: dict[str, set[str]], *fragments: str) -> set[str]:
    return {actor_id for actor_id, names in actors.items() for name in names
            if any(name_key(fragment) in name_key(name) for fragment in fragments)}


def test_expected_merges_on_data(pipeline_mentions) -> None:
    actors = _actors(pipeline_mentions)
    # Riabkov (seed 000), Sergueï Alexeïevitch Ryabkov (seed 003), Sergueï Ryabkov and M. Ryabkov (samples)
    assert _ids(actors, "Riabkov", "Ryabkov") == {"sergey-ryabkov"}
    assert _ids(actors, "Peskov") == {"dmitry-peskov"}
    assert _ids(actors, "Maduro") == {"nicolas-maduro"}
    # Washington, les États-Unis, les forces américaines: one state
    assert _ids(actors, "États-Unis", "Washington") == {"united-states"}
    assert _ids(actors, "Russie", "Moscou") == {"russia"}


def test_same_surname_different_people_stay_apart(pipeline_mentions) -> None:
    actors = _actors(pipeline_mentions)
    kims = {actor_id for actor_id, names in actors.items() if any(name.startswith("Kim ") for name in names)}
    assert len(kims) == 2
    countries = {m.speaker.country for m in pipeline_mentions if m.speaker.id in kims}
    assert countries == {"north-korea", "south-korea"}


def test_descriptor_speakers_resolve_to_the_office_holder_at_the_article_date(pipeline_mentions) -> None:
    dated = [m for m in pipeline_mentions if m.article == "s07_dated_minister" and "russ" in (m.speaker.role or "").lower()
             + (m.speaker.country or "")]
    assert dated and {m.speaker.name for m in dated} == {"Sergueï Lavrov"}
    guterres = [m for m in pipeline_mentions if m.article == "s08_dated_secretary_general" and "Guterres" in m.speaker.name]
    assert guterres


def test_no_pronoun_or_title_is_an_actor_name(pipeline_mentions) -> None:
    names = {name for names in _actors(pipeline_mentions).values() for name in names}
    assert not names & {"il", "elle", "ils", "Il", "Elle", "le diplomate", "diplomate"}
    assert not [name for name in names if name.startswith(("M. ", "Mme "))]


def test_aliases_file_changes_the_graph(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text(
        "- alias: Melik-Bagdasarov\n"
        "  id: russian-ambassador-caracas\n"
        "  name: Sergueï Melik-Bagdassarov\n"
        "  kind: person\n"
        "  country: russia\n"
        "- alias: Sergey Melik-Bagdasarov\n"
        "  id: russian-ambassador-caracas\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    seed = ROOT / "data" / "seeds" / "003_1450f8ef96af8f50.txt"
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(seed), "--out", str(out), "--quiet",
                             "--aliases", str(aliases)], capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    speakers = {json.loads(line)["speaker"]["id"] for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()}
    assert "russian-ambassador-caracas" in speakers and "sergey-melik-bagdasarov" not in speakers
    assert "russian-ambassador-caracas" in (out / "graph.ttl").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- alias: X\n  id: new-thing\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(seed), "--out", str(out), "--aliases", str(bad)],
                            capture_output=True, timeout=600)
    assert result.returncode == 2 and "bad.yaml" in result.stderr.decode() and "Traceback" not in result.stderr.decode()
