from django.urls import path

from . import editor_views, index_status, views

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
]
