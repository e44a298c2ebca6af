"""Every subcommand against missing, malformed and contradictory arguments: one clear message on stderr, exit
code 2, nothing on stdout and never a traceback. The valid inputs among them are accepted (exit 0).

The table is made from the parser's own list of subcommands (a new subcommand fails
test_the_table_covers_every_subcommand until its cases are added) and from lists of bad values combined
with every option that takes them. The cases run in-process (game.cli.main), a few through
`python -m game` to see the real entry point. `summit play` never opens a window here: the window is
replaced by a stub that records what it was asked to show (and, in a subprocess, there is no display).

`make test` runs every fourth case of the table; `make test-slow` runs them all.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.cli import main
from game.cli.parser import _parser

ROOT = Path(__file__).resolve().parent.parent
LONG = "x" * 5000
LONG_NAME = "n" * 300                    # longer than a file name may be (255 bytes): the OS refuses it
UNICODE = "sommet-à-Bruxelles-😀-ß"
NO_PERMISSION = "/sys/summit-cannot-write-here"   # refused even to root: /sys takes no new files
UNREADABLE = "/proc/self/mem"                     # opens, but reading its start fails (EIO), even for root


@dataclass(frozen=True)
class Case:
    """One command line and what it must give. `args` may name the test's files: '@fx/NAME' is a file or
    folder made once for the whole table (see `fx`), '@out/NAME' a path in the case's own empty folder
    (the current directory while it runs), '@mini' the small test scenario."""

    args: tuple[str, ...]
    code: int = 2                 # 2: refused; 0: the input is valid and the command does its work
    says: tuple[str, ...] = ()    # pieces of the message on stderr (refused) or of stdout (accepted)
    located: bool = False         # the scenario's own problems come first, one located line each

    @property
    def id(self) -> str:
        text = " ".join(arg if arg and " " not in arg else repr(arg) for arg in self.args) or "(nothing)"
        return text if len(text) <= 90 else f"{text[:60]}...({len(text)} chars)"


def refused(*args: str, says: tuple[str, ...] | str = (), located: bool = False) -> Case:
    return Case(tuple(args), 2, (says,) if isinstance(says, str) else says, located)


def accepted(*args: str, says: tuple[str, ...] | str = ()) -> Case:
    return Case(tuple(args), 0, (says,) if isinstance(says, str) else says)


# ----- the table ---------------------------------------------------------------------------------------------

COMMANDS = ["play", "run", "replay", "tournament", "batch", "validate", "inspect", "brief", "debrief", "schema",
            "new-scenario", "migrate", "scenarios", "agents", "backtest", "host", "join", "grades"]

# The shortest valid command line of each subcommand (where a positional or --runs is required), and what
# it needs that a case must not take away.
MINIMAL = {"play": [], "run": ["@mini"], "replay": ["@fx/mini.jsonl"], "tournament": ["@mini", "--runs", "1"],
           "batch": ["@mini", "--runs", "1"], "validate": ["@mini"], "inspect": ["@mini"],
           "brief": ["tutorial", "--role", "sanchez", "--out", "@out/b"], "debrief": ["@fx/mini.jsonl", "--out", "@out/d"],
           "schema": [], "new-scenario": ["@out/mine.yaml"], "scenarios": [], "agents": [],
           "migrate": ["@mini", "--out", "@out/mini.yaml"],
           "backtest": ["early_2025", "--seeds", "1"],
           "host": ["@mini", "--no-window", "--port", "0"],
           "join": ["http://127.0.0.1:9/?room=ABCDEF", "--as", "sanchez", "--agent", "member"],
           "grades": ["@fx/people.jsonl", "--out", "@out/g.csv"]}
NEEDS = {"run": "SCENARIO", "replay": "LOG", "tournament": "SCENARIO", "batch": "SCENARIO", "validate": "FILE",
         "inspect": "SCENARIO", "brief": "SCENARIO", "debrief": "LOG", "new-scenario": "OUT.yaml",
         "migrate": "FILE", "join": "URL", "grades": "LOG"}


def generic_cases() -> list[Case]:
    """What every subcommand must refuse: options it does not have, missing and extra arguments, junk."""
    cases = []
    for command in COMMANDS:
        base = MINIMAL[command]
        cases += [refused(command, *base, "--frobnicate", says="--frobnicate"),
                  refused(command, *base, "--frobnicate=1", says="--frobnicate"),
                  refused(command, *base, "-Z", says="-Z"),
                  refused(command, *base, f"--{UNICODE}", says=UNICODE),
                  refused(command, *base, f"--{LONG}", says="unrecognized arguments"),
                  refused(command, *base, *(["tutorial"] if command == "play" else []), "extra", "arguments",
                          says="unrecognized arguments: " + ("arguments" if command == "validate" else
                                                             "extra arguments"))
                  if command != "validate" else refused(command, *base, "--strict", "extra",
                                                        says="unrecognized arguments: extra"),
                  accepted(command, "--help", says=f"usage: summit {command}")]
        if command in NEEDS:
            cases.append(refused(command, says=("required", NEEDS[command])))
    cases += [refused("backtest", "wales", says="no backtest has that name"),
              refused("backtest", "early_2025", "--seeds", "0", says=("--seeds", "from 1 to 1000 seeds")),
              refused("backtest", "--seeds", "many", says=("--seeds", "whole number of seeds")),
              refused("backtest", "early_2025", "--data", "@fx/nosuch.csv", says=("--data", "cannot read")),
              refused("backtest", "early_2025", "--data", "@fx/notes.txt", says=("--data", "not a CSV")),
              refused("backtest", "early_2025", "--data", "", says="--data"),
              accepted("backtest", "early_2025", "--seeds", "1", "--json", says='"early_2025"')]
    # the classroom's numbers, refused before anything listens
    for option, value, says in (("--port", "70000", "expected a port"), ("--port", "-1", "expected a port"),
                                ("--port", "http", "expected a port"), ("--tables", "0", "from 1 to 8 tables"),
                                ("--tables", "9", "from 1 to 8 tables"), ("--start-after", "-5", "seconds"),
                                ("--start-after", "soon", "seconds"), ("--pace", "nan", "seconds"),
                                ("--seed", "-1", "--seed"), ("--size", "10x10", "at least 1280x720")):
        cases.append(refused("host", "@mini", "--no-window", option, value, says=(option, says)))
    cases += [refused("join", "http://127.0.0.1:9/", "--as", "sanchez", says="required: --agent"),
              refused("join", "http://127.0.0.1:9/", "--agent", "member", says="required: --as"),
              refused("join", *MINIMAL["join"], "--table", "0", says=("--table", "from 1 to 8 tables"))]
    cases += [refused("tournament", "@mini", says="the following arguments are required: --runs"),
              refused("batch", "@mini", says="the following arguments are required: --runs")]
    # a value that looks like an option, an option without its value
    for command, option in (("run", "--log"), ("run", "--seed"), ("tournament", "--out"), ("batch", "--jobs"),
                            ("batch", "--logs"), ("batch", "--dask"), ("replay", "--until"), ("brief", "--role"), ("brief", "--out"),
                            ("debrief", "--out"), ("new-scenario", "--from"), ("play", "--as"), ("play", "--size"),
                            ("play", "--screenshots"), ("grades", "--out")):
        cases.append(refused(command, *MINIMAL[command], option, says=(option, "expected one argument")))
        cases.append(refused(command, *MINIMAL[command], option, "--json", says=(option, "expected one argument")))
    for command in ("run", "tournament", "batch"):
        cases.append(refused(command, *MINIMAL[command], "--agents", says=("--agents", "expected at least one")))
    return cases


def top_level_cases() -> list[Case]:
    return [accepted(says="usage: summit"), accepted("--help", says="usage: summit"),
            accepted("--version", says="summit "), refused("--frobnicate", says="--frobnicate"),
            refused("frobnicate", says="frobnicate"), refused("RUN", says="RUN"), refused("", says="''"),
            refused(UNICODE, says=UNICODE), refused(LONG, says="invalid choice"),
            accepted("--version", "run", says="summit "),   # argparse prints the version as soon as it is asked
            refused("run", "@mini", "--ag", "member=random", says="ambiguous option: --ag"),
            accepted("run", "@mini", "--se", "3", says="seed 3"),          # argparse's abbreviations work
            accepted("run", "@mini", "--seed", "3", "--seed", "4", says="seed 4"),   # the last one counts
            accepted("run", "--json", "--", "@mini", says='"scenario": "mini"')]


# SCENARIO arguments that name no usable scenario. A file that is not a scenario gets its located problem
# and the closing line; a name that is no file gets one line naming the bundled scenarios.
BAD_SCENARIOS = [
    ("@fx/nosuch.yaml", "no such file", False), ("@fx/missing/folder/x.yaml", "no such file", False),
    ("@fx/folder", "is a folder", True), ("@fx/binary.yaml", "", True), ("@fx/empty.yaml", "", True),
    ("@fx/notes.txt", "", True), ("@fx/mini.jsonl", "", True), (UNREADABLE, "cannot read", True),
    (f"{UNICODE}.yaml", "no such file", False), (UNICODE, "no such file", False),
    (f"{LONG_NAME}.yaml", "too long", True), (f"{'d/' * 2100}x.yaml", "too long", True),
    ("", "empty string", False), ("-", "no such file", False), ("rutte_washington", "no such file", False),
]


def scenario_cases() -> list[Case]:
    cases = []
    for spec, says, located in BAD_SCENARIOS:
        for command, after in (("run", ()), ("tournament", ("--runs", "1")), ("batch", ("--runs", "1")),
                               ("inspect", ()), ("brief", ("--out", "@out/b")), ("play", ())):
            cases.append(refused(command, spec, *after, says=says, located=located))
        cases.append(refused("validate", spec, says=says, located=spec != ""))
    # bilateral scenarios play only under summit run (and validate)
    for command, after in (("tournament", ("--runs", "1")), ("batch", ("--runs", "1")), ("inspect", ()),
                           ("brief", ()), ("play", ())):
        cases.append(refused(command, "split_the_pie", *after, says="bilateral protocol"))
    cases += [accepted("run", "split_the_pie", "--seed", "2"), accepted("validate", "split_the_pie"),
              accepted("run", "@mini", says="seed 0"), accepted("run", "tutorial", "--json", says='"tutorial"'),
              accepted("inspect", "tutorial", "--json"), accepted("validate", "@mini", "tutorial", says="valid ("),
              accepted("validate", "--strict", "@mini"),
              refused("validate", "@mini", "@fx/nosuch.yaml", located=True),   # stdout says mini is valid
              refused("validate", "@fx/binary.yaml", "@fx/folder", "@fx/empty.yaml", located=True)]
    return cases


BAD_SEEDS = ["abc", "-1", str(2**63), str(2**64), "1e3", "", "1.0", "0x10", "½", "²", "9" * 5000, " ", "1 2"]
GOOD_SEEDS = ["0", str(2**63 - 1), "+7", " 7 ", "1_000", "٣"]   # as Python reads whole numbers
BAD_RUNS = ["0", "-5", "100001", str(2**64), "1e3", "", "x", "1.5", "²"]
BAD_JOBS = ["0", "-1", "x", "", "1e3", "1.5", "100000", str(2**64)]
BAD_DASK = ["", " ", "tcp://", "tcp://host", "host", "http://host:8786", "tcp://host:0", "tcp://host:65536",
            "tcp://host:port", "tcp://-host:8786", "LOCAL", UNICODE, LONG]
BAD_SIZES = ["12x", "x720", "1280x", "1280", "", "1280x720x1", "-1280x720", "1280×720", "99999999999x720", "0x0",
             "1279x720", "1280x719", "7681x4320", "1280 x 720", "²x720"]
GOOD_SIZES = ["1280x720", "1920X1080", "7680x4320", "１２８０x７２０"]
BAD_ROUNDS = ["-1", "abc", "", "1.5", "²", "1e3", "٣x"]
GOOD_ROUNDS = ["0", "2", "99999999999999999999"]   # 0: the table before the first move; beyond the end: all


def value_cases() -> list[Case]:
    cases = []
    for seed in BAD_SEEDS:
        for command in ("run", "tournament", "batch"):
            cases.append(refused(command, *MINIMAL[command], "--seed", seed, says="--seed"))
    for seed in GOOD_SEEDS:
        cases.append(accepted("run", "@mini", "--seed", seed, "--json"))
    cases += [accepted("tournament", "@mini", "--runs", "1", "--seed", str(2**63 - 1), "--json"),
              refused("tournament", "@mini", "--runs", "2", "--seed", str(2**63 - 1), says="2**63-1"),
              refused("batch", "@mini", "--runs", "2", "--seed", str(2**63 - 1), says="2**63-1")]
    for runs in BAD_RUNS:
        for command in ("tournament", "batch"):
            cases.append(refused(command, "@mini", "--runs", runs, says="--runs"))
    for jobs in BAD_JOBS:
        cases.append(refused("batch", "@mini", "--runs", "1", "--jobs", jobs, says="--jobs"))
    cases.append(accepted("batch", "@mini", "--runs", "2", "--jobs", "2", "--json", says='"runs": 2'))
    for address in BAD_DASK:   # refused by the parser: Dask is not even imported
        cases.append(refused("batch", "@mini", "--runs", "1", "--dask", address, says=("--dask", "tcp://HOST:8786")))
    for size in BAD_SIZES:
        cases.append(refused("play", "--size", size, says="--size"))
    for size in GOOD_SIZES:
        cases.append(accepted("play", "--size", size))
    for until in BAD_ROUNDS:
        cases.append(refused("replay", "@fx/mini.jsonl", "--until", until, says="--until"))
    for until in GOOD_ROUNDS:
        cases.append(accepted("replay", "@fx/mini.jsonl", "--until", until))
    return cases


BAD_AGENTS = [("x", "expected WHO=AGENT"), ("=y", "expected WHO=AGENT"), ("member=", "expected WHO=AGENT"),
              ("=", "expected WHO=AGENT"), ("trump=nobody", "unknown agent 'nobody'"),
              ("nobody=member", "'nobody' is neither a leader of mini nor a role"),
              ("member=rational", "bilateral"), (f"{UNICODE}=random", UNICODE), (f"{LONG}=random", "neither"),
              ("member=random=x", "unknown agent 'random=x'"), ("", "empty string"),
              (" member=random", "neither"), ("Member=random", "did you mean 'member'")]


def agents_cases() -> list[Case]:
    cases = []
    for pair, says in BAD_AGENTS:
        for command in ("run", "tournament", "batch"):
            cases.append(refused(command, *MINIMAL[command], "--agents", pair, says=("--agents", says)))
    cases += [accepted("run", "@mini", "--agents", "member=random", "trump=stubborn", "--json"),
              refused("run", "@mini", "--agents", "member=random", "member=stubborn", says="given twice"),
              refused("run", "@mini", "--agents", "member=random", "--agents", "member=stubborn", says="given twice"),
              refused("batch", "@mini", "--runs", "1", "--agents", "tusk=random", "--agents", "tusk=member",
                      says="given twice"),
              accepted("run", "@mini", "--agents", "member=random", "member=random", "--json"),
              refused("tournament", "@mini", "--runs", "1", "--agents", "member=random", "--agents", "member=random",
                      says="given twice"),
              accepted("tournament", "@mini", "--runs", "1", "--agents", "member=random", "--agents",
                       "member=stubborn", "--json")]
    # --agents-path: a folder of the user's own agents
    for command in ("play", "run", "tournament", "batch", "validate", "agents", "replay"):
        for folder, says in (("@fx/nosuch", "no such folder"), ("@fx/notes.txt", "no such folder"),
                             ("@fx/folder", "no agents found"), ("@fx/agents_broken", "SyntaxError"),
                             ("@fx/agents_exit", "SystemExit"), ("@fx/agents_badname", "needs its own `name`"),
                             ("@fx/agents_binary", "cannot load"), ("", "empty string")):
            cases.append(refused(command, *MINIMAL[command], "--agents-path", folder, says=("--agents-path", says)))
    return cases


def output_cases() -> list[Case]:
    """Where the commands write: a missing folder, a folder where a file goes and the reverse, a place no one
    may write, a name too long; and the same options with a good place."""
    cases = []
    for command, option, good in (("run", "--log", "@out/game.jsonl"), ("tournament", "--out", "@out/t.csv"),
                                  ("batch", "--out", "@out/rows.csv"), ("grades", "--out", "@out/grades.csv")):
        base = MINIMAL[command]
        cases += [refused(command, *base, option, "@out/missing/x.csv", says=(option, "does not exist")),
                  refused(command, *base, option, "@fx/folder", says=(option, "is a folder")),
                  refused(command, *base, option, NO_PERMISSION + ".csv", says=(option, "cannot write")),
                  refused(command, *base, option, f"@out/{LONG_NAME}.csv", says=(option, "cannot write")),
                  refused(command, *base, option, "", says=option),
                  accepted(command, *base, option, good)]
    cases += [refused("batch", "@mini", "--runs", "1", "--out", "@out/rows.txt", says="name a .csv or a .jsonl"),
              refused("batch", "@mini", "--runs", "1", "--out", "@out/rows", says="name a .csv or a .jsonl"),
              accepted("batch", "@mini", "--runs", "1", "--out", "@out/rows.jsonl")]
    for command, option in (("batch", "--logs"), ("batch", "--plot"), ("brief", "--out"), ("debrief", "--out"),
                            ("play", "--screenshots")):
        base = [a for a in MINIMAL[command] if a not in ("--out", "@out/b", "@out/d")] if option == "--out" else MINIMAL[command]
        if command == "batch":
            base = ["@mini", "--runs", "1", "--json"]
        cases += [refused(command, *base, option, "@fx/notes.txt", says="is a file; name a folder"),
                  refused(command, *base, option, NO_PERMISSION, says="cannot"),
                  refused(command, *base, option, f"@out/{LONG_NAME}", says=("cannot", "too long")),
                  refused(command, *base, option, "", says=option),
                  accepted(command, *base, option, "@out/made/on/the/way")]
    cases += [refused("debrief", "@fx/mini.jsonl", "--out", "@fx/full", says="the folder holds files Summit did not write")]
    return cases


def combination_cases() -> list[Case]:
    """Options that contradict each other or the rest of the command line."""
    return [
        refused("play", "--fast", says="--fast goes with --demo"),
        refused("play", "--as", "rutte", says="--as LEADER needs a SCENARIO"),
        refused("play", "--demo", "--as", "rutte", says="--as LEADER needs a SCENARIO"),
        refused("play", "--full-information", says="needs a SCENARIO"),
        refused("play", "tutorial", "--as", "sanches", says="did you mean 'sanchez'"),
        refused("play", "tutorial", "--as", "sanchez,sanchez", says="named twice"),
        refused("play", "tutorial", "--as", "sanchez,", says="no such leader ''"),
        refused("play", "tutorial", "--as", "", says="--as"),
        refused("play", "tutorial", "--as", UNICODE, says=UNICODE),
        refused("play", "tutorial", "--demo", "--as", "sanchez,rutte", says="--demo"),
        refused("play", "--demo", "--operator", says="--operator"),
        accepted("play", "tutorial", "--demo", "--as", "sanchez"),
        accepted("play", "tutorial", "--demo", "--fast", "--screenshots", "@out/shots"),
        accepted("play", "tutorial", "--as", "sanchez,rutte", "--operator"),
        accepted("play", "tutorial", "--full-information"),
        accepted("play", "--operator"),
        accepted("play"),
        accepted("replay", "@fx/mini.jsonl", "--rerun", "--until", "2", says="round 2"),
        accepted("replay", "@fx/mini.jsonl", "--rerun", "--json", says='"scenario": "mini"'),
        accepted("replay", "@fx/unfinished.summit", "--json", says='"over": false'),
        accepted("replay", f"@fx/{UNICODE}.jsonl"),
        refused("replay", "@mini", says="mini.yaml:1: not a Summit log line"),
        refused("replay", "@fx/nosuch.jsonl", says="nosuch.jsonl"),
        refused("replay", "@fx/folder", says="folder"),
        refused("replay", "@fx/binary.yaml", says="binary.yaml"),
        refused("replay", "@fx/empty.yaml", says="empty.yaml"),
        refused("replay", UNREADABLE, says=UNREADABLE),
        refused("replay", f"{LONG_NAME}.jsonl", says="too long"),
        refused("replay", "", says="empty string"),
        refused("brief", "tutorial", "--role", "nobody", "--out", "@out/b", says="no such leader"),
        refused("brief", "tutorial", "--role", "", says="--role"),
        refused("brief", "tutorial", "--role", UNICODE, says=UNICODE),
        accepted("brief", "tutorial", "--role", "sanchez", says="index"),
        refused("debrief", "@fx/mini.jsonl", "@fx/tutorial.jsonl", "--out", "@out/d", says="one scenario"),
        refused("debrief", "@fx/mini.jsonl", "@fx/mini.jsonl", "--out", "@out/d", says="named twice"),
        refused("debrief", "@fx/unfinished.summit", "--out", "@out/d", says="not over"),
        refused("debrief", "@fx/pie.jsonl", "--out", "@out/d", says="bilateral"),
        refused("debrief", "@fx/mini.jsonl", "@fx/folder", "--out", "@out/d", says="folder"),
        refused("debrief", "@fx/nosuch.jsonl", says="nosuch.jsonl"),
        refused("debrief", "@fx/binary.yaml", says="binary.yaml"),
        refused("debrief", f"{LONG_NAME}.jsonl", says="too long"),
        accepted("debrief", "@fx/mini.jsonl", "@fx/mini2.jsonl", "--out", "@out/d", says="of 2 games"),
        refused("grades", "@fx/mini.jsonl", says="every role was played by the computer"),
        refused("grades", "@fx/people.jsonl", "@fx/people.jsonl", says="named twice"),
        refused("grades", "@fx/unfinished.summit", says="not over"),
        refused("grades", "@fx/pie.jsonl", says="bilateral"),
        refused("grades", "@fx/people.jsonl", "@fx/folder", says="folder"),
        refused("grades", "@fx/nosuch.jsonl", says="nosuch.jsonl"),
        refused("grades", "@fx/binary.yaml", says="binary.yaml"),
        refused("grades", f"{LONG_NAME}.jsonl", says="too long"),
        accepted("grades", "@fx/people.jsonl", says="table,student,team,role"),
        accepted("grades", "@fx/people.jsonl", "--json", "--out", "@out/g.csv", says='"student": "Ana"'),
        accepted("migrate", "@mini", "--out", "@out/mini.yaml", says="in scenario format 2"),
        refused("migrate", "@fx/existing.yaml", says="nothing written"),
        refused("migrate", "@fx/nosuch.yaml", says=("nothing written", "cannot read")),
        refused("migrate", "@mini", "--out", "@fx/existing.yaml", says="exists"),
        refused("new-scenario", "@fx/mini.jsonl", says="name a .yaml file"),
        refused("new-scenario", "@fx/existing.yaml", says="exists"),
        refused("new-scenario", "@fx/folder.yaml", says="exists"),
        refused("new-scenario", "@out/missing/x.yaml", says="does not exist"),
        refused("new-scenario", "@out/My Summit.yaml", says="my_summit.yaml"),
        refused("new-scenario", f"@out/{UNICODE}.yaml", says="lower-case"),
        refused("new-scenario", f"@out/{LONG_NAME}.yaml", says="cannot"),
        refused("new-scenario", NO_PERMISSION + ".yaml", says="cannot"),
        refused("new-scenario", "", says="empty string"),
        refused("new-scenario", "@out/x.yaml", "--from", "nosuch", says="no bundled scenario"),
        refused("new-scenario", "@out/x.yaml", "--from", "", says="--from"),
        refused("new-scenario", "@out/x.yaml", "--from", "@mini", says="no bundled scenario"),
        accepted("new-scenario", "@out/x.yaml", "--from", "split_the_pie"),
        accepted("new-scenario", "@out/x.yaml"),
        refused("validate", "--strict", says="FILE"),
        refused("tournament", "@mini", "--runs", "1", "--out", "@out/t.csv", "--json", "--agents", says="--agents"),
        accepted("tournament", "@mini", "--runs", "1", "--out", "@out/t.csv", "--json"),
        accepted("batch", "@mini", "--runs", "1", "--logs", "@out/logs", "--plot", "@out/plots", "--json"),
        refused("batch", "@mini", "--runs", "1", "--dask", "local", "--jobs", "2", says="--dask and --jobs"),
        refused("batch", "@mini", "--runs", "1", "--jobs", "1", "--dask", "tcp://127.0.0.1:1",
                says="--dask and --jobs"),
        refused("batch", "@mini", "--runs", "1", "--dask", "local", "--agents-path", "@fx/agents_good",
                says="--agents-path cannot go with --dask"),
        refused("run", "@mini", "--log", "@out/x.jsonl", "--log", "@out/missing/y.jsonl", says="does not exist"),
    ]


def table() -> list[Case]:
    return (generic_cases() + top_level_cases() + scenario_cases() + value_cases() + agents_cases() + output_cases()
            + combination_cases())


TABLE = table()
QUICK = set(range(0, len(TABLE), 4))
CASES = [pytest.param(case, id=case.id, marks=() if index in QUICK else pytest.mark.slow)
         for index, case in enumerate(TABLE)]


# ----- the files the table names -------------------------------------------------------------------------

AGENT_SOURCES = {
    "agents_broken": {"broken.py": "def oops(:\n"},
    "agents_exit": {"leaves.py": "import sys\nsys.exit(3)\n"},
    "agents_badname": {"bad.py": "from game.agents.member import MemberAgent\n\n\nclass Bad(MemberAgent):\n"
                                 "    name = 'Bad Name'\n"},
    "agents_binary": {"binary.py": bytes(range(256))},
    "agents_good": {"mine.py": "from game.agents.member import MemberAgent\n\n\nclass Mine(MemberAgent):\n"
                               "    name = 'mine'\n"},
}


@pytest.fixture(scope="session")
def fx(tmp_path_factory) -> Path:
    """The files and folders the cases name as @fx/..., made once."""
    from game.scenario.catalogue import check
    from game.engine import Pass
    from game.play.session import Session

    folder = tmp_path_factory.mktemp("cli-args")
    (folder / "folder").mkdir()
    (folder / "folder.yaml").mkdir()
    (folder / "binary.yaml").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.yaml").write_bytes(b"")
    (folder / "notes.txt").write_text("notes, not a scenario\n", encoding="utf-8")
    (folder / "existing.yaml").write_text("my own work\n", encoding="utf-8")
    (folder / "full").mkdir()
    (folder / "full" / "keep.txt").write_text("someone's file\n", encoding="utf-8")
    for name, files in AGENT_SOURCES.items():
        (folder / name).mkdir()
        for file_name, text in files.items():
            target = folder / name / file_name
            target.write_bytes(text) if isinstance(text, bytes) else target.write_text(text, encoding="utf-8")
    mini = str(ROOT / "tests" / "fixtures" / "mini.yaml")
    for scenario, seed, name in ((mini, 1, "mini"), (mini, 2, "mini2"), ("tutorial", 1, "tutorial"),
                                 ("split_the_pie", 1, "pie")):
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["run", scenario, "--seed", str(seed), "--log", str(folder / f"{name}.jsonl")]) == 0
    shutil.copy(folder / "mini.jsonl", folder / f"{UNICODE}.jsonl")
    session = Session(check("tutorial").scenario, 3, ())
    while session.state.round < 2:
        session.agent_move()
    session.save(folder / "unfinished.summit")
    people = Session(check("tutorial").scenario, 1, ("sanchez",), {"sanchez": "Ana & Ben"})   # for summit grades
    people.keep_log(folder / "people.jsonl")
    while not people.over:
        if people.waiting_for_human:
            people.submit(Pass("sanchez"))
        else:
            people.agent_move()
    return folder


def _fill(args: tuple[str, ...], fx: Path, out: Path) -> list[str]:
    places = {"@fx": fx, "@out": out}
    filled = []
    for arg in args:
        if arg == "@mini":
            arg = str(ROOT / "tests" / "fixtures" / "mini.yaml")
        head, sep, rest = arg.partition("/")
        if head in places:
            arg = str(places[head] / rest) if sep else str(places[head])
        filled.append(arg)
    return filled


@pytest.fixture
def window(monkeypatch):
    """`summit play` gets as far as opening the window, which a stub stands in for: what it was asked."""
    import game.ui

    asked = []

    def fake_play(scenario=None, scenario_path=None, leader_id=None, **options):
        asked.append((scenario, scenario_path, leader_id, options))
        return 0

    monkeypatch.setattr(game.ui, "play", fake_play)
    return asked


@pytest.fixture(autouse=True)
def registry(agent_registry):
    """--agents-path adds to the registry of agents: each case starts from the built-in ones (conftest)."""


# ----- the properties ------------------------------------------------------------------------------------

LOCATED = re.compile(r"^.+:\d+:\d+: ")


def check_refusal(case: Case, code: int, out: str, err: str) -> None:
    assert code == 2, f"exit {code}, expected 2; stderr: {err!r}"
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines and all(line.strip() for line in lines), f"no message, or blank lines: {err!r}"
    if case.located:   # a located line per problem of the file(s), then (outside validate) the closing line
        body = lines if case.args[0] == "validate" else lines[:-1]
        assert all(LOCATED.match(line) for line in body), err
        if case.args[0] != "validate":
            assert lines[-1].startswith("summit") and "listed above" in lines[-1], err
        assert len(lines) <= 12, err
    else:
        assert len(lines) == 1, f"{len(lines)} lines on stderr, expected one: {err!r}"
        assert lines[0].startswith("summit") or LOCATED.match(lines[0]), err
    for piece in case.says:
        assert piece in err, f"{piece!r} not in {err!r}"
    if case.args[:1] == ("validate",) and case.located:
        # The files were read: one verdict each on stdout ("FILE: valid (...)", "FILE: 1 error").
        files = [arg for arg in case.args[1:] if not arg.startswith("--")]
        assert len(out.splitlines()) == len(files), out
        assert all(re.search(r": (valid \(|\d+ errors?$)", line) for line in out.splitlines()), out
    else:   # the command line itself was refused
        assert out == "", f"stdout on an error: {out[:300]!r}"


def check_acceptance(case: Case, code: int, out: str, err: str) -> None:
    assert code == 0, f"exit {code}, expected 0; stderr: {err!r}"
    assert "Traceback" not in err
    assert err == "", err
    for piece in case.says:
        assert piece in out, f"{piece!r} not in {out[:500]!r}"


@pytest.mark.parametrize("case", CASES)
def test_a_command_line(case: Case, capsys, fx, tmp_path, monkeypatch, window):
    if any(arg == NO_PERMISSION or arg.startswith(NO_PERMISSION) for arg in case.args) and \
            not Path("/sys").is_dir():
        pytest.skip("needs Linux's /sys to have a place no one may write")
    monkeypatch.chdir(tmp_path)   # defaults such as ./tutorial-briefings land in the case's own folder
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    capsys.readouterr()
    code = main(_fill(case.args, fx, tmp_path))
    out, err = capsys.readouterr()
    if case.code == 2:
        check_refusal(case, code, out, err)
        assert not window, "a refused `summit play` opened the window"
    else:
        check_acceptance(case, code, out, err)
        if case.args[:1] == ("play",) and "--help" not in case.args:
            assert len(window) == 1


def test_the_table_covers_every_subcommand():
    commands = set(_parser()._subparsers._group_actions[0].choices)
    assert commands == set(COMMANDS) == set(MINIMAL)
    covered = {case.args[0] for case in TABLE if case.args}
    assert set(COMMANDS) <= covered


def test_the_table_is_large_and_mixes_refusals_and_valid_inputs():
    assert len(TABLE) >= 400
    assert len({case.id for case in TABLE}) == len(TABLE), "two cases with the same command line"
    assert sum(case.code == 0 for case in TABLE) >= 40


# ----- the real entry point ----------------------------------------------------------------------------------

def _process(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    environment.update({"SDL_AUDIODRIVER": "dummy", "SUMMIT_HOME": str(cwd / "home"), **(env or {})})
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, env=environment, capture_output=True,
                          timeout=120)


PROCESS_CASES = [
    refused("run", "@fx/binary.yaml", located=True),
    refused("run", f"{LONG_NAME}.yaml", says="too long", located=True),
    refused("batch", "@mini", "--runs", "0", says="--runs"),
    refused("replay", "@fx/binary.yaml", says="binary.yaml"),
    refused("debrief", "@fx/mini.jsonl", "@fx/tutorial.jsonl", says="one scenario"),
    refused("play", "tutorial", "--demo", "--as", "sanchez,rutte", says="--demo"),
    refused("play", "tutorial", says="no display found"),          # valid, but no display: one line, exit 2
    refused("new-scenario", f"@out/{LONG_NAME}.yaml", says="cannot"),
    refused("validate", says="FILE"),
]


@pytest.mark.parametrize("case", PROCESS_CASES, ids=[case.id for case in PROCESS_CASES])
def test_a_command_line_in_a_real_process(case: Case, fx, tmp_path):
    done = _process(*_fill(case.args, fx, tmp_path), cwd=tmp_path)
    check_refusal(case, done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.mark.skipif(sys.platform != "linux", reason="Linux passes undecodable bytes through as they are")
def test_a_file_name_that_is_not_utf8_is_refused_in_one_line(fx, tmp_path):
    # A shell passes any bytes; Python turns the undecodable ones into surrogates, which must print back.
    name = os.fsdecode(b"sc\xe9nario-\xff.yaml")
    done = _process("run", name, cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8"})
    refusal = refused("run", name)
    check_refusal(refusal, done.returncode, done.stdout.decode(), done.stderr.decode(errors="replace"))
    target = tmp_path / os.fsdecode(b"\xff.yaml")
    shutil.copy(ROOT / "tests" / "fixtures" / "mini.yaml", target)
    done = _process("validate", str(target), cwd=tmp_path, env={"PYTHONIOENCODING": "utf-8"})   # strict, as in
    # a UTF-8 locale such as en_US.UTF-8 (Python's C locale would escape the bytes anyway)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert os.fsencode(str(target)) in done.stdout
