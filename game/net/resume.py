"""A hosted class that goes on after the teacher's machine restarts (`summit host --resume LOG`): the
tokens each table's devices hold and the teacher's, kept in a file beside the log (never in the log itself,
readable by the teacher's account alone), and the tables read back from their logs with those tokens.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..files import write_atomically
from ..play.session import Session, load_log
from ..scenario.untrusted import json_value
from .table import Device


def keep_tokens(host, table) -> str | None:
    """Write the table's tokens file (atomically, readable by the teacher's account alone); what went wrong,
    in words, or None."""
    path = tokens_path(table)
    if path is None:
        return None
    data = {"teacher": host.teacher_token, "room": host.room,
            "computer_seats": sorted(table.computer_seats), "started": table.started,
            "devices": [{"token": d.token, "seat": d.seat, "name": d.name, "agent": d.agent, "number": d.number}
                        for d in table.devices.values()]}
    try:
        write_atomically(path, json.dumps(data, indent=1) + "\n")
        os.chmod(path, 0o600)
    except OSError as error:
        return (f"the tokens file cannot be written ({error.strerror or error}); --resume will not let devices "
                "back in")
    return None


def tokens_path(table) -> Path | None:
    return None if table.log_path is None else table.log_path.with_name(table.log_path.name + ".tokens")


def resume_tables(paths: list[Path]) -> tuple[list[Session], list[dict]]:
    """The sessions the logs hold and the tokens kept beside them; SaveError says what is wrong."""
    sessions, tokens = [], []
    for path in paths:
        session = load_log(path)
        session.keep_log(path)
        kept = Path(str(path) + ".tokens")
        try:
            data = json_value(kept.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):   # damaged: the devices join again
            data = {}
        sessions.append(session)
        tokens.append(data if isinstance(data, dict) else {})
    return sessions, tokens


def restore(host, tokens: list[dict]) -> None:
    """Put back the devices and the teacher's choices a tokens file kept (after `--resume`)."""
    for table, data in zip(host.tables, tokens):
        seats = set(table.seat_ids())
        for item in data.get("devices", []):
            if isinstance(item, dict) and isinstance(item.get("token"), str) and item.get("seat") in seats:
                number = item.get("number") if isinstance(item.get("number"), int) else 0
                device = Device(item["token"], item["seat"], str(item.get("name", ""))[:40], bool(item.get("agent")),
                                0, host.clock(), number)
                table.devices[device.token] = device
                table.devices_made = max(table.devices_made, number)
        table.computer_seats = {s for s in data.get("computer_seats", []) if s in seats}
        if data.get("started") or table.session.state.history:
            table.started = True
            table.round_started = host.clock()
        table.sync_humans(host.clock())
