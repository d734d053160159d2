from django.urls import path

from .views import index, visitors

urlpatterns = [
    path("", index.index, name="home"),
    path("visitors/", visitors.VisitorList.as_view(), name="visitors"),
    path("visitors/new/", visitors.RegisterVisitor.as_view(), name="visitor-new"),
    path("visitors/inside/", visitors.inside, name="inside"),
    path("visitors/<int:pk>/", visitors.VisitorDetail.as_view(), name="visitor-detail"),
    path("visitors/<int:pk>/leave/", visitors.leave, name="visitor-leave"),
    path("watch-list/", visitors.WatchList.as_view(), name="watchlist"),
    path("watch-list/new/", visitors.AddWatchEntry.as_view(), name="watch-new"),
]
