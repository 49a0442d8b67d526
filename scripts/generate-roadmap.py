#!/usr/bin/env python3
"""Generates a synthetic roadmap repository for benchmarks, deterministically from a seed.

    scripts/generate-roadmap.py OUT_DIR --items 10000 --commits 20000 [--seed 1] [--proposals 50]

N items across the five kinds (SPEC §4) with valid references and realistic dates, written
through `git fast-import`, then M - 1 commits of realistic edits: release slips (with the
campaigns that promote the release moved after it, sometimes one commit later), launch moves,
status changes, owner and description edits, moves between folders (same id) and renames
(new id, content kept, so git pairs the two files). About one commit in 40 starts a side
branch whose commits are merged back by a real merge commit with two parents; branch and
main touch disjoint items, and only main moves dates, so merges never conflict.

The final tree reviews mostly clean: campaigns launch after their releases, children end
before their release, nothing is past due after 2026-11-22. `--proposals K` adds K open
proposal branches (`proposal/<name>`), each one or two commits ahead of main.

Writes OUT_DIR (a non-bare repository on `main`, checked out) and OUT_DIR.json with ids the
benchmark uses: the most edited release (for `history`) and a story to stage.
Python 3 standard library only.
"""
import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys

KIND_SHARE = [("theme", 0.02), ("release", 0.05), ("epic", 0.13), ("campaign", 0.15), ("story", 0.65)]
WORDS = ("billing usage invoice pricing insights dashboard sharing export import search mobile "
         "offline sync audit sso saml scim trust onboarding trial checkout tax payout ledger "
         "alerts reports api webhooks sdk cli plugins themes editor comments mentions inbox "
         "calendar timeline gantt kanban roles teams workspace archive backup restore latency "
         "cache storage upload preview media video chat notify digest email sms push").split()
PEOPLE = [("Priya Natarajan", "priya"), ("Maria Lopez", "maria"), ("Sam Okafor", "sam"),
          ("Ana Silva", "ana"), ("Jun Park", "jun"), ("Kofi Mensah", "kofi"), ("Lee Wong", "lee"),
          ("Ines Duarte", "ines"), ("Tomas Berg", "tomas"), ("Aisha Bello", "aisha"),
          ("Noah Fischer", "noah"), ("Mei Chen", "mei")]
CHANNELS = ["email", "blog", "social", "webinar", "event", "ads", "pr"]
TEAMS = ["team-core", "team-growth", "team-platform", "team-data"]
CONFIG = """# roadmap configuration: see `roadmap --help` and the README.
root: roadmap
base: main
proposal-prefix: proposal/
launch-lag-days: 30
rules:
  unmarketed-release: warning
channels: [email, blog, social, webinar, event, ads, pr]
"""
PLURAL = {"theme": "themes", "epic": "epics", "story": "stories", "release": "releases", "campaign": "campaigns"}
DAY0 = dt.date(2027, 1, 4)   # releases ship from here on: nothing is past due on 2026-11-22


def iso(d):
    return d.isoformat()


class Item:
    __slots__ = ("id", "kind", "folder", "fields", "desc")

    def __init__(self, id, kind, fields, desc):
        self.id, self.kind, self.fields, self.desc = id, kind, fields, desc
        self.folder = f"roadmap/{PLURAL[kind]}"

    @property
    def path(self):
        return f"{self.folder}/{self.id}.yaml"

    def render(self):
        lines = [f"kind: {self.kind}"]
        for key, value in self.fields.items():
            if value is None:
                continue
            if isinstance(value, list):
                lines.append(f"{key}: [{', '.join(value)}]")
            elif isinstance(value, bool):
                lines.append(f"{key}: {'true' if value else 'false'}")
            elif key == "owner":
                lines.append(f'{key}: "{value}"')
            else:
                lines.append(f"{key}: {value}")
        lines.append("")
        lines.append("description: |")
        lines.extend("  " + line for line in self.desc)
        return ("\n".join(lines) + "\n").encode()


class Generator:
    def __init__(self, n_items, n_commits, seed):
        self.rng = random.Random(seed)
        self.n_items, self.n_commits = n_items, n_commits
        self.items = {}           # id -> Item
        self.by_kind = {k: [] for k, _ in KIND_SHARE}
        self.promoters = {}       # release id -> [campaign ids] (directly or through an epic)
        self.out = None
        self.mark = 0
        self.clock = dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.timezone.utc)
        self.edits = {}           # id -> number of commits that changed it
        self.used_names = set()

    # ---------- names, people, time

    def name(self, kind, i):
        rng = self.rng
        while True:
            base = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"
            candidate = f"{base}-{kind[0]}{i}"
            if candidate not in self.used_names:
                self.used_names.add(candidate)
                return candidate

    def person(self):
        return self.rng.choice(PEOPLE)

    def tick(self):
        self.clock += dt.timedelta(minutes=self.rng.randint(5, 75))
        return self.clock

    def sentence(self, k=8):
        return " ".join(self.rng.choice(WORDS) for _ in range(k)).capitalize() + "."

    # ---------- the initial roadmap

    def plan(self):
        rng = self.rng
        counts = {k: max(1, int(self.n_items * share)) for k, share in KIND_SHARE}
        counts["story"] += self.n_items - sum(counts.values())
        for i in range(counts["theme"]):
            self.add(Item(self.name("theme", i), "theme", {
                "title": f"Theme {i} - {self.sentence(3)[:-1]}",
                "status": rng.choice(["planned", "active", "active"]),
                "owner": "@" + self.person()[1],
                "horizon": rng.choice(["now", "next", "later"]),
            }, [self.sentence(), self.sentence()]))
        for i in range(counts["release"]):
            day = DAY0 + dt.timedelta(days=rng.randint(0, 3 * 365))
            tier = rng.choices(["major", "minor", "patch"], [1, 6, 3])[0]
            self.add(Item(self.name("release", i), "release", {
                "title": f"Release {i}",
                "status": rng.choice(["planned", "planned", "in-progress"]),
                "owner": "@" + self.person()[1],
                "date": iso(day),
                "version": f"{1 + i // 100}.{i % 100}.0",
                "tier": tier,
                "marketing": "none" if tier == "patch" else None,
            }, [self.sentence(), self.sentence()]))
            self.promoters[self.by_kind["release"][-1]] = []
        releases = self.by_kind["release"]
        themes = self.by_kind["theme"]
        for i in range(counts["epic"]):
            release = releases[i % len(releases)]
            ship = self.release_day(release)
            self.add(Item(self.name("epic", i), "epic", {
                "title": f"Epic {i} - {self.sentence(3)[:-1]}",
                "status": rng.choice(["proposed", "planned", "planned", "in-progress"]),
                "owner": "@" + self.person()[1],
                "theme": rng.choice(themes),
                "release": release,
                "start": iso(ship - dt.timedelta(days=rng.randint(90, 200))),
                "end": iso(ship - dt.timedelta(days=rng.randint(7, 60))),
            }, [self.sentence(), self.sentence(), self.sentence()]))
        epics = self.by_kind["epic"]
        for i in range(counts["story"]):
            epic = epics[rng.randrange(len(epics))]
            ship = self.release_day(self.items[epic].fields["release"])
            self.add(Item(self.name("story", i), "story", {
                "title": f"Story {i} - {self.sentence(4)[:-1]}",
                "status": rng.choice(["planned", "planned", "in-progress", "proposed"]),
                "owner": "@" + self.person()[1],
                "epic": epic,
                "end": iso(ship - dt.timedelta(days=rng.randint(10, 80))) if rng.random() < 0.6 else None,
                "tags": rng.sample(WORDS, 2) if rng.random() < 0.4 else None,
            }, [self.sentence()]))
        for i in range(counts["campaign"]):
            # every release is promoted at least once (release i % n), then at random
            if i < len(releases):
                release = releases[i]
                promotes = [release]
            elif rng.random() < 0.3:
                epic = rng.choice(epics)
                release = self.items[epic].fields["release"]
                promotes = [epic]
            else:
                release = rng.choice(releases)
                promotes = [release]
            cid = self.name("campaign", i)
            launch = self.release_day(release) + dt.timedelta(days=rng.randint(1, 20))
            item = Item(cid, "campaign", {
                "title": f"Campaign {i} - {self.sentence(3)[:-1]}",
                "status": rng.choice(["proposed", "planned", "planned", "in-progress"]),
                "owner": "@" + self.person()[1],
                "promotes": promotes,
                "launch": iso(launch),
                "start": iso(launch - dt.timedelta(days=3)),
                "end": iso(launch + dt.timedelta(days=rng.randint(14, 45))),
                "channels": rng.sample(CHANNELS, rng.randint(1, 3)),
                "audience": f"{rng.choice(WORDS).capitalize()} users",
            }, [self.sentence(), self.sentence()])
            self.add(item)
            self.promoters[release].append(cid)

    def add(self, item):
        self.items[item.id] = item
        self.by_kind[item.kind].append(item.id)

    def release_day(self, release_id):
        return dt.date.fromisoformat(self.items[release_id].fields["date"])

    # ---------- fast-import output

    def write(self, text):
        self.out.write(text.encode() if isinstance(text, str) else text)

    def commit(self, ref, parent, ops, message, merge=None):
        """ops: list of ("M", path, bytes) / ("D", path). Returns the new commit's mark."""
        self.mark += 1
        name, handle = self.person()
        when = self.tick()
        msg = message.encode()
        self.write(f"commit {ref}\nmark :{self.mark}\n"
                   f"author {name} <{handle}@lumen.example> {int(when.timestamp())} +0000\n"
                   f"committer {name} <{handle}@lumen.example> {int(when.timestamp())} +0000\n"
                   f"data {len(msg)}\n")
        self.write(msg)
        self.write("\n")
        if parent is not None:
            self.write(f"from :{parent}\n")
        if merge is not None:
            self.write(f"merge :{merge}\n")
        for op in ops:
            if op[0] == "M":
                self.write(f"M 100644 inline {op[1]}\ndata {len(op[2])}\n")
                self.write(op[2])
                self.write("\n")
            else:
                self.write(f"D {op[1]}\n")
        self.write("\n")
        return self.mark

    def put(self, item):
        self.edits[item.id] = self.edits.get(item.id, 0) + 1
        return ("M", item.path, item.render())

    # ---------- edits

    def slip(self, pending):
        """Moves a release; its campaigns follow now (85 %) or in the next main commit."""
        rng = self.rng
        rid = rng.choice(self.by_kind["release"])
        release = self.items[rid]
        old = self.release_day(rid)
        new = old + dt.timedelta(days=rng.choice([-14, -7, 7, 14, 21, 30, 45]))
        if new < DAY0:
            new = old + dt.timedelta(days=30)
        release.fields["date"] = iso(new)
        ops = [self.put(release)]
        # children must still end before the release: pull their end in when it moved earlier
        follow = [cid for cid in self.promoters[rid]]
        if rng.random() < 0.85:
            ops += self.realign(follow, new)
        else:
            pending.extend(follow)
        if new < old:
            for eid in self.by_kind["epic"]:
                epic = self.items[eid]
                if epic.fields["release"] == rid and dt.date.fromisoformat(epic.fields["end"]) >= new:
                    epic.fields["end"] = iso(new - dt.timedelta(days=3))
                    epic.fields["start"] = min(epic.fields["start"], iso(new - dt.timedelta(days=30)))
                    ops.append(self.put(epic))
            ops += self.pull_in_stories(rid, new)
        verb = "slips" if new > old else "moves earlier"
        return ops, f"{release.fields['title']} {verb} to {iso(new)}\n\n{self.sentence(10)}\n"

    def pull_in_stories(self, rid, new):
        ops = []
        epics = {e for e in self.by_kind["epic"] if self.items[e].fields["release"] == rid}
        for sid in self.by_kind["story"]:
            story = self.items[sid]
            if story.fields["epic"] in epics and story.fields.get("end") and \
                    dt.date.fromisoformat(story.fields["end"]) >= new:
                story.fields["end"] = iso(new - dt.timedelta(days=5))
                ops.append(self.put(story))
        return ops

    def realign(self, campaign_ids, ship):
        ops = []
        for cid in dict.fromkeys(campaign_ids):
            campaign = self.items[cid]
            launch = ship + dt.timedelta(days=self.rng.randint(1, 20))
            # a campaign promoting several releases is kept after the latest of them
            campaign.fields["launch"] = iso(max(launch, dt.date.fromisoformat(campaign.fields["launch"]))
                                            if self.latest_ship(campaign) > ship else launch)
            launch = dt.date.fromisoformat(campaign.fields["launch"])
            campaign.fields["start"] = iso(launch - dt.timedelta(days=3))
            campaign.fields["end"] = iso(launch + dt.timedelta(days=self.rng.randint(14, 45)))
            ops.append(self.put(campaign))
        return ops

    def latest_ship(self, campaign):
        days = []
        for ref in campaign.fields["promotes"]:
            item = self.items[ref]
            days.append(self.release_day(ref if item.kind == "release" else item.fields["release"]))
        return max(days)

    def launch_move(self):
        cid = self.rng.choice(self.by_kind["campaign"])
        ops = self.realign([cid], self.latest_ship(self.items[cid]))
        return ops, f"Move the launch of {self.items[cid].fields['title']}\n"

    def local_edit(self, busy):
        """An edit that touches one item and no date: safe on a side branch. None if busy."""
        rng = self.rng
        kind = rng.choices(["story", "epic", "campaign", "theme"], [8, 2, 2, 1])[0]
        iid = rng.choice(self.by_kind[kind])
        if iid in busy:
            return None
        item = self.items[iid]
        roll = rng.random()
        busy.add(iid)
        if roll < 0.45:
            flow = {"theme": ["planned", "active", "active"],
                    "campaign": ["proposed", "planned", "in-progress"]}.get(kind, ["proposed", "planned", "in-progress"])
            item.fields["status"] = rng.choice(flow)
            return [self.put(item)], f"{item.fields['title']}: {item.fields['status']}\n"
        if roll < 0.65:
            item.fields["owner"] = "@" + self.person()[1]
            return [self.put(item)], f"Hand {iid} over to {item.fields['owner']}\n"
        if roll < 0.80:
            item.desc = item.desc[:3] + [self.sentence()]
            return [self.put(item)], f"Describe {iid} better\n"
        if roll < 0.92 or kind != "story":
            old = item.path
            if kind == "story":
                team = rng.choice(TEAMS + [""])
                item.folder = f"roadmap/stories/{team}".rstrip("/")
            else:
                item.folder = f"roadmap/{PLURAL[kind]}/{rng.choice(['archive', ''])}".rstrip("/")
            if item.path == old:
                item.fields["title"] = item.fields["title"] + "."
                return [self.put(item)], f"Retitle {iid}\n"
            return [("D", old), self.put(item)], f"Move {iid} to {item.folder}\n"
        # rename a story (nothing references stories by id): new id, same content
        old = item.path
        new_id = self.name("story", len(self.used_names))
        del self.items[iid]
        self.by_kind["story"].remove(iid)
        item.id = new_id
        self.items[new_id] = item
        self.by_kind["story"].append(new_id)
        self.edits[new_id] = self.edits.pop(iid, 0)
        busy.add(new_id)
        return [("D", old), self.put(item)], f"Rename {iid} to {new_id}\n"

    # ---------- the whole history

    def meta(self):
        releases = self.by_kind["release"]
        busiest = max(releases, key=lambda r: (self.edits.get(r, 0), r))
        story = self.items[self.by_kind["story"][0]]
        return {"items": len(self.items), "commits": self.n_commits,
                "history_id": busiest, "history_path": self.items[busiest].path,
                "history_edits": self.edits.get(busiest, 0),
                "stage_id": story.id, "stage_path": story.path}

    def run(self, out, n_proposals):
        self.out = out
        rng = self.rng
        self.plan()
        # the initial roadmap arrives over the first commits, in dependency order
        order = [i for k in ("theme", "release", "epic", "story", "campaign") for i in self.by_kind[k]]
        n_initial = max(1, min(self.n_commits // 10, len(order) // 50))
        chunk = -(-len(order) // n_initial)
        main = None
        made = 0
        for start in range(0, len(order), chunk):
            ops = [("M", "roadmap.yaml", CONFIG.encode())] if main is None else []
            ops += [self.put(self.items[i]) for i in order[start:start + chunk]]
            main = self.commit("refs/heads/main", main, ops, f"Plan items {start + 1}-{min(start + chunk, len(order))}\n")
            made += 1
        pending = []
        while made < self.n_commits:
            if pending:
                ops = self.realign(pending, max(self.latest_ship(self.items[c]) for c in pending))
                pending = []
                main = self.commit("refs/heads/main", main, ops, "Move the campaigns after the new ship date\n")
                made += 1
                continue
            if rng.random() < 1 / 40 and self.n_commits - made > 12:
                # a side branch of local edits, main moves on meanwhile, then a merge commit
                busy = set()
                side = main
                side_ops = {}
                for _ in range(rng.randint(2, 6)):
                    edit = self.local_edit(busy)
                    if edit is None:
                        continue
                    side = self.commit("refs/heads/side", side, edit[0], edit[1])
                    made += 1
                    for op in edit[0]:
                        side_ops[op[1]] = op
                for _ in range(rng.randint(1, 3)):
                    edit = self.local_edit(busy)
                    if edit is None:
                        continue
                    main = self.commit("refs/heads/main", main, edit[0], edit[1])
                    made += 1
                main = self.commit("refs/heads/main", main, list(side_ops.values()),
                                   "Merge branch 'side'\n", merge=side)
                made += 1
                continue
            roll = rng.random()
            if roll < 0.15:
                ops, message = self.slip(pending)
            elif roll < 0.30:
                ops, message = self.launch_move()
            else:
                edit = None
                while edit is None:
                    edit = self.local_edit(set())
                ops, message = edit
            main = self.commit("refs/heads/main", main, ops, message)
            made += 1
        if pending:
            ops = self.realign(pending, max(self.latest_ship(self.items[c]) for c in pending))
            main = self.commit("refs/heads/main", main, ops, "Move the campaigns after the new ship date\n")
        self.final = self.meta()
        # open proposals: branches from main, one or two commits each, never merged
        for p in range(n_proposals):
            tip = main
            for _ in range(rng.randint(1, 2)):
                edit = None
                while edit is None:
                    edit = self.local_edit(set())
                tip = self.commit(f"refs/heads/proposal/p{p:03d}", tip, edit[0], edit[1])
        return main


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--proposals", type=int, default=0)
    args = parser.parse_args()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=os.path.abspath(args.out) + ".home")
    os.makedirs(env["HOME"], exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", args.out], check=True, env=env)
    for key, value in (("user.name", "Bench"), ("user.email", "bench@lumen.example")):
        subprocess.run(["git", "-C", args.out, "config", key, value], check=True, env=env)
    generator = Generator(args.items, args.commits, args.seed)
    proc = subprocess.Popen(["git", "-C", args.out, "fast-import", "--quiet", "--done"],
                            stdin=subprocess.PIPE, env=env)
    out = proc.stdin
    generator.run(out, args.proposals)
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        sys.exit("generate-roadmap: git fast-import failed")
    subprocess.run(["git", "-C", args.out, "checkout", "-q", "-f", "main"], check=True, env=env)
    shutil.rmtree(env["HOME"], ignore_errors=True)
    subprocess.run(["git", "-C", args.out, "branch", "-q", "-D", "side"], env=env,
                   stderr=subprocess.DEVNULL)
    meta = dict(generator.final, seed=args.seed, proposals=args.proposals)
    with open(args.out.rstrip("/") + ".json", "w") as f:
        json.dump(meta, f, indent=2)
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
