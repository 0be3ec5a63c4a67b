import json
import logging

import pytest

from portal.logs import RequestIdFilter
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_a_sign_in_attempt_writes_no_password_or_email_to_the_logs(client, actor, caplog):
    caplog.set_level(logging.DEBUG)
    sign_in(client, "actor@example.com", "Secret-Pass-Phrase-99")
    sign_in(client, "actor@example.com", "correct horse battery staple 42")
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "Secret-Pass-Phrase-99" not in text
    assert "correct horse battery staple 42" not in text
    assert "actor@example.com" not in text
    assert client.session.session_key not in text


def test_json_log_lines_carry_the_request_id():
    from pythonjsonlogger.json import JsonFormatter

    from portal.logs import request_id_var

    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        rename_fields={"levelname": "level"},
    )
    record = logging.LogRecord("portal", logging.WARNING, __file__, 1, "broker down", None, None)
    token = request_id_var.set("req-0123456789")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(formatter.format(record))
    assert line["request_id"] == "req-0123456789"
    assert line["level"] == "WARNING"
    assert line["message"] == "broker down"
