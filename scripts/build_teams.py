#!/usr/bin/env python3
"""Build ``index/data/teams.json``, the football team knowledge file.

Sources (all CC0, read-only, under ``../shared/corpus/results`` by default):

* ``openfootball-clubs``: club names, alternative names, stadiums, cities;
* ``openfootball-england``: which clubs played in the English tiers and cups
  (their spelling, minus "FC"/"AFC", is the canonical English club name);
* ``openfootball-champions-league``: the European clubs of 2022-26;
* ``international_results/results.csv``: national team names.

Everything that is domain knowledge written by hand (nicknames, weak names,
managers, extra aliases, renames, junk-alias drops, which clubs to include)
lives in ``index/data/teams_manual.json``; this script holds no team names.

Usage: ``python scripts/build_teams.py [--results DIR] [--manual FILE] [--out FILE]``.
Running it twice gives byte-identical output.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

REPO = Path(__file__).resolve().parent.parent
DEFAULT_RESULTS = REPO.parent / "shared" / "corpus" / "results"
DEFAULT_MANUAL = REPO / "index" / "data" / "teams_manual.json"
DEFAULT_OUT = REPO / "index" / "data" / "teams.json"

LIST_FIELDS = ("aliases", "nicknames", "weak", "stadiums")


# --------------------------------------------------------------------------
# text helpers


def fold(text: str) -> str:
    """Return the comparison key of a name: accents removed, case folded."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("ß", "ss")
    text = text.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
    text = text.replace("đ", "d").replace("Đ", "D").replace("ı", "i").replace("æ", "ae")
    return re.sub(r"\s+", " ", text).strip().casefold()


def loose(text: str) -> str:
    """Looser key for finding a source name among aliases (no dots, "&" = "and")."""
    text = fold(text).replace("&", " and ")
    text = re.sub(r"[.'`,]", "", text).replace("-", " ")
    return re.sub(r"\s+", " ", text).strip()


def clean(text: str) -> str:
    """Collapse whitespace and drop sponsor markers (``$Emirates$ Stadium``)."""
    return re.sub(r"\s+", " ", text.replace("$", "")).strip()


def strip_comment(line: str) -> str:
    """Remove a trailing ``#`` comment from an openfootball line."""
    return line.split("#", 1)[0].rstrip()


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is in the Latin script."""
    for ch in text:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def strip_suffix(name: str, suffixes: Iterable[str]) -> str:
    """Drop one trailing legal-form suffix (" FC", " AFC", ...) from a name."""
    for suffix in suffixes:
        if name.endswith(" " + suffix) and len(name) > len(suffix) + 3:
            return name[: -len(suffix) - 1].strip()
    return name


def dedupe(items: Iterable[str]) -> list[str]:
    """Keep the first spelling of each folded form; sort case-insensitively."""
    seen: dict[str, str] = {}
    for item in items:
        item = clean(item)
        if item and fold(item) not in seen:
            seen[fold(item)] = item
    return sorted(seen.values(), key=lambda s: (fold(s), s))


# --------------------------------------------------------------------------
# openfootball-clubs


@dataclass
class Club:
    """One club entry of an openfootball ``*.clubs.txt`` file."""

    name: str
    country: str
    source: str
    aliases: list[str] = field(default_factory=list)
    stadiums: list[str] = field(default_factory=list)
    city: str | None = None
    defunct: bool = False


def parse_alias_field(text: str) -> str | None:
    """Turn one ``| ...`` alias into a name; ``None`` for foreign-language tags."""
    text = clean(text)
    tag = re.search(r"\[([a-z]{2})\]\s*$", text)
    if tag:
        if tag.group(1) != "en":
            return None
        text = text[: tag.start()].strip()
    return text or None


def parse_club_header(line: str, country: str, source: str) -> Club:
    """Parse ``Name, 1886, @ Stadium, City (district) › Region``."""
    fields = [f.strip() for f in line.split(",")]
    name = fields[0]
    defunct = bool(re.search(r"\(\s*\d{0,4}\s*-\s*\d{0,4}\s*\)", name))
    name = clean(re.sub(r"\([^)]*\)", "", name))
    club = Club(name=name, country=country, source=source, defunct=defunct)
    for f in fields[1:]:
        if not f or re.fullmatch(r"\d{4}", f):
            continue
        if f.startswith("@"):
            club.stadiums.append(clean(f[1:]))
        elif club.city is None:
            city = re.sub(r"\([^)]*\)", "", f.split("›")[0])
            club.city = clean(city) or None
    return club


def parse_clubs_file(path: Path, country: str, source: str) -> list[Club]:
    """Parse a ``*.clubs.txt`` file; reserve teams (``ii)``) are skipped."""
    clubs: list[Club] = []
    current: Club | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = strip_comment(raw)
        text = line.strip()
        if not text or text.startswith("=") or "//" in text:
            continue
        if text.startswith("|"):
            if current is not None:
                for part in text.split("|"):
                    alias = parse_alias_field(part)
                    if alias:
                        current.aliases.append(alias)
            continue
        if re.match(r"^[ivx]+\)", text):
            current = None
            continue
        if raw[:1].isspace() and "," not in text:
            if current is not None:
                current.aliases.append(clean(text))
            continue
        current = parse_club_header(text, country, source)
        clubs.append(current)
    return clubs


@dataclass
class Stadium:
    """One stadium of a ``*.stadiums.txt`` file with its names and clubs."""

    names: list[str]
    clubs: list[str]
    city: str | None


def parse_stadiums_file(path: Path) -> list[Stadium]:
    """Parse a ``*.stadiums.txt`` file (names, aliases, ``# club`` notes)."""
    stadiums: list[Stadium] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        text = raw.strip()
        if not text or text.startswith("=") or text.startswith("#") or "//" in text:
            continue
        if text.startswith("|"):
            alias = parse_alias_field(strip_comment(text).lstrip("|"))
            if stadiums and alias:
                stadiums[-1].names.append(alias)
            continue
        if raw[:1].isspace():
            continue
        body, _, note = raw.partition("#")
        clubs: list[str] = []
        if "teams:" in note:
            note = note.split("teams:", 1)[1]
        else:
            note = note.lstrip("#").strip()
            if note.startswith("www") or "fix" in note or "[" in note:
                note = ""
        clubs = [clean(c) for c in note.split(",") if clean(c)]
        fields = [f.strip() for f in body.split(",")]
        name = clean(re.sub(r"\([^)]*\)", "", re.split(r"\s{2,}\d", fields[0])[0]))
        city = None
        for f in fields[1:]:
            if f and not re.fullmatch(r"[\d_]+", f):
                city = clean(re.sub(r"\([^)]*\)", "", f)) or None
                break
        if name:
            stadiums.append(Stadium(names=[name], clubs=clubs, city=city))
    return stadiums


# --------------------------------------------------------------------------
# results files


MATCH_V = re.compile(r"^(?P<a>.+?)\s+v\s+(?P<b>.+?)\s{2,}\d")
MATCH_SCORE = re.compile(r"^(?P<a>.+?)\s+\d+-\d+.*?\s{2,}(?P<b>\S.*)$")


def parse_match_teams(path: Path) -> set[str]:
    """Team names of an openfootball ``football.txt`` fixtures file."""
    teams: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        text = raw.strip()
        if not text or text[0] in "#=[»":
            continue
        text = re.sub(r"^\d{1,2}\.\d{2}\s+", "", text)
        match = MATCH_V.match(text) or MATCH_SCORE.match(text)
        if match:
            teams.update(clean(match.group(g)) for g in ("a", "b"))
    return teams


def parse_cl_teams(path: Path) -> set[tuple[str, str]]:
    """``(name, FIFA code)`` pairs of a champions-league fixtures file."""
    teams: set[tuple[str, str]] = set()
    pattern = re.compile(r"(\S(?:[^()]*?\S)?)\s+\(([A-Z]{3})\)")
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip()[:1] in ("#", "=", "»", ""):
            continue
        for match in pattern.finditer(raw):
            name = re.sub(r"^\s*\d{1,2}\.\d{2}\s+", "", match.group(1))
            name = re.sub(r"^.*\d+-\d+(\s*\([^)]*\))?\s+", "", name)
            name = re.sub(r"^(v|vs\.?)\s+", "", name)
            name = re.sub(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b.*?\s{2,}", "", name)
            teams.add((clean(name), match.group(2)))
    return teams


def parse_national_teams(path: Path, since: str, pattern: str) -> set[str]:
    """National teams of results.csv since ``since`` in a matching tournament."""
    tournament = re.compile(pattern)
    teams: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["date"] >= since and tournament.search(row["tournament"]):
                teams.add(row["home_team"])
                teams.add(row["away_team"])
    return teams


# --------------------------------------------------------------------------
# building


class Builder:
    """Collects teams from the sources and the manual file, then validates."""

    def __init__(self, results: Path, manual: dict[str, Any]) -> None:
        self.results = results
        self.manual = manual
        self.rules = manual["alias_rules"]
        self.teams: dict[str, dict[str, Any]] = {}
        self.warnings: list[str] = []
        self.codes: dict[str, str] = manual["country_codes"]
        self.folders = {code: folder for folder, code in self.codes.items()}
        self.drop_everywhere = {fold(a) for a in self.rules["drop_everywhere"]}
        self.clubs: list[Club] = []
        self.index: dict[tuple[str, str], list[Club]] = {}
        self.bound: dict[int, str] = {}

    # -- helpers ----------------------------------------------------------

    def warn(self, message: str) -> None:
        """Record a message for stderr."""
        self.warnings.append(message)

    def rel(self, path: Path) -> str:
        """Path relative to the results folder, for ``source`` fields."""
        return path.relative_to(self.results).as_posix()

    def junk_alias(self, alias: str, country: str) -> bool:
        """True for alt names journalists do not use (see ``alias_rules``)."""
        if not is_latin(alias) or len(fold(alias)) < 2:
            return True
        if fold(alias) in self.drop_everywhere:
            return True
        if re.search(self.rules["abbreviation_regex"], alias) and not re.search(
            self.rules["abbreviation_keep_regex"], alias
        ):
            return True
        if country in self.rules["no_fc_prefix_countries"] and re.match(
            self.rules["fc_prefix_regex"], alias
        ):
            return True
        return False

    def new_team(self, name: str, kind: str, country: str, source: str) -> dict[str, Any]:
        """Create (or return) the team called ``name``."""
        if name not in self.teams:
            self.teams[name] = {
                "name": name,
                "kind": kind,
                "country": country,
                "aliases": [],
                "nicknames": [],
                "weak": [],
                "stadiums": [],
                "city": None,
                "managers": [],
                "divisions": {},
                "sources": [],
            }
        team = self.teams[name]
        if source not in team["sources"]:
            team["sources"].append(source)
        return team

    def canonical(self, name: str) -> str:
        """Canonical display name for a source name (renames, then suffixes)."""
        renames = self.manual["renames"]
        if name in renames:
            return renames[name]
        short = strip_suffix(name, self.rules["strip_suffixes"])
        return renames.get(short, short)

    def lookup(self, country: str, name: str) -> list[Club]:
        """openfootball clubs of ``country`` known by ``name`` (any alias)."""
        return self.index.get((country, loose(name)), [])

    def add_club(self, club: Club, name: str | None = None) -> dict[str, Any]:
        """Turn an openfootball club into a team (merging by canonical name)."""
        key = id(club)
        if key in self.bound:
            return self.teams[self.bound[key]]
        name = name or self.canonical(club.name)
        team = self.new_team(name, "club", club.country, "openfootball-clubs " + club.source)
        self.bound[key] = name
        team["aliases"].append(club.name)
        team["aliases"].extend(a for a in club.aliases if not self.junk_alias(a, club.country))
        if club.city and club.country in self.rules["city_alias_weak_countries"]:
            city = fold(club.city)
            team["weak"].extend(a for a in team["aliases"] + [name] if fold(a) == city)
        team["stadiums"].extend(club.stadiums)
        if club.city and not team["city"]:
            team["city"] = club.city
        return team

    # -- sources ----------------------------------------------------------

    def load_clubs(self) -> None:
        """Parse every ``*.clubs.txt`` of the countries in ``country_codes``."""
        root = self.results / "openfootball-clubs"
        for path in sorted(root.glob("*/*/*.clubs.txt")):
            code = self.codes.get(path.parent.name)
            if code is None:
                continue
            for club in parse_clubs_file(path, code, self.rel(path).split("/", 1)[1]):
                self.clubs.append(club)
                for alias in [club.name, strip_suffix(club.name, self.rules["strip_suffixes"])] + club.aliases:
                    bucket = self.index.setdefault((code, loose(alias)), [])
                    if club not in bucket:
                        bucket.append(club)

    def resolve(self, country: str, name: str) -> Club | None:
        """Best openfootball club for a results-file name, or ``None``."""
        candidates = [name, strip_suffix(name, self.rules["strip_suffixes"])]
        candidates += [self.canonical(name)]
        for rename_from, rename_to in self.manual["renames"].items():
            if rename_to == self.canonical(name):
                candidates.append(rename_from)
        for cand in candidates:
            found = self.lookup(country, cand)
            exact = [c for c in found if loose(c.name) == loose(cand)]
            if len(exact) == 1:
                return exact[0]
            live = [c for c in found if not c.defunct]
            if len(live) == 1:
                return live[0]
            if len(found) == 1:
                return found[0]
        return None

    def load_england(self) -> None:
        """English clubs of every tier and cup file in openfootball-england."""
        root = self.results / "openfootball-england"
        seasons: dict[str, list[str]] = {}
        divisions: dict[str, dict[str, str]] = {}
        leagues = self.manual["england_league_files"]
        for path in sorted(root.glob("*/*.txt")):
            if path.name.startswith("."):
                continue
            for name in parse_match_teams(path):
                found = seasons.setdefault(name, [])
                if path.parent.name not in found:
                    found.append(path.parent.name)
                if path.stem in leagues:
                    divisions.setdefault(name, {})[path.parent.name] = leagues[path.stem]
        for name in sorted(seasons):
            canonical = self.canonical(name)
            country = self.manual["england_country_overrides"].get(canonical, "ENG")
            club = self.resolve(country, name)
            first, last = min(seasons[name]), max(seasons[name])
            span = first if first == last else f"{first}..{last}"
            source = f"openfootball-england {span}"
            team = self.new_team(canonical, "club", country, source)
            team["divisions"].update(divisions.get(name, {}))
            if name != canonical:
                team["aliases"].append(name)
            if club is not None:
                self.add_club(club, canonical)
            else:
                self.warn(f"england: no openfootball-clubs entry for {name!r}")

    def load_champions_league(self) -> None:
        """European clubs of the 2022-26 UEFA competitions."""
        root = self.results / "openfootball-champions-league"
        pairs: set[tuple[str, str]] = set()
        for path in sorted(root.glob("*/*.txt")):
            if not path.name.startswith("."):
                pairs |= parse_cl_teams(path)
        for name, code in sorted(pairs):
            club = self.resolve(code, name) if code in self.folders else None
            if club is not None:
                team = self.add_club(club)
            else:
                team = self.new_team(self.canonical(name), "club", code,
                                     "openfootball-champions-league")
            if name != team["name"] and not self.junk_alias(name, code):
                team["aliases"].append(name)

    def load_included_clubs(self) -> None:
        """Clubs the manual file asks for: whole countries, then listed clubs."""
        include = self.manual["include"]
        whole = {self.codes[f] for f in include["whole_countries"]}
        for club in self.clubs:
            if club.country in whole and not club.defunct:
                self.add_club(club)
        for code, names in sorted(include["clubs"].items()):
            for name in names:
                club = self.resolve(code, name)
                if club is None:
                    self.warn(f"include: no openfootball-clubs entry {code} {name!r}")
                else:
                    self.add_club(club)

    def load_stadiums(self) -> None:
        """Add stadium aliases from ``*.stadiums.txt`` to the clubs playing there."""
        root = self.results / "openfootball-clubs"
        by_stadium: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for team in self.teams.values():
            for stadium in team["stadiums"]:
                by_stadium.setdefault((team["country"], fold(stadium)), []).append(team)
        for path in sorted(root.glob("*/*/*.stadiums.txt")):
            code = self.codes.get(path.parent.name)
            if code is None:
                continue
            for stadium in parse_stadiums_file(path):
                names = [n for n in stadium.names if is_latin(n)]
                owners: list[dict[str, Any]] = []
                for name in names:
                    owners += by_stadium.get((code, fold(name)), [])
                for club_name in stadium.clubs:
                    club = self.resolve(code, club_name)
                    if club is not None and id(club) in self.bound:
                        owners.append(self.teams[self.bound[id(club)]])
                for team in owners:
                    team["stadiums"].extend(names)
                    src = "openfootball-clubs " + self.rel(path).split("/", 1)[1]
                    if src not in team["sources"]:
                        team["sources"].append(src)

    def load_nationals(self) -> None:
        """National teams from results.csv (FIFA-recognised tournaments)."""
        conf = self.manual["national"]
        path = self.results / "international_results" / "results.csv"
        codes: dict[str, str] = conf["codes"]
        for name in sorted(parse_national_teams(path, conf["since"], conf["tournament_regex"])):
            code = codes.get(name)
            if code is None:
                self.warn(f"national: no country code for {name!r}")
                code = "???"
            self.new_team(name, "national", code, "international_results results.csv")

    # -- manual -----------------------------------------------------------

    def apply_manual(self) -> None:
        """Merge hand-written knowledge from the manual file."""
        for name, entry in sorted(self.manual["teams"].items()):
            team = self.teams.get(name)
            if team is None:
                if "kind" not in entry or "country" not in entry:
                    self.warn(f"manual: {name!r} is not in the sources and has no kind/country")
                    continue
                team = self.new_team(name, entry["kind"], entry["country"], "by hand")
            for key in ("kind", "country", "city"):
                if key in entry:
                    team[key] = entry[key]
            for key in LIST_FIELDS:
                team[key].extend(entry.get(key, []))
            drops = {fold(d) for d in entry.get("drop", [])}
            for key in ("aliases", "nicknames", "stadiums"):
                team[key] = [x for x in team[key] if fold(x) not in drops]
            team["managers"].extend(entry.get("managers", []))
            note = entry.get("source")
            if note:
                team["sources"].append(note)
            elif any(k in entry for k in (*LIST_FIELDS, "managers")) and "by hand" not in team["sources"]:
                team["sources"].append(self.manual_note(entry))
        for name in self.manual.get("exclude", []):
            if self.teams.pop(name, None) is None:
                self.warn(f"manual: excluded team {name!r} not found")

    @staticmethod
    def manual_note(entry: dict[str, Any]) -> str:
        """Describe which fields of a manual entry were written by hand."""
        parts = [k for k in ("aliases", "nicknames", "weak", "stadiums", "managers") if entry.get(k)]
        return (", ".join(parts) or "fields") + " by hand"

    # -- validation -------------------------------------------------------

    def normalise(self) -> None:
        """Deduplicate lists, keep names out of their own lists, weak wins."""
        for team in self.teams.values():
            weak = {fold(w) for w in team["weak"]}
            own = fold(team["name"])
            for key in ("aliases", "nicknames"):
                team[key] = [x for x in team[key] if fold(x) not in weak and fold(x) != own]
            alias_keys = {fold(a) for a in team["aliases"]}
            team["nicknames"] = [n for n in team["nicknames"] if fold(n) not in alias_keys]
            for key in LIST_FIELDS:
                team[key] = dedupe(x.strip() for x in team[key] if x and x.strip())

    def validate(self) -> None:
        """Unique names; strong names shared by two teams become weak for both."""
        names: dict[str, str] = {}
        for name in self.teams:
            if fold(name) in names:
                raise SystemExit(f"duplicate team name: {name!r} / {names[fold(name)]!r}")
            names[fold(name)] = name
        owners: dict[str, set[str]] = {}
        for team in self.teams.values():
            for key in ("aliases", "nicknames"):
                for alias in team[key]:
                    owners.setdefault(fold(alias), set()).add(team["name"])
        for key, teams in sorted(owners.items()):
            owner = names.get(key)
            if owner is not None:
                clash = set(teams) - {owner}
                if not clash:
                    continue
                self.warn(f"conflict: {key!r} is the name of {owner!r}; "
                          f"demoted to weak for {sorted(clash)}")
            elif len(teams) < 2:
                continue
            else:
                clash = set(teams)
                self.warn(f"conflict: {key!r} shared by {sorted(clash)}; demoted to weak")
            for name in clash:
                team = self.teams[name]
                hit = [a for a in team["aliases"] + team["nicknames"] if fold(a) == key]
                team["aliases"] = [a for a in team["aliases"] if fold(a) != key]
                team["nicknames"] = [a for a in team["nicknames"] if fold(a) != key]
                team["weak"] = dedupe(team["weak"] + hit)
        for team in self.teams.values():
            for key in LIST_FIELDS:
                if any(not x.strip() for x in team[key]):
                    raise SystemExit(f"empty {key} entry in {team['name']!r}")
            for manager in team["managers"]:
                for part in ("from", "to"):
                    value = manager.get(part)
                    if value is not None and not re.fullmatch(r"\d{4}-\d{2}", value):
                        raise SystemExit(f"bad date {value!r} for {team['name']!r}")

    # -- output -----------------------------------------------------------

    def build(self) -> dict[str, Any]:
        """Run every step and return the JSON document."""
        self.load_clubs()
        self.load_england()
        self.load_champions_league()
        self.load_included_clubs()
        self.load_stadiums()
        self.load_nationals()
        self.apply_manual()
        self.normalise()
        self.validate()
        teams = []
        for team in sorted(self.teams.values(), key=lambda t: (fold(t["name"]), t["name"])):
            managers = sorted(team["managers"], key=lambda m: (m.get("from") or "", m["name"]))
            teams.append({
                "name": team["name"],
                "kind": team["kind"],
                "country": team["country"],
                "aliases": team["aliases"],
                "nicknames": team["nicknames"],
                "weak": team["weak"],
                "stadiums": team["stadiums"],
                "city": team["city"],
                "managers": [{"name": m["name"], "from": m.get("from"), "to": m.get("to")}
                             for m in managers],
                "divisions": dict(sorted(team["divisions"].items())),
                "source": "; ".join(team["sources"]),
            })
        return {"source_note": self.manual["source_note"], "teams": teams}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS,
                        help="the shared corpus 'results' folder")
    parser.add_argument("--manual", type=Path, default=DEFAULT_MANUAL)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    manual = json.loads(args.manual.read_text(encoding="utf-8"))
    builder = Builder(args.results.resolve(), manual)
    document = builder.build()
    text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    args.out.write_text(text, encoding="utf-8")
    for message in builder.warnings:
        sys.stderr.write(message + "\n")
    counts: dict[str, int] = {}
    for team in document["teams"]:
        counts[team["kind"]] = counts.get(team["kind"], 0) + 1
    sys.stderr.write(f"wrote {args.out} ({len(text.encode())} bytes): {counts}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
