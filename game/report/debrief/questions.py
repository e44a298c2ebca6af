"""The section "Discussion questions": questions for the class drawn from what happened in one game, only
those whose facts occurred (the questions across several tables are in comparison.py).
"""

from __future__ import annotations

from ...engine.narrate import possessive, shown_text
from ...i18n import _, language, ngettext, percent
from ..account import TINY_PROMISE
from .facts import GameFacts
from .reflection import _score
from .wording import (_and, _country, _guarantee, _issue_name, _leader_label, _leader_name, _names, _package_text,
                      _rounds_text, _value, _wants_text)


def questions(facts: GameFacts) -> list[str]:
    """Questions for the class drawn from what happened in this game: only those whose facts occurred."""
    s, o = facts.scenario, facts.outcome
    asked: list[str] = []
    h = facts.holdout
    if h is not None:
        name = _leader_label(s, h.leader)
        ally = s.leader(h.leader).ally
        wants = _wants_text(s, h.last_issue, h.last_wants)
        got = []
        if h.first_value is not None and h.first_value != h.final_value:
            fields = dict(issue=_issue_name(s, h.last_issue),   # mid-sentence, after a semicolon
                          before=_value(s, h.last_issue, h.first_value), after=_value(s, h.last_issue, h.final_value))
            got.append((_("{issue} went from {before} when it first objected to {after}") if o.agreed else
                        _("{issue} went from {before} when it first objected to {after} in the last draft")
                        ).format(**fields))
        elif h.first_value is not None:
            fields = dict(issue=_issue_name(s, h.last_issue), value=_value(s, h.last_issue, h.final_value))
            got.append((_("{issue} stayed at {value}") if o.agreed else _("{issue} stayed at {value} in the last draft")
                        ).format(**fields))
        if h.carve_out and ally:
            got.append(_("{country} got a deadline of its own, {year}").format(year=h.carve_out, **_country(s, ally)))
        verdict = _("no deal came of it") if not o.agreed else _("the draft was adopted")
        held = (_("{leader} held out longest, as long as {others}").format(leader=name, others=_names(s, h.alongside))
                if h.alongside else _("{leader} held out longest").format(leader=name))
        on = (_("{issue} (wanting it {wants})").format(issue=_issue_name(s, h.last_issue), wants=wants) if wants
              else _issue_name(s, h.last_issue))
        end = _("{verdict}; {got}").format(verdict=verdict, got=_("; ").join(got)) if got else verdict
        asked.append(ngettext("{held}: it broke silence in round {rounds} ({count} of {total}), last on {issue}. In the "
                              "end {end}, and it scored {score} (50 = no deal). Was holding out worth it?",
                              "{held}: it broke silence in rounds {rounds} ({count} of {total}), last on {issue}. In "
                              "the end {end}, and it scored {score} (50 = no deal). Was holding out worth it?",
                              len(h.rounds)).format(held=held, rounds=_rounds_text(h.rounds), count=len(h.rounds),
                                                    total=o.rounds, issue=on, end=end, score=_score(h.score)))
    done: set[tuple[str, str, str]] = set()
    for w in reversed(facts.words):
        word = w.word
        key = (word.giver, word.target, word.settled)
        if key in done or not word.settled:
            continue
        done.add(key)
        giver, target = _leader_label(s, word.giver), _leader_label(s, word.target)
        if word.settled == "worked" and not w.paid_before:
            asked.append(_("{giver_possessive} threat to {target} worked: {outcome}. Why did {country} give in, and would "
                           "you have?").format(giver_possessive=_possessive(_leader_name(s, word.giver)), target=target,
                                               outcome=w.detail,
                                               **_country(s, s.leader(word.target).ally)))
        elif word.settled == "carried_out":
            asked.append(_("{giver} carried out its threat against {target} in round {round}, by breaking silence: what "
                           "did that cost the table, and whom did it help?").format(giver=giver, target=target,
                                                                                   round=w.settled_round))
        elif word.settled == "bluff":
            asked.append(_("{giver} threatened {target} in round {round} but let the draft through anyway: a bluff. Did "
                           "the room notice, and does it matter for the next summit?").format(giver=giver, target=target,
                                                                                             round=word.round))
        elif word.settled == "broken":
            asked.append(_("{giver} broke its promise to {target}: {outcome}. What does that do to trust at the next "
                           "summit?").format(giver=giver, target=target, outcome=w.detail))
    for event in facts.events:
        if event.by_teacher:
            asked.append(_("The teacher brought “{event}” forward to round {round}: what did it change at the table?"
                           ).format(event=shown_text(event.label), round=event.round))
    if facts.ended_by_teacher:
        asked.append((_("The teacher ended the negotiation in round {round} and adopted the draft. Would the table have "
                        "agreed on its own, and on what?") if o.agreed else
                      _("The teacher ended the negotiation in round {round} without a deal. Would the table have agreed "
                        "on its own, and on what?")).format(round=o.rounds))
    elif not o.agreed and facts.last_round.objections:
        issues = sorted({issue for _leader, issue, _wants in facts.last_round.objections})
        asked.append(_("No deal: in the last round silence was still broken on {issues}. What would it have taken to "
                       "meet those objections, and who should have moved?").format(
            issues=", ".join(_issue_name(s, i) for i in issues) if language() == "en" else
            _and([_issue_name(s, i) for i in issues])))
    f = facts.frontier
    if o.agreed and f.crossed_without_carve_outs and not f.crossed:
        asked.append(_("Without their carve-outs the terms would cross the red lines of {allies}: exceptions made the "
                       "deal. Is a deal with {carve_outs} a strong deal or a weak one?").format(
            allies=ngettext("{count} ally", "{count} allies", len(f.crossed_without_carve_outs)).format(count=len(f.crossed_without_carve_outs)),
            carve_outs=ngettext("{count} carve-out", "{count} carve-outs", len(o.terms.carve_outs)).format(count=len(o.terms.carve_outs))))
    if o.agreed and f.better:
        asked.append(ngettext("{count} package that every voter's red lines allow would have been at least as good for "
                              "every voter and better for some (see the Pareto section). Why did the table not find one?",
                              "{count} packages that every voter's red lines allow would have been at least as good for "
                              "every voter and better for some (see the Pareto section). Why did the table not find "
                              "one?", f.better).format(count=f.better))
    if not o.agreed and f.nash is not None:
        asked.append(_("Every voter would have done better than no deal under the Nash bargaining solution ({package}). "
                       "Why was it not reached?").format(package=_package_text(s, f.nash.values)))
    reported = [a for a in o.allies if a.delivered is not None and a.pledged is not None
                and a.pledged - a.now >= TINY_PROMISE - 1e-9]   # a share of a tiny promise means little
    if reported:
        worst = min(reported, key=lambda a: (a.delivered, a.name))
        reached = _level_in(worst, o.years, worst.pledge_year)   # the share delivered is measured by that year
        if worst.delivered < 0.7 and reached is not None and reached < worst.pledged:
            asked.append(_("{country} committed to {pledged} GDP by {year} but is projected to be at only {reached} that "
                           "year ({share} of its promised progress). What should the alliance do about commitments that "
                           "are not delivered?").format(
                pledged=percent(worst.pledged, 2), year=worst.pledge_year, reached=percent(reached, 2),
                share=percent(100 * worst.delivered, 0), **_country(s, worst.id, start=True)))
    if o.agreed and o.us_guarantee_after and o.us_guarantee_after != o.us_guarantee_agreed:
        asked.append(_("The US guarantee was agreed {agreed} but after the US review of delivery it is {after} ({share} "
                       "of the promised progress made). Who pays for allies who do not deliver?").format(
            agreed=_guarantee(s, o.us_guarantee_agreed), after=_guarantee(s, o.us_guarantee_after),
            share=percent(100 * o.delivered_share, 0)))
    ranked = sorted(o.scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if o.agreed and len(ranked) > 2:
        (top, high), (bottom, low) = ranked[0], ranked[-1]
        asked.append(_("{top} scored highest ({high}) and {bottom} lowest ({low}). Why did the agreement suit one so much "
                       "better than the other?").format(top=_leader_label(s, top), high=_score(high),
                                                        bottom=_leader_label(s, bottom), low=_score(low)))
    return asked


def _possessive(name: str) -> str:
    """Whose, before a noun: "Donald Trump's" in English; after one in French, "de Donald Trump", "d'Emmanuel
    Macron"."""
    if language() == "en":
        return possessive(name)
    return ("d'" if name[:1].lower() in "aàâeéèêiîoôuy" else "de ") + name


def _level_in(ally, years, year) -> float | None:
    """An ally's projected % GDP in a year of the implementation (its path starts at the summit's year); the last
    year's when the year is later; None without a path."""
    if not ally.path or year is None:
        return None
    index = min(max(int(year) - int(years[0]), 0), len(ally.path) - 1)
    return float(ally.path[index])
