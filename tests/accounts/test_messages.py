"""Message templates: placeholders checked when built, rendering is plain substitution."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.accounts import (
    ACCOUNT_CREATED,
    ACTIVATION_CODE,
    PASSWORD_CHANGED,
    Channel,
    MessageTemplate,
    OutgoingMessage,
    placeholders,
    render,
)
from municipal_core.errors import InvalidComponent, InvalidFormat
from municipal_core.serialization import from_json, to_json

SMS_VALUES = {"code": "012345", "minutes": "5", "portal": "Balady"}


@pytest.mark.parametrize("template", [ACCOUNT_CREATED, ACTIVATION_CODE, PASSWORD_CHANGED])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_shipped_templates_render_every_placeholder(template: MessageTemplate, lang: str) -> None:
    values = {name: f"<{name}>" for name in template.placeholders}
    msg = render(template, lang, to="+966501234567", values=values)
    for value in values.values():
        assert value in msg.subject + msg.body
    assert "{" not in msg.body
    assert msg.lang == lang
    assert msg.channel is template.channel


def test_activation_code_keeps_leading_zeros_and_arabic_wording() -> None:
    msg = render(ACTIVATION_CODE, "ar", to="+966501234567", values=SMS_VALUES)
    assert "012345" in msg.body
    assert "رمز التفعيل" in msg.body
    assert msg.subject == ""


@given(st.text(max_size=40))
def test_values_are_inserted_verbatim(value: str) -> None:
    # Whatever the user typed (braces, format fields, attribute access) comes out as is.
    msg = render(
        PASSWORD_CHANGED,
        "en",
        to="a@example.om",
        values={"name": value, "portal": "P", "time": "T"},
    )
    assert msg.body.startswith(f"Dear {value}, ")


def test_format_injection_is_not_evaluated() -> None:
    msg = render(
        ACTIVATION_CODE,
        "en",
        to="+966501234567",
        values={**SMS_VALUES, "portal": "{code}{0.__class__}"},
    )
    assert "{code}{0.__class__}" in msg.body


def test_missing_and_unknown_values_are_typed_errors() -> None:
    with pytest.raises(InvalidComponent) as missing:
        render(ACTIVATION_CODE, "en", to="+966501234567", values={"code": "1"})
    assert missing.value.code == "accounts.message.missing_value"
    with pytest.raises(InvalidComponent) as unknown:
        render(ACTIVATION_CODE, "en", to="+966501234567", values={**SMS_VALUES, "cod": "1"})
    assert unknown.value.code == "accounts.message.unknown_value"
    assert "cod" in unknown.value.message_en


@pytest.mark.parametrize("values", [{"code": 1, "minutes": "5", "portal": "x"}, ["code"]])
def test_values_must_be_text(values: object) -> None:
    with pytest.raises(InvalidFormat) as err:
        render(ACTIVATION_CODE, "en", to="+966501234567", values=values)  # type: ignore[arg-type]
    assert err.value.code == "accounts.message.value"


def test_language_must_be_en_or_ar() -> None:
    with pytest.raises(InvalidComponent) as err:
        render(ACTIVATION_CODE, "fr", to="+966501234567", values=SMS_VALUES)
    assert err.value.code == "language"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("Hello {0}", "accounts.message.placeholder"),
        ("Hello {}", "accounts.message.placeholder"),
        ("Hello {name!r}", "accounts.message.placeholder"),
        ("Hello {name:>10}", "accounts.message.placeholder"),
        ("Hello {name.attr}", "accounts.message.placeholder"),
        ("Hello {name", "accounts.message.braces"),
        ("Hello }", "accounts.message.braces"),
    ],
)
def test_template_placeholders_must_be_plain_names(body: str, code: str) -> None:
    with pytest.raises(InvalidFormat) as err:
        MessageTemplate("demo.x", Channel.EMAIL, "s", "s", body, "نص")
    assert err.value.code == code


def test_literal_braces_survive() -> None:
    assert placeholders("{{x}} {y}") == ("y",)
    t = MessageTemplate("demo.x", Channel.EMAIL, "s", "ع", "{{x}} {y}", "{y} {{x}}")
    assert render(t, "en", to="a@example.om", values={"y": "1"}).body == "{x} 1"


def test_languages_must_share_placeholders() -> None:
    with pytest.raises(InvalidComponent) as err:
        MessageTemplate("demo.x", Channel.EMAIL, "s", "ع", "Hi {name}", "مرحبًا")
    assert err.value.code == "accounts.message.template"


def test_sms_has_no_subject() -> None:
    with pytest.raises(InvalidComponent):
        MessageTemplate("demo.x", Channel.SMS, "subject", "", "body", "نص")


@pytest.mark.parametrize(
    "change",
    [
        {"key": "bad key"},
        {"channel": "fax"},
        {"body_en": ""},
        {"body_ar": "x" * 5000},
        {"subject_en": 3},
    ],
)
def test_template_fields_are_validated(change: dict[str, object]) -> None:
    with pytest.raises((InvalidFormat, InvalidComponent)):
        attrs.evolve(ACCOUNT_CREATED, **change)


def test_outgoing_repr_masks_recipient_and_hides_body() -> None:
    msg = render(ACTIVATION_CODE, "en", to="+966501234567", values=SMS_VALUES)
    text = repr(msg)
    assert "012345" not in text
    assert "501234567" not in text
    assert "<hidden>" in text
    mail = render(
        ACCOUNT_CREATED, "en", to="sara.ali@example.om", values={"name": "Sara", "portal": "P"}
    )
    assert "sara.ali" not in repr(mail)


def test_models_round_trip() -> None:
    msg = render(ACTIVATION_CODE, "ar", to="+966501234567", values=SMS_VALUES)
    assert from_json(to_json(msg), OutgoingMessage) == msg
    assert from_json(to_json(ACTIVATION_CODE), MessageTemplate) == ACTIVATION_CODE
