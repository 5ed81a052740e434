"""Plain-text rendering of answers for the terminal (the JSON contract lives on Result.to_dict)."""

from __future__ import annotations

import textwrap

from store.answers import Answer, Kind, Result

WIDTH = 100


def render_result(result: Result, *, bold: bool = False) -> str:
    """The answer line first (when the search made one), then each supporting fact with its
    sentence quoted and its source."""
    strong = (lambda s: f"\033[1m{s}\033[0m") if bold else (lambda s: s)
    lines: list[str] = []
    if result.intent == "help":
        lines.append(
            "Ask about the story: troop numbers, money, dates, people, organisations, "
            "places and statements. Every answer quotes the sentence it comes from."
        )
        lines.append("Examples:")
        lines += [f'  niger-bot ask "{q}"' for q in result.suggestions]
        return "\n".join(lines)
    headline = result.headline()
    if headline:  # the answer itself, before anything else
        lines.append(strong(headline))
    header = f"{result.intent}" + (f" · {result.topic}" if result.topic else "")
    lines.append(f"[{header}] {result.query}")
    for note in result.notes:
        lines.append(f"! {note}")
    for number, answer in enumerate(result.answers, start=1):
        lines.append("")
        sentence = _one_line(answer.quote)
        # a sentence answer is its own summary and quote: shown once, wrapped, in bold
        once = answer.kind == Kind.SENTENCE and bool(sentence)
        if once:
            wrapped = textwrap.wrap(sentence, WIDTH - 5)
            lines.append(f"{number}. {strong(wrapped[0])}")
            lines += [f"   {strong(line)}" for line in wrapped[1:]]
        else:
            lines.append(f"{number}. {strong(_one_line(answer.summary))}")
        facts = [
            f
            for f in (
                answer.value_text(),
                answer.date,
                answer.rule(),
            )
            if f
        ]
        if facts:
            lines.append("   " + " · ".join(str(f) for f in facts))
        if answer.details.get("context"):  # the sentence it carries on from, where "It" is
            read = "with" if answer.details.get("context_follows") else "after"
            context = _one_line(answer.details["context"])
            for line in textwrap.wrap(f"({read}) {context}", WIDTH - 5):
                lines.append(f"   {line}")
        if answer.details.get("nearby"):  # below the floors, from an article that answered
            lines.append("   (a looser match, from the same article)")
        if answer.details.get("closest"):  # nothing answered; this came closest
            lines.append("   (not an answer: the closest sentence found)")
        if answer.quote and not once:
            for line in textwrap.wrap(sentence, WIDTH - 5):
                lines.append(f"   > {line}")
        lines.append(f"   — {_source_line(answer)}")
    if result.suggestions:
        lines.append("")
        label = "Did you mean" if result.answered else "Try"
        lines.append(f"{label}: " + " | ".join(result.suggestions))
    return "\n".join(lines)


def _one_line(text: str) -> str:
    """Text with its runs of blanks as one space: a hard-wrapped report's sentence is quoted as
    the article has it (line breaks and indents), and shown as prose."""
    return " ".join(text.split())


def _source_line(answer: Answer) -> str:
    return ", ".join([*answer.source.attribution(), *filter(None, [answer.source.url])])
