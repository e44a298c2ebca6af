"""`summit play SCENARIO --agents WHO=AGENT`: the window seats the agents chosen on the command line (a user's
own with --agents-path DIR, or a built-in one) as `summit run --agents` does. The role screen, the briefing, the
seats screen and the table name the agent; a person may still take the role; the log and saves name the agent,
and a save naming an agent this Summit has not loaded is refused in one line saying how to load it."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ui_support import to_role_selection, frames, make_app, pass_turn, press, scene_is, until

from game.agents import AGENTS, agents_for, load_agents_path
from game.cli import main
from game.engine import Game, Pass
from game.play.session import AgentNotLoaded, SaveError, Session, load
from game.scenario import load_scenario
from game.scenario.catalogue import resolve
from game.ui import driver
from game.ui.layout import problems
from game.ui.scenes import (BriefingScene, LoadScene, OutcomeScene, RoundResultScene, SeatsScene, TableScene,
                            TitleScene)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "agents" / "tit_for_tat.py"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch, agent_registry):
    """A home of its own, and the built-in agents only, before and after (conftest's agent_registry)."""
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def folder(tmp_path):
    """A user's folder of agents: the worked example of docs/agents.md, copied."""
    (tmp_path / "mine").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "mine" / "tit_for_tat.py")
    return tmp_path / "mine"


@pytest.fixture
def window(monkeypatch):
    """`summit play` as far as the window, which a stub stands in for: what it was asked."""
    import game.ui

    asked = []
    monkeypatch.setattr(game.ui, "play", lambda *args, **options: asked.append((args, options)) or 0)
    return asked


def _opened(app, scenario_id: str, agents: dict[str, str]):
    """The App as `summit play SCENARIO --agents ...` sets it up (game/ui/__init__.py)."""
    app.opened = resolve(scenario_id)
    app.agents = agents
    return app


# ----- the command line ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, says", [
    (["tutorial", "--agents", "sanchez=nobody"], "unknown agent 'nobody'"),
    (["tutorial", "--agents", "sanchez=tit_for_tat"], "your own agents load with --agents-path DIR"),
    (["tutorial", "--agents", "spain=stubborn"], "did you mean 'sanchez', who speaks for Spain?"),
    (["tutorial", "--agents", "sanchez"], "expected WHO=AGENT"),
    (["tutorial", "--agents", "member=rational"], "bilateral"),
    (["tutorial", "--agents", "member=random", "member=stubborn"], "given twice"),
    (["--agents", "member=stubborn"], "--agents needs a SCENARIO"),
    (["--demo", "--agents", "member=stubborn"], "--agents needs a SCENARIO"),
])
def test_a_bad_agent_on_the_command_line_is_one_line_and_exit_2(capsys, window, args, says):
    assert main(["play", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and err.startswith("summit play: --agents"), err
    assert says in err
    assert not window, "a refused `summit play` opened the window"


def test_built_in_and_own_agents_reach_the_window(capsys, window, folder):
    assert main(["play", "tutorial", "--agents", "member=stubborn", "trump=random"]) == 0
    assert window[-1][1]["agents"] == {"member": "stubborn", "trump": "random"}
    assert main(["play", "tutorial", "--agents-path", str(folder), "--agents", "sanchez=tit_for_tat", "--demo"]) == 0
    assert window[-1][1]["agents"] == {"sanchez": "tit_for_tat"} and window[-1][1]["demo"]
    assert main(["play", "tutorial"]) == 0
    assert window[-1][1]["agents"] == {}
    assert capsys.readouterr().err == ""


DEMO = """
import json, sys
from game.cli import main
from game.play.session import Session

played = []
agent_move = Session.agent_move

def spy(session, stand_in=False):
    played.append((session.actor, type(session._agents[session.actor]).name))
    return agent_move(session, stand_in)

Session.agent_move = spy
code = main(sys.argv[1:])
print(json.dumps({"code": code, "played": played}))
"""


def test_a_demo_with_a_users_agent_plays_it_to_the_end(folder, tmp_path):
    """The real window (off-screen, in a process of its own: the window closes pygame), from the command line:
    the demo's game seats the user's agent for Spain."""
    shots = tmp_path / "shots"
    environment = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
                   "SUMMIT_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", DEMO, "play", "tutorial", "--demo", "--fast", "--agents-path",
                           str(folder), "--agents", "sanchez=tit_for_tat", "--screenshots", str(shots)],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert done.stderr == "", done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0
    played = [tuple(pair) for pair in result["played"]]
    assert {name for actor, name in played if actor == "sanchez"} == {"tit_for_tat"}
    assert {name for actor, name in played if actor == "tusk"} == {"member"}
    assert any(path.name.endswith("-outcome.png") for path in shots.iterdir())


# ----- the window ---------------------------------------------------------------------------------------------

def test_the_role_screen_names_the_agent_and_a_person_may_still_take_the_role(folder):
    load_agents_path(folder)
    app = _opened(make_app(seed=3), "tutorial", {"sanchez": "tit_for_tat", "member": "stubborn"})
    to_role_selection(app, "tutorial")
    roles = app.scene
    labels = dict(zip([leader.id for leader in roles.leaders], roles.labels))
    assert labels["sanchez"] == "Spain · Pedro Sánchez · agent tit_for_tat"
    assert labels["scholz"] == "Germany · Olaf Scholz · agent stubborn"
    assert labels["trump"] == "United States · Donald Trump"      # the scenario's own agent: no mark
    roles.describe("sanchez")
    detail = roles.detail.html_text
    assert "with the agent <i>tit_for_tat</i>, chosen on the command line" in detail
    assert "Objects in the round after a US threat" in detail          # the agent's own account of itself
    assert driver.click_list_item(roles.list, labels["sanchez"])
    frames(app, 3)
    assert roles.chosen == ["sanchez"] and "Played by a person." in roles.detail.html_text
    assert problems(app.manager, app.size) == []
    press(app, roles.next)
    assert scene_is(app, BriefingScene)
    session = app.session
    assert session.humans == ("sanchez",)
    assert session.agent_names()["sanchez"] == "human" and session.agent_names()["scholz"] == "stubborn"
    # Who you face: the leaders the agent plays and its own account, not its name (an id of the code)
    assert "<b>Olaf Scholz, Donald Tusk</b>: Never concedes" in app.scene.text.html_text
    press(app, app.scene.next)
    until(app, lambda: scene_is(app, TableScene), what="the table")
    table = app.scene
    notes = {leader.id: table.agent_note(leader) for leader in session.scenario.leaders}
    assert notes["sanchez"] == "" and notes["scholz"] == "played by agent stubborn"
    # the person hands Spain back to the computer (the seats screen): the agent chosen plays it from then on
    app.show(SeatsScene(app, back=None))
    frames(app, 3)
    seats = app.scene
    assert driver.click_list_item(seats.list, "Spain · Pedro Sánchez · agent tit_for_tat")
    frames(app, 3)
    assert "Pedro Sánchez: the computer takes over (agent tit_for_tat)" in seats.summary.html_text
    press(app, seats.apply)
    assert scene_is(app, TableScene) and session.humans == ()
    assert app.scene.agent_note(session.scenario.leader("sanchez")) == "played by agent tit_for_tat"
    assert type(session._agents["sanchez"]).name == "tit_for_tat"


def test_a_users_agent_plays_a_whole_game_in_the_window_and_the_log_and_saves_name_it(folder, home, tmp_path):
    load_agents_path(folder)
    app = _opened(make_app(seed=5), "rutte_washington_2025", {"sanchez": "tit_for_tat"})
    to_role_selection(app, "rutte_washington_2025")
    label = next(l for l in app.scene.labels if l.startswith("United States"))
    assert driver.click_list_item(app.scene.list, label)
    frames(app, 3)
    press(app, app.scene.next)
    press(app, app.scene.next)
    until(app, lambda: scene_is(app, TableScene), what="the table")
    session = app.session
    spain = next(row for row in app.scene.roster_layout(app.scene.left_w - 22) if row[3] is not None
                 and row[3].id == "sanchez")
    assert spain[9] == ("played by agent tit_for_tat",)
    app.scene.draw_roster()
    assert problems(app.manager, app.size) == []
    while not scene_is(app, OutcomeScene):
        until(app, lambda: (scene_is(app, TableScene) and session.waiting_for_human)
              or scene_is(app, (RoundResultScene, OutcomeScene)), what="the player's turn")
        if scene_is(app, RoundResultScene):
            press(app, app.scene.next)
        elif scene_is(app, TableScene):
            pass_turn(app)
    assert session.over
    # the log, written as the game went, names the agent that played Spain and the person's role
    header = json.loads(session.log_path.read_text(encoding="utf-8").splitlines()[0])
    assert header["agents"]["sanchez"] == "tit_for_tat" and header["agents"]["trump"] == "human"
    assert header["agents"]["tusk"] == "member"
    # and it is the agent's game: the engine alone, with it seated and the person's moves, plays the same one
    scenario = session.scenario
    game, agents = Game(scenario, 5), agents_for(scenario, {"sanchez": "tit_for_tat"})
    moves = iter([action for action in session.actions() if action.actor == "trump"])
    state = game.new_initial_state()
    while not state.is_terminal:
        actor = game.current_actor(state)
        state = game.apply(state, next(moves) if actor == "trump" else
                           agents[actor].act(game.observe(state, actor), game.agent_rng(state, actor)))
    assert state.history == session.state.history
    assert any(e.actor == "sanchez" and e.type == "action" for e in state.history)
    saved = session.save(tmp_path / "spain.summit")
    assert load(saved).agents == {"sanchez": "tit_for_tat"}


def _half_played_save(folder, path: Path) -> Path:
    load_agents_path(folder)
    session = Session(load_scenario(resolve("tutorial")), 4, ("trump",), agents={"sanchez": "tit_for_tat"})
    while not session.waiting_for_human or session.state.round < 2:
        if session.waiting_for_human:
            session.submit(Pass("trump", "Nothing to add."))
        else:
            session.agent_move()
    path.parent.mkdir(parents=True, exist_ok=True)
    session.save(path)
    AGENTS.pop("tit_for_tat")   # a later `summit play` without --agents-path
    return path


def test_load_refuses_a_save_naming_an_agent_not_loaded_in_one_line(folder, home):
    from game.play.userdirs import saves_dir
    saved = _half_played_save(folder, saves_dir() / "spain.summit")
    with pytest.raises(AgentNotLoaded) as refused:
        load(saved)
    message = str(refused.value)
    assert "\n" not in message and "'tit_for_tat'" in message and "--agents-path DIR" in message
    assert message.startswith(f"{saved}:1: Pedro Sánchez was played by the agent 'tit_for_tat'")
    app = make_app()
    app.show(LoadScene(app, back=None))
    frames(app, 3)
    assert driver.click_list_item(app.scene.list, app.scene.entries[0][1])
    frames(app, 3)
    press(app, app.scene.open)
    assert scene_is(app, LoadScene) and app.session is None
    assert "--agents-path DIR" in app.scene.status.html_text
    load_agents_path(folder)   # started again with --agents-path: the game goes on with its agent
    press(app, app.scene.open)
    assert scene_is(app, TableScene) and app.session.agents == {"sanchez": "tit_for_tat"}
    assert app.scene.agent_note(app.session.scenario.leader("sanchez")) == "played by agent tit_for_tat"


def test_continue_keeps_an_autosave_that_waits_for_its_agent(folder, home):
    """The previous autosave is for a damaged one: a whole autosave waiting for its agent is not pushed out."""
    from game.play.userdirs import autosave_backup_path, autosave_path
    _half_played_save(folder, autosave_path())
    before = autosave_path().read_bytes()
    older = Session(load_scenario(resolve("tutorial")), 9, ("tusk",))
    older.save(autosave_backup_path())
    app = make_app()
    app.show(TitleScene(app))
    frames(app, 3)
    press(app, app.scene.buttons["continue"])
    assert scene_is(app, TitleScene) and app.session is None
    notice = app.scene.notice.html_text
    assert "tit_for_tat" in notice and "--agents-path DIR" in notice and "previous" not in notice
    assert autosave_path().read_bytes() == before


@pytest.mark.parametrize("strict", [False, True])
def test_an_own_agent_that_fails_gives_its_seat_away_or_with_strict_agents_pauses_the_table(tmp_path, capsys, strict):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "broken.py").write_text(
        "from game.agents.member import MemberAgent\n\n\n"
        "class Broken(MemberAgent):\n"
        "    name = 'broken'\n\n"
        "    def consult(self, observation, rng):\n"
        "        raise RuntimeError('my bug')\n", encoding="utf-8")
    load_agents_path(tmp_path / "broken")
    app = _opened(make_app(seed=2), "tutorial", {"tusk": "broken"})
    app.strict_agents = strict   # summit play --strict-agents
    to_role_selection(app, "tutorial")
    assert driver.click_list_item(app.scene.list, "Spain · Pedro Sánchez")
    frames(app, 3)
    press(app, app.scene.next)
    press(app, app.scene.next)
    until(app, lambda: scene_is(app, TableScene), what="the table")
    while not app.scene.paused and not app.session.failures:
        until(app, lambda: app.scene.paused or app.session.failures or app.session.waiting_for_human,
              what="the agent's failure")
        if not app.scene.paused and not app.session.failures:
            pass_turn(app)
    assert scene_is(app, TableScene)
    if strict:
        assert app.scene.paused and app.session.actor == "tusk"
        assert "The computer stopped: the agent for tusk (broken, broken.py:8)" in app.scene.status_text
    else:
        assert not app.scene.paused and type(app.session._agents["tusk"]).__name__ == "MemberAgent"
        assert "Pedro Sánchez's agent broken failed" not in app.scene.status_text   # it is Tusk's seat
        assert "Donald Tusk's agent broken failed; the built-in member agent plays" in app.scene.status_text
    assert "my bug" in capsys.readouterr().err


def test_a_window_games_log_reruns_with_the_users_agent_and_says_how_without_it(folder, tmp_path, capsys):
    """The live log a window game keeps names the agent as `summit run --log` does: `summit replay --rerun` plays
    it again from the seed with the user's agent, and without --agents-path says how to load it."""
    load_agents_path(folder)
    session = Session(load_scenario(resolve("tutorial")), 8, (), agents={"sanchez": "tit_for_tat"})
    session.keep_log(tmp_path / "game.jsonl")
    while not session.over:
        session.agent_move()
    AGENTS.pop("tit_for_tat")
    assert main(["replay", str(tmp_path / "game.jsonl"), "--rerun"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "'tit_for_tat' for sanchez" in err and "--agents-path DIR" in err
    assert main(["replay", str(tmp_path / "game.jsonl"), "--rerun", "--agents-path", str(folder)]) == 0
    assert capsys.readouterr().err == ""


def test_a_save_whose_header_gives_a_leader_no_agents_name_is_refused_as_damaged(folder, tmp_path):
    import hashlib
    saved = _half_played_save(folder, tmp_path / "spain.summit")
    lines = saved.read_text(encoding="utf-8").splitlines()[:-1]
    header = json.loads(lines[0])
    header["agents"]["sanchez"] = ["tit_for_tat"]
    body = "\n".join([json.dumps(header, ensure_ascii=False)] + lines[1:]) + "\n"
    closing = {"type": "save", "save_format": 1, "lines": len(lines),
               "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest()}
    saved.write_text(body + json.dumps(closing) + "\n", encoding="utf-8")
    with pytest.raises(SaveError) as refused:   # damaged, not waiting for an agent: the previous autosave may load
        load(saved)
    assert not isinstance(refused.value, AgentNotLoaded)
    assert "the header's agents give sanchez \"['tit_for_tat']\", not an agent's name" in str(refused.value)
