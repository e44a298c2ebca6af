"""Private talks (`talk` lines, game/play/talk.py) in a log: a replay skips them (they are not moves, the rules
never see them) and keeps them for the debrief, which reveals every one; a malformed talk line is refused in one
line naming the file and line; `summit replay` never prints what was said.

The logs here are a committed fixture with talk lines inserted between its moves (the fixture itself is never
changed or regenerated).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from cli_support import cli

from game.play.replay import ReplayError, read, replay
from game.play.save_list import peek
from game.play.talk import talk_words
from game.report.debrief import write
from game.report.document import markdown_text
from game.ui.recording import Recording

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# summit run tutorial --seed 0 --agents member=stubborn: five rounds, no deal (rutte, trump, scholz, sanchez, tusk)
NO_DEAL_LOG = FIXTURES / "debrief_tutorial_no_deal.jsonl"

# (insert after this line of the fixture, the talk): the words need escaping in HTML and in Markdown
TALKS = (
    (3, {"type": "talk", "round": 1, "phase": "consultations", "from": "sanchez", "to": "trump",
         "text": "<b>Give us until 2035</b> and we stay silent.",
         "offer": {"kind": "promise", "move": "pass", "issue": None, "value": None}}),
    (13, {"type": "talk", "round": 2, "phase": "consultations", "from": "trump", "to": "scholz",
          "text": "Pay up & <script>alert('x')</script>",
          "offer": {"kind": "threat", "move": "pledge", "issue": None, "value": 3.5}}),
    (47, {"type": "talk", "round": 5, "phase": "consultations", "from": "tusk", "to": "rutte",
          "text": "Keep *five* per cent | or nothing", "offer": None}),
)


def with_talks(path: Path, talks=TALKS) -> Path:
    """The no-deal fixture with talk lines inserted after the given lines."""
    lines = NO_DEAL_LOG.read_text(encoding="utf-8").splitlines()
    for after, record in sorted(talks, key=lambda t: t[0], reverse=True):
        lines.insert(after, json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def as_save(log: Path, path: Path) -> Path:
    """A log closed by a save line, as Session.save closes one."""
    body = log.read_text(encoding="utf-8")
    closing = {"type": "save", "save_format": 1, "lines": body.count("\n"),
               "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest()}
    path.write_text(body + json.dumps(closing) + "\n", encoding="utf-8")
    return path


def test_a_replay_skips_talk_lines_and_keeps_them_in_order(tmp_path):
    plain = replay(NO_DEAL_LOG)
    talked = replay(with_talks(tmp_path / "talks.jsonl"))
    assert plain.talks == ()
    assert talked.talks == tuple(record for _, record in TALKS)
    assert talked.outcome == plain.outcome and talked.state.history == plain.state.history
    assert talked.logged_rounds == plain.logged_rounds
    # read() leaves the talks out of the game's lines, as the window's list of games reads them
    assert [r for _, r in read(tmp_path / "talks.jsonl")[1]] == [r for _, r in read(NO_DEAL_LOG)[1]]


def test_a_replay_until_a_round_keeps_the_talks_said_by_then(tmp_path):
    assert replay(with_talks(tmp_path / "talks.jsonl"), until=2).talks == (TALKS[0][1], TALKS[1][1])


def test_a_talk_after_the_outcome_line_is_kept_too(tmp_path):
    last = len(NO_DEAL_LOG.read_text(encoding="utf-8").splitlines())
    after = {**TALKS[2][1], "text": "Well played."}
    assert replay(with_talks(tmp_path / "talks.jsonl", TALKS + ((last, after),))).talks[-1] == after


@pytest.mark.parametrize("change, says", [
    ({"to": "macron"}, "'to' is \"macron\", not a leader of tutorial"),
    ({"from": 7}, "without 'from'"),
    ({"to": None}, "without 'to'"),
    ({"text": None}, "without its words"),
    ({"text": ["a", "list"]}, "without its words"),
    ({"round": "two"}, "without its round"),
    ({"offer": {"kind": "bribe", "move": "pass"}}, "an offer this Summit cannot read"),
    ({"offer": "a promise"}, "an offer this Summit cannot read"),
])
def test_a_malformed_talk_line_is_refused_naming_its_line(capsys, tmp_path, change, says):
    talks = (TALKS[0], (TALKS[1][0], {**TALKS[1][1], **change}), TALKS[2])
    path = with_talks(tmp_path / "bad.jsonl", talks)
    line = 13 + 2   # after fixture line 13, with one talk inserted before it
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[line - 1])["from"] == change.get("from", "trump")
    with pytest.raises(ReplayError) as raised:
        replay(path)
    message = str(raised.value)
    assert message.startswith(f"{path}:{line}: a private talk line") and says in message, message
    code, out, err = cli(capsys, "replay", str(path))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and f":{line}: " in err, err


def test_summit_replay_prints_the_same_account_and_no_talk(capsys, tmp_path):
    code, plain, _ = cli(capsys, "replay", str(NO_DEAL_LOG))
    assert code == 0
    code, out, err = cli(capsys, "replay", str(with_talks(tmp_path / "talks.jsonl")))
    assert code == 0 and err == ""
    assert out == plain + "\n3 private talks (the debrief shows them).\n"
    for _, record in TALKS:
        assert record["text"] not in out and record["text"][:12] not in out
    code, out, _ = cli(capsys, "replay", "--json", str(tmp_path / "talks.jsonl"))
    assert code == 0 and "private talk" not in out and json.loads(out)
    code, out, _ = cli(capsys, "replay", "--until", "1", str(tmp_path / "talks.jsonl"))
    assert code == 0 and out.endswith("\n1 private talk (the debrief shows them).\n")


def test_the_windows_readers_skip_talk_lines(tmp_path):
    talked = with_talks(tmp_path / "talks.jsonl")
    recording = Recording.of_file(talked)
    assert len(recording.rounds) == len(Recording.of_file(NO_DEAL_LOG).rounds) == 5
    save = as_save(talked, tmp_path / "talks.summit")
    assert replay(save).talks == tuple(record for _, record in TALKS)
    info = peek(save)
    assert info.round == 5 and info.over


# ----- the debrief reveals every talk ---------------------------------------------------------------------

# a hand-edited line break must not start a Markdown heading of its own
BROKEN_LINE = (24, {"type": "talk", "round": 3, "phase": "events", "from": "scholz", "to": "sanchez",
                    "text": "Hold firm.\n## Injected heading", "offer": None})


@pytest.fixture(scope="module")
def debriefed(tmp_path_factory):
    """One debrief of the no-deal game with talks, one of the same game without, and the two compared."""
    folder = tmp_path_factory.mktemp("talks")
    log = with_talks(folder / "talks.jsonl", TALKS + (BROKEN_LINE,))
    write([log], folder / "one")
    write([NO_DEAL_LOG], folder / "plain")
    write([log, NO_DEAL_LOG], folder / "both")
    return folder


def _section(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin:text.index(end, begin + len(start))]


def test_the_debrief_reveals_every_talk_in_order_grouped_by_round(debriefed):
    scenario = replay(NO_DEAL_LOG).scenario
    markdown = (debriefed / "one" / "index.md").read_text(encoding="utf-8")
    section = _section(markdown, "\n## Private talks\n", "\n## ")
    talks = [TALKS[0][1], TALKS[1][1], BROKEN_LINE[1], TALKS[2][1]]   # in the log's order
    places = []
    for record in talks:
        words = talk_words(scenario, {**record, "text": " ".join(record["text"].split())})
        assert markdown_text(words) in section, words
        places.append(section.index(markdown_text(words)))
        assert section.rindex(f"Round {record['round']}:", 0, places[-1]) >= 0
    assert places == sorted(places)
    assert [line for line in section.splitlines() if line.startswith("Round ")] == [
        "Round 1:", "Round 2:", "Round 3:", "Round 5:"]
    assert "\n## Injected" not in markdown and "Hold firm. \\#\\# Injected heading" not in markdown
    assert "Hold firm. ## Injected heading" in section
    assert "\\<b\\>Give us until 2035\\</b\\>" in section and "\\*five\\* per cent \\| or nothing" in section
    assert "4 private talks, 2 with a promise or a threat" in section


def test_the_html_escapes_what_players_wrote(debriefed):
    html = (debriefed / "one" / "index.html").read_text(encoding="utf-8")
    section = _section(html, 'id="private-talks"', "</section>")
    assert "&lt;b&gt;Give us until 2035&lt;/b&gt; and we stay silent." in section
    assert "Pay up &amp; &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in section
    assert "<script" not in html and "<b>Give" not in html
    assert "Pedro Sánchez to Donald Trump (a promise if the other side stays silent" in section
    assert '<a href="#private-talks">Private talks</a>' in html


def test_debrief_json_holds_the_talk_records(debriefed):
    data = json.loads((debriefed / "one" / "debrief.json").read_text(encoding="utf-8"))
    assert data["games"][0]["talks"] == [TALKS[0][1], TALKS[1][1], BROKEN_LINE[1], TALKS[2][1]]
    plain = json.loads((debriefed / "plain" / "debrief.json").read_text(encoding="utf-8"))
    assert plain["games"][0]["talks"] == []


def test_a_game_without_talks_has_no_such_section(debriefed):
    for name in ("index.md", "index.html"):
        assert "Private talks" not in (debriefed / "plain" / name).read_text(encoding="utf-8")


def test_the_comparison_counts_the_talks_per_table(debriefed):
    index = (debriefed / "both" / "index.md").read_text(encoding="utf-8")
    row = next(line for line in index.splitlines() if line.startswith("| Private talks |"))
    assert [cell.strip() for cell in row.strip("|").split("|")][1:] == ["4", "0"]
    page = (debriefed / "both" / "talks.md").read_text(encoding="utf-8")
    assert "\n## Private talks\n" in page and "\\<script\\>" in page
    assert "Private talks" not in (debriefed / "both" / "debrief_tutorial_no_deal.md").read_text(encoding="utf-8")
