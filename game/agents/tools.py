"""What an agent of your own needs and the built-in agents use, in one place (docs/agents.md, "Helpers").

Every answer comes from the observation alone (the leader's own positions and the public record), the same
way the built-in agents work it out: nothing here sees what the observation does not.
"""

from __future__ import annotations

from ..engine import Draft, LogEntry, Observation
from ..engine.outcome import score as _score
from . import reputation
from .base import expected_level, issue_with, yearly_rise

__all__ = ["expected_delivery", "issue_with", "offers_to_me", "record", "table_score", "yearly_rise"]


def expected_delivery(observation: Observation, level: float, year: int, draft: Draft | None = None) -> float:
    """The % GDP this leader's ally reaches by `year` if it pledges `level` (the spending model's own answer,
    asked about its own ally: its threat, budget, parliament and the fear a weaker US guarantee in `draft`, by
    default the one on the table, adds). A pledge above it is a promise the ally will not keep."""
    return expected_level(observation, level, year, draft)


def table_score(observation: Observation, draft: Draft) -> float:
    """This leader's score of a draft at the table, 0-100 on the outcome's scale: 50 as good as no deal, 100 its
    ideal. The outcome's own score compares the worlds after the table (the US review of delivery included),
    so a deal's final score can differ from this one (docs/agents.md, "Scores")."""
    return _score(observation.utility(draft), observation.utility(observation.no_deal))


def offers_to_me(observation: Observation, since_round: int = 1) -> tuple[LogEntry, ...]:
    """The promises and threats made to this leader from round `since_round` on, in the order made (each entry's
    data["action"] holds kind, actor, target, demand, issue, value)."""
    return tuple(entry for entry in observation.since_round(since_round)
                 if entry.type == "action" and entry.record["action"]["kind"] in ("promise", "threat")
                 and entry.record["action"].get("target") == observation.leader_id)


def record(observation: Observation, leader_id: str) -> reputation.Record:
    """A leader's record of keeping its word so far: kept, broken (promises), carried_out, bluffs (threats);
    record.trust() and record.credibility, 0..1, as the built-in agents read them."""
    return reputation.read(observation).of(leader_id)
