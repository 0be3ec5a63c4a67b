"""Staff's tools for studios and briefs. Every action calls the same service a page would."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actors.choices import Territory, UseType
from actors.templatetags.actors import _labels, format_label, genre_label
from creators.choices import Channel, SensitiveContent
from creators.models import (
    REVIEW_NOTES_MAX_LENGTH,
    Brief,
    BriefRole,
    Interest,
    PitchMessage,
    Studio,
    StudioInvitation,
    StudioMembership,
)
from creators.services import briefs as brief_services
from creators.services import moderation as moderation_services
from creators.services import studios as studio_services
from portal.exceptions import DomainError
from portal.text import amount, human_list


class MembershipInline(admin.TabularInline):
    model = StudioMembership
    extra = 0
    can_delete = False
    fields = ["user", "role", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # members join by invitation; roles change through the studio's page


@admin.register(Studio)
class StudioAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "legal_entity", "country", "verified_at", "created_at"]
    list_filter = [("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug", "legal_entity"]
    readonly_fields = ["verified_at", "verified_by", "created_by"]
    inlines = [MembershipInline]
    actions = ["verify_studio"]

    @admin.action(description=_("Verify the selected studios"))
    def verify_studio(self, request, queryset):
        done = 0
        for studio in queryset:
            try:
                studio_services.studio_verify(studio=studio, staff_user=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{studio}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(n)s studio(s) verified.") % {"n": done})


@admin.register(StudioInvitation)
class StudioInvitationAdmin(admin.ModelAdmin):
    list_display = ["studio", "email", "role", "expires_at", "accepted_at"]
    readonly_fields = [f.name for f in StudioInvitation._meta.fields]

    def has_add_permission(self, request):
        return False


class RoleInline(admin.StackedInline):
    model = BriefRole
    extra = 0
    can_delete = False
    fields = ["character_name", "description", "use_types_display", "scenes_display"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("use types needed"))
    def use_types_display(self, role):
        return human_list(_labels(UseType)(role.use_types)) or "—"

    @admin.display(description=_("scenes"))
    def scenes_display(self, role):
        """Every scene the role is asked to play, as staff must check them before publishing."""
        scenes = list(role.scenes.all())
        if not scenes:
            return "—"
        items = format_html_join(
            "",
            "<li>{}. {} ({})</li>",
            (
                (
                    scene.number,
                    scene.description,
                    ngettext("%(n)s shot", "%(n)s shots", scene.shot_count)
                    % {"n": scene.shot_count},
                )
                for scene in scenes
            ),
        )
        return format_html("<ol>{}</ol>", items)


class ReturnReasonsForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons the studio will read"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=REVIEW_NOTES_MAX_LENGTH,
    )


@admin.register(Brief)
class BriefAdmin(admin.ModelAdmin):
    list_display = ["title", "studio", "status", "visibility", "submitted_at", "published_at"]
    list_filter = ["status", "visibility"]
    search_fields = ["title", "studio__name"]
    list_select_related = ["studio"]
    # Staff read every code as its label, in their language (the studio wrote the codes).
    fields = [
        "studio",
        "title",
        "logline",
        "synopsis",
        "genre_display",
        "format_display",
        "rating",
        "sensitive_display",
        "channels_display",
        "territories_display",
        "term_months",
        "ai_tool",
        "ai_method",
        "data_plan",
        "dialogue",
        "starts_on",
        "ends_on",
        "budget_display",
        "visibility",
        "status",
        "review_notes",
        "submitted_at",
        "published_at",
        "created_by",
    ]
    readonly_fields = fields
    inlines = [RoleInline]
    actions = ["publish", "return_with_reasons"]

    def has_change_permission(self, request, obj=None):
        return False  # staff review briefs; the studio writes them

    @admin.display(description=_("genre"))
    def genre_display(self, brief):
        return genre_label(brief.genre) or "—"

    @admin.display(description=_("format"))
    def format_display(self, brief):
        return format_label(brief.format) or "—"

    @admin.display(description=_("sensitive content"))
    def sensitive_display(self, brief):
        return human_list(_labels(SensitiveContent)(brief.sensitive_content)) or "—"

    @admin.display(description=_("distribution channels"))
    def channels_display(self, brief):
        return human_list(_labels(Channel)(brief.channels)) or "—"

    @admin.display(description=_("territories"))
    def territories_display(self, brief):
        return human_list(_labels(Territory)(brief.territories)) or "—"

    @admin.display(description=_("budget"))
    def budget_display(self, brief):
        if brief.budget_min is None and brief.budget_max is None:
            return "—"
        low, high = amount(brief.budget_min) or "—", amount(brief.budget_max) or "—"
        return f"{low} – {high} {brief.currency}"

    @admin.action(description=_("Publish the selected briefs"))
    def publish(self, request, queryset):
        done = 0
        for brief in queryset:
            try:
                brief_services.brief_publish(brief=brief, staff_user=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{brief}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(n)s brief(s) published.") % {"n": done})

    @admin.action(description=_("Return the selected briefs with reasons"))
    def return_with_reasons(self, request, queryset):
        """An intermediate page asks for the reasons; its form posts back to this action."""
        form = ReturnReasonsForm(request.POST if "confirm" in request.POST else None)
        if not form.is_valid():
            context = {**self.admin_site.each_context(request), "briefs": queryset, "form": form}
            return TemplateResponse(request, "creators/brief_admin_return.html", context)
        done = 0
        for brief in queryset:
            try:
                brief_services.brief_return(
                    brief=brief, staff_user=request.user, reasons=form.cleaned_data["reasons"]
                )
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{brief}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(n)s brief(s) returned.") % {"n": done})
        return None


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["brief", "listing", "expressed_by", "created_at"]
    readonly_fields = ["brief", "listing", "expressed_by", "note"]


# --- pitch messages the contact filter held (security finding 5) ----------------------------


@admin.register(PitchMessage)
class PitchMessageAdmin(admin.ModelAdmin):
    """Held messages wait here; staff release or reject them through the moderation services."""

    list_display = ["pitch", "side", "author", "held_reason", "moderation", "created_at"]
    list_filter = ["moderation"]
    list_select_related = ["author"]
    readonly_fields = [
        "pitch",
        "side",
        "author",
        "body",
        "created_at",
        "moderation",
        "held_reason",
        "moderated_by",
        "moderated_at",
    ]
    actions = ["release", "reject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the thread is written by the two sides; staff only decide on held ones

    def has_delete_permission(self, request, obj=None):
        return False

    def _moderate(self, request, queryset, service, done_text):
        done = 0
        for message in queryset:
            try:
                service(message=message, staff_user=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{message}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, done_text % {"n": done})

    @admin.action(description=_("Release the selected held messages to the other side"))
    def release(self, request, queryset):
        self._moderate(
            request,
            queryset,
            moderation_services.pitch_message_release,
            _("%(n)s message(s) released."),
        )

    @admin.action(description=_("Reject the selected held messages"))
    def reject(self, request, queryset):
        self._moderate(
            request,
            queryset,
            moderation_services.pitch_message_reject,
            _("%(n)s message(s) rejected."),
        )
