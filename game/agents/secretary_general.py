"""The Secretary General: holds the pen and mediates; never votes, never threatens. After each round it
works out from the record what each ally can accept, and tables the package, a few steps from the current
text, that leaves the fewest allies objecting, with later deadlines for the allies who asked for them.

Round one: tables its own opening package. After each round it reads the record (beliefs.py): what each
leader has been seen to accept, which values drew objections and which way the objectors pull, what
limits leaders stated, which allies asked for a later deadline. Then it searches the packages within a
few steps of the current draft on every issue, all of them scored at once with numpy, for the one that
the most members are believed to accept; among those it prefers the one closest to its own ideal and to
the current text (a chair does not redraft everything at once). On an issue where the scenario gives the
chair no position of its own, it brokers instead of steering: it prefers the package with the largest Nash
product of how close each member comes to what it has been seen pulling for (a pure mediator, as on
bench/peer.py's problems, holds no position at all). Carve-outs give the allies who asked a
later deadline of their own, so that the laggards get a slower path instead of holding everyone back; when
the core target falls while security-related spending rises, it says so: the headline holds while the
core eases. Its reason says how many allies it reckons the new text can carry.
"""

from __future__ import annotations

import numpy as np

from ..engine import Action, Draft, Observation, Pass, Statement, TableDraft
from ..engine.actions import REASON_MAX
from ..engine.said import COMMA, SEMICOLON, Country, Joined, Label, Said, SaidLater, Term, nvoiced, voiced
from ..engine.preferences import CHUNK, grid_sum
from ..scenario import Effect
from ..scenario.checks import PACKAGE_BUDGET
from . import beliefs
from .base import BaseAgent, issue_with

REACH = 5                 # steps either side of the current value a revision may move a range issue
MOST_CANDIDATES = PACKAGE_BUDGET  # above this many packages the reach shrinks, then the most contested issues move alone
DISTANCE_COST = 0.2       # utility the chair gives up per span of change, to keep revisions small
PUSHER_DISTANCE_COST = 0.05   # a pushing chair minds large moves towards its own ambition far less
ROOM_WEIGHT = 2.0        # on issues where the chair holds no position: the room's Nash product, against its own merit
CARVE_OUT_WEIGHT = 6.0    # a carve-out a package needs weighs 6 times its cost to one payer: the chair speaks for all


class SecretaryGeneralAgent(BaseAgent):
    name = "secretary_general"
    description = ("Mediator: searches the packages the most members can accept, learning their limits from "
                   "objections and statements; grants carve-outs to widen consensus.")

    def draft(self, observation: Observation, rng: np.random.Generator) -> Action:
        if observation.legal.get("table") is not None:
            return Pass(self.leader_id, voiced("Not the pen holder."))
        if observation.round == 1:
            return self._opening(observation)
        return self._revise(observation)

    def _opening(self, observation: Observation) -> Action:
        values = {}
        for issue in observation.issues:
            ideal = observation.ideal.get(issue.id, observation.draft[issue.id])
            values[issue.id] = issue.snap(float(ideal)) if issue.is_range else ideal
        draft = Draft.of(values)
        if issue_with(observation, Effect.CORE_SPENDING) is None:   # a summit about something else than spending
            return TableDraft(self.leader_id, voiced("An opening package for every ally to weigh."), draft=draft)
        return TableDraft(self.leader_id, voiced("An opening package: more spending by Europe and Canada, a United States "
                                               "that stays."), draft=draft)

    # ---- revising ------------------------------------------------------------------------------
    def _revise(self, observation: Observation) -> Action:
        known = beliefs.read(observation)
        voters = np.array([leader.is_voter for leader in observation.leaders])
        if observation.round == observation.rounds:   # the last chance: an objector's alternative is no deal
            known = known.at_the_last_round(observation.no_deal, voters)
        current = observation.draft
        deadline = issue_with(observation, Effect.DEADLINE)
        carve_outs = self._carve_outs(observation)
        axes = self._axes(observation, known)   # the candidate packages: every combination, in product order
        lengths = tuple(len(axis) for axis in axes)
        later = None
        if deadline is not None:
            later = np.array([float(carve_outs.get(leader.ally, -np.inf)) for leader in observation.leaders])
        # Consensus needs everyone: first no one past a limit it has stated, then as little insistence as
        # possible from those who objected to such a text lately (aspirations fall, so those objections may
        # fade; the longer a leader has held out on an issue, the less likely it is to let it go). The voters
        # only, packed as bits (packages x words): the chair counts them and no one else.
        hard, inside, insisting = known.assess_grid_packed(axes, voters, later)
        # When carve-outs cost the allies that pay on time (the scenario's carve_out_cost), one is granted only
        # to an ally that asked for one and would otherwise block: the common deadline crosses a limit it
        # stated, or it has been objecting to what the package asks of it; and each carve-out a package needs
        # counts against it. When they cost nothing, every carve-out asked for is granted.
        needs = None
        if later is not None and np.isfinite(later).any() and observation.carve_out_cost > 0:
            bare, bare_inside, _ = known.assess_grid_summed(axes, voters, None)
            needs = np.isfinite(later)[None, :] & (~bare | ~bare_inside)
        everyone = observation.everyones_preferences()
        if everyone is not None:
            grid = np.meshgrid(*[np.asarray(axis, dtype=float) for axis in axes], indexing="ij")
            candidates = np.stack(grid, axis=-1).reshape(-1, len(axes))
            own_deadline = None
            if deadline is not None:
                col = observation.issues.index(deadline)
                own_deadline = np.maximum(candidates[:, col][:, None], later[None, :])
            below = self._below_asks(observation, everyone, candidates, own_deadline)[:, voters]
            insisting = insisting + below.sum(axis=1)
            inside = inside & beliefs.packed(below == 0)
        blocked = int(voters.sum()) - beliefs.counted(hard)
        carried = beliefs.counted(hard & inside)
        # The chair's own utility of each package, less its distance from the text (and the carve-outs it
        # needs): summed issue by issue over the grid, the numbers the (packages x issues) array would give.
        now = [issue.position(current[issue.id]) for issue in observation.issues]
        change = grid_sum([np.abs(np.asarray(axis, dtype=float) - now[col]) / issue.span
                           for col, (axis, issue) in enumerate(zip(axes, observation.issues))])
        distance = PUSHER_DISTANCE_COST if self.persona == "pusher" else DISTANCE_COST
        merit = observation.own_grid_utilities(axes) - distance * change
        if needs is not None:
            merit = merit - CARVE_OUT_WEIGHT * observation.carve_out_cost * needs[:, voters].sum(axis=1)
        neutral = [col for col, issue in enumerate(observation.issues) if issue.id not in observation.ideal]
        if neutral:
            # Where the chair has no position of its own it brokers: the Nash product of how close each voter
            # comes, by the record, to what it has been pulling for (0.05 keeps a voter at its far end counted).
            near = known.closeness_grid(axes, neutral)[:, voters]
            merit = merit + ROOM_WEIGHT * np.log(near + 0.05).mean(axis=1)
        # A mediator weighs who has been objecting before its own ambition; a pusher only respects stated limits.
        keys = (-merit, blocked) if self.persona == "pusher" else (-merit, insisting, blocked)
        best = _first_in_order(keys)
        chosen = np.unravel_index(best, lengths)
        values = {issue.id: (round(float(axes[col][chosen[col]]), 6) if issue.is_range
                             else issue.options[int(axes[col][chosen[col]])])
                  for col, issue in enumerate(observation.issues)}
        draft = Draft.of(values)
        if deadline is not None:
            needed = ({leader.ally for leader, need in zip(observation.leaders, needs[best]) if need and leader.ally}
                      if needs is not None else set())
            free = observation.carve_out_cost == 0   # carve-outs cost nothing: every one asked for is granted
            draft = draft.with_carve_outs({ally: year for ally, year in carve_outs.items()
                                           if year > float(draft[deadline.id]) and (free or ally in needed)})
        expected, voting = int(carried[best]), int(voters.sum())
        if type(self)._reason is SecretaryGeneralAgent._reason:   # a subclass's own may read its state: at once
            reason = SaidLater(SecretaryGeneralAgent._reason, observation, current, draft, expected, voting)
        else:
            reason = self._reason(observation, current, draft, expected, voting)
        return TableDraft(self.leader_id, reason, draft=draft)

    @staticmethod
    def _below_asks(observation, everyone, candidates, own_deadline) -> np.ndarray:
        """Under full information the chair also knows what each package is worth to each leader: 1 where a
        package is below what a leader conceding steadily would still ask for this round, else 0."""
        no_deal = everyone.utilities(observation.no_deal)
        progress = (observation.round - 1) / max(1, observation.rounds - 1)
        asks = no_deal + (1.0 - no_deal) * 0.5 * (1.0 - progress)
        below = np.empty((len(candidates), everyone.ideal.shape[0]))
        for start in range(0, len(candidates), CHUNK):   # a (packages x leaders x issues) array a chunk at a time
            part = slice(start, start + CHUNK)
            view = np.repeat(candidates[part, None, :], everyone.ideal.shape[0], axis=1)
            if own_deadline is not None and everyone.deadline_col is not None:
                view[:, :, everyone.deadline_col] = own_deadline[part]
            utility = (everyone.weight[None] * (1.0 - np.abs(view - everyone.ideal[None]) / everyone.span)).sum(axis=2)
            below[part] = utility < asks[None, :]
        return below

    def _axes(self, observation: Observation, known: beliefs.Beliefs | None = None) -> list[list[float]]:
        """The values each issue may take in a revision, as positions: within REACH steps of the current draft
        on a range issue, every option of an options issue. The candidate packages are all their
        combinations, never more than MOST_CANDIDATES (the chair's budget, docs/scenario-format.md): first
        fewer steps; when even one step either way on every issue is too many, the issues most contested
        lately move and the rest stay as drafted this round."""
        reach = REACH
        while True:
            axes = []
            for issue in observation.issues:
                if issue.is_range:
                    here = float(observation.draft[issue.id])
                    axes.append(sorted({issue.snap(here + k * issue.step) for k in range(-reach, reach + 1)}))
                else:
                    axes.append([float(index) for index in range(len(issue.options))])
            if np.prod([len(axis) for axis in axes], dtype=float) <= MOST_CANDIDATES:
                return axes
            if reach == 1:
                return self._within_budget(observation, axes, known)
            reach -= 1

    def _within_budget(self, observation: Observation, axes: list[list[float]],
                       known: beliefs.Beliefs | None) -> list[list[float]]:
        """One step either way on every issue is more packages than the budget: every issue starts held at
        its drafted value, then, most contested first (the rounds of objections on it since they last let a
        draft pass, summed over leaders), then weightiest for the chair, then in the scenario's order, each
        issue gets its values back while the product stays within budget; an options issue that does not fit
        whole gets the options nearest its drafted one."""
        now = [issue.position(observation.draft[issue.id]) for issue in observation.issues]
        contest = (known.persistence.sum(axis=0) if known is not None
                   else np.zeros(len(observation.issues)))
        order = sorted(range(len(axes)), key=lambda col: (-float(contest[col]),
                                                          -float(observation.weight.get(observation.issues[col].id, 0.0)), col))
        chosen: list[list[float]] = [[float(position)] for position in now]
        size = 1
        for col in order:
            room = MOST_CANDIDATES // size
            if room < 2:
                break
            axis = axes[col]
            if len(axis) > room:   # keep the values nearest the drafted one (ties: the lower)
                axis = sorted(sorted(axis, key=lambda value: (abs(value - now[col]), value))[:room])
            chosen[col] = axis
            size *= len(axis)
        return chosen

    @staticmethod
    def _carve_outs(observation: Observation) -> dict[str, int]:
        """The later deadlines asked for, kept as long as they fall inside the deadline's range."""
        deadline = issue_with(observation, Effect.DEADLINE)
        if deadline is None:
            return {}
        granted = dict(observation.draft.carve_outs)
        for ally_id, year in sorted(observation.carve_out_requests.items()):
            if year <= deadline.range[1]:
                granted[ally_id] = year
        return granted

    @staticmethod
    def _reason(observation: Observation, old: Draft, new: Draft, carried: int, voters: int) -> Said:
        """Why the chair tables `new` (written when read: a pure function of what it is given)."""
        moved: list = [Term.of(issue, new[issue.id]) for issue in observation.issues if new[issue.id] != old[issue.id]]
        added = sorted(set(dict(new.carve_outs)) - set(dict(old.carve_outs)))
        if added:
            allies = [Country.ally(next(a for a in observation.allies if a.id == ally_id)) for ally_id in added]
            if len(allies) == 1:
                moved.append(voiced("a slower path for {ally}", ally=allies[0]))
            elif len(allies) <= 3:
                moved.append(voiced("slower paths for {allies}", allies=Joined(tuple(allies), COMMA)))
            else:
                moved.append(voiced("slower paths for {allies} and {more} more", allies=Joined(tuple(allies[:3]), COMMA),
                                  more=len(allies) - 3))
        counts = {"carried": carried, "voters": voters}
        if not moved:
            return voiced("No change would carry more allies; the draft stands (the chair expects {carried} of {voters} "
                        "to accept it).", **counts)
        core = issue_with(observation, Effect.CORE_SPENDING)
        related = issue_with(observation, Effect.RELATED_SPENDING)
        changes = Joined(tuple(moved), SEMICOLON)
        if (core is not None and related is not None and float(new[core.id]) < float(old[core.id])
                and float(new[related.id]) > float(old[related.id])):
            text = voiced("To meet the objections: {changes} (the chair expects {carried} of {voters} to accept it). "
                        "Counting more security-related spending keeps the headline while the core target eases.",
                        changes=changes, **counts)
        else:
            text = voiced("To meet the objections: {changes} (the chair expects {carried} of {voters} to accept it).",
                        changes=changes, **counts)
        if len(text) > REASON_MAX:   # many long options changed at once: name the issues, the text says the rest
            changed: list = [Label.of(issue, phrased=False) for issue in observation.issues if new[issue.id] != old[issue.id]]
            if added:
                changed.append(nvoiced("slower paths for {count} allies", "slower paths for {count} allies", len(added)))
            text = voiced("To meet the objections, the draft changes: {changes} (the chair expects {carried} of {voters} "
                        "to accept it).", changes=Joined(tuple(changed), COMMA), **counts)
        return text.shortened(REASON_MAX)

    def consult(self, observation: Observation, rng: np.random.Generator) -> Action:
        if observation.round == 1 and observation.legal.get("statement") is None:
            if issue_with(observation, Effect.CORE_SPENDING) is None:
                return Statement(self.leader_id, voiced("We decide together, by consensus: I ask every ally for a text it "
                                                      "can defend at home, and that the Alliance can stand behind."))
            if self.persona == "pusher":
                return Statement(self.leader_id, voiced("Article 3: each ally must be able to defend itself. The threat "
                                                      "will not wait for us: I ask every ally to go further, and sooner."))
            return Statement(self.leader_id, voiced("Article 3: each ally must be able to defend itself. Europe and Canada "
                                                  "will spend more, and the United States stays with us."))
        if observation.round == observation.rounds and observation.legal.get("statement") is None:
            return Statement(self.leader_id, voiced("This is our last chance to agree. No deal leaves everyone worse off."))
        return Pass(self.leader_id, voiced("Listens to the allies."))


def _first_in_order(keys: tuple[np.ndarray, ...]) -> int:
    """int(np.lexsort(keys)[0]) without sorting: the first package (lowest index) with the least of the last
    key, then of the one before among those, and so on; lexsort itself where a key holds a NaN."""
    if any(np.isnan(key.min()) for key in keys if key.dtype.kind == "f"):   # a minimum is NaN where a key holds one
        return int(np.lexsort(keys)[0])
    last = keys[-1]
    chosen = np.flatnonzero(last == last.min())   # the whole of the last key: no gather of every package
    for key in reversed(keys[:-1]):
        values = key[chosen]
        chosen = chosen[values == values.min()]
    return int(chosen[0])

