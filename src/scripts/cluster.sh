#!/usr/bin/env bash
# Starts (or stops) ReviewRoom as a studio runs it when one node is not enough, all on this machine's loopback:
# a throw-away PostgreSQL cluster, Redis, two or more ReviewRoom nodes and nginx in front of them (sticky sessions,
# WebSockets passed through), each on a free port. Everything lives in one folder and goes when stopped.
#
#   bash src/scripts/cluster.sh start [--nodes N] [--no-build] [--demo|--no-demo]
#   bash src/scripts/cluster.sh status
#   bash src/scripts/cluster.sh kill-node N     # kill -9, as a crash would
#   bash src/scripts/cluster.sh start-node N    # bring it back on its port
#   bash src/scripts/cluster.sh proxy NAME PORT...  # another nginx like the cluster's, for servers of your own
#   bash src/scripts/cluster.sh stop
#
# The folder is $REVIEWROOM_CLUSTER_DIR (default: reviewroom-cluster in the temp folder). After start, its
# cluster.env says where everything listens (ADDRESS is nginx) and which process each node is.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/ensure-packages.sh

dir=${REVIEWROOM_CLUSTER_DIR:-${TMPDIR:-/tmp}/reviewroom-cluster}
app=src/ReviewRoom.Web/bin/Release/net10.0/ReviewRoom.Web.dll

usage() {
  echo "Usage: bash src/scripts/cluster.sh start [--nodes N] [--no-build] [--no-demo] | status | kill-node N | start-node N | stop" >&2
  exit 2
}

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bin" ] || { echo "PostgreSQL's server programs are missing: apt-get install -y postgresql" >&2; exit 1; }
  echo "$bin"
}

# PostgreSQL refuses to run as root: as root, its programs run as the postgres account.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Below the kernel's range for outgoing connections: a port picked there can be taken by any client's connection
# (thousands of them under load) between the check and the server binding it.
free_port() {
  local port below
  below=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$below" -gt 12000 ] 2>/dev/null || below=32768
  while :; do
    port=$((10000 + RANDOM % (below - 10000)))
    if port_is_free "$port" && ! grep -qs "=$port\$" "$dir/ports" 2>/dev/null; then
      echo "x=$port" >> "$dir/ports"
      echo "$port"
      return
    fi
  done
}

wait_for() { # wait_for WHAT SECONDS COMMAND...
  local what=$1 seconds=$2
  shift 2
  for _ in $(seq $((seconds * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "$what did not come up within ${seconds}s; see $dir" >&2
  return 1
}

healthy() { curl -fsS "http://127.0.0.1:$1/health" >/dev/null; }

start() {
  local nodes=2 build=true demo=true
  while [ $# -gt 0 ]; do
    case $1 in
      --nodes) nodes=${2:?}; shift 2 ;;
      --no-build) build=false; shift ;;
      --no-demo) demo=false; shift ;;
      --demo) demo=true; shift ;;
      *) usage ;;
    esac
  done
  [[ $nodes =~ ^[0-9]+$ ]] && [ "$nodes" -ge 1 ] || { echo "--nodes wants a number of nodes, 1 or more." >&2; exit 2; }
  if [ -f "$dir/cluster.env" ]; then
    echo "A cluster is already running from $dir: stop it first (bash src/scripts/cluster.sh stop)." >&2
    exit 1
  fi

  ensure_dotnet
  ensure_packages ffmpeg:ffmpeg ffprobe:ffmpeg pg_ctlcluster:postgresql redis-server:redis-server /usr/sbin/nginx:nginx curl:curl
  if $build || [ ! -f "$app" ]; then
    dotnet build src/ReviewRoom.Web -c Release -nologo -v quiet -clp:ErrorsOnly
  fi

  rm -rf "$dir"
  mkdir -p "$dir/media"
  : > "$dir/ports"
  # Stops what did start if a later step fails.
  trap 'echo "Starting the cluster failed; stopping what started." >&2; stop >/dev/null 2>&1 || true' ERR

  local bin pg redis
  bin=$(pg_bin)
  pg=$(free_port)
  mkdir -p "$dir/postgres"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir/postgres"; fi
  as_postgres "$bin/initdb" -D "$dir/postgres/data" -A trust -U reviewroom -E UTF8 --no-sync >/dev/null
  if ! as_postgres "$bin/pg_ctl" -D "$dir/postgres/data" -l "$dir/postgres/server.log" -w start \
    -o "-p $pg -k $dir/postgres -c listen_addresses=127.0.0.1 -c max_connections=400" >/dev/null; then
    echo "PostgreSQL did not start; its log ends:" >&2
    tail -5 "$dir/postgres/server.log" >&2 || true
    false
  fi
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pg" -U reviewroom reviewroom

  redis=$(free_port)
  redis-server --port "$redis" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  if ! wait_for Redis 20 redis-cli -p "$redis" ping; then
    tail -5 "$dir/redis.log" >&2 || true
    false
  fi

  {
    echo "DIR=$dir"
    echo "POSTGRES_PORT=$pg"
    echo "REDIS_PORT=$redis"
    echo "NODES=$nodes"
    echo "DEMO=$demo"
  } > "$dir/cluster.env.partial"

  local i port upstreams=""
  for i in $(seq 1 "$nodes"); do
    port=$(free_port)
    echo "NODE${i}_PORT=$port" >> "$dir/cluster.env.partial"
    # One node at a time: the first makes the tables and seeds the demo room; the others find them made.
    launch_node "$i" "$dir/cluster.env.partial"
    upstreams+="    server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
  done

  local front
  front=$(free_port)
  start_nginx "$dir/nginx" "$front" "$upstreams"
  echo "ADDRESS=http://127.0.0.1:$front" >> "$dir/cluster.env.partial"
  mv "$dir/cluster.env.partial" "$dir/cluster.env"
  trap - ERR

  echo "ReviewRoom cluster up: http://127.0.0.1:$front (nginx in front of $nodes nodes)"
  status
}

# launch_node N ENV_FILE: starts node N on the port ENV_FILE gives it, records its process, waits until it is healthy.
launch_node() {
  local i=$1 env=$2 port pg redis demo
  port=$(grep "^NODE${i}_PORT=" "$env" | cut -d= -f2)
  pg=$(grep "^POSTGRES_PORT=" "$env" | cut -d= -f2)
  redis=$(grep "^REDIS_PORT=" "$env" | cut -d= -f2)
  demo=$(grep "^DEMO=" "$env" | cut -d= -f2)
  Database__Provider=PostgreSql \
  Database__ConnectionString="Host=127.0.0.1;Port=$pg;Database=reviewroom;Username=reviewroom;Maximum Pool Size=100" \
  Redis__Configuration="127.0.0.1:$redis" \
  Media__Folder="$dir/media" \
  Demo__Enabled=$demo \
  ReverseProxy__KnownProxies__0=127.0.0.1 \
    setsid nohup dotnet "$app" --urls "http://127.0.0.1:$port" >> "$dir/node$i.log" 2>&1 &
  local pid=$!
  sed -i "/^NODE${i}_PID=/d" "$env"
  echo "NODE${i}_PID=$pid" >> "$env"
  wait_for "Node $i" 120 healthy "$port"
}

node_number() {
  [ -f "$dir/cluster.env" ] || { echo "No cluster running from $dir." >&2; exit 1; }
  [[ ${1:-} =~ ^[0-9]+$ ]] && grep -q "^NODE${1}_PORT=" "$dir/cluster.env" || { echo "No node ${1:-} in this cluster." >&2; exit 2; }
}

kill_node() {
  node_number "${1:-}"
  local pid
  pid=$(grep "^NODE${1}_PID=" "$dir/cluster.env" | cut -d= -f2)
  kill -9 "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  echo "Node $1 (process $pid) killed."
}

start_node() {
  node_number "${1:-}"
  local pid
  pid=$(grep "^NODE${1}_PID=" "$dir/cluster.env" | cut -d= -f2)
  if kill -0 "$pid" 2>/dev/null; then
    echo "Node $1 is running (process $pid)." >&2
    exit 1
  fi
  launch_node "$1" "$dir/cluster.env"
  echo "Node $1 is back (process $(grep "^NODE${1}_PID=" "$dir/cluster.env" | cut -d= -f2))."
}

# start_nginx FOLDER PORT UPSTREAM_LINES: nginx with its files in FOLDER, on PORT, in front of the servers given.
start_nginx() {
  local folder=$1 front=$2 upstreams=$3
  mkdir -p "$folder"
  write_nginx_conf "$folder" "$front" "$upstreams"
  /usr/sbin/nginx -p "$folder" -c "$folder/nginx.conf" -e "$folder/error.log"
  wait_for nginx 20 healthy "$front"
}

# proxy NAME PORT...: another nginx, configured as the cluster's, in front of other servers on this machine (a
# benchmark's baseline, say); stopped with the cluster. Prints its address.
proxy() {
  [ -f "$dir/cluster.env" ] || { echo "No cluster running from $dir." >&2; exit 1; }
  local name=${1:?name} port upstreams="" front
  shift
  [[ $name =~ ^[a-z0-9-]+$ ]] || { echo "A proxy's name is lower-case letters, digits and dashes." >&2; exit 2; }
  for port in "$@"; do
    [[ $port =~ ^[0-9]+$ ]] || { echo "'$port' is not a port." >&2; exit 2; }
    upstreams+="    server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
  done
  front=$(free_port)
  start_nginx "$dir/proxy-$name" "$front" "$upstreams"
  echo "http://127.0.0.1:$front"
}

write_nginx_conf() {
  local folder=$1 front=$2 upstreams=$3
  cat > "$folder/nginx.conf" <<EOF
worker_processes 2;
pid $folder/nginx.pid;
error_log $folder/error.log warn;
events { worker_connections 16384; }
worker_rlimit_nofile 20000;
http {
  access_log off;
  client_body_temp_path $folder/body;
  proxy_temp_path $folder/proxy;
  fastcgi_temp_path $folder/fastcgi;
  uwsgi_temp_path $folder/uwsgi;
  scgi_temp_path $folder/scgi;

  # Sticky sessions: a browser keeps the key nginx gave it on its first visit, and one key always hashes to one node,
  # so a Blazor circuit and its WebSocket stay where they started. When that node is down, the same hash finds the
  # next node for everyone who was on it.
  map \$cookie_reviewroom_node \$sticky_key {
    "" \$request_id;
    default \$cookie_reviewroom_node;
  }
  map \$cookie_reviewroom_node \$sticky_cookie {
    "" "reviewroom_node=\$request_id; Path=/; HttpOnly; SameSite=Lax";
    default "";
  }
  map \$http_upgrade \$connection_upgrade {
    default upgrade;
    "" "";
  }

  upstream reviewroom {
    hash \$sticky_key consistent;
$upstreams    keepalive 64;
  }

  server {
    listen 127.0.0.1:$front;
    # Uploads are resumable chunks the app limits itself.
    client_max_body_size 0;
    location / {
      proxy_pass http://reviewroom;
      proxy_http_version 1.1;
      proxy_set_header Host \$http_host;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
      add_header Set-Cookie \$sticky_cookie always;
    }
  }
}
EOF
}

stop() {
  if [ ! -d "$dir" ]; then
    echo "No cluster in $dir."
    return 0
  fi
  local env="$dir/cluster.env"
  [ -f "$env" ] || env="$dir/cluster.env.partial"
  local pidfile
  for pidfile in "$dir"/nginx/nginx.pid "$dir"/proxy-*/nginx.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  if [ -f "$env" ]; then
    local pid
    for pid in $(grep -Eo '^NODE[0-9]+_PID=[0-9]+' "$env" | cut -d= -f2); do
      kill "$pid" 2>/dev/null || true
    done
    for pid in $(grep -Eo '^NODE[0-9]+_PID=[0-9]+' "$env" | cut -d= -f2); do
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    done
  fi
  if [ -f "$dir/redis.pid" ]; then
    kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  fi
  if [ -f "$dir/postgres/data/postmaster.pid" ]; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$dir/postgres/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  echo "Cluster stopped; $dir removed."
}

status() {
  [ -f "$dir/cluster.env" ] || { echo "No cluster running from $dir."; return 1; }
  # shellcheck disable=SC1091
  source "$dir/cluster.env"
  echo "  nginx       $ADDRESS"
  echo "  PostgreSQL  127.0.0.1:$POSTGRES_PORT (database reviewroom, user reviewroom)"
  echo "  Redis       127.0.0.1:$REDIS_PORT"
  local i port pid state
  for i in $(seq 1 "$NODES"); do
    port=$(grep "^NODE${i}_PORT=" "$dir/cluster.env" | cut -d= -f2)
    pid=$(grep "^NODE${i}_PID=" "$dir/cluster.env" | cut -d= -f2)
    if kill -0 "$pid" 2>/dev/null; then state=$(curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null | grep -Eo '"status":"[A-Za-z]+"' | head -1 || true); else state="stopped"; fi
    echo "  node $i      http://127.0.0.1:$port (process $pid) ${state:-not answering}"
  done
  echo "  logs        $dir"
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  kill-node) kill_node "${2:-}" ;;
  proxy) shift; proxy "$@" ;;
  start-node) start_node "${2:-}" ;;
  *) usage ;;
esac
