"""gunicorn in production: ``gunicorn -c config/gunicorn_settings.py config.wsgi``.

Its default access-log line holds the request line and the referrer, both with their query
strings, which carry the ID numbers, phones and names staff search for. This format names
the path only (ADR 0023). Bind address and workers stay on the command line.
"""

accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
