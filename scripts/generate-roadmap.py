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

Half the releases (when the history spans more than 120 days) are *held* ones: their date
falls inside the history and holds there, with a known slip. Each is planned at P and its
date finally holds at P + S, S drawn with equal odds from SLIP_DAYS (-7, 0, 0, 7, 14, 21,
30, 45 days), in one move (two thirds) or two (half, then the rest) made at random times
between the plan and a week before the earlier of P and P + S; its campaigns follow each
move in the same commit. Once the clock passes the day that held, a commit ships the
release (its epics and stories done), and its campaigns go live at launch and done at their
end. So `roadmap forecast --backtest` has cases: every month of the history forecasts the
held releases and campaigns not yet done. The other releases ship from DAY0 (2027) on.

The final tree reviews clean: campaigns launch after their releases, children end before
their release, held releases shipped and their campaigns done or live, the others' dates
after 2026-11-22, so nothing is past due then. `--proposals K` adds K open
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
DAY0 = dt.date(2027, 1, 4)   # releases not held ship from here on: nothing is past due on 2026-11-22
START = dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.timezone.utc)   # the first commit
MEAN_TICK = dt.timedelta(minutes=40)   # tick() draws 5..75 minutes between commits
SLIP_DAYS = (-7, 0, 0, 7, 14, 21, 30, 45)   # where a held release's date lands from its plan


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
        self.clock = START
        # the day the history ends (expected: the sum of 20,000 ticks is within a few days of it);
        # held dates and their launches stay 30 days inside it, so all hold before the last commit
        self.last_day = (START + MEAN_TICK * n_commits).date()
        self.held = set()         # ids of the releases whose date holds inside the history
        self.moves = []           # (when, release id, new date) of held releases, by time
        self.shipped = set()      # held releases already shipped
        self.slips = {}           # held release id -> the slip S its date lands at
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
        held_first, held_last = START.date() + dt.timedelta(days=90), self.last_day - dt.timedelta(days=30)
        for i in range(counts["release"]):
            day = DAY0 + dt.timedelta(days=rng.randint(0, 3 * 365))
            if held_last > held_first and rng.random() < 0.5:
                held = held_first + dt.timedelta(days=rng.randint(0, (held_last - held_first).days))
                slip = rng.choice(SLIP_DAYS)
                day = held - dt.timedelta(days=slip)   # planned at P, holds at P + S
            else:
                held = None
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
            rid = self.by_kind["release"][-1]
            self.promoters[rid] = []
            if held is not None:
                self.hold(rid, day, held)
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

    def hold(self, rid, planned, held):
        """Schedules the moves that take a held release from its plan to the date that holds."""
        rng = self.rng
        self.held.add(rid)
        self.slips[rid] = (held - planned).days
        if held == planned:
            return
        # moves come after the initial plan's commits (two weeks is ample) and a week before the date
        first = START + dt.timedelta(days=14)
        last = dt.datetime.combine(min(planned, held) - dt.timedelta(days=7), dt.time(9), tzinfo=dt.timezone.utc)
        if last <= first:
            last = first + dt.timedelta(hours=1)
        def when():
            return first + (last - first) * rng.random()
        if rng.random() < 2 / 3 or abs(held - planned).days < 2:
            self.moves.append((when(), rid, held))
        else:
            half = planned + dt.timedelta(days=(held - planned).days // 2)
            t1, t2 = sorted((when(), when()))
            self.moves += [(t1, rid, half), (t2, rid, held)]
        self.moves.sort(key=lambda m: (m[0], m[1]))

    def release_of(self, item):
        """The release an item belongs to (a campaign: the latest it promotes), None for a theme."""
        if item.kind == "release":
            return item.id
        if item.kind == "epic":
            return item.fields["release"]
        if item.kind == "story":
            return self.items[item.fields["epic"]].fields["release"]
        if item.kind == "campaign":
            refs = [r if self.items[r].kind == "release" else self.items[r].fields["release"]
                    for r in item.fields["promotes"]]
            return max(refs, key=self.release_day)
        return None

    def is_held(self, item):
        return self.release_of(item) in self.held

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
        """Moves a release not held; its campaigns follow now (85 %) or in the next main commit."""
        rng = self.rng
        free = [r for r in self.by_kind["release"] if r not in self.held]
        if not free:
            return None
        rid = rng.choice(free)
        old = self.release_day(rid)
        new = old + dt.timedelta(days=rng.choice([-14, -7, 7, 14, 21, 30, 45]))
        if new < DAY0:
            new = old + dt.timedelta(days=30)
        return self.move_release(rid, new, pending if rng.random() >= 0.85 else None)

    def move_release(self, rid, new, pending=None):
        """Moves a release to NEW; its campaigns follow in this commit, or are added to PENDING."""
        release = self.items[rid]
        old = self.release_day(rid)
        release.fields["date"] = iso(new)
        ops = [self.put(release)]
        follow = [cid for cid in self.promoters[rid]]
        if pending is None:
            ops += self.realign(follow, new)
        else:
            pending.extend(follow)
        # children must still end before the release: pull their end in when it moved earlier
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
        """Moves the launch of a campaign whose release is not held. None if there is none."""
        if not self.free_campaigns:
            return None
        cid = self.rng.choice(self.free_campaigns)
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
        if roll < 0.45 and self.is_held(item):
            roll = 0.70   # a held release's work and campaigns change status with its dates only
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

    # ---------- held releases: moves on schedule, then ship; their campaigns go live, then done

    def sweep(self):
        """Once a day of the clock: queues what the day brings to held releases and campaigns."""
        today = self.clock.date()
        for rid in sorted(self.held - self.shipped):
            if self.release_day(rid) < today and rid not in self.queued:
                self.queued.add(rid)
                self.queue.append(("ship", rid))
        for cid in self.held_campaigns:
            campaign = self.items[cid]
            state = self.campaign_state.get(cid)
            if state is None and dt.date.fromisoformat(campaign.fields["launch"]) < today \
                    and self.release_of(campaign) in self.shipped:
                self.campaign_state[cid] = "live"
                self.queue.append(("live", cid))
            elif state == "live" and dt.date.fromisoformat(campaign.fields["end"]) < today:
                self.campaign_state[cid] = "done"
                self.queue.append(("done", cid))

    def due(self):
        """The next scheduled edit whose time has come, as (ops, message), or None."""
        if self.moves and self.moves[0][0] <= self.clock:
            _, rid, new = self.moves.pop(0)
            return self.move_release(rid, new)
        if self.clock.date() != self.swept:
            self.swept = self.clock.date()
            self.sweep()
        if not self.queue:
            return None
        action, iid = self.queue.pop(0)
        item = self.items[iid]
        if action == "ship":
            self.shipped.add(iid)
            item.fields["status"] = "shipped"
            ops = [self.put(item)]
            epics = [e for e in self.by_kind["epic"] if self.items[e].fields["release"] == iid]
            for eid in epics:
                self.items[eid].fields["status"] = "done"
                ops.append(self.put(self.items[eid]))
            epics = set(epics)
            for sid in self.by_kind["story"]:
                story = self.items[sid]
                if story.fields["epic"] in epics and story.fields["status"] != "done":
                    story.fields["status"] = "done"
                    ops.append(self.put(story))
            return ops, f"Ship {item.fields['title']} ({item.fields['date']})\n"
        item.fields["status"] = action
        return [self.put(item)], f"{item.fields['title']} is {action}\n"

    # ---------- the whole history

    def meta(self):
        releases = self.by_kind["release"]
        busiest = max(releases, key=lambda r: (self.edits.get(r, 0), r))
        story = self.items[self.by_kind["story"][0]]
        return {"items": len(self.items), "commits": self.n_commits,
                "history_id": busiest, "history_path": self.items[busiest].path,
                "history_edits": self.edits.get(busiest, 0),
                "stage_id": story.id, "stage_path": story.path,
                "held_releases": len(self.held), "held_campaigns": len(self.held_campaigns),
                "slip_days": list(SLIP_DAYS),
                "first_day": iso(START.date()), "last_day": iso(self.clock.date())}

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
        self.queue, self.queued, self.campaign_state, self.swept = [], set(), {}, None
        self.held_campaigns = [c for c in self.by_kind["campaign"] if self.is_held(self.items[c])]
        self.free_campaigns = [c for c in self.by_kind["campaign"] if not self.is_held(self.items[c])]
        while made < self.n_commits:
            scheduled = None if pending else self.due()
            if scheduled is not None:
                main = self.commit("refs/heads/main", main, scheduled[0], scheduled[1])
                made += 1
                continue
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
            edit = self.slip(pending) if roll < 0.15 else self.launch_move() if roll < 0.30 else None
            while edit is None:
                edit = self.local_edit(set())
            ops, message = edit
            main = self.commit("refs/heads/main", main, ops, message)
            made += 1
        if pending:
            ops = self.realign(pending, max(self.latest_ship(self.items[c]) for c in pending))
            main = self.commit("refs/heads/main", main, ops, "Move the campaigns after the new ship date\n")
        # a history shorter than expected: what is still due is done now, so the tip reviews clean
        while True:
            self.sweep()
            scheduled = self.due()
            if scheduled is not None:
                main = self.commit("refs/heads/main", main, scheduled[0], scheduled[1])
                continue
            waiting = [m[0].date() for m in self.moves[:1]] + \
                [self.release_day(r) + dt.timedelta(days=1) for r in self.held - self.shipped] + \
                [dt.date.fromisoformat(self.items[c].fields["launch"]) + dt.timedelta(days=1)
                 for c in self.held_campaigns if c not in self.campaign_state]
            if not waiting:
                break
            self.clock = max(self.clock, dt.datetime.combine(min(waiting), dt.time(9), tzinfo=dt.timezone.utc))
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
