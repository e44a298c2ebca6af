"""Hostile values in files (issue 23, items 6 and 10): a whole number of 5,000 digits in a log or a save gives one
clear error in replay, debrief, Load, Continue and the Replays list (never Python's "Exceeds the limit (4300
digits)"), and reading never converts it; damaged settings (a wrong type for any key, a list nested 200,000
deep, a number too long) fall back to the defaults with one notice, and the window starts."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pytest
from cli_support import cli

pytestmark = pytest.mark.filterwarnings("error:Label Rect is too small:UserWarning")

from game.play.save_list import peek
from game.play.session import SaveError, Session, load
from game.scenario.catalogue import check
from game.scenario.untrusted import MAX_DIGITS, NumberTooLong, json_value

HUGE = "7" * 5000


def test_json_value_reads_what_json_reads_and_refuses_numbers_it_would_not_convert():
    assert json_value('{"seed": 12345678901234567890, "x": -1.5e3, "ok": [true, null]}') == {
        "seed": 12345678901234567890, "x": -1500.0, "ok": [True, None]}
    assert json_value("9" * MAX_DIGITS) == int("9" * MAX_DIGITS)
    for text in ("9" * (MAX_DIGITS + 1), "-" + HUGE, "1e999", "-1e999", "NaN", "Infinity", "-Infinity", "[" + HUGE + "]"):
        with pytest.raises(NumberTooLong):
            json_value(text)
    with pytest.raises(NumberTooLong, match="5,000 digits"):
        json_value(HUGE)


def _tutorial_save(tmp_path: Path, name: str = "game.summit") -> Path:
    session = Session(check("tutorial").scenario, 4, ("tusk",))
    return session.save(tmp_path / name)


def _with_huge_number(text: str, where: str = "seed") -> str:
    """The file's text with a 5,000-digit number in place of the header's seed (and its checksums kept right:
    only the number is wrong)."""
    lines = text.splitlines()
    header = lines[0]
    lines[0] = header.replace(f'"seed":{json.loads(header)["seed"]}', f'"seed":{HUGE}', 1)
    assert lines[0] != header
    if json.loads(lines[-1])["type"] == "save":
        body = "\n".join(lines[:-1]) + "\n"
        closing = json.loads(lines[-1])
        closing["sha256"] = hashlib.sha256(body.encode()).hexdigest()
        lines[-1] = json.dumps(closing)
    return "\n".join(lines) + "\n"


def _refusal(message: str, file: Path) -> None:
    assert f"{file}:1: not a Summit" in message and "a number of 5,000 digits" in message, message
    assert "Exceeds the limit" not in message and "4300" not in message
    assert len(message.splitlines()) == 1


def test_replay_and_debrief_refuse_a_log_holding_a_huge_number_in_one_line(tmp_path, capsys):
    log = tmp_path / "game.jsonl"
    assert cli(capsys, "run", "tutorial", "--seed", "2", "--log", str(log))[0] == 0
    log.write_text(_with_huge_number(log.read_text()))
    capsys.readouterr()
    for command in (["replay", str(log)], ["replay", str(log), "--json"], ["debrief", str(log), "--out", str(tmp_path / "d")]):
        code, out, err = cli(capsys, *command)
        assert code == 2 and out == "", (command, out)
        _refusal(err.strip(), log)


def test_load_and_peek_refuse_a_save_holding_a_huge_number_anywhere(tmp_path):
    save = _tutorial_save(tmp_path)
    save.write_text(_with_huge_number(save.read_text()))
    for reader in (load, peek):
        with pytest.raises(SaveError) as refused:
            reader(save)
        _refusal(str(refused.value), save)
    # in the closing line too (its count of lines): the same clear refusal
    other = _tutorial_save(tmp_path, "other.summit")
    lines = other.read_text().splitlines()
    lines[-1] = lines[-1].replace('"lines":', f'"lines":{HUGE},"was":', 1)
    other.write_text("\n".join(lines) + "\n")
    with pytest.raises(SaveError, match=f"{len(lines)}: not a Summit save line \\(a number of 5,000 digits"):
        load(other)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_the_window_lists_continues_and_loads_past_a_huge_number(home, capsys):
    from ui_support import frames, make_app, press, scene_is
    from game.play.userdirs import autosave_backup_path, autosave_path, logs_dir, saves_dir
    from game.ui.driver import click_list_item
    from game.ui.scenes import TableScene, TitleScene
    from game.ui.scenes.menus import LoadScene
    from game.ui.scenes.replay import ReplaysScene

    saves_dir().mkdir(parents=True)
    logs_dir().mkdir(parents=True)
    good = Session(check("tutorial").scenario, 6, ("tusk",))
    good.save(autosave_backup_path())
    damaged = _tutorial_save(saves_dir(), "autosave.summit")
    damaged.write_text(_with_huge_number(damaged.read_text()))
    assert autosave_path() == damaged
    log = logs_dir() / "huge.jsonl"
    assert cli(capsys, "run", "tutorial", "--seed", "2", "--log", str(log))[0] == 0
    log.write_text(_with_huge_number(log.read_text()))

    app = make_app()
    app.show(LoadScene(app, back=None))
    frames(app, 2)
    [(_, label, problem)] = [entry for entry in app.scene.entries if entry[0] == damaged]
    assert label == "⚠ autosave.summit: cannot be loaded"
    _refusal(problem, damaged)

    screen = ReplaysScene(app)
    app.show(screen)
    frames(app, 2)
    [entry] = [entry for entry in screen.entries if entry.path == log]
    assert entry.label == "⚠ huge.jsonl: cannot be replayed"
    _refusal(entry.problem, log)
    assert click_list_item(screen.list, entry.label)
    frames(app, 3)
    assert screen.index == screen.entries.index(entry), (screen.index, [e.label for e in screen.entries])
    assert not screen.open.is_enabled and "5,000 digits" in screen.status_text

    app.show(TitleScene(app))
    press(app, app.scene.buttons["continue"])        # the autosave is refused, the previous one goes on
    assert scene_is(app, TableScene) and app.session.state == good.state
    assert "a number of 5,000 digits" in app.scene.status_text


# ----- damaged settings ------------------------------------------------------------------------------------
WRONG = [[], [1], {}, {"a": 1}, True, None, 1.5, -1, 2**70, "fastest", ""]


def _settings_file(text: str) -> Path:
    from game.play.userdirs import settings_path
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("key", ["speed", "size", "text_size", "round_minutes", "seed"])
def test_a_wrong_value_for_any_setting_falls_back_to_its_default_and_says_so(home, key):
    from game.ui.settings import Settings
    defaults = Settings()
    for value in WRONG:
        if key == "seed" and value is None:
            continue   # no fixed seed: the default, written so by Summit itself
        _settings_file(json.dumps({key: value, "speed": "slow"} if key != "speed" else {key: value, "size": "1600x900"}))
        settings = Settings.load()
        assert getattr(settings, key) == getattr(defaults, key), (key, value)
        assert (settings.speed, settings.size) == (("slow", defaults.size) if key != "speed" else
                                                   (defaults.speed, "1600x900")), "the good values are kept"
        assert settings.problem is not None and f"({key})" in settings.problem, (key, value, settings.problem)


@pytest.mark.parametrize("text, reason", [
    ("[" * 200_000 + "]" * 200_000, "larger than"),     # the issue's: 400 KB, no settings file
    ("[" * 30_000 + "]" * 30_000, "nested too deeply"),
    ('{"speed": ' + "[" * 30_000 + "]" * 30_000 + "}", "nested too deeply"),
    ('{"seed": ' + HUGE + "}", "5,000 digits"),
    ('{"seed": 1e999}', "too large"),
    ('{"speed": NaN}', "NaN"),
    ("not json {", "not JSON"),
    ("[1, 2]", "not a JSON object"),
    ('"fast"', "not a JSON object"),
    (" " * 70_000, "larger than"),
])
def test_a_damaged_settings_file_gives_the_defaults_and_one_notice(home, text, reason):
    from game.ui.settings import Settings
    path = _settings_file(text)
    settings = Settings.load()
    assert (settings.speed, settings.size, settings.text_size, settings.seed, settings.round_minutes) == (
        "normal", "1280x720", "100%", None, 0)
    assert settings.problem is not None and reason in settings.problem and str(path) in settings.problem


def test_settings_that_are_a_folder_give_the_defaults(home):
    from game.play.userdirs import settings_path
    from game.ui.settings import Settings
    settings_path().mkdir(parents=True)
    settings = Settings.load()
    assert settings.speed == "normal" and "not a regular file" in settings.problem


def test_good_settings_are_read_without_a_notice(home):
    from game.ui.settings import Settings
    _settings_file(json.dumps({"speed": "fast", "size": "1600x900", "seed": 12, "text_size": "125%",
                               "round_minutes": 5, "a_later_key": [1]}))
    settings = Settings.load()
    assert (settings.speed, settings.size, settings.seed, settings.text_size, settings.round_minutes) == (
        "fast", "1600x900", 12, "125%", 5)
    assert settings.problem is None


@pytest.mark.parametrize("text", ['{"speed": []}', '{"text_size": [1]}', "[" * 200_000 + "]" * 200_000])
def test_the_window_starts_with_damaged_settings_and_the_title_screen_says_so(home, text):
    """As `summit play` starts: settings loaded by the window itself."""
    from ui_support import frames, scene_is
    from game.ui.app import App
    from game.ui.scenes import TitleScene
    _settings_file(text)
    app = App(size=(1280, 720))
    app.show(TitleScene(app))
    frames(app, 2)
    assert scene_is(app, TitleScene)
    assert "defaults apply" in app.scene.notice.html_text
    assert math.isclose(app.settings.move_delay, 0.7)


# ----- output files: the umask's permissions ------------------------------------------------------------------
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_files_written_get_the_umasks_permissions_not_0600(tmp_path, umask, mode):
    import os
    import subprocess
    import sys
    script = ("import sys; from pathlib import Path; from game.files import write_atomically; "
              "write_atomically(Path(sys.argv[1]), 'text\\n')")
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "out.txt")], check=True,
                   preexec_fn=lambda: os.umask(umask))
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == mode


def test_a_damaged_tokens_file_beside_a_hosted_log_lets_the_host_resume(tmp_path, capsys):
    from game.net.resume import resume_tables
    log = tmp_path / "class.jsonl"
    assert cli(capsys, "run", "tutorial", "--seed", "2", "--log", str(log))[0] == 0
    for damaged in ("[" * 30_000 + "]" * 30_000, '{"devices": ' + HUGE + "}"):
        (tmp_path / "class.jsonl.tokens").write_text(damaged)
        sessions, tokens = resume_tables([log])
        assert len(sessions) == 1 and tokens == [{}]    # the devices join again; the game goes on
