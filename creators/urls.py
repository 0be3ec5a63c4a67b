"""Each area's views module declares its own urlpatterns; this file only gathers them."""

from creators.views import briefs, matchmaking, pitches, studios

urlpatterns = [
    *studios.urlpatterns,
    *briefs.urlpatterns,
    *pitches.urlpatterns,
    *matchmaking.urlpatterns,
]
