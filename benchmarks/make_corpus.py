"""Make a scaled corpus for load testing: FOR MEASURING SPEED, NOT QUALITY.

The articles are made by recombining the real sentences of the sample corpus
(``data/sample``) and swapping in other countries (names, adjectives,
capitals), intergovernmental organizations, dates, years and amounts drawn from
the shipped vocabularies (``data/vocab``).  The result reads like the sample
and exercises the same extraction rules, but its facts are invented: never use
it to judge what kg extracts, only how fast it does it.

Usage::

    python benchmarks/make_corpus.py 10000 --out /tmp/corpus-10k
    python benchmarks/make_corpus.py 1000 --out /tmp/corpus-1k --format txt

JSON Lines go into files of ``--per-file`` articles (default 2,000, about 5 MB:
kg skips input files over 20 MB), named ``part-00000.jsonl``, ...

The same ``--seed`` (default 1) gives the same corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from pathlib import Path

NOTICE = "synthetic articles for measuring speed, not quality (kg benchmarks/make_corpus.py)"
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_MONTH_DAY = re.compile(r"\b(" + "|".join(_MONTHS) + r") (\d{1,2})\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_AMOUNT = re.compile(r"\b\d+(?:\.\d+)? (million|billion)\b")
_SMALL_INT = re.compile(r"\b(\d{2,3}) out of (\d{2,3})\b")
_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class CorpusMaker:
    """Recombines the sample's sentences with other actors, dates, places and amounts.

    Args:
        seed: the random seed; the same seed gives the same articles.
    """

    def __init__(self, seed: int = 1) -> None:
        from kg import resources, vocab
        from kg.extract.text import sentences
        from kg.readers import Article, read

        self.rng = random.Random(seed)
        articles = [a for a in read([resources.path("data", "sample")]) if isinstance(a, Article)]
        self.sentences = [s.text for a in articles for s in sentences(a.text) if len(s.text) >= 30]
        # Articles open with a dateline sentence ("Moscow (VNA) – ...") where the sample has one.
        self.leads = [s for s in self.sentences if "(VNA)" in s] or self.sentences[:1]
        self.countries = [c for c in vocab.countries() if c.adjectives and c.capital]
        self.igos = [o.acronyms[0] for o in vocab.organizations()
                     if o.type == "IntergovernmentalOrganization" and o.acronyms and o.acronyms[0] != "ASEAN"]
        # Every form of a country the sample names, longest first, so "Russian" wins over "Russia".
        sample_text = " ".join(self.sentences)
        forms: list[tuple[str, str, str]] = []  # (text, iso3, role)
        for c in self.countries:
            for role, values in (("name", (c.name,)), ("adjective", c.adjectives), ("capital", (c.capital,))):
                for value in values:
                    if len(value) > 3 and re.search(rf"\b{re.escape(value)}\b", sample_text):
                        forms.append((value, c.iso3, role))
        forms.sort(key=lambda f: -len(f[0]))
        self.forms = {text: (iso3, role) for text, iso3, role in forms}
        self.form_pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t, _, _ in forms) + r")\b")

    def article(self, number: int) -> dict[str, str]:
        """The ``number``-th synthetic article as a JSON Lines record."""
        rng = self.rng
        by_iso3 = {}
        shift = rng.randint(-15, 3)
        igo = rng.choice(self.igos) if rng.random() < 0.3 else "ASEAN"

        def country(match: re.Match[str]) -> str:
            iso3, role = self.forms[match.group(1)]
            other = by_iso3.setdefault(iso3, rng.choice(self.countries))
            if role == "name":
                return other.name
            return other.adjectives[0] if role == "adjective" else other.capital

        def sentence(text: str) -> str:
            text = self.form_pattern.sub(country, text)
            text = _MONTH_DAY.sub(lambda m: f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}", text)
            text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
            text = _AMOUNT.sub(lambda m: f"{rng.randint(1, 900) / 10:g} {m.group(1)}", text)
            text = _SMALL_INT.sub(lambda m: f"{rng.randint(10, 99)} out of {rng.randint(100, 199)}", text)
            text = _ORDINAL.sub(lambda m: _ordinal(rng.randint(2, 60)), text)
            return text.replace("ASEAN", igo)

        count = rng.randint(8, 14)
        body = [sentence(rng.choice(self.leads))]
        body += [sentence(s) for s in rng.sample(self.sentences, min(count, len(self.sentences)))]
        date = dt.date(2021 + shift, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        return {
            "id": f"synthetic-{number:07d}",
            "date": date.isoformat(),
            "source": NOTICE,
            "text": "\n\n".join(body),
        }


def main(argv: list[str] | None = None) -> int:
    """Write N synthetic articles as JSON Lines (default) or one .txt file each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles, e.g. 10000")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write (created when missing)")
    parser.add_argument("--per-file", type=int, default=2000, help="articles per JSON Lines file (default: 2000)")
    parser.add_argument("--format", choices=["jsonl", "txt"], default="jsonl", help="default: jsonl")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    args = parser.parse_args(argv)
    maker = CorpusMaker(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.format == "jsonl":
        for first in range(0, args.n, args.per_file):
            with (args.out / f"part-{first // args.per_file:05d}.jsonl").open("w", encoding="utf-8") as out:
                for i in range(first, min(first + args.per_file, args.n)):
                    out.write(json.dumps(maker.article(i), ensure_ascii=False) + "\n")
    else:
        for i in range(args.n):
            record = maker.article(i)
            (args.out / f"{record['id']}.txt").write_text(
                f"date {record['date']}\n{record['text']}\n\nSource: {record['source']}\n", encoding="utf-8")
    print(f"wrote {args.n} {NOTICE} to {args.out} (seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
