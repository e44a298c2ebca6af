"""The agents' reasons in French (game/engine/said.py, narrate.shown_reason): each built-in agent's reason is a
sentence template with its fields, kept in the log beside the English, and a French account writes it in French
with the English account's numbers and each country with its article; the English stays byte for byte; a
reason given as plain text (a user's agent's, an old log's) is quoted as given."""

from __future__ import annotations

import json
import pickle
import re

import pytest
from babel.messages.pofile import read_po
from cli_support import cli

from game import i18n
from game.agents import agents_for
from game.engine import Game, Pass, Statement, action_from_json, play
from game.engine.narrate import shown_reason, shown_text, tell, tell_action
from game.engine.said import COMMA, OR, Country, Joined, Label, Percent, Said, Term, Value, nvoiced, voiced
from game.scenario.catalogue import bundled_ids, check

from test_i18n import FRENCH_PO

RUTTE_OLD_LOG = __import__("pathlib").Path(__file__).resolve().parent / "fixtures" / "debrief_rutte.jsonl"

# Words of the English templates that no French reason may contain
ENGLISH = ("cannot accept", " wants ", "Nothing to add", "The draft", "good enough", "no deal", "expects to go",
           " core ", "deadline", "allies", "pledged", "spends", "Stands with", "will never accept", "A later",
           "matters most", "To meet the objections", "the chair expects", "United States", "Keeping", "offer",
           "can accept", "too soon", "doubts", "Has said", "alongside", "not enough", "in answer to", "free riders")


def _reasons(account: str) -> list[str]:
    """The reason of every move of a verbose account: what follows the move's dash (or its statement's colon),
    without the French guillemets."""
    found = []
    for line in account.splitlines():
        if not line.startswith("  ["):
            continue
        parts = re.split(r' - |: "| — « |\u00a0: « ', line, maxsplit=1)
        if len(parts) == 2:
            found.append(parts[1].removesuffix(" »").removesuffix('"'))
    return found


def _numbers(text: str) -> list[float]:
    """Every number of a text, in either language's form ("3.6%", "3,6 %", "94/100")."""
    text = text.replace("\u202f", "").replace("\u00a0", " ")
    return sorted(float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", text))


@pytest.fixture(scope="module")
def rutte_accounts():
    from cli_support import captured
    shown = {}
    for lang in ("en", "fr"):
        code, out, err = captured("run", "rutte_washington_2025", "--seed", "0", "--verbose", "--lang", lang)
        assert code == 0 and err == ""
        shown[lang] = out
    return shown


def test_a_french_account_of_a_rutte_game_gives_every_reason_in_french_with_the_english_numbers(rutte_accounts):
    english, french = _reasons(rutte_accounts["en"]), _reasons(rutte_accounts["fr"])
    assert len(english) == len(french) > 500
    assert sum(any(words in reason for reason in english) for words in ENGLISH) >= 20   # this game's words
    for words in ENGLISH:
        leaked = [reason for reason in french if words in reason]
        assert not leaked, (words, leaked[:2])
    for en, fr in zip(english, french):
        assert _numbers(en) == _numbers(fr), (en, fr)
    assert "Some reasons are quoted" not in rutte_accounts["fr"]   # no reason left as given
    assert len(rutte_accounts["fr"].splitlines()) == len(rutte_accounts["en"].splitlines())
    # each country with its article, after its preposition
    assert any(r.startswith("3,6\u00a0% du PIB pour la défense de base d'ici 2032, c'est hors de portée de l'Espagne")
               for r in french)
    assert any("les dépenses de la Pologne devraient passer de 4,12\u00a0% aujourd'hui à 5,0\u00a0% d'ici 2032" in r
               for r in french)


def test_a_french_replay_of_a_logged_game_tells_the_reasons_in_french_and_the_english_as_the_log(capsys, tmp_path):
    log = tmp_path / "tutorial.jsonl"
    assert cli(capsys, "run", "tutorial", "--seed", "1", "--log", str(log), "--lang", "en")[0] == 0
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    actions = [line["action"] for line in lines if line["type"] == "action"]
    assert actions and all("said" in action and isinstance(action["reason"], str) for action in actions)
    code, english, _ = cli(capsys, "replay", str(log), "--verbose", "--lang", "en")
    assert code == 0
    assert [line for line in english.splitlines() if line.startswith("  [")] == \
        ["  [" + line["phase"] + "] " + line["text"] for line in lines if line["type"] == "action"]
    code, french, _ = cli(capsys, "replay", str(log), "--verbose", "--lang", "fr")
    assert code == 0
    reasons = _reasons(french)
    assert len(reasons) == len(actions)
    for words in ENGLISH:
        assert not [reason for reason in reasons if words in reason], words
    assert [_numbers(reason) for reason in reasons] == [_numbers(action["reason"]) for action in actions]


def test_a_log_from_before_the_templates_replays_with_its_english_reasons_quoted(capsys):
    first = json.loads(RUTTE_OLD_LOG.read_text(encoding="utf-8").splitlines()[1])
    assert "said" not in first["action"]
    action = action_from_json(first["action"])
    assert type(action.reason) is str and "said" not in action.to_json() and action.to_json() == first["action"]
    code, french, _ = cli(capsys, "replay", str(RUTTE_OLD_LOG), "--verbose", "--lang", "fr")
    assert code == 0
    assert "Some reasons are quoted" not in french   # the note is in French
    assert "Certaines raisons sont citées telles que leurs auteurs les ont données" in french
    assert "— « An opening package: more spending by Europe and Canada, a United States that stays. »" in french


def test_a_reason_given_as_plain_text_is_quoted_as_given_and_a_template_in_french():
    scenario = check("tutorial").scenario
    leader = next(leader for leader in scenario.leaders if leader.ally)
    with i18n.using("fr"):
        mine = tell_action(scenario, Pass(leader.id, "I will not move, whatever they say."), scenario.pen_holder_id)
        built = tell_action(scenario, Pass(leader.id, voiced("Accepts the draft.")), scenario.pen_holder_id)
        spoken = tell_action(scenario, Statement(leader.id, "We stand firm."), scenario.pen_holder_id)
    assert mine.endswith("— « I will not move, whatever they say. »")
    assert built.endswith("— « Accepte le projet. »")
    assert spoken.endswith("\u00a0: « We stand firm. »")
    with i18n.using("en"):
        assert tell_action(scenario, Pass(leader.id, voiced("Accepts the draft.")), None).endswith(" - Accepts the draft.")


def _ally_sentences(scenario, ally):
    me = Country.ally(ally)
    return {"carve": voiced("{me_The} cannot accept the carve-outs as drafted", me=me),
            "pledge": voiced("At the pace its budget and parliament allow, {me} expects to go from {now} today to "
                           "{level} by {year}.", me=me, now=Percent(1.5, 2), level=Percent(3.5, 1), year=2035),
            "gives": voiced("The draft gives {me_the} everything it asked for.", me=me),
            "many": voiced("slower paths for {allies}", allies=Joined((me, me), COMMA))}


def test_every_ally_of_every_bundled_scenario_takes_its_article_and_elision_in_french():
    """The forms come from game/i18n/countries.py's table: checked here in sentences, ally by ally."""
    seen = set()
    for scenario_id in bundled_ids():
        scenario = check(scenario_id).scenario
        for ally in scenario.allies:
            sentences = _ally_sentences(scenario, ally)
            with i18n.using("fr"):
                forms = i18n.country_forms(ally.iso3, shown_text(ally.name))
                shown = {key: shown_reason(scenario, value) for key, value in sentences.items()}
            assert shown["carve"] == f"Les dérogations telles que rédigées sont inacceptables pour {forms.the}"
            assert f"les dépenses {forms.of} devraient passer de 1,50\u00a0% aujourd'hui à 3,5\u00a0% d'ici 2035" \
                in shown["pledge"]
            assert shown["gives"] == f"Le projet donne {forms.to} tout ce qui était demandé."
            assert shown["many"] == f"Des trajectoires plus lentes pour {forms.the}, {forms.the}"
            for text in shown.values():
                assert not re.search(r"\b(de|à) (le|les)\b", text), text         # contracted: du, des, au, aux
                assert not re.search(r"\b(le|la|de) [AEIOUÉÈÂÎ]", text), text    # elided: l'Espagne, de l'Italie
                assert ally.name == forms.country or not re.search(rf"\b{re.escape(str(ally.name))}\b", text), text
            seen.add(ally.iso3)
    assert {"ESP", "USA", "CAN", "NLD", "HUN", "FRA"} <= seen
    with i18n.using("fr"):
        scenario = check("rutte_washington_2025").scenario
        told = {a.iso3: shown_reason(scenario, _ally_sentences(scenario, a)["gives"]) for a in scenario.allies}
    assert "aux États-Unis" in told["USA"] and "au Canada" in told["CAN"] and "à l'Espagne" in told["ESP"]
    assert "aux Pays-Bas" in told["NLD"] and "à la Hongrie" in told["HUN"]


def test_a_reason_keeps_its_english_exactly_and_its_template_through_the_log_and_a_pickle():
    scenario = check("rutte_washington_2025").scenario
    core, spain = scenario.issues[0], scenario.ally("ESP") if any(a.id == "ESP" for a in scenario.allies) else scenario.allies[0]
    stake = voiced("{me_The} wants {term}, not {value}", me=Country.ally(spain), term=Term.of(core, 3.5),
                 value=Value.of(core, 2.0))
    reason = nvoiced("{me_The} doubts the United States will honour {term}: it has broken {count} promise at this table",
                   "{me_The} doubts the United States will honour {term}: it has broken {count} promises at this table",
                   2, me=Country.ally(spain), term=Term.of(core, 3.5))
    for sentence in (voiced("{stake}; it will not settle for less.", stake=stake).capitalized(), reason,
                     voiced("{me_The} will never accept {issue}: {values}.", me=Country.ally(spain), issue=Label.of(core),
                          values=Joined((Value.of(core, 2.0), Value.of(core, 3.0)), OR))):
        action = Pass("x", sentence)
        data = json.loads(json.dumps(action.to_json()))
        assert data["reason"] == str(sentence) and data["said"]["template"] == sentence.template
        back = action_from_json(data)
        assert back.reason == sentence and back.to_json() == data
        assert pickle.loads(pickle.dumps(sentence)).to_json() == sentence.to_json()
        with i18n.using("en"):
            assert back.reason.shown(_english(scenario)) == str(sentence)
    assert "promises at this table" in reason
    with i18n.using("fr"):
        assert shown_reason(scenario, reason).endswith("ils ont rompu 2 promesses à cette table")


def _english(scenario):
    from game.engine.narrate import _Resolver
    return _Resolver(scenario)


@pytest.mark.parametrize("said_data, problem", [
    ({"template": "{me.__class__}"}, "may name fields only"),
    ({"template": "{x!r}"}, "may name fields only"),
    ({"template": "{x", "fields": {}}, "does not parse"),
    ({"template": "ok", "fields": {"x": {"ally": 3}}}, "not a sentence's field"),
    ({"template": "ok", "fields": {"x": {"percent": "3", "digits": 1}}}, "expected a number"),
    ({"template": "ok", "fields": {"x": 1.5}}, "not a sentence's field"),
    ({"template": "ok", "extra": 1}, "not a sentence template"),
])
def test_a_log_with_a_damaged_template_is_refused_with_what_is_wrong(said_data, problem):
    with pytest.raises(ValueError, match=re.escape(problem)):
        action_from_json({"kind": "pass", "actor": "x", "reason": "ok", "said": said_data})


def test_a_template_naming_what_the_scenario_lacks_shows_the_english_it_keeps():
    scenario = check("tutorial").scenario
    action = action_from_json({"kind": "pass", "actor": scenario.leaders[0].id, "reason": "Nowhere wants it.",
                               "said": {"template": "{me} wants it.", "fields": {"me": {"ally": "ATLANTIS"}}}})
    with i18n.using("fr"):
        assert shown_reason(scenario, action.reason) == "Nowhere wants it."


def test_the_bilateral_bargainers_reasons_in_french(capsys):
    code, french, _ = cli(capsys, "run", "split_the_pie", "--seed", "0", "--verbose", "--lang", "fr")
    assert code == 0
    assert "Garder " in french and "Keeping" not in french and "offer" not in french


def test_every_agent_template_has_a_french_translation_that_names_only_its_fields():
    catalogue = read_po(FRENCH_PO.open("rb"))
    templates = [m for m in catalogue if m.id and any(path.startswith("game/agents/") for path, _ in m.locations)]
    assert len(templates) > 80
    for message in templates:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        names = {name for text in ids for name in re.findall(r"\{(\w+)\}", text)}
        for text in strings:
            assert text and not message.fuzzy, message.id
            for name in re.findall(r"\{(\w+)\}", text):
                prefix = name.rsplit("_", 1)[0]
                assert name in names or prefix in {n.rsplit("_", 1)[0] for n in names}, (message.id, name)


def test_the_english_of_every_reason_is_its_template_filled_in_across_agents():
    """Each reason's English equals its template rendered from the log's fields (what a French account uses)."""
    for scenario_id, overrides in (("tutorial", None), ("tutorial", {"member": "stubborn", "us_president": "stubborn"}),
                                   ("tutorial", {"secretary_general": "stubborn", "member": "random"}),
                                   ("hague_summit_2025", None)):
        scenario = check(scenario_id).scenario
        state = play(Game(scenario, 0), agents_for(scenario, overrides))
        actions = [action_from_json(json.loads(json.dumps(e.to_json()["action"]))) for e in state.history
                   if e.type == "action"]
        assert actions and all(isinstance(action.reason, Said) for action in actions)
        with i18n.using("en"):
            assert [action.reason.shown(_english(scenario)) for action in actions] == [str(a.reason) for a in actions]
        with i18n.using("fr"):
            for entry in state.history:
                tell(scenario, entry, state.history)
