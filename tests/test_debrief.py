"""`summit debrief`: the after-class report. Its numbers must be the engine's for the same log: the fixture logs
are replayed here independently and compared with debrief.json and with the cells of the Markdown's tables.

The fixtures were written once with `summit run` (see FIXTURES below) and are committed: if the log format
or the rules change so that they no longer replay, these tests fail loudly; regenerate them on purpose then.
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest
from cli_support import cli

from game.cli import main
from game.scenario.catalogue import check
from game.report.debrief import DebriefError, write, write_debrief
from game.engine import EndNow, InjectEvent
from game.engine.participation import Words
from game.play.replay import replay
from game.play.session import Session

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# summit run rutte_washington_2025 --seed 11 --log tests/fixtures/debrief_rutte.jsonl
RUTTE_LOG = FIXTURES / "debrief_rutte.jsonl"
# summit run tutorial --seed 0 --agents member=stubborn --log tests/fixtures/debrief_tutorial_no_deal.jsonl
NO_DEAL_LOG = FIXTURES / "debrief_tutorial_no_deal.jsonl"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def rutte(tmp_path_factory):
    """The fixture game replayed by the engine, and its debrief."""
    out = tmp_path_factory.mktemp("debrief") / "rutte"
    index = write([RUTTE_LOG], out)
    return replay(RUTTE_LOG), out, index


@pytest.fixture(scope="module")
def no_deal(tmp_path_factory):
    out = tmp_path_factory.mktemp("debrief") / "no_deal"
    write([NO_DEAL_LOG], out)
    return replay(NO_DEAL_LOG), out


def _section(markdown: str, title: str) -> str:
    """The Markdown of one section: from its heading to the next."""
    start = markdown.index(f"\n## {title}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end if end >= 0 else len(markdown)]


def _table(section: str, first_heading: str) -> list[dict[str, str]]:
    """The rows of the Markdown table whose first heading is `first_heading`, as heading -> cell."""
    lines = section.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_heading} |"))
    headings = [cell.strip().replace("\\", "") for cell in lines[start].strip("|").split(" | ")]
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip().replace("\\", "") for cell in line.strip().strip("|").split(" | ")]
        rows.append(dict(zip(headings, cells)))
    return rows


def _markdown(out: Path, name: str = "index") -> str:
    return (out / f"{name}.md").read_text(encoding="utf-8")


# ----- one game: the numbers are the engine's ---------------------------------------------------------

def test_the_fixture_is_a_deal_with_promises_and_threats(rutte):
    replayed, _, _ = rutte
    kinds = {entry.data["action"]["kind"] for entry in replayed.state.history if entry.type == "action"}
    assert replayed.outcome.agreed and {"promise", "threat"} <= kinds


def test_debrief_json_holds_the_engines_outcome(rutte):
    replayed, out, _ = rutte
    data = json.loads((out / "debrief.json").read_text(encoding="utf-8"))
    assert data["scenario"] == "rutte_washington_2025" and len(data["games"]) == 1
    game = data["games"][0]
    assert game["outcome"] == replayed.outcome.to_json()
    assert game["outcome"]["participation"]["trump"]["threats_made"] == replayed.outcome.participation["trump"].threats_made
    assert game["ended_by_teacher"] is False and game["seed"] == 11


def test_spending_table_matches_the_engine(rutte):
    replayed, out, _ = rutte
    rows = {row["Ally"]: row for row in _table(_section(_markdown(out), "Spending: now, pledged, projected"), "Ally")}
    for ally in replayed.outcome.allies:
        row = rows[ally.name]
        if ally.now is None:
            assert row["now % GDP"] == "n/a"
            continue
        assert row["now % GDP"] == f"{ally.now:.2f}"
        assert row["pledged % GDP"] == f"{ally.pledged:.2f}"
        assert row["by"] == str(ally.pledge_year)
        assert row[f"projected {replayed.outcome.years[-1]} % GDP"] == f"{ally.projected:.2f}"
    assert rows["Alliance"]["pledged % GDP"] == f"{replayed.outcome.totals('pledged')[1]:.2f}"


def test_scores_terms_and_participation_match_the_engine(rutte):
    replayed, out, _ = rutte
    scenario, outcome = replayed.scenario, replayed.outcome
    markdown = _markdown(out)
    scores = _table(_section(markdown, "Scores against no deal, and what each role wanted"), "Leader")
    assert len(scores) == len(scenario.leaders)
    by_name = {row["Leader"].split(" (")[0]: row for row in scores}
    for leader in scenario.leaders:
        assert by_name[leader.name]["score"] == f"{outcome.scores[leader.id]:.1f}"
    result = _section(markdown, "The result")
    for issue in scenario.issues:
        assert f"- **{issue.label}**: {issue.format(outcome.terms[issue.id])}" in result
    spain = next(year for ally, year in outcome.terms.carve_outs if ally == "spain")
    assert f"Spain {spain}" in result
    record = {row["Leader"].split(" (")[0]: row for row in _table(_section(markdown, "Participation record"), "Leader")}
    for leader in scenario.leaders:
        counts = outcome.participation[leader.id].to_json()
        assert record[leader.name]["proposals"] == str(counts["proposals"])
        assert record[leader.name]["objections"] == str(counts["objections"])
        assert record[leader.name]["promises kept"] == str(counts["promises_kept"])
        assert record[leader.name]["threats that worked"] == str(counts["threats_that_worked"])


def test_every_promise_and_threat_is_listed_with_what_became_of_it(rutte):
    replayed, out, _ = rutte
    words = Words({leader.id: leader.ally for leader in replayed.scenario.leaders})
    for entry in replayed.state.history:
        words.feed(entry)
    rows = _table(_section(_markdown(out), "Promises and threats"), "Round")
    assert len(rows) == len(words.words) > 0
    for row, word in zip(rows, words.words):
        assert row["Round"] == str(word.round) and row["Kind"] == word.kind
        assert row["What became of it"].startswith({"kept": "kept", "broken": "broken", "worked": "worked",
                                                    "carried_out": "carried out", "bluff": "a bluff",
                                                    "": "still open"}[word.settled])


def test_the_holdout_question_names_the_leader_who_objected_last_and_longest(rutte):
    replayed, out, _ = rutte
    objected: dict[str, set[int]] = {}
    for entry in replayed.state.history:
        if entry.type == "action" and entry.data["action"]["kind"] == "break_silence":
            objected.setdefault(entry.actor, set()).add(entry.round)
    holdout = max(objected, key=lambda leader: (max(objected[leader]), len(objected[leader])))
    leader = replayed.scenario.leader(holdout)
    rounds = sorted(objected[holdout])
    assert leader.name == "Emmanuel Macron" and rounds == list(range(1, 8))   # what the fixture holds
    questions = _section(_markdown(out), "Discussion questions")
    first = next(line for line in questions.splitlines() if line.startswith("1. "))
    assert f"{leader.name} (France) held out longest" in first and "rounds 1-7" in first
    assert "as long as Pedro Sánchez (Spain)" in first
    assert f"scored {replayed.outcome.scores[holdout]:.1f}" in first
    assert "threat to Pedro Sánchez (Spain) worked: Spain pledged 3.2% GDP by 2039 in round 8" in questions


def test_the_draft_per_round_is_the_logged_draft(rutte):
    replayed, out, _ = rutte
    rows = {row[""]: row for row in _table(_section(_markdown(out), "How each issue moved"), " ")}
    for entry in replayed.state.history:
        if entry.type == "result" and entry.data["result"] == "adopted":
            adopted = entry.data["draft"]
            row = rows[f"round\u00a0{entry.round}"]
            assert row["Core defence target (% GDP)"].split(" ")[0] == f"{adopted['core_target']:.1f}"
            assert row["carve-outs"].split(" ")[0] == str(len(adopted["carve_outs"]))


def test_the_agreement_is_set_against_the_nash_solution_of_inspect(rutte):
    from game.analysis.inspect import inspect
    replayed, out, _ = rutte
    nash = inspect(replayed.scenario).nash
    game = json.loads((out / "debrief.json").read_text(encoding="utf-8"))["games"][0]
    assert game["frontier"]["nash"]["values"] == nash.to_json()["values"]
    section = _section(_markdown(out), "Against the Pareto frontier and the Nash solution")
    rows = {row["Issue"]: row for row in _table(section, "Issue")}
    assert rows["Core defence target"]["Nash solution"] == replayed.scenario.issue("core_target").format(
        nash.values["core_target"])
    # The agreement's carve-outs put it outside the single-deadline packages inspect examines.
    assert game["frontier"]["crossed_without_carve_outs"] and not game["frontier"]["crossed"]


def test_charts_are_pngs_the_pages_show(rutte):
    _, out, index = rutte
    html = index.read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)" alt="([^"]+)"', html)
    assert {name for name, _ in images} == {"spending.png", "map.png", "issues.png", "scores.png", "pareto.png"}
    for name, alt in images:
        data = (out / name).read_bytes()
        assert data.startswith(PNG_SIGNATURE) and alt
        width, height = struct.unpack(">II", data[16:24])
        assert width >= 800 and height >= 300
    # 32 allies: the spending chart is tall enough for a row per ally
    assert struct.unpack(">II", (out / "spending.png").read_bytes()[16:24])[1] > 1200
    assert f"![" in _markdown(out) and "(spending.png)" in _markdown(out)



def test_the_map_of_the_allies_is_written_and_shown_with_the_spending(rutte):
    _, out, index = rutte
    data = (out / "map.png").read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 1000 and height >= 1000     # the projected map across the page, now and pledged under it
    spending = _section(_markdown(out), "Spending: now, pledged, projected")
    assert "(map.png)" in spending and "Yellow, hatched: under 2% of GDP" in spending
    assert "map.png" in json.loads((out / "debrief.json").read_text(encoding="utf-8"))["files"]


def test_the_map_lists_allies_it_has_no_shape_for(rutte, tmp_path):
    """A user's scenario may give an ally a code the map has no shape for: it is named, not drawn."""
    from types import SimpleNamespace

    from game.report.map_chart import draw_map
    replayed, _, _ = rutte
    scenario = replayed.scenario
    allies = [SimpleNamespace(id=a.id, iso3="XAA" if a.id == "spain" else a.iso3) for a in scenario.allies]
    missing = draw_map(SimpleNamespace(allies=allies), replayed.outcome, tmp_path / "map.png")
    assert missing == ["Spain"] and (tmp_path / "map.png").read_bytes().startswith(PNG_SIGNATURE)


def test_index_renders_in_a_browser_with_every_image_and_nothing_cut_off(rutte, tmp_path):
    from browser_support import render
    _, _, index = rutte
    rendering = render(index, tmp_path)
    assert len(rendering.loaded_images) == 5 and not rendering.broken_images, rendering.describe()
    assert not rendering.cut_off, rendering.describe()


# ----- how a game ended ------------------------------------------------------------------------------------

def test_a_game_without_a_deal(no_deal):
    replayed, out = no_deal
    assert not replayed.outcome.agreed
    markdown = _markdown(out)
    assert "No deal: in the last round (round 5) silence was still broken" in markdown
    data = json.loads((out / "debrief.json").read_text(encoding="utf-8"))["games"][0]
    assert set(data["outcome"]["scores"].values()) == {50.0}
    questions = _section(markdown, "Discussion questions")
    assert "Nash bargaining solution" in questions and "What would it have taken" in questions


def test_a_game_the_teacher_ended_says_so(tmp_path):
    session = Session(check("tutorial").scenario, 2, ())
    log = session.keep_log(tmp_path / "ended.jsonl")
    while session.state.round < 2:
        session.agent_move()
    session.teacher(InjectEvent(event="trump_post"))
    while session.state.round < 3:
        session.agent_move()
    session.teacher(EndNow(adopt=True, reason="Time is up."))
    out = tmp_path / "debrief"
    write([log], out)
    markdown = _markdown(out)
    assert "The teacher ended the negotiation in round 3 of 5 and adopted the draft on the table." in markdown
    assert "(The teacher brought it forward.)" in markdown
    questions = _section(markdown, "Discussion questions")
    assert "The teacher ended the negotiation in round 3" in questions
    assert "The teacher brought “Trump posts \"pay up\"” forward to round 2" in questions
    game = json.loads((out / "debrief.json").read_text(encoding="utf-8"))["games"][0]
    assert game["ended_by_teacher"] is True and game["outcome"] == session.outcome().to_json()


# ----- several games ------------------------------------------------------------------------------------------

def test_several_logs_of_one_scenario_are_compared_side_by_side(capsys, tmp_path):
    logs = []
    for seed in (1, 3):
        logs.append(tmp_path / f"table{seed}.jsonl")
        assert cli(capsys, "run", "tutorial", "--seed", str(seed), "--log", str(logs[-1]))[0] == 0
    logs.append(NO_DEAL_LOG)
    out = tmp_path / "class"
    code, printed, err = cli(capsys, "debrief", *map(str, logs), "--out", str(out))
    assert code == 0, err
    assert printed.splitlines()[-1] == f"Debrief of 3 games written to {out}/ (open {out / 'index.html'})"
    data = json.loads((out / "debrief.json").read_text(encoding="utf-8"))
    assert [game["outcome"] for game in data["games"]] == [replay(log).outcome.to_json() for log in logs]
    side = _table(_section(_markdown(out), "Side by side"), " ")
    headings = list(side[0])[1:]
    assert headings == ["table1 (seed 1)", "table3 (seed 3)", "debrief_tutorial_no_deal (seed 0)"]
    rows = {row[""]: row for row in side}
    assert rows["Result"]["debrief_tutorial_no_deal (seed 0)"] == "no deal"
    for log, heading in zip(logs, headings):
        outcome = replay(log).outcome
        assert rows["Donald Trump (United States): score"][heading] == f"{outcome.scores['trump']:.1f}"
        assert rows["Alliance pledged, % GDP"][heading] == f"{outcome.totals('pledged')[1]:.2f}"
    for name in ("table1", "table3", "debrief_tutorial_no_deal"):
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert f'src="{name}-spending.png"' in page and (out / f"{name}-spending.png").is_file()
        assert f'href="{name}.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert "reached agreement and debrief_tutorial_no_deal (seed 0) did not" in _markdown(out).replace("\\", "")


def test_logs_of_different_scenarios_are_refused(capsys, tmp_path):
    code, out, err = cli(capsys, "debrief", str(RUTTE_LOG), str(NO_DEAL_LOG), "--out", str(tmp_path / "x"))
    assert code == 2 and not out
    assert err.strip() == (f"summit debrief: {RUTTE_LOG} is a game of rutte_washington_2025 and {NO_DEAL_LOG} a game "
                           "of tutorial: a debrief compares games of one scenario (parallel tables)")
    assert not (tmp_path / "x").exists()


# ----- mistakes: one line, exit 2 --------------------------------------------------------------------------

def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)   # a debrief written by mistake lands here, not in the working tree
    edited = tmp_path / "edited.jsonl"
    lines = NO_DEAL_LOG.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if '"kind":"threat"' in line)
    lines[at] = re.sub(r'"demand":[0-9.]+', '"demand":2.1', lines[at])     # a threat softened after the game
    edited.write_text("".join(lines), encoding="utf-8")
    not_a_log = tmp_path / "notes.txt"
    not_a_log.write_text("hello\n", encoding="utf-8")
    a_file = tmp_path / "a_file"
    a_file.write_text("x", encoding="utf-8")
    crowded = tmp_path / "crowded"
    crowded.mkdir()
    (crowded / "essay.docx").write_text("mine", encoding="utf-8")
    cases = [
        ((str(tmp_path / "missing.jsonl"),), "missing.jsonl: cannot read"),
        ((str(not_a_log),), "notes.txt:1: not a Summit log line"),
        ((str(edited),), f"edited.jsonl:{at + 1}: the game does not replay as logged"),
        ((str(NO_DEAL_LOG), str(NO_DEAL_LOG)), "this log is named twice"),
        ((str(NO_DEAL_LOG), "--out", str(a_file)), "a_file: is a file; name a folder"),
        ((str(NO_DEAL_LOG), "--out", str(crowded)), "holds files Summit did not write"),
        ((str(NO_DEAL_LOG), "--out", str(a_file / "sub")), "summit debrief: cannot write to"),
    ]
    for args, expected in cases:
        code, out, err = cli(capsys, "debrief", *args)
        assert code == 2 and expected in err and len(err.strip().splitlines()) == 1, (args, err)
        assert "Traceback" not in err
    assert [p.name for p in crowded.iterdir()] == ["essay.docx"]


def test_a_game_in_progress_is_refused(tmp_path):
    session = Session(check("tutorial").scenario, 1, ())
    session.agent_move()
    path = session.save(tmp_path / "halfway.summit")
    with pytest.raises(DebriefError, match="the game is not over"):
        write([path], tmp_path / "out")


def test_the_default_folder_is_named_after_the_log_and_a_rerun_replaces_it(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = tmp_path / "monday.jsonl"
    log.write_bytes(NO_DEAL_LOG.read_bytes())
    assert cli(capsys, "debrief", str(log))[0] == 0
    assert (tmp_path / "monday-debrief" / "index.html").is_file()
    other = tmp_path / "tuesday.jsonl"
    assert cli(capsys, "run", "tutorial", "--seed", "1", "--log", str(other))[0] == 0
    written = write_debrief([log, other])       # several logs: the folder is named after their scenario
    folder = Path("tutorial-debrief")
    assert written[0] == folder / "index.html" and folder / "tuesday.html" in written
    # One log into that folder again: its pages replace those of the same names; the earlier games' own pages
    # stay (Summit deletes only what it made in this run), no longer linked; a file of the teacher's stays.
    (folder / "notes.txt").write_text("teacher's notes", encoding="utf-8")
    write([log], folder)
    names = sorted(p.name for p in folder.iterdir())
    assert "tuesday.html" in names and "notes.txt" in names and "index.md" in names and "spending.png" in names
    assert "tuesday.html" not in (folder / "index.html").read_text(encoding="utf-8")
    assert json.loads((folder / "debrief.json").read_text(encoding="utf-8"))["files"][-1] == "debrief.json"


def test_a_log_in_a_retired_format_is_refused_in_one_line_naming_the_tag(tmp_path, capsys):
    # tests/fixtures/format1_tutorial_no_deal.jsonl: the no-deal fixture as log format 1 wrote it
    old = FIXTURES / "format1_tutorial_no_deal.jsonl"
    assert main(["debrief", str(old), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "log format 1 is no longer read" in err and "log-format-1" in err
    assert not (tmp_path / "out").exists()
    assert main(["replay", str(old)]) == 2
    assert "log-format-1" in capsys.readouterr().err


def test_the_question_on_undelivered_commitments_compares_figures_of_the_same_year(tmp_path, capsys):
    """The verification play-through: 'committed to 2.00% GDP by 2030 but is projected to reach only 2.03% by
    2035 (40% of its promised progress)' paired the share delivered by the deadline with the last year's level.
    The question now gives the level projected for the deadline year itself, below what was committed."""
    import re as regex

    from game.cli import main
    log = tmp_path / "g.jsonl"
    assert main(["run", "rutte_washington_2025", "--seed", "262597", "--log", str(log)]) == 0
    assert main(["debrief", str(log), "--out", str(tmp_path / "d")]) == 0
    page = (tmp_path / "d" / "index.md").read_text(encoding="utf-8")
    found = regex.search(r"committed to ([\d.]+)% GDP by (\d+) but is projected to be at only ([\d.]+)% that year", page)
    assert found, "the question is asked for this game"
    assert float(found.group(3)) < float(found.group(1))
