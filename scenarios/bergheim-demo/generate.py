#!/usr/bin/env python3
"""Generates greenwave's bundled demo scenario: a FICTIONAL, SYNTHETIC Bergheim-like town centre.

Nothing here is surveyed data. The layout (an arterial with six signals, side streets, two parallel streets),
the street names, the demand and the car-park positions are made up so that the demo shows what a town of
65,000 people would see; the car-park ids match parking-guidance's fictional demo inventory.

Made with SUMO's own tools only (SUMO 1.15, Debian `sumo` + `sumo-tools`):
  1. plain nodes/edges written here  -> netconvert (static signal programs at the six signal junctions)
  2. rush-hour trips (07:00-08:30, seeded, profile peaking at 07:45) -> duarouter (fixed routes)
  3. tlsCycleAdaptation.py (Webster cycle and green split from that demand)
     + tlsCoordinator.py (offsets for a green wave along the arterial) -> netconvert merges the programs
  4. car parks and parking signs as POIs (ids as in parking-guidance), the .sumocfg
Run: python3 scenarios/bergheim-demo/generate.py   (rewrites the files next to this script; deterministic)
"""
import math
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SUMO_HOME = os.environ.setdefault("SUMO_HOME", "/usr/share/sumo")
TOOLS = os.path.join(SUMO_HOME, "tools")
NAME = "bergheim-demo"
BEGIN, END = 7 * 3600, 8 * 3600 + 1800
SEED = 42
DEMAND = 1.2  # scale of the rush-hour weights below
CYCLE = 70  # one common cycle (seconds), so that the offsets make a green wave
# Geo reference of network (0,0): only used to place the car parks of parking-guidance's demo inventory.
LAT0, LON0 = 50.9545, 6.6380

ART_Y = 0.0
SIGNALS = [("Kreishausplatz", -560.0), ("Hauptstrasse", -330.0), ("Rathaus", -100.0), ("Markt", 120.0),
           ("Bahnhofstrasse", 330.0), ("Erftbruecke", 560.0)]
NORTH_Y, SOUTH_Y = 400.0, -380.0
FRINGE_N, FRINGE_S = 650.0, -650.0
WEST_X, EAST_X = -950.0, 950.0


def node_id(name):
    return name


def build_plain(tmp):
    nodes = {}   # id -> (x, y, type)
    edges = []   # (id, from, to, lanes, speed, priority, name)

    def node(nid, x, y, kind="priority"):
        nodes[nid] = (x, y, kind)

    def road(a, b, lanes, speed, prio, name):
        edges.append((f"{a}_{b}", a, b, lanes, speed, prio, name))
        edges.append((f"{b}_{a}", b, a, lanes, speed, prio, name))

    node("W", WEST_X, ART_Y)
    node("E", EAST_X, ART_Y)
    for i, (_, x) in enumerate(SIGNALS):
        node(f"J{i}", x, ART_Y, "traffic_light")
    # arterial: Koelner Strasse, two lanes each way, 50 km/h
    chain = ["W"] + [f"J{i}" for i in range(len(SIGNALS))] + ["E"]
    for a, b in zip(chain, chain[1:]):
        road(a, b, 2, 13.89, 3, "Koelner Strasse")
    # north: Bahnstrasse (parallel), legs from the signals, two legs to the northern fringe (station, B477)
    north = []
    for i, (_, x) in enumerate(SIGNALS):
        if i == 0:
            node("N0", x, 350.0)            # dead-end side street to the culture centre
            road("J0", "N0", 1, 13.89, 1, "Kulturweg")
            continue
        node(f"B{i}", x, NORTH_Y)
        north.append(f"B{i}")
        road(f"J{i}", f"B{i}", 1, 13.89, 2, SIGNALS[i][0] + " Nord")
    node("BE", 800.0, NORTH_Y)
    for a, b in zip(north + [], north[1:] + ["BE"]):
        road(a, b, 1, 13.89, 2, "Bahnstrasse")
    node("N2", -100.0, FRINGE_N)
    node("N4", 330.0, FRINGE_N)
    road("B2", "N2", 1, 13.89, 2, "Zieverich Zubringer")
    road("B4", "N4", 1, 13.89, 2, "Bahnhof Zufahrt")
    # south: Erftstrasse (parallel) for the western four, legs to the southern fringe (hospital, river)
    south = []
    for i, (_, x) in enumerate(SIGNALS):
        if i == 5:
            node("S5", x, -400.0)
            road("J5", "S5", 1, 13.89, 1, "Erftufer")
            continue
        node(f"R{i}", x, SOUTH_Y)
        south.append(f"R{i}")
        road(f"J{i}", f"R{i}", 1, 13.89, 2, SIGNALS[i][0] + " Sued")
    for a, b in zip(south, south[1:]):
        road(a, b, 1, 13.89, 2, "Erftstrasse")
    node("S0", -560.0, FRINGE_S)
    node("S3", 120.0, FRINGE_S)
    node("RW", -800.0, SOUTH_Y)
    road("R0", "S0", 1, 13.89, 2, "Klinikum Zufahrt")
    road("R3", "S3", 1, 13.89, 2, "Quadrath Zubringer")
    road("RW", "R0", 1, 13.89, 2, "Erftstrasse")

    nod = os.path.join(tmp, "plain.nod.xml")
    edg = os.path.join(tmp, "plain.edg.xml")
    with open(nod, "w") as f:
        f.write("<nodes>\n")
        for nid, (x, y, kind) in nodes.items():
            f.write(f'  <node id="{nid}" x="{x:.2f}" y="{y:.2f}" type="{kind}"/>\n')
        f.write("</nodes>\n")
    with open(edg, "w") as f:
        f.write("<edges>\n")
        for eid, a, b, lanes, speed, prio, name in edges:
            f.write(f'  <edge id="{eid}" from="{a}" to="{b}" numLanes="{lanes}" speed="{speed}" '
                    f'priority="{prio}" name="{name}"/>\n')
        f.write("</edges>\n")
    # fringe: (node, inward edge, outward edge, weight at peak in veh/h)
    fringe = [
        ("W", "W_J0", "J0_W", 720), ("E", "E_J5", "J5_E", 640),
        ("N0", "N0_J0", "J0_N0", 90), ("N2", "N2_B2", "B2_N2", 260), ("N4", "N4_B4", "B4_N4", 200),
        ("BE", "BE_B5", "B5_BE", 160), ("S0", "S0_R0", "R0_S0", 220), ("S3", "S3_R3", "R3_S3", 240),
        ("RW", "RW_R0", "R0_RW", 120), ("S5", "S5_J5", "J5_S5", 80),
    ]
    return nod, edg, fringe


def profile(t):
    """Demand factor over the morning: 0.55 at 07:00, peak 1.0 at 07:45, 0.6 at 08:30."""
    peak = BEGIN + 2700
    return 0.55 + 0.45 * math.exp(-((t - peak) / 1200.0) ** 2)


def write_trips(path, fringe):
    rnd = random.Random(SEED)
    trips = []
    for o, o_in, _, w_o in fringe:
        dests = [(d, d_out, w_d) for d, _, d_out, w_d in fringe if d != o]
        total = sum(w for _, _, w in dests)
        t = float(BEGIN)
        while True:
            # thinning of a Poisson process with the peak rate
            t += rnd.expovariate(DEMAND * w_o / 3600.0)
            if t >= END:
                break
            if rnd.random() > profile(t):
                continue
            r = rnd.random() * total
            for d, d_out, w_d in dests:
                r -= w_d
                if r <= 0:
                    break
            trips.append((round(t, 1), o_in, d_out))
    trips.sort()
    with open(path, "w") as f:
        f.write('<routes>\n  <vType id="car" vClass="passenger"/>\n')
        for i, (t, a, b) in enumerate(trips):
            f.write(f'  <trip id="v{i}" type="car" depart="{t:.1f}" from="{a}" to="{b}" '
                    f'departLane="best" departSpeed="max"/>\n')
        f.write("</routes>\n")
    return len(trips)


def merge_offsets(programs, offsets, out):
    """tlsCoordinator writes offsets only: put them into the Webster programs (one common cycle)."""
    import xml.etree.ElementTree as ET
    offset = {t.get("id"): float(t.get("offset")) for t in ET.parse(offsets).getroot().iter("tlLogic")}
    root = ET.parse(programs).getroot()
    for t in root.iter("tlLogic"):
        t.set("offset", str(round(offset.get(t.get("id"), 0.0) % CYCLE)))
        t.set("programID", "0")   # replaces netconvert's default program: the network has one program per signal
    ET.ElementTree(root).write(out)


def run(cmd):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def xy(lat, lon):
    return ((lon - LON0) * math.cos(math.radians(LAT0)) * 111320.0, (lat - LAT0) * 111195.0)


# car parks (ids, names and positions as parking-guidance's fictional demo inventory) and signs near the accesses
CAR_PARKS = [("P-Rathaus", 50.9553, 6.6394), ("P-Marktplatz", 50.9561, 6.6421), ("P-Hauptstrasse", 50.9540, 6.6368),
             ("P-Bahnhof", 50.9592, 6.6455), ("P-Kreishaus", 50.9528, 6.6331), ("P-Klinikum", 50.9497, 6.6302),
             ("P-Medio", 50.9575, 6.6350), ("P-Erftpark", 50.9530, 6.6440)]
SIGNS = [("S-Nord", -100.0, 560.0), ("S-West", -860.0, 40.0), ("S-Ost", 860.0, -40.0)]


def write_pois(path):
    with open(path, "w") as f:
        f.write("<additional>\n  <!-- FICTIONAL car parks and parking signs of the demo town (ids as in"
                " parking-guidance) -->\n")
        for cid, lat, lon in CAR_PARKS:
            x, y = xy(lat, lon)
            f.write(f'  <poi id="{cid}" type="greenwave.car-park" x="{x:.1f}" y="{y:.1f}" color="0,90,200"/>\n')
        for sid, x, y in SIGNS:
            f.write(f'  <poi id="{sid}" type="greenwave.parking-sign" x="{x:.1f}" y="{y:.1f}" color="255,160,0"/>\n')
        f.write("</additional>\n")


def main():
    net = os.path.join(HERE, f"{NAME}.net.xml")
    rou = os.path.join(HERE, f"{NAME}.rou.xml")
    with tempfile.TemporaryDirectory() as tmp:
        nod, edg, fringe = build_plain(tmp)
        raw = os.path.join(tmp, "raw.net.xml")
        run(["netconvert", "-n", nod, "-e", edg, "-o", raw, "--no-turnarounds", "true",
             "--offset.disable-normalization", "true",
             "--tls.default-type", "static", "--tls.cycle.time", "90", "--tls.yellow.time", "3",
             "--tls.left-green.time", "6", "--junctions.corner-detail", "5", "--no-warnings", "true"])
        trips = os.path.join(tmp, "trips.xml")
        n = write_trips(trips, fringe)
        run(["duarouter", "-n", raw, "-r", trips, "-o", rou, "--seed", str(SEED), "--no-step-log", "true",
             "--no-warnings", "true", "--write-license", "false"])
        tls = os.path.join(tmp, "webster.tll.xml")
        run([sys.executable, os.path.join(TOOLS, "tlsCycleAdaptation.py"), "-n", raw, "-r", rou, "-o", tls,
             "-b", str(BEGIN + 1800), "-y", "3", "-a", "2", "-g", "8", "--min-cycle", str(CYCLE),
             "--max-cycle", str(CYCLE)])
        offsets = os.path.join(tmp, "offsets.tll.xml")
        run([sys.executable, os.path.join(TOOLS, "tlsCoordinator.py"), "-n", raw, "-r", rou, "-a", tls,
             "-o", offsets])
        coordinated = os.path.join(tmp, "coordinated.tll.xml")
        merge_offsets(tls, offsets, coordinated)
        run(["netconvert", "-s", raw, "-i", coordinated, "-o", net, "--no-warnings", "true"])
    if os.path.exists(os.path.join(HERE, f"{NAME}.rou.alt.xml")):
        os.remove(os.path.join(HERE, f"{NAME}.rou.alt.xml"))
    write_pois(os.path.join(HERE, f"{NAME}.poi.add.xml"))
    with open(os.path.join(HERE, f"{NAME}.sumocfg"), "w") as f:
        f.write(f"""<configuration>
    <!-- FICTIONAL demo town (synthetic network and demand), generated by generate.py -->
    <input>
        <net-file value="{NAME}.net.xml"/>
        <route-files value="{NAME}.rou.xml"/>
        <additional-files value="{NAME}.poi.add.xml"/>
    </input>
    <time>
        <begin value="{BEGIN}"/>
        <end value="{END}"/>
    </time>
</configuration>
""")
    print(f"{NAME}: {n} trips {BEGIN}..{END} s, net {net}", file=sys.stderr)


if __name__ == "__main__":
    main()
