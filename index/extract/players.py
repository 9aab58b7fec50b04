"""Personal names in the report, one entry per person.

A name is a run of capitalised words that is not a team, competition or
stadium phrase and not a sentence-opening common word. Within a report the
short forms join the full name they belong to: "Lautaro Martinez",
"Lautaro" and "Martinez" are one player, and "Samir Handanovic's" is
Handanovic. Managers (a name right after "manager", "boss", "coach", or a
name the team book lists as one) are kept apart from players.
"""
from __future__ import annotations

import re
from typing import Any

from .. import knowledge
from ..normalise import Article
from ..record import Facts, Player, Span
from .pipeline import stage

PARTICLE = r"(?:van der|van den|van de|van|von|de la|de|del|della|da|dos|das|do|di|du|le|la|el|al|bin|ter|ten|mac)"
WORD = r"[A-Z][a-z\u00c0-\u024f]*(?:['\-][A-Z]?[a-z\u00c0-\u024f]+)*"
NAME = re.compile(rf"(?<![\w'])(?:[A-Z]\. ?)?{WORD}(?: (?:{PARTICLE} )?{WORD}){{0,3}}(?:'s?)?(?![\w])")
MANAGER_CUE = re.compile(r"\b(?:manager|boss|coach|head coach|gaffer|chairman|owner|referee|ref|"
                         r"assistant|director)\s+$", re.IGNORECASE)
NOT_NAMES = frozenset(knowledge.strip_accents(w) for w in """
The A An And But As At In On Of For From With By To Into After Before During While When Where Who What
Why How This That These Those There Then Than It Its He She His Her They Their We Our You Your I If
Despite Although Though However Meanwhile Once Again Still Yet So Both Either Neither All Some Many One Two
Three Four Five Six Seven Eight Nine Ten Half Second First Third Last Next Another Other Such Only Even
Just Also Not No Yes Sir Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February March April May June July August September October November December Goals Goal Subs Booked
Att Ref Referee Sent Off Manager Boss Coach Captain Keeper Goalkeeper Striker Defender Midfielder Winger
League Cup Premier Premiership Championship Division Final Semi Quarter Round Group Stage Match Game
Stadium Park Road Lane Ground Arena Report Player Players Fans Supporters Club Team Side United City Town
Rovers Athletic County Wanderers Albion Village Palace Forest Olympic English British European World
International National Football Soccer FA UEFA FIFA VAR BBC Sky Sport Sports Press Association PA
Getty Images Reuters Photo Image Video Watch Read More Share Follow Subscribe Advertisement Up Down
Now Here Well Like Having Being Could Would Should Might Must Can Will Did Does Do Is Are Was Were Be
Has Had Have Get Got Make Made Take Took Give Gave Let Put Set See Saw Look Looked Come Came Go Went
Everything Nothing Something Anything Everyone Nobody Somebody Anybody Every Each Few Most Much More
Less Least Best Better Worst Worse Good Great Big Little Long Short High Low Early Late Young Old New
Full Time Extra Injury Stoppage Penalty Penalties Free Kick Corner Cross Shot Header Save Red Yellow Card
""".split())


@stage("players")
def players(article: Article, facts: Facts) -> dict[str, Any]:
    text = article.fold
    blocked = _blocked_spans(article)
    mentions: list[tuple[str, Span, str]] = []
    for m in NAME.finditer(text):
        start, end = m.span()
        raw = m.group(0)
        if raw.endswith("'s"):
            raw, end = raw[:-2], end - 2
        elif raw.endswith("'"):
            raw, end = raw[:-1], end - 1
        words = raw.split(" ")
        while words and knowledge.strip_accents(words[0]) in NOT_NAMES:
            start += len(words[0]) + 1
            words = words[1:]
        while words and knowledge.strip_accents(words[-1]) in NOT_NAMES:
            end -= len(words[-1]) + 1
            words = words[:-1]
        if not words or any(b0 < end and start < b1 for b0, b1 in blocked):
            continue
        name = " ".join(words)
        if len(name) < 3 or name.isupper():
            continue
        role = "manager" if MANAGER_CUE.search(text[max(0, start - 25):start]) else "player"
        mentions.append((name, (start, end), role))
    return {"players": tuple(cluster(mentions))}


def _blocked_spans(article: Article) -> list[Span]:
    """Spans that name teams, competitions or stadiums, which are not people."""
    spans = [(h.start, h.end) for h in knowledge.teams().find(article.fold)
             if h.strength != "manager"]
    spans += [(s, e) for _, s, e in knowledge.competitions().find(article.fold)]
    return spans


def cluster(mentions: list[tuple[str, Span, str]]) -> list[Player]:
    """Join short forms to the full names they belong to, in order of first mention."""
    full: dict[str, list[Span]] = {}
    roles: dict[str, str] = {}
    for name, span, role in mentions:
        full.setdefault(name, []).append(span)
        if role == "manager":
            roles[name] = "manager"
    names = sorted(full, key=lambda n: -len(n.split()))
    owner: dict[str, str] = {}
    for name in names:
        parts = name.split(" ")
        if len(parts) > 1:
            owner[name] = name
            continue
        longer = [n for n in names if n != name and len(n.split()) > 1
                  and (n.split(" ")[-1] == name or n.split(" ")[0] == name)]
        owner[name] = longer[0] if len(set(longer)) == 1 else name
    merged: dict[str, list[Span]] = {}
    for name, spans in full.items():
        merged.setdefault(owner[name], []).extend(spans)
    out = []
    for name, spans in sorted(merged.items(), key=lambda kv: min(kv[1])):
        role = "manager" if any(roles.get(n) == "manager" for n in full if owner[n] == name) else "player"
        out.append(Player(name=name, role=role, spans=tuple(sorted(spans))))
    return out
