#!/usr/bin/env python3
"""Downloads every published 1540 matrix version changed since a date from an
r1540 server, keeping each one's ETag so that the next run asks with
If-None-Match and is answered 304 for what did not change (docs/api.md).
Standard library only.

usage: r1540_sync.py BASE_URL SINCE OUTDIR [--token TOKEN]
  BASE_URL  e.g. https://r1540.example.org
  SINCE     YYYY-MM-DD: versions published on or after it
  OUTDIR    where STATE-N.json files and etags.json are kept
Prints one line: "downloaded N, unchanged M".
"""
import json
import os
import re
import sys
import urllib.error
import urllib.request


def get(url, etag=None, token=None):
    """(status, body bytes or None, ETag, Link) of a GET; 304 gives no body."""
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    if etag:
        req.add_header("If-None-Match", etag)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read(), resp.headers.get("ETag"), resp.headers.get("Link")
    except urllib.error.HTTPError as e:
        if e.code == 304:
            return 304, None, e.headers.get("ETag") or etag, None
        raise


def next_link(link):
    """The rel="next" address of a Link header, or None."""
    for part in (link or "").split(","):
        m = re.match(r'\s*<([^>]*)>\s*;\s*rel="next"', part)
        if m:
            return m.group(1)
    return None


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    token = argv[argv.index("--token") + 1] if "--token" in argv else None
    if token:
        args.remove(token)
    if len(args) != 3:
        sys.exit(__doc__)
    base, since, outdir = args[0].rstrip("/"), args[1], args[2]
    os.makedirs(outdir, exist_ok=True)
    tags_path = os.path.join(outdir, "etags.json")
    tags = json.load(open(tags_path)) if os.path.exists(tags_path) else {}
    downloaded = unchanged = 0
    page = "/api/v1/versions?since=%s&per_page=500" % since
    while page:
        status, body, _, link = get(base + page, token=token)
        for v in json.loads(body)["versions"]:
            status, data, etag, _ = get(base + v["url"], tags.get(v["url"]), token)
            if status == 304:
                unchanged += 1
                continue
            name = "%s-%d.json" % (v["state"], v["number"])
            with open(os.path.join(outdir, name), "wb") as f:
                f.write(data)
            if etag:
                tags[v["url"]] = etag
            downloaded += 1
        page = next_link(link)
    with open(tags_path, "w") as f:
        json.dump(tags, f, indent=1, sort_keys=True)
    print("downloaded %d, unchanged %d" % (downloaded, unchanged))


if __name__ == "__main__":
    main(sys.argv)
