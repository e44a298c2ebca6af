"""The networked classroom on the command line: `summit host` (the teacher's machine serves the tables, and
its window becomes the projector) and `summit join` (a seat played from elsewhere by a built-in agent)."""

from __future__ import annotations

import errno
import socket
import sys
import threading
import time
from pathlib import Path

from .common import UsageError, _bilateral_unsupported, _load, _rounds
from ..i18n import _, error_text, reason_of

MAX_TABLES = 8


def _listen(address: str, port: int) -> socket.socket:
    """The server's socket, bound before anything is printed: a busy port is one line and exit 2."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((address, port))
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise UsageError(_("summit host: port {port} is busy (another program, or another summit host, uses it): "
                               "choose another with --port N, or --port 0 for any free one")
                               .format(port=port)) from None
        raise UsageError(_("summit host: cannot listen on {address}:{port}: {reason}")
                           .format(address=address, port=port, reason=reason_of(error))) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _sessions(args):
    """New sessions (one per table, each with its live log in the user's logs folder), or those --resume names."""
    from ..files import numbered
    from ..play.session import SaveError, Session
    from ..play.userdirs import logs_dir

    if args.resume:
        from ..net.resume import resume_tables
        try:
            return resume_tables([Path(p) for p in args.resume])
        except SaveError as error:
            raise UsageError(_("summit host: --resume {error}").format(error=error_text(error))) from None
    scenario = _load(args.scenario)
    _bilateral_unsupported(scenario, "summit host", args.scenario,
        _("{command}: {spec} uses the bilateral protocol, which a hosted class does not play: "
          "use summit run {spec}"))
    scenario = _rounds(scenario, args, "summit host")
    folder = logs_dir()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    sessions = []
    for index in range(args.tables):
        session = Session(scenario, args.seed + index, ())
        first = folder / f"host-{scenario.id}-{stamp}-table{index + 1}.jsonl"
        # the name taken in the same step as it is chosen, already holding the header: two hosts started in one
        # second never share a log, and a host killed at once leaves no empty one
        session.keep_new_log(numbered(first, f"host-{scenario.id}-{stamp}-{{number}}-table{index + 1}.jsonl"))
        sessions.append(session)
    return sessions, [{} for _ in sessions]


def cmd_host(args) -> int:
    """The host speaks the language of the command (--lang, else the locale); with the projector window, the
    window's Language setting when --lang is not given, as `summit play` does: the students' pages, what the
    host prints and the projector then all speak it."""
    from .. import i18n

    language = i18n.language()
    if not args.no_window:
        from ..ui import window_language
        from ..ui.settings import Settings
        language = window_language(getattr(args, "lang", None), Settings.load().language)
    with i18n.using(language):
        return _host(args)


def _host(args) -> int:
    import uvicorn

    from ..net.resume import restore
    from ..net.server import MAX_FRAME, Host, lan_address

    if args.scenario and args.resume:
        raise UsageError(_("summit host: give a SCENARIO or --resume LOG, not both (the log holds its scenario)"))
    if args.rounds is not None and args.resume:
        raise UsageError(_("summit host: --rounds starts a class; --resume goes on with the rounds its log recorded"))
    if not args.scenario and not args.resume:
        raise UsageError(_("summit host: name a SCENARIO (a bundled id or a file), or --resume LOG"))
    address = "0.0.0.0" if args.lan else "127.0.0.1"
    sock = _listen(address, args.port)
    sessions, kept = _sessions(args)
    first = kept[0] if kept else {}
    host = Host(sessions, pace=args.pace, start_after=args.start_after,
                teacher_token=first.get("teacher") if isinstance(first.get("teacher"), str) else None,
                room=first.get("room") if isinstance(first.get("room"), str) else None)
    restore(host, kept)
    port = sock.getsockname()[1]
    shown = lan_address() if args.lan else "127.0.0.1"
    host.students_url = f"http://{shown}:{port}/"
    host.teacher_url = f"http://{shown}:{port}/teacher#{host.teacher_token}"
    for table in host.tables:
        host.keep_tokens(table)
    print(_("Students: {students_url}").format(students_url=host.students_url))
    print(_("Room code: {room}").format(room=host.room))
    print(_("Teacher's page (keep it to yourself): {teacher_url}").format(teacher_url=host.teacher_url))
    for table in host.tables:
        print(_("Log of table {table}: {log}").format(table=table.index + 1, log=table.log_path))
    if args.lan and shown == "127.0.0.1":
        print(_("No network found: only this machine can join (see the README: Class on the network)"))
    sys.stdout.flush()
    config = uvicorn.Config(host.app, log_level="warning", access_log=False, ws_max_size=MAX_FRAME,
                            lifespan="on", ws_ping_interval=10, ws_ping_timeout=20)
    server = uvicorn.Server(config)
    if args.no_window:
        try:
            server.run(sockets=[sock])
        except KeyboardInterrupt:
            pass
        _farewell(host)
        return 0
    from ..ui.projector import run_projector

    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        run_projector(host, args.size)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    _farewell(host)
    return 0


def _farewell(host) -> None:
    logs = [str(t.log_path) for t in host.tables if t.log_path]
    print(_("The host has stopped. The logs: {logs} (summit debrief reads them; summit host --resume goes on from "
            "them)").format(logs=" ".join(logs)) if logs else _("The host has stopped."))


def cmd_join(args) -> int:
    from ..net.client import HostGone, JoinError, join

    try:
        join(args.url, args.as_leader, args.agent, args.table - 1, args.room, args.name or "")
    except JoinError as error:
        raise UsageError(str(error)) from None
    except HostGone as error:
        print(error, file=sys.stderr)
        return 1
    return 0
