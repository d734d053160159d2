from django.urls import path, re_path

from .views import culture, lessons, notices, parent, training

urlpatterns = [
    path("", lessons.LessonList.as_view(), name="lessons"),
    path("lessons/new/", lessons.RecordLesson.as_view(), name="lesson-new"),
    path("lessons/<int:pk>/", lessons.LessonDetail.as_view(), name="lesson-detail"),
    path("classes/<int:pk>/topics/", lessons.class_topics, name="class-topics"),
    path("before-holiday/", lessons.before_holiday, name="before-holiday"),
    path("topics/", lessons.topic_list, name="topics"),
    path("topics/new/", lessons.AddTopic.as_view(), name="topic-new"),
    path("notices/", notices.NoticeList.as_view(), name="notices"),
    path("notices/new/", notices.SendNotice.as_view(), name="notice-new"),
    path("notices/<int:pk>/", notices.notice_detail, name="notice-detail"),
    path("notices/<int:pk>/links/", notices.notice_links, name="notice-links"),
    path("notices/<int:pk>/qr/<int:klass>.pdf", notices.notice_qr, name="notice-qr"),
    # The parent's link: no sign-in; anything that is not a live token is 404.
    re_path(r"^n/(?P<token>[^/]{1,100})/$", parent.parent_notice, name="parent-notice"),
    re_path(r"^n/(?P<token>[^/]{1,100})/files/(?P<attachment>\d+)/$", parent.parent_attachment,
            name="parent-attachment"),
    path("training/", training.TrainingList.as_view(), name="trainings"),
    path("training/new/", training.RecordTraining.as_view(), name="training-new"),
    path("training/<int:pk>/", training.TrainingDetail.as_view(), name="training-detail"),
    path("training/<int:pk>/certificates/", training.add_certificate, name="training-certificate"),
    path("training/coverage/", training.coverage, name="training-coverage-page"),
    path("training/programmes/", training.ProgrammeList.as_view(), name="programmes"),
    path("training/programmes/new/", training.NewProgramme.as_view(), name="programme-new"),
    path("training/programmes/<int:pk>/", training.ProgrammeDetail.as_view(), name="programme-detail"),
    path("campaigns/", culture.CampaignList.as_view(), name="campaigns"),
    path("campaigns/new/", culture.NewCampaign.as_view(), name="campaign-new"),
    path("campaigns/<int:pk>/", culture.CampaignDetail.as_view(), name="campaign-detail"),
    path("campaigns/<int:pk>/stories/new/", culture.PublishStory.as_view(), name="story-new"),
]
