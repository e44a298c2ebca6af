"""Summit in English and French (game/i18n): the catalogue is whole and compiled, --lang and the locale choose
the language, the command line and the validator speak French when asked, numbers are written as CLDR writes
them, country names take the right French article, and a game's log and JSON are the same bytes in both."""

from __future__ import annotations

import io
import pickle
import string
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from game import i18n
from game.cli import main
from game.cli.parser import _parser
from game.i18n.countries import FRENCH

from cli_support import cli

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "game" / "locale"
FRENCH_PO = LOCALE / "fr" / "LC_MESSAGES" / "summit.po"
FRENCH_MO = LOCALE / "fr" / "LC_MESSAGES" / "summit.mo"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "msg": None, "nmsg": (1, 2),
            "worded": None, "voiced": None, "nvoiced": (1, 2)}   # the Makefile's
CORPUS = ROOT / "tests" / "corpus"
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def french():
    with FRENCH_PO.open("rb") as handle:
        return read_po(handle)


def _fields(text: str) -> set:
    """The named fields of a str.format template and the %-style ones of argparse's words."""
    import re

    # A country's French forms ({country_the}, {country_of}, ...) stand for the English {country}, as does
    # English's possessive ({country_s}: "Spain's") in an agent's sentence (game/engine/said.py), and a
    # file's ({kind_a}: "une sauvegarde", game/play/save_file.py) for {kind}.
    found = {(re.sub(r"_(the|The|of|to|in|s|a)$", "", name), spec, conversion)
             for _, name, spec, conversion in string.Formatter().parse(text) if name}
    return found | set(re.findall(r"%\(\w+\)[sr]|%[sr]", text))


def test_every_message_has_a_french_translation_with_the_same_fields(french):
    untranslated, fuzzy, unlike = [], [], []
    for message in french:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(forms) or len(forms) != (french.num_plurals if message.pluralizable else 1):
            untranslated.append(ids[0])
        if message.fuzzy:
            fuzzy.append(ids[0])
        if any(_fields(form) != _fields(ids[-1 if n else 0]) for n, form in enumerate(forms) if form):
            unlike.append(ids[0])
    assert not untranslated, f"messages without a French translation (make messages, then translate): {untranslated}"
    assert not fuzzy, f"fuzzy translations (check them, then remove the flag): {fuzzy}"
    assert not unlike, f"translations whose fields differ from the English: {unlike}"


def test_the_catalogue_holds_every_text_the_code_marks(french):
    """A text marked in the code but missing from the .po would stay English: `make messages` was not run."""
    marked = {message if isinstance(message, str) else message[0]
              for _, _, message, _, _ in extract_from_dir(str(ROOT / "game"), method_map=[("**.py", "python")],
                                                          keywords=KEYWORDS)}
    in_catalogue = {message.id if isinstance(message.id, str) else message.id[0] for message in french if message.id}
    missing = sorted(marked - in_catalogue)
    assert not missing, f"marked in game/ but not in {FRENCH_PO.relative_to(ROOT)} (run make messages): {missing[:10]}"


def test_the_committed_mo_is_the_compiled_po(french):
    compiled = io.BytesIO()
    write_mo(compiled, french)
    assert compiled.getvalue() == FRENCH_MO.read_bytes(), "summit.mo is out of date: run make messages"


def test_french_plural_forms_follow_cldr():
    with i18n.using("fr"):
        assert i18n.ngettext("{count} error", "{count} errors", 0).format(count=0) == "0 erreur"
        assert i18n.ngettext("{count} error", "{count} errors", 1).format(count=1) == "1 erreur"
        assert i18n.ngettext("{count} error", "{count} errors", 2).format(count=2) == "2 erreurs"
    with i18n.using("en"):
        assert i18n.ngettext("{count} error", "{count} errors", 0).format(count=0) == "0 errors"


def test_validate_in_french_keeps_the_location_and_exits_2(capsys):
    broken = str(CORPUS / "bad_iso3.yaml")
    code, out, err = cli(capsys, "validate", broken, "--lang", "fr")
    english_code, english_out, english_err = cli(capsys, "validate", broken, "--lang", "en")
    assert code == english_code == 2
    french_line, english_line = err.strip(), english_err.strip()
    prefix = f"{broken}:17:38: allies[1].iso3: "
    assert english_line == prefix + "expected three capital letters (ISO 3166 alpha-3), found 'pol'"
    assert french_line == prefix + "trois lettres capitales attendues (ISO 3166 alpha-3), trouvé 'pol'"
    assert out == f"{broken}{NBSP}: 1 erreur\n" and english_out == f"{broken}: 1 error\n"


def test_validate_in_french_words_warnings_and_verdicts_with_their_plurals(capsys):
    warned = str(CORPUS / "event_round_never_comes.yaml")
    code, out, err = cli(capsys, "--lang", "fr", "validate", warned)   # --lang before the subcommand too
    assert code == 0
    assert err == (f"{warned}:60:51: events[1].round: avertissement{NBSP}: l'événement 'post' ne se déclenche jamais"
                   f"{NBSP}: le tour 9 n'arrive jamais (le scénario a 4 tours)\n")
    assert out == (f"{warned}{NBSP}: valide (Mini{NBSP}: 3 Alliés, 4 dirigeants, 3 questions{NNBSP}; 1 avertissement)\n")
    code, _, err = cli(capsys, "validate", warned, "--strict", "--lang=fr")
    assert code == 2 and "avertissement" in err


def test_the_validator_reads_its_findings_in_english_whatever_the_language(capsys):
    """The checks recognise the knock-on errors of an item they cut out by its English words: in French the
    same problems are found, at the same places, and every one of them is worded in French."""
    for path in sorted(CORPUS.glob("*.yaml")):
        _, _, english = cli(capsys, "validate", str(path), "--lang", "en")
        _, _, french = cli(capsys, "validate", str(path), "--lang", "fr")
        where = [line.split(": ", 2)[:2] for line in english.splitlines()]
        assert [line.split(": ", 2)[:2] for line in french.splitlines()] == where, path.name
        still_english = [line for line in french.splitlines() if line in english.splitlines()]
        assert not still_english, f"{path.name}: not translated: {still_english}"


def test_a_bad_language_is_one_line_and_exit_2(capsys):
    for args in (["--lang", "de", "run", "tutorial"], ["validate", "x.yaml", "--lang=klingon"], ["--lang", ""]):
        code, out, err = cli(capsys, *args)
        assert code == 2 and out == "" and len(err.splitlines()) == 1, args
        assert "--lang" in err and "en or fr" in err


def test_every_subcommand_accepts_lang_and_its_french_help_prints(capsys):
    commands = _parser()._subparsers._group_actions[0].choices
    for command in commands:
        code, out, _ = cli(capsys, command, "--help", "--lang", "fr")
        assert code == 0 and "affiche ce message d'aide et quitte" in out, command
    code, out, _ = cli(capsys, "--help", "--lang", "fr")
    assert "Summit : un jeu de négociation" in out.replace(NBSP, " ")


def test_the_locale_chooses_the_language_and_lang_overrides_it(capsys, monkeypatch):
    assert i18n.from_environment({"LANG": "fr_CA.UTF-8"}) == "fr"
    assert i18n.from_environment({"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}) == "en"
    assert i18n.from_environment({"LC_MESSAGES": "fr_BE", "LANG": "de_DE"}) == "fr"
    assert i18n.from_environment({}) == "en"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert cli(capsys, "run", "no_such_scenario")[2].startswith(f"summit{NBSP}: no_such_scenario{NBSP}: aucun fichier")
    assert cli(capsys, "run", "no_such_scenario", "--lang", "en")[2].startswith("summit: no_such_scenario: no such")
    assert i18n.language() == "en"   # the command's language ends with the command


def test_a_games_log_and_json_are_the_same_bytes_in_both_languages(capsys, tmp_path):
    runs = {}
    for language in ("en", "fr"):
        log = tmp_path / f"{language}.jsonl"
        code, out, _ = cli(capsys, "run", "tutorial", "--seed", "3", "--json", "--log", str(log), "--lang", language)
        assert code == 0
        runs[language] = (out, log.read_bytes())
    assert runs["fr"] == runs["en"]


def test_numbers_and_percentages_as_cldr_writes_them():
    with i18n.using("fr"):
        assert i18n.number(1416) == f"1{NNBSP}416"
        assert i18n.number(1234567.891, 2) == f"1{NNBSP}234{NNBSP}567,89"
        assert i18n.percent(3.5) == f"3,5{NBSP}%"
        assert i18n.percent(5, 0) == f"5{NBSP}%"
        assert i18n.date(__import__("datetime").date(2025, 6, 25)) == "25 juin 2025"
    with i18n.using("en"):
        assert (i18n.number(1416), i18n.percent(3.5), i18n.percent(5, 0)) == ("1,416", "3.5%", "5%")
    for value in (2.45, 2.25, 0.05, 3.14159, 1e-9):   # the digits Python's own format gives, in both languages
        with i18n.using("en"):
            english = i18n.percent(value)
        with i18n.using("fr"):
            assert i18n.percent(value) == english.replace(".", ",").replace("%", f"{NBSP}%")
        assert english == f"{value:.1f}%"


def test_a_message_is_english_text_and_is_written_in_the_language_shown():
    found = i18n.msg("unknown source {source!r}", source="nato") + i18n.msg(" (did you mean {close!r}?)", close="ntao")
    assert found == "unknown source 'nato' (did you mean 'ntao'?)"
    with i18n.using("fr"):
        assert i18n.localize(found) == f"source inconnue 'nato' (vouliez-vous dire 'ntao'{NNBSP}?)"
        assert i18n.localize(pickle.loads(pickle.dumps(found))) == i18n.localize(found)
        assert i18n.localize(found.map_fields(str.upper)) == f"source inconnue 'NATO' (vouliez-vous dire 'NTAO'{NNBSP}?)"
        big = i18n.msg("file is {size} bytes; the limit is {limit} (1 MiB)", size=i18n.Figure(2_000_000),
                       limit=i18n.Figure(1_048_576))
        assert i18n.localize(big) == f"le fichier fait 2{NNBSP}000{NNBSP}000 octets{NNBSP}; la limite est 1{NNBSP}048{NNBSP}576 (1 Mio)"
    assert i18n.localize(big) == "file is 2,000,000 bytes; the limit is 1,048,576 (1 MiB)"


# --- Country names and their French articles --------------------------------------------------------------------

def _bundled_allies() -> list[tuple[str, str]]:
    allies = set()
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        for ally in yaml.safe_load(path.read_text(encoding="utf-8")).get("allies", []):
            name = ally["name"]   # a name may be written in each language ({en: ..., fr: ...}): the English
            allies.add((ally["iso3"], name["en"] if isinstance(name, dict) else name))
    return sorted(allies)


ALLIES = _bundled_allies()
VOWELS = tuple("AEIOUYÉÈÊÎÔÛÂ")
USER_ASSIGNED = tuple(f"X{letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")   # ISO 3166's XAA-XZZ: made up


def test_every_real_ally_of_every_bundled_scenario_has_its_french_forms():
    real = [iso3 for iso3, _ in ALLIES if not iso3.startswith(USER_ASSIGNED)]
    assert len(real) >= 32 and not [iso3 for iso3 in real if iso3 not in FRENCH]


@pytest.mark.parametrize("iso3, name", ALLIES)
def test_articles_and_elision_in_sentence_templates(iso3, name):
    with i18n.using("fr"):
        forms = i18n.country_forms(iso3, name)
        shown, cldr = forms.country, i18n.country_name(iso3, name)
        fields = forms.fields()
        sentences = ["{country_The} s'engage à 3,5 % du PIB d'ici 2035.".format(**fields),
                     "Le budget de défense {country_of} progresse.".format(**fields),
                     "Le Secrétaire général écrit {country_to}.".format(**fields),
                     "Le prochain Sommet se tient {country_in}.".format(**fields)]
    wrong = ("de le ", "à le ", "de les ", "à les ", "le l'", "la l'", "de la l'", " en les ", " en le ", "  ")
    assert not [sentence for sentence in sentences if any(bad in sentence for bad in wrong)], sentences
    if iso3.startswith(USER_ASSIGNED):   # a made-up country keeps its scenario's name and takes no article
        assert shown == name and sentences[0].startswith(name)
        return
    french = FRENCH[iso3]
    assert shown == cldr and (shown != name or iso3 in {"CAN", "FRA", "LUX", "PRT"})   # CLDR's French name
    if french.plural:
        assert (french.article, french.in_) == ("les", "aux")
        assert fields["country_of"] == "des " + shown and fields["country_to"] == "aux " + shown
    elif shown.startswith(VOWELS):
        assert french.article == "l'" and fields["country_the"] == "l'" + shown and fields["country_of"] == "de l'" + shown
        assert french.in_ == "en"   # en Espagne, en Iran: a name that starts with a vowel
    else:
        assert french.article == ("le" if french.gender == "m" else "la")
        assert french.in_ == ("au" if french.gender == "m" else "en")
        assert fields["country_of"] == ("du " if french.gender == "m" else "de la ") + shown


def test_the_forms_a_french_reader_expects():
    expected = {"ESP": ("l'Espagne", "en Espagne"), "CAN": ("le Canada", "au Canada"), "NLD": ("les Pays-Bas", "aux Pays-Bas"),
                "PRT": ("le Portugal", "au Portugal"), "USA": ("les États-Unis", "aux États-Unis"),
                "FRA": ("la France", "en France"), "HUN": ("la Hongrie", "en Hongrie"),
                "DEU": ("l'Allemagne", "en Allemagne"), "GBR": ("le Royaume-Uni", "au Royaume-Uni"),
                "MKD": ("la Macédoine du Nord", "en Macédoine du Nord")}
    with i18n.using("fr"):
        for iso3, (the, where) in expected.items():
            forms = i18n.country_forms(iso3, "English name")
            assert (forms.the, forms.in_) == (the, where), iso3
        assert i18n.country_forms("USA", "x").fields()["country_The"] == "Les États-Unis"
        assert i18n.country_forms("XAA", "Side A").of == "de Side A"
    with i18n.using("en"):   # English keeps the scenario's own name
        assert i18n.country_name("USA", "United States") == "United States"
