"""Developer laptop and the demo started by ``make run``."""

from config.django.base import *  # noqa: F403
from config.django.base import STORAGES

DEBUG = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
