"""`summit ...`: the command line. Every user mistake ends in one clear message on stderr and exit 2."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from . import __version__

EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in what the user asked for; printed as is, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own errors: one line, as ours are (the usage is a --help away)
        raise UsageError(f"{self.prog}: error: {message} ({self.prog} --help lists the options)")

    def add_argument(self, *names, **options):
        # An empty name or value is never what was meant: as a path it would be the current folder, and an
        # empty option value would quietly turn the option off.
        if options.get("action", "store") in ("store", "append", "extend") and "type" not in options:
            options["type"] = _text
        return super().add_argument(*names, **options)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="summit", description="Summit: a negotiation game about NATO burden-sharing.")
    parser.add_argument("--version", action="version", version=f"summit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    play = commands.add_parser("play", help="open the game window (the title screen, or a scenario's roles or briefing)")
    play.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO",
                      help="file path or bundled id: start at its role selection (or its briefing with --as)")
    play.add_argument("--as", dest="as_leader", metavar="LEADER",
                      help="the leader id you play, e.g. rutte; several players: tusk,sanchez,scholz")
    play.add_argument("--operator", action="store_true",
                      help="several players: one operator enters every move (no hand-off screens)")
    play.add_argument("--demo", action="store_true", help="agents take every role; the game walks itself through every screen")
    play.add_argument("--fast", action="store_true", help="with --demo: no pauses")
    play.add_argument("--screenshots", metavar="DIR", help="save one PNG per screen visited (NN-screen-name.png)")
    play.add_argument("--size", type=_size, default=None, metavar="WxH", help="window size (default 1280x720, or your setting)")

    run = commands.add_parser("run", help="one headless game, agents in every role")
    run.add_argument("scenario", metavar="SCENARIO", help="file path or bundled scenario id")
    run.add_argument("--seed", type=_seed, default=0, help="random seed (default 0)")
    run.add_argument("--json", action="store_true", help="print one JSON object instead of the readable account")
    run.add_argument("--log", metavar="FILE", help="write the game's log (JSON lines) to FILE")
    run.add_argument("--agents", nargs="+", action="extend", default=[], metavar="WHO=AGENT",
                     help="WHO is a leader id or a role (member, us_president, secretary_general)")

    replay = commands.add_parser("replay", help="replay a logged game through the rules, checking every line")
    replay.add_argument("log", metavar="LOG", help="a log written by summit run --log, or a save (.summit)")
    replay.add_argument("--json", action="store_true", help="print the JSON object summit run --json printed")
    replay.add_argument("--until", type=_round, default=None, metavar="ROUND", help="stop after this round")
    replay.add_argument("--rerun", action="store_true",
                        help="let the logged agents play again from the seed; every line must come out the same")

    tournament = commands.add_parser("tournament", help="compare mixes of agents over many seeds")
    tournament.add_argument("scenario", metavar="SCENARIO", help="file path or bundled scenario id")
    tournament.add_argument("--runs", type=_runs, required=True, metavar="N", help="games per mix (1 to 100000)")
    tournament.add_argument("--seed", type=_seed, default=0, metavar="S",
                            help="first seed; the runs use S to S+N-1 (default 0)")
    tournament.add_argument("--agents", nargs="+", action="append", default=[], metavar="WHO=AGENT",
                            help="one more mix, as in summit run; repeat for more mixes")
    tournament.add_argument("--out", metavar="FILE.csv", help="also write one CSV row per game to FILE.csv")
    tournament.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")

    batch = commands.add_parser("batch", help="one mix of agents over many seeds: the spread of outcomes, with a "
                                              "progress bar")
    batch.add_argument("scenario", metavar="SCENARIO", help="file path or bundled scenario id")
    batch.add_argument("--runs", type=_runs, required=True, metavar="N", help=f"games (1 to {MAX_RUNS})")
    batch.add_argument("--seed", type=_seed, default=0, metavar="S",
                       help="first seed; run i plays seed S+i, as summit run --seed S+i would (default 0)")
    batch.add_argument("--jobs", type=_jobs, default=1, metavar="J",
                       help=f"games played at once, each in its own process (default 1; this computer has "
                            f"{os.cpu_count() or 1} CPUs)")
    batch.add_argument("--agents", nargs="+", action="extend", default=[], metavar="WHO=AGENT",
                       help="WHO is a leader id or a role (member, us_president, secretary_general), as in summit run")
    batch.add_argument("--out", metavar="FILE", help="write one row per game, in run order, as the games finish: "
                                                    "FILE.csv or FILE.jsonl (JSON lines)")
    batch.add_argument("--logs", metavar="DIR", help="write each game's log to DIR/run-<i>-seed-<seed>.jsonl "
                                                    "(as summit run --log)")
    batch.add_argument("--plot", metavar="DIR", help="write the charts (PNG) to DIR")
    batch.add_argument("--json", action="store_true", help="print the summary as one JSON object instead of the tables")

    validate = commands.add_parser("validate", help="check scenario files; exit 0 when valid, 2 with every error")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")

    inspect = commands.add_parser("inspect", help="what the red lines allow: zones of agreement, Pareto frontier, "
                                                  "Nash solution")
    inspect.add_argument("scenario", metavar="SCENARIO", help="file path or bundled scenario id")
    inspect.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")

    brief = commands.add_parser("brief", help="write printable briefings (HTML and Markdown), one per role, and an index")
    brief.add_argument("scenario", metavar="SCENARIO", help="file path or bundled scenario id")
    brief.add_argument("--role", metavar="LEADER", help="only this leader's briefing (and the index)")
    brief.add_argument("--out", metavar="DIR", help="the folder to write to, created if missing "
                                                   "(default: ./SCENARIO_ID-briefings)")

    debrief = commands.add_parser("debrief", help="write the after-class report of logged games (HTML, Markdown, "
                                                  "charts, debrief.json); several logs of one scenario are compared")
    debrief.add_argument("logs", nargs="+", metavar="LOG", help="a log written by summit run --log, or a save (.summit)")
    debrief.add_argument("--out", metavar="DIR", help="the folder to write to, created if missing (default: "
                                                     "./LOG-debrief for one log, ./SCENARIO_ID-debrief for several)")

    commands.add_parser("schema", help="print the JSON Schema of the scenario format")
    new = commands.add_parser("new-scenario", help="write a commented starting point for a scenario of your own")
    new.add_argument("out", metavar="OUT.yaml", help="the file to write (its name, without .yaml, becomes the id)")
    new.add_argument("--from", dest="source", metavar="ID",
                     help="start from a copy of this bundled scenario instead of the small commented template")
    commands.add_parser("scenarios", help="list the bundled scenarios")
    agents = commands.add_parser("agents", help="list the agents a scenario can name")
    for command in (play, run, tournament, batch):
        command.add_argument("--full-information", action="store_true",
                             help="a teaching option: every leader's positions (ideals, weights, red lines) are "
                                  "public, and the computer players use them")
    for command in (play, run, tournament, batch, validate, agents, replay):
        command.add_argument("--agents-path", metavar="DIR",
                             help="also load the agents defined in DIR's .py files (your own code: only a "
                                  "folder you name here is ever loaded, never from a scenario)")
    return parser


def _text(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError("expected a value, found an empty string")
    return text


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"expected a seed from 0 to 2**63-1, found {value}")
    return value


def _round(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a round number (0 or more), found {text!r}")
    return value


MAX_RUNS = 100_000
MAX_JOBS = 256   # each job is a process: a typo such as --jobs 10000 must not start ten thousand


def _runs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of runs, found {text!r}") from None
    if not 1 <= value <= MAX_RUNS:
        raise argparse.ArgumentTypeError(f"expected from 1 to {MAX_RUNS} runs, found {value}")
    return value


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of jobs, found {text!r}") from None
    if not 1 <= value <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"expected 1 or more jobs (this computer has {os.cpu_count() or 1} CPUs; "
                                         f"at most {MAX_JOBS}), found {value}")
    return value


def _size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1280x720, found {text!r}")
    size = int(width), int(height)
    if not (1280 <= size[0] <= 7680 and 720 <= size[1] <= 4320):
        raise argparse.ArgumentTypeError(f"the window is at least 1280x720 (and at most 7680x4320), found {text!r}")
    return size


def main(argv: list[str] | None = None) -> int:
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
        if args.command is None:
            _parser().print_help()
            return 0
        if getattr(args, "agents_path", None):
            from .agents import AgentPathError, load_agents_path
            try:
                load_agents_path(args.agents_path)
            except AgentPathError as error:
                raise UsageError(f"summit {args.command}: --agents-path {error}") from None
        command = f"summit {args.command}"
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("summit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:   # a file the commands do not check themselves: the system's reason, in one line
        where = f"{os.fsdecode(error.filename)}: " if error.filename is not None else ""
        print(f"{command}: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE


# ----- commands ---------------------------------------------------------------------------------

def _load(spec: str):
    from .agents import names
    from .scenario.catalogue import resolve
    from .scenario import check_file

    try:
        path = resolve(spec)
    except FileNotFoundError as missing:
        raise UsageError(f"summit: {missing}") from None
    checked = check_file(path, names())
    for problem in checked.problems:
        print(problem, file=sys.stderr)
    if checked.scenario is None:
        raise UsageError(f"summit: {spec}: the scenario has errors (listed above); nothing was played")
    return checked.scenario


def _information(scenario, args):
    """The scenario as played: with every position public under --full-information."""
    return scenario.with_information("full") if args.full_information else scenario


def _agent_overrides(scenario, pairs: list[str], command: str = "summit run") -> dict[str, str]:
    from .agents import names

    overrides = {}
    leader_ids = [leader.id for leader in scenario.leaders]
    roles = ("member", "us_president", "secretary_general")
    for pair in pairs:
        who, sep, agent = pair.partition("=")
        if not sep or not who or not agent:
            raise UsageError(f"{command}: --agents {pair!r}: expected WHO=AGENT, e.g. member=random")
        if who not in leader_ids and who not in roles:
            from .scenario.checks import did_you_mean
            raise UsageError(f"{command}: --agents {pair!r}: {who!r} is neither a leader of {scenario.id} nor a role"
                             f"{did_you_mean(who, leader_ids + list(roles))}")
        if agent not in names():
            usable = [name for name in names() if _protocol_agent_problem(scenario, name) is None]
            raise UsageError(f"{command}: --agents {pair!r}: unknown agent {agent!r}; the agents are: {', '.join(usable)}")
        problem = _protocol_agent_problem(scenario, agent)
        if problem:
            raise UsageError(f"{command}: --agents {pair!r}: {problem}")
        if who in overrides and overrides[who] != agent:
            raise UsageError(f"{command}: --agents: {who!r} is given twice ({overrides[who]} and {agent}); choose one")
        overrides[who] = agent
    return overrides


def _protocol_agent_problem(scenario, agent: str) -> str | None:
    """Agents play one protocol: the summit agents summits, `rational` bilateral offers (`random` both)."""
    from .scenario.checks import BILATERAL_AGENTS

    if scenario.is_bilateral and agent not in BILATERAL_AGENTS:
        return f"{scenario.id} uses the bilateral protocol; its agents are: {', '.join(BILATERAL_AGENTS)}"
    if not scenario.is_bilateral and agent == "rational":
        return "agent 'rational' plays only the bilateral protocol (e.g. split_the_pie)"
    return None


def _bilateral_unsupported(scenario, command: str, spec: str, what: str) -> None:
    if scenario.is_bilateral:
        raise UsageError(f"{command}: {spec} uses the bilateral protocol, which {what}: "
                         f"use summit run {spec}")


def _file_to_write(command: str, option: str, name: str | None) -> Path | None:
    """The path of a file the command will write, checked before any work is done (None without the option):
    not a folder, in a folder that exists and takes new files (the file is written through a temporary one
    beside it), with a name the system accepts."""
    if name is None:
        return None
    path = Path(name)
    try:
        if path.is_dir():
            raise UsageError(f"{command}: {option} {name}: is a folder; name a file")
        if not path.parent.is_dir():
            raise UsageError(f"{command}: {option} {name}: the folder {path.parent} does not exist")
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as error:
        raise UsageError(f"{command}: {option} {name}: cannot write: {error.strerror or error}") from None
    return path


def _play_game(scenario, seed: int, overrides: dict[str, str]):
    """Play a whole game under the scenario's protocol (the summit, or bilateral offers)."""
    from .agents import agents_for
    from .engine import make_game, outcome_of, play

    game = make_game(scenario, seed)
    state = play(game, agents_for(scenario, overrides))
    return game, state, outcome_of(game, state)


def cmd_run(args) -> int:
    from .agents import chosen_names
    from .engine import log
    from .files import write_atomically
    from .report.account import account

    scenario = _information(_load(args.scenario), args)
    overrides = _agent_overrides(scenario, args.agents)
    log_path = _file_to_write("summit run", "--log", args.log)
    game, state, result = _play_game(scenario, args.seed, overrides)
    if log_path is not None:
        text = log.write(scenario.source_text, scenario.id, args.seed, chosen_names(scenario, overrides), __version__,
                         state, result, information=scenario.information)
        try:
            write_atomically(log_path, text)
        except OSError as error:
            raise UsageError(f"summit run: --log {args.log}: cannot write: {error.strerror or error}") from None
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    elif scenario.is_bilateral:
        from .engine import bilateral
        print(bilateral.account(game, state, result))
    else:
        print(account(scenario, state, result))
    return 0


def cmd_replay(args) -> int:
    from .play.replay import ReplayError, replay

    try:
        replayed = replay(Path(args.log), until=args.until, rerun=args.rerun)
    except ReplayError as error:
        raise UsageError(f"summit replay: {error}") from None
    scenario, state = replayed.scenario, replayed.state
    if replayed.over:
        if args.json:
            print(json.dumps(replayed.outcome.to_json(), ensure_ascii=False))
        elif scenario.is_bilateral:
            from .engine import bilateral
            print(bilateral.account(replayed.game, state, replayed.outcome))
        else:
            from .report.account import account
            print(account(scenario, state, replayed.outcome))
        return 0
    # Stopped before the end (--until, or a save of a game in progress): what is known so far.
    through = replayed.until if replayed.until is not None else state.round
    if args.json:
        known = {"scenario": scenario.id, "seed": replayed.seed, "over": False, "until": through,
                 "logged_rounds": replayed.logged_rounds}
        if scenario.is_bilateral:
            known.update(protocol="bilateral", offer=state.offer)
        else:
            known.update(draft=state.draft.to_json(),
                         pledges={ally: {"level": level, "year": year} for ally, (level, year) in state.pledges})
        print(json.dumps(known, ensure_ascii=False))
    elif scenario.is_bilateral:
        lines = [f"{scenario.title} ({scenario.id}), seed {replayed.seed}", ""]
        lines += [("  = " if e.type == "result" else f"  [round {e.round}] ") + e.text
                  for e in state.history if e.round <= through]
        print("\n".join(lines + ["", "=" * 78, f"NOT OVER: replayed through round {through}."]))
    else:
        from .report.account import partial_account
        print(partial_account(scenario, state, replayed.seed, through))
    return 0


def cmd_tournament(args) -> int:
    from .files import write_atomically
    from .analysis.tournament import SCENARIO_MIX, Mix, play_tournament

    command = "summit tournament"
    scenario = _information(_load(args.scenario), args)
    _bilateral_unsupported(scenario, command, args.scenario, "tournaments do not compare yet")
    mixes = [Mix(SCENARIO_MIX, {})]
    for pairs in args.agents:
        mix = Mix(", ".join(pairs), _agent_overrides(scenario, pairs, command))
        if any(mix.name == other.name for other in mixes):
            raise UsageError(f"{command}: --agents {mix.name}: this mix is given twice")
        mixes.append(mix)
    if args.seed + args.runs - 1 >= 2**63:
        raise UsageError(f"{command}: --seed {args.seed} --runs {args.runs}: the last seed would be above 2**63-1")
    out_path = _file_to_write(command, "--out", args.out)
    progress = _progress_line(command, mixes, args.runs)
    result = play_tournament(scenario, mixes, args.runs, args.seed, progress)
    if progress is not None:
        print("\r\x1b[K", end="", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        _print_tournament(scenario, result)
    if out_path is not None:
        try:
            write_atomically(out_path, result.csv_text())
        except OSError as error:
            raise UsageError(f"{command}: --out {args.out}: cannot write: {error.strerror or error}") from None
    return 0


def cmd_batch(args) -> int:
    from .agents import chosen_names
    from .analysis.batch import ROW_SUFFIXES, RowWriter, Tally, WorkerError, columns, held_interrupts, play_batch
    from .report.batch import print_batch, progress_bar

    command = "summit batch"
    scenario = _information(_load(args.scenario), args)
    _bilateral_unsupported(scenario, command, args.scenario, "batches do not summarise yet")
    overrides = _agent_overrides(scenario, args.agents, command)
    if args.seed + args.runs - 1 >= 2**63:
        raise UsageError(f"{command}: --seed {args.seed} --runs {args.runs}: the last seed would be above 2**63-1")
    try:
        columns(scenario)
    except ValueError as error:
        raise UsageError(f"{command}: {args.scenario}: {error}") from None
    out_path = _file_to_write(command, "--out", args.out)
    if out_path is not None and out_path.suffix not in ROW_SUFFIXES:
        raise UsageError(f"{command}: --out {args.out}: name a .csv or a .jsonl (JSON lines) file")
    plot = _folder_to_write(command, "--plot", args.plot)   # made now: a folder that cannot be made stops
    logs = _folder_to_write(command, "--logs", args.logs)   # the batch before its first game
    try:
        writer = RowWriter(out_path, scenario) if out_path is not None else None
    except OSError as error:
        raise UsageError(f"{command}: --out {args.out}: cannot write: {error.strerror or error}") from None
    tally = Tally(scenario, args.runs, args.seed, overrides)
    stopped = False
    try:
        with play_batch(scenario, args.runs, args.seed, args.jobs, overrides, logs, args.agents_path) as games, \
                progress_bar(command, args.runs) as progress:
            for row in games:
                with held_interrupts():   # a row is written and counted whole, or not at all
                    if writer is not None:
                        writer.add(row)
                    tally.add(row)
                progress(tally.finished)
    except KeyboardInterrupt:
        stopped = True
    except OSError as error:   # the disk is full, a log cannot be written, ...
        raise UsageError(f"{command}: {_batch_file_problem(error, args, logs)}") from None
    except WorkerError as error:   # killed from outside, or out of memory
        raise UsageError(f"{command}: {error}; stopped after {tally.finished} of {args.runs} runs") from None
    finally:
        if writer is not None:
            with held_interrupts():
                try:
                    writer.close()
                except OSError as error:
                    raise UsageError(f"{command}: {_batch_file_problem(error, args, logs)}") from None
    if tally.finished:
        summary = tally.summary()
        if args.json:
            print(json.dumps(summary.to_json(), ensure_ascii=False))
        else:
            print_batch(scenario, summary, chosen_names(scenario, overrides))
        if plot is not None:
            from .report.batch_charts import draw_batch_charts
            try:
                draw_batch_charts(tally, plot)
            except OSError as error:
                raise UsageError(f"{command}: --plot {args.plot}: cannot write: {error.strerror or error}") from None
    if stopped:
        print(f"{command}: stopped after {tally.finished} of {args.runs} runs", file=sys.stderr)
        return 130
    return 0


def _batch_file_problem(error: OSError, args, logs: Path | None) -> str:
    reason = error.strerror or str(error)
    if logs is not None and error.filename and Path(error.filename).resolve().parent == logs.resolve():
        return f"--logs {args.logs}: cannot write: {reason}"
    if args.out and error.filename and Path(error.filename).resolve() == Path(args.out).resolve():
        return f"--out {args.out}: cannot write: {reason}"
    return f"cannot start or reach the worker processes: {reason}"


def _folder_to_write(command: str, option: str, name: str | None) -> Path | None:
    """A folder the command will write into, created now (None without the option)."""
    if name is None:
        return None
    path = Path(name)
    try:
        if path.exists() and not path.is_dir():
            raise UsageError(f"{command}: {option} {name}: is a file; name a folder")
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{command}: {option} {name}: cannot create the folder: {error.strerror or error}") from None
    return path


def _progress_line(command: str, mixes: list, runs: int):
    """A progress count on stderr, rewritten in place, when stderr is a terminal (big tournaments take minutes)."""
    if not sys.stderr.isatty():
        return None
    position = {mix.name: index for index, mix in enumerate(mixes, 1)}

    def show(mix, done: int) -> None:
        print(f"\r\x1b[K{command}: mix {position[mix.name]} of {len(mixes)} ({mix.name}): {done} of {runs} games",
              end="", file=sys.stderr, flush=True)
    return show


def _print_tournament(scenario, result) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from .agents import chosen_names
    from .scenario import Role

    # Piped or captured: no colour or other control codes, a fixed width so that the text does not depend on
    # the terminal (a table takes only the width it needs), and no trailing blanks (rich pads every line).
    terminal = sys.stdout.isatty()
    plain = {} if terminal else {"color_system": None, "force_terminal": False, "width": 200}
    console = Console(file=sys.stdout if terminal else io.StringIO(), markup=False, highlight=False, emoji=False,
                      **plain)
    console.print(f"{scenario.title} ({scenario.id}): {result.runs} games per mix, "
                  f"seeds {result.seed} to {result.seed + result.runs - 1}")
    summaries = result.summaries

    comparison = Table(title="Mixes compared", title_justify="left", box=box.SIMPLE_HEAD)
    comparison.add_column("")
    for summary in summaries:
        comparison.add_column(summary.name, justify="right")

    def row(label: str, cells=None) -> None:
        comparison.add_row(label, *(cells if cells is not None else [""] * len(summaries)))

    def maybe(value, text) -> str:
        return "-" if value is None else text(value)

    row("agreed (95% interval)", [f"{s.agreements}/{s.runs} {s.agreement_rate:.0%} "
                                  f"({s.agreement_ci[0]:.0%}-{s.agreement_ci[1]:.0%})" for s in summaries])
    row("rounds to agreement", [maybe(s.rounds_to_agreement, "{:.1f}".format) for s in summaries])
    row("agreed terms (mean)")
    for issue in scenario.issues:
        row(f"  {issue.label}", [maybe(s.agreed_terms[issue.id], lambda term: _agreed_term_text(issue, term))
                                 for s in summaries])
    row("  carve-outs", [maybe(s.carve_outs, "{:.1f}".format) for s in summaries])
    row("score (mean ± sd)")
    role_labels = {Role.SECRETARY_GENERAL.value: "Secretary General", Role.US_PRESIDENT.value: "US President",
                   Role.MEMBER.value: "members (average)"}
    for role, label in role_labels.items():
        if role in summaries[0].role_scores:
            row(f"  {label}", [_stat_text(s.role_scores[role]) for s in summaries])
    console.print()
    console.print(comparison)

    for summary in summaries:
        agents = chosen_names(scenario, summary.overrides)
        leaders = Table(title=f"Leaders' scores: {summary.name}", title_justify="left", box=box.SIMPLE_HEAD)
        for heading, justify in (("leader", "left"), ("role", "left"), ("agent", "left"), ("mean", "right"),
                                 ("sd", "right")):
            leaders.add_column(heading, justify=justify)
        for leader in scenario.leaders:
            stat = summary.scores[leader.id]
            leaders.add_row(f"{leader.name} ({leader.id})", leader.role.value, agents[leader.id],
                            f"{stat.mean:.1f}", f"{stat.sd:.1f}")
        console.print(leaders)
    console.print("Scores are 0-100: 50 = as good as no deal, 100 = the leader's ideal; sd is over the games. "
                  "Rounds, terms and carve-outs are over the games that agreed.")
    if not terminal:
        print("\n".join(line.rstrip() for line in console.file.getvalue().splitlines()))


def _agreed_term_text(issue, term) -> str:
    if term.option is not None:
        return f"{term.option} ({term.share:.0%})"
    # One decimal more than the issue's step: a mean between grid values is worth seeing.
    decimals = max(0, -Decimal(str(issue.step)).normalize().as_tuple().exponent) + 1
    text = f"{term.mean:.{decimals}f}"
    if issue.unit in ("", "year"):
        return text
    return f"{text}{issue.unit}" if issue.unit.startswith("%") else f"{text} {issue.unit}"


def _stat_text(stat) -> str:
    return f"{stat.mean:.1f} ± {stat.sd:.1f}"


def _no_display() -> bool:
    """True on Linux/BSD with no X or Wayland display and no SDL video driver chosen."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return False
    return not any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))


def cmd_play(args) -> int:
    if args.fast and not args.demo:
        raise UsageError("summit play: --fast goes with --demo")
    if args.full_information and not args.scenario:
        raise UsageError("summit play: --full-information needs a SCENARIO, e.g. summit play tutorial --full-information")
    if args.as_leader and not args.scenario:
        raise UsageError("summit play: --as LEADER needs a SCENARIO, e.g. summit play rutte_washington_2025 --as rutte")
    if args.demo and args.operator:
        raise UsageError("summit play: --operator is for several players at one screen; in a --demo the computer "
                         "plays every role")
    if args.demo and args.as_leader and "," in args.as_leader:
        raise UsageError(f"summit play: --demo --as {args.as_leader}: a demo watches one role; name one leader")
    scenario = path = None
    if args.scenario:
        from .scenario.catalogue import resolve
        scenario = _information(_load(args.scenario), args)
        _bilateral_unsupported(scenario, "summit play", args.scenario, "the window does not show yet")
        path = resolve(args.scenario)
    if args.as_leader:
        ids = [leader.id for leader in scenario.leaders]
        players = args.as_leader.split(",")
        for player in players:
            if player not in ids:
                from .scenario.checks import did_you_mean
                raise UsageError(f"summit play: --as {args.as_leader}: no such leader {player!r} in {scenario.id}"
                                 f"{did_you_mean(player, ids)}; the leaders are: {', '.join(ids)}")
        if len(set(players)) != len(players):
            raise UsageError(f"summit play: --as {args.as_leader}: a leader is named twice")
    try:
        if args.screenshots and Path(args.screenshots).exists() and not Path(args.screenshots).is_dir():
            raise UsageError(f"summit play: --screenshots {args.screenshots}: is a file; name a folder")
    except OSError as error:
        raise UsageError(f"summit play: --screenshots {args.screenshots}: cannot write there: {error.strerror or error}") from None
    if _no_display():
        raise UsageError("summit play: no display found (DISPLAY is not set), so no window can open. "
                         "Use `summit run SCENARIO` to play headless, or set SDL_VIDEODRIVER=dummy to run the "
                         "window off-screen (with --demo --screenshots DIR to see it).")
    screenshots = _folder_to_write("summit play", "--screenshots", args.screenshots)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from .ui import WindowError, play

    try:
        return play(scenario, path, args.as_leader, demo=args.demo, fast=args.fast, screenshots=screenshots,
                    size=args.size, operator=args.operator)
    except WindowError as error:
        raise UsageError(f"summit play: {error}. `summit run SCENARIO` plays without a window.") from None


def cmd_inspect(args) -> int:
    from .analysis.inspect import inspect
    from .report.inspection import print_inspection

    scenario = _load(args.scenario)
    _bilateral_unsupported(scenario, "summit inspect", args.scenario, "has no zones or frontier to inspect yet")
    result = inspect(scenario)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print_inspection(scenario, result)
    return 0


def cmd_validate(args) -> int:
    from .agents import names
    from .scenario.catalogue import check

    failed = False
    for spec in args.files:
        checked = check(spec, names())
        for problem in checked.problems:
            print(problem, file=sys.stderr if problem.severity == "error" or args.strict else sys.stdout)
        if checked.scenario is None or (args.strict and checked.warnings):
            failed = True
        else:
            print(f"{spec}: valid ({checked.scenario.title}: {len(checked.scenario.allies)} allies, "
                  f"{len(checked.scenario.leaders)} leaders, {len(checked.scenario.issues)} issue"
                  f"{'s' if len(checked.scenario.issues) != 1 else ''})")
    return EXIT_USAGE if failed else 0


def schema_text() -> str:
    """The JSON Schema of the scenario format, as `summit schema` prints it."""
    from .scenario import Scenario

    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Summit scenario, format 1"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def cmd_brief(args) -> int:
    from .report.briefing import write_briefings

    scenario = _load(args.scenario)
    _bilateral_unsupported(scenario, "summit brief", args.scenario, "has no briefings yet")
    ids = [leader.id for leader in scenario.leaders]
    if args.role is not None and args.role not in ids:
        from .scenario.checks import did_you_mean
        raise UsageError(f"summit brief: --role {args.role}: no such leader in {scenario.id}"
                         f"{did_you_mean(args.role, ids)}; the leaders are: {', '.join(ids)}")
    out = _folder_to_write("summit brief", "--out", args.out) or Path(f"{scenario.id}-briefings")
    if out.exists() and not out.is_dir():
        raise UsageError(f"summit brief: --out {out}: is a file; name a folder")
    try:
        written = write_briefings(scenario, out, [args.role] if args.role else None)
    except OSError as error:
        raise UsageError(f"summit brief: cannot write to {out}: {error.strerror or error}") from None
    for path in written:
        print(path)
    roles = 1 if args.role else len(ids)
    print(f"{roles} briefing{'s' if roles > 1 else ''} and the index written to {out}/ (open {out / 'index.html'})")
    return 0


def cmd_debrief(args) -> int:
    from .report.debrief import DebriefError, write_debrief

    out = Path(args.out) if args.out else None
    try:
        written = write_debrief([Path(name) for name in args.logs], out)
    except DebriefError as error:
        raise UsageError(f"summit debrief: {error}") from None
    except OSError as error:
        where = f"to {out}" if out else "the debrief"
        raise UsageError(f"summit debrief: cannot write {where}: {error.strerror or error}") from None
    index = written[0]
    for path in written[1:] + [index]:
        print(path)
    games = f"of {len(args.logs)} games " if len(args.logs) > 1 else ""
    print(f"Debrief {games}written to {index.parent}/ (open {index})")
    return 0


def cmd_schema(args) -> int:
    print(schema_text(), end="")
    return 0


SCHEMA_LINE = "# yaml-language-server: $schema="


def cmd_new_scenario(args) -> int:
    """Write a scenario to start from: the commented template, or a copy of a bundled scenario, with its id
    set to the file's name and a schema file beside it for editors that complete fields."""
    import re

    from .scenario.catalogue import bundled_dir, bundled_ids, template_path
    from .files import write_atomically

    command = "summit new-scenario"
    out = Path(args.out)
    if out.suffix != ".yaml":
        raise UsageError(f"{command}: {args.out}: name a .yaml file, e.g. my_summit.yaml")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", out.stem):
        suggestion = re.sub(r"[^a-z0-9_]+", "_", out.stem.lower()).strip("_") or "my_scenario"
        if not suggestion[0].isalpha():
            suggestion = "s_" + suggestion
        raise UsageError(f"{command}: {args.out}: the file name becomes the scenario's id, which is lower-case "
                         f"letters, digits and _ starting with a letter; try {out.with_name(suggestion + '.yaml')}")
    try:
        if out.exists():
            raise UsageError(f"{command}: {args.out} exists; choose another name (nothing was written)")
        if not out.parent.is_dir():
            raise UsageError(f"{command}: {args.out}: the folder {out.parent} does not exist")
    except OSError as error:   # e.g. a name longer than the system allows
        raise UsageError(f"{command}: {args.out}: cannot write: {error.strerror or error}") from None
    if args.source is not None:
        if args.source not in bundled_ids():
            from .scenario.checks import did_you_mean
            raise UsageError(f"{command}: --from {args.source}: no bundled scenario has that id"
                             f"{did_you_mean(args.source, bundled_ids())}")
        text = (bundled_dir() / f"{args.source}.yaml").read_text(encoding="utf-8")
        intro = f"# Made with `summit new-scenario --from {args.source}`: a copy to edit; the reference is docs/scenario-format.md.\n"
    else:
        text = template_path().read_text(encoding="utf-8")
        intro = ""
    lines = [line for line in text.splitlines() if not line.startswith(SCHEMA_LINE)]
    lines = [f"id: {out.stem}" + (line[line.index("#") - 1:] if "#" in line else "") if line.startswith("id:") else line
             for line in lines]
    body = SCHEMA_LINE + "scenario.schema.json\n" + intro + "\n".join(lines) + "\n"
    try:
        write_atomically(out, body)
        schema_path = out.with_name("scenario.schema.json")
        if not schema_path.exists():
            write_atomically(schema_path, schema_text())
    except OSError as error:
        raise UsageError(f"{command}: {args.out}: cannot write: {error.strerror or error}") from None
    print(f"Wrote {out}" + (f" (a copy of {args.source})" if args.source else "") +
          f". Check it with: summit validate {out}   Play it with: summit play {out}")
    return 0


def cmd_scenarios(args) -> int:
    from .agents import names
    from .scenario.catalogue import bundled_dir, bundled_ids, check

    for scenario_id in bundled_ids():
        checked = check(str(bundled_dir() / f"{scenario_id}.yaml"), names())
        if checked.scenario is None:
            print(f"{scenario_id:28} (invalid: {checked.errors[0].message})")
        else:
            s = checked.scenario
            print(f"{scenario_id:28} {s.year}  {len(s.allies):>2} allies  {s.title}")
    return 0


def cmd_agents(args) -> int:
    from .agents import AGENTS

    for name in sorted(AGENTS):
        print(f"{name:20} {AGENTS[name].description}")
    return 0


COMMANDS = {"run": cmd_run, "tournament": cmd_tournament, "play": cmd_play, "validate": cmd_validate,
            "schema": cmd_schema, "scenarios": cmd_scenarios, "agents": cmd_agents, "inspect": cmd_inspect,
            "new-scenario": cmd_new_scenario, "replay": cmd_replay, "brief": cmd_brief,
            "debrief": cmd_debrief, "batch": cmd_batch}
