from django.urls import path

from . import gemeente_views, views

app_name = "figures"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("nederland.csv", views.overview_csv, name="overview-csv"),
    path("vergelijking/", views.comparison, name="comparison"),
    path("vergelijking.csv", views.comparison_csv, name="comparison-csv"),
    # Gemeenten (issue 17), before the province slugs: "gemeenten" would otherwise be read as one.
    path("gemeenten/", gemeente_views.search, name="gemeenten"),
    path("gemeente/<str:code>/", gemeente_views.gemeente, name="gemeente"),
    path("gemeente/<str:code>.csv", gemeente_views.gemeente_csv, name="gemeente-csv"),
    path("<slug:slug>/", views.province, name="province"),
    path("<slug:slug>.csv", views.province_csv, name="province-csv"),
]
