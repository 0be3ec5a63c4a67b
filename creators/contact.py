"""
Contact details stay off the portal until a consent exists. This module decides, for any text a
pitch carries (the opening message, a note, a message on the thread), whether it is clean,
clearly carries contact details (refused, with a reason), or is doubtful (held for a moderator).

People dodge filters: full-width or circled digits, zero-width spaces, number words in Chinese
or English, "a at b dot com", "加V", "QQ" followed by a number, links to messengers. So the text
is normalised first (NFKC, zero-width characters removed, number words and circled digits to
digits, Chinese punctuation to ASCII), then matched. Innocent texts must pass: dates, fees such
as 30000 or 10,000-50,000, scene numbers.
"""

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from portal.exceptions import DomainError


class Verdict(StrEnum):
    CLEAN = "clean"
    HOLD = "hold"  # doubtful: stored, shown to nobody on the other side until staff release it
    REFUSE = "refuse"  # clearly contact details: nothing is stored


@dataclass(frozen=True)
class ContactCheck:
    verdict: Verdict
    reason: str = ""  # which rule matched, for moderators (never shown to the other side)


# --- normalisation -------------------------------------------------------------------------

_ZERO_WIDTH = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
        "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
        "\u3164\ufeff\uffa0",
    ),
    None,
)
# Circled and parenthesised digits NFKC leaves alone (dingbats), and the Chinese number words
# people spell phone numbers with. 十 and 百 are left alone: they build amounts, not digits.
_DIGIT_CHARS = {
    **{chr(0x2776 + i): str((i + 1) % 10) for i in range(10)},  # ❶..❿
    **{chr(0x2780 + i): str((i + 1) % 10) for i in range(10)},  # ➀..➉
    **{chr(0x278A + i): str((i + 1) % 10) for i in range(10)},  # ➊..➓
    **{chr(0x24F5 + i): str((i + 1) % 10) for i in range(10)},  # ⓵..⓾
    "⓪": "0",
    "⓿": "0",
    **dict.fromkeys("零〇○洞", "0"),
    **dict.fromkeys("一壹幺么", "1"),
    **dict.fromkeys("二贰两", "2"),
    **dict.fromkeys("三叁", "3"),
    **dict.fromkeys("四肆", "4"),
    **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆", "6"),
    **dict.fromkeys("七柒拐", "7"),
    **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九玖勾", "9"),
    # Chinese punctuation NFKC keeps: 。 as a dot in "qq。com", 、 as a separator.
    "。": ".",
    "、": ",",
    "—": "-",
    "–": "-",
    "‐": "-",
    "‑": "-",
    "―": "-",
    "·": ".",
    "•": ".",
    "➕": "+",
}
_DIGIT_TABLE = str.maketrans(_DIGIT_CHARS)
_WORDS = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_WORD_RE = re.compile(r"\b(" + "|".join(_WORDS) + r")\b")
# "a at b dot com", "a(at)b", "a [at] b", "a 艾特 b", "a 圈a b"; "dot", "(dot)", "点" for dots.
_AT_RE = re.compile(r"\s*(?:[(\[{<]\s*at\s*[)\]}>]|\bat\b|艾特|圈a)\s*")
_DOT_RE = re.compile(r"\s*(?:[(\[{<]\s*dot\s*[)\]}>]|\bdot\b|点)\s*")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    text = text.translate(_DIGIT_TABLE).lower()
    return _WORD_RE.sub(lambda m: _WORDS[m.group(1)], text)


# --- what counts as contact details --------------------------------------------------------

_TLD = r"(?:com|cn|net|org|io|me|co|hk|tw|jp|uk|us|de|fr|info|biz|edu|gov|xyz|app)"
EMAIL_RE = re.compile(r"[\w.+-]+\s*@\s*[\w-]+(?:\s*\.\s*[\w-]+)*\s*\.\s*" + _TLD + r"\b")
MAILBOX_RE = re.compile(
    r"gmail|hotmail|outlook\.|yahoo|icloud|foxmail|proton\s*mail|qq\s*邮箱|163\s*邮箱|126\s*邮箱"
    r"|邮箱|e-?mail\s*(?:me|address)"
)
LINK_RE = re.compile(
    r"(?:t\s*\.\s*me|telegram\s*\.\s*(?:me|org)|instagram\s*\.\s*com|instagr\s*\.\s*am"
    r"|line\s*\.\s*me|wa\s*\.\s*me|api\s*\.\s*whatsapp|chat\s*\.\s*whatsapp"
    r"|u\s*\.\s*wechat\s*\.\s*com|weixin\s*\.\s*qq|facebook\s*\.\s*com|fb\s*\.\s*me"
    r"|m\s*\.\s*me|x\s*\.\s*com|twitter\s*\.\s*com)\s*/"
)
# A messenger's name followed by an id. Names that are also words ("line", "signal", "ig")
# need an explicit "id", "@" or a colon before an id with a digit or underscore in it.
_HANDLE = r"[a-z0-9][a-z0-9_.-]{3,29}"
_HANDLE_WITH_DIGIT = r"(?=[a-z0-9_.-]*[\d_])" + _HANDLE
_MARK = r"\s*(?:号|id|账号|帐号|号码)\s*[:=是为]?\s*@?|\s*[:=是为]\s*@?"
MESSENGER_ID_RE = re.compile(
    r"(?:微信|威信|薇信|徽信|wei\s*xin|we\s*chat|wx|vx|v\s*信|加\s*[v微]|\+\s*v|whats\s*app"
    r"|telegram|kakao\s*(?:talk)?|skype)"
    rf"(?:(?:{_MARK}){_HANDLE}|[\s-]*{_HANDLE_WITH_DIGIT})"
    r"|\b(?:line|tg|ig|insta|instagram|signal)"
    rf"(?:\s*id\s*[:=]?\s*@?{_HANDLE}|\s*[:=]?\s*@{_HANDLE}|\s*[:=]\s*{_HANDLE_WITH_DIGIT})"
)
QQ_RE = re.compile(r"(?:q\s*q|扣扣|企鹅)\s*(?:号|号码)?\s*[:=是为]?\s*\d{5,}")
MESSENGER_WORD_RE = re.compile(
    r"微信|威信|薇信|wechat|weixin|加\s*v|加\s*微|\bvx\b|\bwx\b|\bqq\b|扣扣|whatsapp|telegram"
    r"|\bline\s*(?:id|app)\b|instagram|\binsta\b|facebook|messenger|skype|kakao|signal app"
    r"|私聊|私信|联系方式|打给我|加我|call me|text me|dm me|ping me|reach me"
)
# Digits with the separators people put in phone numbers (spaces, dots, dashes, slashes,
# brackets), optionally after a "+". Commas are not separators: "scenes 3, 4, 5".
DIGIT_RUN_RE = re.compile(r"\+?\(?\d(?:[\s./\\()_~-]{0,3}\d)*")
DATE_RE = re.compile(
    r"\b(?:19|20)\d\d\s*[-/.年]\s*(?:0?[1-9]|1[0-2])\s*[-/.月]\s*(?:0?[1-9]|[12]\d|3[01])\b日?"
    r"|\b(?:0?[1-9]|[12]\d|3[01])\s*[-/.]\s*(?:0?[1-9]|1[0-2])\s*[-/.]\s*(?:19|20)\d\d\b"
)
TIME_RE = re.compile(r"\b\d{1,2}:\d{2}\b")


def _digits(run: str) -> str:
    return re.sub(r"\D", "", run)


def _is_amount(group: str) -> bool:
    """A round amount (30000, 1000000): budgets and fees, not phone numbers or QQ ids."""
    return len(group) <= 10 and group.endswith("000")


def _phone_verdict(run: str) -> Verdict:
    digits = _digits(run)
    if len(digits) < 7 or len(digits) > 16:
        return Verdict.CLEAN
    groups = re.findall(r"\d+", run)
    if all(_is_amount(g) or len(g) <= 2 for g in groups) and any(_is_amount(g) for g in groups):
        return Verdict.CLEAN  # "10000-50000", "30000 / 2"
    national = re.sub(r"^(?:00)?86", "", digits)
    if (
        run.startswith("+")
        or re.fullmatch(r"1[3-9]\d{9}", national)
        or re.fullmatch(r"0\d{9,11}", national)
        or any(len(g) >= 7 and not _is_amount(g) for g in groups)
    ):
        return Verdict.REFUSE
    return Verdict.HOLD  # seven or more digits strung together: maybe a number, maybe not


def _number_verdict(text: str) -> ContactCheck:
    text = TIME_RE.sub(" ", DATE_RE.sub(" ", text))
    worst = Verdict.CLEAN
    for match in DIGIT_RUN_RE.finditer(text):
        verdict = _phone_verdict(match.group().strip())
        if verdict == Verdict.REFUSE:
            return ContactCheck(Verdict.REFUSE, "phone or account number")
        if verdict == Verdict.HOLD:
            worst = verdict
    return ContactCheck(worst, "long number" if worst == Verdict.HOLD else "")


def _loose(text: str) -> str:
    """The text with spelled-out separators as symbols: "a at b dot com" -> "a@b.com"."""
    return _DOT_RE.sub(".", _AT_RE.sub("@", text))


def contact_check(text: str) -> ContactCheck:
    text = normalise(text)
    if EMAIL_RE.search(text):
        return ContactCheck(Verdict.REFUSE, "email address")
    if LINK_RE.search(text) or LINK_RE.search(re.sub(r"\s+", "", text)):
        return ContactCheck(Verdict.REFUSE, "messenger link")
    if QQ_RE.search(text) or QQ_RE.search(re.sub(r"[\s.-]+", "", text)):
        return ContactCheck(Verdict.REFUSE, "QQ number")
    if MESSENGER_ID_RE.search(text):
        return ContactCheck(Verdict.REFUSE, "messenger id")
    numbers = _number_verdict(text)
    if numbers.verdict == Verdict.REFUSE:
        return numbers
    if EMAIL_RE.search(_loose(text)):
        return ContactCheck(Verdict.REFUSE, "spelled-out email address")
    if MAILBOX_RE.search(text) or MESSENGER_WORD_RE.search(text):
        return ContactCheck(Verdict.HOLD, "mentions a way to get in touch")
    return numbers


def contact_details_refuse(text: str) -> ContactCheck:
    """Raise when the text clearly carries contact details; otherwise say whether to hold it."""
    check = contact_check(text)
    if check.verdict == Verdict.REFUSE:
        raise DomainError(
            _(
                "Remove email addresses, phone numbers and messenger ids: the two sides talk "
                "on Portrait until a consent is signed."
            ),
            code="contact_details",
        )
    return check
