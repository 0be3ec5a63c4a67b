"""Pitches: send one after a fit check, answer and counter it, talk on its thread, list them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actors.models import Listing
from actors.permissions import can_view_listing
from creators import selectors_pitches as selectors
from creators.choices import BriefStatus, PitchStatus, Side
from creators.forms_pitches import (
    CounterForm,
    PitchFilterForm,
    PitchForm,
    PitchMessageForm,
    PitchNoteForm,
)
from creators.models import BriefRole, Pitch, Studio
from creators.permissions import (
    can_answer_pitch,
    can_follow_studio,
    can_pitch,
    can_produce,
    can_view_pitch,
)
from creators.services import pitches as services
from creators.states import pitch_actions_for
from portal import hooks
from portal.exceptions import DomainError
from portal.forms import bound_data
from portal.models import Notification
from portal.services import notifications_mark_read

ANSWERS = ("counter", "agree", "decline", "withdraw")
#: Actions that end the pitch: they ask for confirmation first.
CONFIRM = frozenset({"agree", "decline", "withdraw"})
PAGE_SIZE = 50


# --- sending -------------------------------------------------------------------------------


def _role_and_listing(request, role_id: int, slug: str):
    role = get_object_or_404(
        BriefRole.objects.select_related("brief__studio").prefetch_related("scenes"), pk=role_id
    )
    if not can_produce(request.user, role.brief.studio):
        raise Http404
    listing = get_object_or_404(
        Listing.objects.select_related("current_terms", "private"), slug=slug
    )
    if (
        not can_view_listing(request.user, listing, request=request)
        or listing.current_terms is None
    ):
        raise Http404
    return role, listing


def _pitch_form_page(request, role, listing, form, **extra):
    context = {
        "role": role,
        "brief": role.brief,
        "listing": listing,
        "terms": listing.current_terms,
        "form": form,
        "can_send": can_pitch(request.user, role.brief.studio)
        and role.brief.status == BriefStatus.PUBLISHED,
        **extra,
    }
    return TemplateResponse(request, "creators/pitch_new.html", context)


@login_required
def pitch_new(request, role_id: int, slug: str):
    role, listing = _role_and_listing(request, role_id, slug)
    initial = PitchForm.initial_for(role, listing)
    form = PitchForm(bound_data(request), role=role, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pitch = services.pitch_send(
                role=role,
                listing=listing,
                offer=form.offer(),
                message=form.cleaned_data["message"],
                acting_user=request.user,
            )
        except services.PitchRefused as exc:
            return _pitch_form_page(request, role, listing, form, mismatches=exc.mismatches)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Pitch sent. The actor has been told."))
            return redirect("pitch_detail", pk=pitch.pk)
    return _pitch_form_page(request, role, listing, form)


@login_required
@require_POST
def pitch_fit(request, role_id: int, slug: str):
    """The "Check fit" preview: a partial for htmx, the whole form page otherwise."""
    role, listing = _role_and_listing(request, role_id, slug)
    form = PitchForm(request.POST, role=role)
    mismatches = None
    if form.is_valid():
        mismatches = services.pitch_fit_check(role=role, listing=listing, offer=form.offer())
    if request.htmx:
        context = {
            "form": form,
            "mismatches": mismatches,
            "checked": True,
            "terms": listing.current_terms,
        }
        return TemplateResponse(request, "creators/pitch_new.html#fit", context)
    return _pitch_form_page(request, role, listing, form, mismatches=mismatches, checked=True)


# --- one pitch -----------------------------------------------------------------------------


def _visible_pitch(request, pk: int) -> Pitch:
    pitch = selectors.pitch_get(pitch_id=pk)
    if pitch is None or not can_view_pitch(request.user, pitch):
        raise Http404
    return pitch


def _my_side(user, pitch: Pitch) -> tuple[str, bool]:
    """The side this user sees the pitch from, and whether they may act for it."""
    if can_answer_pitch(user, pitch):
        return Side.ACTOR, True
    return Side.STUDIO, can_produce(user, pitch.studio)


def _detail_page(request, pitch: Pitch, *, counter_form=None, mismatches=None, status=200):
    side, can_act = _my_side(request.user, pitch)
    actions = pitch_actions_for(pitch.status, side=side, awaiting=pitch.awaiting) if can_act else []
    context = {
        "pitch": pitch,
        "side": side,
        "actions": actions,
        "confirm_actions": [a for a in actions if a in CONFIRM],
        "counter_form": counter_form
        or CounterForm(role=pitch.role, initial=CounterForm.initial_for(pitch)),
        "mismatches": mismatches,
        "message_form": PitchMessageForm(),
        "can_write": can_act and pitch.is_in_play,
        "history": selectors.pitch_history(pitch=pitch),
        "thread": selectors.pitch_thread(pitch=pitch, side=side),
        "scenes": [s for s in pitch.role.scenes.all() if s.number in pitch.scenes],
        "next_steps": hooks.fragments(hooks.pitch_actions, request, pitch),  # consent's grant
        # The whole project the actor is asked to agree to, as the studio wrote it.
        "brief": pitch.role.brief,
        "role_scenes": list(pitch.role.scenes.all()),
    }
    return TemplateResponse(request, "creators/pitch_detail.html", context, status=status)


@login_required
def pitch_detail(request, pk: int):
    pitch = services.pitch_refresh_expiry(pitch=_visible_pitch(request, pk))
    pitch = services.pitch_mark_viewed(pitch=pitch, user=request.user)
    # Reading the thread ends the quiet period: the next message notifies again.
    notifications_mark_read(user=request.user, notification_ids=_thread_notices(request, pitch))
    return _detail_page(request, pitch)


def _thread_notices(request, pitch: Pitch):
    url = reverse("pitch_detail", kwargs={"pk": pitch.pk})
    return Notification.objects.filter(recipient=request.user, url=url).values("pk")


def _answer(request, pitch: Pitch, action: str):
    """Run the action; the pitch page again, with reasons, when the service refuses it."""
    is_counter = action == "counter"
    form = CounterForm(request.POST, role=pitch.role) if is_counter else PitchNoteForm(request.POST)
    if not form.is_valid():
        if is_counter:
            return _detail_page(request, pitch, counter_form=form, status=400)
        messages.error(request, _("The note is too long."))
        return redirect("pitch_detail", pk=pitch.pk)
    try:
        services.pitch_transition(
            pitch=pitch,
            action=action,
            acting_user=request.user,
            offer=form.offer() if is_counter else None,
            note=form.cleaned_data["note"],
        )
    except services.PitchRefused as exc:
        kept = form if is_counter else None
        return _detail_page(
            request, pitch, counter_form=kept, mismatches=exc.mismatches, status=400
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done: the other side has been told."))
    return redirect("pitch_detail", pk=pitch.pk)


@login_required
def pitch_act(request, pk: int, action: str):
    """GET asks for confirmation of what ends a pitch; POST acts through the transition table."""
    pitch = _visible_pitch(request, pk)
    if action not in ANSWERS:
        raise Http404
    _side, can_act = _my_side(request.user, pitch)
    if not can_act:
        raise PermissionDenied
    if request.method == "POST":
        return _answer(request, pitch, action)
    if action not in CONFIRM:
        return redirect(reverse("pitch_detail", kwargs={"pk": pk}) + "#counter")
    context = {"pitch": pitch, "action": action, "form": PitchNoteForm()}
    return TemplateResponse(request, "creators/pitch_confirm.html", context)


@login_required
@require_POST
def pitch_message(request, pk: int):
    pitch = _visible_pitch(request, pk)
    form = PitchMessageForm(request.POST)
    if form.is_valid():
        try:
            services.pitch_message_post(
                pitch=pitch, acting_user=request.user, body=form.cleaned_data["body"]
            )
        except DomainError as exc:
            form.add_error("body", exc.message)
    if request.htmx:
        context = {
            "pitch": pitch,
            "thread": selectors.pitch_thread(pitch=pitch, side=_my_side(request.user, pitch)[0]),
            "message_form": form if form.errors else PitchMessageForm(),
            "can_write": True,
        }
        return TemplateResponse(request, "creators/pitch_detail.html#thread", context)
    if form.errors:
        messages.error(request, " ".join(form.errors.get("body", [])))
    return redirect(reverse("pitch_detail", kwargs={"pk": pk}) + "#thread")


# --- lists ---------------------------------------------------------------------------------


def _list_context(request, qs):
    form = PitchFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    counts = selectors.pitch_status_counts(qs=qs)
    if status:
        qs = qs.filter(current_status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = dict(PitchStatus.choices)
    for pitch in page:
        pitch.current_status_label = labels[pitch.current_status]
    tabs = [(value, label, counts[value]) for value, label in PitchStatus.choices]
    return {"form": form, "page": page, "tabs": tabs, "status": status}


@login_required
def studio_pitches(request, slug: str):
    studio = get_object_or_404(Studio, slug=slug)
    if not can_follow_studio(request.user, studio):
        raise Http404
    context = _list_context(request, selectors.pitches_for_studio(studio=studio))
    context["studio"] = studio
    return TemplateResponse(request, "creators/pitch_studio_list.html", context)


@login_required
def pitch_inbox(request):
    """Incoming pitches for the actor and the listings an agent answers for, by deadline."""
    context = _list_context(request, selectors.pitches_for_actor_side(user=request.user))
    return TemplateResponse(request, "creators/pitch_inbox.html", context)


urlpatterns = [
    path("briefs/roles/<int:role_id>/pitch/<slug:slug>/", pitch_new, name="pitch_new"),
    path("briefs/roles/<int:role_id>/pitch/<slug:slug>/fit/", pitch_fit, name="pitch_fit"),
    path("pitches/", pitch_inbox, name="pitch_inbox"),
    path("pitches/<int:pk>/", pitch_detail, name="pitch_detail"),
    path("pitches/<int:pk>/messages/", pitch_message, name="pitch_message"),
    path("pitches/<int:pk>/<str:action>/", pitch_act, name="pitch_act"),
    path("studios/<slug:slug>/pitches/", studio_pitches, name="studio_pitches"),
]
