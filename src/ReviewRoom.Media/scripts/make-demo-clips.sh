#!/usr/bin/env bash
# Makes the demo room's clips (committed under wwwroot/demo/clips). Each clip burns in its shot,
# version, frame number and timecode, so a reviewer can check the player against the picture.
# Re-run only when the demo changes; the seeder probes the files, so frame counts follow them.
set -euo pipefail

command -v ffmpeg >/dev/null || { echo "ffmpeg is missing. Install it as root with: apt-get update && apt-get install -y ffmpeg" >&2; exit 1; }
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
[ -f "$font" ] || { echo "The DejaVu font is missing. Install it as root with: apt-get install -y fonts-dejavu-core" >&2; exit 1; }

out="$(cd "$(dirname "$0")/../../.." && pwd)/wwwroot/demo/clips"
mkdir -p "$out"

# name  rate  seconds  hue  source  audio  drop-frame
clips=(
  "sh010_v001 24000/1001 5 0   testsrc2 yes no"
  "sh010_v002 24000/1001 5 40  testsrc2 yes no"
  "sh010_v003 24000/1001 7 40  testsrc  yes no"
  "sh020_v001 30000/1001 4 120 testsrc2 no  yes"
  "sh020_v002 30000/1001 4 160 testsrc  no  yes"
  "sh020_v003 30000/1001 4 200 testsrc2 yes yes"
  "sh030_v001 25         5 240 testsrc2 yes no"
  "sh030_v002 25         5 280 testsrc  yes no"
  "sh040_v001 24         3 320 testsrc2 no  no"
  "sh040_v002 24         3 300 testsrc  no  no"
)

for line in "${clips[@]}"; do
  read -r name rate seconds hue source audio drop <<<"$line"
  label="$(echo "${name%%_*}" | tr a-z A-Z)  ${name##*_}"
  separator='\:'
  [ "$drop" = yes ] && separator='\;'
  text="fontfile=$font:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8"
  filter="${source}=size=640x360:rate=${rate},hue=h=${hue},"
  filter+="drawtext=${text}:fontsize=30:x=20:y=20:text='${label}',"
  filter+="drawtext=${text}:fontsize=26:x=20:y=h-50:timecode='00\:00\:00${separator}00':rate=${rate},"
  filter+="drawtext=${text}:fontsize=26:x=w-tw-20:y=h-50:text='frame %{frame_num}'"
  inputs=(-f lavfi -i "$filter")
  audio_args=(-an)
  if [ "$audio" = yes ]; then
    inputs+=(-f lavfi -i "sine=frequency=$((220 + hue)):sample_rate=48000")
    audio_args=(-c:a aac -b:a 32k -ac 1)
  fi
  ffmpeg -v error -y "${inputs[@]}" -t "$seconds" \
    -c:v libx264 -preset slow -crf 33 -pix_fmt yuv420p -bf 0 -g 12 -r "$rate" \
    "${audio_args[@]}" -movflags +faststart "$out/$name.mp4"
  echo "$name.mp4 $(stat -c %s "$out/$name.mp4") bytes"
done
