"""kg.merge: the same statement reported twice is one statement with two mentions; different ones stay apart."""

from __future__ import annotations

from kg.merge import merge_mentions
from kg.records import Article
from kg.resolve import resolve_mentions

SEED_000 = "000_3b6d5156006e4ac0"


def test_the_two_maduro_mentions_of_seed_000_are_one_statement(pipeline_statements) -> None:
    maduro = [s for s in pipeline_statements if s.speaker.name == "Nicolás Maduro"]
    merged = [s for s in maduro if len(s.mentions) > 1]
    assert len(merged) == 1
    [statement] = merged
    quotes = [m.quote for m in statement.mentions]
    assert any("rentable" in q for q in quotes) and any("bénéfique" in q for q in quotes)
    assert {m.article for m in statement.mentions} == {SEED_000}
    # Maduro's other statements (solidarity quote, communication, cooperation with the « pays eurasien ») stay apart.
    assert len(maduro) >= 4


def test_different_statements_by_one_speaker_stay_apart(pipeline_statements) -> None:
    melik = [s for s in pipeline_statements if s.speaker.name == "Sergey Melik-Bagdasarov"]
    assert len(melik) >= 6
    assert all(len(s.mentions) == 1 for s in melik)


def test_a_statement_reported_by_two_articles_is_merged_with_the_earliest_date(pipeline) -> None:
    first = Article("a1", "« Nous ne livrerons pas d'armes à l'Iran », a déclaré Sergueï Lavrov.", date="2025-05-02")
    second = Article("a2", "« Nous ne livrerons pas d'armes à l'Iran pour le moment », a déclaré le ministre russe, "
                           "Sergueï Lavrov, selon l'agence Reuters.", date="2025-05-01")
    third = Article("a3", "« La Russie soutient pleinement l'Iran », a déclaré Sergueï Lavrov.", date="2025-05-03")
    mentions = [m for _a, found in pipeline.run([first, second, third]) for m in found]
    statements = merge_mentions(resolve_mentions(mentions, pipeline.gazetteer))
    lavrov = sorted((s for s in statements if "Lavrov" in s.speaker.name), key=lambda s: len(s.mentions))
    assert [len(s.mentions) for s in lavrov] == [1, 2]
    assert lavrov[1].date == "2025-05-01"
    assert {m.article for m in lavrov[1].mentions} == {"a1", "a2"}
