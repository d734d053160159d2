from rest_framework.pagination import PageNumberPagination

from safecampus.core.paging import CountCachingPaginator


class Pagination(PageNumberPagination):
    django_paginator_class = CountCachingPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
