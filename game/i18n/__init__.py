"""Summit in English and French: the language of what a person reads (`language`, `using`, chosen by
--lang, else the environment's locale, else English), the gettext catalogues of the domain `summit`
(game/locale/LANG/LC_MESSAGES/summit.po and .mo) read through `_`, `ngettext` and the lazy marker `N_`,
messages made before the language is known and translated where they are shown (`msg`,
`localize`), the system's reasons for an OSError (system.py), numbers, percentages and dates as CLDR writes them in the language (Babel), and country names from CLDR
with the French article, contractions and prepositions each name needs (countries.py).

What is never translated: JSON keys, CSV columns, ids and log keys; a game's log is the same bytes in every
language. Translating is done at the edge, where a text is shown: the engine stores numbers, not text.

May import: nothing of Summit's (the standard library and Babel only). Any part may import it.

Public names: LANGUAGES, language, set_language, using, from_environment, parse_language, _, gettext,
catalogued (a text marked for the catalogue elsewhere), ngettext, N_, LazyText, Message, msg, nmsg, joined, localize, number, general, percent, date, Figure, country_name,
country_forms, CountryForms, reason_of and system_words (an OSError's reason), error_text (any error's).
"""

from .catalogue import (LANGUAGES, LazyText, N_, _, catalogued, from_environment, gettext, language, ngettext,
                        parse_language, set_language, using)
from .countries import CountryForms, country_forms, country_name
from .formats import Figure, date, general, number, percent
from .message import Message, joined, localize, msg, nmsg
from .system import error_text, reason_of, system_words

__all__ = ["LANGUAGES", "LazyText", "N_", "_", "catalogued", "from_environment", "gettext", "language", "ngettext",
           "parse_language", "set_language", "using", "CountryForms", "country_forms", "country_name", "date",
           "Figure", "general", "number", "percent", "Message", "joined", "localize", "msg", "nmsg",
           "error_text", "reason_of", "system_words"]
