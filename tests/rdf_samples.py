"""Hand-built statement records for the graph, ontology, query and serve tests.

Mentions are taken from the two seed articles in ``data/seeds`` with their real
character offsets, plus two short invented articles that give Donald Trump a
change of stance toward Venezuela (support, then a threat).
"""

from __future__ import annotations

from pathlib import Path

from kg.merge import merge_mentions
from kg.records import Actor, Article, Evidence, Mention, Statement, Target

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
ARTICLE_A = "000_3b6d5156006e4ac0"
ARTICLE_B = "003_1450f8ef96af8f50"
ARTICLE_C = "900_trump_salue"
ARTICLE_D = "901_trump_menace"

RIABKOV = Actor("Sergueï Riabkov", "sergey-ryabkov", "person", role="vice-ministre des Affaires étrangères")
# the same actor named differently in article B: the graph keeps one label (the longer) and both fields
RYABKOV_LONG = Actor("Sergueï Alexeïevitch Ryabkov", "sergey-ryabkov", "person", country="RU")
MELIK = Actor("Sergey Melik-Bagdasarov", "sergey-melik-bagdasarov", "person", role="ambassadeur de Russie au Venezuela")
MADURO = Actor("Nicolás Maduro", "nicolas-maduro", "person", role="président du Venezuela", country="VE")
TURK = Actor("Volker Türk", "volker-turk", "person", role="Haut-Commissaire des Nations unies aux droits de l'homme")
TRUMP = Actor("Donald Trump", "donald-trump", "person", role="président des États-Unis", country="US", qid="Q22686")
RUBIO = Actor("Marco Rubio", "marco-rubio", "person", role="secrétaire d'État", country="US")
KREMLIN = Actor("Kremlin", "kremlin", "organisation", country="RU")
INTERFAX = Actor("Interfax", "interfax", "media", country="RU")
RUSSIA = Actor("Russie", "russia", "state", qid="Q159")
VENEZUELA = Actor("Venezuela", "venezuela", "state", qid="Q717")
USA = Actor("États-Unis", "united-states", "state", qid="Q30")
CUBA = Actor("Cuba", "cuba", "state", qid="Q241")

INVENTED = {
    ARTICLE_C: (
        "Donald Trump a salué la coopération du Venezuela dans la lutte contre le trafic de drogue.\n"
        "Il a appelé Caracas à « reprendre les vols de rapatriement ».\n"
    ),
    ARTICLE_D: "Donald Trump a menacé le Venezuela de « conséquences très graves ».\n",
}


def sample_articles() -> dict[str, Article]:
    """The four articles by id, with their text, title, date and source."""
    texts = {stem: (SEEDS / f"{stem}.txt").read_text(encoding="utf-8") for stem in (ARTICLE_A, ARTICLE_B)}
    texts.update(INVENTED)
    meta = {
        ARTICLE_A: ("La Russie solidaire du Venezuela", "2025-10-28", "Le Monde"),
        ARTICLE_B: ("Le Venezuela prêt à aider la Russie", "2025-10-20", "RT France"),
        ARTICLE_C: ("Trump salue Caracas", "2025-09-01", "Exemple"),
        ARTICLE_D: ("Trump menace Caracas", "2025-11-02T10:30:00+01:00", "Exemple"),
    }
    return {
        stem: Article(id=stem, text=text, title=meta[stem][0], date=meta[stem][1], source=meta[stem][2], lang="fr")
        for stem, text in texts.items()
    }


def _mention(article: Article, evidence: str, speaker: Actor, type_id: str, targets: list[Actor], **fields) -> Mention:
    """A mention whose evidence is the whole line of ``article`` that contains ``evidence``."""
    at = article.text.index(evidence)
    start = article.text.rfind("\n", 0, at) + 1
    end = article.text.find("\n", at)
    end = len(article.text) if end == -1 else end
    return Mention(
        article=article.id,
        date=article.date,
        speaker=speaker,
        type=type_id,
        targets=tuple(Target(actor, fields.pop("role", "about")) for actor in targets),
        cue=fields.pop("cue", None),
        topic=fields.pop("topic", None),
        quote=fields.pop("quote", None),
        content=fields.pop("content", evidence),
        mode=fields.pop("mode", "indirect"),
        negated=fields.pop("negated", False),
        hedged=fields.pop("hedged", False),
        source=fields.pop("source", None),
        sentence=Evidence(article.text[start:end], start, end),
        confidence=fields.pop("confidence", 0.9),
    )


def sample_mentions() -> list[Mention]:
    """Fifteen mentions; Maduro's cooperation is reported twice in article A."""
    articles = sample_articles()
    a, b, c, d = (articles[key] for key in (ARTICLE_A, ARTICLE_B, ARTICLE_C, ARTICLE_D))
    maduro = "son pays et la Russie avancent dans une coopération militaire"
    return [
        _mention(a, "La Russie et le régime vénézuélien maintiennent ouverts", RIABKOV, "cooperate", [VENEZUELA], cue="indiquer"),
        _mention(a, "nous sommes solidaires du Venezuela", RIABKOV, "support", [VENEZUELA], mode="direct", cue="déclarer",
                 quote="Nous maintenons tous les canaux de communication ouverts et nous sommes solidaires du Venezuela",
                 content=None, source=INTERFAX),
        _mention(a, "le déploiement injustifié", RIABKOV, "criticize", [USA], mode="mixed", cue="affirmer",
                 quote="le déploiement injustifié", topic="déploiement militaire américain dans les Caraïbes"),
        _mention(a, "Le Kremlin a évité de dire", KREMLIN, "decline", [VENEZUELA], cue="éviter", hedged=True,
                 content="si la Russie fournirait une aide militaire au Venezuela"),
        _mention(a, "Nicolás Maduro a noté lundi", MADURO, "cooperate", [RUSSIA], mode="mixed", cue="noter", content=maduro),
        _mention(a, "Nicolás Maduro, a déclaré", MADURO, "cooperate", [RUSSIA], mode="mixed", cue="déclarer", content=maduro),
        _mention(a, "Volker Türk, a condamné", TURK, "criticize", [USA], cue="condamner", confidence=0.6,
                 content="ces attaques"),
        _mention(a, "ont nié que les États-Unis", TRUMP, "deny", [VENEZUELA], cue="nier",
                 content="les États-Unis envisagent une attaque contre le Venezuela"),
        _mention(a, "ont nié que les États-Unis", RUBIO, "deny", [VENEZUELA], cue="nier",
                 content="les États-Unis envisagent une attaque contre le Venezuela"),
        _mention(b, "Nous renforçons vigoureusement", MELIK, "cooperate", [VENEZUELA], mode="direct", cue="déclarer",
                 quote="Nous renforçons vigoureusement les capacités de défense du Venezuela", content=None),
        _mention(b, "nous ne voyons absolument rien d’extraordinaire", MELIK, "declare", [VENEZUELA], mode="direct",
                 cue="conclure", negated=True, content="rien d’extraordinaire à cela"),
        _mention(b, "il ne voulait « rien confirmer »", RYABKOV_LONG, "decline", [VENEZUELA, CUBA], mode="mixed",
                 cue="déclarer", quote="rien confirmer"),
        _mention(c, "Donald Trump a salué", TRUMP, "support", [VENEZUELA], cue="saluer",
                 content="la coopération du Venezuela dans la lutte contre le trafic de drogue"),
        _mention(c, "Il a appelé Caracas", TRUMP, "appeal", [VENEZUELA], mode="mixed", cue="appeler",
                 quote="reprendre les vols de rapatriement", role="addressee"),
        _mention(d, "Donald Trump a menacé", TRUMP, "threaten", [VENEZUELA], mode="mixed", cue="menacer",
                 quote="conséquences très graves", role="addressee"),
    ]


def sample_statements() -> list[Statement]:
    """The sample mentions merged into statements (14: Maduro's two mentions are one statement)."""
    return merge_mentions(sample_mentions())


def statement_sets() -> list[str]:
    """The statement sets the graph tests run on: the hand-built one, and the pipeline's when conftest has it."""
    return ["hand", "pipeline"]


def get_statement_set(request, name: str) -> tuple[list[Statement], dict[str, Article] | None]:
    """The statements and articles of a set; skips the pipeline set until tests/conftest.py provides it."""
    if name == "hand":
        return sample_statements(), sample_articles()
    try:
        statements = request.getfixturevalue("pipeline_statements")
    except Exception as error:  # pytest's FixtureLookupError until the lead adds the fixture
        import pytest

        pytest.skip(f"no pipeline_statements fixture yet: {type(error).__name__}")
    if isinstance(statements, tuple) and len(statements) == 2:  # (statements, articles)
        return list(statements[0]), dict(statements[1])
    return list(statements), None
