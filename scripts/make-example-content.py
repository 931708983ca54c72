#!/usr/bin/env python3
"""Writes the example site's content/ (three campaigns modelled on the seed notices).

Deterministic: the same run writes the same bytes. The people, works and numbers are invented;
the campaigns' names, organizers, dates, rules and prize tiers are the seed documents' facts.
Run from the repository root: python3 scripts/make-example-content.py
"""
import csv, io, json, os, random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content")

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "建国 秀英 志强 海燕 红梅 立新 春华 振东 晓明 丽娟 永利 卫东 淑芬 国庆 文静 子豪 雨桐 思远 一鸣 佳怡 浩然 欣怡 宇航 明轩 梓涵 俊杰 晓燕 建华 玉兰 德胜 桂英 亚楠 志刚 金凤 新民 瑞雪 长青 丹丹 鹏飞 慧敏".split()

def name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)

def phone(rng):
    return "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))

def write(path, value):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=2)
        f.write("\n")

def write_csv(path, header, rows, encoding):
    """A sheet as spreadsheets export it: CRLF rows, RFC 4180 quoting; "utf-8-sig" is Excel's
    「CSV UTF-8」 (with a byte-order mark), "gb18030" its plain 「CSV」 on Chinese Windows."""
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([header] + rows)
    with open(full, "wb") as f:
        f.write(text.getvalue().encode(encoding))

def excel_time(iso):
    """2024-09-08T10:11:00+08:00 as Excel shows it on Chinese Windows: 2024/9/8 10:11."""
    d, t = iso[:10].split("-"), iso[11:16]
    return f"{int(d[0])}/{int(d[1])}/{int(d[2])} {int(t[:2])}:{t[3:]}"

def scores(rng, judges, center):
    return [round(min(100, max(50, rng.gauss(center, 4.5))) * 2) / 2 for _ in range(judges)]

# ---------------------------------------------------------------- site
site = {
    "title": "工会活动成果展示",
    "publisher": "河北省总工会宣教和网络工作部（示例站点）",
    "baseURL": "https://example.org/podium/",
    "language": "zh-CN",
    "asOf": "2024-10-20",
    "certificateKey": "example-only-replace-with-your-own-secret",
    "description": "职工诵读、短视频讲述、基层工会特色成果等活动的排行榜与获奖名单。本站为 Podium 的示例站点，作品和人物均为虚构，活动名称、规则和奖项设置取自公开通知。",
}

# ---------------------------------------------------------------- 1. recital contest (冀工字〔2021〕3号)
def recitation():
    rng = random.Random(20210225)
    cities = ["石家庄市", "唐山市", "秦皇岛市", "邯郸市", "邢台市", "保定市", "张家口市", "承德市", "沧州市", "廊坊市", "衡水市", "定州市", "辛集市", "雄安新区"]
    workplaces = ["供电公司", "钢铁集团", "第一医院", "公交集团", "热力公司", "纺织厂", "港口集团", "实验中学", "税务局", "煤矿", "水务集团", "化工公司"]
    themes = ["劳模精神", "工匠精神", "劳动精神", "奋斗的青春", "岗位建功", "不负韶华", "匠心筑梦", "平凡的光荣", "奉献", "战疫中的守护"]
    forms = ["诵读", "朗诵", "演讲", "讲述", "集体诵读", "故事分享"]
    campaign = {
        "title": "大学习——学习全国劳动模范和先进工作者表彰大会重要讲话精神全省职工专题诵读活动",
        "organizer": "河北省总工会",
        "start": "2021-03-01", "end": "2021-04-30",
        "timezone": "+08:00",
        "phases": [{"name": "报名与点赞", "start": "2021-03-01", "end": "2021-04-30"},
                   {"name": "专家评审", "start": "2021-05-06", "end": "2021-05-14"}],
        "scoring": {"likes": {"weight": 30, "normalize": "max"},
                    "expert": {"weight": 70, "scale": 100, "trim": 1}},
        "tieBreak": ["expert", "likes", "submitted"],
        "awards": [{"name": "一等奖", "count": 3}, {"name": "二等奖", "count": 7}, {"name": "三等奖", "count": 10}],
        "organizationAwards": [{"name": "优秀组织奖", "count": 5}],
        "rules": {"maxEntriesPerPerson": 2, "maxDurationSeconds": 300, "maxVideoMB": 200},
        "likeRules": {"perVoterPerEntryPerDay": 1, "maxEntriesPerVoterPerDay": 6},
        "description": "全省职工围绕全国劳动模范和先进工作者表彰大会上的重要讲话，选取感悟最深的内容进行诵读或结合亲身经历讲述。个人和单位均可报名，点赞积分与专家评审成绩综合得出最终成绩。",
    }
    entries = []
    people = []
    for i in range(1, 151):
        city = rng.choice(cities)
        unit = rng.random() < 0.12
        if people and rng.random() < 0.22:
            author, tel, city = rng.choice(people)
        else:
            author, tel = name(rng), phone(rng)
            people.append((author, tel, city))
        union = f"{city}{rng.choice(workplaces)}工会"
        day = 1 + (i * 37) % 59
        month, dom = (3, day) if day <= 31 else (4, day - 31)
        e = {
            "id": f"r{i:03d}",
            "title": f"《{rng.choice(themes)}》{rng.choice(forms)}",
            "author": union if unit else author,
            "kind": "unit" if unit else "individual",
            "union": union,
            "region": city,
            "organizations": [f"{city}总工会"],
            "submitted": f"2021-{month:02d}-{dom:02d}T{8 + i % 12:02d}:{(i * 7) % 60:02d}:00+08:00",
            "durationSeconds": rng.randint(95, 298),
            "videoMB": rng.randint(20, 190),
            "video": f"https://video.example.org/recital/r{i:03d}.mp4",
            "likes": int(rng.paretovariate(1.6) * 180),
            "views": 0,
            "expertScores": scores(rng, 5, rng.uniform(72, 92)),
        }
        if not unit:
            e["phone"] = tel
        e["views"] = e["likes"] * rng.randint(3, 9) + rng.randint(0, 400)
        entries.append(e)
    # Facts the site must show: a work over five minutes, one awaiting review, one not yet scored.
    entries[17]["durationSeconds"] = 326
    entries[41]["status"] = "pending"
    entries[63]["expertScores"] = []
    # The like ledger: phones (as opaque voter ids) liking works during March and April. Some
    # voters try to like a work twice a day or more than six works a day; the counted votes are the likes.
    import datetime
    campaign["publishAudit"] = True
    # The results announcement (公示): five working days from 20 May, based on the campaign's notice.
    campaign["announcement"] = {
        "start": "2021-05-20", "workingDays": 5, "notice": "hebei-recitation-2021",
        "methods": ["对公示结果有异议的，请在公示期内以书面形式实名向主办单位反映，并提供必要的证明材料。"],
        "contacts": ["受理部门：河北省总工会宣传教育部（示例站点，未列电话）"],
    }
    # Covers for some works: small PNGs drawn here (the others get a placeholder at build time).
    import zlib, struct
    def png(path, rgb):
        w, h = 320, 180
        raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
        def chunk(tag, data): return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xffffffff)
        data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "wb").write(data)
    palette = [(179, 38, 30), (11, 92, 173), (27, 127, 59), (138, 90, 0), (107, 63, 160)]
    for k, e in enumerate(entries[:150:6]):
        e["cover"] = f"media/{e['id']}.png"
        png(os.path.join(ROOT, "campaigns/hebei-recitation-2021", e["cover"]), palette[k % len(palette)])
    rows = ["voter,entry,time"]
    published = [e for e in entries if e.get("status", "published") == "published"]
    weights = [e["likes"] + 1 for e in published]
    start = datetime.datetime(2021, 3, 1, 8, 0)
    t = 0
    for n in range(24000):
        t += rng.randint(1, 420)
        when = start + datetime.timedelta(seconds=t)
        if when.month > 4:
            break
        voter = f"v{rng.randint(1, 2600):05d}"
        work = rng.choices(published, weights)[0]
        rows.append(f"{voter},{work['id']},{when.isoformat()}+08:00")
        if rng.random() < 0.04:
            rows.append(f"{voter},{work['id']},{(when + datetime.timedelta(seconds=30)).isoformat()}+08:00")
    # A few voters who try to like eight works in one morning: the 7th and 8th are not counted.
    for k in range(40):
        when = start + datetime.timedelta(days=rng.randint(0, 59), hours=1)
        voter = f"v{90000 + k}"
        for work in rng.sample(published, 8):
            when += datetime.timedelta(seconds=rng.randint(20, 90))
            rows.append(f"{voter},{work['id']},{when.isoformat()}+08:00")
    with open(os.path.join(ROOT, "campaigns/hebei-recitation-2021/votes.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    for e in entries:
        e.pop("likes", None)   # the ledger is the source of likes
    write("campaigns/hebei-recitation-2021/campaign.json", campaign)
    write("campaigns/hebei-recitation-2021/entries.json", entries)

# ---------------------------------------------------------------- 2. 100 grassroots unions (冀工办字〔2021〕8号)
def grassroots():
    rng = random.Random(20210421)
    kinds = ["国有企业", "非公企业", "外资企业", "机关事业", "其它"]
    categories = ["建会入会成果", "职工之家建设成果", "民主管理成果", "思想引领成果", "建功立业成果", "维权服务成果", "改革创新成果"]
    cities = ["石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊", "衡水"]
    units = {"国有企业": ["电力", "钢铁", "铁路", "能源", "建设", "交通"],
             "非公企业": ["科技", "物流", "食品", "服装", "汽车配件", "电子"],
             "外资企业": ["精密机械", "医疗器械", "汽车", "化工"],
             "机关事业": ["人民医院", "第二中学", "图书馆", "自然资源局", "疾控中心"],
             "其它": ["社区联合", "快递行业", "货车司机", "家政服务"]}
    highlights = {"建会入会成果": "新就业形态劳动者入会", "职工之家建设成果": "“六有”职工之家", "民主管理成果": "职代会与厂务公开",
                  "思想引领成果": "“大学习”课堂和读书小组", "建功立业成果": "劳动竞赛和岗位练兵", "维权服务成果": "法律援助进车间",
                  "改革创新成果": "工会工作数字化"}
    campaign = {
        "title": "百家基层工会特色建设成果展示点赞活动",
        "organizer": "河北省总工会",
        "start": "2021-04-20", "end": "2021-07-31",
        "phases": [{"name": "报送", "start": "2021-04-20", "end": "2021-05-28"},
                   {"name": "点赞", "start": "2021-06-07", "end": "2021-06-13"},
                   {"name": "评审", "start": "2021-06-14", "end": "2021-06-18"},
                   {"name": "展示", "start": "2021-06-21", "end": "2021-09-30"}],
        "groups": {"label": "工会类型", "values": kinds},
        "scoring": {"likes": {"weight": 40, "normalize": "max"},
                    "expert": {"weight": 60, "scale": 100, "trim": 1}},
        "awards": [{"name": "百家基层工会特色成果", "perGroup": 20}],
        "rules": {"maxDurationSeconds": 480, "minImages": 4, "maxTextChars": 3000},
        "description": "从国有、非公、外资企业和机关事业等基层工会中，按工会类型各选树 20 家、共 100 家特色建设成果。职工点赞成绩与专家评审成绩之和为最终成绩。",
    }
    counts = {"国有企业": 34, "非公企业": 30, "外资企业": 16, "机关事业": 28, "其它": 22}
    entries = []
    i = 0
    for kind in kinds:
        for _ in range(counts[kind]):
            i += 1
            city = rng.choice(cities)
            category = rng.choice(categories)
            union = f"{city}{rng.choice(units[kind])}{'有限公司' if '企业' in kind else ''}工会"
            e = {
                "id": f"g{i:03d}",
                "title": f"{union}：{highlights[category]}",
                "author": union,
                "kind": "unit",
                "union": union,
                "region": city + "市",
                "group": kind,
                "category": category,
                "submitted": f"2021-05-{1 + i % 28:02d}",
                "textChars": rng.randint(1200, 2990),
                "images": [f"media/g{i:03d}-{n}.jpg" for n in range(1, rng.choice([4, 4, 5, 6]) + 1)],
                "likes": int(rng.paretovariate(1.4) * 300),
                "expertScores": scores(rng, 7, rng.uniform(70, 93)),
                "summary": f"{union}围绕**{category}**开展工作，重点是{highlights[category]}。",
            }
            e["views"] = e["likes"] * rng.randint(2, 6)
            entries.append(e)
    entries[5]["textChars"] = 3420          # over 3,000 characters: shown, not awarded
    entries[40]["images"] = entries[40]["images"][:3]   # fewer than four images
    write("campaigns/hebei-grassroots-2021/campaign.json", campaign)
    write("campaigns/hebei-grassroots-2021/entries.json", entries)

# ---------------------------------------------------------------- 3. national 云讲述 (2024)
def yunjiangshu():
    rng = random.Random(20240805)
    provinces = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
                 "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆"]
    weight = {p: w for p, w in zip(provinces, [5, 3, 9, 4, 2, 4, 2, 3, 6, 8, 8, 5, 5, 3, 9, 7, 5, 5, 9, 3, 1, 4, 6, 3, 3, 1, 4, 2, 1, 1, 2])}
    trades = ["电网", "铁路局", "建工集团", "能源集团", "港务局", "邮政", "航空", "地铁", "钢铁", "石化", "中心医院", "职业技术学院"]
    stories = ["我在一线学全会", "改革路上的班组", "一颗螺丝钉的坚守", "新质生产力在车间", "从学徒到大国工匠", "夜班里的灯光",
               "数字化车间的一天", "守护万家灯火", "我的创新工作室", "跑在最前面的人", "一条线路的十年", "劳模带我学技术"]
    campaign = {
        "title": "凝心聚力担使命 立足岗位建新功——全国职工岗位“云讲述”活动",
        "organizer": "全国总工会宣传教育部",
        "start": "2024-08-05", "end": "2024-11-30",
        "phases": [{"name": "宣传动员", "start": "2024-08-05", "end": "2024-08-31"},
                   {"name": "集中讲述", "start": "2024-09-01", "end": "2024-10-31"},
                   {"name": "展示宣传", "start": "2024-11-01", "end": "2024-11-30"}],
        "divisions": provinces,
        "tieBreak": ["views", "submitted"],
        "awards": [{"name": "“云讲述”达人", "count": 30}],
        "organizationAwards": [{"name": "“云讲述”优秀组织奖", "count": 20}],
        "rules": {"maxDurationSeconds": 120, "maxVideoMB": 100},
        "description": "职工通过电子职工书屋“云讲述”专区上传不超过 2 分钟的短视频，选择所在赛区（省级），也可加入所在单位创建的组织。各赛区按作品数、点赞量、浏览量排名，组织按参与度排名；作品经审核后发布。",
    }
    orgs = {}
    for p in provinces:
        orgs[p] = [f"{p}{t}" for t in rng.sample(trades, 4)]
    pool = [p for p in provinces for _ in range(weight[p])]
    entries = []
    for i in range(1, 321):
        p = rng.choice(pool)
        joined = rng.sample(orgs[p], rng.choice([0, 1, 1, 1, 2]))
        e = {
            "id": f"y{i:05d}",
            "title": rng.choice(stories) + ("（二）" if rng.random() < 0.1 else ""),
            "author": name(rng),
            "phone": phone(rng),
            "union": f"{p}{rng.choice(trades)}工会",
            "division": p,
            "organizations": joined,
            "submitted": f"2024-{8 + (i * 13) % 3:02d}-{1 + (i * 7) % 28:02d}T{9 + i % 10:02d}:{(i * 11) % 60:02d}:00+08:00",
            "durationSeconds": rng.randint(45, 119),
            "videoMB": rng.randint(8, 95),
            "video": f"https://video.example.org/yunjiangshu/y{i:05d}.mp4",
            "likes": int(rng.paretovariate(1.3) * 60),
            "favorites": rng.randint(0, 40),
        }
        e["views"] = e["likes"] * rng.randint(4, 12) + rng.randint(0, 300)
        if rng.random() < 0.06:
            e["badges"] = [rng.choice(["劳动模范", "五一劳动奖章", "全国劳动模范"])]
        entries.append(e)
    entries[9]["status"] = "pending"
    entries[77]["status"] = "rejected"
    entries[120]["durationSeconds"] = 136
    write("campaigns/national-yunjiangshu-2024/campaign.json", campaign)
    # Weekly snapshots every Sunday up to the site's asOf: cumulative, each entry from its submission
    # on, growing towards the counts drawn above (those of the campaign's end).
    import datetime
    end = datetime.date(2024, 11, 30)
    as_of = datetime.date(2024, 10, 20)

    def counts(e, day):
        sub = datetime.date.fromisoformat(e["submitted"][:10])
        if sub > day:
            return None
        share = min(1.0, ((day - sub).days + 3) / ((end - sub).days + 3)) ** 0.8
        return int(e["likes"] * share), int(e["views"] * share)

    day = datetime.date(2024, 8, 11)
    while day <= as_of:
        rows = []
        for e in entries:
            if e.get("status", "published") != "published" or counts(e, day) is None:
                continue
            likes, views = counts(e, day)
            rows.append([e["id"], likes, views])
        # Weekly exports in 「CSV UTF-8」 (with a byte-order mark), Chinese headers.
        write_csv(f"campaigns/national-yunjiangshu-2024/weeks/{day.isoformat()}.csv", ["作品编号", "点赞数", "浏览量"], rows, "utf-8-sig")
        day += datetime.timedelta(days=7)
    # The entries hold the counts of the day the site describes, the same as that day's snapshot:
    # the home page and the latest week's page agree (an entry submitted later has none yet).
    for e in entries:
        e["likes"], e["views"] = counts(e, as_of) or (0, 0)
    # The registration platform's export as Excel saves it on Chinese Windows: GB18030, Chinese
    # headers (one in English, as a mixed sheet may have), times as Excel shows them, Chinese statuses.
    status = {"published": "已发布", "pending": "待审核", "rejected": "未通过"}
    columns = [("作品编号", "id"), ("作品名称", "title"), ("作者", "author"), ("手机号", "phone"), ("所属工会", "union"),
               ("赛区", "division"), ("组织", "organizations"), ("报送时间", "submitted"), ("时长（秒）", "durationSeconds"),
               ("视频大小(MB)", "videoMB"), ("video", "video"), ("点赞数", "likes"), ("收藏", "favorites"), ("浏览量", "views"),
               ("荣誉", "badges"), ("状态", "status")]
    def cell(e, field):
        value = e.get(field)
        if field == "organizations" or field == "badges": return "、".join(value or [])
        if field == "submitted": return excel_time(value)
        if field == "status": return status[e.get("status", "published")]
        return "" if value is None else value
    write_csv("campaigns/national-yunjiangshu-2024/entries.csv", [c for c, _ in columns],
              [[cell(e, f) for _, f in columns] for e in entries], "gb18030")

write("site.json", site)
recitation()
grassroots()
yunjiangshu()
print("wrote", os.path.normpath(ROOT))
