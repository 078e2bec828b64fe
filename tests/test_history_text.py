"""The game's history text against the article it rests on.

Facts, dates, names and short attributed quotations may come from the article; every
sentence must be written fresh. These tests fail when game text shares a run of eight or
more words with the article outside quotation marks, or when a card sentence runs past
35 words. The article is not part of the project: it is read from ``../shared/seed/``
beside the repository root (for a git worktree, beside the main checkout), and the overlap
test skips, saying so, where that folder is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.scenario import load_scenario
from game.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "1943.toml"
RUN = 8
MAX_WORDS = 35
#: docs a player reads (the teachers' guide is for teachers and quotes the brief's questions)
PLAYER_DOCS = ("README.md",)
QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


def seed_folders() -> list[Path]:
    """``../shared/seed`` beside this checkout and, for a worktree, beside the main checkout."""
    folders = [ROOT.parent / "shared" / "seed"]
    git = ROOT / ".git"
    if git.is_file():
        match = re.match(r"gitdir:\s*(.+)", git.read_text(encoding="utf-8").strip())
        if match:
            main_git = Path(match.group(1)).resolve()
            while main_git.name != ".git" and main_git.parent != main_git:
                main_git = main_git.parent
            folders.append(main_git.parent.parent / "shared" / "seed")
    return folders


def article_text() -> str | None:
    for folder in seed_folders():
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            return "\n".join(path.read_text(encoding="utf-8") for path in files)
    return None


def words(text: str) -> list[str]:
    """Lower-case words, with typographic apostrophes and dashes normalised."""
    text = text.replace("’", "'").replace("‘", "'").replace("—", " ").replace("–", " ")
    text = re.sub(r"-\n(?=[a-z])", "", text)  # words split across lines in the article
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", " ", text)
    return re.findall(r"[a-zà-ÿ0-9]+(?:'[a-z]+)?", text.lower())


def runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1)}


def unquoted(text: str) -> list[str]:
    """The stretches of a text outside quotation marks (a quotation breaks a run)."""
    return QUOTED.split(text)


def game_texts(scenario: Scenario) -> Iterator[tuple[str, str]]:
    """(where, text) for every text field a player reads, except the notes' source lines."""
    yield "meta.description", scenario.description
    for power in scenario.powers:
        for key in ("description", "aims", "fears", "knows"):
            yield f"powers.{power.id}.{key}", getattr(power, key)
    for policy in scenario.policies:
        yield f"policies.{policy.id}.explain", policy.explain
        for option in policy.options:
            yield f"policies.{policy.id}.{option.id}", f"{option.label}\n{option.hint}\n{option.outcome}"
    for rule in scenario.rules:
        yield f"rules.{rule.id}", f"{rule.title}\n{rule.explain}"
    for event in scenario.events:
        yield f"events.{event.id}", "\n".join((event.title, event.text, event.framing, event.in_1943))
        for option in event.options:
            yield f"events.{event.id}.{option.id}", "\n".join((option.label, option.hint, option.outcome,
                                                                option.reason))
        for chance in event.chance_texts:
            yield f"events.{event.id}.chance", f"{chance.then}\n{chance.orelse}"
    for ending in scenario.endings:
        yield f"endings.{ending.id}", "\n".join((ending.title, ending.text, *ending.judgement.values()))
    for entry in scenario.glossary:
        yield f"glossary.{entry.term}", entry.text
    for grade, key in scenario.grades.items():
        yield f"grades.{grade}", key
    if scenario.epilogue is not None:
        yield "epilogue", "\n".join((scenario.epilogue.title, scenario.epilogue.text,
                                     *scenario.epilogue.endings.values()))


def card_sentences(scenario: Scenario) -> Iterator[tuple[str, str]]:
    """(where, sentence) for the text on every card: text, framing, in_1943, hints, outcomes, reasons."""
    for event in scenario.events:
        fields = [("text", event.text), ("framing", event.framing), ("in_1943", event.in_1943)]
        fields += [(f"{o.id}.hint", o.hint) for o in event.options]
        fields += [(f"{o.id}.outcome", o.outcome) for o in event.options]
        fields += [(f"{o.id}.reason", o.reason) for o in event.options]
        fields += [(f"chance.{c.label}", f"{c.then} {c.orelse}") for c in event.chance_texts]
        for name, text in fields:
            flat = " ".join(text.split())
            for sentence in re.split(r'(?<=[.!?])["”]?\s+(?=[A-Z"“(])', flat):
                if sentence:
                    yield f"{event.id}.{name}", sentence


def overlaps(article: str, texts: list[tuple[str, str]]) -> list[str]:
    known = runs(words(article))
    found = []
    for where, text in texts:
        for stretch in unquoted(text):
            tokens = words(stretch)
            i = 0
            while i <= len(tokens) - RUN:
                if tuple(tokens[i:i + RUN]) in known:
                    end = i + RUN
                    while end < len(tokens) and tuple(tokens[end - RUN + 1:end + 1]) in known:
                        end += 1
                    found.append(f"{where}: '{' '.join(tokens[i:end])}'")
                    i = end
                else:
                    i += 1
    return found


def test_game_text_shares_no_run_of_eight_words_with_the_article() -> None:
    article = article_text()
    if article is None:
        pytest.skip(f"the article is not here ({', '.join(map(str, seed_folders()))} absent): "
                    "overlap not checked")
    texts = list(game_texts(load_scenario(SCENARIO)))
    texts += [(name, (ROOT / name).read_text(encoding="utf-8")) for name in PLAYER_DOCS if (ROOT / name).exists()]
    found = overlaps(article, texts)
    assert not found, "text copied from the article outside quotation marks:\n" + "\n".join(found)


def test_the_overlap_check_finds_a_copied_run_and_spares_a_quotation() -> None:
    article = "The grey heron stood all morning by the mill pond waiting for the fish to rise."
    copied = [("card", "A grey heron stood all morning by the mill pond waiting, patient.")]
    quoted = [("card", 'She wrote that "the grey heron stood all morning by the mill pond waiting".')]
    assert overlaps(article, copied)
    assert not overlaps(article, quoted)


def test_no_card_sentence_runs_past_35_words() -> None:
    long = [f"{where} ({len(s.split())} words): {s[:80]}..." for where, s in card_sentences(load_scenario(SCENARIO))
            if len(s.split()) > MAX_WORDS]
    assert not long, "sentences over 35 words:\n" + "\n".join(long)
