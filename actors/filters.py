"""
The directory's filter form: input shape only. The selector (actors.selectors) decides what
each filter means in SQL; this form turns a query string into ``DirectoryFilters``. The
template writes the controls out by hand (for speed), so widgets here carry only placeholders.

A plain form rather than a django-filter FilterSet: the text search and the JSON-list filters
differ by database, and that logic belongs in one selector the API can call too.
"""

from decimal import Decimal

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from actors.choices import Currency, Genre, Language, TrainingUse, UseType
from actors.selectors import DirectoryFilters, DirectorySort

GENDER_CHOICES = [
    ("", _("Any")),
    ("woman", _("Woman")),
    ("man", _("Man")),
    ("nonbinary", _("Non-binary")),
]
TRAINING_CHOICES = [("", _("Any (generation only is the default)")), *TrainingUse.choices]
SORT_CHOICES = [
    (DirectorySort.RELEVANCE, _("Best match")),
    (DirectorySort.NEWEST, _("Newest")),
    (DirectorySort.FEE, _("Lowest fee floor")),
]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or words"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("张伟, Zhang Wei, wuxia…")}),
        help_text=_("Chinese or English: stage names, headlines, biographies, skills, credits."),
    )
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=GENDER_CHOICES)
    age = forms.IntegerField(
        label=_("Playing age"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Actors who can play this age."),
    )
    location = forms.CharField(
        label=_("Location"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": _("上海, London…")}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Speaks all of"), required=False, choices=Language.choices
    )
    use_types = forms.MultipleChoiceField(
        label=_("Allows all of these uses"),
        required=False,
        choices=UseType.choices,
    )
    genres = forms.MultipleChoiceField(
        label=_("Accepts all of these genres"),
        required=False,
        choices=Genre.choices,
    )
    training = forms.ChoiceField(
        label=_("Allows training use"),
        required=False,
        choices=TRAINING_CHOICES,
        help_text=_("Allowed outright or with constraints in the actor's terms."),
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        required=False,
        choices=[("", _("Any currency")), *Currency.choices],
    )
    budget = forms.DecimalField(
        label=_("Your budget"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        help_text=_("Actors whose fee floor is at or under it, in the currency chosen."),
    )
    verified = forms.BooleanField(label=_("Identity verified only"), required=False)
    available = forms.BooleanField(
        label=_("Taking new pitches now"),
        required=False,
        help_text=_("Leaves out paused listings."),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=SORT_CHOICES,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        query = str(self.data.get("q") or "").strip() if self.is_bound else ""
        if not query:
            # Without search words nothing is matched, so "Best match" would do nothing: the
            # list is newest first, as the page's hint says, and the menu says the same.
            self.fields["sort"] = forms.ChoiceField(
                label=self.fields["sort"].label,
                required=False,
                choices=[c for c in SORT_CHOICES if c[0] != DirectorySort.RELEVANCE],
            )

    def clean(self):
        cleaned = super().clean()
        # Fees are only comparable within a currency (no exchange rates here).
        if cleaned.get("budget") is not None and not cleaned.get("currency"):
            self.add_error("budget", _("Choose the currency of your budget."))
        return cleaned

    def to_filters(self) -> DirectoryFilters:
        """The filters that validated; a field with an error is left out, not guessed at."""
        if not self.is_bound:
            return DirectoryFilters()
        self.is_valid()  # cleaned_data then holds exactly the fields that validated
        data = self.cleaned_data
        return DirectoryFilters(
            query=data.get("q") or "",
            gender=data.get("gender") or "",
            age=data.get("age"),
            languages=tuple(data.get("languages") or ()),
            location=(data.get("location") or "").strip(),
            use_types=tuple(data.get("use_types") or ()),
            genres=tuple(data.get("genres") or ()),
            training=data.get("training") or "",
            currency=data.get("currency") or "",
            budget=data.get("budget"),
            verified_only=bool(data.get("verified")),
            available_now=bool(data.get("available")),
            sort=data.get("sort") or "",
        )

    @property
    def has_filters(self) -> bool:
        """Anything beyond the sort order narrows the results."""
        filters = self.to_filters()
        return filters != DirectoryFilters(sort=filters.sort)

    def controls(self) -> dict[str, str]:
        """Each field's label, control and messages as HTML, keyed by field name."""
        return {name: self._control(name) for name in _CONTROLS}

    def _control(self, name: str) -> str:
        field = self[name]
        render, attrs = _CONTROLS[name]
        if field.errors or _has_value(field.value()):
            return render(field, **attrs)
        # An empty control reads the same for every visitor in a language: most of a page's
        # controls are empty, and rendering them costs more than the page's queries.
        # The sort menu has two forms: with search words it offers "Best match" too.
        choices = tuple(value for value, _label in getattr(field.field, "choices", ()))
        key = (get_language(), self.auto_id, name, choices)
        if key not in _empty_controls:
            _empty_controls[key] = render(field, **attrs)
        return _empty_controls[key]


def _has_value(value) -> bool:
    return value not in (None, "", False, [], ())


_empty_controls: dict[tuple, str] = {}


# Controls are written here with format_html rather than through Django's widget templates:
# those render one template per input and option, and made the form a third of the page's
# time (the directory must stay within twice its floor, bench/directory.py). The classes are
# what htmx listens to: text is sent after a pause in typing, choices when they change.


def _described(field) -> str:
    """aria-invalid and aria-describedby, pointing at the ids _messages() writes."""
    ids = [f"{field.auto_id}_helptext"] if field.help_text else []
    ids += [f"{field.auto_id}_error"] if field.errors else []
    return format_html(
        "{}{}",
        format_html(' aria-invalid="{}"', "true") if field.errors else "",
        format_html(' aria-describedby="{}"', " ".join(ids)) if ids else "",
    )


def _messages(field) -> str:
    errors = format_html_join("", "<li>{}</li>", ((error,) for error in field.errors))
    return format_html(
        "{}{}",
        format_html('<ul class="field-error" id="{}_error">{}</ul>', field.auto_id, errors)
        if field.errors
        else "",
        format_html(
            '<div class="helptext" id="{}_helptext">{}</div>', field.auto_id, field.help_text
        )
        if field.help_text
        else "",
    )


def _field(field, control: str, css: str = "field") -> str:
    if field.errors:
        css += " has-error"
    return format_html('<div class="{}">{}{}</div>', css, control, _messages(field))


def _text_control(field, input_type: str, **attrs) -> str:
    value = field.value()
    placeholder = field.field.widget.attrs.get("placeholder")
    if placeholder:
        attrs["placeholder"] = placeholder
    extra = format_html_join("", ' {}="{}"', attrs.items())
    control = format_html(
        '<label for="{id}">{label}</label><input type="{type}" name="{name}" id="{id}" '
        'value="{value}" class="directory-live-text" autocomplete="off"{extra}{described}>',
        id=field.auto_id,
        label=field.label,
        type=input_type,
        name=field.html_name,
        value="" if value is None else value,
        extra=extra,
        described=_described(field),
    )
    return _field(field, control)


def _select_control(field) -> str:
    current = "" if field.value() is None else str(field.value())
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if str(value) == current else "", label)
            for value, label in field.field.choices
        ),
    )
    control = format_html(
        '<label for="{id}">{label}</label><select name="{name}" id="{id}" '
        'class="directory-live-choice"{described}>{options}</select>',
        id=field.auto_id,
        label=field.label,
        name=field.html_name,
        described=_described(field),
        options=options,
    )
    return _field(field, control)


def _checkbox_control(field) -> str:
    control = format_html(
        '<label class="checkbox" for="{id}"><input type="checkbox" name="{name}" id="{id}" '
        'class="directory-live-choice"{checked}{described}> {label}</label>',
        id=field.auto_id,
        name=field.html_name,
        checked=" checked" if field.value() else "",
        described=_described(field),
        label=field.label,
    )
    return _field(field, control, "field field--check")


def _checkbox_group(field) -> str:
    """A collapsed group of checkboxes, open when any is ticked (a long list otherwise)."""
    chosen = {str(value) for value in field.value() or ()}
    boxes = format_html_join(
        "",
        '<label class="checkbox" for="{0}_{1}"><input type="checkbox" name="{2}" value="{3}" '
        'id="{0}_{1}" class="directory-live-choice"{4}> {5}</label>',
        (
            (field.auto_id, i, field.html_name, value, " checked" if value in chosen else "", label)
            for i, (value, label) in enumerate(field.field.choices)
        ),
    )
    count = format_html(' <span class="badge">{}</span>', len(chosen)) if chosen else ""
    return format_html(
        '<details class="directory__group"{open}><summary>{label}{count}</summary>'
        '<fieldset><legend class="visually-hidden">{label}</legend>{boxes}</fieldset></details>',
        open=" open" if chosen else "",
        label=field.label,
        count=count,
        boxes=boxes,
    )


_CONTROLS = {
    "q": (_text_control, {"input_type": "search", "maxlength": 100}),
    "sort": (_select_control, {}),
    "gender": (_select_control, {}),
    "age": (_text_control, {"input_type": "number", "min": 0, "max": 100, "inputmode": "numeric"}),
    "location": (_text_control, {"input_type": "text", "maxlength": 60}),
    "languages": (_checkbox_group, {}),
    "use_types": (_checkbox_group, {}),
    "genres": (_checkbox_group, {}),
    "training": (_select_control, {}),
    "currency": (_select_control, {}),
    "budget": (
        _text_control,
        {"input_type": "number", "min": 0, "step": "0.01", "inputmode": "decimal"},
    ),
    "verified": (_checkbox_control, {}),
    "available": (_checkbox_control, {}),
}
