"""Hand-built statements shared by the export tests, until the real pipeline lands.

Short French diplomatic statements with accents, a quote that contains
``<script>alert(1)</script>``, several types per actor pair, a statement
without target and one without date.
"""

from __future__ import annotations

import random

import pytest

from kg.merge import merge_mentions
from kg.records import Actor, Evidence, Mention, Statement, Target
from kg.types import statement_types

RIABKOV = Actor("Sergueï Riabkov", "Q4404683", "person", role="vice-ministre des Affaires étrangères", country="RU", qid="Q4404683")
KREMLIN = Actor("Kremlin", "kremlin", "organisation", country="RU")
RUSSIE = Actor("Russie", "Q159", "state", country="RU", qid="Q159")
VENEZUELA = Actor("Venezuela", "Q717", "state", country="VE", qid="Q717")
ETATS_UNIS = Actor("États-Unis", "Q30", "state", country="US", qid="Q30")
MACRON = Actor("Emmanuel Macron", "Q3052772", "person", role="président de la République", country="FR", qid="Q3052772")
UKRAINE = Actor("Ukraine", "Q212", "state", country="UA", qid="Q212")
ONU = Actor("Organisation des Nations unies", "Q1065", "organisation", qid="Q1065")
WANG_YI = Actor("Wang Yi", "Q333333", "person", role="ministre des Affaires étrangères", country="CN")
TASS = Actor("TASS", "Q223799", "media", country="RU", qid="Q223799")
HAMAS = Actor("Hamas", "Q38799", "group", qid="Q38799")

XSS_QUOTE = "L'été « brûlant » <script>alert(1)</script> & ailleurs"
XSS_TOPIC = "été brûlant"


def _mention(
    article: str,
    date: str | None,
    speaker: Actor,
    type_id: str,
    targets: list[Actor | Target],
    quote: str | None,
    topic: str | None = None,
    content: str | None = None,
) -> Mention:
    sentence = f"« {quote} », a déclaré {speaker.name}." if quote else f"{speaker.name} a indiqué que {content}."
    return Mention(
        article=article,
        date=date,
        speaker=speaker,
        type=type_id,
        targets=tuple(t if isinstance(t, Target) else Target(t) for t in targets),
        cue="déclarer" if quote else "indiquer",
        topic=topic,
        quote=quote,
        content=content,
        mode="direct" if quote else "indirect",
        negated=False,
        hedged=False,
        source=None,
        sentence=Evidence(sentence, 0, len(sentence)),
        confidence=0.9,
    )


def sample_mentions() -> list[Mention]:
    """Twenty mentions from five articles; two report the same statement."""
    return [
        _mention("000_3b6d5156006e4ac0", "2025-09-02", RIABKOV, "support", [VENEZUELA], "nous sommes solidaires du Venezuela", "solidarité"),
        _mention("001_aa12", "2025-09-03", RIABKOV, "support", [VENEZUELA], "nous sommes solidaires du Venezuela", "solidarité"),
        _mention("000_3b6d5156006e4ac0", "2025-09-02", RIABKOV, "cooperate", [VENEZUELA], None, "canaux de communication",
                 content="la Russie et le régime vénézuélien maintiennent ouverts tous les canaux de communication"),
        _mention("000_3b6d5156006e4ac0", "2025-09-02", RIABKOV, "criticize", [ETATS_UNIS], "le déploiement injustifié", "déploiement naval"),
        _mention("000_3b6d5156006e4ac0", "2025-09-02", KREMLIN, "decline", [VENEZUELA], None, "aide militaire",
                 content="il n'est pas en mesure de dire si la Russie fournira une aide militaire"),
        _mention("001_aa12", "2025-09-03", RIABKOV, "warn", [ETATS_UNIS], "toute escalade aurait des conséquences", "escalade"),
        _mention("001_aa12", "2025-09-03", ETATS_UNIS, "accuse", [VENEZUELA], "le régime protège les trafiquants", "narcotrafic"),
        _mention("002_bb34", "2025-09-10", MACRON, "appeal", [Target(RUSSIE, "addressee")], "la Russie doit cesser le feu sans délai", "cessez-le-feu"),
        _mention("002_bb34", "2025-09-10", MACRON, "support", [UKRAINE], "la France restera aux côtés de l'Ukraine", "soutien à l'Ukraine"),
        _mention("002_bb34", "2025-09-10", MACRON, "promise", [UKRAINE], "nous livrerons des systèmes de défense aérienne", "défense aérienne"),
        _mention("002_bb34", "2025-09-11", RUSSIE, "reject", [MACRON], "ces exigences sont inacceptables", "cessez-le-feu"),
        _mention("003_cc56", "2025-09-12", WANG_YI, "appeal", [Target(RUSSIE, "addressee"), Target(UKRAINE, "addressee")],
                 "les deux parties doivent reprendre le dialogue", "dialogue"),
        _mention("003_cc56", "2025-09-12", WANG_YI, "declare", [], "la Chine n'est pas partie au conflit", "neutralité"),
        _mention("003_cc56", "2025-09-12", ONU, "demand", [Target(RUSSIE, "addressee")], "l'accès humanitaire doit être garanti", "accès humanitaire"),
        _mention("003_cc56", "2025-09-13", UKRAINE, "accuse", [RUSSIE], "des frappes délibérées sur les civils", "frappes sur les civils"),
        _mention("003_cc56", "2025-09-13", RUSSIE, "deny", [UKRAINE], "aucune frappe n'a visé des civils", "frappes sur les civils"),
        _mention("004_dd78", "2025-09-15", TASS, "declare", [VENEZUELA], XSS_QUOTE, XSS_TOPIC),
        _mention("004_dd78", "2025-09-15", HAMAS, "threaten", [ETATS_UNIS], "nous répondrons à toute agression", "représailles"),
        _mention("004_dd78", None, RIABKOV, "support", [VENEZUELA], "Moscou soutient pleinement Caracas", "soutien à Caracas"),
        _mention("004_dd78", "2025-09-16", ONU, "acknowledge", [UKRAINE], "la situation humanitaire s'est aggravée", None),
    ]


def sample_statements() -> list[Statement]:
    """The merged statements of :func:`sample_mentions` (19 statements)."""
    return merge_mentions(sample_mentions())


def many_statements(count: int, actors: int = 40) -> list[Statement]:
    """``count`` seeded random statements between ``actors`` states, a few of them very active."""
    rng = random.Random(1)
    countries = [Actor(f"Pays {i:02d}", f"P{i:02d}", "state", country=f"C{i:02d}") for i in range(actors)]
    weights = [1.0 / (rank + 1) for rank in range(actors)]
    types = sorted(statement_types())
    mentions = []
    for i in range(count):
        speaker, target = rng.choices(countries, weights, k=2)
        mentions.append(_mention(f"art{i // 5:03d}", f"2025-10-{1 + i % 28:02d}", speaker, rng.choice(types),
                                 [target], f"déclaration numéro {i}", f"sujet {rng.randrange(60)}"))
    return merge_mentions(mentions)


@pytest.fixture(params=["sample", "pipeline"])
def export_statements(request: pytest.FixtureRequest) -> list[Statement]:
    """The hand-built sample, then the real pipeline's statements when ``tests/conftest.py`` provides them.

    Import it into a test module (``from export_samples import export_statements``).
    """
    if request.param == "sample":
        return sample_statements()
    try:
        statements = request.getfixturevalue("pipeline_statements")
    except pytest.FixtureLookupError:
        pytest.skip("no pipeline_statements fixture in tests/conftest.py yet")
    if not statements:
        pytest.skip("the pipeline found no statements")
    return list(statements)
