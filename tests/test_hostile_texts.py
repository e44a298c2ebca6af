"""Hostile texts in files (issue 23, items 1-3): a control character in any text of a scenario is refused by the
validator at its line; a file's name, a log's header or a typed name that holds one is shown escaped, so that no
terminal receives an escape sequence and pygame never a NUL; a "$" in a name, a label or a file's name is drawn
as written by every chart (no mathtext), in `summit brief`, `summit debrief` and `summit batch --plot`."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml
from cli_support import cli

from game.scenario import check_bytes
from game.scenario.untrusted import shown
from game.scenario.yaml_source import dotted, read_yaml

# The tutorial as written in English alone (tests/fixtures/tutorial_english.yaml, the bundled file before its French):
# these tests rewrite its lines as a designer would, and the French of the bundled file is tests/test_localized.py's.
TUTORIAL = (Path(__file__).parent / "fixtures" / "tutorial_english.yaml").read_text(encoding="utf-8")
# Every control character: C0 (tab and line feed included), DEL and C1.
CONTROLS = [chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]]
ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")   # what a terminal or pygame must never be given


def _tutorial_with(old: str, new: str, count: int = 1) -> str:
    assert old in TUTORIAL, old
    return TUTORIAL.replace(old, new, count)


def _line_of(text: str, fragment: str) -> int:
    return text[:text.index(fragment)].count("\n") + 1


# The issue's inputs: an escaped NUL in the title, an ally's and a leader's name; escape codes in the title.
ISSUE_INPUTS = [
    ('title: "Tutorial: five at the table"', 'title: "My\\0scenario"', "title", "U+0000 (NUL)"),
    ("    name: Spain", '    name: "Sp\\0ain"', "allies[2].name", "U+0000 (NUL)"),
    ("    name: Donald Trump", '    name: "Donald\\0Trump"', "leaders[1].name", "U+0000 (NUL)"),
    ('title: "Tutorial: five at the table"', 'title: "\\e]0;owned\\a\\e[8mhidden"', "title", "U+001B (escape)"),
]


@pytest.mark.parametrize("old, new, path, named", ISSUE_INPUTS)
def test_the_issues_control_characters_are_refused_at_their_line(old, new, path, named):
    text = _tutorial_with(old, new)
    checked = check_bytes(text.encode(), "hostile.yaml")
    assert checked.scenario is None
    [error] = [e for e in checked.errors if "control character" in e.message]
    assert (error.line, error.path) == (_line_of(text, new), path)
    assert named in error.message and "remove it" in error.message


def _string_paths(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _string_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _string_paths(item, path + (index,))
    elif isinstance(value, str):
        yield path


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


PARAGRAPHS = {"summary", "help", "citation", "note", "text", "background", "objective"}


def _every_text_with_a_control_character(shift: int) -> None:
    """Every text of the tutorial at once holds a control character, the characters taken in turn from `shift`
    on (a line feed or a tab only where a text may not hold it), written as YAML writes them: escapes in
    double-quoted strings. Each is refused, once, at its own place."""
    data = yaml.safe_load(TUTORIAL)
    paths = list(_string_paths(data))
    assert len(paths) > len(CONTROLS), "fewer texts than characters: some character would never be tried"
    one_line = [c for c in CONTROLS if c not in "\n\t"]
    planted = {}
    for index, path in enumerate(paths):
        pool = one_line if path[-1] in PARAGRAPHS else CONTROLS
        character = pool[(index + shift) % len(pool)]
        old = data
        for part in path:
            old = old[part]
        _set(data, path, old[:3] + character + old[3:])
        planted[dotted(path)] = (path, character)
    text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10_000)
    document = read_yaml(text.encode())
    checked = check_bytes(text.encode(), "family.yaml")
    assert checked.scenario is None
    found = {e.path: e for e in checked.errors if "control character" in e.message}
    assert set(found) == set(planted), set(planted) ^ set(found)
    for name, (path, character) in planted.items():
        error = found[name]
        assert (error.line, error.column) == document.where(path), name
        assert f"U+{ord(character):04X}" in error.message, (name, error.message)
        assert not ESCAPES.search(str(error)), "the error itself must print safely"


def test_every_text_of_a_scenario_holding_a_control_character_is_refused_where_it_stands():
    for shift in (0, 1):
        _every_text_with_a_control_character(shift)


@pytest.mark.slow
def test_every_control_character_in_every_text_of_a_scenario_is_refused_where_it_stands():
    for shift in range(len(CONTROLS)):
        _every_text_with_a_control_character(shift)


def test_a_line_feed_and_a_tab_are_the_texts_own_in_a_paragraph_but_not_in_a_name():
    summary = _tutorial_with("summary: >-\n", "summary: |-\n  First line.\n\tTabbed\n")
    assert "control character" not in " ".join(str(e) for e in check_bytes(summary.encode()).errors)
    named = _tutorial_with("    name: Spain", '    name: "Spa\\nin"')
    assert any("U+000A (line feed)" in e.message for e in check_bytes(named.encode()).errors)


def _written(tmp_path: Path, text: str, name: str = "hostile.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_inspect_run_and_play_refuse_the_issues_inputs_and_print_no_escape(tmp_path, capsys):
    text = _tutorial_with('title: "Tutorial: five at the table"', 'title: "\\e]0;owned\\a\\e[8mhidden"')
    path = _written(tmp_path, text.replace("id: tutorial", "id: hostile"))
    for command in (["validate"], ["inspect"], ["run", "--seed", "1"], ["play", "--demo"]):
        code, out, err = cli(capsys, command[0], str(path), *command[1:])
        assert code == 2, (command, out, err)
        assert "hostile.yaml:12:8: title: control character U+001B (escape)" in out + err, command
        assert not ESCAPES.search(out + err), (command, out + err)


def test_a_file_name_holding_escape_codes_is_printed_escaped(tmp_path, capsys):
    path = _written(tmp_path, TUTORIAL.replace("  - id: nato_2024\n", "  - id: nato_2024\n    junk: 1\n", 1),
                    "\x1b]0;owned\x07.yaml")
    code, out, err = cli(capsys, "validate", str(path))
    assert code == 2 and "\\x1b]0;owned\\x07.yaml:" in out + err
    assert not ESCAPES.search(out + err)


def _log_with_header(tmp_path: Path, name: str, change) -> Path:
    """A finished tutorial log whose header is changed by `change` (the scenario's checksum kept right)."""
    source = tmp_path / "source.jsonl"
    if not source.exists():
        assert cli.__call__  # noqa: B018 - the import is used
        from game.cli import main
        assert main(["run", "tutorial", "--seed", "3", "--log", str(source)]) == 0
    lines = source.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    change(header)
    header["scenario_sha256"] = hashlib.sha256(header["scenario"].encode()).hexdigest()
    path = tmp_path / name
    path.write_text("\n".join([json.dumps(header, ensure_ascii=False)] + lines[1:]) + "\n", encoding="utf-8")
    return path


def _nul_title(header: dict) -> None:
    # A raw NUL in the scenario's text and the scenario id: no validator ever let such a log be written.
    header["scenario"] = header["scenario"].replace('title: "Tutorial: five at the table"', 'title: "My\x00title"')
    header["scenario_id"] = "tuto\x00rial"


def test_replay_and_debrief_of_a_log_whose_header_holds_control_characters_fail_in_one_clean_line(tmp_path, capsys):
    path = _log_with_header(tmp_path, "\x1b[8mhidden.jsonl", _nul_title)
    capsys.readouterr()
    for command in (["replay", str(path)], ["debrief", str(path), "--out", str(tmp_path / "debrief")]):
        code, out, err = cli(capsys, *command)
        assert code == 2, (command, out, err)
        assert "\\x1b[8mhidden.jsonl:1: " in err, err
        assert not ESCAPES.search(out + err) and "\x00" not in out + err, (command, err)


def test_a_log_from_a_version_whose_name_holds_escape_codes_is_refused_escaped(tmp_path, capsys):
    def newer(header):
        header["format"], header["summit_version"] = 99, "9.9\x1b]0;owned\x07"
    path = _log_with_header(tmp_path, "newer.jsonl", newer)
    capsys.readouterr()
    code, out, err = cli(capsys, "replay", str(path))
    assert code == 2 and "Summit 9.9\\x1b]0;owned\\x07" in err and not ESCAPES.search(err)


# ----- "$" in texts: drawn as written by every chart --------------------------------------------------------
DOLLARS = "Spain $\\\\frac{$ x"   # as the YAML file writes it: Spain $\frac{$ x


def _dollar_scenario(tmp_path: Path) -> Path:
    text = _tutorial_with("    name: Spain", f'    name: "{DOLLARS}"')
    text = text.replace("    name: Pedro Sánchez", f'    name: "Pedro {DOLLARS}"')
    text = text.replace("    label: Core defence target", f'    label: "Core {DOLLARS}"')
    text = text.replace('title: "Tutorial: five at the table"', 'title: "Tutorial $\\\\frac{$ x"')
    return _written(tmp_path, text.replace("id: tutorial", "id: dollars"), "dollars.yaml")


def test_dollar_signs_in_names_labels_and_file_names_are_drawn_as_written(tmp_path, capsys):
    scenario = _dollar_scenario(tmp_path)
    code, out, err = cli(capsys, "brief", str(scenario), "--out", str(tmp_path / "brief"))
    assert code == 0, err
    assert (tmp_path / "brief" / "sanchez-spending.png").stat().st_size > 1000
    log = tmp_path / "game $\\frac{$ x.jsonl"
    assert cli(capsys, "run", str(scenario), "--seed", "2", "--log", str(log))[0] == 0
    code, out, err = cli(capsys, "debrief", str(log), "--out", str(tmp_path / "debrief"))
    assert code == 0, err
    assert len(list((tmp_path / "debrief").glob("*.png"))) >= 3
    code, out, err = cli(capsys, "batch", str(scenario), "--runs", "2", "--plot", str(tmp_path / "plot $\\frac{$"))
    assert code == 0, err
    assert len(list((tmp_path / "plot $\\frac{$").glob("*.png"))) >= 3


def test_a_chart_text_with_dollars_is_drawn_as_its_characters_not_as_mathematics():
    import io
    from game.report.charts import new_figure
    figure = new_figure(3, 1)
    axes = figure.add_subplot()
    axes.set_yticks([0], ["Spain $\\frac{$ x"])    # a tick label is made while the figure is saved
    figure.savefig(io.BytesIO(), format="png")
    [label] = axes.get_yticklabels()
    assert label.get_text() == "Spain $\\frac{$ x" and label.get_parse_math() is False


# ----- the window: nothing drawn holds a NUL -------------------------------------------------------------------
def test_shown_escapes_every_control_character_and_leaves_other_text_alone():
    assert shown("Tutorial: fünf am Tisch — 3,5 %") == "Tutorial: fünf am Tisch — 3,5 %"
    escaped = shown("".join(CONTROLS) + "\ud800")
    assert not ESCAPES.search(escaped) and "\n" not in escaped and "\\x00" in escaped and "\\ud800" in escaped
    assert shown("a\nb\x00", lines=True) == "a\nb\\x00"


def _resealed(body_lines: list[str]) -> str:
    """A save's lines closed by a `save` line whose checksum matches them (as an editor who knows the format
    would write it)."""
    body = "\n".join(body_lines) + "\n"
    closing = {"type": "save", "save_format": 1, "lines": len(body_lines),
               "sha256": hashlib.sha256(body.encode()).hexdigest()}
    return body + json.dumps(closing) + "\n"


def test_the_window_lists_hostile_scenarios_logs_and_saves_without_drawing_a_nul(tmp_path, monkeypatch):
    """The scenario browser (opened by New game), the load screen and the Replays list, over the user's folders
    holding a scenario with an escaped NUL, files named with an escape code and undecodable bytes, a log whose
    header holds a raw NUL and a save (its checksum right) whose title, role and player name hold one."""
    import os
    from ui_support import frames, make_app, press, scene_is
    from game.play.session import Session
    from game.play.userdirs import logs_dir, saves_dir, scenarios_dir
    from game.scenario.catalogue import check
    from game.ui.driver import click_list_item
    from game.ui.scenes import BrowserScene, TitleScene
    from game.ui.scenes.menus import LoadScene
    from game.ui.scenes.replay import ReplaysScene

    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    for folder in (scenarios_dir(), logs_dir(), saves_dir()):
        folder.mkdir(parents=True)
    for old, new, _, _ in ISSUE_INPUTS:
        name = f"hostile_{len(list(scenarios_dir().iterdir()))}"
        (scenarios_dir() / f"{name}.yaml").write_text(_tutorial_with(old, new).replace("id: tutorial", f"id: {name}"))
    (scenarios_dir() / os.fsdecode(b"\x1b]0;owned\x07\xff.yaml")).write_text(TUTORIAL)
    _log_with_header(logs_dir(), os.fsdecode(b"\x1b[8m\xff.jsonl"), _nul_title)
    session = Session(check("tutorial").scenario, 5, ("tusk",), {"tusk": "Ann"})
    lines = session.save_text().splitlines()[:-1]
    header = json.loads(lines[0])
    _nul_title(header)
    header["scenario_id"] = "tutorial"
    header["agents"]["tu\x00sk"] = "human"
    header["players"] = {"tusk": "A\x00nn"}
    header["scenario_sha256"] = hashlib.sha256(header["scenario"].encode()).hexdigest()
    (saves_dir() / os.fsdecode(b"nul\x00title.summit".replace(b"\x00", b"\xff"))).write_text(
        _resealed([json.dumps(header)] + lines[1:]), errors="surrogateescape")

    app = make_app()
    app.show(TitleScene(app))
    press(app, app.scene.buttons["new"])
    assert scene_is(app, BrowserScene)
    for screen in (app.scene, LoadScene(app, back=None), ReplaysScene(app)):
        app.show(screen)
        frames(app, 2)
        widget = screen.list
        labels = [item["text"] for item in widget.item_list]
        assert labels and not any(ESCAPES.search(label) or "\x00" in label for label in labels), labels
        for label in labels:       # each entry chosen: what it says about the file is drawn too
            assert click_list_item(widget, label)
            frames(app, 2)
    own = {entry.path.name: entry for entry in BrowserScene(app).listed if entry.path.parent == scenarios_dir()}
    assert sorted(name for name, entry in own.items() if entry.scenario is None) == [f"hostile_{n}.yaml" for n in range(4)]
    assert own[os.fsdecode(b"\x1b]0;owned\x07\xff.yaml")].scenario is not None   # a name is no reason to refuse


def test_a_log_edited_to_hold_a_nul_opens_in_the_window(tmp_path, monkeypatch, capsys):
    """A second pass of the attacks: a statement edited to hold NUL and escape codes (consistently, so the rules
    replay it) crashed the Replays screen's log view; the window shows it escaped."""
    import json

    from game.cli import main
    from game.play.userdirs import logs_dir
    from game.ui.driver import click_list_item
    from game.ui.scenes.replay import ReplaysScene
    from ui_support import frames, make_app, press
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    logs_dir().mkdir(parents=True)
    log = logs_dir() / "forged.jsonl"
    assert main(["run", "tutorial", "--seed", "1", "--log", str(log)]) == 0
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    forged = "A\x00B\x1b[8m hidden"
    for line in lines:
        if line["type"] == "action" and line["action"]["kind"] == "statement":
            line["text"] = line["text"].replace(line["action"]["reason"], forged)
            line["action"]["reason"] = forged
    log.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    capsys.readouterr()
    assert main(["replay", "--verbose", str(log)]) == 0    # the rules take it; the terminal gets it escaped
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x00" not in out and "A\\x00B\\x1b[8m hidden" in out
    app = make_app()
    screen = ReplaysScene(app)
    app.show(screen)
    frames(app, 2)
    click_list_item(screen.list, screen.list.item_list[0]["text"])
    frames(app, 2)
    press(app, screen.open)
    frames(app, 60)
    assert type(app.scene).__name__ == "ReplayScene"
