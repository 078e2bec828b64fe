"""``python -m game replay``: play a whole game with a policy and write it as JSON.

The schema is documented in docs/replay.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

from game.policies import make_policy
from game.session import Session, play_with_policy


def replay_document(session: Session, policy_name: str) -> dict:
    """The replay JSON of a finished session."""
    months = []
    for record in session.months:
        months.append({
            "month": record.month,
            "state": {key: round(value, 6) for key, value in record.state.items()},
            "events": record.events,
            "choices": record.choices,
            "standing": {c.id: c.option for c in session.history
                         if c.turn == record.turn and c.kind == "standing"},
            "causes": [cause.to_json() for cause in session.log.for_turn(record.turn)],
            "hash": record.hash,
        })
    return {
        "scenario": session.scenario.id,
        "scenario_hash": session.scenario.content_hash,
        "seed": session.seed,
        "policy": policy_name,
        "ending": session.ending.id if session.ending else None,
        "months": months,
    }


def run_replay_command(args: argparse.Namespace) -> int:
    """Replay with a policy (or a save's choices); write JSON and optionally a save."""
    from game.errors import UsageError, load_or_exit
    from game.saves import SaveError, load_game, save_game

    scenario = load_or_exit(args.scenario)
    if args.from_save:
        try:
            session = load_game(args.from_save, scenario)
        except SaveError as error:
            raise UsageError(str(error)) from None
        policy_name = "save"
        if not session.over:
            play_with_policy(session, make_policy("historical"))
            policy_name = "save+historical"
    else:
        try:
            policy = make_policy(args.policy, scenario)
        except KeyError as error:
            raise UsageError(error.args[0]) from None
        # the same replay is the same game: running it again may replace its own save
        ident = hashlib.sha256(f"replay {scenario.content_hash} {args.seed} {args.policy}".encode()).hexdigest()
        session = Session(scenario, seed=args.seed, game_id=ident[:12])  # the scenario's human powers play it
        play_with_policy(session, policy)
        policy_name = args.policy
    document = replay_document(session, policy_name)
    if args.save:
        try:
            save_game(session, args.save, note=f"replay of policy {policy_name}")
        except SaveError as error:
            raise UsageError(str(error)) from None
    if args.json_file in (None, "-"):
        if args.json_file == "-" or not args.save:
            json.dump(document, sys.stdout, indent=1, ensure_ascii=False)
            sys.stdout.write("\n")
    else:
        with open(args.json_file, "w", encoding="utf-8") as stream:
            json.dump(document, stream, indent=1, ensure_ascii=False)
        print(f"wrote {args.json_file}: ending {document['ending']}", file=sys.stderr)
    return 0
