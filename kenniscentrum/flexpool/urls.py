app_name = "flexpool"

urlpatterns = []
