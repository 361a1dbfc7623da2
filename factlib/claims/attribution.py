"""Metric attribution: which noun phrase a number measures.

Works on the normalised text of one clause (simplified Chinese, ASCII digits and punctuation) and
returns a span, so the caller quotes the metric from the document's original ``text``.

Chinese, in order:

1. the words between the clause start (or the previous claim) and the number, with a relative
   comparison base removed (``比上年``, ``较上年末``) and cut at the first predicate cue
   (``达``, ``为``, ``增长`` …): ``我国网民规模达10.67亿人`` → ``我国网民规模``;
   a predicate at the very start keeps what follows it (``累计建成5G基站``);
2. leading fillers and time words are stripped (``其中``, ``预计``, ``全年``);
3. a phrase that starts with 占 (a share) is prefixed by the previous metric;
4. English: the subject before the first verb (``China's retail sales … went up`` → ``retail
   sales …``), determiners and possessors dropped.

When nothing is left the extractor inherits the previous claim's metric in the sentence, or
looks after the number (``22名外逃人员``, ``12 million new urban jobs``).

>>> a = default_attributor()
>>> text = "其中,我国网民规模达"
>>> s, e = a.zh_metric(text, 0, len(text))
>>> text[s:e]
'我国网民规模'
"""
from __future__ import annotations

from functools import lru_cache

from factlib.vocab.cues import CueTable, default_cues
from factlib.vocab.regexes import alternation
from factlib.claims.periods import TimeWords, default_time_words
from factlib.vocab.tables import TableError, read_table
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

__all__ = ["Attributor", "default_attributor"]

_ZH_TRIM = " \t\n,;:!?。、()[]\"'“”‘’《》「」『』【】-—的了和及与或到至"
_AFTER_STOP = re.compile("[,;:!?。、()0-9 \n]")
_ZH_TRIM_RIGHT = " \t\n,;:!?。、([\"'“‘《「『【-—的了和及与或在中到至"
_EN_TRIM = " \t\n,;:!?.()[]\"'“”‘’-—"

# English verbs that end the subject of a clause (the metric is before them)
_EN_VERBS = (
    "went", "rose", "grew", "expanded", "jumped", "jumping", "stood", "totaled", "totalled", "reached",
    "hit", "increased", "decreased", "fell", "declined", "dropped", "climbed", "gained", "was", "were",
    "is", "are", "has", "had", "have", "reported", "remained", "accounted", "amounted", "came", "posted",
    "registered", "recorded", "transported", "added", "aims", "aimed", "said", "showed", "shows",
    "stood", "edged", "slipped", "surged", "soared", "plunged", "contracted", "slowed", "will", "would",
    "could", "may", "might", "to", "by", "at", "from", "with", "up", "down", "show", "shows", "showed",
    "increase", "year-on-year", "year", "compared", "than", "quickening", "according",
)
_EN_LEAD = re.compile(r"(?:(?:the|a|an|this|that|these|those|its|their|our|while|and|but|as|with|"
                      r"meanwhile|however|also|in|on|for|[A-Z][\w.]*'s|[\w]+’s|[\w]+'s)\s+)+", re.I)
_EN_AFTER = re.compile(r"\s+((?:[0-9]*[A-Za-z][A-Za-z0-9-]*\s+){0,3}[0-9]*[A-Za-z][A-Za-z0-9-]*)")
#: English subjects that stand for a place (the counted noun after the number is the metric)
_EN_WHERE = frozenset(("it", "they", "we", "country", "nation", "city", "province", "region", "economy", "mainland",
                       "the country", "the nation", "the city", "the province", "the region", "the economy",
                       "the mainland"))
# words that end the noun phrase after a number (relative pronouns and prepositions)
_EN_AFTER_STOP = frozenset(("and", "or", "in", "on", "for", "than", "year", "percent", "that", "which", "who",
                            "where", "when", "since"))
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_MEMO_LIMIT = 1 << 16  # phrases kept per memo (of a few characters each)


class Attributor:
    """Finds metric phrases in clauses of normalised text."""

    def __init__(self, cues: CueTable | None = None, time_words: TimeWords | None = None,
                 backrefs: str = "metric_backrefs", lexicon=None, areas=None):
        cues = cues or default_cues()
        tw = time_words or default_time_words()
        zh_time = [w for w in tw.words if not w.isascii()]
        # relative comparison bases removed before cutting at predicates: 比上年, 较上年末, 与去年同期相比
        self.base_re = re.compile(
            "(?:较|比|与|相比|相较|同)(?:" + alternation(zh_time)
            + r"|[0-9一二三四五六七八九十〇零年月日号至到份季度上下半首前末底\-~ ])+(?:同期|同月|同季)?(?:相比)?")
        # predicates: the table's, plus change words (增长, 下降 …) and the one-character verbs
        # 增/升/降/减/涨/跌, never inside a compound noun (增加值, 增速, 升幅)
        words = set(w for w in cues.words("predicate") if not w.isascii())
        words |= {w for r in ("up", "down", "change") for w in cues.words(r)
                  if not w.isascii() and (len(w) > 1 or w in "增升降减涨跌")}
        words.discard("均")
        self.predicate_re = re.compile("(?:" + alternation(words) + ")(?![值率速量额幅加长产])")
        # words that hold a one-character predicate but are none (公共: 共), from cues.csv
        not_pred = [w for w in cues.words("not_predicate") if not w.isascii()]
        self.not_predicate_re = re.compile(alternation(not_pred)) if not_pred else None
        # metric names that hold a predicate (城镇新增就业, 新增就业人数): the predicate inside one is none
        if lexicon is None:
            from factlib.vocab.lexicon import default_lexicon

            lexicon = default_lexicon()
        named = sorted({a for a in lexicon.normalized_aliases("zh") if self.predicate_re.search(a)})
        self.alias_predicate_re = re.compile(alternation(named)) if named else None
        self._alias_span = max((len(a) for a in named), default=0)
        # words before a predicate that only say where (我国累计建成5G基站, 全省实现地区生产总值): the
        # metric is the phrase after the predicate, without verbs that do not narrow it (建成, 完成)
        if areas is None:
            from factlib.vocab.areas import default_areas

            areas = default_areas()
        self.areas = areas
        self.scope_words = frozenset(w for w in cues.words("scope") if not w.isascii())
        lead_verbs = [w for w in cues.words("lead_verb") if not w.isascii() and len(w) > 1]
        self.lead_verb_re = re.compile("(?:" + alternation(lead_verbs) + ")") if lead_verbs else None
        fillers = [w for w in cues.words("filler") if not w.isascii()] + zh_time
        self.lead_re = re.compile("(?:(?:" + alternation(fillers) + r")[,\s]*)+")
        self.en_verbs = frozenset(_EN_VERBS)
        self._load_backrefs(backrefs)
        self._zh_memo: dict[str, tuple[int, int] | tuple[()]] = {}

    def _load_backrefs(self, path: str) -> None:
        """Back-reference cues (``这是…网民规模`` after the number) from ``metric_backrefs.csv``."""
        rows = read_table(path, required=("cue", "lang", "slot", "in_metric"), key=("cue", "lang", "slot"))
        by: dict[tuple[str, str], list[str]] = {}
        keep: set[str] = set()
        for row in rows:
            if row["slot"] not in ("after", "before", "reject") or row["lang"] not in ("zh", "en"):
                raise TableError(f"{path}: bad slot/lang for cue {row['cue']!r}")
            by.setdefault((row["lang"], row["slot"]), []).append(row["cue"].lower())
            if row["in_metric"] == "yes":
                keep.add(row["cue"].lower())
        self.backref_keep = frozenset(keep)
        self.backref_after_zh = re.compile(r"\s*(?:" + alternation(by.get(("zh", "after"), ["\0"])) + ")")
        self.backref_before_zh = re.compile("(?:" + alternation(by.get(("zh", "before"), ["\0"])) + r")\s*$")
        # the clause must end with one of them (then white space): a cheap test before the search
        self._backref_before_ends = tuple(w.rstrip() for w in by.get(("zh", "before"), ["\0"]))
        self.backref_after_en = re.compile(r"\s*(?:" + alternation(by.get(("en", "after"), ["\0"]))
                                           + r")(?![A-Za-z])", re.I)
        self.backref_reject_zh = re.compile(alternation(by.get(("zh", "reject"), ["\0"])))
        self.backref_reject_en = re.compile(r"(?<![A-Za-z])(?:" + alternation(by.get(("en", "reject"), ["\0"]))
                                            + r")(?![A-Za-z])", re.I)
        self.time_prefix_zh = ("截至", "截止到", "截止", "截至到", "到", "至", "在", "于")

    # ---- Chinese ---------------------------------------------------------------------------
    def zh_metric(self, norm: str, lo: int, hi: int) -> tuple[int, int]:
        """Span of the metric phrase inside ``norm[lo:hi]`` (the words before a number); empty
        span ``(hi, hi)`` when there is none."""
        seg = norm[lo:hi]
        # a function of the words alone: read once per distinct phrase (most repeat), the cache
        # bounded (emptied when full)
        rel = self._zh_memo.get(seg)
        if rel is None:
            if len(self._zh_memo) >= _MEMO_LIMIT:
                self._zh_memo.clear()
            rel = self._zh_memo[seg] = self._zh_metric(seg)
        return (lo + rel[0], lo + rel[1]) if rel else (hi, hi)

    def _zh_metric(self, seg: str) -> tuple[int, int] | tuple[()]:
        """:meth:`zh_metric` of the words ``seg``: the span within it, or ``()`` for none."""
        if not seg.strip(_ZH_TRIM):
            return ()
        # positions kept from seg (after removing relative bases) -> map back through `keep`
        bases = list(self.base_re.finditer(seg))
        if bases or "\n" in seg:
            keep = list(range(len(seg)))
            for m in reversed(bases):
                del keep[m.start():m.end()]
            keep = [i for i in keep if seg[i] != "\n"]  # hard line breaks inside a sentence
            text = "".join(seg[i] for i in keep)
        else:
            keep = range(len(seg))  # nothing removed: positions in text are positions in seg
            text = seg
        m = self._predicate(text, 0)
        if m is not None and m.start() == 0 and len(m.group()) == 1 and len(text) > 1:
            m = self._predicate(text, 1)  # 有色金属, 在建: a one-character verb starting a word
        if m is not None:
            lead = self._lead_end(text, 0, m.start()) if m.start() > 0 else 0
            if m.start() > 0 and lead < m.start() and not self._only_where(text[lead:m.start()], text, m):
                a, b = 0, m.start()
            else:
                # nothing but fillers and time words before the predicate (今年是建党100周年):
                # the phrase after it
                a = m.end()
                if m.start() > 0 and self.lead_verb_re is not None:
                    v = self.lead_verb_re.match(text, a)
                    if v is not None and v.end() < len(text):
                        a = v.end()  # 我国累计建成5G基站: 5G基站
                m2 = self._predicate(text, a)
                b = m2.start() if m2 is not None else len(text)
        else:
            a, b = 0, len(text)
        # strip fillers / time words at the start, punctuation at both ends
        a = self._lead_end(text, a, b)
        while b > a and text[b - 1] in _ZH_TRIM_RIGHT:
            b -= 1
        if b <= a:
            return ()
        return keep[a], keep[b - 1] + 1

    def _only_where(self, words: str, text: str, m) -> bool:
        """``words`` (before the predicate ``m``) name only a place or the whole country (我国, 全省,
        浙江省) and a metric phrase follows the predicate."""
        if m.end() >= len(text):
            return False
        if words in self.scope_words:
            return True
        found = self.areas.find_all(words, simplified=True)
        return bool(found) and "".join(a.surface for a in found) == words

    def _predicate(self, text: str, pos: int, end: int | None = None):
        """The first predicate at or after ``pos`` that is not inside a not-predicate word (公共)
        nor inside a metric name that holds it (城镇新增就业)."""
        end = len(text) if end is None else end
        while True:
            m = self.predicate_re.search(text, pos, end)
            if m is None:
                return m
            covered = False
            if self.not_predicate_re is not None and len(m.group()) == 1:
                for w in self.not_predicate_re.finditer(text, max(0, m.start() - 4), min(end, m.end() + 4)):
                    if w.start() <= m.start() < w.end():
                        covered = True
                        break
            if not covered and self.alias_predicate_re is not None:
                span = self._alias_span
                for w in self.alias_predicate_re.finditer(text, max(0, m.start() - span), min(len(text), m.end() + span)):
                    if w.start() <= m.start() and m.end() <= w.end():
                        covered = True
                        break
            if not covered:
                return m
            pos = m.end()

    def _lead_end(self, text: str, a: int, b: int) -> int:
        """Where ``text[a:b]`` starts once leading fillers, time words and punctuation are skipped."""
        while a < b:
            lead = self.lead_re.match(text, a, b)
            if lead is not None and lead.end() > a:
                a = lead.end()
                continue
            if text[a] in _ZH_TRIM:
                a += 1
                continue
            break
        return a

    def zh_after(self, norm: str, pos: int, hi: int) -> tuple[int, int]:
        """A noun phrase right after a count (``22名外逃人员``): up to a predicate or delimiter."""
        a = pos
        while a < hi and norm[a] in "的 ”\"’』」":
            a += 1
        pm = self.predicate_re.match(norm, a)
        if pm is not None and (len(pm.group()) > 1 or pm.group() in "增升降减涨跌") or norm.startswith(
                ("之间", "以上", "以下", "左右"), a):
            return pos, pos
        stop = _AFTER_STOP.search(norm, a, hi)  # the phrase runs to a delimiter, a digit or a space
        b = stop.start() if stop is not None else max(a, hi)
        if b <= a:
            return pos, pos
        m = self._predicate(norm, a + 1, b)
        if m is not None:
            b = m.start()
        while b > a and norm[b - 1] in _ZH_TRIM_RIGHT:
            b -= 1
        return (a, b) if b - a >= 1 else (pos, pos)

    # ---- back-references ---------------------------------------------------------------------
    def backref(self, norm: str, lo: int, hi: int, en: bool, time_spans=()) -> tuple[int, int] | None:
        """The metric named by a back-reference clause ``norm[lo:hi]`` (no claim of its own), or None.

        ``这是截至2022年12月我国网民规模`` → ``我国网民规模``; ``我国网民规模即为此数`` → ``我国网民规模``;
        ``the number of internet users in China`` → ``number of internet users in China``.
        ``time_spans`` are the (start, end) spans of dates and time words in the clause; those at
        the start of the metric (after an optional 截至) are skipped.
        """
        while hi > lo and norm[hi - 1] in ",;:!?。、.()\n ":
            hi -= 1
        if hi <= lo:
            return None
        if en:
            m = self.backref_after_en.match(norm, lo, hi)
            if m is None:
                return None
            cue = m.group().strip().lower()
            start = m.end() - len(m.group().lstrip()) if cue in self.backref_keep else m.end()
            a, b = self.en_metric(norm, start, hi)
            if b <= a or self.backref_reject_en.search(norm, a, b):
                return None
            return a, b
        m = self.backref_after_zh.match(norm, lo, hi)
        if m is not None:
            pos = m.end()
            for ts, te in sorted(time_spans):
                if ts < pos:
                    continue
                gap = norm[pos:ts].strip(" 的")
                if gap and gap not in self.time_prefix_zh:
                    break
                pos = te
            a, b = self.zh_metric(norm, pos, hi)
        else:
            if not norm[lo:hi].rstrip().endswith(self._backref_before_ends):
                return None  # no cue word ends the clause: the search below finds none
            mb = self.backref_before_zh.search(norm, lo, hi)
            if mb is None:
                return None
            a, b = self.zh_metric(norm, lo, mb.start())
        if b <= a or self.backref_reject_zh.search(norm, a, b):
            return None
        return a, b

    # ---- English ---------------------------------------------------------------------------
    def en_metric(self, norm: str, lo: int, hi: int) -> tuple[int, int]:
        """The subject noun phrase in ``norm[lo:hi]`` before its verb."""
        seg = norm[lo:hi]
        for marker in (" that ", " show ", " shows ", " showed "):  # 'He added that students …'
            if marker in seg:
                k = seg.rindex(marker) + len(marker)
                lo, seg = lo + k, seg[k:]
        words = list(_EN_WORD.finditer(seg))
        if not words:
            return hi, hi
        cut = len(seg)
        for i, w in enumerate(words):
            lw = w.group().lower()
            if lw in self.en_verbs or (i == 0 and (lw.endswith("ing") or lw.endswith("ed"))):
                cut = w.start()
                break
        a, b = 0, cut
        while a < b and seg[a] in _EN_TRIM:
            a += 1
        lead = _EN_LEAD.match(seg, a, b)
        if lead is not None:
            a = lead.end()
        while a < b and seg[a] in _EN_TRIM:
            a += 1
        while b > a and seg[b - 1] in _EN_TRIM:
            b -= 1
        if b <= a or not any(ch.isalpha() for ch in seg[a:b]):
            return hi, hi
        return lo + a, lo + b

    def en_only_where(self, phrase: str) -> bool:
        """An English subject that names only a place or stands for one (``China``, ``the country``,
        ``it``): the number's counted noun names the metric."""
        p = phrase.strip().lower()
        if p in _EN_WHERE:
            return True
        found = self.areas.find_all(phrase, simplified=True)
        rest = phrase
        for a in sorted(found, key=lambda a: -(a.end - a.start)):
            rest = rest.replace(a.surface, " ")
        return bool(found) and re.sub(r"(?:\b(?:the|'s|’s)\b|['’]s\b|[\s,])", "", rest, flags=re.I) == ""

    def en_after(self, norm: str, pos: int, hi: int) -> tuple[int, int]:
        """The counted noun phrase after a number (``12 million new urban jobs``)."""
        m = _EN_AFTER.match(norm, pos, hi)
        if m is None:
            return pos, pos
        words = m.group(1).split()
        keep = []
        for w in words:
            if w in self.en_verbs or w.lower() in _EN_AFTER_STOP:
                break
            keep.append(w)
        if not keep:
            return pos, pos
        a = m.start(1)
        return a, a + len(" ".join(keep))


@lru_cache(maxsize=1)
def default_attributor() -> Attributor:
    """The attributor built from the shipped cue and time-word tables (cached)."""
    return Attributor()
