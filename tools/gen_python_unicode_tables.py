#!/usr/bin/env python3
"""Generates src/Shared/Features/Text/PythonUnicode.g.cs: the Unicode data that SklearnHashingVectorizer needs to
reproduce CPython exactly (scikit-learn lower-cases with str.lower() and tokenizes with re's Unicode \\w).

.NET's own tables (char.IsLetterOrDigit, ToLowerInvariant, ...) follow a different Unicode version and different
definitions (e.g. re's \\w includes every numeric code point such as '½', .NET lowers 'İ' to one char), so the data is
taken from CPython itself, by asking it about every code point rather than by re-deriving the rules:

  * WordRanges          code points c with re.match(r'\\w', c) (== c.isalnum() or c == '_'),
  * LowerRuns/LowerMulti c.lower() for every c where it differs (1 to 3 code points),
  * CasedRanges, CaseIgnorableRanges: the two properties str.lower() uses for the Final_Sigma rule, measured by
    lower-casing probe strings around 'Σ' so that they are exactly what CPython's handle_capital_sigma() sees.

The script checks its tables by re-implementing str.lower() and the tokenizer from them and comparing with CPython on
probe and random strings. It must run on the Python the training side uses (3.11 -> Unicode 14.0.0).

Rerun from the repository root:
    python3 tools/gen_python_unicode_tables.py            # writes src/Shared/Features/Text/PythonUnicode.g.cs
    python3 tools/gen_python_unicode_tables.py --check    # only verifies that the committed file is up to date
"""

import argparse
import random
import re
import sys
import unicodedata
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "src/Shared/Features/Text/PythonUnicode.g.cs"
EXPECTED_PYTHON = (3, 11)
MAX_CP = 0x110000
CAPITAL_SIGMA = 0x3A3

# How many UTF-8 bytes the lower-cased text can take per UTF-16 unit of the input; the C# side sizes its token buffer
# with it, so the generator fails if some mapping would break it.
MAX_UTF8_PER_UTF16 = 3


def utf16_len(cp):
    return 2 if cp > 0xFFFF else 1


def utf8_len(s):
    return len(s.encode("utf-8", "surrogatepass"))


def to_ranges(cps):
    """Sorted code points -> list of inclusive (start, end)."""
    ranges = []
    for cp in cps:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return [tuple(r) for r in ranges]


def word_code_points():
    word = re.compile(r"\w")
    cps = [cp for cp in range(MAX_CP) if word.match(chr(cp))]
    # Cross-check with the definition _sre uses (Py_UNICODE_ISALNUM || '_').
    alnum = [cp for cp in range(MAX_CP) if chr(cp).isalnum() or cp == 0x5F]
    assert cps == alnum, "re's \\w differs from isalnum() or '_'"
    return cps


def lower_mappings():
    single, multi = {}, {}
    for cp in range(MAX_CP):
        low = chr(cp).lower()
        if low == chr(cp):
            continue
        assert 1 <= len(low) <= 3, hex(cp)
        assert utf8_len(low) <= MAX_UTF8_PER_UTF16 * utf16_len(cp), hex(cp)
        if len(low) == 1:
            single[cp] = ord(low)
        else:
            multi[cp] = [ord(c) for c in low]
    return single, multi


def sigma_properties():
    """Cased and Case_Ignorable as CPython's Final_Sigma rule sees them.

    handle_capital_sigma() looks back and forward over case-ignorable code points and then tests the first other one
    for Cased, so:  lower(c + 'Σ') ends in 'ς' <=> cased(c) and not ignorable(c);
                    lower('A' + c + 'Σ') ends in 'ς' <=> ignorable(c) or cased(c).
    Cased itself is Lowercase | Uppercase | Titlecase, which single-code-point islower/isupper/istitle expose.
    """
    cased, ignorable = [], []
    for cp in range(MAX_CP):
        c = chr(cp)
        is_cased = c.islower() or c.isupper() or c.istitle()
        final_alone = (c + "Σ").lower()[-1] == "ς"
        final_after_a = ("A" + c + "Σ").lower()[-1] == "ς"
        if is_cased:
            is_ignorable = not final_alone
        else:
            assert not final_alone, hex(cp)
            is_ignorable = final_after_a
        # Forward context must agree: 'AΣ' + c keeps the final form unless c is cased and not ignorable.
        forward_final = ("AΣ" + c).lower()[1] == "ς"
        assert forward_final == (is_ignorable or not is_cased), hex(cp)
        if is_cased:
            cased.append(cp)
        if is_ignorable:
            ignorable.append(cp)
    return cased, ignorable


class Model:
    """str.lower() and the token pattern re-implemented from the tables, to test them against CPython."""

    def __init__(self, word, single, multi, cased, ignorable):
        self.word, self.single, self.multi = set(word), single, multi
        self.cased, self.ignorable = set(cased), set(ignorable)

    def lower(self, s):
        out = []
        for i, c in enumerate(s):
            cp = ord(c)
            if cp == CAPITAL_SIGMA:
                out.append(chr(0x3C2 if self._final_sigma(s, i) else 0x3C3))
            elif cp in self.multi:
                out.extend(chr(x) for x in self.multi[cp])
            else:
                out.append(chr(self.single.get(cp, cp)))
        return "".join(out)

    def _final_sigma(self, s, i):
        j = i - 1
        while j >= 0 and ord(s[j]) in self.ignorable:
            j -= 1
        if j < 0 or ord(s[j]) not in self.cased:
            return False
        j = i + 1
        while j < len(s) and ord(s[j]) in self.ignorable:
            j += 1
        return j == len(s) or ord(s[j]) not in self.cased

    def tokens(self, s):
        tokens, current = [], []
        for c in self.lower(s) + " ":
            if ord(c) in self.word:
                current.append(c)
            else:
                if len(current) >= 2:
                    tokens.append("".join(current))
                current = []
        return tokens


def self_test(model):
    token_re = re.compile(r"(?u)\b\w\w+\b")
    rng = random.Random(20240601)
    interesting = (
        [chr(cp) for cp in model.single] + [chr(cp) for cp in model.multi]
        + [chr(cp) for cp in sorted(model.ignorable)[:400]] + [chr(cp) for cp in sorted(model.cased)[:400]]
        + list("ΣΣΣσς AaZz09_ \n'.-") + ["\u0307", "\u0345", "\u00AD", "\U0001F680", "\U00010400", "\u00B2", "\u00BD"]
    )
    samples = ["", "Σ", "ΑΣ", "ΑΣΑ", "ΑΣ Α", "ΑΣ'", "Α'Σ", "Α\u0307Σ\u0307", "ΣΑ", "İstanbul", "x² ½", "ΣΊΣΥΦΟΣ"]
    for _ in range(20000):
        samples.append("".join(rng.choice(interesting) for _ in range(rng.randint(1, 12))))
    for s in samples:
        assert model.lower(s) == s.lower(), repr(s)
        assert model.tokens(s) == token_re.findall(s.lower()), repr(s)


def lower_runs(single):
    """Groups single mappings into runs (start, count, step, delta): consecutive code points (step 1) or alternating
    ones (step 2, the Latin Extended upper/lower pairs) that all move by the same delta."""
    cps = sorted(single)
    runs, i = [], 0
    while i < len(cps):
        start, delta = cps[i], single[cps[i]] - cps[i]
        best_step, best_count = 1, 1
        for step in (1, 2):
            count = 1
            while (i + count < len(cps) and cps[i + count] == start + step * count
                   and single[cps[i + count]] - cps[i + count] == delta):
                count += 1
            if count > best_count:
                best_step, best_count = step, count
        runs.append((start, best_count, best_step, delta))
        i += best_count
    return runs


def int_array(name, comment, values, per_line):
    lines = [f"    /// <summary>{comment}</summary>", f"    internal static ReadOnlySpan<int> {name} =>", "    ["]
    for k in range(0, len(values), per_line):
        chunk = values[k:k + per_line]
        lines.append("        " + ", ".join(f"0x{v:X}" if v >= 0 else f"-0x{-v:X}" for v in chunk) + ",")
    lines.append("    ];")
    return "\n".join(lines)


def flatten(rows):
    return [v for row in rows for v in row]


def render(word, single, multi, cased, ignorable):
    runs = lower_runs(single)
    multi_rows = [(cp, len(out), *(out + [0] * (3 - len(out)))) for cp, out in sorted(multi.items())]
    version = sys.version.split()[0]
    parts = [
        "// <auto-generated>",
        f"// Generated by tools/gen_python_unicode_tables.py from CPython {version} (Unicode {unicodedata.unidata_version}).",
        "// Do not edit; rerun the script (see its docstring).",
        "// </auto-generated>",
        "",
        "namespace AkkaEtl.Features.Text;",
        "",
        "internal static partial class PythonUnicode",
        "{",
        f'    internal const string UnicodeVersion = "{unicodedata.unidata_version}";',
        "",
        "    /// <summary>Most UTF-8 bytes that lower-casing produces per UTF-16 unit of input.</summary>",
        f"    internal const int MaxUtf8BytesPerUtf16Unit = {MAX_UTF8_PER_UTF16};",
        "",
        int_array("WordRanges", "Python re's \\w: inclusive (first, last) code point pairs, sorted.",
                  flatten(to_ranges(word)), 8),
        "",
        int_array("LowerRuns", "str.lower() to one code point: (first, count, step, delta) runs, sorted.",
                  flatten(runs), 8),
        "",
        int_array("LowerMulti", "str.lower() to several code points: (code point, n, out1, out2, out3), sorted.",
                  flatten(multi_rows), 5),
        "",
        int_array("CasedRanges", "Cased (Final_Sigma rule): inclusive (first, last) pairs, sorted.",
                  flatten(to_ranges(cased)), 8),
        "",
        int_array("CaseIgnorableRanges", "Case_Ignorable (Final_Sigma rule): inclusive (first, last) pairs, sorted.",
                  flatten(to_ranges(ignorable)), 8),
        "}",
        "",
    ]
    return "\n".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if the generated file is not up to date")
    parser.add_argument("--any-python", action="store_true", help=f"allow a Python other than {EXPECTED_PYTHON}")
    args = parser.parse_args()
    if sys.version_info[:2] != EXPECTED_PYTHON and not args.any_python:
        sys.exit(f"need Python {EXPECTED_PYTHON[0]}.{EXPECTED_PYTHON[1]} (the training side's), got {sys.version}")

    word = word_code_points()
    single, multi = lower_mappings()
    cased, ignorable = sigma_properties()
    self_test(Model(word, single, multi, cased, ignorable))
    text = render(word, single, multi, cased, ignorable)

    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            sys.exit(f"{OUTPUT} is out of date; rerun {Path(__file__).name}")
        print(f"{OUTPUT} is up to date")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}: {len(to_ranges(word))} word ranges, {len(lower_runs(single))} lower runs, "
          f"{len(multi)} multi mappings, {len(to_ranges(cased))} cased / {len(to_ranges(ignorable))} ignorable ranges")


if __name__ == "__main__":
    main()
