"""A game in progress with people in some roles: the state, who plays what, saving and loading.

The front end plays through a Session; so can a test or a script. A Session never imports pygame: the
window only asks it questions and hands it Actions. Agents are stateless (their memory is derived from
the observation and their own random stream), so a save only needs the actions: loading replays them
through the rules, checking that every logged line comes out the same.

A save file is the game's log (JSON lines, the format `summit run --log` writes) with people's roles
marked `"human"` in the header's `agents`, closed by a `save` line holding the number of lines and their
SHA-256, so a truncated or edited file is refused instead of half-loaded. Both formats are numbered (the
header's `format`, the closing line's `save_format`): a file from a newer Summit is refused saying which
version wrote it and which format this one reads. Reading never changes a file, never waits on a pipe or a
device and never reads more than MAX_SAVE_BYTES.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..agents import agents_for, chosen_names, containment, names as agent_names, overridden
from ..engine import MOVES, Game, GameState, Outcome, log, outcome
from ..files import create_new, write_atomically
from ..i18n import msg, system_words
from ..engine.actions import Action, IllegalActionError, TeacherAction, action_from_json
from ..engine.loop import moved
from ..scenario import Scenario
from ..scenario.untrusted import shown
from .save_file import (MAX_SAVE_BYTES, SAVE_FORMAT, SaveError, _parse, check_save_line, read_records,
                        scenario_from_header)
from .talk import TALK, Talk

__all__ = ["HUMAN", "SAVE_SUFFIX", "MAX_PLAYER_NAME", "MAX_SAVE_BYTES", "SAVE_FORMAT", "SaveError", "AgentNotLoaded",
           "Session", "load", "load_log", "read_records", "check_save_line", "scenario_from_header"]

HUMAN = "human"
SAVE_SUFFIX = ".summit"
MAX_PLAYER_NAME = 40


class AgentNotLoaded(SaveError):
    """A whole save of a game an agent this Summit has not loaded played (a user's own, from --agents-path): the
    file is fine, so it is not replaced by an older one (the previous autosave) while it waits for the agent."""


@dataclass
class Session:
    scenario: Scenario
    seed: int
    humans: tuple[str, ...]
    players: dict[str, str] = field(default_factory=dict)  # leader id -> a name typed for the role (optional)
    agents: dict[str, str] = field(default_factory=dict)   # the agents chosen instead of the scenario's (--agents):
                                                           #   WHO (a leader id or a role) -> agent; kept by leader id
    game: Game = field(init=False)
    state: GameState = field(init=False)

    def __post_init__(self):
        unknown = [h for h in self.humans if h not in {leader.id for leader in self.scenario.leaders}]
        if unknown:
            raise ValueError(msg("no leader {leader!r} in {scenario}", leader=unknown[0], scenario=self.scenario.id))
        self.humans = self._ordered(self.humans)
        self.players = _player_names(self.players, {leader.id for leader in self.scenario.leaders})
        roles = {leader.role.value for leader in self.scenario.leaders}
        unknown = [who for who in self.agents if who not in {leader.id for leader in self.scenario.leaders} | roles]
        if unknown:
            raise ValueError(msg("no leader or role {who!r} in {scenario} for an agent", who=unknown[0],
                                 scenario=self.scenario.id))
        self.agents = overridden(self.scenario, self.agents)
        self.game = Game(self.scenario, self.seed)
        self.state = self.game.new_initial_state()
        self._agents = agents_for(self.scenario, self.agents)  # every role's agent, ready for a seat swap
        self.log_path: Path | None = None
        self.log_error: str | None = None         # why the live log stopped being written (None: it is kept)
        self._logged: tuple = ()                  # the history the log file holds (the live log)
        self._log_outcome = False
        self.talks: list[tuple[int, dict]] = []   # private talks (game/play/talk.py): (entries before it, record)
        self.containment = containment(self.scenario)   # a user's agent that fails gives its seat to the built-in one
        self.failures: list[tuple[int, dict]] = []      # ... and the log says so: (entries before it, record)

    def _ordered(self, leader_ids) -> tuple[str, ...]:
        wanted = set(leader_ids)
        return tuple(leader.id for leader in self.scenario.leaders if leader.id in wanted)

    def set_humans(self, leader_ids) -> None:
        """Seat swap: from now on these roles are played by people, the others by their agents. The game
        and its log go on unchanged (agents keep no memory of their own, so one can take over any time)."""
        unknown = [h for h in leader_ids if h not in {leader.id for leader in self.scenario.leaders}]
        if unknown:
            raise ValueError(msg("no leader {leader!r} in {scenario}", leader=unknown[0], scenario=self.scenario.id))
        self.humans = self._ordered(leader_ids)
        self._write_log(whole=True)  # the header names who plays what

    # ----- whose move -------------------------------------------------------------------------------
    @property
    def over(self) -> bool:
        return self.state.is_terminal

    @property
    def actor(self) -> str | None:
        return self.game.current_actor(self.state)

    @property
    def waiting_for_human(self) -> bool:
        return not self.over and self.actor in self.humans

    def agent_move(self, stand_in: bool = False) -> Action:
        """Let the agent whose turn it is move; returns its action. With `stand_in`, the role's agent moves
        this once even though a person plays it (a hosted table's round deadline has passed for them)."""
        actor = self.actor
        if actor is None or (actor in self.humans and not stand_in):
            raise IllegalActionError("it is not an agent's turn")
        before = len(self.containment.failures)
        action, self.state = moved(self.game, self.state, actor, self._agents, self.containment)
        if len(self.containment.failures) > before:   # a user's agent failed: the built-in agent took its seat
            self.failures += [(failure.entry, failure.to_json()) for failure in self.containment.failures[before:]]
            self._write_log(whole=True)
        else:
            self._write_log()
        return action

    def submit(self, action: Action) -> None:
        """A person's move; IllegalActionError (with the reason) leaves the game as it was."""
        if isinstance(action, TeacherAction):
            raise IllegalActionError("a teacher's move goes through Session.teacher")
        if action.actor not in self.humans:
            raise IllegalActionError(msg("{leader} is played by an agent", leader=self.scenario.leader(action.actor).name))
        self.state = self.game.apply(self.state, action)
        self._write_log()

    # ----- the teacher's controls -------------------------------------------------------------------
    def teacher(self, action: TeacherAction) -> None:
        """The teacher steps in (bring an event forward, end the negotiation now) whoever's turn it is; the
        move is logged and replayed like any other. IllegalActionError leaves the game as it was."""
        if not isinstance(action, TeacherAction):
            raise IllegalActionError("only the teacher's moves (an event now, end now) go through here")
        self.state = self.game.apply(self.state, action)
        self._write_log()

    def _last_person_move(self) -> int | None:
        """The index in the history of the last move a person or the teacher made."""
        for index in range(len(self.state.history) - 1, -1, -1):
            entry = self.state.history[index]
            if entry.type == "teacher" or (entry.type == "action" and entry.actor in self.humans):
                return index
        return None

    def why_no_undo(self) -> str | None:
        """Why Undo cannot be used now (None when it can)."""
        if self._last_person_move() is None:
            return msg("no move by a person or the teacher to take back yet")
        return None

    def undo(self) -> str:
        """Take back the last move a person or the teacher made, and every computer move after it: the game
        is played again from the start without them (the computers' earlier moves come out the same, the
        rules being deterministic). Returns the log sentence of the move taken back."""
        index = self._last_person_move()
        if index is None:
            raise IllegalActionError(self.why_no_undo())
        taken_back = self.state.history[index].text
        moves = [action_from_json(e.data["action"]) for e in self.state.history[:index] if e.type in MOVES]
        state = self.game.new_initial_state()
        for action in moves:
            state = self.game.apply(state, action)
        self.state = state
        self.talks = [(min(at, len(state.history)), record) for at, record in self.talks]  # what was said stays said
        self.failures = [(min(at, len(state.history)), record) for at, record in self.failures]   # and what failed
        self._write_log(whole=True)
        return taken_back

    # ----- private talks ----------------------------------------------------------------------------
    def add_talk(self, talk: Talk) -> None:
        """A private talk between two seats of a hosted game, kept in the log where it was said (never read by
        the rules or the agents)."""
        record = talk.to_json()
        self._write_log()
        self.talks.append((len(self.state.history), record))
        if self.log_path is None:
            return
        try:
            if self._log_outcome:
                self._write_log_now(whole=True)
            else:
                with open(self.log_path, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        except OSError as error:
            self.log_error = msg("{path}: {reason}", path=self.log_path, reason=system_words(error))
            self.log_path = None

    # ----- the live log -----------------------------------------------------------------------------
    def keep_log(self, path: Path) -> Path:
        """From now on, keep the game's log in `path` as it is played: each move is appended (and flushed)
        at once, so the file holds every completed move even if the program is killed; an undo rewrites it
        atomically. Logs name roles; a player's name only when one was typed."""
        self.log_path, self.log_error = Path(path), None
        try:
            self._write_log_now(whole=True)
        except OSError:
            self.log_path = None
            raise
        return self.log_path

    def keep_new_log(self, candidates: Iterable[Path]) -> Path:
        """keep_log in the first of `candidates` not taken, claimed already holding the log so far (see
        files.create_new): a program killed a moment after choosing the name leaves a log that reads, never an
        empty file. OSError as the system gives it, and then no file of this call is left behind. What the claim
        wrote is the log so far, so it is not written again (as keep_log would): the moves to come are appended."""
        result = self.outcome() if self.over else None
        path = create_new(candidates, self._log_text(result).encode("utf-8"))
        self.log_path, self.log_error = path, None
        self._logged, self._log_outcome = self.state.history, result is not None   # as _write_log_now leaves them
        return path

    def set_player(self, leader_id: str, name: str) -> None:
        """The name typed for a role (trimmed, at most 40 characters); an empty name removes it, so nothing is
        stored unless someone typed it. The live log's header is rewritten to say so."""
        self.players = _player_names({**self.players, leader_id: name}, {leader.id for leader in self.scenario.leaders})
        self._write_log(whole=True)

    def _log_header(self) -> str:
        return log.header(self.scenario.source_text, self.scenario.id, self.seed, self.agent_names(), __version__,
                          self.scenario.information, self.players, self.scenario.shortened_to,
                          self.scenario.events_moved)

    def _write_log(self, whole: bool = False) -> None:
        """Bring the live log up to date. The log is a record, not the game: when it cannot be written (a full
        disk, a folder taken away) the game goes on without it and `log_error` says why."""
        if self.log_path is None:
            return
        try:
            self._write_log_now(whole)
        except OSError as error:
            self.log_error = msg("{path}: {reason}", path=self.log_path, reason=system_words(error))
            self.log_path = None

    def _write_log_now(self, whole: bool = False) -> None:
        history, done = self.state.history, len(self._logged)
        extends = not whole and len(history) >= done and (done == 0 or history[done - 1] is self._logged[-1])
        result = self.outcome() if self.over else None
        if not extends or self._log_outcome:
            write_atomically(self.log_path, self._log_text(result))
        else:
            fresh = [json.dumps(entry.to_json(), ensure_ascii=False, separators=(",", ":")) for entry in history[done:]]
            if result is not None:
                fresh += list(log.lines(self.state, result))[len(history):]
            with open(self.log_path, "a", encoding="utf-8") as handle:
                handle.write("".join(line + "\n" for line in fresh))
                handle.flush()
                if result is not None or (fresh and history[-1].type == "result"):
                    os.fsync(handle.fileno())  # a round's end or the outcome is on disk, not only in the cache
        self._logged = history
        self._log_outcome = result is not None

    def _log_text(self, result: Outcome | None = None) -> str:
        """The whole log as it stands (with the outcome when given)."""
        return self._log_header() + "\n" + "".join(line + "\n" for line in log.lines(self.state, result,
                                                                                  self.talks + self.failures))

    def outcome(self) -> Outcome:
        return outcome(self.game, self.state)

    def actions(self) -> list[Action]:
        """Every action so far, in order (what a replay needs)."""
        return [action_from_json(entry.data["action"]) for entry in self.state.history if entry.type in MOVES]

    # ----- saving -----------------------------------------------------------------------------------
    def agent_names(self) -> dict[str, str]:
        chosen = chosen_names(self.scenario, self.agents)
        return {lid: HUMAN if lid in self.humans else name for lid, name in chosen.items()}

    def save_text(self) -> str:
        result = self.outcome() if self.over else None
        body = log.write(self.scenario.source_text, self.scenario.id, self.seed, self.agent_names(), __version__,
                         self.state, result, information=self.scenario.information, players=self.players,
                         notes=self.talks + self.failures, rounds=self.scenario.shortened_to,
                         events_at=self.scenario.events_moved)
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        closing = {"type": "save", "save_format": SAVE_FORMAT, "lines": body.count("\n"), "sha256": digest}
        return body + json.dumps(closing, separators=(",", ":")) + "\n"

    def save(self, path: Path, backup: Path | None = None) -> Path:
        """Write the save atomically: a crash mid-write leaves the previous file as it was. With `backup`
        (the autosave's), the save being replaced is kept there first, but only when it is whole (its
        checksum matches): a damaged file never pushes out a good backup, so one of the two always loads."""
        path, text = Path(path), self.save_text()
        current = _whole_save(path) if backup is not None else None
        if current == text:
            return path  # nothing new: the backup stays one step older than this
        write_atomically(path, text, backup if current is not None else None)
        return path


def _whole_save(path: Path) -> str | None:
    """The text of the save at `path` when it is there and whole (its checksum matches), else None."""
    try:
        lines, records = read_records(path)
        check_save_line(path, lines, records)
    except SaveError:
        return None
    return "".join(line + "\n" for line in lines)


def _player_names(players: dict, leader_ids: set[str]) -> dict[str, str]:
    """The names typed for roles, trimmed, empty ones dropped; ValueError for a role that does not exist."""
    names = {}
    for leader_id, name in dict(players).items():
        if leader_id not in leader_ids:
            raise ValueError(msg("no leader {leader!r} for the player name {name!r}", leader=leader_id, name=name))
        name = shown(" ".join(str(name).split()))[:MAX_PLAYER_NAME]   # typed on a device, or read from a file
        if name:
            names[leader_id] = name
    return names


def load(path: Path) -> Session:
    """The game a save holds, replayed through the rules; SaveError says what is wrong."""
    path = Path(path)
    header, entries = _parse(path)
    return _session_from(path, header, entries)


def load_log(path: Path) -> Session:
    """The game a live log holds (a hosted game's, to go on after a restart: `summit host --resume`), replayed
    through the rules; SaveError says what is wrong (the log of a finished game loads too, over)."""
    path = Path(path)
    _, records = read_records(path, "log")
    entries = records[1:]
    if entries and entries[-1]["type"] == "save":
        check_save_line(path, *read_records(path, "log"))
        entries = entries[:-1]
    return _session_from(path, records[0], entries)


def _computer_agents(path: Path, scenario: Scenario, agents: dict) -> dict[str, str]:
    """The agents the header names instead of the scenario's (chosen with `summit play --agents`), by leader id;
    SaveError naming the first this Summit does not know (a user's own agent is known only once loaded with
    --agents-path DIR, and a game without it would not go on as it was played)."""
    chosen = {}
    for leader in scenario.leaders:
        name = agents.get(leader.id, leader.agent)
        if name in (HUMAN, leader.agent):
            continue
        if not isinstance(name, str):
            raise SaveError(msg("{path}:1: the header's agents give {leader} {said!r}, not an agent's name", path=path,
                                leader=leader.id, said=shown(str(name))[:60]))
        if name not in agent_names():
            raise AgentNotLoaded(msg("{path}:1: {leader} was played by the agent {agent!r}, which this Summit has not "
                                     "loaded: if it is your own, start with --agents-path DIR (the folder of its .py "
                                     "file)", path=path, leader=leader.name, agent=shown(name)[:60]))
        chosen[leader.id] = name
    return chosen


def _session_from(path: Path, header: dict, entries: list[dict]) -> Session:
    scenario, seed, agents = scenario_from_header(path, header)
    humans = tuple(lid for lid, name in agents.items() if name == HUMAN)
    players = header.get("players", {})
    if not isinstance(players, dict) or not all(isinstance(v, str) for v in players.values()):
        raise SaveError(msg("{path}:1: 'players' in the header is a mapping of leader ids to names", path=path))
    computer = _computer_agents(path, scenario, agents)
    try:
        session = Session(scenario, seed, humans, players, computer)
    except ValueError as error:
        raise SaveError(msg("{path}:1: {error}", path=path, error=error.args[0] if error.args else str(error))) from None
    expected = [e for e in entries if e["type"] not in ("outcome", TALK)]
    for number, record in enumerate(entries, 2):
        if record["type"] == TALK:
            leaders = {leader.id for leader in scenario.leaders}
            if record.get("from") not in leaders or record.get("to") not in leaders or not isinstance(record.get("text"), str):
                raise SaveError(msg("{path}:{number}: a damaged private talk (it needs 'from' and 'to' naming leaders, "
                                    "and a 'text')", path=path, number=number))
            session.talks.append((len(session.state.history), record))
        if record["type"] not in MOVES:
            continue
        try:
            action = action_from_json(record.get("action"))
            session.state = session.game.apply(session.state, action)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            said = msg("{path}:{number}: this move cannot be replayed: {error}", path=path, number=number,
                       error=error.args[0] if len(error.args) == 1 and isinstance(error.args[0], str) else str(error))
            raise SaveError(said if len(said) <= 600 else said[:600]) from None
    replayed = [entry.to_json() for entry in session.state.history]
    if replayed != expected:
        first = next((i for i, (a, b) in enumerate(zip(replayed, expected)) if a != b), min(len(replayed), len(expected)))
        raise SaveError(msg("{path}:{line}: the game does not replay as saved (saved by a different Summit version?)",
                            path=path, line=first + 2))
    return session
