"""The tasks and the services that queue them import each other only one way."""

import subprocess
import sys


def test_importing_the_tasks_imports_no_service():
    probe = (
        "import django, os, sys;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.django.test');"
        "django.setup();"
        "import minzheng.integration.tasks;"
        "print(sorted(m for m in sys.modules if m.startswith('minzheng.integration.services')))"
    )
    completed = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert completed.stdout.strip() == "[]"
