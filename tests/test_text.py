"""kg.text: clean-up for the parser, offsets always back into the original text."""

from __future__ import annotations

import pytest

from kg.text import clean


@pytest.mark.parametrize(
    ("original", "cleaned"),
    [
        ("l\u2019ambassadeur", "l'ambassadeur"),
        ("a\u00a0déclaré\u202f:", "a déclaré :"),
        ("diffusée parTélévision vénézuélienne (VTV)a souligné", "diffusée par Télévision vénézuélienne (VTV) a souligné"),
        ("Lire aussi : un autre article\nLe ministre a parlé.", " " * 29 + "\nLe ministre a parlé."),
    ],
)
def test_clean_text(original: str, cleaned: str) -> None:
    assert clean(original).text == cleaned


def test_offsets_map_back_to_the_original() -> None:
    original = "Émission diffusée parTélévision vénézuélienne (VTV)a souligné l\u2019essentiel."
    result = clean(original)
    for word in ("Télévision", "souligné", "essentiel"):
        start = result.text.index(word)
        begin, end = result.original_span(start, start + len(word))
        assert original[begin:end] == word
    span = result.original_span(result.text.index("par"), result.text.index("vénézuélienne"))
    assert original[span[0]:span[1]] == "parTélévision"


def test_same_length_clean_up_keeps_every_offset() -> None:
    original = "« Oui\u00a0», a dit l\u2019envoyé."
    result = clean(original)
    assert len(result.text) == len(original) and not result.inserts
    assert all(result.to_original(i) == i for i in range(len(original)))


def test_control_characters_that_are_not_blanks_read_as_spaces_and_blanks_stay() -> None:
    original = "Ottokar\x01Kruger a dit\x7f non\x1b.\nSuite\x0csans\x85fin\x1f."
    cleaned = clean(original)
    assert cleaned.text == "Ottokar Kruger a dit  non .\nSuite\x0csans\x85fin\x1f."
    assert len(cleaned.text) == len(original) and cleaned.to_original(8) == 8
