import pytest

from meetings.countries import country_name, resolve_country
from meetings.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("Russia", "RU", "Russia"),
        ("Russian Federation", "RU", "Russia"),
        ("RU", "RU", "Russia"),
        ("RUS", "RU", "Russia"),
        ("russia", "RU", "Russia"),
        ("  RUSSIA ", "RU", "Russia"),
        ("Iran", "IR", "Iran"),
        ("Iran, Islamic Republic of", "IR", "Iran"),
        ("iran (islamic republic of)", "IR", "Iran"),
        ("India", "IN", "India"),
        ("China", "CN", "China"),
        ("China, People’s Republic of", "CN", "China"),
        ("Kyrgyz Republic", "KG", "Kyrgyzstan"),
        ("Kyrgyzstan", "KG", "Kyrgyzstan"),
        ("Turkey", "TR", "Türkiye"),
        ("Türkiye", "TR", "Türkiye"),
        ("Turkiye", "TR", "Türkiye"),
        ("Swaziland", "SZ", "Eswatini"),
        ("Kosovo", "XK", "Kosovo"),
        ("USSR", "SUHH", "USSR"),
        ("U.S.S.R.", "SUHH", "USSR"),
        ("South Korea", "KR", "South Korea"),
        ("Korea, Republic of", "KR", "South Korea"),
        ("Korea, South", "KR", "South Korea"),
        ("North Korea", "KP", "North Korea"),
        ("Côte d'Ivoire", "CI", "Côte d'Ivoire"),
        ("Cote d’Ivoire", "CI", "Côte d'Ivoire"),
        ("Ivory Coast", "CI", "Côte d'Ivoire"),
        ("Burma", "MM", "Myanmar"),
        ("Czech Republic", "CZ", "Czechia"),
        ("Siam (Thailand)", "TH", "Thailand"),
        ("United Kingdom (Wales)", "GB", "United Kingdom"),
        ("UK", "GB", "United Kingdom"),
        ("United States", "US", "United States"),
        ("USA", "US", "United States"),
        ("Vatican City", "VA", "Holy See"),
    ],
)
def test_spellings_of_one_country_resolve_to_one_code(text, code, name):
    country = resolve_country(text)
    assert (country.code, country.name) == (code, name)
    assert country_name(code) == name


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("Rusia", "Russia"), ("Frnace", "France"), ("Tajikstan", "Tajikistan"), ("Kazakstan", "Kazakhstan"),
     ("Pakistn", "Pakistan")],
)
def test_near_misses_are_refused_with_suggestions(text, suggestion):
    with pytest.raises(InvalidInput) as caught:
        resolve_country(text, field="--country")
    message = str(caught.value)
    assert message.startswith("--country: unknown country")
    assert suggestion in message


@pytest.mark.parametrize(("text", "candidates"), [("Congo", ("CG", "CD")), ("Korea", ("KR", "KP"))])
def test_ambiguous_names_are_refused_with_their_candidates(text, candidates):
    with pytest.raises(InvalidInput) as caught:
        resolve_country(text)
    assert "ambiguous" in str(caught.value)
    for code in candidates:
        assert f"({code})" in str(caught.value)


@pytest.mark.parametrize("text", ["", "   ", "Narnia", "12345"])
def test_unknown_or_empty_names_are_refused(text):
    with pytest.raises(InvalidInput):
        resolve_country(text)


def test_the_shipped_index_matches_the_installed_pycountry():
    from meetings.countries import _index, build_index

    built, shipped = build_index(), _index()
    assert shipped.by_key == built.by_key
    assert shipped.names == built.names
    assert shipped.ambiguous == built.ambiguous
