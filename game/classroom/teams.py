"""How the classroom names the teams: kept for the modules that import it from here; the
names are made in :mod:`game.table.seats`, with the rest of who sits at the table."""

from __future__ import annotations

from game.table.seats import player_name, team_name

__all__ = ["player_name", "team_name"]
