"""Included at the site's root (kenniscentrum/urls.py, before /redactie/): the public pages
under /flexpool/ and the editors' under /redactie/flexpool/."""

from django.urls import path

from . import views

app_name = "flexpool"

urlpatterns = [
    path("flexpool/", views.index, name="index"),
    path("flexpool/aanvragen/", views.request_form, name="request"),
    path("flexpool/aanvragen/ontvangen/<str:token>/", views.confirmation, name="confirmation"),
    path("redactie/flexpool/", views.queue, name="queue"),
    path("redactie/flexpool/aanvragen/<int:pk>/", views.request_detail, name="request-detail"),
    path("redactie/flexpool/profielen/", views.profiles, name="profiles"),
    path("redactie/flexpool/profielen/nieuw/", views.profile_new, name="profile-new"),
    path("redactie/flexpool/profielen/<int:pk>/", views.profile_edit, name="profile-edit"),
    path(
        "redactie/flexpool/profielen/<int:pk>/verwijderen/",
        views.profile_delete,
        name="profile-delete",
    ),
]
