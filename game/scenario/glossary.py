"""Find names on cards that the glossary does not explain.

A student reading a card should be able to look up every person, place and
organisation on it. Names are found as runs of capitalised words that do not start a
sentence; common words that are capitalised for other reasons are ignored.
"""

from __future__ import annotations

import re

from game.scenario.model import Scenario

# Capitalised words that are not names a glossary needs to explain.
COMMON = {
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "To", "Of", "And", "But", "Or", "If",
    "It", "Its", "He", "She", "They", "We", "You", "Your", "His", "Her", "Their", "This", "That",
    "These", "Those", "What", "When", "Where", "Which", "Who", "Why", "How", "With", "Without",
    "As", "After", "Before", "Since", "Until", "While", "Now", "Then", "No", "Not", "Yes", "Do",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Sunday", "I", "II", "One", "Two", "Three",
    "Soviet", "Soviets", "German", "Germans", "Germany", "Russian", "Russians", "Russia", "British",
    "Britain", "American", "Americans", "America", "Allied", "Allies", "Ally", "West", "Western",
    "East", "Eastern", "USSR", "Red", "Army", "Moscow", "Berlin", "London", "Washington", "Stalin",
    "Hitler", "Roosevelt", "Churchill", "Nazi", "Nazis", "Polish", "Poles", "Poland", "Japan",
    "Japanese", "Italy", "Italian", "Sweden", "Swedish", "Swede", "French", "France", "Europe",
    "European", "Finnish", "Finland", "Ukraine", "Ukrainian", "Day", "Order", "Front", "Second",
    "Government", "President", "Prime", "Minister", "Foreign", "Office", "Commissar", "Marshal",
    "General", "Colonel", "Ambassador", "Secretary", "Party", "Communist", "Communists", "Reich",
    "Kremlin", "Lend-Lease", "Lend", "Lease", "Union", "Army's", "Stalin's", "Hitler's", "Berlin's",
    "Moscow's", "Roosevelt's", "Churchill's", "Germany's", "Russia's", "Britain's", "Japan's",
    "Italy's", "Poland's", "Sweden's", "Europe's", "America's", "Washington's", "London's",
    "Will", "Can", "Should", "Would", "Let", "Keep", "Press", "Accept", "Refuse", "Reject", "Deny",
    "Say", "Tell", "Send", "Stay", "Break", "Answer", "Offer", "Wait", "Make", "Give", "Take",
}


def card_texts(scenario: Scenario) -> list[tuple[str, str]]:
    """(event id, text) for every piece of text a player reads on a card."""
    texts = []
    for event in scenario.events:
        texts += [(event.id, text) for text in (event.title, event.text, event.framing, event.in_1943)]
        texts += [(event.id, chance.then + " " + chance.orelse) for chance in event.chance_texts]
        for option in event.options:
            texts += [(event.id, text) for text in (option.label, option.hint, option.outcome, option.reason)]
    return texts


def names_in(text: str) -> set[str]:
    """Capitalised names in a text, leaving out sentence starts and common words."""
    found = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        words = sentence.split(None, 1)
        rest = words[1] if len(words) > 1 else ""
        for match in re.finditer(r"\b[A-Z][A-Za-zà-ÿ'’\-]+(?:\s+(?:von\s+)?[A-Z][A-Za-zà-ÿ'’\-]+)*", rest):
            name = match.group(0).replace("’", "'")
            parts = name.split()
            while parts and _common(parts[0]):
                parts.pop(0)
            while parts and _common(parts[-1]):
                parts.pop()
            if parts:
                found.add(" ".join(parts))
    return found


def _common(word: str) -> bool:
    return word in COMMON or word.removesuffix("'s") in COMMON


def missing_glossary_terms(scenario: Scenario) -> list[str]:
    """One message per name on a card that no glossary term covers."""
    terms = [entry.term.lower() for entry in scenario.glossary]
    missing: dict[str, str] = {}
    for event_id, text in card_texts(scenario):
        for name in names_in(text):
            key = name.lower().removesuffix("'s")
            if any(key in term or term in key for term in terms):
                continue
            missing.setdefault(name, event_id)
    return [f"'{name}' (event {event_id}) has no glossary entry" for name, event_id in sorted(missing.items())]
