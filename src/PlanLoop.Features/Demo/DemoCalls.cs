using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Demo;

/// <summary>
/// The demo's weekly forecast calls for 2024 up to the business day's week: every seller who books revenue calls the
/// current quarter each Monday, their manager calls the team from the sellers' calls (now and then adjusting it, with
/// a reason), the director calls the company. Each seller has a habit — some call low (sandbag), some high, some close
/// — and the calls close in on the quarter's real bookings as it runs, so the accuracy page has something to say about
/// whose commits can be trusted. A seller's roll-up is what was booked by that Monday (the deals' categories of the
/// past are not kept).
/// </summary>
static class DemoCalls
{
    static readonly double[] Habits = [-0.15, -0.05, 0.0, 0.05, 0.2];
    static readonly string[] Reasons = ["大单签约时间存在不确定性,保守调整", "渠道补货提前,上调", "两个续约可能推迟到下季度", "新客户试点转正,上调"];

    public static List<ForecastCall> Generate(IReadOnlyList<OrderLine> orders, IReadOnlyList<Person> people)
    {
        var r = new Random(DemoCustomers.Seed + 5);
        var calls = new List<ForecastCall>();
        var booking = orders.Where(o => o.BookedOn.Year == 2024).Select(o => o.OwnerId).ToHashSet();
        var sellers = people.Where(p => p.TeamId is not null && booking.Contains(p.Id)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var habit = sellers.ToDictionary(p => p.Id, _ => Habits[r.Next(Habits.Length)]);
        var byOwner = orders.Where(o => o.OwnerId is not null && o.BookedOn.Year == 2024).ToLookup(o => o.OwnerId!.Value);
        var lastWeek = ForecastCall.WeekOf(DemoCustomers.AsOf).AddDays(-7);   // the business day's own week is left to be called
        var director = people.FirstOrDefault(p => p.Position == Position.Director);
        for (var week = ForecastCall.WeekOf(new DateOnly(2024, 1, 1)); week <= lastWeek; week = week.AddDays(7))
        {
            var quarter = (week.Month + 2) / 3;
            var (from, to) = ForecastCall.PeriodOf(2024, quarter);
            if (week < from) continue;   // a Monday in the last days of the previous year
            var progress = (week.DayNumber - from.DayNumber) / (double)(to.DayNumber - from.DayNumber + 1);
            var at = week.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);   // 10:00 in Beijing
            var teamCalls = new Dictionary<Guid, (decimal Commit, decimal Best, Person? Manager)>();
            foreach (var seller in sellers)
            {
                var mine = byOwner[seller.Id].Where(o => o.BookedOn >= from && o.BookedOn <= to).ToList();
                var actual = mine.Sum(o => o.Amount);
                var booked = mine.Where(o => o.BookedOn < week).Sum(o => o.Amount);
                // The habit fades and the noise narrows as the quarter's bookings come in.
                var factor = 1 + habit[seller.Id] * (1 - progress) + 0.15 * (1 - progress) * (r.NextDouble() * 2 - 1);
                var commit = Math.Max(booked, Math.Round(actual * (decimal)factor, 0));
                var best = Math.Round(commit * (decimal)(1.1 + 0.2 * r.NextDouble()), 0);
                calls.Add(new ForecastCall(CallScope.Own, seller.Id, null, "demo", 2024, quarter, week, commit, best, booked, booked, null, null, at));
                var team = seller.TeamId!.Value;
                var sum = teamCalls.GetValueOrDefault(team);
                teamCalls[team] = (sum.Commit + commit, sum.Best + best, people.FirstOrDefault(p => p.TeamId == team && p.Position == Position.Manager));
            }
            decimal companyCommit = 0m, companyBest = 0m;
            foreach (var (team, (commit, best, manager)) in teamCalls.OrderBy(t => t.Key))
            {
                var adjust = r.NextDouble() < 0.25;
                var reason = adjust ? Reasons[r.Next(Reasons.Length)] : null;
                var called = adjust ? Math.Round(commit * (decimal)(0.95 + 0.1 * r.NextDouble()), 0) : commit;
                var calledBest = Math.Max(best, called);
                calls.Add(new ForecastCall(CallScope.Team, manager?.Id, team, "demo", 2024, quarter, week, called, calledBest, commit, best, null, reason, at.AddHours(2)));
                (companyCommit, companyBest) = (companyCommit + called, companyBest + calledBest);
            }
            calls.Add(new ForecastCall(CallScope.Company, director?.Id, null, "demo", 2024, quarter, week, companyCommit, companyBest, companyCommit, companyBest, null, null, at.AddHours(4)));
        }
        return calls;
    }
}
