"""Debriefing in Lederman's three phases (L. C. Lederman, "Debriefing: toward a systematic assessment of theory
and practice", Simulation & Gaming 23(2), 1992): (1) the experience, systematically: what happened and how it
felt; (2) the individual's experience and learning: what each player did and what it taught them; (3)
generalisation and application: what if, and the real world.

Every prompt is written from the game's own facts: the role's positions, what it got and what it gave up, its
objections and pledges, its score against the best it could have reached (analysis/reach.py), and what really
happened (the scenario's history, history.py).

- `role_story(facts, leader_id, reach)`: what one role wanted, got and gave up (RoleStory), for its handout;
- `role_prompts(facts, story)`: its three prompts, one per phase;
- `class_questions(facts)`: the three questions for the whole class, one per phase (the outcome screen shows
  them, the teacher's report opens with them);
- `feeling_section(facts)`: the teacher's report's opening section, "How did it feel?".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...analysis.objective import Verdict, objective_met
from ...analysis.reach import Reach
from ...engine.narrate import shown_text
from ...i18n import N_, _, language, ngettext, number
from ...scenario import Effect, Role
from ..document import Item, Numbered, Section
from .facts import GameFacts
from .history import history_of, item_date, item_text, shown_date
from .wording import _country, _guarantee, _issue_name, _leader_label, _leader_name, _rounds_text, _value, _wants_text

_PHASES = (N_("How did it feel?"), N_("What did you learn?"), N_("What if, and in reality?"))
PHASES = tuple(phase.message for phase in _PHASES)
"""The three phases' headings in English, as the outcome screen shows them; `phases()` in the language shown."""


def phases() -> tuple[str, str, str]:
    """The three phases' headings in the language of the moment, as the handout and the report show them."""
    return tuple(str(phase) for phase in _PHASES)


def _score(value: float) -> str:
    """A score as the debrief writes it: one decimal ("62.5", "62,5")."""
    return number(value, 1)


@dataclass(frozen=True)
class PositionMet:
    """One issue a role cared about, against the terms in force as the role lives them (its own carve-out)."""
    issue: str
    ideal: Any
    red_line: Any            # None: no red line
    weight: float            # the share of the role's weight (0..1)
    value: Any               # in force, as the role lives it
    ideal_reached: bool
    crossed: bool            # the terms cross its red line

    @property
    def verdict(self) -> str:
        if self.crossed:
            return _("red line crossed")
        if self.ideal_reached:
            return _("your ideal")
        return _("red line held") if self.red_line is not None else _("not your ideal")


@dataclass(frozen=True)
class RoleStory:
    """What one role wanted, did, got and gave up in one game."""
    leader: str
    label: str                          # "Pedro Sánchez (Spain)"
    player: str                         # the name typed for the role ("" when none)
    positions: tuple[PositionMet, ...]
    got: PositionMet | None             # the issue that gave it most (weight x satisfaction)
    gave_up: PositionMet | None         # the issue it lost most on (weighted), when it lost anything
    objected: dict[int, tuple[str, str | None]]   # round -> (issue, wants)
    pledge: tuple[int, float, int] | None         # (round, level, year): its ally's last pledge
    carve_out: int | None               # its ally's own deadline in the terms
    words: int                          # promises and threats it gave
    score: float
    reach: Reach | None
    objective: str                      # the role's private objective ("" when it has none)
    pen: bool                           # it held the pen (drafted)
    objective_met: Verdict | None = None   # where the scenario says how to tell (analysis.objective)

    @property
    def share(self) -> float | None:
        return self.reach.share(self.score) if self.reach is not None else None


def _reached(issue, value, ideal) -> bool:
    if issue.is_range:
        return abs(float(value) - float(ideal)) <= (issue.step or 0.0) / 2 + 1e-9
    return value == ideal


def role_story(facts: GameFacts, leader_id: str, reach: Reach | None) -> RoleStory:
    s, o = facts.scenario, facts.outcome
    game, state = facts.replayed.game, facts.replayed.state
    leader = s.leader(leader_id)
    ideals, red_lines, weights = game.own_positions(leader_id, state.position_overrides)
    prefs = game.preferences_now(state)
    crossed = prefs.crossed(o.in_force, leader_id) if ideals else ()
    carve_out = o.in_force.carve_out(leader.ally) if leader.ally else None
    positions = []
    for issue in s.issues:
        if issue.id not in ideals or weights.get(issue.id, 0.0) <= 0:
            continue
        value = o.in_force[issue.id]
        if issue.effect == Effect.DEADLINE and carve_out:
            value = carve_out
        positions.append(PositionMet(issue.id, ideals[issue.id], red_lines[issue.id], weights[issue.id], value,
                                     _reached(issue, value, ideals[issue.id]), issue.id in crossed))
    got = gave_up = None
    if positions:
        losses = dict(zip(prefs.issue_ids, prefs.losses(o.in_force, leader_id)))
        lost = max(positions, key=lambda p: (losses[p.issue], p.weight))
        gave_up = lost if losses[lost.issue] > 1e-6 else None
        kept = [p for p in positions if p is not gave_up]
        if kept:   # what gave it most of the rest: its weight times how close the text came to its ideal
            got = max(kept, key=lambda p: (p.weight - losses[p.issue], p.weight))
    ally = leader.ally
    pledges = [(r, level, year) for r, a, level, year in facts.pledges if a == ally]
    return RoleStory(leader_id, _leader_label(s, leader_id), facts.players.get(leader_id, ""), tuple(positions), got,
                     gave_up, dict(facts.objections.get(leader_id, {})), pledges[-1] if pledges else None, carve_out,
                     sum(1 for w in facts.words if w.word.giver == leader_id), float(o.scores[leader_id]), reach,
                     shown_text(leader.objective) if leader.objective else "", s.pen_holder_id == leader_id or leader.role == Role.SECRETARY_GENERAL,
                     objective_met(s, leader_id, o, state.history))


def _position_words(facts: GameFacts, p: PositionMet, carve_out: int | None = None, you: bool = True) -> str:
    """"the core defence target at 3.2% GDP (you wanted 2.1% GDP)"; "a deadline of your own, 2040 (...)" when the
    role lives its own carve-out."""
    s = facts.scenario
    issue, value = _issue_name(s, p.issue), _value(s, p.issue, p.value)
    said = (_("{issue} at {value}") if s.issue(p.issue).is_range else _("{issue}: {value}")).format(issue=issue,
                                                                                                  value=value)
    if carve_out and s.issue(p.issue).effect == Effect.DEADLINE:
        said = (_("a deadline of your own, {year}") if you else _("a deadline of its own, {year}")).format(year=value)
    if p.ideal_reached:
        return (_("{said} (your ideal)") if you else _("{said} (its ideal)")).format(said=said)
    return (_("{said} (you wanted {ideal})") if you else _("{said} (it wanted {ideal})")).format(
        said=said, ideal=_value(s, p.issue, p.ideal))


def _ending(facts: GameFacts) -> str:
    o = facts.outcome
    if facts.ended_by_teacher:
        return _("the teacher ended the talks and adopted the draft") if o.agreed else _(
            "the teacher ended the talks without a deal")
    return _("the draft was adopted in round {round}").format(round=o.rounds) if o.agreed else _("there was no deal")


def _experience(facts: GameFacts, story: RoleStory) -> str:
    s = facts.scenario
    if story.objected:
        rounds = sorted(story.objected)
        issue, wants = story.objected[rounds[-1]]
        wanting = _wants_text(s, issue, wants)
        fields = dict(rounds=_rounds_text(rounds), issue=_issue_name(s, issue), wanting=wanting, ending=_ending(facts))
        if wanting:
            return ngettext("You broke silence in round {rounds}, last on {issue} (wanting it {wanting}), and in the end "
                            "{ending}. How did it feel to stand against the table, and how did the others treat you?",
                            "You broke silence in rounds {rounds}, last on {issue} (wanting it {wanting}), and in the "
                            "end {ending}. How did it feel to stand against the table, and how did the others treat "
                            "you?", len(rounds)).format(**fields)
        return ngettext("You broke silence in round {rounds}, last on {issue}, and in the end {ending}. How did it feel "
                        "to stand against the table, and how did the others treat you?",
                        "You broke silence in rounds {rounds}, last on {issue}, and in the end {ending}. How did it "
                        "feel to stand against the table, and how did the others treat you?", len(rounds)).format(**fields)
    crossed = [p for p in story.positions if p.crossed]
    if crossed and facts.outcome.agreed:
        p = crossed[0]
        return _("The text crossed your red line on {issue} ({value}), and you let it through. How did it feel to let "
                 "it pass, and what did you tell yourself at that moment?").format(issue=_issue_name(s, p.issue),
                                                                                   value=_value(s, p.issue, p.value))
    if story.pen:
        tabled = sum(1 for r in facts.rounds if r.tabled is not None)
        return ngettext("You held the pen: you tabled {count} draft and {ending}. How did it feel to write for a table "
                        "that could stop you with one objection?",
                        "You held the pen: you tabled {count} drafts and {ending}. How did it feel to write for a "
                        "table that could stop you with one objection?", tabled).format(count=tabled,
                                                                                        ending=_ending(facts))
    if story.pledge:
        r, level, year = story.pledge
        return _("You pledged {level} GDP by {year} in round {round}. How did it feel to put your own country's money "
                 "on the table, and did the others notice?").format(level=_percent_1(level), year=year, round=r)
    main = max(story.positions, key=lambda p: p.weight, default=None)
    moved = ""
    if main is not None:
        first = next((r.tabled for r in facts.rounds if r.tabled is not None), None)
        if first is not None and first[main.issue] != facts.outcome.in_force[main.issue]:
            moved = " " + _("{issue} went from {before} to {after}.").format(
                issue=_sentence_start(_issue_name(s, main.issue)), before=_value(s, main.issue, first[main.issue]),
                after=_value(s, main.issue, facts.outcome.in_force[main.issue]))
    return _("You never broke silence, and {ending}.{moved} How did it feel to watch the text move: in control, or "
             "carried along?").format(ending=_ending(facts), moved=moved)


def _sentence_start(text: str) -> str:
    """An issue's name opening a sentence: as English always wrote it there, capitalised in French."""
    return text if language() == "en" else text[:1].upper() + text[1:]


def _percent_1(level: float) -> str:
    """A pledged level as the debrief writes it, one decimal and the sign: "3.5%" ("3,5 %")."""
    from ...i18n import percent

    return percent(level, 1)


def _learning(facts: GameFacts, story: RoleStory) -> str:
    if story.got is None and story.gave_up is None:
        return _("Your role had no position of its own on the text. What did you try to do at the table, and what did "
                 "it teach you about how a negotiation moves?")
    c = story.carve_out
    if story.got is None:
        return _("You gave up {gave_up}. Which of your own moves, or silences, decided that, and what would you do "
                 "differently?").format(gave_up=_position_words(facts, story.gave_up, c))
    if story.gave_up is None:
        return _("You got {got} and lost nothing you cared about. Was that your doing, or did the table simply want "
                 "the same? Which of your moves mattered most?").format(got=_position_words(facts, story.got, c))
    deadline = {p.issue for p in (story.got, story.gave_up) if facts.scenario.issue(p.issue).effect == Effect.DEADLINE}
    fields = dict(got=_position_words(facts, story.got, c), gave_up=_position_words(facts, story.gave_up, c), year=c)
    if c and not deadline:
        return _("You got {got} and a deadline of your own, {year}, but gave up {gave_up}. Which of your own moves, or "
                 "silences, decided that, and what would you do differently?").format(**fields)
    return _("You got {got} but gave up {gave_up}. Which of your own moves, or silences, decided that, and what would "
             "you do differently?").format(**fields)


def _what_if(facts: GameFacts, story: RoleStory) -> str:
    s = facts.scenario
    reach = story.reach
    leader = _leader_name(s, story.leader)
    if reach is None or reach.score is None:
        first = _("No text got past every voter's red lines: what if one of them had moved?")
    elif reach.no_deal_best:
        first = _("No text the red lines allowed was better for you than no deal: what if you had blocked every draft "
                  "to the end?")
    else:
        changes = [_("{issue} {value}").format(issue=_issue_name(s, p.issue), value=_value(s, p.issue, reach.values[p.issue]))
                   for p in sorted(story.positions, key=lambda p: -p.weight)
                   if reach.values and _value(s, p.issue, reach.values[p.issue]) != _value(s, p.issue, p.value)
                   and not (reach.carve_out and s.issue(p.issue).effect == Effect.DEADLINE)][:2]
        if changes and story.score < reach.score - 0.05:
            fields = dict(changes=_(" and ").join(changes), year=reach.carve_out, best=_score(reach.score),
                          score=_score(story.score))
            first = (_("What if the text had said {changes}, with a deadline of your own ({year})? That gave you {best}, "
                       "the best any text the red lines allowed; you scored {score}. Who would have had to move?")
                     if reach.carve_out else
                     _("What if the text had said {changes}? That gave you {best}, the best any text the red lines "
                       "allowed; you scored {score}. Who would have had to move?")).format(**fields)
        elif story.score < reach.score - 0.05:
            o = facts.outcome
            why = (_("after the table the US review of delivery made the guarantee {guarantee}").format(
                       guarantee=_guarantee(s, o.us_guarantee_after))
                   if o.us_guarantee_after is not None and o.us_guarantee_after != o.us_guarantee_agreed
                   else _("what followed the table (the US review of delivery, the carve-outs others got) cost you"))
            first = _("On what you cared about, your text was close to the best the red lines allowed ({best}), yet you "
                      "scored {score}: {why}. What if every ally had delivered what it promised?").format(
                best=_score(reach.score), score=_score(story.score), why=why)
        else:
            first = _("You scored {score}, as much as or more than any text the red lines allowed ({best}): what if you "
                      "had asked for more?").format(score=_score(story.score), best=_score(reach.score))
    if history_of(s) and not getattr(s, "fictional", False):
        return first + " " + _("Compare with what really happened: would the real {leader} have settled for your "
                               "table's text?").format(leader=leader)
    return first + " " + _("Would the real {leader} have settled for it, and why?").format(leader=leader)


def role_prompts(facts: GameFacts, story: RoleStory) -> tuple[str, str, str]:
    """Three prompts for one role, one per Lederman phase: the experience (how it felt), the individual's
    learning (what it got and gave up), and generalisation (what if, and the real world)."""
    return _experience(facts, story), _learning(facts, story), _what_if(facts, story)


def _focus(facts: GameFacts) -> str | None:
    """The role the class question on learning is about: among the people's roles (every voter when the computer
    played them all) the one that scored lowest."""
    s, o = facts.scenario, facts.outcome
    pool = facts.humans or [l.id for l in s.leaders if l.is_voter and l.positions]
    return min(pool, key=lambda l: (o.scores[l], l)) if pool else None


def class_questions(facts: GameFacts) -> tuple[str, str, str]:
    """Three questions for the whole class, one per Lederman phase, from this game's facts."""
    s, o = facts.scenario, facts.outcome
    h = facts.holdout
    if facts.ended_by_teacher:
        feel = (_("The teacher ended the talks in round {round} and adopted the draft. How did that feel: relief, or a "
                  "deal taken out of your hands?") if o.agreed else
                _("The teacher ended the talks in round {round} without a deal. How did that feel: relief, or a deal "
                  "taken out of your hands?")).format(round=o.rounds)
    elif h is not None:
        fields = dict(leader=_leader_label(s, h.leader), count=len(h.rounds), rounds=o.rounds)
        feel = (ngettext("{leader} broke silence in {count} of {rounds} round, and in round {rounds} the draft was "
                         "adopted. How did it feel to hold out, and, for everyone else, to wait?",
                         "{leader} broke silence in {count} of {rounds} rounds, and in round {rounds} the draft was "
                         "adopted. How did it feel to hold out, and, for everyone else, to wait?", o.rounds)
                if o.agreed else
                ngettext("{leader} broke silence in {count} of {rounds} round, and there was no deal. How did it feel "
                         "to hold out, and, for everyone else, to wait?",
                         "{leader} broke silence in {count} of {rounds} rounds, and there was no deal. How did it feel "
                         "to hold out, and, for everyone else, to wait?", o.rounds)).format(**fields)
    elif o.agreed:
        feel = _("The table agreed in round {round} without one objection. Did it feel like agreement, or like going "
                 "along?").format(round=o.rounds)
    else:
        feel = _("The talks ended without a deal. How did the last round feel around the table?")
    focus = _focus(facts)
    if focus is None:
        learn = _("Each role: what did you give up, and for what? Which of your own moves decided it?")
    else:
        story = role_story(facts, focus, None)
        fields = dict(leader=_leader_label(s, focus), score=_score(o.scores[focus]))
        if story.gave_up is not None:
            learn = _("{leader} scored {score} (50 = no deal) and gave up {gave_up}. Each role: what did you give up, "
                      "and for what, and which of your own moves decided it?").format(
                gave_up=_position_words(facts, story.gave_up, story.carve_out, you=False), **fields)
        else:
            learn = _("{leader} scored {score} (50 = no deal) and kept everything it cared about. Each role: what did "
                      "you give up, and for what, and which of your own moves decided it?").format(**fields)
    history = [item for item in history_of(s)]
    if history and not getattr(s, "fictional", False):
        latest = max(item_date(item) for item in history)
        item = next(item for item in history if item_date(item) == latest)
        apply = (_("In reality ({date}): {fact} Set your table's text beside it: why did the real leaders land where "
                   "they did, and what would have moved your table there?") if o.agreed else
                 _("In reality ({date}): {fact} Set your table's no deal beside it: why did the real leaders land where "
                   "they did, and what would have moved your table there?")).format(date=shown_date(latest),
                                                                                     fact=item_text(item))
    elif not o.agreed and facts.frontier.nash is not None:
        apply = _("What if the table had agreed the Nash bargaining solution, which every voter preferred to no deal? "
                  "Who would have had to move first, and would real leaders have done it?")
    else:
        apply = _("What if the same summit met again next year, with the same leaders and this text on record? Who "
                  "would ask for more, and would real leaders behave as your table did?")
    return feel, learn, apply


def _feeling_prompts(facts: GameFacts) -> list[Item]:
    """Prompts for named roles: who held out, whose threat worked or was carried out, who scored lowest."""
    s, o = facts.scenario, facts.outcome
    prompts: list[Item] = []
    for w in facts.words:
        if w.word.settled == "worked" and not w.paid_before:
            prompts.append(Item(_("{leader}: how did it feel to be threatened into paying, and does {country} trust "
                                  "{giver} now?").format(leader=_leader_label(s, w.word.target),
                                                         giver=_leader_name(s, w.word.giver),
                                                         **_country(s, s.leader(w.word.target).ally)),
                                _("Threatened")))
            break
    for w in facts.words:
        if w.word.settled == "broken":
            prompts.append(Item(_("{leader}: {giver} broke a promise to you. What did you feel, and what will you "
                                  "remember at the next summit?").format(leader=_leader_label(s, w.word.target),
                                                                         giver=_leader_name(s, w.word.giver)),
                                _("Let down")))
            break
    ranked = sorted(o.scores.items(), key=lambda kv: (kv[1], kv[0]))
    if o.agreed and ranked and ranked[0][1] < 50:
        low = ranked[0][0]
        prompts.append(Item(_("{leader}: the agreement left you worse off than no deal ({score}). Why did you let it "
                              "through, and how did that feel?").format(leader=_leader_label(s, low),
                                                                        score=_score(ranked[0][1])),
                            _("Worse off")))
    if facts.humans:
        prompts.append(Item(_("Each team: one word for how the negotiation felt, then one moment that made you feel "
                              "it."), _("Round the room")))
    return prompts


def feeling_section(facts: GameFacts) -> Section:
    """The teacher's report's opening: the three questions (the outcome screen's), then prompts for named roles."""
    asked = class_questions(facts)
    blocks: list = [Numbered(tuple(f"{phase} {question}" for phase, question in zip(phases(), asked)))]
    prompts = _feeling_prompts(facts)
    if prompts:
        blocks += [_("Then ask the roles who lived it most sharply:"), tuple(prompts)]
    return Section(phases()[0], (
        _("Open with feelings, before the facts: let each role say how the negotiation felt before anyone explains "
          "it. The three questions follow the phases of a debriefing (Lederman, 1992): the experience, what each of "
          "you learned, and what if, beside what really happened. The outcome screen shows the same three; each "
          "student's handout (summit debrief LOG --handout) asks three of its own role."),), blocks=tuple(blocks),
        anchor="how-did-it-feel", key="How did it feel?")
