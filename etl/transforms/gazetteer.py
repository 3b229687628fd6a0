"""The French gazetteer: countries, organizations, roles and well-known office holders.

Everything is read once from the reviewed TSV files of ``etl/data`` (see ``etl/data/README.md``;
``office_holders_fr.tsv`` lists well-known heads of state/government, ministers and heads of
international organizations with their terms) and indexed by tuples of folded words, plus the
set of all their prefixes, so the entity extractor walks the text word by word as in a trie
(longest match wins) instead of running one regex per alias.

Choices documented here:

* A country ``Entity`` has ``sector_code=None``: it is the state as a whole. The sector of a given
  occurrence ("l'armée malienne" -> MIL, "le gouvernement nigérien" -> GOV) is carried by the
  ``Mention``, which is where the context is.
* Country names come from ``countries_fr.tsv`` and, for every ISO 3166-1 country, also from CLDR
  (babel) and the French iso-codes translation shipped with pycountry, so a country the TSV spelt
  differently is still found.
* Surface forms written entirely in capitals (``UA``, ``UE``, ``EI``, ``AES``, ``RDC``) match only
  in capitals; other forms match accent- and case-insensitively, except that a word capitalised in
  the data ("Maison Blanche", "Réunion") must be capitalised in the text too, so the common nouns
  "maison blanche" or "réunion" do not match. Demonyms match in any case.
* Validity dates in the data may be partial (``2024``, ``2024-11``): a start widens to the first
  day of that period and an end to the last, so a term or an organization counts as valid on
  every day the data allows. Dates are only ever compared with an article's own date, never the
  clock.
* Leading articles of capitals and seats ("Le Caire", "La Haye") are not part of the indexed form;
  the article-less form then requires a preceding article or contraction ("au Caire", "de La Haye").
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from etl.transforms import reference
from etl.transforms.offices import OfficeHolder, org_ref, parse_date, pick_term
from etl.transforms.text import (
    fold,
    folded_words,
    normalize_apostrophes,
    person_key,
    person_key_words,
    slugify,
    words,
)
from etl.transforms.types import Entity

LANGUAGE = "fr"
ARTICLES = frozenset({"le", "la", "les", "l"})
# Words that may precede an article-less form indexed with ``needs_article``.
ARTICLE_CONTEXTS = frozenset({"le", "la", "les", "l", "au", "aux", "du", "des"})

# Region adjectives ("les trois pays africains") -> predicate over the `region` column.
_REGION_PREFIXES: dict[str, tuple[str, ...]] = {
    "africain": ("Afrique",),
    "europeen": ("Europe",),
    "asiatique": ("Asie",),
    "ouest-africain": ("Afrique de l'Ouest",),
    "nord-africain": ("Afrique du Nord",),
    "maghrebin": ("Afrique du Nord",),
    "est-africain": ("Afrique de l'Est",),
    "latino-americain": ("Amérique du Sud", "Amérique centrale", "Caraïbes"),
    "sud-americain": ("Amérique du Sud",),
    "occidental": (
        "Europe de l'Ouest",
        "Europe du Nord",
        "Europe du Sud",
        "Europe centrale",
        "Amérique du Nord",
    ),
    "arabe": ("Afrique du Nord", "Moyen-Orient"),
}
# Countries of the Sahel belt as the French press uses "sahélien" (G5 Sahel/AES plus neighbours).
_SAHEL = frozenset({"MLI", "BFA", "NER", "TCD", "MRT", "SEN", "SDN"})
# Organizations whose membership defines a region adjective better than geography does.
_REGION_ORGS = {"arabe": "arab-league"}
# Countries outside the listed regions that "occidentaux" commonly covers.
_WESTERN_EXTRA = frozenset({"AUS", "NZL"})
_WESTERN_EXCLUDE = frozenset({"MEX", "GRL", "BMU", "SPM"})

# Continents and sub-regions that are places, not actors (matched so that they block shorter
# country forms inside them: "Amérique latine" is not the USA, "océan Indien" not India).
_EXTRA_REGIONS = reference.word_list("regions_fr.tsv", "name")
# Adjectives built on a country demonym that do not refer to that country.
_BLOCKED_ADJECTIVES = tuple(
    f"{prefix}-{stem}"
    for prefix in ("latino", "sud", "nord", "centre", "centro", "meso", "pan")
    for stem in ("américain", "américaine", "américains", "américaines")
)


class AliasRow(NamedTuple):
    """One row of ``core.entity_aliases``."""

    alias_text: str
    entity_id: str
    language_code: str | None


@dataclass(frozen=True)
class Surface:
    """One indexed surface form and what it stands for."""

    entity_id: str
    kind: str  # name | demonym | capital | seat | alias | region | person | block
    form: str  # as written in the data
    codes: tuple[str, ...] = ()  # country codes the form stands for
    exact: bool = False  # acronym: must match the text exactly (case-sensitive)
    caps: tuple[bool, ...] = ()  # per word: must be capitalised in the text
    needs_article: bool = False
    ambiguous: bool = False  # also a person's name / common word: needs corroboration


@dataclass(frozen=True)
class Role:
    """A role or collective noun of roles_fr.tsv."""

    pattern: str
    role_name: str
    sector_code: str | None
    is_head: bool


@dataclass
class Gazetteer:
    """Entities and surface-form indexes; build it with :func:`load_gazetteer`."""

    entities: dict[str, Entity] = field(default_factory=dict)
    index: dict[tuple[str, ...], list[Surface]] = field(default_factory=dict)
    max_len: int = 1
    prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    roles: dict[tuple[str, ...], Role] = field(default_factory=dict)
    role_max_len: int = 1
    regions: dict[str, str] = field(default_factory=dict)  # alpha3 -> region label
    office_holders: dict[str, list[OfficeHolder]] = field(default_factory=dict)  # by person_key
    office_surnames: dict[str, list[OfficeHolder]] = field(default_factory=dict)  # last key word
    # (owner, folded role name) -> terms, latest start first; owner as in OfficeHolder.owner.
    titles: dict[tuple[str, str], list[OfficeHolder]] = field(default_factory=dict)
    region_adjectives: dict[str, frozenset[str]] = field(default_factory=dict)
    key_prefixes: frozenset[tuple[str, ...]] = frozenset()  # every prefix of an indexed key
    role_key_prefixes: frozenset[tuple[str, ...]] = frozenset()
    _aliases: list[AliasRow] = field(default_factory=list)

    # -- lookups ---------------------------------------------------------------------------
    def lookup(self, key: tuple[str, ...]) -> list[Surface]:
        return self.index.get(key, [])

    def entity(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def country(self, alpha3: str) -> Entity | None:
        return self.entities.get(f"country:{alpha3}")

    def country_name(self, alpha3: str) -> str | None:
        ent = self.country(alpha3)
        return ent.canonical_name if ent else None

    def members(self, entity_id: str) -> tuple[str, ...]:
        ent = self.entities.get(entity_id)
        return ent.member_codes if ent else ()

    def region(self, alpha3: str) -> str | None:
        return self.regions.get(alpha3)

    def region_countries(self, adjective: str) -> frozenset[str] | None:
        """Countries a region adjective covers ("africains" -> African states), None if unknown."""
        return self.region_adjectives.get(fold(adjective))

    def role(self, text: str) -> Role | None:
        return self.roles.get(folded_words(normalize_apostrophes(text)))

    def office_holder(self, name: str, as_of: dt.date | None = None) -> OfficeHolder | None:
        """The office-holder record for a full name (any listed spelling), if any."""
        return pick_term(self.office_holders.get(person_key(name), []), as_of)

    def title_holder(
        self, role_name: str, owner: str, as_of: dt.date | None
    ) -> OfficeHolder | None:
        """Who held the office ``role_name`` of ``owner`` (an alpha-3 or an organization's entity
        id) on ``as_of``: "le président russe" in a 2016 article is the 2016 president.

        None without a date (a title is resolved against the article's own date, never against
        the clock, and a list that stops at some date cannot say who holds an office today),
        when no listed term covers the date, and when two people's terms do: a handover dated
        to the month, or two offices sharing a role name (the Kremlin's and the foreign
        ministry's "porte-parole").
        """
        if as_of is None:
            return None
        terms = self.titles.get((owner, fold(role_name)), [])
        valid = {t.entity_id: t for t in terms if t.valid_on(as_of)}
        return next(iter(valid.values())) if len(valid) == 1 else None

    def aliases(self) -> list[AliasRow]:
        """Rows for ``core.entity_aliases`` (unique on alias_text, entity_id)."""
        return list(self._aliases)

    # -- building ----------------------------------------------------------------------------
    def _add_surface(self, form: str, surface: Surface, *, alias: bool = True) -> None:
        key = folded_words(normalize_apostrophes(form))
        if not key:
            return
        bucket = self.index.setdefault(key, [])
        like = (surface.entity_id, surface.kind, surface.exact)
        k = next((k for k, s in enumerate(bucket) if (s.entity_id, s.kind, s.exact) == like), None)
        if k is None:
            bucket.append(surface)
        elif len(bucket[k].caps) == len(surface.caps):
            # A form also listed in lower case ("Talibans", "talibans") is written both ways.
            caps = tuple(a and b for a, b in zip(bucket[k].caps, surface.caps, strict=True))
            bucket[k] = replace(bucket[k], caps=caps)
        self.max_len = max(self.max_len, len(key))
        if alias:
            self._aliases.append(AliasRow(form, surface.entity_id, LANGUAGE))


def _inflections(masculine: str) -> tuple[str, ...]:
    """m. sg, f. sg, m. pl, f. pl of a regular adjective ("africain", "occidental", "arabe")."""
    m = fold(masculine)
    fem = m + "ne" if m.endswith("en") else m if m.endswith("e") else m + "e"
    plural = m[:-2] + "aux" if m.endswith("al") else m if m.endswith("s") else m + "s"
    return (m, fem, plural, fem + "s")


# -- file reading -------------------------------------------------------------------------------
def _data_file(name: str) -> Iterator[dict[str, str]]:
    yield from reference.rows(name)


def _split(cell: str) -> list[str]:
    return [normalize_apostrophes(v.strip()) for v in cell.split("|") if v.strip()]


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# Leading words of a name the press writes in lower case as often ("les îles Salomon").
_LOWER_LEADS = frozenset({"iles", "ile"})


def _caps(form: str) -> tuple[bool, ...]:
    """Which words of a form must be capitalised in text (leading articles never are)."""
    ws = words(form)
    flags = [w[:1].isupper() for w in ws]
    if ws and fold(ws[0]) in ARTICLES | _LOWER_LEADS:
        flags[0] = False
    return tuple(flags)


def _strip_article(form: str) -> tuple[str, bool]:
    """("Le Caire", ...) -> ("Caire", True); forms without a leading article are unchanged."""
    m = re.match(r"^(?:(?:le|la|les)\s+|l')(?=\S)", form, flags=re.IGNORECASE)
    if m and len(form) > m.end():
        return form[m.end() :], True
    return form, False


def _iso_french_names() -> dict[str, list[str]]:
    """alpha3 -> French names from CLDR (babel) and iso-codes (pycountry), uninverted."""
    import pycountry
    from babel import Locale

    out: dict[str, list[str]] = defaultdict(list)
    territories = Locale("fr").territories
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        translate = tr.gettext
    except OSError:  # pragma: no cover - iso-codes translations missing

        def translate(message: str) -> str:
            return message

    for country in pycountry.countries:
        names: list[str] = []
        cldr = territories.get(country.alpha_2)
        if cldr:
            names.append(cldr)
        names.append(translate(country.name))
        official = getattr(country, "official_name", None)
        if official:
            names.append(translate(official))
        for name in names:
            for part in re.split(r"\s*[()]\s*", name):
                part = _uninvert(normalize_apostrophes(part.strip())).strip()
                # "Cocos (Keeling), Îles" leaves a bare "Îles", which is no name.
                if fold(part) in _LOWER_LEADS:
                    continue
                if part and part not in out[country.alpha_3]:
                    out[country.alpha_3].append(part)
    return out


def _uninvert(name: str) -> str:
    """ "Corée, République de" -> "République de Corée"; "Iran, République islamique d'" too."""
    if ", " not in name:
        return name
    head, _, tail = name.partition(", ")
    if "province de" in tail:
        return head  # "Taïwan, province de Chine": keep the short name only
    if tail.endswith("'"):
        return f"{tail}{head}"
    return f"{tail} {head}"


# -- loading ----------------------------------------------------------------------------------
def _load_countries(gaz: Gazetteer) -> None:
    iso_names = _iso_french_names()
    seen: set[str] = set()
    for row in _data_file("countries_fr.tsv"):
        code = row["alpha3"]
        seen.add(code)
        entity_id = f"country:{code}"
        gaz.entities[entity_id] = Entity(
            entity_id=entity_id,
            entity_type="country",
            canonical_name=normalize_apostrophes(row["name_fr"]),
            country_code=code,
            sector_code=None,
            role_name=None,
        )
        if row.get("region"):
            gaz.regions[code] = row["region"]
        names = [row["name_fr"], *_split(row["names"]), *iso_names.get(code, [])]
        for name in names:
            _add_country_form(gaz, code, name, "name")
        for demonym in _split(row["demonyms"]):
            gaz._add_surface(demonym, Surface(entity_id, "demonym", demonym, (code,)))
        ambiguous = row.get("is_capital_ambiguous") == "1"
        for capital in _split(row["capital"]):
            _add_country_form(gaz, code, capital, "capital", ambiguous=ambiguous)
        for seat in _split(row["seats"]):
            _add_country_form(gaz, code, seat, "seat")
        for prefix in _split(row["prefixes"]):
            gaz.prefixes[fold(prefix)] = (*gaz.prefixes.get(fold(prefix), ()), code)
    # Every ISO country even if the TSV missed it.
    for code, names in iso_names.items():
        if code in seen:
            continue
        entity_id = f"country:{code}"
        gaz.entities[entity_id] = Entity(entity_id, "country", names[0], code, None, None)
        for name in names:
            _add_country_form(gaz, code, name, "name")


def _add_country_form(
    gaz: Gazetteer, code: str, form: str, kind: str, *, ambiguous: bool = False
) -> None:
    entity_id = f"country:{code}"
    form = normalize_apostrophes(form)
    if _is_acronym(form):
        gaz._add_surface(form, Surface(entity_id, kind, form, (code,), exact=True))
        return
    bare, had_article = _strip_article(form)
    surface = Surface(
        entity_id,
        kind,
        form,
        (code,),
        caps=_caps(bare),
        needs_article=had_article,
        ambiguous=ambiguous,
    )
    gaz._add_surface(bare, surface, alias=False)
    gaz._aliases.append(AliasRow(form, entity_id, LANGUAGE))


def _load_organizations(gaz: Gazetteer) -> None:
    for row in _data_file("organizations_fr.tsv"):
        entity_id = f"organization:{row['org_id']}"
        gaz.entities[entity_id] = Entity(
            entity_id=entity_id,
            entity_type="organization",
            canonical_name=normalize_apostrophes(row["canonical_name"]),
            country_code=row.get("country_code") or None,
            sector_code=row.get("sector_code") or None,
            role_name=None,
            wikidata_id=row.get("wikidata_id") or None,
            org_kind=row.get("kind") or None,
            member_codes=tuple(_split(row.get("members", ""))),
            valid_from=parse_date(row.get("valid_from", "")),
            valid_to=parse_date(row.get("valid_to", ""), end=True),
            predecessor_id=org_ref(row.get("predecessor", "")),
            successor_id=org_ref(row.get("successor", "")),
        )
        codes = (row["country_code"],) if row.get("country_code") else ()
        for form in [row["canonical_name"], *_split(row["aliases"])]:
            form = normalize_apostrophes(form)
            if _is_acronym(form):
                surface = Surface(entity_id, "alias", form, codes, exact=True)
            else:
                surface = Surface(entity_id, "alias", form, codes, caps=_caps(form))
            gaz._add_surface(form, surface)


def _load_regions(gaz: Gazetteer) -> None:
    labels = sorted({*gaz.regions.values(), *_EXTRA_REGIONS})
    for label in labels:
        entity_id = f"location:{slugify(label)}"
        if entity_id not in gaz.entities:
            gaz.entities[entity_id] = Entity(entity_id, "location", label, None, None, None)
        gaz._add_surface(label, Surface(entity_id, "region", label, caps=_caps(label)))
    for form in _BLOCKED_ADJECTIVES:
        gaz._add_surface(form, Surface("", "block", form), alias=False)
    # Region adjectives for group anaphora ("les trois pays africains").
    adjectives: dict[str, frozenset[str]] = {}
    for adjective, prefixes in _REGION_PREFIXES.items():
        codes = {c for c, region in gaz.regions.items() if region.startswith(prefixes)}
        if adjective == "occidental":
            codes = (codes | _WESTERN_EXTRA) - _WESTERN_EXCLUDE
        org = _REGION_ORGS.get(adjective)
        if org and gaz.members(f"organization:{org}"):
            codes = set(gaz.members(f"organization:{org}"))
        for form in _inflections(adjective):
            adjectives[form] = frozenset(codes)
    for form in _inflections("sahélien"):
        adjectives[form] = _SAHEL
    gaz.region_adjectives = adjectives


def _load_roles(gaz: Gazetteer) -> None:
    for row in _data_file("roles_fr.tsv"):
        role = Role(
            pattern=row["pattern"],
            role_name=normalize_apostrophes(row["role_name"]),
            sector_code=row.get("sector_code") or None,
            is_head=row.get("is_head") == "1",
        )
        for form in {row["pattern"], *_split(row["forms"])}:
            key = folded_words(normalize_apostrophes(form))
            if key and key not in gaz.roles:
                gaz.roles[key] = role
                gaz.role_max_len = max(gaz.role_max_len, len(key))


def _load_office_holders(gaz: Gazetteer) -> None:
    for row in _data_file("office_holders_fr.tsv"):
        holder = OfficeHolder(
            name=normalize_apostrophes(row["name"]),
            aliases=tuple(_split(row.get("aliases", ""))),
            country_code=row.get("country_code") or None,
            role_name=normalize_apostrophes(row["role_name"]),
            sector_code=row.get("sector_code") or None,
            start_date=parse_date(row.get("start_date", "")),
            end_date=parse_date(row.get("end_date", ""), end=True),
            wikidata_id=row.get("wikidata_id") or None,
            org_id=org_ref(row.get("org_id", "")),
        )
        if holder.owner:
            gaz.titles.setdefault((holder.owner, fold(holder.role_name)), []).append(holder)
        for form in (holder.name, *holder.aliases):
            key = person_key(form)
            terms = gaz.office_holders.setdefault(key, [])
            if holder not in terms:
                terms.append(holder)
            key_words = person_key_words(form)
            if len(key_words) >= 2:
                surnames = gaz.office_surnames.setdefault(key_words[-1], [])
                if holder not in surnames:
                    surnames.append(holder)
                # Full names are also matched directly in the text (NER misses, ALL-CAPS lines).
                gaz._add_surface(
                    form,
                    Surface(
                        holder.entity_id,
                        "person",
                        form,
                        (holder.country_code,) if holder.country_code else (),
                        caps=_caps(form),
                    ),
                    alias=False,
                )
            gaz._aliases.append(AliasRow(form, holder.entity_id, None))
    _add_short_names(gaz)
    for terms in (*gaz.office_holders.values(), *gaz.titles.values()):
        terms.sort(key=lambda t: t.start_date or dt.date.min, reverse=True)
    for entity_id, terms in _group_terms(gaz).items():
        latest = pick_term(terms, None)
        assert latest is not None
        gaz.entities[entity_id] = Entity(
            entity_id=entity_id,
            entity_type="person",
            canonical_name=latest.name,
            country_code=latest.country_code,
            sector_code=latest.sector_code,
            role_name=latest.role_name,
            wikidata_id=latest.wikidata_id,
        )


def _add_short_names(gaz: Gazetteer) -> None:
    """Papers name a holder of a long name by its last two words after the first mention ("Brice
    Clotaire Oligui Nguema" -> "Oligui Nguema"): those two words find the holder too, when they
    are no other listed person's and no full name of their own."""
    short: dict[str, set[str]] = defaultdict(set)
    for terms in list(gaz.office_holders.values()):
        for term in terms:
            for form in (term.name, *term.aliases):
                words = person_key_words(form)
                if len(words) >= 3:
                    short["-".join(words[-2:])].add(term.entity_id)
    grouped = _group_terms(gaz)
    for key, people in short.items():
        if len(people) != 1 or key in gaz.office_holders:
            continue
        (entity_id,) = people
        gaz.office_holders[key] = list(grouped[entity_id])


def _group_terms(gaz: Gazetteer) -> dict[str, list[OfficeHolder]]:
    grouped: dict[str, list[OfficeHolder]] = defaultdict(list)
    for terms in gaz.office_holders.values():
        for term in terms:
            if term not in grouped[term.entity_id]:
                grouped[term.entity_id].append(term)
    return grouped


def _dedupe_aliases(rows: Iterable[AliasRow]) -> list[AliasRow]:
    seen: set[tuple[str, str]] = set()
    out: list[AliasRow] = []
    for row in rows:
        key = (row.alias_text, row.entity_id)
        if row.entity_id and key not in seen:
            seen.add(key)
            out.append(row)
    return out


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer from ``etl/data`` (once per process)."""
    gaz = Gazetteer()
    _load_countries(gaz)
    _load_organizations(gaz)
    _load_regions(gaz)
    _load_roles(gaz)
    _load_office_holders(gaz)
    gaz._aliases = _dedupe_aliases(gaz._aliases)
    gaz.key_prefixes = frozenset(k[:n] for k in gaz.index for n in range(1, len(k) + 1))
    gaz.role_key_prefixes = frozenset(k[:n] for k in gaz.roles for n in range(1, len(k) + 1))
    return gaz
