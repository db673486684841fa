from django.urls import path

from . import views

app_name = "check"

urlpatterns = [
    path("", views.form, name="form"),
    path("uitslag/", views.result, name="result"),
]
