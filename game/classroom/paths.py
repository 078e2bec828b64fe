"""A team's path through the year: where it left history, grouped for print.

A standing policy kept away from history for several months is one departure
("Offensive tempo: Consolidate instead of Attack, Nov 1942 – Feb 1943"), not one per
month; event cards are one each, with the article's notes and evidence grade.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.debrief import Departure, departures
from game.scenario.model import Scenario
from game.session import Session


@dataclass(frozen=True)
class PathStep:
    """One departure from history, over one month or a run of months."""

    power: str
    kind: str  # "standing" or "event"
    id: str
    title: str
    chosen: str
    historical: str
    first_month: str
    last_month: str
    notes: tuple[int, ...]
    evidence: str
    framing: str = ""
    #: the first month of the run was set by lesson mode (keeping the team's earlier order)
    auto: bool = False

    @property
    def months(self) -> str:
        """``Nov 1942`` or ``Nov 1942 – Feb 1943``."""
        from game.classroom.printing import month_label

        if self.first_month == self.last_month:
            return month_label(self.first_month)
        return f"{month_label(self.first_month)} – {month_label(self.last_month)}"

    def sentence(self) -> str:
        """The departure in words."""
        if self.auto:
            return (f"{self.title}: the game kept the team's earlier order “{self.chosen}” "
                    f"(history saw “{self.historical}”).")
        return f"{self.title}: chose “{self.chosen}” where history saw “{self.historical}”."

    def source(self) -> str:
        """The article's notes and the evidence grade, for an event card."""
        if self.kind != "event":
            return ""
        notes = ", ".join(str(n) for n in self.notes) if self.notes else "none"
        return f"Article notes: {notes}. Evidence: {self.evidence}."


def path_steps(scenario: Scenario, session: Session) -> list[PathStep]:
    """Every departure of a session from history, runs of standing months merged, in calendar order."""
    steps: list[PathStep] = []
    open_runs: dict[str, tuple[Departure, Departure]] = {}
    raw = departures(scenario, session)

    def close(policy_id: str) -> None:
        first, last = open_runs.pop(policy_id)
        policy = scenario.policy(policy_id)
        steps.append(PathStep(policy.power, "standing", policy_id, first.title, first.chosen, first.historical,
                              first.month, last.month, (), "", auto=first.auto))

    for departure in raw:
        if departure.kind == "standing":
            run = open_runs.get(departure.id)
            same = (run is not None and run[1].turn == departure.turn - 1
                    and (run[1].chosen, run[1].historical) == (departure.chosen, departure.historical))
            if run is not None and not same:
                close(departure.id)
                run = None
            open_runs[departure.id] = (run[0] if run else departure, departure)
        else:
            event = scenario.event(departure.id)
            steps.append(PathStep(event.power or "", "event", event.id, departure.title, departure.chosen,
                                  departure.historical, departure.month, departure.month, departure.notes,
                                  departure.evidence, event.framing, departure.auto))
    for policy_id in list(open_runs):
        close(policy_id)
    order = {power.id: index for index, power in enumerate(scenario.powers)}
    return sorted(steps, key=lambda step: (step.first_month, order.get(step.power, 99), step.kind != "standing"))
