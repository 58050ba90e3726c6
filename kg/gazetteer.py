"""The gazetteer: every actor kg knows by name, each one entry with a stable id.

It loads the TSV files of ``kg/resources/gazetteer`` (states, organisations,
institutions, groups, territories, media, people, posts and office holders) and
answers four questions: what does this name stand for (:meth:`Gazetteer.lookup`),
which state, body or bloc does this demonym name (:meth:`~Gazetteer.demonym`:
*russe*, *européenne*, *onusien*, *occidentaux*), which state body does this
descriptor name (:meth:`~Gazetteer.descriptor`), and who held this post on this
date (:meth:`~Gazetteer.holder`).

Names are compared case-folded, first with accents, then without; leading
articles and « de » forms are ignored (``la Russie``, ``du Kremlin``,
``des États-Unis``). Acronyms are compared case-sensitively, since ``UN``,
``AU`` and ``EU`` are also French words. A name that two entries claim with the
same strength resolves to nothing: a wrong link is worse than none.

Example:
    >>> gazetteer = Gazetteer.load()
    >>> gazetteer.lookup("Moscou").id, gazetteer.demonym("Américaines").id
    ('russia', 'united-states')
    >>> gazetteer.holder("le ministre russe des Affaires étrangères", "2025-03-14").name
    'Sergueï Lavrov'
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from kg.records import ACTOR_KINDS, Actor

DEFAULT_DIRECTORY = Path(__file__).parent / "resources" / "gazetteer"
QID = re.compile(r"^Q[1-9][0-9]*$")
HOWS = ("name", "alias", "capital", "acronym", "institution", "media", "person")
_RANK = {"user": 5, "name": 4, "alias": 3, "acronym": 3, "institution": 3, "media": 3, "person": 3, "capital": 2}
_SENTINEL = "xdemx"  # stands for the country marker in post descriptors ({dem} in posts.tsv)
_PREFIXES = (("du ", "le "), ("des ", "les "), ("au ", "le "), ("aux ", "les "), ("de ", ""), ("d'", ""),
             ("à ", ""), ("a ", ""), ("of ", ""), ("le ", ""), ("la ", ""), ("les ", ""), ("l'", ""), ("the ", ""))
_ARTICLES = ("le ", "la ", "les ", "l'", "the ")
_DE = re.compile(r" (?:de la |de l'|de |du |des |d')")
_LEADING = re.compile(r"(?i)(?:de la |de l'|du |des |de |d'|l'|le |la |les |the |au |aux )")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ALIAS_KEYS = ("alias", "id", "name", "kind", "qid", "country")
_DE_ARTICLE = {"le": "du ", "la": "de la ", "l'": "de l'", "les": "des ", "": "de "}


@dataclass(frozen=True)
class Entry:
    """One known actor: a state, organisation, institution, group, territory, media outlet or person."""

    id: str  # slug, unique across all files
    name: str  # canonical French name
    kind: str  # person | state | organisation | media | group
    qid: str | None
    country: str | None  # state id for institutions, media, people
    name_en: str | None = None
    iso2: str | None = None
    role: str | None = None  # a person's post, in French
    parent: str | None = None  # the body an organisation or an official belongs to
    based_in: str | None = None  # groups and territories: the state they operate from or lie in (not one they speak for)

    def actor(self) -> Actor:
        """The record the pipeline passes on."""
        return Actor(name=self.name, id=self.id, kind=self.kind, role=self.role, country=self.country, qid=self.qid)


class _Term(NamedTuple):
    post: str
    of: str
    person: str
    start: str
    end: str


def fold(text: str, accents: bool = False) -> str:
    """The comparison key of a name: case-folded, hyphens and punctuation as spaces, accents optional."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("ʼ", "'").casefold()
    if not accents:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w'+& ]+|_", " ", text).split()).strip("' ")


def variants(key: str) -> list[str]:
    """The key, then the key without each leading « de » form or article: 'du kremlin' -> 'le kremlin' -> 'kremlin'."""
    out = [key]
    while True:
        for prefix, replacement in _PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key = replacement + key[len(prefix):]
                out.append(key)
                break
        else:
            return out


def _acronym_key(text: str) -> str:
    """'l'ONU' -> 'ONU', 'U.S.' -> 'US': leading articles dropped, case kept."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").strip(" «»\"“”'()[],.;:!?")
    while (match := _LEADING.match(text)) and len(text) > match.end():
        text = text[match.end():]
    return re.sub(r"[^\w&+-]", "", text)


def is_acronym(surface: str) -> bool:
    """True for forms matched case-sensitively: ONU, G7, U.S. (not Xinhua)."""
    letters = re.sub(r"[\s.&+-]", "", surface)
    return 1 < len(letters) <= 8 and letters.isalnum() and letters.upper() == letters and any(c.isalpha() for c in letters)


def _cells(cell: str | None) -> list[str]:
    return [item.strip() for item in (cell or "").split("|") if item.strip()]


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a TSV data file; lines starting with '#' are its header comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def in_term(date: str, start: str, end: str) -> bool:
    """Whether an ISO date falls in [start, end]; a YYYY-MM bound covers its month, an empty end is open."""
    return date[: len(start)] >= start and (not end or date[: len(end)] <= end)


class Gazetteer:
    """Known actors and the indexes that find them by name, demonym, descriptor or post."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.status: dict[str, str] = {}  # state id -> un_member | observer | other
        self.armed: set[str] = set()  # ids of the armed movements (groups.tsv, type armed_movement)
        self._surfaces: dict[tuple[str, str, str], None] = {}  # (surface form, entry id, how), in the order met
        self._exact: dict[str, dict[str, int]] = defaultdict(dict)  # accents kept
        self._loose: dict[str, dict[str, int]] = defaultdict(dict)  # accents stripped
        self._acronyms: dict[str, dict[str, int]] = defaultdict(dict)
        self._demonyms: dict[str, set[str]] = defaultdict(set)  # folded form -> ids of states, bodies and blocs
        self._markers: dict[str, set[str]] = defaultdict(set)  # demonyms and organisation adjectives
        self._marker_re: re.Pattern[str] | None = None
        self._heads: dict[str, str] = {}  # folded ministry head -> function
        self._bodies: dict[tuple[str, str], str] = {}  # (state id, function) -> institution id
        self._patterns: dict[str, set[tuple[str, str]]] = defaultdict(set)  # folded descriptor -> (post, of)
        self._labels: dict[tuple[str, str], str] = {}  # (post, of) -> French label, {de} for the state
        self._de: dict[str, str] = {}  # state id -> « de la Russie »
        self._terms: list[_Term] = []

    @classmethod
    def load(cls, directory: Path | None = None, extra: Path | None = None) -> Gazetteer:
        """Read the gazetteer files (default: the package's) and merge a user alias file over them."""
        folder = Path(directory) if directory else DEFAULT_DIRECTORY
        gazetteer = cls()
        for row in gazetteer._load_entries(folder / "states.tsv", "state"):
            gazetteer.status[row["id"]] = row["status"]
            de = _DE_ARTICLE[row["article_fr"]]
            gazetteer._de[row["id"]] = ("d'" if de == "de " and row["name_fr"][0] in "AEIOUHÉÈÎ" else de) + row["name_fr"]
            for form in _cells(row["demonyms_fr"]) + _cells(row["demonyms_en"]):
                gazetteer._demonyms[fold(form)].add(row["id"])
                gazetteer._markers[fold(form)].add(row["id"])
        for row in gazetteer._load_entries(folder / "organisations.tsv", "organisation"):
            for adjective in _cells(row["adjectives_fr"]):
                gazetteer._markers[fold(adjective)].add(row["id"])
            gazetteer._add_demonyms(row)
        for row in gazetteer._load_entries(folder / "institutions.tsv", "organisation", "institution"):
            gazetteer._bodies[(row["country"], row["function"])] = row["id"]
        for name in ("groups.tsv", "territories.tsv"):
            for row in gazetteer._load_entries(folder / name, "group"):
                gazetteer._add_demonyms(row)
                if row.get("type") == "armed_movement":
                    gazetteer.armed.add(row["id"])
        for row in _rows(folder / "ministries.tsv"):
            gazetteer._heads.update((fold(head), row["function"]) for head in _cells(row["heads_fr"]) + _cells(row["heads_en"]))
        gazetteer._load_entries(folder / "media.tsv", "media", "media")
        gazetteer._load_entries(folder / "people.tsv", "person", "person")
        gazetteer._load_posts(folder / "posts.tsv", folder / "office_holders.tsv")
        markers = "|".join(map(re.escape, sorted(gazetteer._markers, key=len, reverse=True)))
        gazetteer._marker_re = re.compile(rf"(?<![\w'])({markers})(?![\w'])")
        if extra is not None:
            gazetteer._merge_user(Path(extra))
        gazetteer.__dict__.pop("_lookups", None)  # answers memoised while loading may predate the user's aliases
        gazetteer.__dict__.pop("_demonym_cache", None)
        gazetteer.__dict__.pop("_marked", None)
        return gazetteer

    # -- queries ---------------------------------------------------------------

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id."""
        return self.entries.get(entry_id)

    def lookup(self, text: str) -> Entry | None:
        """The entry a name, alias, acronym, capital (as metonym), institution, outlet or person alias stands for."""
        cache = self.__dict__.setdefault("_lookups", {})
        if text not in cache:
            cache[text] = self._lookup(text)
        return cache[text]

    def _lookup(self, text: str) -> Entry | None:
        if (found := self._acronyms.get(_acronym_key(text))) is not None:
            return self._pick(found)
        for accents, index in ((True, self._exact), (False, self._loose)):
            for key in variants(fold(text, accents)):
                if key in index:
                    return self._pick(index[key])
        return None

    def demonym(self, word: str) -> Entry | None:
        """The state a demonym names in any gender and number ('russe', 'Américaines', 'vénézuélien', 'Russian'), or the
        body or bloc an adjective stands for ('européenne' -> eu, 'onusiens' -> un, 'occidentaux' -> west)."""
        cache = self.__dict__.setdefault("_demonym_cache", {})
        if word not in cache:
            ids = self._demonyms.get(fold(word), set())
            cache[word] = self.entries[next(iter(ids))] if len(ids) == 1 else None
        return cache[word]

    def adjectives(self, entry_id: str) -> list[str]:
        """The demonyms that name this state or body alone, folded (« russia » → « russe », « russian », …)."""
        cache = self.__dict__.setdefault("_adjectives", {})
        if not cache:
            for form, ids in self._demonyms.items():
                if len(ids) == 1:
                    cache.setdefault(next(iter(ids)), []).append(form)
        return cache.get(entry_id, [])

    def descriptor(self, text: str) -> Entry | None:
        """The state body a descriptor names: its institution when kg knows one ('le ministère chinois des Affaires
        étrangères' -> china-mfa), else the state ('le gouvernement vénézuélien', 'les forces américaines')."""
        direct = self.lookup(text)
        if direct is not None and direct.kind in ("state", "organisation"):
            return direct
        marked = self._marker(variants(fold(text))[-1])
        if marked is None or marked[0].kind != "state":
            return None
        function = self._heads.get(" ".join(marked[1].replace(_SENTINEL, " ").split()))
        if function is None:
            return None
        body = self._bodies.get((marked[0].id, function))
        return self.entries[body] if body else marked[0]

    def holder(self, descriptor: str, date: str | None) -> Entry | None:
        """Who held the post a descriptor names on an ISO date; None without a date, outside every term, or if unsure."""
        if not date or not _DATE.match(date):
            return None
        key = variants(fold(descriptor))[-1]
        posts = set(self._patterns.get(key, ()))
        if not posts and (marked := self._marker(key)) is not None:
            place = marked[0].id
            found = self._patterns.get(marked[1], set())
            posts = {(post, of) for post, of in found if of == place}
            posts |= {(post, place) for post, of in found if of == "*" and (post, place) not in self._labels}
        terms = [t for t in self._terms if (t.post, t.of) in posts and in_term(date[:10], t.start, t.end)]
        if len({t.person for t in terms}) > 1:  # a handover day: the incoming holder
            terms = [t for t in terms if t.start == date[:10]]
        if len({t.person for t in terms}) != 1:
            return None
        return replace(self.entries[terms[0].person], role=self._role(terms[0].post, terms[0].of))

    def aliases(self) -> Iterator[tuple[str, Entry, str]]:
        """Every surface form with its entry and how it names it (see HOWS); acronyms must be matched case-sensitively.
        A form with an apostrophe comes twice, typed (') and typographic (’), for matchers that compare tokens."""
        for surface, entry_id, how in self._surfaces:
            yield surface, self.entries[entry_id], how
            if "'" in surface:
                yield surface.replace("'", "’"), self.entries[entry_id], how

    def states(self, status: str | None = None) -> list[Entry]:
        """The state entries, optionally only those with a status (un_member, observer, other)."""
        return [self.entries[i] for i, s in self.status.items() if status in (None, s)]

    # -- loading ---------------------------------------------------------------

    def _load_entries(self, path: Path, kind: str, how: str | None = None) -> list[dict[str, str]]:
        """Add one entry per row of a data file (columns: see its header); the rows, for the caller's extras."""
        rows = list(_rows(path))
        for row in rows:
            def cells(prefix: str) -> list[str]:
                return [cell for column, value in row.items() if column.startswith(prefix) for cell in _cells(value)]
            entry = Entry(row["id"], row.get("name_fr") or row["name"], row.get("kind") or kind, row["qid"] or None,
                          row.get("country") or None, row.get("name_en") or None, row.get("iso2") or None,
                          row.get("role_fr") or None, row.get("parent") or row.get("affiliation") or None,
                          row.get("based_in") or None)
            self._add(entry, [entry.name, entry.name_en or ""], cells("aliases"), cells("acronyms"), cells("metonyms"), how)
        return rows

    def _add_demonyms(self, row: dict[str, str]) -> None:
        """Index the adjectives that stand for a body or bloc as an actor (« européenne », « occidentaux »)."""
        for form in _cells(row.get("demonyms_fr")):
            self._demonyms[fold(form)].add(row["id"])
            self._markers[fold(form)].add(row["id"])

    def _load_posts(self, posts: Path, holders: Path) -> None:
        for row in _rows(posts):
            self._labels[(row["post"], row["of"])] = row["label_fr"]
            for pattern in _cells(row["descriptors_fr"]) + _cells(row["descriptors_en"]):
                self._patterns[fold(pattern.replace("{dem}", _SENTINEL))].add((row["post"], row["of"]))
        for row in _rows(holders):
            if row["person_id"] not in self.entries:
                state = self.entries[row["of"]].kind == "state"
                self._add(Entry(row["person_id"], row["person_name"], "person", row["person_qid"] or None,
                                row["of"] if state else None, role=self._role(row["post"], row["of"]),
                                parent=None if state else row["of"]), names=[row["person_name"]], how="person")
            self._terms.append(_Term(row["post"], row["of"], row["person_id"], row["start"], row["end"]))

    def _role(self, post: str, of: str) -> str:
        """The French label of a post held for a state or body: « ministre des Affaires étrangères de la Russie »."""
        label = self._labels.get((post, of)) or self._labels.get((post, "*"), post)
        return label.replace("{de}", self._de.get(of, "")).strip()

    def _add(self, entry: Entry, names: Sequence[str], aliases: Sequence[str] = (), acronyms: Sequence[str] = (),
             capitals: Sequence[str] = (), how: str | None = None) -> None:
        if entry.id in self.entries:
            raise ValueError(f"gazetteer: duplicate id {entry.id!r}")
        self.entries[entry.id] = entry
        cased = set(acronyms)  # a name also listed as an acronym is matched only as written (Cachemire, not cachemire)
        for forms, kind in ((names, how or "name"), (aliases, how or "alias"), (capitals, "capital")):
            for surface in forms:
                if surface not in cased:
                    self._index(surface, entry, "acronym" if is_acronym(surface) else kind)
        for surface in acronyms:
            self._index(surface, entry, "acronym")

    def _index(self, surface: str, entry: Entry, how: str, rank: int | None = None) -> None:
        if not surface or (surface, entry.id, how) in self._surfaces:
            return
        self._surfaces[surface, entry.id, how] = None
        rank = rank or _RANK[how]
        if how == "acronym":
            keys = [(self._acronyms, _acronym_key(surface))]
        else:
            keys = [(index, fold(surface, accents)) for accents, index in ((True, self._exact), (False, self._loose))]
            # « La Havane » is also found as « Havane »; « Le Monde » is not found as « monde »
            keys += [(index, variants(key)[-1]) for index, key in keys if key.startswith(_ARTICLES) and entry.kind != "media"]
        for index, key in keys:
            if key:
                index[key][entry.id] = max(rank, index[key].get(entry.id, 0))

    def _pick(self, found: dict[str, int]) -> Entry | None:
        """The one entry with the strongest claim on a key, or None when two share it."""
        best = max(found.values())
        winners = [entry_id for entry_id, rank in found.items() if rank == best]
        return self.entries[winners[0]] if len(winners) == 1 else None

    def _marker(self, key: str) -> tuple[Entry, str] | None:
        """The state (or body) a folded descriptor names and the descriptor with its marker as the sentinel: a demonym
        ('ministre russe des ...') or a final « de + name » ('de la Russie', 'de Vladimir Poutine': his country).
        Memoised, as :meth:`lookup` is: the same descriptors come back article after article."""
        cache = self.__dict__.setdefault("_marked", {})
        if key not in cache:
            cache[key] = self._find_marker(key)
        return cache[key]

    def _find_marker(self, key: str) -> tuple[Entry, str] | None:
        matches = list(self._marker_re.finditer(key)) if self._marker_re else []
        ids = {entry_id for match in matches for entry_id in self._markers[match.group(1)]}
        if matches and len(ids) == 1:
            match = matches[0]
            return self.entries[ids.pop()], " ".join((key[: match.start()] + _SENTINEL + key[match.end():]).split())
        if matches:
            return None
        for match in reversed(list(_DE.finditer(key))):
            entry = self.lookup(key[match.end():])
            if entry is not None and entry.kind in ("organisation", "media", "person") and entry.country:
                entry = self.entries.get(entry.country)
            if entry is not None and entry.kind in ("state", "organisation"):
                return entry, f"{key[: match.start()]} {_SENTINEL}"
        return None

    def _merge_user(self, path: Path) -> None:
        """Merge a user alias file: its aliases win over built-in ones; its fields override the entry's."""
        for record in load_aliases(path):
            entry = self.entries.get(record["id"])
            fields = {key: record[key] for key in ("name", "kind", "qid", "country") if record.get(key)}
            if entry is None:
                if "kind" not in fields:
                    raise ValueError(f"{path}, line {record['line']}: new id {record['id']!r} needs a kind")
                entry = Entry(record["id"], fields.get("name", record["alias"]), fields["kind"], fields.get("qid"), fields.get("country"))
            self.entries[entry.id] = replace(entry, **fields)
            how = "acronym" if is_acronym(record["alias"]) else "alias"
            self._index(record["alias"], self.entries[entry.id], how, rank=_RANK["user"])


def load_aliases(path: Path) -> list[dict[str, Any]]:
    """Read a user alias file into checked records, each with its ``line``; ValueError names the file and the line.

    YAML: a list of mappings; CSV or TSV: a header row. Keys: alias and id (required), name, kind, qid, country.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not valid UTF-8 (byte {error.start})") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise ValueError(f"{path}, line {mark.line + 1 if mark else '?'}: invalid YAML: {getattr(error, 'problem', error)}") from None
        if data is None:
            return []
        if not isinstance(data, list):
            raise ValueError(f"{path}, line 1: expected a list of aliases")
        pairs = [(item.start_mark.line + 1, record) for item, record in zip(node.value, data)]
    elif path.suffix.lower() in (".csv", ".tsv"):
        reader = csv.reader(text.splitlines(), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        rows = [(reader.line_num, row) for row in reader if row and not row[0].startswith("#")]
        if not rows:
            return []
        header = [cell.strip() for cell in rows[0][1]]
        pairs = [(line, dict(zip(header, row))) if len(row) == len(header) else (line, row) for line, row in rows[1:]]
    else:
        raise ValueError(f"{path}, line 1: alias files must be .yaml, .yml, .csv or .tsv")
    return [_check(path, line, record) for line, record in pairs]


def _check(path: Path, line: int, record: object) -> dict[str, Any]:
    """One alias record, validated; ValueError with file and line otherwise."""
    if not isinstance(record, dict):
        raise ValueError(f"{path}, line {line}: expected the fields {', '.join(_ALIAS_KEYS)}")
    record = {str(key).strip(): ("" if value is None else str(value).strip()) for key, value in record.items()}
    unknown = sorted(set(record) - set(_ALIAS_KEYS))
    problem = (f"unknown field {unknown[0]!r} (expected {', '.join(_ALIAS_KEYS)})" if unknown
               else "missing alias" if not record.get("alias") else "missing id" if not record.get("id")
               else f"kind {record['kind']!r} is not one of {', '.join(ACTOR_KINDS)}" if record.get("kind", "") not in ("", *ACTOR_KINDS)
               else f"qid {record['qid']!r} is not a Wikidata id like Q159" if record.get("qid") and not QID.match(record["qid"])
               else None)
    if problem:
        raise ValueError(f"{path}, line {line}: {problem}")
    return {**record, "line": line}
