"""Short source extracts for the student packet, built from quotations the article prints.

Students cannot open the 1972 article; each extract gives a speaker's own words as the
article quotes them, the date, the article's footnote and what the footnote cites, and
the lesson cards it helps with. The quotations are kept word for word (a test checks them
against the article's text); the framing sentences are the game's own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extract:
    """One source extract."""

    number: int
    speaker: str
    date: str
    quotation: str
    note: int
    cited: str
    context: str
    #: event ids of the cards it belongs with (cards missing from a scenario are left out)
    cards: tuple[str, ...]
    #: the article's question (1-4) it helps to answer
    question: int


EXTRACTS: tuple[Extract, ...] = (
    Extract(1, "Stalin, in a public speech", "6 November 1942",
            "it is not our aim to destroy all organized military force in Germany", 37,
            "Stalin's speech on the twenty-fifth anniversary of the revolution, printed in Rothstein's collection "
            "of Soviet documents (London, 1944).",
            "Spoken days before the ring closed at Stalingrad. The article reads it as a hand held out to the "
            "German army rather than to Hitler.",
            ("stalin_not_destroy_german_army", "break_with_polish_government"), 2),
    Extract(2, "Vojtech Mastny, the historian, on the spring talks near Stockholm", "1972, about April 1943",
            "It was in the spring of 1943, if ever during the war, that the time was ripe", 57,
            "American and British intelligence reports from late 1942 to autumn 1943, a German diplomat's report "
            "from Lisbon, and Peter Kleist's memoir European Tragedy.",
            "The historian's own judgement, not a wartime voice. The reports in note 57 say Berlin wanted a "
            "satellite Ukraine and economic concessions, while Moscow wanted the frontier of 1941; the Germans gave "
            "no sign of giving back the frontier they had crossed in June 1941.",
            ("berlin_terms", "katyn_announced", "break_with_polish_government"), 1),
    Extract(3, "Stalin, Order of the Day", "1 May 1943",
            "judge their adversaries by their own standards of treachery", 58,
            "Stalin's May Day order to the Red Army, printed in Rothstein's collection.",
            "Stalin says it is the Nazis who talk of a separate peace, because they judge others by themselves. "
            "The talks near Stockholm were reportedly broken off at about this time.",
            ("break_with_polish_government", "stalin_reply_june"), 4),
    Extract(4, "Sovinformburo, the Soviet information agency", "22 June 1943",
            "without a second front victory over Germany is impossible", 72,
            "An article on two years of war in Pravda, 22 June 1943.",
            "Published after London and Washington had said, on 4 June, that there would be no landing in France "
            "before May 1944. The article calls the sentence ambiguous: a complaint, or a hint?",
            ("invasion_delayed_to_1944", "stalin_reply_june"), 3),
    Extract(5, "Goebbels to Hitler, and Hitler's answer (from Goebbels's diary)", "September 1943",
            "we must come to an arrangement with one side or the other", 80,
            "Goebbels's diary for 23 September 1943, in the English edition of 1948.",
            "Hitler answered that he would rather negotiate with Stalin, but did not believe it would work. By then "
            "the German offensive at Kursk had failed.",
            ("kursk_offensive", "goebbels_one_side_or_other", "stalin_accepts_summit"), 2),
    Extract(6, "Robert E. Sherwood, an aide to Roosevelt", "August 1943",
            "alarmingly reminiscent of that which preceded the Molotov-Ribbentrop pact of August 1939", 108,
            "Sherwood's book Roosevelt and Hopkins (New York, 1948).",
            "Washington's fear of a separate peace peaked in the late summer, when the article thinks the real chance "
            "had already passed.",
            ("stalin_accepts_summit", "sherwood_alarm", "teheran_conference"), 3),
    Extract(7, "General Albert C. Wedemeyer, an American planner, after the war", "1958, about 1943",
            "was simply holding the idea over our heads and blackmailing us to give him more aid", 100,
            "Wedemeyer's memoir, Wedemeyer Reports! (New York, 1958).",
            "One Western view: Stalin only pretended he might make peace. The article disagrees: the rumours came "
            "from too many separate sources, and Moscow tried to quiet them.",
            ("stalin_reply_june", "teheran_conference"), 4),
    Extract(8, "Stalin at the Teheran conference", "29 November 1943",
            "There is no need to speak at the present time about any Soviet desires, but when the time comes we "
            "will speak", 122,
            "American minutes of the meeting, printed in the State Department's volume on the Cairo and Teheran "
            "conferences (Washington, 1961).",
            "In spring Moscow seemed to want the frontier of 1941; at Teheran Stalin would not say what he wanted. "
            "The article sees his aims growing with his chances.",
            ("teheran_conference", "teheran_soviet_desires"), 3),
)


def extracts_for(cards: set[str]) -> list[Extract]:
    """The extracts tied to any of ``cards`` (all of them when ``cards`` is empty)."""
    if not cards:
        return list(EXTRACTS)
    return [extract for extract in EXTRACTS if cards & set(extract.cards)]
