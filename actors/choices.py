"""The vocabulary of listings and terms. Pitches and consents (later apps) use the same values."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_VERIFICATION = "awaiting_verification", _("Awaiting verification")
    LISTED = "listed", _("Listed")
    PAUSED = "paused", _("Paused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RepresentationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


class GuardianshipStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


class UseType(models.TextChoices):
    FACE = "face", _("Face")
    VOICE = "voice", _("Voice")
    BODY = "body", _("Body")
    DIGITAL_DOUBLE = "digital_double", _("Digital double")
    DE_AGEING = "de_ageing", _("De-ageing")


class Genre(models.TextChoices):
    DRAMA = "drama", _("Drama")
    ROMANCE = "romance", _("Romance")
    COMEDY = "comedy", _("Comedy")
    ACTION = "action", _("Action")
    THRILLER = "thriller", _("Thriller and crime")
    HORROR = "horror", _("Horror")
    SCI_FI = "sci_fi", _("Science fiction")
    FANTASY = "fantasy", _("Fantasy and xianxia")
    HISTORICAL = "historical", _("Historical and costume")
    FAMILY = "family", _("Family and children")
    DOCUMENTARY = "documentary", _("Documentary")
    EDUCATIONAL = "educational", _("Educational")


class Format(models.TextChoices):
    SHORT_DRAMA = "short_drama", _("Short drama")
    FILM = "film", _("Film")
    SERIES = "series", _("Series")
    ADVERTISEMENT = "advertisement", _("Advertisement")
    GAME = "game", _("Game")
    MUSIC_VIDEO = "music_video", _("Music video")
    OTHER = "other", _("Other")


class RedLine(models.TextChoices):
    POLITICAL = "political", _("Political content")
    SEXUAL = "sexual", _("Sexual content or nudity")
    VIOLENCE = "violence", _("Graphic violence")
    ALCOHOL = "alcohol", _("Alcohol")
    TOBACCO = "tobacco", _("Tobacco and vaping")
    GAMBLING = "gambling", _("Gambling")
    MEDICAL_CLAIMS = "medical_claims", _("Medical or health claims")
    FINANCIAL_CLAIMS = "financial_claims", _("Financial or investment claims")
    RELIGION = "religion", _("Religious content")
    WEAPONS = "weapons", _("Weapons")
    DRUGS = "drugs", _("Drugs")


class TrainingUse(models.TextChoices):
    """The four uses the C2PA/CAWG training-and-data-mining assertion separates."""

    DATA_MINING = "data_mining", _("Data mining")
    AI_INFERENCE = "ai_inference", _("AI inference (generation from references)")
    AI_GENERATIVE_TRAINING = "ai_generative_training", _("Generative AI training")
    AI_TRAINING = "ai_training", _("AI training")


class Permission(models.TextChoices):
    ALLOWED = "allowed", pgettext_lazy("training permission", "Allowed")
    NOT_ALLOWED = "not_allowed", pgettext_lazy("training permission", "Not allowed")
    CONSTRAINED = "constrained", pgettext_lazy("training permission", "Allowed with constraints")


class Territory(models.TextChoices):
    WORLDWIDE = "WW", _("Worldwide")
    MAINLAND_CHINA = "CN", _("Mainland China")
    HONG_KONG = "HK", _("Hong Kong")
    MACAO = "MO", _("Macao")
    TAIWAN = "TW", _("Taiwan")
    SOUTHEAST_ASIA = "SEA", _("Southeast Asia")
    JAPAN = "JP", _("Japan")
    KOREA = "KR", _("South Korea")
    NORTH_AMERICA = "NA", _("North America")
    EUROPE = "EU", _("Europe")
    UNITED_KINGDOM = "GB", _("United Kingdom")
    OTHER = "OT", _("Rest of the world")


class Currency(models.TextChoices):
    CNY = "CNY", _("Chinese yuan (CNY)")
    HKD = "HKD", _("Hong Kong dollar (HKD)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")
    GBP = "GBP", _("Pound sterling (GBP)")


class Language(models.TextChoices):
    MANDARIN = "cmn", _("Mandarin")
    CANTONESE = "yue", _("Cantonese")
    SHANGHAINESE = "wuu", _("Shanghainese")
    HOKKIEN = "nan", _("Hokkien")
    SICHUANESE = "sichuanese", _("Sichuanese")
    NORTHEASTERN = "dongbei", _("Northeastern Mandarin")
    ENGLISH = "en", _("English")
    JAPANESE = "ja", _("Japanese")
    KOREAN = "ko", _("Korean")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")


class AgentRight(models.TextChoices):
    """What an actor may delegate to an agent: each is a guardian object permission."""

    EDIT_LISTING = "edit_listing", _("Edit the listing, its terms and media")
    ANSWER_PITCHES = "answer_pitches", _("Answer pitches")
    SIGN_GRANTS = "sign_grants", _("Sign consent grants")


MAX_TERM_MONTHS_ADULT = 120  # the NO FAKES bill's cap: 10 years
MAX_TERM_MONTHS_MINOR = 60  # 5 years for minors
DEFAULT_TERM_MONTHS = 12
DEFAULT_RESPONSE_WINDOW_HOURS = 72
