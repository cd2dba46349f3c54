#!/usr/bin/env bash
# Runs ReviewRoom on its embedded default: a SQLite file (data/reviewroom.db), a local media folder
# (data/media) and the seeded demo room. Settings: appsettings.json at the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
source src/scripts/ensure-packages.sh
ensure_dotnet
ensure_packages ffmpeg:ffmpeg ffprobe:ffmpeg /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core

dotnet build src/ReviewRoom.Web -c Release -nologo -v quiet -clp:ErrorsOnly
# Run the built app directly (not `dotnet run`) so Ctrl+C stops the server itself.
exec dotnet src/ReviewRoom.Web/bin/Release/net10.0/ReviewRoom.Web.dll "$@"
