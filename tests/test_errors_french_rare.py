"""The rare errors in French too: a percentage inside an engine's refusal, the numbers of `summit inspect`'s
changes, a debrief's logs of two scenarios, the tournament's rejected entries, an isolated agent's failure and
the rarely met ValueErrors of the bilateral protocol and the Session. Each French line holds no English words
and writes its numbers as French does; the English line is the same as before, byte for byte."""

from __future__ import annotations

import dataclasses

import pytest

from game import i18n
from game.i18n import error_text, localize

from test_errors_french import NBSP, NNBSP, english_words


def _consulting(mini, leader):
    from game.engine import Game, Pass, Phase

    game = Game(mini, seed=1)
    state = game.new_initial_state()
    while not (state.phase == Phase.CONSULTATIONS and game.current_actor(state) == leader):
        state = game.apply(state, Pass(game.current_actor(state), "nothing"))
    return game, state


def test_a_refusal_writes_its_percentage_as_the_language_does(mini):
    from game.engine import IllegalActionError, Pledge, Threat

    game, state = _consulting(mini, "tusk")
    too_high = game.why_illegal(state, Pledge("tusk", "all in", level=11.0, year=2030))
    assert too_high == "a pledge is a level between 0 and 10% GDP"
    with i18n.using("fr"):
        assert localize(too_high) == f"un engagement est un niveau compris entre 0 et 10{NBSP}% du PIB"
    with pytest.raises(IllegalActionError) as refused:
        game.apply(state, Threat("tusk", "pay", target="sanchez", demand=12.0))
    assert str(refused.value).endswith("the demand is a pledge level between 0 and 10% GDP")
    with i18n.using("fr"):
        assert error_text(refused.value).endswith(f"entre 0 et 10{NBSP}% du PIB") and "10%" not in error_text(refused.value)
    pledged = dataclasses.replace(state, pledges=(("poland", (4.5, 2030)),))
    less = game.why_illegal(pledged, Pledge("tusk", "less", level=4.0, year=2030))
    assert less.startswith("Poland has pledged 4.5% GDP by 2030; a new pledge must be more ambitious")
    with i18n.using("fr"):
        said = localize(less)
    assert said.startswith(f"l'engagement de la Pologne est de 4,5{NBSP}% du PIB d'ici 2030{NNBSP};"), said
    assert not english_words(said)


def test_inspects_changes_write_their_numbers_in_the_language(capsys):
    from cli_support import cli

    code, english, _ = cli(capsys, "inspect", "bucharest_2008", "--lang", "en")
    assert code == 0 and "name_agreed: karamanlis red_line on macedonia: lifted; karamanlis weight on macedonia: 0.05." \
        in english
    code, french, _ = cli(capsys, "inspect", "bucharest_2008", "--lang", "fr")
    line = next(line for line in french.splitlines() if "name_agreed" in line)
    assert line.endswith(f"karamanlis{NBSP}: poids de macedonia{NBSP}: 0,05.") and "0.05" not in french
    code, as_json, _ = cli(capsys, "inspect", "bucharest_2008", "--json", "--lang", "fr")
    assert code == 0 and "karamanlis weight on macedonia: 0.05" in as_json   # the JSON's values stay English


def test_a_general_number_follows_pythons_g_and_the_languages_signs():
    from game.analysis.inspect import _rated
    from game.i18n import general

    assert (general(0.05, signed=True), general(-1.5, signed=True), general(2032.0), general(1e-7)) == \
        ("+0.05", "-1.5", "2032", "1e-07")
    assert _rated({"hybrid": 0.5, "cyber": 1.0}) == "hybrid 0.5, cyber 1"
    with i18n.using("fr"):
        assert (general(0.05, signed=True), general(-1.5, signed=True), general(2032.0)) == ("+0,05", "-1,5", "2032")
        assert _rated({"hybrid": 0.5, "cyber": 1.0}) == "hybrid 0,5, cyber 1"


def _edited_version(log, to):
    """The same game of a scenario whose text differs by one comment (the header's copy and its hash)."""
    import hashlib
    import json

    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    header["scenario"] = header["scenario"].replace("# Designer's note:", "# Designer's note (edited):", 1)
    header["scenario_sha256"] = hashlib.sha256(header["scenario"].encode("utf-8")).hexdigest()
    to.write_text(json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n" + "".join(lines[1:]),
                  encoding="utf-8")
    return to


def test_a_debrief_of_two_scenarios_or_two_versions_is_refused_in_french(capsys, tmp_path):
    from test_debrief import NO_DEAL_LOG, RUTTE_LOG
    from test_errors_french import both

    english, french = both(capsys, "debrief", str(RUTTE_LOG), str(NO_DEAL_LOG), "--out", str(tmp_path / "x"))
    assert english == (f"summit debrief: {RUTTE_LOG} is a game of rutte_washington_2025 and {NO_DEAL_LOG} a game "
                       "of tutorial: a debrief compares games of one scenario (parallel tables)")
    assert french == (f"summit debrief{NBSP}: {RUTTE_LOG} est une partie de rutte_washington_2025 et {NO_DEAL_LOG} une "
                      f"partie de tutorial{NBSP}: un débriefing compare les parties d'un même scénario (tables parallèles)")
    edited = _edited_version(NO_DEAL_LOG, tmp_path / "edited.jsonl")
    english, french = both(capsys, "debrief", str(NO_DEAL_LOG), str(edited), "--out", str(tmp_path / "x"))
    assert english == (f"summit debrief: {NO_DEAL_LOG} and {edited} are both games of tutorial, but of different "
                       "versions of its text: a debrief compares games of one scenario")
    assert french.startswith(f"summit debrief{NBSP}: {NO_DEAL_LOG} et {edited} sont deux parties de tutorial, mais de ")
    assert not english_words(french, str(NO_DEAL_LOG), str(edited)) and not (tmp_path / "x").exists()


def test_entries_that_cannot_play_are_listed_in_french(capsys, tmp_path):
    from test_errors_french import both

    (tmp_path / "amira.py").write_text("def broken(:\n", encoding="utf-8")
    (tmp_path / "ben.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "cleo.py").write_text("from game.agents.member import MemberAgent\n\n\nclass Stub(MemberAgent):\n"
                                      "    name = 'stubborn'\n", encoding="utf-8")
    english, french = both(capsys, "tournament", "tutorial", "--entries", str(tmp_path), "--no-isolate")
    assert english == (f"summit tournament: --entries {tmp_path}: no entry can play: amira.py: did not load: "
                       "amira.py:1: SyntaxError: invalid syntax; ben.py: did not load: no agent class in it (a class "
                       "derived from game.agents.base.BaseAgent, with a `name`); cleo.py: did not load: cleo.py: agent "
                       "name 'stubborn' is taken (by a built-in agent); give the class another `name`")
    assert french == (f"summit tournament{NBSP}: --entries {tmp_path}{NBSP}: aucun participant ne peut jouer{NBSP}: "
                      f"amira.py{NBSP}: non chargé{NBSP}: amira.py:1{NBSP}: SyntaxError{NBSP}: invalid syntax{NNBSP}; ben.py"
                      f"{NBSP}: non chargé{NBSP}: aucune classe d'agent (une classe dérivée de game.agents.base.BaseAgent, "
                      f"avec un `name`){NNBSP}; cleo.py{NBSP}: non chargé{NBSP}: cleo.py{NBSP}: le nom d'agent 'stubborn' "
                      f"est déjà pris (par un agent intégré){NNBSP}; donnez un autre `name` à la classe")


def test_a_rejected_entry_keeps_its_english_for_the_program_and_is_french_where_shown(tmp_path):
    from types import SimpleNamespace

    from game.agents.entries import load_entries
    from game.analysis.class_tournament import contestants_of
    from game.scenario import Role

    (tmp_path / "ben.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "dana.py").write_text("from game.agents.secretary_general import SecretaryGeneralAgent\n\n\n"
                                      "class Pen(SecretaryGeneralAgent):\n    name = 'dana_pen'\n", encoding="utf-8")
    entries, rejected = load_entries(tmp_path)
    assert [(r.file, r.status) for r in rejected] == [("ben.py", "did not load")]
    two_members = SimpleNamespace(id="pair", leaders=[SimpleNamespace(role=Role.MEMBER)] * 2)
    playing, unseated = contestants_of(two_members, entries)
    assert not playing and [(r.file, r.problem, r.status) for r in unseated] == [
        ("dana.py", "pair has no secretary_general seat", "cannot play")]
    with i18n.using("fr"):
        assert (localize(rejected[0].status), localize(unseated[0].status)) == ("non chargé", "ne peut pas jouer")
        assert localize(unseated[0].problem) == "pair n'a pas de siège secretary_general"


@pytest.mark.skipif(not __import__("game.agents.isolate", fromlist=["AVAILABLE"]).AVAILABLE, reason="POSIX only")
def test_an_isolated_agents_failures_are_french_on_screen_and_english_in_the_log(agent_registry, tmp_path, capsys):
    from game.cli import main
    from test_isolate import FAULTS, _write

    for name in ("dies", "loops"):
        _write(tmp_path, name, FAULTS[name][0])
    lines, logs = {}, {}
    for language in ("en", "fr"):
        log = tmp_path / f"{language}.jsonl"
        assert main(["run", "tutorial", "--seed", "1", "--agents-path", str(tmp_path), "--agents", "tusk=dies",
                     "member=loops", "--isolate", "--agent-seconds", "0.3", "--log", str(log), "--lang", language]) == 0
        lines[language] = capsys.readouterr().err.strip().splitlines()
        logs[language] = log.read_bytes()
    assert logs["en"] == logs["fr"]   # the log's failure lines are English in every language
    english, french = lines["en"], lines["fr"]
    assert len(english) == len(french) == 3
    assert any(line.startswith("summit run: the agent for tusk (dies, dies.py") and "gave no answer: its process ended "
               "with exit code 3" in line and line.endswith("the built-in member agent plays tusk from here")
               for line in english), english
    assert any("took longer than its limit of 0.3 s a decision (stopped)" in line for line in english)
    assert any("its process had stopped earlier (stopped at its time limit)" in line for line in english)
    assert any(line.startswith("summit run: l'agent de tusk (dies, dies.py") and "n'a donné aucune réponse"
               f"{NBSP}: son processus s'est terminé avec le code de sortie 3" in line for line in french), french
    assert any(f"a dépassé sa limite de 0,3 s par décision (arrêté){NNBSP}; l'agent intégré member joue" in line
               for line in french), french
    assert any("son processus s'était déjà arrêté (arrêté à sa limite de temps)" in line for line in french)
    assert not any(english_words(line, str(tmp_path)) for line in french), french


def _with_header(log, to, **changes):
    import json

    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    header = {**json.loads(lines[0]), **changes}
    to.write_text(json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n" + "".join(lines[1:]),
                  encoding="utf-8")
    return to


def test_a_seed_out_of_range_and_a_player_name_for_no_leader_are_refused_in_french(capsys, tmp_path):
    from game.play.session import Session, load_log
    from game.scenario import load_scenario
    from game.agents import names
    from test_debrief import NO_DEAL_LOG
    from test_errors_french import both

    huge = _with_header(NO_DEAL_LOG, tmp_path / "huge.jsonl", seed=2 ** 63)
    english, french = both(capsys, "replay", str(huge))
    assert english == f"summit replay: {huge}:1: seed must be a whole number from 0 to 2**63-1, found {2 ** 63}"
    assert french == f"summit replay{NBSP}: {huge}:1: la graine doit être un nombre entier de 0 à 2**63-1, pas {2 ** 63}"
    nobody = _with_header(NO_DEAL_LOG, tmp_path / "nobody.jsonl", players={"nobody": "Ana"})
    with pytest.raises(Exception) as refused:
        load_log(nobody)
    assert str(refused.value) == f"{nobody}:1: no leader 'nobody' for the player name 'Ana'"
    with i18n.using("fr"):
        assert error_text(refused.value) == f"{nobody}:1: aucun dirigeant 'nobody' pour le nom de joueur 'Ana'"
    tutorial = load_scenario(NO_DEAL_LOG.parent.parent.parent / "scenarios" / "tutorial.yaml", names())
    for make, english in ((lambda: Session(tutorial, 0, ("nobody",)), "no leader 'nobody' in tutorial"),
                          (lambda: Session(tutorial, 0, (), agents={"nobody": "stubborn"}),
                           "no leader or role 'nobody' in tutorial for an agent")):
        with pytest.raises(ValueError) as refused:
            make()
        assert str(refused.value) == english
        with i18n.using("fr"):
            said = error_text(refused.value)
        assert said.startswith("aucun dirigeant ") and not english_words(said, "'nobody'"), said


def test_the_bilateral_protocols_refusals_are_french_where_shown():
    from game.agents import names
    from game.engine.bilateral import BilateralGame
    from game.scenario import load_scenario
    from test_debrief import NO_DEAL_LOG

    scenarios = NO_DEAL_LOG.parent.parent.parent / "scenarios"
    pie, tutorial = (load_scenario(scenarios / f"{name}.yaml", names()) for name in ("split_the_pie", "tutorial"))
    for make, english, french in (
            (lambda: BilateralGame(pie, -1), "seed must be a whole number from 0 to 2**63-1, found -1",
             "la graine doit être un nombre entier de 0 à 2**63-1, pas -1"),
            (lambda: BilateralGame(tutorial, 0), "tutorial does not use the bilateral protocol",
             "tutorial n'utilise pas le protocole bilatéral")):
        with pytest.raises(ValueError) as refused:
            make()
        assert str(refused.value) == english
        with i18n.using("fr"):
            assert error_text(refused.value) == french
