"""Scenario format 2: what a lecturer could not express in format 1, played through the engine, the game
account, the briefings and the validator (tests/data/format2.yaml uses every new field)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from cli_support import cli
from game.agents import agents_for, names
from game.engine.preferences import Preferences
from game.engine import BreakSilence, Draft, Game, Pass, Phase, Pledge, TableDraft, outcome, play
from game.report.briefing import briefing
from game.scenario import check_bytes, load_scenario

FILE = Path(__file__).parent / "data" / "format2.yaml"
TEXT = FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(FILE, names())


def _draft(**values) -> Draft:
    base = {"core_target": 2.0, "accession": "not_now", "partnership": "nothing", "counter_terrorism": "none"}
    return Draft.of({**base, **values})


def test_a_format_2_file_validates_and_plays_to_an_agreement(capsys):
    code, out, err = cli(capsys, "run", str(FILE), "--seed", "1")
    assert code == 0, err
    assert "AGREED" in out


def test_sentences_read_the_options_labels_never_their_ids(capsys):
    _, out, _ = cli(capsys, "run", str(FILE), "--seed", "1")
    assert "Invite Northland to join" in out and "No invitation this year" in out
    for raw in ("not_now", "when_allies_agree", "action_plan", "invite "):
        assert raw not in out, raw
    assert "Northland's accession" in out and "northland's accession" not in out   # a name keeps its capital


def test_per_option_values_rank_the_middle_options(scenario):
    prefs = Preferences(scenario)   # the file's leaders as written (no seed's spread)
    west = "west"
    worth = {option: prefs.utility(_draft(partnership=option), west) for option in ("nothing", "when_allies_agree", "action_plan")}
    # Westland values the plan at 1.0, "when allies agree" at 0.6 and nothing at 0: its partnership weight is 0.3
    assert worth["action_plan"] - worth["nothing"] == pytest.approx(0.3)
    assert worth["when_allies_agree"] - worth["nothing"] == pytest.approx(0.3 * 0.6)


def test_a_red_line_linked_to_another_issue_holds_only_without_that_condition(scenario):
    prefs = Game(scenario, 0).preferences()
    assert prefs.crossed(_draft(accession="invite"), "south") == ("accession",)
    assert prefs.crossed(_draft(accession="invite", counter_terrorism="memorandum"), "south") == ()
    candidates = [[prefs.encode(_draft(accession="invite", counter_terrorism=ct))] for ct in ("none", "memorandum")]
    ok = prefs.candidate_acceptable(np.vstack([row[0] for row in candidates]))
    row = prefs.row("south")
    assert list(ok[:, row]) == [False, True]


def test_a_participant_without_a_vote_never_answers_in_silence_and_cannot_block(scenario):
    game = Game(scenario, 1)
    assert "north" not in game.voters and "east" not in game.voters
    state = play(game, agents_for(scenario))
    silent = {entry.actor for entry in state.history if entry.phase == "silence" and entry.type == "action"}
    assert silent == {"west", "south"}
    result = outcome(game, state)
    assert result.agreed and state.draft["partnership"] != "action_plan"   # the envoy wanted more, and it stood
    assert result.scores["east"] < 100


def test_a_conditional_event_fires_once_its_moves_and_draft_are_there_and_lifts_the_red_line(scenario):
    game = Game(scenario, 0)
    state = game.new_initial_state()
    steps = 0
    while not state.is_terminal and steps < 200:
        steps += 1
        actor = game.current_actor(state)
        if state.phase == Phase.DRAFTING:
            action = TableDraft(actor, "Scripted.", draft=_draft(accession="invite", counter_terrorism="memorandum"))
        elif actor == "north" and state.round == 1 and state.phase == Phase.CONSULTATIONS:
            action = Pledge(actor, "Scripted.", level=2.0, year=2027)
        elif actor == "south" and state.phase == Phase.SILENCE and state.round == 1:
            action = BreakSilence(actor, "Scripted.", issue="core_target", wants="more")
        else:
            action = Pass(actor, "Scripted.")
        state = game.apply(state, action)
        if state.round == 2:
            break
    fired = [entry for entry in state.history if entry.type == "event"]
    assert [entry.data["event"] for entry in fired] == ["memorandum_signed", "recession", "envoy_arrives"]
    assert fired[0].round == 2
    prefs = game.preferences_now(state)
    # lifted: even without the memorandum the accession no longer crosses Southland's red line
    assert prefs.crossed(_draft(accession="invite"), "south") == ()


def test_a_conditional_event_does_not_fire_before_its_moves(scenario):
    game = Game(scenario, 0)
    state = game.new_initial_state()
    assert not any(entry.type == "event" for entry in state.history)


def test_a_schema_1_file_using_a_format_2_field_is_told_to_say_schema_2():
    text = TEXT.replace("schema: 2", "schema: 1")
    checked = check_bytes(text.encode(), "f.yaml", names(), expected_id="format2")
    messages = [str(problem) for problem in checked.errors]
    assert checked.scenario is None
    assert any(re.search(r"f\.yaml:\d+:\d+: chart_lines: 'chart_lines' needs scenario format 2: set 'schema: 2'", m)
               for m in messages), messages
    fields = {m.split(": ", 2)[2].split(" needs scenario format 2")[0] for m in messages if "needs scenario format 2" in m}
    assert fields == {"'chart_lines'", "an option written out with a label", "'votes'", "'background'", "'values'",
                      "'unless'", "'when'", "'set: null' (lifting a red line)", "an event on an ally's gdp_usd_bn",
                      "an event on an ally's defence_pct_gdp", "'seated'", "'joins' (a seat that changes)",
                      "'after'"}


def test_format_2_mistakes_are_located_and_explained():
    broken = TEXT.replace("values: {nothing: 0.0, when_allies_agree: 0.6, action_plan: 1.0}",
                          "values: {nothing: 0.0, action_plan: 1.0}")
    broken = broken.replace("unless: {issue: counter_terrorism, is: [memorandum]}", "unless: {issue: counter_terror, is: [memorandum]}")
    broken = broken.replace("field: red_line, set: null", "field: weight, set: null")
    checked = check_bytes(broken.encode(), "f.yaml", names(), expected_id="format2")
    messages = "\n".join(str(problem) for problem in checked.errors)
    assert "'values' gives every option its worth; missing: when_allies_agree" in messages
    assert "unknown issue 'counter_terror' (did you mean 'counter_terrorism'?)" in messages
    assert "'set: null' lifts a red line: it goes with field red_line only" in messages
    assert all(re.match(r"f\.yaml:\d+:\d+: ", str(problem)) for problem in checked.errors)


def test_a_written_out_option_with_a_mistake_is_one_located_error():
    broken = TEXT.replace("        help: Accession talks begin at once.", "        hlep: Accession talks begin at once.")
    checked = check_bytes(broken.encode(), "f.yaml", names(), expected_id="format2")
    assert [str(p) for p in checked.errors] == [
        "f.yaml:24:9: issues[1].options[1].hlep: unknown key 'hlep' (did you mean 'help'?)"]


def test_the_briefings_show_background_values_linkage_and_who_sits_without_a_vote(scenario):
    west = briefing(scenario, scenario.leader("west"))
    text = "\n".join(" ".join(section.paragraphs) + " " + " ".join(item.text for item in section.items)
                     for section in west.sections)
    assert "Westland leads the alliance and wants Northland in before winter." in text
    assert "then Invite Eastland when Allies agree and conditions are met (worth 60%), Nothing new (worth 0%)" in text
    assert "At the table without a vote" in [section.title for section in west.sections]
    south = briefing(scenario, scenario.leader("south"))
    assert any("unless the draft says Counter-terrorism memorandum: memorandum" in item.text
               for section in south.sections for item in section.items)
    east = briefing(scenario, scenario.leader("east"))
    levers = next(section for section in east.sections if section.title == "Your levers")
    assert "do not take part in the silence procedure" in levers.items[0].text
    assert not any("Pledge" in item.text for item in levers.items)   # it speaks for no country


def test_chart_lines_replace_the_default_reference_lines(scenario):
    assert scenario.reference_lines == (2.0,)
    assert load_scenario(Path(__file__).parent.parent / "scenarios" / "tutorial.yaml", names()).reference_lines == (2.0, 3.5, 5.0)


def test_migrate_rewrites_only_the_schema_line_and_keeps_the_old_file(capsys, tmp_path):
    original = (Path(__file__).parent.parent / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    path = tmp_path / "tutorial.yaml"
    path.write_text(original, encoding="utf-8")
    code, out, err = cli(capsys, "migrate", str(path))
    assert code == 0, err
    assert "in scenario format 2" in out
    migrated = path.read_text(encoding="utf-8")
    assert migrated == original.replace("\nschema: 1", "\nschema: 2", 1)
    assert (tmp_path / "tutorial.yaml.bak").read_text(encoding="utf-8") == original
    assert load_scenario(path, names()).schema_ == 2
    code, out, _ = cli(capsys, "migrate", str(path))
    assert code == 0 and "already in scenario format 2" in out


def test_what_an_option_leads_to_after_the_summit_is_told_by_year(capsys):
    _, out, _ = cli(capsys, "run", str(FILE), "--seed", "1")
    assert ("After the summit:\n  2023  Northland joins the alliance (Northland's accession)\n"
            "  2024  2% becomes a floor, not a ceiling (Core defence target)\n\n") in out   # 2.5%: not reached
    broken = TEXT.replace("after: [{year: 2023,", "after: [{year: 2020,")
    checked = check_bytes(broken.encode(), "f.yaml", names(), expected_id="format2")
    assert [str(p).split(": ", 2)[2] for p in checked.errors] == [
        "a consequence after the summit comes in 2022 or later, found 2020"]


def test_a_promise_or_threat_about_an_issue_is_judged_by_the_draft(scenario):
    from game.engine import Promise, Threat
    from game.engine.participation import Words

    game = Game(scenario, 0)
    state = game.new_initial_state()
    moves = {("west", Phase.CONSULTATIONS): Promise("west", "Scripted.", target="north", issue="accession", value="invite"),
             ("south", Phase.CONSULTATIONS): Threat("south", "Scripted.", target="north", issue="counter_terrorism",
                                                    value="memorandum")}
    while state.round == 1 and not state.is_terminal:
        actor = game.current_actor(state)
        if state.phase == Phase.DRAFTING:
            action = TableDraft(actor, "Scripted.", draft=_draft(accession="invite"))   # no memorandum in the text
        elif state.phase == Phase.SILENCE and actor == "south":
            action = BreakSilence(actor, "Scripted.", issue="counter_terrorism", wants="memorandum")
        else:
            action = moves.get((actor, state.phase)) or Pass(actor, "Scripted.")
        state = game.apply(state, action)
    words = Words({leader.id: leader.ally for leader in scenario.leaders}, pen_holder="chair")
    for entry in state.history:
        words.feed(entry)
    assert [(w.giver, w.kind, w.settled) for w in words.words] == [("west", "promise", "kept"),
                                                                   ("south", "threat", "carried_out")]
    said = "\n".join(entry.text for entry in state.history)
    assert "West Leader (Westland) promises North Leader (Northland) to let the text through if it says Northland's " \
           "accession: Invite Northland to join" in said
    assert "South Leader (Southland) warns North Leader (Northland): unless the text says counter-terrorism memorandum " \
           "memorandum, it will block it" in said
    assert "issue" not in Promise("a", target="b", demand=3.5).to_json()   # a word about a pledge is logged as before


def test_the_chair_forgets_a_limit_once_an_event_changes_that_red_line(scenario):
    from game.agents import beliefs
    from game.engine import Statement

    game = Game(scenario, 0)
    state = game.new_initial_state()
    while state.round == 1 and not state.is_terminal:
        actor = game.current_actor(state)
        if state.phase == Phase.DRAFTING:
            action = TableDraft(actor, "Scripted.", draft=_draft(accession="invite", counter_terrorism="memorandum"))
        elif actor == "south" and state.phase == Phase.CONSULTATIONS:
            action = Statement(actor, "Never an invitation.", issue="accession", limit="invite", bound="not")
        elif actor == "north" and state.phase == Phase.CONSULTATIONS:
            action = Pledge(actor, "Scripted.", level=2.0, year=2027)
        elif actor == "south" and state.phase == Phase.SILENCE:
            action = BreakSilence(actor, "Scripted.", issue="accession", wants="not_now")
        else:
            action = Pass(actor, "Scripted.")
        state = game.apply(state, action)
        if state.round == 1 and state.phase == Phase.SILENCE and actor == "south":
            known = beliefs.read(game.observe(state, "chair"))
            row, col = known.row("south"), [i.id for i in scenario.issues].index("accession")
            assert (row, col, 1.0) in known.hard_refused   # the stated limit is believed
    assert any(entry.type == "event" for entry in state.history)   # round 2 began with the memorandum signed
    known = beliefs.read(game.observe(state, "chair"))
    row, col = known.row("south"), [i.id for i in scenario.issues].index("accession")
    assert not any((r, c) == (row, col) for r, c, _ in known.hard_refused)
    assert known.limit("south", "accession") == (float("-inf"), float("inf"))


def test_an_event_changes_an_allys_figures_for_the_table_and_the_years_after(scenario, capsys):
    game = Game(scenario, 1)
    state = play(game, agents_for(scenario))
    assert any(entry.type == "event" and entry.data["event"] == "recession" for entry in state.history)
    southland = next(ally for ally in outcome(game, state).allies if ally.id == "southland")
    assert southland.now == 1.2 and southland.gdp_usd_bn == pytest.approx(810.0)
    assert game.scenario_now(state).ally("southland").defence_pct_gdp == 1.2
    assert scenario.ally("southland").defence_pct_gdp == 1.4            # the scenario itself is not changed
    assert game.observe(state, "south").ally.gdp_usd_bn == pytest.approx(810.0)
    broken = TEXT.replace("{ally: southland, field: defence_pct_gdp, set: 1.2}", "{ally: southland, field: defence_pct_gdp, set: 120}")
    checked = check_bytes(broken.encode(), "f.yaml", names(), expected_id="format2")
    assert [str(p).split(": ", 2)[2] for p in checked.errors] == ["expected a share of GDP in 0..100 (%), found 120.0"]


def test_a_seat_that_arrives_late_moves_only_from_then_and_one_that_leaves_can_block_no_more(scenario):
    game = Game(scenario, 1)
    state = play(game, agents_for(scenario))
    moved = {entry.round for entry in state.history if entry.type == "action" and entry.actor == "east"}
    assert 1 not in moved and 2 in moved          # Eastland's envoy joins in round 2 (event envoy_arrives)
    east = briefing(scenario, scenario.leader("east"))
    arrive = next(section for section in east.sections if section.title == "When you arrive")
    assert "“Eastland's envoy arrives”" in arrive.paragraphs[0]
    # Southland walks out in round 2: from then on its objection cannot stop a draft
    walkout = TEXT.replace("effects: [{leader: east, field: joins}]",
                           "effects: [{leader: east, field: joins}, {leader: south, field: leaves}]")
    left = check_bytes(walkout.encode(), "f.yaml", names(), expected_id="format2").scenario
    game = Game(left, 0)
    state = game.new_initial_state()
    while not state.is_terminal:
        actor = game.current_actor(state)
        if state.phase == Phase.DRAFTING:
            action = TableDraft(actor, "Scripted.", draft=_draft(accession="invite"))
        elif state.phase == Phase.SILENCE and actor == "south":
            action = BreakSilence(actor, "Scripted.", issue="accession", wants="not_now")
        else:
            action = Pass(actor, "Scripted.")
        state = game.apply(state, action)
    assert state.round == 2 and outcome(game, state).agreed        # blocked in round 1, adopted once it had left
    assert not any(entry.actor == "south" for entry in state.history if entry.round == 2)
    broken = walkout.replace("{leader: south, field: leaves}", "{leader: chair, field: leaves}")
    checked = check_bytes(broken.encode(), "f.yaml", names(), expected_id="format2")
    assert [str(p).split(": ", 2)[2] for p in checked.errors] == [
        "the pen holder tables every draft and cannot leave the table"]


def test_validate_and_inspect_honour_a_red_line_linked_to_another_issue():
    """A newcomer's trial found both tools treating an `unless` red line as absent (inspect) or as permanent
    (validate's 'can never agree')."""
    from game.analysis.inspect import inspect
    forced = TEXT.replace("      accession: {ideal: invite, weight: 0.5}",
                          "      accession: {ideal: invite, weight: 0.5, red_line: not_now, source: nato}")
    checked = check_bytes(forced.encode(), "f.yaml", names(), expected_id="format2")
    warnings = [p.message for p in checked.warnings]
    assert any(m.endswith("the scenario cannot agree unless event 'memorandum_signed' (when its condition holds) fires "
                          "or the draft says counter_terrorism: memorandum") for m in warnings), warnings
    assert not any("can never agree" in m for m in warnings)
    # inspect: a package inviting Northland without the memorandum is not acceptable to Southland
    result = inspect(load_scenario(FILE, names()))
    scenario = load_scenario(FILE, names())
    packages = Preferences(scenario)
    everyone = [np.array([p.position(v) for p, v in zip(scenario.issues, values)])
                for values in [(2.0, "invite", "nothing", "none"), (2.0, "invite", "nothing", "memorandum")]]
    ok = packages.candidate_acceptable(np.vstack(everyone))[:, packages.row("south")]
    assert list(ok) == [False, True]
    # 11 core values x (not_now with either memorandum value, and invite only with it) x 3 partnership options
    assert result.acceptable == 11 * 3 * 3


def test_inspect_lists_seats_and_conditional_events(capsys):
    code, out, _ = cli(capsys, "inspect", str(FILE))
    assert code == 0
    assert "May fire (when its condition holds): memorandum_signed: south red_line on accession: lifted." in out
    data = __import__("json").loads(cli(capsys, "inspect", str(FILE), "--json")[1])
    assert [e["id"] for e in data["events"]] == ["envoy_arrives"]
    assert data["events"][0]["changes"] == ["east takes its seat"]
    after = data["events"][0]
    assert after["agreement"] > 0 and all(zone["agreement"] for zone in after["issues"])   # the zone of agreement
    # after the event is filled in, as it is at the start (a newcomer found it empty)
    assert data["may_fire"][0]["probability"] is None and data["may_fire"][0]["id"] == "memorandum_signed"
    accession = next(zone for zone in data["issues"] if zone["id"] == "accession")
    assert accession["conditional"] == {"invite": ["south (unless counter_terrorism is memorandum)"]}
    assert "invite refused by south (unless" in out   # the table wraps the rest of the cell


def test_the_debrief_draws_what_followed_the_summit_on_a_timeline(capsys, tmp_path):
    log = tmp_path / "game.jsonl"
    assert cli(capsys, "run", str(FILE), "--seed", "1", "--log", str(log))[0] == 0
    code, _, err = cli(capsys, "debrief", str(log), "--out", str(tmp_path / "debrief"))
    assert code == 0, err
    page = (tmp_path / "debrief" / "index.md").read_text(encoding="utf-8")
    assert "## After the summit" in page and "Northland joins the alliance" in page
    assert "![Timeline of what followed the summit" in page and (tmp_path / "debrief" / "after.png").stat().st_size > 1000


def test_an_event_gives_the_options_new_worth_to_a_leader():
    rerated = TEXT.replace("      - {ally: southland, field: defence_pct_gdp, set: 1.2}",
                           "      - {ally: southland, field: defence_pct_gdp, set: 1.2}\n"
                           "      - {leader: west, issue: partnership, field: values,"
                           " values: {nothing: 0.0, when_allies_agree: 1.0, action_plan: 0.2}}")
    scenario = check_bytes(rerated.encode(), "f.yaml", names(), expected_id="format2").scenario
    game = Game(scenario, 0)
    state = game.new_initial_state()
    before = game.preferences_now(state)
    while state.round < 2:
        actor = game.current_actor(state)
        if state.phase == Phase.DRAFTING:
            action = TableDraft(actor, "Scripted.", draft=_draft())
        elif state.phase == Phase.SILENCE and actor == "south":   # someone objects, so a second round comes
            action = BreakSilence(actor, "Scripted.", issue="core_target", wants="more")
        else:
            action = Pass(actor, "Scripted.")
        state = game.apply(state, action)
    after = game.preferences_now(state)
    plan, agree = _draft(partnership="action_plan"), _draft(partnership="when_allies_agree")
    assert before.utility(plan, "west") > before.utility(agree, "west")
    assert after.utility(agree, "west") > after.utility(plan, "west")     # the event turned the ranking round
    assert game.observe(state, "west").ideal["partnership"] == "when_allies_agree"
    broken = rerated.replace("values: {nothing: 0.0, when_allies_agree: 1.0, action_plan: 0.2}",
                             "values: {nothing: 0.0, action_plan: 0.2}")
    checked = check_bytes(broken.encode(), "f.yaml", names(), expected_id="format2")
    assert [str(p).split(": ", 2)[2] for p in checked.errors] == ["'values' gives every option its worth; missing: when_allies_agree"]


def test_migrate_never_replaces_an_earlier_backup(capsys, tmp_path):
    """A second pass of the attacks: a second migrate (or a file of the user's named FILE.yaml.bak) was replaced
    silently; it is refused, and nothing is written."""
    original = (Path(__file__).parent.parent / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    path = tmp_path / "tutorial.yaml"
    path.write_text(original, encoding="utf-8")
    (tmp_path / "tutorial.yaml.bak").write_text("my notes\n", encoding="utf-8")
    code, _, err = cli(capsys, "migrate", str(path))
    assert code == 2 and "tutorial.yaml.bak exists" in err, err
    assert (tmp_path / "tutorial.yaml.bak").read_text(encoding="utf-8") == "my notes\n"
    assert path.read_text(encoding="utf-8") == original
