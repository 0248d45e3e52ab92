"""The vocabularies question understanding reads: data, not code.

Every entry is written in folded form (lower case, no diacritics, "đ" → "d"), because
questions are matched on folded text so that unaccented typing works the same. Patterns
are regular-expression fragments matched on word boundaries of the folded question.
Nothing here is specific to one plan: agency names themselves come from the index's own
section headings (see ``agencies.py``); these tables hold only how people *refer* to them.
The words that ask (``QUESTION_WORD_FORMS``) are written with their marks and folded here,
because a question typed with marks is read with them ("có" asks, "cơ" names).
"""

from __future__ import annotations

from assistant.text import accent_key, fold_diacritics

# --- agencies -------------------------------------------------------------------------------

# Words that open an agency's name in a question ("Sở Tư pháp", "phòng tư pháp", "ngành y tế").
# "bo" (a ministry) is deliberately absent: "Bộ Tư pháp" is not "Sở Tư pháp".
# "bên tư pháp", "phía y tế": how callers name a body by its field.
AGENCY_PREFIXES: tuple[str, ...] = (
    "so", "phong", "nganh", "co quan", "don vi", "ban", "ben", "phia",
)  # fmt: skip
# The initial letter of a prefix typed run into an agency's initials ("syt" = Sở Y tế,
# "pgd" = Phòng Giáo dục): either level, as "Phòng Tư pháp" ≈ "Sở Tư pháp".
PREFIX_INITIALS: tuple[str, ...] = ("s", "p")
# Chat words that spell like a prefix and initials but mean something else ("stt" = số thứ
# tự, "sdt" = số điện thoại, "pgs" = phó giáo sư).
NOT_AGENCY_INITIALS: frozenset[str] = frozenset(["stt", "sdt", "sdtt", "pgs", "ptt"])
# heads of a people's committee's name, before the level it governs ("UBND các quận")
COUNCIL_HEADS: tuple[str, ...] = ("ubnd", "uy ban nhan dan")

# Bodies a question can name that no plan's assignment heading is for; a question naming
# one must be answered from a passage that names it too, or told the plans do not say.
OTHER_BODIES: tuple[str, ...] = (
    "bo doi bien phong",
    "bien phong",
    "bo tu phap",
    "bo y te",
    "bo cong an",
    "bo giao duc va dao tao",
    "bo giao duc",
    "bo lao dong thuong binh va xa hoi",
    "bo lao dong",
    "bo tai chinh",
    "bo noi vu",
    "bo quoc phong",
    "bo ngoai giao",
    "bo van hoa",
    "bo thong tin va truyen thong",
    "bo ke hoach va dau tu",
    "quan doi",
    "cuc tre em",
    "cuc quan ly xuat nhap canh",
    "toa an",
    "vien kiem sat",
    "benh vien",
    "ngan hang",
    "bao hiem xa hoi",
    # the tax office by a body's word: a bare "thuế" folds as "thuê" (hire: "đi làm thuê")
    "co quan thue",
    "cuc thue",
    "chi cuc thue",
    "nganh thue",
    "ben thue",
    "hai quan",
    "kiem lam",
    "chi cuc dan so",
    "quoc hoi",
    "chinh phu",
    "thu tuong",
)

# Words that open a body's name, whatever body it is ("Bộ Chỉ huy Quân sự tỉnh", "Cục Trẻ
# em", "Viện Kiểm sát"): a body the plans do not assign is still a body asked about. Head →
# words that, right after it, make it no body ("Bộ luật", "Hội nghị", "Ban hành", "Cục bộ").
# Heads in ``BODY_HEADS_ANY_CASE`` are read however typed; the others only written as a
# name, with a capital, and a capital on the word after ("Hội Nông dân", not "hội nghị";
# "Trung tâm Y tế", not "trung tâm của chính sách").
BODY_HEADS: dict[str, tuple[str, ...]] = {
    "bo chi huy": (),
    "bo tu lenh": (),
    "bo doi": (),
    "chi cuc": (),
    "toa an": (),
    "vien kiem sat": (),
    "hoc vien": (),
    "lien doan": (),
    "trung tam": ("diem",),
    "bo": ("luat", "tieu chi", "quy tac", "cong cu", "tai lieu", "chi so", "ho so", "phan",
           "mat", "may", "phim", "sach"),
    "cuc": ("bo",),
    "vien": ("tro", "phi", "chuc"),
    "hoi": ("nghi", "thi", "trai", "dien", "cho", "thao", "dong", "nhap", "dap", "tho"),
    "don": ("dien", "doc"),
    "quy": ("dinh", "tac", "trinh", "mo", "hoach"),
}  # fmt: skip
BODY_HEADS_ANY_CASE: frozenset[str] = frozenset(
    {"bo chi huy", "bo tu lenh", "bo doi", "chi cuc", "toa an", "vien kiem sat"}
)
# Words that end a body's name typed after its head: the level or place it serves ("Bộ Chỉ
# huy Quân sự *tỉnh*", "Hội Nông dân *thành phố*").
BODY_NAME_END: frozenset[str] = frozenset(
    {"tinh", "thanh", "tp", "huyen", "quan", "xa", "phuong", "thi", "cua", "va", "voi", "cho",
     "tai", "ve", "nao", "gi", "ai", "nhung", "cac", "khi", "de", "tham", "den"}
)  # fmt: skip
# Pairs that open with such a word yet go on naming the body ("Trung tâm Công tác *xã hội*",
# "Bộ Chỉ huy *Quân sự*"); a word of ``BODY_NAME_END`` written with a capital goes on too.
BODY_NAME_GOES_ON: tuple[str, ...] = ("xa hoi", "quan su", "quan ly", "thanh nien", "tu phap")
# Words of a generic list of bodies ("các sở, ban, ngành", "sở ngành", "phòng ban"): two or
# more of them in a row name every body of a level at once, not one of them.
LIST_HEAD_WORDS: tuple[str, ...] = ("so", "ban", "nganh", "phong")
# A body named after these words is set aside, not asked about ("Ngoài các sở, ngành, ...
# còn những cơ quan nào").
SETTING_ASIDE: tuple[str, ...] = ("ngoai",)
# Words before a body that make it the one a thing goes to or is done with ("chuyển thông
# tin cho ngành Lao động", "phối hợp với Công an", "báo cáo lên UBND"): in a question asking
# which body acts, such a body is part of the topic, not the one asked about. Folded.
RECEIVING: tuple[str, ...] = ("cho", "voi", "toi", "len", "ve", "den", "sang")
# Words that make bodies named together act together ("Sở Y tế và Sở Giáo dục phối hợp làm
# gì"): one question about their joint work, not one per body. Folded.
ACTING_TOGETHER: str = r"\b(?:phoi hop|cung nhau|cung|voi nhau|chung|lien nganh|lien tich)\b"
# The words that ask which body ("cơ quan nào", "ai"), folded: only these, not "chủ trì",
# make a question ask for the acting body.
WHICH_BODY_ASKED: str = r"\b(?:ai|(?:co quan|don vi|nganh|ben|so|phong|to chuc|luc luong) nao)\b"
# Category heads ("cơ quan", "đơn vị", "ngành") that, with a field and "nào" after ("cơ
# quan tư pháp nào") or "các"/"những" before, ask for the bodies of that field (Viện Kiểm
# sát, Tòa án), not the department named after it (Sở Tư pháp).
MEMBER_CATEGORIES: tuple[str, ...] = ("co quan", "don vi", "nganh")

# Agencies named by their own head rather than "Sở ...": key → folded phrases.
SELF_NAMED: dict[str, tuple[str, ...]] = {
    "cong an": ("cong an", "ca tinh", "ca thanh pho", "ca tp", "ca huyen", "ca quan", "cong an"),
    "mat tran": ("mat tran", "mttq", "uy ban mttq"),
    "ubnd": (
        "ubnd cac quan",
        "ubnd cac huyen",
        "ubnd huyen",
        "ubnd quan",
        "ubnd cac phuong",
        "ubnd xa",
        "ubnd phuong",
        "uy ban nhan dan cac quan",
        "uy ban nhan dan cac huyen",
        "uy ban nhan dan huyen",
        "uy ban nhan dan quan",
        "uy ban nhan dan cac phuong",
        "uy ban nhan dan phuong",
        "uy ban nhan dan xa",
        "chinh quyen cap xa",
        "cap huyen",
        "cap xa",
    ),
    "doan thanh nien": ("doan thanh nien", "thanh doan", "tinh doan", "doan tncs"),
    "hoi phu nu": ("hoi phu nu", "hoi lien hiep phu nu", "hoi lhpn", "hlhpn"),
}

# Chat shorthand hotline staff type ("nộp lệ phí bn", "làm ntn", "có dc ko"), lower case
# only ("K", "V" in capitals are letters of codes and numerals): read as the words they stand
# for before anything else reads the question.
CHAT_SHORTHAND: dict[str, str] = {
    "bn": "bao nhiêu",
    "bnh": "bao nhiêu",
    "ntn": "như thế nào",
    "ko": "không",
    "k": "không",
    "hok": "không",
    "dc": "được",
    "đc": "được",
    "j": "gì",
    "gj": "gì",
    "gi`": "gì",
    "ji": "gì",
    "vs": "với",
    "bh": "bao giờ",
    "trc": "trước",
    "cx": "cũng",
    "sdt": "số điện thoại",
    "sđt": "số điện thoại",
    # "so dt" typed plain is a phone number: no plan has a "Sở ĐT" (its "Sở GD&ĐT" is typed
    # "sgd"/"so gd"), and "Phòng/Ban Dân tộc" is never typed "sở"
    "so dt": "số điện thoại",
    "so đt": "số điện thoại",
    "so dthoai": "số điện thoại",
    "nhìu": "nhiều",
}

# Abbreviations whose letters are not simply the initials of the name's syllables.
ABBREVIATIONS: dict[str, str] = {
    "gd&dt": "giao duc va dao tao",
    "gd-dt": "giao duc va dao tao",
    "ld-tb&xh": "lao dong thuong binh va xa hoi",
    "ldtb&xh": "lao dong thuong binh va xa hoi",
    "tt&tt": "thong tin va truyen thong",
    "kh&dt": "ke hoach va dau tu",
    "vh,tt&dl": "van hoa the thao va du lich",
    "tc-kh": "tai chinh ke hoach",
}

# Compounds whose first word is an agency prefix but which name no agency ("cơ sở kinh
# doanh" is a business, not "Sở Kinh tế"): the prefix word is read as part of them.
PREFIX_COMPOUNDS: tuple[str, ...] = ("co so",)

# Words of an agency's name that say nothing about which agency it is.
AGENCY_FILLER: frozenset[str] = frozenset(
    ["va", "cac", "tinh", "thanh", "pho", "tp", "cua", "khac", "lien", "quan", "nganh"]
)

# Words of a question that cannot continue an agency's name ("Sở Y tế *trong* kế hoạch").
AGENCY_STOP: frozenset[str] = frozenset(
    ["trong", "theo", "o", "phai", "co", "duoc", "lam", "can", "se", "thi", "la", "nam", "gi"]
)

# --- who asks, not what is asked --------------------------------------------------------

# A self-introduction ("tôi là cán bộ phòng Lao động quận", "bên em làm ở Sở Y tế", "em là
# giáo viên"): opens a clause and runs to its end; it says who asks, not what is asked, so
# the bodies and places it names are not the question's. Folded regex fragments.
SELF_INTRODUCTION: str = (
    r"(?:toi|em|minh|chung toi|chung em"
    r"|(?:ben|phong|don vi|co quan|so|truong|nhom) (?:em|toi|minh|chung toi|chung em))\s+"
    r"(?:la|thuoc|o|(?:dang |hien )?(?:lam|lam viec|cong tac) (?:o|tai|trong)"
    # what the asker is busy with ("phòng tôi đang dự thảo kế hoạch ..."), not what befalls
    # them ("em đang bị bắt nạt" is the question's own topic)
    r"|(?:hien )?dang (?!bi\b)\w+"
    # the asker's duty ("tôi trực tổng đài", "em phụ trách mảng trẻ em"): who they are, not
    # what they ask ("tổng đài" there asks no number to call)
    r"|(?:hien |dang )?(?:truc|phu trach|quan ly|tu van|dieu phoi))\b"
)
# A greeting that opens a question ("Chào anh chị,", "Xin chào trợ lý!", "Dạ em chào anh
# chị,", "Kính gửi trợ lý,", "Dạ thưa trợ lý,").
GREETING: str = (
    r"(?:(?:da|vang|kinh)\s+)?(?:(?:em|toi|minh|chau|con)\s+)?(?:xin\s+)?chao\b"
    r"|kinh (?:gui|thua)\b|(?:da\s+)?thua\b"
)
# Clauses that go on describing the asker after a self-introduction ("tôi là giáo viên ...,
# đang soạn chuyên đề kỹ năng cho học sinh"): context too, up to the sentence's end. Folded.
INTRODUCTION_GOES_ON: tuple[str, ...] = (
    "dang", "hien dang", "vua", "moi", "muon", "can", "va", "phu trach", "lam", "cong tac",
    "thuoc", "o",
)  # fmt: skip
# Words that end a self-introduction without punctuation ("... quận cho tôi hỏi ...").
ASKING_OPENERS: tuple[str, ...] = (
    "cho toi hoi", "cho em hoi", "cho minh hoi", "cho hoi", "xin hoi", "muon hoi", "toi muon hoi",
    "em muon hoi", "xin cho hoi",
)  # fmt: skip
# Courtesy that opens a question and asks nothing ("Cho tôi hỏi với,", "Dạ, anh chị ơi,",
# "Xin trợ lý cho biết"), folded regex fragments; only taken at the very start.
COURTESY_OPENERS: tuple[str, ...] = (
    r"(?:da|vang|a)(?=\s*[,.!]|\s+(?:cho|xin|anh|chi|em|tro ly|ban|thua|lam on|vui long)\b)",
    r"(?:xin |vui long |lam on )?cho (?:toi |em |minh |chau |con |tui )?(?:duoc )?hoi"
    r"(?: voi| chut(?: xiu)?| ti| xiu| nhanh| nhe| la)*",
    r"(?:xin |vui long |lam on )?cho (?:toi |em |minh |chau |con |tui )?biet(?: voi)?",
    r"(?:toi|em|minh|chau) (?:muon |can |xin )?hoi(?: chut| ti| voi)*",
    r"xin hoi",
    r"hoi chut",
    r"(?:anh chi|anh|chi|ban|tro ly|ad|admin|bot) oi",
    r"(?:nho )?(?:anh chi|anh|chi|ban|tro ly) (?:cho|giup) (?:toi|em|minh) (?:hoi|biet)(?: voi)?",
    r"lam on",
    r"vui long",
)
# Particles that close a question and ask nothing ("... không vậy ạ?", "... là gì nhé"),
# as typed with marks; typed without them, only those no content word folds to.
CLOSING_PARTICLES: tuple[str, ...] = (
    "vậy ạ", "thế ạ", "ạ", "vậy", "nhé", "nhỉ", "nha", "à", "hả", "vậy nhỉ", "thế nhỉ",
    "với ạ", "với", "giúp tôi", "giúp em", "giúp mình", "giùm tôi", "giùm em", "dùm em",
    "giúp tôi với", "giúp em với", "ạ ạ", "thế",
)  # fmt: skip
CLOSING_PARTICLES_PLAIN: tuple[str, ...] = (
    "vay a", "vay", "nhe", "nhi", "nha", "giup toi", "giup em", "giup minh", "gium em",
    "dum em", "giup em voi", "giup toi voi", "voi a",
)  # fmt: skip
# The asker's own body in the question ("bên em", "phòng tôi", "đơn vị chúng tôi"): the one
# a self-introduction named.
# Levels of government that, alone as a clause's subject ("Phường phải ...", "xã tôi ..."),
# name their people's committee; and what follows such a subject (the asker's pronoun, a
# verb of duty, "có"), folded.
LEVEL_WORDS: tuple[str, ...] = ("thi tran", "thi xa", "phuong", "xa", "huyen", "quan")
LEVEL_SUBJECT_NEXT: tuple[str, ...] = (
    "toi", "chung toi", "minh", "em", "chung em", "ta", "chung ta", "phai", "co", "can",
    "duoc", "se", "nen", "cung", "lam", "chiu", "thi",
)  # fmt: skip
SELF_REFERENCE: str = (
    r"\b(?:(?:ben|phong|so|don vi|co quan|nganh|cap) (?:toi|em|minh|chung toi|chung em)"
    r"|chung toi|chung em)\b"
)

# --- places ---------------------------------------------------------------------------------

# Provinces and centrally-run cities (pre-2025 list) and well-known towns, folded: a question
# about a place the index has no plan for is answered "no plan covers it".
PLACES: tuple[str, ...] = tuple(
    p.strip()
    for p in """
an giang|ba ria vung tau|vung tau|bac giang|bac kan|bac lieu|bac ninh|ben tre|binh dinh|
binh duong|binh phuoc|binh thuan|ca mau|can tho|cao bang|da nang|dak lak|dak nong|dien bien|
dong nai|dong thap|gia lai|ha giang|ha nam|ha noi|ha tinh|hai duong|hai phong|hau giang|
hoa binh|hung yen|khanh hoa|kien giang|kon tum|lai chau|lam dong|lang son|lao cai|long an|
nam dinh|nghe an|ninh binh|ninh thuan|phu tho|phu yen|quang binh|quang nam|quang ngai|
quang ninh|quang tri|soc trang|son la|tay ninh|thai binh|thai nguyen|thanh hoa|thua thien hue|
hue|tien giang|tra vinh|tuyen quang|vinh long|vinh phuc|yen bai|
thanh pho ho chi minh|tp ho chi minh|tp hcm|sai gon|
da lat|nha trang|bien hoa|thu duc|ha long|buon ma thuot|pleiku|quy nhon|vinh|
phu quoc|sa pa|sapa|hoi an|my tho|rach gia|long xuyen|cam ranh|uong bi|mong cai
""".replace("\n", "").split("|")
    if p.strip()
)
# Abbreviations of places that users write for the place ("kế hoạch của hp"); only those
# that are no common abbreviation of something else ("dn" is "doanh nghiệp", "ct" "chỉ thị")
PLACE_ABBREVIATIONS: dict[str, str] = {
    "hn": "ha noi",
    "hp": "hai phong",
    # the city, never the bare "Hồ Chí Minh" the plans write in "Đoàn TNCS Hồ Chí Minh"
    "tphcm": "tp ho chi minh",
    "tp hcm": "tp ho chi minh",
    "hcm": "tp ho chi minh",
    "hcmc": "tp ho chi minh",
    "sg": "sai gon",
    # (a short form after ``NAMED_AFTER`` words is part of a name, not a place)
    # a city's initials after "tp"/"thành phố" ("tp dn"; "dn" alone is "doanh nghiệp")
    "tp dn": "da nang",
    "tp đn": "da nang",
    "thanh pho dn": "da nang",
}
# Words after which a place's short form is part of a person's or a body's name ("Đoàn
# TNCS HCM", "tư tưởng HCM", "Đội TNTP HCM"), not the city. Folded, matched on the words
# right before it.
NAMED_AFTER: tuple[str, ...] = (
    "tncs", "doan", "cong san", "thanh nien", "tntp", "tien phong", "doi", "chu tich", "bac",
    "tu tuong", "dao duc", "phong cach", "lang", "bao tang", "giai thuong", "huy hieu",
)  # fmt: skip
# A plan's locality typed as its initials ("cb" Cao Bằng, "lk" Long Khánh, "ct" Cần Thơ)
# is derived from the indexed plans (plans.py) and read as the place only where the
# context marks one, because initials are also common short forms ("cb" cán bộ, "ct" chỉ
# thị). Words before the initials that make them a place ("ở cb", "tỉnh cb", "kh ct",
# "quận huyện ct"):
INITIALS_AFTER: tuple[str, ...] = (
    "o", "tai", "tinh", "tp", "thanh pho", "kh", "ke hoach", "quan", "huyen", "thi xa",
    "dia ban",
)  # fmt: skip
# Weaker marks: "của" ("của ct"), an agency's name ("phòng tư pháp lk"), the start or the end
# of a short clause ("cb giao ai ...") mark a place unless the next words make the initials
# something else: "của cb xã" (cán bộ xã), "ct số 23", "ct về" (chỉ thị). Folded regex
# fragments matched right after the initials.
INITIALS_WEAK_AFTER: tuple[str, ...] = ("cua",)
INITIALS_NOT_BEFORE: tuple[str, ...] = (
    r"so \d+", r"so hieu", "xa", "phuong", "huyen", "quan", "tinh", "phong", "nganh", "doan",
    "hoi", "cap", "ve", "cua", "thuoc", "tw", "ttg", "ubnd", "tu phap", "y te", "lao dong",
    "cong an", "cong tac",
)  # fmt: skip
# At most this many words in a question whose first or last word is the initials alone.
INITIALS_SHORT: int = 16
# Place names that are also common syllables: only a place after one of these words.
AMBIGUOUS_PLACES: dict[str, str] = {
    "vinh": r"\b(?:tp|thanh pho|o|tai)\s+vinh\b",
    "hue": r"\b(?:tp|thanh pho|o|tai|tinh)\s+hue\b",
}
# Another country is out of scope too.
COUNTRIES: tuple[str, ...] = (
    "lao",
    "campuchia",
    "thai lan",
    "trung quoc",
    "han quoc",
    "nhat ban",
    "my",
    "phap",
    "singapore",
)

# --- everyday words → the plans' wording ---------------------------------------------------

# Hotline staff write "quán game", "lấy chồng sớm", "ai lo tiền"; the plans say "điểm dịch vụ
# trò chơi điện tử", "tảo hôn", "bố trí kinh phí". The keyword side searches both.
COLLOQUIAL: dict[str, str] = {
    "game": "trò chơi điện tử trực tuyến",
    "game online": "trò chơi trực tuyến",
    "online": "trực tuyến",
    "lay vo lay chong som": "tảo hôn",
    "lay chong som": "tảo hôn",
    "lay vo som": "tảo hôn",
    "cuoi som": "tảo hôn",
    "cuoi xin": "hôn nhân",
    "ho hang": "cận huyết thống",
    "lo tien": "bố trí kinh phí ngân sách",
    "tien": "kinh phí",
    "gom so lieu": "tổng hợp báo cáo",
    "hoc hanh": "giáo dục học tập",
    "nghi hoc": "bỏ học",
    "bo hoc": "bỏ học",
    "kham benh": "khám bệnh, chữa bệnh y tế",
    "tiem phong": "tiêm chủng",
    "chich ngua": "tiêm chủng",
    "mang xa hoi": "không gian mạng",
    "internet": "không gian mạng",
    "tren mang": "không gian mạng",
    "danh dap": "bạo lực",
    "bao hanh": "bạo lực",
    "hotline": "đường dây nóng tổng đài",
    "so dien thoai": "đường dây nóng tổng đài điện thoại",
    "goi dien": "đường dây nóng tổng đài điện thoại",
    "bao cho ai": "tổng đài điện thoại quốc gia bảo vệ trẻ em 111 thông báo tố giác",
    "goi cho ai": "tổng đài điện thoại quốc gia bảo vệ trẻ em 111",
    "bi xam hai": "xâm hại trẻ em",
    "che chan": "bảo vệ",
    "noi dung xau": "thông tin không có lợi",
    "noi dung doc hai": "thông tin không có lợi",
    "cac chau": "trẻ em",
    "cac be": "trẻ em",
    "con nit": "trẻ em",
    "giay khai sinh": "đăng ký khai sinh",
    "lam giay khai sinh": "đăng ký khai sinh",
    "mo coi": "hoàn cảnh đặc biệt",
    "luat su": "trợ giúp pháp lý",
    "xin con nuoi": "nuôi con nuôi",
    "nhan con nuoi": "nuôi con nuôi",
    "boi loi": "phòng, chống đuối nước",
    "chet duoi": "đuối nước",
    "ai lo": "chủ trì",
    "lay tu dau": "nguồn kinh phí ngân sách",
    # school levels as parents say them ("cấp 2"), as the plans write them
    "cap 1": "tiểu học",
    "cap mot": "tiểu học",
    "cap 2": "trung học cơ sở",
    "cap hai": "trung học cơ sở",
    "cap 3": "trung học phổ thông",
    "cap ba": "trung học phổ thông",
    "mau giao": "mầm non",
    "nha tre": "mầm non",
    "hoc xong": "hoàn thành",
    "di hoc lai": "đến trường",
    # family words: the plans say "cha mẹ, người chăm sóc trẻ em", "gia đình"
    "bo me": "cha mẹ",
    "ba me": "cha mẹ",
    "ba ma": "cha mẹ",
    "phu huynh": "cha mẹ",
    "ong ba": "người chăm sóc trẻ em gia đình",
    "nguoi nha": "gia đình",
    "nguoi than": "gia đình người chăm sóc trẻ em",
    # short forms typed for the plans' terms
    "bhyt": "bảo hiểm y tế",
    "ctxh": "công tác xã hội",
    "csdl": "cơ sở dữ liệu",
    "tw": "trung ương",
    "bc": "báo cáo",
    "kq": "kết quả",
    "hd": "hướng dẫn",
    "qd": "quyết định",
    "tt": "trung tâm",
    "dtts": "dân tộc thiểu số",
    "hcdb": "hoàn cảnh đặc biệt",
    "tntt": "tai nạn thương tích",
    "btxh": "bảo trợ xã hội",
    "bvte": "bảo vệ trẻ em",
    "ubnd xa": "ủy ban nhân dân cấp xã",
    "ubnd phuong": "ủy ban nhân dân cấp xã",
    # everyday words for places, families and work ("nhà vệ sinh", "nhà nghèo", "đi làm
    # thuê"), as the plans write them
    "nha ve sinh": "công trình vệ sinh",
    "toilet": "công trình vệ sinh",
    "tre con": "trẻ em",
    "con nha ngheo": "trẻ em thuộc hộ nghèo",
    "nha ngheo": "hộ nghèo",
    "gia dinh ngheo": "hộ nghèo",
    "lam thue": "trẻ em lao động",
    "phai di lam": "trẻ em lao động",
    "di lam som": "trẻ em lao động",
    "lam viec nang": "trẻ em lao động",
    # everyday words for events and activities
    "lu lut": "thiên tai",
    "bao lu": "thiên tai",
    "van nghe": "biểu diễn nghệ thuật",
}

# Accented words whose folded form is another word's ("chi tiêu" = spend, "chỉ tiêu" =
# target): typed with accents, they are read in the sense written (folded replacement).
ACCENTED_SENSES: dict[str, str] = {
    "chi tiêu": "chi phi",
    # "cơ sở nào" (which facilities) folds as "có số nào" (which number) and "sở nào" (which
    # department): one token keeps it out of both
    "cơ sở": "cơ_sở",
    # a lift, not "tháng mấy" (which month)
    "thang máy": "thang_máy",
}

# --- what is asked --------------------------------------------------------------------------

# Question-word forms that ask when, beside "khi nào", "ngày nào" ("vào tháng mấy", "hôm
# nào"), folded. Left out, as they fold onto other words: "hồi nào" ("hội nào", which
# association), "quý nào" ("quỹ nào", which fund); "thang may" is also "thang máy" (a lift),
# kept apart in ``ACCENTED_SENSES`` when typed with marks.
WHEN_ASKED: tuple[str, ...] = (
    r"thang may", r"ngay may", r"nam may", r"hom nao", r"bua nao", r"dip nao",
    r"thoi diem nao", r"tuan nao", r"quy may", r"ngay thang nao",
)  # fmt: skip

# Nouns that name a target or a rate ("chỉ tiêu", "tỷ lệ"): they ask its figure only when
# nothing else is asked ("chỉ tiêu khai sinh Cao Bằng", "chỉ tiêu 6 là gì"), not when a
# question word asks another kind of thing ("lồng ghép chỉ tiêu vào loại kế hoạch nào",
# "chỉ tiêu đó sở nào lo"), where they name the subject. Folded.
FIGURE_NOUNS: tuple[str, ...] = ("chi tieu", "ty le", "ty suat", "so luong")
# Words that make a figure noun a set of them ("bộ chỉ tiêu", "hệ thống chỉ tiêu", "các chỉ
# tiêu"): a thing built or followed, the subject of the question, not a value asked. Folded.
FIGURE_SETS: tuple[str, ...] = (
    "bo", "he thong", "danh muc", "khung", "nhom", "cac", "nhung", "mot so",
)  # fmt: skip
# Question words asking a kind of thing other than a figure: "nào"/"gì" after a noun, "ai",
# "ở đâu" (folded). The nouns before "nào"/"gì" that still ask the value ("tỷ lệ nào",
# "là gì", "thế nào", "mức nào") are in ``VALUE_HEADS``.
OTHER_ASKED = r"\b(?:(\S+) (?:nao|gi)|ai|o dau|di dau|tu dau)\b"
VALUE_HEADS: frozenset[str] = frozenset(
    {"tieu", "le", "suat", "luong", "la", "the", "muc", "bao", "ra", "nhu"}
)

# What a person may be asked about other than signing a plan (birth, home, family, career):
# the plans name a person only as their signer, with the position signed in. Folded.
PERSON_ATTRIBUTES: tuple[str, ...] = (
    r"sinh nam", r"sinh ngay", r"nam sinh", r"ngay sinh", r"sinh ra", r"bao nhieu tuoi",
    r"may tuoi", r"tuoi", r"que", r"nguyen quan", r"dia chi", r"dien thoai", r"email",
    r"nhiem ky", r"hoc vi", r"hoc ham", r"trinh do", r"bang cap", r"tot nghiep", r"tieu su",
    r"gia dinh", r"vo", r"chong", r"con cai", r"luong", r"thu nhap", r"tai san",
    r"vao dang", r"cong tac tu", r"nhan chuc", r"giu chuc (?:tu|den|bao lau)",
)  # fmt: skip

# The signer referred to by what they did or their office rather than by name (folded):
# "người ký", "Phó Chủ tịch (UBND) đã ký kế hoạch"; "nhiệm kỳ" is a term, not a signing.
SIGNER_BY_ROLE = (
    r"\bnguoi (?:da |dung ra )?ky\b"
    r"|\b(?:pho )?chu tich\b(?: (?!nhiem\b)\S+){0,4}? (?:da |dung ra )?ky\b"
)
# What is asked of a signer referred to by office or pronoun: only words that ask of a
# person, since the question may be the plan's ("kế hoạch do Chủ tịch ký về phòng chống ...
# ở độ tuổi nào" has "chống", "tuổi"). Folded.
SIGNER_ATTRIBUTES = (
    r"\b(?:sinh (?:nam|ngay|ra)|(?:nam|ngay|noi) sinh|bao nhieu tuoi|may tuoi|que"
    r"|nguyen quan|dia chi|(?:so )?dien thoai|email|nhiem ky|hoc vi|hoc ham|trinh do"
    r"|bang cap|tot nghiep|tieu su|vao dang|nhan chuc|giu chuc (?:tu|den|bao lau))\b"
)
# A person referred back to ("ông ấy", "người đó") after an answer naming a signer (folded).
PERSON_PRONOUN = r"\b(?:ong|ba|nguoi|vi|dong chi|chu tich|pho chu tich) (?:ay|do|nay)\b"

# intent → folded patterns; a question may carry several intents at once.
INTENTS: dict[str, tuple[str, ...]] = {
    # what came of a plan or after it: its results, how it was judged, the plan that
    # followed. The plans say what is to be done; they report no outcome and no successor.
    "outcome": (
        r"tiep noi",
        r"ke hoach moi (?:nao|gi)",
        r"thay the (?:ke hoach|van ban)",
        r"duoc danh gia",
        r"danh gia la",
        r"da dat duoc",
        r"dat duoc chua",
        r"da dat chua",
        r"thuc te da",
        r"da thuc hien duoc",
        r"da lam duoc",
        r"sau khi ket thuc",
    ),
    "duties": (
        r"nhiem vu",
        r"trach nhiem",
        r"lam gi",
        r"lam nhung gi",
        r"vai tro",
        r"duoc giao",
        # not "giáo viên", "giáo dục", "giao thông" ... (they fold onto the verb "giao")
        r"giao (?!(?:vien|duc|thong|luu|tiep|dich|trinh|an)\b)"
        r"(?:\S+ ){0,6}?(?:gi|viec gi|nhung gi)",
        r"phu trach",
        # the everyday verb of duty: "Sở Y tế lo gì", "có lo vụ game không", "ai lo"
        r"lo (?:gi|nhung gi|viec gi|nhung viec gi|nhung viec nao)",
        r"co lo(?= )(?! (?:lang|so|ngai|au|xa|sot)\b)",
        r"dam nhan",
        r"nhiem vu gi",
        r"cong viec",
        # the plans' own verbs of assignment ("phân công Sở Y tế", "đề nghị Mặt trận")
        r"phan cong",
        r"de nghi (?=\S+ (?:\S+ ){0,8}?(?:lam|thuc hien|gi)\b)",
    ),
    "figure": (
        r"bao nhieu",
        r"may phan tram",
        r"ty le",
        r"ty suat",
        r"chi tieu",
        r"so luong",
        r"phan tram",
        r"muc nao",
        r"dat (?:muc )?bao nhieu",
    ),
    "deadline": (
        r"ngay nao",
        r"khi nao",
        r"thoi han",
        r"han chot",
        r"bao gio",
        r"thang nao",
        r"nam nao",
        r"truoc ngay",
        r"han (?:la|nop|bao cao)",
        r"dinh ky",
        r"bao lau (?:mot|1) lan",
        r"thoi gian nao",
        r"luc nao",
        *WHEN_ASKED,
    ),
    # which numbered target ("thực hiện chỉ tiêu nào"), not a figure
    "which_target": (r"(?:chi tieu|muc tieu) (?:nao|gi|so may|so bao nhieu)\b",),
    # a day of the month is asked ("trước ngày nào"), not only how often
    "day": (r"ngay (?:nao|may|bao nhieu)", r"truoc ngay", r"han chot"),
    # the position the signer signed in ("ký với chức vụ gì", "giữ chức vụ gì")
    # "ký thay ai", "ký thay mặt ai", "thừa lệnh ai": the capacity line above the signer's
    # name ("KT. CHỦ TỊCH"), which states whom the signer signs for
    "position": (
        r"chuc vu",
        r"chuc danh",
        r"ky (?:thay|thay mat|thua lenh|thua uy quyen) (?:cho )?"
        r"(?:ai|ai do|nguoi nao|ong nao|ba nao)\b",
        r"ky voi tu cach (?:gi|nao)",
    ),
    "signer": (
        r"ai ky",
        r"nguoi ky",
        r"ky boi",
        r"ky ten",
        r"ai da ky",
        r"do ai ky",
        r"ky ke hoach",
        r"(?:lanh dao|chu tich|pho chu tich|ong|ba|can bo) nao ky",
        r"ai (?:la nguoi )?ky",
        r"nguoi ky ban hanh",
        r"ky ban hanh",
    ),
    "number": (
        r"so hieu",
        r"ma so",
        r"so ky hieu",
        r"mang so",
        # "\b": "kế hoạch năm 2025 của Tiền Giang, Sở Giáo dục ..." is not "số gì"
        r"ke hoach (?:\S+ ){0,5}?(?:la )?(?:so may|so bao nhieu|so gi)\b",
    ),
    "date": (
        r"ngay ban hanh",
        r"ban hanh (?:vao )?(?:ngay|thang|nam|khi|luc) ?(?:nao|bao gio|may)?",
        r"ngay ky",
        r"ky (?:vao )?(?:ngay|khi|luc) ?nao",
        r"ban hanh bao gio",
        r"ban hanh khi nao",
        # which of several plans came first ("văn bản nào được ban hành trước"): their dates
        r"(?:van ban|ke hoach|kh) nao (?:\S+ ){0,2}?ban hanh (?:truoc|sau|som hon|muon hon)",
        # which of all the plans came first or last ("kế hoạch nào được ban hành sớm nhất",
        # "văn bản nào mới nhất"): every plan's date, read side by side
        r"(?:van ban|ke hoach|kh) nao (?:\S+ ){0,3}?(?:(?:ban hanh|ky|ra doi) )?"
        r"(?:som nhat|muon nhat|sau cung|moi nhat|cu nhat|gan day nhat|truoc nhat|sau nhat"
        r"|dau tien|truoc tien)\b",
        r"ra doi (?:khi|luc|ngay) nao",
    ),
    # whom the plan is sent to: its "Nơi nhận" list. Not a report sent somewhere ("báo cáo
    # kết quả gửi về Sở ..."), which is a duty.
    "recipients": (
        # the noun "nơi nhận" (of the plan), not the verb "nhận" with what is received after
        # it: "Hà Nội nhận tiền ủng hộ" folds to "... noi nhan tien"
        r"noi nhan(?! (?!(?:cua|gom|bao gom|la|co|ghi|ke hoach|kh|van ban|nhung|cac|trong"
        r"|tai|o|nao|gi)\b)[a-z])",
        r"^(?!.*\bbao cao\b).*\b(?:ke hoach|van ban)\b(?: [^\s,;.?]+){0,3}? "
        r"(?:duoc )?(?:gui|phat hanh|ban hanh gui) (?:toi|den|cho)\b",
        # "kh 203 có gửi Cục Trẻ em không": whether a body is on the list
        r"^(?!.*\bbao cao\b).*\b(?:ke hoach|kh|van ban)\b(?: [^\s,;.?]+){0,3}? co (?:duoc )?gui\b",
    ),
    "basis": (
        r"(?:thuc hien|trien khai|cu the hoa) "
        r"(?:van ban|chi thi|ke hoach|nghi quyet|quyet dinh|chuong trinh) (?:\S+ )?nao",
        r"can cu (?:vao )?(?:van ban |nhung van ban |cac van ban )?nao",
        r"can cu (?:phap ly|vao dau|vao gi)",
        r"de thuc hien (?:van ban|chi thi|ke hoach|quyet dinh) nao",
        r"dua tren (?:van ban|co so) nao",
        # the higher document a plan implements, without "căn cứ" ("văn bản cấp trên mà
        # mỗi kế hoạch triển khai", "được ban hành theo chỉ thị nào", "văn bản nào mà kế
        # hoạch cụ thể hóa"); not a document cited for a duty ("thực hiện Nghị quyết 121
        # thế nào": no "nào" after the kind of document)
        r"van ban (?:chi dao )?(?:cua )?cap tren",
        r"(?:ban hanh|xay dung|ra doi) (?:theo|tren co so|de trien khai|de thuc hien"
        r"|de cu the hoa|nham trien khai|nham thuc hien|nham cu the hoa) "
        r"(?:van ban|chi thi|ke hoach|nghi quyet|quyet dinh|chuong trinh|luat) (?:\S+ )?nao",
        r"(?:van ban|chi thi|ke hoach|nghi quyet|quyet dinh|chuong trinh) (?:\S+ )?nao "
        r"(?:ma|de|duoc) (?:\S+ ){0,4}?(?:trien khai|thuc hien|cu the hoa|ban hanh theo)\b",
        r"(?:nham|de) (?:trien khai|thuc hien|cu the hoa) (?:van ban|chi thi|nghi quyet"
        r"|quyet dinh|chuong trinh) (?:\S+ )?(?:nao|gi)\b",
        r"cu the hoa (?:\S+ ){0,3}?(?:van ban|chi thi|nghi quyet|quyet dinh|chuong trinh)"
        r" (?:\S+ )?(?:nao|gi)\b",
    ),
    "procedure": (
        r"thu tuc",
        r"quy trinh",
        r"lam the nao",
        r"lam sao",
        r"cach nao",
        r"can lam gi",
        r"xu ly (?:the nao|ra sao|nhu the nao)",
        r"bao cho ai",
        r"goi cho ai",
        r"bao tin",
        r"can nhung giay to",
        r"giay to gi",
        r"ho so",
        r"cac buoc",
    ),
    "summary": (
        r"tom tat",
        r"noi dung chinh",
        r"gom nhung",
        r"liet ke",
        r"bao gom",
        r"nhung (?:muc tieu|nhiem vu|giai phap|noi dung)"
        r"(?:,? (?:va )?(?:muc tieu|nhiem vu|giai phap|noi dung))* (?:nao|gi)\b",
        # a plural kind of measure asked ("theo những hình thức nào", "các biện pháp gì"):
        # the answer is the list, not its closest line
        r"(?:nhung|cac) (?:hinh thuc|bien phap|cach|hoat dong|kenh|buoc|phuong thuc|"
        r"phuong phap|mo hinh|chuong trinh)(?: \S+){0,4}? (?:nao|gi)\b",
        r"(?:tien|kinh phi|ngan sach|von)(?: [^\s,;.?]+){0,10}? lay (?:tu|o) dau",
        # "từ (những) nguồn nào", "còn những nguồn nào": the sources are a list
        r"(?:tu (?:nhung |cac )?|nhung |cac )nguon (?:nao|gi)\b",
        r"muc dich",
        r"yeu cau",
    ),
    "yesno": (
        r"co \S+(?: \S+){0,8} khong",
        r"phai khong",
        r"dung khong",
        r"hay khong",
        r"chua\s*\??$",
    ),
    "who": (
        r"\bai\b",
        r"co quan nao",
        r"don vi nao",
        r"nganh nao",
        r"ben nao",
        r"so nao",
        r"phong nao",
        r"chu tri",
        r"dau moi",
    ),
    # a number to call, read from the frame: "số điện thoại", "gọi đâu", "liên hệ ai"; not
    # "điện thoại" the device ("dùng điện thoại", "điện thoại thông minh")
    "phone": (
        r"so dien thoai",
        r"(?:goi|lien he|lien lac|bao|nhan tin)(?: \S+){0,2} (?:qua |bang )?dien thoai",
        r"dien thoai (?:nao|gi|bao nhieu|o dau|dau|la so|so|cua|\d)",
        r"duong day",
        r"tong dai",
        r"hotline",
        r"so may",
        r"goi so",
        r"goi(?: dien)?(?: thoai)? (?:cho |ve |den |toi )?(?:dau|ai|ben nao|noi nao|so nao)",
        r"lien (?:he|lac) (?:voi |o |tai )?(?:dau|ai|ben nao|noi nao|so nao)",
    ),
    # the number itself is asked ("là số mấy"), not only whom to call
    "phone_number": (
        r"so may",
        r"goi so",
        r"(?:la|co) so (?:nao|gi|bao nhieu)",
        r"so dien thoai (?:\S+ ){0,6}?(?:la )?(?:gi|nao|bao nhieu)",
        # a bare "số điện thoại <of whom>" typed as the whole question asks the number
        r"^\W*(?:cho (?:xin|hoi) )?so dien thoai",
    ),
    "funding": (
        r"kinh phi",
        r"ngan sach",
        r"nguon von",
        r"tien (?:o|lay) dau",
        r"nguon (?:nao|gi|tu dau)",
        # money "lấy ở đâu" is funding; "mẫu đơn lấy ở đâu" is not
        r"(?:tien|kinh phi|ngan sach|von)(?: [^\s,;.?]+){0,10}? lay (?:tu|o) dau",
        r"lo tien",
        r"chi phi",
    ),
    "money": (
        r"bao nhieu (?:tien|dong)",
        # "trợ cấp bao nhiêu cho mỗi trẻ": an amount paid, not "hỗ trợ bao nhiêu trẻ em"
        r"(?:tro cap|phu cap|chi tra|hoc bong|ho tro|muc chi|thuong|phat|luong)"
        r" (?:\S+ ){0,3}?bao nhieu(?! (?!(?:cho|moi|mot|mot thang|/)\b)[a-z])",
        r"so tien",
        r"muc (?:luong|tien|tro cap|ho tro)",
        # an amount in đồng however it is counted ("bao nhiêu tỷ đồng", "mấy trăm triệu")
        r"(?:trieu|ty|nghin|ngan|tram) dong",
        r"(?:bao nhieu|may|vai) (?:tram )?(?:trieu|ty)(?! (?:le|suat|trong|tre|nguoi|em)\b)",
    ),
    # the kind of value asked, which the quoted unit must show (a number with its unit):
    # a percentage ("bao nhiêu phần trăm"), a time of day ("từ mấy giờ"), a duration
    # ("mất mấy ngày làm việc", "trong bao lâu")
    "percent": (r"(?:bao nhieu|may) ?(?:%|phan tram)", r"muc (?:\S+ ){0,2}?phan tram"),
    # which month ("vào tháng mấy", "tháng nào"): a date or a month named answers it
    "month": (r"thang (?:may|nao)", r"ngay thang nao"),
    "clock": (
        r"may gio",
        r"gio nao",
        r"khung gio",
        r"gio (?:lam viec|truc|mo cua) (?:\S+ )?"
        r"(?:nao|the nao|ra sao)",
    ),
    "duration": (
        r"bao lau(?! (?:mot|1) lan)",  # "bao lâu một lần" asks how often (a deadline)
        r"(?:may|bao nhieu) (?:ngay|tuan|thang|nam)(?! \d)(?! (?:nao|may|gi)\b)",
        r"(?:trong|mat|ton|keo dai) (?:khoang )?(?:may|bao nhieu) (?:gio|ngay|tuan|thang|nam)",
    ),
    "person": (
        # "tên (là) gì" asks a person's name only after a person or a role ("người phụ
        # trách tên là gì"); "phong trào tên là gì" asks a movement's name
        # ("trường học" folds as "trưởng": a school is no head)
        r"(?:nguoi|ong|lanh dao|dong chi|can bo|truong(?! (?:hoc|mam non|tieu hoc|trung hoc"
        r"|thcs|thpt|dai hoc|cao dang|lop)\b)|giam doc|chu tich|bi thu|thu truong)"
        r"\b(?: \S+){0,8}? ten (?:la )?gi",
        r"ho ten",
        r"ten (?:cua )?(?:truong|giam doc|chu tich|pho)",
        # a person's role, then "who is it" however long the body's name in between
        r"(?:^|\s)(?:truong|pho truong|truong phong|giam doc|pho giam doc|chu tich"
        r"|pho chu tich|bi thu|can bo|chanh van phong|thu truong)"
        r"(?! (?:hoc|mam non|tieu hoc|trung hoc|thcs|thpt|dai hoc|cao dang|lop)\b) (?:\S+ ){0,16}?"
        r"(?:la ai|ten (?:la )?gi|la ong nao|la ba nao)",
        r"\bai (?:dang )?(?:la|lam) (?:truong|pho truong|giam doc|pho giam doc|chu tich"
        r"|pho chu tich|bi thu|chanh van phong|thu truong)\b",
    ),
}

# A yes/no question's predicate: what it asks whether the plans say ("có lập nhóm trẻ em
# nòng cốt không"), closing the question; its words in group 1.
# where a body or service is found, folded: asked for, the plans must state it (they state
# no addresses)
LOCATION_HEADS: tuple[str, ...] = ("dia chi", "dia diem", "tru so", "so nha")
# A unit inside a body ("Sở ... giao phòng chuyên môn nào", "bộ phận nào của Công an"):
# the answer must name one; a body's item naming only the body does not. Folded; a bare
# "phòng" is left out, since it folds as "phòng" of "phòng chống".
SUBUNIT_HEADS: tuple[str, ...] = (
    "phong chuyen mon", "phong nghiep vu", "phong ban", "bo phan", "don vi truc thuoc",
    "don vi chuyen mon", "don vi su nghiep", "chi cuc", "to cong tac", "can bo chuyen trach",
)  # fmt: skip

YESNO_PREDICATE = r"\bco ((?:\S+ ){0,9}?\S+) (?:khong|ko|hong|k)\W*(?:a|nhi|vay|nhe)?\W*$"
# Any yes/no question, however long its predicate ("Công an có phải ... không?").
YESNO_FRAME = r"\bco\b.*\b(?:khong|ko|hong|k)\W*(?:a|nhi|vay|nhe)?\W*$"

# A question that states or presupposes what it asks about (folded): "Vì sao Sở A phải làm
# X?", "Có đúng là Sở A làm X không?", "Sở A làm X, phải không?". When the plan gives X to
# another body, saying so answers it (the claim is corrected); a plain question about A
# ("Sở A có làm X không?", "Sở A làm X thế nào?") is not answered by another body's duty.
CLAIM_FRAME: str = (
    r"\b(?:vi sao|tai sao|ly do (?:gi|nao|vi sao|tai sao)|co dung la|co that la|co phai la"
    r"|co dung rang|co that rang|co phai rang)\b"
    r"|^ly do\b|\b(?:phai|dung) (?:khong|ko|hong|k)\W*(?:a|nhi|vay|nhe|chu)?\W*$"
)

# A yes/no claim (folded): what it states stands between its marker and "không".
CLAIM_STATED: str = (
    r"\b(?:co dung la|co that la|co phai la|co dung rang|co that rang|co phai rang)\s+"
    r"(.+?)\s*,?\s+(?:(?:dung|phai) )?(?:khong|ko|hong|k)\W*(?:a|nhi|vay|nhe|chu)?\W*$"
)

# A comparison of plans ("có giống nhau không", "có gì khác", "so với Hà Nội"): answered
# plan by plan from what each states, never a yes/no predicate the plans must state.
COMPARISON: str = (
    r"\b(?:giong|khac|tuong tu|trung) (?:nhau|voi)\b|\bco gi khac\b|\bkhac (?:gi|biet|nhau)\b"
    r"|\bso voi\b|\bso sanh\b|\bgiong\b"
)

# What a question asks for is named by the noun its question word attaches to ("mẫu đơn
# nào", "giấy tờ gì", "nộp hồ sơ ở đâu"): that noun must stand in the quoted passage. These
# heads say only what kind of answer is wanted, never what it is about. Folded.
GENERIC_HEADS: frozenset[str] = frozenset(
    {
        "viec", "nhiem vu", "noi dung", "bien phap", "giai phap", "hoat dong", "co quan",
        "don vi", "chi tieu", "muc tieu", "ke hoach", "van ban", "van de", "cong viec",
        "chinh sach", "chuong trinh", "thong tin", "linh vuc", "doi tuong", "to chuc",
        "nganh", "so", "phong", "ben", "noi", "cho", "dau", "gi", "nao", "ai", "the",
        "nhu", "dieu kien", "yeu cau", "trach nhiem", "vai tro", "ket qua", "muc", "phan",
        "hinh thuc", "quy dinh", "tre", "tre em", "em", "nguoi", "cap", "loai", "kieu", "dang",
        "chuyen", "cach",
    }
)  # fmt: skip
# Category words written before a body's name ("lực lượng công an", "ngành giáo dục"): they
# name the kind of body, not a topic asked about it.
BODY_CATEGORIES: tuple[str, ...] = ("luc luong", "nganh", "co quan", "don vi", "ben", "phia")

# Words that name the category an answer's items belong to ("những lực lượng nào": báo cáo
# viên, đội xung kích), not words the answer must contain: judged by meaning, not letters.
CATEGORY_HEADS: frozenset[str] = frozenset(
    {"luc luong", "doi tuong", "nhom", "thanh phan", "mang", "khia canh", "loai hinh",
     "hang muc"}
)  # fmt: skip
# Nouns that name a category whose members an answer lists ("những nhóm trẻ nào": the
# plan lists "trẻ em thuộc hộ nghèo, trẻ em ..."), with or without the category's word.
CATEGORY_NOUNS: tuple[str, ...] = (
    "nhom", "loai", "doi tuong", "hinh thuc", "linh vuc", "loai hinh", "dang",
)  # fmt: skip
# Reporting verbs that open a yes/no predicate ("có nhắc tới tư pháp thân thiện không"):
# they frame what is asked whether the plans say; the plans never say them. Folded.
REPORTING_VERBS: tuple[str, ...] = (
    "nhac toi", "nhac den", "nhac ve", "nhac", "de cap toi", "de cap den", "de cap ve",
    "de cap", "noi ve", "noi den", "noi toi", "noi gi ve", "noi gi den", "neu ro", "neu ve",
    "neu ra", "neu len",
    "neu", "ghi ro", "ghi nhan", "ghi", "co noi dung ve", "noi dung ve", "dua ra", "de ra",
    "nhan manh", "chu trong", "quy dinh ve", "quy dinh", "dat ra", "bao gom",
)  # fmt: skip
# Words of a yes/no predicate that only say the plan speaks of, cares about or requires
# what is asked ("có được Kế hoạch 216 quan tâm riêng không", "có chú ý cụ thể"): the asker's
# frame, not what the plans must state. Folded phrases.
PREDICATE_FRAMES: tuple[str, ...] = (
    "quan tam", "chu y", "de y", "danh rieng", "rieng", "cu the", "dat ra", "co noi",
    "de cap", "nhac den", "nhac toi", "nhac", "ke hoach", "van ban", "chuong trinh nay",
    # the everyday duty verb: "có lo vụ game không" asks whether the item covers games
    "lo vu", "lo viec", "lo chuyen", "lo",
)  # fmt: skip
# A yes/no predicate that asks what the plan says about a subject ("có đặt yêu cầu gì về
# nhà vệ sinh", "có quy định nào đối với ..."): the subject after the frame is what must be
# stated. Folded; matched at the predicate's start.
PREDICATE_ABOUT: str = r"(?:\S+ ){0,3}?(?:gi|nao) (?:ve|doi voi|lien quan (?:den|toi)) (?=\S)"
# The intents whose words, inside a yes/no predicate, frame it ("có nhiệm vụ báo cáo
# không"); a hotline's or a fund's words are its subject ("có đường dây nóng không").
PREDICATE_FRAMING_INTENTS: frozenset[str] = frozenset({"duties", "summary", "who"})
# A head asked by a relational noun ("làm theo mẫu nào", "mẫu gì"): the form of what the
# clause opens with ("Phiếu lấy ý kiến ..."), which must be named. Folded.
RELATIONAL_HEADS: tuple[str, ...] = ("bieu mau", "mau")
# Words that open the two syllables before "gì/nào" without being part of the noun asked
# ("cần bằng cấp gì" → "bằng cấp", "theo mẫu nào"). Folded.
HEAD_OPENERS: frozenset[str] = frozenset(
    {"can", "theo", "la", "co", "nhan", "lam", "dung", "xin", "hoc", "thuoc", "ve", "cho",
     "voi", "tu", "o", "tai", "them"}
)  # fmt: skip
# Verbs of needing: the noun after them before "gì/nào" is something required ("cần bằng
# cấp gì", "phải có giấy phép nào"), which an answer must name. Folded.
NEEDING_VERBS: tuple[str, ...] = (
    "can", "can co", "phai co", "doi hoi", "bat buoc", "yeu cau", "phai xin", "phai nop",
)  # fmt: skip
# A procedure's own nouns: "theo thủ tục gì" asks for one, which the answer must name.
PROCEDURE_NOUNS: frozenset[str] = frozenset({"thu tuc", "giay to", "ho so", "giay phep"})
# Verbs whose object is what "ở đâu" asks for ("nộp hồ sơ ở đâu", "mẫu đơn lấy ở đâu").
OBTAIN_VERBS: tuple[str, ...] = ("lay", "xin", "nop", "tai", "mua", "nhan", "dang ky", "gui")
# Papers a clause can open with and ask where they are with no verb ("mẫu đơn tố giác ...
# ở đâu", "tờ khai ... ở đâu"): the paper is the head asked, as after "lấy". Folded.
PAPER_HEADS: tuple[str, ...] = (
    "mau don", "bieu mau", "to khai", "giay to", "ho so", "don", "phieu", "mau",
)  # fmt: skip
# Verbs of preparing or handing over whose object before "gì" is what the answer must name
# ("cần chuẩn bị hồ sơ gì", "nộp giấy tờ gì"). Folded; not a bare "can" ("Cần Thơ làm gì").
PREPARE_VERBS: tuple[str, ...] = (
    "chuan bi", "nop", "can co", "mang theo", "xuat trinh", "kem theo", "gui", "bo sung",
)  # fmt: skip
# What the closing parts of a plan hold (reviews, reports, who implements): a cut-off text
# lacks them. Folded.
MISSING_PART_WORDS: tuple[str, ...] = (
    "so ket", "tong ket", "bao cao", "to chuc thuc hien", "kinh phi",
)  # fmt: skip
# Heads that a number identifies ("điều nào" of a law): a number must follow them.
# Kinds of legal document other than plans: asked by number ("theo Thông tư số mấy",
# "quyết định nào"), they are identified by the number a passage cites them with (a law
# is named by its name: "theo luật nào" is answered by "pháp luật về đầu tư công").
NUMBERED_DOCUMENTS: tuple[str, ...] = (
    "nghi dinh", "thong tu", "quyet dinh", "chi thi", "nghi quyet", "cong van",
)  # fmt: skip
NUMBERED_HEADS: frozenset[str] = frozenset({"dieu", "khoan", "chuong", *NUMBERED_DOCUMENTS})

# Intents about the plan itself (answered from the line that states them).
METADATA_INTENTS: tuple[str, ...] = (
    "signer", "position", "number", "date", "basis", "recipients",
)  # fmt: skip
# The asking words "số mấy", "số bao nhiêu", "số gì", "số nào", "số hiệu gì" ask the number
# of the noun they follow: a number to call after these ...
NUMBERED_PHONE: tuple[str, ...] = (
    "so dien thoai", "dien thoai", "duong day nong", "duong day", "tong dai", "hotline",
    "goi", "lien he", "lien lac", "nhan tin",
)  # fmt: skip
# ... an identifier after these ("quyết định số mấy", "chỉ tiêu số mấy"), not a phone.
NUMBERED_IDENTIFIER: tuple[str, ...] = (
    "luat", "nghi dinh", "thong tu", "quyet dinh", "chi thi", "nghi quyet", "cong van",
    "ke hoach", "van ban", "chuong trinh", "de an", "chi tieu", "muc tieu", "dieu", "khoan",
)  # fmt: skip
NUMBER_ASKED = r"so (?:may|bao nhieu|gi|nao|hieu(?: la)? (?:gi|nao|bao nhieu)|ky hieu)"

# Kinds of document a question may cite other than the indexed plans ("Chỉ thị 23",
# "Quyết định 649/QĐ-UBND", "quyết định số mấy", "quyết định về đội ngũ cộng tác viên"):
# a date or number asked is that document's, not the plan's. "kế hoạch" cites another
# document only with a number no indexed plan has (its "số mấy" is the plan's own).
CITED_KINDS: tuple[str, ...] = (
    "bo luat", "luat", "nghi dinh", "thong tu", "quyet dinh", "chi thi", "nghi quyet",
    "cong van", "cong uoc", "ke hoach", "chuong trinh phoi hop", "chuong trinh", "de an",
)  # fmt: skip

# Kinds of documents typed short before their number ("qd 2361", "ct 23") or in a code
# ("2361/QĐ-TTg"), folded: read as the kind only for a document the plans cite.
CITED_SHORT: dict[str, str] = {
    "qd": "quyet dinh", "ct": "chi thi", "nd": "nghi dinh", "nq": "nghi quyet",
    "tt": "thong tu", "cv": "cong van", "kh": "ke hoach",
}  # fmt: skip

# The kinds of ``CITED_SHORT`` as written with their marks: a kind typed short before a
# number the plans cite is read out in the question's own style ("nd 56" → "nghị định 56").
CITED_KIND_MARKED: dict[str, str] = {
    "quyet dinh": "quyết định", "chi thi": "chỉ thị", "nghi dinh": "nghị định",
    "nghi quyet": "nghị quyết", "thong tu": "thông tư", "cong van": "công văn",
    "ke hoach": "kế hoạch",
}  # fmt: skip

# "kế hoạch riêng", "một kế hoạch khác": a plan other than the indexed one is asked about
OTHER_PLAN_WORDS: tuple[str, ...] = ("rieng", "khac", "cap tren", "cua cap tren")
# Issuers of documents that are never an indexed plan's own (a plan is its locality's
# people's committee's): party committees, ministries, the government (folded patterns).
OTHER_ISSUERS: tuple[str, ...] = (
    r"tinh uy", r"thanh uy", r"huyen uy", r"quan uy", r"thi uy", r"dang uy",
    r"ban thuong vu(?: (?:tinh|thanh) uy)?", r"ban chap hanh", r"bo chinh tri", r"ban bi thu",
    r"trung uong", r"chinh phu", r"thu tuong", r"quoc hoi", r"bo (?!me\b)[a-z]+ [a-z]+",
)  # fmt: skip

# Wording of the plans for what an intent asks, searched with the question ("gọi đâu" asks
# a hotline: the plans say "tổng đài", "đường dây nóng").
INTENT_WORDING: dict[str, str] = {
    "phone": "tổng đài điện thoại đường dây nóng",
}

# Contexts in which "số", "ngày nào" are not about the plan's own number and date.
NOT_METADATA: tuple[str, ...] = (r"dien thoai", r"tong dai", r"duong day", r"bao cao", r"so dien")

# --- follow-ups -----------------------------------------------------------------------------

# A short question opening or closing with these leans on the previous turn.
FOLLOWUP_START: tuple[str, ...] = (r"con", r"the con", r"vay con", r"con ve", r"vay", r"the")
FOLLOWUP_END: tuple[str, ...] = (r"thi sao", r"thi the nao", r"thi ra sao", r"nua")
# What a follow-up may ask of the previous question's topic without naming one of its own:
# the kind of value ("hạn chót", "chậm nhất", "con số"), who, where, when. Folded; "vậy hạn
# chót là ngày nào?" asks only these, so the previous topic is still what is asked about.
FOLLOWUP_VALUE_WORDS: tuple[str, ...] = (
    "han chot", "han cuoi", "thoi han", "han", "thoi gian", "thoi diem", "ngay", "thang", "luc",
    "cham nhat", "muon nhat", "som nhat", "truoc", "nam", "con so", "so lieu", "ty le", "muc",
    "bao lau", "o", "tai", "co quan", "don vi", "ben", "nguoi", "cu the",
)  # fmt: skip
# Phrases that point back at something the previous answer named: kind → patterns.
REFERENCES: dict[str, tuple[str, ...]] = {
    "agency": (
        r"co quan (?:do|nay|tren|ay)",
        r"don vi (?:do|nay|tren|ay)",
        r"so (?:do|nay|ay)",
        r"phong (?:do|nay|ay)",
        r"nganh (?:do|nay|ay)",
        r"ho",
    ),
    "plan": (
        r"ke hoach (?:do|nay|tren|ay)",
        r"van ban (?:do|nay|tren|ay)",
        r"tinh (?:do|nay)",
        r"thanh pho (?:do|nay)",
        r"(?:o|tai) (?:do|day)\b(?! tuoi)",  # "ở đó" (there), not "ở độ tuổi"
    ),
    "figure": (
        r"chi tieu (?:do|nay|tren|ay)",
        r"muc tieu (?:do|nay|tren|ay)",
        r"ty le (?:do|nay|tren|ay)",
        r"con so (?:do|nay|tren|ay)",
    ),
    "topic": (
        r"viec (?:do|nay|ay)",
        r"nhiem vu (?:do|nay|ay)",
        r"noi dung (?:do|nay|ay|tren)",
        r"khoan (?:do|nay|ay|tren)",
        r"hoat dong (?:do|nay|ay)",
        r"van de (?:do|nay|ay)",
        r"dieu (?:do|nay)",
    ),
}
# Kinds of thing a follow-up names with a few words of its own before the demonstrative
# ("việc bố trí đó", "khoản kinh phí này", "nội dung nêu trên"). Matched with marks only:
# folded, "nay" and "do" are also "now" and "by" ("hiện nay", "do Sở Y tế chủ trì").
TOPIC_REFERENCE_HEADS: tuple[str, ...] = (
    "việc",
    "khoản",
    "nội dung",
    "nhiệm vụ",
    "hoạt động",
    "vấn đề",
    "giải pháp",
    "biện pháp",
    "mô hình",
    "chính sách",
    "quy định",
    "công tác",
)

# --- words that ask rather than name a topic -------------------------------------------------

# as written; folded (``QUESTION_WORDS``) for questions typed without marks, in canonical
# accented form (``ACCENTED_QUESTION_WORDS``) for those typed with them
QUESTION_WORD_FORMS: tuple[str, ...] = tuple(
    [
        "gì",
        "những",
        "nào",
        "ai",
        "nhiêu",
        "nhiều",
        "mấy",
        "khi",
        "đâu",
        "sao",
        "thế",
        "làm",
        "phải",
        "cần",
        "nhiệm",
        "vụ",
        "trách",
        "giao",
        "được",
        "có",
        "không",
        "hay",
        "kế",
        "hoạch",
        "số",
        "kh",
        "ubnd",
        "theo",
        "nêu",
        "quy",
        "định",
        "còn",
        "thì",
        "ra",
        "như",
        "vậy",
        "chứ",
        "à",
        "ạ",
        "ơi",
        "nhỉ",
        "đang",
        "của",
        "trong",
        "việc",
        "biết",
        "cho",
        "tôi",
        "xin",
        "hỏi",
        "muốn",
    ]
)
# "phấn đấu" frames a target ("Phấn đấu 45% trẻ em ..."), as "phần trăm" frames a figure:
# it says nothing of the subject. Folded, its "đấu" is already dropped as "đâu" (where).
TARGET_FRAMING: tuple[str, ...] = ("phấn", "đấu")
# The words a target moves by ("giảm xuống còn", "tăng lên", "đạt"), folded: in a figure
# question they frame the value, they do not name the subject.
TARGET_MOVES: frozenset[str] = frozenset(
    {"giam", "xuong", "tang", "len", "con", "dat", "muc", "duoi", "tren", "phan", "dau"}
)
QUESTION_WORDS: frozenset[str] = frozenset(fold_diacritics(w) for w in QUESTION_WORD_FORMS)
ACCENTED_QUESTION_WORDS: frozenset[str] = frozenset(
    accent_key(w) for w in (*QUESTION_WORD_FORMS, *TARGET_FRAMING)
)

# After "bao nhiêu" / "mấy", words that are not what is counted: amounts and percentages
# (their own evidence), and the little words that start the rest of the sentence ("giảm bao
# nhiêu mỗi năm", "là bao nhiêu vào năm 2025"). Folded.
NOT_COUNTED: frozenset[str] = frozenset(
    {
        "phan", "tram", "ty", "tien", "trieu", "dong", "nghin", "ngan",
        "moi", "vao", "la", "thi", "trong", "cho", "theo", "de", "cua", "o", "tai", "voi",
        "nua", "the", "roi", "vay", "a", "ha", "nhi", "khong", "nam", "thang", "ngay",
    }
)  # fmt: skip

# Words that frame a "how many" as a target ("phấn đấu bao nhiêu trẻ em được ..."): a plan
# states its targets as rates, so a rate answers; otherwise only a count does. Folded.
TARGET_FRAMES: str = r"\b(?:phan dau|muc tieu|chi tieu|dat (?:muc|ty le)|den nam)\b"

# Words that order the asked values ("năm 2025 và năm 2030 lần lượt là bao nhiêu"): they
# frame a question, never name its subject. Folded.
ORDERING_PHRASES: tuple[str, ...] = ("lan luot", "tuong ung", "theo thu tu")

# Phrases that ask ("bao nhiêu", "bao giờ") whose syllables also name topics ("báo cáo").
ASKING_PHRASES: tuple[str, ...] = (
    "bao nhieu",
    "bao gio",
    "bao lau",
    "nhu the nao",
    "the nao",
    # a request, not a topic ("tóm tắt giúp mình"); "trợ giúp", "Hồ Chí Minh" keep theirs
    "tom tat",
    "giup minh",
    "giup toi",
    "cho minh",
)

# --- several questions in one ------------------------------------------------------------------

# The words that ask, as written: a part of a question holding one of these asks something
# of its own ("... chỉ tiêu số mấy, và ... giảm bao nhiêu?"). Matched syllable by syllable,
# in accented form for a question typed with marks ("đâu" asks, "đầu" does not), folded
# otherwise. "không" asks only closing a part that says "có" ("có ... không").
CLAUSE_ASKING_FORMS: tuple[str, ...] = (
    "gì", "nào", "bao nhiêu", "mấy", "ai", "đâu", "bao giờ", "bao lâu", "thế nào", "ra sao",
    "sao",
)  # fmt: skip
# What a "nào" or "gì" does not ask after: "bất kỳ cơ quan nào", "nào đó" name, not ask.
CLAUSE_NOT_ASKING: tuple[str, ...] = ("bất kỳ", "bất cứ", "nào đó", "gì đó", "nào khác")
# The words that join two questions ("..., và ...", "... còn ...", "... rồi ..."), as written.
CLAUSE_JOINERS: tuple[str, ...] = ("và", "còn", "rồi")
# A question that compares plans or values is one question, answered whole. Folded.
COMPARING_PHRASES: tuple[str, ...] = (
    "khac nhau", "giong nhau", "so sanh", "khac gi", "giong gi", "khac biet", "giong va khac",
)  # fmt: skip
# Words that only ask for more of what another part asks ("cụ thể là gì", "rõ hơn"): a
# part with nothing else is not a question of its own. Folded.
CLAUSE_THIN_WORDS: frozenset[str] = frozenset(
    {"cu", "the", "chi", "tiet", "ro", "hon", "la", "a", "nhe", "vay", "do", "ay", "nay"}
)
# The words a part of a question without a subject of its own opens with: a verb or a
# modal ("..., và phối hợp với những cơ quan nào", "..., là những cấp độ nào"). Such a part
# asks about the subject of the part before it. As written (matched as ``asks`` does).
SUBJECTLESS_OPENERS: tuple[str, ...] = (
    "phải", "được", "có", "cần", "sẽ", "đã", "là", "do", "nhằm", "để", "thông qua", "qua",
    "gửi", "nộp", "phối hợp", "chủ trì", "báo cáo", "tham mưu", "thực hiện", "triển khai",
    "hướng dẫn", "tổ chức", "giữ", "ký", "ban hành", "giao", "làm", "đảm nhận", "phụ trách",
    "theo dõi", "tổng hợp", "chịu trách nhiệm", "hoàn thành", "kiểm tra", "lập",
)  # fmt: skip

# Ordinal words as folded ("thứ hai", "nhóm thứ tư"): the number each stands for; "nhất" is
# "thứ nhất", the first.
ORDINALS: dict[str, int] = {
    "nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
ORDINAL_WORDS: str = "|".join(sorted(ORDINALS, key=len, reverse=True))
