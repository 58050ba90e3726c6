"""kg.extract.quotes: every quote style, and unbalanced marks cost one quote, not the article."""

from __future__ import annotations

import pytest

from kg.extract.quotes import find_quotes


def _inner(text: str) -> list[str]:
    return [text[q.inner_start:q.inner_end].strip() for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("« Nous sommes prêts », a-t-il dit.", ["Nous sommes prêts"]),
        ("“Absolument”, a-t-il répondu.", ["Absolument"]),
        ('Il a lancé : "Jamais nous ne céderons."', ["Jamais nous ne céderons."]),
        ("Elle a parlé d'un ‹ nouvel ordre › régional.", ["nouvel ordre"]),
        ("« Il a dit “non” hier », a rapporté X.", ["Il a dit “non” hier"]),
        ("“Mélange de marques », a conclu X.", ["Mélange de marques"]),
    ],
)
def test_quote_styles(text: str, quotes: list[str]) -> None:
    assert _inner(text) == quotes


def test_unclosed_quote_closes_at_the_end_of_its_paragraph() -> None:
    text = "“Dès le début, nous avons aidé.\n« Ils font face », a ajouté l'ambassadeur."
    found = find_quotes(text)
    assert [q.closed for q in found] == [False, True]
    assert text[found[0].inner_start:found[0].inner_end] == "Dès le début, nous avons aidé."
    assert text[found[1].inner_start:found[1].inner_end].strip() == "Ils font face"
