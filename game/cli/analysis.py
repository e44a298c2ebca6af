"""The commands that study a scenario: `summit tournament` (mixes of agents compared over many seeds),
`summit batch` (one mix over many seeds, with a progress bar), `summit inspect` (what the red lines allow) and
`summit backtest` (the spending model against history)."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from decimal import Decimal
from pathlib import Path

from ..scenario.untrusted import for_terminal
from .games import isolation
from .common import (UsageError, _agent_overrides, _bilateral_unsupported, _file_to_write, _folder_to_write,
                     _information, _load)
from ..engine.narrate import shown_amount, shown_label, shown_text
from ..i18n import _, localize, ngettext, number, percent, error_text, reason_of


def cmd_tournament(args) -> int:
    from ..files import write_atomically
    from ..analysis.tournament import SCENARIO_MIX, Mix, play_tournament

    command = "summit tournament"
    if args.entries is not None:
        from .class_tournament import cmd_class_tournament
        return cmd_class_tournament(args)
    if args.runs is None:
        raise UsageError(_("{command}: the following arguments are required: --runs (or --entries DIR for a class "
                           "tournament)").format(command=command))
    if args.html is not None:
        raise UsageError(_("{command}: --html {html}: the page is a class tournament's leaderboard; it goes with "
                           "--entries DIR").format(command=command, html=args.html))
    scenario = _information(_load(args.scenario), args, command)
    _bilateral_unsupported(scenario, command, args.scenario,
        _("{command}: {spec} uses the bilateral protocol, which tournaments do not compare yet: "
          "use summit run {spec}"))
    mixes = [Mix(SCENARIO_MIX, {})]
    for pairs in args.agents:
        mix = Mix(", ".join(pairs), _agent_overrides(scenario, pairs, command))
        if any(mix.name == other.name for other in mixes):
            raise UsageError(_("{command}: --agents {mix}: this mix is given twice")
                               .format(command=command, mix=mix.name))
        mixes.append(mix)
    if args.seed + args.runs - 1 >= 2**63:
        raise UsageError(_("{command}: --seed {seed} --runs {runs}: the last seed would be above 2**63-1")
                           .format(command=command, seed=args.seed, runs=args.runs))
    out_path = _file_to_write(command, "--out", args.out)
    progress = _progress_line(command, mixes, args.runs)
    from ..engine import AgentError
    try:
        result = play_tournament(scenario, mixes, args.runs, args.seed, progress, args.strict_agents,
                                 args.agent_seconds, isolation(command, args) is not None)
    except AgentError as error:   # --strict-agents: a user's agent failed at its turn: whose, where and which seed
        if progress is not None:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)
        raise UsageError(_("{command}: {error}").format(command=command, error=error_text(error))) from None
    if progress is not None:
        print("\r\x1b[K", end="", file=sys.stderr, flush=True)
    failures = _Failures(command)
    for record in result.records:
        failures.add(record)
    failures.close(len(result.records))
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        _print_tournament(scenario, result)
    if out_path is not None:
        try:
            write_atomically(out_path, result.csv_text())
        except OSError as error:
            raise UsageError(_("{command}: --out {out}: cannot write: {reason}")
                               .format(command=command, out=args.out, reason=reason_of(error))) from None
    return 0


def cmd_batch(args) -> int:
    from ..agents import chosen_names
    from ..analysis.batch import ROW_SUFFIXES, Tally, WorkerError, columns
    from ..analysis.batch_file import RowWriter, held_interrupts
    from ..engine import AgentError
    from ..report.batch import print_batch, progress_bar

    command = "summit batch"
    scenario = _information(_load(args.scenario), args, command)
    _bilateral_unsupported(scenario, command, args.scenario,
        _("{command}: {spec} uses the bilateral protocol, which batches do not summarise yet: "
          "use summit run {spec}"))
    overrides = _agent_overrides(scenario, args.agents, command)
    if args.seed + args.runs - 1 >= 2**63:
        raise UsageError(_("{command}: --seed {seed} --runs {runs}: the last seed would be above 2**63-1")
                           .format(command=command, seed=args.seed, runs=args.runs))
    try:
        columns(scenario)
    except ValueError as error:
        raise UsageError(_("{command}: {scenario}: {error}").format(command=command, scenario=args.scenario,
                                                                     error=error_text(error))) from None
    if args.isolate and (args.jobs or 1) > 1:
        raise UsageError(_("{command}: --isolate goes with --jobs 1: each game's agents get processes of their "
                           "own, which a worker process cannot start")
                           .format(command=command))
    isolation(command, args)   # one line where this system cannot isolate
    if args.dask is not None and args.jobs is not None:
        raise UsageError(_("{command}: --dask and --jobs do not go together: the cluster's workers play the games "
                           "(--dask local starts two)").format(command=command))
    if args.dask is not None and args.agents_path:
        raise UsageError(_("{command}: --agents-path cannot go with --dask: the cluster's workers would not have "
                           "those agents; play them with --jobs")
                           .format(command=command))
    out_path = _file_to_write(command, "--out", args.out)
    if out_path is not None and out_path.suffix not in ROW_SUFFIXES:
        raise UsageError(_("{command}: --out {out}: name a .csv or a .jsonl (JSON lines) file")
                           .format(command=command, out=args.out))
    plot = _folder_to_write(command, "--plot", args.plot, "batch charts")   # made now: a folder that cannot be
    logs = _folder_to_write(command, "--logs", args.logs, "batch logs")     # made stops the batch before its first game
    try:
        writer = RowWriter(out_path, scenario) if out_path is not None else None
    except OSError as error:
        raise UsageError(_("{command}: --out {out}: cannot write: {reason}")
                           .format(command=command, out=args.out, reason=reason_of(error))) from None
    tally = Tally(scenario, args.runs, args.seed, overrides)
    failures = _Failures(command)
    stopped = False
    try:
        with _batch_runs(command, args, scenario, overrides, logs, writer) as games, \
                progress_bar(command, args.runs) as progress:
            for row in games:
                with held_interrupts():   # a row is written and counted whole, or not at all
                    if writer is not None:
                        writer.add(row)
                    tally.add(row)
                failures.add(row)
                progress(tally.finished)
    except KeyboardInterrupt:
        stopped = True
    except OSError as error:   # the disk is full, a log cannot be written, ...
        raise UsageError(_("{command}: {problem}").format(command=command,
                                                          problem=_batch_file_problem(error, args, logs))) from None
    except WorkerError as error:   # killed from outside, or out of memory
        raise UsageError(_("{command}: {error}; stopped after {finished} of {runs} runs")
                           .format(command=command, error=error_text(error), finished=tally.finished,
                                   runs=args.runs)) from None
    except AgentError as error:   # a user's agent failed at its turn: whose, where and which seed
        raise UsageError(_("{command}: {error}; stopped after {finished} of {runs} runs")
                           .format(command=command, error=error_text(error), finished=tally.finished,
                                   runs=args.runs)) from None
    finally:
        if writer is not None:
            with held_interrupts():
                try:
                    writer.close()
                except OSError as error:
                    problem = _batch_file_problem(error, args, logs)
                    raise UsageError(_("{command}: {problem}").format(command=command, problem=problem)) from None
    if tally.finished:
        summary = tally.summary()
        if args.json:
            print(json.dumps(summary.to_json(), ensure_ascii=False))
        else:
            print_batch(scenario, summary, chosen_names(scenario, overrides))
        if plot is not None:
            from ..report.batch_charts import draw_batch_charts
            try:
                draw_batch_charts(tally, plot)
            except OSError as error:
                raise UsageError(_("{command}: --plot {plot}: cannot write: {reason}")
                                   .format(command=command, plot=args.plot, reason=reason_of(error))) from None
    failures.close(tally.finished)
    if stopped:
        print(_("{command}: stopped after {finished} of {runs} runs")
                .format(command=command, finished=tally.finished, runs=args.runs), file=sys.stderr)
        return 130
    return 0


class _Failures:
    """Users' agents that failed in a batch's games: the first failure of each agent is said on stderr as it
    comes, and at the end how many games had one (the built-in agent for the role finished each of them)."""

    def __init__(self, command: str):
        self.command, self.games, self.seen = command, 0, set()

    def add(self, row) -> None:
        if not row.failures:
            return
        self.games += 1
        for agent, message in row.failures:
            if agent not in self.seen:
                self.seen.add(agent)
                print(f"{self.command}: {for_terminal(message)}", file=sys.stderr)

    def close(self, finished: int) -> None:
        if self.games:
            failed = (_("{command}: a user's agent failed in {games} of {finished} games; the built-in agent for its "
                        "role played its seat from there (the first failure of each agent is above; --logs keeps "
                        "every one; --strict-agents stops at the first)") if self.command == "summit batch" else
                      _("{command}: a user's agent failed in {games} of {finished} games; the built-in agent for its "
                        "role played its seat from there (the first failure of each agent is above; --strict-agents "
                        "stops at the first)"))
            print(failed.format(command=self.command, games=self.games, finished=finished), file=sys.stderr)


def _batch_runs(command: str, args, scenario, overrides: dict[str, str], logs: Path | None, writer):
    """The games of the batch: in this process or --jobs worker processes, or on a --dask cluster."""
    from ..analysis.batch import AgentRules, play_batch

    if args.dask is None:
        return play_batch(scenario, args.runs, args.seed, args.jobs or 1, overrides, logs, args.agents_path,
                          AgentRules(args.strict_agents, args.agent_seconds, args.isolate))
    from ..analysis.batch_dask import ClusterError, play_batch_on_dask
    try:
        return play_batch_on_dask(scenario, args.runs, args.seed, overrides, logs, args.dask)
    except ClusterError as error:
        if writer is not None:   # no game was played: no rows file either
            writer.close()
            with contextlib.suppress(OSError):
                writer.path.unlink()
        raise UsageError(_("{command}: {error}").format(command=command, error=error_text(error))) from None


def _batch_file_problem(error: OSError, args, logs: Path | None) -> str:
    reason = reason_of(error)
    if logs is not None and error.filename and Path(error.filename).resolve().parent == logs.resolve():
        return _("--logs {logs}: cannot write: {reason}").format(logs=args.logs, reason=reason)
    if args.out and error.filename and Path(error.filename).resolve() == Path(args.out).resolve():
        return _("--out {out}: cannot write: {reason}").format(out=args.out, reason=reason)
    return _("cannot start or reach the worker processes: {reason}").format(reason=reason)


def _progress_line(command: str, mixes: list, runs: int):
    """A progress count on stderr, rewritten in place, when stderr is a terminal (big tournaments take minutes)."""
    if not sys.stderr.isatty():
        return None
    position = {mix.name: index for index, mix in enumerate(mixes, 1)}

    def show(mix, done: int) -> None:
        print("\r\x1b[K" + _("{command}: mix {position} of {count} ({mix}): {done} of {runs} games")
                .format(command=command, position=position[mix.name], count=len(mixes), mix=mix.name, done=done, runs=runs),
              end="", file=sys.stderr, flush=True)
    return show


def _print_tournament(scenario, result) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from ..agents import chosen_names
    from ..scenario import Role

    # Piped or captured: no colour or other control codes, a fixed width so that the text does not depend on
    # the terminal (a table takes only the width it needs), and no trailing blanks (rich pads every line).
    terminal = sys.stdout.isatty()
    plain = {} if terminal else {"color_system": None, "force_terminal": False, "width": 200}
    console = Console(file=sys.stdout if terminal else io.StringIO(), markup=False, highlight=False, emoji=False,
                      **plain)
    console.print(ngettext("{title} ({scenario}): {runs} game per mix, seed {first} to {last}",
                           "{title} ({scenario}): {runs} games per mix, seeds {first} to {last}", result.runs)
                  .format(title=shown_text(scenario.title), scenario=scenario.id, runs=result.runs, first=result.seed,
                          last=result.seed + result.runs - 1))
    summaries = result.summaries

    comparison = Table(title=_("Mixes compared"), title_justify="left", box=box.SIMPLE_HEAD)
    comparison.add_column("")
    for summary in summaries:
        comparison.add_column(summary.name, justify="right")

    def row(label: str, cells=None) -> None:
        comparison.add_row(label, *(cells if cells is not None else [""] * len(summaries)))

    def maybe(value, text) -> str:
        return "-" if value is None else text(value)

    def one_decimal(value) -> str:
        return number(value, 1)

    row(_("agreed ({share} interval)").format(share=percent(95, 0)),
        [_("{agreed}/{runs} {rate} ({low}-{high})").format(
            agreed=s.agreements, runs=s.runs, rate=percent(100 * s.agreement_rate, 0),
            low=percent(100 * s.agreement_ci[0], 0), high=percent(100 * s.agreement_ci[1], 0)) for s in summaries])
    row(_("rounds to agreement"), [maybe(s.rounds_to_agreement, one_decimal) for s in summaries])
    row(_("agreed terms (mean)"))
    for issue in scenario.issues:
        row(f"  {shown_label(issue)}", [maybe(s.agreed_terms[issue.id], lambda term: _agreed_term_text(issue, term))
                                        for s in summaries])
    row("  " + _("carve-outs"), [maybe(s.carve_outs, one_decimal) for s in summaries])
    row(_("score (mean ± sd)"))
    role_labels = {Role.SECRETARY_GENERAL.value: _("Secretary General"), Role.US_PRESIDENT.value: _("US President"),
                   Role.MEMBER.value: _("members (average)")}
    for role, label in role_labels.items():
        if role in summaries[0].role_scores:
            row(f"  {label}", [_stat_text(s.role_scores[role]) for s in summaries])
    console.print()
    console.print(comparison)

    for summary in summaries:
        agents = chosen_names(scenario, summary.overrides)
        leaders = Table(title=_("Leaders' scores: {mix}").format(mix=summary.name), title_justify="left",
                        box=box.SIMPLE_HEAD)
        for heading, justify in ((_("leader"), "left"), (_("role"), "left"), (_("agent"), "left"),
                                 (_("mean"), "right"), (_("sd"), "right")):
            leaders.add_column(heading, justify=justify)
        for leader in scenario.leaders:
            stat = summary.scores[leader.id]
            leaders.add_row(f"{shown_text(leader.name)} ({leader.id})", leader.role.value, agents[leader.id],
                            number(stat.mean, 1), number(stat.sd, 1))
        console.print(leaders)
    console.print(_("Scores are 0-100: 50 = as good as no deal, 100 = the leader's ideal; sd is over the games. "
                    "Rounds, terms and carve-outs are over the games that agreed."))
    if not terminal:
        print("\n".join(line.rstrip() for line in console.file.getvalue().splitlines()))


def _agreed_term_text(issue, term) -> str:
    if term.option is not None:   # the option's id, as the CSV and JSON name it
        return f"{term.option} ({percent(100 * term.share, 0)})"
    # One decimal more than the issue's step: a mean between grid values is worth seeing.
    decimals = max(0, -Decimal(str(issue.step)).normalize().as_tuple().exponent) + 1
    return shown_amount(issue, term.mean, decimals)


def _stat_text(stat) -> str:
    return f"{number(stat.mean, 1)} ± {number(stat.sd, 1)}"


def cmd_inspect(args) -> int:
    from ..analysis.inspect import inspect
    from ..report.inspection import print_inspection

    scenario = _load(args.scenario)
    _bilateral_unsupported(scenario, "summit inspect", args.scenario,
        _("{command}: {spec} uses the bilateral protocol, which has no zones or frontier to inspect yet: "
          "use summit run {spec}"))
    result = inspect(scenario)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print_inspection(scenario, result)
    return 0



def cmd_backtest(args) -> int:
    from ..agents import names
    from ..analysis.backtest import BACKTESTS, NAMES, read_series, run_all, table, to_json
    from ..scenario.catalogue import check
    from ..scenario.checks import did_you_mean

    command = "summit backtest"
    if args.name is not None and args.name not in NAMES:
        raise UsageError(_("{command}: {name}: no backtest has that name{hint}")
                           .format(command=command, name=args.name, hint=localize(did_you_mean(args.name, NAMES))))
    data = Path(args.data) if args.data else None
    if data is None:
        from ..analysis.backtest import default_data
        data = default_data()
    try:
        series = read_series(data)
    except OSError as error:
        raise UsageError(_("{command}: --data {data}: cannot read it ({reason})")
                           .format(command=command, data=data, reason=reason_of(error))) from None
    except (KeyError, ValueError, UnicodeDecodeError) as error:
        raise UsageError(_("{command}: --data {data}: not a CSV with columns iso3, year and defence_pct_gdp "
                           "({kind}: {error})")
                           .format(command=command, data=data, kind=error.__class__.__name__,
                                   error=error_text(error))) from None
    chosen = (args.name,) if args.name else NAMES
    scenarios = {}
    for setup in BACKTESTS:
        if setup.name in chosen:
            checked = check(setup.scenario, names())
            if checked.scenario is None:
                raise UsageError(_("{command}: the bundled scenario {scenario} does not load: {error}")
                                   .format(command=command, scenario=setup.scenario, error=checked.errors[0]))
            scenarios[setup.scenario] = checked.scenario
    try:
        backtests = run_all(series, scenarios, chosen, args.seeds)
    except ValueError as error:
        raise UsageError(_("{command}: --data {data}: {error}").format(command=command, data=data,
                                                                        error=error_text(error))) from None
    if args.json:
        print(json.dumps(to_json(backtests)))
    else:
        print("\n\n".join(table(backtest) for backtest in backtests))
    return 0
