"""One game's page: it opens with "How did it feel?" (the three questions, reflection.py) and "What really
happened" (the table's text beside history, history.py, when the scenario has history), then "The result" (how
the game ended, the terms in force, who played) and the other sections in order, each from its own module.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...engine.narrate import shown_text
from ...i18n import _, ngettext, percent
from ...play.session import HUMAN
from ..account import decision_words
from ..document import Figure, Item, Numbered, Section
from .facts import GameFacts
from .frontier import _frontier_section
from .history import history_beside_table
from .issues import _issues_section
from .objections import _objections_section
from .participation import _participation_section
from .promises import _words_section
from .reflection import feeling_section
from .scores import _scores_section
from .spending import _spending_section
from .talks import _talks_section
from .wording import _guarantee, _leader_label, terms_items


@dataclass(frozen=True)
class Charts:
    """The chart files of one game's page (None: not drawn)."""
    spending: str | None
    issues: str | None
    scores: str | None
    frontier: str | None
    after: str | None = None      # the timeline of what followed the summit (format 2's `after`)
    map: str | None = None        # the alliance map (map_chart.draw_map)
    off_map: tuple[str, ...] = ()  # the allies the map has no shape for


def headline(facts: GameFacts) -> list[str]:
    s, o = facts.scenario, facts.outcome
    lines = [facts.how()]
    if o.agreed:
        lines.append(_("The terms agreed are below; they are in force."))
    else:
        lines.append(_("Nothing was agreed, so the scenario's no-deal terms are in force (below); every score is 50."))
    if o.us_guarantee_after is not None:
        fields = dict(share=percent(100 * o.delivered_share, 0), agreed=_guarantee(s, o.us_guarantee_agreed),
                      after=_guarantee(s, o.us_guarantee_after))
        lines.append((_("After the table, the US reviews delivery: {share} of the promised progress is made, so the US "
                        "guarantee agreed {agreed} is {after} after the review.")
                      if o.us_guarantee_after != o.us_guarantee_agreed else
                      _("After the table, the US reviews delivery: {share} of the promised progress is made, so the US "
                        "guarantee agreed {agreed} is {after} after the review as well.")).format(**fields))
    return lines


SHOWN_UNLIKE = 12   # moves listed; the rest are counted


def _phase(phase: str) -> str:
    """A phase of a round as the log names it, in the language in use ("silence"; the log's word when unknown)."""
    return {"drafting": lambda: _("drafting"), "consultations": lambda: _("consultations"),
            "silence": lambda: _("silence"), "events": lambda: _("events")}.get(phase, lambda: phase)()


def _agents_check_section(facts: GameFacts) -> Section | None:
    """The computer's moves in the log that its agents, choosing again from the seed, would not make (None when
    there are none): a log edited consistently replays through the rules, but its edited moves are no agent's."""
    unlike = facts.replayed.unlike or ()
    people = sorted(leader for leader, agent in facts.replayed.agents.items() if agent == HUMAN)
    if not unlike and not (people and facts.replayed.unlike is not None):
        return None
    paragraphs: tuple[str, ...] = ()
    if unlike:
        leaders = sorted({u.leader for u in unlike})
        named = ", ".join(_leader_label(facts.scenario, leader) for leader in leaders[:6]) + (", ..." if len(leaders) > 6 else "")
        paragraphs += (ngettext(
            "The debrief chose every move the computer made again, from the game's seed: {count} is not what the agent "
            "named in the log chooses ({leaders}). Either the log was edited after the game (the rules still accept "
            "it: only the seed tells), or it was written by a Summit whose agents chose otherwise. Read what happened "
            "below with that in mind.",
            "The debrief chose every move the computer made again, from the game's seed: {count} are not what the "
            "agent named in the log chooses ({leaders}). Either the log was edited after the game (the rules still "
            "accept it: only the seed tells), or it was written by a Summit whose agents chose otherwise. Read what "
            "happened below with that in mind.", len(unlike)).format(count=len(unlike), leaders=named),)
    if people:
        named = ", ".join(_leader_label(facts.scenario, leader) for leader in people[:6]) + (", ..." if len(people) > 6 else "")
        paragraphs += (ngettext(
            "The log names {count} role as played by people ({leaders}): a person's moves cannot be chosen again from "
            "the seed, so they are not checked. A log edited to say a person played a computer's role would hide an "
            "edit of that role's moves: compare the players' list with the class.",
            "The log names {count} roles as played by people ({leaders}): a person's moves cannot be chosen again from "
            "the seed, so they are not checked. A log edited to say a person played a computer's role would hide an "
            "edit of that role's moves: compare the players' list with the class.", len(people)).format(
                count=len(people), leaders=named),)
    items = tuple(Item(_("round {round}, {phase}: the log says “{logged}”; from the seed the agent would: “{chosen}”"
                         ).format(round=u.round, phase=_phase(u.phase), logged=u.logged, chosen=u.chosen),
                       _("Line {line}").format(line=u.line)) for u in unlike[:SHOWN_UNLIKE])
    if len(unlike) > SHOWN_UNLIKE:
        items += (Item(_("and {count} more (debrief.json lists them all).").format(count=len(unlike) - SHOWN_UNLIKE),
                       "..."),)
    return Section(_("Moves the agents would not make"), paragraphs, items, anchor="moves-the-agents-would-not-make")


def game_sections(facts: GameFacts, charts: Charts) -> list[Section]:
    s, o = facts.scenario, facts.outcome
    sections = [feeling_section(facts)]
    history = history_beside_table(s, o.in_force, o.agreed)
    if history is not None:
        sections.append(history)
    summary = headline(facts)
    about = [_("Seed {seed}; log {log}; {leaders}, {allies}, at most {rounds}.").format(
        seed=facts.replayed.seed, log=facts.replayed.path.name,
        leaders=ngettext("{count} leader", "{count} leaders", len(s.leaders)).format(count=len(s.leaders)),
        allies=ngettext("{count} ally", "{count} allies", len(s.allies)).format(count=len(s.allies)),
        rounds=ngettext("{count} round", "{count} rounds", s.rounds).format(count=s.rounds))]
    if s.fictional:
        summary.insert(0, _("A what-if, not history: this scenario is fictional."))
    if s.information == "full":
        about.append(_("Played with full information: every leader's positions were public."))
    if s.decision.rule != "consensus":
        about.append(_("Decided by {rule} (NATO's real rule is consensus).").format(rule=decision_words(s)))
    if facts.humans:
        people = [(_("{role}: {player}").format(role=_leader_label(s, l), player=facts.players[l])
                   if facts.players.get(l) else _leader_label(s, l)) for l in facts.humans]
        about.append(_("Played by people: {people}. The computer played the other roles.").format(
            people=_("; ").join(people)))
    else:
        about.append(_("The computer played every role."))
    sections.append(Section(_("The result"), tuple(summary), terms_items(s, o.in_force), (" ".join(about),),
                            anchor="the-result"))
    checked = _agents_check_section(facts)
    if checked is not None:
        sections.append(checked)
    after = s.consequences(o.in_force)
    if after:
        timeline = ((Figure(charts.after, _("Timeline of what followed the summit: each dated consequence of the terms "
                                            "in force, by year. The list below gives the same."), ""),)
                    if charts.after else ())
        sections.append(Section(_("After the summit"), (
            _("What the terms in force lead to in the years after the summit, as the scenario's designer dated it:"),),
            tuple(Item(f"{shown_text(text)} ({shown_text(label)})", str(year)) for year, label, text in after),
            blocks=timeline,
            anchor="after-the-summit"))
    sections.append(_spending_section(facts, charts.spending, charts.map, charts.off_map))
    sections.append(_issues_section(facts, charts.issues))
    sections.append(_objections_section(facts))
    sections.append(_words_section(facts))
    talks = _talks_section(facts)
    if talks is not None:
        sections.append(talks)
    sections.append(_scores_section(facts, charts.scores))
    sections.append(_frontier_section(facts, charts.frontier))
    sections.append(_participation_section(facts))
    sections.append(Section(_("Discussion questions"), (_("Drawn from what happened in this game:"),),
                            blocks=(Numbered(tuple(facts.questions)),), anchor="discussion-questions"))
    return sections
