"""Synthetic page furniture inserted into training pages, so the text model sees the news-page furniture
that the extraction pages hold too rarely: in-article promos ("READ: <headline>"), photo captions with
credits, image alt text under the headline, share and comment widgets, newsletter prompts, related-story
lists and taxonomy lines. Templates are written for this project; the headlines and caption subjects are
words taken from other training pages, so the model cannot learn the furniture from its topic.
"""

from __future__ import annotations

import random
import re

PROMO_PREFIXES = (
    "READ:",
    "READ MORE:",
    "Read more:",
    "Related:",
    "RELATED:",
    "See also:",
    "Also read:",
    "Read also:",
    "WATCH:",
    "Watch:",
    "LISTEN:",
    "MORE:",
    "Recommended:",
    "Don't miss:",
    "Opinion:",
    "Explainer:",
)
AGENCIES = (
    "Reuters",
    "AFP",
    "Getty Images",
    "AP",
    "EPA",
    "Anadolu Agency",
    "Xinhua",
    "Shutterstock",
    "Bloomberg",
    "Alamy",
    "NurPhoto",
    "SOPA Images",
    "Pool",
    "Sputnik",
    "TASS",
    "DPA",
    "ANSA",
    "Wikimedia Commons",
    "iStock",
    "ZUMA Press",
    "EFE",
    "Kyodo",
    "PA Images",
    "Bloomberg via Getty Images",
)
FIRST = (
    "Anna",
    "Omar",
    "Li",
    "Maria",
    "John",
    "Fatima",
    "Ivan",
    "Sara",
    "Ahmet",
    "Jean",
    "Priya",
    "Kofi",
    "Elena",
    "Hassan",
    "Tomás",
    "Yuki",
    "Chloe",
    "Ali",
    "Nadia",
    "Pedro",
)
LAST = (
    "Kowalski",
    "Haddad",
    "Wei",
    "Santos",
    "Miller",
    "Nasser",
    "Petrov",
    "Cohen",
    "Yilmaz",
    "Dubois",
    "Sharma",
    "Mensah",
    "Rossi",
    "Karimi",
    "García",
    "Tanaka",
    "Martin",
    "Hussein",
    "Novak",
    "Silva",
)
CAPTION_FORMS = (
    "{frag} [{name}/{agency}]",
    "{frag} ({agency})",
    "{frag}. Photo: {agency}",
    "Photo: {name}/{agency}",
    "{frag} | Photo: {name}",
    "Image: {agency}",
    "{frag} (Photo by {name}/{agency})",
    "{frag} - {agency}",
    "{frag}. (Image credit: {agency})",
    "{frag} [File photo: {agency}]",
    "File photo: {frag}",
    "{frag} Credit: {name}/{agency}",
    "Featured image: {frag}",
)
WIDGETS = (
    "Share this article",
    "Share on Facebook",
    "Share on Twitter",
    "Tweet",
    "Email",
    "Print",
    "Share",
    "Show Comments ({n})",
    "{n} Comments",
    "Leave a comment",
    "Post a comment",
    "Comments are closed.",
    "Leave a Reply",
    "Cancel reply",
    "Post Comment",
    "Add a comment",
    "Join the conversation",
    "Your email address will not be published. Required fields are marked *",
    "Name *",
    "Email *",
    "Website",
    "Comment *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Sign up for our daily newsletter",
    "Subscribe to our newsletter",
    "Get the latest news in your inbox",
    "Follow us on Twitter",
    "Follow us on Telegram",
    "Like us on Facebook",
    "Click here to subscribe",
    "Support independent journalism",
    "Donate",
    "Advertisement",
    "ADVERTISEMENT",
    "Sponsored",
    "Copy link",
    "Link copied",
    "Listen to this article",
    "{n} min read",
    "Reading time: {n} minutes",
)
RELATED_HEADERS = (
    "You May Also Like",
    "Related Articles",
    "Related Stories",
    "More from this section",
    "Most Read",
    "Trending Now",
    "Recommended",
    "Read Next",
    "More Stories",
    "Latest News",
    "Popular Posts",
    "Also on this site",
)
TAXONOMY = (
    "Tags: {a}, {b}, {c}",
    "Topics: {a}, {b}",
    "Filed under: {a}",
    "Categories: {a} / {b}",
    "Section: {a}",
    "Keywords: {a}, {b}, {c}",
    "Region: {a}",
    "Theme: {a}, {b}",
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def _fragment(rng: random.Random, pool: list[str], lo: int, hi: int) -> str:
    words = rng.choice(pool).split()
    start = rng.randrange(max(1, len(words) - lo))
    frag = " ".join(words[start : start + rng.randint(lo, hi)]).rstrip(".,;:")
    return frag[:1].upper() + frag[1:]


def _headline(rng: random.Random, pool: list[str]) -> str:
    frag = _fragment(rng, pool, 5, 12)
    return frag.title() if rng.random() < 0.4 else frag


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def furniture(rng: random.Random, pool: list[str], *, lead: str = "") -> tuple[str, list[str]]:
    """One synthetic furniture group: (where it goes: "title"|"body"|"end", its lines).

    ``lead`` is the page's first article block (its headline, usually): image alt text under a
    headline tends to repeat its words.
    """
    kind = rng.choice(("promo", "promo", "caption", "caption", "alt", "widget", "related", "taxonomy"))
    if kind == "promo":
        return "body", [f"{rng.choice(PROMO_PREFIXES)} {_headline(rng, pool)}"]
    if kind == "caption":
        form = rng.choice(CAPTION_FORMS)
        line = form.format(frag=_fragment(rng, pool, 6, 18), name=_name(rng), agency=rng.choice(AGENCIES))
        return rng.choice(("title", "body")), [line]
    if kind == "alt":
        words = _WORD.findall(lead if lead and rng.random() < 0.7 else rng.choice(pool))
        start = rng.randrange(max(1, len(words) - 3))
        alt = " ".join(words[start : start + rng.randint(1, 4)])
        return "title", [alt.lower() if rng.random() < 0.5 else alt]
    if kind == "widget":
        lines = [rng.choice(WIDGETS).format(n=rng.randint(0, 40)) for _ in range(rng.randint(1, 4))]
        return rng.choice(("body", "end", "end")), lines
    if kind == "related":
        lines = [rng.choice(RELATED_HEADERS)]
        for _ in range(rng.randint(2, 5)):
            lines.append(_headline(rng, pool))
            if rng.random() < 0.5:
                lines.append(_fragment(rng, pool, 10, 18) + " ...")
        return "end", lines
    words = [w.lower() if rng.random() < 0.5 else w for w in _WORD.findall(rng.choice(pool))[:3]] or ["news"]
    while len(words) < 3:
        words.append(words[0])
    return rng.choice(("title", "end")), [rng.choice(TAXONOMY).format(a=words[0], b=words[1], c=words[2])]
