"""What the project's DHCP benchmarks share: the rig (perfdhcp as a relay on 127.0.0.1, the server
on 127.0.0.2:67), one Kea-format configuration for both servers, and how each server is started.
The method is ISC's, scaled to one host (see benchmarks/README.md)."""
import os, re, shutil, signal, subprocess, sys, time

SERVER, RELAY = "127.0.0.2", "127.0.0.1"


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=True, text=True, capture_output=True, **kw)


def ensure_rig():
    """Root, perfdhcp and kea-dhcp4 (installed from Debian if missing), 127.0.0.2 on lo."""
    if os.geteuid() != 0:
        sys.exit("run as root: the servers and perfdhcp bind UDP port 67")
    if not shutil.which("perfdhcp") or not shutil.which("kea-dhcp4"):
        print("installing kea-admin and kea-dhcp4-server (perfdhcp, kea-dhcp4) ...", flush=True)
        sh("apt-get update -q")
        r = sh("DEBIAN_FRONTEND=noninteractive apt-get install -y -q kea-admin kea-dhcp4-server")
        if r.returncode:
            sys.exit("could not install Kea's tools:\n" + r.stderr[-2000:])
    if SERVER not in sh("ip -4 addr show dev lo").stdout:
        r = sh(f"ip addr add {SERVER}/8 dev lo")
        if r.returncode:
            sys.exit(f"cannot add {SERVER} to lo: {r.stderr}")
    if not os.access("./dhcpctl", os.X_OK):
        sys.exit("./dhcpctl not found: run this from the project root")


def config(work, backend, threads, db, hosts_db=None):
    """The Kea-format configuration both servers read (the suite alone with {@code hosts_db})."""
    lease_db = {"type": "memfile", "persist": True, "name": os.path.join(work, "leases4.csv"), "lfc-interval": 0}
    if backend == "postgresql":
        lease_db = {"type": "postgresql", "name": db, "host": "127.0.0.1", "user": "postgres"}
    mt = {"enable-multi-threading": threads > 0}
    if threads > 0:
        mt.update({"thread-pool-size": threads, "packet-queue-size": 64})
    extra = {"hosts-database": {"type": "postgresql", "name": hosts_db, "host": "127.0.0.1",
                                "user": "postgres"}} if hosts_db else {}
    return {"Dhcp4": {
        **extra,
        "interfaces-config": {"interfaces": [f"lo/{SERVER}"], "dhcp-socket-type": "udp"},
        "lease-database": lease_db,
        "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
        "multi-threading": mt,
        "subnet4": [{"id": 1, "subnet": "198.18.0.0/15",
                     "pools": [{"pool": "198.18.0.10 - 198.19.255.250"}],
                     "relay": {"ip-addresses": [RELAY]},
                     "option-data": [{"name": "routers", "data": "198.18.0.1"}]}],
        "loggers": [{"name": "kea-dhcp4", "severity": "WARN",
                     "output_options": [{"output": os.path.join(work, "server.log")}]}]}}


def reset_db(db, for_kea):
    """A fresh database; Kea's schema from kea-admin for Kea (the suite migrates its own)."""
    psql = "psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
    sh(f'{psql} -c "drop database if exists {db}"')
    r = sh(f'{psql} -c "create database {db}"')
    if r.returncode:
        sys.exit("PostgreSQL at 127.0.0.1:5432 is needed for --backend postgresql: " + r.stderr)
    if for_kea:
        r = sh(f"kea-admin db-init pgsql -u postgres -n {db} -h 127.0.0.1")
        if r.returncode:
            sys.exit("kea-admin db-init failed: " + r.stdout[-1000:] + r.stderr[-1000:])


def fill_hosts(db, n):
    """{@code n} host reservations in the suite's hosts4 table (created by its first start): one
    hw-address each, a hostname and an option, no address (the pool stays whole for perfdhcp's
    fresh clients, whose MACs never match, so every lookup is the common case: a miss)."""
    psql = f"psql -h 127.0.0.1 -U postgres -d {db} -v ON_ERROR_STOP=1 -q"
    sql = ("TRUNCATE hosts4; INSERT INTO hosts4 (identifier_type, identifier, subnet_id, hostname, option_data) "
           "SELECT 'hw-address', '0e:00:' || substr(to_hex(i + 4294967296), 2, 2) || ':' "
           "|| substr(to_hex(i + 4294967296), 4, 2) || ':' || substr(to_hex(i + 4294967296), 6, 2) || ':' "
           "|| substr(to_hex(i + 4294967296), 8, 2), 1, 'host-' || i || '.example.org', "
           "'[{\\\"name\\\": \\\"domain-name\\\", \\\"data\\\": \\\"example.org\\\"}]' "
           f"FROM generate_series(1, {n}) AS i")
    r = sh(f'{psql} -c "{sql}"')
    if r.returncode:
        sys.exit("could not fill hosts4: " + r.stderr)


def perfdhcp(rate, period, out, timers=False):
    """One run at a fixed rate; its whole output is kept in {@code out} and returned."""
    cmd = (f"timeout {period + 20} perfdhcp -4 -l {RELAY} -L 67 -r {rate} -R 100000000 -p {period} "
           f"-W 1000000 {'-x t ' if timers else ''}{SERVER}")
    r = sh(cmd)
    text = cmd + "\n" + r.stdout + r.stderr
    with open(out, "w") as f:
        f.write(text)
    return text


def exchanges(text):
    """DISCOVERs sent and ACKs received, from perfdhcp's summary."""
    sent = re.findall(r"sent packets: (\d+)", text)
    received = re.findall(r"received packets: (\d+)", text)
    if len(sent) < 2 or len(received) < 2:
        return 0, 0
    return int(sent[0]), int(received[1])


class Suite:
    name = "suite"

    def __init__(self, work, java_opts=""):
        self.work, self.java_opts = work, java_opts

    def start(self, cfg):
        env = dict(os.environ)
        if self.java_opts:
            env["DHCPCTL_JAVA_OPTS"] = (env.get("DHCPCTL_JAVA_OPTS", "") + " " + self.java_opts).strip()
        r = subprocess.run(["./dhcpctl", "start", "--config", cfg], text=True, env=env,
                           stdout=open(os.path.join(self.work, "suite.out"), "w"), stderr=subprocess.STDOUT,
                           timeout=900)
        if r.returncode:
            sys.exit("./dhcpctl start failed; see " + os.path.join(self.work, "suite.out"))

    def stop(self):
        subprocess.run(["./dhcpctl", "stop"], capture_output=True, timeout=120)


class Kea:
    name = "kea"

    def __init__(self, work):
        self.work, self.proc = work, None

    def start(self, cfg):
        env = dict(os.environ, KEA_PIDFILE_DIR=self.work, KEA_LOCKFILE_DIR=self.work)
        self.proc = subprocess.Popen(["kea-dhcp4", "-c", cfg], env=env,
                                     stdout=open(os.path.join(self.work, "kea.out"), "w"), stderr=subprocess.STDOUT)
        time.sleep(2)
        if self.proc.poll() is not None:
            sys.exit("kea-dhcp4 did not start; see " + os.path.join(self.work, "kea.out"))

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def drop_dbs(db):
    """Drops what prepare() created on the shared PostgreSQL (the lease and the hosts database)."""
    psql = "psql -h 127.0.0.1 -U postgres -q"
    for name in (db, f"{db}_hosts"):
        sh(f'{psql} -c "drop database if exists {name} with (force)"')


def prepare(server, work, backend, threads, db, hosts=0):
    """A fresh lease store and the configuration file for {@code server}; returns the file. With
    {@code hosts} > 0 the suite also gets a hosts database with that many reservations."""
    os.makedirs(work, exist_ok=True)
    for f in os.listdir(work):
        if f.startswith("leases4.csv"):
            os.remove(os.path.join(work, f))
    if backend == "postgresql":
        reset_db(db, for_kea=isinstance(server, Kea))
    import json
    cfg = os.path.join(work, "config.json")
    hosts_db = f"{db}_hosts" if hosts > 0 else None
    with open(cfg, "w") as f:
        json.dump(config(work, backend, threads, db, hosts_db), f, indent=2)
    if hosts_db:
        psql = "psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
        sh(f'{psql} -c "drop database if exists {hosts_db}"')
        sh(f'{psql} -c "create database {hosts_db}"')
        server.start(cfg)  # lease-service creates the schema (Flyway)
        server.stop()
        fill_hosts(hosts_db, hosts)
    return cfg
