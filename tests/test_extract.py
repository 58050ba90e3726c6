"""Statement extraction on short real sentences: one case per form the extractor must handle.

Each case gives a small French text and the statement expected in it: who speaks,
the type, a target, the mode. Offsets are always checked against the original text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.records import Article, Mention
from kg.types import TYPE_IDS

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Case:
    text: str
    speaker: str
    types: tuple[str, ...]
    target: str | None = None
    mode: str | None = None


CASES = {
    # Direct quotes: speaker after, before, incise, every quote mark.
    "quote_speaker_after": Case("« Nous ne reculerons pas face aux pressions de Washington », a déclaré Sergueï Lavrov.",
                                "Sergueï Lavrov", ("declare", "reject"), "États-Unis", "direct"),
    "quote_speaker_before": Case("Le ministre chinois des Affaires étrangères, Wang Yi, a déclaré : « La Chine soutient le dialogue avec l'Inde. »",
                                 "Wang Yi", ("support",), "Inde", "direct"),
    "quote_curly": Case("“Nous sommes solidaires du peuple cubain”, a affirmé le président mexicain, Claudia Sheinbaum.",
                        "Claudia Sheinbaum", ("support",), "Cuba", "direct"),
    "quote_straight": Case('"Nous condamnons cette agression contre l\'Arménie", a lancé le ministre français Jean-Noël Barrot.',
                           "Jean-Noël Barrot", ("criticize",), "Arménie", "direct"),
    "quote_angle": Case("‹ Nous travaillons avec la Turquie à un accord de paix ›, a indiqué le président ukrainien, Volodymyr Zelensky.",
                        "Volodymyr Zelensky", ("cooperate", "declare"), "Turquie", "direct"),
    "quote_incise": Case("Dmitri Peskov a parlé lundi.\n« La porte reste ouverte », a-t-il ajouté, « mais Kiev doit faire un geste. »",
                         "Dmitri Peskov", ("declare", "demand"), "Ukraine", "direct"),
    # Indirect speech, infinitive complements, present tense.
    "que_clause": Case("Le président français, Emmanuel Macron, a estimé que l'Union européenne devait renforcer son aide à l'Ukraine.",
                       "Emmanuel Macron", ("demand", "appeal", "declare"), "Ukraine", "indirect"),
    "present_tense": Case("Le Premier ministre hongrois Viktor Orban estime que les sanctions contre la Russie ont échoué.",
                          "Viktor Orban", ("declare", "criticize"), "Russie", "indirect"),
    "promise_infinitive": Case("Le ministre turc des Affaires étrangères, Hakan Fidan, a promis de soutenir la reconstruction de la Syrie.",
                               "Hakan Fidan", ("promise",), "Syrie", "indirect"),
    "appeal_addressee": Case("Le secrétaire général de l'ONU, António Guterres, a appelé la Russie à un cessez-le-feu immédiat.",
                             "António Guterres", ("appeal",), "Russie", "indirect"),
    "selon": Case("Selon le Quai d'Orsay, la France n'a reçu aucune demande officielle de Moscou.",
                  "Quai d'Orsay", ("declare",), "Russie", "indirect"),
    "d_apres": Case("D'après le chef de la diplomatie européenne, Kaja Kallas, l'Iran doit revenir à la table des négociations.",
                    "Kaja Kallas", ("demand", "appeal", "declare"), "Iran", "indirect"),
    "pour_x": Case("Pour Moscou, cette décision de l'OTAN est une provocation.", "Russie", ("criticize",), "Atlantique nord", "indirect"),
    # Mixed: reported speech with a quoted fragment.
    "mixed_fragment": Case("Le président vénézuélien Nicolás Maduro a déclaré que la coopération avec la Russie était « exemplaire ».",
                           "Nicolás Maduro", ("support", "cooperate"), "Russie", "mixed"),
    # Statements without a que clause: an object or an infinitive.
    "object_condemn": Case("L'Union européenne a condamné les frappes russes contre les infrastructures énergétiques ukrainiennes.",
                           "Union européenne", ("criticize",), "Russie", "indirect"),
    "warn_object": Case("Washington a mis en garde Pékin contre toute action militaire visant Taïwan.",
                        "États-Unis", ("warn",), "Chine", "indirect"),
    "threaten": Case("Le ministre iranien des Affaires étrangères, Abbas Araghchi, a menacé Israël de représailles sévères.",
                     "Abbas Araghchi", ("threaten",), "Israël", "indirect"),
    "decline": Case("Le Kremlin a refusé de commenter les informations sur un échange de prisonniers avec l'Ukraine.",
                    "Kremlin", ("decline",), "Ukraine", "indirect"),
    "avoid_saying": Case("Le diplomate russe Sergueï Riabkov a évité de dire si Moscou livrerait des armes au Venezuela.",
                         "Sergueï Riabkov", ("decline",), "Venezuela", "indirect"),
    "consider": Case("La Turquie n'exclut pas une médiation entre la Russie et l'Ukraine.", "Turquie", ("consider",), "Ukraine"),
    "support_salute": Case("Le Premier ministre indien Narendra Modi a salué l'amitié entre l'Inde et la France.",
                           "Modi", ("support",), "France"),
    "acknowledge": Case("Le Kremlin a reconnu des contacts avec le Venezuela.", "Kremlin", ("acknowledge",), "Venezuela"),
    "demand": Case("La Chine a exigé le retrait immédiat des navires philippins.", "Chine", ("demand",), "Philippines"),
    # Institutions and capitals speak.
    "institution": Case("La Maison Blanche a rejeté les accusations de l'Iran.", "Maison Blanche", ("reject",), "Iran"),
    "capital": Case("Pékin a dénoncé les ventes d'armes américaines à Taïwan.", "Chine", ("criticize",), "Taïwan"),
}


@pytest.fixture(scope="module")
def extracted(pipeline) -> dict[str, tuple[Article, list[Mention]]]:
    articles = [Article(id=name, text=case.text) for name, case in CASES.items()]
    return {article.id: (article, mentions) for article, mentions in pipeline.run(articles)}


def _matching(case: Case, mentions: list[Mention]) -> Mention:
    for mention in mentions:
        if case.speaker.lower() in mention.speaker.name.lower() and mention.type in case.types:
            return mention
    found = [(m.speaker.name, m.type) for m in mentions]
    raise AssertionError(f"no mention by {case.speaker} of type {case.types}; found {found}")


@pytest.mark.parametrize("name", list(CASES))
def test_form(name: str, extracted: dict[str, tuple[Article, list[Mention]]]) -> None:
    case = CASES[name]
    article, mentions = extracted[name]
    mention = _matching(case, mentions)
    if case.target:
        assert any(case.target.lower() in t.actor.name.lower() for t in mention.targets), [t.actor.name for t in mention.targets]
    if case.mode:
        assert mention.mode == case.mode
    assert article.text[mention.sentence.start:mention.sentence.end] == mention.sentence.text
    assert mention.type in TYPE_IDS


def test_apposition_gives_role_and_country(pipeline) -> None:
    text = "Le vice-ministre russe des Affaires étrangères, Sergueï Riabkov, a déclaré que Moscou restait solidaire de Caracas."
    [mention] = pipeline.extract_one(Article("a", text))
    assert mention.speaker.name == "Sergueï Riabkov" and mention.speaker.kind == "person"
    assert mention.speaker.role and "vice-ministre" in mention.speaker.role
    assert mention.speaker.country == "russia"
    assert mention.type == "support" and mention.topic == "solidarité"
    assert [t.actor.name for t in mention.targets] == ["Venezuela"]


@pytest.mark.parametrize(
    ("text", "later"),
    [
        ("Le porte-parole du Kremlin, Dmitri Peskov, a salué la reprise du dialogue avec Washington. "
         "Il a ajouté que la Russie attendait des gestes concrets.", "Il a ajouté"),
        ("L'ambassadeur de Russie à Caracas, Sergey Melik-Bagdasarov, a salué la coopération militaire. "
         "Le diplomate a souligné que le Venezuela était un partenaire fiable.", "Le diplomate"),
        ("Le ministre russe des Affaires étrangères, Sergueï Lavrov, a reçu son homologue turc. "
         "Le responsable russe a affirmé que les deux pays coopéreraient en Syrie.", "Le responsable russe"),
        ("La porte-parole de la diplomatie russe, Maria Zakharova, a dénoncé les sanctions. "
         "Elle a affirmé que Moscou riposterait.", "Elle a affirmé"),
    ],
)
def test_pronouns_and_descriptors_resolve_to_the_earlier_speaker(pipeline, text: str, later: str) -> None:
    mentions = pipeline.extract_one(Article("a", text))
    first = mentions[0].speaker
    second = next(m for m in mentions if m.sentence.text.startswith(later))
    assert second.speaker.id == first.id
    assert second.speaker.name not in ("il", "elle", "diplomate", "responsable russe")


def test_coordinated_speakers_give_one_mention_each(pipeline) -> None:
    text = "Donald Trump et son secrétaire d'État, Marco Rubio, ont nié que les États-Unis préparent une attaque contre l'Iran."
    mentions = pipeline.extract_one(Article("a", text))
    assert sorted(m.speaker.name for m in mentions) == ["Donald Trump", "Marco Rubio"]
    assert all(m.type == "deny" and any(t.actor.name == "Iran" for t in m.targets) for m in mentions)


def test_one_sentence_two_statements_of_different_types(pipeline) -> None:
    text = "Le gouvernement rwandais a démenti ces informations et accusé Kinshasa de soutenir les rebelles."
    mentions = pipeline.extract_one(Article("a", text))
    assert sorted(m.type for m in mentions) == ["accuse", "deny"]
    accuse = next(m for m in mentions if m.type == "accuse")
    assert any(t.actor.name == "République démocratique du Congo" for t in accuse.targets)
    assert len({m.speaker.id for m in mentions}) == 1


def test_relay_is_source_not_speaker(pipeline) -> None:
    text = "Le porte-parole du Kremlin, Dmitri Peskov, a déclaré à l'agence TASS que la Russie était prête à négocier."
    [mention] = pipeline.extract_one(Article("a", text))
    assert mention.speaker.name == "Dmitri Peskov"
    assert mention.source is not None and mention.source.name == "TASS" and mention.source.kind == "media"


def test_floating_quote_goes_to_the_previous_speaker(pipeline) -> None:
    text = ("« Nous sommes solidaires du peuple palestinien », a déclaré le président sud-africain Cyril Ramaphosa.\n"
            "« La communauté internationale ne peut pas détourner le regard. L'occupation doit cesser. »")
    mentions = pipeline.extract_one(Article("a", text))
    floating = next(m for m in mentions if m.mode == "floating")
    assert floating.speaker.name == "Cyril Ramaphosa"
    assert floating.quote.startswith("La communauté internationale")


def test_negated_and_hedged(pipeline) -> None:
    [negated] = pipeline.extract_one(Article("a", "Pékin n'a pas condamné l'attaque contre l'Ukraine."))
    assert negated.type == "criticize" and negated.negated
    [hedged] = pipeline.extract_one(Article("b", "Le ministre japonais de la Défense a averti que Tokyo pourrait renforcer ses patrouilles."))
    assert hedged.type == "warn" and hedged.hedged and not hedged.negated


def test_decline_keeps_the_avoided_topic_as_content(pipeline) -> None:
    [mention] = pipeline.extract_one(Article("a", "Le Kremlin a évité de dire si la Russie fournirait une aide militaire au Venezuela."))
    assert mention.type == "decline"
    assert mention.content and mention.content.startswith("si la Russie fournirait une aide militaire")


def test_offsets_point_into_the_original_after_clean_up(pipeline) -> None:
    text = ("Lors de son émission, diffusée parTélévision vénézuélienne, le président\u00a0Nicolás Maduro a souligné "
            "que la coopération avec la Russie progresse.")
    [mention] = pipeline.extract_one(Article("a", text))
    assert text[mention.sentence.start:mention.sentence.end] == mention.sentence.text
    assert "parTélévision" in mention.sentence.text


def test_nested_statement_has_lower_confidence(pipeline) -> None:
    text = "Le ministre a dit que les dirigeants iraniens avaient déclaré vouloir négocier avec les États-Unis."
    mentions = pipeline.extract_one(Article("a", text))
    nested = [m for m in mentions if m.mode == "nested"]
    direct = [m for m in mentions if m.mode != "nested"]
    assert direct and all(n.confidence < d.confidence for n in nested for d in direct)


def test_nominal_statement_has_its_noun_as_cue_and_low_confidence(pipeline) -> None:
    text = "Le Kremlin a refusé de commenter les informations sur une demande de Caracas pour des systèmes de défense."
    mentions = pipeline.extract_one(Article("a", text))
    nominal = next(m for m in mentions if m.mode == "nominal")
    assert nominal.speaker.name == "Venezuela" and nominal.type == "appeal" and nominal.cue == "demande"
    assert nominal.confidence < min(m.confidence for m in mentions if m.mode != "nominal")
    assert any(m.speaker.name == "Kremlin" and m.type == "decline" for m in mentions)


def test_a_capital_named_as_a_place_is_not_a_target(pipeline) -> None:
    text = ("À Tokyo, la Première ministre japonaise, Sanae Takaichi, a déclaré que le Japon avait protesté "
            "auprès de la Corée du Nord, via son ambassade à Pékin.\n"
            "Le président sud-coréen a demandé à Pékin de peser sur son allié.")
    found = pipeline.extract_one(Article("place", text))
    takaichi = next(m for m in found if m.speaker.name == "Sanae Takaichi")
    assert [t.actor.name for t in takaichi.targets] == ["Corée du Nord"]  # not China: Pékin is where the embassy is
    appeal = next(m for m in found if m.type in ("appeal", "demand"))
    assert "Chine" in [t.actor.name for t in appeal.targets]  # « demander à Pékin »: Beijing is addressed


def test_a_capital_that_receives_is_a_target(pipeline) -> None:
    text = "Le porte-parole du Kremlin, Dmitri Peskov, a dénoncé les pays européens qui livrent des armes à Kiev."
    found = pipeline.extract_one(Article("give", text))
    assert any("Ukraine" in [t.actor.name for t in m.targets] for m in found if m.speaker.name == "Dmitri Peskov")


def test_a_cue_after_sans_is_no_statement(pipeline) -> None:
    text = "Pékin a appelé toutes les parties à la retenue, sans condamner le tir nord-coréen."
    found = pipeline.extract_one(Article("sans", text))
    assert [m.type for m in found] == ["appeal"]


@pytest.mark.parametrize("text", [
    "« La Chine reste impartiale », a ajouté Mao Ning, porte-parole de la diplomatie chinoise, interrogée mardi.",
    "Mao Ning, porte-parole de la diplomatie chinoise, a déclaré que la Chine restait impartiale.",
])
def test_a_role_in_apposition_after_the_name_gives_role_and_country(pipeline, text: str) -> None:
    mention = pipeline.extract_one(Article("after", text))[0]
    assert (mention.speaker.name, mention.speaker.role, mention.speaker.country) == \
        ("Mao Ning", "porte-parole de la diplomatie chinoise", "china")
    assert "Chine" not in [t.actor.name for t in mention.targets]  # its own side is no target


def test_a_speech_verb_with_a_cue_infinitive_and_a_second_clause(pipeline) -> None:
    text = ("Le président de la Commission de l'Union africaine, Mahmoud Ali Youssouf, a dit envisager l'envoi "
            "d'une mission d'enquête, tandis que Washington a menacé de nouvelles sanctions contre les responsables.")
    found = sorted((m.speaker.name, m.type, m.cue) for m in pipeline.extract_one(Article("two", text)))
    assert found == [("Mahmoud Ali Youssouf", "consider", "envisager"), ("États-Unis", "threaten", "menacer")]


def test_a_quoted_adverb_between_auxiliary_and_verb(pipeline) -> None:
    text = "Les Émirats ont « fermement » rejeté ces accusations, qualifiées de « sans fondement » par Abou Dhabi."
    mention = next(m for m in pipeline.extract_one(Article("scare", text)) if m.cue == "rejeter")
    assert (mention.speaker.name, mention.type, mention.mode) == ("Émirats arabes unis", "reject", "indirect")
    assert mention.content.startswith("ces accusations")  # not the quoted adverb


def test_the_object_after_a_date_starts_the_content(pipeline) -> None:
    text = ("Le président libanais Joseph Aoun a condamné mardi des frappes israéliennes qui ont tué cinq personnes "
            "dans le sud du Liban.")
    mention = pipeline.extract_one(Article("object", text))[0]
    assert mention.content.startswith("des frappes israéliennes")
    assert [t.actor.name for t in mention.targets] == ["Israël"]


def test_another_statements_content_gives_no_fallback_target(pipeline) -> None:
    text = ("L'armée israélienne a frappé des positions dans le sud.\n"
            "Dans un communiqué, le Hezbollah a assuré que les victimes étaient des civils, "
            "et exhorté l'État libanais à « assumer ses responsabilités ».")
    found = {m.type: m for m in pipeline.extract_one(Article("neighbours", text)) if m.speaker.name == "Hezbollah"}
    assert [t.actor.name for t in found["appeal"].targets] == ["Liban"]
    assert [t.actor.name for t in found["declare"].targets] == ["armée israélienne"]  # l'État libanais is the other clause's


def test_selon_a_role_whose_complement_names_someone_else(pipeline) -> None:
    text = ("Selon le conseiller spécial du président Luiz Inácio Lula da Silva, Celso Amorim, Brasília est "
            "« disposé à accueillir » une rencontre entre les deux présidents.")
    assert [m.speaker.name for m in pipeline.extract_one(Article("selon", text))] == ["Celso Amorim"]


def test_a_demonym_the_tagger_took_for_a_proper_noun_is_a_target(pipeline) -> None:
    text = ("Le porte-parole du Département d'État s'est borné à rappeler le « soutien » de Washington "
            "à la souveraineté guyanienne, sans plus de précisions.")
    mention = pipeline.extract_one(Article("demonym", text))[0]
    assert "Guyana" in [t.actor.name for t in mention.targets]


def test_pour_sa_part_between_auxiliary_and_participle(pipeline) -> None:
    text = ("Le Haut-Commissaire des Nations unies aux droits de l'homme a pour sa part condamné des "
            "« exécutions sommaires » imputées aux FSR dans les camps de déplacés.")
    mention = next(m for m in pipeline.extract_one(Article("part", text)) if m.cue == "condamner")
    assert mention.speaker.name.startswith("Haut-Commissaire") and mention.type == "criticize"
    assert "Forces de soutien rapide" in [t.actor.name for t in mention.targets]


def test_coordinated_speakers_of_a_second_verb_target_each_other(pipeline) -> None:
    text = ("Wang Yi et Jean-Noël Barrot ont appelé à un cessez-le-feu « complet et durable » en Ukraine et se sont "
            "engagés à renforcer la coopération entre leurs deux pays dans l'aéronautique.")
    found = {(m.speaker.name, m.type): [t.actor.name for t in m.targets] for m in pipeline.extract_one(Article("both", text))}
    assert found[("Wang Yi", "appeal")] == found[("Jean-Noël Barrot", "appeal")] == ["Ukraine"]
    assert found[("Jean-Noël Barrot", "promise")] == ["Chine"]
    assert found[("Wang Yi", "promise")] == ["France"]


def test_a_coordinated_cue_whose_object_the_parser_took_for_its_subject(pipeline) -> None:
    text = ("À Kiev, le ministère ukrainien des Affaires étrangères a dénoncé une « tactique dilatoire » "
            "et exhorté Washington à accentuer la pression sur Moscou.")
    found = {m.type: m for m in pipeline.extract_one(Article("coordinated", text))}
    assert {m.speaker.name for m in found.values()} == {"ministère ukrainien des Affaires étrangères"}
    assert found["criticize"].content == "une « tactique dilatoire »"
    assert found["appeal"].cue == "exhorter" and "États-Unis" in [t.actor.name for t in found["appeal"].targets]


def test_a_speech_verb_in_the_infinitive_of_a_refusal_is_part_of_it(pipeline) -> None:
    text = "Le porte-parole Lin Jian s'est refusé à dire si la Chine avait été informée à l'avance."
    assert [(m.type, m.cue) for m in pipeline.extract_one(Article("refusal", text))] == [("decline", "se refuser à")]


def test_a_sentence_initial_capital_the_parser_took_for_a_place_speaks(pipeline) -> None:
    text = open(ROOT / "data" / "samples" / "s01_quote_after.txt", encoding="utf-8").read()
    found = [m for m in pipeline.extract_one(Article("s01", text)) if m.speaker.name == "Hongrie"]
    assert sorted((m.type, m.negated) for m in found) == [("criticize", True), ("demand", False)]


def test_selon_a_spokesman_his_state_speaks_through_him(pipeline) -> None:
    text = ("Le ministre congolais de la Communication, Patrick Muyaya, a accusé le Rwanda.\n"
            "Selon M. Muyaya, Kinshasa n'exclut pas de saisir le Conseil de sécurité.")
    consider = next(m for m in pipeline.extract_one(Article("spokesman", text)) if m.type == "consider")
    assert consider.speaker.name == "Patrick Muyaya"


def test_a_speaker_after_an_inserted_phrase_and_a_treaty_named_after_a_city(pipeline) -> None:
    text = ("Une frappe de missiles russes a endommagé le bâtiment de la délégation de l'Union européenne.\n"
            "« Viser une mission diplomatique est une violation flagrante de la convention de Vienne », a fustigé sur "
            "le réseau social X le ministre français de l'Europe et des Affaires étrangères, Jean-Noël Barrot.")
    mention = pipeline.extract_one(Article("inserted", text))[0]
    assert (mention.speaker.name, mention.type, mention.mode) == ("Jean-Noël Barrot", "criticize", "direct")
    targets = [t.actor.name for t in mention.targets]
    assert "Autriche" not in targets  # Vienne names the convention, not Austria
    assert "Russie" in targets  # « missiles russes », which the tagger took for a verb, in the sentence before


def test_the_first_sentence_after_a_dateline(pipeline) -> None:
    text = ("PORT-SOUDAN, 28 août (AFP) - Le gouvernement soudanais, allié à l'armée, a accusé jeudi les Émirats "
            "arabes unis de continuer à armer les Forces de soutien rapide (FSR).")
    mention = pipeline.extract_one(Article("dateline", text))[0]
    assert (mention.speaker.name, mention.type) == ("Soudan", "accuse")
    assert "Émirats arabes unis" in [t.actor.name for t in mention.targets]


def test_a_name_with_a_particle_that_the_tagger_took_for_a_place(pipeline) -> None:
    text = ("« Ces drones ne tombent pas du ciel par hasard », a déclaré le ministre soudanais de l'Information, "
            "Khalid al-Aiser, lors d'une conférence de presse.")
    speaker = pipeline.extract_one(Article("particle", text))[0].speaker
    assert (speaker.name, speaker.kind, speaker.role, speaker.country) == \
        ("Khalid al-Aiser", "person", "ministre soudanais de l'Information", "sudan")


def test_a_body_posted_aupres_de_another_speaks_for_its_own_state(pipeline) -> None:
    text = "La mission permanente de la Russie auprès de l'UE a dénoncé dans un communiqué des sanctions « illégitimes »."
    mention = pipeline.extract_one(Article("aupres", text))[0]
    assert (mention.speaker.name, mention.speaker.country) == ("mission permanente de la Russie auprès de l'UE", "russia")
    assert [t.actor.name for t in mention.targets] == ["Union européenne"]


def test_bruxelles_speaks_for_the_eu_but_is_a_place_after_a(pipeline) -> None:
    text = ("Bruxelles a rejeté ces allégations.\n"
            "À Bruxelles, le ministre hongrois des Affaires étrangères, Péter Szijjártó, a dénoncé la Commission.")
    found = pipeline.extract_one(Article("brussels", text))
    assert [m.speaker.name for m in found] == ["Union européenne", "Péter Szijjártó"]


def test_a_coordinated_cue_after_a_quoted_relative_clause(pipeline) -> None:
    text = ("À Georgetown, le président Irfaan Ali a salué une décision « qui confirme la primauté du droit » "
            "et appelé la communauté internationale à « rester vigilante ».")
    found = [(m.speaker.name, m.type) for m in pipeline.extract_one(Article("quoted-qui", text))]
    assert found == [("Irfaan Ali", "support"), ("Irfaan Ali", "appeal")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Le ministre ukrainien a assuré que l'Ukraine respecterait le moratoire.", "promise"),
    ("Le Premier ministre serbe a assuré que les citoyens serbes « ne perdraient aucun service ».", "promise"),
    ("Le ministre ukrainien a assuré que l'Ukraine respectait le moratoire.", "declare"),
])
def test_assurer_que_with_a_future_pledges(pipeline, text: str, expected: str) -> None:
    assert pipeline.extract_one(Article("pledge", text))[0].type == expected


def test_a_person_target_brings_their_state_along(pipeline) -> None:
    text = "Le porte-parole de la diplomatie chinoise, Lin Jian, a vivement critiqué mardi Emmanuel Macron."
    mention = pipeline.extract_one(Article("person-target", text))[0]
    assert [t.actor.name for t in mention.targets] == ["Emmanuel Macron", "France"]


def test_a_person_target_of_the_speakers_own_state_brings_nothing_more(pipeline) -> None:
    text = "Le Premier ministre français, François Bayrou, a vivement critiqué mardi Emmanuel Macron."
    mention = pipeline.extract_one(Article("own-side", text))[0]
    assert [t.actor.name for t in mention.targets] == ["Emmanuel Macron"]


def test_a_name_listed_with_a_place_is_a_place_not_a_target(pipeline) -> None:
    text = ("Le coordinateur de l'ONU, Tom Fletcher, a réclamé l'ouverture immédiate de couloirs humanitaires "
            "vers El-Facher et Kadugli.")
    mention = pipeline.extract_one(Article("places", text))[0]
    assert "Kadugli" not in [t.actor.name for t in mention.targets]


@pytest.mark.parametrize("text", [
    "Le ministre russe Sergueï Lavrov a jugé « contre-productif » le projet européen.",
    "Le ministre russe Sergueï Lavrov a jugé le projet européen contre-productif.",
])
def test_a_judgement_before_the_object_gives_the_type(pipeline, text: str) -> None:
    mention = pipeline.extract_one(Article("judged", text))[0]
    assert (mention.type, mention.topic) == ("criticize", "contre-productif")


def test_a_participle_with_an_agent_inside_what_was_said_is_no_statement(pipeline) -> None:
    text = ("Le ministre chinois des Affaires étrangères, Wang Yi, a dénoncé mardi les nouveaux droits de douane "
            "annoncés par Washington.")
    mentions = pipeline.extract_one(Article("described", text))
    assert [(m.speaker.name, m.cue) for m in mentions] == [("Wang Yi", "dénoncer")]
    assert [t.actor.name for t in mentions[0].targets] == ["États-Unis"]


def test_a_name_in_apposition_before_a_pronoun_subject_is_not_the_speaker(pipeline) -> None:
    text = ("Wang Yi est arrivé lundi à Paris.\n"
            "Reçu au Quai d'Orsay par son homologue français, Jean-Noël Barrot, il a dénoncé les sanctions américaines.")
    mention = pipeline.extract_one(Article("apposition", text))[0]
    assert (mention.speaker.name, mention.cue) == ("Wang Yi", "dénoncer")


def test_comme_l_affirme_x_attributes_the_clause_to_x(pipeline) -> None:
    text = ("Le secrétaire d'État américain, Marco Rubio, a nié dimanche que Washington prépare un essai nucléaire, "
            "comme l'affirme Moscou.")
    mentions = {m.cue: m for m in pipeline.extract_one(Article("comme", text))}
    claim = mentions["affirmer"]
    assert (claim.speaker.name, claim.content, claim.mode) == ("Russie", "que Washington prépare un essai nucléaire", "nested")
    assert [t.actor.name for t in claim.targets] == ["États-Unis"]
    assert mentions["nier"].speaker.name == "Marco Rubio"


@pytest.mark.parametrize(("text", "cues"), [
    ("Le ministre chinois Wang Yi a rappelé que la question de Taïwan relevait des « affaires intérieures » de la Chine.",
     ["rappeler"]),
    ("Le ministre chinois Wang Yi a relevé mardi que la question de Taïwan restait sensible.", ["relever"]),
    ("« La question reste sensible », a relevé le ministre chinois Wang Yi.", ["relever"]),
    ("Le Japon a relevé ses tarifs douaniers alors que la Chine menaçait de riposter.", ["menacer"]),
    ("La France souhaite un cessez-le-feu immédiat à Gaza.", ["souhaiter"]),  # a wish needs no clause
])
def test_a_verb_that_reports_only_a_clause_needs_one(pipeline, text: str, cues: list[str]) -> None:
    assert [m.cue for m in pipeline.extract_one(Article("frame", text))] == cues


def test_a_judging_participle_on_a_pronoun_goes_on_with_the_statement(pipeline) -> None:
    text = "Pékin a condamné mardi les sanctions adoptées par le Japon, les jugeant « illégales » et « inacceptables »."
    mentions = pipeline.extract_one(Article("judging", text))
    assert [(m.speaker.name, m.cue, m.type) for m in mentions] == [("Chine", "condamner", "criticize")]
    assert mentions[0].content.endswith("les jugeant « illégales » et « inacceptables »")


def test_se_bornant_a_appeler_is_a_statement_of_its_own(pipeline) -> None:
    text = "L'Union africaine n'a pas condamné l'incident, se bornant à appeler les deux parties au « dialogue »."
    mentions = pipeline.extract_one(Article("bornant", text))
    assert [(m.speaker.name, m.cue, m.negated) for m in mentions] == [
        ("Union africaine", "condamner", True), ("Union africaine", "appeler", False)]
    assert mentions[0].content == "l'incident"


def test_a_second_title_without_determiner_is_the_same_person(pipeline) -> None:
    text = ("Le ministre congolais de la Communication et porte-parole du gouvernement, Patrick Muyaya, a démenti "
            "ces informations et accusé Kigali de « fabriquer des prétextes ».")
    mentions = pipeline.extract_one(Article("titles", text))
    assert [(m.speaker.name, m.cue) for m in mentions] == [("Patrick Muyaya", "démentir"), ("Patrick Muyaya", "accuser")]


def test_two_coordinated_bodies_with_determiners_both_speak(pipeline) -> None:
    text = "Le Kremlin et la Maison Blanche ont démenti ces informations."
    assert [m.speaker.name for m in pipeline.extract_one(Article("bodies", text))] == ["Kremlin", "Maison Blanche"]


def test_a_role_posted_in_a_country_belongs_to_the_state_that_posts_it(pipeline) -> None:
    text = ("Le président Ferdinand Marcos Jr a assuré que son pays ne céderait rien.\n"
            "L'ambassadrice des États-Unis aux Philippines a rappelé que le traité de défense mutuelle s'appliquait.")
    mentions = pipeline.extract_one(Article("posted", text))
    assert [(m.speaker.name, m.speaker.country) for m in mentions] == [
        ("Ferdinand Marcos Jr", "philippines"), ("ambassadrice des États-Unis aux Philippines", "united-states")]


def test_fait_savoir_after_an_adverbial_the_tagger_breaks(pipeline) -> None:
    text = "Le ministère chinois des Affaires étrangères a d'ores et déjà fait savoir qu'il rejetterait toute médiation."
    mention = pipeline.extract_one(Article("ores", text))[0]
    assert (mention.speaker.name, mention.cue, mention.type) == (
        "ministère chinois des Affaires étrangères", "faire savoir", "reject")


def test_a_body_speaks_through_its_organ_in_a_dont_clause(pipeline) -> None:
    text = ("Le Niger a dénoncé mardi les sanctions de la Communauté économique des États de l'Afrique de l'Ouest "
            "(Cedeao), dont le sommet a appelé samedi les autorités nigériennes à libérer le président.")
    mentions = pipeline.extract_one(Article("dont", text))
    cedeao = "Communauté économique des États de l'Afrique de l'Ouest"
    assert [(m.speaker.name, m.cue) for m in mentions] == [("Niger", "dénoncer"), (cedeao, "appeler")]
    assert mentions[0].content.endswith("(Cedeao)")  # the relative clause is a statement of its own
    assert [t.actor.name for t in mentions[1].targets] == ["Niger"]  # « libérer » is what Niger is asked to do


def test_the_council_of_a_body_speaks_for_it(pipeline) -> None:
    text = "Le Mali a critiqué l'Union africaine, dont le conseil de paix et de sécurité a exhorté Bamako à organiser des élections."
    mentions = pipeline.extract_one(Article("conseil", text))
    assert [(m.speaker.name, m.cue) for m in mentions] == [("Mali", "critiquer"), ("Union africaine", "exhorter")]


def test_a_relative_clause_inside_a_statement_is_its_antecedents_statement(pipeline) -> None:
    text = ("Washington a promis une aide de 50 millions de dollars, selon un communiqué de l'ambassade des États-Unis "
            "à Port-au-Prince, qui a salué « le courage » de la police haïtienne.")
    mentions = pipeline.extract_one(Article("qui", text))
    assert [(m.speaker.name, m.cue, m.type) for m in mentions] == [
        ("États-Unis", "promettre", "promise"), ("ambassade des États-Unis à Port-au-Prince", "saluer", "support")]


def test_the_antecedent_of_qui_after_an_agent_is_the_agent(pipeline) -> None:
    text = ("Les Émirats ont rejeté ces accusations, qualifiées de « sans fondement » par le ministère émirati des "
            "Affaires étrangères, qui a réaffirmé son engagement en faveur d'« une solution politique ».")
    mentions = pipeline.extract_one(Article("agent", text))
    assert [(m.speaker.id, m.cue) for m in mentions] == [
        ("united-arab-emirates", "rejeter"), ("united-arab-emirates", "réaffirmer")]



ARTICLE_ON_BOLIVIA = ("La Bolivie a rappelé son ambassadeur au Chili après la fermeture de la frontière. La Bolivie dénonce "
                      "un blocus et le Pérou propose sa médiation.\n"
                      "Le ministre brésilien des Affaires étrangères, Mauro Vieira, a reçu son homologue péruvien. "
                      "« Le temps presse », a-t-il déclaré.")


def test_a_quote_opened_after_a_full_stop_starts_a_sentence(pipeline) -> None:
    text = "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a reçu le président péruvien. « Le temps presse », a-t-il déclaré."
    assert [s.text for s in pipeline.nlp(text).sents][-1] == "« Le temps presse », a-t-il déclaré."
    mentions = pipeline.extract_one(Article("split", text))
    assert [(m.speaker.name, m.mode, m.quote) for m in mentions] == [("Sergueï Lavrov", "direct", "Le temps presse")]


def test_il_is_the_person_just_named_before_an_institution_that_spoke_earlier(pipeline) -> None:
    mentions = pipeline.extract_one(Article("pronoun", ARTICLE_ON_BOLIVIA))
    assert (mentions[-1].speaker.name, mentions[-1].quote) == ("Mauro Vieira", "Le temps presse")
    # a person named as an object is not the subject's « il »
    text = "Le Kremlin a dénoncé lundi les propos de Joe Biden. « Ces déclarations sont inacceptables », a-t-il ajouté."
    assert [m.speaker.name for m in pipeline.extract_one(Article("object", text))] == ["Kremlin", "Kremlin"]


def test_a_statement_naming_no_one_is_also_about_the_articles_subject(pipeline) -> None:
    last = pipeline.extract_one(Article("subject", ARTICLE_ON_BOLIVIA))[-1]
    names = [t.actor.name for t in last.targets]
    assert "Bolivie" in names  # named twice, once in the lead (which counts twice): what the article is about
    assert "Brésil" not in names  # never the speaker's own side


def test_recalling_an_ambassador_is_no_statement_but_recalling_a_position_is(pipeline) -> None:
    assert pipeline.extract_one(Article("recall", "La Bolivie a rappelé son ambassadeur au Chili.")) == []
    summoned, = pipeline.extract_one(Article("duty", "La Chine a rappelé l'ambassadeur américain à ses responsabilités."))
    assert (summoned.speaker.name, summoned.cue) == ("Chine", "rappeler")
    assert pipeline.extract_one(Article("troops", "Le Niger a rappelé ses troupes déployées au Mali.")) == []
    mention = pipeline.extract_one(Article("remind", "La France a rappelé son attachement au droit international."))[0]
    assert (mention.speaker.name, mention.cue) == ("France", "rappeler")


def test_an_incise_inside_a_clause_attributes_the_whole_clause_to_its_subject(pipeline) -> None:
    mention, = pipeline.extract_one(Article("incise", "Moscou, a affirmé Sergueï Lavrov, est prête à négocier avec Kiev."))
    assert (mention.speaker.name, mention.cue, mention.type) == ("Sergueï Lavrov", "affirmer", "cooperate")
    assert mention.content.startswith("Moscou") and mention.content.endswith("avec Kiev")
    text = "Budapest, a expliqué M. Szijjártó sur Facebook, exige des garanties sur ses approvisionnements en gaz."
    assert [(m.speaker.name, m.type) for m in pipeline.extract_one(Article("incise2", text))] == [("Péter Szijjártó", "demand")]
    # a clause over before the incise is not interrupted by it
    text = "La Russie maintient sa position, a dit Sergueï Lavrov, qui a ajouté que rien n'était décidé."
    assert [(m.speaker.name, m.content) for m in pipeline.extract_one(Article("after", text))] == [
        ("Sergueï Lavrov", "La Russie maintient sa position"), ("Sergueï Lavrov", "que rien n'était décidé")]
    text = "La Russie maintient sa position, a dit Sergueï Lavrov, Moscou ne cédera pas."
    assert pipeline.extract_one(Article("finite", text))[0].content == "La Russie maintient sa position"
    # nor is a quote: it is what was said
    text = "« Une provocation », a dénoncé Sergueï Lavrov, Moscou promet de répondre."
    assert [(m.speaker.name, m.quote) for m in pipeline.extract_one(Article("quoted", text))][0] == (
        "Sergueï Lavrov", "Une provocation")
    # the interrupted clause ends where another begins, and keeps its quote
    text = "Moscou, a affirmé Sergueï Lavrov, est prête à négocier, mais Kiev refuse toute concession."
    first, second = pipeline.extract_one(Article("two", text))
    assert first.content.endswith("est prête à négocier") and second.speaker.name == "Ukraine"
    text = "Moscou, a affirmé Sergueï Lavrov, « ne cédera jamais au chantage »."
    mention, = pipeline.extract_one(Article("mixed", text))
    assert (mention.mode, mention.content[-1]) == ("mixed", "»")


def test_what_a_thing_is_presented_as_gives_the_type(pipeline) -> None:
    text = ("La Chine a lancé lundi des exercices militaires autour de Taïwan, présentés par Pékin comme un « sévère "
            "avertissement » aux forces indépendantistes.")
    mention, = pipeline.extract_one(Article("presented", text))
    assert (mention.speaker.name, mention.cue, mention.type) == ("Chine", "présenter", "warn")
    plain, = pipeline.extract_one(Article("plain", "Le ministre a présenté le projet comme une chance pour la région."))
    assert plain.type == "declare"


def test_saying_oneself_concerned_is_a_statement_and_criticizes(pipeline) -> None:
    text = "La cheffe de la diplomatie européenne, Kaja Kallas, s'est dite « profondément préoccupée »."
    mention, = pipeline.extract_one(Article("concern", text))
    assert (mention.speaker.name, mention.cue, mention.type, mention.mode) == ("Kaja Kallas", "se dire", "criticize", "mixed")
    assert mention.content == "« profondément préoccupée »"
    # the EU's diplomatic service, named in her own title, is her side: no target
    assert [t.actor.name for t in mention.targets] == []


def test_a_de_after_lors_is_no_particle_of_the_cue(pipeline) -> None:
    text = ("Le porte-parole du Kremlin, Dmitri Peskov, a rejeté ces accusations. « La Russie ne vise que des cibles "
            "militaires », a-t-il assuré lors de son point de presse quotidien.")
    mention = pipeline.extract_one(Article("lors", text))[-1]
    assert (mention.cue, mention.type) == ("assurer", "declare")
    pledge, = pipeline.extract_one(Article("pledge", "Le ministre a assuré de son soutien le peuple ukrainien."))
    assert (pledge.cue, pledge.type) == ("assurer de", "promise")


def test_a_first_name_the_tagger_reads_as_an_adjective_still_names_the_speaker(pipeline) -> None:
    text = "« La Russie ne vise que des cibles militaires », a déclaré Dmitri Peskov."
    assert [(m.speaker.name, m.mode) for m in pipeline.extract_one(Article("adj", text))] == [("Dmitri Peskov", "direct")]


def test_a_present_tense_cue_the_tagger_reads_as_a_noun(pipeline) -> None:
    mention, = pipeline.extract_one(Article("juge", "Un diplomate occidental juge la situation « extrêmement fragile »."))
    assert (mention.speaker.name, mention.cue) == ("diplomate occidental", "juger")
    assert pipeline.extract_one(Article("judge", "Le juge a rendu sa décision.")) == []


def test_selon_lui_is_the_person_just_named(pipeline) -> None:
    text = ("« Le Mali ne cédera à aucune pression », a martelé le ministre des Affaires étrangères, Abdoulaye Diop. "
            "Selon lui, les sanctions envisagées « frapperaient d'abord les populations ».")
    mentions = pipeline.extract_one(Article("lui", text))
    assert [(m.speaker.name, m.cue) for m in mentions] == [("Abdoulaye Diop", "marteler"), ("Abdoulaye Diop", "selon")]


@pytest.mark.parametrize("text, cue", [
    ("Paris, de son côté, s'est refusé à tout commentaire.", "se refuser à tout commentaire"),
    ("Le Kremlin n'a pas souhaité s'exprimer.", "ne pas souhaiter s'exprimer"),
])
def test_a_bare_refusal_to_comment_is_a_statement(pipeline, text: str, cue: str) -> None:
    mention, = pipeline.extract_one(Article("decline", text))
    assert (mention.type, mention.cue, mention.quote) == ("decline", cue, None)
    assert mention.content in text


def test_holding_an_office_is_no_assurance(pipeline) -> None:
    text = ("Le président nigérian, Bola Tinubu, qui assure la présidence tournante de l'organisation, a estimé "
            "que « la porte du dialogue reste ouverte ».")
    assert [m.cue for m in pipeline.extract_one(Article("office", text))] == ["estimer"]


def test_a_states_own_ministry_is_no_target_of_the_state(pipeline) -> None:
    text = ("Les États-Unis ont exhorté le Mali à « privilégier la voie diplomatique », selon un communiqué du "
            "département d'État publié mercredi.")
    mention, = pipeline.extract_one(Article("ministry", text))
    assert [t.actor.name for t in mention.targets] == ["Mali"]


def test_a_surname_of_several_words_names_the_same_person(pipeline) -> None:
    text = ("Le Premier ministre qatari, Mohammed ben Abdelrahmane Al-Thani, a reconnu que les discussions restaient "
            "« difficiles ». M. Al-Thani a toutefois salué « l'esprit constructif » des délégations.")
    names = {m.speaker.name for m in pipeline.extract_one(Article("surname", text))}
    assert names == {"Mohammed ben Abdelrahmane Al-Thani"}


@pytest.mark.parametrize("text, source", [
    ("« Nous ne céderons pas au chantage occidental », a lancé le porte-parole de la diplomatie iranienne, "
     "Esmaïl Baghaï, cité par l'agence Irna.", "IRNA"),
    ("Le ministre, interrogé par la BBC, a affirmé que l'accord tenait.", "BBC"),
])
def test_the_medium_that_quoted_the_speaker_is_the_source(pipeline, text: str, source: str) -> None:
    mention, = pipeline.extract_one(Article("cited", text))
    assert mention.source is not None and mention.source.name == source


def test_a_reply_made_by_a_gerund_cue_is_one_statement(pipeline) -> None:
    mentions = pipeline.extract_one(Article("reply", "Téhéran a répliqué en dénonçant une « politisation » de l'agence."))
    assert [(m.speaker.name, m.cue, m.type) for m in mentions] == [("Iran", "dénoncer", "criticize")]


def test_selon_inside_a_clause_attributes_the_clause(pipeline) -> None:
    mention, = pipeline.extract_one(Article("inside", "Les sanctions, selon le ministre, frapperaient d'abord les populations."))
    assert (mention.cue, mention.content) == ("selon", "Les sanctions, selon le ministre, frapperaient d'abord les populations")
    after, = pipeline.extract_one(Article("after", "La Russie maintient ses positions, selon Sergueï Lavrov, qui a rencontré son homologue."))
    assert after.content == "La Russie maintient ses positions"


def test_a_capital_where_a_participle_happened_is_a_place(pipeline) -> None:
    text = "« Il s'agit d'une violation flagrante des engagements pris à Washington », a déclaré la ministre congolaise."
    assert [t.actor.name for t in pipeline.extract_one(Article("taken", text))[0].targets] == []
    delivered = pipeline.extract_one(Article("given", "Le ministre a dénoncé les armes livrées à Kiev."))[0]
    assert [t.actor.name for t in delivered.targets] == ["Ukraine"]  # a verb of giving: Kyiv receives them


def test_l_organisation_regionale_is_the_organisation_named_before(pipeline) -> None:
    text = ("Le Mali a quitté la Cedeao en janvier. Le porte-parole du gouvernement, le général Abdoulaye Maïga, a "
            "estimé que l'organisation régionale n'avait « plus aucune légitimité ».")
    mention = pipeline.extract_one(Article("described", text))[-1]
    assert [t.actor.name for t in mention.targets] == ["Communauté économique des États de l'Afrique de l'Ouest"]


@pytest.mark.parametrize("text, speaker, type_id, targets", [
    ("Moscou accuse Kiev d'avoir bombardé la centrale, une version démentie par les autorités ukrainiennes.",
     "Ukraine", "deny", ["Russie"]),
    ("Le ministre lituanien a proposé de suspendre le droit de vote de la Hongrie, une idée jugée « prématurée » "
     "par la France.", "France", "reject", ["ministre lituanien", "Lituanie"]),
    ("Washington accuse Pékin de préparer une invasion, ce que la Chine dément catégoriquement.", "Chine", "deny",
     ["États-Unis"]),
    ("Le Kremlin accuse l'Ukraine d'avoir visé la centrale, ce qu'a démenti Kiev.", "Ukraine", "deny", ["Kremlin", "Russie"]),
    ("L'Inde reproche au Pakistan d'abriter des groupes armés, des accusations que le Pakistan rejette.", "Pakistan",
     "reject", ["Inde"]),
])
def test_an_answer_to_what_was_just_reported_is_about_who_reported_it(pipeline, text: str, speaker: str, type_id: str,
                                                                    targets: list[str]) -> None:
    first, answer = pipeline.extract_one(Article("answer", text))
    assert (answer.speaker.name, answer.type, [t.actor.name for t in answer.targets]) == (speaker, type_id, targets)
    assert answer.content in text and first.speaker.name != speaker
    assert first.content is not None and answer.content not in first.content  # the first statement ends before it
    assert answer.quote is None or answer.quote not in (first.quote or "")


def test_a_participle_describing_what_was_said_is_still_no_answer(pipeline) -> None:
    text = "Le ministre a dénoncé les droits de douane annoncés par Washington."
    assert [(m.speaker.name, m.cue) for m in pipeline.extract_one(Article("described", text))] == [("ministre", "dénoncer")]


def test_a_verb_after_the_reported_clause_goes_on_with_the_main_speaker(pipeline) -> None:
    text = ("Le ministre, Olivier Nduhungirehe, a affirmé que le Rwanda « n'a jamais refusé le dialogue », mais a mis "
            "en garde contre toute tentative de « faire porter au Rwanda la responsabilité »."
            )
    mentions = pipeline.extract_one(Article("goes-on", text))
    assert [(m.speaker.name, m.cue) for m in mentions] == [("Olivier Nduhungirehe", "affirmer"),
                                                           ("Olivier Nduhungirehe", "mettre en garde")]


def test_a_content_ending_before_the_next_verb_keeps_its_quote_whole(pipeline) -> None:
    text = ("L'émissaire a exhorté les deux parties à « s'abstenir de toute action unilatérale » et les a conviées à "
            "une nouvelle réunion en juin.")
    first, second = pipeline.extract_one(Article("whole", text))
    assert (first.mode, first.quote, first.content) == ("mixed", "s'abstenir de toute action unilatérale",
                                                        "« s'abstenir de toute action unilatérale »")
    assert (second.cue, second.type) == ("convier", "appeal")


def test_a_demonstrative_naming_what_was_said_answers_the_last_other_speaker(pipeline) -> None:
    text = ("Le ministre iranien des Affaires étrangères, Abbas Araghchi, a menacé de quitter le traité de "
            "non-prolifération si les sanctions étaient rétablies.\n"
            "Le Quai d'Orsay a regretté ces menaces et appelé Téhéran à reprendre la coopération avec l'agence.\n"
            "La France a par ailleurs salué le travail des inspecteurs de l'agence.")
    threat, regret, appeal, praise = pipeline.extract_one(Article("answered", text))
    assert threat.content == "de quitter le traité de non-prolifération si les sanctions étaient rétablies"
    assert (regret.cue, [t.actor.name for t in regret.targets][:2]) == ("regretter", ["Abbas Araghchi", "Iran"])
    assert "Abbas Araghchi" not in [t.actor.name for t in praise.targets]  # no demonstrative: no answer


def test_two_clauses_of_one_cue_are_two_statements_unless_the_second_reports_its_own(pipeline) -> None:
    text = ("Le ministre, Olivier Nduhungirehe, a assuré que le dialogue avec Kinshasa « n'était pas rompu » et qu'une "
            "délégation se rendrait à Luanda « très prochainement ».")
    kept, promised = pipeline.extract_one(Article("two-clauses", text))
    assert (kept.type, kept.content) == ("declare", "que le dialogue avec Kinshasa « n'était pas rompu »")
    assert (promised.type, promised.content) == ("promise", "qu'une délégation se rendrait à Luanda « très prochainement »")
    # the second clause reports its government's protest: that statement stands on its own, not as the minister's
    text = ("La Première ministre japonaise, Sanae Takaichi, a déclaré que le missile était retombé hors de la zone "
            "économique exclusive et que son gouvernement avait « protesté fermement ».")
    minister = [m for m in pipeline.extract_one(Article("nested", text)) if m.speaker.name == "Sanae Takaichi"]
    assert [m.content for m in minister] == ["que le missile était retombé hors de la zone économique exclusive et que "
                                             "son gouvernement avait « protesté fermement »"]


def test_a_role_before_a_name_the_parser_took_for_a_conjunct_still_tells_who_il_is(pipeline) -> None:
    # « (AIEA) » makes the parser join the name to the role as a conjunct; the role's article still says « il »
    text = ("Le directeur général de l'Agence internationale de l'énergie atomique (AIEA), Rafael Grossi, a reconnu "
            "lundi que ses inspecteurs ne pouvaient plus tout vérifier. Il a toutefois assuré que le dialogue avec "
            "Téhéran n'était pas rompu.")
    assert [(m.speaker.name, m.cue) for m in pipeline.extract_one(Article("role-conj", text))] == [
        ("Rafael Grossi", "reconnaître"), ("Rafael Grossi", "assurer que")]


def test_i_cannot_say_what_is_where_is_no_refusal_to_comment(pipeline) -> None:
    text = ("Rafael Grossi a reconnu que le stock était inconnu. « Nous avons perdu la continuité des connaissances », "
            "a-t-il déclaré, « et je ne peux pas dire aux États membres ce qui se trouve où. »\n"
            "« Je n'ai rien à vous dire à ce sujet », a lâché Dmitri Peskov.")
    types = [m.type for m in pipeline.extract_one(Article("cannot-tell", text))]
    assert types[1] != "decline" and types[-1] == "decline"


def test_an_infinitive_under_a_participle_goes_on_with_the_speaker_and_a_refusal_keeps_its_own_words(pipeline) -> None:
    text = ("Les frappes israéliennes ont visé le sud du Liban. Interrogée à ce sujet, une porte-parole du Quai d'Orsay "
            "a évité de répondre, se contentant de souligner que Paris était « en contact étroit » avec les autorités "
            "libanaises et israéliennes.")
    declined, stressed = pipeline.extract_one(Article("participle", text))
    assert (declined.type, declined.content) == ("decline", "a évité de répondre")  # not « Interrogée à ce sujet »
    assert (stressed.speaker.name, stressed.cue, stressed.quote) == (declined.speaker.name, "souligner", "en contact étroit")
    assert {"Liban", "Israël"} <= {t.actor.name for t in declined.targets}  # what its speaker's other words are about


def test_a_participle_qualifying_a_noun_is_no_statement(pipeline) -> None:
    text = ("La Chine a également exprimé ses réserves. Un diplomate européen a admis, sous couvert d'anonymat, que le texte "
            "n'obtiendrait sans doute pas “le soutien massif” espéré.")
    found = [(m.speaker.name, m.cue) for m in pipeline.extract_one(Article("qualifying", text))]
    assert found[1:] == [("diplomate européen", "admettre")]  # « espéré » qualifies « soutien »: no one hoped aloud
    # a verb group split by words is still a verb group
    text = "La porte-parole russe, Maria Zakharova, a de son côté fustigé l'« ingérence » occidentale."
    assert [m.cue for m in pipeline.extract_one(Article("split", text))] == ["fustiger"]


@pytest.mark.parametrize(("text", "speaker", "type_id"), [
    ("La Hongrie n'a pas dit si elle soutiendrait la proposition.", "Hongrie", "decline"),
    ("Le Kremlin n'a pas confirmé l'information.", "Kremlin", "decline"),
    ("Moscou n'a pas répondu aux sollicitations de l'AFP.", "Russie", "decline"),
    # a third party's act in what is said is no refusal of the speaker's
    ("Sergueï Lavrov a dit que l'Ukraine ne répondrait pas.", "Sergueï Lavrov", "declare"),
    # a present participle after a comma has no subject before it: the sentence's speaker goes on
    ("La Commission européenne a proposé mercredi de prolonger les sanctions visant la Biélorussie, estimant que "
     "Minsk restait un allié de Moscou.", "Commission européenne", "cooperate"),
])
def test_refusals_by_a_negated_verb_and_participles_after_a_name(pipeline, text: str, speaker: str, type_id: str) -> None:
    first, *rest = pipeline.extract_one(Article("negated", text))
    assert (first.speaker.name, first.type) == (speaker, type_id)
    assert all(m.speaker.name == speaker for m in rest)


def test_ce_dernier_is_the_person_named_last_and_a_threat_keeps_its_object(pipeline) -> None:
    text = ("« La patience des États-Unis a des limites », a martelé Marco Rubio à Séoul, aux côtés de son homologue "
            "sud-coréen, Cho Tae-yul. Ce dernier a pour sa part plaidé pour le maintien d'un « canal de dialogue » "
            "avec le Nord.\nPyongyang n'a pas réagi dans l'immédiat.\n"
            "Kim Yo-jong a menacé Séoul de « conséquences inimaginables » si les exercices se poursuivaient.")
    found = [(m.speaker.name, m.type, m.quote) for m in pipeline.extract_one(Article("latter", text))]
    assert found[1:] == [("Cho Tae-yul", "appeal", "canal de dialogue"), ("Corée du Nord", "decline", None),
                         ("Kim Yo Jong", "threaten", "conséquences inimaginables")]


def test_a_bare_denial_is_a_statement(pipeline) -> None:
    text = "Le Niger accuse le Bénin d'abriter des bases françaises. Paris a également démenti."
    accused, denied = pipeline.extract_one(Article("bare-denial", text))
    assert (denied.speaker.name, denied.type, denied.content) == ("France", "deny", "a également démenti")
    assert "Niger" in [t.actor.name for t in denied.targets]


def test_there_is_no_such_thing_denies(pipeline) -> None:
    text = ("Le gouvernement béninois a rejeté ces allégations. « Il n'y a aucune base française au Bénin », a assuré "
            "son porte-parole.")
    assert [m.type for m in pipeline.extract_one(Article("no-such-thing", text))] == ["reject", "deny"]


def test_a_source_that_ends_the_sentence_is_not_part_of_what_was_said(pipeline) -> None:
    text = ("Washington a exhorté Moscou à retirer ses troupes, selon un communiqué du département d'État.\n"
            "Sergueï Lavrov a affirmé que, selon lui, la guerre était loin d'être finie.")
    urged, affirmed = pipeline.extract_one(Article("trailing-source", text))
    assert (urged.speaker.name, urged.type, urged.content) == ("États-Unis", "appeal", "Moscou à retirer ses troupes")
    assert affirmed.content == "que, selon lui, la guerre était loin d'être finie"  # an opinion marker, not a source


@pytest.mark.parametrize(("text", "answered"), [
    ("Le président angolais João Lourenço a proposé mardi une trêve entre Kinshasa et le M23.\n"
     "Le Premier ministre belge a salué la proposition du président angolais.", "João Lourenço"),
    ("Le ministre polonais Radosław Sikorski a mis en garde contre toute concession.\n"
     "Le Kremlin a rejeté les avertissements de M. Sikorski, jugés « hystériques ».", "Sikorski"),
])
def test_someone_elses_words_named_after_them_are_answered(pipeline, text: str, answered: str) -> None:
    mention = pipeline.extract_one(Article("answer", text))[-1]
    assert answered in mention.targets[0].actor.name


def test_a_description_read_to_find_who_is_answered_changes_no_later_speaker(pipeline) -> None:
    # « du secrétaire général » names no one known: it is not remembered, and the later description of a new speaker
    # is read for itself instead of being taken for it
    text = ("Le ministre polonais Radosław Sikorski a mis en garde contre toute concession.\n"
            "Moscou a rejeté les propos du secrétaire général, sans le nommer.\n"
            "« Nous restons unis », a déclaré le secrétaire général de l'Otan.")
    mentions = pipeline.extract_one(Article("later", text))
    assert [m.targets[0].actor.name for m in mentions if m.speaker.name == "Russie"] == ["Pologne"]
    assert "Otan" in mentions[-1].speaker.name


def test_an_audience_does_not_hide_what_the_speaker_goes_on_about(pipeline) -> None:
    text = ("Le ministre sud-africain Ronald Lamola a appelé jeudi Israël et le Hamas à respecter la trêve.\n"
            "« Le temps presse », a déclaré M. Lamola devant le Conseil de sécurité.")
    last = pipeline.extract_one(Article("audience", text))[-1]
    names = [t.actor.name for t in last.targets]
    assert names[0] == "Conseil de sécurité des Nations unies" and {"Israël", "Hamas"} <= set(names)


@pytest.mark.parametrize("text", [
    "La Hongrie a bloqué l'accord sur le gaz russe, ont indiqué des diplomates européens.",
    "La Chine a suspendu ses achats de soja, ont affirmé des responsables américains.",
])
def test_who_is_named_after_a_closing_speech_verb_speaks_whoever_the_clause_before_names(pipeline, text: str) -> None:
    mentions = pipeline.extract_one(Article("closing", text))
    assert len(mentions) == 1 and mentions[0].speaker.name in ("diplomates européens", "responsables américains")
    assert mentions[0].content.startswith("La ")


def test_a_closing_infinitive_is_no_speech_verb_of_its_own(pipeline) -> None:
    text = "L'Union africaine n'a pas condamné l'incident, se bornant à appeler les deux parties au « dialogue »."
    appeal = next(m for m in pipeline.extract_one(Article("infinitive", text)) if m.type == "appeal")
    assert appeal.speaker.name == "Union africaine"


@pytest.mark.parametrize(("text", "topic"), [
    ("Le président de la Commission de l'Union africaine a dit envisager l'envoi d'une mission d'enquête.", "envoi d'une mission"),
    ("Le ministre arménien a réclamé la levée des sanctions.", "levée des sanctions"),
])
def test_a_topic_keeps_the_article_of_its_complement(pipeline, text: str, topic: str) -> None:
    assert pipeline.extract_one(Article("topic", text))[0].topic == topic


def test_a_relative_clause_after_the_object_is_a_statement_of_its_own(pipeline) -> None:
    text = ("Le gouvernement malien a annoncé la suspension de ses relations diplomatiques avec l'Algérie, qu'il accuse "
            "de soutenir des groupes terroristes.")
    found = {m.type: m for m in pipeline.extract_one(Article("relative", text))}
    assert found["reject"].content == "la suspension de ses relations diplomatiques avec l'Algérie"
    assert found["accuse"].speaker.name == "Mali" and [t.actor.name for t in found["accuse"].targets] == ["Algérie"]


def test_a_relative_clause_that_judges_the_object_stays_with_it(pipeline) -> None:
    text = ("Wang Yi a dénoncé les nouveaux droits de douane annoncés par Washington, qu'il a qualifiés de "
            "« chantage économique ».")
    mentions = pipeline.extract_one(Article("judged", text))
    assert len(mentions) == 1 and mentions[0].content.startswith("les nouveaux droits de douane")


@pytest.mark.parametrize(("text", "kind"), [
    ("La Chine « s'oppose fermement » à toute ingérence dans ses affaires intérieures, a réagi jeudi Mao Ning.", "reject"),
    ("Le président turc Recep Tayyip Erdogan a estimé mercredi qu'Israël devait « rendre des comptes ».", "demand"),
    ("Le secrétaire général de l'Otan, Mark Rutte, a jugé la menace russe « durable ».", "warn"),
    ("Le Kremlin a dit préparer une riposte.", "threaten"),
])
def test_what_the_content_says_types_a_plain_speech_verb(pipeline, text: str, kind: str) -> None:
    assert pipeline.extract_one(Article("typed", text))[-1].type == kind


def test_the_topic_of_a_quote_comes_from_inside_it(pipeline) -> None:
    # the parser hangs the speaker after the quote on the quote's verb: he is not what the quote is about
    text = "« Nous ne céderons jamais au chantage », a martelé mercredi le président ukrainien, Volodymyr Zelensky."
    assert pipeline.extract_one(Article("quote-topic", text))[0].topic == "chantage"


def test_a_description_goes_to_the_one_who_spoke_or_was_the_subject(pipeline) -> None:
    text = ("Emmanuel Macron a reçu jeudi le président sud-africain Cyril Ramaphosa.\n"
            "« Un cessez-le-feu immédiat s'impose », a déclaré le chef de l'État lors d'une conférence de presse.")
    assert pipeline.extract_one(Article("salient", text))[0].speaker.name == "Emmanuel Macron"


def test_a_feminine_description_is_not_a_man(pipeline) -> None:
    text = ("Le ministre français des Affaires étrangères, Jean-Noël Barrot, a reçu la cheffe de la diplomatie de l'UE, "
            "Kaja Kallas.\n« Nous ne lâcherons rien », a déclaré M. Barrot.\n"
            "« L'unité prime », a répondu la cheffe de la diplomatie.")
    assert pipeline.extract_one(Article("gender", text))[-1].speaker.name == "Kaja Kallas"


def test_a_pronoun_that_repeats_the_subject_is_not_part_of_it(pipeline) -> None:
    text = ("Alger a aussitôt dénoncé des propos « irresponsables ».\n"
            "La diplomatie américaine, elle, a fait savoir qu'elle suivait « de près » la situation.")
    assert pipeline.extract_one(Article("stressed", text))[-1].speaker.name == "Département d'État"


def test_a_participle_after_a_quote_is_not_its_speech_verb(pipeline) -> None:
    text = ("Le Premier ministre israélien Benyamin Netanyahou a promis dimanche de poursuivre l'offensive « jusqu'à la "
            "victoire totale », rejetant les appels internationaux à un cessez-le-feu.")
    reject = next(m for m in pipeline.extract_one(Article("participle", text)) if m.type == "reject")
    assert (reject.mode, reject.content) == ("indirect", "les appels internationaux à un cessez-le-feu")


def test_words_that_are_always_someones_answer_the_last_speaker(pipeline) -> None:
    text = ("Le ministre Jean-Noël Barrot a accusé l'Algérie de « bafouer » ses engagements.\n"
            "Alger a aussitôt dénoncé des propos « irresponsables ».")
    answer = pipeline.extract_one(Article("propos", text))[-1]
    assert answer.targets[0].actor.name == "Jean-Noël Barrot"


@pytest.mark.parametrize(("text", "speaker"), [
    ("La junte au pouvoir au Mali a annoncé lundi son retrait de la Cour pénale internationale.", "Mali"),
    ("Le régime en place à Damas a dénoncé lundi les sanctions.", "Syrie"),
    ("La junte birmane a dénoncé lundi les sanctions.", "Birmanie"),
])
def test_those_who_rule_a_named_state_speak_for_it(pipeline, text: str, speaker: str) -> None:
    assert pipeline.extract_one(Article("rulers", text))[0].speaker.name == speaker


def test_a_participle_after_inserted_words_is_still_a_speech_verb(pipeline) -> None:
    text = ("Le président sénégalais a quant à lui estimé, lors d'un déplacement à Dakar, que « le retrait de la CPI "
            "ne sert que les auteurs de crimes ».")
    mentions = pipeline.extract_one(Article("inserted", text))
    assert len(mentions) == 1 and mentions[0].cue == "estimer"


def test_calling_reports_fake_news_denies_them(pipeline) -> None:
    text = "La porte-parole de la diplomatie russe, Maria Zakharova, a qualifié ces informations de « fake news »."
    assert pipeline.extract_one(Article("fake", text))[0].type == "deny"


def test_it_is_time_to_act_appeals(pipeline) -> None:
    text = "« Nos partenaires ont fait des promesses. Il est temps de les tenir », a déclaré le Premier ministre haïtien."
    assert pipeline.extract_one(Article("time", text))[0].type == "appeal"


def test_ne_que_restricts_and_does_not_negate(pipeline) -> None:
    text = "« Ce n'est qu'une question de temps », a déclaré Edmundo González."
    mention = pipeline.extract_one(Article("restrictive", text))[0]
    assert mention.type == "declare" and not mention.negated


def test_a_place_in_the_speakers_apposition_is_no_target(pipeline) -> None:
    text = ("Le gouvernement vénézuélien a dénoncé mardi une « campagne orchestrée depuis Washington ».\n"
            "Le chef de l'opposition, Edmundo González, exilé en Espagne, a exhorté l'armée à « se ranger "
            "du côté du peuple ».")
    appeal = next(m for m in pipeline.extract_one(Article("apposition", text)) if m.type == "appeal")
    assert "Espagne" not in [t.actor.name for t in appeal.targets]


def test_who_voiced_a_statement_is_neither_its_content_nor_its_target(pipeline) -> None:
    text = ("Le président ukrainien a appelé les Européens à « accélérer » les livraisons d'armes.\n"
            "Le Kremlin a de son côté dénoncé une « escalade » dangereuse, par la voix de son porte-parole Dmitri Peskov.")
    kremlin = pipeline.extract_one(Article("voiced", text))[-1]
    assert kremlin.content == "une « escalade » dangereuse"
    assert "Dmitri Peskov" not in [t.actor.name for t in kremlin.targets]


@pytest.mark.parametrize(("text", "kind"), [
    ("Pour Kigali, ces accusations sont « sans fondement ».", "deny"),
    ("Le M23 a accepté un cessez-le-feu humanitaire.", "cooperate"),
])
def test_accepting_and_calling_baseless(pipeline, text: str, kind: str) -> None:
    assert pipeline.extract_one(Article("lexicon", text))[0].type == kind


def test_a_relative_clause_on_the_speaker_is_background(pipeline) -> None:
    text = ("Israël, qui considère le programme nucléaire iranien comme une menace existentielle, n'a pas exclu une "
            "action militaire.")
    mentions = pipeline.extract_one(Article("background", text))
    assert [(m.type, m.content) for m in mentions] == [("consider", "une action militaire")]


def test_a_name_with_a_word_tagged_foreign_speaks_past_its_relative_clause(pipeline) -> None:
    text = ("Les Émirats ont « fermement » rejeté ces accusations. Abou Dhabi, qui a toujours nié tout soutien militaire "
            "aux paramilitaires, dit être la cible d'une « campagne de désinformation ».")
    last = pipeline.extract_one(Article("dhabi", text))[-1]
    assert (last.speaker.name, last.cue) == ("Émirats arabes unis", "dire")


def test_a_list_of_states_as_subject_gives_each_its_statement(pipeline) -> None:
    text = ("La France, l'Allemagne et le Royaume-Uni ont menacé de réactiver les sanctions de l'ONU si l'Iran ne "
            "coopérait pas.")
    mentions = pipeline.extract_one(Article("e3", text))
    assert sorted(m.speaker.name for m in mentions) == ["Allemagne", "France", "Royaume-Uni"]
    assert {m.type for m in mentions} == {"threaten"}


def test_the_warring_parties_are_the_armed_movements_the_article_names(pipeline) -> None:
    text = ("Les Forces de soutien rapide ont pris la ville d'El-Facher après des mois de siège.\n"
            "Le Soudan a accusé les Émirats arabes unis de livrer des drones. Les Émirats arabes unis ont démenti. Le "
            "Soudan a saisi le Conseil de sécurité, les Émirats arabes unis ont dénoncé une « campagne » du Soudan.\n"
            "Le coordinateur des secours de l'ONU, Tom Fletcher, a fustigé « l'impunité totale » dont jouissent les "
            "belligérants.")
    fletcher = pipeline.extract_one(Article("warring", text))[-1]
    assert "Forces de soutien rapide" in [t.actor.name for t in fletcher.targets]


@pytest.mark.parametrize("text", [
    "« Quiconque joue avec le feu finira par se brûler », a déclaré le porte-parole chinois Lin Jian.",
    "Le Kremlin a assuré que « toutes les mesures nécessaires » seraient prises pour protéger ses ressortissants.",
    "« Nous ne resterons pas les bras croisés », a dit le vice-ministre russe Sergueï Riabkov.",
])
def test_set_phrases_of_a_warning_warn(pipeline, text: str) -> None:
    assert pipeline.extract_one(Article("warning", text))[0].type == "warn"


@pytest.mark.parametrize(("text", "kind"), [
    ("Le vice-ministre a ajouté que Pyongyang « n'avait aucune intention » de reprendre le dialogue avec le Sud.", "reject"),
    ("« Nous attendons de la Chine qu'elle use de toute son influence sur Moscou », a déclaré le ministre.", "demand"),
    ("Le ministre congolais a assuré que Kinshasa respecterait « scrupuleusement » l'accord de paix.", "promise"),
])
def test_intentions_expectations_and_pledges(pipeline, text: str, kind: str) -> None:
    assert pipeline.extract_one(Article("shape", text))[0].type == kind


@pytest.mark.parametrize(("text", "kind"), [
    ("Le ministre égyptien Badr Abdelatty a salué des progrès. Le Caire et Doha, a-t-il ajouté, travaillent « main dans "
     "la main » avec Washington.", "cooperate"),
    ("La Kfor a indiqué avoir renforcé ses patrouilles et « se tenir prête » à intervenir.", "warn"),
])
def test_working_together_and_standing_ready(pipeline, text: str, kind: str) -> None:
    assert pipeline.extract_one(Article("phrases", text))[-1].type == kind


def test_co_speakers_are_each_others_target_only_when_what_they_say_is_mutual(pipeline) -> None:
    text = ("Les Vingt-Sept ne sont pas parvenus à adopter de nouvelles sanctions contre la Russie, a regretté l'Union "
            "européenne.\nLe ministre hongrois Péter Szijjártó et son homologue slovaque, Juraj Blanár, ont nié toute "
            "volonté d'obstruction.")
    hungary = next(m for m in pipeline.extract_one(Article("mutual", text)) if m.speaker.name == "Péter Szijjártó")
    assert "Slovaquie" not in [t.actor.name for t in hungary.targets]


def test_the_forum_a_case_is_taken_to_does_not_hide_the_other_side(pipeline) -> None:
    text = ("Le porte-parole congolais Patrick Muyaya a accusé le Rwanda de soutenir le M23.\n"
            "Selon M. Muyaya, Kinshasa n'exclut pas de saisir le Conseil de sécurité de l'ONU.")
    consider = next(m for m in pipeline.extract_one(Article("forum", text)) if m.type == "consider")
    assert "Rwanda" in [t.actor.name for t in consider.targets]


def test_a_demonym_of_goods_names_no_target(pipeline) -> None:
    text = ("Les Vingt-Sept ont adopté un nouveau paquet de sanctions, a annoncé l'Union européenne.\n"
            "Budapest a exigé de nouvelles exemptions pour ses importations de pétrole russe.")
    demand = next(m for m in pipeline.extract_one(Article("goods", text)) if m.type == "demand")
    assert "Russie" not in [t.actor.name for t in demand.targets]
