"""Units of measure and currencies written next to a number, and their normalised names.

The normalised names follow the vocabulary of the NewsQuant/CQE annotations (``percentage``, ``dollar``,
``pound sterling``, ``kilometre per hour``, ``year of age``), so quantities from different outlets compare
as equal when they measure the same thing, and so the extractor can be scored on that data. A count noun
("4000 soldiers") is not a unit of this table: its unit is the noun itself, singularised
(:func:`singular`), and comes from the parse (see ``counted.py``).

Matching is a regular expression at a known position (right after a number, or right before it for
currency signs), never a scan of the whole text. Entries are case-insensitive unless they are symbols
whose case carries meaning (``mL``, ``MB`` vs ``Mb``, ``C`` for Celsius). Entries marked *attached* only
count when written without a space ("37m", "45g", "118.5p"): spaced single letters are too often
something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit found next to a number."""

    start: int
    end: int
    surface: str
    normalized: str
    kind: str
    """``currency``, ``percent``, ``length``, ``area``, ``volume``, ``mass``, ``speed``, ``time``, ``age``,
    ``energy``, ``power``, ``data``, ``temperature``, ``ratio``, ``other``."""


def _degrees(names: tuple[str, ...]) -> tuple[str, ...]:
    """ "degrees Celsius", "deg c", "°C" ...: every way of writing a temperature scale after a number."""
    return tuple(
        f"{d}{sep}{name}"
        for d in ("degrees", "degree", "deg", "deg.", "°")
        for sep in (" ", "")
        for name in names
        if sep or d == "°"
    )


# (surfaces, normalised name, kind, flags) — flags: "c" case-sensitive, "a" attached only
_ENTRIES: list[tuple[tuple[str, ...], str, str, str]] = [
    # percentages and points
    (
        ("%", "per cent", "percent", "per-cent", "pct", "pc", "percent-owned", "per cent-owned"),
        "percentage",
        "percent",
        "",
    ),
    (("percentage points", "percentage point", "pp", "ppt", "ppts"), "percentage point", "percent", ""),
    (("basis points", "basis point", "bps", "bp"), "basis point", "percent", ""),
    (("points", "point", "pts"), "point", "other", ""),
    # currencies written after the number
    (
        ("US dollars", "U.S. dollars", "American dollars", "dollars", "dollar", "bucks"),
        "dollar",
        "currency",
        "",
    ),
    (("Australian dollars", "Australian dollar"), "australian dollar", "currency", ""),
    (("Canadian dollars", "Canadian dollar"), "canadian dollar", "currency", ""),
    (("Hong Kong dollars", "Hong Kong dollar"), "hong kong dollar", "currency", ""),
    (("New Zealand dollars", "New Zealand dollar"), "new zealand dollar", "currency", ""),
    (("Singapore dollars", "Singapore dollar"), "singapore dollar", "currency", ""),
    (("Taiwan dollars", "Taiwan dollar", "New Taiwan dollars"), "new taiwan dollar", "currency", ""),
    (("euros", "euro", "EUR", "€"), "euro", "currency", ""),
    (("pounds sterling", "pound sterling", "sterling", "GBP", "£"), "pound sterling", "currency", ""),
    (("USD",), "dollar", "currency", ""),
    (("yen", "JPY"), "japanese yen", "currency", ""),
    (("yuan", "renminbi", "RMB", "CNY"), "chinese yuan", "currency", ""),
    (("Indian rupees", "rupees", "rupee", "INR"), "indian rupee", "currency", ""),
    (("Pakistani rupees",), "pakistani rupee", "currency", ""),
    (("shekels", "shekel", "new shekels", "NIS", "ILS"), "shekel", "currency", ""),
    (("roubles", "rouble", "rubles", "ruble", "RUB"), "russian ruble", "currency", ""),
    (("Turkish lira", "lira", "liras", "TRY"), "turkish lira", "currency", "c"),
    (("Swiss francs", "Swiss franc", "francs", "CHF"), "swiss franc", "currency", ""),
    (("Danish crowns", "Danish kroner", "Danish krone", "DKK"), "danish krone", "currency", ""),
    (("Swedish crowns", "Swedish kronor", "Swedish krona", "kronor", "SEK"), "swedish krona", "currency", ""),
    (("Norwegian crowns", "Norwegian kroner", "Norwegian krone", "NOK"), "norwegian krone", "currency", ""),
    (("Mexican pesos", "pesos", "peso"), "mexican peso", "currency", ""),
    (("won", "KRW"), "south korean won", "currency", "c"),
    (("rand", "ZAR"), "south african rand", "currency", "c"),
    (("ringgit", "MYR"), "malaysian ringgit", "currency", ""),
    (("naira",), "nigerian naira", "currency", ""),
    (("dinars", "dinar"), "dinar", "currency", ""),
    (("dirhams", "dirham", "AED"), "uae dirham", "currency", ""),
    (("riyals", "riyal", "SAR"), "saudi riyal", "currency", "c"),
    (("Syrian pounds", "Lebanese pounds", "Egyptian pounds"), "pound", "currency", ""),
    (("baht",), "thai baht", "currency", ""),
    (("rupiah",), "indonesian rupiah", "currency", ""),
    (("zlotys", "zloty"), "polish zloty", "currency", ""),
    (("hryvnias", "hryvnia"), "ukrainian hryvnia", "currency", ""),
    (("bitcoins", "bitcoin", "BTC"), "bitcoin", "currency", ""),
    (("cents", "cent"), "cent", "currency", ""),
    (("pence", "penny"), "penny", "currency", ""),
    (("p",), "penny", "currency", "c"),
    (("sen",), "sen", "currency", "c"),
    # length
    (
        (
            "square kilometres",
            "square kilometers",
            "square kilometre",
            "square kilometer",
            "square-kilometers",
            "square-kilometres",
            "sq km",
            "sq. km",
            "km²",
            "km2",
            "sqkm",
        ),
        "square kilometre",
        "area",
        "",
    ),
    (
        (
            "square metres",
            "square meters",
            "square metre",
            "square meter",
            "sq m",
            "sq. m",
            "sqm",
            "m²",
            "m2",
        ),
        "square metre",
        "area",
        "",
    ),
    (("square miles", "square mile", "sq mi", "sq miles", "sq. miles"), "square mile", "area", ""),
    (
        ("square feet", "square foot", "sq ft", "sq. ft", "sq. ft.", "sqft", "ft²", "ft2"),
        "square foot",
        "area",
        "",
    ),
    (("square centimetres", "square centimeters", "cm²", "cm2"), "square centimetre", "area", ""),
    (("acres", "acre"), "acre", "area", ""),
    (("hectares", "hectare", "ha"), "hectare", "area", ""),
    (("kilometres", "kilometers", "kilometre", "kilometer", "km", "kms"), "kilometre", "length", ""),
    (("metres", "meters", "metre", "meter"), "metre", "length", ""),
    (("m",), "metre", "length", "c"),
    (("centimetres", "centimeters", "centimetre", "centimeter", "cm"), "centimetre", "length", ""),
    (("millimetres", "millimeters", "millimetre", "millimeter", "mm"), "millimetre", "length", ""),
    (
        ("micrometres", "micrometers", "micrometre", "micrometer", "microns", "micron", "μm", "µm"),
        "micrometre",
        "length",
        "",
    ),
    (("nanometres", "nanometers", "nanometre", "nanometer"), "nanometre", "length", ""),
    (("nm",), "nanometre", "length", "c"),
    (("miles", "mile", "mi"), "mile", "length", ""),
    (("nautical miles", "nautical mile"), "nautical mile", "length", ""),
    (("yards", "yard", "yds", "yd"), "yard", "length", ""),
    (("feet", "foot", "ft", "′"), "foot", "length", ""),
    (("inches", "inch", "″", "in."), "inch", "length", ""),
    (("light years", "light-years", "light year", "light-year"), "light-year", "length", ""),
    # volume
    (("cubic feet", "cubic foot", "cu ft"), "cubic foot", "volume", ""),
    (("cubic metres", "cubic meters", "cubic metre", "cubic meter", "m³", "m3"), "cubic metre", "volume", ""),
    (("litres", "liters", "litre", "liter"), "litre", "volume", ""),
    (("l", "L"), "litre", "volume", "ac"),
    (("millilitres", "milliliters", "millilitre", "milliliter", "ml", "mL"), "millilitre", "volume", ""),
    (("gallons", "gallon", "gal"), "gallon", "volume", ""),
    (("barrels of oil", "barrel of oil"), "barrel of oil", "volume", ""),
    (("barrels", "barrel", "bbl"), "barrel", "volume", ""),
    (("bpd", "b/d"), "barrel per day", "volume", ""),
    (("pints", "pint"), "pint", "volume", ""),
    (("quarts", "quart"), "quart", "volume", ""),
    (("fluid ounces", "fl oz"), "fluid ounce", "volume", ""),
    (("tablespoons", "tablespoon", "tbsp"), "tablespoon", "volume", ""),
    (("teaspoons", "teaspoon", "tsp"), "teaspoon", "volume", ""),
    (("cups", "cup"), "cup", "volume", ""),
    # mass
    (
        ("kilograms", "kilogrammes", "kilogram", "kilogramme", "kilos", "kilo", "kg", "kgs"),
        "kilogram",
        "mass",
        "",
    ),
    (("grams", "grammes", "gram", "gramme"), "gram", "mass", ""),
    (("g",), "gram", "mass", "ac"),
    (("milligrams", "milligram", "milligrammes", "milligramme", "mg"), "milligram", "mass", ""),
    (("micrograms", "microgram", "microgrammes", "microgramme", "μg", "µg", "mcg"), "microgram", "mass", ""),
    (("metric tons", "metric tonnes", "metric ton", "tonnes", "tonne"), "metric ton", "mass", ""),
    (("t",), "metric ton", "mass", "ac"),
    (("tons", "ton"), "ton", "mass", ""),
    (("pounds", "pound", "lbs", "lb"), "pound-mass", "mass", ""),
    (("ounces", "ounce", "oz"), "ounce", "mass", ""),
    (("carats", "carat"), "carat", "mass", ""),
    # speed
    (("mph",), "mile per hour", "speed", ""),
    (("km/h", "km/hr", "kph", "kmph", "kmh"), "kilometre per hour", "speed", ""),
    (("m/s",), "metre per second", "speed", ""),
    (("knots", "knot"), "knot", "speed", ""),
    (("mpg",), "mile per gallon", "other", ""),
    (("rpm",), "revolutions per minute", "other", ""),
    # energy and power
    (
        ("kilowatt-hours", "kilowatt hours", "kilowatt-hour", "kilowatt hour", "kWh"),
        "kilowatt hour",
        "energy",
        "",
    ),
    (
        ("megawatt-hours", "megawatt hours", "megawatt-hour", "megawatt hour", "MWh"),
        "megawatt hour",
        "energy",
        "",
    ),
    (
        ("gigawatt-hours", "gigawatt hours", "gigawatt-hour", "gigawatt hour", "GWh"),
        "gigawatt hour",
        "energy",
        "",
    ),
    (
        ("terawatt-hours", "terawatt hours", "terawatt-hour", "terawatt hour", "TWh"),
        "terawatt hour",
        "energy",
        "",
    ),
    (("watts", "watt", "W"), "watt", "power", "c"),
    (("kilowatts", "kilowatt", "kW"), "kilowatt", "power", ""),
    (("megawatts", "megawatt", "MW"), "megawatt", "power", ""),
    (("gigawatts", "gigawatt", "GW"), "gigawatt", "power", ""),
    (("horsepower", "hp"), "horsepower", "power", ""),
    (("bhp", "brake horsepower"), "brake horsepower", "power", ""),
    (("PS",), "horsepower", "power", "c"),
    (("pound-feet", "pound-foot", "lb-ft", "lb ft"), "pound-foot", "other", ""),
    (("Nm", "newton metres", "newton meters", "newton-metres"), "newton metre", "other", "c"),
    (("volts", "volt", "V"), "volt", "other", "c"),
    (("milliampere-hours", "mAh"), "milliampere-hour", "energy", ""),
    (("amps", "amperes", "ampere"), "ampere", "other", ""),
    (("kilocalories", "kcal", "calories", "calorie"), "calorie", "energy", ""),
    (("joules", "joule"), "joule", "energy", ""),
    (("gigapascals", "gigapascal", "GPa"), "gigapascal", "other", ""),
    (("psi",), "pound per square inch", "other", ""),
    (("decibels", "decibel", "dB"), "decibel", "other", ""),
    (("hertz", "Hz"), "hertz", "other", ""),
    (("kilohertz", "kHz"), "kilohertz", "other", ""),
    (("megahertz", "MHz"), "megahertz", "other", ""),
    (("gigahertz", "GHz"), "gigahertz", "other", ""),
    # data
    (("gigabytes", "gigabyte", "GB"), "gigabyte", "data", ""),
    (("megabytes", "megabyte", "MB"), "megabyte", "data", "c"),
    (("terabytes", "terabyte", "TB"), "terabyte", "data", ""),
    (("kilobytes", "kilobyte", "KB", "kB"), "kilobyte", "data", "c"),
    (("petabytes", "petabyte", "PB"), "petabyte", "data", ""),
    (("megabits", "megabit", "Mb"), "megabit", "data", "c"),
    (("bits", "bit"), "bit", "data", ""),
    (("Gbps", "Gb/s"), "gigabit per second", "data", ""),
    (("Mbps", "Mb/s"), "megabit per second", "data", ""),
    # temperature ("C" and "F" alone only in capitals; after "degrees" any case)
    (("Celsius", "C", "°C", "ºC", "° C", "℃"), "celsius", "temperature", "c"),
    (("Fahrenheit", "°F", "ºF", "° F", "℉"), "fahrenheit", "temperature", "c"),
    (
        (*_degrees(("celsius", "celcius", "centigrade", "c")), "celsius", "celcius", "centigrade"),
        "celsius",
        "temperature",
        "",
    ),
    (
        (*_degrees(("fahrenheit", "farenheit", "f")), "fahrenheit", "farenheit"),
        "fahrenheit",
        "temperature",
        "",
    ),
    (("degrees", "degree", "deg", "°"), "degree", "other", ""),
    # time (durations)
    (("milliseconds", "millisecond", "ms"), "millisecond", "time", ""),
    (("seconds", "second", "secs", "sec"), "second", "time", ""),
    (("minutes", "minute", "mins", "min"), "minute", "time", ""),
    (("hours", "hour", "hrs", "hr"), "hour", "time", ""),
    (("h",), "hour", "time", "ac"),
    (("days", "day"), "day", "time", ""),
    (("weeks", "week"), "week", "time", ""),
    (("months", "month"), "month", "time", ""),
    (("years", "year", "yrs", "yr"), "year", "time", ""),
    (("decades", "decade"), "decade", "time", ""),
    (("centuries", "century"), "century", "time", ""),
    # ages
    (
        (
            "years old",
            "year old",
            "-year-old",
            "year-old",
            "years-old",
            "-years-old",
            "years of age",
            "year olds",
            "year-olds",
        ),
        "year of age",
        "age",
        "",
    ),
    (("months old", "month old", "month-old", "-month-old", "months-old"), "month of age", "age", ""),
    (("weeks old", "week-old", "week old"), "week of age", "age", ""),
    (("days old", "day-old", "day old"), "day of age", "age", ""),
    # ratios and others
    (("times", "fold", "-fold"), "count", "ratio", ""),
    (("parts per million", "ppm"), "parts-per-million", "other", ""),
    (("parts per billion", "ppb"), "parts-per-billion", "other", ""),
]

# Words that can follow "per", "a", "an" or "/" after a unit ("$80 per sq m", "$3500 a month").
_DENOMINATORS: list[tuple[tuple[str, ...], str]] = [
    (("square foot", "square feet", "sq ft", "sq. ft", "sqft"), "square foot"),
    (("square metre", "square meter", "sq m", "sq. m", "sqm", "m2", "m²"), "square metre"),
    (("share",), "share"),
    (("barrel", "bbl"), "barrel"),
    (("ounce", "oz"), "ounce"),
    (("gallon",), "gallon"),
    (("litre", "liter"), "litre"),
    (("tonne", "ton", "metric ton"), "metric ton"),
    (("kilogram", "kilo", "kg"), "kilogram"),
    (("pound", "lb"), "pound-mass"),
    (("gram", "gramme", "g"), "gram"),
    (("dozen",), "dozen"),
    (("hour", "hr", "h"), "hour"),
    (("minute", "min"), "minute"),
    (("second", "sec", "s"), "second"),
    (("day",), "day"),
    (("night",), "night"),
    (("week",), "week"),
    (("month",), "month"),
    (("year", "annum"), "year"),
    (("decade",), "decade"),
    (("century",), "century"),
    (("capita", "head", "person", "person"), "person"),
    (("mile", "mi"), "mile"),
    (("kilometre", "kilometer", "km"), "kilometre"),
    (("kilowatt hour", "kilowatt-hour", "kWh"), "kilowatt hour"),
    (("megawatt hour", "megawatt-hour", "MWh"), "megawatt hour"),
    (("mmBTU", "MMBtu", "million British thermal units"), "mega british thermal unit"),
    (("unit",), "unit"),
    (("game",), "game"),
    (("acre",), "acre"),
    (("hectare",), "hectare"),
]
_TIME_DENOMINATORS = {
    "hour",
    "minute",
    "second",
    "day",
    "night",
    "week",
    "month",
    "year",
    "decade",
    "century",
}
_ARTICLE_DENOMINATORS = _TIME_DENOMINATORS | {
    "share",
    "barrel",
    "ounce",
    "gallon",
    "litre",
    "metric ton",
    "kilogram",
    "pound-mass",
    "person",
    "unit",
    "game",
    "dozen",
}
"""After "a"/"an" only these read as a rate ("$3500 a month", "$70 a share"); "5 miles a car" does not."""


def _alternation(entries: list[tuple[str, str, str]]) -> tuple[re.Pattern[str], list[tuple[str, str, str]]]:
    """One regex of named groups ``u0..uN``, longest surface first, with per-entry case handling."""
    ordered = sorted(enumerate(entries), key=lambda e: -len(e[1][0]))
    parts = []
    for idx, (surface, _norm, flags) in ordered:
        frag = re.escape(surface).replace(r"\ ", r"\s?" if len(surface) <= 6 else r"\s+")
        frag = frag if "c" in flags else f"(?i:{frag})"
        parts.append(f"(?P<u{idx}>{frag})")
    return re.compile("(?:" + "|".join(parts) + ")"), entries


_FLAT: list[tuple[str, str, str]] = []
_META: list[tuple[str, str]] = []
for _surfaces, _norm, _kind, _flags in _ENTRIES:
    for _s in _surfaces:
        _FLAT.append((_s, _norm, _flags))
        _META.append((_kind, _flags))


def _by_first_char() -> dict[str, re.Pattern[str]]:
    """One small regex per first character: trying ~450 alternatives at every number is the slow part."""
    groups: dict[str, list[int]] = {}
    for i, (surface, _norm, _flags) in enumerate(_FLAT):
        groups.setdefault(surface[0].lower(), []).append(i)
    out = {}
    for first, idxs in groups.items():
        parts = []
        for i in sorted(idxs, key=lambda k: -len(_FLAT[k][0])):
            surface, _norm, flags = _FLAT[i]
            frag = re.escape(surface).replace(r"\ ", r"\s?" if len(surface) <= 6 else r"\s+")
            frag = frag if "c" in flags else f"(?i:{frag})"
            parts.append(f"(?P<u{i}>{frag})")
        out[first] = re.compile("(?:" + "|".join(parts) + r")(?![A-Za-z0-9²³])")
    return out


_UNIT_BY_CHAR = _by_first_char()
_SEP_RE = re.compile(r"[^\S\n\r]?-?[^\S\n\r]?")

_DEN_FLAT = [(s, norm, "") for surfaces, norm in _DENOMINATORS for s in surfaces]
_DEN_RE, _ = _alternation(_DEN_FLAT)
_PER_RE = re.compile(
    r"[^\S\n\r]*-?[^\S\n\r]*(?P<per>per|/|an?(?=[^\S\n\r]|-))(?:[^\S\n\r]|-)*"
    + _DEN_RE.pattern
    + r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def unit_after(text: str, pos: int) -> UnitMatch | None:
    """The unit written at ``text[pos:]`` (after a number), with a rate ("per barrel", "a month")."""
    sep_end = _SEP_RE.match(text, pos).end()  # type: ignore[union-attr]  # matches the empty string
    if sep_end >= len(text):
        return None
    rx = _UNIT_BY_CHAR.get(text[sep_end].lower())
    if rx is None:
        return None
    m = rx.match(text, sep_end)
    if m is None or m.lastgroup is None:
        return None
    idx = int(m.lastgroup[1:])
    _surface, norm, flags = _FLAT[idx]
    kind, _ = _META[idx]
    if "a" in flags and sep_end > pos:
        return None
    start = m.start()
    end = m.end()
    norm, end = _with_rate(text, norm, end)
    return UnitMatch(start=start, end=end, surface=text[start:end], normalized=norm, kind=kind)


def rate_after(text: str, pos: int) -> tuple[str, int] | None:
    """A rate written after a currency amount ("$80 per sq m", "$3500 a month"): (denominator, end)."""
    m = _PER_RE.match(text, pos)
    if m is None or m.lastgroup is None:
        return None
    den = _DEN_FLAT[int(m.lastgroup[1:])][1]
    if m.group("per").lower() in {"a", "an"} and (
        den not in _ARTICLE_DENOMINATORS or _NOT_RATE_AFTER_RE.match(text, m.end())
    ):
        return None
    return den, m.end()


_NOT_RATE_AFTER_RE = re.compile(r"\s+(?:earlier|ago|later|before|after|prior|on|from|since)\b", re.IGNORECASE)
""""$6.78 billion a year earlier" is an amount a year ago, not a yearly rate."""


def _with_rate(text: str, norm: str, end: int) -> tuple[str, int]:
    rate = rate_after(text, end)
    if rate is None:
        return norm, end
    den, rate_end = rate
    return f"{norm} per {den}", rate_end


# Currency signs and codes written before the number: ("US$", "HK$", "$A", "£", "€", "Y=", "PS" ...).
_CURRENCY_BEFORE: list[tuple[str, str, int]] = [
    (r"(?i:USD)\s?\$\s?", "dollar", 0),
    (r"(?i:AUD)\s?\$\s?", "australian dollar", 0),
    (r"(?i:CAD)\s?\$\s?", "canadian dollar", 0),
    (r"(?i:NZD)\s?\$\s?", "new zealand dollar", 0),
    (r"(?i:HKD)\s?\$\s?", "hong kong dollar", 0),
    (r"(?i:MXN|Mex)\s?\$\s?", "mexican peso", 0),
    (r"(?i:US|U\.S\.)\s?\$\s?", "dollar", 0),
    (r"\$\s?(?i:US|U\.S\.)\s?", "dollar", 0),
    (r"(?i:HK)\s?\$\s?", "hong kong dollar", 0),
    (r"(?i:NZ)\s?\$\s?", "new zealand dollar", 0),
    (r"(?i:NT)\s?\$\s?", "new taiwan dollar", 0),
    (r"(?:C|c|CA|Can|CDN)\s?\$\s?", "canadian dollar", 0),
    (r"\$\s?(?:C|CA|Can)\s?", "canadian dollar", 0),
    (r"(?:A|AU)\s?\$\s?", "australian dollar", 0),
    (r"\$\s?(?:A|AU)\s?", "australian dollar", 0),
    (r"S\s?\$\s?", "singapore dollar", 0),
    (r"R\s?\$\s?", "brazilian real", 0),
    (r"\$\s?", "dollar", 0),
    (r"£\s?", "pound sterling", 0),
    (r"PS", "pound sterling", 0),  # "£" as text tools transliterate it ("PS2.7m")
    (r"€\s?", "euro", 0),
    (r"¥\s?|Y=\s?", "japanese yen", 0),  # "Y=" is how transliteration writes ¥
    (r"₹\s?|Rs\.?\s?|INR\s?", "indian rupee", 0),
    (r"₪\s?|NIS\s?", "shekel", 0),
    (r"₩\s?", "south korean won", 0),
    (r"₽\s?", "russian ruble", 0),
    (r"₺\s?", "turkish lira", 0),
    (r"RM\s?", "malaysian ringgit", 0),
    (r"(?i:USD)\s?", "dollar", 0),
    (r"(?i:EUR)\s?", "euro", 0),
    (r"(?i:GBP)\s?", "pound sterling", 0),
    (r"(?i:JPY)\s?", "japanese yen", 0),
    (r"(?i:CNY|RMB)\s?", "chinese yuan", 0),
    (r"(?i:CHF)\s?", "swiss franc", 0),
    (r"(?i:AUD)\s?", "australian dollar", 0),
    (r"(?i:CAD)\s?", "canadian dollar", 0),
    (r"₿\s?|BTC\s?", "bitcoin", 0),
]
_CURRENCY_BEFORE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    + "|".join(f"(?P<c{i}>{p})" for i, (p, _n, _x) in enumerate(_CURRENCY_BEFORE))
    + r")\Z"
)


def currency_before(text: str, pos: int) -> UnitMatch | None:
    """The currency sign or code that ends right at ``pos`` (before a number), if any."""
    window_start = max(0, pos - 8)
    window = text[window_start:pos]
    # try every suffix of the window, longest first, so "US$" wins over "$"
    for offset in range(len(window)):
        m = _CURRENCY_BEFORE_RE.match(window, offset)
        if m is not None and m.lastgroup is not None:
            if offset > 0 and window[offset - 1].isalnum():
                continue
            norm = _CURRENCY_BEFORE[int(m.lastgroup[1:])][1]
            start = window_start + offset
            return UnitMatch(
                start=start, end=pos, surface=text[start:pos].strip(), normalized=norm, kind="currency"
            )
    return None


_CURRENCY_SUFFIX_RE = re.compile(r"[^\S\n\r]?(?:US|U\.S\.)(?![A-Za-z])")
""""$76 US", "$75 U.S. per barrel": the country after a dollar amount belongs to the currency."""


def currency_suffix(text: str, pos: int) -> int:
    m = _CURRENCY_SUFFIX_RE.match(text, pos)
    return m.end() if m else pos


_IRREGULAR = {
    "people": "people",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "geese": "goose",
    "mice": "mouse",
    "personnel": "personnel",
    "police": "police",
    "staff": "staff",
    "data": "data",
    "news": "news",
    "series": "series",
    "species": "species",
    "aircraft": "aircraft",
    "sheep": "sheep",
    "fish": "fish",
    "deer": "deer",
    "criteria": "criterion",
    "analyses": "analysis",
    "crises": "crisis",
    "bases": "base",
    "indices": "index",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "leaves": "leaf",
    "halves": "half",
    "thieves": "thief",
    "wolves": "wolf",
    "shelves": "shelf",
    "viruses": "virus",
    "bonuses": "bonus",
    "campuses": "campus",
    "censuses": "census",
    "buses": "bus",
    "statuses": "status",
    "surpluses": "surplus",
    "circuses": "circus",
    "specimens": "specimen",
}
_MEN_SINGULAR = frozenset(["specimen", "omen", "abdomen", "stamen", "regimen", "acumen", "hymen", "amen"])
_NOT_PLURAL = {
    "us",
    "gas",
    "bus",
    "news",
    "physics",
    "economics",
    "politics",
    "series",
    "species",
    "ss",
    "is",
    "was",
    "has",
    "this",
    "its",
    "his",
    "chaos",
    "bias",
    "lens",
    "status",
    "virus",
    "campus",
    "census",
    "corpus",
    "focus",
    "bonus",
    "plus",
    "minus",
    "thus",
    "yes",
    "kudos",
    "isis",
    "texas",
    "paris",
    "analysis",
    "crisis",
    "basis",
    "thesis",
    "diagnosis",
    "mass",
    "glass",
    "class",
    "grass",
    "press",
    "process",
    "access",
    "success",
    "business",
    "loss",
    "boss",
    "cross",
    "dress",
    "address",
    "congress",
    "progress",
    "express",
    "witness",
    "fitness",
    "illness",
    "sickness",
    "weakness",
    "awareness",
    "darkness",
}


def singular(word: str) -> str:
    """A plural English noun made singular, lowercased ("soldiers" → "soldier", "bases" → "base").

    Only used to compare and normalise unit nouns; the parser's lemmatizer is not run (it costs time
    the pipeline does not have), and these rules cover the nouns that count things in news.
    """
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w in _NOT_PLURAL or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("men") and w not in _MEN_SINGULAR and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "zes", "sses", "oes")) and not w.endswith(("aches", "oches")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("'s"):
        return w[:-1]
    return w


def normalize_unit_phrase(words: list[str]) -> str:
    """A count-noun unit: lowercased words, the last one singular ("Syrian rebels" → "syrian rebel")."""
    ws = [w.lower() for w in words if w]
    if not ws:
        return ""
    ws[-1] = singular(ws[-1])
    return " ".join(ws)


_SYMBOLS = {
    "percentage": "%",
    "percentage point": "pp",
    "basis point": "bp",
    "dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "japanese yen": "JPY",
    "chinese yuan": "CNY",
    "indian rupee": "INR",
    "pakistani rupee": "PKR",
    "swiss franc": "CHF",
    "canadian dollar": "CAD",
    "australian dollar": "AUD",
    "hong kong dollar": "HKD",
    "new zealand dollar": "NZD",
    "singapore dollar": "SGD",
    "new taiwan dollar": "TWD",
    "brazilian real": "BRL",
    "shekel": "ILS",
    "russian ruble": "RUB",
    "turkish lira": "TRY",
    "south korean won": "KRW",
    "south african rand": "ZAR",
    "malaysian ringgit": "MYR",
    "mexican peso": "MXN",
    "danish krone": "DKK",
    "swedish krona": "SEK",
    "norwegian krone": "NOK",
    "uae dirham": "AED",
    "saudi riyal": "SAR",
    "bitcoin": "BTC",
    "square kilometre": "km²",
    "square metre": "m²",
    "square mile": "sq mi",
    "square foot": "sq ft",
    "kilometre": "km",
    "metre": "m",
    "centimetre": "cm",
    "millimetre": "mm",
    "micrometre": "μm",
    "nanometre": "nm",
    "mile": "mi",
    "foot": "ft",
    "inch": "in",
    "yard": "yd",
    "kilogram": "kg",
    "gram": "g",
    "milligram": "mg",
    "microgram": "μg",
    "metric ton": "t",
    "pound-mass": "lb",
    "ounce": "oz",
    "litre": "L",
    "millilitre": "mL",
    "mile per hour": "mph",
    "kilometre per hour": "km/h",
    "celsius": "°C",
    "fahrenheit": "°F",
    "watt": "W",
    "kilowatt": "kW",
    "megawatt": "MW",
    "gigawatt": "GW",
    "kilowatt hour": "kWh",
    "megawatt hour": "MWh",
    "gigawatt hour": "GWh",
    "terawatt hour": "TWh",
    "gigabyte": "GB",
    "megabyte": "MB",
    "terabyte": "TB",
    "hectare": "ha",
    "horsepower": "hp",
    "year of age": "years old",
    "month of age": "months old",
    "count": "times",
}


def symbol_for(normalized: str) -> str:
    """The short unit for a normalised name ("dollar" → "USD", "square kilometre" → "km²"); rates join
    with "/" ("dollar per barrel" → "USD/barrel"); names without a symbol stay as they are."""
    if normalized in _SYMBOLS:
        return _SYMBOLS[normalized]
    if " per " in normalized:
        num, den = normalized.split(" per ", 1)
        return f"{_SYMBOLS.get(num, num)}/{_SYMBOLS.get(den, den)}"
    return _SYMBOLS.get(normalized, normalized)
