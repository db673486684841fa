app_name = "loket"

urlpatterns = []
