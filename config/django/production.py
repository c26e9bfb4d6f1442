"""Production tightens the defaults of ``base`` and refuses to start with unsafe secrets.

It passes ``manage.py check --deploy`` (tests/site/test_deploy_settings.py): HTTPS only, with
HSTS, secure cookies and a redirect from plain HTTP. The platform runs behind an HTTPS proxy,
which must set X-Forwarded-Proto (and drop any such header a client sends).
"""

from django.core.exceptions import ImproperlyConfigured

from config.django.base import *  # noqa: F403
from config.django.base import SECRET_KEY, STORAGES
from config.env import env_bool, env_int

DEBUG = False
if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a random value of 50+ characters.")

SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
# A year, the bureau's subdomains included; lower it to 0 only while first moving to HTTPS.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
# The header only permits submitting the domain to the browsers' preload list; it adds nothing.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}
