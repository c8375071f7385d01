r"""Accounts: everything the two portals do before a citizen reaches a service.

* **Account types** per jurisdiction, as data (:func:`account_types`): which identifiers
  each needs and how its holder signs in; host apps add their own
  (:func:`register_account_types`).
* **Names**: :class:`PersonName` -- a four-part Arabic name with an optional Latin
  rendering, parsed from one line (bin/bint/ibn dropped, compounds and Al/آل kept).
* **Registration** as a workflow (:data:`ACCOUNT_WORKFLOW`): one :class:`RegistrationForm`
  for both portals (Balady's :func:`identify` then :func:`complete` pre-fill it from an
  identity registry), :func:`register`, :func:`activate`, :func:`resend_activation_code`.
* **Activation codes** (:func:`issue_code`, :func:`verify_code`): only a keyed hash is
  stored; TTL, attempts, cool-down and hourly limits from the profile.
* **Passwords**: :class:`PasswordPolicy` per jurisdiction, :class:`PasswordHasher` (scrypt).
* **Sign-in**: :func:`sign_in` with throttling and one generic failure message;
  :func:`change_password`; admin :func:`transition` (lock, suspend, close...).
* **Ports** (``typing.Protocol``) the host provides -- :class:`CaptchaVerifier`,
  :class:`IdentityRegistry`, :class:`Notifier`, :class:`AccountStore`,
  :class:`ThrottleStore` -- each with an in-memory implementation for tests and demos.

Examples:
    >>> import datetime as dt, re
    >>> from municipal_core.clock import FixedClock
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> store, outbox = InMemoryAccountStore(), InMemoryNotifier()
    >>> clock = FixedClock(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc))
    >>> ports = dict(jurisdiction=OM_SOHAR, store=store, key=b"host secret key 0123456789",
    ...              clock=clock)
    >>> form = RegistrationForm(
    ...     account_type="om.citizen",
    ...     name=PersonName.parse("سالم بن علي بن حمد الحارثي"),
    ...     mobile="9123 4567", email="salim@example.om",
    ...     password="Sohar-2026x", confirmation="Sohar-2026x",
    ...     identifiers={"civil_number": "12345678"}, terms_version="2026-01")
    >>> account = register(form, hasher=PasswordHasher(log2_n=4), notifier=outbox, **ports)
    >>> account.status.value, account.mobile
    ('PENDING_ACTIVATION', '+96891234567')
    >>> code = re.search(r"\d{6}", outbox.outbox[-1].body).group()
    >>> account, result = activate(account, code, **ports)
    >>> result.ok, account.status.value
    (True, 'ACTIVE')
"""

from municipal_core.accounts._account import (
    ACCOUNT_WORKFLOW,
    USERNAME_MAX_LENGTH,
    USERNAME_MIN_LENGTH,
    Account,
    AccountRole,
    AccountStatus,
    TermsAcceptance,
    normalise_username,
)
from municipal_core.accounts._messages import (
    ACCOUNT_CREATED,
    ACTIVATION_CODE,
    PASSWORD_CHANGED,
    Channel,
    MessageTemplate,
    OutgoingMessage,
    placeholders,
    render,
)
from municipal_core.accounts._names import (
    MAX_NAME_LENGTH,
    MAX_PART_LENGTH,
    NameParts,
    PersonName,
    Script,
)
from municipal_core.accounts._otp import (
    ActivationCode,
    OtpOutcome,
    OtpPolicy,
    OtpResult,
    issue_code,
    verify_code,
)
from municipal_core.accounts._passwords import (
    PROBLEM_MESSAGES,
    PasswordHasher,
    PasswordPolicy,
    check_password,
    require_password,
)
from municipal_core.accounts._ports import (
    SHARED_IDENTIFIER_FIELDS,
    AccountStore,
    CaptchaVerifier,
    IdentityRecord,
    IdentityRegistry,
    InMemoryAccountStore,
    InMemoryCaptcha,
    InMemoryIdentityRegistry,
    InMemoryNotifier,
    InMemoryThrottleStore,
    Notifier,
    ThrottleStore,
    duplicate_error,
    unique_keys,
)
from municipal_core.accounts._registration import (
    Prefill,
    RegistrationForm,
    activate,
    complete,
    identify,
    register,
    resend_activation_code,
)
from municipal_core.accounts._signin import (
    SignInOutcome,
    SignInResult,
    change_password,
    resolve_identifier,
    sign_in,
    transition,
)
from municipal_core.accounts._throttle import (
    ThrottlePolicy,
    ThrottleState,
    record_failure,
    record_success,
    retry_after,
)
from municipal_core.accounts._types import (
    OM_SOHAR_TYPES,
    SA_BALADY_TYPES,
    AccountHolder,
    AccountType,
    IdentifierRequirement,
    SignInMethod,
    account_type,
    account_types,
    register_account_types,
    sign_in_methods,
)

__all__ = [
    "ACCOUNT_CREATED",
    "ACCOUNT_WORKFLOW",
    "ACTIVATION_CODE",
    "MAX_NAME_LENGTH",
    "MAX_PART_LENGTH",
    "OM_SOHAR_TYPES",
    "PASSWORD_CHANGED",
    "PROBLEM_MESSAGES",
    "SA_BALADY_TYPES",
    "SHARED_IDENTIFIER_FIELDS",
    "USERNAME_MAX_LENGTH",
    "USERNAME_MIN_LENGTH",
    "Account",
    "AccountHolder",
    "AccountRole",
    "AccountStatus",
    "AccountStore",
    "AccountType",
    "ActivationCode",
    "CaptchaVerifier",
    "Channel",
    "IdentifierRequirement",
    "IdentityRecord",
    "IdentityRegistry",
    "InMemoryAccountStore",
    "InMemoryCaptcha",
    "InMemoryIdentityRegistry",
    "InMemoryNotifier",
    "InMemoryThrottleStore",
    "MessageTemplate",
    "NameParts",
    "Notifier",
    "OtpOutcome",
    "OtpPolicy",
    "OtpResult",
    "OutgoingMessage",
    "PasswordHasher",
    "PasswordPolicy",
    "PersonName",
    "Prefill",
    "RegistrationForm",
    "Script",
    "SignInMethod",
    "SignInOutcome",
    "SignInResult",
    "TermsAcceptance",
    "ThrottlePolicy",
    "ThrottleState",
    "ThrottleStore",
    "account_type",
    "account_types",
    "activate",
    "change_password",
    "check_password",
    "complete",
    "duplicate_error",
    "identify",
    "issue_code",
    "normalise_username",
    "placeholders",
    "record_failure",
    "record_success",
    "register",
    "register_account_types",
    "render",
    "require_password",
    "resend_activation_code",
    "resolve_identifier",
    "retry_after",
    "sign_in",
    "sign_in_methods",
    "transition",
    "unique_keys",
    "verify_code",
]
