"""The `regex` baseline of the numbers task: plain regular expressions, no training, a few units.
`predict(text)` returns a passage's mentions in the submission format, claim always false. Kept
under 60 lines on purpose (so not run through the formatter); its gap to the recognizer shows."""
import re

CN = "〇零一二两兩三四五六七八九十百千"
NUM = rf"(?:\d+(?:[.,]\d+)*|[{CN}]+)"
UNITS = {"元": "CNY", "美元": "USD", "%": "%", "吨": "t", "噸": "t", "公里": "km", "平方米": "m2"}
COUNT = "个個家项項人次户戶位批条條座辆輛列袋场場"
TRAD = str.maketrans("個項戶條輛場", "个项户条辆场")
SCALES = "万亿|萬億|亿|億|万|萬|千"
PATTERNS = [  # (category, pattern): earlier patterns win where matches overlap
    ("phone", r"\d{3,4}-\d{3,4}-\d{3,4}|1[3-9]\d{9}"),
    ("date", rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{4}}年(?:{NUM}月(?:{NUM}[日号]|底|初|份)?)?"
     rf"|{NUM}月{NUM}[日号]|\d{{1,2}}月(?:份|底|初)?|\d{{1,2}}日"),
    ("time", r"\d{1,2}:\d{2}(?::\d{2})?"),
    ("ordinal", rf"第{NUM}[{COUNT}届屆期轮輪]?"),
    ("duration", rf"{NUM}(?:个月|個月|天|小时|小時|周|年来|年來)"),
    ("quantity", rf"(?:约|超过|近)?\d+(?:[.,]\d+)*(?:{SCALES})?(?:多|余)?"
     rf"(?:{'|'.join(map(re.escape, UNITS))}|[{COUNT}])?(?:左右|以上)?"
     rf"|[{CN}]+(?:{SCALES})?(?:{'|'.join(map(re.escape, UNITS))}|[{COUNT}])"),
]
REGEX = re.compile("|".join(f"(?P<{c}>{p})" for c, p in PATTERNS))
SCALE = {"万亿": 12, "萬億": 12, "亿": 8, "億": 8, "万": 4, "萬": 4, "千": 3}  # powers of ten
DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2, "兩": 2}
APPROX = {"约": "about", "近": "about", "左右": "about", "超过": "at_least", "多": "at_least"}
APPROX |= {"余": "at_least", "以上": "at_least"}
DURATIONS = {"天": "d", "小时": "h", "小時": "h", "个月": "mo", "個月": "mo", "周": "wk"}


def number(s):
    if re.fullmatch(r"[\d.,]+", s):
        return float(s.replace(",", ""))
    tens, ten, ones = s.partition("十")
    if all(c in DIGIT for c in tens + ones) and len(tens) <= 1 and len(ones) <= 1 and s:
        return float(DIGIT.get(tens, 1) * 10 + DIGIT.get(ones, 0) if ten else DIGIT[s])
    return None


def predict(text):
    out = []
    for m in REGEX.finditer(text):
        category, s = m.lastgroup, m.group()
        item = {"start": m.start(), "end": m.end(), "category": category, "number": None,
                "low": None, "high": None, "unit": None, "approx": None, "claim": False}
        if category in ("quantity", "duration"):
            approx = next((APPROX[w] for w in APPROX if w in s), "exact")
            s = re.sub("约|超过|近|左右|以上", "", s)
            head = re.match(NUM, s).group()
            rest = s[len(head):]
            scale = next((k for k in SCALE if rest.startswith(k)), "")
            unit = rest[len(scale):].lstrip("多余")
            if (value := number(head)) is None:
                continue
            code = DURATIONS.get(unit, "a") if category == "duration" else \
                UNITS.get(unit, f"count:{unit.translate(TRAD)}" if unit else None)
            item.update(number=float(f"{value!r}e{SCALE.get(scale, 0)}"), unit=code, approx=approx)
        out.append(item)
    return out
