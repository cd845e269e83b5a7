"""How figures read on screen: coach's numbers plus a character for their direction.

Every state colour shows also has a character or a word, so the numbers read
the same with NO_COLOR and in a light theme.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

NO_VALUE = "–"


def written(value: float) -> Decimal:
    """A score as every screen and export writes it: one decimal, half up."""
    return Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def difference(value: float, other: float) -> float:
    """`value − other` of the two figures as written, not of the exact numbers.

    A change, a gap or a manager's difference stands beside the scores it comes from;
    worked out exactly and rounded after, "3.3 → 4.2" would read "+1.0" (3.25 to 4.2
    is 0.95) and a reader who checks the sum stops trusting every number.
    """
    return float(written(value) - written(other))


def format_score(value: float | None) -> str:
    """One decimal, half up, "–" for no score: the one way every screen and export shows a score."""
    if value is None:
        return "–"
    return str(written(value))


def rating(value: Fraction | int) -> str:
    """One answer's rating: "3" when whole, else one decimal ("2.6": a count of 2 of 5).

    A count saved with another `out_of` than 4 rates an exact fraction
    (docs/definitions.md, "Frequency questions"); one decimal is how a score reads too.
    """
    if isinstance(value, int) or value.denominator == 1:
        return str(int(value))
    return format_score(float(value))


def format_change(value: float | None) -> str:
    """A signed change ("+0.3", "−0.2", "0.0"), with a real minus sign so it reads as one."""
    if value is None:
        return "–"
    text = format_score(abs(value))
    if text == "0.0":
        return text
    return ("+" if value > 0 else "−") + text


def gap(value: float | None) -> str:
    """A gap (target − score, `scores.gap`): "1.2" still to go, "0.0" at target, "−0.3" past it."""
    if value is None:
        return NO_VALUE
    text = format_score(abs(value))
    return f"−{text}" if value < 0 and text != "0.0" else text


def score(value: float | None) -> str:
    """A score, a mean of ratings or a weighted gap: always one decimal ("3.0", never "3"),
    so the same skill's number reads the same on every screen, in every export and sentence."""
    return format_score(value)


def target(value: int | None) -> str:
    """A target as the rubric and the settings give it: a whole level ("4", not "4.0")."""
    return NO_VALUE if value is None else str(value)


def weight(value: float) -> str:
    """A track's weight on a skill, as a factor: "×1.5", "×1"."""
    return f"×{value:g}"


def change(value: float | None) -> str:
    """`▲ +0.3`, `▼ −0.2`, `= 0.0` or `–`: the arrow says what the colour says."""
    text = format_change(value)
    if value is None:
        return text
    if text.startswith("+"):
        return f"▲ {text}"
    if text.startswith("−"):
        return f"▼ {text}"
    return f"= {text}"


def direction(value: float | None) -> str:
    """`up`, `down` or `flat`: a style name for the same fact `change` writes out."""
    text = format_change(value)
    if text.startswith("+"):
        return "up"
    if text.startswith("−"):
        return "down"
    return "flat"


def ratio(value: float | None) -> str:
    return NO_VALUE if value is None else f"{value * 100:.0f}%"


def json_value(value: object) -> str:
    """A JSON value as an error message names it: its kind, or a short quote of it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    return str(value)
