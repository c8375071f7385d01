"""Arabic given and family names with their usual Latin renderings (data only).

The renderings are the common spellings on Omani and Saudi documents, not a
transliteration scheme: a test that needs realistic names needs the spellings people see.
Family names carry their particle as written (``آل سعيد`` / ``Al Said``,
``البلوشي`` / ``Al Balushi``).

Examples:
    >>> len(MALE_GIVEN) >= 40 and len(FEMALE_GIVEN) >= 40 and len(FAMILY) >= 40
    True
    >>> MALE_GIVEN[0]
    ('محمد', 'Mohammed')
"""

from __future__ import annotations

__all__ = ["FAMILY", "FEMALE_GIVEN", "MALE_GIVEN"]

MALE_GIVEN: tuple[tuple[str, str], ...] = (
    ("محمد", "Mohammed"), ("أحمد", "Ahmed"), ("علي", "Ali"), ("سالم", "Salim"),
    ("سعيد", "Said"), ("خالد", "Khalid"), ("عبد الله", "Abdullah"),
    ("عبد الرحمن", "Abdulrahman"), ("عبد العزيز", "Abdulaziz"), ("فهد", "Fahad"),
    ("سلطان", "Sultan"), ("حمد", "Hamad"), ("ناصر", "Nasser"), ("سيف", "Saif"),
    ("راشد", "Rashid"), ("يوسف", "Yousef"), ("إبراهيم", "Ibrahim"), ("عمر", "Omar"),
    ("طلال", "Talal"), ("ماجد", "Majid"), ("بدر", "Badr"), ("فيصل", "Faisal"),
    ("تركي", "Turki"), ("مازن", "Mazin"), ("هلال", "Hilal"), ("حمود", "Hamood"),
    ("مسلم", "Musallam"), ("زاهر", "Zahir"), ("هيثم", "Haitham"), ("قابوس", "Qaboos"),
    ("منصور", "Mansour"), ("عادل", "Adel"), ("حسن", "Hassan"), ("حسين", "Hussain"),
    ("طارق", "Tariq"), ("ياسر", "Yasser"), ("نايف", "Naif"), ("مشعل", "Mishal"),
    ("بندر", "Bandar"), ("عيسى", "Issa"), ("موسى", "Musa"), ("جابر", "Jaber"),
)  # fmt: skip
"""Men's given names (also used for the father and grandfather parts)."""

FEMALE_GIVEN: tuple[tuple[str, str], ...] = (
    ("فاطمة", "Fatima"), ("عائشة", "Aisha"), ("مريم", "Maryam"), ("خديجة", "Khadija"),
    ("نورة", "Noura"), ("سارة", "Sara"), ("هدى", "Huda"), ("ليلى", "Laila"),
    ("أمل", "Amal"), ("منى", "Muna"), ("ريم", "Reem"), ("شيخة", "Shaikha"),
    ("موزة", "Moza"), ("زينب", "Zainab"), ("أسماء", "Asma"), ("هند", "Hind"),
    ("لطيفة", "Latifa"), ("سلمى", "Salma"), ("رحمة", "Rahma"), ("بشرى", "Bushra"),
    ("جميلة", "Jamila"), ("نوال", "Nawal"), ("سعاد", "Suad"), ("حصة", "Hessa"),
    ("العنود", "Al Anoud"), ("الجوهرة", "Al Jawhara"), ("دانة", "Dana"), ("لمى", "Lama"),
    ("رغد", "Raghad"), ("شهد", "Shahad"), ("وعد", "Waad"), ("غادة", "Ghada"),
    ("ابتسام", "Ibtisam"), ("إيمان", "Eman"), ("ياسمين", "Yasmin"), ("رنا", "Rana"),
    ("بثينة", "Buthaina"), ("ميثاء", "Maitha"), ("عفاف", "Afaf"), ("وفاء", "Wafa"),
)  # fmt: skip
"""Women's given names."""

FAMILY: tuple[tuple[str, str], ...] = (
    ("آل سعيد", "Al Said"), ("البلوشي", "Al Balushi"), ("الحارثي", "Al Harthi"),
    ("الهنائي", "Al Hinai"), ("الكندي", "Al Kindi"), ("الرواحي", "Al Rawahi"),
    ("المعمري", "Al Maamari"), ("الشكيلي", "Al Shukaili"), ("العبري", "Al Abri"),
    ("الفارسي", "Al Farsi"), ("المقبالي", "Al Maqbali"), ("السيابي", "Al Siyabi"),
    ("الغافري", "Al Ghafri"), ("البوسعيدي", "Al Busaidi"), ("الريامي", "Al Riyami"),
    ("الوهيبي", "Al Wahaibi"), ("الجابري", "Al Jabri"), ("الشحي", "Al Shehhi"),
    ("الحبسي", "Al Habsi"), ("المنذري", "Al Mundhari"), ("القحطاني", "Al Qahtani"),
    ("العتيبي", "Al Otaibi"), ("الشمري", "Al Shammari"), ("الدوسري", "Al Dosari"),
    ("الغامدي", "Al Ghamdi"), ("الزهراني", "Al Zahrani"), ("الحربي", "Al Harbi"),
    ("المطيري", "Al Mutairi"), ("العنزي", "Al Anazi"), ("السبيعي", "Al Subaie"),
    ("الشهري", "Al Shehri"), ("العمري", "Al Omari"), ("الرشيد", "Al Rasheed"),
    ("آل سعود", "Al Saud"), ("آل الشيخ", "Al Sheikh"), ("السديري", "Al Sudairi"),
    ("الجهني", "Al Juhani"), ("البقمي", "Al Buqami"), ("المالكي", "Al Malki"),
    ("السالمي", "Al Salmi"), ("التميمي", "Al Tamimi"), ("الخروصي", "Al Kharusi"),
)  # fmt: skip
"""Family (tribe) names."""
