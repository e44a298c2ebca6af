"""Observer worksheets (`summit brief` writes them beside the briefings): one printable page each for the
students who hold no seat at the table, the press and a national parliament. Each says what to watch, the
questions to ask, and has a table to fill in round by round (as many rows as the game has rounds, so a
game cut with --rounds prints a shorter table). Built as document Sections, rendered to HTML and Markdown
like the debrief's pages."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.narrate import shown_label, shown_text
from ..i18n import _, language, ngettext
from ..scenario import Effect, Role, Scenario
from .document import (Item, Numbered, Section, Table, html_text, markdown_page, markdown_text, page, section_html,
                       section_markdown)


@dataclass(frozen=True)
class Worksheet:
    id: str        # the file's name without its suffix
    role: str      # who uses it, as the index lists it
    heading: str
    sections: tuple[Section, ...]


OBSERVERS = ("observer-press", "observer-parliament")


def worksheets(scenario: Scenario) -> tuple[Worksheet, ...]:
    return press(scenario), parliament(scenario)


def _issues(scenario: Scenario) -> str:
    return ", ".join(shown_label(issue) for issue in scenario.issues)


def _spending(scenario: Scenario) -> bool:
    return any(issue.effect == Effect.CORE_SPENDING for issue in scenario.issues)


def _rounds_table(scenario: Scenario, headings: tuple[str, ...], caption: str) -> Table:
    return Table((_("Round"), *headings), tuple((str(r), *("" for _r in headings)) for r in range(1, scenario.rounds + 1)),
                 caption=caption)


def press(scenario: Scenario) -> Worksheet:
    s = scenario
    chair = next((shown_text(l.name) for l in s.leaders if l.role == Role.SECRETARY_GENERAL), None)
    us = next((shown_text(l.name) for l in s.leaders if l.role == Role.US_PRESIDENT), None)
    watch = [(_("The draft communiqué: what it says on {issues}, and what the chair ({chair}) changes each round.")
              if chair else _("The draft communiqué: what it says on {issues}, and what the chair (the chair) changes "
                              "each round.")).format(issues=_issues(s), chair=chair),
             _("The silence procedure: who breaks silence, on which issue, and whether the draft falls."),
             _("Promises and threats: who offers what to whom, and whether it is kept or carried out.")]
    if _spending(s):
        watch.append(_("Pledges: which countries commit to a level of spending by a year, and who asks for a later "
                       "deadline (a carve-out)."))
    questions = [(_("To {chair}: which objection did this round's draft try to meet, and at whose expense?") if chair
                  else _("To the chair: which objection did this round's draft try to meet, and at whose expense?")
                  ).format(chair=chair),
                 _("To the leader who broke silence: what would make you stay silent next round?"),
                 _("To a leader who pledged: how will your country pay for it, and by when?")]
    if us:
        questions.append(_("To {leader}: does the US commitment depend on what the allies pledge? Say how.").format(
            leader=us))
    questions.append(_("After the game: was the deal (or no deal) news? Who won, who gave ground, and who was left "
                       "out?"))
    sections = (
        Section(_("Your role"), (_("You report on “{scenario}” ({year}) for a newspaper. You have no vote and no "
                                   "seat: you watch the projector, take notes each round, and may ask one question at "
                                   "each press conference the teacher calls.").format(scenario=shown_text(s.title),
                                                                                      year=s.year),)),
        Section(_("What to watch"), items=tuple(Item(line) for line in watch)),
        Section(_("Questions to ask"), blocks=(Numbered(tuple(questions)),)),
        Section(_("Your notes, round by round"), blocks=(_rounds_table(
            s, (_("The draft says"), _("Who objected, on what"), _("Offers and pledges"), _("Your headline")),
            _("One line a round; the headline in six words at most.")),)),
    )
    return Worksheet("observer-press", _("The press"),
                     _("Observer worksheet: the press ({scenario})").format(scenario=shown_text(s.title)), sections)


def parliament(scenario: Scenario) -> Worksheet:
    s = scenario
    watch = [_("What your leader says and proposes, and whether it matches what it told you before the summit."),
             _("The draft communiqué on {issues}: what would it commit your country to?").format(issues=_issues(s))]
    if _spending(s):
        watch.append(_("Your country's pledge (a {percent_sign} of GDP by a year) and any carve-out it asks for: what "
                       "would it cost, and what would have to give (taxes, debt, other spending)?").format(
            percent_sign="%"))
    watch.append(_("Promises and threats made to your leader, and whether your leader's own word is kept."))
    questions = [_("Which of your red lines did you hold, and which did you give up? Why was it worth it?"),
                 _("What does the agreement commit us to, by when, and who checks that we deliver?"),
                 _("What did the other allies give in return for what we gave?"),
                 _("Would no deal have been better for our country? Say why or why not.")]
    sections = (
        Section(_("Your role"), (_("You sit in the parliament of one member country in “{scenario}” ({year}). Your "
                                   "leader negotiates; you will have to approve, and pay for, what it agrees. Write "
                                   "your country here: ____________________. Its figures are in its leader's "
                                   "briefing.").format(scenario=shown_text(s.title), year=s.year),)),
        Section(_("What to watch"), items=tuple(Item(line) for line in watch)),
        Section(_("Questions for your leader after the summit"), blocks=(Numbered(tuple(questions)),)),
        Section(_("Your notes, round by round"), blocks=(_rounds_table(
            s, (_("What our leader did"), _("What the draft asks of us"), _("Word kept?"), _("Would you vote for it?")),
            _("One line a round; vote yes, no or not yet.")),)),
    )
    return Worksheet("observer-parliament", _("A national parliament"),
                     _("Observer worksheet: a national parliament ({scenario})").format(scenario=shown_text(s.title)),
                     sections)


def _line(scenario: Scenario) -> str:
    """The line under the heading, after the scenario's title and year."""
    return ngettext("up to {rounds} rounds", "up to {rounds} rounds", scenario.rounds).format(rounds=scenario.rounds)


# French runs longer than English: its sheet sets the type half a point smaller and stays on one A4 page
# (tests/test_report_french.py); the English sheet is as it was.
CSS_BY_LANGUAGE = {"fr": " body { font-size: 9.5pt; }"}


def to_html(sheet: Worksheet, scenario: Scenario) -> str:
    all_roles = _("all roles")
    body = [f"<h1>{html_text(sheet.heading)}</h1>", f"<p class=\"scenario\">{html_text(shown_text(scenario.title))} · "
            f"{scenario.year} · {html_text(_line(scenario))} · <a href=\"index.html\">{html_text(all_roles)}</a></p>"]
    for section in sheet.sections:
        body += section_html(section)
    return page(sheet.heading, body, "body { font-size: 10pt; } table { width: 100%; } table td { height: 1.6em; }"
                + CSS_BY_LANGUAGE.get(language(), ""))


def to_markdown(sheet: Worksheet, scenario: Scenario) -> str:
    all_roles = _("all roles")
    title = markdown_text(shown_text(scenario.title))
    lines = [f"# {markdown_text(sheet.heading)}", "", f"{title} · {scenario.year} · "
             f"{markdown_text(_line(scenario))} · [{markdown_text(all_roles)}](index.md)", ""]
    for section in sheet.sections:
        lines += section_markdown(section)
    return markdown_page(lines)
