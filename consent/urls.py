"""Consent's pages, under /grants/ (included from portal.urls before creators')."""

from django.urls import path

from consent.views import grants

urlpatterns = [
    path("", grants.grant_list, name="grant_list"),
    path("<int:pk>/", grants.grant_detail, name="grant_detail"),
    path("<int:pk>/sign/", grants.grant_sign, name="grant_sign"),
    path("<int:pk>/revoke/", grants.grant_revoke, name="grant_revoke"),
    path("<int:pk>/complete/", grants.grant_complete, name="grant_complete"),
    path("<int:pk>/profile/", grants.grant_profile, name="grant_profile"),
    path("<int:pk>/models/new/", grants.model_declare, name="grant_model_declare"),
    path("<int:pk>/attest/", grants.grant_attest, name="grant_attest"),
]
