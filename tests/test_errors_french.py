"""Every reason a user meets in French as in English: a log or a save that does not load or replay, a folder of
agents that does not load, an unknown agent, a file Summit will not write, the system's own reason (strerror),
a move the rules refuse on a device, summit join. Each French error is one line, exit code 2, names the file
(and line) and what is wrong, and holds no English words; the English line is the same as before, byte for
byte."""

from __future__ import annotations

import errno
import json
import os
import re
import stat

import pytest

from game import i18n
from game.engine import IllegalActionError
from game.files import OutputFolder, UnsafeOutput, check_output
from game.i18n import error_text, reason_of, system_words

from cli_support import cli

NBSP, NNBSP = "\u00a0", "\u202f"
# Words of the English messages that French never uses (paths and ids are taken out before looking).
ENGLISH = {"the", "is", "not", "cannot", "read", "write", "folder", "such", "directory", "permission", "denied",
           "incomplete", "tagged", "unknown", "was", "of", "and", "which", "this", "it", "no", "file", "found",
           "link", "line", "longer", "here", "name", "names", "before", "over", "by"}   # not "agents": French too


def english_words(line: str, *quoted: str) -> set[str]:
    """The English words of a French line, once the paths, ids and texts it quotes are taken out."""
    for text in sorted(quoted, key=len, reverse=True):
        line = line.replace(text, " ")
    line = re.sub(r"'[^']*'|--[\w-]+", " ", line)   # quoted values and options stay as they are
    return {word for word in re.findall(r"[A-Za-z]+", line)} & ENGLISH


def both(capsys, *args: str) -> tuple[str, str]:
    """(the English error line, the French one) of `summit ARGS`, each one line with exit code 2."""
    lines = []
    for language in ("en", "fr"):
        code, out, err = cli(capsys, *args, "--lang", language)
        assert code == 2, (args, language, err)
        assert len(err.splitlines()) == 1 and "Traceback" not in err, err
        lines.append(err.rstrip("\n"))
    return lines[0], lines[1]


@pytest.fixture(scope="module")
def logged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("logs")
    log = folder / "game.jsonl"
    from game.cli import main
    assert main(["run", "tutorial", "--seed", "3", "--log", str(log), "--lang", "en"]) == 0
    return log


def test_a_log_that_is_missing_a_folder_or_under_a_file_says_so_in_french(capsys, tmp_path, logged):
    missing = tmp_path / "missing.jsonl"
    english, french = both(capsys, "replay", str(missing))
    assert english == f"summit replay: {missing}: cannot read: No such file or directory"
    assert french == f"summit replay{NBSP}: {missing}{NBSP}: lecture impossible{NBSP}: Aucun fichier ou dossier de ce nom"
    english, french = both(capsys, "replay", str(tmp_path))
    assert english == f"summit replay: {tmp_path}: is a folder, not a Summit log"
    assert french == f"summit replay{NBSP}: {tmp_path}{NBSP}: c'est un dossier, pas un journal de Summit"
    under = logged / "x.jsonl"
    english, french = both(capsys, "replay", str(under))
    assert english.endswith(": cannot read: Not a directory")
    assert french.endswith(f"{NBSP}: lecture impossible{NBSP}: N'est pas un dossier") and str(under) in french


def test_a_log_of_the_retired_format_names_its_version_and_tag(capsys, tmp_path, logged):
    lines = logged.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["format"] = 2
    old = tmp_path / "old.jsonl"
    old.write_text("\n".join([json.dumps(header)] + lines[1:]) + "\n", encoding="utf-8")
    english, french = both(capsys, "replay", str(old))
    assert english.startswith(f"summit replay: {old}:1: log format 2 is no longer read here (Summit ")
    assert english.endswith("reads 3): use the Summit tagged log-format-2")
    assert french.startswith(f"summit replay{NBSP}: {old}:1: le format de journal 2 n'est plus lu ici (Summit ")
    assert french.endswith(f"lit le format 3){NBSP}: utilisez le Summit étiqueté log-format-2")
    assert not english_words(french, str(old), "log-format-2", "summit replay")


def test_a_truncated_log_says_where_it_stops(capsys, tmp_path, logged):
    text = logged.read_text(encoding="utf-8")
    mid_line = tmp_path / "mid.jsonl"
    mid_line.write_text(text[:2500], encoding="utf-8")
    english, french = both(capsys, "replay", str(mid_line))
    assert english == (f"summit replay: {mid_line}: the file is incomplete (it ends in the middle of line 1): it was "
                       "cut short while being copied or written")
    assert "le fichier est incomplet (il s'arrête au milieu de la ligne 1)" in french
    lines = text.splitlines()
    short = tmp_path / "short.jsonl"
    short.write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")
    english, french = both(capsys, "replay", str(short))
    where = f"{short}:{len(lines) - 2}:"
    assert english.startswith(f"summit replay: {where} the file is incomplete: the log ends in round ")
    assert french.startswith(f"summit replay{NBSP}: {where} le fichier est incomplet{NBSP}: le journal s'arrête au tour ")
    assert not english_words(french, str(short), "summit replay")


def test_a_save_that_does_not_load_says_why_in_french(capsys, tmp_path):
    from game.play.session import Session
    from game.scenario import load_scenario
    from game.scenario.catalogue import bundled_dir

    session = Session(load_scenario(bundled_dir() / "tutorial.yaml"), 1, ("tusk",))
    save = tmp_path / "class.summit"
    session.save(save)
    lines = save.read_text(encoding="utf-8").splitlines()
    closing = json.loads(lines[-1])
    closing["sha256"] = "0" * 64   # the lines no longer match their checksum
    save.write_text("\n".join(lines[:-1] + [json.dumps(closing)]) + "\n", encoding="utf-8")
    english, french = both(capsys, "host", "--resume", str(save))
    assert english == (f"summit host: --resume {save}: the file was changed or damaged after it was saved (its "
                       "checksum does not match)")
    assert french == (f"summit host{NBSP}: --resume {save}{NBSP}: le fichier a été modifié ou endommagé après la "
                      "sauvegarde (sa somme de contrôle ne correspond pas)")
    empty = tmp_path / "empty.summit"
    empty.write_text("", encoding="utf-8")
    english, french = both(capsys, "host", "--resume", str(empty))
    assert english.endswith(f"{empty}: the file is empty (0 bytes): not a Summit log")
    assert french.endswith(f"{empty}{NBSP}: le fichier est vide (0 octet){NBSP}: ce n'est pas un journal de Summit")


def test_a_folder_of_agents_with_a_broken_file_and_an_unknown_agent(capsys, tmp_path):
    (tmp_path / "broken.py").write_text("from game.agents.base import BaseAgent\n\nx = undefined_name\n",
                                        encoding="utf-8")
    english, french = both(capsys, "run", "tutorial", "--agents-path", str(tmp_path))
    assert english == (f"summit run: --agents-path {tmp_path / 'broken.py'}:3: cannot load: NameError: name "
                       "'undefined_name' is not defined")
    assert french == (f"summit run{NBSP}: --agents-path {tmp_path / 'broken.py'}:3{NBSP}: chargement impossible{NBSP}: "
                      f"NameError{NBSP}: name 'undefined_name' is not defined")   # Python's own words stay
    missing = tmp_path / "nope"
    english, french = both(capsys, "run", "tutorial", "--agents-path", str(missing))
    assert english == f"summit run: --agents-path {missing}: no such folder"
    assert french == f"summit run{NBSP}: --agents-path {missing}{NBSP}: ce dossier n'existe pas"
    english, french = both(capsys, "run", "tutorial", "--agents", "member=membr")
    assert english.startswith("summit run: --agents 'member=membr': unknown agent 'membr' (did you mean 'member'?); ")
    assert french.startswith(f"summit run{NBSP}: --agents 'member=membr'{NBSP}: agent inconnu 'membr' (vouliez-vous "
                             f"dire 'member'{NNBSP}?){NNBSP}; les agents sont")
    assert not english_words(french, "summit run", "member", "membr", "--agents-path", "secretary_general",
                             "us_president", "stubborn", "random")


@pytest.mark.skipif(os.name != "posix", reason="links and named pipes")
def test_a_file_summit_will_not_write_is_refused_in_french(capsys, tmp_path):
    link = tmp_path / "link.jsonl"
    link.symlink_to(tmp_path / "elsewhere.txt")
    english, french = both(capsys, "run", "tutorial", "--log", str(link))
    assert english == (f"summit run: --log {link}: is a link (to {tmp_path / 'elsewhere.txt'}); Summit does not "
                       "write through links: name the file itself")
    assert french == (f"summit run{NBSP}: --log {link}{NBSP}: est un lien (vers {tmp_path / 'elsewhere.txt'}){NNBSP}; "
                      f"Summit n'écrit pas à travers les liens{NBSP}: indiquez le fichier lui-même")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    english, french = both(capsys, "run", "tutorial", "--log", str(pipe))
    assert "is a named pipe (FIFO)" in english and "est un tube nommé (FIFO)" in french
    assert not english_words(french, str(pipe), "summit run", "Summit", "FIFO")
    ours = tmp_path / "course"
    ours.mkdir()
    (ours / "index.html").write_text("mine", encoding="utf-8")
    english, french = both(capsys, "brief", "tutorial", "--out", str(ours))
    assert "the folder holds files Summit did not write" in english
    assert "le dossier contient des fichiers que Summit n'a pas écrits" in french
    assert (ours / "index.html").read_text(encoding="utf-8") == "mine"
    under = tmp_path / "course" / "index.html" / "game.jsonl"
    english, french = both(capsys, "run", "tutorial", "--log", str(under))
    assert english == f"summit run: --log {under}: the folder {under.parent} is not a folder"
    assert french == f"summit run{NBSP}: --log {under}{NBSP}: le dossier {under.parent} n'est pas un dossier"


def test_a_folder_without_permission_gives_the_systems_reason_in_french(capsys, tmp_path):
    if os.geteuid() == 0:   # root writes anywhere a permission allows: a read-only file system refuses it too
        target = "/proc/summit-test/game.jsonl"
        english, french = both(capsys, "run", "tutorial", "--log", target)
        assert english == "summit run: --log /proc/summit-test/game.jsonl: the folder /proc/summit-test does not exist"
        assert french == (f"summit run{NBSP}: --log {target}{NBSP}: le dossier /proc/summit-test n'existe pas")
        return
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        english, french = both(capsys, "run", "tutorial", "--log", str(locked / "game.jsonl"))
    finally:
        locked.chmod(stat.S_IRWXU)
    assert english.endswith(": cannot write: Permission denied")
    assert french.endswith(f"{NBSP}: écriture impossible{NBSP}: Permission refusée")


def test_the_systems_common_reasons_are_translated_and_others_kept():
    for number, english in [(errno.ENOENT, "No such file or directory"), (errno.EACCES, "Permission denied"),
                            (errno.EISDIR, "Is a directory"), (errno.ENOTDIR, "Not a directory"),
                            (errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system"),
                            (errno.ELOOP, "Too many levels of symbolic links"),
                            (errno.ENAMETOOLONG, "File name too long"), (errno.EEXIST, "File exists")]:
        error = OSError(number, os.strerror(number), "x")
        assert str(system_words(error)) == os.strerror(number) == english
        with i18n.using("en"):
            assert reason_of(error) == english
        with i18n.using("fr"):
            assert reason_of(error) != english and not english_words(reason_of(error)), english
    odd = OSError(errno.EPROTO, "Protocol error as this system words it", "x")
    with i18n.using("fr"):
        assert reason_of(odd) == "Protocol error as this system words it"   # the system's own, as it gives it
    assert reason_of(OSError("no errno at all")) == "no errno at all"


def test_game_files_refusals_are_english_strs_worded_in_french_where_shown(tmp_path):
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(UnsafeOutput) as refused:
        check_output(folder)
    assert refused.value.strerror == "is a folder; name a file"   # what every English message reads, as before
    with i18n.using("fr"):
        assert error_text(refused.value) == f"est un dossier{NNBSP}; indiquez un fichier"
    (folder / "x.txt").write_text("mine", encoding="utf-8")
    (folder / ".summit-output").write_text("summit debrief\n", encoding="utf-8")
    with pytest.raises(UnsafeOutput) as refused, OutputFolder(folder, "briefings"):
        pass
    assert refused.value.strerror == ("the folder holds other documents (summit debrief), not briefings; name a new "
                                      "or empty folder")
    with i18n.using("fr"):
        assert reason_of(refused.value) == (f"le dossier contient d'autres documents (summit debrief), pas des "
                                            f"briefings{NNBSP}; indiquez un dossier nouveau ou vide")


def test_a_move_the_rules_refuse_is_worded_in_the_language_and_its_code_read_by_programs():
    from game.net import view
    from game.net.table import Table
    from net_support import session_of

    session = session_of("tutorial")
    table = Table(session)
    while not (session.state.phase.value == "silence" and session.game.observe(session.state, session.actor)
               .crossed(session.state.draft)):
        session.agent_move()
    with i18n.using("fr"), pytest.raises(IllegalActionError) as refused:
        view.action_of(table, session.actor, {"kind": "pass"})
    assert refused.value.code == "confirm"   # what the host reads: a code, never the words
    assert str(refused.value).startswith("staying silent accepts a draft that crosses your red line on ")
    with i18n.using("fr"):
        said = error_text(refused.value)
    assert said.startswith("garder le silence accepte un projet qui franchit votre ligne rouge sur ")
    assert not english_words(said)
    with pytest.raises(IllegalActionError) as refused:   # a leader moves out of turn
        session.game.apply(session.state, _out_of_turn(session))
    with i18n.using("fr"):
        said = error_text(refused.value)
    assert str(refused.value).startswith("it is ") and said.startswith("c'est le tour de ")


def _out_of_turn(session):
    """A pass by a leader whose turn it is not."""
    from game.engine import Pass

    other = next(leader.id for leader in session.scenario.leaders if leader.id != session.actor)
    return Pass(other, "")


def test_a_device_hears_a_refused_move_in_the_hosts_language():
    from net_support import Device, RunningHost, session_of

    with i18n.using("fr"), RunningHost([session_of("tutorial")], pace=0) as running:
        device = Device(running.ws_url)
        device.join(running.host.room, "sanchez")
        device.send({"type": "move", "move": {"kind": "pass"}})   # before the teacher starts the game
        error = device.until(lambda m: m["type"] == "error")
        device.close()
    assert error["code"] == "illegal"
    assert error["message"] == f"Non autorisé{NBSP}: la partie n'a pas encore commencé"


def test_summit_join_refuses_in_french(capsys):
    english, french = both(capsys, "join", "ftp://x", "--as", "tusk", "--agent", "member")
    assert english == "summit join: 'ftp://x' is not the students' address (http://ADDRESS:PORT/, as summit host prints it)"
    assert french == (f"summit join{NBSP}: 'ftp://x' n'est pas l'adresse des élèves (http://ADRESSE:PORT/, telle que "
                      "summit host l'affiche)")
    english, french = both(capsys, "join", "http://127.0.0.1:9/?room=ABC", "--as", "tusk", "--agent", "nope")
    assert english.startswith("summit join: unknown agent 'nope'; the agents are: ")
    assert french.startswith(f"summit join{NBSP}: agent inconnu 'nope'{NNBSP}; les agents sont{NBSP}: ")


def test_what_inspect_says_an_event_changes_is_french_and_its_json_english(capsys):
    code, english, _ = cli(capsys, "inspect", "hague_summit_2025", "--lang", "en")
    assert code == 0 and "free_ride: trump weight on core_target: +0.05; sanchez weight on core_target: +0.05." in english
    code, french, _ = cli(capsys, "inspect", "hague_summit_2025", "--lang", "fr")
    assert code == 0 and "weight on" not in french and "red_line on" not in french
    assert (f"free_ride{NBSP}: trump{NBSP}: poids de core_target{NBSP}: +0,05{NNBSP}; sanchez{NBSP}: poids de "
            f"core_target{NBSP}: +0,05.") in french.replace("\n", " ")
    code, as_json, _ = cli(capsys, "inspect", "hague_summit_2025", "--json", "--lang", "fr")
    assert code == 0 and "trump weight on core_target: +0.05" in as_json   # the JSON's values stay English
