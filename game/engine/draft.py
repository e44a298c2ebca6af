"""The draft communiqué: one value per issue, plus carve-outs (single allies' later deadlines)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

Value = float | str


@dataclass(frozen=True)
class Draft:
    """A draft communiqué. `values` maps issue id -> value in the scenario's issue order;
    `carve_outs` maps ally id -> the later deadline year that ally is given."""

    values: tuple[tuple[str, Value], ...]
    carve_outs: tuple[tuple[str, int], ...] = field(default=())

    @classmethod
    def of(cls, values: dict[str, Value], carve_outs: dict[str, int] | None = None) -> "Draft":
        return cls(tuple(values.items()), tuple(sorted((carve_outs or {}).items())))

    def __getitem__(self, issue_id: str) -> Value:
        for key, value in self.values:
            if key == issue_id:
                return value
        raise KeyError(issue_id)

    def as_dict(self) -> dict[str, Value]:
        return dict(self.values)

    def carve_out(self, ally_id: str) -> int | None:
        return self._carve_out_years.get(ally_id)

    @cached_property
    def _carve_out_years(self) -> dict[str, int]:
        return dict(self.carve_outs)

    def __hash__(self) -> int:
        return self._hash  # drafts key the engine's caches; with many carve-outs hashing is not free

    @cached_property
    def _hash(self) -> int:
        return hash((self.values, self.carve_outs))

    def with_value(self, issue_id: str, value: Value) -> "Draft":
        """A copy with one issue's value changed (the carve-outs kept)."""
        values = tuple((key, value if key == issue_id else old) for key, old in self.values)
        return Draft(values, self.carve_outs)

    def amended(self, issue_id: str, value: Value, deadline_issue: str | None) -> "Draft":
        """The draft after the pen holder changes one issue: moving the deadline drops the carve-outs it
        has caught up with (a carve-out is always later than the deadline)."""
        draft = self.with_value(issue_id, value)
        if issue_id == deadline_issue:
            draft = draft.with_carve_outs({ally: year for ally, year in draft.carve_outs if year > value})
        return draft

    def with_carve_outs(self, carve_outs: dict[str, int]) -> "Draft":
        """A copy whose carve-outs are these (ally id -> year), in place of the old ones."""
        return Draft(self.values, tuple(sorted(carve_outs.items())))

    def changed_issues(self, other: "Draft | None") -> tuple[str, ...]:
        """Issues (and 'carve_outs') whose value differs from other's."""
        if other is None:
            return ()
        changed = tuple(key for key, value in self.values if other.as_dict().get(key) != value)
        return changed + (("carve_outs",) if self.carve_outs != other.carve_outs else ())

    def to_json(self) -> dict:
        return {**{key: value for key, value in self.values}, "carve_outs": dict(self.carve_outs)}

    @classmethod
    def from_json(cls, data: dict) -> "Draft":
        data = dict(data)
        carve_outs = data.pop("carve_outs", {}) or {}
        return cls.of(data, {key: int(year) for key, year in carve_outs.items()})
