"""Lucía's Secretary General: grant every carve-out, then follow the objections.

I hold the pen. Round 1 I table the built-in opening draft. From round 2 on I start from the current draft,
grant every carve-out that has been requested (`observation.carve_out_requests`), and move the core target
one step towards the side that objected most last round (more objectors wanting less: one step down; more
wanting more: one step up). I check with `table_score` that my draft is still at least as good as no deal
for me; if not (or nothing changes), the built-in pen drafts. In consultations I play the built-in Secretary General.
"""

from __future__ import annotations

from collections import Counter

from game.agents.secretary_general import SecretaryGeneralAgent
from game.agents.tools import issue_with, table_score
from game.engine import TableDraft
from game.scenario import Effect


class Accommodator(SecretaryGeneralAgent):
    name = "lucia_accommodator"
    description = "Grants every carve-out asked for and moves the core target a step towards the larger objecting side."
    roles = ("secretary_general",)

    def draft(self, observation, rng):
        if observation.round == 1:
            return super().draft(observation, rng)
        core = issue_with(observation, Effect.CORE_SPENDING)
        current = observation.draft
        proposal = current
        if observation.carve_out_requests and issue_with(observation, Effect.DEADLINE) is not None:
            granted = dict(current.carve_outs)
            granted.update(observation.carve_out_requests)
            proposal = proposal.with_carve_outs(granted)
        if core is not None:
            sides = Counter(entry.data["action"]["wants"] for entry in observation.last_round()
                            if entry.type == "action" and entry.data["action"]["kind"] == "break_silence"
                            and entry.data["action"]["issue"] == core.id)
            if sides["less"] != sides["more"]:
                step = -core.step if sides["less"] > sides["more"] else core.step
                value = core.snap(min(core.range[1], max(core.range[0], float(current[core.id]) + step)))
                proposal = proposal.with_value(core.id, value)
        if proposal == current or table_score(observation, proposal) < 50:
            return super().draft(observation, rng)
        return TableDraft(self.leader_id, f"Carve-outs for {len(dict(proposal.carve_outs))} allies and a target of "
                          f"{core.format(proposal[core.id]) if core else 'the same'}.", draft=proposal)
