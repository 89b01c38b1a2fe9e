/*
 * gen.c — made-up ledgers (see gen.h).
 *
 * The world: a county of stations, one per township, each holding a
 * reception day once a month on its own day of the month, with four deputies
 * and a dozen villages.  Tickets are spread over the station-days of the
 * last `years` years in date order, so ids, numbers and dates rise together
 * as in real use.  After each intake the ticket's later life is played at
 * its own dates (handed over a few days later, answered within weeks, rated,
 * signed off; some stall, some are rated 不满意 and handled again, a few are
 * voided or reopened), stopping at today, so recent tickets are still open
 * and some are overdue.
 *
 * Words come from the practice described in the seeds (基础设施, 产业发展,
 * 人居环境整治, 山坪塘, 猕猴桃, 药材, 调解纠纷 …) and from everyday
 * requests; names are built from common surnames and common given-name
 * characters, so any resemblance to a real person is chance.
 */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "formspec.h"
#include "i18n.h"
#include "store.h"
#include "store-write.h"
#include "strbuf.h"
#include "xmalloc.h"

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define DAY (24 * 60 * 60)
#define BATCH 2000		/* tickets per transaction */

/* ---- randomness: splitmix64, so a seed gives the same ledger everywhere ---- */

struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int below(struct rng *r, int n)
{
	return (int)(rnd(r) % (uint64_t)n);
}

/* n in [lo, hi]. */
static int between(struct rng *r, int lo, int hi)
{
	return lo + below(r, hi - lo + 1);
}

static int chance(struct rng *r, int permille)
{
	return below(r, 1000) < permille;
}

#define PICK(r, list) ((list)[below((r), NELEM(list))])

/* An index skewed towards the front of a list of n: the common names first. */
static int skewed(struct rng *r, int n)
{
	double u = (double)(rnd(r) >> 11) / 9007199254740992.0;

	return (int)(u * u * n);
}

/* ---- words ---- */

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
	"胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
	"邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜",
	"叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭",
	"陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟",
	"熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎",
	"贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "覃", "喻", "蒲", "敬", "母", "苟",
};

static const char *const compound_surnames[] = { "欧阳", "司马", "诸葛", "上官", "令狐" };

static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
	"涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "萍", "红",
	"建", "国", "文", "辉", "鹏", "飞", "俊", "林", "峰", "波", "海", "云", "春", "梅",
	"琴", "凤", "兵", "斌", "宇", "浩", "凯", "荣", "德", "福", "贵", "成", "志", "永",
	"清", "雪", "珍", "莲", "燕", "龙", "庆", "晓", "小", "金", "银", "宝", "顺", "发",
	"生", "长", "光", "新", "学", "立", "家", "树", "松", "莉", "婷", "欣", "怡", "佳",
	"悦", "子", "涵", "轩", "然", "雨", "彤", "宏", "思", "嘉", "博", "睿", "楠", "琳",
	"倩", "蕾", "颖", "慧", "丹", "瑶", "秋", "菊", "翠", "仁", "义", "忠", "全", "富",
};

static const char *const mobile_prefixes[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151",
	"152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177",
	"178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191",
	"198", "199",
};

static const char *const area_codes[] = { "0827", "0817", "0816", "0838", "0839", "0871", "0562" };

static const char *const towns[] = {
	"陵江", "云峰", "东青", "五龙", "元坝", "白山", "歧坪", "龙山", "文昌", "石马", "永宁",
	"运山", "鸳溪", "月山", "三川", "禅林", "高坡", "岳东", "唤马", "桥溪", "新观", "浙水",
	"亭子", "彭店", "石门", "漓江", "东溪", "白驿", "黄猫", "雍河",
};

static const char *const villages[] = {
	"青松", "白杨", "红旗", "新华", "太平", "和平", "石桥", "柳树", "杏花", "桃园", "金竹",
	"黄泥", "茶店", "九宝", "大洋", "李花", "皇观", "云台", "回水", "三坪", "龙泉", "双河",
	"马鞍", "高峰", "团结", "胜利", "光明", "长岭", "凤凰", "狮子", "梨树", "槐树", "枫林",
	"竹园", "白鹤", "金鸡", "莲花", "水井", "响水", "清泉",
};

static const char *const streets[] = { "新街", "老街", "正街", "河街", "南街", "北街", "滨江路" };

struct category_words {
	const char *category;
	const char *const *problems;
	int nproblems;
	const char *const *units;
	int nunits;
};

static const char *const p_agri[] = {
	"灌溉水渠年久失修，春耕用水困难", "山坪塘渗漏严重，需要整治", "农田机耕道坑洼不平，农机下不了田",
	"猕猴桃产业缺少冷库，销售难", "种植药材缺少技术指导", "土地流转租金迟迟没有兑现",
	"养殖场粪污处理不到位", "化肥农药价格上涨，希望争取种粮补贴", "村集体经济产业发展薄弱",
	"高标准农田建设后排水不畅", "野猪下山糟蹋庄稼", "农村基础设施建设差",
};
static const char *const u_agri[] = { "镇农业服务中心", "县农业农村局", "镇水利站", "村委会" };
static const char *const p_city[] = {
	"村道路面破损严重，雨天积水", "通组公路没有硬化，出行困难", "桥梁护栏损坏，存在安全隐患",
	"路灯不亮，夜间出行不便", "客运班车班次太少", "场镇停车难，占道经营严重",
	"新建加宽改造道路后排水沟堵塞", "公路边坡垮塌", "老旧小区没有电梯", "场镇街道积水严重",
};
static const char *const u_city[] = { "县交通运输局", "镇村镇建设办", "县住建局", "镇综合执法队" };
static const char *const p_life[] = {
	"自来水水压不足，经常停水", "饮用水水质浑浊", "农村电网电压不稳", "手机信号差，网络不通",
	"场镇垃圾清运不及时", "老年活动室缺少设施", "红白喜事大操大办", "邻里宅基地纠纷需要调解",
	"集中安置点配套设施不完善",
};
static const char *const u_life[] = { "镇社会事务办", "县水务局", "镇供电所", "镇综治中心" };
static const char *const p_social[] = {
	"低保申请审核时间太长", "医保报销比例低，看病负担重", "高龄补贴没有按时发放",
	"残疾人两项补贴未落实", "养老保险缴费档次咨询", "农民工工资被拖欠", "临时救助申请无人受理",
	"特困供养人员照料不到位", "城乡居民医保缴费上涨",
};
static const char *const u_social[] = { "镇民政办", "县人社局", "县医保局", "镇社保所" };
static const char *const p_env[] = {
	"河道垃圾堆积无人清理", "养猪场臭味扰民", "砂石厂噪音粉尘污染", "生活污水直排入河",
	"秸秆焚烧烟雾大", "人居环境整治后保洁跟不上", "化工厂夜间偷排废水", "旱厕改造后化粪池渗漏",
};
static const char *const u_env[] = { "县生态环境局", "镇环保办", "镇河长办" };
static const char *const p_edu[] = {
	"村小学校舍老化", "留守儿童放学后无人看管", "村卫生室缺医少药", "镇卫生院看病排队时间长",
	"农家书屋长期不开放", "文化广场健身器材损坏", "校车接送路线不合理", "家庭医生签约服务不到位",
};
static const char *const u_edu[] = { "县教育局", "镇卫生院", "镇文化站", "县卫健局" };
static const char *const p_poor[] = {
	"脱贫户产业奖补资金未到位", "易地搬迁户就业困难", "防返贫监测对象认定不准",
	"扶贫产业项目闲置", "小额信贷到期续贷困难", "帮扶干部联系不上", "公益性岗位工资偏低",
};
static const char *const u_poor[] = { "镇乡村振兴办", "县乡村振兴局", "驻村工作队" };
static const char *const p_biz[] = {
	"营业执照办理手续繁琐", "个体户贷款难、融资贵", "工程款被拖欠", "集贸市场管理混乱",
	"电商快递进村难", "招商引资承诺的政策未兑现", "小微企业用电成本高",
};
static const char *const u_biz[] = { "县市场监管局", "县政务服务中心", "镇经济发展办" };
static const char *const p_ind[] = {
	"园区企业用工难", "工业园区道路未完善", "企业排污许可办理慢", "厂房闲置无人管理",
	"企业停产后职工安置问题",
};
static const char *const u_ind[] = { "县经信局", "县发改局", "工业园区管委会" };
static const char *const p_other[] = {
	"户口迁移手续咨询", "退役军人优待政策咨询", "村务公开不及时", "宅基地审批政策咨询",
	"不动产登记办证慢", "治安监控探头损坏",
};
static const char *const u_other[] = { "镇党政办", "村委会", "镇派出所" };

#define CW(c, p, u) { c, p, NELEM(p), u, NELEM(u) }
static const struct category_words category_words[] = {
	CW("农业农村", p_agri, u_agri), CW("城建交通", p_city, u_city), CW("民生事业", p_life, u_life),
	CW("社会保障", p_social, u_social), CW("环境保护", p_env, u_env), CW("教科文卫", p_edu, u_edu),
	CW("扶贫脱贫", p_poor, u_poor), CW("营商环境", p_biz, u_biz), CW("工业经济", p_ind, u_ind),
	CW("其他", p_other, u_other),
};

/* How often each shipped category comes up, per mille of tickets. */
static const int category_weight[] = { 200, 180, 150, 140, 100, 90, 50, 40, 30, 20 };

static const char *const openers[] = {
	"", "", "", "我们", "村里", "组里", "我家门前", "附近", "我们那里",
};
static const char *const suffixes[] = {
	"", "", "", "，希望尽快解决", "，请代表帮忙反映", "，多次反映未果", "，群众意见很大",
	"，急难愁盼", "，影响生产生活",
};
static const char *const requests[] = {
	"希望尽快维修", "请求协调解决", "希望给予补贴", "希望加强监管", "希望尽快落实",
	"希望解释政策", "希望派人现场查看",
};
static const char *const answers[] = {
	"已安排专人现场查看，列入近期维修计划", "已协调相关部门，月底前完成整改",
	"已向选民解释相关政策和办理条件", "经核实已落实到位", "已纳入明年民生实事项目",
	"已组织双方调解并达成一致", "已督促责任单位限期整改", "已争取资金，正在施工",
};
static const char *const spot_answers[] = {
	"已当场解释相关政策和申请条件", "已告知办理流程和所需材料", "已现场联系相关部门答复",
};
static const char *const default_methods[] = { "入户回访", "电话", "书面答复", "当面" };
static const char *const void_reasons[] = { "重复登记", "登记信息有误，已重新登记", "选民撤回诉求" };
static const char *const reopen_reasons[] = { "选民反映问题未彻底解决", "回访发现问题反弹" };
static const char *const signoff_notes[] = { "已办结", "选民满意，予以销号", "" };

/* ---- the world ---- */

#define RECENT 32

struct voter_memo {
	int64_t id;
	char *name, *phone, *address;
};

struct station {
	char code[16];
	const char *town;
	const char *area;
	const char *villages[10];
	char *deputies[5];	/* four names and NULL */
	int dom;		/* day of the month of its reception days */
	struct voter_memo recent[RECENT];
	int nrecent;
};

struct station_day {
	int station;
	time_t day;		/* midnight */
};

struct gen {
	struct store *s;
	const struct gen_opts *o;
	struct rng r;
	time_t now;
	const char **categories;
	int ncategories;
	int category_total;	/* sum of their weights */
	const char **methods;
	int nmethods;
	int64_t done;
	int64_t in_batch;	/* tickets since the last commit */
	int64_t reported;	/* done at the last progress report */
	int batch_open;
};

static char *make_name(struct rng *r)
{
	struct strbuf sb = STRBUF_INIT;
	int ngiven = chance(r, 350) ? 1 : 2;

	if (chance(r, 15))
		strbuf_adds(&sb, PICK(r, compound_surnames));
	else
		strbuf_adds(&sb, surnames[skewed(r, NELEM(surnames))]);
	for (int i = 0; i < ngiven; i++)
		strbuf_adds(&sb, given[skewed(r, NELEM(given))]);
	return strbuf_detach(&sb);
}

static char *make_phone(struct rng *r, const struct station *st)
{
	struct strbuf sb = STRBUF_INIT;
	int roll = below(r, 1000);

	if (roll < 90)
		return strbuf_detach(&sb);	/* no phone: many elderly voters */
	if (roll < 170) {
		strbuf_addf(&sb, "%s-%d", st->area, between(r, 2000000, 8999999));
		return strbuf_detach(&sb);
	}
	strbuf_addf(&sb, "%s%08d", PICK(r, mobile_prefixes), below(r, 100000000));
	return strbuf_detach(&sb);
}

static char *make_address(struct rng *r, const struct station *st)
{
	struct strbuf sb = STRBUF_INIT;
	int roll = below(r, 1000);

	if (roll < 50)
		return strbuf_detach(&sb);
	if (roll < 150) {
		strbuf_addf(&sb, "%s镇%s%d号", st->town, PICK(r, streets), between(r, 1, 160));
		return strbuf_detach(&sb);
	}
	strbuf_addf(&sb, "%s村%d组", st->villages[below(r, NELEM(st->villages))], between(r, 1, 12));
	if (roll > 850)
		strbuf_addf(&sb, "%d号", between(r, 1, 60));
	return strbuf_detach(&sb);
}

static const struct category_words *words_for(const char *category)
{
	for (int i = 0; i < NELEM(category_words); i++)
		if (!strcmp(category_words[i].category, category))
			return &category_words[i];
	return &category_words[NELEM(category_words) - 1];
}

/* How often a category comes up: the shipped ones as weighted, a station's own rarely. */
static int weight_of(const char *category)
{
	for (int i = 0; i < NELEM(category_words); i++)
		if (!strcmp(category_words[i].category, category))
			return category_weight[i];
	return 20;
}

static const char *pick_category(struct gen *g)
{
	int roll = below(&g->r, g->category_total);

	for (int i = 0; i < g->ncategories; i++) {
		int w = weight_of(g->categories[i]);

		if (roll < w)
			return g->categories[i];
		roll -= w;
	}
	return g->categories[g->ncategories - 1];
}

static char *make_issue(struct rng *r, const struct station *st, const struct category_words *cw)
{
	struct strbuf sb = STRBUF_INIT;
	int roll = below(r, 1000);

	if (roll < 150)
		strbuf_addf(&sb, "%s村%d组", st->villages[below(r, NELEM(st->villages))], between(r, 1, 12));
	else
		strbuf_adds(&sb, PICK(r, openers));
	strbuf_adds(&sb, cw->problems[below(r, cw->nproblems)]);
	switch (below(r, 8)) {
	case 0: strbuf_addf(&sb, "，涉及%d户村民", between(r, 3, 120)); break;
	case 1: strbuf_addf(&sb, "，已经%d年了", between(r, 2, 10)); break;
	case 2: strbuf_addf(&sb, "，约%d米", between(r, 50, 3000)); break;
	case 3: strbuf_addf(&sb, "，%d月份以来一直没有解决", between(r, 1, 12)); break;
	default: break;
	}
	strbuf_adds(&sb, PICK(r, suffixes));
	return strbuf_detach(&sb);
}

static void date_of(time_t t, char out[CLOCK_DATE_LEN])
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, CLOCK_DATE_LEN, "%Y-%m-%d", &tm);
}

static time_t midnight(int y, int m, int d)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static void station_init(struct gen *g, struct station *st, int i)
{
	int nv = NELEM(villages);
	int start = below(&g->r, nv);

	memset(st, 0, sizeof(*st));
	snprintf(st->code, sizeof(st->code), "%c%c", 'A' + (i / 26) % 26, 'A' + i % 26);
	if (i >= 26 * 26)
		snprintf(st->code + 2, sizeof(st->code) - 2, "%d", i / (26 * 26));
	st->town = towns[i % NELEM(towns)];
	st->area = PICK(&g->r, area_codes);
	/* Ten villages, a run from a random start through a list of coprime stride. */
	for (int k = 0; k < NELEM(st->villages); k++)
		st->villages[k] = villages[(start + k * 7) % nv];
	for (int k = 0; k < 4; k++)
		st->deputies[k] = make_name(&g->r);
	st->deputies[4] = NULL;
	st->dom = between(&g->r, 1, 28);
}

static void station_release(struct station *st)
{
	for (int k = 0; k < 4; k++)
		free(st->deputies[k]);
	for (int k = 0; k < st->nrecent && k < RECENT; k++) {
		free(st->recent[k].name);
		free(st->recent[k].phone);
		free(st->recent[k].address);
	}
}

static void remember(struct station *st, int64_t id, const char *name, const char *phone,
		     const char *address)
{
	struct voter_memo *m = &st->recent[st->nrecent % RECENT];

	if (st->nrecent >= RECENT) {
		free(m->name);
		free(m->phone);
		free(m->address);
	}
	m->id = id;
	m->name = xstrdup(name);
	m->phone = xstrdup(phone);
	m->address = xstrdup(address);
	st->nrecent++;
}

/*
 * Apply one step at time t, if t is not in the future: STORE_OK when
 * applied, -1 when t is still to come, or the store's result.
 */
static int step_at(struct gen *g, int64_t id, time_t t, const struct step *st, const struct actor *who)
{
	if (t > g->now)
		return -1;
	clock_set(t);
	return store_ticket_step_id(g->s, id, st, who, NULL);
}

/*
 * Whether a life goes on after step_at() returned r: 1 when the step was
 * taken; 0 when its time is still to come (or the step was refused), and
 * the ticket stays where it is; -1 when the ledger failed (*err gets it).
 */
static int went(int r, int *err)
{
	if (r == STORE_OK)
		return 1;
	if (r != STORE_IO && r != STORE_BUSY)
		return 0;
	*err = r;
	return -1;
}

/* A time in office hours dd days after midnight day0. */
static time_t office(struct rng *r, time_t day0, int dd)
{
	return day0 + (time_t)dd * DAY + 8 * 3600 + below(r, 9 * 3600);
}

/*
 * The life of ticket id after its intake on day0, each step at its own date,
 * up to now.  answered: it was answered on the spot; rated: and rated at once.
 * STORE_OK, or the store's error when the ledger failed (not a life cut short).
 */
static int play_life(struct gen *g, const struct station *st, int64_t id, time_t day0,
		     const struct category_words *cw, int answered, int rated)
{
	struct rng *r = &g->r;
	struct actor deputy = { st->deputies[below(r, 4)], "gen", "" };
	struct actor head = { st->deputies[0], "gen", "" };
	char due[CLOCK_DATE_LEN], adate[CLOCK_DATE_LEN];
	int rounds = 0, dd = 0, err = STORE_OK;

	if (!answered) {
		struct step h = { .action = TA_HANDOVER, .unit = cw->units[below(r, cw->nunits)],
				  .due_date = due };
		time_t t;

		if (chance(r, 10)) {
			struct step v = { .action = TA_VOID, .text = PICK(r, void_reasons) };

			went(step_at(g, id, office(r, day0, between(r, 0, 2)), &v, &head), &err);
			return err;
		}
		dd += between(r, 1, 4);
		t = office(r, day0, dd);
		date_of(t + (time_t)between(r, 15, 30) * DAY, due);
		if (went(step_at(g, id, t, &h, &deputy), &err) <= 0 || chance(r, 5))
			return err;	/* a unit that never answers: overdue for good */
	}
	for (;;) {
		if (!answered) {
			struct step a = { .action = TA_ANSWER,
					  .method = g->methods[below(r, g->nmethods)],
					  .text = PICK(r, answers), .date = adate };
			time_t t;

			dd += between(r, 3, 45);
			t = office(r, day0, dd);
			date_of(t, adate);
			if (went(step_at(g, id, t, &a, &deputy), &err) <= 0)
				return err;
		}
		answered = 0;
		if (!rated) {
			int roll = below(r, 1000);
			struct step rt = { .action = TA_RATE };

			if (chance(r, 40))
				return STORE_OK;	/* never rated: stays answered */
			rt.rating = roll < 720 ? "满意" : roll < 900 || rounds >= 2 ? "基本满意" : "不满意";
			dd += between(r, 1, 10);
			if (went(step_at(g, id, office(r, day0, dd), &rt, &deputy), &err) <= 0)
				return err;
			if (!strcmp(rt.rating, "不满意")) {
				rounds++;
				continue;	/* 重新办理: back to its unit */
			}
		}
		rated = 0;
		{
			struct step so = { .action = TA_SIGNOFF, .text = PICK(r, signoff_notes) };

			if (chance(r, 50))
				return STORE_OK;	/* waiting for sign-off */
			dd += between(r, 1, 25);
			if (went(step_at(g, id, office(r, day0, dd), &so, &head), &err) <= 0)
				return err;
		}
		if (rounds < 3 && chance(r, 5)) {
			struct step ro = { .action = TA_REOPEN, .text = PICK(r, reopen_reasons) };

			rounds++;
			dd += between(r, 10, 60);
			if (went(step_at(g, id, office(r, day0, dd), &ro, &head), &err) <= 0)
				return err;
			continue;
		}
		return STORE_OK;
	}
}

/* One voter's visit: one to three tickets. */
static int visit(struct gen *g, struct station *st, time_t day, time_t t, int64_t left, int *taken)
{
	struct rng *r = &g->r;
	int k = below(r, 1000) < 820 ? 1 : below(r, 1000) < 830 ? 2 : 3;
	char *name, *phone, *address;
	int64_t voter = 0;
	int ret = STORE_OK;

	if (k > left)
		k = (int)left;
	if (st->nrecent && chance(r, 120)) {
		const struct voter_memo *m = &st->recent[below(r, st->nrecent < RECENT ? st->nrecent : RECENT)];

		voter = m->id;
		name = xstrdup(m->name);
		phone = xstrdup(m->phone);
		address = xstrdup(m->address);
	} else {
		name = make_name(r);
		phone = make_phone(r, st);
		address = make_address(r, st);
	}
	for (int i = 0; i < k; i++) {
		const char *category = pick_category(g);
		const struct category_words *cw = words_for(category);
		char *issue = make_issue(r, st, cw);
		struct strbuf extra = STRBUF_INIT;
		struct intake in = { .name = name, .phone = phone, .address = address,
				     .category = category, .issue = issue, .voter_id = voter };
		struct actor who = { st->deputies[below(r, 4)], "gen", "" };
		int spot = chance(r, 100), rated = spot && chance(r, 700);
		struct ticket out;

		if (chance(r, 600)) {
			strbuf_adds(&extra, "{\"request\":");
			strbuf_add_json(&extra, PICK(r, requests));
			strbuf_addch(&extra, '}');
			in.extra_json = extra.buf;
		}
		if (spot) {
			in.spot_text = PICK(r, spot_answers);
			in.spot_method = "当面";
			in.spot_rating = rated ? "满意" : NULL;
		}
		clock_set(t + i * 60);
		ret = store_ticket_add(g->s, &in, &who, &out);
		strbuf_release(&extra);
		free(issue);
		if (ret != STORE_OK)
			break;
		if (!voter) {
			voter = out.voter_id;
			remember(st, voter, name, phone, address);
		}
		ret = play_life(g, st, out.id, day, cw, spot, rated);
		ticket_release(&out);
		(*taken)++;
		if (ret != STORE_OK)
			break;
	}
	free(name);
	free(phone);
	free(address);
	return ret;
}

static int station_day(struct gen *g, struct station *st, time_t day, int64_t count)
{
	struct rng *r = &g->r;
	char date[CLOCK_DATE_LEN];
	struct strbuf place = STRBUF_INIT;
	struct actor who = { st->deputies[0], "gen", "" };
	time_t t = day + 9 * 3600;
	int64_t left = count;
	int ret;

	date_of(day, date);
	strbuf_addf(&place, "%s镇便民服务中心", st->town);
	clock_set(day + 8 * 3600 + 30 * 60);
	ret = store_setting_set(g->s, "station_code", st->code, &who);
	if (ret == STORE_OK)
		ret = store_day_open(g->s, date, st->deputies, place.buf, &who, NULL);
	strbuf_release(&place);
	while (ret == STORE_OK && left > 0) {
		int taken = 0;

		ret = visit(g, st, day, t, left, &taken);
		left -= taken;
		g->done += taken;
		/* A visit takes a few minutes; a busy county day runs past office hours. */
		t += between(r, 2, 8) * 60;
		g->in_batch += taken;
		if (ret == STORE_OK && g->in_batch >= BATCH) {
			g->in_batch = 0;
			ret = store_batch_end(g->s, 1);
			g->batch_open = 0;
			if (ret == STORE_OK) {
				ret = store_batch_begin(g->s);
				g->batch_open = ret == STORE_OK;
			}
		}
		if (g->o->progress && g->done - g->reported >= 1000) {
			g->reported = g->done;
			g->o->progress(_("Making up tickets"), g->done, g->o->tickets);
		}
	}
	if (ret == STORE_OK) {
		clock_set(t > day + 17 * 3600 ? t : day + 17 * 3600 + 30 * 60);
		ret = store_day_close(g->s, &who, NULL);
	}
	return ret;
}

/* The options of a choice field of a form, as an array (the strings are lent). */
static int choice_values(const struct form_spec *spec, const char *field, const char ***out)
{
	const struct form_field *f = spec ? formspec_field(spec, field) : NULL;

	*out = NULL;
	if (!f || !f->noptions)
		return 0;
	*out = xcalloc(f->noptions, sizeof(**out));
	for (size_t i = 0; i < f->noptions; i++)
		(*out)[i] = f->options[i].value;
	return (int)f->noptions;
}

int gen_ledger(struct store *s, const struct gen_opts *o)
{
	struct gen g = { .s = s, .o = o };
	struct station *stations = NULL;
	struct station_day *days = NULL;
	double *weight = NULL, total = 0, acc = 0;
	char *old_code = store_setting(s, "station_code");
	int nstations, months = (o->years > 0 ? o->years : 1) * 12, ndays = 0, ret = STORE_OK;
	int first_month, last_month;
	struct tm today;
	int64_t placed = 0;

	g.r.s = o->seed;
	g.now = clock_now();
	localtime_r(&g.now, &today);
	g.ncategories = choice_values(o->forms ? o->forms->intake : NULL, "category", &g.categories);
	if (!g.ncategories) {
		g.categories = xcalloc(NELEM(category_words), sizeof(*g.categories));
		for (int i = 0; i < NELEM(category_words); i++)
			g.categories[i] = category_words[i].category;
		g.ncategories = NELEM(category_words);
	}
	for (int i = 0; i < g.ncategories; i++)
		g.category_total += weight_of(g.categories[i]);
	g.nmethods = choice_values(o->forms ? o->forms->answer : NULL, "method", &g.methods);
	if (!g.nmethods) {
		g.methods = xcalloc(NELEM(default_methods), sizeof(*g.methods));
		for (int i = 0; i < NELEM(default_methods); i++)
			g.methods[i] = default_methods[i];
		g.nmethods = NELEM(default_methods);
	}

	/* About forty tickets a station-day: a county of stations for a large ledger. */
	nstations = (int)((o->tickets + months * 40 - 1) / (months * 40));
	if (nstations < 1 || o->station)
		nstations = 1;
	stations = xcalloc((size_t)nstations, sizeof(*stations));
	for (int i = 0; i < nstations; i++)
		station_init(&g, &stations[i], i);
	if (o->station)
		snprintf(stations[0].code, sizeof(stations[0].code), "%s", o->station);

	/* Every station-day up to today, in date order. */
	last_month = (today.tm_year + 1900) * 12 + today.tm_mon;
	first_month = last_month - months + 1;
	for (int m = first_month; m <= last_month; m++)
		for (int d = 1; d <= 28; d++)
			for (int i = 0; i < nstations; i++) {
				time_t day = midnight(m / 12, m % 12 + 1, d);

				if (stations[i].dom != d || day > g.now)
					continue;
				days = xreallocarray(days, (size_t)ndays + 1, sizeof(*days));
				days[ndays].station = i;
				days[ndays].day = day;
				ndays++;
			}
	if (!ndays) {
		days = xcalloc(1, sizeof(*days));
		days[0].day = midnight(today.tm_year + 1900, today.tm_mon + 1, today.tm_mday);
		ndays = 1;
	}
	/* Busy days and quiet ones, adding up to exactly the tickets asked for. */
	weight = xcalloc((size_t)ndays, sizeof(*weight));
	for (int k = 0; k < ndays; k++)
		total += weight[k] = 0.4 + (double)below(&g.r, 1200) / 1000.0;

	ret = store_batch_begin(s);
	g.batch_open = ret == STORE_OK;
	for (int k = 0; k < ndays && ret == STORE_OK; k++) {
		int64_t upto;

		acc += weight[k];
		upto = k == ndays - 1 ? o->tickets : (int64_t)(acc / total * (double)o->tickets + 0.5);
		if (upto > placed)
			ret = station_day(&g, &stations[days[k].station], days[k].day, upto - placed);
		placed = upto;
	}
	clock_set(0);
	if (ret == STORE_OK)
		ret = store_setting_set(s, "station_code", o->station ? o->station : old_code, o->who);
	if (g.batch_open && store_batch_end(s, ret == STORE_OK) != STORE_OK && ret == STORE_OK)
		ret = STORE_IO;
	/* As after any bulk load: one index segment, so intakes do not pay for merging it. */
	if (ret == STORE_OK)
		ret = store_optimize(s);
	if (ret == STORE_OK && o->progress)
		o->progress(_("Making up tickets"), o->tickets, o->tickets);

	for (int i = 0; i < nstations; i++)
		station_release(&stations[i]);
	free(stations);
	free(days);
	free(weight);
	free(g.categories);
	free(g.methods);
	free(old_code);
	return ret;
}
