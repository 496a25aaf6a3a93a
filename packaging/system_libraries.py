"""Which of the build machine's shared libraries the standalone build carries, and which it leaves to
the user's system: rules as data, read by timeline-app.spec and by the README's table.

PyInstaller copies every shared library the collected modules link to, the build machine's system
libraries included, and the boot-loader puts the bundle's folder first on LD_LIBRARY_PATH. A copy
of the build host's libstdc++, glib or OpenSSL would then be loaded ahead of the user's: it gets no
security updates, and newer system components loaded into the same process (Mesa's GL drivers,
GIO and GTK modules, the input method) can need a newer version than the copy. So the bundle keeps
only what the app itself brings, Python and Qt for Python (from the PySide6 wheel: Qt, its ICU),
numpy's own libraries, and leaves the libraries of the system to the system. A system library that
is in neither table stops the build, so a new dependency is decided on, not bundled by accident.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")

# the interpreter: a distribution need not have this Python version
KEPT = {
    "libpython3": "the Python interpreter the app was frozen with; the user's system may have none or another version",
}

# soname prefix -> why the user's system provides it (Debian/Ubuntu package in brackets)
LEFT_TO_THE_SYSTEM = {
    # C/C++ run-time: every distribution with glibc 2.36+ has a newer one; an older copy ahead of
    # the system's breaks Mesa and other libraries built with a newer compiler
    "libstdc++.so": "C++ run-time (libstdc++6), part of every glibc system; the copy would shadow a newer one",
    "libgcc_s.so": "GCC run-time (libgcc-s1), part of every glibc system",
    # compression, hashing, basic system libraries Python's modules use
    "libz.so": "zlib (zlib1g)", "libbz2.so": "bzip2 (libbz2-1.0)", "liblzma.so": "xz (liblzma5)",
    "libzstd.so": "zstd (libzstd1)", "liblz4.so": "lz4 (liblz4-1)", "libbrotli": "brotli (libbrotli1)",
    "libffi.so": "libffi (libffi8), used by glib and ctypes", "libexpat.so": "expat (libexpat1)",
    "libuuid.so": "util-linux (libuuid1)", "libblkid.so": "util-linux (libblkid1)",
    "libmount.so": "util-linux (libmount1)", "libselinux.so": "SELinux (libselinux1)",
    "libpcre2-8.so": "PCRE2 (libpcre2-8-0)", "libbsd.so": "libbsd (libbsd0)", "libmd.so": "libmd (libmd0)",
    "libcap.so": "libcap2", "libreadline.so": "readline (libreadline8), only for an interactive prompt",
    "libtinfo.so": "ncurses (libtinfo6)",
    # security-relevant: must get the distribution's updates
    "libssl.so": "OpenSSL 3 (libssl3): security updates come from the distribution",
    "libcrypto.so": "OpenSSL 3 (libssl3): security updates come from the distribution",
    "libgcrypt.so": "libgcrypt (libgcrypt20)", "libgpg-error.so": "libgpg-error0",
    "libgssapi_krb5.so": "Kerberos (libgssapi-krb5-2), used by Qt Network",
    "libkrb5.so": "Kerberos (libkrb5-3)", "libk5crypto.so": "Kerberos (libk5crypto3)",
    "libkrb5support.so": "Kerberos (libkrb5support0)", "libcom_err.so": "Kerberos (libcom-err2)",
    "libkeyutils.so": "keyutils (libkeyutils1)",
    # the desktop session: must match the running system
    "libsystemd.so": "systemd (libsystemd0)", "libdbus-1.so": "D-Bus (libdbus-1-3): talks to the session bus",
    "libglib-2.0.so": "GLib (libglib2.0-0): Qt's event loop; GIO modules of the system load into it",
    "libgobject-2.0.so": "GLib", "libgio-2.0.so": "GLib", "libgmodule-2.0.so": "GLib", "libgthread-2.0.so": "GLib",
    "libfontconfig.so": "fontconfig (libfontconfig1): reads the system's font configuration and cache",
    "libfreetype.so": "FreeType (libfreetype6)", "libharfbuzz.so": "HarfBuzz (libharfbuzz0b)",
    "libgraphite2.so": "graphite2 (libgraphite2-3)", "libpng16.so": "libpng (libpng16-16)",
    "libjpeg.so": "libjpeg-turbo (libjpeg62-turbo), Qt's JPEG plug-in",
    # GTK 3: used only by Qt's GTK platform theme, where GTK is installed
    "libgtk-3.so": "GTK 3", "libgdk-3.so": "GTK 3", "libgdk_pixbuf-2.0.so": "GTK 3", "libatk-1.0.so": "GTK 3",
    "libatk-bridge-2.0.so": "GTK 3", "libatspi.so": "GTK 3", "libepoxy.so": "GTK 3",
    "libpango-1.0.so": "GTK 3", "libpangocairo-1.0.so": "GTK 3", "libpangoft2-1.0.so": "GTK 3",
    "libcairo.so": "GTK 3", "libcairo-gobject.so": "GTK 3", "libpixman-1.so": "GTK 3",
    "libfribidi.so": "GTK 3", "libthai.so": "GTK 3", "libdatrie.so": "GTK 3",
    # X11, xcb and Wayland client libraries: the display server's; Qt's xcb plug-in names them
    "libX11.so": "X11 (libx11-6)", "libX11-xcb.so": "X11 (libx11-xcb1)", "libXau.so": "X11 (libxau6)",
    "libXdmcp.so": "X11 (libxdmcp6)", "libXext.so": "X11 (libxext6)", "libXrender.so": "X11 (libxrender1)",
    "libXi.so": "X11", "libXfixes.so": "X11", "libXrandr.so": "X11", "libXcursor.so": "X11",
    "libxcb": "xcb (libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, ... see the README)",
    "libxkbcommon": "xkbcommon (libxkbcommon0, libxkbcommon-x11-0)",
    "libwayland-": "Wayland (libwayland-client0, libwayland-cursor0, libwayland-egl1)",
    "libEGL.so": "OpenGL vendor libraries (libegl1)", "libGL": "OpenGL vendor libraries (libgl1)",
    "libOpenGL.so": "OpenGL vendor libraries", "libdrm.so": "libdrm2", "libgbm.so": "Mesa (libgbm1)",
    "libinput.so": "libinput10 (Qt's eglfs input)", "libudev.so": "systemd (libudev1)",
    "libmtdev.so": "mtdev", "libevdev.so": "libevdev2",
    "libtiff.so": "libtiff (Qt's TIFF plug-in)", "libwebp": "libwebp (Qt's WebP plug-in)",
    # printing (File > Print): Qt's CUPS plug-in talks to the system's print server, so it must use
    # the system's CUPS client and the TLS/crypto stack under it (security updates); where CUPS is
    # missing the plug-in does not load and Qt still prints to PDF
    "libcups.so": "CUPS client (libcups2), Qt's print support plug-in",
    "libavahi-common.so": "Avahi (libavahi-common3), CUPS printer discovery",
    "libavahi-client.so": "Avahi (libavahi-client3), CUPS printer discovery",
    "libgnutls.so": "GnuTLS (libgnutls30), under CUPS: security updates come from the distribution",
    "libnettle.so": "Nettle (libnettle8), under GnuTLS", "libhogweed.so": "Nettle (libhogweed6), under GnuTLS",
    "libgmp.so": "GMP (libgmp10), under GnuTLS", "libp11-kit.so": "p11-kit (libp11-kit0), under GnuTLS",
    "libtasn1.so": "libtasn1 (libtasn1-6), under GnuTLS", "libidn2.so": "libidn2 (libidn2-0), under GnuTLS",
    "libunistring.so": "libunistring (libunistring2), under libidn2",
}


def soname(path: str) -> str:
    return PurePosixPath(path).name


def is_system_library(source: str) -> bool:
    """A shared library from the machine's library folders (not a module of Python's own library)."""
    name = soname(source)
    return source.startswith(SYSTEM_DIRS) and "/python3" not in source and re.search(r"\.so(\.|$)", name) is not None


def decide(name: str) -> tuple[bool, str] | None:
    """(bundled?, why) for a system library's file name, or None when no rule covers it."""
    for prefix, why in KEPT.items():
        if name.startswith(prefix):
            return True, why
    for prefix, why in LEFT_TO_THE_SYSTEM.items():
        if name.startswith(prefix):
            return False, why
    return None


def split(binaries):
    """PyInstaller's binaries TOC without the system libraries the system provides.

    Returns (kept TOC, [(name, why) left out]); raises SystemExit naming the libraries no rule covers.
    """
    kept, left_out, undecided = [], [], []
    for entry in binaries:
        dest, source = entry[0], entry[1]
        if not is_system_library(str(source)):
            kept.append(entry)
            continue
        decision = decide(soname(dest))
        if decision is None:
            undecided.append(f"{dest} ({source})")
        elif decision[0]:
            kept.append(entry)
        else:
            left_out.append((soname(dest), decision[1]))
    if undecided:
        raise SystemExit("system_libraries.py: decide whether to bundle these (KEPT) or leave them to the "
                         "system (LEFT_TO_THE_SYSTEM):\n  " + "\n  ".join(undecided))
    return kept, sorted(left_out)
