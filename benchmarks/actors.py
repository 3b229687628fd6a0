"""Who the synthetic stories are about: the gazetteer's countries and invented people with roles."""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.vocabulary import column, rows

# Invented people: first names and surnames from many regions, recombined at random.
FIRST_F = column("first_names_f.tsv", "word")
FIRST_M = column("first_names_m.tsv", "word")
SURNAMES = column("surnames.tsv", "word")
# (masculine, feminine) role phrases; {d}/{f} = demonym m./f. singular, {x} = other capital.
ROLES = tuple((r["masculine"], r["feminine"]) for r in rows("roles.tsv"))
ORGANIZATIONS = column("organizations.tsv", "name")

# Words of the country data's notes that mark a territory rather than a state.
_NOT_STATES = (
    "territoire",
    "outre-mer",
    "constitutif",
    "dépendance",
    "collectivité",
    "région",
    "département",
)


@dataclass(frozen=True)
class Country:
    """A country as running French text needs it: name with its article, demonyms, capital."""

    code: str
    name: str  # canonical French name, without article ("Mali", "États-Unis", "Israël")
    article: str  # "le", "la", "l'", "les" or "" (Israël, Cuba)
    dem: str  # masculine singular demonym ("malien")
    dem_f: str  # feminine singular ("malienne")
    dem_mp: str  # masculine plural ("maliens")
    dem_fp: str  # feminine plural ("maliennes")
    capital: str

    @property
    def the(self) -> str:
        """Subject/object form: "le Mali", "l'Algérie", "les États-Unis", "Israël"."""
        if self.article == "l'":
            return f"l'{self.name}"
        return f"{self.article} {self.name}" if self.article else self.name

    @property
    def of(self) -> str:
        """After "de": "du Mali", "de la France", "de l'Algérie", "des États-Unis", "d'Israël"."""
        if self.article == "le":
            return f"du {self.name}"
        if self.article == "les":
            return f"des {self.name}"
        if self.article:
            return f"de {self.the}"
        return f"d'{self.name}" if _starts_with_vowel(self.name) else f"de {self.name}"

    @property
    def to(self) -> str:
        """After "à": "au Mali", "à la France", "aux États-Unis", "à Israël"."""
        if self.article == "le":
            return f"au {self.name}"
        if self.article == "les":
            return f"aux {self.name}"
        return f"à {self.the}"


def _starts_with_vowel(word: str) -> bool:
    return word[:1].lower() in "aeiouyhàâéèêëîïôöûüœ"


def _demonyms(forms: list[str]) -> tuple[str, str, str, str] | None:
    """(m. sg, f. sg, m. pl, f. pl) from a country's listed demonym forms, or None."""
    if not forms:
        return None
    m = forms[0]
    f = next((x for x in forms[1:] if x.endswith("e") and x.startswith(m[:3])), None)
    if f is None:
        if not m.endswith("e"):
            return None
        f = m
    mp = m if m.endswith(("s", "x")) else m + "s"
    return m, f, mp, f + "s"


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def load_countries() -> list[Country]:
    """Countries of the gazetteer that have an article, a demonym and a capital in the data."""
    from etl.transforms import reference
    from etl.transforms.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    by_code = {r["alpha3"]: r for r in reference.rows("countries_fr.tsv")}
    out: list[Country] = []
    for entity in gaz.entities.values():
        if entity.entity_type != "country" or not entity.country_code:
            continue
        row = by_code.get(entity.country_code)
        if row is None or not row["capital"] or not row["region"]:
            continue
        if any(w in row["notes"].lower() for w in _NOT_STATES):
            continue
        article = row["article"].strip()
        name = entity.canonical_name
        if article not in ("le", "la", "l'", "les", "") or name.split(" ")[0] in ("La", "Le"):
            continue
        dems = _demonyms([d for d in row["demonyms"].split("|") if d])
        if dems is None:
            continue
        capital = row["capital"].split("|")[0].strip()
        out.append(Country(entity.country_code, name, article, *dems, capital))
    out.sort(key=lambda c: c.code)
    return out


def person_fields(rng: random.Random, country: Country, other: Country) -> dict[str, str]:
    """An invented official of ``country``: the template fields of one person (see corpus)."""
    female = rng.random() < 0.35
    p = Person(rng.choice(FIRST_F if female else FIRST_M), rng.choice(SURNAMES), female)
    role = rng.choice(ROLES)[1 if female else 0].format(
        d=country.dem, f=country.dem_f, x=other.capital
    )
    full = f"{role} {p.name}"
    # As a subject the apposition is closed by a comma: "le ministre malien, X, a déclaré".
    intro = f"{role}, {p.name}," if rng.random() < 0.7 else full
    return {"": intro, "_full": full, "_name": p.name, "_last": p.last, "_e": "e" if female else ""}
