"""Finding a resource by any of its names: spellings, case, accents and dashes, prefixed names and
IRIs lead to one IRI; unknown and ambiguous names are clear errors with candidates."""

from __future__ import annotations

import pytest

from augustkg.errors import UnknownName

AKR = "https://w3id.org/augustkg/resource/"


@pytest.mark.parametrize("name", ["Mukden", "Shenyang", "mukden", "akr:Mukden", AKR + "Mukden"])
def test_describe_finds_mukden_by_any_name(kg, name):
    assert kg.resolve(name) == AKR + "Mukden"


@pytest.mark.parametrize("name", ["Kwantung Army", "Kwangtung Army", "KWANGTUNG ARMY"])
def test_describe_finds_the_kwantung_army_by_any_spelling(kg, name):
    assert kg.resolve(name) == AKR + "KwantungArmy"


def test_accents_and_dashes_are_ignored(kg):
    assert kg.resolve("Otozo Yamada") == AKR + "OtozoYamada"
    assert kg.resolve("Trans-Baikal Front") == kg.resolve("Transbaikal Front")
    assert kg.resolve("Khingan-Mukden Offensive Operation") == AKR + "KhinganMukdenOffensiveOperation"


def test_unknown_name_suggests_close_matches(kg):
    with pytest.raises(UnknownName) as err:
        kg.resolve("Malinovski")
    assert any(iri == AKR + "RodionMalinovsky" for iri, _ in err.value.candidates)


def test_ambiguous_name_lists_candidates():
    from augustkg.names import NameIndex

    index = NameIndex([(AKR + "a", "Korea", "label"), (AKR + "b", "Korea", "label")])
    with pytest.raises(UnknownName, match="ambiguous") as err:
        index.resolve("korea")
    assert {iri for iri, _ in err.value.candidates} == {AKR + "a", AKR + "b"}


def test_the_build_index_and_a_computed_one_agree(kg):
    """The build writes names.json so a cold process need not query; both must say the same."""
    from augustkg.names import NameIndex

    computed = NameIndex.from_engine(kg)
    assert computed.labels == kg.names.labels and dict(computed.by_key) == dict(kg.names.by_key)
