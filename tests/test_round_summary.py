"""A round in five lines (game/play/round_summary.py): `summit run` and `summit replay` tell each round in short
by default, `--verbose` prints every move as before, and --json and logs do not change."""

from __future__ import annotations

import json

import pytest
from cli_support import cli

from game.cli import main
from game.play.replay import replay
from game.play.round_summary import objection_text, summaries, summarize


@pytest.fixture(scope="module")
def rutte_log(tmp_path_factory):
    path = tmp_path_factory.mktemp("summary") / "rutte.jsonl"
    assert main(["run", "rutte_washington_2025", "--seed", "0", "--log", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def rutte(rutte_log):
    return replay(rutte_log)


def test_a_rutte_game_fits_in_150_lines_and_verbose_prints_every_move(capsys, rutte):
    code, short, err = cli(capsys, "run", "rutte_washington_2025", "--seed", "0")
    assert code == 0 and err == ""
    lines = short.splitlines()
    assert len(lines) <= 150, len(lines)          # every move printed: 637 lines
    assert "stays silent" not in short and "The draft is good enough" not in short
    code, full, err = cli(capsys, "run", "rutte_washington_2025", "--seed", "0", "--verbose")
    assert code == 0 and err == ""
    # --verbose is the account as it was: one line per entry of the log, under a heading per round
    history = rutte.state.history
    expected, current = [], None
    for entry in history:
        if entry.round != current:
            current = entry.round
            expected += ["", f"Round {entry.round} of 8"]
        expected.append({"event": "  ! ", "result": "  = "}.get(entry.type, f"  [{entry.phase}] ") + entry.text)
    body = full.splitlines()
    start = body.index("Round 1 of 8") - 1
    assert body[start:start + len(expected)] == expected
    assert body[start + len(expected):] == lines[lines.index("=" * 78) - 1:]   # the same outcome after it
    assert len(body) > 600


def test_objections_are_grouped_by_issue_with_counts(rutte):
    first = summarize(rutte.scenario, rutte.state.history, 1)
    assert first.heading == "Round 1 of 8: 18 of 32 voters broke silence; the negotiation goes on."
    assert [(o.issue, o.count) for o in first.objections] == [("core defence target", 11),
                                                             ("Ukraine in the text", 4), ("deadline", 3)]
    core = first.objections[0]
    assert [(g.wants, len(g.names)) for g in core.groups] == [("less", 10), ("more", 1)]
    assert core.groups[1].names == ("Latvia",)
    assert objection_text(first.objections[1]) == ("Ukraine in the text 4 (want separate: United States, Türkiye, "
                                                    "Hungary and Slovakia)")
    assert objection_text(first.objections[2]) == "deadline 3 (want later: France, Portugal and Montenegro)"
    # on the command line: one line for all twenty objections, each long list cut short
    objection_lines = [line for line in first.lines() if "Objections" in line]
    assert objection_lines == ["  Objections: core defence target 11 (want less: Italy, Canada, Spain, Belgium and 6 "
                               "more; want more: Latvia); Ukraine in the text 4 (want separate: United States, Türkiye, "
                               "Hungary and Slovakia); deadline 3 (want later: France, Portugal and Montenegro)."]
    assert first.events == tuple(e.text for e in rutte.state.history if e.round == 1 and e.type == "event")
    assert len(first.events) == 2


def test_the_draft_change_requests_pledges_and_words_of_a_round(rutte):
    second = summarize(rutte.scenario, rutte.state.history, 2)
    assert second.draft == ("Mark Rutte changed the draft: core defence target 3.6% GDP → 3.5% GDP; Ukraine in the "
                            "text coordinated → separate; carve-outs added to 2040 for 13 allies (Albania, Belgium, "
                            "Bulgaria, Canada and 9 more).")
    assert second.asked == ("Asked for: core defence target 2.8% GDP to 4.2% GDP (11 proposals); Ukraine in the text "
                            "coordinated (8 proposals); a later deadline (to 2040) for Slovakia.")
    # Germany no longer pledges here unasked: its pledge would leave the draft worth less against no deal, as it
    # forecasts the US review (agents/review.py)
    assert second.pledges == ("Pledged (core defence, % of GDP): Netherlands 4.4%, Sweden 3.5% and Denmark 4.8% by "
                              "2032.")
    assert second.words == "Promises: United States → Poland (support if it pledges at least 5.0% GDP)."
    last = summarize(rutte.scenario, rutte.state.history, 8)
    assert last.verdict == "no_deal"
    assert last.heading == "Round 8 of 8: 1 of 32 voters broke silence; that was the last round: no deal."


def test_the_tutorial_round_that_adopts(capsys):
    code, out, _ = cli(capsys, "run", "tutorial", "--seed", "0")
    assert code == 0
    assert "Round 5 of 5: none of the 4 voters broke silence; the draft is adopted." in out.splitlines()
    assert "  Objections: core defence target 2 (want less: Spain; want more: United States)." in out.splitlines()
    assert "  Opening draft by Mark Rutte: core defence target 3.6% GDP; deadline 2033; US guarantee unconditional." \
        in out.splitlines()


def test_replay_prints_the_same_summary_and_stops_where_asked(capsys, rutte_log):
    _, run_out, _ = cli(capsys, "run", "rutte_washington_2025", "--seed", "0")
    assert cli(capsys, "replay", str(rutte_log)) == (0, run_out, "")
    _, verbose, _ = cli(capsys, "run", "rutte_washington_2025", "--seed", "0", "--verbose")
    assert cli(capsys, "replay", str(rutte_log), "--verbose") == (0, verbose, "")
    code, partial, _ = cli(capsys, "replay", str(rutte_log), "--until", "2")
    assert code == 0
    assert "Round 2 of 8: 22 of 32 voters broke silence; the negotiation goes on." in partial
    assert "Round 3 of 8" not in partial and "NOT OVER: replayed through round 2" in partial


def test_logs_and_json_do_not_depend_on_verbose(capsys, tmp_path):
    outputs = []
    for extra in ((), ("--verbose",)):
        log = tmp_path / f"game{len(outputs)}.jsonl"
        code, out, _ = cli(capsys, "run", "tutorial", "--seed", "3", "--json", "--log", str(log), *extra)
        assert code == 0
        outputs.append((out, log.read_bytes()))
    assert outputs[0] == outputs[1]
    json.loads(outputs[0][0])


def test_a_round_not_finished_says_so(rutte):
    history = rutte.state.history
    cut = next(i for i, e in enumerate(history) if e.round == 3 and e.phase == "silence")
    partial = summaries(rutte.scenario, history[:cut])
    assert [s.round for s in partial] == [1, 2, 3]
    assert partial[-1].heading == "Round 3 of 8: not finished." and partial[-1].verdict == ""
    assert partial[-1].objections == ()
    with pytest.raises(ValueError, match="no round 4"):
        summarize(rutte.scenario, history[:cut], 4)
