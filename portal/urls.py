from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.webauthn import views as webauthn_views
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from portal import views, views_security, views_trust

handler400 = "portal.views.error_400"
handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("onboarding/", views.onboarding, name="onboarding"),
    path("account/roles/", views.account_roles, name="account_roles"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("", include("portal.ledger_urls")),  # ledger, checkpoints, receipts (issue 8)
    path("", include("consent.urls_shots")),  # consent: shots and the vault under a grant
    # Trust pages and the files every site answers (issue 12).
    path("privacy/", views_trust.privacy, name="privacy"),
    path("terms/", views_trust.terms, name="terms"),
    path("contact/", views_trust.contact, name="contact"),
    path("report/", views_trust.report_misuse, name="report_misuse"),
    path("robots.txt", views_trust.robots_txt, name="robots_txt"),
    path("favicon.ico", views_trust.favicon, name="favicon"),
    path("", include("actors.urls")),
    path("grants/", include("consent.urls")),  # before creators': its pitch paths swallow much
    path("", include("creators.urls")),
    # Security (issue 13): these come before allauth's own patterns, which they wrap or extend.
    path(
        "accounts/confirm-email/<str:key>/",
        views_security.confirm_email,
        name="account_confirm_email",
    ),
    path(
        "account/email/stop/<str:token>/",
        views_security.email_change_stop,
        name="email_change_stop",
    ),
    path("account/staff-mfa/", views_security.staff_mfa_enrol, name="staff_mfa_enrol"),
    path(
        "account/staff-mfa/<str:token>/",
        views_security.staff_mfa_enrol_confirm,
        name="staff_mfa_enrol_confirm",
    ),
    path(
        "accounts/2fa/totp/activate/",
        views_security.staff_first_factor_guard(totp_views.activate_totp),
        name="mfa_activate_totp",
    ),
    path(
        "accounts/2fa/webauthn/add/",
        views_security.staff_first_factor_guard(webauthn_views.add_webauthn),
        name="mfa_add_webauthn",
    ),
    path(
        "accounts/2fa/recovery-codes/generate/",
        views_security.staff_first_factor_guard(recovery_views.generate_recovery_codes),
        name="mfa_generate_recovery_codes",
    ),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage":
    # Public media (re-encoded headshots) on this machine; S3 serves them in production.
    # Private files live elsewhere and are never reachable here.
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}, name="media")
    ]
