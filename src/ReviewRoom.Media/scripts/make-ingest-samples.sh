#!/usr/bin/env bash
# Makes the files ingest is tested with: the codecs, rates and oddities real uploads bring, plus two
# files that must be refused. Usage: make-ingest-samples.sh OUT_FOLDER [SECONDS]
# Every good clip has a known frame count (rate x seconds), so tests can check what ingest reports.
set -euo pipefail

command -v ffmpeg >/dev/null || { echo "ffmpeg is missing. Install it as root with: apt-get update && apt-get install -y ffmpeg" >&2; exit 1; }
out="${1:?usage: make-ingest-samples.sh OUT_FOLDER [SECONDS]}"
seconds="${2:-2}"
mkdir -p "$out"

picture() { echo "testsrc2=size=$1:rate=$2"; }
tone() { echo "sine=frequency=440:sample_rate=48000"; }
make() {
  local name="$1"; shift
  ffmpeg -v error -y "$@" "$out/$name"
}

# name: what a generation service or a phone hands over
make h264.mp4        -f lavfi -i "$(picture 320x180 24)" -f lavfi -i "$(tone)" -t "$seconds" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -shortest -movflags +faststart
make vp9.webm        -f lavfi -i "$(picture 320x180 25)" -f lavfi -i "$(tone)" -t "$seconds" \
  -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 300k -c:a libopus -shortest
make prores.mov      -f lavfi -i "$(picture 320x180 24)" -f lavfi -i "$(tone)" -t "$seconds" \
  -c:v prores_ks -profile:v 0 -pix_fmt yuv422p10le -c:a pcm_s16le -shortest
make hevc.mp4        -f lavfi -i "$(picture 320x180 24)" -t "$seconds" \
  -c:v libx265 -preset ultrafast -x265-params log-level=error -tag:v hvc1 -pix_fmt yuv420p
make film-23976.mp4  -f lavfi -i "$(picture 320x180 24000/1001)" -f lavfi -i "$(tone)" -t "$seconds" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -shortest
make ntsc-2997.mp4   -f lavfi -i "$(picture 320x180 30000/1001)" -f lavfi -i "$(tone)" -t "$seconds" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 250 -c:a aac -shortest
make no-audio.mp4    -f lavfi -i "$(picture 320x180 30)" -t "$seconds" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p
# 4:4:4 lets H.264 keep an odd size; browsers will not play it, so the proxy must fix both.
make odd-size.mp4    -f lavfi -i "$(picture 320x180 24),scale=321:181" -t "$seconds" \
  -c:v libx264 -preset veryfast -pix_fmt yuv444p
# A phone films landscape pixels and records "turn me 90 degrees" beside them. This ffmpeg keeps a
# rotate tag only when copying streams, hence the second pass.
make rotated-pass1.mov -f lavfi -i "$(picture 320x176 30)" -f lavfi -i "$(tone)" -t "$seconds" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -shortest
make rotated.mov     -i "$out/rotated-pass1.mov" -c copy -metadata:s:v:0 rotate=90
rm "$out/rotated-pass1.mov"

# A phone's variable frame rate: 30 frames at 30 fps, then 30 more at 20 fps (the last starts at 2.45 s).
make vfr.mp4         -f lavfi -i "$(picture 320x180 30)" -frames:v 60 \
  -vf "settb=1/1000,setpts='if(lt(N,30),N*1000/30,1000+(N-30)*50)'" -fps_mode vfr -c:v libx264 -preset veryfast -pix_fmt yuv420p

# Bad files: an upload cut short (the index at the end never arrived) and text wearing a video name.
make full-for-truncation.mp4 -f lavfi -i "$(picture 320x180 24)" -t "$seconds" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p
size=$(stat -c %s "$out/full-for-truncation.mp4")
head -c $((size * 2 / 3)) "$out/full-for-truncation.mp4" > "$out/truncated.mp4"
rm "$out/full-for-truncation.mp4"
printf 'These are the director'"'"'s notes for SH010, saved with the wrong name.\n' > "$out/notes.mp4"

ls -l "$out"
