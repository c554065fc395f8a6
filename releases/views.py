from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from releases.models import Release
from releases.snapshot import citation_text, folder_of


class ReleaseListView(ListView):
    queryset = Release.objects.latest_first()
    template_name = "releases/release_list.html"


class ReleaseDetailView(DetailView):
    template_name = "releases/release_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Release, number=self.kwargs["number"])

    def get_context_data(self, **kwargs):
        release = self.object
        address = self.request.build_absolute_uri(release.get_absolute_url())
        return super().get_context_data(citation=citation_text(release.number, release.released_at, address), **kwargs)


def latest(request, filename=None):
    """Send the reader to the latest release, or to one of its files."""
    release = Release.objects.latest_first().first()
    if release is None:
        raise Http404(_("No release has been made yet."))
    if filename is None:
        return redirect(release)
    return redirect("releases:file", number=release.number, filename=filename)


def release_file(request, number, filename):
    """Send one file of a release, by the name the release lists it under: no other path is ever opened."""
    release = get_object_or_404(Release, number=number)
    listed = release.file(filename)
    if listed is None:
        raise Http404(_("This release has no file of that name."))
    path = folder_of(release.number) / listed["name"]
    if not path.is_file():
        raise Http404(_("This release's files are not on this server."))
    etag = f'"{listed["sha256"]}"'
    # A release never changes: its files can be kept for good, and a copy held is never stale.
    caching = {"Cache-Control": "public, max-age=31536000, immutable", "ETag": etag}
    if (not_modified := get_conditional_response(request, etag=etag)) is not None:
        for name, value in caching.items():
            not_modified[name] = value
        return not_modified
    response = FileResponse(open(path, "rb"), content_type=listed["media_type"])
    for name, value in caching.items():
        response[name] = value
    response["Content-Disposition"] = f'attachment; filename="release-{release.number}-{listed["name"]}"'
    return response
