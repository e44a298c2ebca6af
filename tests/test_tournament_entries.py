"""`summit tournament SCENARIO --entries DIR`: a class's agent files played against the built-in agents and each
other, as a teacher meets it: the leaderboard (terminal, CSV, JSON, a page with charts), every failure named
with its file and line, the files that did not load listed, and the options it refuses.

The class here is small and made in a temporary folder: four honest entries (one in two roles, one that prints),
two that fail at their turn (raises, returns None) and three files that cannot play (a syntax error, no role, a
name that is taken); an entry that loops plays in a class of its own with a short time limit (in the big class
under a limit of a fraction of a second, a busy machine could stop an honest entry too: the time limit is
wall-clock time). The games are the tutorial's; the outputs are computed once per module.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import textwrap
from pathlib import Path

import numpy as np
import pytest
from cli_support import captured

from game.analysis.leaderboard import CSV_COLUMNS, t_interval, t_quantile
from game.report.document import html_text

SCENARIO = "tutorial"   # rutte (secretary_general), trump (us_president), scholz, sanchez, tusk (members)
RUNS = 2
SECONDS = "0.2"

ENTRIES = {
    "patient.py": '''
        from game.agents.member import MemberAgent

        print("patient.py says hello at import")


        class Patient(MemberAgent):
            name = "patient"                       # no roles: a MemberAgent plays member

            def consult(self, observation, rng):
                print("thinking out loud")
                return super().consult(observation, rng)
        ''',
    "quiet.py": '''
        from game.agents.base import BaseAgent
        from game.engine import Pass


        class Quiet(BaseAgent):
            name = "quiet"
            roles = ("member", "us_president")

            def consult(self, observation, rng):
                return Pass(self.leader_id, "Nothing to add.")

            def silence(self, observation, rng):
                return Pass(self.leader_id, "Silent.")
        ''',
    "chair.py": '''
        from game.agents.secretary_general import SecretaryGeneralAgent


        class Chair(SecretaryGeneralAgent):
            name = "chair"
        ''',
    "hawk.py": '''
        from game.agents.us_president import UsPresidentAgent


        class Hawk(UsPresidentAgent):
            name = "hawk"
        ''',
    "raises.py": '''
        from game.agents.base import BaseAgent


        class Raises(BaseAgent):
            name = "raises"
            roles = ("member",)

            def consult(self, observation, rng):
                raise ValueError("<b>boom</b> & co")
        ''',
    "none.py": '''
        from game.agents.base import BaseAgent


        class Forgets(BaseAgent):
            name = "forgets"
            roles = ("member",)

            def consult(self, observation, rng):
                observation.round
        ''',
    "syntax.py": '''
        from game.agents.base import BaseAgent
        class Broken(BaseAgent)
            name = "broken"
        ''',
    "norole.py": '''
        from game.agents.base import BaseAgent


        class Nobody(BaseAgent):
            name = "nobody"
        ''',
    "clash.py": '''
        from game.agents.member import MemberAgent


        class Clash(MemberAgent):
            name = "member"
        ''',
}
LOOPS = '''
        from game.agents.base import BaseAgent


        class Loops(BaseAgent):
            name = "loops"
            roles = ("member",)

            def consult(self, observation, rng):
                while True:
                    pass
        '''

PLAYING = {"patient (member)", "quiet (member)", "quiet (us_president)", "chair (secretary_general)",
           "hawk (us_president)", "raises (member)", "forgets (member)"}
FAILING = {   # where in the file (the line an exception passed through, else the method for the phase), and what
    "raises (member)": r"raises\.py:9\) at round 1, consultations, seed 0: raised ValueError: <b>boom</b> & co",
    "forgets (member)": r"none\.py:8\) at round 1, consultations, seed 0: returned None, not an action"}
LOOPING = rf"loops\.py:(9|10)\) at round 1, consultations, seed 0: took longer than its limit of {SECONDS} s"
NOT_PLAYING = {"syntax.py": "did not load: syntax.py:2: SyntaxError: expected ':'",
               "norole.py": "declares no role (add roles = ('member',)",
               "clash.py": "did not load: clash.py: agent name 'member' is taken (by a built-in agent)"}


def _class_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in ENTRIES.items():
        (folder / name).write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def entries(tmp_path_factory) -> Path:
    return _class_folder(tmp_path_factory.mktemp("class") / "entries")


@pytest.fixture(scope="module")
def outputs(entries, tmp_path_factory) -> dict:
    """One tournament: its JSON on stdout, its CSV and its page."""
    out = tmp_path_factory.mktemp("outputs")
    code, stdout, err = captured("tournament", SCENARIO, "--entries", str(entries), "--runs", str(RUNS), "--json", "--out", str(out / "board.csv"),
                                 "--html", str(out / "page"))
    assert code == 0, err
    return {"json": json.loads(stdout), "csv": (out / "board.csv").read_bytes(), "page": out / "page", "err": err}


@pytest.fixture(scope="module")
def board(outputs) -> dict:
    return outputs["json"]


def _rows(board) -> dict[str, dict]:
    return {f"{row['agent']} ({row['role']})": row for row in board["rows"]}


def test_every_entry_plays_in_each_of_its_roles_and_what_cannot_play_is_listed(board):
    assert set(_rows(board)) == PLAYING
    assert {item["file"]: item["problem"] for item in board["did_not_play"]}.keys() == NOT_PLAYING.keys()
    for item in board["did_not_play"]:
        assert NOT_PLAYING[item["file"]] in item["problem"]


def test_games_count_the_built_in_games_and_every_pair_met(board):
    rows = _rows(board)
    # Eight contestants: two pairs cannot meet (quiet against itself in its other role; two US Presidents).
    assert {tuple(item["pair"]): item["why"] for item in board["skipped_pairs"]} == {
        ("quiet (member)", "quiet (us_president)"): "one entry in two roles",
        ("hawk (us_president)", "quiet (us_president)"): "one us_president seat: they cannot both play"}
    met = len(PLAYING) * (len(PLAYING) - 1) // 2 - 2
    assert len(board["head_to_head"]) == met
    assert board["games"] == RUNS * (len(PLAYING) + met)
    assert rows["patient (member)"]["games"] == RUNS * 7           # the built-in agents, then 6 others
    assert rows["quiet (us_president)"]["games"] == RUNS * 5       # neither itself nor hawk
    for label, row in rows.items():
        h2h = row["head_to_head"]
        pairs = sum(label in item["pair"] for item in board["head_to_head"])
        assert h2h["wins"] + h2h["draws"] + h2h["losses"] == pairs == row["games"] / RUNS - 1


def test_the_rows_are_ranked_by_mean_score_with_an_interval_around_it(board):
    rows = board["rows"]
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    means = [row["mean_score"] for row in rows]
    assert means == sorted(means, reverse=True)
    for row in rows:
        low, high = row["ci"]
        assert low <= row["mean_score"] <= high
        assert 0 <= row["agreement_rate"] <= 1
    assert board["interval"] == "95% Student's t"


def test_head_to_head_wins_and_losses_balance_and_agree_with_the_pair_scores(board):
    rows = _rows(board)
    assert sum(r["head_to_head"]["wins"] for r in rows.values()) == sum(r["head_to_head"]["losses"] for r in rows.values())
    for item in board["head_to_head"]:
        (first, second), (a, b) = item["pair"], item["scores"]
        if a > b:
            assert rows[first]["head_to_head"]["wins"] >= 1 and rows[second]["head_to_head"]["losses"] >= 1


def test_each_failure_is_named_with_its_file_and_line(board):
    rows = _rows(board)
    for label, row in rows.items():
        if label in FAILING:
            assert row["failed_games"] == row["games"], label   # every game: each fails at its first turn
            assert re.search(FAILING[label], row["first_failure"]), row["first_failure"]
            assert row["first_failure"].endswith("plays scholz from here")
        else:
            assert row["failed_games"] == 0 and row["first_failure"] is None, (label, row["first_failure"])


def test_a_game_in_which_an_entry_failed_is_forfeited_so_a_broken_entry_ranks_last(board):
    """The built-in agent that took a failed entry's seat played on for the others' sake: its score is not the
    entry's. A failed game counts 0, so entries that fail every game rank below every entry that plays."""
    rows = board["rows"]
    failing = [row for row in rows if f"{row['agent']} ({row['role']})" in FAILING]
    assert failing and all(row["mean_score"] == 0 for row in failing)
    assert [row["rank"] for row in failing] == list(range(len(rows) - len(failing) + 1, len(rows) + 1))


def test_promises_and_threats_are_counted_from_the_record(board):
    rows = _rows(board)
    for row in rows.values():
        assert 0 <= row["promises"]["kept"] <= row["promises"]["made"]
        assert 0 <= row["threats"]["carried_out"] <= row["threats"]["made"]
    assert rows["quiet (member)"]["promises"] == {"kept": 0, "made": 0}   # it only passes
    assert rows["hawk (us_president)"]["threats"]["made"] > 0           # the built-in US President threatens


def test_the_csv_has_the_documented_columns_one_row_per_entry_and_role(outputs):
    table = list(csv.DictReader(io.StringIO(outputs["csv"].decode("utf-8"))))
    assert tuple(table[0]) == CSV_COLUMNS
    played = [row for row in table if not row["problem"]]
    assert {f"{row['agent']} ({row['role']})" for row in played} == PLAYING
    assert [int(row["rank"]) for row in played] == list(range(1, len(PLAYING) + 1))
    assert {row["file"]: row["problem"] for row in table if row["problem"]}.keys() == NOT_PLAYING.keys()
    raises = next(row for row in played if row["agent"] == "raises")
    assert re.search(FAILING["raises (member)"], raises["first_failure"])
    for row in played:
        assert float(row["ci_low"]) <= float(row["mean_score"]) <= float(row["ci_high"])


def test_the_same_seed_gives_the_same_leaderboard_byte_for_byte(entries, outputs, tmp_path):
    code, _, err = captured("tournament", SCENARIO, "--entries", str(entries), "--runs", str(RUNS), "--json",
                            "--out", str(tmp_path / "again.csv"))
    assert code == 0, err
    assert (tmp_path / "again.csv").read_bytes() == outputs["csv"]


def test_the_page_escapes_every_text_and_shows_its_charts(outputs):
    page = outputs["page"]
    html = (page / "index.html").read_text(encoding="utf-8")
    assert "<b>boom</b>" not in html and "&lt;b&gt;boom&lt;/b&gt; &amp; co" in html
    for name in ("scores.png", "head_to_head.png"):
        assert (page / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert f'src="{name}"' in html
    for label in PLAYING:
        assert label.split(" (")[0] in html
    for label in FAILING:
        assert html_text(label) in html
    assert "syntax.py:2: SyntaxError" in html and "declares no role" in html
    assert "Student&#x27;s t" in html
    assert (page / ".summit-output").read_text(encoding="utf-8").startswith("summit class tournament")


def test_the_terminal_table_names_every_entry_and_failure_in_whole_lines(entries):
    code, out, err = captured("tournament", SCENARIO, "--entries", str(entries), "--runs", "1")
    assert code == 0, err
    assert "Leaderboard" in out and "mean score (95% CI)" in out
    for label in PLAYING:
        assert label.split(" (")[0] in out
    lines = out.splitlines()
    for label, failure in FAILING.items():   # the whole line, never wrapped: it is searched for by file:line
        assert any(line.startswith(f"  {label}: failed in") and re.search(failure, line) and line.endswith("from here")
                   for line in lines), label
    for problem in NOT_PLAYING.values():
        assert any(problem in line for line in lines), problem
    assert "patient.py says hello" not in out and "thinking out loud" not in out   # what entries print is dropped
    assert all(line == line.rstrip() for line in lines)


def test_an_entry_that_loops_loses_the_time_limit_once_per_game_not_once_per_seat(tmp_path):
    from game.agents import registry
    from game.agents.entries import load_entries
    from game.analysis.class_tournament import play_entries
    from game.scenario.catalogue import check

    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "loops.py").write_text(textwrap.dedent(LOOPS).lstrip(), encoding="utf-8")
    entries, _ = load_entries(folder)
    scenario = check(SCENARIO, registry.names()).scenario
    result = play_entries(scenario, entries, 1, 0, seconds=0.2)
    (game,) = result.games
    lines = game.failures["loops (member)"]
    assert len(lines) == 3   # its three member seats
    assert "took longer than its limit of 0.2 s" in lines[0]
    assert all("OutOfTime: stopped for the rest of the game: its decision for scholz ran past the time limit"
               in line for line in lines[1:])


def test_every_entry_is_made_by_the_one_seat_function(entries):
    """The seam where entries will run in processes of their own: a replacement sees every seating."""
    from game.agents import registry
    from game.agents.entries import load_entries
    from game.analysis.class_tournament import play_entries, seat_in_process
    from game.scenario.catalogue import check

    scenario = check(SCENARIO, registry.names()).scenario
    honest = [entry for entry in load_entries(entries)[0] if entry.name in ("patient", "chair")]
    seen = []

    @contextlib.contextmanager
    def seat(scenario, seed, seating):
        seen.append((seed, {leader: entry.name for leader, entry in seating.items()}))
        with seat_in_process(scenario, seed, seating) as seated:
            yield seated
        seen.append("closed")   # after the game, as processes of its own would be stopped

    result = play_entries(scenario, honest, 2, 5, seat=seat)
    assert len(result.games) == 2 * 3 and seen[1::2] == ["closed"] * 6
    members = {"scholz": "patient", "sanchez": "patient", "tusk": "patient"}
    assert seen[0::2] == [(5, {"rutte": "chair"}), (6, {"rutte": "chair"}), (5, members), (6, members),
                          (5, {"rutte": "chair", **members}), (6, {"rutte": "chair", **members})]


def test_two_entries_of_one_role_share_its_seats_alternately(entries):
    from game.agents import registry
    from game.agents.entries import load_entries
    from game.analysis.class_tournament import contestants_of, schedule
    from game.scenario.catalogue import check

    scenario = check(SCENARIO, registry.names()).scenario
    chosen = [entry for entry in load_entries(entries)[0] if entry.name in ("patient", "raises")]
    games, skipped = schedule(scenario, contestants_of(scenario, chosen)[0], 2, 0)
    pairs = [(seed, {leader: c.entry.name for leader, c in seating.items()}) for kind, seed, seating in games
             if kind == "pair"]
    assert pairs == [(0, {"scholz": "patient", "sanchez": "raises", "tusk": "patient"}),
                     (1, {"scholz": "raises", "sanchez": "patient", "tusk": "raises"})]
    assert skipped == []


@pytest.mark.parametrize("df, quantile", [(1, 12.706), (2, 4.303), (5, 2.571), (10, 2.228), (30, 2.042),
                                          (120, 1.980)])
def test_the_interval_uses_the_t_distribution(df, quantile):
    assert t_quantile(0.975, df) == pytest.approx(quantile, abs=5e-4)   # the printed tables, to 3 decimals


def test_the_t_interval_of_known_values():
    low, high = t_interval(np.array([48.0, 50.0, 52.0]))   # mean 50, sd 2, n 3: 50 ± 4.303 * 2 / sqrt(3)
    assert (low, high) == pytest.approx((50 - 4.9687, 50 + 4.9687), abs=1e-3)
    assert t_interval(np.array([50.0])) is None


@pytest.mark.parametrize("extra, message", [
    (["--agents", "member=random"], "--entries and --agents do not go together"),
    (["--agents-path", "@entries"], "--entries and --agents-path do not go together"),
    (["--strict-agents"], "--strict-agents does not go with --entries"),
])
def test_options_of_a_mixes_tournament_are_refused_in_one_line(entries, extra, message):
    extra = [str(entries) if arg == "@entries" else arg for arg in extra]
    code, out, err = captured("tournament", SCENARIO, "--entries", str(entries), *extra)
    assert code == 2 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("summit tournament: ") and message in err


def test_a_folder_that_cannot_hold_entries_is_refused_in_one_line(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "only.py").write_text("x = (\n", encoding="utf-8")
    for folder, says in ((tmp_path / "missing", "no such folder"), (empty, "no .py files"),
                         (tmp_path / "broken", "no entry can play: only.py: did not load: only.py:1")):
        code, out, err = captured("tournament", SCENARIO, "--entries", str(folder))
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and says in err, err


def test_html_without_entries_is_refused_and_runs_stay_required_for_mixes(tmp_path):
    code, out, err = captured("tournament", SCENARIO, "--runs", "1", "--html", str(tmp_path / "page"))
    assert code == 2 and out == "" and "--html" in err and "goes with --entries" in err
    code, out, err = captured("tournament", SCENARIO)
    assert code == 2 and "the following arguments are required: --runs" in err
    assert not (tmp_path / "page").exists()


def test_an_entry_that_cannot_even_be_made_gives_its_seats_to_the_built_in_agent(tmp_path):
    from game.agents import registry
    from game.agents.entries import load_entries
    from game.analysis.class_tournament import play_entries
    from game.analysis.leaderboard import leaderboard
    from game.scenario.catalogue import check

    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "picky.py").write_text(textwrap.dedent('''
        from game.agents.member import MemberAgent


        class Picky(MemberAgent):
            name = "picky"

            def __init__(self, leader_id, traits):
                raise RuntimeError("no traits for me")
        ''').lstrip(), encoding="utf-8")
    entries, _ = load_entries(folder)
    scenario = check(SCENARIO, registry.names()).scenario
    (row,) = leaderboard(play_entries(scenario, entries, 1, 0)).rows
    assert row.failed_games == 1 and row.games == 1
    assert row.first_failure == ("the agent for scholz (picky, picky.py:8) could not be made, seed 0: raised "
                                 "RuntimeError: no traits for me; the built-in member agent plays scholz")


@pytest.mark.parametrize("bases, roles, expected", [
    ("MemberAgent", None, ("member",)),
    ("UsPresidentAgent", None, ("us_president",)),          # a UsPresidentAgent is a MemberAgent too
    ("SecretaryGeneralAgent", None, ("secretary_general",)),
    ("BaseAgent", "member", ("member",)),                    # roles = ("member") is a string: taken as meant
    ("MemberAgent", ("us_president", "member", "member"), ("us_president", "member")),
    ("BaseAgent", None, "declares no role (add roles = ('member',)"),
    ("BaseAgent", ("memb",), "'memb' is not a role (the roles are member, us_president, secretary_general)"),
    ("BaseAgent", 3, "roles = 3: expected a tuple of roles"),
])
def test_the_roles_an_entry_declares_or_inherits(bases, roles, expected):
    from game.agents import base, member, secretary_general, us_president
    from game.agents.registry import roles_of

    kinds = {"BaseAgent": base.BaseAgent, "MemberAgent": member.MemberAgent,
             "UsPresidentAgent": us_president.UsPresidentAgent,
             "SecretaryGeneralAgent": secretary_general.SecretaryGeneralAgent}
    kind = type("Entry", (kinds[bases],), {} if roles is None else {"roles": roles})
    found = roles_of(kind)
    if isinstance(expected, tuple):
        assert tuple(role.value for role in found) == expected
    else:
        assert isinstance(found, str) and expected in found


def test_an_entry_that_loops_is_stopped_at_the_time_limit_and_named(tmp_path):
    folder = tmp_path / "loopy"
    folder.mkdir()
    (folder / "loops.py").write_text(textwrap.dedent(LOOPS).lstrip(), encoding="utf-8")
    (folder / "quiet.py").write_text(textwrap.dedent(ENTRIES["quiet.py"]).lstrip(), encoding="utf-8")   # fast
    code, out, err = captured("tournament", SCENARIO, "--entries", str(folder), "--runs", "1",
                              "--agent-seconds", SECONDS, "--json")
    assert code == 0, err
    rows = _rows(json.loads(out))
    assert rows["loops (member)"]["failed_games"] == rows["loops (member)"]["games"] == 3
    assert re.search(LOOPING, rows["loops (member)"]["first_failure"]), rows["loops (member)"]["first_failure"]
    assert rows["quiet (member)"]["failed_games"] == rows["quiet (us_president)"]["failed_games"] == 0


def test_the_leaderboard_speaks_french_with_lang_fr(entries, tmp_path):
    """The terminal table, its failures and what did not play, and the page with its charts' words, in French
    (`--lang fr`); the entries' own names, files and Python's words as they are."""
    from test_debrief_french import english_in

    code, out, err = captured("tournament", SCENARIO, "--entries", str(entries), "--runs", "1", "--lang", "fr",
                              "--html", str(tmp_path / "page"))
    assert code == 0, err
    assert "Classement" in out and "score moyen" in out and "Leaderboard" not in out
    lines = out.splitlines()
    for label in FAILING:
        assert any(line.startswith(f"  {label} : en échec dans") for line in lines), label
    assert "N'ont pas joué :" in out and "Les scores vont de 0 à 100" in out
    reading = out[out.index("Les scores vont de 0 à 100"):]
    assert english_in(reading) == []
    page = (tmp_path / "page" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Tournoi de la classe" in page and "Comment le lire" in page
