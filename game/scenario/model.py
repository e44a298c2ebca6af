"""The typed, immutable Scenario: what a validated scenario file becomes.

These pydantic models check structure and types (unknown keys refused, no silent coercion of text to
numbers); game.scenario.checks adds the cross-references. After loading, no code touches raw dicts.

It is one piece: the models refer to one another (a position to a linkage, an event to its condition, a leader to
the check of its objective, the scenario to all), so they stay in one module.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Strict, StrictBool,
                      StrictInt, StrictStr, Tag, model_validator)

from ..i18n import msg, nmsg
from .cut import at_round, event_rounds, start
from .lesson import Date, HistoryItem, Sentence, Why
from .localized import Languages, localized

# The largest figure a scenario may write, either way: far beyond any year, share or sum of US$ bn (the world's GDP is
# about 110,000 bn), and far enough from a float's limit that no product or sum of figures reaches infinity (which
# JSON cannot write: --json and debrief.json would no longer be JSON).
FIGURE_LIMIT = 1_000_000.0
MAX_WEIGHT = 100.0
MAX_GDP_USD_BN = 1e15      # the world's GDP (about 110,000 bn) written in US$, ten thousand times over
MAX_POPULATION_M = 1e11    # the world's people (about 8,100 m) counted one by one, ten times over
Number = Annotated[float, Strict(), Field(ge=-FIGURE_LIMIT, le=FIGURE_LIMIT)]
Fraction = Annotated[float, Strict(), Field(ge=0.0, le=1.0)]
Id = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Text = Annotated[StrictStr, Field(max_length=4000)]
# A text players read, in English or (a mapping of languages) in English and French: game/scenario/localized.py
Paragraphs = localized(4000)

from .personas import PERSONAS

def _number_or_option(value: Any) -> float | str:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(msg("expected a number or an option name, found {found!r}", found=value))
    if isinstance(value, (int, float)) and not -FIGURE_LIMIT <= value <= FIGURE_LIMIT:   # nan fails this too
        low, high = f"{-FIGURE_LIMIT:,.0f}", f"{FIGURE_LIMIT:,.0f}"
        room = 160 - len(f"expected a number from {low} to {high}, found ")   # the line stays short however long the value
        raise ValueError(msg("expected a number from {low} to {high}, found {found}", low=low, high=high,
                                 found=repr(value)[:room]))
    return float(value) if isinstance(value, int) else value


def _red_line(value: Any) -> float | str | tuple[str, ...]:
    if isinstance(value, list):
        if not value or not all(isinstance(item, str) for item in value):
            raise ValueError(msg("expected a number, an option name or a list of option names, found {found!r}",
                                     found=value))
        return tuple(value)
    return _number_or_option(value)


IssueValue = Annotated[Any, AfterValidator(_number_or_option)]
RedLine = Annotated[Any, AfterValidator(_red_line)]


class _Frozen(BaseModel):
    # No NaN or infinity: YAML reads .nan, .inf and numbers too long for a float, and the engine cannot use them.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Effect(str, enum.Enum):
    """What the engine does with an issue's value."""

    CORE_SPENDING = "core_spending"
    RELATED_SPENDING = "related_spending"
    DEADLINE = "deadline"
    US_GUARANTEE = "us_guarantee"
    NONE = "none"


class Role(str, enum.Enum):
    US_PRESIDENT = "us_president"
    SECRETARY_GENERAL = "secretary_general"
    MEMBER = "member"


class Source(_Frozen):
    id: Id
    citation: Text
    url: Text | None = None
    accessed: Date | None = None    # when the url was read (YYYY, YYYY-MM or YYYY-MM-DD)


class Consequence(_Frozen):
    """What follows after the summit from an option in force (schema 2): in `year`, `text` ("Croatia joins"). On a
    range issue's own `after`, `at_least` and `at_most` say for which values in force it follows."""

    year: Annotated[StrictInt, Field(ge=1900, le=2200)]
    text: localized(200, 1)
    at_least: Number | None = None
    at_most: Number | None = None

    def follows(self, value) -> bool:
        """Whether it follows from a range issue's value in force."""
        return ((self.at_least is None or float(value) >= self.at_least - 1e-9)
                and (self.at_most is None or float(value) <= self.at_most + 1e-9))


class Option(_Frozen):
    """An option written out (schema 2): its id, the words players read, what it means, and what follows from it
    after the summit (for an issue without a spending effect, the only consequence the game can show)."""

    id: Id
    label: localized(120, 1)
    help: Paragraphs | None = None
    after: Annotated[tuple[Consequence, ...], Field(max_length=6)] = ()


# An option as written: an id, or (schema 2) a mapping with its label. The union is tagged so that a mistake in
# either form is reported once, at its place; the loader drops these tags from the paths it shows.
UNION_TAGS = ("option id", "option written out")
OptionEntry = Annotated[Annotated[Id, Tag(UNION_TAGS[0])] | Annotated[Option, Tag(UNION_TAGS[1])],
                        Discriminator(lambda value: UNION_TAGS[1] if isinstance(value, (dict, Option)) else UNION_TAGS[0])]


class Issue(_Frozen):
    """One point of the communiqué: a number within a range, or one of a list of options."""

    id: Id
    label: localized(80)
    kind: Literal["range", "options"]
    range: tuple[Number, Number] | None = None
    step: Annotated[float, Strict(), Field(gt=0)] | None = None
    # Each option an id, or (schema 2) an Option with a label; after loading, always the ids.
    options: tuple[OptionEntry, ...] | None = None
    unit: localized(20)
    status_quo: IssueValue
    effect: Effect = Effect.NONE
    help: Paragraphs
    # schema 2, range issues: what follows after the summit, by the value in force (an option carries its own)
    after: Annotated[tuple[Consequence, ...], Field(max_length=6)] = ()
    # either format: the words players read for options given as ids, in each language (the narration stays that
    # of options given as ids)
    option_labels: dict[Id, localized(120, 1)] = Field(default_factory=dict)
    _labels: dict[str, str] = PrivateAttr(default_factory=dict)
    _option_help: dict[str, str] = PrivateAttr(default_factory=dict)
    _after: dict[str, tuple] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _option_ids(self) -> "Issue":
        """Options written out keep their label and help aside; the issue's options are their ids."""
        if self.options and any(isinstance(option, Option) for option in self.options):
            written = [option for option in self.options if isinstance(option, Option)]
            self._labels = {option.id: option.label for option in written}
            self._option_help = {option.id: option.help for option in written if option.help}
            self._after = {option.id: option.after for option in written if option.after}
            # The model is frozen; this runs once, while the Issue is being built.
            object.__setattr__(self, "options", tuple(option.id if isinstance(option, Option) else option
                                                      for option in self.options))
        return self

    @property
    def options_written_out(self) -> bool:
        return bool(self._labels)

    def option_label(self, option: str) -> str:
        """The words players read for an option: its label, or its id made readable."""
        return self._labels.get(option) or self.option_labels.get(option) or str(option).replace("_", " ")

    def option_help(self, option: str) -> str | None:
        return self._option_help.get(option)

    def after_option(self, option: str) -> tuple["Consequence", ...]:
        """What follows after the summit when this option is in force (schema 2), in the file's order."""
        return self._after.get(option, ())

    @property
    def is_range(self) -> bool:
        return self.kind == "range"

    @property
    def span(self) -> float:
        """Width of the range (range issues) or number of steps between options (options issues)."""
        if self.is_range:
            return self.range[1] - self.range[0]
        return float(len(self.options) - 1)

    def position(self, value: float | str) -> float:
        """A value as a number: itself for a range, the option's index for options."""
        return float(value) if self.is_range else float(self.options.index(value))

    def grid(self) -> tuple[float | str, ...]:
        """Every value a draft may take on this issue."""
        if not self.is_range:
            return self.options
        low, high = self.range
        count = int(round((high - low) / self.step))
        return tuple(round(low + k * self.step, 6) for k in range(count + 1))

    def snap(self, value: float) -> float:
        """The nearest grid value of a range issue."""
        low, high = self.range
        steps = round((min(max(value, low), high) - low) / self.step)
        return round(min(low + steps * self.step, high), 6)

    def format(self, value: float | str | None) -> str:
        """A value as players read it, with its unit: "3.5% GDP", "2032", "conditional"; an option's label, or
        its id made readable ("readiness_action_plan" -> "readiness action plan") when it has none."""
        if value is None:
            return "-"
        if not self.is_range:
            return self.option_label(str(value))
        decimals = max(0, -Decimal(str(self.step)).normalize().as_tuple().exponent)
        text = f"{value:.{decimals}f}"
        if self.unit in ("", "year"):
            return text
        return f"{text}{self.unit}" if self.unit.startswith("%") else f"{text} {self.unit}"


class Ally(_Frozen):
    """A member state: its economy, its spending and how much room it has to spend more."""

    id: Id
    name: localized(80)
    iso3: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")]
    # Bounded far above any economy so that a GDP written in US$ rather than billions is still a figure the
    # checks name as that slip (game/scenario/plausible.py), and far below where sums of them reach infinity.
    gdp_usd_bn: Annotated[float, Strict(), Field(gt=0, le=MAX_GDP_USD_BN)]
    defence_pct_gdp: Annotated[float, Strict(), Field(ge=0, le=100)] | None
    population_m: Annotated[float, Strict(), Field(gt=0, le=MAX_POPULATION_M)]   # people for millions: still a slip
    threat: Fraction | None = None   # left out: computed from facts of the scenario's year (facts.py)
    fiscal_space: Fraction
    domestic_support: Fraction
    sources: tuple[Id, ...] = ()
    note: Paragraphs | None = None

    @property
    def reports_spending(self) -> bool:
        return self.defence_pct_gdp is not None


class Linkage(_Frozen):
    """A condition on another issue of the draft (schema 2): holds when that issue's value is one of `is`
    (options) or within `at_least`/`at_most` (a range)."""

    issue: Id
    is_: tuple[IssueValue, ...] | None = Field(default=None, alias="is")
    at_least: Number | None = None
    at_most: Number | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False, allow_inf_nan=False)

    def holds(self, value: float | str) -> bool:
        if self.is_ is not None and value not in self.is_:
            return False
        if self.at_least is not None and (isinstance(value, str) or value < self.at_least - 1e-9):
            return False
        if self.at_most is not None and (isinstance(value, str) or value > self.at_most + 1e-9):
            return False
        return True


class ObjectiveCheck(_Frozen):
    """How to tell whether a leader's private objective was met (every condition given must hold): a text was
    adopted (`deal`); the leader's ally has a later deadline of its own in it (`carve_out`); the terms in force
    at the end, adopted or the no-deal terms, have these values (`terms`); at least this many other allies
    pledged a national path at the table (`pledges_by_others`). game.analysis.objective judges it."""

    deal: StrictBool | None = None
    carve_out: StrictBool | None = None
    terms: Annotated[tuple[Linkage, ...], Field(max_length=20)] = ()
    pledges_by_others: Annotated[StrictInt, Field(ge=1, le=100)] | None = None


class Position(_Frozen):
    """A leader's stance on one issue."""

    ideal: IssueValue | None = None   # required unless `values` (schema 2) gives every option's worth
    # Relative to the leader's other weights: 100 against 1 is already all or nothing. Unbounded, a weight of 1e308
    # made their sum infinite, and every score 50.
    weight: Annotated[float, Strict(), Field(ge=0, le=MAX_WEIGHT)]
    red_line: RedLine | None = None
    source: Id | None = None     # the statement, made before the summit, the red line rests on (a sources id)
    # schema 2: what each option of an options issue is worth to the leader, 0 (worst) to 1 (best); the ideal is
    # then the best of them unless given
    values: dict[Id, Fraction] | None = None
    # schema 2: the red line holds only while this condition on another issue of the draft does not (a veto
    # lifted for something on a different issue)
    unless: Linkage | None = None
    why: Why | None = None       # why the leader holds it: a sentence and its source (briefings show it)

    @model_validator(mode="after")
    def _ideal_from_values(self) -> "Position":
        if self.ideal is None and self.values:
            best = max(self.values.values())
            # The model is frozen; this runs once, while the Position is being built.
            object.__setattr__(self, "ideal", next(option for option, worth in self.values.items() if worth == best))
        if self.ideal is None:
            raise ValueError(msg("a position needs 'ideal' (or, in schema 2, 'values' for every option)"))
        return self


class Traits(_Frozen):
    patience: Fraction = 0.5
    assertiveness: Fraction = 0.5
    trust: dict[Id, Fraction] = Field(default_factory=dict)


class Archetype(str, enum.Enum):
    """A kind of member whose traits are preset; the leader's own `traits` override them field by field."""

    FRONTLINE = "frontline"
    FISCALLY_CONSTRAINED = "fiscally_constrained"
    LARGE_EUROPEAN = "large_european"
    STEADY = "steady"


# Preset traits per archetype. Patience sets the concession curve (0 concedes early, 1 holds out to the
# last round); assertiveness how readily a leader states its limits or presses others. Trust names other
# leaders, so no preset can know it: it stays whatever the file says.
ARCHETYPE_TRAITS: dict[Archetype, Traits] = {
    # Poland, the Baltics: the threat is at their border and no deal hurts them most, so they press hard
    # for more spending and would rather close a deal early than wait.
    Archetype.FRONTLINE: Traits(patience=0.3, assertiveness=0.85),
    # Spain, Belgium, Italy: pressure to spend more costs them at home, so they can wait it out (no deal
    # keeps the old target) but have little standing to push others.
    Archetype.FISCALLY_CONSTRAINED: Traits(patience=0.8, assertiveness=0.3),
    # Germany, France: large enough to wait for a text that suits them and to be heard, without leading
    # the charge.
    Archetype.LARGE_EUROPEAN: Traits(patience=0.7, assertiveness=0.6),
    # Allies at or near the target already: middle of the road, the same as a leader with no archetype.
    Archetype.STEADY: Traits(patience=0.5, assertiveness=0.5),
}


class Leader(_Frozen):
    id: Id
    name: localized(80, proper_name=True)
    title: localized(120)
    role: Role
    ally: Id | None = None
    agent: Id
    positions: dict[Id, Position] = Field(default_factory=dict)
    archetype: Archetype | None = None
    traits: Traits = Traits()
    persona: Id | None = None       # one of PERSONAS[role]; None: the role's first
    objective: localized(300, 1) | None = None
    """A private objective for the student in this role (a designer's teaching aim), shown only in its briefing."""
    objective_met_when: ObjectiveCheck | None = None   # how the debrief and the grades tell it was met
    votes: StrictBool = True          # schema 2: false seats a participant (a partner, a candidate) without a veto
    seated: StrictBool = True         # schema 2: false: not at the table when the summit opens (an event `joins` it)
    background: Paragraphs | None = None    # schema 2: who this leader is and why it stands where it does (briefings)

    @property
    def is_voter(self) -> bool:
        """Whether this leader answers in the silence procedure: never the Secretary General, nor a participant
        seated without a vote."""
        return self.role != Role.SECRETARY_GENERAL and self.votes

    @property
    def without_vote(self) -> bool:
        """A participant seated without a vote (`votes: false`: a partner, a candidate); not the Secretary General,
        who holds the pen instead."""
        return not self.votes

    @property
    def persona_name(self) -> str:
        return self.persona or next(iter(PERSONAS[self.role.value]))

    @model_validator(mode="after")
    def _archetype_traits(self) -> "Leader":
        """The archetype's preset traits, with every trait the file sets taking precedence."""
        if self.archetype is None:
            return self
        own = {name: getattr(self.traits, name) for name in self.traits.model_fields_set}
        # The model is frozen; this runs once, while the Leader is being built.
        object.__setattr__(self, "traits", ARCHETYPE_TRAITS[self.archetype].model_copy(update=own))
        return self


class EventEffect(_Frozen):
    """One change an event makes: to an ally's field, or to a leader's position on an issue."""

    ally: Id | None = None
    leader: Id | None = None
    issue: Id | None = None
    # an ally's judgements (0..1), or (schema 2) its figures: GDP in US$ bn, defence spending in % of GDP; a
    # leader's position on an issue; or (schema 2) the leader's seat: `joins` (takes its seat) or `leaves`
    field: Literal["threat", "fiscal_space", "domestic_support", "gdp_usd_bn", "defence_pct_gdp", "ideal", "weight",
                   "red_line", "values", "joins", "leaves"]
    add: Number | None = None
    set: IssueValue | None = None
    values: dict[Id, Fraction] | None = None   # schema 2, with field `values`: every option's new worth to the leader

    @property
    def lifts(self) -> bool:
        """`set: null` written out (schema 2): the red line is lifted."""
        return self.set is None and "set" in self.model_fields_set


class Move(_Frozen):
    """A move someone made at the table (schema 2 event condition): `leader` made a move of `kind` (on `issue`)."""

    leader: Id
    kind: Literal["table", "amend", "statement", "pledge", "carve_out", "promise", "threat", "break_silence", "pass"]
    issue: Id | None = None


class Condition(_Frozen):
    """When a conditional event fires (schema 2): at the start of the first round, from `round` on, in which
    the draft on the table has every value in `draft` and every move in `moves` has been made."""

    round: Annotated[StrictInt, Field(ge=1)] | None = None
    draft: tuple[Linkage, ...] = ()
    moves: tuple[Move, ...] = ()


class Event(_Frozen):
    id: Id
    label: localized(80)
    text: Paragraphs
    round: Annotated[StrictInt, Field(ge=1)] | None = None
    probability: Fraction | None = None
    when: Condition | None = None     # schema 2: a condition instead of a round or a probability
    effects: tuple[EventEffect, ...] = ()


class UsReview(_Frozen):
    keep_at: Fraction = 0.9
    reduce_below: Fraction = 0.7


Discount = Annotated[float, Strict(), Field(gt=0.0, lt=1.0)]


class Spread(_Frozen):
    """How far each seed draws every leader's positions and traits around what the scenario writes: the
    scenario is the centre of what the class may meet, not one fixed game. All 0: every seed the same leaders."""

    ideal_steps: Annotated[StrictInt, Field(ge=0, le=5)] = 1    # a range ideal moves up to this many steps each way
    weight: Annotated[float, Strict(), Field(ge=0.0, le=0.9)] = 0.1    # each weight times 1 +- up to this
    traits: Annotated[float, Strict(), Field(ge=0.0, le=0.5)] = 0.1    # patience and assertiveness +- up to this


class Protocol(_Frozen):
    """How the negotiation is run, when it is not the summit (drafting, consultations, silence).

    `bilateral`: Rubinstein's alternating offers between two leaders over one range issue in [0, 1],
    whose value is the share of the pie that goes to `first`'s side. `first` proposes in round 0, the
    other side in round 1, and so on; a payoff agreed in round t is worth share * discount**t to each side.
    """

    kind: Literal["bilateral"]
    first: Id
    discount: dict[Id, Discount]
    max_rounds: Annotated[StrictInt, Field(ge=1, le=10_000)] = 200


class Decision(_Frozen):
    """How a draft is adopted in the silence procedure.

    `consensus` (NATO's rule): one objection stops it. `majority`: adopted when more than half of the
    voting leaders stay silent. `qualified_majority`: adopted when at least `threshold` of them (a share
    above one half) stay silent. The Secretary General never votes."""

    rule: Literal["consensus", "majority", "qualified_majority"] = "consensus"
    threshold: Annotated[float, Strict(), Field(gt=0.5, le=1.0)] | None = None

    def adopts(self, silent: int, voters: int) -> bool:
        """Whether a draft passes with `silent` of `voters` leaders staying silent."""
        if self.rule == "consensus":
            return silent == voters
        if self.rule == "majority":
            return 2 * silent > voters
        return silent >= self.threshold * voters - 1e-9

    def describe(self) -> str:
        """The rule in words, for briefings and the log."""
        if self.rule == "consensus":
            return "consensus: one objection stops a draft"
        if self.rule == "majority":
            return "majority: a draft passes when more than half of the voting leaders stay silent"
        return (f"qualified majority: a draft passes when at least {self.threshold:.0%} of the voting leaders "
                "stay silent")


class ClassPlan(_Frozen):
    """Which roles students take for one class size; the computer plays the others. `roles` maps a leader
    id to the number of students who share that role (a team: one speaks, the others advise)."""

    students: Annotated[StrictInt, Field(ge=1, le=200)]
    roles: dict[Id, Annotated[StrictInt, Field(ge=1, le=20)]]
    note: Paragraphs | None = None


class Scenario(_Frozen):
    """A validated scenario. Build one with game.scenario.load_scenario, never from raw data."""

    schema_: Literal[1, 2] = Field(alias="schema")
    id: Id
    title: localized(120)
    summary: Paragraphs
    year: Annotated[StrictInt, Field(ge=1900, le=2200)]
    sources: tuple[Source, ...]
    rounds: Annotated[StrictInt, Field(ge=1, le=50)]
    implementation_years: Annotated[StrictInt, Field(ge=1, le=30)]
    pen_holder: Id | None = None
    issues: Annotated[tuple[Issue, ...], Field(min_length=1, max_length=20)]
    allies: Annotated[tuple[Ally, ...], Field(min_length=1, max_length=60)]
    leaders: Annotated[tuple[Leader, ...], Field(min_length=1, max_length=80)]
    order: tuple[Id, ...] | None = None
    events: Annotated[tuple[Event, ...], Field(max_length=100)] = ()
    no_deal: dict[Id, IssueValue]
    us_review: UsReview = UsReview()
    spread: Spread = Spread()
    # What each carve-out granted to another ally costs every ally that pays on time, the US included
    # (utility, 0..1 scale): resentment of free riding.
    carve_out_cost: Annotated[float, Strict(), Field(ge=0.0, le=0.2)] = 0.0
    protocol: Protocol | None = None  # absent: the summit protocol
    # private: leaders know their own positions and the public record; full: a teaching option where every
    # leader's positions (ideal, weight, red line) are public and the agents use them.
    information: Literal["private", "full"] = "private"
    decision: Decision = Decision()
    classroom: Annotated[tuple[ClassPlan, ...], Field(max_length=20)] = ()
    fictional: StrictBool = False  # a what-if, not history: said on screen and in every account
    # schema 2: the reference lines (% of GDP) the charts draw; None: 2%, 3.5% and 5% (schema 1's)
    chart_lines: Annotated[tuple[Annotated[float, Strict(), Field(gt=0, le=100)], ...], Field(max_length=6)] | None = None
    # what a student can do afterwards, and what really happened (game/scenario/lesson.py): shown, never played
    objectives: Annotated[tuple[Sentence, ...], Field(max_length=12)] = ()
    history: Annotated[tuple[HistoryItem, ...], Field(max_length=30)] = ()
    # the languages its texts are written in: English always; with French, a text without it is warned about
    languages: Languages = ("en",)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False, allow_inf_nan=False)
    _source_text: str = PrivateAttr(default="")
    _full_rounds: int = PrivateAttr(default=0)   # the file's rounds once with_rounds has cut them (0: never cut)
    _original_events: tuple = PrivateAttr(default=())   # the file's events once with_rounds has moved them

    def with_information(self, information: str) -> "Scenario":
        """This scenario with the information rule changed (the command line's --full-information)."""
        copy = self.model_copy(update={"information": information})
        copy._source_text = self._source_text
        copy._full_rounds, copy._original_events = self._full_rounds, self._original_events
        return copy

    def with_rounds(self, rounds: int, events_at: dict[str, int] | None = None) -> "Scenario":
        """This scenario cut to `rounds` rounds (--rounds), 1 to its own (else ValueError). The agents read the
        rounds from their observation, so their concessions scale; the scripted events move with them
        (event_rounds: each at the same point of the game), or to `events_at` (event id -> round) as a log's
        header records them, where {} keeps every event at its own round (logs written before events moved)."""
        if not 1 <= rounds <= self.full_rounds:
            raise ValueError(nmsg("{scenario} has {count} round: expected from 1 to {count}, found {rounds}",
                                  "{scenario} has {count} rounds: expected from 1 to {count}, found {rounds}",
                                  self.full_rounds, scenario=self.id, rounds=rounds))
        original = self._original_events or self.events
        moved = event_rounds(original, self.full_rounds, rounds) if events_at is None else dict(events_at)
        events = tuple(at_round(event, moved[event.id]) if event.id in moved else event for event in original)
        copy = self.model_copy(update={"rounds": rounds, "events": events})
        copy._source_text, copy._full_rounds = self._source_text, self.full_rounds
        copy._original_events = original if rounds != self.full_rounds else ()
        return copy

    @property
    def events_moved(self) -> dict[str, int]:
        """The events a cut moved to another round (event id -> the round it starts from): what a log's header
        records beside "rounds"."""
        original = {event.id: event for event in self._original_events}
        return {event.id: start(event) for event in self.events
                if event.id in original and start(event) != start(original[event.id])}

    @property
    def full_rounds(self) -> int:   # the file's rounds, before any cut
        return self._full_rounds or self.rounds

    @property
    def shortened_to(self) -> int | None:   # the rounds played when cut short (a log's header says so), else None
        return self.rounds if self.rounds != self.full_rounds else None


    def with_source(self, text: str) -> "Scenario":
        """This scenario, remembering the file text it was read from (logs embed it)."""
        copy = self.model_copy()
        copy._source_text = text
        return copy

    @property
    def source_text(self) -> str:
        return self._source_text

    # Lookups used everywhere; cheap enough to compute on demand for scenarios of this size.
    def issue(self, issue_id: str) -> Issue:
        return next(issue for issue in self.issues if issue.id == issue_id)

    def ally(self, ally_id: str) -> Ally:
        return next(ally for ally in self.allies if ally.id == ally_id)

    def leader(self, leader_id: str) -> Leader:
        return next(leader for leader in self.leaders if leader.id == leader_id)

    def issue_with(self, effect: Effect) -> Issue | None:
        return next((issue for issue in self.issues if issue.effect == effect), None)

    def consequences(self, terms) -> list[tuple[int, str, str]]:
        """(year, issue label, what follows) for every option in force in `terms` (a Draft or a mapping) that
        says what follows it after the summit, by year."""
        found = []
        for issue in self.issues:
            if not issue.is_range:
                found += [(c.year, issue.label, c.text) for c in issue.after_option(str(terms[issue.id]))]
            else:
                found += [(c.year, issue.label, c.text) for c in issue.after if c.follows(terms[issue.id])]
        return sorted(found, key=lambda item: item[0])

    @property
    def reference_lines(self) -> tuple[float, ...]:
        """The % of GDP lines the charts draw: the scenario's `chart_lines`, or 2%, 3.5% and 5% (the old floor,
        the Hague core target, the new call)."""
        return self.chart_lines if self.chart_lines is not None else (2.0, 3.5, 5.0)

    @property
    def is_bilateral(self) -> bool:
        return self.protocol is not None and self.protocol.kind == "bilateral"

    @property
    def turn_order(self) -> tuple[str, ...]:
        return self.order if self.order else tuple(leader.id for leader in self.leaders)

    @property
    def pen_holder_id(self) -> str | None:
        if self.pen_holder:
            return self.pen_holder
        return next((l.id for l in self.leaders if l.role == Role.SECRETARY_GENERAL), None)

