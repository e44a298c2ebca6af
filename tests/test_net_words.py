"""The browser pages' own words (game/net/words.py): every text the pages and their scripts name is in the
table, in English as the pages always said it and in French from the catalogue, with French numbers."""

from __future__ import annotations

import json
import re
from pathlib import Path

from game import i18n
from game.net.words import STATIC, page, script_words, words

ROOT = Path(__file__).resolve().parent.parent


def _script_keys() -> set[str]:
    """Every key the scripts look up: t("key"), plural("key", ...), and the keys they build from a prefix
    (played_/by_ + a seat's status, kind_ + a move's kind, command_ + a teacher's command)."""
    keys = set()
    for name in ("student.js", "teacher.js"):
        text = (STATIC / name).read_text(encoding="utf-8")
        keys |= {k for k in re.findall(r'\b(?:t|words|plural)\("(\w+)"', text) if not k.endswith("_")}
        for pair in re.findall(r'\bt\([^"()]+ \? "(\w+)" : "(\w+)"', text):   # t(cond ? "a" : "b", ...)
            keys |= set(pair)
    statuses = ("person", "absent", "left", "program", "computer", "empty")
    keys |= {f"played_{s}" for s in statuses} | {f"by_{s}" for s in statuses}
    keys |= {f"kind_{k}" for k in ("table", "amend", "promise", "threat", "pledge", "carve_out", "statement",
                                   "break_silence")}
    keys |= {f"command_{c}" for c in ("start", "pause", "resume", "talks", "undo", "deadline", "extend", "timeout",
                                      "inject", "end_now", "computer", "hand_back", "remove")}
    return keys


def test_every_text_the_pages_and_scripts_name_is_in_the_table():
    table = script_words()
    missing = sorted(k for k in _script_keys() if k not in table)
    assert not missing, f"texts the scripts use that game/net/words.py lacks: {missing}"
    for name in ("student.html", "teacher.html"):
        names = set(re.findall(r"\{\{(\w+)\}\}", (STATIC / name).read_text(encoding="utf-8")))
        assert names - {"lang", "words"} <= set(words()), (name, sorted(names - set(words())))
    # and the scripts hold no English of their own: a quoted text of two words or more is a key's job
    for name in ("student.js", "teacher.js", "common.js"):
        text = (STATIC / name).read_text(encoding="utf-8")
        text = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)
        text = re.sub(r'"use strict"|className: "[^"]*"', "", text)
        english = [s for s in re.findall(r'"([^"\n]*)"', text) if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", s)]
        assert not english, (name, english)


def test_the_pages_speak_french_with_french_numbers_and_english_as_before():
    with i18n.using("fr"):
        french, html = script_words(), page("student.html")
    with i18n.using("en"):
        english, teacher = script_words(), page("teacher.html")
    assert french["_decimal"] == "," and french["_percent"] == "{number}\u00a0%" and french["_lang"] == "fr"
    assert english["_decimal"] == "." and english["_percent"] == "{number}%"
    assert french["device_count"] == ["{count} appareil", "{count} appareil", "{count} appareils"]
    assert english["device_count"] == ["{count} devices", "{count} device", "{count} devices"]
    assert english["choose_seat"] == "Choose a seat" and french["choose_seat"] == "Choisissez une place"
    assert english["talk_level"] == "Pledge level (% GDP)" and french["talk_level"] == "Niveau d'engagement (% du PIB)"
    assert english["table"] == "Table" and french["table"] == "Table"
    assert '<html lang="fr">' in html and "Choisissez une place" in html and "Choose a seat" not in html
    assert '<html lang="en">' in teacher and "Summit · the teacher's page" in teacher
    # the script's table is data the page's script reads, and no text in it can end the element
    data = re.search(r'<script type="application/json" id="summit-words">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data)["choose_seat"] == "Choisissez une place" and "</" not in data
    untranslated = sorted(k for k in english if not k.startswith("_") and english[k] == french[k]
                          and re.search(r"[a-z]{3} [a-z]{3}", str(english[k]).replace("summit join", "")))
    assert not untranslated, untranslated
