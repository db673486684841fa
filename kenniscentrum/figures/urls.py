from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("nederland.csv", views.overview_csv, name="overview-csv"),
    path("vergelijking/", views.comparison, name="comparison"),
    path("vergelijking.csv", views.comparison_csv, name="comparison-csv"),
    path("<slug:slug>/", views.province, name="province"),
    path("<slug:slug>.csv", views.province_csv, name="province-csv"),
]
