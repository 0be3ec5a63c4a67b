"""
Numbers and lists written as people write them in the page's language.

English lists take ", "; Chinese lists take the enumeration comma 、 (and a full-width colon
after a label, which templates write themselves). Money and counts are grouped by thousands
in both languages (30,000), without trailing zeros for whole amounts (never ``30000.00``).
"""

from decimal import Decimal, InvalidOperation

from django.utils import translation


def is_chinese() -> bool:
    return (translation.get_language() or "").lower().startswith("zh")


def list_separator() -> str:
    return "、" if is_chinese() else ", "


def human_list(items) -> str:
    """``["a", "b", "c"]`` as "a, b, c" in English and "a、b、c" in Chinese."""
    return list_separator().join(str(item) for item in items or [] if str(item))


def amount(value) -> str:
    """A count or sum with grouped digits: 30000.00 -> "30,000"; 1234.5 -> "1,234.50"."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,.2f}"


def colon() -> str:
    """After a label: "Roles: " in English, "角色：" in Chinese."""
    return "：" if is_chinese() else ": "


def parenthesised(text) -> str:
    """An aside: " (face, voice)" in English, "（面部、声音）" in Chinese."""
    text = str(text or "")
    if not text:
        return ""
    return f"（{text}）" if is_chinese() else f" ({text})"
