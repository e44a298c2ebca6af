"""`summit ...`: the parser of the command line, the types of its arguments, and main(), which runs the
command asked for. Every user mistake ends in one clear message on stderr and exit 2."""

from __future__ import annotations

import argparse
import io
import math
import os
import re
import sys

from .. import __version__
from .. import i18n
from ..i18n import N_, _, error_text, localize, ngettext, reason_of
from .analysis import cmd_backtest, cmd_batch, cmd_inspect, cmd_tournament
from .classroom import cmd_host, cmd_join
from ..scenario.untrusted import for_terminal
from .common import EXIT_USAGE, UsageError
from .games import cmd_play, cmd_replay, cmd_run
from .reports import cmd_brief, cmd_debrief, cmd_grades
from .scenarios import cmd_agents, cmd_migrate, cmd_new_scenario, cmd_scenarios, cmd_schema, cmd_validate


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own errors: one line, as ours are (the usage is a --help away)
        raise UsageError(_("{prog}: error: {message} ({prog} --help lists the options)").format(prog=self.prog,
                                                                                               message=message))

    def add_argument(self, *names, **options):
        # An empty name or value is never what was meant: as a path it would be the current folder, and an
        # empty option value would quietly turn the option off.
        if options.get("action", "store") in ("store", "append", "extend") and "type" not in options:
            options["type"] = _text
        return super().add_argument(*names, **options)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="summit", description=_("Summit: a negotiation game about NATO burden-sharing."))
    parser.add_argument("--version", action="version", version=f"summit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)

    play = commands.add_parser("play",
                               help=_("open the game window (the title screen, or a scenario's roles or briefing)"))
    play.add_argument("scenario", nargs="?", default=None, metavar=_("SCENARIO"),
                      help=_("file path or bundled id: start at its role selection (or its briefing with --as)"))
    play.add_argument("--as", dest="as_leader", metavar=_("LEADER"),
                      help=_("the leader id you play, e.g. rutte; several players: tusk,sanchez,scholz"))
    play.add_argument("--operator", action="store_true",
                      help=_("several players: one operator enters every move (no hand-off screens)"))
    play.add_argument("--class", dest="class_mode", action="store_true",
                      help=_("a class at one screen: one sheet a phase lists every student role, an operator types "
                             "each team's slip (a round costs two screens)"))
    play.add_argument("--demo", action="store_true",
                      help=_("agents take every role; the game walks itself through every screen"))
    play.add_argument("--fast", action="store_true", help=_("with --demo: no pauses"))
    play.add_argument("--screenshots", metavar=_("DIR"), help=_("save one PNG per screen visited (NN-screen-name.png)"))
    play.add_argument("--size", type=_size, default=None, metavar=_("WxH"),
                      help=_("window size (default 1280x720, or your setting)"))
    play.add_argument("--agents", nargs="+", action="extend", default=[], metavar=_("WHO=AGENT"),
                      help=_("the computer plays WHO with AGENT (WHO a leader id or a role: member, us_president, "
                             "secretary_general); anyone may still take that role"))

    run = commands.add_parser("run", help=_("one headless game, agents in every role"))
    run.add_argument("scenario", metavar=_("SCENARIO"), help=_("file path or bundled scenario id"))
    run.add_argument("--seed", type=_seed, default=0, help=_("random seed (default 0)"))
    run.add_argument("--json", action="store_true", help=_("print one JSON object instead of the readable account"))
    run.add_argument("--log", metavar=_("FILE"), help=_("write the game's log (JSON lines) to FILE"))
    run.add_argument("--verbose", action="store_true",
                     help=_("print every move with its reason, not each round in short"))
    run.add_argument("--agents", nargs="+", action="extend", default=[], metavar=_("WHO=AGENT"),
                     help=_("WHO is a leader id or a role (member, us_president, secretary_general)"))

    replay = commands.add_parser("replay", help=_("replay a logged game through the rules, checking every line"))
    replay.add_argument("log", metavar=_("LOG"), help=_("a log written by summit run --log, or a save (.summit)"))
    replay.add_argument("--json", action="store_true", help=_("print the JSON object summit run --json printed"))
    replay.add_argument("--until", type=_round, default=None, metavar=_("ROUND"), help=_("stop after this round"))
    replay.add_argument("--verbose", action="store_true",
                        help=_("print every move with its reason, not each round in short"))
    replay.add_argument("--rerun", action="store_true",
                        help=_("let the logged agents play again from the seed; every line must come out the same"))

    tournament = commands.add_parser("tournament", help=_("compare mixes of agents over many seeds"))
    tournament.add_argument("scenario", metavar=_("SCENARIO"), help=_("file path or bundled scenario id"))
    tournament.add_argument("--runs", type=_runs, default=None, metavar="N",
                            help=_("games per mix, or per pairing with --entries (1 to 100000; required without "
                                   "--entries, default 3 with it)"))
    tournament.add_argument("--seed", type=_seed, default=0, metavar="S",
                            help=_("first seed; the runs use S to S+N-1 (default 0)"))
    tournament.add_argument("--agents", nargs="+", action="append", default=[], metavar=_("WHO=AGENT"),
                            help=_("one more mix, as in summit run; repeat for more mixes"))
    tournament.add_argument("--out", metavar=_("FILE.csv"), help=_("also write one CSV row per game to FILE.csv"))
    tournament.add_argument("--json", action="store_true", help=_("print one JSON object instead of the tables"))
    tournament.add_argument("--entries", metavar=_("DIR"),
                            help=_("a class tournament: every agent in DIR's .py files (one per student or team) "
                                   "plays in its roles against the built-in agents and each other; a leaderboard"))
    tournament.add_argument("--html", metavar=_("DIR"),
                            help=_("with --entries: also write the leaderboard as a page with charts into DIR"))

    batch = commands.add_parser("batch", help=_("one mix of agents over many seeds: the spread of outcomes, with a "
                                                "progress bar"))
    batch.add_argument("scenario", metavar=_("SCENARIO"), help=_("file path or bundled scenario id"))
    batch.add_argument("--runs", type=_runs, required=True, metavar="N",
                       help=_("games (1 to {most})").format(most=MAX_RUNS))
    batch.add_argument("--seed", type=_seed, default=0, metavar="S",
                       help=_("first seed; run i plays seed S+i, as summit run --seed S+i would (default 0)"))
    batch.add_argument("--jobs", type=_jobs, default=None, metavar="J",
                       help=ngettext("games played at once, each in its own process (default 1; this computer has {n} CPU)",
                                     "games played at once, each in its own process (default 1; this computer has {n} "
                                     "CPUs)", os.cpu_count() or 1).format(n=os.cpu_count() or 1))
    batch.add_argument("--dask", type=_dask_address, default=None, metavar=_("ADDRESS"),
                       help=_("play the games on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786), "
                              "or on a local one started for the batch (local); needs summit[cluster]"))
    batch.add_argument("--agents", nargs="+", action="extend", default=[], metavar=_("WHO=AGENT"),
                       help=_("WHO is a leader id or a role (member, us_president, secretary_general), as in summit run"))
    batch.add_argument("--out", metavar=_("FILE"), help=_("write one row per game, in run order, as the games finish: "
                                                      "FILE.csv or FILE.jsonl (JSON lines)"))
    batch.add_argument("--logs", metavar=_("DIR"), help=_("write each game's log to DIR/run-<i>-seed-<seed>.jsonl "
                                                      "(as summit run --log)"))
    batch.add_argument("--plot", metavar=_("DIR"), help=_("write the charts (PNG) to DIR"))
    batch.add_argument("--json", action="store_true",
                       help=_("print the summary as one JSON object instead of the tables"))

    validate = commands.add_parser("validate", help=_("check scenario files; exit 0 when valid, 2 with every error"))
    validate.add_argument("files", nargs="+", metavar=_("FILE"))
    validate.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))

    inspect = commands.add_parser("inspect", help=_("what the red lines allow: zones of agreement, Pareto frontier, "
                                                    "Nash solution"))
    inspect.add_argument("scenario", metavar=_("SCENARIO"), help=_("file path or bundled scenario id"))
    inspect.add_argument("--json", action="store_true", help=_("print one JSON object instead of the tables"))

    backtest = commands.add_parser("backtest", help=_("the spending model against history: Wales 2014 to 2024, and "
                                                      "2024 to NATO's 2025 estimates, with two naive baselines"))
    backtest.add_argument("name", nargs="?", default=None, metavar=_("NAME"),
                          help=_("wales_2014_2024 or early_2025 (default: both)"))
    backtest.add_argument("--json", action="store_true", help=_("print one JSON object instead of the tables"))
    backtest.add_argument("--seeds", type=_seeds, default=50, metavar="N",
                          help=_("seeds for the model's median (default 50)"))
    backtest.add_argument("--data", metavar=_("FILE"),
                          help=_("a CSV shaped like tests/data/nato_defence_series.csv (default: that file)"))

    brief = commands.add_parser("brief",
                                help=_("write printable briefings (HTML and Markdown), one per role, and an index"))
    brief.add_argument("scenario", metavar=_("SCENARIO"), help=_("file path or bundled scenario id"))
    brief.add_argument("--role", metavar=_("LEADER"), help=_("only this leader's briefing (and the index)"))
    brief.add_argument("--out", metavar=_("DIR"), help=_("the folder to write to, created if missing "
                                                     "(default: ./SCENARIO_ID-briefings)"))
    brief.add_argument("--verbose", action="store_true", help=_("also list every file written"))

    debrief = commands.add_parser("debrief", help=_("write the after-class report of logged games (HTML, Markdown, "
                                                    "charts, debrief.json); several logs of one scenario are compared"))
    debrief.add_argument("logs", nargs="+", metavar=_("LOG"),
                         help=_("a log written by summit run --log, or a save (.summit)"))
    debrief.add_argument("--out", metavar=_("DIR"), help=_("the folder to write to, created if missing (default: "
                                                       "./LOG-debrief for one log, ./SCENARIO_ID-debrief for several)"))
    debrief.add_argument("--handout", action="store_true",
                         help=_("also write the students' handout: one A4 page per role played by a person (every role "
                                "when the computer played them all) and a one-page class summary (handout.html)"))

    grades = commands.add_parser("grades", help=_("one row per student of logged games: the score against the role's best, "
                                                  "red lines, and the play counted without noise (CSV, or --json)"))
    grades.add_argument("logs", nargs="+", metavar=_("LOG"),
                        help=_("a log of a game people played (one per table), or a save"))
    grades.add_argument("--out", metavar=_("FILE.csv"), help=_("write the CSV to this file (default: print it)"))
    grades.add_argument("--json", action="store_true",
                        help=_("print the rows as JSON (with --out, the CSV is written too)"))

    commands.add_parser("schema", help=_("print the JSON Schema of the scenario format"))
    new = commands.add_parser("new-scenario", help=_("write a commented starting point for a scenario of your own"))
    new.add_argument("out", metavar=_("OUT.yaml"),
                     help=_("the file to write (its name, without .yaml, becomes the id)"))
    new.add_argument("--from", dest="source", metavar=_("ID"),
                     help=_("start from a copy of this bundled scenario instead of the small commented template"))
    migrate = commands.add_parser("migrate", help=_("rewrite a scenario file of format 1 as format 2, keeping its "
                                                    "comments (the old file is kept as FILE.yaml.bak)"))
    migrate.add_argument("file", metavar=_("FILE"), help=_("a scenario file (.yaml) written in format 1"))
    migrate.add_argument("--out", metavar=_("NEW.yaml"), help=_("write the format-2 file here instead of over FILE"))
    host = commands.add_parser("host", help=_("host a class on the network: students play at their own devices "
                                              "(a browser), this window becomes the projector"))
    host.add_argument("scenario", nargs="?", default=None, metavar=_("SCENARIO"), help=_("file path or bundled id"))
    host.add_argument("--lan", action="store_true",
                      help=_("let the school's network in (default: this machine only, 127.0.0.1)"))
    host.add_argument("--port", type=_port, default=8765,
                      help=_("the port to listen on (default 8765; 0: any free one)"))
    host.add_argument("--tables", type=_count("tables", 8), default=1,
                      help=_("tables in the class, one game each (1-8)"))
    host.add_argument("--start-after", type=_seconds, default=None, metavar=_("SECONDS"),
                      help=_("start after that many seconds even if seats are still empty (the computer plays "
                             "them until someone joins)"))
    host.add_argument("--resume", nargs="+", metavar=_("LOG"),
                      help=_("go on with a hosted game from its log(s) after a restart; devices come back to their seats"))
    host.add_argument("--no-window", action="store_true", help=_("no projector window: the terminal only"))
    host.add_argument("--seed", type=_seed, default=0, help=_("random seed of table 1 (table N plays seed+N-1)"))
    host.add_argument("--pace", type=_seconds, default=0.5, metavar=_("SECONDS"),
                      help=_("seconds between two computer moves, so the room can follow (default 0.5)"))
    host.add_argument("--size", type=_size, default=None, metavar=_("WxH"), help=_("window size (default 1280x720)"))
    join = commands.add_parser("join",
                               help=_("play a seat of a hosted table with a built-in agent (fill seats, load-test)"))
    join.add_argument("url", metavar=_("URL"),
                      help=_("the students' address summit host printed (http://ADDRESS:PORT/)"))
    join.add_argument("--as", dest="as_leader", required=True, metavar=_("LEADER"), help=_("the leader id to play"))
    join.add_argument("--agent", required=True, metavar=_("NAME"),
                      help=_("a built-in agent (summit agents lists them)"))
    join.add_argument("--table", type=_count("tables", 8), default=1, help=_("which table (default 1)"))
    join.add_argument("--room", metavar=_("CODE"), help=_("the room code (or ?room=CODE in the URL)"))
    join.add_argument("--name", metavar=_("NAME"), help=_("the name the teacher sees for this seat"))
    commands.add_parser("scenarios", help=_("list the bundled scenarios"))
    agents = commands.add_parser("agents", help=_("list the agents a scenario can name"))
    for command in (play, run, tournament, batch):
        command.add_argument("--full-information", action="store_true",
                             help=_("a teaching option: every leader's positions (ideals, weights, red lines) are "
                                    "public, and the computer players use them"))
    for command in (play, run, tournament, batch, brief, host):
        command.add_argument("--rounds", type=_rounds_cut, default=None, metavar="N",
                             help=_("a lesson that fits the clock: play only the first N rounds (1 to the scenario's "
                                    "own); every computer player concedes on a schedule of N rounds"))
    for command in (play, run, tournament, batch, validate, agents, replay):
        command.add_argument("--agents-path", metavar=_("DIR"),
                             help=_("also load the agents defined in DIR's .py files (your own code: only a "
                                    "folder you name here is ever loaded, never from a scenario)"))
    for command in (run, batch):
        command.add_argument("--isolate", action="store_true",
                             help=_("play each agent from --agents-path in a process of its own, with limits on its "
                                    "time, CPU and memory (POSIX only)"))
    tournament.add_argument("--isolate", action=argparse.BooleanOptionalAction, default=None,
                            help=_("play each agent from --agents-path, or each entry, in a process of its own, with "
                                   "limits on its time, CPU and memory (POSIX only; the default with --entries)"))
    for command in (parser, *commands.choices.values()):
        command.add_argument("--lang", type=_language, default=argparse.SUPPRESS, metavar="en|fr",
                             help=_("the language Summit writes in: en or fr (default: your locale's, else en); logs, "
                                    "JSON and CSV are the same in both"))
    for command in (play, run, tournament, batch):
        command.add_argument("--strict-agents", action="store_true",
                             help=_("a user's agent that fails ends the game (exit 2) instead of handing its seat "
                                    "to the built-in agent for its role"))
        command.add_argument("--agent-seconds", type=_decision_seconds, default=None, metavar="S",
                             help=_("a user's agent's time for one decision, in seconds (default 5)"))
    return parser


def _decision_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a number of seconds, found {text!r}").format(text=text)) from None
    if not math.isfinite(value) or not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(_("expected seconds above 0 and at most 3600, found {text!r}").format(text=text))
    return value


def _text(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError(_("expected a value, found an empty string"))
    return text


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a whole number, found {text!r}").format(text=text)) from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(_("expected a seed from 0 to 2**63-1, found {value}").format(value=value))
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(_("expected a port from 0 to 65535 (0: any free one), found {text!r}")
                                         .format(text=text))
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 86400:
        raise argparse.ArgumentTypeError(_("expected a number of seconds from 0 to 86400, found {text!r}")
                                         .format(text=text))
    return value


def _rounds_cut(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("expected a number of rounds (1 or more), found {text!r}").format(text=text))
    return value


def _round(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(_("expected a round number (0 or more), found {text!r}").format(text=text))
    return value


MAX_RUNS = 100_000
MAX_JOBS = 256   # each job is a process: a typo such as --jobs 10000 must not start ten thousand


MAX_SEEDS = 1000


# What --runs, --seeds and --tables say of a value that is not a number, and of one out of range: whole sentences,
# which French words as it must.
_COUNTED = {"runs": (N_("expected a whole number of runs, found {text!r}"),
                     N_("expected from 1 to {most} runs, found {value}")),
            "seeds": (N_("expected a whole number of seeds, found {text!r}"),
                      N_("expected from 1 to {most} seeds, found {value}")),
            "tables": (N_("expected a whole number of tables, found {text!r}"),
                       N_("expected from 1 to {most} tables, found {value}"))}


def _count(noun: str, most: int):
    """An argument type for a whole number of `noun` (runs, seeds, tables) from 1 to `most`."""
    not_a_number, out_of_range = _COUNTED[noun]

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(not_a_number.format(text=text)) from None
        if not 1 <= value <= most:
            raise argparse.ArgumentTypeError(out_of_range.format(most=most, value=value))
        return value
    return parse


_runs = _count("runs", MAX_RUNS)
_seeds = _count("seeds", MAX_SEEDS)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a whole number of jobs, found {text!r}").format(text=text)) from None
    if not 1 <= value <= MAX_JOBS:
        raise argparse.ArgumentTypeError(ngettext("expected 1 or more jobs (this computer has {n} CPU; at most {most}), "
                                                  "found {value}",
                                                  "expected 1 or more jobs (this computer has {n} CPUs; at most {most}), "
                                                  "found {value}", os.cpu_count() or 1)
                                         .format(n=os.cpu_count() or 1, most=MAX_JOBS, value=value))
    return value


_ADDRESS = re.compile(r"(?:(?:tcp|tls|ws|wss)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)"
                      r":(\d{1,5})")


def _dask_address(text: str) -> str:
    """--dask: local, or a scheduler's address: [tcp://]HOST:PORT (tls://, ws://, wss:// too)."""
    value = text.strip()
    found = _ADDRESS.fullmatch(value)
    if value != "local" and not (found and 1 <= int(found.group(1)) <= 65535):
        raise argparse.ArgumentTypeError(_("expected a Dask scheduler's address such as tcp://HOST:8786, or local; "
                                           "found {text!r}").format(text=text))
    return value


def _size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(_("expected WIDTHxHEIGHT such as 1280x720, found {text!r}").format(text=text))
    size = int(width), int(height)
    if not (1280 <= size[0] <= 7680 and 720 <= size[1] <= 4320):
        raise argparse.ArgumentTypeError(_("the window is at least 1280x720 (and at most 7680x4320), found {text!r}")
                                         .format(text=text))
    return size


def _language(text: str) -> str:
    try:
        return i18n.parse_language(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected en or fr, found {text!r}").format(text=text)) from None


def _asked_language(argv: list[str]) -> str | None:
    """The value of the last --lang among the arguments (before a lone --), read before the parser is made so
    that its help is in that language; None when there is none. UsageError for a value that is no language."""
    asked = None
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(argv):
            asked = argv[index + 1]
        elif argument.startswith("--lang="):
            asked = argument.partition("=")[2]
    if asked is None:
        return None
    try:
        return i18n.parse_language(asked)
    except ValueError:
        raise UsageError(_("summit: --lang: expected en or fr, found {text!r}").format(text=asked)) from None


def main(argv: list[str] | None = None) -> int:
    """Run `summit` with these arguments (sys.argv's by default) in the language asked for with --lang, else
    the environment's; the language before it is the language again when it returns."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with i18n.using(i18n.from_environment()):
        try:
            language = _asked_language(argv)
        except UsageError as error:
            print(for_terminal(str(error)), file=sys.stderr)
            return EXIT_USAGE
        with i18n.using(language or i18n.language()), _argparse_in_language():
            return _main(argv)


# argparse's own words that a user of `summit` may meet, for `make messages` to put in the catalogue (argparse looks
# them up itself, through _argparse_in_language below). They must be argparse's exactly (Python 3.11 to 3.13).
ARGPARSE_WORDS = (N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
                  N_("show program's version number and exit"), N_("argument %(argument_name)s: %(message)s"),
                  N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"),
                  N_("expected one argument"), N_("expected at most one argument"),
                  N_("expected at least one argument"), N_("ambiguous option: %(option)s could match %(matches)s"),
                  N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
                  N_("not allowed with argument %s"), N_("ignored explicit argument %r"),
                  N_("one of the arguments %s is required"))


class _argparse_in_language:
    """argparse's own words ("usage:", "the following arguments are required: ...") in the language in use:
    it looks them up through the names _ and ngettext of its module, which this points at Summit's catalogue
    for the time of one command."""

    def __enter__(self):
        self.saved = argparse._, argparse.ngettext
        argparse._, argparse.ngettext = i18n.gettext, i18n.ngettext

    def __exit__(self, *exc):
        argparse._, argparse.ngettext = self.saved


def _main(argv: list[str]) -> int:
    command = "summit"
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        # A file name is any bytes the system allows; Python hands the undecodable ones over as surrogates,
        # which then print back as the same bytes instead of failing (stderr already does so).
        sys.stdout.reconfigure(errors="surrogateescape")
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as done:  # --help and --version have printed; a caller in-process gets the code
            return done.code or 0
        if getattr(args, "lang", None):   # also when argparse took an abbreviation of --lang for it
            i18n.set_language(args.lang)
        if args.command is None:
            _parser().print_help()
            return 0
        if getattr(args, "entries", None) is not None:   # before --agents-path is loaded: it is refused here
            from .class_tournament import refuse_mixes
            refuse_mixes(args)
        if getattr(args, "agents_path", None):
            from ..agents import AgentPathError, load_agents_path
            from ..agents import registry
            try:
                load_agents_path(args.agents_path)
            except AgentPathError as error:
                raise UsageError(_("summit {command}: --agents-path {error}").format(command=args.command,
                                                                                      error=error_text(error))) from None
            for warning in registry.WARNINGS:
                print(_("summit {command}: --agents-path warning: {warning}").format(command=args.command,
                                                                                      warning=localize(warning)), file=sys.stderr)
            registry.WARNINGS.clear()
        command = f"summit {args.command}"
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(for_terminal(str(error)), file=sys.stderr)   # it may quote a file's name
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(_("summit: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:   # a file the commands do not check themselves: the system's reason, in one line
        if error.filename is not None:
            said = _("{command}: {file}: {reason}").format(command=command, file=os.fsdecode(error.filename),
                                                           reason=reason_of(error))
        else:
            said = _("{command}: {reason}").format(command=command, reason=reason_of(error))
        print(for_terminal(said), file=sys.stderr)
        return EXIT_USAGE


COMMANDS = {"run": cmd_run, "tournament": cmd_tournament, "play": cmd_play, "validate": cmd_validate,
            "schema": cmd_schema, "scenarios": cmd_scenarios, "agents": cmd_agents, "inspect": cmd_inspect,
            "new-scenario": cmd_new_scenario, "migrate": cmd_migrate, "replay": cmd_replay, "brief": cmd_brief,
            "debrief": cmd_debrief, "batch": cmd_batch, "backtest": cmd_backtest, "host": cmd_host,
            "join": cmd_join, "grades": cmd_grades}
