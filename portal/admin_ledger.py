"""
The ledger in the admin: readable by every staff member who can use the admin (it is public
anyway), and changeable by nobody, superusers included. Receipts, checkpoints and keys too.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.models import Checkpoint, LedgerEntry, Receipt, SigningKey


class ReadOnlyAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "created_at", "event_type", "subject_type", "subject_id", "actor"]
    list_filter = ["event_type"]
    list_select_related = ["actor"]
    search_fields = ["subject_id", "event_type", "entry_hash"]
    show_full_result_count = False


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "subject_type", "subject_id", "issued_at", "public_page"]
    list_filter = ["kind"]
    search_fields = ["id", "subject_id"]

    @admin.display(description=_("public page"))
    def public_page(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("receipt_verify", args=[obj.id]), _("verify")
        )


@admin.register(Checkpoint)
class CheckpointAdmin(ReadOnlyAdmin):
    list_display = ["size", "root_hash", "key_id", "created_at"]


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyAdmin):
    list_display = ["key_id", "public_key", "created_at"]
