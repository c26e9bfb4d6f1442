"""Developer laptop and the demo started by ``make run``.

Debug pages only when the developer asks for them with DJANGO_DEBUG=1 (``base`` reads it):
the demo is used by staff trying the platform, who must see the Chinese error pages, and a
debug page would show them tracebacks and settings. WhiteNoise serves the static files from
the source tree, since runserver serves them only under DEBUG.
"""

from config.django.base import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
