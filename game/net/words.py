"""The browser pages' own words (game/net/static/), in the host's language, from the gettext catalogue.

The pages hold no words of their own: student.html and teacher.html write `{{key}}` where a text goes and
the server fills each in, HTML-escaped, with WORDS[key] in the language in use (`page`); the same page carries
every text its script writes as a JSON table (`script_words`: a `<script type="application/json"
id="summit-words">`, which the Content-Security-Policy lets through, as it runs nothing), and the script fills
in the `{named}` fields (common.js: `Summit.t(key, fields)`, `Summit.plural(key, count, fields)`). Numbers the
script writes (a score, a slider's value, a level of spending) follow the language's decimal sign and percent
pattern, which the table carries too (`_decimal`, `_percent`), as Babel (CLDR) writes them: "3,5 %".

A `%` in a text is written as the field `{percent_sign}` (gettext's tools take "% G" for a printf placeholder); `script_words`
and `page` write it back as one.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape
from pathlib import Path

from ..i18n import N_, language, ngettext, number, percent
from ..i18n.catalogue import pgettext

STATIC = Path(__file__).resolve().parent / "static"

WORDS = {
    # both pages
    "summit": N_("Summit"),
    "not_connected": N_("Not connected: reconnecting…"),
    "connection_lost": N_("Connection lost: reconnecting…"),
    "connecting": N_("Connecting…"),
    "round_of": N_("Round {round} of {rounds}"),
    "nothing_this_round": N_("Nothing yet this round."),
    "this_round": N_("This round"),
    "table_title": N_("Table {number}: {title}"),
    "room_code_label": N_("Room code:"),
    # the students' page: the join screen
    "skip": N_("Skip to the game"),
    "the_table": N_("The table"),
    "join_heading": N_("Join the summit"),
    "room_code": N_("Room code (on the projector)"),
    "your_name": N_("Your name (optional)"),
    "choose_seat": N_("Choose a seat"),
    "loading_seats": N_("Loading the seats…"),
    "any_seat": N_("Any free seat"),
    "no_answer": N_("The host does not answer: is the address right?"),
    "no_table": N_("No table is open."),
    "lobby_over": N_("This table's negotiation is over."),
    "lobby_started": N_("The game has started: a seat the computer plays can still be taken."),
    "lobby_waiting": N_("The game starts when every seat is taken (or when the teacher starts it)."),
    "held_alone": N_("held alone"),
    "type_room": N_("Type the room code: it is on the projector."),
    "joining": N_("Joining…"),
    "coming_back": N_("Coming back to your seat…"),
    # who plays a seat, as the students' page says it
    "played_person": N_("played by a person"),
    "played_absent": N_("away: the table waits"),
    "played_left": N_("has left"),
    "played_program": N_("played by a program (summit join)"),
    "played_computer": N_("played by the computer"),
    "played_empty": N_("nobody yet"),
    # the seated screen
    "outcome_heading": N_("The outcome"),
    "terms_heading": N_("The terms"),
    "terms_agreed": N_("The terms agreed"),
    "terms_no_deal": N_("The no-deal terms that apply"),
    "your_turn": N_("Your turn"),
    "you_heading": N_("You"),
    "score_label": N_("Your score for this draft:"),
    "score_scale": N_("/ 100 (no deal = 50)"),
    "your_positions": N_("Your positions"),
    "the_draft": N_("The draft"),
    "the_last_draft": N_("The last draft"),
    "your_move": N_("Your move"),
    "reason": N_("Reason (optional, everyone reads it)"),
    "at_the_table": N_("At the table"),
    "private_talks": N_("Private talks"),
    "talk_to": N_("To"),
    "talk_message": N_("Message (at most 280 characters)"),
    "talk_offer": N_("Offer (optional)"),
    "no_offer": N_("no offer"),
    "a_promise": N_("a promise"),
    "a_threat": N_("a threat"),
    "if_they": N_("If they…"),
    "issue": N_("Issue"),
    "talk_level": N_("Pledge level ({percent_sign} GDP)"),
    "send_privately": N_("Send privately"),
    "your_talks": N_("Your talks"),
    "your_briefing": N_("Your briefing"),
    "cancel": N_("Cancel"),
    "go_ahead": N_("Yes, go ahead"),
    # the students' page's script
    "connected_device": N_("Connected: you hold the seat (device {device})."),
    "connected": N_("Connected: you hold the seat."),
    "preview": N_("This draft for you: {score} / 100 (no deal = 50)"),
    "private_talk": N_("Private talk: {text}"),
    "left_seat": N_("You left the seat: {reason}."),
    "removed_default": N_("the teacher removed this device"),
    "went_wrong": N_("Something went wrong."),
    "seat_not_found": N_("Your seat was not found: {error}"),
    "turn_status": N_("Your turn, {name}."),
    "title_turn": N_("▶ Your turn · Summit · {title}"),
    "title_plain": N_("Summit · {title}"),
    "waiting_start": N_("Waiting for the start"),
    "over": N_("Over"),
    "turn_of": N_("Turn: {name}"),
    "turn_of_you": N_("Turn: {name} (you)"),
    "paused_by_teacher": N_("⏸ Paused by the teacher"),
    "turn_banner": N_("Your turn, {name}: choose a move below."),
    "round_ends": N_("Round ends in {time}"),
    "your_score": N_("Your score: {score} / 100 (no deal = 50)"),
    "negotiation_over": N_("The negotiation is over. {headline}"),
    "not_now": N_("Not now: {reason}"),
    "asks_first": N_("crosses your red line: asks first"),
    "tag_you": N_("you"),
    "tag_acting": N_("▶ acting now"),
    "spends": N_("spends {spending} GDP"),
    "pledged": N_("pledged {pledge}"),
    # the move forms
    "kind_table": N_("Table a whole draft"),
    "kind_amend": N_("Change one issue"),
    "kind_promise": N_("A promise"),
    "kind_threat": N_("A threat"),
    "kind_pledge": N_("A national pledge"),
    "kind_carve_out": N_("Ask for a carve-out"),
    "kind_statement": N_("A statement"),
    "kind_break_silence": N_("Break silence (object)"),
    "carve_outs": N_("Carve-outs"),
    "keep_as_drafted": N_("keep as drafted"),
    "grant_all": N_("grant every one asked for"),
    "none": N_("none"),
    "asked_for": N_("Asked for: {requests}"),
    "ally_until": N_("{ally} until {year}"),
    "to_whom": N_("To whom"),
    "in_return_for": N_("In return for"),
    "unless_they_give": N_("Unless they give"),
    "pledge_at_least": N_("a national pledge of at least…"),
    "value_on_issue": N_("a value on one issue"),
    "demand": N_("Pledge of at least ({percent_sign} GDP)"),
    "what_you_say": N_("What you say (at most 200 characters)"),
    "no_issue": N_("no issue"),
    "about_issue": N_("About an issue (optional)"),
    "a_limit": N_("A limit (optional)"),
    "no_limit": N_("no limit"),
    "not_this_option": N_("not this option"),
    "at_most": N_("at most"),
    "at_least": N_("at least"),
    "limit": N_("Limit"),
    "value": N_("Value"),
    "you_spend": N_("You spend {spending} GDP now."),
    "level": N_("Level ({percent_sign} GDP)"),
    "by_year": N_("By the year"),
    "common_deadline": N_("The common deadline is {year}."),
    "own_deadline": N_("Your own deadline (year)"),
    "object_on": N_("Object on"),
    "send_move": N_("Send: {move}"),
    "fill_in": N_("Fill in the form first."),
    "sent_move": N_("Sent: {move}."),
    "not_sent": N_("Not sent."),
    # private talks
    "talk_note_open": N_("Only the two of you read it (and the teacher's debrief afterwards)."),
    "talk_note_closed": N_("Talks are open during consultations only."),
    "no_talks": N_("No private talks yet."),
    "talk_sent_in": N_("Round {round} · sent"),
    "talk_received_in": N_("Round {round} · received"),
    "write_first": N_("Write a message first."),
    "talk_sent": N_("Private talk sent."),
    # the teacher's page
    "teacher_title": N_("Summit · teacher"),
    "teacher_heading": N_("Summit · the teacher's page"),
    "the_class": N_("The class"),
    "students_join_at": N_("Students join at"),
    "address": N_("Address:"),
    "what_happened": N_("What happened"),
    "connected_teacher": N_("Connected."),
    "done": N_("Done."),
    "refused": N_("Refused."),
    "sent_command": N_("Sent: {command}…"),
    "needs_token": N_("The teacher's page needs its token: open the address summit host printed (it ends with #…)."),
    "starts_in": N_("Starts on its own in {seconds} s."),
    "nothing_yet": N_("Nothing yet."),
    "group_game": N_("Table {number}: the game"),
    "group_clocks": N_("Table {number}: the clocks"),
    "group_events": N_("Table {number}: events and the end"),
    "start_now": N_("Start now"),
    "pause": N_("Pause"),
    "resume": N_("Resume"),
    "talks_off": N_("Talks off"),
    "turn_talks_off": N_("Turn talks off"),
    "turn_talks_on": N_("Turn talks on"),
    "undo": N_("Undo the last move"),
    "undo_why": N_("Undo: {reason}"),
    "deadline_field": N_("Round deadline (s, 0: none)"),
    "set_deadline": N_("Set deadline"),
    "extend_field": N_("Extend by (s)"),
    "extend": N_("Extend"),
    "timeout_field": N_("Timeout of an absent seat (s)"),
    "set_timeout": N_("Set timeout"),
    "event": N_("Event"),
    "inject": N_("Inject the event"),
    "no_event_left": N_("no event left to fire"),
    "adopt_the_draft": N_("adopt the draft"),
    "no_deal": N_("no deal"),
    "end_with": N_("End now with"),
    "end_now": N_("End now…"),
    "end_adopt_question": N_("End table {number} now with the draft adopted? This cannot be undone."),
    "end_no_deal_question": N_("End table {number} now with no deal? This cannot be undone."),
    "seats": N_("Seats"),
    "devices": N_("Devices"),
    "not_started": N_("not started"),
    "turn_lower": N_("turn: {name}"),
    "paused_caps": N_("PAUSED"),
    "deadline_in": N_("round deadline in {seconds} s"),
    "talks_on_state": N_("talks on"),
    "talks_off_state": N_("talks off"),
    "moved_round": N_("Moved this round: {names}"),
    "waiting_for": N_("Waiting for: {names}"),
    "nobody": N_("nobody"),
    "seat": N_("Seat"),
    "played_by": N_("Played by"),
    "computer_plays_it": N_("Computer plays it"),
    "computer_plays_name": N_("The computer plays {name}"),
    "hand_it_back": N_("Hand it back"),
    "hand_name_back": N_("Hand {name} back to its devices"),
    "acting": N_("{label} (acting)"),
    "handed_to_computer": N_("{played} (handed to the computer)"),
    "no_device": N_("No device has joined yet."),
    "device": N_("Device"),
    "name": N_("Name"),
    "connected_column": N_("Connected"),
    "remove": N_("Remove"),
    "remove_question": N_("Remove device {number} ({seat})? Its token stops working."),
    "remove_device": N_("Remove device {number}"),
    "summit_join_name": N_("{name} (summit join)"),
    "yes": N_("yes"),
    "no_away": N_("no (away)"),
    "log_at": N_("Log: {path}"),
    "log_cannot": N_("the log cannot be written: {error}"),
    # who plays a seat, as the teacher's page says it
    "by_person": N_("a student"),
    "by_absent": N_("away (the table waits)"),
    "by_left": N_("has left"),
    "by_program": N_("a program (summit join)"),
    "by_computer": N_("the computer"),
    "by_empty": N_("nobody yet"),
    # the teacher's commands, as "Sent: …" names them
    "command_start": N_("start"),
    "command_pause": N_("pause"),
    "command_resume": N_("resume"),
    "command_talks": N_("talks"),
    "command_undo": N_("undo"),
    "command_deadline": N_("deadline"),
    "command_extend": N_("extend"),
    "command_timeout": N_("timeout"),
    "command_inject": N_("inject"),
    "command_end_now": N_("end_now"),
    "command_computer": N_("computer"),
    "command_hand_back": N_("hand_back"),
    "command_remove": N_("remove"),
}


def _plurals() -> dict:
    """The texts whose words depend on a number: each as a function of the count."""
    return {
        "device_count": lambda n: ngettext("{count} device", "{count} devices", n),
        "table_count": lambda n: ngettext("{count} table", "{count} tables", n),
    }


def _in_context() -> dict[str, str]:
    """The texts whose English means something else elsewhere in Summit."""
    return {"table": pgettext("the table a student joins", "Table")}


def words() -> dict[str, str]:
    """Every text of the pages in the language in use, by key."""
    shown = {key: str(text).replace("{percent_sign}", "%") for key, text in WORDS.items()}
    shown.update(_in_context())
    return shown


def script_words() -> dict:
    """What the pages' scripts read: every text, each plural text as its forms for 0, 1 and more (the rule of
    both languages: French says 0 in the singular, English in the plural), and how numbers are written."""
    table: dict = words()
    table.update({key: [form(0), form(1), form(2)] for key, form in _plurals().items()})
    one = number(1.5, 1)
    table["_decimal"] = one[1:-1]
    table["_percent"] = percent(1.5, 1).replace(one, "{number}")
    table["_lang"] = language()
    return table


_FIELD = re.compile(r"\{\{(\w+)\}\}")


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def page(name: str) -> str:
    """The page `name` (student.html, teacher.html) in the language in use: its {{key}} filled in from
    WORDS, {{lang}} with the language's code and {{words}} with the script's table (JSON, with '<' escaped so
    that no text can close the script element)."""
    shown = words()
    data = json.dumps(script_words(), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")

    def fill(found: re.Match) -> str:
        key = found.group(1)
        if key == "lang":
            return language()
        if key == "words":
            return data
        return escape(shown[key], quote=False).replace('"', "&quot;")   # the pages' attributes are in "double quotes"

    return _FIELD.sub(fill, _template(name))
