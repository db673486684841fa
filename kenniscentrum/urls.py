from django.contrib import admin
from django.urls import include, path, re_path

from kenniscentrum.check import api as check_api
from kenniscentrum.core import views as core_views
from kenniscentrum.figures import api as figures_api
from kenniscentrum.knowledge import api as knowledge_api
from kenniscentrum.search import api as search_api

urlpatterns = [
    path("", core_views.home, name="home"),
    path("over/", core_views.about, name="about"),
    path("colofon/", core_views.colofon_page, name="colofon"),
    re_path(r"^toegankelijkheid/?$", core_views.accessibility, name="accessibility"),
    path("rapport/", include("kenniscentrum.report.urls")),
    path("zoeken/", include("kenniscentrum.search.urls")),
    path("check/", include("kenniscentrum.check.urls")),
    path("cijfers/", include("kenniscentrum.figures.urls")),
    re_path(r"^api/figures/?$", figures_api.figures, name="api-figures"),
    re_path(r"^api/check/schema/?$", check_api.schema, name="api-check-schema"),
    re_path(r"^api/check/?$", check_api.check, name="api-check"),
    re_path(r"^api/search/?$", search_api.search_api, name="api-search"),
    path("api/content/", knowledge_api.content_list, name="api-content-list"),
    re_path(
        r"^api/content/(?P<slug>[-a-z0-9]+)/?$", knowledge_api.content_detail, name="api-content"
    ),
    path("", include("kenniscentrum.core.health")),  # /gezondheid/ and /healthz
    path("", include("kenniscentrum.core.findable")),  # sitemap, robots, feed, favicon
    path("beheer/", admin.site.urls),
    path("", include("kenniscentrum.feedback.urls")),  # /feedback/ and /redactie/feedback/
    path("", include("kenniscentrum.loket.urls")),  # /vraag-stellen/ and /redactie/vraagbaak/
    path("", include("kenniscentrum.flexpool.urls")),  # /flexpool/ and /redactie/flexpool/
    path("redactie/cijfers/", include("kenniscentrum.figures.editor_urls")),
    path("redactie/", include("kenniscentrum.editorial.urls")),
    path("", include("kenniscentrum.knowledge.urls")),
]

handler404 = "kenniscentrum.core.views.not_found"
handler500 = "kenniscentrum.core.views.server_error"
handler403 = "kenniscentrum.core.views.forbidden"
