"""Entities and their mentions in one parsed article, canonicalised within it and across articles.

Candidates come from two places: spaCy's named entities, and a scan of the tokens for spellings the
alias table knows (spaCy misses "IS", splits "Deir ez-Zor", calls "SANA" a person). Overlaps keep the
longer name, except that a known person at the end of a mislabelled span ("Secretary of State
Tillerson" read as the organisation "State Tillerson") keeps the person.

Each mention then links to one entity:

* a spelling the table knows links to its entity, whatever spaCy's label (the table's type wins);
* names the table does not know are grouped within the article: same key (case, hyphens, "al-",
  transliteration), an acronym defined in parentheses or equal to the initials of a name in the article,
  a person's surname after their full name, and one edit apart for long names;
* a metonym ("Washington", "Moscow", "the Kremlin", "the Pentagon") links to the state or institution it
  stands for when it acts as one, and to the place otherwise (a capital with no row of its own becomes a
  place entity of that name). It acts when it is the subject or agent of a verb ("Washington said",
  "accused by Damascus"), a possessor of something that is not a place ("Washington's support"), the
  object of a verb that is not about a place ("threaten Damascus"), the object of a preposition that
  relates actors ("ties with Moscow", "pressure on Beijing", "demands to Washington", "a message from
  Moscow"), or a modifier of an agent's noun ("a Pentagon spokesperson", "Kremlin critics"). It is a
  place after locative prepositions ("talks in Moscow", "reporters in the Pentagon"), after verbs of
  motion or assault ("flew to Moscow", "shelled Damascus"), with place nouns ("Damascus countryside",
  "Managua's airport", "London-based") and whenever none of the above holds. "The Syrian government",
  "Syria's government" and "the government of Syria" are one mention of Syria: a state's entity stands
  for the state as an actor, and demonyms ("Syrian", "Americans") name the state too.

An entity's id is a hash of its canonical key, so the same actor gets the same id in every article with no
corpus pass. For an entity the table knows, the key is its type and the key of its canonical name. For a
name the table does not know, the key is the key of the fullest name the article uses, without the type:
spaCy labels such names inconsistently from one article to the next ("Khan Sheikhoun" a person here, a
place there), and an id must not depend on that; the ``type`` field still says what most mentions were
labelled. Names made only of generic words ("the Foreign Ministry", "the army") name a different body
in each article, so their id also carries the article id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from newsledger.ids import record_id
from newsledger.language.entities.aliases import (
    AliasEntry,
    AliasTable,
    KnownEntity,
    default_aliases,
    plain_form,
)
from newsledger.language.entities.keys import edit_distance, fold, join_key, name_key, word_key
from newsledger.language.stems import word_stem
from newsledger.records import Entity, Mention


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _stems(text: str) -> frozenset[str]:
    return frozenset(word_stem(w) for w in text.split())


LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "other",
    "LAW": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
}
_NAME_LABELS = frozenset(LABEL_TYPES)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
TITLES = _words(
    """president vice prime minister secretary general gen lt lieutenant col colonel maj major capt captain
    sgt sergeant adm admiral commander cmdr brig brigadier marshal chief king queen prince princess crown
    sheikh sheik emir ayatollah imam mullah pope cardinal bishop rabbi father chancellor senator sen rep
    representative governor gov mayor ambassador envoy spokesman spokeswoman spokesperson mr mrs ms dr prof
    professor judge justice sayyed sayyid hajj comrade deputy acting former late supreme leader foreign
    defense defence interior state us u.s. uk russian syrian analyst"""
)
"""Words a person's name can be introduced with; stripped from the start of a person span."""
GENERIC_WORDS = _words(
    """foreign defence defense interior justice health finance economy ministry ministries minister
    department office army navy air force forces police military government presidency parliament council
    court supreme national federal state states security intelligence agency service services committee
    commission affairs central bank election electoral armed joint staff chief chiefs general high command
    coalition regime administration authority authorities opposition resistance rebels marines guard guards
    republic union party front movement charter house senate congress assembly cabinet prime president
    secretary spokesman embassy consulate border people allied western eastern northern southern local
    regional provincial municipal city town village region province district headquarters operation
    operations unit units division brigade battalion corps special task of and the for on in to"""
)
"""Words that name an institution only together with a country: a name of these alone is local to an article."""
_COMPASS = frozenset({"n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"})
_COMMON_WORDS = _words(
    """is us who it as at on no or in an am be do go me my so up we all can one he of to are was has had
    now new out its man may aid art arm ask far"""
)
"""Acronyms that are also English words: "IS" names the group only where the text cannot be the verb."""
_VERB_LIKE = _words("is are was has had am be do can may go")
_AFTER_VERB = _words("DT PDT JJ JJR JJS VBN VBG RB RBR IN TO PRP PRP$ CD EX")
"""Tags of words that follow a verb rather than a subject: "IS the", "IS clear", "IS planning"."""
GOVERNMENT_NOUNS = frozenset(
    {"government", "regime", "administration", "authorities", "cabinet", "leadership"}
)
_LOCATIVE = _words(
    """in at near outside inside around across into through within throughout toward towards over under
    beyond via past along off onto upon"""
)
_PLACE_VERBS = _stems(
    """visit enter capture seize bomb shell attack reach leave besiege storm hit strike target surround
    evacuate liberate occupy tour recapture retake encircle fly flew flown travel arrive return move flee
    fled head march advance land relocate left struck went came took taken seized"""
)
_PLACE_NOUNS = _stems(
    """airport street streets countryside suburb suburbs outskirts district province area region city centre
    center university hospital port mosque square metro residents resident neighbourhood neighborhood
    skyline building buildings road highway people population citizens visit trip capital prison hotel
    market stadium mall park station studio parish based mayor police governor south north east west
    southeast southwest northeast northwest heart downtown quarter outskirts river bridge"""
)
"""Nouns that make the place a place: "Damascus countryside", "the streets of Moscow", "London-based"."""
_AGENT_NOUNS = _stems(
    """spokesman spokeswoman spokesperson spokespeople official officials government administration
    secretary adviser advisers advisor advisors aide aides staff chief counsel minister ministers
    leadership position policy policies support decision sanctions pressure statement response demands
    demand accusation accusations claim claims strategy ally allies regime authorities diplomat diplomats
    envoy negotiator negotiators leader leaders source sources bureaucrat bureaucrats critic critics
    insider insiders order orders stance approach line backing opposition refusal approval objection
    objections announcement warning warnings threat threats offer proposal plan plans move decision"""
)
"""Nouns a seat of government modifies as the government: "a Pentagon spokesperson", "Kremlin critics"."""
_ADDRESS_NOUNS = _AGENT_NOUNS | _stems(
    """message messages letter call calls request requests signal response demand demands pressure support
    aid help warning warnings threat threats offer reply answer order orders appeal appeals ultimatum note
    protest complaint proposal loyalty allegiance opposition challenge overture overtures"""
)
"""Nouns a state is addressed by or through: "demands to Washington", "a message from Moscow"."""
_RELATION_NOUNS = _stems(
    """ties relations relationship talks tensions tension agreement deal dialogue rift dispute war conflict
    standoff rapprochement cooperation partnership alliance negotiations summit contacts"""
)
_SCAN_STOP = frozenset({".", "!", "?", ";", ":", "(", ")", "[", "]", '"', "“", "”", "—", "«", "»", "|"})
_NAME_PARTICLES = frozenset(
    {"of", "the", "and", "for", "de", "du", "des", "la", "le", "al", "el", "on", "in", "&"}
)
_LOWER_PARTICLES = frozenset(
    {"al", "el", "ad", "ash", "as", "at", "az", "ar", "an", "bin", "ibn", "de", "von", "van", "da", "di"}
)
"""Lower-case words that can begin a name ("al-Nusra", "de Mistura"); other lower-case words cannot."""
_FUZZY_MIN = 8
UNKNOWN_KIND = "name"
"""What an entity the alias table does not know hashes in place of its type (see the module docstring)."""


@dataclass(slots=True)
class _Candidate:
    start: int
    """Token index of the first token."""
    end: int
    """Token index after the last token."""
    label: str | None
    entry: AliasEntry | None = None
    metonym: AliasEntry | None = None
    scanned: bool = False


class _Groups:
    """Groups of mentions that name one entity, joined as evidence comes in (union-find).

    A group may be bound to a known entity; two groups bound to different known entities never join.
    """

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.known: list[KnownEntity | None] = []
        self._known_groups: dict[tuple[str, str], int] = {}

    def new(self, known: KnownEntity | None = None) -> int:
        self.parent.append(len(self.parent))
        self.known.append(known)
        return len(self.parent) - 1

    def of_known(self, entity: KnownEntity) -> int:
        ident = (entity.type, entity.name)
        if ident not in self._known_groups:
            self._known_groups[ident] = self.new(entity)
        return self._known_groups[ident]

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.known[ra] is not None and self.known[rb] is not None:
            return
        if self.known[rb] is not None:
            ra, rb = rb, ra
        self.parent[rb] = ra

    def known_of(self, x: int) -> KnownEntity | None:
        return self.known[self.find(x)]


def entities_in_doc(
    doc: Any, *, article_id: str, aliases: AliasTable | None = None
) -> tuple[list[Entity], list[Mention]]:
    """The entities an article mentions and every mention, with offsets into the article's text.

    ``doc`` is the spaCy parse of the article's clean text (its character offsets are the article's).
    ``aliases`` defaults to the packaged table plus ``NEWSLEDGER_ALIASES``. Entities are sorted by id and
    mentions by offset, so the output is deterministic.
    """
    table = aliases if aliases is not None else default_aliases()
    resolver = _Resolver(doc, table, article_id)
    return resolver.run()


class _Resolver:
    def __init__(self, doc: Any, table: AliasTable, article_id: str) -> None:
        self.doc = doc
        self.table = table
        self.article_id = article_id
        self.text: str = doc.text
        self.sentences = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
        self.parsed = doc.has_annotation("DEP")

    # --- candidates -------------------------------------------------------------------------------

    def run(self) -> tuple[list[Entity], list[Mention]]:
        ner = self._ner_candidates()
        scanned = self._scan()
        chosen = self._choose(ner + scanned)
        chosen.extend(self._initialisms(chosen))
        chosen.sort(key=lambda c: c.start)
        return self._link(chosen)

    def _span_text(self, start: int, end: int) -> str:
        doc = self.doc
        return self.text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1].text)]

    def _ner_candidates(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        doc = self.doc
        for ent in doc.ents:
            label = ent.label_
            if label not in _NAME_LABELS:
                continue
            start, end = ent.start, ent.end
            for k in range(start, end):
                if doc[k].is_space or "\n" in doc[k].whitespace_:
                    end = k + (0 if doc[k].is_space else 1)  # a name never runs across a line break
                    break
            # "the Islamic State", "anti-American", "intra-Kurdish": the name starts at its first capital.
            while start < end and (
                doc[start].lower_ in _DETERMINERS
                or doc[start].is_punct
                or (doc[start].is_lower and doc[start].lower_ not in _LOWER_PARTICLES)
            ):
                start += 1
            if label == "PERSON":
                while end - start > 1 and (doc[start].lower_.rstrip(".") in TITLES or doc[start].is_punct):
                    start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].text in _POSSESSIVE):
                end -= 1
            if start >= end:
                continue
            text = self._span_text(start, end)
            if not any(ch[:1].isupper() or ch[:1].isdigit() for ch in text.replace("-", " ").split()):
                continue
            folded = fold(text)
            if end - start == 1 and (folded in GENERIC_WORDS or folded in _COMPASS):
                continue
            cand = _Candidate(start, end, label)
            cand.entry, cand.metonym = self.table.lookup(text)
            if (
                label == "PERSON"
                and cand.entry is not None
                and cand.entry.entity.type != "person"
                and cand.entry.plain != plain_form(text)
            ):
                cand.entry = None  # a person's name that only folds onto a place's or group's spelling
            if cand.entry is None and cand.metonym is None:
                fuzzy = {e.entity: e for e in self.table.fuzzy(name_key(text))}
                if len(fuzzy) == 1:
                    cand.entry = next(iter(fuzzy.values()))
            if cand.entry is not None and cand.entry.acronym and not self._names_not_word(cand, cand.entry):
                cand.entry = None
            if (
                cand.entry is None
                and cand.metonym is None
                and label == "NORP"
                and end - start == 1
                and doc[start].tag_ == "NNP"
                and doc[start].dep_ in ("nsubj", "nsubjpass")
            ):
                # spaCy reads some surnames as nationalities ("Mattis told reporters"); a singular proper noun
                # that nothing knows as a people and that acts as a subject is a person.
                cand.label = "PERSON"
            out.append(cand)
        return out

    def _scan(self) -> list[_Candidate]:
        """Spellings from the table anywhere in the text, longest first at each token."""
        doc = self.doc
        table = self.table
        prefixes = table.prefixes
        n = len(doc)
        out: list[_Candidate] = []
        for i in range(n):
            token = doc[i]
            first = token.text[:1]
            if not (first.isupper() or first.isdigit()):
                continue
            part = word_key(token.text)
            if not part or join_key((part,)) not in prefixes:
                continue
            raw = part
            words = 1
            best: tuple[int, AliasEntry | None, AliasEntry | None] | None = None
            j = i
            content = True
            while True:
                key = join_key((raw,))
                if content and table.entries(key):
                    entry, metonym = table.lookup(self._span_text(i, j + 1), key=key)
                    if entry is not None or metonym is not None:
                        best = (j + 1, entry, metonym)
                j += 1
                if j >= n or words >= table.max_words:
                    break
                nxt = doc[j]
                if nxt.is_space or nxt.text in _SCAN_STOP or "\n" in doc[j - 1].whitespace_:
                    break
                piece = word_key(nxt.text)
                content = bool(piece)
                if piece:
                    raw += piece
                    words += 1
                    if join_key((raw,)) not in prefixes:
                        break
            if best is None:
                continue
            end, entry, metonym = best
            start = self._article_start(i)
            cand = _Candidate(start, end, None, entry, metonym, scanned=True)
            chosen_entry = entry or metonym
            assert chosen_entry is not None
            if chosen_entry.acronym and not self._names_not_word(cand, chosen_entry):
                continue
            if (
                end - i == 1
                and not chosen_entry.acronym
                and self.sentences
                and token.is_sent_start
                and not token.ent_type_
            ):
                # A capitalised word opening a sentence may be an ordinary word ("Guardian angels"): only
                # when spaCy also reads it as a name.
                continue
            out.append(cand)
        return out

    def _article_start(self, i: int) -> int:
        """Include an Arabic article written before the name: "al-Tanf", "Al Tanf"."""
        doc = self.doc
        if (
            i >= 2
            and doc[i - 1].text == "-"
            and doc[i - 2].lower_ in ("al", "el")
            and not doc[i - 2].whitespace_
        ):
            return i - 2
        if i >= 1 and doc[i - 1].lower_ in ("al", "el") and doc[i - 1].text[:1].isupper():
            return i - 1
        return i

    def _names_not_word(self, cand: _Candidate, entry: AliasEntry) -> bool:
        """Whether an acronym that is also an English word ("IS", "US", "WHO") is a name here."""
        if fold(entry.form).replace(".", "") not in _COMMON_WORDS or cand.end - cand.start != 1:
            return True
        return self._word_is_name(cand.start)

    def _word_is_name(self, i: int) -> bool:
        """Whether token ``i``, a capitalised English word ("IS", "US"), is used as a name.

        In shouted text ("THE US IS PLANNING") only spaCy's reading counts. Elsewhere a verb-like word is
        the verb after a pronoun ("This IS the moment") or before what follows a verb ("IS clear", "IS
        not", "IS planning"); it is a name after a preposition or article ("against IS") or before a verb,
        a modal or a noun ("IS could resurface", "IS fighters").
        """
        doc = self.doc
        token = doc[i]
        if self._caps_context(i):
            return token.ent_type_ in _NAME_LABELS
        prev = doc[i - 1] if i > 0 else None
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if token.lower_ in _VERB_LIKE:
            if nxt is not None and nxt.tag_ in ("MD", "VBD", "VBZ", "VBP"):
                return True  # a verb follows: the word is its subject ("that IS did not resurface")
            if prev is not None and prev.pos_ == "PRON" and prev.dep_ != "mark":
                return False
            if prev is not None and prev.pos_ in ("ADP", "DET", "CCONJ") and prev.dep_ != "mark":
                return True
            if nxt is not None and (nxt.tag_ in _AFTER_VERB or nxt.lower_ in ("not", "n't")):
                return False
        if token.ent_type_ in _NAME_LABELS:
            return True
        if prev is not None and prev.pos_ == "PRON" and prev.dep_ != "mark":
            return False
        if prev is not None and prev.pos_ in ("ADP", "DET", "CCONJ") and prev.dep_ != "mark":
            return True
        if nxt is None or nxt.is_punct or nxt.is_space:
            return True
        return nxt.tag_ in ("MD", "VBD", "VBZ", "VBP", "NN", "NNS", "NNP", "NNPS", "POS")

    def _caps_context(self, i: int) -> bool:
        """Whether the words around token ``i`` are all written in capitals (a shouted headline)."""
        doc = self.doc
        seen = 0
        for j in (*range(i - 1, max(i - 4, -1), -1), *range(i + 1, min(i + 4, len(doc)))):
            word = doc[j].text
            if not word.isalpha() or len(word) < 2:
                continue
            if not word.isupper():
                return False
            seen += 1
        return seen >= 2

    def _choose(self, candidates: list[_Candidate]) -> list[_Candidate]:
        """Non-overlapping candidates: the longer name wins, a known person ends a mislabelled span."""
        persons_at_end = {
            c.end: c.start
            for c in candidates
            if c.scanned and c.entry is not None and c.entry.entity.type == "person"
        }
        kept: list[_Candidate] = []
        for c in candidates:
            if not c.scanned and c.label != "PERSON" and persons_at_end.get(c.end, c.start) > c.start:
                continue
            kept.append(c)
        # Same extent from both sources: one candidate with spaCy's label and the table's entries.
        by_extent: dict[tuple[int, int], _Candidate] = {}
        for c in kept:
            old = by_extent.get((c.start, c.end))
            if old is None:
                by_extent[(c.start, c.end)] = c
            else:
                old.label = old.label or c.label
                old.entry = old.entry or c.entry
                old.metonym = old.metonym or c.metonym
                old.scanned = old.scanned and c.scanned
        ordered = sorted(by_extent.values(), key=lambda c: (c.start - c.end, c.scanned, c.start))
        taken = [False] * (len(self.doc) + 1)
        chosen: list[_Candidate] = []
        for c in ordered:
            if any(taken[c.start : c.end]):
                continue
            for k in range(c.start, c.end):
                taken[k] = True
            chosen.append(c)
        return chosen

    def _initialisms(self, chosen: list[_Candidate]) -> list[_Candidate]:
        """Capitalised acronyms spaCy did not mark, that spell the initials of a name in the article."""
        doc = self.doc
        taken = {k for c in chosen for k in range(c.start, c.end)}
        initials = {_initials(self._span_text(c.start, c.end)) for c in chosen if c.end - c.start >= 2}
        initials.discard("")
        if not initials:
            return []
        out: list[_Candidate] = []
        for i, token in enumerate(doc):
            word = token.text
            if i in taken or not (2 <= len(word) <= 8 and word.isalpha() and word.isupper()):
                continue
            if word in initials and not self._caps_context(i):
                if word.lower() in _COMMON_WORDS and not self._word_is_name(i):
                    continue
                out.append(_Candidate(i, i + 1, "ORG"))
        return out

    # --- linking ----------------------------------------------------------------------------------

    def _link(self, chosen: list[_Candidate]) -> tuple[list[Entity], list[Mention]]:
        doc = self.doc
        spans: list[tuple[int, int]] = [(c.start, c.end) for c in chosen]
        names: list[str] = [self._span_text(c.start, c.end) for c in chosen]
        groups = _Groups()
        node_of: list[int] = []
        by_key: dict[str, int] = {}
        types: list[str | None] = []
        for index, c in enumerate(chosen):
            label_type = LABEL_TYPES.get(c.label or "")
            target: KnownEntity | None = None
            if c.metonym is not None and self._acts_as_government(c):
                target = c.metonym.entity
            elif c.entry is not None:
                target = c.entry.entity
            if target is not None:
                node_of.append(groups.of_known(target))
                types.append(target.type)
                continue
            if c.metonym is not None:
                label_type = "place"
            key = name_key(names[index])
            existing = by_key.get(key)
            if existing is None:
                existing = groups.new()
                by_key[key] = existing
            node_of.append(existing)
            types.append(label_type)

        self._link_acronyms(chosen, names, node_of, groups)
        self._link_surnames(chosen, names, types, node_of, groups)
        self._link_fuzzy(by_key, groups)

        # Groups of mentions, then one entity per group.
        members_of: dict[int, list[int]] = {}
        for index in range(len(chosen)):
            members_of.setdefault(groups.find(node_of[index]), []).append(index)
        entities: list[Entity] = []
        mentions: list[Mention] = []
        for root, members in members_of.items():
            known = groups.known[root]
            if known is not None:
                name, kind = known.name, known.type
                entity_id = record_id("e", kind, name_key(name))
                listed = known.aliases
            else:
                name, kind = self._canonical(members, names, types, chosen)
                key = name_key(name)
                # spaCy's label for a name nothing knows varies between articles ("Khan Sheikhoun" a person
                # in one, a place in another): the id of such an entity rests on its name alone.
                if all(w in GENERIC_WORDS for w in fold(name).replace("-", " ").split()):
                    entity_id = record_id("e", UNKNOWN_KIND, key, self.article_id)
                else:
                    entity_id = record_id("e", UNKNOWN_KIND, key)
                listed = ()
            seen: list[str] = []
            for index in members:
                start, end = spans[index]
                if kind == "place" and (known is not None or chosen[index].metonym is not None):
                    start, end = self._extend_government(start, end, spans)
                    spans[index] = (start, end)
                char_start = doc[start].idx
                char_end = doc[end - 1].idx + len(doc[end - 1].text)
                mentions.append(
                    Mention(
                        id=record_id("m", self.article_id, char_start, char_end),
                        article_id=self.article_id,
                        entity_id=entity_id,
                        start=char_start,
                        end=char_end,
                    )
                )
                seen.append(self.text[char_start:char_end])
            aliases = tuple(
                a for a in dict.fromkeys((*listed, *sorted(set(seen), key=str.casefold))) if a != name
            )
            entities.append(Entity(id=entity_id, name=name, type=kind, aliases=aliases))
        merged: dict[str, Entity] = {}
        for entity in entities:
            old = merged.get(entity.id)
            if old is not None:
                entity = Entity(
                    old.id, old.name, old.type, tuple(dict.fromkeys((*old.aliases, *entity.aliases)))
                )
            merged[entity.id] = entity
        mentions.sort(key=lambda m: (m.start, m.end))
        return [merged[k] for k in sorted(merged)], mentions

    def _canonical(
        self, members: list[int], names: list[str], types: list[str | None], chosen: list[_Candidate]
    ) -> tuple[str, str]:
        """The fullest name a group of unknown mentions uses, and the type most of them have."""
        counts = Counter(names[i] for i in members)
        first: dict[str, int] = {}
        for i in members:
            first.setdefault(names[i], i)
        name = max(counts, key=lambda s: (not s.isupper(), len(s.split()), len(s), counts[s], -first[s]))
        kinds = Counter(t for i in members if (t := types[i]) is not None)
        if "person" in kinds and any(chosen[i].label == "PERSON" for i in members):
            return name, "person"
        kind = (
            max(kinds, key=lambda k: (kinds[k], -min(i for i in members if types[i] == k)))
            if kinds
            else "other"
        )
        return name, kind

    def _link_acronyms(
        self, chosen: list[_Candidate], names: list[str], node_of: list[int], groups: _Groups
    ) -> None:
        """Join a name and the acronym defined beside it, then acronyms spelling a name's initials.

        "Syrian Democratic Forces (SDF)" and "SDF (Syrian Democratic Forces)" define the acronym; later in
        the article, an unknown acronym equal to the initials of a longer name is that name.
        """
        doc = self.doc
        by_start = {c.start: i for i, c in enumerate(chosen)}
        for i, c in enumerate(chosen):
            if c.end + 2 < len(doc) and doc[c.end].text == "(" and doc[c.end + 2].text == ")":
                j = by_start.get(c.end + 1)
                if j is not None and chosen[j].end == c.end + 2:
                    a, b = names[i], names[j]
                    if _defines(a, b) or _defines(b, a):
                        groups.union(node_of[i], node_of[j])
        # An acronym with the initials of a longer name in the article (defined or not).
        long_names: dict[str, int] = {}
        for i, c in enumerate(chosen):
            if c.end - c.start >= 2:
                long_names.setdefault(_initials(names[i]), i)
        long_names.pop("", None)
        for i, c in enumerate(chosen):
            word = names[i].replace(".", "")
            if (
                c.end - c.start == 1
                and word.isupper()
                and word.isalpha()
                and c.entry is None
                and c.metonym is None
            ):
                j = long_names.get(word)
                if j is not None:
                    groups.union(node_of[j], node_of[i])

    def _link_surnames(
        self,
        chosen: list[_Candidate],
        names: list[str],
        types: list[str | None],
        node_of: list[int],
        groups: _Groups,
    ) -> None:
        """A bare surname after (or before) a full name in the article is that person."""
        full: list[tuple[int, str]] = []
        given: dict[str, set[int]] = {}
        for i, c in enumerate(chosen):
            is_person = types[i] == "person" or c.label == "PERSON"
            words = names[i].split()
            if is_person and len(words) >= 2:
                full.append((i, word_key(words[-1])))
                given.setdefault(word_key(words[0]), set()).add(groups.find(node_of[i]))
        if not full:
            return
        for i, c in enumerate(chosen):
            if c.end - c.start != 1 or len(names[i].split()) != 1:
                continue
            known_surname = c.entry is not None and c.entry.surname
            unknown = c.entry is None and c.metonym is None and c.label in ("PERSON", "ORG", "NORP", None)
            if not (known_surname or unknown):
                continue
            key = word_key(names[i])
            matches = [j for j, k in full if k == key and j != i]
            if not matches:
                # A first name alone ("Hillary") is the one person the article gives that first name.
                owners = given.get(key, set())
                if unknown and c.label == "PERSON" and len(owners) == 1:
                    groups.union(next(iter(owners)), node_of[i])
                    types[i] = "person"
                continue
            before = [j for j in matches if j < i]
            j = before[-1] if before else matches[0]
            if known_surname:
                target = groups.known_of(node_of[j])
                if target is not None and c.entry is not None and target == c.entry.entity:
                    continue
                # The article's own person with this surname, not the table's.
                node_of[i] = node_of[j]
            else:
                groups.union(node_of[j], node_of[i])
            types[i] = "person"

    def _link_fuzzy(self, by_key: dict[str, int], groups: _Groups) -> None:
        """Long unknown names one edit apart within the article ("Mohammadi", "Mohamadi")."""
        long_keys = sorted(k for k in by_key if len(k) >= _FUZZY_MIN)
        for a_index, a in enumerate(long_keys):
            for b in long_keys[a_index + 1 :]:
                if edit_distance(a, b, limit=1) <= 1:
                    groups.union(by_key[a], by_key[b])

    # --- metonyms and government phrases ------------------------------------------------------------

    def _acts_as_government(self, cand: _Candidate) -> bool:
        """Whether a metonym ("Washington", "the Kremlin") acts as the government it stands for here."""
        if not self.parsed:
            return False
        span = self.doc[cand.start : cand.end]
        return _government_use(span.root, depth=0)

    def _extend_government(self, start: int, end: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
        """Widen a state's mention over its government: "Syrian government", "government of Syria"."""
        doc = self.doc
        others = {k for s, e in spans if (s, e) != (start, end) for k in range(s, e)}
        j = end
        if j < len(doc) and doc[j].text in _POSSESSIVE:
            j += 1
        if (
            j < len(doc)
            and doc[j].lower_ in GOVERNMENT_NOUNS
            and j not in others
            and (not self.parsed or doc[end - 1].head.i == j)
        ):
            return start, j + 1
        if (
            start >= 2
            and doc[start - 1].lower_ == "of"
            and doc[start - 2].lower_ in GOVERNMENT_NOUNS
            and start - 2 not in others
        ):
            return start - 2, end
        return start, end


def _government_use(token: Any, *, depth: int) -> bool:
    """The metonym policy (see the module docstring) on the head token of a metonym's mention."""
    dep = token.dep_
    head = token.head
    if dep in ("conj", "appos") and head is not token and depth < 4:
        return _government_use(head, depth=depth + 1)
    if dep in ("nsubj", "nsubjpass", "csubj"):
        return not (dep == "nsubjpass" and word_stem(head.text) in _PLACE_VERBS)
    if dep in ("agent", "dative"):
        return True
    if dep == "poss":  # "Washington's support", but "Managua's airport", "Moscow's Red Square"
        return word_stem(head.text) not in _PLACE_NOUNS and head.pos_ != "PROPN"
    if dep == "dobj":
        return word_stem(head.text) not in _PLACE_VERBS
    if dep == "pobj":
        prep = head.lower_
        if head.dep_ == "agent" or prep == "by":
            return True
        if prep in _LOCATIVE:
            return False
        if prep in (
            "between",
            "among",
        ):  # "ties between Moscow and Kyiv", not "split between London and Berlin"
            return word_stem(head.head.text) in _RELATION_NOUNS
        if prep in ("to", "from"):  # "demands to Washington", but "flew to Moscow", "a man from London"
            return head.head.pos_ not in ("VERB", "AUX") and word_stem(head.head.text) in _ADDRESS_NOUNS
        if prep == "of":
            return word_stem(head.head.text) not in _PLACE_NOUNS
        return True
    if dep in ("compound", "amod", "nmod", "npadvmod") and head is not token:
        # "a Pentagon spokesperson", "Damascus' demands", but "a Rome parish", "London-based"
        return word_stem(head.text) in _AGENT_NOUNS
    return False


def _initials(name: str) -> str:
    """Initials of a multi-word name's capitalised words: "Friends of Syria Group" → "FSG"."""
    words = [w for w in name.replace("-", " ").split() if w]
    letters = [w[0] for w in words if w[0].isupper() and fold(w) not in _NAME_PARTICLES]
    return "".join(letters) if len(letters) >= 2 else ""


def _defines(name: str, acronym: str) -> bool:
    """Whether ``acronym`` (in capitals) abbreviates ``name``: its letters are the name's initials, in order."""
    compact = acronym.replace(".", "")
    if not (compact.isupper() and compact.isalpha() and 2 <= len(compact) <= 8) or len(name.split()) < 2:
        return False
    if _initials(name) == compact:
        return True
    words = [w for w in name.replace("-", " ").split() if w]
    letters = "".join(w[0].upper() for w in words)
    position = 0
    for ch in compact:
        position = letters.find(ch, position)
        if position < 0:
            return False
        position += 1
    return letters[:1] == compact[:1] and len(words) >= 2
