"""Draws the Antre app icon and writes every size Tauri needs (PNG, ICO, ICNS-ready PNG set).

The mark: a deep-teal rounded square (contrast 7:1 against white), a white passport booklet
with a red-and-white band (the flag) and three queue dots under it, i.e. "a place in line".
Run: python3 icons/make_icons.py   (needs Pillow)
"""
from pathlib import Path
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
S = 1024  # master size; everything is drawn at 4x and scaled down for smooth edges
TEAL = (11, 94, 102, 255)
WHITE = (255, 255, 255, 255)
RED = (206, 17, 38, 255)


def master() -> Image.Image:
    big = S * 4
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = big / 100
    d.rounded_rectangle([4 * u, 4 * u, 96 * u, 96 * u], radius=20 * u, fill=TEAL)
    # passport booklet
    d.rounded_rectangle([29 * u, 16 * u, 71 * u, 70 * u], radius=5 * u, fill=WHITE)
    # flag band (red over white) on the cover
    d.rectangle([35 * u, 24 * u, 65 * u, 31 * u], fill=RED)
    d.rectangle([35 * u, 31 * u, 65 * u, 38 * u], outline=RED, width=int(1.2 * u))
    # globe-ish emblem
    d.ellipse([42 * u, 43 * u, 58 * u, 59 * u], outline=TEAL, width=int(2.4 * u))
    d.line([50 * u, 43 * u, 50 * u, 59 * u], fill=TEAL, width=int(2 * u))
    d.line([42 * u, 51 * u, 58 * u, 51 * u], fill=TEAL, width=int(2 * u))
    # the queue: three dots
    for i, x in enumerate((36, 50, 64)):
        r = 4.6 * u
        d.ellipse([x * u - r, 82 * u - r, x * u + r, 82 * u + r], fill=WHITE if i == 0 else (255, 255, 255, 170))
    return img.resize((S, S), Image.LANCZOS)


def main() -> None:
    m = master()
    sizes = {
        "32x32.png": 32,
        "64x64.png": 64,
        "128x128.png": 128,
        "128x128@2x.png": 256,
        "icon.png": 512,
        "tray.png": 64,
        # Windows Store logos
        "Square30x30Logo.png": 30,
        "Square44x44Logo.png": 44,
        "Square71x71Logo.png": 71,
        "Square89x89Logo.png": 89,
        "Square107x107Logo.png": 107,
        "Square142x142Logo.png": 142,
        "Square150x150Logo.png": 150,
        "Square284x284Logo.png": 284,
        "Square310x310Logo.png": 310,
        "StoreLogo.png": 50,
    }
    for name, px in sizes.items():
        m.resize((px, px), Image.LANCZOS).save(HERE / name)
    m.save(HERE / "icon.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    m.save(HERE / "icon.icns")
    # Android launcher icons (mipmap densities) for `tauri android init` to copy.
    for density, px in {"mdpi": 48, "hdpi": 72, "xhdpi": 96, "xxhdpi": 144, "xxxhdpi": 192}.items():
        out = HERE / "android" / f"mipmap-{density}"
        out.mkdir(parents=True, exist_ok=True)
        m.resize((px, px), Image.LANCZOS).save(out / "ic_launcher.png")
    # iOS AppIcon (1024 master, iOS applies its own mask)
    ios = HERE / "ios"
    ios.mkdir(exist_ok=True)
    flat = Image.new("RGBA", (S, S), TEAL)
    flat.alpha_composite(m)
    flat.convert("RGB").save(ios / "AppIcon-512@2x.png")


if __name__ == "__main__":
    main()
