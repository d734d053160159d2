from django.urls import path

from .views import food

urlpatterns = [
    path("", food.day_page, name="day"),
    path("samples/", food.SampleList.as_view(), name="samples"),
    path("samples/new/", food.sample_new, name="sample-new"),
    path("samples/<int:pk>/", food.sample_detail, name="sample"),
    path("samples/<int:pk>/dispose/", food.sample_dispose, name="sample-dispose"),
    path("menu/", food.menu_set, name="menu"),
    path("accompany/", food.accompany, name="accompany"),
]
