using PlanLoop.Domain.Amounts;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Demo;

/// <summary>
/// The demo's customers, generated from a fixed seed so every install shows the same figures: the
/// seed plan's 2023 baseline (850 customers whose 2023 order lines add up to exactly 1.2亿: 6 A,
/// 40 B, 804 C; their 2022 orders at 75–100% of that), their repeat orders of 2024 to the end of Q3 as booked in the ERP (some churn; new
/// business comes from the won deals' contracts, see DemoContracts), 180 customers new in
/// 2024, 200 prospects, contacts along the decision chain, a year of activities, and NPS and
/// satisfaction answers near the seed's baseline (satisfaction 78).
/// </summary>
static class DemoCustomers
{
    /// <summary>The demo's business day: the last day of Q3 of the plan year.</summary>
    public static readonly DateOnly AsOf = new(2024, 9, 30);

    public const int Seed = 20240101;
    public const decimal Baseline2023 = 120_000_000m;
    public const int ACount = 6, BCount = 40, CCount = 804, NewIn2024 = 180, Prospects = 200;

    static readonly Dictionary<string, string[]> Cities = new()
    {
        ["EAST"] = ["上海", "杭州", "苏州", "南京", "宁波", "无锡", "合肥", "温州"],
        ["SOUTH"] = ["广州", "深圳", "东莞", "佛山", "厦门", "福州", "珠海"],
        ["NORTH"] = ["北京", "天津", "济南", "青岛", "石家庄", "大连"],
        ["SOUTHWEST"] = ["成都", "重庆", "昆明", "贵阳"],
    };
    static readonly string[] Words = ["华信", "远景", "博达", "恒瑞", "天成", "鼎盛", "众合", "科瑞", "新锐", "中科", "云帆", "金桥", "宏图", "瑞丰", "汇通", "安泰", "盛世", "嘉禾", "同创", "明德", "九州", "万象", "启航", "精诚", "海纳", "卓越", "凯信", "德邦", "立信", "永安", "东方", "长城", "华源", "宇通", "正泰", "光启"];
    static readonly (string Industry, string[] Kinds)[] Industries =
    [
        ("制造业", ["精密制造", "机械", "汽车零部件", "模具"]),
        ("零售", ["商贸", "连锁", "电子商务"]),
        ("物流", ["物流", "供应链", "仓储"]),
        ("医疗", ["医疗器械", "生物科技", "医药"]),
        ("金融", ["融资租赁", "保险代理", "金融信息"]),
        ("教育", ["教育科技", "培训"]),
        ("能源", ["新能源", "电力设备", "光伏"]),
        ("电子信息", ["电子", "软件", "信息技术", "通信"]),
    ];
    static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
    static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "慧", "颖", "鹏", "宇", "晨", "欣", "倩"];
    static readonly (DecisionRole Role, string Title)[] Chain =
    [
        (DecisionRole.DecisionMaker, "总经理"),
        (DecisionRole.DecisionMaker, "副总裁"),
        (DecisionRole.Influencer, "信息中心总监"),
        (DecisionRole.Gatekeeper, "采购经理"),
        (DecisionRole.User, "业务主管"),
    ];

    public sealed record Data(List<Account> Accounts, List<Contact> Contacts, List<OrderLine> Orders, List<Activity> Activities, List<SurveyAnswer> Answers);

    sealed record Ctx(Random Random, IReadOnlyDictionary<string, Region> Regions, IReadOnlyDictionary<string, ProductLine> Lines,
        IReadOnlyDictionary<string, Product> Products, IReadOnlyDictionary<string, Channel> Channels, IReadOnlyList<Person> People, IReadOnlyList<Person> Advisors);

    public static Data Generate(IReadOnlyDictionary<string, Region> regions, IReadOnlyDictionary<string, ProductLine> lines, IReadOnlyDictionary<string, Product> products,
        IReadOnlyDictionary<string, Channel> channels, IReadOnlyList<Person> people, IReadOnlyList<Person> advisors, DateTime createdAt)
    {
        var ctx = new Ctx(new Random(Seed), regions, lines, products, channels, people, advisors);
        var r = ctx.Random;
        var data = new Data([], [], [], [], []);
        var names = new HashSet<string>();

        // 2023 amounts by tier: A and B drawn in their bands, C shares what is left so the total is exactly 1.2亿.
        var a = Enumerable.Range(0, ACount).Select(_ => Round(5_200_000m + (r.Next(0, 260) * 10_000m))).ToList();
        var b = Enumerable.Range(0, BCount).Select(_ => Round(1_100_000m + (r.Next(0, 150) * 10_000m))).ToList();
        var rest = Baseline2023 - a.Sum() - b.Sum();
        var c = Allocation.LargestRemainder(new Money(rest, Currency.Cny), Enumerable.Range(0, CCount).Select(_ => 0.3m + (decimal)r.NextDouble() * 1.4m).ToList())
            .Select(m => m.Amount).ToList();

        var tiers = a.Select(x => (CustomerTier.A, x)).Concat(b.Select(x => (CustomerTier.B, x))).Concat(c.Select(x => (CustomerTier.C, x))).ToList();
        var advisorTurn = 0;
        var baseline = new List<(Account Account, CustomerTier Tier, decimal Amount2023)>();
        foreach (var (tier, amount2023) in tiers)
        {
            var churned = tier != CustomerTier.A && r.NextDouble() < (tier == CustomerTier.B ? 0.05 : 0.14);
            var account = NewAccount(ctx, data, names, tier, churned ? AccountStatus.Churned : AccountStatus.Customer,
                tier == CustomerTier.C ? null : ctx.Advisors[advisorTurn++ % ctx.Advisors.Count], createdAt);
            AddOrders(ctx, data, account, tier, amount2023, new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), "2023");
            baseline.Add((account, tier, amount2023));
            if (!churned)
            {
                var growth = tier switch { CustomerTier.A => 0.95m + (decimal)r.NextDouble() * 0.45m, CustomerTier.B => 0.8m + (decimal)r.NextDouble() * 0.5m, _ => 0.7m + (decimal)r.NextDouble() * 0.6m };
                // Repeat business only (the year's new deals are booked by DemoContracts): key accounts keep their pace,
                // B customers slip to about half of it — a finding the monitoring views should surface.
                var pace = tier switch { CustomerTier.A => 0.75m, CustomerTier.B => 0.40m, _ => 0.60m };
                AddOrders(ctx, data, account, tier, Round(amount2023 * growth * pace), new DateOnly(2024, 1, 1), AsOf, "2024");
            }
            AddLife(ctx, data, account, tier, activityScale: churned ? 0.2 : 1.0);
        }
        for (var i = 0; i < NewIn2024; i++)
        {
            var tier = i < 12 ? CustomerTier.B : CustomerTier.C;
            var account = NewAccount(ctx, data, names, tier, AccountStatus.Customer, tier == CustomerTier.B ? ctx.Advisors[advisorTurn++ % ctx.Advisors.Count] : null, createdAt);
            var amount = tier == CustomerTier.B ? Round(1_000_000m + (r.Next(0, 80) * 10_000m)) : Round(20_000m + (r.Next(0, 100) * 1_000m));
            AddOrders(ctx, data, account, tier, Round(amount * 0.3m), new DateOnly(2024, 1, 15), AsOf, "2024");   // first orders start small
            AddLife(ctx, data, account, tier, activityScale: 0.8);
        }
        for (var i = 0; i < Prospects; i++)
        {
            var account = NewAccount(ctx, data, names, CustomerTier.C, AccountStatus.Prospect, null, createdAt);
            AddLife(ctx, data, account, CustomerTier.C, activityScale: 0.5, surveys: false);
        }
        // 2022, so the forecasts have more than two years to learn from: the baseline customers at 75–100% of their 2023
        // business. Drawn last and from a seed of its own, so every figure of 2023 and 2024 is what it was without it.
        var before = ctx with { Random = new Random(Seed - 1) };
        foreach (var (account, tier, amount2023) in baseline)
            AddOrders(before, data, account, tier, Round(amount2023 * (0.75m + (decimal)before.Random.NextDouble() * 0.25m)), new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31), "2022");
        return data;
    }

    static decimal Round(decimal v) => Math.Round(v / 100m, MidpointRounding.AwayFromZero) * 100m;

    static Account NewAccount(Ctx ctx, Data data, HashSet<string> names, CustomerTier tier, AccountStatus status, Person? advisor, DateTime createdAt)
    {
        var r = ctx.Random;
        var regionCode = Pick(r, [("EAST", 40), ("SOUTH", 30), ("NORTH", 20), ("SOUTHWEST", 10)]);
        var (industry, kinds) = Industries[r.Next(Industries.Length)];
        string name;
        do
        {
            var city = Cities[regionCode][r.Next(Cities[regionCode].Length)];
            name = $"{city}{Words[r.Next(Words.Length)]}{kinds[r.Next(kinds.Length)]}{(tier == CustomerTier.A || r.Next(5) == 0 ? "股份有限公司" : "有限公司")}";
        }
        while (!names.Add(CompanyName.Normalize(name)));

        var region = ctx.Regions[regionCode];
        var sellers = ctx.People.Where(p => p.Position == Position.AccountExecutive && p.RegionId == region.Id
            && (tier == CustomerTier.A) == (p.TeamId == ctx.People.First(x => x.Name == "李志强").TeamId)).ToList();
        if (sellers.Count == 0) sellers = ctx.People.Where(p => p.Position == Position.AccountExecutive && p.RegionId == region.Id).ToList();
        var owner = sellers.Count == 0 ? null : sellers[r.Next(sellers.Count)];
        var employees = tier switch { CustomerTier.A => r.Next(2_000, 20_000), CustomerTier.B => r.Next(300, 3_000), _ => r.Next(20, 500) };
        var details = new AccountDetails(name, MakeCreditCode(r), industry, region.Id, employees, employees * (decimal)r.Next(30, 120) * 10_000m,
            owner?.Id, advisor?.Id, null, status);
        var account = new Account(details, createdAt);
        data.Accounts.Add(account);
        return account;
    }

    static string MakeCreditCode(Random r)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var chars = new char[17];
        chars[0] = '9';
        chars[1] = '1';
        var area = r.Next(110_000, 659_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 6; i++) chars[2 + i] = area[i];
        for (var i = 8; i < 17; i++) chars[i] = alphabet[r.Next(i == 16 ? 10 : alphabet.Length)];
        var first17 = new string(chars);
        return first17 + CreditCode.CheckCharacter(first17);
    }

    static void AddOrders(Ctx ctx, Data data, Account account, CustomerTier tier, decimal amount, DateOnly from, DateOnly to, string year)
    {
        var r = ctx.Random;
        if (amount <= 0m) return;
        var count = tier switch { CustomerTier.A => r.Next(6, 11), CustomerTier.B => r.Next(3, 6), _ => r.Next(1, 3) };
        var parts = Allocation.LargestRemainder(new Money(amount, Currency.Cny), Enumerable.Range(0, count).Select(_ => 0.5m + (decimal)r.NextDouble()).ToList());
        var days = to.DayNumber - from.DayNumber;
        var level = tier switch { CustomerTier.A => "CUSTOM", CustomerTier.B => "PACK", _ => "SAAS" };
        var channel = tier == CustomerTier.C ? Pick(r, [("AGENT", 45), ("ONLINE", 35), ("DIRECT", 15), ("PARTNER", 5)]) : Pick(r, [("DIRECT", 80), ("PARTNER", 10), ("AGENT", 10)]);
        for (var i = 0; i < parts.Count; i++)
        {
            var line = Pick(r, [("CORE-A", 60), ("GROWTH-B", 30), ("EMERGING-C", 10)]);
            var product = ctx.Products[$"{line[^1]}-{level}"];
            var booked = DateOnly.FromDayNumber(from.DayNumber + r.Next(0, days + 1));
            data.Orders.Add(new OrderLine($"SO{year}-{data.Orders.Count + 1:000000}", account.Id, booked, parts[i].Amount,
                ctx.Lines[line].Id, product.Id, account.RegionId, ctx.Channels[channel].Id, account.OwnerId));
        }
    }

    static void AddLife(Ctx ctx, Data data, Account account, CustomerTier tier, double activityScale, bool surveys = true)
    {
        var r = ctx.Random;
        var levels = tier switch { CustomerTier.A => r.Next(3, 6), CustomerTier.B => r.Next(2, 4), _ => r.Next(1, 3) };
        var contacts = new List<Contact>();
        for (var level = 1; level <= levels; level++)
        {
            var (role, title) = Chain[level - 1];
            var person = Surnames[r.Next(Surnames.Length)] + Given[r.Next(Given.Length)];
            var contact = new Contact(account.Id, new ContactDetails(person, role, level, title,
                $"1{r.Next(30, 90)}{r.Next(1000_0000, 9999_9999)}", null));
            contacts.Add(contact);
            data.Contacts.Add(contact);
        }

        // A year of activities to the business day; some A and B accounts went quiet in the last quarter.
        var perMonth = tier switch { CustomerTier.A => 4.0, CustomerTier.B => 1.5, _ => 0.3 } * activityScale;
        var quiet = tier != CustomerTier.C && r.NextDouble() < 0.25;
        var start = AsOf.AddYears(-1).AddDays(1);
        for (var month = 0; month < 12; month++)
        {
            if (quiet && month >= 9) break;
            var n = Poisson(r, perMonth);
            for (var i = 0; i < n; i++)
            {
                var day = start.AddMonths(month).AddDays(r.Next(0, 28));
                if (day > AsOf) continue;
                var kind = Pick(r, [(ActivityKind.Call, 35), (ActivityKind.Visit, 20), (ActivityKind.Meeting, 20), (ActivityKind.Email, 20), (ActivityKind.Diagnostic, 5)]);
                var contact = contacts[r.Next(contacts.Count)];
                data.Activities.Add(new Activity(account.Id, contact.Id, kind, account.OwnerId,
                    day.ToDateTime(new TimeOnly(9 + r.Next(0, 9), r.Next(0, 4) * 15), DateTimeKind.Utc), Subject(kind, contact)));
            }
        }
        if (!surveys) return;
        // Yearly surveys: Q4 2023 and Q2 2024, about two in three customers answer.
        foreach (var (from, year) in new[] { (new DateOnly(2023, 10, 1), 2023), (new DateOnly(2024, 4, 1), 2024) })
        {
            if (r.NextDouble() > 0.65) continue;
            var contact = contacts[0];
            var on = from.AddDays(r.Next(0, 75));
            var nps = Pick<int>(r, year == 2023
                ? [(10, 20), (9, 25), (8, 24), (7, 18), (6, 6), (5, 4), (3, 3)]
                : [(10, 22), (9, 26), (8, 23), (7, 17), (6, 6), (5, 3), (3, 3)]);
            data.Answers.Add(new SurveyAnswer(account.Id, contact.Id, SurveyKind.Nps, nps, on, nps <= 6 ? "响应速度需要提升" : nps >= 9 ? "服务专业,愿意推荐" : null));
            var csat = Math.Clamp((int)Math.Round((year == 2023 ? 78 : 80) + (Normal(r) * 9)), 30, 100);
            data.Answers.Add(new SurveyAnswer(account.Id, contact.Id, SurveyKind.Csat, csat, on));
        }
    }

    static string Subject(ActivityKind kind, Contact contact) => kind switch
    {
        ActivityKind.Call => $"电话沟通:{contact.Name}",
        ActivityKind.Visit => $"上门拜访:{contact.Name}",
        ActivityKind.Meeting => "方案交流会",
        ActivityKind.Email => "发送产品资料",
        _ => "售前免费诊断报告",
    };

    /// <summary>One of the options, each as likely as its weight.</summary>
    internal static T Pick<T>(Random r, (T Value, int Weight)[] options)
    {
        var roll = r.Next(options.Sum(o => o.Weight));
        foreach (var (value, weight) in options)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return options[^1].Value;
    }

    static int Poisson(Random r, double mean)
    {
        var limit = Math.Exp(-mean);
        var (k, p) = (0, r.NextDouble());
        while (p > limit)
        {
            k++;
            p *= r.NextDouble();
        }
        return k;
    }

    static double Normal(Random r) => Math.Sqrt(-2.0 * Math.Log(1.0 - r.NextDouble())) * Math.Cos(2.0 * Math.PI * r.NextDouble());
}
