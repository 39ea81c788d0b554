# Schemathesis hooks for scripts/api-fuzz (loaded through SCHEMATHESIS_HOOKS).
#
# OpenAPI 3.1 cannot state a constraint between two query parameters, so a request that is valid
# parameter by parameter may still be refused with a documented 400. Exactly these refusals are
# not failures; each is recognised by the server's own error message (Endpoints.validate), so any
# other 400 for schema-valid data still fails the run.
#
#   from > to               "query parameter 'from': 2099 is after to=1970"
#   from_year >= to_year    "query parameter 'from_year': must be before to_year"
#
# Every failure dropped here is counted and printed at the end by the script (api-fuzz.tolerated).
import json
import os

import schemathesis

CROSS_PARAMETER_REFUSALS = (
    ("from", " is after to="),
    ("from_year", "must be before to_year"),
)

_LOG = os.environ.get("KINERJA_API_FUZZ_TOLERATED")


def _refusal(response):
    if response is None or response.status_code != 400:
        return None
    try:
        error = json.loads(response.content)["error"]
        code, message = error["code"], error["message"]
    except Exception:
        return None
    if code != "bad_parameter":
        return None
    for name, text in CROSS_PARAMETER_REFUSALS:
        if message.startswith(f"query parameter '{name}': ") and text in message:
            return message
    return None


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keep every failure except a 400 for a cross-parameter constraint on schema-valid data."""
    if failure.code != "ST202":  # Schema-valid request rejected (positive_data_acceptance)
        return True
    message = _refusal(response)
    if message is None:
        return True
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{case.operation.label}\t{message}\n")
    return False
