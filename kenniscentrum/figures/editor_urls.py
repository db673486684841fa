"""The editors' pages for gemeente figures, at /redactie/cijfers/ (issue 17)."""

app_name = "figures-editor"

urlpatterns = []
