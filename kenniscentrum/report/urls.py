from django.urls import path

from . import views

app_name = "report"

urlpatterns = [
    path("", views.index, name="index"),
    path("eindrapportage.txt", views.download, name="download"),
    path("<slug:slug>/", views.section, name="section"),
]
