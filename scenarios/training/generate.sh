#!/usr/bin/env bash
# Generates the SYNTHETIC networks greenwave's default signal model is trained on (never the dev or test
# scenarios: the shipped model must work zero-shot). Needs SUMO's netgenerate and tools (apt-get install sumo sumo-tools).
#   scenarios/training/generate.sh
set -euo pipefail
cd "$(dirname "$0")"
export SUMO_HOME="${SUMO_HOME:-/usr/share/sumo}"
RT="$SUMO_HOME/tools/randomTrips.py"

make() { # name, netgenerate args..., then -- randomTrips period fringe seed
  local name=$1; shift
  local net_args=() ; while [ "$1" != "--" ]; do net_args+=("$1"); shift; done; shift
  local period=$1 fringe=$2 seed=$3
  mkdir -p "$name"
  netgenerate "${net_args[@]}" --tls.guess true --no-turnarounds true --seed "$seed" -o "$name/$name.net.xml" >/dev/null
  /usr/bin/python3 "$RT" -n "$name/$name.net.xml" -b 0 -e 3600 -p "$period" --fringe-factor "$fringe" \
    --seed "$seed" --min-distance 150 --validate -o "$name/$name.rou.xml" >/dev/null 2>&1
  rm -f "$name"/*.rou.alt.xml trips.trips.xml routes.rou.xml
  cat > "$name/$name.sumocfg" <<CFG
<configuration>
  <input>
    <net-file value="$name.net.xml"/>
    <route-files value="$name.rou.xml"/>
  </input>
  <time>
    <begin value="0"/>
    <end value="3600"/>
  </time>
</configuration>
CFG
}

# A single cross junction, two lanes per approach, heavy demand.
make cross2 --grid --grid.x-number 1 --grid.y-number 1 --grid.attach-length 300 --default.lanenumber 2 \
  --default.speed 13.89 -- 1.6 50 11
# A 3x2 grid of signals, one and two lanes, moderate demand.
make grid32 --grid --grid.x-number 3 --grid.y-number 2 --grid.length 250 --grid.attach-length 200 \
  --default.lanenumber 2 --default.speed 13.89 -- 1.1 20 12
# A 2x2 grid with 50 km/h and 70 km/h roads and three lanes on the arterial.
make grid22 --grid --grid.x-number 2 --grid.y-number 2 --grid.x-length 300 --grid.y-length 180 \
  --grid.attach-length 250 --default.lanenumber 3 --default.speed 19.4 -- 1.0 30 13
# An irregular town: random network, signals where netconvert guesses them.
make town --rand --rand.iterations 60 --rand.min-distance 120 --rand.max-distance 300 --default.lanenumber 2 \
  --default.speed 13.89 -- 1.4 10 14
echo "generated: $(ls -d */ | tr -d / | tr '\n' ' ')"
