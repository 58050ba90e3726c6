"""kg.nlp: the whole-document word scans and the document text shortcut, on real articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import catalogue
import pytest

from kg.nlp import entry_points_by_group, feature, know_text, text_of, token_indices, warm_tokenizer


@pytest.fixture(scope="module")
def docs(pipeline, data_articles):
    from kg.text import clean

    texts = [clean(article.text).text for article in data_articles[:3]]
    return list(zip(pipeline.nlp.pipe(texts), texts))


def test_token_indices_finds_what_a_scan_of_every_token_finds(docs) -> None:
    wanted_lemmas = {"déclarer", "dire", "affirmer", "ministre", "russe"}
    verdicts: dict = {}
    for doc, _text in docs:
        expected = tuple(t.i for t in doc if t.lemma_ in wanted_lemmas)
        assert expected, "the articles of data/ use these words"
        assert token_indices(doc, "lemmas", ("LEMMA",), lambda lemma: lemma in wanted_lemmas, verdicts) == expected
        pairs = tuple(t.i for t in doc if t.text.lower() != t.lemma_ and t.lemma_ in wanted_lemmas)
        assert token_indices(doc, "pairs", ("ORTH", "LEMMA"),
                             lambda text, lemma: text.lower() != lemma and lemma in wanted_lemmas, {}) == pairs


def test_token_indices_asks_once_per_distinct_word_and_once_per_document(docs) -> None:
    asked: list[str] = []
    verdicts: dict = {}

    def wanted(text: str) -> bool:
        asked.append(text)
        return text.istitle()

    for doc, _text in docs:
        token_indices(doc, "titles", ("ORTH",), wanted, verdicts)
    distinct = {t.text for doc, _text in docs for t in doc}
    assert sorted(asked) == sorted(distinct)  # each word once, across the documents
    doc = docs[0][0]
    again = token_indices(doc, "titles", ("ORTH",), lambda text: not text, verdicts)
    assert again == tuple(t.i for t in doc if t.text.istitle())  # kept with the document and its verdicts
    other = token_indices(doc, "titles", ("ORTH",), lambda text: text.isdigit(), {})
    assert other == tuple(t.i for t in doc if t.text.isdigit())  # other verdicts: another scan, not the kept one


def test_token_indices_of_an_empty_document(pipeline) -> None:
    assert token_indices(pipeline.nlp(""), "any", ("ORTH",), lambda text: True, {}) == ()


def test_know_text_gives_text_of_the_parsed_text_and_refuses_another(docs) -> None:
    doc, text = docs[0]
    assert doc.text == text
    know_text(doc, text)
    assert text_of(doc) is text
    with pytest.raises(ValueError):
        know_text(doc, text + " de plus")
    with pytest.raises(ValueError):
        know_text(doc, text[::-1])  # as long, not the same


def test_pipeline_takes_a_loaded_gazetteer(pipeline) -> None:
    from kg.pipeline import Pipeline

    reused = Pipeline.load(gazetteer=pipeline.gazetteer)
    assert reused.gazetteer is pipeline.gazetteer
    assert reused.extractor.targets.gazetteer is pipeline.gazetteer


def test_feature_gives_what_morph_get_gives_for_every_token(docs) -> None:
    fields = ("VerbForm", "Tense", "Mood", "Gender", "Number", "Polarity", "Person")
    for doc, _text in docs:
        for token in doc:
            for field in fields:
                assert feature(token, field) == tuple(token.morph.get(field)), (token.text, field)
    assert any(feature(token, "VerbForm") == ("Part",) for doc, _text in docs for token in doc)


def test_registries_find_the_same_plugins_with_entry_points_by_group() -> None:
    import spacy.util

    registries = [spacy.util.registry.architectures, spacy.util.registry.factories, spacy.util.registry.misc,
                  spacy.util.registry.languages]
    before = catalogue.AVAILABLE_ENTRY_POINTS
    expected = [sorted(e.name for e in registry._get_entry_points()) for registry in registries]
    assert any(expected), "no spaCy entry point is installed: the test would compare nothing"
    with entry_points_by_group():
        grouped = catalogue.AVAILABLE_ENTRY_POINTS
        assert grouped is not before and type(grouped) is dict  # catalogue's dict branch, not its select()
        assert [sorted(e.name for e in registry._get_entry_points()) for registry in registries] == expected
        legacy = next(name for name in expected[0] if name.startswith("spacy-legacy."))
        assert spacy.util.registry.architectures.get_entry_point(legacy) is not None  # found through the dict
    assert catalogue.AVAILABLE_ENTRY_POINTS is before


@pytest.mark.parametrize("variable", ["OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"])
@pytest.mark.parametrize(("given", "expected"), [(None, "1"), ("3", "3")])
def test_importing_kg_keeps_blas_to_one_thread_unless_told(variable: str, given: str | None, expected: str) -> None:
    env = {key: value for key, value in os.environ.items() if key != variable}
    if given is not None:
        env[variable] = given
    code = f"import kg, os; print(os.environ[{variable!r}])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.strip() == expected


ODD_TEXTS = [
    "", " ", "\n\n", "x" * 80,
    "M. Lavrov a déclaré :\n« Non. » etc. c'est-à-dire  aujourd'hui\n\nhttps://example.org/a?b=1 (M. Macron)",
    "Le\u00a0ministre a dit\tnon\u2009! L'ONU, l'UE et l'OTAN ont-ils répondu ? « Oui »,a-t-il dit.",
]


def _split(tokenizer, text: str) -> list[tuple[str, str, int, str]]:
    return [(token.text, token.whitespace_, token.idx, token.norm_) for token in tokenizer(text)]


def test_warm_tokenizer_leaves_every_document_as_it_was(pipeline, data_articles) -> None:
    from spacy.tokenizer import Tokenizer

    from kg.text import clean

    nlp = pipeline.nlp
    fresh = Tokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes(), exclude=["vocab"])
    fresh.max_cache_size = 0  # the reference caches nothing: every chunk split by the rules
    texts = [clean(article.text).text for article in data_articles] + ODD_TEXTS
    for text in texts:
        warm_tokenizer(nlp, [text])
        assert _split(nlp.tokenizer, text) == _split(fresh, text), text[:60]
    for text in texts:  # every word of every text cached by now
        assert _split(nlp.tokenizer, text) == _split(fresh, text), text[:60]


def _counting(nlp) -> list[str]:
    """The chunks the tokenizer's ``token_match`` rule is asked about from now on (asked only when not cached)."""
    asked: list[str] = []
    rule = nlp.tokenizer.token_match
    nlp.tokenizer.token_match = lambda chunk: asked.append(chunk) or rule(chunk)  # (spaCy splits its special
    asked.clear()  # cases again with the new rule, asking it about them)
    return asked


TWO_PARAGRAPHS = "Le ministre a parlé.\nIl a déclaré que la paix était possible."


def test_warm_tokenizer_spares_the_rules_for_words_shown_once() -> None:
    import spacy

    nlp = spacy.blank("fr")
    asked = _counting(nlp)
    nlp(TWO_PARAGRAPHS)
    asked.clear()
    nlp(TWO_PARAGRAPHS)
    assert "Le" not in asked and "déclaré" in asked  # spaCy alone remembers nothing after the line break
    warm_tokenizer(nlp, [TWO_PARAGRAPHS])
    asked.clear()
    assert [token.text for token in nlp(TWO_PARAGRAPHS)][-3:] == ["était", "possible", "."]
    assert asked == []  # every chunk is read from the cache


def test_warm_tokenizer_does_nothing_in_a_memory_zone_and_shows_at_most_as_many_chunks_as_the_cache_holds() -> None:
    import spacy

    nlp = spacy.blank("fr")
    asked = _counting(nlp)
    with nlp.memory_zone():
        warm_tokenizer(nlp, [TWO_PARAGRAPHS])
        assert asked == []  # spaCy caches nothing in a zone: the words are left for later
    warm_tokenizer(nlp, [TWO_PARAGRAPHS])
    assert "déclaré" in asked  # outside the zone, the same words are shown
    small = spacy.blank("fr")
    small.tokenizer.max_cache_size = 3
    asked = _counting(small)
    warm_tokenizer(small, ["\nun deux trois quatre cinq", "six sept"])
    assert sorted(set(asked)) == ["deux", "trois", "un"]
