"""Tests for kg.gazetteer, on the real data files of kg/resources/gazetteer."""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.gazetteer import DEFAULT_DIRECTORY, HOWS, QID, Entry, Gazetteer, fold, in_term, load_aliases, variants
from kg.records import ACTOR_KINDS, Actor


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def rows(name: str) -> list[dict[str, str]]:
    with (DEFAULT_DIRECTORY / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def state_of(entry: Entry | None) -> str | None:
    """The state an entry is or speaks for."""
    if entry is None:
        return None
    return entry.id if entry.kind == "state" else entry.country


# -- lookup ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # French and English names, with and without articles and « de » forms
    ("Russie", "russia"), ("la Russie", "russia"), ("de la Russie", "russia"), ("Russia", "russia"),
    ("Fédération de Russie", "russia"), ("États-Unis", "united-states"), ("des États-Unis", "united-states"),
    ("Etats-Unis", "united-states"), ("United States", "united-states"), ("USA", "united-states"),
    ("Royaume-Uni", "united-kingdom"), ("United Kingdom", "united-kingdom"), ("Chine", "china"),
    ("Corée du Nord", "north-korea"), ("Corée du Sud", "south-korea"), ("North Korea", "north-korea"),
    ("Iran", "iran"), ("République islamique d'Iran", "iran"), ("Venezuela", "venezuela"), ("Cuba", "cuba"),
    ("RDC", "dr-congo"), ("Saint-Siège", "holy-see"), ("Palestine", "palestine"), ("Taïwan", "taiwan"),
    # capitals as metonyms
    ("Moscou", "russia"), ("Moscow", "russia"), ("Caracas", "venezuela"), ("Pékin", "china"), ("Beijing", "china"),
    ("Washington", "united-states"), ("Kiev", "ukraine"), ("Kyiv", "ukraine"), ("Téhéran", "iran"),
    ("La Havane", "cuba"), ("de La Havane", "cuba"), ("du Caire", "egypt"), ("Londres", "united-kingdom"),
    # organisations and acronyms
    ("ONU", "un"), ("l'ONU", "un"), ("Nations unies", "un"), ("OTAN", "nato"), ("NATO", "nato"), ("UE", "eu"),
    ("Union européenne", "eu"), ("AIEA", "iaea"), ("HCDH", "ohchr"), ("OHCHR", "ohchr"),
    ("Conseil de sécurité", "unsc"), ("Ligue arabe", "arab-league"), ("CEDEAO", "ecowas"), ("OPEP", "opec"),
    ("BRICS", "brics"), ("G7", "g7"), ("du G20", "g20"), ("CICR", "icrc"), ("Croix-Rouge", "red-cross"),
    # institutions
    ("Kremlin", "kremlin"), ("le Kremlin", "kremlin"), ("Quai d'Orsay", "quai-dorsay"),
    ("Maison Blanche", "white-house"), ("la Maison-Blanche", "white-house"), ("l'Élysée", "elysee"),
    ("Downing Street", "downing-street"), ("Pentagone", "pentagon"), ("Département d'État", "us-state-department"),
    # media
    ("TASS", "tass"), ("Tass", "tass"), ("AFP", "afp"), ("Reuters", "reuters"), ("Le Monde", "le-monde"),
    ("du Monde", "le-monde"), ("Telesur", "telesur"),
    # people
    ("Sergueï Lavrov", "sergey-lavrov"), ("Lavrov", "sergey-lavrov"), ("Riabkov", "sergey-ryabkov"),
    ("Sergey Ryabkov", "sergey-ryabkov"), ("Poutine", "vladimir-putin"), ("Vladimir Putin", "vladimir-putin"),
    ("Maduro", "nicolas-maduro"), ("Volker Türk", "volker-turk"), ("Zelenskyy", "volodymyr-zelensky"),
    ("Mike Pompeo", "mike-pompeo"),
])
def test_lookup(gazetteer: Gazetteer, text: str, expected: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None and entry.id == expected


@pytest.mark.parametrize(("text", "expected"), [
    # armed and political movements
    ("Hamas", "hamas"), ("le Hamas", "hamas"), ("du Hamas", "hamas"), ("Hezbollah", "hezbollah"), ("le Hezbollah", "hezbollah"),
    ("Hizbollah", "hezbollah"), ("Houthis", "houthis"), ("les Houthis", "houthis"), ("Ansar Allah", "houthis"),
    ("rebelles houthis", "houthis"), ("M23", "m23"), ("du M23", "m23"), ("AFC/M23", "m23"), ("Alliance Fleuve Congo", "m23"),
    ("FDLR", "fdlr"), ("Forces démocratiques de libération du Rwanda", "fdlr"), ("FSR", "rapid-support-forces"),
    ("les Forces de soutien rapide", "rapid-support-forces"), ("Rapid Support Forces", "rapid-support-forces"),
    ("talibans", "taliban"), ("les talibans", "taliban"), ("Taliban", "taliban"), ("talibans pakistanais", "ttp"),
    ("État islamique", "islamic-state"), ("Etat islamique", "islamic-state"), ("l'EI", "islamic-state"), ("Daech", "islamic-state"),
    ("ISIS", "islamic-state"), ("al-Qaïda", "al-qaeda"), ("Al-Qaida", "al-qaeda"), ("AQMI", "aqim"), ("JNIM", "jnim"),
    ("GSIM", "jnim"), ("al-Chabab", "al-shabaab"), ("les shebab", "al-shabaab"), ("groupe Wagner", "wagner"),
    ("Africa Corps", "africa-corps"), ("PKK", "pkk"), ("YPG", "ypg"), ("Forces démocratiques syriennes", "sdf"),
    ("Fatah", "fatah"), ("OLP", "plo"), ("Boko Haram", "boko-haram"), ("ELN", "eln"), ("FARC", "farc"),
    ("Front Polisario", "polisario"),
    # blocs
    ("Occident", "west"), ("l'Occident", "west"), ("les Occidentaux", "west"), ("Occidentaux", "west"),
    ("pays occidentaux", "west"), ("des puissances occidentales", "west"), ("the West", "west"), ("West", "west"),
    ("Sud global", "global-south"), ("le Sud global", "global-south"), ("Global South", "global-south"),
    ("la communauté internationale", "international-community"), ("Balkans occidentaux", "western-balkans"),
])
def test_lookup_groups(gazetteer: Gazetteer, text: str, expected: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None and entry.id == expected and entry.kind == "group"


@pytest.mark.parametrize(("text", "expected", "based_in"), [
    ("Gaza", "gaza", "palestine"), ("bande de Gaza", "gaza", "palestine"), ("la bande de Gaza", "gaza", "palestine"),
    ("Cisjordanie", "west-bank", "palestine"), ("la Cisjordanie occupée", "west-bank", "palestine"),
    ("Jérusalem-Est", "east-jerusalem", "palestine"), ("la Crimée", "crimea", "ukraine"), ("Crimea", "crimea", "ukraine"),
    ("le Donbass", "donbas", "ukraine"), ("Haut-Karabakh", "nagorno-karabakh", "azerbaijan"),
    ("Nagorny-Karabakh", "nagorno-karabakh", "azerbaijan"), ("Darfour", "darfur", "sudan"),
    ("Sahara occidental", "western-sahara", None), ("du Sahara occidental", "western-sahara", None),
    ("le plateau du Golan", "golan", "syria"), ("Golan", "golan", "syria"), ("Transnistrie", "transnistria", "moldova"),
    ("Abkhazie", "abkhazia", "georgia"), ("l'Ossétie du Sud", "south-ossetia", "georgia"), ("Cachemire", "kashmir", None),
    ("du Cachemire", "kashmir", None),
    ("Kurdistan irakien", "iraqi-kurdistan", "iraq"), ("Chypre du Nord", "northern-cyprus", "cyprus"),
])
def test_lookup_territories(gazetteer: Gazetteer, text: str, expected: str, based_in: str | None) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None and entry.id == expected and entry.kind == "group"
    assert (entry.based_in, entry.country) == (based_in, None)  # where it lies, never a state it speaks for


@pytest.mark.parametrize(("text", "expected"), [
    # variants that used to fail
    ("Cedeao", "ecowas"), ("la Cédéao", "ecowas"), ("CEDEAO", "ecowas"), ("ECOWAS", "ecowas"), ("Caricom", "caricom"),
    ("Communauté des Caraïbes", "caricom"), ("Communauté caribéenne", "caricom"),
    # bodies added with the groups
    ("AES", "aes"), ("l'Alliance des États du Sahel", "aes"), ("Monusco", "monusco"), ("la Monusco", "monusco"),
    ("MONUSCO", "monusco"), ("Finul", "unifil"), ("FINUL", "unifil"), ("UNIFIL", "unifil"),
    ("Force intérimaire des Nations unies au Liban", "unifil"), ("Minusma", "minusma"), ("Minusca", "minusca"),
    ("Binuh", "binuh"), ("Bureau intégré des Nations unies en Haïti", "binuh"), ("Manul", "unsmil"), ("Minurso", "minurso"),
    ("SADC", "sadc"), ("EAC", "eac"), ("IGAD", "igad"), ("Union du Maghreb arabe", "amu"), ("CEEAC", "eccas"),
    ("Mouvement des non-alignés", "nam"), ("le Quad", "quad"), ("Aukus", "aukus"), ("AUKUS", "aukus"), ("Europol", "europol"),
    ("Frontex", "frontex"), ("BCE", "ecb"), ("Banque centrale européenne", "ecb"), ("FAO", "fao"), ("OIM", "iom"),
    ("CEDH", "echr"), ("Cour européenne des droits de l'homme", "echr"), ("CJUE", "cjeu"), ("Kfor", "kfor"), ("KFOR", "kfor"),
    ("Cour permanente d'arbitrage", "pca"), ("EUMA", "euma"), ("Agence spatiale européenne", "esa"),
    # already there, checked again
    ("Conseil de coopération du Golfe", "gcc"), ("CCG", "gcc"), ("OCI", "oic"), ("Interpol", "interpol"), ("CPI", "icc"),
    ("Cour pénale internationale", "icc"), ("CIJ", "icj"), ("Cour internationale de justice", "icj"),
    ("Conseil des droits de l'homme", "unhrc"), ("UNRWA", "unrwa"), ("OCHA", "ocha"), ("UNICEF", "unicef"), ("Unicef", "unicef"),
    ("PNUD", "undp"), ("HCR", "unhcr"), ("OTAN", "nato"),
    # the EU by its members
    ("les Vingt-Sept", "eu"), ("Vingt-Sept", "eu"), ("les Européens", "eu"), ("des Européens", "eu"),
])
def test_lookup_organisations(gazetteer: Gazetteer, text: str, expected: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None and entry.id == expected and entry.kind == "organisation"


@pytest.mark.parametrize(("text", "expected", "country"), [
    ("Autorité palestinienne", "palestinian-authority", "palestine"), ("l'Autorité palestinienne", "palestinian-authority", "palestine"),
    ("Forces armées soudanaises", "sudan-armed-forces", "sudan"), ("SAF", "sudan-armed-forces", "sudan"),
    ("l'armée soudanaise", "sudan-armed-forces", "sudan"),
])
def test_lookup_new_institutions(gazetteer: Gazetteer, text: str, expected: str, country: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None and (entry.id, entry.kind, entry.country) == (expected, "organisation", country)


@pytest.mark.parametrize(("text", "expected"), [
    ("l'État hébreu", "israel"), ("l'Empire du Milieu", "china"), ("le pays du Matin calme", "south-korea"),
    ("l'Hexagone", "france"), ("le pays du Soleil-Levant", "japan"), ("le royaume chérifien", "morocco"),
    ("le royaume hachémite", "jordan"), ("le pays du Cèdre", "lebanon"), ("l'Oncle Sam", "united-states"),
])
def test_lookup_periphrases(gazetteer: Gazetteer, text: str, expected: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None and entry.id == expected and entry.kind == "state"


@pytest.mark.parametrize("text", [
    "au", "un", "ces", "pays", "armée", "l'armée", "forces", "les forces", "autorités", "gouvernement", "Sud", "Ouest",
    "occidental", "européen",
    "Wagner",  # a surname too (Thérèse Kayikwamba Wagner): only « groupe Wagner »
    "RSF",  # Reporters sans frontières in French news
    "FDS", "SDF",  # Sahel « forces de défense et de sécurité »; « sans domicile fixe »
    "péninsule coréenne", "Outre-Atlantique", "Atlantique",
    "cachemire", "un quad", "un hexagone",  # names that are also lowercase nouns match only as written
])
def test_lookup_refuses_common_words_and_ambiguous_names(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.lookup(text) is None


def test_bruxelles_stands_for_the_eu_not_belgium(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Bruxelles").id == "eu"  # « Bruxelles a rejeté … »; « à Bruxelles » is a place (kg.extract.targets)


def test_names_also_listed_as_acronyms_are_case_sensitive(gazetteer: Gazetteer) -> None:
    forms = {(surface, entry.id): how for surface, entry, how in gazetteer.aliases()}
    assert forms[("Cachemire", "kashmir")] == forms[("Quad", "quad")] == forms[("Hexagone", "france")] == "acronym"
    assert gazetteer.lookup("le Cachemire").id == "kashmir" and gazetteer.lookup("cachemire") is None


def test_groups_and_territories_speak_for_no_state(gazetteer: Gazetteer) -> None:
    groups = [entry for entry in gazetteer.entries.values() if entry.kind == "group"]
    assert len(groups) >= 40
    assert all(entry.country is None for entry in groups)
    assert all(gazetteer.get(entry.based_in).kind == "state" for entry in gazetteer.entries.values() if entry.based_in)
    assert gazetteer.get("hezbollah").based_in == "lebanon" and gazetteer.get("palestine").kind == "state"


@pytest.mark.parametrize(("text", "expected"), [
    ("l'armée soudanaise", "sudan-armed-forces"), ("les autorités palestiniennes", "palestinian-authority"),
    ("le gouvernement palestinien", "palestinian-authority"),
])
def test_descriptor_new_institutions(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert gazetteer.descriptor(text).id == expected


@pytest.mark.parametrize("text", ["les forces du Hezbollah", "les autorités de Crimée", "le gouvernement de Gaza"])
def test_descriptor_does_not_fold_groups_into_states(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.descriptor(text) is None


@pytest.mark.parametrize(("text", "state"), [
    ("Kremlin", "russia"), ("Quai d'Orsay", "france"), ("Maison Blanche", "united-states"),
    ("Downing Street", "united-kingdom"), ("Tsahal", "israel"), ("TASS", "russia"), ("Lavrov", "russia"),
])
def test_institutions_media_and_people_speak_for_a_state(gazetteer: Gazetteer, text: str, state: str) -> None:
    assert state_of(gazetteer.lookup(text)) == state


@pytest.mark.parametrize(("text", "person", "state"), [
    ("Benyamin Netanyahou", "benjamin-netanyahu", "israel"), ("Netanyahu", "benjamin-netanyahu", "israel"),
    ("Péter Szijjártó", "peter-szijjarto", "hungary"), ("Szijjarto", "peter-szijjarto", "hungary"),
    ("Ilham Aliyev", "ilham-aliyev", "azerbaijan"), ("Pachinian", "nikol-pashinyan", "armenia"),
    ("Ferdinand Marcos Jr", "ferdinand-marcos-jr", "philippines"), ("Erdoğan", "recep-tayyip-erdogan", "turkey"),
    ("Abdel Fattah al-Burhane", "abdel-fattah-al-burhan", "sudan"), ("Lula", "luiz-inacio-lula-da-silva", "brazil"),
])
def test_people_of_states_speak_for_their_state(gazetteer: Gazetteer, text: str, person: str, state: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None and (entry.id, entry.kind, entry.country) == (person, "person", state)


@pytest.mark.parametrize(("text", "body"), [
    ("Hemedti", "rapid-support-forces"), ("Rafael Grossi", "iaea"), ("Naïm Qassem", "hezbollah"),
])
def test_leaders_of_bodies_and_movements_speak_for_no_state(gazetteer: Gazetteer, text: str, body: str) -> None:
    entry = gazetteer.lookup(text)
    assert entry is not None and entry.country is None and entry.parent == body


@pytest.mark.parametrize("text", ["Kim", "Traoré", "Ali", "Abbas", "Salam", "Costa", "Sharif", "Lee", "Petro", "Assad"])
def test_surnames_shared_by_many_people_name_no_one(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.lookup(text) is None


@pytest.mark.parametrize("text", [
    "un", "eu", "au", "us",  # acronyms are case-sensitive: UN, EU, AU, US are also words
    "monde",  # « Le Monde » keeps its article
    "Victoria",  # a capital not used as a metonym (a common name); Bruxelles is the EU (see below)
    "", "le", "Interface",
])
def test_lookup_refuses(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.lookup(text) is None


def test_lookup_kinds(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Moscou").kind == "state"
    assert gazetteer.lookup("Kremlin").kind == "organisation"
    assert gazetteer.lookup("AFP").kind == "media"
    assert gazetteer.lookup("Lavrov").kind == "person"
    assert gazetteer.lookup("Lavrov").role == "ministre russe des Affaires étrangères"


# -- demonyms ----------------------------------------------------------------

@pytest.mark.parametrize(("word", "expected"), [
    ("russe", "russia"), ("russes", "russia"), ("Russe", "russia"), ("américain", "united-states"),
    ("Américaines", "united-states"), ("américains", "united-states"), ("vénézuélien", "venezuela"),
    ("vénézuélienne", "venezuela"), ("vénézuéliens", "venezuela"), ("vénézuéliennes", "venezuela"),
    ("chinois", "china"), ("chinoise", "china"), ("chinoises", "china"), ("britannique", "united-kingdom"),
    ("française", "france"), ("françaises", "france"), ("ukrainiennes", "ukraine"), ("israélien", "israel"),
    ("turque", "turkey"), ("grecque", "greece"), ("sud-coréen", "south-korea"), ("nord-coréenne", "north-korea"),
    ("cubaine", "cuba"), ("iraniens", "iran"), ("Russian", "russia"), ("American", "united-states"),
])
def test_demonym(gazetteer: Gazetteer, word: str, expected: str) -> None:
    entry = gazetteer.demonym(word)
    assert entry is not None and entry.id == expected and entry.kind == "state"


@pytest.mark.parametrize("word", ["congolais", "Congolese", "russie", "chat"])
def test_demonym_refuses_shared_or_unknown_words(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.demonym(word) is None


@pytest.mark.parametrize(("word", "expected"), [
    ("européen", "eu"), ("européenne", "eu"), ("Européens", "eu"), ("européennes", "eu"),
    ("onusien", "un"), ("onusienne", "un"), ("onusiens", "un"), ("onusiennes", "un"),
    ("occidentaux", "west"), ("Occidentaux", "west"), ("otanienne", "nato"), ("houthies", "houthis"),
])
def test_demonym_of_bodies_and_blocs(gazetteer: Gazetteer, word: str, expected: str) -> None:
    entry = gazetteer.demonym(word)
    assert entry is not None and entry.id == expected and entry.kind in ("organisation", "group")


@pytest.mark.parametrize("word", [
    "occidental", "occidentale", "occidentales",  # mostly geographic: rive occidentale, Afrique occidentale, régions occidentales
    "atlantique", "atlantiste",  # l'océan Atlantique, la façade atlantique
    "communautaire",  # read only in descriptors (violences communautaires)
    "africain", "arabe", "asiatique",  # continents and peoples, not the AU, the Arab League or ASEAN
])
def test_demonym_refuses_geographic_adjectives(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.demonym(word) is None


def test_every_french_demonym_form_is_listed() -> None:
    for row in rows("states.tsv"):
        forms = row["demonyms_fr"].split("|")
        assert len(forms) >= 2, row["id"]
        assert any(form.endswith("s") for form in forms), row["id"]


# -- descriptors -------------------------------------------------------------

@pytest.mark.parametrize(("text", "state"), [
    ("la diplomatie russe", "russia"), ("le ministère chinois des Affaires étrangères", "china"),
    ("le ministère des Affaires étrangères chinois", "china"), ("le gouvernement vénézuélien", "venezuela"),
    ("le régime vénézuélien", "venezuela"), ("les forces américaines", "united-states"),
    ("l'armée israélienne", "israel"), ("les autorités chinoises", "china"), ("la présidence russe", "russia"),
    ("la partie russe", "russia"), ("le ministère iranien de la Défense", "iran"),
    ("le gouvernement de Vladimir Poutine", "russia"), ("le ministère des Affaires étrangères de la Russie", "russia"),
    ("the Russian foreign ministry", "russia"),
])
def test_descriptor(gazetteer: Gazetteer, text: str, state: str) -> None:
    assert state_of(gazetteer.descriptor(text)) == state


def test_descriptor_prefers_the_institution(gazetteer: Gazetteer) -> None:
    assert gazetteer.descriptor("le ministère chinois des Affaires étrangères").id == "china-mfa"
    assert gazetteer.descriptor("la présidence russe").id == "kremlin"
    assert gazetteer.descriptor("le gouvernement vénézuélien").kind == "state"


@pytest.mark.parametrize("text", ["le président russe", "les hommes politiques vénézuéliens", "le gouvernement congolais"])
def test_descriptor_refuses(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.descriptor(text) is None


# -- office holders ----------------------------------------------------------

@pytest.mark.parametrize(("text", "date", "expected"), [
    ("le ministre russe des Affaires étrangères", "2025-03-14", "sergey-lavrov"),
    ("le chef de la diplomatie russe", "2010-06-01", "sergey-lavrov"),
    ("the Russian foreign minister", "2025-01-01", "sergey-lavrov"),
    ("le secrétaire d'État américain", "2019-06-01", "mike-pompeo"),
    ("le secrétaire d'État américain", "2023-06-01", "antony-blinken"),
    ("le chef de la diplomatie américaine", "2025-03-14", "marco-rubio"),
    ("le président américain", "2018-01-01", "donald-trump"),
    ("le président américain", "2022-01-01", "joe-biden"),
    ("le président américain", "2025-01-20", "donald-trump"),  # handover day: the incoming president
    ("le président de la Russie", "2024-01-01", "vladimir-putin"),
    ("le porte-parole du Kremlin", "2024-05-01", "dmitry-peskov"),
    ("la porte-parole de la diplomatie russe", "2024-05-01", "maria-zakharova"),
    ("le secrétaire général de l'ONU", "2015-01-01", "ban-ki-moon"),
    ("le secrétaire général des Nations unies", "2025-03-14", "antonio-guterres"),
    ("le Haut-Commissaire des Nations unies aux droits de l'homme", "2020-01-01", "michelle-bachelet"),
    ("le haut-commissaire de l'ONU aux droits de l'homme", "2025-01-01", "volker-turk"),
    ("la haute représentante de l'UE", "2025-02-01", "kaja-kallas"),
    ("le chef de la diplomatie européenne", "2021-02-01", "josep-borrell"),
    ("le président vénézuélien", "2025-06-01", "nicolas-maduro"),
    ("la présidente vénézuélienne", "2026-02-01", "delcy-rodriguez"),
    ("le président ukrainien", "2022-03-01", "volodymyr-zelensky"),
    ("le ministre des Affaires étrangères de l'Ukraine", "2022-03-01", "dmytro-kuleba"),
    ("le ministre chinois des Affaires étrangères", "2023-03-01", "qin-gang"),
    ("le ministre chinois des Affaires étrangères", "2024-03-01", "wang-yi"),
    ("le Premier ministre britannique", "2022-10-01", "liz-truss"),
    ("le roi britannique", "2024-01-01", "charles-iii"),
    ("le chancelier allemand", "2024-01-01", "olaf-scholz"),
])
def test_holder(gazetteer: Gazetteer, text: str, date: str, expected: str) -> None:
    entry = gazetteer.holder(text, date)
    assert entry is not None and entry.id == expected and entry.kind == "person"


def test_holder_entry(gazetteer: Gazetteer) -> None:
    lavrov = gazetteer.holder("le ministre russe des Affaires étrangères", "2025-03-14")
    assert (lavrov.name, lavrov.country, lavrov.role) == (
        "Sergueï Lavrov", "russia", "ministre des Affaires étrangères de la Russie")
    guterres = gazetteer.holder("le secrétaire général de l'ONU", "2020-01-01")
    assert (guterres.qid, guterres.country, guterres.parent) == ("Q311440", None, "un")


@pytest.mark.parametrize(("text", "date"), [
    ("le ministre russe des Affaires étrangères", None),  # no date: no holder
    ("le ministre russe des Affaires étrangères", "14/03/2025"),  # not an ISO date
    ("le ministre russe des Affaires étrangères", "2003-12-31"),  # before Lavrov: not in the table
    ("le Haut-Commissaire des Nations unies aux droits de l'homme", "2022-09-15"),  # the post was vacant
    ("le président britannique", "2025-01-01"),  # the United Kingdom has a king
    ("le ministre congolais des Affaires étrangères", "2025-01-01"),  # two Congos
    ("le boulanger russe", "2025-01-01"),
])
def test_holder_refuses(gazetteer: Gazetteer, text: str, date: str | None) -> None:
    assert gazetteer.holder(text, date) is None


@pytest.mark.parametrize(("date", "start", "end", "inside"), [
    ("2015-08-20", "2015-08", "", True), ("2015-07-31", "2015-08", "", False),
    ("2023-03-31", "2021-01-20", "2023-03", True), ("2023-04-01", "2021-01-20", "2023-03", False),
    ("2018-08-31", "2014-09-01", "2018-08-31", True), ("2018-09-01", "2014-09-01", "2018-08-31", False),
])
def test_in_term(date: str, start: str, end: str, inside: bool) -> None:
    assert in_term(date, start, end) is inside


def test_terms_do_not_overlap() -> None:
    terms: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for row in rows("office_holders.tsv"):
        assert not row["end"] or row["start"] <= row["end"], row
        terms.setdefault((row["post"], row["of"]), []).append((row["start"], row["end"], row["person_id"]))
    for post, spans in terms.items():
        spans.sort()
        for (_, end, _), (start, _, _) in zip(spans, spans[1:]):
            assert end and end <= start, post  # only a handover day may be shared


def test_holders_agree_with_people() -> None:
    people = {row["id"]: row for row in rows("people.tsv")}
    for row in rows("office_holders.tsv"):
        person = people.get(row["person_id"])
        if person and person["qid"] and row["person_qid"]:
            assert person["qid"] == row["person_qid"], row["person_id"]


# -- data files --------------------------------------------------------------

def test_un_members() -> None:
    states = rows("states.tsv")
    assert Counter(row["status"] for row in states)["un_member"] == 193
    assert {row["id"] for row in states if row["status"] == "observer"} == {"holy-see", "palestine"}
    for column in ("id", "iso2", "iso3"):
        assert len({row[column] for row in states}) == len(states), column
    assert all(len(row["iso2"]) == 2 and len(row["iso3"]) == 3 and row["iso3"].isupper() for row in states)


def test_states_method(gazetteer: Gazetteer) -> None:
    assert len(gazetteer.states("un_member")) == 193
    assert gazetteer.get("russia") in gazetteer.states()


@pytest.mark.parametrize(("state", "qid"), [
    ("russia", "Q159"), ("france", "Q142"), ("united-states", "Q30"), ("venezuela", "Q717"), ("china", "Q148"),
    ("ukraine", "Q212"), ("cuba", "Q241"), ("united-kingdom", "Q145"), ("holy-see", "Q159583"),
])
def test_known_qids(gazetteer: Gazetteer, state: str, qid: str) -> None:
    assert gazetteer.get(state).qid == qid


def test_qids_are_well_formed_and_unique(gazetteer: Gazetteer) -> None:
    qids = [entry.qid for entry in gazetteer.entries.values() if entry.qid]
    assert all(QID.match(qid) for qid in qids)
    assert [qid for qid, count in Counter(qids).items() if count > 1] == []
    assert len([qid for qid in qids if qid]) > 250


def test_kinds(gazetteer: Gazetteer) -> None:
    assert {entry.kind for entry in gazetteer.entries.values()} <= set(ACTOR_KINDS)
    countries = {entry.country for entry in gazetteer.entries.values() if entry.country}
    assert all(gazetteer.get(country).kind == "state" for country in countries)


@pytest.mark.parametrize("path", sorted(DEFAULT_DIRECTORY.glob("*.tsv")), ids=lambda path: path.name)
def test_files_say_where_facts_come_from(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source: ")
    assert any(line.startswith("# licence: ") for line in lines if line.startswith("#"))


@pytest.mark.skipif(importlib.util.find_spec("pycountry") is None, reason="pycountry builds states.tsv")
def test_states_tsv_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("make_states", DEFAULT_DIRECTORY.parents[2] / "scripts" / "make_states.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


def test_aliases(gazetteer: Gazetteer) -> None:
    forms = {(surface, entry.id, how) for surface, entry, how in gazetteer.aliases()}
    assert {how for _, _, how in forms} == set(HOWS)
    assert {("Moscou", "russia", "capital"), ("ONU", "un", "acronym"), ("Kremlin", "kremlin", "institution"),
            ("AFP", "afp", "acronym"), ("Lavrov", "sergey-lavrov", "person"), ("Russie", "russia", "name")} <= forms


def test_aliases_come_with_typographic_apostrophes(gazetteer: Gazetteer) -> None:
    forms = {(surface, entry.id) for surface, entry, _ in gazetteer.aliases()}
    assert {("Quai d'Orsay", "quai-dorsay"), ("Quai d’Orsay", "quai-dorsay"), ("Conseil de sécurité de l’ONU", "unsc"),
            ("Mission de l’ONU en RDC", "monusco")} <= forms


def test_every_alias_names_its_entry(gazetteer: Gazetteer) -> None:
    """No surface form is shadowed or shared: each one looks up to the entry that lists it."""
    wrong = [(surface, entry.id) for surface, entry, _ in gazetteer.aliases() if gazetteer.lookup(surface) != entry]
    assert wrong == []


def test_entry_actor(gazetteer: Gazetteer) -> None:
    assert gazetteer.get("kremlin").actor() == Actor(
        name="Kremlin", id="kremlin", kind="organisation", role=None, country="russia", qid=None)


@pytest.mark.parametrize(("text", "expected"), [
    ("du Kremlin", ["du kremlin", "le kremlin", "kremlin"]),
    ("des États-Unis", ["des etats unis", "les etats unis", "etats unis"]),
    ("l’Élysée", ["l'elysee", "elysee"]),
])
def test_fold_and_variants(text: str, expected: list[str]) -> None:
    assert variants(fold(text)) == expected


# -- user alias files --------------------------------------------------------

YAML_ALIASES = """\
# aliases for kg build --aliases
- alias: Interface
  id: interfax
- alias: Bruxelles
  id: eu
- alias: Caracas
  id: venezuela-government
  name: gouvernement vénézuélien
  kind: organisation
  country: venezuela
- alias: Lavrov
  id: sergey-lavrov
  qid: Q4242424242
"""
CSV_ALIASES = """\
alias,id,name,kind,qid,country
Interface,interfax,,,,
Bruxelles,eu,,,,
Caracas,venezuela-government,gouvernement vénézuélien,organisation,,venezuela
Lavrov,sergey-lavrov,,,Q4242424242,
"""


@pytest.mark.parametrize(("name", "text"), [("aliases.yaml", YAML_ALIASES), ("aliases.csv", CSV_ALIASES)])
def test_user_aliases_override(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    gazetteer = Gazetteer.load(extra=path)
    assert gazetteer.lookup("Interface").id == "interfax"
    assert gazetteer.lookup("Bruxelles").id == "eu"
    caracas = gazetteer.lookup("Caracas")  # beats the built-in metonym
    assert (caracas.id, caracas.kind, caracas.country, caracas.name) == (
        "venezuela-government", "organisation", "venezuela", "gouvernement vénézuélien")
    assert gazetteer.get("sergey-lavrov").qid == "Q4242424242"
    assert gazetteer.lookup("Lavrov").qid == "Q4242424242"
    assert gazetteer.lookup("Moscou").id == "russia"  # the rest is untouched
    assert [record["line"] for record in load_aliases(path)] == ([2, 4, 6, 11] if name.endswith("yaml") else [2, 3, 4, 5])


@pytest.mark.parametrize(("name", "text", "line"), [
    ("bad.yaml", "- alias: Interface\n  id: interfax\n- alias: [unclosed\n", 4),
    ("bad.yaml", "- alias: Interface\n  id: interfax\n- alias: Moscou\n", 3),
    ("bad.yaml", "- alias: X\n  id: x\n  kind: planet\n", 1),
    ("bad.yaml", "- alias: X\n  id: russia\n  qid: 159\n", 1),
    ("bad.yaml", "- alias: X\n  id: unknown-new-id\n", 1),
    ("bad.yaml", "- alias: X\n  id: russia\n  colour: red\n", 1),
    ("bad.csv", "alias,id\nInterface,interfax\n,russia\n", 3),
    ("bad.txt", "alias,id\n", 1),
])
def test_malformed_alias_file(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"^{re.escape(str(path))}, line {line}: "):
        Gazetteer.load(extra=path)


def test_an_alias_file_that_is_not_utf8_is_named_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_bytes("alias,id\nMoscou la rouge,russia\nÉlysée,france\n".encode("latin-1"))
    with pytest.raises(ValueError, match=rf"^{re.escape(str(path))}: not valid UTF-8 \(byte \d+\)$"):
        Gazetteer.load(extra=path)
