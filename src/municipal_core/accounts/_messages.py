"""Bilingual message templates for the account life cycle, and rendering them safely.

Templates are data: a :class:`MessageTemplate` holds a subject and a body in English and
Arabic with ``{placeholder}`` fields, and :func:`render` fills them into an
:class:`OutgoingMessage` that a :class:`~municipal_core.accounts._ports.Notifier` sends.
Three ship: :data:`ACCOUNT_CREATED` and :data:`PASSWORD_CHANGED` (e-mail) and
:data:`ACTIVATION_CODE` (SMS). A host app writes its own wording with
:func:`attrs.evolve`; the placeholders are checked when a template is built.

Rendering never runs ``str.format`` on user text: each placeholder is replaced by its
value as plain text, so a value such as ``"{code}"`` or ``"{0.__class__}"`` is printed as
typed and can neither pull other values in nor reach Python attributes.

Examples:
    >>> msg = render(ACTIVATION_CODE, "en", to="+96891234567",
    ...              values={"code": "042917", "minutes": "5", "portal": "Sohar Municipality"})
    >>> msg.body
    '042917 is your activation code for Sohar Municipality. It is valid for 5 minutes. ...'
    >>> msg  # the repr masks the number and hides the body, which holds the code
    OutgoingMessage(channel=<Channel.SMS: 'sms'>, to='+9689*****67', subject='', \
body='<hidden>', lang='en')
    >>> render(ACTIVATION_CODE, "en", to="+96891234567", values={"code": "1"})
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The message needs a value for: portal, minutes.
"""

from __future__ import annotations

import enum
import string
from collections.abc import Mapping
from typing import Any

import attrs

from municipal_core._coerce import to_enum
from municipal_core._text import language
from municipal_core.errors import InvalidComponent, InvalidFormat
from municipal_core.identifiers import email as email_id
from municipal_core.identifiers import phone as phone_id

__all__ = [
    "ACCOUNT_CREATED",
    "ACTIVATION_CODE",
    "PASSWORD_CHANGED",
    "Channel",
    "MessageTemplate",
    "OutgoingMessage",
    "contact_repr",
    "hidden_repr",
    "mask_contact",
    "placeholders",
    "render",
]

_CODE = "accounts.message"
# One SMS page of Arabic (UCS-2) text is 70 characters and gateways concatenate up to a
# few pages; a body far beyond that is a mistake in a template, not a message.
_MAX_BODY = 2000
_MAX_SUBJECT = 200

_FORMATTER = string.Formatter()


class Channel(str, enum.Enum):
    """How a message travels: a text message to a mobile, or an e-mail."""

    SMS = "sms"
    EMAIL = "email"


def _bad(field: str, message_en: str, message_ar: str, code: str) -> InvalidFormat:
    return InvalidFormat(message_en, message_ar, code=f"{_CODE}.{code}", field=field)


def placeholders(text: str, *, field: str = "template") -> tuple[str, ...]:
    """Return the ``{placeholder}`` names of ``text`` in order of first use.

    Only bare names are allowed: no positional ``{}``, no attribute or index access, no
    conversion (``!r``) and no format spec (``:>10``), so rendering is plain substitution.
    ``{{`` and ``}}`` stand for literal braces.

    Raises:
        InvalidFormat: unbalanced braces or a placeholder that is not a bare name
            (code ``accounts.message.placeholder``).

    Examples:
        >>> placeholders("Hello {name}, {{literal}} {name} {code}")
        ('name', 'code')
        >>> placeholders("{0.__class__}")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A template placeholder must be a plain name ...
    """
    names: dict[str, None] = {}
    try:
        parts = list(_FORMATTER.parse(text))
    except ValueError:
        raise _bad(
            field,
            "The template has unbalanced braces; write {{ and }} for literal braces.",
            "في القالب أقواس غير متوازنة؛ اكتب {{ و }} للأقواس الحرفية.",
            "braces",
        ) from None
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise _bad(
                field,
                "A template placeholder must be a plain name such as {code}.",
                "يجب أن يكون الحقل في القالب اسمًا بسيطًا مثل {code}.",
                "placeholder",
            )
        names[name] = None
    return tuple(names)


def _fill(text: str, values: Mapping[str, str]) -> str:
    # Hand-written substitution instead of str.format_map: the template is parsed once
    # into literal text and names, and each name is replaced by its value verbatim.
    return "".join(
        literal + ("" if name is None else values[name])
        for literal, name, _spec, _conv in _FORMATTER.parse(text)
    )


def _text(limit: int, *, empty: bool) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or len(value) > limit or (not empty and not value.strip()):
            raise _bad(
                attribute.name,
                f"The {attribute.name} must be text of at most {limit} characters.",
                f"يجب أن يكون {attribute.name} نصًا لا يتجاوز {limit} حرفًا.",
                "text",
            )

    return check


def _key(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.replace(".", "_").isidentifier():
        raise _bad(
            attribute.name,
            "A template key must be a dotted name such as accounts.created.",
            "يجب أن يكون مفتاح القالب اسمًا منقوطًا مثل accounts.created.",
            "key",
        )


def _channel(value: object) -> Channel:
    return to_enum(Channel, value, code=f"{_CODE}.channel", field="channel")


@attrs.frozen
class MessageTemplate:
    """A message in both languages with ``{placeholder}`` fields, checked when built.

    Both languages must use the same placeholders, so a value can never be shown to an
    English reader and missing for an Arabic one. SMS templates have no subject.

    Attributes:
        key: a stable name, e.g. ``"accounts.activation_code"``.
        channel: :class:`Channel` the message goes by.
        subject_en: e-mail subject in English (``""`` for SMS).
        subject_ar: e-mail subject in Arabic (``""`` for SMS).
        body_en: the text in English.
        body_ar: the text in Arabic.

    Raises:
        InvalidFormat: bad text or placeholder (codes ``accounts.message.*``).
        InvalidComponent: the languages use different placeholders, or an SMS template
            has a subject (code ``accounts.message.template``).

    Examples:
        >>> t = MessageTemplate("demo.hello", Channel.EMAIL, "Hi", "مرحبًا",
        ...                     "Hello {name}", "مرحبًا {name}")
        >>> t.placeholders
        ('name',)
    """

    key: str = attrs.field(validator=_key)
    channel: Channel = attrs.field(converter=_channel)
    subject_en: str = attrs.field(validator=_text(_MAX_SUBJECT, empty=True))
    subject_ar: str = attrs.field(validator=_text(_MAX_SUBJECT, empty=True))
    body_en: str = attrs.field(validator=_text(_MAX_BODY, empty=False))
    body_ar: str = attrs.field(validator=_text(_MAX_BODY, empty=False))

    def __attrs_post_init__(self) -> None:
        if self.channel is Channel.SMS and (self.subject_en or self.subject_ar):
            raise _mismatch("An SMS template has no subject.", "رسالة SMS ليس لها عنوان.")
        english = {
            *placeholders(self.subject_en, field="subject_en"),
            *placeholders(self.body_en, field="body_en"),
        }
        arabic = {
            *placeholders(self.subject_ar, field="subject_ar"),
            *placeholders(self.body_ar, field="body_ar"),
        }
        if english != arabic:
            raise _mismatch(
                "The English and Arabic texts must use the same placeholders.",
                "يجب أن يستخدم النصان العربي والإنجليزي الحقول نفسها.",
            )

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The placeholder names, subject first, in order of first use.

        Examples:
            >>> ACTIVATION_CODE.placeholders
            ('code', 'portal', 'minutes')
        """
        return tuple(dict.fromkeys((*placeholders(self.subject_en), *placeholders(self.body_en))))


def _mismatch(message_en: str, message_ar: str) -> InvalidComponent:
    return InvalidComponent(message_en, message_ar, code=f"{_CODE}.template", field="template")


def mask_contact(value: str) -> str:
    """Return a phone number or e-mail address masked for logs and reprs.

    Examples:
        >>> mask_contact("+96891234567"), mask_contact("sara.ali@example.om")
        ('+9689*****67', 's***@example.om')
    """
    if "@" in value:
        return email_id.mask(value)
    return phone_id.mask(value)


def contact_repr(value: str | None) -> str:
    """Return the repr of a phone number or e-mail address, masked (for attrs ``repr=``).

    Examples:
        >>> contact_repr("+96891234567"), contact_repr(None)
        ("'+9689*****67'", 'None')
    """
    return "None" if value is None else repr(mask_contact(value))


def hidden_repr(value: object) -> str:
    """Return ``'<hidden>'`` (or ``None``) in place of a secret's repr.

    Examples:
        >>> hidden_repr("042917"), hidden_repr(None)
        ("'<hidden>'", 'None')
    """
    return "None" if value is None else "'<hidden>'"


@attrs.frozen
class OutgoingMessage:
    """A rendered message, ready for a :class:`Notifier`.

    The repr masks the recipient and hides the body (an activation code is in it).

    Attributes:
        channel: SMS or e-mail.
        to: the recipient: an E.164 mobile number for SMS, an address for e-mail.
        subject: the subject (``""`` for SMS).
        body: the text.
        lang: ``"en"`` or ``"ar"``.
    """

    channel: Channel = attrs.field(converter=_channel)
    to: str = attrs.field(repr=contact_repr, validator=_text(320, empty=False))
    subject: str = attrs.field(validator=_text(_MAX_SUBJECT, empty=True))
    body: str = attrs.field(repr=hidden_repr, validator=_text(_MAX_BODY * 2, empty=False))
    lang: str = attrs.field(converter=language)


def render(
    template: MessageTemplate, lang: str, *, to: str, values: Mapping[str, str]
) -> OutgoingMessage:
    """Fill ``template`` in ``lang`` with ``values`` and address it ``to`` a recipient.

    Every placeholder needs a value and every value needs a placeholder (a value the
    template does not use is most often a misspelt name). Values are inserted verbatim.

    Raises:
        InvalidComponent: a value is missing (``accounts.message.missing_value``) or not
            used (``accounts.message.unknown_value``); ``lang`` is not en/ar (``language``).
        InvalidFormat: a value is not text (``accounts.message.value``).

    Examples:
        >>> m = render(PASSWORD_CHANGED, "ar", to="sara@example.om",
        ...            values={"name": "سارة", "portal": "بلدية صحار", "time": "2026-03-01 09:00"})
        >>> m.subject
        'تم تغيير كلمة المرور'
        >>> render(PASSWORD_CHANGED, "en", to="sara@example.om",
        ...        values={"name": "{portal}", "portal": "P", "time": "t"}).body.split(",")[0]
        'Dear {portal}'
    """
    lang = language(lang)
    if not isinstance(values, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in values.items()
    ):
        raise InvalidFormat(
            "Message values must map placeholder names to text.",
            "يجب أن تربط قيم الرسالة أسماء الحقول بنصوص.",
            code=f"{_CODE}.value",
            field="values",
        )
    needed = template.placeholders
    missing = [name for name in needed if name not in values]
    if missing:
        names = ", ".join(missing)
        raise InvalidComponent(
            f"The message needs a value for: {names}.",
            f"تحتاج الرسالة إلى قيمة للحقول: {names}.",
            code=f"{_CODE}.missing_value",
            field="values",
        )
    unknown = sorted(set(values) - set(needed))
    if unknown:
        # Names only come from the caller's code, never from user input; safe to show.
        names = ", ".join(unknown)
        raise InvalidComponent(
            f"The template {template.key} has no placeholder for: {names}.",
            f"لا يحتوي القالب {template.key} على حقل باسم: {names}.",
            code=f"{_CODE}.unknown_value",
            field="values",
        )
    subject, body = (
        (template.subject_ar, template.body_ar)
        if lang == "ar"
        else (template.subject_en, template.body_en)
    )
    return OutgoingMessage(template.channel, to, _fill(subject, values), _fill(body, values), lang)


ACCOUNT_CREATED = MessageTemplate(
    "accounts.created",
    Channel.EMAIL,
    "Your account has been created",
    "تم إنشاء حسابك",
    "Dear {name}, your account with {portal} has been created. Enter the activation code"
    " sent to your mobile to activate it.",
    "عزيزنا {name}، تم إنشاء حسابك لدى {portal}. أدخل رمز التفعيل المرسل إلى جوالك لتفعيله.",
)
"""E-mail confirming a new account; placeholders ``name`` and ``portal``."""

ACTIVATION_CODE = MessageTemplate(
    "accounts.activation_code",
    Channel.SMS,
    "",
    "",
    "{code} is your activation code for {portal}. It is valid for {minutes} minutes."
    " Do not share it.",
    "رمز التفعيل الخاص بك لدى {portal} هو {code}، وهو صالح لمدة {minutes} دقيقة. لا تشاركه مع أحد.",
)
"""SMS with the activation code; placeholders ``code``, ``portal`` and ``minutes``."""

PASSWORD_CHANGED = MessageTemplate(
    "accounts.password_changed",
    Channel.EMAIL,
    "Your password was changed",
    "تم تغيير كلمة المرور",
    "Dear {name}, the password of your account with {portal} was changed at {time}."
    " If you did not do this, contact the municipality at once.",
    "عزيزنا {name}، تم تغيير كلمة مرور حسابك لدى {portal} في {time}."
    " إن لم تقم بذلك فتواصل مع البلدية فورًا.",
)
"""E-mail after a password change; placeholders ``name``, ``portal`` and ``time``."""
