"""
Headshots for the demo: stylised portraits the project draws itself with Pillow.

They are clearly illustrations (flat shapes, no photograph, no real person's face, nothing
downloaded) yet varied enough (skin tones, hair, clothes, backgrounds, glasses) that a
directory of them reads as a directory of people. Each is derived from its number alone, so a
re-run draws the same face. Drawn at twice the size and scaled down, for smooth edges.
"""

import io
import random
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 600, 750  # the 4:5 of a headshot
_SCALE = 2

SKIN = [
    ("#f7dcc9", "#e3b9a0"),
    ("#f0c8a8", "#d9a784"),
    ("#e2b08a", "#c68f69"),
    ("#cf9a72", "#b07c56"),
    ("#b57a55", "#966040"),
    ("#96603e", "#7a4a2e"),
    ("#74462b", "#5c351f"),
    ("#573420", "#432617"),
]
HAIR = ["#1d1716", "#2e211b", "#4a3022", "#6b4328", "#8f5a2f", "#b9854d", "#d8b57c", "#9b9692"]
BACKGROUNDS = [
    ("#e9dcd0", "#cdb8a8"),
    ("#d6e2dc", "#a9c1b6"),
    ("#dcdcec", "#b3b3d1"),
    ("#efe1c8", "#d8bf92"),
    ("#e6d3d6", "#c7a4aa"),
    ("#d5e0ea", "#a3b8cc"),
    ("#e4e4dc", "#c2c2b2"),
]
CLOTHES = ["#2f3e4e", "#7a2e3a", "#3f5e4a", "#5b4a6e", "#b5834a", "#e8e2d6", "#3a3a3a", "#8a9bb0"]
LIPS = ["#b5646a", "#a0524f", "#8c4a48", "#c77c7a", "#7b3f3c"]
HAIR_STYLES = ["short", "crop", "side_part", "long", "bob", "bun", "curly", "shaved", "ponytail"]


@dataclass(frozen=True)
class Face:
    skin: tuple[str, str]
    hair: str
    style: str
    background: tuple[str, str]
    clothes: str
    lips: str
    eye_gap: int
    head_width: int
    glasses: bool
    earrings: bool
    beard: bool


def face_for(number: int, variant: int = 0) -> Face:
    """Face ``number``; another ``variant`` is the same person against another backdrop."""
    rng = random.Random(f"portrait-demo-face-{number}")
    style = rng.choice(HAIR_STYLES)
    hair = rng.choice(HAIR[:7]) if rng.random() < 0.85 else HAIR[7]
    return Face(
        skin=rng.choice(SKIN),
        hair=hair,
        style=style,
        background=BACKGROUNDS[(rng.randrange(len(BACKGROUNDS)) + variant) % len(BACKGROUNDS)],
        clothes=rng.choice(CLOTHES),
        lips=rng.choice(LIPS),
        eye_gap=rng.randint(46, 58),
        head_width=rng.randint(176, 200),
        glasses=rng.random() < 0.2,
        earrings=style in ("long", "bob", "bun", "ponytail") and rng.random() < 0.5,
        beard=style in ("short", "crop", "shaved", "side_part") and rng.random() < 0.25,
    )


def _vertical_gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


class _Painter:
    """Coordinates in the 600 x 750 frame; drawn at ``_SCALE`` times that."""

    def __init__(self, face: Face):
        self.face = face
        self.image = _vertical_gradient((WIDTH * _SCALE, HEIGHT * _SCALE), *face.background)
        self.draw = ImageDraw.Draw(self.image)
        self.cx, self.cy = WIDTH // 2, 330  # the centre of the head
        self.rx, self.ry = face.head_width // 2 + 40, 130

    def box(self, x0, y0, x1, y1):
        return [round(v * _SCALE) for v in (x0, y0, x1, y1)]

    def ellipse(self, x0, y0, x1, y1, fill, **kw):
        self.draw.ellipse(self.box(x0, y0, x1, y1), fill=fill, **kw)

    def rounded(self, x0, y0, x1, y1, radius, fill):
        self.draw.rounded_rectangle(self.box(x0, y0, x1, y1), radius * _SCALE, fill=fill)

    def arc(self, x0, y0, x1, y1, start, end, fill, width):
        self.draw.arc(self.box(x0, y0, x1, y1), start, end, fill=fill, width=width * _SCALE)

    def paint(self) -> Image.Image:
        self.hair_behind()
        self.body()
        self.head()
        self.hair_front()
        self.features()
        # Frame the head and shoulders as a headshot does: crop in, keep 4:5.
        crop = self.box(60, 110, WIDTH - 60, 110 + (WIDTH - 120) * 5 / 4)
        return self.image.crop(crop).resize((WIDTH, HEIGHT), Image.Resampling.HAMMING)

    def body(self):
        f, cx = self.face, self.cx
        self.rounded(cx - 42, self.cy + 90, cx + 42, self.cy + 190, 18, f.skin[1])
        self.rounded(cx - 230, self.cy + 175, cx + 230, HEIGHT + 120, 150, f.clothes)
        # A neckline, so the clothes read as clothes.
        self.draw.polygon(
            [
                (round((cx - 48) * _SCALE), round((self.cy + 172) * _SCALE)),
                (round((cx + 48) * _SCALE), round((self.cy + 172) * _SCALE)),
                (round(cx * _SCALE), round((self.cy + 236) * _SCALE)),
            ],
            fill=f.skin[1],
        )

    def head(self):
        f, cx, cy, rx, ry = self.face, self.cx, self.cy, self.rx - 40, self.ry
        self.ellipse(cx - rx - 16, cy - 20, cx - rx + 14, cy + 34, f.skin[1])  # ears
        self.ellipse(cx + rx - 14, cy - 20, cx + rx + 16, cy + 34, f.skin[1])
        self.ellipse(cx - rx, cy - ry, cx + rx, cy + ry, f.skin[0])
        if f.earrings:
            self.ellipse(cx - rx - 8, cy + 36, cx - rx + 4, cy + 48, "#d9b44a")
            self.ellipse(cx + rx - 4, cy + 36, cx + rx + 8, cy + 48, "#d9b44a")
        if f.beard:
            self.draw.chord(
                self.box(cx - rx + 6, cy - 40, cx + rx - 6, cy + ry + 8), 20, 160, fill=f.hair
            )
            self.ellipse(cx - 34, cy + 66, cx + 34, cy + 96, f.skin[0])

    def hair_behind(self):
        f, cx, cy, rx, ry = self.face, self.cx, self.cy, self.rx, self.ry
        if f.style in ("long", "curly"):
            self.rounded(cx - rx - 6, cy - ry - 10, cx + rx + 6, cy + ry + 150, 110, f.hair)
        elif f.style == "bob":
            self.rounded(cx - rx + 4, cy - ry - 10, cx + rx - 4, cy + ry + 20, 100, f.hair)
        elif f.style == "ponytail":
            self.ellipse(cx + rx - 60, cy - 40, cx + rx + 30, cy + 170, f.hair)

    def hair_front(self):
        f, cx, cy, rx, ry = self.face, self.cx, self.cy, self.rx - 40, self.ry
        top = (cx - rx - 6, cy - ry - 14, cx + rx + 6, cy + 20)
        if f.style == "shaved":
            self.draw.chord(self.box(*top), 190, 350, fill=f.hair)
            return
        if f.style == "bun":
            self.ellipse(cx - 48, cy - ry - 70, cx + 48, cy - ry + 14, f.hair)
        if f.style == "curly":
            for i in range(9):
                x = cx - rx + i * (2 * rx) / 8
                self.ellipse(x - 30, cy - ry - 26 + (i % 2) * 12, x + 30, cy - ry + 34, f.hair)
        self.draw.chord(self.box(*top), 180, 360, fill=f.hair)
        hair = f.hair
        if f.style == "side_part":
            self.draw.chord(self.box(cx - rx, cy - ry - 6, cx + rx + 60, cy + 40), 200, 290, hair)
        elif f.style in ("long", "bob", "ponytail"):
            self.draw.pieslice(self.box(cx - rx - 10, cy - ry, cx + 10, cy + 60), 180, 270, hair)
        elif f.style == "crop":
            self.draw.chord(
                self.box(cx - rx + 10, cy - ry + 4, cx + rx - 10, cy - 10), 200, 340, hair
            )

    def features(self):
        f, cx, cy = self.face, self.cx, self.cy
        gap, ink = f.eye_gap, "#2a1e1c"
        for side in (-1, 1):
            x = cx + side * gap
            self.ellipse(x - 18, cy + 2, x + 18, cy + 24, "#fbf7f2")
            self.ellipse(x - 10, cy + 3, x + 10, cy + 23, "#4a3426")
            self.ellipse(x - 5, cy + 8, x + 5, cy + 18, ink)
            self.ellipse(x + 2, cy + 7, x + 6, cy + 11, "#ffffff")
            brow = (x - 26, cy - 28, x + 26, cy + 2)
            self.arc(*brow, 200 if side < 0 else 210, 330 if side < 0 else 340, f.hair, 6)
            if f.glasses:
                self.arc(x - 30, cy - 12, x + 30, cy + 38, 0, 360, "#3b3b3b", 4)
        if f.glasses:
            self.arc(cx - gap + 30, cy + 2, cx + gap - 30, cy + 22, 200, 340, "#3b3b3b", 4)
        self.arc(cx - 14, cy + 22, cx + 14, cy + 66, 20, 160, f.skin[1], 4)  # nose
        self.draw.chord(self.box(cx - 34, cy + 70, cx + 34, cy + 104), 0, 180, fill=f.lips)
        self.ellipse(cx - rx_cheek(f) - 20, cy + 46, cx - rx_cheek(f) + 20, cy + 66, _blush(f))
        self.ellipse(cx + rx_cheek(f) - 20, cy + 46, cx + rx_cheek(f) + 20, cy + 66, _blush(f))


def rx_cheek(face: Face) -> int:
    return face.eye_gap + 16


def _blush(face: Face) -> str:
    """The skin tone a quarter of the way to rose: a hint of colour, never a patch."""
    skin = Image.new("RGB", (1, 1), face.skin[0]).getpixel((0, 0))
    rose = (214, 120, 120)
    return "#%02x%02x%02x" % tuple(
        round(s + (r - s) * 0.22) for s, r in zip(skin, rose, strict=True)
    )


def face_style(number: int) -> str:
    return face_for(number).style


def portrait_jpeg(number: int, variant: int = 0) -> bytes:
    """Portrait ``number`` as JPEG bytes (cached: bulk seeding reuses a small set)."""
    return _portrait_jpeg(number, variant)


@lru_cache(maxsize=64)
def _portrait_jpeg(number: int, variant: int) -> bytes:
    picture = _Painter(face_for(number, variant)).paint()
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()
