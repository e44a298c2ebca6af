"""Reading a save or a log file: its bytes (never more than MAX_SAVE_BYTES, never from a pipe or a device), its
JSON lines, the formats it is written in (a newer Summit's or a retired format said first), a save's closing
line and checksum, and the scenario its header embeds. Every refusal is a SaveError naming the file (and line)
and what is wrong, as a Message: English as its str, written in the language in use where it is shown.
game/play/session.py loads a Session from what this reads; game/play/replay.py replays a log through it."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from pathlib import Path

from .. import __version__
from ..agents import names as agent_names
from ..engine import log
from ..files import describe_os_error
from ..i18n import Figure, Message, msg, system_words
from ..scenario import Scenario, check_bytes
from ..scenario.untrusted import NumberTooLong, SafeMessage, json_value

SAVE_FORMAT = 1
MAX_SAVE_BYTES = 16 * 1024 * 1024


class SaveError(SafeMessage):
    """A save file that cannot be loaded; the message names the file (and line) and what is wrong (a Message:
    English as its str, game.i18n's error_text writes it in the language in use)."""


def _kind(kind: str) -> dict:
    """The fields a message about a save or a log takes: {kind} ("save" / "log"), and the forms French needs
    beside it ("une sauvegarde", "la sauvegarde", "de la sauvegarde": {kind_a}, {kind_the}, {kind_of})."""
    if kind == "log":
        return {"kind": msg("log"), "kind_a": msg("a log"), "kind_the": msg("the log"), "kind_of": msg("of the log")}
    return {"kind": msg("save"), "kind_a": msg("a save"), "kind_the": msg("the save"), "kind_of": msg("of the save")}


def read_records(path: Path, kind: str = "save") -> tuple[list[str], list[dict]]:
    """A save's or a log's lines and their JSON records (each a dict with a 'type'; the first a header).
    SaveError when the file cannot be read, is not JSON lines, ends in the middle of a line, or was written
    in a format from a newer Summit (said first: such a file may differ in anything); `kind` ("save" or
    "log") is what the messages call the file. `summit replay` reads logs through this too."""
    raw = _read_bytes(path, kind)
    if not raw:
        raise SaveError(msg("{path}: the file is empty (0 bytes): not a Summit {kind}", path=path, **_kind(kind)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise SaveError(msg("{path}:{line}: not a Summit {kind} (not UTF-8 text at byte {byte})", path=path, line=line,
                            byte=error.start, **_kind(kind))) from None
    lines = text.split("\n")
    cut_short = lines[-1] != ""
    if not cut_short:
        lines.pop()
    _check_formats(path, lines)
    records = []
    for number, line in enumerate(lines, 1):
        try:
            record = json_value(line)
        except NumberTooLong as error:
            raise SaveError(msg("{path}:{number}: not a Summit {kind} line ({why})", path=path, number=number,
                                why=str(error), **_kind(kind))) from None
        except (json.JSONDecodeError, RecursionError) as error:
            if cut_short and number == len(lines):
                raise SaveError(msg("{path}: the file is incomplete (it ends in the middle of line {number}): it was "
                                    "cut short while being copied or written", path=path, number=number)) from None
            why = (msg("{json_error}, column {column}", json_error=error.msg, column=error.colno)
                   if isinstance(error, json.JSONDecodeError) else msg("nested too deeply"))
            raise SaveError(msg("{path}:{number}: not a Summit {kind} line ({why})", path=path, number=number, why=why,
                                **_kind(kind))) from None
        if not isinstance(record, dict) or not isinstance(record.get("type"), str):
            raise SaveError(msg("{path}:{number}: not a Summit {kind} line (no 'type')", path=path, number=number,
                                **_kind(kind)))
        records.append(record)
    if not records or records[0]["type"] != "header":
        raise SaveError(msg("{path}:1: not a Summit {kind} (the first line is not a header)", path=path, **_kind(kind)))
    return lines, records


def _read_bytes(path: Path, kind: str) -> bytes:
    """The file's bytes; SaveError for a folder, a pipe or a device (opened without waiting, never read),
    a file too large for a save, or one that cannot be read."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise SaveError(msg("{path}: is a folder, not a Summit {kind}", path=path, **_kind(kind))) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SaveError(msg("{path}: {reason}", path=path, reason=describe_os_error(error))) from None
        raise SaveError(_cannot_read(path, error)) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise SaveError(msg("{path}: is a folder, not a Summit {kind}", path=path, **_kind(kind)))
        if not stat.S_ISREG(mode):
            raise SaveError(msg("{path}: not a regular file (a pipe or a device), so not a Summit {kind}", path=path,
                                **_kind(kind)))
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(MAX_SAVE_BYTES + 1)  # never more, even if the file grows while it is read
    except OSError as error:
        raise SaveError(_cannot_read(path, error)) from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_SAVE_BYTES:
        size = max(len(raw), _size(path))
        raise SaveError(msg("{path}: {size} bytes is too large for {kind_a} (at most {most})", path=path,
                            size=Figure(size), most=Figure(MAX_SAVE_BYTES), **_kind(kind)))
    return raw


def _cannot_read(path: Path, error: OSError) -> Message:
    """'PATH: cannot read: REASON' with the system's reason, which game.i18n writes in the language in use."""
    return msg("{path}: cannot read: {reason}", path=path, reason=system_words(error))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _record(line: str) -> dict | None:
    try:
        record = json_value(line)
    except (ValueError, RecursionError):   # not JSON, or a number too long to read
        return None
    return record if isinstance(record, dict) else None


def _written_by(header: dict | None) -> str:
    version = header.get("summit_version") if header else None
    return f"Summit {version}"[:60] if isinstance(version, str) and version else msg("an unknown Summit version")


def _is_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_formats(path: Path, lines: list[str]) -> None:
    """SaveError naming both versions when the header's log format or a closing `save` line's save format
    is newer than this Summit's: said before anything else, since a newer format may change any line."""
    header = _record(lines[0]) if lines else None
    if header is not None and header.get("type") == "header":
        log_format = header.get("format")
        if _is_number(log_format) and log_format > log.LOG_FORMAT:
            raise SaveError(_future_message(path, 1, "log", log_format, header, log.LOG_FORMAT))
        if _is_number(log_format) and log_format in log.RETIRED_FORMATS:
            raise SaveError(_retired_message(path, log_format))
    closing = _record(lines[-1]) if len(lines) > 1 else None
    if closing is not None and closing.get("type") == "save":
        save_format = closing.get("save_format")
        if _is_number(save_format) and save_format > SAVE_FORMAT:
            raise SaveError(_future_message(path, len(lines), "save", save_format, header, SAVE_FORMAT))


def _future_message(path: Path, line: int, what: str, number: int, header: dict | None, reads: int) -> Message:
    if what == "log":
        return msg("{path}:{line}: log format {number} is not one this Summit reads: the file was written by "
                   "{writer} in log format {number}, and this Summit ({version}) reads log format {reads}; open it "
                   "with a newer Summit", path=path, line=line, number=number, writer=_written_by(header),
                   version=__version__, reads=reads)
    return msg("{path}:{line}: save format {number} is not one this Summit reads: the file was written by {writer} "
               "in save format {number}, and this Summit ({version}) reads save format {reads}; open it with a newer "
               "Summit", path=path, line=line, number=number, writer=_written_by(header), version=__version__,
               reads=reads)


def _retired_message(path: Path, number: int) -> Message:
    return msg("{path}:1: log format {number} is no longer read here (Summit {version} reads {reads}): use the "
               "Summit tagged {tag}", path=path, number=number, version=__version__, reads=log.LOG_FORMAT,
               tag=log.RETIRED_FORMATS[number])


def _parse(path: Path) -> tuple[dict, list[dict]]:
    lines, records = read_records(path)
    check_save_line(path, lines, records)
    return records[0], records[1:-1]


def check_save_line(path: Path, lines: list[str], records: list[dict]) -> None:
    """SaveError unless the last record is a `save` line whose count and checksum match the lines before it."""
    closing = records[-1]
    if len(records) < 2 or closing["type"] != "save":
        raise SaveError(msg("{path}: the file is incomplete (no closing 'save' line): it was cut short or is a log, "
                            "not a save", path=path))
    save_format = closing.get("save_format")
    if _is_number(save_format) and save_format > SAVE_FORMAT:
        raise SaveError(_future_message(path, len(records), "save", save_format, records[0], SAVE_FORMAT))
    if not _is_number(save_format):
        raise SaveError(msg("{path}:{line}: the closing 'save' line is damaged (its save_format is {said!r}, not a "
                            "number)", path=path, line=len(records), said=str(save_format)[:40]))
    if save_format != SAVE_FORMAT:
        raise SaveError(msg("{path}:{line}: save format {number} is not one this Summit ({version}) reads (it reads "
                            "save format {reads})", path=path, line=len(records), number=save_format,
                            version=__version__, reads=SAVE_FORMAT))
    body = "\n".join(lines[:-1]) + "\n"
    count = closing.get("lines")
    if _is_number(count) and count != len(lines) - 1:
        raise SaveError(msg("{path}: the file was changed or damaged after it was saved (it has {lines} lines "
                            "before its closing line, which counts {count})", path=path, lines=len(lines) - 1,
                            count=count))
    if count != len(lines) - 1 or closing.get("sha256") != hashlib.sha256(body.encode("utf-8")).hexdigest():
        raise SaveError(msg("{path}: the file was changed or damaged after it was saved (its checksum does not "
                            "match)", path=path))


def scenario_from_header(path: Path, header: dict, kind: str = "save") -> tuple[Scenario, int, dict]:
    """The scenario a header embeds (its checksum checked, the header's `information` and `rounds` applied), the seed
    and the agents per leader id; SaveError (at line 1) when the header is wrong."""
    log_format = header.get("format")
    if _is_number(log_format) and log_format > log.LOG_FORMAT:
        raise SaveError(_future_message(path, 1, "log", log_format, header, log.LOG_FORMAT))
    if _is_number(log_format) and log_format in log.RETIRED_FORMATS:
        raise SaveError(_retired_message(path, log_format))
    if log_format != log.LOG_FORMAT:
        raise SaveError(msg("{path}:1: log format {said!r} is not one this Summit reads (it reads log format "
                            "{reads})", path=path, said=str(log_format)[:40], reads=log.LOG_FORMAT))
    text = header.get("scenario")
    try:
        matches = (isinstance(text, str)
                   and hashlib.sha256(text.encode("utf-8")).hexdigest() == header.get("scenario_sha256"))
    except UnicodeEncodeError:  # a lone surrogate written as an escape: no scenario was ever saved like that
        matches = False
    if not matches:
        raise SaveError(msg("{path}:1: the scenario inside the {kind} does not match its checksum", path=path,
                            **_kind(kind)))
    checked = check_bytes(text.encode("utf-8"), f"{path} (scenario inside)", agent_names())
    if checked.scenario is None:
        problem = msg("{path}:1: the scenario inside the {kind} has errors: {error}", path=path,
                      error=_problem(checked.errors[0]), **_kind(kind))
        if "unknown agent" in checked.errors[0].message:
            problem += msg(" (your own agents load with --agents-path DIR)")
        raise SaveError(problem)
    if header.get("scenario_id") != checked.scenario.id:
        raise SaveError(msg("{path}:1: the header names scenario {named!r}, but the scenario inside the {kind} is "
                            "{inside!r}", path=path, named=str(header.get('scenario_id'))[:80],
                            inside=checked.scenario.id, **_kind(kind)))
    agents = header.get("agents")
    seed = header.get("seed")
    if not isinstance(agents, dict) or not isinstance(seed, int):
        raise SaveError(msg("{path}:1: the header lacks 'agents' or 'seed'", path=path))
    information = header.get("information", checked.scenario.information)
    if information not in ("private", "full"):
        raise SaveError(msg("{path}:1: 'information' is {information!r}; a {kind} says 'private' or 'full'", path=path,
                            information=information, **_kind(kind)))
    scenario = checked.scenario.with_information(information)
    rounds = header.get("rounds", scenario.rounds)   # absent: the text's own rounds (no --rounds cut)
    if not isinstance(rounds, int) or isinstance(rounds, bool) or not 1 <= rounds <= scenario.rounds:
        raise SaveError(msg("{path}:1: 'rounds' is {said!r}; the scenario inside the {kind} has {rounds} rounds, so a "
                            "{kind} says from 1 to {rounds}", path=path, said=str(rounds)[:40], rounds=scenario.rounds,
                            **_kind(kind)))
    # the events a cut moved; a cut log without them (written before events moved with a cut) kept them all
    events_at = header.get("events_at", {})
    known = {event.id for event in scenario.events}
    if not isinstance(events_at, dict) or not all(
            event_id in known and isinstance(at, int) and not isinstance(at, bool) and 1 <= at <= rounds
            for event_id, at in events_at.items()):
        raise SaveError(msg("{path}:1: 'events_at' is {said!r}; a {kind} maps the scenario's event ids to rounds from "
                            "1 to {rounds}", path=path, said=str(events_at)[:80], rounds=rounds, **_kind(kind)))
    return scenario.with_rounds(rounds, events_at), seed, agents


def _problem(problem) -> Message:
    """A scenario's Problem as a Message (its str in English, shown in the language in use): the validator's
    `FILE:LINE:COLUMN: path:` stays as it is in every language."""
    return msg("{where}: {item}: {text}", where=f"{problem.file}:{problem.line}:{problem.column}",
               item=problem.path or "(file)", text=problem.message)
