"""Write factlib/data/reference/nbs_releases.csv: figures of the statistics bureau's releases.

    python benchmarks/build_nbs_releases.py factlib/data/reference/nbs_releases.csv

The figures were read by hand from pages found with the research search tool (two stats.gov.cn yearbook
tables; reprints of NBS press releases and communiqués); each row names the page and quotes the page's own
short phrase for the figure.  Written as code so the values, units and scales are reviewable in one place.
"""
import csv, io, sys
from decimal import Decimal
from factlib.vocab.lexicon import default_lexicon
LEX = default_lexicon()
COLS = ["metric_zh","metric_en","period","value","unit","qualifier","source_name","source_url","quote","metric_key","kind","unit_code","base_period","area","tier","published","vintage"]
rows = []
def add(key, period, value, unit, quote, src, url, tier, published, kind=None, qualifier="exact", vintage="first", area="CN"):
    info = LEX.info(key)
    kind = kind or info.kind
    code = {"元":"CNY","美元":"USD","人":"person","%":"%","‰":"‰","吨":"t","斤":"jin"}.get(unit, unit)
    v = Decimal(str(value)).normalize()
    rows.append([info.label_zh, info.label_en, period, format(v, "f"), unit, qualifier, src, url, quote, key, kind, code, "", area, tier, published, vintage])

# A. China Statistical Yearbook 2010, table 1-2 (NBS's own page; revised values)
S = "国家统计局《中国统计年鉴2010》表1-2 Principal Aggregate Indicators on National Economic and Social Development (English edition)"
U = "https://www.stats.gov.cn/sj/ndsj/2010/html/B0102e.htm"
years = ["1978", "1990", "2000", "2008", "2009"]
tbl = {
 "population": ("Population at Year-end 96259 114333 126743 132802 133474", [96259, 114333, 126743, 132802, 133474], 10000, "人"),
 "urban_population": ("Urban 17245 30195 45906 60667 62186", [17245, 30195, 45906, 60667, 62186], 10000, "人"),
 "rural_population": ("Rural 79014 84138 80837 72135 71288", [79014, 84138, 80837, 72135, 71288], 10000, "人"),
 "employed_persons": ("Employment 40152 64749 72085 77480 77995", [40152, 64749, 72085, 77480, 77995], 10000, "人"),
 "gdp": ("Gross Domestic Product 3645.2 18667.8 99214.6 314045.4 340506.9", ["3645.2", "18667.8", "99214.6", "314045.4", "340506.9"], 100000000, "元"),
 "value_added_primary": ("Primary Industry 1027.5 5062.0 14944.7 33702.0 35226.0", ["1027.5", "5062.0", "14944.7", "33702.0", "35226.0"], 100000000, "元"),
 "value_added_secondary": ("Secondary Industry 1745.2 7717.4 45555.9 149003.4 157638.8", ["1745.2", "7717.4", "45555.9", "149003.4", "157638.8"], 100000000, "元"),
}
for key, (quote, vals, scale, unit) in tbl.items():
    stock = LEX.info(key).measure == "stock"
    for y, v in zip(years, vals):
        add(key, y + ("-12" if stock else ""), Decimal(str(v)) * scale, unit, quote, S, U, "primary", "", vintage="later")
# B. China Statistical Yearbook 2006, table 2-3 (NBS's own page)
S = "国家统计局《中国统计年鉴2006》表2-3 Principal Aggregate Indicators on National Economic and Social Development (English edition)"
U = "https://www.stats.gov.cn/sj/ndsj/2006/html/B0203e.htm"
years = ["1989", "1997", "2004", "2005"]
for key, quote, vals in [
    ("population", "Population at the Year-end | 96259 | 112704 | 123626 | 129988 | 130756", [112704, 123626, 129988, 130756]),
    ("urban_population", "Urban | 17245 | 29540 | 39449 | 54283 | 56212", [29540, 39449, 54283, 56212]),
    ("rural_population", "Rural | 79014 | 83164 | 84177 | 75705 | 74544", [83164, 84177, 75705, 74544])]:
    for y, v in zip(years, vals):
        add(key, y + "-12", v * 10000, "人", quote, S, U, "primary", "", vintage="later")

# C-E. population communiqués (NBS) via news reprints
S = "国家统计局 2022年国民经济和社会发展统计公报 人口数据 (via 中新网 reprint)"; U = "http://m.hg87897.com/hnnew/2023-01-17/666816.html"; P = "2023-01-17"
add("births", "2022", 9560000, "人", "全年出生人口956萬人", S, U, "secondary", P)
add("birth_rate", "2022", "6.77", "‰", "人口出生率為6.77‰", S, U, "secondary", P)
add("deaths", "2022", 10410000, "人", "死亡人口1041萬人", S, U, "secondary", P)
add("death_rate", "2022", "7.37", "‰", "人口死亡率為7.37‰", S, U, "secondary", P)
add("natural_growth_rate", "2022", "-0.60", "‰", "人口自然增長率為-0.60‰", S, U, "secondary", P)
S = "国家统计局 2021年国民经济和社会发展统计公报 (via 中国经济网 reprint)"; U = "http://seo-zg.com/a/shangyequan/shangye/299.html"; P = "2022-02-28"
add("population", "2021-12", 1412600000, "人", "2021年末全国人口141260万人", S, U, "secondary", P)
add("urban_population", "2021-12", 914250000, "人", "其中城镇常住人口91425万人", S, U, "secondary", P)
add("births", "2021", 10620000, "人", "全年出生人口1062万人", S, U, "secondary", P)
add("birth_rate", "2021", "7.52", "‰", "出生率为7.52‰", S, U, "secondary", P)
add("deaths", "2021", 10140000, "人", "死亡人口1014万人", S, U, "secondary", P)
add("death_rate", "2021", "7.18", "‰", "死亡率为7.18‰", S, U, "secondary", P)
add("natural_growth_rate", "2021", "0.34", "‰", "自然增长率为0.34‰", S, U, "secondary", P)
S = "国家统计局局长宁吉喆 国新办新闻发布会 2018年人口数据 (via 新华社 reprint)"; U = "https://feifmx.com/domestic/945/20190121/35046327_all.html"; P = "2019-01-21"
add("population", "2018-12", 1395380000, "人", "中國大陸總人口…139538萬人", S, U, "secondary", P)
add("births", "2018", 15230000, "人", "2018年我國出生人口1523萬人", S, U, "secondary", P)
add("birth_rate", "2018", "10.94", "‰", "人口出生率為10.94‰", S, U, "secondary", P)
add("deaths", "2018", 9930000, "人", "死亡人口993萬人", S, U, "secondary", P)
add("death_rate", "2018", "7.13", "‰", "人口死亡率為7.13‰", S, U, "secondary", P)
add("natural_growth_rate", "2018", "3.81", "‰", "人口自然增長率為3.81‰", S, U, "secondary", P)
add("working_age_population", "2018-12", 897290000, "人", "16至59周歲的勞動年齡人口89729萬人", S, U, "secondary", P)
add("elderly_population_60", "2018-12", 249490000, "人", "60周歲及以上人口24949萬人", S, U, "secondary", P)
add("urban_population", "2018-12", 831370000, "人", "城鎮常住人口83137萬人", S, U, "secondary", P)
add("rural_population", "2018-12", 564010000, "人", "鄉(xiāng)村常住人口56401萬人", S, U, "secondary", P)

# E2. population releases 2019, 2023, 2024 (NBS, each January) via reprints
S = "国家统计局 2019年人口数据 (via 199IT reprint)"; U = "http://199it.com/archives/999247.html"; P = "2020-01-17"
add("population", "2019-12", 1400050000, "人", "去年末中国大陆总人口…140005万人", S, U, "secondary", P)
add("births", "2019", 14650000, "人", "全年出生人口1465万人", S, U, "secondary", P)
add("birth_rate", "2019", "10.48", "‰", "人口出生率为10.48‰", S, U, "secondary", P)
add("deaths", "2019", 9980000, "人", "死亡人口998万人", S, U, "secondary", P)
add("death_rate", "2019", "7.14", "‰", "人口死亡率为7.14‰", S, U, "secondary", P)
add("natural_growth_rate", "2019", "3.34", "‰", "人口自然增长率为3.34‰", S, U, "secondary", P)
add("working_age_population", "2019-12", 896400000, "人", "16至59周岁的劳动年龄人口89640万人", S, U, "secondary", P)
add("elderly_population_60", "2019-12", 253880000, "人", "60周岁及以上人口25388万人", S, U, "secondary", P)
add("urban_population", "2019-12", 848430000, "人", "城镇常住人口84843万人", S, U, "secondary", P)
add("rural_population", "2019-12", 551620000, "人", "乡村常住人口55162万人", S, U, "secondary", P)
add("urbanisation_rate", "2019-12", "60.60", "%", "城镇人口占总人口比重(城镇化率)为60.60%", S, U, "secondary", P)
S = "国家统计局局长康义 国新办新闻发布会 2023年人口数据 (via 中国青年报/中国西藏网 reprint)"; U = "http://ihouhe.com/cn/Instant/culture/202401/t20240117_7558978.html"; P = "2024-01-17"
add("births", "2023", 9020000, "人", "2023年全年出生人口902萬(wàn)人", S, U, "secondary", P)
add("birth_rate", "2023", "6.39", "‰", "人口出生率為6.39‰", S, U, "secondary", P)
add("deaths", "2023", 11100000, "人", "死亡人口1110萬(wàn)人", S, U, "secondary", P)
add("death_rate", "2023", "7.87", "‰", "人口死亡率為7.87‰", S, U, "secondary", P)
add("natural_growth_rate", "2023", "-1.48", "‰", "人口自然增長(cháng)率為-1.48‰", S, U, "secondary", P)
add("urban_population", "2023-12", 932670000, "人", "城鎮常住人口93267萬(wàn)人", S, U, "secondary", P)
add("rural_population", "2023-12", 477000000, "人", "鄉村常住人口47700萬(wàn)人", S, U, "secondary", P)
add("urbanisation_rate", "2023-12", "66.16", "%", "(城鎮化率)為66.16%", S, U, "secondary", P)
add("working_age_population", "2023-12", 864810000, "人", "16—59歲的勞動(dòng)年齡人口86481萬(wàn)人", S, U, "secondary", P)
add("elderly_population_60", "2023-12", 296970000, "人", "60歲及以上人口29697萬(wàn)人", S, U, "secondary", P)
S = "国家统计局 2024年人口数据 (via 51haodu reprint)"; U = "http://51haodu.com/t/Nl!JVjhBa2VQVQ=="; P = "2025-01-17"
add("births", "2024", 9540000, "人", "2024年全年出生人口954万人", S, U, "secondary", P)
add("birth_rate", "2024", "6.77", "‰", "人口出生率为6.77‰", S, U, "secondary", P)
add("deaths", "2024", 10930000, "人", "死亡人口1093万人", S, U, "secondary", P)
add("death_rate", "2024", "7.76", "‰", "人口死亡率为7.76‰", S, U, "secondary", P)
add("natural_growth_rate", "2024", "-0.99", "‰", "人口自然增长率为-0.99‰", S, U, "secondary", P)
add("urban_population", "2024-12", 943500000, "人", "城镇常住人口94350万人", S, U, "secondary", P)
add("rural_population", "2024-12", 464780000, "人", "乡村常住人口46478万人", S, U, "secondary", P)
add("urbanisation_rate", "2024-12", "67.00", "%", "城镇人口占全国人口的比重(城镇化率)为67.00%", S, U, "secondary", P)
add("working_age_population", "2024-12", 857980000, "人", "16—59岁人口85798万人", S, U, "secondary", P)
add("elderly_population_60", "2024-12", 310310000, "人", "60岁及以上人口31031万人", S, U, "secondary", P)

# F0. 2020 and 2021 annual figures (NBS January releases, 2021 communiqué, 2022 revision) via reprints
S = "国家统计局 2021年国民经济和社会发展统计公报 (via 中新财经 English, tellerreport)"; U = "https://www.tellerreport.com/business/2022-02-28-in-2021--my-country-s-per-capita-gdp-will-exceed-80-000-yuan--an-increase-of-8-0--over-the-previous-year.S14o9qitxq.html"; P = "2022-02-28"
add("gdp", "2021", 114367000000000, "元", "the annual GDP was 114.367 trillion yuan", S, U, "secondary", P)
add("gdp", "2021", "8.1", "%", "an increase of 8.1% over the previous year", S, U, "secondary", P, kind="growth_rate")
add("gdp_per_capita", "2021", 80976, "元", "The annual per capita GDP was 80,976 yuan", S, U, "secondary", P)
add("gdp_per_capita", "2021", "8.0", "%", "an increase of 8.0% over the previous year", S, U, "secondary", P, kind="growth_rate")
add("labour_productivity", "2021", 146380, "元", "The total labor productivity was 146,380 yuan per person", S, U, "secondary", P)
S = "国家统计局 2021年国民经济运行情况 (via asiafirst.net reprint)"; U = "https://www.asiafirst.net/post/china-s-economy-grows-8-in-2021"; P = "2022-01-17"
add("surveyed_urban_unemployment_rate", "2021-12", "5.1", "%", "The surveyed urban unemployment rate at the year-end was 5.1%", S, U, "secondary", P)
add("registered_urban_unemployment_rate", "2021-12", "3.96", "%", "the registered urban unemployment rate was 3.96%", S, U, "secondary", P)
add("cpi", "2021", "0.9", "%", "consumer prices in 2021 went up by 0.9% over the previous year", S, U, "secondary", P, kind="growth_rate")
add("ppi", "2021", "8.1", "%", "the producer prices for industrial products went up by 8.1%", S, U, "secondary", P, kind="growth_rate")
S = "国家统计局 2021年国内生产总值最终核实 (via owpit.com reprint)"; U = "https://www.owpit.com/chinas-2021-growth-rate-revised/"; P = ""
add("gdp", "2021", 114900000000000, "元", "announced that the figure was 114.9 trillion yuan", S, U, "secondary", P, vintage="later")
add("gdp", "2021", "8.4", "%", "the annual growth rate in 2021 increased from 8.1 percent to 8.4 percent", S, U, "secondary", P, kind="growth_rate", vintage="later")
S = "国家统计局 2021年国民经济运行情况 (via eastmojo reprint of PTI/Xinhua)"; U = "https://www.eastmojo.com/neighbourhood-watch/china/2022/01/17/chinas-economy-grows-8-1-in-2021/"; P = "2022-01-17"
add("gdp", "2021-10/2021-12", "4", "%", "China’s economy grew by four percent in the fourth quarter of last year", S, U, "secondary", P, kind="growth_rate")
add("gdp", "2021-07/2021-09", "4.9", "%", "slowing from the 4.9 percent growth in the third quarter", S, U, "secondary", P, kind="growth_rate")
add("gdp", "2021", 114370000000000, "元", "The country’s GDP expanded 8.1 per cent year on year to 114.37 trillion yuan", S, U, "secondary", P)
add("fixed_asset_investment", "2021", "4.9", "%", "fixed-asset investment went up 4.9 per cent year on year in 2021", S, U, "secondary", P, kind="growth_rate")
add("fixed_asset_investment", "2021", 54450000000000, "元", "the fixed-asset investment amounted to over 54.45 trillion yuan", S, U, "secondary", P, qualifier="lower")
add("gdp", "2020", "2.3", "%", "grew 2.3 per cent in 2020", S, U, "secondary", P, kind="growth_rate")
S = "国家统计局 2020年国民经济运行情况 (via Global Times, chinanews.lk reprint)"; U = "https://chinanews.lk/?p=199"; P = "2021-01-18"
add("gdp", "2020", 101600000000000, "元", "China’s GDP grew 2.3 percent to 101.6 trillion yuan in 2020", S, U, "secondary", P)

# F. 2023 annual figures (NBS press release 2024-01-17) via 人民日报 reprint
S = "国家统计局 2023年国民经济运行情况 (via 人民日报 reprint)"; U = "http://duomi32.cn/_domi@/index_body.php?qZ=QI.html"; P = "2024-01-17"
add("gdp", "2023", 126058200000000, "元", "2023年全年国内生产总值(GDP)1260582亿元", S, U, "secondary", P)
add("gdp", "2023", "5.2", "%", "按不变价格计算,比上年增长5.2%", S, U, "secondary", P, kind="growth_rate")
for q, v in (("2023-01/2023-03", "4.5"), ("2023-04/2023-06", "6.3"), ("2023-07/2023-09", "4.9"), ("2023-10/2023-12", "5.2")):
    add("gdp", q, v, "%", "一季度国内生产总值同比增长4.5%,二季度增长6.3%,三季度增长4.9%,四季度增长5.2%", S, U, "secondary", P, kind="growth_rate")
add("cpi", "2023", "0.2", "%", "全年居民消费价格指数(CPI)上涨0.2%", S, U, "secondary", P, kind="growth_rate")
add("core_cpi", "2023", "0.7", "%", "核心CPI上涨0.7%", S, U, "secondary", P, kind="growth_rate")
add("goods_exports", "2023", "0.6", "%", "全年货物出口增长0.6%", S, U, "secondary", P, kind="growth_rate")
add("foreign_exchange_reserves", "2023-12", 3200000000000, "美元", "年末外汇储备超过3.2万亿美元", S, U, "secondary", P, qualifier="lower")
add("rd_expenditure", "2023", 3327820000000, "元", "2023年全社会研究与试验发展(R&D)经费投入达到33278.2亿元", S, U, "secondary", P)
add("rd_intensity", "2023", "2.64", "%", "R&D经费投入强度达到2.64%", S, U, "secondary", P)
add("tertiary_share_of_gdp", "2023", "54.6", "%", "服务业增加值占GDP比重达到54.6%", S, U, "secondary", P)
add("consumption_contribution_to_growth", "2023", "82.5", "%", "最终消费支出对经济增长的贡献率达到82.5%", S, U, "secondary", P)

# G. 2014 annual figures (NBS 2015-01-20) via CRI Filipino service
S = "国家统计局 2014年国民经济运行情况 (via China Radio International, Filipino service)"; U = "https://filipino.cri.cn/301/2015/01/20/2s134095.htm"; P = "2015-01-20"
add("gdp", "2014", 63640000000000, "元", "umabot sa mahigit 63.64 trilyong yuan RMB ang GDP ng Tsina", S, U, "secondary", P, qualifier="lower")
add("gdp", "2014", "7.4", "%", "Ito ay lumaki ng 7.4% kumpara noong taong 2013", S, U, "secondary", P, kind="growth_rate")
add("grain_output", "2014", 607100000, "吨", "Umabot na sa 607.10 milyong tonelada ang output ng pagkaing-butil", S, U, "secondary", P)
add("grain_output", "2014", "0.9", "%", "na lumaki ng 0.9% kumpara noong 2013", S, U, "secondary", P, kind="growth_rate")
add("industrial_value_added_above_scale", "2014", "8.3", "%", "Lumaki ng 8.3% ang added value ng industry above designated size", S, U, "secondary", P, kind="growth_rate")
add("employed_persons", "2014-12", 772530000, "人", "772.53 milyong tao ang naghanap-buhay sa buong bansa", S, U, "secondary", P)

# H. 2008 communiqué via hjenglish
S = "国家统计局 2008年国民经济和社会发展统计公报 (via 沪江英语 reprint)"; U = "https://www.hjenglish.com/new/p67820/"; P = "2009-02-26"
add("gdp", "2008", 30067000000000, "元", "the gross domestic product (GDP) of the year was 30,067.0 billion yuan", S, U, "secondary", P)
add("gdp", "2008", "9", "%", "比上年增长 9%", S, U, "secondary", P, kind="growth_rate")
add("cpi", "2008", "5.9", "%", "居民消费价格比上年上涨 5.9%", S, U, "secondary", P, kind="growth_rate")
add("foreign_exchange_reserves", "2008-12", 1946000000000, "美元", "年末国家外汇储备 19460 亿美元", S, U, "secondary", P)
add("tax_revenue", "2008", 5786200000000, "元", "全年税收收入 57862 亿元", S, U, "secondary", P)

# I. Jan-Sep 2024 (NBS 2024-10-18) via Xinhua reprint
S = "国家统计局 2024年前三季度国民经济运行情况 (via 新华社 English reprint)"; U = "https://chinaworldnewstoday.com/chinas-gdp-expands-4-8-pct-in-first-three-quarters"; P = "2024-10-18"
Q = "2024-01/2024-09"
add("gdp", Q, "4.8", "%", "grew 4.8 percent year on year in the first three quarters of 2024", S, U, "secondary", P, kind="growth_rate")
add("gdp", Q, 94970000000000, "元", "The GDP reached around 94.97 trillion yuan", S, U, "secondary", P, qualifier="approx")
add("gdp", "2024-07/2024-09", "4.6", "%", "In the third quarter, the economy expanded 4.6 percent year on year", S, U, "secondary", P, kind="growth_rate")
add("industrial_value_added_above_scale", Q, "5.8", "%", "industrial output climbed 5.8 percent compared with a year earlier in the first nine months", S, U, "secondary", P, kind="growth_rate")
add("total_retail_sales", Q, "3.3", "%", "retail sales of consumer goods up 3.3 percent from a year ago", S, U, "secondary", P, kind="growth_rate")
add("fixed_asset_investment", Q, "3.4", "%", "Fixed-asset investment rose 3.4 percent", S, U, "secondary", P, kind="growth_rate")
add("surveyed_urban_unemployment_rate", Q, "5.1", "%", "the surveyed urban unemployment rate on average stood at 5.1 percent in the first three quarters", S, U, "secondary", P)

# J. H1 2024 (NBS 2024-07-15) via China Daily / adnkronos
S = "国家统计局 2024年上半年国民经济运行情况 (via China Daily, adnkronos reprint)"; U = "https://www.adnkronos.com/rassegna-stampa/inglese/china-stable-economic-growth-despite-challenges_GDBEAnBahrO3P9fN90MGg"; P = "2024-07-16"
H = "2024-01/2024-06"
add("gdp", H, "5", "%", "GDP increasing 5% from the previous year to 61.68 trillion yuan", S, U, "secondary", P, kind="growth_rate")
add("gdp", H, 61680000000000, "元", "GDP increasing 5% from the previous year to 61.68 trillion yuan", S, U, "secondary", P)
add("gdp", "2024-04/2024-06", "4.7", "%", "In the second quarter, GDP grew 4.7% year-on-year", S, U, "secondary", P, kind="growth_rate")
add("total_retail_sales", H, "3.7", "%", "Retail sales of consumer goods increased by 3.7%", S, U, "secondary", P, kind="growth_rate")
add("fixed_asset_investment", H, "3.9", "%", "investment in fixed assets grew by 3.9%", S, U, "secondary", P, kind="growth_rate")
add("industrial_value_added_above_scale", H, "6", "%", "industrial production by 6%", S, U, "secondary", P, kind="growth_rate")
add("per_capita_disposable_income", H, "5.4", "%", "per capita disposable income increasing by 5.4%", S, U, "secondary", P, kind="growth_rate")

# K. Q1 2024 (NBS 2024-04-16) via People's Daily German edition
S = "国家统计局 2024年一季度国民经济运行情况 (via 人民网德文版 reprint)"; U = "http://de.brnn.com/n3/2024/0416/c416984-20157568.html"; P = "2024-04-16"
Q1 = "2024-01/2024-03"
add("gdp", Q1, 29630000000000, "元", "29,63 Billionen Yuan RMB erreicht", S, U, "secondary", P)
add("gdp", Q1, "5.3", "%", "ein Wachstum von 5,3 Prozent im Vergleich zum Vorjahreszeitraum", S, U, "secondary", P, kind="growth_rate")
add("total_retail_sales", Q1, 12030000000000, "元", "12,03 Billionen Yuan RMB erreicht", S, U, "secondary", P)
add("total_retail_sales", Q1, "4.7", "%", "um 4,7 Prozent im Vergleich zum gleichen Zeitraum des Vorjahres gewachsen", S, U, "secondary", P, kind="growth_rate")
add("fixed_asset_investment", Q1, "4.5", "%", "Die landesweiten Anlageinvestitionen seien um 4,5 Prozent angestiegen", S, U, "secondary", P, kind="growth_rate")
add("goods_trade", Q1, "5.0", "%", "der Gesamtwert der Warenexporte und -importe um 5,0 Prozent", S, U, "secondary", P, kind="growth_rate")
add("surveyed_urban_unemployment_rate", Q1, "5.2", "%", "Arbeitslosenquote in den Städten lag … im Durchschnitt bei 5,2 Prozent", S, U, "secondary", P)

# L. April 2024 (NBS 2024-05-17) via wowkorea
S = "国家统计局 2024年4月国民经济运行情况 (via wowkorea English reprint)"; U = "https://wowkorea.live/news/read/433475.html"; P = "2024-05-17"
add("industrial_value_added_above_scale", "2024-04", "6.7", "%", "increased by 6.7% compared to the same month last year", S, U, "secondary", P, kind="growth_rate")
add("total_retail_sales", "2024-04", "2.3", "%", "Retail sales increased by 2.3% compared to the same month last year", S, U, "secondary", P, kind="growth_rate")
add("surveyed_urban_unemployment_rate", "2024-01/2024-04", "5.2", "%", "The average urban unemployment rate nationwide from January to April was 5.2%", S, U, "secondary", P)

# M. 2024 annual and December (NBS 2025-01-17) via a broker's note
S = "国家统计局 2024年国民经济运行情况 (via 太平洋证券 note on reportify.ai)"; U = "https://reportify.ai/reports/1079080209514369024"; P = "2025-01-21"
add("gdp", "2024-10/2024-12", "5.4", "%", "China's Q4 GDP grew by 5.4% year-on-year", S, U, "secondary", P, kind="growth_rate")
add("gdp", "2024", "5.0", "%", "achieving a year-on-year growth of 5.0%", S, U, "secondary", P, kind="growth_rate")
add("industrial_value_added_above_scale", "2024-12", "6.2", "%", "December industrial added value increased by 6.2% year-on-year", S, U, "secondary", P, kind="growth_rate")
add("industrial_value_added_above_scale", "2024", "5.8", "%", "Full-year industrial added value growth was 5.8%", S, U, "secondary", P, kind="growth_rate")
add("total_retail_sales", "2024-12", "3.7", "%", "December retail sales of consumer goods rose by 3.7% year-on-year", S, U, "secondary", P, kind="growth_rate")
add("total_retail_sales", "2024", "3.5", "%", "The full-year retail sales growth was 3.5%", S, U, "secondary", P, kind="growth_rate")
add("fixed_asset_investment", "2024", "3.2", "%", "Fixed asset investment (excluding rural households) grew by 3.2% year-on-year in 2024", S, U, "secondary", P, kind="growth_rate")
add("surveyed_urban_unemployment_rate", "2024-12", "5.1", "%", "The urban survey unemployment rate in December was 5.1%", S, U, "secondary", P)
add("surveyed_urban_unemployment_rate", "2024", "5.1", "%", "The average urban unemployment rate for 2024 was 5.1%", S, U, "secondary", P)

# N. August 2022 (NBS 2022-09-16) via breakinglatest
S = "国家统计局 2022年8月国民经济运行情况 (via breakinglatest.news English reprint)"; U = "https://www.breakinglatest.news/?p=542194"; P = "2022-09-16"
add("industrial_value_added_above_scale", "2022-08", "4.2", "%", "the added value of industries above designated size increased by 4.2% year-on-year", S, U, "secondary", P, kind="growth_rate")
add("total_retail_sales", "2022-08", 3625800000000, "元", "total retail sales of consumer goods reaching 3,625.8 billion yuan", S, U, "secondary", P)
add("total_retail_sales", "2022-08", "5.4", "%", "up 5.4 percent year-on-year", S, U, "secondary", P, kind="growth_rate")
add("fixed_asset_investment", "2022-01/2022-08", 36710600000000, "元", "the national investment in fixed assets (excluding farmers) was 36,710.6 billion yuan", S, U, "secondary", P)
add("fixed_asset_investment", "2022-01/2022-08", "5.8", "%", "a year-on-year increase of 5.8%", S, U, "secondary", P, kind="growth_rate")
add("goods_trade", "2022-01/2022-08", 27302600000000, "元", "the total import and export of goods was 27,302.6 billion yuan", S, U, "secondary", P)
add("goods_trade", "2022-01/2022-08", "10.1", "%", "a year-on-year increase. 10.1%", S, U, "secondary", P, kind="growth_rate")
add("surveyed_urban_unemployment_rate", "2022-08", "5.3", "%", "The national urban surveyed unemployment rate was 5.3%", S, U, "secondary", P)
add("cpi", "2022-08", "2.5", "%", "the national consumer price (CPI) rose by 2.5% year-on-year", S, U, "secondary", P, kind="growth_rate")
add("new_urban_jobs", "2022-01/2022-08", 8980000, "人", "8.98 million new jobs were created in cities and towns across the country", S, U, "secondary", P)
add("cpi", "2022-01/2022-08", "1.9", "%", "From January to August … the national consumer price rose by 1.9% year-on-year", S, U, "secondary", P, kind="growth_rate")

# P. household income and consumption, half years (NBS) via reprints: (key, level, level quote, nominal, nominal quote, real, real quote)
PAGES = [
    ("国家统计局 2018年上半年居民收入和消费支出情况 (via modernhuayu.com reprint)", "http://www.modernhuayu.com/data/142/2018-07-16/6424455866384454647.html", "2018-07-16", "2018-01/2018-06", [
        ("per_capita_disposable_income", 14063, "全國居民人均可支配收入14063元", "8.7", "名義增長8.7%", "6.6", "實際增長6.6%"),
        ("urban_per_capita_disposable_income", 19770, "城鎮居民人均可支配收入19770元", "7.9", "均為同比名義增長) 7.9%", "5.8", "實際增長5.8%"),
        ("rural_per_capita_disposable_income", 7142, "農村居民人均可支配收入7142元", "8.8", "增長8.8%", "6.8", "實際增長6.8%"),
        ("per_capita_disposable_income_median", 12186, "全國居民人均可支配收入中位數12186元", "8.4", "增長8.4%", None, None),
        ("per_capita_consumption", 9609, "全國居民人均消費支出9609元", "8.8", "名義增長8.8%", "6.7", "實際增長6.7%"),
        ("urban_per_capita_consumption", 12745, "城鎮居民人均消費支出12745元", "6.8", "增長6.8%", "4.7", "實際增長4.7%"),
        ("rural_per_capita_consumption", 5806, "農村居民人均消費支出5806元", "12.2", "增長12.2%", "10.1", "實際增長10.1%")]),
    ("国家统计局 2019年上半年居民收入和消费支出情况 (via modernhuayu.com reprint)", "http://www.modernhuayu.com/data/142/2019-07-15/6556390369893094003.html", "2019-07-15", "2019-01/2019-06", [
        ("per_capita_disposable_income", 15294, "全國居民人均可支配收入15294元", "8.8", "名義增長8.8%", "6.5", "實際增長6.5%"),
        ("urban_per_capita_disposable_income", 21342, "城鎮(zhèn)居民人均可支配收入21342元", "8.0", "均為同比名義增長)8.0%", "5.7", "實際增長5.7%"),
        ("rural_per_capita_disposable_income", 7778, "農(nóng)村居民人均可支配收入7778元", "8.9", "增長8.9%", "6.6", "實際增長6.6%"),
        ("per_capita_disposable_income_median", 13281, "全國居民人均可支配收入中位數(shù)13281元", "9.0", "增長9.0%", None, None),
        ("per_capita_consumption", 10330, "全國居民人均消費支出10330元", "7.5", "名義增長7.5%", "5.2", "實際增長5.2%"),
        ("urban_per_capita_consumption", 13565, "城鎮(zhèn)居民人均消費支出13565元", "6.4", "增長6.4%", "4.1", "實際增長4.1%"),
        ("rural_per_capita_consumption", 6310, "農(nóng)村居民人均消費支出6310元", "8.7", "增長8.7%", "6.4", "實際增長6.4%")]),
    ("国家统计局 2022年上半年居民收入和消费支出情况 (via vagaawaga.net.cn reprint)", "http://www.vagaawaga.net.cn/content/Content/index/id/34207", "2022-07-22", "2022-01/2022-06", [
        ("per_capita_disposable_income", 18463, "全國居民人均可支配收入18463元", "4.7", "名義增長4.7%", "3.0", "實際增長3.0%"),
        ("urban_per_capita_disposable_income", 25003, "城鎮(zhèn)居民人均可支配收入25003元", "3.6", "均為同比名義增長)3.6%", "1.9", "實際增長1.9%"),
        ("rural_per_capita_disposable_income", 9787, "農(nóng)村居民人均可支配收入9787元", "5.8", "增長5.8%", "4.2", "實際增長4.2%"),
        ("per_capita_disposable_income_median", 15560, "全國居民人均可支配收入中位數(shù)15560元", "4.5", "增長4.5%", None, None),
        ("per_capita_consumption", 11756, "全國居民人均消費支出11756元", "2.5", "名義增長2.5%", "0.8", "實際增長0.8%")]),
    ("国家统计局 2024年上半年居民收入和消费支出情况 (via sqzimxl.cn reprint)", "http://m.sqzimxl.cn/p/515742.html", "2024-07-15", "2024-01/2024-06", [
        ("per_capita_disposable_income", 20733, "全國(guó)居民人均可支配收入20733元", "5.4", "名義增長(zhǎng)5.4%", "5.3", "實(shí)際增長(zhǎng)5.3%"),
        ("urban_per_capita_disposable_income", 27561, "城鎮(zhèn)居民人均可支配收入27561元", "4.6", "均為同比名義增長(zhǎng))4.6%", "4.5", "實(shí)際增長(zhǎng)4.5%"),
        ("rural_per_capita_disposable_income", 11272, "農(nóng)村居民人均可支配收入11272元", "6.8", "增長(zhǎng)6.8%", "6.6", "實(shí)際增長(zhǎng)6.6%"),
        ("per_capita_disposable_income_median", 17358, "全國(guó)居民人均可支配收入中位數(shù)17358元", "5.9", "增長(zhǎng)5.9%", None, None)]),
]
for S, U, P, H, vals in PAGES:
    for key, level, lq, nominal, nq, real, rq in vals:
        add(key, H, level, "元", lq, S, U, "secondary", P)
        add(key, H, nominal, "%", nq, S, U, "secondary", P, kind="growth_rate")
        if real:
            add(key, H, real, "%", rq, S, U, "secondary", P, kind="growth_rate")

# Q. annual figures 2021-2024 at their first release (asked for in the issue-12 work: a claim dated between the
#    statistics bureau's January release and the government work report is held to the January figure)
S = "国家统计局 2023年12月份社会消费品零售总额 (via 中国企业新闻网 reprint, zzndh.com)"; U = "http://zzndh.com/a/202401/621350.html"; P = "2024-01-17"
add("total_retail_sales", "2023", 47149500000000, "元", "2023年,社會消費品零售總額471495億元", S, U, "secondary", P)
add("total_retail_sales", "2023", "7.2", "%", "比上年增長7.2%", S, U, "secondary", P, kind="growth_rate")
add("online_retail_sales", "2023", 15426400000000, "元", "全國網上零售額154264億元,比上年增長11.0%", S, U, "secondary", P)
add("online_retail_sales", "2023", "11.0", "%", "全國網上零售額154264億元,比上年增長11.0%", S, U, "secondary", P, kind="growth_rate")
add("physical_goods_online_retail", "2023", 13017400000000, "元", "實物商品網上零售額130174億元,增長8.4%", S, U, "secondary", P)
add("physical_goods_online_retail", "2023", "8.4", "%", "實物商品網上零售額130174億元,增長8.4%", S, U, "secondary", P, kind="growth_rate")
add("physical_goods_online_retail_share", "2023", "27.6", "%", "占社會消費品零售總額的比重為27.6%", S, U, "secondary", P)
S = "国家统计局 2022年国民经济运行数据 (via 新华社 reprint in 泉州晚报)"; U = "https://szb.qzwb.com/old/qzwb/html/2023-01/18/content_634893.htm"; P = "2023-01-17"
add("gdp", "2022", 121020700000000, "元", "2022年全年国内生产总值(GDP)1210207亿元", S, U, "secondary", P)
add("gdp", "2022", "3", "%", "按不变价格计算,比上年增长3%", S, U, "secondary", P, kind="growth_rate")
add("gdp_per_capita", "2022", 85698, "元", "2022年我国人均GDP达到85698元", S, U, "secondary", P)
S = "国家统计局 2024年国民经济运行数据 (via auto-ty.com reprint)"; U = "http://www.auto-ty.com/2025/0124/722207.shtml"; P = "2025-01-17"
add("gdp", "2024", 134908400000000, "元", "全年國內生產總值1349084億元", S, U, "secondary", P)
add("gdp", "2024", "5.0", "%", "按不變價格計算,比上年增長5.0%", S, U, "secondary", P, kind="growth_rate")
add("cpi", "2024", "0.2", "%", "2024年全年,居民消費價格指數(CPI)同比上漲0.2%", S, U, "secondary", P, kind="growth_rate")
S = "国家统计局局长康义 国新办发布会 2024年居民收入 (via 中国青年报)"; U = "https://finance.youth.cn/finance_gdxw/202501/t20250117_15778635.htm"; P = "2025-01-17"
add("per_capita_disposable_income", "2024", 41314, "元", "2024年全国居民人均可支配收入为41314元", S, U, "secondary", P)
add("per_capita_disposable_income", "2024", "5.3", "%", "比上年名义增长5.3%", S, U, "secondary", P, kind="growth_rate")
add("per_capita_disposable_income", "2024", "5.1", "%", "扣除价格因素实际增长5.1%", S, U, "secondary", P, kind="growth_rate")
add("urban_per_capita_disposable_income", "2024", 54188, "元", "城镇居民人均可支配收入为54188元", S, U, "secondary", P)
add("rural_per_capita_disposable_income", "2024", 23119, "元", "农村居民人均可支配收入为23119元", S, U, "secondary", P)
S = "国家统计局 2023年居民收入 (via 中新社 reprint)"; U = "http://223.94.76.10:9001/api/show.php?d8cw=Cf.html"; P = "2024-01-17"
add("per_capita_disposable_income", "2023", 39218, "元", "2023年,全国居民人均可支配收入39218元", S, U, "secondary", P)
add("per_capita_disposable_income", "2023", "6.3", "%", "比上年名义增长6.3%", S, U, "secondary", P, kind="growth_rate")
add("per_capita_disposable_income", "2023", "6.1", "%", "扣除价格因素实际增长6.1%", S, U, "secondary", P, kind="growth_rate")
S = "国家统计局 2024年粮食产量公告 (via 人民网 reprint, gsdjw.com)"; U = "http://gsdjw.com/news/it/485327.html"; P = "2024-12-13"
add("grain_output", "2024", 706500000, "吨", "2024年全国粮食总产量70650万吨(14130亿斤)", S, U, "secondary", P)
S = "国家统计局 2023年就业数据 (via 俄罗斯卫星通讯社 reprint)"; U = "https://big5.sputniknews.cn/20240117/1056443917.html"; P = "2024-01-17"
add("surveyed_urban_unemployment_rate", "2023", "5.2", "%", "2023年全年中國城鎮調查失業率平均值為5.2%", S, U, "secondary", P)
add("surveyed_urban_unemployment_rate", "2023-12", "5.1", "%", "去年12月份,全國城鎮調查失業率為5.1%", S, U, "secondary", P)
S = "人力资源社会保障部 2024年四季度新闻发布会 (via 香港商报 reprint)"; U = "https://hkcd.com./hkcdweb/content/2025/01/21/content_8677460.html"; P = "2025-01-21"
add("new_urban_jobs", "2024", 12560000, "人", "全國城鎮新增就業1256萬人", S, U, "secondary", P)
add("surveyed_urban_unemployment_rate", "2024", "5.1", "%", "全年城鎮調查失業率平均值為5.1%", S, U, "secondary", P)
S = "海关总署 2023年进出口数据 (via 香港商报 reprint)"; U = "http://m.6660114.com/hkcdweb/content/2024/01/12/content_8618494.html"; P = "2024-01-12"
add("goods_trade", "2023", 41760000000000, "元", "2023年我國進出口總值41.76萬億元人民幣", S, U, "secondary", P)
add("goods_trade", "2023", "0.2", "%", "同比(下同)增長0.2%", S, U, "secondary", P, kind="growth_rate")
add("goods_exports", "2023", 23770000000000, "元", "出口23.77萬億元,增長0.6%", S, U, "secondary", P)
add("goods_imports", "2023", 17990000000000, "元", "進口17.99萬億元,下降0.3%", S, U, "secondary", P)
add("goods_imports", "2023", "-0.3", "%", "進口17.99萬億元,下降0.3%", S, U, "secondary", P, kind="growth_rate")
S = "财政部 2023年财政收支情况新闻发布会 (via 财联社 reprint, bg3.co)"; U = "http://bg3.co/a/2023nian-quan-guo-yi-ban-gong-gong-yu-suan-shou-ru-chao-21mo-yi-yuan.html"; P = "2024-02-01"
add("general_budget_revenue", "2023", 21000000000000, "元", "全國一般公共預算收入突破21萬億元", S, U, "secondary", P, qualifier="lower")
add("general_budget_revenue", "2023", "6.4", "%", "同比增長6.4%", S, U, "secondary", P, kind="growth_rate")
add("general_budget_expenditure", "2023", 27460000000000, "元", "全國一般公共預算支出達27.46萬億元", S, U, "secondary", P)
add("general_budget_expenditure", "2023", "5.4", "%", "同比增長5.4%", S, U, "secondary", P, kind="growth_rate")
S = "国家外汇管理局 2023年12月末外汇储备 (via 中新社 reprint)"; U = "http://admin.richbox.biz:80/bjcs3.aspx?x=9Nlg.html"; P = "2024-01-07"
add("foreign_exchange_reserves", "2023-12", 3238000000000, "美元", "截至2023年12月末,中国外汇储备规模为32380亿美元", S, U, "secondary", P)
S = "CNNIC 第49次《中国互联网络发展状况统计报告》 (via 环球网 in 中国日报网)"; U = "https://chuangxin.chinadaily.com.cn/a/202202/28/WS621d8419a3107be497a08619.html"; P = "2022-02-25"
add("rural_internet_users", "2021-12", 284000000, "人", "我国农村网民规模已达2.84亿", S, U, "secondary", P)

S = "国家统计局 2023年粮食产量公告 (via iguanziben.com reprint of the announcement)"; U = "http://iguanziben.com/article/9105"; P = "2023-12-11"
add("grain_output", "2023", 695410000, "吨", "总产量达69541万吨(13908亿斤)", S, U, "secondary", P)
add("grain_output", "2023", 1390800000000, "斤", "总产量达69541万吨(13908亿斤)", S, U, "secondary", P)
add("grain_output", "2023", "1.3", "%", "比2022年增加888万吨(178亿斤),增长1.3%", S, U, "secondary", P, kind="growth_rate")
S = "中国人民银行 2022年金融统计数据报告 (via 新华财经 reprint, szonline.cn)"; U = "http://m.szonline.cn/cj/2023/0110/61705.html"; P = "2023-01-10"
add("m2", "2022-12", 266430000000000, "元", "12月末,广义货币(M2)余额266.43万亿元", S, U, "secondary", P)
add("m2", "2022-12", "11.8", "%", "同比增长11.8%", S, U, "secondary", P, kind="growth_rate")

# R. the statistics bureau's own English press releases on stats.gov.cn (primary)
S = "National Bureau of Statistics, Total Retail Sales of Consumer Goods in December 2024 (stats.gov.cn English press release)"
U = "https://www.stats.gov.cn/english/PressRelease/202501/t20250124_1958445.html"; P = "2025-01-18"
add("total_retail_sales", "2024", 48789500000000, "元", "In 2024, the total retail sales of consumer goods were 48,789.5 billion yuan", S, U, "primary", P)
add("total_retail_sales", "2024", "3.5", "%", "48,789.5 billion yuan, up by 3.5 percent year on year", S, U, "primary", P, kind="growth_rate")
add("total_retail_sales", "2024-12", 4517200000000, "元", "In December, the total retail sales of consumer goods reached 4,517.2 billion yuan", S, U, "primary", P)
add("total_retail_sales", "2024-12", "3.7", "%", "4,517.2 billion yuan, up by 3.7 percent year on year", S, U, "primary", P, kind="growth_rate")
add("online_retail_sales", "2024", 15522500000000, "元", "In 2024, the online retail sales nationwide reached 15,522.5 billion yuan", S, U, "primary", P)
add("online_retail_sales", "2024", "7.2", "%", "15,522.5 billion yuan, up by 7.2 percent over the previous year", S, U, "primary", P, kind="growth_rate")
S = "National Bureau of Statistics, Total Retail Sales of Consumer Goods in August 2024 (stats.gov.cn English press release)"
U = "https://www.stats.gov.cn/english/PressRelease/202409/t20240924_1956654.html"; P = "2024-09-15"
add("total_retail_sales", "2024-08", 3872600000000, "元", "In August, the total retail sales of consumer goods reached 3,872.6 billion yuan", S, U, "primary", P)
add("total_retail_sales", "2024-08", "2.1", "%", "3,872.6 billion yuan, up by 2.1 percent year on year", S, U, "primary", P, kind="growth_rate")
add("total_retail_sales", "2024-01/2024-08", 31245200000000, "元", "From January to August, the total retail sales of consumer goods reached 31,245.2 billion yuan", S, U, "primary", P)
add("total_retail_sales", "2024-01/2024-08", "3.4", "%", "31,245.2 billion yuan, up by 3.4 percent year on year", S, U, "primary", P, kind="growth_rate")
add("online_retail_sales", "2024-01/2024-08", 9635200000000, "元", "From January to August, the online retail sales nationwide reached 9,635.2 billion yuan", S, U, "primary", P)
add("online_retail_sales", "2024-01/2024-08", "8.9", "%", "9,635.2 billion yuan, up by 8.9 percent year on year", S, U, "primary", P, kind="growth_rate")
add("physical_goods_online_retail", "2024-01/2024-08", 8014300000000, "元", "the online retail sales of physical goods reached 8,014.3 billion", S, U, "primary", P)

# S. China Statistical Yearbook 1999, table 3-1 Gross Domestic Product (NBS's own English page; at current prices,
#    100 million yuan; columns GNP, GDP, primary, secondary, #industry, #construction, tertiary, #transport,
#    #trade, per capita GDP in yuan -- each row checked: primary + secondary + tertiary = GDP, industry +
#    construction = secondary).  Only the rows the page's stored text holds (1952-1962).
S = "国家统计局《中国统计年鉴1999》表3-1 Gross Domestic Product (English edition, NBS)"
U = "http://www.stats.gov.cn/english/statisticaldata/yearlydata/YB1999e/c01e.htm"
GDP_1999 = """1952 679.0 679.0 342.9 141.8 119.8 22.0 194.3 29.0 80.3 119.0
1953 824.0 824.0 378.0 192.5 163.5 29.0 253.5 35.0 115.5 142.0
1954 859.0 859.0 392.0 211.7 184.7 27.0 255.3 38.0 120.3 144.0
1955 910.0 910.0 421.0 222.2 191.2 31.0 266.8 39.0 119.8 150.0
1956 1028.0 1028.0 443.9 280.7 224.7 56.0 303.4 46.0 131.4 165.0
1957 1068.0 1068.0 430.0 317.0 271.0 46.0 321.0 49.0 133.0 168.0
1958 1307.0 1307.0 445.9 483.5 414.5 69.0 377.6 71.0 136.6 200.0
1959 1439.0 1439.0 383.8 615.5 538.5 77.0 439.7 94.0 145.7 216.0
1960 1457.0 1457.0 340.7 648.2 568.2 80.0 468.1 104.0 133.1 218.0
1961 1220.0 1220.0 441.1 388.9 362.1 26.8 390.0 69.2 110.8 185.0
1962 1149.3 1149.3 453.1 359.3 325.4 33.9 336.9 57.4 80.5 173.0"""
for line in GDP_1999.splitlines():
    y, gnp, gdp, pri, sec, ind, con, ter, tra, whs, pc = line.split()
    D = Decimal
    assert D(pri) + D(sec) + D(ter) == D(gdp) and D(ind) + D(con) == D(sec), line
    for key, v in (("gnp", gnp), ("gdp", gdp), ("value_added_primary", pri), ("value_added_secondary", sec),
                   ("industrial_value_added", ind), ("value_added_tertiary", ter)):
        add(key, y, D(v) * 100000000, "元", line, S, U, "primary", "", vintage="later")
    add("gdp_per_capita", y, D(pc), "元", line, S, U, "primary", "", vintage="later")

# T. asked for in the issue-12 work (NEED_ROWS.md, helper A 07:55; figures checked on the pages): customs and
#    central-bank figures through Xinhua's English reprints
S = "海关总署 2024年进出口数据 (GACC, via Xinhua in People's Daily Online English)"; U = "http://en.people.cn/n3/2025/0113/c90000-20265299.html"; P = "2025-01-13"
add("goods_trade", "2024", 43850000000000, "元", "reached 43.85 trillion yuan (about 6.1 trillion U.S. dollars) last year", S, U, "secondary", P)
add("goods_trade", "2024", "5", "%", "43.85 trillion yuan (about 6.1 trillion U.S. dollars) last year, up 5 percent year on year", S, U, "secondary", P, kind="growth_rate")
add("goods_exports", "2024", 25450000000000, "元", "Exports grew 7.1 percent year on year to 25.45 trillion yuan last year", S, U, "secondary", P)
add("goods_exports", "2024", "7.1", "%", "Exports grew 7.1 percent year on year to 25.45 trillion yuan last year", S, U, "secondary", P, kind="growth_rate")
add("goods_imports", "2024", 18390000000000, "元", "imports expanded 2.3 percent from one year earlier to 18.39 trillion yuan", S, U, "secondary", P)
add("goods_imports", "2024", "2.3", "%", "imports expanded 2.3 percent from one year earlier to 18.39 trillion yuan", S, U, "secondary", P, kind="growth_rate")
S = "中国人民银行 2023年金融统计数据 (PBoC, via Xinhua in Shanghai Daily)"; U = "https://www.shine.cn/biz/finance/2401120863/"; P = "2024-01-12"
add("m2", "2023-12", 292270000000000, "元", "climbed 9.7 percent year on year to 292.27 trillion yuan at the end of December", S, U, "secondary", P)
add("m2", "2023-12", "9.7", "%", "climbed 9.7 percent year on year to 292.27 trillion yuan at the end of December", S, U, "secondary", P, kind="growth_rate")
add("m1", "2023-12", 68050000000000, "元", "stood at 68.05 trillion yuan at the end of December, up 1.3 percent year on year", S, U, "secondary", P)
add("m1", "2023-12", "1.3", "%", "stood at 68.05 trillion yuan at the end of December, up 1.3 percent year on year", S, U, "secondary", P, kind="growth_rate")

# U. asked for in the issue-12 planted-error work: figures of a release day that the rows above only had
#    from later pages.  `published` is the day of the original release: the carrier's own date when it
#    reported on that day, otherwise the day the carrier states for the release (named in source_name).
S = "国家统计局 2024年社会消费品零售总额 (NBS 2025-01-17, via Xinhua in People's Daily Online English of the same day)"
U = "http://en.people.cn/n3/2025/0117/c90000-20267322.html"; P = "2025-01-17"
add("total_retail_sales", "2024", 48790000000000, "元", "Total retail sales of consumer goods reached 48.79 trillion yuan", S, U, "secondary", P)
add("total_retail_sales", "2024", "3.5", "%", "climbed 3.5 percent year on year in 2024", S, U, "secondary", P, kind="growth_rate")
S = ("国家统计局 国新办2024年国民经济运行情况发布会 (via yxiu.cn reprint of a 中国网 report; "
     "published = the day the reprint states for the press conference, 1月17日)")
U = "https://yxiu.cn/finance/ch/368419.html"; P = "2025-01-17"
add("surveyed_urban_unemployment_rate", "2024", "5.1", "%", "2024年全国城镇调查失业率稳中有降,平均值为5.1%", S, U, "secondary", P)
S = ("财政部 2023年财政收支情况 (MOF website 2024-02-01, via China News Service in English on tellerreport.com "
     "of the same day)")
U = ("https://www.tellerreport.com/business/2024-02-01-ministry-of-finance--national-general-public-budget-revenue"
     "-will-increase-by-6-4--year-on-year-in-2023.Byl67sRdqT.html"); P = "2024-02-01"
add("general_budget_revenue", "2023", 21678400000000, "元", "national general public budget revenue will be 21,678.4 billion yuan", S, U, "secondary", P)
add("general_budget_revenue", "2023", "6.4", "%", "21,678.4 billion yuan, a year-on-year increase of 6.4%", S, U, "secondary", P, kind="growth_rate")
add("tax_revenue", "2023", 18112900000000, "元", "tax revenue was 18,112.9 billion yuan", S, U, "secondary", P)
add("tax_revenue", "2023", "8.7", "%", "18,112.9 billion yuan, a year-on-year increase of 8.7%", S, U, "secondary", P, kind="growth_rate")
add("central_general_budget_revenue", "2023", 9956600000000, "元", "the central general public budget revenue was 9,956.6 billion yuan", S, U, "secondary", P)
add("central_general_budget_revenue", "2023", "4.9", "%", "9,956.6 billion yuan, a year-on-year increase of 4.9%", S, U, "secondary", P, kind="growth_rate")
add("local_general_budget_revenue", "2023", 11721800000000, "元", "the local general public budget revenue at this level was 11,721.8 billion yuan", S, U, "secondary", P)
add("local_general_budget_revenue", "2023", "7.8", "%", "11,721.8 billion yuan, a year-on-year increase of 7.8%", S, U, "secondary", P, kind="growth_rate")

HEADER = """# Figures of the National Bureau of Statistics' releases: three yearbook tables and two press releases on
# stats.gov.cn (primary) and
# annual, quarterly, monthly and half-year releases found through reprints (secondary; source_name names the
# release and the carrier).  Source: pages found with factlib's research search (2026-12); only facts and
# figures are taken, each quote is the page's own short phrase for the figure (pages in zh-Hant keep their
# pinyin glosses, English/German/Filipino pages their language).
# Columns: as government_reports.csv (metric_zh, metric_en, period, value, unit, qualifier, source_name,
# source_url, quote, metric_key, kind, unit_code, base_period, area, tier, published, vintage).
# Yearbook values are revised figures (vintage later); periods: YYYY (a year), YYYY-12 (a year-end stock),
# YYYY-MM (a month), YYYY-MM/YYYY-MM (a quarter, a half-year, January to month M).
"""
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(COLS); w.writerows(rows)
open(sys.argv[1], "w", encoding="utf-8").write(HEADER + buf.getvalue())
print(len(rows))
