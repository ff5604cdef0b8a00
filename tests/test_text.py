import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.errors import InvalidInput
from meetings.text import clean, clean_block, match_key


@pytest.mark.parametrize(
    "spelling", ["Sergei K. Shoigu", "sergei k shoigu", "SERGEI  K SHOIGU", "Sergei K Shoigu "],
)
def test_spellings_that_differ_in_case_and_punctuation_share_a_key(spelling):
    assert match_key(spelling) == match_key("Sergei K Shoigu")


def test_composed_and_decomposed_accents_share_a_key():
    composed = unicodedata.normalize("NFC", "Zoë")
    decomposed = unicodedata.normalize("NFD", "Zoë")
    assert composed != decomposed
    assert match_key(composed) == match_key(decomposed) == match_key("Zoe")


def test_cyrillic_case_is_folded_but_indic_marks_are_kept():
    assert match_key("Лавров") == match_key("ЛАВРОВ")
    # A virama changes the letter: these two must stay distinct.
    assert match_key("क्ष") != match_key("कष")


@pytest.mark.parametrize("bad", ["Sergei\x00Shoigu", "Sergei\u202eShoigu", "Sergei\nShoigu", "A\x1bB"])
def test_control_and_bidi_characters_are_refused(bad):
    with pytest.raises(InvalidInput) as caught:
        clean(bad, field="--attendee name", max_length=200, name=True)
    assert caught.value.field == "--attendee name"


def test_other_fields_fold_line_breaks_but_refuse_other_controls():
    assert clean("SCO\nsummit\t2023", field="--title", max_length=50) == "SCO summit 2023"
    with pytest.raises(InvalidInput):
        clean("SCO\x00summit", field="--title", max_length=50)
    with pytest.raises(InvalidInput):
        clean("SCO\u202esummit", field="--title", max_length=50)


def test_clean_normalizes_and_limits_length():
    assert clean("  Rajnath   Singh ", field="x", max_length=50) == "Rajnath Singh"
    assert clean("   ", field="x", max_length=50) is None
    with pytest.raises(InvalidInput, match="at most 5 characters"):
        clean("abcdefg", field="x", max_length=5)


@given(st.text())
def test_match_key_is_idempotent(text):
    assert match_key(match_key(text)) == match_key(text)


def _outcome(function, *args, **options):  # type: ignore[no-untyped-def]
    try:
        return "kept", function(*args, **options)
    except InvalidInput as exc:
        return "refused", str(exc)


# Plain ASCII text takes a shorter path through clean, clean_block and match_key (most archives are
# ASCII). A trailing no-break space or dash, which every one of them strips or folds away, sends
# the same text through the general Unicode path: both must give the same answer.
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40), st.booleans())
def test_ascii_text_is_cleaned_and_keyed_as_the_unicode_path_does(value, name):
    assert _outcome(clean, value, field="f", max_length=20, name=name) == \
        _outcome(clean, value + "\u00a0", field="f", max_length=20, name=name)
    assert _outcome(clean_block, value, field="f", max_length=20) == \
        _outcome(clean_block, value + "\u00a0", field="f", max_length=20)
    assert match_key(value) == match_key(value + "\u2014")
