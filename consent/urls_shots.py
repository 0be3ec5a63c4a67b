"""Shots and the vault under a grant, all below /grants/ (never below /pitches/)."""

from django.urls import path

from consent.views import shots, vault

urlpatterns = [
    path("grants/<int:pk>/shots/", shots.grant_shots, name="grant_shots"),
    path("grants/<int:pk>/shots/new/", shots.shot_new, name="shot_new"),
    path("grants/shots/<int:pk>/render.jpg", shots.shot_render, name="shot_render"),
    path("grants/<int:pk>/vault/", vault.grant_vault, name="grant_vault"),
    path("grants/<int:pk>/vault/<int:asset_pk>/<str:kind>/", vault.vault_file, name="vault_file"),
]
