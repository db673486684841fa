"""Included at the site's root: the form's endpoint, and the editors' page under /redactie/."""

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.submit, name="submit"),
    path("redactie/feedback/", views.insights, name="insights"),
]
