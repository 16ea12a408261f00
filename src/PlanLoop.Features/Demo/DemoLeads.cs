using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Demo;

/// <summary>
/// The demo's leads of 2024 to the business day: 1,800 from the seed's sources (60% online, §4.4),
/// worked by the SMB sellers and the channel managers; older leads are judged, recent ones still
/// open; about a third qualify — short of the plan's 40%, which is the story the funnel tells.
/// </summary>
static class DemoLeads
{
    public const int Count = 1800;

    static readonly string[] Cities = ["上海", "杭州", "苏州", "南京", "广州", "深圳", "东莞", "北京", "天津", "成都", "重庆", "武汉", "西安"];
    static readonly string[] Words = ["海川", "启明", "星河", "润泽", "恒信", "智联", "华腾", "东升", "天翼", "嘉创", "明辉", "百川", "宏远", "新程", "中瑞"];
    static readonly (string Industry, string Kind)[] Kinds = [("制造业", "机械"), ("零售", "商贸"), ("物流", "供应链"), ("医疗", "医疗器械"), ("电子信息", "软件"), ("能源", "新能源"), ("教育", "教育科技")];
    static readonly string[] Reasons = ["无预算", "需求不匹配", "已选竞品", "联系不上", "规模太小"];

    public static List<Lead> Generate(IReadOnlyDictionary<string, Region> regions, IReadOnlyList<Person> people)
    {
        var r = new Random(DemoCustomers.Seed + 1);
        var owners = people.Where(p => p.Position is Position.AccountExecutive or Position.ChannelManager or Position.SalesDevelopment).ToList();
        var leads = new List<Lead>(Count);
        var start = new DateOnly(2024, 1, 2);
        var days = DemoCustomers.AsOf.DayNumber - start.DayNumber;
        for (var i = 0; i < Count; i++)
        {
            var created = DateOnly.FromDayNumber(start.DayNumber + r.Next(0, days + 1));
            var source = DemoCustomers.Pick(r, [(LeadSource.Website, 35), (LeadSource.Campaign, 25), (LeadSource.Event, 12), (LeadSource.Referral, 10), (LeadSource.Agent, 10), (LeadSource.Partner, 8)]);
            var channel = source is LeadSource.Website or LeadSource.Campaign ? LeadChannel.Online : LeadChannel.Offline;
            var (industry, kind) = Kinds[r.Next(Kinds.Length)];
            var regionCode = DemoCustomers.Pick(r, [("EAST", 40), ("SOUTH", 30), ("NORTH", 20), ("SOUTHWEST", 10)]);
            var owner = owners.Count == 0 ? null : owners[r.Next(owners.Count)];
            var lead = new Lead(new LeadDetails($"{Cities[r.Next(Cities.Length)]}{Words[r.Next(Words.Length)]}{kind}有限公司", $"{"王李张刘陈杨黄赵"[r.Next(8)]}经理", "采购经理",
                $"13{r.Next(100_000_000, 999_999_999)}", null, industry, regions[regionCode].Id, r.Next(10, 2_000), source, channel, owner?.Id), created);
            var age = DemoCustomers.AsOf.DayNumber - created.DayNumber;
            var roll = r.NextDouble();
            // Referrals and partners qualify more often than web forms.
            var qualifyChance = source switch { LeadSource.Referral => 0.55, LeadSource.Partner or LeadSource.Event => 0.40, LeadSource.Agent => 0.35, _ => 0.28 };
            if (age > 30 || roll < 0.7)
            {
                var judgedOn = created.AddDays(Math.Min(age, r.Next(2, 25)));
                if (age < 10 && roll < 0.5) lead.StartWork(judgedOn);
                else if (r.NextDouble() < qualifyChance) lead.Qualify(judgedOn);
                else lead.Disqualify(Reasons[r.Next(Reasons.Length)], judgedOn);
            }
            leads.Add(lead);
        }
        return leads;
    }
}
