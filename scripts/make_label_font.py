#!/usr/bin/env python3
"""Makes crates/documents/fonts/NotoSansCJKsc-Regular-subset.otf, the font embedded in the binary so
labels and run sheets print Chinese on a machine with no CJK font installed.

It is a subset of Noto Sans CJK SC Regular (SIL OFL 1.1, see OFL.txt beside the font) keeping:
ASCII and Latin-1, general punctuation, GB2312's symbols and all its 6763 hanzi, CJK symbols and
punctuation, fullwidth forms, and every CJK character in the repository's Rust sources (demo
names, Chinese texts), so the demo never needs a replacement glyph. Outlines stay CFF (what the
source has: smaller than TrueType); hinting, layout and vertical tables go, since the PDF writer
places glyphs by their advance alone.

Setup, outside the repository (the committed font is the output; rerun only to change it):
    python3 -m venv ~/.cache/fonttools-venv && ~/.cache/fonttools-venv/bin/pip install fonttools
    apt-get install fonts-noto-cjk
    ~/.cache/fonttools-venv/bin/python scripts/make_label_font.py
"""

import argparse
import pathlib
import re

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = pathlib.Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# Faces in the collection: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK; the SC face has mainland glyph forms.
SC_FACE = 2
OUTPUT = ROOT / "crates/documents/fonts/NotoSansCJKsc-Regular-subset.otf"
# The copyright notice, the designers and the licence go with the font.
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: ×, ·, °, ±
    (0x2010, 0x2027),  # dashes, quotes, ellipsis
    (0x2030, 0x203B),  # per mille, primes, reference mark
    (0x2190, 0x2199),  # arrows
    (0x2460, 0x2473),  # circled numbers
    (0x25A0, 0x25CF),  # squares and circles (check boxes)
    (0x2713, 0x2714),  # check marks
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF01, 0xFF5E),  # fullwidth forms
    (0xFFE0, 0xFFE6),  # fullwidth signs: ￥
]
CJK_IN_SOURCE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def gb2312():
    """Every character GB2312 encodes: symbols (rows 1-9) and hanzi (rows 16-87)."""
    found = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def hanzi_count(chars):
    return sum(1 for c in chars if "\u4e00" <= c <= "\u9fff")


def repository_cjk():
    found = set()
    for path in (ROOT / "crates").rglob("*.rs"):
        found.update(CJK_IN_SOURCE.findall(path.read_text(encoding="utf-8")))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=pathlib.Path, default=SOURCE)
    parser.add_argument("--face", type=int, default=SC_FACE)
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    args = parser.parse_args()

    wanted = gb2312()
    gb_hanzi = hanzi_count(wanted)
    if gb_hanzi != 6763:
        raise SystemExit(f"GB2312 decoded to {gb_hanzi} hanzi, expected 6763")
    for first, last in RANGES:
        wanted.update(chr(c) for c in range(first, last + 1))
    wanted.update(repository_cjk())

    # The source's timestamp, not today's: the same inputs make the same file.
    font = TTFont(args.source, fontNumber=args.face, recalcTimestamp=False)
    family = font["name"].getDebugName(4)
    if family != "Noto Sans CJK SC":
        raise SystemExit(f"face {args.face} of {args.source} is {family!r}, not Noto Sans CJK SC")
    cmap = font.getBestCmap()
    kept = sorted(c for c in wanted if ord(c) in cmap)

    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["BASE", "GDEF", "GPOS", "GSUB", "VORG", "vhea", "vmtx", "DSIG"]
    options.name_IDs = NAME_IDS
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_bounds = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in kept])
    subsetter.subset(font)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    font.save(args.output)

    size = args.output.stat().st_size
    print(
        f"{args.output.relative_to(ROOT)}: {len(kept)} characters "
        f"({hanzi_count(kept)} hanzi), {font['maxp'].numGlyphs} glyphs, {size / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
