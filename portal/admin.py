from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.models import AuditEvent, Notification, User, UserRole


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 0
    readonly_fields = ["role", "added_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_active", "role_set__role"]
    search_fields = ["email", "display_name"]
    ordering = ["-date_joined"]
    readonly_fields = ["email", "last_login", "date_joined", "deleted_at", "password"]
    fields = [
        "email",
        "display_name",
        "language",
        "is_active",
        "is_staff",
        "is_superuser",
        "groups",
        "last_login",
        "date_joined",
        "deleted_at",
    ]
    filter_horizontal = ["groups"]
    inlines = [UserRoleInline]

    def has_add_permission(self, request):
        # Accounts are created through sign-up, so email verification and MFA always apply.
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "on_behalf_of", "target_type", "target_id"]
    list_filter = ["action"]
    list_select_related = ["actor", "on_behalf_of"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    search_fields = ["target_id", "action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.site_url = "/"
admin.site.empty_value_display = _("(none)")

# The ledger, receipts, checkpoints and keys: read-only for every staff member (issue 8).
from portal import admin_ledger  # noqa: E402, F401
