"""kg.io: every input form is read, and every bad input becomes a one-line problem, not an exception."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from kg import io as kg_io
from kg.io import Article, Problem, guess_language, read_inputs

FRENCH = "Le ministre russe des Affaires étrangères a déclaré que la Russie et la Chine sont prêtes à coopérer."


def _read(*names: str, stdin: bytes | None = None) -> list[Article | Problem]:
    return list(read_inputs(names, stdin=io.BytesIO(stdin) if stdin is not None else None))


def test_txt_article_id_is_the_stem(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(FRENCH, encoding="utf-8")
    [article] = _read(str(tmp_path / "a1.txt"))
    assert isinstance(article, Article)
    assert article.id == "a1" and article.text == FRENCH


def test_folder_is_searched_recursively_for_txt_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": FRENCH, "date": "2025-03-14"}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    items = _read(str(tmp_path))
    assert sorted(a.id for a in items if isinstance(a, Article)) == ["b", "c1"]
    assert next(a for a in items if a.id == "c1").date == "2025-03-14"


def test_gzipped_jsonl_and_stdin(tmp_path: Path) -> None:
    line = json.dumps({"id": "g1", "text": FRENCH, "title": "T", "source": "AFP", "url": "u", "lang": "fr"})
    with gzip.open(tmp_path / "g.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(line + "\n")
    [article] = _read(str(tmp_path / "g.jsonl.gz"))
    assert (article.id, article.title, article.source) == ("g1", "T", "AFP")
    [from_stdin] = _read("-", stdin=(line + "\n").encode())
    assert from_stdin.id == "g1"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("Le ministre a déclaré".encode("latin-1") + b" \xe9t\xe9", "not valid UTF-8"),
        (b"Der Minister sagte am Montag, dass die Gespraeche weitergehen werden und nichts entschieden sei.", "not recognised as French or English"),
    ],
)
def test_bad_txt_files_are_problems_naming_the_file(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [problem] = _read(str(path))
    assert isinstance(problem, Problem)
    assert str(path) in str(problem) and reason in problem.reason
    assert "\n" not in str(problem)


def test_malformed_jsonl_line_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "ok1", "text": FRENCH}), "{not json", json.dumps({"id": "x"}), json.dumps({"id": "ok2", "text": FRENCH})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(str(path))
    assert [a.id for a in items if isinstance(a, Article)] == ["ok1", "ok2"]
    problems = [p for p in items if isinstance(p, Problem)]
    assert [p.where for p in problems] == [f"{path}:2", f"{path}:3"]
    assert "malformed JSON" in problems[0].reason and "missing 'id' or 'text'" in problems[1].reason


@pytest.mark.parametrize("field", ["text", "id", "title"])
def test_a_jsonl_line_with_a_lone_surrogate_is_skipped_with_its_reason(tmp_path: Path, field: str) -> None:
    record = {"id": "dep-001", "text": FRENCH, "title": "Titre du jour"}
    record[field] = record[field][:5] + "\ud83d" + record[field][5:]  # half of an emoji: json escapes it as \\ud83d
    whole = {"id": "s2", "text": "Un émoji entier \U0001F600 : " + FRENCH}  # its two halves make one character
    path = tmp_path / "halves.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps(whole) + "\n", encoding="utf-8")
    problem, article = _read(str(path))
    assert isinstance(problem, Problem) and problem.where == f"{path}:1"
    assert problem.reason == f"'{field}' is not valid Unicode (a lone surrogate, U+D83D, at character 6)"
    assert isinstance(article, Article) and "\U0001F600" in article.text


def test_huge_article_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg_io, "MAX_ARTICLE_CHARS", 50)
    path = tmp_path / "huge.txt"
    path.write_text(FRENCH * 3, encoding="utf-8")
    [problem] = _read(str(path))
    assert isinstance(problem, Problem) and "too large" in problem.reason


def test_missing_input_and_unknown_lang_field(tmp_path: Path) -> None:
    [missing] = _read(str(tmp_path / "nope.txt"))
    assert "no such file" in missing.reason
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"id": "1", "text": FRENCH, "lang": "xx"}) + "\n", encoding="utf-8")
    [problem] = _read(str(path))
    assert "language 'xx'" in problem.reason


def test_guess_language() -> None:
    assert guess_language(FRENCH) == "fr"
    assert guess_language("The minister said on Monday that the talks with the delegation would go on.") == "en"
    assert guess_language("12 34 56") is None


def test_folder_given_through_a_parent_path_is_read_and_hidden_files_are_not(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "corpus" / ".cache").mkdir()
    (tmp_path / "corpus" / ".cache" / "b.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "other").mkdir()
    items = _read(str(tmp_path / "other" / ".." / "corpus"))
    assert [a.id for a in items if isinstance(a, Article)] == ["a"]


def test_a_line_cut_short_names_the_column_where_it_stops(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text('{"id": "x", "text": \n', encoding="utf-8")
    [problem] = _read(str(path))
    assert isinstance(problem, Problem) and problem.reason == "malformed JSON (Expecting value, column 21)"


def test_outputs_get_the_permissions_the_umask_allows(tmp_path: Path) -> None:
    import os

    from kg.atomic import write_text

    previous = os.umask(0o022)
    try:
        write_text(tmp_path / "a.txt", "x")
        os.umask(0o077)
        write_text(tmp_path / "b.txt", "x")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644  # readable by others, like any file the user writes
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(("line", "reason"), [
    ('{"id": "d", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}", "malformed JSON (nested too deeply)"),
    ('{"id": ' + "9" * 5000 + ', "text": "x"}', "malformed JSON (a number too long to read)"),
    ('{"id": "", "text": "' + FRENCH + '"}', "missing 'id' or 'text' (a string)"),
    ('{"id": "  ", "text": "' + FRENCH + '"}', "missing 'id' or 'text' (a string)"),
])
def test_lines_python_cannot_read_or_without_an_id_are_skipped_and_the_next_is_read(
        tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text(line + "\n" + json.dumps({"id": "ok", "text": FRENCH, "lang": " fr "}) + "\n", encoding="utf-8")
    problem, article = _read(str(path))
    assert isinstance(problem, Problem) and problem.where == f"{path}:1" and problem.reason == reason
    assert isinstance(article, Article) and article.id == "ok" and article.lang == "fr"


def test_a_byte_order_mark_opening_a_jsonl_file_is_not_part_of_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "first", "text": FRENCH}).encode() + b"\n")
    [article] = _read(str(path))
    assert isinstance(article, Article) and article.id == "first"


@pytest.mark.parametrize("name", ["utf16.txt", "utf16.jsonl"])
def test_utf16_is_named_as_such(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    text = FRENCH if name.endswith(".txt") else json.dumps({"id": "u", "text": FRENCH})
    path.write_bytes(text.encode("utf-16"))  # with its byte-order mark
    [problem] = _read(str(path))
    assert isinstance(problem, Problem) and problem.reason.startswith("UTF-16 text; kg reads UTF-8")


def test_a_damaged_gzip_file_is_reported_with_the_reason_and_the_other_inputs_read(tmp_path: Path) -> None:
    body = bytearray(gzip.compress("".join(json.dumps({"id": f"a{n}", "text": FRENCH}) + "\n" for n in range(200)).encode()))
    for index in range(60, 120):
        body[index] ^= 0x55  # the compressed stream garbled in the middle
    (tmp_path / "damaged.jsonl.gz").write_bytes(bytes(body))
    (tmp_path / "good.txt").write_text(FRENCH, encoding="utf-8")
    items = _read(str(tmp_path / "damaged.jsonl.gz"), str(tmp_path / "good.txt"))
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(problems) == 1 and problems[0].where.endswith("damaged.jsonl.gz") and "cannot read" in problems[0].reason
    assert items[-1].id == "good"


def test_a_file_whose_name_is_not_utf8_is_skipped_with_the_reason(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(FRENCH, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"bad\xffname.txt"), "w", encoding="utf-8") as handle:
        handle.write(FRENCH)
    items = _read(str(folder))
    problems = [item for item in items if isinstance(item, Problem)]
    assert [p.reason for p in problems] == ["file name is not valid UTF-8 (rename the file)"]
    assert [item.id for item in items if isinstance(item, Article)] == ["good"]


def test_a_truncated_gzip_gives_its_articles_before_the_break_and_names_the_last_line_read(tmp_path: Path) -> None:
    whole = gzip.compress("".join(json.dumps({"id": f"a{n}", "text": f"{FRENCH} ({n})"}) + "\n"
                                  for n in range(300)).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    items = _read(str(path))
    *articles, problem = items
    assert articles and all(isinstance(item, Article) for item in articles)
    assert isinstance(problem, Problem) and problem.reason.startswith(f"cannot read after line {len(articles)}: ")


def test_a_problem_is_one_line_even_for_a_file_name_with_a_line_break() -> None:
    assert str(Problem("in/two\nlines.txt", "empty file")) == "in/two\\nlines.txt: empty file"
