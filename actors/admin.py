from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from actors.models import (
    Guardianship,
    Headshot,
    Listing,
    ListingPrivate,
    OptOut,
    ReferenceAsset,
    RegisterClaim,
    Representation,
    Terms,
)
from actors.services import listings as listing_services
from actors.services import representation as rep_services
from portal.exceptions import DomainError


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TermsInline(ReadOnlyInline):
    model = Terms
    fields = [
        "version",
        "created_at",
        "created_by",
        "use_types",
        "max_term_months",
        "fee_floor",
        "currency",
    ]
    readonly_fields = fields
    ordering = ["-version"]


class PrivateInline(admin.StackedInline):
    model = ListingPrivate
    can_delete = False
    fields = ["legal_name", "date_of_birth", "contact_email", "contact_phone", "identity_document"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class GuardianshipInline(ReadOnlyInline):
    model = Guardianship
    fields = ["guardian", "relationship", "status", "listing_approved_at", "identity_checked_at"]
    readonly_fields = fields


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ["stage_name", "slug", "status", "verified_at", "listed_at", "owner"]
    list_filter = ["status", ("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["stage_name", "slug", "owner__email"]
    list_select_related = ["owner"]
    readonly_fields = [
        "status",
        "status_changed_at",
        "listed_at",
        "verified_at",
        "verified_by",
        "current_terms",
        "owner",
    ]
    inlines = [PrivateInline, GuardianshipInline, TermsInline]
    actions = ["verify_identity"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Verify identity and list the selected listings"))
    def verify_identity(self, request, queryset):
        done = 0
        for listing in queryset:
            try:
                listing_services.listing_verify(listing=listing, staff_user=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{listing}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(n)s listing(s) verified and listed.") % {"n": done})


@admin.register(Guardianship)
class GuardianshipAdmin(admin.ModelAdmin):
    list_display = ["listing", "guardian", "relationship", "status", "identity_checked_at"]
    list_filter = ["status", ("identity_checked_at", admin.EmptyFieldListFilter)]
    readonly_fields = [
        "listing",
        "guardian",
        "relationship",
        "status",
        "listing_approved_at",
        "identity_checked_at",
        "identity_checked_by",
    ]
    actions = ["check_identity"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark the guardian's identity as checked"))
    def check_identity(self, request, queryset):
        recorded = 0
        for guardianship in queryset:
            try:
                rep_services.guardianship_check_identity(
                    guardianship=guardianship, staff_user=request.user
                )
            except DomainError as exc:  # not an active guardianship: the table refuses
                self.message_user(request, f"{guardianship}: {exc.message}", messages.ERROR)
            else:
                recorded += 1
        if recorded:
            self.message_user(request, _("Identity checks recorded."))


@admin.register(Representation)
class RepresentationAdmin(admin.ModelAdmin):
    list_display = ["listing", "agent", "status", "rights", "created_at"]
    list_filter = ["status"]
    readonly_fields = [
        "listing",
        "agent",
        "status",
        "message",
        "rights",
        "responded_at",
        "ended_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(Headshot, ReferenceAsset)
class MediaAdmin(admin.ModelAdmin):
    list_display = ["pk", "listing", "status", "sha256", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["listing", "status", "sha256", "width", "height", "original"]
    exclude = ["derivative", "preview", "image", "thumbnail"]

    def has_add_permission(self, request):
        return False


@admin.register(OptOut)
class OptOutAdmin(admin.ModelAdmin):
    list_display = ["public_name", "created_at", "withdrawn_at"]
    search_fields = ["public_name"]
    readonly_fields = ["user", "created_at", "withdrawn_at"]


@admin.register(RegisterClaim)
class RegisterClaimAdmin(admin.ModelAdmin):
    list_display = ["pk", "listing", "claimant_name", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = [
        "listing",
        "claimant_name",
        "claimant_email",
        "message",
        "status",
        "handled_by",
        "handled_at",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False
