"""Developer laptop and the demo started by ``make run``: debug pages, runserver static files."""

from config.django.base import *  # noqa: F403

DEBUG = True
