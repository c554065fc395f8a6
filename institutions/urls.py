from django.urls import path

app_name = "institutions"

urlpatterns = []
