"""Documents.

Documents: bilingual Arabic/English PDFs (fpdf2), bundled fonts, verification QR codes and
amounts in words (issue 8; not yet built).
"""
