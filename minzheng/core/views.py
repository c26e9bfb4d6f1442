from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and ``make run``'s readiness wait; touches no personal data."""
    return JsonResponse({"status": "ok"})
