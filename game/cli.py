"""`summit ...`: the command line. Every user mistake ends in one clear message on stderr and exit 2."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from . import __version__

EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in what the user asked for; printed as is, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own errors: same form as ours
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: error: {message}")


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

    validate = commands.add_parser("validate", help="check scenario files; exit 0 when valid, 2 with every error")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")

    commands.add_parser("schema", help="print the JSON Schema of the scenario format")
    commands.add_parser("scenarios", help="list the bundled scenarios")
    commands.add_parser("agents", help="list the agents a scenario can name")
    return parser


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"expected a seed from 0 to 2**63-1, found {value}")
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
    try:
        args = _parser().parse_args(argv)
        if args.command is None:
            _parser().print_help()
            return 0
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("summit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


# ----- commands ---------------------------------------------------------------------------------

def _load(spec: str):
    from .agents import names
    from .catalogue import resolve
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


def _agent_overrides(scenario, pairs: list[str]) -> dict[str, str]:
    from .agents import names

    overrides = {}
    leader_ids = [leader.id for leader in scenario.leaders]
    roles = ("member", "us_president", "secretary_general")
    for pair in pairs:
        who, sep, agent = pair.partition("=")
        if not sep or not who or not agent:
            raise UsageError(f"summit run: --agents {pair!r}: expected WHO=AGENT, e.g. member=random")
        if who not in leader_ids and who not in roles:
            from .scenario.checks import did_you_mean
            raise UsageError(f"summit run: --agents {pair!r}: {who!r} is neither a leader of {scenario.id} nor a role"
                             f"{did_you_mean(who, leader_ids + list(roles))}")
        if agent not in names():
            raise UsageError(f"summit run: --agents {pair!r}: unknown agent {agent!r}; the agents are: {', '.join(names())}")
        if who in overrides and overrides[who] != agent:
            raise UsageError(f"summit run: --agents: {who!r} is given twice ({overrides[who]} and {agent}); choose one")
        overrides[who] = agent
    return overrides


def _play_game(scenario, seed: int, overrides: dict[str, str]):
    from .agents import agents_for
    from .engine import Game, outcome, play

    game = Game(scenario, seed)
    state = play(game, agents_for(scenario, overrides))
    return game, state, outcome(game, state)


def cmd_run(args) -> int:
    from .agents import chosen_names
    from .engine import log
    from .files import write_atomically
    from .report.account import account

    scenario = _load(args.scenario)
    overrides = _agent_overrides(scenario, args.agents)
    log_path = Path(args.log) if args.log else None
    if log_path is not None:
        if log_path.is_dir():
            raise UsageError(f"summit run: --log {args.log}: is a folder; name a file")
        if not (log_path.parent if str(log_path.parent) else Path(".")).is_dir():
            raise UsageError(f"summit run: --log {args.log}: the folder {log_path.parent} does not exist")
    game, state, result = _play_game(scenario, args.seed, overrides)
    if log_path is not None:
        text = log.write(scenario.source_text, scenario.id, args.seed, chosen_names(scenario, overrides), __version__,
                         state, result)
        try:
            write_atomically(log_path, text)
        except OSError as error:
            raise UsageError(f"summit run: --log {args.log}: cannot write: {error.strerror or error}") from None
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(account(scenario, state, result))
    return 0


def _no_display() -> bool:
    """True on Linux/BSD with no X or Wayland display and no SDL video driver chosen."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return False
    return not any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))


def cmd_play(args) -> int:
    if args.fast and not args.demo:
        raise UsageError("summit play: --fast goes with --demo")
    if args.as_leader and not args.scenario:
        raise UsageError("summit play: --as LEADER needs a SCENARIO, e.g. summit play rutte_washington_2025 --as rutte")
    scenario = path = None
    if args.scenario:
        from .catalogue import resolve
        scenario = _load(args.scenario)
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
    screenshots = Path(args.screenshots) if args.screenshots else None
    if screenshots is not None and screenshots.exists() and not screenshots.is_dir():
        raise UsageError(f"summit play: --screenshots {args.screenshots}: is a file; name a folder")
    if _no_display():
        raise UsageError("summit play: no display found (DISPLAY is not set), so no window can open. "
                         "Use `summit run SCENARIO` to play headless, or set SDL_VIDEODRIVER=dummy to run the "
                         "window off-screen (with --demo --screenshots DIR to see it).")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from .ui import WindowError, play

    try:
        return play(scenario, path, args.as_leader, demo=args.demo, fast=args.fast, screenshots=screenshots,
                    size=args.size, operator=args.operator)
    except WindowError as error:
        raise UsageError(f"summit play: {error}. `summit run SCENARIO` plays without a window.") from None


def cmd_validate(args) -> int:
    from .catalogue import check

    failed = False
    for spec in args.files:
        checked = check(spec)
        for problem in checked.problems:
            print(problem, file=sys.stderr if problem.severity == "error" or args.strict else sys.stdout)
        if checked.scenario is None or (args.strict and checked.warnings):
            failed = True
        else:
            print(f"{spec}: valid ({checked.scenario.title}: {len(checked.scenario.allies)} allies, "
                  f"{len(checked.scenario.leaders)} leaders, {len(checked.scenario.issues)} issues)")
    return EXIT_USAGE if failed else 0


def cmd_schema(args) -> int:
    from .scenario import Scenario

    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Summit scenario, format 1"
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return 0


def cmd_scenarios(args) -> int:
    from .catalogue import bundled_dir, bundled_ids, check

    for scenario_id in bundled_ids():
        checked = check(str(bundled_dir() / f"{scenario_id}.yaml"))
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


COMMANDS = {"run": cmd_run, "play": cmd_play, "validate": cmd_validate, "schema": cmd_schema,
            "scenarios": cmd_scenarios, "agents": cmd_agents}
