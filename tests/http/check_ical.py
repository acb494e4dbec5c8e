#!/usr/bin/python3
"""Checks an iCalendar file as RFC 5545 asks, with Debian's python3-icalendar
as the parser: CRLF line ends only, no physical line over 75 octets, no
UTF-8 character cut by a fold; the parser reads it back; every VEVENT has a
UID (unique), a DTSTAMP, an all-day DTSTART and an exclusive DTEND after it.
With --summary TEXT --uid UID: that event's SUMMARY parses back to TEXT.
Prints one line per problem, "events N" on success; exit 1 on a problem.
    /usr/bin/python3 tests/http/check_ical.py FILE [--uid UID --summary TEXT]
"""
import datetime
import sys

import icalendar


def main():
    path = sys.argv[1]
    args = dict(zip(sys.argv[2::2], sys.argv[3::2]))
    raw = open(path, 'rb').read()
    problems = []
    if not raw.endswith(b'\r\n'):
        problems.append('does not end in CRLF')
    lines = raw.split(b'\r\n')[:-1]
    for i, line in enumerate(lines, 1):
        if b'\n' in line or b'\r' in line:
            problems.append(f'line {i}: a bare LF or CR')
        if len(line) > 75:
            problems.append(f'line {i}: {len(line)} octets')
        try:
            line.decode('utf-8')
        except UnicodeDecodeError:
            problems.append(f'line {i}: a UTF-8 character cut by a fold')
    cal = icalendar.Calendar.from_ical(raw)
    uids = set()
    n = 0
    for ev in cal.walk('VEVENT'):
        n += 1
        uid = str(ev.get('UID', ''))
        if not uid or uid in uids:
            problems.append(f'event {n}: UID missing or repeated: {uid!r}')
        uids.add(uid)
        if 'DTSTAMP' not in ev:
            problems.append(f'{uid}: no DTSTAMP')
        start, end = ev.decoded('DTSTART'), ev.decoded('DTEND')
        if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
            problems.append(f'{uid}: DTSTART is not a DATE')
        if not end > start:
            problems.append(f'{uid}: DTEND {end} not after DTSTART {start}')
        if args.get('--uid') == uid and str(ev.get('SUMMARY')) != args['--summary']:
            problems.append(f'{uid}: SUMMARY {str(ev.get("SUMMARY"))!r} != {args["--summary"]!r}')
    if '--uid' in args and args['--uid'] not in uids:
        problems.append(f'no event {args["--uid"]}')
    for p in problems:
        print(p)
    if not problems:
        print(f'events {n}')
    return 1 if problems else 0


sys.exit(main())
