#!/usr/bin/env bash
# Installs what building and testing tessel needs, and only what is missing:
# Debian packages (scripts/apt-packages.txt), a .venv with the pins of
# requirements.txt, and a .pth file that puts <repo>/python on the venv's path.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

fail() { echo "install: $*" >&2; exit 1; }

# --- Python: the interpreter the venv is made from --------------------------
PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null || fail "no $PYTHON on PATH; tessel needs Python 3.11 or newer"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  fail "$PYTHON is $("$PYTHON" -V 2>&1); tessel needs Python 3.11 or newer"

# --- Debian packages ----------------------------------------------------------
mapfile -t wanted < <(grep -v '^\s*\(#\|$\)' scripts/apt-packages.txt)
# A Debian-built python3 needs these two for venv and for the extension's headers.
"$PYTHON" -c 'import ensurepip' 2>/dev/null || wanted+=(python3-venv)
"$PYTHON" -c 'import os, sysconfig, sys; sys.exit(not os.path.exists(sysconfig.get_paths()["include"] + "/Python.h"))' ||
  wanted+=(python3-dev)

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]})); then
  echo "install: Debian packages missing: ${missing[*]}"
  sudo=""
  if ((EUID != 0)); then
    command -v sudo >/dev/null || fail "not root and no sudo; install as root: apt-get install ${missing[*]}"
    sudo=sudo
  fi
  # env: sudo drops the environment; the timeout waits while another apt holds the lock.
  apt=($sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  log=$(mktemp)
  "${apt[@]}" update >"$log" 2>&1 || { cat "$log" >&2; fail "apt-get update failed (output above)"; }
  if ! "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    # Find which package is the culprit, so the message names it.
    for pkg in "${missing[@]}"; do
      "${apt[@]}" install -y --no-install-recommends "$pkg" >"$log" 2>&1 ||
        fail "apt-get could not install $pkg: $(grep -E '^(E|W):' "$log" | head -3 | tr '\n' ' ')"
    done
  fi
  rm -f "$log"
fi

# --- Virtual environment --------------------------------------------------------
venv_py=.venv/bin/python
if ! "$venv_py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "install: creating .venv with $("$PYTHON" -V 2>&1)"
  rm -rf .venv
  "$PYTHON" -m venv .venv || fail "python3 -m venv .venv failed (on Debian's python3: apt-get install python3-venv)"
fi

# Reinstall the pins only when requirements.txt changed since the last success.
stamp=.venv/.requirements.sha256
want_hash=$(sha256sum requirements.txt | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want_hash" ]]; then
  echo "install: pip install -r requirements.txt (into .venv)"
  "$venv_py" -m pip install --disable-pip-version-check -r requirements.txt ||
    fail "pip could not install the pins of requirements.txt (see the error above)"
  echo "$want_hash" >"$stamp"
fi

# In-tree package: CMake writes the extension into python/tessel/, so a .pth is
# all an editable install needs.
site=$("$venv_py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
[[ "$(cat "$site/tessel-dev.pth" 2>/dev/null)" == "$repo/python" ]] || echo "$repo/python" >"$site/tessel-dev.pth"
