"""A plain-data summary of a scenario, for ``python -m game check --json`` and tools."""

from __future__ import annotations

from game.scenario.model import Scenario


def summarize(scenario: Scenario) -> dict:
    """What a scenario contains: variables, parameters, powers, events, endings."""
    return {
        "id": scenario.id,
        "title": scenario.title,
        "path": scenario.path,
        "content_hash": scenario.content_hash,
        "months": [str(month) for month in scenario.months],
        "variables": [
            {"id": v.id, "label": v.label, "min": v.min, "max": v.max, "start": v.start,
             "unit": v.unit, "hidden": v.hidden}
            for v in scenario.variables
        ],
        "params": {p.id: p.value for p in scenario.params.values()},
        "powers": [{"id": p.id, "name": p.name, "human": p.human} for p in scenario.powers],
        "policies": [
            {"id": p.id, "power": p.power, "label": p.label,
             "options": [o.id for o in p.options],
             "historical": [p.options[i].id for i in p.historical]}
            for p in scenario.policies
        ],
        "events": [
            {
                "id": e.id,
                "date": e.date or None,
                "conditional": e.turn is None,
                "title": e.title,
                "notes": list(e.notes),
                "evidence": e.evidence,
                "power": e.power,
                "options": [
                    {"id": o.id, "label": o.label, "historical": i == e.historical}
                    for i, o in enumerate(e.options)
                ],
            }
            for e in scenario.events
        ],
        "rules": [r.id for r in scenario.rules],
        "endings": [{"id": e.id, "title": e.title, "final": e.final} for e in scenario.endings],
        "glossary": len(scenario.glossary),
    }
