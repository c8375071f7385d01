r"""The bundled Amiri fonts, loaded and parsed once per process, and their fast subsets.

Amiri (SIL Open Font License 1.1, ``fonts/OFL.txt``) has Arabic and Latin glyphs in
regular and bold. :func:`load_font` reads a face once per process (``functools.cache``)
and keeps what rendering needs: a HarfBuzz font for shaping, glyph advances, the code
points it can draw, metrics for the PDF font descriptor, and the raw TrueType tables.

:meth:`FontProgram.subset` makes the font program embedded in each PDF. It is written by
hand rather than with ``fontTools.subset`` (which fpdf2 uses) because that takes about
90 ms per face per document on Amiri -- more than our whole budget for a two-page
contract -- while a PDF only needs the outlines of the glyphs it draws. We keep glyph ids
unchanged (the PDF maps CID to glyph id with ``/Identity``), copy the used outlines (and
the components of composite glyphs) into a new ``glyf``/``loca``, blank the other
advances in ``hmtx``, and drop the layout tables (GSUB/GPOS/GDEF) a PDF viewer never
reads: about a millisecond per document.

Examples:
    >>> regular = load_font(bold=False)
    >>> regular.units_per_em, ord("ب") in regular.code_points
    (1000, True)
    >>> load_font(bold=False) is regular
    True
    >>> program = regular.subset(frozenset({regular.glyph_for(ord("A"))}))
    >>> program[:4]
    b'\x00\x01\x00\x00'

"""

from __future__ import annotations

import array
import functools
import importlib.resources
import struct
import sys
from collections.abc import Iterable
from typing import Any

__all__ = ["FontProgram", "drawable", "load_font"]

# Tables a TrueType program embedded in a PDF needs (ISO 32000-1 §9.9: head, hhea, loca,
# maxp, cvt, prep, glyf, hmtx, fpgm), plus the small OS/2, cmap and name tables that some
# viewers and font tools read; post is cut to its version-3 header (no glyph names).
_KEEP = ("OS/2", "cmap", "cvt ", "fpgm", "head", "hhea", "maxp", "name", "prep")
_ARG_WORDS, _SCALE, _XY_SCALE, _TWO_BY_TWO, _MORE = 0x1, 0x8, 0x40, 0x80, 0x20


def _checksum(data: bytes) -> int:
    words = array.array("I", data + b"\0" * (-len(data) % 4))
    if sys.byteorder == "little":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _assemble(tables: dict[str, bytes]) -> bytes:
    """Return an sfnt file of ``tables``, each 4-byte aligned with its checksum."""
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(
        ">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    offset = 12 + 16 * count
    records, bodies = [], []
    for tag in tags:
        body = tables[tag]
        records.append(
            struct.pack(">4sIII", tag.encode("latin-1"), _checksum(body), offset, len(body))
        )
        padded = body + b"\0" * (-len(body) % 4)
        bodies.append(padded)
        offset += len(padded)
    return b"".join([header, *records, *bodies])


class FontProgram:
    """One parsed face: shaping font, advances, code points, metrics and raw tables.

    Built once per process by :func:`load_font`; treat it as read-only and shareable.
    """

    __slots__ = (
        "_cmap",
        "_glyf",
        "_loca",
        "_num_h_metrics",
        "_reverse",
        "_tables",
        "advances",
        "ascent",
        "bbox",
        "cap_height",
        "code_points",
        "descent",
        "flags",
        "hb_font",
        "hex_ids",
        "italic_angle",
        "name",
        "stem_v",
        "units_per_em",
    )

    def __init__(self, raw: bytes, name: str) -> None:
        import uharfbuzz as hb

        self.name = name
        directory = {
            raw[12 + 16 * i : 16 + 16 * i].decode("latin-1"): struct.unpack_from(
                ">II", raw, 20 + 16 * i
            )
            for i in range(struct.unpack_from(">H", raw, 4)[0])
        }
        self._tables = {tag: raw[start : start + size] for tag, (start, size) in directory.items()}
        head, hhea, os2 = self._tables["head"], self._tables["hhea"], self._tables["OS/2"]
        self.units_per_em = struct.unpack_from(">H", head, 18)[0]
        self.bbox: tuple[int, int, int, int] = struct.unpack_from(">hhhh", head, 36)
        self.ascent, self.descent = struct.unpack_from(">hh", hhea, 4)
        self._num_h_metrics = struct.unpack_from(">H", hhea, 34)[0]
        num_glyphs = struct.unpack_from(">H", self._tables["maxp"], 4)[0]
        self.cap_height = struct.unpack_from(">h", os2, 88)[0] if len(os2) >= 90 else self.ascent
        weight = struct.unpack_from(">H", os2, 4)[0]
        self.italic_angle = struct.unpack_from(">i", self._tables["post"], 4)[0] / 65536
        # FontDescriptor flags: symbolic (4) as fpdf2 sets for CID fonts; force bold (1<<18).
        self.flags = 4 | (1 << 18 if weight >= 600 else 0)
        self.stem_v = round(50 + (weight / 65) ** 2)
        metrics = struct.unpack_from(f">{2 * self._num_h_metrics}H", self._tables["hmtx"])
        advances = list(metrics[::2])
        self.advances: tuple[int, ...] = tuple(
            advances + [advances[-1]] * (num_glyphs - len(advances))
        )
        long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        loca = self._tables["loca"]
        self._loca: tuple[int, ...] = (
            struct.unpack_from(f">{num_glyphs + 1}I", loca)
            if long_loca
            else tuple(2 * x for x in struct.unpack_from(f">{num_glyphs + 1}H", loca))
        )
        self._glyf = self._tables["glyf"]
        self.hex_ids = tuple(f"<{glyph:04X}>" for glyph in range(num_glyphs))
        self.hb_font = hb.Font(hb.Face(hb.Blob(raw)))
        self._cmap: dict[int, int] = {
            code: self.hb_font.get_nominal_glyph(code) or 0 for code in self.hb_font.face.unicodes
        }
        self.code_points = frozenset(self._cmap)
        reverse: dict[int, str] = {}
        for code, glyph in sorted(self._cmap.items(), reverse=True):
            reverse[glyph] = chr(code)  # lowest code point wins: base letters, not forms
        self._reverse = reverse

    def glyph_for(self, code_point: int) -> int:
        """Return the nominal glyph id of ``code_point`` (0, ``.notdef``, if none)."""
        return self._cmap.get(code_point, 0)

    def nominal_text(self, glyph: int) -> str | None:
        """Return the character whose nominal glyph is ``glyph``, if any (for ToUnicode)."""
        return self._reverse.get(glyph)

    def _components(self, glyph: int) -> Iterable[int]:
        data, start = self._glyf, self._loca[glyph]
        if self._loca[glyph + 1] - start < 10 or struct.unpack_from(">h", data, start)[0] >= 0:
            return
        at = start + 10
        while True:
            flags, component = struct.unpack_from(">HH", data, at)
            yield component
            at += 4 + (4 if flags & _ARG_WORDS else 2)
            at += (
                2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
            )
            if not flags & _MORE:
                return

    def subset(self, glyphs: frozenset[int]) -> bytes:
        """Return a TrueType program drawing ``glyphs`` (ids unchanged, others empty).

        The last few subsets are cached, as a batch of one kind of document draws
        nearly the same glyphs every time.
        """
        return _subset(self, glyphs)

    def build_subset(self, glyphs: frozenset[int]) -> bytes:
        """Return the subset of ``glyphs`` without the cache (see :meth:`subset`)."""
        wanted: set[int] = set()
        pending = [0, *(g for g in glyphs if 0 <= g < len(self.advances))]
        while pending:
            glyph = pending.pop()
            if glyph not in wanted:
                wanted.add(glyph)
                pending.extend(self._components(glyph))
        offsets = [0] * (len(self.advances) + 1)
        parts: list[bytes] = []
        size = 0
        hmtx = bytearray(len(self._tables["hmtx"]))
        source_hmtx = self._tables["hmtx"]
        for glyph in range(len(self.advances)):
            offsets[glyph] = size
            if glyph in wanted:
                outline = self._glyf[self._loca[glyph] : self._loca[glyph + 1]]
                outline += b"\0" * (-len(outline) % 4)
                parts.append(outline)
                size += len(outline)
                slot = (
                    4 * glyph
                    if glyph < self._num_h_metrics
                    else 2 * glyph + 2 * self._num_h_metrics
                )
                width = 4 if glyph < self._num_h_metrics else 2
                hmtx[slot : slot + width] = source_hmtx[slot : slot + width]
        offsets[-1] = size
        head = bytearray(self._tables["head"])
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment: viewers ignore it; 0 keeps output stable
        head[50:52] = struct.pack(">h", 1)  # long loca offsets
        tables = {tag: self._tables[tag] for tag in _KEEP if tag in self._tables}
        post = bytearray(self._tables["post"][:32])
        post[0:4] = struct.pack(">I", 0x00030000)
        tables.update(
            post=bytes(post),
            head=bytes(head),
            hmtx=bytes(hmtx),
            loca=struct.pack(f">{len(offsets)}I", *offsets),
            glyf=b"".join(parts),
        )
        return _assemble(tables)


@functools.lru_cache(maxsize=16)  # thread-safe, unlike a dict on the instance
def _subset(program: FontProgram, glyphs: frozenset[int]) -> bytes:
    return program.build_subset(glyphs)


def _source(name: str) -> Any:
    return importlib.resources.files("municipal_core.documents") / "fonts" / f"{name}.ttf"


@functools.cache
def load_font(*, bold: bool) -> FontProgram:
    """Return the bundled Amiri face (regular or bold), parsed once per process.

    Examples:
        >>> load_font(bold=True).name
        'Amiri-Bold'
    """
    name = "Amiri-Bold" if bold else "Amiri-Regular"
    return FontProgram(_source(name).read_bytes(), name)


@functools.cache
def drawable() -> frozenset[int]:
    """Return the code points both faces can draw (text with others gets a placeholder).

    Examples:
        >>> ord("ب") in drawable(), 0x1F600 in drawable()
        (True, False)
    """
    return load_font(bold=False).code_points & load_font(bold=True).code_points
