"""Text normalisation for address matching: width, script, numerals, markers and noise.

``normalise`` turns any spelling of a door-plate address into one canonical character string
in which every number is ASCII and is followed by one of the canonical markers 组 号 幢 单元 室
(or stands bare, or in a ``3-2-301`` run). Names are left as written, apart from traditional
characters, which become simplified.
"""

import re
import unicodedata
from functools import lru_cache

# Traditional → simplified for the characters that occur in county addresses (place names,
# roads, estates, surnames and the address markers). A deliberate, small table: one-to-many
# characters whose simplified form depends on context (乾/干, 里/裏, 范/範 …) are left out.
# fmt: off
_TRADITIONAL = (
    "東嚴鄉倉優體蘭興馮鳳劉華區單衛縣葉號吳啟園國場夾孫學寶實壽層廣莊廟張當報舊楊楓棟橋樓湯"
    "澤潔潯濱灣漊靈愛獨環璉畫碩紅練組織綠聯勝蘆範蕩營蔣許費趙邊遷進遞鬱鐘鍾錢鋪鋒錦鎮長門陽"
    "隊陸陳韓顧飛館馬魚魯黃齊龍廄嘯處壇島溝涇匯灘麗偉風雲發義樂書產儀們僑廠廳歷雙臺後員圍"
    "圖塊壩墾牆聲壯頭寧對將崗嶺師帶慶庫應開彎歸總戰揚護齋無時條來傑構標棧樹夢歡畢漢滬淺濟"
    "湧潤澗漸溫滿瀾熱瓏電暢蓋盤碼禮禎禪積窯競築糧紀緯紡線經紹維羅緣蘇榮蓮蕭藍觀覽賢貿資車"
    "軒輪輝達運還這遠連鄰鄭鋼銀鐵錫閘閣際順頤驛鴻鶴鵬凱賓廬儲亞萬業兩個為舉烏喬畝倫關養農"
    "岡剛勞勳醫協盧廈塢寬爾堯嶼嵐峽幫彌徑懷願數顯晉曉樸機權棗樣樺歐滄滸濤澱淵漁瀟潛燈燦爐"
    "煥現瑋瓊瑤鹽磯礦磚硤粵聰藝節蕪葦蒼蘋荊薈蔭萊鶯蠶譽誠詩誼謝譚貴賀賽躍轉遼邁過選鄧鄔郵"
    "鄒欽銅銘間閔閩陰陝韋韻領穎顏饒駿鮑鳥雞鳴鷺鷹麥強戶靜尋圓"
)
_SIMPLIFIED = (
    "东严乡仓优体兰兴冯凤刘华区单卫县叶号吴启园国场夹孙学宝实寿层广庄庙张当报旧杨枫栋桥楼汤"
    "泽洁浔滨湾溇灵爱独环琏画硕红练组织绿联胜芦范荡营蒋许费赵边迁进递郁钟钟钱铺锋锦镇长门阳"
    "队陆陈韩顾飞馆马鱼鲁黄齐龙厩啸处坛岛沟泾汇滩丽伟风云发义乐书产仪们侨厂厅历双台后员围"
    "图块坝垦墙声壮头宁对将岗岭师带庆库应开弯归总战扬护斋无时条来杰构标栈树梦欢毕汉沪浅济"
    "涌润涧渐温满澜热珑电畅盖盘码礼祯禅积窑竞筑粮纪纬纺线经绍维罗缘苏荣莲萧蓝观览贤贸资车"
    "轩轮辉达运还这远连邻郑钢银铁锡闸阁际顺颐驿鸿鹤鹏凯宾庐储亚万业两个为举乌乔亩伦关养农"
    "冈刚劳勋医协卢厦坞宽尔尧屿岚峡帮弥径怀愿数显晋晓朴机权枣样桦欧沧浒涛淀渊渔潇潜灯灿炉"
    "焕现玮琼瑶盐矶矿砖硖粤聪艺节芜苇苍苹荆荟荫莱莺蚕誉诚诗谊谢谭贵贺赛跃转辽迈过选邓邬邮"
    "邹钦铜铭间闵闽阴陕韦韵领颖颜饶骏鲍鸟鸡鸣鹭鹰麦强户静寻圆"
)
# fmt: on
assert len(_TRADITIONAL) == len(_SIMPLIFIED)  # noqa: S101 - a broken table must fail at import
T2S = str.maketrans(_TRADITIONAL, _SIMPLIFIED)

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = "[零〇○一二两三四五六七八九十百千]+"

# Province, city and county names a clerk may write before the township; stripped at the start.
ADMIN_PREFIXES = ("中国", "浙江省", "浙江", "嘉兴市", "嘉兴", "平湖市", "平湖")

# Words after the address that say nothing about it.
_NOISE_TAIL = re.compile(r"(?:附近|旁边|对面|边上|周边|一带|那边|这边|楼下|隔壁|左右|处)+$")
# Everything that is not a letter, a digit, a CJK character, '-' or '#' goes.
_DROP = re.compile(r"[^\w\-#]|_")
_DASH = re.compile(r"[‐‑‒–—―－~〜]")

# After numerals became digits: the many ways of writing a building, a group or a room.
_MARKERS = (
    (re.compile(r"(\d+)(?:号楼|栋|座|#)"), r"\1幢"),
    (re.compile(r"(\d+)(?:队|小组|生产队)"), r"\1组"),
    (re.compile(r"(\d+)(?:号房|房间|房|户)"), r"\1室"),
    (re.compile(r"(\d+)单(?!元)"), r"\1单元"),
)
# A Chinese numeral becomes a number only when a marker (or a dash, or the end) follows it,
# so names such as 三港新城 or 九里亭 keep their characters.
_NUMERAL_BEFORE_MARKER = re.compile(rf"({_NUMERAL})(?=号|组|队|幢|栋|座|单元|单|室|房|户|#|-|\d|$)")


def chinese_number(numeral: str) -> int:
    """一百二十八 → 128, 三〇一 → 301, 十二 → 12, 两 → 2."""
    if not any(c in _UNITS for c in numeral):
        return int("".join(str(_DIGITS[c]) for c in numeral))
    total = 0
    current = 0
    for char in numeral:
        if char in _UNITS:
            total += (current or 1) * _UNITS[char]
            current = 0
        else:
            current = _DIGITS[char]
    return total + current


def _numeral_to_digits(match: re.Match[str]) -> str:
    return str(chinese_number(match.group(1)))


def strip_prefixes(text: str, prefixes: tuple[str, ...] = ADMIN_PREFIXES) -> str:
    """Drop leading province, city and county names, in any order and combination."""
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            if text.startswith(prefix) and len(text) > len(prefix):
                text = text[len(prefix) :]
                changed = True
    return text


@lru_cache(maxsize=65536)
def normalise(text: str, prefixes: tuple[str, ...] = ADMIN_PREFIXES) -> str:
    """The canonical spelling of ``text`` for parsing; see the module docstring."""
    text = unicodedata.normalize("NFKC", text).translate(T2S)
    text = _DASH.sub("-", text)
    text = _DROP.sub("", text).lower()
    text = _NOISE_TAIL.sub("", text)
    text = strip_prefixes(text, prefixes)
    text = _NUMERAL_BEFORE_MARKER.sub(_numeral_to_digits, text)
    for pattern, replacement in _MARKERS:
        text = pattern.sub(replacement, text)
    return text
