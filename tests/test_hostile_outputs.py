"""Hostile files and folders around what Summit reads and writes (issue 23, items 5, 7, 8 and 9): link loops,
two writers at once, special files where an output goes, and files that are not Summit's beside its outputs.

Each case is an attack that once crashed, hung, overwrote or deleted something; now it is refused with one
line (exit 2 on the command line) and leaves every file as it was. The tests run as root here, the worst case:
root may write to a device node or replace it with a regular file, so the device written to is one made for
the test, never the machine's /dev/null.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_support import cli
from game.files import Claim, OutputBusy, UnsafeOutput, write_atomically

ROOT = Path(__file__).resolve().parent.parent
NO_DEAL_LOG = ROOT / "tests" / "fixtures" / "debrief_tutorial_no_deal.jsonl"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}   # the processes started here run this Summit


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _one_line(code: int, err: str, *expected: str) -> None:
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for words in expected:
        assert words in err, err


def _loop(path: Path) -> Path:
    """A link that leads back to itself."""
    path.symlink_to(path.name)
    return path


def _kind(path: Path) -> str:
    mode = os.lstat(path).st_mode
    return ("link" if stat.S_ISLNK(mode) else "fifo" if stat.S_ISFIFO(mode) else "char" if stat.S_ISCHR(mode)
            else "file" if stat.S_ISREG(mode) else "other")


# ----- 5. link loops ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [("run",), ("validate",), ("inspect",), ("brief",)])
def test_a_scenario_that_is_a_link_loop_says_so(capsys, tmp_path, command):
    loop = _loop(tmp_path / "loop.yaml")
    code, out, err = cli(capsys, *command, str(loop))
    assert code == 2 and "Traceback" not in err
    assert "link loop" in err and "no such file" not in err, err


@pytest.mark.parametrize("command", ["debrief", "replay"])
def test_a_log_that_is_a_link_loop_is_one_line_and_exit_2(capsys, tmp_path, command):
    loop = _loop(tmp_path / "loop.jsonl")
    code, out, err = cli(capsys, command, str(loop))
    _one_line(code, err, f"summit {command}: {loop}: is a link that leads back to itself (a link loop)")


def test_a_folder_that_is_a_link_loop_on_the_way_to_a_scenario(capsys, tmp_path):
    folder = _loop(tmp_path / "folder")
    code, out, err = cli(capsys, "validate", str(folder / "mini.yaml"))
    assert code == 2 and "Traceback" not in err and "link loop" in err, err


def test_link_loops_in_the_users_folders_are_listed_as_unreadable_in_the_window(home):
    from game.play.userdirs import logs_dir, saves_dir, scenarios_dir
    from game.ui.scenes.menus import BrowserScene, LoadScene
    from game.ui.scenes.replay import ReplaysScene
    from ui_support import frames, make_app

    for folder in (scenarios_dir(), saves_dir(), logs_dir()):
        folder.mkdir(parents=True)
    _loop(scenarios_dir() / "loop.yaml")
    _loop(saves_dir() / "loop.summit")
    _loop(logs_dir() / "loop.jsonl")
    (scenarios_dir() / "nowhere.yaml").symlink_to("missing.yaml")
    app = make_app()
    app.show(BrowserScene(app))      # "New game" opens the browser
    frames(app, 3)
    listed = {entry.path.name: entry for entry in app.scene.listed}
    assert "link loop" in listed["loop.yaml"].error and listed["loop.yaml"].scenario is None
    assert listed["nowhere.yaml"].scenario is None and listed["tutorial.yaml"].scenario is not None
    app.show(ReplaysScene(app))
    frames(app, 3)
    app.show(LoadScene(app, back=None))
    frames(app, 3)


# ----- 7. two writers ---------------------------------------------------------------------------------------

def test_a_second_batch_into_the_same_file_is_refused_and_the_first_stays_whole(capsys, tmp_path):
    out = tmp_path / "runs.csv"
    first = subprocess.Popen([sys.executable, "-m", "game", "batch", "tutorial", "--runs", "30", "--out", str(out)],
                             cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while (not out.exists() or out.read_text(encoding="utf-8").count("\n") < 2) and first.poll() is None:
            assert time.monotonic() < deadline, "the first batch wrote no row in a minute"
            time.sleep(0.02)
        assert first.poll() is None, "the first batch ended before the second began: no race to test"
        code, _, err = cli(capsys, "batch", "tutorial", "--runs", "30", "--out", str(out))
        _one_line(code, err, f"--out {out}: cannot write: another Summit (process {first.pid}) is writing it now")
        stdout, stderr = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 31 and len({line.count(",") for line in lines}) == 1
    assert [line.split(",")[0] for line in lines[1:]] == [str(run) for run in range(30)]
    assert [p.name for p in tmp_path.iterdir()] == ["runs.csv"]   # the lock file went with the first batch


@pytest.mark.parametrize("command", [
    ("run", "tutorial", "--log"), ("tournament", "tutorial", "--runs", "1", "--out"),
    ("batch", "tutorial", "--runs", "1", "--out")])
def test_a_file_another_summit_is_writing_is_refused(capsys, tmp_path, command):
    target = tmp_path / ("out.csv" if "--out" in command else "game.jsonl")
    target.write_text("another Summit's rows\n", encoding="utf-8")
    with Claim(target):
        code, _, err = cli(capsys, *command, str(target))
    _one_line(code, err, "another Summit (process", "is writing it now")
    assert target.read_text(encoding="utf-8") == "another Summit's rows\n"


def test_a_claim_is_released_when_its_process_dies(tmp_path):
    target = tmp_path / "out.csv"
    held = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                             "from game.files import Claim; c = Claim(Path(sys.argv[1])); print(1, flush=True); "
                             "time.sleep(60)", str(target)], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, text=True)
    try:
        assert held.stdout.readline() == "1\n"
        with pytest.raises(OutputBusy, match=f"process {held.pid}"):
            Claim(target)
    finally:
        held.kill()
        held.wait()
    with Claim(target):   # the killed holder's lock file is there, but its lock went with it
        pass


def test_two_windows_starting_the_same_game_in_the_same_second_get_a_log_each(home):
    import datetime

    from game.play.replay import replay
    from game.play.session import Session
    from game.scenario.catalogue import check
    from game.ui.teacher import live_log_names

    now = datetime.datetime(2026, 12, 5, 9, 30, 0)
    scenario = check("tutorial").scenario
    # each window claims its name before either has played a move: the check and the making are one step
    sessions = [Session(scenario, 3, ()), Session(scenario, 3, ())]
    paths = [session.keep_new_log(live_log_names("tutorial", 3, now)) for session in sessions]
    assert paths[0] != paths[1] and all(path.is_file() for path in paths)
    assert paths[1].name == "tutorial-20261205-093000-seed3-2.jsonl"
    while not all(session.over for session in sessions):   # the two games' moves interleave, as in two windows
        for session in sessions:
            if not session.over:
                session.agent_move()
    assert paths[0].read_bytes() == paths[1].read_bytes()    # the same game, each whole in its own log
    for path in paths:
        assert replay(path).over


@pytest.mark.parametrize("links", [True, False], ids=["hard links", "no hard links"])
def test_a_live_log_holds_its_header_from_the_moment_it_has_a_name(home, monkeypatch, links):
    """A window killed just after choosing its log's name used to leave an empty .jsonl, which Replays listed as
    "cannot be replayed" (1 kill in 100 in test_crash.py's slow run). The name is now claimed already holding
    the header, also on a disk without hard links (a FAT USB stick), and no temporary file is left beside it."""
    import errno as errno_module

    from game.play.session import Session, read_records
    from game.scenario.catalogue import check
    from game.ui.teacher import live_log_names

    if not links:
        def no_links(source, target):
            raise OSError(errno_module.EPERM, "Operation not permitted")
        monkeypatch.setattr("os.link", no_links)
    import game.play.session as session_module

    claimed, claim = [], session_module.create_new

    def killed_now(candidates, data):   # the process dies right after the claim, before anything else is written
        claimed.append(claim(candidates, data))
        raise KeyboardInterrupt
    monkeypatch.setattr(session_module, "create_new", killed_now)
    session = Session(check("tutorial").scenario, 3, ())
    with pytest.raises(KeyboardInterrupt):
        session.keep_new_log(live_log_names("tutorial", 3))
    (path,) = claimed
    header, *moves = read_records(path, "log")[1]
    assert header["scenario_id"] == "tutorial" and header["seed"] == 3 and moves == []
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_live_log_that_cannot_be_written_leaves_no_file_behind(home, monkeypatch):
    """On a full disk without hard links the name is taken first: when its header cannot be written, the name is
    given back, so Replays never lists an empty log, and the window goes on without one (the table says why)."""
    import errno as errno_module

    from game.play.session import Session
    from game.scenario.catalogue import check
    from game.ui.teacher import live_log_names

    def no_links(source, target):
        raise OSError(errno_module.EPERM, "Operation not permitted")

    synced = []

    def full(descriptor):   # the temporary file fits; the disk is full by the time the name is written
        synced.append(descriptor)
        if len(synced) > 1:
            raise OSError(errno_module.ENOSPC, "No space left on device")
    monkeypatch.setattr("os.link", no_links)
    monkeypatch.setattr("os.fsync", full)
    session = Session(check("tutorial").scenario, 3, ())
    with pytest.raises(OSError, match="No space left"):
        session.keep_new_log(live_log_names("tutorial", 3))
    assert session.log_path is None
    assert list((home / "data" / "logs").iterdir()) == []


# ----- 8. special files where an output goes ---------------------------------------------------------------

OUTPUTS = [("run", "tutorial", "--log"), ("tournament", "tutorial", "--runs", "1", "--out"),
           ("batch", "tutorial", "--runs", "1", "--out")]


@pytest.mark.parametrize("command", OUTPUTS, ids=lambda command: command[0])
def test_a_named_pipe_as_output_is_refused_at_once(tmp_path, command):
    fifo = tmp_path / ("out.csv" if "--out" in command else "game.jsonl")
    os.mkfifo(fifo)
    # in a process of its own: a batch once waited forever for a reader of the pipe
    done = subprocess.run([sys.executable, "-m", "game", *command, str(fifo)], cwd=tmp_path, env=ENV,
                          capture_output=True, text=True, timeout=60)
    _one_line(done.returncode, done.stderr, f"{fifo}: is a named pipe (FIFO), not a file")
    assert _kind(fifo) == "fifo"


def _device(tmp_path: Path) -> Path:
    """A character device to write to: as root, a node of its own (the same device as /dev/null, made in
    tmp_path), so that a Summit that got this wrong could never turn the machine's /dev/null into a file;
    otherwise /dev/null itself, which only root could replace."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        node = tmp_path / "null"
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        return node
    return Path(os.devnull)


@pytest.mark.parametrize("command", OUTPUTS, ids=lambda command: command[0])
def test_a_device_as_output_is_refused_and_stays_a_device(capsys, tmp_path, command):
    device = _device(tmp_path)
    code, _, err = cli(capsys, *command, str(device))
    _one_line(code, err, f"{device}: is a device, not a file")
    assert _kind(device) == "char"


@pytest.mark.parametrize("command", OUTPUTS, ids=lambda command: command[0])
def test_a_link_as_output_is_refused_and_what_it_names_is_untouched(capsys, tmp_path, command):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / ("out.csv" if "--out" in command else "game.jsonl")
    link.symlink_to(victim.name)
    code, _, err = cli(capsys, *command, str(link))
    _one_line(code, err, f"{link}: is a link (to victim.txt); Summit does not write through links")
    assert _kind(link) == "link" and victim.read_text(encoding="utf-8") == "keep me\n"


def test_a_hard_link_as_batch_out_is_refused_and_its_other_name_kept(capsys, tmp_path):
    thesis, out = tmp_path / "thesis.docx", tmp_path / "runs.csv"
    thesis.write_text("three years of work\n", encoding="utf-8")
    os.link(thesis, out)   # rows written in place would go into the thesis too
    code, _, err = cli(capsys, "batch", "tutorial", "--runs", "1", "--out", str(out))
    _one_line(code, err, f"--out {out}: cannot write: is a hard link")
    assert thesis.read_text(encoding="utf-8") == "three years of work\n"


def test_write_atomically_refuses_every_special_file_and_changes_none(tmp_path):
    fifo, link, dangling, folder = tmp_path / "fifo", tmp_path / "link", tmp_path / "dangling", tmp_path / "folder"
    os.mkfifo(fifo)
    (tmp_path / "target").write_text("target\n", encoding="utf-8")
    link.symlink_to("target")
    dangling.symlink_to("nowhere")
    folder.mkdir()
    for path, kind in ((fifo, "fifo"), (link, "link"), (dangling, "link"), (_device(tmp_path), "char")):
        with pytest.raises(UnsafeOutput):
            write_atomically(path, "text\n")
        assert _kind(path) == kind
    with pytest.raises(UnsafeOutput, match="is a folder"):
        write_atomically(folder, "text\n")
    assert (tmp_path / "target").read_text(encoding="utf-8") == "target\n" and not (tmp_path / "nowhere").exists()
    with pytest.raises(UnsafeOutput, match="is a link"):   # a backup that is a link is not written through
        (tmp_path / "save").write_text("save\n", encoding="utf-8")
        write_atomically(tmp_path / "save", "new\n", backup=link)
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "null")
    assert left == ["dangling", "fifo", "folder", "link", "save", "target"]


def test_new_files_take_the_umasks_permissions(tmp_path):
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "log.jsonl", "{}\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "log.jsonl").stat().st_mode) == 0o640


# ----- 9. only Summit's files are replaced or deleted ------------------------------------------------------

EDITORS = [".notes.csv.swp", ".notes.csv.swo", ".notes.csv.un~", ".notes.csv.orig", ".notes.csv.k1ll3d",
           ".notes.csv.0123abcd", ".notes.csv.0123abcd.summit-partial.swp"]


def test_the_leftover_cleaner_removes_only_summits_own_temporary_files(capsys, tmp_path):
    for name in EDITORS + [".notes.csv.0123abcd.summit-partial"]:
        (tmp_path / name).write_text("someone's\n", encoding="utf-8")
    (tmp_path / ".notes.csv.89abcdef.summit-partial").symlink_to("notes.csv.swp")   # a link of that name stays
    for path in tmp_path.iterdir():
        os.utime(path, (0, 0), follow_symlinks=False)   # older than 300 s: not a write in progress
    code, _, err = cli(capsys, "tournament", "tutorial", "--runs", "1", "--out", str(tmp_path / "notes.csv"))
    assert code == 0, err
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(EDITORS + [".notes.csv.89abcdef.summit-partial", "notes.csv"])


def test_a_planted_debrief_json_deletes_nothing(capsys, tmp_path):
    out = tmp_path / "class"
    out.mkdir()
    for name in ("thesis.docx", "grades.xlsx"):
        (out / name).write_text("mine\n", encoding="utf-8")
    (out / "debrief.json").write_text(json.dumps({"files": ["thesis.docx", "grades.xlsx"]}), encoding="utf-8")
    code, _, err = cli(capsys, "debrief", str(NO_DEAL_LOG), "--out", str(out))
    _one_line(code, err, "the folder holds files Summit did not write")
    assert sorted(p.name for p in out.iterdir()) == ["debrief.json", "grades.xlsx", "thesis.docx"]
    # An earlier debrief of Summit's there, and then the list planted: still nothing of the teacher's goes.
    earlier = tmp_path / "earlier"
    assert cli(capsys, "debrief", str(NO_DEAL_LOG), "--out", str(earlier))[0] == 0
    (earlier / "thesis.docx").write_text("mine\n", encoding="utf-8")
    (earlier / "debrief.json").write_text(json.dumps({"files": ["thesis.docx"]}), encoding="utf-8")
    code, _, err = cli(capsys, "debrief", str(NO_DEAL_LOG), "--out", str(earlier))
    assert code == 0, err
    assert (earlier / "thesis.docx").read_text(encoding="utf-8") == "mine\n"
    assert "thesis.docx" not in json.loads((earlier / "debrief.json").read_text(encoding="utf-8"))["files"]


def test_brief_never_replaces_an_index_it_did_not_write(capsys, tmp_path):
    out = tmp_path / "course"
    out.mkdir()
    (out / "index.html").write_text("<h1>My course</h1>\n", encoding="utf-8")
    code, _, err = cli(capsys, "brief", "tutorial", "--out", str(out))
    _one_line(code, err, f"summit brief: cannot write to {out}: the folder holds files Summit did not write")
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "<h1>My course</h1>\n"


def test_brief_never_writes_through_a_planted_link_and_writes_nothing_then(capsys, tmp_path):
    out, victim = tmp_path / "briefings", tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    assert cli(capsys, "brief", "tutorial", "--out", str(out))[0] == 0   # Summit's folder: a rerun may replace
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "tusk.md").unlink()
    (out / "tusk.md").symlink_to("../victim.txt")
    (out / "index.html").write_text("changed\n", encoding="utf-8")
    code, _, err = cli(capsys, "brief", "tutorial", "--out", str(out))
    _one_line(code, err, "tusk.md is a link (to ../victim.txt); Summit does not write through links")
    assert victim.read_text(encoding="utf-8") == "keep me\n" and _kind(out / "tusk.md") == "link"
    assert (out / "index.html").read_text(encoding="utf-8") == "changed\n"   # all or nothing: nothing written
    assert sorted(p.name for p in out.iterdir()) == sorted(before)             # no temporary file left
    (out / "tusk.md").unlink()
    assert cli(capsys, "brief", "tutorial", "--out", str(out))[0] == 0
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != "tusk.md"} == \
        {name: data for name, data in before.items() if name != "tusk.md"}


@pytest.mark.parametrize("special", ["fifo", "device"])
def test_a_special_file_where_a_document_goes_is_refused(capsys, tmp_path, special):
    out = tmp_path / "briefings"
    assert cli(capsys, "brief", "tutorial", "--out", str(out))[0] == 0
    (out / "index.md").unlink()
    if special == "fifo":
        os.mkfifo(out / "index.md")
    elif os.geteuid() == 0:
        _device(tmp_path).rename(out / "index.md")
    else:
        pytest.skip("only root makes a device node")
    code, _, err = cli(capsys, "brief", "tutorial", "--out", str(out))
    _one_line(code, err, f"index.md is a {'named pipe' if special == 'fifo' else 'device'}")
    assert _kind(out / "index.md") == ("fifo" if special == "fifo" else "char")


def test_a_debrief_that_fails_half_way_leaves_no_folder_behind(monkeypatch, tmp_path):
    import game.report.debrief.writing as writing

    def broken(*args, **kwargs):
        raise RuntimeError("a chart that cannot be drawn")
    monkeypatch.setattr(writing, "draw_scores", broken)
    with pytest.raises(RuntimeError):
        writing.write_debrief([NO_DEAL_LOG], tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_two_briefings_into_one_folder_at_once_the_second_is_refused(capsys, tmp_path):
    out = tmp_path / "briefings"
    out.mkdir()
    with Claim(out / ".summit-output"):
        code, _, err = cli(capsys, "brief", "tutorial", "--out", str(out))
    _one_line(code, err, "another Summit (process")
    assert list(out.iterdir()) == []


def test_a_link_where_a_screenshot_goes_stops_the_screenshots_not_the_game(capsys, tmp_path):
    from game.ui.scenes.menus import BrowserScene
    from game.ui.scenes.title import TitleScene
    from ui_support import frames, make_app

    victim, shots = tmp_path / "victim.txt", tmp_path / "shots"
    victim.write_text("keep me\n", encoding="utf-8")
    shots.mkdir()
    (shots / "01-title.png").symlink_to("../victim.txt")
    app = make_app(screenshots=shots)
    app.show(TitleScene(app))
    frames(app, 2)
    app.show(BrowserScene(app))   # the title screen's screenshot is taken as it is left
    app.show(TitleScene(app))
    frames(app, 2)
    assert victim.read_text(encoding="utf-8") == "keep me\n" and _kind(shots / "01-title.png") == "link"
    assert list(shots.iterdir()) == [shots / "01-title.png"]
    err = capsys.readouterr().err
    assert "01-title.png: is a link (to ../victim.txt)" in err and "no more screenshots" in err


@pytest.mark.parametrize("command", [["batch", "tutorial", "--runs", "1", "--out", "out.csv"],
                                     ["run", "tutorial", "--log", "out.csv"]])
def test_a_hard_link_planted_at_the_lock_files_name_is_refused_and_left_as_it_was(capsys, tmp_path, monkeypatch, command):
    """A second pass of the attacks: the lock file beside an output, hard-linked to a user's file, was
    truncated and given Summit's process id."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "precious.txt").write_text("precious\n", encoding="utf-8")
    os.link(tmp_path / "precious.txt", tmp_path / ".out.csv.summit-lock")
    code, _, err = cli(capsys, *command)
    assert code == 2 and "hard link" in err and "Traceback" not in err, err
    assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "precious\n"
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("command, folder, name", [
    (["batch", "tutorial", "--runs", "1", "--logs", "F"], "F", "run-0-seed-0.jsonl"),
    (["batch", "tutorial", "--runs", "1", "--plot", "F"], "F", "terms.png"),
    (["play", "tutorial", "--demo", "--fast", "--screenshots", "F"], "F", "01-title.png"),
])
def test_a_folder_of_the_users_files_is_not_written_into(capsys, tmp_path, monkeypatch, command, folder, name):
    """A second pass of the attacks: --logs, --plot and --screenshots replaced a user's file of the same name
    (`SS/01-title.png`). A folder must be new, empty or one Summit wrote that kind of files into."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    (tmp_path / folder).mkdir()
    (tmp_path / folder / name).write_text("the user's own\n", encoding="utf-8")
    code, _, err = cli(capsys, *command)
    assert code == 2 and "did not write" in err and "Traceback" not in err, err
    assert (tmp_path / folder / name).read_text(encoding="utf-8") == "the user's own\n"


def test_a_folder_summit_wrote_logs_into_takes_them_again(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        code, _, err = cli(capsys, "batch", "tutorial", "--runs", "1", "--logs", "F")
        assert code == 0, err
    assert (tmp_path / "F" / "run-0-seed-0.jsonl").is_file()


@pytest.mark.parametrize("command", [["run", "tutorial", "--log", "loop/x.jsonl"],
                                     ["batch", "tutorial", "--runs", "1", "--logs", "loop"],
                                     ["agents", "--agents-path", "loop"]])
def test_a_folder_that_is_a_link_loop_is_named_as_one(capsys, tmp_path, monkeypatch, command):
    """A second pass of the attacks: a looping folder link was 'does not exist', 'File exists' or 'no such
    folder'."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop").symlink_to("loop")
    code, _, err = cli(capsys, *command)
    assert code == 2 and "a link loop" in err and "Traceback" not in err, err
