from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from portal import views, views_trust

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
    # Trust pages and the files every site answers (issue 12).
    path("privacy/", views_trust.privacy, name="privacy"),
    path("terms/", views_trust.terms, name="terms"),
    path("contact/", views_trust.contact, name="contact"),
    path("report/", views_trust.report_misuse, name="report_misuse"),
    path("robots.txt", views_trust.robots_txt, name="robots_txt"),
    path("favicon.ico", views_trust.favicon, name="favicon"),
    path("", include("actors.urls")),
    path("", include("creators.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage":
    # Public media (re-encoded headshots) on this machine; S3 serves them in production.
    # Private files live elsewhere and are never reachable here.
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}, name="media")
    ]
