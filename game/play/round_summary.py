"""A round in five lines: what a student needs from one round of the silence procedure, drawn from the log
alone. What fired, what the draft changed, what was asked for, pledged, promised or threatened, and who
objected on what, grouped by issue with counts (not one line per ally). `summit run` and `summit replay`
print it by default (game/report/account.py; `--verbose` prints every move), and the window's round-result
screen shows it on top, the full list one click away.

Pure: the summary is built from the scenario and the log entries (no Game, no agents), so a replayed log, a
live session and a save give the same summary. Its sentences are written in the language in use when it is made,
from the entries' data (game/engine/narrate.py's `tell`), never from their stored English text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..engine import Draft, LogEntry
from ..engine.narrate import phrase, shown_country, shown_label, shown_text, shown_value, tell
from ..i18n import _, country_forms, ngettext, percent
from ..scenario import Effect, Role, Scenario


@dataclass(frozen=True)
class Group:
    """Leaders who objected on one issue asking for the same thing."""

    wants: str                  # "less", "later", "separate", ...; "" when they did not say
    names: tuple[str, ...]      # whom they speak for (the ally's name, or the leader's seat), in order of play


@dataclass(frozen=True)
class Objection:
    """Every objection on one issue in one round."""

    issue: str                  # the issue as it reads in a sentence ("core defence target", "carve-outs")
    issue_id: str               # the scenario's id of the issue, or "carve_outs"
    groups: tuple[Group, ...]   # by what the objectors asked for, the largest group first

    @property
    def count(self) -> int:
        return sum(len(group.names) for group in self.groups)


@dataclass(frozen=True)
class RoundSummary:
    """One round told short. Each text field is one sentence, empty when there is nothing to say."""

    round: int
    rounds: int                   # the scenario's most rounds
    verdict: str                  # "adopted", "objected" (the game goes on), "no_deal", or "" (not finished)
    heading: str                  # "Round 2 of 8: 19 of 32 voters broke silence; the negotiation goes on."
    events: tuple[str, ...]       # each event that fired, as the log tells it
    teacher: tuple[str, ...]      # the teacher's moves, as the log tells them
    draft: str                    # what the draft changed this round (or that it did not)
    asked: str                    # amendments proposed and carve-outs asked for
    pledges: str                  # national pledges made this round
    words: str                    # promises and threats made this round
    objections: tuple[Objection, ...]   # the issue most objected to first

    def lines(self, names: int = 4) -> list[str]:
        """The summary as the command line prints it: the heading, then one indented line per part, each
        list of countries cut after `names` names ("and 6 more")."""
        out = [self.heading]
        out += [f"  ! {text}" for text in self.events + self.teacher]
        out += [f"  {text}" for text in (self.draft, self.asked, self.pledges, self.words) if text]
        if self.objections:
            out.append("  " + _("Objections: {objections}.").format(
                objections=_("; ").join(objection_text(o, names) for o in self.objections)))
        return out


def listed(names: Sequence[str], limit: int | None = None) -> str:
    """ "A", "A and B", "A, B and C"; past `limit` names: "A, B, C and 6 more"."""
    names = list(names)
    if limit is not None and len(names) > limit + 1:
        more = len(names) - limit
        return ngettext("{names} and {count} more", "{names} and {count} more", more).format(
            names=", ".join(names[:limit]), count=more)
    if len(names) <= 1:
        return "".join(names)
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def objection_text(objection: Objection, names: int | None = None) -> str:
    """ "core defence target 11 (want less: Italy, Canada, Spain and 7 more; want more: Latvia)"."""
    parts = [_("want {wants}: {names}").format(wants=group.wants, names=listed(group.names, names)) if group.wants
             else listed(group.names, names) for group in objection.groups]
    joined = _("; ").join(parts)
    return f"{objection.issue} {objection.count} ({joined})"


def summaries(scenario: Scenario, history: Sequence[LogEntry], until: int | None = None) -> list[RoundSummary]:
    """Every round of the log (through round `until` when given), in order."""
    rounds = sorted({entry.round for entry in history if until is None or entry.round <= until})
    drafts = _drafts(scenario, history)
    return [_summary(scenario, [e for e in history if e.round == r], drafts.get(r - 1, drafts[0]), drafts.get(r))
            for r in rounds]


def summarize(scenario: Scenario, history: Sequence[LogEntry], round_: int) -> RoundSummary:
    """One round of the log; ValueError when the log has no line of that round."""
    entries = [e for e in history if e.round == round_]
    if not entries:
        raise ValueError(_("the log has no round {round}").format(round=round_))
    drafts = _drafts(scenario, history)
    return _summary(scenario, entries, drafts.get(round_ - 1, drafts[0]), drafts.get(round_))


# ----- reading the log ---------------------------------------------------------------------------------------

def _drafts(scenario: Scenario, history: Sequence[LogEntry]) -> dict[int, Draft]:
    """The draft at the end of each round of the log, round 0 being the status quo. The same rules as the
    engine's: a tabled draft replaces the text, the pen holder's amendment changes one issue (moving the
    deadline drops the carve-outs it has caught up with); anyone else's amendment is only a proposal."""
    deadline = scenario.issue_with(Effect.DEADLINE)
    draft = Draft.of({issue.id: issue.status_quo for issue in scenario.issues})
    drafts = {0: draft}
    for entry in history:
        if entry.type == "action":
            action = entry.data["action"]
            if action["kind"] == "table":
                draft = Draft.from_json(action["draft"])
            elif action["kind"] == "amend" and entry.actor == scenario.pen_holder_id:
                draft = draft.amended(action["issue"], action["value"], deadline.id if deadline else None)
        drafts[entry.round] = draft
    return drafts


def _name(scenario: Scenario, leader_id: str) -> str:
    """Whom a leader speaks for (game/play/public.py's `seat`) in the language in use: its ally, NATO for the
    Secretary General, or its own title."""
    leader = scenario.leader(leader_id)
    if leader.ally:
        return shown_country(scenario, leader.ally)
    return _("NATO") if leader.role == Role.SECRETARY_GENERAL else shown_text(leader.title)


def _value(issue, value) -> str:
    """A value as it reads in a list: "3.5% GDP", "separate", or an option's own label in quotes."""
    shown = shown_value(issue, value)
    return _("“{option}”").format(option=shown) if issue.options_written_out else shown


def _term(issue, text: str) -> str:
    """An issue and a value (or a change of value) in a sentence: "deadline 2032", "the bid: “No MAP”"."""
    return f"{phrase(shown_label(issue))}{': ' if issue.options_written_out else ' '}{text}"


def _summary(scenario: Scenario, entries: list[LogEntry], before: Draft, after: Draft | None) -> RoundSummary:
    round_ = entries[0].round
    actions = [e for e in entries if e.type == "action"]
    return RoundSummary(
        round=round_, rounds=scenario.rounds, verdict=_verdict(entries), heading=_heading(scenario, entries),
        events=tuple(tell(scenario, e, entries) for e in entries if e.type == "event"),
        teacher=tuple(tell(scenario, e, entries) for e in entries if e.type == "teacher"),
        draft=_draft_change(scenario, round_, before, after or before, actions),
        asked=_asked(scenario, actions), pledges=_pledges(scenario, actions), words=_words(scenario, actions),
        objections=_objections(scenario, actions))


def _verdict(entries: list[LogEntry]) -> str:
    result = next((e for e in entries if e.type == "result"), None)
    return "" if result is None else result.data.get("result", "")


def _heading(scenario: Scenario, entries: list[LogEntry]) -> str:
    fields = {"round": entries[0].round, "rounds": scenario.rounds}
    result = next((e for e in entries if e.type == "result"), None)
    answers = [e for e in entries if e.type == "action" and e.phase == "silence"]
    broke = sum(1 for e in answers if e.data["action"]["kind"] == "break_silence")
    fields.update(broke=broke, voters=len(answers))
    if result is None:
        return _("Round {round} of {rounds}: not finished.").format(**fields)
    verdict = result.data.get("result")
    if result.data.get("by") == "teacher":
        return (_("Round {round} of {rounds}: the teacher ended the negotiation; the draft is adopted as if every "
                  "member agreed (the teacher overrode consensus).") if verdict == "adopted" else
                _("Round {round} of {rounds}: the teacher ended the negotiation; no deal.")).format(**fields)
    if not broke:
        said = {"adopted": _("Round {round} of {rounds}: none of the {voters} voters broke silence; the draft is "
                             "adopted."),
                "no_deal": _("Round {round} of {rounds}: none of the {voters} voters broke silence; that was the last "
                             "round: no deal.")}.get(verdict, _("Round {round} of {rounds}: none of the {voters} voters "
                                                                "broke silence; the negotiation goes on."))
        return said.format(**fields)
    if verdict == "adopted":
        said = ngettext("Round {round} of {rounds}: the draft is adopted ({broke} of {voters} voters broke silence).",
                        "Round {round} of {rounds}: the draft is adopted ({broke} of {voters} voters broke silence).",
                        broke)
    elif verdict == "no_deal":
        said = ngettext("Round {round} of {rounds}: {broke} of {voters} voters broke silence; that was the last "
                        "round: no deal.",
                        "Round {round} of {rounds}: {broke} of {voters} voters broke silence; that was the last "
                        "round: no deal.", broke)
    else:
        said = ngettext("Round {round} of {rounds}: {broke} of {voters} voters broke silence; the negotiation goes "
                        "on.",
                        "Round {round} of {rounds}: {broke} of {voters} voters broke silence; the negotiation goes "
                        "on.", broke)
    return said.format(**fields)


def _carve_change(scenario: Scenario, before: Draft, after: Draft) -> list[str]:
    old, new = dict(before.carve_outs), dict(after.carve_outs)
    added = [(ally, year) for ally, year in after.carve_outs if ally not in old]
    moved = [(ally, year) for ally, year in after.carve_outs if ally in old and old[ally] != year]
    dropped = [ally for ally, _ in before.carve_outs if ally not in new]
    parts = []
    for change, pairs in (("added", added), ("moved", moved)):
        years = sorted({year for _ally, year in pairs})
        for year in years:
            names = [shown_country(scenario, ally) for ally, y in pairs if y == year]
            if len(names) == 1:   # French writes the name with its article: "pour la Slovaquie"
                only = scenario.ally(next(ally for ally, y in pairs if y == year))
                said = (_("a carve-out added to {year} for {country}") if change == "added" else
                        _("a carve-out moved to {year} for {country}"))
                parts.append(said.format(year=year, **country_forms(only.iso3, shown_text(only.name)).fields()))
                continue
            said = (_("carve-outs added to {year} for {count} allies ({names})") if change == "added" else
                    _("carve-outs moved to {year} for {count} allies ({names})"))
            parts.append(said.format(year=year, count=len(names), names=listed(names, 4)))
    if dropped:
        names = [shown_country(scenario, ally) for ally in dropped]
        parts.append(_("carve-outs dropped for {names}").format(names=listed(names, 4)))
    return parts


def _draft_change(scenario: Scenario, round_: int, before: Draft, after: Draft, actions: list[LogEntry]) -> str:
    tabled = any(e.data["action"]["kind"] == "table" for e in actions)
    pen = shown_text(scenario.leader(scenario.pen_holder_id).name) if scenario.pen_holder_id else None
    if round_ == 1 and tabled:
        terms = _("; ").join(_term(issue, _value(issue, after[issue.id])) for issue in scenario.issues)
        terms = _("; ").join([terms, *_carve_change(scenario, before, after)])
        said = _("Opening draft by {pen}: {terms}.") if pen else _("Opening draft by the pen holder: {terms}.")
        return said.format(pen=pen, terms=terms)
    changes = [_term(issue, f"{_value(issue, before[issue.id])} → {_value(issue, after[issue.id])}")
               for issue in scenario.issues if before[issue.id] != after[issue.id]]
    changes += _carve_change(scenario, before, after)
    if not changes:
        return _("The draft did not change.")
    said = _("{pen} changed the draft: {changes}.") if pen else _("The pen holder changed the draft: {changes}.")
    return said.format(pen=pen, changes=_("; ").join(changes))


def _asked(scenario: Scenario, actions: list[LogEntry]) -> str:
    """The amendments others proposed, by issue (how many, and the range or the options asked for), and the
    carve-outs asked for."""
    proposals: dict[str, list] = {}
    carve_outs: list[tuple[str, int]] = []
    for entry in actions:
        action = entry.data["action"]
        if action["kind"] == "amend" and entry.actor != scenario.pen_holder_id:
            proposals.setdefault(action["issue"], []).append(action["value"])
        elif action["kind"] == "carve_out":
            carve_outs.append((_name(scenario, entry.actor), action["year"]))
    parts = []
    for issue in scenario.issues:
        values = proposals.get(issue.id)
        if not values:
            continue
        if issue.is_range:
            low, high = min(values), max(values)
            asked = shown_value(issue, low) if low == high else _("{low} to {high}").format(
                low=shown_value(issue, low), high=shown_value(issue, high))
        else:
            options = sorted(set(values), key=lambda value: (-values.count(value), issue.options.index(value)))
            asked = _(" or ").join(_value(issue, v) for v in options)
        parts.append(ngettext("{term} ({count} proposal)", "{term} ({count} proposals)", len(values)).format(
            term=_term(issue, asked), count=len(values)))
    if carve_outs:
        names = [name for name, _year in carve_outs]
        years = sorted({year for _name, year in carve_outs})
        said = (_("a later deadline (to {year}) for {names}") if len(years) == 1 else
                _("a later deadline (to {first}-{last}) for {names}"))
        parts.append(said.format(year=years[0], first=years[0], last=years[-1], names=listed(names, 4)))
    return _("Asked for: {asked}.").format(asked=_("; ").join(parts)) if parts else ""


def _pledges(scenario: Scenario, actions: list[LogEntry]) -> str:
    made = [(entry.data["action"]["year"], _name(scenario, entry.actor), entry.data["action"]["level"])
            for entry in actions if entry.data["action"]["kind"] == "pledge"]
    if not made:
        return ""
    parts = []
    for year in sorted({year for year, _name, _level in made}):
        names = [f"{name} {percent(level)}" for y, name, level in made if y == year]
        parts.append(_("{pledges} by {year}").format(pledges=listed(names, 6), year=year))
    return _("Pledged (core defence, {percent} of GDP): {pledges}.").format(percent="%", pledges=_("; ").join(parts))


def _word(scenario: Scenario, action: dict) -> str:
    """One promise or threat, short: "United States → Poland (support if it pledges at least 5.0% GDP)"."""
    giver, target = _name(scenario, action["actor"]), _name(scenario, action["target"])
    if action.get("issue") is not None:
        issue = scenario.issue(action["issue"])
        said = _term(issue, _value(issue, action["value"]))
        deal = (_("{giver} → {target} (lets the text through if it says {term})") if action["kind"] == "promise" else
                _("{giver} → {target} (blocks the text unless it says {term})"))
        return deal.format(giver=giver, target=target, term=said)
    deal = (_("{giver} → {target} (support if it pledges at least {level} GDP)") if action["kind"] == "promise" else
            _("{giver} → {target} (pledge at least {level} GDP, or else)"))
    return deal.format(giver=giver, target=target, level=percent(action["demand"]))


def _words(scenario: Scenario, actions: list[LogEntry]) -> str:
    parts = []
    for kind in ("promise", "threat"):
        said = [_word(scenario, e.data["action"]) for e in actions if e.data["action"]["kind"] == kind]
        if said:
            more = len(said) - 3
            shown = said[:3] + ([ngettext("{count} more", "{count} more", more).format(count=more)] if more > 0 else [])
            title = _("Promises: {promises}") if kind == "promise" else _("Threats: {threats}")
            parts.append(title.format(promises=_("; ").join(shown), threats=_("; ").join(shown)))
    return ". ".join(parts) + "." if parts else ""


def _wants(scenario: Scenario, issue_id: str, wants: str | None) -> str:
    if not wants:
        return ""
    words = {"more": _("more"), "less": _("less")}
    if issue_id == "carve_outs":
        return words.get(wants, wants)
    issue = scenario.issue(issue_id)
    if wants in ("more", "less"):
        if issue.effect == Effect.DEADLINE:
            return _("later") if wants == "more" else _("sooner")
        return words[wants]
    return _value(issue, wants)


def _objections(scenario: Scenario, actions: list[LogEntry]) -> tuple[Objection, ...]:
    by_issue: dict[str, dict[str, list[str]]] = {}
    for entry in actions:
        action = entry.data["action"]
        if entry.phase == "silence" and action["kind"] == "break_silence":
            wants = _wants(scenario, action["issue"], action.get("wants"))
            by_issue.setdefault(action["issue"], {}).setdefault(wants, []).append(_name(scenario, entry.actor))
    order = [issue.id for issue in scenario.issues] + ["carve_outs"]
    objections = []
    for issue_id in sorted(by_issue, key=lambda i: (-sum(map(len, by_issue[i].values())), order.index(i))):
        label = _("carve-outs") if issue_id == "carve_outs" else phrase(shown_label(scenario.issue(issue_id)))
        ordered = sorted(by_issue[issue_id].items(), key=lambda kv: (-len(kv[1]), kv[0] == "", kv[0]))
        objections.append(Objection(label, issue_id, tuple(Group(wants, tuple(names)) for wants, names in ordered)))
    return tuple(objections)
