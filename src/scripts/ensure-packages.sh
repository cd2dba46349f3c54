# Sourced by the run and test scripts: installs the Debian packages ReviewRoom needs, or says exactly
# what to install when it cannot (not root, or no apt-get).
# Usage: ensure_packages COMMAND:PACKAGE ...   e.g. ensure_packages ffmpeg:ffmpeg /usr/bin/chromium:chromium
# (a COMMAND starting with / is a file that must exist, such as a font)

ensure_packages() {
  local missing=() pair command package
  for pair in "$@"; do
    command=${pair%%:*}
    package=${pair##*:}
    if [[ $command == /* ]]; then [ -e "$command" ] || missing+=("$package")
    else command -v "$command" >/dev/null 2>&1 || missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} (Debian packages)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "ReviewRoom needs: ${missing[*]}." >&2
    echo "Install as root with: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    echo "ReviewRoom needs the .NET 10 SDK (dotnet 10.0.x on PATH)." >&2
    exit 1
  fi
}
