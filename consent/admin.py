"""
Staff's view of consent: grants, declared models, attestations and overdue-attestation cases.
Everything a service owns is read-only, nothing is deleted, and every action calls a service.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from consent.models import Attestation, AttestationCase, Grant, GrantEvent, ModelDeclaration
from consent.services import attestations as attestation_services
from consent.services import grants as services
from consent.states import STAFF
from portal.exceptions import DomainError


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        editable = set(getattr(self, "staff_editable", ()))
        return [f.name for f in self.model._meta.fields if f.name not in editable]


class GrantEventInline(admin.TabularInline):
    model = GrantEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "on_behalf_of", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin):
    list_display = ["pk", "listing", "studio", "role", "status", "sign_by", "ends_at"]
    list_filter = ["status"]
    search_fields = ["listing__stage_name", "studio__name", "role__brief__title"]
    list_select_related = ["listing", "studio", "role"]
    inlines = [GrantEventInline]
    actions = ["suspend", "resume", "revoke"]

    def _act(self, request, queryset, action: str):
        done = 0
        for grant in queryset:
            try:
                services.grant_transition(
                    grant=grant,
                    action=action,
                    party=STAFF,
                    acting_user=request.user,
                    reason=str(_("By Portrait staff.")),
                )
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{grant}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(n)s consent grant(s) changed.") % {"n": done})

    @admin.action(description=_("Suspend the selected consent grants"))
    def suspend(self, request, queryset):
        self._act(request, queryset, "suspend")

    @admin.action(description=_("Resume the selected consent grants (inside their term)"))
    def resume(self, request, queryset):
        self._act(request, queryset, "resume")

    @admin.action(description=_("Revoke the selected consent grants"))
    def revoke(self, request, queryset):
        self._act(request, queryset, "revoke")


@admin.register(ModelDeclaration)
class ModelDeclarationAdmin(ReadOnlyAdmin):
    list_display = ["name", "base_model", "grant", "location", "created_at"]
    search_fields = ["name", "base_model", "grant__studio__name"]


@admin.register(Attestation)
class AttestationAdmin(ReadOnlyAdmin):
    list_display = ["grant", "due_at", "attested_at", "reminders_sent"]
    list_filter = [("attested_at", admin.EmptyFieldListFilter)]


@admin.register(AttestationCase)
class AttestationCaseAdmin(ReadOnlyAdmin):
    list_display = ["attestation", "status", "created_at", "resolved_at"]
    list_filter = ["status"]
    staff_editable = ("notes",)
    actions = ["resolve"]

    @admin.action(description=_("Mark the selected cases resolved"))
    def resolve(self, request, queryset):
        for case in queryset:
            attestation_services.attestation_case_resolve(case=case, staff_user=request.user)
        self.message_user(request, _("Resolved."))
