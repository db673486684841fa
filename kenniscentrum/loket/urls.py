"""Included at the site's root (kenniscentrum/urls.py), so every path is written out in full:
the public form under /vraag-stellen/, the editors' pages under /redactie/vraagbaak/."""

from django.urls import path

from . import editor_views, views

app_name = "loket"

urlpatterns = [
    path("vraag-stellen/", views.ask, name="ask"),
    path("vraag-stellen/ontvangen/<str:token>/", views.received, name="received"),
    path("redactie/vraagbaak/", editor_views.queue_page, name="queue"),
    path("redactie/vraagbaak/cijfers/", editor_views.figures_page, name="figures"),
    path("redactie/vraagbaak/<str:reference>/", editor_views.detail, name="detail"),
    path(
        "redactie/vraagbaak/<str:reference>/vraag-en-antwoord/",
        editor_views.publish,
        name="publish",
    ),
]
