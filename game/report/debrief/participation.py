"""The section "Participation record": what each role did at the table, for the teacher's rubric."""

from __future__ import annotations

from ...engine.participation import Participation
from ...i18n import N_, _
from ..document import Section, Table
from .facts import GameFacts
from .wording import _leader_label


PARTICIPATION_COLUMNS = (("proposals", N_("proposals")), ("statements", N_("statements")), ("pledges", N_("pledges")),
                         ("carve_outs_asked", N_("carve-outs asked")), ("objections", N_("objections")),
                         ("coalitions_joined", N_("coalitions joined")), ("promises_made", N_("promises made")),
                         ("promises_kept", N_("promises kept")), ("promises_broken", N_("promises broken")),
                         ("threats_made", N_("threats made")), ("threats_carried_out", N_("threats carried out")),
                         ("threats_that_worked", N_("threats that worked")), ("bluffs", N_("bluffs")))


def _participation_section(facts: GameFacts) -> Section:
    s, o = facts.scenario, facts.outcome
    rows = []
    for leader in s.leaders:
        record: Participation = o.participation[leader.id]
        label = _leader_label(s, leader.id)
        if facts.players.get(leader.id):
            label += f" [{facts.players[leader.id]}]"
        rows.append((label,) + tuple(str(getattr(record, name)) for name, _heading in PARTICIPATION_COLUMNS))
    headings = (_("Leader"),) + tuple(str(heading) for _name, heading in PARTICIPATION_COLUMNS)
    return Section(_("Participation record"), (
        _("What each role did at the table, for the teacher's rubric; it is kept apart from the scores, which grade the "
          "result. Proposals: drafts tabled and amendments proposed. Coalitions joined: objections on an issue another "
          "leader had already objected to in the same round. Every move counts here, a repeat or a filler word too: for "
          "grades, summit grades counts distinct proposals, substantive statements and coalitions apart from "
          "objections, and scores each role against the best it could reach."),),
        blocks=(Table(headings, tuple(rows), numeric=tuple(range(1, len(headings))), compact=True, turned=True),),
        anchor="participation")
