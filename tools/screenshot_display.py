"""Render a Document's notebook display (``Document._repr_html_``) in headless Chromium, to PNG.

Checks in a real browser what Jupyter shows: the highlight colours, the legend, the escaping,
the line breaks and the Chinese font.  The display's HTML is written to a standalone page (the
browser's default sans-serif font, as a notebook uses), then Debian's ``chromium`` takes a
screenshot of the window (only the window: choose ``--height`` and ``--max-chars`` so the text
fits).  ``tests/test_browser.py`` runs it and checks the pixels.  Run:

    python tools/screenshot_display.py seeds/000_c3c6e2b65bf3fb33.txt --out docs/img/display.png \\
        --max-chars 1450 --height 1960 --colours 64

The browser is ``$CHROMIUM``, else ``chromium`` (Debian: apt-get install chromium
fonts-noto-cjk), ``chromium-browser`` or ``google-chrome`` on the PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

import cnews_ie
from cnews_ie.display import document_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> str | None:
    """Path of a Chromium-based browser, or None."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def page_html(body: str, title: str = "cnews_ie display") -> str:
    """A standalone UTF-8 page around a display fragment, styled like a notebook's output."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        "<style>body{margin:16px;background:#fff;color:#000;font:14px/1.4 sans-serif}</style>"
        f"</head><body>{body}</body></html>\n"
    )


def screenshot(
    html_file: Path, png: Path, width: int, height: int, env: dict[str, str] | None = None
) -> None:
    """Screenshot of ``html_file`` in a ``width`` × ``height`` window, by headless Chromium
    (``env``: the browser's environment, default this process's)."""
    browser = find_browser()
    if browser is None:
        raise FileNotFoundError(
            f"no browser found ({', '.join(BROWSERS)}); Debian: apt-get install chromium, "
            "or set CHROMIUM to the browser's path"
        )
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="cnews-ie-chromium-") as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",  # root in a container
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--force-color-profile=srgb",  # the highlight colours land on the pixels as written
                f"--user-data-dir={profile}",
                f"--screenshot={png.resolve()}",
                f"--window-size={width},{height}",
                html_file.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
            env=env,
        )
    if not png.is_file():
        raise RuntimeError(f"{browser} exited without writing {png}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("text", type=Path, help="a UTF-8 text file, e.g. a seed page")
    parser.add_argument("--out", type=Path, default=Path("display.png"), help="PNG to write")
    parser.add_argument("--html", type=Path, help="also keep the page's HTML here")
    parser.add_argument("--max-chars", type=int, default=1500, help="text shown (default 1500)")
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=1500)
    parser.add_argument(
        "--colours", type=int, help="reduce the PNG to this many colours (smaller docs images)"
    )
    args = parser.parse_args(argv)
    doc = cnews_ie.extract(args.text.read_text(encoding="utf-8"))
    page = page_html(document_html(doc, max_chars=args.max_chars), title=args.text.name)
    with tempfile.TemporaryDirectory(prefix="cnews-ie-display-") as tmp:
        html_file = args.html or Path(tmp) / "display.html"
        html_file.parent.mkdir(parents=True, exist_ok=True)
        html_file.write_text(page, encoding="utf-8")
        screenshot(html_file, args.out, args.width, args.height)
    if args.colours:
        from PIL import Image  # installed with matplotlib

        with Image.open(args.out) as image:
            small = image.convert("RGB").quantize(args.colours, dither=Image.Dither.NONE)
        small.save(args.out, optimize=True)
    print(f"{args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
