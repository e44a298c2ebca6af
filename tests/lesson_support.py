"""Playing a lesson plan through in class mode (the operator's path), to measure what a round costs: the
screens the operator meets, the rows typed on them and the computers' moves between, round by round. Used
by tests/test_lesson_plans.py and by `python tests/lesson_support.py` (which prints the figures the teacher's
guide quotes)."""

from __future__ import annotations

from dataclasses import dataclass

from ui_support import frames, make_app, press, scene_is, until

from game.engine import Phase
from game.play.session import Session
from game.scenario.catalogue import check


@dataclass
class RoundCost:
    round: int
    screens: int = 0          # screens on which the operator types: the chair's draft form, the slips, the roll call
    slips: int = 0            # rows of the consultations' sheet (a student role each)
    calls: int = 0            # rows of the roll call (a voting student role each)
    drafts: int = 0           # the chair's drafting turns (a student chair)
    computer_moves: int = 0   # moves the computer players make between the students' moves
    result_screen: bool = False

    def seconds(self, slip: float, call: float, draft: float, computer_move: float, fixed: float) -> float:
        """What the round takes at these rates (seconds a slip typed, a roll-call row, the chair's draft, a computer
        move on screen) plus `fixed` seconds (the teams' caucus, the roll-call decision, the round's result)."""
        return slip * self.slips + call * self.calls + draft * self.drafts + computer_move * self.computer_moves + fixed


def play_class(scenario_id: str, students: int, rounds: int, seed: int = 3,
               objector: str = "sanchez") -> list[RoundCost]:
    """Play the scenario's class plan for `students` in class mode, cut to `rounds`: in every round but the last
    `objector` breaks silence (so that every round is played), the other slips pass or stay silent. The
    cost of each round played."""
    from game.ui.scenes import RoundResultScene

    scenario = check(scenario_id).scenario.with_rounds(rounds)
    plan = next(plan for plan in scenario.classroom if plan.students == students)
    humans = tuple(plan.roles)
    app = make_app()
    app.operator = app.class_mode = True
    app.start_session(Session(scenario, seed, humans), humans[0])
    app.show(app.make("TableScene"))
    costs: dict[int, RoundCost] = {}
    seen: list = []

    def cost() -> RoundCost:
        round_ = app.session.state.round
        return costs.setdefault(round_, RoundCost(round_))

    while not app.session.over:
        def operator_needed():
            if scene_is(app, RoundResultScene):
                return True
            sheet = getattr(app.scene, "sheet", None)
            if sheet is not None and sheet.alive() and sheet not in seen:
                return True
            return (app.session.waiting_for_human and app.session.state.phase == Phase.DRAFTING
                    and getattr(app.scene, "kind_buttons", None) is not None and not app.scene.round_over)
        until(app, lambda: app.session.over or operator_needed(), limit=20000, what="the operator's next screen")
        if scene_is(app, RoundResultScene):
            costs[app.scene.round].result_screen = True
            if app.session.over:
                break
            press(app, app.scene.next)
            continue
        if app.session.over:
            break
        sheet = getattr(app.scene, "sheet", None)
        if sheet is not None and sheet.alive() and sheet not in seen:
            seen.append(sheet)
            cost().screens += 1
            if sheet.silence:
                cost().calls += len(sheet.rows)
            else:
                cost().slips += len(sheet.rows)
            if sheet.silence and objector in sheet.rows and app.session.state.round < rounds:
                issue = scenario.issues[0].label
                sheet.fill(objector, f"break silence: {issue}", words="Not yet")
            press(app, sheet.hand_in)
            continue
        cost().screens += 1     # the chair's turn to draft: the operator keeps the draft (one click)
        cost().drafts += 1
        press(app, app.scene.kind_buttons["pass"])
    for entry in app.session.state.history:
        if entry.type == "action" and entry.actor not in humans:
            costs[entry.round].computer_moves += 1
    return [costs[r] for r in sorted(costs)]


if __name__ == "__main__":
    import time
    for scenario_id, students, rounds in (("rutte_washington_2025", 12, 3), ("rutte_washington_2025", 20, 3)):
        began = time.perf_counter()
        played = play_class(scenario_id, students, rounds)
        print(scenario_id, students, f"{time.perf_counter() - began:.1f}s", played)
