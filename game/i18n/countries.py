"""Country names in the language of the text, and the forms a French sentence needs around them.

Names come from CLDR through Babel (`Locale('fr').territories`, keyed by ISO 3166-1 alpha-2), reached from the
alpha-3 codes scenarios use through iso3166_alpha.csv (Debian's iso-codes; tools/make_country_codes.py). In
English a country keeps the name its scenario gives it, so English text is as the scenario wrote it. A code
CLDR does not know (a scenario's made-up XAA) keeps the scenario's name in every language.

French puts an article before a country's name and contracts it with de and à: "la France", "l'Espagne",
"le Canada", "les Pays-Bas"; "du Canada", "des États-Unis"; "au Portugal", "aux États-Unis", "en France".
Which article a name takes (its gender, its number, and whether it elides: "la Hongrie", with an aspirated
h, does not) is no rule a program can guess, so FRENCH holds it for each ally, written by hand. A sentence
template names the form it needs: {country} the bare name, {country_the} with its article ({country_The} at
the start of a sentence), {country_of} after a noun ("le budget de la France"), {country_to} after a verb
taking à ("promet à la France") and {country_in} for where ("en France", "au Canada").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .catalogue import language

_CODES = Path(__file__).resolve().parent / "iso3166_alpha.csv"


@dataclass(frozen=True)
class French:
    """How French writes one country: its gender ('m' or 'f'), whether it is plural, its definite article as
    written before the name ('le', 'la', "l'" or 'les') and the preposition for 'in' ('en', 'au' or 'aux')."""

    gender: str
    plural: bool
    article: str
    in_: str


_F, _M = "f", "m"
FRENCH: dict[str, French] = {
    "ALB": French(_F, False, "l'", "en"),   # l'Albanie
    "BEL": French(_F, False, "la", "en"),   # la Belgique
    "BGR": French(_F, False, "la", "en"),   # la Bulgarie
    "CAN": French(_M, False, "le", "au"),   # le Canada
    "CZE": French(_F, False, "la", "en"),   # la Tchéquie
    "DEU": French(_F, False, "l'", "en"),   # l'Allemagne
    "DNK": French(_M, False, "le", "au"),   # le Danemark
    "ESP": French(_F, False, "l'", "en"),   # l'Espagne
    "EST": French(_F, False, "l'", "en"),   # l'Estonie
    "FIN": French(_F, False, "la", "en"),   # la Finlande
    "FRA": French(_F, False, "la", "en"),   # la France
    "GBR": French(_M, False, "le", "au"),   # le Royaume-Uni
    "GRC": French(_F, False, "la", "en"),   # la Grèce
    "HRV": French(_F, False, "la", "en"),   # la Croatie
    "HUN": French(_F, False, "la", "en"),   # la Hongrie: an aspirated h, no elision
    "ISL": French(_F, False, "l'", "en"),   # l'Islande
    "ITA": French(_F, False, "l'", "en"),   # l'Italie
    "LTU": French(_F, False, "la", "en"),   # la Lituanie
    "LUX": French(_M, False, "le", "au"),   # le Luxembourg
    "LVA": French(_F, False, "la", "en"),   # la Lettonie
    "MKD": French(_F, False, "la", "en"),   # la Macédoine du Nord
    "MNE": French(_M, False, "le", "au"),   # le Monténégro
    "NLD": French(_M, True, "les", "aux"),  # les Pays-Bas
    "NOR": French(_F, False, "la", "en"),   # la Norvège
    "POL": French(_F, False, "la", "en"),   # la Pologne
    "PRT": French(_M, False, "le", "au"),   # le Portugal
    "ROU": French(_F, False, "la", "en"),   # la Roumanie
    "SVK": French(_F, False, "la", "en"),   # la Slovaquie
    "SVN": French(_F, False, "la", "en"),   # la Slovénie
    "SWE": French(_F, False, "la", "en"),   # la Suède
    "TUR": French(_F, False, "la", "en"),   # la Turquie
    "USA": French(_M, True, "les", "aux"),  # les États-Unis
    "UKR": French(_F, False, "l'", "en"),   # l'Ukraine (a partner, named in the issues)
}

# à and de before each article: "à le" and "de le" contract, as do "à les" and "de les".
_TO = {"le": "au ", "la": "à la ", "l'": "à l'", "les": "aux "}
_OF = {"le": "du ", "la": "de la ", "l'": "de l'", "les": "des "}


@lru_cache(maxsize=1)
def _alpha_2() -> dict[str, str]:
    with _CODES.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["alpha_3"]: row["alpha_2"] for row in rows}


def country_name(iso3: str, name: str) -> str:
    """The name of the country with alpha-3 code `iso3` in the current language: in English `name` (the
    scenario's), in French CLDR's ("Allemagne" for DEU), or `name` where CLDR has none."""
    if language() == "en":
        return name
    alpha_2 = _alpha_2().get(iso3)
    from babel import Locale   # here, not when `summit` starts

    return Locale.parse(language()).territories.get(alpha_2, name) if alpha_2 else name


@dataclass(frozen=True)
class CountryForms:
    """A country's name in every form a sentence template may ask for (see the module's docstring)."""

    country: str
    the: str
    of: str
    to: str
    in_: str

    def fields(self, prefix: str = "country") -> dict[str, str]:
        """The forms as a template's named fields: {country}, {country_the}, {country_The}, {country_of},
        {country_to}, {country_in} (another prefix for a second country in the same sentence)."""
        return {prefix: self.country, f"{prefix}_the": self.the, f"{prefix}_The": self.the[:1].upper() + self.the[1:],
                f"{prefix}_of": self.of, f"{prefix}_to": self.to, f"{prefix}_in": self.in_}


def _elides(word: str) -> bool:
    return word[:1].lower() in "aàâeéèêëiîïoôuûüy"


def country_forms(iso3: str, name: str) -> CountryForms:
    """The forms of a country's name in the current language. A French name without an entry in FRENCH (a
    made-up country) takes no article, as a city's name does: "de Side A", "à Side A"."""
    shown = country_name(iso3, name)
    if language() == "en":
        return CountryForms(shown, shown, f"of {shown}", f"to {shown}", f"in {shown}")
    french = FRENCH.get(iso3) if _alpha_2().get(iso3) else None
    if french is None:
        of = ("d'" if _elides(shown) else "de ") + shown
        return CountryForms(shown, shown, of, f"à {shown}", f"à {shown}")
    the = french.article + ("" if french.article == "l'" else " ") + shown
    return CountryForms(shown, the, _OF[french.article] + shown, _TO[french.article] + shown,
                        f"{french.in_} {shown}")
