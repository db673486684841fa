"""The editors' pages for gemeente figures, at /redactie/cijfers/ (issue 17)."""

from django.urls import path

from . import editor_views

app_name = "figures-editor"

urlpatterns = [
    path("", editor_views.publication_list, name="list"),
    path("uploaden/", editor_views.upload, name="upload"),
    path("<int:pk>/", editor_views.detail, name="detail"),
    path("<int:pk>/publiceren/", editor_views.publish, name="publish"),
    path("<int:pk>/verwerpen/", editor_views.discard, name="discard"),
    path("<int:pk>/intrekken/", editor_views.withdraw, name="withdraw"),
]
