"""
Shortlists and saved directory searches: every write a member makes with the matchmaking
tools, each one audited; and the periodic saved-search alert.

Views check the studio permissions (creators.permissions) before calling these; services
check what must hold whoever calls them (a visible listing, a query the directory accepts).
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.filters import DirectoryFilterForm
from actors.models import Listing
from actors.selectors import DirectoryFilters, actor_directory_matches
from creators.models import SavedSearch, Shortlist, ShortlistEntry, Studio
from creators.permissions import can_follow_studio
from portal.exceptions import DomainError
from portal.models import User
from portal.services import audit_record, notification_create

# Query-string keys that only say how to show results, not which actors match.
_PRESENTATION_KEYS = ("page", "sort")
# A listing committed a moment after its listed_at: the alert looks only this far back from
# now, so a listing whose transaction is still open is seen by the next run, never skipped.
ALERT_SETTLE = timedelta(minutes=2)


# --- shortlists ----------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Give the shortlist a name."), code="name_missing")
    return name


@transaction.atomic
def shortlist_create(*, studio: Studio, name: str, acting_user: User, role=None) -> Shortlist:
    if role is not None and role.brief.studio_id != studio.pk:
        raise DomainError(_("That role belongs to another studio."), code="foreign_role")
    shortlist = Shortlist.objects.create(studio=studio, name=_clean_name(name), role=role)
    audit_record(actor=acting_user, action="shortlist.created", target=shortlist)
    return shortlist


@transaction.atomic
def shortlist_rename(*, shortlist: Shortlist, name: str, acting_user: User) -> Shortlist:
    shortlist.name = _clean_name(name)
    shortlist.save(update_fields=["name", "updated_at"])
    audit_record(
        actor=acting_user, action="shortlist.renamed", target=shortlist, data={"name": name}
    )
    return shortlist


@transaction.atomic
def shortlist_delete(*, shortlist: Shortlist, acting_user: User) -> None:
    audit_record(
        actor=acting_user,
        action="shortlist.deleted",
        target=shortlist,
        data={"name": shortlist.name, "studio": shortlist.studio_id},
    )
    shortlist.delete()


@transaction.atomic
def shortlist_entry_add(
    *, shortlist: Shortlist, listing: Listing, acting_user: User, note: str = ""
) -> ShortlistEntry:
    if not listing.is_visible:
        raise DomainError(_("This actor is not in the directory."), code="listing_hidden")
    entry, created = ShortlistEntry.objects.get_or_create(
        shortlist=shortlist,
        listing=listing,
        defaults={"note": note.strip(), "added_by": acting_user},
    )
    if not created:
        raise DomainError(
            _("%(actor)s is already on “%(shortlist)s”.")
            % {"actor": listing.stage_name, "shortlist": shortlist.name},
            code="duplicate",
        )
    audit_record(
        actor=acting_user,
        action="shortlist.entry_added",
        target=shortlist,
        data={"listing": listing.pk},
    )
    return entry


@transaction.atomic
def shortlist_entry_set_note(
    *, entry: ShortlistEntry, note: str, acting_user: User
) -> ShortlistEntry:
    entry.note = note.strip()
    entry.save(update_fields=["note", "updated_at"])
    # The note is private to the studio: the audit row records that it changed, not what it says.
    audit_record(actor=acting_user, action="shortlist.note_changed", target=entry.shortlist)
    return entry


@transaction.atomic
def shortlist_entry_remove(*, entry: ShortlistEntry, acting_user: User) -> None:
    audit_record(
        actor=acting_user,
        action="shortlist.entry_removed",
        target=entry.shortlist,
        data={"listing": entry.listing_id},
    )
    entry.delete()


# --- saved searches ------------------------------------------------------------------------


def saved_search_clean_query(*, query: str) -> str:
    """
    The directory query string a member pasted (a whole /actors/?... address, or only the part
    after ``?``), without paging or sorting; refused if the directory would not accept it or
    if it would match every actor.
    """
    query = (query or "").strip()
    if "?" in query or query.startswith(("http://", "https://", "/")):
        query = urlsplit(query).query
    data = QueryDict(query, mutable=True)
    for key in _PRESENTATION_KEYS:
        data.pop(key, None)
    form = DirectoryFilterForm(data)
    if not form.is_valid():
        raise DomainError(
            _("The directory does not accept this search: %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
            code="query_invalid",
        )
    if not form.has_filters:
        raise DomainError(
            _("This search has no filters: it would match every new actor."), code="query_empty"
        )
    return data.urlencode()


def saved_search_filters(*, query: str) -> DirectoryFilters:
    """The saved query string read through the directory's own form, as the directory reads it."""
    return DirectoryFilterForm(QueryDict(query)).to_filters()


@transaction.atomic
def saved_search_create(
    *, studio: Studio, user: User, name: str, query: str, alerts: bool = True
) -> SavedSearch:
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Give the search a name."), code="name_missing")
    search = SavedSearch.objects.create(
        studio=studio,
        user=user,
        name=name,
        query=saved_search_clean_query(query=query),
        alerts=alerts,
        last_checked_at=timezone.now(),
    )
    audit_record(actor=user, action="saved_search.created", target=search)
    return search


@transaction.atomic
def saved_search_set_alerts(*, search: SavedSearch, alerts: bool, acting_user: User) -> SavedSearch:
    fields = {"alerts": alerts}
    if alerts and not search.alerts:
        # Turned back on: tell about actors listed from now, not about the months it was off.
        fields["last_checked_at"] = timezone.now()
    SavedSearch.objects.filter(pk=search.pk).update(**fields)
    for key, value in fields.items():
        setattr(search, key, value)
    audit_record(
        actor=acting_user, action="saved_search.alerts", target=search, data={"on": alerts}
    )
    return search


@transaction.atomic
def saved_search_delete(*, search: SavedSearch, acting_user: User) -> None:
    audit_record(
        actor=acting_user, action="saved_search.deleted", target=search, data={"name": search.name}
    )
    search.delete()


def saved_search_alerts_run(*, now=None) -> int:
    """
    The periodic job: for each saved search with alerts on, the actors first listed since it
    was last checked who match it, one notification per search. Returns how many were sent.
    Safe to run twice or at once: each search's window is claimed with a conditional UPDATE.
    """
    until = (now or timezone.now()) - ALERT_SETTLE
    due = SavedSearch.objects.filter(alerts=True, last_checked_at__lt=until)
    sent = 0
    for search in due.select_related("user", "studio").order_by("pk").iterator():
        sent += saved_search_alert(search=search, until=until)
    return sent


@transaction.atomic
def saved_search_alert(*, search: SavedSearch, until) -> int:
    since = search.last_checked_at
    # Claim the window (since, until]: a redelivered or concurrent run finds last_checked_at
    # moved and claims nothing, so nothing is sent twice. Rolled back with the notification.
    claimed = SavedSearch.objects.filter(pk=search.pk, alerts=True, last_checked_at=since).update(
        last_checked_at=until
    )
    if not claimed:
        return 0
    user = search.user
    if not (user.is_active and can_follow_studio(user, search.studio)):
        return 0  # left the studio: the search stays for its owner's records, silent
    matches = actor_directory_matches(filters=saved_search_filters(query=search.query)).filter(
        listed_at__gt=since, listed_at__lte=until
    )
    count = matches.count()
    if not count:
        return 0
    notification_create(
        recipient=user,
        kind="saved_search_matches",
        context={"count": count, "name": search.name, "studio": search.studio.name},
        # Newest first: the actors the alert is about lead the page.
        url=f"{reverse('actor_directory')}?{search.query}&sort=newest",
    )
    return 1
