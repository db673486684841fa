from django.urls import path

from . import views

app_name = "editorial"

urlpatterns = [
    path("zoekvragen/", views.search_insights, name="search-insights"),
]
