"""Reading the text layer: decoding, normalisation, furniture, provenance."""
from __future__ import annotations

import pytest

from kslib.errors import InputFileError
from kslib.read.source import decode, lines_from_text, read_text_source


def test_running_header_and_page_number_are_furniture():
    content, furniture = lines_from_text(["Text före", "", "Ver ks am he ts berä ttels e 2 021  ", "", "7", "Text efter"])
    assert [l.text for l in content] == ["Text före", "Text efter"]
    assert [l.number for l in content] == [1, 6]
    assert [l.text for l in furniture] == ["Ver ks am he ts berä ttels e 2 021", "7"]


def test_other_running_header_shapes():
    content, furniture = lines_from_text(["2025 ÅRSBOKSLUT KOMMUNSTYRELSEN SID 31 (36)", "Rad"])
    assert [l.text for l in content] == ["Rad"] and len(furniture) == 1


def test_form_feeds_give_exact_pages():
    content, _ = lines_from_text(["a", "\fb", "c", "\f\fd"])
    assert [(l.text, l.page) for l in content] == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]


def test_without_form_feeds_pages_are_unknown_not_guessed():
    content, _ = lines_from_text(["Verksamhetsberättelse 2020", "4", "a"])
    assert content[0].page is None


def test_normalises_spaces_minus_and_bullets():
    content, _ = lines_from_text(["71\u00a0994 \u2212 5\u202f000 \uf0b7 punkt"])
    assert content[0].text == "71 994 - 5 000 • punkt"


def test_decode_utf8_and_cp1252():
    assert decode("Måluppfyllelse".encode("utf-8"), "x") == "Måluppfyllelse"
    assert decode("Måluppfyllelse".encode("cp1252"), "x") == "Måluppfyllelse"
    assert decode("\ufeffÅr".encode("utf-8"), "x") == "År"


@pytest.mark.parametrize("data, fragment", [(b"", "empty"), (b"  \n ", "empty"), (b"\x00\x01\x02" * 50, "binary"),
                                            (b"%PDF-1.4 ...", "PDF")])
def test_decode_rejects(data, fragment):
    with pytest.raises(InputFileError, match=fragment):
        decode(data, "x.txt")


def test_read_text_source_errors_name_the_file(tmp_path):
    with pytest.raises(InputFileError, match="nope.txt: no such file"):
        read_text_source(tmp_path / "nope.txt")
    with pytest.raises(InputFileError, match="is a directory"):
        read_text_source(tmp_path)
