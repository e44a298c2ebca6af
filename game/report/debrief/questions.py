"""The section "Discussion questions": questions for the class drawn from what happened in one game, only
those whose facts occurred (the questions across several tables are in comparison.py).
"""

from __future__ import annotations

from ...engine.narrate import country, possessive
from ..account import TINY_PROMISE
from .facts import GameFacts
from .wording import _count, _issue_name, _leader_label, _names, _package_text, _rounds_text, _value, _wants_text


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
        where = "" if o.agreed else " in the last draft"
        if h.first_value is not None and h.first_value != h.final_value:
            got.append(f"{_issue_name(s, h.last_issue)} went from {_value(s, h.last_issue, h.first_value)} when it "
                       f"first objected to {_value(s, h.last_issue, h.final_value)}{where}")
        elif h.first_value is not None:
            got.append(f"{_issue_name(s, h.last_issue)} stayed at {_value(s, h.last_issue, h.final_value)}{where}")
        if h.carve_out and ally:
            got.append(f"{country(s.ally(ally).name)} got a deadline of its own, {h.carve_out}")
        verdict = "no deal came of it" if not o.agreed else "the draft was adopted"
        also = f", as long as {_names(s, h.alongside)}" if h.alongside else ""
        asked.append(f"{name} held out longest{also}: it broke silence in round{'s' if len(h.rounds) > 1 else ''} "
                     f"{_rounds_text(h.rounds)} ({len(h.rounds)} of {o.rounds}), last on {_issue_name(s, h.last_issue)}"
                     f"{f' (wanting it {wants})' if wants else ''}. In the end {verdict}"
                     f"{'; ' + '; '.join(got) if got else ''}, and it scored {h.score:.1f} (50 = no deal). "
                     "Was holding out worth it?")
    done: set[tuple[str, str, str]] = set()
    for w in reversed(facts.words):
        word = w.word
        key = (word.giver, word.target, word.settled)
        if key in done or not word.settled:
            continue
        done.add(key)
        giver, target = _leader_label(s, word.giver), _leader_label(s, word.target)
        if word.settled == "worked" and "had already pledged" not in w.outcome:
            ally = s.ally(s.leader(word.target).ally).name
            asked.append(f"{possessive(s.leader(word.giver).name)} threat to {target} worked: "
                         f"{w.outcome.split(': ', 1)[1]}. Why did {country(ally)} give in, and would you have?")
        elif word.settled == "carried_out":
            asked.append(f"{giver} carried out its threat against {target} in round {w.settled_round}, by breaking "
                         "silence: what did that cost the table, and whom did it help?")
        elif word.settled == "bluff":
            asked.append(f"{giver} threatened {target} in round {word.round} but let the draft through anyway: a "
                         "bluff. Did the room notice, and does it matter for the next summit?")
        elif word.settled == "broken":
            asked.append(f"{giver} broke its promise to {target}: {w.outcome.split(': ', 1)[1]}. What does that "
                         "do to trust at the next summit?")
    for event in facts.events:
        if event.by_teacher:
            asked.append(f"The teacher brought “{event.label}” forward to round {event.round}: what did it change at "
                         "the table?")
    if facts.ended_by_teacher:
        asked.append(f"The teacher ended the negotiation in round {o.rounds}"
                     f"{' and adopted the draft' if o.agreed else ' without a deal'}. Would the table have agreed on its "
                     "own, and on what?")
    elif not o.agreed and facts.last_round.objections:
        issues = sorted({issue for _, issue, _ in facts.last_round.objections})
        asked.append(f"No deal: in the last round silence was still broken on "
                     f"{', '.join(_issue_name(s, i) for i in issues)}. What would it have taken to meet those "
                     "objections, and who should have moved?")
    f = facts.frontier
    if o.agreed and f.crossed_without_carve_outs and not f.crossed:
        asked.append(f"Without their carve-outs the terms would cross the red lines of "
                     f"{_count(len(f.crossed_without_carve_outs), 'ally', 'allies')}: exceptions made the deal. Is a "
                     f"deal with {_count(len(o.terms.carve_outs), 'carve-out', 'carve-outs')} a strong deal or a weak "
                     "one?")
    if o.agreed and f.better:
        asked.append(f"{f.better} package{'s' if f.better > 1 else ''} that every voter's red lines allow would "
                     "have been at least as good for every voter and better for some (see the Pareto section). Why "
                     "did the table not find one?")
    if not o.agreed and f.nash is not None:
        asked.append("Every voter would have done better than no deal under the Nash bargaining solution "
                     f"({_package_text(s, f.nash.values)}). Why was it not reached?")
    reported = [a for a in o.allies if a.delivered is not None and a.pledged is not None
                and a.pledged - a.now >= TINY_PROMISE - 1e-9]   # a share of a tiny promise means little
    if reported:
        worst = min(reported, key=lambda a: (a.delivered, a.name))
        reached = _level_in(worst, o.years, worst.pledge_year)   # the share delivered is measured by that year
        if worst.delivered < 0.7 and reached is not None and reached < worst.pledged:
            asked.append(f"{country(worst.name, start=True)} committed to {worst.pledged:.2f}% GDP by "
                         f"{worst.pledge_year} but is projected to be at only {reached:.2f}% that year "
                         f"({100 * worst.delivered:.0f}% of its promised progress). What should the alliance do about "
                         "commitments that are not delivered?")
    if o.agreed and o.us_guarantee_after and o.us_guarantee_after != o.us_guarantee_agreed:
        asked.append(f"The US guarantee was agreed {o.us_guarantee_agreed} but after the US review of delivery it is "
                     f"{o.us_guarantee_after} ({100 * o.delivered_share:.0f}% of the promised progress made). Who pays "
                     "for allies who do not deliver?")
    ranked = sorted(o.scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if o.agreed and len(ranked) > 2:
        (top, high), (bottom, low) = ranked[0], ranked[-1]
        asked.append(f"{_leader_label(s, top)} scored highest ({high:.1f}) and {_leader_label(s, bottom)} lowest "
                     f"({low:.1f}). Why did the agreement suit one so much better than the other?")
    return asked


def _level_in(ally, years, year) -> float | None:
    """An ally's projected % GDP in a year of the implementation (its path starts at the summit's year); the last
    year's when the year is later; None without a path."""
    if not ally.path or year is None:
        return None
    index = min(max(int(year) - int(years[0]), 0), len(ally.path) - 1)
    return float(ally.path[index])
