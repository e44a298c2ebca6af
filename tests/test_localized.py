"""A scenario's own texts in English and French: `title: {en: ..., fr: ...}`, `languages: [en, fr]`, text_in."""

import json
import pickle
import re

import pytest
import yaml

from game import __version__
from game.agents import agents_for, chosen_names
from game.engine import Game, log, outcome, play
from game.scenario import check_bytes
from game.scenario.catalogue import bundled_dir, bundled_ids, check
from game.scenario.localized import Localized, text_in

TUTORIAL = (bundled_dir() / "tutorial.yaml").read_text(encoding="utf-8")
MISSING_FRENCH = "no French for this text"


def _english_only(text: str) -> str:
    """The scenario as it was before its translations: every {en: ..., fr: ...} is its English again, no languages."""
    data = yaml.safe_load(text)

    def strip(value):
        if isinstance(value, dict) and set(value) == {"en", "fr"}:
            return value["en"]
        if isinstance(value, dict):
            return {key: strip(item) for key, item in value.items() if key != "option_labels"}
        if isinstance(value, list):
            return [strip(item) for item in value]
        return value

    plain = strip(data)
    del plain["languages"]
    return yaml.safe_dump(plain, allow_unicode=True, sort_keys=False)


def _problems(text: str, name: str = "my.yaml"):
    return check_bytes(text.encode("utf-8"), name).problems


@pytest.mark.parametrize("scenario_id", bundled_ids())
def test_every_bundled_scenario_declares_french_and_lacks_none(scenario_id):
    checked = check(scenario_id)
    assert checked.errors == ()
    assert checked.scenario.languages == ("en", "fr")
    assert not [str(w) for w in checked.warnings if "French" in w.message]


@pytest.mark.parametrize("scenario_id", bundled_ids())
def test_every_text_a_player_reads_has_its_french(scenario_id):
    s = check(scenario_id).scenario
    texts = [s.title, s.summary, *s.objectives, *(item.text for item in s.history)]
    texts += [ally.name for ally in s.allies] + [leader.title for leader in s.leaders]
    texts += [issue.label for issue in s.issues] + [issue.help for issue in s.issues]
    texts += [issue.option_label(option) for issue in s.issues if not issue.is_range for option in issue.options]
    texts += [event.label for event in s.events] + [event.text for event in s.events]
    texts += [p.why.text for leader in s.leaders for p in leader.positions.values() if p.why]
    for text in texts:
        assert isinstance(text, Localized) and text_in(text, "fr") != "", text
        assert text_in(text, "en") == str(text)   # the English is the string itself


def test_the_french_is_french_and_keeps_nato_terms():
    s = check("rutte_washington_2025").scenario
    assert text_in(s.title, "fr") == "Rutte à Washington"
    assert text_in(s.leader("rutte").title, "fr") == "Secrétaire général de l'OTAN"
    assert text_in(s.ally("spain").name, "fr") == "Espagne"
    assert text_in(s.leader("frederiksen").title, "fr") == "Première ministre du Danemark"
    assert text_in(s.issue("us_guarantee").option_label("conditional"), "fr") == "conditionnelle"
    summary = text_in(s.summary, "fr")
    assert "seuil de 2\u202f%" in summary and "Alliés" in summary
    # French typography: a narrow no-break space before % and ; and a no-break space before :
    assert not re.search(r" [%;:?!]", " ".join(text_in(t, "fr") for t in (s.summary, *s.objectives)))


def test_text_in_gives_the_english_where_there_is_no_french():
    assert text_in("Plain words", "fr") == "Plain words"
    assert text_in(None, "fr") is None
    both = Localized("Spain", {"fr": "Espagne"})
    assert (text_in(both, "fr"), text_in(both, "en")) == ("Espagne", "Spain")
    english_only = Localized("Side A")
    assert text_in(english_only, "fr") == "Side A"


def test_a_localized_text_is_its_english_for_every_reader_that_does_not_ask():
    spain = Localized("Spain", {"fr": "Espagne"})
    assert spain == "Spain" and hash(spain) == hash("Spain") and f"{spain}!" == "Spain!"
    assert json.dumps({"name": spain}) == '{"name": "Spain"}'
    copied = pickle.loads(pickle.dumps(spain))   # a game played in another process keeps the French
    assert copied.translations == {"en": "Spain", "fr": "Espagne"}


@pytest.mark.parametrize("scenario_id", ["tutorial", "rutte_washington_2025", "bucharest_2008"])
def test_translations_change_no_byte_of_a_games_log(scenario_id):
    translated = check(scenario_id).scenario
    plain_text = _english_only(translated.source_text)
    assert "fr:" not in plain_text and "Espagne" not in plain_text
    plain = check_bytes(plain_text.encode("utf-8"), f"{scenario_id}.yaml").scenario
    assert plain is not None
    for seed in (0, 1):
        lines = []
        for scenario in (translated, plain):
            game = Game(scenario, seed)
            state = play(game, agents_for(scenario))
            body = log.write(scenario.source_text, scenario.id, seed, chosen_names(scenario), __version__, state,
                             outcome(game, state))
            lines.append(body.splitlines()[1:])   # the header embeds each file's own text
        assert lines[0] == lines[1]


def test_a_scenario_in_english_alone_validates_without_a_word_about_languages():
    plain = _english_only(TUTORIAL).replace("id: tutorial", "id: plain")
    checked = check_bytes(plain.encode("utf-8"), "plain.yaml")
    assert checked.errors == () and checked.scenario.languages == ("en",)
    assert not [w for w in checked.warnings if "French" in w.message or "language" in w.message]
    declared_english = plain.replace("id: plain", "id: plain\nlanguages: [en]")
    assert not [w for w in _problems(declared_english, "plain.yaml") if "French" in w.message]


def test_a_text_without_its_french_is_one_located_warning():
    text = TUTORIAL.replace('  fr: "Tutoriel\u00a0: cinq à la table"\n', "")
    assert text != TUTORIAL
    warnings = [p for p in _problems(text) if MISSING_FRENCH in p.message]
    line = text.splitlines().index("title:") + 1
    assert [(w.line, w.column, w.path, w.severity) for w in warnings] == [(line, 1, "title", "warning")]
    assert str(warnings[0]).startswith(f"my.yaml:{line}:1: title: warning: no French for this text")
    # a text written as a plain string: where the string stands
    text = TUTORIAL.replace('    label:\n      en: Deadline\n      fr: "Échéance"\n', "    label: Deadline\n")
    assert text != TUTORIAL
    (warning,) = [p for p in _problems(text) if MISSING_FRENCH in p.message]
    assert (warning.line, warning.column, warning.path) == (text.splitlines().index("    label: Deadline") + 1, 12,
                                                            "issues[1].label")
    # and an option given as its id, without French words
    text = TUTORIAL.replace('      conditional: {en: conditional, fr: "conditionnelle"}\n', "")
    assert text != TUTORIAL
    (warning,) = [p for p in _problems(text) if "shown by its id" in p.message]
    assert warning.path == "issues[2].options[1]" and "option_labels" in warning.message


def test_an_unknown_language_is_an_error_at_its_key():
    text = TUTORIAL.replace('  fr: "Tutoriel\u00a0: cinq à la table"', '  fre: "Tutoriel"')
    (error,) = [p for p in _problems(text) if p.severity == "error"]
    line = text.splitlines().index('  fre: "Tutoriel"') + 1
    assert (error.line, error.column, error.path) == (line, 3, "title.fre")
    assert "unknown language 'fre'" in error.message and "did you mean 'fr'?" in error.message


def test_a_mapping_without_english_is_an_error_at_its_line():
    text = TUTORIAL.replace('  en: "Tutorial: five at the table"\n', "")
    (error,) = [p for p in _problems(text) if p.severity == "error"]
    line = text.splitlines().index("title:") + 2   # the mapping under title:
    assert (error.line, error.path) == (line, "title.en") and "needs its English under 'en'" in error.message


def test_languages_must_include_english_and_name_known_ones():
    for declared, says in (("[fr]", "every scenario is written in English"), ("[en, de]", "expected 'en' or 'fr'"),
                           ("[en, fr, fr]", "at most 2 items")):
        text = TUTORIAL.replace("languages: [en, fr]", f"languages: {declared}")
        errors = [p for p in _problems(text) if p.severity == "error"]
        assert len(errors) == 1 and errors[0].path.startswith("languages") and says in errors[0].message, errors


def test_option_labels_name_options_of_their_issue():
    text = TUTORIAL.replace("    reduced: {en: reduced,", "    reduce: {en: reduced,")
    (error,) = [p for p in _problems(text) if p.severity == "error"]
    assert error.path == "issues[2].option_labels.reduce" and "did you mean 'reduced'?" in error.message


def test_a_translation_may_run_to_paragraphs_only_where_its_english_may():
    text = TUTORIAL.replace('  fr: "Tutoriel\u00a0: cinq à la table"', '  fr: "Tutoriel\\n: cinq"')
    (error,) = [p for p in _problems(text) if p.severity == "error"]
    assert error.path == "title.fr" and "control character" in error.message


def test_a_list_of_saves_reads_the_title_of_a_translated_scenario_without_loading_it():
    from game.scenario.localized import peek_title
    assert peek_title(TUTORIAL) == "Tutorial: five at the table"
    assert peek_title(TUTORIAL, "fr") == "Tutoriel\u00a0: cinq à la table"
    assert peek_title('id: x\ntitle: "Plain: words"  # a comment\n') == "Plain: words"
    assert peek_title("title: {en: Wales 2014, fr: Pays de Galles 2014}\n", "fr") == "Pays de Galles 2014"
    assert peek_title("id: x\n") is None and peek_title("title: [unclosed\n") is None
