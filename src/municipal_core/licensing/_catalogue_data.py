"""The entries of the service catalogue: every service of both portals (DOMAIN.md §1).

Names come from the seeds (seed 000 for Sohar, seed 003 for Balady). What the seeds do
not say -- which documents a form asks for, which account types may apply -- is an
assumption [A], chosen from how the two portals work elsewhere and kept as data so that a
host application replaces it. No service carries a published SLA (DOMAIN.md gives none),
so every ``sla_hours`` here is an assumption [A]: the hours the municipality's own desks
take in the service's workflow -- document check 48 + field inspection 120 + approval 48
(``_SLA_VISIT``, 216) or without the visit 96 (``_SLA_DESK``); a lease is
registered after a desk check of 48 hours (``_SLA_LEASE``). Time the applicant takes
(payment, corrections) is not counted. Sign-up (automatic), complaints (an SLA per
category) and services without an application keep ``None``.

Fee schedule names: ``"sa.licence"`` (``SA_LICENCE_FEES``), ``"om.permit"``
(``OM_PERMIT_FEES``), ``"om.licence"`` (``OM_LICENCE_FEES``) and ``"om.lease"`` (the lease
fees, built from the Sohar profile).

Examples:
    >>> [d.code for d in DOCUMENTS][:3]
    ['id_copy', 'title_deed', 'lease_contract']
    >>> len(OM_SOHAR_SERVICES) > 20, len(SA_BALADY_SERVICES) > 10
    (True, True)
"""

from __future__ import annotations

import functools
from typing import Any

from municipal_core.licensing._catalogue_model import Document, Printable, Service

__all__ = ["DOCUMENTS", "OM_SOHAR_SERVICES", "SA_BALADY_SERVICES"]

# [A] the SLAs (see the module docstring): the sum of the municipality's review desks.
_SLA_VISIT = 216
_SLA_DESK = 96
_SLA_LEASE = 48

# [A] every document below: the seeds name the services, not the papers they ask for.
DOCUMENTS: tuple[Document, ...] = (
    Document("id_copy", "Copy of the identity card", "صورة البطاقة الشخصية"),
    Document("title_deed", "Title deed of the property", "سند ملكية العقار"),
    Document("lease_contract", "Lease contract", "عقد الإيجار"),
    Document("cr_certificate", "Commercial registration certificate", "شهادة السجل التجاري"),
    Document("authorisation_letter", "Letter of authorisation", "خطاب التفويض"),
    Document("site_plan", "Site plan (kroki)", "الرسم المساحي (الكروكي)"),
    Document(
        "building_drawings",
        "Architectural and structural drawings",
        "المخططات المعمارية والإنشائية",
    ),
    Document("building_permit", "Building permit", "إباحة البناء"),
    Document("completion_certificate", "Building completion certificate", "شهادة إتمام البناء"),
    Document("loss_report", "Report of the loss", "بلاغ الفقد"),
    Document("deposit_receipt", "Receipt of the insurance deposit", "إيصال مبلغ التأمين"),
    Document("bank_details", "Bank account details (IBAN)", "بيانات الحساب المصرفي (آيبان)"),
    Document("engineering_licence", "Engineering office licence", "ترخيص المكتب الهندسي"),
    Document("qualifications", "Engineers' qualification certificates", "شهادات مؤهلات المهندسين"),
    Document("shop_photo", "Photograph of the shop front", "صورة واجهة المحل"),
    Document(
        "signboard_design",
        "Signboard design with its dimensions",
        "تصميم اللوحة الإعلانية بأبعادها",
    ),
    Document("civil_defence_approval", "Civil defence approval", "موافقة الدفاع المدني"),
    Document("survey_report", "Soil and survey report", "تقرير فحص التربة والمساحة"),
)
"""The documents services ask for, with their bilingual names ([A] all)."""


def _service(
    jurisdiction: str,
    code: str,
    family: str,
    names: tuple[str, str],
    text: tuple[str, str],
    **kw: Any,
) -> Service:
    # (name_en, name_ar) and (description_en, description_ar) in pairs: the two languages
    # of one text stay side by side, which is how a translator reviews them.
    return Service(code, jurisdiction, family, *names, *text, **kw)


# --------------------------------------------------------------------------- Sohar

_OM = "om-sohar"
_OM_PEOPLE = ("om.citizen", "om.expatriate")
_OM_FIRMS = ("om.consultancy_office", "om.contracting_company", "om.institution")
_OM_ALL = (*_OM_PEOPLE, *_OM_FIRMS)
_OM_OWNERS = ("om.citizen", "om.expatriate", "om.institution")
_PAY = (Printable.INVOICE, Printable.RECEIPT)
_LEASE_FEES: dict[str, Any] = {"fee_schedule": "om.lease", "fee_codes": ("lease.registration",)}
_LEASE: dict[str, Any] = {
    "account_types": _OM_ALL,
    "workflow": "lease.contract",
    "sla_hours": _SLA_LEASE,
}


_OM_LICENCE_FEES = ("om.licence.premises", "om.licence.signboard")
_OM_LICENCE: dict[str, Any] = {
    "account_types": _OM_ALL,
    "required_identifiers": ("om.commercial_registration",),
    "fee_schedule": "om.licence",
    "sla_hours": _SLA_VISIT,
    "workflow": "om.licence.municipal",
    "printables": (Printable.LICENCE_CERTIFICATE, *_PAY),
}
_om = functools.partial(_service, _OM)


OM_SOHAR_SERVICES: tuple[Service, ...] = (
    _om(
        "om.account.registration",
        "accounts",
        ("Create an account", "إنشاء حساب"),
        (
            "Register with your civil number, mobile and e-mail; an activation code is sent to "
            "the mobile.",
            "التسجيل بالرقم المدني والهاتف والبريد الإلكتروني؛ يُرسل رمز تفعيل إلى الهاتف.",
        ),
        required_identifiers=("om.civil_number", "phone", "email"),
        workflow="account.registration",
    ),
    _om(
        "om.lease.new",
        "leases",
        ("New lease contract", "عقد إيجار جديد"),
        (
            "Draft and register a new lease contract; the fee is a share of the total rent.",
            "تحرير عقد إيجار جديد وتسجيله؛ الرسم نسبة من إجمالي الإيجار.",
        ),
        required_identifiers=("om.civil_number",),
        required_documents=("title_deed", "id_copy"),
        printables=(Printable.LEASE_CONTRACT, *_PAY),
        **_LEASE,
        **_LEASE_FEES,
    ),
    _om(
        "om.lease.renew",
        "leases",
        ("Renew a lease contract", "تجديد عقد إيجار"),
        (
            "Renew a registered lease for a new term; registered within a month of the old "
            "contract's expiry.",
            "تجديد عقد مسجل لمدة جديدة، ويُسجل خلال شهر من انتهاء العقد السابق.",
        ),
        required_identifiers=("om.civil_number",),
        required_documents=("lease_contract",),
        printables=(Printable.RENEWAL_CONTRACT, *_PAY),
        **_LEASE,
        **_LEASE_FEES,
    ),
    _om(
        "om.lease.register",
        "leases",
        ("Register a lease contract", "تسجيل عقد إيجار"),
        ("Register a lease contract signed on paper.", "تسجيل عقد إيجار موقع ورقيًا."),
        required_identifiers=("om.civil_number",),
        required_documents=("lease_contract", "title_deed", "id_copy"),
        printables=(Printable.LEASE_CONTRACT, *_PAY),
        **_LEASE,
        **_LEASE_FEES,
    ),
    _om(
        "om.lease.supplementary",
        "leases",
        ("Supplementary lease contract", "عقد إيجار مكمل"),
        (
            "Change a registered lease (rent or term); the fee is charged on the value added.",
            "تعديل عقد مسجل (الإيجار أو المدة)؛ يُحسب الرسم على القيمة المضافة.",
        ),
        required_identifiers=("om.civil_number",),
        required_documents=("lease_contract",),
        fee_schedule="om.lease",
        fee_codes=("lease.amendment",),
        printables=(Printable.SUPPLEMENTARY_CONTRACT, *_PAY),
        **_LEASE,
    ),
    _om(
        "om.lease.cancel",
        "leases",
        ("Cancel a lease contract", "إلغاء عقد إيجار"),
        (
            "Cancel a lease contract before or during its term.",
            "إلغاء عقد إيجار قبل مدته أو أثناءها.",
        ),
        required_identifiers=("om.civil_number",),
        **_LEASE,
    ),
    _om(
        "om.lease.print_new",
        "leases",
        ("Print a new lease contract", "طباعة عقد جديد"),
        ("Print a registered lease contract.", "طباعة عقد إيجار مسجل."),
        account_types=_OM_ALL,
        printables=(Printable.LEASE_CONTRACT,),
    ),
    _om(
        "om.lease.print_renewal",
        "leases",
        ("Print a renewal contract", "طباعة عقد تجديد"),
        ("Print a registered renewal of a lease.", "طباعة عقد تجديد مسجل."),
        account_types=_OM_ALL,
        printables=(Printable.RENEWAL_CONTRACT,),
    ),
    _om(
        "om.lease.print_supplementary",
        "leases",
        ("Print a supplementary contract", "طباعة عقد مكمل"),
        ("Print a registered supplementary contract.", "طباعة عقد مكمل مسجل."),
        account_types=_OM_ALL,
        printables=(Printable.SUPPLEMENTARY_CONTRACT,),
    ),
    _om(
        "om.building.addressing",
        "buildings",
        ("Add an address to a building", "إضافة عنونة لمبنى"),
        (
            "Request an address number for a building (Ministerial Decision 200/2024).",
            "طلب رقم عنوان لمبنى (القرار الوزاري 200/2024).",
        ),
        account_types=_OM_ALL,
        required_identifiers=("om.civil_number",),
        required_documents=("title_deed", "site_plan"),
        sla_hours=_SLA_VISIT,
        workflow="om.addressing",
        printables=(Printable.ADDRESS_CARD,),
    ),
    _om(
        "om.building.address_card",
        "buildings",
        ("Print the address card", "طباعة بطاقة العنوان"),
        ("Print the address card of an addressed building.", "طباعة بطاقة عنوان مبنى معنون."),
        account_types=_OM_ALL,
        required_identifiers=("om.address_number",),
        printables=(Printable.ADDRESS_CARD,),
    ),
    _om(
        "om.building.address_card_replacement",
        "buildings",
        ("Replace a lost address card", "بدل فاقد لبطاقة العنوان"),
        ("Print a new address card for one that was lost.", "طباعة بطاقة عنوان بدل المفقودة."),
        account_types=_OM_ALL,
        required_identifiers=("om.address_number",),
        required_documents=("loss_report",),
        printables=(Printable.ADDRESS_CARD,),
    ),
    _om(
        "om.permit.start_construction",
        "buildings",
        ("Permit to start construction", "تصريح الشروع ببناء"),
        (
            "Permission to start work on a plot under a building permit.",
            "إذن ببدء أعمال البناء في قطعة أرض بموجب إباحة بناء.",
        ),
        account_types=_OM_ALL,
        required_identifiers=("om.civil_number",),
        required_documents=("building_permit", "site_plan"),
        sla_hours=_SLA_VISIT,
        workflow="om.permit.start_construction",
        printables=(Printable.PERMIT_CERTIFICATE,),
    ),
    _om(
        "om.permit.major",
        "buildings",
        ("Major building permit", "إصدار إباحة بناء كبرى"),
        (
            "A building permit valid for two years, renewable for the same period.",
            "إباحة بناء صالحة لسنتين قابلة للتجديد للمدة نفسها.",
        ),
        account_types=_OM_ALL,
        required_identifiers=("om.civil_number",),
        required_documents=("title_deed", "site_plan", "building_drawings"),
        fee_schedule="om.permit",
        fee_codes=("om.permit.application", "om.permit.major", "om.permit.area"),
        sla_hours=_SLA_VISIT,
        workflow="om.permit.building",
        printables=(Printable.PERMIT_CERTIFICATE, *_PAY),
    ),
    _om(
        "om.certificate.completion",
        "buildings",
        ("Building completion certificate", "شهادة إتمام بناء"),
        (
            "Certifies that a permitted building is finished; needed for utility connections.",
            "تثبت إتمام مبنى مرخص؛ وتلزم لتوصيل الخدمات.",
        ),
        account_types=_OM_ALL,
        required_identifiers=("om.civil_number",),
        required_documents=("building_permit",),
        fee_schedule="om.permit",
        fee_codes=("om.certificate.completion",),
        sla_hours=_SLA_VISIT,
        workflow="om.certificate.completion",
        printables=(Printable.COMPLETION_CERTIFICATE, *_PAY),
    ),
    _om(
        "om.certificate.replacement",
        "buildings",
        ("Replace a lost completion certificate", "بدل فاقد لشهادة إتمام البناء"),
        (
            "A new copy of an issued completion certificate that was lost.",
            "نسخة جديدة من شهادة إتمام بناء صادرة فُقدت.",
        ),
        account_types=_OM_ALL,
        required_identifiers=("om.civil_number",),
        required_documents=("loss_report",),
        fee_schedule="om.permit",
        fee_codes=("om.certificate.replacement",),
        sla_hours=_SLA_DESK,
        workflow="om.certificate.replacement",
        printables=(Printable.COMPLETION_CERTIFICATE, *_PAY),
    ),
    _om(
        "om.letter.completion_utilities",
        "buildings",
        ("Completion letter for electricity and water", "رسالة إتمام البناء للكهرباء والمياه"),
        (
            "A letter to the electricity and water companies that the building is complete.",
            "رسالة إلى شركتي الكهرباء والمياه بإتمام المبنى.",
        ),
        account_types=_OM_ALL,
        required_identifiers=("om.civil_number",),
        required_documents=("completion_certificate",),
        fee_schedule="om.permit",
        fee_codes=("om.letter.service",),
        sla_hours=_SLA_DESK,
        workflow="om.letter.service",
        printables=(Printable.SERVICE_LETTER, *_PAY),
    ),
    *(
        _om(
            f"om.letter.{utility}",
            "buildings",
            (f"Service letter: {name_en}", f"رسالة خدمة: {name_ar}"),
            (
                f"A letter to the {name_en} provider to connect a building.",
                f"رسالة إلى مزود خدمة {name_ar} لتوصيل مبنى.",
            ),
            account_types=_OM_ALL,
            required_identifiers=("om.civil_number",),
            required_documents=("building_permit",),
            fee_schedule="om.permit",
            fee_codes=("om.letter.service",),
            sla_hours=_SLA_DESK,
            workflow="om.letter.service",
            printables=(Printable.SERVICE_LETTER, *_PAY),
        )
        for utility, name_en, name_ar in (
            ("electricity", "electricity", "الكهرباء"),
            ("water", "water", "المياه"),
            ("sewerage", "sewerage", "الصرف الصحي"),
        )
    ),
    _om(
        "om.insurance_refund",
        "buildings",
        ("Insurance refund", "رد التأمين"),
        (
            "Refund of the deposit paid with a building permit, after completion.",
            "رد مبلغ التأمين المدفوع مع إباحة البناء بعد إتمام المبنى.",
        ),
        account_types=_OM_ALL,
        required_identifiers=("om.civil_number",),
        required_documents=("completion_certificate", "deposit_receipt", "bank_details"),
        sla_hours=_SLA_DESK,
        workflow="om.insurance_refund",
        printables=(Printable.RECEIPT,),
    ),
    _om(
        "om.licence.municipal",
        "licensing",
        ("Municipal licence", "ترخيص بلدي"),
        (
            "Licences for shops, signboards and other activities in the municipality.",
            "تراخيص المحلات واللوحات الإعلانية والأنشطة الأخرى في البلدية.",
        ),
        required_documents=("cr_certificate", "lease_contract"),
        fee_codes=_OM_LICENCE_FEES,
        **_OM_LICENCE,
    ),
    _om(
        "om.licence.municipal.renew",
        "licensing",
        ("Renew a municipal licence", "تجديد ترخيص بلدي"),
        (
            "Renewal opens 30 days before expiry; a late renewal is fined.",
            "يبدأ التجديد قبل انتهاء الترخيص بثلاثين يومًا؛ ويُغرَّم التجديد المتأخر.",
        ),
        required_documents=("lease_contract",),
        fee_codes=(*_OM_LICENCE_FEES, "om.licence.late_renewal"),
        **_OM_LICENCE,
    ),
    _om(
        "om.engineers.registration",
        "engineers",
        ("Register a consultancy office or contractor", "تسجيل مكتب استشاري أو مقاول"),
        (
            "Registration of consultancy offices and construction contractors with the "
            "municipality.",
            "تسجيل المكاتب الاستشارية ومقاولي البناء لدى البلدية.",
        ),
        account_types=("om.consultancy_office", "om.contracting_company"),
        required_identifiers=("om.commercial_registration",),
        required_documents=("cr_certificate", "qualifications", "authorisation_letter"),
        sla_hours=_SLA_VISIT,
        workflow="om.engineers.registration",
    ),
    _om(
        "om.complaint",
        "complaints",
        ("Complaints", "الشكاوى والبلاغات"),
        (
            "Report a problem to the municipality; each category has its own answer time.",
            "الإبلاغ عن مشكلة للبلدية؛ لكل فئة مدة إجابة خاصة.",
        ),
        account_types=_OM_ALL,
        workflow="complaint",
    ),
    _om(
        "om.transactions.lookup",
        "information",
        ("Transaction lookup", "الاستعلام عن المعاملات"),
        (
            "Find past transactions and their status by transaction, CR, licence, contract, "
            "phone or address number.",
            "البحث عن المعاملات السابقة وحالتها برقم المعاملة أو "
            "السجل التجاري أو الترخيص أو العقد أو الهاتف أو العنوان.",
        ),
    ),
    _om(
        "om.violations.payment",
        "violations",
        ("Pay violations", "سداد المخالفات"),
        (
            "Pay the violations recorded against a commercial registration, by CR or "
            "violation number.",
            "سداد المخالفات المسجلة على سجل تجاري برقم السجل أو رقم المخالفة.",
        ),
        required_identifiers=("om.commercial_registration",),
        printables=(Printable.VIOLATION_NOTICE, *_PAY),
    ),
    _om(
        "om.invoices.paid",
        "payments",
        ("Paid invoices", "الفواتير المدفوعة"),
        (
            "View the invoices already paid, with their receipts.",
            "عرض الفواتير المدفوعة مع إيصالاتها.",
        ),
        account_types=_OM_ALL,
        printables=_PAY,
    ),
)
"""Every service of the Sohar portal (seed 000)."""

# --------------------------------------------------------------------------- Balady

_SA = "sa-balady"
_SA_PEOPLE = ("sa.citizen", "sa.resident")
_SA_FEES = "sa.licence"
_COMMERCIAL: dict[str, Any] = {
    "account_types": _SA_PEOPLE,
    "workflow": "sa.licence.commercial",
    "sla_hours": _SLA_VISIT,
}
_SHOP_FEES = ("sa.licence.shop_area", "sa.licence.signboard")


_sa = functools.partial(_service, _SA)


SA_BALADY_SERVICES: tuple[Service, ...] = (
    _sa(
        "sa.account.registration",
        "accounts",
        ("Register as a citizen or resident", "التسجيل كمواطن أو مقيم"),
        (
            "Register with the national ID or iqama number and date of birth; the rest is "
            "filled in from the identity record.",
            "التسجيل برقم الهوية أو الإقامة وتاريخ الميلاد؛ وتُملأ بقية البيانات من سجل الهوية.",
        ),
        required_identifiers=("sa.national_id", "phone", "email"),
        workflow="account.registration",
    ),
    _sa(
        "sa.account.registration.engineering_office",
        "accounts",
        ("Register an engineering office", "تسجيل مكتب هندسي"),
        (
            "Register an engineering office with its CR and engineering licence.",
            "تسجيل مكتب هندسي بسجله التجاري وترخيصه الهندسي.",
        ),
        required_identifiers=(
            "sa.commercial_registration",
            "sa.engineering_office_licence",
            "sa.national_id",
            "phone",
            "email",
        ),
        required_documents=("engineering_licence", "cr_certificate"),
        workflow="account.registration",
    ),
    _sa(
        "sa.licence.commercial.new",
        "licensing",
        ("New commercial-activity licence", "إصدار رخصة نشاط تجاري"),
        (
            "A licence for a shop's activity, one to three years (one for health-hazard "
            "activities); the applicant owns the premises or holds a lease of a year or more.",
            "رخصة لنشاط محل لمدة سنة إلى ثلاث (سنة للأنشطة ذات الخطورة الصحية)؛ ويملك المتقدم "
            "المحل أو يستأجره سنة فأكثر.",
        ),
        required_identifiers=("sa.commercial_registration",),
        required_documents=(
            "lease_contract",
            "shop_photo",
            "signboard_design",
            "civil_defence_approval",
        ),
        fee_schedule=_SA_FEES,
        fee_codes=_SHOP_FEES,
        printables=(Printable.LICENCE_CERTIFICATE, *_PAY),
        **_COMMERCIAL,
    ),
    _sa(
        "sa.licence.commercial.renew",
        "licensing",
        ("Renew a commercial-activity licence", "تجديد رخصة نشاط تجاري"),
        (
            "Renewal opens 90 days before expiry; a late renewal is fined.",
            "يبدأ التجديد قبل انتهاء الرخصة بتسعين يومًا؛ ويُغرَّم التجديد المتأخر.",
        ),
        required_identifiers=("sa.commercial_registration",),
        required_documents=("lease_contract",),
        fee_schedule=_SA_FEES,
        fee_codes=(*_SHOP_FEES, "sa.licence.late_renewal"),
        printables=(Printable.LICENCE_CERTIFICATE, *_PAY),
        **_COMMERCIAL,
    ),
    _sa(
        "sa.licence.commercial.cancel",
        "licensing",
        ("Cancel a commercial-activity licence", "إلغاء رخصة نشاط تجاري"),
        ("Cancel a licence whose activity has stopped.", "إلغاء رخصة توقف نشاطها."),
        required_identifiers=("sa.commercial_registration",),
        **_COMMERCIAL,
    ),
    _sa(
        "sa.licence.construction",
        "buildings",
        ("Construction licence", "الرخصة الإنشائية"),
        (
            "A building licence, fee per m² by municipality category, valid three years.",
            "رخصة بناء برسم لكل متر مربع حسب فئة البلدية، صالحة ثلاث سنوات.",
        ),
        account_types=_SA_PEOPLE,
        required_identifiers=("sa.national_id",),
        required_documents=("title_deed", "building_drawings", "survey_report"),
        fee_schedule=_SA_FEES,
        fee_codes=("sa.construction.area",),
        sla_hours=_SLA_VISIT,
        workflow="sa.licence.construction",
        printables=(Printable.PERMIT_CERTIFICATE, *_PAY),
    ),
    _sa(
        "sa.licence.construction.renew",
        "buildings",
        ("Renew a construction licence", "تجديد الرخصة الإنشائية"),
        (
            "Renew a construction licence whose building is not finished.",
            "تجديد رخصة إنشائية لمبنى لم يكتمل.",
        ),
        account_types=_SA_PEOPLE,
        required_identifiers=("sa.national_id",),
        required_documents=("building_permit",),
        sla_hours=_SLA_VISIT,
        workflow="sa.licence.construction",
        printables=(Printable.PERMIT_CERTIFICATE,),
    ),
    _sa(
        "sa.plan_approval",
        "buildings",
        ("Plan approval", "تصديق المخططات"),
        (
            "An engineering office submits building plans for review and approval; the "
            "municipality may send them back for corrections.",
            "يقدم المكتب الهندسي المخططات للمراجعة والتصديق؛ وللبلدية إعادتها للتصحيح.",
        ),
        account_types=("sa.engineering_office",),
        required_identifiers=("sa.engineering_office_licence",),
        required_documents=("building_drawings", "title_deed", "site_plan"),
        sla_hours=_SLA_DESK,
        workflow="sa.plan_approval",
    ),
    _sa(
        "sa.participation.report",
        "participation",
        ("Report an observation", "الإبلاغ عن ملاحظة"),
        (
            "Community participation: report potholes, noise, waste and other observations.",
            "المشاركة المجتمعية: الإبلاغ عن الحفر والإزعاج والنفايات وغيرها من الملاحظات.",
        ),
        account_types=(*_SA_PEOPLE, "sa.engineering_office"),
        workflow="complaint",
    ),
    _sa(
        "sa.info.licence_inquiry",
        "information",
        ("Licence inquiry", "الاستعلام عن رخصة"),
        (
            "Check a commercial-activity licence by its number or the CR.",
            "الاستعلام عن رخصة نشاط تجاري برقمها أو بالسجل التجاري.",
        ),
    ),
    _sa(
        "sa.info.construction_inquiry",
        "information",
        ("Construction licence inquiry", "الاستعلام عن رخصة إنشائية"),
        ("Check a construction licence by its number.", "الاستعلام عن رخصة إنشائية برقمها."),
    ),
    _sa(
        "sa.info.fee_calculator",
        "information",
        ("Fee calculator", "حاسبة الرسوم"),
        ("Estimate the fees of a licence before applying.", "تقدير رسوم الرخصة قبل التقديم."),
        fee_schedule=_SA_FEES,
        fee_codes=(*_SHOP_FEES, "sa.construction.area"),
    ),
)
"""Every service of the Balady portal (seed 003)."""
