#!/usr/bin/env python3
"""Writes a Jira Cloud CSV export ("Export issues -> CSV (all fields)") of N issues to stdout,
for benchmarking `roadmap import --from jira`: one epic in 16, stories, tasks and bugs under
them, three fix versions (repeated Fix Version/s columns), repeated Labels columns, Due Date in
Jira's dd/MMM/yy h:mm a style, a quoted two-line Description on every fifth issue, CRLF."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
versions = ["1.0", "1.1", "2.0"]
statuses = ["To Do", "In Progress", "Done", "In Review", "Backlog"]
months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
epics = max(1, n // 16)
rows = ["Summary,Issue key,Issue id,Issue Type,Status,Assignee,Fix Version/s,Fix Version/s,"
        "Due Date,Labels,Labels,Description,Custom field (Epic Link),Parent"]
for i in range(1, n + 1):
    kind = "Epic" if i <= epics else ["Story", "Task", "Bug"][i % 3]
    epic = "" if i <= epics else f"PAY-{i % epics + 1}"
    due = "" if i <= epics else f"{i % 27 + 1}/{months[i % 12]}/27 12:00 AM"
    text = f'"Line one, {i}.\r\nLine two ""quoted""."' if i % 5 == 0 else ""
    second = versions[(i + 1) % 3] if i % 7 == 0 else ""
    label = f"q{i % 4 + 1}" if i % 2 == 0 else ""
    rows.append(f"Work item {i} for payments,PAY-{i},{10000 + i},{kind},{statuses[i % 5]},Person {i % 9},"
                f"{versions[i % 3]},{second},{due},payments,{label},{text},{epic},")
sys.stdout.write("\r\n".join(rows) + "\r\n")
