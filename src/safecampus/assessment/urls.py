from django.urls import path

from . import views

urlpatterns = [
    path("", views.board, name="board"),
    path("schools/<int:pk>/", views.school_page, name="school"),
    path("schools/<int:pk>/mark/", views.MarkIndicator.as_view(), name="mark"),
    path("schools/<int:pk>/self/", views.SelfAssess.as_view(), name="self-assess"),
    path("scheme/", views.schemes, name="schemes"),
    path("scheme/start/", views.scheme_start, name="scheme-start"),
    path("scheme/<int:pk>/", views.scheme_detail, name="scheme"),
    path("scheme/<int:pk>/items/new/", views.ItemAdd.as_view(), name="item-add"),
    path("scheme/items/<int:pk>/", views.ItemEdit.as_view(), name="item-edit"),
    path("commendations/", views.commendations, name="commendations"),
    path("commendations/new/", views.Commend.as_view(), name="commend"),
]
