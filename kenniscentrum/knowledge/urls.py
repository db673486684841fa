from django.urls import path, re_path

from . import views
from .vocabulary import KIND_PAGES

app_name = "knowledge"

_segments = "|".join(segment for _, segment in KIND_PAGES.values())

urlpatterns = [
    path("kennis/<slug:slug>/", views.item_detail, name="item"),
    path("regelingen/vergelijken/", views.regelingen_comparison, name="comparison"),
    path("themas/", views.theme_index, name="themes"),
    path("themas/<slug:slug>/", views.theme_detail, name="theme"),
    re_path(rf"^(?P<segment>{_segments})/$", views.kind_list, name="list"),
]
