"""What a French host sends (`summit host --lang fr`), without a browser: a whole tutorial table played through
the views a device is sent, every text of them French and its numbers French, and the same game's views in
English as the pages always had them."""

from __future__ import annotations

import json
import re

import pytest

from game import i18n
from game.engine import IllegalActionError
from game.net import view
from game.net.table import Table
from tests.net_support import session_of

# the English of the texts a view carries that are the host's own words (the scenario's and the log's aside)
ENGLISH = re.compile(r"\b(Drafting|Consultations phase|Silence procedure|Stay silent|Keep draft|Propose|Pass|"
                     r"Agreed after|No deal after|by 20\d\d|wait for|not in the|the game has not started|"
                     r"GDP|only the pen holder)\b")


def _play(language: str):
    """A tutorial table, Spain held by a device that passes (confirming), the others the computer's; every
    view Spain was sent, and the table."""
    with i18n.using(language):
        table = Table(session_of("tutorial", seed=3), 0, 0.0)
        device = table.join("sanchez", "Ana", False, 0.0)
        table.connect(device.token, 0.0)
        views = [view.seat_view(table, "sanchez", 0.0)]   # before the start
        table.start(0.0)
        for _ in range(500):
            session = table.session
            if session.over:
                break
            if session.actor == "sanchez":
                seen = view.seat_view(table, "sanchez", 1.0)
                views.append(seen)
                move = {"kind": "pass"}
                try:
                    view.action_of(table, "sanchez", move)
                except IllegalActionError as error:
                    assert error.code == "confirm"
                    views.append({"confirm": i18n.localize(error.args[0])})
                    move["confirm"] = True
                table.move(device.token, view.action_of(table, "sanchez", move), 1.0)
            else:
                views.append(view.seat_view(table, "sanchez", 1.0))
                session.agent_move()
        views.append(view.seat_view(table, "sanchez", 2.0))
        return views, table


def _host_words(seat_view: dict) -> str:
    """The texts of a view that are the host's own words (not the log, whose agents' reasons are theirs, nor
    the scenario's own reasons in the positions)."""
    parts = [seat_view.get("confirm", "")]
    if "table" in seat_view:
        parts += [seat_view["table"]["phase_name"], json.dumps(seat_view["moves"], ensure_ascii=False),
                  json.dumps([r["pledge"] for r in seat_view["roster"]], ensure_ascii=False),
                  json.dumps(seat_view["forms"], ensure_ascii=False),
                  json.dumps(seat_view["outcome"], ensure_ascii=False)]
    return "\n".join(p for p in parts if p)


def test_a_french_table_sends_french_words_and_numbers_and_english_stays_as_it_was():
    french, table = _play("fr")
    english, _ = _play("en")
    assert len(french) == len(english)
    said = "\n".join(_host_words(v) for v in french)
    assert not ENGLISH.findall(said), sorted(set(ENGLISH.findall(said)))
    last = french[-1]
    assert re.fullmatch(r"(Accord|Pas d'accord) après \d tours?.*", last["outcome"]["headline"])
    assert any("du PIB" in row["value"] for row in last["outcome"]["in_force"])
    assert french[0]["moves"][0]["reason"] == "la partie n'a pas encore commencé"
    assert any(m["reason"] and m["reason"].startswith("attendez le tour de") for v in french[1:-1] if "moves" in v
               for m in v["moves"])
    assert any(m["label"] == "Silence" for v in french if "moves" in v for m in v["moves"])
    issue = next(i for i in french[1]["forms"]["issues"] if "range" in i and i["step"] < 1)
    assert issue["value_pattern"] == "{value}\u00a0% du PIB"
    english_said = "\n".join(_host_words(v) for v in english)
    assert "Stay silent" in english_said and "wait for " in english_said and "% GDP" in english_said
    assert english[-1]["outcome"]["headline"].startswith(("Agreed after", "No deal after"))
    with i18n.using("fr"):
        assert table.teacher("talks", False, 3.0) == "Les discussions privées sont coupées."
        with pytest.raises(ValueError) as refused:
            table.teacher("remove", 99, 3.0)
        assert i18n.localize(refused.value.args[0]) == "aucun appareil 99 à cette table"
        assert str(refused.value) == "no device 99 at this table"   # the Message's English, for the program
        with pytest.raises(IllegalActionError):
            table.move(next(iter(table.devices)), None, 3.0)
