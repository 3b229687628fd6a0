"""The gazetteer: every ISO country by its French name, demonyms, capitals, seats, acronyms."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pycountry
import pytest
from babel import Locale

from etl.transforms.gazetteer import Gazetteer
from etl.transforms.text import folded_words, normalize_apostrophes, person_key


def _codes(gaz: Gazetteer, form: str, kind: str | None = None) -> set[str]:
    key = folded_words(normalize_apostrophes(form))
    if key[0] in ("le", "la", "les", "l"):  # "La Réunion": indexed without its article
        key = key[1:]
    return {
        code
        for s in gaz.lookup(key)
        if kind is None or s.kind == kind
        for code in s.codes
        if s.entity_id.startswith("country:")
    }


def test_every_iso_country_is_an_entity_and_resolvable_by_its_cldr_french_name(
    gaz: Gazetteer,
) -> None:
    territories = Locale("fr").territories
    for country in pycountry.countries:
        entity = gaz.country(country.alpha_3)
        assert entity is not None, country.alpha_3
        assert entity.entity_id == f"country:{country.alpha_3}"
        assert entity.entity_type == "country"
        assert entity.country_code == country.alpha_3
        assert entity.sector_code is None  # the state as a whole; mentions carry the sector
        french = territories[country.alpha_2]
        # Parenthesised CLDR forms ("Myanmar (Birmanie)") are indexed part by part.
        first = french.split(" (")[0]
        assert country.alpha_3 in _codes(gaz, first), (country.alpha_3, first)


def test_country_name_and_canonical_names(gaz: Gazetteer) -> None:
    assert gaz.country_name("SEN") == "Sénégal"
    assert gaz.country_name("TCD") == "Tchad"
    assert gaz.country_name("DEU") == "Allemagne"
    assert gaz.country_name("XXX") is None


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("République fédérale d'Allemagne", "DEU"),
        ("Fédération de Russie", "RUS"),
        ("République populaire de Chine", "CHN"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("États-Unis", "USA"),
        ("Etats Unis", "USA"),
        ("Soudan du Sud", "SSD"),
        ("République de Corée", "KOR"),  # from the iso-codes French name "Corée, République de"
    ],
)
def test_long_and_variant_names(gaz: Gazetteer, form: str, code: str) -> None:
    assert code in _codes(gaz, form)


def test_longest_forms_are_distinct_from_their_prefixes(gaz: Gazetteer) -> None:
    assert _codes(gaz, "Guinée") == {"GIN"}
    assert _codes(gaz, "Guinée-Bissau") == {"GNB"}
    assert _codes(gaz, "Guinée équatoriale") == {"GNQ"}
    assert _codes(gaz, "Soudan") == {"SDN"}


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("nigérien", "NER"),
        ("nigérienne", "NER"),
        ("nigériens", "NER"),
        ("nigériennes", "NER"),
        ("nigérian", "NGA"),
        ("nigériane", "NGA"),
        ("nigérians", "NGA"),
        ("tchadienne", "TCD"),
        ("sénégalaises", "SEN"),
        ("allemands", "DEU"),
        ("chinoise", "CHN"),
        ("algériens", "DZA"),
        ("soudanais", "SDN"),
        ("sud-soudanais", "SSD"),
        ("burkinabè", "BFA"),
        ("burkinabe", "BFA"),
    ],
)
def test_demonyms_all_genders_and_numbers(gaz: Gazetteer, form: str, code: str) -> None:
    assert _codes(gaz, form, "demonym") == {code}


def test_nigerien_is_not_nigerian(gaz: Gazetteer) -> None:
    assert _codes(gaz, "nigérien") == {"NER"}
    assert _codes(gaz, "nigérian") == {"NGA"}
    assert _codes(gaz, "Niger") == {"NER"}
    assert _codes(gaz, "Nigeria") == {"NGA"}


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Pékin", "CHN"),
        ("Beijing", "CHN"),
        ("Alger", "DZA"),
        ("Dakar", "SEN"),
        ("N'Djamena", "TCD"),
        ("Khartoum", "SDN"),
        ("Berlin", "DEU"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Caire", "EGY"),  # indexed without its article; needs one in running text
    ],
)
def test_capitals(gaz: Gazetteer, form: str, code: str) -> None:
    assert _codes(gaz, form, "capital") == {code}


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Élysée", "FRA"),
        ("Elysée", "FRA"),
        ("Quai d'Orsay", "FRA"),
        ("Kremlin", "RUS"),
        ("Maison-Blanche", "USA"),
        ("Maison Blanche", "USA"),
        ("Downing Street", "GBR"),
    ],
)
def test_seats(gaz: Gazetteer, form: str, code: str) -> None:
    assert _codes(gaz, form, "seat") == {code}


def test_compound_prefixes(gaz: Gazetteer) -> None:
    assert gaz.prefixes["franco"] == ("FRA",)
    assert gaz.prefixes["sino"] == ("CHN",)
    assert gaz.prefixes["germano"] == ("DEU",)
    assert gaz.prefixes["algero"] == ("DZA",)


def test_acronyms_are_case_sensitive(gaz: Gazetteer) -> None:
    for acronym, entity_id in (
        ("UA", "organization:au"),
        ("UE", "organization:eu"),
        ("EI", "organization:islamic-state"),
        ("ONU", "organization:un"),
        ("AES", "organization:aes"),
    ):
        surfaces = [s for s in gaz.lookup((acronym.lower(),)) if s.entity_id == entity_id]
        assert surfaces, acronym
        assert all(s.exact for s in surfaces), acronym
    # Word-like names are not exact: they match in any case.
    assert not any(s.exact for s in gaz.lookup(("tchad",)))


def test_alliance_members(gaz: Gazetteer) -> None:
    assert set(gaz.members("organization:aes")) == {"MLI", "BFA", "NER"}
    ecowas = gaz.entity("organization:ecowas")
    assert ecowas is not None
    assert ecowas.org_kind == "igo"
    assert "SEN" in ecowas.member_codes and "GHA" in ecowas.member_codes
    assert gaz.members("organization:nato") and "DEU" in gaz.members("organization:nato")
    assert gaz.members("country:TCD") == ()
    assert gaz.members("organization:does-not-exist") == ()


def test_organizations_keep_their_state_and_sector(gaz: Gazetteer) -> None:
    boko = gaz.entity("organization:boko-haram")
    assert boko is not None and boko.country_code == "NGA" and boko.sector_code == "ISM"
    au = gaz.entity("organization:au")
    assert au is not None and au.country_code is None and au.sector_code == "IGO"


def test_aliases_rows_are_unique_and_cover_all_kinds(gaz: Gazetteer) -> None:
    rows = gaz.aliases()
    keys = [(r.alias_text, r.entity_id) for r in rows]
    assert len(keys) == len(set(keys))
    ids_by_alias = {(r.alias_text, r.entity_id) for r in rows}
    assert ("Tchad", "country:TCD") in ids_by_alias
    assert ("tchadienne", "country:TCD") in ids_by_alias
    assert ("N'Djamena", "country:TCD") in ids_by_alias
    assert ("Élysée", "country:FRA") in ids_by_alias
    assert ("CEDEAO", "organization:ecowas") in ids_by_alias
    assert all(r.entity_id and r.alias_text for r in rows)
    assert {r.language_code for r in rows if r.entity_id.startswith("country:")} == {"fr"}


def test_roles_map_to_sectors(gaz: Gazetteer) -> None:
    role = gaz.role("armée")
    assert role is not None and role.sector_code == "MIL"
    role = gaz.role("ministre des Affaires étrangères")
    assert role is not None and role.sector_code == "GOV"
    role = gaz.role("jihadistes")
    assert role is not None and role.sector_code == "ISM"
    role = gaz.role("rebelles")
    assert role is not None and role.sector_code == "REB"


def test_office_holders_are_found_by_any_listed_spelling(gaz: Gazetteer) -> None:
    a = gaz.office_holder("Vladimir Poutine")
    b = gaz.office_holder("Vladimir Putin")
    assert a is not None and b is not None and a.entity_id == b.entity_id
    assert a.country_code == "RUS"
    assert gaz.office_holder("Personne Inconnue") is None
    entity = gaz.entity(a.entity_id)
    assert entity is not None and entity.entity_type == "person"


def test_office_holder_terms_by_date(gaz: Gazetteer) -> None:
    early = gaz.office_holder("Vladimir Poutine", as_of=dt.date(2010, 1, 1))
    late = gaz.office_holder("Vladimir Poutine", as_of=dt.date(2020, 1, 1))
    assert early is not None and late is not None
    assert early.role_name == "premier ministre"
    assert late.role_name == "président"


def test_region_adjectives(gaz: Gazetteer) -> None:
    african = gaz.region_countries("africains")
    assert african is not None and {"TCD", "SEN", "SDN"} <= african and "DEU" not in african
    european = gaz.region_countries("européennes")
    assert european is not None and "DEU" in european and "CHN" not in european
    assert gaz.region_countries("bleus") is None


def test_person_key_folds_transliteration_variants() -> None:
    assert person_key("Mikhaïl Sorokine") == person_key("Mikhail Sorokin")
    assert person_key("Andreï Belooussov") == person_key("Andrei Belousov")
    assert person_key("Sergueï Choïgou") == person_key("Sergei Shoigu")
    assert person_key("Ousmane Kouyaté") == person_key("Ousmane Kouyate")
    assert person_key("Ousmane Kouyaté") != person_key("Ousmane Koulibaly")
    assert person_key("Xi Jinping") == "xi-jinping"


def test_organization_validity_dates_and_successor_links(gaz: Gazetteer) -> None:
    """Wagner -> Africa Corps is a link both ways, and both names stay findable: an article that
    names Wagner after 2024 is still coded as Wagner (the row carries the link, not a rewrite)."""
    wagner = gaz.entity("organization:wagner")
    corps = gaz.entity("organization:africa-corps")
    assert wagner is not None and corps is not None
    assert wagner.successor_id == corps.entity_id
    assert corps.predecessor_id == wagner.entity_id
    for form, entity_id in (("Wagner", wagner.entity_id), ("Africa Corps", corps.entity_id)):
        assert entity_id in {s.entity_id for s in gaz.lookup(folded_words(form))}
    oau, au = gaz.entity("organization:oau"), gaz.entity("organization:au")
    assert oau is not None and au is not None
    assert (oau.successor_id, au.predecessor_id) == (au.entity_id, oau.entity_id)
    assert oau.valid_to == au.valid_from == dt.date(2002, 7, 9)
    minusma = gaz.entity("organization:minusma")
    assert minusma is not None and minusma.valid_to == dt.date(2023, 12, 31)
    # Partial dates widen: a start to the first day of its period, an end to the last.
    g5 = gaz.entity("organization:g5-sahel")
    assert g5 is not None and (g5.valid_from, g5.valid_to) == (
        dt.date(2014, 2, 1),
        dt.date(2023, 12, 31),
    )
    chain = ["amisom", "atmis", "au-somalia-mission"]
    for a, b in itertools.pairwise(chain):
        first, then = gaz.entity(f"organization:{a}"), gaz.entity(f"organization:{b}")
        assert first is not None and then is not None and first.valid_to and then.valid_from
        assert first.successor_id == then.entity_id and then.valid_from > first.valid_to
    orgs = [e for e in gaz.entities.values() if e.entity_type == "organization"]
    for e in orgs:
        for link in (e.predecessor_id, e.successor_id):
            assert link is None or gaz.entity(link) is not None, (e.entity_id, link)
        if e.valid_from and e.valid_to:
            assert e.valid_from <= e.valid_to, e.entity_id
        assert e.wikidata_id is None or re.fullmatch(r"Q[1-9]\d*", e.wikidata_id), e.entity_id
    qids = [e.wikidata_id for e in orgs if e.wikidata_id]
    assert len(qids) == len(set(qids)), "one Wikidata item on two rows"


@pytest.mark.parametrize(
    ("role", "owner", "day", "name"),
    [
        ("président", "RUS", dt.date(2010, 6, 1), "Dmitri Medvedev"),
        ("président", "RUS", dt.date(2016, 6, 1), "Vladimir Poutine"),
        ("président", "USA", dt.date(2016, 6, 1), "Barack Obama"),
        ("président", "USA", dt.date(2024, 6, 1), "Joe Biden"),
        ("président", "FRA", dt.date(2016, 6, 1), "François Hollande"),
        ("président", "FRA", dt.date(2024, 6, 1), "Emmanuel Macron"),
        ("ministre des Affaires étrangères", "FRA", dt.date(2016, 6, 1), "Jean-Marc Ayrault"),
        ("ministre des Affaires étrangères", "FRA", dt.date(2024, 6, 1), "Stéphane Séjourné"),
        ("secrétaire général", "organization:un", dt.date(2016, 6, 1), "Ban Ki-moon"),
        ("secrétaire général", "organization:un", dt.date(2024, 6, 1), "António Guterres"),
        ("président de la Commission", "organization:au-commission", dt.date(2016, 6, 1), None),
        ("président de la Commission", "organization:ecowas", dt.date(2024, 6, 1), None),
    ],
)
def test_a_title_resolves_to_the_holder_at_the_date(
    gaz: Gazetteer, role: str, owner: str, day: dt.date, name: str | None
) -> None:
    holder = gaz.title_holder(role, owner, day)
    assert holder is not None
    if name is not None:
        assert holder.name == name
    assert holder.valid_on(day)
    assert gaz.title_holder(role, owner, None) is None  # undated: never the clock


def test_office_terms_of_one_office_do_not_overlap(gaz: Gazetteer) -> None:
    """Two holders of one office at once leave its title unresolved: consecutive terms may only
    share a handover (a day, or a month where the data gives the month). A role name two
    offices share (the Kremlin's and the foreign ministry's spokespeople) is ambiguous."""
    shared = {("RUS", "porte-parole")}
    assert gaz.title_holder("porte-parole", "RUS", dt.date(2020, 1, 1)) is None
    for (owner, role), terms in gaz.titles.items():
        if (owner, role) in shared:
            continue
        ordered = sorted(terms, key=lambda t: t.start_date or dt.date.min)
        for a, b in itertools.pairwise(ordered):
            if a.entity_id == b.entity_id:
                continue
            assert a.end_date is not None and b.start_date is not None, (owner, role, a.name)
            assert (a.end_date - b.start_date).days <= 31, (owner, role, a.name, b.name)


def test_bruxelles_as_an_actor_is_the_european_union(gaz: Gazetteer) -> None:
    # The press's metonymy ("un accord entre Londres et Bruxelles"): the EU, not Belgium.
    found = {s.entity_id for s in gaz.lookup(folded_words("Bruxelles"))}
    assert "organization:eu" in found
    assert not _codes(gaz, "Bruxelles")


def test_a_long_name_is_found_by_its_last_two_words_unless_shared(gaz: Gazetteer) -> None:
    holder = gaz.office_holder("Oligui Nguema", dt.date(2024, 5, 1))
    assert holder is not None and holder.country_code == "GAB"
    # Two listed people whose names end alike are found by neither short form.
    from etl.transforms.text import person_key_words

    ends: dict[str, set[str]] = {}
    for terms in gaz.office_holders.values():
        for t in terms:
            for form in (t.name, *t.aliases):
                words = person_key_words(form)
                if len(words) >= 3 and "-".join(words) == person_key(form):
                    ends.setdefault("-".join(words[-2:]), set()).add(t.entity_id)
    shared = [k for k, people in ends.items() if len(people) > 1]
    for key in shared:
        found = gaz.office_holders.get(key, [])
        # Either nobody, or a person whose own full name is those two words.
        assert all(
            len(person_key_words(t.name)) == 2 or key in {person_key(a) for a in t.aliases}
            for t in found
        )
