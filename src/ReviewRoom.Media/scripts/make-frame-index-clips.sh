#!/usr/bin/env bash
# Makes test clips whose pixels spell their own frame index: eight vertical stripes, one bit each
# (stripe 0 is the lowest bit), white for 1 and black for 0. A test reads the stripes back from
# the player (a canvas in the browser) and knows exactly which frame is on screen.
# Usage: make-frame-index-clips.sh OUTPUT_FOLDER [FRAMES]   -> OUTPUT_FOLDER/index_<rate>.mp4
set -euo pipefail

command -v ffmpeg >/dev/null || { echo "ffmpeg is missing. Install it as root with: apt-get update && apt-get install -y ffmpeg" >&2; exit 1; }
out=${1:?usage: make-frame-index-clips.sh OUTPUT_FOLDER [FRAMES]}
frames=${2:-150}
mkdir -p "$out"

for rate in 24000/1001 24 25 30000/1001 30 50 60000/1001 60; do
  name="index_${rate/\//_}.mp4"
  ffmpeg -v error -y -f lavfi \
    -i "nullsrc=size=256x64:rate=${rate},geq=lum='if(bitand(N\,pow(2\,floor(X*8/W)))\,235\,16)':cb=128:cr=128" \
    -frames:v "$frames" -c:v libx264 -preset veryfast -crf 12 -pix_fmt yuv420p -bf 0 -g 12 -r "$rate" \
    -movflags +faststart "$out/$name"
done
ls "$out"
