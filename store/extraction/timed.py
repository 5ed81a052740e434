"""Timed transcripts read as prose.

A video page's transcript stamps each caption line with the time it is spoken at, with a space
or without one ("00:08 The group of soldiers announced on Wednesday that they'd seized power
because of the West", "00:11African country's deteriorating security situation."), in
brackets ("[00:00:11] Speaker 2: …"), on a line of its own ("0:44.0", then the words), or as a
subtitle file's numbered time ranges ("12", "00:06:03,529 --> 00:06:04,739", then the words).
The stamps are the player's markup, like a page's HTML tags: read as they stand, each caption
line would be a sentence of its own, half a sentence long, most of them taken for headings.
`untimed` removes the stamps and joins each run of captions into one paragraph, so the reader
sees the sentences that were spoken; a speaker label ("Speaker 2:", "[Issifou]", "MARC
PERELMAN:") starts a paragraph of its own, as a transcript's turns do.

Text with fewer than MIN_STAMPS stamped lines is returned unchanged: a time in an article ("at
10:30 the convoy left") is not a transcript.
"""

from __future__ import annotations

import re

MIN_STAMPS = 3  # stamped lines, at least, before a text is read as a timed transcript

_TIME = r"[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[\])]?"
_STAMP = rf"(?:\d{{1,5}}\s+)?{_TIME}(?:\s*-->\s*{_TIME})?"
# a stamp, then its caption: after a space, or glued to it as Dailymotion's transcripts print
# it ("00:59to Niger, which depends on it…")
STAMPED = re.compile(rf"[ \t]*{_STAMP}(?:[ \t]+(?=[^\s-])|(?=[^\s\d,.:\])-]))")
BARE = re.compile(rf"[ \t]*{_STAMP}[ \t]*$")  # a stamp alone: the caption is on the next line
INDEX = re.compile(r"[ \t]*\d{1,5}[ \t]*$")  # a subtitle file's cue number, before its stamp
BLANKS = re.compile(r"\n{3,}")
LABEL = re.compile(r"(?:\[[^\]\n]{1,40}\]|[A-Z][\w.’'\- ]{0,40}:)\s")  # "[Issifou] ", "Speaker 2: "


def untimed(text: str) -> str:
    """``text`` with its caption stamps removed and each run of captions one paragraph per
    speaker turn; unchanged unless at least MIN_STAMPS lines are stamped."""
    lines = text.split("\n")
    if sum(1 for line in lines if STAMPED.match(line) or BARE.match(line)) < MIN_STAMPS:
        return text
    out: list[str] = []
    run: list[str] = []  # the captions of the turn being read
    awaiting = False  # a bare stamp was read: the next line of words is its caption
    for i, line in enumerate(lines):
        bare = BARE.match(line)
        stamped = None if bare else STAMPED.match(line)
        if stamped or bare or _cue_number(lines, i):
            if stamped:
                _add(out, run, line[stamped.end() :].strip())
            awaiting = not stamped
            continue
        if not line.strip():
            if not run:
                out.append(line)
            continue  # blank lines between captions do not end the run
        if awaiting:
            _add(out, run, line.strip())
            awaiting = False
            continue
        _flush(out, run)
        out.append(line)
    _flush(out, run)
    return BLANKS.sub("\n\n", "\n".join(out))


def _cue_number(lines: list[str], i: int) -> bool:
    """A subtitle cue's number: a line of digits alone, just before a stamp."""
    return bool(INDEX.match(lines[i])) and i + 1 < len(lines) and bool(BARE.match(lines[i + 1]))


def _add(out: list[str], run: list[str], caption: str) -> None:
    """Add a caption to the turn being read; a speaker label starts a new turn."""
    if not caption:
        return
    if run and LABEL.match(caption):
        _flush(out, run)
    run.append(caption)


def _flush(out: list[str], run: list[str]) -> None:
    """End the turn being read: its captions become one paragraph, set apart by blank lines."""
    if run:
        out.extend(["", " ".join(run), ""])
        run.clear()
