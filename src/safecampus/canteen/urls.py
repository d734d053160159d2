from django.urls import path, re_path

from .views import food, staff, supply

urlpatterns = [
    path("", food.day_page, name="day"),
    path("samples/", food.SampleList.as_view(), name="samples"),
    path("samples/new/", food.sample_new, name="sample-new"),
    path("samples/<int:pk>/", food.sample_detail, name="sample"),
    path("samples/<int:pk>/dispose/", food.sample_dispose, name="sample-dispose"),
    path("menu/", food.menu_set, name="menu"),
    path("accompany/", food.accompany, name="accompany"),
    path("licence/", staff.licence, name="licence"),
    path("licence/edit/", staff.LicenceEdit.as_view(), name="licence-edit"),
    path("staff/", staff.StaffList.as_view(), name="staff"),
    path("staff/new/", staff.StaffNew.as_view(), name="staff-new"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff-detail"),
    re_path(r"^staff/(?P<pk>\d+)/(?P<action>renew|training|roster)/$", staff.staff_action, name="staff-action"),
    path("suppliers/", supply.SupplierList.as_view(), name="suppliers"),
    path("suppliers/new/", supply.SupplierNew.as_view(), name="supplier-new"),
    path("suppliers/<int:pk>/", supply.supplier_detail, name="supplier-detail"),
    path("purchases/", supply.PurchaseList.as_view(), name="purchases"),
    path("purchases/new/", supply.PurchaseNew.as_view(), name="purchase-new"),
    path("purchases/<int:pk>/", supply.purchase_detail, name="purchase-detail"),
    path("purchases/refused/", supply.RefusalList.as_view(), name="refusals"),
]
