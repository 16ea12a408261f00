using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Demo;

/// <summary>
/// The demo's pipeline of 2024 to the business day: 320 opportunities on demo accounts, each walked
/// through the SOP by its dates (qualification, proposal, negotiation, won or lost) with product
/// lines priced from the catalogue, BANT scores, proposals sometimes sent late (SLA breaches) and
/// deals still open at 2024-09-30 in every stage.
/// </summary>
static class DemoOpportunities
{
    public const int Count = 320;
    static readonly string[] Subjects = ["ERP 升级", "产线数字化", "年度续约", "SaaS 扩容", "数据平台", "供应链协同", "门店系统", "质量追溯"];
    static readonly string[] LostReasons = ["价格过高", "预算取消", "选择竞品", "需求变更"];
    static readonly string[] Competitors = ["竞品甲", "竞品乙", "本地厂商"];
    static readonly int[] BantPoints = [10, 20, 20, 25];

    public static List<Opportunity> Generate(IReadOnlyList<Account> accounts, IReadOnlyDictionary<string, Product> products, WorkingCalendar calendar)
    {
        var r = new Random(DemoCustomers.Seed + 2);
        var stages = SopStages.Default;
        var candidates = accounts.Where(a => a.Status != AccountStatus.Churned && a.OwnerId is not null).ToList();
        var list = new List<Opportunity>(Count);
        var start = new DateOnly(2024, 1, 8);
        for (var i = 0; i < Count; i++)
        {
            var account = candidates[r.Next(candidates.Count)];
            var created = DateOnly.FromDayNumber(start.DayNumber + r.Next(0, DemoCustomers.AsOf.DayNumber - start.DayNumber - 5));
            var big = account.Tier == CustomerTier.A || r.NextDouble() < 0.15;
            var o = new Opportunity($"{account.Name[..Math.Min(4, account.Name.Length)]} {Subjects[r.Next(Subjects.Length)]}", account.Id, account.OwnerId,
                created.AddDays(r.Next(30, 120)), created, "demo", stages);
            var line = (big ? "-CUSTOM" : r.NextDouble() < 0.5 ? "-PACK" : "-SAAS");
            var product = products[$"{"ABC"[r.Next(3)]}{line}"];
            o.SetLines([new OpportunityLine(product.Id, big ? 1 : r.Next(1, 6), product.ListPrice, r.Next(0, 5) * 0.05m)]);
            var bant = Enum.GetValues<BantCriterion>().ToDictionary(c => c, _ => BantPoints[r.Next(BantPoints.Length)]);
            o.ScoreBant(BantRubric.Default.Score(bant));
            if (!o.BantQualified)
            {
                if (r.NextDouble() < 0.5) o.OverrideBant("manager", "重点客户,先推进方案");
                else
                {
                    Close(o, created.AddDays(r.Next(3, 20)), lost: true, r);
                    list.Add(o);
                    continue;
                }
            }
            var proposal = calendar.AddWorkingDays(created, r.Next(2, 10));
            if (proposal > DemoCustomers.AsOf) { list.Add(o); continue; }
            o.Move(SopStages.Proposal, stages, proposal, "demo");
            var sent = calendar.AddWorkingDays(proposal, r.NextDouble() < 0.8 ? r.Next(1, 4) : r.Next(4, 8));   // one in five late
            if (sent <= DemoCustomers.AsOf) o.MarkProposalSent(sent);
            var negotiation = sent.AddDays(r.Next(7, 30));
            if (negotiation > DemoCustomers.AsOf) { list.Add(o); continue; }
            if (r.NextDouble() < 0.2)
            {
                Close(o, negotiation, lost: true, r);
                list.Add(o);
                continue;
            }
            o.Move(SopStages.Negotiation, stages, negotiation, "demo");
            var close = calendar.AddWorkingDays(negotiation, r.Next(5, 22));
            if (close <= DemoCustomers.AsOf) Close(o, close, lost: r.NextDouble() < 0.35, r);
            list.Add(o);
        }
        return list;
    }

    static void Close(Opportunity o, DateOnly on, bool lost, Random r)
    {
        if (lost) o.Move(SopStages.Lost, SopStages.Default, on, "demo", LostReasons[r.Next(LostReasons.Length)], Competitors[r.Next(Competitors.Length)]);
        else o.Move(SopStages.Won, SopStages.Default, on, "demo");
    }
}
