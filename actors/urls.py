from django.urls import path

from actors.views import agents, directory, listing, media, register

urlpatterns = [
    path("actors/", directory.actor_directory, name="actor_directory"),
    path("actors/<slug:slug>/", listing.listing_detail, name="listing_detail"),
    path("actors/<slug:slug>/terms.json", listing.listing_terms_json, name="listing_terms_json"),
    path("register/", register.register, name="register"),
    path("register/<slug:slug>/claim/", register.register_claim, name="register_claim"),
    path("opt-out/", register.opt_out, name="opt_out"),
    path("listing/", listing.my_listing, name="my_listing"),
    path("listing/<slug:slug>/", listing.listing_manage, name="listing_manage"),
    path("listing/<slug:slug>/profile/", listing.listing_profile, name="listing_profile"),
    path("listing/<slug:slug>/private/", listing.listing_private, name="listing_private"),
    path("listing/<slug:slug>/terms/", listing.listing_terms, name="listing_terms"),
    path("listing/<slug:slug>/status/<str:action>/", listing.listing_status, name="listing_status"),
    path("listing/<slug:slug>/media/", media.listing_media, name="listing_media"),
    path("listing/<slug:slug>/media/headshots/", media.headshot_upload, name="headshot_upload"),
    path(
        "listing/<slug:slug>/media/headshots/<int:pk>/retry/",
        media.headshot_retry,
        name="headshot_retry",
    ),
    path(
        "listing/<slug:slug>/media/headshots/<int:pk>/<str:action>/",
        media.headshot_action,
        name="headshot_action",
    ),
    path(
        "listing/<slug:slug>/media/reference/",
        media.reference_asset_upload,
        name="reference_asset_upload",
    ),
    path(
        "listing/<slug:slug>/media/reference/<int:pk>/retry/",
        media.reference_asset_retry,
        name="reference_asset_retry",
    ),
    path(
        "listing/<slug:slug>/media/reference/<int:pk>/delete/",
        media.reference_asset_delete,
        name="reference_asset_delete",
    ),
    path("vault/<int:pk>/<str:variant>/", media.reference_asset_file, name="reference_asset_file"),
    path("listing/<slug:slug>/guardian/", agents.guardian_invite, name="guardian_invite"),
    path("agent/", agents.agent_hub, name="agent_hub"),
    path(
        "representations/<int:pk>/respond/",
        agents.representation_respond,
        name="representation_respond",
    ),
    path(
        "representations/<int:pk>/rights/",
        agents.representation_rights,
        name="representation_rights",
    ),
    path("representations/<int:pk>/end/", agents.representation_end, name="representation_end"),
    path("guardian/", agents.guardian_hub, name="guardian_hub"),
    path(
        "guardianships/<int:pk>/<str:answer>/",
        agents.guardianship_answer,
        name="guardianship_answer",
    ),
]
