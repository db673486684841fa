from django.urls import path

from . import editor_views, index_status, link_picker, shell_views, views

app_name = "editorial"

urlpatterns = [
    path("zoekvragen/", views.search_insights, name="search-insights"),
    path("zoekvragen/synoniemgroep/", views.synonym_group, name="synonym-group"),
    path("zoekvragen/aanbevolen/", views.recommendation, name="recommendation"),
    path("", editor_views.item_list, name="items"),
    path("zoekindex/", index_status.rebuild_index, name="rebuild-index"),
    path("nieuw/", editor_views.create, name="create"),
    path("voorbeeld/", editor_views.live_preview, name="live-preview"),
    path("items/<slug:slug>/", editor_views.edit, name="edit"),
    path("items/<slug:slug>/voorbeeld/", editor_views.visitor_preview, name="preview"),
    path("items/<slug:slug>/versies/", editor_views.history, name="history"),
    path("items/<slug:slug>/herstel/", editor_views.restore, name="restore"),
    path("items/<slug:slug>/workflow/", editor_views.workflow, name="workflow"),
    path("inloggen/", shell_views.login, name="login"),
    path("uitloggen/", shell_views.logout, name="logout"),
    path("wachtwoord/", shell_views.password_change, name="password"),
    path("links/", link_picker.page, name="links"),
    path("links.json", link_picker.as_json, name="links-json"),
]
