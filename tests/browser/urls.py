"""
The portal's URLs plus public media: the test settings keep media in memory, and a browser
test needs the photos to load.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def media(request, name):
    if not default_storage.exists(name):
        raise Http404
    return FileResponse(default_storage.open(name), content_type="image/jpeg")


urlpatterns = [path("media/<path:name>", media), *portal_urlpatterns]
